/* rel_cli.c - the `train rel` and `eval rel` commands
 * SPDX-License-Identifier: MIT
 *
 * Thin drivers over relclass.c: read CoNLL04 JSON files, tag and parse
 * their sentences with textkg's own models (so training and scoring see
 * the parses the pipeline will), find mentions with textkg's NER (the
 * end-to-end setting) or take the gold ones, then train or score.
 */
#include "cli/rel_cli.h"

#include "rel/relclass.h"
#include "corpus/rel_corpus.h"
#include "eval/rel_score.h"
#include "train/rel_train.h"

#include "core/filelists.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define USAGE_TRAIN                                                          \
  "usage: textkg train rel --train FILE... --dev FILE... -o MODEL [--models DIR]\n" \
  "         [--epochs N] [--ensemble N] [--seed N] [--prune X] [--gold-entities]\n" \
  "         [--quiet]\n"
#define USAGE_EVAL                                                           \
  "usage: textkg eval rel [--models DIR] [--model FILE] [--threshold X]\n"   \
  "         [--gold-entities] FILE...\n"

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Mentions of every sentence of a corpus: ents[first[s], first[s] + count[s]). */
typedef struct mentions {
  tkgp_ner_span *ents;
  size_t n, cap;
  size_t *first, *count;
} mentions;

static void mentions_finish(mentions *m)
{
  free(m->ents);
  free(m->first);
  free(m->count);
}

/* The PER, ORG and LOC (COUNTRY, CITY, PLACE) mentions NER finds in C.
 * *SECONDS receives the time spent in tkgp_ner_tag(). */
static int find_mentions(tkg_world *world, tkgp_ner *ner, const tkgp_rel_corpus *c,
                         mentions *m, double *seconds)
{
  *seconds = 0;
  m->first = calloc(c->n_sents + 1, sizeof *m->first);
  m->count = calloc(c->n_sents + 1, sizeof *m->count);
  if (!m->first || !m->count)
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  for (size_t s = 0; s < c->n_sents; s++) {
    const tkgp_ner_span *spans;
    size_t ns;
    double t0 = now();
    int rc;
    tkgp_ner_begin_document(ner);  /* CoNLL04 sentences stand alone */
    rc = tkgp_ner_tag(ner, tkgp_rel_sent_words(c, &c->sents[s]), c->sents[s].n_words,
                      &spans, &ns);
    *seconds += now() - t0;
    if (rc < 0)
      return rc;
    if (m->n + ns > m->cap) {
      size_t cap = m->cap ? m->cap : 256;
      tkgp_ner_span *p;
      while (cap < m->n + ns)
        cap *= 2;
      if (!(p = realloc(m->ents, cap * sizeof *p)))
        return tkgp_error(world, TKG_ENOMEM, "out of memory");
      m->ents = p;
      m->cap = cap;
    }
    m->first[s] = m->n;
    for (size_t k = 0; k < ns; k++) {
      tkgp_ner_type g = tkgp_ner_type_group(spans[k].type);
      if (g == TKGP_NER_PER || g == TKGP_NER_ORG || g == TKGP_NER_LOC)
        m->ents[m->n++] = spans[k];
    }
    m->count[s] = m->n - m->first[s];
  }
  return 0;
}

/* The gold mentions of C, in the same shape. */
static int gold_mentions(tkg_world *world, const tkgp_rel_corpus *c, mentions *m)
{
  m->first = calloc(c->n_sents + 1, sizeof *m->first);
  m->count = calloc(c->n_sents + 1, sizeof *m->count);
  if (!m->first || !m->count)
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  for (size_t s = 0; s < c->n_sents; s++) {
    m->first[s] = c->sents[s].ent;
    m->count[s] = c->sents[s].n_ents;
  }
  return 0;
}

int tkgp_cli_train_rel(int argc, char **argv)
{
  tkgp_filelists files;
  const char *out = NULL, *models = NULL;
  tkgp_rel_train_opts opts;
  tkg_world *world = NULL;
  tkgp_nlp *nlp = NULL;
  tkgp_ner *ner = NULL;
  tkgp_rel_corpus tc, dc;
  mentions dm = {0};
  int status = 1, rc, gold = 0;
  double t0 = now(), ner_s;

  memset(&opts, 0, sizeof opts);
  memset(&files, 0, sizeof files);
  opts.epochs = 12;
  opts.seed = 1;
  opts.models = 5;
  tkgp_rel_corpus_init(&tc);
  tkgp_rel_corpus_init(&dc);
  if (tkgp_filelists_init(&files, argc) < 0) {
    fprintf(stderr, "textkg: out of memory\n");
    goto done;
  }
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int more = i + 1 < argc;
    if (tkgp_filelists_take(&files, argv[i]))
      continue;
    if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && more)
      out = argv[++i];
    else if ((!strcmp(a, "--models") || !strcmp(a, "--modeldir")) && more)
      models = argv[++i];
    else if (!strcmp(a, "--epochs") && more)
      opts.epochs = atoi(argv[++i]);
    else if (!strcmp(a, "--ensemble") && more)
      opts.models = atoi(argv[++i]);
    else if (!strcmp(a, "--seed") && more)
      opts.seed = strtoul(argv[++i], NULL, 10);
    else if (!strcmp(a, "--prune") && more)
      opts.prune = (float)atof(argv[++i]);
    else if (!strcmp(a, "--gold-entities"))
      gold = 1;
    else if (!strcmp(a, "--quiet"))
      opts.quiet = 1;
    else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "textkg: train rel: unknown option %s\n" USAGE_TRAIN, a);
      status = 2;
      goto done;
    } else {
      fprintf(stderr, "textkg: train rel: unexpected argument %s\n" USAGE_TRAIN, a);
      status = 2;
      goto done;
    }
  }
  if (!files.n_train || !files.n_dev || !out || opts.epochs < 1 || opts.models < 1 ||
      opts.models > TKGP_REL_MAX_MODELS) {
    fprintf(stderr, "textkg: train rel: need --train FILE..., --dev FILE... "
            "and -o MODEL\n" USAGE_TRAIN);
    status = 2;
    goto done;
  }
  if (tkg_world_new(&world) < 0) {
    fprintf(stderr, "textkg: out of memory\n");
    goto done;
  }
  /* The country gazetteer only splits LOC; go on without it. */
  if (tkg_world_open(world, NULL) < 0)
    tkgp_error_clear(world);
  if ((rc = tkgp_nlp_open(&nlp, world, models)) < 0)
    goto fail;
  tkgp_nlp_set_thorough(nlp); /* training data: see tkgp_tagger_set_thorough() */
  if (!gold && (rc = tkgp_ner_open(&ner, world, models)) < 0)
    goto fail;
  for (size_t i = 0; i < files.n_train; i++)
    if ((rc = tkgp_rel_corpus_read(&tc, world, files.train[i])) < 0)
      goto fail;
  for (size_t i = 0; i < files.n_dev; i++)
    if ((rc = tkgp_rel_corpus_read(&dc, world, files.dev[i])) < 0)
      goto fail;
  if ((rc = tkgp_rel_corpus_annotate(&tc, nlp)) < 0 ||
      (rc = tkgp_rel_corpus_annotate(&dc, nlp)) < 0)
    goto fail;
  rc = gold ? gold_mentions(world, &dc, &dm)
            : find_mentions(world, ner, &dc, &dm, &ner_s);
  if (rc < 0)
    goto fail;
  if (!opts.quiet)
    fprintf(stderr, "textkg: training rel on %zu sentences (%zu relations), "
            "dev %zu sentences (%zu relations, %zu %s mentions); read and "
            "parsed in %.1fs\n", tc.n_sents, tc.n_rels, dc.n_sents, dc.n_rels,
            gold ? dc.n_ents : dm.n, gold ? "gold" : "NER", now() - t0);
  if ((rc = tkgp_rel_train(world, &tc, &dc, gold ? dc.ents : dm.ents, dm.first,
                           dm.count, &opts, out)) < 0)
    goto fail;
  if (!opts.quiet)
    fprintf(stderr, "textkg: wrote %s (%.1fs)\n", out, now() - t0);
  status = 0;
  goto done;
fail:
  fprintf(stderr, "textkg: %s\n", tkg_world_last_error(world));
done:
  mentions_finish(&dm);
  tkgp_ner_close(ner);
  tkgp_nlp_close(nlp);
  tkg_world_free(world);
  tkgp_rel_corpus_finish(&tc);
  tkgp_rel_corpus_finish(&dc);
  tkgp_filelists_finish(&files);
  return status;
}

static void pct(char *buf, size_t a, size_t b)
{
  if (b)
    sprintf(buf, "%6.2f", 100.0 * (double)a / (double)b);
  else
    strcpy(buf, "     -");
}

static void print_counts(const char *title, const tkgp_rel_counts *c,
                         double nlp_s, double ner_s)
{
  size_t g = 0, p = 0, k = 0;
  char pr[16], re[16];
  double mp, mr, mf;
  printf("== %s: %zu sentences, %zu words\n", title, c->sents, c->words);
  printf("%-12s %6s %6s %7s %7s %7s %7s\n", "relation", "gold", "pred",
         "correct", "P", "R", "F1");
  for (int t = 1; t < TKGP_REL_NCLASSES; t++) {
    size_t gt = c->gold[t], pt = c->pred[t], ct = c->correct[t];
    pct(pr, ct, pt);
    pct(re, ct, gt);
    printf("%-12s %6zu %6zu %7zu  %s  %s  ", tkgp_rel_type_name((tkgp_rel_type)t),
           gt, pt, ct, pr, re);
    if (gt + pt)
      printf("%6.2f\n", 200.0 * (double)ct / (double)(gt + pt));
    else
      printf("     -\n");
    g += gt;
    p += pt;
    k += ct;
  }
  tkgp_rel_micro(c, &mp, &mr, &mf);
  pct(pr, k, p);
  pct(re, k, g);
  printf("%-12s %6zu %6zu %7zu  %s  %s  %6.2f\n", "micro", g, p, k, pr, re, mf);
  printf("speed: relations %.0f sentences/s; tagger+parser %.0f sentences/s",
         c->seconds > 0 ? (double)c->sents / c->seconds : 0.0,
         nlp_s > 0 ? (double)c->sents / nlp_s : 0.0);
  if (ner_s > 0)
    printf("; NER %.0f sentences/s", (double)c->sents / ner_s);
  printf("; all %.0f sentences/s\n",
         c->seconds + nlp_s + ner_s > 0
             ? (double)c->sents / (c->seconds + nlp_s + ner_s) : 0.0);
}

int tkgp_cli_eval_rel(int argc, char **argv)
{
  char **files = NULL;
  size_t n_files = 0;
  const char *models = NULL, *model = NULL;
  int status = 1, rc, gold = 0, set_thr = 0;
  float thr = 0;
  tkg_world *world = NULL;
  tkgp_nlp *nlp = NULL;
  tkgp_ner *ner = NULL;
  tkgp_relclass *rel = NULL;
  tkgp_rel_corpus c;
  mentions m = {0};
  tkgp_rel_counts counts;
  double nlp_s, ner_s = 0;

  tkgp_rel_corpus_init(&c);
  memset(&counts, 0, sizeof counts);
  files = calloc((size_t)argc + 1, sizeof *files);
  if (!files) {
    fprintf(stderr, "textkg: out of memory\n");
    goto done;
  }
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int more = i + 1 < argc;
    if ((!strcmp(a, "--models") || !strcmp(a, "--modeldir")) && more)
      models = argv[++i];
    else if (!strcmp(a, "--model") && more)
      model = argv[++i];
    else if (!strcmp(a, "--threshold") && more) {
      thr = (float)atof(argv[++i]);
      set_thr = 1;
    } else if (!strcmp(a, "--gold-entities"))
      gold = 1;
    else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "textkg: eval rel: unknown option %s\n" USAGE_EVAL, a);
      status = 2;
      goto done;
    } else {
      files[n_files++] = argv[i];
    }
  }
  if (!n_files) {
    fprintf(stderr, "textkg: eval rel: no files\n" USAGE_EVAL);
    status = 2;
    goto done;
  }
  if (tkg_world_new(&world) < 0) {
    fprintf(stderr, "textkg: out of memory\n");
    goto done;
  }
  if (tkg_world_open(world, NULL) < 0)
    tkgp_error_clear(world);
  for (size_t i = 0; i < n_files; i++)
    if ((rc = tkgp_rel_corpus_read(&c, world, files[i])) < 0)
      goto fail;
  rc = model ? tkgp_relclass_open_file(&rel, world, model)
             : tkgp_relclass_open(&rel, world, models);
  if (rc < 0)
    goto fail;
  if (set_thr)
    tkgp_relclass_set_threshold(rel, thr);
  if ((rc = tkgp_nlp_open(&nlp, world, models)) < 0)
    goto fail;
  if (!gold && (rc = tkgp_ner_open(&ner, world, models)) < 0)
    goto fail;
  nlp_s = now();
  if ((rc = tkgp_rel_corpus_annotate(&c, nlp)) < 0)
    goto fail;
  nlp_s = now() - nlp_s;
  rc = gold ? gold_mentions(world, &c, &m)
            : find_mentions(world, ner, &c, &m, &ner_s);
  if (rc < 0)
    goto fail;
  for (size_t s = 0; s < c.n_sents; s++) {
    const tkgp_rel_sent *st = &c.sents[s];
    const tkgp_ner_span *ents = gold ? c.ents : m.ents;
    const tkgp_rel_pred *pred;
    size_t np;
    double t0 = now();
    rc = tkgp_relclass_predict(rel, tkgp_rel_sent_words(&c, st), st->n_words,
                               ents + m.first[s], m.count[s], &pred, &np);
    counts.seconds += now() - t0;
    if (rc < 0)
      goto fail;
    tkgp_rel_score_sentence(tkgp_rel_sent_ents(&c, st), tkgp_rel_sent_rels(&c, st), st->n_rels,
                            ents + m.first[s], pred, np, &counts);
    counts.sents++;
    counts.words += st->n_words;
  }
  {
    char title[256];
    snprintf(title, sizeof title, "%s%s, %s mentions, threshold %.3f",
             files[0], n_files > 1 ? " ..." : "", gold ? "gold" : "NER",
             (double)tkgp_relclass_threshold(rel));
    print_counts(title, &counts, nlp_s, ner_s);
  }
  status = 0;
  goto done;
fail:
  fprintf(stderr, "textkg: %s\n", tkg_world_last_error(world));
done:
  mentions_finish(&m);
  tkgp_relclass_close(rel);
  tkgp_ner_close(ner);
  tkgp_nlp_close(nlp);
  tkg_world_free(world);
  tkgp_rel_corpus_finish(&c);
  free(files);
  return status;
}
