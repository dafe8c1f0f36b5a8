/* mentions.c - countries, nationalities, titled persons and their roles
 * SPDX-License-Identifier: MIT
 *
 * A left-to-right scan of each sentence with longest-match lookups in the
 * gazetteer; linear in the number of tokens. At each token we try, in
 * order:
 *
 *   [the] [COUNTRY ['s] | DEMONYM] [PORTFOLIO] TITLE [to COUNTRY] [of [the] COUNTRY]
 *       [,] NAME [of COUNTRY]
 *       "US Secretary of State Jane Roe", "Ukraine's foreign minister,
 *       Jane Roe", "President of Ukraine Jane Roe", "German Transport
 *       Minister Jane Roe" (PORTFOLIO: capitalized words before a title
 *       that takes one, such as Minister), "the US ambassador to Austria,
 *       Jane Roe", "Vice President Jane Roe of Argentina"
 *   NAME , [the] [COUNTRY ['s] | DEMONYM] TITLE ,
 *       the title in apposition after the name: "Jane Roe, the Brazilian
 *       president, said"
 *   [his|her...] DEMONYM counterpart [,] NAME   (or NAME , his DEMONYM counterpart ,)
 *       the title of the last titled person named before, in the
 *       demonym's country: "met her Portuguese counterpart, X"
 *   COUNTRY   a country's name, unless it is part of a longer proper name
 *             ("Bank of America", "America First")
 *   DEMONYM   a nationality word, which stands for its country
 *
 * A titled person gives a Person mention (the name), a Role mention (the
 * title with its country) and the relations holdsRole, and represents when
 * the title is a state office and its country is known. In a list of
 * titled persons ("US Secretary of State A, NSA B, Ukrainian Foreign
 * Minister C and Head of the Presidential Office D") a title without a
 * country takes the country of the item before it, with lower confidence:
 * writers name the country once per delegation.
 *
 * This stage reads only the surface; the statistical NER of the entities
 * stage replaces the name rule, and the relation stage reads the parse.
 */
#include "mention/mentions.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CONFIDENCE_TITLE 0.9      /* title directly before a name */
#define CONFIDENCE_INHERITED 0.6  /* country taken from the previous list item */
#define CONFIDENCE_COUNTERPART 0.8 /* title taken from the person a counterpart is of */
#define NAME_MAX_TOKENS 8
#define PORTFOLIO_MAX_TOKENS 3

typedef struct scan {
  tkgp_mention_list *out;
  const tkgp_gazetteer *gz;
  tkgp_arena *arena;
  const char *text;
  const tkgp_token *tok;
  size_t sentence;
  size_t start; /* the sentence's first token */
  size_t end;   /* first token past the sentence */
} scan;

/* Capitalized words that start sentences or clauses but never names. */
static const char *const not_names[] = {
  "A", "An", "And", "As", "At", "But", "By", "For", "From", "He", "Her",
  "His", "I", "If", "In", "It", "Its", "Mr.", "Mrs.", "Ms.", "No", "Not",
  "Of", "On", "Or", "Our", "She", "So", "That", "The", "Their", "These",
  "They", "This", "Those", "To", "We", "What", "When", "Where", "Which",
  "Who", "With", "You",
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
  "January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December",
};

static int cmp_str(const void *a, const void *b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int is_not_name(const char *form)
{
  return bsearch(&form, not_names, sizeof not_names / sizeof *not_names,
                 sizeof *not_names, cmp_str) != NULL;
}

static int is_form(const tkgp_token *t, const char *form)
{
  return strcmp(t->form, form) == 0;
}

static int is_possessive(const tkgp_token *t)
{
  return is_form(t, "'s") || is_form(t, "\xe2\x80\x99s") || is_form(t, "'") ||
         is_form(t, "\xe2\x80\x99");
}

/* Whether the token at I heads an organization's name ("Court", "Party";
 * tkg:OrganizationWord in the lexicon). */
static int ends_with_org_word(const scan *s, size_t i)
{
  return tkgp_lexicon_in_list(&s->gz->lexicon->org_words, s->tok[i].form);
}

/* A word that can be part of a personal name. */
static int is_name_word(const scan *s, size_t i)
{
  const tkgp_token *t = &s->tok[i];
  size_t idx;
  if (!(t->flags & TKGP_TOKEN_CAPITALIZED) || (t->flags & (TKGP_TOKEN_PUNCT | TKGP_TOKEN_NUMBER)))
    return 0;
  /* "NSA", "US": acronyms are not given names; initials "J." are. */
  if ((t->flags & TKGP_TOKEN_ALL_CAPS) && !strchr(t->form, '.'))
    return 0;
  if (is_not_name(t->form))
    return 0;
  /* A new title starts a new item ("... A and Foreign Minister B"). */
  if (tkgp_gazetteer_match(s->gz, TKGP_PHRASE_TITLE, s->tok, i, s->end, &idx))
    return 0;
  return 1;
}

/* Hyphen written without spaces inside a name: "Al-Aiban". */
static int is_inner_hyphen(const scan *s, size_t i)
{
  return i > 0 && i + 1 < s->end && is_form(&s->tok[i], "-") &&
         !(s->tok[i - 1].flags & TKGP_TOKEN_SPACE_AFTER) &&
         !(s->tok[i].flags & TKGP_TOKEN_SPACE_AFTER);
}

/* Length in tokens of the personal name starting at I, or 0. */
static size_t name_length(const scan *s, size_t i)
{
  size_t n = 0, good = 0, idx;

  /* A name does not start with a country or nationality ("Saudi"). */
  if (i >= s->end || !is_name_word(s, i) ||
      tkgp_gazetteer_match(s->gz, TKGP_PHRASE_COUNTRY, s->tok, i, s->end, &idx) ||
      tkgp_gazetteer_match(s->gz, TKGP_PHRASE_DEMONYM, s->tok, i, s->end, &idx))
    return 0;
  while (i + n < s->end && n < NAME_MAX_TOKENS) {
    if (is_name_word(s, i + n)) {
      good = ++n;
      continue;
    }
    if (is_inner_hyphen(s, i + n) && is_name_word(s, i + n + 1)) {
      n++;
      continue;
    }
    /* Particles, possibly several ("van der"), then a name word. */
    {
      size_t k = i + n;
      while (k < s->end && k - i < NAME_MAX_TOKENS &&
             tkgp_gazetteer_match(s->gz, TKGP_PHRASE_PARTICLE, s->tok, k, k + 1, &idx))
        k++;
      if (k > i + n && k < s->end && is_name_word(s, k)) {
        n = k - i;
        continue;
      }
    }
    break;
  }
  return good;
}

int tkgp_mentions_add(tkgp_mention_list *l, size_t start, size_t end,
                      size_t sentence, tkgp_mention_kind kind,
                      const tkgp_entity_ref *ref, size_t *index)
{
  tkgp_mention *m;
  if (l->n_mentions == l->cap_mentions) {
    size_t cap = l->cap_mentions ? l->cap_mentions * 2 : 64;
    tkgp_mention *p = realloc(l->mentions, cap * sizeof *p);
    if (!p)
      return TKG_ENOMEM;
    l->mentions = p;
    l->cap_mentions = cap;
  }
  m = &l->mentions[l->n_mentions];
  m->start = start;
  m->end = end;
  m->sentence = sentence;
  m->kind = kind;
  m->entity = *ref;
  m->holder = -1;
  if (index)
    *index = l->n_mentions;
  l->n_mentions++;
  return 0;
}

tkgp_relation *tkgp_mentions_relate(tkgp_mention_list *l, const char *property,
                                    const tkgp_entity_ref *subject,
                                    const tkgp_entity_ref *object,
                                    size_t sentence, double confidence)
{
  tkgp_relation *r;
  if (l->n_relations == l->cap_relations) {
    size_t cap = l->cap_relations ? l->cap_relations * 2 : 64;
    tkgp_relation *p = realloc(l->relations, cap * sizeof *p);
    if (!p)
      return NULL;
    l->relations = p;
    l->cap_relations = cap;
  }
  r = &l->relations[l->n_relations++];
  memset(r, 0, sizeof *r);
  r->property = property;
  r->subject = *subject;
  r->object = *object;
  r->sentence = sentence;
  r->confidence = confidence;
  return r;
}

int tkgp_mentions_append(tkgp_mention_list *l, const tkgp_mention_list *more,
                         size_t sentences)
{
  size_t i, base = l->n_mentions;
  if (more->n_mentions > l->cap_mentions - l->n_mentions) {
    size_t cap = l->cap_mentions ? l->cap_mentions : 64;
    tkgp_mention *p;
    while (cap - l->n_mentions < more->n_mentions)
      cap *= 2;
    if (!(p = realloc(l->mentions, cap * sizeof *p)))
      return TKG_ENOMEM;
    l->mentions = p;
    l->cap_mentions = cap;
  }
  if (more->n_relations > l->cap_relations - l->n_relations) {
    size_t cap = l->cap_relations ? l->cap_relations : 64;
    tkgp_relation *p;
    while (cap - l->n_relations < more->n_relations)
      cap *= 2;
    if (!(p = realloc(l->relations, cap * sizeof *p)))
      return TKG_ENOMEM;
    l->relations = p;
    l->cap_relations = cap;
  }
  for (i = 0; i < more->n_mentions; i++) {
    tkgp_mention *m = &l->mentions[l->n_mentions++];
    *m = more->mentions[i];
    m->sentence += sentences;
    if (m->holder >= 0)
      m->holder += (long)base;
  }
  for (i = 0; i < more->n_relations; i++) {
    tkgp_relation *r = &l->relations[l->n_relations++];
    *r = more->relations[i];
    r->sentence += sentences;
  }
  return 0;
}

static int add_mention(scan *s, size_t first, size_t last, tkgp_mention_kind kind,
                       const tkgp_entity_ref *ref, size_t *index)
{
  return tkgp_mentions_add(s->out, s->tok[first].start, s->tok[last].end, s->sentence,
                           kind, ref, index);
}

static int add_relation(scan *s, const char *property,
                        const tkgp_entity_ref *subject,
                        const tkgp_entity_ref *object, double confidence)
{
  return tkgp_mentions_relate(s->out, property, subject, object, s->sentence, confidence)
             ? 0 : TKG_ENOMEM;
}

/* A mention of COUNTRY on the N tokens at FIRST: its name or a demonym. */
static int add_country(scan *s, size_t first, size_t n, const tkgp_country *country,
                       tkgp_mention_kind kind)
{
  tkgp_entity_ref ref;
  memset(&ref, 0, sizeof ref);
  ref.cls = TKGP_CLASS_COUNTRY;
  ref.label = country->label;
  ref.country = country;
  return add_mention(s, first, first + n - 1, kind, &ref, NULL);
}

/* The role REF on tokens [FIRST, LAST], held by the person of mention
 * PERSON, and the relations that gives: holdsRole, and represents when
 * the title is a state's office and the role has its country. */
static int add_held_role(scan *s, size_t first, size_t last, const tkgp_entity_ref *ref,
                         size_t person, double confidence)
{
  size_t role;
  int rc;
  if ((rc = add_mention(s, first, last, TKGP_MENTION_TITLE, ref, &role)) < 0)
    return rc;
  s->out->mentions[role].holder = (long)person;
  if ((rc = add_relation(s, "holdsRole", &s->out->mentions[person].entity,
                         &s->out->mentions[role].entity, confidence)) < 0)
    return rc;
  if (ref->country && ref->title->government) {
    tkgp_entity_ref state;
    memset(&state, 0, sizeof state);
    state.cls = TKGP_CLASS_COUNTRY;
    state.label = ref->country->label;
    state.country = ref->country;
    return add_relation(s, "represents", &s->out->mentions[person].entity, &state,
                        confidence);
  }
  return 0;
}

/* The text of tokens [first, last] as written, for a person's name. */
static const char *span_text(scan *s, size_t first, size_t last)
{
  return tkgp_arena_strndup(s->arena, s->text + s->tok[first].start,
                            s->tok[last].end - s->tok[first].start);
}

/* A country marker at I: a country's name (with an optional possessive)
 * or a demonym. Returns its length in tokens, 0 if none. */
static size_t country_marker(const scan *s, size_t i, const tkgp_country **country,
                             size_t *name_tokens, tkgp_mention_kind *kind)
{
  size_t idx, n;
  if ((n = tkgp_gazetteer_match(s->gz, TKGP_PHRASE_COUNTRY, s->tok, i, s->end, &idx))) {
    *country = &s->gz->countries[idx];
    *name_tokens = n;
    *kind = TKGP_MENTION_NAME;
    if (i + n < s->end && is_possessive(&s->tok[i + n]))
      n++;
    return n;
  }
  if ((n = tkgp_gazetteer_match(s->gz, TKGP_PHRASE_DEMONYM, s->tok, i, s->end, &idx))) {
    *country = &s->gz->countries[idx];
    *name_tokens = n;
    *kind = TKGP_MENTION_DEMONYM;
    return n;
  }
  return 0;
}

/* The name of a person just before the title at I, in apposition: NAME ,
 * [the] TITLE followed by a comma or the end of the sentence (AFTER is the
 * token after the title). Its length, with its first token in *AT; 0 if
 * none. "In Lisbon, the Portuguese president said" has none: the title
 * phrase does not end there. */
static size_t name_before(const scan *s, size_t i, size_t after, size_t *at)
{
  size_t comma = i - 1, k, idx;
  if (i < s->start + 2 || !is_form(&s->tok[comma], ","))
    return 0;
  if (after < s->end && !is_form(&s->tok[after], ",") && !is_form(&s->tok[after], ".") &&
      !is_form(&s->tok[after], ";"))
    return 0;
  /* Back over the name's words, particles and inner hyphens. */
  for (k = comma; k > s->start && comma - k < NAME_MAX_TOKENS &&
                  (is_name_word(s, k - 1) || is_inner_hyphen(s, k - 1) ||
                   tkgp_gazetteer_match(s->gz, TKGP_PHRASE_PARTICLE, s->tok, k - 1, k, &idx));
       k--)
    ;
  while (k < comma && !is_name_word(s, k))
    k++;
  /* A lone capitalized word opening the sentence is more often an adverb
   * ("Meanwhile, the minister, ...") than a surname. */
  if (k == comma || name_length(s, k) != comma - k || (k == s->start && comma - k < 2) ||
      tkgp_gazetteer_match(s->gz, TKGP_PHRASE_CAPITAL, s->tok, k, comma, &idx) == comma - k ||
      tkgp_gazetteer_match(s->gz, TKGP_PHRASE_SEAT, s->tok, k, comma, &idx) == comma - k)
    return 0;
  *at = k;
  return comma - k;
}

/* State carried along a sentence to give list items their country. */
typedef struct list_state {
  size_t last_end;             /* token after the last titled person, or 0 */
  const tkgp_country *country; /* that person's country */
} list_state;

/* Only separators between I and J: "," "and" ", and". */
static int only_separators(const scan *s, size_t i, size_t j)
{
  for (; i < j; i++)
    if (!is_form(&s->tok[i], ",") && !is_form(&s->tok[i], "and") && !is_form(&s->tok[i], ";"))
      return 0;
  return 1;
}

/* A titled person's phrase as titled_person reads it: "[the] [COUNTRY]
 * TITLE [to HOST] [of COUNTRY] [,] NAME [of COUNTRY]", or "NAME, [the]
 * TITLE" with the name before. */
typedef struct titled_phrase {
  const tkgp_country *country;   /* the country the title serves, or NULL */
  tkgp_mention_kind marker_kind; /* that country's name or a demonym */
  size_t marker_at, marker_tokens;
  const tkgp_title *title;
  size_t title_at, title_len; /* with its portfolio ("Transport Minister") */
  size_t role_last;           /* the last token of the role's name */
  const tkgp_country *host;   /* the country an envoy is sent to, or NULL */
  size_t host_at, host_tokens;
  size_t name_at, name_len; /* the holder's name; no tokens when none */
  size_t consumed;          /* tokens from the phrase's start */
} titled_phrase;

/* "[the] [COUNTRY] TITLE" at I, the title perhaps after its portfolio.
 * Whether there is one; *NEXT is the token after the title. */
static int read_title(const scan *s, size_t i, titled_phrase *tp, size_t *next)
{
  size_t j = i, idx, n;
  if (j < s->end && (is_form(&s->tok[j], "the") || is_form(&s->tok[j], "The")))
    j++;
  if ((n = country_marker(s, j, &tp->country, &tp->marker_tokens, &tp->marker_kind))) {
    tp->marker_at = j;
    j += n;
  }
  tp->title_at = j;
  tp->title_len = tkgp_gazetteer_match(s->gz, TKGP_PHRASE_TITLE, s->tok, j, s->end, &idx);
  if (!tp->title_len) {
    /* A portfolio before a title that takes one: "Transport Minister". */
    size_t k = j;
    while (k < s->end && k - j < PORTFOLIO_MAX_TOKENS && is_name_word(s, k))
      k++;
    if (k == j || k >= s->end ||
        !(tp->title_len =
              tkgp_gazetteer_match(s->gz, TKGP_PHRASE_TITLE, s->tok, k, s->end, &idx)) ||
        !s->gz->lexicon->titles[idx].takes_portfolio)
      return 0;
    tp->title_len += k - j;
  }
  tp->title = &s->gz->lexicon->titles[idx];
  j += tp->title_len;
  tp->role_last = j - 1;
  *next = j;
  return 1;
}

/* A country marker at K, after an optional "the", which *AT skips: its
 * length in tokens, 0 if none (see country_marker). */
static size_t country_marker_after_the(const scan *s, size_t k, const tkgp_country **country,
                                       size_t *name_tokens, tkgp_mention_kind *kind,
                                       size_t *at)
{
  if (k < s->end && is_form(&s->tok[k], "the"))
    k++;
  *at = k;
  return country_marker(s, k, country, name_tokens, kind);
}

/* "the US ambassador to Austria, Jane Roe", "Kenya's Ambassador to the
 * United States Jane Roe": the country an envoy is sent to is part of
 * the role's name, not the country it serves. *J is after the title. */
static void read_envoy_host(const scan *s, titled_phrase *tp, size_t *j)
{
  const tkgp_country *host;
  size_t k, m, tokens;
  tkgp_mention_kind kind;
  if (!tp->country || *j + 1 >= s->end || !is_form(&s->tok[*j], "to"))
    return;
  /* Into locals: a marker that is not taken must leave TP as it was. */
  if ((m = country_marker_after_the(s, *j + 1, &host, &tokens, &kind, &k)) &&
      kind == TKGP_MENTION_NAME && k + m < s->end &&
      (is_form(&s->tok[k + m], ",") || name_length(s, k + m))) {
    *j = k + m;
    tp->role_last = *j - 1;
    tp->host = host;
    tp->host_tokens = tokens;
    tp->host_at = k;
  }
}

/* "President of Ukraine", "Foreign Minister of the United Arab Emirates":
 * the country after the title, when none came before it. */
static void read_country_of_title(const scan *s, titled_phrase *tp, size_t *j)
{
  const tkgp_country *country;
  size_t k, m, tokens;
  tkgp_mention_kind kind;
  if (tp->country || *j + 1 >= s->end || !is_form(&s->tok[*j], "of"))
    return;
  /* "Minister of French Affairs": a demonym is not the title's country,
   * and must leave TP as it was. */
  if ((m = country_marker_after_the(s, *j + 1, &country, &tokens, &kind, &k)) &&
      kind == TKGP_MENTION_NAME) {
    tp->country = country;
    tp->marker_tokens = tokens;
    tp->marker_at = k;
    tp->marker_kind = kind;
    tp->role_last = k + tokens - 1;
    *j = k + m;
  }
}

/* "Vice President Jane Roe of Argentina": the country after the holder's
 * name, when none came with the title. */
static void read_country_of_holder(const scan *s, size_t i, titled_phrase *tp)
{
  const tkgp_country *country;
  size_t after = tp->name_at + tp->name_len, k, m, tokens;
  tkgp_mention_kind kind;
  if (tp->country || after + 1 >= s->end || !is_form(&s->tok[after], "of"))
    return;
  /* "Jane Roe of French descent": a demonym is not the holder's country,
   * and must leave TP as it was (it once left a marker without a
   * country, which crashed). */
  if ((m = country_marker_after_the(s, after + 1, &country, &tokens, &kind, &k)) &&
      kind == TKGP_MENTION_NAME) {
    tp->country = country;
    tp->marker_tokens = tokens;
    tp->marker_at = k;
    tp->marker_kind = kind;
    tp->consumed = k + m - i;
  }
}

/* The title's holder: the name at J, after the title, or the one before
 * the phrase at I in apposition. Whether the phrase can still be a titled
 * person's; tp->name_len is 0 when it names no one. */
static int read_holder(const scan *s, size_t i, titled_phrase *tp, size_t j)
{
  if (j < s->end && is_form(&s->tok[j], ","))
    j++;
  tp->name_at = j;
  tp->name_len = name_length(s, tp->name_at);
  /* "the General Court", "the President Party": a title word that begins
   * an organization's name */
  if (tp->name_len && ends_with_org_word(s, tp->name_at + tp->name_len - 1))
    return 0;
  if (!tp->name_len && (tp->name_len = name_before(s, i, tp->role_last + 1, &tp->name_at))) {
    /* "Jane Roe, the Brazilian president, said": the title follows its
     * holder's name. */
    tp->consumed = tp->role_last + 1 - i;
  } else if (tp->name_len) {
    tp->consumed = tp->name_at + tp->name_len - i;
    read_country_of_holder(s, i, tp);
  }
  return 1;
}

/* "the US Secretary of State said": a role without its holder's name.
 * The entities stage gives it the person who holds that role in the
 * document, if one does. Returns the tokens consumed, 0 if none, or a
 * negative error code. */
static long add_unheld_role(scan *s, size_t i, const titled_phrase *tp)
{
  tkgp_entity_ref ref;
  size_t role_first;
  int rc;
  if (!tp->country || !tp->marker_tokens || tp->title->takes_portfolio)
    return 0;
  memset(&ref, 0, sizeof ref);
  ref.cls = TKGP_CLASS_ROLE;
  ref.title = tp->title;
  ref.country = tp->country;
  ref.label = tp->title->label;
  role_first = tp->marker_at < tp->title_at ? tp->marker_at : tp->title_at;
  if ((rc = add_mention(s, role_first, tp->role_last, TKGP_MENTION_TITLE, &ref, NULL)) < 0)
    return rc;
  if ((rc = add_country(s, tp->marker_at, tp->marker_tokens, tp->country, tp->marker_kind)) < 0)
    return rc;
  return (long)(tp->role_last + 1 - i);
}

/* The person of TP, the countries named with the title, and the role the
 * person holds, with CONFIDENCE. */
static int add_titled_person(scan *s, const titled_phrase *tp, double confidence)
{
  size_t person, role_first, idx, name_last = tp->name_at + tp->name_len - 1;
  tkgp_entity_ref ref;
  int rc;

  memset(&ref, 0, sizeof ref);
  ref.cls = TKGP_CLASS_PERSON;
  ref.label = span_text(s, tp->name_at, name_last);
  if (!ref.label)
    return TKG_ENOMEM;
  if ((rc = add_mention(s, tp->name_at, name_last, TKGP_MENTION_NAME, &ref, &person)) < 0)
    return rc;

  /* The country named in the title, and the one an envoy is sent to. */
  if (tp->marker_tokens &&
      (rc = add_country(s, tp->marker_at, tp->marker_tokens, tp->country, tp->marker_kind)) < 0)
    return rc;
  if (tp->host &&
      (rc = add_country(s, tp->host_at, tp->host_tokens, tp->host, TKGP_MENTION_NAME)) < 0)
    return rc;

  /* The role: the title with its country ("US Secretary of State"). */
  memset(&ref, 0, sizeof ref);
  ref.cls = TKGP_CLASS_ROLE;
  ref.title = tp->title;
  ref.country = tp->country;
  /* The title as the lexicon writes it, or with its portfolio as the
   * text writes it ("Transport Minister"). */
  ref.label = tp->title_len > 1 && !tkgp_gazetteer_match(s->gz, TKGP_PHRASE_TITLE, s->tok,
                                                          tp->title_at,
                                                          tp->title_at + tp->title_len, &idx)
                  ? span_text(s, tp->title_at, tp->title_at + tp->title_len - 1)
                  : tp->title->label;
  if (!ref.label)
    return TKG_ENOMEM;
  if (!tp->country)
    ref.holder = s->out->mentions[person].entity.label;
  role_first = tp->marker_tokens && tp->marker_at < tp->title_at ? tp->marker_at : tp->title_at;
  return add_held_role(s, role_first, tp->role_last, &ref, person, confidence);
}

/* Try a titled person at I. Returns the tokens consumed, 0 if none, or a
 * negative error code. */
static long titled_person(scan *s, size_t i, list_state *list)
{
  titled_phrase tp;
  size_t j;
  double confidence = CONFIDENCE_TITLE;
  int rc;

  memset(&tp, 0, sizeof tp);
  tp.marker_kind = TKGP_MENTION_NAME;
  if (!read_title(s, i, &tp, &j))
    return 0;
  read_envoy_host(s, &tp, &j);
  read_country_of_title(s, &tp, &j);
  if (!read_holder(s, i, &tp, j))
    return 0;
  if (!tp.name_len)
    return add_unheld_role(s, i, &tp);

  /* "Spanish Foreign Minister A and Defence Minister B": a titled person
   * listed right after another serves the same country. */
  if (!tp.country && list->last_end && list->country && only_separators(s, list->last_end, i)) {
    tp.country = list->country;
    confidence = CONFIDENCE_INHERITED;
  }
  if ((rc = add_titled_person(s, &tp, confidence)) < 0)
    return rc;
  list->last_end = i + tp.consumed;
  list->country = tp.country;
  return (long)tp.consumed;
}

/* "Spanish Foreign Minister A met her Portuguese counterpart, B", "B, his
 * Portuguese counterpart,": B holds the title of the last titled person
 * named before (A's), in the country of the demonym. The demonym is at I.
 * Returns the tokens consumed, 0 if none, or a negative error code. */
static long counterpart(scan *s, size_t i)
{
  static const char *const possessives[] = {"his", "her", "their", "its"};
  const tkgp_mention *known = NULL;
  const tkgp_country *country;
  tkgp_entity_ref ref;
  size_t n, idx, word, first = i, name_at = 0, name_len = 0, person, k;
  int rc;

  if (!(n = tkgp_gazetteer_match(s->gz, TKGP_PHRASE_DEMONYM, s->tok, i, s->end, &idx)))
    return 0;
  country = &s->gz->countries[idx];
  word = i + n;
  if (word >= s->end || !(is_form(&s->tok[word], "counterpart")))
    return 0;
  for (k = s->out->n_mentions; k-- > 0;)
    if (s->out->mentions[k].kind == TKGP_MENTION_TITLE && s->out->mentions[k].holder >= 0 &&
        s->out->mentions[k].entity.title) {
      known = &s->out->mentions[k];
      break;
    }
  if (!known)
    return 0;
  for (k = 0; k < sizeof possessives / sizeof *possessives; k++)
    if (i > s->start && is_form(&s->tok[i - 1], possessives[k]))
      first = i - 1;
  /* the name after ("counterpart, B" or "counterpart B"), else before */
  k = word + 1 < s->end && is_form(&s->tok[word + 1], ",") ? word + 2 : word + 1;
  if ((name_len = name_length(s, k)) > 0)
    name_at = k;
  else if (!(name_len = name_before(s, first, word + 1, &name_at)))
    return 0;

  memset(&ref, 0, sizeof ref);
  ref.cls = TKGP_CLASS_PERSON;
  if (!(ref.label = span_text(s, name_at, name_at + name_len - 1)))
    return TKG_ENOMEM;
  if ((rc = add_mention(s, name_at, name_at + name_len - 1, TKGP_MENTION_NAME, &ref, &person)) < 0 ||
      (rc = add_country(s, i, n, country, TKGP_MENTION_DEMONYM)) < 0)
    return rc;
  memset(&ref, 0, sizeof ref);
  ref.cls = TKGP_CLASS_ROLE;
  ref.title = known->entity.title;
  ref.country = country;
  ref.label = known->entity.label;
  if ((rc = add_held_role(s, i, word, &ref, person, CONFIDENCE_COUNTERPART)) < 0)
    return rc;
  return (long)(name_at > word ? name_at + name_len - i : word + 1 - i);
}

/* Whether the country name at [i, i+n) is part of a longer proper name. */
static int inside_longer_name(const scan *s, size_t first_in_sentence, size_t i, size_t n)
{
  size_t idx;
  /* "Bank of America", but not "President of Ukraine" (a title). */
  if (i >= first_in_sentence + 2 && is_form(&s->tok[i - 1], "of") &&
      (s->tok[i - 2].flags & TKGP_TOKEN_CAPITALIZED) &&
      !tkgp_gazetteer_match(s->gz, TKGP_PHRASE_TITLE, s->tok, i - 2, i - 1, &idx))
    return 1;
  /* "America First", "Ukraine Airlines"; a following title is fine. */
  if (i + n < s->end && is_name_word(s, i + n))
    return 1;
  /* "Mount Kenya", "Lake Chad", "Northern Ireland": a place in or near
   * the country, not the country (tkg:PlaceWord) */
  if (i > first_in_sentence && (s->tok[i - 1].flags & TKGP_TOKEN_CAPITALIZED) &&
      tkgp_lexicon_in_list(&s->gz->lexicon->place_words, s->tok[i - 1].form))
    return 1;
  return 0;
}

static int scan_sentence(scan *s, const tkgp_sentence *sent)
{
  size_t i = sent->first, idx, n;
  list_state list = {0, NULL};

  s->start = sent->first;
  s->end = sent->first + sent->count;
  while (i < s->end) {
    long used = titled_person(s, i, &list);
    tkgp_entity_ref ref;
    int rc;

    if (used == 0)
      used = counterpart(s, i);
    if (used < 0)
      return (int)used;
    if (used > 0) {
      i += (size_t)used;
      continue;
    }
    memset(&ref, 0, sizeof ref);
    ref.cls = TKGP_CLASS_COUNTRY;
    if ((n = tkgp_gazetteer_match(s->gz, TKGP_PHRASE_COUNTRY, s->tok, i, s->end, &idx)) &&
        !inside_longer_name(s, sent->first, i, n)) {
      ref.country = &s->gz->countries[idx];
      ref.label = ref.country->label;
      if ((rc = add_mention(s, i, i + n - 1, TKGP_MENTION_NAME, &ref, NULL)) < 0)
        return rc;
      i += n;
      continue;
    }
    /* A capital is a city; a seat of government a place. Whether either
     * stands for its state is decided on the parse (relations.c). */
    if ((n = tkgp_gazetteer_match(s->gz, TKGP_PHRASE_CAPITAL, s->tok, i, s->end, &idx)) &&
        !inside_longer_name(s, sent->first, i, n)) {
      ref.cls = TKGP_CLASS_CITY;
      ref.country = &s->gz->countries[idx];
      ref.label = ref.country->capital;
      if ((rc = add_mention(s, i, i + n - 1, TKGP_MENTION_NAME, &ref, NULL)) < 0)
        return rc;
      i += n;
      continue;
    }
    if ((n = tkgp_gazetteer_match(s->gz, TKGP_PHRASE_SEAT, s->tok, i, s->end, &idx)) &&
        !inside_longer_name(s, sent->first, i, n)) {
      ref.cls = TKGP_CLASS_PLACE;
      ref.country = &s->gz->countries[idx];
      ref.label = span_text(s, i, i + n - 1);
      if (!ref.label)
        return TKG_ENOMEM;
      if ((rc = add_mention(s, i, i + n - 1, TKGP_MENTION_NAME, &ref, NULL)) < 0)
        return rc;
      i += n;
      continue;
    }
    if ((n = tkgp_gazetteer_match(s->gz, TKGP_PHRASE_DEMONYM, s->tok, i, s->end, &idx))) {
      ref.country = &s->gz->countries[idx];
      ref.label = ref.country->label;
      if ((rc = add_mention(s, i, i + n - 1, TKGP_MENTION_DEMONYM, &ref, NULL)) < 0)
        return rc;
      i += n;
      continue;
    }
    i++;
  }
  return 0;
}

int tkgp_mentions_find(tkgp_mention_list *out, const tkgp_gazetteer *gazetteer,
                       tkgp_arena *arena, const char *text,
                       const tkgp_tokens *tokens)
{
  scan s;
  size_t k;
  int rc;

  memset(out, 0, sizeof *out);
  memset(&s, 0, sizeof s);
  s.out = out;
  s.gz = gazetteer;
  s.arena = arena;
  s.text = text;
  s.tok = tokens->tokens;
  for (k = 0; k < tokens->n_sentences; k++) {
    s.sentence = k;
    if ((rc = scan_sentence(&s, &tokens->sentences[k])) < 0) {
      tkgp_mentions_finish(out);
      return rc;
    }
  }
  return 0;
}

void tkgp_mentions_finish(tkgp_mention_list *list)
{
  free(list->mentions);
  free(list->relations);
  memset(list, 0, sizeof *list);
}
