#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Compaction among the page kinds of a real machine, in a guest booted with
# run-qemu.sh -d (an ext4 disk whose writes are throttled): dirty and writeback page cache of ext4 and swap on zram (zsmalloc
#     pages are non-LRU movable) while direct compaction serves huge page
#     allocations: no direct compaction migrates in MIGRATE_SYNC (only
#     manual compaction may wait for writeback), then manual compaction
#     over the same memory; the files read back intact after a drop of
#     the page cache, the swapped pages verify byte for byte.
. /tests/lib.sh

T=/sys/kernel/tracing
mount -t ext4 /dev/vda /mnt || { echo "no ext4 disk: run-qemu.sh -d"; exit 1; }
echo 512M > /sys/block/zram0/disksize && mkswap /dev/zram0 >/dev/null &&
	swapon /dev/zram0 || { echo "no swap on zram"; exit 1; }

dd if=/dev/urandom of=/tmp/src bs=1M count=48 2>/dev/null
sum=$(md5sum < /tmp/src)
echo 0 > $T/tracing_on
echo > $T/trace
echo 1 > $T/events/migrate/mm_migrate_pages/enable
echo 1 > $T/events/compaction/mm_compaction_try_to_compact_pages/enable
echo 1 > $T/tracing_on
frag_start $(( $(free_mb) / 2 )) random 13 -z || exit 1
# a second one touches more than is free, pushing kept pages out to zram
# (they compress, so that frees memory), and keeps one page in 64 of its
# own
: > /tmp/hog.out
compaction_fragment -m $(( $(free_mb) + 192 )) -p sparse -s 14 -z > /tmp/hog.out 2>&1 &
hog=$!
wait_ready $hog /tmp/hog.out || exit 1
(for i in 1 2 3; do cp /tmp/src /mnt/f$i; done) &
writer=$!
sleep 2
grep -E '^(Dirty|Writeback|SwapTotal|SwapFree):' /proc/meminfo | tr -s ' ' | tr '\n' ' '
echo
vmstat_snap /tmp/pk.before
echo $(( $(free_blocks) + 64 )) > /proc/sys/vm/nr_hugepages
got=$(cat /proc/sys/vm/nr_hugepages)
echo 0 > /proc/sys/vm/nr_hugepages
vmstat_snap /tmp/pk.after
echo 0 > $T/tracing_on
sync_mig=$(grep -c 'mode=MIGRATE_SYNC reason=compaction' $T/trace)
prios=$(sed -n 's/.*mm_compaction_try_to_compact_pages:.*priority=\([0-9]*\).*/\1/p' $T/trace |
	sort | uniq -c | tr -s ' \n' ' ')
echo "direct: $got huge pages, compact_stall +$(vmstat_change compact_stall /tmp/pk.before /tmp/pk.after), priorities tried (count prio): $prios"
echo "direct compaction migrations in MIGRATE_SYNC: $sync_mig"
echo "pswpout +$(vmstat_change pswpout /tmp/pk.before /tmp/pk.after), pgmigrate_success +$(vmstat_change pgmigrate_success /tmp/pk.before /tmp/pk.after)"
b0=$(free_blocks)
echo 1 > /proc/sys/vm/compact_memory
echo "manual compaction over dirty, writeback and zram-backed memory: free pageblocks $b0 -> $(free_blocks)"
echo 0 > $T/events/migrate/mm_migrate_pages/enable
echo 0 > $T/events/compaction/mm_compaction_try_to_compact_pages/enable
frag_stop || exit 1
kill -USR1 $hog
wait $hog || { echo "second fragmenter: $(cat /tmp/hog.out)"; exit 1; }
echo "second fragmenter: $(tail -n 1 /tmp/hog.out)"
wait $writer || { echo "writing to ext4 failed"; exit 1; }
sync
echo 3 > /proc/sys/vm/drop_caches
for i in 1 2 3; do
	[ "$(md5sum < /mnt/f$i)" = "$sum" ] || { echo "/mnt/f$i corrupted"; exit 1; }
done
echo "ext4 files read back intact"
[ "$sync_mig" = 0 ] || { echo "direct compaction migrated in MIGRATE_SYNC"; exit 1; }
[ "$got" -gt 0 ] || { echo "no huge page at all"; exit 1; }
swapoff /dev/zram0 || exit 1
rm -f /mnt/f1 /mnt/f2 /mnt/f3
umount /mnt
