/* build_run.c - build the inputs of a batch on one thread or several
 * SPDX-License-Identifier: MIT
 *
 * The stop signals: a stop must not cut a step such as creating a
 * temporary file and telling the supervisor, or renaming an input's
 * files as a set. With one thread, blocking the signals over the step was
 * enough; with several, a signal goes to any thread that does not block
 * it. So while a batch runs, every thread blocks them and one watcher
 * thread waits for them; a thread in such a step holds a read lock, and
 * the watcher takes the write lock, once no step is under way, before the
 * process dies of the signal.
 */
#include "cli/build_run.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* An input built and waiting for its turn to be committed. */
typedef struct slot {
  int ready;
  int ok;
  void *result;
} slot;

struct tkgp_run {
  const tkgp_run_steps *steps;
  void *context;
  tkgp_report *report;
  pthread_mutex_t lock;
  pthread_cond_t changed;
  size_t next;        /* the next input to start */
  size_t committed;   /* every input before it is committed */
  size_t n, serial_end;
  slot *slots;        /* WINDOW inputs after COMMITTED, by index % WINDOW */
  size_t window;
  int failed;
  pthread_rwlock_t gate;
  sigset_t stops;
};

/* What each thread works with. */
typedef struct worker {
  tkgp_run *run;
  tkg_world *world;
  pthread_t thread;
} worker;

tkgp_report *tkgp_run_report(tkgp_run *run)
{
  return run->report;
}

void tkgp_run_hold(tkgp_run *run)
{
  pthread_rwlock_rdlock(&run->gate);
}

void tkgp_run_release(tkgp_run *run)
{
  pthread_rwlock_unlock(&run->gate);
}

size_t tkgp_run_all_cores(void)
{
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
    return (size_t)CPU_COUNT(&set);
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (size_t)n : 1;
}

/* The watcher: wait for a stop signal, wait for every held step to end,
 * then die of it as the process would have. */
static void *watch_stops(void *arg)
{
  tkgp_run *run = arg;
  sigset_t one;
  int sig;

  if (sigwait(&run->stops, &sig) != 0)
    return NULL;
  pthread_rwlock_wrlock(&run->gate);
  signal(sig, SIG_DFL);
  sigemptyset(&one);
  sigaddset(&one, sig);
  pthread_sigmask(SIG_UNBLOCK, &one, NULL);
  raise(sig);
  pthread_rwlock_unlock(&run->gate);
  return NULL;
}

static void add_unless_ignored(sigset_t *set, int sig)
{
  struct sigaction sa;
  if (sigaction(sig, NULL, &sa) == 0 && sa.sa_handler != SIG_IGN)
    sigaddset(set, sig);
}

/* Whether input K may start now: within the window, and alone when it
 * is one to build one at a time (or the first after them). */
static int may_start(const tkgp_run *run, size_t k)
{
  if (k >= run->committed + run->window)
    return 0;
  return !(run->serial_end && k <= run->serial_end && k != run->committed);
}

/* Commit every input that is ready, in order. Called with the lock held. */
static void commit_ready(tkgp_run *run)
{
  for (;;) {
    slot *s = &run->slots[run->committed % run->window];
    tkgp_done done;
    if (run->committed >= run->n || !s->ready)
      break;
    memset(&done, 0, sizeof done);
    done.ok = s->ok;
    done.stream_end = -1;
    run->steps->commit(run->context, run->committed, s->result, &done);
    if (!done.ok)
      run->failed = 1;
    tkgp_report_done(run->report, run->committed, &done);
    s->ready = 0;
    s->result = NULL;
    run->committed++;
  }
}

static void *work(void *arg)
{
  worker *wk = arg;
  tkgp_run *run = wk->run;

  pthread_mutex_lock(&run->lock);
  for (;;) {
    size_t k;
    void *result = NULL;
    int ok;
    while (run->next < run->n && !may_start(run, run->next))
      pthread_cond_wait(&run->changed, &run->lock);
    if (run->next >= run->n)
      break;
    k = run->next++;
    tkgp_report_start(run->report, k); /* under the lock: in input order */
    pthread_mutex_unlock(&run->lock);

    ok = run->steps->build(run->context, run, wk->world, k, &result);

    pthread_mutex_lock(&run->lock);
    run->slots[k % run->window].ready = 1;
    run->slots[k % run->window].ok = ok;
    run->slots[k % run->window].result = result;
    commit_ready(run);
    pthread_cond_broadcast(&run->changed);
  }
  pthread_mutex_unlock(&run->lock);
  return NULL;
}

/* Worlds for THREADS threads: WORLD itself for one, else worlds sharing
 * its data, made here, on this thread (see tkg_world_new_sharing). */
static int make_workers(worker *workers, size_t threads, tkg_world *world, tkgp_run *run)
{
  for (size_t t = 0; t < threads; t++) {
    workers[t].run = run;
    workers[t].world = world;
    if (threads > 1 && tkg_world_new_sharing(&workers[t].world, world) < 0) {
      fprintf(stderr, "textkg: %s\n", tkg_world_last_error(world));
      for (size_t u = 0; u < t; u++)
        tkg_world_free(workers[u].world);
      return -1;
    }
  }
  return 0;
}

static int run_threads(tkgp_run *run, worker *workers, size_t threads)
{
  size_t started = 0;
  for (size_t t = 1; t < threads; t++) {
    int err = pthread_create(&workers[t].thread, NULL, work, &workers[t]);
    if (err != 0) {
      fprintf(stderr, "textkg: cannot start a thread (%s): going on with %zu\n",
              strerror(err), started + 1);
      break;
    }
    started++;
  }
  work(&workers[0]); /* this thread is one of them */
  for (size_t t = 1; t <= started; t++)
    pthread_join(workers[t].thread, NULL);
  return 0;
}

int tkgp_run_batch(tkg_world *world, size_t threads, size_t first, size_t serial_end, size_t n,
                   const tkgp_run_steps *steps, void *context, tkgp_report *report)
{
  tkgp_run run;
  worker *workers;
  sigset_t before;
  pthread_t watcher;
  int watching;

  memset(&run, 0, sizeof run);
  run.steps = steps;
  run.context = context;
  run.report = report;
  run.next = run.committed = first;
  run.n = n;
  run.serial_end = serial_end;
  run.window = 4 * (threads ? threads : 1);
  run.slots = calloc(run.window, sizeof *run.slots);
  workers = calloc(threads ? threads : 1, sizeof *workers);
  if (!run.slots || !workers || make_workers(workers, threads ? threads : 1, world, &run) < 0) {
    free(run.slots);
    free(workers);
    fputs("textkg: out of memory\n", stderr);
    return -1;
  }
  pthread_mutex_init(&run.lock, NULL);
  pthread_cond_init(&run.changed, NULL);
  {
    /* The watcher must get the lock although some thread or other is
     * always about to take a read lock. */
    pthread_rwlockattr_t attr;
    pthread_rwlockattr_init(&attr);
    pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
    pthread_rwlock_init(&run.gate, &attr);
    pthread_rwlockattr_destroy(&attr);
  }
  sigemptyset(&run.stops);
  add_unless_ignored(&run.stops, SIGINT);
  add_unless_ignored(&run.stops, SIGTERM);
  add_unless_ignored(&run.stops, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &run.stops, &before); /* the threads inherit it */
  watching = pthread_create(&watcher, NULL, watch_stops, &run) == 0;

  run_threads(&run, workers, threads ? threads : 1);

  if (watching) {
    pthread_cancel(watcher);
    pthread_join(watcher, NULL);
  }
  pthread_sigmask(SIG_SETMASK, &before, NULL);
  for (size_t t = 0; threads > 1 && t < threads; t++) {
    tkg_world_add_timings(world, workers[t].world);
    tkg_world_free(workers[t].world);
  }
  pthread_rwlock_destroy(&run.gate);
  pthread_cond_destroy(&run.changed);
  pthread_mutex_destroy(&run.lock);
  free(run.slots);
  free(workers);
  return run.failed || run.committed < n ? -1 : 0;
}
