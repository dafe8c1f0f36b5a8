/* testutil.h - shared set-up for the unit tests
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_TESTUTIL_H
#define TKG_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "textkg.h"

/* The source tree: `make check` exports top_srcdir; running a test by
 * hand from the top of the tree works too. */
static inline const char *test_srcdir(void)
{
  const char *dir = getenv("top_srcdir");
  return dir && *dir ? dir : ".";
}

/* A world with the source tree's ontology loaded. */
static inline tkg_world *test_world(void)
{
  tkg_world *w = NULL;
  assert_int_equal(tkg_world_new(&w), 0);
  if (tkg_world_open(w, test_srcdir()) != 0)
    fail_msg("cannot open world: %s", tkg_world_last_error(w));
  return w;
}

/* The bytes of file PATH, malloc'd (one byte more, for a NUL). */
static inline unsigned char *test_slurp(const char *path, size_t *len)
{
  FILE *fp = fopen(path, "rb");
  unsigned char *buf;
  long n;
  assert_non_null(fp);
  fseek(fp, 0, SEEK_END);
  n = ftell(fp);
  fseek(fp, 0, SEEK_SET);
  buf = malloc((size_t)n + 1);
  assert_non_null(buf);
  assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
  fclose(fp);
  *len = (size_t)n;
  return buf;
}

/* Files A and B hold the same bytes (a retrained model, say). */
static inline void test_assert_same_bytes(const char *a, const char *b)
{
  size_t la, lb;
  unsigned char *x = test_slurp(a, &la), *y = test_slurp(b, &lb);
  assert_int_equal(la, lb);
  assert_memory_equal(x, y, la);
  free(x);
  free(y);
}

static inline void test_write_bytes(const char *path, const void *data, size_t len)
{
  FILE *fp = fopen(path, "wb");
  assert_non_null(fp);
  assert_int_equal(fwrite(data, 1, len, fp), len);
  assert_int_equal(fclose(fp), 0);
}

/* Two damaged copies of model file GOOD: FLIPPED with one byte in the
 * middle changed, SHORT without its last CUT bytes. */
static inline void test_damage_model(const char *good, const char *flipped, const char *shortened,
                                     size_t cut)
{
  size_t len;
  unsigned char *buf = test_slurp(good, &len);
  assert_true(len > cut);
  buf[len / 2] ^= 0x5a;
  test_write_bytes(flipped, buf, len);
  buf[len / 2] ^= 0x5a;
  test_write_bytes(shortened, buf, len - cut);
  free(buf);
}

/* Write GRAPH in FORMAT into a malloc'd NUL-terminated string. */
static inline char *test_write(const tkg_graph *graph, const char *format)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  assert_non_null(fp);
  assert_int_equal(tkg_writer_write(graph, format, fp), 0);
  fclose(fp);
  return buf;
}

/* Analyze TEXT as a document called NAME and return its graph. */
static inline tkg_graph *test_graph(tkg_world *w, const char *name, const char *text)
{
  tkg_document *doc = NULL;
  tkg_graph *g = NULL;
  assert_int_equal(tkg_document_new(&doc, w, name, text, strlen(text)), 0);
  assert_int_equal(tkg_document_analyze(doc), 0);
  assert_int_equal(tkg_graph_new(&g, w), 0);
  assert_int_equal(tkg_graph_add_document(g, doc), 0);
  tkg_document_free(doc);
  return g;
}

#endif
