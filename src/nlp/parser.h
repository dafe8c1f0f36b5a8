/* parser.h - labelled dependency parser (internal to src/nlp)
 * SPDX-License-Identifier: MIT
 *
 * Reads: the form, upos and xpos of each word of a sentence (the
 * tagger's). Writes: head and deprel. A parser is a mapped model file
 * that parsing does not change; the state of a parse is in scratch space
 * that the caller owns and that grows with the sentence.
 */
#ifndef TKG_NLP_PARSER_H
#define TKG_NLP_PARSER_H

#include "core/world.h"
#include "nlp/model.h"
#include "nlp/nlp.h"

#include <stddef.h>

#define TKGP_KIND_PARSER TKGP_FOURCC('P', 'A', 'R', 'S')

typedef struct tkgp_parser tkgp_parser;

/**
 * Map the parser model at PATH.
 * @param out  receives the parser. Caller frees with tkgp_parser_close().
 * @return 0, TKG_ENOTFOUND, TKG_EIO, TKG_EDATA or TKG_ENOMEM (message in WORLD).
 */
int tkgp_parser_open(tkgp_parser **out, tkg_world *world, const char *path);

/** Unmap the model. Accepts NULL. */
void tkgp_parser_close(tkgp_parser *p);

/** Scratch space for parsing a sentence of up to CAP words. */
typedef struct tkgp_parse_scratch tkgp_parse_scratch;

/** Caller frees with tkgp_parse_scratch_free(). @return 0 or TKG_ENOMEM. */
int tkgp_parse_scratch_new(tkgp_parse_scratch **out, size_t cap);

/** Accepts NULL. */
void tkgp_parse_scratch_free(tkgp_parse_scratch *s);

/**
 * Parse WORDS[0, N), whose xpos are set: head and deprel are set, deprel
 * borrowed from P (valid until tkgp_parser_close()). *SCRATCH (may be
 * NULL) is replaced by a larger one when the sentence needs it.
 * @return 0 or TKG_ENOMEM (when SCRATCH must grow).
 */
int tkgp_parser_run(const tkgp_parser *p, tkgp_parse_scratch **scratch,
                    tkgp_nlp_word *words, size_t n);

#endif
