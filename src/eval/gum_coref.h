/* gum_coref.h - reader of GUM's CoNLL-2012 coreference bracket files
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_EVAL_GUM_COREF_H
#define TKG_EVAL_GUM_COREF_H

#include "core/world.h"
#include "eval/coref_score.h"

#include <stddef.h>

/* The entity types a key mention may have that the scorers tell apart. */
typedef enum tkgp_key_type {
  TKGP_KEY_OTHER,
  TKGP_KEY_PERSON,
  TKGP_KEY_ORGANIZATION,
  TKGP_KEY_PLACE
} tkgp_key_type;

/* One document's words and key mentions. */
typedef struct tkgp_coref_key {
  char *buf;              /* the file */
  char name[256];         /* document name of "# begin document" */
  const char **forms;     /* word forms (into buf) */
  size_t n_words, cap_words;
  tkgp_coref_span *spans; /* key mentions, word positions */
  unsigned char *types;   /* tkgp_key_type of each span */
  size_t n_spans, cap_spans;
} tkgp_coref_key;

/**
 * Read the bracket file PATH into K. Errors are printed to standard error
 * as "textkg: PATH: what (line N)". Release K with tkgp_coref_key_finish().
 * @return 0, TKG_EINPUT, TKG_EIO, TKG_ENOTFOUND or TKG_ENOMEM.
 */
int tkgp_coref_key_read(tkgp_coref_key *k, tkg_world *world, const char *path);

void tkgp_coref_key_finish(tkgp_coref_key *k);

#endif
