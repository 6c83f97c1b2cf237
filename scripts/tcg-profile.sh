#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Where a guest's time goes, by kernel function: boot a benchmark case with
# a QEMU TCG plugin (scripts/tcg-profile/tbprof.c) that counts the
# instructions executed per translated block.  Under -icount, instructions
# are the guest's clock, so the counts are time.  The guest marks the phase
# to profile with sync(2) (bench_lib.sh's prof_mark, ct.prof=1); the plugin
# snapshots its counts at each entry to ksys_sync, and report.py maps the
# difference of the first two snapshots onto the kernel's symbols.
#
#   tcg-profile.sh <ours|stock> <MEM> <CPUS> "<kernel args>" [OUT] [SCRIPT]
#	e.g. tcg-profile.sh ours 8G 2 "ct.pattern=random ct.seed=1 ct.mb=5734"
#	-> OUT/profile.txt (default out/profile/<kernel>), SCRIPT bench_thp
. "$(dirname "$0")/lib.sh"

k=${1:?kernel} mem=${2:?memory} cpus=${3:?cpus} args=${4:-}
out=${5:-$CT_LOGS/profile/$k} script=${6:-bench_thp}
bd=$(build_dir "$k" plain)
so=$CT_CACHE/prof/tbprof.so
mkdir -p "$out" "$(dirname "$so")"
gcc -O2 -Wall -Wextra -Wno-unused-parameter -shared -fPIC -o "$so" "$CT_TOP/scripts/tcg-profile/tbprof.c" ||
	die "cannot build the TCG plugin"
sync_va=$(awk '$3 == "ksys_sync" { print $1 }' "$bd/System.map")
[ -n "$sync_va" ] || die "no ksys_sync in $bd/System.map"
initrd=$("$CT_TOP/scripts/build-bench.sh" "$k" plain)
rm -f "$out"/snap*
CT_QEMU_EXTRA="-plugin $so,out=$out/snap,toggle=$sync_va" \
	"$CT_TOP/scripts/run-qemu.sh" -q -k "$k" -f plain -m "$mem" -c "$cpus" \
	-i "$initrd" -t 3600 -a "ct.prof=1 $args" -l "$out/guest.log" "$script" ||
	die "the profiled boot failed: $out/guest.log"
[ -f "$out/snap.1" ] || die "the guest marked no phase (ct.prof=1, prof_mark)"
/usr/bin/python3 "$CT_TOP/scripts/tcg-profile/report.py" "$bd/System.map" \
	"$out/snap.0" "$out/snap.1" 60 | tee "$out/profile.txt"
