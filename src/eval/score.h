/* score.h - counts, F1, and bootstrap confidence intervals for the scorers
 * SPDX-License-Identifier: MIT
 *
 * A dev set of 85 names cannot tell apart two settings that differ by two
 * names, so every F1 the scorers print comes with a 95% interval: the
 * documents (or sentences) are resampled with replacement 1,000 times and
 * the statistic recomputed on each sample (the percentile bootstrap). The
 * generator is seeded with a constant: the same data give the same
 * interval.
 */
#ifndef TKG_EVAL_SCORE_H
#define TKG_EVAL_SCORE_H

#include <stddef.h>

#define TKGP_BOOTSTRAP_ROUNDS 1000

/* True positives, false positives, false negatives. */
typedef struct tkgp_prf {
  size_t tp, fp, fn;
} tkgp_prf;

void tkgp_prf_add(tkgp_prf *sum, const tkgp_prf *c);
double tkgp_prf_precision(const tkgp_prf *c);
double tkgp_prf_recall(const tkgp_prf *c);
double tkgp_prf_f1(const tkgp_prf *c);

/** F1 of a bootstrap sample: NAN when the sample holds nothing to count. */
double tkgp_prf_sample_f1(const tkgp_prf *c);

/** A statistic of the units SAMPLE[0..N) (indexes, repeats allowed); NAN
 *  when it has no value on that sample. */
typedef double (*tkgp_statistic_fn)(const size_t *sample, size_t n, void *context);

/**
 * The 2.5th and 97.5th percentiles of STAT over TKGP_BOOTSTRAP_ROUNDS
 * resamples of N units, leaving out the samples where STAT is NAN. With
 * no unit, or no sample with a value, both are 0.
 * @return 0 or TKG_ENOMEM.
 */
int tkgp_bootstrap(size_t n, tkgp_statistic_fn stat, void *context, double *lo, double *hi);

/**
 * The interval of micro-averaged F1 over units whose counts are
 * UNITS[0..N) (sums of the units of each sample).
 * @return 0 or TKG_ENOMEM.
 */
int tkgp_bootstrap_f1(const tkgp_prf *units, size_t n, double *lo, double *hi);

/** A / B as a percentage in six columns ("  75.00"), or "     -" when B
 * is 0, into BUF (at least 16 bytes): the score tables' cells. */
void tkgp_format_pct(char *buf, size_t a, size_t b);

#endif
