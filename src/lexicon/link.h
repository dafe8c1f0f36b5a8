/* link.h - match entities to the IRIs of a user's existing graph
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_LINK_H
#define TKG_LINK_H

#include "core/world.h"

typedef struct tkgp_links tkgp_links;

/**
 * Read the Turtle graph PATH and add every resource with an rdfs:label,
 * skos:prefLabel or skos:altLabel to LINKS (created when *LINKS is NULL),
 * keyed by the label case-folded and NFKC-normalized.
 * @return 0, TKG_EIO, TKG_EDATA (message names the file and line), TKG_ENOMEM.
 */
int tkgp_links_load(tkgp_links **links, tkg_world *world, const char *path);

void tkgp_links_free(tkgp_links *links);

/**
 * The IRI of the user's resource named NAME whose type agrees with
 * CLASS_IRI (a resource with no known type agrees with anything; a
 * schema:Place agrees with schema:Country and schema:City), or NULL when
 * there is none or when several different resources fit. Borrowed.
 */
const char *tkgp_links_find(const tkgp_links *links, const char *name,
                            const char *class_iri);

#endif
