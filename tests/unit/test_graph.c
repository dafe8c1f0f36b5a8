/* test_graph.c - unit tests for IRI minting, entity merging and NIF offsets
 * SPDX-License-Identifier: MIT
 */
#include "testutil.h"

#include "core/strbuf.h"
#include "core/world.h"
#include "graph/graph.h"
#include "graph/iri.h"

#define BASE "https://example.org/textkg/"

/* ---- helpers ----------------------------------------------------------- */

static void expect_slug(const char *name, const char *slug)
{
  tkgp_strbuf sb;
  tkgp_strbuf_init(&sb);
  assert_int_equal(tkgp_iri_append_slug(&sb, name), 0);
  if (strcmp(sb.data, slug) != 0)
    fail_msg("slug of \"%s\" is \"%s\", expected \"%s\"", name, sb.data, slug);
  tkgp_strbuf_finish(&sb);
}

/* The entity with IRI, or NULL. */
static const tkgp_gentity *find_entity(const tkg_graph *g, const char *iri)
{
  size_t i;
  for (i = 0; i < g->n_entities; i++)
    if (strcmp(g->entities[i].iri, iri) == 0)
      return &g->entities[i];
  return NULL;
}

static size_t count_iri(const tkg_graph *g, const char *iri)
{
  size_t i, n = 0;
  for (i = 0; i < g->n_entities; i++)
    n += strcmp(g->entities[i].iri, iri) == 0;
  return n;
}

/* The mention string naming ENTITY_IRI in document DOC, the K-th one. */
static const tkgp_gstring *find_mention(const tkg_graph *g, size_t doc,
                                        const char *entity_iri, size_t k)
{
  size_t i;
  for (i = 0; i < g->n_strings; i++) {
    const tkgp_gstring *s = &g->strings[i];
    if (s->doc == doc && s->entity != TKGP_NONE &&
        strcmp(g->entities[s->entity].iri, entity_iri) == 0 && k-- == 0)
      return s;
  }
  fail_msg("no mention %zu of %s", k, entity_iri);
  return NULL;
}

/* Code point offset of byte offset BYTE in UTF-8 TEXT. */
static size_t cp_at(const char *text, size_t byte)
{
  size_t i, n = 0;
  for (i = 0; i < byte; i++)
    n += ((unsigned char)text[i] & 0xC0) != 0x80;
  return n;
}

/* Check that the mention of ENTITY_IRI starts where NEEDLE first occurs
 * in INPUT, counted in code points of INPUT, and that its anchor is
 * NEEDLE exactly (the input's bytes, not a normalized form). */
static void expect_offsets(const tkg_graph *g, const char *input, const char *entity_iri,
                           const char *needle)
{
  const tkgp_gstring *s = find_mention(g, 0, entity_iri, 0);
  const char *at = strstr(input, needle);
  size_t begin, end;

  assert_non_null(at);
  begin = cp_at(input, (size_t)(at - input));
  end = cp_at(input, (size_t)(at - input) + strlen(needle));
  if (s->begin != begin || s->end != end)
    fail_msg("%s: offsets %zu,%zu, expected %zu,%zu", needle, s->begin, s->end, begin, end);
  assert_string_equal(s->anchor, needle);
  /* The sentence holding it covers it. */
  assert_true(s->sentence != TKGP_NONE);
  assert_true(g->strings[s->sentence].begin <= s->begin);
  assert_true(g->strings[s->sentence].end >= s->end);
  assert_int_equal(g->strings[s->sentence].entity, TKGP_NONE);
}

/* Every string's anchor is the input between its code point offsets. */
static void expect_anchors_consistent(const tkg_graph *g)
{
  size_t i;
  for (i = 0; i < g->n_strings; i++) {
    const tkgp_gstring *s = &g->strings[i];
    const char *text = g->docs[s->doc].text, *p = text, *q;
    size_t cp = 0;
    assert_true(s->begin < s->end);
    assert_true(s->end <= g->docs[s->doc].codepoints);
    while (*p && cp < s->begin)
      cp += ((unsigned char)*++p & 0xC0) != 0x80;
    q = p;
    while (*q && cp < s->end)
      cp += ((unsigned char)*++q & 0xC0) != 0x80;
    assert_int_equal(strlen(s->anchor), (size_t)(q - p));
    assert_memory_equal(s->anchor, p, (size_t)(q - p));
  }
}

/* ---- slugs ------------------------------------------------------------- */

static void test_slugs(void **state)
{
  (void)state;
  expect_slug("Ukraine", "ukraine");
  expect_slug("Saudi Arabia", "saudi-arabia");
  expect_slug("C\xC3\xB4te d'Ivoire", "c\xC3\xB4te-divoire");
  expect_slug("U.S.", "us");
  expect_slug("O\xE2\x80\x99" "Brien", "obrien");
  expect_slug("", "x");
  expect_slug("...", "x");
  expect_slug(" -- ", "x");
  expect_slug("  Jane   Roe  ", "jane-roe");
  expect_slug("Guinea-Bissau", "guinea-bissau");
  expect_slug("Secretary of State", "secretary-of-state");
  expect_slug("Agent 007", "agent-007");
  /* Non-ASCII letters are kept and lowercased. */
  expect_slug("\xC3\x89LYS\xC3\x89" "E", "\xC3\xA9lys\xC3\xA9" "e");
  expect_slug("Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m", "zo\xC3\xAB-\xC3\xA5ngstr\xC3\xB6m");
  expect_slug("\xCE\x95\xCE\xBB\xCE\xBB\xCE\xAC\xCE\xB4\xCE\xB1", /* Ελλάδα */
              "\xCE\xB5\xCE\xBB\xCE\xBB\xCE\xAC\xCE\xB4\xCE\xB1");
  expect_slug("\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2", "\xD0\xBA\xD0\xB8\xD1\x97\xD0\xB2"); /* Київ */
  /* Symbols and IRI delimiters become '-'. */
  expect_slug("A&B <C> \"D\" #E/F?G", "a-b-c-d-e-f-g");
  /* A combining mark stays with its letter, but does not start a slug. */
  expect_slug("Cafe\xCC\x81 Noir", "cafe\xCC\x81-noir");
  expect_slug("\xCC\x81" "abc", "abc");
}

static void test_slug_appends(void **state)
{
  tkgp_strbuf sb;
  (void)state;
  tkgp_strbuf_init(&sb);
  tkgp_strbuf_puts(&sb, "country/");
  assert_int_equal(tkgp_iri_append_slug(&sb, "!"), 0);
  assert_string_equal(sb.data, "country/x");
  tkgp_strbuf_puts(&sb, "/");
  assert_int_equal(tkgp_iri_append_slug(&sb, "-New Zealand-"), 0);
  assert_string_equal(sb.data, "country/x/new-zealand");
  tkgp_strbuf_finish(&sb);
}

/* ---- entities and documents -------------------------------------------- */

static void test_entity_iris(void **state)
{
  tkg_world *w = test_world();
  tkg_graph *g = test_graph(w, "a.txt",
                            "US Secretary of State Jane Roe met reporters. "
                            "Ukraine's foreign minister, Jan Kowalczyk, spoke.");
  const tkgp_gentity *e;
  (void)state;

  e = find_entity(g, BASE "person/jane-roe");
  assert_non_null(e);
  assert_int_equal(e->cls, TKGP_CLASS_PERSON);
  assert_string_equal(e->label, "Jane Roe");
  e = find_entity(g, BASE "country/united-states");
  assert_non_null(e);
  assert_int_equal(e->cls, TKGP_CLASS_COUNTRY);
  assert_string_equal(e->label, "United States");
  assert_string_equal(e->iso, "US");
  /* "US" was written: an alternative label. */
  assert_int_equal(e->n_alt, 1);
  assert_string_equal(e->alt_labels[0], "US");
  e = find_entity(g, BASE "role/secretary-of-state/united-states");
  assert_non_null(e);
  assert_int_equal(e->cls, TKGP_CLASS_ROLE);
  assert_string_equal(e->title_iri, "https://w3id.org/textkg/lexicon#SecretaryOfState");
  assert_true(e->role_of != TKGP_NONE);
  assert_string_equal(g->entities[e->role_of].iri, BASE "country/united-states");
  e = find_entity(g, BASE "role/foreign-minister/ukraine");
  assert_non_null(e);
  assert_non_null(find_entity(g, BASE "country/ukraine"));
  assert_non_null(find_entity(g, BASE "person/jan-kowalczyk"));

  /* Two holdsRole and two represents, all asserted, in one document. */
  assert_int_equal(g->n_statements, 4);
  {
    size_t i;
    for (i = 0; i < g->n_statements; i++) {
      assert_int_equal(g->statements[i].doc, 0);
      assert_int_equal(g->statements[i].ordinal, i + 1);
      assert_true(tkgp_statement_asserted(&g->statements[i]));
      assert_true(g->statements[i].evidence != TKGP_NONE);
    }
  }
  expect_anchors_consistent(g);
  tkg_graph_free(g);
  tkg_world_free(w);
}

static void test_role_without_country(void **state)
{
  tkg_world *w = test_world();
  tkg_graph *g = test_graph(w, "a.txt", "CEO Mary Major and CEO Ada Stone spoke.");
  const tkgp_gentity *e;
  (void)state;

  /* Roles tied to no country are kept apart per holder. */
  e = find_entity(g, BASE "role/chief-executive/of-mary-major");
  assert_non_null(e);
  assert_int_equal(e->role_of, TKGP_NONE);
  assert_non_null(find_entity(g, BASE "role/chief-executive/of-ada-stone"));
  tkg_graph_free(g);
  tkg_world_free(w);
}

/* A storm's name is an event's, and its short name later is the same event. */
static void test_named_event(void **state)
{
  tkg_world *w = test_world();
  tkg_graph *g = test_graph(w, "a.txt",
                            "Hurricane Orla reached the coast of Florida on Monday. "
                            "Orla then weakened over land.");
  const tkgp_gentity *e;
  (void)state;

  e = find_entity(g, BASE "event/hurricane-orla");
  assert_non_null(e);
  assert_int_equal(e->cls, TKGP_CLASS_EVENT);
  assert_int_equal(e->n_alt, 1);
  assert_string_equal(e->alt_labels[0], "Orla");
  assert_null(find_entity(g, BASE "person/hurricane-orla"));
  assert_null(find_entity(g, BASE "person/orla"));
  assert_null(find_entity(g, BASE "event/orla"));
  tkg_graph_free(g);
  tkg_world_free(w);
}

/* An organization named after its country ("Rugby Australia") is no
 * mention of the country. */
static void test_agency_over_country(void **state)
{
  tkg_world *w = test_world();
  tkg_graph *g = test_graph(w, "a.txt", "Officials from Rugby Australia met on Monday.");
  const tkgp_gentity *e;
  (void)state;

  e = find_entity(g, BASE "organization/rugby-australia");
  assert_non_null(e);
  assert_int_equal(e->cls, TKGP_CLASS_ORGANIZATION);
  assert_null(find_entity(g, BASE "country/australia"));
  tkg_graph_free(g);
  tkg_world_free(w);
}

/* A name and its acronym in brackets are one organization, and so is the
 * acronym alone later on, though it reads like "who". */
static void test_acronym(void **state)
{
  tkg_world *w = test_world();
  tkg_graph *g = test_graph(w, "a.txt",
                            "The World Health Organization (WHO) warned on Monday that cases rose. "
                            "WHO officials met the minister in Lisbon.");
  const tkgp_gentity *e;
  (void)state;

  e = find_entity(g, BASE "organization/world-health-organization");
  assert_non_null(e);
  assert_int_equal(e->n_alt, 1);
  assert_string_equal(e->alt_labels[0], "WHO");
  assert_null(find_entity(g, BASE "organization/who"));
  tkg_graph_free(g);
  tkg_world_free(w);
}

static void test_merge_across_documents(void **state)
{
  tkg_world *w = test_world();
  tkg_graph *g = NULL;
  tkg_document *d1 = NULL, *d2 = NULL;
  const char *t1 = "Ukrainian Foreign Minister Jan Kowalczyk met US officials.";
  const char *t2 = "Rain in Ukraine went on. Foreign Minister of Ukraine Jan Kowalczyk "
                   "left for the United States.";
  const tkgp_gentity *e;
  size_t i, per_doc[2] = {0, 0};
  (void)state;

  assert_int_equal(tkg_graph_new(&g, w), 0);
  assert_int_equal(tkg_document_new(&d1, w, "one.txt", t1, strlen(t1)), 0);
  assert_int_equal(tkg_document_new(&d2, w, "two.txt", t2, strlen(t2)), 0);
  assert_int_equal(tkg_document_analyze(d1), 0);
  assert_int_equal(tkg_document_analyze(d2), 0);
  assert_int_equal(tkg_graph_add_document(g, d1), 0);
  /* The graph copies what it needs: the document can go now. */
  tkg_document_free(d1);
  assert_int_equal(tkg_graph_add_document(g, d2), 0);
  tkg_document_free(d2);

  assert_int_equal(g->n_docs, 2);
  assert_string_equal(g->docs[0].iri, BASE "doc/one");
  assert_string_equal(g->docs[1].iri, BASE "doc/two");
  assert_string_equal(g->docs[0].text, t1);
  assert_string_equal(g->docs[1].text, t2);
  assert_int_equal(count_iri(g, BASE "person/jan-kowalczyk"), 1);
  assert_int_equal(count_iri(g, BASE "country/ukraine"), 1);
  assert_int_equal(count_iri(g, BASE "country/united-states"), 1);
  assert_int_equal(count_iri(g, BASE "role/foreign-minister/ukraine"), 1);
  e = find_entity(g, BASE "country/united-states");
  /* "US" from one and "United States" (the label) from the other. */
  assert_int_equal(e->n_alt, 1);
  assert_string_equal(e->alt_labels[0], "US");

  /* Both documents' mentions point at the merged entities. */
  find_mention(g, 0, BASE "person/jan-kowalczyk", 0);
  find_mention(g, 1, BASE "person/jan-kowalczyk", 0);
  find_mention(g, 1, BASE "country/ukraine", 1);
  for (i = 0; i < g->n_statements; i++) {
    per_doc[g->statements[i].doc]++;
    assert_string_equal(g->entities[g->statements[i].subject].iri,
                        BASE "person/jan-kowalczyk");
  }
  assert_int_equal(per_doc[0], 2);
  assert_int_equal(per_doc[1], 2);
  /* Only sentences holding a mention or evidence are kept: all of them here. */
  expect_anchors_consistent(g);
  tkg_graph_free(g);
  tkg_world_free(w);
}

static void test_document_iris(void **state)
{
  tkg_world *w = test_world();
  tkg_graph *g = NULL;
  const char *names[] = {"a/report.txt", "b/report.txt", "report.md", "-",
                         "/tmp/Quarterly Report.v2.txt", "notes", ".hidden"};
  const char *iris[] = {BASE "doc/report", BASE "doc/report-2", BASE "doc/report-3",
                        BASE "doc/stdin", BASE "doc/quarterly-reportv2",
                        BASE "doc/notes", BASE "doc/hidden"};
  const char *stored[] = {"report.txt", "report.txt", "report.md", "stdin",
                          "Quarterly Report.v2.txt", "notes", ".hidden"};
  size_t i;
  (void)state;

  assert_int_equal(tkg_graph_new(&g, w), 0);
  for (i = 0; i < sizeof names / sizeof *names; i++) {
    tkg_document *doc = NULL;
    assert_int_equal(tkg_document_new(&doc, w, names[i], "Ukraine.", 8), 0);
    assert_int_equal(tkg_document_analyze(doc), 0);
    assert_int_equal(tkg_graph_add_document(g, doc), 0);
    tkg_document_free(doc);
    assert_string_equal(g->docs[i].iri, iris[i]);
    assert_string_equal(g->docs[i].name, stored[i]);
  }
  /* The same country in every document: one entity. */
  assert_int_equal(count_iri(g, BASE "country/ukraine"), 1);
  tkg_graph_free(g);
  tkg_world_free(w);
}

static void test_unanalyzed_document(void **state)
{
  tkg_world *w = test_world();
  tkg_graph *g = NULL;
  tkg_document *doc = NULL;
  (void)state;

  assert_int_equal(tkg_graph_new(&g, w), 0);
  assert_int_equal(tkg_document_new(&doc, w, "x.txt", "Ukraine.", 8), 0);
  assert_int_equal(tkg_graph_add_document(g, doc), TKG_EINVAL);
  assert_non_null(strstr(tkg_world_last_error(w), "x.txt"));
  assert_int_equal(g->n_docs, 0);
  tkg_document_free(doc);
  tkg_graph_free(g);
  tkg_world_free(w);
}

/* ---- base IRI ---------------------------------------------------------- */

static void test_base(void **state)
{
  tkg_world *w = test_world();
  tkg_graph *g;
  const char *bad[] = {"", "kg/", "relative/path", ":nothing", "./a:b", "data/x:y",
                       "1http://example.com/", "http://exa mple.com/",
                       "http://example.com/<x>", "ht tp://example.com/"};
  size_t i;
  (void)state;

  /* A trailing '/' is added; '/', '#' and ':' are kept. */
  assert_int_equal(tkg_world_set_base(w, "http://kg.example.com/data"), 0);
  assert_string_equal(w->base, "http://kg.example.com/data/");
  assert_int_equal(tkg_world_set_base(w, "http://kg.example.com/data/"), 0);
  assert_string_equal(w->base, "http://kg.example.com/data/");
  assert_int_equal(tkg_world_set_base(w, "urn:x-kg#"), 0);
  assert_string_equal(w->base, "urn:x-kg#");
  assert_int_equal(tkg_world_set_base(w, "tag:example.com,2024:kg"), 0);
  assert_string_equal(w->base, "tag:example.com,2024:kg/");
  assert_int_equal(tkg_world_set_base(w, "urn:x-kg:"), 0);
  assert_string_equal(w->base, "urn:x-kg:");
  assert_int_equal(tkg_world_set_base(w, "tag:example.com,2024:kg"), 0);

  /* Relative or malformed: rejected, and the base is unchanged. */
  for (i = 0; i < sizeof bad / sizeof *bad; i++) {
    if (tkg_world_set_base(w, bad[i]) != TKG_EINVAL)
      fail_msg("base \"%s\" accepted", bad[i]);
    assert_string_equal(w->base, "tag:example.com,2024:kg/");
    assert_non_null(strstr(tkg_world_last_error(w), "absolute"));
  }

  /* Minted IRIs use the base. */
  assert_int_equal(tkg_world_set_base(w, "http://kg.example.com/data"), 0);
  g = test_graph(w, "news.txt", "President of Ukraine John Smith spoke.");
  assert_string_equal(g->docs[0].iri, "http://kg.example.com/data/doc/news");
  assert_non_null(find_entity(g, "http://kg.example.com/data/person/john-smith"));
  assert_non_null(find_entity(g, "http://kg.example.com/data/country/ukraine"));
  assert_non_null(find_entity(g, "http://kg.example.com/data/role/president/ukraine"));
  for (i = 0; i < g->n_entities; i++)
    assert_int_equal(strncmp(g->entities[i].iri, "http://kg.example.com/data/", 27), 0);
  tkg_graph_free(g);
  tkg_world_free(w);
}

/* ---- offsets ----------------------------------------------------------- */

static void test_offsets_ascii(void **state)
{
  tkg_world *w = test_world();
  const char *text = "Rain fell on.\n\nThen Ukraine spoke.";
  tkg_graph *g = test_graph(w, "a.txt", text);
  (void)state;

  expect_offsets(g, text, BASE "country/ukraine", "Ukraine");
  assert_int_equal(find_mention(g, 0, BASE "country/ukraine", 0)->begin, 20);
  assert_int_equal(g->docs[0].codepoints, strlen(text));
  /* Only the sentence holding a mention is kept. */
  assert_int_equal(g->n_strings, 2);
  expect_anchors_consistent(g);
  tkg_graph_free(g);
  tkg_world_free(w);
}

static void test_offsets_multibyte(void **state)
{
  tkg_world *w = test_world();
  /* Two-, three- and four-byte characters before the mentions. */
  const char *text = "Zo\xC3\xAB \xE2\x80\x94 \xF0\x9F\x98\x80 said: "
                     "US Secretary of State Jane Roe met Ukraine's envoy.";
  tkg_graph *g = test_graph(w, "a.txt", text);
  (void)state;

  expect_offsets(g, text, BASE "country/united-states", "US");
  expect_offsets(g, text, BASE "person/jane-roe", "Jane Roe");
  expect_offsets(g, text, BASE "country/ukraine", "Ukraine");
  /* "Zoë — 😀 said: " is 14 code points. */
  assert_int_equal(find_mention(g, 0, BASE "country/united-states", 0)->begin, 14);
  assert_int_equal(g->docs[0].codepoints, cp_at(text, strlen(text)));
  expect_anchors_consistent(g);
  tkg_graph_free(g);
  tkg_world_free(w);
}

static void test_offsets_bom(void **state)
{
  tkg_world *w = test_world();
  const char *text = "\xEF\xBB\xBFUkraine and France met.";
  tkg_graph *g = test_graph(w, "a.txt", text);
  const tkgp_gstring *s;
  (void)state;

  /* The BOM is code point 0 of the input. */
  s = find_mention(g, 0, BASE "country/ukraine", 0);
  assert_int_equal(s->begin, 1);
  assert_int_equal(s->end, 8);
  assert_string_equal(s->anchor, "Ukraine");
  expect_offsets(g, text, BASE "country/france", "France");
  assert_int_equal(find_mention(g, 0, BASE "country/france", 0)->begin, 13);
  assert_int_equal(g->docs[0].codepoints, 24);
  /* The document text is kept as given, BOM included. */
  assert_string_equal(g->docs[0].text, text);
  expect_anchors_consistent(g);
  tkg_graph_free(g);
  tkg_world_free(w);
}

static void test_offsets_decomposed(void **state)
{
  tkg_world *w = test_world();
  /* "Café" with a combining acute (2 code points for é), then a country
   * written decomposed: "Côte d'Ivoire" with o + U+0302. */
  const char *text = "Cafe\xCC\x81 owners said. Talks with Co\xCC\x82te d'Ivoire "
                     "and Ukraine began.";
  tkg_graph *g = test_graph(w, "a.txt", text);
  const tkgp_gstring *s;
  (void)state;

  /* The decomposed name is found (the text is matched in NFC) but its
   * offsets and anchor are those of the input as given. */
  expect_offsets(g, text, BASE "country/ivory-coast", "Co\xCC\x82te d'Ivoire");
  s = find_mention(g, 0, BASE "country/ivory-coast", 0);
  assert_int_equal(s->begin, 30);
  assert_int_equal(s->end, 44);
  expect_offsets(g, text, BASE "country/ukraine", "Ukraine");
  assert_int_equal(find_mention(g, 0, BASE "country/ukraine", 0)->begin, 49);
  assert_int_equal(g->docs[0].codepoints, cp_at(text, strlen(text)));
  expect_anchors_consistent(g);
  tkg_graph_free(g);
  tkg_world_free(w);
}

static void test_offsets_long_text(void **state)
{
  tkg_world *w = test_world();
  /* Mentions far past the first offset checkpoints, after multibyte text. */
  size_t n = 0, i;
  char *text = malloc(20000);
  tkg_graph *g;
  (void)state;

  assert_non_null(text);
  for (i = 0; i < 300; i++)
    n += (size_t)sprintf(text + n, "Zo\xC3\xAB went %zu. ", i);
  sprintf(text + n, "Then Ukraine spoke and France listened.");
  g = test_graph(w, "a.txt", text);
  expect_offsets(g, text, BASE "country/ukraine", "Ukraine");
  expect_offsets(g, text, BASE "country/france", "France");
  expect_anchors_consistent(g);
  tkg_graph_free(g);
  tkg_world_free(w);
  free(text);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_slugs),
    cmocka_unit_test(test_slug_appends),
    cmocka_unit_test(test_entity_iris),
    cmocka_unit_test(test_named_event),
    cmocka_unit_test(test_agency_over_country),
    cmocka_unit_test(test_acronym),
    cmocka_unit_test(test_role_without_country),
    cmocka_unit_test(test_merge_across_documents),
    cmocka_unit_test(test_document_iris),
    cmocka_unit_test(test_unanalyzed_document),
    cmocka_unit_test(test_base),
    cmocka_unit_test(test_offsets_ascii),
    cmocka_unit_test(test_offsets_multibyte),
    cmocka_unit_test(test_offsets_bom),
    cmocka_unit_test(test_offsets_decomposed),
    cmocka_unit_test(test_offsets_long_text),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
