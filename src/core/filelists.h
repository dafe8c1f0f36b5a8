/* filelists.h - "--train A B --dev C D": the file lists of a training command
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_FILELISTS_H
#define TKG_FILELISTS_H

#include <stddef.h>

typedef struct tkgp_filelists {
  char **train, **dev; /* borrowed from argv */
  size_t n_train, n_dev;
  char **list;         /* the list being filled, or NULL */
  size_t *count;
} tkgp_filelists;

/** Room for every argument of a command line of ARGC words. 0 or TKG_ENOMEM. */
int tkgp_filelists_init(tkgp_filelists *l, int argc);

void tkgp_filelists_finish(tkgp_filelists *l);

/**
 * Take ARG if it is "--train" or "--dev" (which start a list) or a file of
 * the list being filled: 1. Any other option ends the list: 0, and so
 * does a file when no list is open, for the caller to reject.
 */
int tkgp_filelists_take(tkgp_filelists *l, char *arg);

#endif
