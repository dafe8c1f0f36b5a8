/* rel_train.c - training the relation classifier (`textkg train rel`)
 * SPDX-License-Identifier: MIT
 *
 * On the gold mentions of the training set, the features of all pairs
 * are computed once, then epochs visit them in a fixed pseudo-random
 * order per ensemble member (fixed seed: same data, same model bytes);
 * when the best wrong class among the allowed ones scores at least as
 * high as the gold class, weights move toward the gold class. After each
 * epoch the averaged weights are frozen and run on the dev set's mentions
 * (those the NER finds, for the end-to-end setting); the epoch and
 * threshold with the best strict micro F1 are kept.
 */
#include "train/rel_train.h"
#include "train/perceptron_train.h"

#include "core/clock.h"
#include "core/grow.h"
#include "core/hash.h"
#include "core/rand.h"
#include "eval/rel_score.h"
#include "rel/relclass_impl.h"

#include <assert.h>
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One training pair: its features feats[off, off + nf), gold class and
 * the classes its types allow (bit mask, NONE included). */
typedef struct inst {
  size_t off;
  uint32_t nf;
  uint16_t gold, mask;
} inst;

typedef struct insts {
  inst *v;
  size_t n, cap;
  uint64_t *feats;
  size_t n_feats, cap_feats;
} insts;

static int collect(const tkgp_rel_corpus *c, insts *out)
{
  tkgp_rel_tok *ti = NULL;
  uint32_t *heads = NULL;
  size_t cap_ti = 0, cap_h = 0;
  uint64_t f[TKGP_REL_MAX_FEATS];
  int rc = 0;

  for (size_t s = 0; s < c->n_sents && rc == 0; s++) {
    const tkgp_rel_sent *st = &c->sents[s];
    const tkgp_nlp_word *w = tkgp_rel_sent_words(c, st);
    const tkgp_ner_span *e = tkgp_rel_sent_ents(c, st);
    if (st->n_ents < 2 || !st->n_words)
      continue;
    if (tkgp_grow((void **)&ti, &cap_ti, st->n_words, sizeof *ti) < 0 ||
        tkgp_grow((void **)&heads, &cap_h, st->n_ents, sizeof *heads) < 0) {
      rc = TKG_ENOMEM;
      break;
    }
    tkgp_rel_prepare(w, st->n_words, ti);
    for (size_t i = 0; i < st->n_ents; i++)
      heads[i] = tkgp_rel_span_head(w, st->n_words, e[i].first, e[i].count);
    for (size_t h = 0; h < st->n_ents; h++) {
      for (size_t t = 0; t < st->n_ents; t++) {
        unsigned mask = tkgp_rel_allowed_mask(e[h].type, e[t].type);
        uint16_t gold = TKGP_REL_NONE;
        size_t nf;
        if (h == t || !mask)
          continue;
        for (size_t r = 0; r < st->n_rels; r++) {
          const tkgp_rel_gold *g = &tkgp_rel_sent_rels(c, st)[r];
          if (g->head == h && g->tail == t && (mask >> g->type & 1u))
            gold = (uint16_t)g->type;
        }
        nf = tkgp_rel_features(w, ti, st->n_words, e, heads, st->n_ents, h, t, f);
        if (tkgp_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v) < 0 ||
            tkgp_grow((void **)&out->feats, &out->cap_feats, out->n_feats + nf,
                 sizeof *out->feats) < 0) {
          rc = TKG_ENOMEM;
          break;
        }
        memcpy(out->feats + out->n_feats, f, nf * sizeof *f);
        out->v[out->n].off = out->n_feats;
        out->v[out->n].nf = (uint32_t)nf;
        out->v[out->n].gold = gold;
        out->v[out->n].mask = (uint16_t)(mask | 1u);
        out->n++;
        out->n_feats += nf;
      }
    }
  }
  free(ti);
  free(heads);
  return rc;
}

/* A dev candidate: the best relation of an unordered pair and whether
 * it is right. */
typedef struct cand {
  float score;
  int right;
} cand;

static int cmp_cand(const void *a, const void *b)
{
  const cand *x = a, *y = b;
  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return y->right - x->right;
}

/* Strict micro F1 of the N_PERC models PERC on DEV over mentions
 * DEV_ENTS at the best threshold, written to *THRESHOLD. */
static int dev_score(tkg_world *world, const tkgp_perc *perc, size_t n_perc,
                     const tkgp_rel_corpus *dev, const tkgp_ner_span *dev_ents,
                     const size_t *sent_ent, const size_t *sent_nents,
                     double *f1, float *threshold)
{
  tkgp_relclass *rc = NULL;
  cand *cands = NULL;
  size_t n_cands = 0, cap = 0, n_gold = 0, right = 0;
  int err;

  *f1 = 0;
  *threshold = 0;
  if ((err = tkgp_relclass_new_borrowed(&rc, world, perc, n_perc, -FLT_MAX)) < 0)
    return err;
  for (size_t s = 0; s < dev->n_sents; s++) {
    const tkgp_rel_sent *st = &dev->sents[s];
    const tkgp_rel_pred *pred;
    size_t np;
    tkgp_rel_counts one;
    n_gold += st->n_rels;
    if ((err = tkgp_relclass_predict(rc, tkgp_rel_sent_words(dev, st), st->n_words,
                                     dev_ents ? dev_ents + sent_ent[s] : NULL, sent_nents[s],
                                     &pred, &np)) < 0)
      goto done;
    if (tkgp_grow((void **)&cands, &cap, n_cands + np, sizeof *cands) < 0) {
      err = tkgp_error(world, TKG_ENOMEM, "out of memory");
      goto done;
    }
    for (size_t p = 0; p < np; p++) {
      memset(&one, 0, sizeof one);
      tkgp_rel_score_sentence(tkgp_rel_sent_ents(dev, st), tkgp_rel_sent_rels(dev, st),
                              st->n_rels, dev_ents ? dev_ents + sent_ent[s] : NULL, &pred[p], 1,
                              &one);
      cands[n_cands].score = pred[p].score;
      cands[n_cands++].right = one.correct[pred[p].type] > 0;
    }
  }
  if (n_cands)
    qsort(cands, n_cands, sizeof *cands, cmp_cand);
  /* Keeping the first k candidates: F1 = 2 right / (gold + k). */
  *threshold = n_cands ? cands[0].score + 1 : 0;
  for (size_t k = 0; k < n_cands; k++) {
    double f;
    right += (size_t)cands[k].right;
    if (k + 1 < n_cands && cands[k + 1].score == cands[k].score)
      continue;
    f = n_gold + k + 1 ? 200.0 * (double)right / (double)(n_gold + k + 1) : 0;
    if (f > *f1) {
      *f1 = f;
      *threshold = k + 1 < n_cands ? (cands[k].score + cands[k + 1].score) / 2
                                   : cands[k].score - 1;
    }
  }
done:
  tkgp_relclass_close(rc);
  free(cands);
  return err;
}

/* One pass of trainer T over the pairs IN in the order ORDER, shuffled
 * first with SEED. *ERRORS counts the mistakes. */
static int train_epoch(tkgp_perc_train *t, const insts *in, size_t *order,
                       uint64_t *seed, size_t *errors)
{
  for (size_t d = in->n; d > 1; d--) {
    size_t j = (size_t)(tkgp_rand(seed) % d), tmp = order[d - 1];
    order[d - 1] = order[j];
    order[j] = tmp;
  }
  for (size_t k = 0; k < in->n; k++) {
    const inst *x = &in->v[order[k]];
    const uint64_t *f = in->feats + x->off;
    float sc[TKGP_REL_NCLASSES];
    int pred = -1;
    tkgp_perc_train_score(t, f, x->nf, sc);
    /* The best wrong class; update unless the gold one beats it (ties
     * count as mistakes, so that learning starts from all-zero weights). */
    for (int c = 0; c < TKGP_REL_NCLASSES; c++)
      if ((x->mask >> c & 1u) && c != x->gold && (pred < 0 || sc[c] > sc[pred]))
        pred = c;
    tkgp_perc_train_tick(t);
    if (pred >= 0 && sc[x->gold] <= sc[pred]) {
      (*errors)++;
      if (tkgp_perc_train_update(t, f, x->nf, x->gold, 1.0f) < 0 ||
          tkgp_perc_train_update(t, f, x->nf, (uint32_t)pred, -1.0f) < 0)
        return TKG_ENOMEM;
    }
  }
  return 0;
}

int tkgp_rel_train(tkg_world *world, const tkgp_rel_corpus *train,
                   const tkgp_rel_corpus *dev, const tkgp_ner_span *dev_ents,
                   const size_t *dev_sent_ent, const size_t *dev_sent_nents,
                   const tkgp_rel_train_opts *opts, const char *path)
{
  enum { M = TKGP_REL_MAX_MODELS };
  insts in = {0};
  size_t *order[M] = {0}, n_pos = 0, nm = (size_t)opts->models;
  tkgp_perc_train *t[M] = {0};
  tkgp_perc best[M], cur[M];
  uint64_t seed[M];
  tkgp_buf percbuf = {0};
  tkgp_model_writer *w = NULL;
  rel_param param;
  double best_f1 = -1, t0 = tkgp_now();
  float best_thr = 0;
  int best_epoch = 0, rc = 0;

  assert(nm >= 1 && nm <= M);
  memset(best, 0, sizeof best);
  memset(cur, 0, sizeof cur);
  if ((rc = collect(train, &in)) < 0) {
    rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
    goto done;
  }
  /* Each member sees the data in its own order. */
  for (size_t m = 0; m < nm; m++) {
    seed[m] = tkgp_hfin((opts->seed ? opts->seed : 0x9e3779b9ull) +
                        m * 0x632be59bd9b4e019ull) | 1;
    if (!(order[m] = malloc((in.n ? in.n : 1) * sizeof *order[m])) ||
        tkgp_perc_train_new(&t[m], TKGP_REL_NCLASSES) < 0) {
      rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
      goto done;
    }
    for (size_t i = 0; i < in.n; i++)
      order[m][i] = i;
  }
  for (size_t i = 0; i < in.n; i++)
    n_pos += in.v[i].gold != TKGP_REL_NONE;
  if (!opts->quiet)
    fprintf(stderr, "textkg: rel: %zu training pairs, %zu with a relation, "
            "%.1f features a pair; %zu models\n", in.n, n_pos,
            in.n ? (double)in.n_feats / (double)in.n : 0.0, nm);
  for (int epoch = 1; epoch <= opts->epochs; epoch++) {
    size_t errors = 0;
    double f1;
    float thr;
    for (size_t m = 0; m < nm; m++) {
      if (train_epoch(t[m], &in, order[m], &seed[m], &errors) < 0 ||
          tkgp_perc_freeze(t[m], opts->prune, &cur[m]) < 0) {
        rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
        goto done;
      }
    }
    if ((rc = dev_score(world, cur, nm, dev, dev_ents, dev_sent_ent,
                        dev_sent_nents, &f1, &thr)) < 0)
      goto done;
    if (!opts->quiet)
      fprintf(stderr, "textkg: rel epoch %d: %zu training errors; dev micro F1 "
              "%.2f at threshold %.3f (%.1fs)\n", epoch, errors, f1, thr,
              tkgp_now() - t0);
    for (size_t m = 0; m < nm; m++) {
      if (f1 > best_f1) {
        tkgp_perc_finish(&best[m]);
        best[m] = cur[m];
      } else {
        tkgp_perc_finish(&cur[m]);
      }
      memset(&cur[m], 0, sizeof cur[m]);
    }
    if (f1 > best_f1) {
      best_f1 = f1;
      best_thr = thr;
      best_epoch = epoch;
    }
  }
  if (!opts->quiet)
    fprintf(stderr, "textkg: rel: keeping epoch %d (dev micro F1 %.2f, "
            "threshold %.3f)\n", best_epoch, best_f1, best_thr);
  memset(&param, 0, sizeof param);
  param.feature_version = TKGP_REL_FEATURE_VERSION;
  param.n_classes = TKGP_REL_NCLASSES;
  param.threshold = best_thr;
  param.n_models = (uint32_t)nm;
  if (tkgp_model_writer_new(&w, TKGP_KIND_REL) < 0 ||
      tkgp_model_writer_add(w, TKGP_REL_SEC_PARAM, &param, sizeof param) < 0) {
    rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
    goto done;
  }
  for (size_t m = 0; m < nm; m++) {
    percbuf.len = 0;
    if (tkgp_perc_serialize(&best[m], &percbuf) < 0 ||
        tkgp_model_writer_add(w, TKGP_REL_SEC_PERC + ((uint32_t)m << 24),
                              percbuf.data, percbuf.len) < 0) {
      rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
      goto done;
    }
  }
  rc = tkgp_model_writer_save(w, world, path);
done:
  tkgp_model_writer_free(w);
  tkgp_buf_finish(&percbuf);
  for (size_t m = 0; m < M; m++) {
    tkgp_perc_train_free(t[m]);
    tkgp_perc_finish(&best[m]);
    tkgp_perc_finish(&cur[m]);
    free(order[m]);
  }
  free(in.v);
  free(in.feats);
  return rc;
}
