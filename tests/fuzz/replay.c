/* replay.c - run a fuzz target over files, without libFuzzer
 * SPDX-License-Identifier: MIT
 *
 * Linked with one fuzz_<target>.c, this is the regression test of that
 * target: `replay_<target> DIR|FILE...` calls LLVMFuzzerTestOneInput() on
 * every file given and on every file of every directory given (sorted, so
 * runs repeat). With no arguments it replays the target's seed corpus,
 * $top_srcdir/tests/fuzz/corpus/<target>/, and its crash reproducers,
 * .../crashes/<target>/ (which may not exist yet), as `make check` does.
 * Each input is copied into a buffer of exactly its size, as libFuzzer
 * does, so a read one past the end is seen by ASan or valgrind.
 */
#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef TKGF_TARGET
#error "TKGF_TARGET must name the fuzz target"
#endif

static size_t n_inputs;

static void replay_file(const char *path)
{
  size_t size;
  unsigned char *bytes = tkgf_read_file(path, &size);
  unsigned char *exact = malloc(size ? size : 1);

  if (!exact)
    tkgf_fail(NULL, "out of memory");
  memcpy(exact, bytes, size);
  free(bytes);
  fprintf(stderr, "replay_%s: %s (%zu bytes)\n", TKGF_TARGET, path, size);
  LLVMFuzzerTestOneInput(exact, size);
  free(exact);
  n_inputs++;
}

static int by_name(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replay PATH, a file or a directory of files; 0, or -1 when it is not there. */
static int replay_path(const char *path)
{
  struct stat st;
  DIR *dir;
  struct dirent *e;
  char **names = NULL;
  size_t n = 0, cap = 0;

  if (stat(path, &st) != 0)
    return -1;
  if (!S_ISDIR(st.st_mode)) {
    replay_file(path);
    return 0;
  }
  if (!(dir = opendir(path)))
    return -1;
  while ((e = readdir(dir))) {
    char *full;
    if (e->d_name[0] == '.')
      continue;
    if (n == cap) {
      char **nn = realloc(names, (cap = cap ? 2 * cap : 64) * sizeof *nn);
      if (!nn)
        tkgf_fail(NULL, "out of memory");
      names = nn;
    }
    if (!(full = malloc(strlen(path) + strlen(e->d_name) + 2)))
      tkgf_fail(NULL, "out of memory");
    sprintf(full, "%s/%s", path, e->d_name);
    names[n++] = full;
  }
  closedir(dir);
  qsort(names, n, sizeof *names, by_name);
  for (size_t i = 0; i < n; i++) {
    if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode))
      replay_file(names[i]);
    free(names[i]);
  }
  free(names);
  return 0;
}

int main(int argc, char **argv)
{
  if (argc > 1) {
    for (int i = 1; i < argc; i++)
      if (replay_path(argv[i]) != 0) {
        fprintf(stderr, "replay_%s: %s: %s\n", TKGF_TARGET, argv[i], strerror(errno));
        return 1;
      }
  } else {
    const char *top = getenv("top_srcdir");
    char path[4096];

    if (!top || !*top)
      top = ".";
    snprintf(path, sizeof path, "%s/tests/fuzz/corpus/%s", top, TKGF_TARGET);
    if (replay_path(path) != 0) {
      fprintf(stderr, "replay_%s: %s: %s (set top_srcdir to the source tree)\n", TKGF_TARGET,
              path, strerror(errno));
      return 1;
    }
    snprintf(path, sizeof path, "%s/tests/fuzz/crashes/%s", top, TKGF_TARGET);
    replay_path(path); /* there are no reproducers until a crash was found */
  }
  fprintf(stderr, "replay_%s: %zu inputs, no crash\n", TKGF_TARGET, n_inputs);
  return 0;
}
