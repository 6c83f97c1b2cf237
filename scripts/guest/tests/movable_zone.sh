#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ZONE_MOVABLE (booted with movablecore=): manual compaction frees
# pageblocks in it, and direct compaction gets huge pages there; every
# kept byte is verified.
. /tests/lib.sh

grep -q 'Movable' /proc/buddyinfo || { echo "no Movable zone: boot with movablecore="; exit 1; }
frag_start $(( $(free_mb) * 50 / 100 )) random 19 || exit 1
z0=$(zone_free_blocks 0 Movable)
echo 1 > /proc/sys/vm/compact_memory
z1=$(zone_free_blocks 0 Movable)
echo "manual: Movable free pageblocks $z0 -> $z1"
frag_stop || exit 1
[ "$z1" -gt "$z0" ] || { echo "no pageblock freed in ZONE_MOVABLE"; exit 1; }

frag_start $(( $(free_mb) * 50 / 100 )) halves 20 || exit 1
z0=$(zone_free_blocks 0 Movable)
want=$(( $(free_blocks) + 32 ))
echo $want > /proc/sys/vm/nr_hugepages
got=$(cat /proc/sys/vm/nr_hugepages)
echo 0 > /proc/sys/vm/nr_hugepages
echo "direct: nr_hugepages $got of $want (Movable free pageblocks before: $z0)"
frag_stop || exit 1
[ "$got" -ge $((want - 2)) ] || { echo "direct compaction fell short"; exit 1; }
