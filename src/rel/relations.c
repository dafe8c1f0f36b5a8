/* relations.c - relations and events from the dependency parse
 * SPDX-License-Identifier: MIT
 *
 * The engine knows no words: ontology/lexicon.ttl says which lemmas
 * express which property (frames), which nouns name meetings, agreements
 * and proposals, and which words make a statement modal or conditional.
 * For each sentence:
 *
 *   1. index the dependency tree (children of each word, O(n)) and the
 *      mention that covers each word;
 *   2. add mentions of meetings, agreements and proposals (event nouns with
 *      their compound modifiers), and of quotations;
 *   3. for each word whose lemma a frame lists, find the words in the
 *      frame's subject and object slots, following what English does to
 *      them: passive (the object becomes nsubj:pass, the agent an obl with
 *      "by"), relative clauses (the relative pronoun stands for the noun
 *      the clause modifies), control and raising ("agreed to resume": the
 *      subject of "agreed"; "its willingness to accept": the possessor of
 *      "willingness"), and coordination (each conjunct);
 *   4. qualify the relation: negation ("did not attend"), modality (a
 *      modal auxiliary, or a governing word such as "willing", "plan"),
 *      and condition ("if", "subject to", "provided that", with the
 *      words of the condition).
 *
 * Cost: linear in the words of a sentence times the (small) number of
 * slots, plus one pass per frame lemma lookup.
 *
 * A relation the text asserts gets confidence CONFIDENCE_DIRECT; a negated,
 * modal or conditional one is reported with its qualifier, and the graph
 * gives it a statement node only.
 */
#include "rel/relations.h"
#include "lexicon/lexicon.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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

static int in_list(const char *const *items, size_t n, const char *s)
{
  size_t i;
  if (!s)
    return 0;
  for (i = 0; i < n; i++)
    if (strcmp(items[i], s) == 0)
      return 1;
  return 0;
}

/* Room for one more element of SIZE bytes in the array *ITEMS of N. */
static int reserve(void **items, size_t *cap, size_t n, size_t size)
{
  if (n == *cap) {
    size_t grown = *cap ? 2 * *cap : 16;
    void *p = realloc(*items, grown * size);
    if (!p)
      return TKG_ENOMEM;
    *items = p;
    *cap = grown;
  }
  return 0;
}

static int is_lemma(const sent *s, int i, const char *lemma)
{
  return s->w[i].lemma && strcmp(s->w[i].lemma, lemma) == 0;
}

/* The relation of word I without its subtype: "nsubj:pass" -> "nsubj". */
static int base_rel_is(const sent *s, int i, const char *rel)
{
  const char *d = s->w[i].deprel;
  size_t n = strlen(rel);
  return d && strncmp(d, rel, n) == 0 && (d[n] == '\0' || d[n] == ':');
}

static int rel_is(const sent *s, int i, const char *rel)
{
  return s->w[i].deprel && strcmp(s->w[i].deprel, rel) == 0;
}

static int head_of(const sent *s, int i)
{
  return s->w[i].head - 1; /* NONE for the root */
}

/* The lemma of the preposition word I takes ("in" for "in Oslo"), or NULL. */
static const char *case_lemma(const sent *s, int i)
{
  int c;
  for (c = s->first_child[i]; c != NONE; c = s->next_sibling[c])
    if (rel_is(s, c, "case"))
      return s->w[c].lemma;
  return NULL;
}

/* Whether dependent C of its head fills SLOT: a relation ("nsubj"), or a
 * relation with a preposition ("obl:in"). */
static int fills(const sent *s, int c, const char *slot)
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

/* ---- arguments ------------------------------------------------------------- */

static void add_arg(int *args, size_t *n, int i)
{
  size_t k;
  for (k = 0; k < *n; k++)
    if (args[k] == i)
      return;
  if (*n < MAX_ARGS)
    args[(*n)++] = i;
}

/* I and its conjuncts: "the United States and Ukraine". A common noun
 * that names no entity stands for the entities it lists: "figures such as
 * A and B", "officials including A", "two envoys, A and B". */
static const tkgp_entity_ref *entity_at(const sent *s, int i);

/* Whether word C, an apposition under or beside I, names another person:
 * in a list of titled people the parser often takes the next item for an
 * apposition ("NSA B, Ukrainian Foreign Minister C"). */
static int another_person(const sent *s, int i, int c)
{
  const tkgp_entity_ref *a = entity_at(s, i), *b = entity_at(s, c);
  return rel_is(s, c, "appos") && a && b && a->cls == TKGP_CLASS_PERSON &&
         b->cls == TKGP_CLASS_PERSON && strcmp(a->label, b->label) != 0;
}

static void add_with_conjuncts(const sent *s, int i, int *args, size_t *n)
{
  int c, g;
  add_arg(args, n, i);
  for (c = s->first_child[i]; c != NONE; c = s->next_sibling[c]) {
    if (rel_is(s, c, "conj") || another_person(s, i, c)) {
      add_with_conjuncts(s, c, args, n);
    } else if (rel_is(s, c, "flat")) {
      for (g = s->first_child[c]; g != NONE; g = s->next_sibling[g])
        if (another_person(s, i, g))
          add_with_conjuncts(s, g, args, n);
    } else if (s->mention[i] == NONE) {
      const char *prep = case_lemma(s, c);
      if (rel_is(s, c, "appos") ||
          (base_rel_is(s, c, "nmod") && prep &&
           (strcmp(prep, "such") == 0 || strcmp(prep, "as") == 0 ||
            strcmp(prep, "including") == 0 || strcmp(prep, "like") == 0)))
        add_with_conjuncts(s, c, args, n);
    }
  }
}

/* "X runs Acme Energy" parsed with the name as a bare obl (no
 * preposition): where the verb has no object, a name there is its object.
 * A date or a place there still fails the frame's object classes. */
static int bare_obl_name(const sent *s, int c)
{
  return rel_is(s, c, "obl") && !case_lemma(s, c) && s->w[c].upos &&
         strcmp(s->w[c].upos, "PROPN") == 0 && s->mention[c] != NONE;
}

/* Dependents of V that fill SLOT, with passive voice undone: in a passive
 * clause the deep object is nsubj:pass and the deep subject an obl "by". */
static void slot_dependents(const sent *s, int v, const char *slot, int *args, size_t *n)
{
  int c, passive = 0, has_obj = 0;
  for (c = s->first_child[v]; c != NONE; c = s->next_sibling[c]) {
    passive |= rel_is(s, c, "nsubj:pass") || rel_is(s, c, "aux:pass");
    has_obj |= rel_is(s, c, "obj");
  }
  for (c = s->first_child[v]; c != NONE; c = s->next_sibling[c]) {
    int hit;
    if (passive && strcmp(slot, "nsubj") == 0)
      hit = fills(s, c, "obl:by") || rel_is(s, c, "obl:agent");
    else if (passive && strcmp(slot, "obj") == 0)
      hit = rel_is(s, c, "nsubj:pass");
    else if (strcmp(slot, "obj") == 0 && !has_obj && bare_obl_name(s, c))
      hit = 1;
    else
      hit = fills(s, c, slot);
    if (hit)
      add_with_conjuncts(s, c, args, n);
  }
}

/* A relative pronoun ("who", "which", "that") stands for the noun its
 * clause modifies. */
static int antecedent(const sent *s, int i)
{
  int h = head_of(s, i);
  if (s->w[i].feats && strstr(s->w[i].feats, "PronType=Rel") && h != NONE &&
      rel_is(s, h, "acl:relcl") && head_of(s, h) != NONE)
    return head_of(s, h);
  return i;
}

/* "X expressed willingness to accept": an infinitive clause the parser
 * hung on the verb; its subject is the verb's. */
static int infinitival_advcl(const sent *s, int v)
{
  int c;
  if (!rel_is(s, v, "advcl"))
    return 0;
  for (c = s->first_child[v]; c != NONE; c = s->next_sibling[c])
    if (rel_is(s, c, "mark") && is_lemma(s, c, "to"))
      return 1;
  return 0;
}

/* The agent of the object noun of verb H that stands just before the
 * infinitive V hung on H: its possessor or "of" phrase, when that names
 * an entity or a group. Added to ARGS; 0 when there is none. */
static int nominal_controller(const sent *s, int h, int v, int *args, size_t *n)
{
  int o, c;
  for (o = s->first_child[h]; o != NONE; o = s->next_sibling[o]) {
    if (!rel_is(s, o, "obj") || o > v || s->mention[o] != NONE || !s->w[o].upos ||
        strcmp(s->w[o].upos, "NOUN") != 0)
      continue;
    for (c = s->first_child[o]; c != NONE; c = s->next_sibling[c]) {
      const char *prep = case_lemma(s, c);
      if ((rel_is(s, c, "nmod:poss") || (base_rel_is(s, c, "nmod") && prep && !strcmp(prep, "of"))) &&
          (s->mention[c] != NONE || s->group_at[c] != NONE)) {
        add_with_conjuncts(s, c, args, n);
        return 1;
      }
    }
  }
  return 0;
}

/* "X, attending the talks, said": a participle clause on a verb, with no
 * subject of its own, is about the verb's subject. (On a noun it is about
 * the noun: see inherited_subjects().) */
static int participial_advcl(const sent *s, int v)
{
  int h = head_of(s, v);
  const char *hu = h != NONE ? s->w[h].upos : NULL;
  return rel_is(s, v, "advcl") && s->w[v].xpos &&
         (strcmp(s->w[v].xpos, "VBG") == 0 || strcmp(s->w[v].xpos, "VBN") == 0) &&
         !(hu && (strcmp(hu, "NOUN") == 0 || strcmp(hu, "PROPN") == 0));
}

/* Subjects of V when it has none of its own: control and raising
 * ("X agreed to resume"), a noun's possessor ("its willingness to
 * accept"), a shared subject of coordinated verbs ("X arrived and met"),
 * and the noun a participle or relative clause modifies. */
static void inherited_subjects(const sent *s, int v, int *args, size_t *n, int depth)
{
  int h = head_of(s, v);
  if (h == NONE || depth > CONTROL_DEPTH)
    return;
  if (rel_is(s, v, "xcomp") || rel_is(s, v, "conj") || infinitival_advcl(s, v) ||
      participial_advcl(s, v)) {
    size_t before = *n;
    int c;
    /* "X welcomed Y's decision to withdraw", "X reiterated the commitment
     * of Y to work": the infinitive's agent is the agent of the noun
     * before it, where the parser hung the infinitive on the verb. */
    if (!rel_is(s, v, "conj") && nominal_controller(s, h, v, args, n))
      return;
    /* The governor's surface subject, active or passive: "X is expected
     * to attend" (raising). */
    for (c = s->first_child[h]; c != NONE; c = s->next_sibling[c])
      if (rel_is(s, c, "nsubj") || rel_is(s, c, "nsubj:pass"))
        add_with_conjuncts(s, c, args, n);
    if (*n == before)
      inherited_subjects(s, h, args, n, depth + 1);
    return;
  }
  /* A participle on a noun, which the parser may call an advcl when
   * commas set it off: "Jane Roe, attending the talks, said". */
  if (base_rel_is(s, v, "acl") ||
      (rel_is(s, v, "advcl") && s->w[h].upos &&
       (strcmp(s->w[h].upos, "NOUN") == 0 || strcmp(s->w[h].upos, "PROPN") == 0))) {
    size_t before = *n;
    int c;
    /* "its willingness to accept": the possessor of the noun. */
    for (c = s->first_child[h]; c != NONE; c = s->next_sibling[c])
      if (rel_is(s, c, "nmod:poss"))
        add_with_conjuncts(s, c, args, n);
    /* "officials attending the talks": the noun itself; so too for a
     * clause the parser hung on a name ("X, although in Vienna, did not
     * attend"), whatever the verb's form. */
    if (*n == before && !rel_is(s, v, "acl:relcl") &&
        ((s->w[v].xpos &&
          (strcmp(s->w[v].xpos, "VBG") == 0 || strcmp(s->w[v].xpos, "VBN") == 0)) ||
         (rel_is(s, v, "advcl") && s->mention[h] != NONE)))
      add_arg(args, n, h);
    /* "the willingness ... expressed by X": the noun's governor's subject. */
    if (*n == before && (rel_is(s, h, "obj") || rel_is(s, h, "nsubj")) && head_of(s, h) != NONE)
      slot_dependents(s, head_of(s, h), "nsubj", args, n);
  }
}

/* When the parser found no subject for V, the agent named nearest before
 * V inside V's own clause, outside prepositional phrases, is taken: the
 * parser often misattaches a subject that a long title precedes. */
static const tkgp_entity_ref *entity_at(const sent *s, int i);
static void subtree(const sent *s, int i, int *lo, int *hi);

static void misattached_subject(const sent *s, int v, int *args, size_t *n)
{
  int lo = v, hi = v, i;
  subtree(s, v, &lo, &hi);
  for (i = v - 1; i >= lo; i--) {
    const tkgp_entity_ref *e;
    int h, inside = 0;
    if (s->mention[i] == NONE || !(e = entity_at(s, i)))
      continue;
    if (e->cls != TKGP_CLASS_PERSON && e->cls != TKGP_CLASS_ORGANIZATION &&
        e->cls != TKGP_CLASS_COUNTRY)
      continue;
    /* Within V's subtree, not under a preposition or another verb, and
     * not V's object. */
    for (h = i; h != NONE && h != v; h = head_of(s, h)) {
      if (case_lemma(s, h) || (h != i && s->w[h].upos && strcmp(s->w[h].upos, "VERB") == 0))
        break;
      if (head_of(s, h) == v && (base_rel_is(s, h, "obj") || base_rel_is(s, h, "iobj")))
        break;
    }
    inside = h == v;
    if (inside) {
      add_arg(args, n, i);
      return;
    }
  }
}

/* Words that fill SLOT of predicate V. */
static void slot_words(const sent *s, int v, const char *slot, int *args, size_t *n)
{
  size_t k, before = *n;
  if (strcmp(slot, "self") == 0) {
    add_arg(args, n, v);
    return;
  }
  if (strcmp(slot, "head:appos") == 0) {
    /* "X, a German citizen": the noun the predicate is in apposition to. */
    if (base_rel_is(s, v, "appos") && head_of(s, v) != NONE)
      add_arg(args, n, head_of(s, v));
    return;
  }
  if (strncmp(slot, "governor:", 9) == 0) {
    /* What the verb a noun depends on has in that slot, when no earlier
     * slot gave one: the noun's implicit agent ("governor:nsubj": "worked
     * towards the completion of X"), or a phrase of the noun the parser
     * hung on the verb ("governor:obl:from": "rejected the plan from X"). */
    int h = head_of(s, v);
    if (*n == 0 && h != NONE && s->w[h].upos && strcmp(s->w[h].upos, "VERB") == 0 &&
        (base_rel_is(s, v, "obj") || base_rel_is(s, v, "obl")))
      slot_words(s, h, slot + 9, args, n);
    return;
  }
  slot_dependents(s, v, slot, args, n);
  if (*n == before && strcmp(slot, "nsubj") == 0)
    inherited_subjects(s, v, args, n, 0);
  for (k = before; k < *n; k++)
    args[k] = antecedent(s, args[k]);
}

/* ---- qualifiers ------------------------------------------------------------- */

static int negated_here(const sent *s, int v)
{
  int c, g;
  for (c = s->first_child[v]; c != NONE; c = s->next_sibling[c]) {
    if ((rel_is(s, c, "advmod") || base_rel_is(s, c, "neg")) &&
        (is_lemma(s, c, "not") || is_lemma(s, c, "never") || is_lemma(s, c, "n't")))
      return 1;
    /* "no longer works": what held holds no more. */
    if (rel_is(s, c, "advmod") && (is_lemma(s, c, "long") || is_lemma(s, c, "longer")))
      for (g = s->first_child[c]; g != NONE; g = s->next_sibling[g])
        if (is_lemma(s, g, "no"))
          return 1;
  }
  return 0;
}

/* The verb a noun predicate is the object or oblique of ("refused talks
 * with X", "did not hold talks"), which qualifies it as its own clause
 * would; NONE for anything else. */
static int governing_verb(const sent *s, int v)
{
  int h = head_of(s, v);
  if (h == NONE || !s->w[v].upos || strcmp(s->w[v].upos, "NOUN") != 0 || !s->w[h].upos ||
      strcmp(s->w[h].upos, "VERB") != 0 || !(base_rel_is(s, v, "obj") || base_rel_is(s, v, "obl")))
    return NONE;
  return h;
}

/* V is negated, or governed (up the control chain) by a negated verb or
 * by a verb that denies what it governs: "did not agree to attend",
 * "refused to accept", "failed to reach". */
static int negated(const sent *s, int v)
{
  int i = v, depth, g;
  if (negated_here(s, v))
    return 1;
  if ((g = governing_verb(s, v)) != NONE) {
    if (negated_here(s, g) ||
        in_list(s->lex->denials.lemmas, s->lex->denials.n_lemmas, s->w[g].lemma))
      return 1;
    i = g;
  }
  for (depth = 0; depth < CONTROL_DEPTH && head_of(s, i) != NONE; depth++) {
    int h = head_of(s, i);
    if (!(rel_is(s, i, "xcomp") || infinitival_advcl(s, i)))
      break;
    if (negated_here(s, h) ||
        in_list(s->lex->denials.lemmas, s->lex->denials.n_lemmas, s->w[h].lemma))
      return 1;
    i = h;
  }
  return 0;
}

static const char *modality_of_lemma(const sent *s, int i)
{
  size_t k;
  for (k = 0; k < s->lex->n_modals; k++)
    if (in_list(s->lex->modals[k].lemmas, s->lex->modals[k].n_lemmas, s->w[i].lemma))
      return s->lex->modals[k].value;
  return NULL;
}

/* A modal auxiliary of V, or a governing modal word up the control chain
 * ("willing to accept", "its willingness to accept", "plans to visit"). */
static const char *modality(const sent *s, int v)
{
  int c, i = v, depth, g;
  for (c = s->first_child[v]; c != NONE; c = s->next_sibling[c])
    if ((rel_is(s, c, "aux") || rel_is(s, c, "advmod")) && modality_of_lemma(s, c))
      return modality_of_lemma(s, c);
  if ((g = governing_verb(s, v)) != NONE) {
    /* "wants talks with X", "may hold talks with X" */
    if (modality_of_lemma(s, g))
      return modality_of_lemma(s, g);
    for (c = s->first_child[g]; c != NONE; c = s->next_sibling[c])
      if ((rel_is(s, c, "aux") || rel_is(s, c, "advmod")) && modality_of_lemma(s, c))
        return modality_of_lemma(s, c);
    i = g;
  }
  for (depth = 0; depth < CONTROL_DEPTH && head_of(s, i) != NONE; depth++) {
    int h = head_of(s, i);
    if (!(rel_is(s, i, "xcomp") || base_rel_is(s, i, "acl") || rel_is(s, i, "ccomp") ||
          infinitival_advcl(s, i)))
      break;
    if (modality_of_lemma(s, h))
      return modality_of_lemma(s, h);
    /* "aux": "may"; "obj": "expressed its willingness to accept", where
     * the infinitive hangs on the verb beside the modal noun. */
    for (c = s->first_child[h]; c != NONE; c = s->next_sibling[c])
      if ((rel_is(s, c, "aux") || (rel_is(s, c, "obj") && c < v)) && modality_of_lemma(s, c))
        return modality_of_lemma(s, c);
    i = h;
  }
  return NULL;
}

/* Bounds of the subtree of I, in words. */
static void subtree(const sent *s, int i, int *lo, int *hi)
{
  int c;
  if (i < *lo)
    *lo = i;
  if (i > *hi)
    *hi = i;
  for (c = s->first_child[i]; c != NONE; c = s->next_sibling[c])
    subtree(s, c, lo, hi);
}

static const char *words_text(const sent *s, int lo, int hi)
{
  /* Leave out punctuation at either end: ", subject to X ," */
  while (lo < hi && s->tok[lo].flags & TKGP_TOKEN_PUNCT)
    lo++;
  while (hi > lo && s->tok[hi].flags & TKGP_TOKEN_PUNCT)
    hi--;
  return tkgp_arena_strndup(s->arena, s->in->text + s->tok[lo].start,
                            s->tok[hi].end - s->tok[lo].start);
}

/* A condition on V or on its object: a clause "if ...", "provided that
 * ...", or a phrase "subject to ...", "conditional on ...". The text of the
 * condition, or NULL. Searched in the subtrees of V's dependents, since
 * the parser may attach "subject to X" to the verb or to its object. */
static const char *condition_below(const sent *s, int v, int i, int depth);

/* Whether word I introduces a condition: a listed word used as a clause
 * marker ("if", "unless", "provided that"), or heading its own phrase
 * with the preposition it needs ("subject to X", "conditional on X", "on
 * condition that"). "despite the conditions" is none. */
static int condition_trigger(const sent *s, int i)
{
  int c;
  char low[16];
  size_t k, n = strlen(s->w[i].form);
  int listed = in_list(s->lex->conditions.lemmas, s->lex->conditions.n_lemmas, s->w[i].lemma);
  if (!listed && n < sizeof low) {
    /* "provided", "providing": the lexicon lists the form, the tagger
     * gives the lemma "provide". */
    for (k = 0; k <= n; k++)
      low[k] = (char)(s->w[i].form[k] >= 'A' && s->w[i].form[k] <= 'Z' ? s->w[i].form[k] + 32
                                                                       : s->w[i].form[k]);
    listed = in_list(s->lex->conditions.lemmas, s->lex->conditions.n_lemmas, low);
  }
  if (!listed)
    return 0;
  if (rel_is(s, i, "mark") || is_lemma(s, i, "if") || is_lemma(s, i, "unless"))
    return 1;
  for (c = s->first_child[i]; c != NONE; c = s->next_sibling[c]) {
    const char *prep = case_lemma(s, c);
    if (rel_is(s, c, "case") && (is_lemma(s, c, "on") || is_lemma(s, c, "upon")))
      return 1; /* "on condition" */
    if (prep && (strcmp(prep, "to") == 0 || strcmp(prep, "on") == 0 || strcmp(prep, "upon") == 0))
      return 1; /* "subject to X", "conditional on X" */
    if (rel_is(s, c, "ccomp") || rel_is(s, c, "advcl") || rel_is(s, c, "mark"))
      return 1; /* "provided (that) X does" */
  }
  return 0;
}

static const char *condition(const sent *s, int v)
{
  int c;
  const char *found;
  for (c = s->first_child[v]; c != NONE; c = s->next_sibling[c])
    if ((found = condition_below(s, v, c, 0)))
      return found;
  return NULL;
}

/* A condition trigger in the subtree of I (below predicate V), searched
 * depth first to a bounded depth, so the cost stays linear in the clause. */
static const char *condition_below(const sent *s, int v, int i, int depth)
{
  int c;
  const char *found;
  if (depth > 6)
    return NULL;
  if (condition_trigger(s, i)) {
    int lo, hi, anchor;
    /* "if"/"provided" mark a clause: the condition is that clause; "subject"
     * and "conditional" head their phrase. */
    anchor = rel_is(s, i, "mark") && head_of(s, i) != NONE ? head_of(s, i) : i;
    lo = hi = anchor;
    subtree(s, anchor, &lo, &hi);
    if (rel_is(s, i, "mark") && i < lo)
      lo = i;
    if (anchor != v)
      return words_text(s, lo, hi);
  }
  for (c = s->first_child[i]; c != NONE; c = s->next_sibling[c])
    if ((found = condition_below(s, v, c, depth + 1)))
      return found;
  return NULL;
}

/* ---- time ----------------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * algorithm), and back. */
static long days_from_civil(long y, long m, long d)
{
  long era, yoe, doy, doe;
  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, long *m, long *d)
{
  long era, doe, yoe, doy, mp;
  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp + (mp < 10 ? 3 : -9);
  *y = yoe + era * 400 + (*m <= 2);
}

static const char *const weekdays[] = {"monday", "tuesday", "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};
static const char *const months[] = {"january", "february", "march", "april", "may", "june",
                                     "july", "august", "september", "october",
                                     "november", "december"};

static int index_of(const char *const *names, int n, const char *lemma)
{
  int i;
  char low[16];
  size_t k;
  if (!lemma || strlen(lemma) >= sizeof low)
    return -1;
  for (k = 0; lemma[k]; k++)
    low[k] = (char)(lemma[k] >= 'A' && lemma[k] <= 'Z' ? lemma[k] + 32 : lemma[k]);
  low[k] = '\0';
  for (i = 0; i < n; i++)
    if (strcmp(names[i], low) == 0)
      return i;
  return -1;
}

/* The time word I names, normalized against the document's date:
 * a weekday is the last such day on or before the date (news tells of
 * the past), "yesterday"/"today"/"tomorrow" are days, "last/next week" an
 * ISO week, "last/next month" a month, "March 11" a day of the date's year.
 * Without a date, or for anything else, the words as written. */
static const char *time_value(const sent *s, int i)
{
  long y, m, d, today;
  int wd = index_of(weekdays, 7, s->w[i].lemma), mo = index_of(months, 12, s->w[i].lemma);
  const char *date = s->in->date;
  char buf[32];
  int c, lo = i, hi = i;

  if (date && sscanf(date, "%ld-%ld-%ld", &y, &m, &d) == 3) {
    today = days_from_civil(y, m, d);
    if (wd >= 0) {
      long dow = ((today % 7) + 7 + 3) % 7; /* 1970-01-01 was a Thursday (3) */
      long back = (dow - wd + 7) % 7;
      civil_from_days(today - back, &y, &m, &d);
      snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y, m, d);
      return tkgp_arena_strndup(s->arena, buf, strlen(buf));
    }
    if (is_lemma(s, i, "yesterday") || is_lemma(s, i, "today") || is_lemma(s, i, "tomorrow")) {
      civil_from_days(today + (is_lemma(s, i, "yesterday") ? -1 : is_lemma(s, i, "tomorrow")),
                      &y, &m, &d);
      snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y, m, d);
      return tkgp_arena_strndup(s->arena, buf, strlen(buf));
    }
    if (is_lemma(s, i, "week") || is_lemma(s, i, "month")) {
      int dir = 0;
      for (c = s->first_child[i]; c != NONE; c = s->next_sibling[c])
        dir = is_lemma(s, c, "last") || is_lemma(s, c, "past") ? -1
              : is_lemma(s, c, "next") || is_lemma(s, c, "coming") ? 1 : dir;
      if (dir && is_lemma(s, i, "week")) {
        /* The ISO week of the day a week away. */
        long day = today + 7 * dir, dow = ((day % 7) + 7 + 3) % 7;
        long thursday = day - dow + 3, wy, wm, wdd, jan1, week;
        civil_from_days(thursday, &wy, &wm, &wdd);
        jan1 = days_from_civil(wy, 1, 1);
        week = (thursday - jan1) / 7 + 1;
        snprintf(buf, sizeof buf, "%04ld-W%02ld", wy, week);
        return tkgp_arena_strndup(s->arena, buf, strlen(buf));
      }
      if (dir) {
        m += dir;
        if (m < 1) m = 12, y--;
        if (m > 12) m = 1, y++;
        snprintf(buf, sizeof buf, "%04ld-%02ld", y, m);
        return tkgp_arena_strndup(s->arena, buf, strlen(buf));
      }
    }
    if (mo >= 0) {
      long day = 0, year = y;
      for (c = s->first_child[i]; c != NONE; c = s->next_sibling[c])
        if (s->w[c].upos && strcmp(s->w[c].upos, "NUM") == 0) {
          long v = atol(s->w[c].form);
          if (v >= 1 && v <= 31)
            day = v;
          else if (v >= 1000 && v <= 9999)
            year = v;
        }
      if (day)
        snprintf(buf, sizeof buf, "%04ld-%02d-%02ld", year, mo + 1, day);
      else
        snprintf(buf, sizeof buf, "%04ld-%02d", year, mo + 1);
      return tkgp_arena_strndup(s->arena, buf, strlen(buf));
    }
  }
  subtree(s, i, &lo, &hi);
  /* The words of the time, not its preposition: "Monday", not "on Monday". */
  while (lo < i && (rel_is(s, lo, "case") || (s->tok[lo].flags & TKGP_TOKEN_PUNCT)))
    lo++;
  if (hi - lo > 4)
    return NULL;
  return words_text(s, lo, hi);
}

static int is_time_word(const sent *s, int i)
{
  static const char *const words[] = {"yesterday", "today", "tomorrow", "week", "month",
                                      "year", "weekend", "morning", "evening", "night"};
  const char *l = s->w[i].lemma;
  size_t k;
  if (index_of(weekdays, 7, l) >= 0 || index_of(months, 12, l) >= 0)
    return 1;
  for (k = 0; k < sizeof words / sizeof *words; k++)
    if (l && strcmp(l, words[k]) == 0)
      return 1;
  return 0;
}

/* When predicate V happens, if the clause says: a temporal dependent
 * ("on Tuesday", "last week", "in March"). */
static const char *time_of(const sent *s, int v)
{
  int c, g;
  for (c = s->first_child[v]; c != NONE; c = s->next_sibling[c]) {
    if (!(base_rel_is(s, c, "obl") || base_rel_is(s, c, "nmod") || rel_is(s, c, "advmod")))
      continue;
    if (is_time_word(s, c))
      return time_value(s, c);
    /* "met in Vienna on Tuesday": parsers often hang the time on the
     * place before it. */
    for (g = s->first_child[c]; g != NONE; g = s->next_sibling[g])
      if (base_rel_is(s, g, "nmod") && is_time_word(s, g))
        return time_value(s, g);
  }
  return NULL;
}

/* ---- mentions ------------------------------------------------------------------ */

/* The entity word I stands for: the mention covering it, else the mention
 * whose span holds I's head when I is a name inside it. */
static const tkgp_entity_ref *entity_at(const sent *s, int i)
{
  const tkgp_mention *m;
  if (s->mention[i] == NONE)
    return NULL;
  m = &s->list->mentions[s->mention[i]];
  /* A title before a name is the person in the clause: in "US Foreign
   * Minister Jane Roe attended", the parser may head the phrase on
   * "Minister", or even on "US". */
  if (s->title[i] != NONE && s->list->mentions[s->title[i]].holder >= 0)
    return &s->list->mentions[s->list->mentions[s->title[i]].holder].entity;
  return &m->entity;
}

static int class_allowed(const char *const *classes, size_t n, tkgp_entity_class cls)
{
  static const char *const iris[TKGP_CLASS_COUNT] = {
    TKGP_NS_SCHEMA "Person", TKGP_NS_SCHEMA "Organization", TKGP_NS_SCHEMA "Country",
    TKGP_NS_SCHEMA "City", TKGP_NS_SCHEMA "Place", TKGP_NS_SCHEMA "Event",
    TKGP_NS_TKG "Role", TKGP_NS_TKG "Meeting", TKGP_NS_TKG "Agreement",
    TKGP_NS_TKG "Proposal", TKGP_NS_TKG "Quotation", TKGP_NS_TKG "Activity",
  };
  size_t k;
  if (!n)
    return cls != TKGP_CLASS_ROLE;
  for (k = 0; k < n; k++) {
    if (strcmp(classes[k], iris[cls]) == 0)
      return 1;
    /* Superclasses the lexicon may name. */
    if (strcmp(classes[k], TKGP_NS_SCHEMA "Event") == 0 && cls == TKGP_CLASS_MEETING)
      return 1;
    if (strcmp(classes[k], TKGP_NS_SCHEMA "Place") == 0 &&
        (cls == TKGP_CLASS_COUNTRY || cls == TKGP_CLASS_CITY))
      return 1;
  }
  return 0;
}

static tkgp_entity_class event_class(const char *class_iri)
{
  if (strcmp(class_iri, TKGP_NS_TKG "Agreement") == 0)
    return TKGP_CLASS_AGREEMENT;
  if (strcmp(class_iri, TKGP_NS_TKG "Proposal") == 0)
    return TKGP_CLASS_PROPOSAL;
  if (strcmp(class_iri, TKGP_NS_TKG "Meeting") == 0)
    return TKGP_CLASS_MEETING;
  if (strcmp(class_iri, TKGP_NS_TKG "Activity") == 0)
    return TKGP_CLASS_ACTIVITY;
  return TKGP_CLASS_EVENT;
}

/* The class of event noun I, or TKGP_CLASS_COUNT when it is none. */
static tkgp_entity_class event_noun(const sent *s, int i)
{
  size_t k;
  const char *pos = s->w[i].upos;
  if (!pos || strcmp(pos, "NOUN") != 0)
    return TKGP_CLASS_COUNT;
  for (k = 0; k < s->lex->n_event_nouns; k++)
    if (in_list(s->lex->event_nouns[k].lemmas, s->lex->event_nouns[k].n_lemmas, s->w[i].lemma))
      return event_class(s->lex->event_nouns[k].value);
  return TKGP_CLASS_COUNT;
}

/* Modifiers that say nothing of what an agreement is about: two "new
 * deals" of one article may be two deals. */
static const char *const vague_modifiers[] = {
  "new", "old", "final", "possible", "potential", "proposed", "previous", "current",
  "recent", "first", "second", "last", "next", "same", "such", "other", "full", "partial",
  "temporary", "permanent", "interim", "initial", "formal", "whole", "entire", "broad",
  "critical", "important", "major", "key", "historic", "landmark", "comprehensive",
  "lasting", "further", "long", "short", NULL};

/* Whether C is a relative clause set off by a comma ("the deal, which was
 * negotiated for months"): it says more of a thing named before, where
 * one without the comma ("the deal that X proposed") may pick another. */
static int nonrestrictive_relative(const sent *s, int c)
{
  int lo = c, hi = c;
  if (!rel_is(s, c, "acl:relcl"))
    return 0;
  subtree(s, c, &lo, &hi);
  return strcmp(s->w[lo].form, ",") == 0 || (lo > 0 && strcmp(s->w[lo - 1].form, ",") == 0);
}

/* Record what the agreement or proposal mention INDEX, on noun I, is
 * about: the lemmas of the nouns and adjectives that modify it. */
static int note_topic(sent *s, int i, size_t index)
{
  event_topic *t;
  int c, g;
  size_t k;
  if (reserve((void **)&s->topics, &s->cap_topics, s->n_topics, sizeof *s->topics) < 0)
    return TKG_ENOMEM;
  t = &s->topics[s->n_topics];
  memset(t, 0, sizeof *t);
  t->mention = index;
  t->cluster = s->n_topics++;
  for (k = 0; k < s->lex->n_event_nouns; k++)
    if (in_list(s->lex->event_nouns[k].lemmas, s->lex->event_nouns[k].n_lemmas, s->w[i].lemma))
      t->canonical = strcmp(s->lex->event_nouns[k].lemmas[0], s->w[i].lemma) == 0;
  t->bare_definite = 1;
  for (c = s->first_child[i]; c != NONE; c = s->next_sibling[c]) {
    if (rel_is(s, c, "det") && (is_lemma(s, c, "this") || is_lemma(s, c, "that")))
      t->demonstrative = 1;
    if (!(rel_is(s, c, "det") && is_lemma(s, c, "the")) && !base_rel_is(s, c, "punct") &&
        !rel_is(s, c, "case") && !nonrestrictive_relative(s, c))
      t->bare_definite = 0;
    if (!(rel_is(s, c, "compound") || rel_is(s, c, "amod")) ||
        (s->mention[c] != NONE && s->mention[c] != (long)index))
      continue; /* a name ("the Paris agreement") is no topic word */
    /* "coastal fisheries agreement": a compound's own modifiers too. */
    for (g = c; g != NONE; g = g == c ? s->first_child[c] : s->next_sibling[g]) {
      if (g != c && !rel_is(s, g, "compound") && !rel_is(s, g, "amod"))
        continue;
      if (!s->w[g].lemma || t->n_lemmas == TOPIC_MAX ||
          in_list(vague_modifiers, sizeof vague_modifiers / sizeof *vague_modifiers - 1,
                  s->w[g].lemma))
        continue;
      if (is_lemma(s, g, "day") || is_lemma(s, g, "week") || is_lemma(s, g, "month") ||
          is_lemma(s, g, "year") || is_lemma(s, g, "hour")) {
        /* "a 60-day truce" and "a 90-day deal" share no topic: a duration
         * counts with its number. */
        const tkgp_nlp_word *num = NULL;
        int d;
        char *key;
        for (d = s->first_child[g]; d != NONE; d = s->next_sibling[d])
          if (rel_is(s, d, "nummod"))
            num = &s->w[d];
        if (!num)
          continue;
        key = tkgp_arena_alloc(s->arena, strlen(num->form) + strlen(s->w[g].lemma) + 2);
        if (!key)
          return TKG_ENOMEM;
        sprintf(key, "%s-%s", num->form, s->w[g].lemma);
        t->lemmas[t->n_lemmas++] = key;
        continue;
      }
      t->lemmas[t->n_lemmas++] = s->w[g].lemma;
    }
  }
  return 0;
}

static size_t topic_root(event_topic *topics, size_t k)
{
  while (topics[k].cluster != k)
    k = topics[k].cluster = topics[topics[k].cluster].cluster;
  return k;
}

static int topics_share(const event_topic *a, const event_topic *b)
{
  size_t i, j;
  for (i = 0; i < a->n_lemmas; i++)
    for (j = 0; j < b->n_lemmas; j++)
      if (strcmp(a->lemmas[i], b->lemmas[j]) == 0)
        return 1;
  return 0;
}

#define TOPIC_WINDOW 64 /* earlier mentions of the class compared with each */

/* After pass 1: agreement (and proposal) mentions of one class that share
 * a modifier ("the coastal fisheries agreement", "this fisheries deal",
 * "the fisheries agreement"), or a demonstrative or bare definite one
 * ("this deal", "the accord") and the mention before it, are one entity. It is named by the mention whose
 * modifiers the others share, with the class's own noun ("agreement"
 * rather than "deal"), else by its first mention. */
static int by_u64(const void *a, const void *b)
{
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return (x > y) - (x < y);
}

#define TOPIC_LEMMAS 64 /* distinct modifiers counted in one cluster */

static int unify_topics(sent *s)
{
  size_t k, j, back, end;
  uint64_t *order;
  for (k = 0; k < s->n_topics; k++) {
    const tkgp_entity_class cls = s->list->mentions[s->topics[k].mention].entity.cls;
    for (j = k, back = 0; j-- > 0 && back < TOPIC_WINDOW;) {
      if (s->list->mentions[s->topics[j].mention].entity.cls != cls)
        continue;
      back++;
      if (topics_share(&s->topics[k], &s->topics[j]) ||
          (back == 1 && (s->topics[k].demonstrative || s->topics[k].bare_definite) &&
           !s->topics[k].n_lemmas)) {
        s->topics[topic_root(s->topics, k)].cluster = topic_root(s->topics, j);
        if (!topics_share(&s->topics[k], &s->topics[j]))
          break;
      }
    }
  }
  /* Name each cluster: members are visited cluster by cluster, in text
   * order within each (an index sorted by root, then position). */
  order = malloc((s->n_topics + 1) * sizeof *order);
  if (!order)
    return TKG_ENOMEM;
  for (k = 0; k < s->n_topics; k++)
    order[k] = ((uint64_t)topic_root(s->topics, k) << 32) | k;
  qsort(order, s->n_topics, sizeof *order, by_u64);
  for (k = 0; k < s->n_topics; k = end) {
    size_t root = (size_t)(order[k] >> 32), best = (size_t)-1;
    const char *lemma[TOPIC_LEMMAS];
    int count[TOPIC_LEMMAS], best_score = -1;
    size_t n_lemma = 0, i, l;
    for (end = k; end < s->n_topics && (size_t)(order[end] >> 32) == root; end++)
      ;
    if (end - k < 2)
      continue;
    /* How many members carry each modifier. */
    for (j = k; j < end; j++) {
      const event_topic *t = &s->topics[order[j] & 0xffffffffu];
      for (i = 0; i < t->n_lemmas; i++) {
        for (l = 0; l < n_lemma && strcmp(lemma[l], t->lemmas[i]) != 0; l++)
          ;
        if (l == n_lemma && n_lemma < TOPIC_LEMMAS) {
          lemma[n_lemma] = t->lemmas[i];
          count[n_lemma++] = 0;
        }
        if (l < n_lemma)
          count[l]++;
      }
    }
    for (j = k; j < end; j++) {
      size_t at = (size_t)(order[j] & 0xffffffffu);
      const event_topic *t = &s->topics[at];
      int shared = t->n_lemmas > 0, score;
      for (i = 0; i < t->n_lemmas; i++) {
        for (l = 0; l < n_lemma && strcmp(lemma[l], t->lemmas[i]) != 0; l++)
          ;
        if (l == n_lemma || count[l] < 2)
          shared = 0;
      }
      score = 2 * shared + t->canonical;
      if (score > best_score) {
        best_score = score;
        best = at;
      }
    }
    for (j = k; j < end; j++) {
      size_t at = (size_t)(order[j] & 0xffffffffu);
      if (at != best)
        s->list->mentions[s->topics[at].mention].entity =
            s->list->mentions[s->topics[best].mention].entity;
    }
  }
  free(order);
  return 0;
}

/* "subject to Russia's agreement": an agreement noun with only a
 * possessor (no topic, no other party, no "the") is that party's consent,
 * not an agreement between parties. */
static int consent(const sent *s, int i)
{
  int c, possessor = 0;
  for (c = s->first_child[i]; c != NONE; c = s->next_sibling[c]) {
    if (rel_is(s, c, "nmod:poss"))
      possessor = 1;
    else if (rel_is(s, c, "compound") || rel_is(s, c, "amod") || base_rel_is(s, c, "nmod") ||
             rel_is(s, c, "acl:relcl") || is_lemma(s, c, "the"))
      return 0;
  }
  return possessor;
}

/* Lowercase the ASCII letters of S in place: labels of meetings,
 * agreements and activities are written in lowercase. */
static void lowercase_ascii(char *s)
{
  for (; *s; s++)
    if (*s >= 'A' && *s <= 'Z')
      *s = (char)(*s + 32);
}

/* An activity is named with what it acts on when an "of" phrase says it
 * in up to three words: "the exchange of seed samples with X" is
 * "exchange of seed samples", not "exchange". LABEL is the
 * noun's label so far; NULL only when out of memory. */
static char *activity_label(const sent *s, int i, char *label)
{
  int c, lo, hi;
  const char *what;
  char *named;
  for (c = s->first_child[i]; c != NONE; c = s->next_sibling[c]) {
    const char *prep = case_lemma(s, c);
    if (!base_rel_is(s, c, "nmod") || !prep || strcmp(prep, "of") != 0 || c < i)
      continue;
    /* the object noun with its modifiers before it, not its own phrases:
     * "seed samples" of "seed samples with X" */
    lo = hi = c;
    subtree(s, c, &lo, &hi);
    hi = c;
    while (lo < c && (rel_is(s, lo, "case") || rel_is(s, lo, "det") ||
                      head_of(s, lo) > c || s->tok[lo].flags & TKGP_TOKEN_PUNCT))
      lo++;
    if (hi - lo > 2)
      return label;
    if (!(what = words_text(s, lo, hi)))
      return NULL;
    named = tkgp_arena_alloc(s->arena, strlen(label) + strlen(what) + 5);
    if (!named)
      return NULL;
    sprintf(named, "%s of %s", label, what);
    lowercase_ascii(named);
    return named;
  }
  return label;
}

/* Whether some frame of the lexicon reads predicate LEMMA. */
static int has_frame(const sent *s, const char *lemma)
{
  size_t f;
  for (f = 0; lemma && f < s->lex->n_frames; f++)
    if (in_list(s->lex->frames[f].lemmas, s->lex->frames[f].n_lemmas, lemma))
      return 1;
  return 0;
}

/* Add a mention of KIND and entity REF over words [LO, HI], and make it
 * the mention of the words no other mention holds. Its index goes to
 * *INDEX. */
static int add_span_mention(sent *s, tkgp_mention_kind kind, const tkgp_entity_ref *ref,
                            int lo, int hi, size_t *index)
{
  int c;
  if (tkgp_mentions_add(s->list, s->tok[lo].start, s->tok[hi].end, s->index, kind, ref,
                        index) < 0)
    return TKG_ENOMEM;
  for (c = lo; c <= hi; c++)
    if (s->mention[c] == NONE)
      s->mention[c] = (long)*index;
  return 0;
}

/* Add a nominal mention of class CLS over words [LO, HI], named LABEL (an
 * arena string, lowercased here); an agreement or proposal with the topic
 * of word HEAD, so that a later "the deal" or "the offer" can be it
 * (unify_topics()). Its index goes to *INDEX when not NULL. */
static int add_nominal(sent *s, tkgp_entity_class cls, char *label, int lo, int hi, int head,
                       size_t *index)
{
  tkgp_entity_ref ref;
  size_t at;
  lowercase_ascii(label);
  memset(&ref, 0, sizeof ref);
  ref.cls = cls;
  ref.scope = s->in->scope;
  ref.label = label;
  if (add_span_mention(s, TKGP_MENTION_NOMINAL, &ref, lo, hi, &at) < 0)
    return TKG_ENOMEM;
  if (index)
    *index = at;
  if (cls == TKGP_CLASS_AGREEMENT || cls == TKGP_CLASS_PROPOSAL)
    return note_topic(s, head, at);
  return 0;
}

/* "X and Y agreed to reopen the border": what they agreed to do is an
 * agreement of its own, named "agreement to" and the infinitive with its
 * object ("agreement to reopen the border"); AgreeFrame reads it through
 * the slots "xcomp" and "advcl". Not when the infinitive has a frame of its
 * own ("agreed to meet", "agreed to resume aid": that relation says it),
 * nor when the verb has an object ("agreed a deal"). So too what is
 * offered or proposed ("X offered to host talks": "proposal to host
 * talks", read by ProposeFrame), whether or not the infinitive has a frame:
 * the offer is a thing of its own, which others accept or reject. */
static const struct clause_noun {
  const char *lemma;
  tkgp_entity_class cls;
  const char *prefix; /* of the label */
  int unless_framed;  /* not when the infinitive has a frame */
} clause_nouns[] = {
  {"agree", TKGP_CLASS_AGREEMENT, "agreement to ", 1},
  {"offer", TKGP_CLASS_PROPOSAL, "proposal to ", 0},
  {"propose", TKGP_CLASS_PROPOSAL, "proposal to ", 0},
};

static int add_clause_nodes(sent *s)
{
  int v, x, c;
  size_t k;
  for (v = 0; v < (int)s->n; v++) {
    int lo, hi, has_to = 0, has_object = 0;
    const struct clause_noun *cn = NULL;
    const char *what;
    char *label;
    if (!s->w[v].upos || strcmp(s->w[v].upos, "VERB") != 0)
      continue;
    for (k = 0; k < sizeof clause_nouns / sizeof *clause_nouns && !cn; k++)
      if (is_lemma(s, v, clause_nouns[k].lemma))
        cn = &clause_nouns[k];
    if (!cn)
      continue;
    for (x = NONE, c = s->first_child[v]; c != NONE; c = s->next_sibling[c]) {
      if ((rel_is(s, c, "xcomp") || infinitival_advcl(s, c)) && s->w[c].upos &&
          strcmp(s->w[c].upos, "VERB") == 0)
        x = c; /* an advcl when a phrase stands between: "agreed on Monday to" */
      has_object |= base_rel_is(s, c, "obj");
    }
    if (x == NONE || has_object || s->mention[x] != NONE ||
        (cn->unless_framed && has_frame(s, s->w[x].lemma)))
      continue;
    for (c = s->first_child[x]; c != NONE; c = s->next_sibling[c])
      has_to |= rel_is(s, c, "mark") && is_lemma(s, c, "to");
    if (!has_to)
      continue;
    /* the verb, its particle and its object: not its conditions or times */
    lo = hi = x;
    for (c = s->first_child[x]; c != NONE; c = s->next_sibling[c])
      if (base_rel_is(s, c, "obj") || rel_is(s, c, "compound:prt"))
        subtree(s, c, &lo, &hi);
    if (lo < x)
      continue;
    if (!(what = words_text(s, x, hi)) ||
        !(label = tkgp_arena_alloc(s->arena, strlen(what) + strlen(cn->prefix) + 1)))
      return TKG_ENOMEM;
    sprintf(label, "%s%s", cn->prefix, what);
    if (add_nominal(s, cn->cls, label, x, hi, x, NULL) < 0)
      return TKG_ENOMEM;
  }
  return 0;
}

/* "X proposed a joint commission": a thing proposed that is no proposal
 * noun is a proposal node of its own, named by the noun and the words
 * before it that modify it ("joint commission"). ProposeFrame then reads
 * it as its object. */
static int add_proposed_things(sent *s)
{
  static const char *const proposing[] = {"propose", "suggest", NULL};
  int v, c;
  for (v = 0; v < (int)s->n; v++) {
    int n, lo, m;
    char *label;
    size_t k;
    if (!s->w[v].upos || strcmp(s->w[v].upos, "VERB") != 0)
      continue;
    for (k = 0; proposing[k] && !is_lemma(s, v, proposing[k]); k++)
      ;
    if (!proposing[k])
      continue;
    for (n = NONE, c = s->first_child[v]; c != NONE; c = s->next_sibling[c])
      if (base_rel_is(s, c, "obj") && s->w[c].upos && strcmp(s->w[c].upos, "NOUN") == 0)
        n = c;
    if (n == NONE || s->mention[n] != NONE)
      continue;
    lo = n;
    for (m = n - 1; m >= 0 && head_of(s, m) == n && s->mention[m] == NONE &&
                    (rel_is(s, m, "amod") || rel_is(s, m, "compound") || rel_is(s, m, "nummod"));
         m--)
      lo = m;
    if (!(label = tkgp_arena_strndup(s->arena, s->in->text + s->tok[lo].start,
                                     s->tok[n].end - s->tok[lo].start)) ||
        add_nominal(s, TKGP_CLASS_PROPOSAL, label, lo, n, n, NULL) < 0)
      return TKG_ENOMEM;
  }
  return 0;
}

/* Mentions of meetings, agreements and proposals: the noun with its
 * compound modifiers ("the fisheries deal"), labelled by those words as
 * written, lowercased; an activity with its "of" phrase. */
static const tkgp_entity_ref *entity_at(const sent *s, int i);

static int add_event_mentions(sent *s, long *meeting_mentions, size_t *n_meeting, long *placed)
{
  int i;
  for (i = 0; i < (int)s->n; i++) {
    tkgp_entity_class cls = event_noun(s, i);
    int lo = i, c;
    size_t index;
    char *label;
    /* "the trade proposal" is one proposal: a compound names its head. */
    if (cls == TKGP_CLASS_COUNT || s->mention[i] != NONE || rel_is(s, i, "compound") ||
        (cls == TKGP_CLASS_AGREEMENT && consent(s, i)))
      continue;
    for (c = s->first_child[i]; c != NONE; c = s->next_sibling[c])
      if (rel_is(s, c, "compound") && c < lo && s->mention[c] == NONE)
        lo = c;
    /* A compound's own compounds and numbers: "coastal fisheries
     * agreement", "60-day truce" (the number joined by a hyphen). */
    for (;;) {
      int j = lo - 1;
      if (j >= 0 && (rel_is(s, j, "compound") || rel_is(s, j, "nummod")) &&
          head_of(s, j) >= lo && head_of(s, j) <= i && s->mention[j] == NONE) {
        lo = j;
      } else if (j >= 1 && strcmp(s->w[j].form, "-") == 0 && head_of(s, j) == j - 1 &&
                 !(s->tok[j - 1].flags & TKGP_TOKEN_SPACE_AFTER) &&
                 !(s->tok[j].flags & TKGP_TOKEN_SPACE_AFTER) &&
                 (rel_is(s, j - 1, "nummod") || rel_is(s, j - 1, "compound")) &&
                 head_of(s, j - 1) >= lo && head_of(s, j - 1) <= i && s->mention[j - 1] == NONE) {
        lo = j - 1;
      } else {
        break;
      }
    }
    /* Compounds are contiguous before the head; stop at anything else. */
    while (lo < i && !(rel_is(s, lo, "compound") || rel_is(s, lo, "punct") ||
                       head_of(s, lo) > lo))
      lo++;
    label = tkgp_arena_strndup(s->arena, s->in->text + s->tok[lo].start,
                               s->tok[i].end - s->tok[lo].start);
    if (!label)
      return TKG_ENOMEM;
    lowercase_ascii(label);
    if (cls == TKGP_CLASS_ACTIVITY && !(label = activity_label(s, i, label)))
      return TKG_ENOMEM;
    if (add_nominal(s, cls, label, lo, i, i, &index) < 0)
      return TKG_ENOMEM;
    if (cls == TKGP_CLASS_MEETING && *n_meeting < 4096) {
      /* "the meeting in Vienna": a meeting with its place names the
       * document's meeting best. */
      for (c = s->first_child[i]; c != NONE; c = s->next_sibling[c]) {
        const char *prep = case_lemma(s, c);
        const tkgp_entity_ref *place = entity_at(s, c);
        if (base_rel_is(s, c, "nmod") && prep && (!strcmp(prep, "in") || !strcmp(prep, "at")) &&
            place && (place->cls == TKGP_CLASS_CITY || place->cls == TKGP_CLASS_PLACE ||
                      place->cls == TKGP_CLASS_COUNTRY)) {
          char *named = tkgp_arena_alloc(s->arena, strlen(label) + strlen(place->label) + 5);
          if (!named)
            return TKG_ENOMEM;
          sprintf(named, "%s %s %s", label, prep, place->label);
          s->list->mentions[index].entity.label = named;
          *placed = *placed < 0 ? (long)*n_meeting : *placed;
          break;
        }
      }
      meeting_mentions[(*n_meeting)++] = (long)index;
    }
  }
  return 0;
}

/* ---- metonymy ------------------------------------------------------------------- */

/* The word of mention M's span whose head lies outside it. */
static int mention_head(const sent *s, const tkgp_mention *m)
{
  int i, found = NONE, lo = 0, hi = (int)s->n;
  while (lo < hi) { /* the first word starting at or after the mention */
    int mid = lo + (hi - lo) / 2;
    if (s->tok[mid].start < m->start)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (i = lo; i < (int)s->n && s->tok[i].end <= m->end; i++) {
    int h;
    h = head_of(s, i);
    if (h == NONE || s->tok[h].start < m->start || s->tok[h].end > m->end)
      return i;
    found = i;
  }
  return found;
}

/* A capital or a seat of government that acts, owns or is dealt with
 * stands for its state: "Ottawa agreed", "the Kremlin's invasion", "talks
 * with Moscow". Where it is a place ("in Ottawa", "at the White House") it
 * stays the city or the building. Such mentions are re-pointed to the
 * country and marked as metonymy; the city keeps its other mentions. */
static void resolve_metonymy(sent *s)
{
  size_t k;
  for (k = s->sentence_start[s->index]; k < s->sentence_start[s->index + 1]; k++) {
    tkgp_mention *m = &s->list->mentions[s->by_sentence[k]];
    const char *prep;
    int h, agent;
    if (!m->entity.country || m->kind != TKGP_MENTION_NAME ||
        (m->entity.cls != TKGP_CLASS_CITY && m->entity.cls != TKGP_CLASS_PLACE))
      continue;
    if ((h = mention_head(s, m)) == NONE)
      continue;
    /* "Beijing and Moscow signed": a conjunct plays its first conjunct's part. */
    while (rel_is(s, h, "conj") && head_of(s, h) != NONE)
      h = head_of(s, h);
    prep = case_lemma(s, h);
    agent = base_rel_is(s, h, "nsubj") || rel_is(s, h, "nmod:poss") ||
            rel_is(s, h, "obl:agent") || base_rel_is(s, h, "appos");
    if (prep && (strcmp(prep, "with") == 0 || strcmp(prep, "between") == 0 ||
                 strcmp(prep, "against") == 0 || strcmp(prep, "by") == 0))
      agent = 1;
    /* A seat of government is the government unless it is where
     * something happens. */
    if (m->entity.cls == TKGP_CLASS_PLACE && !prep)
      agent = 1;
    if (!agent)
      continue;
    m->kind = TKGP_MENTION_METONYM;
    m->entity.cls = TKGP_CLASS_COUNTRY;
    m->entity.label = m->entity.country->label;
  }
}

/* ---- groups ---------------------------------------------------------------------- */

/* The kind of pair group noun I names ("both nations", "the two sides"),
 * or NONE: a plural noun of the lexicon's tkg:GroupNoun lists with "both"
 * or "two" before it. */
static int group_noun(const sent *s, int i)
{
  size_t k;
  int c, paired = 0;
  const tkgp_nlp_word *w = &s->w[i];
  if (!w->upos || strcmp(w->upos, "NOUN") != 0 || s->mention[i] != NONE ||
      !((w->xpos && strcmp(w->xpos, "NNS") == 0) || (w->feats && strstr(w->feats, "Number=Plur"))))
    return NONE;
  for (c = s->first_child[i]; c != NONE; c = s->next_sibling[c])
    if (c < i && (is_lemma(s, c, "both") || is_lemma(s, c, "two") || is_lemma(s, c, "2")))
      paired = 1;
  if (!paired)
    return NONE;
  for (k = 0; k < s->lex->n_group_nouns; k++) {
    const tkgp_wordlist *g = &s->lex->group_nouns[k];
    if (!in_list(g->lemmas, g->n_lemmas, w->lemma))
      continue;
    if (strcmp(g->value, TKGP_NS_SCHEMA "Person") == 0)
      return PAIR_PERSON;
    if (strcmp(g->value, TKGP_NS_SCHEMA "Country") == 0)
      return PAIR_COUNTRY;
    return PAIR_PARTY;
  }
  return NONE;
}

/* Remember A and B, named together, as the pair later group nouns of
 * their kind refer to. */
static void note_pair(sent *s, const tkgp_entity_ref *a, const tkgp_entity_ref *b)
{
  int kinds[2], n = 0, k;
  if (a->cls == TKGP_CLASS_PERSON && b->cls == TKGP_CLASS_PERSON) {
    kinds[n++] = PAIR_PERSON;
  } else if (a->cls == TKGP_CLASS_COUNTRY && b->cls == TKGP_CLASS_COUNTRY) {
    kinds[n++] = PAIR_COUNTRY;
    kinds[n++] = PAIR_PARTY;
  } else if ((a->cls == TKGP_CLASS_COUNTRY || a->cls == TKGP_CLASS_ORGANIZATION) &&
             (b->cls == TKGP_CLASS_COUNTRY || b->cls == TKGP_CLASS_ORGANIZATION)) {
    kinds[n++] = PAIR_PARTY;
  }
  for (k = 0; k < n; k++) {
    s->pair[kinds[k]][0] = *a;
    s->pair[kinds[k]][1] = *b;
    s->have_pair[kinds[k]] = 1;
  }
  if (n) {
    s->last_pair = kinds[0];
    s->last_pair_sentence = s->index;
  }
}

/* "A and B met. They agreed ...": a subject "they" in the sentence of a
 * pair, or the next one, refers to the pair named or referred to last. */
static int pair_pronoun(const sent *s, int i)
{
  if (!is_lemma(s, i, "they") || !s->w[i].upos || strcmp(s->w[i].upos, "PRON") != 0 ||
      !base_rel_is(s, i, "nsubj") || s->last_pair == NONE ||
      s->index > s->last_pair_sentence + 1)
    return NONE;
  return s->last_pair;
}

/* Pass 1, in text order: pairs of entities named together ("talks
 * between A and B", "A and B signed"), and the group nouns that refer to
 * the last pair of their kind ("both sides"), or a "they" just after one. A group noun before any
 * such pair names nobody and is left alone. */
static int find_groups(sent *s)
{
  int i, c;
  for (i = 0; i < (int)s->n; i++) {
    int kind = group_noun(s, i);
    const tkgp_entity_ref *a, *b;
    if (kind == NONE)
      kind = pair_pronoun(s, i);
    if (kind != NONE && s->have_pair[kind]) {
      group_mention *g;
      if (reserve((void **)&s->groups, &s->cap_groups, s->n_groups, sizeof *s->groups) < 0)
        return TKG_ENOMEM;
      g = &s->groups[s->n_groups++];
      g->sentence = s->index;
      g->word = i;
      g->member[0] = s->pair[kind][0];
      g->member[1] = s->pair[kind][1];
      s->last_pair = kind;
      s->last_pair_sentence = s->index;
    }
    if (!(a = entity_at(s, i)))
      continue;
    /* "flat": the parser sometimes joins "A and Minister B" as one name. */
    for (c = s->first_child[i]; c != NONE; c = s->next_sibling[c])
      if ((rel_is(s, c, "conj") || rel_is(s, c, "flat")) && (b = entity_at(s, c)) &&
          strcmp(a->label, b->label) != 0) {
        note_pair(s, a, b);
        break;
      }
  }
  return 0;
}

/* Pass 2: mark the words of this sentence that are group mentions. */
static void mark_groups(sent *s)
{
  size_t i;
  for (i = 0; i < s->n; i++)
    s->group_at[i] = NONE;
  while (s->group_cursor < s->n_groups && s->groups[s->group_cursor].sentence < s->index)
    s->group_cursor++;
  for (i = s->group_cursor; i < s->n_groups && s->groups[i].sentence == s->index; i++)
    s->group_at[s->groups[i].word] = (long)i;
}

/* ---- quotations ----------------------------------------------------------------- */

/* Mentions of the quotations of a sentence: the words between an opening
 * and a closing quotation mark, three words at least (shorter quoted
 * words are names or scare quotes, not statements). */
static int add_quotations(sent *s)
{
  int i, open = NONE;
  for (i = 0; i < (int)s->n; i++) {
    if (s->tok[i].flags & TKGP_TOKEN_OPEN_QUOTE) {
      open = i;
    } else if (s->tok[i].flags & TKGP_TOKEN_CLOSE_QUOTE && open != NONE) {
      int lo = open + 1, hi = i - 1;
      tkgp_entity_ref ref;
      size_t index;
      while (hi > lo && (s->tok[hi].flags & TKGP_TOKEN_PUNCT))
        hi--; /* the comma or stop before the closing mark */
      open = NONE;
      if (hi - lo < 2)
        continue;
      memset(&ref, 0, sizeof ref);
      ref.cls = TKGP_CLASS_QUOTATION;
      ref.scope = s->in->scope;
      ref.label = tkgp_arena_strndup(s->arena, s->in->text + s->tok[lo].start,
                                     s->tok[hi].end - s->tok[lo].start);
      if (!ref.label)
        return TKG_ENOMEM;
      if (add_span_mention(s, TKGP_MENTION_QUOTE, &ref, lo, hi, &index) < 0)
        return TKG_ENOMEM;
    }
  }
  return 0;
}

/* A quotation mention of the sentence, or NULL. */
static const tkgp_entity_ref *quotation(const sent *s)
{
  size_t k;
  for (k = s->sentence_start[s->index]; k < s->sentence_start[s->index + 1]; k++)
    if (s->list->mentions[s->by_sentence[k]].kind == TKGP_MENTION_QUOTE)
      return &s->list->mentions[s->by_sentence[k]].entity;
  return NULL;
}

/* ---- pronouns ---------------------------------------------------------------------- */

#define PRONOUN_WINDOW 3 /* sentences searched back for an antecedent */

/* The person "he" or "she" at word I most likely means: the nearest person
 * named before it, in this sentence or the PRONOUN_WINDOW before. A
 * stand-in for coreference on speakers and agents. */
static const tkgp_entity_ref *pronoun_antecedent(const sent *s, int i)
{
  size_t k, sentence = s->index, best = (size_t)-1, best_start = 0;
  const char *l = s->w[i].lemma;
  if (!l || (strcmp(l, "he") != 0 && strcmp(l, "she") != 0))
    return NULL;
  for (;;) {
    for (k = s->sentence_start[sentence]; k < s->sentence_start[sentence + 1]; k++) {
      const tkgp_mention *m = &s->list->mentions[s->by_sentence[k]];
      if (m->entity.cls == TKGP_CLASS_PERSON && m->start < s->tok[i].start &&
          (best == (size_t)-1 || m->start > best_start)) {
        best = s->by_sentence[k];
        best_start = m->start;
      }
    }
    if (best != (size_t)-1 || sentence == 0 || s->index - sentence >= PRONOUN_WINDOW)
      break;
    sentence--;
  }
  return best == (size_t)-1 ? NULL : &s->list->mentions[best].entity;
}

/* ---- frames ------------------------------------------------------------------- */

/* Whether this sentence already gave PROPERTY(SUB, O): two words of one
 * phrase ("Foreign Minister X") may both be found as subjects. */
static int already_said(const sent *s, const char *property, const tkgp_entity_ref *sub,
                        const tkgp_entity_ref *o)
{
  size_t k;
  for (k = s->list->n_relations; k-- > 0 && s->list->relations[k].sentence == s->index;) {
    const tkgp_relation *r = &s->list->relations[k];
    if (strcmp(r->property, property) == 0 && r->subject.cls == sub->cls &&
        r->object.cls == o->cls &&
        strcmp(r->subject.label, sub->label) == 0 && strcmp(r->object.label, o->label) == 0)
      return 1;
  }
  return 0;
}

/* What a clause says of the relations it gives: negation, modality,
 * condition, time. */
typedef struct qualifiers {
  int negated;
  const char *modality, *condition, *time;
} qualifiers;

/* Record PROPERTY(SUB, O) with the clause's qualifiers Q. */
static int record(sent *s, const char *property, const tkgp_entity_ref *sub,
                  const tkgp_entity_ref *o, double confidence, const qualifiers *q)
{
  tkgp_relation *r = tkgp_mentions_relate(s->list, property, sub, o, s->index, confidence);
  if (!r)
    return TKG_ENOMEM;
  r->negated = q->negated;
  r->modality = q->modality;
  r->condition = q->condition;
  r->time = q->time;
  return 0;
}

/* The entities subject word I stands for: its entity, a pronoun's
 * antecedent, or both members of a group ("both sides"). */
static size_t subject_entities(const sent *s, int i, const tkgp_entity_ref **out)
{
  const tkgp_entity_ref *e = entity_at(s, i);
  if (!e && s->group_at[i] != NONE) {
    out[0] = &s->groups[s->group_at[i]].member[0];
    out[1] = &s->groups[s->group_at[i]].member[1];
    return 2;
  }
  if (!e)
    e = pronoun_antecedent(s, i);
  out[0] = e;
  return e != NULL;
}

/* Record PROPERTY(SUB, O) of frame F with its qualifiers, unless the
 * classes do not fit or the sentence already said it. */
static int relate_pair(sent *s, const tkgp_frame *f, const tkgp_entity_ref *sub,
                       const tkgp_entity_ref *o, int inverse, const qualifiers *q)
{
  if (!sub || sub == o ||
      !class_allowed((const char *const *)f->subject_classes, f->n_subject_classes, sub->cls))
    return 0;
  if (sub->cls == o->cls && sub->label == o->label)
    return 0;
  if (already_said(s, f->property, sub, o))
    return 0;
  return record(s, f->property, sub, o, inverse ? CONFIDENCE_INVERSE : CONFIDENCE_DIRECT, q);
}

/* Frame F's relations from each subject to each member of group G, one
 * of its objects. */
static int relate_group_object(sent *s, const tkgp_frame *f, const int *subjects,
                               size_t n_subj, const group_mention *g, const qualifiers *q)
{
  size_t a, m, k;
  int inverse = strcmp(f->subject_slots[0], "obj") == 0;
  for (m = 0; m < 2; m++) {
    const tkgp_entity_ref *o = &g->member[m];
    if (!class_allowed((const char *const *)f->object_classes, f->n_object_classes, o->cls))
      continue;
    for (a = 0; a < n_subj; a++) {
      const tkgp_entity_ref *members[2];
      size_t n_members = subjects[a] == g->word ? 0 : subject_entities(s, subjects[a], members);
      for (k = 0; k < n_members; k++)
        if (relate_pair(s, f, members[k], o, inverse, q) < 0)
          return TKG_ENOMEM;
    }
  }
  return 0;
}

/* "X and Y met": a reciprocal frame with coordinated subjects and no
 * object relates the subjects to one another, once a pair. */
static int relate_each_other(sent *s, const tkgp_frame *f, int v, const int *subjects,
                             size_t n_subj)
{
  const tkgp_entity_ref *e[MAX_ARGS];
  qualifiers q = {0, NULL, NULL, NULL};
  size_t n = 0, a, b, k;
  for (a = 0; a < n_subj; a++) {
    const tkgp_entity_ref *members[2];
    size_t m = subject_entities(s, subjects[a], members);
    for (k = 0; k < m && n < MAX_ARGS; k++)
      e[n++] = members[k];
  }
  if (n < 2)
    return 0;
  q.negated = (f->qualifiers & TKGP_QUAL_NEGATION) && negated(s, v);
  q.modality = f->qualifiers & TKGP_QUAL_MODALITY ? modality(s, v) : NULL;
  q.condition = f->qualifiers & TKGP_QUAL_CONDITION ? condition(s, v) : NULL;
  q.time = f->qualifiers & TKGP_QUAL_TIME ? time_of(s, v) : NULL;
  for (a = 0; a < n; a++)
    for (b = a + 1; b < n; b++)
      if (class_allowed((const char *const *)f->object_classes, f->n_object_classes,
                        e[b]->cls) &&
          relate_pair(s, f, e[a], e[b], 0, &q) < 0)
        return TKG_ENOMEM;
  return 0;
}

static int relate(sent *s, const tkgp_frame *f, int v, const tkgp_entity_ref *meeting)
{
  int subjects[MAX_ARGS], objects[MAX_ARGS];
  size_t n_subj = 0, n_obj = 0, a, b, k;
  qualifiers q = {0, NULL, NULL, NULL};
  int event_object = 0;
  int inverse = strcmp(f->subject_slots[0], "obj") == 0;

  for (k = 0; k < f->n_subject_slots; k++)
    if (strcmp(f->subject_slots[k], "event") != 0)
      slot_words(s, v, f->subject_slots[k], subjects, &n_subj);
  for (k = 0; k < f->n_object_slots; k++) {
    if (strcmp(f->object_slots[k], "event") == 0) {
      event_object = meeting != NULL;
      continue;
    }
    if (strcmp(f->object_slots[k], "quote") == 0) {
      /* Any word of the sentence's quotation stands for it. */
      const tkgp_entity_ref *quote = quotation(s);
      int i;
      for (i = 0; quote && i < (int)s->n; i++)
        if (s->mention[i] != NONE && &s->list->mentions[s->mention[i]].entity == quote) {
          add_arg(objects, &n_obj, i);
          break;
        }
      continue;
    }
    slot_words(s, v, f->object_slots[k], objects, &n_obj);
  }
  if (!n_obj && !event_object)
    return f->reciprocal ? relate_each_other(s, f, v, subjects, n_subj) : 0;
  if (!n_subj && strcmp(f->subject_slots[0], "nsubj") == 0)
    misattached_subject(s, v, subjects, &n_subj);
  /* "..., said Jane Roe": a speaker after the verb, which the parser may
   * take for its object. */
  if (!n_subj && strcmp(f->object_slots[0], "quote") == 0) {
    int c;
    const tkgp_entity_ref *e;
    for (c = s->first_child[v]; c != NONE; c = s->next_sibling[c])
      if (c > v && (base_rel_is(s, c, "obj") || base_rel_is(s, c, "nsubj")) &&
          (e = entity_at(s, c)) && e->cls == TKGP_CLASS_PERSON)
        add_arg(subjects, &n_subj, c);
  }
  /* Qualifiers belong to clauses: a noun frame ("America's proposal")
   * states a relation, it does not qualify one. */
  if (strcmp(f->object_slots[0], "self") != 0 && strcmp(f->subject_slots[0], "self") != 0) {
    q.negated = (f->qualifiers & TKGP_QUAL_NEGATION) && negated(s, v) != is_lemma(s, v, "absent");
    q.modality = f->qualifiers & TKGP_QUAL_MODALITY ? modality(s, v) : NULL;
    q.condition = f->qualifiers & TKGP_QUAL_CONDITION ? condition(s, v) : NULL;
    q.time = f->qualifiers & TKGP_QUAL_TIME ? time_of(s, v) : NULL;
  }
  /* "did not attend the summit in Lisbon" says nothing of where the
   * summit was. */
  if (f->asserted_only && (q.negated || q.modality || q.condition))
    return 0;

  for (b = 0; b < (event_object ? 1 : n_obj); b++) {
    const tkgp_entity_ref *o = event_object ? meeting : entity_at(s, objects[b]);
    if (!event_object && !o && s->group_at[objects[b]] != NONE) {
      /* "met both leaders": each member is an object. */
      size_t g = (size_t)s->group_at[objects[b]];
      if (relate_group_object(s, f, subjects, n_subj, &s->groups[g], &q) < 0)
        return TKG_ENOMEM;
      continue;
    }
    if (!o || !class_allowed((const char *const *)f->object_classes, f->n_object_classes, o->cls))
      continue;
    /* A frame whose subject is "event": the meeting the document is about. */
    if (f->n_subject_slots && strcmp(f->subject_slots[0], "event") == 0) {
      if (meeting && record(s, f->property, meeting, o, CONFIDENCE_INVERSE, &q) < 0)
        return TKG_ENOMEM;
      continue;
    }
    for (a = 0; a < n_subj; a++) {
      const tkgp_entity_ref *members[2];
      size_t n_members, m;
      if (!event_object && subjects[a] == objects[b])
        continue;
      n_members = subject_entities(s, subjects[a], members);
      for (m = 0; m < n_members; m++)
        if (relate_pair(s, f, members[m], o, inverse, &q) < 0)
          return TKG_ENOMEM;
    }
  }
  return 0;
}

/* ---- learnt relations ------------------------------------------------------------------ */

#define LEARNT_MAX_WORDS 200    /* longer sentences: pairs grow too many */
#define LEARNT_MAX_MENTIONS 24
#define CONFIDENCE_LEARNT 0.6
/* The classifier's threshold was tuned for F1 on CoNLL04 dev (`eval rel`)
 * and lies below zero: it keeps relations the model scores under "no
 * relation". A graph had rather miss a fact than state a wrong one, so
 * build keeps only those it prefers to no relation (CoNLL04 dev:
 * precision 69.8% instead of 63.7%, recall 47.2% instead of 56.9%). */
#define LEARNT_MIN_MARGIN 0.0f

/* The relations the classifier trained on CoNLL04 finds between the named
 * people, organizations and places of the sentence: works for, lives in,
 * located in, based in, killed. The classifier reads no negation or
 * modality: each relation takes the qualifiers of the clause that holds
 * both its mentions (clause_of()), so "X did not kill Y" is a negated
 * statement, never a killing. */
/* Whether the person REF holds a title in this document. */
static int by_string(const void *a, const void *b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Whether the person REF holds a title somewhere in the document: 1 or 0,
 * or TKG_ENOMEM. The holders' labels are sorted once (the frames add no
 * title mentions), so that each question costs O(log mentions), not a
 * walk over every mention of the document. */
static int holds_title(sent *s, const tkgp_entity_ref *ref)
{
  size_t m, lo = 0, hi;
  if (s->holders_of != s->list->n_mentions) {
    free(s->holders);
    s->n_holders = 0;
    s->holders_of = SIZE_MAX;
    if (!(s->holders = malloc((s->list->n_mentions + 1) * sizeof *s->holders)))
      return TKG_ENOMEM;
    for (m = 0; m < s->list->n_mentions; m++) {
      const tkgp_mention *mm = &s->list->mentions[m];
      if (mm->kind == TKGP_MENTION_TITLE && mm->holder >= 0)
        s->holders[s->n_holders++] = s->list->mentions[mm->holder].entity.label;
    }
    qsort(s->holders, s->n_holders, sizeof *s->holders, by_string);
    s->holders_of = s->list->n_mentions;
  }
  hi = s->n_holders;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = strcmp(s->holders[mid], ref->label);
    if (c == 0)
      return 1;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return 0;
}

/* Whether the sentence already relates A and B, in either direction: the
 * lexicon's frames, read first, say precisely what the classifier would
 * guess ("X met Y" is no killing). */
static int related_here(const sent *s, const tkgp_entity_ref *a, const tkgp_entity_ref *b)
{
  size_t k;
  for (k = s->list->n_relations; k-- > 0 && s->list->relations[k].sentence == s->index;) {
    const tkgp_relation *r = &s->list->relations[k];
    if ((r->subject.cls == a->cls && strcmp(r->subject.label, a->label) == 0 &&
         r->object.cls == b->cls && strcmp(r->object.label, b->label) == 0) ||
        (r->subject.cls == b->cls && strcmp(r->subject.label, b->label) == 0 &&
         r->object.cls == a->cls && strcmp(r->object.label, a->label) == 0))
      return 1;
  }
  return 0;
}

/* The predicate whose clause holds words A and B: their lowest common
 * ancestor in the tree, or the first verb or adjective above it ("X, who
 * killed Y": killed; "Y's killer, X, was arrested": arrested). NONE when
 * no predicate governs both. */
static int clause_of(const sent *s, int a, int b)
{
  int x, y, steps;
  for (x = a, steps = 0; x != NONE && steps <= (int)s->n; x = head_of(s, x), steps++) {
    int up;
    for (y = b, up = 0; y != NONE && up <= (int)s->n; y = head_of(s, y), up++)
      if (y == x)
        break;
    if (y == x)
      break;
  }
  for (steps = 0; x != NONE && steps <= (int)s->n; x = head_of(s, x), steps++)
    if (s->w[x].upos && (strcmp(s->w[x].upos, "VERB") == 0 || strcmp(s->w[x].upos, "AUX") == 0 ||
                         strcmp(s->w[x].upos, "ADJ") == 0))
      return x;
  return NONE;
}

static int learnt_relations(sent *s)
{
  static const char *const properties[] = {"worksFor", "livesIn", "locatedIn", "basedIn",
                                           "killed"};
  tkgp_ner_span ents[LEARNT_MAX_MENTIONS];
  const tkgp_entity_ref *refs[LEARNT_MAX_MENTIONS];
  const tkgp_rel_pred *pred;
  size_t n_ents = 0, n_pred, k, i;

  if (!s->in->relclass || s->n > LEARNT_MAX_WORDS)
    return 0;
  for (i = 0; i < s->n; i++) {
    const tkgp_entity_ref *e;
    size_t j = i;
    tkgp_ner_type type;
    if (s->mention[i] == NONE || (i > 0 && s->mention[i - 1] == s->mention[i]))
      continue;
    e = &s->list->mentions[s->mention[i]].entity;
    switch (e->cls) {
    case TKGP_CLASS_PERSON: type = TKGP_NER_PER; break;
    case TKGP_CLASS_ORGANIZATION: type = TKGP_NER_ORG; break;
    case TKGP_CLASS_COUNTRY: type = TKGP_NER_COUNTRY; break;
    case TKGP_CLASS_CITY: type = TKGP_NER_CITY; break;
    case TKGP_CLASS_PLACE: type = TKGP_NER_PLACE; break;
    default: continue;
    }
    /* "Ukrainian", or "US" in "US Secretary of State": the country of a
     * person or a role, never a place something is in. A dateline ("GENEVA
     * (Reuters) -") says where the story was filed, not where the agency
     * is based. */
    if (s->list->mentions[s->mention[i]].kind == TKGP_MENTION_DEMONYM ||
        (s->title[i] != NONE && e->cls == TKGP_CLASS_COUNTRY) ||
        (s->tok[i].flags & TKGP_TOKEN_DATELINE))
      continue;
    while (j + 1 < s->n && s->mention[j + 1] == s->mention[i])
      j++;
    if (n_ents == LEARNT_MAX_MENTIONS)
      return 0;
    ents[n_ents].first = (uint32_t)i;
    ents[n_ents].count = (uint32_t)(j + 1 - i);
    ents[n_ents].type = type;
    ents[n_ents].score = 1;
    refs[n_ents++] = e;
  }
  if (n_ents < 2)
    return 0;
  if (tkgp_relclass_predict(s->in->relclass, s->w, s->n, ents, n_ents, &pred, &n_pred) < 0)
    return TKG_ENOMEM;
  for (k = 0; k < n_pred; k++) {
    const char *property;
    if (pred[k].type == TKGP_REL_NONE || pred[k].score < LEARNT_MIN_MARGIN ||
        (size_t)pred[k].type > sizeof properties / sizeof *properties)
      continue;
    property = properties[pred[k].type - 1]; /* types count from Work_For = 1 */
    /* CoNLL04 is older news than ours: on officials and states the
     * classifier overreaches. A country is located in no other place, and
     * an official does not live where they hold office. (A place in any
     * other place, "Bethany, Conn.", is kept: eval kg on CoNLL04, train
     * and dev, finds most located-in relations are not in a country.) */
    if (pred[k].type == TKGP_REL_LOCATED_IN && refs[pred[k].head]->cls == TKGP_CLASS_COUNTRY)
      continue;
    if (pred[k].type == TKGP_REL_LIVE_IN) {
      int held = holds_title(s, refs[pred[k].head]);
      if (held < 0)
        return held;
      if (held)
        continue;
    }
    if (refs[pred[k].head] == refs[pred[k].tail] ||
        strcmp(refs[pred[k].head]->label, refs[pred[k].tail]->label) == 0 ||
        related_here(s, refs[pred[k].head], refs[pred[k].tail]))
      continue;
    {
      qualifiers q = {0, NULL, NULL, NULL};
      int v = clause_of(s, (int)(ents[pred[k].head].first + ents[pred[k].head].count - 1),
                        (int)(ents[pred[k].tail].first + ents[pred[k].tail].count - 1));
      if (v != NONE) {
        q.negated = negated(s, v);
        q.modality = modality(s, v);
        q.condition = condition(s, v);
        q.time = time_of(s, v);
      }
      if (record(s, property, refs[pred[k].head], refs[pred[k].tail], CONFIDENCE_LEARNT, &q) < 0)
        return TKG_ENOMEM;
    }
  }
  return 0;
}

/* ---- places of places ----------------------------------------------------------------- */

#define CONFIDENCE_INFERRED 0.6

/* A locatedIn fact, keyed by its subject and object (label pointers, as
 * infer_containment() compares them). */
typedef struct placed_fact {
  int cls; /* the subject's */
  uintptr_t subject, object;
  size_t relation;
} placed_fact;

static int by_fact_subject_only(const placed_fact *x, const placed_fact *y)
{
  if (x->cls != y->cls)
    return x->cls < y->cls ? -1 : 1;
  if (x->subject != y->subject)
    return x->subject < y->subject ? -1 : 1;
  return 0;
}

static int by_fact(const void *a, const void *b)
{
  const placed_fact *x = a, *y = b;
  int c = by_fact_subject_only(x, y);
  if (c)
    return c;
  if (x->object != y->object)
    return x->object < y->object ? -1 : 1;
  return (x->relation > y->relation) - (x->relation < y->relation);
}

static int by_fact_subject(const void *a, const void *b)
{
  const placed_fact *x = a, *y = b;
  int c = by_fact_subject_only(x, y);
  return c ? c : (x->relation > y->relation) - (x->relation < y->relation);
}

static int by_fact_relation(const void *a, const void *b)
{
  const placed_fact *x = a, *y = b;
  return (x->relation > y->relation) - (x->relation < y->relation);
}

/* Keep the first fact (in relation order) of each subject and object of
 * the N facts F; returns how many are kept, sorted by subject and object. */
static size_t distinct_facts(placed_fact *f, size_t n)
{
  size_t i, k = 0;
  qsort(f, n, sizeof *f, by_fact);
  for (i = 0; i < n; i++)
    if (k == 0 || by_fact_subject_only(&f[i], &f[k - 1]) != 0 || f[i].object != f[k - 1].object)
      f[k++] = f[i];
  return k;
}

/* A set of pairs of pointers (open addressing). */
typedef struct pair_set {
  struct pair_slot {
    uintptr_t a, b;
    int used;
  } *slot;
  size_t cap, n;
} pair_set;

static size_t pair_hash(uintptr_t a, uintptr_t b)
{
  uint64_t h = ((uint64_t)a * 0x9E3779B97F4A7C15u) ^ ((uint64_t)b + 0x632BE59BD9B4E019u);
  h ^= h >> 29;
  return (size_t)(h * 0xBF58476D1CE4E5B9u);
}

/* Add (A, B): 1 when it is new, 0 when it was there, or TKG_ENOMEM. */
static int pair_set_add(pair_set *set, uintptr_t a, uintptr_t b)
{
  size_t i;
  if (2 * (set->n + 1) > set->cap) {
    pair_set grown;
    size_t k;
    grown.cap = set->cap ? 2 * set->cap : 64;
    grown.n = 0;
    if (!(grown.slot = calloc(grown.cap, sizeof *grown.slot)))
      return TKG_ENOMEM;
    for (k = 0; k < set->cap; k++)
      if (set->slot[k].used)
        pair_set_add(&grown, set->slot[k].a, set->slot[k].b);
    free(set->slot);
    *set = grown;
  }
  for (i = pair_hash(a, b) & (set->cap - 1); set->slot[i].used; i = (i + 1) & (set->cap - 1))
    if (set->slot[i].a == a && set->slot[i].b == b)
      return 0;
  set->slot[i].a = a;
  set->slot[i].b = b;
  set->slot[i].used = 1;
  set->n++;
  return 1;
}

/* An event the text places both in a city and in a country puts the city
 * in the country: "officials convened in Austria", "the meeting in
 * Vienna" give Vienna locatedIn Austria. Only asserted facts are
 * combined; the new one has the city fact's sentence as evidence. Each
 * city fact (in text order) meets the country facts of its subject (in
 * text order); facts repeated, and pairs already inferred, are skipped
 * through sorting and a set, so that a document's meeting placed in
 * many sentences costs no more than the distinct places it has. */
static int infer_containment(tkgp_mention_list *list)
{
  size_t n = list->n_relations, r, a, b, n_places = 0, n_countries = 0;
  placed_fact *places = malloc((n + 1) * sizeof *places);
  placed_fact *countries = malloc((n + 1) * sizeof *countries);
  pair_set inferred = {NULL, 0, 0};
  int rc = TKG_ENOMEM;

  if (!places || !countries)
    goto cleanup;
  for (r = 0; r < n; r++) {
    const tkgp_relation *rel = &list->relations[r];
    placed_fact f;
    if (strcmp(rel->property, "locatedIn") != 0 || rel->negated || rel->modality ||
        rel->condition)
      continue;
    f.cls = (int)rel->subject.cls;
    f.subject = (uintptr_t)rel->subject.label;
    f.object = (uintptr_t)rel->object.label;
    f.relation = r;
    if (rel->object.cls == TKGP_CLASS_CITY || rel->object.cls == TKGP_CLASS_PLACE)
      places[n_places++] = f;
    else if (rel->object.cls == TKGP_CLASS_COUNTRY)
      countries[n_countries++] = f;
  }
  n_places = distinct_facts(places, n_places);
  qsort(places, n_places, sizeof *places, by_fact_relation);
  n_countries = distinct_facts(countries, n_countries);
  qsort(countries, n_countries, sizeof *countries, by_fact_subject);
  for (a = 0; a < n_places; a++) {
    size_t lo = 0, hi = n_countries;
    while (lo < hi) { /* the first country fact of the same subject */
      size_t mid = lo + (hi - lo) / 2;
      if (by_fact_subject_only(&countries[mid], &places[a]) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
    for (b = lo; b < n_countries && by_fact_subject_only(&countries[b], &places[a]) == 0; b++) {
      tkgp_entity_ref place, country;
      int added = pair_set_add(&inferred, places[a].object, countries[b].object);
      if (added < 0)
        goto cleanup;
      if (!added)
        continue;
      place = list->relations[places[a].relation].object;
      country = list->relations[countries[b].relation].object;
      if (!tkgp_mentions_relate(list, "locatedIn", &place, &country,
                                list->relations[places[a].relation].sentence,
                                CONFIDENCE_INFERRED))
        goto cleanup;
    }
  }
  rc = 0;
cleanup:
  free(places);
  free(countries);
  free(inferred.slot);
  return rc;
}

/* The lemma of verb V with its particle, as the lexicon writes a phrasal
 * verb ("put forward", "call off"): a compound:prt dependent, or an adverb
 * right after the verb. 0 when V has none. */
static int phrasal_lemma(const sent *s, int v, char *buf, size_t size)
{
  int c;
  if (!s->w[v].upos || strcmp(s->w[v].upos, "VERB") != 0 || !s->w[v].lemma)
    return 0;
  for (c = s->first_child[v]; c != NONE; c = s->next_sibling[c])
    if ((rel_is(s, c, "compound:prt") || (rel_is(s, c, "advmod") && c == v + 1)) &&
        s->w[c].lemma &&
        (size_t)snprintf(buf, size, "%s %s", s->w[v].lemma, s->w[c].lemma) < size)
      return 1;
  return 0;
}

/* ---- the document ------------------------------------------------------------------ */

/* Group the mentions by sentence (a counting sort): mentions are not in
 * text order once event mentions have been appended. */
static int group_mentions(sent *s, size_t n_sentences)
{
  size_t m, k;
  free(s->by_sentence);
  free(s->sentence_start);
  s->by_sentence = malloc((s->list->n_mentions + 1) * sizeof *s->by_sentence);
  s->sentence_start = calloc(n_sentences + 2, sizeof *s->sentence_start);
  if (!s->by_sentence || !s->sentence_start)
    return TKG_ENOMEM;
  for (m = 0; m < s->list->n_mentions; m++)
    s->sentence_start[s->list->mentions[m].sentence + 2]++;
  for (k = 2; k < n_sentences + 2; k++)
    s->sentence_start[k] += s->sentence_start[k - 1];
  for (m = 0; m < s->list->n_mentions; m++)
    s->by_sentence[s->sentence_start[s->list->mentions[m].sentence + 1]++] = m;
  return 0;
}

static int index_sentence(sent *s, const tkgp_sentence *sentence)
{
  size_t i, k;
  s->tok = s->in->tokens->tokens + sentence->first;
  s->w = s->in->words + sentence->first;
  s->n = sentence->count;
  for (i = 0; i < s->n; i++) {
    s->first_child[i] = s->next_sibling[i] = NONE;
    s->mention[i] = s->title[i] = s->group_at[i] = NONE;
  }
  /* Children in order: insert from the right. */
  for (i = s->n; i-- > 0;) {
    int h = head_of(s, (int)i);
    if (h >= 0 && h < (int)s->n) {
      s->next_sibling[i] = s->first_child[h];
      s->first_child[h] = (int)i;
    }
  }
  /* Each word's mention: the innermost mention covering it (names inside
   * a title's role span belong to the person). */
  for (k = s->sentence_start[s->index]; k < s->sentence_start[s->index + 1]; k++) {
    size_t m = s->by_sentence[k];
    const tkgp_mention *mm = &s->list->mentions[m];
    size_t lo = 0, hi = s->n;
    while (lo < hi) { /* first word ending after the mention's start */
      size_t mid = lo + (hi - lo) / 2;
      if (s->tok[mid].end <= mm->start)
        lo = mid + 1;
      else
        hi = mid;
    }
    for (i = lo; i < s->n && s->tok[i].end <= mm->end; i++)
      if (mm->kind == TKGP_MENTION_TITLE && s->tok[i].start >= mm->start)
        s->title[i] = (long)m;
    for (i = lo; i < s->n && s->tok[i].end <= mm->end; i++)
      if (s->tok[i].start >= mm->start &&
          (s->mention[i] == NONE ||
           mm->end - mm->start < s->list->mentions[s->mention[i]].end -
                                     s->list->mentions[s->mention[i]].start))
        s->mention[i] = (long)m;
  }
  return 0;
}

int tkgp_relations_find(tkgp_mention_list *list, const tkgp_relation_input *in,
                        tkgp_arena *arena)
{
  const tkgp_tokens *tokens = in->tokens;
  size_t max = 0, k, f, l, n_meeting = 0;
  long *meetings = NULL;
  tkgp_entity_ref meeting;
  long placed = -1; /* the first meeting mention with a place */
  int have_meeting = 0, rc = TKG_ENOMEM, debug;
  sent s;

  memset(&s, 0, sizeof s);
  s.last_pair = NONE;
  s.holders_of = SIZE_MAX;
  s.in = in;
  s.lex = in->gazetteer->lexicon;
  s.list = list;
  s.arena = arena;
  for (k = 0; k < tokens->n_sentences; k++)
    if (tokens->sentences[k].count > max)
      max = tokens->sentences[k].count;
  s.first_child = malloc((max + 1) * sizeof *s.first_child);
  s.next_sibling = malloc((max + 1) * sizeof *s.next_sibling);
  s.mention = malloc((max + 1) * sizeof *s.mention);
  s.title = malloc((max + 1) * sizeof *s.title);
  s.group_at = malloc((max + 1) * sizeof *s.group_at);
  meetings = malloc(4096 * sizeof *meetings);
  if (!s.first_child || !s.next_sibling || !s.mention || !s.title || !s.group_at || !meetings)
    goto cleanup;

  /* Pass 1: metonymy; mentions of meetings, agreements and proposals. */
  if (group_mentions(&s, tokens->n_sentences) < 0)
    goto cleanup;
  for (k = 0; k < tokens->n_sentences; k++) {
    s.index = k;
    index_sentence(&s, &tokens->sentences[k]);
    resolve_metonymy(&s);
    if (add_quotations(&s) < 0)
      goto cleanup;
    /* clauses first: their topics come before a later "the offer" */
    if (add_clause_nodes(&s) < 0 ||
        add_event_mentions(&s, meetings, &n_meeting, &placed) < 0 ||
        add_proposed_things(&s) < 0)
      goto cleanup;
    if (find_groups(&s) < 0)
      goto cleanup;
  }
  if (unify_topics(&s) < 0)
    goto cleanup;
  /* All the meeting nouns of a news article are, as a rule, its one
   * meeting: "the talks", "the meeting", "the discussions". It is named by
   * its first mention with a place, else by its first mention. */
  if (n_meeting) {
    meeting = list->mentions[meetings[placed >= 0 ? placed : 0]].entity;
    for (l = 0; l < n_meeting; l++)
      list->mentions[meetings[l]].entity = meeting;
    have_meeting = 1;
  }

  /* Pass 2: frames. */
  if (group_mentions(&s, tokens->n_sentences) < 0)
    goto cleanup;
  debug = getenv("TKG_DEBUG_PARSE") != NULL;
  for (k = 0; k < tokens->n_sentences; k++) {
    s.index = k;
    index_sentence(&s, &tokens->sentences[k]);
    mark_groups(&s);
    for (l = 0; debug && l < s.n; l++) /* the tree the frames read, mended */
      fprintf(stderr, "%zu\t%s\t%s\t%s\t%d\t%s\n", l + 1, s.w[l].form, s.w[l].lemma,
              s.w[l].upos, s.w[l].head, s.w[l].deprel);
    for (l = 0; l < s.n; l++) {
      char phrasal[64];
      int has_phrasal = phrasal_lemma(&s, (int)l, phrasal, sizeof phrasal);
      for (f = 0; f < s.lex->n_frames; f++) {
        const tkgp_frame *fr = &s.lex->frames[f];
        if (!in_list(fr->lemmas, fr->n_lemmas, s.w[l].lemma) &&
            !(has_phrasal && in_list(fr->lemmas, fr->n_lemmas, phrasal)))
          continue;
        if (relate(&s, fr, (int)l, have_meeting ? &meeting : NULL) < 0)
          goto cleanup;
      }
    }
    if (learnt_relations(&s) < 0)
      goto cleanup;
  }
  if (infer_containment(list) < 0)
    goto cleanup;
  rc = 0;

cleanup:
  free(s.first_child);
  free(s.next_sibling);
  free(s.mention);
  free(s.title);
  free(s.group_at);
  free(s.groups);
  free(s.topics);
  free(s.by_sentence);
  free(s.sentence_start);
  free(s.holders);
  free(meetings);
  return rc;
}
