#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Turn Debian's linux-source tarball into a git repository whose
# first commit is the pristine base.  Idempotent: a base that exists and
# matches the installed package is kept.
. "$(dirname "$0")/lib.sh"

tarball=/usr/src/$BASE_DEB_PACKAGE.tar.xz
[ -f "$tarball" ] || die "$tarball missing: run scripts/deps.sh"
deb_ver=$(dpkg-query -W -f='${Version}' "$BASE_DEB_PACKAGE")
stamp=$CT_BASE/.git/ct-base-version

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$deb_ver" ]; then
	exit 0
fi

if [ "$deb_ver" != "$BASE_DEB_VERSION" ]; then
	log "WARNING: base is $BASE_DEB_PACKAGE $deb_ver, series recorded against $BASE_DEB_VERSION"
fi

log "extracting $tarball ($deb_ver) into $CT_BASE"
rm -rf "$CT_BASE" "$CT_OURS_SRC" "$CT_BASE.tmp"
mkdir -p "$(dirname "$CT_BASE")"
mkdir -p "$CT_BASE.tmp"
tar -C "$CT_BASE.tmp" --strip-components=1 -xJf "$tarball"

cd "$CT_BASE.tmp"
kv=$(make -s kernelversion)
[ "$kv" = "$BASE_KERNELVERSION" ] ||
	log "WARNING: kernelversion $kv differs from the recorded $BASE_KERNELVERSION"
git init -q -b pristine
git config user.name "Compaction Series"
git config user.email "compaction@localhost"
git config gc.auto 0
# Debian's top-level .gitignore ignores the whole tree; force-add it all.
git add -f -A
GIT_AUTHOR_DATE='2024-01-01T00:00:00Z' GIT_COMMITTER_DATE='2024-01-01T00:00:00Z' \
	git commit -q -m "Linux $kv (Debian $BASE_DEB_PACKAGE $deb_ver)"
git tag base
cd /
mv "$CT_BASE.tmp" "$CT_BASE"
echo "$deb_ver" > "$stamp"
log "base: Linux $kv, Debian $deb_ver, commit $(git -C "$CT_BASE" rev-parse --short base)"
