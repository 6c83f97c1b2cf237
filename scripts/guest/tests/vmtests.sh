#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Stock's run_vmtests.sh for the categories in ct.vmtests (a+b+c), with
# the binaries of scripts/vmtests.sh's initrd; its "# [PASS|FAIL|SKIP]"
# lines are compared on the host.  Passes if it ran at all.
. /tests/lib.sh
[ -x /vmtests/run_vmtests.sh ] || { echo "needs the vmtests initrd (scripts/vmtests.sh)"; exit 1; }
cats=$(ct_param vmtests "compaction+thp+hugetlb+migration" | tr + ' ')
cd /vmtests && bash ./run_vmtests.sh -t "$cats"
echo "run_vmtests.sh exited $?"
