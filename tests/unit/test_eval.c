/* test_eval.c - the scorers' pieces: rebuilt text, bootstrap intervals
 * SPDX-License-Identifier: MIT
 */
#include "testutil.h"

#include "eval/detok.h"
#include "eval/score.h"

#include <math.h>

/* Rebuild FORMS (NULL-terminated) with the Penn Treebank rules. */
static void ptb(tkgp_detok *d, const char *const *forms)
{
  size_t n = 0;
  while (forms[n])
    n++;
  tkgp_detok_clear(d);
  assert_int_equal(tkgp_detok_ptb(d, forms, n), 0);
  assert_int_equal(d->n, n);
}

static void test_ptb_text(void **state)
{
  static const char *const quotes[] = {"`", "`", "If", "it", "snows", ",", "'", "'", "said",
                                       "Ann", "Lee", ".", NULL};
  static const char *const numbers[] = {"about", "150", ",", "000", "hectares", "(", "370",
                                        ",", "500", "acres", ")", "cost", "$", "5", "%", NULL};
  static const char *const clitics[] = {"He", "does", "n't", "know", "the", "workers", "'",
                                        "union", "'s", "leader", "-LRB-", "Jo", "-RRB-", NULL};
  static const char *const single[] = {"`", "Surplus", "'", "laborers", "``", "move", "''",
                                       NULL};
  tkgp_detok d;
  (void)state;
  tkgp_detok_init(&d);

  ptb(&d, quotes);
  assert_string_equal(d.text.data, "\"If it snows,\" said Ann Lee.");
  /* The quote is the first token of its pair; the second is empty. */
  assert_int_equal(d.begin[0], 0);
  assert_int_equal(d.end[0], 1);
  assert_int_equal(d.begin[1], 1);
  assert_int_equal(d.end[1], 1);
  assert_int_equal(d.begin[9], 20); /* Ann */
  assert_int_equal(d.end[10], 27);  /* Lee */

  ptb(&d, numbers);
  assert_string_equal(d.text.data, "about 150,000 hectares (370,500 acres) cost $5%");
  ptb(&d, clitics);
  assert_string_equal(d.text.data, "He doesn't know the workers' union's leader (Jo)");
  ptb(&d, single);
  assert_string_equal(d.text.data, "'Surplus' laborers \"move\"");
  tkgp_detok_finish(&d);
}

static void test_offsets_are_code_points(void **state)
{
  static const char *const forms[] = {"Zo\xC3\xAB", "met", "Ren\xC3\xA9", ".", NULL};
  tkgp_detok d;
  (void)state;
  tkgp_detok_init(&d);
  ptb(&d, forms);
  assert_string_equal(d.text.data, "Zo\xC3\xAB met Ren\xC3\xA9.");
  assert_int_equal(d.end[0], 3);
  assert_int_equal(d.begin[2], 8);
  assert_int_equal(d.end[2], 12);
  assert_int_equal(d.codepoints, 13);
  tkgp_detok_finish(&d);
}

static void test_align(void **state)
{
  static const char *const forms[] = {"I", "do", "n't", "know", "!"};
  static const char *const wrong[] = {"I", "do", "not"};
  tkgp_detok d;
  size_t bad = 0;
  (void)state;
  tkgp_detok_init(&d);
  assert_int_equal(tkgp_detok_add(&d, "First", 0), 0);
  assert_int_equal(tkgp_detok_break(&d, "\n"), 0);
  assert_int_equal(tkgp_detok_align(&d, "I don't  know!", 14, forms, 5, &bad), 0);
  assert_string_equal(d.text.data, "First\nI don't  know!");
  assert_int_equal(d.begin[1], 6);  /* "I" */
  assert_int_equal(d.begin[2], 8);  /* don't: "do" */
  assert_int_equal(d.begin[3], 10); /* "n't" */
  assert_int_equal(d.begin[4], 15); /* "know", after two spaces */
  /* A form that is not in the text: an error, and D as before. */
  assert_int_equal(tkgp_detok_align(&d, " I don't", 8, wrong, 3, &bad), TKG_EINPUT);
  assert_int_equal(bad, 2);
  assert_string_equal(d.text.data, "First\nI don't  know!");
  assert_int_equal(d.n, 6);
  tkgp_detok_finish(&d);
}

static void test_bootstrap(void **state)
{
  tkgp_prf units[40];
  double lo, hi, lo2, hi2;
  size_t i;
  tkgp_prf empty = {0, 0, 0};
  (void)state;
  for (i = 0; i < 40; i++) {
    units[i].tp = i % 4 ? 3 : 1;
    units[i].fp = i % 5 == 0;
    units[i].fn = i % 3 == 0;
  }
  assert_int_equal(tkgp_bootstrap_f1(units, 40, &lo, &hi), 0);
  assert_true(lo > 0.6 && lo < hi && hi < 1.0);
  /* Deterministic: the same units, the same interval. */
  assert_int_equal(tkgp_bootstrap_f1(units, 40, &lo2, &hi2), 0);
  assert_true(lo == lo2 && hi == hi2);
  /* The F1 of the whole lies inside. */
  {
    tkgp_prf sum = {0, 0, 0};
    for (i = 0; i < 40; i++)
      tkgp_prf_add(&sum, &units[i]);
    assert_true(lo <= tkgp_prf_f1(&sum) && tkgp_prf_f1(&sum) <= hi);
  }
  assert_true(isnan(tkgp_prf_sample_f1(&empty)));
  assert_int_equal(tkgp_bootstrap_f1(units, 0, &lo, &hi), 0);
  assert_true(lo == 0 && hi == 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_ptb_text),
    cmocka_unit_test(test_offsets_are_code_points),
    cmocka_unit_test(test_align),
    cmocka_unit_test(test_bootstrap),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
