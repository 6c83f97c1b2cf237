// SPDX-License-Identifier: GPL-2.0
/*
 * page_alloc_bench: the cost of page allocation and freeing.
 *
 * The benchmark's check that compaction adds nothing to the allocator's
 * paths.  It is built out of tree against each kernel it measures (ours
 * and stock), like pageblock_survey.  Reading
 * /sys/kernel/debug/page_alloc_bench runs every case and prints one line
 * per case and round,
 *
 *	alloc <order> <batch> <round> <pairs> <ns>
 *
 * where a round allocates @batch blocks of @order with GFP_KERNEL, frees
 * them all, and repeats until @pairs allocations were made; <ns> is the
 * round's time by ktime_get_ns() (the guest's instruction count under
 * QEMU's icount).  Batches of one stay on the per-cpu lists; larger ones
 * reach the buddy lists, where freeing merges.
 */
#include <linux/debugfs.h>
#include <linux/gfp.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#define ROUNDS	3

static const struct {
	unsigned int order, batch, pairs;
} cases[] = {
	{ 0, 1, 65536 }, { 0, 1024, 65536 }, { 3, 1, 16384 },
	{ 3, 256, 16384 }, { 9, 16, 1024 },
};

static struct dentry *bench_file;

/* One round; returns its time in ns, or -ENOMEM. */
static s64 bench_round(struct page **pages, unsigned int order,
		       unsigned int batch, unsigned int pairs)
{
	unsigned int done = 0, i, n;
	u64 t0 = ktime_get_ns();

	while (done < pairs) {
		n = min(batch, pairs - done);
		for (i = 0; i < n; i++) {
			pages[i] = alloc_pages(GFP_KERNEL | __GFP_NOWARN, order);
			if (!pages[i])
				break;
		}
		n = i;
		while (i--)
			__free_pages(pages[i], order);
		if (!n)
			return -ENOMEM;
		done += n;
		cond_resched();
	}
	return ktime_get_ns() - t0;
}

static int bench_show(struct seq_file *m, void *v)
{
	unsigned int c, r, max_batch = 0;
	struct page **pages;
	s64 ns;

	for (c = 0; c < ARRAY_SIZE(cases); c++)
		max_batch = max(max_batch, cases[c].batch);
	pages = kvmalloc_array(max_batch, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	for (c = 0; c < ARRAY_SIZE(cases); c++)
		for (r = 0; r < ROUNDS; r++) {
			ns = bench_round(pages, cases[c].order, cases[c].batch,
					 cases[c].pairs);
			seq_printf(m, "alloc %u %u %u %u %lld\n", cases[c].order,
				   cases[c].batch, r, cases[c].pairs, ns);
		}
	kvfree(pages);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(bench);

static int __init bench_init(void)
{
	bench_file = debugfs_create_file("page_alloc_bench", 0400, NULL, NULL,
					 &bench_fops);
	return 0;
}

static void __exit bench_exit(void)
{
	debugfs_remove(bench_file);
}

module_init(bench_init);
module_exit(bench_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Page allocation and freeing micro-benchmark");
