/* relations.h - relations and events from the dependency parse (internal)
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_RELATIONS_H
#define TKG_RELATIONS_H

#include "nlp/nlp.h"
#include "lexicon/gazetteer.h"
#include "mention/mentions.h"
#include "rel/relclass.h"
#include "text/tokenize.h"

/* What the relation stage reads: one analyzed document. */
typedef struct tkgp_relation_input {
  const tkgp_gazetteer *gazetteer; /* and, through it, the lexicon */
  const char *text;                /* NFC text */
  const tkgp_tokens *tokens;
  const tkgp_nlp_word *words;      /* one per token */
  const char *scope;               /* names the document in event IRIs */
  tkgp_relclass *relclass;         /* the learnt relations (worksFor, livesIn,
                                    * locatedIn, basedIn, killed), or NULL */
  const char *date;                /* the document's date, YYYY-MM-DD, or
                                    * NULL: relative dates stay as written */
} tkgp_relation_input;

/**
 * Add to LIST the mentions of meetings, agreements, proposals and
 * quotations, and the relations that the lexicon's frames find on the
 * parse, with their qualifiers (negation, modality, condition). Mentions
 * already in LIST (names, titles, pronouns resolved by coreference) are
 * the arguments. Strings go to ARENA.
 * @return 0 or TKG_ENOMEM.
 */
int tkgp_relations_find(tkgp_mention_list *list, const tkgp_relation_input *in,
                        tkgp_arena *arena);

#endif
