/* test_arena.c - unit tests for the bump allocator and the growable buffer
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/strbuf.h"
#include "textkg.h"

#define ALIGNMENT (_Alignof(max_align_t))

static int aligned(const void *p)
{
  return (uintptr_t)p % ALIGNMENT == 0;
}

/* ---- arena ------------------------------------------------------------- */

static void test_alignment(void **state)
{
  tkgp_arena a;
  size_t sizes[] = {1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 33, 100, 255};
  size_t i;
  (void)state;

  tkgp_arena_init(&a, 256);
  for (i = 0; i < 200; i++) {
    size_t n = sizes[i % (sizeof sizes / sizeof *sizes)];
    unsigned char *p = tkgp_arena_alloc(&a, n);
    assert_non_null(p);
    assert_true(aligned(p));
    memset(p, 0xAB, n); /* ASan/valgrind flag an undersized block */
  }
  /* calloc and strndup results are aligned too. */
  assert_true(aligned(tkgp_arena_calloc(&a, 3, 7)));
  assert_true(aligned(tkgp_arena_strndup(&a, "abc", 3)));
  tkgp_arena_finish(&a);
  assert_null(a.head);
}

static void test_default_block_size(void **state)
{
  tkgp_arena a;
  (void)state;
  tkgp_arena_init(&a, 0);
  assert_true(a.block_size > 0);
  assert_null(a.head);
  assert_non_null(tkgp_arena_alloc(&a, 10));
  tkgp_arena_finish(&a);
  tkgp_arena_finish(&a); /* finishing twice is harmless */
}

static void test_large_allocations(void **state)
{
  tkgp_arena a;
  unsigned char *small, *big, *after;
  size_t big_size = 10000, i;
  (void)state;

  tkgp_arena_init(&a, 1024);
  small = tkgp_arena_alloc(&a, 16);
  assert_non_null(small);
  memset(small, 1, 16);

  /* Larger than a block: a block of its own, every byte usable. */
  big = tkgp_arena_alloc(&a, big_size);
  assert_non_null(big);
  assert_true(aligned(big));
  for (i = 0; i < big_size; i++)
    big[i] = (unsigned char)(i * 7);

  /* The current block keeps serving small requests: the next one lands
   * right after the first (rounded up), not in a new block. */
  after = tkgp_arena_alloc(&a, 16);
  assert_non_null(after);
#ifndef TKG_ARENA_MALLOC /* under the sanitizers every request is a malloc */
  assert_true(after >= small + 16);
  assert_true(after <= small + 16 + sizeof(max_align_t));
#endif
  memset(after, 2, 16);

  for (i = 0; i < big_size; i++)
    assert_int_equal(big[i], (unsigned char)(i * 7));
  for (i = 0; i < 16; i++) {
    assert_int_equal(small[i], 1);
    assert_int_equal(after[i], 2);
  }

  /* Exactly one block's worth, and several large blocks in a row. */
  assert_non_null(tkgp_arena_alloc(&a, 1024));
  for (i = 0; i < 5; i++) {
    unsigned char *p = tkgp_arena_alloc(&a, 1024 * 1024);
    assert_non_null(p);
    p[0] = 1;
    p[1024 * 1024 - 1] = 2;
  }
  tkgp_arena_finish(&a);
}

/* Many small allocations of varying size: none overlaps another. */
static void test_many_small(void **state)
{
  enum { N = 20000 };
  tkgp_arena a;
  unsigned char **ptrs;
  size_t i, k;
  (void)state;

  ptrs = malloc(N * sizeof *ptrs);
  assert_non_null(ptrs);
  tkgp_arena_init(&a, 4096);
  for (i = 0; i < N; i++) {
    size_t n = 1 + i % 61;
    ptrs[i] = tkgp_arena_alloc(&a, n);
    assert_non_null(ptrs[i]);
    assert_true(aligned(ptrs[i]));
    memset(ptrs[i], (int)(i & 0xFF), n);
  }
  for (i = 0; i < N; i++)
    for (k = 0; k < 1 + i % 61; k++)
      if (ptrs[i][k] != (unsigned char)(i & 0xFF))
        fail_msg("allocation %zu overwritten at byte %zu", i, k);
  tkgp_arena_finish(&a);
  free(ptrs);
}

static void test_strndup(void **state)
{
  tkgp_arena a;
  char *s;
  (void)state;

  tkgp_arena_init(&a, 64);
  s = tkgp_arena_strndup(&a, "Jane Roe said", 8);
  assert_string_equal(s, "Jane Roe");
  assert_int_equal(s[8], '\0');

  s = tkgp_arena_strndup(&a, "", 0);
  assert_non_null(s);
  assert_string_equal(s, "");

  /* Embedded NUL bytes are copied: LEN counts, not strlen. */
  s = tkgp_arena_strndup(&a, "ab\0cd", 5);
  assert_memory_equal(s, "ab\0cd", 6);

  /* Non-ASCII bytes are copied unchanged; longer than a block. */
  {
    char long_text[300];
    size_t i;
    for (i = 0; i + 2 < sizeof long_text; i += 2) {
      long_text[i] = '\xC3';
      long_text[i + 1] = '\xAB'; /* U+00EB */
    }
    long_text[i] = '\0';
    s = tkgp_arena_strndup(&a, long_text, strlen(long_text));
    assert_string_equal(s, long_text);
  }
  tkgp_arena_finish(&a);
}

static void test_arena_calloc(void **state)
{
  tkgp_arena a;
  unsigned char *p;
  size_t i;
  (void)state;

  tkgp_arena_init(&a, 128);
  /* Dirty the block first so that zeroing is observable. */
  p = tkgp_arena_alloc(&a, 64);
  memset(p, 0xFF, 64);
  tkgp_arena_finish(&a);

  tkgp_arena_init(&a, 128);
  p = tkgp_arena_alloc(&a, 40);
  memset(p, 0xFF, 40);
  p = tkgp_arena_calloc(&a, 10, 7);
  assert_non_null(p);
  for (i = 0; i < 70; i++)
    assert_int_equal(p[i], 0);
  p = tkgp_arena_calloc(&a, 1000, 8); /* larger than a block */
  assert_non_null(p);
  for (i = 0; i < 8000; i++)
    assert_int_equal(p[i], 0);
  assert_non_null(tkgp_arena_calloc(&a, 0, 8));
  assert_non_null(tkgp_arena_calloc(&a, 8, 0));
  tkgp_arena_finish(&a);
}

static void test_overflow_returns_null(void **state)
{
  tkgp_arena a;
  (void)state;

  tkgp_arena_init(&a, 0);
  /* COUNT * SIZE does not fit in a size_t. */
  assert_null(tkgp_arena_calloc(&a, SIZE_MAX / 2 + 1, 2));
  assert_null(tkgp_arena_calloc(&a, SIZE_MAX, SIZE_MAX));
  assert_null(tkgp_arena_calloc(&a, 2, SIZE_MAX / 2 + 1));
  /* Sizes that overflow once rounded up or once the block header is
   * added must fail, not return a tiny block. */
  assert_null(tkgp_arena_alloc(&a, SIZE_MAX));
  assert_null(tkgp_arena_alloc(&a, SIZE_MAX - 1));
  assert_null(tkgp_arena_alloc(&a, SIZE_MAX - ALIGNMENT));
  assert_null(tkgp_arena_alloc(&a, SIZE_MAX - 2 * ALIGNMENT));
  assert_null(tkgp_arena_alloc(&a, SIZE_MAX - 3 * ALIGNMENT));
  assert_null(tkgp_arena_calloc(&a, 1, SIZE_MAX - ALIGNMENT));
  /* The arena still works afterwards. */
  assert_non_null(tkgp_arena_strndup(&a, "ok", 2));
  tkgp_arena_finish(&a);
}

/* ---- strbuf ------------------------------------------------------------ */

static void test_strbuf_empty(void **state)
{
  tkgp_strbuf sb;
  (void)state;
  tkgp_strbuf_init(&sb);
  assert_int_equal(sb.length, 0);
  assert_int_equal(sb.failed, 0);
  tkgp_strbuf_clear(&sb); /* no data yet */
  assert_int_equal(tkgp_strbuf_puts(&sb, ""), 0);
  assert_non_null(sb.data);
  assert_string_equal(sb.data, "");
  tkgp_strbuf_finish(&sb);
  assert_null(sb.data);
  tkgp_strbuf_finish(&sb);
}

static void test_strbuf_growth(void **state)
{
  tkgp_strbuf sb;
  char *expect;
  size_t i, n = 5000;
  (void)state;

  expect = malloc(n * 3 + 1);
  assert_non_null(expect);
  tkgp_strbuf_init(&sb);
  for (i = 0; i < n; i++) {
    char piece[3] = {(char)('a' + i % 26), (char)('A' + i % 26), '-'};
    assert_int_equal(tkgp_strbuf_append(&sb, piece, 3), 0);
    memcpy(expect + 3 * i, piece, 3);
    assert_int_equal(sb.length, 3 * (i + 1));
    assert_true(sb.capacity > sb.length);
    assert_int_equal(sb.data[sb.length], '\0');
  }
  expect[3 * n] = '\0';
  assert_string_equal(sb.data, expect);

  /* putc and embedded NUL bytes. */
  tkgp_strbuf_clear(&sb);
  assert_int_equal(sb.length, 0);
  assert_string_equal(sb.data, "");
  assert_int_equal(tkgp_strbuf_putc(&sb, 'x'), 0);
  assert_int_equal(tkgp_strbuf_putc(&sb, '\0'), 0);
  assert_int_equal(tkgp_strbuf_putc(&sb, 'y'), 0);
  assert_int_equal(sb.length, 3);
  assert_memory_equal(sb.data, "x\0y", 4);

  /* One append much larger than the capacity. */
  tkgp_strbuf_clear(&sb);
  memset(expect, 'z', 3 * n);
  assert_int_equal(tkgp_strbuf_append(&sb, expect, 3 * n), 0);
  assert_int_equal(sb.length, 3 * n);
  assert_memory_equal(sb.data, expect, 3 * n + 1);
  free(expect);
  tkgp_strbuf_finish(&sb);
}

static void test_strbuf_printf(void **state)
{
  tkgp_strbuf sb;
  char big[1000];
  (void)state;

  tkgp_strbuf_init(&sb);
  assert_int_equal(tkgp_strbuf_printf(&sb, "%s-%d", "doc", 2), 0);
  assert_string_equal(sb.data, "doc-2");
  assert_int_equal(tkgp_strbuf_printf(&sb, "/%zu", (size_t)42), 0);
  assert_string_equal(sb.data, "doc-2/42");
  assert_int_equal(sb.length, 8);
  assert_int_equal(tkgp_strbuf_printf(&sb, "%s", ""), 0);
  assert_int_equal(sb.length, 8);

  /* Output longer than the capacity: the buffer grows once, in place. */
  memset(big, 'q', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  assert_int_equal(tkgp_strbuf_printf(&sb, "[%s]%.2f", big, 0.6), 0);
  assert_int_equal(sb.length, 8 + 1 + 999 + 1 + 4);
  assert_memory_equal(sb.data, "doc-2/42[qqq", 12);
  assert_string_equal(sb.data + sb.length - 6, "q]0.60");
  tkgp_strbuf_finish(&sb);
}

static void test_strbuf_failure_sticks(void **state)
{
  tkgp_strbuf sb;
  (void)state;

  tkgp_strbuf_init(&sb);
  assert_int_equal(tkgp_strbuf_puts(&sb, "keep"), 0);
  /* A length that cannot fit fails without touching memory... */
  assert_int_equal(tkgp_strbuf_append(&sb, "x", SIZE_MAX), TKG_ENOMEM);
  assert_int_equal(tkgp_strbuf_append(&sb, "x", SIZE_MAX - 2), TKG_ENOMEM);
  assert_true(sb.failed);
  /* ... and every later append fails too, leaving the data as it was. */
  assert_int_equal(tkgp_strbuf_puts(&sb, "more"), TKG_ENOMEM);
  assert_int_equal(tkgp_strbuf_putc(&sb, 'c'), TKG_ENOMEM);
  assert_int_equal(tkgp_strbuf_printf(&sb, "%d", 1), TKG_ENOMEM);
  assert_int_equal(sb.length, 4);
  assert_string_equal(sb.data, "keep");
  tkgp_strbuf_finish(&sb);
  assert_int_equal(sb.failed, 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_alignment),
    cmocka_unit_test(test_default_block_size),
    cmocka_unit_test(test_large_allocations),
    cmocka_unit_test(test_many_small),
    cmocka_unit_test(test_strndup),
    cmocka_unit_test(test_arena_calloc),
    cmocka_unit_test(test_overflow_returns_null),
    cmocka_unit_test(test_strbuf_empty),
    cmocka_unit_test(test_strbuf_growth),
    cmocka_unit_test(test_strbuf_printf),
    cmocka_unit_test(test_strbuf_failure_sticks),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
