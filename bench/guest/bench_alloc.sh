#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Benchmark: page allocation and freeing on an unfragmented guest, to show
# that compaction adds nothing to the allocator's paths.
. /tests/bench_lib.sh

insmod /bench/page_alloc_bench.ko || exit 1
vmstat_snap /tmp/v0
sed 's/^/CT-BENCH-ALLOC /' /sys/kernel/debug/page_alloc_bench > /tmp/alloc.out ||
	exit 1
vmstat_snap /tmp/v1
cat /tmp/alloc.out
[ -s /tmp/alloc.out ] || exit 1
! grep -q -- ' -[0-9]*$' /tmp/alloc.out || exit 1
echo "CT-BENCH alloc lines=$(wc -l < /tmp/alloc.out)" $(bench_deltas /tmp/v0 /tmp/v1)
