// SPDX-License-Identifier: GPL-2.0
/*
 * The user interface of compaction: bad input to the sysctls is refused
 * with an error and changes nothing, good input is taken, any write to
 * nodeN/compact compacts the node (its stable ABI), and an unprivileged
 * user cannot trigger compaction.
 *
 * Files: /proc/sys/vm/{compact_memory,compaction_proactiveness,
 * extfrag_threshold,compact_unevictable_allowed} and
 * /sys/devices/system/node/node0/compact, and the policy switch
 * /sys/module/compaction/parameters/policy where the kernel has it.
 * Compaction is observed through
 * compact_migrate_scanned in /proc/vmstat, which only compaction raises;
 * each test first fragments a little memory so that a compaction has work
 * to do whatever its policy, and assumes nothing else compacts meanwhile
 * (proactive compaction off).  Needs root.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../kselftest_harness.h"
#include "compaction_frag.h"

#define VM		"/proc/sys/vm/"
#define NODE0_COMPACT	"/sys/devices/system/node/node0/compact"
#define POLICY		"/sys/module/compaction/parameters/policy"

static const char * const bad_bool[] = { "0", "2", "-1", "abc", "1x" };
static const char * const bad_percent[] = { "101", "-1", "abc", "50x" };
static const char * const bad_permille[] = { "1001", "-1", "x", "0x" };
static const char * const bad_policy[] = { "lin", "costly", "1", "LINEAR" };

/* Write @val to @path and return the errno (0 if the write succeeded). */
static int write_errno(const char *path, const char *val)
{
	return -frag_write_file(path, val);
}

/* @path refuses every value of @bad with EINVAL and keeps its value. */
static int refuses(struct __test_metadata *_metadata, const char *path,
		   const char * const *bad, int nr_bad, int readable)
{
	char before[64] = "", after[64] = "";
	int i;

	if (readable)
		EXPECT_EQ(0, frag_read_file(path, before, sizeof(before)));
	for (i = 0; i < nr_bad; i++) {
		long scanned = frag_vmstat("compact_migrate_scanned");

		EXPECT_EQ(EINVAL, write_errno(path, bad[i]))
			TH_LOG("%s accepted \"%s\"", path, bad[i]);
		/* a refused write must not have compacted either */
		EXPECT_EQ(scanned, frag_vmstat("compact_migrate_scanned"))
			TH_LOG("%s compacted on \"%s\"", path, bad[i]);
	}
	if (readable) {
		EXPECT_EQ(0, frag_read_file(path, after, sizeof(after)));
		EXPECT_STREQ(before, after);
	}
	return 0;
}

FIXTURE(abi) {
	char saved[3][32];
	struct frag_region frag;
};

static const char * const tunables[] = {
	VM "compaction_proactiveness",
	VM "extfrag_threshold",
	VM "compact_unevictable_allowed",
};

FIXTURE_SETUP(abi)
{
	int i;

	if (geteuid())
		SKIP(return, "needs root");
	for (i = 0; i < 3; i++)
		ASSERT_EQ(0, frag_read_file(tunables[i], self->saved[i],
					    sizeof(self->saved[i])));
	ASSERT_EQ(0, frag_create(&self->frag, 32 << 20, FRAG_ALTERNATE, 1));
}

FIXTURE_TEARDOWN(abi)
{
	int i;

	for (i = 0; i < 3; i++)
		if (self->saved[i][0])
			frag_write_file(tunables[i], self->saved[i]);
	if (self->frag.base) {
		EXPECT_EQ(0, frag_verify(&self->frag));
		frag_destroy(&self->frag);
	}
}

/* An empty write changes nothing, whatever was written before. */
static void empty_write_is_noop(struct __test_metadata *_metadata,
				const char *path)
{
	long scanned;

	ASSERT_EQ(0, write_errno(path, "1"));
	scanned = frag_vmstat("compact_migrate_scanned");
	write_errno(path, "");
	ASSERT_EQ(scanned, frag_vmstat("compact_migrate_scanned"))
		TH_LOG("an empty write to %s compacted", path);
}

TEST_F(abi, compact_memory)
{
	long scanned = frag_vmstat("compact_migrate_scanned");

	refuses(_metadata, VM "compact_memory", bad_bool,
		ARRAY_SIZE(bad_bool), 0);
	empty_write_is_noop(_metadata, VM "compact_memory");
	ASSERT_EQ(0, write_errno(VM "compact_memory", "1"));
	ASSERT_LT(scanned, frag_vmstat("compact_migrate_scanned"));
}

TEST_F(abi, node_compact)
{
	long scanned = frag_vmstat("compact_migrate_scanned");

	if (access(NODE0_COMPACT, W_OK))
		SKIP(return, "no %s", NODE0_COMPACT);
	ASSERT_EQ(0, write_errno(NODE0_COMPACT, "1"));
	ASSERT_LT(scanned, frag_vmstat("compact_migrate_scanned"));
}

/*
 * Any write to nodeN/compact compacts the node, whatever it says, as
 * Documentation/ABI/stable/sysfs-devices-node promises and 6.12 does.
 * One value per test: each starts from freshly fragmented memory.
 */
static void node_compact_takes(struct __test_metadata *_metadata,
			       const char *val)
{
	long scanned = frag_vmstat("compact_migrate_scanned");

	if (access(NODE0_COMPACT, W_OK))
		SKIP(return, "no %s", NODE0_COMPACT);
	ASSERT_EQ(0, write_errno(NODE0_COMPACT, val))
		TH_LOG("%s refused \"%s\"", NODE0_COMPACT, val);
	ASSERT_LT(scanned, frag_vmstat("compact_migrate_scanned"))
		TH_LOG("%s did not compact on \"%s\"", NODE0_COMPACT, val);
}

TEST_F(abi, node_compact_zero)
{
	node_compact_takes(_metadata, "0");
}

TEST_F(abi, node_compact_text)
{
	node_compact_takes(_metadata, "abc");
}

TEST_F(abi, tunables)
{
	char buf[32];

	refuses(_metadata, tunables[0], bad_percent, ARRAY_SIZE(bad_percent), 1);
	refuses(_metadata, tunables[1], bad_permille,
		ARRAY_SIZE(bad_permille), 1);
	refuses(_metadata, tunables[2], bad_bool + 1,
		ARRAY_SIZE(bad_bool) - 1, 1);

	/* the ends of each range are taken */
	ASSERT_EQ(0, write_errno(tunables[0], "100"));
	ASSERT_EQ(0, frag_read_file(tunables[0], buf, sizeof(buf)));
	ASSERT_EQ(100, atoi(buf));
	ASSERT_EQ(0, write_errno(tunables[1], "1000"));
	ASSERT_EQ(0, write_errno(tunables[1], "0"));
	ASSERT_EQ(0, write_errno(tunables[2], "0"));
	ASSERT_EQ(0, frag_read_file(tunables[2], buf, sizeof(buf)));
	ASSERT_EQ(0, atoi(buf));
}

TEST_F(abi, policy)
{
	char saved[32], buf[32];

	if (access(POLICY, F_OK))
		SKIP(return, "no %s", POLICY);
	ASSERT_EQ(0, frag_read_file(POLICY, saved, sizeof(saved)));
	refuses(_metadata, POLICY, bad_policy, ARRAY_SIZE(bad_policy), 1);
	ASSERT_EQ(0, write_errno(POLICY, "linear"));
	ASSERT_EQ(0, frag_read_file(POLICY, buf, sizeof(buf)));
	ASSERT_EQ(0, strncmp(buf, "linear", 6));
	ASSERT_EQ(0, write_errno(POLICY, "cost"));
	ASSERT_EQ(0, frag_read_file(POLICY, buf, sizeof(buf)));
	ASSERT_EQ(0, strncmp(buf, "cost", 4));
	ASSERT_EQ(0, write_errno(POLICY, saved));
}

/* Run @fn as an unprivileged user in a child; return its exit status. */
static int as_nobody(int (*fn)(void))
{
	pid_t pid = fork();
	int status;

	if (!pid) {
		if (setgid(65534) || setuid(65534))
			_exit(100);
		_exit(fn());
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int nobody_compacts(void)
{
	int bad = 0;

	bad |= write_errno(VM "compact_memory", "1") != EACCES;
	if (!access(NODE0_COMPACT, F_OK))
		bad |= write_errno(NODE0_COMPACT, "1") != EACCES;
	bad |= write_errno(VM "extfrag_threshold", "0") != EACCES;
	if (!access(POLICY, F_OK))
		bad |= write_errno(POLICY, "linear") != EACCES;
	return bad;
}

TEST_F(abi, unprivileged)
{
	long scanned = frag_vmstat("compact_migrate_scanned");
	char before[32], after[32];

	ASSERT_EQ(0, frag_read_file(tunables[1], before, sizeof(before)));
	ASSERT_EQ(0, as_nobody(nobody_compacts));
	ASSERT_EQ(scanned, frag_vmstat("compact_migrate_scanned"));
	ASSERT_EQ(0, frag_read_file(tunables[1], after, sizeof(after)));
	ASSERT_STREQ(before, after);
}

TEST_HARNESS_MAIN
