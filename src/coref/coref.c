/* coref.c - within-document coreference by deterministic sieves
 * SPDX-License-Identifier: MIT
 *
 * Mentions. Every noun, proper noun, pronoun or number that heads a noun
 * phrase makes a mention, as does a determiner or symbol in a noun's
 * place ("those who left", "$ 5"). Its span is the head's dependency
 * subtree without the dependents that GUM (and OntoNotes) leave outside a
 * mention: coordinated conjuncts and their conjunctions, appositions,
 * parataxis and loose `dep` attachments, a preposition before the head
 * (but a possessive 's after it stays), a copula and the subject of a
 * predicate nominal, adverbs before the head ("only a few"), time
 * adjuncts the parser hangs on the noun ("within 24 hours"), a closing
 * bracket with a number (a citation) and edge punctuation unless it is a
 * quote or bracket closed inside; relative clauses and other clausal
 * modifiers stay inside, as GUM has them. Not mentions: numbers that
 * modify a noun (nummod), relative and interrogative pronouns, "there"
 * as an expletive (an expletive "it" is one, never resolved), the inner
 * words of a name (flat, compound proper nouns, a title before it)
 * except a country ("U.S. President X"), the nouns of idioms ("for
 * example"). On GUM train with gold syntax these rules find 87.1% of the
 * gold spans exactly at 82.6% precision; with textkg's parse, GUM dev
 * 77.7% at 74.4%.
 * A caller can add spans (named entities with a type, titled persons).
 *
 * Sieves. After features are computed (type, gender, number, animacy,
 * person, definiteness, apposition, predicate nominal), the resolver runs
 * passes from the most to the least precise, as in Lee et al. (2013,
 * "Deterministic coreference resolution based on entity-centric,
 * precision-ranked rules"); each pass links a mention to the nearest
 * earlier mention it accepts, and a link merges the two chains (union
 * find) only when the chains' pooled features agree:
 *
 *   1 exact string match (not pronouns)
 *   2 appositive, predicate nominal ("X is a Y", "X is the Y"), title
 *     and name ("[Malaysia's Prime Minister] [Jane Roe]")
 *   3 alias: the same country in the gazetteer ("US", "America"), an
 *     acronym against the initials of a name ("NSA", "National Security
 *     Agency")
 *   4 strict head match: same head, definite anaphor, its words all in
 *     the antecedent's chain, its modifiers all in the antecedent
 *   5 proper name head: same last word of a name ("Roe", "Jane Roe"),
 *     the shorter name's words all in the longer one's chain, no year in
 *     one that the other lacks ("Quilis" the author, "Quilis (1964)" the
 *     work)
 *   6 role: "the minister" to a name with that title ("Foreign Minister
 *     Jane Roe"), "the country" to a country named up to 3 sentences back
 *   7 relaxed head match, narrow: "Harvard" to "Harvard University"
 *   8 first and second person pronouns: the nearest earlier "I"/"my",
 *     "we"/"our", "you"
 *   9 third person pronouns: candidates in the same and the last
 *     pronoun_sentences (3; 1 for "they") sentences that agree in gender,
 * number, animacy and type and are not a co-argument of the same verb (unless
 *     reflexive); "it" takes nouns only as subject, object, oblique or
 *     root; the best by subjecthood, sentence distance and prominence (a
 *     Hobbs-like salience), the nearest on ties
 *
 * Coordinations ("X and Y") are matched by exact text and apposition only.
 * Switched off one at a time, no sieve raises the CoNLL F1 on GUM train
 * or dev (ablation in COREF_RESULTS.md; 6 and 7 are rare and near
 * neutral); a wider relaxed head match and stricter pronoun filters were
 * tried and dropped.
 *
 * Cost. Name and noun sieves compare a mention with at most `window`
 * earlier mentions (TKGP_COREF_WINDOW, 400, about 15-20 sentences of
 * news), and word inclusion walks the antecedent's chain, so a document
 * of n mentions costs O(n * window * chain) with a small constant;
 * pronouns look at most 3 sentences back. Nothing is quadratic in the
 * document length beyond the window.
 */
#include "coref/coref.h"
#include "core/grow.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NO_WORD SIZE_MAX

struct tkgp_coref {
  const tkgp_gazetteer *gz;
  tkgp_coref_options opt;
  tkgp_nlp_word *words; /* every word of the document */
  size_t *word_sent;    /* sentence of each word */
  size_t *dhead;        /* document index of each word's head, or NO_WORD */
  size_t n_words, cap_words;
  size_t *sent_start; /* first word of each sentence */
  size_t *det_first, *det_count; /* detected mentions of each sentence: m[first, first+count) */
  size_t n_sents, cap_sents;
  tkgp_coref_mention *m;
  size_t n_m, cap_m;
  /* scratch of tkgp_coref_resolve() */
  size_t *parent, *next; /* union find and circular member lists */
  unsigned *feat;        /* pooled agreement masks of each chain root */
  long *country;         /* gazetteer country of each mention, or -1 */
  long *by_head;         /* per word: the longest mention it heads, -1 */
};

/* ---- small lexicons ------------------------------------------------------ */

static int in_list(const char *w, const char *const *list)
{
  size_t i;
  /* A first letter that differs settles most words at once. */
  int first = *w | 0x20;
  for (i = 0; list[i]; i++)
    if ((list[i][0] | 0x20) == first && strcasecmp(w, list[i]) == 0)
      return 1;
  return 0;
}

/* clang-format off */
/* Nouns naming people; the first block is male, the second female. */
static const char *const male_nouns[] = {
  "man", "boy", "father", "son", "husband", "brother", "king", "prince",
  "emperor", "lord", "sir", "gentleman", "dad", "grandfather", "uncle",
  "nephew", "boyfriend", "monk", "spokesman", "chairman", "fisherman",
  "businessman", "mr", "mr.", "duke", "count", "baron", "grandson", NULL};
static const char *const female_nouns[] = {
  "woman", "girl", "mother", "daughter", "wife", "sister", "queen",
  "princess", "empress", "lady", "mom", "mum", "grandmother", "aunt",
  "niece", "girlfriend", "widow", "actress", "spokeswoman", "chairwoman",
  "businesswoman", "mrs", "mrs.", "ms", "ms.", "miss", "duchess",
  "countess", "baroness", "granddaughter", "nun", NULL};
static const char *const person_nouns[] = {
  "person", "people", "child", "kid", "baby", "parent", "family", "friend",
  "minister", "president", "official", "spokesperson", "advisor",
  "adviser", "leader", "chief", "director", "member", "student", "teacher",
  "professor", "researcher", "scientist", "author", "writer", "journalist",
  "reporter", "doctor", "patient", "lawyer", "judge", "attorney",
  "defendant", "plaintiff", "witness", "officer", "soldier", "player",
  "coach", "fan", "worker", "employee", "employer", "manager", "owner",
  "senator", "governor", "mayor", "ambassador", "diplomat", "secretary",
  "ceo", "founder", "citizen", "resident", "visitor", "tourist", "guest",
  "host", "customer", "user", "participant", "victim", "suspect",
  "prisoner", "candidate", "voter", "politician", "artist", "painter",
  "poet", "musician", "singer", "actor", "producer", "engineer",
  "mathematician", "philosopher", "historian", "economist", "linguist",
  "librarian", "scholar", "expert", "specialist", "colleague", "partner",
  "neighbour", "neighbor", "individual", "human", "adult", "teen",
  "teenager", "youth", "guy", "sibling", "grandparent", "cousin",
  "spouse", "boss", "speaker", "interviewer", "respondent", "volunteer",
  "driver", "pilot", "captain", "commander", "general", "sergeant",
  "guard", "priest", "bishop", "pope", "saint", "hero", "ruler",
  "dictator", "chancellor", "premier", "deputy", "representative",
  "delegate", "negotiator", "analyst", "critic", "editor", "publisher",
  "photographer", "designer", "architect", "farmer", "merchant", "trader",
  "seller", "buyer", "tenant", "landlord", "borrower", "lender",
  "creditor", "debtor", "counsel", "prosecutor", "juror", "nurse",
  "physician", "surgeon", "therapist", "practitioner", "pharmacist",
  "dentist", "inventor", "entrepreneur", "investor", "banker",
  "accountant", "clerk", "assistant", "intern", "pupil", "graduate",
  "fellow", "dean", "lecturer", "tutor", "mentor", "gamer", "developer",
  "programmer", "hacker", "blogger", "creator", "follower", "supporter",
  "opponent", "rival", "enemy", "ally", "protester", "activist", "refugee",
  "migrant", "immigrant", "stranger", "passenger", "traveller",
  "traveler", "rider", "runner", "athlete", "champion", "winner",
  "novelist", "composer", "director", "homeopath", "psychologist",
  "biologist", "physicist", "chemist", "astronomer", "sculptor",
  "dancer", "comedian", "child", "infant", "toddler", "twin", "heir",
  "successor", "predecessor", "mentor", "disciple", "admirer", "lover",
  "companion", "servant", "slave", "master", "peasant", "noble",
  "nobleman", "aristocrat", "knight", "warrior", "soldier", "troop",
  "officer", "agent", "spy", "detective", "police", "cop", "victim",
  "survivor", "resident", "inhabitant", "native", "local", "american",
  "australian", "british", "someone", "somebody", "everyone", "everybody",
  "anyone", "anybody", "nobody", "crew", "staff", "team", "audience",
  "reader", "viewer", "listener", "learner", "instructor", "educator",
  "administrator", "coordinator", "consultant", "contractor", "vendor",
  "seller", "applicant", "claimant", "appellant", "respondent",
  "petitioner", "decedent", "homeowner", "caller", "narrator", NULL};
static const char *const org_nouns[] = {
  "government", "company", "ministry", "agency", "organization",
  "organisation", "department", "committee", "council", "party", "union",
  "association", "university", "school", "college", "court",
  "parliament", "congress", "senate", "army", "military", "firm",
  "corporation", "bank", "group", "club", "band", "board",
  "administration", "commission", "institute", "foundation", "network",
  "newspaper", "league", "federation", "authority", "church", "hospital",
  "museum", "library", "business", "industry", "store", "shop",
  "restaurant", "hotel", "publisher", "studio", "navy", "regime",
  "embassy", "office", NULL};
static const char *const place_nouns[] = {
  "country", "city", "town", "village", "state", "region", "area",
  "island", "province", "capital", "nation", "place", "street", "road",
  "river", "mountain", "beach", "park", "district", "neighborhood",
  "neighbourhood", "continent", "coast", "site", "county", "territory",
  "kingdom", "empire", "republic", "world", "earth", "lake", "sea",
  "ocean", "valley", "hill", "square", "port", "harbour", "harbor",
  "airport", "station", "suburb", "bay", "peninsula", "desert", NULL};
static const char *const time_nouns[] = {
  "day", "year", "month", "week", "time", "hour", "minute", "second",
  "century", "decade", "morning", "evening", "night", "today",
  "yesterday", "tomorrow", "afternoon", "weekend", "season", "period",
  "era", "age", "moment", "monday", "tuesday", "wednesday", "thursday",
  "friday", "saturday", "sunday", "january", "february", "march",
  "april", "may", "june", "july", "august", "september", "october",
  "november", "december", "spring", "summer", "autumn", "winter", NULL};
/* Titles before a name that tell a gender. */
static const char *const male_titles[] = {
  "Mr", "Mr.", "Sir", "King", "Prince", "Lord", "Emperor", "Duke",
  "Father", "Brother", "Uncle", "Count", NULL};
static const char *const female_titles[] = {
  "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Lady", "Queen", "Princess",
  "Empress", "Duchess", "Dame", "Sister", "Madame", "Mme.", "Mlle.",
  "Aunt", NULL};
static const char *const person_titles[] = {
  "Dr", "Dr.", "Prof", "Prof.", "Professor", "President", "Minister",
  "Senator", "Governor", "Mayor", "Judge", "Justice", "General",
  "Captain", "Colonel", "Sgt.", "Rev.", "Reverend", "Saint", "St.",
  "Officer", "Detective", "Chancellor", "Ambassador", "Secretary", NULL};

static const char *const indefinite_dets[] = {
  "a", "an", "some", "any", "no", "another", "many", "several", "few", NULL};

/* clang-format on */

/* Nouns inside complex prepositions, not mentions in GUM. */
static const char *const preposition_nouns[] = {
    "relation", "line",       "term",        "terms",  "addition",
    "order",    "behalf",     "spite",       "means",  "favor",
    "favour",   "regard",     "respect",     "front",  "place",
    "lieu",     "accordance", "charge",      "light",  "view",
    "wake",     "case",       "part",        "search", "response",
    "contrast", "comparison", "conjunction", "touch",  "exchange",
    "return",   "course",     NULL};

/* Adverbial idioms, the noun and the word before it: "for example", "in
 * fact", "as a result", "on the other hand", "of course", "a bit", "take
 * place". Never a mention on GUM train. */
static const char *const idiom_nouns[][2] = {
    {"for", "example"}, {"for", "instance"}, {"in", "fact"},   {"a", "result"},
    {"other", "hand"},  {"one", "hand"},     {"of", "course"}, {"a", "bit"},
    {"little", "bit"},  {"take", "place"},   {"in", "place"},  {NULL, NULL}};

static const char *lemma_of(const tkgp_nlp_word *w)
{
  return w->lemma && *w->lemma && strcmp(w->lemma, "_") ? w->lemma : w->form;
}

static int idiom_noun(const tkgp_coref *c, size_t i)
{
  size_t k;
  if (i == 0 || c->word_sent[i - 1] != c->word_sent[i])
    return 0;
  for (k = 0; idiom_nouns[k][0]; k++)
    if (strcasecmp(c->words[i].form, idiom_nouns[k][1]) == 0 &&
        (strcasecmp(c->words[i - 1].form, idiom_nouns[k][0]) == 0 ||
         strcasecmp(lemma_of(&c->words[i - 1]), idiom_nouns[k][0]) == 0))
      return 1;
  return 0;
}

/* The relation without its subtype: "nsubj:pass" -> is "nsubj". */
static int rel_is(const char *deprel, const char *base)
{
  size_t n = strlen(base);
  return deprel && strncmp(deprel, base, n) == 0 &&
         (deprel[n] == '\0' || deprel[n] == ':');
}

static int has_feat(const char *feats, const char *fv)
{
  const char *p;
  size_t n = strlen(fv);
  if (!feats)
    return 0;
  for (p = feats; (p = strstr(p, fv)) != NULL; p += n)
    if ((p == feats || p[-1] == '|') && (p[n] == '\0' || p[n] == '|'))
      return 1;
  return 0;
}

static int upos_is(const tkgp_nlp_word *w, const char *upos)
{
  return w->upos && strcmp(w->upos, upos) == 0;
}

/* ---- building the document ----------------------------------------------- */

int tkgp_coref_new(tkgp_coref **out, const tkgp_gazetteer *gazetteer,
                   const tkgp_coref_options *options)
{
  tkgp_coref *c = calloc(1, sizeof *c);
  *out = NULL;
  if (!c)
    return TKG_ENOMEM;
  c->gz = gazetteer;
  if (options)
    c->opt = *options;
  if (!c->opt.window)
    c->opt.window = TKGP_COREF_WINDOW;
  if (!c->opt.pronoun_sentences)
    c->opt.pronoun_sentences = 3;
  *out = c;
  return 0;
}

void tkgp_coref_free(tkgp_coref *c)
{
  if (!c)
    return;
  free(c->words);
  free(c->word_sent);
  free(c->dhead);
  free(c->sent_start);
  free(c->det_first);
  free(c->det_count);
  free(c->m);
  free(c->parent);
  free(c->next);
  free(c->feat);
  free(c->country);
  free(c->by_head);
  free(c);
}

static int push_mention(tkgp_coref *c, const tkgp_coref_mention *mm)
{
  if (tkgp_grow((void **)&c->m, &c->cap_m, c->n_m + 1, sizeof *c->m))
    return TKG_ENOMEM;
  c->m[c->n_m++] = *mm;
  return 0;
}

/* A modifier after a noun that the parser attaches to it but that belongs
 * to the verb far more often: a bare number or a range of years after a
 * common noun ("a photograph , 1871 - 72") and time adjuncts ("a storm
 * within 24 hours", "his mother before her death"); on GUM train and dev
 * most such nmods lie outside the key mention. */
static int verbal_nmod(const tkgp_coref *c, size_t head, size_t k)
{
  static const char *const time_preps[] = {"before", "after",   "during",
                                           "within", "through", NULL};
  static const char *const range[] = {"-", "\xe2\x80\x93", "to", NULL};
  size_t j, lo = k > 3 ? k - 3 : 0;
  const char *cs = NULL;
  for (j = lo; j < k; j++)
    if (c->dhead[j] == k && rel_is(c->words[j].deprel, "case"))
      cs = c->words[j].form;
  if (upos_is(&c->words[k], "NUM") && upos_is(&c->words[head], "NOUN") &&
      (!cs || in_list(cs, range)))
    return 1;
  return cs && in_list(cs, time_preps);
}

static int excluded_child(const tkgp_coref *c, size_t head, size_t k)
{
  static const char *const out[] = {
      "conj",  "cc",        "parataxis", "appos",      "dep",
      "punct", "mark",      "cop",       "aux",        "nsubj",
      "csubj", "discourse", "vocative",  "reparandum", "orphan",
      "list",  "expl",      "advcl",     NULL};
  const tkgp_nlp_word *w = &c->words[k];
  size_t i;
  for (i = 0; out[i]; i++)
    if (rel_is(w->deprel, out[i]))
      return 1;
  if (k < head && rel_is(w->deprel, "case"))
    return 1;
  if (k < head && rel_is(w->deprel, "advmod"))
    return 1;
  if (k > head && rel_is(w->deprel, "nmod") && verbal_nmod(c, head, k))
    return 1;
  /* a finite verb as a reduced modifier ("the studies tested ...") is a
   * misparsed main clause far more often than a modifier */
  if (w->deprel && strcmp(w->deprel, "acl") == 0 && w->xpos &&
      (strcmp(w->xpos, "VBD") == 0 || strcmp(w->xpos, "VBZ") == 0 ||
       strcmp(w->xpos, "VBP") == 0))
    return 1;
  return 0;
}

/* Is punctuation word K of [A, B] a quote or bracket matched inside the
 * span ('[ the ] section', 'a " support movement "')? GUM keeps those. */
static int paired(const tkgp_coref *c, size_t a, size_t b, size_t k)
{
  /* ( [ { and curly double and single quotes, as UTF-8; straight " */
  static const char *const open[] = {
      "(", "[", "{", "\xe2\x80\x9c", "\xe2\x80\x98", "\"", NULL};
  static const char *const close[] = {
      ")", "]", "}", "\xe2\x80\x9d", "\xe2\x80\x99", "\"", NULL};
  const char *f = c->words[k].form;
  size_t i, j;
  for (i = 0; open[i]; i++) {
    if (k == b && strcmp(f, close[i]) == 0) {
      for (j = a; j < b; j++)
        if (strcmp(c->words[j].form, open[i]) == 0)
          return 1;
    }
    if (k == a && strcmp(f, open[i]) == 0) {
      for (j = a + 1; j <= b; j++)
        if (strcmp(c->words[j].form, close[i]) == 0)
          return 1;
    }
  }
  return 0;
}

/* Span of mention headed by H in the sentence [S0, S1): H plus the full
 * subtrees (LO/HI) of the children that stay in, edge punctuation cut. */
static void mention_span(const tkgp_coref *c, size_t s0, size_t s1,
                         const size_t *lo, const size_t *hi, size_t h,
                         size_t *start, size_t *end)
{
  size_t a = h, b = h, k;
  for (k = s0; k < s1; k++)
    if (c->dhead[k] == h && !excluded_child(c, h, k)) {
      if (lo[k - s0] < a)
        a = lo[k - s0];
      if (hi[k - s0] > b)
        b = hi[k - s0];
    }
  /* a bracket with a number closing a common noun's phrase is a citation
   * or a date, "the first study ( Smith , 2001 )", "a gain [ 19 ]": GUM
   * leaves it out (after a name it is often a work's year, "Quilis
   * ( 1964 )", and "( L2 )" without a number is an alias, kept) */
  if (b > h + 1 && upos_is(&c->words[h], "NOUN") &&
      (strcmp(c->words[b].form, ")") == 0 ||
       strcmp(c->words[b].form, "]") == 0)) {
    const char *open = c->words[b].form[0] == ')' ? "(" : "[";
    int num = 0;
    for (k = b; k-- > h + 1;) {
      if (upos_is(&c->words[k], "NUM"))
        num = 1;
      if (strcmp(c->words[k].form, open) == 0) {
        if (num)
          b = k - 1;
        break;
      }
    }
  }
  while (b > a && upos_is(&c->words[b], "PUNCT") && !paired(c, a, b, b))
    b--;
  while (a < b && upos_is(&c->words[a], "PUNCT") && !paired(c, a, b, a))
    a++;
  *start = a;
  *end = b + 1;
}

/* A determiner or a symbol in a noun's place heads a mention: "those who
 * left", "both of them", "this is new", "$ 5" (GUM train: about 70%
 * of them head a key mention). Adjectives ("the young"), foreign words
 * and "there"/"here" were tried too: no gain. */
static int other_head(const tkgp_coref *c, size_t i)
{
  static const char *const nominal_rels[] = {"nsubj", "obj",   "iobj", "obl",
                                             "nmod",  "appos", NULL};
  const tkgp_nlp_word *w = &c->words[i];
  size_t k;
  int nominal = 0;
  if (!upos_is(w, "DET") && !upos_is(w, "SYM"))
    return 0;
  for (k = 0; nominal_rels[k]; k++)
    if (rel_is(w->deprel, nominal_rels[k]) && !rel_is(w->deprel, "nmod:poss"))
      nominal = 1;
  return nominal || (upos_is(w, "DET") && rel_is(w->deprel, "conj"));
}

static int is_candidate_head(const tkgp_coref *c, size_t i)
{
  const tkgp_nlp_word *w = &c->words[i];
  size_t h = c->dhead[i];
  if (!w->upos)
    return 0;
  /* "et al.": GUM marks "al." as a mention (the other authors) */
  if (strcmp(w->form, "al.") == 0 && i > 0 &&
      strcasecmp(c->words[i - 1].form, "et") == 0)
    return 1;
  if (other_head(c, i))
    return 1;
  if (strcmp(w->upos, "NOUN") && strcmp(w->upos, "PROPN") &&
      strcmp(w->upos, "PRON") && strcmp(w->upos, "NUM"))
    return 0;
  /* nmod:desc is a title before a name ("King X", "General X"): part of
   * the name's mention, not one of its own (1% precision on GUM train) */
  if (rel_is(w->deprel, "flat") || rel_is(w->deprel, "fixed") ||
      rel_is(w->deprel, "goeswith") ||
      (w->deprel && strcmp(w->deprel, "nmod:desc") == 0))
    return 0;
  if (upos_is(w, "PROPN") && rel_is(w->deprel, "compound") && h != NO_WORD &&
      upos_is(&c->words[h], "PROPN")) {
    /* "U.S. President Jane Roe": GUM nests the country */
    tkgp_token t;
    size_t idx;
    t.form = w->form;
    return c->gz && tkgp_gazetteer_match(c->gz, TKGP_PHRASE_COUNTRY, &t, 0, 1,
                                         &idx) == 1;
  }
  if (upos_is(w, "NUM") && rel_is(w->deprel, "nummod"))
    return 0;
  if (upos_is(w, "NOUN") && idiom_noun(c, i))
    return 0;
  /* the noun of a complex preposition: "in relation to", "on behalf of" */
  if (upos_is(w, "NOUN") && i > 0 && i + 1 < c->n_words &&
      upos_is(&c->words[i - 1], "ADP") && upos_is(&c->words[i + 1], "ADP") &&
      in_list(lemma_of(w), preposition_nouns))
    return 0;
  if (upos_is(w, "PRON")) {
    static const char *const wh[] = {"which",   "who",       "whom",
                                     "whose",   "what",      "whatever",
                                     "whoever", "whichever", NULL};
    const char *l = w->lemma ? w->lemma : w->form;
    if (in_list(l, wh) || in_list(w->form, wh))
      return 0;
    if (has_feat(w->feats, "PronType=Rel"))
      return 0;
    if (strcasecmp(w->form, "that") == 0 && h != NO_WORD &&
        rel_is(c->words[h].deprel, "acl") && h > i)
      return 0;
    /* "there is" is no mention; an expletive "it" ("it is clear that")
     * is one in GUM (64 of 71 on train), cataphoric to the clause */
    if (rel_is(w->deprel, "expl") && strcasecmp(w->form, "it") != 0)
      return 0;
  }
  return 1;
}

int tkgp_coref_add_sentence(tkgp_coref *c, const tkgp_nlp_word *words, size_t n)
{
  size_t s0 = c->n_words, s1 = s0 + n, i, *lo = NULL, *hi = NULL;
  size_t cw = c->cap_words;
  int rc = TKG_ENOMEM;

  for (i = 0; i < n; i++)
    if (words[i].head < 0 || (size_t)words[i].head > n)
      return TKG_EINVAL;
  if (tkgp_grow((void **)&c->words, &cw, s1, sizeof *c->words))
    return TKG_ENOMEM;
  cw = c->cap_words;
  if (tkgp_grow((void **)&c->word_sent, &cw, s1, sizeof *c->word_sent))
    return TKG_ENOMEM;
  cw = c->cap_words;
  if (tkgp_grow((void **)&c->dhead, &cw, s1, sizeof *c->dhead))
    return TKG_ENOMEM;
  c->cap_words = cw;
  {
    size_t cs = c->cap_sents;
    if (tkgp_grow((void **)&c->sent_start, &cs, c->n_sents + 1, sizeof *c->sent_start))
      return TKG_ENOMEM;
    cs = c->cap_sents;
    if (tkgp_grow((void **)&c->det_first, &cs, c->n_sents + 1, sizeof *c->det_first))
      return TKG_ENOMEM;
    cs = c->cap_sents;
    if (tkgp_grow((void **)&c->det_count, &cs, c->n_sents + 1, sizeof *c->det_count))
      return TKG_ENOMEM;
    c->cap_sents = cs;
  }
  c->det_first[c->n_sents] = c->n_m;
  c->det_count[c->n_sents] = 0;
  for (i = 0; i < n; i++) {
    c->words[s0 + i] = words[i];
    c->word_sent[s0 + i] = c->n_sents;
    c->dhead[s0 + i] = words[i].head ? s0 + (size_t)words[i].head - 1 : NO_WORD;
  }
  c->sent_start[c->n_sents++] = s0;
  c->n_words = s1;
  if (c->opt.no_detect || n == 0)
    return 0;

  /* Full subtree extent of every word: walk up from each word, O(n depth). */
  lo = malloc(n * sizeof *lo);
  hi = malloc(n * sizeof *hi);
  if (!lo || !hi)
    goto cleanup;
  for (i = 0; i < n; i++)
    lo[i] = hi[i] = s0 + i;
  for (i = 0; i < n; i++) {
    size_t a = c->dhead[s0 + i], steps = 0;
    while (a != NO_WORD && steps++ < n) {
      if (s0 + i < lo[a - s0])
        lo[a - s0] = s0 + i;
      if (s0 + i > hi[a - s0])
        hi[a - s0] = s0 + i;
      a = c->dhead[a];
    }
  }
  for (i = s0; i < s1; i++) {
    tkgp_coref_mention mm;
    if (!is_candidate_head(c, i))
      continue;
    memset(&mm, 0, sizeof mm);
    mm.sentence = c->n_sents - 1;
    mm.head = i;
    mention_span(c, s0, s1, lo, hi, i, &mm.start, &mm.end);
    mm.appositive_of = mm.predicate_of = -1;
    if (push_mention(c, &mm))
      goto cleanup;
    c->det_count[c->n_sents - 1]++;
  }
  rc = 0;
cleanup:
  free(lo);
  free(hi);
  return rc;
}

int tkgp_coref_add_mention(tkgp_coref *c, size_t sentence, size_t start,
                           size_t end, tkgp_coref_type type, unsigned flags)
{
  size_t s0, s1, i, h = NO_WORD;
  tkgp_coref_mention mm;

  if (sentence >= c->n_sents)
    return TKG_EINVAL;
  s0 = c->sent_start[sentence];
  s1 = sentence + 1 < c->n_sents ? c->sent_start[sentence + 1] : c->n_words;
  if (start >= end || s0 + end > s1)
    return TKG_EINVAL;
  start += s0;
  end += s0;
  /* The head: the first word whose head lies outside the span. */
  for (i = start; i < end && h == NO_WORD; i++)
    if (c->dhead[i] == NO_WORD || c->dhead[i] < start || c->dhead[i] >= end)
      h = i;
  if (h == NO_WORD)
    h = end - 1;
  /* A mention detected in this sentence with the same span or head
   * takes the type and flags (only this sentence's are looked at: a long
   * document adds thousands). */
  for (i = c->det_first[sentence] + c->det_count[sentence];
       !c->opt.no_detect && i-- > c->det_first[sentence];) {
    tkgp_coref_mention *o = &c->m[i];
    if (o->external)
      continue; /* already taken by an earlier added mention */
    if ((o->start == start && o->end == end) || o->head == h) {
      if (type != TKGP_COREF_UNKNOWN)
        o->type = type;
      o->flags |= flags;
      o->external = 1;
      return 0;
    }
  }
  memset(&mm, 0, sizeof mm);
  mm.sentence = sentence;
  mm.start = start;
  mm.end = end;
  mm.head = h;
  mm.type = type;
  mm.flags = flags;
  mm.external = 1;
  mm.appositive_of = mm.predicate_of = -1;
  return push_mention(c, &mm);
}

const tkgp_coref_mention *tkgp_coref_mentions(const tkgp_coref *c, size_t *n)
{
  *n = c->n_m;
  return c->m;
}

const tkgp_nlp_word *tkgp_coref_word(const tkgp_coref *c, size_t i)
{
  return i < c->n_words ? &c->words[i] : NULL;
}

/* ---- features ------------------------------------------------------------ */

static int cmp_mention(const void *a, const void *b)
{
  const tkgp_coref_mention *x = a, *y = b;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  if (x->external != y->external)
    return x->external ? -1 : 1;
  return 0;
}

/* "It is clear that ...", "it is hard to ...": a subject "it" of an
 * adjective with a clausal complement after it, which the parser may
 * leave a plain nsubj rather than expl. */
static int pleonastic_it(const tkgp_coref *c, size_t i)
{
  size_t g = c->dhead[i], k;
  if (strcasecmp(c->words[i].form, "it") ||
      !rel_is(c->words[i].deprel, "nsubj") || g == NO_WORD ||
      !upos_is(&c->words[g], "ADJ"))
    return 0;
  for (k = g + 1; k < c->n_words && c->word_sent[k] == c->word_sent[g]; k++)
    if (c->dhead[k] == g && (rel_is(c->words[k].deprel, "ccomp") ||
                             rel_is(c->words[k].deprel, "csubj") ||
                             rel_is(c->words[k].deprel, "xcomp")))
      return 1;
  return 0;
}

/* Features of a pronoun (or determiner or symbol) mention M headed by H. */
static void pronoun_features(const tkgp_coref *c, tkgp_coref_mention *m,
                             const tkgp_nlp_word *h)
{
  const tkgp_pronoun *p = tkgp_pronoun_find(h->form);
  m->kind = TKGP_COREF_PRONOUN;
  if (p) {
    m->person = p->person;
    if (!m->gender)
      m->gender = p->gender;
    m->number = p->number;
    m->animacy = p->animacy;
    if (p->person < 3 || p->gender == TKGP_GENDER_MALE ||
        p->gender == TKGP_GENDER_FEMALE)
      m->type = m->type ? m->type : TKGP_COREF_PERSON;
  } else {
    m->person = 0; /* demonstratives, indefinites: not resolved */
  }
  if (rel_is(h->deprel, "expl") || pleonastic_it(c, m->head))
    m->person = 0; /* expletive "it": refers forward, to a clause */
  m->definite = 1;
}

/* Gender and person type of a name from the titles before its head:
 * "Mr", "Queen", "President". */
static void name_titles(const tkgp_coref *c, tkgp_coref_mention *m)
{
  for (size_t k = m->start; k < m->head; k++) {
    const char *f = c->words[k].form;
    if (in_list(f, male_titles))
      m->gender = TKGP_GENDER_MALE;
    else if (in_list(f, female_titles))
      m->gender = TKGP_GENDER_FEMALE;
    if (m->gender || in_list(f, person_titles)) {
      m->type = m->type ? m->type : TKGP_COREF_PERSON;
      m->flags |= TKGP_COREF_TITLED;
    }
  }
}

/* Whether the name M (without a leading "the") is a country of the
 * gazetteer. */
static int name_is_country(const tkgp_coref *c, const tkgp_coref_mention *m)
{
  tkgp_token toks[8];
  size_t n = 0, idx;
  for (size_t k = m->start; k < m->end && n < 8; k++)
    if (!(k == m->start && strcasecmp(c->words[k].form, "the") == 0))
      toks[n++].form = c->words[k].form;
  return n && tkgp_gazetteer_match(c->gz, TKGP_PHRASE_COUNTRY, toks, 0, n,
                                   &idx) == n;
}

/* Features of a proper-name mention M. */
static void proper_features(const tkgp_coref *c, tkgp_coref_mention *m)
{
  m->kind = TKGP_COREF_PROPER;
  m->definite = 1;
  for (size_t k = m->head + 1; k < m->end; k++)
    if (c->dhead[k] == m->head && rel_is(c->words[k].deprel, "flat"))
      m->name_head = k;
  /* "United States", "Netherlands": a name's number is not its head's */
  m->number = 0;
  name_titles(c, m);
  if (!m->type && c->gz && name_is_country(c, m))
    m->type = TKGP_COREF_PLACE;
  if (m->type == TKGP_COREF_PERSON || m->type == TKGP_COREF_PLACE)
    m->number = TKGP_NUMBER_SING;
}

/* Gender and type of a common-noun mention M from the lemma LEM of its
 * head H; a type already set is kept. */
static void nominal_type(tkgp_coref_mention *m, const tkgp_nlp_word *h,
                         const char *lem)
{
  if (in_list(lem, male_nouns)) {
    m->gender = TKGP_GENDER_MALE;
    m->type = m->type ? m->type : TKGP_COREF_PERSON;
  } else if (in_list(lem, female_nouns)) {
    m->gender = TKGP_GENDER_FEMALE;
    m->type = m->type ? m->type : TKGP_COREF_PERSON;
  } else if (in_list(lem, person_nouns)) {
    m->type = m->type ? m->type : TKGP_COREF_PERSON;
  } else if (in_list(lem, org_nouns)) {
    m->type = m->type ? m->type : TKGP_COREF_ORG;
  } else if (in_list(lem, place_nouns)) {
    m->type = m->type ? m->type : TKGP_COREF_PLACE;
  } else if (in_list(lem, time_nouns) || upos_is(h, "NUM")) {
    m->type = m->type ? m->type : TKGP_COREF_DATE;
  } else if (!m->type) {
    m->type = TKGP_COREF_OTHER;
  }
}

/* Definiteness of a common-noun mention M from the determiners and
 * possessors of its head. */
static void nominal_definiteness(const tkgp_coref *c, tkgp_coref_mention *m)
{
  for (size_t k = m->start; k < m->head; k++) {
    const tkgp_nlp_word *w = &c->words[k];
    if (c->dhead[k] != m->head)
      continue;
    if (rel_is(w->deprel, "det")) {
      static const char *const def[] = {"the",   "this",  "that",
                                        "these", "those", "each",
                                        "every", "both",  NULL};
      if (in_list(w->form, def))
        m->definite = 1;
      else if (in_list(w->form, indefinite_dets))
        m->indefinite = 1;
    } else if (rel_is(w->deprel, "nmod:poss") || rel_is(w->deprel, "nmod")) {
      m->definite = 1;
    }
  }
  /* a bare plural: "officials said" */
  if (!m->definite && !m->indefinite && m->number == TKGP_NUMBER_PLUR)
    m->indefinite = 1;
}

/* Features of a common-noun mention M headed by H. */
static void nominal_features(const tkgp_coref *c, tkgp_coref_mention *m,
                             const tkgp_nlp_word *h)
{
  m->kind = TKGP_COREF_NOMINAL;
  m->number =
      has_feat(h->feats, "Number=Plur") ? TKGP_NUMBER_PLUR : TKGP_NUMBER_SING;
  if (upos_is(h, "NUM"))
    m->number = 0;
  nominal_type(m, h, lemma_of(h));
  nominal_definiteness(c, m);
}

/* Animacy and gender that follow from the type of M. */
static void type_agreement(tkgp_coref_mention *m)
{
  switch (m->type) {
  case TKGP_COREF_PERSON:
    m->animacy = TKGP_ANIMATE;
    break;
  case TKGP_COREF_UNKNOWN:
  case TKGP_COREF_ORG:
    break;
  default:
    if (!m->animacy)
      m->animacy = TKGP_INANIMATE;
    if (!m->gender && m->kind != TKGP_COREF_PRONOUN)
      m->gender = TKGP_GENDER_NEUTER;
  }
  if (m->type == TKGP_COREF_PERSON && m->gender == TKGP_GENDER_NEUTER)
    m->gender = 0;
}

static void features(tkgp_coref *c, tkgp_coref_mention *m)
{
  const tkgp_nlp_word *h = &c->words[m->head];
  int name = (m->flags & TKGP_COREF_NAME) != 0;

  m->person = 3;
  m->name_head = m->head;
  /* determiners and symbols as heads are resolved like demonstratives:
   * not at all (person 0 below) */
  if (!name && (upos_is(h, "PRON") || upos_is(h, "DET") || upos_is(h, "SYM")))
    pronoun_features(c, m, h);
  else if (name || upos_is(h, "PROPN"))
    proper_features(c, m);
  else
    nominal_features(c, m, h);
  type_agreement(m);
  m->subject = rel_is(h->deprel, "nsubj");
  for (size_t k = m->start; k < m->end; k++)
    if ((c->dhead[k] == m->head && rel_is(c->words[k].deprel, "conj")) ||
        strcmp(c->words[k].form, "&") == 0)
      m->coordination = 1;
  /* "Smith and Jones": they, of no one gender */
  if (m->coordination) {
    m->number = TKGP_NUMBER_PLUR;
    m->gender = 0;
  }
}

/* Index of the (longest) mention headed by word H, or -1. */
static long mention_with_head(const tkgp_coref *c, size_t h)
{
  return c->by_head[h];
}

/* ---- chains -------------------------------------------------------------- */

static size_t find(tkgp_coref *c, size_t i)
{
  while (c->parent[i] != i) {
    c->parent[i] = c->parent[c->parent[i]];
    i = c->parent[i];
  }
  return i;
}

/* Agreement masks: 4 bits gender, 3 number, 3 animacy, 8 type. */
#define F_GENDER(g) (1u << (g))
#define F_NUMBER(n) (1u << (4 + (n)))
#define F_ANIM(a) (1u << (7 + (a)))
#define F_TYPE(t) (1u << (10 + (t)))
#define M_GENDER 0xEu
#define M_NUMBER (0x6u << 4)
#define M_ANIM (0x6u << 7)
#define M_TYPE (0xFEu << 10)

static unsigned mention_feat(const tkgp_coref_mention *m)
{
  unsigned f = 0;
  if (m->gender)
    f |= F_GENDER(m->gender);
  if (m->number)
    f |= F_NUMBER(m->number);
  if (m->animacy)
    f |= F_ANIM(m->animacy);
  if (m->type)
    f |= F_TYPE(m->type);
  return f;
}

static int feat_agree(unsigned a, unsigned b)
{
  static const unsigned masks[] = {M_GENDER, M_NUMBER, M_ANIM, M_TYPE};
  size_t i;
  for (i = 0; i < 4; i++)
    if ((a & masks[i]) && (b & masks[i]) && !(a & b & masks[i]))
      return 0;
  return 1;
}

static void unite(tkgp_coref *c, size_t a, size_t b)
{
  size_t ra = find(c, a), rb = find(c, b), t;
  if (ra == rb)
    return;
  if (rb < ra) {
    t = ra;
    ra = rb;
    rb = t;
  }
  c->parent[rb] = ra;
  c->feat[ra] |= c->feat[rb];
  t = c->next[ra];
  c->next[ra] = c->next[rb];
  c->next[rb] = t;
}

/* One span contains the other (i-within-i), or they overlap. */
static int nested(const tkgp_coref_mention *a, const tkgp_coref_mention *b)
{
  return a->start < b->end && b->start < a->end;
}

/* Words of [s, e) with a trailing possessive cut. */
static size_t trim_end(const tkgp_coref *c, size_t s, size_t e)
{
  while (e > s + 1 &&
         ((c->words[e - 1].xpos && strcmp(c->words[e - 1].xpos, "POS") == 0) ||
          upos_is(&c->words[e - 1], "PUNCT")))
    e--;
  return e;
}

/* Hash of words [S, E), ASCII case ignored: a quick no for same_text(). */
static uint64_t text_key(const tkgp_coref *c, size_t s, size_t e)
{
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = s; i < e; i++) {
    for (const char *p = c->words[i].form; *p; p++)
      h = (h ^ (unsigned char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p)) * 0x100000001b3ull;
    h = (h ^ ' ') * 0x100000001b3ull;
  }
  return h;
}

static int same_text(const tkgp_coref *c, const tkgp_coref_mention *a,
                     const tkgp_coref_mention *b)
{
  size_t ea = a->text_end, eb = b->text_end;
  size_t i;
  if (a->text_key != b->text_key || ea - a->start != eb - b->start)
    return 0;
  for (i = 0; i < ea - a->start; i++)
    if (strcasecmp(c->words[a->start + i].form, c->words[b->start + i].form))
      return 0;
  return 1;
}

static int content_word(const tkgp_nlp_word *w)
{
  return upos_is(w, "NOUN") || upos_is(w, "PROPN") || upos_is(w, "ADJ") ||
         upos_is(w, "NUM") || upos_is(w, "VERB");
}

/* Does mention M contain a word with W's lemma (case-insensitive)? */
static int mention_has_word(const tkgp_coref *c, const tkgp_coref_mention *m,
                            const tkgp_nlp_word *w)
{
  size_t k;
  for (k = m->start; k < m->end; k++)
    if (strcasecmp(lemma_of(&c->words[k]), lemma_of(w)) == 0)
      return 1;
  return 0;
}

/* Every content word of M appears in some mention of chain R (Lee et
 * al.'s word inclusion). Walks R's members once per word. */
/* Members of a chain looked at by chain_includes(): a long document can
 * grow a chain of thousands ("the committee" said a thousand times), and
 * walking it all for every candidate would make resolution quadratic. */
#define CHAIN_SCAN_MAX 64

static int chain_includes(tkgp_coref *c, const tkgp_coref_mention *m, size_t r)
{
  size_t k;
  for (k = m->start; k < m->end; k++) {
    size_t j = r, seen = 0;
    int found = 0;
    if (!content_word(&c->words[k]))
      continue;
    do {
      if (mention_has_word(c, &c->m[j], &c->words[k])) {
        found = 1;
        break;
      }
      j = c->next[j];
    } while (j != r && ++seen < CHAIN_SCAN_MAX);
    if (!found)
      return 0;
  }
  return 1;
}

/* Modifiers of M (content words other than the head) all in A. */
static int modifiers_in(const tkgp_coref *c, const tkgp_coref_mention *m,
                        const tkgp_coref_mention *a)
{
  size_t k;
  for (k = m->start; k < m->end; k++)
    if (k != m->head && content_word(&c->words[k]) &&
        !mention_has_word(c, a, &c->words[k]))
      return 0;
  return 1;
}

/* One of M and A has a number the other lacks: "Quilis" (the author) and
 * "Quilis (1964)" (the work) are not the same. */
static int number_mismatch(const tkgp_coref *c, const tkgp_coref_mention *m,
                           const tkgp_coref_mention *a)
{
  size_t k;
  for (k = m->start; k < m->end; k++)
    if (upos_is(&c->words[k], "NUM") && !mention_has_word(c, a, &c->words[k]))
      return 1;
  for (k = a->start; k < a->end; k++)
    if (upos_is(&c->words[k], "NUM") && !mention_has_word(c, m, &c->words[k]))
      return 1;
  return 0;
}

/* An acronym ("NSA") against the initials of the capitalized words of M. */
static int acronym_of(const tkgp_coref *c, const char *acr,
                      const tkgp_coref_mention *m)
{
  char init[16];
  size_t n = 0, k, len = strlen(acr);
  if (len < 2 || len >= sizeof init)
    return 0;
  for (k = 0; k < len; k++)
    if (!isupper((unsigned char)acr[k]))
      return 0;
  for (k = m->start; k < m->end; k++) {
    const char *f = c->words[k].form;
    if (upos_is(&c->words[k], "DET") || upos_is(&c->words[k], "ADP") ||
        upos_is(&c->words[k], "CCONJ"))
      continue; /* "The", "of", "and" have no letter in "NRA" */
    if (isupper((unsigned char)f[0])) {
      if (n + 1 >= sizeof init)
        return 0;
      init[n++] = f[0];
    }
  }
  return n == len && memcmp(init, acr, n) == 0;
}

static long country_of(const tkgp_coref *c, const tkgp_coref_mention *m)
{
  tkgp_token toks[8];
  size_t n = 0, k, idx, e = m->text_end;
  if (!c->gz)
    return -1;
  for (k = m->start; k < e && n < 8; k++)
    if (!(k == m->start && strcasecmp(c->words[k].form, "the") == 0))
      toks[n++].form = c->words[k].form;
  if (n && k == e &&
      tkgp_gazetteer_match(c->gz, TKGP_PHRASE_COUNTRY, toks, 0, n, &idx) == n)
    return (long)idx;
  return -1;
}

enum {
  S_EXACT,
  S_APPOS,
  S_ALIAS,
  S_STRICT_HEAD,
  S_NAME_HEAD,
  S_ROLE,
  S_RELAXED_HEAD
};

static int is_role_noun(const char *w)
{
  return in_list(w, person_nouns) || in_list(w, male_nouns) ||
         in_list(w, female_nouns) || in_list(w, person_titles);
}

/* A bare definite noun: "the minister", "the country" (nothing else but
 * the determiner). */
static int bare_definite(const tkgp_coref *c, const tkgp_coref_mention *m)
{
  return m->kind == TKGP_COREF_NOMINAL &&
         m->text_end - m->start == 2 &&
         m->head == m->start + 1 &&
         strcasecmp(c->words[m->start].form, "the") == 0;
}

/* Does sieve S link anaphor M to the earlier mention A? */
static int sieve_match(tkgp_coref *c, int s, size_t mi, size_t ai)
{
  const tkgp_coref_mention *m = &c->m[mi], *a = &c->m[ai];
  const tkgp_nlp_word *mh = &c->words[m->head], *ah = &c->words[a->head];

  if (s > S_APPOS && (m->coordination || a->coordination))
    return 0;
  switch (s) {
  case S_EXACT:
    /* even "a X" ... "a X": neutral on GUM train, better on dev */
    return m->kind != TKGP_COREF_PRONOUN && a->kind != TKGP_COREF_PRONOUN &&
           same_text(c, m, a);
  case S_APPOS:
    return m->appositive_of == (long)ai || m->predicate_of == (long)ai ||
           a->appositive_of == (long)mi;
  case S_ALIAS: {
    long x;
    if (m->kind != TKGP_COREF_PROPER || a->kind != TKGP_COREF_PROPER)
      return 0;
    if ((x = c->country[mi]) >= 0 && x == c->country[ai])
      return 1;
    if (m->end - m->start == 1 && acronym_of(c, mh->form, a))
      return 1;
    if (a->end - a->start == 1 && acronym_of(c, ah->form, m))
      return 1;
    return 0;
  }
  case S_STRICT_HEAD:
    return m->kind == TKGP_COREF_NOMINAL && m->definite &&
           a->kind != TKGP_COREF_PRONOUN &&
           strcasecmp(lemma_of(mh), lemma_of(ah)) == 0 &&
           chain_includes(c, m, find(c, ai)) && modifiers_in(c, m, a);
  case S_NAME_HEAD:
    return m->kind == TKGP_COREF_PROPER && a->kind == TKGP_COREF_PROPER &&
           strcmp(c->words[m->name_head].form, c->words[a->name_head].form) ==
               0 &&
           !number_mismatch(c, m, a) && chain_includes(c, m, find(c, ai));
  case S_ROLE: {
    /* "the president" -> "President Jane Roe" (the title in the name);
     * "the country" -> the last country named, a few sentences back */
    size_t k;
    if (!bare_definite(c, m) || a->kind != TKGP_COREF_PROPER)
      return 0;
    if (is_role_noun(lemma_of(mh))) {
      for (k = a->start; k < a->name_head; k++)
        if (strcasecmp(c->words[k].form, mh->form) == 0 ||
            strcasecmp(c->words[k].form, lemma_of(mh)) == 0)
          return 1;
      return 0;
    }
    if (strcasecmp(lemma_of(mh), "country") == 0 ||
        strcasecmp(lemma_of(mh), "nation") == 0)
      return m->sentence - a->sentence <= 3 && c->country[ai] >= 0;
    return 0;
  }
  case S_RELAXED_HEAD:
    /* Relaxed head match, kept narrow because GUM nests names in names
     * ("Durham" in "Durham University" is the city): a one-word name that
     * begins an organization's name, "Harvard" ... "Harvard University". */
    return m->kind == TKGP_COREF_PROPER && a->kind == TKGP_COREF_PROPER &&
           m->end - m->start == 1 && a->end - a->start == 2 &&
           strcmp(mh->form, c->words[a->start].form) == 0 &&
           in_list(lemma_of(&c->words[a->start + 1]), org_nouns);
  default:
    return 0;
  }
}

/* Whether sieve S can link anaphor M to anything: what sieve_match()
 * asks of M alone, checked once instead of once per candidate. */
static int anaphor_can(const tkgp_coref *c, int s, const tkgp_coref_mention *m)
{
  const char *lemma;
  if (s > S_APPOS && m->coordination)
    return 0;
  switch (s) {
  case S_EXACT:
    return m->kind != TKGP_COREF_PRONOUN;
  case S_ALIAS:
  case S_NAME_HEAD:
    return m->kind == TKGP_COREF_PROPER;
  case S_STRICT_HEAD:
    return m->kind == TKGP_COREF_NOMINAL && m->definite;
  case S_ROLE:
    if (!bare_definite(c, m))
      return 0;
    lemma = lemma_of(&c->words[m->head]);
    return is_role_noun(lemma) || strcasecmp(lemma, "country") == 0 ||
           strcasecmp(lemma, "nation") == 0;
  case S_RELAXED_HEAD:
    return m->kind == TKGP_COREF_PROPER && m->end - m->start == 1;
  default:
    return 1;
  }
}

static void run_sieve(tkgp_coref *c, int s)
{
  size_t i, j, lo;
  for (i = 0; i < c->n_m; i++) {
    if (!anaphor_can(c, s, &c->m[i]))
      continue;
    lo = i > c->opt.window ? i - c->opt.window : 0;
    for (j = i; j-- > lo;) {
      size_t ri = find(c, i), rj = find(c, j);
      if (ri == rj)
        continue;
      if (s != S_APPOS && nested(&c->m[i], &c->m[j]))
        continue;
      if (!sieve_match(c, s, i, j))
        continue;
      if (s != S_EXACT && !feat_agree(c->feat[ri], c->feat[rj]))
        continue;
      unite(c, i, j);
      break;
    }
  }
}

/* Co-arguments: both depend on the same word (he saw him). */
static int coargument(const tkgp_coref *c, const tkgp_coref_mention *a,
                      const tkgp_coref_mention *b)
{
  return c->dhead[a->head] != NO_WORD &&
         c->dhead[a->head] == c->dhead[b->head] &&
         !rel_is(c->words[a->head].deprel, "nmod:poss") &&
         !rel_is(c->words[b->head].deprel, "nmod:poss");
}

static void resolve_pronouns(tkgp_coref *c)
{
  size_t i, j;
  for (i = 0; i < c->n_m; i++) {
    const tkgp_coref_mention *m = &c->m[i];
    const tkgp_pronoun *p;
    size_t first_sent, best = SIZE_MAX, coarg[8], n_coarg;
    double best_score = -1e9;
    unsigned mf;
    if (m->kind != TKGP_COREF_PRONOUN || m->person != 3)
      continue;
    p = tkgp_pronoun_find(c->words[m->head].form);
    first_sent = m->sentence > c->opt.pronoun_sentences
                     ? m->sentence - c->opt.pronoun_sentences
                     : 0;
    mf = c->feat[find(c, i)];
    /* chains of the pronoun's co-arguments: "NRA defended them" keeps
     * them from the whole chain of NRA, not only from that mention */
    n_coarg = 0;
    for (j = i; j-- > 0 && c->m[j].sentence == m->sentence;)
      if (coargument(c, &c->m[j], m) && n_coarg < 8)
        coarg[n_coarg++] = find(c, j);
    for (j = i + 1; j < c->n_m && c->m[j].sentence == m->sentence; j++)
      if (coargument(c, &c->m[j], m) && n_coarg < 8)
        coarg[n_coarg++] = find(c, j);
    for (j = i; j-- > 0;) {
      const tkgp_coref_mention *a = &c->m[j];
      size_t rj = find(c, j);
      double score;
      if (a->sentence < first_sent)
        break;
      if (rj == find(c, i) || nested(a, m))
        continue;
      /* "they" looks back one sentence only: farther plurals were its
       * antecedent less often than not (GUM train and dev) */
      if (p && p->number == TKGP_NUMBER_PLUR && m->sentence - a->sentence > 1)
        continue;
      if (a->kind == TKGP_COREF_PRONOUN && a->person != 3)
        continue;
      /* "it" takes a noun only in a prominent role (subject, object,
       * oblique or root of its clause): on GUM train, "it" linked to a
       * noun was right only 39% of the time, mostly wrong for nouns
       * nested in other phrases */
      if (p && p->gender == TKGP_GENDER_NEUTER &&
          a->kind != TKGP_COREF_PRONOUN) {
        const char *r = c->words[a->head].deprel;
        if (!(rel_is(r, "nsubj") || rel_is(r, "obj") || rel_is(r, "root") ||
              rel_is(r, "obl")))
          continue;
      }
      if (!feat_agree(mf, c->feat[rj]))
        continue;
      if (!(p && p->reflexive)) {
        size_t q;
        for (q = 0; q < n_coarg && coarg[q] != rj; q++)
          ;
        if (q < n_coarg)
          continue; /* "he saw him": not the same */
      }
      if (p && p->reflexive && a->sentence != m->sentence)
        continue;
      score = -1.0 * (double)(m->sentence - a->sentence);
      if (a->subject)
        score += 2.0;
      if (a->kind == TKGP_COREF_PROPER)
        score += 0.5;
      if (a->kind == TKGP_COREF_PRONOUN)
        score += 1.0;
      if (a->type == TKGP_COREF_PERSON && m->animacy == TKGP_ANIMATE)
        score += 0.5;
      if (a->indefinite)
        score -= 0.5;
      if (score > best_score) {
        best_score = score;
        best = j;
      }
    }
    if (best != SIZE_MAX)
      unite(c, i, best);
  }
}

/* I, we, you: the nearest earlier mention of the same person and number. */
static void resolve_speakers(tkgp_coref *c)
{
  size_t i, j, lo;
  for (i = 0; i < c->n_m; i++) {
    const tkgp_coref_mention *m = &c->m[i];
    if (m->kind != TKGP_COREF_PRONOUN || (m->person != 1 && m->person != 2))
      continue;
    lo = i > c->opt.window ? i - c->opt.window : 0;
    for (j = i; j-- > lo;) {
      const tkgp_coref_mention *a = &c->m[j];
      if (a->kind == TKGP_COREF_PRONOUN && a->person == m->person &&
          (m->person == 2 || a->number == m->number)) {
        unite(c, i, j);
        break;
      }
    }
  }
}

int tkgp_coref_resolve(tkgp_coref *c)
{
  size_t i, w, n;
  void *p;

  /* Sort, then drop duplicate spans (the external one sorts first). */
  if (c->n_m)
    qsort(c->m, c->n_m, sizeof *c->m, cmp_mention);
  for (i = 0, n = 0; i < c->n_m; i++)
    if (n == 0 || c->m[n - 1].start != c->m[i].start ||
        c->m[n - 1].end != c->m[i].end)
      c->m[n++] = c->m[i];
  c->n_m = n;
  if (!n)
    return 0;
  p = realloc(c->parent, n * sizeof *c->parent);
  if (!p)
    return TKG_ENOMEM;
  c->parent = p;
  p = realloc(c->next, n * sizeof *c->next);
  if (!p)
    return TKG_ENOMEM;
  c->next = p;
  p = realloc(c->feat, n * sizeof *c->feat);
  if (!p)
    return TKG_ENOMEM;
  c->feat = p;
  p = realloc(c->country, n * sizeof *c->country);
  if (!p)
    return TKG_ENOMEM;
  c->country = p;
  p = realloc(c->by_head, (c->n_words + 1) * sizeof *c->by_head);
  if (!p)
    return TKG_ENOMEM;
  c->by_head = p;

  for (i = 0; i < c->n_words; i++)
    c->by_head[i] = -1;
  for (i = 0; i < n; i++) {
    features(c, &c->m[i]);
    c->m[i].text_end = trim_end(c, c->m[i].start, c->m[i].end);
    c->m[i].text_key = text_key(c, c->m[i].start, c->m[i].text_end);
    c->country[i] =
        c->m[i].kind == TKGP_COREF_PROPER ? country_of(c, &c->m[i]) : -1;
    if (c->by_head[c->m[i].head] < 0)
      c->by_head[c->m[i].head] = (long)i; /* sorted: the longest first */
  }
  /* Apposition and predicate nominals, by the heads' relations. */
  for (i = 0; i < n; i++) {
    tkgp_coref_mention *m = &c->m[i];
    size_t h = m->head, g = c->dhead[h];
    m->appositive_of = m->predicate_of = -1;
    if (rel_is(c->words[h].deprel, "appos") && g != NO_WORD)
      m->appositive_of = mention_with_head(c, g);
    /* "[Malaysia's Prime Minister] [Jane Roe]": a title as compound */
    if (rel_is(c->words[h].deprel, "compound") && g != NO_WORD && g > h &&
        upos_is(&c->words[g], "PROPN") && is_role_noun(lemma_of(&c->words[h])))
      m->appositive_of = mention_with_head(c, g);
    if (m->kind != TKGP_COREF_PRONOUN) {
      size_t s0 = c->sent_start[m->sentence], k, subj = NO_WORD;
      int cop = 0;
      for (k = s0; k < c->n_words && c->word_sent[k] == m->sentence; k++)
        if (c->dhead[k] == h) {
          if (rel_is(c->words[k].deprel, "cop"))
            cop = 1;
          else if (rel_is(c->words[k].deprel, "nsubj"))
            subj = k;
        }
      if (cop && subj != NO_WORD)
        m->predicate_of = mention_with_head(c, subj);
    }
  }
  for (i = 0; i < n; i++) {
    c->parent[i] = i;
    c->next[i] = i;
    c->feat[i] = mention_feat(&c->m[i]);
  }

  for (i = 0; i <= S_RELAXED_HEAD; i++)
    if (!(c->opt.skip_sieves & (1u << (i + 1))))
      run_sieve(c, (int)i);
  if (!(c->opt.skip_sieves & (1u << (S_RELAXED_HEAD + 2))))
    resolve_speakers(c);
  if (!(c->opt.skip_sieves & (1u << (S_RELAXED_HEAD + 3))))
    resolve_pronouns(c);

  for (i = 0; i < n; i++) {
    w = find(c, i);
    c->m[i].chain = w; /* the root is the smallest index: its first mention */
  }
  return 0;
}
