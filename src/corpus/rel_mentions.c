/* rel_mentions.c - the mentions the relation classifier is given, per sentence
 * SPDX-License-Identifier: MIT
 *
 * `train rel` picks its epoch on the dev set's mentions, and `eval rel`
 * scores on a corpus's: the ones textkg's NER finds (the end-to-end
 * setting) or the gold ones.
 */
#include "corpus/rel_corpus.h"

#include "core/clock.h"
#include "core/grow.h"

#include <stdlib.h>
#include <string.h>

static int alloc_index(tkgp_rel_mentions *m, tkg_world *world, const tkgp_rel_corpus *c)
{
  memset(m, 0, sizeof *m);
  m->first = calloc(c->n_sents + 1, sizeof *m->first);
  m->count = calloc(c->n_sents + 1, sizeof *m->count);
  if (!m->first || !m->count)
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  return 0;
}

int tkgp_rel_mentions_find(tkgp_rel_mentions *m, tkg_world *world, tkgp_ner *ner,
                           const tkgp_rel_corpus *c, double *seconds)
{
  int rc = alloc_index(m, world, c);

  *seconds = 0;
  for (size_t s = 0; rc == 0 && s < c->n_sents; s++) {
    const tkgp_ner_span *spans;
    size_t ns;
    double t0 = tkgp_now();
    tkgp_ner_begin_document(ner);
    rc = tkgp_ner_tag(ner, tkgp_rel_sent_words(c, &c->sents[s]), c->sents[s].n_words, &spans,
                      &ns);
    *seconds += tkgp_now() - t0;
    if (rc < 0)
      break;
    if (tkgp_grow((void **)&m->owned, &m->cap, m->n + ns, sizeof *m->owned) < 0) {
      rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
      break;
    }
    m->first[s] = m->n;
    for (size_t k = 0; k < ns; k++) {
      tkgp_ner_type g = tkgp_ner_type_group(spans[k].type);
      if (g == TKGP_NER_PER || g == TKGP_NER_ORG || g == TKGP_NER_LOC)
        m->owned[m->n++] = spans[k];
    }
    m->count[s] = m->n - m->first[s];
  }
  m->ents = m->owned;
  return rc;
}

int tkgp_rel_mentions_gold(tkgp_rel_mentions *m, tkg_world *world, const tkgp_rel_corpus *c)
{
  int rc = alloc_index(m, world, c);

  for (size_t s = 0; rc == 0 && s < c->n_sents; s++) {
    m->first[s] = c->sents[s].ent;
    m->count[s] = c->sents[s].n_ents;
  }
  m->ents = c->ents;
  m->n = c->n_ents;
  return rc;
}

void tkgp_rel_mentions_finish(tkgp_rel_mentions *m)
{
  free(m->owned);
  free(m->first);
  free(m->count);
  memset(m, 0, sizeof *m);
}
