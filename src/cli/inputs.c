/* inputs.c - the documents of a build: files, directories, JSON Lines
 * SPDX-License-Identifier: MIT
 *
 * Every document is an entry: a file to read whole, or a stretch of bytes
 * (a JSON line, or all of standard input) of a source kept open. Sources
 * are opened before the worker processes and threads start, which read
 * them with pread() and so never share a file position.
 */
#include "cli/inputs.h"
#include "core/arena.h"
#include "core/grow.h"
#include "core/json.h"
#include "core/strbuf.h"
#include "core/strmap.h"
#include "graph/iri.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Where documents' bytes come from: a JSON Lines file, or standard input
 * spooled to a temporary file. */
typedef struct source {
  char *label; /* for messages: the path, or "stdin" */
  int fd;
  int jsonl;
} source;

typedef struct entry {
  char *name;    /* for messages; owned */
  char *path;    /* a text file read whole, or NULL for a stretch of a source */
  char *stem;    /* output name, or NULL for a bad line */
  char *id;      /* a text of a directory: its path there without ".txt" */
  char *error;   /* why this document cannot be built, or NULL */
  size_t source; /* stretches: the source, its bytes and first line */
  off_t offset;
  size_t length, line;
  int named;     /* a file named on the command line */
} entry;

struct tkgp_inputs {
  source *sources;
  size_t n_sources, cap_sources;
  entry *entries;
  size_t n_entries, cap_entries;
  const char **names; /* entries' names, for the supervisor's messages */
};

tkgp_inputs *tkgp_inputs_new(void)
{
  return calloc(1, sizeof(tkgp_inputs));
}

void tkgp_inputs_free(tkgp_inputs *in)
{
  size_t i;
  if (!in)
    return;
  for (i = 0; i < in->n_entries; i++) {
    free(in->entries[i].name);
    free(in->entries[i].path);
    free(in->entries[i].stem);
    free(in->entries[i].id);
    free(in->entries[i].error);
  }
  for (i = 0; i < in->n_sources; i++) {
    free(in->sources[i].label);
    if (in->sources[i].fd >= 0)
      close(in->sources[i].fd);
  }
  free(in->entries);
  free(in->sources);
  free(in->names);
  free(in);
}

size_t tkgp_inputs_count(const tkgp_inputs *in)
{
  return in->n_entries;
}

const char *const *tkgp_inputs_names(const tkgp_inputs *in)
{
  return in->names;
}

const char *tkgp_inputs_path(const tkgp_inputs *in, size_t k)
{
  const entry *e = &in->entries[k];
  return e->path ? e->path : "-";
}

const char *tkgp_inputs_stem(const tkgp_inputs *in, size_t k)
{
  return in->entries[k].stem;
}

/* A new entry, zeroed but for its name (a copy of NAME); NULL when out of memory. */
static entry *new_entry(tkgp_inputs *in, const char *name)
{
  entry *e;
  const char **names;
  if (tkgp_grow((void **)&in->entries, &in->cap_entries, in->n_entries + 1, sizeof *e) < 0)
    return NULL;
  names = realloc(in->names, (in->n_entries + 1) * sizeof *names);
  if (!names)
    return NULL;
  in->names = names;
  e = &in->entries[in->n_entries];
  memset(e, 0, sizeof *e);
  if (!(e->name = strdup(name)))
    return NULL;
  in->names[in->n_entries++] = e->name;
  return e;
}

/* An input that is no document, kept so that it is reported, and counted
 * as failed, in its turn. */
static int add_failed(tkgp_inputs *in, const char *name, const char *why)
{
  entry *e = new_entry(in, name);
  return e && (e->error = strdup(why)) ? 0 : -1;
}

/* ---- text files ---------------------------------------------------------- */

/* NAME without directory and extension, as outputs of named files are called. */
static char *file_stem(const char *path)
{
  const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
  const char *dot = strrchr(base, '.');
  return strndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
}

static int add_file(tkgp_inputs *in, const char *path, const char *rel, int named)
{
  entry *e = new_entry(in, path);
  if (!e || !(e->path = strdup(path)))
    return -1;
  e->named = named;
  if (rel) {
    /* under a directory: its path there, without ".txt" */
    size_t len = strlen(rel) - 4;
    tkgp_strbuf sb;
    if (!(e->id = strndup(rel, len)))
      return -1;
    tkgp_strbuf_init(&sb);
    tkgp_iri_append_id(&sb, e->id);
    e->stem = sb.failed ? NULL : strndup(sb.data, sb.length);
    tkgp_strbuf_finish(&sb);
  } else {
    e->stem = file_stem(path);
  }
  return e->stem ? 0 : -1;
}

static int by_path(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int has_txt_extension(const char *name)
{
  size_t n = strlen(name);
  return n > 4 && strcmp(name + n - 4, ".txt") == 0;
}

/* Append to *PATHS every "*.txt" file under DIR, paths relative to the
 * directory given (REL: DIR's own path there, "" at the top). */
static int list_dir(const char *dir, const char *rel, char ***paths, size_t *n, size_t *cap)
{
  DIR *d = opendir(dir);
  struct dirent *de;
  int rc = 0;

  if (!d) {
    fprintf(stderr, "textkg: %s: %s\n", dir, strerror(errno));
    return 1; /* an unreadable subdirectory costs only its own files */
  }
  while (rc == 0 && (de = readdir(d))) {
    struct stat st;
    char *full, *sub;
    if (de->d_name[0] == '.')
      continue; /* hidden files, ".", ".." */
    if (asprintf(&full, "%s/%s", dir, de->d_name) < 0)
      return closedir(d), -1;
    if (asprintf(&sub, "%s%s", rel, de->d_name) < 0) {
      free(full);
      return closedir(d), -1;
    }
    /* lstat: a link to a directory is not followed, so no loop; a link to
     * a file is read as the file */
    if (lstat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
      char *subdir_rel;
      if (asprintf(&subdir_rel, "%s/", sub) < 0)
        rc = -1;
      else if ((rc = list_dir(full, subdir_rel, paths, n, cap)) > 0)
        rc = 0;
      free(subdir_rel);
    } else if (has_txt_extension(de->d_name) && stat(full, &st) == 0 && S_ISREG(st.st_mode)) {
      if (tkgp_grow((void **)paths, cap, *n + 1, sizeof **paths) < 0)
        rc = -1;
      else {
        (*paths)[(*n)++] = sub;
        sub = NULL;
      }
    }
    free(full);
    free(sub);
  }
  closedir(d);
  return rc;
}

static int add_dir(tkgp_inputs *in, const char *dir)
{
  char **paths = NULL;
  size_t n = 0, cap = 0, i;
  size_t dirlen = strlen(dir);
  int rc = list_dir(dir, "", &paths, &n, &cap);

  if (rc > 0) {
    DIR *d = opendir(dir);
    const char *why = d ? "cannot be read" : strerror(errno);
    if (d)
      closedir(d);
    return add_failed(in, dir, why);
  }
  while (dirlen > 1 && dir[dirlen - 1] == '/')
    dirlen--;
  if (rc == 0 && n > 1)
    qsort(paths, n, sizeof *paths, by_path);
  for (i = 0; i < n; i++) {
    char *full;
    if (rc == 0 && asprintf(&full, "%.*s/%s", (int)dirlen, dir, paths[i]) >= 0) {
      rc = add_file(in, full, paths[i], 0);
      free(full);
    } else {
      rc = -1;
    }
    free(paths[i]);
  }
  free(paths);
  if (rc == 0 && n == 0)
    return add_failed(in, dir, "no *.txt file in this directory");
  return rc;
}

/* ---- JSON Lines ---------------------------------------------------------- */

/* The identifier of a JSON Lines document: a string, or an integer. */
static int json_id(const tkgp_json *v, char *buf, size_t size, const char **out)
{
  if (v && v->kind == TKGP_JSON_STR) {
    *out = v->str;
    return 0;
  }
  if (v && v->kind == TKGP_JSON_NUM && v->num == (double)(long long)v->num) {
    snprintf(buf, size, "%lld", (long long)v->num);
    *out = buf;
    return 0;
  }
  return -1;
}

/* Set E's stem from the id of the JSON line BYTES, or its error. */
static int scan_line(entry *e, const char *bytes, size_t len)
{
  tkgp_arena arena;
  tkgp_json_reader r;
  const tkgp_json *o;
  const char *id = NULL;
  char num[32];
  int rc = 0;

  tkgp_arena_init(&arena, 0);
  tkgp_json_reader_init(&r, bytes, len, &arena);
  o = tkgp_json_next(&r);
  if (!o)
    rc = asprintf(&e->error, "not JSON: %s", r.err ? r.err : "a syntax error");
  else if (!tkgp_json_at_end(&r))
    rc = asprintf(&e->error, "more than one JSON value on the line");
  else if (o->kind != TKGP_JSON_OBJ)
    rc = asprintf(&e->error, "not a JSON object");
  else if (json_id(tkgp_json_get(o, "id"), num, sizeof num, &id) < 0)
    rc = asprintf(&e->error, "no \"id\" (a string or an integer)");
  else {
    tkgp_strbuf sb;
    tkgp_strbuf_init(&sb);
    tkgp_iri_append_id(&sb, id);
    e->stem = sb.failed ? NULL : strndup(sb.data, sb.length);
    tkgp_strbuf_finish(&sb);
    rc = e->stem ? 0 : -1;
  }
  tkgp_arena_finish(&arena);
  return rc < 0 ? -1 : 0;
}

static int add_line(tkgp_inputs *in, size_t src, off_t offset, const char *bytes, size_t len,
                    size_t line)
{
  char *name;
  entry *e;
  size_t i = 0;

  while (i < len && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r'))
    i++;
  if (i == len)
    return 0; /* a blank line is no document */
  if (asprintf(&name, "%s:%zu", in->sources[src].label, line) < 0)
    return -1;
  e = new_entry(in, name);
  free(name);
  if (!e)
    return -1;
  e->source = src;
  e->offset = offset;
  e->length = len;
  e->line = line;
  return scan_line(e, bytes, len);
}

/* Read the source SRC from its start, adding one document per line. */
static int scan_jsonl(tkgp_inputs *in, size_t src)
{
  int fd = in->sources[src].fd;
  char *line = NULL;
  size_t used = 0, cap = 0, lineno = 1;
  off_t line_start = 0, at = 0;
  char chunk[65536];
  ssize_t r;
  int rc = 0;

  while (rc == 0 && (r = pread(fd, chunk, sizeof chunk, at)) > 0) {
    const char *p = chunk, *end = chunk + r;
    while (rc == 0 && p < end) {
      const char *nl = memchr(p, '\n', (size_t)(end - p));
      size_t take = (size_t)((nl ? nl : end) - p);
      if (tkgp_grow((void **)&line, &cap, used + take + 1, 1) < 0) {
        rc = -1;
        break;
      }
      memcpy(line + used, p, take);
      used += take;
      p += take;
      if (nl) {
        rc = add_line(in, src, line_start, line, used, lineno++);
        line_start = at + (p - chunk) + 1;
        used = 0;
        p++;
      }
    }
    at += r;
  }
  if (r < 0) {
    fprintf(stderr, "textkg: %s: read error: %s\n", in->sources[src].label, strerror(errno));
    rc = -1;
  } else if (rc == 0 && used) {
    rc = add_line(in, src, line_start, line, used, lineno);
  }
  free(line);
  return rc;
}

/* ---- sources --------------------------------------------------------------- */

static int add_source(tkgp_inputs *in, const char *label, int fd, int jsonl, size_t *out)
{
  source *s;
  if (tkgp_grow((void **)&in->sources, &in->cap_sources, in->n_sources + 1, sizeof *s) < 0)
    return -1;
  s = &in->sources[in->n_sources];
  if (!(s->label = strdup(label)))
    return -1;
  s->fd = fd;
  s->jsonl = jsonl;
  *out = in->n_sources++;
  return 0;
}

/* Standard input, copied to a temporary file: documents of it are read
 * by number, by any worker, and more than once after a crash. */
static int spool_stdin(off_t *size)
{
  char tmpl[] = "/tmp/textkg-stdin.XXXXXX";
  const char *dir = getenv("TMPDIR");
  char *path;
  char buf[65536];
  ssize_t r;
  int fd;

  if (asprintf(&path, "%s/textkg-stdin.XXXXXX", dir && *dir ? dir : "/tmp") < 0)
    return -1;
  fd = mkstemp(path);
  if (fd >= 0)
    unlink(path); /* gone when the last descriptor closes */
  free(path);
  (void)tmpl;
  if (fd < 0) {
    fprintf(stderr, "textkg: stdin: cannot keep a copy: %s\n", strerror(errno));
    return -1;
  }
  *size = 0;
  while ((r = read(STDIN_FILENO, buf, sizeof buf)) != 0) {
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0 || write(fd, buf, (size_t)r) != r) {
      fprintf(stderr, "textkg: stdin: %s\n", strerror(errno));
      close(fd);
      return -1;
    }
    *size += r;
  }
  return fd;
}

/* The first byte of FD that is not white space, or -1. */
static int first_byte(int fd)
{
  char buf[4096];
  ssize_t r, i;
  off_t at = 0;
  while ((r = pread(fd, buf, sizeof buf, at)) > 0) {
    for (i = 0; i < r; i++)
      if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r' && buf[i] != '\n')
        return (unsigned char)buf[i];
    at += r;
  }
  return -1;
}

static int add_stdin(tkgp_inputs *in, tkgp_input_format format)
{
  off_t size;
  int fd = spool_stdin(&size);
  size_t src;
  entry *e;

  if (fd < 0)
    return -1;
  if (format == TKGP_INPUT_GUESS)
    format = first_byte(fd) == '{' ? TKGP_INPUT_JSONL : TKGP_INPUT_TEXT;
  if (add_source(in, "stdin", fd, format == TKGP_INPUT_JSONL, &src) < 0) {
    close(fd);
    return -1;
  }
  if (format == TKGP_INPUT_JSONL)
    return scan_jsonl(in, src);
  if (!(e = new_entry(in, "stdin")) || !(e->stem = strdup("stdin")))
    return -1;
  e->source = src;
  e->length = (size_t)size;
  e->named = 1;
  return 0;
}

static int is_jsonl_name(const char *path)
{
  const char *dot = strrchr(path, '.');
  return dot && (strcmp(dot, ".jsonl") == 0 || strcmp(dot, ".ndjson") == 0 ||
                 strcmp(dot, ".jl") == 0);
}

static int add_jsonl_file(tkgp_inputs *in, const char *path)
{
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  size_t src;
  if (fd < 0)
    return add_failed(in, path, strerror(errno));
  if (add_source(in, path, fd, 1, &src) < 0) {
    close(fd);
    return -1;
  }
  return scan_jsonl(in, src);
}

int tkgp_inputs_add(tkgp_inputs *in, const char *arg, tkgp_input_format format)
{
  struct stat st;
  int rc;

  if (strcmp(arg, "-") == 0)
    rc = add_stdin(in, format);
  else if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode))
    rc = add_dir(in, arg);
  else if (format == TKGP_INPUT_JSONL || (format == TKGP_INPUT_GUESS && is_jsonl_name(arg)))
    rc = add_jsonl_file(in, arg);
  else
    rc = add_file(in, arg, NULL, 1); /* read, and any error said, when built */
  return rc;
}

/* ---- names --------------------------------------------------------------- */

int tkgp_inputs_check_names(tkgp_inputs *in)
{
  tkgp_strmap *seen;
  size_t k;
  int rc = 0;

  if (tkgp_strmap_new(&seen) < 0)
    return -1;
  for (k = 0; k < in->n_entries && rc == 0; k++) {
    entry *e = &in->entries[k];
    long *first;
    if (!e->stem)
      continue;
    if (!(first = tkgp_strmap_slot(seen, e->stem, strlen(e->stem), NULL))) {
      rc = -1;
    } else if (*first == 0) {
      *first = (long)k + 1;
    } else {
      const entry *before = &in->entries[*first - 1];
      if (e->named && before->named) {
        fprintf(stderr, "textkg: %s: has the same output name '%s' as %s\n", e->name, e->stem,
                before->name);
        rc = -1;
      } else if (asprintf(&e->error, "has the same output name '%s' as %s", e->stem,
                          before->name) < 0) {
        rc = -1;
      }
    }
  }
  tkgp_strmap_free(seen);
  return rc;
}

/* ---- reading ------------------------------------------------------------- */

/* LENGTH bytes of FD from OFFSET into a new NUL-terminated buffer. */
static char *read_stretch(int fd, off_t offset, size_t length, const char *name)
{
  char *buf = malloc(length + 1);
  size_t got = 0;
  if (!buf) {
    fprintf(stderr, "textkg: %s: out of memory reading %zu bytes\n", name, length);
    return NULL;
  }
  while (got < length) {
    ssize_t r = pread(fd, buf + got, length - got, offset + (off_t)got);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0) {
      fprintf(stderr, "textkg: %s: read error after byte %zu: %s\n", name, got,
              r < 0 ? strerror(errno) : "the file was cut short");
      free(buf);
      return NULL;
    }
    got += (size_t)r;
  }
  buf[length] = '\0';
  return buf;
}

/* All of the file PATH into DOC. (Through fopen(): tests/cli/faults.sh
 * makes a worker crash on a file by its name there.) */
static int load_file(const char *path, tkgp_input_doc *doc)
{
  FILE *fp = fopen(path, "rb");
  int fd = fp ? fileno(fp) : -1;
  struct stat st;
  int rc = -1;

  if (!fp) {
    fprintf(stderr, "textkg: %s: %s\n", path, strerror(errno));
    return -1;
  }
  if (fstat(fd, &st) != 0)
    fprintf(stderr, "textkg: %s: %s\n", path, strerror(errno));
  else if (S_ISDIR(st.st_mode))
    fprintf(stderr, "textkg: %s: is a directory\n", path);
  else if (!S_ISREG(st.st_mode))
    rc = 1; /* a pipe or a device: read to its end */
  else if ((doc->bytes = read_stretch(fd, 0, (size_t)st.st_size, path)))
    doc->length = (size_t)st.st_size, rc = 0;
  if (rc == 1) {
    tkgp_strbuf sb;
    char buf[65536];
    ssize_t r;
    tkgp_strbuf_init(&sb);
    while ((r = read(fd, buf, sizeof buf)) > 0)
      tkgp_strbuf_append(&sb, buf, (size_t)r);
    if (r < 0 || sb.failed) {
      fprintf(stderr, "textkg: %s: read error: %s\n", path, r < 0 ? strerror(errno) : "out of memory");
      tkgp_strbuf_finish(&sb);
      rc = -1;
    } else {
      doc->length = sb.length;
      doc->bytes = sb.data ? sb.data : strdup("");
      rc = doc->bytes ? 0 : -1;
    }
  }
  fclose(fp);
  return rc;
}

/* Copy string member KEY of O into *OUT (NULL when absent or null).
 * -1 when it is of another kind. */
static int take_string(const tkgp_json *o, const char *key, char **out)
{
  const tkgp_json *v = tkgp_json_get(o, key);
  *out = NULL;
  if (!v || v->kind == TKGP_JSON_NULL)
    return 0;
  if (v->kind != TKGP_JSON_STR)
    return -1;
  *out = strdup(v->str);
  return *out ? 0 : -1;
}

/* The JSON line of entry E, read into DOC. */
static int load_line(const tkgp_inputs *in, const entry *e, tkgp_input_doc *doc)
{
  char *line = read_stretch(in->sources[e->source].fd, e->offset, e->length, e->name);
  tkgp_arena arena;
  tkgp_json_reader r;
  const tkgp_json *o;
  const char *id, *bad = NULL;
  char num[32];

  if (!line)
    return -1;
  tkgp_arena_init(&arena, 0);
  tkgp_json_reader_init(&r, line, e->length, &arena);
  o = tkgp_json_next(&r);
  if (!o || json_id(tkgp_json_get(o, "id"), num, sizeof num, &id) < 0 || !(doc->id = strdup(id)))
    bad = "cannot read the line again"; /* it was read when scanned */
  else if (take_string(o, "text", &doc->bytes) < 0 || !doc->bytes)
    bad = "no \"text\" (a string)";
  else if (take_string(o, "date", &doc->date) < 0)
    bad = "\"date\" is not a string";
  else if (take_string(o, "url", &doc->url) < 0)
    bad = "\"url\" is not a string";
  else if (take_string(o, "title", &doc->title) < 0)
    bad = "\"title\" is not a string";
  if (!bad) {
    doc->length = strlen(doc->bytes);
    /* "2025-03-11T09:30:00Z" is dated 2025-03-11 */
    if (doc->date && strlen(doc->date) > 10 && doc->date[10] == 'T')
      doc->date[10] = '\0';
  }
  tkgp_arena_finish(&arena);
  free(line);
  if (bad) {
    fprintf(stderr, "textkg: %s: %s\n", e->name, bad);
    return -1;
  }
  return 0;
}

int tkgp_inputs_load(const tkgp_inputs *in, size_t k, tkgp_input_doc *doc)
{
  const entry *e = &in->entries[k];
  int rc;

  memset(doc, 0, sizeof *doc);
  if (e->error) {
    fprintf(stderr, "textkg: %s: %s\n", e->name, e->error);
    return -1;
  }
  if (e->path) {
    rc = load_file(e->path, doc);
    if (rc == 0 && e->id && !(doc->id = strdup(e->id)))
      rc = -1;
  } else if (in->sources[e->source].jsonl) {
    rc = load_line(in, e, doc);
  } else {
    doc->bytes = read_stretch(in->sources[e->source].fd, 0, e->length, e->name);
    doc->length = e->length;
    rc = doc->bytes ? 0 : -1;
  }
  if (rc == 0 && doc->length == 0) {
    fprintf(stderr, "textkg: %s: empty input, nothing to build\n", e->name);
    rc = -1;
  }
  if (rc < 0)
    tkgp_input_doc_finish(doc);
  return rc;
}

void tkgp_input_doc_finish(tkgp_input_doc *doc)
{
  free(doc->bytes);
  free(doc->id);
  free(doc->date);
  free(doc->url);
  free(doc->title);
  memset(doc, 0, sizeof *doc);
}
