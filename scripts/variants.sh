#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make variants`: our kernel in the configurations stock compaction also
# serves, each built (a cold build each: about 15 minutes) and booted with
# the guest tests that apply to it.  Prints "PASS|FAIL <variant>:<test>"
# and ends with "N passed, N failed".  Not part of `make check`.
#
#   variants.sh [VARIANT...]      (default: all of $CT_VARIANTS, lib.sh)
#   CT_VARIANT_KERNEL=stock variants.sh ...   (make variants K=stock)
#                 the same builds and boots of stock 6.12, to hold ours'
#                 results against; stock has no compaction KUnit suite,
#                 so its boots leave out the kunit test
#
#   nothp         THP=n, HUGETLBFS=n, UBSAN_SHIFT: pageblock_order is a
#                 signed MAX_PAGE_ORDER; manual compaction must still work
#   nocompaction  COMPACTION=n, CMA=y: alloc_contig_range() on our
#                 isolation (a CMA area and a gigantic page)
#   preempt       PREEMPT=y: the main guest tests
#   kasan         KASAN: the main guest tests and the soak
. "$(dirname "$0")/lib.sh"

kernel=${CT_VARIANT_KERNEL:-ours}
case $kernel in ours|stock) ;; *) die "kernel '$kernel': ours or stock" ;; esac
passed=0 failed=0
# tests_of VARIANT: "MEM ARGS|TESTS" lines, one boot each
tests_of() {
	case $1 in
	nothp) echo "2G |kunit,compaction_integrity,compaction_abi" ;;
	nocompaction) echo "3G cma=256M hugetlb_cma=1G|cma_alloc,gigantic_page" ;;
	preempt) echo "2G |kunit,compaction_integrity,compaction_abi,compaction_triggers,pinned_mlocked" ;;
	kasan)
		echo "2G |kunit,compaction_integrity,compaction_triggers,pinned_mlocked"
		echo "2G |soak" ;;
	esac
}

"$CT_TOP/scripts/deps.sh" stress-ng
"$CT_TOP/scripts/build-guest.sh"
for v in ${*:-$CT_VARIANTS}; do
	flavour_frags "$v" >/dev/null
	log=$CT_LOGS/variant-$kernel-$v
	if ! "$CT_TOP/scripts/build-kernel.sh" $kernel "$v" > "$log-build.log" 2>&1; then
		echo "FAIL $v:build"
		failed=$((failed + 1))
		continue
	fi
	echo "PASS $v:build"
	passed=$((passed + 1))
	# stress-ng for the soak
	initrd=$(CT_BENCH_STRESS=1 "$CT_TOP/scripts/build-bench.sh" $kernel "$v" 2>> "$log-build.log") ||
		{ echo "FAIL $v:build-bench"; failed=$((failed + 1)); continue; }
	n=0
	while IFS='|' read -r spec tests; do
		n=$((n + 1))
		mem=${spec%% *} args=${spec#* }
		[ "$kernel" = stock ] && tests=$(echo "$tests" | sed 's/^kunit,//')
		while read -r line; do
			case $line in
			PASS\ *) echo "PASS $v:${line#PASS }"; passed=$((passed + 1)) ;;
			FAIL\ *) echo "FAIL $v:${line#FAIL }"; failed=$((failed + 1)) ;;
			SKIP\ *) echo "SKIP $v:${line#SKIP }" ;;
			esac
		done < <("$CT_TOP/scripts/run-qemu.sh" -q -k $kernel -f "$v" -m "$mem" \
			-i "$initrd" -t 1800 -a "$args" \
			-l "$log-$n.log" "$tests" 2>&1)
	done < <(tests_of "$v")
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
