/* supervise.c - run a batch of inputs in a worker process
 * SPDX-License-Identifier: MIT
 *
 * A crash ends a process, and with it every input after the one that
 * crashed. So `build` does its work in a child: the parent loads nothing
 * more than the child does (the child is a fork, sharing the loaded models
 * copy-on-write), and only listens. The child says on a pipe which input
 * it starts, which it finishes, and which temporary files it has open.
 * When it dies of a signal, the parent knows the input, says so, removes
 * those files, and forks a new child for the inputs after it. A crash is
 * never hidden: it is reported as one, and the run exits non-zero.
 *
 * Signals that stop a run (SIGINT, SIGTERM, SIGHUP) are read by the
 * parent through a signalfd, passed on to the child, and the parent dies
 * of the same signal once the child's temporary files are gone. Nothing
 * here is global: the state of a run lives in its stack frame.
 */
#include "cli/supervise.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

enum { MSG_START = 1, MSG_DONE_OK, MSG_DONE_FAILED, MSG_TEMP, MSG_TEMP_GONE };

/* One message: a header and, for temporary files, the path. Messages are
 * written with one write() of less than PIPE_BUF bytes, so they are never
 * interleaved or split by the kernel. */
typedef struct message {
  uint64_t words, triples; /* MSG_DONE_*: of the input */
  int64_t stream_end;      /* MSG_DONE_*: see tkgp_done */
  uint32_t index;
  uint16_t length;         /* of the path that follows */
  uint8_t type;
} message;

#define PATH_ROOM (PIPE_BUF - sizeof(message))

/* A pipe to the parent; or, in a run without a worker, the outcome that
 * the messages update directly. */
struct tkgp_report {
  int fd;
  tkgp_outcome *direct;
};

static void send_message(tkgp_report *report, int type, size_t index, const char *path,
                         const tkgp_done *done)
{
  char buf[PIPE_BUF];
  message m;
  size_t len = path ? strlen(path) : 0;
  ssize_t w;

  if (!report || len > PATH_ROOM)
    return;
  if (report->direct) {
    if (type == MSG_DONE_OK)
      report->direct->built++;
    else if (type == MSG_DONE_FAILED)
      report->direct->failed++;
    if (done) {
      report->direct->words += done->words;
      report->direct->triples += done->triples;
    }
    return;
  }
  memset(&m, 0, sizeof m);
  if (done) {
    m.words = done->words;
    m.triples = done->triples;
    m.stream_end = done->stream_end;
  }
  m.index = (uint32_t)index;
  m.length = (uint16_t)len;
  m.type = (uint8_t)type;
  memcpy(buf, &m, sizeof m);
  if (len)
    memcpy(buf + sizeof m, path, len);
  do
    w = write(report->fd, buf, sizeof m + len);
  while (w < 0 && errno == EINTR);
}

void tkgp_report_start(tkgp_report *report, size_t index)
{
  send_message(report, MSG_START, index, NULL, NULL);
}

void tkgp_report_done(tkgp_report *report, size_t index, const tkgp_done *done)
{
  send_message(report, done->ok ? MSG_DONE_OK : MSG_DONE_FAILED, index, NULL, done);
}

void tkgp_report_temp(tkgp_report *report, const char *path)
{
  send_message(report, MSG_TEMP, 0, path, NULL);
}

void tkgp_report_temp_gone(tkgp_report *report, const char *path)
{
  send_message(report, MSG_TEMP_GONE, 0, path, NULL);
}

/* ---- the supervisor ------------------------------------------------------ */

/* What the parent knows of its current child. Inputs are started and
 * finished in order, so those in flight are DONE_BELOW to STARTED_BELOW. */
typedef struct child {
  size_t done_below;    /* every input before it is finished */
  size_t started_below; /* every input before it was started */
  long long stream_end; /* of the last input finished */
  char **temps;         /* temporary files open in the child */
  size_t n_temps, cap_temps;
  char buf[2 * PIPE_BUF]; /* bytes read and not yet handled */
  size_t used;
} child;

static void forget_temp(child *c, const char *path, size_t len)
{
  size_t i;
  for (i = 0; i < c->n_temps; i++)
    if (strlen(c->temps[i]) == len && memcmp(c->temps[i], path, len) == 0) {
      free(c->temps[i]);
      c->temps[i] = c->temps[--c->n_temps];
      return;
    }
}

static void remember_temp(child *c, const char *path, size_t len)
{
  char *copy;
  if (c->n_temps == c->cap_temps) {
    size_t cap = c->cap_temps ? 2 * c->cap_temps : 8;
    char **p = realloc(c->temps, cap * sizeof *p);
    if (!p)
      return; /* the file may stay behind; nothing else is lost */
    c->temps = p;
    c->cap_temps = cap;
  }
  if ((copy = strndup(path, len)))
    c->temps[c->n_temps++] = copy;
}

/* Remove the temporary files the child left. */
static void remove_temps(child *c)
{
  size_t i;
  for (i = 0; i < c->n_temps; i++) {
    unlink(c->temps[i]);
    free(c->temps[i]);
  }
  c->n_temps = 0;
}

/* Handle every whole message in C->buf. */
static void handle_messages(child *c, tkgp_outcome *outcome, const tkgp_supervision *s)
{
  size_t at = 0;
  while (c->used - at >= sizeof(message)) {
    message m;
    const char *path;
    memcpy(&m, c->buf + at, sizeof m);
    if (c->used - at < sizeof m + m.length)
      break;
    path = c->buf + at + sizeof m;
    switch (m.type) {
    case MSG_START:
      c->started_below = (size_t)m.index + 1;
      break;
    case MSG_DONE_OK:
    case MSG_DONE_FAILED:
      if (m.type == MSG_DONE_OK)
        outcome->built++;
      else
        outcome->failed++;
      outcome->words += m.words;
      outcome->triples += m.triples;
      c->done_below = (size_t)m.index + 1;
      if (m.stream_end >= 0)
        c->stream_end = m.stream_end;
      if (s->progress)
        s->progress(s->progress_arg, outcome);
      break;
    case MSG_TEMP:
      remember_temp(c, path, m.length);
      break;
    case MSG_TEMP_GONE:
      forget_temp(c, path, m.length);
      break;
    }
    at += sizeof m + m.length;
  }
  memmove(c->buf, c->buf + at, c->used - at);
  c->used -= at;
}

/* Listen to the child on PIPE until it closes it, passing on the signals
 * read from SFD. */
/* Pass on what the child wrote to its standard error (ERR_FD), after
 * letting the caller clear its progress line. Returns -1 at the end. */
static int relay(int err_fd, const tkgp_supervision *s)
{
  char buf[4096];
  ssize_t r = read(err_fd, buf, sizeof buf);
  if (r < 0 && errno == EINTR)
    return 0;
  if (r <= 0)
    return -1;
  if (s->before_output)
    s->before_output(s->progress_arg);
  for (ssize_t at = 0, w; at < r; at += w)
    if ((w = write(STDERR_FILENO, buf + at, (size_t)(r - at))) <= 0)
      break;
  return 0;
}

static void listen_to(child *c, pid_t pid, int pipe_fd, int err_fd, int sfd,
                      tkgp_outcome *outcome, const tkgp_supervision *s)
{
  struct pollfd fds[3];
  fds[0].fd = pipe_fd;
  fds[0].events = POLLIN;
  fds[1].fd = sfd;
  fds[1].events = POLLIN;
  fds[2].fd = err_fd; /* -1: none, which poll() skips */
  fds[2].events = POLLIN;
  for (;;) {
    if (poll(fds, 3, -1) < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    if (fds[2].fd >= 0 && (fds[2].revents & (POLLIN | POLLHUP)) && relay(err_fd, s) < 0)
      fds[2].fd = -1;
    if (fds[1].revents & POLLIN) {
      struct signalfd_siginfo si;
      if (read(sfd, &si, sizeof si) == (ssize_t)sizeof si) {
        if (!outcome->interrupted)
          outcome->interrupted = (int)si.ssi_signo;
        kill(pid, (int)si.ssi_signo);
      }
    }
    if (fds[0].revents & (POLLIN | POLLHUP)) {
      ssize_t r = read(pipe_fd, c->buf + c->used, sizeof c->buf - c->used);
      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        break;
      c->used += (size_t)r;
      handle_messages(c, outcome, s);
    }
  }
  /* What the child writes as it ends (a sanitizer's report) */
  while (fds[2].fd >= 0 && relay(err_fd, s) == 0)
    ;
}

/* Say how the child that was building the inputs in flight died: of a
 * signal, or by calling exit() before it was done (a library's abort
 * path, or a sanitizer's report). */
static void report_crash(const child *c, const char *const *names, int status)
{
  char how[64];
  if (WIFSIGNALED(status))
    snprintf(how, sizeof how, "%s", strsignal(WTERMSIG(status)));
  else
    snprintf(how, sizeof how, "exit status %d before it was done", WEXITSTATUS(status));
  if (c->started_below == c->done_below + 1)
    fprintf(stderr,
            "textkg: %s: crashed (%s) while being built; nothing of it was written. This is "
            "a bug in textkg: please report it with this input\n",
            names[c->done_below], how);
  else if (c->started_below > c->done_below)
    fprintf(stderr,
            "textkg: crashed (%s) while building %s and %zu other inputs after it. This is a "
            "bug in textkg: please report it with the command\n",
            how, names[c->done_below], c->started_below - c->done_below - 1);
  else
    fprintf(stderr, "textkg: crashed (%s) between inputs. This is a bug in textkg: please "
                    "report it with the command\n",
            how);
}

static void add_unless_ignored(sigset_t *set, int sig)
{
  struct sigaction sa;
  if (sigaction(sig, NULL, &sa) == 0 && sa.sa_handler != SIG_IGN)
    sigaddset(set, sig);
}

void tkgp_supervise_die_of(int sig)
{
  sigset_t set;
  signal(sig, SIG_DFL);
  sigemptyset(&set);
  sigaddset(&set, sig);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  raise(sig);
}

/* After a crash, cut the stream back to the end of the last input
 * finished, so that the new child writes the next one where it belongs. */
static void cut_stream(const tkgp_supervision *s, const child *c)
{
  if (s->stream_fd >= 0 && c->stream_end >= 0 && ftruncate(s->stream_fd, c->stream_end) == 0)
    lseek(s->stream_fd, c->stream_end, SEEK_SET);
}

/* Start a child working on inputs FIRST.., with the ones before
 * SERIAL_END one at a time, and listen to it until it ends. Returns its
 * pid's status, or -1 when no child could be started (the work was then
 * done here). */
static int run_child(const tkgp_supervision *s, child *c, size_t first, size_t serial_end,
                     int sfd, const sigset_t *old, tkgp_outcome *outcome)
{
  int fds[2], errs[2] = {-1, -1}, status;
  pid_t pid = -1;

  fflush(NULL); /* nothing buffered here is written twice by the child */
  if (s->before_output && pipe(errs) < 0)
    errs[0] = errs[1] = -1;
  if (sfd >= 0 && pipe(fds) == 0 && (pid = fork()) < 0) {
    close(fds[0]);
    close(fds[1]);
  }
  if (pid != 0 && errs[1] >= 0)
    close(errs[1]);
  if (pid < 0 && errs[0] >= 0)
    close(errs[0]);
  if (pid < 0) {
    /* No worker: the work is done here, unprotected. */
    tkgp_report direct;
    direct.fd = -1;
    direct.direct = outcome;
    sigprocmask(SIG_SETMASK, old, NULL);
    s->work(s->context, first, serial_end, &direct);
    return -1;
  }
  if (pid == 0) {
    tkgp_report report;
    int status_code;
    close(fds[0]);
    close(sfd);
    if (errs[1] >= 0) {
      close(errs[0]);
      dup2(errs[1], STDERR_FILENO);
      close(errs[1]);
    }
    sigprocmask(SIG_SETMASK, old, NULL);
    report.fd = fds[1];
    report.direct = NULL;
    status_code = s->work(s->context, first, serial_end, &report) == 0 ? 0 : 1;
    fflush(NULL);
    _exit(status_code);
  }
  close(fds[1]);
  c->done_below = c->started_below = first;
  c->used = 0;
  listen_to(c, pid, fds[0], errs[0], sfd, outcome, s);
  close(fds[0]);
  if (errs[0] >= 0)
    close(errs[0]);
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
    ;
  remove_temps(c);
  return status;
}

int tkgp_supervise(const tkgp_supervision *s, tkgp_outcome *outcome)
{
  sigset_t stop, old;
  size_t next = 0, serial_end = 0;
  int sfd, rc = 0;
  child c;

  memset(outcome, 0, sizeof *outcome);
  memset(&c, 0, sizeof c);
  c.stream_end = s->stream_fd >= 0 ? lseek(s->stream_fd, 0, SEEK_CUR) : -1;
  /* A signal the caller ignores (nohup's SIGHUP, SIGINT in a background
   * job) stays ignored: it is neither read here nor passed on. */
  sigemptyset(&stop);
  add_unless_ignored(&stop, SIGINT);
  add_unless_ignored(&stop, SIGTERM);
  add_unless_ignored(&stop, SIGHUP);
  sigprocmask(SIG_BLOCK, &stop, &old);
  sfd = signalfd(-1, &stop, SFD_CLOEXEC);

  while (next < s->n && !outcome->interrupted) {
    int status = run_child(s, &c, next, serial_end, sfd, &old, outcome);
    size_t in_flight = c.started_below - c.done_below;
    if (status == -1) {
      rc = -1;
      goto done;
    }
    if (WIFSIGNALED(status)) {
      int sig = WTERMSIG(status);
      if (outcome->interrupted || sig == SIGINT || sig == SIGTERM || sig == SIGHUP ||
          sig == SIGPIPE) {
        if (!outcome->interrupted)
          outcome->interrupted = sig;
        break;
      }
    } else if (c.done_below >= s->n) {
      break; /* the child went through every input */
    }
    cut_stream(s, &c);
    if (in_flight > 1 && s->restart) {
      /* Which of them? Build them again one at a time. */
      next = c.done_below;
      serial_end = c.started_below;
      continue;
    }
    report_crash(&c, s->names, status);
    outcome->crashed++;
    outcome->failed++;
    if (in_flight == 0 || !s->restart)
      break;
    next = c.done_below + 1;
  }
  sigprocmask(SIG_SETMASK, &old, NULL);

done:
  if (sfd >= 0)
    close(sfd);
  free(c.temps);
  return rc;
}
