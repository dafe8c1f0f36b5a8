/* fuzz_pipeline.c - fuzz target: bytes to a document, a graph and every writer
 * SPDX-License-Identifier: MIT
 *
 * The input is a document's bytes, as `textkg build` reads them. Bytes
 * that are not acceptable text (bad UTF-8, NUL) must be refused with a
 * message; anything else must analyze, join a graph and be written in
 * every format. What is written must read back: Turtle, N-Triples,
 * N-Quads and RDF/XML through raptor, JSON through the project's reader,
 * DOT through libcgraph. A short input is also rendered as SVG (layout is
 * slow) and analyzed twice, to check that output is the same bytes.
 */
#include "fuzz.h"

#include "core/arena.h"
#include "core/json.h"
#include "core/world.h"

#include <graphviz/cgraph.h>
#include <raptor2.h>
#include <stdlib.h>
#include <string.h>

#define SVG_MAX 256   /* longest input also drawn as SVG */
#define TWICE_MAX 512 /* longest input analyzed a second time */

static const struct {
  const char *format, *parser; /* writer, and the raptor parser that reads it */
} formats[] = {
  {"turtle", "turtle"}, {"ntriples", "ntriples"}, {"nquads", "nquads"},
  {"rdfxml", "rdfxml"}, {"json", NULL},          {"dot", NULL},
};

/* The graph of LENGTH bytes of TEXT written as FORMAT, malloc'd; NULL when
 * the bytes are refused as text. */
static char *build(tkg_world *w, const char *text, size_t length, const char *format,
                   size_t *out_len, tkg_graph **out_graph)
{
  tkg_document *doc = NULL;
  tkg_graph *g = NULL;
  char *buf = NULL;
  FILE *f;

  if (tkg_document_new(&doc, w, "fuzz.txt", text, length) != 0) {
    TKGF_CHECK(w, tkg_world_last_error(w)[0], "text refused without a message");
    return NULL;
  }
  TKGF_CHECK(w, tkg_document_analyze(doc) == 0, "analysis failed");
  TKGF_CHECK(w, tkg_graph_new(&g, w) == 0, "no graph");
  TKGF_CHECK(w, tkg_graph_add_document(g, doc) == 0, "adding the document failed");
  tkg_document_free(doc);
  f = open_memstream(&buf, out_len);
  TKGF_CHECK(w, f != NULL, "open_memstream");
  TKGF_CHECK(w, tkg_writer_write(g, format, f) == 0, format);
  TKGF_CHECK(w, fclose(f) == 0, "fclose");
  *out_graph = g;
  return buf;
}

static void on_raptor_log(void *data, raptor_log_message *message)
{
  if (message->level >= RAPTOR_LOG_LEVEL_ERROR)
    *(int *)data = 1;
}

/* Parse LEN bytes of RDF with raptor's parser NAME: whether it reads. */
static int rdf_reads(tkg_world *w, const char *name, const char *buf, size_t len)
{
  raptor_parser *p = raptor_new_parser(w->raptor, name);
  raptor_uri *base = raptor_new_uri(w->raptor, (const unsigned char *)"file:///fuzz.txt");
  int failed = 0;

  TKGF_CHECK(w, p && base, "raptor parser");
  raptor_world_set_log_handler(w->raptor, &failed, on_raptor_log);
  if (raptor_parser_parse_start(p, base) != 0 ||
      raptor_parser_parse_chunk(p, (const unsigned char *)buf, len, 1) != 0)
    failed = 1;
  raptor_world_set_log_handler(w->raptor, NULL, NULL);
  raptor_free_parser(p);
  raptor_free_uri(base);
  return !failed;
}

static int json_reads(const char *buf, size_t len)
{
  tkgp_arena arena;
  tkgp_json_reader r;
  int ok;

  tkgp_arena_init(&arena, 0);
  tkgp_json_reader_init(&r, buf, len, &arena);
  ok = tkgp_json_next(&r) != NULL && tkgp_json_at_end(&r);
  tkgp_arena_finish(&arena);
  return ok;
}

static int dot_reads(const char *buf)
{
  Agraph_t *g = agmemread(buf);
  if (!g)
    return 0;
  agclose(g);
  return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  tkg_world *w = tkgf_world();
  const char *text = (const char *)data;
  char *first = NULL, *buf;
  size_t first_len = 0, len;
  tkg_graph *g = NULL;

  first = build(w, text, size, "turtle", &first_len, &g);
  if (!first)
    return 0;
  for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
    FILE *f = open_memstream(&buf, &len);
    TKGF_CHECK(w, f != NULL, "open_memstream");
    TKGF_CHECK(w, tkg_writer_write(g, formats[i].format, f) == 0, formats[i].format);
    TKGF_CHECK(w, fclose(f) == 0, "fclose");
    if (i == 0)
      TKGF_CHECK(w, len == first_len && memcmp(buf, first, len) == 0,
                 "the same graph written twice differs");
    if (formats[i].parser && !rdf_reads(w, formats[i].parser, buf, len)) {
      fprintf(stderr, "%.*s\n", (int)len, buf);
      tkgf_fail(w, formats[i].format);
    }
    if (!strcmp(formats[i].format, "json"))
      TKGF_CHECK(w, json_reads(buf, len), "JSON written does not read back");
    if (!strcmp(formats[i].format, "dot"))
      TKGF_CHECK(w, dot_reads(buf), "DOT written does not read back");
    free(buf);
  }
  if (size <= SVG_MAX)
    TKGF_CHECK(w, tkg_writer_write(g, "svg", tkgf_null()) == 0, "svg");
  tkg_graph_free(g);

  if (size <= TWICE_MAX) {
    buf = build(w, text, size, "turtle", &len, &g);
    TKGF_CHECK(w, buf && len == first_len && memcmp(buf, first, len) == 0,
               "the same text analyzed twice gives different Turtle");
    free(buf);
    tkg_graph_free(g);
  }
  free(first);
  return 0;
}
