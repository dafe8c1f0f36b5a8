/* rdf.c - the graph as RDF through raptor2's serializers
 * SPDX-License-Identifier: MIT
 *
 * The graph is turned into triples in a fixed order (documents, entities
 * by IRI, NIF strings by offset, statements by position), so the same
 * graph always gives the same bytes. raptor2 does the escaping and the
 * syntax of each format. In N-Quads each document's triples go in a named
 * graph, the document's IRI; entity descriptions go in the default graph.
 */
#include "emit/writer.h"
#include "emit/iostream.h"
#include "lexicon/lexicon.h"

#include <raptor2.h>
#include <stdlib.h>
#include <string.h>

typedef struct out {
  const tkg_graph *graph;
  raptor_world *raptor;
  raptor_serializer *serializer;
  int quads;
  int failed;
  const char *context; /* named graph of the triples being written, or NULL */
  size_t written;      /* triples */
} out;

static raptor_term *iri_term(out *o, const char *iri)
{
  return raptor_new_term_from_uri_string(o->raptor, (const unsigned char *)iri);
}

static void emit(out *o, const char *s, const char *p, raptor_term *object)
{
  raptor_term *subject, *predicate, *graph = NULL;
  raptor_statement *st;

  if (o->failed || !object) {
    o->failed = 1;
    if (object)
      raptor_free_term(object);
    return;
  }
  subject = iri_term(o, s);
  predicate = iri_term(o, p);
  if (o->quads && o->context)
    graph = iri_term(o, o->context);
  st = raptor_new_statement_from_nodes(o->raptor, subject, predicate, object, graph);
  if (!st || raptor_serializer_serialize_statement(o->serializer, st) != 0)
    o->failed = 1;
  o->written++;
  if (st)
    raptor_free_statement(st);
}

static void emit_iri(out *o, const char *s, const char *p, const char *iri)
{
  emit(o, s, p, iri_term(o, iri));
}

static void emit_literal(out *o, const char *s, const char *p, const char *value,
                         const char *datatype, const char *language)
{
  raptor_uri *dt = datatype ? raptor_new_uri(o->raptor, (const unsigned char *)datatype) : NULL;
  raptor_term *t = raptor_new_term_from_literal(o->raptor, (const unsigned char *)value, dt,
                                                (const unsigned char *)language);
  if (dt)
    raptor_free_uri(dt);
  emit(o, s, p, t);
}

static void emit_count(out *o, const char *s, const char *p, size_t n)
{
  char buf[32];
  snprintf(buf, sizeof buf, "%zu", n);
  emit_literal(o, s, p, buf, TKGP_NS_XSD "nonNegativeInteger", NULL);
}

/* IRI of a NIF string: the document IRI with an RFC 5147 fragment. */
static void string_iri(const tkg_graph *g, const tkgp_gstring *s, char *buf, size_t size)
{
  snprintf(buf, size, "%s#char=%zu,%zu", g->docs[s->doc].iri, s->begin, s->end);
}

static int by_offset(const void *a, const void *b)
{
  const tkgp_gstring *x = *(tkgp_gstring *const *)a, *y = *(tkgp_gstring *const *)b;
  if (x->doc != y->doc)
    return x->doc < y->doc ? -1 : 1;
  if (x->begin != y->begin)
    return x->begin < y->begin ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1; /* the sentence before what it holds */
  if (x->entity != y->entity)
    return x->entity < y->entity ? -1 : 1;
  return (x > y) - (x < y);
}

static int by_string(const void *a, const void *b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Direct triples: one per distinct (subject, property, object) asserted. */
typedef struct direct {
  size_t subject, object;
  const char *property;
} direct;

static int by_direct(const void *a, const void *b)
{
  const direct *x = a, *y = b;
  int c;
  if (x->subject != y->subject)
    return x->subject < y->subject ? -1 : 1;
  if ((c = strcmp(x->property, y->property)))
    return c;
  return (x->object > y->object) - (x->object < y->object);
}

static void write_documents(out *o)
{
  const tkg_graph *g = o->graph;
  size_t i;
  for (i = 0; i < g->n_docs; i++) {
    const tkgp_gdoc *d = &g->docs[i];
    o->context = d->iri;
    emit_iri(o, d->iri, TKGP_NS_RDF "type", TKGP_NS_NIF "Context");
    emit_literal(o, d->iri, TKGP_NS_RDFS "label", d->name, NULL, NULL);
    emit_count(o, d->iri, TKGP_NS_NIF "beginIndex", 0);
    emit_count(o, d->iri, TKGP_NS_NIF "endIndex", d->codepoints);
    emit_literal(o, d->iri, TKGP_NS_NIF "isString", d->text, NULL, NULL);
    if (d->date)
      emit_literal(o, d->iri, TKGP_NS_SCHEMA "datePublished", d->date, TKGP_NS_XSD "date", NULL);
    /* The URL as a typed literal: a malformed one cannot break the RDF. */
    if (d->url)
      emit_literal(o, d->iri, TKGP_NS_SCHEMA "url", d->url, TKGP_NS_XSD "anyURI", NULL);
    if (d->title)
      emit_literal(o, d->iri, TKGP_NS_SCHEMA "headline", d->title, NULL, NULL);
  }
  o->context = NULL;
}

static void write_entities(out *o, const size_t *order, const size_t *rank,
                           const direct *directs, size_t n_directs)
{
  const tkg_graph *g = o->graph;
  size_t i, k = 0, j;

  for (i = 0; i < g->n_entities; i++) {
    const tkgp_gentity *e = &g->entities[order[i]];
    const char **alts;
    emit_iri(o, e->iri, TKGP_NS_RDF "type", tkgp_class_iri(e->cls));
    emit_literal(o, e->iri, TKGP_NS_RDFS "label", e->label, NULL, "en");
    if (e->n_alt) {
      alts = malloc(e->n_alt * sizeof *alts);
      if (!alts) {
        o->failed = 1;
        return;
      }
      memcpy(alts, e->alt_labels, e->n_alt * sizeof *alts);
      qsort(alts, e->n_alt, sizeof *alts, by_string);
      for (j = 0; j < e->n_alt; j++)
        emit_literal(o, e->iri, TKGP_NS_SKOS "altLabel", alts[j], NULL, "en");
      free(alts);
    }
    if (e->iso)
      emit_literal(o, e->iri, TKGP_NS_TKG "isoCode", e->iso, NULL, NULL);
    if (e->wikidata) {
      char wd[64];
      snprintf(wd, sizeof wd, "http://www.wikidata.org/entity/%s", e->wikidata);
      emit_iri(o, e->iri, TKGP_NS_OWL "sameAs", wd);
    }
    if (e->title_iri)
      emit_iri(o, e->iri, TKGP_NS_TKG "title", e->title_iri);
    if (e->role_of != TKGP_NONE)
      emit_iri(o, e->iri, TKGP_NS_TKG "roleOf", g->entities[e->role_of].iri);
    /* directs are sorted by the subject's rank in IRI order. */
    for (; k < n_directs && rank[directs[k].subject] == i; k++) {
      char p[256];
      snprintf(p, sizeof p, "%s%s", TKGP_NS_TKG, directs[k].property);
      if (k > 0 && by_direct(&directs[k - 1], &directs[k]) == 0)
        continue;
      emit_iri(o, e->iri, p, g->entities[directs[k].object].iri);
    }
  }
}

static void write_strings(out *o)
{
  const tkg_graph *g = o->graph;
  const tkgp_gstring **sorted;
  size_t i;
  char iri[1024], ref[1024];

  sorted = malloc((g->n_strings + 1) * sizeof *sorted);
  if (!sorted) {
    o->failed = 1;
    return;
  }
  for (i = 0; i < g->n_strings; i++)
    sorted[i] = &g->strings[i];
  qsort(sorted, g->n_strings, sizeof *sorted, by_offset);
  for (i = 0; i < g->n_strings; i++) {
    const tkgp_gstring *s = sorted[i];
    int sentence = s->entity == TKGP_NONE;
    if (i > 0 && sorted[i - 1]->doc == s->doc && sorted[i - 1]->begin == s->begin &&
        sorted[i - 1]->end == s->end && sorted[i - 1]->entity == s->entity)
      continue; /* the same entity named twice at one span */
    /* A span already described (a second entity named by the same words,
     * or a mention that is a whole sentence) only adds its links. */
    string_iri(g, s, iri, sizeof iri);
    o->context = g->docs[s->doc].iri;
    if (!(i > 0 && sorted[i - 1]->doc == s->doc && sorted[i - 1]->begin == s->begin &&
          sorted[i - 1]->end == s->end)) {
      emit_iri(o, iri, TKGP_NS_RDF "type", TKGP_NS_NIF "String");
      emit_iri(o, iri, TKGP_NS_RDF "type", TKGP_NS_NIF "RFC5147String");
      emit_iri(o, iri, TKGP_NS_RDF "type", sentence ? TKGP_NS_NIF "Sentence" : TKGP_NS_NIF "Phrase");
      emit_count(o, iri, TKGP_NS_NIF "beginIndex", s->begin);
      emit_count(o, iri, TKGP_NS_NIF "endIndex", s->end);
      emit_literal(o, iri, TKGP_NS_NIF "anchorOf", s->anchor, NULL, NULL);
      emit_iri(o, iri, TKGP_NS_NIF "referenceContext", g->docs[s->doc].iri);
    } else if (!sentence && sorted[i - 1]->entity == TKGP_NONE) {
      emit_iri(o, iri, TKGP_NS_RDF "type", TKGP_NS_NIF "Phrase");
    }
    if (!sentence) {
      if (s->metonym)
        emit_iri(o, iri, TKGP_NS_RDF "type", TKGP_NS_TKG "Metonym");
      if (s->sentence != TKGP_NONE) {
        string_iri(g, &g->strings[s->sentence], ref, sizeof ref);
        emit_iri(o, iri, TKGP_NS_NIF "sentence", ref);
      }
      emit_iri(o, iri, TKGP_NS_ITSRDF "taIdentRef", g->entities[s->entity].iri);
    }
  }
  o->context = NULL;
  free(sorted);
}

static void write_statements(out *o)
{
  const tkg_graph *g = o->graph;
  size_t i;
  char iri[1024], p[256], buf[32];

  for (i = 0; i < g->n_statements; i++) {
    const tkgp_gstatement *st = &g->statements[i];
    const char *doc = g->docs[st->doc].iri;
    snprintf(iri, sizeof iri, "%s#rel-%zu", doc, st->ordinal);
    snprintf(p, sizeof p, "%s%s", TKGP_NS_TKG, st->property);
    o->context = doc;
    emit_iri(o, iri, TKGP_NS_RDF "type", TKGP_NS_RDF "Statement");
    emit_iri(o, iri, TKGP_NS_RDF "subject", g->entities[st->subject].iri);
    emit_iri(o, iri, TKGP_NS_RDF "predicate", p);
    emit_iri(o, iri, TKGP_NS_RDF "object", g->entities[st->object].iri);
    if (st->evidence != TKGP_NONE) {
      char ref[1024];
      string_iri(g, &g->strings[st->evidence], ref, sizeof ref);
      emit_iri(o, iri, TKGP_NS_TKG "evidence", ref);
    }
    emit_iri(o, iri, TKGP_NS_PROV "wasDerivedFrom", doc);
    snprintf(buf, sizeof buf, "%.2f", st->confidence);
    emit_literal(o, iri, TKGP_NS_TKG "confidence", buf, TKGP_NS_XSD "decimal", NULL);
    if (st->negated)
      emit_literal(o, iri, TKGP_NS_TKG "negated", "true", TKGP_NS_XSD "boolean", NULL);
    if (st->modality)
      emit_literal(o, iri, TKGP_NS_TKG "modality", st->modality, NULL, NULL);
    if (st->condition)
      emit_literal(o, iri, TKGP_NS_TKG "condition", st->condition, NULL, "en");
    if (st->time)
      emit_literal(o, iri, TKGP_NS_TKG "time", st->time, NULL, NULL);
  }
  o->context = NULL;
}

static const struct {
  const char *prefix, *iri;
} namespaces[] = {
  /* rdf: is declared by raptor itself. */
  {"tkg", TKGP_NS_TKG},   {"tkgl", TKGP_NS_LEX},
  {"rdfs", TKGP_NS_RDFS}, {"skos", TKGP_NS_SKOS},    {"xsd", TKGP_NS_XSD},
  {"schema", TKGP_NS_SCHEMA}, {"org", TKGP_NS_ORG},  {"prov", TKGP_NS_PROV},
  {"nif", TKGP_NS_NIF},   {"itsrdf", TKGP_NS_ITSRDF}, {"owl", TKGP_NS_OWL},
};

int tkgp_write_rdf(const tkg_graph *graph, const tkgp_writer *writer, FILE *stream)
{
  return tkgp_write_rdf_counted(graph, writer, stream, NULL);
}

int tkgp_write_rdf_counted(const tkg_graph *graph, const tkgp_writer *writer, FILE *stream,
                           size_t *triples)
{
  out o;
  size_t i, n_directs = 0, *order = NULL, *rank = NULL;
  direct *directs = NULL;
  tkgp_block_writer *block = NULL;
  raptor_iostream *ios = NULL;
  int rc = 0;

  memset(&o, 0, sizeof o);
  o.graph = graph;
  o.raptor = graph->world->raptor;
  o.quads = strcmp(writer->detail, "nquads") == 0;
  o.serializer = raptor_new_serializer(o.raptor, writer->detail);
  order = tkgp_graph_sorted_entities(graph);
  rank = malloc((graph->n_entities + 1) * sizeof *rank);
  directs = malloc((graph->n_statements + 1) * sizeof *directs);
  if (!o.serializer || !order || !rank || !directs) {
    rc = tkgp_error(graph->world, TKG_ENOMEM, "cannot start the %s writer", writer->name);
    goto cleanup;
  }
  for (i = 0; i < graph->n_entities; i++)
    rank[order[i]] = i;
  for (i = 0; i < graph->n_statements; i++) {
    const tkgp_gstatement *st = &graph->statements[i];
    if (!tkgp_statement_asserted(st))
      continue;
    directs[n_directs].subject = st->subject;
    directs[n_directs].object = st->object;
    directs[n_directs].property = st->property;
    n_directs++;
  }
  /* Sort by subject rank so write_entities can walk them alongside. */
  for (i = 0; i < n_directs; i++)
    directs[i].subject = rank[directs[i].subject];
  qsort(directs, n_directs, sizeof *directs, by_direct);
  for (i = 0; i < n_directs; i++)
    directs[i].subject = order[directs[i].subject];

  if (!(block = malloc(sizeof *block)) || !(ios = tkgp_block_iostream(o.raptor, block, stream)) ||
      raptor_serializer_start_to_iostream(o.serializer, NULL, ios) != 0) {
    rc = tkgp_error(graph->world, TKG_EIO, "cannot start writing %s", writer->name);
    goto cleanup;
  }
  for (i = 0; i < sizeof namespaces / sizeof *namespaces; i++) {
    raptor_uri *uri = raptor_new_uri(o.raptor, (const unsigned char *)namespaces[i].iri);
    if (!uri) {
      o.failed = 1;
      continue;
    }
    /* Prefixes only abbreviate: a syntax without them (RDF/JSON) refuses
     * them, which is no failure. */
    (void)raptor_serializer_set_namespace(o.serializer, uri,
                                          (const unsigned char *)namespaces[i].prefix);
    raptor_free_uri(uri);
  }
  write_documents(&o);
  write_entities(&o, order, rank, directs, n_directs);
  write_strings(&o);
  write_statements(&o);
  if (raptor_serializer_serialize_end(o.serializer) != 0 || o.failed)
    o.failed = 1;
  raptor_free_iostream(ios); /* writes the last block */
  ios = NULL;
  if (block->failed)
    rc = tkgp_error(graph->world, TKG_EIO, "write error: %s", strerror(block->error));
  else if (o.failed)
    rc = tkgp_error(graph->world, TKG_EIO, "cannot write %s", writer->name);

  if (triples)
    *triples = o.written;
cleanup:
  if (o.serializer)
    raptor_free_serializer(o.serializer);
  if (ios)
    raptor_free_iostream(ios);
  free(block);
  free(order);
  free(rank);
  free(directs);
  return rc;
}
