/* fuzz_conll04.c - fuzz target: JSON, and the CoNLL04 NER and relation corpora
 * SPDX-License-Identifier: MIT
 *
 * The input is a CoNLL04-style JSON file, as `textkg eval` and `textkg
 * train` read it for the NER and for the relation classifier. It goes
 * through the JSON reader alone (value after value, as JSONL), then
 * through both corpus readers. A corpus that reads is tagged, parsed and
 * scored: the NER against its gold names, the relation classifier on its
 * gold mentions against its gold relations, as eval does. A file that
 * does not read must say why, with TKG_EINPUT.
 */
#include "fuzz.h"

#include "core/arena.h"
#include "core/json.h"
#include "core/world.h"
#include "ner/ner.h"
#include "corpus/ner_corpus.h"
#include "eval/ner_score.h"
#include "rel/relclass.h"
#include "corpus/rel_corpus.h"
#include "eval/rel_score.h"

#include <string.h>

static void read_json_values(const uint8_t *data, size_t size)
{
  tkgp_arena arena;
  tkgp_json_reader r;

  tkgp_arena_init(&arena, 0);
  tkgp_json_reader_init(&r, (const char *)data, size, &arena);
  while (!tkgp_json_at_end(&r)) {
    const tkgp_json *v = tkgp_json_next(&r);
    if (!v) {
      TKGF_CHECK(NULL, r.err && *r.err, "a JSON error without a reason");
      break;
    }
    TKGF_CHECK(NULL, v->kind >= TKGP_JSON_NULL && v->kind <= TKGP_JSON_OBJ, "bad JSON kind");
  }
  tkgp_arena_finish(&arena);
}

static void ner_corpus(tkg_world *w, const uint8_t *data, size_t size)
{
  tkgp_ner_corpus nc;
  tkgp_ner_counts counts;
  tkgp_ner *ner;
  int rc;

  tkgp_ner_corpus_init(&nc);
  rc = tkgp_ner_corpus_read_mem(&nc, w, "fuzz.json", (const char *)data, size,
                                TKGP_NER_FMT_JSON);
  if (rc == 0) {
    for (size_t s = 0; s < nc.n_sents; s++) {
      const tkgp_ner_sent *st = &nc.sents[s];
      TKGF_CHECK(w, st->word + st->n_words <= nc.n_words && st->span + st->n_spans <= nc.n_spans,
                 "a sentence outside the corpus");
      for (size_t k = 0; k < st->n_spans; k++) {
        const tkgp_ner_span *sp = &nc.spans[st->span + k];
        TKGF_CHECK(w, sp->count >= 1 && sp->first + sp->count <= st->n_words,
                   "a gold name outside its sentence");
      }
    }
    TKGF_CHECK(w, (ner = tkgp_world_ner(w)) != NULL, "no NER model");
    TKGF_CHECK(w, tkgp_ner_corpus_tag(&nc, tkgp_world_nlp(w)) == 0, "NER corpus tagging");
    memset(&counts, 0, sizeof counts);
    TKGF_CHECK(w, tkgp_ner_score_corpus(ner, &nc, &counts) == 0, "NER scoring");
  } else {
    TKGF_CHECK(w, rc == TKG_EINPUT && tkg_world_last_error(w)[0],
               "a bad NER file refused without TKG_EINPUT and a message");
  }
  tkgp_ner_corpus_finish(&nc);
}

static void rel_corpus(tkg_world *w, const uint8_t *data, size_t size)
{
  tkgp_rel_corpus rc;
  tkgp_rel_counts counts;
  tkgp_relclass *cls;
  int err;

  tkgp_rel_corpus_init(&rc);
  err = tkgp_rel_corpus_read_mem(&rc, w, "fuzz.json", (const char *)data, size);
  if (err != 0) {
    TKGF_CHECK(w, err == TKG_EINPUT && tkg_world_last_error(w)[0],
               "a bad relation file refused without TKG_EINPUT and a message");
    tkgp_rel_corpus_finish(&rc);
    return;
  }
  TKGF_CHECK(w, (cls = tkgp_world_relclass(w)) != NULL, "no relation model");
  TKGF_CHECK(w, tkgp_rel_corpus_annotate(&rc, tkgp_world_nlp(w)) == 0, "relation corpus tagging");
  memset(&counts, 0, sizeof counts);
  for (size_t s = 0; s < rc.n_sents; s++) {
    const tkgp_rel_sent *st = &rc.sents[s];
    const tkgp_rel_pred *pred;
    size_t n_pred;
    TKGF_CHECK(w, st->word + st->n_words <= rc.n_words && st->ent + st->n_ents <= rc.n_ents &&
                      st->rel + st->n_rels <= rc.n_rels,
               "a sentence outside the corpus");
    for (size_t k = 0; k < st->n_ents; k++) {
      const tkgp_ner_span *sp = &rc.ents[st->ent + k];
      TKGF_CHECK(w, sp->count >= 1 && sp->first + sp->count <= st->n_words,
                 "a gold mention outside its sentence");
    }
    for (size_t k = 0; k < st->n_rels; k++) {
      const tkgp_rel_gold *g = &rc.rels[st->rel + k];
      TKGF_CHECK(w, (g->head == UINT32_MAX || g->head < st->n_ents) &&
                        (g->tail == UINT32_MAX || g->tail < st->n_ents),
                 "a gold relation to a mention the sentence does not have");
    }
    TKGF_CHECK(w, tkgp_relclass_predict(cls, tkgp_rel_sent_words(&rc, st), st->n_words,
                                        tkgp_rel_sent_ents(&rc, st), st->n_ents, &pred,
                                        &n_pred) == 0,
               "relation prediction");
    tkgp_rel_score_sentence(tkgp_rel_sent_ents(&rc, st), tkgp_rel_sent_rels(&rc, st),
                            st->n_rels, tkgp_rel_sent_ents(&rc, st), pred, n_pred, &counts);
  }
  tkgp_rel_corpus_finish(&rc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  tkg_world *w = tkgf_world();

  read_json_values(data, size);
  ner_corpus(w, data, size);
  rel_corpus(w, data, size);
  return 0;
}
