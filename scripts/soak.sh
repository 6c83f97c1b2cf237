#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make soak`: the soak guest test (scripts/guest/tests/soak.sh) on a
# kernel, 4 vCPUs, ct.soak_s seconds of guest time.  Not part of `make
# check`; `make variants` runs it under KASAN too.
#
#   soak.sh [ours|stock] [flavour] [seconds]   (default: ours debug 240)
. "$(dirname "$0")/lib.sh"

kernel=${1:-ours} flavour=${2:-debug} secs=${3:-240}
"$CT_TOP/scripts/deps.sh" stress-ng
"$CT_TOP/scripts/build-kernel.sh" "$kernel" "$flavour"
"$CT_TOP/scripts/build-guest.sh"
initrd=$(CT_BENCH_STRESS=1 "$CT_TOP/scripts/build-bench.sh" "$kernel" "$flavour")
"$CT_TOP/scripts/run-qemu.sh" -q -k "$kernel" -f "$flavour" -c 4 -t 3600 \
	-i "$initrd" -a "ct.soak_s=$secs" -l "$CT_LOGS/soak-$kernel-$flavour.log" soak
