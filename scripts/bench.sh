#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: our compaction against stock 6.12 and against the limit.
#
# Builds both kernels from the same base and config (plain flavour), the
# survey module for each, then boots every case on both kernels, one
# after the other, with the same command line: same guest size, same
# fragmentation pattern and seed.  Each boot's serial log goes to
# $out/logs/; scripts/bench-report.py turns them into $out/report.md,
# $out/results.json and PNG plots.
#
# Variants: stock (base alone), ours (base + series, its default policy)
# and ours-linear (the same kernel booted with compaction.policy=linear).
#
#   CT_BENCH_SEEDS="1 2"                  seeds of every fragmenting case
#   CT_BENCH_PATTERNS="random halves sparse alternate"
#   CT_BENCH_VARIANTS="stock ours-linear ours"
#   CT_BENCH_OUT=out/bench                where results go
. "$(dirname "$0")/lib.sh"

out=${CT_BENCH_OUT:-$CT_LOGS/bench}
seeds=${CT_BENCH_SEEDS:-1 2}
patterns=${CT_BENCH_PATTERNS:-random halves sparse alternate}
kernels="stock ours"
variants=${CT_BENCH_VARIANTS:-stock ours-linear ours}
start=$(date +%s)

CT_NEED_DISK_GIB=${CT_NEED_DISK_GIB:-15} "$CT_TOP/scripts/deps.sh" python3-matplotlib
for k in $kernels; do
	"$CT_TOP/scripts/build-kernel.sh" "$k" plain
done
"$CT_TOP/scripts/build-guest.sh"
declare -A initrd
for k in $kernels; do
	initrd[$k]=$("$CT_TOP/scripts/build-bench.sh" "$k" plain)
done

# case name, guest script, extra command line
cases=()
for p in $patterns; do
	for s in $seeds; do
		cases+=("manual-$p-$s bench_manual ct.pattern=$p ct.seed=$s")
	done
done
for s in $seeds; do
	cases+=("thp-random-$s bench_thp ct.pattern=random ct.seed=$s")
	cases+=("hugetlb-random-$s bench_hugetlb ct.pattern=random ct.seed=$s")
done
cases+=("background-random-1 bench_background ct.pattern=random ct.seed=1")
for s in $seeds; do
	cases+=("mthp-random-$s bench_thp ct.pattern=random ct.seed=$s ct.thpkb=64")
done
cases+=("alloc-1 bench_alloc")

rm -rf "$out"
mkdir -p "$out/logs"
failed=()
nv=$(wc -w <<< "$variants")
total=$(( ${#cases[@]} * nv )) i=0 start=$(date +%s)
for c in "${cases[@]}"; do
	read -r name script args <<< "$c"
	for v in $variants; do
		k=${v%%-*}
		a=$args
		i=$((i + 1)) eta=""
		[ $i -gt 1 ] && eta=", about $(( ($(date +%s) - start) * (total - i + 1) / (i - 1) / 60 )) min left"
		log "boot $i/$total: $v $name$eta"
		[ "$v" = ours-linear ] && a="$a compaction.policy=linear"
		if ! "$CT_TOP/scripts/run-qemu.sh" -q -k "$k" -f plain \
			-i "${initrd[$k]}" -t 1200 -a "$a" \
			-l "$out/logs/$v-$name.log" "$script"; then
			failed+=("$v-$name")
		fi
	done
done

/usr/bin/python3 "$CT_TOP/scripts/bench-report.py" "$out"
log "bench: $(( ($(date +%s) - start) / 60 )) min; report in $out/report.md"
if [ ${#failed[@]} -gt 0 ]; then
	echo "bench: failed runs: ${failed[*]}" >&2
	exit 1
fi
