#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# nr_hugepages over clean page cache: reclaim must go on while reclaim is
# what would help.  Memory is filled with the clean page cache of a file
# on ext2 on zram (zero pages cost zram nothing), so free memory is low
# and barely fragmented; compaction is skipped for want of free pages, and
# compaction_zonelist_suitable() decides whether the allocator reclaims
# and tries again.  As in 6.12 it must count what reclaim can free (a
# fragmentation test of the free lists as they are says "short of
# memory" and ends the retries early).  Gets at least 80% of the huge
# pages memory allows.  The write stops at the first huge page whose
# allocation fails: an order-9 allocation gives up once its 16 reclaim
# retries are spent and its last compaction try failed or found the zone
# deferred, which falls at a different page in each boot (2026-12-06:
# 87-100% over 15 boots of two versions of ours; 6.12 got 29-75%).
. /tests/lib.sh

echo "$(( $(free_mb) + 64 ))M" > /sys/block/zram0/disksize || exit 1
mke2fs -q /dev/zram0 >/dev/null 2>&1 || { echo "mke2fs failed"; exit 1; }
mkdir -p /mnt/cc && mount -t ext2 /dev/zram0 /mnt/cc || exit 1
dd if=/dev/zero of=/mnt/cc/f bs=1M count=$(( $(free_mb) - 96 )) 2>/dev/null
sync
cached=$(awk '$1 == "Cached:" { print int($2 / 1024) }' /proc/meminfo)
free0=$(free_mb)
# the huge pages free plus clean cache would make, less a margin
want=$(( (free0 + cached - 256) / 2 ))
vmstat_snap /tmp/cc.before
echo $want > /proc/sys/vm/nr_hugepages
got=$(cat /proc/sys/vm/nr_hugepages)
vmstat_snap /tmp/cc.after
echo 0 > /proc/sys/vm/nr_hugepages
umount /mnt/cc
echo 1 > /sys/block/zram0/reset
stall=$(vmstat_change compact_stall /tmp/cc.before /tmp/cc.after)
steal=$(vmstat_change pgsteal_direct /tmp/cc.before /tmp/cc.after)
echo "nr_hugepages over $cached MiB of clean cache, $free0 MiB free: $got of $want (compact_stall +$stall, pgsteal_direct +$steal)"
[ "$got" -ge $(( want * 8 / 10 )) ] ||
	{ echo "FAIL: the allocator stopped reclaiming early"; exit 1; }
