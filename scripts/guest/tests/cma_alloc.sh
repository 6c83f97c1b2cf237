#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# alloc_contig_range() through our isolation: with memory fragmented and
# the CMA area (boot with cma=) holding movable pages, allocate the whole
# area through CMA debugfs, free it, and verify the fragmenter's pages.
. /tests/lib.sh
d=/sys/kernel/debug/cma/reserved
[ -d $d ] || { echo "no CMA area: boot with cma="; exit 1; }
count=$(cat $d/count)
echo "CMA area: $count pages from pfn $(cat $d/base_pfn)"
frag_start $(( $(free_mb) * 85 / 100 )) random 3 || exit 1
vmstat_snap /tmp/cma.before
if ! echo "$count" > $d/alloc; then
	echo "allocating the $count pages of the CMA area failed"
	frag_stop
	exit 1
fi
used=$(cat $d/used)
vmstat_snap /tmp/cma.after
vmstat_delta /tmp/cma.before /tmp/cma.after
echo "$count" > $d/free
echo "CMA used after alloc: $used of $count; after free: $(cat $d/used)"
frag_stop || exit 1
moved=$(vmstat_change pgmigrate_success /tmp/cma.before /tmp/cma.after)
[ "$used" = "$count" ] || { echo "CMA reports $used pages used"; exit 1; }
[ "$moved" -gt 0 ] || { echo "no page was in the way: the test proved nothing"; exit 1; }
echo "alloc_contig_range migrated $moved pages out of the area"
