#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Pages compaction must leave where they are, and pages it may move:
#  - mlocked pages with compact_unevictable_allowed=0 (the PREEMPT_RT
#    default): manual compaction moves none; and when they are what makes
#    the nearly empty blocks, direct compaction still gets huge pages from
#    the blocks it may empty (the occupancy picture must not plan the
#    mlocked blocks, which look cheapest);
#  - the same pages with compact_unevictable_allowed=1: compaction moves
#    some (so the first check can fail);
#  - pages pinned long term (io_uring fixed buffers, FOLL_LONGTERM): no
#    compaction moves one.
# Every kept byte is verified each time.
. /tests/lib.sh

uev=/proc/sys/vm/compact_unevictable_allowed
saved=$(cat $uev)
trap 'echo $saved > $uev' EXIT
mb=$(( $(free_mb) * 40 / 100 ))

# manual UNEVICTABLE_ALLOWED OPTS: fragment with OPTS, compact all memory,
# verify; leaves FRAG_MOVED
manual() {
	echo "$1" > $uev
	frag_start $mb halves 7 "$2" || return 1
	b0=$(free_blocks)
	echo 1 > /proc/sys/vm/compact_memory
	echo "compact_unevictable_allowed=$1, fragmenter $2: free pageblocks $b0 -> $(free_blocks)"
	frag_stop
}

manual 0 -l || exit 1
[ "$FRAG_MOVED" = 0 ] || { echo "$FRAG_MOVED mlocked pages moved although compact_unevictable_allowed=0"; exit 1; }
manual 1 -l || exit 1
[ "$FRAG_MOVED" -gt 0 ] || { echo "no mlocked page moved with compact_unevictable_allowed=1: the check above proves nothing"; exit 1; }
manual 1 -P || exit 1
[ "$FRAG_MOVED" = 0 ] || { echo "$FRAG_MOVED pinned pages moved"; exit 1; }

# Direct compaction: the nearly empty blocks hold only mlocked pages (-L)
# and may not be emptied; the nearly full ones can.  Ask for 32 huge pages
# more than there are free pageblocks.
echo 0 > $uev
frag_start $mb halves 9 -L || exit 1
b0=$(free_blocks)
want=$(( b0 + 32 ))
vmstat_snap /tmp/pm.before
echo $want > /proc/sys/vm/nr_hugepages
got=$(cat /proc/sys/vm/nr_hugepages)
vmstat_snap /tmp/pm.after
echo 0 > /proc/sys/vm/nr_hugepages
frag_stop || exit 1
stall=$(vmstat_change compact_stall /tmp/pm.before /tmp/pm.after)
fail=$(vmstat_change compact_fail /tmp/pm.before /tmp/pm.after)
echo "nr_hugepages: $got of $want with $b0 free pageblocks (compact_stall +$stall, compact_fail +$fail); kept pages moved: $FRAG_MOVED"
[ "$got" -ge $(( want - 2 )) ] ||
	{ echo "direct compaction got too few huge pages: were the mlocked blocks planned?"; exit 1; }
