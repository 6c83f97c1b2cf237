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
/usr/bin/python3 - "$out/guest.log" "$out/faults" <<'PY' | tee "$out/clock.txt"
import sys


def pct(v):
    v = sorted(v)
    return [v[len(v) // 2], v[min(len(v) - 1, len(v) * 99 // 100)], v[-1]]


lat = []
for line in open(sys.argv[1], errors='replace'):
    if line.startswith('CT-BENCH-LAT '):
        # one "huge:ns" per fault, huge 0 or 1
        lat += [int(tok.split(':')[1]) for tok in line.split()[2:]]
own, tail = [], ''
for line in open(sys.argv[2]):
    if line.startswith('#'):
        tail = line[1:].strip()
    else:
        own.append(int(line.split()[1]))
fmt = ' / '.join
print('guest clock  p50 / p99 / max us: ' +
      fmt(f'{x / 1000:,.0f}' for x in pct(lat)) + f' ({len(lat)} faults)')
print('own vCPU     p50 / p99 / max us: ' +
      fmt(f'{x / 1000:,.0f}' for x in pct(own)) + f' ({tail})')
PY
