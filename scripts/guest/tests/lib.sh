# SPDX-License-Identifier: GPL-2.0
# Helpers for the guest tests; sourced.

# ct_param NAME DEFAULT: value of ct.NAME= on the kernel command line
ct_param() {
	v=$(sed -n "s/.*ct\.$1=\([^ ]*\).*/\1/p" /proc/cmdline)
	echo "${v:-$2}"
}

# free_mb: MemFree in MiB
free_mb() {
	awk '/^MemFree:/ { print int($2 / 1024) }' /proc/meminfo
}

# free_blocks: whole free pageblocks (order >= 9) over all zones
free_blocks() {
	# busybox awk has no ^: double by hand
	awk '{ m = 1; for (o = 9; o + 5 <= NF; o++) { n += $(o + 5) * m; m *= 2 } }
	     END { print n + 0 }' /proc/buddyinfo
}

# vmstat_snap FILE: the compaction, migration, swap and reclaim counters
vmstat_snap() {
	echo 1 > /proc/sys/vm/stat_refresh 2>/dev/null
	grep -E '^(compact_|pgmigrate_|thp_|nr_isolated|pswp|pgsteal_)' /proc/vmstat > "$1"
}

# vmstat_delta BEFORE AFTER: print counters that changed
vmstat_delta() {
	awk 'NR == FNR { b[$1] = $2; next }
	     $2 != b[$1] { printf "  %-32s %12d -> %12d  (%+d)\n", $1, b[$1], $2, $2 - b[$1] }' "$1" "$2"
}

# vmstat_change NAME BEFORE AFTER: how much counter NAME grew between snaps
vmstat_change() {
	awk -v n="$1" 'NR == FNR { if ($1 == n) b = $2; next }
		       $1 == n { print $2 - b }' "$2" "$3"
}

# frag_start MIB PATTERN SEED [OPTIONS]: fragment memory in the background
# (OPTIONS of compaction_fragment: -n node, -l mlock, -P pin), wait until
# it is ready; sets FRAG_PID
frag_start() {
	: > /tmp/frag.out
	compaction_fragment -m "$1" -p "$2" -s "$3" ${4:-} > /tmp/frag.out 2>&1 &
	FRAG_PID=$!
	wait_ready $FRAG_PID /tmp/frag.out || return 1
	echo "fragmenter: $(cat /tmp/frag.out) (pages mapped, kept)"
}

# wait_ready PID FILE [WORD]: until PID prints a line starting with WORD
# ("ready" by default) into FILE; fails (showing FILE) if it dies first
wait_ready() {
	while ! grep -q "^${3:-ready}" "$2"; do
		kill -0 "$1" 2>/dev/null || { cat "$2"; return 1; }
		sleep 0.2
	done
}

# trace_compaction EVENT...: tracing off, the trace empty with 8 MiB of
# buffer a CPU, and the compaction events named enabled
trace_compaction() {
	mount -t tracefs none /sys/kernel/tracing 2>/dev/null
	echo 0 > /sys/kernel/tracing/tracing_on
	echo > /sys/kernel/tracing/trace
	echo 8192 > /sys/kernel/tracing/buffer_size_kb
	for e in "$@"; do
		echo 1 > /sys/kernel/tracing/events/compaction/$e/enable || return 1
	done
}

# frag_stop: let the fragmenter verify its pages; fails on any corruption
# or, with -n, on a kept page that left its node; FRAG_MOVED is then how
# many kept pages changed frame
frag_stop() {
	kill -USR1 $FRAG_PID
	wait $FRAG_PID
	rc=$?
	echo "fragmenter: $(tail -n 1 /tmp/frag.out) (kept, corrupted, moved, off the node)"
	FRAG_MOVED=$(awk '$1 == "verified" { print $5 }' /tmp/frag.out)
	return $rc
}

# zone_free_blocks NODE ZONE: free pageblocks (order >= 9) of one zone
zone_free_blocks() {
	awk -v n="$1," -v z="$2" '$2 == n && $4 == z {
		m = 1; for (o = 9; o + 5 <= NF; o++) { s += $(o + 5) * m; m *= 2 } }
	     END { print s + 0 }' /proc/buddyinfo
}

# node_free_blocks NODE: free pageblocks (order >= 9) of every zone of NODE
node_free_blocks() {
	awk -v n="$1," '$2 == n {
		m = 1; for (o = 9; o + 5 <= NF; o++) { s += $(o + 5) * m; m *= 2 } }
	     END { print s + 0 }' /proc/buddyinfo
}

# node_free_mb NODE: MemFree of NODE in MiB
node_free_mb() {
	awk '/MemFree:/ { print int($4 / 1024) }' /sys/devices/system/node/node$1/meminfo
}

# plug_dimm MIB [NODE]: ask the host for a pc-dimm (run-qemu.sh -p MIB,
# scripts/qmp-guest.py), into NUMA node NODE if given, and wait until its
# memory blocks appear; their sysfs directories go to /tmp/dimm.new
plug_dimm() {
	_mem=/sys/devices/system/memory
	ls -d $_mem/memory* | sort > /tmp/dimm.old
	_b0=$(wc -l < /tmp/dimm.old) _t=0
	while [ "$(ls -d $_mem/memory* | wc -l)" = "$_b0" ]; do
		[ $((_t % 25)) = 0 ] && echo "=== CT-DIMM $*"
		_t=$((_t + 1))
		[ $_t -le 600 ] || { echo "no memory block appeared: run-qemu.sh -p $1"; return 1; }
		sleep 0.2
	done
	sleep 1
	ls -d $_mem/memory* | sort | grep -vxF -f /tmp/dimm.old > /tmp/dimm.new
}
