#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make compare`: the guest tests of the page kinds, topologies and loads
# stock compaction serves, on stock and on ours in the same run (the two
# kernels' guests side by side, one per host core).  The tests are
# make check's, booted as make check boots them.  Prints each test's
# verdict on both kernels, then each test's own lines (its figures), and
# "FAIL compare:<test>" for any that fails on ours and passes on stock;
# ends with "N passed, N failed" over ours' verdicts.  Long (about 25
# minutes): not part of `make check`.
#
#   compare.sh [flavour] [kernels]   (default debug, "stock ours")
. "$(dirname "$0")/lib.sh"

flavour=${1:-debug}
kernels=${2:-stock ours}
out=$CT_LOGS/compare
"$CT_TOP/scripts/deps.sh"
"$CT_TOP/scripts/build-guest.sh"
for k in $kernels; do
	"$CT_TOP/scripts/build-kernel.sh" $k "$flavour"
	"$CT_TOP/scripts/build-bench.sh" $k "$flavour" > /dev/null
done
rm -rf "$out"
mkdir -p "$out"

# group NAME: run-qemu.sh's options for that guest, then its tests
groups="main contig pagekinds numa concurrent cleancache movable hotplug"
group() {
	local bench=$CT_CACHE/bench/initrd-$2-$flavour.cpio
	case $1 in
	main) echo "-i $bench compaction_integrity,pinned_mlocked,kcompactd_contract" ;;
	contig) echo "-m 3G -a cma=256M+hugetlb_cma=1G cma_alloc,gigantic_page" ;;
	pagekinds) echo "-d page_kinds" ;;
	numa) echo "-n 2 numa_nodes" ;;
	concurrent) echo "-c 4 -i $bench compaction_kill,concurrent_thp" ;;
	cleancache) echo "clean_cache" ;;
	movable) echo "-a movablecore=768M movable_zone" ;;
	hotplug) echo "-p 512 -a memhp_default_state=online_movable memory_hotplug" ;;
	esac
}

run_kernel() {	# run_kernel K: every group on K, one guest at a time
	local g args
	for g in $groups; do
		read -ra args <<< "$(group $g $1)"
		# -a takes one word here: + stands for a space
		args=("${args[@]//+/ }")
		"$CT_TOP/scripts/run-qemu.sh" -q -k $1 -f "$flavour" -t 1800 \
			-l "$out/$1-$g.log" "${args[@]}" > "$out/$1-$g.out" 2>&1
	done
	log "compare: $1 done"
}

for k in $kernels; do
	log "compare: $k/$flavour, groups: $groups"
	run_kernel $k &
done
wait

passed=0 failed=0
printf '%-28s %-6s %s\n' test stock ours
for g in $groups; do
	sed -n 's/^\(PASS\|FAIL\|SKIP\) \(.*\)$/\2/p' "$out/ours-$g.out" "$out/stock-$g.out" 2>/dev/null |
		sort -u > "$out/tests"
	while read -r t; do
		st=$(sed -n "s/^\(PASS\|FAIL\|SKIP\) $t\$/\1/p" "$out/stock-$g.out" 2>/dev/null | head -n 1)
		res=$(sed -n "s/^\(PASS\|FAIL\|SKIP\) $t\$/\1/p" "$out/ours-$g.out" | head -n 1)
		printf '%-28s %-6s %s\n' "$t" "${st:-none}" "${res:-none}"
		if [ "$res" = PASS ]; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
			[ "$st" = PASS ] && echo "FAIL compare:${t#guest:} (passes on stock)"
		fi
	done < "$out/tests"
done
for g in $groups; do
	for k in $kernels; do
		echo "--- $g on $k"
		# the tests' own lines, not the kernel's
		tr -d '\r' < "$out/$k-$g.log" | awk '/^=== CT-TEST-BEGIN/ { t = 1 }
			t && !/^\[ *[0-9]+\.[0-9]+\]/ { print }
			/^=== CT-TEST-END/ { t = 0 }'
		grep '^FAIL ' "$out/$k-$g.out"
	done
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
