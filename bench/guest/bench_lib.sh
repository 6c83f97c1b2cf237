# SPDX-License-Identifier: GPL-2.0
# Helpers for the benchmark's guest scripts (bench_*.sh); sourced by bash.
# Results are lines the host parses (scripts/bench-report.py):
#   CT-BENCH <workload> key=value ...
#   === CT-SURVEY-BEGIN <tag> ... === CT-SURVEY-END <tag>
. /tests/lib.sh
export PATH=$PATH:/bench

# Counters whose change a workload reports; the same on both kernels.
BENCH_COUNTERS="pgmigrate_success pgmigrate_fail compact_migrate_scanned
compact_free_scanned compact_isolated compact_stall compact_success
compact_fail compact_daemon_wake compact_daemon_migrate_scanned
compact_daemon_free_scanned compact_survey_scanned thp_fault_alloc
thp_fault_fallback"

now_us() {
	echo "${EPOCHREALTIME/./}"
}

# thp_faulters N MB PREFIX [OPTIONS]: N thp_fault_bench processes (with
# OPTIONS) fault MB MiB between them at once, each holding its huge pages
# until all have faulted theirs; their output is PREFIX.<i>.out, their
# messages PREFIX.err.  THP_FAULTED_US is the time all had faulted (or one
# died).  Fails if one failed.  It blocks on a FIFO that the faulters'
# messages go to, and polls nothing: a poll every 100 ms (a fork and exec
# of cat and grep each time) delayed migrations in the faulters'
# compaction by 2-3 ms, and made the benchmark's worst THP faults.
thp_faulters() {
	local n=$1 mb=$2 pre=$3 i p pids= rc=0 k=0 line
	shift 3
	rm -f "$pre.hold" "$pre.fifo" "$pre.err"
	mkfifo "$pre.fifo" || return 1
	for i in $(seq 1 "$n"); do
		# "exited R" follows its messages
		( thp_fault_bench "$@" -m $((mb / n)) -w "$pre.hold" \
			> "$pre.$i.out" 2>&3
		  r=$?; echo "exited $r" >&3; exit $r ) 3> "$pre.fifo" &
		pids="$pids $!"
	done
	exec 4< "$pre.fifo"
	while [ $k -lt "$n" ] && read -r line <&4; do
		echo "$line" >> "$pre.err"
		case $line in
		faulted) k=$((k + 1)) ;;
		exited*) cat "$pre.err"; break ;;
		esac
	done
	THP_FAULTED_US=$(now_us)
	# ct.survey_held=1: the survey while the faulters hold their pages
	[ "$(ct_param survey_held 0)" = 0 ] || survey held
	: > "$pre.hold"
	for p in $pids; do wait "$p" || rc=1; done
	cat <&4 >> "$pre.err"
	exec 4<&-
	rm -f "$pre.fifo"
	return $rc
}

bench_setup() {
	insmod /bench/pageblock_survey.ko || return 1
	mkdir -p /tmp/mix && mount -t tmpfs mix /tmp/mix
}

# survey TAG: dump the per-pageblock survey between markers
survey() {
	echo "=== CT-SURVEY-BEGIN $1"
	cat /sys/kernel/debug/pageblock_survey
	echo "=== CT-SURVEY-END $1"
}

# bench_deltas BEFORE AFTER: name=change for every benchmark counter
bench_deltas() {
	local c v
	for c in $BENCH_COUNTERS; do
		# a counter the kernel lacks (stock has no survey) did not move
		v=$(vmstat_change "$c" "$1" "$2")
		echo "$c=${v:-0}"
	done
}

# bench_fragment: page cache and pipes (bench_mix), then the fragmenter
# with ct.pattern/ct.seed/ct.mb
bench_fragment() {
	: > /tmp/mix.out
	bench_mix -d /tmp/mix -f "$(ct_param mixmb 64)" -u 4 > /tmp/mix.out 2>&1 &
	MIX_PID=$!
	wait_ready $MIX_PID /tmp/mix.out || return 1
	echo "bench_mix: $(cat /tmp/mix.out) (files, pipes)"
	frag_start "$(ct_param mb 1024)" "$(ct_param pattern random)" \
		"$(ct_param seed 1)"
}

# bench_release: both holders verify every byte they kept
bench_release() {
	local rc=0
	frag_stop || rc=1
	kill -USR1 $MIX_PID
	wait $MIX_PID || rc=1
	echo "bench_mix: $(tail -n 1 /tmp/mix.out) (corrupted)"
	return $rc
}

# frag_score: node-wide share of free memory not in free pageblocks (%)
frag_score() {
	awk '{ for (o = 0; o + 5 <= NF; o++) {
		n = $(o + 5); p = 1; for (i = 0; i < o; i++) p *= 2
		all += n * p; if (o >= 9) big += n * p } }
	     END { if (all) printf "%d\n", (all - big) * 100 / all; else print 0 }' \
		/proc/buddyinfo
}

# kcompactd_ticks: user+system clock ticks kcompactd0 has used
kcompactd_ticks() {
	local d
	for d in /proc/[0-9]*; do
		if [ "$(cat "$d/comm" 2>/dev/null)" = kcompactd0 ]; then
			awk '{ print $14 + $15 }' "$d/stat"
			return
		fi
	done
	echo 0
}

# With ct.trace=1: record the compaction events while a workload runs, and
# print each compaction run that took longer than ct.trace_us (2000) on
# the guest clock: "CT-TRACE-RUN <us> <task-pid> <begin fields> -> <end
# status>".
# With ct.trace=2, also every direct compaction try, direct reclaim and
# compaction run, one "CT-TRACE" line each; with ct.trace=3, every
# compaction event too.  Either way, one line sums
# the runs: "CT-TRACE-SUM direct_runs=N direct_us=T daemon_runs=N
# daemon_us=T lost=N", direct runs being those of any task but
# kcompactd, lost the events the ring buffer overwrote (the sums are then
# short).
# With ct.trace_sleep=1 (and any ct.trace), also every time a faulting
# task (thp_fault_bench) blocks, with the kernel stack it blocked in:
# "CT-TRACE ... sched_switch ... prev_state=D" and the stack after it.
TRACE=/sys/kernel/tracing
# prof_mark: with ct.prof=1, a sync(2), which a TCG profiling plugin on the
# host takes as the mark to snapshot its counts (scripts/tcg-profile.sh)
prof_mark() {
	[ "$(ct_param prof 0)" = 0 ] || sync
}

trace_start() {
	[ "$(ct_param trace 0)" != 0 ] || return 0
	mount -t tracefs none $TRACE 2>/dev/null
	echo 16384 > $TRACE/buffer_size_kb
	echo 1 > $TRACE/events/compaction/mm_compaction_begin/enable
	echo 1 > $TRACE/events/compaction/mm_compaction_end/enable
	# ct.trace=3: every compaction event, and what trace=2 prints
	[ "$(ct_param trace 0)" = 3 ] && echo 1 > $TRACE/events/compaction/enable
	if [ "$(ct_param trace 0)" -ge 2 ]; then
		echo 1 > $TRACE/events/compaction/mm_compaction_try_to_compact_pages/enable
		echo 1 > $TRACE/events/compaction/mm_compaction_deferred/enable
		echo 1 > $TRACE/events/vmscan/mm_vmscan_direct_reclaim_begin/enable
		echo 1 > $TRACE/events/vmscan/mm_vmscan_direct_reclaim_end/enable
		# ours only: what each run planned
		[ ! -e $TRACE/events/compaction/mm_compaction_plan ] ||
			echo 1 > $TRACE/events/compaction/mm_compaction_plan/enable
	fi
	if [ "$(ct_param trace_sleep 0)" = 1 ]; then
		f='prev_comm == "thp_fault_bench" && prev_state != 0'
		echo "$f" > $TRACE/events/sched/sched_switch/filter
		echo "stacktrace if $f" > $TRACE/events/sched/sched_switch/trigger
		echo 1 > $TRACE/events/sched/sched_switch/enable
	fi
	echo 1 > $TRACE/tracing_on
}

trace_long_runs() {
	[ "$(ct_param trace 0)" != 0 ] || return 0
	echo 0 > $TRACE/tracing_on
	if [ "$(ct_param trace 0)" -ge 2 ] || [ "$(ct_param trace_sleep 0)" = 1 ]; then
		grep -v '^#' $TRACE/trace | sed 's/^/CT-TRACE /'
	fi
	awk -v min="$(ct_param trace_us 2000)" -v lost="$(cat $TRACE/per_cpu/cpu*/stats |
		awk '$1 == "overrun:" { s += $2 } END { print s + 0 }')" '
	/mm_compaction_begin:/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+\.[0-9]+:$/) t = $i
		sub(":", "", t); pid = $1; b[pid] = t; f[pid] = $0; sub(/.*mm_compaction_begin: /, "", f[pid]) }
	/mm_compaction_end:/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+\.[0-9]+:$/) t = $i
		sub(":", "", t); pid = $1; if (pid in b) { us = (t - b[pid]) * 1e6
		st = $0; sub(/.*status=/, "", st)
		if (us >= min) printf "CT-TRACE-RUN %d %s %s -> %s\n", us, pid, f[pid], st; delete b[pid]
		k = pid ~ /^kcompactd/ ? "daemon" : "direct"; n[k]++; sum[k] += us } }
	END { printf "CT-TRACE-SUM direct_runs=%d direct_us=%d daemon_runs=%d daemon_us=%d lost=%d\n",
		n["direct"], sum["direct"], n["daemon"], sum["daemon"], lost }
	' $TRACE/trace
}
