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
 *
 * Only what `textkg build` runs is here: training, which needs the same
 * features (tagger_impl.h), is train/tagger_train.c.
 */
#include "nlp/tagger_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define N_SECS TKGP_TAGGER_N_SECS
#define FEATURE_VERSION TKGP_TAGGER_FEATURE_VERSION
#define MAX_FEATS TKGP_TAGGER_MAX_FEATS
#define START_CLASS TKGP_TAGGER_START_CLASS

/* Pass 2 re-tags only the words whose pass-1 best tag leads the second by
 * less than this (in weight units). On EWT and GUM dev, from 30 up, UPOS
 * and LAS are those of re-tagging every word (within 0.04), and tag+parse
 * is 10-15% faster (doc/NLP_RESULTS.md). */
#define SURE_MARGIN 40.0f

const uint32_t tkgp_tagger_sec_ids[TKGP_TAGGER_N_SECS] = {
  TKGP_FOURCC('T', 'P', 'R', 'M'), TKGP_FOURCC('T', 'C', 'L', 'S'),
  TKGP_FOURCC('S', 'T', 'R', 'S'), TKGP_FOURCC('P', 'E', 'R', '1'),
  TKGP_FOURCC('P', 'E', 'R', '2'), TKGP_FOURCC('L', 'E', 'X', 'I'),
  TKGP_FOURCC('W', 'N', 'M', 'K'), TKGP_FOURCC('W', 'E', 'X', 'C'),
  TKGP_FOURCC('T', 'A', 'M', 'B')};

/* ---- per-word features --------------------------------------------------- */

void tkgp_tagger_tokinfo(const tkgp_lemmatizer *lm, const char *form,
                         tkgp_tokinfo *ti)
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

size_t tkgp_tagger_features(const tkgp_tokinfo *ti, size_t n, size_t i,
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

int tkgp_tagger_bind(tkgp_tagger *t, const tkgp_tagger_sections *s, int with_perc)
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
  tkgp_tagger_sections s;
  int rc;

  *out = NULL;
  if (!t)
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  rc = tkgp_model_open(&t->model, world, path, TKGP_KIND_TAGGER);
  if (rc < 0)
    goto fail;
  memset(&s, 0, sizeof s);
  for (int i = 0; i < N_SECS; i++) {
    if (i == TKGP_TSEC_PER2)
      continue;  /* optional */
    rc = tkgp_model_section(t->model, world, tkgp_tagger_sec_ids[i], &s.data[i],
                            &s.size[i]);
    if (rc < 0)
      goto fail;
  }
  if (tkgp_model_section(t->model, NULL, tkgp_tagger_sec_ids[TKGP_TSEC_PER2],
                         &s.data[TKGP_TSEC_PER2], &s.size[TKGP_TSEC_PER2]) < 0) {
    s.data[TKGP_TSEC_PER2] = NULL;
    s.size[TKGP_TSEC_PER2] = 0;
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
  rc = tkgp_tagger_bind(t, &s, 1);
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
      nf = tkgp_tagger_features(ti, n, i, cls, pass, f);
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
    tkgp_tagger_tokinfo(&t->lm, words[i].form, &ti[i]);
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
