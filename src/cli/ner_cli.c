/* ner_cli.c - the `train ner` and `eval ner` commands
 * SPDX-License-Identifier: MIT
 *
 * Thin drivers over ner_corpus.c (readers), ner_train.c (training and
 * counting) and ner.c (the recognizer): read every file, tag its words
 * with textkg's own tagger (so training and scoring see the tags the
 * pipeline will), then train or score. Files are grouped by format, one
 * corpus per format, which is also how dev scores are averaged when
 * choosing the training epoch.
 */
#include "cli/ner_cli.h"

#include "corpus/conllu.h"
#include "corpus/ner_corpus.h"
#include "eval/ner_score.h"
#include "train/ner_train.h"

#include "core/filelists.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define USAGE_TRAIN                                                          \
  "usage: textkg train ner --train FILE... --dev FILE... -o MODEL [--models DIR]\n" \
  "         [--wordnet DIR] [--iso-codes DIR] [--countries FILE] [--lexicon FILE]\n" \
  "         [--epochs N] [--patience N] [--seed N] [--prune X] [--drop PERCENT]\n" \
  "         [--ensemble N] [--lower PERCENT] [--quiet]\n"
#define USAGE_EVAL                                                           \
  "usage: textkg eval ner [--models DIR] [--model FILE] [--each] [--errors] [--no-rules] FILE...\n"

#ifndef TKG_DATADIR
#define TKG_DATADIR "."
#endif

static const char *const format_names[TKGP_NER_NFORMATS] = {
  "IOB2/BILOU", "CoNLL-U (GUM Entity=, named mentions)", "JSON (CoNLL04)"
};

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* The ontology file NAME: $TEXTKG_DATADIR, else the installed data. */
static char *default_ontology(const char *name)
{
  const char *dir = getenv("TEXTKG_DATADIR");
  char *path;
  if (!dir || !*dir)
    dir = TKG_DATADIR;
  path = malloc(strlen(dir) + strlen(name) + 16);
  if (path)
    sprintf(path, "%s/ontology/%s", dir, name);
  return path;
}

/* Read FILES into one corpus per format (CORPORA[TKGP_NER_NFORMATS]), or
 * one per file when EACH (CORPORA[N]). */
static int read_all(tkg_world *world, char **files, size_t n, int each,
                    tkgp_ner_corpus *corpora, int *used)
{
  for (size_t i = 0; i < n; i++) {
    tkgp_ner_format fmt;
    size_t slot, len;
    char *buf;
    int rc = tkgp_nlp_read_file(world, files[i], &buf, &len);
    if (rc < 0)
      return rc;
    fmt = tkgp_ner_detect_format(files[i], buf, len);
    slot = each ? i : (size_t)fmt;
    used[slot] = 1;
    rc = tkgp_ner_corpus_read_mem(&corpora[slot], world, files[i], buf, len, fmt);
    free(buf);
    if (rc < 0)
      return rc;
  }
  return 0;
}

int tkgp_cli_train_ner(int argc, char **argv)
{
  char *countries = NULL, *lexicon = NULL;
  size_t n_devc = 0, words = 0;
  tkgp_filelists files;
  const char *out = NULL, *models = NULL;
  tkgp_ner_train_opts opts;
  tkg_world *world = NULL;
  tkgp_nlp *nlp = NULL;
  tkgp_ner_corpus tc, dc[TKGP_NER_NFORMATS], devs[TKGP_NER_NFORMATS];
  int used[TKGP_NER_NFORMATS] = {0}, status = 1, rc;
  double t0 = now();

  memset(&opts, 0, sizeof opts);
  memset(&files, 0, sizeof files);
  opts.epochs = 30;
  opts.patience = 4;
  opts.seed = 1;
  opts.prune = 0;
  opts.drop = 20;
  opts.wordnet = "/usr/share/wordnet";
  opts.iso_codes = "/usr/share/iso-codes/json";
  tkgp_ner_corpus_init(&tc);
  for (int k = 0; k < TKGP_NER_NFORMATS; k++)
    tkgp_ner_corpus_init(&dc[k]);
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
    else if (!strcmp(a, "--wordnet") && more)
      opts.wordnet = argv[++i];
    else if (!strcmp(a, "--iso-codes") && more)
      opts.iso_codes = argv[++i];
    else if (!strcmp(a, "--countries") && more)
      opts.countries = argv[++i];
    else if (!strcmp(a, "--lexicon") && more)
      opts.lexicon = argv[++i];
    else if (!strcmp(a, "--epochs") && more)
      opts.epochs = atoi(argv[++i]);
    else if (!strcmp(a, "--patience") && more)
      opts.patience = atoi(argv[++i]);
    else if (!strcmp(a, "--seed") && more)
      opts.seed = strtoul(argv[++i], NULL, 10);
    else if (!strcmp(a, "--prune") && more)
      opts.prune = (float)atof(argv[++i]);
    else if (!strcmp(a, "--drop") && more)
      opts.drop = atoi(argv[++i]);
    else if (!strcmp(a, "--lower") && more)
      opts.lower = atoi(argv[++i]);
    else if (!strcmp(a, "--ensemble") && more)
      opts.ensemble = atoi(argv[++i]);
    else if (!strcmp(a, "--quiet"))
      opts.quiet = 1;
    else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "textkg: train ner: unknown option %s\n" USAGE_TRAIN, a);
      status = 2;
      goto done;
    } else {
      fprintf(stderr, "textkg: train ner: unexpected argument %s\n" USAGE_TRAIN, a);
      status = 2;
      goto done;
    }
  }
  if (!files.n_train || !out || opts.epochs < 1) {
    fprintf(stderr, "textkg: train ner: need --train FILE... and -o MODEL\n" USAGE_TRAIN);
    status = 2;
    goto done;
  }
  if (opts.patience < 1)
    opts.patience = 1;
  if (!opts.countries) {
    if (!(countries = default_ontology("countries.ttl"))) {
      fprintf(stderr, "textkg: out of memory\n");
      goto done;
    }
    opts.countries = countries;
  }
  if (!opts.lexicon) {
    if (!(lexicon = default_ontology("lexicon.ttl"))) {
      fprintf(stderr, "textkg: out of memory\n");
      goto done;
    }
    opts.lexicon = lexicon;
  }
  if (tkg_world_new(&world) < 0) {
    fprintf(stderr, "textkg: out of memory\n");
    goto done;
  }
  if ((rc = tkgp_nlp_open(&nlp, world, models)) < 0)
    goto fail;
  tkgp_nlp_set_thorough(nlp); /* training data: see tkgp_tagger_set_thorough() */
  for (size_t i = 0; i < files.n_train; i++) {
    tkgp_ner_format fmt;
    if ((rc = tkgp_ner_corpus_read(&tc, world, files.train[i], &fmt)) < 0)
      goto fail;
  }
  if (opts.lower > 0 && (rc = tkgp_ner_corpus_add_lowercase(&tc, opts.lower)) < 0)
    goto fail;
  if ((rc = read_all(world, files.dev, files.n_dev, 0, dc, used)) < 0)
    goto fail;
  if ((rc = tkgp_ner_corpus_tag(&tc, nlp)) < 0)
    goto fail;
  for (int k = 0; k < TKGP_NER_NFORMATS; k++) {
    if (!used[k])
      continue;
    if ((rc = tkgp_ner_corpus_tag(&dc[k], nlp)) < 0)
      goto fail;
    devs[n_devc++] = dc[k];
    words += dc[k].n_words;
  }
  if (!opts.quiet)
    fprintf(stderr, "textkg: training ner on %zu sentences (%zu words, %zu "
            "names), dev %zu corpora (%zu words); read and tagged in %.1fs\n",
            tc.n_sents, tc.n_words, tc.n_spans, n_devc, words, now() - t0);
  if ((rc = tkgp_ner_train(world, &tc, devs, n_devc, &opts, out)) < 0)
    goto fail;
  status = 0;
  goto done;
fail:
  fprintf(stderr, "textkg: %s\n", tkg_world_last_error(world));
done:
  tkgp_nlp_close(nlp);
  tkg_world_free(world);
  tkgp_ner_corpus_finish(&tc);
  for (int k = 0; k < TKGP_NER_NFORMATS; k++)
    tkgp_ner_corpus_finish(&dc[k]);
  tkgp_filelists_finish(&files);
  free(countries);
  free(lexicon);
  return status;
}

static void pct(char *buf, size_t a, size_t b)
{
  if (b)
    sprintf(buf, "%6.2f", 100.0 * (double)a / (double)b);
  else
    strcpy(buf, "     -");
}

static void print_counts(const char *title, const tkgp_ner_counts *c,
                         double tag_seconds)
{
  size_t g = 0, p = 0, k = 0;
  char pr[16], re[16];
  printf("== %s: %zu sentences, %zu words\n", title, c->sents, c->words);
  printf("%-18s %6s %6s %7s %7s %7s %7s\n", "type", "gold", "pred", "correct",
         "P", "R", "F1");
  for (int t = 0; t < TKGP_NER_MODEL_TYPES; t++) {
    size_t gt = c->gold[t], pt = c->pred[t], ct = c->correct[t];
    pct(pr, ct, pt);
    pct(re, ct, gt);
    printf("%-18s %6zu %6zu %7zu  %s  %s  ", tkgp_ner_type_name((tkgp_ner_type)t),
           gt, pt, ct, pr, re);
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
  pct(pr, k, p);
  pct(re, k, g);
  printf("%-18s %6zu %6zu %7zu  %s  %s  %6.2f\n", "micro(PER,ORG,LOC)", g, p,
         k, pr, re, g + p ? 200.0 * (double)k / (double)(g + p) : 0.0);
  printf("LOC split: COUNTRY %zu, CITY %zu, PLACE %zu; DATE (rules) %zu\n",
         c->split[TKGP_NER_COUNTRY], c->split[TKGP_NER_CITY],
         c->split[TKGP_NER_PLACE], c->split[TKGP_NER_DATE]);
  printf("speed: NER %.0f words/s; tagger %.0f words/s; tagger+NER %.0f words/s\n",
         c->seconds > 0 ? (double)c->words / c->seconds : 0.0,
         tag_seconds > 0 ? (double)c->words / tag_seconds : 0.0,
         c->seconds + tag_seconds > 0
             ? (double)c->words / (c->seconds + tag_seconds) : 0.0);
}

int tkgp_cli_eval_ner(int argc, char **argv)
{
  char **files = NULL;
  size_t n_files = 0, n_slots;
  const char *models = NULL, *model = NULL;
  int each = 0, errors = 0, no_rules = 0, status = 1, rc, *used = NULL;
  tkg_world *world = NULL;
  tkgp_nlp *nlp = NULL;
  tkgp_ner *ner = NULL;
  tkgp_ner_corpus *corpora = NULL;

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
    else if (!strcmp(a, "--each"))
      each = 1;
    else if (!strcmp(a, "--errors"))
      errors = 1;
    else if (!strcmp(a, "--no-rules"))
      no_rules = 1;
    else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "textkg: eval ner: unknown option %s\n" USAGE_EVAL, a);
      status = 2;
      goto done;
    } else {
      files[n_files++] = argv[i];
    }
  }
  if (!n_files) {
    fprintf(stderr, "textkg: eval ner: no files\n" USAGE_EVAL);
    status = 2;
    goto done;
  }
  n_slots = each ? n_files : TKGP_NER_NFORMATS;
  corpora = calloc(n_slots, sizeof *corpora);
  used = calloc(n_slots, sizeof *used);
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
  if ((rc = tkgp_nlp_open(&nlp, world, models)) < 0)
    goto fail;
  rc = model ? tkgp_ner_open_file(&ner, world, model)
             : tkgp_ner_open(&ner, world, models);
  if (rc < 0)
    goto fail;
  if (no_rules)
    tkgp_ner_set_options(ner, TKGP_NER_NO_RULES);
  if ((rc = read_all(world, files, n_files, each, corpora, used)) < 0)
    goto fail;
  for (size_t k = 0; k < n_slots; k++) {
    tkgp_ner_counts c;
    double t0;
    if (!used[k])
      continue;
    memset(&c, 0, sizeof c);
    c.errors = errors ? stdout : NULL;
    t0 = now();
    if ((rc = tkgp_ner_corpus_tag(&corpora[k], nlp)) < 0)
      goto fail;
    t0 = now() - t0;
    if ((rc = tkgp_ner_score_corpus(ner, &corpora[k], &c)) < 0)
      goto fail;
    print_counts(each ? files[k] : format_names[k], &c, t0);
  }
  status = 0;
  goto done;
fail:
  fprintf(stderr, "textkg: %s\n", tkg_world_last_error(world));
done:
  if (corpora)
    for (size_t k = 0; k < (each ? n_files : TKGP_NER_NFORMATS); k++)
      tkgp_ner_corpus_finish(&corpora[k]);
  tkgp_ner_close(ner);
  tkgp_nlp_close(nlp);
  tkg_world_free(world);
  free(corpora);
  free(used);
  free(files);
  return status;
}
