/* ntriples.h - a statement as a line of N-Triples
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_EMIT_NTRIPLES_H
#define TKG_EMIT_NTRIPLES_H

#include "core/strbuf.h"

#include <raptor2.h>

/**
 * The triple S P O as a line of N-Triples ("<s> <p> "o" ."), into SB
 * (cleared first): the same triple always gives the same line, so lines
 * tell triples apart.
 * @return 0 or TKG_ENOMEM.
 */
int tkgp_ntriples_line(raptor_term *s, raptor_term *p, raptor_term *o, tkgp_strbuf *sb);

#endif
