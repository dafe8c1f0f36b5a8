/* build_run.h - build the inputs of a batch on one thread or several,
 * finishing them in input order
 * SPDX-License-Identifier: MIT
 *
 * Threads take the next input in turn and build it in a world of their
 * own that shares the models; what must happen in input order (writing a
 * stream, adding to a merged graph, telling the supervisor an input is
 * done) happens in a commit step, one input at a time, in order. At most
 * a few inputs per thread are in flight, so memory does not grow with the
 * batch.
 */
#ifndef TKG_CLI_BUILD_RUN_H
#define TKG_CLI_BUILD_RUN_H

#include "cli/supervise.h"
#include "textkg.h"

#include <stddef.h>

typedef struct tkgp_run tkgp_run;

/** The two steps of an input. */
typedef struct tkgp_run_steps {
  /* Build input K in world W (any thread); what the commit needs goes in
   * *RESULT. Returns 1 when built, 0 when it failed (and said why). */
  int (*build)(void *context, tkgp_run *run, tkg_world *w, size_t k, void **result);
  /* Finish input K in input order, one at a time: fill DONE (its ok
   * field says whether build succeeded; commit may clear it). */
  void (*commit)(void *context, size_t k, void *result, tkgp_done *done);
} tkgp_run_steps;

/**
 * Build inputs FIRST to N - 1 on THREADS threads (1: this one), those
 * before SERIAL_END one at a time, with worlds sharing WORLD's data
 * (WORLD itself when THREADS is 1), reporting each to REPORT. WORLD gets
 * the timings of all. The stop signals (SIGINT, SIGTERM, SIGHUP) end the
 * process only outside tkgp_run_hold() ... tkgp_run_release().
 * @return 0 when every input was built and committed, -1 otherwise.
 */
int tkgp_run_batch(tkg_world *world, size_t threads, size_t first, size_t serial_end, size_t n,
                   const tkgp_run_steps *steps, void *context, tkgp_report *report);

/** The report of the run, for temporary files. */
tkgp_report *tkgp_run_report(tkgp_run *run);

/** Hold back the stop signals over a step that a stop must not cut (may nest across threads). */
void tkgp_run_hold(tkgp_run *run);

void tkgp_run_release(tkgp_run *run);

/** The number of threads of -j 0: the processors this process may use. */
size_t tkgp_run_all_cores(void);

#endif
