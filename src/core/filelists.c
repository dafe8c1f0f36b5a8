/* filelists.c - "--train A B --dev C D": the file lists of a training command
 * SPDX-License-Identifier: MIT
 */
#include "core/filelists.h"
#include "textkg.h"

#include <stdlib.h>
#include <string.h>

int tkgp_filelists_init(tkgp_filelists *l, int argc)
{
  memset(l, 0, sizeof *l);
  l->train = calloc((size_t)argc + 1, sizeof *l->train);
  l->dev = calloc((size_t)argc + 1, sizeof *l->dev);
  if (!l->train || !l->dev) {
    tkgp_filelists_finish(l);
    return TKG_ENOMEM;
  }
  return 0;
}

void tkgp_filelists_finish(tkgp_filelists *l)
{
  free(l->train);
  free(l->dev);
  memset(l, 0, sizeof *l);
}

int tkgp_filelists_take(tkgp_filelists *l, char *arg)
{
  if (strcmp(arg, "--train") == 0) {
    l->list = l->train;
    l->count = &l->n_train;
    return 1;
  }
  if (strcmp(arg, "--dev") == 0) {
    l->list = l->dev;
    l->count = &l->n_dev;
    return 1;
  }
  if (arg[0] == '-' && arg[1]) { /* "-" alone is a file: standard input */
    l->list = NULL;
    return 0;
  }
  if (!l->list)
    return 0;
  l->list[(*l->count)++] = arg;
  return 1;
}
