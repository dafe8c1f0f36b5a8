/* mentions.h - typed mentions and the relations between them in one document
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_MENTIONS_H
#define TKG_MENTIONS_H

#include "lexicon/gazetteer.h"
#include "text/tokenize.h"

/* What an entity is; the graph maps each to its RDF class. */
typedef enum tkgp_entity_class {
  TKGP_CLASS_PERSON,
  TKGP_CLASS_ORGANIZATION,
  TKGP_CLASS_COUNTRY,
  TKGP_CLASS_CITY,
  TKGP_CLASS_PLACE,
  TKGP_CLASS_EVENT,
  TKGP_CLASS_ROLE,
  TKGP_CLASS_MEETING,    /* talks, summits: a schema:Event */
  TKGP_CLASS_AGREEMENT,
  TKGP_CLASS_PROPOSAL,
  TKGP_CLASS_QUOTATION,  /* words attributed to a speaker */
  TKGP_CLASS_ACTIVITY,   /* grain deliveries, military aid */
  TKGP_CLASS_COUNT
} tkgp_entity_class;

/* How an entity is named at a mention. */
typedef enum tkgp_mention_kind {
  TKGP_MENTION_NAME,     /* a proper name: "Ukraine", "Jane Doe" */
  TKGP_MENTION_DEMONYM,  /* a nationality word standing for its country */
  TKGP_MENTION_TITLE,    /* a title naming a role: "US Secretary of State" */
  TKGP_MENTION_NOMINAL,  /* a common noun: "the talks", "the fisheries deal" */
  TKGP_MENTION_PRONOUN,  /* "he", "its" */
  TKGP_MENTION_QUOTE,    /* the words of a quotation */
  TKGP_MENTION_METONYM   /* a capital or seat of government standing for
                          * its state: "Ottawa agreed", "the Kremlin said" */
} tkgp_mention_kind;

/* Enough to name an entity deterministically; the graph mints its IRI
 * from the class and these fields. Strings are borrowed from the document
 * arena or the world's lexicon. */
typedef struct tkgp_entity_ref {
  tkgp_entity_class cls;
  const char *label;              /* canonical name */
  const tkgp_country *country;    /* the country itself, a role's country, or
                                   * the state a capital or seat belongs to */
  const tkgp_title *title;        /* roles */
  const char *holder;             /* roles tied to no country: the holder's name */
  const char *org;                /* roles of an organization ("U.N.
                                   * Secretary-General"): its name, or NULL */
  const char *scope;              /* events, agreements, quotations: the
                                   * document they belong to, or NULL */
} tkgp_entity_ref;

typedef struct tkgp_mention {
  size_t start, end;    /* bytes of the normalized text, end exclusive */
  size_t sentence;      /* index into the document's sentences */
  tkgp_mention_kind kind;
  tkgp_entity_ref entity;
  long holder;          /* a title's mention: the mention of the person who
                         * holds it ("Secretary of State Jane Roe"), or -1 */
} tkgp_mention;

typedef struct tkgp_relation {
  const char *property; /* local name in the tkg: namespace: "represents" */
  tkgp_entity_ref subject, object;
  size_t sentence;
  double confidence;
  int negated;           /* the text says it does not hold */
  const char *modality;  /* "possible", "intended"... or NULL */
  const char *condition; /* the condition's text, or NULL */
  const char *time;      /* when: an ISO 8601 date, week or month normalized
                          * against the document's date, or the words */
} tkgp_relation;

typedef struct tkgp_mention_list {
  tkgp_mention *mentions;
  size_t n_mentions, cap_mentions;
  tkgp_relation *relations;
  size_t n_relations, cap_relations;
} tkgp_mention_list;

/**
 * Find the mentions of countries, nationalities, titled persons and their
 * roles in TEXT, and the relations the titles imply (holdsRole,
 * represents). Strings are allocated in ARENA; the arrays are malloc'd and
 * released with tkgp_mentions_finish().
 */
int tkgp_mentions_find(tkgp_mention_list *out, const tkgp_gazetteer *gazetteer,
                       tkgp_arena *arena, const char *text,
                       const tkgp_tokens *tokens);

void tkgp_mentions_finish(tkgp_mention_list *list);

/**
 * Append a mention of REF spanning bytes [START, END) of sentence
 * SENTENCE; its index goes to *INDEX when not NULL.
 * @return 0 or TKG_ENOMEM.
 */
int tkgp_mentions_add(tkgp_mention_list *list, size_t start, size_t end,
                      size_t sentence, tkgp_mention_kind kind,
                      const tkgp_entity_ref *ref, size_t *index);

/**
 * Append the mentions and relations of MORE, found in a window of the
 * document that starts at sentence SENTENCES: their sentences move by
 * SENTENCES and their holders by the mentions LIST had. MORE is left as
 * it was; its strings are shared.
 * @return 0 or TKG_ENOMEM (LIST is then unchanged).
 */
int tkgp_mentions_append(tkgp_mention_list *list, const tkgp_mention_list *more,
                         size_t sentences);

/**
 * Append a relation PROPERTY(SUBJECT, OBJECT) stated in SENTENCE, asserted
 * with CONFIDENCE; the caller may then set its qualifiers.
 * @return the relation, or NULL when out of memory. Valid until the next
 *         append.
 */
tkgp_relation *tkgp_mentions_relate(tkgp_mention_list *list, const char *property,
                                    const tkgp_entity_ref *subject,
                                    const tkgp_entity_ref *object,
                                    size_t sentence, double confidence);

#endif
