/* test_treefix.c - unit tests for mending the parse (titled names, split
 * compounds, datelines)
 * SPDX-License-Identifier: MIT
 *
 * Each test writes a sentence's parse by hand (the tree the parser gets
 * wrong), marks the titled name as the mention stage would, mends, and
 * checks heads and relations word by word.
 */
#include "testutil.h"

#include "mention/treefix.h"

#define MAX_WORDS 32

/* One word of a hand-written parse: form, UPOS, lemma, head, relation. */
typedef struct row {
  const char *form, *upos, *lemma;
  int head;
  const char *deprel;
} row;

typedef struct fixture {
  tkgp_arena arena;
  tkgp_tokens tokens;
  tkgp_nlp_word words[MAX_WORDS];
  tkgp_mention_list list;
  char text[512];
} fixture;

/* Tokenize the forms of ROWS joined by spaces and copy the parse. */
static void build_plain(fixture *f, const row *rows, size_t n)
{
  size_t k, at = 0;
  memset(f, 0, sizeof *f);
  for (k = 0; k < n; k++)
    at += (size_t)snprintf(f->text + at, sizeof f->text - at, "%s%s", k ? " " : "",
                           rows[k].form);
  tkgp_arena_init(&f->arena, 0);
  assert_int_equal(tkgp_tokenize(&f->tokens, &f->arena, f->text, at), 0);
  assert_int_equal(f->tokens.n_tokens, n);
  for (k = 0; k < n; k++) {
    f->words[k].form = rows[k].form;
    f->words[k].upos = rows[k].upos;
    f->words[k].lemma = rows[k].lemma;
    f->words[k].head = rows[k].head;
    f->words[k].deprel = rows[k].deprel;
  }
}

/* The parse of ROWS (see build_plain()) with a title mention over words
 * [title_first, title_last] held by a name over [name_first, name_last]
 * (1-based, as heads are). */
static void build(fixture *f, const row *rows, size_t n, int title_first, int title_last,
                  int name_first, int name_last)
{
  tkgp_entity_ref ref;
  size_t title, name;
  build_plain(f, rows, n);
  assert_int_equal(f->tokens.n_sentences, 1);
  memset(&ref, 0, sizeof ref);
  ref.cls = TKGP_CLASS_PERSON;
  ref.label = "person";
  assert_int_equal(tkgp_mentions_add(&f->list, f->tokens.tokens[name_first - 1].start,
                                     f->tokens.tokens[name_last - 1].end, 0,
                                     TKGP_MENTION_NAME, &ref, &name), 0);
  ref.cls = TKGP_CLASS_ROLE;
  ref.label = "role";
  assert_int_equal(tkgp_mentions_add(&f->list, f->tokens.tokens[title_first - 1].start,
                                     f->tokens.tokens[title_last - 1].end, 0,
                                     TKGP_MENTION_TITLE, &ref, &title), 0);
  f->list.mentions[title].holder = (long)name;
}

static void finish(fixture *f)
{
  tkgp_mentions_finish(&f->list);
  tkgp_arena_finish(&f->arena);
}

static void assert_word(const fixture *f, int i, int head, const char *deprel)
{
  if (f->words[i - 1].head != head || strcmp(f->words[i - 1].deprel, deprel) != 0)
    fail_msg("word %d (%s): head %d %s, expected %d %s", i, f->words[i - 1].form,
             f->words[i - 1].head, f->words[i - 1].deprel, head, deprel);
}

/* "meet Russian Foreign Minister X": the demonym made an xcomp of the
 * verb, the name an obl under it. */
static void test_demonym_made_head(void **state)
{
  static const row rows[] = {
    {"Lee", "PROPN", "Lee", 3, "nsubj"},
    {"will", "AUX", "will", 3, "aux"},
    {"meet", "VERB", "meet", 0, "root"},
    {"Russian", "ADJ", "russian", 3, "xcomp"},
    {"Foreign", "ADJ", "foreign", 6, "amod"},
    {"Minister", "PROPN", "Minister", 7, "nmod:desc"},
    {"Pavel", "PROPN", "Pavel", 4, "obl"},
    {"Orlov", "PROPN", "Orlov", 7, "flat"},
    {".", "PUNCT", ".", 3, "punct"},
  };
  fixture f;
  (void)state;
  build(&f, rows, 9, 4, 6, 7, 8);
  assert_int_equal(tkgp_treefix_titled(f.words, &f.tokens, &f.list), 1);
  assert_word(&f, 7, 3, "obj"); /* the name takes the phrase's place */
  assert_word(&f, 4, 7, "amod");
  assert_word(&f, 6, 7, "nmod:desc"); /* inside the phrase: untouched */
  assert_word(&f, 8, 7, "flat");
  finish(&f);
}

/* "led by Ukrainian Foreign Minister X": "by" made an advmod holding the
 * demonym; it becomes the name's case marker, the name the agent. */
static void test_preposition_becomes_case(void **state)
{
  static const row rows[] = {
    {"The", "DET", "the", 2, "det"},
    {"talks", "NOUN", "talk", 4, "nsubj:pass"},
    {"were", "AUX", "be", 4, "aux:pass"},
    {"led", "VERB", "lead", 0, "root"},
    {"by", "ADP", "by", 4, "advmod"},
    {"Ukrainian", "ADJ", "ukrainian", 5, "amod"},
    {"Foreign", "ADJ", "foreign", 8, "amod"},
    {"Minister", "PROPN", "Minister", 9, "nmod:desc"},
    {"Olena", "PROPN", "Olena", 6, "obl"},
    {"Marchuk", "PROPN", "Marchuk", 9, "flat"},
    {".", "PUNCT", ".", 4, "punct"},
  };
  fixture f;
  (void)state;
  build(&f, rows, 11, 6, 8, 9, 10);
  assert_int_equal(tkgp_treefix_titled(f.words, &f.tokens, &f.list), 1);
  assert_word(&f, 9, 4, "obl:agent");
  assert_word(&f, 5, 9, "case");
  assert_word(&f, 6, 9, "amod");
  finish(&f);
}

/* "Dutch Foreign Minister X attended": the demonym made the root and the
 * verb a ccomp under it; the verb becomes the root again. */
static void test_verb_takes_back_the_root(void **state)
{
  static const row rows[] = {
    {"Dutch", "ADJ", "dutch", 0, "root"},
    {"Foreign", "ADJ", "foreign", 3, "amod"},
    {"Minister", "PROPN", "Minister", 4, "nmod:desc"},
    {"Anna", "PROPN", "Anna", 5, "nsubj"},
    {"attended", "VERB", "attend", 1, "ccomp"},
    {"the", "DET", "the", 7, "det"},
    {"summit", "NOUN", "summit", 5, "obj"},
    {".", "PUNCT", ".", 1, "punct"},
  };
  fixture f;
  (void)state;
  build(&f, rows, 8, 1, 3, 4, 4);
  assert_int_equal(tkgp_treefix_titled(f.words, &f.tokens, &f.list), 1);
  assert_word(&f, 5, 0, "root");
  assert_word(&f, 4, 5, "nsubj");
  assert_word(&f, 1, 4, "amod");
  finish(&f);
}

/* A phrase the parser got right is left as it is. */
static void test_good_parse_untouched(void **state)
{
  static const row rows[] = {
    {"Chinese", "ADJ", "chinese", 3, "amod"},
    {"Foreign", "ADJ", "foreign", 3, "amod"},
    {"Minister", "PROPN", "Minister", 4, "nmod:desc"},
    {"Li", "PROPN", "Li", 6, "nsubj"},
    {"Wenhao", "PROPN", "Wenhao", 4, "flat"},
    {"left", "VERB", "leave", 0, "root"},
    {".", "PUNCT", ".", 6, "punct"},
  };
  fixture f;
  (void)state;
  build(&f, rows, 7, 1, 3, 4, 5);
  assert_int_equal(tkgp_treefix_titled(f.words, &f.tokens, &f.list), 0);
  assert_word(&f, 4, 6, "nsubj");
  assert_word(&f, 1, 3, "amod");
  finish(&f);
}

/* A title set off by a comma ("the foreign minister, Jane Roe") is an
 * apposition, which the parser reads well: left alone even when the
 * parse is odd. */
static void test_apposition_untouched(void **state)
{
  static const row rows[] = {
    {"The", "DET", "the", 3, "det"},
    {"foreign", "ADJ", "foreign", 3, "amod"},
    {"minister", "NOUN", "minister", 8, "nsubj"},
    {",", "PUNCT", ",", 5, "punct"},
    {"Jane", "PROPN", "Jane", 3, "appos"},
    {"Roe", "PROPN", "Roe", 5, "flat"},
    {",", "PUNCT", ",", 5, "punct"},
    {"spoke", "VERB", "speak", 0, "root"},
  };
  fixture f;
  size_t k;
  (void)state;
  build(&f, rows, 8, 2, 3, 5, 6);
  assert_int_equal(tkgp_treefix_titled(f.words, &f.tokens, &f.list), 0);
  for (k = 0; k < 8; k++)
    assert_word(&f, (int)k + 1, rows[k].head, rows[k].deprel);
  finish(&f);
}

/* "might meet Russian Foreign Minister X next month": the phrase, whole,
 * hung as an apposition of the word after it, is the verb's object. */
static void test_object_hung_on_a_later_word(void **state)
{
  static const row rows[] = {
    {"Lee", "PROPN", "Lee", 3, "nsubj"},
    {"might", "AUX", "might", 3, "aux"},
    {"meet", "VERB", "meet", 0, "root"},
    {"Russian", "ADJ", "russian", 6, "amod"},
    {"Minister", "PROPN", "Minister", 6, "nmod:desc"},
    {"Pavel", "PROPN", "Pavel", 9, "appos"},
    {"Orlov", "PROPN", "Orlov", 6, "flat"},
    {"next", "ADJ", "next", 9, "amod"},
    {"month", "NOUN", "month", 3, "obl:unmarked"},
    {".", "PUNCT", ".", 3, "punct"},
  };
  fixture f;
  (void)state;
  build(&f, rows, 10, 4, 5, 6, 7);
  assert_int_equal(tkgp_treefix_titled(f.words, &f.tokens, &f.list), 1);
  assert_word(&f, 6, 3, "obj");
  assert_word(&f, 9, 3, "obl:unmarked");
  finish(&f);
}

/* "said Foreign Minister X would attend": the subject of a clause after
 * the verb stays its subject. */
static void test_subject_of_complement_untouched(void **state)
{
  static const row rows[] = {
    {"Berg", "PROPN", "Berg", 2, "nsubj"},
    {"said", "VERB", "say", 0, "root"},
    {"Minister", "PROPN", "Minister", 4, "nmod:desc"},
    {"Jane", "PROPN", "Jane", 7, "nsubj"},
    {"Roe", "PROPN", "Roe", 4, "flat"},
    {"would", "AUX", "would", 7, "aux"},
    {"attend", "VERB", "attend", 2, "ccomp"},
    {".", "PUNCT", ".", 2, "punct"},
  };
  fixture f;
  (void)state;
  build(&f, rows, 8, 3, 3, 4, 5);
  assert_int_equal(tkgp_treefix_titled(f.words, &f.tokens, &f.list), 0);
  assert_word(&f, 4, 7, "nsubj");
  finish(&f);
}

/* "Qatari Prime Minister X welcomed Y": the demonym made the root and
 * the verb a flat of the name; the verb takes the root back. */
static void test_verb_under_name(void **state)
{
  static const row rows[] = {
    {"Qatari", "PROPN", "Qatari", 0, "root"},
    {"Minister", "PROPN", "Minister", 3, "nmod:desc"},
    {"Khalid", "PROPN", "Khalid", 1, "conj"},
    {"welcomed", "VERB", "welcome", 3, "flat"},
    {"Karimi", "PROPN", "Karimi", 4, "obj"},
    {".", "PUNCT", ".", 1, "punct"},
  };
  fixture f;
  (void)state;
  build(&f, rows, 6, 1, 2, 3, 3);
  assert_int_equal(tkgp_treefix_titled(f.words, &f.tokens, &f.list), 1);
  assert_word(&f, 4, 0, "root");
  assert_word(&f, 3, 4, "nsubj");
  assert_word(&f, 1, 3, "compound");
  assert_word(&f, 5, 4, "obj");
  finish(&f);
}

/* "halted arms shipments and food aid" with "food" and "aid" both
 * conjuncts of "shipments": "food" becomes a compound of "aid", which
 * takes the "and". */
static void test_split_compound_joined(void **state)
{
  static const row rows[] = {
      {"Kenya", "PROPN", "Kenya", 2, "nsubj"},   {"halted", "VERB", "halt", 0, "root"},
      {"arms", "NOUN", "arm", 4, "compound"},    {"shipments", "NOUN", "shipment", 2, "obj"},
      {"and", "CCONJ", "and", 6, "cc"},          {"food", "NOUN", "food", 4, "conj"},
      {"aid", "NOUN", "aid", 4, "conj"},         {".", "PUNCT", ".", 2, "punct"},
  };
  fixture f;
  (void)state;
  build_plain(&f, rows, sizeof rows / sizeof *rows);
  assert_int_equal(tkgp_treefix_conjuncts(f.words, &f.tokens), 1);
  assert_word(&f, 6, 7, "compound");
  assert_word(&f, 7, 4, "conj");
  assert_word(&f, 5, 7, "cc");
  assert_word(&f, 4, 2, "obj");
  finish(&f);
}

/* Conjuncts set apart by a comma, and two names side by side, are left
 * as they are. */
static void test_true_conjuncts_untouched(void **state)
{
  static const row rows[] = {
      {"Peru", "PROPN", "Peru", 5, "nsubj"},  {",", "PUNCT", ",", 3, "punct"},
      {"Chile", "PROPN", "Chile", 1, "conj"}, {"Quito", "PROPN", "Quito", 1, "conj"},
      {"signed", "VERB", "sign", 0, "root"},  {"food", "NOUN", "food", 5, "obj"},
      {",", "PUNCT", ",", 8, "punct"},        {"aid", "NOUN", "aid", 6, "conj"},
  };
  fixture f;
  (void)state;
  build_plain(&f, rows, sizeof rows / sizeof *rows);
  assert_int_equal(tkgp_treefix_conjuncts(f.words, &f.tokens), 0);
  assert_word(&f, 3, 1, "conj");
  assert_word(&f, 4, 1, "conj");
  assert_word(&f, 8, 6, "conj");
  finish(&f);
}

/* "OSLO - Norway signed a deal." with the dateline's place made the root:
 * the verb takes the root back, the dateline hangs on it as "dep", and
 * the final stop the parser hung on the place goes to the verb. */
static void test_dateline_detached(void **state)
{
  static const row rows[] = {
      {"OSLO", "PROPN", "Oslo", 0, "root"},     {"\xe2\x80\x94", "PUNCT", "-", 1, "punct"},
      {"Norway", "PROPN", "Norway", 4, "nsubj"}, {"signed", "VERB", "sign", 1, "parataxis"},
      {"a", "DET", "a", 6, "det"},               {"deal", "NOUN", "deal", 4, "obj"},
      {".", "PUNCT", ".", 1, "punct"},
  };
  fixture f;
  (void)state;
  build_plain(&f, rows, sizeof rows / sizeof *rows);
  assert_true(f.tokens.tokens[0].flags & TKGP_TOKEN_DATELINE);
  assert_int_equal(tkgp_treefix_datelines(f.words, &f.tokens), 1);
  assert_word(&f, 1, 4, "dep");
  assert_word(&f, 2, 1, "punct");
  assert_word(&f, 4, 0, "root");
  assert_word(&f, 7, 4, "punct");
  assert_word(&f, 3, 4, "nsubj");
  finish(&f);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_demonym_made_head),
    cmocka_unit_test(test_preposition_becomes_case),
    cmocka_unit_test(test_verb_takes_back_the_root),
    cmocka_unit_test(test_good_parse_untouched),
    cmocka_unit_test(test_apposition_untouched),
    cmocka_unit_test(test_object_hung_on_a_later_word),
    cmocka_unit_test(test_subject_of_complement_untouched),
    cmocka_unit_test(test_verb_under_name),
    cmocka_unit_test(test_split_compound_joined),
    cmocka_unit_test(test_true_conjuncts_untouched),
    cmocka_unit_test(test_dateline_detached),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
