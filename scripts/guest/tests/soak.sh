#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Everything at once, for ct.soak_s seconds of guest time (default 240):
# proactive compaction on, manual compaction every second, two fragmenters
# re-made in turn (each verifies every byte it kept), four THP faulters
# (bench initrd: thp_fault_bench verifies its pages too), THP defrag
# switched every 5 s between "madvise" (the faulters compact directly)
# and "defer" (their faults wake kswapd, and so kcompactd, for a huge
# page), a memory hog, and every 10 s a manual
# compaction writer killed with SIGKILL mid-run.  Then: every trigger ran
# (compact_stall, compact_daemon_wake, writers killed), no corrupted
# byte, nothing left isolated (init checks), no splat (the host checks
# the log).
# With stress-ng in the initramfs (make variants), its vm stressors with
# --verify run too.
. /tests/lib.sh

secs=$(ct_param soak_s 240)
# Budgets, fixed at the start so that every loop at its peak at once
# fits in 85% of what was free (there is no swap): each fragmenter and
# THP faulter mb, each stress-ng worker mb / 2, the hog the rest.  A hog
# sized from what was free at each of its starts (60% or 70%) met the
# OOM killer when the others grew back during its fill.  With these
# budgets 240 s runs left enough whole free pageblocks that no THP fault
# compacted, on stock as on ours: the trigger checks below then fail.
free0=$(free_mb)
mb=$(( free0 / 16 ))
command -v stress-ng >/dev/null && stress_mb=$((mb / 2)) || stress_mb=0
hog_mb=$(( free0 * 85 / 100 - 2 * mb - 4 * mb - 2 * stress_mb ))
echo "soak: $free0 MiB free: fragmenters 2 x $mb, THP faulters 4 x $mb, stress-ng 2 x $stress_mb, hog $hog_mb MiB"
end=$(( $(cut -d. -f1 /proc/uptime) + secs ))
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
hog_loop() {
	while [ "$(now)" -lt $end ]; do
		: > /tmp/soak.h
		compaction_fragment -m $hog_mb -p sparse -s 99 > /tmp/soak.h 2>&1 &
		p=$!
		wait_ready $p /tmp/soak.h || { echo "hog: died before it was ready"; return 1; }
		kill -USR1 $p
		wait $p || { echo "hog: $(tail -n 1 /tmp/soak.h)"; return 1; }
		sleep 5
	done
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
vmstat_snap /tmp/soak.before
pids=
frag_loop 1 & pids="$pids $!"
frag_loop 2 & pids="$pids $!"
for t in 1 2 3 4; do thp_loop $t & pids="$pids $!"; done
hog_loop & pids="$pids $!"
defrag_loop & pids="$pids $!"
manual_loop & pids="$pids $!"
if command -v stress-ng >/dev/null; then
	stress-ng --vm 2 --vm-bytes ${stress_mb}M --verify --timeout ${secs}s \
		--metrics-brief > /tmp/soak.s 2>&1 & pids="$pids $!"
fi
for p in $pids; do wait $p || bad=1; done
[ -f /tmp/soak.s ] && tail -n 3 /tmp/soak.s
vmstat_snap /tmp/soak.after
vmstat_delta /tmp/soak.before /tmp/soak.after
echo 0 > /proc/sys/vm/compaction_proactiveness
for c in compact_stall compact_daemon_wake; do
	[ "$(vmstat_change $c /tmp/soak.before /tmp/soak.after)" -gt 0 ] ||
		{ echo "$c did not move: that trigger never ran"; bad=1; }
done
exit $bad
