#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make vmtests`: stock 6.12's own mm selftests that move pages, through
# its run_vmtests.sh (categories compaction, thp, hugetlb, migration), on
# stock and on ours: the same binaries, built statically from the pristine
# tree, in a 3 GiB guest with 4 vCPUs on 2 NUMA nodes (migration needs
# both).  Prints each test's result on both kernels and
# "FAIL vmtests:<test>" for any that fails on ours and passes on stock;
# ends with "N passed, N failed".  Long: not part of `make check`.
#
#   vmtests.sh [flavour] [kernels]  (default debug, "stock ours"; with
#                                  "ours" alone, stock's last results stay)
. "$(dirname "$0")/lib.sh"

flavour=${1:-debug}
kernels=${2:-stock ours}
cats=${CT_VMTESTS:-compaction thp hugetlb migration}
out=$CT_CACHE/vmtests
hdr=$CT_GUEST/khdr
"$CT_TOP/scripts/deps.sh"
"$CT_TOP/scripts/build-guest.sh"
for k in $kernels; do "$CT_TOP/scripts/build-kernel.sh" $k "$flavour"; done

# every mm selftest that builds statically from the pristine tree
rm -rf "$out/build" "$out/root"
mkdir -p "$out/build" "$out/root/vmtests"
log "building stock's mm selftests (static; those that do not link are left out)"
make -s -k -C "$CT_BASE/tools/testing/selftests/mm" OUTPUT="$out/build" \
	KHDR_INCLUDES="-isystem $hdr/include" USERLDFLAGS=-static \
	> "$CT_LOGS/vmtests-build.log" 2>&1 || true
find "$out/build" -maxdepth 1 -type f -perm -u+x -exec cp {} "$out/root/vmtests/" \;
cp "$CT_BASE"/tools/testing/selftests/mm/{run_vmtests.sh,*.sh} "$out/root/vmtests/" 2>/dev/null
(cd "$out/root" && find vmtests | LC_ALL=C sort |
	cpio --quiet -o -H newc --reproducible) > "$out/extra.cpio"
cat "$CT_GUEST/initramfs.cpio" "$out/extra.cpio" > "$out/initrd.cpio"

for k in $kernels; do
	log "run_vmtests.sh -t \"$cats\" on $k/$flavour"
	"$CT_TOP/scripts/run-qemu.sh" -q -k $k -f "$flavour" -m 4G -c 4 -n 2 \
		-t 5400 -i "$out/initrd.cpio" -a "ct.vmtests=${cats// /+}" \
		-l "$CT_LOGS/vmtests-$k.log" vmtests > "$CT_LOGS/vmtests-$k.verdict" 2>&1 || true
	# run_vmtests.sh's TAP lines, one per test in run order ("ok N name",
	# "ok N name # SKIP", "not ok N name # exit=R"), as "RESULT name"
	tr -d '\r' < "$CT_LOGS/vmtests-$k.log" | sed -n \
		-e 's/^ok [0-9]* \(.*\) # SKIP$/SKIP \1/p; t' \
		-e 's/^ok [0-9]* \(.*\)$/PASS \1/p; t' \
		-e 's/^not ok [0-9]* \(.*\) # exit=.*$/FAIL \1/p' > "$out/$k.results"
done
passed=0 failed=0
while read -r res test; do
	st=$(awk -v t="$test" '{ r = $1; $1 = ""; sub(/^ /, ""); if ($0 == t) print r }' \
		"$out/stock.results" | head -n 1)
	printf '%-5s %-5s %s\n' "${st:-none}" "$res" "$test"
	if [ "$res" = FAIL ] && [ "$st" = PASS ]; then
		echo "FAIL vmtests:$test (passes on stock)"
		failed=$((failed + 1))
	elif [ "$res" = PASS ]; then
		passed=$((passed + 1))
	fi
done < "$out/ours.results"
[ -s "$out/ours.results" ] || { echo "FAIL vmtests:none ran on ours"; failed=$((failed + 1)); }
grep -h "kernel-log\|timeout" "$CT_LOGS"/vmtests-{stock,ours}.verdict || true
grep -q "FAIL guest:kernel-log" "$CT_LOGS/vmtests-ours.verdict" && failed=$((failed + 1))
echo "(stock, ours, test) above; $passed passed, $failed failed"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
