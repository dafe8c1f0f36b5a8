/* test_text.c - unit tests for UTF-8 validation, NFC and the offset map
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <utf8proc.h>

#include "core/world.h"
#include "text/text.h"

/* Input code point offset of every byte offset, computed the slow way for
 * text that normalization did not change. */
static void check_identity(const char *in, size_t len, size_t bom_cps)
{
  tkgp_text t;
  size_t i, cp = bom_cps;
  const char *body = in + 3 * bom_cps;
  size_t body_len = len - 3 * bom_cps;

  assert_int_equal(tkgp_text_init(&t, NULL, in, len), 0);
  assert_int_equal(t.length, body_len);
  assert_memory_equal(t.data, body, body_len);
  assert_int_equal(t.data[t.length], '\0');
  for (i = 0; i <= body_len; i++) {
    if (i == body_len || ((unsigned char)body[i] & 0xC0) != 0x80) {
      assert_int_equal(tkgp_text_input_offset(&t, i), cp);
      cp++;
    }
  }
  assert_int_equal(t.input_codepoints, cp - 1);
  tkgp_text_finish(&t);
}

static void test_empty(void **state)
{
  tkgp_text t;
  (void)state;
  assert_int_equal(tkgp_text_init(&t, NULL, "", 0), 0);
  assert_int_equal(t.length, 0);
  assert_string_equal(t.data, "");
  assert_int_equal(t.input_codepoints, 0);
  assert_int_equal(tkgp_text_input_offset(&t, 0), 0);
  tkgp_text_finish(&t);
  tkgp_text_finish(&t); /* a zeroed struct is accepted */
}

static void test_ascii_identity(void **state)
{
  const char *s = "The talks in Geneva ended on Friday.\nNo deal yet.\r\n";
  (void)state;
  check_identity(s, strlen(s), 0);
}

static void test_multibyte_identity(void **state)
{
  /* Precomposed Latin, Greek, CJK, a curly quote, an emoji with a ZWJ
   * sequence and a 4-byte character: all NFC already. */
  const char *s =
      "Caf\xc3\xa9 \xce\xb1\xce\xb2 \xe4\xb8\xad\xe6\x96\x87 "
      "\xe2\x80\x9cq\xe2\x80\x9d "
      "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb \xf0\x9d\x84\x9e";
  (void)state;
  check_identity(s, strlen(s), 0);
}

static void test_decomposed_composes(void **state)
{
  /* "Cafe\u0301 au lait": e + COMBINING ACUTE becomes U+00E9. */
  const char *s = "Cafe\xcc\x81 au lait";
  tkgp_text t;
  (void)state;
  assert_int_equal(tkgp_text_init(&t, NULL, s, strlen(s)), 0);
  assert_string_equal(t.data, "Caf\xc3\xa9 au lait");
  assert_int_equal(t.length, 13);
  assert_int_equal(t.input_codepoints, 13);
  assert_int_equal(tkgp_text_input_offset(&t, 0), 0);
  assert_int_equal(tkgp_text_input_offset(&t, 3), 3); /* start of é */
  assert_int_equal(tkgp_text_input_offset(&t, 4), 3); /* inside é */
  assert_int_equal(tkgp_text_input_offset(&t, 5), 5); /* after é: 2 cps */
  assert_int_equal(tkgp_text_input_offset(&t, 6), 6); /* 'a' */
  assert_int_equal(tkgp_text_input_offset(&t, 13), 13);
  tkgp_text_finish(&t);
}

static void test_reorders_marks(void **state)
{
  /* q + dot below + dot above is canonical order; q + dot above + dot
   * below is not, and is reordered (no precomposed q exists). */
  const char *s = "xq\xcc\x87\xcc\xa3y";
  tkgp_text t;
  (void)state;
  assert_int_equal(tkgp_text_init(&t, NULL, s, strlen(s)), 0);
  assert_string_equal(t.data, "xq\xcc\xa3\xcc\x87y");
  assert_int_equal(tkgp_text_input_offset(&t, 1), 1);
  assert_int_equal(tkgp_text_input_offset(&t, 3), 1);
  assert_int_equal(tkgp_text_input_offset(&t, 6), 4);
  assert_int_equal(tkgp_text_input_offset(&t, 7), 5);
  tkgp_text_finish(&t);
}

static void test_singleton_and_growth(void **state)
{
  /* ANGSTROM SIGN (3 bytes) becomes U+00C5 (2 bytes); DEVANAGARI QA (3
   * bytes) is a composition exclusion and becomes KA + NUKTA (6 bytes),
   * so the output is longer than the input. */
  const char *s = "\xe2\x84\xab\xe0\xa5\x98\xe0\xa5\x98\xe0\xa5\x98";
  tkgp_text t;
  (void)state;
  assert_int_equal(tkgp_text_init(&t, NULL, s, strlen(s)), 0);
  assert_string_equal(t.data, "\xc3\x85"
                              "\xe0\xa4\x95\xe0\xa4\xbc\xe0\xa4\x95\xe0\xa4\xbc"
                              "\xe0\xa4\x95\xe0\xa4\xbc");
  assert_int_equal(t.input_codepoints, 4);
  assert_int_equal(tkgp_text_input_offset(&t, 0), 0);
  assert_int_equal(tkgp_text_input_offset(&t, 2), 1);
  assert_int_equal(tkgp_text_input_offset(&t, 5), 1);
  assert_int_equal(tkgp_text_input_offset(&t, 8), 2);
  assert_int_equal(tkgp_text_input_offset(&t, t.length), 4);
  tkgp_text_finish(&t);
}

static void test_bom(void **state)
{
  const char *s = "\xef\xbb\xbfHello \xc3\xa9t\xc3\xa9";
  tkgp_text t;
  (void)state;
  check_identity(s, strlen(s), 1);
  assert_int_equal(tkgp_text_init(&t, NULL, "\xef\xbb\xbf", 3), 0);
  assert_int_equal(t.length, 0);
  assert_int_equal(t.input_codepoints, 1);
  assert_int_equal(tkgp_text_input_offset(&t, 0), 1);
  tkgp_text_finish(&t);
  /* Decomposed text right after the BOM. */
  assert_int_equal(tkgp_text_init(&t, NULL,
                                  "\xef\xbb\xbf"
                                  "e\xcc\x81!",
                                  7),
                   0);
  assert_string_equal(t.data, "\xc3\xa9!");
  assert_int_equal(tkgp_text_input_offset(&t, 0), 1);
  assert_int_equal(tkgp_text_input_offset(&t, 2), 3);
  assert_int_equal(tkgp_text_input_offset(&t, 3), 4);
  tkgp_text_finish(&t);
}

static void test_hangul_jamo(void **state)
{
  /* U+1112 U+1161 U+11AB (conjoining jamo) then U+1100 U+1161 compose to
   * U+D55C and U+AC00. */
  const char *s =
      "a \xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab\xe1\x84\x80\xe1\x85\xa1 b";
  tkgp_text t;
  (void)state;
  assert_int_equal(tkgp_text_init(&t, NULL, s, strlen(s)), 0);
  assert_string_equal(t.data, "a \xed\x95\x9c\xea\xb0\x80 b");
  assert_int_equal(t.input_codepoints, 9);
  assert_int_equal(tkgp_text_input_offset(&t, 2), 2);
  assert_int_equal(tkgp_text_input_offset(&t, 3), 2);
  assert_int_equal(tkgp_text_input_offset(&t, 5), 5);
  assert_int_equal(tkgp_text_input_offset(&t, 8), 7);
  assert_int_equal(tkgp_text_input_offset(&t, 9), 8);
  assert_int_equal(tkgp_text_input_offset(&t, 10), 9);
  tkgp_text_finish(&t);
}

static void expect_error(const char *s, size_t len, const char *message)
{
  tkg_world w;
  tkgp_text t;

  memset(&w, 0, sizeof w);
  assert_int_equal(tkgp_text_init(&t, &w, s, len), TKG_EINPUT);
  assert_string_equal(w.error, message);
  assert_null(t.data);
  tkgp_text_finish(&t);
  /* A NULL world is fine too. */
  assert_int_equal(tkgp_text_init(&t, NULL, s, len), TKG_EINPUT);
}

static void test_invalid(void **state)
{
  (void)state;
  /* Overlong '/' (C0 AF), overlong 3-byte form (E0 80 AF). */
  expect_error("ab\xc0\xaf", 4, "invalid UTF-8 at byte 2 (line 1, column 3)");
  expect_error("\xe0\x80\xaf", 3, "invalid UTF-8 at byte 0 (line 1, column 1)");
  /* A UTF-16 surrogate encoded as UTF-8 (ED A0 80), after a line break and
   * a two-byte character. */
  expect_error("x\n\xc3\xa9\xed\xa0\x80", 7,
               "invalid UTF-8 at byte 4 (line 2, column 2)");
  /* Beyond U+10FFFF, a stray continuation byte, and 0xFF. */
  expect_error("\xf4\x90\x80\x80", 4,
               "invalid UTF-8 at byte 0 (line 1, column 1)");
  expect_error("ok \x80", 4, "invalid UTF-8 at byte 3 (line 1, column 4)");
  expect_error("\xff", 1, "invalid UTF-8 at byte 0 (line 1, column 1)");
  /* Truncated at the end, and cut short by ASCII. */
  expect_error("end \xe2\x80", 6, "invalid UTF-8 at byte 4 (line 1, column 5)");
  expect_error("\xe2\x80x", 3, "invalid UTF-8 at byte 0 (line 1, column 1)");
  expect_error("a\nb\nc\xf0\x9f\x91", 8,
               "invalid UTF-8 at byte 5 (line 3, column 2)");
}

static void test_nul(void **state)
{
  (void)state;
  expect_error("\0", 1, "NUL byte at byte 0 (line 1, column 1)");
  expect_error("one\ntwo\0", 8, "NUL byte at byte 7 (line 2, column 4)");
  expect_error("\xc3\xa9\0", 3, "NUL byte at byte 2 (line 1, column 2)");
}

static void test_offsets_at_end(void **state)
{
  tkgp_text t;
  (void)state;
  /* Ends inside a changed cluster's end, and in a verbatim stretch. */
  assert_int_equal(tkgp_text_init(&t, NULL, "abc e\xcc\x81", 7), 0);
  assert_int_equal(t.length, 6);
  assert_int_equal(tkgp_text_input_offset(&t, 6), 6);
  assert_int_equal(tkgp_text_input_offset(&t, 5), 4);
  assert_int_equal(tkgp_text_input_offset(&t, 4), 4);
  assert_int_equal(tkgp_text_input_offset(&t, 3), 3);
  tkgp_text_finish(&t);
  assert_int_equal(tkgp_text_init(&t, NULL, "\xc3\xa9", 2), 0);
  assert_int_equal(tkgp_text_input_offset(&t, 2), 1);
  tkgp_text_finish(&t);
}

/* A cluster longer than the stack scratch buffer: a base letter with many
 * combining marks out of canonical order. */
static void test_long_cluster(void **state)
{
  char in[1024];
  size_t len = 0, i;
  tkgp_text t;
  utf8proc_uint8_t *nfc;
  (void)state;

  memcpy(in, "x a", 3);
  len = 3;
  for (i = 0; i < 100; i++) {
    memcpy(in + len, i % 2 ? "\xcc\xa3" : "\xcc\x81", 2); /* U+0323, U+0301 */
    len += 2;
  }
  memcpy(in + len, " y", 2);
  len += 2;
  in[len] = '\0';
  nfc = utf8proc_NFC((const utf8proc_uint8_t *)in);
  assert_non_null(nfc);
  assert_int_equal(tkgp_text_init(&t, NULL, in, len), 0);
  assert_string_equal(t.data, (const char *)nfc);
  assert_int_equal(tkgp_text_input_offset(&t, 2), 2);
  assert_int_equal(tkgp_text_input_offset(&t, 3), 2);
  assert_int_equal(tkgp_text_input_offset(&t, t.length - 2), 103);
  assert_int_equal(tkgp_text_input_offset(&t, t.length), 105);
  tkgp_text_finish(&t);
  free(nfc);
}

/* Random mixes of ASCII, combining marks, jamo, singletons and emoji:
 * normalizing cluster by cluster gives what utf8proc gives for the whole
 * text, and offsets never go backwards. */
static void test_matches_whole_text_nfc(void **state)
{
  static const char *const pool[] = {"a",
                                     "e",
                                     " ",
                                     "\n",
                                     "Z",
                                     ".",
                                     "\xcc\x81",
                                     "\xcc\xa3",
                                     "\xcc\x88",
                                     "\xc3\xa9",
                                     "\xe1\x84\x80",
                                     "\xe1\x85\xa1",
                                     "\xe1\x86\xa8",
                                     "\xea\xb0\x80",
                                     "\xe2\x84\xab",
                                     "\xe0\xa5\x98",
                                     "\xf0\x9f\x91\xa9",
                                     "\xe2\x80\x8d",
                                     "\xf0\x9f\x87\xba",
                                     "\xe2\x80\x9c",
                                     "\xef\xbb\xbf"};
  const size_t npool = sizeof pool / sizeof *pool;
  char in[600];
  unsigned long x = 42;
  int round;
  (void)state;

  for (round = 0; round < 3000; round++) {
    size_t len = 0, o, last = 0;
    tkgp_text t;
    utf8proc_uint8_t *nfc;
    while (len < 500) {
      const char *p;
      x = x * 6364136223846793005UL + 1442695040888963407UL;
      if ((x >> 40) % 53 == 0)
        break;
      p = pool[(x >> 33) % npool];
      memcpy(in + len, p, strlen(p));
      len += strlen(p);
    }
    in[len] = '\0';
    if (len >= 3 && memcmp(in, "\xef\xbb\xbf", 3) == 0)
      in[0] = 'b', in[1] = 'o', in[2] = 'm';
    nfc = utf8proc_NFC((const utf8proc_uint8_t *)in);
    assert_non_null(nfc);
    assert_int_equal(tkgp_text_init(&t, NULL, in, len), 0);
    assert_string_equal(t.data, (const char *)nfc);
    for (o = 0; o <= t.length; o++) {
      size_t cp = tkgp_text_input_offset(&t, o);
      assert_true(cp >= last && cp <= t.input_codepoints);
      last = cp;
    }
    assert_int_equal(tkgp_text_input_offset(&t, t.length), t.input_codepoints);
    tkgp_text_finish(&t);
    free(nfc);
  }
}

/* Several megabytes mixing long ASCII runs, multibyte text and decomposed
 * sequences: the anchors stay sparse and every offset maps right. */
static void test_large(void **state)
{
  const size_t n = 6 * 1024 * 1024;
  char *in = malloc(n + 16);
  size_t len = 0, i, changed = 0, cp, expect_len = 0;
  tkgp_text t;
  (void)state;

  assert_non_null(in);
  for (i = 0; len < n; i++) {
    if (i % 997 == 0) { /* e + U+0301: 3 bytes in, 2 out */
      memcpy(in + len, "e\xcc\x81", 3);
      len += 3;
      expect_len += 2;
      changed++;
    } else if (i % 13 == 0) { /* é precomposed */
      memcpy(in + len, "\xc3\xa9", 2);
      len += 2;
      expect_len += 2;
    } else {
      in[len++] = (char)(i % 7 == 0 ? ' ' : 'a' + i % 26);
      expect_len++;
    }
  }
  assert_int_equal(tkgp_text_init(&t, NULL, in, len), 0);
  assert_int_equal(t.length, expect_len);
  assert_true(t.n_anchors <= 2 * changed + t.length / 4096 + 2);
  /* Walk the output and the input together. */
  {
    size_t o = 0, j = 0;
    cp = 0;
    while (j < len) {
      assert_int_equal(tkgp_text_input_offset(&t, o), cp);
      if (memcmp(in + j, "e\xcc\x81", 3) == 0) {
        assert_int_equal(tkgp_text_input_offset(&t, o + 1), cp);
        j += 3;
        o += 2;
        cp += 2;
      } else if ((unsigned char)in[j] == 0xC3) {
        j += 2;
        o += 2;
        cp++;
      } else {
        j++;
        o++;
        cp++;
      }
    }
    assert_int_equal(tkgp_text_input_offset(&t, o), cp);
    assert_int_equal(t.input_codepoints, cp);
  }
  tkgp_text_finish(&t);
  free(in);
}

/* One 50 MB line of ASCII: the fast path and sparse checkpoints. */
static void test_large_ascii_line(void **state)
{
  const size_t n = 50 * 1024 * 1024;
  char *in = malloc(n);
  size_t i;
  tkgp_text t;
  (void)state;

  assert_non_null(in);
  for (i = 0; i < n; i++)
    in[i] = (char)(i % 6 == 5 ? ' ' : 'a' + i % 26);
  assert_int_equal(tkgp_text_init(&t, NULL, in, n), 0);
  assert_int_equal(t.length, n);
  assert_true(t.n_anchors <= n / 4096 + 2);
  for (i = 0; i <= n; i += 12345)
    assert_int_equal(tkgp_text_input_offset(&t, i), i);
  assert_int_equal(tkgp_text_input_offset(&t, n), n);
  tkgp_text_finish(&t);
  free(in);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_empty),
      cmocka_unit_test(test_ascii_identity),
      cmocka_unit_test(test_multibyte_identity),
      cmocka_unit_test(test_decomposed_composes),
      cmocka_unit_test(test_reorders_marks),
      cmocka_unit_test(test_singleton_and_growth),
      cmocka_unit_test(test_bom),
      cmocka_unit_test(test_hangul_jamo),
      cmocka_unit_test(test_invalid),
      cmocka_unit_test(test_nul),
      cmocka_unit_test(test_offsets_at_end),
      cmocka_unit_test(test_long_cluster),
      cmocka_unit_test(test_matches_whole_text_nfc),
      cmocka_unit_test(test_large),
      cmocka_unit_test(test_large_ascii_line),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
