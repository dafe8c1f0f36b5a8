/* events.c - the mentions relations take beyond names: events, groups, quotations
 * SPDX-License-Identifier: MIT
 *
 * Mentions of meetings, agreements and proposals (event nouns with their
 * modifiers, one agreement however a document names it), of groups
 * ("both leaders") and quotations; metonymy (the capital for its
 * government); the antecedents of pronouns. See relations.c.
 */
#include "rel/relations_impl.h"

#include "core/grow.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- mentions ------------------------------------------------------------------ */

/* The entity word I stands for: the mention covering it, else the mention
 * whose span holds I's head when I is a name inside it. */
const tkgp_entity_ref *tkgp_rel_entity_at(const sent *s, int i)
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

int tkgp_rel_class_allowed(const char *const *classes, size_t n, tkgp_entity_class cls)
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
    if (tkgp_lexicon_has(&s->lex->event_nouns[k], s->w[i].lemma))
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
  tkgp_rel_subtree(s, c, &lo, &hi);
  return strcmp(s->w[lo].form, ",") == 0 || (lo > 0 && strcmp(s->w[lo - 1].form, ",") == 0);
}

/* Record what the agreement or proposal mention INDEX, on noun I, is
 * about: the lemmas of the nouns and adjectives that modify it. */
static int note_topic(sent *s, int i, size_t index)
{
  event_topic *t;
  int c, g;
  size_t k;
  if (tkgp_grow((void **)&s->topics, &s->cap_topics, s->n_topics + 1, sizeof *s->topics) < 0)
    return TKG_ENOMEM;
  t = &s->topics[s->n_topics];
  memset(t, 0, sizeof *t);
  t->mention = index;
  t->cluster = s->n_topics++;
  for (k = 0; k < s->lex->n_event_nouns; k++)
    if (tkgp_lexicon_has(&s->lex->event_nouns[k], s->w[i].lemma))
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

int tkgp_rel_unify_topics(sent *s)
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
    tkgp_rel_subtree(s, c, &lo, &hi);
    hi = c;
    while (lo < c && (rel_is(s, lo, "case") || rel_is(s, lo, "det") ||
                      head_of(s, lo) > c || s->tok[lo].flags & TKGP_TOKEN_PUNCT))
      lo++;
    if (hi - lo > 2)
      return label;
    if (!(what = tkgp_rel_words_text(s, lo, hi)))
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
  const tkgp_frame_lemma *first;
  return tkgp_lexicon_frames_of(s->lex, lemma, &first) > 0;
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
 * (tkgp_rel_unify_topics()). Its index goes to *INDEX when not NULL. */
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

int tkgp_rel_add_clause_nodes(sent *s)
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
      if ((rel_is(s, c, "xcomp") || tkgp_rel_infinitival_advcl(s, c)) && s->w[c].upos &&
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
        tkgp_rel_subtree(s, c, &lo, &hi);
    if (lo < x)
      continue;
    if (!(what = tkgp_rel_words_text(s, x, hi)) ||
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
int tkgp_rel_add_proposed_things(sent *s)
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

int tkgp_rel_add_event_mentions(sent *s, long *meeting_mentions, size_t *n_meeting, long *placed)
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
        const tkgp_entity_ref *place = tkgp_rel_entity_at(s, c);
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
void tkgp_rel_resolve_metonymy(sent *s)
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
    if (!tkgp_lexicon_has(g, w->lemma))
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
int tkgp_rel_find_groups(sent *s)
{
  int i, c;
  for (i = 0; i < (int)s->n; i++) {
    int kind = group_noun(s, i);
    const tkgp_entity_ref *a, *b;
    if (kind == NONE)
      kind = pair_pronoun(s, i);
    if (kind != NONE && s->have_pair[kind]) {
      group_mention *g;
      if (tkgp_grow((void **)&s->groups, &s->cap_groups, s->n_groups + 1, sizeof *s->groups) < 0)
        return TKG_ENOMEM;
      g = &s->groups[s->n_groups++];
      g->sentence = s->index;
      g->word = i;
      g->member[0] = s->pair[kind][0];
      g->member[1] = s->pair[kind][1];
      s->last_pair = kind;
      s->last_pair_sentence = s->index;
    }
    if (!(a = tkgp_rel_entity_at(s, i)))
      continue;
    /* "flat": the parser sometimes joins "A and Minister B" as one name. */
    for (c = s->first_child[i]; c != NONE; c = s->next_sibling[c])
      if ((rel_is(s, c, "conj") || rel_is(s, c, "flat")) && (b = tkgp_rel_entity_at(s, c)) &&
          strcmp(a->label, b->label) != 0) {
        note_pair(s, a, b);
        break;
      }
  }
  return 0;
}

/* Pass 2: mark the words of this sentence that are group mentions. */
void tkgp_rel_mark_groups(sent *s)
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
int tkgp_rel_add_quotations(sent *s)
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
const tkgp_entity_ref *tkgp_rel_quotation(const sent *s)
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
const tkgp_entity_ref *tkgp_rel_pronoun_antecedent(const sent *s, int i)
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
