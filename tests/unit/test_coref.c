/* test_coref.c - unit tests for coreference: scorers, mentions, sieves
 * SPDX-License-Identifier: MIT
 *
 * Sentences are given already tagged and parsed (form|UPOS|head|deprel,
 * optional |feats), so these tests need no model files. All names are
 * invented.
 */
#include "testutil.h"

#include "core/world.h"
#include "coref/coref.h"
#include "eval/coref_score.h"

#include <math.h>

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

#define MAX_WORDS 64
#define MAX_SENTS 8

/* One document's sentences; the strings live in `text`. */
typedef struct doc {
  char text[MAX_SENTS][1024];
  tkgp_nlp_word words[MAX_SENTS][MAX_WORDS];
  size_t n[MAX_SENTS];
  size_t n_sents;
  tkgp_coref *coref;
} doc;

/* Parse "form|UPOS|head|deprel[|feats] ..." into sentence S of D; the
 * lemma is the lowercased form, except for the few plurals we use. */
static void parse_sentence(doc *d, const char *spec)
{
  size_t s = d->n_sents++, n = 0;
  char *save = NULL, *tok;
  assert_true(s < MAX_SENTS);
  assert_true(strlen(spec) < sizeof d->text[s]);
  strcpy(d->text[s], spec);
  for (tok = strtok_r(d->text[s], " ", &save); tok;
       tok = strtok_r(NULL, " ", &save)) {
    tkgp_nlp_word *w = &d->words[s][n++];
    char *f[5] = {NULL, NULL, NULL, NULL, NULL}, *p = tok;
    size_t k;
    assert_true(n <= MAX_WORDS);
    for (k = 0; k < 5 && p; k++) {
      f[k] = p;
      p = strchr(p, '|');
      if (p)
        *p++ = '\0';
    }
    assert_non_null(f[3]);
    w->form = f[0];
    w->lemma = f[0];
    w->upos = f[1];
    w->xpos =
        strcmp(f[1], "PART") == 0 && strcmp(f[0], "'s") == 0 ? "POS" : "_";
    w->head = atoi(f[2]);
    w->deprel = f[3];
    w->feats = f[4] ? f[4] : "_";
  }
  d->n[s] = n;
}

/* Build and resolve a document from NULL-terminated sentence specs. */
static doc *make_doc(const char *first, ...)
{
  doc *d = calloc(1, sizeof *d);
  va_list ap;
  const char *spec;
  size_t s;
  assert_non_null(d);
  va_start(ap, first);
  for (spec = first; spec; spec = va_arg(ap, const char *))
    parse_sentence(d, spec);
  va_end(ap);
  assert_int_equal(tkgp_coref_new(&d->coref, world->gazetteer, NULL), 0);
  for (s = 0; s < d->n_sents; s++)
    assert_int_equal(tkgp_coref_add_sentence(d->coref, d->words[s], d->n[s]),
                     0);
  return d;
}

static void free_doc(doc *d)
{
  tkgp_coref_free(d->coref);
  free(d);
}

/* The mention whose words are exactly TEXT (space-separated), or fail. */
static const tkgp_coref_mention *find_mention(const doc *d, const char *text)
{
  size_t n, i, k;
  const tkgp_coref_mention *m = tkgp_coref_mentions(d->coref, &n);
  for (i = 0; i < n; i++) {
    char buf[512] = "";
    for (k = m[i].start; k < m[i].end; k++) {
      if (k > m[i].start)
        strcat(buf, " ");
      strcat(buf, tkgp_coref_word(d->coref, k)->form);
    }
    if (strcmp(buf, text) == 0)
      return &m[i];
  }
  fail_msg("no mention '%s'", text);
  return NULL;
}

static int same_chain(const doc *d, const char *a, const char *b)
{
  return find_mention(d, a)->chain == find_mention(d, b)->chain;
}

/* ---- scorers ------------------------------------------------------------- */

#define CLOSE(x, y) assert_true(fabs((x) - (y)) < 1e-4)

static void check_prf(const tkgp_coref_counts *c, double r, double p)
{
  double rr, pp, ff;
  tkgp_coref_prf(c, &rr, &pp, &ff);
  CLOSE(rr, r);
  CLOSE(pp, p);
  CLOSE(ff, r + p > 0 ? 2 * r * p / (r + p) : 0);
}

/* Pradhan et al. (2014), "Scoring coreference partitions of predicted
 * mentions", figure 1: key {a b c} {d e f g}, response {a b} {c d}
 * {f g h i}; the values, worked out below, are those of the paper's
 * table: MUC 40/40, B3 41.67/50, CEAFe 65/43.33. */
static void test_score_pradhan(void **state)
{
  /* mentions a..i at positions 0..8 */
  static const tkgp_coref_span key[] = {{0, 1, 1}, {1, 2, 1}, {2, 3, 1},
                                        {3, 4, 2}, {4, 5, 2}, {5, 6, 2},
                                        {6, 7, 2}};
  static const tkgp_coref_span resp[] = {{0, 1, 10}, {1, 2, 10}, {2, 3, 11},
                                         {3, 4, 11}, {5, 6, 12}, {6, 7, 12},
                                         {7, 8, 12}, {8, 9, 12}};
  tkgp_coref_score sc;
  (void)state;
  memset(&sc, 0, sizeof sc);
  assert_int_equal(tkgp_coref_score_add(&sc, key, 7, resp, 8, 1), 0);
  /* MUC: recall (1 + 1) / (2 + 3), precision (1 + 0 + 1) / (1 + 1 + 3) */
  check_prf(&sc.m[TKGP_METRIC_MUC], 0.4, 0.4);
  /* B3: recall (4/3 + 1/3 + 1/4 + 4/4) / 7 = 35/84;
   *     precision (4/2 + 1/2 + 1/2 + 4/4) / 8 = 1/2 */
  check_prf(&sc.m[TKGP_METRIC_B3], 35.0 / 84.0, 0.5);
  /* CEAFe: best alignment {abc}-{ab} (2*2/5) + {defg}-{fghi} (2*2/8) */
  check_prf(&sc.m[TKGP_METRIC_CEAFE], 1.3 / 2.0, 1.3 / 3.0);
  assert_int_equal(sc.key_mentions, 7);
  assert_int_equal(sc.response_mentions, 8);
  assert_int_equal(sc.matched_mentions, 6);
}

static void test_score_perfect_and_singletons(void **state)
{
  static const tkgp_coref_span key[] = {
      {0, 2, 7}, {5, 6, 7}, {8, 9, 3}, {10, 12, 9}};
  /* the same partition with other ids, in another order */
  static const tkgp_coref_span resp[] = {
      {10, 12, 0}, {8, 9, 4}, {5, 6, 1}, {0, 2, 1}};
  /* the singleton {8,9} left out, a spurious singleton added */
  static const tkgp_coref_span resp2[] = {
      {0, 2, 1}, {5, 6, 1}, {10, 12, 2}, {20, 21, 3}};
  tkgp_coref_score sc;
  int m;
  (void)state;
  memset(&sc, 0, sizeof sc);
  assert_int_equal(tkgp_coref_score_add(&sc, key, 4, resp, 4, 1), 0);
  for (m = 0; m < TKGP_METRICS; m++)
    check_prf(&sc.m[m], 1.0, 1.0);

  /* with singletons: B3 recall 3/4, precision 3/4; CEAFe 2 of 3 chains on
   * either side */
  memset(&sc, 0, sizeof sc);
  assert_int_equal(tkgp_coref_score_add(&sc, key, 4, resp2, 4, 1), 0);
  check_prf(&sc.m[TKGP_METRIC_MUC], 1.0, 1.0);
  check_prf(&sc.m[TKGP_METRIC_B3], 0.75, 0.75);
  check_prf(&sc.m[TKGP_METRIC_CEAFE], 2.0 / 3.0, 2.0 / 3.0);
  /* without singletons both sides keep only the chain {0-2, 5-6} */
  memset(&sc, 0, sizeof sc);
  assert_int_equal(tkgp_coref_score_add(&sc, key, 4, resp2, 4, 0), 0);
  for (m = 0; m < TKGP_METRICS; m++)
    check_prf(&sc.m[m], 1.0, 1.0);
  assert_int_equal(sc.key_mentions, 2);
}

static void test_score_empty_response(void **state)
{
  static const tkgp_coref_span key[] = {{0, 1, 1}, {2, 3, 1}};
  tkgp_coref_score sc;
  int m;
  (void)state;
  memset(&sc, 0, sizeof sc);
  assert_int_equal(tkgp_coref_score_add(&sc, key, 2, NULL, 0, 1), 0);
  for (m = 0; m < TKGP_METRICS; m++)
    check_prf(&sc.m[m], 0.0, 0.0);
}

/* ---- mention detection --------------------------------------------------- */

static void test_mention_spans(void **state)
{
  /* "The old bridge over the river that the town built collapsed in
   *  Vellmar 's storm ." */
  doc *d = make_doc(
      "The|DET|3|det old|ADJ|3|amod bridge|NOUN|11|nsubj over|ADP|6|case "
      "the|DET|6|det river|NOUN|3|nmod that|PRON|10|obj the|DET|9|det "
      "town|NOUN|10|nsubj built|VERB|3|acl:relcl collapsed|VERB|0|root "
      "in|ADP|16|case Vellmar|PROPN|16|nmod:poss 's|PART|13|case "
      "spring|NOUN|16|compound storm|NOUN|11|obl .|PUNCT|11|punct",
      NULL);
  size_t n;
  (void)state;
  assert_int_equal(tkgp_coref_resolve(d->coref), 0);
  /* the relative clause stays in, the preposition and full stop do not */
  find_mention(d, "The old bridge over the river that the town built");
  find_mention(d, "the river");
  find_mention(d, "the town");
  find_mention(d, "Vellmar 's spring storm");
  find_mention(d, "Vellmar 's"); /* GUM keeps the possessive 's */
  find_mention(d, "spring");     /* a compound noun is a mention too */
  /* the relative pronoun is not a mention */
  tkgp_coref_mentions(d->coref, &n);
  assert_int_equal(n, 6);
  free_doc(d);
}

static void test_mention_external_type(void **state)
{
  /* "Ilsa Koren waved ." with a person span added by a caller */
  doc *d = make_doc("Ilsa|PROPN|3|nsubj Koren|PROPN|1|flat waved|VERB|0|root "
                    ".|PUNCT|3|punct",
                    NULL);
  const tkgp_coref_mention *m;
  (void)state;
  assert_int_equal(
      tkgp_coref_add_mention(d->coref, 0, 0, 2, TKGP_COREF_PERSON, 0), 0);
  assert_int_equal(
      tkgp_coref_add_mention(d->coref, 0, 3, 9, TKGP_COREF_PERSON, 0),
      TKG_EINVAL);
  assert_int_equal(tkgp_coref_resolve(d->coref), 0);
  m = find_mention(d, "Ilsa Koren");
  assert_int_equal(m->type, TKGP_COREF_PERSON);
  assert_int_equal(m->kind, TKGP_COREF_PROPER);
  assert_true(m->external);
  /* the name's last word is its head for name matching */
  assert_string_equal(tkgp_coref_word(d->coref, m->name_head)->form, "Koren");
  free_doc(d);
}

/* ---- sieves -------------------------------------------------------------- */

static void test_sieve_exact(void **state)
{
  doc *d = make_doc(
      "The|DET|3|det harbour|NOUN|3|compound board|NOUN|4|nsubj "
      "met|VERB|0|root .|PUNCT|4|punct",
      "Reporters|NOUN|2|nsubj|Number=Plur asked|VERB|0|root the|DET|5|det "
      "harbour|NOUN|5|compound board|NOUN|2|obj .|PUNCT|2|punct",
      NULL);
  (void)state;
  assert_int_equal(tkgp_coref_resolve(d->coref), 0);
  assert_true(same_chain(d, "The harbour board", "the harbour board"));
  assert_false(same_chain(d, "The harbour board", "Reporters"));
  free_doc(d);
}

static void test_sieve_appositive_and_predicate(void **state)
{
  /* "Tomas Brindle , the mayor , spoke ." "Orlen Vask is the director ." */
  doc *d = make_doc(
      "Tomas|PROPN|7|nsubj Brindle|PROPN|1|flat ,|PUNCT|5|punct "
      "the|DET|5|det mayor|NOUN|1|appos ,|PUNCT|5|punct spoke|VERB|0|root "
      ".|PUNCT|7|punct",
      "Orlen|PROPN|5|nsubj Vask|PROPN|1|flat is|AUX|5|cop the|DET|5|det "
      "director|NOUN|0|root .|PUNCT|5|punct",
      NULL);
  const tkgp_coref_mention *m;
  (void)state;
  assert_int_equal(tkgp_coref_resolve(d->coref), 0);
  m = find_mention(d, "the mayor");
  assert_true(m->appositive_of >= 0);
  assert_true(same_chain(d, "Tomas Brindle", "the mayor"));
  m = find_mention(d, "the director");
  assert_true(m->predicate_of >= 0);
  assert_true(same_chain(d, "Orlen Vask", "the director"));
  assert_false(same_chain(d, "Tomas Brindle", "Orlen Vask"));
  free_doc(d);
}

static void test_sieve_title_and_role(void **state)
{
  /* "Foreign Minister Ilsa Koren arrived ." "The minister smiled ." */
  doc *d = make_doc(
      "Foreign|PROPN|2|compound Minister|PROPN|4|compound "
      "Ilsa|PROPN|4|compound "
      "Koren|PROPN|5|nsubj arrived|VERB|0|root .|PUNCT|5|punct",
      "The|DET|2|det minister|NOUN|3|nsubj smiled|VERB|0|root .|PUNCT|3|punct",
      NULL);
  (void)state;
  assert_int_equal(tkgp_coref_resolve(d->coref), 0);
  assert_true(same_chain(d, "Foreign Minister Ilsa Koren", "The minister"));
  assert_int_equal(find_mention(d, "Foreign Minister Ilsa Koren")->type,
                   TKGP_COREF_PERSON);
  free_doc(d);
}

static void test_sieve_last_name(void **state)
{
  /* "Marco Delfin arrived ." "Delfin spoke ." */
  doc *d =
      make_doc("Marco|PROPN|3|nsubj Delfin|PROPN|1|flat arrived|VERB|0|root "
               ".|PUNCT|3|punct",
               "Delfin|PROPN|2|nsubj spoke|VERB|0|root .|PUNCT|2|punct", NULL);
  (void)state;
  assert_int_equal(tkgp_coref_resolve(d->coref), 0);
  assert_true(same_chain(d, "Marco Delfin", "Delfin"));
  free_doc(d);
}

static void test_sieve_country_alias(void **state)
{
  /* "The United States signed ." "America agreed ." "Peru waited ." */
  doc *d = make_doc(
      "The|DET|3|det United|PROPN|3|compound States|PROPN|4|nsubj|Number=Plur "
      "signed|VERB|0|root .|PUNCT|4|punct",
      "America|PROPN|2|nsubj agreed|VERB|0|root .|PUNCT|2|punct",
      "Peru|PROPN|2|nsubj waited|VERB|0|root .|PUNCT|2|punct",
      "The|DET|2|det US|PROPN|3|nsubj left|VERB|0|root .|PUNCT|3|punct", NULL);
  (void)state;
  assert_non_null(world->gazetteer);
  assert_int_equal(tkgp_coref_resolve(d->coref), 0);
  assert_true(same_chain(d, "The United States", "America"));
  assert_true(same_chain(d, "The United States", "The US"));
  assert_false(same_chain(d, "America", "Peru"));
  free_doc(d);
}

static void test_sieve_acronym(void **state)
{
  /* "The Northern Rail Authority raised fares ." "NRA defended them ." */
  doc *d = make_doc(
      "The|DET|4|det Northern|PROPN|4|compound Rail|PROPN|4|compound "
      "Authority|PROPN|5|nsubj raised|VERB|0|root fares|NOUN|5|obj|Number=Plur "
      ".|PUNCT|5|punct",
      "NRA|PROPN|2|nsubj defended|VERB|0|root them|PRON|2|obj .|PUNCT|2|punct",
      "NRB|PROPN|2|nsubj objected|VERB|0|root .|PUNCT|2|punct", NULL);
  (void)state;
  assert_int_equal(tkgp_coref_resolve(d->coref), 0);
  assert_true(same_chain(d, "The Northern Rail Authority", "NRA"));
  assert_false(same_chain(d, "The Northern Rail Authority", "NRB"));
  assert_true(same_chain(d, "fares", "them"));
  free_doc(d);
}

static void test_sieve_strict_head(void **state)
{
  /* "An old stone bridge crossed the Tamsel ." "The bridge fell ."
   * "The railway bridge stood ." */
  doc *d = make_doc(
      "An|DET|4|det old|ADJ|4|amod stone|NOUN|4|compound bridge|NOUN|5|nsubj "
      "crossed|VERB|0|root the|DET|7|det Tamsel|PROPN|5|obj .|PUNCT|5|punct",
      "The|DET|2|det bridge|NOUN|3|nsubj fell|VERB|0|root .|PUNCT|3|punct",
      "The|DET|3|det railway|NOUN|3|compound bridge|NOUN|4|nsubj "
      "stood|VERB|0|root .|PUNCT|4|punct",
      NULL);
  (void)state;
  assert_int_equal(tkgp_coref_resolve(d->coref), 0);
  assert_true(same_chain(d, "An old stone bridge", "The bridge"));
  /* "railway" is in no mention of that chain: a different bridge */
  assert_false(same_chain(d, "An old stone bridge", "The railway bridge"));
  free_doc(d);
}

static void test_pronoun_gender(void **state)
{
  /* "Mr. Tobin greeted Mrs. Rask ." "She smiled at him ." */
  doc *d = make_doc(
      "Mr.|PROPN|2|compound Tobin|PROPN|3|nsubj greeted|VERB|0|root "
      "Mrs.|PROPN|5|compound Rask|PROPN|3|obj .|PUNCT|3|punct",
      "She|PRON|2|nsubj smiled|VERB|0|root at|ADP|4|case him|PRON|2|obl "
      ".|PUNCT|2|punct",
      NULL);
  (void)state;
  assert_int_equal(tkgp_coref_resolve(d->coref), 0);
  /* the subject is more salient, but gender decides */
  assert_true(same_chain(d, "Mrs. Rask", "She"));
  assert_true(same_chain(d, "Mr. Tobin", "him"));
  assert_false(same_chain(d, "She", "him"));
  free_doc(d);
}

static void test_pronoun_number_and_animacy(void **state)
{
  /* "Anna Kell met the committees ." "She thanked them ." "It rained ."
   * The chain of Anna Kell is female once "She" joins it, so "It" cannot
   * take it; "them" agrees only with the committees. */
  doc *d = make_doc(
      "Anna|PROPN|3|nsubj Kell|PROPN|1|flat met|VERB|0|root the|DET|5|det "
      "committees|NOUN|3|obj|Number=Plur .|PUNCT|3|punct",
      "She|PRON|2|nsubj thanked|VERB|0|root them|PRON|2|obj .|PUNCT|2|punct",
      "It|PRON|2|nsubj rained|VERB|0|root .|PUNCT|2|punct", NULL);
  (void)state;
  assert_int_equal(tkgp_coref_resolve(d->coref), 0);
  assert_true(same_chain(d, "Anna Kell", "She"));
  assert_true(same_chain(d, "the committees", "them"));
  assert_false(same_chain(d, "It", "Anna Kell"));
  assert_false(same_chain(d, "It", "the committees"));
  free_doc(d);
}

static void test_pronoun_binding_and_window(void **state)
{
  /* "Pel Arno saw him ." (him is not Pel Arno) "Pel Arno washed himself ."
   * then four sentences later "He left ." finds nobody within 3 */
  doc *d = make_doc(
      "Pel|PROPN|3|nsubj Arno|PROPN|1|flat saw|VERB|0|root him|PRON|3|obj "
      ".|PUNCT|3|punct",
      "Dario|PROPN|2|nsubj washed|VERB|0|root himself|PRON|2|obj "
      ".|PUNCT|2|punct",
      "Rain|NOUN|2|nsubj fell|VERB|0|root .|PUNCT|2|punct",
      "Rain|NOUN|2|nsubj fell|VERB|0|root .|PUNCT|2|punct",
      "Rain|NOUN|2|nsubj fell|VERB|0|root .|PUNCT|2|punct",
      "Rain|NOUN|2|nsubj fell|VERB|0|root .|PUNCT|2|punct",
      "He|PRON|2|nsubj left|VERB|0|root .|PUNCT|2|punct", NULL);
  (void)state;
  assert_int_equal(tkgp_coref_resolve(d->coref), 0);
  assert_false(same_chain(d, "Pel Arno", "him"));
  assert_true(same_chain(d, "Dario", "himself"));
  assert_false(same_chain(d, "He", "Dario"));
  assert_false(same_chain(d, "He", "Pel Arno"));
  free_doc(d);
}

static void test_first_person(void **state)
{
  /* "I like my garden ." "We planted it ." */
  doc *d = make_doc(
      "I|PRON|2|nsubj like|VERB|0|root my|PRON|4|nmod:poss garden|NOUN|2|obj "
      ".|PUNCT|2|punct",
      "We|PRON|2|nsubj planted|VERB|0|root it|PRON|2|obj .|PUNCT|2|punct",
      NULL);
  (void)state;
  assert_int_equal(tkgp_coref_resolve(d->coref), 0);
  assert_true(same_chain(d, "I", "my"));
  assert_false(same_chain(d, "I", "We"));
  assert_true(same_chain(d, "my garden", "it"));
  free_doc(d);
}

static void test_gold_mentions_only(void **state)
{
  /* no_detect: only the spans given are resolved */
  tkgp_coref_options opt;
  tkgp_coref *c = NULL;
  doc *d =
      make_doc("Lina|PROPN|2|nsubj sings|VERB|0|root .|PUNCT|2|punct",
               "She|PRON|2|nsubj dances|VERB|0|root .|PUNCT|2|punct", NULL);
  const tkgp_coref_mention *m;
  size_t n, s;
  (void)state;
  memset(&opt, 0, sizeof opt);
  opt.no_detect = 1;
  assert_int_equal(tkgp_coref_new(&c, world->gazetteer, &opt), 0);
  for (s = 0; s < d->n_sents; s++)
    assert_int_equal(tkgp_coref_add_sentence(c, d->words[s], d->n[s]), 0);
  assert_int_equal(tkgp_coref_add_mention(c, 1, 0, 1, TKGP_COREF_UNKNOWN, 0),
                   0);
  assert_int_equal(tkgp_coref_add_mention(c, 0, 0, 1, TKGP_COREF_UNKNOWN, 0),
                   0);
  assert_int_equal(tkgp_coref_resolve(c), 0);
  m = tkgp_coref_mentions(c, &n);
  assert_int_equal(n, 2);
  assert_int_equal(m[0].start, 0); /* sorted into document order */
  assert_int_equal(m[1].start, 3);
  assert_int_equal(m[0].chain, m[1].chain);
  tkgp_coref_free(c);
  free_doc(d);
}

static void test_bad_input(void **state)
{
  tkgp_coref *c = NULL;
  tkgp_nlp_word w[2];
  (void)state;
  memset(w, 0, sizeof w);
  w[0].form = "Hi";
  w[0].upos = "INTJ";
  w[0].deprel = "root";
  w[1].form = "x";
  w[1].upos = "X";
  w[1].deprel = "dep";
  w[1].head = 5; /* outside the sentence */
  assert_int_equal(tkgp_coref_new(&c, NULL, NULL), 0);
  assert_int_equal(tkgp_coref_add_sentence(c, w, 2), TKG_EINVAL);
  assert_int_equal(tkgp_coref_add_mention(c, 0, 0, 1, 0, 0), TKG_EINVAL);
  assert_int_equal(tkgp_coref_resolve(c), 0); /* empty document */
  /* untagged words are accepted and make no mention */
  w[1].head = 1;
  w[0].upos = w[0].deprel = w[1].upos = w[1].deprel = NULL;
  assert_int_equal(tkgp_coref_add_sentence(c, w, 2), 0);
  assert_int_equal(tkgp_coref_resolve(c), 0);
  tkgp_coref_free(c);
  tkgp_coref_free(NULL);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_score_pradhan),
      cmocka_unit_test(test_score_perfect_and_singletons),
      cmocka_unit_test(test_score_empty_response),
      cmocka_unit_test(test_mention_spans),
      cmocka_unit_test(test_mention_external_type),
      cmocka_unit_test(test_sieve_exact),
      cmocka_unit_test(test_sieve_appositive_and_predicate),
      cmocka_unit_test(test_sieve_title_and_role),
      cmocka_unit_test(test_sieve_last_name),
      cmocka_unit_test(test_sieve_country_alias),
      cmocka_unit_test(test_sieve_acronym),
      cmocka_unit_test(test_sieve_strict_head),
      cmocka_unit_test(test_pronoun_gender),
      cmocka_unit_test(test_pronoun_number_and_animacy),
      cmocka_unit_test(test_pronoun_binding_and_window),
      cmocka_unit_test(test_first_person),
      cmocka_unit_test(test_gold_mentions_only),
      cmocka_unit_test(test_bad_input),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
