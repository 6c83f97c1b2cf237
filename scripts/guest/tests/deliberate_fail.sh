#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Fails on purpose: `make check` boots it to prove a failing guest test
# makes the guest run fail.
echo "this test fails on purpose"
exit 1
