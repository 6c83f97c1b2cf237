#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Benchmark: THP faults in a MADV_HUGEPAGE region of a fragmented guest
# (direct compaction, defrag "madvise").  With ct.thpkb=64, 64 KiB mTHP
# faults (order 4) instead, only that size enabled: direct compaction
# below a pageblock; the result is reported as workload "mthp".  With
# ct.procs=N, N processes fault at once, each 1/N of the memory; with
# ct.threads=N, N threads of each process (one mm) share its part.  With
# ct.spin=N, N shell loops spin while the faults run: what busy vCPUs
# alone add to a fault's latency on the guest clock (bench/README.md).
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
# most of free memory: more faults than there are free pageblocks, taken
# by ct.procs processes at once (1 by default), each its share
procs=$(ct_param procs 1)
threads=$(ct_param threads 1)
mb=$(ct_param thpmb $(($(free_mb) - 192)))
spinners=""
for i in $(seq "$(ct_param spin 0)"); do
	(while :; do :; done) &
	spinners="$spinners $!"
done
trace_start
prof_mark
t0=$(now_us)
# each holds its huge pages until all have faulted theirs
rc=0
thp_faulters "$procs" "$mb" /tmp/thp -k "$kb" -t "$threads" || rc=1
t1=$THP_FAULTED_US
[ -z "$spinners" ] || kill $spinners
prof_mark
vmstat_snap /tmp/v1
trace_long_runs
[ $wl = mthp ] && echo never > $thp/hugepages-${kb}kB/enabled
cat /tmp/thp.[0-9]*.out > /tmp/thp.out
# one summary line: the processes' counts summed
set -- $(awk '$1 == "thp" { f += $3; h += $5; b += $7 }
	END { print "thp faults", f, "huge", h, "bad", b }' /tmp/thp.out)
echo "$* (procs $procs, threads $threads, $(( (t1 - t0) / 1000 )) ms)"
echo "CT-BENCH $wl faults=$3 huge=$5 bad=$7 procs=$procs threads=$threads" \
	"wall_ms=$(( (t1 - t0) / 1000 ))" $(bench_deltas /tmp/v0 /tmp/v1)
sed -n "s/^lat_ns/CT-BENCH-LAT $wl/p" /tmp/thp.out
bench_release && [ $rc = 0 ]
