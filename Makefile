# SPDX-License-Identifier: GPL-2.0
# Drives everything; see README.md.  Large files live under
# $(CT_CACHE) (default ~/.cache/compaction-series), logs under out/.
#
#   make run      build our kernel, boot it, run the compaction demo
#   make check    every test (host checks, guest suite under the debug
#                 kernel, gdb smoke test); ends with "N passed, N failed"
#   make unit     the planning code's userspace tests (tools/testing/compaction)
#   make bench    ours vs stock 6.12 vs the limit: out/bench/report.md
#   make bench-scale  direct compaction in 2, 8 and 16 GiB guests, one
#                 faulting task and four: out/bench-scale/scale.md (long)
#   make variants our kernel without THP, without COMPACTION (CMA only),
#                 with PREEMPT, with KASAN (+ soak): long, not in check;
#                 K=stock builds and boots stock 6.12 the same way
#   make soak     everything at once for 4 minutes of guest time (K=, F=)
#   make compare  the page-kind, topology and load tests on stock and ours
#                 in the same run: verdicts side by side, and figures
#   make vmtests  stock's run_vmtests.sh (compaction, thp, hugetlb,
#                 migration) on stock and ours: none may fail only on ours
#   make gdb      boot halted and attach gdb, ready to break in compaction
#   make patches  regenerate patches/ from our files and series/
SHELL := /bin/bash
S := scripts

.PHONY: run check unit bench bench-scale variants soak compare vmtests gdb patches deps base ours kernel guest clean help

run: deps
	$(S)/build-kernel.sh ours plain
	$(S)/build-guest.sh
	$(S)/run-qemu.sh -k ours -f plain -l out/demo.log demo

check:
	$(S)/check.sh

# the userspace tests of the planning code, in seconds (no kernel build)
unit:
	CT_NEED_DISK_GIB=3 CT_NEED_MEM_MIB=0 $(S)/deps.sh
	$(S)/unit.sh

bench: deps
	$(S)/bench.sh

bench-scale: deps
	$(S)/bench-scale.sh

variants: deps
	CT_VARIANT_KERNEL=$(or $(K),ours) $(S)/variants.sh $(V)

soak: deps
	$(S)/soak.sh $(or $(K),ours) $(or $(F),debug)

compare: deps
	$(S)/compare.sh $(or $(F),debug) "$(or $(K),stock ours)"

vmtests: deps
	$(S)/vmtests.sh $(or $(F),debug) "$(or $(K),stock ours)"

gdb: deps
	$(S)/build-kernel.sh ours debug
	$(S)/build-guest.sh
	$(S)/gdb-smoke.sh -i -k ours -f debug

patches:
	CT_NEED_DISK_GIB=3 CT_NEED_MEM_MIB=0 $(S)/deps.sh
	$(S)/make-patches.sh

deps:
	$(S)/deps.sh

base: deps
	$(S)/fetch-base.sh

ours: deps
	$(S)/apply-series.sh

# make kernel K=stock F=debug
kernel: deps
	$(S)/build-kernel.sh $(or $(K),ours) $(or $(F),plain)

guest: deps
	$(S)/build-guest.sh

clean:
	rm -rf out

help:
	@sed -n 's/^#   //p' Makefile
