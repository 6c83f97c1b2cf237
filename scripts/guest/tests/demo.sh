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
