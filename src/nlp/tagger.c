/* tagger.c - part-of-speech tagger: UPOS, XPOS, features and lemma
 * SPDX-License-Identifier: MIT
 *
 * A greedy left-to-right averaged perceptron (Collins 2002) whose classes
 * are the (UPOS, XPOS) pairs of the training data (about 110), over ~35
 * hashed features per word: the word, its affixes, shape and WordNet
 * parts of speech, the words and shapes around it and the tags already
 * chosen to its left. A second pass re-tags the words the first was not
 * sure of with the same features plus the first pass's tags to the right,
 * which fixes most of what greedy left-to-right decoding gets wrong
 * without a beam.
 * Morphological features and the lemma then follow from the
 * (word, tag) lexicon learnt from the training data, with per-tag defaults
 * and the rules of lemmatizer.c for words the lexicon lacks.
 *
 * Cost: ~35 hash probes and a ~110-way argmax per word, and again for the
 * words the first pass was not sure of.
 */
#include "nlp/nlp_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEC_PARAM TKGP_FOURCC('T', 'P', 'R', 'M')
#define SEC_CLASS TKGP_FOURCC('T', 'C', 'L', 'S')
#define SEC_STRS TKGP_FOURCC('S', 'T', 'R', 'S')
#define SEC_PERC TKGP_FOURCC('P', 'E', 'R', '1')
#define SEC_PER2 TKGP_FOURCC('P', 'E', 'R', '2')
#define SEC_LEX TKGP_FOURCC('L', 'E', 'X', 'I')
#define SEC_WN TKGP_FOURCC('W', 'N', 'M', 'K')
#define SEC_EXC TKGP_FOURCC('W', 'E', 'X', 'C')
#define SEC_AMB TKGP_FOURCC('T', 'A', 'M', 'B')
#define N_SECS 9
#define AMB_MIN_COUNT 20

#define FEATURE_VERSION 3u

/* Pass 2 re-tags only the words whose pass-1 best tag leads the second by
 * less than this (in weight units). On EWT and GUM dev, from 30 up, UPOS
 * and LAS are those of re-tagging every word (within 0.04), and tag+parse
 * is 10-15% faster (doc/NLP_RESULTS.md). */
#define SURE_MARGIN 40.0f
#define MAX_FEATS 64
#define START_CLASS 0xFFFFu

struct tkgp_tagger {
  tkgp_model *model;   /* NULL while training */
  tkgp_perc perc[2];   /* pass 1, pass 2 (n_classes 0: no second pass) */
  uint32_t n_classes;
  const uint32_t *classes;  /* 4 per class: upos, xpos, feats offsets, 0 */
  tkgp_lemmatizer lm;
  float sure_margin;   /* pass 2 skips words pass 1 leads by this much */
};

/* ---- per-word features --------------------------------------------------- */

static void tokinfo(const tkgp_lemmatizer *lm, const char *form, tkgp_tokinfo *ti)
{
  size_t len = strlen(form), k;
  char shape[24];
  size_t sl = 0;
  int run = 0;
  char last = 0;
  unsigned letters = 0, uppers = 0;
  const tkgp_kmap_slot *s;

  ti->form = tkgp_hash_str(form);
  ti->lower = tkgp_hash_lower(form);
  for (k = 0; k < 4; k++) {
    size_t m = k + 1;
    if (len >= m) {
      char buf[8];
      for (size_t j = 0; j < m; j++) {
        char c = form[len - m + j];
        buf[j] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
      }
      ti->suf[k] = tkgp_hash_bytes(buf, m);
    } else {
      ti->suf[k] = 0x5ull + k;
    }
  }
  for (k = 0; k < 3; k++) {
    size_t m = k + 1;
    if (len >= m) {
      char buf[8];
      for (size_t j = 0; j < m; j++) {
        char c = form[j];
        buf[j] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
      }
      ti->pre[k] = tkgp_hash_bytes(buf, m);
    } else {
      ti->pre[k] = 0x15ull + k;
    }
  }
  ti->flags = 0;
  for (k = 0; k < len; k++) {
    unsigned char c = (unsigned char)form[k];
    char cl;
    if (c >= 'A' && c <= 'Z') {
      cl = 'X';
      letters++;
      uppers++;
      ti->flags |= 2;
      if (k == 0)
        ti->flags |= 32;
    } else if (c >= 'a' && c <= 'z') {
      cl = 'x';
      letters++;
    } else if (c >= '0' && c <= '9') {
      cl = 'd';
      ti->flags |= 1;
    } else if (c >= 0x80) {
      if ((c & 0xC0) == 0x80)
        continue;
      cl = 'u';
      ti->flags |= 64;
    } else {
      cl = (char)c;
      if (c == '-')
        ti->flags |= 8;
      if (c == '.')
        ti->flags |= 16;
    }
    if (cl == last) {
      if (++run > 4)
        continue;
    } else {
      run = 1;
      last = cl;
    }
    if (sl < sizeof shape)
      shape[sl++] = cl;
  }
  if (letters >= 2 && uppers == letters)
    ti->flags |= 4;
  ti->flags |= (uint32_t)(len > 12 ? 12 : len) << 8;
  ti->shape = tkgp_hash_bytes(shape, sl);
  ti->wn = lm->wn.slots ? tkgp_kmap32_get(&lm->wn, ti->lower) : 0;
  s = lm->amb.slots ? tkgp_kmap_get(&lm->amb, ti->lower) : NULL;
  ti->amb = s ? ((uint64_t)s->b << 32 | s->a) : 0;
}

static const tkgp_tokinfo bos = {11, 11, 11, {11, 11, 11, 11}, {11, 11, 11}, 11, 0x10000, 0, 0};
static const tkgp_tokinfo eos = {13, 13, 13, {13, 13, 13, 13}, {13, 13, 13}, 13, 0x20000, 0, 0};

/* Features of word I. CLS holds the tags chosen left of I and, when RIGHT,
 * the first pass's tags right of I. */
static size_t features(const tkgp_tokinfo *ti, size_t n, size_t i,
                       const uint32_t *cls, int right, uint64_t *f)
{
  const tkgp_tokinfo *w = &ti[i];
  const tkgp_tokinfo *p1 = i >= 1 ? &ti[i - 1] : &bos;
  const tkgp_tokinfo *p2 = i >= 2 ? &ti[i - 2] : &bos;
  const tkgp_tokinfo *n1 = i + 1 < n ? &ti[i + 1] : &eos;
  const tkgp_tokinfo *n2 = i + 2 < n ? &ti[i + 2] : &eos;
  uint64_t t1 = i >= 1 ? cls[i - 1] : START_CLASS;
  uint64_t t2 = i >= 2 ? cls[i - 2] : START_CLASS;
  size_t k = 0;
  unsigned base = right ? 100 : 0;

#define F(t, a, b, c) f[k++] = tkgp_feat3(base + (t), (a), (b), (c))
  F(0, 0, 0, 0);
  F(1, w->lower, 0, 0);
  F(2, w->form, 0, 0);
  F(3, w->suf[0], 0, 0);
  F(4, w->suf[1], 0, 0);
  F(5, w->suf[2], 0, 0);
  F(6, w->suf[3], 0, 0);
  F(7, w->pre[0], 0, 0);
  F(8, w->pre[1], 0, 0);
  F(9, w->pre[2], 0, 0);
  F(10, w->shape, 0, 0);
  F(11, w->flags, 0, 0);
  F(12, w->wn, 0, 0);
  F(13, p1->lower, 0, 0);
  F(14, p2->lower, 0, 0);
  F(15, n1->lower, 0, 0);
  F(16, n2->lower, 0, 0);
  F(17, p1->suf[2], 0, 0);
  F(18, n1->suf[2], 0, 0);
  F(19, p1->shape, 0, 0);
  F(20, n1->shape, 0, 0);
  F(21, t1, 0, 0);
  F(22, t1, t2, 0);
  F(23, t1, w->lower, 0);
  F(24, t2, 0, 0);
  F(25, p1->lower, w->lower, 0);
  F(26, w->lower, n1->lower, 0);
  F(27, n1->wn, 0, 0);
  F(28, p1->wn, 0, 0);
  F(29, t1, w->suf[2], 0);
  F(30, i == 0, w->shape, 0);
  F(31, t1, n1->lower, 0);
  F(32, n1->suf[1], 0, 0);
  F(33, w->wn, w->suf[2], 0);
  F(34, n2->shape, 0, 0);
  F(35, w->amb, 0, 0);
  F(36, w->amb, t1, 0);
  F(37, w->amb, n1->amb, 0);
  F(38, p1->amb, w->amb, 0);
  F(39, w->amb, w->suf[1], 0);
  if (right) {
    uint64_t r1 = i + 1 < n ? cls[i + 1] : START_CLASS + 1;
    uint64_t r2 = i + 2 < n ? cls[i + 2] : START_CLASS + 1;
    F(40, r1, 0, 0);
    F(41, r1, r2, 0);
    F(42, r1, w->lower, 0);
    F(43, t1, r1, 0);
    F(44, r1, w->suf[2], 0);
    F(45, r2, 0, 0);
    F(46, r1, n1->lower, 0);
    F(47, t1, r1, w->lower);
    F(48, w->amb, r1, 0);
    F(49, t1, w->amb, r1);
  }
#undef F
  return k;
}

/* ---- model ------------------------------------------------------------- */

typedef struct sections {
  const void *data[N_SECS];
  size_t size[N_SECS];
} sections;

static const uint32_t sec_ids[N_SECS] = {SEC_PARAM, SEC_CLASS, SEC_STRS,
                                         SEC_PERC, SEC_PER2, SEC_LEX,
                                         SEC_WN, SEC_EXC, SEC_AMB};

/* Point T at the sections; every count is checked against its section. */
static int bind(tkgp_tagger *t, const sections *s, int with_perc)
{
  uint32_t prm[4];
  if (s->size[0] < sizeof prm)
    return TKG_EDATA;
  memcpy(prm, s->data[0], sizeof prm);
  if (prm[1] != FEATURE_VERSION || prm[0] == 0 || prm[0] >= START_CLASS ||
      s->size[1] < (size_t)prm[0] * 16)
    return TKG_EDATA;
  t->n_classes = prm[0];
  t->classes = s->data[1];
  if (tkgp_strtab_view(&t->lm.strs, s->data[2], s->size[2]) < 0 ||
      tkgp_kmap_view(&t->lm.lex, s->data[5], s->size[5]) < 0 ||
      tkgp_kmap32_view(&t->lm.wn, s->data[6], s->size[6]) < 0 ||
      tkgp_kmap_view(&t->lm.exc, s->data[7], s->size[7]) < 0 ||
      tkgp_kmap_view(&t->lm.amb, s->data[8], s->size[8]) < 0)
    return TKG_EDATA;
  if (with_perc) {
    if (tkgp_perc_view(&t->perc[0], s->data[3], s->size[3]) < 0 ||
        t->perc[0].n_classes != t->n_classes)
      return TKG_EDATA;
    if (prm[2]) {
      if (tkgp_perc_view(&t->perc[1], s->data[4], s->size[4]) < 0 ||
          t->perc[1].n_classes != t->n_classes)
        return TKG_EDATA;
    }
  }
  return 0;
}

int tkgp_tagger_open(tkgp_tagger **out, tkg_world *world, const char *path)
{
  tkgp_tagger *t = calloc(1, sizeof *t);
  sections s;
  int rc;

  *out = NULL;
  if (!t)
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  rc = tkgp_model_open(&t->model, world, path, TKGP_KIND_TAGGER);
  if (rc < 0)
    goto fail;
  memset(&s, 0, sizeof s);
  for (int i = 0; i < N_SECS; i++) {
    if (i == 4)
      continue;  /* optional */
    rc = tkgp_model_section(t->model, world, sec_ids[i], &s.data[i], &s.size[i]);
    if (rc < 0)
      goto fail;
  }
  if (tkgp_model_section(t->model, NULL, SEC_PER2, &s.data[4], &s.size[4]) < 0) {
    s.data[4] = NULL;
    s.size[4] = 0;
  }
  {
    uint32_t prm[4];
    if (s.size[0] >= sizeof prm) {
      memcpy(prm, s.data[0], sizeof prm);
      if (prm[1] != FEATURE_VERSION) {
        rc = tkgp_error(world, TKG_EDATA,
                        "%s: tagger model has feature set %u, this textkg needs %u (retrain it)",
                        path, prm[1], FEATURE_VERSION);
        goto fail;
      }
    }
  }
  rc = bind(t, &s, 1);
  if (rc < 0) {
    rc = tkgp_error(world, TKG_EDATA, "%s: malformed tagger model", path);
    goto fail;
  }
  t->sure_margin = SURE_MARGIN;
  *out = t;
  return 0;
fail:
  tkgp_tagger_close(t);
  return rc;
}

void tkgp_tagger_close(tkgp_tagger *t)
{
  if (!t)
    return;
  if (!t->model) {
    tkgp_perc_finish(&t->perc[0]);
    tkgp_perc_finish(&t->perc[1]);
  }
  tkgp_model_close(t->model);
  free(t);
}

static uint32_t argmax_i(const int32_t *s, uint32_t n)
{
  uint32_t best = 0;
  for (uint32_t c = 1; c < n; c++)
    if (s[c] > s[best])
      best = c;
  return best;
}

/* Tag TI[0, N) into CLS: pass 1 left to right, then pass 2 (with pass 1's
 * tags to the right) over the words pass 1 was not sure of. */
static void decode(const tkgp_tagger *t, tkgp_tokinfo *ti, size_t n,
                   uint32_t *cls)
{
  uint64_t f[MAX_FEATS];
  int32_t scores[1024];  /* >= tkgp_perc_score_size(): n_classes < 1024 */
  int passes = t->perc[1].n_classes ? 2 : 1;

  for (int pass = 0; pass < passes; pass++)
    for (size_t i = 0; i < n; i++) {
      size_t nf;
      uint32_t best;
      if (pass == 1 && ti[i].margin >= t->sure_margin)
        continue;
      nf = features(ti, n, i, cls, pass, f);
      memset(scores, 0, tkgp_perc_score_size(&t->perc[pass]) * sizeof *scores);
      tkgp_perc_score(&t->perc[pass], f, nf, scores);
      best = argmax_i(scores, t->n_classes);
      if (pass == 0) {
        int32_t second = INT32_MIN;
        for (uint32_t c = 0; c < t->n_classes; c++)
          if (c != best && scores[c] > second)
            second = scores[c];
        ti[i].margin = (float)((double)scores[best] - second) * t->perc[0].scale;
      }
      cls[i] = best;
    }
}

void tkgp_tagger_set_thorough(tkgp_tagger *t)
{
  t->sure_margin = HUGE_VALF;
}

static int same_ascii_nocase(const char *a, const char *b)
{
  for (; *a && *b; a++, b++) {
    char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
    char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
    if (x != y)
      return 0;
  }
  return *a == *b;
}

int tkgp_tagger_run(const tkgp_tagger *t, tkgp_nlp_word *words, size_t n,
                    tkgp_tokinfo *ti, uint32_t *cls, tkgp_arena *arena)
{
  for (size_t i = 0; i < n; i++)
    tokinfo(&t->lm, words[i].form, &ti[i]);
  decode(t, ti, n, cls);
  for (size_t i = 0; i < n; i++) {
    const uint32_t *c = &t->classes[4 * cls[i]];
    const tkgp_kmap_slot *s = tkgp_kmap_get(&t->lm.lex, tkgp_lex_key(ti[i].lower, cls[i]));
    words[i].upos = tkgp_strtab_get(&t->lm.strs, c[0]);
    words[i].xpos = tkgp_strtab_get(&t->lm.strs, c[1]);
    words[i].feats = tkgp_strtab_get(&t->lm.strs, s ? s->b : c[2]);
    if (s) {
      words[i].lemma = tkgp_strtab_get(&t->lm.strs, s->a);
      /* a proper noun's lemma is its form: keep the case it is written in */
      if (strcmp(words[i].upos, "PROPN") == 0 &&
          same_ascii_nocase(words[i].lemma, words[i].form))
        words[i].lemma = words[i].form;
    } else {
      words[i].lemma = tkgp_lemmatize(&t->lm, words[i].form, ti[i].lower, cls[i],
                                      words[i].upos, words[i].xpos, arena);
      if (!words[i].lemma)
        return TKG_ENOMEM;
    }
  }
  return 0;
}

/* ---- training ------------------------------------------------------------ */

typedef struct trainer {
  tkgp_strmap *strs, *classes, *lex, *clsfeats, *masks, *exc;
  tkgp_buf sec[N_SECS];
  uint32_t *gold, *dev_gold;
  tkgp_tokinfo *ti, *dev_ti;
} trainer;

static int intern(tkgp_strmap *strs, const char *s, uint32_t *idx)
{
  size_t i;
  if (!tkgp_strmap_slot(strs, s, strlen(s), &i))
    return TKG_ENOMEM;
  *idx = (uint32_t)i;
  return 0;
}

static int class_of(tkgp_strmap *classes, const tkgp_nlp_word *w, int create,
                    uint32_t *cls)
{
  char key[256];
  size_t i;
  int len = snprintf(key, sizeof key, "%s\001%s", w->upos, w->xpos);
  if (len < 0 || (size_t)len >= sizeof key)
    return TKG_EINPUT;
  if (!create) {
    /* look up without inserting: compare by scanning is too slow, so insert
     * into a probe and check the index is old */
    size_t before = tkgp_strmap_count(classes);
    if (!tkgp_strmap_slot(classes, key, (size_t)len, &i))
      return TKG_ENOMEM;
    *cls = i < before ? (uint32_t)i : UINT32_MAX;
    return 0;
  }
  if (!tkgp_strmap_slot(classes, key, (size_t)len, &i))
    return TKG_ENOMEM;
  *cls = (uint32_t)i;
  return 0;
}

static void lower_copy(char *dst, const char *src, size_t cap)
{
  size_t i;
  for (i = 0; src[i] && i + 1 < cap; i++) {
    char c = src[i];
    dst[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
  }
  dst[i] = '\0';
}

/* Lexicon, class table, WordNet maps and strings, into sections 0..2, 5..7. */
static int build_tables(trainer *tr, tkg_world *world, const tkgp_corpus *train,
                        const tkgp_train_opts *opts, uint32_t n_classes)
{
  tkgp_strmap *best = NULL;
  tkgp_kmap_slot *items = NULL;
  size_t n_items = 0, cap_items = 0;
  uint32_t *clsfeat = NULL;
  long *clsfeat_n = NULL;
  int rc = 0;
  char key[1024];

#define PUSH(k_, a_, b_)                                                    \
  do {                                                                     \
    if (n_items == cap_items) {                                            \
      size_t nc_ = cap_items ? cap_items * 2 : 4096;                       \
      tkgp_kmap_slot *ni_ = realloc(items, nc_ * sizeof *ni_);             \
      if (!ni_) {                                                          \
        rc = TKG_ENOMEM;                                                   \
        goto cleanup;                                                      \
      }                                                                    \
      items = ni_;                                                         \
      cap_items = nc_;                                                     \
    }                                                                      \
    items[n_items].key = (k_);                                             \
    items[n_items].a = (a_);                                               \
    items[n_items].b = (b_);                                               \
    n_items++;                                                             \
  } while (0)

  /* counts of (lower form, class, lemma, feats) and (class, feats) */
  for (size_t i = 0; i < train->n_words; i++) {
    const tkgp_nlp_word *w = &train->words[i];
    char low[512];
    long *v;
    int len;
    lower_copy(low, w->form, sizeof low);
    len = snprintf(key, sizeof key, "%s\001%u\001%s\001%s", low, tr->gold[i],
                   w->lemma, w->feats);
    if (len < 0 || (size_t)len >= sizeof key)
      continue;
    if (!(v = tkgp_strmap_slot(tr->lex, key, (size_t)len, NULL)))
      goto nomem;
    ++*v;
    len = snprintf(key, sizeof key, "%u\001%s", tr->gold[i], w->feats);
    if (len < 0 || (size_t)len >= sizeof key)
      continue;
    if (!(v = tkgp_strmap_slot(tr->clsfeats, key, (size_t)len, NULL)))
      goto nomem;
    ++*v;
    /* training lemmas count as known lemmas for morphy */
    {
      long bit = 0;
      if (strcmp(w->upos, "NOUN") == 0)
        bit = TKGP_WN_NOUN;
      else if (strcmp(w->upos, "VERB") == 0 || strcmp(w->upos, "AUX") == 0)
        bit = TKGP_WN_VERB;
      else if (strcmp(w->upos, "ADJ") == 0)
        bit = TKGP_WN_ADJ;
      else if (strcmp(w->upos, "ADV") == 0)
        bit = TKGP_WN_ADV;
      if (bit) {
        lower_copy(low, w->lemma, sizeof low);
        if (!(v = tkgp_strmap_slot(tr->masks, low, strlen(low), NULL)))
          goto nomem;
        *v |= bit;
      }
    }
  }
  if (opts->wordnet) {
    rc = tkgp_wordnet_load(world, opts->wordnet, tr->masks, tr->exc, tr->strs);
    if (rc < 0)
      goto cleanup;
  }

  /* lexicon: most frequent (lemma, feats) of each (lower form, class) */
  if (tkgp_strmap_new(&best) < 0)
    goto nomem;
  {
    size_t n = tkgp_strmap_count(tr->lex);
    size_t *choice = calloc(n ? n : 1, sizeof *choice);
    if (!choice)
      goto nomem;
    for (size_t e = 0; e < n; e++) {
      const char *k = tkgp_strmap_key(tr->lex, e);
      const char *sep = strchr(k, '\001');
      size_t bi;
      long *v;
      sep = strchr(sep + 1, '\001');
      if (!(v = tkgp_strmap_slot(best, k, (size_t)(sep - k), &bi))) {
        free(choice);
        goto nomem;
      }
      if (*v == 0 || tkgp_strmap_value(tr->lex, e) > tkgp_strmap_value(tr->lex, choice[bi])) {
        *v = 1;
        choice[bi] = e;
      }
    }
    for (size_t bi = 0; bi < tkgp_strmap_count(best); bi++) {
      char buf[1024];
      char *f1, *f2, *f3;
      uint32_t lemma, feats, cls;
      strcpy(buf, tkgp_strmap_key(tr->lex, choice[bi]));
      f1 = strchr(buf, '\001');
      *f1++ = '\0';
      f2 = strchr(f1, '\001');
      *f2++ = '\0';
      f3 = strchr(f2, '\001');
      *f3++ = '\0';
      cls = (uint32_t)strtoul(f1, NULL, 10);
      if (intern(tr->strs, f2, &lemma) < 0 || intern(tr->strs, f3, &feats) < 0) {
        free(choice);
        goto nomem;
      }
      PUSH(tkgp_lex_key(tkgp_hash_lower(buf), cls), lemma, feats);
    }
    free(choice);
  }
  /* class defaults */
  clsfeat = calloc(n_classes, sizeof *clsfeat);
  clsfeat_n = calloc(n_classes, sizeof *clsfeat_n);
  if (!clsfeat || !clsfeat_n)
    goto nomem;
  for (size_t e = 0; e < tkgp_strmap_count(tr->clsfeats); e++) {
    const char *k = tkgp_strmap_key(tr->clsfeats, e);
    uint32_t cls = (uint32_t)strtoul(k, NULL, 10), fi;
    long c = tkgp_strmap_value(tr->clsfeats, e);
    if (cls < n_classes && c > clsfeat_n[cls]) {
      if (intern(tr->strs, strchr(k, '\001') + 1, &fi) < 0)
        goto nomem;
      clsfeat[cls] = fi;
      clsfeat_n[cls] = c;
    }
  }
  /* string table: offsets replace indices */
  {
    size_t ns = tkgp_strmap_count(tr->strs);
    uint32_t *off = malloc((ns ? ns : 1) * sizeof *off);
    if (!off)
      goto nomem;
    for (size_t i = 0; i < ns; i++)
      if (tkgp_buf_append_str(&tr->sec[2], tkgp_strmap_key(tr->strs, i), &off[i]) < 0) {
        free(off);
        goto nomem;
      }
    for (size_t i = 0; i < n_items; i++) {
      items[i].a = off[items[i].a];
      items[i].b = off[items[i].b];
    }
    if (tkgp_kmap_build(&tr->sec[5], items, n_items) < 0) {
      free(off);
      goto nomem;
    }
    /* class table */
    for (uint32_t c = 0; c < n_classes; c++) {
      char buf[256];
      uint32_t row[4], ui, xi;
      char *sep;
      strcpy(buf, tkgp_strmap_key(tr->classes, c));
      sep = strchr(buf, '\001');
      *sep = '\0';
      if (intern(tr->strs, buf, &ui) < 0 || intern(tr->strs, sep + 1, &xi) < 0) {
        free(off);
        goto nomem;
      }
      /* interned before the table was written: all class strings are, as
       * the corpus pass interned them first (see train) */
      if (ui >= ns || xi >= ns) {
        free(off);
        rc = TKG_ERROR;
        goto cleanup;
      }
      row[0] = off[ui];
      row[1] = off[xi];
      row[2] = off[clsfeat[c]];
      row[3] = 0;
      if (tkgp_buf_append(&tr->sec[1], row, sizeof row) < 0) {
        free(off);
        goto nomem;
      }
    }
    /* WordNet exceptions */
    n_items = 0;
    for (size_t e = 0; e < tkgp_strmap_count(tr->exc); e++) {
      const char *k = tkgp_strmap_key(tr->exc, e);
      PUSH(tkgp_exc_key(k + 2, k[0]),
           off[tkgp_strmap_value(tr->exc, e) - 1], 0);
    }
    free(off);
    if (tkgp_kmap_build(&tr->sec[7], items, n_items) < 0)
      goto nomem;
  }
  /* ambiguity classes: the set of tags of each frequent word */
  {
    tkgp_strmap *words = NULL;
    uint64_t (*sets)[16] = NULL;
    long *freq = NULL;
    size_t cap = 0;
    if (tkgp_strmap_new(&words) < 0)
      goto nomem;
    for (size_t i = 0; i < train->n_words; i++) {
      char low[512];
      size_t wi;
      lower_copy(low, train->words[i].form, sizeof low);
      if (!tkgp_strmap_slot(words, low, strlen(low), &wi)) {
        tkgp_strmap_free(words);
        free(sets);
        free(freq);
        goto nomem;
      }
      if (wi >= cap) {
        size_t ncap = cap ? cap * 2 : 65536;
        void *ns = realloc(sets, ncap * sizeof *sets), *nf;
        if (!ns) {
          tkgp_strmap_free(words);
          free(sets);
          free(freq);
          goto nomem;
        }
        sets = ns;
        nf = realloc(freq, ncap * sizeof *freq);
        if (!nf) {
          tkgp_strmap_free(words);
          free(sets);
          free(freq);
          goto nomem;
        }
        freq = nf;
        memset(sets + cap, 0, (ncap - cap) * sizeof *sets);
        memset(freq + cap, 0, (ncap - cap) * sizeof *freq);
        cap = ncap;
      }
      sets[wi][tr->gold[i] / 64] |= 1ull << (tr->gold[i] % 64);
      freq[wi]++;
    }
    n_items = 0;
    for (size_t e = 0; e < tkgp_strmap_count(words); e++) {
      uint64_t h;
      if (freq[e] < AMB_MIN_COUNT)
        continue;
      h = tkgp_hfin(tkgp_hash_bytes(sets[e], sizeof sets[e])) | 1;
      PUSH(tkgp_hash_lower(tkgp_strmap_key(words, e)), (uint32_t)h, (uint32_t)(h >> 32));
    }
    tkgp_strmap_free(words);
    free(sets);
    free(freq);
    if (n_items == 0)
      PUSH(1, 0, 0);
    if (tkgp_kmap_build(&tr->sec[8], items, n_items) < 0)
      goto nomem;
  }
  n_items = 0;
  for (size_t e = 0; e < tkgp_strmap_count(tr->masks); e++)
    PUSH(tkgp_hash_lower(tkgp_strmap_key(tr->masks, e)),
         (uint32_t)tkgp_strmap_value(tr->masks, e), 0);
  if (tkgp_kmap32_build(&tr->sec[6], items, n_items) < 0)
    goto nomem;
  {
    uint32_t prm[4] = {n_classes, FEATURE_VERSION, 1, 0};
    if (tkgp_buf_append(&tr->sec[0], prm, sizeof prm) < 0)
      goto nomem;
  }
  goto cleanup;
#undef PUSH
nomem:
  rc = TKG_ENOMEM;
cleanup:
  tkgp_strmap_free(best);
  free(items);
  free(clsfeat);
  free(clsfeat_n);
  return rc;
}

static void eval_dev(const tkgp_tagger *t, const tkgp_corpus *dev,
                     tkgp_tokinfo *ti, tkgp_score *score)
{
  tkgp_nlp_word *pred = malloc((dev->n_words ? dev->n_words : 1) * sizeof *pred);
  uint32_t *cls = malloc((dev->n_words ? dev->n_words : 1) * sizeof *cls);
  tkgp_arena arena;

  memset(score, 0, sizeof *score);
  if (!pred || !cls) {
    free(pred);
    free(cls);
    return;
  }
  tkgp_arena_init(&arena, 0);
  for (size_t s = 0; s < dev->n_sents; s++) {
    size_t a = dev->start[s], n = dev->start[s + 1] - a;
    for (size_t i = 0; i < n; i++) {
      memset(&pred[a + i], 0, sizeof *pred);
      pred[a + i].form = dev->words[a + i].form;
      pred[a + i].head = -1;
    }
    tkgp_tagger_run(t, pred + a, n, ti + a, cls + a, &arena);
    tkgp_score_add(score, pred + a, dev->words + a, n);
  }
  tkgp_arena_finish(&arena);
  free(pred);
  free(cls);
}

int tkgp_tagger_train(tkg_world *world, const tkgp_corpus *train,
                      const tkgp_corpus *dev, const tkgp_train_opts *opts,
                      const char *path)
{
  trainer tr;
  tkgp_tagger t;
  tkgp_perc_train *pt[2] = {NULL, NULL};
  tkgp_perc best[2];
  tkgp_model_writer *mw = NULL;
  size_t *order = NULL;
  uint32_t *cls = NULL, n_classes;
  uint64_t rng = opts->seed ? opts->seed : 1;
  double best_acc = -1;
  int rc = 0, best_epoch = 0;

  memset(&tr, 0, sizeof tr);
  memset(&t, 0, sizeof t);
  memset(best, 0, sizeof best);
  t.sure_margin = HUGE_VALF; /* dev scores of the full second pass */
  if (tkgp_strmap_new(&tr.strs) < 0 || tkgp_strmap_new(&tr.classes) < 0 ||
      tkgp_strmap_new(&tr.lex) < 0 || tkgp_strmap_new(&tr.clsfeats) < 0 ||
      tkgp_strmap_new(&tr.masks) < 0 || tkgp_strmap_new(&tr.exc) < 0)
    goto nomem;
  tr.gold = malloc((train->n_words + 1) * sizeof *tr.gold);
  tr.dev_gold = malloc((dev->n_words + 1) * sizeof *tr.dev_gold);
  tr.ti = malloc((train->n_words + 1) * sizeof *tr.ti);
  tr.dev_ti = malloc((dev->n_words + 1) * sizeof *tr.dev_ti);
  order = malloc((train->n_sents + 1) * sizeof *order);
  cls = malloc((train->n_words + 1) * sizeof *cls);
  if (!tr.gold || !tr.dev_gold || !tr.ti || !tr.dev_ti || !order || !cls)
    goto nomem;
  for (size_t i = 0; i < train->n_words; i++) {
    uint32_t u;
    if (class_of(tr.classes, &train->words[i], 1, &tr.gold[i]) < 0 ||
        intern(tr.strs, train->words[i].upos, &u) < 0 ||
        intern(tr.strs, train->words[i].xpos, &u) < 0)
      goto nomem;
  }
  n_classes = (uint32_t)tkgp_strmap_count(tr.classes);
  if (n_classes == 0 || n_classes >= 1024) {
    rc = tkgp_error(world, TKG_EINPUT, "training data has %u tag classes",
                    n_classes);
    goto cleanup;
  }
  rc = build_tables(&tr, world, train, opts, n_classes);
  if (rc < 0) {
    if (rc == TKG_ENOMEM)
      goto nomem;
    goto cleanup;
  }
  {
    sections s;
    for (int i = 0; i < N_SECS; i++) {
      s.data[i] = tr.sec[i].data;
      s.size[i] = tr.sec[i].len;
    }
    rc = bind(&t, &s, 0);
    if (rc < 0) {
      rc = tkgp_error(world, rc, "internal error building tagger tables");
      goto cleanup;
    }
  }
  for (size_t i = 0; i < train->n_words; i++)
    tokinfo(&t.lm, train->words[i].form, &tr.ti[i]);
  for (size_t i = 0; i < dev->n_words; i++)
    tokinfo(&t.lm, dev->words[i].form, &tr.dev_ti[i]);
  if (tkgp_perc_train_new(&pt[0], n_classes) < 0 ||
      tkgp_perc_train_new(&pt[1], n_classes) < 0)
    goto nomem;
  for (size_t s = 0; s < train->n_sents; s++)
    order[s] = s;

  for (int epoch = 1; epoch <= opts->epochs; epoch++) {
    double t0 = tkgp_now();
    size_t correct[2] = {0, 0};
    uint64_t f[MAX_FEATS];
    float scores[1024];
    tkgp_score sc;
    tkgp_perc fr[2];

    tkgp_shuffle(order, train->n_sents, &rng);
    for (size_t oi = 0; oi < train->n_sents; oi++) {
      size_t a = train->start[order[oi]], n = train->start[order[oi] + 1] - a;
      for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
          size_t nf = features(tr.ti + a, n, i, cls + a, pass, f);
          uint32_t g = tr.gold[a + i], p = 0;
          tkgp_perc_train_score(pt[pass], f, nf, scores);
          for (uint32_t c = 1; c < n_classes; c++)
            if (scores[c] > scores[p])
              p = c;
          if (p != g) {
            if (tkgp_perc_train_update(pt[pass], f, nf, g, 1.0f) < 0 ||
                tkgp_perc_train_update(pt[pass], f, nf, p, -1.0f) < 0)
              goto nomem;
          } else {
            correct[pass]++;
          }
          tkgp_perc_train_tick(pt[pass]);
          cls[a + i] = p;
        }
    }
    if (tkgp_perc_freeze(pt[0], opts->prune, &fr[0]) < 0)
      goto nomem;
    if (tkgp_perc_freeze(pt[1], opts->prune, &fr[1]) < 0) {
      tkgp_perc_finish(&fr[0]);
      goto nomem;
    }
    t.perc[0] = fr[0];
    t.perc[1] = fr[1];
    eval_dev(&t, dev, tr.dev_ti, &sc);
    if (!opts->quiet) {
      size_t nfeat, nw;
      tkgp_perc_train_stats(pt[1], &nfeat, &nw);
      fprintf(stderr,
              "textkg: tagger epoch %d: train %.2f%% / %.2f%%, dev UPOS %.2f%% "
              "XPOS %.2f%% UFeats %.2f%% lemma %.2f%% (%zu features, %zu weights, %.1fs)\n",
              epoch, 100.0 * correct[0] / train->n_words,
              100.0 * correct[1] / train->n_words,
              100.0 * sc.upos / (sc.words ? sc.words : 1),
              100.0 * sc.xpos / (sc.words ? sc.words : 1),
              100.0 * sc.feats / (sc.words ? sc.words : 1),
              100.0 * sc.lemma / (sc.words ? sc.words : 1), nfeat, nw,
              tkgp_now() - t0);
    }
    if ((double)(sc.upos + sc.xpos) > best_acc) {
      best_acc = (double)(sc.upos + sc.xpos);
      best_epoch = epoch;
      tkgp_perc_finish(&best[0]);
      tkgp_perc_finish(&best[1]);
      best[0] = fr[0];
      best[1] = fr[1];
    } else {
      tkgp_perc_finish(&fr[0]);
      tkgp_perc_finish(&fr[1]);
    }
    memset(t.perc, 0, sizeof t.perc);
  }
  for (int k = 0; opts->prune_scan && k < 8; k++) {
    static const float thr[8] = {0.25f, 0.5f, 1, 2, 3, 5, 8, 12};
    tkgp_perc fr[2];
    tkgp_score sc;
    if (tkgp_perc_freeze(pt[0], thr[k], &fr[0]) < 0)
      goto nomem;
    if (tkgp_perc_freeze(pt[1], thr[k], &fr[1]) < 0) {
      tkgp_perc_finish(&fr[0]);
      goto nomem;
    }
    t.perc[0] = fr[0];
    t.perc[1] = fr[1];
    eval_dev(&t, dev, tr.dev_ti, &sc);
    fprintf(stderr, "textkg: tagger: prune %.2f: %u+%u entries, %u+%u slots, dev UPOS %.2f%% XPOS %.2f%%\n",
            thr[k], fr[0].n_entries, fr[1].n_entries, fr[0].n_slots, fr[1].n_slots,
            100.0 * sc.upos / (sc.words ? sc.words : 1),
            100.0 * sc.xpos / (sc.words ? sc.words : 1));
    tkgp_perc_finish(&fr[0]);
    tkgp_perc_finish(&fr[1]);
    memset(t.perc, 0, sizeof t.perc);
  }
  if (!opts->quiet)
    fprintf(stderr, "textkg: tagger: keeping epoch %d\n", best_epoch);

  if (tkgp_model_writer_new(&mw, TKGP_KIND_TAGGER) < 0)
    goto nomem;
  for (int i = 0; i < N_SECS; i++) {
    tkgp_buf b = {0};
    if (i == 3 || i == 4) {
      if (tkgp_perc_serialize(&best[i - 3], &b) < 0) {
        tkgp_buf_finish(&b);
        goto nomem;
      }
      rc = tkgp_model_writer_add(mw, sec_ids[i], b.data, b.len);
      tkgp_buf_finish(&b);
    } else {
      rc = tkgp_model_writer_add(mw, sec_ids[i], tr.sec[i].data, tr.sec[i].len);
    }
    if (rc < 0)
      goto nomem;
  }
  rc = tkgp_model_writer_save(mw, world, path);
  goto cleanup;

nomem:
  rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
cleanup:
  tkgp_model_writer_free(mw);
  tkgp_perc_finish(&best[0]);
  tkgp_perc_finish(&best[1]);
  tkgp_perc_train_free(pt[0]);
  tkgp_perc_train_free(pt[1]);
  tkgp_strmap_free(tr.strs);
  tkgp_strmap_free(tr.classes);
  tkgp_strmap_free(tr.lex);
  tkgp_strmap_free(tr.clsfeats);
  tkgp_strmap_free(tr.masks);
  tkgp_strmap_free(tr.exc);
  for (int i = 0; i < N_SECS; i++)
    tkgp_buf_finish(&tr.sec[i]);
  free(tr.gold);
  free(tr.dev_gold);
  free(tr.ti);
  free(tr.dev_ti);
  free(order);
  free(cls);
  return rc;
}
