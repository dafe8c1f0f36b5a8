/* graph.c - the knowledge graph, with provenance, before it is written
 * SPDX-License-Identifier: MIT
 *
 * Documents add their entities, mentions and relations; entities merge by
 * IRI, which is minted from the class and canonical name, so the same
 * entity from two documents is one node. Sentences are kept only where
 * they are evidence or hold a mention. Everything is copied into the
 * graph's arena: documents can be freed once added.
 */
#include "graph/graph.h"
#include "graph/iri.h"
#include "lexicon/link.h"
#include "pipeline/document.h"
#include "lexicon/lexicon.h"
#include "core/strmap.h"

#include <stdlib.h>
#include <string.h>

static int apply_links(tkg_graph *g, const tkgp_links *links);

#define QUOTE_SLUG_MAX 48 /* bytes of a quotation's slug in its IRI */

static const char *const class_iris[TKGP_CLASS_COUNT] = {
  TKGP_NS_SCHEMA "Person", TKGP_NS_SCHEMA "Organization", TKGP_NS_SCHEMA "Country",
  TKGP_NS_SCHEMA "City", TKGP_NS_SCHEMA "Place", TKGP_NS_SCHEMA "Event",
  TKGP_NS_TKG "Role", TKGP_NS_TKG "Meeting", TKGP_NS_TKG "Agreement",
  TKGP_NS_TKG "Proposal", TKGP_NS_TKG "Quotation", TKGP_NS_TKG "Activity",
};

/* Path segment of each class in minted IRIs. */
static const char *const class_paths[TKGP_CLASS_COUNT] = {
  "person", "organization", "country", "city", "place", "event", "role",
  "meeting", "agreement", "proposal", "quotation", "activity",
};

const char *tkgp_class_iri(tkgp_entity_class cls)
{
  return class_iris[cls];
}

tkgp_entity_class tkgp_class_of_iri(const char *iri)
{
  int k;
  for (k = 0; k < TKGP_CLASS_COUNT && strcmp(class_iris[k], iri) != 0; k++)
    ;
  return (tkgp_entity_class)k;
}

int tkgp_statement_asserted(const tkgp_gstatement *st)
{
  return !st->negated && !st->modality && !st->condition;
}

int tkg_graph_new(tkg_graph **out, tkg_world *world)
{
  tkg_graph *g = calloc(1, sizeof *g);
  *out = NULL;
  if (!g)
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  g->world = world;
  tkgp_arena_init(&g->arena, 0);
  *out = g;
  return 0;
}

void tkg_graph_free(tkg_graph *graph)
{
  size_t i;
  if (!graph)
    return;
  for (i = 0; i < graph->n_entities; i++)
    free(graph->entities[i].alt_labels);
  free(graph->entities);
  free(graph->entity_table);
  free(graph->docs);
  free(graph->strings);
  free(graph->statements);
  tkgp_arena_finish(&graph->arena);
  free(graph);
}

/* Grow a malloc'd array to hold one more element. */
static int reserve(void **items, size_t *cap, size_t n, size_t size)
{
  void *p;
  size_t c;
  if (n < *cap)
    return 0;
  c = *cap ? *cap * 2 : 32;
  p = realloc(*items, c * size);
  if (!p)
    return TKG_ENOMEM;
  *items = p;
  *cap = c;
  return 0;
}

static size_t hash_string(const char *s)
{
  size_t h = 5381;
  while (*s)
    h = h * 33 ^ (unsigned char)*s++;
  return h;
}

static size_t *entity_slot(const tkg_graph *g, const char *iri)
{
  size_t i = hash_string(iri) & (g->table_size - 1);
  while (g->entity_table[i] && strcmp(g->entities[g->entity_table[i] - 1].iri, iri) != 0)
    i = (i + 1) & (g->table_size - 1);
  return &g->entity_table[i];
}

static int grow_entity_table(tkg_graph *g)
{
  size_t size = g->table_size ? g->table_size * 2 : 256, i;
  size_t *old = g->entity_table, old_size = g->table_size;
  g->entity_table = calloc(size, sizeof *g->entity_table);
  if (!g->entity_table) {
    g->entity_table = old;
    return TKG_ENOMEM;
  }
  g->table_size = size;
  for (i = 0; i < old_size; i++)
    if (old[i])
      *entity_slot(g, g->entities[old[i] - 1].iri) = old[i];
  free(old);
  return 0;
}

/* Mint REF's IRI into SB. */
static int mint_iri(const tkg_graph *g, const tkgp_entity_ref *ref, tkgp_strbuf *sb)
{
  tkgp_strbuf_clear(sb);
  tkgp_strbuf_puts(sb, g->world->base);
  tkgp_strbuf_puts(sb, class_paths[ref->cls]);
  tkgp_strbuf_putc(sb, '/');
  if (ref->cls == TKGP_CLASS_ROLE) {
    /* A role is its title in its country: "role/foreign-minister/ukraine",
     * or in its organization: "role/secretary-general/un"; a role tied to
     * neither is kept apart per holder. */
    tkgp_iri_append_slug(sb, ref->label);
    tkgp_strbuf_putc(sb, '/');
    if (ref->country) {
      tkgp_iri_append_slug(sb, ref->country->label);
    } else if (ref->org) {
      tkgp_iri_append_slug(sb, ref->org);
    } else {
      tkgp_strbuf_puts(sb, "of-");
      tkgp_iri_append_slug(sb, ref->holder ? ref->holder : "unknown");
    }
  } else {
    /* Meetings, agreements and quotations are named within a document:
     * "the talks" of one article are not those of another. */
    if (ref->scope) {
      tkgp_iri_append_slug(sb, ref->scope);
      tkgp_strbuf_putc(sb, '/');
    }
    if (ref->cls == TKGP_CLASS_QUOTATION) {
      /* A quotation is named by its first words. */
      size_t start = sb->length;
      tkgp_iri_append_slug(sb, ref->label);
      if (sb->length - start > QUOTE_SLUG_MAX) {
        size_t cut = start + QUOTE_SLUG_MAX;
        while (cut > start && sb->data[cut] != '-')
          cut--;
        if (cut == start) { /* one long word: cut before a whole character */
          cut = start + QUOTE_SLUG_MAX;
          while (cut > start && ((unsigned char)sb->data[cut] & 0xC0) == 0x80)
            cut--;
        }
        sb->length = cut;
        sb->data[sb->length] = '\0';
      }
    } else {
      tkgp_iri_append_slug(sb, ref->label);
    }
  }
  return sb->failed ? TKG_ENOMEM : 0;
}

/* The length of the invisible bidirectional control at S (ALM, LRM, RLM,
 * the embeddings and overrides U+202A-U+202E, the isolates U+2066-U+2069),
 * or 0. */
static size_t bidi_control_at(const unsigned char *s, size_t left)
{
  if (left >= 2 && s[0] == 0xD8 && s[1] == 0x9C)
    return 2;
  if (left >= 3 && s[0] == 0xE2 &&
      ((s[1] == 0x80 && (s[2] == 0x8E || s[2] == 0x8F || (s[2] >= 0xAA && s[2] <= 0xAE))) ||
       (s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9)))
    return 3;
  return 0;
}

/* NAME as a label: a name written across a line break is one line, with
 * one space wherever the text has white space, a control character or a
 * bidirectional control (which would reorder the rest of the label where
 * it is shown). The mention's anchor keeps the text as written. */
static char *label_copy(tkgp_arena *arena, const char *name, size_t len)
{
  const unsigned char *s = (const unsigned char *)name;
  char *out = tkgp_arena_alloc(arena, len + 1);
  size_t i = 0, n = 0, skip;
  int space = 0;
  if (!out)
    return NULL;
  while (i < len) {
    if ((skip = bidi_control_at(s + i, len - i)) ||
        (skip = s[i] <= ' ' || s[i] == 0x7f)) {
      /* Spaces, and control characters, which no XML or DOT label may
       * hold: the tokenizer too takes a control for a space. */
      space = n > 0;
      i += skip;
    } else {
      if (space)
        out[n++] = ' ';
      space = 0;
      out[n++] = (char)s[i++];
    }
  }
  out[n] = '\0';
  return out;
}

static int add_alt_label(tkg_graph *g, tkgp_gentity *e, const char *name, size_t len)
{
  size_t i;
  char *copy = label_copy(&g->arena, name, len);
  if (!copy)
    return TKG_ENOMEM;
  /* (A copy that is not kept stays in the graph's arena, a few bytes.) */
  if (!*copy || strcmp(e->label, copy) == 0)
    return 0;
  for (i = 0; i < e->n_alt; i++)
    if (strcmp(e->alt_labels[i], copy) == 0)
      return 0;
  if (reserve((void **)&e->alt_labels, &e->cap_alt, e->n_alt, sizeof *e->alt_labels) < 0)
    return TKG_ENOMEM;
  e->alt_labels[e->n_alt++] = copy;
  return 0;
}

/* The entity REF names, created on first sight. */
static int entity_for(tkg_graph *g, const tkgp_entity_ref *ref, tkgp_strbuf *sb,
                      size_t *index)
{
  size_t *slot;
  tkgp_gentity *e;
  int rc;

  if ((rc = mint_iri(g, ref, sb)) < 0)
    return rc;
  if ((g->n_entities + 1) * 2 > g->table_size && grow_entity_table(g) < 0)
    return TKG_ENOMEM;
  slot = entity_slot(g, sb->data);
  if (*slot) {
    *index = *slot - 1;
    return 0;
  }
  if (reserve((void **)&g->entities, &g->cap_entities, g->n_entities, sizeof *g->entities) < 0)
    return TKG_ENOMEM;
  e = &g->entities[g->n_entities];
  memset(e, 0, sizeof *e);
  e->cls = ref->cls;
  e->role_of = TKGP_NONE;
  e->iri = tkgp_arena_strndup(&g->arena, sb->data, sb->length);
  e->label = label_copy(&g->arena, ref->label, strlen(ref->label));
  if (!e->iri || !e->label)
    return TKG_ENOMEM;
  if (ref->cls == TKGP_CLASS_COUNTRY) {
    e->iso = ref->country->iso;
    e->wikidata = ref->country->wikidata;
  }
  if (ref->cls == TKGP_CLASS_ROLE)
    e->title_iri = ref->title->iri;
  *index = g->n_entities++;
  *slot = g->n_entities;

  if (ref->cls == TKGP_CLASS_ROLE && ref->country) {
    tkgp_entity_ref state;
    size_t country;
    memset(&state, 0, sizeof state);
    state.cls = TKGP_CLASS_COUNTRY;
    state.label = ref->country->label;
    state.country = ref->country;
    if ((rc = entity_for(g, &state, sb, &country)) < 0)
      return rc;
    g->entities[*index].role_of = country;
  } else if (ref->cls == TKGP_CLASS_ROLE && ref->org) {
    tkgp_entity_ref org;
    size_t at;
    memset(&org, 0, sizeof org);
    org.cls = TKGP_CLASS_ORGANIZATION;
    org.label = ref->org;
    if ((rc = entity_for(g, &org, sb, &at)) < 0)
      return rc;
    g->entities[*index].role_of = at;
  }
  return 0;
}

static int add_string(tkg_graph *g, const tkg_document *doc, size_t docindex,
                      size_t start, size_t end, size_t entity, size_t sentence,
                      size_t *index)
{
  tkgp_gstring *s;
  const char *bytes;
  size_t len;
  if (reserve((void **)&g->strings, &g->cap_strings, g->n_strings, sizeof *g->strings) < 0)
    return TKG_ENOMEM;
  s = &g->strings[g->n_strings];
  s->doc = docindex;
  s->begin = tkgp_document_offset(doc, start);
  s->end = tkgp_document_offset(doc, end);
  len = tkgp_document_slice(doc, s->begin, s->end, &bytes);
  s->anchor = tkgp_arena_strndup(&g->arena, bytes, len);
  if (!s->anchor)
    return TKG_ENOMEM;
  s->entity = entity;
  s->sentence = sentence;
  s->kind = TKGP_MENTION_NAME;
  s->metonym = 0;
  *index = g->n_strings++;
  return 0;
}

/* The document's IRI: BASE "doc/" slug of the file name without its
 * directory and extension; "-" is "stdin". A second document with the same
 * slug gets "-2", "-3"... in the order documents are added. */
/* Whether a document of G already has the IRI IRI. */
static int doc_iri_taken(const tkg_graph *g, const char *iri)
{
  for (size_t i = 0; i < g->n_docs; i++)
    if (strcmp(g->docs[i].iri, iri) == 0)
      return 1;
  return 0;
}

/* The IRI of DOC, into SB: from its id, else from its file name's stem
 * (a slug); "-2", "-3"... when a document of G has it already. */
static int doc_iri(tkg_graph *g, const tkg_document *doc, tkgp_strbuf *sb)
{
  const char *name = doc->name;
  const char *slash = strrchr(name, '/'), *base = slash ? slash + 1 : name, *dot;
  size_t n, len;
  char *stem;
  int rc;

  if (doc->id) {
    for (n = 1;; n++) {
      tkgp_strbuf_clear(sb);
      tkgp_strbuf_puts(sb, g->world->base);
      tkgp_strbuf_puts(sb, "doc/");
      if ((rc = tkgp_iri_append_id(sb, doc->id)) < 0)
        return rc;
      if (n > 1)
        tkgp_strbuf_printf(sb, "-%zu", n);
      if (sb->failed || !doc_iri_taken(g, sb->data))
        return sb->failed ? TKG_ENOMEM : 0;
    }
  }
  if (strcmp(name, "-") == 0)
    base = "stdin";
  dot = strrchr(base, '.');
  len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
  stem = tkgp_arena_strndup(&g->arena, base, len);
  if (!stem)
    return TKG_ENOMEM;
  for (n = 1;; n++) {
    tkgp_strbuf_clear(sb);
    tkgp_strbuf_puts(sb, g->world->base);
    tkgp_strbuf_puts(sb, "doc/");
    if ((rc = tkgp_iri_append_slug(sb, stem)) < 0)
      return rc;
    if (n > 1)
      tkgp_strbuf_printf(sb, "-%zu", n);
    if (sb->failed || !doc_iri_taken(g, sb->data))
      return sb->failed ? TKG_ENOMEM : 0;
  }
}

int tkg_graph_add_document(tkg_graph *g, const tkg_document *doc)
{
  tkgp_strbuf sb;
  size_t docindex, i, *sentence_string = NULL, *mention_entity = NULL;
  const tkgp_mention_list *found = &doc->found;
  tkgp_gdoc *d;
  int rc = TKG_ENOMEM;

  if (!doc->analyzed)
    return tkgp_error(g->world, TKG_EINVAL, "%s: document not analyzed", doc->name);
  tkgp_strbuf_init(&sb);
  if (reserve((void **)&g->docs, &g->cap_docs, g->n_docs, sizeof *g->docs) < 0)
    goto cleanup;
  d = &g->docs[g->n_docs];
  if (doc_iri(g, doc, &sb) < 0)
    goto cleanup;
  d->iri = tkgp_arena_strndup(&g->arena, sb.data, sb.length);
  /* The file name without its directory, so that output does not depend
   * on where the command was run from. */
  {
    const char *slash = strrchr(doc->name, '/');
    const char *name = doc->id                      ? doc->id
                       : strcmp(doc->name, "-") == 0 ? "stdin"
                       : slash                       ? slash + 1
                                                     : doc->name;
    d->name = tkgp_arena_strndup(&g->arena, name, strlen(name));
  }
  d->text = tkgp_arena_strndup(&g->arena, doc->input, doc->input_length);
  d->codepoints = doc->text.input_codepoints;
  {
    const char *date = tkgp_document_date(doc);
    d->date = date ? tkgp_arena_strndup(&g->arena, date, 10) : NULL;
  }
  d->url = doc->url ? tkgp_arena_strndup(&g->arena, doc->url, strlen(doc->url)) : NULL;
  d->title = doc->title ? tkgp_arena_strndup(&g->arena, doc->title, strlen(doc->title)) : NULL;
  if (!d->iri || !d->name || !d->text || (doc->date[0] && !d->date) || (doc->url && !d->url) ||
      (doc->title && !d->title))
    goto cleanup;
  docindex = g->n_docs++;

  sentence_string = malloc((doc->tokens.n_sentences + 1) * sizeof *sentence_string);
  mention_entity = malloc((found->n_mentions + 1) * sizeof *mention_entity);
  if (!sentence_string || !mention_entity)
    goto cleanup;
  for (i = 0; i < doc->tokens.n_sentences; i++)
    sentence_string[i] = TKGP_NONE;

  /* Sentences that hold a mention or are evidence, in text order. */
  for (i = 0; i < found->n_mentions + found->n_relations; i++) {
    size_t k = i < found->n_mentions ? found->mentions[i].sentence
                                     : found->relations[i - found->n_mentions].sentence;
    const tkgp_sentence *s = &doc->tokens.sentences[k];
    if (sentence_string[k] == TKGP_NONE &&
        add_string(g, doc, docindex, s->start, s->end, TKGP_NONE, TKGP_NONE,
                   &sentence_string[k]) < 0)
      goto cleanup;
  }

  for (i = 0; i < found->n_mentions; i++) {
    const tkgp_mention *m = &found->mentions[i];
    size_t e, str;
    if (entity_for(g, &m->entity, &sb, &e) < 0)
      goto cleanup;
    mention_entity[i] = e;
    if (add_string(g, doc, docindex, m->start, m->end, e,
                   sentence_string[m->sentence], &str) < 0)
      goto cleanup;
    g->strings[str].kind = m->kind;
    g->strings[str].metonym = m->kind == TKGP_MENTION_METONYM;
    /* A name that differs from the canonical one is an alternative label;
     * a demonym or a title is not a name of the entity. */
    if (m->kind == TKGP_MENTION_NAME &&
        add_alt_label(g, &g->entities[e], doc->text.data + m->start, m->end - m->start) < 0)
      goto cleanup;
  }

  for (i = 0; i < found->n_relations; i++) {
    const tkgp_relation *r = &found->relations[i];
    tkgp_gstatement *st;
    size_t subject, object;
    if (entity_for(g, &r->subject, &sb, &subject) < 0 ||
        entity_for(g, &r->object, &sb, &object) < 0)
      goto cleanup;
    if (reserve((void **)&g->statements, &g->cap_statements, g->n_statements,
                sizeof *g->statements) < 0)
      goto cleanup;
    st = &g->statements[g->n_statements++];
    memset(st, 0, sizeof *st);
    st->doc = docindex;
    st->ordinal = i + 1;
    st->subject = subject;
    st->object = object;
    st->property = r->property;
    st->evidence = sentence_string[r->sentence];
    st->confidence = r->confidence;
    st->negated = r->negated;
    st->modality = r->modality;
    st->condition = r->condition ? tkgp_arena_strndup(&g->arena, r->condition, strlen(r->condition)) : NULL;
    st->time = r->time ? tkgp_arena_strndup(&g->arena, r->time, strlen(r->time)) : NULL;
  }
  rc = g->world->links ? apply_links(g, g->world->links) : 0;

cleanup:
  free(sentence_string);
  free(mention_entity);
  tkgp_strbuf_finish(&sb);
  if (rc < 0)
    tkgp_error(g->world, rc, "out of memory");
  return rc;
}

/* ---- linking to the user's graph (--link) ------------------------------ */

static size_t root(size_t *target, size_t i)
{
  while (target[i] != i)
    i = target[i] = target[target[i]];
  return i;
}

/* Rebuild the IRI table from the entity array. */
static int rebuild_entity_table(tkg_graph *g)
{
  size_t i;
  free(g->entity_table);
  g->entity_table = NULL;
  g->table_size = 0;
  if (grow_entity_table(g) < 0)
    return TKG_ENOMEM;
  while (g->n_entities * 2 > g->table_size)
    if (grow_entity_table(g) < 0)
      return TKG_ENOMEM;
  for (i = 0; i < g->n_entities; i++)
    *entity_slot(g, g->entities[i].iri) = i + 1;
  return 0;
}

/* Merge every entity into the root of its TARGET tree (union-find over
 * entity indexes): its names become the root's other names, its mentions
 * and statements the root's, and the entity array is compacted. */
static int merge_into_roots(tkg_graph *g, size_t *target)
{
  size_t n = g->n_entities, i, j, kept = 0;
  size_t *renumber = malloc((n + 1) * sizeof *renumber);

  if (!renumber)
    return TKG_ENOMEM;
  /* Fold each merged entity's names into the one it joins. */
  for (i = 0; i < n; i++) {
    size_t r = root(target, i);
    tkgp_gentity *from = &g->entities[i], *into = &g->entities[r];
    if (r == i)
      continue;
    if (add_alt_label(g, into, from->label, strlen(from->label)) < 0)
      goto nomem;
    for (j = 0; j < from->n_alt; j++)
      if (add_alt_label(g, into, from->alt_labels[j], strlen(from->alt_labels[j])) < 0)
        goto nomem;
  }
  /* Compact the array, then point everything at the new indexes. */
  for (i = 0; i < n; i++) {
    if (root(target, i) != i) {
      free(g->entities[i].alt_labels);
      continue;
    }
    renumber[i] = kept;
    g->entities[kept++] = g->entities[i];
  }
  for (i = 0; i < n; i++)
    renumber[i] = renumber[root(target, i)];
  g->n_entities = kept;
  for (i = 0; i < kept; i++)
    if (g->entities[i].role_of != TKGP_NONE)
      g->entities[i].role_of = renumber[g->entities[i].role_of];
  for (i = 0; i < g->n_strings; i++)
    if (g->strings[i].entity != TKGP_NONE)
      g->strings[i].entity = renumber[g->strings[i].entity];
  for (i = 0; i < g->n_statements; i++) {
    g->statements[i].subject = renumber[g->statements[i].subject];
    g->statements[i].object = renumber[g->statements[i].object];
  }
  free(renumber);
  return rebuild_entity_table(g);
nomem:
  free(renumber);
  return TKG_ENOMEM;
}

/* Give entities the IRIs of the user's resources with their names, and
 * merge two entities that thereby get the same IRI. Roles are not linked:
 * their labels are titles, shared by every holder's country. */
static int apply_links(tkg_graph *g, const tkgp_links *links)
{
  size_t n = g->n_entities, i, j, *target;
  int rc = TKG_ENOMEM;

  target = malloc((n + 1) * sizeof *target);
  if (!target)
    goto cleanup;
  for (i = 0; i < n; i++)
    target[i] = i;
  for (i = 0; i < n; i++) {
    tkgp_gentity *e = &g->entities[i];
    const char *iri, *cls = tkgp_class_iri(e->cls);
    size_t *slot;
    if (e->cls == TKGP_CLASS_ROLE)
      continue;
    iri = tkgp_links_find(links, e->label, cls);
    for (j = 0; !iri && j < e->n_alt; j++)
      iri = tkgp_links_find(links, e->alt_labels[j], cls);
    if (!iri || strcmp(iri, e->iri) == 0)
      continue;
    slot = entity_slot(g, iri);
    if (*slot && root(target, *slot - 1) != root(target, i)) {
      target[root(target, i)] = root(target, *slot - 1);
      continue;
    }
    if (*slot)
      continue;
    if (!(e->iri = tkgp_arena_strndup(&g->arena, iri, strlen(iri))))
      goto cleanup;
    if ((g->n_entities + 1) * 2 > g->table_size && grow_entity_table(g) < 0)
      goto cleanup;
    *entity_slot(g, e->iri) = i + 1;
  }

  rc = merge_into_roots(g, target);

cleanup:
  free(target);
  return rc;
}

/* ---- one-word names across documents (--merge) ----------------------- */

/* A word of a person's full name, for finding the names that hold it. */
typedef struct name_word {
  const char *word;
  size_t len, entity;
} name_word;

static int word_cmp(const char *a, size_t la, const char *b, size_t lb)
{
  int c = memcmp(a, b, la < lb ? la : lb);
  return c ? c : (la > lb) - (la < lb);
}

static int by_name_word(const void *a, const void *b)
{
  const name_word *x = a, *y = b;
  int c = word_cmp(x->word, x->len, y->word, y->len);
  return c ? c : (x->entity > y->entity) - (x->entity < y->entity);
}

/* The one person with a full name (two words or more) that holds WORD, or
 * TKGP_NONE when none or several do. WORDS is sorted. */
static size_t sole_full_name(const name_word *words, size_t n, const char *word)
{
  size_t lo = 0, hi = n, len = strlen(word), found = TKGP_NONE, k;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (word_cmp(words[mid].word, words[mid].len, word, len) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (k = lo; k < n && word_cmp(words[k].word, words[k].len, word, len) == 0; k++) {
    if (found != TKGP_NONE && words[k].entity != found)
      return TKGP_NONE;
    found = words[k].entity;
  }
  return found;
}

/* The organizations named by a base name and an organization word
 * ("Norvex Corp." under "Norvex"): entry + 1 when one is, -1 when several
 * are. */
static int index_org_bases(const tkgp_lexicon *lex, const tkgp_entity_class *cls,
                           const char *const *labels, size_t n, tkgp_strmap **out)
{
  if (tkgp_strmap_new(out) < 0)
    return TKG_ENOMEM;
  for (size_t i = 0; i < n; i++) {
    size_t base;
    long *slot;
    if (cls[i] != TKGP_CLASS_ORGANIZATION || !(base = tkgp_lexicon_org_base_length(lex, labels[i])))
      continue;
    if (!(slot = tkgp_strmap_slot(*out, labels[i], base, NULL)))
      return TKG_ENOMEM;
    *slot = *slot == 0 ? (long)i + 1 : -1;
  }
  return 0;
}

/* The words of the full names (two words or more) of persons, sorted. */
static int index_name_words(const tkgp_entity_class *cls, const char *const *labels, size_t n,
                            name_word **out, size_t *n_out)
{
  size_t cap = 0;
  *out = NULL;
  *n_out = 0;
  for (size_t i = 0; i < n; i++) {
    const char *w = labels[i];
    if (cls[i] != TKGP_CLASS_PERSON || !strchr(w, ' '))
      continue;
    while (*w) {
      size_t len = strcspn(w, " -");
      if (len) {
        if (reserve((void **)out, &cap, *n_out, sizeof **out) < 0)
          return TKG_ENOMEM;
        (*out)[*n_out].word = w;
        (*out)[*n_out].len = len;
        (*out)[(*n_out)++].entity = i;
      }
      w += len;
      w += strspn(w, " -");
    }
  }
  if (*n_out > 1)
    qsort(*out, *n_out, sizeof **out, by_name_word);
  return 0;
}

int tkgp_short_name_targets(const tkgp_lexicon *lex, const tkgp_entity_class *cls,
                            const char *const *labels, size_t n, size_t *target)
{
  name_word *words = NULL;
  tkgp_strmap *orgs = NULL;
  size_t n_words = 0;
  int rc = index_name_words(cls, labels, n, &words, &n_words);

  if (rc == 0 && lex)
    rc = index_org_bases(lex, cls, labels, n, &orgs);
  for (size_t i = 0; rc == 0 && i < n; i++) {
    target[i] = i;
    if (cls[i] == TKGP_CLASS_PERSON && !strchr(labels[i], ' ')) {
      size_t full = sole_full_name(words, n_words, labels[i]);
      if (full != TKGP_NONE)
        target[i] = full;
    } else if (cls[i] == TKGP_CLASS_ORGANIZATION && orgs) {
      size_t k;
      long *slot = tkgp_strmap_slot(orgs, labels[i], strlen(labels[i]), &k);
      if (!slot)
        rc = TKG_ENOMEM;
      else if (*slot > 0)
        target[i] = (size_t)*slot - 1;
    }
  }
  free(words);
  tkgp_strmap_free(orgs);
  return rc;
}

int tkg_graph_join_short_names(tkg_graph *g)
{
  size_t n = g->n_entities, i, *target = malloc((n + 1) * sizeof *target);
  tkgp_entity_class *cls = malloc((n + 1) * sizeof *cls);
  const char **labels = malloc((n + 1) * sizeof *labels);
  int rc = TKG_ENOMEM;

  if (target && cls && labels) {
    for (i = 0; i < n; i++) {
      cls[i] = g->entities[i].cls;
      labels[i] = g->entities[i].label;
    }
    rc = tkgp_short_name_targets(g->world->lexicon, cls, labels, n, target);
    if (rc == 0)
      rc = merge_into_roots(g, target);
  }
  free(target);
  free(cls);
  free(labels);
  if (rc < 0)
    tkgp_error(g->world, rc, "out of memory");
  return rc;
}

typedef struct keyed {
  const char *key;
  size_t index;
} keyed;

static int by_key(const void *a, const void *b)
{
  return strcmp(((const keyed *)a)->key, ((const keyed *)b)->key);
}

size_t *tkgp_graph_sorted_entities(const tkg_graph *graph)
{
  size_t n = graph->n_entities, i;
  size_t *order = malloc((n + 1) * sizeof *order);
  keyed *keys = malloc((n + 1) * sizeof *keys);
  if (!order || !keys) {
    free(order);
    free(keys);
    return NULL;
  }
  for (i = 0; i < n; i++) {
    keys[i].key = graph->entities[i].iri;
    keys[i].index = i;
  }
  /* IRIs are unique, so the order is total and the sort deterministic. */
  qsort(keys, n, sizeof *keys, by_key);
  for (i = 0; i < n; i++)
    order[i] = keys[i].index;
  free(keys);
  return order;
}
