/* merge_cli.c - `textkg merge`: N-Quads of separate runs into one graph
 * SPDX-License-Identifier: MIT
 */
#include "cli/build_files.h"
#include "cli/cli.h"
#include "cli/merge_cli.h"
#include "textkg.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void tkgp_cli_merge_help(void)
{
  fputs("Usage: textkg merge [-o FILE.nq] SHARD.nq... | -\n"
        "Join the N-Quads that separate runs of 'textkg build -f nquads' wrote (one\n"
        "named graph a document) into the graph one 'textkg build --merge' over all\n"
        "their documents gives: one label an entity, each triple once, short names\n"
        "joined to full ones. '-' reads a shard from standard input.\n"
        "\n"
        "  -o, --output FILE    write FILE (whole, or not at all; default: stdout)\n"
        "  -h, --help           show this help and exit\n",
        stdout);
}

/* Standard input into a temporary file, for the two passes of a merge:
 * its path into *PATH. */
static int spool_stdin(char **path)
{
  const char *dir = getenv("TMPDIR");
  char buf[65536];
  size_t n;
  FILE *fp;
  int fd;

  if (asprintf(path, "%s/textkg-merge.XXXXXX", dir && *dir ? dir : "/tmp") < 0)
    return -1;
  if ((fd = mkstemp(*path)) < 0 || !(fp = fdopen(fd, "wb"))) {
    fprintf(stderr, "textkg: stdin: cannot keep a copy: %s\n", strerror(errno));
    if (fd >= 0)
      close(fd), unlink(*path);
    return -1;
  }
  while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
    fwrite(buf, 1, n, fp);
  if (ferror(stdin) || fclose(fp) != 0) {
    fprintf(stderr, "textkg: stdin: %s\n", strerror(errno));
    unlink(*path);
    return -1;
  }
  return 0;
}

/* Merge PATHS into OUTPUT (NULL: standard output). */
static int merge_into(tkg_world *w, const char *const *paths, size_t n, const char *output)
{
  tkgp_whole_file f = {NULL, NULL};
  mode_t mask = umask(0);
  int rc;

  umask(mask);
  if (output && tkgp_whole_file_open(output, 0666 & ~mask, &f) < 0)
    return TKGP_EXIT_FAILURE;
  rc = tkg_merge_nquads(w, paths, n, f.fp ? f.fp : stdout);
  if (rc < 0)
    fprintf(stderr, "textkg: %s\n", tkg_world_last_error(w));
  else if (!f.fp && (fflush(stdout) != 0 || ferror(stdout))) {
    fprintf(stderr, "textkg: stdout: write error: %s\n", strerror(errno));
    rc = -1;
  }
  if (tkgp_whole_file_close(output, &f, rc == 0) < 0)
    rc = -1;
  return rc < 0 ? TKGP_EXIT_FAILURE : TKGP_EXIT_OK;
}

int tkgp_cli_merge(int argc, char **argv)
{
  static const struct option longopts[] = {
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
  };
  const char *output = NULL;
  char *spooled = NULL;
  const char **paths;
  tkg_world *w = NULL;
  int c, n, status;

  optind = 1;
  while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
    if (c == 'o')
      output = optarg;
    else if (c == 'h')
      return tkgp_cli_merge_help(), TKGP_EXIT_OK;
    else
      return fputs("textkg: try 'textkg help merge'\n", stderr), TKGP_EXIT_USAGE;
  }
  if ((n = argc - optind) < 1) {
    fputs("textkg: merge: no N-Quads file (use '-' for standard input)\n", stderr);
    return TKGP_EXIT_USAGE;
  }
  if (!(paths = calloc((size_t)n, sizeof *paths)))
    return TKGP_EXIT_FAILURE;
  status = TKGP_EXIT_FAILURE;
  for (int i = 0; i < n; i++) {
    paths[i] = argv[optind + i];
    if (strcmp(paths[i], "-") == 0) {
      if (spooled) {
        fputs("textkg: merge: standard input can be read only once\n", stderr);
        status = TKGP_EXIT_USAGE;
        goto done;
      }
      if (spool_stdin(&spooled) < 0)
        goto done;
      paths[i] = spooled;
    }
  }
  if (tkg_world_new(&w) < 0 || tkg_world_open(w, NULL) < 0) {
    fprintf(stderr, "textkg: %s\n", w ? tkg_world_last_error(w) : "out of memory");
    goto done;
  }
  status = merge_into(w, paths, (size_t)n, output);
done:
  if (spooled)
    unlink(spooled);
  free(spooled);
  free(paths);
  tkg_world_free(w);
  return status;
}
