#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the benchmark's guest logs into a table, plots and JSON.

    bench-report.py OUTDIR                 OUTDIR/logs/<kernel>-<case>.log
                                           -> report.md, results.json, *.png
    bench-report.py --check LOG            invariants of one manual run
                                           (make check's bench smoke test)
    bench-report.py --compare A.json B.json
                                           largest relative difference of
                                           the counts of two runs
    bench-report.py --fault-clock LOG FAULTS  scripts/fault-clock.sh's report
    bench-report.py --scale OUTDIR         OUTDIR/logs/<kernel>-<case>-<N>g.log
                                           (make bench-scale) -> scale.md

The limit comes from the pageblock survey taken before compaction, read
by the same module on both kernels (bench/survey/pageblock_survey.c):

  limit     per zone, pageblocks holding no unmovable page, capped by
            the zone's free pages / pageblock size (the moved pages must
            land somewhere); for hugetlb the cap leaves the min watermark.
  M*(N)     fewest migrations that leave N free pageblocks: evacuate the
            N blocks with the fewest movable pages among those the limit
            counts.  Efficiency = M*(free blocks after) / pages migrated.
"""
import json
import math
import os
import re
import sys

KERNELS = ("stock", "ours")                 # every comparison has these
VARIANTS = ("stock", "ours-linear", "ours")  # ours-linear: compaction.policy=linear


# ---------------------------------------------------------------- parsing

def parse_log(path):
    """Surveys, CT-BENCH results, latencies and series from one log."""
    run = {"surveys": {}, "result": None, "lat": [], "series": [],
           "alloc": [], "verdict": None, "trace": None}
    cur = None
    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\r\n")
            m = re.search(r"=== CT-SURVEY-BEGIN (\S+)", line)
            if m:
                cur = run["surveys"].setdefault(m.group(1), [])
                continue
            if "=== CT-SURVEY-END" in line:
                cur = None
                continue
            if cur is not None:
                parse_survey_line(cur, line)
                continue
            m = re.search(r"CT-BENCH (\w+) (.*)", line)
            if m:
                run["result"] = dict(kv.split("=", 1)
                                     for kv in m.group(2).split())
                run["workload"] = m.group(1)
            m = re.search(r"CT-BENCH-LAT \w+ (.*)", line)
            if m:
                # one line per faulting process
                run["lat"] += [(int(h), int(ns)) for h, ns in
                               (x.split(":") for x in m.group(1).split())]
            m = re.search(r"CT-BENCH-ALLOC alloc (\d+) (\d+) (\d+) (\d+) "
                          r"(-?\d+)$", line)
            if m:
                run["alloc"].append(tuple(int(x) for x in m.groups()))
            m = re.search(r"CT-BENCH-SERIES \w+ (.*)", line)
            if m:
                run["series"].append(dict(kv.split("=", 1)
                                          for kv in m.group(1).split()))
            m = re.search(r"CT-TRACE-SUM (.*)", line)
            if m:
                run["trace"] = {k: int(v) for k, v in
                                (kv.split("=", 1) for kv in m.group(1).split())}
            m = re.search(r"=== CT-TEST-END \S+ (\w+)", line)
            if m:
                run["verdict"] = m.group(1)
    return run


def parse_survey_line(zones, line):
    w = line.split()
    if len(w) == 8 and w[0] == "zone":
        zones.append({"nid": int(w[1]), "name": w[2], "start": int(w[3]),
                      "end": int(w[4]), "pb": int(w[5]),
                      "nr_free": int(w[6]), "min_wmark": int(w[7]),
                      "blocks": []})
    elif len(w) == 5 and w[0] == "b" and zones:
        zones[-1]["blocks"].append(tuple(int(x) for x in w[1:]))


# ---------------------------------------------------------------- the limit

def zone_candidates(z, keep_wmark=False, freed=frozenset()):
    """Movable pages of each block the limit counts, cheapest first.
    @freed: pfns of blocks found free afterwards; their unmovable pages
    were freed, not migrated, so they are candidates too."""
    free = sum(b[1] for b in z["blocks"])
    if keep_wmark:
        free = max(0, free - z["min_wmark"])
    cap = free // z["pb"]
    clean = sorted(b[2] for b in z["blocks"] if b[3] == 0 or b[0] in freed)
    return clean[:cap]


def limit(zones, keep_wmark=False):
    """Most free pageblocks compaction could produce."""
    return sum(len(zone_candidates(z, keep_wmark)) for z in zones)


def mstar(zones, n, after=()):
    """Fewest page migrations that leave n free pageblocks (None: none).
    @after: the survey after the run, whose free blocks may include ones
    an unmovable page left meanwhile (the survey's own buffers, say)."""
    freed = frozenset(b[0] for z in after for b in z["blocks"]
                      if b[1] == z["pb"])
    costs = sorted(c for z in zones for c in zone_candidates(z, False, freed))
    return sum(costs[:n]) if n <= len(costs) else None


def free_blocks(zones):
    return sum(1 for z in zones for b in z["blocks"] if b[1] == z["pb"])


def pct(vals, q):
    vals = sorted(vals)
    if not vals:
        return 0
    return vals[min(len(vals) - 1, int(math.ceil(q / 100 * len(vals))) - 1)]


# ---------------------------------------------------------------- metrics

def metrics(run):
    """The figures of one boot, by workload."""
    r = {k: int(v) for k, v in run["result"].items()}
    before = run["surveys"].get("before", [])
    after = run["surveys"].get("after", [])
    m = {"verdict": run["verdict"],
         "limit": limit(before), "blocks_before": free_blocks(before)}
    scanned = r["compact_migrate_scanned"] + r["compact_free_scanned"]
    m.update(migrated=r["pgmigrate_success"], scanned=scanned,
             migrate_scanned=r["compact_migrate_scanned"],
             free_scanned=r["compact_free_scanned"],
             survey_scanned=r.get("compact_survey_scanned", 0))
    wl = run["workload"]
    if wl == "manual":
        f1 = free_blocks(after)
        gained = f1 - m["blocks_before"]
        m.update(blocks_after=f1, us=r["us"], mstar=mstar(before, f1, after),
                 scanned_per_block=scanned / gained if gained > 0 else None,
                 survey_per_block=m["survey_scanned"] / gained
                 if gained > 0 else None)
    elif wl in ("thp", "mthp"):
        lat = [ns for _, ns in run["lat"]]
        m.update(faults=r["faults"], huge=r["huge"],
                 thp_limit=min(r["faults"], m["limit"]),
                 stall=r["compact_stall"], success=r["compact_success"],
                 p50_us=pct(lat, 50) / 1000, p99_us=pct(lat, 99) / 1000,
                 max_us=max(lat, default=0) / 1000, lat_ns=lat)
        t = run["trace"]
        # guest time in direct compaction per stall, if no event was lost
        if t and not t.get("lost") and r["compact_stall"]:
            m["us_per_stall"] = t["direct_us"] / r["compact_stall"]
    elif wl == "hugetlb":
        m.update(got=r["got"], us=r["us"],
                 hlimit=limit(before, keep_wmark=True))
    elif wl == "alloc":
        # ns per allocation+free pair, per case: the median of the rounds
        # and the spread of the rounds relative to it
        cases = {}
        for order, batch, _, pairs, ns in run["alloc"]:
            cases.setdefault(f"{order}/{batch}", []).append(ns / pairs)
        m["alloc"] = {c: {"ns": sorted(v)[len(v) // 2],
                          "spread": (max(v) - min(v)) / sorted(v)[len(v) // 2]}
                      for c, v in cases.items() if min(v) > 0}
    elif wl == "background":
        m.update(secs=r["secs"], score0=r["score0"], score1=r["score1"],
                 blocks0=r["blocks0"], blocks1=r["blocks1"],
                 cpu_ms=r["kcompactd_ticks"] * 10,
                 daemon_scanned=r["compact_daemon_migrate_scanned"] +
                 r["compact_daemon_free_scanned"],
                 series=run["series"])
    return m


def bench_logs(outdir, pattern):
    """(name match, parsed log) for each log in OUTDIR/logs named so."""
    for fn in sorted(os.listdir(os.path.join(outdir, "logs"))):
        m = re.match(pattern, fn)
        if m:
            yield m, parse_log(os.path.join(outdir, "logs", fn))


def load(outdir):
    runs = {}
    for m, run in bench_logs(outdir, r"(stock|ours-linear|ours)-(.*)\.log$"):
        kern, case = m.groups()
        if run["result"] is None:
            runs.setdefault(case, {})[kern] = {"verdict": "FAIL",
                                               "missing": True}
            continue
        runs.setdefault(case, {})[kern] = metrics(run)
        runs[case][kern]["_run"] = run
    return runs


# ---------------------------------------------------------------- tables

def missing(kr, k):
    """Kernel @k has no result for this case."""
    return k not in kr or kr[k].get("missing", False)


def mean(xs):
    xs = [x for x in xs if x is not None]
    return sum(xs) / len(xs) if xs else None


def fmt(x, nd=0):
    if x is None:
        return "n/a"
    return f"{x:,.{nd}f}"


def ratio(a, b, nd=2):
    if a is None or b in (None, 0):
        return "n/a"
    return f"{a / b:.{nd}f}"


def group(runs, prefix):
    """[case runs] for cases named prefix-pattern-seed, by pattern."""
    out = {}
    for case, kr in sorted(runs.items()):
        p = case.split("-")
        if p[0] == prefix and all(k in kr and not kr[k].get("missing")
                                  for k in KERNELS):
            out.setdefault(p[1], []).append(kr)
    return out


def variants(runs):
    """The kernels of this run, in table order: stock, ours-linear, ours."""
    seen = {k for kr in runs.values() for k in kr}
    return [k for k in VARIANTS if k in seen]


def avg(rs, k, key):
    return mean([r[k].get(key) for r in rs if k in r])


def avg_ratio(rs, k, num, den):
    return mean([r[k][num] / r[k][den] for r in rs
                 if k in r and r[k].get(den) and r[k].get(num) is not None])


def cells(vs, f):
    """One cell: f(variant) for every variant, joined by ' / '."""
    return " / ".join(f(v) for v in vs)


def manual_table(runs):
    vs = variants(runs)
    names = " / ".join(vs)
    rows = [f"| pattern (seeds) | limit | free blocks before | free blocks "
            f"after: {names} | yield | M* | pages migrated | efficiency "
            f"M*/migrated | scanned per block gained | survey per block "
            f"gained | time / stock |",
            "|" + "---|" * 11]
    for pat, rs in group(runs, "manual").items():
        rows.append(
            f"| {pat} ({len(rs)}) | {fmt(avg(rs, 'ours', 'limit'))} | "
            f"{fmt(avg(rs, 'ours', 'blocks_before'))} | "
            f"{cells(vs, lambda v: fmt(avg(rs, v, 'blocks_after')))} | "
            f"{cells(vs, lambda v: fmt(avg_ratio(rs, v, 'blocks_after', 'limit'), 3))} | "
            f"{fmt(avg(rs, 'ours', 'mstar'))} | "
            f"{cells(vs, lambda v: fmt(avg(rs, v, 'migrated')))} | "
            f"{cells(vs, lambda v: fmt(avg_ratio(rs, v, 'mstar', 'migrated'), 2))} | "
            f"{cells(vs, lambda v: fmt(avg(rs, v, 'scanned_per_block')))} | "
            f"{cells(vs, lambda v: fmt(avg(rs, v, 'survey_per_block')))} | "
            f"{cells(vs, lambda v: ratio(avg(rs, v, 'us'), avg(rs, 'stock', 'us')))} |")
    return rows


def metric_rows(rs, vs, specs):
    """Rows 'label | limit | each variant | ours/stock' for one workload."""
    rows = []
    for label, key, lim, nd in specs:
        vals = [avg(rs, v, key) for v in vs]
        rows.append(f"| {label} ({len(rs)}) | {lim} | " +
                    " | ".join(fmt(x, nd) for x in vals) + " | " +
                    ratio(avg(rs, "ours", key), avg(rs, "stock", key)) + " |")
    return rows


def direct_table(runs):
    vs = variants(runs)
    rows = ["| workload (runs) | limit | " + " | ".join(vs) +
            " | ours / stock |", "|---|---|" + "---|" * len(vs) + "---|"]
    for wl, name, what, survey in (
            ("thp", "THP", "a huge page", "occupancy picture"),
            ("mthp", "mTHP", "a 64 KiB folio", "region search")):
        rs = [r for g in group(runs, wl).values() for r in g]
        if not rs:
            continue
        lim = fmt(avg(rs, "ours", "thp_limit")) if wl == "thp" else ""
        rows += metric_rows(rs, vs, [
            (f"{name} faults that got {what}, of "
             f"{fmt(avg(rs, 'ours', 'faults'))}", "huge", lim, 0),
            (f"{name} fault latency p50, us", "p50_us", "", 0),
            (f"{name} fault latency p99, us", "p99_us", "", 0),
            (f"{name}: compact_stall", "stall", "", 0),
            (f"{name}: compact_success", "success", "", 0),
            (f"{name}: pages migrated", "migrated", "", 0),
            (f"{name}: pages scanned, migrate + free", "scanned", "", 0),
            (f"{name}: pages surveyed ({survey})", "survey_scanned", "",
             0)])
    ht = [r for rs in group(runs, "hugetlb").values() for r in rs]
    if ht:
        for r in ht:
            for v in vs:
                if v in r and r[v].get("hlimit"):
                    r[v]["share"] = r[v]["got"] / r[v]["hlimit"]
        rows += metric_rows(ht, vs, [
            ("nr_hugepages: pages obtained", "got",
             fmt(avg(ht, "ours", "hlimit")), 0),
            ("nr_hugepages: share of the limit", "share", "1", 3),
            ("nr_hugepages: free pages scanned", "free_scanned", "", 0),
            ("nr_hugepages: migrate pages scanned", "migrate_scanned", "",
             0),
            ("nr_hugepages: pages surveyed (occupancy picture)",
             "survey_scanned", "", 0),
            ("nr_hugepages: pages migrated", "migrated", "", 0),
            ("nr_hugepages: time of the write, us", "us", "", 0)])
    return rows


def background_table(runs):
    vs = variants(runs)
    rows = []
    for case, kr in sorted(runs.items()):
        if not case.startswith("background") or \
                any(missing(kr, k) for k in KERNELS):
            continue
        rs = [kr]
        rows += [f"| {case}, over {kr['ours']['secs']} s | " +
                 " | ".join(vs) + " | ours / stock |",
                 "|---|" + "---|" * len(vs) + "---|",
                 "| fragmentation score (order 9), start -> end | " +
                 " | ".join(f"{kr[v]['score0']} -> {kr[v]['score1']}"
                            for v in vs) + " | |",
                 "| free pageblocks, start -> end | " +
                 " | ".join(f"{kr[v]['blocks0']} -> {kr[v]['blocks1']}"
                            for v in vs) + " | |"]
        for label, key in (("kcompactd CPU time, ms", "cpu_ms"),
                           ("pages migrated", "migrated"),
                           ("pages scanned by kcompactd", "daemon_scanned"),
                           ("pages surveyed (occupancy picture)",
                            "survey_scanned")):
            rows.append(f"| {label} | " +
                        " | ".join(fmt(avg(rs, v, key)) for v in vs) +
                        f" | {ratio(avg(rs, 'ours', key), avg(rs, 'stock', key))} |")
    return rows


def alloc_table(runs):
    """ns per allocation+free pair by order/batch, per kernel."""
    kr = runs.get("alloc-1")
    if not kr or any(missing(kr, k) or "alloc" not in kr[k]
                     for k in KERNELS):
        return []
    vs = [v for v in variants(runs) if v in kr]
    rows = ["| order / batch | " + " | ".join(f"{v}: ns (spread)"
                                            for v in vs) +
            " | ours / stock |", "|---|" + "---|" * len(vs) + "---|"]
    for c in sorted(kr["stock"]["alloc"],
                    key=lambda c: tuple(int(x) for x in c.split("/"))):
        if any(c not in kr[v]["alloc"] for v in vs):
            continue
        rows.append(f"| {c} | " + " | ".join(
            f"{kr[v]['alloc'][c]['ns']:,.0f} "
            f"({kr[v]['alloc'][c]['spread']:.1%})" for v in vs) +
            f" | {ratio(kr['ours']['alloc'][c]['ns'], kr['stock']['alloc'][c]['ns'], 3)} |")
    return rows


def per_run_table(runs):
    rows = ["| case | kernel | verdict | limit | free blocks before -> "
            "after | migrated | M* | scanned |", "|" + "---|" * 8]
    for case, kr in sorted(runs.items()):
        for k in VARIANTS:
            if k not in kr:
                continue
            m = kr[k]
            if m.get("missing"):
                rows.append(f"| {case} | {k} | FAIL (no result) |||||")
                continue
            after = m.get("blocks_after", m.get("blocks1", m.get(
                "got", m.get("huge", ""))))
            rows.append(f"| {case} | {k} | {m['verdict']} | {m['limit']} | "
                        f"{m['blocks_before']} -> {after} | "
                        f"{m['migrated']} | {m.get('mstar', '')} | "
                        f"{m['scanned']} |")
    return rows


# ---------------------------------------------------------------- plots

def block_colours(zone):
    pb = zone["pb"]
    white, blue, red = (1, 1, 1), (0.2, 0.4, 0.85), (0.85, 0.15, 0.1)
    cols = []
    for _, f, mv, u in zone["blocks"]:
        cols.append(tuple((f * white[i] + mv * blue[i] + u * red[i]) / pb
                          for i in range(3)))
    return cols


def plot_maps(plt, runs, case, path):
    kr = runs.get(case)
    if not kr or any(missing(kr, k) for k in KERNELS):
        return False
    panels = [("before (ours)", kr["ours"]["_run"]["surveys"]["before"])]
    for v in VARIANTS:
        if v in kr and not kr[v].get("missing"):
            panels.append((f"after: {v}", kr[v]["_run"]["surveys"]["after"]))
    fig, axes = plt.subplots(1, len(panels), figsize=(4.4 * len(panels), 5.2))
    for ax, (title, zones) in zip(axes, panels):
        zone = max(zones, key=lambda z: len(z["blocks"]))
        cols = block_colours(zone)
        width = 32
        rows = (len(cols) + width - 1) // width
        grid = [[(0.5, 0.5, 0.5)] * width for _ in range(rows)]
        for i, c in enumerate(cols):
            grid[i // width][i % width] = c
        ax.imshow(grid, interpolation="nearest", aspect="auto")
        ax.set_title(f"{title}\n{free_blocks([zone])} free pageblocks")
        ax.set_xticks([])
        ax.set_yticks([])
    fig.suptitle(f"{case}: zone {zone['name']}, one cell per pageblock, "
                 "row-major from the lowest pfn; white free, blue movable, "
                 "red unmovable (mixed by share)", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return True


def plot_cdf(plt, runs, path):
    thp = [kr for case, kr in runs.items() if case.startswith("thp-")
           and all(not missing(kr, k) for k in KERNELS)]
    if not thp:
        return False
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for k, colour in zip(VARIANTS, ("tab:red", "tab:orange", "tab:blue")):
        lat = sorted(ns / 1000 for kr in thp if k in kr
                     for ns in kr[k].get("lat_ns", []))
        if not lat:
            continue
        ys = [(i + 1) / len(lat) for i in range(len(lat))]
        ax.step(lat, ys, where="post", color=colour,
                label=f"{k} ({len(lat)} faults)")
    ax.set_xscale("log")
    ax.set_xlabel("THP fault latency, us (guest clock, TCG icount)")
    ax.set_ylabel("share of faults")
    ax.set_title("THP faults in a fragmented guest, MADV_HUGEPAGE, "
                 "defrag=madvise")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return True


# ---------------------------------------------------------------- output

def report(outdir):
    runs = load(outdir)
    lines = ["# Compaction benchmark: ours vs stock 6.12 vs the limit", "",
             "Generated by `make bench` (scripts/bench.sh, "
             "scripts/bench-report.py).  Every figure comes from boots of "
             "both kernels in this one run, same base, config, guest and "
             "seeds.  Counts are the primary figures; times are ratios "
             "(guest clock under TCG with icount).", "",
             "## Manual compaction (`echo 1 > /proc/sys/vm/compact_memory`)",
             ""]
    lines += manual_table(runs)
    lines += ["", "## Direct compaction", ""] + direct_table(runs)
    lines += ["", "## Background: proactive kcompactd", ""]
    lines += background_table(runs)
    alloc = alloc_table(runs)
    if alloc:
        lines += ["", "## Page allocator micro-benchmark", "",
                  "Guest clock per allocation + free pair (GFP_KERNEL, "
                  "unfragmented guest, median of 3 rounds; spread = "
                  "(max - min) / median of the rounds).", ""] + alloc
    plots = []
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        for case in sorted(runs):
            if case.startswith("manual-") and case.endswith("-1") and \
                    plot_maps(plt, runs, case,
                              os.path.join(outdir, f"map-{case}.png")):
                plots.append(f"map-{case}.png")
        if plot_cdf(plt, runs, os.path.join(outdir, "thp-latency-cdf.png")):
            plots.append("thp-latency-cdf.png")
    except ImportError:
        lines += ["", "(no plots: python3-matplotlib is not installed)"]
    lines += ["", "## Plots", ""] + [f"![{p}]({p})" for p in plots]
    lines += ["", "## Every boot", ""] + per_run_table(runs)
    with open(os.path.join(outdir, "report.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    for kr in runs.values():
        for m in kr.values():
            m.pop("_run", None)
    with open(os.path.join(outdir, "results.json"), "w") as f:
        json.dump(runs, f, indent=1, sort_keys=True)
    print("\n".join(lines))


# ---------------------------------------------------------------- scale

def parse_faults(path):
    """Each fault's own time in ns, from scripts/tcg-profile/vcpuclock.c's
    output ("vcpu instructions" per fault), and its count of faults left
    untimed; None if the boot was not timed so."""
    if not os.path.exists(path):
        return None
    own, unpaired = [], 0
    with open(path) as f:
        for line in f:
            if line.startswith("#"):
                unpaired = int(line.split()[-1])
            elif line.strip():
                own.append(int(line.split()[1]))
    return own, unpaired


def fault_clock(log, faults):
    """scripts/fault-clock.sh's report: p50 / p99 / max in us of a boot's
    THP faults on the guest clock and by their own vCPU's instructions."""
    lat = [ns for _, ns in parse_log(log)["lat"]]
    timed = parse_faults(faults)
    if not lat or not timed or not timed[0]:
        print(f"{log}, {faults}: no fault latencies")
        return 1
    own, untimed = timed
    for name, v, what in (("guest clock", lat, f"{len(lat)} faults"),
                          ("own vCPU   ", own,
                           f"{len(own)} timed, {untimed} untimed")):
        print(f"{name}  p50 / p99 / max us: " +
              " / ".join(f"{x / 1000:,.0f}"
                         for x in (pct(v, 50), pct(v, 99), max(v))) +
              f" ({what})")
    return 0


def scale_load(outdir):
    """{(case, GiB): {variant: metrics}} from make bench-scale's logs, and
    the boots left out: a test that failed after its figures were printed
    (a fragmenter killed by the OOM killer, say) measured something else."""
    runs, failed = {}, []
    for m, run in bench_logs(outdir,
                             r"(stock|ours-linear|ours)-(.*)-(\d+)g\.log$"):
        v, case, size = m.group(1), m.group(2), int(m.group(3))
        if run["result"] is None or run["verdict"] != "PASS":
            failed.append(f"{v} {case} {size} GiB")
            continue
        r = runs.setdefault((case, size), {})[v] = metrics(run)
        faults = parse_faults(os.path.join(
            outdir, "logs", m.group(0)[:-len(".log")] + ".faults"))
        if faults and faults[0]:
            r.update(own_p99_us=pct(faults[0], 99) / 1000,
                     own_max_us=max(faults[0]) / 1000,
                     own_untimed=faults[1])
    return runs, failed


def scale_row(case, size, v, m):
    """One table row: what one boot got, and its work per direct stall."""
    r = m
    stall = r.get("stall") if case != "hugetlb" else None
    work = r["scanned"] + r["survey_scanned"]
    if case == "hugetlb":
        got = f"{r['got']:,} of {r['hlimit']:,}"
        lat = f"{r['us'] / 1e6:.2f} s"
    else:
        got = f"{r['huge']:,} of {r['faults']:,}"
        lat = (f"{r['p50_us']:,.0f} / {r['p99_us']:,.0f} / "
               f"{r['max_us']:,.0f}")
    own = "n/a"
    if r.get("own_p99_us") is not None:
        own = f"{r['own_p99_us']:,.0f} / {r['own_max_us']:,.0f}"
    per = fmt(work / stall) if stall else "n/a"
    us = fmt(r["us_per_stall"]) if r.get("us_per_stall") is not None \
        else "n/a"
    return (f"| {case} | {size} GiB | {v} | {got} | {lat} | {own} | "
            f"{r['migrated']:,} | {fmt(r['scanned'])} | "
            f"{fmt(r['survey_scanned'])} | {fmt(stall)} | {per} | {us} |")


def scale_report(outdir):
    runs, failed = scale_load(outdir)
    vs = [v for v in VARIANTS if any(v in kr for kr in runs.values())]
    lines = ["# Direct compaction at scale: ours vs stock 6.12", "",
             "Generated by `make bench-scale` (scripts/bench-scale.sh). "
             "Every boot: random fill, seed 1, same command line on every "
             "kernel; latencies on the guest clock (TCG, icount).  THP: "
             "faults that got a huge page, latency p50 / p99 / max in us; "
             "hugetlb: pages obtained of the limit, guest time of the "
             "nr_hugepages write.  Work per stall: struct pages read by "
             "the scanners and the survey or region search, per "
             "compact_stall.  Time per stall: guest time inside direct "
             "compaction runs (mm_compaction_begin to _end of every task "
             "but kcompactd), per compact_stall, in us; n/a where the "
             "boot was not traced or the trace lost events.  Own: "
             "each fault timed by the instructions of the vCPU that ran "
             "it (scripts/tcg-profile/vcpuclock.c), p99 / max in us: "
             "its latency without the other vCPUs' round-robin slices, "
             "which the guest clock charges it when several vCPUs are "
             "busy (bench/README.md); n/a where the boot was not timed "
             "so.", "",
             "| case | guest | kernel | got | latency | own | migrated | "
             "scanned | surveyed | stalls | work per stall | "
             "time per stall |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for (case, size), kr in sorted(runs.items()):
        for v in vs:
            if v in kr:
                lines.append(scale_row(case, size, v, kr[v]))
    lines += ["", "Growth of the work per stall from the smallest to the "
              "largest guest, ours' over stock's (target: at most 1.0):", ""]
    for case in sorted({c for c, _ in runs}):
        sizes = sorted(s for c, s in runs if c == case)
        if len(sizes) < 2 or case == "hugetlb":
            continue
        growth = {}
        for v in ("stock", "ours"):
            w = []
            for s in (sizes[0], sizes[-1]):
                m = runs[(case, s)].get(v)
                if not m or not m.get("stall"):
                    break
                w.append((m["scanned"] + m["survey_scanned"]) / m["stall"])
            if len(w) == 2 and w[0]:
                growth[v] = w[1] / w[0]
        if len(growth) == 2:
            lines.append(f"- {case}, {sizes[0]} to {sizes[-1]} GiB: stock "
                         f"x{growth['stock']:.2f}, ours x{growth['ours']:.2f}"
                         f", ratio {growth['ours'] / growth['stock']:.2f}")
    if failed:
        lines += ["", "Boots left out, whose test failed: "
                  + ", ".join(failed) + " (their logs say why)."]
    with open(os.path.join(outdir, "scale.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


COUNT_KEYS = ("limit", "blocks_before", "blocks_after", "migrated", "huge",
              "got", "blocks1")
DERIVED_KEYS = ("mstar", "scanned", "free_scanned", "migrate_scanned")


def compare(a, b):
    """Largest relative differences between two runs: the counts (limit,
    free blocks, pages migrated, huge pages; must be within 5%), then the
    derived M* and the scan counts (reported)."""
    ra, rb = (json.load(open(p)) for p in (a, b))
    worst = {}
    for case in sorted(set(ra) & set(rb)):
        for k in VARIANTS:
            ma, mb = ra[case].get(k, {}), rb[case].get(k, {})
            for key in COUNT_KEYS + DERIVED_KEYS:
                x, y = ma.get(key), mb.get(key)
                if x is None or y is None:
                    continue
                d = abs(x - y) / max(abs(x), abs(y), 1)
                if d > worst.get(key, (0.0,))[0]:
                    worst[key] = (d, f"{case} {k}: {x} vs {y}")
    for key in COUNT_KEYS + DERIVED_KEYS:
        if key in worst:
            d, where = worst[key]
            print(f"{key:16} {d:7.2%}  ({where})")
    counts = max((worst[k][0] for k in COUNT_KEYS if k in worst), default=0)
    print(f"largest relative difference of the counts: {counts:.2%}")
    return 0 if counts <= 0.05 else 1


def check(path):
    """One manual run obeys the limit: what make check asks of make bench."""
    run = parse_log(path)
    if run["result"] is None or run.get("workload") != "manual":
        print(f"{path}: no manual benchmark result")
        return 1
    m = metrics(run)
    print(" ".join(f"{k}={v}" for k, v in sorted(m.items())))
    errors = []
    if m["blocks_after"] > m["limit"] + 2:
        errors.append("more free pageblocks than the limit allows")
    if m["blocks_after"] <= m["blocks_before"]:
        errors.append("compaction gained no free pageblock")
    if m["mstar"] is None:
        errors.append("no M* for the blocks obtained")
    elif m["mstar"] > m["migrated"] * 1.10 + 256:
        # M* is a lower bound for a quiet guest; pages that other tasks
        # free meanwhile (the shell tools around the survey) can free a
        # block without a migration, which is worth a few percent
        errors.append("far fewer pages migrated than the minimum M*")
    for e in errors:
        print(f"{path}: {e}")
    return 1 if errors else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        sys.exit(check(sys.argv[2]))
    if len(sys.argv) == 3 and sys.argv[1] == "--scale":
        sys.exit(scale_report(sys.argv[2]))
    if len(sys.argv) == 4 and sys.argv[1] == "--fault-clock":
        sys.exit(fault_clock(sys.argv[2], sys.argv[3]))
    if len(sys.argv) == 4 and sys.argv[1] == "--compare":
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    report(sys.argv[1])
