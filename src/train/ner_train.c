/* ner_train.c - training of the named-entity recognizer
 * SPDX-License-Identifier: MIT
 *
 * Gazetteer. Compiled once, when a model is trained, and shipped inside
 * the model as an open-addressing map from phrase keys (a hash chain over
 * lowercased words) to class bits; every prefix of a phrase is in the map
 * too, so matching at run time stops at the first word no phrase
 * continues with. Sources: iso-codes countries (the table built with
 * textkg) and subdivisions (iso_3166-2.json); the ontology's country
 * names, capitals and demonyms (countries.ttl) and titles (lexicon.ttl);
 * WordNet 3.0 instance nouns (data.noun), classed by walking their
 * hypernym chains: under city/town/capital, country/state/nation,
 * organization, person; other noun.location instances are places,
 * noun.event/noun.act ones events. The first and last words of multiword
 * person names, and the last words of organization and place names, are
 * classes of their own: they generalize to names WordNet lacks.
 * Reading data.noun takes ~0.3 s, which is why it happens here and not on
 * every run.
 *
 * Training. A structured perceptron (Collins 2002) over the Viterbi
 * decoder of ner.c: decode each sentence with the current weights and,
 * where the best sequence differs from the gold one, move the emission
 * and transition weights toward the gold classes; averaged. Sentences are visited in a fixed pseudo-random order per
 * epoch (fixed seed: same data, same model bytes). After each epoch the
 * averaged weights are frozen and scored on every dev corpus; the epoch
 * with the best mean micro F1 (PER, ORG, LOC) is kept. With --ensemble N,
 * N runs over other shuffles each train a fixed number of epochs and their
 * averaged weights are averaged in turn: one model's size and speed, the
 * score of an ensemble, and no epoch picked on the dev sets (whose pick
 * moved the small GUM dev set by 2 points from seed to seed).
 *
 * Cost: ~50 features per word, a 17x17 Viterbi step and, on a mistake,
 * two sparse updates; about a second per 100k words and epoch.
 */
#include "train/ner_train.h"
#include "train/perceptron_train.h"

#include "core/clock.h"
#include "core/rand.h"
#include "eval/ner_score.h"
#include "lexicon/gazetteer.h"
#include "ner/ner_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- gazetteer compilation ------------------------------------------------- */

typedef struct gaz_items {
  tkgp_kmap_slot *items;
  size_t n, cap;
  size_t phrases;
} gaz_items;

static int gaz_push(gaz_items *g, uint64_t key, uint32_t mask, uint32_t cont)
{
  if (g->n == g->cap) {
    size_t cap = g->cap ? g->cap * 2 : 4096;
    tkgp_kmap_slot *p = realloc(g->items, cap * sizeof *p);
    if (!p)
      return TKG_ENOMEM;
    g->items = p;
    g->cap = cap;
  }
  g->items[g->n].key = key | 1;
  g->items[g->n].a = mask;
  g->items[g->n].b = cont;
  g->n++;
  return 0;
}

/* Add the phrase S (LEN bytes; words split at spaces and underscores, and
 * in a second variant also at hyphens) with class bits MASK. */
static int gaz_add_variant(gaz_items *g, const char *s, size_t len,
                           uint32_t mask, int split_hyphen)
{
  char buf[256], word[256];
  const char *words[TKGP_NER_GAZ_MAX_TOKENS];
  char store[TKGP_NER_GAZ_MAX_TOKENS][64];
  size_t n = 0, k = 0;
  uint64_t h = TKGP_NER_PHRASE_SEED;

  if (len == 0 || len >= sizeof buf)
    return 0;
  memcpy(buf, s, len);
  buf[len] = '\0';
  for (size_t i = 0; i <= len; i++) {
    char c = buf[i];
    int sep = c == '\0' || c == ' ' || c == '_' || (split_hyphen && c == '-');
    if (!sep) {
      if (k + 1 >= sizeof store[0])
        return 0;
      word[k++] = c;
      continue;
    }
    if (k) {
      if (n == TKGP_NER_GAZ_MAX_TOKENS)
        return 0;
      memcpy(store[n], word, k);
      store[n][k] = '\0';
      words[n] = store[n];
      n++;
      k = 0;
    }
    if (split_hyphen && c == '-') {
      if (n == TKGP_NER_GAZ_MAX_TOKENS)
        return 0;
      strcpy(store[n], "-");
      words[n] = store[n];
      n++;
    }
  }
  if (n == 0)
    return 0;
  for (size_t i = 0; i < n; i++) {
    h = tkgp_ner_phrase_step(h, words[i]);
    if (gaz_push(g, tkgp_ner_phrase_key(h), i + 1 == n ? mask : 0,
                 i + 1 < n) < 0)
      return TKG_ENOMEM;
  }
  g->phrases++;
  return 0;
}

static int gaz_add(gaz_items *g, const char *s, size_t len, uint32_t mask)
{
  int rc;
  if (memchr(s, ',', len) || memchr(s, '(', len))
    return 0;
  rc = gaz_add_variant(g, s, len, mask, 0);
  if (rc == 0 && memchr(s, '-', len))
    rc = gaz_add_variant(g, s, len, mask, 1);
  return rc;
}

static char *slurp(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  long size;
  if (!f)
    return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 &&
      fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)size + 1)) != NULL) {
    if (fread(buf, 1, (size_t)size, f) != (size_t)size) {
      free(buf);
      buf = NULL;
    } else {
      buf[size] = '\0';
      *len = (size_t)size;
    }
  }
  fclose(f);
  return buf;
}

/* WordNet synsets, as much as classing instances needs. */
typedef struct wn_syn {
  uint32_t offset;
  uint8_t lexfile, instance, state;
  uint8_t bits;          /* ancestor classes found (see WNB_*) */
  uint32_t word, n_words; /* into the word pointer array */
  uint32_t hyp, n_hyp;   /* into the hypernym offset array */
} wn_syn;

enum { WNB_CITY = 1, WNB_COUNTRY = 2, WNB_ORG = 4, WNB_PERSON = 8 };

static int cmp_syn(const void *key, const void *elem)
{
  uint32_t k = *(const uint32_t *)key, o = ((const wn_syn *)elem)->offset;
  return k < o ? -1 : k > o;
}

static uint8_t wn_bits(wn_syn *syn, size_t n, const uint32_t *hyp, size_t i)
{
  wn_syn *s = &syn[i];
  uint8_t bits = 0;
  if (s->state == 2)
    return s->bits;
  if (s->state == 1)
    return 0;   /* a cycle would be a bug in WordNet; stop there */
  s->state = 1;
  switch (s->offset) {
  case 8524735: case 8540903: case 8665504: case 8691669: case 8518505:
    bits |= WNB_CITY;
    break;
  case 8544813: case 8168978:
    bits |= WNB_COUNTRY;
    break;
  case 8008335:
    bits |= WNB_ORG;
    break;
  case 7846:
    bits |= WNB_PERSON;
    break;
  default:
    break;
  }
  for (uint32_t k = 0; k < s->n_hyp; k++) {
    uint32_t off = hyp[s->hyp + k];
    wn_syn *h = bsearch(&off, syn, n, sizeof *syn, cmp_syn);
    if (h)
      bits |= wn_bits(syn, n, hyp, (size_t)(h - syn));
  }
  s->state = 2;
  s->bits = bits;
  return bits;
}

/* What gaz_wordnet reads of data.noun: the synsets, and their words and
 * hypernyms in two shared arrays. The words point into the file's text. */
typedef struct wn_data {
  wn_syn *syn;
  size_t n, cap;
  uint32_t *hyp;
  size_t nh, hcap;
  char **wptr;
  size_t nw, wcap;
} wn_data;

/* Read the words of synset S from *PP on. @return 0 or TKG_ENOMEM. */
static int wn_read_words(wn_data *d, wn_syn *s, char **pp)
{
  char *p = *pp, *e;
  unsigned long w_cnt = strtoul(p, &p, 16);
  for (unsigned long k = 0; k < w_cnt; k++) {
    while (*p == ' ')
      p++;
    e = strchr(p, ' ');
    if (!e)
      break;
    *e = '\0';
    /* adjective markers "(a)", "(p)", "(ip)" */
    {
      char *par = strchr(p, '(');
      if (par)
        *par = '\0';
    }
    if (d->nw == d->wcap) {
      size_t nc = d->wcap ? d->wcap * 2 : 65536;
      char **q = realloc(d->wptr, nc * sizeof *q);
      if (!q)
        return TKG_ENOMEM;
      d->wptr = q;
      d->wcap = nc;
    }
    d->wptr[d->nw++] = p;
    s->n_words++;
    p = e + 1;
    strtoul(p, &p, 16);  /* lex_id */
  }
  *pp = p;
  return 0;
}

/* Read the pointers of synset S from *PP on, keeping its hypernyms and
 * whether it is an instance. @return 0 or TKG_ENOMEM. */
static int wn_read_pointers(wn_data *d, wn_syn *s, char **pp)
{
  char *p = *pp, *e;
  unsigned long p_cnt = strtoul(p, &p, 10);
  for (unsigned long k = 0; k < p_cnt; k++) {
    char sym[4] = {0};
    unsigned long off;
    while (*p == ' ')
      p++;
    e = strchr(p, ' ');
    if (!e)
      break;
    if (e - p < 3)
      memcpy(sym, p, (size_t)(e - p));
    off = strtoul(e, &p, 10);
    while (*p == ' ')
      p++;
    p++;  /* pos */
    strtoul(p, &p, 16);  /* source/target */
    if (!strcmp(sym, "@i"))
      s->instance = 1;
    if (!strcmp(sym, "@") || !strcmp(sym, "@i")) {
      if (d->nh == d->hcap) {
        size_t nc = d->hcap ? d->hcap * 2 : 65536;
        uint32_t *q = realloc(d->hyp, nc * sizeof *q);
        if (!q)
          return TKG_ENOMEM;
        d->hyp = q;
        d->hcap = nc;
      }
      d->hyp[d->nh++] = (uint32_t)off;
      s->n_hyp++;
    }
  }
  *pp = p;
  return 0;
}

/* Read the synset of one data.noun LINE (not a license line).
 * @return 0 or TKG_ENOMEM. */
static int wn_read_synset(wn_data *d, char *line)
{
  wn_syn *s;
  char *p;
  if (d->n == d->cap) {
    size_t nc = d->cap ? d->cap * 2 : 65536;
    wn_syn *q = realloc(d->syn, nc * sizeof *q);
    if (!q)
      return TKG_ENOMEM;
    d->syn = q;
    d->cap = nc;
  }
  s = &d->syn[d->n];
  memset(s, 0, sizeof *s);
  s->offset = (uint32_t)strtoul(line, &p, 10);
  s->lexfile = (uint8_t)strtoul(p, &p, 10);
  while (*p == ' ')
    p++;
  p++;  /* ss_type */
  s->hyp = (uint32_t)d->nh;
  s->word = (uint32_t)d->nw;
  if (wn_read_words(d, s, &p) < 0 || wn_read_pointers(d, s, &p) < 0)
    return TKG_ENOMEM;
  d->n++;
  return 0;
}

/* The gazetteer classes of an instance synset S whose ancestors have the
 * classes BITS (WNB_*); 0 if none. */
static uint32_t wn_mask(const wn_syn *s, uint8_t bits)
{
  uint32_t mask = 0;
  if (bits & WNB_CITY)
    mask |= TKGP_GZ_WN_CITY;
  if (bits & WNB_COUNTRY)
    mask |= TKGP_GZ_WN_COUNTRY;
  if (bits & WNB_ORG)
    mask |= TKGP_GZ_WN_ORG;
  if (bits & WNB_PERSON)
    mask |= TKGP_GZ_WN_PERSON;
  if (s->lexfile == 15 && !(bits & (WNB_CITY | WNB_COUNTRY)))
    mask |= TKGP_GZ_WN_PLACE;
  if (s->lexfile == 11 || s->lexfile == 4)
    mask |= TKGP_GZ_WN_EVENT;
  return mask;
}

/* Add the words of synset S with classes MASK, and the first and last
 * words of its multiword names. @return 0 or TKG_ENOMEM. */
static int wn_add_synset(gaz_items *g, const wn_data *d, const wn_syn *s,
                         uint32_t mask)
{
  for (uint32_t k = 0; k < s->n_words; k++) {
    const char *w = d->wptr[s->word + k], *sp = strchr(w, '_'), *last;
    if (gaz_add(g, w, strlen(w), mask) < 0)
      return TKG_ENOMEM;
    if (!sp || !(w[0] >= 'A' && w[0] <= 'Z'))
      continue;
    /* The parts of multiword names say something of names never seen
     * whole: "Albert" starts persons, "Party" ends organizations. */
    last = strrchr(w, '_') + 1;
    if ((mask & TKGP_GZ_WN_PERSON) &&
        (gaz_add(g, w, (size_t)(sp - w), TKGP_GZ_FIRST) < 0 ||
         gaz_add(g, last, strlen(last), TKGP_GZ_LAST) < 0))
      return TKG_ENOMEM;
    if ((mask & TKGP_GZ_WN_ORG) &&
        gaz_add(g, last, strlen(last), TKGP_GZ_ORG_HEAD) < 0)
      return TKG_ENOMEM;
    if ((mask & (TKGP_GZ_WN_PLACE | TKGP_GZ_WN_CITY | TKGP_GZ_WN_COUNTRY)) &&
        gaz_add(g, last, strlen(last), TKGP_GZ_LOC_HEAD) < 0)
      return TKG_ENOMEM;
  }
  return 0;
}

static int gaz_wordnet(gaz_items *g, tkg_world *world, const char *dir,
                       int quiet)
{
  char *path = malloc(strlen(dir) + 16), *buf = NULL, *line;
  size_t len = 0;
  wn_data d = {0};
  int rc = 0;

  if (!path)
    return TKG_ENOMEM;
  sprintf(path, "%s/data.noun", dir);
  buf = slurp(path, &len);
  if (!buf) {
    if (!quiet)
      fprintf(stderr, "textkg: %s: cannot read; no WordNet gazetteer\n", path);
    free(path);
    return 0;
  }
  for (line = buf; line && *line;) {
    char *next = strchr(line, '\n');
    if (next)
      *next++ = '\0';
    /* lines that start with a space are the license */
    if (*line != ' ' && wn_read_synset(&d, line) < 0)
      goto nomem;
    line = next;
  }
  for (size_t i = 0; i < d.n; i++) {
    wn_syn *s = &d.syn[i];
    uint32_t mask;
    if (!s->instance || !s->n_words)
      continue;
    mask = wn_mask(s, wn_bits(d.syn, d.n, d.hyp, i));
    if (mask && wn_add_synset(g, &d, s, mask) < 0)
      goto nomem;
  }
  goto done;
nomem:
  rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
done:
  free(path);
  free(buf);
  free(d.syn);
  free(d.hyp);
  free(d.wptr);
  return rc;
}

/* Every "name": "..." of iso_3166-2.json. */
static int gaz_subdivisions(gaz_items *g, const char *dir, int quiet)
{
  char *path = malloc(strlen(dir) + 32), *buf;
  size_t len = 0;
  int rc = 0;
  if (!path)
    return TKG_ENOMEM;
  sprintf(path, "%s/iso_3166-2.json", dir);
  buf = slurp(path, &len);
  if (!buf) {
    if (!quiet)
      fprintf(stderr, "textkg: %s: cannot read; no subdivision gazetteer\n", path);
    free(path);
    return 0;
  }
  for (char *p = buf; (p = strstr(p, "\"name\": \"")) != NULL && rc == 0;) {
    char *e;
    p += 9;
    e = strchr(p, '"');
    if (!e)
      break;
    rc = gaz_add(g, p, (size_t)(e - p), TKGP_GZ_SUBDIV);
    p = e + 1;
  }
  free(path);
  free(buf);
  return rc;
}

/* Labels, capitals and demonyms of the ontology's countries.ttl. */
static int gaz_ontology(gaz_items *g, const char *path, int quiet)
{
  size_t len = 0;
  char *buf = slurp(path, &len), *line;
  int rc = 0;
  if (!buf) {
    if (!quiet)
      fprintf(stderr, "textkg: %s: cannot read; no ontology country names\n", path);
    return 0;
  }
  for (line = buf; line && *line && rc == 0;) {
    char *next = strchr(line, '\n');
    uint32_t mask = 0;
    if (next)
      *next++ = '\0';
    if (strstr(line, "skos:prefLabel") || strstr(line, "skos:altLabel"))
      mask = TKGP_GZ_COUNTRY;
    else if (strstr(line, "tkg:demonym"))
      mask = TKGP_GZ_DEMONYM;
    else if (strstr(line, "tkg:capital"))
      mask = TKGP_GZ_WN_CITY;
    if (mask) {
      for (char *p = line; (p = strchr(p, '"')) != NULL && rc == 0;) {
        char *e = strchr(++p, '"');
        if (!e)
          break;
        /* "the States": the phrase without its article, too */
        rc = gaz_add(g, p, (size_t)(e - p), mask);
        if (rc == 0 && e - p > 4 && !strncmp(p, "the ", 4))
          rc = gaz_add(g, p + 4, (size_t)(e - p - 4), mask);
        p = e + 1;
      }
    }
    line = next;
  }
  free(buf);
  return rc;
}

/* Labels of the titles (tkg:Title, tkg:GovernmentTitle) of lexicon.ttl. */
static int gaz_titles(gaz_items *g, const char *path, int quiet)
{
  size_t len = 0;
  char *buf = slurp(path, &len), *line;
  int rc = 0, title = 0;
  if (!buf) {
    if (!quiet)
      fprintf(stderr, "textkg: %s: cannot read; no title gazetteer\n", path);
    return 0;
  }
  for (line = buf; line && *line && rc == 0;) {
    char *next = strchr(line, '\n');
    if (next)
      *next++ = '\0';
    if (!strncmp(line, "tkgl:", 5))
      title = strstr(line, "Title") != NULL;
    if (title && (strstr(line, "skos:prefLabel") || strstr(line, "skos:altLabel")))
      for (char *p = line; (p = strchr(p, '"')) != NULL && rc == 0;) {
        char *e = strchr(++p, '"');
        if (!e)
          break;
        rc = gaz_add(g, p, (size_t)(e - p), TKGP_GZ_TITLE);
        p = e + 1;
      }
    line = next;
  }
  free(buf);
  return rc;
}

static int cmp_item(const void *a, const void *b)
{
  const tkgp_kmap_slot *x = a, *y = b;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return 0;
}

int tkgp_ner_gaz_build(tkg_world *world, const tkgp_ner_train_opts *opts,
                       tkgp_buf *out, size_t *n_phrases)
{
  gaz_items g = {0};
  size_t m = 0;
  int rc = 0;

  for (size_t i = 0; i < tkgp_iso_country_count && rc == 0; i++) {
    const tkgp_iso_country *c = &tkgp_iso_countries[i];
    const char *names[3] = {c->name, c->common_name, c->official_name};
    for (int k = 0; k < 3 && rc == 0; k++)
      if (names[k] && *names[k])
        rc = gaz_add(&g, names[k], strlen(names[k]), TKGP_GZ_COUNTRY);
  }
  if (rc == 0 && opts->iso_codes)
    rc = gaz_subdivisions(&g, opts->iso_codes, opts->quiet);
  if (rc == 0 && opts->countries)
    rc = gaz_ontology(&g, opts->countries, opts->quiet);
  if (rc == 0 && opts->lexicon)
    rc = gaz_titles(&g, opts->lexicon, opts->quiet);
  if (rc == 0 && opts->wordnet)
    rc = gaz_wordnet(&g, world, opts->wordnet, opts->quiet);
  if (rc < 0)
    goto done;
  /* merge duplicates: or the class bits and the continuation flags */
  if (g.n > 1)
    qsort(g.items, g.n, sizeof *g.items, cmp_item);
  for (size_t i = 0; i < g.n; i++) {
    if (m && g.items[m - 1].key == g.items[i].key) {
      g.items[m - 1].a |= g.items[i].a;
      g.items[m - 1].b |= g.items[i].b;
    } else {
      g.items[m++] = g.items[i];
    }
  }
  rc = tkgp_kmap_build(out, g.items, m);
  if (n_phrases)
    *n_phrases = g.phrases;
done:
  free(g.items);
  if (rc == TKG_ENOMEM)
    rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
  return rc;
}

/* Lexicographer file of each noun synset, by offset (data.noun order). */
typedef struct wn_lexfile {
  uint32_t offset, lexfile;
} wn_lexfile;

static int cmp_lexfile(const void *key, const void *elem)
{
  uint32_t k = *(const uint32_t *)key, o = ((const wn_lexfile *)elem)->offset;
  return k < o ? -1 : k > o;
}

/* The lexicographer file of every synset of DIR/data.noun into *LF (*NLF
 * of them, in offset order); none if the file cannot be read.
 * @return 0 or TKG_ENOMEM. */
static int lex_read_lexfiles(char *path, const char *dir, wn_lexfile **lf,
                             size_t *nlf)
{
  size_t lcap = 0, len;
  char *buf;
  sprintf(path, "%s/data.noun", dir);
  if ((buf = slurp(path, &len)) == NULL)
    return 0;
  for (char *line = buf; line && *line;) {
    char *next = strchr(line, '\n'), *p;
    if (next)
      next++;
    if (*line != ' ') {
      if (*nlf == lcap) {
        size_t nc = lcap ? lcap * 2 : 65536;
        wn_lexfile *q = realloc(*lf, nc * sizeof *q);
        if (!q) {
          free(buf);
          return TKG_ENOMEM;
        }
        *lf = q;
        lcap = nc;
      }
      (*lf)[*nlf].offset = (uint32_t)strtoul(line, &p, 10);
      (*lf)[*nlf].lexfile = (uint32_t)strtoul(p, NULL, 10);
      (*nlf)++;
    }
    line = next;
  }
  free(buf);
  return 0;
}

/* The lexicographer file of the most frequent sense of an index.noun
 * entry whose fields after the lemma start at FIELDS, shifted into place
 * for the word-class value; 0 if unknown. */
static uint32_t lex_first_sense(const char *fields, const wn_lexfile *lf,
                                size_t nlf)
{
  /* the last field before the offsets is tagsense_cnt; the first offset
   * is the most frequent sense */
  char *e;
  unsigned long synset_cnt, p_cnt;
  synset_cnt = strtoul(fields + 2, &e, 10);
  p_cnt = strtoul(e, &e, 10);
  for (unsigned long k = 0; k < p_cnt; k++) {
    while (*e == ' ')
      e++;
    while (*e && *e != ' ')
      e++;
  }
  strtoul(e, &e, 10);  /* sense_cnt */
  strtoul(e, &e, 10);  /* tagsense_cnt */
  if (synset_cnt) {
    uint32_t off = (uint32_t)strtoul(e, NULL, 10);
    const wn_lexfile *hit = lf ? bsearch(&off, lf, nlf, sizeof *lf, cmp_lexfile) : NULL;
    if (hit)
      return hit->lexfile << 4;
  }
  return 0;
}

/* Growing array of word-class slots. */
typedef struct lex_items {
  tkgp_kmap_slot *items;
  size_t n, cap;
} lex_items;

/* Add every single-word lemma of the index text BUF, of the part of
 * speech numbered F (noun, verb, adjective, adverb), to IT.
 * @return 0 or TKG_ENOMEM. */
static int lex_read_index(lex_items *it, char *buf, int f,
                          const wn_lexfile *lf, size_t nlf)
{
  for (char *line = buf; line && *line;) {
    char *next = strchr(line, '\n'), *sp;
    uint32_t val = 1u << f;
    if (next)
      *next++ = '\0';
    sp = strchr(line, ' ');
    if (*line == ' ' || !sp || memchr(line, '_', (size_t)(sp - line))) {
      line = next;
      continue;
    }
    *sp = '\0';
    if (f == 0)
      val |= lex_first_sense(sp + 1, lf, nlf);
    if (it->n == it->cap) {
      size_t nc = it->cap ? it->cap * 2 : 65536;
      tkgp_kmap_slot *q = realloc(it->items, nc * sizeof *q);
      if (!q)
        return TKG_ENOMEM;
      it->items = q;
      it->cap = nc;
    }
    it->items[it->n].key = tkgp_ner_hash_lower(line) | 1;
    it->items[it->n].a = val;
    it->items[it->n].b = 0;
    it->n++;
    line = next;
  }
  return 0;
}

int tkgp_ner_lex_build(tkg_world *world, const tkgp_ner_train_opts *opts,
                       tkgp_buf *out, size_t *n_words)
{
  static const char *const files[4] = {"index.noun", "index.verb",
                                       "index.adj", "index.adv"};
  lex_items it = {0};
  wn_lexfile *lf = NULL;
  size_t nlf = 0, m = 0, len;
  char *path = NULL, *buf = NULL;
  int rc = 0;

  if (!opts->wordnet)
    goto build;
  path = malloc(strlen(opts->wordnet) + 16);
  if (!path || lex_read_lexfiles(path, opts->wordnet, &lf, &nlf) < 0)
    goto nomem;
  for (int f = 0; f < 4; f++) {
    sprintf(path, "%s/%s", opts->wordnet, files[f]);
    if (!(buf = slurp(path, &len))) {
      if (!opts->quiet)
        fprintf(stderr, "textkg: %s: cannot read; no WordNet word classes\n", path);
      continue;
    }
    if (lex_read_index(&it, buf, f, lf, nlf) < 0)
      goto nomem;
    free(buf);
    buf = NULL;
  }
  /* merge duplicates: a word of several parts of speech has all their bits */
  if (it.n > 1)
    qsort(it.items, it.n, sizeof *it.items, cmp_item);
  for (size_t i = 0; i < it.n; i++) {
    if (m && it.items[m - 1].key == it.items[i].key)
      it.items[m - 1].a |= it.items[i].a;
    else
      it.items[m++] = it.items[i];
  }
build:
  rc = tkgp_kmap_build(out, it.items, m);
  if (rc < 0)
    goto nomem;
  if (n_words)
    *n_words = m;
  goto done;
nomem:
  rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
done:
  free(it.items);
  free(lf);
  free(path);
  free(buf);
  return rc;
}

/* ---- training ------------------------------------------------------------------ */

static double dev_score(tkg_world *world, const tkgp_perc *perc,
                        const tkgp_kmap *gaz, const tkgp_kmap *lex,
                        const tkgp_ner_corpus *dev,
                        size_t n_dev, double *each, int *rc)
{
  tkgp_ner *ner;
  double sum = 0;
  *rc = tkgp_ner_new_borrowed(&ner, world, perc, gaz, lex);
  if (*rc < 0)
    return 0;
  tkgp_ner_set_options(ner, TKGP_NER_NO_DATES | TKGP_NER_NO_SPLIT);
  for (size_t d = 0; d < n_dev; d++) {
    tkgp_ner_counts c;
    memset(&c, 0, sizeof c);
    *rc = tkgp_ner_score_corpus(ner, &dev[d], &c);
    if (*rc < 0)
      break;
    each[d] = tkgp_ner_micro_f1(&c);
    sum += each[d];
  }
  tkgp_ner_close(ner);
  return n_dev ? sum / (double)n_dev : 0;
}

/* Scratch space for one training sentence of up to the longest's words. */
enum { NC = TKGP_NER_N_CLASSES };
typedef struct sentence_scratch {
  float raw[(NC + 1) * NC], tr[(NC + 1) * NC], delta[2 * NC], *em;
  uint8_t *back, *dropped;
  uint32_t *cls;
  uint64_t feats[TKGP_NER_MAX_FEATS];
} sentence_scratch;

/* One structured-perceptron step on the N words STI of a sentence whose
 * gold classes are GOLD: decode with the current weights (DROP percent of
 * the words hidden), let the document memory see the result, and where
 * it differs from GOLD move the emission and transition weights toward
 * GOLD. The wrong words are added to *ERRORS. @return 0 or TKG_ENOMEM. */
static int train_sentence(tkgp_perc_train *t, sentence_scratch *x, tkgp_ner_mem *mem,
                          tkgp_ner_tok *sti, const uint32_t *gold, size_t n, int drop,
                          uint64_t *seed, size_t *errors)
{
  size_t wrong = 0;
  for (uint32_t p = 0; p <= NC; p++) {
    uint64_t key = tkgp_ner_trans_key(p);
    tkgp_perc_train_score(t, &key, 1, x->raw + p * NC);
  }
  tkgp_ner_trans_matrix(x->tr, x->raw);
  tkgp_ner_mem_lookup(mem, sti, n);
  for (size_t i = 0; i < n; i++) {
    size_t nf;
    x->dropped[i] = drop > 0 && (int)(tkgp_rand(seed) % 100) < drop;
    nf = tkgp_ner_features(sti, n, i, x->dropped[i], x->feats);
    tkgp_perc_train_score(t, x->feats, nf, x->em + i * NC);
  }
  tkgp_ner_viterbi(x->em, x->tr, n, x->back, x->delta, x->cls);
  tkgp_ner_mem_add(mem, sti, x->cls, n);
  tkgp_perc_train_tick(t);
  for (size_t i = 0; i < n; i++)
    wrong += x->cls[i] != gold[i];
  if (!wrong)
    return 0;
  *errors += wrong;
  for (size_t i = 0; i < n; i++) {
    uint32_t pg = i ? gold[i - 1] : NC, pp = i ? x->cls[i - 1] : NC;
    int bad = 0;
    if (x->cls[i] != gold[i]) {
      size_t nf = tkgp_ner_features(sti, n, i, x->dropped[i], x->feats);
      bad |= tkgp_perc_train_update(t, x->feats, nf, gold[i], 1.0f);
      bad |= tkgp_perc_train_update(t, x->feats, nf, x->cls[i], -1.0f);
    }
    if (x->cls[i] != gold[i] || pg != pp) {
      uint64_t kg = tkgp_ner_trans_key(pg), kp = tkgp_ner_trans_key(pp);
      bad |= tkgp_perc_train_update(t, &kg, 1, gold[i], 1.0f);
      bad |= tkgp_perc_train_update(t, &kp, 1, x->cls[i], -1.0f);
    }
    if (bad)
      return TKG_ENOMEM;
  }
  return 0;
}

/* One training run: the corpora, the maps the features read, the
 * training sentences as token infos and gold classes, and the perceptron
 * being trained (T), the sum of the ensemble's members so far (ACC), the
 * weights of the current epoch (CUR) and of the best one (BEST). */
typedef struct ner_run {
  tkg_world *world;
  const tkgp_ner_corpus *train, *dev;
  size_t n_dev;
  const tkgp_ner_train_opts *opts;
  tkgp_kmap gaz, lex;
  tkgp_ner_tok *ti;
  uint32_t *gold;
  size_t *order, n_docs;  /* first sentence of each document */
  tkgp_ner_mem *mem;
  sentence_scratch x;
  double *each;           /* dev F1 per dev corpus */
  uint64_t seed;
  tkgp_perc_train *t, *acc;
  tkgp_perc best, cur;
  double best_f1;
  int best_epoch;
} ner_run;

/* The shuffle seed of the first member; 0 means the default. */
static uint64_t first_seed(const tkgp_ner_train_opts *opts)
{
  return opts->seed ? opts->seed : 0x9e3779b9ull;
}

/* Compile the gazetteer and the WordNet word classes into GAZBUF and
 * LEXBUF, and view them as the maps of R. */
static int run_maps(ner_run *r, tkgp_buf *gazbuf, tkgp_buf *lexbuf)
{
  size_t n_phrases = 0, n_lex = 0;
  int rc;
  if ((rc = tkgp_ner_gaz_build(r->world, r->opts, gazbuf, &n_phrases)) < 0)
    return rc;
  if ((rc = tkgp_ner_lex_build(r->world, r->opts, lexbuf, &n_lex)) < 0)
    return rc;
  if (tkgp_kmap_view(&r->gaz, gazbuf->data, gazbuf->len) < 0 ||
      tkgp_kmap_view(&r->lex, lexbuf->data, lexbuf->len) < 0)
    return tkgp_error(r->world, TKG_EDATA, "gazetteer: bad map");
  if (!r->opts->quiet)
    fprintf(stderr, "textkg: ner gazetteer: %zu phrases, %zu KiB; WordNet "
            "words: %zu, %zu KiB\n", n_phrases, gazbuf->len / 1024, n_lex,
            lexbuf->len / 1024);
  return rc;
}

/* Allocate the arrays of R, the scratch space for its longest sentence
 * and the first perceptron. */
static int run_alloc(ner_run *r)
{
  const tkgp_ner_corpus *train = r->train;
  size_t max_len = 0;
  r->ti = malloc((train->n_words ? train->n_words : 1) * sizeof *r->ti);
  r->gold = malloc((train->n_words ? train->n_words : 1) * sizeof *r->gold);
  r->order = malloc((train->n_sents ? train->n_sents : 1) * sizeof *r->order);
  r->each = calloc(r->n_dev ? r->n_dev : 1, sizeof *r->each);
  for (size_t s = 0; s < train->n_sents; s++)
    if (train->sents[s].n_words > max_len)
      max_len = train->sents[s].n_words;
  r->x.cls = malloc((max_len ? max_len : 1) * sizeof *r->x.cls);
  r->x.em = malloc((max_len ? max_len : 1) * NC * sizeof *r->x.em);
  r->x.back = malloc((max_len ? max_len : 1) * NC);
  r->x.dropped = malloc(max_len ? max_len : 1);
  if (!r->ti || !r->gold || !r->order || !r->each || !r->x.cls || !r->x.em ||
      !r->x.back || !r->mem || !r->x.dropped ||
      tkgp_perc_train_new(&r->t, TKGP_NER_N_CLASSES) < 0)
    return tkgp_error(r->world, TKG_ENOMEM, "out of memory");
  return 0;
}

/* Token infos and gold classes of every training sentence, computed once
 * for all epochs, and the first sentence of every document. */
static void run_encode(ner_run *r)
{
  const tkgp_ner_corpus *train = r->train;
  for (size_t s = 0; s < train->n_sents; s++) {
    const tkgp_ner_sent *st = &train->sents[s];
    if (s == 0 || st->doc_start)
      r->order[r->n_docs++] = s;
    tkgp_ner_tokinfo(&r->gaz, &r->lex, train->words + st->word, st->n_words,
                     r->ti + st->word);
    tkgp_ner_encode_bilou(train->spans + st->span, st->n_spans,
                          r->gold + st->word, st->n_words);
  }
}

/* One epoch over the training sentences; the wrong words are added to
 * *ERRORS. */
static int train_epoch(ner_run *r, size_t *errors)
{
  const tkgp_ner_corpus *train = r->train;
  for (size_t d = r->n_docs; d > 1; d--) {
    size_t j = (size_t)(tkgp_rand(&r->seed) % d), tmp = r->order[d - 1];
    r->order[d - 1] = r->order[j];
    r->order[j] = tmp;
  }
  /* documents in a shuffled order, the sentences of each in order, so
   * that the document memory sees what decoding will see */
  for (size_t d = 0; d < r->n_docs; d++) {
    size_t stop = r->order[d] + 1;
    while (stop < train->n_sents && !train->sents[stop].doc_start)
      stop++;
    tkgp_ner_mem_clear(r->mem);
    for (size_t s = r->order[d]; s < stop; s++) {
      const tkgp_ner_sent *st = &train->sents[s];
      if (train_sentence(r->t, &r->x, r->mem, r->ti + st->word, r->gold + st->word,
                         st->n_words, r->opts->drop, &r->seed, errors) < 0)
        return tkgp_error(r->world, TKG_ENOMEM, "out of memory");
    }
  }
  return 0;
}

/* The progress message of an epoch that began at T0. */
static void report_epoch(const ner_run *r, int epoch, size_t errors,
                         double f1, double t0)
{
  size_t n_feats, n_weights, n_words = r->train->n_words;
  tkgp_perc_train_stats(r->t, &n_feats, &n_weights);
  if (r->opts->quiet)
    return;
  fprintf(stderr, "textkg: ner epoch %d: train errors %.2f%%, dev F1",
          epoch, 100.0 * (double)errors / (double)(n_words ? n_words : 1));
  for (size_t d = 0; d < r->n_dev; d++)
    fprintf(stderr, " %.2f", r->each[d]);
  fprintf(stderr, " (mean %.2f; %zu features, %zu weights, %.1fs)\n", f1,
          n_feats, n_weights, tkgp_now() - t0);
}

/* Keep the weights of EPOCH (dev F1 F1) if they are the best so far.
 * @return 1 when PATIENCE epochs have passed without a better one. */
static int keep_if_best(ner_run *r, int epoch, double f1)
{
  if (f1 > r->best_f1 || r->n_dev == 0) {
    tkgp_perc_finish(&r->best);
    r->best = r->cur;
    memset(&r->cur, 0, sizeof r->cur);
    r->best_f1 = f1;
    r->best_epoch = epoch;
    return 0;
  }
  tkgp_perc_finish(&r->cur);
  return epoch - r->best_epoch >= r->opts->patience;
}

/* Train member MEMBER of an ensemble of MEMBERS (or the only model) for
 * its epochs, each frozen and scored on the dev corpora. */
static int train_member(ner_run *r, int member, int members)
{
  const tkgp_ner_train_opts *opts = r->opts;
  int rc = 0;
  if (member > 0) {
    /* the next member of the ensemble: the same data in other orders */
    int folded = tkgp_perc_train_fold(&r->acc, r->t, member - 1);
    r->t = NULL;
    if (folded < 0 || tkgp_perc_train_new(&r->t, TKGP_NER_N_CLASSES) < 0)
      return tkgp_error(r->world, TKG_ENOMEM, "out of memory");
    r->seed = first_seed(opts) + (uint64_t)member * 0x9E3779B97F4A7C15ull;
  }
  for (int epoch = 1; epoch <= opts->epochs; epoch++) {
    size_t errors = 0;
    double t0 = tkgp_now(), f1;
    if ((rc = train_epoch(r, &errors)) < 0)
      return rc;
    if (tkgp_perc_freeze(r->t, opts->prune, &r->cur) < 0)
      return tkgp_error(r->world, TKG_ENOMEM, "out of memory");
    f1 = dev_score(r->world, &r->cur, &r->gaz, &r->lex, r->dev, r->n_dev,
                   r->each, &rc);
    if (rc < 0)
      return rc;
    report_epoch(r, epoch, errors, f1, t0);
    if (members > 1) {
      /* members run all their epochs; the ensemble is scored below */
      tkgp_perc_finish(&r->cur);
      continue;
    }
    if (keep_if_best(r, epoch, f1))
      break;
  }
  return rc;
}

/* Average the MEMBERS members of the ensemble into R's best weights and
 * score them on the dev corpora. */
static int finish_ensemble(ner_run *r, int members)
{
  int rc = 0;
  if (r->acc) {
    int folded = tkgp_perc_train_fold(&r->acc, r->t, members - 1);
    r->t = r->acc;
    r->acc = NULL;
    if (folded < 0)
      return tkgp_error(r->world, TKG_ENOMEM, "out of memory");
  }
  if (tkgp_perc_freeze(r->t, r->opts->prune, &r->best) < 0)
    return tkgp_error(r->world, TKG_ENOMEM, "out of memory");
  r->best_f1 = dev_score(r->world, &r->best, &r->gaz, &r->lex, r->dev,
                         r->n_dev, r->each, &rc);
  if (rc < 0)
    return rc;
  r->best_epoch = r->opts->epochs;
  if (!r->opts->quiet) {
    fprintf(stderr, "textkg: ner ensemble of %d: dev F1", members);
    for (size_t d = 0; d < r->n_dev; d++)
      fprintf(stderr, " %.2f", r->each[d]);
    fprintf(stderr, " (mean %.2f)\n", r->best_f1);
  }
  return rc;
}

/* Write the model of R's best weights, GAZBUF and LEXBUF to PATH; the
 * run began at T_START. */
static int write_model(ner_run *r, const tkgp_buf *gazbuf,
                       const tkgp_buf *lexbuf, const char *path, double t_start)
{
  tkgp_buf percbuf = {0};
  tkgp_model_writer *w = NULL;
  tkgp_ner_param param = {TKGP_NER_FEATURE_VERSION, TKGP_NER_N_CLASSES,
                          TKGP_NER_GAZ_MAX_TOKENS, 0};
  int rc;
  if ((rc = tkgp_perc_serialize(&r->best, &percbuf)) < 0 ||
      (rc = tkgp_model_writer_new(&w, TKGP_KIND_NER)) < 0 ||
      (rc = tkgp_model_writer_add(w, TKGP_NER_SEC_PARAM, &param, sizeof param)) < 0 ||
      (rc = tkgp_model_writer_add(w, TKGP_NER_SEC_PERC, percbuf.data, percbuf.len)) < 0 ||
      (rc = tkgp_model_writer_add(w, TKGP_NER_SEC_GAZ, gazbuf->data, gazbuf->len)) < 0 ||
      (rc = tkgp_model_writer_add(w, TKGP_NER_SEC_LEX, lexbuf->data, lexbuf->len)) < 0) {
    rc = tkgp_error(r->world, TKG_ENOMEM, "out of memory");
    goto done;
  }
  if ((rc = tkgp_model_writer_save(w, r->world, path)) < 0)
    goto done;
  if (!r->opts->quiet)
    fprintf(stderr, "textkg: ner: keeping epoch %d (dev F1 %.2f); wrote %s "
            "(%zu KiB, %.1fs)\n", r->best_epoch, r->best_f1, path,
            (percbuf.len + gazbuf->len + lexbuf->len) / 1024, tkgp_now() - t_start);
done:
  tkgp_model_writer_free(w);
  tkgp_buf_finish(&percbuf);
  return rc;
}

int tkgp_ner_train(tkg_world *world, const tkgp_ner_corpus *train,
                   const tkgp_ner_corpus *dev, size_t n_dev,
                   const tkgp_ner_train_opts *opts, const char *path)
{
  tkgp_buf gazbuf = {0}, lexbuf = {0};
  int members = opts->ensemble > 1 ? opts->ensemble : 1;
  double t_start = tkgp_now();
  ner_run r = {.world = world, .train = train, .dev = dev, .n_dev = n_dev,
               .opts = opts, .mem = calloc(1, sizeof *r.mem),
               .seed = first_seed(opts), .best_f1 = -1};
  int rc;

  if ((rc = run_maps(&r, &gazbuf, &lexbuf)) < 0 || (rc = run_alloc(&r)) < 0)
    goto done;
  run_encode(&r);
  for (int member = 0; member < members; member++)
    if ((rc = train_member(&r, member, members)) < 0)
      goto done;
  if (members > 1 && (rc = finish_ensemble(&r, members)) < 0)
    goto done;
  if (!r.best.n_slots) {
    rc = tkgp_error(world, TKG_EINVAL, "ner: no training epochs");
    goto done;
  }
  rc = write_model(&r, &gazbuf, &lexbuf, path, t_start);
done:
  tkgp_perc_train_free(r.t);
  tkgp_perc_train_free(r.acc);
  tkgp_perc_finish(&r.best);
  tkgp_perc_finish(&r.cur);
  tkgp_buf_finish(&gazbuf);
  tkgp_buf_finish(&lexbuf);
  free(r.ti);
  free(r.gold);
  free(r.x.cls);
  free(r.x.em);
  free(r.x.back);
  free(r.x.dropped);
  free(r.mem);
  free(r.order);
  free(r.each);
  return rc;
}
