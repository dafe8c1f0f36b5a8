/* ner_score.h - strict name scores of the recognizer on a gold corpus
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_EVAL_NER_SCORE_H
#define TKG_EVAL_NER_SCORE_H

#include "corpus/ner_corpus.h"
#include "eval/score.h"
#include "ner/ner.h"

#include <stddef.h>
#include <stdio.h>

typedef struct tkgp_ner_counts {
  size_t gold[TKGP_NER_MODEL_TYPES], pred[TKGP_NER_MODEL_TYPES],
      correct[TKGP_NER_MODEL_TYPES];
  size_t split[TKGP_NER_NTYPES];  /* predicted spans by final type */
  size_t sents, words;
  double seconds;                 /* spent in tkgp_ner_tag() */
  FILE *errors;                   /* if set, missed and spurious names go there */
  int per_sentence;               /* if set, keep each sentence's counts in SENTS */
  tkgp_prf *sent_prf;             /* PER/ORG/LOC counts of each sentence (malloc'd) */
  size_t n_sent_prf, cap_sent_prf;
} tkgp_ner_counts;

/** Tag every sentence of C (whose words are tagged) and add to COUNTS.
 * @return 0, or a negative TKG_E* code. */
int tkgp_ner_score_corpus(tkgp_ner *ner, const tkgp_ner_corpus *c,
                          tkgp_ner_counts *counts);

/** Micro-averaged F1 (percent) over PER, ORG and LOC. */
double tkgp_ner_micro_f1(const tkgp_ner_counts *counts);

/** Free what COUNTS allocated (the per-sentence counts). */
void tkgp_ner_counts_finish(tkgp_ner_counts *counts);

#endif
