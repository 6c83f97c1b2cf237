#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Our kselftest: fragment, compact, verify every byte (see its header).
cd /selftests && ./compaction_integrity
