/* perceptron.c - averaged perceptron over hashed features: the frozen model
 * SPDX-License-Identifier: MIT
 *
 * Features are 64-bit hashes of (template, values), never strings, so a
 * feature costs no allocation and no string compare. Training, and the
 * freezing that writes what this file reads, are train/perceptron_train.c:
 * per feature a sparse row of (class, weight, averaging sum); most
 * features are seen with a handful of classes, so rows stay short even
 * for the parser's ~100 transition+label classes. Averaging uses the
 * usual lazy trick (w_avg = w - u / c, u accumulating c * delta), so an
 * update costs O(features), not O(weights).
 *
 * Freezing averages, drops near-zero weights and quantizes the rest to
 * 16 bits with one scale per model: a weight is 4 bytes on disk (class,
 * value) and a feature 8 bytes of open-addressing slot (32-bit
 * fingerprint, row start and length). A feature with a single weight
 * keeps it in the slot itself; a row with weights for more than half the
 * classes is stored dense (2 bytes a class) and summed with vector
 * instructions. Decoding hashes all features of a state first
 * and prefetches their slots, then their rows, so the cache misses of a
 * large table overlap instead of adding up.
 */
#include "nlp/perceptron.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- frozen ----------------------------------------------------------- */



int tkgp_perc_view(tkgp_perc *p, const void *data, size_t size)
{
  uint64_t max_probe;
  const unsigned char *d = data;
  uint32_t hdr[3];
  float scale;

  memset(p, 0, sizeof *p);
  if (size < 16)
    return TKG_EDATA;
  memcpy(hdr, d, 12);
  memcpy(&scale, d + 12, 4);
  if (hdr[0] == 0 || hdr[2] == 0 || hdr[2] > 65535 ||
      (uint64_t)hdr[0] * sizeof(tkgp_perc_slot) +
              (uint64_t)hdr[1] * sizeof(tkgp_perc_entry) + 16 > size ||
      !(scale > 0) || !isfinite(scale))
    return TKG_EDATA;
  p->n_slots = hdr[0];
  p->n_entries = hdr[1];
  p->n_classes = hdr[2];
  p->scale = scale;
  p->slots = (const tkgp_perc_slot *)(d + 16);
  p->entries = (const tkgp_perc_entry *)(d + 16 + (size_t)hdr[0] * sizeof(tkgp_perc_slot));
  if (tkgp_table_probe_bound(p->slots, p->n_slots, tkgp_perc_slot_occupied, &max_probe) != 0) {
    memset(p, 0, sizeof *p);
    return TKG_EDATA;
  }
  p->max_probe = (uint32_t)max_probe;
  return 0;
}

int tkgp_perc_serialize(const tkgp_perc *p, tkgp_buf *out)
{
  uint32_t hdr[3] = {p->n_slots, p->n_entries, p->n_classes};
  int rc = tkgp_buf_append(out, hdr, 12);
  if (rc == 0)
    rc = tkgp_buf_append(out, &p->scale, 4);
  if (rc == 0)
    rc = tkgp_buf_append(out, p->slots, (size_t)p->n_slots * sizeof *p->slots);
  if (rc == 0)
    rc = tkgp_buf_append(out, p->entries,
                         (size_t)p->n_entries * sizeof *p->entries);
  return rc;
}

void tkgp_perc_finish(tkgp_perc *p)
{
  free(p->owned);
  memset(p, 0, sizeof *p);
}

static uint32_t frozen_find(const tkgp_perc *p, uint64_t key)
{
  uint32_t i = tkgp_perc_slot_home(key, p->n_slots), fp = (uint32_t)key;
  for (uint32_t probes = 0; probes < p->max_probe; probes++) {
    const tkgp_perc_slot *s = &p->slots[i];
    if (s->start == TKGP_PERC_EMPTY)
      return TKGP_PERC_EMPTY;
    if (s->fp == fp)
      return s->start;
    if (++i == p->n_slots)
      i = 0;
  }
  return TKGP_PERC_EMPTY;
}

/* The hot loop of tagging and parsing: let GCC vectorize the dense rows
 * (int16 weights widened into int32 scores) whatever -O level it gets,
 * and start it on a cache line: where it fell moved tag+parse speed by
 * 4% from one build to the next with the same instructions. */
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("O3"), aligned(64)))
#endif
void tkgp_perc_score(const tkgp_perc *p, const uint64_t *feats, size_t n,
                     int32_t *scores)
{
  uint32_t starts[64];
  const uint32_t mask = tkgp_perc_score_size(p) - 1, n_cls = p->n_classes;

  while (n > 0) {
    size_t m = n < 64 ? n : 64;
    for (size_t k = 0; k < m; k++)
      __builtin_prefetch(&p->slots[tkgp_perc_slot_home(feats[k], p->n_slots)]);
    for (size_t k = 0; k < m; k++) {
      starts[k] = frozen_find(p, feats[k]);
      if (!(starts[k] & TKGP_PERC_INLINE) && (starts[k] & TKGP_PERC_START_MASK) < p->n_entries)
        __builtin_prefetch(&p->entries[starts[k] & TKGP_PERC_START_MASK]);
    }
    for (size_t k = 0; k < m; k++) {
      uint32_t s = starts[k], start, code, len, room;
      const tkgp_perc_entry *e;
      if (s == TKGP_PERC_EMPTY)
        continue;
      if (s & TKGP_PERC_INLINE) {
        scores[(s >> 16 & 0x7FFF) & mask] += (int16_t)(s & 0xFFFF);
        continue;
      }
      start = s & TKGP_PERC_START_MASK;
      code = s >> 24;
      if (start >= p->n_entries)
        continue;
      room = p->n_entries - start;
      e = &p->entries[start];
      if (code == TKGP_PERC_CODE_DENSE) {
        /* a dense row: one int16 weight per class, two per entry */
        const int16_t *w = (const int16_t *)(const void *)e;
        if ((n_cls + 1) / 2 > room)
          continue;
        for (uint32_t c = 0; c < n_cls; c++)
          scores[c] += w[c];
        continue;
      }
      if (code == TKGP_PERC_CODE_HEADER) {
        /* a long sparse row whose length is in its first entry */
        len = e->cls;
        e++;
        room--;
      } else {
        len = code;
      }
      if (len > room)
        continue;
      for (uint32_t j = 0; j < len; j++)
        scores[e[j].cls & mask] += e[j].w;
    }
    feats += m;
    n -= m;
  }
}
