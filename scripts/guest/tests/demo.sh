#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The compaction demo (`make run`): Gorman's before/after from the seeds,
# live.  Fragment memory, compact through /proc/sys/vm/compact_memory,
# show /proc/buddyinfo at each step and the counters that moved.
. /tests/lib.sh
mb=$(ct_param mb $(( $(free_mb) / 2 )))
pattern=$(ct_param pattern random)

echo "--- /proc/buddyinfo at boot"
cat /proc/buddyinfo
frag_start "$mb" "$pattern" 1 || exit 1
echo "--- /proc/buddyinfo after fragmenting $mb MiB ($pattern)"
cat /proc/buddyinfo
before=$(free_blocks)
vmstat_snap /tmp/vm.before
t0=$(cut -d' ' -f1 /proc/uptime)
echo 1 > /proc/sys/vm/compact_memory
t1=$(cut -d' ' -f1 /proc/uptime)
vmstat_snap /tmp/vm.after
after=$(free_blocks)
echo "--- /proc/buddyinfo after echo 1 > /proc/sys/vm/compact_memory"
cat /proc/buddyinfo
echo "--- /proc/vmstat deltas"
vmstat_delta /tmp/vm.before /tmp/vm.after
echo "--- free pageblocks (order >= 9): $before -> $after, compact_memory took $(echo "$t1 $t0" | awk '{ printf "%.2f", $1 - $2 }') s (guest clock)"
frag_stop || exit 1
[ "$after" -gt "$before" ] || { echo "compaction produced no free pageblock"; exit 1; }

# Direct compaction: huge pages wanted after fragmentation.  The allocator
# stalls in try_to_compact_pages() (compact_stall) for each one that is
# not free already.
echo
echo "=== direct compaction: nr_hugepages after fragmenting again"
frag_start "$mb" alternate 2 || exit 1
want=$(( $(free_blocks) + 64 ))
echo "--- free pageblocks before: $(free_blocks); asking for $want huge pages"
vmstat_snap /tmp/vm.before
echo "$want" > /proc/sys/vm/nr_hugepages
got=$(cat /proc/sys/vm/nr_hugepages)
vmstat_snap /tmp/vm.after
echo "--- huge pages obtained: $got of $want"
vmstat_delta /tmp/vm.before /tmp/vm.after
echo 0 > /proc/sys/vm/nr_hugepages
frag_stop || exit 1
[ "$got" -gt $((want - 64)) ] || { echo "direct compaction formed no huge page"; exit 1; }

# kcompactd, proactive: with compaction_proactiveness=90 it compacts in the
# background until the fragmentation score (unusable free index at
# pageblock order, 0-100) is at most 10 in every zone.
echo
echo "=== kcompactd: proactive compaction after fragmenting again"
frag_start "$mb" alternate 3 || exit 1
score() {
	awk '/DMA32|Normal/ { print int($(NF - 1) * 100) }' \
		/sys/kernel/debug/extfrag/unusable_index
}
echo "--- fragmentation score (DMA32) before: $(score)"
cat /proc/buddyinfo
vmstat_snap /tmp/vm.before
echo 90 > /proc/sys/vm/compaction_proactiveness
sleep 5
echo 0 > /proc/sys/vm/compaction_proactiveness
vmstat_snap /tmp/vm.after
echo "--- fragmentation score (DMA32) after 5 s: $(score)"
cat /proc/buddyinfo
vmstat_delta /tmp/vm.before /tmp/vm.after
frag_stop || exit 1
