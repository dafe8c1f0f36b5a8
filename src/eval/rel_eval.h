/* rel_eval.h - `textkg eval rel`: the relation classifier on CoNLL04 files
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_EVAL_REL_EVAL_H
#define TKG_EVAL_REL_EVAL_H

#include <stddef.h>

typedef struct tkgp_rel_eval_opts {
  const char *models;   /* where the tagger, parser, NER and classifier are, or NULL */
  const char *model;    /* a classifier file of its own, or NULL */
  int set_threshold;    /* use THRESHOLD, not the model's */
  float threshold;
  int gold_entities;    /* classify pairs of gold mentions, not the NER's */
} tkgp_rel_eval_opts;

/**
 * Tag and parse the sentences of the N_FILES CoNLL04 JSON files FILES,
 * find their mentions, classify every pair and print strict scores per
 * relation to standard output.
 * @return the exit status: 0 success, 1 failure (on standard error).
 */
int tkgp_rel_eval(const tkgp_rel_eval_opts *opts, char *const *files, size_t n_files);

#endif
