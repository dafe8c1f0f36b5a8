/* ner_rules.c - corrections to the recognizer's names from the lexicon's word lists
 * SPDX-License-Identifier: MIT
 *
 * The statistical recognizer reads a name's words and context, but a few
 * words around a name settle its type or its extent better than any
 * context can, and they are general knowledge, listed in
 * ontology/lexicon.ttl:
 *
 *  - an event-name word ("Hurricane X", "Typhoon X") makes the name an
 *    event's; the same name later in the document is the same event,
 *    though it reads like a person's ("X weakened");
 *  - post-nominal letters ("X QC", "X PhD") end a person's name and are
 *    not part of it (some are also abbreviations of places: "SC", "MD",
 *    so only a person's name loses them);
 *  - an organization word as the head of a name ("Ministry of Health",
 *    "Labour Party") makes it an organization, whatever the model read;
 *  - a name followed by its acronym in brackets ("World Health
 *    Organization (WHO)") is one name, and the acronym alone names the
 *    same thing later in the document ("WHO officials");
 *  - "the town of X" makes X a city, "the province of X" a place;
 *  - a file's name ("Budget.xls") names nothing.
 *
 * The rule that makes "Statistics X" (common nouns before a country's
 * name) an organization needs the country gazetteer, and is agency_name()
 * in ner.c. The rules run only when the world has a lexicon, so training
 * (which scores dev sets without one) is not affected by them.
 */
#include "ner/ner_impl.h"

#include "nlp/perceptron.h"
#include "lexicon/lexicon.h"

#include <string.h>
#include <strings.h>

static int is_capitalized(const char *w)
{
  return w && *w >= 'A' && *w <= 'Z';
}

/* Whether W is in LIST: ignoring ASCII case, or as written when EXACT. */
static int in_wordlist(const tkgp_wordlist *list, const char *w, int exact)
{
  return exact ? tkgp_lexicon_has(list, w) : tkgp_lexicon_in_list(list, w);
}

/* A hash of words [first, first + count), ASCII case ignored. */
static uint64_t name_key(const tkgp_nlp_word *words, size_t first, size_t count)
{
  uint64_t h = 0x6e616d65ull;
  for (size_t i = first; i < first + count; i++) {
    char buf[64];
    size_t len = 0;
    for (const char *p = words[i].form ? words[i].form : ""; *p && len < sizeof buf; p++)
      buf[len++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    h = tkgp_hmix(h, tkgp_hash_bytes(buf, len));
  }
  return h;
}

void tkgp_ner_rules_begin_document(tkgp_ner_rules *r)
{
  r->n_event_names = 0;
  r->n_acronyms = 0;
}

static void remember_event(tkgp_ner_rules *r, uint64_t key)
{
  for (size_t k = 0; k < r->n_event_names; k++)
    if (r->event_names[k] == key)
      return;
  if (r->n_event_names < TKGP_NER_RULES_MAX_EVENTS)
    r->event_names[r->n_event_names++] = key;
}

static int is_event_name(const tkgp_ner_rules *r, uint64_t key)
{
  for (size_t k = 0; k < r->n_event_names; k++)
    if (r->event_names[k] == key)
      return 1;
  return 0;
}

/* The word of span S that decides its kind: the one before "of" in
 * "Ministry of Health", else the last. */
static size_t head_word(const tkgp_nlp_word *words, const tkgp_ner_span *s)
{
  for (size_t i = s->first + 1; i + 1 < s->first + s->count; i++)
    if (words[i].form && strcmp(words[i].form, "of") == 0)
      return i - 1;
  return s->first + s->count - 1;
}

/* Put a span of TYPE over words [FIRST, FIRST + COUNT) into the sorted,
 * disjoint SPANS[0..K): the spans it overlaps go. Keeps TAKEN in step.
 * The new number of spans. */
static size_t put_span(tkgp_ner_span *spans, size_t k, size_t first, size_t count,
                       tkgp_ner_type type, char *taken)
{
  size_t kept = 0, at;
  for (size_t j = 0; j < k; j++) {
    if (spans[j].first < first + count && first < spans[j].first + spans[j].count) {
      memset(taken + spans[j].first, 0, spans[j].count);
      continue;
    }
    spans[kept++] = spans[j];
  }
  for (at = 0; at < kept && spans[at].first < first; at++)
    ;
  memmove(spans + at + 1, spans + at, (kept - at) * sizeof *spans);
  spans[at].first = (uint32_t)first;
  spans[at].count = (uint32_t)count;
  spans[at].type = type;
  spans[at].score = 1;
  memset(taken + first, 1, count);
  return kept + 1;
}

/* An acronym: two to eight capital letters, as written ("WHO", "IMF"). */
static int is_acronym(const char *w)
{
  size_t len = 0;
  for (; w && *w; w++, len++)
    if (*w < 'A' || *w > 'Z')
      return 0;
  return len >= 2 && len <= 8;
}

static int is_connector(const char *w)
{
  static const char *const connectors[] = {"of", "and", "for", "the", "on", "&", NULL};
  for (size_t k = 0; w && connectors[k]; k++)
    if (strcmp(w, connectors[k]) == 0)
      return 1;
  return 0;
}

/* The first word of the name whose capitalized words' initials spell the
 * acronym ACR, among the capitalized words and connectors that end at word
 * END (exclusive): "World Health Organization" for "WHO", "Food and
 * Agriculture Organization" for "FAO". N when there is none. */
static size_t acronym_name(const tkgp_nlp_word *words, size_t n, size_t end, const char *acr)
{
  size_t a = end, len = strlen(acr);
  while (a > 0 && (is_capitalized(words[a - 1].form) || is_connector(words[a - 1].form)))
    a--;
  for (size_t start = a; start < end; start++) {
    size_t m = 0, i;
    if (!is_capitalized(words[start].form))
      continue;
    for (i = start; i < end && m <= len; i++)
      if (is_capitalized(words[i].form) && (m == len || words[i].form[0] != acr[m++]))
        break;
    if (i == end && m == len)
      return start;
  }
  return n;
}

static int remembered_acronym(const tkgp_ner_rules *r, uint64_t key, tkgp_ner_type *type)
{
  for (size_t k = 0; k < r->n_acronyms; k++)
    if (r->acronym_keys[k] == key) {
      *type = r->acronym_types[k];
      return 1;
    }
  return 0;
}

/* The type of the span over word I, or TKGP_NER_NTYPES when none is. */
static tkgp_ner_type type_at(const tkgp_ner_span *spans, size_t k, size_t i)
{
  for (size_t j = 0; j < k; j++)
    if (i >= spans[j].first && i < spans[j].first + spans[j].count)
      return spans[j].type;
  return TKGP_NER_NTYPES;
}

/* "The World Health Organization (WHO) said ... WHO officials": a name
 * followed by its acronym in brackets is one name, and the acronym names
 * the same thing in the rest of the document. The type is the model's,
 * for the name or for the acronym somewhere in the sentence, or what the
 * document's acronym had before; with none, nothing changes. */
static size_t acronyms(tkgp_ner_rules *r, const tkgp_nlp_word *words, size_t n,
                       tkgp_ner_span *spans, size_t k, char *taken)
{
  for (size_t i = 1; i + 2 < n; i++) {
    const char *acr = words[i + 1].form;
    tkgp_ner_type type = TKGP_NER_NTYPES;
    uint64_t key;
    size_t start;
    if (strcmp(words[i].form, "(") != 0 || strcmp(words[i + 2].form, ")") != 0 ||
        !is_acronym(acr) || (start = acronym_name(words, n, i, acr)) == n)
      continue;
    key = name_key(words, i + 1, 1);
    for (size_t w = start; w < i && type == TKGP_NER_NTYPES; w++)
      type = type_at(spans, k, w);
    for (size_t w = 0; w < n && type == TKGP_NER_NTYPES; w++)
      if (strcmp(words[w].form, acr) == 0)
        type = type_at(spans, k, w);
    if ((type == TKGP_NER_NTYPES || type == TKGP_NER_DATE) &&
        !remembered_acronym(r, key, &type))
      continue;
    k = put_span(spans, k, start, i - start, type, taken);
    k = put_span(spans, k, i + 1, 1, type, taken);
    if (!remembered_acronym(r, key, &type) && r->n_acronyms < TKGP_NER_RULES_MAX_ACRONYMS) {
      r->acronym_keys[r->n_acronyms] = key;
      r->acronym_types[r->n_acronyms++] = type;
    }
  }
  /* the acronyms the document defined, wherever the model missed them */
  for (size_t i = 0; i < n && r->n_acronyms; i++) {
    tkgp_ner_type type;
    if (!taken[i] && is_acronym(words[i].form) &&
        remembered_acronym(r, name_key(words, i, 1), &type))
      k = put_span(spans, k, i, 1, type, taken);
  }
  return k;
}

/* Insert new event spans over words the model left untagged: after a
 * capitalized event-name word, the capitalized proper nouns that follow
 * ("Hurricane X"); and an event name met before in the document ("X"). */
static size_t add_untagged_events(const tkgp_ner_rules *r, const tkgp_lexicon *lex,
                                  const tkgp_nlp_word *words, size_t n,
                                  tkgp_ner_span *spans, size_t k, char *taken)
{
  for (size_t i = 0; i < n; i++) {
    size_t end = i + 1;
    if (taken[i] || !is_capitalized(words[i].form))
      continue;
    if (in_wordlist(&lex->event_name_words, words[i].form, 0)) {
      while (end < n && !taken[end] && is_capitalized(words[end].form) &&
             words[end].upos && strcmp(words[end].upos, "PROPN") == 0)
        end++;
      if (end == i + 1)
        continue;
    } else {
      if (r->n_event_names == 0)
        continue;
      while (end < n && !taken[end] && is_capitalized(words[end].form))
        end++;
      /* the longest run of capitalized words from I that names an event */
      while (end > i && !is_event_name(r, name_key(words, i, end - i)))
        end--;
      if (end == i)
        continue;
    }
    k = put_span(spans, k, i, end - i, TKGP_NER_EVENT, taken);
    i = end - 1;
  }
  return k;
}

/* The type "the town of X" or "the province of X" gives the name at word
 * I: CITY, PLACE, or TKGP_NER_NTYPES when the words before are no such
 * phrase. */
static tkgp_ner_type place_of(const tkgp_lexicon *lex, const tkgp_nlp_word *words, size_t i)
{
  if (i < 2 || strcmp(words[i - 1].form, "of") != 0)
    return TKGP_NER_NTYPES;
  if (in_wordlist(&lex->settlement_nouns, words[i - 2].form, 0))
    return TKGP_NER_CITY;
  if (in_wordlist(&lex->region_nouns, words[i - 2].form, 0))
    return TKGP_NER_PLACE;
  return TKGP_NER_NTYPES;
}

/* "the town of X": X is a city, though the model read a person or nothing
 * ("El X" as a person); a country's name keeps its type. */
static size_t places_named(const tkgp_lexicon *lex, const tkgp_nlp_word *words, size_t n,
                           tkgp_ner_span *spans, size_t k, char *taken)
{
  for (size_t j = 0; j < k; j++) {
    tkgp_ner_type t = place_of(lex, words, spans[j].first);
    if (t != TKGP_NER_NTYPES && spans[j].type != TKGP_NER_COUNTRY &&
        spans[j].type != TKGP_NER_DATE)
      spans[j].type = t;
  }
  for (size_t i = 2; i < n; i++) {
    tkgp_ner_type t;
    size_t end = i;
    if (taken[i] || (t = place_of(lex, words, i)) == TKGP_NER_NTYPES)
      continue;
    while (end < n && !taken[end] && is_capitalized(words[end].form) && words[end].upos &&
           strcmp(words[end].upos, "PROPN") == 0)
      end++;
    if (end > i)
      k = put_span(spans, k, i, end - i, t, taken);
  }
  return k;
}

/* A file's name ("Report.pdf", "Budget2024.xls"): a name of no one. */
static int is_file_name(const char *w)
{
  static const char *const extensions[] = {"pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx",
                                           "jpg", "jpeg", "png", "gif", "txt", "zip", "csv",
                                           NULL};
  const char *dot = w ? strrchr(w, '.') : NULL;
  for (size_t k = 0; dot && dot > w && extensions[k]; k++)
    if (strcasecmp(dot + 1, extensions[k]) == 0)
      return 1;
  return 0;
}

size_t tkgp_ner_apply_rules(tkgp_ner_rules *r, const tkgp_lexicon *lex,
                            const tkgp_nlp_word *words, size_t n,
                            tkgp_ner_span *spans, size_t k, char *taken)
{
  size_t kept = 0;

  k = acronyms(r, words, n, spans, k, taken);
  k = add_untagged_events(r, lex, words, n, spans, k, taken);
  k = places_named(lex, words, n, spans, k, taken);
  for (size_t j = 0; j < k; j++) {
    tkgp_ner_span s = spans[j];
    size_t last = s.first + s.count - 1, pn = 0, w;

    for (w = s.first; w <= last && !is_file_name(words[w].form); w++)
      ;
    if (w <= last) { /* "see Budget.xls": a file, not a name */
      memset(taken + s.first, 0, s.count);
      continue;
    }

    /* post-nominal letters: strip them from a name; letters alone right
     * after a person's name (a comma between or not) are no name */
    while (pn < s.count && in_wordlist(&lex->post_nominals, words[last - pn].form, 1))
      pn++;
    if (pn == s.count && kept > 0) {
      const tkgp_ner_span *prev = &spans[kept - 1];
      size_t prev_end = prev->first + prev->count;
      if (prev->type == TKGP_NER_PER &&
          (prev_end == s.first ||
           (prev_end + 1 == s.first && words[prev_end].form &&
            strcmp(words[prev_end].form, ",") == 0))) {
        memset(taken + s.first, 0, s.count);
        continue;
      }
    } else if (pn > 0 && pn < s.count && s.type == TKGP_NER_PER) {
      /* only from a person's name: "Columbia SC" may be a place */
      memset(taken + s.first + s.count - pn, 0, pn);
      s.count -= (uint32_t)pn;
    }

    /* event-name words: "Hurricane X", and X again later */
    if (s.count > 1 && in_wordlist(&lex->event_name_words, words[s.first].form, 0)) {
      s.type = TKGP_NER_EVENT;
      remember_event(r, name_key(words, s.first + 1, s.count - 1));
    } else if (s.first > 0 && !taken[s.first - 1] &&
               in_wordlist(&lex->event_name_words, words[s.first - 1].form, 0)) {
      s.type = TKGP_NER_EVENT;
      remember_event(r, name_key(words, s.first, s.count));
      if (is_capitalized(words[s.first - 1].form)) {
        s.first--;
        s.count++;
        taken[s.first] = 1;
      }
    } else if (s.type != TKGP_NER_EVENT && s.type != TKGP_NER_DATE && r->n_event_names &&
               is_event_name(r, name_key(words, s.first, s.count))) {
      s.type = TKGP_NER_EVENT;
    } else if (s.type == TKGP_NER_PER || s.type == TKGP_NER_LOC ||
               s.type == TKGP_NER_CITY || s.type == TKGP_NER_PLACE) {
      /* organization words; a country's name stays a country's, and a
       * person's name of two words may end in one ("Margaret Court") */
      size_t head = head_word(words, &s);
      if (is_capitalized(words[head].form) &&
          in_wordlist(&lex->org_words, words[head].form, 0) &&
          (s.type != TKGP_NER_PER || s.count > 2 || head + 1 < s.first + s.count))
        s.type = TKGP_NER_ORG;
    }
    spans[kept++] = s;
  }
  return kept;
}
