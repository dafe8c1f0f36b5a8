/* iri.h - deterministic IRIs for entities and documents
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_IRI_H
#define TKG_IRI_H

#include "core/strbuf.h"

/**
 * Append to SB a slug of NAME: letters and digits lowercased (Unicode
 * aware, through utf8proc), every other run of characters one '-', no
 * leading or trailing '-'. "Côte d'Ivoire" gives "côte-divoire", "U.S." gives "us". A name
 * with no letter or digit gives "x".
 */
int tkgp_iri_append_slug(tkgp_strbuf *sb, const char *name);

#endif
