#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A 1 GiB hugetlb page after fragmentation: alloc_contig_range() must clear
# a whole gigantic range through our isolation.  Needs a guest with room
# (3 GiB), a CPU with 1 GiB pages, and hugetlb_cma=1G: in a CMA area no
# unmovable page (page tables of the fragmenter, say) can land, so the
# range is always clearable and the test is about migration alone.
. /tests/lib.sh
h=/sys/kernel/mm/hugepages/hugepages-1048576kB
[ -d $h ] || { echo "no 1 GiB huge pages (cpu flag pdpe1gb)"; exit 4; }
# A third of free memory: movable allocations spill into CMA areas once
# they hold more than half of free memory, so pages sit in the range.
frag_start "$(ct_param gigmb $(( $(free_mb) * 35 / 100 )))" random 4 || exit 1
vmstat_snap /tmp/gig.before
echo 1 > $h/nr_hugepages
got=$(cat $h/nr_hugepages)
vmstat_snap /tmp/gig.after
vmstat_delta /tmp/gig.before /tmp/gig.after
echo 0 > $h/nr_hugepages
echo "1 GiB pages obtained: $got"
frag_stop || exit 1
moved=$(vmstat_change pgmigrate_success /tmp/gig.before /tmp/gig.after)
[ "$got" = 1 ] || exit 1
[ "$moved" -gt 0 ] || { echo "no page was in the way: the test proved nothing"; exit 1; }
echo "alloc_contig_range migrated $moved pages out of the range"
