#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# KUnit suites ran at boot; every one must have run and passed.
d=/sys/kernel/debug/kunit
n=0
bad=0
for s in "$d"/*/; do
	[ -f "$s/results" ] || continue
	n=$((n + 1))
	name=$(basename "$s")
	if grep -q '^ *not ok' "$s/results"; then
		echo "kunit: $name FAILED"
		grep -B5 '^ *not ok' "$s/results"
		bad=$((bad + 1))
	else
		echo "kunit: $name ok ($(grep -c '^ *ok' "$s/results") cases," \
			"$(grep -c '^ *ok .*# SKIP' "$s/results") skipped)"
		grep '^ *ok .*# SKIP' "$s/results"
	fi
done
[ $n -gt 0 ] || { echo "kunit: no suite ran"; exit 1; }
[ $bad = 0 ]
