/* progress.h - what a long build says on the terminal as it goes, and at the end
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_CLI_PROGRESS_H
#define TKG_CLI_PROGRESS_H

#include "cli/supervise.h"

#include <stdio.h>

typedef struct tkgp_progress {
  FILE *out;          /* standard error */
  int live;           /* draw the progress line: OUT is a terminal, not --quiet */
  size_t n;           /* documents in all */
  double start, drawn_at;
  int drawn;          /* a progress line is on the screen */
} tkgp_progress;

/**
 * Start timing a build of N documents. The progress line is drawn only
 * when OUT is a terminal and QUIET is zero.
 */
void tkgp_progress_init(tkgp_progress *p, FILE *out, size_t n, int quiet);

/**
 * One more document finished (a tkgp_supervision progress callback):
 * redraw the line "documents done, words per second, time left", at most
 * four times a second.
 */
void tkgp_progress_update(void *progress, const tkgp_outcome *so_far);

/** Clear the progress line, so that a message can be printed on its own
 *  line (a tkgp_supervision before_output callback). */
void tkgp_progress_clear(void *progress);

/**
 * Clear the line and, when SUMMARY is non-zero, print "textkg: D
 * documents, W words, T triples, S s, E errors".
 */
void tkgp_progress_finish(tkgp_progress *p, const tkgp_outcome *outcome, int summary);

#endif
