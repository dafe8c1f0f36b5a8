/* rel_cli.c - the command lines of `train rel` and `eval rel`
 * SPDX-License-Identifier: MIT
 *
 * Options only: the training run is train/rel_job.c, the scoring run
 * eval/rel_eval.c.
 */
#include "cli/rel_cli.h"

#include "core/filelists.h"
#include "eval/rel_eval.h"
#include "train/rel_train.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USAGE_TRAIN                                                          \
  "usage: textkg train rel --train FILE... --dev FILE... -o MODEL [--models DIR]\n" \
  "         [--epochs N] [--ensemble N] [--seed N] [--prune X] [--gold-entities]\n" \
  "         [--quiet]\n"
#define USAGE_EVAL                                                           \
  "usage: textkg eval rel [--models DIR] [--model FILE] [--threshold X]\n"   \
  "         [--gold-entities] FILE...\n"

/* Parse the options of `train rel` into JOB: 0, or the usage exit status 2. */
static int train_args(int argc, char **argv, tkgp_filelists *files, tkgp_rel_train_job *job)
{
  tkgp_rel_train_opts *opts = &job->opts;

  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int more = i + 1 < argc;
    if (tkgp_filelists_take(files, argv[i]))
      continue;
    if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && more)
      job->out = argv[++i];
    else if ((!strcmp(a, "--models") || !strcmp(a, "--modeldir")) && more)
      job->models = argv[++i];
    else if (!strcmp(a, "--epochs") && more)
      opts->epochs = atoi(argv[++i]);
    else if (!strcmp(a, "--ensemble") && more)
      opts->models = atoi(argv[++i]);
    else if (!strcmp(a, "--seed") && more)
      opts->seed = strtoul(argv[++i], NULL, 10);
    else if (!strcmp(a, "--prune") && more)
      opts->prune = (float)atof(argv[++i]);
    else if (!strcmp(a, "--gold-entities"))
      job->gold_entities = 1;
    else if (!strcmp(a, "--quiet"))
      opts->quiet = 1;
    else {
      fprintf(stderr, "textkg: train rel: %s %s\n" USAGE_TRAIN,
              a[0] == '-' && a[1] ? "unknown option" : "unexpected argument", a);
      return 2;
    }
  }
  if (!files->n_train || !files->n_dev || !job->out || opts->epochs < 1 || opts->models < 1 ||
      opts->models > TKGP_REL_MAX_MODELS) {
    fprintf(stderr, "textkg: train rel: need --train FILE..., --dev FILE... "
            "and -o MODEL\n" USAGE_TRAIN);
    return 2;
  }
  job->train = files->train;
  job->n_train = files->n_train;
  job->dev = files->dev;
  job->n_dev = files->n_dev;
  return 0;
}

int tkgp_cli_train_rel(int argc, char **argv)
{
  tkgp_filelists files;
  tkgp_rel_train_job job;
  int status;

  memset(&job, 0, sizeof job);
  job.opts.epochs = 12;
  job.opts.seed = 1;
  job.opts.models = 5;
  if (tkgp_filelists_init(&files, argc) < 0) {
    fprintf(stderr, "textkg: out of memory\n");
    return 1;
  }
  status = train_args(argc, argv, &files, &job);
  if (status == 0)
    status = tkgp_rel_train_run(&job);
  tkgp_filelists_finish(&files);
  return status;
}

int tkgp_cli_eval_rel(int argc, char **argv)
{
  tkgp_rel_eval_opts o;
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
    else if (!strcmp(a, "--threshold") && more) {
      o.threshold = (float)atof(argv[++i]);
      o.set_threshold = 1;
    } else if (!strcmp(a, "--gold-entities"))
      o.gold_entities = 1;
    else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "textkg: eval rel: unknown option %s\n" USAGE_EVAL, a);
      free(files);
      return 2;
    } else {
      files[n_files++] = argv[i];
    }
  }
  if (!n_files) {
    fprintf(stderr, "textkg: eval rel: no files\n" USAGE_EVAL);
    free(files);
    return 2;
  }
  status = tkgp_rel_eval(&o, files, n_files);
  free(files);
  return status;
}
