// SPDX-License-Identifier: GPL-2.0
/*
 * Fragment physical memory and hold it, for demonstrations and benchmarks.
 *
 *	compaction_fragment [-m MiB] [-p alternate|random|halves|sparse] [-s seed]
 *
 * Prints "ready <pages> <kept>" once memory is fragmented, then waits for
 * SIGUSR1 (or SIGTERM), verifies every byte of every kept page, prints
 * "verified <kept> <corrupted> moved <n>" and exits 0 only if nothing was
 * corrupted.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "compaction_frag.h"

int main(int argc, char **argv)
{
	int pattern = FRAG_RANDOM, opt, sig;
	unsigned long long seed = 1;
	struct frag_region r;
	size_t mib = 256, bad;
	sigset_t set;
	long moved;

	while ((opt = getopt(argc, argv, "m:p:s:")) != -1) {
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
		default:
			pattern = -1;
		}
	}
	if (pattern < 0 || !mib) {
		fprintf(stderr, "usage: %s [-m MiB] [-p pattern] [-s seed]\n"
			"patterns: alternate random halves sparse\n", argv[0]);
		return 2;
	}

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);

	if (frag_create(&r, mib << 20, pattern, seed)) {
		perror("frag_create");
		return 1;
	}
	printf("ready %zu %zu\n", r.nr_pages, r.nr_kept);
	fflush(stdout);
	sigwait(&set, &sig);

	bad = frag_verify(&r);
	moved = frag_count_moved(&r);
	printf("verified %zu %zu moved %ld\n", r.nr_kept, bad, moved);
	fflush(stdout);
	frag_destroy(&r);
	return bad ? 1 : 0;
}
