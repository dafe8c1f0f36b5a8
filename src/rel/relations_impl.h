/* relations_impl.h - the indexed sentence the relation stages share
 * SPDX-License-Identifier: MIT
 *
 * Internal to src/rel: relations.c runs the frames over a sentence that
 * clause.c (arguments of a word's slots, negation, modality, condition,
 * time) and events.c (mentions of events, groups and quotations; metonymy;
 * pronouns) read and add to. The rest of textkg uses relations.h.
 */
#ifndef TKG_REL_RELATIONS_IMPL_H
#define TKG_REL_RELATIONS_IMPL_H

#include "rel/relations.h"
#include "lexicon/lexicon.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define CONFIDENCE_DIRECT 0.8
#define CONFIDENCE_INVERSE 0.7 /* "the meeting included X": looser */
#define MAX_ARGS 16            /* arguments of one slot, conjuncts included */
#define CONTROL_DEPTH 4        /* how far up control and raising are followed */

enum { NONE = -1 };

/* Kinds of the pairs a group noun may name ("both leaders", "both nations",
 * "both sides"): see tkg:GroupNoun in the lexicon. */
enum { PAIR_PERSON, PAIR_COUNTRY, PAIR_PARTY, PAIR_KINDS };

/* A group mention ("both nations") and the two entities it names. */
typedef struct group_mention {
  size_t sentence;
  int word; /* the group noun */
  tkgp_entity_ref member[2];
} group_mention;

/* What an agreement or proposal mention is about, to tell which mentions
 * of a document are one agreement: "the fisheries deal", "the fisheries
 * agreement". */
#define TOPIC_MAX 6
typedef struct event_topic {
  size_t mention;
  const char *lemmas[TOPIC_MAX]; /* of its compound and adjective modifiers */
  size_t n_lemmas;
  int canonical;     /* its noun is its class's first lemma ("agreement") */
  int demonstrative; /* "this deal" */
  int bare_definite; /* "(on) the deal", with no other dependent */
  size_t cluster;    /* union-find parent */
} event_topic;

/* One sentence, indexed. */
typedef struct sent {
  const tkgp_relation_input *in;
  const tkgp_lexicon *lex;
  tkgp_mention_list *list;
  tkgp_arena *arena;
  size_t index;              /* sentence number */
  const tkgp_token *tok;     /* its tokens */
  const tkgp_nlp_word *w;    /* its words */
  size_t n;
  int *first_child, *next_sibling; /* children lists, 0-based; NONE ends */
  long *mention;             /* mention covering each word, or NONE */
  long *title;               /* title mention covering each word, or NONE */
  size_t *by_sentence;       /* mention indexes grouped by sentence */
  size_t *sentence_start;    /* sentence k's are by_sentence[start[k], start[k+1]) */
  long *group_at;            /* group mention of each word, or NONE */
  group_mention *groups;     /* the document's, in text order */
  size_t n_groups, cap_groups, group_cursor;
  tkgp_entity_ref pair[PAIR_KINDS][2]; /* the last two entities named together */
  int have_pair[PAIR_KINDS];
  int last_pair;             /* the kind of pair named or referred to last, or NONE */
  size_t last_pair_sentence; /* and its sentence */
  event_topic *topics;       /* the document's agreement and proposal mentions */
  size_t n_topics, cap_topics;
  const char **holders;      /* labels of the persons holding a title, sorted */
  size_t n_holders;
  size_t holders_of;         /* n_mentions when holders was made, or SIZE_MAX */
} sent;

/* ---- small helpers -------------------------------------------------------- */

static inline int in_list(const char *const *items, size_t n, const char *s)
{
  size_t i;
  if (!s)
    return 0;
  for (i = 0; i < n; i++)
    if (strcmp(items[i], s) == 0)
      return 1;
  return 0;
}


static inline int is_lemma(const sent *s, int i, const char *lemma)
{
  return s->w[i].lemma && strcmp(s->w[i].lemma, lemma) == 0;
}

/* The relation of word I without its subtype: "nsubj:pass" -> "nsubj". */
static inline int base_rel_is(const sent *s, int i, const char *rel)
{
  const char *d = s->w[i].deprel;
  size_t n = strlen(rel);
  return d && strncmp(d, rel, n) == 0 && (d[n] == '\0' || d[n] == ':');
}

static inline int rel_is(const sent *s, int i, const char *rel)
{
  return s->w[i].deprel && strcmp(s->w[i].deprel, rel) == 0;
}

static inline int head_of(const sent *s, int i)
{
  return s->w[i].head - 1; /* NONE for the root */
}

/* The lemma of the preposition word I takes ("in" for "in Oslo"), or NULL. */
static inline const char *case_lemma(const sent *s, int i)
{
  int c;
  for (c = s->first_child[i]; c != NONE; c = s->next_sibling[c])
    if (rel_is(s, c, "case"))
      return s->w[c].lemma;
  return NULL;
}

/* Whether dependent C of its head fills SLOT: a relation ("nsubj"), or a
 * relation with a preposition ("obl:in"). */
static inline int fills(const sent *s, int c, const char *slot)
{
  const char *colon;
  if (rel_is(s, c, slot))
    return 1;
  colon = strchr(slot, ':');
  if (!colon) /* "obl" also takes "obl:tmod"; "nsubj" not "nsubj:pass" */
    return strcmp(slot, "nsubj") != 0 && base_rel_is(s, c, slot);
  {
    char rel[32];
    size_t n = (size_t)(colon - slot);
    const char *prep;
    if (n >= sizeof rel)
      return 0;
    memcpy(rel, slot, n);
    rel[n] = '\0';
    prep = case_lemma(s, c);
    return base_rel_is(s, c, rel) && prep && strcmp(prep, colon + 1) == 0;
  }
}

/* ---- clause.c: arguments, qualifiers, time ------------------------------- */

int tkgp_rel_infinitival_advcl(const sent *s, int v);
void tkgp_rel_slot_words(const sent *s, int v, const char *slot, int *args, size_t *n);
void tkgp_rel_add_arg(int *args, size_t *n, int i);
void tkgp_rel_misattached_subject(const sent *s, int v, int *args, size_t *n);
void tkgp_rel_subtree(const sent *s, int i, int *lo, int *hi);
const char *tkgp_rel_words_text(const sent *s, int lo, int hi);
int tkgp_rel_negated(const sent *s, int v);
const char *tkgp_rel_modality(const sent *s, int v);
const char *tkgp_rel_condition(const sent *s, int v);
const char *tkgp_rel_time_of(const sent *s, int v);

/* ---- events.c: event, group and quotation mentions; metonymy; pronouns --- */

const tkgp_entity_ref *tkgp_rel_entity_at(const sent *s, int i);
int tkgp_rel_class_allowed(const char *const *classes, size_t n, tkgp_entity_class cls);
int tkgp_rel_add_clause_nodes(sent *s);
int tkgp_rel_add_event_mentions(sent *s, long *meeting_mentions, size_t *n_meeting, long *placed);
int tkgp_rel_add_proposed_things(sent *s);
int tkgp_rel_unify_topics(sent *s);
void tkgp_rel_resolve_metonymy(sent *s);
int tkgp_rel_find_groups(sent *s);
void tkgp_rel_mark_groups(sent *s);
int tkgp_rel_add_quotations(sent *s);
const tkgp_entity_ref *tkgp_rel_quotation(const sent *s);
const tkgp_entity_ref *tkgp_rel_pronoun_antecedent(const sent *s, int i);

#endif
