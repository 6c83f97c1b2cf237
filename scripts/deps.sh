#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the pipeline needs (idempotent).
# Extra packages a target needs can be named: deps.sh python3-matplotlib
. "$(dirname "$0")/lib.sh"

PKGS="python3-ply python3-git qemu-system-x86 busybox-static bash-static ccache flex bison libelf-dev
libssl-dev bc cpio xz-utils libnuma-dev libcap-dev gdb python3 rsync kmod
git make gcc perl e2fsprogs $*"

# Preflight: before anything is installed or written, fail in one line
# when this host cannot run the pipeline.  What a run needs, measured
# 2026-12-02 on a fresh machine: a cold make check leaves 8.4 GiB in
# $CT_CACHE (two source trees, the debug build, the series-check tree,
# ccache), make bench adds the plain builds of both kernels (about 3 GiB);
# the largest guest of make check has 3 GiB (make bench-scale's 16 GiB
# checks for itself).  The margin covers Debian's packages and the logs.
CT_NEED_DISK_GIB=${CT_NEED_DISK_GIB:-12}
CT_NEED_MEM_GIB=${CT_NEED_MEM_GIB:-4}

# the free GiB of the file system $CT_CACHE is (or will be) on
cache_free_gib() {
	local d=$CT_CACHE

	while [ ! -d "$d" ]; do d=$(dirname "$d"); done
	df -Pk "$d" | awk 'NR == 2 { print int($4 / 1048576) }'
}

preflight() {
	local free need=$CT_NEED_DISK_GIB avail

	command -v apt-get > /dev/null && command -v dpkg-query > /dev/null ||
		die "preflight: this needs Debian 12 (apt-get and dpkg-query not found)"
	# a cache that holds the base trees already needs room for builds only
	[ -d "$CT_CACHE/stock/src" ] && need=$((need / 4))
	free=$(cache_free_gib)
	[ "$free" -ge "$need" ] ||
		die "preflight: $CT_CACHE needs $need GiB free on its file system, $free GiB are (set CT_CACHE= to a larger one)"
	avail=$(awk '/^MemAvailable:/ { print int($2 / 1048576) }' /proc/meminfo)
	[ "$avail" -ge "$CT_NEED_MEM_GIB" ] ||
		die "preflight: the guests need $CT_NEED_MEM_GIB GiB of available memory, $avail GiB are"
}
preflight

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
if [ "$(id -u)" != 0 ]; then
	SUDO=sudo
	command -v sudo > /dev/null && sudo -n true 2> /dev/null ||
		die "preflight: missing packages and no root or password-less sudo: run as root, or install:$missing"
fi
log "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || true
if ! $SUDO apt-get install -y -qq --no-install-recommends $missing; then
	case "$missing" in
	*"$want_src"*)
		# The pinned base vanished from the archive: take the newest
		# 6.12 source instead and say so loudly.
		# Debian serves it from the security suite, which keeps only
		# the newest version of a package.
		log "WARNING: $want_src is not available (the archive drops superseded versions); falling back to the newest $BASE_DEB_PACKAGE"
		log "WARNING: the series is recorded against $BASE_DEB_VERSION"
		missing=${missing/$want_src/$BASE_DEB_PACKAGE}
		$SUDO apt-get install -y -qq --no-install-recommends $missing
		;;
	*) exit 1 ;;
	esac
fi
