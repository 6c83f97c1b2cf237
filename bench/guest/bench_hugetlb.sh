#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Benchmark: allocate as many 2 MiB hugetlb pages as a fragmented guest
# allows through /proc/sys/vm/nr_hugepages.
. /tests/bench_lib.sh

bench_setup && bench_fragment || exit 1
survey before
vmstat_snap /tmp/v0
t0=$(now_us)
echo "$(ct_param hpages 1024)" > /proc/sys/vm/nr_hugepages
t1=$(now_us)
vmstat_snap /tmp/v1
got=$(cat /proc/sys/vm/nr_hugepages)
echo "CT-BENCH hugetlb got=$got us=$((t1 - t0))" $(bench_deltas /tmp/v0 /tmp/v1)
echo 0 > /proc/sys/vm/nr_hugepages
bench_release
