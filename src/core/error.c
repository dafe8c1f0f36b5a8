/* error.c - failure messages kept in the world
 * SPDX-License-Identifier: MIT
 *
 * Separate from world.c so that low-level modules and their unit tests can
 * report errors without linking the ontology loader.
 */
#include "core/world.h"

#include <stdio.h>

int tkgp_verror(tkg_world *world, int code, const char *fmt, va_list ap)
{
  if (world)
    vsnprintf(world->error, sizeof world->error, fmt, ap);
  return code;
}

int tkgp_error(tkg_world *world, int code, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  tkgp_verror(world, code, fmt, ap);
  va_end(ap);
  return code;
}

void tkgp_error_clear(tkg_world *world)
{
  if (world)
    world->error[0] = '\0';
}
