#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The benchmark's yardstick, the pageblock survey module, agrees with the
# kernel's own counters on a fragmented guest: free pages per zone with
# NR_FREE_PAGES, whole free pageblocks with /proc/buddyinfo, movable pages
# with the LRU sizes in /proc/meminfo; every block adds up to its size.
. /tests/bench_lib.sh

bench_setup || exit 1
frag_start 256 random 7 || exit 1
echo 1 > /proc/sys/vm/stat_refresh
cat /sys/kernel/debug/pageblock_survey > /tmp/survey
blocks=$(free_blocks)
lru=$(awk '/^(Active|Inactive|Unevictable):/ { s += $2 } END { print s / 4 }' /proc/meminfo)
frag_stop || exit 1

awk -v blocks="$blocks" -v lru="$lru" '
function abs(x) { return x < 0 ? -x : x }
function zone_done() {
	if (name == "") return
	printf "zone %s: survey free %d, NR_FREE_PAGES %d\n", name, zfree, nrfree
	if (abs(zfree - nrfree) > nrfree / 100 + 256) bad = 1
}
$1 == "zone" { zone_done(); name = $3; pb = $6; nrfree = $7; zfree = 0 }
$1 == "b" {
	if ($3 + $4 + $5 != pb) { print "block " $2 " does not add up"; bad = 1 }
	zfree += $3; mov += $4
	if ($3 == pb) fb++
}
END {
	zone_done()
	printf "free pageblocks: survey %d, buddyinfo %d\n", fb, blocks
	printf "movable pages: survey %d, LRU %d\n", mov, lru
	if (abs(fb - blocks) > 2) bad = 1
	if (abs(mov - lru) > lru * 3 / 100 + 512) bad = 1
	if (name == "" || fb == 0 || mov == 0) bad = 1
	exit bad
}' /tmp/survey
