// SPDX-License-Identifier: GPL-2.0
/*
 * bench_mix: page cache and unmovable kernel memory for the benchmark.
 *
 *	bench_mix -d DIR [-f MiB] [-u MiB]
 *
 * Writes 2 x MiB of 64 KiB files into DIR (a tmpfs: shmem page cache),
 * filling one pipe with 64 KiB (unmovable pipe buffers) after every
 * 64 KiB x 2 x f/u of files, then deletes every other file so that the
 * page cache left behind is interleaved with holes.  Prints
 * "ready <files> <pipes>", waits for SIGUSR1 or SIGTERM, reads back
 * every kept file and pipe, prints "verified <bad>" and exits 0 only if
 * every byte is as written.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHUNK		(64 << 10)
#define MAX_PIPES	512

static char buf[CHUNK];

static void fill(uint64_t tag)
{
	uint64_t *w = (uint64_t *)buf;
	size_t i;

	for (i = 0; i < CHUNK / 8; i++)
		w[i] = tag * 0x9e3779b97f4a7c15ULL + i;
}

static int check(int fd, uint64_t tag)
{
	static char got[CHUNK];
	size_t done = 0;
	ssize_t n;

	while (done < CHUNK) {
		n = read(fd, got + done, CHUNK - done);
		if (n <= 0)
			return 1;
		done += n;
	}
	fill(tag);
	return memcmp(got, buf, CHUNK) != 0;
}

static int write_file(const char *dir, int i)
{
	char path[256];
	int fd, ret;

	snprintf(path, sizeof(path), "%s/f%d", dir, i);
	fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0600);
	if (fd < 0)
		return -1;
	fill(i);
	ret = write(fd, buf, CHUNK) == CHUNK ? 0 : -1;
	close(fd);
	return ret;
}

static int check_file(const char *dir, int i)
{
	char path[256];
	int fd, bad;

	snprintf(path, sizeof(path), "%s/f%d", dir, i);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 1;
	bad = check(fd, i);
	close(fd);
	return bad;
}

int main(int argc, char **argv)
{
	static int pipes[MAX_PIPES][2];
	int opt, i, nfiles, npipes = 0, every, bad = 0, sig;
	long file_mib = 64, unmov_mib = 4;
	const char *dir = NULL;
	char path[256];
	sigset_t set;

	while ((opt = getopt(argc, argv, "d:f:u:")) != -1) {
		if (opt == 'd')
			dir = optarg;
		else if (opt == 'f')
			file_mib = strtol(optarg, NULL, 0);
		else if (opt == 'u')
			unmov_mib = strtol(optarg, NULL, 0);
		else
			dir = NULL;
	}
	if (!dir || file_mib < 1 || unmov_mib < 0 ||
	    unmov_mib * (1 << 20) / CHUNK > MAX_PIPES) {
		fprintf(stderr, "usage: %s -d DIR [-f MiB] [-u MiB<=32]\n",
			argv[0]);
		return 2;
	}
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);

	nfiles = 2 * file_mib * (1 << 20) / CHUNK;
	every = unmov_mib ? nfiles / (unmov_mib * (1 << 20) / CHUNK) : 0;
	for (i = 0; i < nfiles; i++) {
		if (write_file(dir, i)) {
			perror("write_file");
			return 1;
		}
		if (every && i % every == every - 1 && npipes < MAX_PIPES) {
			if (pipe(pipes[npipes])) {
				perror("pipe");
				return 1;
			}
			fill(1000000 + npipes);
			if (write(pipes[npipes][1], buf, CHUNK) != CHUNK) {
				perror("pipe write");
				return 1;
			}
			npipes++;
		}
	}
	for (i = 1; i < nfiles; i += 2) {
		snprintf(path, sizeof(path), "%s/f%d", dir, i);
		unlink(path);
	}
	printf("ready %d %d\n", nfiles / 2, npipes);
	fflush(stdout);
	sigwait(&set, &sig);

	for (i = 0; i < nfiles; i += 2)
		bad += check_file(dir, i);
	for (i = 0; i < npipes; i++)
		bad += check(pipes[i][0], 1000000 + i);
	printf("verified %d\n", bad);
	fflush(stdout);
	return bad ? 1 : 0;
}
