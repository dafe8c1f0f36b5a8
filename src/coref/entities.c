/* entities.c - named entities and coreference over the mention list
 * SPDX-License-Identifier: MIT
 *
 * Two steps, each linear in the words of the document (coreference
 * compares a mention with a bounded window of earlier ones, see coref.c):
 *
 *   1. The statistical recognizer's spans become mentions where the
 *      gazetteer stage found nothing: the gazetteer knows countries,
 *      titles and capitals exactly, the model generalizes to every other
 *      name. A span the model calls a country is looked up in the
 *      gazetteer, so that "Britain" and "United Kingdom" are one entity.
 *
 *   2. Coreference groups mentions into chains. Walking each chain in
 *      text order:
 *        - a person's partial name ("Roe") becomes a mention of the
 *          nearest full name before it in the chain that contains it
 *          ("Jane Roe"), and so one of its alternative labels;
 *        - a pronoun or a description ("he", "the minister") becomes a
 *          mention of the nearest named entity before it in the chain;
 *        - two different full names are never merged: a resolver mistake
 *          must not make two people one.
 */
#include "coref/entities.h"
#include "coref/coref.h"

#include <stdint.h>
#include <stdio.h>

/* Earlier mentions a name is compared with. News chains are local: 100
 * covers several paragraphs, and the resolver's time grows with it. */
#define COREF_WINDOW 100
#define MATCH_LOOKBACK 32 /* resolver mentions tried for each of ours */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Word range [first, end) in the document of the bytes [start, stop). */
static int word_range(const tkgp_tokens *t, const tkgp_sentence *s, size_t start,
                      size_t stop, size_t *first, size_t *end)
{
  size_t i, lo = s->first, hi = s->first + s->count;
  *first = *end = 0;
  while (lo < hi) { /* the first word starting at or after START */
    size_t mid = lo + (hi - lo) / 2;
    if (t->tokens[mid].start < start)
      lo = mid + 1;
    else
      hi = mid;
  }
  i = lo;
  hi = s->first + s->count;
  if (i == hi)
    return -1;
  *first = i;
  for (; i < hi && t->tokens[i].end <= stop; i++)
    ;
  *end = i;
  return *end > *first ? 0 : -1;
}

/* Whether bytes [start, end) overlap one of mentions [from, to). */
static int overlaps(const tkgp_mention_list *list, size_t from, size_t to, size_t start,
                    size_t end)
{
  size_t m;
  for (m = from; m < to; m++)
    if (list->mentions[m].start < end && start < list->mentions[m].end)
      return 1;
  return 0;
}

/* Whether bytes [start, end) of sentence K overlap a mention appended
 * after FROM. Appended mentions come in text order, so only the last ones,
 * those of sentence K, need a look. */
static int overlaps_appended(const tkgp_mention_list *list, size_t from, size_t k,
                             size_t start, size_t end)
{
  size_t m;
  for (m = list->n_mentions; m-- > from && list->mentions[m].sentence == k;)
    if (list->mentions[m].start < end && start < list->mentions[m].end)
      return 1;
  return 0;
}

/* Whether bytes [start, end) of sentence K overlap one of the mentions
 * grouped by sentence in BY_SENTENCE / START_OF. */
static int overlaps_indexed(const tkgp_mention_list *list, const size_t *by_sentence,
                            const size_t *start_of, size_t k, size_t start, size_t end)
{
  size_t i;
  for (i = start_of[k]; i < start_of[k + 1]; i++) {
    const tkgp_mention *mm = &list->mentions[by_sentence[i]];
    if (mm->start < end && start < mm->end)
      return 1;
  }
  return 0;
}

/* Where the mentions of one sentence are: the gazetteer's, [from, to), and
 * those this stage has added so far, from ADDED on. */
typedef struct sentence_mentions {
  size_t index, from, to, added;
} sentence_mentions;

/* A dateline writes its place in capitals ("NEW YORK (AP) -"): the label
 * is the name as a sentence would write it ("New York"). Names with a
 * lowercase letter, or letters outside ASCII, are kept as written. */
static char *dateline_label(tkgp_arena *arena, const char *text, size_t len)
{
  char *out = tkgp_arena_strndup(arena, text, len);
  size_t k;
  int word_start = 1;
  if (!out)
    return NULL;
  for (k = 0; k < len; k++)
    if ((out[k] >= 'a' && out[k] <= 'z') || (unsigned char)out[k] >= 0x80)
      return out;
  for (k = 0; k < len; k++) {
    if (out[k] >= 'A' && out[k] <= 'Z') {
      if (!word_start)
        out[k] = (char)(out[k] + ('a' - 'A'));
      word_start = 0;
    } else {
      word_start = out[k] == ' ' || out[k] == '-';
    }
  }
  return out;
}

/* "Statistics Norway", "Air France", "the Rwandan Patriotic Front": an
 * organization the recognizer found on words [FIRST, LAST], capitalized
 * words before or after a country's name or demonym, where the gazetteer
 * stage took those words for the country. The country's mention becomes
 * the organization's. Whether it did. */
static int agency_over_country(tkgp_mention_list *list, const tkgp_entity_input *in,
                               tkgp_arena *arena, const sentence_mentions *sm,
                               size_t first, size_t last)
{
  const tkgp_tokens *t = in->tokens;
  size_t start = t->tokens[first].start, end = t->tokens[last].end, m, found = (size_t)-1, i;
  tkgp_mention *mm;
  const char *label;
  for (m = sm->from; m < sm->to; m++) {
    if (!(list->mentions[m].start < end && start < list->mentions[m].end))
      continue;
    if (found != (size_t)-1)
      return 0; /* two: "Food Standards Australia New Zealand" stays as it is */
    found = m;
  }
  if (found == (size_t)-1 || overlaps(list, sm->added, list->n_mentions, start, end))
    return 0;
  mm = &list->mentions[found];
  if ((mm->kind != TKGP_MENTION_NAME && mm->kind != TKGP_MENTION_DEMONYM) ||
      mm->entity.cls != TKGP_CLASS_COUNTRY || mm->start < start || mm->end > end ||
      (mm->start == start) == (mm->end == end))
    return 0; /* not at one end of the name, or the whole name */
  if (mm->kind == TKGP_MENTION_DEMONYM && mm->start != start)
    return 0; /* "the Corporation's French": a demonym ends no name */
  /* The other words are capitalized: "Bank of Norway", "the Norway
   * office" and "French troops" are no organization's names. */
  for (i = first; i <= last; i++)
    if ((t->tokens[i].start < mm->start || t->tokens[i].start >= mm->end) &&
        (!(t->tokens[i].flags & TKGP_TOKEN_CAPITALIZED) ||
         (t->tokens[i].flags & TKGP_TOKEN_PUNCT)))
      return 0;
  if (!(label = tkgp_arena_strndup(arena, in->text + start, end - start)))
    return 0;
  memset(&mm->entity, 0, sizeof mm->entity);
  mm->kind = TKGP_MENTION_NAME;
  mm->entity.cls = TKGP_CLASS_ORGANIZATION;
  mm->entity.label = label;
  mm->start = start;
  mm->end = end;
  return 1;
}

/* Add the name the recognizer found on words [FIRST, LAST] of sentence S,
 * unless the gazetteer stage has it already or it is no name. */
static int add_ner_span(tkgp_mention_list *list, const tkgp_entity_input *in,
                        tkgp_arena *arena, const tkgp_sentence *s,
                        const sentence_mentions *sm, size_t first, size_t last,
                        tkgp_ner_type type)
{
  const tkgp_tokens *t = in->tokens;
  size_t start, end, idx;
  tkgp_entity_ref ref;
  /* "Roe's": the possessive is not part of the name. */
  while (last > first && (strcmp(t->tokens[last].form, "'s") == 0 ||
                          strcmp(t->tokens[last].form, "\xe2\x80\x99s") == 0 ||
                          (t->tokens[last].flags & TKGP_TOKEN_PUNCT)))
    last--;
  /* "Ann Chiang of DAB", "the party's Regina Ip": a person's name holds
   * neither "of" nor a possessive; the person is the name next to the
   * title or the possessor, the rest names something else. */
  if (type == TKGP_NER_PER) {
    size_t p;
    for (p = first + 1; p < last; p++)
      if (strcmp(t->tokens[p].form, "of") == 0) {
        last = p - 1;
        break;
      }
    for (p = last; p > first; p--)
      if (strcmp(t->tokens[p - 1].form, "'s") == 0 ||
          strcmp(t->tokens[p - 1].form, "\xe2\x80\x99s") == 0) {
        first = p;
        break;
      }
  }
  start = t->tokens[first].start;
  end = t->tokens[last].end;
  if (type == TKGP_NER_ORG && agency_over_country(list, in, arena, sm, first, last))
    return 0;
  if (type == TKGP_NER_DATE || overlaps(list, sm->from, sm->to, start, end) ||
      overlaps(list, sm->added, list->n_mentions, start, end))
    return 0;
  /* A dateline names a place and a news agency, never a person:
   * "GENEVA (Reuters) -". The agency is the name in brackets, whatever
   * type the recognizer gave it. */
  if ((t->tokens[first].flags & TKGP_TOKEN_DATELINE) && first > s->first &&
      strcmp(t->tokens[first - 1].form, "(") == 0 && last + 1 < s->first + s->count &&
      strcmp(t->tokens[last + 1].form, ")") == 0)
    type = TKGP_NER_ORG;
  if (type == TKGP_NER_PER && (t->tokens[first].flags & TKGP_TOKEN_DATELINE))
    return 0;
  /* "The Foreign Minister attended": a title alone, with or without its
   * determiner, names no one. */
  {
    size_t from = first;
    while (from < last && (strcasecmp(t->tokens[from].form, "the") == 0 ||
                           strcasecmp(t->tokens[from].form, "a") == 0))
      from++;
    if (tkgp_gazetteer_match(in->gazetteer, TKGP_PHRASE_TITLE, t->tokens, from, last + 1,
                             &idx) == last + 1 - from)
      return 0;
  }
  /* A country's name before another capitalized word is part of a longer
   * name ("America First"): the gazetteer stage said no. */
  if (type == TKGP_NER_COUNTRY && last + 1 < s->first + s->count &&
      (t->tokens[last + 1].flags & TKGP_TOKEN_CAPITALIZED) &&
      !(t->tokens[last + 1].flags & TKGP_TOKEN_PUNCT))
    return 0;
  memset(&ref, 0, sizeof ref);
  switch (type) {
  case TKGP_NER_PER: ref.cls = TKGP_CLASS_PERSON; break;
  case TKGP_NER_ORG: ref.cls = TKGP_CLASS_ORGANIZATION; break;
  case TKGP_NER_CITY: ref.cls = TKGP_CLASS_CITY; break;
  case TKGP_NER_EVENT: ref.cls = TKGP_CLASS_EVENT; break;
  case TKGP_NER_COUNTRY:
    if (tkgp_gazetteer_match(in->gazetteer, TKGP_PHRASE_COUNTRY, t->tokens, first, last + 1,
                             &idx) == last + 1 - first) {
      ref.cls = TKGP_CLASS_COUNTRY;
      ref.country = &in->gazetteer->countries[idx];
      ref.label = ref.country->label;
      break;
    }
    ref.cls = TKGP_CLASS_PLACE;
    break;
  default: ref.cls = TKGP_CLASS_PLACE; break;
  }
  if (!ref.label)
    ref.label = (t->tokens[first].flags & TKGP_TOKEN_DATELINE)
                    ? dateline_label(arena, in->text + start, end - start)
                    : tkgp_arena_strndup(arena, in->text + start, end - start);
  if (!ref.label ||
      tkgp_mentions_add(list, start, end, sm->index, TKGP_MENTION_NAME, &ref, NULL) < 0)
    return TKG_ENOMEM;
  return 0;
}

/* A document names one thing one way: a name the recognizer typed an
 * organization more often than a person is an organization's each time,
 * and the other way round ("Sikorsky said it would cut jobs. ... Sikorsky
 * shares fell."). A longer name that ends in an organization word is
 * sure to be one, and counts twice for its shorter form ("Northrop
 * Grumman Corp." for "Northrop Grumman"). Ties leave each mention as the
 * recognizer typed it. Sorting keeps this O(m log m) in the recognizer's
 * mentions M. */
typedef struct name_vote {
  const char *label;
  size_t mention;
} name_vote;

static int by_vote_label(const void *a, const void *b)
{
  const name_vote *x = a, *y = b;
  int c = strcmp(x->label, y->label);
  return c ? c : x->mention < y->mention ? -1 : x->mention > y->mention;
}

/* The votes in V[0, N) with label LABEL (LEN bytes, not NUL-terminated):
 * the first index, or N. */
static size_t first_vote(const name_vote *v, size_t n, const char *label, size_t len)
{
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = strncmp(v[mid].label, label, len);
    if (c == 0 && v[mid].label[len])
      c = 1;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < n && strncmp(v[lo].label, label, len) == 0 && !v[lo].label[len] ? lo : n;
}

static int type_names_by_majority(tkgp_mention_list *list, size_t from,
                                  const tkgp_lexicon *lexicon)
{
  name_vote *v = malloc((list->n_mentions - from + 1) * sizeof *v);
  size_t *orgs, n = 0;
  if (!v)
    return TKG_ENOMEM;
  for (size_t m = from; m < list->n_mentions; m++) {
    const tkgp_mention *mm = &list->mentions[m];
    if (mm->kind == TKGP_MENTION_NAME && mm->entity.label &&
        (mm->entity.cls == TKGP_CLASS_PERSON || mm->entity.cls == TKGP_CLASS_ORGANIZATION))
      v[n++] = (name_vote){mm->entity.label, m};
  }
  qsort(v, n, sizeof *v, by_vote_label);
  /* ORGS[i]: the organization votes for the label of group i's first vote */
  if (!(orgs = calloc(n + 1, sizeof *orgs))) {
    free(v);
    return TKG_ENOMEM;
  }
  for (size_t i = 0; i < n; i++) {
    const tkgp_mention *mm = &list->mentions[v[i].mention];
    const char *space = strrchr(v[i].label, ' ');
    size_t g;
    if (mm->entity.cls != TKGP_CLASS_ORGANIZATION)
      continue;
    g = first_vote(v, n, v[i].label, strlen(v[i].label));
    orgs[g]++;
    if (space && lexicon && tkgp_lexicon_in_list(&lexicon->org_words, space + 1) &&
        (g = first_vote(v, n, v[i].label, (size_t)(space - v[i].label))) < n)
      orgs[g] += 2;
  }
  for (size_t i = 0, j; i < n; i = j) {
    size_t people = 0;
    for (j = i; j < n && strcmp(v[j].label, v[i].label) == 0; j++)
      people += list->mentions[v[j].mention].entity.cls == TKGP_CLASS_PERSON;
    if (orgs[i] == people)
      continue;
    for (size_t k = i; k < j; k++)
      list->mentions[v[k].mention].entity.cls =
          orgs[i] > people ? TKGP_CLASS_ORGANIZATION : TKGP_CLASS_PERSON;
  }
  free(orgs);
  free(v);
  return 0;
}

static int add_ner_mentions(tkgp_mention_list *list, const tkgp_entity_input *in,
                            tkgp_arena *arena)
{
  const tkgp_tokens *t = in->tokens;
  size_t k, j, n_found = list->n_mentions, at = 0, piece;

  tkgp_ner_begin_document(in->ner);
  for (k = 0; k < t->n_sentences; k++) {
    const tkgp_sentence *s = &t->sentences[k];
    sentence_mentions sm;
    /* The gazetteer's mentions come in sentence order. */
    while (at < n_found && list->mentions[at].sentence < k)
      at++;
    sm.index = k;
    sm.from = at;
    while (at < n_found && list->mentions[at].sentence == k)
      at++;
    sm.to = at;
    sm.added = list->n_mentions;
    /* A sentence of thousands of words (text without stops) is tagged in
     * the windows it was parsed in, so that memory stays bounded. */
    for (piece = 0; piece < s->count; piece += in->window) {
      size_t n = s->count - piece < in->window ? s->count - piece : in->window, n_spans;
      const tkgp_ner_span *spans;
      if (tkgp_ner_tag(in->ner, in->words + s->first + piece, n, &spans, &n_spans) < 0)
        return TKG_ENOMEM;
      for (j = 0; j < n_spans; j++) {
        size_t first = s->first + piece + spans[j].first;
        if (add_ner_span(list, in, arena, s, &sm, first, first + spans[j].count - 1,
                         spans[j].type) < 0)
          return TKG_ENOMEM;
      }
    }
  }
  return type_names_by_majority(list, n_found,
                                in->gazetteer ? in->gazetteer->lexicon : NULL);
}

/* ---- coreference ------------------------------------------------------------ */

static tkgp_coref_type coref_type(tkgp_entity_class cls)
{
  switch (cls) {
  case TKGP_CLASS_PERSON: return TKGP_COREF_PERSON;
  case TKGP_CLASS_ORGANIZATION: return TKGP_COREF_ORG;
  case TKGP_CLASS_COUNTRY:
  case TKGP_CLASS_CITY:
  case TKGP_CLASS_PLACE: return TKGP_COREF_PLACE;
  case TKGP_CLASS_EVENT:
  case TKGP_CLASS_MEETING: return TKGP_COREF_EVENT;
  default: return TKGP_COREF_OTHER;
  }
}

/* Whether the words of name A all occur in name B, in order: "Roe" in
 * "Jane Roe", "Smith" in "John Smith". Words are separated by spaces
 * or hyphens. */
static int name_within(const char *a, const char *b)
{
  while (*a) {
    size_t la = strcspn(a, " -"), lb;
    int found = 0;
    while (*b && !found) {
      lb = strcspn(b, " -");
      found = la == lb && strncmp(a, b, la) == 0;
      b += lb;
      b += strspn(b, " -");
    }
    if (!found)
      return 0;
    a += la;
    a += strspn(a, " -");
  }
  return 1;
}

/* A label that is one word of capitals: "WHO", "IMF". */
static int is_acronym_label(const char *label)
{
  const char *p = label;
  while (*p >= 'A' && *p <= 'Z')
    p++;
  return *p == 0 && p - label >= 2;
}

/* One run of the resolver over the document: our mentions grouped by
 * sentence, the resolver's sentences mapped back to ours, and the
 * resolver's mentions matched with ours. */
typedef struct coref_run {
  tkgp_mention_list *list;
  const tkgp_entity_input *in;
  tkgp_coref *coref;
  size_t n_ours;            /* our mentions before the resolver adds any */
  size_t *by_sentence;      /* our mentions, sentence by sentence */
  size_t *start_of;         /* sentence -> its first entry of by_sentence */
  char *titled;             /* our mention -> whether it holds a title */
  size_t *sentence_of;      /* the resolver's sentence -> ours */
  const tkgp_coref_mention *cm;
  size_t n_cm;
  long *ours_of;            /* coref mention -> our mention, or -1 */
} coref_run;

/* Our mentions by sentence (a counting sort), and which are titled. */
static void index_by_sentence(coref_run *r)
{
  const tkgp_mention_list *list = r->list;
  size_t m, k, n_sentences = r->in->tokens->n_sentences;
  for (m = 0; m < r->n_ours; m++) {
    r->start_of[list->mentions[m].sentence + 2]++;
    if (list->mentions[m].holder >= 0)
      r->titled[list->mentions[m].holder] = 1;
  }
  for (k = 2; k < n_sentences + 2; k++)
    r->start_of[k] += r->start_of[k - 1];
  for (m = 0; m < r->n_ours; m++)
    r->by_sentence[r->start_of[list->mentions[m].sentence + 1]++] = m;
}

/* Give sentence K to the resolver in windows of in->window words, each a
 * sentence of its own for it; PIECE counts the resolver's sentences. */
static int add_sentence_pieces(coref_run *r, size_t k, tkgp_nlp_word *piece_words,
                               size_t *piece)
{
  const tkgp_entity_input *in = r->in;
  const tkgp_sentence *s = &in->tokens->sentences[k];
  size_t at;
  int rc;
  for (at = 0; at < s->count; at += in->window) {
    size_t n = s->count - at < in->window ? s->count - at : in->window, j;
    const tkgp_nlp_word *w = in->words + s->first + at;
    if (at) {
      /* Heads count from the sentence's start; the piece is a sentence
       * of its own for the resolver (the resolver copies the words). */
      memcpy(piece_words, w, n * sizeof *w);
      for (j = 0; j < n; j++)
        if (piece_words[j].head > 0)
          piece_words[j].head -= (int)at;
      w = piece_words;
    }
    if ((rc = tkgp_coref_add_sentence(r->coref, w, n)) < 0)
      return rc;
    r->sentence_of[(*piece)++] = k;
  }
  return 0;
}

/* Give the resolver our names of sentence K, whose first piece is the
 * resolver's sentence PIECE0. A name it cannot take is left out. */
static int add_sentence_names(coref_run *r, size_t k, size_t piece0)
{
  const tkgp_entity_input *in = r->in;
  const tkgp_tokens *t = in->tokens;
  const tkgp_sentence *s = &t->sentences[k];
  size_t i;
  for (i = r->start_of[k]; i < r->start_of[k + 1]; i++) {
    const tkgp_mention *mm = &r->list->mentions[r->by_sentence[i]];
    size_t first, end, w;
    int rc;
    if (mm->kind != TKGP_MENTION_NAME && mm->kind != TKGP_MENTION_METONYM)
      continue;
    if (word_range(t, s, mm->start, mm->end, &first, &end) < 0)
      continue;
    w = (first - s->first) / in->window;
    if ((end - 1 - s->first) / in->window != w)
      continue; /* across two pieces: the resolver cannot take it */
    rc = tkgp_coref_add_mention(r->coref, piece0 + w, first - s->first - w * in->window,
                                end - s->first - w * in->window, coref_type(mm->entity.cls),
                                (r->titled[r->by_sentence[i]] ? TKGP_COREF_TITLED : 0) |
                                    (mm->kind == TKGP_MENTION_NAME ? TKGP_COREF_NAME : 0));
    if (rc < 0 && rc != TKG_EINVAL)
      return rc;
  }
  return 0;
}

/* Each sentence, then its names: the resolver merges an added mention
 * with the one it detected at the same place by looking back over the
 * current sentence only. A very long sentence is given to the resolver
 * in windows, the pieces it was parsed in: its cost grows faster than
 * linearly with the length of a sentence. */
static int feed_resolver(coref_run *r)
{
  const tkgp_entity_input *in = r->in;
  const tkgp_tokens *t = in->tokens;
  size_t k, n_pieces = 0, piece = 0;
  tkgp_nlp_word *piece_words;
  int rc = TKG_ENOMEM;
  for (k = 0; k < t->n_sentences; k++)
    n_pieces += (t->sentences[k].count + in->window - 1) / in->window;
  r->sentence_of = malloc((n_pieces + 1) * sizeof *r->sentence_of);
  piece_words = malloc((in->window + 1) * sizeof *piece_words);
  if (!r->sentence_of || !piece_words)
    goto done;
  for (k = 0; k < t->n_sentences; k++) {
    size_t piece0 = piece;
    if ((rc = add_sentence_pieces(r, k, piece_words, &piece)) < 0 ||
        (rc = add_sentence_names(r, k, piece0)) < 0)
      goto done;
  }
  rc = 0;
done:
  free(piece_words);
  return rc;
}

/* The resolver's mention that stands for our name MM, or (size_t)-1.
 * Ours are names, so the name's words; the resolver's span may add a
 * determiner. A span holding ours starts at or before it: look back from
 * the last of the resolver's mentions that start there, a bounded number
 * of them. */
static size_t resolver_mention_of(const coref_run *r, const tkgp_mention *mm)
{
  const tkgp_tokens *t = r->in->tokens;
  const tkgp_coref_mention *cm = r->cm;
  size_t lo = 0, hi = r->n_cm, first, end, looked = 0, i;
  if (word_range(t, &t->sentences[mm->sentence], mm->start, mm->end, &first, &end) < 0)
    return (size_t)-1;
  while (lo < hi) { /* the first of the resolver's mentions after FIRST */
    size_t mid = lo + (hi - lo) / 2;
    if (cm[mid].start <= first)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (i = lo; i-- > 0 && r->sentence_of[cm[i].sentence] == mm->sentence &&
               looked++ < MATCH_LOOKBACK;) {
    size_t ws = t->tokens[cm[i].start].start, we = t->tokens[cm[i].end - 1].end;
    if (ws <= mm->start && mm->end <= we && t->tokens[cm[i].name_head].start >= mm->start &&
        t->tokens[cm[i].name_head].end <= mm->end)
      return i;
  }
  return (size_t)-1;
}

/* Match the resolver's mentions with our names by span (ours_of). */
static void match_our_names(coref_run *r)
{
  size_t m, i;
  for (i = 0; i < r->n_cm; i++)
    r->ours_of[i] = -1;
  for (m = 0; m < r->n_ours; m++) {
    const tkgp_mention *mm = &r->list->mentions[m];
    if (mm->kind != TKGP_MENTION_NAME && mm->kind != TKGP_MENTION_METONYM)
      continue;
    if ((i = resolver_mention_of(r, mm)) != (size_t)-1)
      r->ours_of[i] = (long)m;
  }
}

/* TKG_DEBUG_COREF: each of the resolver's mentions, its chain and ours. */
static void print_chains(const coref_run *r)
{
  const tkgp_tokens *t = r->in->tokens;
  const tkgp_coref_mention *cm = r->cm;
  size_t i;
  for (i = 0; i < r->n_cm; i++)
    fprintf(stderr, "coref %zu chain %zu ours %ld: %.*s\n", i, cm[i].chain, r->ours_of[i],
            (int)(t->tokens[cm[i].end - 1].end - t->tokens[cm[i].start].start),
            r->in->text + t->tokens[cm[i].start].start);
}

/* Our mention whose entity the resolver's mention I takes, or -1: for a
 * mention of ours none, the nearest named one before it in its chain;
 * for a partial name ("Roe") the nearest full name before it that holds
 * it; for an acronym ("WHO") the nearest name it abbreviates. */
static long nearest_named(const coref_run *r, size_t i)
{
  const tkgp_mention *mentions = r->list->mentions;
  const tkgp_coref_mention *cm = r->cm;
  size_t c = cm[i].chain, j;
  long o = r->ours_of[i];
  if (c >= r->n_cm)
    return -1;
  for (j = i; j-- > 0 && i - j <= TKGP_COREF_WINDOW;) {
    const tkgp_mention *prev;
    if (cm[j].chain != c || r->ours_of[j] < 0)
      continue;
    prev = &mentions[r->ours_of[j]];
    if (o < 0)
      return r->ours_of[j];
    if (prev->entity.cls == TKGP_CLASS_PERSON && mentions[o].entity.cls == TKGP_CLASS_PERSON &&
        strlen(prev->entity.label) > strlen(mentions[o].entity.label) &&
        name_within(mentions[o].entity.label, prev->entity.label))
      return r->ours_of[j];
    /* "the World Health Organization ... WHO": the resolver chains an
     * acronym with the name it abbreviates (its alias sieve) */
    if (prev->entity.cls == TKGP_CLASS_ORGANIZATION &&
        mentions[o].entity.cls == TKGP_CLASS_ORGANIZATION &&
        is_acronym_label(mentions[o].entity.label) && !is_acronym_label(prev->entity.label))
      return r->ours_of[j];
  }
  return -1;
}

/* The resolver's pronoun or description I becomes a mention of the
 * entity of our mention NAMED. */
static int add_chain_mention(coref_run *r, size_t i, long named)
{
  const tkgp_tokens *t = r->in->tokens;
  const tkgp_coref_mention *cm = &r->cm[i];
  tkgp_entity_ref ref = r->list->mentions[named].entity;
  size_t start = t->tokens[cm->start].start, end = t->tokens[cm->end - 1].end;
  size_t k = r->sentence_of[cm->sentence];
  /* A description that holds the name ("US Secretary of State Jane
   * Roe in attendance") is not a mention of its own. */
  if (overlaps_indexed(r->list, r->by_sentence, r->start_of, k, start, end) ||
      overlaps_appended(r->list, r->n_ours, k, start, end))
    return 0;
  if (tkgp_mentions_add(r->list, start, end, k,
                        cm->kind == TKGP_COREF_PRONOUN ? TKGP_MENTION_PRONOUN
                                                       : TKGP_MENTION_NOMINAL,
                        &ref, NULL) < 0)
    return TKG_ENOMEM;
  return 0;
}

/* Walk the chains in text order. A pronoun or description takes the
 * entity of the nearest named mention before it in its chain; a partial
 * name takes the nearest full name before it that contains it. Going by
 * nearness rather than by one entity per chain keeps a resolver mistake
 * (two people in one chain) local. */
static int walk_chains(coref_run *r)
{
  size_t i;
  for (i = 0; i < r->n_cm; i++) {
    long o = r->ours_of[i], named = nearest_named(r, i);
    if (named < 0)
      continue;
    if (o >= 0) {
      r->list->mentions[o].entity = r->list->mentions[named].entity;
      continue;
    }
    if (r->cm[i].kind == TKGP_COREF_PROPER)
      continue; /* a name we did not recognize: no claim on it */
    if (add_chain_mention(r, i, named) < 0)
      return TKG_ENOMEM;
  }
  return 0;
}

static int resolve(tkgp_mention_list *list, const tkgp_entity_input *in)
{
  coref_run r;
  tkgp_coref_options options;
  int rc = TKG_ENOMEM;

  memset(&r, 0, sizeof r);
  r.list = list;
  r.in = in;
  r.n_ours = list->n_mentions;
  r.by_sentence = malloc((r.n_ours + 1) * sizeof *r.by_sentence);
  r.start_of = calloc(in->tokens->n_sentences + 2, sizeof *r.start_of);
  r.titled = calloc(r.n_ours + 1, 1);
  memset(&options, 0, sizeof options);
  options.window = COREF_WINDOW;
  if (!r.by_sentence || !r.start_of || !r.titled ||
      tkgp_coref_new(&r.coref, in->gazetteer, &options) < 0)
    goto cleanup;
  index_by_sentence(&r);
  if ((rc = feed_resolver(&r)) < 0 || (rc = tkgp_coref_resolve(r.coref)) < 0)
    goto cleanup;
  rc = TKG_ENOMEM;
  r.cm = tkgp_coref_mentions(r.coref, &r.n_cm);
  r.ours_of = malloc((r.n_cm + 1) * sizeof *r.ours_of);
  if (!r.ours_of)
    goto cleanup;
  match_our_names(&r);
  if (getenv("TKG_DEBUG_COREF"))
    print_chains(&r);
  if (walk_chains(&r) < 0)
    goto cleanup;
  rc = 0;

cleanup:
  free(r.ours_of);
  free(r.by_sentence);
  free(r.start_of);
  free(r.sentence_of);
  free(r.titled);
  tkgp_coref_free(r.coref);
  return rc;
}

/* The document's distinct full names, with where each first appears,
 * and an index of their words, so that a short name is compared only
 * with the names that hold its word. */
typedef struct name_word {
  const char *word; /* inside the name's label; LEN bytes, up to " " or "-" */
  size_t len, name;
} name_word;

typedef struct full_names {
  const tkgp_entity_ref **name;
  size_t *first_at, n;
  name_word *words;
  size_t n_words;
} full_names;

static int word_cmp(const char *a, size_t la, const char *b, size_t lb)
{
  int d = memcmp(a, b, la < lb ? la : lb);
  return d ? d : (la > lb) - (la < lb);
}

static int by_word(const void *x, const void *y)
{
  const name_word *a = x, *b = y;
  int d = word_cmp(a->word, a->len, b->word, b->len);
  return d ? d : (a->name > b->name) - (a->name < b->name);
}

/* The full name that short name LABEL at byte START stands for: the one
 * full name named before it that contains it, else, when none was, the
 * one full name of the whole document that does ("Roe said ... Jane Roe,
 * the minister"). NULL when there are two ("Jane Roe", "John Roe"). */
static const tkgp_entity_ref *full_name_of(const full_names *fn, tkgp_entity_class cls,
                                           const char *label, size_t start)
{
  const tkgp_entity_ref *before = NULL, *anywhere = NULL;
  size_t n_before = 0, n_anywhere = 0, lo = 0, hi = fn->n_words, k, last = (size_t)-1;
  size_t len = strcspn(label, " -");
  while (lo < hi) { /* the first entry of LABEL's first word */
    size_t mid = lo + (hi - lo) / 2;
    if (word_cmp(fn->words[mid].word, fn->words[mid].len, label, len) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (k = lo; k < fn->n_words && word_cmp(fn->words[k].word, fn->words[k].len, label, len) == 0;
       k++) {
    size_t i = fn->words[k].name;
    if (i == last || fn->name[i]->cls != cls || !name_within(label, fn->name[i]->label))
      continue; /* "Mohamed El-Hassan Mohamed" holds "Mohamed" twice */
    last = i;
    n_anywhere++;
    anywhere = fn->name[i];
    if (fn->first_at[i] < start) {
      n_before++;
      before = fn->name[i];
    }
  }
  if (n_before)
    return n_before == 1 ? before : NULL;
  return n_anywhere == 1 ? anywhere : NULL;
}

/* Whether names of class CLS are shortened to one word later in a text:
 * persons ("Roe"), and named events ("Hurricane X" ... "X"). */
static int shortened_class(tkgp_entity_class cls)
{
  return cls == TKGP_CLASS_PERSON || cls == TKGP_CLASS_EVENT;
}

/* Point E, met at byte START, at the full name its short name stands for:
 * a person or an event, or the holder a role without a country is tied to. */
static void to_full_name(tkgp_entity_ref *e, size_t start, const full_names *fn)
{
  const tkgp_entity_ref *found;
  if (shortened_class(e->cls) && !strchr(e->label, ' ')) {
    if ((found = full_name_of(fn, e->cls, e->label, start)))
      *e = *found;
  } else if (e->cls == TKGP_CLASS_ROLE && e->holder && !strchr(e->holder, ' ')) {
    if ((found = full_name_of(fn, TKGP_CLASS_PERSON, e->holder, start)))
      e->holder = found->label;
  }
}

/* A one-word name of a person that coreference left on its own ("Roe")
 * is a mention of the full name that contains it (see full_name_of), and
 * so are the pronouns and descriptions its chain gave it. */
typedef struct named {
  const tkgp_entity_ref *entity;
  size_t start;
} named;

static int by_label_then_start(const void *x, const void *y)
{
  const named *a = x, *b = y;
  int d = strcmp(a->entity->label, b->entity->label);
  return d ? d : (a->start > b->start) - (a->start < b->start);
}

/* Fill FN with the distinct full names (labels with a space) of the
 * person and event names of LIST, each where it first appears, and their
 * words. */
static int collect_full_names(const tkgp_mention_list *list, full_names *fn)
{
  named *all;
  size_t n = 0, m, k, n_words = 0;
  memset(fn, 0, sizeof *fn);
  if (!(all = malloc((list->n_mentions + 1) * sizeof *all)))
    return TKG_ENOMEM;
  for (m = 0; m < list->n_mentions; m++) {
    const tkgp_mention *mm = &list->mentions[m];
    if (mm->kind == TKGP_MENTION_NAME && shortened_class(mm->entity.cls) &&
        strchr(mm->entity.label, ' ')) {
      all[n].entity = &mm->entity;
      all[n++].start = mm->start;
      n_words += strlen(mm->entity.label); /* a bound on its words */
    }
  }
  qsort(all, n, sizeof *all, by_label_then_start);
  fn->name = malloc((n + 1) * sizeof *fn->name);
  fn->first_at = malloc((n + 1) * sizeof *fn->first_at);
  fn->words = malloc((n_words + 1) * sizeof *fn->words);
  if (!fn->name || !fn->first_at || !fn->words) {
    free(all);
    return TKG_ENOMEM;
  }
  for (m = 0; m < n; m++) {
    const char *w;
    if (m && strcmp(all[m].entity->label, all[m - 1].entity->label) == 0)
      continue; /* sorted by start within a label: the first is kept */
    k = fn->n++;
    fn->name[k] = all[m].entity;
    fn->first_at[k] = all[m].start;
    for (w = all[m].entity->label; *w;) {
      size_t len = strcspn(w, " -");
      if (len) {
        fn->words[fn->n_words].word = w;
        fn->words[fn->n_words].len = len;
        fn->words[fn->n_words++].name = k;
      }
      w += len;
      w += strspn(w, " -");
    }
  }
  qsort(fn->words, fn->n_words, sizeof *fn->words, by_word);
  free(all);
  return 0;
}

/* A one-word name of a person that coreference left on its own ("Roe")
 * is a mention of the full name that contains it (see full_name_of), and
 * so are the pronouns and descriptions its chain gave it. */
static int resolve_short_names(tkgp_mention_list *list)
{
  full_names fn;
  size_t *sentence_at = NULL, m, k, n_sentences = 0;
  int rc = TKG_ENOMEM;

  if (collect_full_names(list, &fn) < 0)
    goto done;
  /* Every person mention with a short name, names and pronouns alike,
   * the roles held by a short name, and the relations the mention stage
   * gave them ("holdsRole"; placed where their sentence's mentions begin). */
  for (m = 0; m < list->n_mentions && fn.n; m++)
    to_full_name(&list->mentions[m].entity, list->mentions[m].start, &fn);
  for (m = 0; m < list->n_mentions; m++)
    if (list->mentions[m].sentence >= n_sentences)
      n_sentences = list->mentions[m].sentence + 1;
  for (m = 0; m < list->n_relations; m++)
    if (list->relations[m].sentence >= n_sentences)
      n_sentences = list->relations[m].sentence + 1;
  if (!(sentence_at = malloc((n_sentences + 1) * sizeof *sentence_at)))
    goto done;
  for (k = 0; k < n_sentences; k++)
    sentence_at[k] = (size_t)-1;
  for (m = 0; m < list->n_mentions; m++) /* where each sentence's mentions begin */
    if (list->mentions[m].start < sentence_at[list->mentions[m].sentence])
      sentence_at[list->mentions[m].sentence] = list->mentions[m].start;
  for (m = 0; m < list->n_relations && fn.n; m++) {
    tkgp_relation *r = &list->relations[m];
    to_full_name(&r->subject, sentence_at[r->sentence], &fn);
    to_full_name(&r->object, sentence_at[r->sentence], &fn);
  }
  rc = 0;
done:
  free(fn.name);
  free(fn.first_at);
  free(fn.words);
  free(sentence_at);
  return rc;
}

/* Every entity LIST names, K from 0 to n_refs(): the mentions' entities,
 * then each relation's subject and object. */
static size_t n_refs(const tkgp_mention_list *list)
{
  return list->n_mentions + 2 * list->n_relations;
}

static tkgp_entity_ref *nth_ref(tkgp_mention_list *list, size_t k)
{
  tkgp_relation *r;
  if (k < list->n_mentions)
    return &list->mentions[k].entity;
  r = &list->relations[(k - list->n_mentions) / 2];
  return (k - list->n_mentions) % 2 ? &r->object : &r->subject;
}

#define ROLES_KEPT 256 /* roles with a country a country-less one is compared with */

/* "President Jane Roe" after "US President Jane Roe": a role with no
 * country, tied to its holder, is the role of the same title with a
 * country that the same person holds in the document. Mentions and the
 * relations of the mention stage ("holdsRole") follow. */
static void join_roles(tkgp_mention_list *list)
{
  const tkgp_entity_ref *known[ROLES_KEPT];
  const char *holder[ROLES_KEPT];
  size_t n_known = 0, m, k;
  for (m = 0; m < list->n_mentions && n_known < ROLES_KEPT; m++) {
    const tkgp_mention *mm = &list->mentions[m];
    if (mm->kind != TKGP_MENTION_TITLE || mm->holder < 0 || !mm->entity.country)
      continue;
    known[n_known] = &mm->entity;
    holder[n_known++] = list->mentions[mm->holder].entity.label;
  }
  if (!n_known)
    return;
  for (m = 0; m < n_refs(list); m++) {
    tkgp_entity_ref *e = nth_ref(list, m);
    if (e->cls != TKGP_CLASS_ROLE || e->country || !e->holder)
      continue;
    for (k = 0; k < n_known; k++)
      if (known[k]->title == e->title && strcmp(holder[k], e->holder) == 0) {
        *e = *known[k];
        break;
      }
  }
}

#define ORGS_KEPT 256 /* organization names ending in an organization word */

/* "Norvex" after (or before) "Norvex Corp.": an organization named without
 * the organization word its full name ends in is the same organization,
 * when one name of the document ends so. Mentions, the roles of the
 * organization and the relations of the mention stage follow. */
static void join_organization_names(tkgp_mention_list *list, const tkgp_lexicon *lex)
{
  const tkgp_entity_ref *full[ORGS_KEPT];
  size_t base_len[ORGS_KEPT], n_full = 0, m, k;
  for (m = 0; m < list->n_mentions && n_full < ORGS_KEPT; m++) {
    const tkgp_entity_ref *e = &list->mentions[m].entity;
    size_t len;
    if (list->mentions[m].kind != TKGP_MENTION_NAME || e->cls != TKGP_CLASS_ORGANIZATION ||
        !(len = tkgp_lexicon_org_base_length(lex, e->label)))
      continue;
    for (k = 0; k < n_full && strcmp(full[k]->label, e->label) != 0; k++)
      ;
    if (k == n_full) {
      full[n_full] = e;
      base_len[n_full++] = len;
    }
  }
  if (!n_full)
    return;
  for (m = 0; m < n_refs(list); m++) {
    tkgp_entity_ref *e = nth_ref(list, m);
    const char **name = e->cls == TKGP_CLASS_ORGANIZATION ? &e->label
                        : e->cls == TKGP_CLASS_ROLE && e->org ? &e->org : NULL;
    const tkgp_entity_ref *found = NULL;
    size_t n_found = 0;
    if (!name)
      continue;
    for (k = 0; k < n_full; k++)
      if (strlen(*name) == base_len[k] && strncmp(*name, full[k]->label, base_len[k]) == 0) {
        found = full[k];
        n_found++;
      }
    if (n_found != 1) /* "Green Party" and "Green Group": neither */
      continue;
    if (e->cls == TKGP_CLASS_ORGANIZATION)
      *e = *found;
    else
      e->org = found->label;
  }
}

/* An organization's name mention and where it ends, for finding the one
 * right before a title. */
typedef struct org_end {
  size_t end, mention;
} org_end;

static int by_end(const void *a, const void *b)
{
  const org_end *x = a, *y = b;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return (x->mention > y->mention) - (x->mention < y->mention);
}

/* The organization named right before byte START of TEXT: only spaces, or
 * a possessive "'s" and spaces, between ("U.N. Secretary-General",
 * "Acme's chief executive"). ORGS is sorted by end. TKGP_NONE if none. */
static size_t org_before(const org_end *orgs, size_t n, const char *text, size_t start)
{
  size_t lo = 0, hi = n, at;
  while (lo < hi) { /* the last organization ending at or before START */
    size_t mid = lo + (hi - lo) / 2;
    if (orgs[mid].end <= start)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == 0)
    return (size_t)-1;
  at = orgs[lo - 1].end;
  if (strncmp(text + at, "'s", 2) == 0)
    at += 2;
  else if (strncmp(text + at, "\xe2\x80\x99s", 4) == 0)
    at += 4;
  if (at == start || strspn(text + at, " ") != start - at)
    return (size_t)-1;
  return orgs[lo - 1].mention;
}

/* A name mention of an organization or a country, by sentence. */
typedef struct owner_name {
  size_t sentence, mention;
} owner_name;

static int by_sentence_then_mention(const void *a, const void *b)
{
  const owner_name *x = a, *y = b;
  if (x->sentence != y->sentence)
    return x->sentence < y->sentence ? -1 : 1;
  return (x->mention > y->mention) - (x->mention < y->mention);
}

/* "The Bank will finance it, its president, X, said": a title after
 * "its" belongs to the organization or the country named last before it
 * in the sentence. NAMES are the names of organizations and countries,
 * sorted by sentence. That name's mention, or TKGP_NONE. */
static size_t owner_of_its(const tkgp_mention_list *list, const char *text,
                           const owner_name *names, size_t n_names,
                           const tkgp_mention *title)
{
  size_t best = (size_t)-1, best_end = 0, start = title->start, lo = 0, hi = n_names;
  if (start < 4 || (strncmp(text + start - 4, "its ", 4) != 0 &&
                    strncmp(text + start - 4, "Its ", 4) != 0))
    return (size_t)-1;
  while (lo < hi) { /* the first name of the title's sentence */
    size_t mid = lo + (hi - lo) / 2;
    if (names[mid].sentence < title->sentence)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (; lo < n_names && names[lo].sentence == title->sentence; lo++) {
    const tkgp_mention *mm = &list->mentions[names[lo].mention];
    if (mm->end > start)
      continue;
    if (best == (size_t)-1 || mm->end > best_end) {
      best = names[lo].mention;
      best_end = mm->end;
    }
  }
  return best;
}

/* A relation whose object is a role tied to its holder, keyed by the
 * title and the holder's name as they were when the index was made. */
typedef struct held_role {
  uintptr_t title;
  const char *holder;
  size_t relation;
} held_role;

static int by_title_holder_only(const held_role *x, const held_role *y)
{
  if (x->title != y->title)
    return x->title < y->title ? -1 : 1;
  return strcmp(x->holder, y->holder);
}

static int by_title_holder(const void *a, const void *b)
{
  const held_role *x = a, *y = b;
  int c = by_title_holder_only(x, y);
  if (c)
    return c;
  return (x->relation > y->relation) - (x->relation < y->relation);
}

/* The relations of a document whose object is a role with no country
 * and a holder, grouped by title and holder. Each group remembers the
 * organization it is given last, written to its relations when the group
 * becomes a country's role or at the end: walking the relations of the
 * group for every title mention of the same holder made a document of
 * many mentions of one title holder quadratic. */
typedef struct held_roles {
  held_role *role;  /* sorted by title and holder */
  size_t n;
  size_t *end;       /* per group (at its first role): its end */
  const char **org; /* per group: the organization, or NULL */
  unsigned char *closed; /* per group: it became a country's role */
} held_roles;

static void held_roles_finish(held_roles *roles)
{
  free(roles->role);
  free(roles->end);
  free(roles->org);
  free(roles->closed);
}

static int held_roles_init(held_roles *roles, const tkgp_mention_list *list)
{
  size_t r;
  memset(roles, 0, sizeof *roles);
  roles->role = malloc((list->n_relations + 1) * sizeof *roles->role);
  roles->end = malloc((list->n_relations + 1) * sizeof *roles->end);
  roles->org = calloc(list->n_relations + 1, sizeof *roles->org);
  roles->closed = calloc(list->n_relations + 1, 1);
  if (!roles->role || !roles->end || !roles->org || !roles->closed) {
    held_roles_finish(roles);
    return TKG_ENOMEM;
  }
  for (r = 0; r < list->n_relations; r++) {
    const tkgp_entity_ref *o = &list->relations[r].object;
    if (o->cls == TKGP_CLASS_ROLE && !o->country && o->holder) {
      roles->role[roles->n].title = (uintptr_t)o->title;
      roles->role[roles->n].holder = o->holder;
      roles->role[roles->n++].relation = r;
    }
  }
  qsort(roles->role, roles->n, sizeof *roles->role, by_title_holder);
  for (r = roles->n; r-- > 0;)
    roles->end[r] = r + 1 < roles->n &&
                            by_title_holder_only(&roles->role[r], &roles->role[r + 1]) == 0
                        ? roles->end[r + 1]
                        : r + 1;
  return 0;
}

/* The group of TITLE and HOLDER: its roles are role[*FIRST, return value). */
static size_t held_roles_of(const held_roles *roles, const tkgp_title *title,
                            const char *holder, size_t *first)
{
  held_role key;
  size_t lo = 0, hi = roles->n;
  key.title = (uintptr_t)title;
  key.holder = holder;
  key.relation = 0;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (by_title_holder(&roles->role[mid], &key) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  *first = lo;
  if (lo == roles->n || by_title_holder_only(&roles->role[lo], &key) != 0)
    return lo; /* no such group */
  return roles->end[lo];
}

/* Give the relations of every open group their organization. */
static void held_roles_apply(held_roles *roles, tkgp_mention_list *list)
{
  size_t k, g = 0;
  for (k = 0; k < roles->n; k++) {
    if (k == 0 || by_title_holder_only(&roles->role[k], &roles->role[g]) != 0)
      g = k;
    if (roles->org[g] && !roles->closed[g])
      list->relations[roles->role[k].relation].object.org = roles->org[g];
  }
}

/* "Chile will host the games, its president, X, said": the role tied to
 * its holder becomes the role of the country, which the holder represents
 * when the title is a state's office. */
static int country_role(tkgp_mention_list *list, held_roles *roles, tkgp_mention *title,
                        const tkgp_entity_ref *country)
{
  const tkgp_entity_ref *person = &list->mentions[title->holder].entity;
  const char *holder = title->entity.holder;
  size_t k, end = held_roles_of(roles, title->entity.title, holder, &k), g = k;
  /* the role is the country's now: no later title gives it an organization */
  for (; k < end && !roles->closed[g]; k++) {
    tkgp_entity_ref *o = &list->relations[roles->role[k].relation].object;
    if (roles->org[g])
      o->org = roles->org[g];
    o->country = country->country;
    o->holder = NULL;
  }
  if (k > g)
    roles->closed[g] = 1;
  title->entity.country = country->country;
  title->entity.holder = NULL;
  if (title->entity.title && title->entity.title->government &&
      !tkgp_mentions_relate(list, "represents", person, country, title->sentence, 0.8))
    return TKG_ENOMEM;
  return 0;
}

/* "The U.N. Secretary-General, X": a title tied to no country,
 * right after an organization's name or possessive, or after "its" with
 * the organization named before, is that organization's role
 * ("role/secretary-general/un", tkg:roleOf the organization), and its
 * holder works for it; after "its" with a country named before, the
 * country's role (country_role()). Mentions and the relations
 * of the mention stage ("holdsRole") follow, as in join_roles(). */
static int organization_roles(tkgp_mention_list *list, const char *text)
{
  org_end *orgs = NULL;
  owner_name *names = NULL;
  held_roles roles;
  size_t n_orgs = 0, n_names = 0, m, k, n_mentions = list->n_mentions;
  int rc = 0;

  if (held_roles_init(&roles, list) < 0)
    return TKG_ENOMEM;
  for (m = 0; m < n_mentions; m++)
    n_orgs += list->mentions[m].entity.cls == TKGP_CLASS_ORGANIZATION &&
              list->mentions[m].kind == TKGP_MENTION_NAME;
  if (!(orgs = malloc((n_orgs + 1) * sizeof *orgs)) ||
      !(names = malloc((n_mentions + 1) * sizeof *names))) {
    rc = TKG_ENOMEM;
    goto done;
  }
  for (m = 0, k = 0; m < n_mentions; m++) {
    const tkgp_mention *mm = &list->mentions[m];
    if (mm->entity.cls == TKGP_CLASS_ORGANIZATION && mm->kind == TKGP_MENTION_NAME) {
      orgs[k].end = mm->end;
      orgs[k++].mention = m;
    }
    if (mm->kind == TKGP_MENTION_NAME && (mm->entity.cls == TKGP_CLASS_ORGANIZATION ||
                                          mm->entity.cls == TKGP_CLASS_COUNTRY)) {
      names[n_names].sentence = mm->sentence;
      names[n_names++].mention = m;
    }
  }
  qsort(orgs, n_orgs, sizeof *orgs, by_end);
  qsort(names, n_names, sizeof *names, by_sentence_then_mention);
  for (m = 0; m < n_mentions; m++) {
    tkgp_mention *mm = &list->mentions[m];
    const tkgp_entity_ref *org, *person;
    size_t at, g;
    if (mm->kind != TKGP_MENTION_TITLE || mm->holder < 0 || mm->entity.country ||
        mm->entity.org || !mm->entity.holder)
      continue;
    if ((at = org_before(orgs, n_orgs, text, mm->start)) == (size_t)-1 &&
        (at = owner_of_its(list, text, names, n_names, mm)) == (size_t)-1)
      continue;
    org = &list->mentions[at].entity;
    if (org->cls == TKGP_CLASS_COUNTRY) {
      if (org->country && (rc = country_role(list, &roles, mm, org)) < 0)
        break;
      continue;
    }
    person = &list->mentions[mm->holder].entity;
    /* the same title and holder wherever the mention stage wrote them
     * (held_roles_apply(), below) */
    if (held_roles_of(&roles, mm->entity.title, mm->entity.holder, &g) > g)
      roles.org[g] = org->label;
    mm->entity.org = org->label;
    if (!tkgp_mentions_relate(list, "worksFor", person, org, mm->sentence, 0.8)) {
      rc = TKG_ENOMEM;
      break;
    }
  }
  held_roles_apply(&roles, list);
done:
  free(orgs);
  free(names);
  held_roles_finish(&roles);
  return rc;
}

/* A title mention, keyed by the role it names. */
typedef struct title_key {
  uintptr_t title, country;
  size_t mention;
} title_key;

static int by_title_key(const void *a, const void *b)
{
  const title_key *x = a, *y = b;
  if (x->title != y->title)
    return x->title < y->title ? -1 : 1;
  if (x->country != y->country)
    return x->country < y->country ? -1 : 1;
  return (x->mention > y->mention) - (x->mention < y->mention);
}

/* A role named without its holder ("the US Secretary of State said") is
 * held by the person named earlier in the document with that very role:
 * the last mention before it in the list, with the same title and
 * country, that has a holder and starts before it. The title mentions are
 * sorted by role, so each looks only at those of its own role (a walk back
 * over every mention made a document of many such roles quadratic). */
static int find_role_holders(tkgp_mention_list *list)
{
  title_key *keys;
  size_t *held, n = 0, m, g, e, i, h, n_held;
  for (m = 0; m < list->n_mentions; m++)
    n += list->mentions[m].kind == TKGP_MENTION_TITLE;
  if (!n)
    return 0;
  keys = malloc(n * sizeof *keys);
  held = malloc(n * sizeof *held);
  if (!keys || !held) {
    free(keys);
    free(held);
    return TKG_ENOMEM;
  }
  for (m = 0, n = 0; m < list->n_mentions; m++)
    if (list->mentions[m].kind == TKGP_MENTION_TITLE) {
      keys[n].title = (uintptr_t)list->mentions[m].entity.title;
      keys[n].country = (uintptr_t)list->mentions[m].entity.country;
      keys[n++].mention = m;
    }
  qsort(keys, n, sizeof *keys, by_title_key);
  for (g = 0; g < n; g = e) {
    for (e = g + 1; e < n && keys[e].title == keys[g].title &&
                    keys[e].country == keys[g].country;
         e++)
      ;
    /* the role's mentions in list order; HELD those with a holder so far */
    for (i = g, n_held = 0; i < e; i++) {
      tkgp_mention *mm = &list->mentions[keys[i].mention];
      for (h = n_held; mm->holder < 0 && h-- > 0;)
        if (list->mentions[held[h]].start < mm->start)
          mm->holder = list->mentions[held[h]].holder;
      if (mm->holder >= 0)
        held[n_held++] = keys[i].mention;
    }
  }
  free(keys);
  free(held);
  return 0;
}

int tkgp_entities_find(tkgp_mention_list *list, const tkgp_entity_input *in,
                       tkgp_arena *arena)
{
  int rc;
  if (in->ner && (rc = add_ner_mentions(list, in, arena)) < 0)
    return rc;
  if ((rc = find_role_holders(list)) < 0 || (rc = resolve(list, in)) < 0 ||
      (rc = resolve_short_names(list)) < 0)
    return rc;
  if (in->gazetteer && in->gazetteer->lexicon)
    join_organization_names(list, in->gazetteer->lexicon);
  join_roles(list);
  return organization_roles(list, in->text);
}
