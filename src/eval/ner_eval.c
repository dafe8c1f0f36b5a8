/* ner_eval.c - `textkg eval ner`: the recognizer on annotated files
 * SPDX-License-Identifier: MIT
 *
 * The words are tagged with textkg's own tagger, so the recognizer sees
 * the tags the pipeline will. Files are grouped by format, one corpus a
 * format, as the trainer averages its dev scores.
 */
#include "eval/ner_eval.h"

#include "core/clock.h"
#include "corpus/ner_corpus.h"
#include "eval/ner_score.h"
#include "eval/score.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const format_names[TKGP_NER_NFORMATS] = {
  "IOB2/BILOU", "CoNLL-U (GUM Entity=, named mentions)", "JSON (CoNLL04)"
};

static void print_counts(const char *title, const tkgp_ner_counts *c, double tag_seconds)
{
  size_t g = 0, p = 0, k = 0;
  char pr[16], re[16];
  double lo, hi;

  printf("== %s: %zu sentences, %zu words\n", title, c->sents, c->words);
  printf("%-18s %6s %6s %7s %7s %7s %7s\n", "type", "gold", "pred", "correct", "P", "R",
         "F1");
  for (int t = 0; t < TKGP_NER_MODEL_TYPES; t++) {
    size_t gt = c->gold[t], pt = c->pred[t], ct = c->correct[t];
    tkgp_format_pct(pr, ct, pt);
    tkgp_format_pct(re, ct, gt);
    printf("%-18s %6zu %6zu %7zu  %s  %s  ", tkgp_ner_type_name((tkgp_ner_type)t), gt, pt,
           ct, pr, re);
    if (gt + pt)
      printf("%6.2f\n", 200.0 * (double)ct / (double)(gt + pt));
    else
      printf("     -\n");
    if (t <= TKGP_NER_LOC) {
      g += gt;
      p += pt;
      k += ct;
    }
  }
  tkgp_format_pct(pr, k, p);
  tkgp_format_pct(re, k, g);
  printf("%-18s %6zu %6zu %7zu  %s  %s  %6.2f", "micro(PER,ORG,LOC)", g, p, k, pr, re,
         g + p ? 200.0 * (double)k / (double)(g + p) : 0.0);
  if (tkgp_bootstrap_f1(c->sent_prf, c->n_sent_prf, &lo, &hi) == 0)
    printf("  [%5.1f, %5.1f] (95%% bootstrap interval over sentences)", 100.0 * lo,
           100.0 * hi);
  printf("\n");
  printf("LOC split: COUNTRY %zu, CITY %zu, PLACE %zu; DATE (rules) %zu\n",
         c->split[TKGP_NER_COUNTRY], c->split[TKGP_NER_CITY], c->split[TKGP_NER_PLACE],
         c->split[TKGP_NER_DATE]);
  printf("speed: NER %.0f words/s; tagger %.0f words/s; tagger+NER %.0f words/s\n",
         c->seconds > 0 ? (double)c->words / c->seconds : 0.0,
         tag_seconds > 0 ? (double)c->words / tag_seconds : 0.0,
         c->seconds + tag_seconds > 0 ? (double)c->words / (c->seconds + tag_seconds) : 0.0);
}

/* Tag corpus C, score NER on it and print its table. */
static int eval_corpus(tkgp_nlp *nlp, tkgp_ner *ner, tkgp_ner_corpus *c, const char *title,
                       int errors)
{
  tkgp_ner_counts counts;
  double t0;
  int rc;

  memset(&counts, 0, sizeof counts);
  counts.errors = errors ? stdout : NULL;
  counts.per_sentence = 1;
  t0 = tkgp_now();
  if ((rc = tkgp_ner_corpus_tag(c, nlp)) < 0)
    return rc;
  t0 = tkgp_now() - t0;
  if ((rc = tkgp_ner_score_corpus(ner, c, &counts)) == 0)
    print_counts(title, &counts, t0);
  tkgp_ner_counts_finish(&counts);
  return rc;
}

int tkgp_ner_eval(const tkgp_ner_eval_opts *opts, char *const *files, size_t n_files)
{
  size_t n_slots = opts->each ? n_files : TKGP_NER_NFORMATS;
  int status = 1, rc, *used = calloc(n_slots, sizeof *used);
  tkgp_ner_corpus *corpora = calloc(n_slots, sizeof *corpora);
  tkg_world *world = NULL;
  tkgp_nlp *nlp = NULL;
  tkgp_ner *ner = NULL;

  if (!corpora || !used || tkg_world_new(&world) < 0) {
    fprintf(stderr, "textkg: out of memory\n");
    goto done;
  }
  for (size_t k = 0; k < n_slots; k++)
    tkgp_ner_corpus_init(&corpora[k]);
  /* The ontology's country gazetteer tells countries from other places;
   * scores do not depend on it, so go on without it. */
  if (tkg_world_open(world, NULL) < 0)
    tkgp_error_clear(world);
  if ((rc = tkgp_nlp_open(&nlp, world, opts->models)) < 0)
    goto fail;
  rc = opts->model ? tkgp_ner_open_file(&ner, world, opts->model)
                   : tkgp_ner_open(&ner, world, opts->models);
  if (rc < 0)
    goto fail;
  if (opts->no_rules)
    tkgp_ner_set_options(ner, TKGP_NER_NO_RULES);
  if ((rc = tkgp_ner_corpora_read(world, files, n_files, opts->each, corpora, used)) < 0)
    goto fail;
  for (size_t k = 0; k < n_slots; k++)
    if (used[k] && (rc = eval_corpus(nlp, ner, &corpora[k],
                                     opts->each ? files[k] : format_names[k], opts->errors)) < 0)
      goto fail;
  status = 0;
  goto done;
fail:
  fprintf(stderr, "textkg: %s\n", tkg_world_last_error(world));
done:
  if (corpora)
    for (size_t k = 0; k < n_slots; k++)
      tkgp_ner_corpus_finish(&corpora[k]);
  tkgp_ner_close(ner);
  tkgp_nlp_close(nlp);
  tkg_world_free(world);
  free(corpora);
  free(used);
  return status;
}
