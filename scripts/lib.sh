# SPDX-License-Identifier: GPL-2.0
# Common settings for the build/boot/test scripts.  Source it; do not run it.
#
# Everything large lives outside the clone, under $CT_CACHE:
#   stock/src/     pristine Debian linux-source-6.12 as a git repository
#                  (tag "base"): the stock kernel's source
#   ours/src/      worktree of it with patches/ applied (branch "ours")
#   <kernel>/build-<flavour>/   out-of-tree kernel build directories
#   guest/         initramfs staging, built test programs
#   ccache/        one ccache shared by every build

set -euo pipefail

# Debian's python3 (with python3-ply/python3-git for checkpatch's SPDX
# check) must win over any python3 a developer has earlier on PATH.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH

CT_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CT_CACHE=${CT_CACHE:-$HOME/.cache/compaction-series}
CT_BASE=$CT_CACHE/stock/src
CT_OURS_SRC=$CT_CACHE/ours/src
CT_GUEST=$CT_CACHE/guest
CT_LOGS=${CT_LOGS:-$CT_TOP/out}
mkdir -p "$CT_LOGS"

# The pinned base: read from BASE in the repository.
# shellcheck source=../BASE
. "$CT_TOP/BASE"

export CCACHE_DIR=${CCACHE_DIR:-$CT_CACHE/ccache}
# ccache rewrites paths under $CT_CACHE relative to the build directory;
# <kernel>/build-<flavour> -> ../src is the same for both kernels, so ours
# and stock share cache entries for every file the series leaves alone.
export CCACHE_BASEDIR=$CT_CACHE
export CCACHE_NOHASHDIR=1
export CCACHE_SLOPPINESS=time_macros,include_file_mtime,include_file_ctime,file_stat_matches
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-8G}

# Reproducible kernel builds: same timestamps/host, so ccache hits and
# images only differ where the sources do.
export KBUILD_BUILD_TIMESTAMP='2024-01-01'
export KBUILD_BUILD_USER=compaction
export KBUILD_BUILD_HOST=series

CT_JOBS=${CT_JOBS:-$(nproc)}

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# base_tree DIR [BRANCH]: make DIR a worktree of the pristine base, with
# BRANCH reset to it (detached HEAD without BRANCH): no git am left in
# progress, no change and no untracked file left from an earlier run.
base_tree() {
	local dir=$1 branch=${2:-}
	git -C "$CT_BASE" worktree prune
	[ -d "$dir" ] || git -C "$CT_BASE" worktree add -q -f --detach "$dir" base
	git -C "$dir" am --abort >/dev/null 2>&1 || true
	if [ -n "$branch" ]; then
		git -C "$dir" checkout -q -f -B "$branch" base
	else
		git -C "$dir" checkout -q -f --detach base
	fi
	git -C "$dir" clean -q -fdx
}

# the tree scripts/series-bisect.sh checks out at each patch of the series
CT_BISECT_SRC=$CT_CACHE/bisect/src

# src_dir <ours|stock|bisect>: the kernel source tree of a kernel
src_dir() {
	case "$1" in
	ours) echo "$CT_OURS_SRC" ;;
	stock) echo "$CT_BASE" ;;
	bisect) echo "$CT_BISECT_SRC" ;;
	*) die "unknown kernel '$1' (ours|stock|bisect)" ;;
	esac
}

# Flavours: plain = config/guest.config; debug = plain + debug.config;
# the variants (make variants) = debug + config/variant-<name>.config
CT_VARIANTS="nothp nocompaction preempt kasan"

# flavour_frags <flavour>: its config fragments, later ones winning
flavour_frags() {
	local c=$CT_TOP/config
	case "$1" in
	plain) echo "$c/guest.config" ;;
	debug) echo "$c/guest.config $c/debug.config" ;;
	*)
		case " $CT_VARIANTS " in
		*" $1 "*) echo "$c/guest.config $c/debug.config $c/variant-$1.config" ;;
		*) die "unknown flavour '$1' (plain|debug|${CT_VARIANTS// /|})" ;;
		esac ;;
	esac
}

# build_dir <ours|stock> <flavour>
build_dir() {
	flavour_frags "$2" >/dev/null
	src_dir "$1" >/dev/null
	echo "$CT_CACHE/$1/build-$2"
}

# fault_clock_args <ours|stock> OUT: QEMU's -plugin argument that times
# each THP fault of the kernel's bench initramfs by its own vCPU's
# instructions into OUT (scripts/tcg-profile/vcpuclock.c); build-bench.sh
# must have run
fault_clock_args() {
	local so=$CT_CACHE/prof/vcpuclock.so src=$CT_TOP/scripts/tcg-profile
	local bin=$CT_CACHE/bench/$1-plain/root/bench/thp_fault_bench
	local begin end
	mkdir -p "$(dirname "$so")"
	# built once, again only when its source changes (one call per boot)
	if [ ! "$so" -nt "$src/vcpuclock.c" ] || [ ! "$so" -nt "$src/plugin-v1.h" ]; then
		gcc -O2 -Wall -Wextra -Wno-unused-parameter -shared -fPIC \
			-o "$so" "$src/vcpuclock.c" ||
			die "cannot build the TCG plugin vcpuclock"
	fi
	begin=$(nm "$bin" | awk '$3 == "ct_fault_begin" { print $1 }')
	end=$(nm "$bin" | awk '$3 == "ct_fault_end" { print $1 }')
	[ -n "$begin" ] && [ -n "$end" ] || die "no fault marks in $bin"
	echo "-plugin $so,out=$2,begin=$begin,end=$end"
}
