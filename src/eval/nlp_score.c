/* nlp_score.c - scoring predicted annotation against gold CoNLL-U
 * SPDX-License-Identifier: MIT
 *
 * CoNLL 2018 shared task definitions on gold tokenization: every
 * syntactic word counts, punctuation included; multiword tokens and
 * empty nodes are not words. LAS compares the head and the universal part
 * of the relation (before ':'), so "nsubj:pass" against "nsubj" is right.
 */
#include "eval/nlp_score.h"

#include <string.h>

size_t tkgp_deprel_universal_len(const char *deprel)
{
  const char *colon = strchr(deprel, ':');
  return colon ? (size_t)(colon - deprel) : strlen(deprel);
}

static int same(const char *a, const char *b)
{
  return a && b && strcmp(a, b) == 0;
}

void tkgp_score_add(tkgp_score *s, const tkgp_nlp_word *pred,
                    const tkgp_nlp_word *gold, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    const tkgp_nlp_word *p = &pred[i], *g = &gold[i];
    s->words++;
    s->upos += same(p->upos, g->upos);
    s->xpos += same(p->xpos, g->xpos);
    s->feats += same(p->feats, g->feats);
    s->lemma += same(p->lemma, g->lemma);
    if (p->head == g->head && p->head >= 0) {
      s->uas++;
      if (p->deprel && g->deprel) {
        size_t lp = tkgp_deprel_universal_len(p->deprel);
        size_t lg = tkgp_deprel_universal_len(g->deprel);
        if (lp == lg && memcmp(p->deprel, g->deprel, lp) == 0)
          s->las++;
        if (strcmp(p->deprel, g->deprel) == 0)
          s->ulas_full++;
      }
    }
  }
}
