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
#include "rel/relations_impl.h"

#include "core/grow.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
  const tkgp_entity_ref *e = tkgp_rel_entity_at(s, i);
  if (!e && s->group_at[i] != NONE) {
    out[0] = &s->groups[s->group_at[i]].member[0];
    out[1] = &s->groups[s->group_at[i]].member[1];
    return 2;
  }
  if (!e)
    e = tkgp_rel_pronoun_antecedent(s, i);
  out[0] = e;
  return e != NULL;
}

/* Record PROPERTY(SUB, O) of frame F with its qualifiers, unless the
 * classes do not fit or the sentence already said it. */
static int relate_pair(sent *s, const tkgp_frame *f, const tkgp_entity_ref *sub,
                       const tkgp_entity_ref *o, int inverse, const qualifiers *q)
{
  if (!sub || sub == o ||
      !tkgp_rel_class_allowed((const char *const *)f->subject_classes, f->n_subject_classes, sub->cls))
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
    if (!tkgp_rel_class_allowed((const char *const *)f->object_classes, f->n_object_classes, o->cls))
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
  q.negated = (f->qualifiers & TKGP_QUAL_NEGATION) && tkgp_rel_negated(s, v);
  q.modality = f->qualifiers & TKGP_QUAL_MODALITY ? tkgp_rel_modality(s, v) : NULL;
  q.condition = f->qualifiers & TKGP_QUAL_CONDITION ? tkgp_rel_condition(s, v) : NULL;
  q.time = f->qualifiers & TKGP_QUAL_TIME ? tkgp_rel_time_of(s, v) : NULL;
  for (a = 0; a < n; a++)
    for (b = a + 1; b < n; b++)
      if (tkgp_rel_class_allowed((const char *const *)f->object_classes, f->n_object_classes,
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
      tkgp_rel_slot_words(s, v, f->subject_slots[k], subjects, &n_subj);
  for (k = 0; k < f->n_object_slots; k++) {
    if (strcmp(f->object_slots[k], "event") == 0) {
      event_object = meeting != NULL;
      continue;
    }
    if (strcmp(f->object_slots[k], "quote") == 0) {
      /* Any word of the sentence's quotation stands for it. */
      const tkgp_entity_ref *quote = tkgp_rel_quotation(s);
      int i;
      for (i = 0; quote && i < (int)s->n; i++)
        if (s->mention[i] != NONE && &s->list->mentions[s->mention[i]].entity == quote) {
          tkgp_rel_add_arg(objects, &n_obj, i);
          break;
        }
      continue;
    }
    tkgp_rel_slot_words(s, v, f->object_slots[k], objects, &n_obj);
  }
  if (!n_obj && !event_object)
    return f->reciprocal ? relate_each_other(s, f, v, subjects, n_subj) : 0;
  if (!n_subj && strcmp(f->subject_slots[0], "nsubj") == 0)
    tkgp_rel_misattached_subject(s, v, subjects, &n_subj);
  /* "..., said Jane Roe": a speaker after the verb, which the parser may
   * take for its object. */
  if (!n_subj && strcmp(f->object_slots[0], "quote") == 0) {
    int c;
    const tkgp_entity_ref *e;
    for (c = s->first_child[v]; c != NONE; c = s->next_sibling[c])
      if (c > v && (base_rel_is(s, c, "obj") || base_rel_is(s, c, "nsubj")) &&
          (e = tkgp_rel_entity_at(s, c)) && e->cls == TKGP_CLASS_PERSON)
        tkgp_rel_add_arg(subjects, &n_subj, c);
  }
  /* Qualifiers belong to clauses: a noun frame ("America's proposal")
   * states a relation, it does not qualify one. */
  if (strcmp(f->object_slots[0], "self") != 0 && strcmp(f->subject_slots[0], "self") != 0) {
    q.negated = (f->qualifiers & TKGP_QUAL_NEGATION) && tkgp_rel_negated(s, v) != is_lemma(s, v, "absent");
    q.modality = f->qualifiers & TKGP_QUAL_MODALITY ? tkgp_rel_modality(s, v) : NULL;
    q.condition = f->qualifiers & TKGP_QUAL_CONDITION ? tkgp_rel_condition(s, v) : NULL;
    q.time = f->qualifiers & TKGP_QUAL_TIME ? tkgp_rel_time_of(s, v) : NULL;
  }
  /* "did not attend the summit in Lisbon" says nothing of where the
   * summit was. */
  if (f->asserted_only && (q.negated || q.modality || q.condition))
    return 0;

  for (b = 0; b < (event_object ? 1 : n_obj); b++) {
    const tkgp_entity_ref *o = event_object ? meeting : tkgp_rel_entity_at(s, objects[b]);
    if (!event_object && !o && s->group_at[objects[b]] != NONE) {
      /* "met both leaders": each member is an object. */
      size_t g = (size_t)s->group_at[objects[b]];
      if (relate_group_object(s, f, subjects, n_subj, &s->groups[g], &q) < 0)
        return TKG_ENOMEM;
      continue;
    }
    if (!o || !tkgp_rel_class_allowed((const char *const *)f->object_classes, f->n_object_classes, o->cls))
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
        q.negated = tkgp_rel_negated(s, v);
        q.modality = tkgp_rel_modality(s, v);
        q.condition = tkgp_rel_condition(s, v);
        q.time = tkgp_rel_time_of(s, v);
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
    tkgp_rel_resolve_metonymy(&s);
    if (tkgp_rel_add_quotations(&s) < 0)
      goto cleanup;
    /* clauses first: their topics come before a later "the offer" */
    if (tkgp_rel_add_clause_nodes(&s) < 0 ||
        tkgp_rel_add_event_mentions(&s, meetings, &n_meeting, &placed) < 0 ||
        tkgp_rel_add_proposed_things(&s) < 0)
      goto cleanup;
    if (tkgp_rel_find_groups(&s) < 0)
      goto cleanup;
  }
  if (tkgp_rel_unify_topics(&s) < 0)
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
    tkgp_rel_mark_groups(&s);
    for (l = 0; debug && l < s.n; l++) /* the tree the frames read, mended */
      fprintf(stderr, "%zu\t%s\t%s\t%s\t%d\t%s\n", l + 1, s.w[l].form, s.w[l].lemma,
              s.w[l].upos, s.w[l].head, s.w[l].deprel);
    for (l = 0; l < s.n; l++) {
      char phrasal[64];
      int has_phrasal = phrasal_lemma(&s, (int)l, phrasal, sizeof phrasal);
      const tkgp_frame_lemma *a, *b;
      size_t na = tkgp_lexicon_frames_of(s.lex, s.w[l].lemma, &a);
      size_t nb = has_phrasal ? tkgp_lexicon_frames_of(s.lex, phrasal, &b) : 0;
      /* The frames of the lemma and of the phrasal verb, in frame order,
       * each once. */
      while (na || nb) {
        size_t fa = na ? a->frame : (size_t)-1, fb = nb ? b->frame : (size_t)-1;
        f = fa < fb ? fa : fb;
        if (fa == f)
          a++, na--;
        if (fb == f)
          b++, nb--;
        if (relate(&s, &s.lex->frames[f], (int)l, have_meeting ? &meeting : NULL) < 0)
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
