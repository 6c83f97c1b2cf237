#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Our kselftest of the sysctl and sysfs interface (see its header).
cd /selftests && ./compaction_abi
