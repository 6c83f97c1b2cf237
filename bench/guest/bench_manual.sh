#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Benchmark: one write to compact_memory after fragmentation.
. /tests/bench_lib.sh

bench_setup && bench_fragment || exit 1
survey before
vmstat_snap /tmp/v0
prof_mark
t0=$(now_us)
echo 1 > /proc/sys/vm/compact_memory
t1=$(now_us)
prof_mark
vmstat_snap /tmp/v1
survey after
echo "CT-BENCH manual us=$((t1 - t0))" $(bench_deltas /tmp/v0 /tmp/v1)
bench_release
