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

static int gaz_wordnet(gaz_items *g, tkg_world *world, const char *dir,
                       int quiet)
{
  char *path = malloc(strlen(dir) + 16), *buf = NULL, *line;
  size_t len = 0, n = 0, cap = 0, nh = 0, hcap = 0, nw = 0, wcap = 0;
  wn_syn *syn = NULL;
  uint32_t *hyp = NULL;
  char **wptr = NULL;
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
    char *next = strchr(line, '\n'), *p, *e;
    wn_syn *s;
    unsigned long w_cnt, p_cnt;
    if (next)
      *next++ = '\0';
    if (*line == ' ') {
      line = next;
      continue;
    }
    if (n == cap) {
      size_t nc = cap ? cap * 2 : 65536;
      wn_syn *q = realloc(syn, nc * sizeof *q);
      if (!q)
        goto nomem;
      syn = q;
      cap = nc;
    }
    s = &syn[n];
    memset(s, 0, sizeof *s);
    s->offset = (uint32_t)strtoul(line, &p, 10);
    s->lexfile = (uint8_t)strtoul(p, &p, 10);
    while (*p == ' ')
      p++;
    p++;  /* ss_type */
    w_cnt = strtoul(p, &p, 16);
    s->hyp = (uint32_t)nh;
    s->word = (uint32_t)nw;
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
      if (nw == wcap) {
        size_t nc = wcap ? wcap * 2 : 65536;
        char **q = realloc(wptr, nc * sizeof *q);
        if (!q)
          goto nomem;
        wptr = q;
        wcap = nc;
      }
      wptr[nw++] = p;
      s->n_words++;
      p = e + 1;
      strtoul(p, &p, 16);  /* lex_id */
    }
    p_cnt = strtoul(p, &p, 10);
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
        if (nh == hcap) {
          size_t nc = hcap ? hcap * 2 : 65536;
          uint32_t *q = realloc(hyp, nc * sizeof *q);
          if (!q)
            goto nomem;
          hyp = q;
          hcap = nc;
        }
        hyp[nh++] = (uint32_t)off;
        s->n_hyp++;
      }
    }
    n++;
    line = next;
  }
  for (size_t i = 0; i < n; i++) {
    wn_syn *s = &syn[i];
    uint8_t bits;
    uint32_t mask = 0;
    if (!s->instance || !s->n_words)
      continue;
    bits = wn_bits(syn, n, hyp, i);
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
    if (!mask)
      continue;
    for (uint32_t k = 0; k < s->n_words; k++) {
      const char *w = wptr[s->word + k], *sp = strchr(w, '_'), *last;
      if (gaz_add(g, w, strlen(w), mask) < 0)
        goto nomem;
      if (!sp || !(w[0] >= 'A' && w[0] <= 'Z'))
        continue;
      /* The parts of multiword names say something of names never seen
       * whole: "Albert" starts persons, "Party" ends organizations. */
      last = strrchr(w, '_') + 1;
      if ((mask & TKGP_GZ_WN_PERSON) &&
          (gaz_add(g, w, (size_t)(sp - w), TKGP_GZ_FIRST) < 0 ||
           gaz_add(g, last, strlen(last), TKGP_GZ_LAST) < 0))
        goto nomem;
      if ((mask & TKGP_GZ_WN_ORG) &&
          gaz_add(g, last, strlen(last), TKGP_GZ_ORG_HEAD) < 0)
        goto nomem;
      if ((mask & (TKGP_GZ_WN_PLACE | TKGP_GZ_WN_CITY | TKGP_GZ_WN_COUNTRY)) &&
          gaz_add(g, last, strlen(last), TKGP_GZ_LOC_HEAD) < 0)
        goto nomem;
    }
  }
  goto done;
nomem:
  rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
done:
  free(path);
  free(buf);
  free(syn);
  free(hyp);
  free(wptr);
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

int tkgp_ner_lex_build(tkg_world *world, const tkgp_ner_train_opts *opts,
                       tkgp_buf *out, size_t *n_words)
{
  static const char *const files[4] = {"index.noun", "index.verb",
                                       "index.adj", "index.adv"};
  tkgp_kmap_slot *items = NULL;
  wn_lexfile *lf = NULL;
  size_t n = 0, cap = 0, nlf = 0, lcap = 0, m = 0, len;
  char *path = NULL, *buf = NULL;
  int rc = 0;

  if (!opts->wordnet)
    goto build;
  path = malloc(strlen(opts->wordnet) + 16);
  if (!path)
    goto nomem;
  sprintf(path, "%s/data.noun", opts->wordnet);
  if ((buf = slurp(path, &len)) != NULL) {
    for (char *line = buf; line && *line;) {
      char *next = strchr(line, '\n'), *p;
      if (next)
        next++;
      if (*line != ' ') {
        if (nlf == lcap) {
          size_t nc = lcap ? lcap * 2 : 65536;
          wn_lexfile *q = realloc(lf, nc * sizeof *q);
          if (!q)
            goto nomem;
          lf = q;
          lcap = nc;
        }
        lf[nlf].offset = (uint32_t)strtoul(line, &p, 10);
        lf[nlf].lexfile = (uint32_t)strtoul(p, NULL, 10);
        nlf++;
      }
      line = next;
    }
    free(buf);
    buf = NULL;
  }
  for (int f = 0; f < 4; f++) {
    sprintf(path, "%s/%s", opts->wordnet, files[f]);
    if (!(buf = slurp(path, &len))) {
      if (!opts->quiet)
        fprintf(stderr, "textkg: %s: cannot read; no WordNet word classes\n", path);
      continue;
    }
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
      if (f == 0) {
        /* the last field before the offsets is tagsense_cnt; the first
         * offset is the most frequent sense */
        char *tok = sp + 1, *e;
        unsigned long synset_cnt, p_cnt;
        synset_cnt = strtoul(tok + 2, &e, 10);
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
          wn_lexfile *hit = lf ? bsearch(&off, lf, nlf, sizeof *lf, cmp_lexfile) : NULL;
          if (hit)
            val |= hit->lexfile << 4;
        }
      }
      if (n == cap) {
        size_t nc = cap ? cap * 2 : 65536;
        tkgp_kmap_slot *q = realloc(items, nc * sizeof *q);
        if (!q)
          goto nomem;
        items = q;
        cap = nc;
      }
      items[n].key = tkgp_ner_hash_lower(line) | 1;
      items[n].a = val;
      items[n].b = 0;
      n++;
      line = next;
    }
    free(buf);
    buf = NULL;
  }
  if (n > 1)
    qsort(items, n, sizeof *items, cmp_item);
  for (size_t i = 0; i < n; i++) {
    if (m && items[m - 1].key == items[i].key)
      items[m - 1].a |= items[i].a;
    else
      items[m++] = items[i];
  }
build:
  rc = tkgp_kmap_build(out, items, m);
  if (rc < 0)
    goto nomem;
  if (n_words)
    *n_words = m;
  goto done;
nomem:
  rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
done:
  free(items);
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

int tkgp_ner_train(tkg_world *world, const tkgp_ner_corpus *train,
                   const tkgp_ner_corpus *dev, size_t n_dev,
                   const tkgp_ner_train_opts *opts, const char *path)
{
  tkgp_buf gazbuf = {0}, percbuf = {0}, lexbuf = {0};
  tkgp_kmap gaz, lex;
  tkgp_perc_train *t = NULL, *acc = NULL;
  int members = opts->ensemble > 1 ? opts->ensemble : 1;
  tkgp_perc best = {0}, cur = {0};
  tkgp_ner_tok *ti = NULL;
  uint32_t *gold = NULL;
  size_t *order = NULL, n_phrases = 0, n_lex = 0, max_len = 0, n_docs = 0;
  tkgp_ner_mem *mem = calloc(1, sizeof *mem);
  double best_f1 = -1, *each = NULL, t_start = tkgp_now();
  int best_epoch = 0, rc = 0;
  uint64_t seed = opts->seed ? opts->seed : 0x9e3779b9ull;
  sentence_scratch x = {0};
  tkgp_model_writer *w = NULL;
  tkgp_ner_param param = {TKGP_NER_FEATURE_VERSION, TKGP_NER_N_CLASSES,
                          TKGP_NER_GAZ_MAX_TOKENS, 0};

  if ((rc = tkgp_ner_gaz_build(world, opts, &gazbuf, &n_phrases)) < 0)
    goto done;
  if ((rc = tkgp_ner_lex_build(world, opts, &lexbuf, &n_lex)) < 0)
    goto done;
  if (tkgp_kmap_view(&gaz, gazbuf.data, gazbuf.len) < 0 ||
      tkgp_kmap_view(&lex, lexbuf.data, lexbuf.len) < 0) {
    rc = tkgp_error(world, TKG_EDATA, "gazetteer: bad map");
    goto done;
  }
  if (!opts->quiet)
    fprintf(stderr, "textkg: ner gazetteer: %zu phrases, %zu KiB; WordNet "
            "words: %zu, %zu KiB\n", n_phrases, gazbuf.len / 1024, n_lex,
            lexbuf.len / 1024);
  ti = malloc((train->n_words ? train->n_words : 1) * sizeof *ti);
  gold = malloc((train->n_words ? train->n_words : 1) * sizeof *gold);
  order = malloc((train->n_sents ? train->n_sents : 1) * sizeof *order);
  each = calloc(n_dev ? n_dev : 1, sizeof *each);
  for (size_t s = 0; s < train->n_sents; s++)
    if (train->sents[s].n_words > max_len)
      max_len = train->sents[s].n_words;
  x.cls = malloc((max_len ? max_len : 1) * sizeof *x.cls);
  x.em = malloc((max_len ? max_len : 1) * NC * sizeof *x.em);
  x.back = malloc((max_len ? max_len : 1) * NC);
  x.dropped = malloc(max_len ? max_len : 1);
  if (!ti || !gold || !order || !each || !x.cls || !x.em || !x.back || !mem ||
      !x.dropped ||
      tkgp_perc_train_new(&t, TKGP_NER_N_CLASSES) < 0) {
    rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
    goto done;
  }
  for (size_t s = 0; s < train->n_sents; s++) {
    const tkgp_ner_sent *st = &train->sents[s];
    if (s == 0 || st->doc_start)
      order[n_docs++] = s;
    tkgp_ner_tokinfo(&gaz, &lex, train->words + st->word, st->n_words,
                     ti + st->word);
    tkgp_ner_encode_bilou(train->spans + st->span, st->n_spans,
                          gold + st->word, st->n_words);
  }
  for (int member = 0; member < members; member++) {
    if (member > 0) {
      /* the next member of the ensemble: the same data in other orders */
      int folded = tkgp_perc_train_fold(&acc, t, member - 1);
      t = NULL;
      if (folded < 0 || tkgp_perc_train_new(&t, TKGP_NER_N_CLASSES) < 0) {
        rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
        goto done;
      }
      seed = (opts->seed ? opts->seed : 0x9e3779b9ull) +
             (uint64_t)member * 0x9E3779B97F4A7C15ull;
    }
    for (int epoch = 1; epoch <= opts->epochs; epoch++) {
      size_t errors = 0, n_feats, n_weights;
      double t0 = tkgp_now(), f1;
      for (size_t d = n_docs; d > 1; d--) {
        size_t j = (size_t)(tkgp_rand(&seed) % d), tmp = order[d - 1];
        order[d - 1] = order[j];
        order[j] = tmp;
      }
      /* documents in a shuffled order, the sentences of each in order, so
       * that the document memory sees what decoding will see */
      for (size_t d = 0; d < n_docs; d++) {
        size_t stop = order[d] + 1;
        while (stop < train->n_sents && !train->sents[stop].doc_start)
          stop++;
        tkgp_ner_mem_clear(mem);
        for (size_t s = order[d]; s < stop; s++) {
          const tkgp_ner_sent *st = &train->sents[s];
          if (train_sentence(t, &x, mem, ti + st->word, gold + st->word, st->n_words,
                             opts->drop, &seed, &errors) < 0) {
            rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
            goto done;
          }
        }
      }
      if (tkgp_perc_freeze(t, opts->prune, &cur) < 0) {
        rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
        goto done;
      }
      f1 = dev_score(world, &cur, &gaz, &lex, dev, n_dev, each, &rc);
      if (rc < 0)
        goto done;
      tkgp_perc_train_stats(t, &n_feats, &n_weights);
      if (!opts->quiet) {
        fprintf(stderr, "textkg: ner epoch %d: train errors %.2f%%, dev F1",
                epoch, 100.0 * (double)errors / (double)(train->n_words ? train->n_words : 1));
        for (size_t d = 0; d < n_dev; d++)
          fprintf(stderr, " %.2f", each[d]);
        fprintf(stderr, " (mean %.2f; %zu features, %zu weights, %.1fs)\n", f1,
                n_feats, n_weights, tkgp_now() - t0);
      }
      if (members > 1) {
        /* members run all their epochs; the ensemble is scored below */
        tkgp_perc_finish(&cur);
        continue;
      }
      if (f1 > best_f1 || n_dev == 0) {
        tkgp_perc_finish(&best);
        best = cur;
        memset(&cur, 0, sizeof cur);
        best_f1 = f1;
        best_epoch = epoch;
      } else {
        tkgp_perc_finish(&cur);
        if (epoch - best_epoch >= opts->patience)
          break;
      }
    }
  }
  if (members > 1) {
    if (acc) {
      int folded = tkgp_perc_train_fold(&acc, t, members - 1);
      t = acc;
      acc = NULL;
      if (folded < 0) {
        rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
        goto done;
      }
    }
    if (tkgp_perc_freeze(t, opts->prune, &best) < 0) {
      rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
      goto done;
    }
    best_f1 = dev_score(world, &best, &gaz, &lex, dev, n_dev, each, &rc);
    if (rc < 0)
      goto done;
    best_epoch = opts->epochs;
    if (!opts->quiet) {
      fprintf(stderr, "textkg: ner ensemble of %d: dev F1", members);
      for (size_t d = 0; d < n_dev; d++)
        fprintf(stderr, " %.2f", each[d]);
      fprintf(stderr, " (mean %.2f)\n", best_f1);
    }
  }
  if (!best.n_slots) {
    rc = tkgp_error(world, TKG_EINVAL, "ner: no training epochs");
    goto done;
  }
  if ((rc = tkgp_perc_serialize(&best, &percbuf)) < 0 ||
      (rc = tkgp_model_writer_new(&w, TKGP_KIND_NER)) < 0 ||
      (rc = tkgp_model_writer_add(w, TKGP_NER_SEC_PARAM, &param, sizeof param)) < 0 ||
      (rc = tkgp_model_writer_add(w, TKGP_NER_SEC_PERC, percbuf.data, percbuf.len)) < 0 ||
      (rc = tkgp_model_writer_add(w, TKGP_NER_SEC_GAZ, gazbuf.data, gazbuf.len)) < 0 ||
      (rc = tkgp_model_writer_add(w, TKGP_NER_SEC_LEX, lexbuf.data, lexbuf.len)) < 0) {
    rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
    goto done;
  }
  if ((rc = tkgp_model_writer_save(w, world, path)) < 0)
    goto done;
  if (!opts->quiet)
    fprintf(stderr, "textkg: ner: keeping epoch %d (dev F1 %.2f); wrote %s "
            "(%zu KiB, %.1fs)\n", best_epoch, best_f1, path,
            (percbuf.len + gazbuf.len + lexbuf.len) / 1024, tkgp_now() - t_start);
done:
  tkgp_model_writer_free(w);
  tkgp_perc_train_free(t);
  tkgp_perc_train_free(acc);
  tkgp_perc_finish(&best);
  tkgp_perc_finish(&cur);
  tkgp_buf_finish(&gazbuf);
  tkgp_buf_finish(&percbuf);
  tkgp_buf_finish(&lexbuf);
  free(ti);
  free(gold);
  free(x.cls);
  free(x.em);
  free(x.back);
  free(x.dropped);
  free(mem);
  free(order);
  free(each);
  return rc;
}
