#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The benchmark's guest additions for one kernel: the pageblock survey
# and page allocator micro-benchmark modules built against that kernel's
# build directory, and the workloads from bench/guest/: static programs
# and the guest scripts bench_*.sh.  They go into a small cpio archive
# appended to the test initramfs (the kernel unpacks both).
#
#   build-bench.sh <ours|stock> <plain|debug>
#	-> $CT_CACHE/bench/initrd-<kernel>-<flavour>.cpio (path printed)
#   CT_BENCH_STRESS=1: stress-ng and its shared libraries go in too (the
#	soak's; about 33 MB of the guest's memory, so only when asked)
. "$(dirname "$0")/lib.sh"

kernel=${1:?kernel}
flavour=${2:?flavour}
bd=$(build_dir "$kernel" "$flavour")
out=$CT_CACHE/bench/$kernel-$flavour
initrd=$CT_CACHE/bench/initrd-$kernel-$flavour.cpio
[ -f "$bd/vmlinux" ] || die "$bd not built: scripts/build-kernel.sh $kernel $flavour"
[ -f "$CT_GUEST/initramfs.cpio" ] || die "no initramfs: scripts/build-guest.sh"

rm -rf "$out"
mkdir -p "$out/module" "$out/root/bench"
cp "$CT_TOP"/bench/survey/pageblock_survey.c \
	"$CT_TOP"/bench/alloc/page_alloc_bench.c "$out/module/"
echo "obj-m := pageblock_survey.o page_alloc_bench.o" > "$out/module/Kbuild"
log "building pageblock_survey.ko and page_alloc_bench.ko for $kernel/$flavour"
make -s -C "$bd" M="$out/module" modules >&2
cp "$out/module/"{pageblock_survey,page_alloc_bench}.ko "$out/root/bench/"
# thp_fault_bench's code lies apart from busybox's, where a TCG plugin
# can tell its marks by address alone (scripts/fault-clock.sh)
for p in bench_mix thp_fault_bench; do
	ld=""
	[ $p = thp_fault_bench ] && ld=-Wl,-Ttext-segment=0x20000000
	gcc -O2 -Wall -Wextra -static -no-pie $ld -pthread \
		-o "$out/root/bench/$p" "$CT_TOP/bench/guest/$p.c"
done
if [ "${CT_BENCH_STRESS:-0}" = 1 ]; then
	sng=$(command -v stress-ng) || die "CT_BENCH_STRESS=1: stress-ng is not installed"
	for f in "$sng" $(ldd "$sng" | awk '$2 == "=>" { print $3 } $1 ~ /^\// { print $1 }'); do
		mkdir -p "$out/root$(dirname "$f")"
		cp -L "$f" "$out/root$f"
	done
fi
# the workloads join the tests in /tests, where the guest's init runs them
mkdir -p "$out/root/tests"
cp "$CT_TOP"/bench/guest/*.sh "$out/root/tests/"
chmod +x "$out/root/tests/"*.sh
(cd "$out/root" && find . -mindepth 1 | sed 's,^\./,,' | LC_ALL=C sort |
	cpio --quiet -o -H newc --reproducible) > "$out/extra.cpio"
# replaced whole: a guest booting meanwhile reads the old one or the new
cat "$CT_GUEST/initramfs.cpio" "$out/extra.cpio" > "$initrd.tmp"
mv "$initrd.tmp" "$initrd"
echo "$initrd"
