#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Everything at once, for ct.soak_s seconds of guest time (default 240):
# proactive compaction on, manual compaction every second, two fragmenters
# re-made in turn (each verifies every byte it kept), four THP faulters
# (bench initrd: thp_fault_bench verifies its pages too), THP defrag
# switched every 5 s between "madvise" (the faulters compact directly)
# and "defer" (their faults wake kswapd, and so kcompactd, for a huge
# page), a hog of pinned pages scattered over half of memory, a hugetlb
# pool that every 5 s takes every whole free pageblock for 2 s (so that
# THP faults find none and must compact), and every 10 s a manual
# compaction writer killed with SIGKILL mid-run.  Then: every trigger ran
# (compact_stall, compact_daemon_wake, writers killed), no corrupted
# byte, nothing left isolated (init checks), no splat (the host checks
# the log).
# With stress-ng in the initramfs (make soak and make variants put it
# there), its vm stressors with --verify run too.
. /tests/lib.sh

secs=$(ct_param soak_s 240)
# Budgets, fixed at the start (there is no swap).  Each fragmenter and
# THP faulter mb, each stress-ng worker mb / 2: at most 7 * mb = 44% of
# what was free, all at their peak at once.  The hog maps 55% before the
# others start and pins one page in 64 of it long term: no compaction can
# make whole pageblocks of its holes, 54% of memory that order-0
# allocations can take and huge pages cannot.  So the hugetlb hold may
# take every whole free pageblock there is, whatever the others are doing:
# were they all at their peak, the hog's holes would still leave 10% free.
# (Without a hold, 240 s runs always left whole free pageblocks, from the
# faulters' last rounds and from manual and proactive compaction, and no
# THP fault compacted, on stock as on ours.  A hold bounded by budgets
# that fit in memory without the hog's holes never took them all; a hog
# re-made at 60% or 70% of what was free met the OOM killer.)
free0=$(free_mb)
mb=$(( free0 / 16 ))
command -v stress-ng >/dev/null && stress_mb=$((mb / 2)) || stress_mb=0
hog_mb=$(( free0 * 55 / 100 ))
echo "soak: $free0 MiB free: fragmenters 2 x $mb, THP faulters 4 x $mb, stress-ng 2 x $stress_mb, pinned hog $hog_mb MiB"
now() { cut -d. -f1 /proc/uptime; }
bad=0
echo 60 > /proc/sys/vm/compaction_proactiveness
echo always > /sys/kernel/mm/transparent_hugepage/enabled
echo madvise > /sys/kernel/mm/transparent_hugepage/defrag

# frag_loop N: re-fragment and verify, until the end
frag_loop() {
	i=0
	while [ "$(now)" -lt $end ]; do
		i=$((i + 1))
		: > /tmp/soak.f$1
		compaction_fragment -m $mb -p random -s $(($1 * 1000 + i)) > /tmp/soak.f$1 2>&1 &
		p=$!
		wait_ready $p /tmp/soak.f$1 || { echo "fragmenter $1: $(cat /tmp/soak.f$1)"; return 1; }
		sleep 3
		kill -USR1 $p
		wait $p || { echo "fragmenter $1 round $i: $(tail -n 1 /tmp/soak.f$1)"; return 1; }
	done
	echo "fragmenter $1: $i rounds verified"
}
thp_loop() {
	i=0
	while [ "$(now)" -lt $end ]; do
		i=$((i + 1))
		/bench/thp_fault_bench -m $mb > /tmp/soak.t$1 2>&1 ||
			{ echo "THP faulter $1: $(head -n 1 /tmp/soak.t$1)"; return 1; }
	done
	echo "THP faulter $1: $i rounds, last: $(head -n 1 /tmp/soak.t$1)"
}
# hold_loop: every 5 s, for 2 s, take into the hugetlb pool every whole
# free pageblock there is, again every half second (the faulters free
# theirs at the end of each round, compaction makes more); meanwhile THP
# faults find none, and compact directly (defrag madvise) or wake kswapd
# and kcompactd (defer)
hold_loop() {
	n=0 most=0
	while [ "$(now)" -lt $end ]; do
		for t in 1 2 3 4; do
			h=$(( $(cat /proc/sys/vm/nr_hugepages) + $(free_blocks) ))
			echo $h > /proc/sys/vm/nr_hugepages
			sleep 0.5
		done
		h=$(cat /proc/sys/vm/nr_hugepages)
		[ $h -le $most ] || most=$h
		echo 0 > /proc/sys/vm/nr_hugepages
		n=$((n + 1))
		sleep 3
	done
	echo "hugetlb hold: $n holds, at most $most huge pages"
}
defrag_loop() {
	d=madvise
	while [ "$(now)" -lt $end ]; do
		echo $d > /sys/kernel/mm/transparent_hugepage/defrag
		[ $d = madvise ] && d=defer || d=madvise
		sleep 5
	done
	echo madvise > /sys/kernel/mm/transparent_hugepage/defrag
}
manual_loop() {
	n=0 k=0
	while [ "$(now)" -lt $end ]; do
		echo 1 > /proc/sys/vm/compact_memory
		n=$((n + 1))
		if [ $((n % 10)) = 0 ]; then
			sh -c 'echo 1 > /proc/sys/vm/compact_memory' &
			w=$!
			sleep 0.05
			kill -9 $w 2>/dev/null && k=$((k + 1))
			wait $w 2>/dev/null
		fi
		sleep 1
	done
	echo "manual compaction: $n runs, $k writers killed"
	[ $k -gt 0 ] || { echo "no compaction writer was killed mid-run"; return 1; }
}

[ -x /bench/thp_fault_bench ] || { echo "needs the bench initrd (thp_fault_bench)"; exit 1; }
: > /tmp/soak.h
compaction_fragment -m $hog_mb -p sparse -P -s 99 > /tmp/soak.h 2>&1 &
hog=$!
wait_ready $hog /tmp/soak.h || { echo "hog: $(cat /tmp/soak.h)"; exit 1; }
echo "hog: $(cat /tmp/soak.h) (pages mapped, kept and pinned)"
end=$(( $(now) + secs ))
vmstat_snap /tmp/soak.before
pids=
frag_loop 1 & pids="$pids $!"
frag_loop 2 & pids="$pids $!"
for t in 1 2 3 4; do thp_loop $t & pids="$pids $!"; done
hold_loop & pids="$pids $!"
defrag_loop & pids="$pids $!"
manual_loop & pids="$pids $!"
if command -v stress-ng >/dev/null; then
	stress-ng --vm 2 --vm-bytes ${stress_mb}M --verify --timeout ${secs}s \
		--metrics-brief > /tmp/soak.s 2>&1 & pids="$pids $!"
fi
for p in $pids; do wait $p || bad=1; done
kill -USR1 $hog
wait $hog || bad=1
echo "hog: $(tail -n 1 /tmp/soak.h) (kept, corrupted, moved, off the node)"
moved=$(awk '$1 == "verified" { print $5 }' /tmp/soak.h)
[ "$moved" = 0 ] || { echo "hog: ${moved:-?} pinned pages moved"; bad=1; }
[ -f /tmp/soak.s ] && tail -n 3 /tmp/soak.s
vmstat_snap /tmp/soak.after
vmstat_delta /tmp/soak.before /tmp/soak.after
echo 0 > /proc/sys/vm/compaction_proactiveness
for c in compact_stall compact_daemon_wake; do
	[ "$(vmstat_change $c /tmp/soak.before /tmp/soak.after)" -gt 0 ] ||
		{ echo "$c did not move: that trigger never ran"; bad=1; }
done
exit $bad
