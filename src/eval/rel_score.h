/* rel_score.h - strict relation scores against gold mentions and relations
 * SPDX-License-Identifier: MIT
 *
 * A predicted relation is right when its type and both its mentions
 * (their words and entity group) are those of a gold relation, each
 * gold relation matched once.
 */
#ifndef TKG_EVAL_REL_SCORE_H
#define TKG_EVAL_REL_SCORE_H

#include "corpus/rel_corpus.h"
#include "rel/relclass.h"

#include <stddef.h>


typedef struct tkgp_rel_counts {
  size_t gold[TKGP_REL_NCLASSES], pred[TKGP_REL_NCLASSES],
      correct[TKGP_REL_NCLASSES];   /* index 0 unused */
  size_t sents, words;
  double seconds;                   /* spent in tkgp_relclass_predict() */
} tkgp_rel_counts;

/**
 * Add to COUNTS the strict score of the predictions PRED (over the
 * mentions PENTS) against the gold relations GOLD (over the mentions
 * GENTS) of one sentence: a prediction is right when both mentions have
 * the gold span and type (COUNTRY, CITY, PLACE as LOC) and the relation
 * type is the gold one; each gold relation is matched at most once.
 */
void tkgp_rel_score_sentence(const tkgp_ner_span *gents, const tkgp_rel_gold *gold,
                             size_t n_gold, const tkgp_ner_span *pents,
                             const tkgp_rel_pred *pred, size_t n_pred,
                             tkgp_rel_counts *counts);

/** Micro-averaged precision, recall and F1 (percent) of COUNTS. */
void tkgp_rel_micro(const tkgp_rel_counts *counts, double *p, double *r,
                    double *f1);

#endif
