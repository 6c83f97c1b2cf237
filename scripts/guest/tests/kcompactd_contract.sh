#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# What kswapd and PSI users get from compaction, as from stock 6.12:
# - a kcompactd run that forms nothing drains the per-CPU free lists
#   (drain_all_pages(), seen with a kprobe) and then defers the zone, and
#   while the zone is deferred a wake runs no compaction: wakeup_kswapd()
#   wakes kcompactd at every failing fault of a hopeless node and relies
#   on that deferral to rate-limit it;
# - kcompactd's woken runs count as memory stall (PSI): kcompactd0 is
#   moved into a cgroup of its own, so kswapd's reclaim, which also counts,
#   stays out of that cgroup's memory.pressure;
# - direct compaction counts as the faulting task's memory stall.
# The runs fail because every page the fragmenter keeps is mlocked and
# compact_unevictable_allowed is 0, and the faults that get no huge page
# (defrag "defer") wake kswapd, which finds nothing to reclaim.
. /tests/lib.sh

T=/sys/kernel/tracing
CG=/sys/fs/cgroup
TH=/sys/kernel/mm/transparent_hugepage
mount -t tracefs none $T 2>/dev/null
grep -q " $CG cgroup2 " /proc/mounts || mount -t cgroup2 none $CG || exit 1
st=0
fail() { echo "FAIL: $*"; st=1; }

kcd=$(ps -o pid,comm | awk '$2 == "[kcompactd0]" || $2 == "kcompactd0" { print $1 }')
[ -n "$kcd" ] || { echo "FAIL: no kcompactd0"; exit 1; }
saved="$(cat /proc/sys/vm/compact_unevictable_allowed) $(cat /proc/sys/vm/compaction_proactiveness) $(cat $TH/enabled | sed 's/.*\[\(.*\)\].*/\1/') $(cat $TH/defrag | sed 's/.*\[\(.*\)\].*/\1/')"
cleanup() {
	set -- $saved
	echo "$1" > /proc/sys/vm/compact_unevictable_allowed
	echo "$2" > /proc/sys/vm/compaction_proactiveness
	echo "$3" > $TH/enabled
	echo "$4" > $TH/defrag
	echo 0 > $T/tracing_on
	for e in $T/events/ct/drain $T/events/compaction/*; do
		[ -f "$e/enable" ] && echo 0 > "$e/enable" && echo 0 > "$e/filter"
	done
	echo '-:ct/drain' >> $T/kprobe_events 2>/dev/null
	echo > $T/trace
	echo "$kcd" > $CG/cgroup.procs
	echo $$ > $CG/cgroup.procs
	rmdir $CG/ct-kcompactd $CG/ct-direct 2>/dev/null
}
trap cleanup EXIT

# psi_some CGROUP: total microseconds some task of CGROUP stalled on memory
psi_some() {
	sed -n 's/^some .*total=\([0-9]*\)$/\1/p' "$1/memory.pressure"
}
# allocstall: direct reclaim entries, all zones
allocstall() {
	awk '/^allocstall_/ { n += $2 } END { print n + 0 }' /proc/vmstat
}
# thp_hold MIB: fault MIB of THP-sized pages and hold them (thp_fault_bench
# -w) until thp_release
thp_hold() {
	rm -f /tmp/kc.go
	: > /tmp/kc.thp
	/bench/thp_fault_bench -m "$1" -w /tmp/kc.go > /tmp/kc.thp 2>&1 &
	THP_PID=$!
	wait_ready $THP_PID /tmp/kc.thp faulted
}
thp_release() {
	touch /tmp/kc.go
	wait $THP_PID || { echo "THP faulter: $(head -n 1 /tmp/kc.thp)"; return 1; }
	echo "THP faulter: $(head -n 1 /tmp/kc.thp)"
}

mkdir -p $CG/ct-kcompactd $CG/ct-direct || exit 1
echo "$kcd" > $CG/ct-kcompactd/cgroup.procs ||
	{ echo "FAIL: kcompactd0 cannot join a cgroup"; exit 1; }

# --- direct compaction: the faulting task's stall ---
echo $$ > $CG/ct-direct/cgroup.procs || exit 1
echo 0 > /proc/sys/vm/compaction_proactiveness
echo madvise > $TH/enabled
echo madvise > $TH/defrag
frag_start $(( $(free_mb) * 50 / 100 )) random 21 || exit 1
vmstat_snap /tmp/kc.v0
a0=$(allocstall) p0=$(psi_some $CG/ct-direct)
thp_hold $(( ($(free_blocks) + 32) * 2 )) || exit 1
a1=$(allocstall) p1=$(psi_some $CG/ct-direct)
vmstat_snap /tmp/kc.v1
thp_release || st=1
frag_stop || st=1
stall=$(vmstat_change compact_stall /tmp/kc.v0 /tmp/kc.v1)
reclaim=$(( a1 - a0 ))
echo "direct: compact_stall +$stall, allocstall +$reclaim; ct-direct memory.pressure some total $p0 -> $p1 us"
[ "$stall" -gt 0 ] || fail "no direct compaction: the check below proves nothing"
# direct reclaim is a memory stall too: without it, the stall is compaction's
[ "$reclaim" = 0 ] || fail "the faults also reclaimed: the stall cannot be told apart"
[ "$p1" -gt "$p0" ] || fail "direct compaction was not accounted as the task's memory stall"
echo $$ > $CG/cgroup.procs

# --- kcompactd: a failed run drains and defers; its runs are stalls ---
echo 0 > /proc/sys/vm/compact_unevictable_allowed
echo defer > $TH/defrag
frag_start $(( $(free_mb) * 50 / 100 )) random 22 -l || exit 1
echo 'p:ct/drain drain_all_pages' >> $T/kprobe_events || exit 1
echo 0 > $T/tracing_on
echo 8192 > $T/buffer_size_kb
echo > $T/trace
for e in ct/drain compaction/mm_compaction_kcompactd_wake \
	 compaction/mm_compaction_end compaction/mm_compaction_defer_compaction \
	 compaction/mm_compaction_deferred; do
	echo "common_pid == $kcd" > $T/events/$e/filter
	echo 1 > $T/events/$e/enable
done
vmstat_snap /tmp/kc.v2
p2=$(psi_some $CG/ct-kcompactd)
echo 1 > $T/tracing_on
# faults beyond the free blocks fall back and wake kswapd; a second round
# wakes kcompactd again while the zone is deferred
thp_hold $(( ($(free_blocks) + 16) * 2 )) || exit 1
sleep 2
/bench/thp_fault_bench -m 64 > /tmp/kc.thp2 2>&1 || fail "second THP faulter: $(head -n 1 /tmp/kc.thp2)"
sleep 2
echo 0 > $T/tracing_on
p3=$(psi_some $CG/ct-kcompactd)
vmstat_snap /tmp/kc.v3
thp_release || st=1
frag_stop || st=1
[ "$FRAG_MOVED" = 0 ] || fail "$FRAG_MOVED mlocked pages moved with compact_unevictable_allowed=0"
grep -v '^#' $T/trace > /tmp/kc.trace
wake=$(vmstat_change compact_daemon_wake /tmp/kc.v2 /tmp/kc.v3)
# per failed run: is the next event of kcompactd a drain, then a defer?
awk '
	/ mm_compaction_kcompactd_wake:/ { wakes++ }
	/ mm_compaction_deferred:/ { deferred++ }
	/ mm_compaction_end:/ {
		runs++
		# what stock drains and defers on
		failed = $0 ~ /status=(complete|partial_skipped)/
		if (failed) nfail++
		next
	}
	/ drain:/ { if (failed == 1) { failed = 2; drained++ }; next }
	/ mm_compaction_defer_compaction:/ { defers++; if (failed == 2) ordered++; failed = 0; next }
	{ failed = 0 }
	END {
		printf "kcompactd: %d wakes traced, %d runs (%d complete or partial_skipped), %d drains after them, %d defers, %d in that order; %d wakes found the zone deferred\n",
			wakes, runs, nfail, drained, defers, ordered, deferred
		if (!nfail) exit 1
		if (ordered < nfail) exit 2
		if (!deferred) exit 3
	}' /tmp/kc.trace
case $? in
0) ;;
1) fail "no kcompactd run failed: the checks prove nothing (compact_daemon_wake +$wake)" ;;
2) fail "a failed kcompactd run was not followed by drain_all_pages() and a deferral" ;;
*) fail "no kcompactd wake found the zone deferred: failed runs do not rate-limit the next" ;;
esac
echo "kcompactd: compact_daemon_wake +$wake; ct-kcompactd memory.pressure some total $p2 -> $p3 us"
[ "$p3" -gt "$p2" ] || fail "kcompactd's runs were not accounted as memory stall"
[ $st = 0 ] || head -n 40 /tmp/kc.trace
exit $st
