/* rel_score.c - strict relation scores against gold mentions and relations
 * SPDX-License-Identifier: MIT
 */
#include "eval/rel_score.h"

#include <stdint.h>

static int same_mention(const tkgp_ner_span *a, const tkgp_ner_span *b)
{
  return a->first == b->first && a->count == b->count &&
         tkgp_rel_entity_group(a->type) == tkgp_rel_entity_group(b->type) && tkgp_rel_entity_group(a->type) >= 0;
}

void tkgp_rel_score_sentence(const tkgp_ner_span *gents, const tkgp_rel_gold *gold,
                             size_t n_gold, const tkgp_ner_span *pents,
                             const tkgp_rel_pred *pred, size_t n_pred,
                             tkgp_rel_counts *counts)
{
  /* Greedy one-to-one matching: for each prediction, the first gold
   * relation it matches that no earlier prediction took. Matched gold
   * relations are remembered 64 at a time, so nothing is allocated. */
  for (size_t g = 0; g < n_gold; g++)
    counts->gold[gold[g].type]++;
  for (size_t p = 0; p < n_pred; p++)
    counts->pred[pred[p].type]++;
  for (size_t base = 0; base < n_gold; base += 64) {
    uint64_t used = 0;
    size_t lim = n_gold - base < 64 ? n_gold - base : 64;
    for (size_t p = 0; p < n_pred; p++) {
      for (size_t g = 0; g < lim; g++) {
        const tkgp_rel_gold *x = &gold[base + g];
        if (used >> g & 1u || x->type != pred[p].type ||
            x->head == UINT32_MAX || x->tail == UINT32_MAX)
          continue;
        if (same_mention(&gents[x->head], &pents[pred[p].head]) &&
            same_mention(&gents[x->tail], &pents[pred[p].tail])) {
          used |= (uint64_t)1 << g;
          counts->correct[x->type]++;
          break;
        }
      }
    }
  }
}

void tkgp_rel_micro(const tkgp_rel_counts *c, double *p, double *r, double *f1)
{
  size_t g = 0, q = 0, k = 0;
  for (int t = 1; t < TKGP_REL_NCLASSES; t++) {
    g += c->gold[t];
    q += c->pred[t];
    k += c->correct[t];
  }
  *p = q ? 100.0 * (double)k / (double)q : 0;
  *r = g ? 100.0 * (double)k / (double)g : 0;
  *f1 = g + q ? 200.0 * (double)k / (double)(g + q) : 0;
}
