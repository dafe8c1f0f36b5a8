/* test_lexicon.c - unit tests for the lexicon loader and the gazetteer
 * SPDX-License-Identifier: MIT
 */
#include "testutil.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/world.h"
#include "lexicon/gazetteer.h"
#include "lexicon/lexicon.h"
#include "text/tokenize.h"

/* ---- helpers ----------------------------------------------------------- */

static const tkgp_title *find_title(const tkgp_lexicon *lex, const char *local)
{
  size_t i, n = strlen(TKGP_NS_LEX);
  for (i = 0; i < lex->n_titles; i++)
    if (strncmp(lex->titles[i].iri, TKGP_NS_LEX, n) == 0 &&
        strcmp(lex->titles[i].iri + n, local) == 0)
      return &lex->titles[i];
  return NULL;
}

static const tkgp_country_names *find_names(const tkgp_lexicon *lex, const char *iso)
{
  size_t i;
  for (i = 0; i < lex->n_countries; i++)
    if (strcmp(lex->countries[i].iso, iso) == 0)
      return &lex->countries[i];
  return NULL;
}

static int has(const char **items, size_t n, const char *s)
{
  size_t i;
  for (i = 0; i < n; i++)
    if (strcmp(items[i], s) == 0)
      return 1;
  return 0;
}

/* Tokens of TEXT, and the result of matching KIND at token AT up to the
 * end of the text. */
typedef struct match {
  size_t tokens;      /* tokens matched, 0 for none */
  size_t index;
} match;

static match match_at(const tkgp_gazetteer *gz, tkgp_phrase_kind kind,
                      const char *text, size_t at)
{
  tkgp_arena arena;
  tkgp_tokens toks;
  match m = {0, (size_t)-1};

  tkgp_arena_init(&arena, 0);
  assert_int_equal(tkgp_tokenize(&toks, &arena, text, strlen(text)), 0);
  assert_true(at < toks.n_tokens);
  m.tokens = tkgp_gazetteer_match(gz, kind, toks.tokens, at, toks.n_tokens, &m.index);
  tkgp_arena_finish(&arena);
  return m;
}

/* ISO code of the country phrase of KIND at token AT of TEXT spanning
 * N tokens, or fail. */
static void expect_country(const tkgp_gazetteer *gz, tkgp_phrase_kind kind,
                           const char *text, size_t at, size_t n, const char *iso)
{
  match m = match_at(gz, kind, text, at);
  if (m.tokens != n)
    fail_msg("%s: matched %zu tokens at %zu, expected %zu", text, m.tokens, at, n);
  assert_true(m.index < gz->n_countries);
  assert_string_equal(gz->countries[m.index].iso, iso);
}

static void expect_title(const tkgp_gazetteer *gz, const char *text, size_t at,
                         size_t n, const char *local)
{
  match m = match_at(gz, TKGP_PHRASE_TITLE, text, at);
  size_t ns = strlen(TKGP_NS_LEX);
  if (m.tokens != n)
    fail_msg("%s: matched %zu title tokens at %zu, expected %zu", text, m.tokens, at, n);
  assert_true(m.index < gz->lexicon->n_titles);
  assert_string_equal(gz->lexicon->titles[m.index].iri + ns, local);
}

static void expect_none(const tkgp_gazetteer *gz, tkgp_phrase_kind kind,
                        const char *text, size_t at)
{
  match m = match_at(gz, kind, text, at);
  if (m.tokens != 0)
    fail_msg("%s: unexpected match of %zu tokens at %zu", text, m.tokens, at);
}

/* A data directory in a temp dir with ontology/lexicon.ttl and
 * ontology/countries.ttl holding the given text (NULL: no file). */
typedef struct tmpdata {
  char root[256];
  char ontology[300];
  char lexicon[320];
  char countries[320];
} tmpdata;

static void write_file(const char *path, const char *text)
{
  FILE *fp = fopen(path, "w");
  if (!fp)
    fail_msg("cannot create %s: %s", path, strerror(errno));
  assert_int_equal(fputs(text, fp) >= 0, 1);
  assert_int_equal(fclose(fp), 0);
}

static void tmpdata_make(tmpdata *d, const char *lexicon, const char *countries)
{
  const char *tmp = getenv("TMPDIR");
  snprintf(d->root, sizeof d->root, "%s/textkg-lexicon-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(d->root))
    fail_msg("mkdtemp: %s", strerror(errno));
  snprintf(d->ontology, sizeof d->ontology, "%s/ontology", d->root);
  assert_int_equal(mkdir(d->ontology, 0700), 0);
  snprintf(d->lexicon, sizeof d->lexicon, "%s/lexicon.ttl", d->ontology);
  snprintf(d->countries, sizeof d->countries, "%s/countries.ttl", d->ontology);
  if (lexicon)
    write_file(d->lexicon, lexicon);
  if (countries)
    write_file(d->countries, countries);
}

static void tmpdata_remove(tmpdata *d)
{
  unlink(d->lexicon);
  unlink(d->countries);
  assert_int_equal(rmdir(d->ontology), 0);
  assert_int_equal(rmdir(d->root), 0);
}

#define PREFIXES \
  "@prefix tkg: <https://w3id.org/textkg/ns#> .\n" \
  "@prefix tkgl: <https://w3id.org/textkg/lexicon#> .\n" \
  "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"

static const char good_countries[] =
  PREFIXES
  "tkgl:country-UA a tkg:CountryName ;\n"
  "    tkg:isoCode \"UA\" ;\n"
  "    skos:prefLabel \"Ukraine\"@en ;\n"
  "    tkg:demonym \"Ukrainian\"@en .\n";

/* ---- the source tree's lexicon ----------------------------------------- */

static int setup_world(void **state)
{
  *state = test_world();
  return 0;
}

static int teardown_world(void **state)
{
  tkg_world_free(*state);
  return 0;
}

static void test_titles(void **state)
{
  tkg_world *w = *state;
  const tkgp_lexicon *lex = w->lexicon;
  const tkgp_title *t;

  assert_non_null(lex);
  assert_true(lex->n_titles >= 20);

  t = find_title(lex, "ForeignMinister");
  assert_non_null(t);
  assert_string_equal(t->label, "Foreign Minister");
  assert_true(t->government);
  assert_true(has(t->names, t->n_names, "Foreign Minister"));
  assert_true(has(t->names, t->n_names, "Minister of Foreign Affairs"));
  assert_true(has(t->names, t->n_names, "FM"));

  t = find_title(lex, "SecretaryOfState");
  assert_non_null(t);
  assert_string_equal(t->label, "Secretary of State");
  assert_true(t->government);

  /* Titles that are not a state's office. */
  t = find_title(lex, "ChiefExecutive");
  assert_non_null(t);
  assert_false(t->government);
  assert_true(has(t->names, t->n_names, "CEO"));
  t = find_title(lex, "Chairman");
  assert_non_null(t);
  assert_false(t->government);

  assert_null(find_title(lex, "NoSuchTitle"));
}

static void test_particles(void **state)
{
  tkg_world *w = *state;
  const tkgp_lexicon *lex = w->lexicon;
  assert_true(has(lex->particles, lex->n_particles, "bin"));
  assert_true(has(lex->particles, lex->n_particles, "van"));
  assert_false(has(lex->particles, lex->n_particles, "Bin"));
}

static void test_country_names(void **state)
{
  tkg_world *w = *state;
  const tkgp_lexicon *lex = w->lexicon;
  const tkgp_gazetteer *gz = w->gazetteer;
  const tkgp_country_names *n;
  const tkgp_country *c;

  n = find_names(lex, "RU");
  assert_non_null(n);
  assert_string_equal(n->label, "Russia");
  assert_true(has(n->demonyms, n->n_demonyms, "Russian"));

  n = find_names(lex, "US");
  assert_non_null(n);
  assert_string_equal(n->label, "United States");
  assert_true(has(n->names, n->n_names, "U.S."));
  assert_true(has(n->names, n->n_names, "USA"));
  assert_true(has(n->names, n->n_names, "America"));
  assert_true(has(n->names, n->n_names, "United States of America"));

  /* The gazetteer labels a country with the lexicon's short name, over
   * iso-codes' "Russian Federation". */
  assert_non_null(gz);
  assert_true(gz->n_countries >= 240);
  c = tkgp_gazetteer_country(gz, "RU");
  assert_non_null(c);
  assert_string_equal(c->iso, "RU");
  assert_string_equal(c->label, "Russia");
  c = tkgp_gazetteer_country(gz, "US");
  assert_non_null(c);
  assert_string_equal(c->label, "United States");
  assert_non_null(c->official_name);
  assert_string_equal(c->official_name, "United States of America");
  c = tkgp_gazetteer_country(gz, "UA");
  assert_non_null(c);
  assert_string_equal(c->label, "Ukraine");
  assert_null(tkgp_gazetteer_country(gz, "ZZ"));
  assert_null(tkgp_gazetteer_country(gz, "us"));
}

static void test_match_countries(void **state)
{
  tkg_world *w = *state;
  const tkgp_gazetteer *gz = w->gazetteer;

  expect_country(gz, TKGP_PHRASE_COUNTRY, "Ukraine", 0, 1, "UA");
  expect_country(gz, TKGP_PHRASE_COUNTRY, "Talks in Saudi Arabia began.", 2, 2, "SA");
  expect_country(gz, TKGP_PHRASE_COUNTRY, "the United States said", 1, 2, "US");
  expect_country(gz, TKGP_PHRASE_COUNTRY, "the United States of America said", 1, 4, "US");
  expect_country(gz, TKGP_PHRASE_COUNTRY, "U.S. officials said", 0, 1, "US");
  expect_country(gz, TKGP_PHRASE_COUNTRY, "the U.S. said", 1, 1, "US");
  expect_country(gz, TKGP_PHRASE_COUNTRY, "U.S.A. officials said", 0, 1, "US");
  {
    /* At the end of a sentence the tokenizer splits the final period. */
    match m = match_at(gz, TKGP_PHRASE_COUNTRY, "Aid came from the U.S.", 4);
    assert_true(m.tokens >= 1);
    assert_string_equal(gz->countries[m.index].iso, "US");
  }
  expect_country(gz, TKGP_PHRASE_COUNTRY, "USA", 0, 1, "US");
  expect_country(gz, TKGP_PHRASE_COUNTRY, "Russia and Russian Federation", 0, 1, "RU");
  expect_country(gz, TKGP_PHRASE_COUNTRY, "Russia and Russian Federation", 2, 2, "RU");
  expect_country(gz, TKGP_PHRASE_COUNTRY, "in France", 1, 1, "FR");

  /* Case-sensitive for countries; not a country mid-phrase. */
  expect_none(gz, TKGP_PHRASE_COUNTRY, "ukraine", 0);
  expect_none(gz, TKGP_PHRASE_COUNTRY, "the United States", 0);
  expect_none(gz, TKGP_PHRASE_COUNTRY, "Saudi officials", 0);
  expect_none(gz, TKGP_PHRASE_COUNTRY, "Jane Roe", 0);

  /* The match stops at END: "Saudi Arabia" cut after "Saudi" is nothing. */
  {
    tkgp_arena arena;
    tkgp_tokens toks;
    size_t idx = 0;
    const char *text = "Saudi Arabia";
    tkgp_arena_init(&arena, 0);
    assert_int_equal(tkgp_tokenize(&toks, &arena, text, strlen(text)), 0);
    assert_int_equal(toks.n_tokens, 2);
    assert_int_equal(tkgp_gazetteer_match(gz, TKGP_PHRASE_COUNTRY, toks.tokens, 0, 1, &idx), 0);
    assert_int_equal(tkgp_gazetteer_match(gz, TKGP_PHRASE_COUNTRY, toks.tokens, 0, 2, &idx), 2);
    assert_string_equal(gz->countries[idx].iso, "SA");
    tkgp_arena_finish(&arena);
  }
}

static void test_match_demonyms(void **state)
{
  tkg_world *w = *state;
  const tkgp_gazetteer *gz = w->gazetteer;

  expect_country(gz, TKGP_PHRASE_DEMONYM, "Ukrainian troops", 0, 1, "UA");
  expect_country(gz, TKGP_PHRASE_DEMONYM, "the Ukrainians", 1, 1, "UA");
  expect_country(gz, TKGP_PHRASE_DEMONYM, "Russian envoy", 0, 1, "RU");
  expect_country(gz, TKGP_PHRASE_DEMONYM, "French wine", 0, 1, "FR");
  expect_country(gz, TKGP_PHRASE_DEMONYM, "Saudi officials", 0, 1, "SA");
  expect_country(gz, TKGP_PHRASE_DEMONYM, "Saudi Arabian officials", 0, 2, "SA");
  /* A demonym is not a country name, nor the reverse. */
  expect_none(gz, TKGP_PHRASE_COUNTRY, "Ukrainian", 0);
  expect_none(gz, TKGP_PHRASE_DEMONYM, "Ukraine", 0);
  expect_none(gz, TKGP_PHRASE_DEMONYM, "ukrainian", 0);
}

static void test_match_titles(void **state)
{
  tkg_world *w = *state;
  const tkgp_gazetteer *gz = w->gazetteer;

  expect_title(gz, "Foreign Minister Jane Roe", 0, 2, "ForeignMinister");
  expect_title(gz, "Ukraine's foreign minister said", 2, 2, "ForeignMinister");
  expect_title(gz, "Minister of Foreign Affairs Jane Roe", 0, 4, "ForeignMinister");
  expect_title(gz, "FM Jane Roe", 0, 1, "ForeignMinister");
  expect_title(gz, "US Secretary of State Jane Roe", 1, 3, "SecretaryOfState");
  expect_title(gz, "secretary of state", 0, 3, "SecretaryOfState");
  /* The longest title wins. */
  expect_title(gz, "Deputy Foreign Minister Jane Roe", 0, 3, "DeputyForeignMinister");
  expect_title(gz, "Deputy Secretary of State Jane Roe", 0, 4, "DeputySecretaryOfState");
  expect_title(gz, "NSA Jane Roe", 0, 1, "NationalSecurityAdvisor");
  expect_title(gz, "CEO Jane Roe", 0, 1, "ChiefExecutive");
  expect_title(gz, "chief executive officer", 0, 3, "ChiefExecutive");

  /* Abbreviations are written in capitals: "nsa", "fm", "ceo" are not
   * titles, nor are titles in the middle of a word run. */
  expect_none(gz, TKGP_PHRASE_TITLE, "nsa Jane Roe", 0);
  expect_none(gz, TKGP_PHRASE_TITLE, "fm radio", 0);
  expect_none(gz, TKGP_PHRASE_TITLE, "the ceo said", 1);
  expect_none(gz, TKGP_PHRASE_TITLE, "Jane Roe", 0);
  expect_none(gz, TKGP_PHRASE_TITLE, "Foreign policy", 0);
}

static void test_match_particles(void **state)
{
  tkg_world *w = *state;
  const tkgp_gazetteer *gz = w->gazetteer;
  match m = match_at(gz, TKGP_PHRASE_PARTICLE, "Omar bin Khalid", 1);
  assert_int_equal(m.tokens, 1);
  expect_none(gz, TKGP_PHRASE_PARTICLE, "Omar Bin Khalid", 1);
  expect_none(gz, TKGP_PHRASE_PARTICLE, "Omar bin Khalid", 0);
}

/* ---- data in a temp dir ------------------------------------------------ */

static void test_custom_lexicon(void **state)
{
  tmpdata d;
  tkg_world *w = NULL;
  const tkgp_title *t;
  (void)state;

  tmpdata_make(&d,
               PREFIXES
               "tkgl:GrandVizier a tkg:GovernmentTitle ;\n"
               "    skos:prefLabel \"Grand Vizier\"@en ;\n"
               "    tkg:abbreviation \"GV\"@en .\n"
               "tkgl:Bard a tkg:Title ;\n"
               "    skos:prefLabel \"Court Bard\"@en .\n"
               "tkgl:P a tkg:NameParticle ; skos:altLabel \"zu\"@en .\n",
               good_countries);
  assert_int_equal(tkg_world_new(&w), 0);
  assert_int_equal(tkg_world_open(w, d.root), 0);
  assert_int_equal(w->lexicon->n_titles, 2);
  t = find_title(w->lexicon, "GrandVizier");
  assert_non_null(t);
  assert_true(t->government);
  assert_int_equal(t->n_names, 2);
  t = find_title(w->lexicon, "Bard");
  assert_non_null(t);
  assert_false(t->government);
  assert_int_equal(w->lexicon->n_particles, 1);
  assert_int_equal(w->lexicon->n_countries, 1);
  expect_title(w->gazetteer, "the grand vizier", 1, 2, "GrandVizier");
  expect_title(w->gazetteer, "GV Jane Roe", 0, 1, "GrandVizier");
  expect_none(w->gazetteer, TKGP_PHRASE_TITLE, "Foreign Minister", 0);
  expect_country(w->gazetteer, TKGP_PHRASE_DEMONYM, "Ukrainian", 0, 1, "UA");
  /* iso-codes names are there without any lexicon entry. */
  expect_country(w->gazetteer, TKGP_PHRASE_COUNTRY, "Germany", 0, 1, "DE");
  tkg_world_free(w);
  tmpdata_remove(&d);
}

static void test_malformed_lexicon(void **state)
{
  tmpdata d;
  tkg_world *w = NULL;
  const char *msg;
  (void)state;

  tmpdata_make(&d,
               PREFIXES
               "tkgl:GrandVizier a tkg:GovernmentTitle ;\n"  /* line 4 */
               "    skos:prefLabel \"Grand Vizier\"@en ;\n"   /* line 5 */
               "    skos:altLabel \"Vizier\"@en ,, .\n"       /* line 6 */
               "tkgl:Bard a tkg:Title .\n",
               good_countries);
  assert_int_equal(tkg_world_new(&w), 0);
  assert_int_equal(tkg_world_open(w, d.root), TKG_EDATA);
  msg = tkg_world_last_error(w);
  if (!strstr(msg, d.lexicon) || !strstr(msg, "line 6"))
    fail_msg("message does not name the file and line 6: %s", msg);
  assert_null(w->lexicon);
  assert_null(w->gazetteer);

  /* The world is still usable: opening good data afterwards works. */
  assert_int_equal(tkg_world_open(w, test_srcdir()), 0);
  assert_non_null(w->gazetteer);
  tkg_world_free(w);
  tmpdata_remove(&d);
}

static void test_malformed_countries(void **state)
{
  tmpdata d;
  tkg_world *w = NULL;
  const char *msg;
  (void)state;

  tmpdata_make(&d, PREFIXES,
               PREFIXES
               "\n"
               "tkgl:country-UA a tkg:CountryName ;\n"   /* line 5 */
               "    tkg:isoCode \"UA ;\n"                 /* line 6: open string */
               "    skos:prefLabel \"Ukraine\"@en .\n");
  assert_int_equal(tkg_world_new(&w), 0);
  assert_int_equal(tkg_world_open(w, d.root), TKG_EDATA);
  msg = tkg_world_last_error(w);
  if (!strstr(msg, d.countries) || !strstr(msg, "line "))
    fail_msg("message does not name the file and a line: %s", msg);
  tkg_world_free(w);
  tmpdata_remove(&d);
}

static void test_missing_label(void **state)
{
  tmpdata d;
  tkg_world *w = NULL;
  const char *msg;
  (void)state;

  /* Well-formed Turtle, but a title without a prefLabel. */
  tmpdata_make(&d,
               PREFIXES "tkgl:Nameless a tkg:Title ; skos:altLabel \"Anon\"@en .\n",
               good_countries);
  assert_int_equal(tkg_world_new(&w), 0);
  assert_int_equal(tkg_world_open(w, d.root), TKG_EDATA);
  msg = tkg_world_last_error(w);
  if (!strstr(msg, d.lexicon) || !strstr(msg, "Nameless"))
    fail_msg("message does not name the file and the resource: %s", msg);
  tkg_world_free(w);
  tmpdata_remove(&d);
}

static void test_missing_file(void **state)
{
  tmpdata d;
  tkg_world *w = NULL;
  const char *msg;
  (void)state;

  /* countries.ttl is missing. */
  tmpdata_make(&d, PREFIXES, NULL);
  assert_int_equal(tkg_world_new(&w), 0);
  assert_int_equal(tkg_world_open(w, d.root), TKG_EIO);
  msg = tkg_world_last_error(w);
  if (!strstr(msg, d.countries))
    fail_msg("message does not name the missing file: %s", msg);
  tmpdata_remove(&d);

  /* No data directory at all. */
  assert_int_equal(tkg_world_open(w, "/nonexistent/textkg-data"), TKG_EIO);
  assert_non_null(strstr(tkg_world_last_error(w), "/nonexistent/textkg-data/ontology/lexicon.ttl"));

  /* A document cannot be analyzed without a lexicon. */
  {
    tkg_document *doc = NULL;
    assert_int_equal(tkg_document_new(&doc, w, "x.txt", "Ukraine.", 8), 0);
    assert_int_equal(tkg_document_analyze(doc), TKG_EINVAL);
    tkg_document_free(doc);
  }
  tkg_world_free(w);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_titles, setup_world, teardown_world),
    cmocka_unit_test_setup_teardown(test_particles, setup_world, teardown_world),
    cmocka_unit_test_setup_teardown(test_country_names, setup_world, teardown_world),
    cmocka_unit_test_setup_teardown(test_match_countries, setup_world, teardown_world),
    cmocka_unit_test_setup_teardown(test_match_demonyms, setup_world, teardown_world),
    cmocka_unit_test_setup_teardown(test_match_titles, setup_world, teardown_world),
    cmocka_unit_test_setup_teardown(test_match_particles, setup_world, teardown_world),
    cmocka_unit_test(test_custom_lexicon),
    cmocka_unit_test(test_malformed_lexicon),
    cmocka_unit_test(test_malformed_countries),
    cmocka_unit_test(test_missing_label),
    cmocka_unit_test(test_missing_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
