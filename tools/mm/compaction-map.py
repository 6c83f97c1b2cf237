#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Render a zone's compaction picture as a map.

Reads /sys/kernel/debug/compaction/node<N>/<zone> (or a copy of it) and
draws two panels, one cell per pageblock, row-major from the lowest pfn:
what each block holds (white free, blue movable, red: a page that cannot
move) and the plan a manual run would make (orange sources to evacuate,
green targets to fill, grey neither).

  compaction-map.py [-o map.png] [--width 32] [FILE]   (default: Normal, node 0)
  compaction-map.py --summary FILE                     counts only, no matplotlib
"""
import argparse
import sys

DEFAULT = "/sys/kernel/debug/compaction/node0/Normal"


def parse(text):
    """Return (title, blocks); blocks are dicts, in pfn order."""
    title, size, blocks = "", 0, []
    for line in text.splitlines():
        if line.startswith("# node"):
            title = line[2:]
            if "pageblocks of" in line:
                size = int(line.split("pageblocks of")[1].split()[0])
            continue
        if not line or line.startswith("#"):
            continue
        pfn, free, movable, stuck, holds, plan = line.split()
        blocks.append({"pfn": int(pfn, 16), "free": int(free),
                       "movable": int(movable), "stuck": int(stuck),
                       "holds": int(holds, 16), "plan": plan})
    if blocks and not size:
        raise ValueError("no '# node ... pageblocks of N pages' header")
    for b in blocks:
        b["size"] = size
    return title, blocks


def summary(blocks):
    free = sum(1 for b in blocks if b["free"] == b["size"])
    return {"pageblocks": len(blocks), "free pageblocks": free,
            "stuck": sum(b["stuck"] for b in blocks),
            "sources": sum(b["plan"] == "S" for b in blocks),
            "targets": sum(b["plan"] == "T" for b in blocks),
            "free pages": sum(b["free"] for b in blocks),
            "movable pages": sum(b["movable"] for b in blocks)}


def colour(b):
    f = b["free"] / b["size"]
    m = b["movable"] / b["size"]
    if b["stuck"]:
        return (0.85, 0.2 + 0.6 * f, 0.2 + 0.6 * f)
    # white where free, blue where movable, darker for the rest
    rest = max(0.0, 1.0 - f - m)
    return (f, f + 0.4 * m, f + m + 0.2 * rest)


PLAN = {"S": (1.0, 0.55, 0.0), "T": (0.2, 0.7, 0.3), "-": (0.8, 0.8, 0.8)}


def draw(title, blocks, path, width):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        sys.exit("compaction-map: drawing needs matplotlib "
                 "(Debian: python3-matplotlib); --summary does not")

    rows = (len(blocks) + width - 1) // width
    grids = []
    for pick in (colour, lambda b: PLAN.get(b["plan"], PLAN["-"])):
        grid = [[(1.0, 1.0, 1.0)] * width for _ in range(rows)]
        for i, b in enumerate(blocks):
            grid[i // width][i % width] = pick(b)
        grids.append(grid)
    s = summary(blocks)
    fig, axes = plt.subplots(1, 2, figsize=(9, 5.2))
    names = (f"occupancy: {s['free pageblocks']} free pageblocks",
             f"plan: {s['sources']} sources, {s['targets']} targets")
    for ax, grid, name in zip(axes, grids, names):
        ax.imshow(grid, interpolation="nearest", aspect="auto")
        ax.set_title(name, fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
    fig.suptitle(f"{title}\nwhite free, blue movable, red stuck; "
                 "orange source, green target", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=DEFAULT)
    ap.add_argument("-o", "--output", default="compaction-map.png")
    ap.add_argument("--width", type=int, default=32)
    ap.add_argument("--summary", action="store_true")
    args = ap.parse_args()
    try:
        with open(args.file) as f:
            title, blocks = parse(f.read())
    except (OSError, ValueError) as e:
        sys.exit(f"compaction-map: {args.file}: {e}")
    if not blocks:
        sys.exit(f"compaction-map: {args.file}: no pageblocks ({title})")
    if args.summary:
        for k, v in summary(blocks).items():
            print(f"{k}: {v}")
        return
    draw(title, blocks, args.output, args.width)
    print(f"{args.output}: {len(blocks)} pageblocks")


if __name__ == "__main__":
    main()
