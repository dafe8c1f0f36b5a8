/* build.c - `textkg build`: texts in, graph files out
 * SPDX-License-Identifier: MIT
 *
 * The inputs (files, directories, JSON Lines: inputs.c) are numbered
 * first. Each is analyzed and written in every format asked for, all its
 * files or none (build_files.c); or, for a stream (--stdout or -o
 * FILE.nq), written there as one named graph in input order; or added to
 * one merged graph. An input that fails is reported and skipped; the
 * others are still built. The inputs are built in a worker process
 * (supervise.c), so that even one that crashes costs only itself, on one
 * thread or several (build_run.c).
 */
#include "cli/build_files.h"
#include "cli/build_run.h"
#include "cli/cli.h"
#include "cli/inputs.h"
#include "cli/progress.h"
#include "cli/supervise.h"
#include "textkg.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct options {
  const char *outdir;        /* or the stream file, when STREAM_FILE */
  const char *formats[TKGP_MAX_FORMATS];
  size_t n_formats;
  int formats_given;         /* -f was given */
  const char *base;
  const char *date;
  int to_stdout;
  int stream_file;           /* -o FILE.nq: every document into one file */
  int merge;                 /* one graph of all inputs */
  int hide_negated;          /* diagrams leave negated relations out */
  int timings;               /* print the time of each stage at the end */
  int quiet;                 /* no progress line, no summary */
  size_t threads;            /* -j: 0 for all cores */
  tkgp_input_format input_format;
  char **links;              /* --link files */
  size_t n_links;
  const char *focus;         /* diagrams of this entity's neighbourhood */
  int depth;                 /* relations from the focus */
  size_t max_nodes;          /* entities a diagram shows at most; 0: all */
} options;

void tkgp_cli_build_help(void)
{
  fputs("Usage: textkg build [OPTION]... FILE|DIR... | -\n"
        "Read English texts and write the knowledge graph of each.\n"
        "\n"
        "  -o, --output DIR     write into DIR (created if missing; default: .);\n"
        "                       -o FILE.nq (or .nt) writes every document into FILE\n"
        "  -f, --format LIST    comma-separated formats to write (default:\n"
        "                       turtle,dot,svg); any of turtle, ntriples, nquads,\n"
        "                       rdfxml, json, dot, svg, png, pdf, html\n"
        "      --input-format F text (each file one document) or jsonl (one\n"
        "                       JSON object a line: id, text; date, url, title);\n"
        "                       default: jsonl for *.jsonl and *.ndjson, and for\n"
        "                       '-' when it starts with '{'; text otherwise\n"
        "  -j, --jobs N         build N documents at a time (default: 1; 0: one\n"
        "                       per core); the output is the same for every N\n"
        "      --base IRI       mint entity IRIs under IRI\n"
        "                       (default: https://example.org/textkg/)\n"
        "      --date DATE      the documents' date, YYYY-MM-DD (a JSON line's\n"
        "                       own \"date\" comes first)\n"
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
        "                       (N-Quads or N-Triples: any number of documents)\n"
        "  -q, --quiet          no progress line on a terminal, no summary\n"
        "  -h, --help           show this help and exit\n"
        "\n"
        "For an input FILE named NAME.txt, DIR/NAME.ttl, DIR/NAME.dot and\n"
        "DIR/NAME.svg are written (one file per format). A directory gives its\n"
        "*.txt files, recursively, with their paths kept under DIR; a JSON line\n"
        "gives DIR/ID.EXT. '-' reads standard input, whose outputs are named\n"
        "'stdin'. In N-Quads, each document is a named graph, written as soon as\n"
        "it is built, in input order.\n",
        stdout);
}

/* ---- one input ---------------------------------------------------------- */

/* What a batch of inputs is built with. */
typedef struct batch {
  tkg_world *world;
  const options *opt;
  const tkgp_inputs *inputs;
  tkgp_out_files files;
  FILE *stream;          /* documents go here in input order, or NULL */
  int in_memory_merge;   /* --merge into MERGED, not through a stream */
  tkg_graph *merged;     /* documents are added here, or NULL */
} batch;

/* An input built, waiting for its turn: its stream bytes, or its analyzed
 * document for the merged graph. */
typedef struct built {
  char *bytes;
  size_t length;
  size_t words, triples;
  tkg_document *doc;
} built;

/* Analyze the text IN of input K into *OUT. Prints the error itself. */
static int analyze_input(tkg_world *w, const batch *b, size_t k, const tkgp_input_doc *in,
                         tkg_document **out)
{
  const char *name = tkgp_inputs_names(b->inputs)[k];
  int ok = tkg_document_new(out, w, tkgp_inputs_path(b->inputs, k), in->bytes, in->length) == 0 &&
           (!in->id || tkg_document_set_id(*out, in->id) == 0) &&
           (!in->url && !in->title ? 1 : tkg_document_set_source(*out, in->url, in->title) == 0);
  if (ok && in->date && tkg_document_set_date(*out, in->date) < 0) {
    fprintf(stderr, "textkg: %s: \"date\": %s\n", name, tkg_world_last_error(w));
    return -1;
  }
  if (!ok || tkg_document_analyze(*out) < 0) {
    fprintf(stderr, "textkg: %s: %s\n", name, tkg_world_last_error(w));
    return -1;
  }
  return 0;
}

/* GRAPH in the one format of the stream, into memory (R->bytes). */
static int write_to_memory(tkg_world *w, const batch *b, size_t k, const tkg_graph *graph,
                           built *r)
{
  FILE *mem = open_memstream(&r->bytes, &r->length);
  int rc;
  if (!mem) {
    fprintf(stderr, "textkg: %s: out of memory\n", tkgp_inputs_names(b->inputs)[k]);
    return -1;
  }
  rc = tkg_writer_write_counted(graph, b->opt->formats[0], mem, &r->triples);
  if (fclose(mem) != 0 || rc < 0) {
    fprintf(stderr, "textkg: %s: %s\n", tkgp_inputs_names(b->inputs)[k],
            rc < 0 ? tkg_world_last_error(w) : "out of memory");
    return -1;
  }
  return 0;
}

/* The build step (build_run.h): read, analyze, and write input K, or
 * keep it for the commit step. */
static int build_input(void *context, tkgp_run *run, tkg_world *w, size_t k, void **result)
{
  const batch *b = context;
  tkgp_input_doc in;
  tkg_document *doc = NULL;
  tkg_graph *graph = NULL;
  built *r = calloc(1, sizeof *r);
  int ok = 0;

  *result = r;
  if (!r || tkgp_inputs_load(b->inputs, k, &in) < 0)
    return 0;
  if (analyze_input(w, b, k, &in, &doc) < 0)
    goto done;
  r->words = tkg_document_words(doc);
  if (b->merged) {
    r->doc = doc; /* added in input order, by the commit step */
    doc = NULL;
    ok = 1;
  } else if (tkg_graph_new(&graph, w) < 0 || tkg_graph_add_document(graph, doc) < 0) {
    fprintf(stderr, "textkg: %s: %s\n", tkgp_inputs_names(b->inputs)[k], tkg_world_last_error(w));
  } else if (b->stream) {
    ok = write_to_memory(w, b, k, graph, r) == 0;
  } else {
    ok = tkgp_write_input_files(w, &b->files, tkgp_inputs_stem(b->inputs, k), graph, run,
                                tkgp_run_report(run), &r->triples) == 0;
  }
done:
  tkg_graph_free(graph);
  tkg_document_free(doc);
  tkgp_input_doc_finish(&in);
  return ok;
}

/* The commit step (build_run.h): input K's turn, in input order. */
static void commit_input(void *context, size_t k, void *result, tkgp_done *done)
{
  const batch *b = context;
  built *r = result;
  const char *name = tkgp_inputs_names(b->inputs)[k];

  if (!r)
    return;
  done->words = r->words;
  done->triples = r->triples;
  if (done->ok && b->stream) {
    if (fwrite(r->bytes, 1, r->length, b->stream) != r->length || fflush(b->stream) != 0) {
      fprintf(stderr, "textkg: %s: write error: %s\n", b->stream == stdout ? "stdout" : name,
              strerror(errno));
      done->ok = 0;
    }
    done->stream_end = ftello(b->stream); /* -1 for a pipe */
  }
  if (done->ok && b->merged && tkg_graph_add_document(b->merged, r->doc) < 0) {
    fprintf(stderr, "textkg: %s: %s\n", name, tkg_world_last_error(b->world));
    done->ok = 0;
  }
  tkg_document_free(r->doc);
  free(r->bytes);
  free(r);
}

static const tkgp_run_steps steps = {build_input, commit_input};

/* Write the merged graph: to the stream or standard output, or as
 * DIR/merged.EXT. */
static int emit_merged(batch *b)
{
  FILE *to = b->stream ? b->stream : b->opt->to_stdout ? stdout : NULL;
  size_t triples;
  if (tkg_graph_join_short_names(b->merged) < 0) {
    fprintf(stderr, "textkg: %s\n", tkg_world_last_error(b->world));
    return -1;
  }
  if (!to)
    return tkgp_write_input_files(b->world, &b->files, "merged", b->merged, NULL, NULL,
                                  &triples);
  if (tkg_writer_write(b->merged, b->opt->formats[0], to) < 0) {
    fprintf(stderr, "textkg: %s: %s\n", to == stdout ? "stdout" : b->opt->outdir,
            tkg_world_last_error(b->world));
    return -1;
  }
  if (fflush(to) != 0 || ferror(to)) {
    fprintf(stderr, "textkg: %s: write error: %s\n", to == stdout ? "stdout" : b->opt->outdir,
            strerror(errno));
    return -1;
  }
  return 0;
}

/* The worker's work (supervise.h): inputs FIRST.. of the batch. */
static int build_inputs(void *context, size_t first, size_t serial_end, tkgp_report *report)
{
  batch *b = context;
  size_t n = tkgp_inputs_count(b->inputs);
  int rc;

  if (b->merged == NULL && b->in_memory_merge && tkg_graph_new(&b->merged, b->world) < 0) {
    fprintf(stderr, "textkg: %s\n", tkg_world_last_error(b->world));
    return -1;
  }
  rc = tkgp_run_batch(b->world, b->opt->threads, first, serial_end, n, &steps, b, report);
  /* A merged graph that lacks an input would be silently incomplete. */
  if (b->merged && rc < 0)
    fprintf(stderr, "textkg: merged graph not written: an input failed\n");
  else if (b->merged)
    rc = emit_merged(b);
  if (b->opt->timings)
    tkg_world_print_timings(b->world, stderr);
  return rc;
}

/* ---- the batch ------------------------------------------------------------ */

/* Say how a batch of N inputs went; return the exit status. */
static int conclude(const options *opt, const tkgp_outcome *outcome, size_t n,
                    tkgp_progress *progress)
{
  int summary = !opt->quiet && (n > 1 || progress->live);
  tkgp_progress_finish(progress, outcome, summary && !outcome->interrupted);
  if (outcome->interrupted) {
    if (outcome->interrupted != SIGPIPE)
      fprintf(stderr, "textkg: stopped (%s): %zu of %zu inputs built; no partial file left\n",
              strsignal(outcome->interrupted), outcome->built, n);
    tkgp_supervise_die_of(outcome->interrupted);
  } else if (outcome->failed && n > 1) {
    const char *rest = opt->merge || outcome->built == 0 ? "" : "; the others were built";
    if (outcome->crashed)
      fprintf(stderr, "textkg: %zu of %zu inputs failed (%zu crashed)%s\n", outcome->failed, n,
              outcome->crashed, rest);
    else
      fprintf(stderr, "textkg: %zu of %zu inputs failed%s\n", outcome->failed, n, rest);
  }
  return outcome->failed ? TKGP_EXIT_FAILURE : TKGP_EXIT_OK;
}

/* Build every input in a worker process, then say how it went. Returns
 * the exit status. */
/* A merged graph in N-Quads is built without holding the documents: they
 * are written one after the other to SPOOL, as for a stream, then joined
 * (tkg_merge_nquads) into standard output, -o FILE.nq or DIR/merged.nq. */
static int merge_spool(tkg_world *w, const options *opt, tkgp_whole_file *spool, mode_t mode)
{
  tkgp_whole_file out = {NULL, NULL};
  const char *path = opt->stream_file ? opt->outdir : NULL;
  char *in_dir = NULL;
  const char *spooled = spool->tmp;
  int rc = -1;

  if (fflush(spool->fp) != 0) {
    fprintf(stderr, "textkg: %s: write error: %s\n", spool->tmp, strerror(errno));
    return -1;
  }
  if (!path && !opt->to_stdout) {
    if (asprintf(&in_dir, "%s/merged.nq", opt->outdir) < 0)
      return -1;
    path = in_dir;
  }
  if (!path || tkgp_whole_file_open(path, mode, &out) == 0) {
    rc = tkg_merge_nquads(w, &spooled, 1, out.fp ? out.fp : stdout);
    if (rc < 0)
      fprintf(stderr, "textkg: %s\n", tkg_world_last_error(w));
    else if (!out.fp && fflush(stdout) != 0)
      fprintf(stderr, "textkg: stdout: write error: %s\n", strerror(errno)), rc = -1;
    if (path && tkgp_whole_file_close(path, &out, rc == 0) < 0)
      rc = -1;
  }
  free(in_dir);
  return rc;
}

/* Open where the documents are streamed: -o FILE.nq, or the spool of a
 * merged graph in N-Quads (in $TMPDIR). */
static int open_stream(const options *opt, int spooled, mode_t mode, tkgp_whole_file *f)
{
  const char *dir = getenv("TMPDIR");
  char *path;
  int rc;
  if (!spooled)
    return opt->stream_file ? tkgp_whole_file_open(opt->outdir, mode, f) : 0;
  if (asprintf(&path, "%s/textkg-merge.nq", dir && *dir ? dir : "/tmp") < 0)
    return -1;
  rc = tkgp_whole_file_open(path, 0600, f);
  free(path);
  return rc;
}

/* Build every input in a worker process, then say how it went. Returns
 * the exit status. */
static int build_all(tkg_world *w, const options *opt, const tkgp_inputs *inputs)
{
  batch b;
  tkgp_supervision s;
  tkgp_outcome outcome;
  tkgp_progress progress;
  tkgp_whole_file sf = {NULL, NULL};
  size_t n = tkgp_inputs_count(inputs);
  mode_t mask = umask(0);
  int spooled = opt->merge && opt->n_formats == 1 && strcmp(opt->formats[0], "nquads") == 0;
  int status, stream_failed = 0;

  umask(mask);
  memset(&b, 0, sizeof b);
  b.world = w;
  b.opt = opt;
  b.inputs = inputs;
  b.files.dir = opt->outdir;
  b.files.formats = opt->formats;
  b.files.n_formats = opt->n_formats;
  b.files.mode = 0666 & ~mask;
  b.in_memory_merge = opt->merge && !spooled;
  if (open_stream(opt, spooled, b.files.mode, &sf) < 0)
    return TKGP_EXIT_FAILURE;
  b.stream = sf.fp ? sf.fp : opt->to_stdout && !opt->merge ? stdout : NULL;

  memset(&s, 0, sizeof s);
  s.n = n;
  s.names = tkgp_inputs_names(inputs);
  s.restart = !opt->merge;
  s.work = build_inputs;
  s.context = &b;
  s.stream_fd = sf.fp ? fileno(sf.fp) : -1;
  s.progress = tkgp_progress_update;
  s.progress_arg = &progress;
  tkgp_progress_init(&progress, stderr, n, opt->quiet);
  if (progress.live)
    s.before_output = tkgp_progress_clear;
  tkgp_supervise(&s, &outcome);
  if (spooled) {
    if (!outcome.interrupted && outcome.failed)
      fprintf(stderr, "textkg: merged graph not written: an input failed\n");
    else if (!outcome.interrupted)
      stream_failed = merge_spool(w, opt, &sf, b.files.mode) < 0;
    tkgp_whole_file_close(NULL, &sf, 0);
  } else {
    /* A stream keeps the documents that were built; a merged graph, all or nothing. */
    stream_failed = tkgp_whole_file_close(opt->outdir, &sf,
                                          !outcome.interrupted && !(opt->merge && outcome.failed)) < 0;
  }
  status = conclude(opt, &outcome, n, &progress);
  return stream_failed ? TKGP_EXIT_FAILURE : status;
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
    if (opt->n_formats == TKGP_MAX_FORMATS)
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
    {"jobs", required_argument, NULL, 'j'},
    {"input-format", required_argument, NULL, 'I'},
    {"quiet", no_argument, NULL, 'q'},
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
  opt->threads = 1;
  optind = 1;
  while ((c = getopt_long(argc, argv, "o:f:j:qh", longopts, NULL)) != -1) {
    switch (c) {
    case 'o':
      opt->outdir = optarg;
      break;
    case 'f':
      free(*format_list);
      *format_list = strdup(optarg);
      if (!*format_list || parse_formats(opt, *format_list) < 0)
        return TKGP_EXIT_USAGE;
      opt->formats_given = 1;
      break;
    case 'q':
      opt->quiet = 1;
      break;
    case 'I':
      if (strcmp(optarg, "text") == 0)
        opt->input_format = TKGP_INPUT_TEXT;
      else if (strcmp(optarg, "jsonl") == 0)
        opt->input_format = TKGP_INPUT_JSONL;
      else {
        fprintf(stderr, "textkg: --input-format: text or jsonl, not %s\n", optarg);
        return TKGP_EXIT_USAGE;
      }
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
    case 'M':
    case 'j': {
      char *end;
      unsigned long v = strtoul(optarg, &end, 10);
      const char *what = c == 'D' ? "depth" : c == 'M' ? "max-nodes" : "jobs";
      if (!*optarg || *end || optarg[0] == '-' || v > (c == 'j' ? 1024ul : 1000000000ul)) {
        fprintf(stderr, "textkg: --%s: not a count: %s\n", what, optarg);
        return TKGP_EXIT_USAGE;
      }
      if (c == 'D')
        opt->depth = (int)v;
      else if (c == 'M')
        opt->max_nodes = v;
      else
        opt->threads = v ? v : tkgp_run_all_cores();
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


/* Whether FORMAT's documents can follow one another in one stream. */
static int streamable(const char *format)
{
  return strcmp(format, "nquads") == 0 || strcmp(format, "ntriples") == 0;
}

/* -o FILE.nq or FILE.nt (not a directory): every document into FILE, in
 * the format its extension names unless -f says. 0, or the exit status. */
static int choose_stream_file(options *opt)
{
  const char *dot = strrchr(opt->outdir, '.');
  struct stat st;
  if (opt->to_stdout || !dot || (strcmp(dot, ".nq") != 0 && strcmp(dot, ".nt") != 0) ||
      (stat(opt->outdir, &st) == 0 && S_ISDIR(st.st_mode)))
    return 0;
  opt->stream_file = 1;
  if (!opt->formats_given) {
    opt->formats[0] = strcmp(dot, ".nq") == 0 ? "nquads" : "ntriples";
    opt->n_formats = 1;
  }
  if (opt->n_formats != 1 || (!opt->merge && !streamable(opt->formats[0]))) {
    fprintf(stderr, "textkg: -o %s: a file of N-Quads or N-Triples takes one format, "
                    "nquads or ntriples\n", opt->outdir);
    return TKGP_EXIT_USAGE;
  }
  return 0;
}

/* The documents of the N arguments ARGS, into *OUT, checked against what
 * OPT asks. 0, or the exit status. */
static int gather_inputs(const options *opt, char **args, int n, tkgp_inputs **out)
{
  size_t count;
  if (n < 1) {
    fputs("textkg: build: no input file (use '-' for standard input)\n", stderr);
    return TKGP_EXIT_USAGE;
  }
  if (!(*out = tkgp_inputs_new())) {
    fputs("textkg: out of memory\n", stderr);
    return TKGP_EXIT_FAILURE;
  }
  for (int i = 0; i < n; i++)
    if (tkgp_inputs_add(*out, args[i], opt->input_format) < 0)
      return TKGP_EXIT_FAILURE;
  count = tkgp_inputs_count(*out);
  if (count == 0) {
    fputs("textkg: build: no document in the inputs\n", stderr);
    return TKGP_EXIT_FAILURE;
  }
  if (opt->to_stdout &&
      (opt->n_formats != 1 || (count != 1 && !opt->merge && !streamable(opt->formats[0])))) {
    fputs("textkg: --stdout writes one format (-f) of one input, of --merge, or nquads or "
          "ntriples of many\n", stderr);
    return TKGP_EXIT_USAGE;
  }
  if (!opt->to_stdout && !opt->stream_file && !opt->merge && tkgp_inputs_check_names(*out) < 0)
    return TKGP_EXIT_USAGE;
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
  tkgp_inputs *inputs = NULL;
  char *format_list = NULL;
  int status = parse_options(argc, argv, &opt, &format_list);

  if (status >= 0) /* a usage error, or --help */
    goto done;
  if ((status = choose_stream_file(&opt)) != 0 ||
      (status = gather_inputs(&opt, argv + optind, argc - optind, &inputs)) != 0 ||
      (status = open_world(&opt, &w)) != 0)
    goto done;
  if (!opt.to_stdout && !opt.stream_file && tkgp_make_dir(opt.outdir) < 0)
    status = TKGP_EXIT_FAILURE;
  else
    status = build_all(w, &opt, inputs);
done:
  tkgp_inputs_free(inputs);
  tkg_world_free(w);
  free(format_list);
  free(opt.links);
  return status;
}
