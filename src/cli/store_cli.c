/* store_cli.c - `textkg store add|remove|list` and `textkg query`
 * SPDX-License-Identifier: MIT
 *
 * `store add` takes N-Quads as `build -f nquads` writes them, and builds
 * any other input (texts, directories, JSON Lines) with `build` itself
 * into a temporary N-Quads file first. Everything one command adds or
 * removes is one transaction: a failure leaves the store as it was.
 */
#include "cli/cli.h"
#include "cli/store_cli.h"
#include "store/store.h"
#include "textkg.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void tkgp_cli_store_help(void)
{
  fputs("Usage: textkg store add [-j N] [--base IRI] [--date DATE] STORE INPUT... | -\n"
        "       textkg store remove STORE DOC...\n"
        "       textkg store list STORE\n"
        "Keep documents' graphs in STORE, an SQLite file (Redland), one named graph\n"
        "a document, for textkg query. INPUT is N-Quads that 'textkg build -f nquads'\n"
        "wrote (*.nq, or '-' starting with '<'), or texts, directories or JSON Lines,\n"
        "built first as 'textkg build' builds them. A document added again replaces\n"
        "its graph, and the store keeps what changed. DOC is a document's IRI or id.\n"
        "A command changes all it was asked to, or nothing.\n",
        stdout);
}

void tkgp_cli_query_help(void)
{
  fputs("Usage: textkg query [--format table|csv|tsv|json] STORE 'SPARQL' | -q FILE.rq\n"
        "Ask STORE (made by 'textkg store add') a SPARQL query over all its documents'\n"
        "graphs (GRAPH ?doc { ... } for one document's). Results are a table on a\n"
        "terminal, CSV otherwise; json is SPARQL 1.1 Query Results JSON. CONSTRUCT and\n"
        "DESCRIBE write N-Triples. A query never changes the store.\n",
        stdout);
}

static int has_suffix(const char *s, const char *suffix)
{
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Standard input into a temporary file *PATH, whose extension says what
 * it holds: .nq for N-Quads, .jsonl, or .txt. */
static int spool_stdin(char **path)
{
  const char *dir = getenv("TMPDIR");
  char buf[65536], *named;
  size_t n, i;
  int first = -1, fd;
  FILE *fp;

  if (asprintf(path, "%s/textkg-store.XXXXXX", dir && *dir ? dir : "/tmp") < 0)
    return -1;
  if ((fd = mkstemp(*path)) < 0 || !(fp = fdopen(fd, "wb"))) {
    fprintf(stderr, "textkg: stdin: cannot keep a copy: %s\n", strerror(errno));
    return -1;
  }
  while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
    for (i = 0; first < 0 && i < n; i++)
      if (buf[i] != ' ' && buf[i] != '\n' && buf[i] != '\t' && buf[i] != '\r')
        first = (unsigned char)buf[i];
    fwrite(buf, 1, n, fp);
  }
  if (fclose(fp) != 0 || ferror(stdin) ||
      asprintf(&named, "%s%s", *path, first == '<' ? ".nq" : first == '{' ? ".jsonl" : ".txt") < 0) {
    fprintf(stderr, "textkg: stdin: %s\n", strerror(errno));
    unlink(*path);
    return -1;
  }
  if (rename(*path, named) != 0) {
    unlink(*path);
    free(named);
    return -1;
  }
  free(*path);
  *path = named;
  return 0;
}

/* What `store add` was given. */
typedef struct add_options {
  const char *jobs, *base, *date;
} add_options;

/* Build the texts among ARGS with `build` into the N-Quads file OUT.
 * Returns build's exit status (1: some failed, the others are in OUT). */
static int build_texts(const add_options *opt, char **texts, int n, const char *out)
{
  char **argv = calloc((size_t)n + 12, sizeof *argv);
  int argc = 0, status;
  if (!argv)
    return TKGP_EXIT_FAILURE;
  argv[argc++] = "build";
  argv[argc++] = "-q";
  argv[argc++] = "-o";
  argv[argc++] = (char *)out;
  if (opt->jobs)
    argv[argc++] = "-j", argv[argc++] = (char *)opt->jobs;
  if (opt->base)
    argv[argc++] = "--base", argv[argc++] = (char *)opt->base;
  if (opt->date)
    argv[argc++] = "--date", argv[argc++] = (char *)opt->date;
  for (int i = 0; i < n; i++)
    argv[argc++] = texts[i];
  status = tkgp_cli_build(argc, argv);
  free(argv);
  return status;
}

/* Add the N-Quads files QUADS (NAMES for messages) to the store at PATH, in
 * one transaction. */
static int add_all(tkg_world *w, const char *path, char **quads, char **names, int n)
{
  tkgp_store *st = NULL;
  tkgp_store_added added = {0, 0, 0};
  int rc = tkgp_store_open(&st, w, path, 1, 1);

  if (rc == 0)
    rc = tkgp_store_begin(st);
  for (int i = 0; rc == 0 && i < n; i++)
    rc = tkgp_store_add_nquads(st, quads[i], names[i], &added);
  if (rc == 0)
    rc = tkgp_store_commit(st);
  if (rc < 0)
    fprintf(stderr, "textkg: %s%s\n", tkg_world_last_error(w),
            st ? "; the store is as it was" : "");
  else
    fprintf(stderr, "textkg: %s: %zu documents added (%zu replaced), %zu triples\n", path,
            added.documents, added.replaced, added.triples);
  tkgp_store_close(st);
  return rc < 0 ? TKGP_EXIT_FAILURE : TKGP_EXIT_OK;
}

/* `store add STORE INPUT...`: N-Quads as they are, the rest built. */
static int store_add(tkg_world *w, const add_options *opt, const char *path, char **args, int n)
{
  char **quads = calloc((size_t)n + 1, sizeof *quads), **names = calloc((size_t)n + 1, sizeof *names);
  char **texts = calloc((size_t)n + 1, sizeof *texts), *spooled = NULL, *built = NULL;
  int n_quads = 0, n_texts = 0, status = TKGP_EXIT_FAILURE, build_status = TKGP_EXIT_OK;
  const char *dir = getenv("TMPDIR");

  if (!quads || !names || !texts)
    goto done;
  for (int i = 0; i < n; i++) {
    char *arg = args[i];
    if (strcmp(arg, "-") == 0) {
      if (spooled || spool_stdin(&spooled) < 0)
        goto done;
      arg = spooled;
    }
    if (has_suffix(arg, ".nq") || has_suffix(arg, ".nquads")) {
      quads[n_quads] = arg;
      names[n_quads++] = arg == spooled ? "stdin" : arg;
    } else {
      texts[n_texts++] = arg;
    }
  }
  if (n_texts) {
    if (asprintf(&built, "%s/textkg-store-%ld.nq", dir && *dir ? dir : "/tmp", (long)getpid()) < 0)
      goto done;
    build_status = build_texts(opt, texts, n_texts, built);
    if (build_status == TKGP_EXIT_USAGE || access(built, F_OK) != 0) {
      status = build_status;
      goto done;
    }
    quads[n_quads] = built;
    names[n_quads++] = "the documents built";
  }
  status = add_all(w, path, quads, names, n_quads);
  if (status == TKGP_EXIT_OK)
    status = build_status; /* some documents could not be built */
done:
  if (spooled)
    unlink(spooled);
  if (built)
    unlink(built);
  free(spooled);
  free(built);
  free(quads);
  free(names);
  free(texts);
  return status;
}

static int store_remove(tkg_world *w, const char *path, char **docs, int n)
{
  tkgp_store *st = NULL;
  int rc = tkgp_store_open(&st, w, path, 0, 1);
  if (rc == 0)
    rc = tkgp_store_begin(st);
  for (int i = 0; rc == 0 && i < n; i++)
    rc = tkgp_store_remove(st, docs[i]);
  if (rc == 0)
    rc = tkgp_store_commit(st);
  if (rc < 0)
    fprintf(stderr, "textkg: %s%s\n", tkg_world_last_error(w),
            st ? "; the store is as it was" : "");
  tkgp_store_close(st);
  return rc < 0 ? TKGP_EXIT_FAILURE : TKGP_EXIT_OK;
}

static int store_list(tkg_world *w, const char *path)
{
  tkgp_store *st = NULL;
  int rc = tkgp_store_open(&st, w, path, 0, 0);
  if (rc == 0)
    rc = tkgp_store_list(st, stdout);
  if (rc < 0)
    fprintf(stderr, "textkg: %s\n", tkg_world_last_error(w));
  tkgp_store_close(st);
  return rc < 0 ? TKGP_EXIT_FAILURE : TKGP_EXIT_OK;
}

/* A world opened with the installed data, or NULL after saying why. */
static tkg_world *open_world(const char *base)
{
  tkg_world *w = NULL;
  if (tkg_world_new(&w) < 0 || (base && tkg_world_set_base(w, base) < 0) ||
      tkg_world_open(w, NULL) < 0) {
    fprintf(stderr, "textkg: %s\n", w ? tkg_world_last_error(w) : "out of memory");
    tkg_world_free(w);
    return NULL;
  }
  return w;
}

int tkgp_cli_store(int argc, char **argv)
{
  static const struct option longopts[] = {
    {"jobs", required_argument, NULL, 'j'}, {"base", required_argument, NULL, 'b'},
    {"date", required_argument, NULL, 'd'}, {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
  };
  add_options opt = {NULL, NULL, NULL};
  const char *what = argc > 1 ? argv[1] : NULL;
  tkg_world *w;
  int c, status;

  if (!what || strcmp(what, "-h") == 0 || strcmp(what, "--help") == 0) {
    tkgp_cli_store_help();
    return what ? TKGP_EXIT_OK : TKGP_EXIT_USAGE;
  }
  optind = 1;
  while ((c = getopt_long(argc - 1, argv + 1, "j:h", longopts, NULL)) != -1) {
    if (c == 'j')
      opt.jobs = optarg;
    else if (c == 'b')
      opt.base = optarg;
    else if (c == 'd')
      opt.date = optarg;
    else if (c == 'h')
      return tkgp_cli_store_help(), TKGP_EXIT_OK;
    else
      return fputs("textkg: try 'textkg help store'\n", stderr), TKGP_EXIT_USAGE;
  }
  argc -= optind + 1;
  argv += optind + 1;
  if (argc < 1 || (strcmp(what, "list") != 0 && argc < 2) ||
      (strcmp(what, "add") != 0 && strcmp(what, "remove") != 0 && strcmp(what, "list") != 0)) {
    fputs("textkg: store add STORE INPUT... | remove STORE DOC... | list STORE "
          "(try 'textkg help store')\n", stderr);
    return TKGP_EXIT_USAGE;
  }
  if (!(w = open_world(opt.base)))
    return TKGP_EXIT_FAILURE;
  if (strcmp(what, "add") == 0)
    status = store_add(w, &opt, argv[0], argv + 1, argc - 1);
  else if (strcmp(what, "remove") == 0)
    status = store_remove(w, argv[0], argv + 1, argc - 1);
  else
    status = store_list(w, argv[0]);
  tkg_world_free(w);
  return status;
}

/* All of the file PATH, NUL-terminated, or NULL after saying why. */
static char *read_query_file(const char *path)
{
  FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  char *text = NULL;
  size_t len = 0;
  FILE *mem;

  if (!fp) {
    fprintf(stderr, "textkg: %s: %s\n", path, strerror(errno));
    return NULL;
  }
  if ((mem = open_memstream(&text, &len))) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
      fwrite(buf, 1, n, mem);
    fclose(mem);
  }
  if (fp != stdin)
    fclose(fp);
  return text;
}

int tkgp_cli_query(int argc, char **argv)
{
  static const struct option longopts[] = {
    {"format", required_argument, NULL, 'f'}, {"query-file", required_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
  };
  const char *format = isatty(STDOUT_FILENO) ? "table" : "csv", *file = NULL;
  char *text = NULL;
  tkgp_store *st = NULL;
  tkg_world *w;
  int c, rc;

  optind = 1;
  while ((c = getopt_long(argc, argv, "f:q:h", longopts, NULL)) != -1) {
    if (c == 'f')
      format = optarg;
    else if (c == 'q')
      file = optarg;
    else if (c == 'h')
      return tkgp_cli_query_help(), TKGP_EXIT_OK;
    else
      return fputs("textkg: try 'textkg help query'\n", stderr), TKGP_EXIT_USAGE;
  }
  if (strcmp(format, "table") != 0 && strcmp(format, "csv") != 0 && strcmp(format, "tsv") != 0 &&
      strcmp(format, "json") != 0) {
    fprintf(stderr, "textkg: --format: table, csv, tsv or json, not %s\n", format);
    return TKGP_EXIT_USAGE;
  }
  if (argc - optind != (file ? 1 : 2)) {
    fputs("textkg: query STORE 'SPARQL' | query STORE -q FILE.rq\n", stderr);
    return TKGP_EXIT_USAGE;
  }
  if (file ? !(text = read_query_file(file)) : !(text = strdup(argv[optind + 1])))
    return TKGP_EXIT_FAILURE;
  if (!(w = open_world(NULL))) {
    free(text);
    return TKGP_EXIT_FAILURE;
  }
  rc = tkgp_store_open(&st, w, argv[optind], 0, 0);
  if (rc == 0)
    rc = tkgp_store_query(st, text, file ? file : "query", format, stdout);
  if (rc == 0 && (fflush(stdout) != 0 || ferror(stdout)))
    rc = -1, fprintf(stderr, "textkg: stdout: write error: %s\n", strerror(errno));
  else if (rc < 0)
    fprintf(stderr, "textkg: %s\n", tkg_world_last_error(w));
  tkgp_store_close(st);
  tkg_world_free(w);
  free(text);
  return rc < 0 ? TKGP_EXIT_FAILURE : TKGP_EXIT_OK;
}
