// SPDX-License-Identifier: GPL-2.0
/*
 * thp_fault_bench: latency and success of transparent huge page faults.
 *
 *	thp_fault_bench [-m MiB] [-k KiB] [-t THREADS] [-w FILE]
 *
 * Maps MiB of anonymous memory aligned to the huge page size (-k, 2048 by
 * default; 64 for 64 KiB mTHP folios, with that size enabled in
 * /sys/kernel/mm/transparent_hugepage/hugepages-64kB/), asks for huge
 * pages with MADV_HUGEPAGE and takes one write fault per huge page, timing
 * each; with -t, THREADS threads of the process fault at once, each its
 * share of the region (they share the mm, its mmap lock and page table
 * locks).  A fault got a huge page if its frame is a THP (any large anonymous
 * folio) in /proc/kpageflags.  Fills every page with a pattern and checks
 * it at the end; with -w, only once FILE exists, so that processes
 * faulting at once each hold their memory until all are done (it prints
 * "faulted" when it starts waiting).  Prints
 *
 *	thp faults <n> huge <h> bad <b>
 *	lat_ns <huge 0|1>:<ns> ...
 *
 * and exits 0 only if no byte was corrupted.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define KPF_THP		22

static size_t HPAGE = 2UL << 20;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* Is the page mapped at @addr part of a transparent huge page? */
static int is_thp(int pagemap, int kpageflags, void *addr)
{
	uint64_t ent, flags, pfn;
	long psize = sysconf(_SC_PAGESIZE);

	if (pread(pagemap, &ent, 8, (uintptr_t)addr / psize * 8) != 8)
		return 0;
	if (!(ent & (1ULL << 63)))
		return 0;
	pfn = ent & ((1ULL << 55) - 1);
	if (pread(kpageflags, &flags, 8, pfn * 8) != 8)
		return 0;
	return !!(flags & (1ULL << KPF_THP));
}

/* What one faulting thread does: huge pages [first, end) of the region. */
struct faulter {
	pthread_t tid;
	char *p;
	size_t first, end;
	int pagemap, kpageflags;
	uint64_t *lat;
	int *got;
};

/*
 * Marks around each fault for a TCG plugin that times it by its own vCPU's
 * instructions (scripts/tcg-profile/vcpuclock.c, scripts/fault-clock.sh):
 * not inlined, so that each begins a translated block the plugin knows by
 * its address.
 */
__attribute__((noinline)) void ct_fault_begin(void)
{
	asm volatile("" ::: "memory");
}

__attribute__((noinline)) void ct_fault_end(void)
{
	asm volatile("" ::: "memory");
}

static void *fault_range(void *arg)
{
	struct faulter *f = arg;
	size_t i, j;
	uint64_t t0;

	for (i = f->first; i < f->end; i++) {
		t0 = now_ns();
		ct_fault_begin();
		f->p[i * HPAGE] = 1;
		ct_fault_end();
		f->lat[i] = now_ns() - t0;
		f->got[i] = is_thp(f->pagemap, f->kpageflags, f->p + i * HPAGE);
		for (j = 0; j < HPAGE; j += 4096)
			*(uint64_t *)(f->p + i * HPAGE + j) = i * HPAGE + j;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	size_t mib = 512, n, i, j, huge = 0, bad = 0, threads = 1;
	int opt, pagemap, kpageflags;
	struct faulter *f;
	uint64_t *lat;
	char *map, *p, *hold = NULL;
	int *got;

	while ((opt = getopt(argc, argv, "m:k:t:w:")) != -1) {
		if (opt == 'k')
			HPAGE = strtoul(optarg, NULL, 0) << 10;
		else if (opt == 't')
			threads = strtoul(optarg, NULL, 0);
		else if (opt == 'w')
			hold = optarg;
		else
			mib = opt == 'm' ? strtoul(optarg, NULL, 0) : 0;
	}
	n = HPAGE >= 8192 && !(HPAGE & (HPAGE - 1)) ? (mib << 20) / HPAGE : 0;
	if (!n || !threads || threads > n) {
		fprintf(stderr,
			"usage: %s [-m MiB] [-k KiB, a power of 2] [-t THREADS, 1 to the huge pages] [-w FILE]\n",
			argv[0]);
		return 2;
	}
	pagemap = open("/proc/self/pagemap", O_RDONLY);
	kpageflags = open("/proc/kpageflags", O_RDONLY);
	map = mmap(NULL, (n + 1) * HPAGE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	lat = calloc(n, sizeof(*lat));
	got = calloc(n, sizeof(*got));
	f = calloc(threads, sizeof(*f));
	if (pagemap < 0 || kpageflags < 0 || map == MAP_FAILED || !lat ||
	    !got || !f) {
		perror("thp_fault_bench");
		return 1;
	}
	p = (char *)(((uintptr_t)map + HPAGE - 1) & ~(HPAGE - 1));
	if (madvise(p, n * HPAGE, MADV_HUGEPAGE)) {
		perror("madvise");
		return 1;
	}
	for (i = 0; i < threads; i++) {
		f[i] = (struct faulter){ .p = p, .first = n * i / threads,
			.end = n * (i + 1) / threads, .pagemap = pagemap,
			.kpageflags = kpageflags, .lat = lat, .got = got };
		if (i && pthread_create(&f[i].tid, NULL, fault_range, &f[i])) {
			perror("pthread_create");
			return 1;
		}
	}
	fault_range(&f[0]);
	for (i = 1; i < threads; i++)
		pthread_join(f[i].tid, NULL);
	for (i = 0; i < n; i++)
		huge += got[i];
	if (hold) {
		fprintf(stderr, "faulted\n");
		while (access(hold, F_OK))
			usleep(10000);
	}
	for (i = 0; i < n; i++)
		for (j = 0; j < HPAGE; j += 4096)
			bad += *(uint64_t *)(p + i * HPAGE + j) != i * HPAGE + j;
	printf("thp faults %zu huge %zu bad %zu\nlat_ns", n, huge, bad);
	for (i = 0; i < n; i++)
		printf(" %d:%llu", got[i], (unsigned long long)lat[i]);
	printf("\n");
	return bad ? 1 : 0;
}
