#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Workload for the gdb smoke test: fragment, then compact once, so the
# breakpoint in the compaction code is hit with scanners in motion.
. /tests/lib.sh
frag_start 256 alternate 1 || exit 1
echo 1 > /proc/sys/vm/compact_memory
frag_stop
