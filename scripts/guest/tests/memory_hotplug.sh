#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Memory hotplug with compaction running (run-qemu.sh -p 512, booted with
# memhp_default_state=online_movable): a 512 MiB pc-dimm is plugged over
# QMP and onlined into ZONE_MOVABLE, memory there is fragmented and
# compacted, then every new memory block is offlined and onlined again
# while manual compaction runs in a loop.  Hotplug must complete, every
# kept byte verify, MemTotal come back.
. /tests/lib.sh

total_kb() { awk '/^MemTotal:/ { print $2 }' /proc/meminfo; }
t0=$(total_kb)
plug_dimm 512 || exit 1
new=$(cat /tmp/dimm.new)
for b in $new; do
	[ "$(cat $b/state)" = online ] || echo online_movable > $b/state ||
		{ echo "$b would not online"; exit 1; }
done
echo "plugged: $(wc -l < /tmp/dimm.new) memory blocks online, MemTotal $t0 -> $(total_kb) kB"

frag_start $(( $(free_mb) * 50 / 100 )) random 21 || exit 1
z0=$(zone_free_blocks 0 Movable)
echo 1 > /proc/sys/vm/compact_memory
echo "manual: Movable free pageblocks $z0 -> $(zone_free_blocks 0 Movable)"

# offline and online again while manual compaction runs in a loop
touch /tmp/mh.go
(while [ -e /tmp/mh.go ]; do echo 1 > /proc/sys/vm/compact_memory; done) &
loop=$!
# set_state BLOCK STATE: a block busy with migration may refuse for a while
set_state() {
	i=0
	until echo "$2" > "$1/state" 2>/dev/null; do
		i=$((i + 1))
		[ $i -le 20 ] || return 1
		sleep 0.5
	done
}
bad=0
for b in $new; do set_state $b offline || { echo "$b would not offline"; bad=1; }; done
t1=$(total_kb)
for b in $new; do set_state $b online_movable || { echo "$b would not online"; bad=1; }; done
rm /tmp/mh.go
wait $loop
echo "offlined under compaction: MemTotal $t1 kB; onlined again: $(total_kb) kB"
frag_stop || exit 1
[ $bad = 0 ] || exit 1
[ "$t1" = "$t0" ] || { echo "offlining did not give back the dimm's memory"; exit 1; }
