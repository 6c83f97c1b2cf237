#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make unit: the userspace tests of mm/compaction_plan.c
# (tools/testing/compaction/), in seconds, without a kernel build.  They
# need only a few files of the tree: the base's tools/include and
# include/linux/compaction.h, with our files over them, in a scratch tree.
#
#   unit.sh [-q]      -q: the unit tests without the scale model
. "$(dirname "$0")/lib.sh"

"$CT_TOP/scripts/fetch-base.sh"
tree=$CT_CACHE/unit
rm -rf "$tree"
mkdir -p "$tree/include/linux" "$tree/tools" "$tree/mm"
cp -r "$CT_BASE/tools/include" "$tree/tools/"
cp "$CT_BASE/include/linux/compaction.h" "$tree/include/linux/"
(cd "$CT_TOP" && git ls-files --cached --others --exclude-standard \
	-- mm/compaction_plan.c mm/compaction_plan.h include/linux/compaction.h \
	tools/testing/compaction) | while read -r f; do
	mkdir -p "$tree/$(dirname "$f")"
	cp "$CT_TOP/$f" "$tree/$f"
done
make -s -C "$tree/tools/testing/compaction" build
"$tree/tools/testing/compaction/compaction" "$@"
