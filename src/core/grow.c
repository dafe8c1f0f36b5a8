/* grow.c - growing a malloc'd table by doubling
 * SPDX-License-Identifier: MIT
 */
#include "core/grow.h"
#include "core/world.h"

#include <stdint.h>
#include <stdlib.h>

int tkgp_grow(void **p, size_t *cap, size_t need, size_t size)
{
  size_t n = *cap ? *cap : 16;
  void *q;

  if (need <= *cap)
    return 0;
  while (n < need) {
    if (n > SIZE_MAX / 2)
      return TKG_ENOMEM;
    n *= 2;
  }
  if (size && n > SIZE_MAX / size)
    return TKG_ENOMEM;
  if (!(q = realloc(*p, n * size)))
    return TKG_ENOMEM;
  *p = q;
  *cap = n;
  return 0;
}
