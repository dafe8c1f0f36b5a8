/* store_query.c - asking the store: SPARQL, the list of documents; removing one
 * SPDX-License-Identifier: MIT
 */
#include "store/store_impl.h"
#include "core/strbuf.h"
#include "core/world.h"
#include "graph/iri.h"
#include "lexicon/lexicon.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The statements of the store graph about SUBJECT with PROPERTY (NULL: any). */
static librdf_stream *records(tkgp_store *st, const char *subject, const char *property)
{
  librdf_statement *pattern = librdf_new_statement_from_nodes(
      st->rdf, subject ? tkgp_store_iri(st, subject) : NULL,
      property ? tkgp_store_iri(st, property) : NULL, NULL);
  librdf_stream *found = NULL;
  if (pattern) {
    found = librdf_model_find_statements_in_context(st->model, pattern, st->store_graph);
    librdf_free_statement(pattern);
  }
  return found;
}

int tkgp_store_has(tkgp_store *st, const char *doc)
{
  librdf_stream *found = records(st, doc, TKGP_NS_TKG "tripleCount");
  int yes = found && !librdf_stream_end(found);
  if (found)
    librdf_free_stream(found);
  return yes;
}

int tkgp_store_forget_record(tkgp_store *st, const char *doc)
{
  static const char *const props[] = {TKGP_NS_TKG "addedAt", TKGP_NS_TKG "tripleCount"};
  for (size_t k = 0; k < 2; k++) {
    librdf_stream *found = records(st, doc, props[k]);
    librdf_statement *old[8];
    size_t n = 0;
    if (!found)
      return TKG_ENOMEM;
    /* read to the end before anything is removed */
    for (; !librdf_stream_end(found) && n < 8; librdf_stream_next(found))
      old[n++] = librdf_new_statement_from_statement(librdf_stream_get_object(found));
    librdf_free_stream(found);
    for (size_t i = 0; i < n; i++)
      if (old[i]) {
        librdf_model_context_remove_statement(st->model, st->store_graph, old[i]);
        librdf_free_statement(old[i]);
      }
  }
  return 0;
}

/* DOC as a document IRI: itself when it is one, else an id under the base. */
static char *document_iri(tkgp_store *st, const char *doc)
{
  tkgp_strbuf sb;
  char *iri;
  if (strchr(doc, ':'))
    return strdup(doc);
  tkgp_strbuf_init(&sb);
  tkgp_strbuf_puts(&sb, st->world->base);
  tkgp_strbuf_puts(&sb, "doc/");
  tkgp_iri_append_id(&sb, doc);
  iri = sb.failed ? NULL : strndup(sb.data, sb.length);
  tkgp_strbuf_finish(&sb);
  return iri;
}

int tkgp_store_remove(tkgp_store *st, const char *doc)
{
  char *iri = document_iri(st, doc);
  librdf_node *graph;
  int rc = 0;

  if (!iri)
    return tkgp_error(st->world, TKG_ENOMEM, "out of memory");
  if (!tkgp_store_has(st, iri)) {
    rc = tkgp_error(st->world, TKG_ENOTFOUND, "%s: no document %s", st->path, iri);
  } else if (!(graph = tkgp_store_iri(st, iri))) {
    rc = tkgp_error(st->world, TKG_ENOMEM, "out of memory");
  } else {
    if (librdf_model_context_remove_statements(st->model, graph) != 0 ||
        tkgp_store_forget_record(st, iri) < 0)
      rc = tkgp_error(st->world, TKG_EIO, "%s: cannot remove %s", st->path, iri);
    librdf_free_node(graph);
  }
  free(iri);
  return rc;
}

static const char *literal_of(librdf_node *n)
{
  return n && librdf_node_is_literal(n) ? (const char *)librdf_node_get_literal_value(n) : "";
}

int tkgp_store_list(tkgp_store *st, FILE *out)
{
  static const char query[] =
      "SELECT ?doc ?triples ?added WHERE { GRAPH <" TKGP_STORE_GRAPH "> {"
      " ?doc <" TKGP_NS_TKG "tripleCount> ?triples ; <" TKGP_NS_TKG "addedAt> ?added } }"
      " ORDER BY ?doc";
  librdf_query *q = librdf_new_query(st->rdf, "sparql", NULL, (const unsigned char *)query, NULL);
  librdf_query_results *r = q ? librdf_model_query_execute(st->model, q) : NULL;
  int rc = 0;

  if (!r)
    rc = tkgp_error(st->world, TKG_EIO, "%s: cannot read the store", st->path);
  fputs("document\ttriples\tadded\n", out);
  for (; r && !librdf_query_results_finished(r); librdf_query_results_next(r)) {
    librdf_node *doc = librdf_query_results_get_binding_value(r, 0);
    librdf_node *n = librdf_query_results_get_binding_value(r, 1);
    librdf_node *at = librdf_query_results_get_binding_value(r, 2);
    fprintf(out, "%s\t%s\t%s\n",
            doc ? (const char *)librdf_uri_as_string(librdf_node_get_uri(doc)) : "",
            literal_of(n), literal_of(at));
    librdf_free_node(doc);
    librdf_free_node(n);
    librdf_free_node(at);
  }
  if (r)
    librdf_free_query_results(r);
  if (q)
    librdf_free_query(q);
  return rc;
}

/* A graph result (CONSTRUCT, DESCRIBE) as N-Triples. */
static int write_graph(tkgp_store *st, librdf_query_results *r, FILE *out)
{
  librdf_stream *stream = librdf_query_results_as_stream(r);
  librdf_serializer *ser = librdf_new_serializer(st->rdf, "ntriples", NULL, NULL);
  int rc = stream && ser &&
                   librdf_serializer_serialize_stream_to_file_handle(ser, out, NULL, stream) == 0
               ? 0
               : TKG_EIO;
  if (ser)
    librdf_free_serializer(ser);
  if (stream)
    librdf_free_stream(stream);
  return rc;
}

/* A binding as a person reads it: an IRI bare, a literal its text, a
 * blank node _:id. */
static char *cell(librdf_node *n)
{
  if (!n)
    return strdup("");
  if (librdf_node_is_resource(n))
    return strdup((const char *)librdf_uri_as_string(librdf_node_get_uri(n)));
  if (librdf_node_is_literal(n))
    return strdup((const char *)librdf_node_get_literal_value(n));
  return strdup((const char *)librdf_node_get_blank_identifier(n));
}

/* Columns are as wide as their widest cell, in code points. */
static size_t width(const char *s)
{
  size_t w = 0;
  for (; *s; s++)
    w += ((unsigned char)*s & 0xC0) != 0x80;
  return w;
}

static void put_row(FILE *out, char *const *cells, const size_t *widths, int n)
{
  for (int i = 0; i < n; i++) {
    fputs(i ? " | " : "", out);
    fputs(cells[i], out);
    for (size_t w = width(cells[i]); i + 1 < n && w < widths[i]; w++)
      fputc(' ', out);
  }
  fputc('\n', out);
}

/* The cells of every row of R, N a row, into *CELLS; the widths of the columns. */
static int gather_rows(librdf_query_results *r, int n, size_t *widths, char ***cells,
                       size_t *n_rows)
{
  size_t cap = 0;
  *cells = NULL;
  *n_rows = 0;
  for (; !librdf_query_results_finished(r); librdf_query_results_next(r)) {
    if ((*n_rows + 1) * (size_t)n > cap) {
      size_t want = cap ? 2 * cap : 64 * (size_t)n + 1;
      char **p = realloc(*cells, want * sizeof *p);
      if (!p)
        return TKG_ENOMEM;
      *cells = p;
      cap = want;
    }
    for (int i = 0; i < n; i++) {
      librdf_node *v = librdf_query_results_get_binding_value(r, i);
      char *c = cell(v);
      if (v)
        librdf_free_node(v);
      if (!c && !(c = strdup("")))
        return TKG_ENOMEM;
      (*cells)[*n_rows * (size_t)n + (size_t)i] = c;
      if (width(c) > widths[i])
        widths[i] = width(c);
    }
    (*n_rows)++;
  }
  return 0;
}

/* SELECT results as an aligned table, a rule under the header. */
static int write_table(librdf_query_results *r, FILE *out)
{
  int n = librdf_query_results_get_bindings_count(r);
  size_t n_rows = 0, *widths = calloc((size_t)n + 1, sizeof *widths);
  char **cells = NULL, **head = calloc((size_t)n + 1, sizeof *head);
  int rc = widths && head ? 0 : TKG_ENOMEM;

  for (int i = 0; rc == 0 && i < n; i++) {
    head[i] = (char *)librdf_query_results_get_binding_name(r, i);
    widths[i] = width(head[i]);
  }
  if (rc == 0)
    rc = gather_rows(r, n, widths, &cells, &n_rows);
  if (rc == 0) {
    put_row(out, head, widths, n);
    for (int i = 0; i < n; i++)
      for (size_t w = 0; w < widths[i] + (i ? 2 : 0) + (i + 1 < n ? 1 : 0); w++)
        fputs("\xe2\x94\x80", out);
    fputc('\n', out);
    for (size_t k = 0; k < n_rows; k++)
      put_row(out, cells + k * (size_t)n, widths, n);
    fprintf(out, "(%zu row%s)\n", n_rows, n_rows == 1 ? "" : "s");
  }
  for (size_t k = 0; cells && k < n_rows * (size_t)n; k++)
    free(cells[k]);
  free(cells);
  free(widths);
  free(head);
  return rc;
}

/* Whether TEXT, past its PREFIX and BASE lines, opens as SPARQL Update
 * does: rasqal's query language refuses it with no message of its own. */
static int is_update(const char *text)
{
  static const char *const verbs[] = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE",
                                      "ADD", "MOVE", "COPY", "WITH"};
  const char *p = text;
  for (;;) {
    p += strspn(p, " \t\r\n");
    if (*p == '#' || strncasecmp(p, "PREFIX", 6) == 0 || strncasecmp(p, "BASE", 4) == 0)
      p += strcspn(p, "\n");
    else
      break;
  }
  for (size_t k = 0; k < sizeof verbs / sizeof *verbs; k++)
    if (strncasecmp(p, verbs[k], strlen(verbs[k])) == 0)
      return 1;
  return 0;
}

int tkgp_store_query(tkgp_store *st, const char *text, const char *name, const char *format,
                     FILE *out)
{
  librdf_query *q;
  librdf_query_results *r = NULL;
  int rc = 0;

  st->message[0] = '\0';
  q = librdf_new_query(st->rdf, "sparql", NULL, (const unsigned char *)text, NULL);
  if (q)
    r = librdf_model_query_execute(st->model, q);
  if (!q || !r || st->message[0]) {
    rc = tkgp_error(st->world, TKG_EDATA, "%s: %s", name,
                    st->message[0] ? st->message
                    : is_update(text) ? "an update, not a query: textkg query never changes the store"
                                      : "not a SPARQL query");
  } else if (librdf_query_results_is_graph(r)) {
    rc = write_graph(st, r, out);
  } else if (strcmp(format, "table") == 0 && librdf_query_results_is_boolean(r)) {
    fputs(librdf_query_results_get_boolean(r) > 0 ? "yes\n" : "no\n", out);
  } else if (strcmp(format, "table") == 0) {
    rc = write_table(r, out);
  } else if (librdf_query_results_to_file_handle2(r, out, format, NULL, NULL, NULL) != 0) {
    rc = tkgp_error(st->world, TKG_EIO, "%s: cannot write the results as %s%s%s", name, format,
                    st->message[0] ? ": " : "", st->message);
  }
  if (rc == TKG_EIO && !tkg_world_last_error(st->world)[0])
    rc = tkgp_error(st->world, TKG_EIO, "%s: cannot write the results", name);
  if (r)
    librdf_free_query_results(r);
  if (q)
    librdf_free_query(q);
  return rc;
}
