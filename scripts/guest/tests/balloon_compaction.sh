#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Non-LRU movable pages (movable_operations): balloon pages that the host
# inflates into the holes of fragmented memory must be migrated by manual
# compaction, and every one of them must come back when the balloon
# deflates.  Needs the balloon of run-qemu.sh -b.  (init checks after
# every test that no page stayed isolated.)
. /tests/lib.sh

ls -d /sys/bus/virtio/drivers/virtio_balloon/virtio* >/dev/null 2>&1 ||
	{ echo "no virtio balloon: run-qemu.sh -b"; exit 1; }
vm() { awk -v n="$1" '$1 == n { print $2 }' /proc/vmstat; }
held() { echo $(( $(vm balloon_inflate) - $(vm balloon_deflate) )); }
total_kb() { awk '/^MemTotal:/ { print $2 }' /proc/meminfo; }
# balloon MIB: ask the host for a balloon of MIB and wait until it holds
# exactly that, twice in a row; the request is repeated every 5 s (a
# kernel message may break the console line), 120 s at most
balloon() {
	want=$(( $1 * 256 )) t=0 same=0
	while [ $same -lt 2 ]; do
		[ $((t % 25)) = 0 ] && echo "=== CT-BALLOON $1"
		t=$((t + 1))
		[ $t -le 600 ] || { echo "balloon holds $(held) pages, not $want"; return 1; }
		sleep 0.2
		if [ "$(held)" = "$want" ]; then same=$((same + 1)); else same=0; fi
	done
}

mb=$(ct_param balloon_mb 256)
total0=$(total_kb)
frag_start $(( $(free_mb) * 60 / 100 )) random 5 || exit 1
balloon "$mb" || { frag_stop; exit 1; }
# the fragmenter's pages go; the balloon's stay spread over the blocks
frag_stop || exit 1
echo "balloon: $(held) pages inflated into fragmented memory, MemTotal $total0 -> $(total_kb) kB"
b0=$(free_blocks)
m0=$(vm balloon_migrate)
echo 1 > /proc/sys/vm/compact_memory
m1=$(vm balloon_migrate)
b1=$(free_blocks)
echo "balloon pages migrated by compaction: $((m1 - m0)); free pageblocks $b0 -> $b1"
balloon 0 || exit 1
total1=$(total_kb)
echo "balloon deflated: $(vm balloon_deflate) of $(vm balloon_inflate) pages back; MemTotal $total1 kB"
[ $((m1 - m0)) -gt 0 ] || { echo "compaction migrated no balloon page"; exit 1; }
[ "$b1" -gt "$b0" ] || { echo "no pageblock was freed"; exit 1; }
[ "$total1" = "$total0" ] || { echo "MemTotal did not come back: $total0 -> $total1 kB"; exit 1; }
