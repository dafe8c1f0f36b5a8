/* ner_eval.h - `textkg eval ner`: the recognizer on annotated files
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_EVAL_NER_EVAL_H
#define TKG_EVAL_NER_EVAL_H

#include <stddef.h>

typedef struct tkgp_ner_eval_opts {
  const char *models; /* where the tagger and the NER are, or NULL */
  const char *model;  /* an NER model file of its own, or NULL */
  int each;           /* a table per file, not per format */
  int errors;         /* print every missed and spurious name */
  int no_rules;       /* the learnt model alone, without the rules */
} tkgp_ner_eval_opts;

/**
 * Tag the N_FILES annotated files FILES with textkg's tagger and NER and
 * print strict scores per type to standard output, one table per format
 * (or per file).
 * @return the exit status: 0 success, 1 failure (on standard error).
 */
int tkgp_ner_eval(const tkgp_ner_eval_opts *opts, char *const *files, size_t n_files);

#endif
