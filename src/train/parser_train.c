/* parser_train.c - training the parser: dynamic oracle, jackknifed tags, ensembles
 * SPDX-License-Identifier: MIT
 *
 * The parser (nlp/parser.c) learns with the dynamic oracle of Goldberg &
 * Nivre (2013): at each state the costs of all transitions are computed against the gold tree,
 * the perceptron is updated towards the best zero-cost transition, and
 * after the first epoch the parser follows its own (possibly wrong)
 * prediction 90% of the time, so that it learns to recover from its
 * mistakes. With --ensemble N, N such runs (different shuffles and
 * exploration) are trained and their averaged weights averaged again: for
 * a linear model that scores like the ensemble of the N parsers, at the
 * cost of one. Arc-hybrid only builds projective trees: training trees are
 * projectivized by lifting (Nivre & Nilsson 2005, without label encoding),
 * so non-projective arcs are lost at parse time (under 1% of the arcs of
 * UD English; measured in doc/NLP_RESULTS.md).
 *
 * Training tags are the tagger's, not the gold ones (--jackknife K: each
 * Kth of the corpus tagged by a tagger trained on the rest), so that the
 * parser learns the tags it will be given.
 *
 * Cost per epoch: 2n transitions a sentence, each ~100 features, the
 * costs of all 1 + 2L transitions and up to two updates.
 */
#include "train/train.h"
#include "train/perceptron_train.h"
#include "core/clock.h"
#include "core/rand.h"
#include "eval/nlp_score.h"
#include "nlp/parser_impl.h"
#include "nlp/tagger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FEATS TKGP_PARSER_MAX_FEATS
#define MAX_LABELS TKGP_PARSER_MAX_LABELS

/* Probability of following the model's own prediction when training after
 * the first epoch (Goldberg & Nivre's exploration; 0.9 tuned on EWT dev). */
#ifndef TKGP_PARSER_EXPLORE
#define TKGP_PARSER_EXPLORE 0.9
#endif

/* Does H dominate K in the tree GH (1-based, 0 root)? */
static int dominates(const int *gh, int n, int h, int k)
{
  for (int steps = 0; k != 0 && steps <= n; steps++) {
    if (k == h)
      return 1;
    k = gh[k];
  }
  return h == 0;
}

/* Lift non-projective arcs until the tree is projective; the number lifted. */
static size_t projectivize(int *gh, int n)
{
  size_t lifted = 0;
  for (int iter = 0; iter < n * n; iter++) {
    int best = 0, best_span = n + 2;
    for (int d = 1; d <= n; d++) {
      int h = gh[d], lo = h < d ? h : d, hi = h < d ? d : h;
      if (hi - lo >= best_span)
        continue;
      for (int k = lo + 1; k < hi; k++)
        if (!dominates(gh, n, h, k)) {
          best = d;
          best_span = hi - lo;
          break;
        }
    }
    if (!best)
      break;
    gh[best] = gh[gh[best]];
    lifted++;
  }
  return lifted;
}

static int label_index(tkgp_strmap *labels, const char *deprel, int create,
                       uint32_t *out)
{
  size_t before = tkgp_strmap_count(labels), i;
  if (!tkgp_strmap_slot(labels, deprel, strlen(deprel), &i))
    return TKG_ENOMEM;
  if (!create && i >= before) {
    *out = UINT32_MAX;
    return 0;
  }
  *out = (uint32_t)i;
  return 0;
}

static void costs(const tkgp_parse_scratch *s, unsigned *c_shift,
                  unsigned *c_left, unsigned *c_right)
{
  int s0 = s->sp >= 1 ? s->stack[s->sp - 1] : -1;
  int s1 = s->sp >= 2 ? s->stack[s->sp - 2] : -1;
  int b = s->b, n = s->n;
  unsigned deps_b = 0;

  *c_shift = *c_left = *c_right = 0;
  if (s0 > 0) {
    for (int k = b; k <= n; k++)
      deps_b += s->gh[k] == s0;
    *c_left = deps_b + (s->gh[s0] == s1) + (s->gh[s0] > b && s->gh[s0] <= n);
    *c_right = deps_b + (s->gh[s0] >= b && s->gh[s0] <= n);
  }
  if (b <= n) {
    for (int i = 0; i < s->sp; i++)
      *c_shift += s->gh[s->stack[i]] == b && s->stack[i] != 0;
    *c_shift += s->in_stack[s->gh[b]] && s->gh[b] != s0;
  }
}

static void eval_dev(const tkgp_parser *p, const tkgp_corpus *dev,
                     const tkgp_nlp_word *tags, tkgp_parse_scratch **scratch,
                     tkgp_score *score)
{
  tkgp_nlp_word *pred = malloc((dev->n_words ? dev->n_words : 1) * sizeof *pred);
  memset(score, 0, sizeof *score);
  if (!pred)
    return;
  memcpy(pred, tags, dev->n_words * sizeof *pred);
  for (size_t s = 0; s < dev->n_sents; s++) {
    size_t a = dev->start[s], n = dev->start[s + 1] - a;
    tkgp_parser_run(p, scratch, pred + a, n);
    tkgp_score_add(score, pred + a, dev->words + a, n);
  }
  free(pred);
}

/* Tags for CORPUS from the tagger model at PATH (into OUT, a copy). */
static int tag_corpus(tkg_world *world, const char *path,
                      const tkgp_corpus *corpus, size_t from_sent,
                      size_t to_sent, tkgp_nlp_word *out, tkgp_arena *arena)
{
  tkgp_tagger *t;
  tkgp_tokinfo *ti = NULL;
  uint32_t *cls = NULL;
  size_t maxn = 1;
  int rc = tkgp_tagger_open(&t, world, path);
  if (rc < 0)
    return rc;
  tkgp_tagger_set_thorough(t);
  for (size_t s = from_sent; s < to_sent; s++)
    if (corpus->start[s + 1] - corpus->start[s] > maxn)
      maxn = corpus->start[s + 1] - corpus->start[s];
  ti = malloc(maxn * sizeof *ti);
  cls = malloc(maxn * sizeof *cls);
  if (!ti || !cls) {
    rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
    goto done;
  }
  for (size_t s = from_sent; s < to_sent; s++) {
    size_t a = corpus->start[s], n = corpus->start[s + 1] - a;
    rc = tkgp_tagger_run(t, out + a, n, ti, cls, arena);
    if (rc < 0)
      goto done;
    /* the tags are borrowed from the tagger, which is closed below */
    for (size_t i = 0; i < n; i++) {
      out[a + i].xpos = tkgp_arena_strndup(arena, out[a + i].xpos, strlen(out[a + i].xpos));
      out[a + i].upos = tkgp_arena_strndup(arena, out[a + i].upos, strlen(out[a + i].upos));
      out[a + i].lemma = out[a + i].feats = NULL;
      if (!out[a + i].xpos || !out[a + i].upos) {
        rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
        goto done;
      }
    }
  }
done:
  free(ti);
  free(cls);
  tkgp_tagger_close(t);
  return rc;
}

/* Jackknifed tags: each fold tagged by a tagger trained on the others. */
static int jackknife(tkg_world *world, const tkgp_corpus *train,
                     const tkgp_corpus *dev, const tkgp_train_opts *opts,
                     const char *path, tkgp_nlp_word *out, tkgp_arena *arena)
{
  int k = opts->jackknife, rc = 0;
  size_t per = (train->n_sents + (size_t)k - 1) / (size_t)k;
  char *tmp = malloc(strlen(path) + 32);
  tkgp_train_opts topts = *opts;

  if (!tmp)
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  topts.epochs = opts->tag_epochs;
  topts.prune = 1.0f;
  topts.prune_scan = 0;
  topts.quiet = 1;
  for (int fold = 0; fold < k && rc == 0; fold++) {
    size_t from = (size_t)fold * per, to = from + per;
    tkgp_corpus part = {0};
    size_t skip;
    if (to > train->n_sents)
      to = train->n_sents;
    if (from >= to)
      break;
    /* the training part: sentences outside [from, to) */
    skip = train->start[to] - train->start[from];
    part.words = malloc((train->n_words - skip + 1) * sizeof *part.words);
    part.start = malloc((train->n_sents - (to - from) + 1) * sizeof *part.start);
    if (!part.words || !part.start) {
      free(part.words);
      free(part.start);
      rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
      break;
    }
    for (size_t s = 0; s < train->n_sents; s++) {
      size_t a = train->start[s], n = train->start[s + 1] - a;
      if (s >= from && s < to)
        continue;
      part.start[part.n_sents++] = part.n_words;
      memcpy(part.words + part.n_words, train->words + a, n * sizeof *part.words);
      part.n_words += n;
    }
    part.start[part.n_sents] = part.n_words;
    sprintf(tmp, "%s.fold%d.tmp", path, fold);
    if (!opts->quiet)
      fprintf(stderr, "textkg: parser: jackknife fold %d/%d\n", fold + 1, k);
    rc = tkgp_tagger_train(world, &part, dev, &topts, tmp);
    if (rc == 0)
      rc = tag_corpus(world, tmp, train, from, to, out, arena);
    remove(tmp);
    free(part.words);
    free(part.start);
  }
  free(tmp);
  return rc;
}

/* Jackknifed tags are slow to make: --tags-cache keeps them in a file of
 * one "XPOS<tab>UPOS" per line between runs on the same training data. */
static int read_tags(const char *path, const tkgp_corpus *train,
                     tkgp_nlp_word *out, tkgp_arena *arena)
{
  FILE *f = fopen(path, "r");
  char line[256];
  size_t i = 0;
  if (!f)
    return -1;
  while (i < train->n_words && fgets(line, sizeof line, f)) {
    char *tab;
    line[strcspn(line, "\n")] = '\0';
    tab = strchr(line, '\t');
    if (!tab)
      break;
    *tab = '\0';
    out[i].xpos = tkgp_arena_strndup(arena, line, strlen(line));
    out[i].upos = tkgp_arena_strndup(arena, tab + 1, strlen(tab + 1));
    if (!out[i].xpos || !out[i].upos)
      break;
    i++;
  }
  fclose(f);
  return i == train->n_words ? 0 : -1;
}

static void write_tags(const char *path, const tkgp_corpus *train,
                       const tkgp_nlp_word *tags)
{
  FILE *f = fopen(path, "w");
  if (!f)
    return;
  for (size_t i = 0; i < train->n_words; i++)
    fprintf(f, "%s\t%s\n", tags[i].xpos, tags[i].upos);
  fclose(f);
}

/* What one epoch of training saw: transitions, those the model already
 * got right, and arcs lifted to make the gold trees projective. */
typedef struct oracle_tally {
  size_t steps, right, lifted;
} oracle_tally;

/* Train on one sentence of N WORDS (GOLD_L their label indexes), parsed
 * from the tags of TAGS: at each state the perceptron is pushed towards
 * the best zero-cost transition (Goldberg & Nivre's dynamic oracle) when
 * its own choice costs more; with EXPLORE the parser then follows its own
 * choice, 90% of the time, so that it learns to recover from mistakes. */
static int train_sentence(tkgp_parse_scratch *s, tkgp_perc_train *pt,
                          const tkgp_nlp_word *words, const tkgp_nlp_word *tags,
                          const uint32_t *gold_l, size_t n_words, uint32_t n_labels,
                          uint32_t root, int explore, uint64_t *rng, oracle_tally *tally)
{
  uint64_t f[MAX_FEATS];
  float scores[1 + 2 * MAX_LABELS];
  unsigned char ok[1 + 2 * MAX_LABELS];
  uint32_t n_cls = 1 + 2 * n_labels;
  int n = (int)n_words;

  tkgp_parse_fill_words(s, tags, n_words);
  tkgp_parse_state_init(s, n);
  s->gh[0] = 0;
  s->gl[0] = -1;
  for (int i = 1; i <= n; i++) {
    s->gh[i] = words[i - 1].head;
    s->gl[i] = (int)gold_l[i - 1];
  }
  tally->lifted += projectivize(s->gh, n);
  while (!tkgp_parse_terminal(s)) {
    size_t nf = tkgp_parse_features(s, f);
    unsigned cs, cl, cr, mincost = ~0u;
    uint32_t p = UINT32_MAX, g = UINT32_MAX, next;
    unsigned cost[1 + 2 * MAX_LABELS];
    int s0 = s->stack[s->sp - 1], s1 = s->sp >= 2 ? s->stack[s->sp - 2] : -1;

    tkgp_perc_train_score(pt, f, nf, scores);
    tkgp_parse_valid_mask(s, n_labels, root, ok);
    costs(s, &cs, &cl, &cr);
    for (uint32_t c = 0; c < n_cls; c++) {
      if (!ok[c])
        continue;
      if (c == 0) {
        cost[c] = cs;
      } else {
        int l = (int)((c - 1) / 2);
        if (c % 2 == 1)
          cost[c] = cl + (s->gh[s0] == s->b && s->gl[s0] != l);
        else
          cost[c] = cr + (s->gh[s0] == s1 && s->gl[s0] != l);
      }
      if (cost[c] < mincost)
        mincost = cost[c];
      if (p == UINT32_MAX || scores[c] > scores[p])
        p = c;
    }
    for (uint32_t c = 0; c < n_cls; c++)
      if (ok[c] && cost[c] == mincost && (g == UINT32_MAX || scores[c] > scores[g]))
        g = c;
    if (cost[p] > mincost) {
      if (tkgp_perc_train_update(pt, f, nf, g, 1.0f) < 0 ||
          tkgp_perc_train_update(pt, f, nf, p, -1.0f) < 0)
        return TKG_ENOMEM;
    } else {
      tally->right++;
    }
    tkgp_perc_train_tick(pt);
    tally->steps++;
    next = g;
    if (explore && (tkgp_rand(rng) >> 11) * (1.0 / 9007199254740992.0) < TKGP_PARSER_EXPLORE)
      next = p;
    tkgp_parse_apply(s, next);
  }
  return 0;
}

/* ---- the whole training ------------------------------------------------ */

typedef struct ptrainer {
  tkgp_strmap *labels;
  uint32_t *gold_l, n_labels, root;  /* label index of each training word */
  tkgp_buf strs, labtab;             /* label strings and their offsets */
  tkgp_nlp_word *train_tags, *dev_tags;
  size_t *order, maxn;
  size_t lifted, nonproj_dev;        /* non-projective arcs, train and dev */
  tkgp_parse_scratch *s;
  tkgp_perc_train *pt, *acc;         /* this run, and the mean of those before */
  tkgp_parser parser, best;          /* scored on dev, kept */
  tkgp_arena arena;
} ptrainer;

static void ptrainer_finish(ptrainer *tr)
{
  tkgp_perc_finish(&tr->best.perc);
  tkgp_perc_train_free(tr->pt);
  tkgp_perc_train_free(tr->acc);
  tkgp_parse_scratch_free(tr->s);
  tkgp_strmap_free(tr->labels);
  tkgp_buf_finish(&tr->strs);
  tkgp_buf_finish(&tr->labtab);
  tkgp_arena_finish(&tr->arena);
  free(tr->gold_l);
  free(tr->order);
  free(tr->train_tags);
  free(tr->dev_tags);
}

/* The labels, in order of first use; the gold label of each word.
 * @return 0, TKG_ENOMEM (no message) or TKG_EINPUT (message). */
static int label_table(ptrainer *tr, tkg_world *world, const tkgp_corpus *train)
{
  for (size_t i = 0; i < train->n_words; i++) {
    if (train->words[i].head < 0)
      return tkgp_error(world, TKG_EINPUT, "training word %zu (%s) has no head",
                        i, train->words[i].form);
    if (label_index(tr->labels, train->words[i].deprel, 1, &tr->gold_l[i]) < 0)
      return TKG_ENOMEM;
  }
  tr->n_labels = (uint32_t)tkgp_strmap_count(tr->labels);
  for (uint32_t l = 0; l < tr->n_labels; l++)
    if (strcmp(tkgp_strmap_key(tr->labels, l), "root") == 0)
      tr->root = l;
  if (tr->n_labels > MAX_LABELS || tr->root == UINT32_MAX)
    return tkgp_error(world, TKG_EINPUT,
                      "training data needs a 'root' relation and at most %d relations",
                      MAX_LABELS);
  for (size_t l = 0; l < tr->n_labels; l++) {
    uint32_t off;
    if (tkgp_buf_append_str(&tr->strs, tkgp_strmap_key(tr->labels, l), &off) < 0 ||
        tkgp_buf_append(&tr->labtab, &off, sizeof off) < 0)
      return TKG_ENOMEM;
  }
  return 0;
}

/* Allocations, labels, and scratch space for the longest sentence. */
static int ptrainer_init(ptrainer *tr, tkg_world *world, const tkgp_corpus *train,
                         const tkgp_corpus *dev)
{
  int rc;

  memset(tr, 0, sizeof *tr);
  tr->root = UINT32_MAX;
  tr->maxn = 1;
  tkgp_arena_init(&tr->arena, 1 << 20);
  if (tkgp_strmap_new(&tr->labels) < 0)
    return TKG_ENOMEM;
  tr->gold_l = malloc((train->n_words + 1) * sizeof *tr->gold_l);
  tr->order = malloc((train->n_sents + 1) * sizeof *tr->order);
  tr->train_tags = malloc((train->n_words + 1) * sizeof *tr->train_tags);
  tr->dev_tags = malloc((dev->n_words + 1) * sizeof *tr->dev_tags);
  if (!tr->gold_l || !tr->order || !tr->train_tags || !tr->dev_tags)
    return TKG_ENOMEM;
  rc = label_table(tr, world, train);
  if (rc < 0)
    return rc;
  for (size_t i = 0; i < train->n_sents; i++) {
    tr->order[i] = i;
    if (train->start[i + 1] - train->start[i] > tr->maxn)
      tr->maxn = train->start[i + 1] - train->start[i];
  }
  for (size_t i = 0; i < dev->n_sents; i++)
    if (dev->start[i + 1] - dev->start[i] > tr->maxn)
      tr->maxn = dev->start[i + 1] - dev->start[i];
  if (tkgp_parse_scratch_new(&tr->s, tr->maxn) < 0)
    return TKG_ENOMEM;
  return 0;
}

/* Tags: gold, jackknifed (or from --tags-cache) for training; gold or
 * from the --tagger model for the dev set. */
static int prepare_tags(ptrainer *tr, tkg_world *world, const tkgp_corpus *train,
                        const tkgp_corpus *dev, const tkgp_train_opts *opts,
                        const char *path)
{
  size_t correct = 0;
  int rc;

  memcpy(tr->train_tags, train->words, train->n_words * sizeof *tr->train_tags);
  memcpy(tr->dev_tags, dev->words, dev->n_words * sizeof *tr->dev_tags);
  if (opts->jackknife > 1) {
    rc = opts->tags_cache ? read_tags(opts->tags_cache, train, tr->train_tags, &tr->arena) : -1;
    if (rc < 0) {
      rc = jackknife(world, train, dev, opts, path, tr->train_tags, &tr->arena);
      if (rc < 0)
        return rc;
      if (opts->tags_cache)
        write_tags(opts->tags_cache, train, tr->train_tags);
    }
  }
  if (opts->tagger) {
    rc = tag_corpus(world, opts->tagger, dev, 0, dev->n_sents, tr->dev_tags, &tr->arena);
    if (rc < 0)
      return rc;
  }
  for (size_t i = 0; i < dev->n_words; i++) {
    tr->dev_tags[i].head = -1;
    tr->dev_tags[i].deprel = NULL;
  }
  for (size_t i = 0; i < train->n_words; i++)
    correct += strcmp(tr->train_tags[i].xpos, train->words[i].xpos) == 0;
  if (!opts->quiet)
    fprintf(stderr, "textkg: parser: training tags %.2f%% gold XPOS\n",
            100.0 * correct / (train->n_words ? train->n_words : 1));
  return 0;
}

/* The non-projective arcs of the dev set: what arc-hybrid cannot get. */
static size_t dev_nonprojective(tkgp_parse_scratch *s, const tkgp_corpus *dev)
{
  size_t lifted = 0;
  for (size_t si = 0; si < dev->n_sents; si++) {
    size_t a = dev->start[si];
    int n = (int)(dev->start[si + 1] - a);
    s->gh[0] = 0;
    for (int i = 1; i <= n; i++)
      s->gh[i] = dev->words[a + i - 1].head < 0 ? 0 : dev->words[a + i - 1].head;
    lifted += projectivize(s->gh, n);
  }
  return lifted;
}

/* The epochs of one run: keeps in tr->best the weights of the best dev
 * LAS so far (over all runs). @return 0 or TKG_ENOMEM. */
static int train_run(ptrainer *tr, const tkgp_corpus *train, const tkgp_corpus *dev,
                     const tkgp_train_opts *opts, uint64_t *rng, double *best_las,
                     int *best_epoch)
{
  for (int epoch = 1; epoch <= opts->epochs; epoch++) {
    double t0 = tkgp_now();
    oracle_tally tally = {0, 0, 0};
    tkgp_score sc;
    tkgp_perc fr;

    tkgp_shuffle(tr->order, train->n_sents, rng);
    for (size_t oi = 0; oi < train->n_sents; oi++) {
      size_t a = train->start[tr->order[oi]];
      if (train_sentence(tr->s, tr->pt, train->words + a, tr->train_tags + a,
                         tr->gold_l + a, train->start[tr->order[oi] + 1] - a,
                         tr->n_labels, tr->root, epoch > 1, rng, &tally) < 0)
        return TKG_ENOMEM;
    }
    tr->lifted = tally.lifted;
    if (tkgp_perc_freeze(tr->pt, opts->prune, &fr) < 0)
      return TKG_ENOMEM;
    tr->parser.perc = fr;
    eval_dev(&tr->parser, dev, tr->dev_tags, &tr->s, &sc);
    if (!opts->quiet) {
      size_t nfeat, nw;
      tkgp_perc_train_stats(tr->pt, &nfeat, &nw);
      fprintf(stderr,
              "textkg: parser epoch %d: train %.2f%% transitions right, dev UAS %.2f%% "
              "LAS %.2f%% (%zu features, %zu weights, %u kept, %.1fs)\n",
              epoch, 100.0 * tally.right / (tally.steps ? tally.steps : 1),
              100.0 * sc.uas / (sc.words ? sc.words : 1),
              100.0 * sc.las / (sc.words ? sc.words : 1), nfeat, nw,
              fr.n_entries, tkgp_now() - t0);
    }
    if ((double)sc.las > *best_las) {
      *best_las = (double)sc.las;
      *best_epoch = epoch;
      tkgp_perc_finish(&tr->best.perc);
      tr->best.perc = fr;
    } else {
      tkgp_perc_finish(&fr);
    }
    memset(&tr->parser.perc, 0, sizeof tr->parser.perc);
  }
  return 0;
}

/* --ensemble: fold the last run into the mean of the others, which
 * replaces the best epoch. @return 0 or TKG_ENOMEM. */
static int ensemble_finish(ptrainer *tr, const tkgp_corpus *dev,
                           const tkgp_train_opts *opts, int runs)
{
  tkgp_score sc;
  tkgp_perc fr;
  int folded = tkgp_perc_train_fold(&tr->acc, tr->pt, runs - 1);

  tr->pt = tr->acc;
  tr->acc = NULL;
  if (folded < 0)
    return TKG_ENOMEM;
  if (tkgp_perc_freeze(tr->pt, opts->prune, &fr) < 0)
    return TKG_ENOMEM;
  tr->parser.perc = fr;
  eval_dev(&tr->parser, dev, tr->dev_tags, &tr->s, &sc);
  memset(&tr->parser.perc, 0, sizeof tr->parser.perc);
  if (!opts->quiet)
    fprintf(stderr, "textkg: parser: ensemble of %d runs (last epochs): dev UAS %.2f%% "
            "LAS %.2f%% (%u kept)\n", runs, 100.0 * sc.uas / (sc.words ? sc.words : 1),
            100.0 * sc.las / (sc.words ? sc.words : 1), fr.n_entries);
  tkgp_perc_finish(&tr->best.perc);
  tr->best.perc = fr;
  return 0;
}

/* --prune-scan: the dev LAS of the final weights at other thresholds. */
static int prune_scan(ptrainer *tr, const tkgp_corpus *dev)
{
  static const float thr[8] = {0.25f, 0.5f, 1, 2, 3, 5, 8, 12};
  for (int k = 0; k < 8; k++) {
    tkgp_perc fr;
    tkgp_score sc;
    if (tkgp_perc_freeze(tr->pt, thr[k], &fr) < 0)
      return TKG_ENOMEM;
    tr->parser.perc = fr;
    eval_dev(&tr->parser, dev, tr->dev_tags, &tr->s, &sc);
    fprintf(stderr, "textkg: parser: prune %.2f: %u features, %u entries, dev LAS %.2f%%\n",
            thr[k], (unsigned)(fr.n_slots * 7 / 10), fr.n_entries,
            100.0 * sc.las / (sc.words ? sc.words : 1));
    tkgp_perc_finish(&fr);
    memset(&tr->parser.perc, 0, sizeof tr->parser.perc);
  }
  return 0;
}

/* The labels and the kept weights, as a model file at PATH. */
static int save_model(const ptrainer *tr, tkg_world *world, const char *path)
{
  uint32_t prm[4] = {tr->n_labels, tr->root, TKGP_PARSER_FEATURE_VERSION, 0};
  tkgp_model_writer *mw = NULL;
  tkgp_buf percbuf = {0};
  int rc;

  if (tkgp_perc_serialize(&tr->best.perc, &percbuf) < 0 ||
      tkgp_model_writer_new(&mw, TKGP_KIND_PARSER) < 0 ||
      tkgp_model_writer_add(mw, TKGP_PSEC_PARAM, prm, sizeof prm) < 0 ||
      tkgp_model_writer_add(mw, TKGP_PSEC_LABELS, tr->labtab.data, tr->labtab.len) < 0 ||
      tkgp_model_writer_add(mw, TKGP_PSEC_STRS, tr->strs.data, tr->strs.len) < 0 ||
      tkgp_model_writer_add(mw, TKGP_PSEC_PERC, percbuf.data, percbuf.len) < 0)
    rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
  else
    rc = tkgp_model_writer_save(mw, world, path);
  tkgp_model_writer_free(mw);
  tkgp_buf_finish(&percbuf);
  return rc;
}

int tkgp_parser_train(tkg_world *world, const tkgp_corpus *train,
                      const tkgp_corpus *dev, const tkgp_train_opts *opts,
                      const char *path)
{
  ptrainer tr;
  int runs = opts->ensemble > 1 ? opts->ensemble : 1;
  uint64_t rng = opts->seed ? opts->seed : 1;
  double best_las = -1;
  int rc, best_epoch = 0;

  rc = ptrainer_init(&tr, world, train, dev);
  if (rc < 0)
    goto fail;
  rc = prepare_tags(&tr, world, train, dev, opts, path);
  if (rc < 0)
    goto cleanup; /* the tagger's error, with its message */
  tr.nonproj_dev = dev_nonprojective(tr.s, dev);
  if (tkgp_perc_train_new(&tr.pt, 1 + 2 * tr.n_labels) < 0) {
    rc = TKG_ENOMEM;
    goto fail;
  }
  tr.parser.n_labels = tr.best.n_labels = tr.n_labels;
  tr.parser.root_label = tr.best.root_label = tr.root;
  tr.parser.labels = tr.best.labels = (const uint32_t *)tr.labtab.data;
  tkgp_strtab_view(&tr.parser.strs, tr.strs.data, tr.strs.len);
  tr.best.strs = tr.parser.strs;

  for (int run = 0; run < runs; run++) {
    if (run > 0) {
      /* the next member of the ensemble: another shuffle and exploration */
      int folded = tkgp_perc_train_fold(&tr.acc, tr.pt, run - 1);
      tr.pt = NULL;
      if (folded < 0 || tkgp_perc_train_new(&tr.pt, 1 + 2 * tr.n_labels) < 0) {
        rc = TKG_ENOMEM;
        goto fail;
      }
      rng = (opts->seed ? opts->seed : 1) + (uint64_t)run * 0x9E3779B97F4A7C15ull;
    }
    rc = train_run(&tr, train, dev, opts, &rng, &best_las, &best_epoch);
    if (rc < 0)
      goto fail;
  }
  if (tr.acc) {
    rc = ensemble_finish(&tr, dev, opts, runs);
    if (rc < 0)
      goto fail;
    best_epoch = opts->epochs;
  }
  if (opts->prune_scan && (rc = prune_scan(&tr, dev)) < 0)
    goto fail;
  if (!opts->quiet)
    fprintf(stderr,
            "textkg: parser: keeping epoch %d; lifted %zu non-projective training arcs "
            "per epoch; dev has %zu non-projective arcs (%.2f%%)\n",
            best_epoch, tr.lifted, tr.nonproj_dev,
            100.0 * tr.nonproj_dev / (dev->n_words ? dev->n_words : 1));
  rc = save_model(&tr, world, path); /* with its message */
  goto cleanup;
fail:
  /* TKG_ENOMEM of the steps here has no message yet; TKG_EINPUT has */
  if (rc == TKG_ENOMEM)
    rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
cleanup:
  ptrainer_finish(&tr);
  return rc;
}
