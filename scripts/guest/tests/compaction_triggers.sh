#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Our kselftest of direct compaction, kcompactd and proactive compaction.
cd /selftests && ./compaction_triggers
