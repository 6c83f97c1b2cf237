/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Compaction's planning: the decisions made from what has been read of a
 * zone, apart from the reading.  mm/compaction.c reads struct pages and
 * free lists and calls these; tools/testing/compaction/ calls them on
 * synthetic zones, in userspace, with the same code.  Nothing here takes a
 * lock, touches a struct page or a zone, or allocates.
 */
#ifndef __MM_COMPACTION_PLAN_H
#define __MM_COMPACTION_PLAN_H

#include <linux/types.h>
#include <linux/compaction.h>

/*
 * Movable pages that only some runs may move (compact_folio_movable()): a
 * block holding one is a source only for the runs that may
 * (compact_cost_refuses()).
 */
#define COMPACT_HOLDS_FILE	BIT(0)	/* a file folio: not for GFP_NOFS */
#define COMPACT_HOLDS_WRITEBACK	BIT(1)	/* under writeback: full sync only */
#define COMPACT_HOLDS_MLOCKED	BIT(2)	/* unevictable: if allowed */

/**
 * struct compact_block - what the survey or a region read found in a range
 * @free: free pages
 * @movable: movable pages in use (a folio counts its pages)
 * @stuck: a page that cannot move: unmovable, pinned, or unreadable
 * @target_ok: free pages may be taken from the range (a movable pageblock)
 * @source: the current plan evacuates the block
 * @holds: COMPACT_HOLDS_* of the movable pages, for compact_cost_refuses()
 */
struct compact_block {
	unsigned int free;
	unsigned int movable;
	u8 stuck;
	u8 target_ok;
	u8 source;
	u8 holds;
};

/**
 * enum compact_policy_id - the policies a run can take
 * @COMPACT_POLICY_LINEAR: 6.12's two scanners from the zone's ends
 * @COMPACT_POLICY_REGION: the cheapest aligned regions around free blocks
 * @COMPACT_POLICY_COST: the plan from the zone's occupancy picture
 */
enum compact_policy_id {
	COMPACT_POLICY_LINEAR,
	COMPACT_POLICY_REGION,
	COMPACT_POLICY_COST,
};

/**
 * struct compact_run_kind - what the choice of policy depends on
 * @order: the order sought, -1 for manual and proactive runs
 * @block_order: pageblock_order, as an int
 * @direct: direct compaction, in the allocating task
 * @last_chance: the allocator's last try (MIN_COMPACT_PRIORITY), which
 *	must cover the whole zone
 * @linear_only: compaction.policy=linear
 */
struct compact_run_kind {
	int order;
	int block_order;
	bool direct;
	bool last_chance;
	bool linear_only;
};

enum compact_policy_id compact_plan_policy(const struct compact_run_kind *k);

enum compact_result compact_plan_run_out(bool whole_zone);
bool compact_formed_nothing(enum compact_result result);

bool compact_plan_is_source(const struct compact_block *b, u8 refuse);
bool compact_plan_is_target(const struct compact_block *b,
			    unsigned int block_pages);
unsigned int compact_plan_cost(struct compact_block *blocks,
			       unsigned int nr_blocks, unsigned int *plan,
			       unsigned int budget, u8 refuse,
			       unsigned int block_pages,
			       unsigned int *nr_targets);

/*
 * A region run evacuates the COMPACT_REGIONS regions it found, cheapest
 * first: one is usually enough, the others stand in for regions a racing
 * allocation or a pinned page spoils.  It reads at most COMPACT_REGION_LOOK
 * regions' worth of struct pages to find them, and looks at no more than
 * that many free blocks of one order: room to step over regions it cannot
 * empty, and a constant at any zone size.
 */
#define COMPACT_REGIONS		4
#define COMPACT_REGION_LOOK	16

/**
 * struct compact_regions - the aligned regions a region run evacuates
 * @pfn: first pfn of each region, cheapest first
 * @cost: the movable pages in use in each
 * @nr: regions found
 * @cur: index of the region being evacuated
 */
struct compact_regions {
	unsigned long pfn[COMPACT_REGIONS];
	unsigned int cost[COMPACT_REGIONS];
	unsigned int nr, cur;
};

/**
 * struct compact_region_ops - where the region search reads
 * @look: fill @pfns with up to @max pfns of free blocks of @order and
 *	return how many; called once per order, from the order below the
 *	one sought down to 0, in process context, no lock held
 * @measure: read the region of 2^order pages at @pfn: set *@cost to its
 *	movable pages in use and *@ok to whether the run can empty it;
 *	return the pfns read, 0 for a region ruled out unread.  Called at
 *	most once per region, no lock held
 * @stop: optional: the search must end now (a contended lock, a fatal
 *	signal); checked before each order
 *
 * @data is the caller's, passed to each op.
 */
struct compact_region_ops {
	unsigned int (*look)(void *data, unsigned int order,
			     unsigned long *pfns, unsigned int max);
	unsigned long (*measure)(void *data, unsigned long pfn,
				 unsigned int *cost, bool *ok);
	bool (*stop)(void *data);
};

bool compact_region_known(const struct compact_regions *r, unsigned long pfn);
void compact_region_consider(struct compact_regions *r, unsigned long pfn,
			     unsigned int cost);
unsigned long compact_region_search(struct compact_regions *r,
				    unsigned int order,
				    const struct compact_region_ops *ops,
				    void *data);

/*
 * A region run for a pageblock or more considers at most this many
 * pageblocks for its targets (compact_region_fills()), as many as its
 * region search may read, and reads COMPACT_FILL_SAMPLES struct pages of
 * each, evenly spaced: enough to tell a block more than half full from
 * one less than half full (the count of 32 samples errs by about 3 of
 * them, 45 pages), for a sixteenth of reading the block.  In one 8 GiB
 * boot each, blocks read whole took 885 us per THP stall, sampled 830,
 * and targets as the free lists offer them 917.
 */
#define COMPACT_TARGET_LOOK	COMPACT_REGION_LOOK
#define COMPACT_FILL_SAMPLES	32

bool compact_region_fills(const struct compact_block *b, unsigned int price,
			  unsigned int block_pages);
bool compact_plan_region_ok(const struct compact_block *b, u8 refuse,
			    bool whole);

#endif /* __MM_COMPACTION_PLAN_H */
