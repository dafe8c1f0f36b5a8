/* ner_score.c - strict name scores of the recognizer on a gold corpus
 * SPDX-License-Identifier: MIT
 *
 * A name is right when its words and its type (PER, ORG, LOC, MISC after
 * the model's finer types are grouped) are those of a gold name.
 */
#include "eval/ner_score.h"

#include "core/clock.h"
#include "core/grow.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void print_span(FILE *out, const char *what, const char *type,
                       const tkgp_nlp_word *words, const tkgp_ner_span *span)
{
  fprintf(out, "%-8s %-6s", what, type);
  for (uint32_t k = 0; k < span->count; k++)
    fprintf(out, " %s", words[span->first + k].form);
  fputc('\n', out);
}

int tkgp_ner_score_corpus(tkgp_ner *ner, const tkgp_ner_corpus *c,
                          tkgp_ner_counts *counts)
{
  for (size_t s = 0; s < c->n_sents; s++) {
    const tkgp_ner_sent *st = &c->sents[s];
    /* A corpus without names has no span array: no offset into NULL. */
    const tkgp_ner_span *gold = c->spans ? c->spans + st->span : NULL, *pred;
    size_t n_pred;
    double t0 = tkgp_now();
    int rc;
    if (st->doc_start)
      tkgp_ner_begin_document(ner);
    rc = tkgp_ner_tag(ner, c->words + st->word, st->n_words, &pred, &n_pred);
    counts->seconds += tkgp_now() - t0;
    if (rc < 0)
      return rc;
    counts->sents++;
    counts->words += st->n_words;
    if (counts->per_sentence) {
      if (tkgp_grow((void **)&counts->sent_prf, &counts->cap_sent_prf,
                    counts->n_sent_prf + 1, sizeof *counts->sent_prf) < 0)
        return TKG_ENOMEM;
      counts->sent_prf[counts->n_sent_prf++] = (tkgp_prf){0, 0, 0};
    }
    for (size_t g = 0; g < st->n_spans; g++)
      if ((unsigned)gold[g].type < TKGP_NER_MODEL_TYPES)
        counts->gold[gold[g].type]++;
    for (size_t p = 0; p < n_pred; p++) {
      tkgp_ner_type t = tkgp_ner_type_group(pred[p].type);
      size_t g;
      counts->split[pred[p].type]++;
      if ((unsigned)t >= TKGP_NER_MODEL_TYPES)
        continue;
      counts->pred[t]++;
      for (g = 0; g < st->n_spans; g++)
        if (gold[g].first == pred[p].first && gold[g].count == pred[p].count &&
            gold[g].type == t) {
          counts->correct[t]++;
          break;
        }
      if (counts->per_sentence && t <= TKGP_NER_LOC) {
        tkgp_prf *u = &counts->sent_prf[counts->n_sent_prf - 1];
        if (g < st->n_spans)
          u->tp++;
        else
          u->fp++;
      }
      if (counts->errors && g == st->n_spans)
        print_span(counts->errors, "spurious", tkgp_ner_type_name(t), c->words + st->word,
                   &pred[p]);
    }
    for (size_t g = 0; (counts->errors || counts->per_sentence) && g < st->n_spans; g++) {
      size_t p;
      if ((unsigned)gold[g].type >= TKGP_NER_MODEL_TYPES)
        continue;
      for (p = 0; p < n_pred; p++)
        if (gold[g].first == pred[p].first && gold[g].count == pred[p].count &&
            gold[g].type == tkgp_ner_type_group(pred[p].type))
          break;
      if (p < n_pred)
        continue;
      if (counts->per_sentence && gold[g].type <= TKGP_NER_LOC)
        counts->sent_prf[counts->n_sent_prf - 1].fn++;
      if (counts->errors)
        print_span(counts->errors, "missed", tkgp_ner_type_name(gold[g].type),
                   c->words + st->word, &gold[g]);
    }
  }
  return 0;
}

double tkgp_ner_micro_f1(const tkgp_ner_counts *c)
{
  size_t g = 0, p = 0, k = 0;
  for (int t = TKGP_NER_PER; t <= TKGP_NER_LOC; t++) {
    g += c->gold[t];
    p += c->pred[t];
    k += c->correct[t];
  }
  return g + p ? 200.0 * (double)k / (double)(g + p) : 0;
}

void tkgp_ner_counts_finish(tkgp_ner_counts *c)
{
  free(c->sent_prf);
  c->sent_prf = NULL;
  c->n_sent_prf = c->cap_sent_prf = 0;
}
