#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Provokes a kernel WARN on purpose: `make check` boots it to prove a WARN
# in the guest log fails the run even when every test passes.
echo WARNING > /sys/kernel/debug/provoke-crash/DIRECT
exit 0
