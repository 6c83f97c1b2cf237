// SPDX-License-Identifier: GPL-2.0
/*
 * A QEMU TCG plugin (plugin API version 1, as QEMU 7.2 has it) that counts
 * the guest instructions executed per translated block, keyed by the
 * block's first address.  Under -icount shift=0 an instruction is a
 * nanosecond of the guest's clock, so the counts are where the guest's
 * time went.  Blocks in user space are counted together (address 1).
 *
 * Arguments: out=PATH (default tbprof.out) and toggle=HEX, the address of
 * a kernel function: each time a block starting there runs, the counts so
 * far are written to PATH.N (N = 0, 1, ...).  At exit they go to PATH.
 * Each line is "address instructions", in hex and decimal.
 *
 * The API: plugin-v1.h.  Inline counters are not atomic: exact with
 * icount, where one thread runs every vCPU.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plugin-v1.h"

/* open addressing; a kernel has well under a million distinct blocks */
#define TABLE_SIZE	(1u << 22)
#define KERNEL_START	0xffffffff80000000ull

struct block_count {
	uint64_t vaddr;
	uint64_t insns;
};

static struct block_count *table;
static const char *out_path = "tbprof.out";
static uint64_t toggle_vaddr;
static int snapshots;

static struct block_count *lookup(uint64_t vaddr)
{
	uint64_t h = (vaddr * 0x9E3779B97F4A7C15ull) >> 42;
	struct block_count *e;

	for (;; h++) {
		e = &table[h & (TABLE_SIZE - 1)];
		if (e->vaddr == vaddr || !e->vaddr) {
			e->vaddr = vaddr;
			return e;
		}
	}
}

static void dump(const char *path)
{
	FILE *f = fopen(path, "w");
	uint32_t i;

	if (!f) {
		perror(path);
		return;
	}
	for (i = 0; i < TABLE_SIZE; i++)
		if (table[i].vaddr && table[i].insns)
			fprintf(f, "%llx %llu\n",
				(unsigned long long)table[i].vaddr,
				(unsigned long long)table[i].insns);
	fclose(f);
}

static void on_toggle(unsigned int vcpu, void *userdata)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s.%d", out_path, snapshots++);
	dump(path);
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	uint64_t vaddr = qemu_plugin_tb_vaddr(tb);
	struct block_count *e;

	if (vaddr < KERNEL_START)
		vaddr = 1;
	e = lookup(vaddr);
	if (toggle_vaddr && vaddr == toggle_vaddr)
		qemu_plugin_register_vcpu_tb_exec_cb(tb, on_toggle,
						     QEMU_PLUGIN_CB_NO_REGS,
						     NULL);
	qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64,
						 &e->insns,
						 qemu_plugin_tb_n_insns(tb));
}

static void on_qemu_exit(qemu_plugin_id_t id, void *userdata)
{
	dump(out_path);
}

EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
			       int argc, char **argv)
{
	const struct plugin_opt opts[] = {
		{ .key = "out=", .str = &out_path },
		{ .key = "toggle=", .hex = &toggle_vaddr },
		{ }
	};

	if (plugin_parse("tbprof", argc, argv, opts))
		return -1;
	table = calloc(TABLE_SIZE, sizeof(*table));
	if (!table)
		return -1;
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	qemu_plugin_register_atexit_cb(id, on_qemu_exit, NULL);
	return 0;
}
