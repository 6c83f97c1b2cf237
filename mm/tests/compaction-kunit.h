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
 *
 * The cost policy's tests build an occupancy picture by hand and check the
 * plan: sources cheapest first, never a stuck block, no more movable pages
 * than the targets can hold, targets emptiest first and never a block the
 * whole plan would evacuate, even when a budget limits the run; that the
 * migration scanner visits exactly the sources' blocks; and that targets
 * taken from the free lists never lie in a block of the plan.  The region
 * policy's tests check that it keeps the cheapest regions and takes no
 * target inside them, that every direct run with an order uses it, and
 * that the blocks one run claims are no other run's source or target.
 * The goal every run shares is checked for proactive runs: they give way
 * to kswapd as soon as it runs.  compaction_zonelist_suitable() is checked
 * against the watermark alone, as the allocator's retry logic expects.
 */
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
	struct compact_run run = {
		.cc = { .zone = zone, .order = -1 },
		.policy = &compact_linear_policy,
	};
	unsigned long s, e, last_source = 0, last_target = ULONG_MAX;
	unsigned long visited = 0, lowest_target = ULONG_MAX;
	bool sources = true, targets = true;

	compact_start(&run);
	while (sources || targets) {
		sources = compact_linear_next_source(&run, &s, &e);
		if (sources) {
			KUNIT_EXPECT_LT(test, s, e);
			KUNIT_EXPECT_GE(test, s, zone->zone_start_pfn);
			KUNIT_EXPECT_LE(test, e, pageblock_end_pfn(s));
			KUNIT_EXPECT_LE(test, e, lowest_target);
			KUNIT_EXPECT_GE(test, s, last_source);
			last_source = e;
			if (pageblock_aligned(s) || s == zone->zone_start_pfn)
				visited++;
			run.cc.migrate_pfn = e;	/* as isolate_migrate_block() */
		}
		targets = compact_linear_next_target(&run, &s, &e);
		if (targets) {
			KUNIT_EXPECT_LT(test, s, e);
			KUNIT_EXPECT_LE(test, e, zone_end_pfn(zone));
			KUNIT_EXPECT_LE(test, e, last_target);
			KUNIT_EXPECT_GT(test, pageblock_start_pfn(s),
					pageblock_start_pfn(run.cc.migrate_pfn));
			last_target = s;
			lowest_target = s;
			visited++;
		}
	}
	KUNIT_EXPECT_GE(test, run.cc.migrate_pfn, run.cc.free_pfn);
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

/* A picture of @n blocks from pfn 0 with the given free/movable/stuck. */
static struct compact_picture *
compaction_test_picture(struct kunit *test, const unsigned int (*spec)[3],
			unsigned int n)
{
	struct compact_picture *pic = kunit_kzalloc(test, sizeof(*pic),
						    GFP_KERNEL);
	unsigned int i;

	/* sizes are in 64ths of a block, against a fixed batch of pages */
	if (pageblock_nr_pages < 8 * COMPACT_CLUSTER_MAX)
		kunit_skip(test, "pageblocks too small for these pictures");
	KUNIT_ASSERT_NOT_NULL(test, pic);
	pic->nr_blocks = n;
	pic->blocks = kunit_kcalloc(test, n, sizeof(*pic->blocks), GFP_KERNEL);
	pic->plan = kunit_kcalloc(test, n, sizeof(*pic->plan), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pic->blocks);
	KUNIT_ASSERT_NOT_NULL(test, pic->plan);
	for (i = 0; i < n; i++) {
		pic->blocks[i].free = spec[i][0] * pageblock_nr_pages / 64;
		pic->blocks[i].movable = spec[i][1] * pageblock_nr_pages / 64;
		pic->blocks[i].stuck = spec[i][2];
		pic->blocks[i].target_ok = 1;
	}
	return pic;
}

/* Check the plan's invariants; return the movable pages it moves. */
static unsigned long compaction_test_plan_ok(struct kunit *test,
					     struct compact_picture *pic)
{
	unsigned long need = 0, room = 0;
	unsigned int i, prev = 0;
	struct compact_block *b;

	for (i = 0; i < pic->nr_sources; i++) {
		b = &pic->blocks[pic->plan[i]];
		KUNIT_EXPECT_FALSE(test, b->stuck);
		KUNIT_EXPECT_TRUE(test, b->source);
		KUNIT_EXPECT_GE(test, b->movable, prev);
		prev = b->movable;
		need += b->movable;
	}
	prev = UINT_MAX;
	for (; i < pic->nr_sources + pic->nr_targets; i++) {
		b = &pic->blocks[pic->plan[i]];
		KUNIT_EXPECT_FALSE(test, b->source);
		KUNIT_EXPECT_GT(test, b->free, 0U);
		KUNIT_EXPECT_LT(test, b->free, (unsigned int)pageblock_nr_pages);
		KUNIT_EXPECT_LE(test, b->free, prev);
		prev = b->free;
		room += b->free;
	}
	KUNIT_EXPECT_LE(test, need, room);
	return need;
}

static void compaction_test_cost_plan(struct kunit *test)
{
	/* free, movable, stuck (in 64ths of a block) */
	static const unsigned int spec[][3] = {
		{ 64, 0, 0 },	/* free already: neither */
		{ 60, 4, 0 },	/* cheapest source */
		{ 2, 62, 0 },	/* last target */
		{ 48, 8, 1 },	/* stuck: first target, never a source */
		{ 40, 24, 0 },	/* third source */
		{ 50, 14, 0 },	/* second source */
		{ 4, 60, 0 },
	};
	struct compact_picture *pic;

	pic = compaction_test_picture(test, spec, ARRAY_SIZE(spec));
	compact_cost_plan(pic, UINT_MAX, 0);
	/* 4 + 14 + 24 fit in 2 + 48 + 4; 60 more would not */
	KUNIT_EXPECT_EQ(test, pic->nr_sources, 3U);
	KUNIT_EXPECT_EQ(test, pic->plan[0], 1U);
	KUNIT_EXPECT_EQ(test, pic->plan[1], 5U);
	KUNIT_EXPECT_EQ(test, pic->plan[2], 4U);
	KUNIT_EXPECT_EQ(test, pic->nr_targets, 3U);
	KUNIT_EXPECT_EQ(test, pic->plan[3], 3U);
	KUNIT_EXPECT_EQ(test, pic->plan[5], 2U);
	compaction_test_plan_ok(test, pic);

	/* a budget shortens the run, not the set that targets avoid */
	compact_cost_plan(pic, 1, 0);
	KUNIT_EXPECT_EQ(test, pic->nr_sources, 1U);
	KUNIT_EXPECT_EQ(test, pic->plan[0], 1U);
	KUNIT_EXPECT_EQ(test, pic->nr_targets, 3U);
	compaction_test_plan_ok(test, pic);
}

static void compaction_test_cost_no_room(struct kunit *test)
{
	static const unsigned int spec[][3] = {
		{ 1, 63, 0 }, { 1, 63, 0 }, { 1, 63, 0 }, { 0, 0, 1 },
	};
	struct compact_picture *pic;

	pic = compaction_test_picture(test, spec, ARRAY_SIZE(spec));
	compact_cost_plan(pic, UINT_MAX, 0);
	KUNIT_EXPECT_EQ(test, pic->nr_sources, 0U);
	compaction_test_plan_ok(test, pic);
}

/* The migration scanner visits each source block whole, in plan order. */
static void compaction_test_cost_walk(struct kunit *test)
{
	static const unsigned int spec[][3] = {
		{ 8, 56, 0 }, { 60, 4, 0 }, { 8, 56, 0 }, { 56, 8, 0 },
		{ 4, 60, 0 }, { 8, 56, 0 },
	};
	struct compact_run run = { .cc.order = -1 };
	unsigned long s, e, pages = 0;

	run.picture = compaction_test_picture(test, spec, ARRAY_SIZE(spec));
	run.cc.zone = compaction_test_zone(test, 0, ARRAY_SIZE(spec) *
					   pageblock_nr_pages);
	compact_cost_plan(run.picture, UINT_MAX, 0);
	KUNIT_ASSERT_EQ(test, run.picture->nr_sources, 2U);
	run.cc.migrate_pfn = pic_pfn(run.picture, run.picture->plan[0]);
	while (compact_cost_next_source(&run, &s, &e)) {
		KUNIT_EXPECT_EQ(test, pageblock_start_pfn(s),
				pic_pfn(run.picture,
					run.picture->plan[run.picture->source]));
		KUNIT_EXPECT_EQ(test, e, pageblock_end_pfn(s));
		/* as isolate_migrate_block(): a cluster at a time */
		run.cc.migrate_pfn = min(s + COMPACT_CLUSTER_MAX, e);
		pages += run.cc.migrate_pfn - s;
	}
	KUNIT_EXPECT_EQ(test, pages, 2 * pageblock_nr_pages);
	while (compact_cost_next_target(&run, &s, &e)) {
		KUNIT_EXPECT_FALSE(test,
				   run.picture->blocks[s >> pageblock_order].source);
		KUNIT_EXPECT_LE(test, e, zone_end_pfn(run.cc.zone));
	}
}

/*
 * Targets from the free lists: never in a block the whole plan evacuates,
 * budget or not, never outside the picture; a block that gives one is
 * pictured fuller by as much.
 */
static void compaction_test_cost_list_target(struct kunit *test)
{
	static const unsigned int spec[][3] = {
		{ 60, 4, 0 }, { 8, 56, 0 }, { 56, 8, 0 }, { 48, 8, 1 },
	};
	struct compact_run run = { .cc.order = 9 };
	struct compact_picture *pic;
	unsigned int free, movable, i;

	pic = compaction_test_picture(test, spec, ARRAY_SIZE(spec));
	run.picture = pic;
	pic->start_pfn = 4 * pageblock_nr_pages;
	compact_cost_plan(pic, 1, 0);
	KUNIT_ASSERT_EQ(test, pic->nr_sources, 1U);
	for (i = 0; i < pic->nr_blocks; i++) {
		unsigned long pfn = pic_pfn(pic, i) + 3;

		free = pic->blocks[i].free;
		movable = pic->blocks[i].movable;
		KUNIT_EXPECT_EQ(test, compact_cost_list_target(&run, pfn, 2),
				(bool)!pic->blocks[i].source);
		/* the predicate changes nothing */
		KUNIT_EXPECT_EQ(test, pic->blocks[i].free, free);
		KUNIT_EXPECT_EQ(test, pic->blocks[i].movable, movable);
		if (pic->blocks[i].source)
			continue;
		compact_cost_list_took(&run, pfn, 2);
		KUNIT_EXPECT_EQ(test, pic->blocks[i].free, free - 4);
		KUNIT_EXPECT_EQ(test, pic->blocks[i].movable, movable + 4);
	}
	/* blocks 0 and 2 are the plan, block 2 beyond the budget */
	KUNIT_EXPECT_TRUE(test, pic->blocks[2].source);
	KUNIT_EXPECT_FALSE(test, compact_cost_list_target(&run, 0, 0));
	KUNIT_EXPECT_FALSE(test,
			   compact_cost_list_target(&run, pic_pfn(pic, 4), 0));
}

/* The region policy keeps the cheapest regions, once each, cheapest first. */
static void compaction_test_region_consider(struct kunit *test)
{
	static const unsigned int costs[] = { 9, 3, 7, 3, 1, 8, 2, 5 };
	struct compact_run run = { .cc.order = 4 };
	struct compact_regions *r = &run.regions;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(costs); i++)
		compact_region_consider(r, 16 * (i + 1), costs[i]);
	/* a region met again (another free block in it) is not kept twice */
	compact_region_consider(r, 16 * 5, 1);
	KUNIT_ASSERT_EQ(test, r->nr, (unsigned int)COMPACT_REGIONS);
	for (i = 1; i < r->nr; i++)
		KUNIT_EXPECT_LE(test, r->cost[i - 1], r->cost[i]);
	KUNIT_EXPECT_EQ(test, r->pfn[0], 16UL * 5);
	KUNIT_EXPECT_EQ(test, r->cost[0], 1U);
	KUNIT_EXPECT_EQ(test, r->cost[1], 2U);
	if (COMPACT_REGIONS > 2)
		KUNIT_EXPECT_EQ(test, r->cost[2], 3U);

	/* targets never come from a region being evacuated */
	KUNIT_EXPECT_FALSE(test,
			   compact_region_list_target(&run, 16 * 5 + 15, 0));
	KUNIT_EXPECT_FALSE(test,
			   compact_region_list_target(&run, 16 * 7 + 8, 3));
	KUNIT_EXPECT_TRUE(test, compact_region_list_target(&run, 16 * 1, 0));
	KUNIT_EXPECT_TRUE(test,
			  compact_region_list_target(&run, 16 * 5 + 16, 0));
	/* nor from a larger free block that holds one */
	KUNIT_EXPECT_FALSE(test, compact_region_list_target(&run, 64, 6));
	KUNIT_EXPECT_TRUE(test, compact_region_list_target(&run, 16 * 8, 4));
}

/*
 * Every direct run with an order, a pageblock or more included, would
 * rather use the region policy, and no picture: no whole-zone survey on
 * the allocator's slow path.  The last-chance try is linear; so is an
 * order-0 run.
 */
static void compaction_test_choose_policy(struct kunit *test)
{
	const int orders[] = { 1, 4, PAGE_ALLOC_COSTLY_ORDER + 1,
			       pageblock_order, MAX_PAGE_ORDER };
	struct compact_control cc = { }, kc = { };
	unsigned int i;

	if (READ_ONCE(compact_policy) != &compact_cost_policy)
		kunit_skip(test, "compaction.policy is not cost");
	for (i = 0; i < ARRAY_SIZE(orders); i++) {
		cc.order = orders[i];
		compact_direct_control(&cc, COMPACT_PRIO_ASYNC);
		KUNIT_EXPECT_PTR_EQ(test, compact_preferred_policy(&cc),
				    &compact_region_policy);
		compact_direct_control(&cc, COMPACT_PRIO_SYNC_LIGHT);
		KUNIT_EXPECT_PTR_EQ(test, compact_preferred_policy(&cc),
				    &compact_region_policy);
		compact_direct_control(&cc, MIN_COMPACT_PRIORITY);
		KUNIT_EXPECT_PTR_EQ(test, compact_preferred_policy(&cc),
				    &compact_linear_policy);
	}
	cc.order = 0;
	compact_direct_control(&cc, COMPACT_PRIO_ASYNC);
	KUNIT_EXPECT_PTR_EQ(test, compact_preferred_policy(&cc),
			    &compact_linear_policy);
	/* kcompactd: regions below a block, the picture for a block */
	kc.order = pageblock_order - 1;
	KUNIT_EXPECT_PTR_EQ(test, compact_preferred_policy(&kc),
			    &compact_region_policy);
	kc.order = pageblock_order;
	KUNIT_EXPECT_PTR_EQ(test, compact_preferred_policy(&kc),
			    &compact_cost_policy);
	kc.order = -1;
	KUNIT_EXPECT_PTR_EQ(test, compact_preferred_policy(&kc),
			    &compact_cost_policy);
}

/*
 * A direct run of @order whose regions start at @page and, when @second
 * is not 0, at @second.  Allocated: three runs on one stack exceed the
 * frame limit of a KASAN build.
 */
static struct compact_run *compaction_test_claims_run(struct kunit *test,
						      struct page *page,
						      int order,
						      unsigned long second)
{
	struct compact_run *run = kunit_kzalloc(test, sizeof(*run),
						GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, run);
	run->cc.zone = page_zone(page);
	run->cc.order = order;
	run->cc.mode = MIGRATE_SYNC_LIGHT;
	run->cc.direct_compaction = true;
	run->regions.pfn[run->regions.nr++] = page_to_pfn(page);
	if (second)
		run->regions.pfn[run->regions.nr++] = second;
	return run;
}

/*
 * Two direct runs never evacuate one block: the second declines a region
 * whose block the first claimed, no run takes a target from it, and the
 * claim is gone when the first run stops.  On a real pageblock, allocated
 * for the test.
 */
static void compaction_test_claims_on(struct kunit *test, struct page *page)
{
	unsigned long half = 1UL << (pageblock_order - 1);
	struct compact_run *a, *b, *c;

	a = compaction_test_claims_run(test, page, pageblock_order, 0);
	b = compaction_test_claims_run(test, page, pageblock_order, 0);
	c = compaction_test_claims_run(test, page, pageblock_order - 1,
				       page_to_pfn(page) + half);

	compact_region_claim(a);
	KUNIT_EXPECT_EQ(test, a->regions.nr, 1U);
	KUNIT_EXPECT_TRUE(test, compact_block_claimed(page));
	KUNIT_EXPECT_FALSE(test, compact_target_block_ok(page));
	compact_region_claim(b);
	KUNIT_EXPECT_EQ(test, b->regions.nr, 0U);
	compact_region_stop(b, COMPACT_PARTIAL_SKIPPED);
	KUNIT_EXPECT_TRUE(test, compact_block_claimed(page));
	compact_region_stop(a, COMPACT_SUCCESS);
	KUNIT_EXPECT_FALSE(test, compact_block_claimed(page));
	KUNIT_EXPECT_TRUE(test, compact_target_block_ok(page));

	/* two regions of one run in one block: both kept */
	compact_region_claim(c);
	KUNIT_EXPECT_EQ(test, c->regions.nr, 2U);
	compact_region_stop(c, COMPACT_SUCCESS);
	KUNIT_EXPECT_FALSE(test, compact_block_claimed(page));
}

static void compaction_test_region_claims(struct kunit *test)
{
	struct page *page = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN,
					pageblock_order);
	bool movable;

	if (!page)
		kunit_skip(test, "no free pageblock");
	movable = compact_target_block_ok(page);
	if (movable)
		compaction_test_claims_on(test, page);
	__free_pages(page, pageblock_order);
	if (!movable)
		kunit_skip(test, "the block is not movable");
}

/*
 * A block holding a movable page the run may not move is no source for
 * that run (it would be walked, fail, and end the budget), and a source
 * for a run that may.
 */
static void compaction_test_cost_refuses(struct kunit *test)
{
	static const unsigned int spec[][3] = {
		{ 60, 4, 0 },	/* cheapest, but holds a refused page */
		{ 50, 14, 0 },
		{ 8, 56, 0 }, { 8, 56, 0 },
	};
	static const u8 holds[] = {
		COMPACT_HOLDS_FILE, COMPACT_HOLDS_WRITEBACK,
		COMPACT_HOLDS_MLOCKED,
	};
	struct compact_picture *pic;
	unsigned int i;

	pic = compaction_test_picture(test, spec, ARRAY_SIZE(spec));
	for (i = 0; i < ARRAY_SIZE(holds); i++) {
		pic->blocks[0].holds = holds[i];
		compact_cost_plan(pic, 1, holds[i]);
		KUNIT_ASSERT_EQ(test, pic->nr_sources, 1U);
		KUNIT_EXPECT_EQ(test, pic->plan[0], 1U);
		KUNIT_EXPECT_FALSE(test, pic->blocks[0].source);
		compact_cost_plan(pic, 1, (u8)~holds[i]);
		KUNIT_ASSERT_EQ(test, pic->nr_sources, 1U);
		KUNIT_EXPECT_EQ(test, pic->plan[0], 0U);
	}
}

/* What each run may not move, as compact_folio_movable() decides. */
static void compaction_test_refuses_modes(struct kunit *test)
{
	struct compact_control fs = { .gfp_mask = GFP_KERNEL };
	struct compact_control nofs = { .gfp_mask = GFP_NOFS,
					.mode = MIGRATE_ASYNC };
	int saved = sysctl_compact_unevictable_allowed;
	u8 r;

	sysctl_compact_unevictable_allowed = 1;
	fs.mode = MIGRATE_SYNC;
	KUNIT_EXPECT_EQ(test, compact_cost_refuses(&fs), 0);
	fs.mode = MIGRATE_SYNC_LIGHT;
	KUNIT_EXPECT_EQ(test, compact_cost_refuses(&fs),
			COMPACT_HOLDS_WRITEBACK);
	KUNIT_EXPECT_EQ(test, compact_cost_refuses(&nofs),
			COMPACT_HOLDS_WRITEBACK | COMPACT_HOLDS_FILE);
	sysctl_compact_unevictable_allowed = 0;
	r = compact_cost_refuses(&fs);
	sysctl_compact_unevictable_allowed = saved;
	KUNIT_EXPECT_TRUE(test, r & COMPACT_HOLDS_MLOCKED);
}

/*
 * Direct compaction never waits for writeback (MIGRATE_SYNC is for manual
 * compaction and alloc_contig_range() only), and only the last-chance
 * priority covers the whole zone, as in 6.12.
 */
static void compaction_test_direct_modes(struct kunit *test)
{
	enum compact_priority prio;

	for (prio = MIN_COMPACT_PRIORITY; prio <= COMPACT_PRIO_ASYNC; prio++) {
		struct compact_control cc = { };

		compact_direct_control(&cc, prio);
		KUNIT_EXPECT_TRUE(test, cc.direct_compaction);
		KUNIT_EXPECT_NE(test, cc.mode, MIGRATE_SYNC);
		KUNIT_EXPECT_EQ(test, cc.mode == MIGRATE_ASYNC,
				prio == COMPACT_PRIO_ASYNC);
		KUNIT_EXPECT_EQ(test, cc.whole_zone,
				prio == MIN_COMPACT_PRIORITY);
	}
}

static int compaction_test_idle(void *unused)
{
	return 0;
}

/*
 * Proactive compaction gives way to reclaim: a proactive run ends
 * COMPACT_PARTIAL_SKIPPED as soon as the node's kswapd runs, whatever its
 * score, and only reaches its score goal while kswapd sleeps.  The node
 * here is a stand-in whose kswapd is this task (running) or a kthread
 * never woken (asleep); its one zone has no free page, so its score is 0.
 */
static void compaction_test_proactive_yields(struct kunit *test)
{
	pg_data_t *pgdat = kunit_kzalloc(test, sizeof(*pgdat), GFP_KERNEL);
	struct zone *zone = compaction_test_zone(test, 0,
						 16 * pageblock_nr_pages);
	struct compact_control cc = { .zone = zone, .order = -1 };
	struct task_struct *idle;

	KUNIT_ASSERT_NOT_NULL(test, pgdat);
	pgdat_kswapd_lock_init(pgdat);
	zone->zone_pgdat = pgdat;

	pgdat->kswapd = current;
	KUNIT_EXPECT_EQ(test, compact_finished(&cc), COMPACT_CONTINUE);
	cc.proactive_compaction = true;
	KUNIT_EXPECT_EQ(test, compact_finished(&cc), COMPACT_PARTIAL_SKIPPED);

	idle = kthread_create(compaction_test_idle, NULL, "compact-test");
	KUNIT_ASSERT_FALSE(test, IS_ERR(idle));
	pgdat->kswapd = idle;
	KUNIT_EXPECT_EQ(test, compact_finished(&cc), COMPACT_SUCCESS);
	pgdat->kswapd = NULL;
	KUNIT_EXPECT_EQ(test, compact_finished(&cc), COMPACT_SUCCESS);
	kthread_stop(idle);
}

/*
 * compaction_zonelist_suitable() asks only the watermark, over the free
 * pages and a share of what reclaim could free, as 6.12 does: a zone short
 * of memory (two free blocks of half the order: a fragmentation index of
 * 0) but full of page cache lets the allocator go on reclaiming for a
 * costly order; the same zone with nothing to reclaim does not.
 */
static void compaction_test_zonelist_suitable(struct kunit *test)
{
	const int order = PAGE_ALLOC_COSTLY_ORDER + 2;
	struct zone *zone = compaction_test_zone(test, 0,
						 16 * pageblock_nr_pages);
	struct zonelist *zl = kunit_kzalloc(test, sizeof(*zl), GFP_KERNEL);
	struct alloc_context ac = {
		.zonelist = zl,
		.highest_zoneidx = MAX_NR_ZONES - 1,
	};

	KUNIT_ASSERT_NOT_NULL(test, zl);
	zone->per_cpu_zonestats = alloc_percpu(struct per_cpu_zonestat);
	KUNIT_ASSERT_NOT_NULL(test, zone->per_cpu_zonestats);
	zl->_zonerefs[0].zone = zone;
	zone->free_area[order - 1].nr_free = 2;
	atomic_long_set(&zone->vm_stat[NR_FREE_PAGES], 1L << order);
	KUNIT_EXPECT_EQ(test, fragmentation_index(zone, order), 0);

	atomic_long_set(&zone->vm_stat[NR_ZONE_INACTIVE_FILE], 100000);
	KUNIT_EXPECT_TRUE(test, compaction_zonelist_suitable(&ac, order, 0));
	atomic_long_set(&zone->vm_stat[NR_ZONE_INACTIVE_FILE], 0);
	KUNIT_EXPECT_FALSE(test, compaction_zonelist_suitable(&ac, order, 0));
	free_percpu(zone->per_cpu_zonestats);
}

/*
 * Linear runs resume where the last one stopped, and cover part of the
 * zone; the last-chance direct try starts at the zone's ends whatever was
 * cached, and covers all of it.  Either run that runs out says which.
 */
static void compaction_test_linear_whole_zone(struct kunit *test)
{
	struct zone *zone = compaction_test_zone(test, 0,
						 16 * pageblock_nr_pages);
	struct compact_run run = {
		.cc = { .zone = zone, .order = 2 },
		.policy = &compact_linear_policy,
	};
	struct compact_control *cc = &run.cc;

	zone->compact_cached_migrate_pfn = 5 * pageblock_nr_pages;
	zone->compact_cached_free_pfn = 7 * pageblock_nr_pages;
	compact_start(&run);
	KUNIT_EXPECT_EQ(test, cc->migrate_pfn, 5 * pageblock_nr_pages);
	KUNIT_EXPECT_EQ(test, cc->free_pfn, 7 * pageblock_nr_pages);
	KUNIT_EXPECT_EQ(test, compact_run_out(cc), COMPACT_PARTIAL_SKIPPED);

	compact_direct_control(cc, MIN_COMPACT_PRIORITY);
	compact_start(&run);
	KUNIT_EXPECT_EQ(test, cc->migrate_pfn, zone->zone_start_pfn);
	KUNIT_EXPECT_EQ(test, cc->free_pfn, zone_end_pfn(zone));
	KUNIT_EXPECT_EQ(test, compact_run_out(cc), COMPACT_COMPLETE);

	/* no cached positions: a resumable run from the start is whole */
	cc->whole_zone = false;
	zone->compact_cached_migrate_pfn = 0;
	compact_start(&run);
	KUNIT_EXPECT_EQ(test, compact_run_out(cc), COMPACT_COMPLETE);
}

/*
 * Free pages a run isolated and gave back above the free scanner's
 * position are seen by the run that resumes there.
 */
static void compaction_test_untake_targets(struct kunit *test)
{
	struct zone *zone = compaction_test_zone(test, 0,
						 16 * pageblock_nr_pages);
	struct compact_run run = {
		.cc = { .zone = zone, .order = 2 },
		.policy = &compact_linear_policy,
	};
	struct compact_control *cc = &run.cc;

	cc->free_pfn = 6 * pageblock_nr_pages;
	compact_untake_targets(cc, 0);
	KUNIT_EXPECT_EQ(test, cc->free_pfn, 6 * pageblock_nr_pages);
	compact_untake_targets(cc, 4 * pageblock_nr_pages);
	KUNIT_EXPECT_EQ(test, cc->free_pfn, 6 * pageblock_nr_pages);
	compact_untake_targets(cc, 9 * pageblock_nr_pages);
	KUNIT_EXPECT_EQ(test, cc->free_pfn, 9 * pageblock_nr_pages);
	/* a run that stops early leaves the raised position to the next */
	compact_linear_stop(&run, COMPACT_SUCCESS);
	KUNIT_EXPECT_EQ(test, zone->compact_cached_free_pfn,
			9 * pageblock_nr_pages);
	compact_untake_targets(cc, 20 * pageblock_nr_pages);
	KUNIT_EXPECT_EQ(test, cc->free_pfn, zone_end_pfn(zone));
	/* one that ran out leaves it the zone's ends, as 6.12 */
	cc->free_pfn = 6 * pageblock_nr_pages;
	compact_linear_stop(&run, COMPACT_PARTIAL_SKIPPED);
	KUNIT_EXPECT_EQ(test, zone->compact_cached_free_pfn, zone_end_pfn(zone));
	KUNIT_EXPECT_EQ(test, zone->compact_cached_migrate_pfn,
			zone->zone_start_pfn);
}

/*
 * Which results defer the zone: one mapping for direct compaction and
 * kcompactd, whatever the policy (a region run that found nothing is
 * COMPACT_PARTIAL_SKIPPED, and defers as a linear one does).
 */
static void compaction_test_formed_nothing(struct kunit *test)
{
	enum compact_result r;

	for (r = COMPACT_NOT_SUITABLE_ZONE; r <= COMPACT_SUCCESS; r++)
		KUNIT_EXPECT_EQ(test, compact_formed_nothing(r),
				r == COMPACT_COMPLETE ||
				r == COMPACT_PARTIAL_SKIPPED);
}

static struct kunit_case compaction_test_cases[] = {
	KUNIT_CASE(compaction_test_linear_aligned),
	KUNIT_CASE(compaction_test_linear_unaligned),
	KUNIT_CASE(compaction_test_linear_tiny),
	KUNIT_CASE(compaction_test_too_large),
	KUNIT_CASE(compaction_test_take_target),
	KUNIT_CASE(compaction_test_cost_plan),
	KUNIT_CASE(compaction_test_cost_no_room),
	KUNIT_CASE(compaction_test_cost_walk),
	KUNIT_CASE(compaction_test_cost_list_target),
	KUNIT_CASE(compaction_test_region_consider),
	KUNIT_CASE(compaction_test_choose_policy),
	KUNIT_CASE(compaction_test_region_claims),
	KUNIT_CASE(compaction_test_cost_refuses),
	KUNIT_CASE(compaction_test_refuses_modes),
	KUNIT_CASE(compaction_test_direct_modes),
	KUNIT_CASE(compaction_test_linear_whole_zone),
	KUNIT_CASE(compaction_test_untake_targets),
	KUNIT_CASE(compaction_test_formed_nothing),
	KUNIT_CASE(compaction_test_proactive_yields),
	KUNIT_CASE(compaction_test_zonelist_suitable),
	{},
};

static struct kunit_suite compaction_test_suite = {
	.name = "compaction",
	.test_cases = compaction_test_cases,
};

kunit_test_suite(compaction_test_suite);

#endif /* _COMPACTION_KUNIT_H */
