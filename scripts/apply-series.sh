#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The "ours" tree = pristine base + patches/ applied with git am.
# Re-applied from scratch whenever patches/ changes.
. "$(dirname "$0")/lib.sh"

"$CT_TOP/scripts/fetch-base.sh"
stamp=$CT_CACHE/ours/applied
want=$( (git -C "$CT_BASE" rev-parse base; cat "$CT_TOP/patches/series";
	 cd "$CT_TOP/patches" && grep -v '^#' series | xargs -r cat) | sha256sum)

if [ -d "$CT_OURS_SRC" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
	exit 0
fi
rm -f "$stamp"
base_tree "$CT_OURS_SRC" ours
cd "$CT_OURS_SRC"
n=0
while read -r p; do
	case "$p" in ''|'#'*) continue ;; esac
	git am -q --committer-date-is-author-date "$CT_TOP/patches/$p" ||
		die "patch $p does not apply to the base"
	n=$((n + 1))
done < "$CT_TOP/patches/series"
echo "$want" > "$stamp"
log "ours: base + $n patches at $(git rev-parse --short HEAD)"
