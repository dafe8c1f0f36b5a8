/* perceptron.h - averaged perceptron over hashed features (internal)
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_NLP_PERCEPTRON_H
#define TKG_NLP_PERCEPTRON_H

#include "core/hash.h"
#include "nlp/model.h"

#include <stddef.h>
#include <stdint.h>

/* ---- feature hashing --------------------------------------------------- */

/* tkgp_hash_bytes(), tkgp_hmix() and the other hashes: core/hash.h */

/** Feature key of template T over values A, B, C. */
static inline uint64_t tkgp_feat3(unsigned t, uint64_t a, uint64_t b, uint64_t c)
{
  return tkgp_hfin(tkgp_hmix(tkgp_hmix(tkgp_hmix(t * 0x9e3779b97f4a7c15ull, a), b), c));
}

/* ---- frozen model: what is saved and what decoding reads ---------------- */

typedef struct tkgp_perc_slot {
  uint32_t fp;     /* low 32 bits of the feature key */
  uint32_t start;  /* where the weights are (see perceptron.c) */
} tkgp_perc_slot;

typedef struct tkgp_perc_entry {
  uint16_t cls;    /* class (in a long row's first entry: its length) */
  int16_t w;       /* quantized averaged weight */
} tkgp_perc_entry;

typedef struct tkgp_perc {
  const tkgp_perc_slot *slots;
  const tkgp_perc_entry *entries;
  uint32_t n_slots, n_entries, n_classes;
  uint32_t max_probe; /* longest run of occupied slots + 1: bounds a lookup */
  float scale;     /* weight = w * scale */
  void *owned;     /* memory of a model frozen in memory (else NULL) */
} tkgp_perc;

/** Read a frozen model from section bytes. @return 0 or TKG_EDATA. */
int tkgp_perc_view(tkgp_perc *p, const void *data, size_t size);

/** Append the section bytes of P to OUT. @return 0 or TKG_ENOMEM. */
int tkgp_perc_serialize(const tkgp_perc *p, tkgp_buf *out);

/** Free a model frozen in memory. Accepts a zeroed or mapped one (no-op). */
void tkgp_perc_finish(tkgp_perc *p);

/** Size of the SCORES array tkgp_perc_score() needs: n_classes rounded
 *  up to a power of two (entries past n_classes may be written to). */
static inline uint32_t tkgp_perc_score_size(const tkgp_perc *p)
{
  uint32_t n = 1;
  while (n < p->n_classes)
    n *= 2;
  return n;
}

/**
 * Add the weights of N features to SCORES (tkgp_perc_score_size() ints,
 * not cleared). Features the model does not know are skipped.
 */
void tkgp_perc_score(const tkgp_perc *p, const uint64_t *feats, size_t n,
                     int32_t *scores);

/* ---- training ---------------------------------------------------------- */

typedef struct tkgp_perc_train tkgp_perc_train;

int tkgp_perc_train_new(tkgp_perc_train **out, uint32_t n_classes);
void tkgp_perc_train_free(tkgp_perc_train *t);

/** Current (not averaged) weights of N features into SCORES (cleared first). */
void tkgp_perc_train_score(const tkgp_perc_train *t, const uint64_t *feats,
                           size_t n, float *scores);

/** Count one more training instance (the clock of the averaging). */
void tkgp_perc_train_tick(tkgp_perc_train *t);

/** Add DELTA to the weight of class CLS for N features. @return 0 or TKG_ENOMEM. */
int tkgp_perc_train_update(tkgp_perc_train *t, const uint64_t *feats, size_t n,
                           uint32_t cls, float delta);

/**
 * Freeze the averaged weights into OUT (caller-allocated; release with
 * tkgp_perc_finish()). Weights whose magnitude is below MIN_ABS are
 * dropped; the rest are quantized to 16 bits.
 * @return 0 or TKG_ENOMEM.
 */
int tkgp_perc_freeze(const tkgp_perc_train *t, float min_abs, tkgp_perc *out);

/**
 * Replace the averaged weights of A by WA times them plus WB times those of
 * B. For a linear model this scores like the weighted sum of the two
 * models' scores: an ensemble at the cost of one model. A is final
 * afterwards (its averaging clock is reset). @return 0 or TKG_ENOMEM.
 */
int tkgp_perc_train_merge(tkgp_perc_train *a, const tkgp_perc_train *b,
                          float wa, float wb);

/**
 * Fold RUN, a finished training run, into *MEAN, the mean of RUNS_BEFORE
 * runs (NULL when RUNS_BEFORE is 0): *MEAN becomes the mean of them all,
 * with tkgp_perc_train_merge(). RUN is consumed, also on failure.
 * @return 0 or TKG_ENOMEM.
 */
int tkgp_perc_train_fold(tkgp_perc_train **mean, tkgp_perc_train *run, int runs_before);

/** Number of features and weights held (for progress messages). */
void tkgp_perc_train_stats(const tkgp_perc_train *t, size_t *n_feats,
                           size_t *n_weights);

#endif
