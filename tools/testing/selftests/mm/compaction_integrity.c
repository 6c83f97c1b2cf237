// SPDX-License-Identifier: GPL-2.0
/*
 * Compaction must move pages without losing a byte, and must turn
 * scattered free pages into free pageblocks.
 *
 * Each test fragments physical memory with compaction_frag.c: it maps
 * anonymous memory, fills it with a pattern, and frees pages so that every
 * physical pageblock it touched keeps some of its pages.  It then triggers
 * compaction through /proc/sys/vm/compact_memory or through node 0's sysfs
 * compact file, and checks that:
 *
 *  - every byte of every kept page still holds its pattern;
 *  - some kept pages changed frame: compaction really migrated;
 *  - free pageblocks rose to at least 3/4 of the limit, where
 *	limit = sum over zones of min(MIGRATE_MOVABLE pageblocks,
 *				      (free pages - min watermark) / pageblock)
 *    (a block holding an unmovable page cannot be emptied, and what is
 *    moved out needs free pages above the watermark elsewhere);
 *  - nr_isolated_anon and nr_isolated_file are back to zero.
 *
 * The fragmenter takes three quarters of free memory, so that few free
 * pageblocks are left before compaction; COMPACTION_TEST_MB overrides
 * that.  Needs root, to read frame numbers and pagetypeinfo.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../kselftest_harness.h"
#include "compaction_frag.h"

#define PCP_FRACTION	"/proc/sys/vm/percpu_pagelist_high_fraction"
#define PROACTIVENESS	"/proc/sys/vm/compaction_proactiveness"
#define COMPACT_MEMORY	"/proc/sys/vm/compact_memory"
#define COMPACT_NODE0	"/sys/devices/system/node/node0/compact"

static size_t test_bytes(void)
{
	const char *mb = getenv("COMPACTION_TEST_MB");
	long free_kb = 0;
	char line[128];
	FILE *f;

	if (mb)
		return (size_t)atol(mb) << 20;
	f = fopen("/proc/meminfo", "r");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "MemFree: %ld kB", &free_kb) == 1)
			break;
	if (f)
		fclose(f);
	return (size_t)free_kb * 1024 / 4 * 3;
}

FIXTURE(frag) {
	struct frag_region r;
	char saved_pcp[32];
	char saved_proactive[32];
};

FIXTURE_VARIANT(frag) {
	int pattern;
	const char *trigger;
};

FIXTURE_VARIANT_ADD(frag, alternate_proc) {
	.pattern = FRAG_ALTERNATE,
	.trigger = COMPACT_MEMORY,
};

FIXTURE_VARIANT_ADD(frag, random_node) {
	.pattern = FRAG_RANDOM,
	.trigger = COMPACT_NODE0,
};

FIXTURE_VARIANT_ADD(frag, halves_proc) {
	.pattern = FRAG_HALVES,
	.trigger = COMPACT_MEMORY,
};

FIXTURE_VARIANT_ADD(frag, sparse_node) {
	.pattern = FRAG_SPARSE,
	.trigger = COMPACT_NODE0,
};

FIXTURE_SETUP(frag)
{
	int ret;

	memset(&self->r, 0, sizeof(self->r));
	self->saved_pcp[0] = '\0';
	self->saved_proactive[0] = '\0';
	if (geteuid())
		SKIP(return, "needs root to read frame numbers");
	if (access(variant->trigger, W_OK))
		SKIP(return, "%s not available", variant->trigger);

	/* Freed pages must reach the buddy lists, and nobody else compacts. */
	ASSERT_EQ(0, frag_read_file(PCP_FRACTION, self->saved_pcp,
				    sizeof(self->saved_pcp)));
	ASSERT_EQ(0, frag_read_file(PROACTIVENESS, self->saved_proactive,
				    sizeof(self->saved_proactive)));
	ASSERT_EQ(0, frag_write_file(PCP_FRACTION, "100000"));
	ASSERT_EQ(0, frag_write_file(PROACTIVENESS, "0"));

	ret = frag_create(&self->r, test_bytes(), variant->pattern, 0x5eed);
	ASSERT_EQ(0, ret);
	TH_LOG("%s: %zu pages mapped, %zu kept",
	       frag_pattern_name(variant->pattern), self->r.nr_pages,
	       self->r.nr_kept);
}

FIXTURE_TEARDOWN(frag)
{
	frag_destroy(&self->r);
	if (self->saved_pcp[0])
		frag_write_file(PCP_FRACTION, self->saved_pcp);
	if (self->saved_proactive[0])
		frag_write_file(PROACTIVENESS, self->saved_proactive);
}

TEST_F_TIMEOUT(frag, compact_and_verify, 900)
{
	long before, after, limit, moved, migrated;
	size_t bad;

	before = frag_free_pageblocks();
	migrated = frag_vmstat("pgmigrate_success");
	ASSERT_GE(before, 0);

	ASSERT_EQ(0, frag_write_file(variant->trigger, "1"));

	after = frag_free_pageblocks();
	limit = frag_pageblock_limit();
	migrated = frag_vmstat("pgmigrate_success") - migrated;
	moved = frag_count_moved(&self->r);
	bad = frag_verify(&self->r);
	TH_LOG("free pageblocks %ld -> %ld, limit %ld; pages migrated %ld, kept pages moved %ld",
	       before, after, limit, migrated, moved);

	ASSERT_EQ(0, bad) TH_LOG("%zu kept pages corrupted", bad);
	ASSERT_GT(moved, 0) TH_LOG("compaction moved none of our pages");
	ASSERT_GT(after, before);
	ASSERT_GE(after * 4, limit * 3)
		TH_LOG("%ld free pageblocks, limit %ld", after, limit);
	ASSERT_EQ(0, frag_vmstat("nr_isolated_anon"));
	ASSERT_EQ(0, frag_vmstat("nr_isolated_file"));
}

TEST_HARNESS_MAIN
