#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make gdb` and the gdb smoke test of `make check`.
#
#   gdb-smoke.sh [-i] [-k ours|stock] [-f plain|debug]
#	-i   interactive: boot halted, attach gdb with vmlinux and the
#	     kernel's gdb scripts loaded, and hand over the prompt
#   without -i: run scripts/gdb/compaction-smoke.gdb against a guest that
#   fragments memory and compacts once, and check what gdb printed: the
#   breakpoint was hit in compaction, with the migration scanner below the
#   free scanner inside the zone.
. "$(dirname "$0")/lib.sh"

kernel=ours flavour=debug interactive=0
while getopts "ik:f:" o; do
	case $o in
	i) interactive=1 ;;
	k) kernel=$OPTARG ;;
	f) flavour=$OPTARG ;;
	*) die "usage: gdb-smoke.sh [-i] [-k ours|stock] [-f plain|debug]" ;;
	esac
done
bdir=$(build_dir "$kernel" "$flavour")
port=$((20000 + $$ % 20000))
mkdir -p "$CT_LOGS"
gdbinit=(-nx -q -ex "set auto-load safe-path /" -ex "file $bdir/vmlinux"
	-ex "source $bdir/vmlinux-gdb.py" -ex "target remote 127.0.0.1:$port")

if [ $interactive = 1 ]; then
	"$CT_TOP/scripts/run-qemu.sh" -k "$kernel" -f "$flavour" -g "$port" -q \
		-t 3600 -l "$CT_LOGS/gdb-console.log" "${CT_GDB_TESTS:-gdb_trigger}" &
	log "guest console: $CT_LOGS/gdb-console.log; try: hbreak migrate_pages, continue"
	sleep 1
	gdb "${gdbinit[@]}"
	kill %1 2>/dev/null || true
	exit 0
fi

out=$CT_LOGS/gdb-smoke.out
"$CT_TOP/scripts/run-qemu.sh" -k "$kernel" -f "$flavour" -g "$port" -q \
	-t 600 -l "$CT_LOGS/gdb-smoke-console.log" gdb_trigger > "$CT_LOGS/gdb-smoke.verdict" &
qpid=$!
sleep 1
timeout 600 gdb -batch "${gdbinit[@]}" -x "$CT_TOP/scripts/gdb/compaction-smoke.gdb" \
	> "$out" 2>&1 || true
wait $qpid
vrc=$?
cat "$out" | grep '^CT-GDB\|^#' || true

read -r mig free < <(sed -n 's/^CT-GDB migrate_pfn=\([0-9]*\) free_pfn=\([0-9]*\)/\1 \2/p' "$out")
zone=$(sed -n 's/^CT-GDB zone=\([A-Za-z0-9]*\).*/\1/p' "$out")
if [ -n "${mig:-}" ] && [ -n "${free:-}" ] && [ "$mig" -lt "$free" ] && [ -n "$zone" ] &&
   grep -q 'compact' "$out" && [ $vrc = 0 ]; then
	log "gdb smoke: stopped in compaction of zone $zone, migrate_pfn $mig < free_pfn $free"
	exit 0
fi
log "gdb smoke failed (guest verdict $vrc); see $out"
exit 1
