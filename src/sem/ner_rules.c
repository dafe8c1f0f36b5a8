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
 *    "Labour Party") makes it an organization, whatever the model read.
 *
 * The rules run only when the world has a lexicon, so training (which
 * scores dev sets without one) is not affected by them.
 */
#include "sem/ner_impl.h"

#include "nlp/perceptron.h"
#include "sem/lexicon.h"

#include <string.h>
#include <strings.h>

static int is_capitalized(const char *w)
{
  return w && *w >= 'A' && *w <= 'Z';
}

/* Whether W is in LIST: ignoring ASCII case, or as written when EXACT. */
static int in_wordlist(const tkgp_wordlist *list, const char *w, int exact)
{
  if (!exact)
    return tkgp_lexicon_in_list(list, w);
  for (size_t k = 0; w && k < list->n_lemmas; k++)
    if (strcmp(w, list->lemmas[k]) == 0)
      return 1;
  return 0;
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

/* Insert new event spans over words the model left untagged: after a
 * capitalized event-name word, the capitalized proper nouns that follow
 * ("Hurricane X"); and an event name met before in the document ("X"). */
static size_t add_untagged_events(const tkgp_ner_rules *r, const tkgp_lexicon *lex,
                                  const tkgp_nlp_word *words, size_t n,
                                  tkgp_ner_span *spans, size_t k, char *taken)
{
  for (size_t i = 0; i < n; i++) {
    size_t end = i + 1, at;
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
    for (at = 0; at < k && spans[at].first < i; at++)
      ;
    memmove(spans + at + 1, spans + at, (k - at) * sizeof *spans);
    spans[at].first = (uint32_t)i;
    spans[at].count = (uint32_t)(end - i);
    spans[at].type = TKGP_NER_EVENT;
    spans[at].score = 1;
    memset(taken + i, 1, end - i);
    k++;
    i = end - 1;
  }
  return k;
}

size_t tkgp_ner_apply_rules(tkgp_ner_rules *r, const tkgp_lexicon *lex,
                            const tkgp_nlp_word *words, size_t n,
                            tkgp_ner_span *spans, size_t k, char *taken)
{
  size_t kept = 0;

  k = add_untagged_events(r, lex, words, n, spans, k, taken);
  for (size_t j = 0; j < k; j++) {
    tkgp_ner_span s = spans[j];
    size_t last = s.first + s.count - 1, pn = 0;

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
      /* organization words; a country's name stays a country's */
      size_t head = head_word(words, &s);
      if (is_capitalized(words[head].form) &&
          in_wordlist(&lex->org_words, words[head].form, 0))
        s.type = TKGP_NER_ORG;
    }
    spans[kept++] = s;
  }
  return kept;
}
