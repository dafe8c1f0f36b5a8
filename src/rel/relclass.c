/* relclass.c - relation classifier over pairs of entity mentions
 * SPDX-License-Identifier: MIT
 *
 * Model. Every ordered pair (head, tail) of PER/ORG/LOC mentions of a
 * sentence whose types admit some relation is one instance of a 6-class
 * averaged perceptron (the five CoNLL04 relations and NONE). Features are
 * hashed, and all but a few are conjoined with the pair's types and
 * order, since the same words mean different things between a person and
 * a place than between two places: the mentions' head words and names;
 * the words between them (forms and lemmas as a bag, lemma bigrams; at
 * most 5 from each end when more than 10 lie between), their number and
 * the number of verbs among them; the two words either side of the pair;
 * mentions between; and the shortest dependency path between the
 * mentions' heads (Bunescu & Mooney 2005): its edges as relation plus
 * direction, whole and one by one, with and without the lemmas and POS
 * of the inner words, the lowest common ancestor, and the length.
 * Trigger lemmas (a small built-in list per relation: "kill", "assassin",
 * "headquarters", "native"...) between the mentions or on the path fire
 * a feature of their class, so that a trigger seen once in training
 * generalizes to its list mates; and a word of one mention starting like
 * a word of the other ("Haitian Parliament", "Haiti") fires one too.
 *
 * Ensemble. A model file holds several perceptrons trained on the same
 * pairs in different orders; their margins are averaged. With 5 members
 * dev F1 varies less with the seed and is ~0.6 points higher than with
 * one (doc/REL_RESULTS.md); each member costs one more lookup per feature.
 *
 * Decoding. Type constraints restrict each ordered pair to NONE and the
 * relations its types allow (Work_For PER->ORG, Live_In PER->LOC,
 * Located_In LOC->LOC, OrgBased_In ORG->LOC, Kill PER->PER). An unordered
 * pair gets at most one relation: the allowed type and direction with the
 * largest margin over NONE, kept when that margin exceeds a threshold
 * chosen on dev (saved in the model), which trades precision for recall.
 *
 * Cost: per pair ~60 hashed features and one lookup per feature and
 * ensemble member; the dependency path is found by walking up from both
 * heads (no storage).
 * A sentence with m mentions costs O(m^2) pairs; scratch buffers grow
 * with the largest sentence seen and are reused, so the hot path does
 * not allocate.
 *
 * Training: train/rel_train.c.
 */
#include "rel/relclass_impl.h"

#include "core/grow.h"
#include "nlp/model.h"
#include "nlp/perceptron.h"

#include <assert.h>
#include <float.h>
#include <stdlib.h>
#include <string.h>

struct tkgp_relclass {
  tkg_world *world;
  tkgp_model *model;      /* NULL for a classifier over borrowed weights */
  tkgp_perc perc[TKGP_REL_MAX_MODELS]; /* mapped from MODEL, or borrowed */
  size_t n_perc;
  float threshold;
  tkgp_rel_tok *ti;       /* scratch, grows to the longest sentence */
  size_t cap_words;
  uint32_t *heads;        /* scratch, grows to the most mentions */
  tkgp_rel_pred *preds;
  size_t cap_ents, cap_preds;
  uint64_t feats[TKGP_REL_MAX_FEATS];
};

/* ---- types --------------------------------------------------------------- */

static const char *const rel_names[TKGP_REL_NCLASSES] = {
  "NONE", "Work_For", "Live_In", "Located_In", "OrgBased_In", "Kill"
};

const char *tkgp_rel_type_name(tkgp_rel_type type)
{
  return (unsigned)type < TKGP_REL_NCLASSES ? rel_names[type] : "?";
}

tkgp_rel_type tkgp_rel_type_from_name(const char *name)
{
  for (int t = 1; t < TKGP_REL_NCLASSES; t++)
    if (!strcmp(name, rel_names[t]))
      return (tkgp_rel_type)t;
  return TKGP_REL_NONE;
}

int tkgp_rel_entity_group(tkgp_ner_type type)
{
  switch (tkgp_ner_type_group(type)) {
  case TKGP_NER_PER: return 0;
  case TKGP_NER_ORG: return 1;
  case TKGP_NER_LOC: return 2;
  default: return -1;
  }
}

/* Bit 1 << TYPE of the relations allowed from group H to group T. */
static unsigned allowed_mask(int h, int t)
{
  static const unsigned m[3][3] = {
    /* PER -> */ {1u << TKGP_REL_KILL, 1u << TKGP_REL_WORK_FOR, 1u << TKGP_REL_LIVE_IN},
    /* ORG -> */ {0, 0, 1u << TKGP_REL_ORGBASED_IN},
    /* LOC -> */ {0, 0, 1u << TKGP_REL_LOCATED_IN},
  };
  return h < 0 || t < 0 ? 0 : m[h][t];
}

unsigned tkgp_rel_allowed_mask(tkgp_ner_type head, tkgp_ner_type tail)
{
  return allowed_mask(tkgp_rel_entity_group(head), tkgp_rel_entity_group(tail));
}

int tkgp_rel_allowed(tkgp_rel_type type, tkgp_ner_type head, tkgp_ner_type tail)
{
  return type != TKGP_REL_NONE &&
         (allowed_mask(tkgp_rel_entity_group(head), tkgp_rel_entity_group(tail)) >> type & 1u);
}

/* ---- syntax -------------------------------------------------------------- */

uint32_t tkgp_rel_span_head(const tkgp_nlp_word *words, size_t n,
                            uint32_t first, uint32_t count)
{
  assert(n > 0 && count > 0);
  for (uint32_t i = first; i < first + count && i < n; i++) {
    int h = words[i].head;
    if (h < (int)first + 1 || h > (int)(first + count))
      return i;
  }
  return first + count - 1 < n ? first + count - 1 : (uint32_t)(n - 1);
}

static size_t parent(const tkgp_nlp_word *words, size_t n, size_t i)
{
  int h = words[i].head;
  return h >= 1 && (size_t)h <= n ? (size_t)h - 1 : SIZE_MAX;
}

/* Steps from I to its root, or SIZE_MAX on a cycle. */
static size_t depth(const tkgp_nlp_word *words, size_t n, size_t i)
{
  size_t d = 0;
  while ((i = parent(words, n, i)) != SIZE_MAX)
    if (++d > n)
      return SIZE_MAX;
  return d;
}

size_t tkgp_rel_dep_path(const tkgp_nlp_word *words, size_t n, size_t a,
                         size_t b, uint32_t *path, size_t max, size_t *lca)
{
  size_t da = depth(words, n, a), db = depth(words, n, b), x = a, y = b;
  size_t ua = 0, ub = 0, len, k;

  *lca = SIZE_MAX;
  if (da == SIZE_MAX || db == SIZE_MAX) {  /* not a tree: the ends only */
    if (max > 0)
      path[0] = (uint32_t)a;
    if (max > 1)
      path[1] = (uint32_t)b;
    return 2;
  }
  /* Climb to equal depths, then together until the walks meet. */
  for (; da > db; da--, ua++)
    x = parent(words, n, x);
  for (; db > da; db--, ub++)
    y = parent(words, n, y);
  while (x != y) {
    size_t px = parent(words, n, x), py = parent(words, n, y);
    if (px == SIZE_MAX || py == SIZE_MAX)
      break;   /* two roots: joined through an imaginary one */
    x = px;
    y = py;
    ua++;
    ub++;
  }
  if (x == y) {
    len = ua + ub + 1;
    *lca = ua;
  } else {
    len = ua + ub + 2;
  }
  /* The a side, up to the common ancestor (or a's root). */
  x = a;
  for (k = 0; k <= ua; k++, x = parent(words, n, x))
    if (k < max)
      path[k] = (uint32_t)x;
  /* The b side, written from the end. */
  y = b;
  for (k = 0; k < len - ua - 1; k++, y = parent(words, n, y))
    if (len - 1 - k < max)
      path[len - 1 - k] = (uint32_t)y;
  return len;
}

/* ---- word information ---------------------------------------------------- */

/* Trigger lemmas of each relation: words that often say the relation
 * holds. General English, not taken from any corpus. */
static const char *const trig_work[] = {
  "work", "employ", "employee", "hire", "join", "serve", "lead", "leader",
  "head", "chair", "chairman", "chairwoman", "director", "direct", "manage",
  "manager", "president", "spokesman", "spokeswoman", "spokesperson",
  "official", "member", "executive", "chief", "secretary", "minister",
  "founder", "correspondent", "reporter", "editor", "analyst", "professor",
  "economist", "commander", "ambassador", "senator", "aide", "staff",
  "officer", "agent", "adviser", "advisor", "researcher", "scientist",
  "coach", "owner", "partner", "vice", "deputy", "representative", NULL
};
static const char *const trig_live[] = {
  "live", "reside", "resident", "born", "bear", "native", "grow", "raise",
  "move", "home", "citizen", "hometown", "settle", "stay", "visit",
  "return", "from", NULL
};
static const char *const trig_located[] = {
  "locate", "capital", "city", "town", "village", "province", "state",
  "county", "region", "district", "north", "south", "east", "west",
  "northern", "southern", "eastern", "western", "near", "suburb",
  "border", "area", "island", NULL
};
static const char *const trig_based[] = {
  "base", "headquarters", "headquarter", "office", "plant", "branch",
  "locate", "company", "firm", "university", "bank", NULL
};
static const char *const trig_kill[] = {
  "kill", "murder", "murderer", "assassinate", "assassin", "assassination",
  "shoot", "slay", "stab", "execute", "killer", "gunman", "strangle",
  "death", "die", "slaying", "killing", "shooting", "convict", "accuse",
  "charge", "trial", "sentence", NULL
};

static uint32_t trigger_classes(const char *lemma)
{
  static const char *const *const lists[TKGP_REL_NCLASSES] = {
    NULL, trig_work, trig_live, trig_located, trig_based, trig_kill
  };
  uint32_t m = 0;
  if (!lemma)
    return 0;
  for (int t = 1; t < TKGP_REL_NCLASSES; t++)
    for (const char *const *w = lists[t]; *w; w++)
      if (**w == *lemma && !strcmp(lemma, *w)) {
        m |= 1u << t;
        break;
      }
  return m;
}

static uint64_t hash_lower(const char *s)
{
  uint64_t h = 0xcbf29ce484222325ull;
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c >= 'A' && c <= 'Z')
      c = (unsigned char)(c - 'A' + 'a');
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

static uint64_t hash_opt(const char *s)
{
  return s ? tkgp_hash_str(s) : 0x5bd1e995ull;
}

void tkgp_rel_prepare(const tkgp_nlp_word *words, size_t n, tkgp_rel_tok *ti)
{
  for (size_t i = 0; i < n; i++) {
    const char *lemma = words[i].lemma;
    char low[64];
    size_t k = 0;
    ti[i].lower = hash_lower(words[i].form);
    ti[i].lemma = lemma ? hash_lower(lemma) : ti[i].lower;
    ti[i].upos = hash_opt(words[i].upos);
    ti[i].deprel = hash_opt(words[i].deprel);
    ti[i].verb = words[i].upos && (!strcmp(words[i].upos, "VERB") ||
                                   !strcmp(words[i].upos, "AUX"));
    /* Trigger lists are lowercase lemmas. */
    if (!lemma)
      lemma = words[i].form;
    for (; lemma[k] && k < sizeof low - 1; k++)
      low[k] = (char)(lemma[k] >= 'A' && lemma[k] <= 'Z' ? lemma[k] - 'A' + 'a'
                                                          : lemma[k]);
    low[k] = '\0';
    ti[i].trig = lemma[k] ? 0 : trigger_classes(low);
  }
}

/* ---- features ------------------------------------------------------------ */

enum {
  F_BIAS = 1, F_DIST, F_HEADW, F_NAME, F_NONE_BETWEEN, F_BW, F_BL, F_BB,
  F_BFIRST, F_BLAST, F_BONLY, F_BEFORE1, F_BEFORE2, F_AFTER1, F_AFTER2,
  F_NENTS, F_ENTSEQ, F_TRIGB, F_PLEN, F_PATH, F_PATHL, F_PATHP, F_PATHG,
  F_EDGE, F_PLEMMA, F_TRIGP, F_LCA, F_LCAPOS, F_NOPATH, F_GOV, F_GOVPAIR,
  F_BLG, F_HEADPOS, F_LCAEND, F_PATHLG, F_PLEMMAG, F_NVERBS, F_AFFINE
};

#define BOS 0x424f53ull
#define EOS 0x454f53ull
#define UP 0x7570ull
#define DOWN 0x646f776eull

static size_t bucket(size_t d)
{
  static const unsigned char b[] = {0, 1, 2, 3, 4, 4, 5, 5, 5, 6, 6, 6, 6};
  return d < sizeof b ? b[d] : 7;
}

/* Whether a word of A and one of B share their first 4 letters or more,
 * covering all but 3 letters of the shorter (ASCII case folded). */
static int name_affinity(const tkgp_nlp_word *words, size_t n,
                         const tkgp_ner_span *a, const tkgp_ner_span *b)
{
  for (uint32_t i = a->first; i < a->first + a->count && i < n; i++) {
    for (uint32_t j = b->first; j < b->first + b->count && j < n; j++) {
      const char *x = words[i].form, *y = words[j].form;
      size_t k = 0, lx = strlen(x), ly = strlen(y);
      while (x[k] && y[k] && (x[k] | 0x20) == (y[k] | 0x20) &&
             ((x[k] | 0x20) >= 'a' && (x[k] | 0x20) <= 'z'))
        k++;
      if (k >= 4 && k + 3 >= (lx < ly ? lx : ly))
        return 1;
    }
  }
  return 0;
}

/* The features of one pair as they are collected: at most
 * TKGP_REL_MAX_FEATS keys into F, and what every group of them reads. */
typedef struct pair_feats {
  uint64_t *f;
  size_t nf;
  const tkgp_rel_tok *ti;
  size_t n;
  uint64_t tp;                 /* the pair's types and order */
  int fwd;                     /* the head mention comes first */
  const tkgp_ner_span *l, *r;  /* the left and the right mention */
  size_t lo, hi, nb;           /* the words between: [lo, hi), nb of them */
} pair_feats;

static void add_feat(pair_feats *p, unsigned tmpl, uint64_t a, uint64_t b,
                     uint64_t c)
{
  if (p->nf < TKGP_REL_MAX_FEATS)
    p->f[p->nf++] = tkgp_feat3(tmpl, a, b, c);
}

/* One feature of class TMPL for every trigger class in TRIG. */
static void add_triggers(pair_feats *p, unsigned tmpl, uint32_t trig)
{
  for (int k = 1; k < TKGP_REL_NCLASSES; k++)
    if (trig >> k & 1u)
      add_feat(p, tmpl, p->tp, (uint64_t)k, 0);
}

/* Head word, whole name and head relation of each mention. */
static void mention_features(pair_feats *p, const tkgp_ner_span *eh,
                             const tkgp_ner_span *et, uint32_t head_h,
                             uint32_t head_t)
{
  const tkgp_rel_tok *ti = p->ti;
  for (int role = 0; role < 2; role++) {
    const tkgp_ner_span *e = role ? et : eh;
    uint32_t hw = role ? head_t : head_h;
    uint64_t name = 0x6e616d65ull;
    add_feat(p, F_HEADW, p->tp, (uint64_t)role, ti[hw].lower);
    for (uint32_t i = e->first; i < e->first + e->count && i < p->n; i++)
      name = tkgp_hmix(name, ti[i].lower);
    add_feat(p, F_NAME, p->tp, (uint64_t)role, name);
    add_feat(p, F_HEADPOS, p->tp, (uint64_t)role, ti[hw].deprel);
  }
}

/* The words between the mentions (the 5 nearest each end when more than
 * 10 lie between), their verbs and their trigger classes. */
static void between_features(pair_feats *p)
{
  const tkgp_rel_tok *ti = p->ti;
  size_t lo = p->lo, hi = p->hi, nb = p->nb, nv = 0;
  uint32_t trig = 0;
  if (!nb) {
    add_feat(p, F_NONE_BETWEEN, p->tp, 0, 0);
    return;
  }
  for (size_t i = lo; i < hi; i++) {
    int far = nb > 10 && i >= lo + 5 && i + 5 < hi;
    if (far)
      continue;
    add_feat(p, F_BW, p->tp, ti[i].lower, 0);
    add_feat(p, F_BL, p->tp, ti[i].lemma, 0);
    add_feat(p, F_BLG, ti[i].lemma, (uint64_t)p->fwd, 0);
    if (i + 1 < hi && !(nb > 10 && i + 1 >= lo + 5 && i + 6 < hi))
      add_feat(p, F_BB, p->tp, ti[i].lemma, ti[i + 1].lemma);
    trig |= ti[i].trig;
  }
  for (size_t i = lo; i < hi; i++)
    nv += ti[i].verb != 0;
  add_feat(p, F_NVERBS, p->tp, nv < 3 ? nv : 3, 0);
  add_feat(p, F_BFIRST, p->tp, ti[lo].lower, 0);
  add_feat(p, F_BLAST, p->tp, ti[hi - 1].lower, 0);
  if (nb == 1)
    add_feat(p, F_BONLY, p->tp, ti[lo].lower, 0);
  add_triggers(p, F_TRIGB, trig);
}

/* The two words either side of the pair. */
static void context_features(pair_feats *p)
{
  const tkgp_rel_tok *ti = p->ti;
  const tkgp_ner_span *l = p->l, *r = p->r;
  size_t n = p->n;
  add_feat(p, F_BEFORE1, p->tp, l->first >= 1 ? ti[l->first - 1].lower : BOS, 0);
  add_feat(p, F_BEFORE2, p->tp, l->first >= 2 ? ti[l->first - 2].lower : BOS, 0);
  add_feat(p, F_AFTER1, p->tp,
      r->first + r->count < n ? ti[r->first + r->count].lower : EOS, 0);
  add_feat(p, F_AFTER2, p->tp,
      r->first + r->count + 1 < n ? ti[r->first + r->count + 1].lower : EOS, 0);
}

/* How many mentions start between the pair, and their groups in order. */
static void mentions_between(pair_feats *p, const tkgp_ner_span *ents,
                             size_t n_ents)
{
  uint64_t seq = 0x9e37ull;
  size_t ne = 0;
  for (size_t k = 0; k < n_ents; k++)
    if (ents[k].first >= p->lo && ents[k].first < p->hi) {
      ne++;
      seq = tkgp_hmix(seq, (uint64_t)(tkgp_rel_entity_group(ents[k].type) + 2));
    }
  add_feat(p, F_NENTS, p->tp, ne < 3 ? ne : 3, 0);
  if (ne)
    add_feat(p, F_ENTSEQ, p->tp, seq, 0);
}

/* The shortest dependency path between the heads HEAD_H and HEAD_T: its
 * length, edges, inner words, lowest common ancestor and triggers. */
static void path_features(pair_feats *p, const tkgp_nlp_word *words,
                          uint32_t head_h, uint32_t head_t)
{
  const tkgp_rel_tok *ti = p->ti;
  uint32_t path[TKGP_REL_MAX_PATH], trig = 0;
  uint64_t sig = 0x70617468ull, sigl = sig, sigp = sig;
  size_t lca, plen = tkgp_rel_dep_path(words, p->n, head_h, head_t, path,
                                       TKGP_REL_MAX_PATH, &lca);
  add_feat(p, F_PLEN, p->tp, plen < 15 ? plen : 15, 0);
  if (lca == SIZE_MAX || plen > TKGP_REL_MAX_PATH) {
    add_feat(p, F_NOPATH, p->tp, lca == SIZE_MAX, 0);
    return;
  }
  for (size_t k = 0; k + 1 < plen; k++) {
    int up = k < lca;
    uint64_t e = tkgp_hmix(up ? UP : DOWN, ti[path[up ? k : k + 1]].deprel);
    sig = tkgp_hmix(sig, e);
    sigl = tkgp_hmix(sigl, e);
    sigp = tkgp_hmix(sigp, e);
    add_feat(p, F_EDGE, p->tp, e, 0);
    if (k + 2 < plen) {   /* the next word is inside the path */
      uint32_t w = path[k + 1];
      sigl = tkgp_hmix(sigl, ti[w].lemma);
      sigp = tkgp_hmix(sigp, ti[w].upos);
      add_feat(p, F_PLEMMA, p->tp, ti[w].lemma, 0);
      add_feat(p, F_PLEMMAG, ti[w].lemma, (uint64_t)p->fwd, 0);
      trig |= ti[w].trig;
    }
  }
  add_feat(p, F_PATH, p->tp, sig, 0);
  add_feat(p, F_PATHL, p->tp, sigl, 0);
  add_feat(p, F_PATHP, p->tp, sigp, 0);
  add_feat(p, F_PATHG, sig, (uint64_t)p->fwd, 0);
  add_feat(p, F_PATHLG, sigl, (uint64_t)p->fwd, 0);
  add_feat(p, F_LCA, p->tp, ti[path[lca]].lemma, 0);
  add_feat(p, F_LCAPOS, p->tp, ti[path[lca]].upos, 0);
  add_feat(p, F_LCAEND, p->tp, lca == 0 ? 1u : lca + 1 == plen ? 2u : 0u, 0);
  add_triggers(p, F_TRIGP, trig);
}

/* What governs each mention's head, and whether it is the same word. */
static void governor_features(pair_feats *p, const tkgp_nlp_word *words,
                              uint32_t head_h, uint32_t head_t)
{
  const tkgp_rel_tok *ti = p->ti;
  uint64_t g[2];
  for (int role = 0; role < 2; role++) {
    uint32_t hw = role ? head_t : head_h;
    size_t up = parent(words, p->n, hw);
    g[role] = up == SIZE_MAX ? BOS : ti[up].lemma;
    add_feat(p, F_GOV, p->tp, (uint64_t)role, tkgp_hmix(ti[hw].deprel, g[role]));
  }
  add_feat(p, F_GOVPAIR, p->tp, tkgp_hmix(ti[head_h].deprel, ti[head_t].deprel),
      g[0] == g[1]);
}

size_t tkgp_rel_features(const tkgp_nlp_word *words, const tkgp_rel_tok *ti,
                         size_t n, const tkgp_ner_span *ents,
                         const uint32_t *heads, size_t n_ents, size_t h,
                         size_t t, uint64_t *f)
{
  const tkgp_ner_span *eh = &ents[h], *et = &ents[t];
  int gh = tkgp_rel_entity_group(eh->type), gt = tkgp_rel_entity_group(et->type);
  pair_feats p = {.f = f, .ti = ti, .n = n, .fwd = eh->first < et->first};

  p.tp = (uint64_t)((gh + 1) * 4 + (gt + 1)) * 2 + (uint64_t)p.fwd;
  p.l = p.fwd ? eh : et;
  p.r = p.fwd ? et : eh;
  p.lo = p.l->first + p.l->count;
  p.hi = p.r->first;
  p.nb = p.hi > p.lo ? p.hi - p.lo : 0;
  if (!p.nb)
    p.hi = p.lo;

  add_feat(&p, F_BIAS, p.tp, 0, 0);
  add_feat(&p, F_DIST, p.tp, bucket(p.nb), 0);
  mention_features(&p, eh, et, heads[h], heads[t]);
  /* A word of one mention starting like a word of the other: "Haitian
   * Parliament" and "Haiti", "Ecuadoran minister" and "Ecuador". */
  if (name_affinity(words, n, eh, et))
    add_feat(&p, F_AFFINE, p.tp, 0, 0);
  between_features(&p);
  context_features(&p);
  mentions_between(&p, ents, n_ents);
  path_features(&p, words, heads[h], heads[t]);
  governor_features(&p, words, heads[h], heads[t]);
  return p.nf;
}

/* ---- the classifier ------------------------------------------------------ */

static int rel_alloc(tkgp_relclass **out, tkg_world *world)
{
  tkgp_relclass *rc = calloc(1, sizeof *rc);
  *out = NULL;
  if (!rc)
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  rc->world = world;
  *out = rc;
  return 0;
}

int tkgp_relclass_new_borrowed(tkgp_relclass **out, tkg_world *world,
                               const tkgp_perc *perc, size_t n_perc, float threshold)
{
  int rc = rel_alloc(out, world);
  if (rc < 0)
    return rc;
  assert(n_perc >= 1 && n_perc <= TKGP_REL_MAX_MODELS);
  for (size_t k = 0; k < n_perc; k++) {
    (*out)->perc[k] = perc[k];
    (*out)->perc[k].owned = NULL;
  }
  (*out)->n_perc = n_perc;
  (*out)->threshold = threshold;
  return 0;
}

int tkgp_relclass_share(tkgp_relclass **out, tkg_world *world, const tkgp_relclass *models)
{
  return tkgp_relclass_new_borrowed(out, world, models->perc, models->n_perc, models->threshold);
}

int tkgp_relclass_open_file(tkgp_relclass **out, tkg_world *world,
                            const char *path)
{
  tkgp_relclass *rc = NULL;
  const void *data;
  size_t size;
  rel_param param;
  int err = rel_alloc(&rc, world);

  *out = NULL;
  if (err < 0)
    return err;
  if ((err = tkgp_model_open(&rc->model, world, path, TKGP_KIND_REL)) < 0)
    goto fail;
  if ((err = tkgp_model_section(rc->model, world, TKGP_REL_SEC_PARAM, &data,
                                &size)) < 0)
    goto fail;
  if (size < sizeof param) {
    err = tkgp_error(world, TKG_EDATA, "%s: bad relation parameter section", path);
    goto fail;
  }
  memcpy(&param, data, sizeof param);
  if (param.feature_version != TKGP_REL_FEATURE_VERSION ||
      param.n_classes != TKGP_REL_NCLASSES || param.n_models < 1 ||
      param.n_models > TKGP_REL_MAX_MODELS) {
    err = tkgp_error(world, TKG_EDATA,
                     "%s: relation model of feature version %u, expected %u "
                     "(retrain with textkg train rel)",
                     path, param.feature_version, TKGP_REL_FEATURE_VERSION);
    goto fail;
  }
  if (!(param.threshold > -FLT_MAX && param.threshold < FLT_MAX)) {
    err = tkgp_error(world, TKG_EDATA, "%s: bad relation threshold", path);
    goto fail;
  }
  rc->threshold = param.threshold;
  for (uint32_t k = 0; k < param.n_models; k++) {
    if ((err = tkgp_model_section(rc->model, world, TKGP_REL_SEC_PERC + (k << 24),
                                  &data, &size)) < 0)
      goto fail;
    if (tkgp_perc_view(&rc->perc[k], data, size) < 0 ||
        rc->perc[k].n_classes != TKGP_REL_NCLASSES) {
      err = tkgp_error(world, TKG_EDATA, "%s: bad relation weight section", path);
      goto fail;
    }
  }
  rc->n_perc = param.n_models;
  *out = rc;
  return 0;
fail:
  tkgp_relclass_close(rc);
  return err;
}

int tkgp_relclass_open(tkgp_relclass **out, tkg_world *world,
                       const char *modeldir)
{
  const char *dir = tkgp_nlp_modeldir(modeldir);
  size_t len = strlen(dir);
  char *path = malloc(len + sizeof TKGP_REL_FILE + 2);
  int rc;

  *out = NULL;
  if (!path)
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  memcpy(path, dir, len);
  path[len] = '/';
  memcpy(path + len + 1, TKGP_REL_FILE, sizeof TKGP_REL_FILE);
  rc = tkgp_relclass_open_file(out, world, path);
  free(path);
  return rc;
}

void tkgp_relclass_close(tkgp_relclass *rc)
{
  if (!rc)
    return;
  tkgp_model_close(rc->model);
  free(rc->ti);
  free(rc->heads);
  free(rc->preds);
  free(rc);
}

float tkgp_relclass_threshold(const tkgp_relclass *rc)
{
  return rc->threshold;
}

void tkgp_relclass_set_threshold(tkgp_relclass *rc, float threshold)
{
  rc->threshold = threshold;
}

static int cmp_pred(const void *a, const void *b)
{
  const tkgp_rel_pred *x = a, *y = b;
  if (x->head != y->head)
    return x->head < y->head ? -1 : 1;
  return x->tail < y->tail ? -1 : x->tail > y->tail;
}

int tkgp_relclass_predict(tkgp_relclass *rc, const tkgp_nlp_word *words,
                          size_t n, const tkgp_ner_span *ents, size_t n_ents,
                          const tkgp_rel_pred **out, size_t *n_out)
{
  size_t np = 0, cap_words = rc->cap_words, cap_ents = rc->cap_ents;
  int32_t scores[8];
  float margin[TKGP_REL_NCLASSES];

  *out = rc->preds;
  *n_out = 0;
  if (n == 0 || n_ents < 2)
    return 0;
  assert(rc->n_perc >= 1 && rc->perc[0].n_classes == TKGP_REL_NCLASSES);
  if (tkgp_grow((void **)&rc->ti, &cap_words, n, sizeof *rc->ti) < 0)
    return tkgp_error(rc->world, TKG_ENOMEM, "out of memory");
  rc->cap_words = cap_words;
  if (tkgp_grow((void **)&rc->heads, &cap_ents, n_ents, sizeof *rc->heads) < 0)
    return tkgp_error(rc->world, TKG_ENOMEM, "out of memory");
  rc->cap_ents = cap_ents;
  if (tkgp_grow((void **)&rc->preds, &rc->cap_preds, n_ents * (n_ents - 1) / 2,
           sizeof *rc->preds) < 0)
    return tkgp_error(rc->world, TKG_ENOMEM, "out of memory");
  tkgp_rel_prepare(words, n, rc->ti);
  for (size_t i = 0; i < n_ents; i++)
    rc->heads[i] = tkgp_rel_span_head(words, n, ents[i].first, ents[i].count);

  for (size_t i = 0; i < n_ents; i++) {
    for (size_t j = i + 1; j < n_ents; j++) {
      tkgp_rel_pred best = {0, 0, TKGP_REL_NONE, -FLT_MAX};
      for (int dir = 0; dir < 2; dir++) {
        size_t h = dir ? j : i, t = dir ? i : j, nf;
        unsigned mask = allowed_mask(tkgp_rel_entity_group(ents[h].type), tkgp_rel_entity_group(ents[t].type));
        if (!mask)
          continue;
        nf = tkgp_rel_features(words, rc->ti, n, ents, rc->heads, n_ents, h, t,
                               rc->feats);
        memset(margin, 0, sizeof margin);
        for (size_t e = 0; e < rc->n_perc; e++) {
          memset(scores, 0, sizeof scores);
          tkgp_perc_score(&rc->perc[e], rc->feats, nf, scores);
          for (int k = 1; k < TKGP_REL_NCLASSES; k++)
            margin[k] += (float)(scores[k] - scores[0]) * rc->perc[e].scale;
        }
        for (int k = 1; k < TKGP_REL_NCLASSES; k++) {
          float m = margin[k] / (float)rc->n_perc;
          if (!(mask >> k & 1u))
            continue;
          if (m > best.score) {
            best.head = (uint32_t)h;
            best.tail = (uint32_t)t;
            best.type = (tkgp_rel_type)k;
            best.score = m;
          }
        }
      }
      if (best.type != TKGP_REL_NONE && best.score > rc->threshold)
        rc->preds[np++] = best;
    }
  }
  if (np > 1)
    qsort(rc->preds, np, sizeof *rc->preds, cmp_pred);
  *out = rc->preds;
  *n_out = np;
  return 0;
}
