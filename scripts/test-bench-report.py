#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Unit tests of the benchmark's arithmetic (scripts/bench-report.py)."""
import contextlib
import importlib.util
import io
import json
import os
import tempfile
import unittest

_spec = importlib.util.spec_from_file_location(
    "bench_report", os.path.join(os.path.dirname(__file__), "bench-report.py"))
br = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(br)


def zone(blocks, pb=8, min_wmark=0):
    return {"nid": 0, "name": "Z", "start": 0, "end": len(blocks) * pb,
            "pb": pb, "nr_free": sum(b[0] for b in blocks),
            "min_wmark": min_wmark,
            "blocks": [(i * pb,) + tuple(b) for i, b in enumerate(blocks)]}


class Limit(unittest.TestCase):
    def test_unmovable_blocks_never_count(self):
        z = zone([(8, 0, 0), (7, 0, 1), (0, 8, 0), (4, 4, 0)])
        # clean blocks: 0, 2, 3; free pages 19 -> at most 2 blocks
        self.assertEqual(br.limit([z]), 2)

    def test_capped_by_free_memory(self):
        z = zone([(1, 7, 0)] * 8)     # 8 free pages: room for one block
        self.assertEqual(br.limit([z]), 1)
        self.assertEqual(br.mstar([z], 1), 7)

    def test_watermark_cap(self):
        z = zone([(8, 0, 0), (8, 0, 0), (0, 8, 0)], min_wmark=4)
        self.assertEqual(br.limit([z]), 2)
        self.assertEqual(br.limit([z], keep_wmark=True), 1)

    def test_mstar_takes_the_emptiest(self):
        z = zone([(8, 0, 0), (2, 6, 0), (6, 2, 0), (5, 3, 0), (0, 0, 8)])
        self.assertEqual(br.free_blocks([z]), 1)
        self.assertEqual(br.mstar([z], 1), 0)
        self.assertEqual(br.mstar([z], 2), 2)
        self.assertIsNone(br.mstar([z], 3))   # free 21 pages -> cap 2
        self.assertEqual(br.limit([z]), 2)

    def test_freed_stuck_block_counts(self):
        before = zone([(6, 1, 1), (4, 4, 0), (8, 0, 0), (7, 1, 0)])
        after = zone([(8, 0, 0), (0, 8, 0), (8, 0, 0), (8, 0, 0)])
        # block 0 held an unmovable page that went away: its one movable
        # page is the cheapest way to a third free block
        self.assertEqual(br.mstar([before], 3), 5)
        self.assertEqual(br.mstar([before], 3, [after]), 2)

    def test_zones_are_separate(self):
        a = zone([(0, 8, 0), (2, 6, 0)])     # no room inside zone a
        b = zone([(7, 1, 0), (8, 0, 0), (6, 2, 0)])
        self.assertEqual(br.limit([a, b]), 2)
        self.assertEqual(br.mstar([a, b], 2), 1)

    def test_percentile(self):
        self.assertEqual(br.pct(list(range(1, 101)), 50), 50)
        self.assertEqual(br.pct(list(range(1, 101)), 99), 99)
        self.assertEqual(br.pct([5], 99), 5)


LOG = """\
=== CT-TEST-BEGIN bench_manual
=== CT-SURVEY-BEGIN before
zone 0 DMA32 0 24 8 9 0
b 0 8 0 0
[    1.0] some kernel line
b 8 1 7 0
b 16 0 4 4
=== CT-SURVEY-END before
=== CT-SURVEY-BEGIN after
zone 0 DMA32 0 24 8 9 0
b 0 8 0 0
b 8 1 7 0
b 16 0 4 4
=== CT-SURVEY-END after
CT-BENCH manual us=10 pgmigrate_success=0 compact_migrate_scanned=5 \
compact_free_scanned=7 thp_fault_alloc=0
=== CT-TEST-END bench_manual PASS
""".replace("\\\n", "")


ALLOC_LOG = """\
=== CT-TEST-BEGIN bench_alloc
CT-BENCH-ALLOC alloc 0 1 0 100 1000
CT-BENCH-ALLOC alloc 0 1 1 100 1200
CT-BENCH-ALLOC alloc 0 1 2 100 {r2}
CT-BENCH-ALLOC alloc 9 16 0 10 5000
CT-BENCH alloc lines=4 pgmigrate_success=0 compact_migrate_scanned=0 \
compact_free_scanned=0
=== CT-TEST-END bench_alloc PASS
""".replace("\\\n", "")


def write_logs(d, name, text=LOG):
    """D/logs/{stock,ours}-NAME.log, each holding TEXT."""
    os.makedirs(os.path.join(d, "logs"), exist_ok=True)
    for k in ("stock", "ours"):
        with open(os.path.join(d, "logs", f"{k}-{name}.log"), "w") as f:
            f.write(text)


class Parse(unittest.TestCase):
    def test_alloc(self):
        """Median of the rounds, per pair; the spread; the ratio."""
        with tempfile.TemporaryDirectory() as d:
            os.mkdir(os.path.join(d, "logs"))
            for k, r2 in (("stock", 1100), ("ours", 2200)):
                with open(os.path.join(d, "logs", f"{k}-alloc-1.log"),
                          "w") as f:
                    f.write(ALLOC_LOG.format(r2=r2))
            runs = br.load(d)
            a = runs["alloc-1"]["stock"]["alloc"]
            self.assertEqual(a["0/1"]["ns"], 11.0)
            self.assertAlmostEqual(a["0/1"]["spread"], 2 / 11)
            self.assertEqual(a["9/16"]["ns"], 500.0)
            self.assertEqual(runs["alloc-1"]["ours"]["alloc"]["0/1"]["ns"],
                             12.0)
            rows = br.alloc_table(runs)
            self.assertEqual(len(rows), 4)
            self.assertTrue(rows[2].startswith("| 0/1 |"))
            self.assertTrue(rows[2].endswith("| 1.091 |"))


    def test_log(self):
        with tempfile.TemporaryDirectory() as d:
            write_logs(d, "manual-x-1")
            runs = br.load(d)
            m = runs["manual-x-1"]["ours"]
            self.assertEqual(m["verdict"], "PASS")
            self.assertEqual((m["limit"], m["blocks_before"],
                              m["blocks_after"]), (1, 1, 1))
            self.assertEqual((m["migrated"], m["scanned"], m["mstar"]),
                             (0, 12, 0))
            self.assertIsNone(m["scanned_per_block"])   # nothing gained
            self.assertEqual(m["survey_scanned"], 0)    # not in the log
            br.report(d)
            with open(os.path.join(d, "results.json")) as f:
                self.assertIn("manual-x-1", json.load(f))
            self.assertEqual(br.compare(os.path.join(d, "results.json"),
                                        os.path.join(d, "results.json")), 0)
            # nothing gained: the smoke test's check must refuse this run
            self.assertEqual(br.check(os.path.join(d, "logs",
                                                   "ours-manual-x-1.log")), 1)

    def test_scale_leaves_out_failed_boots(self):
        """A boot whose test failed after its figures is not a figure."""
        with tempfile.TemporaryDirectory() as d:
            os.mkdir(os.path.join(d, "logs"))
            for k, verdict in (("stock", "PASS"), ("ours", "FAIL")):
                with open(os.path.join(d, "logs", f"{k}-thp-4-16g.log"),
                          "w") as f:
                    f.write(LOG.replace("bench_manual PASS",
                                        f"bench_manual {verdict}"))
            runs, failed = br.scale_load(d)
            self.assertEqual(list(runs[("thp-4", 16)]), ["stock"])
            self.assertEqual(failed, ["ours thp-4 16 GiB"])
            os.remove(os.path.join(d, "logs", "stock-thp-4-16g.log"))
            br.scale_report(d)
            with open(os.path.join(d, "scale.md")) as f:
                text = f.read()
            self.assertIn("left out, whose test failed: ours thp-4", text)
            self.assertNotIn("| thp-4 |", text)

    def test_scale_own_time(self):
        """A boot's faults timed by their own vCPU (vcpuclock.c's output)
        give its own p99 and max; a boot without them gives none."""
        with tempfile.TemporaryDirectory() as d:
            write_logs(d, "thp-4-2g")
            with open(os.path.join(d, "logs", "ours-thp-4-2g.faults"),
                      "w") as f:
                # 100 faults of 1..100 us, on vCPUs 0-3, two untimed
                f.write("".join(f"{i % 4} {i * 1000}\n"
                                for i in range(100, 0, -1)))
                f.write("# faults 100 unpaired 2\n")
            runs, _ = br.scale_load(d)
            ours, stock = runs[("thp-4", 2)]["ours"], runs[("thp-4", 2)]["stock"]
            self.assertEqual(ours["own_p99_us"], 99)
            self.assertEqual(ours["own_max_us"], 100)
            self.assertEqual(ours["own_untimed"], 2)
            self.assertNotIn("own_p99_us", stock)
            self.assertIsNone(br.parse_faults(os.path.join(d, "none")))
            # fault-clock.sh's report: both clocks, by the same percentile
            log = os.path.join(d, "fc.log")
            with open(log, "w") as f:
                f.write("CT-BENCH-LAT thp " +
                        " ".join(f"1:{i * 10000}" for i in range(1, 101)))
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                rc = br.fault_clock(log, os.path.join(d, "logs",
                                                      "ours-thp-4-2g.faults"))
            self.assertEqual(rc, 0)
            self.assertEqual(out.getvalue().splitlines(), [
                "guest clock  p50 / p99 / max us: 500 / 990 / 1,000 "
                "(100 faults)",
                "own vCPU     p50 / p99 / max us: 50 / 99 / 100 "
                "(100 timed, 2 untimed)"])
            self.assertEqual(br.fault_clock(log, os.path.join(d, "none")), 1)


if __name__ == "__main__":
    unittest.main()
