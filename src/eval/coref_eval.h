/* coref_eval.h - `textkg eval coref`: coreference scores on GUM
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_EVAL_COREF_EVAL_H
#define TKG_EVAL_COREF_EVAL_H

#include <stddef.h>

/* The mentions resolved: detected by textkg (end to end), or the key's. */
enum { TKGP_COREF_SET_PREDICTED, TKGP_COREF_SET_GOLD, TKGP_COREF_SETS };

typedef struct tkgp_coref_eval_opts {
  const char *models;   /* model directory, or NULL for the default */
  const char *dep;      /* directory of the CoNLL-U files, or NULL: ../dep/ */
  int gold_syntax;      /* the treebank's tags and trees, not textkg's */
  int quiet;            /* totals only */
  int errors;           /* print missed and extra mentions and the chains */
  int use_ner;          /* add the NER's names to the predicted mentions */
  int settings[TKGP_COREF_SETS]; /* which settings to run */
  unsigned skip_sieves; /* bit N skips sieve N, for ablation */
} tkgp_coref_eval_opts;

/**
 * Score textkg's coreference against the N_FILES CoNLL-2012 bracket files
 * FILES of GUM (see coref_eval.c), printing a table to standard output.
 * @return the exit status: 0 success, 1 failure (the error on standard
 *         error as "textkg: FILE: what went wrong (line N)").
 */
int tkgp_coref_eval(const tkgp_coref_eval_opts *opts, char *const *files, size_t n_files);

#endif
