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
# the largest guest of make check has 3 GiB, and the host needs about
# 512 MiB beside it (make bench-scale's 16 GiB guests check for
# themselves).  The margin covers Debian's packages and the logs.  Targets
# that build no kernel ask for less (Makefile).  CT_PREFLIGHT_ONLY=1 stops
# after the checks (make check's preflight test).
CT_NEED_DISK_GIB=${CT_NEED_DISK_GIB:-12}
CT_NEED_MEM_MIB=${CT_NEED_MEM_MIB:-3584}

# the free KiB of the file system $CT_CACHE is (or will be) on
cache_free_kib() {
	local d=$CT_CACHE

	while [ ! -d "$d" ]; do d=$(dirname "$d"); done
	df -k --output=avail "$d" | tail -n 1 | tr -d ' '
}

preflight() {
	local free need_kib have=0 avail

	case $CT_NEED_DISK_GIB$CT_NEED_MEM_MIB in
	*[!0-9]*) die "preflight: CT_NEED_DISK_GIB and CT_NEED_MEM_MIB take whole numbers" ;;
	esac
	command -v apt-get > /dev/null && command -v dpkg-query > /dev/null &&
		grep -qx 'ID=debian' /etc/os-release 2> /dev/null ||
		die "preflight: this needs Debian (12: the base is Debian 12's linux-source-6.12)"
	# what the cache holds already counts toward the need: only worth a
	# du of the cache (seconds, at every target) when the disk is short
	need_kib=$((CT_NEED_DISK_GIB * 1048576))
	free=$(cache_free_kib)
	if [ "$free" -lt "$need_kib" ] && [ -d "$CT_CACHE" ]; then
		have=$(du -sk "$CT_CACHE" | cut -f1)
		need_kib=$((need_kib - have))
		[ "$need_kib" -ge 1048576 ] || need_kib=1048576
	fi
	[ "$free" -ge "$need_kib" ] ||
		die "preflight: $CT_CACHE needs $((need_kib / 1048576)) GiB free on its file system, $((free / 1048576)) GiB are (set CT_CACHE= to a larger one)"
	avail=$(awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo)
	[ "$avail" -ge "$CT_NEED_MEM_MIB" ] ||
		die "preflight: the guests need $CT_NEED_MEM_MIB MiB of available memory, $avail MiB are"
}
preflight
[ -z "${CT_PREFLIGHT_ONLY:-}" ] || exit 0

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
	command -v sudo > /dev/null && sudo -n apt-get --version > /dev/null 2>&1 ||
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
