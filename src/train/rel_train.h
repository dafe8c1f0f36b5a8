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

#endif
