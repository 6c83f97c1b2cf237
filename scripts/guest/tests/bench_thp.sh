#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Benchmark: THP faults in a MADV_HUGEPAGE region of a fragmented guest
# (direct compaction, defrag "madvise").  With ct.thpkb=64, 64 KiB mTHP
# faults (order 4) instead, only that size enabled: direct compaction
# below a pageblock; the result is reported as workload "mthp".
. /tests/bench_lib.sh

thp=/sys/kernel/mm/transparent_hugepage
kb=$(ct_param thpkb 2048)
wl=thp
[ "$kb" = 2048 ] || wl=mthp
bench_setup && bench_fragment || exit 1
if [ $wl = mthp ]; then
	[ -d $thp/hugepages-${kb}kB ] || { echo "no $kb KiB mTHP"; exit 1; }
fi
echo madvise > $thp/enabled
if [ $wl = mthp ]; then
	echo never > $thp/hugepages-2048kB/enabled
	echo madvise > $thp/hugepages-${kb}kB/enabled
fi
echo madvise > $thp/defrag
survey before
vmstat_snap /tmp/v0
# most of free memory: more faults than there are free pageblocks
thp_fault_bench -k "$kb" -m "$(ct_param thpmb $(($(free_mb) - 192)))" > /tmp/thp.out
rc=$?
vmstat_snap /tmp/v1
[ $wl = mthp ] && echo never > $thp/hugepages-${kb}kB/enabled
head -n 1 /tmp/thp.out
set -- $(head -n 1 /tmp/thp.out)
echo "CT-BENCH $wl faults=$3 huge=$5 bad=$7" $(bench_deltas /tmp/v0 /tmp/v1)
sed -n "s/^lat_ns/CT-BENCH-LAT $wl/p" /tmp/thp.out
bench_release && [ $rc = 0 ]
