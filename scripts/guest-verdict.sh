#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Judge a guest's serial log:  guest-verdict.sh LOG TESTS
# One "PASS|FAIL|SKIP guest:<test>" line per test asked for (a test that
# never reported is FAIL), then "FAIL guest:kernel-log" if the kernel
# printed a WARN, BUG, Oops, panic or lockdep report.  Exit 0 only if all
# passed and the log is clean.
set -uo pipefail
logf=$1 tests=$2
bad=0

for t in ${tests//,/ }; do
	res=$(sed -n "s/^=== CT-TEST-END $t \([A-Z]*\).*/\1/p" "$logf" | tr -d '\r' | head -n1)
	res=${res:-FAIL}
	echo "$res guest:$t"
	[ "$res" = FAIL ] && bad=1
done

splat='WARNING:|BUG:|Oops|Kernel panic|kernel BUG|general protection fault|'
splat+='possible circular locking|possible recursive locking|inconsistent lock state|'
splat+='INFO: task .* blocked|UBSAN:|list_add corruption|list_del corruption|'
splat+='bad page state|Bad page|page dumped because'
if grep -Eq "$splat" "$logf"; then
	echo "FAIL guest:kernel-log"
	grep -En "$splat" "$logf" | head -n 5 | sed 's/^/  /'
	bad=1
fi
grep -q '^=== CT-DONE' "$logf" || { echo "FAIL guest:completed"; bad=1; }
exit $bad
