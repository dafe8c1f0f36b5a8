/* test_robust.c - texts that end where a stage looks ahead
 * SPDX-License-Identifier: MIT
 *
 * Every stage that looks at the words after the one it is reading (titles,
 * demonyms, countries, name rules, coreference, relations) must stop at
 * the end of the sentence and of the text. A text may end anywhere: a
 * truncated feed, a headline, a byline. These tests build documents that
 * end right after each kind of word the lexicon knows, and every prefix of
 * the project's own texts cut at a word boundary, through every writer
 * but the rendered images. Under ASan (--enable-asan, where each arena
 * allocation is its own block) a read past the last token is caught.
 */
#include "testutil.h"

#include "core/world.h"
#include "lexicon/gazetteer.h"
#include "lexicon/lexicon.h"

static const char *const formats[] = {"turtle", "ntriples", "nquads", "rdfxml", "json", "dot"};

/* Analyze LENGTH bytes of TEXT and write the graph in every format. */
static void build_all(tkg_world *w, const char *text, size_t length)
{
  tkg_document *doc = NULL;
  tkg_graph *g = NULL;
  size_t i;
  FILE *null = fopen("/dev/null", "w");

  assert_non_null(null);
  if (tkg_document_new(&doc, w, "robust", text, length) != 0) {
    /* Only invalid input may be refused, and with a message. */
    assert_true(tkg_world_last_error(w)[0] != '\0');
    fclose(null);
    return;
  }
  if (tkg_document_analyze(doc) != 0)
    fail_msg("analyze failed on \"%.*s\": %s", (int)length, text, tkg_world_last_error(w));
  assert_int_equal(tkg_graph_new(&g, w), 0);
  assert_int_equal(tkg_graph_add_document(g, doc), 0);
  for (i = 0; i < sizeof formats / sizeof *formats; i++)
    if (tkg_writer_write(g, formats[i], null) != 0)
      fail_msg("%s failed on \"%.*s\"", formats[i], (int)length, text);
  tkg_graph_free(g);
  tkg_document_free(doc);
  fclose(null);
}

static void build_string(tkg_world *w, const char *text)
{
  build_all(w, text, strlen(text));
}

/* The forms that crashed `textkg build` (no final punctuation, no newline). */
static void test_ends_in_demonym(void **state)
{
  tkg_world *w = test_world();
  (void)state;
  build_string(w, "He spoke to the Ukrainian");
  build_string(w, "The minister of the Ukrainian");
  build_string(w, "He is the chairman of the French");
  build_string(w, "(Interview with Jan Kowal, chairman of the Ukrainian");
  tkg_world_free(w);
}

/* A demonym after "of" or "to" where a country may follow a title or its
 * holder: it once left a country marker without a country (a crash). */
static void test_demonym_after_title(void **state)
{
  tkg_world *w = test_world();
  (void)state;
  build_string(w, "Vice President Jane Roe of French descent said the talks would go on.");
  build_string(w, "The Minister of French Affairs spoke.");
  build_string(w, "The Polish ambassador to French Guiana, Jan Kowal, spoke.");
  tkg_world_free(w);
}

/* Templates in which "%s" is a word or phrase of the lexicon: at the very
 * end, before a full stop, and in a second sentence. */
static const char *const templates[] = {
  "%s",
  "the %s",
  "He spoke to the %s",
  "The minister of the %s",
  "She met %s",
  "They said %s.",
  "Talks began. %s",
  "Jan Kowal, the %s",
  "Vice President Jan Kowal of %s descent spoke.",
  "The Minister of %s Affairs spoke.",
  "The Polish ambassador to %s, Jan Kowal, spoke.",
};

static void build_with(tkg_world *w, const char *phrase)
{
  char text[512];
  size_t t;
  for (t = 0; t < sizeof templates / sizeof *templates; t++) {
    int n = snprintf(text, sizeof text, templates[t], phrase);
    if (n > 0 && (size_t)n < sizeof text)
      build_all(w, text, (size_t)n);
  }
}

static void build_list(tkg_world *w, const char *const *words, size_t n)
{
  size_t i;
  for (i = 0; i < n; i++)
    build_with(w, words[i]);
}

static void build_wordlist(tkg_world *w, const tkgp_wordlist *list)
{
  build_list(w, list->lemmas, list->n_lemmas);
}

/* Every title, country name, demonym, capital and seat of government, and
 * every word of the lexicon's word lists, at the end of a text. */
static void test_ends_in_lexicon_word(void **state)
{
  tkg_world *w = test_world();
  const tkgp_lexicon *lex;
  size_t i;
  (void)state;

  /* The gazetteer, the lexicon and the models are opened on first use. */
  build_string(w, "Start.");
  lex = w->lexicon;
  assert_non_null(lex);
  for (i = 0; i < lex->n_titles; i++)
    build_list(w, lex->titles[i].names, lex->titles[i].n_names);
  for (i = 0; i < lex->n_countries; i++) {
    const tkgp_country_names *c = &lex->countries[i];
    if (c->label)
      build_with(w, c->label);
    build_list(w, c->names, c->n_names);
    build_list(w, c->demonyms, c->n_demonyms);
    build_list(w, c->capitals, c->n_capitals);
    build_list(w, c->seats, c->n_seats);
  }
  build_list(w, lex->particles, lex->n_particles);
  for (i = 0; i < lex->n_event_nouns; i++)
    build_wordlist(w, &lex->event_nouns[i]);
  for (i = 0; i < lex->n_group_nouns; i++)
    build_wordlist(w, &lex->group_nouns[i]);
  for (i = 0; i < lex->n_modals; i++)
    build_wordlist(w, &lex->modals[i]);
  build_wordlist(w, &lex->conditions);
  build_wordlist(w, &lex->denials);
  build_wordlist(w, &lex->event_name_words);
  build_wordlist(w, &lex->post_nominals);
  build_wordlist(w, &lex->org_words);
  build_wordlist(w, &lex->place_words);
  build_wordlist(w, &lex->settlement_nouns);
  build_wordlist(w, &lex->region_nouns);
  for (i = 0; i < lex->n_frames; i++)
    build_list(w, lex->frames[i].lemmas, lex->frames[i].n_lemmas);
  tkg_world_free(w);
}

/* Every prefix of the file PATH that ends before a space or a newline,
 * and the whole file. */
static void build_prefixes(tkg_world *w, const char *path)
{
  size_t len, i;
  unsigned char *text = test_slurp(path, &len);
  for (i = 1; i <= len; i++)
    if (i == len || text[i] == ' ' || text[i] == '\n')
      build_all(w, (const char *)text, i);
  free(text);
}

static void test_prefixes_of_examples(void **state)
{
  static const char *const files[] = {
    "examples/flood-relief.txt", "examples/harbour-strike.txt", "examples/lakeside-talks.txt",
    "tests/golden/escaping.txt", "tests/golden/titles.txt",
  };
  tkg_world *w = test_world();
  size_t i;
  (void)state;
  for (i = 0; i < sizeof files / sizeof *files; i++) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", test_srcdir(), files[i]);
    build_prefixes(w, path);
  }
  tkg_world_free(w);
}

/* Each sentence of the linguistic cases, cut at every word boundary. */
static void test_prefixes_of_cases(void **state)
{
  char path[1024], *line = NULL;
  size_t cap = 0;
  ssize_t n;
  FILE *fp;
  tkg_world *w = test_world();
  (void)state;

  snprintf(path, sizeof path, "%s/tests/cases/relations.txt", test_srcdir());
  fp = fopen(path, "r");
  assert_non_null(fp);
  while ((n = getline(&line, &cap, fp)) > 0) {
    ssize_t i;
    if (line[n - 1] == '\n')
      line[--n] = '\0';
    /* Sentences only: not comments, expectations or blank lines. */
    if (n == 0 || strchr("#+~-!", line[0]))
      continue;
    for (i = 1; i <= n; i++)
      if (i == n || line[i] == ' ')
        build_all(w, line, (size_t)i);
  }
  free(line);
  fclose(fp);
  tkg_world_free(w);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_ends_in_demonym),
    cmocka_unit_test(test_demonym_after_title),
    cmocka_unit_test(test_ends_in_lexicon_word),
    cmocka_unit_test(test_prefixes_of_examples),
    cmocka_unit_test(test_prefixes_of_cases),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
