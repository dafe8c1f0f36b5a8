/* test_writers.c - unit tests for the output formats and their escaping
 * SPDX-License-Identifier: MIT
 */
#include "testutil.h"

#include <cgraph.h>
#include <raptor2.h>
#include <time.h>

#include "core/world.h"
#include "graph/graph.h"
#include "lexicon/lexicon.h"

#define BASE "https://example.org/textkg/"
#define DOC BASE "doc/news"
#define RDF TKGP_NS_RDF
#define RDFS TKGP_NS_RDFS
#define TKG TKGP_NS_TKG
#define NIF TKGP_NS_NIF
#define XSD TKGP_NS_XSD

static const char *const formats[] = {
  "turtle", "ntriples", "nquads", "rdfxml", "json", "dot", "svg", "png", "pdf",
};
#define N_FORMATS (sizeof formats / sizeof *formats)

/* The RDF formats and the raptor parser that reads each back. */
static const struct {
  const char *format, *parser;
} rdf_formats[] = {
  {"turtle", "turtle"}, {"ntriples", "ntriples"}, {"nquads", "nquads"},
  {"rdfxml", "rdfxml"}, {"json", "json"},
};
#define N_RDF (sizeof rdf_formats / sizeof *rdf_formats)

static const char news[] =
  "US Secretary of State Jane Roe met Ukraine's foreign minister, Jan Kowalczyk, "
  "in Warsaw.\nThey spoke for an hour.\nLater US Secretary of State Jane Roe left.";

/* Text that needs escaping in every syntax, and a name with non-ASCII
 * letters after a title. */
static const char tricky[] =
  "Swedish Foreign Minister Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m said \"no deal\" & left.\n"
  "The file held \"quoted \\ back<slash>\" text & <b>tags</b>; Ukraine agreed.\n"
  "\tA tab, a 'single' quote, \xE2\x80\x9C" "curly\xE2\x80\x9D quotes, caf\xC3\xA9.";

/* Labels put on entities by hand, to test what a writer does with them. */
static const char weird_label[] =
  "Zo\xC3\xAB \"Z\" \xC3\x85ng\\str\xC3\xB6m <b> of AT&T, 'x'\nline two \"]; node [label=x]; "
  "y -> z [label=\"50% #1?";
static const char backslash_label[] = "Back\\slash\\";

/* ---- helpers ----------------------------------------------------------- */

typedef struct output {
  char *data; /* NUL-terminated */
  size_t length;
} output;

static output write_format(const tkg_graph *g, const char *format)
{
  output o = {NULL, 0};
  FILE *fp = open_memstream(&o.data, &o.length);
  int rc;
  assert_non_null(fp);
  rc = tkg_writer_write(g, format, fp);
  assert_int_equal(fclose(fp), 0);
  if (rc != 0)
    fail_msg("writing %s: %d %s", format, rc, tkg_world_last_error(g->world));
  return o;
}

static tkg_graph *make_graph(tkg_world **w, const char *text)
{
  *w = test_world();
  return test_graph(*w, "news.txt", text);
}

static tkgp_gentity *entity(const tkg_graph *g, const char *iri)
{
  size_t i;
  for (i = 0; i < g->n_entities; i++)
    if (strcmp(g->entities[i].iri, iri) == 0)
      return &g->entities[i];
  fail_msg("no entity %s", iri);
  return NULL;
}

/* Triples read back from a serialization. */
typedef struct triple {
  char *s, *p, *o, *graph;
  char *language, *datatype;
  int literal;
} triple;

typedef struct triples {
  triple *items;
  size_t n, cap;
  int errors;
  char first_error[256];
} triples;

static char *term_copy(raptor_term *t)
{
  char *s;
  if (!t)
    return NULL;
  switch (t->type) {
  case RAPTOR_TERM_TYPE_URI:
    return strdup((const char *)raptor_uri_as_string(t->value.uri));
  case RAPTOR_TERM_TYPE_LITERAL:
    s = malloc(t->value.literal.string_len + 1);
    memcpy(s, t->value.literal.string, t->value.literal.string_len);
    s[t->value.literal.string_len] = '\0';
    return s;
  case RAPTOR_TERM_TYPE_BLANK:
    s = malloc(t->value.blank.string_len + 3);
    memcpy(s, "_:", 2);
    memcpy(s + 2, t->value.blank.string, t->value.blank.string_len);
    s[t->value.blank.string_len + 2] = '\0';
    return s;
  default:
    return NULL;
  }
}

static void on_triple(void *data, raptor_statement *st)
{
  triples *ts = data;
  triple *t;
  if (ts->n == ts->cap) {
    ts->cap = ts->cap ? ts->cap * 2 : 64;
    ts->items = realloc(ts->items, ts->cap * sizeof *ts->items);
    assert_non_null(ts->items);
  }
  t = &ts->items[ts->n++];
  memset(t, 0, sizeof *t);
  t->s = term_copy(st->subject);
  t->p = term_copy(st->predicate);
  t->o = term_copy(st->object);
  t->graph = term_copy(st->graph);
  t->literal = st->object->type == RAPTOR_TERM_TYPE_LITERAL;
  if (t->literal && st->object->value.literal.language)
    t->language = strdup((const char *)st->object->value.literal.language);
  if (t->literal && st->object->value.literal.datatype)
    t->datatype = strdup((const char *)raptor_uri_as_string(st->object->value.literal.datatype));
}

static void on_parse_log(void *data, raptor_log_message *m)
{
  triples *ts = data;
  if (m->level < RAPTOR_LOG_LEVEL_WARN)
    return;
  if (!ts->errors++)
    snprintf(ts->first_error, sizeof ts->first_error, "line %d: %s",
             m->locator ? m->locator->line : -1, m->text);
}

/* Parse O as SYNTAX; fails the test on any parse error or warning. */
static triples parse(const output *o, const char *syntax)
{
  triples ts;
  raptor_world *rw = raptor_new_world();
  raptor_parser *parser;
  raptor_uri *base;

  memset(&ts, 0, sizeof ts);
  assert_non_null(rw);
  assert_int_equal(raptor_world_open(rw), 0);
  raptor_world_set_log_handler(rw, &ts, on_parse_log);
  parser = raptor_new_parser(rw, syntax);
  assert_non_null(parser);
  base = raptor_new_uri(rw, (const unsigned char *)"http://invalid.example/base");
  raptor_parser_set_statement_handler(parser, &ts, on_triple);
  assert_int_equal(raptor_parser_parse_start(parser, base), 0);
  assert_int_equal(raptor_parser_parse_chunk(parser, (const unsigned char *)o->data,
                                             o->length, 1), 0);
  raptor_free_uri(base);
  raptor_free_parser(parser);
  raptor_free_world(rw);
  if (ts.errors)
    fail_msg("%s output does not parse: %s", syntax, ts.first_error);
  assert_true(ts.n > 0);
  return ts;
}

static void triples_free(triples *ts)
{
  size_t i;
  for (i = 0; i < ts->n; i++) {
    free(ts->items[i].s);
    free(ts->items[i].p);
    free(ts->items[i].o);
    free(ts->items[i].graph);
    free(ts->items[i].language);
    free(ts->items[i].datatype);
  }
  free(ts->items);
}

/* How many triples S P O there are (NULL matches anything). */
static size_t count(const triples *ts, const char *s, const char *p, const char *o)
{
  size_t i, n = 0;
  for (i = 0; i < ts->n; i++)
    n += (!s || strcmp(ts->items[i].s, s) == 0) && (!p || strcmp(ts->items[i].p, p) == 0) &&
         (!o || strcmp(ts->items[i].o, o) == 0);
  return n;
}

/* The one object of S P; fails when there is not exactly one. */
static const triple *one(const triples *ts, const char *s, const char *p)
{
  size_t i;
  const triple *found = NULL;
  for (i = 0; i < ts->n; i++)
    if (strcmp(ts->items[i].s, s) == 0 && strcmp(ts->items[i].p, p) == 0) {
      if (found)
        fail_msg("more than one %s %s", s, p);
      found = &ts->items[i];
    }
  if (!found)
    fail_msg("no %s %s", s, p);
  return found;
}

static void expect_literal(const triples *ts, const char *s, const char *p, const char *value,
                           const char *datatype, const char *language)
{
  const triple *t = one(ts, s, p);
  assert_true(t->literal);
  if (strcmp(t->o, value) != 0)
    fail_msg("%s %s: \"%s\", expected \"%s\"", s, p, t->o, value);
  if (datatype) {
    assert_non_null(t->datatype);
    assert_string_equal(t->datatype, datatype);
  }
  if (language) {
    assert_non_null(t->language);
    assert_string_equal(t->language, language);
  } else {
    assert_null(t->language);
  }
}

/* The IRI of graph string S as the writers mint it. */
static void string_iri(const tkg_graph *g, const tkgp_gstring *s, char *buf, size_t size)
{
  snprintf(buf, size, "%s#char=%zu,%zu", g->docs[s->doc].iri, s->begin, s->end);
}

/* Every text literal of G survives a trip through FORMAT. */
static void expect_round_trip(const tkg_graph *g, const char *format, const char *parser)
{
  output o = write_format(g, format);
  triples ts = parse(&o, parser);
  size_t i;
  char iri[512];

  for (i = 0; i < g->n_docs; i++)
    expect_literal(&ts, g->docs[i].iri, NIF "isString", g->docs[i].text, NULL, NULL);
  for (i = 0; i < g->n_strings; i++) {
    string_iri(g, &g->strings[i], iri, sizeof iri);
    expect_literal(&ts, iri, NIF "anchorOf", g->strings[i].anchor, NULL, NULL);
  }
  for (i = 0; i < g->n_entities; i++)
    expect_literal(&ts, g->entities[i].iri, RDFS "label", g->entities[i].label, NULL, "en");
  triples_free(&ts);
  free(o.data);
}

/* A minimal XML well-formedness check: tags balance, attribute values are
 * quoted and hold no '<', every '&' starts a reference, and no raw '<'
 * stands in text. Returns NULL or what is wrong. */
static const char *xml_problem(const char *x)
{
  static char why[200];
  const char *stack[64];
  size_t stack_len[64], depth = 0;
  const char *p = x;

  while (*p) {
    if (*p == '&') {
      const char *semi = strchr(p, ';');
      if (!semi || semi - p > 10 ||
          !(strncmp(p, "&amp;", 5) == 0 || strncmp(p, "&lt;", 4) == 0 ||
            strncmp(p, "&gt;", 4) == 0 || strncmp(p, "&quot;", 6) == 0 ||
            strncmp(p, "&apos;", 6) == 0 || p[1] == '#')) {
        snprintf(why, sizeof why, "bare '&' at byte %zu", (size_t)(p - x));
        return why;
      }
      p++;
    } else if (*p == '<') {
      if (strncmp(p, "<?", 2) == 0) {
        p = strstr(p, "?>");
        if (!p)
          return "unterminated <?";
        p += 2;
      } else if (strncmp(p, "<!--", 4) == 0) {
        p = strstr(p + 4, "-->");
        if (!p)
          return "unterminated comment";
        p += 3;
      } else if (strncmp(p, "<!DOCTYPE", 9) == 0) {
        p = strchr(p, '>');
        if (!p)
          return "unterminated DOCTYPE";
        p++;
      } else if (p[1] == '/') {
        const char *name = p + 2;
        size_t n = strcspn(name, " \t\n>");
        if (!depth || stack_len[depth - 1] != n || strncmp(stack[depth - 1], name, n) != 0) {
          snprintf(why, sizeof why, "unbalanced </%.*s> at byte %zu", (int)n, name,
                   (size_t)(p - x));
          return why;
        }
        depth--;
        p = strchr(p, '>');
        if (!p)
          return "unterminated end tag";
        p++;
      } else {
        const char *name = p + 1;
        size_t n = strcspn(name, " \t\n/>");
        if (!((*name >= 'a' && *name <= 'z') || (*name >= 'A' && *name <= 'Z'))) {
          snprintf(why, sizeof why, "raw '<' in text at byte %zu", (size_t)(p - x));
          return why;
        }
        p = name + n;
        /* Attributes up to '>' or '/>'. */
        for (;;) {
          while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
          if (*p == '>' || (p[0] == '/' && p[1] == '>'))
            break;
          p += strcspn(p, "= \t\n>");
          if (*p != '=')
            return "attribute without value";
          p++;
          if (*p != '"' && *p != '\'')
            return "unquoted attribute value";
          {
            char q = *p++;
            const char *end = strchr(p, q);
            const char *lt = strchr(p, '<');
            if (!end)
              return "unterminated attribute value";
            if (lt && lt < end) {
              snprintf(why, sizeof why, "'<' in an attribute value at byte %zu",
                       (size_t)(lt - x));
              return why;
            }
            p = end + 1;
          }
        }
        if (*p == '>') {
          if (depth == 64)
            return "too deep";
          stack[depth] = name;
          stack_len[depth++] = n;
          p++;
        } else {
          p += 2;
        }
      }
    } else {
      p++;
    }
  }
  return depth ? "unclosed element" : NULL;
}

/* ---- every format ------------------------------------------------------- */

static void test_every_format(void **state)
{
  tkg_world *w;
  tkg_graph *g = make_graph(&w, news);
  size_t i;
  (void)state;

  for (i = 0; i < N_FORMATS; i++) {
    output o = write_format(g, formats[i]);
    if (o.length < 100)
      fail_msg("%s: only %zu bytes", formats[i], o.length);
    if (strcmp(formats[i], "png") == 0)
      assert_memory_equal(o.data, "\x89PNG\r\n\x1a\n", 8);
    else if (strcmp(formats[i], "pdf") == 0)
      assert_memory_equal(o.data, "%PDF-", 5);
    else if (strcmp(formats[i], "svg") == 0) {
      assert_memory_equal(o.data, "<?xml", 5);
      assert_non_null(strstr(o.data, "<svg"));
      assert_non_null(strstr(o.data, "</svg>"));
      assert_null(xml_problem(o.data));
    } else if (strcmp(formats[i], "dot") == 0) {
      assert_memory_equal(o.data, "digraph textkg {", 16);
    } else {
      /* Text formats hold no NUL byte. */
      assert_int_equal(strlen(o.data), o.length);
    }
    free(o.data);
  }
  tkg_graph_free(g);
  tkg_world_free(w);
}

static void test_writer_table(void **state)
{
  size_t i;
  (void)state;
  for (i = 0; i < N_FORMATS; i++) {
    assert_true(tkg_writer_exists(formats[i]));
    assert_non_null(tkg_writer_extension(formats[i]));
  }
  assert_string_equal(tkg_writer_extension("turtle"), "ttl");
  assert_string_equal(tkg_writer_extension("ntriples"), "nt");
  assert_string_equal(tkg_writer_extension("rdfxml"), "rdf");
  assert_string_equal(tkg_writer_extension("png"), "png");
  assert_false(tkg_writer_exists("yaml"));
  assert_false(tkg_writer_exists(""));
  assert_false(tkg_writer_exists("Turtle"));
  assert_null(tkg_writer_extension("yaml"));
}

static void test_unknown_format(void **state)
{
  tkg_world *w;
  tkg_graph *g = make_graph(&w, news);
  char *buf = NULL;
  size_t len = 0;
  FILE *fp;
  (void)state;

  fp = open_memstream(&buf, &len);
  assert_non_null(fp);
  assert_int_equal(tkg_writer_write(g, "yaml", fp), TKG_ENOTFOUND);
  assert_int_equal(tkg_writer_write(g, "", fp), TKG_ENOTFOUND);
  assert_int_equal(tkg_writer_write(g, "TURTLE", fp), TKG_ENOTFOUND);
  assert_non_null(strstr(tkg_world_last_error(w), "TURTLE"));
  fclose(fp);
  assert_int_equal(len, 0);
  free(buf);
  tkg_graph_free(g);
  tkg_world_free(w);
}

static void test_empty_graph(void **state)
{
  tkg_world *w = test_world();
  tkg_graph *g = NULL;
  size_t i;
  (void)state;

  assert_int_equal(tkg_graph_new(&g, w), 0);
  for (i = 0; i < N_FORMATS; i++) {
    output o = write_format(g, formats[i]);
    free(o.data);
  }
  tkg_graph_free(g);
  tkg_world_free(w);
}

/* ---- RDF content ------------------------------------------------------- */

static void test_turtle_triples(void **state)
{
  tkg_world *w;
  tkg_graph *g = make_graph(&w, news);
  output o = write_format(g, "turtle");
  triples ts = parse(&o, "turtle");
  const char *jane = BASE "person/jane-roe", *us = BASE "country/united-states";
  const char *role = BASE "role/secretary-of-state/united-states";
  char iri[256];
  size_t i, rels = 0;
  (void)state;

  /* Prefixes are declared. */
  assert_non_null(strstr(o.data, "@prefix tkg: <" TKG ">"));
  assert_non_null(strstr(o.data, "@prefix nif: <" NIF ">"));

  /* The document. */
  assert_int_equal(count(&ts, DOC, RDF "type", NIF "Context"), 1);
  expect_literal(&ts, DOC, RDFS "label", "news.txt", NULL, NULL);
  expect_literal(&ts, DOC, NIF "isString", news, NULL, NULL);
  expect_literal(&ts, DOC, NIF "beginIndex", "0", XSD "nonNegativeInteger", NULL);
  snprintf(iri, sizeof iri, "%zu", strlen(news));
  expect_literal(&ts, DOC, NIF "endIndex", iri, XSD "nonNegativeInteger", NULL);

  /* Entities. */
  assert_int_equal(count(&ts, jane, RDF "type", TKGP_NS_SCHEMA "Person"), 1);
  expect_literal(&ts, jane, RDFS "label", "Jane Roe", NULL, "en");
  assert_int_equal(count(&ts, us, RDF "type", TKGP_NS_SCHEMA "Country"), 1);
  expect_literal(&ts, us, RDFS "label", "United States", NULL, "en");
  expect_literal(&ts, us, TKG "isoCode", "US", NULL, NULL);
  expect_literal(&ts, us, TKGP_NS_SKOS "altLabel", "US", NULL, "en");
  assert_int_equal(count(&ts, role, RDF "type", TKG "Role"), 1);
  assert_int_equal(count(&ts, role, TKG "roleOf", us), 1);
  assert_int_equal(count(&ts, role, TKG "title", TKGP_NS_LEX "SecretaryOfState"), 1);
  assert_int_equal(count(&ts, BASE "person/jan-kowalczyk", TKG "represents",
                         BASE "country/ukraine"), 1);

  /* Direct triples once, though the text says it twice. */
  assert_int_equal(count(&ts, jane, TKG "holdsRole", role), 1);
  assert_int_equal(count(&ts, jane, TKG "represents", us), 1);
  assert_int_equal(count(&ts, jane, TKG "represents", NULL), 1);

  /* The mention "Jane Roe" at code points 22-30. */
  snprintf(iri, sizeof iri, "%s#char=22,30", DOC);
  assert_int_equal(count(&ts, iri, RDF "type", NIF "Phrase"), 1);
  expect_literal(&ts, iri, NIF "anchorOf", "Jane Roe", NULL, NULL);
  expect_literal(&ts, iri, NIF "beginIndex", "22", XSD "nonNegativeInteger", NULL);
  expect_literal(&ts, iri, NIF "endIndex", "30", XSD "nonNegativeInteger", NULL);
  assert_int_equal(count(&ts, iri, TKGP_NS_ITSRDF "taIdentRef", jane), 1);
  assert_int_equal(count(&ts, iri, NIF "referenceContext", DOC), 1);
  assert_int_equal(count(&ts, iri, NIF "sentence", DOC "#char=0,88"), 1);
  assert_int_equal(count(&ts, DOC "#char=0,88", RDF "type", NIF "Sentence"), 1);
  /* The sentence without a mention is not described. */
  assert_int_equal(count(&ts, DOC "#char=89,112", NULL, NULL), 0);

  /* Reified statements with provenance: two per titled person. */
  for (i = 1; i <= 6; i++) {
    snprintf(iri, sizeof iri, "%s#rel-%zu", DOC, i);
    assert_int_equal(count(&ts, iri, RDF "type", RDF "Statement"), 1);
    assert_int_equal(count(&ts, iri, TKGP_NS_PROV "wasDerivedFrom", DOC), 1);
    expect_literal(&ts, iri, TKG "confidence", "0.90", XSD "decimal", NULL);
    rels += count(&ts, iri, RDF "subject", jane);
  }
  assert_int_equal(rels, 4);
  /* Statements after those of the titles come from the relation frames
   * ("met"): none of them is a title's. */
  for (i = 7; i <= 20; i++) {
    snprintf(iri, sizeof iri, "%s#rel-%zu", DOC, i);
    assert_int_equal(count(&ts, iri, RDF "predicate", TKG "holdsRole"), 0);
    assert_int_equal(count(&ts, iri, RDF "predicate", TKG "represents"), 0);
  }
  assert_int_equal(count(&ts, DOC "#rel-1", RDF "predicate", TKG "holdsRole"), 1);
  assert_int_equal(count(&ts, DOC "#rel-1", RDF "object", role), 1);
  assert_int_equal(count(&ts, DOC "#rel-2", RDF "predicate", TKG "represents"), 1);
  assert_int_equal(count(&ts, DOC "#rel-2", TKG "evidence", DOC "#char=0,88"), 1);
  triples_free(&ts);
  free(o.data);
  tkg_graph_free(g);
  tkg_world_free(w);
}

/* All RDF syntaxes carry the same triples; N-Quads names the graphs. */
static void test_rdf_formats_agree(void **state)
{
  tkg_world *w;
  tkg_graph *g = make_graph(&w, news);
  output o = write_format(g, "ntriples");
  triples nt = parse(&o, "ntriples");
  size_t i, k;
  (void)state;

  free(o.data);
  for (i = 0; i < N_RDF; i++) {
    triples ts;
    o = write_format(g, rdf_formats[i].format);
    ts = parse(&o, rdf_formats[i].parser);
    if (ts.n != nt.n)
      fail_msg("%s has %zu triples, N-Triples %zu", rdf_formats[i].format, ts.n, nt.n);
    for (k = 0; k < nt.n; k++)
      if (!count(&ts, nt.items[k].s, nt.items[k].p, nt.items[k].o))
        fail_msg("%s lacks %s %s %s", rdf_formats[i].format, nt.items[k].s, nt.items[k].p,
                 nt.items[k].o);
    if (strcmp(rdf_formats[i].format, "nquads") == 0) {
      /* Document triples in the document's graph; entities in the default. */
      for (k = 0; k < ts.n; k++) {
        const triple *t = &ts.items[k];
        if (strncmp(t->s, DOC, strlen(DOC)) == 0) {
          assert_non_null(t->graph);
          assert_string_equal(t->graph, DOC);
        } else {
          assert_null(t->graph);
        }
      }
    }
    triples_free(&ts);
    free(o.data);
  }
  triples_free(&nt);
  tkg_graph_free(g);
  tkg_world_free(w);
}

/* ---- escaping ---------------------------------------------------------- */

static void test_escaping_rdf(void **state)
{
  tkg_world *w;
  tkg_graph *g = make_graph(&w, tricky);
  const char *zoe = BASE "person/zo\xC3\xAB-\xC3\xA5ngstr\xC3\xB6m";
  size_t i;
  (void)state;

  /* The name was found, and its anchor is the input's. */
  assert_string_equal(entity(g, zoe)->label, "Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m");
  for (i = 0; i < N_RDF; i++)
    expect_round_trip(g, rdf_formats[i].format, rdf_formats[i].parser);

  /* Labels holding quotes, backslashes, markup and line breaks. */
  entity(g, zoe)->label = weird_label;
  entity(g, BASE "country/ukraine")->label = backslash_label;
  for (i = 0; i < N_RDF; i++)
    expect_round_trip(g, rdf_formats[i].format, rdf_formats[i].parser);
  tkg_graph_free(g);
  tkg_world_free(w);
}

/* The DOT label text a writer makes of NAME: a backslash doubled, a line
 * break a space. */
static void dot_label_text(char *out, const char *name)
{
  for (; *name; name++) {
    if (*name == '\\') {
      *out++ = '\\';
      *out++ = '\\';
    } else {
      *out++ = *name == '\n' ? ' ' : *name;
    }
  }
  *out = '\0';
}

static void test_escaping_dot(void **state)
{
  tkg_world *w;
  tkg_graph *g = make_graph(&w, tricky);
  const char *zoe = BASE "person/zo\xC3\xAB-\xC3\xA5ngstr\xC3\xB6m";
  output o;
  Agraph_t *ag;
  Agnode_t *n;
  char expect[256];
  (void)state;

  entity(g, zoe)->label = weird_label;
  entity(g, BASE "country/ukraine")->label = backslash_label;
  o = write_format(g, "dot");
  ag = agmemread(o.data);
  if (!ag)
    fail_msg("DOT output does not parse:\n%s", o.data);

  n = agnode(ag, (char *)zoe, 0);
  assert_non_null(n);
  dot_label_text(expect, weird_label);
  strcat(expect, "\\nForeign Minister, Sweden");
  assert_string_equal(agget(n, "label"), expect);
  assert_string_equal(agget(n, "shape"), "ellipse");

  n = agnode(ag, BASE "country/ukraine", 0);
  assert_non_null(n);
  assert_string_equal(agget(n, "label"), "Back\\\\slash\\\\");
  n = agnode(ag, BASE "country/sweden", 0);
  assert_non_null(n);
  assert_string_equal(agget(n, "label"), "Sweden");

  /* One edge: Zoë represents Sweden. Roles are not nodes. */
  assert_int_equal(agnedges(ag), 1);
  assert_null(agnode(ag, BASE "role/foreign-minister/sweden", 0));
  assert_non_null(agedge(ag, agnode(ag, (char *)zoe, 0), agnode(ag, BASE "country/sweden", 0),
                         NULL, 0));
  /* Sweden, Ukraine, Zoë and two legend entries. */
  assert_int_equal(agnnodes(ag), 5);
  agclose(ag);
  free(o.data);
  tkg_graph_free(g);
  tkg_world_free(w);
}

static void test_escaping_svg(void **state)
{
  tkg_world *w;
  tkg_graph *g = make_graph(&w, tricky);
  const char *zoe = BASE "person/zo\xC3\xAB-\xC3\xA5ngstr\xC3\xB6m";
  output o;
  const char *problem;
  (void)state;

  entity(g, zoe)->label = weird_label;
  entity(g, BASE "country/ukraine")->label = backslash_label;
  o = write_format(g, "svg");
  problem = xml_problem(o.data);
  if (problem)
    fail_msg("SVG is not well-formed: %s", problem);
  /* The label's markup is escaped, its letters kept. */
  assert_non_null(strstr(o.data, "AT&amp;T"));
  assert_non_null(strstr(o.data, "&lt;b&gt;"));
  assert_non_null(strstr(o.data, "&quot;Z&quot;"));
  assert_null(strstr(o.data, "<b>"));
  assert_non_null(strstr(o.data, "Zo\xC3\xAB"));
  assert_non_null(strstr(o.data, "Back\\slash\\"));
  free(o.data);
  tkg_graph_free(g);
  tkg_world_free(w);
}

/* ---- determinism ------------------------------------------------------- */

static void test_deterministic(void **state)
{
  tkg_world *w, *w2;
  tkg_graph *g = make_graph(&w, news);
  tkg_graph *g2 = make_graph(&w2, news);
  output first[N_FORMATS];
  size_t i;
  struct timespec pause = {1, 100000000};
  (void)state;

  for (i = 0; i < N_FORMATS; i++)
    first[i] = write_format(g, formats[i]);
  /* Past the next second, so that a timestamp would show. */
  nanosleep(&pause, NULL);
  for (i = 0; i < N_FORMATS; i++) {
    output again = write_format(g, formats[i]);
    output other = write_format(g2, formats[i]);
    if (again.length != first[i].length || memcmp(again.data, first[i].data, again.length))
      fail_msg("%s: two writes of one graph differ", formats[i]);
    if (other.length != first[i].length || memcmp(other.data, first[i].data, other.length))
      fail_msg("%s: two graphs of one text differ", formats[i]);
    free(again.data);
    free(other.data);
    free(first[i].data);
  }
  tkg_graph_free(g);
  tkg_graph_free(g2);
  tkg_world_free(w);
  tkg_world_free(w2);
}

/* Under ASan, unwind each allocation through graphviz and raptor, which
 * are built without frame pointers, so that the leaks of theirs listed in
 * tests/lsan.supp are known by name (this test renders and parses many
 * graphs in one process). Unused in other builds. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
  return "fast_unwind_on_malloc=0";
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_every_format),
    cmocka_unit_test(test_writer_table),
    cmocka_unit_test(test_unknown_format),
    cmocka_unit_test(test_empty_graph),
    cmocka_unit_test(test_turtle_triples),
    cmocka_unit_test(test_rdf_formats_agree),
    cmocka_unit_test(test_escaping_rdf),
    cmocka_unit_test(test_escaping_dot),
    cmocka_unit_test(test_escaping_svg),
    cmocka_unit_test(test_deterministic),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
