/* parse.h - `textkg eval parse`: tagging and parsing scored against gold CoNLL-U
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_EVAL_PARSE_H
#define TKG_EVAL_PARSE_H

#include "core/world.h"

#include <stddef.h>

/**
 * Tag and parse the words of the N gold FILES with the models of MODELS
 * (NULL: the default directory, see tkgp_nlp_modeldir()) and print the
 * scores and the speed to stdout.
 * @return 0 or a negative TKG_E* code, with the message in WORLD.
 */
int tkgp_eval_parse(tkg_world *world, const char *models, char **files,
                    size_t n);

#endif
