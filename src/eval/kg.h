/* kg.h - `textkg eval kg`: the graph `build` writes, scored end to end
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_EVAL_KG_H
#define TKG_EVAL_KG_H

#include <stddef.h>

typedef struct tkgp_kg_eval_opts {
  int errors;       /* print every missed and spurious name and relation */
  int by_predicate; /* a table of relation scores per predicate */
} tkgp_kg_eval_opts;

/**
 * Rebuild the raw text of each annotated document of FILES (CoNLL04
 * .json, GUM .conllu, UNER .iob2), build it as `textkg build` does, and
 * score the graph against the annotation (see kg.c); the report goes to
 * standard output.
 * @return the exit status: 0 success, 1 failure (a file unread, or a
 *         document that failed to build).
 */
int tkgp_kg_eval(const tkgp_kg_eval_opts *opts, char *const *files, size_t n_files);

#endif
