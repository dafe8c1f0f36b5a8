/* treefix.h - mend the parse around titled names found on the surface
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_TREEFIX_H
#define TKG_TREEFIX_H

#include "nlp/nlp.h"
#include "mention/mentions.h"
#include "text/tokenize.h"

/**
 * Make each dateline that opens a sentence ("OSLO (Agency) -") a fragment
 * headed by its first word, attached as "dep" to the root of the rest of
 * the sentence, which gets back what the parser hung on the dateline.
 * @return the number of datelines detached.
 */
size_t tkgp_treefix_datelines(tkgp_nlp_word *words, const tkgp_tokens *tokens);

/**
 * Join compound nouns the parser split into conjuncts: in "A and B C",
 * B and C both conjuncts of A with nothing between them become B, a
 * compound of C, C taking B's dependents. @return the number joined.
 */
size_t tkgp_treefix_conjuncts(tkgp_nlp_word *words, const tkgp_tokens *tokens);

/**
 * Make each titled name of LIST ("Russian Foreign Minister Jane Roe") one
 * subtree of WORDS, headed by the name's first word and attached, with a
 * nominal relation, where the parser attached the phrase. Sentences whose
 * mended tree would not be a tree are left as they were.
 * @return the number of phrases mended.
 */
size_t tkgp_treefix_titled(tkgp_nlp_word *words, const tkgp_tokens *tokens,
                           const tkgp_mention_list *list);

#endif
