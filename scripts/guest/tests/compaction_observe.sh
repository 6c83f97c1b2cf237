#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# What an operator sees of compaction, checked against what it did:
# - the picture in debugfs (/sys/kernel/debug/compaction/nodeN/ZONE): one
#   line per pageblock, free pages matching the zone's, a plan whose
#   sources fit in its targets;
# - the mm_compaction_plan event beside begin and end: one plan, one begin
#   and one end per run, and as many runs as the compact_run_* counters
#   count;
# - the counters: a manual run takes the cost policy, planned sources
#   bound the sources done, direct runs take regions;
# - a latency histogram of compaction runs from begin/end, with a
#   synthetic event, as trace-cmd or bpftrace users would build one.
. /tests/lib.sh

T=/sys/kernel/tracing
D=/sys/kernel/debug/compaction
mount -t debugfs none /sys/kernel/debug 2>/dev/null
mount -t tracefs none $T 2>/dev/null
st=0
fail() { echo "FAIL: $*"; st=1; }

frag_start $(( $(free_mb) * 50 / 100 )) random 7 || exit 1

# --- the picture: the populated zone with the most pageblocks ---
[ -d $D/node0 ] || { echo "FAIL: no $D/node0"; exit 1; }
best= most=0
for f in $D/node0/*; do
	n=$(head -n 1 "$f" | sed -n 's/.*: \([0-9]*\) pageblocks of.*/\1/p')
	if [ -z "$n" ]; then
		grep -q 'not populated' "$f" || fail "$f: no header: $(head -n 1 "$f")"
	elif [ "$n" -gt "$most" ]; then
		best=$f most=$n
	fi
done
[ -n "$best" ] || { echo "FAIL: no populated zone in $D/node0"; exit 1; }
zone=${best##*/}
cat "$best" > /tmp/pic
head -n 3 /tmp/pic
# the whole picture, for the host to render (tools/mm/compaction-map.py)
sed 's/^/CT-PICTURE /' /tmp/pic
zfree=$(awk -v z="$zone" '$1 == "Node" && $2 == "0," { on = ($4 == z) }
	on && $1 == "pages" && $2 == "free" { print $3; exit }' /proc/zoneinfo)
awk -v n="$most" -v zfree="$zfree" '
	/^#/ { next }
	NF != 6 || $6 !~ /^[ST-]$/ || $2 + $3 > 512 { bad++; next }
	{ lines++; free += $2 }
	$6 == "S" { need += $3 } $6 == "T" { room += $2 }
	END {
		printf "picture: %d lines for %d pageblocks, %d bad; free pages %d (zoneinfo %d); sources hold %d pages, targets offer %d\n",
			lines, n, bad, free, zfree, need, room
		if (bad || lines != n) exit 1
		d = free - zfree; if (d < 0) d = -d
		if (d > zfree / 20 + 4096) exit 2
		if (need > room) exit 3
	}' /tmp/pic
case $? in
0) ;;
1) fail "the picture's lines do not match its header" ;;
2) fail "the picture's free pages are not the zone's" ;;
*) fail "the plan's sources do not fit in its targets" ;;
esac

# --- events, counters and a latency histogram over manual and direct runs ---
trace_compaction mm_compaction_plan mm_compaction_begin mm_compaction_end || exit 1
echo 'hist:keys=policy:vals=hitcount,read' > $T/events/compaction/mm_compaction_plan/trigger
echo 'compaction_latency u64 lat_us' >> $T/synthetic_events
echo 'hist:keys=common_pid:ts0=common_timestamp.usecs' >> \
	$T/events/compaction/mm_compaction_begin/trigger
echo 'hist:keys=common_pid:lat=common_timestamp.usecs-$ts0:onmatch(compaction.mm_compaction_begin).trace(compaction_latency,$lat)' >> \
	$T/events/compaction/mm_compaction_end/trigger
echo 'hist:keys=lat_us.log2' >> $T/events/synthetic/compaction_latency/trigger
vmstat_snap /tmp/ob.v0
echo 1 > $T/tracing_on
echo 1 > /proc/sys/vm/compact_memory
frag_stop || st=1
frag_start $(( $(free_mb) * 50 / 100 )) random 8 || exit 1
if [ -x /bench/thp_fault_bench ]; then
	echo madvise > /sys/kernel/mm/transparent_hugepage/enabled
	echo madvise > /sys/kernel/mm/transparent_hugepage/defrag
	/bench/thp_fault_bench -m $(( $(free_mb) - 192 )) > /tmp/ob.thp 2>&1 ||
		fail "thp_fault_bench: $(tail -n 2 /tmp/ob.thp)"
	echo never > /sys/kernel/mm/transparent_hugepage/enabled
fi
echo 0 > $T/tracing_on
vmstat_snap /tmp/ob.v1
frag_stop || st=1

d() { vmstat_change "$1" /tmp/ob.v0 /tmp/ob.v1; }
grep -v '^#' $T/trace > /tmp/ob.trace
# per task: plan, begin, end for each run; a run under way when tracing
# started (an end first) or stopped (plan, begin last) is left out
awk '{
	if (!match($0, /-[0-9]+ +\[/)) next
	pid = substr($0, RSTART + 1, RLENGTH - 1); sub(/ .*/, "", pid)
	if ($0 ~ /mm_compaction_plan:/) e = "p"
	else if ($0 ~ /mm_compaction_begin:/) e = "b"
	else if ($0 ~ /mm_compaction_end:/) e = "e"
	else next
	seq[pid] = seq[pid] e
} END {
	for (pid in seq) {
		s = seq[pid]
		if (sub(/^e/, "", s)) open++
		if (sub(/pb?$/, "", s)) open++
		runs += gsub(/pbe/, "", s)
		if (s != "") { bad++; print "task " pid ": " seq[pid] }
	}
	print runs + 0, open + 0, bad + 0
}' /tmp/ob.trace > /tmp/ob.pairs
read -r paired open bad <<< "$(tail -n 1 /tmp/ob.pairs)"
plans=$(grep -c 'mm_compaction_plan:' /tmp/ob.trace)
runs=$(( $(d compact_run_linear) + $(d compact_run_region) + $(d compact_run_cost) ))
lost=$(grep -c 'LOST' /tmp/ob.trace)
echo "events: $plans plan, $paired runs paired, $open under way, $bad tasks out of order; counted runs $runs (linear +$(d compact_run_linear), region +$(d compact_run_region), cost +$(d compact_run_cost), fallback +$(d compact_run_fallback)); planned sources +$(d compact_plan_sources), done +$(d compact_plan_done); stalls +$(d compact_stall)"
[ "$bad" = 0 ] || { sed '$d' /tmp/ob.pairs; fail "plan, begin and end events do not pair"; }
[ "$lost" = 0 ] || fail "the trace lost events"
[ "$paired" -gt 0 ] || fail "no compaction run traced"
# runs may start between a counter snapshot and tracing on or off
[ "$plans" -le "$runs" ] && [ "$runs" -le $((plans + 4)) ] ||
	fail "$plans plan events but $runs runs counted"
grep -m 3 'mm_compaction_plan:' /tmp/ob.trace
grep 'mm_compaction_plan:' /tmp/ob.trace | grep -qv 'policy=\(linear\|region\|cost\) ' &&
	fail "a plan event names no policy"
grep -q 'mm_compaction_plan:.*order=-1 policy=cost sources=[1-9]' /tmp/ob.trace ||
	fail "no manual run planned with the cost policy"
[ "$(d compact_plan_done)" -le "$(d compact_plan_sources)" ] ||
	fail "more sources done than planned"
if [ "$(d compact_stall)" -gt 0 ]; then
	grep -q 'mm_compaction_plan:.*order=9 policy=region sources=[1-9]' /tmp/ob.trace ||
		fail "direct compaction stalled but no run planned regions"
fi
hits=$(sed -n 's/^ *Hits: *//p' $T/events/synthetic/compaction_latency/hist)
echo "latency histogram: ${hits:-0} runs"
grep -E '^\{ lat_us:' $T/events/synthetic/compaction_latency/hist | head -n 8
[ "${hits:-0}" -ge "$paired" ] && [ "$hits" -le $((paired + open)) ] ||
	fail "the begin/end latency histogram counted ${hits:-0} runs of $paired"
grep -q 'policy: cost' $T/events/compaction/mm_compaction_plan/hist ||
	fail "the plan histogram has no cost runs"

# --- clean up the triggers (reverse order) ---
echo '!hist:keys=lat_us.log2' >> $T/events/synthetic/compaction_latency/trigger
echo '!hist:keys=common_pid:lat=common_timestamp.usecs-$ts0:onmatch(compaction.mm_compaction_begin).trace(compaction_latency,$lat)' >> \
	$T/events/compaction/mm_compaction_end/trigger
echo '!hist:keys=common_pid:ts0=common_timestamp.usecs' >> \
	$T/events/compaction/mm_compaction_begin/trigger
echo '!compaction_latency u64 lat_us' >> $T/synthetic_events
echo '!hist:keys=policy:vals=hitcount,read' > $T/events/compaction/mm_compaction_plan/trigger
echo 0 > $T/events/compaction/enable
exit $st
