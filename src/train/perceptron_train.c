/* perceptron_train.c - training an averaged perceptron, and freezing it
 * SPDX-License-Identifier: MIT
 *
 * Training keeps, per feature, a sparse row of (class, weight, averaging
 * sum); see nlp/perceptron.c for the model and the frozen layout this
 * writes.
 */
#include "train/perceptron_train.h"

#include "core/world.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- training ------------------------------------------------------------ */

typedef struct tentry {
  uint32_t cls;
  float w;
  double u;
} tentry;

typedef struct trow {
  tentry *e;
  uint32_t len, cap;
  uint64_t key;
} trow;

struct tkgp_perc_train {
  uint32_t n_classes;
  uint64_t *keys;   /* open addressing, power-of-two capacity */
  uint32_t *rowidx; /* TKGP_PERC_EMPTY or index into rows */
  size_t cap, used;
  trow *rows;
  size_t n_rows, rows_cap;
  double c;         /* training instances seen + 1 */
};

int tkgp_perc_train_new(tkgp_perc_train **out, uint32_t n_classes)
{
  tkgp_perc_train *t = calloc(1, sizeof *t);
  *out = NULL;
  if (!t)
    return TKG_ENOMEM;
  t->n_classes = n_classes;
  t->cap = 1u << 16;
  t->keys = malloc(t->cap * sizeof *t->keys);
  t->rowidx = malloc(t->cap * sizeof *t->rowidx);
  if (!t->keys || !t->rowidx) {
    tkgp_perc_train_free(t);
    return TKG_ENOMEM;
  }
  memset(t->rowidx, 0xFF, t->cap * sizeof *t->rowidx);
  t->c = 1;
  *out = t;
  return 0;
}

void tkgp_perc_train_free(tkgp_perc_train *t)
{
  if (!t)
    return;
  for (size_t i = 0; i < t->n_rows; i++)
    free(t->rows[i].e);
  free(t->rows);
  free(t->keys);
  free(t->rowidx);
  free(t);
}

static size_t train_slot(const tkgp_perc_train *t, uint64_t key)
{
  size_t mask = t->cap - 1, i = (size_t)(key >> 20) & mask;
  while (t->rowidx[i] != TKGP_PERC_EMPTY && t->keys[i] != key)
    i = (i + 1) & mask;
  return i;
}

static trow *train_row(const tkgp_perc_train *t, uint64_t key)
{
  size_t i = train_slot(t, key);
  return t->rowidx[i] == TKGP_PERC_EMPTY ? NULL : &t->rows[t->rowidx[i]];
}

static int train_grow(tkgp_perc_train *t)
{
  size_t ncap = t->cap * 2, mask = ncap - 1;
  uint64_t *nk = malloc(ncap * sizeof *nk);
  uint32_t *nr = malloc(ncap * sizeof *nr);
  if (!nk || !nr) {
    free(nk);
    free(nr);
    return TKG_ENOMEM;
  }
  memset(nr, 0xFF, ncap * sizeof *nr);
  for (size_t j = 0; j < t->cap; j++) {
    if (t->rowidx[j] == TKGP_PERC_EMPTY)
      continue;
    size_t i = (size_t)(t->keys[j] >> 20) & mask;
    while (nr[i] != TKGP_PERC_EMPTY)
      i = (i + 1) & mask;
    nk[i] = t->keys[j];
    nr[i] = t->rowidx[j];
  }
  free(t->keys);
  free(t->rowidx);
  t->keys = nk;
  t->rowidx = nr;
  t->cap = ncap;
  return 0;
}

void tkgp_perc_train_score(const tkgp_perc_train *t, const uint64_t *feats,
                           size_t n, float *scores)
{
  memset(scores, 0, t->n_classes * sizeof *scores);
  for (size_t k = 0; k < n; k++) {
    const trow *r = train_row(t, feats[k]);
    if (!r)
      continue;
    for (uint32_t j = 0; j < r->len; j++)
      scores[r->e[j].cls] += r->e[j].w;
  }
}

void tkgp_perc_train_tick(tkgp_perc_train *t)
{
  t->c += 1;
}

int tkgp_perc_train_update(tkgp_perc_train *t, const uint64_t *feats, size_t n,
                           uint32_t cls, float delta)
{
  for (size_t k = 0; k < n; k++) {
    size_t i;
    trow *r;
    uint32_t j;

    if ((t->used + 1) * 2 > t->cap && train_grow(t) < 0)
      return TKG_ENOMEM;
    i = train_slot(t, feats[k]);
    if (t->rowidx[i] == TKGP_PERC_EMPTY) {
      if (t->n_rows == t->rows_cap) {
        size_t ncap = t->rows_cap ? t->rows_cap * 2 : 4096;
        trow *nr = realloc(t->rows, ncap * sizeof *nr);
        if (!nr)
          return TKG_ENOMEM;
        t->rows = nr;
        t->rows_cap = ncap;
      }
      memset(&t->rows[t->n_rows], 0, sizeof(trow));
      t->rows[t->n_rows].key = feats[k];
      t->keys[i] = feats[k];
      t->rowidx[i] = (uint32_t)t->n_rows++;
      t->used++;
    }
    r = &t->rows[t->rowidx[i]];
    for (j = 0; j < r->len; j++)
      if (r->e[j].cls == cls)
        break;
    if (j == r->len) {
      if (r->len == r->cap) {
        uint32_t ncap = r->cap ? r->cap * 2 : 2;
        tentry *ne = realloc(r->e, ncap * sizeof *ne);
        if (!ne)
          return TKG_ENOMEM;
        r->e = ne;
        r->cap = ncap;
      }
      r->e[j].cls = cls;
      r->e[j].w = 0;
      r->e[j].u = 0;
      r->len++;
    }
    r->e[j].w += delta;
    r->e[j].u += t->c * delta;
  }
  return 0;
}

int tkgp_perc_train_merge(tkgp_perc_train *a, const tkgp_perc_train *b,
                          float wa, float wb)
{
  /* A's averaged weights, scaled, become plain weights (u = 0) */
  for (size_t i = 0; i < a->n_rows; i++)
    for (uint32_t j = 0; j < a->rows[i].len; j++) {
      tentry *e = &a->rows[i].e[j];
      e->w = (float)(wa * (e->w - e->u / a->c));
      e->u = 0;
    }
  for (size_t i = 0; i < b->n_rows; i++)
    for (uint32_t j = 0; j < b->rows[i].len; j++) {
      const tentry *e = &b->rows[i].e[j];
      float v = (float)(wb * (e->w - e->u / b->c));
      if (tkgp_perc_train_update(a, &b->rows[i].key, 1, e->cls, v) < 0)
        return TKG_ENOMEM;
    }
  /* the updates above added c * v to u: clear it again */
  for (size_t i = 0; i < a->n_rows; i++)
    for (uint32_t j = 0; j < a->rows[i].len; j++)
      a->rows[i].e[j].u = 0;
  return 0;
}

int tkgp_perc_train_fold(tkgp_perc_train **mean, tkgp_perc_train *run, int runs_before)
{
  int rc;
  if (!*mean) {
    *mean = run;
    return 0;
  }
  rc = tkgp_perc_train_merge(*mean, run, (float)runs_before / (float)(runs_before + 1),
                             1.0f / (float)(runs_before + 1));
  tkgp_perc_train_free(run);
  return rc;
}

void tkgp_perc_train_stats(const tkgp_perc_train *t, size_t *n_feats,
                           size_t *n_weights)
{
  size_t w = 0;
  for (size_t i = 0; i < t->n_rows; i++)
    w += t->rows[i].len;
  *n_feats = t->n_rows;
  *n_weights = w;
}

/* The largest averaged weight: what the 16-bit quantization scales to. */
static double max_abs_weight(const tkgp_perc_train *t)
{
  double maxabs = 0;
  for (size_t i = 0; i < t->n_rows; i++)
    for (uint32_t j = 0; j < t->rows[i].len; j++) {
      double a = fabs(t->rows[i].e[j].w - t->rows[i].e[j].u / t->c);
      if (a > maxabs)
        maxabs = a;
    }
  return maxabs;
}

/* Rows and entries (a row's weights and one header) kept at MIN_ABS. */
static void count_kept(const tkgp_perc_train *t, float min_abs, size_t *n_rows,
                       size_t *n_entries)
{
  *n_rows = *n_entries = 0;
  for (size_t i = 0; i < t->n_rows; i++) {
    size_t k = 0;
    for (uint32_t j = 0; j < t->rows[i].len; j++)
      if (fabs(t->rows[i].e[j].w - t->rows[i].e[j].u / t->c) >= min_abs)
        k++;
    if (k) {
      ++*n_rows;
      *n_entries += k + 1;
    }
  }
}

/* Put KEY's slot value START in its probe run of SLOTS. */
static void place_slot(tkgp_perc_slot *slots, uint32_t n_slots, uint64_t key,
                       uint32_t start)
{
  uint32_t s = tkgp_perc_slot_home(key, n_slots);
  while (slots[s].start != TKGP_PERC_EMPTY)
    if (++s == n_slots)
      s = 0;
  slots[s].fp = (uint32_t)key;
  slots[s].start = start;
}

/* Freeze row R: its kept weights quantized, stored at ENTRIES[*POS] in the
 * smallest of the row layouts (or inline in its slot), *POS advanced.
 * DENSE is scratch for 65536 weights. @return 0 or TKG_ENOMEM. */
static int freeze_row(const tkgp_perc_train *t, const trow *r, float min_abs,
                      double scale, tkgp_perc_entry *entries, size_t *pos,
                      tkgp_perc_slot *slots, uint32_t n_slots, int16_t *dense)
{
  size_t head = *pos, k = 0;
  uint32_t code;

  for (uint32_t j = 0; j < r->len; j++) {
    double a = r->e[j].w - r->e[j].u / t->c;
    long q;
    if (fabs(a) < min_abs)
      continue;
    q = lround(a / scale);
    if (q > 32767)
      q = 32767;
    if (q < -32767)
      q = -32767;
    entries[head + 1 + k].cls = (uint16_t)r->e[j].cls;
    entries[head + 1 + k].w = (int16_t)q;
    k++;
  }
  if (!k)
    return 0;
  if (k == 1 && entries[head + 1].cls < 0x7FFF) {
    /* a single weight lives in the slot: no row, no second cache miss */
    place_slot(slots, n_slots, r->key, TKGP_PERC_INLINE | (uint32_t)entries[head + 1].cls << 16 |
                                           (uint16_t)entries[head + 1].w);
    return 0;
  }
  if (*pos > TKGP_PERC_START_MASK)
    return TKG_ENOMEM;  /* over 16 M weights: prune more */
  if (k * 2 > t->n_classes) {
    /* dense is smaller: rewrite the row as n_classes int16 weights */
    uint32_t words = (t->n_classes + 1) / 2;
    memset(dense, 0, sizeof(int16_t) * words * 2);  /* words * 2 <= 65536 */
    for (size_t j = 0; j < k; j++)
      dense[entries[head + 1 + j].cls] = entries[head + 1 + j].w;
    memcpy(&entries[head], dense, sizeof(int16_t) * words * 2);
    code = TKGP_PERC_CODE_DENSE;
    *pos += words;
  } else if (k <= TKGP_PERC_MAX_SHORT) {
    memmove(&entries[head], &entries[head + 1], k * sizeof *entries);
    code = (uint32_t)k;
    *pos += k;
  } else {
    entries[head].cls = (uint16_t)k;
    entries[head].w = 0;
    code = TKGP_PERC_CODE_HEADER;
    *pos += k + 1;
  }
  place_slot(slots, n_slots, r->key, code << 24 | (uint32_t)head);
  return 0;
}

int tkgp_perc_freeze(const tkgp_perc_train *t, float min_abs, tkgp_perc *out)
{
  double maxabs, scale;
  size_t n_keep_rows, n_keep_entries, pos;
  tkgp_perc_slot *slots;
  tkgp_perc_entry *entries;
  uint32_t n_slots;
  uint64_t max_probe;
  unsigned char *mem;
  int16_t *dense = malloc(65536 * sizeof *dense);

  memset(out, 0, sizeof *out);
  if (!dense)
    return TKG_ENOMEM;
  maxabs = max_abs_weight(t);
  if (maxabs <= 0)
    maxabs = 1;
  scale = maxabs / 32767.0;
  if (min_abs < scale * 0.5)
    min_abs = (float)(scale * 0.5);
  count_kept(t, min_abs, &n_keep_rows, &n_keep_entries);
  if (n_keep_entries >= TKGP_PERC_EMPTY) {
    free(dense);
    return TKG_ENOMEM;
  }
  n_slots = (uint32_t)(n_keep_rows * 10 / 7 + 1);
  mem = malloc((size_t)n_slots * sizeof *slots +
               (n_keep_entries ? n_keep_entries : 1) * sizeof *entries);
  if (!mem) {
    free(dense);
    return TKG_ENOMEM;
  }
  slots = (tkgp_perc_slot *)mem;
  entries = (tkgp_perc_entry *)(mem + (size_t)n_slots * sizeof *slots);
  for (uint32_t i = 0; i < n_slots; i++) {
    slots[i].fp = 0;
    slots[i].start = TKGP_PERC_EMPTY;
  }
  pos = 0;
  for (size_t i = 0; i < t->n_rows; i++)
    if (freeze_row(t, &t->rows[i], min_abs, scale, entries, &pos, slots, n_slots,
                   dense) < 0) {
      free(dense);
      free(mem);
      return TKG_ENOMEM;
    }
  out->slots = slots;
  out->entries = entries;
  out->n_slots = n_slots;
  out->n_entries = (uint32_t)pos;
  out->n_classes = t->n_classes;
  out->scale = (float)scale;
  out->owned = mem;
  free(dense);
  /* What the reader refuses is never written. */
  if (tkgp_table_probe_bound(slots, n_slots, tkgp_perc_slot_occupied, &max_probe) != 0) {
    tkgp_perc_finish(out);
    return TKG_EDATA;
  }
  out->max_probe = (uint32_t)max_probe;
  return 0;
}
