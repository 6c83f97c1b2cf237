#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Benchmark: THP faults in a MADV_HUGEPAGE region of a fragmented guest
# (direct compaction, defrag "madvise").
. /tests/bench_lib.sh

thp=/sys/kernel/mm/transparent_hugepage
bench_setup && bench_fragment || exit 1
echo madvise > $thp/enabled
echo madvise > $thp/defrag
survey before
vmstat_snap /tmp/v0
# most of free memory: more faults than there are free pageblocks
thp_fault_bench -m "$(ct_param thpmb $(($(free_mb) - 192)))" > /tmp/thp.out
rc=$?
vmstat_snap /tmp/v1
head -n 1 /tmp/thp.out
set -- $(head -n 1 /tmp/thp.out)
echo "CT-BENCH thp faults=$3 huge=$5 bad=$7" $(bench_deltas /tmp/v0 /tmp/v1)
sed -n 's/^lat_ns/CT-BENCH-LAT thp/p' /tmp/thp.out
bench_release && [ $rc = 0 ]
