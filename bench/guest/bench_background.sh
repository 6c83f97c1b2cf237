#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Benchmark: proactive compaction by kcompactd over a fixed time after
# fragmentation; fragmentation score and kcompactd's CPU time.
. /tests/bench_lib.sh

secs=$(ct_param secs 30)
bench_setup && bench_fragment || exit 1
survey before
vmstat_snap /tmp/v0
c0=$(kcompactd_ticks)
s0=$(frag_score)
b0=$(free_blocks)
echo "$(ct_param proactive 90)" > /proc/sys/vm/compaction_proactiveness
for t in $(seq 5 5 "$secs"); do
	sleep 5
	echo "CT-BENCH-SERIES background t=$t score=$(frag_score) blocks=$(free_blocks)"
done
echo 0 > /proc/sys/vm/compaction_proactiveness
c1=$(kcompactd_ticks)
vmstat_snap /tmp/v1
survey after
echo "CT-BENCH background secs=$secs score0=$s0 score1=$(frag_score)" \
	"blocks0=$b0 blocks1=$(free_blocks) kcompactd_ticks=$((c1 - c0))" \
	$(bench_deltas /tmp/v0 /tmp/v1)
bench_release
