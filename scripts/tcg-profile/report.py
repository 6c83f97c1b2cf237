#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Guest instructions per kernel function between two snapshots of
tbprof.c's counts, the top N functions first.

    report.py System.map SNAP_A SNAP_B [N]

A block is charged to the text symbol at or below its first address
(static functions included; a block of an inlined function is its
caller's).  Blocks in user space are "[user]"."""
import bisect
import sys


def symbols(path):
    syms = []
    with open(path) as f:
        for line in f:
            p = line.split()
            if len(p) >= 3 and p[1] in "tTwW":
                syms.append((int(p[0], 16), p[2]))
    syms.sort()
    return [a for a, _ in syms], [n for _, n in syms]


def counts(path):
    with open(path) as f:
        return {int(va, 16): int(n) for va, n in (l.split() for l in f)}


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    addrs, names = symbols(sys.argv[1])
    before, after = counts(sys.argv[2]), counts(sys.argv[3])
    top = int(sys.argv[4]) if len(sys.argv) > 4 else 40
    per_fn, total = {}, 0
    for va, n in after.items():
        n -= before.get(va, 0)
        if n <= 0:
            continue
        total += n
        if va == 1:
            name = "[user]"
        else:
            i = bisect.bisect_right(addrs, va) - 1
            name = names[i] if i >= 0 else "?"
        per_fn[name] = per_fn.get(name, 0) + n
    if not total:
        sys.exit("no instructions between the two snapshots")
    print(f"total {total:,} instructions")
    for name, n in sorted(per_fn.items(), key=lambda x: -x[1])[:top]:
        print(f"{n:>14,} {100 * n / total:6.2f}% {name}")


if __name__ == "__main__":
    main()
