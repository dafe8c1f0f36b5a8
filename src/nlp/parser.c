/* parser.c - greedy arc-hybrid dependency parser with labelled UD relations
 * SPDX-License-Identifier: MIT
 *
 * Transition system: arc-hybrid (Kuhlmann et al. 2011) with the root at
 * the bottom of the stack; SHIFT, LEFT-l (s0 <- b0) and RIGHT-l (s1 -> s0).
 * The root may take a dependent only when the buffer is empty, so every
 * parse is a tree with exactly one root. Transition and label are
 * predicted jointly (1 + 2L classes) by an averaged perceptron over ~100
 * feature templates after Zhang & Nivre (2011): words, suffixes and tags
 * (XPOS, and UPOS in a few) of the stack and buffer, the two outermost children on each side, distances,
 * valencies and label sets, adapted to arc-hybrid (s1 is where arc-eager
 * has the head of s0), plus the number of punctuation marks and verbs
 * between s1, s0 and b0. Seven of Zhang & Nivre's templates are left out
 * (b0's word+tag, s2's word+tag, and four s0-b0 / s1-s0 word pairs): they
 * overfit, and dev LAS rose by 0.3 when they were dropped.
 *
 * Training uses the dynamic oracle of Goldberg & Nivre (2013): at each
 * state the costs of all transitions are computed against the gold tree,
 * the perceptron is updated towards the best zero-cost transition, and
 * after the first epoch the parser follows its own (possibly wrong)
 * prediction 90% of the time, so that it learns to recover from its
 * mistakes. With --ensemble N, N such runs (different shuffles and
 * exploration) are trained and their averaged weights averaged again: for
 * a linear model that scores like the ensemble of the N parsers, at the
 * cost of one. Arc-hybrid only builds projective trees: training trees are
 * projectivized by lifting (Nivre & Nilsson 2005, without label encoding),
 * so non-projective arcs are lost at parse time (under 1% of the arcs of
 * UD English; measured in doc/NLP_RESULTS.md).
 *
 * Cost: 2n transitions, each ~100 hash probes and a (1 + 2L)-way argmax.
 */
#include "nlp/nlp_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEC_PARAM TKGP_FOURCC('P', 'P', 'R', 'M')
#define SEC_LABELS TKGP_FOURCC('P', 'L', 'A', 'B')
#define SEC_STRS TKGP_FOURCC('S', 'T', 'R', 'S')
#define SEC_PERC TKGP_FOURCC('P', 'E', 'R', 'C')

#define FEATURE_VERSION 5u
#define MAX_FEATS 128
#define MAX_LABELS 500

/* Probability of following the model's own prediction when training after
 * the first epoch (Goldberg & Nivre's exploration; 0.9 tuned on EWT dev). */
#ifndef TKGP_PARSER_EXPLORE
#define TKGP_PARSER_EXPLORE 0.9
#endif

#define NONE_W 0x17ull
#define ROOT_W 0x19ull
#define NONE_L 0xFFFull

struct tkgp_parser {
  tkgp_model *model;
  tkgp_perc perc;
  uint32_t n_labels, root_label;
  const uint32_t *labels;   /* string offsets */
  tkgp_strtab strs;
};

struct tkgp_parse_scratch {
  size_t cap;
  int *stack;
  int *head, *label, *lc1, *lc2, *rc1, *rc2, *nl, *nr;
  uint64_t *lset, *rset, *w, *t, *sf, *u;
  int *gh, *gl;      /* training only: gold heads and labels */
  int *in_stack;
  int *npunct, *nverb; /* punctuation, verbs among words 1..i */
  int sp, b, n;
};

void tkgp_parse_scratch_free(tkgp_parse_scratch *s)
{
  if (!s)
    return;
  free(s->stack);
  free(s->head);
  free(s->lset);
  free(s);
}

int tkgp_parse_scratch_new(tkgp_parse_scratch **out, size_t cap)
{
  tkgp_parse_scratch *s = calloc(1, sizeof *s);
  size_t m = cap + 2;
  *out = NULL;
  if (!s)
    return TKG_ENOMEM;
  s->cap = cap;
  s->stack = malloc(m * sizeof(int));
  s->head = malloc(m * sizeof(int) * 13);
  s->lset = malloc(m * sizeof(uint64_t) * 6);
  if (!s->stack || !s->head || !s->lset) {
    tkgp_parse_scratch_free(s);
    return TKG_ENOMEM;
  }
  s->label = s->head + m;
  s->lc1 = s->head + 2 * m;
  s->lc2 = s->head + 3 * m;
  s->rc1 = s->head + 4 * m;
  s->rc2 = s->head + 5 * m;
  s->nl = s->head + 6 * m;
  s->nr = s->head + 7 * m;
  s->gh = s->head + 8 * m;
  s->gl = s->head + 9 * m;
  s->in_stack = s->head + 10 * m;
  s->npunct = s->head + 11 * m;
  s->nverb = s->head + 12 * m;
  s->rset = s->lset + m;
  s->w = s->lset + 2 * m;
  s->t = s->lset + 3 * m;
  s->sf = s->lset + 4 * m;
  s->u = s->lset + 5 * m;
  *out = s;
  return 0;
}

/* Words are 1..n, 0 is the root. W and T must be filled before. */
static void state_init(tkgp_parse_scratch *s, int n)
{
  size_t m = (size_t)n + 1;
  s->n = n;
  s->sp = 1;
  s->stack[0] = 0;
  s->b = 1;
  memset(s->head, 0xFF, m * sizeof(int));
  memset(s->label, 0xFF, m * sizeof(int));
  memset(s->lc1, 0, m * sizeof(int));
  memset(s->lc2, 0, m * sizeof(int));
  memset(s->rc1, 0, m * sizeof(int));
  memset(s->rc2, 0, m * sizeof(int));
  memset(s->nl, 0, m * sizeof(int));
  memset(s->nr, 0, m * sizeof(int));
  memset(s->lset, 0, m * sizeof(uint64_t));
  memset(s->rset, 0, m * sizeof(uint64_t));
  memset(s->in_stack, 0, m * sizeof(int));
  s->in_stack[0] = 1;
}

static int terminal(const tkgp_parse_scratch *s)
{
  return s->b > s->n && s->sp == 1;
}

static uint64_t dist_bucket(int d)
{
  if (d < 0)
    d = -d;
  if (d <= 4)
    return (uint64_t)d;
  if (d <= 6)
    return 5;
  if (d <= 9)
    return 6;
  return 7;
}

static size_t features(const tkgp_parse_scratch *s, uint64_t *f)
{
  int s0 = s->sp >= 1 ? s->stack[s->sp - 1] : -1;
  int s1 = s->sp >= 2 ? s->stack[s->sp - 2] : -1;
  int s2 = s->sp >= 3 ? s->stack[s->sp - 3] : -1;
  int b0 = s->b <= s->n ? s->b : -1;
  int b1 = s->b + 1 <= s->n ? s->b + 1 : -1;
  int b2 = s->b + 2 <= s->n ? s->b + 2 : -1;
  int s0l = s0 >= 0 ? s->lc1[s0] : 0, s0l2 = s0 >= 0 ? s->lc2[s0] : 0;
  int s0r = s0 >= 0 ? s->rc1[s0] : 0, s0r2 = s0 >= 0 ? s->rc2[s0] : 0;
  int s1r = s1 >= 0 ? s->rc1[s1] : 0, s1r2 = s1 >= 0 ? s->rc2[s1] : 0;
  int s1l = s1 >= 0 ? s->lc1[s1] : 0;
  int b0l = b0 >= 0 ? s->lc1[b0] : 0, b0l2 = b0 >= 0 ? s->lc2[b0] : 0;
  size_t k = 0;

#define W(x) ((x) < 0 ? NONE_W : s->w[x])
#define T(x) ((x) < 0 ? NONE_W : s->t[x])
#define C_W(x) ((x) <= 0 ? NONE_W : s->w[x])
#define SF(x) ((x) < 0 ? NONE_W : s->sf[x])
#define U(x) ((x) < 0 ? NONE_W : s->u[x])
#define C_T(x) ((x) <= 0 ? NONE_W : s->t[x])
#define C_L(x) ((x) <= 0 ? NONE_L : (uint64_t)s->label[x])
#define F(t, a, b, c) f[k++] = tkgp_feat3((t), (a), (b), (c))
  uint64_t s0w = W(s0), s0t = T(s0), s1w = W(s1), s1t = T(s1);
  uint64_t b0w = W(b0), b0t = T(b0), b1w = W(b1), b1t = T(b1);
  uint64_t b2w = W(b2), b2t = T(b2), s2t = T(s2);
  uint64_t s0wt = tkgp_hmix(s0w, s0t), b0wt = tkgp_hmix(b0w, b0t);
  uint64_t s1wt = tkgp_hmix(s1w, s1t);
  uint64_t s0lt = C_T(s0l), s0rt = C_T(s0r), b0lt = C_T(b0l), s1rt = C_T(s1r);
  uint64_t d = s0 >= 0 && b0 >= 0 ? dist_bucket(b0 - s0) : 15;
  uint64_t d2 = s0 >= 0 && s1 >= 0 ? dist_bucket(s0 - s1) : 15;
  uint64_t s0vl = s0 >= 0 ? (uint64_t)s->nl[s0] : 99, s0vr = s0 >= 0 ? (uint64_t)s->nr[s0] : 99;
  uint64_t b0vl = b0 >= 0 ? (uint64_t)s->nl[b0] : 99, s1vr = s1 >= 0 ? (uint64_t)s->nr[s1] : 99;
  uint64_t s0sl = s0 >= 0 ? s->lset[s0] : 1ull << 63, s0sr = s0 >= 0 ? s->rset[s0] : 1ull << 63;
  uint64_t b0sl = b0 >= 0 ? s->lset[b0] : 1ull << 63, s1sr = s1 >= 0 ? s->rset[s1] : 1ull << 63;
  /* punctuation and verbs strictly between s0 and b0, s1 and s0: a
   * comma or a verb in between often means another clause */
  uint64_t p01 = s0 >= 0 && b0 >= 0 ? (uint64_t)(s->npunct[b0 - 1] - s->npunct[s0]) : 9;
  uint64_t p10 = s1 >= 0 ? (uint64_t)(s->npunct[s0 - 1] - s->npunct[s1]) : 9;
  uint64_t v01 = s0 >= 0 && b0 >= 0 ? (uint64_t)(s->nverb[b0 - 1] - s->nverb[s0]) : 9;
  uint64_t v10 = s1 >= 0 ? (uint64_t)(s->nverb[s0 - 1] - s->nverb[s1]) : 9;

  F(0, 0, 0, 0);
  F(1, s0wt, 0, 0);
  F(2, s0w, 0, 0);
  F(3, s0t, 0, 0);
  F(5, b0w, 0, 0);
  F(6, b0t, 0, 0);
  F(7, b1w, b1t, 0);
  F(8, b1w, 0, 0);
  F(9, b1t, 0, 0);
  F(10, b2w, b2t, 0);
  F(11, b2w, 0, 0);
  F(12, b2t, 0, 0);
  F(13, s1wt, 0, 0);
  F(14, s1w, 0, 0);
  F(15, s1t, 0, 0);
  F(16, s2t, 0, 0);
  F(22, s0w, b0wt, 0);
  F(23, s0wt, b0t, 0);
  F(26, s0t, b0t, 0);
  F(27, b0t, b1t, 0);
  F(28, s1w, s0w, 0);
  F(29, s1t, s0t, 0);
  F(30, s1wt, s0t, 0);
  F(32, b0t, b1t, b2t);
  F(33, s0t, b0t, b1t);
  F(34, s1t, s0t, b0t);
  F(35, s0t, s0lt, b0t);
  F(36, s0t, s0rt, b0t);
  F(37, s0t, b0t, b0lt);
  F(38, s1t, s1rt, s0t);
  F(39, s2t, s1t, s0t);
  F(40, s1t, s0t, s0lt);
  F(41, s1t, s0t, s0rt);
  F(42, s0w, d, 0);
  F(43, s0t, d, 0);
  F(44, b0w, d, 0);
  F(45, b0t, d, 0);
  F(46, s0w, b0w, d);
  F(47, s0t, b0t, d);
  F(48, s1t, s0t, d2);
  F(49, s0w, s0vr, 0);
  F(50, s0t, s0vr, 0);
  F(51, s0w, s0vl, 0);
  F(52, s0t, s0vl, 0);
  F(53, b0w, b0vl, 0);
  F(54, b0t, b0vl, 0);
  F(55, s1t, s1vr, 0);
  F(56, s1w, s1vr, 0);
  F(57, C_W(s0l), 0, 0);
  F(58, s0lt, 0, 0);
  F(59, C_L(s0l), 0, 0);
  F(60, C_W(s0r), 0, 0);
  F(61, s0rt, 0, 0);
  F(62, C_L(s0r), 0, 0);
  F(63, C_W(b0l), 0, 0);
  F(64, b0lt, 0, 0);
  F(65, C_L(b0l), 0, 0);
  F(66, C_W(s1r), 0, 0);
  F(67, s1rt, 0, 0);
  F(68, C_L(s1r), 0, 0);
  F(69, C_T(s1l), C_L(s1l), 0);
  F(70, C_W(s0l2), 0, 0);
  F(71, C_T(s0l2), 0, 0);
  F(72, C_L(s0l2), 0, 0);
  F(73, C_W(s0r2), 0, 0);
  F(74, C_T(s0r2), 0, 0);
  F(75, C_L(s0r2), 0, 0);
  F(76, C_W(b0l2), 0, 0);
  F(77, C_T(b0l2), 0, 0);
  F(78, C_L(b0l2), 0, 0);
  F(79, s0t, s0lt, C_T(s0l2));
  F(80, s0t, s0rt, C_T(s0r2));
  F(81, b0t, b0lt, C_T(b0l2));
  F(82, s1t, s1rt, C_T(s1r2));
  F(83, s0w, s0sr, 0);
  F(84, s0t, s0sr, 0);
  F(85, s0w, s0sl, 0);
  F(86, s0t, s0sl, 0);
  F(87, b0w, b0sl, 0);
  F(88, b0t, b0sl, 0);
  F(89, s1t, s1sr, 0);
  F(90, s0t, C_L(s0l), C_L(s0r));
  F(91, b0t, C_L(b0l), C_L(b0l2));
  F(92, s1t, C_L(s1r), s0t);
  F(93, SF(s0), s0t, 0);
  F(94, SF(b0), b0t, 0);
  F(95, SF(s0), SF(b0), 0);
  F(96, SF(b1), b1t, 0);
  F(97, SF(s1), s1t, 0);
  F(98, U(s0), U(b0), 0);
  F(99, U(s1), U(s0), U(b0));
  F(100, U(s0), U(b0), U(b1));
  F(101, s0w, U(b0), 0);
  F(102, U(s0), b0w, 0);
  F(103, s0t, b0t, p01 < 3 ? p01 : 3);
  F(104, s1t, s0t, p10 < 3 ? p10 : 3);
  F(105, s0t, b0t, v01 < 2 ? v01 : 2);
  F(106, s1t, s0t, v10 < 2 ? v10 : 2);
#undef F
#undef W
#undef T
#undef C_W
#undef SF
#undef U
#undef C_T
#undef C_L
  return k;
}

/* Classes: 0 SHIFT, 1 + 2l LEFT-l, 2 + 2l RIGHT-l. */
static void valid_mask(const tkgp_parse_scratch *s, uint32_t n_labels,
                       uint32_t root, unsigned char *ok)
{
  int can_shift = s->b <= s->n;
  int can_left = s->sp >= 2 && s->b <= s->n;
  int can_right = s->sp >= 2 && (s->stack[s->sp - 2] != 0 || s->b > s->n);
  int right_root = can_right && s->stack[s->sp - 2] == 0;

  ok[0] = (unsigned char)can_shift;
  for (uint32_t l = 0; l < n_labels; l++) {
    ok[1 + 2 * l] = (unsigned char)(can_left && l != root);
    ok[2 + 2 * l] = (unsigned char)(can_right && (right_root ? l == root : l != root));
  }
}

/* The best class valid_mask() allows (the first of equal scores), in one
 * pass and without writing the mask: this runs 2n times a sentence. */
static uint32_t best_valid(const tkgp_parse_scratch *s, const int32_t *scores,
                           uint32_t n_labels, uint32_t root)
{
  int can_left = s->sp >= 2 && s->b <= s->n;
  int can_right = s->sp >= 2 && (s->stack[s->sp - 2] != 0 || s->b > s->n);
  int right_root = can_right && s->stack[s->sp - 2] == 0;
  uint32_t best = s->b <= s->n ? 0 : UINT32_MAX;

  for (uint32_t l = 0; l < n_labels; l++) {
    uint32_t c = 1 + 2 * l;
    if (can_left && l != root && (best == UINT32_MAX || scores[c] > scores[best]))
      best = c;
    c++;
    if (can_right && (right_root ? l == root : l != root) &&
        (best == UINT32_MAX || scores[c] > scores[best]))
      best = c;
  }
  return best;
}

static void add_child(tkgp_parse_scratch *s, int h, int d, int l)
{
  s->head[d] = h;
  s->label[d] = l;
  if (d < h) {
    if (!s->lc1[h] || d < s->lc1[h]) {
      s->lc2[h] = s->lc1[h];
      s->lc1[h] = d;
    } else if (!s->lc2[h] || d < s->lc2[h]) {
      s->lc2[h] = d;
    }
    s->nl[h]++;
    s->lset[h] |= 1ull << (l % 63);
  } else {
    if (!s->rc1[h] || d > s->rc1[h]) {
      s->rc2[h] = s->rc1[h];
      s->rc1[h] = d;
    } else if (!s->rc2[h] || d > s->rc2[h]) {
      s->rc2[h] = d;
    }
    s->nr[h]++;
    s->rset[h] |= 1ull << (l % 63);
  }
}

static void apply(tkgp_parse_scratch *s, uint32_t cls)
{
  if (cls == 0) {
    s->in_stack[s->b] = 1;
    s->stack[s->sp++] = s->b++;
  } else {
    int l = (int)((cls - 1) / 2), d = s->stack[--s->sp];
    s->in_stack[d] = 0;
    if (cls % 2 == 1)
      add_child(s, s->b, d, l);
    else
      add_child(s, s->stack[s->sp - 1], d, l);
  }
}

/* ---- model ------------------------------------------------------------- */

int tkgp_parser_open(tkgp_parser **out, tkg_world *world, const char *path)
{
  tkgp_parser *p = calloc(1, sizeof *p);
  const void *d[4];
  size_t sz[4];
  const uint32_t ids[4] = {SEC_PARAM, SEC_LABELS, SEC_STRS, SEC_PERC};
  uint32_t prm[4];
  int rc;

  *out = NULL;
  if (!p)
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  rc = tkgp_model_open(&p->model, world, path, TKGP_KIND_PARSER);
  if (rc < 0)
    goto fail;
  for (int i = 0; i < 4; i++) {
    rc = tkgp_model_section(p->model, world, ids[i], &d[i], &sz[i]);
    if (rc < 0)
      goto fail;
  }
  rc = TKG_EDATA;
  if (sz[0] < sizeof prm)
    goto bad;
  memcpy(prm, d[0], sizeof prm);
  if (prm[2] != FEATURE_VERSION) {
    rc = tkgp_error(world, TKG_EDATA,
                    "%s: parser model has feature set %u, this textkg needs %u (retrain it)",
                    path, prm[2], FEATURE_VERSION);
    goto fail;
  }
  if (prm[0] == 0 || prm[0] > MAX_LABELS || prm[1] >= prm[0] ||
      sz[1] < prm[0] * sizeof(uint32_t))
    goto bad;
  p->n_labels = prm[0];
  p->root_label = prm[1];
  p->labels = d[1];
  if (tkgp_strtab_view(&p->strs, d[2], sz[2]) < 0 ||
      tkgp_perc_view(&p->perc, d[3], sz[3]) < 0 ||
      p->perc.n_classes != 1 + 2 * p->n_labels)
    goto bad;
  *out = p;
  return 0;
bad:
  rc = tkgp_error(world, TKG_EDATA, "%s: malformed parser model", path);
fail:
  tkgp_parser_close(p);
  return rc;
}

void tkgp_parser_close(tkgp_parser *p)
{
  if (!p)
    return;
  if (!p->model)
    tkgp_perc_finish(&p->perc);
  tkgp_model_close(p->model);
  free(p);
}

static int ensure_scratch(tkgp_parse_scratch **scratch, size_t n)
{
  if (!*scratch || (*scratch)->cap < n) {
    tkgp_parse_scratch *ns;
    size_t cap = *scratch ? (*scratch)->cap : 64;
    while (cap < n)
      cap *= 2;
    if (tkgp_parse_scratch_new(&ns, cap) < 0)
      return TKG_ENOMEM;
    tkgp_parse_scratch_free(*scratch);
    *scratch = ns;
  }
  return 0;
}

static void fill_words(tkgp_parse_scratch *s, const tkgp_nlp_word *words,
                       size_t n)
{
  s->w[0] = ROOT_W;
  s->t[0] = ROOT_W;
  s->sf[0] = ROOT_W;
  s->u[0] = ROOT_W;
  s->npunct[0] = s->nverb[0] = 0;
  for (size_t i = 0; i < n; i++) {
    size_t len = strlen(words[i].form);
    const char *u = words[i].upos ? words[i].upos : "_";
    s->npunct[i + 1] = s->npunct[i] + (strcmp(u, "PUNCT") == 0);
    s->nverb[i + 1] = s->nverb[i] + (strcmp(u, "VERB") == 0);
    s->w[i + 1] = tkgp_hash_lower(words[i].form);
    s->sf[i + 1] = tkgp_hash_lower(words[i].form + (len > 3 ? len - 3 : 0));
    s->t[i + 1] = tkgp_hash_str(words[i].xpos ? words[i].xpos : "_");
    s->u[i + 1] = tkgp_hash_str(words[i].upos ? words[i].upos : "_");
  }
}

int tkgp_parser_run(const tkgp_parser *p, tkgp_parse_scratch **scratch,
                    tkgp_nlp_word *words, size_t n)
{
  tkgp_parse_scratch *s;
  uint64_t f[MAX_FEATS];
  int32_t scores[1024];  /* >= tkgp_perc_score_size(): 1 + 2 * MAX_LABELS <= 1024 */

  if (n == 0)
    return 0;
  if (ensure_scratch(scratch, n) < 0)
    return TKG_ENOMEM;
  s = *scratch;
  fill_words(s, words, n);
  state_init(s, (int)n);
  while (!terminal(s)) {
    size_t nf = features(s, f);
    memset(scores, 0, tkgp_perc_score_size(&p->perc) * sizeof *scores);
    tkgp_perc_score(&p->perc, f, nf, scores);
    apply(s, best_valid(s, scores, p->n_labels, p->root_label));
  }
  for (size_t i = 0; i < n; i++) {
    uint32_t l = (uint32_t)s->label[i + 1];
    words[i].head = s->head[i + 1];
    words[i].deprel = l < p->n_labels ? tkgp_strtab_get(&p->strs, p->labels[l]) : "dep";
  }
  return 0;
}

/* ---- training ------------------------------------------------------------ */

/* Does H dominate K in the tree GH (1-based, 0 root)? */
static int dominates(const int *gh, int n, int h, int k)
{
  for (int steps = 0; k != 0 && steps <= n; steps++) {
    if (k == h)
      return 1;
    k = gh[k];
  }
  return h == 0;
}

/* Lift non-projective arcs until the tree is projective; the number lifted. */
static size_t projectivize(int *gh, int n)
{
  size_t lifted = 0;
  for (int iter = 0; iter < n * n; iter++) {
    int best = 0, best_span = n + 2;
    for (int d = 1; d <= n; d++) {
      int h = gh[d], lo = h < d ? h : d, hi = h < d ? d : h;
      if (hi - lo >= best_span)
        continue;
      for (int k = lo + 1; k < hi; k++)
        if (!dominates(gh, n, h, k)) {
          best = d;
          best_span = hi - lo;
          break;
        }
    }
    if (!best)
      break;
    gh[best] = gh[gh[best]];
    lifted++;
  }
  return lifted;
}

static int label_index(tkgp_strmap *labels, const char *deprel, int create,
                       uint32_t *out)
{
  size_t before = tkgp_strmap_count(labels), i;
  if (!tkgp_strmap_slot(labels, deprel, strlen(deprel), &i))
    return TKG_ENOMEM;
  if (!create && i >= before) {
    *out = UINT32_MAX;
    return 0;
  }
  *out = (uint32_t)i;
  return 0;
}

static void costs(const tkgp_parse_scratch *s, unsigned *c_shift,
                  unsigned *c_left, unsigned *c_right)
{
  int s0 = s->sp >= 1 ? s->stack[s->sp - 1] : -1;
  int s1 = s->sp >= 2 ? s->stack[s->sp - 2] : -1;
  int b = s->b, n = s->n;
  unsigned deps_b = 0;

  *c_shift = *c_left = *c_right = 0;
  if (s0 > 0) {
    for (int k = b; k <= n; k++)
      deps_b += s->gh[k] == s0;
    *c_left = deps_b + (s->gh[s0] == s1) + (s->gh[s0] > b && s->gh[s0] <= n);
    *c_right = deps_b + (s->gh[s0] >= b && s->gh[s0] <= n);
  }
  if (b <= n) {
    for (int i = 0; i < s->sp; i++)
      *c_shift += s->gh[s->stack[i]] == b && s->stack[i] != 0;
    *c_shift += s->in_stack[s->gh[b]] && s->gh[b] != s0;
  }
}

static void eval_dev(const tkgp_parser *p, const tkgp_corpus *dev,
                     const tkgp_nlp_word *tags, tkgp_parse_scratch **scratch,
                     tkgp_score *score)
{
  tkgp_nlp_word *pred = malloc((dev->n_words ? dev->n_words : 1) * sizeof *pred);
  memset(score, 0, sizeof *score);
  if (!pred)
    return;
  memcpy(pred, tags, dev->n_words * sizeof *pred);
  for (size_t s = 0; s < dev->n_sents; s++) {
    size_t a = dev->start[s], n = dev->start[s + 1] - a;
    tkgp_parser_run(p, scratch, pred + a, n);
    tkgp_score_add(score, pred + a, dev->words + a, n);
  }
  free(pred);
}

/* Tags for CORPUS from the tagger model at PATH (into OUT, a copy). */
static int tag_corpus(tkg_world *world, const char *path,
                      const tkgp_corpus *corpus, size_t from_sent,
                      size_t to_sent, tkgp_nlp_word *out, tkgp_arena *arena)
{
  tkgp_tagger *t;
  tkgp_tokinfo *ti = NULL;
  uint32_t *cls = NULL;
  size_t maxn = 1;
  int rc = tkgp_tagger_open(&t, world, path);
  if (rc < 0)
    return rc;
  tkgp_tagger_set_thorough(t);
  for (size_t s = from_sent; s < to_sent; s++)
    if (corpus->start[s + 1] - corpus->start[s] > maxn)
      maxn = corpus->start[s + 1] - corpus->start[s];
  ti = malloc(maxn * sizeof *ti);
  cls = malloc(maxn * sizeof *cls);
  if (!ti || !cls) {
    rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
    goto done;
  }
  for (size_t s = from_sent; s < to_sent; s++) {
    size_t a = corpus->start[s], n = corpus->start[s + 1] - a;
    rc = tkgp_tagger_run(t, out + a, n, ti, cls, arena);
    if (rc < 0)
      goto done;
    /* the tags are borrowed from the tagger, which is closed below */
    for (size_t i = 0; i < n; i++) {
      out[a + i].xpos = tkgp_arena_strndup(arena, out[a + i].xpos, strlen(out[a + i].xpos));
      out[a + i].upos = tkgp_arena_strndup(arena, out[a + i].upos, strlen(out[a + i].upos));
      out[a + i].lemma = out[a + i].feats = NULL;
      if (!out[a + i].xpos || !out[a + i].upos) {
        rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
        goto done;
      }
    }
  }
done:
  free(ti);
  free(cls);
  tkgp_tagger_close(t);
  return rc;
}

/* Jackknifed tags: each fold tagged by a tagger trained on the others. */
static int jackknife(tkg_world *world, const tkgp_corpus *train,
                     const tkgp_corpus *dev, const tkgp_train_opts *opts,
                     const char *path, tkgp_nlp_word *out, tkgp_arena *arena)
{
  int k = opts->jackknife, rc = 0;
  size_t per = (train->n_sents + (size_t)k - 1) / (size_t)k;
  char *tmp = malloc(strlen(path) + 32);
  tkgp_train_opts topts = *opts;

  if (!tmp)
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  topts.epochs = opts->tag_epochs;
  topts.prune = 1.0f;
  topts.prune_scan = 0;
  topts.quiet = 1;
  for (int fold = 0; fold < k && rc == 0; fold++) {
    size_t from = (size_t)fold * per, to = from + per;
    tkgp_corpus part = {0};
    size_t skip;
    if (to > train->n_sents)
      to = train->n_sents;
    if (from >= to)
      break;
    /* the training part: sentences outside [from, to) */
    skip = train->start[to] - train->start[from];
    part.words = malloc((train->n_words - skip + 1) * sizeof *part.words);
    part.start = malloc((train->n_sents - (to - from) + 1) * sizeof *part.start);
    if (!part.words || !part.start) {
      free(part.words);
      free(part.start);
      rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
      break;
    }
    for (size_t s = 0; s < train->n_sents; s++) {
      size_t a = train->start[s], n = train->start[s + 1] - a;
      if (s >= from && s < to)
        continue;
      part.start[part.n_sents++] = part.n_words;
      memcpy(part.words + part.n_words, train->words + a, n * sizeof *part.words);
      part.n_words += n;
    }
    part.start[part.n_sents] = part.n_words;
    sprintf(tmp, "%s.fold%d.tmp", path, fold);
    if (!opts->quiet)
      fprintf(stderr, "textkg: parser: jackknife fold %d/%d\n", fold + 1, k);
    rc = tkgp_tagger_train(world, &part, dev, &topts, tmp);
    if (rc == 0)
      rc = tag_corpus(world, tmp, train, from, to, out, arena);
    remove(tmp);
    free(part.words);
    free(part.start);
  }
  free(tmp);
  return rc;
}

/* Jackknifed tags are slow to make: --tags-cache keeps them in a file of
 * one "XPOS<tab>UPOS" per line between runs on the same training data. */
static int read_tags(const char *path, const tkgp_corpus *train,
                     tkgp_nlp_word *out, tkgp_arena *arena)
{
  FILE *f = fopen(path, "r");
  char line[256];
  size_t i = 0;
  if (!f)
    return -1;
  while (i < train->n_words && fgets(line, sizeof line, f)) {
    char *tab;
    line[strcspn(line, "\n")] = '\0';
    tab = strchr(line, '\t');
    if (!tab)
      break;
    *tab = '\0';
    out[i].xpos = tkgp_arena_strndup(arena, line, strlen(line));
    out[i].upos = tkgp_arena_strndup(arena, tab + 1, strlen(tab + 1));
    if (!out[i].xpos || !out[i].upos)
      break;
    i++;
  }
  fclose(f);
  return i == train->n_words ? 0 : -1;
}

static void write_tags(const char *path, const tkgp_corpus *train,
                       const tkgp_nlp_word *tags)
{
  FILE *f = fopen(path, "w");
  if (!f)
    return;
  for (size_t i = 0; i < train->n_words; i++)
    fprintf(f, "%s\t%s\n", tags[i].xpos, tags[i].upos);
  fclose(f);
}

/* What one epoch of training saw: transitions, those the model already
 * got right, and arcs lifted to make the gold trees projective. */
typedef struct oracle_tally {
  size_t steps, right, lifted;
} oracle_tally;

/* Train on one sentence of N WORDS (GOLD_L their label indexes), parsed
 * from the tags of TAGS: at each state the perceptron is pushed towards
 * the best zero-cost transition (Goldberg & Nivre's dynamic oracle) when
 * its own choice costs more; with EXPLORE the parser then follows its own
 * choice, 90% of the time, so that it learns to recover from mistakes. */
static int train_sentence(tkgp_parse_scratch *s, tkgp_perc_train *pt,
                          const tkgp_nlp_word *words, const tkgp_nlp_word *tags,
                          const uint32_t *gold_l, size_t n_words, uint32_t n_labels,
                          uint32_t root, int explore, uint64_t *rng, oracle_tally *tally)
{
  uint64_t f[MAX_FEATS];
  float scores[1 + 2 * MAX_LABELS];
  unsigned char ok[1 + 2 * MAX_LABELS];
  uint32_t n_cls = 1 + 2 * n_labels;
  int n = (int)n_words;

  fill_words(s, tags, n_words);
  state_init(s, n);
  s->gh[0] = 0;
  s->gl[0] = -1;
  for (int i = 1; i <= n; i++) {
    s->gh[i] = words[i - 1].head;
    s->gl[i] = (int)gold_l[i - 1];
  }
  tally->lifted += projectivize(s->gh, n);
  while (!terminal(s)) {
    size_t nf = features(s, f);
    unsigned cs, cl, cr, mincost = ~0u;
    uint32_t p = UINT32_MAX, g = UINT32_MAX, next;
    unsigned cost[1 + 2 * MAX_LABELS];
    int s0 = s->stack[s->sp - 1], s1 = s->sp >= 2 ? s->stack[s->sp - 2] : -1;

    tkgp_perc_train_score(pt, f, nf, scores);
    valid_mask(s, n_labels, root, ok);
    costs(s, &cs, &cl, &cr);
    for (uint32_t c = 0; c < n_cls; c++) {
      if (!ok[c])
        continue;
      if (c == 0) {
        cost[c] = cs;
      } else {
        int l = (int)((c - 1) / 2);
        if (c % 2 == 1)
          cost[c] = cl + (s->gh[s0] == s->b && s->gl[s0] != l);
        else
          cost[c] = cr + (s->gh[s0] == s1 && s->gl[s0] != l);
      }
      if (cost[c] < mincost)
        mincost = cost[c];
      if (p == UINT32_MAX || scores[c] > scores[p])
        p = c;
    }
    for (uint32_t c = 0; c < n_cls; c++)
      if (ok[c] && cost[c] == mincost && (g == UINT32_MAX || scores[c] > scores[g]))
        g = c;
    if (cost[p] > mincost) {
      if (tkgp_perc_train_update(pt, f, nf, g, 1.0f) < 0 ||
          tkgp_perc_train_update(pt, f, nf, p, -1.0f) < 0)
        return TKG_ENOMEM;
    } else {
      tally->right++;
    }
    tkgp_perc_train_tick(pt);
    tally->steps++;
    next = g;
    if (explore && (tkgp_rand(rng) >> 11) * (1.0 / 9007199254740992.0) < TKGP_PARSER_EXPLORE)
      next = p;
    apply(s, next);
  }
  return 0;
}

int tkgp_parser_train(tkg_world *world, const tkgp_corpus *train,
                      const tkgp_corpus *dev, const tkgp_train_opts *opts,
                      const char *path)
{
  tkgp_strmap *labels = NULL;
  tkgp_perc_train *pt = NULL, *acc = NULL;
  int runs = opts->ensemble > 1 ? opts->ensemble : 1;
  tkgp_parser parser, best;
  tkgp_parse_scratch *s = NULL;
  tkgp_model_writer *mw = NULL;
  tkgp_nlp_word *train_tags = NULL, *dev_tags = NULL;
  uint32_t *gold_l = NULL, n_labels, root = UINT32_MAX;
  size_t *order = NULL, maxn = 1, lifted = 0, nonproj_dev = 0;
  uint64_t rng = opts->seed ? opts->seed : 1;
  tkgp_buf strs = {0}, labtab = {0}, percbuf = {0};
  tkgp_arena arena;
  double best_las = -1;
  int rc = 0, best_epoch = 0;

  memset(&parser, 0, sizeof parser);
  memset(&best, 0, sizeof best);
  tkgp_arena_init(&arena, 1 << 20);
  if (tkgp_strmap_new(&labels) < 0)
    goto nomem;
  gold_l = malloc((train->n_words + 1) * sizeof *gold_l);
  order = malloc((train->n_sents + 1) * sizeof *order);
  train_tags = malloc((train->n_words + 1) * sizeof *train_tags);
  dev_tags = malloc((dev->n_words + 1) * sizeof *dev_tags);
  if (!gold_l || !order || !train_tags || !dev_tags)
    goto nomem;
  for (size_t i = 0; i < train->n_words; i++) {
    if (train->words[i].head < 0) {
      rc = tkgp_error(world, TKG_EINPUT, "training word %zu (%s) has no head",
                      i, train->words[i].form);
      goto cleanup;
    }
    if (label_index(labels, train->words[i].deprel, 1, &gold_l[i]) < 0)
      goto nomem;
  }
  n_labels = (uint32_t)tkgp_strmap_count(labels);
  for (uint32_t l = 0; l < n_labels; l++)
    if (strcmp(tkgp_strmap_key(labels, l), "root") == 0)
      root = l;
  if (n_labels > MAX_LABELS || root == UINT32_MAX) {
    rc = tkgp_error(world, TKG_EINPUT,
                    "training data needs a 'root' relation and at most %d relations",
                    MAX_LABELS);
    goto cleanup;
  }
  for (size_t l = 0; l < n_labels; l++) {
    uint32_t off;
    if (tkgp_buf_append_str(&strs, tkgp_strmap_key(labels, l), &off) < 0 ||
        tkgp_buf_append(&labtab, &off, sizeof off) < 0)
      goto nomem;
  }
  for (size_t i = 0; i < train->n_sents; i++) {
    order[i] = i;
    if (train->start[i + 1] - train->start[i] > maxn)
      maxn = train->start[i + 1] - train->start[i];
  }
  for (size_t i = 0; i < dev->n_sents; i++)
    if (dev->start[i + 1] - dev->start[i] > maxn)
      maxn = dev->start[i + 1] - dev->start[i];
  if (tkgp_parse_scratch_new(&s, maxn) < 0)
    goto nomem;

  /* tags: gold, jackknifed, or from the tagger model for the dev set */
  memcpy(train_tags, train->words, train->n_words * sizeof *train_tags);
  memcpy(dev_tags, dev->words, dev->n_words * sizeof *dev_tags);
  if (opts->jackknife > 1) {
    rc = opts->tags_cache ? read_tags(opts->tags_cache, train, train_tags, &arena) : -1;
    if (rc < 0) {
      rc = jackknife(world, train, dev, opts, path, train_tags, &arena);
      if (rc < 0)
        goto cleanup;
      if (opts->tags_cache)
        write_tags(opts->tags_cache, train, train_tags);
    }
  }
  if (opts->tagger) {
    rc = tag_corpus(world, opts->tagger, dev, 0, dev->n_sents, dev_tags, &arena);
    if (rc < 0)
      goto cleanup;
  }
  for (size_t i = 0; i < dev->n_words; i++) {
    dev_tags[i].head = -1;
    dev_tags[i].deprel = NULL;
  }
  {
    size_t correct = 0;
    for (size_t i = 0; i < train->n_words; i++)
      correct += strcmp(train_tags[i].xpos, train->words[i].xpos) == 0;
    if (!opts->quiet)
      fprintf(stderr, "textkg: parser: training tags %.2f%% gold XPOS\n",
              100.0 * correct / (train->n_words ? train->n_words : 1));
  }
  /* measure non-projectivity of the dev set (what arc-hybrid cannot get) */
  for (size_t si = 0; si < dev->n_sents; si++) {
    size_t a = dev->start[si];
    int n = (int)(dev->start[si + 1] - a);
    s->gh[0] = 0;
    for (int i = 1; i <= n; i++)
      s->gh[i] = dev->words[a + i - 1].head < 0 ? 0 : dev->words[a + i - 1].head;
    nonproj_dev += projectivize(s->gh, n);
  }

  if (tkgp_perc_train_new(&pt, 1 + 2 * n_labels) < 0)
    goto nomem;
  parser.n_labels = best.n_labels = n_labels;
  parser.root_label = best.root_label = root;
  parser.labels = best.labels = (const uint32_t *)labtab.data;
  tkgp_strtab_view(&parser.strs, strs.data, strs.len);
  best.strs = parser.strs;

  for (int run = 0; run < runs; run++) {
    if (run > 0) {
      /* the next member of the ensemble: another shuffle and exploration */
      int folded = tkgp_perc_train_fold(&acc, pt, run - 1);
      pt = NULL;
      if (folded < 0 || tkgp_perc_train_new(&pt, 1 + 2 * n_labels) < 0)
        goto nomem;
      rng = (opts->seed ? opts->seed : 1) + (uint64_t)run * 0x9E3779B97F4A7C15ull;
    }
    for (int epoch = 1; epoch <= opts->epochs; epoch++) {
      double t0 = tkgp_now();
      oracle_tally tally = {0, 0, 0};
      tkgp_score sc;
      tkgp_perc fr;

      tkgp_shuffle(order, train->n_sents, &rng);
      for (size_t oi = 0; oi < train->n_sents; oi++) {
        size_t a = train->start[order[oi]];
        if (train_sentence(s, pt, train->words + a, train_tags + a, gold_l + a,
                           train->start[order[oi] + 1] - a, n_labels, root, epoch > 1, &rng,
                           &tally) < 0)
          goto nomem;
      }
      lifted = tally.lifted;
      if (tkgp_perc_freeze(pt, opts->prune, &fr) < 0)
        goto nomem;
      parser.perc = fr;
      eval_dev(&parser, dev, dev_tags, &s, &sc);
      if (!opts->quiet) {
        size_t nfeat, nw;
        tkgp_perc_train_stats(pt, &nfeat, &nw);
        fprintf(stderr,
                "textkg: parser epoch %d: train %.2f%% transitions right, dev UAS %.2f%% "
                "LAS %.2f%% (%zu features, %zu weights, %u kept, %.1fs)\n",
                epoch, 100.0 * tally.right / (tally.steps ? tally.steps : 1),
                100.0 * sc.uas / (sc.words ? sc.words : 1),
                100.0 * sc.las / (sc.words ? sc.words : 1), nfeat, nw,
                fr.n_entries, tkgp_now() - t0);
      }
      if ((double)sc.las > best_las) {
        best_las = (double)sc.las;
        best_epoch = epoch;
        tkgp_perc_finish(&best.perc);
        best.perc = fr;
      } else {
        tkgp_perc_finish(&fr);
      }
      memset(&parser.perc, 0, sizeof parser.perc);
    }
  }
  if (acc) {
    tkgp_score sc;
    tkgp_perc fr;
    int folded = tkgp_perc_train_fold(&acc, pt, runs - 1);
    pt = acc;
    acc = NULL;
    if (folded < 0)
      goto nomem;
    if (tkgp_perc_freeze(pt, opts->prune, &fr) < 0)
      goto nomem;
    parser.perc = fr;
    eval_dev(&parser, dev, dev_tags, &s, &sc);
    memset(&parser.perc, 0, sizeof parser.perc);
    if (!opts->quiet)
      fprintf(stderr, "textkg: parser: ensemble of %d runs (last epochs): dev UAS %.2f%% "
              "LAS %.2f%% (%u kept)\n", runs, 100.0 * sc.uas / (sc.words ? sc.words : 1),
              100.0 * sc.las / (sc.words ? sc.words : 1), fr.n_entries);
    tkgp_perc_finish(&best.perc);
    best.perc = fr;
    best_epoch = opts->epochs;
  }
  for (int k = 0; opts->prune_scan && k < 8; k++) {
    static const float thr[8] = {0.25f, 0.5f, 1, 2, 3, 5, 8, 12};
    tkgp_perc fr;
    tkgp_score sc;
    if (tkgp_perc_freeze(pt, thr[k], &fr) < 0)
      goto nomem;
    parser.perc = fr;
    eval_dev(&parser, dev, dev_tags, &s, &sc);
    fprintf(stderr, "textkg: parser: prune %.2f: %u features, %u entries, dev LAS %.2f%%\n",
            thr[k], (unsigned)(fr.n_slots * 7 / 10), fr.n_entries,
            100.0 * sc.las / (sc.words ? sc.words : 1));
    tkgp_perc_finish(&fr);
    memset(&parser.perc, 0, sizeof parser.perc);
  }
  if (!opts->quiet)
    fprintf(stderr,
            "textkg: parser: keeping epoch %d; lifted %zu non-projective training arcs "
            "per epoch; dev has %zu non-projective arcs (%.2f%%)\n",
            best_epoch, lifted, nonproj_dev,
            100.0 * nonproj_dev / (dev->n_words ? dev->n_words : 1));

  {
    uint32_t prm[4] = {n_labels, root, FEATURE_VERSION, 0};
    if (tkgp_perc_serialize(&best.perc, &percbuf) < 0 ||
        tkgp_model_writer_new(&mw, TKGP_KIND_PARSER) < 0 ||
        tkgp_model_writer_add(mw, SEC_PARAM, prm, sizeof prm) < 0 ||
        tkgp_model_writer_add(mw, SEC_LABELS, labtab.data, labtab.len) < 0 ||
        tkgp_model_writer_add(mw, SEC_STRS, strs.data, strs.len) < 0 ||
        tkgp_model_writer_add(mw, SEC_PERC, percbuf.data, percbuf.len) < 0)
      goto nomem;
  }
  rc = tkgp_model_writer_save(mw, world, path);
  goto cleanup;

nomem:
  rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
cleanup:
  tkgp_model_writer_free(mw);
  tkgp_perc_finish(&best.perc);
  tkgp_perc_train_free(pt);
  tkgp_perc_train_free(acc);
  tkgp_parse_scratch_free(s);
  tkgp_strmap_free(labels);
  tkgp_buf_finish(&strs);
  tkgp_buf_finish(&labtab);
  tkgp_buf_finish(&percbuf);
  tkgp_arena_finish(&arena);
  free(gold_l);
  free(order);
  free(train_tags);
  free(dev_tags);
  return rc;
}
