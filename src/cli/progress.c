/* progress.c - what a long build says on the terminal as it goes, and at the end
 * SPDX-License-Identifier: MIT
 *
 * The supervisor hears of every document finished, so the line is drawn
 * by the parent process, which outlives crashed workers. The line is
 * rewritten in place ("\r", then erase to the end of the line).
 */
#include "cli/progress.h"
#include "core/clock.h"

#include <unistd.h>

#define REDRAW_SECONDS 0.25

void tkgp_progress_init(tkgp_progress *p, FILE *out, size_t n, int quiet)
{
  p->out = out;
  p->live = !quiet && isatty(fileno(out));
  p->n = n;
  p->start = tkgp_now();
  p->drawn_at = 0;
  p->drawn = 0;
}

/* "1:05:09", "4:07", "0:09" */
static void put_duration(FILE *out, double seconds)
{
  long s = seconds > 0 ? (long)(seconds + 0.5) : 0;
  if (s >= 3600)
    fprintf(out, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    fprintf(out, "%ld:%02ld", s / 60, s % 60);
}

void tkgp_progress_update(void *progress, const tkgp_outcome *so_far)
{
  tkgp_progress *p = progress;
  double now = tkgp_now(), elapsed = now - p->start;
  size_t done = so_far->built + so_far->failed;

  if (!p->live || (now - p->drawn_at < REDRAW_SECONDS && done < p->n))
    return;
  p->drawn_at = now;
  fprintf(p->out, "\rtextkg: %zu/%zu documents, %.0f words/s", done, p->n,
          elapsed > 0 ? so_far->words / elapsed : 0.0);
  if (so_far->failed)
    fprintf(p->out, ", %zu failed", so_far->failed);
  if (done > 0 && done < p->n) {
    fputs(", ", p->out);
    put_duration(p->out, elapsed / done * (double)(p->n - done));
    fputs(" left", p->out);
  }
  fputs("\033[K", p->out);
  fflush(p->out);
  p->drawn = 1;
}

void tkgp_progress_clear(void *progress)
{
  tkgp_progress *p = progress;
  if (p->drawn) {
    fputs("\r\033[K", p->out);
    fflush(p->out);
    p->drawn = 0;
  }
}

void tkgp_progress_finish(tkgp_progress *p, const tkgp_outcome *outcome, int summary)
{
  tkgp_progress_clear(p);
  if (summary)
    fprintf(p->out, "textkg: %zu documents, %zu words, %zu triples, %.1f s, %zu errors\n",
            outcome->built + outcome->failed, outcome->words, outcome->triples,
            tkgp_now() - p->start, outcome->failed);
}
