/* ntriples.h - a statement as a line of N-Triples
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_EMIT_NTRIPLES_H
#define TKG_EMIT_NTRIPLES_H

#include "core/strbuf.h"
#include "textkg.h"

#include <raptor2.h>

/**
 * The triple S P O as a line of N-Triples ("<s> <p> "o" ."), into SB
 * (cleared first): the same triple always gives the same line, so lines
 * tell triples apart.
 * @return 0 or TKG_ENOMEM.
 */
int tkgp_ntriples_line(raptor_term *s, raptor_term *p, raptor_term *o, tkgp_strbuf *sb);

/**
 * Parse the N-Quads file PATH (NAME in messages), calling HANDLER with
 * DATA for each statement, through WORLD's raptor world.
 * @return 0; TKG_EIO or TKG_ENOMEM, with the message in WORLD; or
 *         TKG_EDATA, with no message, when raptor failed to parse (its log
 *         handler, the caller's, says why).
 */
int tkgp_parse_nquads(tkg_world *world, const char *path, const char *name,
                      raptor_statement_handler handler, void *data);

#endif
