/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fragment physical memory on purpose, and check it afterwards.
 *
 * frag_create() maps anonymous memory (no THP), fills every page with a
 * pattern derived from its address, reads each page's frame number from
 * /proc/self/pagemap and frees the pages a pattern does not keep, so that
 * every physical pageblock the mapping touched keeps a chosen share of its
 * pages.  frag_verify() rechecks every byte of every kept page, and
 * frag_count_moved() tells how many kept pages changed frame since.
 *
 * The zone helpers read /proc/buddyinfo, /proc/zoneinfo and
 * /proc/pagetypeinfo to count free pageblocks and to bound how many
 * compaction could produce.  Reading frame numbers and pagetypeinfo
 * needs root.
 */
#ifndef __COMPACTION_FRAG_H
#define __COMPACTION_FRAG_H

#include <stddef.h>
#include <stdint.h>

enum frag_pattern {
	FRAG_ALTERNATE,		/* keep every other frame */
	FRAG_RANDOM,		/* each block keeps a random share */
	FRAG_HALVES,		/* half the blocks nearly empty, half nearly full */
	FRAG_SPARSE,		/* a few frames per block (1 in 64) */
	NR_FRAG_PATTERNS,
};

struct frag_region {
	char *base;
	size_t nr_pages;
	size_t nr_kept;
	uint64_t seed;
	uint64_t *pfn;		/* frame of each page at creation, 0 if freed */
};

int frag_pattern_parse(const char *name);
const char *frag_pattern_name(int pattern);
int frag_create(struct frag_region *r, size_t bytes, int pattern,
		uint64_t seed);
size_t frag_verify(const struct frag_region *r);
long frag_count_moved(const struct frag_region *r);
int frag_rebase(struct frag_region *r);
void frag_set_compressible(int on);
size_t frag_page_size(void);
void frag_destroy(struct frag_region *r);

unsigned int frag_pageblock_order(void);
long frag_free_blocks(unsigned int order);
long frag_free_pageblocks(void);
long frag_pageblock_limit(void);
long frag_vmstat(const char *name);
long frag_mthp_stat(unsigned int kb, const char *name);
int frag_pmd_thp_enabled(const char *val);

#define FRAG_THP_DIR	"/sys/kernel/mm/transparent_hugepage"
#define FRAG_MTHP_DIR	FRAG_THP_DIR "/hugepages-64kB"
int frag_write_file(const char *path, const char *val);
int frag_read_file(const char *path, char *buf, size_t len);

#endif /* __COMPACTION_FRAG_H */
