#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make check`: every test of the project, host side then guest side.
# Prints "PASS|FAIL <name>" per test and ends with "N passed, N failed";
# exits non-zero on any failure.
. "$(dirname "$0")/lib.sh"

KERNEL=${CT_CHECK_KERNEL:-ours}
FLAVOUR=${CT_CHECK_FLAVOUR:-debug}
GUEST_TESTS=${CT_GUEST_TESTS:-kunit,compaction_test,compaction_integrity,compaction_abi,compaction_triggers,survey,pinned_mlocked,linear_screen,compaction_observe,kcompactd_contract}
# alloc_contig_range: a CMA area and a 1 GiB page need a bigger guest; the
# 1 GiB page comes from a hugetlb CMA area, where no unmovable page can land
CONTIG_TESTS=${CT_CONTIG_TESTS:-cma_alloc,gigantic_page}
passed=0 failed=0
mkdir -p "$CT_LOGS"

result() {	# result PASS|FAIL|SKIP name
	echo "$1 $2"
	case $1 in
	PASS) passed=$((passed + 1)) ;;
	FAIL) failed=$((failed + 1)) ;;
	esac
}

step() {	# step name command...: one test, output to out/check-<name>.log
	local name=$1
	shift
	log "check: $name"
	if "$@" > "$CT_LOGS/check-$name.log" 2>&1; then
		result PASS "$name"
	else
		result FAIL "$name"
		tail -n 20 "$CT_LOGS/check-$name.log" | sed 's/^/  | /'
	fi
}

guest() {	# guest args...: boot and count each test's verdict
	local line
	while read -r line; do
		case $line in
		PASS\ *|FAIL\ *|SKIP\ *) result ${line%% *} "${line#* }" ;;
		*) echo "  | $line" ;;
		esac
	done < <("$CT_TOP/scripts/run-qemu.sh" -q "$@" 2>&1)
}

series_regenerates() {	# patches/ is exactly what series/ + our files give
	local tmp=$CT_CACHE/check-patches
	rm -rf "$tmp"
	"$CT_TOP/scripts/make-patches.sh" "$tmp"
	diff -ru "$CT_TOP/patches" "$tmp"
}

series_applies() {	# git am on the pristine base yields exactly our files
	local tree=$CT_CACHE/check-am f
	# only this check uses the worktree: a lock is left by an interrupted run
	rm -f "$CT_BASE/.git/worktrees/check-am/index.lock"
	base_tree "$tree"
	cd "$tree"
	grep -v '^#' "$CT_TOP/patches/series" | while read -r p; do
		git am -q "$CT_TOP/patches/$p" || exit 1
	done
	for f in $(git diff --name-only base HEAD); do
		if [ -e "$f" ]; then
			cmp "$f" "$CT_TOP/$f" || exit 1
		else
			[ ! -e "$CT_TOP/$f" ] || { echo "$f: deleted by the series, kept here"; exit 1; }
		fi
	done
	(cd "$CT_TOP" && git ls-files --cached --others --exclude-standard \
		-- mm include Documentation tools MAINTAINERS) | while read -r f; do
		cmp "$f" "$CT_TOP/$f" || exit 1
	done
}

checkpatch() {	# --strict, zero errors, warnings and checks on every patch
	local p rc=0
	# FILE_PATH_CHANGES only asks "does MAINTAINERS need updating?" for
	# every added file; maintainers_cover answers it exactly instead.
	for p in $(grep -v '^#' "$CT_TOP/patches/series"); do
		(cd "$CT_BASE" && ./scripts/checkpatch.pl --strict --terse \
			--ignore FILE_PATH_CHANGES "$CT_TOP/patches/$p") || rc=1
	done
	return $rc
}

maintainers_cover() {	# every file the series adds has a maintainer entry
	local f sections rc=0
	cd "$CT_CACHE/check-am"
	for f in $(git diff --name-only --diff-filter=A base HEAD); do
		sections=$(./scripts/get_maintainer.pl --sections --no-git -f "$f" 2>/dev/null)
		if ! grep -qx 'MEMORY MANAGEMENT - COMPACTION' <<< "$sections"; then
			echo "$f: not covered by MEMORY MANAGEMENT - COMPACTION"
			rc=1
		fi
	done
	return $rc
}

kerneldoc() {	# kernel-doc -Wall clean on our C files
	local out
	out=$(cd "$CT_CACHE/check-am" && ./scripts/kernel-doc -none -Wall mm/compaction.c \
		mm/compaction_plan.c mm/compaction_plan.h 2>&1)
	echo "$out"
	[ -z "$out" ]
}

harness() {	# the planning code's userspace tests and scale model
	make -s -B -C "$CT_CACHE/check-am/tools/testing/compaction" |
		tee "$CT_LOGS/harness.out"
	[ "${PIPESTATUS[0]}" = 0 ]
}

stack_frames() {	# no function of our mm/compaction.o takes over 1.5 KiB of stack
	# A KASAN build fails on a frame over 2 KiB (CONFIG_FRAME_WARN and
	# WERROR), and its redzones make frames about 1.5 times this
	# flavour's: three struct compact_run in one KUnit test did.  The
	# largest today, a test's, takes 1,248 bytes here.
	local o frames big
	o=$(build_dir "$KERNEL" "$FLAVOUR")/mm/compaction.o
	[ -f "$o" ] || { echo "no $o"; return 1; }
	# "ADDR FUNCTION [compaction.o]:<tab>BYTES", largest first
	frames=$(objdump -d "$o" | perl "$CT_BASE/scripts/checkstack.pl" x86_64 512)
	echo "$frames"
	big=$(awk -F: '$NF + 0 > 1536' <<< "$frames")
	[ -z "$big" ] || { echo "frames over 1,536 bytes:"; echo "$big"; return 1; }
}

bench_math() {	# the benchmark's limit, M* and parsing on known data
	/usr/bin/python3 "$CT_TOP/scripts/test-bench-report.py"
}

bench_smoke() {	# make bench's pipeline on one small case, within the limit
	local log=$CT_LOGS/bench-smoke.log
	"$CT_TOP/scripts/run-qemu.sh" -q -k "$KERNEL" -f "$FLAVOUR" -t 600 \
		-i "$BENCH_INITRD" -l "$log" \
		-a "ct.pattern=halves ct.seed=3 ct.mb=384 ct.mixmb=16" bench_manual &&
		/usr/bin/python3 "$CT_TOP/scripts/bench-report.py" --check "$log"
}

picture_map() {	# tools/mm/compaction-map.py reads the guest's debugfs picture
	local pic=$CT_LOGS/picture.txt
	sed -n 's/\r$//; s/^CT-PICTURE //p' "$CT_LOGS/check-guest.log" > "$pic"
	/usr/bin/python3 "$CT_TOP/tools/mm/compaction-map.py" --summary "$pic" |
		tee "$CT_LOGS/picture.summary" || return 1
	# the tool counts the lines the header announces
	grep -qx "pageblocks: $(sed -n '1s/.*: \([0-9]*\) pageblocks of.*/\1/p' "$pic")" \
		"$CT_LOGS/picture.summary"
}

guest_failure_fails() {	# a failing guest test and a WARN both fail a run
	local out=$CT_LOGS/check-meta.out
	if "$CT_TOP/scripts/run-qemu.sh" -q -k "$KERNEL" -f "$FLAVOUR" -t 300 \
		-l "$CT_LOGS/meta.log" deliberate_fail,lkdtm_warn > "$out" 2>&1; then
		echo "guest run passed although a test failed and the kernel warned"
		return 1
	fi
	cat "$out"
	grep -q '^FAIL guest:deliberate_fail' "$out" && grep -q '^FAIL guest:kernel-log' "$out"
}

guest_kill_is_not_timeout() {	# SIGKILL from outside (the host's OOM killer)
	local out=$CT_LOGS/check-killed.out log=$CT_LOGS/killed.log
	local pid t q="" rc=0

	"$CT_TOP/scripts/run-qemu.sh" -q -k "$KERNEL" -f "$FLAVOUR" -t 300 \
		-l "$log" deliberate_fail > "$out" 2>&1 &
	pid=$!
	# QEMU is the child of run-qemu.sh's timeout: kill it once it boots
	for _ in $(seq 300); do
		t=$(pgrep -x -P "$pid" timeout) &&
			q=$(pgrep -P "$t" qemu-system) &&
			grep -q "Linux version" "$log" 2>/dev/null && break
		q=""
		sleep 0.2
	done
	[ -n "$q" ] && kill -KILL "$q"
	wait "$pid" || rc=$?
	cat "$out"
	[ -n "$q" ] && [ "$rc" = 1 ] && grep -q '^FAIL guest:killed' "$out" &&
		! grep -q '^FAIL guest:timeout' "$out"
}

preflight_fails() {	# deps.sh stops in one line, writing nothing, on a full disk
	local dir out rc=0

	dir=$(mktemp -d)
	# a 256 MiB file system for the cache, seen by this command only;
	# CT_PREFLIGHT_ONLY: whatever the checks say, install nothing
	out=$("${ns[@]}" sh -c 'mount -t tmpfs -o size=256m none "$1" || exit 99
		CT_PREFLIGHT_ONLY=1 CT_NEED_DISK_GIB=12 CT_CACHE="$1/cache" "$2"
		rc=$?
		[ ! -e "$1/cache" ] || echo "preflight created $1/cache"
		exit $rc' sh "$dir" "$CT_TOP/scripts/deps.sh" 2>&1) || rc=$?
	rmdir "$dir"
	echo "exit $rc: $out"
	[ "$rc" = 1 ] && [ "$(wc -l <<< "$out")" = 1 ] &&
		grep -q "^error: preflight: $dir/cache needs 12 GiB free on its file system, 0 GiB are" <<< "$out"
}

"$CT_TOP/scripts/deps.sh"
# a private mount namespace: root's, or a user namespace's
ns=(unshare -m)
[ "$(id -u)" = 0 ] || ns=(unshare -rm)
if "${ns[@]}" true 2> /dev/null; then
	step preflight preflight_fails
else
	result SKIP preflight
fi
"$CT_TOP/scripts/fetch-base.sh"
step series-regenerates series_regenerates
step series-applies series_applies
step checkpatch checkpatch
step maintainers maintainers_cover
step kernel-doc kerneldoc
step harness harness
step build-kernel "$CT_TOP/scripts/build-kernel.sh" "$KERNEL" "$FLAVOUR"
step stack-frames stack_frames
# after the whole series' build, whose objects ccache then has
step series-bisect "$CT_TOP/scripts/series-bisect.sh" "$FLAVOUR"
step build-guest "$CT_TOP/scripts/build-guest.sh"
BENCH_INITRD=$CT_CACHE/bench/initrd-$KERNEL-$FLAVOUR.cpio
step build-bench "$CT_TOP/scripts/build-bench.sh" "$KERNEL" "$FLAVOUR"
step bench-math bench_math
# the main suite takes about 8 minutes alone: give a busy machine room
guest -k "$KERNEL" -f "$FLAVOUR" -i "$BENCH_INITRD" -t 1800 \
	-l "$CT_LOGS/check-guest.log" "$GUEST_TESTS"
guest -k "$KERNEL" -f "$FLAVOUR" -m 3G -a "cma=256M hugetlb_cma=1G" \
	-l "$CT_LOGS/check-contig.log" "$CONTIG_TESTS"
# non-LRU movable pages: balloon pages the host inflates on the guest's request
guest -k "$KERNEL" -f "$FLAVOUR" -b -l "$CT_LOGS/check-balloon.log" \
	balloon_compaction
# the topologies and page kinds stock compaction serves: ext4 with dirty
# and writeback pages and swap on zram; two NUMA nodes; ZONE_MOVABLE; a
# pc-dimm plugged, compacted, offlined and onlined under compaction
guest -k "$KERNEL" -f "$FLAVOUR" -d -l "$CT_LOGS/check-pagekinds.log" page_kinds
guest -k "$KERNEL" -f "$FLAVOUR" -n 2 -l "$CT_LOGS/check-numa.log" numa_nodes
# many compactors at once, and waits a SIGKILL must end
guest -k "$KERNEL" -f "$FLAVOUR" -c 4 -i "$BENCH_INITRD" \
	-l "$CT_LOGS/check-concurrent.log" compaction_kill,concurrent_thp
# reclaim over clean page cache when compaction is skipped for want of
# free pages: alone in its guest, whose free memory it measures
guest -k "$KERNEL" -f "$FLAVOUR" -l "$CT_LOGS/check-cleancache.log" clean_cache
guest -k "$KERNEL" -f "$FLAVOUR" -a "movablecore=768M" \
	-l "$CT_LOGS/check-movable.log" movable_zone
guest -k "$KERNEL" -f "$FLAVOUR" -p 512 -a "memhp_default_state=online_movable" \
	-l "$CT_LOGS/check-hotplug.log" memory_hotplug
# a node without memory or CPUs that a pc-dimm brings online gets its
# debugfs picture
guest -k "$KERNEL" -f "$FLAVOUR" -e -p 256 -a "memhp_default_state=online_movable" \
	-l "$CT_LOGS/check-nodeonline.log" node_online
step picture-map picture_map
step bench-smoke bench_smoke
step guest-failure-fails guest_failure_fails
step guest-kill-reported guest_kill_is_not_timeout
step gdb-smoke "$CT_TOP/scripts/gdb-smoke.sh" -k "$KERNEL" -f "$FLAVOUR"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
