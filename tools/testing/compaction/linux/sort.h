/* SPDX-License-Identifier: GPL-2.0 */
#include "../compaction_shim.h"
