/* nlp_cli.c - the train, parse and eval parse commands
 * SPDX-License-Identifier: MIT
 *
 * Thin wrappers: parse the options, then call train/ (tkgp_train_run())
 * or eval/ (tkgp_eval_parse()), or tag and parse a file and print
 * CoNLL-U. All messages are one line on stderr.
 */
#include "cli/nlp_cli.h"
#include "corpus/conllu.h"
#include "eval/parse.h"
#include "nlp/nlp.h"
#include "text/text.h"
#include "text/tokenize.h"
#include "train/clusters_train.h"
#include "train/train.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USAGE_TRAIN                                                        \
  "usage: textkg train tagger|parser --train FILE.conllu... --dev FILE.conllu... -o MODEL\n" \
  "         [--epochs N] [--seed N] [--wordnet DIR] [--prune X]\n"         \
  "         [--tagger MODEL] [--jackknife K] [--tag-epochs N] [--tags-cache FILE]\n"         \
  "         [--prune-scan] [--ensemble N] [--quiet]\n"
#define USAGE_CLUSTERS                                                     \
  "usage: textkg train clusters --vectors FILE.json -o CLUSTERS [--depth N]\n"  \
  "         [--names CORPUS...] [--quiet]\n"
#define USAGE_PARSE                                                        \
  "usage: textkg parse [--input-format text|conllu] [--models DIR] FILE|-\n"
#define USAGE_EVAL "usage: textkg eval parse [--models DIR] GOLD.conllu...\n"

static void report(tkg_world *w, const char *fallback)
{
  const char *msg = w ? tkg_world_last_error(w) : "";
  fprintf(stderr, "textkg: %s\n", *msg ? msg : fallback);
}

/* The options of `textkg train` into JOB (TRAIN and DEV hold argc
 * entries). @return 0, or the exit status of a usage error (reported). */
static int train_args(int argc, char **argv, tkgp_train_job *job, int *epochs)
{
  char **list = NULL;
  size_t *count = NULL;
  tkgp_train_opts *opts = &job->opts;

  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int more = i + 1 < argc;
    if (strcmp(a, "--train") == 0) {
      list = job->train;
      count = &job->n_train;
    } else if (strcmp(a, "--dev") == 0) {
      list = job->dev;
      count = &job->n_dev;
    } else if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && more) {
      job->out = argv[++i];
      list = NULL;
    } else if (strcmp(a, "--epochs") == 0 && more) {
      *epochs = atoi(argv[++i]);
      list = NULL;
    } else if (strcmp(a, "--seed") == 0 && more) {
      opts->seed = strtoul(argv[++i], NULL, 10);
      list = NULL;
    } else if (strcmp(a, "--wordnet") == 0 && more) {
      opts->wordnet = argv[++i];
      list = NULL;
    } else if (strcmp(a, "--tagger") == 0 && more) {
      opts->tagger = argv[++i];
      list = NULL;
    } else if (strcmp(a, "--jackknife") == 0 && more) {
      opts->jackknife = atoi(argv[++i]);
      list = NULL;
    } else if (strcmp(a, "--tag-epochs") == 0 && more) {
      opts->tag_epochs = atoi(argv[++i]);
      list = NULL;
    } else if (strcmp(a, "--prune") == 0 && more) {
      opts->prune = (float)atof(argv[++i]);
      list = NULL;
    } else if (strcmp(a, "--tags-cache") == 0 && more) {
      opts->tags_cache = argv[++i];
      list = NULL;
    } else if (strcmp(a, "--ensemble") == 0 && more) {
      opts->ensemble = atoi(argv[++i]);
      list = NULL;
    } else if (strcmp(a, "--prune-scan") == 0) {
      opts->prune_scan = 1;
      list = NULL;
    } else if (strcmp(a, "--quiet") == 0) {
      opts->quiet = 1;
      list = NULL;
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "textkg: train: unknown option %s\n" USAGE_TRAIN, a);
      return 2;
    } else if (list) {
      list[(*count)++] = argv[i];
    } else if (!job->what) {
      job->what = a;
    } else {
      fprintf(stderr, "textkg: train: unexpected argument %s\n" USAGE_TRAIN, a);
      return 2;
    }
  }
  return 0;
}

int tkgp_cli_train(int argc, char **argv)
{
  tkgp_train_job job;
  const char *what;
  tkg_world *w = NULL;
  int status = 1, epochs = 0;

  memset(&job, 0, sizeof job);
  job.opts.seed = 1;
  job.opts.wordnet = "/usr/share/wordnet";
  job.opts.tag_epochs = 8;
  job.opts.prune = -1;
  job.train = calloc((size_t)argc + 1, sizeof *job.train);
  job.dev = calloc((size_t)argc + 1, sizeof *job.dev);
  if (!job.train || !job.dev) {
    fprintf(stderr, "textkg: out of memory\n");
    goto done;
  }
  if ((status = train_args(argc, argv, &job, &epochs)) != 0)
    goto done;
  status = 1;
  what = job.what;
  if (!what || (strcmp(what, "tagger") && strcmp(what, "parser")) || !job.out ||
      !job.n_train || !job.n_dev) {
    fprintf(stderr, "textkg: train: %s\n" USAGE_TRAIN,
            !what ? "tagger or parser?" : !job.out ? "no -o MODEL" :
            !job.n_train ? "no --train files" : !job.n_dev ? "no --dev files" :
            "tagger or parser?");
    status = 2;
    goto done;
  }
  job.opts.epochs = epochs > 0 ? epochs : what[0] == 't' ? 12 : 15;
  if (job.opts.prune < 0)
    job.opts.prune = what[0] == 't' ? 1.0f : 1.5f;
  if (tkg_world_new(&w) < 0) {
    fprintf(stderr, "textkg: out of memory\n");
    goto done;
  }
  if (tkgp_train_run(w, &job) < 0) {
    report(w, "training failed");
    goto done;
  }
  status = 0;
done:
  tkg_world_free(w);
  free(job.train);
  free(job.dev);
  return status;
}

int tkgp_cli_train_clusters(int argc, char **argv)
{
  const char *vectors = NULL, *out = NULL;
  long depth = 20;
  int quiet = 0, status = 1, in_names = 0;
  tkg_world *w = NULL;
  char **names = calloc((size_t)argc + 1, sizeof *names);
  size_t n_names = 0;

  if (!names) {
    fprintf(stderr, "textkg: out of memory\n");
    return 1;
  }
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int more = i + 1 < argc;
    if (in_names && a[0] != '-') {
      names[n_names++] = argv[i];
      continue;
    }
    in_names = 0;
    if (strcmp(a, "--names") == 0) {
      in_names = 1;
    } else if (strcmp(a, "--vectors") == 0 && more) {
      vectors = argv[++i];
    } else if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && more) {
      out = argv[++i];
    } else if (strcmp(a, "--depth") == 0 && more) {
      char *end;
      depth = strtol(argv[++i], &end, 10);
      if (*end || depth < 1) {
        fprintf(stderr, "textkg: train clusters: bad --depth %s\n", argv[i]);
        free(names);
        return 2;
      }
    } else if (strcmp(a, "--quiet") == 0) {
      quiet = 1;
    } else {
      fprintf(stderr, "textkg: train clusters: unexpected argument %s\n" USAGE_CLUSTERS, a);
      free(names);
      return 2;
    }
  }
  if (!vectors || !out) {
    fprintf(stderr, "textkg: train clusters: %s\n" USAGE_CLUSTERS,
            !vectors ? "no --vectors FILE" : "no -o CLUSTERS");
    free(names);
    return 2;
  }
  if (tkg_world_new(&w) < 0) {
    fprintf(stderr, "textkg: out of memory\n");
    free(names);
    return 1;
  }
  if (tkgp_clusters_train(w, vectors, out, (unsigned)depth, names, n_names, quiet) < 0)
    report(w, "training failed");
  else
    status = 0;
  tkg_world_free(w);
  free(names);
  return status;
}

/* ---- parse ------------------------------------------------------------- */

static int ends_with(const char *s, const char *suffix)
{
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && strcmp(s + a - b, suffix) == 0;
}

static int parse_conllu(tkg_world *w, tkgp_nlp *nlp, const char *path)
{
  tkgp_conllu c;
  tkgp_nlp_word *words = NULL;
  tkgp_conllu_pred *pred = NULL;
  size_t cap = 0;
  tkgp_arena arena;
  int rc = tkgp_conllu_read(&c, w, path);

  if (rc < 0)
    return rc;
  tkgp_arena_init(&arena, 0);
  for (size_t s = 0; s < c.n_sents; s++) {
    const tkgp_conllu_sent *cs = &c.sents[s];
    size_t n = cs->n_words;
    if (n > cap) {
      cap = n * 2;
      free(words);
      free(pred);
      words = malloc(cap * sizeof *words);
      pred = malloc(cap * sizeof *pred);
      if (!words || !pred) {
        rc = tkgp_error(w, TKG_ENOMEM, "out of memory");
        goto done;
      }
    }
    for (size_t i = 0; i < n; i++) {
      memset(&words[i], 0, sizeof words[i]);
      words[i].form = tkgp_conllu_col(cs, i, TKGP_FORM);
    }
    rc = tkgp_nlp_annotate(nlp, words, n, &arena);
    if (rc < 0)
      goto done;
    for (size_t i = 0; i < n; i++) {
      pred[i].lemma = words[i].lemma;
      pred[i].upos = words[i].upos;
      pred[i].xpos = words[i].xpos;
      pred[i].feats = words[i].feats;
      pred[i].deprel = words[i].deprel;
      pred[i].head = words[i].head;
    }
    tkgp_conllu_write(stdout, cs, pred);
    if (s % 256 == 255) {
      tkgp_arena_finish(&arena);
      tkgp_arena_init(&arena, 0);
    }
  }
done:
  tkgp_arena_finish(&arena);
  free(words);
  free(pred);
  tkgp_conllu_finish(&c);
  return rc;
}

/* A comment value on one line: line breaks and tabs become spaces. */
static void put_flat(const char *s, size_t len)
{
  for (size_t i = 0; i < len; i++) {
    char c = s[i];
    putchar(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
  }
}

static int parse_text(tkg_world *w, tkgp_nlp *nlp, const char *path)
{
  char *bytes = NULL;
  size_t len;
  tkgp_text text;
  tkgp_tokens toks;
  tkgp_arena arena;
  tkgp_nlp_word *words = NULL;
  size_t cap = 0;
  int rc;

  memset(&text, 0, sizeof text);
  tkgp_arena_init(&arena, 0);
  rc = tkgp_nlp_read_file(w, path, &bytes, &len);
  if (rc < 0)
    goto done;
  rc = tkgp_text_init(&text, w, bytes, len);
  if (rc < 0) {
    char msg[sizeof w->error];
    snprintf(msg, sizeof msg, "%s", tkg_world_last_error(w));
    rc = tkgp_error(w, rc, "%s: %s", path, msg);
    goto done;
  }
  rc = tkgp_tokenize(&toks, &arena, text.data, text.length);
  if (rc < 0) {
    rc = tkgp_error(w, rc, "%s: out of memory", path);
    goto done;
  }
  for (size_t s = 0; s < toks.n_sentences; s++) {
    const tkgp_sentence *sent = &toks.sentences[s];
    const tkgp_token *tk = toks.tokens + sent->first;
    size_t n = sent->count;
    if (n > cap) {
      cap = n * 2;
      free(words);
      words = malloc(cap * sizeof *words);
      if (!words) {
        rc = tkgp_error(w, TKG_ENOMEM, "out of memory");
        goto done;
      }
    }
    for (size_t i = 0; i < n; i++) {
      memset(&words[i], 0, sizeof words[i]);
      words[i].form = tk[i].form;
    }
    rc = tkgp_nlp_annotate(nlp, words, n, &arena);
    if (rc < 0)
      goto done;
    printf("# sent_id = %zu\n# text = ", s + 1);
    put_flat(text.data + sent->start, sent->end - sent->start);
    putchar('\n');
    for (size_t i = 0; i < n; i++) {
      int last_of_text = sent->first + i + 1 == toks.n_tokens;
      printf("%zu\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t_\t%s\n", i + 1, words[i].form,
             words[i].lemma, words[i].upos, words[i].xpos, words[i].feats,
             words[i].head, words[i].deprel,
             !(tk[i].flags & TKGP_TOKEN_SPACE_AFTER) && !last_of_text
                 ? "SpaceAfter=No" : "_");
    }
    putchar('\n');
  }
done:
  tkgp_text_finish(&text);
  tkgp_arena_finish(&arena);
  free(words);
  free(bytes);
  return rc;
}

static const char *opt_models(int *i, int argc, char **argv)
{
  if ((strcmp(argv[*i], "--models") == 0 || strcmp(argv[*i], "-m") == 0) &&
      *i + 1 < argc)
    return argv[++*i];
  return NULL;
}

int tkgp_cli_parse(int argc, char **argv)
{
  const char *format = NULL, *file = NULL, *models = NULL;
  tkg_world *w = NULL;
  tkgp_nlp *nlp = NULL;
  int status = 1, rc;

  for (int i = 1; i < argc; i++) {
    const char *m;
    if (strcmp(argv[i], "--input-format") == 0 && i + 1 < argc) {
      format = argv[++i];
      if (strcmp(format, "text") && strcmp(format, "conllu")) {
        fprintf(stderr, "textkg: parse: unknown input format %s\n" USAGE_PARSE, format);
        return 2;
      }
    } else if (strncmp(argv[i], "--input-format=", 15) == 0) {
      format = argv[i] + 15;
      if (strcmp(format, "text") && strcmp(format, "conllu")) {
        fprintf(stderr, "textkg: parse: unknown input format %s\n" USAGE_PARSE, format);
        return 2;
      }
    } else if ((m = opt_models(&i, argc, argv))) {
      models = m;
    } else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "textkg: parse: unknown option %s\n" USAGE_PARSE, argv[i]);
      return 2;
    } else if (!file) {
      file = argv[i];
    } else {
      fprintf(stderr, "textkg: parse: one input at a time\n" USAGE_PARSE);
      return 2;
    }
  }
  if (!file) {
    fprintf(stderr, "textkg: parse: no input\n" USAGE_PARSE);
    return 2;
  }
  if (!format)
    format = ends_with(file, ".conllu") ? "conllu" : "text";
  if (tkg_world_new(&w) < 0) {
    fprintf(stderr, "textkg: out of memory\n");
    return 1;
  }
  rc = tkgp_nlp_open(&nlp, w, models);
  if (rc < 0) {
    report(w, "cannot open models");
    goto done;
  }
  rc = format[0] == 'c' ? parse_conllu(w, nlp, file) : parse_text(w, nlp, file);
  if (rc < 0) {
    report(w, "parse failed");
    goto done;
  }
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "textkg: stdout: write error\n");
    goto done;
  }
  status = 0;
done:
  tkgp_nlp_close(nlp);
  tkg_world_free(w);
  return status;
}

/* ---- eval parse --------------------------------------------------------- */

int tkgp_cli_eval_parse(int argc, char **argv)
{
  const char *models = NULL;
  char **files = calloc((size_t)argc + 1, sizeof *files);
  size_t n_files = 0;
  tkg_world *w = NULL;
  int status = 1;

  if (!files) {
    fprintf(stderr, "textkg: out of memory\n");
    return 1;
  }
  for (int i = 1; i < argc; i++) {
    const char *m;
    if ((m = opt_models(&i, argc, argv)))
      models = m;
    else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "textkg: eval parse: unknown option %s\n" USAGE_EVAL, argv[i]);
      status = 2;
      goto done;
    } else
      files[n_files++] = argv[i];
  }
  if (!n_files) {
    fprintf(stderr, "textkg: eval parse: no gold file\n" USAGE_EVAL);
    status = 2;
    goto done;
  }
  if (tkg_world_new(&w) < 0) {
    fprintf(stderr, "textkg: out of memory\n");
    goto done;
  }
  if (tkgp_eval_parse(w, models, files, n_files) < 0) {
    report(w, "eval parse failed");
    goto done;
  }
  status = 0;
done:
  tkg_world_free(w);
  free(files);
  return status;
}
