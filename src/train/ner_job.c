/* ner_job.c - `textkg train ner`: from annotated files to an NER model
 * SPDX-License-Identifier: MIT
 */
#include "train/ner_train.h"

#include "core/clock.h"

#include <stdio.h>
#include <string.h>

int tkgp_ner_train_run(const tkgp_ner_train_job *job)
{
  tkg_world *world = NULL;
  tkgp_nlp *nlp = NULL;
  tkgp_ner_corpus tc, dc[TKGP_NER_NFORMATS], devs[TKGP_NER_NFORMATS];
  int used[TKGP_NER_NFORMATS] = {0}, status = 1, rc;
  size_t n_devc = 0, words = 0;
  double t0 = tkgp_now();

  tkgp_ner_corpus_init(&tc);
  for (int k = 0; k < TKGP_NER_NFORMATS; k++)
    tkgp_ner_corpus_init(&dc[k]);
  if (tkg_world_new(&world) < 0) {
    fprintf(stderr, "textkg: out of memory\n");
    goto done;
  }
  if ((rc = tkgp_nlp_open(&nlp, world, job->models)) < 0)
    goto fail;
  tkgp_nlp_set_thorough(nlp); /* training data: see tkgp_tagger_set_thorough() */
  for (size_t i = 0; i < job->n_train; i++) {
    tkgp_ner_format fmt;
    if ((rc = tkgp_ner_corpus_read(&tc, world, job->train[i], &fmt)) < 0)
      goto fail;
  }
  if (job->opts.lower > 0 && (rc = tkgp_ner_corpus_add_lowercase(&tc, job->opts.lower)) < 0)
    goto fail;
  if ((rc = tkgp_ner_corpora_read(world, job->dev, job->n_dev, 0, dc, used)) < 0)
    goto fail;
  if ((rc = tkgp_ner_corpus_tag(&tc, nlp)) < 0)
    goto fail;
  for (int k = 0; k < TKGP_NER_NFORMATS; k++) {
    if (!used[k])
      continue;
    if ((rc = tkgp_ner_corpus_tag(&dc[k], nlp)) < 0)
      goto fail;
    devs[n_devc++] = dc[k];
    words += dc[k].n_words;
  }
  if (!job->opts.quiet)
    fprintf(stderr, "textkg: training ner on %zu sentences (%zu words, %zu "
            "names), dev %zu corpora (%zu words); read and tagged in %.1fs\n",
            tc.n_sents, tc.n_words, tc.n_spans, n_devc, words, tkgp_now() - t0);
  if ((rc = tkgp_ner_train(world, &tc, devs, n_devc, &job->opts, job->out)) < 0)
    goto fail;
  status = 0;
  goto done;
fail:
  fprintf(stderr, "textkg: %s\n", tkg_world_last_error(world));
done:
  tkgp_nlp_close(nlp);
  tkg_world_free(world);
  tkgp_ner_corpus_finish(&tc);
  for (int k = 0; k < TKGP_NER_NFORMATS; k++)
    tkgp_ner_corpus_finish(&dc[k]);
  return status;
}
