/* merge.c - join N-Quads of separate documents into one merged graph
 * SPDX-License-Identifier: MIT
 *
 * `build -f nquads` writes each document as a named graph, and what it
 * says of entities (types, names, direct relations) in the default
 * graph. A merged graph differs from the union of such documents in three
 * ways only, all in the default graph: each entity has one rdfs:label,
 * that of the first document that names it, the others being
 * skos:altLabels; a triple is written once; and a person or organization
 * known by a short name joins the one entity with the full name
 * (tkgp_short_name_targets), which renames it everywhere. So two passes
 * do: the first keeps the default graph, which holds the index of names
 * and IRIs, and finds the joins; the second streams the documents' graphs
 * through with the joined IRIs, and then the default graph is written.
 * Memory is that of the default graph, never of the documents' text.
 */
#include "core/grow.h"
#include "core/strbuf.h"
#include "core/strmap.h"
#include "emit/writer.h"
#include "emit/iostream.h"
#include "emit/ntriples.h"
#include "graph/graph.h"
#include "lexicon/lexicon.h"

#include <errno.h>
#include <raptor2.h>
#include <stdlib.h>
#include <string.h>

/* What the first pass learns of a resource of the default graph. */
typedef struct resource {
  char *iri;
  tkgp_entity_class cls; /* TKGP_CLASS_COUNT: not an entity */
  char *label;           /* its first rdfs:label, or NULL */
  size_t joins;          /* the resource it joins (itself when none) */
} resource;

typedef struct merger {
  tkg_world *world;
  tkgp_strmap *triples;   /* default-graph triples seen, as N-Triples text */
  raptor_statement **kept; /* and the triples themselves, in order */
  size_t n_kept, cap_kept;
  tkgp_strmap *by_iri;    /* resource IRI -> index in RESOURCES */
  resource *resources;
  size_t n_resources, cap_resources;
  raptor_serializer *out;
  raptor_iostream *ios;
  tkgp_block_writer *block;
  int second_pass;
  int failed;             /* TKG_E* */
  char message[512];      /* from raptor's parser */
  const char *path;
} merger;

static const char *term_iri(const raptor_term *t)
{
  return t && t->type == RAPTOR_TERM_TYPE_URI ? (const char *)raptor_uri_as_string(t->value.uri)
                                              : NULL;
}

/* The resource IRI names, created on first sight; NULL when out of memory. */
static resource *resource_of(merger *m, const char *iri)
{
  size_t k;
  long *slot = tkgp_strmap_slot(m->by_iri, iri, strlen(iri), &k);
  resource *r;
  if (!slot)
    return NULL;
  if (*slot)
    return &m->resources[*slot - 1];
  if (tkgp_grow((void **)&m->resources, &m->cap_resources, m->n_resources + 1,
                sizeof *m->resources) < 0)
    return NULL;
  r = &m->resources[m->n_resources];
  memset(r, 0, sizeof *r);
  if (!(r->iri = strdup(iri)))
    return NULL;
  r->cls = TKGP_CLASS_COUNT;
  r->joins = m->n_resources;
  *slot = (long)++m->n_resources;
  return r;
}

/* Note the class and first name of the subject of a default-graph triple. */
static int learn(merger *m, const raptor_statement *st)
{
  const char *s = term_iri(st->subject), *p = term_iri(st->predicate), *o = term_iri(st->object);
  resource *r;
  if (!s || !p)
    return 0;
  if (strcmp(p, TKGP_NS_RDF "type") == 0 && o) {
    tkgp_entity_class cls = tkgp_class_of_iri(o);
    if (cls == TKGP_CLASS_COUNT)
      return 0;
    if (!(r = resource_of(m, s)))
      return TKG_ENOMEM;
    r->cls = cls;
  } else if (strcmp(p, TKGP_NS_RDFS "label") == 0 &&
             st->object->type == RAPTOR_TERM_TYPE_LITERAL) {
    if (!(r = resource_of(m, s)))
      return TKG_ENOMEM;
    if (!r->label && !(r->label = strdup((const char *)st->object->value.literal.string)))
      return TKG_ENOMEM;
  }
  return 0;
}

/* Keep a default-graph triple, once. */
static int keep(merger *m, const raptor_statement *st)
{
  tkgp_strbuf key;
  raptor_statement *copy;
  long *slot;
  int rc;

  tkgp_strbuf_init(&key);
  rc = tkgp_ntriples_line(st->subject, st->predicate, st->object, &key);
  slot = rc == 0 ? tkgp_strmap_slot(m->triples, key.data, key.length, NULL) : NULL;
  tkgp_strbuf_finish(&key);
  if (!slot)
    return TKG_ENOMEM;
  if (*slot)
    return 0;
  *slot = 1;
  if (tkgp_grow((void **)&m->kept, &m->cap_kept, m->n_kept + 1, sizeof *m->kept) < 0)
    return TKG_ENOMEM;
  if (!(copy = raptor_statement_copy((raptor_statement *)st)))
    return TKG_ENOMEM;
  m->kept[m->n_kept++] = copy;
  return learn(m, st);
}

/* A copy of term T with its IRI renamed when its resource joins another;
 * NULL when it is not renamed. */
static raptor_term *renamed(merger *m, const raptor_term *t)
{
  const char *iri = term_iri(t);
  size_t k;
  long *slot;
  const resource *r;
  if (!iri || tkgp_strmap_count(m->by_iri) == 0)
    return NULL;
  slot = tkgp_strmap_slot(m->by_iri, iri, strlen(iri), &k);
  if (!slot || !*slot)
    return NULL; /* (a new slot of 0 is harmless: no resource has it) */
  r = &m->resources[*slot - 1];
  if (r->joins == (size_t)(*slot - 1))
    return NULL;
  return raptor_new_term_from_uri_string(m->world->raptor,
                                         (const unsigned char *)m->resources[r->joins].iri);
}

/* Write ST with its joined IRIs. */
static void write_renamed(merger *m, raptor_statement *st)
{
  raptor_term *s = renamed(m, st->subject), *o = renamed(m, st->object);
  raptor_term *old_s = st->subject, *old_o = st->object;
  if (s)
    st->subject = s;
  if (o)
    st->object = o;
  if (raptor_serializer_serialize_statement(m->out, st) != 0 && !m->failed)
    m->failed = TKG_EIO;
  st->subject = old_s;
  st->object = old_o;
  if (s)
    raptor_free_term(s);
  if (o)
    raptor_free_term(o);
}

static void on_statement(void *data, raptor_statement *st)
{
  merger *m = data;
  int rc;
  if (m->failed)
    return;
  if (!m->second_pass) {
    if (!st->graph && (rc = keep(m, st)) < 0)
      m->failed = rc;
  } else if (st->graph) {
    write_renamed(m, st);
  }
}

static void on_log(void *data, raptor_log_message *message)
{
  merger *m = data;
  if (message->level < RAPTOR_LOG_LEVEL_ERROR || m->message[0])
    return;
  if (message->locator && message->locator->line > 0)
    snprintf(m->message, sizeof m->message, "%s:%d: %s", m->path, message->locator->line,
             message->text);
  else
    snprintf(m->message, sizeof m->message, "%s: %s", m->path, message->text);
}

/* Read PATH ("-" cannot be read twice: the caller spools it) through the
 * statement handler. */
static int read_quads(merger *m, const char *path)
{
  int rc;
  m->path = path;
  raptor_world_set_log_handler(m->world->raptor, m, on_log);
  rc = tkgp_parse_nquads(m->world, path, path, on_statement, m);
  raptor_world_set_log_handler(m->world->raptor, NULL, NULL);
  if ((rc == TKG_EDATA || (rc == 0 && m->message[0])) && !m->failed)
    rc = tkgp_error(m->world, TKG_EDATA, "%s", m->message[0] ? m->message : "cannot read N-Quads");
  return rc == TKG_EDATA && m->failed ? 0 : rc;
}

/* Find which entities join which (tkgp_short_name_targets). */
static int find_joins(merger *m)
{
  size_t n = m->n_resources, i;
  tkgp_entity_class *cls = malloc((n + 1) * sizeof *cls);
  const char **labels = malloc((n + 1) * sizeof *labels);
  size_t *target = malloc((n + 1) * sizeof *target);
  int rc = TKG_ENOMEM;

  if (cls && labels && target) {
    for (i = 0; i < n; i++) {
      /* a resource with no name takes part in no join */
      cls[i] = m->resources[i].label ? m->resources[i].cls : TKGP_CLASS_COUNT;
      labels[i] = m->resources[i].label ? m->resources[i].label : "";
    }
    rc = tkgp_short_name_targets(m->world->lexicon, cls, labels, n, target);
    for (i = 0; rc == 0 && i < n; i++)
      m->resources[i].joins = target[i];
  }
  free(cls);
  free(labels);
  free(target);
  return rc;
}

/* Whether a kept triple of the default graph is an rdfs:label or
 * skos:altLabel, and which. */
static int is_name(const raptor_statement *st, const char *property)
{
  const char *p = term_iri(st->predicate);
  return p && strcmp(p, property) == 0 && st->object->type == RAPTOR_TERM_TYPE_LITERAL;
}

/* The label the joined entity of ST's subject goes by, or NULL. */
static const char *joined_label(merger *m, const raptor_statement *st)
{
  const char *s = term_iri(st->subject);
  size_t k;
  long *slot = s ? tkgp_strmap_slot(m->by_iri, s, strlen(s), &k) : NULL;
  if (!slot || !*slot)
    return NULL;
  return m->resources[m->resources[*slot - 1].joins].label;
}

/* The default graph: names other than an entity's label become other
 * names, and nothing is written twice. */
static int write_default_graph(merger *m)
{
  tkgp_strmap *written;
  tkgp_strbuf key;
  raptor_term *alt = raptor_new_term_from_uri_string(m->world->raptor,
                                                     (const unsigned char *)TKGP_NS_SKOS "altLabel");
  int rc = 0;

  if (!alt || tkgp_strmap_new(&written) < 0) {
    if (alt)
      raptor_free_term(alt);
    return TKG_ENOMEM;
  }
  tkgp_strbuf_init(&key);
  for (size_t i = 0; i < m->n_kept && rc == 0; i++) {
    raptor_statement *st = m->kept[i];
    raptor_term *predicate = st->predicate;
    const char *label = joined_label(m, st);
    const char *value = st->object->type == RAPTOR_TERM_TYPE_LITERAL
                            ? (const char *)st->object->value.literal.string
                            : NULL;
    int label_triple = is_name(st, TKGP_NS_RDFS "label");
    long *slot;

    if (label && value && (label_triple || is_name(st, TKGP_NS_SKOS "altLabel"))) {
      int same = strcmp(label, value) == 0;
      if (!label_triple && same)
        continue; /* another name that is the name */
      if (label_triple && !same)
        st->predicate = alt;
    }
    /* once each, after renaming: the label of the entity joined, its class... */
    {
      raptor_term *s = renamed(m, st->subject), *o = renamed(m, st->object);
      if (tkgp_ntriples_line(s ? s : st->subject, st->predicate, o ? o : st->object, &key) < 0 ||
          !(slot = tkgp_strmap_slot(written, key.data, key.length, NULL)))
        rc = TKG_ENOMEM;
      else if (*slot == 0) {
        *slot = 1;
        write_renamed(m, st);
      }
      if (s)
        raptor_free_term(s);
      if (o)
        raptor_free_term(o);
    }
    st->predicate = predicate;
  }
  tkgp_strbuf_finish(&key);
  tkgp_strmap_free(written);
  raptor_free_term(alt);
  return rc;
}

static void merger_finish(merger *m)
{
  for (size_t i = 0; i < m->n_kept; i++)
    raptor_free_statement(m->kept[i]);
  free(m->kept);
  for (size_t i = 0; i < m->n_resources; i++) {
    free(m->resources[i].iri);
    free(m->resources[i].label);
  }
  free(m->resources);
  tkgp_strmap_free(m->triples);
  tkgp_strmap_free(m->by_iri);
  if (m->out)
    raptor_free_serializer(m->out);
  if (m->ios)
    raptor_free_iostream(m->ios);
  free(m->block);
}

int tkg_merge_nquads(tkg_world *world, const char *const *paths, size_t n, FILE *stream)
{
  merger m;
  size_t i;
  int rc = 0;

  memset(&m, 0, sizeof m);
  m.world = world;
  if (tkgp_strmap_new(&m.triples) < 0 || tkgp_strmap_new(&m.by_iri) < 0 ||
      !(m.out = raptor_new_serializer(world->raptor, "nquads")) ||
      !(m.block = malloc(sizeof *m.block)) ||
      !(m.ios = tkgp_block_iostream(world->raptor, m.block, stream)) ||
      raptor_serializer_start_to_iostream(m.out, NULL, m.ios) != 0) {
    merger_finish(&m);
    return tkgp_error(world, TKG_ENOMEM, "cannot start the N-Quads writer");
  }
  for (i = 0; i < n && rc == 0; i++)
    rc = read_quads(&m, paths[i]);
  if (rc == 0 && !m.failed && (rc = find_joins(&m)) == 0) {
    m.second_pass = 1;
    for (i = 0; i < n && rc == 0 && !m.failed; i++)
      rc = read_quads(&m, paths[i]);
    if (rc == 0 && !m.failed)
      rc = write_default_graph(&m);
  }
  if (rc == 0 && m.failed)
    rc = tkgp_error(world, m.failed, m.failed == TKG_EIO ? "cannot write N-Quads" : "out of memory");
  if (raptor_serializer_serialize_end(m.out) != 0 && rc == 0)
    rc = tkgp_error(world, TKG_EIO, "cannot write N-Quads");
  raptor_free_iostream(m.ios); /* writes the last block */
  m.ios = NULL;
  if (m.block->failed && rc == 0)
    rc = tkgp_error(world, TKG_EIO, "write error: %s", strerror(m.block->error));
  merger_finish(&m);
  return rc < 0 ? rc : 0;
}
