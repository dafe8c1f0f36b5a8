/* nlp_score.h - scores of predicted tags, lemmas and trees against gold
 * SPDX-License-Identifier: MIT
 *
 * Counts, not ratios: callers add sentences up and divide by words at
 * the end (see nlp_score.c for what counts as right).
 */
#ifndef TKG_EVAL_NLP_SCORE_H
#define TKG_EVAL_NLP_SCORE_H

#include "nlp/nlp.h"

#include <stddef.h>

/** Words compared and, of them, those right in each column. */
typedef struct tkgp_score {
  size_t words, upos, xpos, feats, lemma, uas, las, ulas_full;
} tkgp_score;

/** Add the comparison of N predicted words with N gold words to S. */
void tkgp_score_add(tkgp_score *s, const tkgp_nlp_word *pred,
                    const tkgp_nlp_word *gold, size_t n);

/** The universal part of a relation ("nsubj" of "nsubj:pass"): its length. */
size_t tkgp_deprel_universal_len(const char *deprel);

#endif
