/* relclass_impl.h - the relation model's file, shared by the classifier and its trainer
 * SPDX-License-Identifier: MIT
 *
 * rel/relclass.c reads what train/rel_train.c writes: a model file of kind
 * "RELC" with a parameter section and one section of frozen perceptron
 * weights per ensemble member. Nothing outside these two includes this.
 */
#ifndef TKG_REL_RELCLASS_IMPL_H
#define TKG_REL_RELCLASS_IMPL_H

#include "nlp/model.h"
#include "nlp/perceptron.h"
#include "rel/relclass.h"

#define TKGP_KIND_REL TKGP_FOURCC('R', 'E', 'L', 'C')
#define TKGP_REL_SEC_PARAM TKGP_FOURCC('R', 'P', 'R', 'M')
/* Weights of ensemble member K: section TKGP_REL_SEC_PERC + (K << 24),
 * "RPE0", "RPE1", ... */
#define TKGP_REL_SEC_PERC TKGP_FOURCC('R', 'P', 'E', '0')

/* Bumped whenever features change: a model of another version is refused. */
#define TKGP_REL_FEATURE_VERSION 1u

typedef struct rel_param {
  uint32_t feature_version;
  uint32_t n_classes;
  float threshold;
  uint32_t n_models;      /* ensemble members, 1..TKGP_REL_MAX_MODELS */
} rel_param;

/** A classifier over the N_PERC frozen weights PERC the caller keeps
 * (the trainer scores each epoch's weights on dev with it). */
int tkgp_relclass_new_borrowed(tkgp_relclass **out, tkg_world *world,
                               const tkgp_perc *perc, size_t n_perc, float threshold);

#endif
