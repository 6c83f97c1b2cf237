// SPDX-License-Identifier: GPL-2.0
/*
 * Fragment physical memory and hold it, for demonstrations, benchmarks and
 * the tests of what compaction must leave alone.
 *
 *	compaction_fragment [-m MiB] [-p alternate|random|halves|sparse]
 *			    [-s seed] [-n node] [-l|-L] [-P] [-z]
 *
 *	-n node	 allocate from that NUMA node only (MPOL_BIND)
 *	-l	 mlock the kept pages (unevictable: compaction moves them only
 *		 with compact_unevictable_allowed)
 *	-L	 mlock only the kept pages of pageblocks it keeps less than half
 *		 of: the blocks that look cheapest to empty are the ones
 *		 compaction may not empty
 *	-P	 pin the kept pages long term (io_uring fixed buffers,
 *		 FOLL_LONGTERM): compaction must never move them
 *	-z	 contents that compress, so that swapping them to zram frees
 *		 memory
 *
 * Prints "ready <pages> <kept>" once memory is fragmented, then waits for
 * SIGUSR1 (or SIGTERM), verifies every byte of every kept page, prints
 * "verified <kept> <corrupted> moved <n> node <bad>" (kept pages that
 * changed frame, and that are on another node than -n asked; frames are
 * counted from after the pinning, which may move pages first) and exits 0
 * only if nothing was corrupted.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>
#include <linux/io_uring.h>

#include "compaction_frag.h"

#define MPOL_BIND_	2
#define MLOCK_ONFAULT_	1
#define MOVE_PAGES_MAX	4096

static int bind_node(int node)
{
	unsigned long mask = 1UL << node;

	return syscall(SYS_set_mempolicy, MPOL_BIND_, &mask,
		       sizeof(mask) * 8 + 1) ? -errno : 0;
}

#define KPF_MLOCKED_	33
#define LOCK_TRIES	50

/* Kept pages whose frame is not mlocked (/proc/kpageflags), or -errno. */
static long count_unlocked(const struct frag_region *r)
{
	uint64_t flags;
	long n = 0;
	size_t i;
	int fd = open("/proc/kpageflags", O_RDONLY);

	if (fd < 0)
		return -errno;
	for (i = 0; n >= 0 && i < r->nr_pages; i++) {
		if (!r->pfn[i])
			continue;
		if (pread(fd, &flags, sizeof(flags),
			  r->pfn[i] * sizeof(flags)) != sizeof(flags))
			n = -EIO;
		else if (!(flags >> KPF_MLOCKED_ & 1))
			n++;
	}
	close(fd);
	return n;
}

/*
 * Lock the pages present, not the holes the pattern freed.  mlock() passes
 * over a page that is being migrated at that moment (say by a compaction
 * run still going after an earlier test), which then stays movable: unlock
 * and lock again until every kept page is mlocked, as the tests assume.
 */
static int lock_kept(struct frag_region *r)
{
	size_t len = r->nr_pages * frag_page_size();
	long left = 0;
	int i;

	for (i = 0; i < LOCK_TRIES; i++) {
		if ((i && munlock(r->base, len)) ||
		    syscall(SYS_mlock2, r->base, len, MLOCK_ONFAULT_) ||
		    frag_rebase(r))
			return -errno;
		left = count_unlocked(r);
		if (left <= 0)
			break;
		usleep(20000);
	}
	if (left)
		fprintf(stderr, "compaction_fragment: %ld kept pages not mlocked\n",
			left);
	return left ? -(errno = left < 0 ? -left : EAGAIN) : 0;
}

/* Lock the kept pages of the blocks that keep less than half their pages. */
static int lock_sparse(struct frag_region *r)
{
	unsigned int order = frag_pageblock_order();
	uint64_t top = 0;
	unsigned int *kept;
	size_t i;
	int ret = 0;

	for (i = 0; i < r->nr_pages; i++)
		if (r->pfn[i] > top)
			top = r->pfn[i];
	kept = calloc((top >> order) + 1, sizeof(*kept));
	if (!kept)
		return -(errno = ENOMEM);
	for (i = 0; i < r->nr_pages; i++)
		if (r->pfn[i])
			kept[r->pfn[i] >> order]++;
	for (i = 0; !ret && i < r->nr_pages; i++)
		if (r->pfn[i] && kept[r->pfn[i] >> order] < (1U << order) / 2 &&
		    mlock(r->base + i * frag_page_size(), frag_page_size()))
			ret = -errno;
	free(kept);
	return ret;
}

#define RING_BUFFERS	16384	/* IORING_MAX_REG_BUFFERS */

/*
 * Register the kept pages as io_uring fixed buffers, a long-term pin:
 * each run of virtually contiguous kept pages is one buffer, as many rings
 * as the buffers need.  The rings stay open, and the pages pinned, until
 * the process exits.
 */
static int pin_kept(struct frag_region *r)
{
	size_t ps = frag_page_size(), i, n = 0;
	struct io_uring_params p;
	struct iovec *iov;
	int fd, ret = 0;

	iov = calloc(RING_BUFFERS, sizeof(*iov));
	if (!iov)
		return -(errno = ENOMEM);
	for (i = 0; !ret && i <= r->nr_pages; i++) {
		if (i < r->nr_pages && r->pfn[i]) {
			if (n && (char *)iov[n - 1].iov_base +
				 iov[n - 1].iov_len == r->base + i * ps) {
				iov[n - 1].iov_len += ps;
				continue;
			}
			if (n < RING_BUFFERS) {
				iov[n].iov_base = r->base + i * ps;
				iov[n++].iov_len = ps;
				continue;
			}
		} else if (i < r->nr_pages || !n) {
			continue;
		}
		/* a ring full, or the end: register what is collected */
		memset(&p, 0, sizeof(p));
		fd = syscall(SYS_io_uring_setup, 1, &p);
		if (fd < 0 || syscall(SYS_io_uring_register, fd,
				      IORING_REGISTER_BUFFERS, iov, n))
			ret = -errno;
		n = 0;
		if (i < r->nr_pages)
			i--;		/* this page starts the next ring */
	}
	free(iov);
	return ret;
}

/* Kept pages that are not on @node (move_pages() only asks). */
static long count_off_node(const struct frag_region *r, int node)
{
	static void *pages[MOVE_PAGES_MAX];
	static int status[MOVE_PAGES_MAX];
	size_t i = 0, n, k;
	long off = 0;

	while (i < r->nr_pages) {
		for (n = 0; i < r->nr_pages && n < MOVE_PAGES_MAX; i++)
			if (r->pfn[i])
				pages[n++] = r->base + i * frag_page_size();
		if (syscall(SYS_move_pages, 0, n, pages, NULL, status, 0))
			return -errno;
		for (k = 0; k < n; k++)
			off += status[k] != node;
	}
	return off;
}

int main(int argc, char **argv)
{
	int pattern = FRAG_RANDOM, opt, sig, node = -1, lock = 0, pin = 0;
	int sparse = 0;
	unsigned long long seed = 1;
	struct frag_region r;
	size_t mib = 256, bad;
	long moved, off = 0;
	sigset_t set;

	while ((opt = getopt(argc, argv, "m:p:s:n:lLPz")) != -1) {
		switch (opt) {
		case 'm':
			mib = strtoul(optarg, NULL, 0);
			break;
		case 'p':
			pattern = frag_pattern_parse(optarg);
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'n':
			node = atoi(optarg);
			break;
		case 'l':
			lock = 1;
			break;
		case 'L':
			sparse = 1;
			break;
		case 'P':
			pin = 1;
			break;
		case 'z':
			frag_set_compressible(1);
			break;
		default:
			pattern = -1;
		}
	}
	if (pattern < 0 || !mib) {
		fprintf(stderr,
			"usage: %s [-m MiB] [-p pattern] [-s seed] [-n node] [-l|-L] [-P] [-z]\n"
			"patterns: alternate random halves sparse\n", argv[0]);
		return 2;
	}

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);

	errno = 0;
	if ((node >= 0 && bind_node(node)) ||
	    frag_create(&r, mib << 20, pattern, seed) ||
	    (lock && lock_kept(&r)) || (sparse && lock_sparse(&r)) ||
	    (pin && pin_kept(&r)) || ((lock || sparse || pin) && frag_rebase(&r))) {
		fprintf(stderr, "compaction_fragment: %s\n", strerror(errno));
		return 1;
	}
	printf("ready %zu %zu\n", r.nr_pages, r.nr_kept);
	fflush(stdout);
	sigwait(&set, &sig);

	bad = frag_verify(&r);
	moved = frag_count_moved(&r);
	if (node >= 0)
		off = count_off_node(&r, node);
	printf("verified %zu %zu moved %ld node %ld\n", r.nr_kept, bad, moved,
	       off);
	fflush(stdout);
	frag_destroy(&r);
	return bad || moved < 0 || off ? 1 : 0;
}
