/* model.h - versioned binary model files: sections, checksum, mmap loading
 * SPDX-License-Identifier: MIT
 *
 * Layout (little-endian, every section 8-byte aligned):
 *
 *   0  magic "TKGMODEL"            8 bytes
 *   8  format version              u32 (TKGP_MODEL_VERSION)
 *  12  kind (four-character code)  u32 ("TAGR", "PARS")
 *  16  number of sections          u32
 *  20  CRC-32C of bytes [24, size) u32
 *  24  file size                   u64
 *  32  section table: {u32 id, u32 byte-order mark, u64 offset, u64 size}
 *  ..  section data
 *
 * A file is mapped read-only and checked once on open (size, CRC, every
 * section inside the file); sections are then read in place, never copied.
 */
#ifndef TKG_NLP_MODEL_H
#define TKG_NLP_MODEL_H

#include "core/world.h"

#include <stddef.h>
#include <stdint.h>

#define TKGP_MODEL_VERSION 2u
#define TKGP_FOURCC(a, b, c, d)                                             \
  ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)(d) << 24)

typedef struct tkgp_model tkgp_model;
typedef struct tkgp_model_writer tkgp_model_writer;

/** CRC-32C (Castagnoli) of LEN bytes, continuing from CRC (start with 0). */
uint32_t tkgp_crc32(uint32_t crc, const void *data, size_t len);

/**
 * Map PATH and check it is a model of KIND with a good checksum.
 * @param out  receives the model. Caller frees with tkgp_model_close().
 * @return 0, TKG_ENOTFOUND / TKG_EIO (cannot open or map), TKG_EDATA
 *         (truncated, corrupt, wrong kind or version); message in WORLD.
 */
int tkgp_model_open(tkgp_model **out, tkg_world *world, const char *path,
                    uint32_t kind);

/** Unmap and free. Accepts NULL. */
void tkgp_model_close(tkgp_model *model);

/**
 * Section ID of MODEL: *DATA and *SIZE point into the mapping.
 * Borrowed; valid until tkgp_model_close().
 * @return 0 or TKG_EDATA (missing section; message in WORLD).
 */
int tkgp_model_section(const tkgp_model *model, tkg_world *world, uint32_t id,
                       const void **data, size_t *size);

/** The path the model was opened from. Borrowed. */
const char *tkgp_model_path(const tkgp_model *model);

/** Start building a model file of KIND. Caller frees with tkgp_model_writer_free(). */
int tkgp_model_writer_new(tkgp_model_writer **out, uint32_t kind);
void tkgp_model_writer_free(tkgp_model_writer *w);

/**
 * Add a section; DATA is copied. @return 0 or TKG_ENOMEM.
 */
int tkgp_model_writer_add(tkgp_model_writer *w, uint32_t id, const void *data,
                          size_t size);

/**
 * Write the file atomically (PATH.tmp, then rename): a failed save leaves
 * no half-written model behind. @return 0 or TKG_EIO (message in WORLD).
 */
int tkgp_model_writer_save(tkgp_model_writer *w, tkg_world *world,
                           const char *path);

/* ---- growable byte buffer, used to assemble sections ----------------- */

typedef struct tkgp_buf {
  unsigned char *data;
  size_t len, cap;
} tkgp_buf;

int tkgp_buf_append(tkgp_buf *b, const void *data, size_t len);
/** Append a NUL-terminated string; *OFFSET receives where it starts. */
int tkgp_buf_append_str(tkgp_buf *b, const char *s, uint32_t *offset);
void tkgp_buf_finish(tkgp_buf *b);

/* ---- open-addressing map stored in a section ------------------------- *
 * Section layout: u64 n_slots, then n_slots slots {u64 key, u32 a, u32 b};
 * key 0 marks an empty slot (keys are forced non-zero). */

/* Every open-addressing table textkg writes is at most 70% full, and its
 * runs of occupied slots are at most ~1,700 long (the models of today).
 * A damaged table may be full, and then every lookup of an unknown key
 * would walk all of it: readers refuse a table fuller than 3/4 or with a
 * run longer than this, and bound lookups by the longest run. */
#define TKGP_MAX_RUN 16384u

/** Check a table of @p n slots read from a file (@p occupied says whether
 * slot i holds a key) and set @p max_probe to one more than its longest
 * run of occupied slots, taken as a ring: no lookup probes more.
 * @return 0, or TKG_EDATA for a table no writer makes. */
int tkgp_table_probe_bound(const void *slots, uint64_t n,
                           int (*occupied)(const void *slots, uint64_t i),
                           uint64_t *max_probe);

typedef struct tkgp_kmap_slot {
  uint64_t key;
  uint32_t a, b;
} tkgp_kmap_slot;

typedef struct tkgp_kmap {
  const tkgp_kmap_slot *slots;
  uint64_t n_slots;
  uint64_t max_probe; /* longest run of occupied slots + 1 */
} tkgp_kmap;

/** Read a map from section bytes. @return 0 or TKG_EDATA. */
int tkgp_kmap_view(tkgp_kmap *map, const void *data, size_t size);

/** The slot of KEY, or NULL. */
const tkgp_kmap_slot *tkgp_kmap_get(const tkgp_kmap *map, uint64_t key);

/**
 * Build map bytes from N (key, a, b) triples (later duplicates are ignored)
 * and append them to OUT. @return 0 or TKG_ENOMEM.
 */
int tkgp_kmap_build(tkgp_buf *out, const tkgp_kmap_slot *items, size_t n);

/* ---- compact map: 32-bit fingerprint -> 32-bit value ------------------ *
 * For sets of words with a small value (WordNet parts of speech): half the
 * size of tkgp_kmap. Section layout: u64 n_slots, then n_slots slots
 * {u32 fingerprint, u32 value}; fingerprint 0 marks an empty slot. A false
 * hit needs two keys with the same 32 bits in one probe run. */

typedef struct tkgp_kmap32_slot {
  uint32_t fp, value;
} tkgp_kmap32_slot;

typedef struct tkgp_kmap32 {
  const tkgp_kmap32_slot *slots;
  uint64_t n_slots;
  uint64_t max_probe; /* longest run of occupied slots + 1 */
} tkgp_kmap32;

int tkgp_kmap32_view(tkgp_kmap32 *map, const void *data, size_t size);

/** The value of KEY, or 0 when absent. */
uint32_t tkgp_kmap32_get(const tkgp_kmap32 *map, uint64_t key);

/** Build from N (key, value) pairs (value in a; b ignored) into OUT. */
int tkgp_kmap32_build(tkgp_buf *out, const tkgp_kmap_slot *items, size_t n);

/* ---- string table section: NUL-terminated strings back to back ------ */

typedef struct tkgp_strtab {
  const char *data;
  size_t size;
} tkgp_strtab;

/** @return 0 or TKG_EDATA (empty, or not NUL-terminated). */
int tkgp_strtab_view(tkgp_strtab *st, const void *data, size_t size);

/** String at OFFSET, or "" when OFFSET is out of range. Borrowed. */
const char *tkgp_strtab_get(const tkgp_strtab *st, uint32_t offset);

#endif
