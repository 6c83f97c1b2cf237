#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A node that comes online after boot gets its debugfs picture
# (run-qemu.sh -e -p 256, booted with memhp_default_state=online_movable):
# node 1 has neither memory nor CPUs at boot; a 256 MiB pc-dimm plugged
# into it over QMP brings it online, and from then on
# /sys/kernel/debug/compaction/node1/Movable must print the zone's picture,
# also after the node's own compact file compacted it.
. /tests/lib.sh

D=/sys/kernel/debug/compaction
N=/sys/devices/system/node
[ -d $D/node0 ] || mount -t debugfs none /sys/kernel/debug
[ -d $D/node0 ] || { echo "no $D/node0"; exit 1; }
grep -q 1 $N/online && { echo "node 1 is online at boot: run-qemu.sh -e"; exit 1; }
[ -e $D/node1 ] && { echo "$D/node1 before node 1 came online"; exit 1; }

plug_dimm 256 1 || exit 1
echo "node online: $(cat $N/online), with memory: $(cat $N/has_memory)"
grep -q 1 $N/has_memory || { echo "node 1 has no memory after the plug"; exit 1; }

# picture FILE: its header and how many pageblock lines it printed
picture() {
	[ -r "$1" ] || { echo "no $1"; return 1; }
	cat "$1" > /tmp/pic || return 1
	lines=$(grep -vc '^#' /tmp/pic)
	echo "$(head -n 1 /tmp/pic); $lines pageblock lines"
	head -n 1 /tmp/pic | grep -q "^# node 1 zone Movable: " && [ "$lines" -gt 0 ]
}
picture $D/node1/Movable || exit 1
echo 1 > $N/node1/compact || exit 1
picture $D/node1/Movable || exit 1
ls $D/node1 | tr '\n' ' '; echo
