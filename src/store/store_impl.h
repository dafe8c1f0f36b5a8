/* store_impl.h - what the parts of the store share (internal to src/store)
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_STORE_IMPL_H
#define TKG_STORE_IMPL_H

#include "store/store.h"

#include <redland.h>

struct tkgp_store {
  tkg_world *world;
  char *path;
  int lock_fd;
  librdf_world *rdf;
  librdf_storage *storage;
  librdf_model *model;
  librdf_node *store_graph; /* <urn:x-textkg:store> */
  char message[512];        /* the last error librdf or rasqal logged */
  int in_transaction;
};

/** A new node for IRI, of the store's world; NULL when out of memory. */
librdf_node *tkgp_store_iri(tkgp_store *st, const char *iri);

/** Whether the store has the document DOC (the store graph knows its size). */
int tkgp_store_has(tkgp_store *st, const char *doc);

/** Remove what the store graph says of DOC's size and date. */
int tkgp_store_forget_record(tkgp_store *st, const char *doc);

#endif
