/* nlp_util.c - corpora, hashing, shuffling and counting for the NLP models
 * SPDX-License-Identifier: MIT
 */
#include "nlp/nlp_impl.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

int tkgp_corpus_init(tkgp_corpus *c, const tkgp_conllu *files, size_t n)
{
  size_t nw = 0, ns = 0, w = 0, k = 0;

  memset(c, 0, sizeof *c);
  for (size_t f = 0; f < n; f++) {
    nw += files[f].n_words;
    ns += files[f].n_sents;
  }
  c->words = calloc(nw ? nw : 1, sizeof *c->words);
  c->start = calloc(ns + 1, sizeof *c->start);
  if (!c->words || !c->start) {
    tkgp_corpus_finish(c);
    return TKG_ENOMEM;
  }
  for (size_t f = 0; f < n; f++)
    for (size_t s = 0; s < files[f].n_sents; s++) {
      const tkgp_conllu_sent *cs = &files[f].sents[s];
      if (cs->n_words == 0)
        continue;
      c->start[k++] = w;
      for (size_t i = 0; i < cs->n_words; i++) {
        tkgp_nlp_word *x = &c->words[w++];
        x->form = tkgp_conllu_col(cs, i, TKGP_FORM);
        x->lemma = tkgp_conllu_col(cs, i, TKGP_LEMMA);
        x->upos = tkgp_conllu_col(cs, i, TKGP_UPOS);
        x->xpos = tkgp_conllu_col(cs, i, TKGP_XPOS);
        x->feats = tkgp_conllu_col(cs, i, TKGP_FEATS);
        x->deprel = tkgp_conllu_col(cs, i, TKGP_DEPREL);
        x->head = cs->heads[i];
      }
    }
  c->start[k] = w;
  c->n_sents = k;
  c->n_words = w;
  return 0;
}

void tkgp_corpus_finish(tkgp_corpus *c)
{
  free(c->words);
  free(c->start);
  memset(c, 0, sizeof *c);
}

uint64_t tkgp_hash_lower(const char *s)
{
  uint64_t h = 0xcbf29ce484222325ull;
  for (; *s; s++) {
    unsigned char ch = (unsigned char)*s;
    if (ch >= 'A' && ch <= 'Z')
      ch = (unsigned char)(ch + 32);
    h ^= ch;
    h *= 0x100000001b3ull;
  }
  return h;
}

void tkgp_shuffle(size_t *idx, size_t n, uint64_t *state)
{
  for (size_t i = n; i > 1; i--) {
    size_t j = (size_t)(tkgp_rand(state) % i), t = idx[i - 1];
    idx[i - 1] = idx[j];
    idx[j] = t;
  }
}

double tkgp_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

double tkgp_cpu_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* ---- string map: open addressing over an append-only key store -------- */

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
