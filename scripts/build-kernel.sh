#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build a kernel out of tree:  build-kernel.sh <ours|stock> <flavour>
#   ours  = base + patches/      stock = base alone
#   plain = config/guest.config  debug = plain + config/debug.config
#   nothp, nocompaction, preempt, kasan = debug + config/variant-<name>.config
# Both kernels get the very same configuration, so comparisons are like
# for like; one ccache serves every build directory.
. "$(dirname "$0")/lib.sh"

kernel=${1:?usage: build-kernel.sh <ours|stock> <flavour>}
flavour=${2:?usage: build-kernel.sh <ours|stock> <flavour>}
src=$(src_dir "$kernel")
out=$(build_dir "$kernel" "$flavour")

# One kernel build at a time on this machine: a second waits here (two
# at once share the cores and the memory and take longer than in turn).
mkdir -p "$CT_CACHE"
exec 9> "$CT_CACHE/build.lock"
if ! flock -n 9; then
	log "waiting for another kernel build to finish"
	flock 9
fi

[ "$kernel" = ours ] && "$CT_TOP/scripts/apply-series.sh"
[ -d "$src" ] || die "$src missing: run scripts/fetch-base.sh"

frags=$(flavour_frags "$flavour")

# known SYMBOL: does the tree define this Kconfig symbol?
known() {
	grep -qx "$1" "$out/.ct-symbols"
}

mkdir -p "$out" "$CCACHE_DIR"
# the series may add Kconfig symbols (mm/Kconfig): part of the key
want=$(cat $frags "$src/arch/x86/configs/x86_64_defconfig" "$src/mm/Kconfig" |
	sha256sum | cut -c1-16)
if [ ! -f "$out/.config" ] || [ "$(cat "$out/.ct-config" 2>/dev/null)" != "$want" ]; then
	log "configuring $kernel/$flavour"
	make -s -C "$src" O="$out" x86_64_defconfig
	"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" $frags >/dev/null
	make -s -C "$src" O="$out" olddefconfig
	grep -rhoE '^(menu)?config [A-Za-z0-9_]+' --include='Kconfig*' "$src" |
		awk '{ print $2 }' | sort -u > "$out/.ct-symbols"
	# Every option the fragments ask for must have survived olddefconfig;
	# where fragments disagree, the later one's request counts.
	bad=0
	while IFS= read -r line; do
		opt=${line%%=*}
		# options the tree does not know (ours only) are moot
		known "${opt#CONFIG_}" || continue
		case "$line" in
		CONFIG_*=n)
			opt=${line%=n}
			if grep -q "^$opt=" "$out/.config"; then
				log "config: $opt requested off but is on"; bad=1
			fi ;;
		CONFIG_*)
			grep -qx "$line" "$out/.config" ||
				{ log "config: $line not set"; bad=1; } ;;
		esac
	done < <(grep -h '^CONFIG_' $frags | tac | awk -F= '!seen[$1]++' | tac)
	[ $bad = 0 ] || die "config fragment not honoured (see above)"
	echo "$want" > "$out/.ct-config"
fi

log "building $kernel/$flavour in $out"
# modules: Module.symvers, for the benchmark's out-of-tree survey module
make -s -C "$src" O="$out" -j"$CT_JOBS" CC="ccache gcc" bzImage vmlinux modules scripts_gdb
log "built $out/arch/x86/boot/bzImage ($(make -s -C "$src" O="$out" kernelrelease))"
