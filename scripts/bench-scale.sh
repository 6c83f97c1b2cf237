#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench-scale: direct compaction as memory and the number of faulting
# tasks grow.  The benchmark's THP and nr_hugepages workloads in guests of
# several sizes, fragmented to the same share of memory (random pattern,
# seed 1), on stock and ours (and ours-linear if asked), one boot after the
# other with the same command line; THP faults by one task and by four
# processes at once (4 vCPUs).  scripts/bench-report.py --scale turns the
# logs into $out/scale.md.  Long (16 GiB guests boot for ~10 min each):
# not part of make bench or make check.
#
#   CT_SCALE_SIZES="2 8 16"             guest sizes, GiB
#   CT_SCALE_CASES="thp-1 hugetlb thp-4 thpt-4"  (thpt-N: N threads of one
#                                        process; also mthp-N: 64 KiB mTHP
#                                        faults by N processes)
#   CT_SCALE_VARIANTS="stock ours"      (ours-linear: the same kernel with
#                                        compaction.policy=linear)
#   CT_SCALE_OUT=out/bench-scale
#   CT_SCALE_KEEP="stock"               variants whose passed boots of an
#                                        earlier run are kept, not rerun
. "$(dirname "$0")/lib.sh"

out=${CT_SCALE_OUT:-$CT_LOGS/bench-scale}
sizes=${CT_SCALE_SIZES:-2 8 16}
cases=${CT_SCALE_CASES:-thp-1 hugetlb thp-4 thpt-4}
variants=${CT_SCALE_VARIANTS:-stock ours}
keep=${CT_SCALE_KEEP:-}
start=$(date +%s)

# MiB the fragmenter keeps: the benchmark's 1 GiB of 2 GiB, then 70%
frag_mb() {
	if [ "$1" = 2 ]; then echo 1024; else echo $(($1 * 1024 * 7 / 10)); fi
}

"$CT_TOP/scripts/deps.sh" python3-matplotlib
declare -A initrd
for v in $variants; do
	k=${v%%-*}
	[ -n "${initrd[$k]:-}" ] && continue
	"$CT_TOP/scripts/build-kernel.sh" "$k" plain
	"$CT_TOP/scripts/build-guest.sh"
	initrd[$k]=$("$CT_TOP/scripts/build-bench.sh" "$k" plain)
done

mkdir -p "$out/logs"
runs=()
for g in $sizes; do
	for c in $cases; do
		for v in $variants; do
			runs+=("$g $c $v")
		done
	done
done
failed=() i=0
for r in "${runs[@]}"; do
	read -r g c v <<< "$r"
	i=$((i + 1))
	k=${v%%-*}
	l=$out/logs/$v-$c-${g}g.log
	if [[ " $keep " == *" $v "* ]] && grep -qa "CT-DONE 1 passed" "$l" 2>/dev/null; then
		log "case $i/${#runs[@]}: $v $c ${g} GiB: kept from $(date -r "$l" +%F\ %R)"
		continue
	fi
	# the compaction events traced (time inside direct compaction per
	# stall); runs over 10 ms printed, to find the tail
	a="ct.pattern=random ct.seed=1 ct.mb=$(frag_mb "$g") ct.trace=1 ct.trace_us=10000"
	[ "$v" = ours-linear ] && a="$a compaction.policy=linear"
	cpus=2 script=bench_thp
	case $c in
	thp-*) a="$a ct.procs=${c#thp-}"; [ "${c#thp-}" -gt 1 ] && cpus=4 ;;
	thpt-*) a="$a ct.threads=${c#thpt-}"; [ "${c#thpt-}" -gt 1 ] && cpus=4 ;;
	mthp-*) a="$a ct.thpkb=64 ct.procs=${c#mthp-}"
		[ "${c#mthp-}" -gt 1 ] && cpus=4 ;;
	hugetlb) script=bench_hugetlb a="$a ct.hpages=$((g * 512))" ;;
	esac
	# Four faulters sized to all free memory but 192 MiB ran a 16 GiB
	# guest out of memory on both kernels (the OOM killer took the
	# fragmenter): from 16 GiB on, concurrent faulters take 600 MiB
	# per GiB of guest, as run 3 of 2026-12-04 did by hand (9,600 MiB)
	if [ $cpus = 4 ] && [ "$g" -ge 16 ]; then
		a="$a ct.thpmb=$((g * 600))"
	fi
	eta=""
	if [ $i -gt 1 ]; then
		el=$(( $(date +%s) - start ))
		eta=", about $(( el * (${#runs[@]} - i + 1) / (i - 1) / 60 )) min left"
	fi
	log "case $i/${#runs[@]}: $v $c ${g} GiB$eta"
	# THP faults also timed by their own vCPU's instructions (the guest
	# clock charges a fault with the other vCPUs' slices: bench/README.md)
	plugin=""
	[ "$script" = bench_thp ] && plugin=$(fault_clock_args "$k" "${l%.log}.faults")
	if ! CT_QEMU_EXTRA="$plugin" "$CT_TOP/scripts/run-qemu.sh" -q -k "$k" -f plain -m "${g}G" \
		-c $cpus -i "${initrd[$k]}" -t $((900 + g * 200)) -a "$a" \
		-l "$l" "$script"; then
		failed+=("$v-$c-${g}g")
	fi
done

/usr/bin/python3 "$CT_TOP/scripts/bench-report.py" --scale "$out"
log "bench-scale: $(( ($(date +%s) - start) / 60 )) min; report in $out/scale.md"
if [ ${#failed[@]} -gt 0 ]; then
	echo "bench-scale: failed runs: ${failed[*]}" >&2
	exit 1
fi
