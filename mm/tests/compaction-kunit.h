/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KUnit tests for compaction's policy and target handling.
 *
 * Included at the end of mm/compaction.c so that the static functions are
 * in reach.  The policy tests drive the linear policy over a zone that only
 * has its span set, doing what the mechanism would (advancing
 * cc->migrate_pfn), and check the invariants the design promises: sources
 * walk up, targets walk down, a target block always lies above the source
 * block, no block is visited by both scanners, and every pageblock of the
 * zone is visited by one of them.
 */
#ifdef CONFIG_COMPACTION_KUNIT_TEST

#ifndef _COMPACTION_KUNIT_H
#define _COMPACTION_KUNIT_H

#include <kunit/test.h>

/* A zone of @nr_pages pages from @start; only its span is set. */
static struct zone *compaction_test_zone(struct kunit *test,
					 unsigned long start,
					 unsigned long nr_pages)
{
	struct zone *zone = kunit_kzalloc(test, sizeof(*zone), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, zone);
	zone->zone_start_pfn = start;
	zone->spanned_pages = nr_pages;
	return zone;
}

/*
 * Walk the linear policy over a zone, one target block per source range,
 * and check its invariants.  Return the number of pageblocks visited.
 */
static unsigned long compaction_test_walk(struct kunit *test,
					  unsigned long start,
					  unsigned long nr_pages)
{
	struct zone *zone = compaction_test_zone(test, start, nr_pages);
	struct compact_control cc = { .zone = zone, .order = -1 };
	unsigned long s, e, last_source = 0, last_target = ULONG_MAX;
	unsigned long visited = 0, lowest_target = ULONG_MAX;
	bool sources = true, targets = true;

	linear_start(&cc);
	while (sources || targets) {
		sources = linear_next_source(&cc, &s, &e);
		if (sources) {
			KUNIT_EXPECT_LT(test, s, e);
			KUNIT_EXPECT_GE(test, s, zone->zone_start_pfn);
			KUNIT_EXPECT_LE(test, e, pageblock_end_pfn(s));
			KUNIT_EXPECT_LE(test, e, lowest_target);
			KUNIT_EXPECT_GE(test, s, last_source);
			last_source = e;
			if (pageblock_aligned(s) || s == zone->zone_start_pfn)
				visited++;
			cc.migrate_pfn = e;	/* as isolate_migrate_block() */
		}
		targets = linear_next_target(&cc, &s, &e);
		if (targets) {
			KUNIT_EXPECT_LT(test, s, e);
			KUNIT_EXPECT_LE(test, e, zone_end_pfn(zone));
			KUNIT_EXPECT_LE(test, e, last_target);
			KUNIT_EXPECT_GT(test, pageblock_start_pfn(s),
					pageblock_start_pfn(cc.migrate_pfn));
			last_target = s;
			lowest_target = s;
			visited++;
		}
	}
	KUNIT_EXPECT_GE(test, cc.migrate_pfn, cc.free_pfn);
	return visited;
}

static void compaction_test_linear_aligned(struct kunit *test)
{
	unsigned long blocks = 10;

	KUNIT_EXPECT_EQ(test, blocks,
			compaction_test_walk(test, 8 * pageblock_nr_pages,
					     blocks * pageblock_nr_pages));
}

static void compaction_test_linear_unaligned(struct kunit *test)
{
	/* starts and ends inside pageblocks: 1 + 6 + 1 blocks */
	unsigned long start = 3 * pageblock_nr_pages + 17;
	unsigned long end = 10 * pageblock_nr_pages + 5;

	KUNIT_EXPECT_EQ(test, 8UL,
			compaction_test_walk(test, start, end - start));
}

static void compaction_test_linear_tiny(struct kunit *test)
{
	/* one block, or part of one: only the migration scanner runs */
	KUNIT_EXPECT_EQ(test, 1UL,
			compaction_test_walk(test, pageblock_nr_pages,
					     pageblock_nr_pages));
	KUNIT_EXPECT_EQ(test, 1UL, compaction_test_walk(test, 1, 100));
}

static void compaction_test_too_large(struct kunit *test)
{
	struct compact_control cc = { .order = -1 };

	KUNIT_EXPECT_FALSE(test, compact_folio_too_large(&cc, 0));
	KUNIT_EXPECT_FALSE(test, compact_folio_too_large(&cc,
							 pageblock_order - 1));
	KUNIT_EXPECT_TRUE(test, compact_folio_too_large(&cc, pageblock_order));
	cc.order = 2;
	KUNIT_EXPECT_FALSE(test, compact_folio_too_large(&cc, 1));
	KUNIT_EXPECT_TRUE(test, compact_folio_too_large(&cc, 2));
	cc.alloc_contig = true;
	KUNIT_EXPECT_FALSE(test, compact_folio_too_large(&cc, pageblock_order));
}

/* Splitting an isolated block hands out its head and keeps the rest. */
static void compaction_test_take_target(struct kunit *test)
{
	struct compact_control cc = { };
	struct page *block, *page;
	unsigned int o;

	block = alloc_pages(GFP_KERNEL, 3);
	if (!block)
		kunit_skip(test, "no order-3 block");
	compact_init_freepages(&cc);
	list_add(&block->lru, &cc.freepages[3]);
	cc.nr_freepages = 8;

	page = compact_take_target(&cc, 0);
	KUNIT_EXPECT_PTR_EQ(test, page, block);
	KUNIT_EXPECT_EQ(test, 7U, cc.nr_freepages);
	for (o = 0; o < 3; o++) {
		KUNIT_EXPECT_TRUE(test, list_is_singular(&cc.freepages[o]));
		KUNIT_EXPECT_PTR_EQ(test, list_first_entry(&cc.freepages[o],
							   struct page, lru),
				    block + (1UL << o));
	}
	KUNIT_EXPECT_TRUE(test, list_empty(&cc.freepages[3]));
	KUNIT_EXPECT_NULL(test, compact_take_target(&cc, 3));

	/* the pages are ours, not free: forget the lists before freeing */
	compact_init_freepages(&cc);
	__free_pages(block, 3);
}

static struct kunit_case compaction_test_cases[] = {
	KUNIT_CASE(compaction_test_linear_aligned),
	KUNIT_CASE(compaction_test_linear_unaligned),
	KUNIT_CASE(compaction_test_linear_tiny),
	KUNIT_CASE(compaction_test_too_large),
	KUNIT_CASE(compaction_test_take_target),
	{},
};

static struct kunit_suite compaction_test_suite = {
	.name = "compaction",
	.test_cases = compaction_test_cases,
};

kunit_test_suite(compaction_test_suite);

#endif /* _COMPACTION_KUNIT_H */

#endif /* CONFIG_COMPACTION_KUNIT_TEST */
