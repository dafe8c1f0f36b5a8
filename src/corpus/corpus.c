/* corpus.c - CoNLL-U files as one training corpus of gold words
 * SPDX-License-Identifier: MIT
 */
#include "corpus/corpus.h"

#include <stdlib.h>
#include <string.h>

int tkgp_corpus_init(tkgp_corpus *c, const tkgp_conllu *files, size_t n)
{
  size_t nw = 0, ns = 0, w = 0, k = 0;

  memset(c, 0, sizeof *c);
  for (size_t f = 0; f < n; f++) {
    nw += files[f].n_words;
    ns += files[f].n_sents;
  }
  c->words = calloc(nw ? nw : 1, sizeof *c->words);
  c->start = calloc(ns + 1, sizeof *c->start);
  if (!c->words || !c->start) {
    tkgp_corpus_finish(c);
    return TKG_ENOMEM;
  }
  for (size_t f = 0; f < n; f++)
    for (size_t s = 0; s < files[f].n_sents; s++) {
      const tkgp_conllu_sent *cs = &files[f].sents[s];
      if (cs->n_words == 0)
        continue;
      c->start[k++] = w;
      for (size_t i = 0; i < cs->n_words; i++) {
        tkgp_nlp_word *x = &c->words[w++];
        x->form = tkgp_conllu_col(cs, i, TKGP_FORM);
        x->lemma = tkgp_conllu_col(cs, i, TKGP_LEMMA);
        x->upos = tkgp_conllu_col(cs, i, TKGP_UPOS);
        x->xpos = tkgp_conllu_col(cs, i, TKGP_XPOS);
        x->feats = tkgp_conllu_col(cs, i, TKGP_FEATS);
        x->deprel = tkgp_conllu_col(cs, i, TKGP_DEPREL);
        x->head = cs->heads[i];
      }
    }
  c->start[k] = w;
  c->n_sents = k;
  c->n_words = w;
  return 0;
}

void tkgp_corpus_finish(tkgp_corpus *c)
{
  free(c->words);
  free(c->start);
  memset(c, 0, sizeof *c);
}
