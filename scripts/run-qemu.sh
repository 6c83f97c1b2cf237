#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot a kernel in QEMU and run guest tests.
#
#   run-qemu.sh [options] TEST[,TEST...]
#	-k ours|stock     kernel (default ours)
#	-K FILE           boot this bzImage instead (a kernel kept from before
#	                  a change, to show a test failing there)
#	-f plain|debug    flavour (default plain; debug adds panic_on_warn)
#	-m SIZE           guest memory (default $CT_MEM or 2G)
#	-t SECONDS        hard timeout (default $CT_TIMEOUT or 900)
#	-a "ARGS"         extra kernel command line (e.g. "ct.mb=512")
#	-l FILE           serial log (default out/<kernel>-<flavour>-<tests>.log)
#	-g PORT           start halted with a gdbstub on PORT
#	-i FILE           initramfs (default $CT_GUEST/initramfs.cpio)
#	-b                add a virtio balloon, inflated and deflated at the
#	                  guest's request ("=== CT-BALLOON MiB" on the console,
#	                  scripts/qmp-guest.py)
#	-d                add a fresh 1 GiB ext4 disk (virtio-blk, /dev/vda in
#	                  the guest) whose writes are throttled to 4 MiB/s, so
#	                  that written pages stay dirty and under writeback
#	-n NODES          split memory and CPUs over NODES NUMA nodes (2)
#	-p MIB            room for MIB of pc-dimm memory, plugged at the
#	                  guest's request ("=== CT-DIMM MiB [NODE]",
#	                  qmp-guest.py)
#	-e                add a NUMA node 1 without memory or CPUs, which a
#	                  pc-dimm plugged into it brings online (with -p)
#	-c CPUS           vCPUs (default 2)
#	-q                quiet: do not echo the console
#
# Exit status: 0 if every test passed and the kernel log holds no WARN,
# BUG, Oops, panic or lockdep report; 1 otherwise; 124 on timeout.
# Prints one "PASS|FAIL|SKIP guest:<test>" line per test, and
# "FAIL guest:kernel-log" for a splat.
. "$(dirname "$0")/lib.sh"

kernel=ours flavour=plain mem=${CT_MEM:-2G} tmo=${CT_TIMEOUT:-900}
extra="" logf="" gdbport="" quiet=0 initrd=$CT_GUEST/initramfs.cpio balloon=0
disk=0 nodes=1 plug=0 cpus=2 img="" empty=0
while getopts "k:K:f:m:t:a:l:g:i:bdn:p:c:eq" o; do
	case $o in
	k) kernel=$OPTARG ;;
	K) img=$OPTARG ;;
	f) flavour=$OPTARG ;;
	m) mem=$OPTARG ;;
	t) tmo=$OPTARG ;;
	a) extra=$OPTARG ;;
	l) logf=$OPTARG ;;
	g) gdbport=$OPTARG ;;
	i) initrd=$OPTARG ;;
	b) balloon=1 ;;
	d) disk=1 ;;
	n) nodes=$OPTARG ;;
	p) plug=$OPTARG ;;
	c) cpus=$OPTARG ;;
	e) empty=1 ;;
	q) quiet=1 ;;
	*) die "see the header of $0" ;;
	esac
done
shift $((OPTIND - 1))
tests=${1:?no tests given}

img=${img:-$(build_dir "$kernel" "$flavour")/arch/x86/boot/bzImage}
[ -f "$img" ] || die "$img missing: scripts/build-kernel.sh $kernel $flavour"
[ -f "$initrd" ] || die "$initrd missing: scripts/build-guest.sh"
mkdir -p "$CT_LOGS"
logf=${logf:-$CT_LOGS/$kernel-$flavour-${tests//,/+}.log}

cmdline="console=ttyS0 nokaslr norandmaps panic=-1 oops=panic loglevel=6 ct.kernel=$kernel ct.run=$tests"
[ "$flavour" = debug ] && cmdline="$cmdline panic_on_warn=1"
cmdline="$cmdline $extra"

case $mem in
*G) mib=$(( ${mem%G} * 1024 )) ;;
*M) mib=${mem%M} ;;
*) die "-m takes a size in M or G" ;;
esac
memarg=$mem
[ "$plug" -gt 0 ] && memarg="$mem,slots=2,maxmem=$((mib + plug))M"
# a socket per node: CPUs sharing a cache across nodes make the kernel
# warn (topology_sane)
smp=$cpus
[ "$nodes" -gt 1 ] && smp="$cpus,sockets=$nodes,cores=$((cpus / nodes)),threads=1"
qemu=(qemu-system-x86_64 -accel tcg -cpu qemu64,+pdpe1gb -smp "$smp"
	-m "$memarg" -nodefaults -display none -no-reboot -serial stdio
	-kernel "$img" -initrd "$initrd" -append "$cmdline")
if [ "$nodes" -gt 1 ]; then
	[ $((mib % nodes)) = 0 ] && [ $((cpus % nodes)) = 0 ] ||
		die "-n $nodes: memory and CPUs must split evenly"
	for ((n = 0; n < nodes; n++)); do
		first=$((n * cpus / nodes)) last=$(((n + 1) * cpus / nodes - 1))
		qemu+=(-object "memory-backend-ram,id=nodemem$n,size=$((mib / nodes))M"
			-numa "node,nodeid=$n,cpus=$first-$last,memdev=nodemem$n")
	done
fi
if [ $empty = 1 ]; then
	[ "$nodes" = 1 ] && [ "$plug" -gt 0 ] || die "-e needs -p and one node"
	qemu+=(-object "memory-backend-ram,id=nodemem0,size=${mib}M"
		-numa "node,nodeid=0,cpus=0-$((cpus - 1)),memdev=nodemem0"
		-numa "node,nodeid=1")
fi
if [ $disk = 1 ]; then
	img_disk=$(mktemp /tmp/ct-disk.XXXXXX)
	truncate -s 1G "$img_disk"
	mkfs.ext4 -q -F "$img_disk"
	qemu+=(-drive "file=$img_disk,if=virtio,format=raw,throttling.bps-write=4194304")
fi
# Deterministic guest: time counts instructions (bench/README.md, "Measuring compaction in a QEMU guest").
[ "${CT_ICOUNT:-1}" = 1 ] && qemu+=(-icount shift=0,sleep=off
	-rtc base=2024-01-01T00:00:00,clock=vm)
# extra QEMU arguments, word-split (a TCG plugin: scripts/tcg-profile.sh)
[ -n "${CT_QEMU_EXTRA:-}" ] && read -ra qemu_extra <<< "$CT_QEMU_EXTRA" &&
	qemu+=("${qemu_extra[@]}")
[ -n "$gdbport" ] && qemu+=(-gdb "tcp:127.0.0.1:$gdbport" -S)
helper="" qmp=""
trap 'if [ -n "$helper" ]; then kill $helper 2>/dev/null; fi
      rm -f "$qmp" "${img_disk:-}"' EXIT
if [ $balloon = 1 ] || [ "$plug" -gt 0 ]; then
	qmp=$(mktemp -u /tmp/ct-qmp.XXXXXX)
	[ $balloon = 1 ] && qemu+=(-device virtio-balloon-pci)
	qemu+=(-qmp "unix:$qmp,server=on,wait=off")
	: > "$logf"
	/usr/bin/python3 "$CT_TOP/scripts/qmp-guest.py" "$qmp" "$logf" "$mib" \
		> "$logf.qmp" 2>&1 &
	helper=$!
fi

progress() {	# each guest test's end, as the serial log shows it
	local line
	while IFS= read -r line; do
		line=${line%$'\r'}
		case $line in
		'=== CT-TEST-END '*) echo "[$(date +%T)] ${line#=== CT-TEST-END }" ;;
		esac
	done
}

log "booting $kernel/$flavour ($mem): $tests"
rc=0 t0=$(date +%s)
if [ $quiet = 1 ]; then
	# quiet, but say when each test ends: "[hh:mm:ss] <test> PASS"
	timeout -k 10 "$tmo" "${qemu[@]}" < /dev/null > "$logf" 2>&1 &
	guest=$!
	tail -n +1 -F --pid=$guest "$logf" 2>/dev/null | progress || true
	wait $guest || rc=$?
else
	timeout -k 10 "$tmo" "${qemu[@]}" < /dev/null 2>&1 | tee "$logf" ||
		rc=${PIPESTATUS[0]}
fi
# 137: SIGKILL, from timeout's -k or, before the timeout, from elsewhere
# (the host's OOM killer when guests outgrow the machine's memory)
el=$(( $(date +%s) - t0 ))
if [ $rc = 137 ] && [ $el -lt "$tmo" ]; then
	echo "FAIL guest:killed (SIGKILL after ${el}s, before the ${tmo}s timeout: the host's OOM killer?)"
	exit 1
fi
[ $rc = 124 ] || [ $rc = 137 ] && { echo "FAIL guest:timeout (${tmo}s)"; exit 124; }

"$CT_TOP/scripts/guest-verdict.sh" "$logf" "$tests"
