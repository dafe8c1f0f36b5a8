/* ner.c - named-entity recognizer: BILOU perceptron, gazetteers, date rules
 * SPDX-License-Identifier: MIT
 *
 * Algorithm. A linear-chain model over 17 BILOU classes (O, and B/I/L/U
 * of PER, ORG, LOC, EVENT), trained as a structured averaged perceptron
 * (Collins 2002) and decoded with Viterbi. Emission scores come from ~60
 * hashed features of each word: the word, its affixes and shapes, the
 * tagger's UPOS/XPOS, WordNet's parts of speech and first noun sense
 * class for it and its neighbours, the words, shapes and tags around it,
 * the gazetteer classes of the longest phrase covering it (countries and
 * subdivisions from iso-codes, WordNet 3.0 instance nouns: cities,
 * countries, other places, organizations, persons, events, and the first
 * and last words of their names; nationality words and titles of the
 * ontology), and what earlier sentences of the same document labelled the
 * same word ("Lakeside" as LOC: Ratinov & Roth 2009's extended prediction
 * history). Transition scores are one 18x17 table; transitions that do
 * not form valid BILOU sequences are excluded, so spans read off
 * directly and no span is left open or changes type. Viterbi matters:
 * greedy left-to-right decoding (tried first) commits to B before seeing
 * that the next word ends the name, and lost 8 points of F1.
 *
 * A LOC span is then looked up whole in the gazetteer: a country name
 * (iso-codes via the compiled table, or the world's country gazetteer,
 * which knows "U.S." and "the States") makes it COUNTRY, a WordNet city
 * CITY, anything else PLACE. Dates come from rules over the words the
 * model left untagged ("Tuesday, March 11, 2025", "last week", "in 2008").
 * With a lexicon loaded, the words around names then correct the model's
 * spans (ner_rules.c: "Hurricane X" is an event, "Ministry of X" an
 * organization, "X (ABC)" defines an acronym).
 *
 * Cost. Per word: ~60 feature hashes, one prefetched probe each into the
 * frozen weight table, a 17x17 Viterbi step, one WordNet and one memory
 * probe, and up to 8 gazetteer probes per phrase start: about 2 us a word,
 * a fifth of the tagger and parser's time. No allocation per word:
 * scratch buffers live in the recognizer and grow only for a sentence
 * longer than any before. The model file is mapped, not parsed, so
 * opening costs one checksum pass.
 */
#include "ner/ner_impl.h"

#include "lexicon/gazetteer.h"
#include "lexicon/pronouns.h"
#include "nlp/clusters.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ENDS UINT32_MAX

struct tkgp_ner {
  tkg_world *world;
  tkgp_model *model;        /* NULL when borrowed */
  tkgp_perc perc;           /* view into the model (owned == NULL) */
  tkgp_kmap gaz;
  tkgp_kmap lex;
  tkgp_ner_mem mem;         /* the current document's labels */
  tkgp_ner_rules rules;     /* the current document's event names */
  unsigned options;
  size_t cap;
  tkgp_ner_tok *ti;
  uint32_t *cls;
  float *prob;
  char *taken;
  const char **forms;
  tkgp_token *toks;
  tkgp_ner_span *spans, *tmp;
  float *em;                /* cap * N_CLASSES emission scores */
  double *alpha;            /* 2 * cap * N_CLASSES: forward probabilities,
                               then exp(emission) */
  uint8_t *back;            /* cap * N_CLASSES Viterbi back pointers */
  int32_t *scores;
  float tr[(TKGP_NER_N_CLASSES + 1) * TKGP_NER_N_CLASSES];
  double etr[(TKGP_NER_N_CLASSES + 1) * TKGP_NER_N_CLASSES]; /* exp(tr) */
  float delta[2 * TKGP_NER_N_CLASSES];
  uint64_t feats[TKGP_NER_MAX_FEATS];
};

static const char *const type_names[TKGP_NER_NTYPES] = {
  "PER", "ORG", "LOC", "EVENT", "COUNTRY", "CITY", "PLACE", "DATE"
};

const char *tkgp_ner_type_name(tkgp_ner_type type)
{
  return (unsigned)type < TKGP_NER_NTYPES ? type_names[type] : "?";
}

tkgp_ner_type tkgp_ner_type_group(tkgp_ner_type type)
{
  if (type == TKGP_NER_COUNTRY || type == TKGP_NER_CITY ||
      type == TKGP_NER_PLACE)
    return TKGP_NER_LOC;
  return type;
}

/* ---- hashing and word infos ------------------------------------------- */

uint64_t tkgp_ner_hash_lower(const char *s)
{
  uint64_t h = 0xcbf29ce484222325ull;
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c >= 'A' && c <= 'Z')
      c = (unsigned char)(c + 32);
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

uint64_t tkgp_ner_phrase_step(uint64_t h, const char *form)
{
  return tkgp_hmix(h, tkgp_ner_hash_lower(form));
}

static uint64_t affix_hash(const char *s, size_t m)
{
  char buf[8];
  for (size_t j = 0; j < m; j++) {
    char c = s[j];
    buf[j] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
  }
  return tkgp_hash_bytes(buf, m);
}

static void word_info(const tkgp_nlp_word *w, tkgp_ner_tok *t)
{
  const char *form = w->form ? w->form : "";
  size_t len = strlen(form), sl = 0, ssl = 0;
  char shape[24], sshape[12], last = 0;
  int run = 0;
  unsigned letters = 0, uppers = 0, digits = 0;

  t->form = tkgp_hash_str(form);
  t->lower = tkgp_ner_hash_lower(form);
  for (size_t k = 0; k < 4; k++)
    t->suf[k] = len > k ? affix_hash(form + len - k - 1, k + 1) : 0x5ull + k;
  for (size_t k = 0; k < 3; k++)
    t->pre[k] = len > k ? affix_hash(form, k + 1) : 0x15ull + k;
  t->flags = 0;
  for (size_t k = 0; k < len; k++) {
    unsigned char c = (unsigned char)form[k];
    char cl;
    if (c >= 'A' && c <= 'Z') {
      cl = 'X';
      letters++;
      uppers++;
      if (letters == 1)
        t->flags |= TKGP_NF_CAP;
    } else if (c >= 'a' && c <= 'z') {
      cl = 'x';
      letters++;
    } else if (c >= '0' && c <= '9') {
      cl = 'd';
      digits++;
    } else if (c >= 0x80) {
      if ((c & 0xC0) == 0x80)
        continue;
      cl = 'u';
      t->flags |= TKGP_NF_NONASCII;
    } else {
      cl = (char)c;
      if (c == '-')
        t->flags |= TKGP_NF_HYPHEN;
      else if (c == '.')
        t->flags |= TKGP_NF_PERIOD;
    }
    if (cl != last && ssl < sizeof sshape)
      sshape[ssl++] = cl;
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
    t->flags |= TKGP_NF_ALLCAPS;
  if (letters && !uppers)
    t->flags |= TKGP_NF_LOWER;
  if (!letters)
    t->flags |= TKGP_NF_NOLETTER;
  if (digits)
    t->flags |= TKGP_NF_DIGIT;
  if (digits && digits == len)
    t->flags |= TKGP_NF_ALLDIGIT;
  t->flags |= (uint32_t)(len > 10 ? 10 : len) << 12;
  t->shape = tkgp_hash_bytes(shape, sl);
  t->shape_short = tkgp_hash_bytes(sshape, ssl) ^ 0x77;
  t->upos = w->upos ? tkgp_hash_str(w->upos) : 1;
  t->xpos = w->xpos ? tkgp_hash_str(w->xpos) : 1;
  t->gaz = 0;
  t->wn = 0;
  t->mem = 0;
  t->clus = w->cluster;
  t->ncls = w->name_class;
  t->pron = 0;
}

/* The class of the personal pronoun FORM (tkgp_ner_tok.pron), or 0. */
static uint32_t pronoun_class(const char *form)
{
  const tkgp_pronoun *p = tkgp_pronoun_find(form);
  if (!p)
    return 0;
  if (p->person < 3)
    return p->person == 1 ? 5 : 6;
  return p->gender == TKGP_GENDER_MALE ? 1 : p->gender == TKGP_GENDER_FEMALE ? 2
         : p->gender == TKGP_GENDER_NEUTER ? 3 : 4;
}

void tkgp_ner_tokinfo(const tkgp_kmap *gaz, const tkgp_kmap *lex,
                      const tkgp_nlp_word *words, size_t n, tkgp_ner_tok *ti)
{
  uint32_t next_pron = 0;
  size_t letters = 0, caps = 0, allcaps = 0;
  uint32_t sent;
  for (size_t i = 0; i < n; i++) {
    word_info(&words[i], &ti[i]);
    if (lex && lex->slots && lex->n_slots) {
      const tkgp_kmap_slot *s = tkgp_kmap_get(lex, ti[i].lower);
      ti[i].wn = s ? s->a : 0;
    }
    if (!(ti[i].flags & TKGP_NF_NOLETTER)) {
      letters++;
      /* "I" is capitalized even by writers who capitalize nothing else */
      caps += (ti[i].flags & TKGP_NF_CAP) != 0 &&
              !(words[i].form && !strcmp(words[i].form, "I"));
      allcaps += (ti[i].flags & TKGP_NF_ALLCAPS) != 0;
    }
  }
  /* Headlines capitalize every word, chat may capitalize none: how much
   * a capital letter says depends on the sentence. */
  if (letters >= 3 && allcaps * 10 >= letters * 8)
    sent = 6;
  else if (letters >= 3 && caps == 0)
    sent = 5;
  else
    sent = letters ? (uint32_t)(caps * 4 / (letters + 1)) : 4;
  for (size_t i = 0; i < n; i++)
    ti[i].sent = sent;
  /* "Sikorsky said it would cut jobs": the pronoun that follows a name
   * tells a person from an organization */
  for (size_t i = n; i-- > 0;) {
    uint32_t c = pronoun_class(words[i].form);
    ti[i].pron = next_pron;
    if (c)
      next_pron = c;
  }
  if (!gaz || !gaz->slots || !gaz->n_slots)
    return;
  /* Leftmost-longest phrase matching: the map holds every prefix of every
   * phrase (b = 1 when a longer phrase continues it), so extending stops
   * at the first word no phrase continues with. */
  for (size_t i = 0; i < n;) {
    uint64_t h = TKGP_NER_PHRASE_SEED;
    size_t best = 0;
    uint32_t mask = 0;
    for (size_t k = 0; k < TKGP_NER_GAZ_MAX_TOKENS && i + k < n; k++) {
      const tkgp_kmap_slot *s;
      h = tkgp_ner_phrase_step(h, words[i + k].form ? words[i + k].form : "");
      s = tkgp_kmap_get(gaz, tkgp_ner_phrase_key(h));
      if (!s)
        break;
      if (s->a) {
        best = k + 1;
        mask = s->a;
      }
      if (!s->b)
        break;
    }
    if (!best) {
      i++;
      continue;
    }
    for (size_t k = 0; k < best; k++) {
      uint32_t pos = best == 1 ? TKGP_BILOU_U
                     : k == 0 ? TKGP_BILOU_B
                     : k + 1 == best ? TKGP_BILOU_L : TKGP_BILOU_I;
      ti[i + k].gaz = mask << 2 | pos;
    }
    i += best;
  }
}

uint32_t tkgp_ner_gaz_lookup(const tkgp_kmap *gaz, const tkgp_nlp_word *words,
                             size_t first, size_t count)
{
  uint64_t h = TKGP_NER_PHRASE_SEED;
  const tkgp_kmap_slot *s = NULL;
  if (!gaz || !gaz->slots || !count || count > TKGP_NER_GAZ_MAX_TOKENS)
    return 0;
  for (size_t k = 0; k < count; k++) {
    h = tkgp_ner_phrase_step(h, words[first + k].form ? words[first + k].form : "");
    s = tkgp_kmap_get(gaz, tkgp_ner_phrase_key(h));
    if (!s)
      return 0;
  }
  return s ? s->a : 0;
}

/* ---- document memory ---------------------------------------------------- */

void tkgp_ner_mem_clear(tkgp_ner_mem *m)
{
  memset(m->slots, 0, sizeof m->slots);
  m->used = 0;
}

static tkgp_ner_mem_slot *mem_find(const tkgp_ner_mem *m, uint64_t key)
{
  size_t i = (size_t)(key >> 40) & (TKGP_NER_MEM_SLOTS - 1);
  key |= 1;
  while (m->slots[i].key && m->slots[i].key != key)
    i = (i + 1) & (TKGP_NER_MEM_SLOTS - 1);
  return (tkgp_ner_mem_slot *)&m->slots[i];
}

void tkgp_ner_mem_add(tkgp_ner_mem *m, const tkgp_ner_tok *ti,
                      const uint32_t *cls, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    tkgp_ner_mem_slot *s;
    unsigned label = cls[i] ? (cls[i] - 1) / 4 : TKGP_NER_MODEL_TYPES;
    /* only words that could be names: capitalized, or tagged as one */
    if (!(ti[i].flags & (TKGP_NF_CAP | TKGP_NF_ALLCAPS)) && !cls[i])
      continue;
    if (m->used * 4 >= TKGP_NER_MEM_SLOTS * 3)
      tkgp_ner_mem_clear(m);
    s = mem_find(m, ti[i].lower);
    if (!s->key) {
      s->key = ti[i].lower | 1;
      m->used++;
    }
    if (s->count[label] < UINT16_MAX)
      s->count[label]++;
  }
}

void tkgp_ner_mem_lookup(const tkgp_ner_mem *m, tkgp_ner_tok *ti, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    const tkgp_ner_mem_slot *s = mem_find(m, ti[i].lower);
    unsigned best = 0, total = 0;
    ti[i].mem = 0;
    if (!s->key)
      continue;
    for (unsigned t = 0; t <= TKGP_NER_MODEL_TYPES; t++) {
      total += s->count[t];
      if (s->count[t] > s->count[best])
        best = t;
    }
    /* the majority label, whether it was unanimous, seen once or more */
    ti[i].mem = 1 + best * 4 + (s->count[best] == total) * 2 + (total > 1);
  }
}

/* ---- features ------------------------------------------------------------ */

static const tkgp_ner_tok bos = {11, 11, 11, 11, {11, 11, 11, 11}, {11, 11, 11},
                                 11, 11, 1u << 20, 0, 1u << 20, 1u << 20, 0, 0, 0, 0};
static const tkgp_ner_tok eos = {13, 13, 13, 13, {13, 13, 13, 13}, {13, 13, 13},
                                 13, 13, 1u << 21, 0, 1u << 21, 1u << 21, 0, 0, 0, 0};

size_t tkgp_ner_features(const tkgp_ner_tok *ti, size_t n, size_t i,
                         int drop, uint64_t *f)
{
  const tkgp_ner_tok *w = &ti[i];
  const tkgp_ner_tok *p1 = i >= 1 ? &ti[i - 1] : &bos;
  const tkgp_ner_tok *p2 = i >= 2 ? &ti[i - 2] : &bos;
  const tkgp_ner_tok *n1 = i + 1 < n ? &ti[i + 1] : &eos;
  const tkgp_ner_tok *n2 = i + 2 < n ? &ti[i + 2] : &eos;
  const uint32_t capmask = TKGP_NF_CAP | TKGP_NF_ALLCAPS | TKGP_NF_LOWER |
                           TKGP_NF_NOLETTER;
  uint32_t gmask = w->gaz >> 2, gpos = w->gaz & 3;
  size_t k = 0;

#define F(t, a, b, c) f[k++] = tkgp_feat3((t), (a), (b), (c))
  F(0, 0, 0, 0);
  F(1, drop ? 1 : w->lower, 0, 0);
  F(2, drop ? 1 : w->form, 0, 0);
  F(3, w->shape, 0, 0);
  F(4, w->shape_short, 0, 0);
  F(5, w->suf[0], 0, 0);
  F(6, w->suf[1], 0, 0);
  F(7, w->suf[2], 0, 0);
  F(8, w->suf[3], 0, 0);
  F(9, w->pre[0], 0, 0);
  F(10, w->pre[1], 0, 0);
  F(11, w->pre[2], 0, 0);
  F(12, w->upos, 0, 0);
  F(13, w->xpos, 0, 0);
  F(14, p1->lower, 0, 0);
  F(15, n1->lower, 0, 0);
  F(16, p2->lower, 0, 0);
  F(17, n2->lower, 0, 0);
  F(18, p1->shape_short, w->shape_short, 0);
  F(19, w->shape_short, n1->shape_short, 0);
  F(20, p1->xpos, 0, 0);
  F(21, n1->xpos, 0, 0);
  F(22, p1->xpos, w->xpos, 0);
  F(23, w->xpos, n1->xpos, 0);
  F(29, p1->lower, drop ? 1 : w->lower, 0);
  F(30, drop ? 1 : w->lower, n1->lower, 0);
  F(31, w->flags, 0, 0);
  F(32, i == 0, w->flags & capmask, 0);
  F(33, p1->flags & capmask, w->flags & capmask, n1->flags & capmask);
  F(34, p2->shape_short, 0, 0);
  F(35, n2->shape_short, 0, 0);
  F(37, w->upos, w->shape_short, 0);
  F(38, n1->lower, w->xpos, 0);
  F(39, p1->suf[2], 0, 0);
  F(40, n1->suf[2], 0, 0);
  if (gmask) {
    for (unsigned b = 0; b < TKGP_GZ_NCLASSES; b++)
      if (gmask >> b & 1)
        F(41, b, gpos, w->flags & capmask);
    F(42, gmask, gpos, 0);
    /* a lowercase gazetteer match means little in edited text, more in
     * chat that capitalizes nothing ("flights to florida") */
    F(71, gmask, gpos, w->sent);
  } else {
    F(43, 0, 0, 0);
  }
  F(44, p1->gaz, 0, 0);
  F(45, n1->gaz, 0, 0);
  F(47, drop ? 1 : w->lower, w->upos, 0);
  F(48, p1->upos, w->upos, n1->upos);
  F(50, p2->lower, p1->lower, 0);
  F(51, n1->lower, n2->lower, 0);
  F(52, p1->shape_short, w->shape_short, n1->shape_short);
  F(53, p1->lower, w->shape_short, 0);
  F(54, w->shape_short, n1->lower, 0);
  F(55, i + 1 == n, w->xpos, 0);
  F(56, w->wn, 0, 0);
  F(57, w->wn, w->flags & capmask, 0);
  F(58, p1->wn, 0, 0);
  F(59, n1->wn, 0, 0);
  F(61, p1->wn, w->wn, 0);
  F(62, p2->wn, p1->wn, w->flags & capmask);
  F(63, w->mem, 0, 0);
  F(64, w->mem, w->flags & capmask, 0);
  F(65, p1->mem, w->mem, 0);
  F(66, w->mem, n1->mem, 0);
  F(67, w->sent, w->flags & capmask, 0);
  F(68, w->sent, w->shape_short, w->upos);
  F(69, i >= 3 ? ti[i - 3].lower : 17, 0, 0);
  F(70, i + 3 < n ? ti[i + 3].lower : 19, 0, 0);
  /* word clusters: the word and its neighbours at a few granularities
   * (Ratinov & Roth 2009 use prefixes of 4, 6, 10 and 20 bits) */
  F(72, tkgp_cluster_prefix(w->clus, 4), 0, 0);
  F(73, tkgp_cluster_prefix(w->clus, 8), 0, 0);
  F(74, tkgp_cluster_prefix(w->clus, 12), 0, 0);
  F(75, w->clus, 0, 0);
  F(76, tkgp_cluster_prefix(w->clus, 8), w->flags & capmask, 0);
  F(77, tkgp_cluster_prefix(p1->clus, 8), 0, 0);
  F(78, tkgp_cluster_prefix(n1->clus, 8), 0, 0);
  F(79, tkgp_cluster_prefix(p1->clus, 12), 0, 0);
  F(80, tkgp_cluster_prefix(n1->clus, 12), 0, 0);
  F(81, w->pron, w->flags & capmask, 0);
  F(82, w->pron, w->upos, n1->upos);
  F(83, w->ncls, w->flags & capmask, 0);
  F(84, p1->ncls, w->ncls, n1->ncls);
#undef F
  return k;
}

uint64_t tkgp_ner_trans_key(uint32_t prev)
{
  return tkgp_feat3(60, prev, 0, 0);
}

void tkgp_ner_viterbi(const float *em, const float *tr, size_t n,
                      uint8_t *back, float *delta, uint32_t *cls)
{
  const uint32_t nc = TKGP_NER_N_CLASSES;
  float *cur = delta, *nxt = delta + nc;
  uint32_t best = 0;

  for (uint32_t c = 0; c < nc; c++)
    cur[c] = em[c] + tr[nc * nc + c];
  for (size_t i = 1; i < n; i++) {
    const float *e = em + i * nc;
    for (uint32_t c = 0; c < nc; c++) {
      float bs = -INFINITY;
      uint8_t bp = 0;
      for (uint32_t p = 0; p < nc; p++) {
        float v = cur[p] + tr[p * nc + c];
        if (v > bs) {
          bs = v;
          bp = (uint8_t)p;
        }
      }
      nxt[c] = bs + e[c];
      back[i * nc + c] = bp;
    }
    {
      float *t = cur;
      cur = nxt;
      nxt = t;
    }
  }
  {
    float bs = -INFINITY;
    for (uint32_t c = 0; c < nc; c++)
      if (tkgp_ner_transition_ok(c, ENDS) && cur[c] > bs) {
        bs = cur[c];
        best = c;
      }
  }
  for (size_t i = n; i-- > 0;) {
    cls[i] = best;
    if (i)
      best = back[i * nc + best];
  }
}

void tkgp_ner_trans_matrix(float *tr, const float *raw)
{
  const uint32_t nc = TKGP_NER_N_CLASSES;
  for (uint32_t p = 0; p <= nc; p++)
    for (uint32_t c = 0; c < nc; c++)
      tr[p * nc + c] = tkgp_ner_transition_ok(p == nc ? ENDS : p, c)
                           ? raw[p * nc + c] : -INFINITY;
}

/* ---- BILOU ----------------------------------------------------------------- */

static inline int cls_open(uint32_t c)
{
  return c != 0 && c < TKGP_NER_N_CLASSES &&
         ((c - 1) % 4 == TKGP_BILOU_B || (c - 1) % 4 == TKGP_BILOU_I);
}

int tkgp_ner_transition_ok(uint32_t prev, uint32_t cur)
{
  if (cur == ENDS)
    return prev == ENDS || !cls_open(prev);
  if (cur >= TKGP_NER_N_CLASSES)
    return 0;
  if (prev != ENDS && cls_open(prev)) {
    uint32_t b = (cur - 1) % 4;
    return cur != 0 && (cur - 1) / 4 == (prev - 1) / 4 &&
           (b == TKGP_BILOU_I || b == TKGP_BILOU_L);
  }
  if (cur == 0)
    return 1;
  return (cur - 1) % 4 == TKGP_BILOU_B || (cur - 1) % 4 == TKGP_BILOU_U;
}

size_t tkgp_ner_decode_bilou(const uint32_t *cls, size_t n, tkgp_ner_span *out)
{
  size_t k = 0, start = 0;
  int open = -1;

#define CLOSE(end)                                                        \
  do {                                                                    \
    if (open >= 0) {                                                      \
      out[k].first = (uint32_t)start;                                     \
      out[k].count = (uint32_t)((end) - start);                           \
      out[k].type = (tkgp_ner_type)open;                                  \
      out[k].score = 1;                                                   \
      k++;                                                                \
      open = -1;                                                          \
    }                                                                     \
  } while (0)

  for (size_t i = 0; i < n; i++) {
    uint32_t c = cls[i], b;
    int t;
    if (c == 0 || c >= TKGP_NER_N_CLASSES) {
      CLOSE(i);
      continue;
    }
    t = (int)((c - 1) / 4);
    b = (c - 1) % 4;
    if (b == TKGP_BILOU_B || b == TKGP_BILOU_U || open != t) {
      CLOSE(i);
      open = t;
      start = i;
    }
    if (b == TKGP_BILOU_L || b == TKGP_BILOU_U)
      CLOSE(i + 1);
  }
  CLOSE(n);
#undef CLOSE
  return k;
}

void tkgp_ner_encode_bilou(const tkgp_ner_span *spans, size_t n_spans,
                           uint32_t *cls, size_t n)
{
  memset(cls, 0, n * sizeof *cls);
  for (size_t s = 0; s < n_spans; s++) {
    size_t a = spans[s].first, m = spans[s].count;
    unsigned t = (unsigned)spans[s].type;
    if (t >= TKGP_NER_MODEL_TYPES || m == 0 || a >= n || m > n - a)
      continue;
    if (m == 1) {
      cls[a] = tkgp_ner_class(t, TKGP_BILOU_U);
      continue;
    }
    cls[a] = tkgp_ner_class(t, TKGP_BILOU_B);
    for (size_t j = a + 1; j + 1 < a + m; j++)
      cls[j] = tkgp_ner_class(t, TKGP_BILOU_I);
    cls[a + m - 1] = tkgp_ner_class(t, TKGP_BILOU_L);
  }
}

/* ---- date rules ------------------------------------------------------------ */

static int ieq(const char *a, const char *b)
{
  for (; *a && *b; a++, b++) {
    char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
    if (x != *b)
      return 0;
  }
  return *a == *b;
}

static int in_list(const char *w, const char *const *list)
{
  for (; *list; list++)
    if (ieq(w, *list))
      return 1;
  return 0;
}

static int is_cap(const char *w)
{
  return *w >= 'A' && *w <= 'Z';
}

/* 1: a month name that is nothing else; 2: one that is also a word or a
 * name ("May", "March", "Jan"), a date only next to a number or after a
 * word that introduces a time. */
static int month_kind(const char *w)
{
  static const char *const sure[] = {
    "january", "february", "april", "june", "july", "august", "september",
    "october", "november", "december", "feb.", "apr.", "aug.", "sep.",
    "sept.", "oct.", "nov.", "dec.", "jan.", "jun.", "jul.", "mar.", NULL
  };
  static const char *const unsure[] = {
    "may", "march", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", NULL
  };
  if (!is_cap(w))
    return 0;
  if (in_list(w, sure))
    return 1;
  if (in_list(w, unsure))
    return 2;
  return 0;
}

static int is_weekday(const char *w)
{
  static const char *const days[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", NULL
  };
  return is_cap(w) && in_list(w, days);
}

static int all_digits(const char *w, size_t *len)
{
  size_t k = 0;
  while (w[k] >= '0' && w[k] <= '9')
    k++;
  *len = k;
  return k > 0 && w[k] == 0;
}

static int is_day(const char *w)
{
  size_t k = 0;
  int v = 0;
  while (w[k] >= '0' && w[k] <= '9' && k < 3)
    v = v * 10 + (w[k++] - '0');
  if (k == 0 || k > 2 || v < 1 || v > 31)
    return 0;
  return w[k] == 0 || ieq(w + k, "st") || ieq(w + k, "nd") ||
         ieq(w + k, "rd") || ieq(w + k, "th");
}

static int is_year(const char *w)
{
  size_t len;
  if (!all_digits(w, &len) || len != 4)
    return 0;
  return (w[0] == '1' && w[1] >= '5') || (w[0] == '2' && w[1] == '0');
}

static int is_decade(const char *w)
{
  size_t k = 0;
  while (w[k] >= '0' && w[k] <= '9')
    k++;
  return (k == 4 || k == 2) && w[k - 1] == '0' && ieq(w + k, "s");
}

static int is_numeric_date(const char *w)
{
  /* 2025-03-11, 11/03/2025, 3/11/25 */
  int groups = 0, digits = 0;
  char sep = 0;
  for (const char *p = w; ; p++) {
    if (*p >= '0' && *p <= '9') {
      digits++;
      continue;
    }
    if (digits == 0 || digits > 4)
      return 0;
    groups++;
    digits = 0;
    if (*p == 0)
      break;
    if (*p != '-' && *p != '/')
      return 0;
    if (sep && *p != sep)
      return 0;
    sep = *p;
  }
  return groups == 3;
}

static const char *const time_intro[] = {
  "in", "on", "since", "until", "till", "by", "during", "from", "to",
  "through", "before", "after", "of", "early", "late", "mid", "last",
  "next", "this", "that", "each", "every", "around", "circa", NULL
};

static const char *const rel_words[] = {
  "last", "next", "this", "past", "coming", "previous", "following", NULL
};

static const char *const rel_units[] = {
  "week", "month", "year", "weekend", "spring", "summer", "autumn", "fall",
  "winter", "decade", "century", "night", "morning", "evening",
  "afternoon", "season", "quarter", NULL
};

static const char *const ago_units[] = {
  "day", "days", "week", "weeks", "month", "months", "year", "years",
  "decade", "decades", NULL
};

static const char *const count_words[] = {
  "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight",
  "nine", "ten", "eleven", "twelve", "several", "few", "many", "some", NULL
};

static const char *const deictic[] = {
  "yesterday", "today", "tomorrow", "tonight", NULL
};

/* Length of the date starting at I (0: none). */
static size_t date_at(const char *const *w, size_t n, const char *taken,
                      size_t i)
{
  size_t j = i, len;
  int weekday = 0, mk;
#define FREE(k) ((k) < n && !(taken && taken[k]))

  if (in_list(w[i], deictic))
    return 1;
  if (is_numeric_date(w[i]))
    return 1;
  if (in_list(w[i], rel_words) && FREE(i + 1) &&
      (in_list(w[i + 1], rel_units) || is_weekday(w[i + 1]) ||
       month_kind(w[i + 1])))
    return 2;
  if ((in_list(w[i], count_words) || all_digits(w[i], &len)) && FREE(i + 2) &&
      FREE(i + 1) && in_list(w[i + 1], ago_units) && ieq(w[i + 2], "ago"))
    return 3;
  if (is_weekday(w[j])) {
    weekday = 1;
    j++;
    if (FREE(j + 1) && !strcmp(w[j], ",") &&
        (month_kind(w[j + 1]) || is_day(w[j + 1])))
      j++;
    else if (!FREE(j) || !(month_kind(w[j]) || is_day(w[j])))
      return 1;
  }
  /* Month Day [,] [Year] | Month [,] Year | Month */
  if (FREE(j) && (mk = month_kind(w[j])) != 0) {
    size_t m = j++;
    if (FREE(j) && is_day(w[j])) {
      j++;
      if (FREE(j + 1) && !strcmp(w[j], ",") && is_year(w[j + 1]))
        j += 2;
      else if (FREE(j) && is_year(w[j]))
        j++;
      return j - i;
    }
    if (FREE(j) && is_year(w[j]))
      return j + 1 - i;
    if (FREE(j + 1) && !strcmp(w[j], ",") && is_year(w[j + 1]))
      return j + 2 - i;
    if (mk == 1 || weekday || (m > 0 && in_list(w[m - 1], time_intro)))
      return j - i;
    return weekday ? 1 : 0;
  }
  /* Day [of] Month [Year] */
  if (FREE(j) && is_day(w[j])) {
    size_t d = j + 1;
    if (FREE(d) && ieq(w[d], "of"))
      d++;
    if (FREE(d) && month_kind(w[d])) {
      d++;
      if (FREE(d) && is_year(w[d]))
        d++;
      else if (FREE(d + 1) && !strcmp(w[d], ",") && is_year(w[d + 1]))
        d += 2;
      return d - i;
    }
    return weekday ? 1 : 0;
  }
  if (weekday)
    return 1;
  /* in 2008; the 1990s */
  if (is_decade(w[i]))
    return 1;
  if (is_year(w[i]) && i > 0 && in_list(w[i - 1], time_intro))
    return 1;
#undef FREE
  return 0;
}

size_t tkgp_ner_dates(const char *const *forms, size_t n, const char *taken,
                      tkgp_ner_span *out)
{
  size_t k = 0;
  for (size_t i = 0; i < n;) {
    size_t len = (taken && taken[i]) ? 0 : date_at(forms, n, taken, i);
    if (!len) {
      i++;
      continue;
    }
    out[k].first = (uint32_t)i;
    out[k].count = (uint32_t)len;
    out[k].type = TKGP_NER_DATE;
    out[k].score = 1;
    k++;
    i += len;
  }
  return k;
}

/* ---- opening --------------------------------------------------------------- */

static int grow(tkgp_ner *ner, size_t n)
{
  size_t cap = ner->cap ? ner->cap : 64;
  void *p;
  if (n <= ner->cap)
    return 0;
  while (cap < n)
    cap *= 2;
#define GROW(field)                                                     \
  do {                                                                  \
    p = realloc(ner->field, cap * sizeof *ner->field);                  \
    if (!p)                                                             \
      return tkgp_error(ner->world, TKG_ENOMEM, "out of memory");       \
    ner->field = p;                                                     \
  } while (0)
  GROW(ti);
  GROW(cls);
  GROW(prob);
  GROW(taken);
  GROW(forms);
  GROW(toks);
  GROW(spans);
  GROW(tmp);
#undef GROW
  p = realloc(ner->em, cap * TKGP_NER_N_CLASSES * sizeof *ner->em);
  if (!p)
    return tkgp_error(ner->world, TKG_ENOMEM, "out of memory");
  ner->em = p;
  p = realloc(ner->alpha, 2 * cap * TKGP_NER_N_CLASSES * sizeof *ner->alpha);
  if (!p)
    return tkgp_error(ner->world, TKG_ENOMEM, "out of memory");
  ner->alpha = p;
  p = realloc(ner->back, cap * TKGP_NER_N_CLASSES);
  if (!p)
    return tkgp_error(ner->world, TKG_ENOMEM, "out of memory");
  ner->back = p;
  ner->cap = cap;
  return 0;
}

static int ner_alloc(tkgp_ner **out, tkg_world *world)
{
  tkgp_ner *ner = calloc(1, sizeof *ner);
  *out = NULL;
  if (!ner)
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  ner->world = world;
  ner->scores = calloc(64, sizeof *ner->scores);
  if (!ner->scores || grow(ner, 64) < 0) {
    tkgp_ner_close(ner);
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  }
  *out = ner;
  return 0;
}

/* exp() floored at e^-300, so that products of a few terms, renormalized
 * at each word, never underflow to an all-zero row. */
static double safe_exp(double x)
{
  return exp(x < -300 ? -300 : x > 300 ? 300 : x);
}

/* The transition scores of the model, invalid transitions at -inf. */
static void load_transitions(tkgp_ner *ner)
{
  float raw[(TKGP_NER_N_CLASSES + 1) * TKGP_NER_N_CLASSES];
  for (uint32_t p = 0; p <= TKGP_NER_N_CLASSES; p++) {
    uint64_t key = tkgp_ner_trans_key(p);
    memset(ner->scores, 0, 64 * sizeof *ner->scores);
    tkgp_perc_score(&ner->perc, &key, 1, ner->scores);
    for (uint32_t c = 0; c < TKGP_NER_N_CLASSES; c++)
      raw[p * TKGP_NER_N_CLASSES + c] = (float)ner->scores[c];
  }
  tkgp_ner_trans_matrix(ner->tr, raw);
  for (size_t k = 0; k < sizeof ner->tr / sizeof ner->tr[0]; k++)
    ner->etr[k] = ner->tr[k] > -INFINITY ? safe_exp((double)ner->tr[k] * ner->perc.scale) : 0;
}

int tkgp_ner_new_borrowed(tkgp_ner **out, tkg_world *world,
                          const tkgp_perc *perc, const tkgp_kmap *gaz,
                          const tkgp_kmap *lex)
{
  int rc = ner_alloc(out, world);
  if (rc < 0)
    return rc;
  (*out)->perc = *perc;
  (*out)->perc.owned = NULL;
  if (gaz)
    (*out)->gaz = *gaz;
  if (lex)
    (*out)->lex = *lex;
  load_transitions(*out);
  return 0;
}

int tkgp_ner_share(tkgp_ner **out, tkg_world *world, const tkgp_ner *models)
{
  int rc = tkgp_ner_new_borrowed(out, world, &models->perc, &models->gaz, &models->lex);
  if (rc == 0)
    (*out)->options = models->options;
  return rc;
}

int tkgp_ner_open_file(tkgp_ner **out, tkg_world *world, const char *path)
{
  tkgp_ner *ner = NULL;
  const void *data;
  size_t size;
  tkgp_ner_param param;
  int rc = ner_alloc(&ner, world);

  *out = NULL;
  if (rc < 0)
    return rc;
  rc = tkgp_model_open(&ner->model, world, path, TKGP_KIND_NER);
  if (rc < 0)
    goto fail;
  rc = tkgp_model_section(ner->model, world, TKGP_NER_SEC_PARAM, &data, &size);
  if (rc < 0)
    goto fail;
  if (size < sizeof param) {
    rc = tkgp_error(world, TKG_EDATA, "%s: bad NER parameter section", path);
    goto fail;
  }
  memcpy(&param, data, sizeof param);
  if (param.feature_version != TKGP_NER_FEATURE_VERSION ||
      param.n_classes != TKGP_NER_N_CLASSES) {
    rc = tkgp_error(world, TKG_EDATA,
                    "%s: NER model of feature version %u, expected %u "
                    "(retrain with textkg train ner)",
                    path, param.feature_version, TKGP_NER_FEATURE_VERSION);
    goto fail;
  }
  rc = tkgp_model_section(ner->model, world, TKGP_NER_SEC_PERC, &data, &size);
  if (rc < 0)
    goto fail;
  if (tkgp_perc_view(&ner->perc, data, size) < 0 ||
      ner->perc.n_classes != TKGP_NER_N_CLASSES) {
    rc = tkgp_error(world, TKG_EDATA, "%s: bad NER weight section", path);
    goto fail;
  }
  rc = tkgp_model_section(ner->model, world, TKGP_NER_SEC_GAZ, &data, &size);
  if (rc < 0)
    goto fail;
  if (tkgp_kmap_view(&ner->gaz, data, size) < 0) {
    rc = tkgp_error(world, TKG_EDATA, "%s: bad NER gazetteer section", path);
    goto fail;
  }
  rc = tkgp_model_section(ner->model, world, TKGP_NER_SEC_LEX, &data, &size);
  if (rc < 0)
    goto fail;
  if (tkgp_kmap_view(&ner->lex, data, size) < 0) {
    rc = tkgp_error(world, TKG_EDATA, "%s: bad NER word section", path);
    goto fail;
  }
  load_transitions(ner);
  *out = ner;
  return 0;
fail:
  tkgp_ner_close(ner);
  return rc;
}

int tkgp_ner_open(tkgp_ner **out, tkg_world *world, const char *modeldir)
{
  const char *dir = tkgp_nlp_modeldir(modeldir);
  size_t len = strlen(dir);
  char *path = malloc(len + sizeof TKGP_NER_FILE + 2);
  int rc;

  *out = NULL;
  if (!path)
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  memcpy(path, dir, len);
  path[len] = '/';
  memcpy(path + len + 1, TKGP_NER_FILE, sizeof TKGP_NER_FILE);
  rc = tkgp_ner_open_file(out, world, path);
  free(path);
  return rc;
}

void tkgp_ner_close(tkgp_ner *ner)
{
  if (!ner)
    return;
  tkgp_model_close(ner->model);
  free(ner->ti);
  free(ner->cls);
  free(ner->prob);
  free(ner->taken);
  free(ner->forms);
  free(ner->toks);
  free(ner->spans);
  free(ner->tmp);
  free(ner->scores);
  free(ner->em);
  free(ner->alpha);
  free(ner->back);
  free(ner);
}

void tkgp_ner_begin_document(tkgp_ner *ner)
{
  tkgp_ner_mem_clear(&ner->mem);
  tkgp_ner_rules_begin_document(&ner->rules);
}

void tkgp_ner_set_options(tkgp_ner *ner, unsigned options)
{
  ner->options = options;
}

/* ---- tagging --------------------------------------------------------------- */

/* Viterbi decoding under the BILOU constraints into CLS; PROB receives
 * each chosen class's posterior probability, from a forward-backward pass
 * in the linear domain (renormalized at each word, so nothing overflows):
 * 2 x 17 x 17 multiply-adds and 17 exp() a word. */
static void decode(tkgp_ner *ner, size_t n)
{
  const uint32_t nc = TKGP_NER_N_CLASSES;
  const double scale = ner->perc.scale;
  const uint32_t sz = tkgp_perc_score_size(&ner->perc);
  double beta[TKGP_NER_N_CLASSES], nb[TKGP_NER_N_CLASSES];
  double *ex = ner->alpha + n * nc;  /* exp(em - max) per word */
  const double *e;

  for (size_t i = 0; i < n; i++) {
    size_t nf = tkgp_ner_features(ner->ti, n, i, 0, ner->feats);
    memset(ner->scores, 0, sz * sizeof *ner->scores);
    tkgp_perc_score(&ner->perc, ner->feats, nf, ner->scores);
    for (uint32_t c = 0; c < nc; c++)
      ner->em[i * nc + c] = (float)ner->scores[c];
  }
  tkgp_ner_viterbi(ner->em, ner->tr, n, ner->back, ner->delta, ner->cls);
  {
    /* Posteriors are read only for the words of names: a sentence
     * without one, as most are, needs no forward-backward pass. */
    size_t i = 0;
    while (i < n && ner->cls[i] == 0)
      i++;
    if (i == n)
      return;
  }

  for (size_t i = 0; i < n; i++) {
    const float *em = ner->em + i * nc;
    float mx = em[0];
    for (uint32_t c = 1; c < nc; c++)
      if (em[c] > mx)
        mx = em[c];
    for (uint32_t c = 0; c < nc; c++)
      ex[i * nc + c] = safe_exp((double)(em[c] - mx) * scale);
  }
  for (size_t i = 0; i < n; i++) {
    double *a = ner->alpha + i * nc, z = 0;
    e = ex + i * nc;
    for (uint32_t c = 0; c < nc; c++) {
      double sum = 0;
      if (i == 0) {
        sum = ner->etr[nc * nc + c];
      } else {
        const double *pa = ner->alpha + (i - 1) * nc;
        for (uint32_t p = 0; p < nc; p++)
          sum += pa[p] * ner->etr[p * nc + c];
      }
      a[c] = sum * e[c];
      z += a[c];
    }
    if (z > 0)
      for (uint32_t c = 0; c < nc; c++)
        a[c] /= z;
  }
  for (uint32_t c = 0; c < nc; c++)
    beta[c] = tkgp_ner_transition_ok(c, ENDS) ? 1 : 0;
  for (size_t i = n; i-- > 0;) {
    const double *a = ner->alpha + i * nc;
    double z = 0, bz = 0;
    for (uint32_t c = 0; c < nc; c++)
      z += a[c] * beta[c];
    ner->prob[i] = z > 0 ? (float)(a[ner->cls[i]] * beta[ner->cls[i]] / z) : 0;
    if (i == 0)
      break;
    e = ex + i * nc;
    for (uint32_t p = 0; p < nc; p++) {
      double sum = 0;
      for (uint32_t c = 0; c < nc; c++)
        sum += ner->etr[p * nc + c] * e[c] * beta[c];
      nb[p] = sum;
      bz += sum;
    }
    for (uint32_t p = 0; p < nc; p++)
      beta[p] = bz > 0 ? nb[p] / bz : 0;
  }
}

/* COUNTRY, CITY or PLACE for the LOC span S. */
static tkgp_ner_type split_loc(tkgp_ner *ner, const tkgp_nlp_word *words,
                               const tkgp_ner_span *s)
{
  size_t first = s->first, count = s->count;
  uint32_t mask;
  if (count > 1 && ieq(words[first].form, "the")) {
    first++;
    count--;
  }
  if (ner->world && ner->world->gazetteer) {
    size_t index;
    for (size_t k = 0; k < count; k++) {
      ner->toks[k].start = ner->toks[k].end = 0;
      ner->toks[k].flags = 0;
      ner->toks[k].form = words[first + k].form;
    }
    if (tkgp_gazetteer_match(ner->world->gazetteer, TKGP_PHRASE_COUNTRY,
                             ner->toks, 0, count, &index) == count)
      return TKGP_NER_COUNTRY;
  }
  mask = tkgp_ner_gaz_lookup(&ner->gaz, words, first, count);
  if (mask & (TKGP_GZ_COUNTRY | TKGP_GZ_WN_COUNTRY))
    return TKGP_NER_COUNTRY;
  if (mask & TKGP_GZ_WN_CITY)
    return TKGP_NER_CITY;
  return TKGP_NER_PLACE;
}

/* Whether the LOC span S is an agency's or a company's name made of
 * capitalized words before a country's name ("Statistics X", "Air X",
 * "Food Standards X"): S is no known place as a whole, and the longest
 * suffix of S that is a country comes after words none of which is a
 * place word of the lexicon ("Mount X", "Northern X") or a nationality,
 * and one of which is a common noun and no adjective for WordNet. */
static int agency_name(tkgp_ner *ner, const tkgp_nlp_word *words, const tkgp_ner_span *s)
{
  const tkgp_wordlist *place = &ner->world->lexicon->place_words;
  /* a known place as a whole: "Soviet Union", "Latin America" */
  if (split_loc(ner, words, s) != TKGP_NER_PLACE ||
      tkgp_ner_gaz_lookup(&ner->gaz, words, s->first, s->count) &
          (TKGP_GZ_SUBDIV | TKGP_GZ_WN_PLACE | TKGP_GZ_WN_CITY | TKGP_GZ_WN_COUNTRY))
    return 0;
  for (uint32_t k = 1; k < s->count; k++) {
    tkgp_ner_span suffix = {s->first + k, s->count - k, TKGP_NER_LOC, 0};
    int noun = 0;
    if (split_loc(ner, words, &suffix) != TKGP_NER_COUNTRY ||
        (suffix.count == 1 && tkgp_lexicon_in_list(place, words[suffix.first].form)))
      continue; /* "Plaza North": WordNet's "North" is a state */
    for (uint32_t i = s->first; i < s->first + k; i++) {
      const char *w = words[i].form;
      if (!is_cap(w) || tkgp_ner_gaz_lookup(&ner->gaz, words, i, 1) & TKGP_GZ_DEMONYM)
        return 0;
      if (tkgp_lexicon_in_list(place, w))
        return 0;
      /* a common noun that is no adjective: "Food", "Statistics", "Air";
       * not "Roman", "Latin" */
      noun |= (ner->ti[i].wn & TKGP_NER_WN_NOUN) && !(ner->ti[i].wn & TKGP_NER_WN_ADJ);
    }
    return noun;
  }
  return 0;
}

int tkgp_ner_tag(tkgp_ner *ner, const tkgp_nlp_word *words, size_t n,
                 const tkgp_ner_span **spans, size_t *n_spans)
{
  size_t k, nd, a, b, m;
  int rc, rules = ner->world && ner->world->lexicon && !(ner->options & TKGP_NER_NO_RULES);

  *spans = NULL;
  *n_spans = 0;
  if (n == 0)
    return 0;
  if ((rc = grow(ner, n)) < 0)
    return rc;
  tkgp_ner_tokinfo(&ner->gaz, &ner->lex, words, n, ner->ti);
  tkgp_ner_mem_lookup(&ner->mem, ner->ti, n);
  decode(ner, n);
  tkgp_ner_mem_add(&ner->mem, ner->ti, ner->cls, n);
  k = tkgp_ner_decode_bilou(ner->cls, n, ner->spans);
  memset(ner->taken, 0, n);
  for (size_t s = 0; s < k; s++) {
    tkgp_ner_span *sp = &ner->spans[s];
    double sum = 0;
    for (uint32_t j = 0; j < sp->count; j++) {
      sum += ner->prob[sp->first + j];
      ner->taken[sp->first + j] = 1;
    }
    sp->score = (float)(sum / sp->count);
    if (sp->type == TKGP_NER_LOC && rules && agency_name(ner, words, sp))
      sp->type = TKGP_NER_ORG;
    else if (sp->type == TKGP_NER_LOC && !(ner->options & TKGP_NER_NO_SPLIT))
      sp->type = split_loc(ner, words, sp);
  }
  if (rules)
    k = tkgp_ner_apply_rules(&ner->rules, ner->world->lexicon, words, n,
                             ner->spans, k, ner->taken);
  if (ner->options & TKGP_NER_NO_DATES) {
    *spans = ner->spans;
    *n_spans = k;
    return 0;
  }
  for (size_t i = 0; i < n; i++)
    ner->forms[i] = words[i].form ? words[i].form : "";
  nd = tkgp_ner_dates(ner->forms, n, ner->taken, ner->tmp + 0);
  if (nd == 0) {
    *spans = ner->spans;
    *n_spans = k;
    return 0;
  }
  /* Merge the two sorted, disjoint lists; model spans and dates together
   * cover distinct words, so they fit in N. Work from the back so the
   * model spans can stay in place. */
  a = k;
  b = nd;
  m = k + nd;
  while (b > 0) {
    if (a > 0 && ner->spans[a - 1].first > ner->tmp[b - 1].first)
      ner->spans[--m] = ner->spans[--a];
    else
      ner->spans[--m] = ner->tmp[--b];
  }
  *spans = ner->spans;
  *n_spans = k + nd;
  return 0;
}
