/* model.c - versioned binary model files: sections, checksum, mmap loading
 * SPDX-License-Identifier: MIT
 *
 * Opening maps the file and makes one pass over it for the CRC-32C
 * (hardware crc32 where the CPU has it: a 20 MB model checks in a few
 * ms); after
 * that every access is a pointer into the mapping. Each section is
 * bounds-checked against the file size, and the readers of sections check
 * their own counts against the section size, so a truncated or corrupt
 * file is an error message, never an out-of-bounds read.
 */
#include "nlp/model.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAGIC "TKGMODEL"
#define HEADER_SIZE 32u
#define ENTRY_SIZE 24u
#define BOM 0x01020304u

struct tkgp_model {
  unsigned char *map;
  size_t size;
  uint32_t n_sections;
  char *path;
};

typedef struct wsection {
  uint32_t id;
  unsigned char *data;
  size_t size;
} wsection;

struct tkgp_model_writer {
  uint32_t kind;
  wsection *sections;
  size_t n, cap;
};

/* ---- CRC-32C ------------------------------------------------------------
 * Castagnoli polynomial, so that x86-64 computes it with the SSE 4.2 crc32
 * instruction (8 bytes a cycle or so); elsewhere, or on CPUs without it, a
 * slicing-by-8 table gives the same value at about 1 byte a cycle. */

static void crc_tables(uint32_t t[8][256])
{
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++)
      c = c & 1 ? 0x82F63B78u ^ (c >> 1) : c >> 1;
    t[0][i] = c;
  }
  for (uint32_t i = 0; i < 256; i++)
    for (int s = 1; s < 8; s++)
      t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xFF];
}

static uint32_t crc_soft(uint32_t crc, const unsigned char *p, size_t len)
{
  /* The table is rebuilt per call (2 K iterations): cheaper than a lock or
   * a global, and negligible next to the megabytes hashed. */
  uint32_t t[8][256];

  crc_tables(t);
  while (len >= 8) {
    uint32_t lo, hi;
    memcpy(&lo, p, 4);
    memcpy(&hi, p + 4, 4);
    lo ^= crc;
    crc = t[7][lo & 0xFF] ^ t[6][(lo >> 8) & 0xFF] ^ t[5][(lo >> 16) & 0xFF] ^
          t[4][lo >> 24] ^ t[3][hi & 0xFF] ^ t[2][(hi >> 8) & 0xFF] ^
          t[1][(hi >> 16) & 0xFF] ^ t[0][hi >> 24];
    p += 8;
    len -= 8;
  }
  while (len--)
    crc = t[0][(crc ^ *p++) & 0xFF] ^ (crc >> 8);
  return crc;
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("sse4.2"))) static uint32_t crc_hw(uint32_t crc,
                                                         const unsigned char *p,
                                                         size_t len)
{
  uint64_t c = crc;
  while (len >= 8) {
    uint64_t v;
    memcpy(&v, p, 8);
    c = __builtin_ia32_crc32di(c, v);
    p += 8;
    len -= 8;
  }
  crc = (uint32_t)c;
  while (len--)
    crc = __builtin_ia32_crc32qi(crc, *p++);
  return crc;
}
#endif

uint32_t tkgp_crc32(uint32_t crc, const void *data, size_t len)
{
  crc = ~crc;
#if defined(__x86_64__) && defined(__GNUC__)
  if (__builtin_cpu_supports("sse4.2"))
    return ~crc_hw(crc, data, len);
#endif
  return ~crc_soft(crc, data, len);
}

static uint32_t rd32(const unsigned char *p)
{
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}

static uint64_t rd64(const unsigned char *p)
{
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

/* ---- reading ------------------------------------------------------------ */

int tkgp_model_open(tkgp_model **out, tkg_world *world, const char *path,
                    uint32_t kind)
{
  tkgp_model *m = NULL;
  struct stat st;
  int fd = -1, rc = 0;
  unsigned char *map = MAP_FAILED;
  size_t size = 0;

  *out = NULL;
  fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    rc = tkgp_error(world, errno == ENOENT ? TKG_ENOTFOUND : TKG_EIO,
                    "%s: cannot open model (%s)", path, strerror(errno));
    goto cleanup;
  }
  if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
    rc = tkgp_error(world, TKG_EIO, "%s: not a regular file", path);
    goto cleanup;
  }
  size = (size_t)st.st_size;
  if (size < HEADER_SIZE) {
    rc = tkgp_error(world, TKG_EDATA,
                    "%s: truncated model (%zu bytes, header needs %u)", path,
                    size, HEADER_SIZE);
    goto cleanup;
  }
  map = mmap(NULL, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  if (map == MAP_FAILED) {
    rc = tkgp_error(world, TKG_EIO, "%s: cannot map model (%s)", path,
                    strerror(errno));
    goto cleanup;
  }
  if (memcmp(map, MAGIC, 8) != 0) {
    rc = tkgp_error(world, TKG_EDATA, "%s: not a textkg model (bad magic)", path);
    goto cleanup;
  }
  if (rd32(map + 8) != TKGP_MODEL_VERSION) {
    rc = tkgp_error(world, TKG_EDATA,
                    "%s: model format version %u, expected %u", path,
                    rd32(map + 8), TKGP_MODEL_VERSION);
    goto cleanup;
  }
  if (rd32(map + 12) != kind) {
    rc = tkgp_error(world, TKG_EDATA, "%s: wrong kind of model (%.4s)", path,
                    (const char *)map + 12);
    goto cleanup;
  }
  if (rd64(map + 24) != size) {
    rc = tkgp_error(world, TKG_EDATA,
                    "%s: truncated or padded model (%zu bytes, header says %llu)",
                    path, size, (unsigned long long)rd64(map + 24));
    goto cleanup;
  }
  if (tkgp_crc32(0, map + 24, size - 24) != rd32(map + 20)) {
    rc = tkgp_error(world, TKG_EDATA, "%s: corrupt model (checksum mismatch)",
                    path);
    goto cleanup;
  }
  {
    uint32_t n = rd32(map + 16);
    if (n > (size - HEADER_SIZE) / ENTRY_SIZE) {
      rc = tkgp_error(world, TKG_EDATA, "%s: bad section count %u", path, n);
      goto cleanup;
    }
    for (uint32_t i = 0; i < n; i++) {
      const unsigned char *e = map + HEADER_SIZE + (size_t)i * ENTRY_SIZE;
      uint64_t off = rd64(e + 8), len = rd64(e + 16);
      if (rd32(e + 4) != BOM || off % 8 || off > size || len > size - off) {
        rc = tkgp_error(world, TKG_EDATA, "%s: bad section %u (offset %llu)",
                        path, i, (unsigned long long)off);
        goto cleanup;
      }
    }
    m = calloc(1, sizeof *m);
    if (!m || !(m->path = strdup(path))) {
      rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
      goto cleanup;
    }
    m->map = map;
    m->size = size;
    m->n_sections = n;
    map = MAP_FAILED;
    *out = m;
    m = NULL;
  }

cleanup:
  if (m) {
    free(m->path);
    free(m);
  }
  if (map != MAP_FAILED)
    munmap(map, size);
  if (fd >= 0)
    close(fd);
  return rc;
}

void tkgp_model_close(tkgp_model *model)
{
  if (!model)
    return;
  munmap(model->map, model->size);
  free(model->path);
  free(model);
}

const char *tkgp_model_path(const tkgp_model *model)
{
  return model->path;
}

int tkgp_model_section(const tkgp_model *model, tkg_world *world, uint32_t id,
                       const void **data, size_t *size)
{
  for (uint32_t i = 0; i < model->n_sections; i++) {
    const unsigned char *e = model->map + HEADER_SIZE + (size_t)i * ENTRY_SIZE;
    if (rd32(e) == id) {
      *data = model->map + rd64(e + 8);
      *size = (size_t)rd64(e + 16);
      return 0;
    }
  }
  *data = NULL;
  *size = 0;
  return tkgp_error(world, TKG_EDATA, "%s: missing section %.4s", model->path,
                    (const char *)&id);
}

/* ---- writing ------------------------------------------------------------ */

int tkgp_model_writer_new(tkgp_model_writer **out, uint32_t kind)
{
  tkgp_model_writer *w = calloc(1, sizeof *w);
  *out = NULL;
  if (!w)
    return TKG_ENOMEM;
  w->kind = kind;
  *out = w;
  return 0;
}

void tkgp_model_writer_free(tkgp_model_writer *w)
{
  if (!w)
    return;
  for (size_t i = 0; i < w->n; i++)
    free(w->sections[i].data);
  free(w->sections);
  free(w);
}

int tkgp_model_writer_add(tkgp_model_writer *w, uint32_t id, const void *data,
                          size_t size)
{
  wsection *s;
  if (w->n == w->cap) {
    size_t cap = w->cap ? w->cap * 2 : 8;
    wsection *ns = realloc(w->sections, cap * sizeof *ns);
    if (!ns)
      return TKG_ENOMEM;
    w->sections = ns;
    w->cap = cap;
  }
  s = &w->sections[w->n];
  s->data = malloc(size ? size : 1);
  if (!s->data)
    return TKG_ENOMEM;
  if (size)
    memcpy(s->data, data, size);
  s->size = size;
  s->id = id;
  w->n++;
  return 0;
}

static void wr32(unsigned char *p, uint32_t v) { memcpy(p, &v, 4); }
static void wr64(unsigned char *p, uint64_t v) { memcpy(p, &v, 8); }

int tkgp_model_writer_save(tkgp_model_writer *w, tkg_world *world,
                           const char *path)
{
  size_t total = HEADER_SIZE + w->n * ENTRY_SIZE, off;
  unsigned char *img = NULL;
  char *tmp = NULL;
  FILE *f = NULL;
  int rc = 0;

  total = (total + 7) / 8 * 8;
  for (size_t i = 0; i < w->n; i++)
    total += (w->sections[i].size + 7) / 8 * 8;
  img = calloc(1, total);
  tmp = malloc(strlen(path) + 5);
  if (!img || !tmp) {
    rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
    goto cleanup;
  }
  memcpy(img, MAGIC, 8);
  wr32(img + 8, TKGP_MODEL_VERSION);
  wr32(img + 12, w->kind);
  wr32(img + 16, (uint32_t)w->n);
  wr64(img + 24, total);
  off = (HEADER_SIZE + w->n * ENTRY_SIZE + 7) / 8 * 8;
  for (size_t i = 0; i < w->n; i++) {
    unsigned char *e = img + HEADER_SIZE + i * ENTRY_SIZE;
    wr32(e, w->sections[i].id);
    wr32(e + 4, BOM);
    wr64(e + 8, off);
    wr64(e + 16, w->sections[i].size);
    memcpy(img + off, w->sections[i].data, w->sections[i].size);
    off += (w->sections[i].size + 7) / 8 * 8;
  }
  wr32(img + 20, tkgp_crc32(0, img + 24, total - 24));

  sprintf(tmp, "%s.tmp", path);
  f = fopen(tmp, "wb");
  if (!f) {
    rc = tkgp_error(world, TKG_EIO, "%s: cannot create (%s)", tmp,
                    strerror(errno));
    goto cleanup;
  }
  if (fwrite(img, 1, total, f) != total || fflush(f) != 0) {
    rc = tkgp_error(world, TKG_EIO, "%s: write failed (%s)", tmp,
                    strerror(errno));
    goto cleanup;
  }
  if (fclose(f) != 0) {
    f = NULL;
    rc = tkgp_error(world, TKG_EIO, "%s: write failed (%s)", tmp,
                    strerror(errno));
    goto cleanup;
  }
  f = NULL;
  if (rename(tmp, path) != 0) {
    rc = tkgp_error(world, TKG_EIO, "%s: cannot rename to %s (%s)", tmp, path,
                    strerror(errno));
    goto cleanup;
  }

cleanup:
  if (f)
    fclose(f);
  if (rc < 0 && tmp)
    remove(tmp);
  free(tmp);
  free(img);
  return rc;
}

/* ---- buffers, maps, string tables -------------------------------------- */

int tkgp_buf_append(tkgp_buf *b, const void *data, size_t len)
{
  if (b->cap - b->len < len) {
    size_t cap = b->cap ? b->cap : 256;
    unsigned char *nd;
    while (cap - b->len < len)
      cap *= 2;
    nd = realloc(b->data, cap);
    if (!nd)
      return TKG_ENOMEM;
    b->data = nd;
    b->cap = cap;
  }
  if (len)
    memcpy(b->data + b->len, data, len);
  b->len += len;
  return 0;
}

int tkgp_buf_append_str(tkgp_buf *b, const char *s, uint32_t *offset)
{
  *offset = (uint32_t)b->len;
  return tkgp_buf_append(b, s, strlen(s) + 1);
}

void tkgp_buf_finish(tkgp_buf *b)
{
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

int tkgp_table_probe_bound(const void *slots, uint64_t n,
                           int (*occupied)(const void *slots, uint64_t i),
                           uint64_t *max_probe)
{
  uint64_t first_empty = 0, run = 0, longest = 0, used = 0;

  while (first_empty < n && occupied(slots, first_empty))
    first_empty++;
  if (first_empty == n)
    return TKG_EDATA;
  for (uint64_t k = 1; k <= n; k++) {
    if (!occupied(slots, (first_empty + k) % n))
      run = 0;
    else if (used++, ++run > longest)
      longest = run;
  }
  if (used > n * 3 / 4 + 1 || longest > TKGP_MAX_RUN)
    return TKG_EDATA;
  *max_probe = longest + 1;
  return 0;
}

static int kmap_occupied(const void *slots, uint64_t i)
{
  return ((const tkgp_kmap_slot *)slots)[i].key != 0;
}

static int kmap32_occupied(const void *slots, uint64_t i)
{
  return ((const tkgp_kmap32_slot *)slots)[i].fp != 0;
}

int tkgp_kmap_view(tkgp_kmap *map, const void *data, size_t size)
{
  uint64_t n;
  if (size < 8)
    return TKG_EDATA;
  memcpy(&n, data, 8);
  if (n == 0 || n > (size - 8) / sizeof(tkgp_kmap_slot))
    return TKG_EDATA;
  map->slots = (const tkgp_kmap_slot *)((const unsigned char *)data + 8);
  map->n_slots = n;
  return tkgp_table_probe_bound(map->slots, n, kmap_occupied, &map->max_probe);
}

static uint64_t kmap_home(uint64_t key, uint64_t n)
{
  return (uint64_t)(((unsigned __int128)key * n) >> 64);
}

const tkgp_kmap_slot *tkgp_kmap_get(const tkgp_kmap *map, uint64_t key)
{
  uint64_t i, probes;
  key |= 1;
  i = kmap_home(key, map->n_slots);
  for (probes = 0; probes < map->max_probe; probes++) {
    const tkgp_kmap_slot *s = &map->slots[i];
    if (s->key == key)
      return s;
    if (s->key == 0)
      return NULL;
    if (++i == map->n_slots)
      i = 0;
  }
  return NULL;
}

int tkgp_kmap_build(tkgp_buf *out, const tkgp_kmap_slot *items, size_t n)
{
  uint64_t n_slots = (uint64_t)n * 10 / 7 + 1;
  tkgp_kmap_slot *slots = calloc(n_slots, sizeof *slots);
  uint64_t max_probe;
  int rc;

  if (!slots)
    return TKG_ENOMEM;
  for (size_t k = 0; k < n; k++) {
    uint64_t key = items[k].key | 1, i = kmap_home(key, n_slots);
    while (slots[i].key && slots[i].key != key)
      if (++i == n_slots)
        i = 0;
    if (!slots[i].key) {
      slots[i] = items[k];
      slots[i].key = key;
    }
  }
  /* What the reader refuses is never written. */
  rc = tkgp_table_probe_bound(slots, n_slots, kmap_occupied, &max_probe);
  if (rc == 0)
    rc = tkgp_buf_append(out, &n_slots, 8);
  if (rc == 0)
    rc = tkgp_buf_append(out, slots, n_slots * sizeof *slots);
  free(slots);
  return rc;
}

static uint32_t fp32(uint64_t key)
{
  uint32_t fp = (uint32_t)key;
  return fp ? fp : 1;
}

int tkgp_kmap32_view(tkgp_kmap32 *map, const void *data, size_t size)
{
  uint64_t n;
  if (size < 8)
    return TKG_EDATA;
  memcpy(&n, data, 8);
  if (n == 0 || n > (size - 8) / sizeof(tkgp_kmap32_slot))
    return TKG_EDATA;
  map->slots = (const tkgp_kmap32_slot *)((const unsigned char *)data + 8);
  map->n_slots = n;
  return tkgp_table_probe_bound(map->slots, n, kmap32_occupied, &map->max_probe);
}

uint32_t tkgp_kmap32_get(const tkgp_kmap32 *map, uint64_t key)
{
  uint32_t fp = fp32(key);
  uint64_t i = kmap_home(key | 1, map->n_slots);
  for (uint64_t probes = 0; probes < map->max_probe; probes++) {
    const tkgp_kmap32_slot *s = &map->slots[i];
    if (s->fp == fp)
      return s->value;
    if (s->fp == 0)
      return 0;
    if (++i == map->n_slots)
      i = 0;
  }
  return 0;
}

int tkgp_kmap32_build(tkgp_buf *out, const tkgp_kmap_slot *items, size_t n)
{
  uint64_t n_slots = (uint64_t)n * 10 / 7 + 1;
  tkgp_kmap32_slot *slots = calloc(n_slots, sizeof *slots);
  uint64_t max_probe;
  int rc;

  if (!slots)
    return TKG_ENOMEM;
  for (size_t k = 0; k < n; k++) {
    uint32_t fp = fp32(items[k].key);
    uint64_t i = kmap_home(items[k].key | 1, n_slots);
    while (slots[i].fp && slots[i].fp != fp)
      if (++i == n_slots)
        i = 0;
    if (!slots[i].fp) {
      slots[i].fp = fp;
      slots[i].value = items[k].a;
    }
  }
  /* What the reader refuses is never written. */
  rc = tkgp_table_probe_bound(slots, n_slots, kmap32_occupied, &max_probe);
  if (rc == 0)
    rc = tkgp_buf_append(out, &n_slots, 8);
  if (rc == 0)
    rc = tkgp_buf_append(out, slots, n_slots * sizeof *slots);
  free(slots);
  return rc;
}

int tkgp_strtab_view(tkgp_strtab *st, const void *data, size_t size)
{
  if (size == 0 || ((const char *)data)[size - 1] != '\0')
    return TKG_EDATA;
  st->data = data;
  st->size = size;
  return 0;
}

const char *tkgp_strtab_get(const tkgp_strtab *st, uint32_t offset)
{
  return offset < st->size ? st->data + offset : "";
}
