#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Every patch of the series builds, and the kernel at every patch boots
# and passes its KUnit suites, as git bisect needs.  The base plus
# patches 1..k is checked out in $CT_BISECT_SRC and built in one build
# directory, k = 1, 2, ...: each build is incremental, and ccache has
# nearly every object from the debug build of the whole series.  A patch
# that changes only Documentation/ or tools/ leaves the kernel as it was:
# it is not booted again, and tools/testing/compaction is built and run
# where it exists.  A kernel whose patch changes our mm/compaction.c
# also runs the demo (manual, direct and proactive compaction after
# fragmenting memory, scripts/guest/tests/demo.sh), so each policy patch
# is seen compacting.  Prints "PASS|FAIL patch N" per patch and exits
# non-zero on any failure.
#
#   series-bisect.sh [flavour]      (default: debug)
. "$(dirname "$0")/lib.sh"

flavour=${1:-debug}
tree=$CT_BISECT_SRC
rc=0

"$CT_TOP/scripts/fetch-base.sh"
base_tree "$tree"
cd "$tree"

# verdict N WHAT OK: one line per patch
verdict() {
	if [ "$3" = 0 ]; then
		echo "PASS patch $1: $2"
	else
		echo "FAIL patch $1: $2"
		rc=1
	fi
}

# compacts: does this patch change our mm/compaction.c (not 6.12's)?
compacts() {
	git diff --name-only HEAD~1 HEAD | grep -qx mm/compaction.c &&
		grep -q '"compaction_plan.h"' mm/compaction.c
}

# boot_kunit N: boot the tree's kernel with the KUnit suites, and the demo
# where the patch changes the compaction core; from the patch that adds
# them, the compaction suite must be among the KUnit suites
boot_kunit() {
	local log=$CT_LOGS/bisect-$1.log out tests=kunit
	compacts && tests=kunit,demo
	out=$("$CT_TOP/scripts/run-qemu.sh" -q -k bisect -f "$flavour" -t 900 \
		-l "$log" "$tests" 2>&1)
	grep -qx 'PASS guest:kunit' <<< "$out" || return 1
	[ "$tests" = kunit ] || grep -qx 'PASS guest:demo' <<< "$out" || return 1
	[ ! -f mm/tests/compaction-kunit.h ] ||
		grep -q 'kunit: compaction ok' "$log"
}

n=0
while read -r p; do
	case "$p" in ''|'#'*) continue ;; esac
	n=$((n + 1))
	if ! git am -q --committer-date-is-author-date "$CT_TOP/patches/$p"; then
		verdict $n "does not apply" 1
		break
	fi
	if ! git diff --name-only HEAD~1 HEAD | grep -qv '^\(Documentation\|tools\)/'; then
		if [ -d tools/testing/compaction ]; then
			make -s -B -C tools/testing/compaction > "$CT_LOGS/bisect-$n.log" 2>&1
			verdict $n "kernel unchanged; tools/testing/compaction passes" $?
		else
			verdict $n "kernel unchanged (Documentation/, tools/ only)" 0
		fi
		continue
	fi
	if ! "$CT_TOP/scripts/build-kernel.sh" bisect "$flavour" > "$CT_LOGS/bisect-$n-build.log" 2>&1; then
		tail -n 20 "$CT_LOGS/bisect-$n-build.log"
		verdict $n "does not build" 1
		continue
	fi
	boot_kunit $n
	ok=$?
	what="builds, boots, KUnit passes ($(grep -c '^kunit: .* ok' "$CT_LOGS/bisect-$n.log") suites)"
	compacts && what="$what, the demo compacts"
	verdict $n "$what" $ok
done < "$CT_TOP/patches/series"
exit $rc
