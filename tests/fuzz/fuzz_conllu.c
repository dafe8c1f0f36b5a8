/* fuzz_conllu.c - fuzz target: the CoNLL-U reader and what eval does with it
 * SPDX-License-Identifier: MIT
 *
 * The input is a CoNLL-U file, as `textkg eval`, `textkg train` and
 * `textkg parse --input-format conllu` read it. A file that reads must
 * write back to a file that reads again and writes the same bytes; its
 * words are then tagged and parsed and scored against themselves, as
 * eval does. The same bytes are read as GUM's NER annotation (Entity= in
 * MISC) too, and tagged and scored by the NER. A file that does not read
 * must say why, with TKG_EINPUT.
 */
#include "fuzz.h"

#include "core/arena.h"
#include "core/world.h"
#include "corpus/conllu.h"
#include "corpus/corpus.h"
#include "eval/nlp_score.h"
#include "ner/ner.h"
#include "corpus/ner_corpus.h"
#include "eval/ner_score.h"

#include <stdlib.h>
#include <string.h>

/* All sentences of C written back, malloc'd. */
static char *write_all(tkg_world *w, const tkgp_conllu *c, size_t *len)
{
  char *buf = NULL;
  FILE *f = open_memstream(&buf, len);
  TKGF_CHECK(w, f != NULL, "open_memstream");
  for (size_t s = 0; s < c->n_sents; s++)
    tkgp_conllu_write(f, &c->sents[s], NULL);
  TKGF_CHECK(w, fclose(f) == 0, "fclose");
  return buf;
}

static void tag_and_score(tkg_world *w, const tkgp_conllu *c)
{
  tkgp_nlp *nlp = tkgp_world_nlp(w);
  tkgp_corpus corpus;
  tkgp_score score;
  tkgp_arena arena;

  TKGF_CHECK(w, nlp != NULL, "no models");
  TKGF_CHECK(w, tkgp_corpus_init(&corpus, c, 1) == 0, "corpus");
  memset(&score, 0, sizeof score);
  tkgp_arena_init(&arena, 0);
  for (size_t s = 0; s < corpus.n_sents; s++) {
    size_t n = corpus.start[s + 1] - corpus.start[s];
    tkgp_nlp_word *words = calloc(n, sizeof *words);
    TKGF_CHECK(w, words != NULL, "out of memory");
    for (size_t i = 0; i < n; i++)
      words[i].form = corpus.words[corpus.start[s] + i].form;
    TKGF_CHECK(w, tkgp_nlp_annotate(nlp, words, n, &arena) == 0, "tag and parse");
    for (size_t i = 0; i < n; i++)
      TKGF_CHECK(w, words[i].head >= 0 && (size_t)words[i].head <= n && words[i].upos &&
                        words[i].deprel && words[i].lemma,
                 "a word left without a head, tag or lemma");
    tkgp_score_add(&score, words, corpus.words + corpus.start[s], n);
    free(words);
  }
  TKGF_CHECK(w, score.words == corpus.n_words && score.las <= score.uas,
             "scores do not add up");
  tkgp_arena_finish(&arena);
  tkgp_corpus_finish(&corpus);
}

static void read_as_ner(tkg_world *w, const uint8_t *data, size_t size)
{
  tkgp_ner_corpus nc;
  tkgp_ner_counts counts;
  tkgp_ner *ner;
  int rc;

  tkgp_ner_corpus_init(&nc);
  rc = tkgp_ner_corpus_read_mem(&nc, w, "fuzz.conllu", (const char *)data, size,
                                TKGP_NER_FMT_CONLLU);
  if (rc == 0) {
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  tkg_world *w = tkgf_world();
  tkgp_conllu c, again;
  char *once, *twice;
  size_t once_len, twice_len;
  int rc;

  rc = tkgp_conllu_read_mem(&c, w, "fuzz.conllu", (const char *)data, size);
  if (rc != 0) {
    TKGF_CHECK(w, rc == TKG_EINPUT && tkg_world_last_error(w)[0],
               "a bad file refused without TKG_EINPUT and a message");
    read_as_ner(w, data, size);
    return 0;
  }
  once = write_all(w, &c, &once_len);
  TKGF_CHECK(w, tkgp_conllu_read_mem(&again, w, "again.conllu", once, once_len) == 0,
             "what was written does not read");
  twice = write_all(w, &again, &twice_len);
  TKGF_CHECK(w, once_len == twice_len && !memcmp(once, twice, once_len),
             "written, read and written again differs");
  TKGF_CHECK(w, again.n_sents == c.n_sents && again.n_words == c.n_words,
             "written and read again has other sentences");
  free(once);
  free(twice);
  tkgp_conllu_finish(&again);

  tag_and_score(w, &c);
  tkgp_conllu_finish(&c);
  read_as_ner(w, data, size);
  return 0;
}
