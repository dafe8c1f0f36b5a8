/* rel_train.h - training the relation classifier (`textkg train rel`)
 * SPDX-License-Identifier: MIT
 *
 * Training only: nothing that `textkg build` runs includes this.
 */
#ifndef TKG_TRAIN_REL_TRAIN_H
#define TKG_TRAIN_REL_TRAIN_H

#include "core/world.h"
#include "corpus/rel_corpus.h"

#include <stddef.h>


typedef struct tkgp_rel_train_opts {
  int epochs;              /* passes over the training pairs */
  int models;              /* ensemble members, 1..TKGP_REL_MAX_MODELS */
  unsigned long seed;      /* of the fixed shuffles */
  float prune;             /* drop averaged weights smaller than this */
  int quiet;
} tkgp_rel_train_opts;

/**
 * Train on the gold mentions of TRAIN (annotated), choose the epoch and
 * the threshold by micro F1 on DEV (annotated) over the mentions
 * DEV_ENTS (DEV_SENT_ENT[s], DEV_SENT_NENTS[s]: sentence s's mentions in
 * DEV_ENTS; e.g. found by the NER, for the end-to-end setting), and save
 * the model to PATH. @return 0, TKG_ENOMEM or TKG_EIO (message in WORLD).
 */
int tkgp_rel_train(tkg_world *world, const tkgp_rel_corpus *train,
                   const tkgp_rel_corpus *dev, const tkgp_ner_span *dev_ents,
                   const size_t *dev_sent_ent, const size_t *dev_sent_nents,
                   const tkgp_rel_train_opts *opts, const char *path);

/* What `textkg train rel` was asked to do. */
typedef struct tkgp_rel_train_job {
  char *const *train, *const *dev; /* CoNLL04 JSON files */
  size_t n_train, n_dev;
  const char *out;                 /* the model file to write */
  const char *models;              /* where the tagger, parser and NER are, or NULL */
  int gold_entities;               /* pick the epoch on gold mentions, not the NER's */
  tkgp_rel_train_opts opts;
} tkgp_rel_train_job;

/**
 * Read the files of JOB, tag and parse them with textkg's models (so that
 * training sees the parses the pipeline will), find the dev set's
 * mentions, train and write the model. Progress goes to standard error
 * unless quiet. @return the exit status: 0 success, 1 failure (the error
 * on standard error).
 */
int tkgp_rel_train_run(const tkgp_rel_train_job *job);

#endif
