#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Waits for compaction can be killed.  Two writers compact all memory at
# once; the second waits for the zone the first is compacting (its
# occupancy picture).  SIGKILL must end the second at once, not when the
# first is done: its exit may take at most a quarter of the first
# writer's run, and the first must still be running then.  Repeated with
# a writer of nodeN/compact.  Every kept byte is verified.
. /tests/lib.sh

frag_start $(( $(free_mb) * 60 / 100 )) random 3 || exit 1
st=0

# kill_waiter FILE: as above, with both writers writing 1 to FILE
kill_waiter() {
	local t0 t1 tk tb a b
	t0=${EPOCHREALTIME/./}
	(echo 1 > "$1") &
	a=$!
	sleep 0.05
	(echo 1 > "$1") &
	b=$!
	sleep 0.05
	tk=${EPOCHREALTIME/./}
	kill -9 $b
	wait $b 2>/dev/null
	tb=${EPOCHREALTIME/./}
	kill -0 $a 2>/dev/null && alive=yes || alive=no
	wait $a
	t1=${EPOCHREALTIME/./}
	echo "$1: first writer ran $(( (t1 - t0) / 1000 )) ms; killed one exited $(( (tb - tk) / 1000 )) ms after SIGKILL, first still running: $alive"
	if [ $alive = no ] || [ $(( (tb - tk) * 4 )) -gt $(( t1 - t0 )) ]; then
		echo "FAIL: the killed writer waited for the first one"
		return 1
	fi
}

kill_waiter /proc/sys/vm/compact_memory || st=1
# the first run compacted everything: fragment again
frag_stop || st=1
frag_start $(( $(free_mb) * 60 / 100 )) random 4 || exit 1
kill_waiter /sys/devices/system/node/node0/compact || st=1
frag_stop || st=1
exit $st
