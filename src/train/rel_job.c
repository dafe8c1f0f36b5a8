/* rel_job.c - `textkg train rel`: from CoNLL04 files to a relation model
 * SPDX-License-Identifier: MIT
 */
#include "train/rel_train.h"

#include "core/clock.h"

#include <stdio.h>
#include <string.h>

int tkgp_rel_train_run(const tkgp_rel_train_job *job)
{
  const tkgp_rel_train_opts *opts = &job->opts;
  tkg_world *world = NULL;
  tkgp_nlp *nlp = NULL;
  tkgp_ner *ner = NULL;
  tkgp_rel_corpus tc, dc;
  tkgp_rel_mentions dm;
  int status = 1, rc;
  double t0 = tkgp_now(), ner_s;

  memset(&dm, 0, sizeof dm);
  tkgp_rel_corpus_init(&tc);
  tkgp_rel_corpus_init(&dc);
  if (tkg_world_new(&world) < 0) {
    fprintf(stderr, "textkg: out of memory\n");
    goto done;
  }
  /* The country gazetteer only splits LOC; go on without it. */
  if (tkg_world_open(world, NULL) < 0)
    tkgp_error_clear(world);
  if ((rc = tkgp_nlp_open(&nlp, world, job->models)) < 0)
    goto fail;
  tkgp_nlp_set_thorough(nlp); /* training data: see tkgp_tagger_set_thorough() */
  if (!job->gold_entities && (rc = tkgp_ner_open(&ner, world, job->models)) < 0)
    goto fail;
  for (size_t i = 0; i < job->n_train; i++)
    if ((rc = tkgp_rel_corpus_read(&tc, world, job->train[i])) < 0)
      goto fail;
  for (size_t i = 0; i < job->n_dev; i++)
    if ((rc = tkgp_rel_corpus_read(&dc, world, job->dev[i])) < 0)
      goto fail;
  if ((rc = tkgp_rel_corpus_annotate(&tc, nlp)) < 0 ||
      (rc = tkgp_rel_corpus_annotate(&dc, nlp)) < 0)
    goto fail;
  rc = job->gold_entities ? tkgp_rel_mentions_gold(&dm, world, &dc)
                          : tkgp_rel_mentions_find(&dm, world, ner, &dc, &ner_s);
  if (rc < 0)
    goto fail;
  if (!opts->quiet)
    fprintf(stderr, "textkg: training rel on %zu sentences (%zu relations), "
            "dev %zu sentences (%zu relations, %zu %s mentions); read and "
            "parsed in %.1fs\n", tc.n_sents, tc.n_rels, dc.n_sents, dc.n_rels,
            dm.n, job->gold_entities ? "gold" : "NER", tkgp_now() - t0);
  if ((rc = tkgp_rel_train(world, &tc, &dc, dm.ents, dm.first, dm.count, opts, job->out)) < 0)
    goto fail;
  if (!opts->quiet)
    fprintf(stderr, "textkg: wrote %s (%.1fs)\n", job->out, tkgp_now() - t0);
  status = 0;
  goto done;
fail:
  fprintf(stderr, "textkg: %s\n", tkg_world_last_error(world));
done:
  tkgp_rel_mentions_finish(&dm);
  tkgp_ner_close(ner);
  tkgp_nlp_close(nlp);
  tkg_world_free(world);
  tkgp_rel_corpus_finish(&tc);
  tkgp_rel_corpus_finish(&dc);
  return status;
}
