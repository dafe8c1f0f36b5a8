/* parse.c - `textkg eval parse`: the models' tags, lemmas and trees scored
 * SPDX-License-Identifier: MIT
 *
 * Each gold file is read, its forms annotated as `textkg build` would
 * (gold tokenization, no gold tags) and compared word by word
 * (nlp_score.c). Speed is measured over annotation only, wall clock and
 * CPU time, since the machine may be busy; loading the models is timed
 * apart.
 */
#include "eval/parse.h"
#include "core/clock.h"
#include "corpus/corpus.h"
#include "eval/nlp_score.h"
#include "nlp/nlp.h"

#include <stdio.h>
#include <stdlib.h>

/* Timings of the annotation of all files. */
typedef struct timing {
  double secs, cpu, open;
} timing;

/* A failure's message, when the step that failed left none. */
static int fallback(tkg_world *w, int rc, const char *msg)
{
  if (!*tkg_world_last_error(w))
    tkgp_error(w, rc, "%s", msg);
  return rc;
}

/* Annotate the gold file PATH and add its scores to SC. */
static int eval_file(tkg_world *w, tkgp_nlp *nlp, const char *path,
                     tkgp_score *sc, timing *tm)
{
  tkgp_conllu c;
  tkgp_corpus corpus;
  tkgp_nlp_word *pred;
  tkgp_arena arena;
  double t0, c0;
  int rc = 0;

  if ((rc = tkgp_conllu_read(&c, w, path)) < 0)
    return fallback(w, rc, "cannot read gold file");
  if (tkgp_corpus_init(&corpus, &c, 1) < 0 ||
      !(pred = calloc(corpus.n_words + 1, sizeof *pred))) {
    tkgp_corpus_finish(&corpus);
    tkgp_conllu_finish(&c);
    return tkgp_error(w, TKG_ENOMEM, "out of memory");
  }
  for (size_t k = 0; k < corpus.n_words; k++)
    pred[k].form = corpus.words[k].form;
  tkgp_arena_init(&arena, 0);
  t0 = tkgp_now();
  c0 = tkgp_cpu_now();
  for (size_t s = 0; s < corpus.n_sents && rc >= 0; s++) {
    size_t a = corpus.start[s];
    rc = tkgp_nlp_annotate(nlp, pred + a, corpus.start[s + 1] - a, &arena);
  }
  tm->secs += tkgp_now() - t0;
  tm->cpu += tkgp_cpu_now() - c0;
  for (size_t s = 0; s < corpus.n_sents; s++) {
    size_t a = corpus.start[s];
    tkgp_score_add(sc, pred + a, corpus.words + a, corpus.start[s + 1] - a);
  }
  tkgp_arena_finish(&arena);
  free(pred);
  tkgp_corpus_finish(&corpus);
  tkgp_conllu_finish(&c);
  return rc < 0 ? fallback(w, rc, "annotation failed") : 0;
}

static void print_scores(const tkgp_score *sc, const timing *tm)
{
  double n = sc->words ? (double)sc->words : 1;
  printf("Words     %zu\n", sc->words);
  printf("UPOS      %6.2f\n", 100.0 * sc->upos / n);
  printf("XPOS      %6.2f\n", 100.0 * sc->xpos / n);
  printf("UFeats    %6.2f\n", 100.0 * sc->feats / n);
  printf("Lemma     %6.2f\n", 100.0 * sc->lemma / n);
  printf("UAS       %6.2f\n", 100.0 * sc->uas / n);
  printf("LAS       %6.2f\n", 100.0 * sc->las / n);
  printf("LAS-full  %6.2f\n", 100.0 * sc->ulas_full / n);
  printf("Words/s   %.0f (wall clock), %.0f (CPU time)\n",
         tm->secs > 0 ? sc->words / tm->secs : 0.0,
         tm->cpu > 0 ? sc->words / tm->cpu : 0.0);
  printf("Load ms   %.1f\n", tm->open * 1000.0);
}

int tkgp_eval_parse(tkg_world *w, const char *models, char **files, size_t n)
{
  tkgp_nlp *nlp = NULL;
  tkgp_score sc = {0};
  timing tm = {0, 0, 0};
  int rc;

  tm.open = tkgp_now();
  rc = tkgp_nlp_open(&nlp, w, models);
  tm.open = tkgp_now() - tm.open;
  if (rc < 0)
    return fallback(w, rc, "cannot open models");
  for (size_t i = 0; i < n && rc >= 0; i++)
    rc = eval_file(w, nlp, files[i], &sc, &tm);
  if (rc >= 0)
    print_scores(&sc, &tm);
  tkgp_nlp_close(nlp);
  return rc < 0 ? rc : 0;
}
