#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A THP fault whose region search finds no region it can empty falls back
# to the linear policy; that async run must not migrate pages out of
# pageblocks it cannot free (6.12's async direct runs give such a block up
# at the first page they fail to isolate).  Most of memory gets a pinned
# page in every 64 (io_uring fixed buffers), movable pages fill much of
# the rest of those blocks, then THP faults take the free pageblocks and
# compact.  An async linear run of a faulter (mm_compaction_plan
# policy=linear up to mm_compaction_end) migrates out of a block only if
# the block could be emptied when read; a run may still empty a block and
# go on to a second (a page that failed to migrate, a block taken by
# another task before the run saw it), so no run may migrate more than
# four pageblocks' worth, and the runs together at most a pageblock's
# worth each.  There must be such runs, or the check proves nothing.
# Unscreened, 18 such runs in one test moved more than a block each, one
# 85,625 pages.
. /tests/lib.sh

[ -x /bench/thp_fault_bench ] || { echo "needs the bench initrd (thp_fault_bench)"; exit 1; }
T=/sys/kernel/tracing
mount -t tracefs none $T 2>/dev/null
block=$(( $(awk '/^Hugepagesize:/ { print $2 }' /proc/meminfo) / 4 ))
: > /tmp/ls.h
: > /tmp/ls.over
compaction_fragment -m $(( $(free_mb) * 70 / 100 )) -p sparse -P -s 5 > /tmp/ls.h 2>&1 &
hog=$!
wait_ready $hog /tmp/ls.h || exit 1
echo "pinned hog: $(cat /tmp/ls.h) (pages mapped, kept and pinned)"
frag_start $(( $(free_mb) * 70 / 100 )) random 6 || exit 1

trace_compaction mm_compaction_plan mm_compaction_migratepages mm_compaction_end || exit 1
vmstat_snap /tmp/ls.before
echo 1 > $T/tracing_on
/bench/thp_fault_bench -m $(( $(free_mb) - 128 )) > /tmp/ls.thp 2>&1
rc=$?
echo 0 > $T/tracing_on
vmstat_snap /tmp/ls.after
echo 0 > $T/events/compaction/enable
echo "$(head -n 1 /tmp/ls.thp)"
vmstat_delta /tmp/ls.before /tmp/ls.after
set -- $(awk -v blk=$block '
	$1 ~ /^kcompactd/ { next }
	/mm_compaction_plan:/ { lin[$1] = / policy=linear /; mig[$1] = 0; next }
	/mm_compaction_migratepages:/ { if (lin[$1]) { m = $0
		sub(/.*nr_migrated=/, "", m); sub(/ .*/, "", m); mig[$1] += m }; next }
	/mm_compaction_end:/ { if (lin[$1] && / mode=async /) { n++
		sum += mig[$1]; if (mig[$1] > max) max = mig[$1]
		if (mig[$1] > blk) { over++; print $1, mig[$1] > "/tmp/ls.over" } }
		lin[$1] = 0 }
	END { print n + 0, max + 0, over + 0, sum + 0 }' $T/trace)
echo > $T/trace
echo "async linear runs of the faulters: $1, pages migrated: $4, most by one: $2, runs over $block: $3"
[ -s /tmp/ls.over ] && echo "runs over $block pages (task, pages): $(cat /tmp/ls.over)"
bad=0
[ $rc = 0 ] || { echo "thp_fault_bench failed: $(cat /tmp/ls.thp)"; bad=1; }
[ "$1" -gt 0 ] || { echo "no fault fell back to the linear policy: the check proves nothing"; bad=1; }
[ "$2" -le $((4 * block)) ] || { echo "a linear run migrated $2 pages, more than four pageblocks' worth: blocks it could not free"; bad=1; }
[ "$4" -le $(($1 * block)) ] || { echo "the linear runs migrated $4 pages, more than a pageblock's worth each: blocks they could not free"; bad=1; }
frag_stop || bad=1
kill -USR1 $hog
wait $hog || bad=1
echo "pinned hog: $(tail -n 1 /tmp/ls.h) (kept, corrupted, moved, off the node)"
exit $bad
