/* rel_eval.c - `textkg eval rel`: the relation classifier on CoNLL04 files
 * SPDX-License-Identifier: MIT
 *
 * The sentences are tagged and parsed with textkg's own models, so the
 * classifier sees the parses the pipeline will; the mentions are the
 * NER's (the end-to-end setting) or the gold ones. Scores are strict: a
 * relation is right when its type and both its mentions are a gold one's.
 */
#include "eval/rel_eval.h"

#include "core/clock.h"
#include "corpus/rel_corpus.h"
#include "eval/rel_score.h"
#include "eval/score.h"
#include "rel/relclass.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The micro counts of C so far (true and false positives, misses). */
static tkgp_prf micro_prf(const tkgp_rel_counts *c)
{
  tkgp_prf m = {0, 0, 0};
  for (int t = 1; t < TKGP_REL_NCLASSES; t++) {
    m.tp += c->correct[t];
    m.fp += c->pred[t] - c->correct[t];
    m.fn += c->gold[t] - c->correct[t];
  }
  return m;
}

static void print_counts(const char *title, const tkgp_rel_counts *c,
                         const tkgp_prf *sent_prf, double nlp_s, double ner_s)
{
  size_t g = 0, p = 0, k = 0;
  char pr[16], re[16];
  double mp, mr, mf, lo, hi;

  printf("== %s: %zu sentences, %zu words\n", title, c->sents, c->words);
  printf("%-12s %6s %6s %7s %7s %7s %7s\n", "relation", "gold", "pred", "correct", "P", "R",
         "F1");
  for (int t = 1; t < TKGP_REL_NCLASSES; t++) {
    size_t gt = c->gold[t], pt = c->pred[t], ct = c->correct[t];
    tkgp_format_pct(pr, ct, pt);
    tkgp_format_pct(re, ct, gt);
    printf("%-12s %6zu %6zu %7zu  %s  %s  ", tkgp_rel_type_name((tkgp_rel_type)t), gt, pt, ct,
           pr, re);
    if (gt + pt)
      printf("%6.2f\n", 200.0 * (double)ct / (double)(gt + pt));
    else
      printf("     -\n");
    g += gt;
    p += pt;
    k += ct;
  }
  tkgp_rel_micro(c, &mp, &mr, &mf);
  tkgp_format_pct(pr, k, p);
  tkgp_format_pct(re, k, g);
  printf("%-12s %6zu %6zu %7zu  %s  %s  %6.2f", "micro", g, p, k, pr, re, mf);
  if (sent_prf && tkgp_bootstrap_f1(sent_prf, c->sents, &lo, &hi) == 0)
    printf("  [%5.1f, %5.1f] (95%% bootstrap interval over sentences)", 100.0 * lo,
           100.0 * hi);
  printf("\n");
  printf("speed: relations %.0f sentences/s; tagger+parser %.0f sentences/s",
         c->seconds > 0 ? (double)c->sents / c->seconds : 0.0,
         nlp_s > 0 ? (double)c->sents / nlp_s : 0.0);
  if (ner_s > 0)
    printf("; NER %.0f sentences/s", (double)c->sents / ner_s);
  printf("; all %.0f sentences/s\n",
         c->seconds + nlp_s + ner_s > 0 ? (double)c->sents / (c->seconds + nlp_s + ner_s)
                                        : 0.0);
}

/* Classify the mention pairs of every sentence of C and count, each
 * sentence's micro counts also into SENT_PRF (C->n_sents entries). */
static int classify_corpus(tkgp_relclass *rel, const tkgp_rel_corpus *c,
                           const tkgp_rel_mentions *m, tkgp_rel_counts *counts,
                           tkgp_prf *sent_prf)
{
  for (size_t s = 0; s < c->n_sents; s++) {
    tkgp_prf before = micro_prf(counts), after;
    const tkgp_rel_sent *st = &c->sents[s];
    const tkgp_ner_span *ents = tkgp_rel_mentions_of(m, s);
    const tkgp_rel_pred *pred;
    size_t np;
    double t0 = tkgp_now();
    int rc = tkgp_relclass_predict(rel, tkgp_rel_sent_words(c, st), st->n_words, ents,
                                   m->count[s], &pred, &np);
    counts->seconds += tkgp_now() - t0;
    if (rc < 0)
      return rc;
    tkgp_rel_score_sentence(tkgp_rel_sent_ents(c, st), tkgp_rel_sent_rels(c, st), st->n_rels,
                            ents, pred, np, counts);
    after = micro_prf(counts);
    sent_prf[s] = (tkgp_prf){after.tp - before.tp, after.fp - before.fp, after.fn - before.fn};
    counts->sents++;
    counts->words += st->n_words;
  }
  return 0;
}

int tkgp_rel_eval(const tkgp_rel_eval_opts *opts, char *const *files, size_t n_files)
{
  int status = 1, rc;
  tkg_world *world = NULL;
  tkgp_nlp *nlp = NULL;
  tkgp_ner *ner = NULL;
  tkgp_relclass *rel = NULL;
  tkgp_rel_corpus c;
  tkgp_rel_mentions m;
  tkgp_rel_counts counts;
  tkgp_prf *sent_prf = NULL;
  double nlp_s, ner_s = 0;

  tkgp_rel_corpus_init(&c);
  memset(&m, 0, sizeof m);
  memset(&counts, 0, sizeof counts);
  if (tkg_world_new(&world) < 0) {
    fprintf(stderr, "textkg: out of memory\n");
    goto done;
  }
  if (tkg_world_open(world, NULL) < 0)
    tkgp_error_clear(world);
  for (size_t i = 0; i < n_files; i++)
    if ((rc = tkgp_rel_corpus_read(&c, world, files[i])) < 0)
      goto fail;
  rc = opts->model ? tkgp_relclass_open_file(&rel, world, opts->model)
                   : tkgp_relclass_open(&rel, world, opts->models);
  if (rc < 0)
    goto fail;
  if (opts->set_threshold)
    tkgp_relclass_set_threshold(rel, opts->threshold);
  if ((rc = tkgp_nlp_open(&nlp, world, opts->models)) < 0)
    goto fail;
  if (!opts->gold_entities && (rc = tkgp_ner_open(&ner, world, opts->models)) < 0)
    goto fail;
  nlp_s = tkgp_now();
  if ((rc = tkgp_rel_corpus_annotate(&c, nlp)) < 0)
    goto fail;
  nlp_s = tkgp_now() - nlp_s;
  rc = opts->gold_entities ? tkgp_rel_mentions_gold(&m, world, &c)
                           : tkgp_rel_mentions_find(&m, world, ner, &c, &ner_s);
  if (rc < 0)
    goto fail;
  if (!(sent_prf = calloc(c.n_sents ? c.n_sents : 1, sizeof *sent_prf))) {
    rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
    goto fail;
  }
  if ((rc = classify_corpus(rel, &c, &m, &counts, sent_prf)) < 0)
    goto fail;
  {
    char title[256];
    snprintf(title, sizeof title, "%s%s, %s mentions, threshold %.3f", files[0],
             n_files > 1 ? " ..." : "", opts->gold_entities ? "gold" : "NER",
             (double)tkgp_relclass_threshold(rel));
    print_counts(title, &counts, sent_prf, nlp_s, ner_s);
  }
  status = 0;
  goto done;
fail:
  fprintf(stderr, "textkg: %s\n", tkg_world_last_error(world));
done:
  free(sent_prf);
  tkgp_rel_mentions_finish(&m);
  tkgp_relclass_close(rel);
  tkgp_ner_close(ner);
  tkgp_nlp_close(nlp);
  tkg_world_free(world);
  tkgp_rel_corpus_finish(&c);
  return status;
}
