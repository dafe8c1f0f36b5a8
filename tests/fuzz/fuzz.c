/* fuzz.c - the world, scratch files and checks that the fuzz targets share
 * SPDX-License-Identifier: MIT
 */
#include "fuzz.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char tkgf_news[] =
    "GENEVA (Reuters) - Foreign Minister Ana Sousa of Portugal met her Kenyan "
    "counterpart in Geneva on Tuesday, and the two ministers agreed to reopen "
    "talks on a fisheries treaty. \"We will not sign a bad deal,\" Sousa said.\n\n"
    "Tom Reyes, who works for the Lisbon Port Authority, attended the meeting. "
    "The Ministry of Fisheries proposed a joint commission, which Kenya rejected. "
    "He did not attend the summit in Nairobi. Hurricane Lena killed three people.\n";

/* Under ASan, malloc stacks are unwound fully, so that the suppressions of
 * tests/lsan.supp (leaks inside pango and fontconfig, reached when the
 * pipeline target renders SVG) match by their frames. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
  return "fast_unwind_on_malloc=0";
}

void tkgf_fail(const tkg_world *w, const char *what)
{
  const char *err = w ? tkg_world_last_error(w) : "";
  fprintf(stderr, "fuzz: %s%s%s\n", what, *err ? ": " : "", err);
  abort();
}

const char *tkgf_datadir(void)
{
  const char *dir = getenv("TEXTKG_DATADIR");
  if (!dir || !*dir)
    dir = getenv("top_srcdir");
  return dir && *dir ? dir : ".";
}

tkg_world *tkgf_world(void)
{
  static tkg_world *world;

  if (world)
    return world;
  if (tkg_world_new(&world) != 0)
    tkgf_fail(NULL, "cannot create a world");
  if (tkg_world_open(world, tkgf_datadir()) != 0)
    tkgf_fail(world, "cannot open the world (set TEXTKG_DATADIR to the source tree)");
  /* With a date, relative dates ("on Tuesday") are resolved: more code runs. */
  if (tkg_world_set_date(world, "2024-03-01") != 0)
    tkgf_fail(world, "cannot set the date");
  return world;
}

static char scratch[4096];

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
  (void)st;
  (void)flag;
  (void)ftw;
  return remove(path);
}

static void remove_scratch(void)
{
  if (scratch[0])
    nftw(scratch, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

const char *tkgf_scratch(void)
{
  const char *tmp = getenv("TMPDIR");

  if (scratch[0])
    return scratch;
  snprintf(scratch, sizeof scratch, "%s/textkg-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(scratch)) {
    scratch[0] = '\0';
    tkgf_fail(NULL, "cannot make a scratch directory");
  }
  atexit(remove_scratch);
  return scratch;
}

void tkgf_write_file(const char *path, const void *data, size_t size)
{
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
    tkgf_fail(NULL, "cannot write a scratch file");
}

unsigned char *tkgf_read_file(const char *path, size_t *size)
{
  FILE *f = fopen(path, "rb");
  unsigned char *buf = NULL;
  long n;

  if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
      !(buf = malloc((size_t)n + 1)) || fread(buf, 1, (size_t)n, f) != (size_t)n) {
    fprintf(stderr, "fuzz: cannot read %s\n", path);
    abort();
  }
  fclose(f);
  buf[n] = '\0';
  *size = (size_t)n;
  return buf;
}

int tkgf_build_news(tkg_world *w)
{
  tkg_document *doc = NULL;
  tkg_graph *g = NULL;
  int rc;

  TKGF_CHECK(w, tkg_document_new(&doc, w, "news.txt", tkgf_news, strlen(tkgf_news)) == 0,
             "document");
  rc = tkg_document_analyze(doc);
  if (rc == 0) {
    TKGF_CHECK(w, tkg_graph_new(&g, w) == 0, "graph");
    TKGF_CHECK(w, tkg_graph_add_document(g, doc) == 0, "adding the document failed");
    TKGF_CHECK(w, tkg_writer_write(g, "ntriples", tkgf_null()) == 0, "ntriples");
    tkg_graph_free(g);
  } else {
    TKGF_CHECK(w, tkg_world_last_error(w)[0], "analysis failed without a message");
  }
  tkg_document_free(doc);
  return rc;
}

FILE *tkgf_null(void)
{
  static FILE *null;
  if (!null && !(null = fopen("/dev/null", "w")))
    tkgf_fail(NULL, "cannot open /dev/null");
  return null;
}
