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

#define TKGP_PERC_EMPTY UINT32_MAX
/* What a slot's start field holds:
 *   0xFFFFFFFF                 empty slot
 *   1ccccccc cccccccc wwww...  a single weight: class c (15 bits), weight w
 *   0LLLLLLL ssssssss ssss...  a row at entries[s] (s < 2^24) of L weights,
 *                              L = 1..126; L = 127: a dense row of
 *                              n_classes int16; L = 0: the row's length is
 *                              in entries[s].cls and its weights follow. */
#define TKGP_PERC_INLINE 0x80000000u
#define TKGP_PERC_START_MASK 0x00FFFFFFu
#define TKGP_PERC_CODE_HEADER 0u
#define TKGP_PERC_CODE_DENSE 127u
#define TKGP_PERC_MAX_SHORT 126u

/* The home slot of feature KEY in a table of N_SLOTS. */
static inline uint32_t tkgp_perc_slot_home(uint64_t key, uint32_t n_slots)
{
  return (uint32_t)(((key >> 32) * (uint64_t)n_slots) >> 32);
}

static inline int tkgp_perc_slot_occupied(const void *slots, uint64_t i)
{
  return ((const tkgp_perc_slot *)slots)[i].start != TKGP_PERC_EMPTY;
}

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

#endif
