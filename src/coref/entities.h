/* entities.h - named entities and coreference over the mention list (internal)
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_ENTITIES_H
#define TKG_ENTITIES_H

#include "nlp/nlp.h"
#include "lexicon/gazetteer.h"
#include "mention/mentions.h"
#include "ner/ner.h"
#include "text/tokenize.h"

typedef struct tkgp_entity_input {
  const tkgp_gazetteer *gazetteer;
  tkgp_ner *ner;                 /* the recognizer, or NULL to skip NER */
  const char *text;              /* NFC text */
  const tkgp_tokens *tokens;
  const tkgp_nlp_word *words;    /* one per token, tagged and parsed */
  size_t window;                 /* longer sentences were parsed in windows of
                                  * this many words, each its own tree */
} tkgp_entity_input;

/**
 * Add to LIST the named entities the recognizer finds where the gazetteer
 * found nothing, then resolve coreference: the mentions of one chain are
 * given one entity (the most complete name: "Roe" becomes a mention of
 * "Jane Roe"), and pronouns and descriptions ("he", "the minister") in
 * a chain with a named entity become mentions of it. Strings go to ARENA.
 * @return 0 or TKG_ENOMEM.
 */
int tkgp_entities_find(tkgp_mention_list *list, const tkgp_entity_input *in,
                       tkgp_arena *arena);

#endif
