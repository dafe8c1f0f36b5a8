/* fuzz_iob2.c - fuzz target: the IOB2/BILOU NER corpus reader
 * SPDX-License-Identifier: MIT
 *
 * The input is a token-per-line NER file (UNER's *.iob2: `ID FORM TAG`
 * or `FORM TAG`, `#` comments, blank lines between sentences), as `textkg
 * eval` and `textkg train` read it. A file that reads must give names
 * inside their sentences; it is then tagged and scored by the NER, as
 * eval does. The bytes also go through the format detection eval uses
 * for a file without a known extension. A file that does not read must
 * say why, with TKG_EINPUT.
 */
#include "fuzz.h"

#include "core/world.h"
#include "ner/ner.h"
#include "corpus/ner_corpus.h"
#include "eval/ner_score.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  tkg_world *w = tkgf_world();
  tkgp_ner_corpus nc;
  tkgp_ner_counts counts;
  tkgp_ner_format fmt;
  tkgp_ner *ner;
  int rc;

  fmt = tkgp_ner_detect_format("fuzz", (const char *)data, size);
  TKGF_CHECK(w, fmt >= TKGP_NER_FMT_IOB && fmt < TKGP_NER_NFORMATS, "no format detected");

  tkgp_ner_corpus_init(&nc);
  rc = tkgp_ner_corpus_read_mem(&nc, w, "fuzz.iob2", (const char *)data, size, TKGP_NER_FMT_IOB);
  if (rc != 0) {
    TKGF_CHECK(w, rc == TKG_EINPUT && tkg_world_last_error(w)[0],
               "a bad file refused without TKG_EINPUT and a message");
    tkgp_ner_corpus_finish(&nc);
    return 0;
  }
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
  /* Training appends lowercased copies of casual documents: same reader data. */
  TKGF_CHECK(w, tkgp_ner_corpus_add_lowercase(&nc, 50) == 0, "lowercase copies");
  TKGF_CHECK(w, (ner = tkgp_world_ner(w)) != NULL, "no NER model");
  TKGF_CHECK(w, tkgp_ner_corpus_tag(&nc, tkgp_world_nlp(w)) == 0, "NER corpus tagging");
  memset(&counts, 0, sizeof counts);
  TKGF_CHECK(w, tkgp_ner_score_corpus(ner, &nc, &counts) == 0, "NER scoring");
  tkgp_ner_corpus_finish(&nc);
  return 0;
}
