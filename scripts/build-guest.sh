#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The guest's initramfs.  busybox-static, bash-static, the guest
# scripts from scripts/guest/ and the kselftests we run, built statically
# from the patched tree (so the tests are the series' own versions).
#
#   build-guest.sh            -> $CT_GUEST/initramfs.cpio
. "$(dirname "$0")/lib.sh"

"$CT_TOP/scripts/apply-series.sh"
SELFTESTS="compaction_test compaction_integrity compaction_abi compaction_triggers compaction_fragment"

hdr=$CT_GUEST/khdr
stage=$CT_GUEST/root
st_out=$CT_GUEST/selftests
mkdir -p "$hdr" "$st_out"

# UAPI headers of the patched tree (no config needed)
if [ ! -f "$hdr/.stamp" ] || [ "$(cat "$hdr/.stamp")" != "$(cat "$CT_CACHE/ours/applied")" ]; then
	log "installing UAPI headers"
	make -s -C "$CT_OURS_SRC" O="$hdr/build" headers_install \
		INSTALL_HDR_PATH="$hdr" >/dev/null
	cat "$CT_CACHE/ours/applied" > "$hdr/.stamp"
fi

log "building selftests: $SELFTESTS"
targets=
for t in $SELFTESTS; do targets="$targets $st_out/$t"; done
make -s -C "$CT_OURS_SRC/tools/testing/selftests/mm" OUTPUT="$st_out" \
	KHDR_INCLUDES="-isystem $hdr/include" USERLDFLAGS=-static $targets

rm -rf "$stage"
mkdir -p "$stage"/{bin,sbin,etc,proc,sys,dev,tmp,root,mnt,selftests} \
	"$stage"/usr/{bin,sbin}
cp /bin/busybox "$stage/bin/busybox"
cp /bin/bash-static "$stage/bin/bash"
ln -s busybox "$stage/bin/sh"
for t in $SELFTESTS; do cp "$st_out/$t" "$stage/selftests/"; done
cp "$CT_OURS_SRC/tools/testing/selftests/mm/run_vmtests.sh" "$stage/selftests/"
cp -r "$CT_TOP/scripts/guest/." "$stage/"
chmod +x "$stage/init" "$stage"/tests/*.sh

(cd "$stage" && find . | LC_ALL=C sort | cpio --quiet -o -H newc --reproducible) \
	> "$CT_GUEST/initramfs.cpio.tmp"
mv "$CT_GUEST/initramfs.cpio.tmp" "$CT_GUEST/initramfs.cpio"
log "initramfs: $(du -h "$CT_GUEST/initramfs.cpio" | cut -f1)"
