/* test_mentions.c - unit tests for titled persons, roles and country mentions
 * SPDX-License-Identifier: MIT
 */
#include "testutil.h"

#include "pipeline/document.h"
#include "mention/mentions.h"

/* ---- helpers ----------------------------------------------------------- */

static tkg_world *world;

static int setup(void **state)
{
  (void)state;
  world = test_world();
  return 0;
}

static int teardown(void **state)
{
  (void)state;
  tkg_world_free(world);
  return 0;
}

static tkg_document *analyze(const char *text)
{
  tkg_document *doc = NULL;
  assert_int_equal(tkg_document_new(&doc, world, "t.txt", text, strlen(text)), 0);
  if (tkg_document_analyze(doc) != 0)
    fail_msg("analyze: %s", tkg_world_last_error(world));
  return doc;
}

/* The text a mention covers (in the document's normalized text). */
static char *mention_text(const tkg_document *doc, const tkgp_mention *m)
{
  static char buf[256];
  size_t n = m->end - m->start;
  assert_true(m->start < m->end);
  assert_true(m->end <= doc->text.length);
  assert_true(n < sizeof buf);
  memcpy(buf, doc->text.data + m->start, n);
  buf[n] = '\0';
  return buf;
}

static size_t count_class(const tkg_document *doc, tkgp_entity_class cls)
{
  size_t i, n = 0;
  for (i = 0; i < doc->found.n_mentions; i++)
    n += doc->found.mentions[i].entity.cls == cls;
  return n;
}

/* The mention of class CLS with label LABEL, or NULL. */
static const tkgp_mention *find_mention(const tkg_document *doc, tkgp_entity_class cls,
                                        const char *label)
{
  size_t i;
  for (i = 0; i < doc->found.n_mentions; i++) {
    const tkgp_mention *m = &doc->found.mentions[i];
    if (m->entity.cls == cls && strcmp(m->entity.label, label) == 0)
      return m;
  }
  return NULL;
}

/* The person mention named NAME, whose text is NAME too. */
static const tkgp_mention *expect_person(const tkg_document *doc, const char *name)
{
  const tkgp_mention *m = find_mention(doc, TKGP_CLASS_PERSON, name);
  if (!m)
    fail_msg("no person \"%s\" in \"%s\"", name, doc->text.data);
  assert_int_equal(m->kind, TKGP_MENTION_NAME);
  assert_string_equal(mention_text(doc, m), name);
  return m;
}

/* The relation PROPERTY whose subject is labelled SUBJECT, or NULL. */
static const tkgp_relation *find_relation(const tkg_document *doc, const char *property,
                                          const char *subject)
{
  size_t i;
  for (i = 0; i < doc->found.n_relations; i++) {
    const tkgp_relation *r = &doc->found.relations[i];
    if (strcmp(r->property, property) == 0 && strcmp(r->subject.label, subject) == 0)
      return r;
  }
  return NULL;
}

/* PERSON holds the role TITLE (a prefLabel) of country ISO (NULL: none). */
static const tkgp_relation *expect_holds(const tkg_document *doc, const char *person,
                                         const char *title, const char *iso,
                                         double confidence)
{
  const tkgp_relation *r = find_relation(doc, "holdsRole", person);
  if (!r)
    fail_msg("no holdsRole for \"%s\" in \"%s\"", person, doc->text.data);
  assert_int_equal(r->subject.cls, TKGP_CLASS_PERSON);
  assert_int_equal(r->object.cls, TKGP_CLASS_ROLE);
  assert_non_null(r->object.title);
  assert_string_equal(r->object.title->label, title);
  assert_string_equal(r->object.label, title);
  if (iso) {
    assert_non_null(r->object.country);
    assert_string_equal(r->object.country->iso, iso);
  } else {
    assert_null(r->object.country);
    assert_non_null(r->object.holder);
    assert_string_equal(r->object.holder, person);
  }
  assert_true(r->confidence > confidence - 1e-9 && r->confidence < confidence + 1e-9);
  assert_false(r->negated);
  return r;
}

static void expect_represents(const tkg_document *doc, const char *person, const char *iso,
                              const char *country_label, double confidence)
{
  const tkgp_relation *r = find_relation(doc, "represents", person);
  if (!r)
    fail_msg("no represents for \"%s\" in \"%s\"", person, doc->text.data);
  assert_int_equal(r->object.cls, TKGP_CLASS_COUNTRY);
  assert_non_null(r->object.country);
  assert_string_equal(r->object.country->iso, iso);
  assert_string_equal(r->object.label, country_label);
  assert_true(r->confidence > confidence - 1e-9 && r->confidence < confidence + 1e-9);
}

static void expect_no_relation(const tkg_document *doc, const char *property,
                               const char *person)
{
  if (find_relation(doc, property, person))
    fail_msg("unexpected %s for \"%s\" in \"%s\"", property, person, doc->text.data);
}

/* The role mention's text. */
static const char *role_text(const tkg_document *doc, const char *title)
{
  const tkgp_mention *m = find_mention(doc, TKGP_CLASS_ROLE, title);
  if (!m)
    fail_msg("no role \"%s\" in \"%s\"", title, doc->text.data);
  assert_int_equal(m->kind, TKGP_MENTION_TITLE);
  return mention_text(doc, m);
}

/* ---- titled persons ---------------------------------------------------- */

static void test_country_title_name(void **state)
{
  tkg_document *doc = analyze("US Secretary of State Jane Roe met reporters on Monday.");
  const tkgp_mention *country;
  (void)state;

  expect_person(doc, "Jane Roe");
  expect_holds(doc, "Jane Roe", "Secretary of State", "US", 0.9);
  expect_represents(doc, "Jane Roe", "US", "United States", 0.9);
  assert_string_equal(role_text(doc, "Secretary of State"), "US Secretary of State");

  /* "US" is a mention of the country, named by its canonical label. */
  country = find_mention(doc, TKGP_CLASS_COUNTRY, "United States");
  assert_non_null(country);
  assert_int_equal(country->kind, TKGP_MENTION_NAME);
  assert_string_equal(mention_text(doc, country), "US");

  assert_int_equal(count_class(doc, TKGP_CLASS_PERSON), 1);
  assert_int_equal(doc->found.n_relations, 2);
  tkg_document_free(doc);
}

static void test_possessive_country_comma(void **state)
{
  tkg_document *doc =
      analyze("Ukraine's foreign minister, Jan Kowalczyk, said the talks would go on.");
  const tkgp_mention *country;
  (void)state;

  expect_person(doc, "Jan Kowalczyk");
  expect_holds(doc, "Jan Kowalczyk", "Foreign Minister", "UA", 0.9);
  expect_represents(doc, "Jan Kowalczyk", "UA", "Ukraine", 0.9);
  assert_string_equal(role_text(doc, "Foreign Minister"), "Ukraine's foreign minister");
  country = find_mention(doc, TKGP_CLASS_COUNTRY, "Ukraine");
  assert_non_null(country);
  assert_string_equal(mention_text(doc, country), "Ukraine");
  tkg_document_free(doc);
}

static void test_title_of_country(void **state)
{
  tkg_document *doc = analyze("President of Ukraine John Smith arrived in Warsaw.");
  (void)state;

  expect_person(doc, "John Smith");
  expect_holds(doc, "John Smith", "President", "UA", 0.9);
  expect_represents(doc, "John Smith", "UA", "Ukraine", 0.9);
  assert_string_equal(role_text(doc, "President"), "President of Ukraine");
  tkg_document_free(doc);

  /* With "the" and a multi-token country. */
  doc = analyze("The Foreign Minister of the United States Jane Roe spoke.");
  expect_person(doc, "Jane Roe");
  expect_holds(doc, "Jane Roe", "Foreign Minister", "US", 0.9);
  expect_represents(doc, "Jane Roe", "US", "United States", 0.9);
  tkg_document_free(doc);
}

static void test_demonym_title(void **state)
{
  tkg_document *doc = analyze("Saudi Foreign Minister Omar Haddad spoke.");
  const tkgp_mention *m;
  (void)state;

  expect_person(doc, "Omar Haddad");
  expect_represents(doc, "Omar Haddad", "SA", "Saudi Arabia", 0.9);
  m = find_mention(doc, TKGP_CLASS_COUNTRY, "Saudi Arabia");
  assert_non_null(m);
  assert_int_equal(m->kind, TKGP_MENTION_DEMONYM);
  assert_string_equal(mention_text(doc, m), "Saudi");
  tkg_document_free(doc);
}

static void test_list_inherits_country(void **state)
{
  tkg_document *doc =
      analyze("French Foreign Minister Anne Blanc, and Defense Minister Carl Dumont "
              "arrived in Rome.");
  (void)state;

  expect_person(doc, "Anne Blanc");
  expect_person(doc, "Carl Dumont");
  expect_holds(doc, "Anne Blanc", "Foreign Minister", "FR", 0.9);
  expect_represents(doc, "Anne Blanc", "FR", "France", 0.9);
  /* The second item names no country: it takes France, less surely. */
  expect_holds(doc, "Carl Dumont", "Defense Minister", "FR", 0.6);
  expect_represents(doc, "Carl Dumont", "FR", "France", 0.6);
  assert_int_equal(count_class(doc, TKGP_CLASS_PERSON), 2);
  tkg_document_free(doc);

  /* A longer list with ";" and a third item. */
  doc = analyze("Ukrainian Foreign Minister Jan Kowalczyk; NSA Olga Nowak and "
                "Defense Minister Piotr Zielinski signed.");
  expect_represents(doc, "Jan Kowalczyk", "UA", "Ukraine", 0.9);
  expect_represents(doc, "Olga Nowak", "UA", "Ukraine", 0.6);
  expect_represents(doc, "Piotr Zielinski", "UA", "Ukraine", 0.6);
  tkg_document_free(doc);
}

static void test_list_broken_by_words(void **state)
{
  tkg_document *doc =
      analyze("French Foreign Minister Anne Blanc later met Defense Minister Carl Dumont.");
  (void)state;

  expect_represents(doc, "Anne Blanc", "FR", "France", 0.9);
  expect_person(doc, "Carl Dumont");
  /* Not a list: the second title has no country. */
  expect_holds(doc, "Carl Dumont", "Defense Minister", NULL, 0.9);
  expect_no_relation(doc, "represents", "Carl Dumont");
  tkg_document_free(doc);

  /* Nor across sentences. */
  doc = analyze("French Foreign Minister Anne Blanc spoke. Defense Minister Carl Dumont "
                "did not.");
  expect_represents(doc, "Anne Blanc", "FR", "France", 0.9);
  expect_holds(doc, "Carl Dumont", "Defense Minister", NULL, 0.9);
  expect_no_relation(doc, "represents", "Carl Dumont");
  tkg_document_free(doc);
}

/* "the US Secretary of State" later in a document is the person named
 * with that role before; a partial name is the full one; a capital that
 * acts is its state. */
static void test_later_mentions(void **state)
{
  tkg_document *doc = analyze(
      "US Secretary of State Jane Roe arrived in Oslo on Monday. "
      "Roe met the press. Later the US Secretary of State thanked Oslo. "
      "Moscow rejected the plan.");
  size_t i, titles = 0, roes = 0, moscow = 0;
  (void)state;

  for (i = 0; i < doc->found.n_mentions; i++) {
    const tkgp_mention *m = &doc->found.mentions[i];
    const char *text = mention_text(doc, m);
    if (m->kind == TKGP_MENTION_TITLE && m->sentence == 2) {
      titles++;
      assert_true(m->holder >= 0);
      assert_string_equal(doc->found.mentions[m->holder].entity.label, "Jane Roe");
    }
    if (strcmp(text, "Roe") == 0) {
      roes++;
      assert_int_equal(m->entity.cls, TKGP_CLASS_PERSON);
      assert_string_equal(m->entity.label, "Jane Roe");
    }
    if (strcmp(text, "Moscow") == 0) {
      moscow++;
      assert_int_equal(m->kind, TKGP_MENTION_METONYM);
      assert_int_equal(m->entity.cls, TKGP_CLASS_COUNTRY);
      assert_string_equal(m->entity.label, "Russia");
    }
  }
  assert_int_equal(titles, 1);
  assert_int_equal(roes, 1);
  assert_int_equal(moscow, 1);
  tkg_document_free(doc);
}

static void test_title_without_name(void **state)
{
  const char *texts[] = {
    "The Foreign Minister said nothing.",
    "Ukraine's foreign minister declined to comment.",
    "The president of Ukraine, who was absent, sent a letter.",
    "A US Secretary of State has never visited.",
    "Foreign Minister NATO said",
  };
  size_t i;
  (void)state;

  for (i = 0; i < sizeof texts / sizeof *texts; i++) {
    tkg_document *doc = analyze(texts[i]);
    /* A role may be mentioned ("Ukraine's foreign minister"), but no one
     * holds it here. */
    if (count_class(doc, TKGP_CLASS_PERSON) || doc->found.n_relations)
      fail_msg("a person or relation in \"%s\"", texts[i]);
    tkg_document_free(doc);
  }

  /* The country in such a sentence is still mentioned. */
  {
    tkg_document *doc = analyze("Ukraine's foreign minister declined to comment.");
    const tkgp_mention *m = find_mention(doc, TKGP_CLASS_COUNTRY, "Ukraine");
    assert_non_null(m);
    assert_string_equal(mention_text(doc, m), "Ukraine");
    tkg_document_free(doc);
  }
}

static void test_non_government_title(void **state)
{
  tkg_document *doc = analyze("US CEO Mary Major sold the company.");
  (void)state;

  expect_person(doc, "Mary Major");
  expect_holds(doc, "Mary Major", "Chief Executive", "US", 0.9);
  expect_no_relation(doc, "represents", "Mary Major");
  tkg_document_free(doc);

  doc = analyze("The board named Chairwoman Ada Stone.");
  expect_person(doc, "Ada Stone");
  expect_holds(doc, "Ada Stone", "Chairman", NULL, 0.9);
  expect_no_relation(doc, "represents", "Ada Stone");
  tkg_document_free(doc);
}

/* ---- names ------------------------------------------------------------- */

static void test_name_particles(void **state)
{
  tkg_document *doc = analyze("Saudi Foreign Minister Omar bin Khalid spoke on Tuesday.");
  (void)state;

  expect_person(doc, "Omar bin Khalid");
  expect_represents(doc, "Omar bin Khalid", "SA", "Saudi Arabia", 0.9);
  tkg_document_free(doc);

  doc = analyze("Dutch Prime Minister Pieter van der Berg spoke.");
  expect_person(doc, "Pieter van der Berg");
  expect_represents(doc, "Pieter van der Berg", "NL", "Netherlands", 0.9);
  tkg_document_free(doc);

  /* A particle that ends the name is not part of it. */
  doc = analyze("Foreign Minister Omar bin said no.");
  expect_person(doc, "Omar");
  tkg_document_free(doc);
}

static void test_hyphenated_name(void **state)
{
  tkg_document *doc = analyze("Kuwaiti Foreign Minister Salem Al-Sabah spoke.");
  (void)state;

  expect_person(doc, "Salem Al-Sabah");
  expect_represents(doc, "Salem Al-Sabah", "KW", "Kuwait", 0.9);
  tkg_document_free(doc);

  /* A spaced dash is not inside a name. */
  doc = analyze("Foreign Minister Salem - the host - spoke.");
  expect_person(doc, "Salem");
  tkg_document_free(doc);
}

static void test_possessive_after_name(void **state)
{
  tkg_document *doc = analyze("President John Smith's plan was approved.");
  (void)state;

  expect_person(doc, "John Smith");
  expect_holds(doc, "John Smith", "President", NULL, 0.9);
  tkg_document_free(doc);

  doc = analyze("President John Smith\xE2\x80\x99s plan was approved.");
  expect_person(doc, "John Smith");
  tkg_document_free(doc);
}

static void test_name_stops_at_next_title(void **state)
{
  tkg_document *doc =
      analyze("US Secretary of State Jane Roe and Ukrainian Foreign Minister Jan Kowalczyk met.");
  (void)state;

  expect_person(doc, "Jane Roe");
  expect_person(doc, "Jan Kowalczyk");
  expect_represents(doc, "Jane Roe", "US", "United States", 0.9);
  expect_represents(doc, "Jan Kowalczyk", "UA", "Ukraine", 0.9);
  tkg_document_free(doc);
}

static void test_non_ascii_name(void **state)
{
  tkg_document *doc = analyze("Swedish Foreign Minister Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m spoke.");
  (void)state;

  expect_person(doc, "Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m");
  expect_represents(doc, "Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m", "SE", "Sweden", 0.9);
  tkg_document_free(doc);
}

/* ---- countries --------------------------------------------------------- */

static void test_country_mentions(void **state)
{
  tkg_document *doc =
      analyze("Talks between Saudi Arabia and the United States resumed. "
              "U.S. officials met Ukrainian diplomats.");
  const tkgp_mention *m;
  (void)state;

  m = find_mention(doc, TKGP_CLASS_COUNTRY, "Saudi Arabia");
  assert_non_null(m);
  assert_string_equal(mention_text(doc, m), "Saudi Arabia");
  assert_int_equal(m->sentence, 0);
  m = find_mention(doc, TKGP_CLASS_COUNTRY, "United States");
  assert_non_null(m);
  assert_string_equal(mention_text(doc, m), "United States");
  assert_int_equal(count_class(doc, TKGP_CLASS_COUNTRY), 4);
  assert_int_equal(count_class(doc, TKGP_CLASS_PERSON), 0);
  {
    size_t i, us = 0, ua = 0;
    for (i = 0; i < doc->found.n_mentions; i++) {
      const tkgp_mention *k = &doc->found.mentions[i];
      if (k->sentence == 1 && strcmp(k->entity.country->iso, "US") == 0) {
        assert_string_equal(mention_text(doc, k), "U.S.");
        assert_int_equal(k->kind, TKGP_MENTION_NAME);
        us++;
      }
      if (k->sentence == 1 && strcmp(k->entity.country->iso, "UA") == 0) {
        assert_string_equal(mention_text(doc, k), "Ukrainian");
        assert_int_equal(k->kind, TKGP_MENTION_DEMONYM);
        ua++;
      }
    }
    assert_int_equal(us, 1);
    assert_int_equal(ua, 1);
  }
  tkg_document_free(doc);
}

static void test_not_country_mentions(void **state)
{
  const char *texts[] = {
    "She works at Bank of America in Charlotte.",
    "The America First movement held a rally.",
    "He flew Ukraine International Airlines.",
    "Climbers came down from Mount Kenya.",
    "Fishermen on Lake Chad said the water fell.",
  };
  size_t i;
  tkg_document *doc;
  (void)state;

  for (i = 0; i < sizeof texts / sizeof *texts; i++) {
    doc = analyze(texts[i]);
    if (count_class(doc, TKGP_CLASS_COUNTRY))
      fail_msg("a country in \"%s\"", texts[i]);
    tkg_document_free(doc);
  }

  /* The same names on their own are countries. */
  doc = analyze("America is large. Voters in America first asked.");
  assert_int_equal(count_class(doc, TKGP_CLASS_COUNTRY), 2);
  tkg_document_free(doc);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_country_title_name),
    cmocka_unit_test(test_possessive_country_comma),
    cmocka_unit_test(test_title_of_country),
    cmocka_unit_test(test_demonym_title),
    cmocka_unit_test(test_list_inherits_country),
    cmocka_unit_test(test_list_broken_by_words),
    cmocka_unit_test(test_title_without_name),
    cmocka_unit_test(test_later_mentions),
    cmocka_unit_test(test_non_government_title),
    cmocka_unit_test(test_name_particles),
    cmocka_unit_test(test_hyphenated_name),
    cmocka_unit_test(test_possessive_after_name),
    cmocka_unit_test(test_name_stops_at_next_title),
    cmocka_unit_test(test_non_ascii_name),
    cmocka_unit_test(test_country_mentions),
    cmocka_unit_test(test_not_country_mentions),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
