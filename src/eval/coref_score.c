/* coref_score.c - MUC, B3 and CEAFe between two partitions of mentions
 * SPDX-License-Identifier: MIT
 *
 * Definitions of Pradhan et al. (2014, "Scoring coreference partitions of
 * predicted mentions: a reference implementation"):
 *   MUC  recall = sum_K (|K| - |p(K)|) / sum_K (|K| - 1), p(K) the parts
 *        of K cut by the response (unmatched mentions: a part each);
 *        precision swaps key and response.
 *   B3   recall = sum_K sum_R |K n R|^2 / |K|, over all key mentions;
 *        precision swaps.
 *   CEAFe phi4(K, R) = 2 |K n R| / (|K| + |R|); the best one-to-one
 *        alignment (Kuhn-Munkres) sums to S; recall = S / #K, precision
 *        = S / #R.
 * Chains are renumbered 0..n-1; the overlap matrix is dense (n_key *
 * n_response), and Kuhn-Munkres is O(n^3): a few hundred chains per
 * document cost well under a second.
 */
#include "eval/coref_score.h"

#include "core/world.h"
#include "eval/score.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct sorted_span {
  size_t start, end, chain, idx;
} sorted_span;

static int cmp_sorted(const void *a, const void *b)
{
  const sorted_span *x = a, *y = b;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int cmp_size(const void *a, const void *b)
{
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  return x < y ? -1 : x > y;
}

/* Sort and dedupe SPANS into OUT (malloc'd), chains renumbered densely;
 * with !SINGLETONS the chains of one mention are dropped. */
static int normalize(const tkgp_coref_span *spans, size_t n, int singletons,
                     sorted_span **out, size_t *n_out, size_t *n_chains)
{
  sorted_span *s = NULL;
  size_t *ids = NULL, *cnt = NULL, i, k, m = 0, nc = 0;
  int rc = TKG_ENOMEM;

  *out = NULL;
  *n_out = *n_chains = 0;
  if (!n)
    return 0;
  s = malloc(n * sizeof *s);
  ids = malloc(n * sizeof *ids);
  cnt = calloc(n, sizeof *cnt);
  if (!s || !ids || !cnt)
    goto cleanup;
  for (i = 0; i < n; i++) {
    s[i].start = spans[i].start;
    s[i].end = spans[i].end;
    s[i].chain = spans[i].chain;
    s[i].idx = i;
  }
  qsort(s, n, sizeof *s, cmp_sorted);
  for (i = 0; i < n; i++)
    if (m == 0 || s[m - 1].start != s[i].start || s[m - 1].end != s[i].end)
      s[m++] = s[i];
  /* dense chain ids: sort the distinct ids */
  for (i = 0; i < m; i++)
    ids[i] = s[i].chain;
  qsort(ids, m, sizeof *ids, cmp_size);
  for (i = 0, k = 0; i < m; i++)
    if (k == 0 || ids[k - 1] != ids[i])
      ids[k++] = ids[i];
  nc = k;
  for (i = 0; i < m; i++) {
    size_t a = 0, b = nc;
    while (a + 1 < b) {
      size_t mid = (a + b) / 2;
      if (ids[mid] <= s[i].chain)
        a = mid;
      else
        b = mid;
    }
    s[i].chain = a;
    cnt[a]++;
  }
  if (!singletons) {
    size_t *map = ids; /* reuse: new id of each chain */
    for (i = 0, k = 0; i < nc; i++)
      map[i] = cnt[i] > 1 ? k++ : SIZE_MAX;
    nc = k;
    for (i = 0, k = 0; i < m; i++)
      if (map[s[i].chain] != SIZE_MAX) {
        s[k] = s[i];
        s[k++].chain = map[s[i].chain];
      }
    m = k;
  }
  *out = s;
  s = NULL;
  *n_out = m;
  *n_chains = nc;
  rc = 0;
cleanup:
  free(s);
  free(ids);
  free(cnt);
  return rc;
}

/* Maximum-weight assignment on an N x M matrix (Kuhn-Munkres, O(n^3),
 * the potentials form of the Hungarian method on a square cost matrix). */
static int assignment(const double *w, size_t nr, size_t nc, double *total)
{
  size_t n = nr > nc ? nr : nc, i, j;
  double *u = NULL, *v = NULL, *minv = NULL;
  size_t *p = NULL, *way = NULL;
  char *used = NULL;
  int rc = TKG_ENOMEM;

  *total = 0;
  if (!n)
    return 0;
  u = calloc(n + 1, sizeof *u);
  v = calloc(n + 1, sizeof *v);
  minv = malloc((n + 1) * sizeof *minv);
  p = calloc(n + 1, sizeof *p);
  way = calloc(n + 1, sizeof *way);
  used = malloc(n + 1);
  if (!u || !v || !minv || !p || !way || !used)
    goto cleanup;
  /* cost = -weight; rows 1..n, columns 1..n; padding weighs 0 */
  for (i = 1; i <= n; i++) {
    size_t j0 = 0;
    p[0] = i;
    for (j = 0; j <= n; j++) {
      minv[j] = 1e300;
      used[j] = 0;
    }
    do {
      size_t i0 = p[j0], j1 = 0;
      double delta = 1e300;
      used[j0] = 1;
      for (j = 1; j <= n; j++)
        if (!used[j]) {
          double cost =
              (i0 <= nr && j <= nc) ? -w[(i0 - 1) * nc + (j - 1)] : 0.0;
          double cur = cost - u[i0] - v[j];
          if (cur < minv[j]) {
            minv[j] = cur;
            way[j] = j0;
          }
          if (minv[j] < delta) {
            delta = minv[j];
            j1 = j;
          }
        }
      for (j = 0; j <= n; j++)
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      j0 = j1;
    } while (p[j0] != 0);
    do {
      size_t j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  for (j = 1; j <= n; j++)
    if (p[j] >= 1 && p[j] <= nr && j <= nc)
      *total += w[(p[j] - 1) * nc + (j - 1)];
  rc = 0;
cleanup:
  free(u);
  free(v);
  free(minv);
  free(p);
  free(way);
  free(used);
  return rc;
}

/* MUC numerator and denominator of A against B: sum over chains of A of
 * |A| - parts, and |A| - 1. AB[k] is the B chain of A's mention k, or
 * SIZE_MAX when unmatched. */
static void muc(const sorted_span *a, size_t na, size_t nca, const size_t *ab,
                size_t *scratch, double *num, double *den)
{
  size_t ch, k;
  /* count per A chain: size and distinct B chains (+ each unmatched) */
  for (ch = 0; ch < nca; ch++) {
    size_t size = 0, parts = 0, nb = 0;
    for (k = 0; k < na; k++)
      if (a[k].chain == ch) {
        size++;
        if (ab[k] == SIZE_MAX)
          parts++;
        else {
          size_t t;
          for (t = 0; t < nb && scratch[t] != ab[k]; t++)
            ;
          if (t == nb)
            scratch[nb++] = ab[k];
        }
      }
    parts += nb;
    if (size > 0) {
      *num += (double)(size - parts);
      *den += (double)(size - 1);
    }
  }
}

int tkgp_coref_score_add(tkgp_coref_score *score, const tkgp_coref_span *key,
                         size_t n_key, const tkgp_coref_span *response,
                         size_t n_response, int singletons)
{
  sorted_span *k = NULL, *r = NULL;
  size_t nk, nr, nck, ncr, i, j, *kr = NULL, *rk = NULL, *scratch = NULL;
  size_t *ksize = NULL, *rsize = NULL;
  double *ov = NULL, *phi = NULL, sum;
  int rc;

  rc = normalize(key, n_key, singletons, &k, &nk, &nck);
  if (rc == 0)
    rc = normalize(response, n_response, singletons, &r, &nr, &ncr);
  if (rc)
    goto cleanup;
  rc = TKG_ENOMEM;
  kr = malloc((nk + 1) * sizeof *kr);
  rk = malloc((nr + 1) * sizeof *rk);
  scratch = malloc((nk + nr + 1) * sizeof *scratch);
  ksize = calloc(nck + 1, sizeof *ksize);
  rsize = calloc(ncr + 1, sizeof *rsize);
  ov = calloc(nck * ncr + 1, sizeof *ov);
  phi = calloc(nck * ncr + 1, sizeof *phi);
  if (!kr || !rk || !scratch || !ksize || !rsize || !ov || !phi)
    goto cleanup;
  /* align mentions: both sorted by span */
  for (i = 0; i < nk; i++)
    kr[i] = SIZE_MAX;
  for (j = 0; j < nr; j++)
    rk[j] = SIZE_MAX;
  for (i = 0, j = 0; i < nk && j < nr;) {
    if (k[i].start == r[j].start && k[i].end == r[j].end) {
      kr[i] = r[j].chain;
      rk[j] = k[i].chain;
      ov[k[i].chain * ncr + r[j].chain] += 1;
      score->matched_mentions++;
      i++;
      j++;
    } else if (k[i].start < r[j].start ||
               (k[i].start == r[j].start && k[i].end < r[j].end)) {
      i++;
    } else {
      j++;
    }
  }
  score->key_mentions += nk;
  score->response_mentions += nr;
  for (i = 0; i < nk; i++)
    ksize[k[i].chain]++;
  for (j = 0; j < nr; j++)
    rsize[r[j].chain]++;

  muc(k, nk, nck, kr, scratch, &score->m[TKGP_METRIC_MUC].r_num,
      &score->m[TKGP_METRIC_MUC].r_den);
  muc(r, nr, ncr, rk, scratch, &score->m[TKGP_METRIC_MUC].p_num,
      &score->m[TKGP_METRIC_MUC].p_den);

  for (i = 0; i < nck; i++)
    for (j = 0; j < ncr; j++) {
      double o = ov[i * ncr + j];
      if (o > 0) {
        score->m[TKGP_METRIC_B3].r_num += o * o / (double)ksize[i];
        score->m[TKGP_METRIC_B3].p_num += o * o / (double)rsize[j];
        phi[i * ncr + j] = 2.0 * o / (double)(ksize[i] + rsize[j]);
      }
    }
  score->m[TKGP_METRIC_B3].r_den += (double)nk;
  score->m[TKGP_METRIC_B3].p_den += (double)nr;

  rc = assignment(phi, nck, ncr, &sum);
  if (rc)
    goto cleanup;
  score->m[TKGP_METRIC_CEAFE].r_num += sum;
  score->m[TKGP_METRIC_CEAFE].p_num += sum;
  score->m[TKGP_METRIC_CEAFE].r_den += (double)nck;
  score->m[TKGP_METRIC_CEAFE].p_den += (double)ncr;
  rc = 0;
cleanup:
  free(k);
  free(r);
  free(kr);
  free(rk);
  free(scratch);
  free(ksize);
  free(rsize);
  free(ov);
  free(phi);
  return rc;
}

void tkgp_coref_prf(const tkgp_coref_counts *c, double *r, double *p, double *f)
{
  *r = c->r_den > 0 ? c->r_num / c->r_den : 0;
  *p = c->p_den > 0 ? c->p_num / c->p_den : 0;
  *f = *r + *p > 0 ? 2 * *r * *p / (*r + *p) : 0;
}

void tkgp_coref_score_merge(tkgp_coref_score *sum, const tkgp_coref_score *one)
{
  for (int m = 0; m < TKGP_METRICS; m++) {
    sum->m[m].r_num += one->m[m].r_num;
    sum->m[m].r_den += one->m[m].r_den;
    sum->m[m].p_num += one->m[m].p_num;
    sum->m[m].p_den += one->m[m].p_den;
  }
  sum->key_mentions += one->key_mentions;
  sum->response_mentions += one->response_mentions;
  sum->matched_mentions += one->matched_mentions;
}

double tkgp_coref_conll(const tkgp_coref_score *s)
{
  double r, p, f, sum = 0;
  for (int m = 0; m < TKGP_METRICS; m++) {
    tkgp_coref_prf(&s->m[m], &r, &p, &f);
    sum += f;
  }
  return sum / TKGP_METRICS;
}

static double sample_conll(const size_t *sample, size_t n, void *context)
{
  const tkgp_coref_score *docs = context;
  tkgp_coref_score sum;
  memset(&sum, 0, sizeof sum);
  for (size_t i = 0; i < n; i++)
    tkgp_coref_score_merge(&sum, &docs[sample[i]]);
  return tkgp_coref_conll(&sum);
}

int tkgp_coref_conll_interval(const tkgp_coref_score *docs, size_t n, double *lo,
                              double *hi)
{
  return tkgp_bootstrap(n, sample_conll, (void *)docs, lo, hi);
}
