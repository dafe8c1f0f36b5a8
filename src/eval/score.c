/* score.c - counts, F1, and bootstrap confidence intervals
 * SPDX-License-Identifier: MIT
 *
 * Cost: TKGP_BOOTSTRAP_ROUNDS times the statistic over N units, and a
 * sort of the rounds' values.
 */
#include "eval/score.h"
#include "textkg.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

void tkgp_prf_add(tkgp_prf *sum, const tkgp_prf *c)
{
  sum->tp += c->tp;
  sum->fp += c->fp;
  sum->fn += c->fn;
}

double tkgp_prf_precision(const tkgp_prf *c)
{
  return c->tp + c->fp ? (double)c->tp / (double)(c->tp + c->fp) : 0.0;
}

double tkgp_prf_recall(const tkgp_prf *c)
{
  return c->tp + c->fn ? (double)c->tp / (double)(c->tp + c->fn) : 0.0;
}

double tkgp_prf_f1(const tkgp_prf *c)
{
  double p = tkgp_prf_precision(c), r = tkgp_prf_recall(c);
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

/* splitmix64: small, fast, and the same numbers on every machine. */
static uint64_t next_random(uint64_t *state)
{
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static int by_value(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int tkgp_bootstrap(size_t n, tkgp_statistic_fn stat, void *context, double *lo, double *hi)
{
  uint64_t state = 0x746578746b67ull; /* fixed: the same data, the same interval */
  size_t *sample, r, i;
  double *values;

  *lo = *hi = 0.0;
  if (!n)
    return 0;
  sample = malloc(n * sizeof *sample);
  values = malloc(TKGP_BOOTSTRAP_ROUNDS * sizeof *values);
  if (!sample || !values) {
    free(sample);
    free(values);
    return TKG_ENOMEM;
  }
  for (r = i = 0; r < TKGP_BOOTSTRAP_ROUNDS; r++) {
    size_t k;
    double v;
    for (k = 0; k < n; k++)
      sample[k] = (size_t)(next_random(&state) % n);
    /* A sample without the thing measured (no name of the type) has no
     * value, and does not count. */
    if (!isnan(v = stat(sample, n, context)))
      values[i++] = v;
  }
  if (i) {
    qsort(values, i, sizeof *values, by_value);
    *lo = values[i * 25 / 1000];
    *hi = values[i * 975 / 1000 > 0 ? i * 975 / 1000 - 1 : 0];
  }
  free(sample);
  free(values);
  return 0;
}

static double sample_f1(const size_t *sample, size_t n, void *context)
{
  const tkgp_prf *units = context;
  tkgp_prf sum = {0, 0, 0};
  size_t i;
  for (i = 0; i < n; i++)
    tkgp_prf_add(&sum, &units[sample[i]]);
  return tkgp_prf_sample_f1(&sum);
}

double tkgp_prf_sample_f1(const tkgp_prf *c)
{
  return c->tp + c->fp + c->fn ? tkgp_prf_f1(c) : NAN;
}

int tkgp_bootstrap_f1(const tkgp_prf *units, size_t n, double *lo, double *hi)
{
  return tkgp_bootstrap(n, sample_f1, (void *)units, lo, hi);
}

void tkgp_format_pct(char *buf, size_t a, size_t b)
{
  if (b)
    snprintf(buf, 16, "%6.2f", 100.0 * (double)a / (double)b);
  else
    snprintf(buf, 16, "     -");
}
