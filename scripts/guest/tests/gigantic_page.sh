#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A 1 GiB hugetlb page after fragmentation: alloc_contig_range() must clear
# a whole gigantic range through our isolation.  Needs a guest with room
# (3 GiB) and a CPU with 1 GiB pages.
. /tests/lib.sh
h=/sys/kernel/mm/hugepages/hugepages-1048576kB
[ -d $h ] || { echo "no 1 GiB huge pages (cpu flag pdpe1gb)"; exit 4; }
# A third of free memory: enough that pages sit in the gigantic range,
# not so much that unmovable page tables land in every 1 GiB range.
frag_start "$(ct_param gigmb $(( $(free_mb) * 35 / 100 )))" random 4 || exit 1
vmstat_snap /tmp/gig.before
echo 1 > $h/nr_hugepages
got=$(cat $h/nr_hugepages)
vmstat_snap /tmp/gig.after
vmstat_delta /tmp/gig.before /tmp/gig.after
echo 0 > $h/nr_hugepages
echo "1 GiB pages obtained: $got"
frag_stop || exit 1
moved=$(awk '$1 == "pgmigrate_success" { print $2 }' /tmp/gig.after)
moved=$((moved - $(awk '$1 == "pgmigrate_success" { print $2 }' /tmp/gig.before)))
[ "$got" = 1 ] || exit 1
[ "$moved" -gt 0 ] || { echo "no page was in the way: the test proved nothing"; exit 1; }
echo "alloc_contig_range migrated $moved pages out of the range"
