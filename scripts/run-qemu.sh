#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Step 5: boot a kernel in QEMU and run guest tests.
#
#   run-qemu.sh [options] TEST[,TEST...]
#	-k ours|stock     kernel (default ours)
#	-f plain|debug    flavour (default plain; debug adds panic_on_warn)
#	-m SIZE           guest memory (default $CT_MEM or 2G)
#	-t SECONDS        hard timeout (default $CT_TIMEOUT or 900)
#	-a "ARGS"         extra kernel command line (e.g. "ct.mb=512")
#	-l FILE           serial log (default out/<kernel>-<flavour>-<tests>.log)
#	-g PORT           start halted with a gdbstub on PORT
#	-i FILE           initramfs (default $CT_GUEST/initramfs.cpio)
#	-b                add a virtio balloon, inflated and deflated at the
#	                  guest's request ("=== CT-BALLOON MiB" on the console,
#	                  scripts/qmp-balloon.py)
#	-q                quiet: do not echo the console
#
# Exit status: 0 if every test passed and the kernel log holds no WARN,
# BUG, Oops, panic or lockdep report; 1 otherwise; 124 on timeout.
# Prints one "PASS|FAIL|SKIP guest:<test>" line per test, and
# "FAIL guest:kernel-log" for a splat.
. "$(dirname "$0")/lib.sh"

kernel=ours flavour=plain mem=${CT_MEM:-2G} tmo=${CT_TIMEOUT:-900}
extra="" logf="" gdbport="" quiet=0 initrd=$CT_GUEST/initramfs.cpio balloon=0
while getopts "k:f:m:t:a:l:g:i:bq" o; do
	case $o in
	k) kernel=$OPTARG ;;
	f) flavour=$OPTARG ;;
	m) mem=$OPTARG ;;
	t) tmo=$OPTARG ;;
	a) extra=$OPTARG ;;
	l) logf=$OPTARG ;;
	g) gdbport=$OPTARG ;;
	i) initrd=$OPTARG ;;
	b) balloon=1 ;;
	q) quiet=1 ;;
	*) die "see the header of $0" ;;
	esac
done
shift $((OPTIND - 1))
tests=${1:?no tests given}

img=$(build_dir "$kernel" "$flavour")/arch/x86/boot/bzImage
[ -f "$img" ] || die "$img missing: scripts/build-kernel.sh $kernel $flavour"
[ -f "$initrd" ] || die "$initrd missing: scripts/build-guest.sh"
mkdir -p "$CT_LOGS"
logf=${logf:-$CT_LOGS/$kernel-$flavour-${tests//,/+}.log}

cmdline="console=ttyS0 nokaslr norandmaps panic=-1 oops=panic loglevel=6 ct.kernel=$kernel ct.run=$tests"
[ "$flavour" = debug ] && cmdline="$cmdline panic_on_warn=1"
cmdline="$cmdline $extra"

qemu=(qemu-system-x86_64 -accel tcg -cpu qemu64,+pdpe1gb -smp 2 -m "$mem"
	-nodefaults -display none -no-reboot -serial stdio
	-kernel "$img" -initrd "$initrd" -append "$cmdline")
# Deterministic guest: time counts instructions (NOTES-testing).
[ "${CT_ICOUNT:-1}" = 1 ] && qemu+=(-icount shift=0,sleep=off
	-rtc base=2024-01-01T00:00:00,clock=vm)
[ -n "$gdbport" ] && qemu+=(-gdb "tcp:127.0.0.1:$gdbport" -S)
if [ $balloon = 1 ]; then
	case $mem in
	*G) mib=$(( ${mem%G} * 1024 )) ;;
	*M) mib=${mem%M} ;;
	*) die "-b needs -m in M or G" ;;
	esac
	qmp=$(mktemp -u /tmp/ct-qmp.XXXXXX)
	qemu+=(-device virtio-balloon-pci -qmp "unix:$qmp,server=on,wait=off")
	: > "$logf"
	/usr/bin/python3 "$CT_TOP/scripts/qmp-balloon.py" "$qmp" "$logf" "$mib" \
		> "$logf.qmp" 2>&1 &
	helper=$!
	trap 'kill $helper 2>/dev/null; rm -f "$qmp"' EXIT
fi

log "booting $kernel/$flavour ($mem): $tests"
rc=0
if [ $quiet = 1 ]; then
	timeout -k 10 "$tmo" "${qemu[@]}" < /dev/null > "$logf" 2>&1 || rc=$?
else
	timeout -k 10 "$tmo" "${qemu[@]}" < /dev/null 2>&1 | tee "$logf" ||
		rc=${PIPESTATUS[0]}
fi
[ $rc = 124 ] || [ $rc = 137 ] && { echo "FAIL guest:timeout (${tmo}s)"; exit 124; }

"$CT_TOP/scripts/guest-verdict.sh" "$logf" "$tests"
