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

/**
 * Append to SB the identifier ID as an IRI path: every byte but letters,
 * digits, "-._~" and "/" percent-encoded, and so is a "/" that would
 * leave an empty segment and a "." that starts a segment. Different ids
 * give different paths, and the path is a safe relative file name (no
 * empty, hidden, "." or ".." segment, no leading "/").
 */
int tkgp_iri_append_id(tkgp_strbuf *sb, const char *id);

#endif
