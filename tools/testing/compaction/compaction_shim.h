/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What mm/compaction_plan.c needs of the kernel, in userspace.  The
 * linux/ headers here stand for the kernel's and all include this one;
 * linux/compaction.h includes the kernel's own, so the result codes are
 * the kernel's.
 */
#ifndef __COMPACTION_SHIM_H
#define __COMPACTION_SHIM_H

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "../../include/linux/types.h"
#include "../../include/linux/kernel.h"
#include "../../include/linux/bits.h"

#define pg_data_t		struct pglist_data
struct pglist_data;
struct zone;
struct page;

#define __meminit
#define fallthrough		__attribute__((__fallthrough__))

/* include/linux/swap.h */
#define SWAP_CLUSTER_MAX	32UL
#define COMPACT_CLUSTER_MAX	SWAP_CLUSTER_MAX

/* linux/compaction.h's current_is_kcompactd() */
struct task_struct {
	unsigned int flags;
};

extern struct task_struct *current;
#define PF_KCOMPACTD		0x00010000

/* lib/sort.c's sort_r(), on glibc's qsort_r() */
static inline void sort_r(void *base, size_t num, size_t size,
			  int (*cmp)(const void *, const void *, const void *),
			  void *swap, const void *priv)
{
	qsort_r(base, num, size,
		(int (*)(const void *, const void *, void *))cmp, (void *)priv);
}

#endif /* __COMPACTION_SHIM_H */
