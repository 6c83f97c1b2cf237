#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Non-LRU movable pages (movable_operations): balloon pages that the host
# inflates into the holes of fragmented memory must be migrated by manual
# compaction, none lost, and all of them returned when the balloon
# deflates.  Needs the balloon of run-qemu.sh -b.
. /tests/lib.sh

ls -d /sys/bus/virtio/drivers/virtio_balloon/virtio* >/dev/null 2>&1 ||
	{ echo "no virtio balloon: run-qemu.sh -b"; exit 1; }
vm() { awk -v n="$1" '$1 == n { print $2 }' /proc/vmstat; }
held() { echo $(( $(vm balloon_inflate) - $(vm balloon_deflate) )); }
# wait_held PAGES: until the balloon holds PAGES (10% slack), 120 s at most
wait_held() {
	t=0
	while [ $(( $(held) * 10 )) -lt $(( $1 * 9 )) ] ||
	      [ $(( $(held) * 10 )) -gt $(( $1 * 11 + 10 )) ]; do
		t=$((t + 1))
		[ $t -le 600 ] || { echo "balloon holds $(held) pages, not $1"; return 1; }
		sleep 0.2
	done
}

mb=$(ct_param balloon_mb 256)
frag_start $(( $(free_mb) * 60 / 100 )) random 5 || exit 1
echo "=== CT-BALLOON $mb"
wait_held $(( mb * 256 )) || { frag_stop; exit 1; }
# the fragmenter's pages go; the balloon's stay spread over the blocks
frag_stop || exit 1
inflated=$(held)
echo "balloon: $inflated pages inflated into fragmented memory"
b0=$(free_blocks)
m0=$(vm balloon_migrate)
echo 1 > /proc/sys/vm/compact_memory
m1=$(vm balloon_migrate)
b1=$(free_blocks)
after=$(held)
echo "balloon pages migrated by compaction: $((m1 - m0)); free pageblocks $b0 -> $b1; held $inflated -> $after"
echo 1 > /proc/sys/vm/stat_refresh 2>/dev/null
iso="$(vm nr_isolated_anon) $(vm nr_isolated_file)"
echo "=== CT-BALLOON 0"
wait_held 0 || exit 1
echo "balloon deflated: $(held) pages held; deflated $(vm balloon_deflate) of $(vm balloon_inflate)"
[ $((m1 - m0)) -gt 0 ] || { echo "compaction migrated no balloon page"; exit 1; }
[ "$after" = "$inflated" ] || { echo "the balloon lost or gained pages in compaction"; exit 1; }
[ "$(held)" = 0 ] || { echo "pages left in the balloon after deflating"; exit 1; }
[ "$iso" = "0 0" ] || { echo "nr_isolated_anon/file left at $iso"; exit 1; }
[ "$b1" -gt "$b0" ] || { echo "no pageblock was freed"; exit 1; }
