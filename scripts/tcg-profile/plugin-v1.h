/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What this directory's QEMU TCG plugins use of the plugin API, version 1
 * as QEMU 7.2 has it, declared here so that they build without QEMU's
 * source.  Each plugin is one file that includes this once.
 */
#ifndef CT_PLUGIN_V1_H
#define CT_PLUGIN_V1_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT __attribute__((visibility("default")))

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
typedef struct qemu_info_t qemu_info_t;
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS };
typedef void (*tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*udata_cb_t)(qemu_plugin_id_t id, void *userdata);
typedef void (*vcpu_udata_cb_t)(unsigned int vcpu, void *userdata);

extern void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
						  tb_trans_cb_t cb);
extern void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb,
						     enum qemu_plugin_op op,
						     void *ptr, uint64_t imm);
extern void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb,
						 vcpu_udata_cb_t cb,
						 enum qemu_plugin_cb_flags flags,
						 void *userdata);
extern size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
extern uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);
extern void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, udata_cb_t cb,
					   void *userdata);

EXPORT int qemu_plugin_version = 1;

/* A plugin argument "key=value": a string, or a hexadecimal number */
struct plugin_opt {
	const char *key;	/* with its '=' */
	const char **str;
	uint64_t *hex;
};

/*
 * Parse @argv against @opts (ended by a NULL key); on an argument no
 * option takes, say so as @name and return -1.
 */
static inline int plugin_parse(const char *name, int argc, char **argv,
			       const struct plugin_opt *opts)
{
	const struct plugin_opt *o;
	const char *v;
	int i;

	for (i = 0; i < argc; i++) {
		for (o = opts; o->key; o++)
			if (!strncmp(argv[i], o->key, strlen(o->key)))
				break;
		if (!o->key) {
			fprintf(stderr, "%s: unknown argument %s\n", name,
				argv[i]);
			return -1;
		}
		v = argv[i] + strlen(o->key);
		if (o->str)
			*o->str = v;
		else
			*o->hex = strtoull(v, NULL, 16);
	}
	return 0;
}

#endif
