/* perceptron_train.h - training an averaged perceptron, and freezing it
 * SPDX-License-Identifier: MIT
 *
 * Training only: the models `build` runs read the frozen weights of
 * nlp/perceptron.h, which tkgp_perc_freeze() writes.
 */
#ifndef TKG_TRAIN_PERCEPTRON_TRAIN_H
#define TKG_TRAIN_PERCEPTRON_TRAIN_H

#include "nlp/perceptron.h"

#include <stddef.h>
#include <stdint.h>

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
