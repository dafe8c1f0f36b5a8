/* lexicon.c - titles, country names and name particles read from ontology/
 * SPDX-License-Identifier: MIT
 *
 * The lexicon is data: users extend what textkg recognizes by editing the
 * Turtle files, without recompiling. raptor2 parses them into a flat list
 * of triples; we sort that list by subject and read each resource's
 * properties in one pass, so loading is O(n log n) in the number of triples
 * (a few thousand: well under a millisecond).
 */
#include "lexicon/lexicon.h"

#include <errno.h>
#include <raptor2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- reading Turtle ------------------------------------------------------ */

typedef struct read_state {
  tkg_world *world;
  tkgp_arena *arena;
  tkgp_triple *triples;
  size_t count, capacity;
  int failed;            /* 0, or the TKG_E* code of the first failure */
  char message[512];     /* first error raptor reported */
} read_state;

static const char *term_string(read_state *st, raptor_term *term)
{
  switch (term->type) {
  case RAPTOR_TERM_TYPE_URI:
    return tkgp_arena_strndup(st->arena,
                              (const char *)raptor_uri_as_string(term->value.uri),
                              strlen((const char *)raptor_uri_as_string(term->value.uri)));
  case RAPTOR_TERM_TYPE_LITERAL:
    return tkgp_arena_strndup(st->arena, (const char *)term->value.literal.string,
                              term->value.literal.string_len);
  case RAPTOR_TERM_TYPE_BLANK: {
    size_t n = term->value.blank.string_len;
    char *s = tkgp_arena_alloc(st->arena, n + 3);
    if (s) {
      memcpy(s, "_:", 2);
      memcpy(s + 2, term->value.blank.string, n);
      s[n + 2] = '\0';
    }
    return s;
  }
  default:
    return NULL;
  }
}

static void on_statement(void *data, raptor_statement *statement)
{
  read_state *st = data;
  tkgp_triple *t;

  if (st->failed)
    return;
  if (st->count == st->capacity) {
    size_t cap = st->capacity ? st->capacity * 2 : 256;
    tkgp_triple *p = realloc(st->triples, cap * sizeof *p);
    if (!p) {
      st->failed = TKG_ENOMEM;
      return;
    }
    st->triples = p;
    st->capacity = cap;
  }
  t = &st->triples[st->count];
  t->subject = term_string(st, statement->subject);
  t->predicate = term_string(st, statement->predicate);
  t->object = term_string(st, statement->object);
  t->literal = statement->object->type == RAPTOR_TERM_TYPE_LITERAL;
  t->language = NULL;
  if (t->literal && statement->object->value.literal.language)
    t->language = tkgp_arena_strndup(
        st->arena, (const char *)statement->object->value.literal.language,
        statement->object->value.literal.language_len);
  if (!t->subject || !t->predicate || !t->object) {
    st->failed = TKG_ENOMEM;
    return;
  }
  st->count++;
}

static void on_log(void *data, raptor_log_message *message)
{
  read_state *st = data;

  if (message->level < RAPTOR_LOG_LEVEL_ERROR || st->message[0])
    return;
  if (message->locator && message->locator->line > 0)
    snprintf(st->message, sizeof st->message, "line %d: %s",
             message->locator->line, message->text);
  else
    snprintf(st->message, sizeof st->message, "%s", message->text);
}

int tkgp_turtle_read(tkg_world *world, const char *path, tkgp_arena *arena,
                     tkgp_triple **out, size_t *count)
{
  read_state st;
  raptor_parser *parser = NULL;
  raptor_uri *uri = NULL;
  unsigned char *uri_string = NULL;
  FILE *fp = NULL;
  int rc = 0;

  memset(&st, 0, sizeof st);
  st.world = world;
  st.arena = arena;
  *out = NULL;
  *count = 0;

  fp = fopen(path, "rb");
  if (!fp) {
    rc = tkgp_error(world, TKG_EIO, "%s: cannot open: %s (set TEXTKG_DATADIR to the directory that holds ontology/, or run make install)",
                    path, strerror(errno));
    goto cleanup;
  }
  uri_string = raptor_uri_filename_to_uri_string(path);
  parser = raptor_new_parser(world->raptor, "turtle");
  uri = uri_string ? raptor_new_uri(world->raptor, uri_string) : NULL;
  if (!parser || !uri) {
    rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
    goto cleanup;
  }
  raptor_world_set_log_handler(world->raptor, &st, on_log);
  raptor_parser_set_statement_handler(parser, &st, on_statement);
  if (raptor_parser_parse_file_stream(parser, fp, path, uri) != 0 || st.message[0]) {
    rc = tkgp_error(world, TKG_EDATA, "%s: %s", path,
                    st.message[0] ? st.message : "cannot parse Turtle");
    goto cleanup;
  }
  if (st.failed) {
    rc = tkgp_error(world, st.failed, "out of memory");
    goto cleanup;
  }
  *out = st.triples;
  *count = st.count;
  st.triples = NULL;

cleanup:
  raptor_world_set_log_handler(world->raptor, NULL, NULL);
  free(st.triples);
  if (parser)
    raptor_free_parser(parser);
  if (uri)
    raptor_free_uri(uri);
  if (uri_string)
    raptor_free_memory(uri_string);
  if (fp)
    fclose(fp);
  return rc;
}

/* ---- interpreting the lexicon -------------------------------------------- */

static int by_subject(const void *a, const void *b)
{
  const tkgp_triple *x = a, *y = b;
  int c = strcmp(x->subject, y->subject);
  if (c)
    return c;
  /* Keep file order within a subject: qsort is not stable. */
  return (x > y) - (x < y);
}

static int is(const tkgp_triple *t, const char *ns, const char *local)
{
  size_t n = strlen(ns);
  return strncmp(t->predicate, ns, n) == 0 && strcmp(t->predicate + n, local) == 0;
}

static int is_iri(const char *iri, const char *ns, const char *local)
{
  size_t n = strlen(ns);
  return strncmp(iri, ns, n) == 0 && strcmp(iri + n, local) == 0;
}

/* Append S to a growing array of strings in the arena. Arrays are small
 * (a handful of names), so copying on growth is fine. */
static int push(tkgp_arena *arena, const char ***items, size_t *n, const char *s)
{
  const char **p = tkgp_arena_alloc(arena, (*n + 1) * sizeof *p);
  if (!p)
    return TKG_ENOMEM;
  if (*n)
    memcpy(p, *items, *n * sizeof *p);
  p[(*n)++] = s;
  *items = p;
  return 0;
}

enum kind {
  KIND_NONE, KIND_TITLE, KIND_COUNTRY, KIND_PARTICLE, KIND_FRAME,
  KIND_EVENT_NOUN, KIND_GROUP_NOUN, KIND_MODAL, KIND_CONDITION, KIND_DENIAL,
  KIND_EVENT_NAME_WORD, KIND_POST_NOMINAL, KIND_ORG_WORD, KIND_PLACE_WORD,
  KIND_SETTLEMENT_NOUN, KIND_REGION_NOUN
};

/* Append one element of SIZE bytes to a malloc'd array. */
static void *append(void *items, size_t *n, size_t size, const void *item)
{
  char *p = realloc(items, (*n + 1) * size);
  if (!p)
    return NULL;
  memcpy(p + *n * size, item, size);
  (*n)++;
  return p;
}

/* Frames and word lists are collected in malloc'd arrays while loading. */
typedef struct collected {
  tkgp_title *titles;
  size_t n_titles;
  tkgp_country_names *countries;
  size_t n_countries;
  tkgp_frame *frames;
  size_t n_frames;
  tkgp_wordlist *event_nouns;
  size_t n_event_nouns;
  tkgp_wordlist *group_nouns;
  size_t n_group_nouns;
  tkgp_wordlist *modals;
  size_t n_modals;
} collected;

/* True when a literal spells the boolean true, as the ontology writes it. */
static int literal_true(const char *s)
{
  return strcmp(s, "true") == 0 || strcmp(s, "1") == 0;
}

/* The kind a resource declares with rdf:type. The last type that names a
 * kind wins; *GOVERNMENT is set if any type was GovernmentTitle. */
static enum kind resource_kind(const tkgp_triple *first, const tkgp_triple *end,
                               int *government)
{
  static const struct {
    const char *local;
    enum kind kind;
    int government;
  } types[] = {
    {"Title", KIND_TITLE, 0},
    {"GovernmentTitle", KIND_TITLE, 1},
    {"CountryName", KIND_COUNTRY, 0},
    {"NameParticle", KIND_PARTICLE, 0},
    {"RelationFrame", KIND_FRAME, 0},
    {"EventNoun", KIND_EVENT_NOUN, 0},
    {"GroupNoun", KIND_GROUP_NOUN, 0},
    {"ModalTrigger", KIND_MODAL, 0},
    {"ConditionTrigger", KIND_CONDITION, 0},
    {"NegationTrigger", KIND_DENIAL, 0},
    {"EventNameWord", KIND_EVENT_NAME_WORD, 0},
    {"PostNominal", KIND_POST_NOMINAL, 0},
    {"OrganizationWord", KIND_ORG_WORD, 0},
    {"PlaceWord", KIND_PLACE_WORD, 0},
    {"SettlementNoun", KIND_SETTLEMENT_NOUN, 0},
    {"RegionNoun", KIND_REGION_NOUN, 0},
  };
  const tkgp_triple *t;
  enum kind kind = KIND_NONE;

  *government = 0;
  for (t = first; t < end; t++) {
    size_t i;
    if (!is(t, TKGP_NS_RDF, "type"))
      continue;
    for (i = 0; i < sizeof types / sizeof types[0]; i++)
      if (is_iri(t->object, TKGP_NS_TKG, types[i].local)) {
        kind = types[i].kind;
        if (types[i].government)
          *government = 1;
        break;
      }
  }
  return kind;
}

static int read_title(tkgp_lexicon *lex, const tkgp_triple *first,
                      const tkgp_triple *end, int government, collected *col)
{
  tkgp_title title, *p;
  const tkgp_triple *t;

  memset(&title, 0, sizeof title);
  title.iri = first->subject;
  title.government = government;
  for (t = first; t < end; t++) {
    if (is(t, TKGP_NS_TKG, "takesPortfolio") && t->literal)
      title.takes_portfolio = literal_true(t->object);
    if (!t->literal)
      continue;
    if (is(t, TKGP_NS_SKOS, "prefLabel"))
      title.label = t->object;
    if (is(t, TKGP_NS_SKOS, "prefLabel") || is(t, TKGP_NS_SKOS, "altLabel") ||
        is(t, TKGP_NS_TKG, "abbreviation"))
      if (push(&lex->arena, &title.names, &title.n_names, t->object) < 0)
        return TKG_ENOMEM;
  }
  if (!title.label)
    return TKG_EDATA;
  p = realloc(col->titles, (col->n_titles + 1) * sizeof *p);
  if (!p)
    return TKG_ENOMEM;
  p[col->n_titles++] = title;
  col->titles = p;
  return 0;
}

static int read_country(tkgp_lexicon *lex, const tkgp_triple *first,
                        const tkgp_triple *end, collected *col)
{
  tkgp_country_names c, *p;
  const tkgp_triple *t;

  memset(&c, 0, sizeof c);
  for (t = first; t < end; t++) {
    int rc = 0;
    if (!t->literal)
      continue;
    if (is(t, TKGP_NS_TKG, "isoCode"))
      c.iso = t->object;
    else if (is(t, TKGP_NS_TKG, "wikidata"))
      c.wikidata = t->object;
    else if (is(t, TKGP_NS_SKOS, "prefLabel"))
      c.label = t->object;
    else if (is(t, TKGP_NS_SKOS, "altLabel"))
      rc = push(&lex->arena, &c.names, &c.n_names, t->object);
    else if (is(t, TKGP_NS_TKG, "demonym"))
      rc = push(&lex->arena, &c.demonyms, &c.n_demonyms, t->object);
    else if (is(t, TKGP_NS_TKG, "capital"))
      rc = push(&lex->arena, &c.capitals, &c.n_capitals, t->object);
    else if (is(t, TKGP_NS_TKG, "seatOfGovernment"))
      rc = push(&lex->arena, &c.seats, &c.n_seats, t->object);
    if (rc < 0)
      return rc;
  }
  if (!c.iso)
    return TKG_EDATA;
  p = realloc(col->countries, (col->n_countries + 1) * sizeof *p);
  if (!p)
    return TKG_ENOMEM;
  p[col->n_countries++] = c;
  col->countries = p;
  return 0;
}

/* Add the TKGP_QUAL_* bit a tkg:qualifiedBy literal names; an unknown name
 * is a data error, not something to skip silently. */
static int add_qualifier(tkgp_frame *f, const char *name)
{
  static const char *const names[] = {"negation", "modality", "condition", "time"};
  unsigned q;

  for (q = 0; q < 4 && strcmp(name, names[q]) != 0; q++)
    ;
  if (q == 4)
    return TKG_EDATA;
  f->qualifiers |= 1u << q;
  return 0;
}

/* Fold one triple of a relation frame into F. */
static int read_frame_property(tkgp_lexicon *lex, const tkgp_triple *t, tkgp_frame *f)
{
  if (is(t, TKGP_NS_TKG, "expresses") && !t->literal &&
      strncmp(t->object, TKGP_NS_TKG, strlen(TKGP_NS_TKG)) == 0)
    f->property = t->object + strlen(TKGP_NS_TKG);
  else if (is(t, TKGP_NS_TKG, "lemma") && t->literal)
    return push(&lex->arena, &f->lemmas, &f->n_lemmas, t->object);
  else if (is(t, TKGP_NS_TKG, "subjectSlot") && t->literal)
    return push(&lex->arena, &f->subject_slots, &f->n_subject_slots, t->object);
  else if (is(t, TKGP_NS_TKG, "objectSlot") && t->literal)
    return push(&lex->arena, &f->object_slots, &f->n_object_slots, t->object);
  else if (is(t, TKGP_NS_TKG, "subjectClass") && !t->literal)
    return push(&lex->arena, &f->subject_classes, &f->n_subject_classes, t->object);
  else if (is(t, TKGP_NS_TKG, "objectClass") && !t->literal)
    return push(&lex->arena, &f->object_classes, &f->n_object_classes, t->object);
  else if (is(t, TKGP_NS_TKG, "assertedOnly") && t->literal)
    f->asserted_only = literal_true(t->object);
  else if (is(t, TKGP_NS_TKG, "reciprocal") && t->literal)
    f->reciprocal = literal_true(t->object);
  else if (is(t, TKGP_NS_TKG, "qualifiedBy") && t->literal)
    return add_qualifier(f, t->object);
  return 0;
}

static int read_frame(tkgp_lexicon *lex, const tkgp_triple *first,
                      const tkgp_triple *end, collected *col)
{
  tkgp_frame f;
  const tkgp_triple *t;
  void *p;

  memset(&f, 0, sizeof f);
  f.iri = first->subject;
  for (t = first; t < end; t++) {
    int rc = read_frame_property(lex, t, &f);
    if (rc < 0)
      return rc;
  }
  if (!f.property || !f.n_lemmas || !f.n_subject_slots || !f.n_object_slots)
    return TKG_EDATA;
  /* A frame that names no qualifier reads them all. */
  if (!f.qualifiers)
    f.qualifiers = TKGP_QUAL_ALL;
  if (!(p = append(col->frames, &col->n_frames, sizeof f, &f)))
    return TKG_ENOMEM;
  col->frames = p;
  return 0;
}

static int is_wordlist_kind(enum kind kind)
{
  return kind == KIND_EVENT_NOUN || kind == KIND_GROUP_NOUN || kind == KIND_MODAL ||
         kind == KIND_CONDITION || kind == KIND_DENIAL || kind == KIND_EVENT_NAME_WORD ||
         kind == KIND_POST_NOMINAL || kind == KIND_ORG_WORD || kind == KIND_PLACE_WORD ||
         kind == KIND_SETTLEMENT_NOUN || kind == KIND_REGION_NOUN;
}

/* The one list every resource of a flat kind adds its lemmas to, or NULL
 * for the kinds whose resources each keep their own value. */
static tkgp_wordlist *flat_list(tkgp_lexicon *lex, enum kind kind)
{
  switch (kind) {
  case KIND_CONDITION: return &lex->conditions;
  case KIND_DENIAL: return &lex->denials;
  case KIND_EVENT_NAME_WORD: return &lex->event_name_words;
  case KIND_POST_NOMINAL: return &lex->post_nominals;
  case KIND_ORG_WORD: return &lex->org_words;
  case KIND_PLACE_WORD: return &lex->place_words;
  case KIND_SETTLEMENT_NOUN: return &lex->settlement_nouns;
  case KIND_REGION_NOUN: return &lex->region_nouns;
  default: return NULL;
  }
}

/* Collect a word list's lemmas and its value (a class IRI or a modality). */
static int read_wordlist_triples(tkgp_lexicon *lex, const tkgp_triple *first,
                                 const tkgp_triple *end, tkgp_wordlist *wl)
{
  const tkgp_triple *t;

  for (t = first; t < end; t++) {
    if (is(t, TKGP_NS_TKG, "lemma") && t->literal) {
      if (push(&lex->arena, &wl->lemmas, &wl->n_lemmas, t->object) < 0)
        return TKG_ENOMEM;
    } else if ((is(t, TKGP_NS_TKG, "eventClass") || is(t, TKGP_NS_TKG, "memberClass")) &&
               !t->literal) {
      wl->value = t->object;
    } else if (is(t, TKGP_NS_TKG, "modalityValue") && t->literal) {
      wl->value = t->object;
    }
  }
  return 0;
}

static int read_wordlist(tkgp_lexicon *lex, const tkgp_triple *first,
                         const tkgp_triple *end, enum kind kind, collected *col)
{
  tkgp_wordlist wl, *into;
  void *p;

  memset(&wl, 0, sizeof wl);
  if (read_wordlist_triples(lex, first, end, &wl) < 0)
    return TKG_ENOMEM;
  if ((into = flat_list(lex, kind))) {
    size_t k;
    for (k = 0; k < wl.n_lemmas; k++)
      if (push(&lex->arena, &into->lemmas, &into->n_lemmas, wl.lemmas[k]) < 0)
        return TKG_ENOMEM;
    return 0;
  }
  if (!wl.value || !wl.n_lemmas)
    return TKG_EDATA;
  if (kind == KIND_EVENT_NOUN) {
    if (!(p = append(col->event_nouns, &col->n_event_nouns, sizeof wl, &wl)))
      return TKG_ENOMEM;
    col->event_nouns = p;
  } else if (kind == KIND_GROUP_NOUN) {
    if (!(p = append(col->group_nouns, &col->n_group_nouns, sizeof wl, &wl)))
      return TKG_ENOMEM;
    col->group_nouns = p;
  } else {
    if (!(p = append(col->modals, &col->n_modals, sizeof wl, &wl)))
      return TKG_ENOMEM;
    col->modals = p;
  }
  return 0;
}

static int read_particles(tkgp_lexicon *lex, const tkgp_triple *first,
                          const tkgp_triple *end)
{
  const tkgp_triple *t;

  for (t = first; t < end; t++)
    if (t->literal && (is(t, TKGP_NS_SKOS, "prefLabel") || is(t, TKGP_NS_SKOS, "altLabel")))
      if (push(&lex->arena, &lex->particles, &lex->n_particles, t->object) < 0)
        return TKG_ENOMEM;
  return 0;
}

/* Read one resource: triples [first, end) share a subject. */
static int read_resource(tkgp_lexicon *lex, const tkgp_triple *first,
                         const tkgp_triple *end, collected *col)
{
  int government;
  enum kind kind = resource_kind(first, end, &government);

  if (kind == KIND_TITLE)
    return read_title(lex, first, end, government, col);
  if (kind == KIND_COUNTRY)
    return read_country(lex, first, end, col);
  if (kind == KIND_FRAME)
    return read_frame(lex, first, end, col);
  if (is_wordlist_kind(kind))
    return read_wordlist(lex, first, end, kind, col);
  if (kind == KIND_PARTICLE)
    return read_particles(lex, first, end);
  return 0;
}

static int load_file(tkgp_lexicon *lex, tkg_world *world, const char *datadir,
                     const char *name, collected *col)
{
  char *path;
  size_t len = strlen(datadir) + strlen(name) + 12;
  tkgp_triple *triples = NULL;
  size_t count = 0, i, j;
  int rc;

  path = malloc(len);
  if (!path)
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  snprintf(path, len, "%s/ontology/%s", datadir, name);
  rc = tkgp_turtle_read(world, path, &lex->arena, &triples, &count);
  if (rc < 0)
    goto cleanup;
  if (count) /* qsort() of NULL is undefined, even with no element */
    qsort(triples, count, sizeof *triples, by_subject);
  for (i = 0; i < count; i = j) {
    for (j = i + 1; j < count && strcmp(triples[j].subject, triples[i].subject) == 0; j++)
      ;
    rc = read_resource(lex, &triples[i], &triples[j], col);
    if (rc == TKG_EDATA) {
      tkgp_error(world, rc, "%s: %s lacks a required property (label, code, lemma, slot...)",
                 path, triples[i].subject);
      goto cleanup;
    }
    if (rc < 0) {
      tkgp_error(world, rc, "out of memory");
      goto cleanup;
    }
  }

cleanup:
  free(triples);
  free(path);
  return rc;
}

/* Copy N elements of SIZE bytes from a malloc'd array into the arena, so
 * that one free releases the lexicon. */
static void *to_arena(tkgp_arena *arena, const void *items, size_t n, size_t size)
{
  void *p = tkgp_arena_alloc(arena, (n ? n : 1) * size);
  if (p && n)
    memcpy(p, items, n * size);
  return p;
}

static int by_word(const void *a, const void *b)
{
  const char *x = *(const char *const *)a, *y = *(const char *const *)b;
  int c = strcasecmp(x, y);
  return c ? c : strcmp(x, y);
}

/* LIST's sorted copy, for lookups. */
static int sort_list(tkgp_arena *arena, tkgp_wordlist *list)
{
  if (!list->n_lemmas)
    return 0;
  list->sorted = tkgp_arena_alloc(arena, list->n_lemmas * sizeof *list->sorted);
  if (!list->sorted)
    return TKG_ENOMEM;
  memcpy(list->sorted, list->lemmas, list->n_lemmas * sizeof *list->sorted);
  qsort(list->sorted, list->n_lemmas, sizeof *list->sorted, by_word);
  return 0;
}

static int by_frame_lemma(const void *a, const void *b)
{
  const tkgp_frame_lemma *x = a, *y = b;
  int c = strcmp(x->lemma, y->lemma);
  return c ? c : (x->frame > y->frame) - (x->frame < y->frame);
}

/* Sorted copies of every word list, and the index of frames by lemma:
 * analysis looks words up in them for every word of every sentence. */
static int index_lists(tkgp_lexicon *lex)
{
  tkgp_wordlist *single[] = {&lex->conditions, &lex->denials, &lex->event_name_words,
                             &lex->post_nominals, &lex->org_words, &lex->place_words,
                             &lex->settlement_nouns, &lex->region_nouns};
  size_t i, k, n = 0;
  int rc = 0;

  for (i = 0; rc == 0 && i < sizeof single / sizeof *single; i++)
    rc = sort_list(&lex->arena, single[i]);
  for (i = 0; rc == 0 && i < lex->n_event_nouns; i++)
    rc = sort_list(&lex->arena, &lex->event_nouns[i]);
  for (i = 0; rc == 0 && i < lex->n_group_nouns; i++)
    rc = sort_list(&lex->arena, &lex->group_nouns[i]);
  for (i = 0; rc == 0 && i < lex->n_modals; i++)
    rc = sort_list(&lex->arena, &lex->modals[i]);
  for (i = 0; i < lex->n_frames; i++)
    n += lex->frames[i].n_lemmas;
  if (rc < 0 || n == 0)
    return rc;
  if (!(lex->frame_lemmas = tkgp_arena_alloc(&lex->arena, n * sizeof *lex->frame_lemmas)))
    return TKG_ENOMEM;
  for (i = 0; i < lex->n_frames; i++)
    for (k = 0; k < lex->frames[i].n_lemmas; k++) {
      lex->frame_lemmas[lex->n_frame_lemmas].lemma = lex->frames[i].lemmas[k];
      lex->frame_lemmas[lex->n_frame_lemmas++].frame = i;
    }
  qsort(lex->frame_lemmas, n, sizeof *lex->frame_lemmas, by_frame_lemma);
  return 0;
}

int tkgp_lexicon_load(tkgp_lexicon **out, tkg_world *world, const char *datadir)
{
  tkgp_lexicon *lex;
  collected col;
  int rc;

  *out = NULL;
  memset(&col, 0, sizeof col);
  lex = calloc(1, sizeof *lex);
  if (!lex)
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  tkgp_arena_init(&lex->arena, 0);

  rc = load_file(lex, world, datadir, "lexicon.ttl", &col);
  if (rc >= 0)
    rc = load_file(lex, world, datadir, "countries.ttl", &col);
  if (rc < 0)
    goto done;

  lex->titles = to_arena(&lex->arena, col.titles, col.n_titles, sizeof *col.titles);
  lex->countries = to_arena(&lex->arena, col.countries, col.n_countries, sizeof *col.countries);
  lex->frames = to_arena(&lex->arena, col.frames, col.n_frames, sizeof *col.frames);
  lex->event_nouns = to_arena(&lex->arena, col.event_nouns, col.n_event_nouns, sizeof *col.event_nouns);
  lex->group_nouns = to_arena(&lex->arena, col.group_nouns, col.n_group_nouns, sizeof *col.group_nouns);
  lex->modals = to_arena(&lex->arena, col.modals, col.n_modals, sizeof *col.modals);
  if (!lex->titles || !lex->countries || !lex->frames || !lex->event_nouns || !lex->group_nouns ||
      !lex->modals) {
    rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
    goto done;
  }
  lex->n_titles = col.n_titles;
  lex->n_countries = col.n_countries;
  lex->n_frames = col.n_frames;
  lex->n_event_nouns = col.n_event_nouns;
  lex->n_group_nouns = col.n_group_nouns;
  lex->n_modals = col.n_modals;
  if (index_lists(lex) < 0) {
    rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
    goto done;
  }
  *out = lex;
  lex = NULL;

done:
  free(col.titles);
  free(col.countries);
  free(col.frames);
  free(col.event_nouns);
  free(col.group_nouns);
  free(col.modals);
  tkgp_lexicon_free(lex);
  return rc;
}

void tkgp_lexicon_free(tkgp_lexicon *lexicon)
{
  if (!lexicon)
    return;
  tkgp_arena_finish(&lexicon->arena);
  free(lexicon);
}

size_t tkgp_lexicon_org_base_length(const tkgp_lexicon *lex, const char *label)
{
  const char *space = strrchr(label, ' ');
  size_t len;
  if (!space || space == label || !tkgp_lexicon_in_list(&lex->org_words, space + 1))
    return 0;
  len = (size_t)(space - label);
  if (len > 1 && label[len - 1] == ',')
    len--; /* "Norvex, Inc." */
  return len;
}

/* The first of LIST's sorted words equal to WORD but for ASCII case, or
 * LIST->n_lemmas. */
static size_t lower_bound(const tkgp_wordlist *list, const char *word)
{
  size_t lo = 0, hi = list->n_lemmas;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (strcasecmp(list->sorted[mid], word) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

int tkgp_lexicon_in_list(const tkgp_wordlist *list, const char *word)
{
  size_t k;
  if (!word)
    return 0;
  if (list->sorted) {
    k = lower_bound(list, word);
    return k < list->n_lemmas && strcasecmp(list->sorted[k], word) == 0;
  }
  for (k = 0; k < list->n_lemmas; k++)
    if (strcasecmp(word, list->lemmas[k]) == 0)
      return 1;
  return 0;
}

int tkgp_lexicon_has(const tkgp_wordlist *list, const char *word)
{
  size_t k;
  if (!word)
    return 0;
  if (list->sorted) {
    for (k = lower_bound(list, word);
         k < list->n_lemmas && strcasecmp(list->sorted[k], word) == 0; k++)
      if (strcmp(list->sorted[k], word) == 0)
        return 1;
    return 0;
  }
  for (k = 0; k < list->n_lemmas; k++)
    if (strcmp(word, list->lemmas[k]) == 0)
      return 1;
  return 0;
}

size_t tkgp_lexicon_frames_of(const tkgp_lexicon *lex, const char *lemma,
                              const tkgp_frame_lemma **first)
{
  size_t lo = 0, hi = lex->n_frame_lemmas, end;
  *first = NULL;
  if (!lemma || !lex->n_frame_lemmas) /* (a lexicon without frames has no table) */
    return 0;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (strcmp(lex->frame_lemmas[mid].lemma, lemma) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (end = lo; end < lex->n_frame_lemmas && strcmp(lex->frame_lemmas[end].lemma, lemma) == 0;
       end++)
    ;
  *first = lex->frame_lemmas + lo;
  return end - lo;
}
