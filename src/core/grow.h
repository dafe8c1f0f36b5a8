/* grow.h - growing a malloc'd table by doubling
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_CORE_GROW_H
#define TKG_CORE_GROW_H

#include <stddef.h>

/**
 * Make room for NEED elements of SIZE bytes in the malloc'd table *P of
 * *CAP elements, doubling from 16; *P and *CAP are updated, the contents
 * kept. @return 0, or TKG_ENOMEM (the table left as it was).
 */
int tkgp_grow(void **p, size_t *cap, size_t need, size_t size);

#endif
