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
 * A second fixture fills the fragmenter's holes among 64 KiB folios, so
 * that manual compaction moves folios where it isolated no 64 KiB target:
 * migrate_pages() must split them (the folio size's "split" stat rises;
 * in a 2 GiB guest ours split 348 and stock 6.12 568) without losing a
 * byte of either kind of page.
 *
 * The fragmenter takes three quarters of free memory, so that few free
 * pageblocks are left before compaction; COMPACTION_TEST_MB overrides
 * that.  Needs root, to read frame numbers and pagetypeinfo.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <stdbool.h>
#include <sys/mman.h>

#include "../kselftest_harness.h"
#include "compaction_frag.h"
#include "thp_settings.h"

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

/* What quiet_enter() changed, for quiet_leave() */
struct quiet {
	char pcp[32];
	char proactive[32];
};

/*
 * Freed pages must reach the buddy lists, and nobody else compacts.
 * Return: 0, or -1 with nothing changed.
 */
static int quiet_enter(struct quiet *q)
{
	if (frag_read_file(PCP_FRACTION, q->pcp, sizeof(q->pcp)) ||
	    frag_read_file(PROACTIVENESS, q->proactive, sizeof(q->proactive)))
		return -1;
	if (frag_write_file(PCP_FRACTION, "100000") ||
	    frag_write_file(PROACTIVENESS, "0")) {
		frag_write_file(PCP_FRACTION, q->pcp);
		return -1;
	}
	return 0;
}

static void quiet_leave(struct quiet *q)
{
	if (q->pcp[0])
		frag_write_file(PCP_FRACTION, q->pcp);
	if (q->proactive[0])
		frag_write_file(PROACTIVENESS, q->proactive);
}

FIXTURE(frag) {
	struct frag_region r;
	struct quiet q;
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

	memset(self, 0, sizeof(*self));
	if (geteuid())
		SKIP(return, "needs root to read frame numbers");
	if (access(variant->trigger, W_OK))
		SKIP(return, "%s not available", variant->trigger);

	ASSERT_EQ(0, quiet_enter(&self->q));
	ret = frag_create(&self->r, test_bytes(), variant->pattern, 0x5eed);
	ASSERT_EQ(0, ret);
	TH_LOG("%s: %zu pages mapped, %zu kept",
	       frag_pattern_name(variant->pattern), self->r.nr_pages,
	       self->r.nr_kept);
}

FIXTURE_TEARDOWN(frag)
{
	frag_destroy(&self->r);
	quiet_leave(&self->q);
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

/*
 * 64 KiB folios that compaction moves where the free pages it isolated
 * hold no 64 KiB block: migrate_pages() splits them and moves their pages
 * one by one.  The fixture maps 64 KiB folios over an eighth of free
 * memory, unmaps every other one, and lets the fragmenter's base pages
 * fill the holes, of which it then frees every other frame: the folios'
 * blocks hold 256 pages in folios, 128 base pages and 128 free ones.
 * Every byte of both must survive manual compaction, and no page may stay
 * isolated.
 */
#define MTHP_SIZE	(64UL << 10)

static uint64_t mthp_word(size_t i)
{
	return (i * 0x9e3779b97f4a7c15ULL) ^ 0x5117;
}

FIXTURE(split) {
	struct frag_region r;
	char *map, *p;
	size_t len, nr;
	struct quiet q;
	bool thp_saved;
};

FIXTURE_SETUP(split)
{
	uint64_t *w;
	long faulted;
	size_t i, j;

	memset(self, 0, sizeof(*self));
	if (geteuid())
		SKIP(return, "needs root to read frame numbers");
	if (access(FRAG_MTHP_DIR "/enabled", W_OK))
		SKIP(return, "no 64 KiB mTHP");
	thp_save_settings();
	self->thp_saved = true;
	ASSERT_EQ(0, quiet_enter(&self->q));
	thp_write_string("enabled", "madvise");
	frag_pmd_thp_enabled("never");
	ASSERT_EQ(0, frag_write_file(FRAG_MTHP_DIR "/enabled", "madvise"));

	self->nr = test_bytes() / 6 / MTHP_SIZE;
	self->len = (self->nr + 1) * MTHP_SIZE;
	self->map = mmap(NULL, self->len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, self->map);
	self->p = (char *)(((uintptr_t)self->map + MTHP_SIZE - 1) &
			   ~(MTHP_SIZE - 1));
	ASSERT_EQ(0, madvise(self->p, self->nr * MTHP_SIZE, MADV_HUGEPAGE));
	faulted = frag_mthp_stat(64, "anon_fault_alloc");
	w = (uint64_t *)self->p;
	for (i = 0; i < self->nr * MTHP_SIZE / sizeof(*w); i++)
		w[i] = mthp_word(i);
	faulted = frag_mthp_stat(64, "anon_fault_alloc") - faulted;
	if (faulted * 2 < (long)self->nr)
		SKIP(return, "%ld of %zu faults got 64 KiB", faulted, self->nr);
	for (i = 1; i < self->nr; i += 2)
		ASSERT_EQ(0, madvise(self->p + i * MTHP_SIZE, MTHP_SIZE,
				     MADV_DONTNEED));
	/* the holes and some more: allocations take the smallest blocks */
	j = self->nr / 2 * MTHP_SIZE + (32UL << 20);
	ASSERT_EQ(0, frag_create(&self->r, j, FRAG_ALTERNATE, 0x5117));
	TH_LOG("%ld 64 KiB folios faulted, every other one unmapped; %zu base pages kept",
	       faulted, self->r.nr_kept);
}

FIXTURE_TEARDOWN(split)
{
	frag_destroy(&self->r);
	if (self->map)
		munmap(self->map, self->len);
	quiet_leave(&self->q);
	if (self->thp_saved)
		thp_restore_settings();
}

/* Words of the @nr 64 KiB units at @p still mapped (the even ones) that changed */
static size_t mthp_verify(const char *p, size_t nr)
{
	size_t per = MTHP_SIZE / sizeof(uint64_t), i, j, bad = 0;
	const uint64_t *w = (const uint64_t *)p;

	for (i = 0; i < nr; i += 2)
		for (j = i * per; j < (i + 1) * per; j++)
			bad += w[j] != mthp_word(j);
	return bad;
}

TEST_F_TIMEOUT(split, mthp_split_and_verify, 900)
{
	long split = frag_mthp_stat(64, "split"), migrated;
	long thp_split = frag_vmstat("thp_split_page");
	size_t bad;

	ASSERT_LE(0, split);
	migrated = frag_vmstat("pgmigrate_success");
	ASSERT_EQ(0, frag_write_file(COMPACT_MEMORY, "1"));
	split = frag_mthp_stat(64, "split") - split;
	migrated = frag_vmstat("pgmigrate_success") - migrated;
	bad = mthp_verify(self->p, self->nr);
	TH_LOG("64 KiB folios split %ld; thp_split_page +%ld; migrated %ld; base pages moved %ld",
	       split, frag_vmstat("thp_split_page") - thp_split, migrated,
	       frag_count_moved(&self->r));
	ASSERT_EQ(0, bad) TH_LOG("%zu words of 64 KiB folios corrupted", bad);
	ASSERT_EQ(0, frag_verify(&self->r));
	ASSERT_GT(split, 0) TH_LOG("no 64 KiB folio was split");
	ASSERT_EQ(0, frag_vmstat("nr_isolated_anon"));
	ASSERT_EQ(0, frag_vmstat("nr_isolated_file"));
}

TEST_HARNESS_MAIN
