/* build_files.c - the files of one input: all of them, or none
 * SPDX-License-Identifier: MIT
 *
 * Files are first written under temporary names in the output directory
 * and renamed only when all of an input's outputs are complete, so a
 * failure never leaves a half-written file behind. The supervisor hears
 * of every temporary file, to remove it should the worker die.
 */
#include "cli/build_files.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <time.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

int tkgp_make_dir(const char *dir)
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

/* Hold back the signals that stop a run, around a step a stop must not
 * cut: through RUN's gate when the step runs in a batch (build_run.h), or
 * by blocking them in this thread (they are delivered when the old mask,
 * saved in *BEFORE, comes back). */
static void hold_stops(tkgp_run *run, sigset_t *before)
{
  sigset_t stop;
  if (run) {
    tkgp_run_hold(run);
    return;
  }
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGHUP);
  sigprocmask(SIG_BLOCK, &stop, before);
}

static void release_stops(tkgp_run *run, const sigset_t *before)
{
  if (run)
    tkgp_run_release(run);
  else
    sigprocmask(SIG_SETMASK, before, NULL);
}

/* DIR/.NAME.ttl.PID-RANDOM beside FINAL: hidden, and in the same directory
 * so that rename() is atomic; a name no other process or thread makes. */
static void make_temp_name(pending *file, size_t dirlen, size_t size)
{
  struct timespec ts;
  unsigned long mix;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  mix = (unsigned long)ts.tv_nsec * 2654435761ul ^ (unsigned long)pthread_self() ^
        (unsigned long)(uintptr_t)file;
  memcpy(file->tmp, file->final, dirlen);
  snprintf(file->tmp + dirlen, size - dirlen, ".%s.%ld-%08lx", file->final + dirlen,
           (long)getpid(), mix & 0xfffffffful);
}

/* Write GRAPH in FORMAT to a new temporary file beside FINAL. */
static int write_temp(tkg_world *w, const tkg_graph *graph, const char *format,
                      pending *file, mode_t mode, tkgp_run *run, tkgp_report *report,
                      size_t *triples)
{
  size_t len = strlen(file->final);
  const char *slash = strrchr(file->final, '/');
  size_t dirlen = slash ? (size_t)(slash - file->final) + 1 : 0;
  sigset_t before;
  int fd;
  FILE *fp;
  int rc;

  file->tmp = malloc(len + 48);
  if (!file->tmp)
    return -1;
  /* The supervisor is told the temporary file's name before the file
   * exists: a crash of another thread can come at any moment, and the
   * supervisor removes what it was told of. The stop signals wait until it
   * knows. */
  fd = -1;
  for (int attempt = 0; fd < 0 && attempt < 16; attempt++) {
    make_temp_name(file, dirlen, len + 48);
    hold_stops(run, &before);
    tkgp_report_temp(report, file->tmp);
    fd = open(file->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
      tkgp_report_temp_gone(report, file->tmp);
    release_stops(run, &before);
    if (fd < 0 && errno != EEXIST)
      break;
  }
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
  rc = tkg_writer_write_counted(graph, format, fp, triples);
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

/* The directories of PATH's parents under DIR, for an output name with a
 * '/' in it (a document of a directory or an id with a path). */
static int make_parents(const char *path)
{
  const char *slash = strrchr(path, '/');
  char *parent;
  int rc;
  if (!slash || slash == path)
    return 0;
  if (!(parent = strndup(path, (size_t)(slash - path))))
    return -1;
  rc = tkgp_make_dir(parent);
  free(parent);
  return rc;
}

int tkgp_write_input_files(tkg_world *w, const tkgp_out_files *out, const char *stem,
                           const tkg_graph *graph, tkgp_run *run, tkgp_report *report,
                           size_t *triples)
{
  pending files[TKGP_MAX_FORMATS];
  size_t i, n = 0, counted = 0;
  sigset_t before;
  int rc = -1, lock = -1;

  memset(files, 0, sizeof files);
  *triples = 0;
  for (i = 0; i < out->n_formats; i++, n++) {
    const char *ext = tkg_writer_extension(out->formats[i]);
    if (asprintf(&files[i].final, "%s/%s.%s", out->dir, stem, ext) < 0) {
      files[i].final = NULL;
      goto cleanup;
    }
    if ((i == 0 && strchr(stem, '/') && make_parents(files[i].final) < 0) ||
        write_temp(w, graph, out->formats[i], &files[i], out->mode, run, report, &counted) < 0) {
      n++;
      goto cleanup;
    }
    if (!*triples)
      *triples = counted; /* of the first RDF format */
  }
  lock = lock_dir(out->dir);
  /* All of an input's files, or none: a stop waits for the last rename. */
  hold_stops(run, &before);
  for (i = 0; i < n; i++) {
    if (rename(files[i].tmp, files[i].final) != 0) {
      fprintf(stderr, "textkg: %s: cannot write: %s\n", files[i].final, strerror(errno));
      break;
    }
    tkgp_report_temp_gone(report, files[i].tmp);
    free(files[i].tmp);
    files[i].tmp = NULL;
  }
  release_stops(run, &before);
  if (i == n)
    rc = 0;

cleanup:
  if (lock >= 0)
    close(lock);
  discard(files, n, report);
  return rc;
}

/* ---- one file written whole ---------------------------------------------- */

int tkgp_whole_file_open(const char *path, mode_t mode, tkgp_whole_file *s)
{
  const char *slash = strrchr(path, '/');
  int fd;
  if (asprintf(&s->tmp, "%.*s.%s.XXXXXX", slash ? (int)(slash - path + 1) : 0, path,
               slash ? slash + 1 : path) < 0) {
    s->tmp = NULL;
    return -1;
  }
  if ((fd = mkstemp(s->tmp)) < 0 || fcntl(fd, F_SETFL, O_APPEND) < 0 ||
      !(s->fp = fdopen(fd, "w"))) {
    fprintf(stderr, "textkg: %s: cannot write: %s\n", path, strerror(errno));
    if (fd >= 0) {
      close(fd);
      unlink(s->tmp);
    }
    free(s->tmp);
    s->tmp = NULL;
    return -1;
  }
  fchmod(fd, mode);
  return 0;
}

int tkgp_whole_file_close(const char *path, tkgp_whole_file *s, int keep)
{
  int rc = 0;
  if (!s->fp)
    return 0;
  if (fclose(s->fp) != 0 && keep) {
    fprintf(stderr, "textkg: %s: write error: %s\n", path, strerror(errno));
    keep = 0;
    rc = -1;
  }
  if (keep && rename(s->tmp, path) != 0) {
    fprintf(stderr, "textkg: %s: cannot write: %s\n", path, strerror(errno));
    rc = -1;
  }
  if (!keep || rc < 0)
    unlink(s->tmp);
  free(s->tmp);
  return rc;
}
