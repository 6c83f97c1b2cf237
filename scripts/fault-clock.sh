#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Each THP fault's own work: boot a bench_thp case with a QEMU TCG plugin
# (scripts/tcg-profile/vcpuclock.c) that counts the instructions of the
# vCPU running each fault, between thp_fault_bench's marks.  Under icount
# an instruction is a nanosecond of guest time, so this is the fault's
# latency without the other vCPUs' slices, which the guest clock charges
# it when several vCPUs are busy (bench/README.md, "What the four-task
# latencies measure under TCG").  Prints the guest clock's and the
# fault's own p50 / p99 / max in us.
#
#   fault-clock.sh <ours|stock> <MEM> <CPUS> "<kernel args>" [OUT]
#	e.g. fault-clock.sh ours 2G 4 "ct.pattern=random ct.seed=1 ct.mb=1024 ct.procs=4"
#	-> OUT/clock.txt (default out/fault-clock/<kernel>)
. "$(dirname "$0")/lib.sh"

k=${1:?kernel} mem=${2:?memory} cpus=${3:?cpus} args=${4:-}
out=${5:-$CT_LOGS/fault-clock/$k}
mkdir -p "$out"
initrd=$("$CT_TOP/scripts/build-bench.sh" "$k" plain)
plugin=$(fault_clock_args "$k" "$out/faults")
rm -f "$out/faults"
CT_QEMU_EXTRA="$plugin" \
	"$CT_TOP/scripts/run-qemu.sh" -q -k "$k" -f plain -m "$mem" -c "$cpus" \
	-i "$initrd" -t 3600 -a "$args" -l "$out/guest.log" bench_thp ||
	die "the timed boot failed: $out/guest.log"
[ -s "$out/faults" ] || die "the plugin timed no fault"
/usr/bin/python3 "$CT_TOP/scripts/bench-report.py" --fault-clock \
	"$out/guest.log" "$out/faults" | tee "$out/clock.txt"
