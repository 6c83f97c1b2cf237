#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Benchmark: 64 KiB mTHP faults (order 4) in a MADV_HUGEPAGE region of a
# fragmented guest: direct compaction below a pageblock (defrag "madvise").
. /tests/bench_lib.sh

thp=/sys/kernel/mm/transparent_hugepage
bench_setup && bench_fragment || exit 1
[ -d $thp/hugepages-64kB ] || { echo "no 64 KiB mTHP"; exit 1; }
echo madvise > $thp/enabled
echo never > $thp/hugepages-2048kB/enabled
echo madvise > $thp/hugepages-64kB/enabled
echo madvise > $thp/defrag
survey before
vmstat_snap /tmp/v0
thp_fault_bench -k 64 -m "$(ct_param thpmb $(($(free_mb) - 192)))" > /tmp/thp.out
rc=$?
vmstat_snap /tmp/v1
echo never > $thp/hugepages-64kB/enabled
head -n 1 /tmp/thp.out
set -- $(head -n 1 /tmp/thp.out)
echo "CT-BENCH mthp faults=$3 huge=$5 bad=$7" $(bench_deltas /tmp/v0 /tmp/v1)
sed -n 's/^lat_ns/CT-BENCH-LAT mthp/p' /tmp/thp.out
bench_release && [ $rc = 0 ]
