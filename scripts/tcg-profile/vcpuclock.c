// SPDX-License-Identifier: GPL-2.0
/*
 * A QEMU TCG plugin (plugin API version 1, as QEMU 7.2 has it) that times
 * each THP fault of thp_fault_bench by the instructions of the vCPU that
 * runs it: the fault's own work, without the other vCPUs' slices that the
 * guest clock charges it under TCG's round robin (bench/README.md, "What
 * the four-task latencies measure under TCG").
 *
 * Arguments: out=PATH, begin=HEX and end=HEX, the addresses of
 * thp_fault_bench's ct_fault_begin() and ct_fault_end().  At exit PATH
 * gets one line per fault, "vcpu instructions", and a last line
 * "# faults N unpaired M": a fault whose task moved to another vCPU
 * between its marks is not timed, but counted as unpaired.
 *
 * The API: plugin-v1.h.  The counts are plain: with icount one host
 * thread runs every vCPU.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plugin-v1.h"

#define MAX_VCPUS	64
#define MAX_FAULTS	(1u << 20)

static const char *out_path = "vcpuclock.out";
static uint64_t begin_va, end_va;
static uint64_t insns[MAX_VCPUS], start[MAX_VCPUS];
static int open_fault[MAX_VCPUS];
static uint32_t fault_vcpu[MAX_FAULTS];
static uint64_t fault_insns[MAX_FAULTS];
static unsigned long nr_faults, unpaired;

static void on_exec(unsigned int vcpu, void *userdata)
{
	if (vcpu < MAX_VCPUS)
		insns[vcpu] += (uintptr_t)userdata;
}

static void on_begin(unsigned int vcpu, void *userdata)
{
	if (vcpu >= MAX_VCPUS)
		return;
	/* a begin still open here: its task moved away mid-fault */
	unpaired += open_fault[vcpu];
	open_fault[vcpu] = 1;
	start[vcpu] = insns[vcpu];
}

static void on_end(unsigned int vcpu, void *userdata)
{
	if (vcpu >= MAX_VCPUS || !open_fault[vcpu]) {
		unpaired++;
		return;
	}
	open_fault[vcpu] = 0;
	if (nr_faults < MAX_FAULTS) {
		fault_vcpu[nr_faults] = vcpu;
		fault_insns[nr_faults++] = insns[vcpu] - start[vcpu];
	}
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	uint64_t vaddr = qemu_plugin_tb_vaddr(tb);

	/* marks first: a mark's own block is not part of the fault */
	if (vaddr == begin_va)
		qemu_plugin_register_vcpu_tb_exec_cb(tb, on_begin,
						     QEMU_PLUGIN_CB_NO_REGS,
						     NULL);
	if (vaddr == end_va)
		qemu_plugin_register_vcpu_tb_exec_cb(tb, on_end,
						     QEMU_PLUGIN_CB_NO_REGS,
						     NULL);
	qemu_plugin_register_vcpu_tb_exec_cb(tb, on_exec,
					     QEMU_PLUGIN_CB_NO_REGS,
					     (void *)(uintptr_t)
					     qemu_plugin_tb_n_insns(tb));
}

static void on_qemu_exit(qemu_plugin_id_t id, void *userdata)
{
	FILE *f = fopen(out_path, "w");
	unsigned long i;

	if (!f) {
		perror(out_path);
		return;
	}
	for (i = 0; i < nr_faults; i++)
		fprintf(f, "%u %llu\n", fault_vcpu[i],
			(unsigned long long)fault_insns[i]);
	fprintf(f, "# faults %lu unpaired %lu\n", nr_faults, unpaired);
	fclose(f);
}

EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
			       int argc, char **argv)
{
	const struct plugin_opt opts[] = {
		{ .key = "out=", .str = &out_path },
		{ .key = "begin=", .hex = &begin_va },
		{ .key = "end=", .hex = &end_va },
		{ }
	};

	if (plugin_parse("vcpuclock", argc, argv, opts))
		return -1;
	if (!begin_va || !end_va) {
		fprintf(stderr, "vcpuclock: begin= and end= are needed\n");
		return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	qemu_plugin_register_atexit_cb(id, on_qemu_exit, NULL);
	return 0;
}
