/* build.c - `textkg build`: texts in, graph files out
 * SPDX-License-Identifier: MIT
 *
 * Each input is read whole, analyzed, and written in every format asked
 * for. Files are first written under temporary names in the output
 * directory and renamed only when all of an input's outputs are complete,
 * so a failure never leaves a half-written file behind. An input that
 * fails is reported and skipped; the others are still built. The inputs
 * are built in a worker process (supervise.c), so that even one that
 * crashes costs only itself.
 */
#include "cli/cli.h"
#include "cli/supervise.h"
#include "textkg.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_FORMATS 16

typedef struct options {
  const char *outdir;
  const char *formats[MAX_FORMATS];
  size_t n_formats;
  const char *base;
  const char *date;
  int to_stdout;
  int merge;                 /* one graph of all inputs */
  int hide_negated;          /* diagrams leave negated relations out */
  int timings;               /* print the time of each stage at the end */
  char **links;              /* --link files */
  size_t n_links;
  const char *focus;         /* diagrams of this entity's neighbourhood */
  int depth;                 /* relations from the focus */
  size_t max_nodes;          /* entities a diagram shows at most; 0: all */
} options;

void tkgp_cli_build_help(void)
{
  fputs("Usage: textkg build [OPTION]... FILE... | -\n"
        "Read English texts and write the knowledge graph of each.\n"
        "\n"
        "  -o, --output DIR     write into DIR (created if missing; default: .)\n"
        "  -f, --format LIST    comma-separated formats to write (default:\n"
        "                       turtle,dot,svg); any of turtle, ntriples, nquads,\n"
        "                       rdfxml, json, dot, svg, png, pdf, html\n"
        "      --base IRI       mint entity IRIs under IRI\n"
        "                       (default: https://example.org/textkg/)\n"
        "      --date DATE      the documents' date, YYYY-MM-DD\n"
        "      --merge          write one graph of all inputs, DIR/merged.EXT\n"
        "      --link FILE.ttl  reuse the IRIs of FILE's resources for entities\n"
        "                       with the same name (repeatable)\n"
        "      --hide-negated   leave negated relations out of diagrams\n"
        "                       (drawn dotted by default; always in the RDF)\n"
        "      --focus ENTITY   diagrams of ENTITY (its IRI or a name) and what\n"
        "                       lies within --depth relations of it\n"
        "      --depth N        relations from the focus (default: 1)\n"
        "      --max-nodes N    diagrams of the N most connected entities at most,\n"
        "                       with a note of how many were left out\n"
        "      --timings        print the time of each analysis stage at the end\n"
        "      --stdout         write the one format asked for to standard output\n"
        "  -h, --help           show this help and exit\n"
        "\n"
        "For an input FILE named NAME.txt, DIR/NAME.ttl, DIR/NAME.dot and\n"
        "DIR/NAME.svg are written (one file per format). '-' reads standard input,\n"
        "whose outputs are named 'stdin'.\n",
        stdout);
}

/* ---- reading ---------------------------------------------------------- */

static const char *display_name(const char *path)
{
  return strcmp(path, "-") == 0 ? "stdin" : path;
}

/* Read all of PATH ("-": standard input). Prints the error itself. */
static int read_input(const char *path, char **out, size_t *length)
{
  FILE *fp;
  char *buf = NULL;
  size_t len = 0, cap = 0, want = 65536;
  struct stat st;
  int is_stdin = strcmp(path, "-") == 0;

  *out = NULL;
  fp = is_stdin ? stdin : fopen(path, "rb");
  if (!fp) {
    fprintf(stderr, "textkg: %s: %s\n", path, strerror(errno));
    return -1;
  }
  if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
    fprintf(stderr, "textkg: %s: is a directory\n", path);
    goto fail;
  }
  /* A regular file is read in one go: one byte more than its size, so
   * that the end is seen without another allocation. */
  if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
    want = (size_t)st.st_size + 1;
  for (;;) {
    size_t n;
    if (len == cap) {
      size_t ncap = cap ? cap * 2 : want;
      char *p = realloc(buf, ncap);
      if (!p) {
        fprintf(stderr, "textkg: %s: out of memory reading %zu bytes\n",
                display_name(path), len);
        goto fail;
      }
      buf = p;
      cap = ncap;
    }
    n = fread(buf + len, 1, cap - len, fp);
    len += n;
    if (n == 0)
      break;
  }
  if (ferror(fp)) {
    fprintf(stderr, "textkg: %s: read error after byte %zu: %s\n",
            display_name(path), len, strerror(errno));
    goto fail;
  }
  if (len == 0) {
    fprintf(stderr, "textkg: %s: empty input, nothing to build\n", display_name(path));
    goto fail;
  }
  if (!is_stdin)
    fclose(fp);
  *out = buf;
  *length = len;
  return 0;

fail:
  if (!is_stdin)
    fclose(fp);
  free(buf);
  return -1;
}

/* ---- writing ---------------------------------------------------------- */

/* NAME of an input: its file name without directory and extension. */
static char *output_stem(const char *path)
{
  const char *base, *dot;
  size_t len;
  char *stem;

  if (strcmp(path, "-") == 0)
    return strdup("stdin");
  base = strrchr(path, '/');
  base = base ? base + 1 : path;
  dot = strrchr(base, '.');
  len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
  stem = malloc(len + 1);
  if (stem) {
    memcpy(stem, base, len);
    stem[len] = '\0';
  }
  return stem;
}

static int make_dir(const char *dir)
{
  struct stat st;
  char *copy, *p;
  int rc = 0;

  if (stat(dir, &st) == 0) {
    if (S_ISDIR(st.st_mode))
      return 0;
    fprintf(stderr, "textkg: %s: output directory is not a directory\n", dir);
    return -1;
  }
  copy = strdup(dir);
  if (!copy)
    return -1;
  /* mkdir -p: each missing parent in turn. */
  for (p = copy + 1; rc == 0; p++) {
    if (*p == '/' || *p == '\0') {
      char c = *p;
      *p = '\0';
      if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "textkg: %s: cannot create output directory: %s\n", copy,
                strerror(errno));
        rc = -1;
      }
      *p = c;
      if (c == '\0')
        break;
    }
  }
  free(copy);
  return rc;
}

typedef struct pending {
  char *tmp, *final;
} pending;

static void discard(pending *files, size_t n, tkgp_report *report)
{
  size_t i;
  for (i = 0; i < n; i++) {
    if (files[i].tmp) {
      unlink(files[i].tmp);
      tkgp_report_temp_gone(report, files[i].tmp);
    }
    free(files[i].tmp);
    free(files[i].final);
    files[i].tmp = files[i].final = NULL;
  }
}

/* Hold back the signals that stop a run (they are delivered when the old
 * mask, saved in *BEFORE, comes back), around a step a stop must not cut. */
static void hold_stop_signals(sigset_t *before)
{
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGHUP);
  sigprocmask(SIG_BLOCK, &stop, before);
}

/* Write GRAPH in FORMAT to a new temporary file beside FINAL. */
static int write_temp(tkg_world *w, const tkg_graph *graph, const char *format,
                      pending *file, mode_t mode, tkgp_report *report)
{
  size_t len = strlen(file->final);
  const char *slash = strrchr(file->final, '/');
  size_t dirlen = slash ? (size_t)(slash - file->final) + 1 : 0;
  sigset_t before;
  int fd;
  FILE *fp;
  int rc;

  file->tmp = malloc(len + 16);
  if (!file->tmp)
    return -1;
  /* DIR/.NAME.ttl.XXXXXX: hidden, and in the same directory so that
   * rename() is atomic. */
  memcpy(file->tmp, file->final, dirlen);
  snprintf(file->tmp + dirlen, len + 16 - dirlen, ".%s.XXXXXX", file->final + dirlen);
  /* A signal between creating the file and telling the supervisor would
   * leave it behind: the stop signals wait until the supervisor knows. */
  hold_stop_signals(&before);
  fd = mkstemp(file->tmp);
  if (fd >= 0)
    tkgp_report_temp(report, file->tmp);
  sigprocmask(SIG_SETMASK, &before, NULL);
  if (fd < 0) {
    fprintf(stderr, "textkg: %s: cannot write: %s\n", file->final, strerror(errno));
    free(file->tmp);
    file->tmp = NULL;
    return -1;
  }
  fchmod(fd, mode);
  fp = fdopen(fd, "wb");
  if (!fp) {
    close(fd);
    fprintf(stderr, "textkg: %s: cannot write: %s\n", file->final, strerror(errno));
    return -1;
  }
  rc = tkg_writer_write(graph, format, fp);
  if (rc < 0) {
    fclose(fp);
    fprintf(stderr, "textkg: %s: %s\n", file->final, tkg_world_last_error(w));
    return -1;
  }
  if (fflush(fp) != 0 || ferror(fp)) {
    fprintf(stderr, "textkg: %s: write error: %s\n", file->final, strerror(errno));
    fclose(fp);
    return -1;
  }
  if (fclose(fp) != 0) {
    fprintf(stderr, "textkg: %s: write error: %s\n", file->final, strerror(errno));
    return -1;
  }
  return 0;
}

/* Lock the output directory DIR (held until FD is closed), so that two
 * runs writing the same directory rename one input's files as a set:
 * NAME.ttl and NAME.svg always come from the same run. Returns the
 * descriptor, or -1 when the directory cannot be locked (the files are
 * then renamed unlocked, as before). */
static int lock_dir(const char *dir)
{
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0 && flock(fd, LOCK_EX) != 0) {
    close(fd);
    fd = -1;
  }
  return fd;
}

static int write_outputs(tkg_world *w, const options *opt, const char *path,
                         const tkg_graph *graph, tkgp_report *report)
{
  pending files[MAX_FORMATS];
  char *stem = path ? output_stem(path) : strdup("merged");
  size_t i, n = 0;
  sigset_t before;
  mode_t mask;
  int rc = -1, lock = -1;

  memset(files, 0, sizeof files);
  if (!stem)
    return -1;
  mask = umask(0);
  umask(mask);
  for (i = 0; i < opt->n_formats; i++, n++) {
    const char *ext = tkg_writer_extension(opt->formats[i]);
    size_t len = strlen(opt->outdir) + strlen(stem) + strlen(ext) + 3;
    files[i].final = malloc(len);
    if (!files[i].final)
      goto cleanup;
    snprintf(files[i].final, len, "%s/%s.%s", opt->outdir, stem, ext);
    if (write_temp(w, graph, opt->formats[i], &files[i], 0666 & ~mask, report) < 0) {
      n++;
      goto cleanup;
    }
  }
  lock = lock_dir(opt->outdir);
  /* All of an input's files, or none: a stop waits for the last rename. */
  hold_stop_signals(&before);
  for (i = 0; i < n; i++) {
    if (rename(files[i].tmp, files[i].final) != 0) {
      fprintf(stderr, "textkg: %s: cannot write: %s\n", files[i].final, strerror(errno));
      break;
    }
    tkgp_report_temp_gone(report, files[i].tmp);
    free(files[i].tmp);
    files[i].tmp = NULL;
  }
  sigprocmask(SIG_SETMASK, &before, NULL);
  if (i == n)
    rc = 0;

cleanup:
  if (lock >= 0)
    close(lock);
  discard(files, n, report);
  free(stem);
  return rc;
}

/* ---- one input ---------------------------------------------------------- */

/* Write GRAPH: to standard output, or to DIR/NAME.EXT for each format
 * (PATH gives NAME; NULL for the merged graph). */
static int emit(tkg_world *w, const options *opt, const char *path,
                const tkg_graph *graph, tkgp_report *report)
{
  if (opt->to_stdout) {
    if (tkg_writer_write(graph, opt->formats[0], stdout) < 0) {
      fprintf(stderr, "textkg: stdout: %s\n", tkg_world_last_error(w));
      return -1;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
      fprintf(stderr, "textkg: stdout: write error: %s\n", strerror(errno));
      return -1;
    }
    return 0;
  }
  return write_outputs(w, opt, path, graph, report);
}

/* Read and analyze PATH, adding what it says to GRAPH. */
static int add_input(tkg_world *w, const char *path, tkg_graph *graph)
{
  char *bytes = NULL;
  size_t length = 0;
  tkg_document *doc = NULL;
  int rc = -1;

  if (read_input(path, &bytes, &length) < 0)
    return -1;
  if (tkg_document_new(&doc, w, path, bytes, length) < 0 ||
      tkg_document_analyze(doc) < 0 || tkg_graph_add_document(graph, doc) < 0)
    fprintf(stderr, "textkg: %s: %s\n", display_name(path), tkg_world_last_error(w));
  else
    rc = 0;
  tkg_document_free(doc);
  free(bytes);
  return rc;
}

static int build_one(tkg_world *w, const options *opt, const char *path, tkgp_report *report)
{
  tkg_graph *graph = NULL;
  int rc = -1;

  if (tkg_graph_new(&graph, w) < 0)
    fprintf(stderr, "textkg: %s: %s\n", display_name(path), tkg_world_last_error(w));
  else if (add_input(w, path, graph) == 0)
    rc = emit(w, opt, path, graph, report);
  tkg_graph_free(graph);
  return rc;
}

/* What the worker needs to build the inputs. */
typedef struct batch {
  tkg_world *world;
  const options *opt;
  char **paths;
  size_t n;
} batch;

/* Each input from FIRST on, into its own graph and files. */
static int build_each(void *context, size_t first, tkgp_report *report)
{
  batch *b = context;
  size_t i;
  int rc = 0;

  for (i = first; i < b->n; i++) {
    int ok;
    tkgp_report_start(report, i);
    ok = build_one(b->world, b->opt, b->paths[i], report) == 0;
    tkgp_report_done(report, i, ok);
    if (!ok)
      rc = -1;
  }
  if (b->opt->timings)
    tkg_world_print_timings(b->world, stderr);
  return rc;
}

/* All inputs into one graph. A merged graph that lacks an input would be
 * silently incomplete, so nothing is written when any input fails. */
static int build_merged(void *context, size_t first, tkgp_report *report)
{
  batch *b = context;
  tkg_world *w = b->world;
  tkg_graph *graph = NULL;
  size_t i;
  int failed = 0;

  if (tkg_graph_new(&graph, w) < 0) {
    fprintf(stderr, "textkg: %s\n", tkg_world_last_error(w));
    return -1;
  }
  for (i = first; i < b->n; i++) {
    int ok;
    tkgp_report_start(report, i);
    ok = add_input(w, b->paths[i], graph) == 0;
    tkgp_report_done(report, i, ok);
    if (!ok)
      failed = 1;
  }
  if (failed) {
    fprintf(stderr, "textkg: merged graph not written: an input failed\n");
  } else if (tkg_graph_join_short_names(graph) < 0) {
    fprintf(stderr, "textkg: %s\n", tkg_world_last_error(w));
    failed = 1;
  } else if (emit(w, b->opt, NULL, graph, report) < 0) {
    failed = 1;
  }
  tkg_graph_free(graph);
  if (b->opt->timings)
    tkg_world_print_timings(w, stderr);
  return failed ? -1 : 0;
}

/* Build every input in a worker process, then say how it went. Returns
 * the exit status. */
static int build_all(tkg_world *w, const options *opt, char **paths, size_t n)
{
  batch b;
  tkgp_outcome outcome;
  int status = TKGP_EXIT_OK;

  b.world = w;
  b.opt = opt;
  b.paths = paths;
  b.n = n;
  tkgp_supervise(n, (const char *const *)paths, !opt->merge,
                 opt->merge ? build_merged : build_each, &b, &outcome);
  if (outcome.failed || outcome.interrupted)
    status = TKGP_EXIT_FAILURE;
  if (outcome.interrupted) {
    if (outcome.interrupted != SIGPIPE)
      fprintf(stderr, "textkg: stopped (%s): %zu of %zu inputs built; no partial file left\n",
              strsignal(outcome.interrupted), outcome.built, n);
    tkgp_supervise_die_of(outcome.interrupted);
  } else if (outcome.failed && n > 1) {
    const char *rest = opt->merge || outcome.built == 0 ? "" : "; the others were built";
    if (outcome.crashed)
      fprintf(stderr, "textkg: %zu of %zu inputs failed (%zu crashed)%s\n", outcome.failed, n,
              outcome.crashed, rest);
    else
      fprintf(stderr, "textkg: %zu of %zu inputs failed%s\n", outcome.failed, n, rest);
  }
  return status;
}

/* ---- options ------------------------------------------------------------ */

static int parse_formats(options *opt, char *list)
{
  char *save = NULL, *f;
  opt->n_formats = 0;
  for (f = strtok_r(list, ",", &save); f; f = strtok_r(NULL, ",", &save)) {
    size_t i;
    int dup = 0;
    if (!tkg_writer_exists(f)) {
      fprintf(stderr, "textkg: unknown format: %s (try 'textkg help build')\n", f);
      return -1;
    }
    for (i = 0; i < opt->n_formats; i++)
      dup |= strcmp(opt->formats[i], f) == 0;
    if (dup)
      continue;
    if (opt->n_formats == MAX_FORMATS)
      return -1;
    opt->formats[opt->n_formats++] = f;
  }
  if (!opt->n_formats) {
    fprintf(stderr, "textkg: --format needs at least one format\n");
    return -1;
  }
  return 0;
}

/* Parse the options of `build` into OPT (*FORMAT_LIST keeps the -f list
 * OPT points into). Returns -1 to go on, else the exit status: 0 after
 * --help. */
static int parse_options(int argc, char **argv, options *opt, char **format_list)
{
  static const struct option longopts[] = {
    {"output", required_argument, NULL, 'o'},
    {"format", required_argument, NULL, 'f'},
    {"base", required_argument, NULL, 'b'},
    {"date", required_argument, NULL, 'd'},
    {"stdout", no_argument, NULL, 's'},
    {"merge", no_argument, NULL, 'm'},
    {"hide-negated", no_argument, NULL, 'n'},
    {"timings", no_argument, NULL, 't'},
    {"link", required_argument, NULL, 'l'},
    {"focus", required_argument, NULL, 'F'},
    {"depth", required_argument, NULL, 'D'},
    {"max-nodes", required_argument, NULL, 'M'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
  };
  int c;

  memset(opt, 0, sizeof *opt);
  opt->outdir = ".";
  opt->formats[0] = "turtle";
  opt->formats[1] = "dot";
  opt->formats[2] = "svg";
  opt->n_formats = 3;
  opt->depth = 1;
  optind = 1;
  while ((c = getopt_long(argc, argv, "o:f:h", longopts, NULL)) != -1) {
    switch (c) {
    case 'o':
      opt->outdir = optarg;
      break;
    case 'f':
      free(*format_list);
      *format_list = strdup(optarg);
      if (!*format_list || parse_formats(opt, *format_list) < 0)
        return TKGP_EXIT_USAGE;
      break;
    case 'b':
      opt->base = optarg;
      break;
    case 'd':
      opt->date = optarg;
      break;
    case 's':
      opt->to_stdout = 1;
      break;
    case 'm':
      opt->merge = 1;
      break;
    case 'n':
      opt->hide_negated = 1;
      break;
    case 't':
      opt->timings = 1;
      break;
    case 'l': {
      char **p = realloc(opt->links, (opt->n_links + 1) * sizeof *p);
      if (!p) {
        fputs("textkg: out of memory\n", stderr);
        return TKGP_EXIT_FAILURE;
      }
      opt->links = p;
      opt->links[opt->n_links++] = optarg;
      break;
    }
    case 'F':
      opt->focus = optarg;
      break;
    case 'D':
    case 'M': {
      char *end;
      unsigned long v = strtoul(optarg, &end, 10);
      if (!*optarg || *end || optarg[0] == '-' || v > 1000000000ul) {
        fprintf(stderr, "textkg: --%s: not a count: %s\n", c == 'D' ? "depth" : "max-nodes",
                optarg);
        return TKGP_EXIT_USAGE;
      }
      if (c == 'D')
        opt->depth = (int)v;
      else
        opt->max_nodes = v;
      break;
    }
    case 'h':
      tkgp_cli_build_help();
      return TKGP_EXIT_OK;
    default:
      fputs("textkg: try 'textkg help build'\n", stderr);
      return TKGP_EXIT_USAGE;
    }
  }
  return -1;
}

/* The N inputs PATHS can be built as OPT asks: --stdout takes one, and no
 * two may write the same output names. 0, or the exit status. */
static int check_inputs(const options *opt, char **paths, int n)
{
  if (n < 1) {
    fputs("textkg: build: no input file (use '-' for standard input)\n", stderr);
    return TKGP_EXIT_USAGE;
  }
  if (opt->to_stdout && (opt->n_formats != 1 || (n != 1 && !opt->merge))) {
    fputs("textkg: --stdout writes one format (-f) of one input, or of --merge\n", stderr);
    return TKGP_EXIT_USAGE;
  }
  if (opt->to_stdout || opt->merge)
    return 0;
  for (int i = 0; i < n; i++) {
    char *a = output_stem(paths[i]);
    int clash = 0;
    for (int j = 0; a && j < i; j++) {
      char *b = output_stem(paths[j]);
      if (b && strcmp(a, b) == 0) {
        fprintf(stderr, "textkg: %s: has the same output name '%s' as %s\n",
                display_name(paths[i]), a, display_name(paths[j]));
        clash = 1;
      }
      free(b);
    }
    free(a);
    if (clash)
      return TKGP_EXIT_USAGE;
  }
  return 0;
}

/* A world set up as OPT says, its models and ontology open and its --link
 * files read, into *OUT. 0, or the exit status. */
static int open_world(const options *opt, tkg_world **out)
{
  tkg_world *w;

  if (tkg_world_new(out) < 0) {
    fputs("textkg: out of memory\n", stderr);
    return TKGP_EXIT_FAILURE;
  }
  w = *out;
  if (opt->base && tkg_world_set_base(w, opt->base) < 0) {
    fprintf(stderr, "textkg: --base: %s\n", tkg_world_last_error(w));
    return TKGP_EXIT_USAGE;
  }
  tkg_world_set_show_negated(w, !opt->hide_negated);
  tkg_world_set_diagram_max_nodes(w, opt->max_nodes);
  if (opt->focus && tkg_world_set_diagram_focus(w, opt->focus, opt->depth) < 0) {
    fprintf(stderr, "textkg: --focus: %s\n", tkg_world_last_error(w));
    return TKGP_EXIT_FAILURE;
  }
  if (opt->date && tkg_world_set_date(w, opt->date) < 0) {
    fprintf(stderr, "textkg: --date: %s\n", tkg_world_last_error(w));
    return TKGP_EXIT_USAGE;
  }
  if (tkg_world_open(w, NULL) < 0) {
    fprintf(stderr, "textkg: %s\n", tkg_world_last_error(w));
    return TKGP_EXIT_FAILURE;
  }
  for (size_t i = 0; i < opt->n_links; i++)
    if (tkg_world_link(w, opt->links[i]) < 0) {
      fprintf(stderr, "textkg: %s\n", tkg_world_last_error(w));
      return TKGP_EXIT_FAILURE;
    }
  return 0;
}

int tkgp_cli_build(int argc, char **argv)
{
  options opt;
  tkg_world *w = NULL;
  char *format_list = NULL;
  int status = parse_options(argc, argv, &opt, &format_list);

  if (status >= 0) /* a usage error, or --help */
    goto done;
  if ((status = check_inputs(&opt, argv + optind, argc - optind)) != 0 ||
      (status = open_world(&opt, &w)) != 0)
    goto done;
  if (!opt.to_stdout && make_dir(opt.outdir) < 0)
    status = TKGP_EXIT_FAILURE;
  else
    status = build_all(w, &opt, argv + optind, (size_t)(argc - optind));
done:
  tkg_world_free(w);
  free(format_list);
  free(opt.links);
  return status;
}
