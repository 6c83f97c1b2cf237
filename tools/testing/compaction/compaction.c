// SPDX-License-Identifier: GPL-2.0
/*
 * Userspace tests of compaction's planning: mm/compaction_plan.c, included
 * whole, on hand-made and synthetic zones.
 *
 *   ./compaction          the unit tests, then the scale model
 *   ./compaction -q       the unit tests only
 *
 * The scale model runs the region search of direct compaction on
 * synthetic zones from 2 GiB to 16 TiB (every pageblock 15-45% free, a
 * third of them holding one unmovable page; free lists sampled from
 * random pageblocks), and the cost policy's plan (which
 * kcompactd and manual compaction use) on pictures of those zones, and
 * reports the work and memory of each: what a guest of this machine's
 * size cannot show.  It fails if one direct stall's search reads more than
 * its bound, or reads more at 16 TiB than at 2 GiB by more than noise.
 */
#include <stdio.h>
#include <time.h>

#include "compaction_shim.h"
#include "../../../mm/compaction_plan.c"

struct task_struct *current;

static int failures, checks;

#define CHECK(expr) do {						\
	checks++;							\
	if (!(expr)) {							\
		failures++;						\
		fprintf(stderr, "FAIL %s:%d: %s: %s\n", __FILE__,	\
			__LINE__, __func__, #expr);			\
	}								\
} while (0)

#define BLOCK_ORDER	9
#define BLOCK_PAGES	512U	/* 1 << BLOCK_ORDER */

/* ---------------------------------------------------------------- */
/* Which policy, and what a run's end means                         */
/* ---------------------------------------------------------------- */

static void test_policy(void)
{
	struct compact_run_kind k = { .block_order = BLOCK_ORDER };
	int order;

	/* direct runs with an order: regions, below and above a block */
	k.direct = true;
	for (order = 1; order <= 10; order++) {
		k.order = order;
		CHECK(compact_plan_policy(&k) == COMPACT_POLICY_REGION);
	}
	/* the last-chance try and order 0 walk the zone */
	k.order = BLOCK_ORDER;
	k.last_chance = true;
	CHECK(compact_plan_policy(&k) == COMPACT_POLICY_LINEAR);
	k.last_chance = false;
	k.order = 0;
	CHECK(compact_plan_policy(&k) == COMPACT_POLICY_LINEAR);
	/* kcompactd: regions below a block, the picture from a block up */
	k.direct = false;
	k.order = 3;
	CHECK(compact_plan_policy(&k) == COMPACT_POLICY_REGION);
	k.order = BLOCK_ORDER;
	CHECK(compact_plan_policy(&k) == COMPACT_POLICY_COST);
	/* manual and proactive */
	k.order = -1;
	CHECK(compact_plan_policy(&k) == COMPACT_POLICY_COST);
	/* THP=n HUGETLBFS=n: pageblock_order is MAX_PAGE_ORDER (10) */
	k.block_order = 10;
	CHECK(compact_plan_policy(&k) == COMPACT_POLICY_COST);
	/* compaction.policy=linear wins over everything */
	k.linear_only = true;
	for (order = -1; order <= 10; order++) {
		k.order = order;
		k.direct = order & 1;
		CHECK(compact_plan_policy(&k) == COMPACT_POLICY_LINEAR);
	}
}

static void test_results(void)
{
	enum compact_result r;

	CHECK(compact_plan_run_out(true) == COMPACT_COMPLETE);
	CHECK(compact_plan_run_out(false) == COMPACT_PARTIAL_SKIPPED);
	for (r = COMPACT_NOT_SUITABLE_ZONE; r <= COMPACT_SUCCESS; r++)
		CHECK(compact_formed_nothing(r) ==
		      (r == COMPACT_COMPLETE || r == COMPACT_PARTIAL_SKIPPED));
	/* whatever a run runs out of, its result defers the zone */
	CHECK(compact_formed_nothing(compact_plan_run_out(true)));
	CHECK(compact_formed_nothing(compact_plan_run_out(false)));
}

/* ---------------------------------------------------------------- */
/* The cost policy's plan                                            */
/* ---------------------------------------------------------------- */

#define BLK(f, m, s, h) { .free = (f), .movable = (m), .stuck = (s), \
			  .target_ok = 1, .holds = (h) }

static void test_cost_plan(void)
{
	struct compact_block b[] = {
		BLK(400, 112, 0, 0),	/* 0: cheapest source */
		BLK(100, 412, 0, 0),	/* 1: fullest: a target */
		BLK(200, 312, 0, 0),	/* 2 */
		BLK(300, 200, 1, 0),	/* 3: stuck: a target only */
		BLK(350, 162, 0, COMPACT_HOLDS_FILE),	/* 4 */
		BLK(512, 0, 0, 0),	/* 5: free: neither */
	};
	unsigned int plan[6], nr, nt, i;

	nr = compact_plan_cost(b, 6, plan, UINT_MAX, 0, BLOCK_PAGES, &nt);
	/* 0 (112) and 4 (162) fit in the others' free pages, 2 (312) not */
	CHECK(nr == 2);
	CHECK(plan[0] == 0 && plan[1] == 4);
	CHECK(b[0].source && b[4].source && !b[2].source && !b[3].source);
	/* targets: outside the plan, emptiest first, never a free block */
	CHECK(nt == 3);
	CHECK(plan[2] == 3 && plan[3] == 2 && plan[4] == 1);
	/* a run that may not move file folios plans around block 4 */
	nr = compact_plan_cost(b, 6, plan, UINT_MAX, COMPACT_HOLDS_FILE,
			       BLOCK_PAGES, &nt);
	CHECK(nr >= 1 && plan[0] == 0 && !b[4].source);
	for (i = 0; i < nr; i++)
		CHECK(plan[i] != 4);
	/* the budget bounds the sources, not the targets' exclusion */
	nr = compact_plan_cost(b, 6, plan, 1, 0, BLOCK_PAGES, &nt);
	CHECK(nr == 1 && plan[0] == 0);
	for (i = nr; i < nr + nt; i++)
		CHECK(plan[i] != 4);
}

/* ---------------------------------------------------------------- */
/* The region search, on a hand-made zone                            */
/* ---------------------------------------------------------------- */

enum { P_FREE, P_MOVABLE, P_STUCK, P_FILE };

struct tiny_zone {
	const char *pages;		/* one letter per page: . M S F */
	unsigned long nr;
	unsigned long lists[8][64];	/* free blocks per order */
	unsigned int nr_list[8];
	unsigned int looks, measures;
	u8 refuse;
	bool stop;
};

static int tiny_kind(struct tiny_zone *z, unsigned long pfn)
{
	switch (z->pages[pfn]) {
	case '.': return P_FREE;
	case 'M': return P_MOVABLE;
	case 'F': return P_FILE;
	default: return P_STUCK;
	}
}

/* the buddy allocator's free blocks of a zone written out page by page */
static void tiny_lists(struct tiny_zone *z)
{
	unsigned long pfn, p;
	int o;

	z->nr = strlen(z->pages);
	for (pfn = 0; pfn < z->nr; ) {
		for (o = 7; o >= 0; o--) {
			if (pfn & ((1UL << o) - 1) || pfn + (1UL << o) > z->nr)
				continue;
			for (p = pfn; p < pfn + (1UL << o); p++)
				if (tiny_kind(z, p) != P_FREE)
					break;
			if (p == pfn + (1UL << o))
				break;
		}
		if (o < 0) {
			pfn++;
			continue;
		}
		z->lists[o][z->nr_list[o]++] = pfn;
		pfn += 1UL << o;
	}
}

static unsigned int tiny_look(void *data, unsigned int order,
			      unsigned long *pfns, unsigned int max)
{
	struct tiny_zone *z = data;
	unsigned int n = min(max, z->nr_list[order]);

	z->looks++;
	memcpy(pfns, z->lists[order], n * sizeof(*pfns));
	return n;
}

static unsigned long tiny_measure(void *data, unsigned long pfn,
				  unsigned int *cost, bool *ok, unsigned int order)
{
	struct tiny_zone *z = data;
	struct compact_block b = {};
	unsigned long p;

	z->measures++;
	for (p = pfn; p < pfn + (1UL << order) && !b.stuck; p++) {
		switch (tiny_kind(z, p)) {
		case P_FREE:
			b.free++;
			break;
		case P_FILE:
			b.holds |= COMPACT_HOLDS_FILE;
			fallthrough;
		case P_MOVABLE:
			b.movable++;
			break;
		default:
			b.stuck = 1;
		}
		if (b.holds & z->refuse)
			break;
	}
	*cost = b.movable;
	*ok = compact_plan_is_source(&b, z->refuse);
	return p - pfn;
}

static unsigned long tiny_measure3(void *data, unsigned long pfn,
				   unsigned int *cost, bool *ok)
{
	return tiny_measure(data, pfn, cost, ok, 3);
}

static bool tiny_stop(void *data)
{
	return ((struct tiny_zone *)data)->stop;
}

static const struct compact_region_ops tiny_ops = {
	.look = tiny_look,
	.measure = tiny_measure3,
	.stop = tiny_stop,
};

static void test_region_consider(void)
{
	struct compact_regions r = {};
	unsigned int i;

	for (i = 0; i < 6; i++)
		compact_region_consider(&r, 8 * i, 9 - i);
	CHECK(r.nr == COMPACT_REGIONS);
	for (i = 0; i < r.nr; i++)
		CHECK(r.pfn[i] == 8 * (5 - i));
	compact_region_consider(&r, 8 * 5, 0);	/* known: not twice */
	CHECK(r.nr == COMPACT_REGIONS && r.pfn[1] != 8 * 5);
	compact_region_consider(&r, 800, 4);	/* equal cost: after */
	CHECK(r.pfn[0] == 40 && r.pfn[1] == 800);
}

/* Order-3 regions (8 pages) around the free blocks of a tiny zone. */
static void test_region_search(void)
{
	struct tiny_zone z = {
		/*        0       8       16      24      32      40 */
		.pages = "MM..MMMMS...M...MMMM.MMMF..MM..MMMMMMMMSM.M.M.M.",
	};
	struct compact_regions r;
	unsigned long read;

	tiny_lists(&z);
	read = compact_region_search(&r, 3, &tiny_ops, &z);
	/*
	 * Order 1 first: 2 (region 0: 6 movable), 10 and 14 (region 8,
	 * stuck on its first page: one page read each); then order 0: 9
	 * and 13 (region 8 again), 20 (region 16: 7 movable), 25 (region
	 * 24: 4 movable, one a file folio), 26, 29, 30 (known), 41 (region
	 * 40: 4 movable).  Region 32 has no free block: never read.
	 */
	CHECK(r.nr == COMPACT_REGIONS);
	CHECK(r.pfn[0] == 24 && r.cost[0] == 4);
	CHECK(r.pfn[1] == 40 && r.pfn[2] == 0 && r.pfn[3] == 16);
	CHECK(!compact_region_known(&r, 8));	/* stuck */
	CHECK(!compact_region_known(&r, 32));	/* stuck, no free block */
	CHECK(read <= (COMPACT_REGION_LOOK + 1UL) << 3);
	/* cheapest first */
	CHECK(r.cost[0] <= r.cost[1] && r.cost[1] <= r.cost[2] &&
	      r.cost[2] <= r.cost[3]);

	/* a GFP_NOFS run steps over the region holding a file folio */
	z.refuse = COMPACT_HOLDS_FILE;
	compact_region_search(&r, 3, &tiny_ops, &z);
	CHECK(!compact_region_known(&r, 24));
	CHECK(r.nr >= 1 && r.pfn[0] == 40);

	/* a contended run stops before it reads anything */
	z.refuse = 0;
	z.stop = true;
	z.measures = 0;
	read = compact_region_search(&r, 3, &tiny_ops, &z);
	CHECK(read == 0 && r.nr == 0 && z.measures == 0);
}

/* The budget: a zone of stuck regions, each ruled out on its last page. */
static void test_region_budget(void)
{
	static char pages[64 * 8 + 1];
	struct tiny_zone z = { .pages = pages };
	struct compact_regions r;
	unsigned long read;
	unsigned int i;

	for (i = 0; i < 64; i++)
		memcpy(pages + 8 * i, i & 1 ? ".MMMMMMS" : "M.MMMMMS", 8);
	tiny_lists(&z);
	CHECK(z.nr_list[0] == 64);
	read = compact_region_search(&r, 3, &tiny_ops, &z);
	CHECK(r.nr == 0);
	/* 16 free blocks looked at, 16 regions of 8 read, then it stops */
	CHECK(read == COMPACT_REGION_LOOK * 8UL);
	CHECK(z.measures == COMPACT_REGION_LOOK);
}

/* Which regions a region run may evacuate (compact_region_read()). */
static void test_region_ok(void)
{
	struct compact_block b = { .movable = 3, .free = 5 };

	CHECK(compact_plan_region_ok(&b, 0, true));
	CHECK(compact_plan_region_ok(&b, COMPACT_HOLDS_FILE, true));
	/* with pages in use, the rule is compact_plan_is_source()'s */
	CHECK(compact_plan_region_ok(&b, 0, false) ==
	      compact_plan_is_source(&b, 0));
	/* free, read whole: its pieces wait on a per-CPU list */
	b = (struct compact_block){ .free = 8 };
	CHECK(!compact_plan_is_source(&b, 0));
	CHECK(compact_plan_region_ok(&b, 0, true));
	/* nothing in use but not read whole: what stopped the read is unknown */
	CHECK(!compact_plan_region_ok(&b, 0, false));
	/* a page that cannot move rules a region out, read whole or not */
	b = (struct compact_block){ .movable = 2, .stuck = 1 };
	CHECK(!compact_plan_region_ok(&b, 0, true));
	b.movable = 0;
	CHECK(!compact_plan_region_ok(&b, 0, true));
	/* and so does a page the run may not move */
	b = (struct compact_block){ .movable = 2,
				    .holds = COMPACT_HOLDS_FILE };
	CHECK(compact_plan_region_ok(&b, 0, true));
	CHECK(!compact_plan_region_ok(&b, COMPACT_HOLDS_FILE, true));
	b.movable = 0;
	CHECK(!compact_plan_region_ok(&b, COMPACT_HOLDS_FILE, true));
}

/* Where a region run's targets may go: never into a cheap block. */
static void test_region_fills(void)
{
	struct compact_block b = { .free = 200 };	/* 312 in use */

	CHECK(compact_region_fills(&b, 100, BLOCK_PAGES));
	CHECK(compact_region_fills(&b, 311, BLOCK_PAGES));
	/* not as full as the region it empties: as cheap to empty */
	CHECK(!compact_region_fills(&b, 312, BLOCK_PAGES));
	/* at most half full: cheap, whatever the region costs */
	b.free = BLOCK_PAGES / 2;
	CHECK(!compact_region_fills(&b, 10, BLOCK_PAGES));
	b.free = BLOCK_PAGES / 2 - 1;
	CHECK(compact_region_fills(&b, 10, BLOCK_PAGES));
	/* no run can empty a stuck block: always a target */
	b = (struct compact_block){ .free = 500, .stuck = 1 };
	CHECK(compact_region_fills(&b, 400, BLOCK_PAGES));
	/* a racy read that counts more free pages than the block has */
	b = (struct compact_block){ .free = BLOCK_PAGES + 8 };
	CHECK(!compact_region_fills(&b, 0, BLOCK_PAGES));
}

/* ---------------------------------------------------------------- */
/* The scale model                                                   */
/* ---------------------------------------------------------------- */

/*
 * A synthetic zone, computed from the pfn and never stored, so that a
 * 16 TiB zone costs nothing: every pageblock has its own share of free
 * pages (the fill of a long-running machine is uneven), and a share of the
 * blocks hold one unmovable page somewhere.  Free lists are sampled: the
 * free blocks of an order in randomly chosen pageblocks, as the buddy
 * allocator would hold them.
 */
struct model_zone {
	unsigned long pages;
	unsigned int free_lo, free_hi;	/* per-mille of free pages in a block */
	unsigned int stuck_pct;		/* blocks with an unmovable page */
	u64 seed, rng;
	unsigned int order;
	unsigned long touched;		/* struct pages a read touches */
};

static u64 mix(u64 x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static int model_kind(struct model_zone *z, unsigned long pfn)
{
	unsigned long block = pfn >> BLOCK_ORDER;
	u64 h = mix(z->seed ^ block);
	unsigned int free = z->free_lo + h % (z->free_hi - z->free_lo + 1);

	if ((h >> 20) % 100 < z->stuck_pct &&
	    (pfn & (BLOCK_PAGES - 1)) == (h >> 40) % BLOCK_PAGES)
		return P_STUCK;
	return mix(z->seed ^ (pfn * 2 + 1)) % 1000 < free ? P_FREE : P_MOVABLE;
}

/* the order of the free buddy at @pfn, -1 if @pfn is in use or inside one */
static int model_buddy(struct model_zone *z, unsigned long pfn)
{
	unsigned long p;
	int o, best = -1;

	for (o = 0; o < BLOCK_ORDER; o++) {
		if (pfn & ((1UL << o) - 1))
			break;
		for (p = pfn; p < pfn + (1UL << o); p++)
			if (model_kind(z, p) != P_FREE)
				return best;
		best = o;
	}
	return best;
}

static unsigned int model_look(void *data, unsigned int order,
			       unsigned long *pfns, unsigned int max)
{
	struct model_zone *z = data;
	unsigned long blocks = z->pages >> BLOCK_ORDER, base, pfn, step;
	unsigned int n = 0, tries;

	for (tries = 0; tries < 64 && n < max; tries++) {
		z->rng = mix(z->rng);
		base = (z->rng % blocks) << BLOCK_ORDER;
		step = 1UL << order;
		for (pfn = base; pfn < base + BLOCK_PAGES && n < max;
		     pfn += step) {
			/* a free block of exactly @order: its buddy in use */
			if (model_buddy(z, pfn) == (int)order &&
			    model_buddy(z, pfn ^ step) < (int)order)
				pfns[n++] = pfn;
		}
	}
	return n;
}

/* What a walk over a model zone asks of it at a pfn */
struct walk_ops {
	int (*buddy)(void *zone, unsigned long pfn);	/* as model_buddy() */
	bool (*stuck)(void *zone, unsigned long pfn);
};

/*
 * compact_region_read()'s walk from @pfn towards @end, into @b: a free
 * buddy is one struct page read, and the walk stops after a stuck page
 * (compact_survey_page() steps over it).
 * Return: the struct pages read; *@next the pfn it stopped at.
 */
static unsigned long region_walk(const struct walk_ops *ops, void *zone,
				 unsigned long pfn, unsigned long end,
				 struct compact_block *b, unsigned long *next)
{
	unsigned long reads = 0;
	int o;

	while (pfn < end && !b->stuck) {
		reads++;
		o = ops->buddy(zone, pfn);
		if (o >= 0) {
			b->free += 1U << o;
			pfn += 1UL << o;
		} else {
			/* a small page in use: one pfn, as the kernel reads it */
			if (ops->stuck(zone, pfn))
				b->stuck = 1;
			else
				b->movable++;
			pfn++;
		}
	}
	*next = pfn;
	return reads;
}

static int model_walk_buddy(void *z, unsigned long pfn)
{
	return model_buddy(z, pfn);
}

static bool model_walk_stuck(void *z, unsigned long pfn)
{
	return model_kind(z, pfn) == P_STUCK;
}

static const struct walk_ops model_walk = {
	.buddy = model_walk_buddy,
	.stuck = model_walk_stuck,
};

static unsigned long model_measure(void *data, unsigned long pfn,
				   unsigned int *cost, bool *ok)
{
	struct model_zone *z = data;
	unsigned long end = pfn + (1UL << z->order), p;
	struct compact_block b = {};

	if (end > z->pages) {
		*ok = false;
		return 0;
	}
	z->touched += region_walk(&model_walk, z, pfn, end, &b, &p);
	*cost = b.movable;
	*ok = compact_plan_is_source(&b, 0);
	return min(p, end) - pfn;
}

static const struct compact_region_ops model_ops = {
	.look = model_look,
	.measure = model_measure,
};

struct model_result {
	double read_mean, touched_mean, found_mean, cost_mean;
	unsigned long read_max;
	unsigned int none;
};

static struct model_result model_stalls(unsigned long gib, unsigned int order,
					unsigned int stalls)
{
	struct model_zone z = {
		.pages = gib << (30 - 12), .free_lo = 150, .free_hi = 450,
		.stuck_pct = 30, .seed = 1, .rng = 1, .order = order,
	};
	struct model_result res = {};
	struct compact_regions r;
	unsigned long read;
	unsigned int i;

	for (i = 0; i < stalls; i++) {
		read = compact_region_search(&r, order, &model_ops, &z);
		res.read_mean += read;
		res.read_max = max(res.read_max, read);
		res.found_mean += r.nr;
		res.cost_mean += r.nr ? r.cost[0] : 0;
		res.none += !r.nr;
	}
	res.read_mean /= stalls;
	res.found_mean /= stalls;
	res.cost_mean /= stalls;
	res.touched_mean = (double)z.touched / stalls;
	return res;
}

/* The cost policy's plan over a synthetic picture of the zone. */
static void model_picture(unsigned long gib, double *ms, double *kib)
{
	unsigned int nr = gib << (30 - 12 - BLOCK_ORDER), i, nt;
	struct compact_block *b = calloc(nr, sizeof(*b));
	unsigned int *order = calloc(nr, sizeof(*order));
	struct timespec t0, t1;
	u64 h;

	if (!b || !order) {
		*ms = *kib = -1;
		goto out;
	}
	for (i = 0; i < nr; i++) {
		h = mix(i);
		b[i].free = 75 + h % 155;
		b[i].movable = BLOCK_PAGES - b[i].free;
		b[i].stuck = (h >> 20) % 100 < 30;
		b[i].target_ok = 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	compact_plan_cost(b, nr, order, UINT_MAX, 0, BLOCK_PAGES, &nt);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	*ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
	*kib = nr * (sizeof(*b) + sizeof(*order)) / 1024.0;
out:
	free(b);
	free(order);
}

static void run_model(void)
{
	static const unsigned long sizes[] = { 2, 64, 1024, 16384 };
	static const unsigned int orders[] = { 9, 4, 2 };
	struct model_result res, first[3];
	unsigned int s, o, stalls = 2000;
	double ms, kib;

	printf("\nScale model: one direct stall's region search (%u stalls per row)\n",
	       stalls);
	printf("%8s %5s %13s %11s %13s %9s %11s %8s\n", "zone", "order",
	       "pfns read", "max", "pages touched", "regions", "best cost",
	       "none");
	for (o = 0; o < 3; o++) {
		for (s = 0; s < 4; s++) {
			res = model_stalls(sizes[s], orders[o], stalls);
			printf("%6lu G %5u %13.1f %11lu %13.1f %9.2f %11.1f %8u\n",
			       sizes[s], orders[o], res.read_mean,
			       res.read_max, res.touched_mean, res.found_mean,
			       res.cost_mean, res.none);
			CHECK(res.read_max <=
			      (COMPACT_REGION_LOOK + 1UL) << orders[o]);
			if (!s)
				first[o] = res;
			else
				CHECK(res.read_mean <=
				      first[o].read_mean * 1.1 + 1);
		}
	}
	printf("memory of one search at every size: %zu bytes of stack\n",
	       sizeof(struct compact_regions) +
	       COMPACT_REGION_LOOK * sizeof(unsigned long));
	printf("\nThe cost policy's plan (kcompactd, manual): one picture of the zone\n");
	printf("%8s %10s %14s %12s %12s\n", "zone", "blocks", "pages surveyed",
	       "picture KiB", "plan ms");
	for (s = 0; s < 4; s++) {
		model_picture(sizes[s], &ms, &kib);
		printf("%6lu G %10lu %14lu %12.0f %12.1f\n", sizes[s],
		       sizes[s] << (30 - 12 - BLOCK_ORDER),
		       sizes[s] << (30 - 12), kib, ms);
		CHECK(ms >= 0);
	}
}

/* ---------------------------------------------------------------- */
/* The erosion model: where a region run's targets go                */
/* ---------------------------------------------------------------- */

/*
 * THP faults into a zone fragmented as the benchmark's random pattern
 * fragments it (each pageblock keeps a random share of its pages, a few
 * hold an unmovable page): a fault takes a free pageblock if there is
 * one, or a region run makes one with compact_region_search(), migrating
 * the region's pages into targets.  The targets come from free pages as
 * the free lists offer them ("blind": single pages first, in blocks of
 * every fill), from pageblocks that hold more pages in use than the
 * region ("price"), or from those compact_region_fills() accepts
 * ("fills"), both sampled as compact_fill_read() samples a block, within
 * COMPACT_TARGET_LOOK pageblocks per run.  The runs'
 * migrations are compared with M*, the movable pages of as many of the
 * cheapest pageblocks as the runs emptied: what the zone must move at
 * least.  Stored page by page: a small zone.
 */
enum erosion_targets { EROSION_BLIND, EROSION_PRICE, EROSION_FILLS };

struct erosion_zone {
	unsigned int nr_blocks;
	unsigned long pages;
	u8 *kind;			/* P_FREE, P_MOVABLE, P_STUCK */
	unsigned int *free;		/* free pages per pageblock */
	u8 *stuck;
	u64 rng;
	unsigned long region;		/* the block a run evacuates */
	unsigned long read;		/* struct pages read */
	unsigned long harvest[BLOCK_PAGES];
	unsigned int nr_harvest, next_harvest, blocks_read;
	unsigned long stuck_seen[8];	/* as the kernel's COMPACT_FILL_BATCH */
	unsigned int nr_stuck_seen, next_stuck_seen;
};

static u64 erosion_rand(struct erosion_zone *z)
{
	z->rng = mix(z->rng);
	return z->rng;
}

static void erosion_set(struct erosion_zone *z, unsigned long pfn, int kind)
{
	unsigned long block = pfn >> BLOCK_ORDER;

	z->free[block] += (kind == P_FREE) - (z->kind[pfn] == P_FREE);
	z->kind[pfn] = kind;
}

/* the order of the free buddy at @pfn, -1 if @pfn is in use or inside one */
static int erosion_buddy(struct erosion_zone *z, unsigned long pfn)
{
	unsigned long other, p;
	int o;

	if (z->kind[pfn] != P_FREE)
		return -1;
	/* grow the free aligned block around @pfn while its buddy is free */
	for (o = 0; o < BLOCK_ORDER; o++) {
		other = (pfn & ~((1UL << o) - 1)) ^ (1UL << o);
		for (p = other; p < other + (1UL << o); p++)
			if (z->kind[p] != P_FREE)
				break;
		if (p < other + (1UL << o))
			break;
	}
	return pfn & ((1UL << o) - 1) ? -1 : o;
}

static unsigned int erosion_look(void *data, unsigned int order,
				 unsigned long *pfns, unsigned int max)
{
	struct erosion_zone *z = data;
	unsigned long base, pfn;
	unsigned int n = 0, tries;

	for (tries = 0; tries < 64 && n < max; tries++) {
		base = (erosion_rand(z) % z->nr_blocks) << BLOCK_ORDER;
		for (pfn = base; pfn < base + BLOCK_PAGES && n < max;
		     pfn += 1UL << order)
			if (erosion_buddy(z, pfn) == (int)order)
				pfns[n++] = pfn;
	}
	return n;
}

static int erosion_walk_buddy(void *z, unsigned long pfn)
{
	return erosion_buddy(z, pfn);
}

static bool erosion_walk_stuck(void *z, unsigned long pfn)
{
	return ((struct erosion_zone *)z)->kind[pfn] == P_STUCK;
}

static const struct walk_ops erosion_walk = {
	.buddy = erosion_walk_buddy,
	.stuck = erosion_walk_stuck,
};

static unsigned long erosion_measure(void *data, unsigned long pfn,
				     unsigned int *cost, bool *ok)
{
	struct erosion_zone *z = data;
	unsigned long p, end = pfn + BLOCK_PAGES;
	struct compact_block b = {};

	z->read += region_walk(&erosion_walk, z, pfn, end, &b, &p);
	*cost = b.movable;
	*ok = compact_plan_is_source(&b, 0);
	/* compact_region_cost(): a stuck block is noted for the targets */
	if (b.stuck && z->nr_stuck_seen < ARRAY_SIZE(z->stuck_seen))
		z->stuck_seen[z->nr_stuck_seen++] = pfn >> BLOCK_ORDER;
	return min(p, end) - pfn;
}

static const struct compact_region_ops erosion_ops = {
	.look = erosion_look,
	.measure = erosion_measure,
};

/*
 * A free page the free lists would offer, outside the run's region and
 * the free pageblocks: the first single page from a random pfn on, else,
 * none within four pageblocks, the first free page of a larger block.
 */
static unsigned long erosion_blind(struct erosion_zone *z)
{
	unsigned long start = erosion_rand(z) % z->pages, other = ULONG_MAX;
	unsigned long i, pfn, block;

	for (i = 0; i < z->pages; i++) {
		pfn = (start + i) % z->pages;
		block = pfn >> BLOCK_ORDER;
		if (z->kind[pfn] != P_FREE || block == z->region ||
		    z->free[block] == BLOCK_PAGES)
			continue;
		if (erosion_buddy(z, pfn) == 0)
			return pfn;
		if (other == ULONG_MAX)
			other = pfn;
		if (i >= 4 * BLOCK_PAGES && other != ULONG_MAX)
			break;
	}
	return other;
}

/* compact_fill_read(): COMPACT_FILL_SAMPLES evenly spaced pages */
static struct compact_block erosion_sample(struct erosion_zone *z,
					   unsigned long block)
{
	unsigned int step = BLOCK_PAGES / COMPACT_FILL_SAMPLES, i;
	unsigned long p = (block << BLOCK_ORDER) + z->blocks_read++ % step;
	struct compact_block b = {};

	for (i = 0; i < COMPACT_FILL_SAMPLES && !b.stuck; i++, p += step) {
		z->read++;
		b.free += z->kind[p] == P_FREE ? step : 0;
		b.stuck |= z->kind[p] == P_STUCK;
	}
	return b;
}

/* The next target of a run evacuating a region of @price movable pages. */
static unsigned long erosion_target(struct erosion_zone *z,
				    enum erosion_targets how,
				    unsigned int price)
{
	struct compact_block b;
	unsigned long pfn, block, p;
	bool fills;

	while (how != EROSION_BLIND) {
		while (z->next_harvest < z->nr_harvest) {
			pfn = z->harvest[z->next_harvest++];
			if (z->kind[pfn] == P_FREE)
				return pfn;
		}
		if (z->next_stuck_seen < z->nr_stuck_seen) {
			block = z->stuck_seen[z->next_stuck_seen++];
			fills = true;
		} else {
			if (z->blocks_read == COMPACT_TARGET_LOOK)
				break;
			pfn = erosion_blind(z);
			if (pfn == ULONG_MAX)
				return pfn;
			block = pfn >> BLOCK_ORDER;
			b = erosion_sample(z, block);
			if (how == EROSION_FILLS)
				fills = compact_region_fills(&b, price,
							     BLOCK_PAGES);
			else
				fills = b.stuck ||
					BLOCK_PAGES - b.free > price;
		}
		if (!fills)
			continue;
		z->nr_harvest = 0;
		z->next_harvest = 0;
		for (p = block << BLOCK_ORDER; p < (block + 1) << BLOCK_ORDER; p++)
			if (z->kind[p] == P_FREE)
				z->harvest[z->nr_harvest++] = p;
	}
	return erosion_blind(z);
}

static int erosion_cmp(const void *a, const void *b)
{
	return (int)*(const unsigned int *)a - (int)*(const unsigned int *)b;
}

struct erosion_result {
	unsigned int runs, p50, p90, p99, max;
	unsigned long migrated, mstar, read;
};

static struct erosion_result erosion_run(unsigned int nr_blocks, u64 seed,
					 enum erosion_targets how)
{
	struct erosion_zone z = { .nr_blocks = nr_blocks, .rng = seed };
	struct erosion_result res = {};
	unsigned int *cheapest, *runs, block, n = 0, i, m, misses = 0;
	unsigned long pfn, free_pages = 0, t;
	struct compact_regions r;
	int fb;

	z.pages = (unsigned long)nr_blocks << BLOCK_ORDER;
	z.kind = calloc(z.pages, 1);
	z.free = calloc(nr_blocks, sizeof(*z.free));
	z.stuck = calloc(nr_blocks, 1);
	cheapest = calloc(nr_blocks, sizeof(*cheapest));
	runs = calloc(nr_blocks, sizeof(*runs));
	for (block = 0; block < nr_blocks; block++) {
		unsigned int share = erosion_rand(&z) % 1024;

		for (pfn = (unsigned long)block << BLOCK_ORDER;
		     pfn < (block + 1UL) << BLOCK_ORDER; pfn++) {
			z.kind[pfn] = erosion_rand(&z) % 1024 < share ?
				      P_MOVABLE : P_FREE;
			z.free[block] += z.kind[pfn] == P_FREE;
		}
		if (erosion_rand(&z) % 100 < 3) {
			erosion_set(&z, ((unsigned long)block << BLOCK_ORDER) +
				    erosion_rand(&z) % BLOCK_PAGES, P_STUCK);
			z.stuck[block] = 1;
		} else {
			cheapest[n++] = BLOCK_PAGES - z.free[block];
		}
		free_pages += z.free[block];
	}
	qsort(cheapest, n, sizeof(*cheapest), erosion_cmp);
	/* fault until the zone is nearly full, as the benchmark's faulters */
	while (free_pages > BLOCK_PAGES + z.pages / 64) {
		for (fb = -1, block = 0; block < nr_blocks && fb < 0; block++)
			if (z.free[block] == BLOCK_PAGES)
				fb = block;
		if (fb < 0) {
			z.nr_stuck_seen = 0;
			z.next_stuck_seen = 0;
			compact_region_search(&r, BLOCK_ORDER, &erosion_ops, &z);
			if (how == EROSION_BLIND)
				z.nr_stuck_seen = 0;
			/* its look is a sample: a miss now is not the end */
			if (!r.nr && ++misses < 64)
				continue;
			if (!r.nr)
				break;
			fb = r.pfn[0] >> BLOCK_ORDER;
			z.region = fb;
			z.nr_harvest = 0;
			z.next_harvest = 0;
			z.blocks_read = 0;
			for (m = 0, pfn = r.pfn[0]; pfn < r.pfn[0] + BLOCK_PAGES;
			     pfn++) {
				if (z.kind[pfn] != P_MOVABLE)
					continue;
				t = erosion_target(&z, how, r.cost[0]);
				if (t == ULONG_MAX)
					goto out;
				erosion_set(&z, t, P_MOVABLE);
				erosion_set(&z, pfn, P_FREE);
				m++;
			}
			z.region = ULONG_MAX;
			runs[res.runs++] = m;
			res.migrated += m;
		}
		/* the huge page: a block no run can empty */
		for (pfn = (unsigned long)fb << BLOCK_ORDER;
		     pfn < (fb + 1UL) << BLOCK_ORDER; pfn++)
			erosion_set(&z, pfn, P_STUCK);
		z.stuck[fb] = 1;
		free_pages -= BLOCK_PAGES;
	}
out:
	for (i = 0; i < res.runs && i < n; i++)
		res.mstar += cheapest[i];
	qsort(runs, res.runs, sizeof(*runs), erosion_cmp);
	if (res.runs) {
		res.p50 = runs[res.runs / 2];
		res.p90 = runs[res.runs * 9 / 10];
		res.p99 = runs[res.runs * 99 / 100];
		res.max = runs[res.runs - 1];
		res.read = z.read / res.runs;
	}
	free(z.kind);
	free(z.free);
	free(z.stuck);
	free(cheapest);
	free(runs);
	return res;
}

static void run_erosion(void)
{
	static const char * const names[] = { "blind", "price", "fills" };
	struct erosion_result res[3];
	unsigned int how, seed;

	printf("\nErosion model: THP faults into a 1.2 GiB zone, random fill\n");
	printf("(where a region run's targets go)\n");
	printf("%5s %6s %5s %9s %9s %6s %5s %5s %5s %5s %11s\n", "seed",
	       "targets", "runs", "migrated", "M*", "ratio", "p50", "p90",
	       "p99", "max", "read/run");
	for (seed = 1; seed <= 2; seed++) {
		for (how = EROSION_BLIND; how <= EROSION_FILLS; how++) {
			res[how] = erosion_run(600, seed, how);
			printf("%5u %6s %5u %9lu %9lu %6.3f %5u %5u %5u %5u %11lu\n",
			       seed, names[how], res[how].runs,
			       res[how].migrated, res[how].mstar,
			       (double)res[how].migrated / res[how].mstar,
			       res[how].p50, res[how].p90, res[how].p99,
			       res[how].max, res[how].read);
			CHECK(res[how].runs > 200);
		}
		/* the fills keep the cheap blocks cheap: near M*, and fewer */
		CHECK(res[EROSION_FILLS].migrated * 100 <=
		      res[EROSION_FILLS].mstar * 110);
		CHECK(res[EROSION_FILLS].migrated < res[EROSION_PRICE].migrated);
		CHECK(res[EROSION_PRICE].migrated < res[EROSION_BLIND].migrated);
		CHECK(res[EROSION_FILLS].p90 < res[EROSION_BLIND].p90);
		/* bounded: the search's budget and the blocks' samples */
		CHECK(res[EROSION_FILLS].read <=
		      (COMPACT_REGION_LOOK + 1) * BLOCK_PAGES +
		      COMPACT_TARGET_LOOK * COMPACT_FILL_SAMPLES);
	}
}

int main(int argc, char **argv)
{
	bool quick = argc > 1 && !strcmp(argv[1], "-q");

	test_policy();
	test_results();
	test_cost_plan();
	test_region_consider();
	test_region_search();
	test_region_budget();
	test_region_ok();
	test_region_fills();
	if (!quick) {
		run_model();
		run_erosion();
	}
	printf("%d checks, %d failed\n", checks, failures);
	return failures ? 1 : 0;
}
