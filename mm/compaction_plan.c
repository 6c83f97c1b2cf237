// SPDX-License-Identifier: GPL-2.0
/*
 * Compaction's planning, apart from its reading (see compaction_plan.h).
 *
 * Three decisions live here, each a function of what the caller read:
 *
 * - which policy a run takes (compact_plan_policy());
 * - what a run that ran out of sources or targets returns, and which
 *   results defer a zone (compact_plan_run_out(), compact_formed_nothing());
 * - what to evacuate: the cost policy's plan over a zone's picture
 *   (compact_plan_cost()) and the region policy's search among free
 *   blocks (compact_region_search()).
 *
 * The region search is where a direct compactor's work is bounded: it
 * reads at most COMPACT_REGION_LOOK regions' worth of struct pages plus one
 * region, whatever the zone's size, through the caller's
 * struct compact_region_ops.  tools/testing/compaction/ runs it on
 * synthetic zones of up to 16 TiB to show that bound.
 */
#include <linux/minmax.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/swap.h>
#include "compaction_plan.h"

/**
 * compact_plan_policy - the policy a run prefers
 * @k: what kind of run it is
 *
 * - compaction.policy=linear, an order-0 run and the last-chance direct
 *   try: linear, which covers the whole zone as 6.12's does;
 * - any other direct run with an order, and a kcompactd run for an order
 *   below a pageblock: region, whose work is bounded at any zone size;
 * - a kcompactd run for a pageblock or more, and runs without an order
 *   (manual and proactive): cost.
 *
 * Orders are ints: without THP and hugetlbfs pageblock_order is
 * MAX_PAGE_ORDER, and the order -1 of manual compaction must not pass for
 * an order below a pageblock.  The caller falls back to linear when the
 * preferred policy cannot run (no region found, no picture).
 *
 * Return: the preferred policy.
 */
enum compact_policy_id compact_plan_policy(const struct compact_run_kind *k)
{
	if (k->linear_only || k->order == 0 || (k->direct && k->last_chance))
		return COMPACT_POLICY_LINEAR;
	if (k->order > 0 && (k->order < k->block_order || k->direct))
		return COMPACT_POLICY_REGION;
	return COMPACT_POLICY_COST;
}

/**
 * compact_plan_run_out - the result of a run that ran out of sources or targets
 * @whole_zone: the run's policy covered the whole zone
 *
 * Both ends mean the same to the allocator: no block of the order formed
 * where the run looked.  As in 6.12, a run that covered the whole zone is
 * COMPACT_COMPLETE, one that covered part of it (resumed linear scanners,
 * a budgeted plan, the region policy's regions) COMPACT_PARTIAL_SKIPPED;
 * synchronous direct runs and kcompactd defer the zone after either.
 *
 * Return: COMPACT_COMPLETE or COMPACT_PARTIAL_SKIPPED.
 */
enum compact_result compact_plan_run_out(bool whole_zone)
{
	return whole_zone ? COMPACT_COMPLETE : COMPACT_PARTIAL_SKIPPED;
}

/**
 * compact_formed_nothing - does @result defer the zone
 * @result: how a run ended
 *
 * A run that went through what its policy offered (the whole zone or part
 * of it, any policy) and formed no block: what defers the zone, for sync
 * direct runs and kcompactd alike, as in 6.12.  Skipped, deferred and
 * contended runs tried too little to tell.
 *
 * Return: true if the zone should be deferred.
 */
bool compact_formed_nothing(enum compact_result result)
{
	return result == COMPACT_COMPLETE || result == COMPACT_PARTIAL_SKIPPED;
}

/**
 * compact_plan_is_source - may a run evacuate @b
 * @b: a block or region as read
 * @refuse: COMPACT_HOLDS_* the run may not move
 *
 * Return: true if @b has movable pages, none stuck and none refused.
 */
bool compact_plan_is_source(const struct compact_block *b, u8 refuse)
{
	return !b->stuck && b->movable && !(b->holds & refuse);
}

/**
 * compact_plan_is_target - may a run take free pages from @b
 * @b: a block as read
 * @block_pages: pages in a pageblock
 *
 * Return: true if @b is a movable block with free pages, not wholly free
 * (a free pageblock is what compaction makes, not what it fills).
 */
bool compact_plan_is_target(const struct compact_block *b,
			    unsigned int block_pages)
{
	return b->target_ok && b->free && b->free < block_pages;
}

static int plan_cmp_movable(const void *a, const void *b, const void *priv)
{
	const struct compact_block *blocks = priv;

	return (int)blocks[*(const unsigned int *)a].movable -
	       (int)blocks[*(const unsigned int *)b].movable;
}

/* most free pages first */
static int plan_cmp_free(const void *a, const void *b, const void *priv)
{
	const struct compact_block *blocks = priv;

	return (int)blocks[*(const unsigned int *)b].free -
	       (int)blocks[*(const unsigned int *)a].free;
}

/**
 * compact_plan_cost - plan the evacuation the free memory allows
 * @blocks: the picture, one entry per pageblock; @source is set on the
 *	blocks planned
 * @nr_blocks: entries in @blocks
 * @plan: room for @nr_blocks indices: the sources, cheapest first, then
 *	the targets, emptiest first
 * @budget: sources a run may evacuate
 * @refuse: COMPACT_HOLDS_* the run may not move
 * @block_pages: pages in a pageblock
 * @nr_targets: set to the targets after the sources in @plan
 *
 * Sources are the blocks with the fewest movable pages first, while the
 * free pages of the blocks left as targets can take their movable pages
 * (and a COMPACT_CLUSTER_MAX batch in flight); a run evacuates the first
 * @budget of them.  Targets are the blocks outside the whole plan,
 * emptiest first: they will not be evacuated, so nothing moves twice,
 * even over several budgeted runs, and each target yields as many pages
 * as it can.  Two sorts of at most @nr_blocks entries: for kcompactd and
 * manual runs, never on the allocator's slow path.
 *
 * Return: the number of sources at the head of @plan.
 */
unsigned int compact_plan_cost(struct compact_block *blocks,
			       unsigned int nr_blocks, unsigned int *plan,
			       unsigned int budget, u8 refuse,
			       unsigned int block_pages,
			       unsigned int *nr_targets)
{
	unsigned long room = 0, need = 0, give;
	unsigned int i, n = 0, nr = 0;
	struct compact_block *b;

	for (i = 0; i < nr_blocks; i++) {
		blocks[i].source = 0;
		if (compact_plan_is_target(&blocks[i], block_pages))
			room += blocks[i].free;
		if (compact_plan_is_source(&blocks[i], refuse))
			plan[n++] = i;
	}
	sort_r(plan, n, sizeof(*plan), plan_cmp_movable, NULL, blocks);
	for (; nr < n; nr++) {
		b = &blocks[plan[nr]];
		give = compact_plan_is_target(b, block_pages) ? b->free : 0;
		if (need + b->movable + COMPACT_CLUSTER_MAX + give > room)
			break;
		need += b->movable;
		room -= give;
		b->source = 1;
	}
	nr = min(nr, budget);
	n = nr;
	for (i = 0; i < nr_blocks; i++)
		if (!blocks[i].source &&
		    compact_plan_is_target(&blocks[i], block_pages))
			plan[n++] = i;
	sort_r(plan + nr, n - nr, sizeof(*plan), plan_cmp_free, NULL, blocks);
	*nr_targets = n - nr;
	return nr;
}

/**
 * compact_region_known - is the region at @pfn among @r's
 * @r: the regions found so far
 * @pfn: first pfn of a region
 *
 * Return: true if it is.
 */
bool compact_region_known(const struct compact_regions *r, unsigned long pfn)
{
	unsigned int i;

	for (i = 0; i < r->nr; i++)
		if (r->pfn[i] == pfn)
			return true;
	return false;
}

/**
 * compact_region_consider - keep a region if it is among the cheapest
 * @r: the regions found so far, cheapest first
 * @pfn: first pfn of the region
 * @cost: its movable pages in use
 *
 * Keeps the COMPACT_REGIONS cheapest regions seen, cheapest first, the
 * earlier one first at equal cost; a region already kept is not added
 * twice.
 */
void compact_region_consider(struct compact_regions *r, unsigned long pfn,
			     unsigned int cost)
{
	unsigned int i, n;

	if (compact_region_known(r, pfn))
		return;
	for (i = 0; i < r->nr && r->cost[i] <= cost; i++)
		;
	if (i == COMPACT_REGIONS)
		return;
	n = min(r->nr, COMPACT_REGIONS - 1U);
	memmove(&r->pfn[i + 1], &r->pfn[i], (n - i) * sizeof(r->pfn[0]));
	memmove(&r->cost[i + 1], &r->cost[i], (n - i) * sizeof(r->cost[0]));
	r->pfn[i] = pfn;
	r->cost[i] = cost;
	r->nr = n + 1;
}

/**
 * compact_region_search - find the regions a region run evacuates
 * @r: set to the regions found, cheapest first
 * @order: the order sought, above 0
 * @ops: where to read
 * @data: passed to @ops
 *
 * Measures the aligned regions of 2^@order pages around free blocks,
 * largest free blocks first, until COMPACT_REGIONS regions the run can
 * empty are found or COMPACT_REGION_LOOK regions' worth of struct pages
 * are read.  The largest free blocks lie in the emptiest regions, so the
 * first regions found are about the cheapest.  A region ruled out early (a
 * page that cannot move, or that this run may not move) costs the few
 * pages read, so the search goes on to smaller free blocks, in fuller
 * regions, rather than end empty-handed among refused ones.
 *
 * Its work is bounded whatever the zone's size: at most
 * COMPACT_REGION_LOOK free blocks looked at per order, and
 * (COMPACT_REGION_LOOK + 1) << @order pfns read.
 *
 * Return: the pfns read.
 */
unsigned long compact_region_search(struct compact_regions *r,
				    unsigned int order,
				    const struct compact_region_ops *ops,
				    void *data)
{
	unsigned long pfns[COMPACT_REGION_LOOK], mask, budget, read = 0;
	unsigned int n, i, cost;
	bool ok;
	int o;

	*r = (struct compact_regions){};
	mask = ~((1UL << order) - 1);
	budget = (unsigned long)COMPACT_REGION_LOOK << order;
	for (o = order - 1; o >= 0 && read < budget &&
	     r->nr < COMPACT_REGIONS; o--) {
		if (ops->stop && ops->stop(data))
			break;
		n = ops->look(data, o, pfns, COMPACT_REGION_LOOK);
		for (i = 0; i < n && read < budget &&
		     r->nr < COMPACT_REGIONS; i++) {
			if (compact_region_known(r, pfns[i] & mask))
				continue;
			read += ops->measure(data, pfns[i] & mask, &cost, &ok);
			if (ok)
				compact_region_consider(r, pfns[i] & mask, cost);
		}
	}
	return read;
}

/**
 * compact_region_fills - may a region run fill this pageblock with targets
 * @b: the pageblock as read: its free pages, whether it is stuck
 * @price: the movable pages in use in the region the run evacuates
 * @block_pages: pages in a pageblock
 *
 * Every page a run migrates lands in the pageblock of its target, and a
 * block that received pages costs that much more to empty when a later
 * run wants it.  Single free pages lie in pageblocks of every fill, so
 * targets taken where the free lists offer them fill cheap blocks too: in
 * an 8 GiB guest, a tenth of the cheapest pageblocks received 232 pages
 * each before a run came to empty them, and the region runs migrated 1.30
 * times the minimum (M*).  A region run fills a block only if no run could
 * empty it (stuck), or if it holds more pages in use than the region the
 * run evacuates and than half a block: in the benchmark's THP workloads
 * the dearest pageblock M* empties holds about half a block (257 movable
 * pages in an 8 GiB guest), so a block at most half full is one the
 * minimum would empty, even while the runs are still cheap.  In
 * the erosion model (tools/testing/compaction), the runs moved 1.04-1.05
 * times M* so, 1.12 filling blocks fuller than the region alone, and
 * 1.30-1.35 taking targets as the free lists offer them.
 *
 * Return: true if the run may take targets from @b.
 */
bool compact_region_fills(const struct compact_block *b, unsigned int price,
			  unsigned int block_pages)
{
	unsigned int used = block_pages - min(b->free, block_pages);

	return b->stuck || used > max(price, block_pages / 2);
}

/**
 * compact_plan_region_ok - may a region run evacuate the region @b
 * @b: the region as read, up to the first page that rules it out
 * @refuse: COMPACT_HOLDS_* the run may not move
 * @whole: the read covered the whole region
 *
 * A region the run can evacuate qualifies (compact_plan_is_source()), and
 * so does one read whole with no page in use: free, but pieces of it
 * wait on a per-CPU list, which the run drains when its scanner leaves
 * the region; the cheapest region there is.
 *
 * Return: true if nothing in @b is stuck or refused, and it has movable
 * pages in use or was read whole.
 */
bool compact_plan_region_ok(const struct compact_block *b, u8 refuse,
			    bool whole)
{
	return !b->stuck && !(b->holds & refuse) && (b->movable || whole);
}
