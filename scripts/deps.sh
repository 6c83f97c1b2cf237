#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the pipeline needs (idempotent).
# Extra packages a target needs can be named: deps.sh python3-matplotlib
. "$(dirname "$0")/lib.sh"

PKGS="python3-ply python3-git qemu-system-x86 busybox-static bash-static ccache flex bison libelf-dev
libssl-dev bc cpio xz-utils libnuma-dev libcap-dev gdb python3 rsync kmod
git make gcc perl e2fsprogs $*"

missing=
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
want_src="$BASE_DEB_PACKAGE=$BASE_DEB_VERSION"
have_src=$(dpkg-query -W -f='${Version}' "$BASE_DEB_PACKAGE" 2>/dev/null || true)
[ "$have_src" = "$BASE_DEB_VERSION" ] || missing="$missing $want_src"

[ -z "$missing" ] && exit 0

SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
log "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || true
if ! $SUDO apt-get install -y -qq --no-install-recommends $missing; then
	case "$missing" in
	*"$want_src"*)
		# The pinned base vanished from the archive: take the newest
		# 6.12 source instead and say so loudly.
		log "WARNING: $want_src is not available; falling back to the newest $BASE_DEB_PACKAGE"
		log "WARNING: the series is recorded against $BASE_DEB_VERSION"
		missing=${missing/$want_src/$BASE_DEB_PACKAGE}
		$SUDO apt-get install -y -qq --no-install-recommends $missing
		;;
	*) exit 1 ;;
	esac
fi
