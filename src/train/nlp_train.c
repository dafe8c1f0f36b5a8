/* nlp_train.c - the work of `textkg train tagger|parser`
 * SPDX-License-Identifier: MIT
 *
 * Reads every --train and --dev file whole (fields point into them) and
 * hands the two corpora to the trainer asked for. The command line is
 * cli/nlp_cli.c's.
 */
#include "train/train.h"
#include "core/clock.h"

#include <stdio.h>
#include <stdlib.h>

static int read_files(tkg_world *w, char **names, size_t n, tkgp_conllu **out)
{
  tkgp_conllu *files = calloc(n ? n : 1, sizeof *files);
  *out = files;
  if (!files)
    return tkgp_error(w, TKG_ENOMEM, "out of memory");
  for (size_t i = 0; i < n; i++) {
    int rc = tkgp_conllu_read(&files[i], w, names[i]);
    if (rc < 0)
      return rc;
  }
  return 0;
}

static void free_files(tkgp_conllu *files, size_t n)
{
  if (!files)
    return;
  for (size_t i = 0; i < n; i++)
    tkgp_conllu_finish(&files[i]);
  free(files);
}

/* A failure's message, when the step that failed left none. */
static int fallback(tkg_world *w, int rc, const char *msg)
{
  if (!*tkg_world_last_error(w))
    tkgp_error(w, rc, "%s", msg);
  return rc;
}

int tkgp_train_run(tkg_world *w, const tkgp_train_job *job)
{
  const tkgp_train_opts *opts = &job->opts;
  tkgp_conllu *tf = NULL, *df = NULL;
  tkgp_corpus tc = {0}, dc = {0};
  double t0 = tkgp_now();
  int rc;

  if ((rc = read_files(w, job->train, job->n_train, &tf)) < 0 ||
      (rc = read_files(w, job->dev, job->n_dev, &df)) < 0) {
    rc = fallback(w, rc, "cannot read training data");
    goto done;
  }
  if ((rc = tkgp_corpus_init(&tc, tf, job->n_train)) < 0 ||
      (rc = tkgp_corpus_init(&dc, df, job->n_dev)) < 0) {
    rc = tkgp_error(w, rc, "out of memory");
    goto done;
  }
  if (!opts->quiet)
    fprintf(stderr, "textkg: training %s on %zu sentences (%zu words), dev %zu sentences\n",
            job->what, tc.n_sents, tc.n_words, dc.n_sents);
  rc = job->what[0] == 't' ? tkgp_tagger_train(w, &tc, &dc, opts, job->out)
                           : tkgp_parser_train(w, &tc, &dc, opts, job->out);
  if (rc < 0) {
    rc = fallback(w, rc, "training failed");
    goto done;
  }
  if (!opts->quiet)
    fprintf(stderr, "textkg: wrote %s (%.1fs)\n", job->out, tkgp_now() - t0);
done:
  tkgp_corpus_finish(&tc);
  tkgp_corpus_finish(&dc);
  free_files(tf, job->n_train);
  free_files(df, job->n_dev);
  return rc;
}
