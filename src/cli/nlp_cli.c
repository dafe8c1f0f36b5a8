/* nlp_cli.c - the train, parse and eval parse commands
 * SPDX-License-Identifier: MIT
 *
 * Thin wrappers: parse options, read files, call the trainers or the
 * models, print CoNLL-U or scores. All messages are one line on stderr.
 */
#include "cli/nlp_cli.h"
#include "core/clock.h"
#include "corpus/corpus.h"
#include "eval/nlp_score.h"
#include "nlp/nlp.h"
#include "text/text.h"
#include "text/tokenize.h"
#include "train/train.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USAGE_TRAIN                                                        \
  "usage: textkg train tagger|parser --train FILE.conllu... --dev FILE.conllu... -o MODEL\n" \
  "         [--epochs N] [--seed N] [--wordnet DIR] [--prune X]\n"         \
  "         [--tagger MODEL] [--jackknife K] [--tag-epochs N] [--tags-cache FILE]\n"         \
  "         [--prune-scan] [--ensemble N] [--quiet]\n"
#define USAGE_PARSE                                                        \
  "usage: textkg parse [--input-format text|conllu] [--models DIR] FILE|-\n"
#define USAGE_EVAL "usage: textkg eval parse [--models DIR] GOLD.conllu...\n"

static void report(tkg_world *w, const char *fallback)
{
  const char *msg = w ? tkg_world_last_error(w) : "";
  fprintf(stderr, "textkg: %s\n", *msg ? msg : fallback);
}

static int read_files(tkg_world *w, char **names, size_t n, tkgp_conllu **out)
{
  tkgp_conllu *files = calloc(n ? n : 1, sizeof *files);
  *out = files;
  if (!files)
    return tkgp_error(w, TKG_ENOMEM, "out of memory");
  for (size_t i = 0; i < n; i++) {
    int rc = tkgp_conllu_read(&files[i], w, names[i]);
    if (rc < 0)
      return rc;
  }
  return 0;
}

static void free_files(tkgp_conllu *files, size_t n)
{
  if (!files)
    return;
  for (size_t i = 0; i < n; i++)
    tkgp_conllu_finish(&files[i]);
  free(files);
}

int tkgp_cli_train(int argc, char **argv)
{
  char **train = NULL, **dev = NULL;
  size_t n_train = 0, n_dev = 0;
  const char *out = NULL, *what = NULL;
  tkgp_train_opts opts;
  tkg_world *w = NULL;
  tkgp_conllu *tf = NULL, *df = NULL;
  tkgp_corpus tc = {0}, dc = {0};
  int status = 1, rc, epochs = 0;
  char **list = NULL;
  size_t *count = NULL;
  double t0 = tkgp_now();

  memset(&opts, 0, sizeof opts);
  opts.seed = 1;
  opts.wordnet = "/usr/share/wordnet";
  opts.tag_epochs = 8;
  opts.prune = -1;
  train = calloc((size_t)argc + 1, sizeof *train);
  dev = calloc((size_t)argc + 1, sizeof *dev);
  if (!train || !dev) {
    fprintf(stderr, "textkg: out of memory\n");
    goto done;
  }
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int more = i + 1 < argc;
    if (strcmp(a, "--train") == 0) {
      list = train;
      count = &n_train;
    } else if (strcmp(a, "--dev") == 0) {
      list = dev;
      count = &n_dev;
    } else if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && more) {
      out = argv[++i];
      list = NULL;
    } else if (strcmp(a, "--epochs") == 0 && more) {
      epochs = atoi(argv[++i]);
      list = NULL;
    } else if (strcmp(a, "--seed") == 0 && more) {
      opts.seed = strtoul(argv[++i], NULL, 10);
      list = NULL;
    } else if (strcmp(a, "--wordnet") == 0 && more) {
      opts.wordnet = argv[++i];
      list = NULL;
    } else if (strcmp(a, "--tagger") == 0 && more) {
      opts.tagger = argv[++i];
      list = NULL;
    } else if (strcmp(a, "--jackknife") == 0 && more) {
      opts.jackknife = atoi(argv[++i]);
      list = NULL;
    } else if (strcmp(a, "--tag-epochs") == 0 && more) {
      opts.tag_epochs = atoi(argv[++i]);
      list = NULL;
    } else if (strcmp(a, "--prune") == 0 && more) {
      opts.prune = (float)atof(argv[++i]);
      list = NULL;
    } else if (strcmp(a, "--tags-cache") == 0 && more) {
      opts.tags_cache = argv[++i];
      list = NULL;
    } else if (strcmp(a, "--ensemble") == 0 && more) {
      opts.ensemble = atoi(argv[++i]);
      list = NULL;
    } else if (strcmp(a, "--prune-scan") == 0) {
      opts.prune_scan = 1;
      list = NULL;
    } else if (strcmp(a, "--quiet") == 0) {
      opts.quiet = 1;
      list = NULL;
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "textkg: train: unknown option %s\n" USAGE_TRAIN, a);
      status = 2;
      goto done;
    } else if (list) {
      list[(*count)++] = argv[i];
    } else if (!what) {
      what = a;
    } else {
      fprintf(stderr, "textkg: train: unexpected argument %s\n" USAGE_TRAIN, a);
      status = 2;
      goto done;
    }
  }
  if (!what || (strcmp(what, "tagger") && strcmp(what, "parser")) || !out ||
      !n_train || !n_dev) {
    fprintf(stderr, "textkg: train: %s\n" USAGE_TRAIN,
            !what ? "tagger or parser?" : !out ? "no -o MODEL" :
            !n_train ? "no --train files" : !n_dev ? "no --dev files" :
            "tagger or parser?");
    status = 2;
    goto done;
  }
  opts.epochs = epochs > 0 ? epochs : what[0] == 't' ? 12 : 15;
  if (opts.prune < 0)
    opts.prune = what[0] == 't' ? 1.0f : 1.5f;
  if (tkg_world_new(&w) < 0) {
    fprintf(stderr, "textkg: out of memory\n");
    goto done;
  }
  if (read_files(w, train, n_train, &tf) < 0 || read_files(w, dev, n_dev, &df) < 0) {
    report(w, "cannot read training data");
    goto done;
  }
  if (tkgp_corpus_init(&tc, tf, n_train) < 0 || tkgp_corpus_init(&dc, df, n_dev) < 0) {
    fprintf(stderr, "textkg: out of memory\n");
    goto done;
  }
  if (!opts.quiet)
    fprintf(stderr, "textkg: training %s on %zu sentences (%zu words), dev %zu sentences\n",
            what, tc.n_sents, tc.n_words, dc.n_sents);
  rc = what[0] == 't' ? tkgp_tagger_train(w, &tc, &dc, &opts, out)
                      : tkgp_parser_train(w, &tc, &dc, &opts, out);
  if (rc < 0) {
    report(w, "training failed");
    goto done;
  }
  if (!opts.quiet)
    fprintf(stderr, "textkg: wrote %s (%.1fs)\n", out, tkgp_now() - t0);
  status = 0;
done:
  tkgp_corpus_finish(&tc);
  tkgp_corpus_finish(&dc);
  free_files(tf, n_train);
  free_files(df, n_dev);
  tkg_world_free(w);
  free(train);
  free(dev);
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
  tkg_world *w = NULL;
  tkgp_nlp *nlp = NULL;
  tkgp_score sc;
  double secs = 0, cpu = 0, t_open;
  int status = 1, n_files = 0, rc;

  memset(&sc, 0, sizeof sc);
  for (int i = 1; i < argc; i++) {
    const char *m;
    if ((m = opt_models(&i, argc, argv)))
      models = m;
    else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "textkg: eval parse: unknown option %s\n" USAGE_EVAL, argv[i]);
      return 2;
    } else
      n_files++;
  }
  if (!n_files) {
    fprintf(stderr, "textkg: eval parse: no gold file\n" USAGE_EVAL);
    return 2;
  }
  if (tkg_world_new(&w) < 0) {
    fprintf(stderr, "textkg: out of memory\n");
    return 1;
  }
  t_open = tkgp_now();
  rc = tkgp_nlp_open(&nlp, w, models);
  t_open = tkgp_now() - t_open;
  if (rc < 0) {
    report(w, "cannot open models");
    goto done;
  }
  for (int i = 1; i < argc; i++) {
    tkgp_conllu c;
    tkgp_corpus corpus;
    tkgp_nlp_word *pred;
    tkgp_arena arena;
    double t0, c0;

    if (opt_models(&i, argc, argv))
      continue;
    if (tkgp_conllu_read(&c, w, argv[i]) < 0) {
      report(w, "cannot read gold file");
      goto done;
    }
    if (tkgp_corpus_init(&corpus, &c, 1) < 0 ||
        !(pred = calloc(corpus.n_words + 1, sizeof *pred))) {
      tkgp_corpus_finish(&corpus);
      tkgp_conllu_finish(&c);
      fprintf(stderr, "textkg: out of memory\n");
      goto done;
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
    secs += tkgp_now() - t0;
    cpu += tkgp_cpu_now() - c0;
    for (size_t s = 0; s < corpus.n_sents; s++) {
      size_t a = corpus.start[s];
      tkgp_score_add(&sc, pred + a, corpus.words + a, corpus.start[s + 1] - a);
    }
    tkgp_arena_finish(&arena);
    free(pred);
    tkgp_corpus_finish(&corpus);
    tkgp_conllu_finish(&c);
    if (rc < 0) {
      report(w, "annotation failed");
      goto done;
    }
  }
  {
    double n = sc.words ? (double)sc.words : 1;
    printf("Words     %zu\n", sc.words);
    printf("UPOS      %6.2f\n", 100.0 * sc.upos / n);
    printf("XPOS      %6.2f\n", 100.0 * sc.xpos / n);
    printf("UFeats    %6.2f\n", 100.0 * sc.feats / n);
    printf("Lemma     %6.2f\n", 100.0 * sc.lemma / n);
    printf("UAS       %6.2f\n", 100.0 * sc.uas / n);
    printf("LAS       %6.2f\n", 100.0 * sc.las / n);
    printf("LAS-full  %6.2f\n", 100.0 * sc.ulas_full / n);
    printf("Words/s   %.0f (wall clock), %.0f (CPU time)\n",
           secs > 0 ? sc.words / secs : 0.0, cpu > 0 ? sc.words / cpu : 0.0);
    printf("Load ms   %.1f\n", t_open * 1000.0);
  }
  status = 0;
done:
  tkgp_nlp_close(nlp);
  tkg_world_free(w);
  return status;
}
