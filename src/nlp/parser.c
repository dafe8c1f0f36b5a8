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
 * Arc-hybrid only builds projective trees, so non-projective arcs are
 * lost (under 1% of the arcs of UD English; measured in
 * doc/NLP_RESULTS.md). Training, which walks the same states
 * (parser_impl.h), is train/parser_train.c.
 *
 * Cost: 2n transitions, each ~100 hash probes and a (1 + 2L)-way argmax.
 */
#include "nlp/parser_impl.h"

#include <stdlib.h>
#include <string.h>

#define FEATURE_VERSION TKGP_PARSER_FEATURE_VERSION
#define MAX_FEATS TKGP_PARSER_MAX_FEATS
#define MAX_LABELS TKGP_PARSER_MAX_LABELS

#define NONE_W 0x17ull
#define ROOT_W 0x19ull
#define NONE_L 0xFFFull

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

void tkgp_parse_state_init(tkgp_parse_scratch *s, int n)
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

/* The positions and values that more than one group of templates reads. */
typedef struct feat_ctx {
  int s0, s1, s2, b0, b1, b2;         /* stack and buffer, -1: none */
  int s0l, s0l2, s0r, s0r2, s1r, s1r2, s1l, b0l, b0l2;  /* children, 0: none */
  uint64_t s0w, s0t, s1w, s1t, b0w, b0t;
  uint64_t s0lt, s0rt, b0lt, s1rt;    /* tags of the outermost children */
} feat_ctx;

#define W(x) ((x) < 0 ? NONE_W : s->w[x])
#define T(x) ((x) < 0 ? NONE_W : s->t[x])
#define C_W(x) ((x) <= 0 ? NONE_W : s->w[x])
#define SF(x) ((x) < 0 ? NONE_W : s->sf[x])
#define U(x) ((x) < 0 ? NONE_W : s->u[x])
#define C_T(x) ((x) <= 0 ? NONE_W : s->t[x])
#define C_L(x) ((x) <= 0 ? NONE_L : (uint64_t)s->label[x])
#define F(t, a, b, c) f[k++] = tkgp_feat3((t), (a), (b), (c))

static void feat_context(const tkgp_parse_scratch *s, feat_ctx *c)
{
  int s0 = s->sp >= 1 ? s->stack[s->sp - 1] : -1;
  int s1 = s->sp >= 2 ? s->stack[s->sp - 2] : -1;
  int b0 = s->b <= s->n ? s->b : -1;

  c->s0 = s0;
  c->s1 = s1;
  c->s2 = s->sp >= 3 ? s->stack[s->sp - 3] : -1;
  c->b0 = b0;
  c->b1 = s->b + 1 <= s->n ? s->b + 1 : -1;
  c->b2 = s->b + 2 <= s->n ? s->b + 2 : -1;
  c->s0l = s0 >= 0 ? s->lc1[s0] : 0, c->s0l2 = s0 >= 0 ? s->lc2[s0] : 0;
  c->s0r = s0 >= 0 ? s->rc1[s0] : 0, c->s0r2 = s0 >= 0 ? s->rc2[s0] : 0;
  c->s1r = s1 >= 0 ? s->rc1[s1] : 0, c->s1r2 = s1 >= 0 ? s->rc2[s1] : 0;
  c->s1l = s1 >= 0 ? s->lc1[s1] : 0;
  c->b0l = b0 >= 0 ? s->lc1[b0] : 0, c->b0l2 = b0 >= 0 ? s->lc2[b0] : 0;
  c->s0w = W(s0), c->s0t = T(s0), c->s1w = W(s1), c->s1t = T(s1);
  c->b0w = W(b0), c->b0t = T(b0);
  c->s0lt = C_T(c->s0l), c->s0rt = C_T(c->s0r), c->b0lt = C_T(c->b0l);
  c->s1rt = C_T(c->s1r);
}

/* Words and tags of the stack and buffer, their pairs and triples,
 * distances and valencies. */
static size_t core_features(const tkgp_parse_scratch *s, const feat_ctx *c,
                            uint64_t *f)
{
  int s0 = c->s0, s1 = c->s1, b0 = c->b0;
  uint64_t s0w = c->s0w, s0t = c->s0t, s1w = c->s1w, s1t = c->s1t;
  uint64_t b0w = c->b0w, b0t = c->b0t, b1w = W(c->b1), b1t = T(c->b1);
  uint64_t b2w = W(c->b2), b2t = T(c->b2), s2t = T(c->s2);
  uint64_t s0wt = tkgp_hmix(s0w, s0t), b0wt = tkgp_hmix(b0w, b0t);
  uint64_t s1wt = tkgp_hmix(s1w, s1t);
  uint64_t s0lt = c->s0lt, s0rt = c->s0rt, b0lt = c->b0lt, s1rt = c->s1rt;
  uint64_t d = s0 >= 0 && b0 >= 0 ? dist_bucket(b0 - s0) : 15;
  uint64_t d2 = s0 >= 0 && s1 >= 0 ? dist_bucket(s0 - s1) : 15;
  uint64_t s0vl = s0 >= 0 ? (uint64_t)s->nl[s0] : 99, s0vr = s0 >= 0 ? (uint64_t)s->nr[s0] : 99;
  uint64_t b0vl = b0 >= 0 ? (uint64_t)s->nl[b0] : 99, s1vr = s1 >= 0 ? (uint64_t)s->nr[s1] : 99;
  size_t k = 0;

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
  return k;
}

/* The two outermost children on each side: words, tags, labels, label sets. */
static size_t child_features(const tkgp_parse_scratch *s, const feat_ctx *c,
                             uint64_t *f)
{
  int s0 = c->s0, s1 = c->s1, b0 = c->b0;
  int s0l = c->s0l, s0l2 = c->s0l2, s0r = c->s0r, s0r2 = c->s0r2;
  int s1r = c->s1r, s1r2 = c->s1r2, s1l = c->s1l, b0l = c->b0l, b0l2 = c->b0l2;
  uint64_t s0w = c->s0w, s0t = c->s0t, s1t = c->s1t, b0w = c->b0w, b0t = c->b0t;
  uint64_t s0lt = c->s0lt, s0rt = c->s0rt, b0lt = c->b0lt, s1rt = c->s1rt;
  uint64_t s0sl = s0 >= 0 ? s->lset[s0] : 1ull << 63, s0sr = s0 >= 0 ? s->rset[s0] : 1ull << 63;
  uint64_t b0sl = b0 >= 0 ? s->lset[b0] : 1ull << 63, s1sr = s1 >= 0 ? s->rset[s1] : 1ull << 63;
  size_t k = 0;

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
  return k;
}

/* Suffixes, universal tags, and the punctuation and verbs in between. */
static size_t extra_features(const tkgp_parse_scratch *s, const feat_ctx *c,
                             uint64_t *f)
{
  int s0 = c->s0, s1 = c->s1, b0 = c->b0, b1 = c->b1;
  uint64_t s0w = c->s0w, s0t = c->s0t, s1t = c->s1t, b0w = c->b0w, b0t = c->b0t;
  uint64_t b1t = T(b1);
  /* punctuation and verbs strictly between s0 and b0, s1 and s0: a
   * comma or a verb in between often means another clause */
  uint64_t p01 = s0 >= 0 && b0 >= 0 ? (uint64_t)(s->npunct[b0 - 1] - s->npunct[s0]) : 9;
  uint64_t p10 = s1 >= 0 ? (uint64_t)(s->npunct[s0 - 1] - s->npunct[s1]) : 9;
  uint64_t v01 = s0 >= 0 && b0 >= 0 ? (uint64_t)(s->nverb[b0 - 1] - s->nverb[s0]) : 9;
  uint64_t v10 = s1 >= 0 ? (uint64_t)(s->nverb[s0 - 1] - s->nverb[s1]) : 9;
  size_t k = 0;

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
  return k;
}

#undef F
#undef W
#undef T
#undef C_W
#undef SF
#undef U
#undef C_T
#undef C_L

size_t tkgp_parse_features(const tkgp_parse_scratch *s, uint64_t *f)
{
  feat_ctx c;
  size_t k;

  feat_context(s, &c);
  k = core_features(s, &c, f);
  k += child_features(s, &c, f + k);
  k += extra_features(s, &c, f + k);
  return k;
}

void tkgp_parse_valid_mask(const tkgp_parse_scratch *s, uint32_t n_labels,
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

/* The best class tkgp_parse_valid_mask() allows (the first of equal scores), in one
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

void tkgp_parse_apply(tkgp_parse_scratch *s, uint32_t cls)
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
  const uint32_t ids[4] = {TKGP_PSEC_PARAM, TKGP_PSEC_LABELS, TKGP_PSEC_STRS,
                           TKGP_PSEC_PERC};
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

void tkgp_parse_fill_words(tkgp_parse_scratch *s, const tkgp_nlp_word *words,
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
  tkgp_parse_fill_words(s, words, n);
  tkgp_parse_state_init(s, (int)n);
  while (!tkgp_parse_terminal(s)) {
    size_t nf = tkgp_parse_features(s, f);
    memset(scores, 0, tkgp_perc_score_size(&p->perc) * sizeof *scores);
    tkgp_perc_score(&p->perc, f, nf, scores);
    tkgp_parse_apply(s, best_valid(s, scores, p->n_labels, p->root_label));
  }
  for (size_t i = 0; i < n; i++) {
    uint32_t l = (uint32_t)s->label[i + 1];
    words[i].head = s->head[i + 1];
    words[i].deprel = l < p->n_labels ? tkgp_strtab_get(&p->strs, p->labels[l]) : "dep";
  }
  return 0;
}
