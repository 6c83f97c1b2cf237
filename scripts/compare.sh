#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make compare`: the guest tests of the page kinds, topologies and loads
# stock compaction serves, on stock and on ours in the same run (the two
# kernels' guests side by side, one per host core).  The tests are
# make check's, booted as make check boots them.  Prints each test's
# verdict on both kernels, then each test's own lines (its figures), and
# "FAIL compare:<test>" for any that fails on ours and passes on stock;
# ends with "N passed, N failed" over ours' verdicts.  Some tests hold a
# figure to ours' bar (compaction_integrity's free pageblocks against the
# limit, pinned_mlocked's huge pages): a FAIL on stock there is that
# figure, shown in the test's lines, not a broken kernel.  Long (about 25
# minutes): not part of `make check`.
#
#   compare.sh [flavour] [kernels]   (default debug, "stock ours";
#                                    CT_COMPARE_GROUPS="numa hotplug" boots
#                                    only those groups)
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
# group NAME: run-qemu.sh's options for that guest, then its tests
all="main contig pagekinds numa concurrent cleancache movable hotplug"
# CT_COMPARE_GROUPS: boot only these; the others' last results stay
groups=${CT_COMPARE_GROUPS:-$all}
mkdir -p "$out"
for g in $groups; do
	for k in $kernels; do rm -f "$out/$k-$g.out" "$out/$k-$g.log"; done
done
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
			-l "$out/$1-$g.log" "${args[@]}" > "$out/$1-$g.out" 2>&1 || true
	done
	log "compare: $1 done"
}

for k in $kernels; do
	log "compare: $k/$flavour, groups: $groups"
	run_kernel $k &
done
wait

verdict() {	# verdict K GROUP TEST: K's result for TEST, if K ran
	local v
	[ -e "$out/$1-$2.out" ] || return 0
	v=$(sed -n "s/^\(PASS\|FAIL\|SKIP\) $3\$/\1/p" "$out/$1-$2.out" | head -n 1)
	# run-qemu.sh names these only when they fail: a clean log, a
	# guest that completed within its time
	case $3 in guest:kernel-log|guest:completed|guest:timeout*) v=${v:-PASS} ;; esac
	echo "$v"
}

passed=0 failed=0
printf '%-28s %-6s %s\n' test stock ours
for g in $all; do
	{ cat "$out"/*-$g.out 2>/dev/null || true; } | sed -n 's/^\(PASS\|FAIL\|SKIP\) \(.*\)$/\2/p' |
		sort -u > "$out/tests"
	while read -r t; do
		st=$(verdict stock $g "$t")
		res=$(verdict ours $g "$t")
		printf '%-28s %-6s %s\n' "$t" "${st:-none}" "${res:-none}"
		if [ "$res" = PASS ]; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
			[ "$st" = PASS ] && echo "FAIL compare:${t#guest:} (passes on stock)"
		fi
	done < "$out/tests"
done
for g in $all; do
	for k in stock ours; do
		[ -e "$out/$k-$g.log" ] || continue
		echo "--- $g on $k"
		# the tests' own lines, not the kernel's
		tr -d '\r' < "$out/$k-$g.log" | awk '/^=== CT-TEST-BEGIN/ { t = 1 }
			t && !/^\[ *[0-9]+\.[0-9]+\]/ { print }
			/^=== CT-TEST-END/ { t = 0 }'
		grep '^FAIL ' "$out/$k-$g.out" || true
	done
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
