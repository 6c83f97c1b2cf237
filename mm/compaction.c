// SPDX-License-Identifier: GPL-2.0
/*
 * Memory compaction: move movable pages so that free memory forms large
 * physically contiguous blocks.
 *
 * Fragmentation leaves plenty of free pages but few free runs of 2^order
 * of them.  Compaction works inside one zone with two scanners:
 *
 *   zone start                                                  zone end
 *   | M.M..M. | .MM.M... | ..M.M.M. | M..M..M. | .M...M.. | M.M....M |
 *     migration scanner -->                      <-- free scanner
 *
 *   | ........ | ........ | ........ | MMMMMMMM | MMMMMMMM | MMMMMMMM |
 *     after the run: free pageblocks below, used ones above
 *
 * The migration scanner isolates movable pages (LRU folios, non-LRU pages
 * with movable_operations such as balloon or zsmalloc pages); the free
 * scanner isolates free pages as targets; migrate_pages() moves the former
 * into the latter (unmap, copy, remap), calling back into compaction_alloc()
 * and compaction_free() for targets.
 *
 * The file is layered, from the bottom:
 *
 * Mechanism: isolate migration sources from a pfn range, isolate free
 *   targets from a pfn range, hand targets to migrate_pages(), put back
 *   whatever was not used.  These know nothing of scan order and are shared
 *   with alloc_contig_range() (CMA, gigantic pages, virtio-mem) through
 *   isolate_migratepages_range() and isolate_freepages_range().
 *
 * Policy (struct compact_policy): which pageblock the migration scanner
 *   visits next and which the free scanner visits next; a run ends when
 *   the policy has no source left, or at the goal every run shares
 *   (compact_finished()).  The linear policy is Mel Gorman's from 2007:
 *   the migration scanner walks up from the zone start, the free scanner
 *   walks down from the zone end, and the run ends when they meet.  The
 *   cost policy, the default for runs without an order (manual,
 *   proactive) and kcompactd runs for a pageblock or more, plans from a
 *   survey of the zone: it evacuates the blocks with the fewest movable
 *   pages first and fills the fullest blocks outside them.  The region
 *   policy serves the other direct and kcompactd runs with an order: it
 *   picks among the largest free buddies the few aligned regions of that
 *   order cheapest to empty, reading a bounded number of them whatever
 *   the zone's size, claims them so that concurrent runs leave them
 *   alone, and evacuates only them.  compact_choose_policy() alone
 *   decides which policy a run takes; compaction.policy=linear makes
 *   every run linear.
 *
 * Runs: compact_zone() drives one zone with a policy and the mechanism.
 *
 * Triggers: manual compaction through /proc/sys/vm/compact_memory (every
 *   zone of every node) and /sys/devices/system/node/nodeN/compact (one
 *   node); direct compaction in the allocator's slow path
 *   (try_to_compact_pages()), which captures the block it forms for the
 *   allocating task; and a kcompactd thread per node, woken by kswapd for
 *   an order it could not provide, and periodically for proactive
 *   compaction when the node's fragmentation score is too high.
 *
 * Rules every isolation follows: the zone lock for free pages and the
 * lruvec lock for LRU folios are held only briefly and dropped to
 * reschedule on long walks; a fatal signal aborts; isolation throttles when
 * too many pages of the node are isolated; pinned pages, pages under
 * writeback or dirty pages that the migration mode cannot move, and
 * unevictable pages unless compact_unevictable_allowed, are left alone;
 * free pages are never taken below the min watermark, never from whole
 * free pageblocks, and only from pageblocks of a movable migratetype.
 *
 * See Documentation/mm/compaction.rst.
 */
#include <linux/swap.h>
#include <linux/migrate.h>
#include <linux/compaction.h>
#include <linux/mm_inline.h>
#include <linux/sched/signal.h>
#include <linux/sysctl.h>
#include <linux/page-isolation.h>
#include <linux/hugetlb.h>
#include <linux/pagemap.h>
#include <linux/node.h>
#include <linux/kthread.h>
#include <linux/freezer.h>
#include <linux/cpuset.h>
#include <linux/psi.h>
#include <linux/cpuhotplug.h>
#include <linux/moduleparam.h>
#include <linux/memory.h>
#include <linux/srcu.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include "internal.h"
#include "compaction_plan.h"

/* compact_isolated counts pages isolated for compaction and for CMA alike */
static inline void count_compact_isolated(unsigned long nr)
{
#ifdef CONFIG_COMPACTION
	count_vm_events(COMPACTISOLATED, nr);
#endif
}

#if defined CONFIG_COMPACTION || defined CONFIG_CMA

#define CREATE_TRACE_POINTS
#include <trace/events/compaction.h>

/* ------------------------------------------------------------------ */
/* Mechanism: free targets                                             */
/* ------------------------------------------------------------------ */

static void compact_init_freepages(struct compact_control *cc)
{
	int order;

	for (order = 0; order < NR_PAGE_ORDERS; order++)
		INIT_LIST_HEAD(&cc->freepages[order]);
	cc->nr_freepages = 0;
}

/* Turn an isolated free block into an allocated, refcounted one. */
static struct page *compact_prep_target_noprof(struct page *page,
					       unsigned int order)
{
	post_alloc_hook(page, order, __GFP_MOVABLE);
	set_page_refcounted(page);
	return page;
}

#define compact_prep_target(...) \
	alloc_hooks(compact_prep_target_noprof(__VA_ARGS__))

/*
 * Give every isolated free block on cc->freepages back to the buddy.
 * Return: the end of the highest pageblock a block went back to, 0 if
 * none did.
 */
static unsigned long compact_release_freepages(struct compact_control *cc)
{
	unsigned long high = 0;
	struct page *page, *next;
	int order;

	for (order = 0; order < NR_PAGE_ORDERS; order++) {
		list_for_each_entry_safe(page, next, &cc->freepages[order], lru) {
			high = max(high, pageblock_end_pfn(page_to_pfn(page)));
			list_del(&page->lru);
			compact_prep_target(page, order);
			__free_pages(page, order);
		}
	}
	cc->nr_freepages = 0;
	return high;
}

/*
 * Async runs serve allocations that would rather fail than wait: a THP
 * fault, the allocator's first direct try.  As in 6.12 they give up when a
 * lock they need is taken (a failed trylock: zone->lock here, the lruvec
 * lock in compact_lru_contended()) by setting cc->contended; the run then
 * ends COMPACT_CONTENDED and the allocator goes on without it.  Like every
 * run they only reschedule when the CPU is wanted (6.12's async runs stop
 * for that between zones, in try_to_compact_pages()).
 */
static void compact_lock_irqsave(spinlock_t *lock, unsigned long *flags,
				 struct compact_control *cc)
	__acquires(lock)
{
	if (cc->mode == MIGRATE_ASYNC && !cc->contended) {
		if (spin_trylock_irqsave(lock, *flags))
			return;
		cc->contended = true;
	}
	spin_lock_irqsave(lock, *flags);
}

/*
 * Drop @lock for a moment when someone needs it or the CPU, so a long walk
 * under it never holds up the allocator.
 */
static void compact_lock_break(spinlock_t *lock, unsigned long *flags)
{
	if (!need_resched() && !spin_needbreak(lock))
		return;
	spin_unlock_irqrestore(lock, *flags);
	cond_resched();
	spin_lock_irqsave(lock, *flags);
}

/*
 * A block is claimed while a direct run evacuates a region in it (see the
 * region policy); no run takes a target from it.  Claims are taken and
 * tested under the zone lock and dropped without it; the memmap of
 * offlined memory is not touched, and memory coming online starts
 * unclaimed (compact_memory_notify()).
 */
static bool compact_block_claimed(struct page *page)
{
	return get_pageblock_skip(page);
}

/**
 * isolate_free_pages - take the free buddy pages of a pfn range
 * @cc: compaction control; pages go to cc->freepages[order], whole blocks,
 *	not yet prepared for use
 * @pfn: first pfn to look at; on return, the pfn after the last one taken
 *	or looked at (beyond @end_pfn when a free block straddles it)
 * @end_pfn: end of the range, within one pageblock
 * @strict: stop at the first pfn that is not free (alloc_contig_range);
 *	otherwise skip it, and leave whole free pageblocks alone
 *
 * Takes the zone lock.  __isolate_free_page() refuses pages that would put
 * the zone below its min watermark, which ends the walk.
 *
 * Return: the number of base pages isolated.
 */
static unsigned long isolate_free_pages(struct compact_control *cc,
					unsigned long *pfn,
					unsigned long end_pfn, bool strict)
{
	unsigned long start = *pfn, nr_scanned = 0, nr_taken = 0, p;
	struct zone *zone = cc->zone;
	unsigned long flags;

	compact_lock_irqsave(&zone->lock, &flags, cc);
	/* a region run may have claimed the block since the caller looked */
	if (!strict && compact_block_claimed(pfn_to_page(start)))
		end_pfn = start;
	for (p = start; p < end_pfn; p++) {
		struct page *page = pfn_to_page(p);
		unsigned int order;

		if (p != start && !((p - start) % COMPACT_CLUSTER_MAX))
			compact_lock_break(&zone->lock, &flags);
		/*
		 * Scanned counts the pfns covered, a block taken counting all
		 * its pages, as 6.12 counted compact_free_scanned; a whole
		 * free pageblock, left alone, counts its one look.
		 */
		nr_scanned++;
		if (!PageBuddy(page)) {
			if (strict)
				break;
			continue;
		}
		order = buddy_order(page);
		if (!strict && order >= pageblock_order) {
			p += (1UL << order) - 1;
			continue;
		}
		if (!__isolate_free_page(page, order))
			break;
		list_add_tail(&page->lru, &cc->freepages[order]);
		nr_taken += 1UL << order;
		nr_scanned += (1UL << order) - 1;
		p += (1UL << order) - 1;
	}
	spin_unlock_irqrestore(&zone->lock, flags);

	*pfn = p;
	cc->nr_freepages += nr_taken;
	cc->total_free_scanned += nr_scanned;
	count_compact_isolated(nr_taken);
	trace_mm_compaction_isolate_freepages(start, p, nr_scanned, nr_taken);
	return nr_taken;
}

/**
 * isolate_freepages_range() - isolate every free page of a pfn range
 * @cc: compaction control of alloc_contig_range()
 * @start_pfn: first pfn, the head of a free block
 * @end_pfn: end of the range
 *
 * The range's pageblocks are isolated (MIGRATE_ISOLATE) by the caller, and
 * every page in it must be free.  The pages are left on cc->freepages[],
 * each list holding whole blocks of its order, for the caller to prepare.
 *
 * Return: the pfn after the last page isolated, which may lie beyond
 * @end_pfn when a free block straddles it; 0 if a page of the range was not
 * free, in which case nothing stays isolated.
 */
unsigned long isolate_freepages_range(struct compact_control *cc,
				      unsigned long start_pfn,
				      unsigned long end_pfn)
{
	unsigned long pfn = start_pfn, block_end;

	compact_init_freepages(cc);
	while (pfn < end_pfn) {
		block_end = min(pageblock_end_pfn(pfn), end_pfn);
		if (!pageblock_pfn_to_page(pfn, block_end, cc->zone))
			break;
		isolate_free_pages(cc, &pfn, block_end, true);
		if (pfn < block_end)
			break;
	}
	if (pfn < end_pfn) {
		compact_release_freepages(cc);
		return 0;
	}
	return pfn;
}

/* ------------------------------------------------------------------ */
/* Mechanism: migration sources                                        */
/* ------------------------------------------------------------------ */

/*
 * Isolating stops when more than half of the node's LRU pages are
 * isolated already: reclaim and compaction would then only compete.  A
 * compactor that may enter the filesystem gets an eighth of that, so that
 * one that may not (GFP_NOFS), and could hold locks the others wait for,
 * always finds room.  Reclaimers throttled on isolation are woken when
 * there is room again.
 */
static bool compact_too_many_isolated(struct compact_control *cc)
{
	pg_data_t *pgdat = cc->zone->zone_pgdat;
	unsigned long lru, isolated;
	bool too_many;

	lru = node_page_state(pgdat, NR_ACTIVE_FILE) +
	      node_page_state(pgdat, NR_INACTIVE_FILE) +
	      node_page_state(pgdat, NR_ACTIVE_ANON) +
	      node_page_state(pgdat, NR_INACTIVE_ANON);
	isolated = node_page_state(pgdat, NR_ISOLATED_FILE) +
		   node_page_state(pgdat, NR_ISOLATED_ANON);
	if (cc->gfp_mask & __GFP_FS)
		lru >>= 3;
	too_many = isolated > lru / 2;
	if (!too_many)
		wake_throttle_isolated(pgdat);
	return too_many;
}

/*
 * Wait while too many pages are isolated.  Return: 0 to go on, -EAGAIN to
 * migrate what is isolated first (or, in async mode, to give up), -EINTR
 * on a fatal signal.
 */
static int compact_throttle(struct compact_control *cc)
{
	while (compact_too_many_isolated(cc)) {
		if (cc->nr_migratepages || cc->mode == MIGRATE_ASYNC)
			return -EAGAIN;
		reclaim_throttle(cc->zone->zone_pgdat, VMSCAN_THROTTLE_ISOLATED);
		if (fatal_signal_pending(current))
			return -EINTR;
	}
	return 0;
}

/*
 * Folios as large as a pageblock are as contiguous as compaction would
 * make them; folios as large as the order sought cannot help form it.
 */
static bool compact_folio_too_large(struct compact_control *cc,
				    unsigned int order)
{
	if (cc->alloc_contig)
		return false;
	if (cc->order >= 0 && order >= cc->order)
		return true;
	return order >= pageblock_order;
}

/*
 * Dirty folios need a ->migrate_folio that does not block in async mode,
 * and folios of inaccessible mappings (guest_memfd) cannot move at all.
 * Both need the folio lock to look at the mapping safely.
 */
static bool compact_mapping_allows(struct folio *folio, bool async, bool dirty)
{
	struct address_space *mapping;
	bool ok = true;

	if (!folio_trylock(folio))
		return false;
	mapping = folio_mapping(folio);
	if (mapping && mapping_inaccessible(mapping))
		ok = false;
	else if (async && dirty && mapping && !mapping->a_ops->migrate_folio)
		ok = false;
	folio_unlock(folio);
	return ok;
}

/*
 * Can @folio, on which the caller holds one reference, be migrated in
 * @mode?  A racy check, to avoid isolating what migration would refuse.
 */
static bool compact_folio_movable(struct compact_control *cc,
				  struct folio *folio, isolate_mode_t mode)
{
	struct address_space *mapping = folio_mapping(folio);
	bool async = mode & ISOLATE_ASYNC_MIGRATE;
	bool unevictable, dirty;

	/* anonymous folios with more references than mappings are pinned */
	if (!mapping && folio_ref_count(folio) - 1 > folio_mapcount(folio))
		return false;
	/* migrating file folios may take filesystem locks */
	if (mapping && !(cc->gfp_mask & __GFP_FS))
		return false;
	if (!folio_test_lru(folio) ||
	    compact_folio_too_large(cc, folio_order(folio)))
		return false;
	unevictable = folio_test_unevictable(folio);
	if (unevictable && !(mode & ISOLATE_UNEVICTABLE))
		return false;
	if (async && folio_test_writeback(folio))
		return false;
	dirty = folio_test_dirty(folio);
	if ((async && dirty) || (mapping && unevictable))
		return compact_mapping_allows(folio, async, dirty);
	return true;
}

/* Queue an isolated folio for migration. */
static void compact_queue_source(struct compact_control *cc,
				 struct folio *folio)
{
	list_add(&folio->lru, &cc->migratepages);
	cc->nr_migratepages += folio_nr_pages(folio);
}

/*
 * folio_isolate_lru() takes the lruvec lock: an async run that finds it
 * contended gives up, as 6.12's trylock does.  The caller holds a
 * reference only: the folio may be migrated and lose its memcg meanwhile,
 * so the memcg is read with folio_memcg_check(), under RCU.
 */
static bool compact_lru_contended(struct compact_control *cc,
				  struct folio *folio)
{
	struct lruvec *lruvec;

	if (cc->mode != MIGRATE_ASYNC)
		return false;
	rcu_read_lock();
	lruvec = mem_cgroup_lruvec(folio_memcg_check(folio), folio_pgdat(folio));
	if (spin_is_contended(&lruvec->lru_lock))
		cc->contended = true;
	rcu_read_unlock();
	return cc->contended;
}

/*
 * Isolate the LRU folio whose head is @page.  Return: how many pfns the
 * scanner may skip (the folio's size when it is known, else 1), negated
 * when the folio was not isolated.
 */
static long compact_isolate_lru(struct compact_control *cc, struct page *page,
				isolate_mode_t mode)
{
	struct folio *folio = folio_get_nontail_page(page);
	long nr;

	if (!folio)
		return -1;
	nr = folio_nr_pages(folio);
	if (!compact_folio_movable(cc, folio, mode) ||
	    compact_lru_contended(cc, folio) || !folio_isolate_lru(folio)) {
		folio_put(folio);
		return -nr;
	}
	/* the isolation holds its own reference from here on */
	folio_put(folio);
	node_stat_mod_folio(folio, NR_ISOLATED_ANON + folio_is_file_lru(folio),
			    nr);
	compact_queue_source(cc, folio);
	return nr;
}

/* Isolate a non-LRU page that a driver registered as movable. */
static bool compact_isolate_movable_ops(struct compact_control *cc,
					struct page *page, isolate_mode_t mode)
{
	if (!__PageMovable(page) || PageIsolated(page))
		return false;
	if (!isolate_movable_page(page, mode))
		return false;
	compact_queue_source(cc, page_folio(page));
	return true;
}

/*
 * alloc_contig_range() must clear hugetlb folios out of its way: isolate
 * them for migration or dissolve free ones into the buddy.  Return: pfns
 * to skip, or -ENOMEM when a replacement cannot be allocated.
 */
static long compact_isolate_hugetlb(struct compact_control *cc,
				    struct page *page)
{
	unsigned int order = compound_order(page);
	long skip = order <= MAX_PAGE_ORDER ? 1L << order : 1;
	int ret;

	if (!cc->alloc_contig)
		return skip;
	ret = isolate_or_dissolve_huge_page(page, &cc->migratepages);
	if (ret == -ENOMEM)
		return ret;
	if (!ret && PageHuge(page))
		cc->nr_migratepages += folio_nr_pages(page_folio(page));
	return skip;
}

/*
 * Look at one pfn for the migration scanner and isolate what is movable
 * there.  Return: how many pfns to advance (>= 1), or a negative errno.
 */
static long compact_scan_pfn(struct compact_control *cc, unsigned long pfn,
			     isolate_mode_t mode)
{
	struct page *page = pfn_to_page(pfn);
	unsigned int order;
	long nr;

	if (PageHuge(page))
		return compact_isolate_hugetlb(cc, page);
	if (PageBuddy(page)) {
		order = buddy_order_unsafe(page);
		return order <= MAX_PAGE_ORDER ? 1L << order : 1;
	}
	if (PageLRU(page)) {
		nr = compact_isolate_lru(cc, page, mode);
		return nr < 0 ? -nr : nr;
	}
	if (PageCompound(page) && !cc->alloc_contig) {
		order = compound_order(page);
		return order <= MAX_PAGE_ORDER ? 1L << order : 1;
	}
	if (unlikely(__PageMovable(page)))
		compact_isolate_movable_ops(cc, page, mode);
	return 1;
}

/**
 * isolate_migrate_block - isolate movable pages of a pfn range
 * @cc: compaction control; isolated folios go to cc->migratepages
 * @low_pfn: first pfn
 * @end_pfn: end of the range, within one pageblock
 * @mode: ISOLATE_* flags for the pages taken
 *
 * Stops once COMPACT_CLUSTER_MAX pages are isolated, so that they are
 * migrated before more are taken; cc->migrate_pfn says where to go on.
 *
 * Return: 0, -EAGAIN when too many pages are isolated, -EINTR on a fatal
 * signal, -ENOMEM when a hugetlb folio could not be replaced.
 */
static int isolate_migrate_block(struct compact_control *cc,
				 unsigned long low_pfn, unsigned long end_pfn,
				 isolate_mode_t mode)
{
	unsigned long pfn = low_pfn, nr_scanned = 0, nr_steps = 0;
	unsigned int nr_before = cc->nr_migratepages, nr_taken;
	long step;
	int ret;

	cc->migrate_pfn = low_pfn;
	ret = compact_throttle(cc);
	if (ret)
		return ret;
	cond_resched();

	while (pfn < end_pfn && cc->nr_migratepages < COMPACT_CLUSTER_MAX) {
		if (!(++nr_steps % COMPACT_CLUSTER_MAX)) {
			if (fatal_signal_pending(current)) {
				cc->contended = true;
				ret = -EINTR;
				break;
			}
			cond_resched();
		}
		step = compact_scan_pfn(cc, pfn, mode);
		if (step < 0) {
			ret = step;
			break;
		}
		/* a contended lock: migrate what is isolated, then stop */
		if (cc->contended)
			break;
		/*
		 * Scanned counts the pfns covered, a free block or a folio
		 * counting all its pages, as 6.12 counted
		 * compact_migrate_scanned.
		 */
		nr_scanned += min_t(unsigned long, step, end_pfn - pfn);
		pfn += step;
	}
	cc->migrate_pfn = min(pfn, end_pfn);
	cc->total_migrate_scanned += nr_scanned;
	nr_taken = cc->nr_migratepages - nr_before;
	count_compact_isolated(nr_taken);
	trace_mm_compaction_isolate_migratepages(low_pfn, pfn, nr_scanned,
						 nr_taken);
	return ret;
}

/**
 * isolate_migratepages_range() - isolate movable pages for alloc_contig_range
 * @cc: compaction control of alloc_contig_range()
 * @start_pfn: first pfn
 * @end_pfn: end of the range
 *
 * Takes LRU folios (unevictable ones too), non-LRU movable pages and, for
 * alloc_contig_range, hugetlb folios, until COMPACT_CLUSTER_MAX pages are
 * isolated or the range ends.  cc->migrate_pfn is left at the next pfn to
 * scan, always beyond @start_pfn unless an error is returned.
 *
 * Return: 0, or a negative errno from isolate_migrate_block().
 */
int isolate_migratepages_range(struct compact_control *cc,
			       unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pfn = start_pfn, block_end;
	int ret = 0;

	while (pfn < end_pfn && cc->nr_migratepages < COMPACT_CLUSTER_MAX) {
		block_end = min(pageblock_end_pfn(pfn), end_pfn);
		if (!pageblock_pfn_to_page(pfn, block_end, cc->zone)) {
			pfn = block_end;
			continue;
		}
		ret = isolate_migrate_block(cc, pfn, block_end,
					    ISOLATE_UNEVICTABLE);
		pfn = cc->migrate_pfn;
		if (ret)
			break;
	}
	cc->migrate_pfn = pfn;
	return ret;
}

#endif /* CONFIG_COMPACTION || CONFIG_CMA */

#ifdef CONFIG_COMPACTION

/* ------------------------------------------------------------------ */
/* Mechanism: the memmap of a pageblock                                */
/* ------------------------------------------------------------------ */

/*
 * Compaction reads struct pages without locks, a pageblock at a time, and
 * memory hotplug may take a block offline meanwhile and poison its memmap
 * (remove_pfn_range_from_zone()).  Each walk of a block's struct pages,
 * from the check that the block is online to its last read, is a read
 * section of compact_memmap_srcu; at MEM_OFFLINE, after the sections are
 * marked offline and before the memmap is poisoned, memory hotplug waits
 * for the walks under way (compact_memory_notify()): one block's walk at
 * most, a region run's claim of its few blocks, never a whole run.
 */
DEFINE_STATIC_SRCU(compact_memmap_srcu);

static int compact_memmap_enter(void)
{
	return srcu_read_lock(&compact_memmap_srcu);
}

static void compact_memmap_exit(int idx)
{
	srcu_read_unlock(&compact_memmap_srcu, idx);
}

/*
 * The first page of the pageblock range [@pfn, @end) of @zone, or NULL:
 * pageblock_pfn_to_page(), which in a contiguous zone does not look at
 * the section, and NULL once memory hotplug marked the section offline.
 * A zone stays contiguous until remove_pfn_range_from_zone(), which
 * poisons the memmap first: a walk that began after MEM_OFFLINE must see
 * the offline section here.  In a compact_memmap_enter() section.
 */
static struct page *compact_block_page(unsigned long pfn, unsigned long end,
				       struct zone *zone)
{
	if (!pfn_to_online_page(pfn))
		return NULL;
	return pageblock_pfn_to_page(pfn, end, zone);
}

static void compact_block_unclaim(unsigned long pfn)
{
	int idx = compact_memmap_enter();
	struct page *page = pfn_to_online_page(pfn);

	if (page)
		clear_pageblock_skip(page);
	compact_memmap_exit(idx);
}

/*
 * A block the migration scanner may take sources from.  As in 6.12, the
 * async direct try for a movable allocation leaves the blocks of other
 * migratetypes alone (they mostly hold pages that cannot move, and it is
 * the cheap try), and one for another migratetype takes its own only.
 */
static bool compact_source_block_ok(struct compact_control *cc,
				    struct page *page)
{
	int mt;

	if (cc->mode != MIGRATE_ASYNC || !cc->direct_compaction)
		return true;
	mt = get_pageblock_migratetype(page);
	if (cc->migratetype == MIGRATE_MOVABLE)
		return is_migrate_movable(mt);
	return mt == cc->migratetype;
}

/* ------------------------------------------------------------------ */
/* Mechanism: free targets from the free lists                         */
/* ------------------------------------------------------------------ */

/*
 * Free lists that hold targets: only those of movable pageblocks, and only
 * orders below pageblock_order - 1, whose isolation leaves the block's
 * migratetype alone, and below the order a run seeks, which is what the
 * run is for.
 */
static const int compact_target_mts[] = {
	MIGRATE_MOVABLE,
#ifdef CONFIG_CMA
	MIGRATE_CMA,
#endif
};

/*
 * Free blocks one look at the lists examines, in all and per list.  A look
 * holds the zone lock with interrupts off, so it is bounded: 8 migration
 * batches' worth of blocks (256 struct pages read under the lock), enough
 * to fill a batch of base-page sources with most blocks declined.  One
 * list gets a quarter of it, so a list whose heads the policy declines (a
 * region's, a planned source's) cannot use up a look the next orders and
 * migratetypes would have served.
 */
#define COMPACT_LIST_LOOK	(8 * COMPACT_CLUSTER_MAX)
#define COMPACT_LIST_LOOK_ONE	(2 * COMPACT_CLUSTER_MAX)

/**
 * struct compact_list_ops - the policy's say in a walk of the free lists
 * @accept: may the free block of @order at @pfn be taken?  A predicate:
 *	changes nothing
 * @took: the block was taken
 *
 * Both are called with @data under the zone lock, interrupts off.
 */
struct compact_list_ops {
	bool (*accept)(void *data, unsigned long pfn, unsigned int order);
	void (*took)(void *data, unsigned long pfn, unsigned int order);
};

/* A walk of the free lists: what it may look at and what it took. */
struct compact_list_walk {
	const struct compact_list_ops *ops;
	void *data;
	unsigned long want, taken, scanned, looked;
	unsigned long low, high;	/* pfns of the blocks looked at */
	bool refused;
};

/*
 * Take the free blocks of one list that the walk accepts; move those it
 * declines to the tail so the next walk looks at others first.  Zone lock
 * held.
 */
static void compact_walk_free_list(struct compact_control *cc,
				   struct compact_list_walk *w,
				   struct list_head *list, unsigned int order)
{
	struct page *page, *next, *first_declined = NULL;
	unsigned long stop = min(w->looked + COMPACT_LIST_LOOK_ONE,
				 COMPACT_LIST_LOOK);

	list_for_each_entry_safe(page, next, list, buddy_list) {
		if (page == first_declined || w->taken >= w->want ||
		    w->looked >= stop)
			return;
		w->looked++;
		w->scanned++;
		w->low = min(w->low, page_to_pfn(page));
		w->high = max(w->high, page_to_pfn(page) + (1UL << order));
		if (compact_block_claimed(page) ||
		    !w->ops->accept(w->data, page_to_pfn(page), order)) {
			first_declined = first_declined ?: page;
			list_move_tail(&page->buddy_list, list);
			continue;
		}
		if (!__isolate_free_page(page, order)) {
			w->refused = true;
			return;
		}
		w->ops->took(w->data, page_to_pfn(page), order);
		list_add_tail(&page->lru, &cc->freepages[order]);
		w->taken += 1UL << order;
		w->scanned += (1UL << order) - 1;
	}
}

/* The orders below which free blocks are targets (compact_target_mts[]) */
static unsigned int compact_list_top(const struct compact_control *cc)
{
	unsigned int top = pageblock_order - 1;

	return cc->order > 0 ? min_t(unsigned int, top, cc->order) : top;
}

/**
 * isolate_free_listed - take free targets from the zone's free lists
 * @cc: compaction control; pages go to cc->freepages[order], whole blocks,
 *	not yet prepared for use
 * @order: smallest block wanted
 * @want: base pages wanted
 * @ops: whether a free block may be taken, and what is told when it was:
 *	the policy's say
 * @data: for @ops
 *
 * Looks at no more than COMPACT_LIST_LOOK free blocks, and no more than
 * COMPACT_LIST_LOOK_ONE of one list, of the orders from @order up to the
 * bound above, smallest orders first: small free
 * blocks lie in the fullest pageblocks, which is where targets belong.
 * Takes the zone lock; __isolate_free_page() refuses pages that would put
 * the zone below its min watermark, which ends the walk.
 * Scanned counts the blocks looked at plus the pages taken beyond the
 * first of each block, as 6.12 counted its free-list search.
 *
 * Return: the number of base pages isolated.
 */
static unsigned long
isolate_free_listed(struct compact_control *cc, unsigned int order,
		    unsigned long want, const struct compact_list_ops *ops,
		    void *data)
{
	struct compact_list_walk w = {
		.ops = ops, .data = data, .want = want, .low = ULONG_MAX,
	};
	unsigned int o, i, top = compact_list_top(cc);
	struct zone *zone = cc->zone;
	struct list_head *list;
	unsigned long flags;

	compact_lock_irqsave(&zone->lock, &flags, cc);
	for (o = order; o < top; o++)
		for (i = 0; i < ARRAY_SIZE(compact_target_mts); i++) {
			if (w.refused || w.taken >= w.want ||
			    w.looked >= COMPACT_LIST_LOOK)
				goto out;
			list = zone->free_area[o].free_list;
			compact_walk_free_list(cc, &w,
					       &list[compact_target_mts[i]], o);
		}
out:
	spin_unlock_irqrestore(&zone->lock, flags);
	cc->nr_freepages += w.taken;
	cc->total_free_scanned += w.scanned;
	count_compact_isolated(w.taken);
	/* the pfns of the free blocks looked at (6.12: its search window) */
	trace_mm_compaction_fast_isolate_freepages(min(w.low, w.high), w.high,
						   w.scanned, w.taken);
	return w.taken;
}

static int sysctl_compact_memory;
static int sysctl_compact_unevictable_allowed __read_mostly =
	CONFIG_COMPACT_UNEVICTABLE_DEFAULT;
static int sysctl_compaction_proactiveness __read_mostly = 20;
static int sysctl_extfrag_threshold __read_mostly = 500;

/* ------------------------------------------------------------------ */
/* Movable pages of drivers (balloon, zsmalloc, z3fold)                */
/* ------------------------------------------------------------------ */

/**
 * PageMovable() - is this locked page a driver's movable page?
 * @page: the page, locked by the caller
 *
 * Return: true if the page carries movable_operations that can migrate it.
 */
bool PageMovable(struct page *page)
{
	VM_WARN_ON_ONCE_PAGE(!PageLocked(page), page);
	return __PageMovable(page) && page_movable_ops(page);
}

/**
 * __SetPageMovable() - register a driver's page as movable
 * @page: the page, locked by the caller
 * @mops: the operations that isolate, migrate and put back the page
 */
void __SetPageMovable(struct page *page, const struct movable_operations *mops)
{
	VM_WARN_ON_ONCE_PAGE(!PageLocked(page), page);
	VM_WARN_ON_ONCE_PAGE((unsigned long)mops & PAGE_MAPPING_MOVABLE, page);
	page->mapping = (void *)((unsigned long)mops | PAGE_MAPPING_MOVABLE);
}
EXPORT_SYMBOL(__SetPageMovable);

/**
 * __ClearPageMovable() - withdraw a page's movable_operations
 * @page: a movable page, locked by the caller
 *
 * The page keeps PAGE_MAPPING_MOVABLE, so that a concurrent isolation sees
 * a movable page without operations and leaves it.
 */
void __ClearPageMovable(struct page *page)
{
	VM_WARN_ON_ONCE_PAGE(!PageMovable(page), page);
	page->mapping = (void *)PAGE_MAPPING_MOVABLE;
}
EXPORT_SYMBOL(__ClearPageMovable);

/* ------------------------------------------------------------------ */
/* Mechanism: migration callbacks                                      */
/* ------------------------------------------------------------------ */

struct compact_run;

/**
 * struct compact_policy - the order in which a run visits pageblocks
 * @name: what the policy= parameter takes and the mm_compaction_plan
 *	event shows
 * @runs: the vm event that counts the runs taking the policy
 * @get: may the policy serve @run?  Takes what it holds for the run until
 *	@stop: the region policy finds and claims its regions, the cost
 *	policy takes the zone's picture.  Called once per run, first, with
 *	no lock held; may reschedule, and outside direct runs allocate with
 *	GFP_KERNEL, but may wait for another run only in a manual run
 *	(kcompactd must not wait behind one).  False sends the run to the
 *	linear policy, which never refuses; a get that returns false holds
 *	nothing, and @stop is not called.
 * @start: place the scanners.  The mechanism has put cc->migrate_pfn at
 *	the zone's start and cc->free_pfn at its end; @start may move them,
 *	and says whether the run covers the whole zone (cc->whole_zone,
 *	which manual runs and the last-chance direct try preset): how a run
 *	that runs out of sources or targets ends depends on it alone
 *	(compact_run_out()).  Called once, after @get, no lock held.
 * @next_source: the next range [*start, *end), within one pageblock, for
 *	the migration scanner; false when there is none, which ends the run.
 *	Called between migrations, no lock held.  Without it the run has no
 *	source and ends at once.
 * @next_target: the next pageblock for the free scanner; false when there
 *	is none.  Called from migrate_pages()'s allocation callback, where
 *	other folios of the batch may be locked and unmapped: no lock held,
 *	must not wait.  Without it targets come from the free lists only.
 * @list_target: whether the free block of an order at a pfn may be a
 *	target; a predicate, it changes nothing.  Called under zone->lock
 *	with interrupts off, inside migrate_pages() as @next_target is; must
 *	neither sleep nor take a lock.  With it the free scanner takes
 *	targets from the zone's free lists first (isolate_free_listed()),
 *	and walks @next_target's blocks only when the lists offer none;
 *	without it, only @next_target's.
 * @blocks_first: the free scanner walks @next_target's blocks before it
 *	looks at the free lists, which serve when @next_target has none: a
 *	policy that reads a pageblock before it fills it (the region
 *	policy's runs for a pageblock or more).
 * @list_took: the free block of an order at a pfn that @list_target
 *	accepted was taken.  Same context as @list_target.
 * @stop: the run is over with @result: remember what the next run needs,
 *	set run->plan_done, and release what @get took.  Called once, after
 *	the last step and after the run's unused pages went back, no lock
 *	held.
 *
 * The migration scanner's position is cc->migrate_pfn, which the mechanism
 * advances as it isolates; the free scanner's is cc->free_pfn.  Each hook
 * gets the run; a policy's state lives in the run's member for it
 * (@picture, @regions).  Every hook is optional.
 */
struct compact_policy {
	const char *name;
	enum vm_event_item runs;
	bool (*get)(struct compact_run *run);
	void (*start)(struct compact_run *run);
	bool (*next_source)(struct compact_run *run, unsigned long *start,
			    unsigned long *end);
	bool (*next_target)(struct compact_run *run, unsigned long *start,
			    unsigned long *end);
	bool (*list_target)(struct compact_run *run, unsigned long pfn,
			    unsigned int order);
	void (*list_took)(struct compact_run *run, unsigned long pfn,
			  unsigned int order);
	void (*stop)(struct compact_run *run, enum compact_result result);
	bool blocks_first;
};

/*
 * Pageblocks a look at the free lists gathers for a region run's targets
 * at a time, and stuck ones its region search notes: a few, as a run's
 * state lives on the stack of the allocating task.
 */
#define COMPACT_FILL_BATCH	8

/**
 * struct compact_fill - the pageblocks a region run considers for targets
 * @pfn: first pfns of pageblocks holding free blocks the free lists
 *	offered, not yet read
 * @nr: pageblocks in @pfn
 * @next: the next one to read
 * @read: pageblocks read in this run, at most COMPACT_TARGET_LOOK
 * @stuck: pageblocks the region search found holding a page that cannot
 *	move, filled first
 * @nr_stuck: pageblocks in @stuck
 * @next_stuck: the next one to fill
 * @from: where the free scanner goes on in the block being filled
 * @to: the end of that block
 */
struct compact_fill {
	unsigned long pfn[COMPACT_FILL_BATCH];
	unsigned int nr, next, read;
	unsigned long stuck[COMPACT_FILL_BATCH];
	unsigned int nr_stuck, next_stuck;
	unsigned long from, to;
};

/**
 * struct compact_run - one compaction run over one zone
 * @cc: what the mechanism and migrate_pages() callbacks see
 * @policy: the scan order, chosen by compact_choose_policy()
 * @capc: where a block freed for the direct compactor is captured, or NULL
 * @picture: the cost policy's: the zone's occupancy picture, from its
 *	@get to its @stop
 * @targets_exhausted: the free scanner has nothing left to offer and no
 *	isolated free page is left
 * @lists_dry_from: 1 + the lowest order at which the free lists offered
 *	no target the policy accepts, 0 while they offer some
 * @regions: the region policy's: the regions it found and claimed
 * @fill: the region policy's: where its targets may go
 * @screen: a linear run standing in for a region run that found none:
 *	it passes over the pageblocks it cannot empty
 *	(compact_linear_screens())
 * @plan_sources: sources the policy planned (regions or pageblocks)
 * @plan_targets: targets it planned (pageblocks; the cost policy only)
 * @plan_read: pfns it read to plan (the region search, a survey)
 * @plan_done: planned sources the migration scanner went all through
 *
 * The plan_* fields are set by the policy's get, start and stop, for the
 * mm_compaction_plan event and the compact_plan_* counters.
 */
struct compact_run {
	struct compact_control cc;
	const struct compact_policy *policy;
	struct capture_control *capc;
	struct compact_picture *picture;
	bool targets_exhausted;
	unsigned int lists_dry_from;
	struct compact_regions regions;
	struct compact_fill fill;
	bool screen;
	unsigned int plan_sources, plan_targets, plan_done;
	unsigned long plan_read;
};

/* A block free pages may be taken from: movable, and no run's source. */
static bool compact_target_block_ok(struct page *page)
{
	int mt = get_pageblock_migratetype(page);

	return is_migrate_movable(mt) && !compact_block_claimed(page);
}

/*
 * Is a target of @order isolated?  Enough base pages for the batch count
 * too, with no block as large as a large source: migrate_pages() splits
 * the source rather than have us hide the zone's free memory looking for
 * one.
 */
static bool compact_have_target(struct compact_control *cc,
				unsigned int order)
{
	unsigned int o;

	for (o = order; o < NR_PAGE_ORDERS; o++)
		if (!list_empty(&cc->freepages[o]))
			return true;
	return cc->nr_freepages >= max(cc->nr_migratepages, 1U << order);
}

/* The policy's list_target and list_took, for isolate_free_listed() */
static bool compact_list_accept(void *data, unsigned long pfn,
				unsigned int order)
{
	struct compact_run *run = data;

	return run->policy->list_target(run, pfn, order);
}

static void compact_list_took(void *data, unsigned long pfn,
			      unsigned int order)
{
	struct compact_run *run = data;

	if (run->policy->list_took)
		run->policy->list_took(run, pfn, order);
}

static const struct compact_list_ops compact_policy_list_ops = {
	.accept = compact_list_accept,
	.took = compact_list_took,
};

/* Look at the free lists for blocks of @order up, unless they ran dry. */
static void compact_list_look(struct compact_run *run, unsigned int order)
{
	unsigned long want = max_t(unsigned long, COMPACT_CLUSTER_MAX,
				   1UL << order);

	if (run->lists_dry_from && order + 1 >= run->lists_dry_from)
		return;
	if (!isolate_free_listed(&run->cc, order, want,
				 &compact_policy_list_ops, run))
		run->lists_dry_from = order + 1;
}

/*
 * Walk the policy's target blocks until a target of @order is isolated.
 * Return: true if one is, or the run is contended.
 */
static bool compact_walk_targets(struct compact_run *run, unsigned int order)
{
	struct compact_control *cc = &run->cc;
	unsigned long start, end;
	struct page *page;
	int idx;

	while (run->policy->next_target &&
	       run->policy->next_target(run, &start, &end)) {
		idx = compact_memmap_enter();
		page = compact_block_page(start, end, cc->zone);
		if (page && compact_target_block_ok(page))
			isolate_free_pages(cc, &start, end, false);
		compact_memmap_exit(idx);
		if (compact_have_target(cc, order) || cc->contended)
			return true;
	}
	return false;
}

/* Run the free scanner until a target block of @order is isolated. */
static void compact_find_targets(struct compact_run *run, unsigned int order)
{
	struct compact_control *cc = &run->cc;

	if (run->policy->blocks_first && compact_walk_targets(run, order))
		return;
	if (run->policy->list_target) {
		compact_list_look(run, order);
		/* no block that large: base pages, for the source to split */
		if (order && !compact_have_target(cc, order))
			compact_list_look(run, 0);
		if (compact_have_target(cc, order))
			return;
	}
	if (!run->policy->blocks_first && compact_walk_targets(run, order))
		return;
	/* a contended async run ends as such, not as one out of targets */
	if (!cc->nr_freepages && !cc->contended)
		run->targets_exhausted = true;
}

/* Take an isolated free block of @order, splitting a larger one. */
static struct page *compact_take_target(struct compact_control *cc,
					unsigned int order)
{
	unsigned int o = order;
	struct page *page;

	while (o < NR_PAGE_ORDERS && list_empty(&cc->freepages[o]))
		o++;
	if (o == NR_PAGE_ORDERS)
		return NULL;
	page = list_first_entry(&cc->freepages[o], struct page, lru);
	list_del(&page->lru);
	while (o > order) {
		o--;
		list_add(&page[1UL << o].lru, &cc->freepages[o]);
	}
	cc->nr_freepages -= 1UL << order;
	return page;
}

static struct folio *compaction_alloc_noprof(struct folio *src,
					     unsigned long data)
{
	struct compact_run *run = (struct compact_run *)data;
	unsigned int order = folio_order(src);
	struct page *page;

	page = compact_take_target(&run->cc, order);
	if (!page) {
		compact_find_targets(run, order);
		page = compact_take_target(&run->cc, order);
	}
	if (!page)
		return NULL;
	post_alloc_hook(page, order, __GFP_MOVABLE);
	set_page_refcounted(page);
	if (order)
		prep_compound_page(page, order);
	return page_rmappable_folio(page);
}

/* migrate_pages() target callback: a free page from our isolated ones */
static struct folio *compaction_alloc(struct folio *src, unsigned long data)
{
	return alloc_hooks(compaction_alloc_noprof(src, data));
}

/* migrate_pages() callback for an unused target: keep it for the next. */
static void compaction_free(struct folio *dst, unsigned long data)
{
	struct compact_control *cc = &((struct compact_run *)data)->cc;
	unsigned int order = folio_order(dst);

	if (folio_put_testzero(dst) && free_pages_prepare(&dst->page, order)) {
		list_add(&dst->lru, &cc->freepages[order]);
		cc->nr_freepages += 1UL << order;
	}
}

/*
 * Migrate what the migration scanner isolated; put back what did not move.
 * Return: -ENOMEM when the free scanner has nothing left to offer.
 */
static int compact_migrate(struct compact_run *run)
{
	struct compact_control *cc = &run->cc;
	unsigned int nr_succeeded = 0;
	int err;

	err = migrate_pages(&cc->migratepages, compaction_alloc,
			    compaction_free, (unsigned long)run, cc->mode,
			    MR_COMPACTION, &nr_succeeded);
	trace_mm_compaction_migratepages(cc->nr_migratepages, nr_succeeded);
	if (err)
		putback_movable_pages(&cc->migratepages);
	cc->nr_migratepages = 0;
	return run->targets_exhausted ? -ENOMEM : 0;
}

/* ------------------------------------------------------------------ */
/* Policy: linear scanners, meeting in the middle                       */
/* ------------------------------------------------------------------ */

/*
 * cc->migrate_pfn walks up from the zone start.  cc->free_pfn is the end
 * of the next pageblock the free scanner takes: every block at or above it
 * has been consumed.  A source block is allowed while it lies below
 * cc->free_pfn, a target block while it lies above the source block, so a
 * page never moves into a block that the migration scanner has yet to
 * empty.
 */
/*
 * Runs with an order in mind (direct compaction, kcompactd) stop as soon as
 * a block of that order forms, and the next one resumes where the scanners
 * stopped instead of rescanning the blocks already emptied and filled;
 * when the scanners meet, or after a run over the whole zone, the next run
 * starts from the zone's ends again.
 */
static void compact_linear_start(struct compact_run *run)
{
	struct compact_control *cc = &run->cc;
	struct zone *zone = cc->zone;
	unsigned long migrate = zone->compact_cached_migrate_pfn;
	unsigned long free = zone->compact_cached_free_pfn;

	/* manual runs and the last-chance direct try cover the whole zone */
	if (cc->order < 0 || cc->alloc_contig || cc->whole_zone) {
		cc->whole_zone = true;
		return;
	}
	if (migrate > zone->zone_start_pfn && migrate < free &&
	    free <= zone_end_pfn(zone)) {
		cc->migrate_pfn = migrate;
		cc->free_pfn = free;
	}
	cc->whole_zone = cc->migrate_pfn == zone->zone_start_pfn;
}

static void compact_linear_stop(struct compact_run *run,
				enum compact_result result)
{
	struct compact_control *cc = &run->cc;
	struct zone *zone = cc->zone;

	/* a run that ran out leaves the next one the zone's ends, as 6.12 */
	if (cc->order >= 0 && result != COMPACT_COMPLETE &&
	    result != COMPACT_PARTIAL_SKIPPED) {
		zone->compact_cached_migrate_pfn = cc->migrate_pfn;
		zone->compact_cached_free_pfn = cc->free_pfn;
	} else {
		zone->compact_cached_migrate_pfn = zone->zone_start_pfn;
		zone->compact_cached_free_pfn = zone_end_pfn(zone);
	}
}

static bool compact_linear_next_source(struct compact_run *run,
				       unsigned long *start,
				       unsigned long *end)
{
	struct compact_control *cc = &run->cc;
	unsigned long pfn = cc->migrate_pfn;

	if (pfn >= cc->free_pfn)
		return false;
	*start = pfn;
	*end = min(pageblock_end_pfn(pfn), cc->free_pfn);
	return true;
}

static bool compact_linear_next_target(struct compact_run *run,
				       unsigned long *start,
				       unsigned long *end)
{
	struct compact_control *cc = &run->cc;
	unsigned long block = pageblock_start_pfn(cc->free_pfn - 1);

	if (block <= pageblock_start_pfn(cc->migrate_pfn))
		return false;
	*start = block;
	*end = cc->free_pfn;
	cc->free_pfn = block;
	return true;
}

/*
 * Could the allocation get a free block of cc->order or larger: from its
 * own migratetype's lists, from CMA for a movable one, or by stealing
 * from another migratetype as the allocator's fallback would?  Blocks in
 * isolated or highatomic lists do not count.
 */
static bool compact_order_available(struct compact_control *cc)
{
	struct zone *zone = cc->zone;
	unsigned int order;
	bool can_steal;

	for (order = cc->order; order < NR_PAGE_ORDERS; order++) {
		struct free_area *area = &zone->free_area[order];

		if (!free_area_empty(area, cc->migratetype))
			return true;
#ifdef CONFIG_CMA
		if (cc->migratetype == MIGRATE_MOVABLE &&
		    !free_area_empty(area, MIGRATE_CMA))
			return true;
#endif
		if (find_suitable_fallback(area, order, cc->migratetype, true,
					   &can_steal) != -1)
			return true;
	}
	return false;
}

static unsigned int compact_score_zone(struct zone *zone);
static unsigned int compact_score_wmark(bool low);
static bool kswapd_is_running(pg_data_t *pgdat);

/*
 * The goal, shared by every policy: a block of the order sought is
 * available, or proactive compaction has brought the score low enough.
 * Proactive compaction also gives way as soon as kswapd runs, as in 6.12:
 * reclaim needs the free pages it would fill.  Runs without either goal
 * end when the policy has no source left.
 */
static enum compact_result compact_finished(struct compact_control *cc)
{
	enum compact_result ret = COMPACT_CONTINUE;

	if (cc->order >= 0 && compact_order_available(cc))
		ret = COMPACT_SUCCESS;
	else if (cc->proactive_compaction &&
		 kswapd_is_running(cc->zone->zone_pgdat))
		ret = COMPACT_PARTIAL_SKIPPED;
	else if (cc->proactive_compaction &&
		 compact_score_zone(cc->zone) <= compact_score_wmark(true))
		ret = COMPACT_SUCCESS;
	trace_mm_compaction_finished(cc->zone, cc->order, ret);
	return ret;
}

static const struct compact_policy compact_linear_policy = {
	.name = "linear",
	.runs = COMPACTRUN_LINEAR,
	.start = compact_linear_start,
	.next_source = compact_linear_next_source,
	.next_target = compact_linear_next_target,
	.stop = compact_linear_stop,
};

/* ------------------------------------------------------------------ */
/* Policy: cheapest blocks first                                       */
/* ------------------------------------------------------------------ */

/*
 * The occupancy picture of a zone says, for every pageblock, how many of
 * its pages are free, how many are movable and in use, and whether one is
 * neither (unmovable, pinned or too large to move: the block is stuck).
 * It is a survey of struct pages without locks, taken when a run starts
 * and the picture is older than COMPACT_PICTURE_AGE (at every run for
 * manual and proactive compaction), and corrected for the blocks a
 * budgeted run touched when it stops.  Nothing on the allocator's paths
 * maintains it: its cost is the survey, one read per page or free run,
 * paid by compaction alone, and only by the runs that can afford it:
 * manual compaction, proactive compaction and kcompactd, never an
 * allocating task (direct runs use the region policy, below).
 *
 * A run evacuates the blocks that are not stuck with the fewest movable
 * pages first, as many as the free pages outside them can hold (a
 * kcompactd run for kswapd only the first COMPACT_DAEMON_BLOCKS, which is
 * what one wake is for), and fills the free pages
 * of the blocks outside that whole set, which are fuller: no page moves
 * twice.  It takes those free pages from the zone's free lists, smallest
 * blocks first, declining any in the set, so the free scanner looks at
 * free pages rather than walking the targets pfn by pfn; it walks the
 * targets, emptiest first, only when the lists offer none.  kcompactd runs
 * for an order below pageblock_order use the region policy too.
 */
/*
 * A picture serves the budgeted runs of the next second, two proactive
 * periods (KCOMPACTD_PERIOD): each corrects it for the blocks it touched,
 * and what others allocated and freed meanwhile is what an older picture
 * would get wrong.  A kcompactd run for kswapd evacuates at most 8
 * blocks: one wake asks for one free block of an order, usually exactly a
 * pageblock, so 8 leave room for blocks that fail to empty, and keep the
 * work of a wake a constant at any zone size.
 */
#define COMPACT_PICTURE_AGE	HZ
#define COMPACT_DAEMON_BLOCKS	8

/**
 * struct compact_picture - the occupancy picture of one zone
 * @lock: one run at a time uses it
 * @start_pfn: pfn of the first block
 * @nr_blocks: blocks pictured
 * @stamp: jiffies at the last survey, 0 before the first
 * @blocks: what each block holds
 * @plan: block indices: the run's sources, cheapest first, then its
 *	targets, emptiest first
 * @nr_sources: sources at the head of @plan
 * @nr_targets: targets after them
 * @source: index in @plan of the source being evacuated
 * @target: index in @plan of the next target
 */
struct compact_picture {
	struct mutex lock;	/* one run at a time uses the picture */
	unsigned long start_pfn;
	unsigned int nr_blocks;
	unsigned long stamp;
	struct compact_block *blocks;
	unsigned int *plan;
	unsigned int nr_sources, nr_targets, source, target;
};

static struct compact_picture *compact_pictures[MAX_NUMNODES][MAX_NR_ZONES];

static unsigned int zone_nr_blocks(struct zone *zone)
{
	return (pageblock_end_pfn(zone_end_pfn(zone) - 1) -
		pageblock_start_pfn(zone->zone_start_pfn)) >> pageblock_order;
}

static void compact_picture_free(struct compact_picture *pic)
{
	if (!pic)
		return;
	kvfree(pic->blocks);
	kvfree(pic->plan);
	kfree(pic);
}

/* A picture sized for @zone, or NULL; may sleep. */
static struct compact_picture *compact_picture_alloc(struct zone *zone)
{
	unsigned int n = zone_nr_blocks(zone);
	struct compact_picture *pic;

	pic = kzalloc(sizeof(*pic), GFP_KERNEL);
	if (!pic)
		return NULL;
	mutex_init(&pic->lock);
	pic->start_pfn = pageblock_start_pfn(zone->zone_start_pfn);
	pic->nr_blocks = n;
	pic->blocks = kvcalloc(n, sizeof(*pic->blocks), GFP_KERNEL);
	pic->plan = kvcalloc(n, sizeof(*pic->plan), GFP_KERNEL);
	if (!pic->blocks || !pic->plan) {
		compact_picture_free(pic);
		return NULL;
	}
	return pic;
}

static unsigned long pic_pfn(struct compact_picture *pic, unsigned int i)
{
	return pic->start_pfn + ((unsigned long)i << pageblock_order);
}

/* The part of block @i inside @zone, [*start, *end); true if all of it. */
static bool pic_range(struct zone *zone, struct compact_picture *pic,
		      unsigned int i, unsigned long *start, unsigned long *end)
{
	*start = max(pic_pfn(pic, i), zone->zone_start_pfn);
	*end = min(pic_pfn(pic, i) + pageblock_nr_pages, zone_end_pfn(zone));
	return *end - *start == pageblock_nr_pages;
}

/*
 * Note in @b what keeps isolation from taking the LRU folio headed by
 * @head, as compact_folio_movable() decides: pinned anonymous folios never
 * move; file (or swap cache) folios, folios under writeback and mlocked
 * ones only in some runs.  The survey holds no reference, and the folio
 * may be split or freed under it: only raw reads of the head's flags,
 * mapping and counts, which the folio_test_*() helpers would check.  A
 * small anonymous folio with more references than mappings is pinned;
 * large ones are left to isolation.
 */
static void compact_survey_folio(struct page *head, struct compact_block *b)
{
	unsigned long flags = READ_ONCE(head->flags);
	unsigned long mapping = (unsigned long)READ_ONCE(head->mapping);
	bool swapcache = (flags & BIT(PG_swapbacked)) &&
			 (flags & BIT(PG_swapcache));
	bool anon = (mapping & PAGE_MAPPING_ANON) && !swapcache;

	if (anon && !(flags & BIT(PG_head)) &&
	    page_ref_count(head) > atomic_read(&head->_mapcount) + 1)
		b->stuck = 1;
	if (!anon)
		b->holds |= COMPACT_HOLDS_FILE;
	if (flags & BIT(PG_writeback))
		b->holds |= COMPACT_HOLDS_WRITEBACK;
	if (flags & BIT(PG_unevictable))
		b->holds |= COMPACT_HOLDS_MLOCKED;
}

/* Classify the page at @pfn into @b; return how many pfns it covers. */
static unsigned long compact_survey_page(unsigned long pfn,
					 struct compact_block *b)
{
	struct page *page = pfn_to_page(pfn), *head;
	unsigned int order;

	if (PageBuddy(page)) {
		order = buddy_order_unsafe(page);
		if (order > MAX_PAGE_ORDER)
			return 1;
		b->free += 1U << order;
		return 1UL << order;
	}
	if (PageCompound(page)) {
		head = compound_head(page);
		order = compound_order(head);
		if (order >= pageblock_order || PageHuge(head) ||
		    !(PageLRU(head) || __PageMovable(head))) {
			b->stuck = 1;
			return 1;
		}
		if (PageLRU(head))
			compact_survey_folio(head, b);
		/* to the end of the folio, which is aligned to its size */
		b->movable += 1U << order;
		return (1UL << order) - (pfn & ((1UL << order) - 1));
	}
	if (PageLRU(page)) {
		compact_survey_folio(page, b);
		b->movable++;
	} else if (__PageMovable(page)) {
		b->movable++;
	} else if (!page_count(page)) {
		b->free++;		/* on a per-cpu list */
	} else {
		b->stuck = 1;
	}
	return 1;
}

static void compact_survey_block(struct zone *zone,
				 struct compact_picture *pic, unsigned int i)
{
	struct compact_block *b = &pic->blocks[i];
	unsigned long pfn, end;
	struct page *page;
	bool whole;
	int idx;

	/* a block the zone only partly spans can be filled, not freed */
	whole = pic_range(zone, pic, i, &pfn, &end);
	idx = compact_memmap_enter();
	page = compact_block_page(pfn, end, zone);
	*b = (struct compact_block){ .stuck = !page || !whole };
	if (!page) {
		compact_memmap_exit(idx);
		return;
	}
	b->target_ok = compact_target_block_ok(page);
	/* counted as the scanners count: every pfn covered */
	count_vm_events(COMPACTSURVEY_SCANNED, end - pfn);
	while (pfn < end)
		pfn += compact_survey_page(pfn, b);
	compact_memmap_exit(idx);
	/* a free run may reach past the block; a racy read may overcount */
	b->movable = min_t(unsigned int, b->movable, pageblock_nr_pages);
	b->free = min_t(unsigned int, b->free, pageblock_nr_pages - b->movable);
}

static void compact_survey_zone(struct zone *zone,
				struct compact_picture *pic)
{
	unsigned int i;

	for (i = 0; i < pic->nr_blocks; i++) {
		compact_survey_block(zone, pic, i);
		if (!(i % 64))
			cond_resched();
	}
	pic->stamp = jiffies ?: 1;
}

/* Plan the run over @pic's zone: compact_plan_cost() */
static void compact_cost_plan(struct compact_picture *pic, unsigned int budget,
			      u8 refuse)
{
	pic->nr_sources = compact_plan_cost(pic->blocks, pic->nr_blocks,
					    pic->plan, budget, refuse,
					    pageblock_nr_pages,
					    &pic->nr_targets);
	pic->source = 0;
	pic->target = pic->nr_sources;
}

static isolate_mode_t compact_isolate_mode(struct compact_control *cc);

/* The movable pages @cc may not isolate (COMPACT_HOLDS_*). */
static u8 compact_cost_refuses(struct compact_control *cc)
{
	isolate_mode_t mode = compact_isolate_mode(cc);
	u8 refuse = 0;

	if (!(cc->gfp_mask & __GFP_FS))
		refuse |= COMPACT_HOLDS_FILE;
	if (mode & ISOLATE_ASYNC_MIGRATE)
		refuse |= COMPACT_HOLDS_WRITEBACK;
	if (!(mode & ISOLATE_UNEVICTABLE))
		refuse |= COMPACT_HOLDS_MLOCKED;
	return refuse;
}

/* Blocks a run may evacuate: all for runs without an order. */
static unsigned int compact_cost_budget(struct compact_control *cc)
{
	return cc->order < 0 ? UINT_MAX : COMPACT_DAEMON_BLOCKS;
}

static struct compact_picture *compact_picture_get(struct zone *zone,
						   bool wait);
static void compact_picture_put(struct compact_picture *pic);

/* The zone's picture: kcompactd only tries, manual runs wait (killably) */
static bool compact_cost_get(struct compact_run *run)
{
	run->picture = compact_picture_get(run->cc.zone,
					   !current_is_kcompactd());
	return run->picture;
}

static void compact_cost_start(struct compact_run *run)
{
	struct compact_control *cc = &run->cc;
	struct compact_picture *pic = run->picture;
	unsigned long size = (unsigned long)pic->nr_blocks << pageblock_order;

	if (cc->order < 0 || !pic->stamp ||
	    time_after(jiffies, pic->stamp + COMPACT_PICTURE_AGE)) {
		compact_survey_zone(cc->zone, pic);
		run->plan_read += size;
	}
	compact_cost_plan(pic, compact_cost_budget(cc),
			  compact_cost_refuses(cc));
	if (!pic->nr_sources && cc->order >= 0 &&
	    time_after(jiffies, pic->stamp)) {
		/* the picture may be too old to show a way: look again */
		compact_survey_zone(cc->zone, pic);
		run->plan_read += size;
		compact_cost_plan(pic, compact_cost_budget(cc),
				  compact_cost_refuses(cc));
	}
	run->plan_sources = pic->nr_sources;
	run->plan_targets = pic->nr_targets;
	cc->migrate_pfn = pic->nr_sources ? pic_pfn(pic, pic->plan[0]) :
					    zone_end_pfn(cc->zone);
	/* a budgeted run evacuates a few blocks of the plan, not the zone */
	cc->whole_zone = compact_cost_budget(cc) == UINT_MAX;
}

/*
 * Correct the picture for the blocks this run evacuated or filled, for the
 * budgeted runs that follow.  After a run over the whole zone, which moved
 * too much for that to pay, the next run takes a new picture instead.
 */
static void compact_cost_correct(struct compact_run *run)
{
	struct compact_control *cc = &run->cc;
	struct compact_picture *pic = run->picture;
	unsigned int i, walked = pic->source;

	if (walked < pic->nr_sources &&
	    cc->migrate_pfn >= pic_pfn(pic, pic->plan[walked]) +
			       pageblock_nr_pages)
		walked++;
	run->plan_done = walked;
	if (cc->order < 0) {
		pic->stamp = 0;
		return;
	}
	for (i = 0; i < min(pic->source + 1, pic->nr_sources); i++) {
		compact_survey_block(cc->zone, pic, pic->plan[i]);
		/*
		 * Walked whole and not emptied: pinned or refused; do not try
		 * it again soon.  A block the run stopped in keeps its chance.
		 */
		if (i < walked && pic->blocks[pic->plan[i]].movable)
			pic->blocks[pic->plan[i]].stuck = 1;
	}
	for (i = pic->nr_sources; i < pic->target; i++)
		compact_survey_block(cc->zone, pic, pic->plan[i]);
}

static void compact_cost_stop(struct compact_run *run,
			      enum compact_result result)
{
	compact_cost_correct(run);
	compact_picture_put(run->picture);
	run->picture = NULL;
}

static bool compact_cost_next_source(struct compact_run *run,
				     unsigned long *start,
				     unsigned long *end)
{
	struct compact_control *cc = &run->cc;
	struct compact_picture *pic = run->picture;
	unsigned long block;

	if (pic->source >= pic->nr_sources)
		return false;
	block = pic_pfn(pic, pic->plan[pic->source]);
	if (cc->migrate_pfn >= block + pageblock_nr_pages) {
		if (++pic->source >= pic->nr_sources)
			return false;
		block = pic_pfn(pic, pic->plan[pic->source]);
		cc->migrate_pfn = block;
	}
	*start = cc->migrate_pfn;
	*end = block + pageblock_nr_pages;
	return true;
}

static bool compact_cost_next_target(struct compact_run *run,
				     unsigned long *start,
				     unsigned long *end)
{
	struct compact_picture *pic = run->picture;

	if (pic->target >= pic->nr_sources + pic->nr_targets)
		return false;
	pic_range(run->cc.zone, pic, pic->plan[pic->target++], start, end);
	return true;
}

/* The picture's block of @pfn, or NULL outside the picture. */
static struct compact_block *compact_cost_block(struct compact_picture *pic,
						unsigned long pfn)
{
	unsigned long i;

	if (pfn < pic->start_pfn)
		return NULL;
	i = (pfn - pic->start_pfn) >> pageblock_order;
	return i < pic->nr_blocks ? &pic->blocks[i] : NULL;
}

/*
 * A free block may be a target unless its pageblock is to be evacuated by
 * the plan, budget or not, or lies outside the picture.  Zone lock held.
 */
static bool compact_cost_list_target(struct compact_run *run, unsigned long pfn,
				     unsigned int order)
{
	struct compact_block *b = compact_cost_block(run->picture, pfn);

	return b && !b->source;
}

/*
 * The picture counts a block that gave a target as filled by as much, so a
 * later plan from the same picture sees the block as it will be.  Zone
 * lock held.
 */
static void compact_cost_list_took(struct compact_run *run, unsigned long pfn,
				   unsigned int order)
{
	struct compact_block *b = compact_cost_block(run->picture, pfn);
	unsigned int nr = 1U << order;

	/* compact_cost_list_target() accepted @pfn: it is inside the picture */
	if (WARN_ON_ONCE(!b))
		return;
	b->free -= min_t(unsigned int, b->free, nr);
	b->movable = min_t(unsigned int, b->movable + nr,
			   pageblock_nr_pages - b->free);
}

static const struct compact_policy compact_cost_policy = {
	.name = "cost",
	.runs = COMPACTRUN_COST,
	.get = compact_cost_get,
	.start = compact_cost_start,
	.next_source = compact_cost_next_source,
	.next_target = compact_cost_next_target,
	.list_target = compact_cost_list_target,
	.list_took = compact_cost_list_took,
	.stop = compact_cost_stop,
};

/* ------------------------------------------------------------------ */
/* Policy: the cheapest aligned region, for direct compaction         */
/* ------------------------------------------------------------------ */

/*
 * An allocation of order N needs one free aligned region of 2^N pages,
 * and the cheapest region is one where a free block almost that large
 * lies already: grow it, as Tosatti's targeted defragmentation proposed.
 * The region policy takes free blocks from the movable free lists,
 * largest orders below N first, and measures the aligned region each lies
 * in as the survey measures a pageblock: a region with a page that cannot
 * move, or that the run may not move, is out; the others cost their
 * movable pages in use.  It evacuates the COMPACT_REGIONS cheapest,
 * cheapest first, into free pages from the free lists outside all of
 * them, until a block of the order is free (captured by a direct
 * compactor) or the regions are done.
 *
 * Every direct run with an order uses it, for a pageblock or more too,
 * because its work is bounded by what it achieves, at any zone size:
 * COMPACT_REGIONS regions read, usually, and COMPACT_REGION_LOOK regions'
 * worth of struct pages at most (16 pageblocks for a THP), no more than
 * COMPACT_REGION_LOOK free blocks of each order looked at, and the
 * migrations of the regions evacuated.  A picture of the zone would cost
 * a survey of every struct page on the allocator's slow path (16 M of them
 * in a 64 GiB zone); it is left to kcompactd and manual compaction.
 *
 * Several direct compactors of one zone choose their regions at once.
 * Each claims the pageblocks of its regions (the pageblock's skip bit,
 * which no other code sets), under the zone lock, before it evacuates
 * them: another run declines a region whose block is claimed, and no run
 * takes a target from a claimed block, so no two runs evacuate one block
 * or fill each other's.  A block freed by a migration is captured by the
 * task that migrated (current->capture_control).
 *
 * A run that ends without success saw part of the zone only: it is
 * COMPACT_PARTIAL_SKIPPED, which a sync run follows with a deferral as any
 * partial run in 6.12; the allocator raises its priority, and its
 * last-chance try walks the whole zone with the linear policy.
 */

/*
 * The pageblocks of the region at @pfn: [*start, *end), a pfn in each
 * block, the first one the zone's when the zone starts inside its block.
 */
static void compact_region_blocks(struct compact_control *cc, unsigned long pfn,
				  unsigned long *start, unsigned long *end)
{
	*start = max(pageblock_start_pfn(pfn), cc->zone->zone_start_pfn);
	*end = pageblock_end_pfn(pfn + (1UL << cc->order) - 1);
}

/* Is a block of region @i claimed by an earlier region of this run? */
static bool compact_region_mine(struct compact_control *cc,
				struct compact_regions *r,
				unsigned int i, unsigned long block)
{
	unsigned long start, end;
	unsigned int j;

	for (j = 0; j < i; j++) {
		compact_region_blocks(cc, r->pfn[j], &start, &end);
		if (block >= start && block < end)
			return true;
	}
	return false;
}

/*
 * May the run evacuate the region's blocks: not another run's, and of a
 * migratetype it takes sources from (compact_source_block_ok())?
 */
static bool compact_region_blocks_ok(struct compact_control *cc,
				     struct compact_regions *r, unsigned int i)
{
	unsigned long start, end, pfn;
	struct page *page;

	compact_region_blocks(cc, r->pfn[i], &start, &end);
	for (pfn = start; pfn < end; pfn += pageblock_nr_pages) {
		page = pfn_to_online_page(pfn);
		if (!page || !compact_source_block_ok(cc, page) ||
		    (compact_block_claimed(page) &&
		     !compact_region_mine(cc, r, i, pfn)))
			return false;
	}
	return true;
}

/*
 * Move the free pages of the region [@start, @end) that a walk for
 * targets could take (compact_list_top()) to the tails of their free
 * lists.  The region search takes its regions from the heads of the
 * lists, where the rest of a region's free pages lie too; the walk
 * declines pages of claimed blocks, and would spend its look on them and
 * find the lists dry (a THP's region is its block).  Only the region: for
 * a smaller order the walk finds targets past the rest of the block, and
 * moving it cost mTHP faults time (p99 81 -> 146 us).  Bounded by the
 * region; the lock is let go as in any long walk under it.  Zone lock
 * held, skip bits already set.
 */
static void compact_region_free_to_tail(struct compact_control *cc,
					unsigned long start, unsigned long end,
					unsigned long *flags)
{
	unsigned int top = compact_list_top(cc);
	struct zone *zone = cc->zone;
	unsigned long pfn = start;
	struct page *page;
	unsigned int order;
	int mt;

	/* compact_region_read() took only regions inside the zone */
	while (pfn < end) {
		if (!(pfn % COMPACT_CLUSTER_MAX))
			compact_lock_break(&zone->lock, flags);
		page = pfn_to_page(pfn);
		if (!PageBuddy(page) || page_zone(page) != zone) {
			pfn++;
			continue;
		}
		order = buddy_order(page);
		mt = get_pageblock_migratetype(page);
		if (order < top)
			list_move_tail(&page->buddy_list,
				       &zone->free_area[order].free_list[mt]);
		pfn += 1UL << order;
	}
}

/*
 * Claim the blocks of the regions found; drop the regions another run
 * claimed meanwhile; the regions' free pages go to the lists' tails
 * (compact_region_free_to_tail()).  Zone lock taken.
 */
static void compact_region_claim(struct compact_run *run)
{
	struct compact_control *cc = &run->cc;
	struct compact_regions *r = &run->regions;
	unsigned long flags, start, end, pfn;
	unsigned int i, n = 0;
	int idx;

	idx = compact_memmap_enter();
	compact_lock_irqsave(&cc->zone->lock, &flags, cc);
	for (i = 0; i < r->nr; i++) {
		r->pfn[n] = r->pfn[i];
		r->cost[n] = r->cost[i];
		if (!compact_region_blocks_ok(cc, r, n))
			continue;
		compact_region_blocks(cc, r->pfn[n], &start, &end);
		for (pfn = start; pfn < end; pfn += pageblock_nr_pages)
			set_pageblock_skip(pfn_to_page(pfn));
		compact_region_free_to_tail(cc, r->pfn[n], r->pfn[n] +
					    (1UL << cc->order), &flags);
		n++;
	}
	spin_unlock_irqrestore(&cc->zone->lock, flags);
	compact_memmap_exit(idx);
	r->nr = n;
}

/*
 * Measure the region at @pfn: *@cost is its movable pages in use, and
 * *@ok whether the run can evacuate it (nothing stuck, nothing the run
 * may not move: @refuse), *@stuck whether a page that cannot move ruled
 * it out.  The read stops at the first page that rules the region out.
 * Return: the pfns covered (a free block counts its pages, as the
 * scanners count).
 */
static unsigned long compact_region_read(struct compact_control *cc,
					 unsigned long pfn, u8 refuse,
					 unsigned int *cost, bool *ok,
					 bool *stuck)
{
	unsigned long end = pfn + (1UL << cc->order), p = pfn;
	struct zone *zone = cc->zone;
	struct compact_block b = {};
	struct page *page;

	*ok = *stuck = false;
	if (pfn < zone->zone_start_pfn || end > zone_end_pfn(zone) ||
	    !compact_block_page(pfn, end, zone))
		return 0;
	for (; p < end; p += pageblock_nr_pages) {
		page = pfn_to_page(p);
		if (compact_block_claimed(page) ||
		    !compact_source_block_ok(cc, page))
			return 0;
	}
	p = pfn;
	while (p < end && !b.stuck && !(b.holds & refuse))
		p += compact_survey_page(p, &b);
	p = min(p, end) - pfn;
	count_vm_events(COMPACTSURVEY_SCANNED, p);
	*cost = b.movable;
	*ok = compact_plan_region_ok(&b, refuse, p == end - pfn);
	*stuck = b.stuck;
	return p;
}

/*
 * A linear run that stands in for a region run (an async direct run for a
 * pageblock or more, whose region search found nothing it could empty)
 * reads each pageblock before it isolates from it, as the search reads a
 * region, and passes over one it cannot empty.  6.12's async direct runs
 * give such a block up at the first page they fail to isolate
 * (skip_on_failure); read first, nothing is migrated out of a block that
 * then cannot be freed.  Unscreened, one such run for a THP fault moved
 * 1,512 pages in 12.7 ms, at the end of a 2 GiB THP benchmark whose
 * regions all held an unmovable page (make bench-scale, ct.trace=3).
 */
static bool compact_linear_screens(struct compact_run *run,
				   unsigned long start)
{
	return run->screen && start == pageblock_start_pfn(start) &&
	       pageblock_end_pfn(start) <= zone_end_pfn(run->cc.zone);
}

/* Could the run empty the pageblock at @pfn?  Memmap held, as for a step. */
static bool compact_block_can_empty(struct compact_control *cc,
				    unsigned long pfn)
{
	unsigned long end = pageblock_end_pfn(pfn), p = pfn;
	u8 refuse = compact_cost_refuses(cc);
	struct compact_block b = {};

	while (p < end && !b.stuck && !(b.holds & refuse))
		p += compact_survey_page(p, &b);
	count_vm_events(COMPACTSURVEY_SCANNED, min(p, end) - pfn);
	return compact_plan_is_source(&b, refuse);
}

/*
 * What the region search reads for a run: compact_region_ops' @data; and
 * where it notes the pageblocks it found stuck, for a run that fills them
 * (@fill, or NULL)
 */
struct compact_region_reader {
	struct compact_control *cc;
	u8 refuse;
	struct compact_fill *fill;
};

/*
 * compact_region_read(), the region's memmap kept from hotplug meanwhile.
 * A pageblock that holds a page that cannot move is where a run's targets
 * belong (compact_region_fills()): noted, it is filled before any other.
 */
static unsigned long compact_region_cost(void *data, unsigned long pfn,
					 unsigned int *cost, bool *ok)
{
	struct compact_region_reader *rs = data;
	struct compact_fill *f = rs->fill;
	int idx = compact_memmap_enter();
	unsigned long read;
	bool stuck;

	read = compact_region_read(rs->cc, pfn, rs->refuse, cost, ok, &stuck);
	compact_memmap_exit(idx);
	if (stuck && f && f->nr_stuck < ARRAY_SIZE(f->stuck))
		f->stuck[f->nr_stuck++] = pageblock_start_pfn(pfn + read - 1);
	return read;
}

/*
 * The free list a run's regions come from: the movable one, but an async
 * direct run for another migratetype, which only takes sources from
 * blocks of its own (compact_source_block_ok()), looks at its own.
 */
static int compact_region_list_mt(struct compact_control *cc)
{
	if (cc->mode == MIGRATE_ASYNC && cc->direct_compaction &&
	    cc->migratetype != MIGRATE_MOVABLE)
		return cc->migratetype;
	return MIGRATE_MOVABLE;
}

/*
 * Hand the free blocks at the head of @list to @see, each at most once and
 * no more than @max, until @see says to stop; each one seen goes to the
 * list's tail, so that the next look sees others.  zone->lock held, IRQs
 * off: always inlined, so that @see is a direct call.
 */
static __always_inline void
compact_list_rotate(struct list_head *list, unsigned int max,
		    bool (*see)(struct page *page, void *data), void *data)
{
	struct page *page, *next, *first = NULL;
	unsigned int looked = 0;

	list_for_each_entry_safe(page, next, list, buddy_list) {
		if (page == first || looked++ == max)
			break;
		first = first ?: page;
		list_move_tail(&page->buddy_list, list);
		if (!see(page, data))
			break;
	}
}

/* compact_region_look()'s pfns, as compact_list_rotate() sees them */
struct compact_pfns {
	unsigned long *pfn;
	unsigned int nr;
};

static bool compact_pfns_add(struct page *page, void *data)
{
	struct compact_pfns *pfns = data;

	pfns->pfn[pfns->nr++] = page_to_pfn(page);
	return true;
}

/*
 * Up to @max pfns of free blocks of @order on the run's free list; they
 * go to its tail, so that the next run looks at others.
 */
static unsigned int compact_region_look(void *data, unsigned int order,
					unsigned long *pfns, unsigned int max)
{
	struct compact_control *cc = ((struct compact_region_reader *)data)->cc;
	struct zone *zone = cc->zone;
	struct free_area *area = &zone->free_area[order];
	struct compact_pfns seen = { .pfn = pfns };
	unsigned long flags;

	compact_lock_irqsave(&zone->lock, &flags, cc);
	compact_list_rotate(&area->free_list[compact_region_list_mt(cc)], max,
			    compact_pfns_add, &seen);
	spin_unlock_irqrestore(&zone->lock, flags);
	return seen.nr;
}

static bool compact_region_contended(void *data)
{
	return ((struct compact_region_reader *)data)->cc->contended;
}

static const struct compact_region_ops compact_region_reader_ops = {
	.look = compact_region_look,
	.measure = compact_region_cost,
	.stop = compact_region_contended,
};

/*
 * Find the regions (compact_region_search()) and claim them.  Return: true
 * if a region was found.
 */
static bool compact_region_get(struct compact_run *run)
{
	struct compact_control *cc = &run->cc;
	struct compact_regions *r = &run->regions;
	struct compact_region_reader rs = {
		.cc = cc,
		.refuse = compact_cost_refuses(cc),
		.fill = cc->order >= pageblock_order ? &run->fill : NULL,
	};

	run->fill = (struct compact_fill){};
	run->plan_read = compact_region_search(r, cc->order,
					       &compact_region_reader_ops, &rs);
	if (r->nr)
		compact_region_claim(run);
	run->plan_sources = r->nr;
	return r->nr;
}

static void compact_region_start(struct compact_run *run)
{
	struct compact_control *cc = &run->cc;

	cc->migrate_pfn = run->regions.pfn[0];
	cc->whole_zone = false;
}

/* The next range of the current region, within one pageblock. */
static bool compact_region_next_source(struct compact_run *run,
				       unsigned long *start,
				       unsigned long *end)
{
	struct compact_control *cc = &run->cc;
	struct compact_regions *r = &run->regions;
	unsigned long size = 1UL << cc->order;

	if (r->cur >= r->nr)
		return false;
	if (cc->migrate_pfn >= r->pfn[r->cur] + size) {
		if (++r->cur >= r->nr)
			return false;
		cc->migrate_pfn = r->pfn[r->cur];
	}
	*start = cc->migrate_pfn;
	*end = min(r->pfn[r->cur] + size, pageblock_end_pfn(*start));
	return true;
}

/* Is the pageblock at @pfn among those of @f not yet read? */
static bool compact_fill_known(const struct compact_fill *f, unsigned long pfn)
{
	unsigned int i;

	for (i = f->next; i < f->nr; i++)
		if (f->pfn[i] == pfn)
			return true;
	return false;
}

/* compact_fill_look()'s walk: the blocks gathered, and how many it wants */
struct compact_fill_seen {
	struct compact_fill *fill;
	unsigned int want;
};

/* Note @page's pageblock if it is unclaimed and new; go on while wanted. */
static bool compact_fill_see(struct page *page, void *data)
{
	struct compact_fill_seen *seen = data;
	struct compact_fill *f = seen->fill;
	unsigned long pfn = pageblock_start_pfn(page_to_pfn(page));

	if (!compact_block_claimed(page) && !compact_fill_known(f, pfn))
		f->pfn[f->nr++] = pfn;
	return f->nr < seen->want;
}

/*
 * Gather pageblocks to read for targets: those of the free blocks at the
 * heads of the lists a walk for targets takes from (compact_target_mts[],
 * smallest orders first, below compact_list_top()), unclaimed, each once,
 * no more than the run may still read.  The blocks looked at go to their
 * lists' tails, so that the next look sees others.  Return: how many.
 */
static unsigned int compact_fill_look(struct compact_run *run)
{
	struct compact_control *cc = &run->cc;
	struct compact_fill *f = &run->fill;
	struct compact_fill_seen seen = {
		.fill = f,
		.want = min_t(unsigned int, ARRAY_SIZE(f->pfn),
			      COMPACT_TARGET_LOOK - f->read),
	};
	unsigned int top = compact_list_top(cc), o, i;
	struct zone *zone = cc->zone;
	struct list_head *list;
	unsigned long flags;

	f->nr = 0;
	f->next = 0;
	compact_lock_irqsave(&zone->lock, &flags, cc);
	for (o = 0; o < top && f->nr < seen.want; o++) {
		for (i = 0; i < ARRAY_SIZE(compact_target_mts); i++) {
			if (f->nr == seen.want)
				break;
			list = &zone->free_area[o].free_list[compact_target_mts[i]];
			compact_list_rotate(list, COMPACT_TARGET_LOOK,
					    compact_fill_see, &seen);
		}
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	return f->nr;
}

/*
 * Sample the pageblock at @pfn into @b: COMPACT_FILL_SAMPLES struct pages,
 * evenly spaced from @offset within the first space, each counting its
 * share of the block as free or in use; up to the first stuck page.
 * Memmap held.  Return: the struct pages read.
 */
static unsigned int compact_fill_sample(unsigned long pfn,
					unsigned int offset,
					struct compact_block *b)
{
	unsigned int step = max_t(unsigned int, 1,
				  pageblock_nr_pages / COMPACT_FILL_SAMPLES);
	unsigned long p = pfn + offset % step, end = pageblock_end_pfn(pfn);
	struct compact_block one;
	unsigned int n = 0;

	for (; p < end && n < COMPACT_FILL_SAMPLES && !b->stuck; p += step) {
		one = (struct compact_block){};
		compact_survey_page(p, &one);
		b->free += one.free ? step : 0;
		b->stuck |= one.stuck;
		n++;
	}
	return n;
}

/*
 * May the run fill the pageblock at @pfn (compact_region_fills(), at the
 * price of the region it evacuates)?  Sampled from an offset that changes
 * with each block the run reads, so that no stride of the block's pages
 * hides from every run.
 */
static bool compact_fill_read(struct compact_run *run, unsigned long pfn)
{
	struct compact_regions *r = &run->regions;
	struct compact_block b = {};
	struct page *page;
	bool fills = false;
	unsigned int n;
	int idx;

	idx = compact_memmap_enter();
	page = compact_block_page(pfn, pageblock_end_pfn(pfn), run->cc.zone);
	if (page && compact_target_block_ok(page)) {
		n = compact_fill_sample(pfn, run->fill.read, &b);
		count_vm_events(COMPACTSURVEY_SCANNED, n);
		run->plan_read += n;
		fills = compact_region_fills(&b, r->cost[min(r->cur, r->nr - 1)],
					     pageblock_nr_pages);
	}
	compact_memmap_exit(idx);
	run->fill.read++;
	return fills;
}

/*
 * The free scanner takes a block's free pages a slice at a time, as a
 * migration batch needs them: 64 pfns of a block more than half full hold
 * fewer than COMPACT_CLUSTER_MAX free pages.  Taken whole, the blocks gave
 * 1.7 times the targets the runs used (8 GiB guest), which went back to
 * the free lists at the end of each run.
 */
#define COMPACT_FILL_SLICE	(2 * COMPACT_CLUSTER_MAX)

/*
 * The next range a run for a pageblock or more fills: the next slice of the
 * block it fills, or of a new one: one its region search found stuck, then
 * one whose free block the free lists offer, sampled and found full enough
 * (compact_fill_read()), within COMPACT_TARGET_LOOK pageblocks per run.
 * Then none, and the free lists serve (@list_target).  Runs for smaller
 * orders migrate a few pages, and reading a pageblock per target block
 * would cost them as much: the lists serve them at once.
 */
static bool compact_region_next_target(struct compact_run *run,
				       unsigned long *start,
				       unsigned long *end)
{
	struct compact_fill *f = &run->fill;
	unsigned long pfn;

	if (run->cc.order < pageblock_order)
		return false;
	while (f->from >= f->to && f->next_stuck < f->nr_stuck) {
		f->from = f->stuck[f->next_stuck++];
		f->to = pageblock_end_pfn(f->from);
	}
	while (f->from >= f->to && f->read < COMPACT_TARGET_LOOK) {
		if (f->next == f->nr && !compact_fill_look(run))
			return false;
		pfn = f->pfn[f->next++];
		if (compact_fill_read(run, pfn)) {
			f->from = pfn;
			f->to = pageblock_end_pfn(pfn);
		}
	}
	if (f->from >= f->to)
		return false;
	*start = f->from;
	*end = min(f->from + COMPACT_FILL_SLICE, f->to);
	f->from = *end;
	return true;
}

/*
 * A free block may be a target unless it overlaps one of the regions:
 * what the free lists offer when compact_region_next_target() has no
 * pageblock left to offer.
 */
static bool compact_region_list_target(struct compact_run *run,
				       unsigned long pfn, unsigned int order)
{
	struct compact_regions *r = &run->regions;
	unsigned long size = 1UL << run->cc.order;
	unsigned int i;

	for (i = 0; i < r->nr; i++)
		if (pfn < r->pfn[i] + size && r->pfn[i] < pfn + (1UL << order))
			return false;
	return true;
}

/* Give the claimed blocks back. */
static void compact_region_stop(struct compact_run *run,
				enum compact_result result)
{
	struct compact_control *cc = &run->cc;
	struct compact_regions *r = &run->regions;
	unsigned long start, end, pfn;
	unsigned int i;

	run->plan_done = r->cur;
	if (r->cur < r->nr &&
	    cc->migrate_pfn >= r->pfn[r->cur] + (1UL << cc->order))
		run->plan_done++;
	for (i = 0; i < r->nr; i++) {
		compact_region_blocks(cc, r->pfn[i], &start, &end);
		/* once: a block cleared twice may be another run's by then */
		for (pfn = start; pfn < end; pfn += pageblock_nr_pages)
			if (!compact_region_mine(cc, r, i, pfn))
				compact_block_unclaim(pfn);
	}
}

static const struct compact_policy compact_region_policy = {
	.name = "region",
	.runs = COMPACTRUN_REGION,
	.get = compact_region_get,
	.start = compact_region_start,
	.next_source = compact_region_next_source,
	.next_target = compact_region_next_target,
	.list_target = compact_region_list_target,
	.stop = compact_region_stop,
	.blocks_first = true,
};

static const struct compact_policy *compact_policy = &compact_cost_policy;

static int compact_policy_set(const char *val, const struct kernel_param *kp)
{
	if (sysfs_streq(val, compact_cost_policy.name))
		WRITE_ONCE(compact_policy, &compact_cost_policy);
	else if (sysfs_streq(val, compact_linear_policy.name))
		WRITE_ONCE(compact_policy, &compact_linear_policy);
	else
		return -EINVAL;
	return 0;
}

static int compact_policy_show(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n", READ_ONCE(compact_policy)->name);
}

static const struct kernel_param_ops compact_policy_ops = {
	.set = compact_policy_set,
	.get = compact_policy_show,
};

/*
 * compaction.policy= on the command line, or
 * /sys/module/compaction/parameters/policy: "cost" (default) or "linear".
 */
module_param_cb(policy, &compact_policy_ops, NULL, 0644);
MODULE_PARM_DESC(policy,
		 "which pageblocks compaction visits first: cost (default) or linear");

/*
 * Pictures are replaced (memory hotplug) only under the write side of
 * compact_pictures_sem; a run holds the read side and its picture's lock
 * from compact_picture_get() to compact_picture_put().  Direct runs never
 * use a picture.  kcompactd only tries: if the picture is busy it uses the
 * linear policy, for it must never wait behind a manual run (memory
 * hotplug stops kcompactd under mem_hotplug_lock).  Only manual runs
 * wait, and killably.  Memory hotplug never waits for a run: it replaces
 * a picture only if it can at once, and otherwise leaves it to the next
 * manual or kcompactd run, which makes the picture fit before it uses it.
 */
static DECLARE_RWSEM(compact_pictures_sem);

static bool compact_picture_fits(struct compact_picture *pic,
				 struct zone *zone)
{
	return pic && pic->nr_blocks == zone_nr_blocks(zone) &&
	       pic->start_pfn == pageblock_start_pfn(zone->zone_start_pfn);
}

/*
 * Make the picture of @zone fit it: first use, or after memory hotplug.
 * @wait: wait for the runs using pictures (killably); otherwise give up
 * at once if one does.  Return: -EINTR on a fatal signal, else 0.
 */
static int compact_picture_resize(struct zone *zone, bool wait)
{
	struct compact_picture **slot, *pic;

	slot = &compact_pictures[zone_to_nid(zone)][zone_idx(zone)];
	if (wait) {
		if (down_write_killable(&compact_pictures_sem))
			return -EINTR;
	} else if (!down_write_trylock(&compact_pictures_sem)) {
		return 0;
	}
	if (!compact_picture_fits(*slot, zone)) {
		pic = compact_picture_alloc(zone);
		if (pic) {
			compact_picture_free(*slot);
			*slot = pic;
		}
	}
	up_write(&compact_pictures_sem);
	return 0;
}

/* The read side of compact_pictures_sem: killably if @wait, else try. */
static bool compact_pictures_read(bool wait)
{
	if (wait)
		return !down_read_killable(&compact_pictures_sem);
	return down_read_trylock(&compact_pictures_sem);
}

/*
 * The picture of @zone, locked; NULL if it is not to be had.  @wait:
 * killably (manual runs, debugfs), else only if free at once (kcompactd).
 */
static struct compact_picture *compact_picture_get(struct zone *zone,
						   bool wait)
{
	struct compact_picture *pic;

	if (!compact_pictures_read(wait))
		return NULL;
	pic = compact_pictures[zone_to_nid(zone)][zone_idx(zone)];
	if (!compact_picture_fits(pic, zone)) {
		up_read(&compact_pictures_sem);
		if (compact_picture_resize(zone, wait) ||
		    !compact_pictures_read(wait))
			return NULL;
		pic = compact_pictures[zone_to_nid(zone)][zone_idx(zone)];
	}
	if (compact_picture_fits(pic, zone) &&
	    (wait ? !mutex_lock_killable(&pic->lock) :
		    mutex_trylock(&pic->lock)))
		return pic;
	up_read(&compact_pictures_sem);
	return NULL;
}

static void compact_picture_put(struct compact_picture *pic)
{
	mutex_unlock(&pic->lock);
	up_read(&compact_pictures_sem);
}

/* The policy @cc would rather have: compact_plan_policy() */
static const struct compact_policy *
compact_preferred_policy(const struct compact_control *cc)
{
	static const struct compact_policy *const policies[] = {
		[COMPACT_POLICY_LINEAR] = &compact_linear_policy,
		[COMPACT_POLICY_REGION] = &compact_region_policy,
		[COMPACT_POLICY_COST] = &compact_cost_policy,
	};
	struct compact_run_kind k = {
		.order = cc->order,
		.block_order = pageblock_order,
		.direct = cc->direct_compaction,
		.last_chance = cc->whole_zone,
		.linear_only = READ_ONCE(compact_policy) != &compact_cost_policy,
	};

	return policies[compact_plan_policy(&k)];
}

/*
 * The policy for @run: the one decision of which policy runs.  The
 * preferred one, if its get lets it: the region policy needs a region (a
 * zone whose free blocks all lie among pages that cannot move has none),
 * the cost policy the zone's picture.  Otherwise the linear policy, which
 * looks at every block as 6.12's scanners do and needs nothing.
 */
static void compact_choose_policy(struct compact_run *run)
{
	const struct compact_policy *policy = compact_preferred_policy(&run->cc);

	run->picture = NULL;
	run->plan_sources = 0;
	run->plan_targets = 0;
	run->plan_done = 0;
	run->plan_read = 0;
	run->screen = false;
	if (policy->get && !policy->get(run)) {
		count_vm_event(COMPACTRUN_FALLBACK);
		run->screen = policy == &compact_region_policy &&
			      run->cc.direct_compaction &&
			      run->cc.mode == MIGRATE_ASYNC &&
			      run->cc.order >= pageblock_order;
		policy = &compact_linear_policy;
	}
	run->policy = policy;
}

/* What the run planned: the mm_compaction_plan event and counters. */
static void compact_report_plan(struct compact_run *run)
{
	count_vm_event(run->policy->runs);
	count_vm_events(COMPACTPLAN_SOURCES, run->plan_sources);
	trace_mm_compaction_plan(run->cc.zone, run->cc.order,
				 run->policy->name, run->plan_sources,
				 run->plan_targets, run->plan_read);
}

/* ------------------------------------------------------------------ */
/* A run over one zone                                                 */
/* ------------------------------------------------------------------ */

static isolate_mode_t compact_isolate_mode(struct compact_control *cc)
{
	isolate_mode_t mode = 0;

	if (sysctl_compact_unevictable_allowed)
		mode |= ISOLATE_UNEVICTABLE;
	/* only full sync migration waits for writeback or writes pages */
	if (cc->mode != MIGRATE_SYNC)
		mode |= ISOLATE_ASYNC_MIGRATE;
	return mode;
}

/* A run that ran out of sources or targets: compact_plan_run_out() */
static enum compact_result compact_run_out(const struct compact_control *cc)
{
	return compact_plan_run_out(cc->whole_zone);
}

/* One step of the migration scanner: isolate from a range, migrate. */
static enum compact_result compact_step(struct compact_run *run,
					unsigned long start, unsigned long end)
{
	struct compact_control *cc = &run->cc;
	struct page *page;
	int err, idx;

	idx = compact_memmap_enter();
	page = compact_block_page(start, end, cc->zone);
	if (!page || !compact_source_block_ok(cc, page) ||
	    (compact_linear_screens(run, start) &&
	     !compact_block_can_empty(cc, start))) {
		compact_memmap_exit(idx);
		cc->migrate_pfn = end;
		return COMPACT_CONTINUE;
	}
	err = isolate_migrate_block(cc, start, end, compact_isolate_mode(cc));
	compact_memmap_exit(idx);
	if (err == -EINTR || (err == -EAGAIN && !cc->nr_migratepages))
		return COMPACT_CONTENDED;
	if (cc->nr_migratepages && compact_migrate(run) == -ENOMEM)
		return compact_run_out(cc);
	/*
	 * A block, or a region of the order sought, is done: pages freed by
	 * migration wait on this CPU's per-cpu lists; let them merge, so a
	 * run with an order in mind sees (or captures) the block it formed.
	 */
	if (cc->order > 0 && cc->migrate_pfn == end &&
	    IS_ALIGNED(end, 1UL << min_t(int, cc->order, pageblock_order)))
		lru_add_drain_cpu_zone(cc->zone);
	return COMPACT_CONTINUE;
}

/*
 * Free pages the run isolated and did not use went back to blocks the free
 * scanner had passed: move cc->free_pfn up to the end of the highest such
 * block (@high, 0 for none), so that a run resuming there sees them again,
 * as 6.12 raises compact_cached_free_pfn.
 */
static void compact_untake_targets(struct compact_control *cc,
				   unsigned long high)
{
	high = min(high, zone_end_pfn(cc->zone));
	if (high > cc->free_pfn)
		cc->free_pfn = high;
}

/* Scanners at the zone's ends, then where the policy wants them. */
static void compact_start(struct compact_run *run)
{
	struct compact_control *cc = &run->cc;

	cc->migrate_pfn = cc->zone->zone_start_pfn;
	cc->free_pfn = zone_end_pfn(cc->zone);
	if (run->policy->start)
		run->policy->start(run);
}

/*
 * Compact cc->zone: alternate the migration scanner and migration, as the
 * policy orders, until the policy or the scanners say it is over.
 */
static enum compact_result compact_zone(struct compact_run *run)
{
	struct compact_control *cc = &run->cc;
	const struct compact_policy *policy;
	unsigned long zone_start = cc->zone->zone_start_pfn;
	unsigned long zone_end = zone_end_pfn(cc->zone);
	bool sync = cc->mode != MIGRATE_ASYNC;
	enum compact_result ret;
	unsigned long start, end;

	compact_init_freepages(cc);
	INIT_LIST_HEAD(&cc->migratepages);
	cc->nr_migratepages = 0;
	/* folios in this CPU's LRU batches cannot be isolated */
	lru_add_drain();
	compact_choose_policy(run);
	policy = run->policy;
	compact_start(run);
	compact_report_plan(run);
	trace_mm_compaction_begin(cc, zone_start, zone_end, sync);

	while ((ret = compact_finished(cc)) == COMPACT_CONTINUE) {
		if (run->capc && READ_ONCE(run->capc->page)) {
			ret = COMPACT_SUCCESS;
			break;
		}
		if (fatal_signal_pending(current) || cc->contended) {
			cc->contended = true;
			ret = COMPACT_CONTENDED;
			break;
		}
		cond_resched();
		if (!policy->next_source ||
		    !policy->next_source(run, &start, &end)) {
			ret = compact_run_out(cc);
			break;
		}
		ret = compact_step(run, start, end);
		if (ret != COMPACT_CONTINUE)
			break;
	}

	if (!list_empty(&cc->migratepages))
		putback_movable_pages(&cc->migratepages);
	cc->nr_migratepages = 0;
	compact_untake_targets(cc, compact_release_freepages(cc));
	if (policy->stop)
		policy->stop(run, ret);
	count_vm_events(COMPACTPLAN_DONE, run->plan_done);
	count_vm_events(COMPACTMIGRATE_SCANNED, cc->total_migrate_scanned);
	count_vm_events(COMPACTFREE_SCANNED, cc->total_free_scanned);
	trace_mm_compaction_end(cc, zone_start, zone_end, sync, ret);
	return ret;
}

/* ------------------------------------------------------------------ */
/* Trigger: manual compaction                                          */
/* ------------------------------------------------------------------ */

/* Compact every zone of @pgdat, whole, in sync mode. */
static void compact_node(pg_data_t *pgdat)
{
	struct zone *zone;

	for (zone = pgdat->node_zones;
	     zone < pgdat->node_zones + MAX_NR_ZONES; zone++) {
		struct compact_run run = {
			.cc = {
				.order = -1,
				.mode = MIGRATE_SYNC,
				.gfp_mask = GFP_KERNEL,
				.zone = zone,
				.whole_zone = true,
			},
		};

		if (!populated_zone(zone))
			continue;
		if (fatal_signal_pending(current))
			return;
		compact_zone(&run);
		/* let freed pages on the per-cpu lists merge in the buddy */
		drain_all_pages(zone);
	}
}

static void compact_nodes(void)
{
	int nid;

	/* pages waiting in per-cpu LRU batches cannot be isolated */
	lru_add_drain_all();
	for_each_online_node(nid)
		compact_node(NODE_DATA(nid));
}

/*
 * /proc/sys/vm/compact_memory: writing 1 compacts all memory.  The value is
 * parsed into a local, so that an empty write, which leaves it untouched,
 * is refused rather than taken for the last 1 written.
 */
static int compact_memory_handler(const struct ctl_table *table, int write,
				  void *buffer, size_t *length, loff_t *ppos)
{
	struct ctl_table t = *table;
	int val = 0, ret;

	t.data = &val;
	ret = proc_dointvec_minmax(&t, write, buffer, length, ppos);
	if (ret || !write)
		return ret;
	if (val != 1)
		return -EINVAL;
	compact_nodes();
	return fatal_signal_pending(current) ? -EINTR : 0;
}

#if defined(CONFIG_SYSFS) && defined(CONFIG_NUMA)
/*
 * /sys/devices/system/node/nodeN/compact: any write compacts the node, as
 * Documentation/ABI/stable/sysfs-devices-node says and 6.12 does; what is
 * written is not looked at.
 */
static ssize_t compact_store(struct device *dev, struct device_attribute *attr,
			     const char *buf, size_t count)
{
	int nid = dev->id;

	if (nid >= 0 && nid < nr_node_ids && node_online(nid)) {
		lru_add_drain_all();
		compact_node(NODE_DATA(nid));
	}
	return count;
}
static DEVICE_ATTR_WO(compact);

/**
 * compaction_register_node() - add the compact file to a node's directory
 * @node: the node device
 *
 * Return: 0 or a negative errno.
 */
int compaction_register_node(struct node *node)
{
	return device_create_file(&node->dev, &dev_attr_compact);
}

/**
 * compaction_unregister_node() - remove the node's compact file
 * @node: the node device
 */
void compaction_unregister_node(struct node *node)
{
	device_remove_file(&node->dev, &dev_attr_compact);
}
#endif /* CONFIG_SYSFS && CONFIG_NUMA */

/* ------------------------------------------------------------------ */
/* Suitability: can compaction form a block of this order?              */
/* ------------------------------------------------------------------ */

/*
 * Migration needs free targets: order-0 free pages above a watermark by
 * compact_gap(order), which also leaves room for the block formed.  The
 * watermark is min for orders the allocator tries hard for, low for
 * costly ones.
 */
static unsigned long compact_wmark(struct zone *zone, int order)
{
	unsigned long wmark = order > PAGE_ALLOC_COSTLY_ORDER ?
			      low_wmark_pages(zone) : min_wmark_pages(zone);

	return wmark + compact_gap(order);
}

static bool compact_has_targets(struct zone *zone, int order,
				int highest_zoneidx, unsigned long free)
{
	return __zone_watermark_ok(zone, 0, compact_wmark(zone, order),
				   highest_zoneidx, ALLOC_CMA, free);
}

/*
 * For costly orders, a fragmentation index at or below extfrag_threshold
 * says an allocation would fail for lack of memory, not of contiguity:
 * reclaim helps there, compaction does not.
 */
static bool compact_fragmented(struct zone *zone, int order)
{
	int fragindex;

	if (order <= PAGE_ALLOC_COSTLY_ORDER)
		return true;
	fragindex = fragmentation_index(zone, order);
	return fragindex < 0 || fragindex > sysctl_extfrag_threshold;
}

/**
 * compaction_suitable() - could compaction form a free block of @order?
 * @zone: the zone
 * @order: the order sought
 * @highest_zoneidx: highest zone index the allocation may use
 *
 * Return: true if the zone has the free pages migration needs and, for
 * costly orders, is fragmented rather than short of memory.
 */
bool compaction_suitable(struct zone *zone, int order, int highest_zoneidx)
{
	enum compact_result ret = COMPACT_CONTINUE;

	if (!compact_has_targets(zone, order, highest_zoneidx,
				 zone_page_state(zone, NR_FREE_PAGES)))
		ret = COMPACT_SKIPPED;
	else if (!compact_fragmented(zone, order))
		ret = COMPACT_NOT_SUITABLE_ZONE;
	trace_mm_compaction_suitable(zone, order, ret);
	return ret == COMPACT_CONTINUE;
}

/* ------------------------------------------------------------------ */
/* Deferral: back off from zones where compaction keeps failing         */
/* ------------------------------------------------------------------ */

/*
 * After a failed run, direct compaction of a zone at that order or above
 * is skipped 2^compact_defer_shift times before it is tried again; each
 * failure doubles the wait, up to 2^COMPACT_MAX_DEFER_SHIFT attempts.  A
 * success resets it (compaction_defer_reset()).
 */
#define COMPACT_MAX_DEFER_SHIFT 6U

static void compact_defer(struct zone *zone, int order)
{
	zone->compact_considered = 0;
	if (zone->compact_defer_shift < COMPACT_MAX_DEFER_SHIFT)
		zone->compact_defer_shift++;
	if (order < zone->compact_order_failed)
		zone->compact_order_failed = order;
	trace_mm_compaction_defer_compaction(zone, order);
}

static bool compact_deferred(struct zone *zone, int order)
{
	unsigned long limit = 1UL << zone->compact_defer_shift;

	if (order < zone->compact_order_failed)
		return false;
	if (++zone->compact_considered >= limit) {
		zone->compact_considered = limit;
		return false;
	}
	trace_mm_compaction_deferred(zone, order);
	return true;
}

/**
 * compaction_defer_reset() - forget past failures at @order
 * @zone: the zone
 * @order: the order that succeeded
 * @alloc_success: an allocation of @order succeeded
 */
void compaction_defer_reset(struct zone *zone, int order, bool alloc_success)
{
	if (alloc_success) {
		zone->compact_considered = 0;
		zone->compact_defer_shift = 0;
	}
	if (order >= zone->compact_order_failed)
		zone->compact_order_failed = order + 1;
	trace_mm_compaction_defer_reset(zone, order);
}

/* ------------------------------------------------------------------ */
/* Trigger: direct compaction                                          */
/* ------------------------------------------------------------------ */

/*
 * What each priority may do, as in 6.12: async migrates without blocking
 * and gives up on contention or need_resched; the others may block on
 * locks but never wait for writeback nor write a page back, which only
 * manual compaction and alloc_contig_range() do (MIGRATE_SYNC): an
 * allocating task must not wait for the disk.  The last-chance priority
 * (MIN_COMPACT_PRIORITY, non-costly orders only) ignores deferral and
 * covers the whole zone from its ends, whatever earlier runs left.
 */
static void compact_direct_control(struct compact_control *cc,
				   enum compact_priority prio)
{
	cc->mode = prio == COMPACT_PRIO_ASYNC ? MIGRATE_ASYNC :
						MIGRATE_SYNC_LIGHT;
	cc->whole_zone = prio == MIN_COMPACT_PRIORITY;
	cc->direct_compaction = true;
}

/*
 * Compact one zone for an allocating task.  While it runs, a block of the
 * order sought that a migration frees is captured in __free_one_page() for
 * the task (current->capture_control), so no one else can take it.
 */
static enum compact_result compact_zone_direct(struct zone *zone, int order,
					       gfp_t gfp_mask,
					       enum compact_priority prio,
					       unsigned int alloc_flags,
					       int highest_zoneidx,
					       struct page **capture)
{
	struct compact_run run = {
		.cc = {
			.order = order,
			.gfp_mask = gfp_mask,
			.zone = zone,
			.alloc_flags = alloc_flags,
			.highest_zoneidx = highest_zoneidx,
			.migratetype = gfp_migratetype(gfp_mask),
		},
	};
	struct capture_control capc = { .cc = &run.cc };
	enum compact_result ret;

	compact_direct_control(&run.cc, prio);
	if (!compaction_suitable(zone, order, highest_zoneidx))
		return COMPACT_SKIPPED;
	run.capc = &capc;
	/* run and capc are complete before an interrupt can see them */
	barrier();
	WRITE_ONCE(current->capture_control, &capc);
	ret = compact_zone(&run);
	WRITE_ONCE(current->capture_control, NULL);
	*capture = READ_ONCE(capc.page);
	return *capture ? COMPACT_SUCCESS : ret;
}

/**
 * try_to_compact_pages() - direct compaction for a failing allocation
 * @gfp_mask: the allocation's gfp mask
 * @order: the order sought
 * @alloc_flags: the allocation flags
 * @ac: the allocation context
 * @prio: how hard to try (see compact_direct_control())
 * @capture: where a block captured for the caller goes
 *
 * Compacts the zones of the allocation's zonelist in turn, skipping
 * deferred ones, until one has a free block of @order or captured one.
 * Stops early on a fatal signal, and in async mode when the CPU is wanted.
 *
 * Return: the best result over the zones tried: COMPACT_SKIPPED when
 * compaction could not run, COMPACT_DEFERRED, COMPACT_COMPLETE when the
 * scanners met without success, COMPACT_CONTENDED when it gave up early,
 * COMPACT_SUCCESS when a block is available or captured.
 */
enum compact_result try_to_compact_pages(gfp_t gfp_mask, unsigned int order,
					 unsigned int alloc_flags,
					 const struct alloc_context *ac,
					 enum compact_priority prio,
					 struct page **capture)
{
	enum compact_result rc = COMPACT_SKIPPED, status;
	struct zoneref *z;
	struct zone *zone;

	if (!gfp_compaction_allowed(gfp_mask))
		return COMPACT_SKIPPED;
	trace_mm_compaction_try_to_compact_pages(order, gfp_mask, prio);

	for_each_zone_zonelist_nodemask(zone, z, ac->zonelist,
					ac->highest_zoneidx, ac->nodemask) {
		if (cpusets_enabled() && (alloc_flags & ALLOC_CPUSET) &&
		    !__cpuset_zone_allowed(zone, gfp_mask))
			continue;
		if (prio > MIN_COMPACT_PRIORITY &&
		    compact_deferred(zone, order)) {
			rc = max_t(enum compact_result, COMPACT_DEFERRED, rc);
			continue;
		}
		status = compact_zone_direct(zone, order, gfp_mask, prio,
					     alloc_flags, ac->highest_zoneidx,
					     capture);
		rc = max(status, rc);
		if (status == COMPACT_SUCCESS) {
			compaction_defer_reset(zone, order, false);
			break;
		}
		/* 6.12: a sync run that formed nothing defers the zone */
		if (prio != COMPACT_PRIO_ASYNC && compact_formed_nothing(status))
			compact_defer(zone, order);
		if (fatal_signal_pending(current) ||
		    (prio == COMPACT_PRIO_ASYNC && need_resched()))
			break;
	}
	return rc;
}

/**
 * compaction_zonelist_suitable() - would reclaim let compaction succeed?
 * @ac: the allocation context
 * @order: the order sought
 * @alloc_flags: the allocation flags
 *
 * Asked when direct compaction was skipped for want of free pages: counts
 * what reclaim could free, a share of the reclaimable pages, as free.
 * Only the watermark counts, as in 6.12: the fragmentation index of the
 * free lists as they are says nothing of memory reclaim is yet to free,
 * and the allocator keeps reclaiming while this holds.
 *
 * Return: true if some zone would then have the free pages compaction
 * needs.
 */
bool compaction_zonelist_suitable(struct alloc_context *ac, int order,
				  int alloc_flags)
{
	unsigned long available;
	struct zoneref *z;
	struct zone *zone;

	for_each_zone_zonelist_nodemask(zone, z, ac->zonelist,
					ac->highest_zoneidx, ac->nodemask) {
		available = zone_reclaimable_pages(zone) / order +
			    zone_page_state_snapshot(zone, NR_FREE_PAGES);
		if (compact_has_targets(zone, order, ac->highest_zoneidx,
					available))
			return true;
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* Trigger: kcompactd, on demand and proactive                          */
/* ------------------------------------------------------------------ */

/*
 * The fragmentation score of a zone is its unusable free index at
 * pageblock order, in percent: the share of free memory that is not in
 * free pageblocks.  A node's score weighs its zones by size.  Proactive
 * compaction starts when the node's score exceeds the high watermark and
 * stops in each zone once its score is at or below the low one:
 *
 *	low = max(100 - compaction_proactiveness, 5), high = min(low + 10, 100)
 */
static unsigned int compact_score_zone(struct zone *zone)
{
	return extfrag_for_order(zone, pageblock_order);
}

static unsigned int compact_score_node(pg_data_t *pgdat)
{
	unsigned long score = 0;
	struct zone *zone;

	for (zone = pgdat->node_zones;
	     zone < pgdat->node_zones + MAX_NR_ZONES; zone++)
		if (populated_zone(zone))
			score += zone->present_pages * compact_score_zone(zone);
	return div64_ul(score, pgdat->node_present_pages + 1);
}

static unsigned int compact_score_wmark(bool low)
{
	unsigned int wmark = max(100U - sysctl_compaction_proactiveness, 5U);

	return low ? wmark : min(wmark + 10, 100U);
}

/* kcompactd wakes every half second while proactive compaction is on. */
#define KCOMPACTD_PERIOD	(HZ / 2)

static bool kcompactd_work_requested(pg_data_t *pgdat)
{
	return pgdat->kcompactd_max_order > 0 || kthread_should_stop() ||
	       pgdat->proactive_compact_trigger;
}

/* Does @zone lack a block of @order that compaction could form? */
static bool compact_zone_wants(struct zone *zone, int order,
			       int highest_zoneidx)
{
	if (zone_watermark_ok(zone, order, min_wmark_pages(zone),
			      highest_zoneidx, 0))
		return false;
	return compaction_suitable(zone, order, highest_zoneidx);
}

static bool kcompactd_node_suitable(pg_data_t *pgdat)
{
	int zoneid;

	for (zoneid = 0; zoneid <= pgdat->kcompactd_highest_zoneidx; zoneid++) {
		struct zone *zone = &pgdat->node_zones[zoneid];

		if (populated_zone(zone) &&
		    compact_zone_wants(zone, pgdat->kcompactd_max_order, zoneid))
			return true;
	}
	return false;
}

/* A kcompactd run over one zone; its scan counts go to both counters. */
static enum compact_result kcompactd_compact_zone(struct compact_run *run)
{
	enum compact_result ret = compact_zone(run);

	count_vm_events(KCOMPACTD_MIGRATE_SCANNED, run->cc.total_migrate_scanned);
	count_vm_events(KCOMPACTD_FREE_SCANNED, run->cc.total_free_scanned);
	return ret;
}

/* Serve the order kswapd asked for in every zone that lacks it. */
static void kcompactd_do_work(pg_data_t *pgdat)
{
	int order = pgdat->kcompactd_max_order;
	int highest = pgdat->kcompactd_highest_zoneidx;
	enum compact_result ret;
	int zoneid;

	trace_mm_compaction_kcompactd_wake(pgdat->node_id, order, highest);
	count_vm_event(KCOMPACTD_WAKE);
	for (zoneid = 0; zoneid <= highest && !kthread_should_stop(); zoneid++) {
		struct zone *zone = &pgdat->node_zones[zoneid];
		struct compact_run run = {
			.cc = {
				.order = order,
				.mode = MIGRATE_SYNC_LIGHT,
				.gfp_mask = GFP_KERNEL,
				.zone = zone,
				.highest_zoneidx = zoneid,
				.migratetype = MIGRATE_MOVABLE,
			},
		};

		if (!populated_zone(zone) || compact_deferred(zone, order) ||
		    !compact_zone_wants(zone, order, zoneid))
			continue;
		ret = kcompactd_compact_zone(&run);
		if (ret == COMPACT_SUCCESS) {
			compaction_defer_reset(zone, order, false);
		} else if (compact_formed_nothing(ret)) {
			/*
			 * As 6.12: freed pages stranded on other CPUs' lists
			 * may still merge into the block; the deferral that
			 * follows rate-limits this drain.
			 */
			drain_all_pages(zone);
			compact_defer(zone, order);
		}
	}
	/* keep a request that came in meanwhile */
	if (pgdat->kcompactd_max_order <= order)
		pgdat->kcompactd_max_order = 0;
	if (pgdat->kcompactd_highest_zoneidx >= highest)
		pgdat->kcompactd_highest_zoneidx = pgdat->nr_zones - 1;
}

static bool kswapd_is_running(pg_data_t *pgdat)
{
	bool running;

	pgdat_kswapd_lock(pgdat);
	running = pgdat->kswapd && task_is_running(pgdat->kswapd);
	pgdat_kswapd_unlock(pgdat);
	return running;
}

/*
 * Proactive compaction of a node, each zone until its score is low
 * enough.  Return: true if the node's score fell.
 */
static bool kcompactd_proactive(pg_data_t *pgdat)
{
	unsigned int before = compact_score_node(pgdat);
	struct zone *zone;

	for (zone = pgdat->node_zones;
	     zone < pgdat->node_zones + MAX_NR_ZONES; zone++) {
		struct compact_run run = {
			.cc = {
				.order = -1,
				.mode = MIGRATE_SYNC_LIGHT,
				.gfp_mask = GFP_KERNEL,
				.zone = zone,
				.proactive_compaction = true,
			},
		};

		if (!populated_zone(zone) || kthread_should_stop())
			continue;
		if (kswapd_is_running(pgdat))
			break;
		if (compact_score_zone(zone) <= compact_score_wmark(true))
			continue;
		kcompactd_compact_zone(&run);
	}
	return compact_score_node(pgdat) < before;
}

static bool kcompactd_should_proact(pg_data_t *pgdat)
{
	return sysctl_compaction_proactiveness && !kswapd_is_running(pgdat) &&
	       compact_score_node(pgdat) > compact_score_wmark(false);
}

/*
 * kcompactd: sleeps until kswapd asks for an order (wakeup_kcompactd()) or,
 * with proactive compaction on, for KCOMPACTD_PERIOD.  After a proactive
 * run that did not lower the score it skips 2, 4, ... up to 64 periods,
 * so that it does not burn a CPU on memory it cannot defragment.
 */
static int kcompactd(void *p)
{
	pg_data_t *pgdat = p;
	const struct cpumask *cpumask = cpumask_of_node(pgdat->node_id);
	unsigned int backoff = 0, skip = 0;
	unsigned long pflags;
	long timeout, woken;

	if (!cpumask_empty(cpumask))
		set_cpus_allowed_ptr(current, cpumask);
	set_freezable();
	current->flags |= PF_KCOMPACTD;
	pgdat->kcompactd_max_order = 0;
	pgdat->kcompactd_highest_zoneidx = pgdat->nr_zones - 1;

	while (!kthread_should_stop()) {
		timeout = sysctl_compaction_proactiveness ? KCOMPACTD_PERIOD :
							    MAX_SCHEDULE_TIMEOUT;
		trace_mm_compaction_kcompactd_sleep(pgdat->node_id);
		woken = wait_event_freezable_timeout(pgdat->kcompactd_wait,
						     kcompactd_work_requested(pgdat),
						     timeout);
		if (woken && !pgdat->proactive_compact_trigger) {
			psi_memstall_enter(&pflags);
			kcompactd_do_work(pgdat);
			psi_memstall_leave(&pflags);
			continue;
		}
		if (pgdat->proactive_compact_trigger)
			skip = 0;
		pgdat->proactive_compact_trigger = false;
		if (skip) {
			skip--;
			continue;
		}
		if (!kcompactd_should_proact(pgdat))
			continue;
		if (kcompactd_proactive(pgdat)) {
			backoff = 0;
		} else {
			backoff = min(backoff + 1, COMPACT_MAX_DEFER_SHIFT);
			skip = 1U << backoff;
		}
	}
	current->flags &= ~PF_KCOMPACTD;
	return 0;
}

/**
 * wakeup_kcompactd() - ask a node's kcompactd for a block of @order
 * @pgdat: the node
 * @order: the order kswapd could not provide
 * @highest_zoneidx: highest zone index of the request
 *
 * Called by kswapd, possibly from atomic context: it only records the
 * request and wakes the thread if some zone could serve it.
 */
void wakeup_kcompactd(pg_data_t *pgdat, int order, int highest_zoneidx)
{
	if (!order)
		return;
	if (pgdat->kcompactd_max_order < order)
		pgdat->kcompactd_max_order = order;
	if (pgdat->kcompactd_highest_zoneidx > highest_zoneidx)
		pgdat->kcompactd_highest_zoneidx = highest_zoneidx;
	/* a busy kcompactd sees the raised order when it is done */
	if (!wq_has_sleeper(&pgdat->kcompactd_wait))
		return;
	if (!kcompactd_node_suitable(pgdat))
		return;
	trace_mm_compaction_wakeup_kcompactd(pgdat->node_id, order,
					     highest_zoneidx);
	wake_up_interruptible(&pgdat->kcompactd_wait);
}

static void compact_debugfs_node(pg_data_t *pgdat);

/**
 * kcompactd_run() - start a node's kcompactd
 * @nid: the node
 *
 * Does nothing if it runs already; on failure the node has none.  The
 * node's debugfs files are made here too (compact_debugfs_node()).
 */
void __meminit kcompactd_run(int nid)
{
	pg_data_t *pgdat = NODE_DATA(nid);
	struct zone *zone;

	/*
	 * Direct compaction only uses pictures that are ready.  Onlining
	 * memory must not wait for the runs using pictures, on any node:
	 * only try (at boot nothing runs yet, and it succeeds).
	 */
	for (zone = pgdat->node_zones;
	     zone < pgdat->node_zones + MAX_NR_ZONES; zone++)
		if (populated_zone(zone))
			compact_picture_resize(zone, false);
	compact_debugfs_node(pgdat);
	if (pgdat->kcompactd)
		return;
	pgdat->kcompactd = kthread_run(kcompactd, pgdat, "kcompactd%d", nid);
	if (IS_ERR(pgdat->kcompactd)) {
		pr_err("Failed to start kcompactd on node %d\n", nid);
		pgdat->kcompactd = NULL;
	}
}

/**
 * kcompactd_stop() - stop a node's kcompactd
 * @nid: the node
 */
void __meminit kcompactd_stop(int nid)
{
	struct task_struct *kcompactd = NODE_DATA(nid)->kcompactd;

	if (kcompactd) {
		kthread_stop(kcompactd);
		NODE_DATA(nid)->kcompactd = NULL;
	}
}

/* A CPU came online: let each kcompactd run on its node's CPUs again. */
static int kcompactd_cpu_online(unsigned int cpu)
{
	const struct cpumask *mask;
	int nid;

	for_each_node_state(nid, N_MEMORY) {
		pg_data_t *pgdat = NODE_DATA(nid);

		mask = cpumask_of_node(pgdat->node_id);
		if (pgdat->kcompactd &&
		    cpumask_any_and(cpu_online_mask, mask) < nr_cpu_ids)
			set_cpus_allowed_ptr(pgdat->kcompactd, mask);
	}
	return 0;
}

/*
 * /proc/sys/vm/compaction_proactiveness: a non-zero value wakes every
 * kcompactd for a proactive pass at once.
 */
static int compaction_proactiveness_handler(const struct ctl_table *table,
					    int write, void *buffer,
					    size_t *length, loff_t *ppos)
{
	int ret = proc_dointvec_minmax(table, write, buffer, length, ppos);
	int nid;

	if (ret || !write || !sysctl_compaction_proactiveness)
		return ret;
	for_each_online_node(nid) {
		pg_data_t *pgdat = NODE_DATA(nid);

		if (pgdat->proactive_compact_trigger)
			continue;
		pgdat->proactive_compact_trigger = true;
		trace_mm_compaction_wakeup_kcompactd(nid, -1,
						     pgdat->nr_zones - 1);
		wake_up_interruptible(&pgdat->kcompactd_wait);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Sysctls                                                             */
/* ------------------------------------------------------------------ */

static struct ctl_table vm_compaction[] = {
	{
		.procname	= "compact_memory",
		.data		= &sysctl_compact_memory,
		.maxlen		= sizeof(int),
		.mode		= 0200,
		.proc_handler	= compact_memory_handler,
		.extra1		= SYSCTL_ONE,
		.extra2		= SYSCTL_ONE,
	},
	{
		.procname	= "compaction_proactiveness",
		.data		= &sysctl_compaction_proactiveness,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= compaction_proactiveness_handler,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_ONE_HUNDRED,
	},
	{
		.procname	= "extfrag_threshold",
		.data		= &sysctl_extfrag_threshold,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_ONE_THOUSAND,
	},
	{
		.procname	= "compact_unevictable_allowed",
		.data		= &sysctl_compact_unevictable_allowed,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_ONE,
	},
};

/*
 * Memory hotplug: at MEM_OFFLINE the sections are offline, and new walks
 * skip them; wait for the walks of their memmap under way before it is
 * poisoned (compact_memmap_srcu).  Memory coming online starts unclaimed:
 * a claim (compact_block_claimed()) still held when its memory went
 * offline was never dropped, for the run does not touch the memmap of
 * offlined memory.  The memmap of the range is initialized before
 * MEM_GOING_ONLINE.
 */
static int compact_memory_notify(struct notifier_block *nb,
				 unsigned long action, void *data)
{
	struct memory_notify *arg = data;
	unsigned long pfn, end = arg->start_pfn + arg->nr_pages;

	if (action == MEM_OFFLINE)
		synchronize_srcu(&compact_memmap_srcu);
	if (action != MEM_GOING_ONLINE)
		return NOTIFY_OK;
	for (pfn = arg->start_pfn; pfn < end; pfn += pageblock_nr_pages)
		clear_pageblock_skip(pfn_to_page(pfn));
	return NOTIFY_OK;
}

/* ------------------------------------------------------------------ */
/* The picture in debugfs                                              */
/* ------------------------------------------------------------------ */

#ifdef CONFIG_DEBUG_FS
/*
 * /sys/kernel/debug/compaction/node<N>/<zone>: the zone's occupancy
 * picture and the plan a manual run would make from it, one line per
 * pageblock, for operators and tools/mm/compaction-map.py.  The first
 * read after open (or a seek to 0) surveys the zone and plans as a manual
 * run does (one read per page or free block), holding the picture
 * killably, and copies what it prints; later reads print from the copy,
 * so one cat shows one picture, whatever kcompactd or memory hotplug do
 * meanwhile.  While the copy is made kcompactd uses the linear policy and
 * manual runs wait.
 */
struct compact_picture_line {
	u16 free, movable;
	u8 stuck, holds;
	char plan;
};

struct compact_picture_seq {
	struct zone *zone;
	struct compact_picture_line *lines;
	unsigned long start_pfn;
	unsigned int nr_blocks, nr_sources, nr_targets;
	bool populated;
};

/* What the plan does with @b: S evacuates it, T fills it, - neither */
static char picture_plan(const struct compact_block *b)
{
	if (b->source)
		return 'S';
	return compact_plan_is_target(b, pageblock_nr_pages) ? 'T' : '-';
}

/* Survey and plan as a manual run, and copy the result into @ps. */
static int picture_snapshot(struct compact_picture_seq *ps)
{
	struct compact_control cc = {
		.order = -1, .mode = MIGRATE_SYNC, .gfp_mask = GFP_KERNEL,
	};
	struct compact_picture *pic;
	struct compact_block *b;
	unsigned int i;

	kvfree(ps->lines);
	ps->lines = NULL;
	ps->populated = populated_zone(ps->zone);
	if (!ps->populated)
		return 0;
	pic = compact_picture_get(ps->zone, true);
	if (!pic)
		return fatal_signal_pending(current) ? -EINTR : -ENOMEM;
	compact_survey_zone(ps->zone, pic);
	compact_cost_plan(pic, UINT_MAX, compact_cost_refuses(&cc));
	ps->lines = kvmalloc_array(pic->nr_blocks, sizeof(*ps->lines),
				   GFP_KERNEL);
	if (ps->lines) {
		ps->start_pfn = pic->start_pfn;
		ps->nr_blocks = pic->nr_blocks;
		ps->nr_sources = pic->nr_sources;
		ps->nr_targets = pic->nr_targets;
		for (i = 0; i < pic->nr_blocks; i++) {
			b = &pic->blocks[i];
			ps->lines[i] = (struct compact_picture_line){
				.free = b->free, .movable = b->movable,
				.stuck = b->stuck, .holds = b->holds,
				.plan = picture_plan(b),
			};
		}
	}
	compact_picture_put(pic);
	return ps->lines ? 0 : -ENOMEM;
}

/* The line at seq position @pos (1 for the first block), NULL past them. */
static void *picture_line(struct compact_picture_seq *ps, loff_t pos)
{
	if (!ps->lines || pos > ps->nr_blocks)
		return NULL;
	return &ps->lines[pos - 1];
}

static void *picture_seq_start(struct seq_file *m, loff_t *pos)
{
	struct compact_picture_seq *ps = m->private;
	int err;

	if (!*pos) {
		err = picture_snapshot(ps);
		if (err)
			return ERR_PTR(err);
		return SEQ_START_TOKEN;
	}
	return picture_line(ps, *pos);
}

static void *picture_seq_next(struct seq_file *m, void *v, loff_t *pos)
{
	struct compact_picture_seq *ps = m->private;

	++*pos;
	return picture_line(ps, *pos);
}

static void picture_seq_stop(struct seq_file *m, void *v)
{
}

static void picture_seq_header(struct seq_file *m,
			       struct compact_picture_seq *ps)
{
	struct zone *zone = ps->zone;

	seq_printf(m, "# node %d zone %s", zone_to_nid(zone), zone->name);
	if (!ps->populated) {
		seq_puts(m, ": not populated\n");
		return;
	}
	seq_printf(m, ": %u pageblocks of %lu pages from pfn %#lx, surveyed now\n",
		   ps->nr_blocks, pageblock_nr_pages, ps->start_pfn);
	seq_printf(m, "# plan of a manual run: %u sources, %u targets\n",
		   ps->nr_sources, ps->nr_targets);
	seq_puts(m, "# pfn free movable stuck holds plan (S source, T target, - neither)\n");
}

static int picture_seq_show(struct seq_file *m, void *v)
{
	struct compact_picture_seq *ps = m->private;
	const struct compact_picture_line *l = v;

	if (v == SEQ_START_TOKEN) {
		picture_seq_header(m, ps);
		return 0;
	}
	seq_printf(m, "%#lx %u %u %u %#x %c\n",
		   ps->start_pfn + ((unsigned long)(l - ps->lines) << pageblock_order),
		   l->free, l->movable, l->stuck, l->holds, l->plan);
	return 0;
}

static const struct seq_operations picture_seq_ops = {
	.start = picture_seq_start,
	.next = picture_seq_next,
	.stop = picture_seq_stop,
	.show = picture_seq_show,
};

static int picture_open(struct inode *inode, struct file *file)
{
	struct compact_picture_seq *ps;

	ps = __seq_open_private(file, &picture_seq_ops, sizeof(*ps));
	if (!ps)
		return -ENOMEM;
	ps->zone = inode->i_private;
	return 0;
}

static int picture_release(struct inode *inode, struct file *file)
{
	struct compact_picture_seq *ps =
		((struct seq_file *)file->private_data)->private;

	kvfree(ps->lines);
	return seq_release_private(inode, file);
}

static const struct file_operations picture_fops = {
	.open = picture_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = picture_release,
};

static struct dentry *compact_debugfs_root;
/* nodes whose directory exists: written under mem_hotplug_lock or at boot */
static nodemask_t compact_debugfs_nodes;

/*
 * A file per zone of @pgdat, made when the node's kcompactd first starts:
 * at boot for the nodes with memory, and when memory hotplug brings a
 * node's first memory online, which for a node without CPUs is also when
 * its pgdat comes online.  The files stay while the node's memory goes
 * offline and online again, as its pgdat and zones do.
 */
static void compact_debugfs_node(pg_data_t *pgdat)
{
	struct dentry *dir;
	char name[16];
	int i;

	if (!compact_debugfs_root ||
	    node_test_and_set(pgdat->node_id, compact_debugfs_nodes))
		return;
	snprintf(name, sizeof(name), "node%d", pgdat->node_id);
	dir = debugfs_create_dir(name, compact_debugfs_root);
	for (i = 0; i < MAX_NR_ZONES; i++)
		debugfs_create_file(pgdat->node_zones[i].name, 0400, dir,
				    &pgdat->node_zones[i], &picture_fops);
}

static void __init compact_debugfs_init(void)
{
	compact_debugfs_root = debugfs_create_dir("compaction", NULL);
}
#else
static inline void compact_debugfs_node(pg_data_t *pgdat)
{
}

static inline void compact_debugfs_init(void)
{
}
#endif /* CONFIG_DEBUG_FS */

static int __init compaction_init(void)
{
	int nid, ret;

	ret = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN,
					"mm/compaction:online",
					kcompactd_cpu_online, NULL);
	if (ret < 0) {
		pr_err("kcompactd: failed to register hotplug callbacks\n");
		return ret;
	}
	compact_debugfs_init();
	for_each_node_state(nid, N_MEMORY)
		kcompactd_run(nid);
	hotplug_memory_notifier(compact_memory_notify, DEFAULT_CALLBACK_PRI);
	register_sysctl_init("vm", vm_compaction);
	return 0;
}
subsys_initcall(compaction_init);

#endif /* CONFIG_COMPACTION */

#ifdef CONFIG_COMPACTION_KUNIT_TEST
#include "tests/compaction-kunit.h"
#endif
