// SPDX-License-Identifier: GPL-2.0
/*
 * pageblock_survey: what every pageblock of every populated zone holds.
 *
 * The benchmark's yardstick.  It is built out of tree against each kernel
 * it measures (ours and stock) and reads nothing but struct page, so both
 * kernels are surveyed by the same code.  Reading
 * /sys/kernel/debug/pageblock_survey prints, for each zone,
 *
 *	zone <nid> <name> <start_pfn> <end_pfn> <pageblock_nr_pages>
 *	     <NR_FREE_PAGES> <min watermark>
 *
 * and then one line per pageblock of that zone,
 *
 *	b <pfn> <free> <movable> <unmovable>
 *
 * free:      pages on the buddy free lists or the per-cpu lists;
 * movable:   pages in use that compaction may migrate: LRU folios (anon,
 *            file, shmem, unevictable) and non-LRU movable pages;
 * unmovable: everything else in the block: slab, page tables, kernel
 *            allocations, reserved pages, hugetlb pages, holes and pages
 *            of another zone.
 *
 * Each block is read under the zone lock, so buddy orders are stable; the
 * in-use classification is a snapshot, exact on a quiet system.
 */
#include <linux/debugfs.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/module.h>
#include <linux/nodemask.h>
#include <linux/page-flags.h>
#include <linux/seq_file.h>

struct pb_count {
	unsigned long free, movable, unmovable;
};

static struct dentry *survey_file;

/* Pages from @pfn to the end of the free buddy run holding it, or 0. */
static unsigned long free_run_at(unsigned long pfn)
{
	unsigned int order;

	for (order = 0; order < NR_PAGE_ORDERS; order++) {
		unsigned long head_pfn = pfn & ~((1UL << order) - 1);
		struct page *head;

		if (!pfn_valid(head_pfn))
			break;
		head = pfn_to_page(head_pfn);
		if (PageBuddy(head) && page_private(head) >= order)
			return head_pfn + (1UL << page_private(head)) - pfn;
	}
	return 0;
}

/* Classify the page at @pfn; returns how many pages the verdict covers. */
static unsigned long survey_page(struct zone *zone, unsigned long pfn,
				 unsigned long end, struct pb_count *c)
{
	struct page *page, *head;
	unsigned long n;

	if (!pfn_valid(pfn) || page_zone(pfn_to_page(pfn)) != zone) {
		c->unmovable++;
		return 1;
	}
	page = pfn_to_page(pfn);
	n = free_run_at(pfn);
	if (n) {
		n = min(n, end - pfn);
		c->free += n;
		return n;
	}
	if (PageCompound(page)) {
		head = compound_head(page);
		n = page_to_pfn(head) + compound_nr(head) - pfn;
		n = clamp(n, 1UL, end - pfn);
		if (!PageHuge(head) && (PageLRU(head) || __PageMovable(head)))
			c->movable += n;
		else
			c->unmovable += n;
		return n;
	}
	if (!page_count(page))
		c->free++;		/* on a per-cpu list */
	else if (PageLRU(page) || __PageMovable(page))
		c->movable++;
	else
		c->unmovable++;
	return 1;
}

static void survey_block(struct zone *zone, unsigned long start,
			 struct pb_count *c)
{
	unsigned long pfn = start, end = start + pageblock_nr_pages;
	unsigned long flags;

	*c = (struct pb_count){};
	spin_lock_irqsave(&zone->lock, flags);
	while (pfn < end)
		pfn += survey_page(zone, pfn, end, c);
	spin_unlock_irqrestore(&zone->lock, flags);
}

static void survey_zone(struct seq_file *m, struct zone *zone)
{
	unsigned long pfn, end = zone_end_pfn(zone);
	struct pb_count c;

	seq_printf(m, "zone %d %s %lu %lu %lu %lu %lu\n",
		   zone_to_nid(zone), zone->name, zone->zone_start_pfn, end,
		   pageblock_nr_pages, zone_page_state(zone, NR_FREE_PAGES),
		   min_wmark_pages(zone));
	for (pfn = pageblock_start_pfn(zone->zone_start_pfn); pfn < end;
	     pfn += pageblock_nr_pages) {
		survey_block(zone, pfn, &c);
		seq_printf(m, "b %lu %lu %lu %lu\n", pfn, c.free, c.movable,
			   c.unmovable);
		cond_resched();
	}
}

static int survey_show(struct seq_file *m, void *v)
{
	int nid, i;

	for_each_online_node(nid) {
		pg_data_t *pgdat = NODE_DATA(nid);

		for (i = 0; i < MAX_NR_ZONES; i++)
			if (populated_zone(&pgdat->node_zones[i]))
				survey_zone(m, &pgdat->node_zones[i]);
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(survey);

static int __init survey_init(void)
{
	survey_file = debugfs_create_file("pageblock_survey", 0400, NULL,
					  NULL, &survey_fops);
	return 0;
}

static void __exit survey_exit(void)
{
	debugfs_remove(survey_file);
}

module_init(survey_init);
module_exit(survey_exit);
MODULE_DESCRIPTION("Per-pageblock survey of free, movable and unmovable pages");
MODULE_LICENSE("GPL");
