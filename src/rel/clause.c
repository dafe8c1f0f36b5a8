/* clause.c - what a clause says of a word: its arguments, qualifiers and time
 * SPDX-License-Identifier: MIT
 *
 * The words in a frame's subject and object slots (passive, relative
 * clauses, control and raising, coordination), whether the clause is
 * negated, modal or conditional, and the date it gives. See relations.c.
 */
#include "rel/relations_impl.h"

#include "core/grow.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- arguments ------------------------------------------------------------- */

void tkgp_rel_add_arg(int *args, size_t *n, int i)
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

/* Whether word C, an apposition under or beside I, names another person:
 * in a list of titled people the parser often takes the next item for an
 * apposition ("NSA B, Ukrainian Foreign Minister C"). */
static int another_person(const sent *s, int i, int c)
{
  const tkgp_entity_ref *a = tkgp_rel_entity_at(s, i), *b = tkgp_rel_entity_at(s, c);
  return rel_is(s, c, "appos") && a && b && a->cls == TKGP_CLASS_PERSON &&
         b->cls == TKGP_CLASS_PERSON && strcmp(a->label, b->label) != 0;
}

static void add_with_conjuncts(const sent *s, int i, int *args, size_t *n)
{
  int c, g;
  tkgp_rel_add_arg(args, n, i);
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
int tkgp_rel_infinitival_advcl(const sent *s, int v)
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
  if (rel_is(s, v, "xcomp") || rel_is(s, v, "conj") || tkgp_rel_infinitival_advcl(s, v) ||
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
      tkgp_rel_add_arg(args, n, h);
    /* "the willingness ... expressed by X": the noun's governor's subject. */
    if (*n == before && (rel_is(s, h, "obj") || rel_is(s, h, "nsubj")) && head_of(s, h) != NONE)
      slot_dependents(s, head_of(s, h), "nsubj", args, n);
  }
}

/* When the parser found no subject for V, the agent named nearest before
 * V inside V's own clause, outside prepositional phrases, is taken: the
 * parser often misattaches a subject that a long title precedes. */

void tkgp_rel_misattached_subject(const sent *s, int v, int *args, size_t *n)
{
  int lo = v, hi = v, i;
  tkgp_rel_subtree(s, v, &lo, &hi);
  for (i = v - 1; i >= lo; i--) {
    const tkgp_entity_ref *e;
    int h, inside = 0;
    if (s->mention[i] == NONE || !(e = tkgp_rel_entity_at(s, i)))
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
      tkgp_rel_add_arg(args, n, i);
      return;
    }
  }
}

/* Words that fill SLOT of predicate V. */
void tkgp_rel_slot_words(const sent *s, int v, const char *slot, int *args, size_t *n)
{
  size_t k, before = *n;
  if (strcmp(slot, "self") == 0) {
    tkgp_rel_add_arg(args, n, v);
    return;
  }
  if (strcmp(slot, "head:appos") == 0) {
    /* "X, a German citizen": the noun the predicate is in apposition to. */
    if (base_rel_is(s, v, "appos") && head_of(s, v) != NONE)
      tkgp_rel_add_arg(args, n, head_of(s, v));
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
      tkgp_rel_slot_words(s, h, slot + 9, args, n);
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
int tkgp_rel_negated(const sent *s, int v)
{
  int i = v, depth, g;
  if (negated_here(s, v))
    return 1;
  if ((g = governing_verb(s, v)) != NONE) {
    if (negated_here(s, g) ||
        tkgp_lexicon_has(&s->lex->denials, s->w[g].lemma))
      return 1;
    i = g;
  }
  for (depth = 0; depth < CONTROL_DEPTH && head_of(s, i) != NONE; depth++) {
    int h = head_of(s, i);
    if (!(rel_is(s, i, "xcomp") || tkgp_rel_infinitival_advcl(s, i)))
      break;
    if (negated_here(s, h) ||
        tkgp_lexicon_has(&s->lex->denials, s->w[h].lemma))
      return 1;
    i = h;
  }
  return 0;
}

static const char *modality_of_lemma(const sent *s, int i)
{
  size_t k;
  for (k = 0; k < s->lex->n_modals; k++)
    if (tkgp_lexicon_has(&s->lex->modals[k], s->w[i].lemma))
      return s->lex->modals[k].value;
  return NULL;
}

/* A modal auxiliary of V, or a governing modal word up the control chain
 * ("willing to accept", "its willingness to accept", "plans to visit"). */
const char *tkgp_rel_modality(const sent *s, int v)
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
          tkgp_rel_infinitival_advcl(s, i)))
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
void tkgp_rel_subtree(const sent *s, int i, int *lo, int *hi)
{
  int c;
  if (i < *lo)
    *lo = i;
  if (i > *hi)
    *hi = i;
  for (c = s->first_child[i]; c != NONE; c = s->next_sibling[c])
    tkgp_rel_subtree(s, c, lo, hi);
}

const char *tkgp_rel_words_text(const sent *s, int lo, int hi)
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
  int listed = tkgp_lexicon_has(&s->lex->conditions, s->w[i].lemma);
  if (!listed && n < sizeof low) {
    /* "provided", "providing": the lexicon lists the form, the tagger
     * gives the lemma "provide". */
    for (k = 0; k <= n; k++)
      low[k] = (char)(s->w[i].form[k] >= 'A' && s->w[i].form[k] <= 'Z' ? s->w[i].form[k] + 32
                                                                       : s->w[i].form[k]);
    listed = tkgp_lexicon_has(&s->lex->conditions, low);
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

const char *tkgp_rel_condition(const sent *s, int v)
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
    tkgp_rel_subtree(s, anchor, &lo, &hi);
    if (rel_is(s, i, "mark") && i < lo)
      lo = i;
    if (anchor != v)
      return tkgp_rel_words_text(s, lo, hi);
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
  tkgp_rel_subtree(s, i, &lo, &hi);
  /* The words of the time, not its preposition: "Monday", not "on Monday". */
  while (lo < i && (rel_is(s, lo, "case") || (s->tok[lo].flags & TKGP_TOKEN_PUNCT)))
    lo++;
  if (hi - lo > 4)
    return NULL;
  return tkgp_rel_words_text(s, lo, hi);
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
const char *tkgp_rel_time_of(const sent *s, int v)
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
