/* ner_cli.c - the command lines of `train ner` and `eval ner`
 * SPDX-License-Identifier: MIT
 *
 * Options only: the training run is train/ner_job.c, the scoring run
 * eval/ner_eval.c.
 */
#include "cli/ner_cli.h"

#include "core/filelists.h"
#include "eval/ner_eval.h"
#include "train/ner_train.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Take option A (and its value, argv[*i + 1]) of `train ner` into JOB:
 * 1 when it is one, 0 when not. */
static int train_option(int argc, char **argv, int *i, tkgp_ner_train_job *job)
{
  tkgp_ner_train_opts *opts = &job->opts;
  const char *a = argv[*i];

  if (!strcmp(a, "--quiet")) {
    opts->quiet = 1;
    return 1;
  }
  if (*i + 1 >= argc)
    return 0;
  if (!strcmp(a, "-o") || !strcmp(a, "--output"))
    job->out = argv[++*i];
  else if (!strcmp(a, "--models") || !strcmp(a, "--modeldir"))
    job->models = argv[++*i];
  else if (!strcmp(a, "--wordnet"))
    opts->wordnet = argv[++*i];
  else if (!strcmp(a, "--iso-codes"))
    opts->iso_codes = argv[++*i];
  else if (!strcmp(a, "--countries"))
    opts->countries = argv[++*i];
  else if (!strcmp(a, "--lexicon"))
    opts->lexicon = argv[++*i];
  else if (!strcmp(a, "--epochs"))
    opts->epochs = atoi(argv[++*i]);
  else if (!strcmp(a, "--patience"))
    opts->patience = atoi(argv[++*i]);
  else if (!strcmp(a, "--seed"))
    opts->seed = strtoul(argv[++*i], NULL, 10);
  else if (!strcmp(a, "--prune"))
    opts->prune = (float)atof(argv[++*i]);
  else if (!strcmp(a, "--drop"))
    opts->drop = atoi(argv[++*i]);
  else if (!strcmp(a, "--lower"))
    opts->lower = atoi(argv[++*i]);
  else if (!strcmp(a, "--ensemble"))
    opts->ensemble = atoi(argv[++*i]);
  else
    return 0;
  return 1;
}

int tkgp_cli_train_ner(int argc, char **argv)
{
  char *countries = NULL, *lexicon = NULL;
  tkgp_filelists files;
  tkgp_ner_train_job job;
  tkgp_ner_train_opts *opts = &job.opts;
  int status = 2;

  memset(&job, 0, sizeof job);
  opts->epochs = 30;
  opts->patience = 4;
  opts->seed = 1;
  opts->drop = 20;
  opts->wordnet = "/usr/share/wordnet";
  opts->iso_codes = "/usr/share/iso-codes/json";
  if (tkgp_filelists_init(&files, argc) < 0) {
    fprintf(stderr, "textkg: out of memory\n");
    return 1;
  }
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (tkgp_filelists_take(&files, argv[i]) || train_option(argc, argv, &i, &job))
      continue;
    fprintf(stderr, "textkg: train ner: %s %s\n" USAGE_TRAIN,
            a[0] == '-' && a[1] ? "unknown option" : "unexpected argument", a);
    goto done;
  }
  if (!files.n_train || !job.out || opts->epochs < 1) {
    fprintf(stderr, "textkg: train ner: need --train FILE... and -o MODEL\n" USAGE_TRAIN);
    goto done;
  }
  if (opts->patience < 1)
    opts->patience = 1;
  status = 1;
  if ((!opts->countries && !(opts->countries = countries = default_ontology("countries.ttl"))) ||
      (!opts->lexicon && !(opts->lexicon = lexicon = default_ontology("lexicon.ttl")))) {
    fprintf(stderr, "textkg: out of memory\n");
    goto done;
  }
  job.train = files.train;
  job.n_train = files.n_train;
  job.dev = files.dev;
  job.n_dev = files.n_dev;
  status = tkgp_ner_train_run(&job);
done:
  tkgp_filelists_finish(&files);
  free(countries);
  free(lexicon);
  return status;
}

int tkgp_cli_eval_ner(int argc, char **argv)
{
  tkgp_ner_eval_opts o;
  char **files = calloc((size_t)argc + 1, sizeof *files);
  size_t n_files = 0;
  int status;

  if (!files) {
    fprintf(stderr, "textkg: out of memory\n");
    return 1;
  }
  memset(&o, 0, sizeof o);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int more = i + 1 < argc;
    if ((!strcmp(a, "--models") || !strcmp(a, "--modeldir")) && more)
      o.models = argv[++i];
    else if (!strcmp(a, "--model") && more)
      o.model = argv[++i];
    else if (!strcmp(a, "--each"))
      o.each = 1;
    else if (!strcmp(a, "--errors"))
      o.errors = 1;
    else if (!strcmp(a, "--no-rules"))
      o.no_rules = 1;
    else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "textkg: eval ner: unknown option %s\n" USAGE_EVAL, a);
      free(files);
      return 2;
    } else {
      files[n_files++] = argv[i];
    }
  }
  if (!n_files) {
    fprintf(stderr, "textkg: eval ner: no files\n" USAGE_EVAL);
    free(files);
    return 2;
  }
  status = tkgp_ner_eval(&o, files, n_files);
  free(files);
  return status;
}
