#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The stock kselftest mm/compaction_test (a smoke test only: see bench/README.md).
ulimit -l unlimited
cd /selftests && ./compaction_test
