#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Direct compactors at once: four processes fault THPs (defrag madvise)
# into a fragmented guest with 4 vCPUs while a manual compaction runs; each
# holds its huge pages until all are done.  Every byte of the faulting
# processes and of the fragmenter is verified, direct compaction must have
# run and formed blocks, and no page may stay isolated afterwards.  Needs
# the benchmark's initrd (thp_fault_bench).
. /tests/bench_lib.sh

thp=/sys/kernel/mm/transparent_hugepage
[ -x /bench/thp_fault_bench ] || { echo "needs the benchmark initrd"; exit 1; }
frag_start $(( $(free_mb) * 50 / 100 )) random 5 || exit 1
echo madvise > $thp/enabled
echo madvise > $thp/defrag
vmstat_snap /tmp/ct.v0
mb=$(( $(free_mb) - 192 ))
(echo 1 > /proc/sys/vm/compact_memory) &
manual=$!
st=0
thp_faulters 4 "$mb" /tmp/ct || st=1
wait $manual
vmstat_snap /tmp/ct.v1
echo never > $thp/enabled
awk '$1 == "thp" { f += $3; h += $5; b += $7 }
	END { print "4 processes: faults", f, "huge", h, "corrupted", b }' /tmp/ct.[0-9].out
stall=$(vmstat_change compact_stall /tmp/ct.v0 /tmp/ct.v1)
success=$(vmstat_change compact_success /tmp/ct.v0 /tmp/ct.v1)
echo 1 > /proc/sys/vm/stat_refresh 2>/dev/null
isolated=$(awk '$1 ~ /^nr_isolated_/ { s += $2 } END { print s }' /proc/vmstat)
echo "compact_stall +$stall, compact_success +$success; pages isolated after: $isolated"
frag_stop || st=1
[ $st = 0 ] || { echo "FAIL: corrupted bytes"; exit 1; }
[ "${stall:-0}" -gt 0 ] && [ "${success:-0}" -gt 0 ] ||
	{ echo "FAIL: no direct compaction formed a block"; exit 1; }
[ "$isolated" = 0 ] || { echo "FAIL: pages left isolated"; exit 1; }
