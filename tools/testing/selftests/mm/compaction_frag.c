// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers to fragment physical memory and check it afterwards; see
 * compaction_frag.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "compaction_frag.h"
#include "vm_util.h"

#define MAX_ZONES	16

static const char * const pattern_names[NR_FRAG_PATTERNS] = {
	[FRAG_ALTERNATE] = "alternate",
	[FRAG_RANDOM] = "random",
	[FRAG_HALVES] = "halves",
	[FRAG_SPARSE] = "sparse",
};

int frag_pattern_parse(const char *name)
{
	int i;

	for (i = 0; i < NR_FRAG_PATTERNS; i++)
		if (!strcmp(name, pattern_names[i]))
			return i;
	return -1;
}

const char *frag_pattern_name(int pattern)
{
	return pattern_names[pattern];
}

/* splitmix64: a well-mixed hash, so block choices do not follow addresses */
static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* Does @pattern keep the page in frame @pfn?  Decided per physical block. */
static int frag_keep(int pattern, uint64_t pfn, uint64_t seed)
{
	uint64_t block = pfn >> frag_pageblock_order();
	uint64_t h = mix(pfn ^ mix(seed));
	unsigned int share;	/* kept pages per 1024 */

	switch (pattern) {
	case FRAG_ALTERNATE:
		return !(pfn & 1);
	case FRAG_SPARSE:
		return !(pfn & 63);
	case FRAG_HALVES:
		share = (mix(block ^ seed) & 1) ? 1024 / 16 : 1024 - 1024 / 16;
		break;
	default:
		share = mix(block ^ seed) % 1024;
		break;
	}
	return (h % 1024) < share;
}

static int compressible;

/**
 * frag_set_compressible() - fill later regions so that they compress
 * @on: one word in eight from the pattern, the others zero (about 8:1 for
 *	zram, and never a page of one repeated word, which zram would keep
 *	without zsmalloc); 0 for the pattern in every word
 */
void frag_set_compressible(int on)
{
	compressible = on;
}

static uint64_t word_of(const char *addr, size_t i, uint64_t seed)
{
	if (compressible && i % 8)
		return 0;
	return mix((uintptr_t)addr + i * 8) ^ seed;
}

static void fill_page(char *page, uint64_t seed)
{
	uint64_t *w = (uint64_t *)page;
	size_t i;

	for (i = 0; i < psize() / 8; i++)
		w[i] = word_of(page, i, seed);
}

static int page_intact(const char *page, uint64_t seed)
{
	const uint64_t *w = (const uint64_t *)page;
	size_t i;

	for (i = 0; i < psize() / 8; i++)
		if (w[i] != word_of(page, i, seed))
			return 0;
	return 1;
}

/* Read the frame of every page of @r into @pfn (0 where not present). */
static int read_pfns(const struct frag_region *r, uint64_t *pfn)
{
	off_t off = (uintptr_t)r->base / psize() * sizeof(uint64_t);
	size_t len = r->nr_pages * sizeof(uint64_t), done = 0;
	ssize_t ret = 0;
	size_t i;
	int fd;

	fd = open("/proc/self/pagemap", O_RDONLY);
	if (fd < 0)
		return -errno;
	while (done < len) {
		ret = pread(fd, (char *)pfn + done, len - done, off + done);
		if (ret <= 0)
			break;
		done += ret;
	}
	close(fd);
	if (done < len)
		return ret < 0 ? -errno : -EIO;
	for (i = 0; i < r->nr_pages; i++)
		pfn[i] = PAGEMAP_PRESENT(pfn[i]) ? PAGEMAP_PFN(pfn[i]) : 0;
	return 0;
}

/* Free every page the pattern does not keep, a virtual run at a time. */
static int release_unkept(struct frag_region *r, int pattern)
{
	size_t i, run = 0;

	r->nr_kept = 0;
	for (i = 0; i <= r->nr_pages; i++) {
		int keep = i == r->nr_pages ||
			   (r->pfn[i] && frag_keep(pattern, r->pfn[i], r->seed));

		if (!keep) {
			r->pfn[i] = 0;
			run++;
			continue;
		}
		if (i < r->nr_pages)
			r->nr_kept++;
		if (run && madvise(r->base + (i - run) * psize(),
				   run * psize(), MADV_DONTNEED))
			return -errno;
		run = 0;
	}
	return 0;
}

/**
 * frag_create() - map @bytes of anonymous memory and fragment it
 * @r: region to set up
 * @bytes: size of the mapping
 * @pattern: which pages each physical pageblock keeps (enum frag_pattern)
 * @seed: seed of the pattern and of the page contents
 *
 * Return: 0 or a negative errno.
 */
int frag_create(struct frag_region *r, size_t bytes, int pattern,
		uint64_t seed)
{
	size_t i;
	int ret;

	memset(r, 0, sizeof(*r));
	r->seed = seed;
	r->nr_pages = bytes / psize();
	r->pfn = calloc(r->nr_pages, sizeof(uint64_t));
	if (!r->pfn)
		return -ENOMEM;
	r->base = mmap(NULL, r->nr_pages * psize(), PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (r->base == MAP_FAILED) {
		r->base = NULL;
		return -errno;
	}
	/* EINVAL: a kernel without THP, where there is nothing to opt out of */
	if (madvise(r->base, r->nr_pages * psize(), MADV_NOHUGEPAGE) &&
	    errno != EINVAL)
		return -errno;
	for (i = 0; i < r->nr_pages; i++)
		fill_page(r->base + i * psize(), seed);
	ret = read_pfns(r, r->pfn);
	if (ret)
		return ret;
	return release_unkept(r, pattern);
}

/**
 * frag_verify() - check every byte of every page the region kept
 * @r: region made by frag_create()
 *
 * Return: the number of kept pages whose contents changed.
 */
size_t frag_verify(const struct frag_region *r)
{
	size_t i, bad = 0;

	for (i = 0; i < r->nr_pages; i++)
		if (r->pfn[i] && !page_intact(r->base + i * psize(), r->seed))
			bad++;
	return bad;
}

/**
 * frag_count_moved() - count kept pages now in another frame
 * @r: region made by frag_create()
 *
 * Return: the number of kept pages that changed frame, or a negative errno.
 */
long frag_count_moved(const struct frag_region *r)
{
	uint64_t *now = calloc(r->nr_pages, sizeof(uint64_t));
	long moved = 0;
	size_t i;
	int ret;

	if (!now)
		return -ENOMEM;
	ret = read_pfns(r, now);
	for (i = 0; !ret && i < r->nr_pages; i++)
		if (r->pfn[i] && now[i] != r->pfn[i])
			moved++;
	free(now);
	return ret ? ret : moved;
}

/**
 * frag_rebase() - take the kept pages' frames now as the reference
 * @r: region made by frag_create()
 *
 * For a caller that moved pages on purpose (pinning migrates pages out of
 * movable zones first): frag_count_moved() then counts from here.
 *
 * Return: 0 or a negative errno (errno is set too).
 */
int frag_rebase(struct frag_region *r)
{
	uint64_t *now = calloc(r->nr_pages, sizeof(uint64_t));
	size_t i;
	int ret;

	if (!now)
		return -(errno = ENOMEM);
	ret = read_pfns(r, now);
	for (i = 0; !ret && i < r->nr_pages; i++)
		if (r->pfn[i])
			r->pfn[i] = now[i];
	free(now);
	if (ret)
		errno = -ret;
	return ret;
}

/**
 * frag_page_size() - the base page size
 *
 * Return: its size in bytes.
 */
size_t frag_page_size(void)
{
	return psize();
}

/**
 * frag_destroy() - unmap the region and free its bookkeeping
 * @r: region made by frag_create(), possibly half made
 */
void frag_destroy(struct frag_region *r)
{
	if (r->base)
		munmap(r->base, r->nr_pages * psize());
	free(r->pfn);
	memset(r, 0, sizeof(*r));
}

/**
 * frag_pageblock_order() - pageblock order
 *
 * As /proc/pagetypeinfo says (root only), else the PMD order: they differ
 * in kernels without THP and hugetlbfs, whose pageblocks are of
 * MAX_PAGE_ORDER.
 *
 * Return: the order (9 on x86_64 with 4K pages and THP).
 */
unsigned int frag_pageblock_order(void)
{
	static unsigned int order;
	char line[128];
	uint64_t pmd;
	FILE *f;

	if (order)
		return order;
	f = fopen("/proc/pagetypeinfo", "r");
	while (f && !order && fgets(line, sizeof(line), f))
		if (sscanf(line, "Page block order: %u", &order) != 1)
			order = 0;
	if (f)
		fclose(f);
	if (!order) {
		pmd = read_pmd_pagesize();
		order = pmd ? ffsl(pmd) - 1 - pshift() : 9;
	}
	return order;
}

#define MAX_ORDERS	16	/* more columns than /proc/buddyinfo has */

struct zone_stat {
	char name[48];		/* "Node 0, zone DMA32" */
	long nr_free[MAX_ORDERS];	/* free blocks of each order */
	long min_wmark;
	long movable_blocks;
};

/* Free pages of @s in blocks of 2^@order or more, in units of 2^@order. */
static long zone_free_units(const struct zone_stat *s, unsigned int order)
{
	long units = 0;
	unsigned int o;

	for (o = order; o < MAX_ORDERS; o++)
		units += s->nr_free[o] << (o - order);
	return units;
}

static struct zone_stat *zone_lookup(struct zone_stat *z, int *nr, int node,
				     const char *zone)
{
	char name[48];
	int i;

	snprintf(name, sizeof(name), "Node %d, zone %s", node, zone);
	for (i = 0; i < *nr; i++)
		if (!strcmp(z[i].name, name))
			return &z[i];
	if (*nr == MAX_ZONES)
		return NULL;
	memset(&z[*nr], 0, sizeof(z[0]));
	snprintf(z[*nr].name, sizeof(z[*nr].name), "%s", name);
	return &z[(*nr)++];
}

static int read_buddyinfo(struct zone_stat *z, int *nr)
{
	char line[512], zone[16];
	int node, order, off, n;
	FILE *f = fopen("/proc/buddyinfo", "r");
	struct zone_stat *s;
	long count;

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "Node %d, zone %15s%n", &node, zone, &off) != 2)
			continue;
		s = zone_lookup(z, nr, node, zone);
		if (!s)
			break;
		for (order = 0; order < MAX_ORDERS &&
		     sscanf(line + off, "%ld%n", &count, &n) == 1;
		     order++, off += n)
			s->nr_free[order] += count;
	}
	fclose(f);
	return 0;
}

static int read_zoneinfo(struct zone_stat *z, int *nr)
{
	FILE *f = fopen("/proc/zoneinfo", "r");
	struct zone_stat *s = NULL;
	char line[256], zone[16];
	long val;
	int node;

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "Node %d, zone %15s", &node, zone) == 2)
			s = zone_lookup(z, nr, node, zone);
		else if (s && sscanf(line, " min %ld", &val) == 1)
			s->min_wmark = val;
	}
	fclose(f);
	return 0;
}

static int read_pagetypeinfo(struct zone_stat *z, int *nr)
{
	FILE *f = fopen("/proc/pagetypeinfo", "r");
	char line[512], zone[16], word[32];
	int col = -1, node, off, n, i;
	struct zone_stat *s;
	long val;

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "Number of blocks type", 21)) {
			/* find the Movable column */
			off = 21;
			for (i = 0; sscanf(line + off, "%31s%n", word, &n) == 1;
			     i++, off += n)
				if (!strcmp(word, "Movable"))
					col = i;
			continue;
		}
		if (col < 0 ||
		    sscanf(line, "Node %d, zone %15s%n", &node, zone, &off) != 2)
			continue;
		s = zone_lookup(z, nr, node, zone);
		for (i = 0; s && sscanf(line + off, "%ld%n", &val, &n) == 1;
		     i++, off += n)
			if (i == col)
				s->movable_blocks = val;
	}
	fclose(f);
	return col < 0 ? -EINVAL : 0;
}

/**
 * frag_free_blocks() - free memory in blocks of 2^@order pages or more
 * @order: the block order
 *
 * Return: that memory over all zones, in units of 2^@order pages (at 0
 * the free pages, at the pageblock order the whole free pageblocks), or a
 * negative errno.
 */
long frag_free_blocks(unsigned int order)
{
	struct zone_stat z[MAX_ZONES];
	long total = 0;
	int nr = 0, i, ret;

	ret = read_buddyinfo(z, &nr);
	if (ret)
		return ret;
	for (i = 0; i < nr; i++)
		total += zone_free_units(&z[i], order);
	return total;
}

/**
 * frag_free_pageblocks() - whole free pageblocks in the buddy lists
 *
 * Return: their number over all zones, or a negative errno.
 */
long frag_free_pageblocks(void)
{
	return frag_free_blocks(frag_pageblock_order());
}

/**
 * frag_pageblock_limit() - most free pageblocks compaction could produce
 *
 * Per zone, a block can be emptied only if no unmovable page sits in it,
 * which from userspace we approximate by its migratetype (MIGRATE_MOVABLE),
 * and the pages moved out need free pages elsewhere that the free scanner
 * may take without going below the min watermark:
 *
 *	limit = sum over zones of
 *		min(movable blocks, (free pages - min watermark) / pageblock)
 *
 * Return: the limit, or a negative errno.
 */
long frag_pageblock_limit(void)
{
	unsigned int pb = frag_pageblock_order();
	struct zone_stat z[MAX_ZONES];
	long total = 0, by_free;
	int nr = 0, i, ret;

	ret = read_buddyinfo(z, &nr);
	if (!ret)
		ret = read_zoneinfo(z, &nr);
	if (!ret)
		ret = read_pagetypeinfo(z, &nr);
	if (ret)
		return ret;
	for (i = 0; i < nr; i++) {
		by_free = (zone_free_units(&z[i], 0) - z[i].min_wmark) >> pb;
		if (by_free < 0)
			by_free = 0;
		total += by_free < z[i].movable_blocks ? by_free :
							 z[i].movable_blocks;
	}
	return total;
}

/**
 * frag_vmstat() - read one /proc/vmstat counter, per-cpu deltas folded
 * @name: counter name
 *
 * Return: its value, or a negative errno.
 */
long frag_vmstat(const char *name)
{
	char key[64];
	long val;
	FILE *f;

	/* fold the per-cpu differentials first (root only; best effort) */
	frag_write_file("/proc/sys/vm/stat_refresh", "1");
	f = fopen("/proc/vmstat", "r");
	if (!f)
		return -errno;
	while (fscanf(f, "%63s %ld", key, &val) == 2) {
		if (!strcmp(key, name)) {
			fclose(f);
			return val;
		}
	}
	fclose(f);
	return -ENOENT;
}

/**
 * frag_mthp_stat() - read one statistic of a transparent huge page size
 * @kb: the size, in KiB
 * @name: the statistic, a file of hugepages-<kb>kB/stats/
 *
 * Return: its value, or -1 if the kernel has none.
 */
long frag_mthp_stat(unsigned int kb, const char *name)
{
	char path[256], buf[32];

	snprintf(path, sizeof(path), FRAG_THP_DIR "/hugepages-%ukB/stats/%s",
		 kb, name);
	if (frag_read_file(path, buf, sizeof(buf)))
		return -1;
	return atol(buf);
}

/**
 * frag_pmd_thp_enabled() - set the PMD size's own transparent huge page mode
 * @val: "always", "madvise", "never" or "inherit"
 *
 * Return: 0, or -1 if the write failed.
 */
int frag_pmd_thp_enabled(const char *val)
{
	char path[256];

	snprintf(path, sizeof(path), FRAG_THP_DIR "/hugepages-%lukB/enabled",
		 (unsigned long)(read_pmd_pagesize() >> 10));
	return frag_write_file(path, val);
}

/**
 * frag_write_file() - write a string to a sysctl or sysfs file
 * @path: the file
 * @val: what to write
 *
 * Return: 0 or a negative errno.
 */
int frag_write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);
	ssize_t ret;

	if (fd < 0)
		return -errno;
	ret = write(fd, val, strlen(val));
	if (ret < 0)
		ret = -errno;
	close(fd);
	return ret < 0 ? ret : 0;
}

/**
 * frag_read_file() - read a small file into a NUL-terminated buffer
 * @path: the file
 * @buf: where to put it
 * @len: size of @buf
 *
 * Return: 0 or a negative errno.
 */
int frag_read_file(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t ret;

	if (fd < 0)
		return -errno;
	ret = read(fd, buf, len - 1);
	if (ret < 0)
		ret = -errno;
	else
		buf[ret] = '\0';
	close(fd);
	return ret < 0 ? ret : 0;
}
