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

/** The worker finished input INDEX: built (OK non-zero) or failed. */
void tkgp_report_done(tkgp_report *report, size_t index, int ok);

/** The worker created the temporary file PATH; should it die, remove it. */
void tkgp_report_temp(tkgp_report *report, const char *path);

/** The temporary file PATH was renamed or removed by the worker. */
void tkgp_report_temp_gone(tkgp_report *report, const char *path);

/**
 * Work on inputs FIRST.. in order, calling the report functions, and
 * return 0 when every input given to it was built, -1 otherwise.
 */
typedef int (*tkgp_work_fn)(void *context, size_t first, tkgp_report *report);

/** How a supervised batch went. */
typedef struct tkgp_outcome {
  size_t built, failed, crashed; /* inputs; crashed ones also count as failed */
  int interrupted;               /* the signal that stopped the run, or 0 */
} tkgp_outcome;

/**
 * Run WORK over N inputs in a child process. When the child dies of a
 * signal while on input K, K is reported as crashed ("textkg: NAMES[K]:
 * crashed (Segmentation fault) ..."), the temporary files it had open are
 * removed, and a new child goes on from K + 1. SIGINT, SIGTERM and SIGHUP
 * are passed on to the child; once it has stopped and its temporary files
 * are gone, the outcome says which signal it was, for the caller to die
 * of. When RESTART is zero, a crash ends the batch (a merged graph cannot
 * skip an input). NAMES are borrowed.
 * @return 0, or -1 when no worker could be started and WORK ran here.
 */
int tkgp_supervise(size_t n, const char *const *names, int restart, tkgp_work_fn work,
                   void *context, tkgp_outcome *outcome);

/** Die of SIG with its default action, as an interrupted command should. */
void tkgp_supervise_die_of(int sig);

#endif
