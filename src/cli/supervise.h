/* supervise.h - run a batch of inputs in a worker process, so that one
 * input that crashes costs only itself
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_CLI_SUPERVISE_H
#define TKG_CLI_SUPERVISE_H

#include <stddef.h>

/* What the worker tells the supervisor as it goes. In a run without a
 * worker (fork() failed), every call is a no-op. */
typedef struct tkgp_report tkgp_report;

/** The worker starts on input INDEX. */
void tkgp_report_start(tkgp_report *report, size_t index);

/** What the worker says of an input it has finished. */
typedef struct tkgp_done {
  int ok;            /* built, or failed */
  size_t words;      /* of its text */
  size_t triples;    /* written in RDF */
  long long stream_end; /* the stream's length once it was written, or -1 */
} tkgp_done;

/**
 * The worker finished input INDEX. Inputs are finished in order (a worker
 * of several threads says so in input order), so that the inputs in
 * flight are always those after the last one finished.
 */
void tkgp_report_done(tkgp_report *report, size_t index, const tkgp_done *done);

/** The worker created the temporary file PATH; should it die, remove it. */
void tkgp_report_temp(tkgp_report *report, const char *path);

/** The temporary file PATH was renamed or removed by the worker. */
void tkgp_report_temp_gone(tkgp_report *report, const char *path);

/**
 * Work on inputs FIRST.. in order, calling the report functions, and
 * return 0 when every input given to it was built, -1 otherwise. Inputs
 * before SERIAL_END are built one at a time: after a crash with several
 * inputs in flight, so that the one that crashes is known.
 */
typedef int (*tkgp_work_fn)(void *context, size_t first, size_t serial_end,
                            tkgp_report *report);

/** How a supervised batch went. */
typedef struct tkgp_outcome {
  size_t built, failed, crashed; /* inputs; crashed ones also count as failed */
  size_t words, triples;         /* of the inputs finished */
  int interrupted;               /* the signal that stopped the run, or 0 */
} tkgp_outcome;

/** What to run, and how. */
typedef struct tkgp_supervision {
  size_t n;                  /* inputs */
  const char *const *names;  /* of the inputs, for messages; borrowed */
  int restart;               /* go on after a crash (not for a merged graph) */
  tkgp_work_fn work;
  void *context;
  int stream_fd;             /* a file the workers write the inputs into in
                              * turn, cut back after a crash to the end of the
                              * last input finished; or -1 */
  /* Called after each input is finished, with the outcome so far. */
  void (*progress)(void *arg, const tkgp_outcome *so_far);
  /* When set, what the worker writes to standard error comes through the
   * supervisor, which calls this first (to clear a progress line). */
  void (*before_output)(void *arg);
  void *progress_arg;
} tkgp_supervision;

/**
 * Run S->work over S->n inputs in a child process. When the child dies of
 * a signal while on input K alone, K is reported as crashed ("textkg:
 * NAMES[K]: crashed (Segmentation fault) ..."), the temporary files it had
 * open are removed, and a new child goes on from K + 1; while on several,
 * a new child builds those one at a time, to find the one. SIGINT, SIGTERM
 * and SIGHUP are passed on to the child; once it has stopped and its
 * temporary files are gone, the outcome says which signal it was, for the
 * caller to die of. Without S->restart, a crash ends the batch (a merged
 * graph cannot skip an input).
 * @return 0, or -1 when no worker could be started and the work ran here.
 */
int tkgp_supervise(const tkgp_supervision *s, tkgp_outcome *outcome);

/** Die of SIG with its default action, as an interrupted command should. */
void tkgp_supervise_die_of(int sig);

#endif
