/* store_add.c - documents into the store, each replacing its old graph
 * SPDX-License-Identifier: MIT
 *
 * The N-Quads are read with raptor, one statement at a time. A document's
 * graph starts with its first quad; the default-graph triples that the
 * writer puts among them (its entities) go into it too. When the store
 * has the document already, its old graph is read (to say what changed)
 * and removed before the new one is added; the store graph then records
 * when the document was added, its size, and the change: the triples
 * removed and added, as N-Triples text.
 */
#include "store/store_impl.h"
#include "core/grow.h"
#include "core/strbuf.h"
#include "emit/ntriples.h"
#include "core/strmap.h"
#include "core/world.h"
#include "lexicon/lexicon.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct adding {
  tkgp_store *st;
  const char *name;          /* of the input, for messages */
  tkgp_store_added *added;
  char *doc;                 /* IRI of the document being added, or NULL */
  librdf_node *graph;        /* its graph */
  tkgp_strmap *before;       /* N-Triples of its old graph, when it had one */
  tkgp_strmap *now;          /* N-Triples of the new one */
  tkgp_strmap *docs;         /* documents of this input */
  raptor_statement **early;  /* default-graph triples before any document */
  size_t n_early, cap_early;
  int rc;                    /* the first failure, TKG_E* */
  char when[32];             /* xsd:dateTime of this command */
} adding;

static int statement_line(const raptor_statement *s, tkgp_strbuf *sb)
{
  return tkgp_ntriples_line(s->subject, s->predicate, s->object, sb);
}

static int add_triple(adding *a, librdf_node *graph, const char *s, const char *p,
                      librdf_node *object)
{
  librdf_statement *st;
  int rc;
  if (!object)
    return TKG_ENOMEM;
  st = librdf_new_statement_from_nodes(a->st->rdf, tkgp_store_iri(a->st, s),
                                       tkgp_store_iri(a->st, p), object);
  if (!st)
    return TKG_ENOMEM;
  rc = librdf_model_context_add_statement(a->st->model, graph, st) == 0 ? 0 : TKG_EIO;
  librdf_free_statement(st);
  return rc;
}

static librdf_node *literal(adding *a, const char *value, const char *datatype)
{
  librdf_uri *dt = datatype ? librdf_new_uri(a->st->rdf, (const unsigned char *)datatype) : NULL;
  librdf_node *n = librdf_new_node_from_typed_literal(a->st->rdf, (const unsigned char *)value,
                                                      NULL, dt);
  if (dt)
    librdf_free_uri(dt);
  return n;
}


/* The lines of FROM that TO lacks, as PROPERTY of the change CHANGE. */
static int record_difference(adding *a, const char *change, const char *property,
                             tkgp_strmap *from, tkgp_strmap *to)
{
  size_t i, n = from ? tkgp_strmap_count(from) : 0, k;
  int rc = 0;
  for (i = 0; i < n && rc == 0; i++) {
    const char *line = tkgp_strmap_key(from, i);
    long *slot = to ? tkgp_strmap_slot(to, line, strlen(line), &k) : NULL;
    if (to && !slot)
      return TKG_ENOMEM;
    if (!slot || *slot == 0)
      rc = add_triple(a, a->st->store_graph, change, property, literal(a, line, NULL));
  }
  return rc;
}

/* Free what A holds of the document being added. */
static void drop_document(adding *a)
{
  tkgp_strmap_free(a->before);
  tkgp_strmap_free(a->now);
  a->before = a->now = NULL;
  if (a->graph)
    librdf_free_node(a->graph);
  a->graph = NULL;
  free(a->doc);
  a->doc = NULL;
}

/* The document added is complete: record it, and what changed. */
static int finish_document(adding *a)
{
  char count[32], *change = NULL;
  int rc;

  if (!a->doc)
    return 0;
  snprintf(count, sizeof count, "%zu", tkgp_strmap_count(a->now));
  if ((rc = tkgp_store_forget_record(a->st, a->doc)) == 0)
    rc = add_triple(a, a->st->store_graph, a->doc, TKGP_NS_TKG "addedAt",
                    literal(a, a->when, TKGP_NS_XSD "dateTime"));
  if (rc == 0)
    rc = add_triple(a, a->st->store_graph, a->doc, TKGP_NS_TKG "tripleCount",
                    literal(a, count, TKGP_NS_XSD "integer"));
  if (rc == 0 && a->before) {
    if (asprintf(&change, "%s#change-%s", a->doc, a->when) < 0)
      return TKG_ENOMEM;
    rc = add_triple(a, a->st->store_graph, change, TKGP_NS_RDF "type",
                    tkgp_store_iri(a->st, TKGP_NS_TKG "Change"));
    if (rc == 0)
      rc = add_triple(a, a->st->store_graph, change, TKGP_NS_TKG "changeOf",
                      tkgp_store_iri(a->st, a->doc));
    if (rc == 0)
      rc = add_triple(a, a->st->store_graph, change, TKGP_NS_TKG "changedAt",
                      literal(a, a->when, TKGP_NS_XSD "dateTime"));
    if (rc == 0)
      rc = record_difference(a, change, TKGP_NS_TKG "removedTriple", a->before, a->now);
    if (rc == 0)
      rc = record_difference(a, change, TKGP_NS_TKG "addedTriple", a->now, a->before);
    free(change);
  }
  a->added->triples += tkgp_strmap_count(a->now);
  drop_document(a);
  return rc;
}


/* Read DOC's old graph into A->before, then remove it. */
static int take_old_graph(adding *a)
{
  librdf_stream *old = librdf_model_context_as_stream(a->st->model, a->graph);
  tkgp_strbuf line;
  int rc = tkgp_strmap_new(&a->before);

  tkgp_strbuf_init(&line);
  while (rc == 0 && old && !librdf_stream_end(old)) {
    if ((rc = statement_line(librdf_stream_get_object(old), &line)) == 0 &&
        !tkgp_strmap_slot(a->before, line.data, line.length, NULL))
      rc = TKG_ENOMEM;
    librdf_stream_next(old);
  }
  tkgp_strbuf_finish(&line);
  if (old)
    librdf_free_stream(old);
  if (rc == 0 && librdf_model_context_remove_statements(a->st->model, a->graph) != 0)
    rc = TKG_EIO;
  a->added->replaced++;
  return rc;
}

static int add_to_document(adding *a, const raptor_statement *s);

/* A quad of document DOC: the previous one is complete, this one starts. */
static int start_document(adding *a, const char *doc)
{
  long *seen;
  int rc;

  if ((rc = finish_document(a)) < 0)
    return rc;
  if (!(seen = tkgp_strmap_slot(a->docs, doc, strlen(doc), NULL)) ||
      !(a->doc = strdup(doc)) || !(a->graph = tkgp_store_iri(a->st, doc)) ||
      tkgp_strmap_new(&a->now) < 0)
    return TKG_ENOMEM;
  if (*seen == 0) {
    a->added->documents++;
    if (tkgp_store_has(a->st, doc) && (rc = take_old_graph(a)) < 0)
      return rc;
  }
  *seen = 1;
  for (size_t i = 0; rc == 0 && i < a->n_early; i++)
    rc = add_to_document(a, a->early[i]);
  for (size_t i = 0; i < a->n_early; i++)
    raptor_free_statement(a->early[i]);
  a->n_early = 0;
  return rc;
}

/* S, once, into the graph of the document being added. */
static int add_to_document(adding *a, const raptor_statement *s)
{
  raptor_statement triple = *s;
  tkgp_strbuf line;
  long *slot;
  int rc;

  tkgp_strbuf_init(&line);
  rc = statement_line(s, &line);
  slot = rc == 0 ? tkgp_strmap_slot(a->now, line.data, line.length, NULL) : NULL;
  tkgp_strbuf_finish(&line);
  if (!slot)
    return TKG_ENOMEM;
  if (*slot)
    return 0;
  *slot = 1;
  triple.graph = NULL; /* the context says which graph */
  if (librdf_model_context_add_statement(a->st->model, a->graph, &triple) != 0)
    return TKG_EIO;
  return 0;
}

/* Keep a default-graph triple that came before any document's quad. */
static int keep_early(adding *a, const raptor_statement *s)
{
  raptor_statement *copy;
  if (tkgp_grow((void **)&a->early, &a->cap_early, a->n_early + 1, sizeof *a->early) < 0)
    return TKG_ENOMEM;
  if (!(copy = raptor_statement_copy((raptor_statement *)s)))
    return TKG_ENOMEM;
  a->early[a->n_early++] = copy;
  return 0;
}

static void on_quad(void *data, raptor_statement *s)
{
  adding *a = data;
  const char *graph;
  if (a->rc)
    return;
  graph = s->graph && s->graph->type == RAPTOR_TERM_TYPE_URI
              ? (const char *)raptor_uri_as_string(s->graph->value.uri)
              : NULL;
  if (graph && (!a->doc || strcmp(graph, a->doc) != 0))
    a->rc = start_document(a, graph);
  if (!a->rc)
    a->rc = a->doc ? add_to_document(a, s) : keep_early(a, s);
}

/* The time of this command, as an xsd:dateTime in UTC. */
static void now(char *buf, size_t size)
{
  struct timespec ts;
  struct tm tm;
  clock_gettime(CLOCK_REALTIME, &ts);
  gmtime_r(&ts.tv_sec, &tm);
  strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
  snprintf(buf + strlen(buf), size - strlen(buf), ".%06ldZ", ts.tv_nsec / 1000);
}

static int parse(adding *a, const char *path)
{
  int rc;
  a->st->message[0] = '\0';
  rc = tkgp_parse_nquads(a->st->world, path, a->name, on_quad, a);
  if (rc == TKG_EDATA) {
    if (!a->rc)
      a->rc = TKG_EDATA; /* raptor said why, through librdf's logger */
    rc = 0;
  }
  return rc;
}

int tkgp_store_add_nquads(tkgp_store *st, const char *path, const char *name,
                          tkgp_store_added *added)
{
  adding a;
  int rc;

  memset(&a, 0, sizeof a);
  a.st = st;
  a.name = name;
  a.added = added;
  now(a.when, sizeof a.when);
  if (tkgp_strmap_new(&a.docs) < 0)
    return tkgp_error(st->world, TKG_ENOMEM, "out of memory");
  rc = parse(&a, path);
  if (rc == 0 && a.rc == 0)
    a.rc = finish_document(&a);
  if (rc == 0 && a.rc == 0 && a.n_early)
    rc = tkgp_error(st->world, TKG_EDATA,
                    "%s: triples but no document's graph (N-Quads of textkg build, one "
                    "named graph a document)", name);
  else if (rc == 0 && a.rc == TKG_EDATA)
    rc = tkgp_error(st->world, TKG_EDATA, "%s: %s", name,
                    st->message[0] ? st->message : "not N-Quads");
  else if (rc == 0 && a.rc)
    rc = tkgp_error(st->world, a.rc, "%s: cannot add to the store%s%s", name,
                    st->message[0] ? ": " : "", st->message);
  drop_document(&a); /* after a failure, what is left */
  for (size_t i = 0; i < a.n_early; i++)
    raptor_free_statement(a.early[i]);
  free(a.early);
  tkgp_strmap_free(a.docs);
  return rc;
}
