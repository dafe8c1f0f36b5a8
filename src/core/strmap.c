/* strmap.c - string-keyed table of counts
 * SPDX-License-Identifier: MIT
 *
 * Open addressing (linear probing, at most half full) over an append-only
 * key store: the table holds entry numbers, the entries hold key offsets,
 * so growing rehashes 4-byte numbers and never moves a key's number.
 */
#include "core/strmap.h"
#include "core/hash.h"
#include "textkg.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct sentry {
  size_t key;   /* offset of the key in keys */
  long value;
} sentry;

struct tkgp_strmap {
  char *keys;
  size_t keys_len, keys_cap;
  sentry *entries;
  size_t n, entries_cap;
  uint32_t *table;   /* entry index + 1, 0 = empty */
  size_t cap;
};

int tkgp_strmap_new(tkgp_strmap **out)
{
  tkgp_strmap *m = calloc(1, sizeof *m);
  *out = NULL;
  if (!m)
    return TKG_ENOMEM;
  m->cap = 1024;
  m->table = calloc(m->cap, sizeof *m->table);
  if (!m->table) {
    free(m);
    return TKG_ENOMEM;
  }
  *out = m;
  return 0;
}

void tkgp_strmap_free(tkgp_strmap *m)
{
  if (!m)
    return;
  free(m->keys);
  free(m->entries);
  free(m->table);
  free(m);
}

static int strmap_grow(tkgp_strmap *m)
{
  size_t ncap = m->cap * 2;
  uint32_t *nt = calloc(ncap, sizeof *nt);
  if (!nt)
    return TKG_ENOMEM;
  for (size_t e = 0; e < m->n; e++) {
    const char *k = m->keys + m->entries[e].key;
    size_t i = tkgp_hash_bytes(k, strlen(k)) & (ncap - 1);
    while (nt[i])
      i = (i + 1) & (ncap - 1);
    nt[i] = (uint32_t)(e + 1);
  }
  free(m->table);
  m->table = nt;
  m->cap = ncap;
  return 0;
}

long *tkgp_strmap_slot(tkgp_strmap *m, const char *key, size_t len,
                       size_t *index)
{
  size_t i;
  if ((m->n + 1) * 2 > m->cap && strmap_grow(m) < 0)
    return NULL;
  i = tkgp_hash_bytes(key, len) & (m->cap - 1);
  while (m->table[i]) {
    sentry *e = &m->entries[m->table[i] - 1];
    const char *k = m->keys + e->key;
    if (strncmp(k, key, len) == 0 && k[len] == '\0') {
      if (index)
        *index = m->table[i] - 1;
      return &e->value;
    }
    i = (i + 1) & (m->cap - 1);
  }
  if (m->keys_cap - m->keys_len < len + 1) {
    size_t ncap = m->keys_cap ? m->keys_cap : 65536;
    char *nk;
    while (ncap - m->keys_len < len + 1)
      ncap *= 2;
    nk = realloc(m->keys, ncap);
    if (!nk)
      return NULL;
    m->keys = nk;
    m->keys_cap = ncap;
  }
  if (m->n == m->entries_cap) {
    size_t ncap = m->entries_cap ? m->entries_cap * 2 : 1024;
    sentry *ne = realloc(m->entries, ncap * sizeof *ne);
    if (!ne)
      return NULL;
    m->entries = ne;
    m->entries_cap = ncap;
  }
  memcpy(m->keys + m->keys_len, key, len);
  m->keys[m->keys_len + len] = '\0';
  m->entries[m->n].key = m->keys_len;
  m->entries[m->n].value = 0;
  m->keys_len += len + 1;
  m->table[i] = (uint32_t)(m->n + 1);
  if (index)
    *index = m->n;
  return &m->entries[m->n++].value;
}

size_t tkgp_strmap_count(const tkgp_strmap *m)
{
  return m->n;
}

const char *tkgp_strmap_key(const tkgp_strmap *m, size_t i)
{
  return m->keys + m->entries[i].key;
}

long tkgp_strmap_value(const tkgp_strmap *m, size_t i)
{
  return m->entries[i].value;
}
