#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Two NUMA nodes (run-qemu.sh -n 2): a kcompactd per node; nodeN/compact
# compacts that node only; direct compaction for a node's huge pages; and
# compaction's targets stay in the node of the pages it moves (the
# fragmenter, bound to node 1, checks that none of its pages left it).
. /tests/lib.sh

[ -d /sys/devices/system/node/node1 ] || { echo "one node: run-qemu.sh -n 2"; exit 1; }
for n in 0 1; do
	ps | grep -q "\[kcompactd$n\]" || { echo "no kcompactd$n"; exit 1; }
done
echo "kcompactd0 and kcompactd1 run"

frag_start $(( $(node_free_mb 1) * 60 / 100 )) random 17 "-n 1" || exit 1
n0=$(node_free_blocks 0) n1=$(node_free_blocks 1)
echo 1 > /sys/devices/system/node/node1/compact
m0=$(node_free_blocks 0) m1=$(node_free_blocks 1)
echo "node1/compact: free pageblocks node 0 $n0 -> $m0, node 1 $n1 -> $m1"
frag_stop || exit 1
[ "$m1" -gt "$n1" ] || { echo "node 1 gained no free pageblock"; exit 1; }
[ "$m0" -le $((n0 + 1)) ] || { echo "node 0 changed: node1/compact compacted it"; exit 1; }

H=/sys/devices/system/node/node1/hugepages/hugepages-2048kB/nr_hugepages
frag_start $(( $(node_free_mb 1) * 60 / 100 )) halves 18 "-n 1" || exit 1
want=$(( $(node_free_blocks 1) + 16 ))
vmstat_snap /tmp/nn.before
echo $want > $H
got=$(cat $H)
vmstat_snap /tmp/nn.after
echo 0 > $H
echo "node 1 huge pages: $got of $want (compact_stall +$(vmstat_change compact_stall /tmp/nn.before /tmp/nn.after))"
frag_stop || exit 1
[ "$got" -ge $((want - 2)) ] || { echo "direct compaction of node 1 fell short"; exit 1; }
