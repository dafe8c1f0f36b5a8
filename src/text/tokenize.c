/* tokenize.c - UD-style English tokens and sentences with their offsets
 * SPDX-License-Identifier: MIT
 *
 * Design. The tagger and parser are trained on Universal Dependencies
 * English (EWT, GUM), so tokens follow UD: clitics and possessives split
 * ("do n't", "Smith 's", "ca n't"), hyphenated words split into parts and
 * hyphens ("30 - day"; but not after prefixes such as non-, re-, co-, nor in
 * telephone-like digit groups), $ and % apart from their numbers, quotes
 * and brackets apart, while numbers, abbreviations, initials, URLs and
 * e-mail addresses stay whole. On the UD EWT dev sentences this gives a
 * token F1 of about 99.2%; most of the rest is web typing ("its" for "it
 * 's") that no rule can read.
 *
 * Three passes, each linear in the text:
 *  1. scan: whitespace cuts the text into chunks; a left-to-right scanner
 *     cuts each chunk into words and punctuation. Its lookahead is a code
 *     point or two, or one group of digits, or (for a URL) the rest of the
 *     chunk, each read once. Tokens go to a malloc'd vector.
 *  2. mark: datelines at line starts (a bounded window), then sentence
 *     ends, from the neighbouring tokens, the line breaks between them and
 *     the length of a line compared with the longest line of the text
 *     (which tells a headline from a hard-wrapped line of prose).
 *  3. copy: tokens, forms (one block) and sentences into the arena. The
 *     period of an abbreviation that ends a sentence ("... in the U.S.")
 *     becomes a token of its own here, as UD EWT has it.
 * A tokenizer (tkgp_tokenizer_new()) runs the three passes as it goes, so
 * that a long text is handed out a window of sentences at a time and its
 * memory is that of a window, not of all the text's tokens (see
 * struct tkgp_tokenizer).
 * Characters are classified with utf8proc's tables, never the locale.
 */
#include "text/tokenize.h"
#include "textkg.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

/* Internal marks on raw tokens. */
enum {
  P_TERMINAL = 1 << 0,   /* . ! ? ... and runs of them */
  P_CLOSER = 1 << 1,     /* closing quote or bracket */
  P_OPENER = 1 << 2,     /* opening quote or bracket */
  P_FINAL_ABBR = 1 << 3, /* abbreviation that may end a sentence */
  P_SPLIT = 1 << 4,      /* split the final period off when copying */
  P_END = 1 << 5,        /* last token of a sentence */
  P_WORD = 1 << 6,       /* starts with a letter or digit */
  P_DASH = 1 << 7,       /* - -- — – */
  P_INITIAL = 1 << 8     /* single capital letter and period */
};

typedef struct tkgp_rtok {
  size_t start, end;
  unsigned flags;       /* public TKGP_TOKEN_* */
  unsigned short priv;  /* P_* */
  unsigned char nl;     /* line breaks before: 0, 1, or 2 for a blank line */
  unsigned char sflags; /* TKGP_SENTENCE_* when it starts a sentence */
} tkgp_rtok;

typedef struct tkgp_tok {
  const unsigned char *s;
  size_t len;
  tkgp_rtok *v;
  size_t n, cap;
  size_t base;      /* raw tokens of the text before v[0] (a tokenizer
                       drops those it has handed out) */
  unsigned char nl; /* line breaks before the next token */
  int single_open;  /* single quotes opened and not closed */
  int double_open;
} tkgp_tok;

/* ---- characters ------------------------------------------------------- */

/* The code point at S[I] and its length; bad bytes read as U+FFFD. */
static utf8proc_int32_t cp_at(const tkgp_tok *t, size_t i, size_t *n)
{
  utf8proc_int32_t c;
  utf8proc_ssize_t k;

  if (t->s[i] < 0x80) {
    *n = 1;
    return t->s[i];
  }
  k = utf8proc_iterate(t->s + i, (utf8proc_ssize_t)(t->len - i), &c);
  if (k < 1) {
    *n = 1;
    return 0xFFFD;
  }
  *n = (size_t)k;
  return c;
}

/* The code point ending just before S[I] (I > 0). */
static utf8proc_int32_t cp_before(const tkgp_tok *t, size_t i)
{
  size_t j = i - 1, n;
  while (j > 0 && (t->s[j] & 0xC0) == 0x80 && i - j < 4)
    j--;
  return cp_at(t, j, &n);
}

static int is_space(utf8proc_int32_t c)
{
  if (c < 0x80)
    return c == ' ' || (c >= '\t' && c <= '\r');
  switch (utf8proc_category(c)) {
  case UTF8PROC_CATEGORY_ZS:
  case UTF8PROC_CATEGORY_ZL:
  case UTF8PROC_CATEGORY_ZP:
  case UTF8PROC_CATEGORY_CC:
    return 1;
  default:
    /* Zero-width space and BOM; and the invisible bidirectional marks,
     * embeddings, overrides and isolates, which belong to no word: "Levi"
     * followed by a right-to-left mark is the name "Levi", and no label
     * carries an override that would reverse the text after it. */
    return c == 0x200B || c == 0xFEFF || c == 0x061C || c == 0x200E || c == 0x200F ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
  }
}

static int is_letter(utf8proc_int32_t c)
{
  utf8proc_category_t k;
  if (c < 0x80)
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  k = utf8proc_category(c);
  return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static int is_digit(utf8proc_int32_t c)
{
  if (c < 0x80)
    return c >= '0' && c <= '9';
  return utf8proc_category(c) == UTF8PROC_CATEGORY_ND;
}

/* Letters, digits, marks, connectors (_) and format characters (soft
 * hyphen, joiners) make up words. */
static int is_word(utf8proc_int32_t c)
{
  utf8proc_category_t k;
  if (c < 0x80)
    return is_letter(c) || is_digit(c) || c == '_';
  k = utf8proc_category(c);
  return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_NO) ||
         k == UTF8PROC_CATEGORY_PC || k == UTF8PROC_CATEGORY_CF;
}

static int is_upper(utf8proc_int32_t c)
{
  utf8proc_category_t k;
  if (c < 0x80)
    return c >= 'A' && c <= 'Z';
  k = utf8proc_category(c);
  return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

static int is_apostrophe(utf8proc_int32_t c)
{
  return c == '\'' || c == 0x2019;
}

static int is_hyphen(utf8proc_int32_t c)
{
  return c == '-' || c == 0x2010 || c == 0x2011;
}

static int is_newline(const tkgp_tok *t, size_t i, utf8proc_int32_t c)
{
  if (c == '\r') /* CR LF counts once, at the LF */
    return i + 1 >= t->len || t->s[i + 1] != '\n';
  return c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* ---- word lists ------------------------------------------------------- */

typedef struct tkgp_abbr {
  const char *word;
  int final; /* may end a sentence */
} tkgp_abbr;

/* Words written with a period, without it; case-sensitive; sorted by
 * strcmp() for bsearch(). */
static const tkgp_abbr ABBREVIATIONS[] = {
    {"Adm", 0},    {"Ala", 1},   {"Apr", 0},  {"Ariz", 1},   {"Ark", 1},
    {"Assn", 1},   {"Atty", 0},  {"Aug", 0},  {"Ave", 1},    {"Blvd", 1},
    {"Bros", 1},   {"Calif", 1}, {"Capt", 0}, {"Cmdr", 0},   {"Co", 1},
    {"Col", 0},    {"Colo", 1},  {"Conn", 1}, {"Corp", 1},   {"Cos", 1},
    {"Cpl", 0},    {"Dec", 0},   {"Del", 1},  {"Dept", 1},   {"Det", 0},
    {"Dr", 0},     {"Drs", 0},   {"Feb", 0},  {"Fig", 0},    {"Fla", 1},
    {"Fri", 0},    {"Ft", 0},    {"Ga", 1},   {"Gen", 0},    {"Gov", 0},
    {"Hon", 0},    {"Hwy", 0},   {"Ill", 1},  {"Inc", 1},    {"Ind", 1},
    {"Insp", 0},   {"Jan", 0},   {"Jr", 1},   {"Jul", 0},    {"Jun", 0},
    {"Kan", 1},    {"Kans", 1},  {"Ky", 1},   {"La", 1},     {"Lt", 0},
    {"Ltd", 1},    {"Maj", 0},   {"Mar", 0},  {"Mass", 1},   {"Md", 1},
    {"Messrs", 0}, {"Mich", 1},  {"Minn", 1}, {"Mo", 1},     {"Mont", 1},
    {"Mr", 0},     {"Mrs", 0},   {"Ms", 0},   {"Mt", 0},     {"Neb", 1},
    {"Nev", 1},    {"Nov", 0},   {"Oct", 0},  {"Okla", 1},   {"Ore", 1},
    {"PS", 0},     {"Pa", 1},    {"Plc", 1},  {"Pres", 0},   {"Prof", 0},
    {"Pvt", 0},    {"Rd", 1},    {"Rep", 0},  {"Reps", 0},   {"Rev", 0},
    {"Sen", 0},    {"Sens", 0},  {"Sep", 0},  {"Sept", 0},   {"Sgt", 0},
    {"Sr", 1},     {"St", 1},    {"Supt", 0}, {"Tenn", 1},   {"Tex", 1},
    {"Thu", 0},    {"Thurs", 0}, {"Tue", 0},  {"Tues", 0},   {"Univ", 0},
    {"Va", 1},     {"Vol", 0},   {"Vt", 1},   {"Wash", 1},   {"Wed", 0},
    {"Wis", 1},    {"Wyo", 1},   {"al", 1},   {"approx", 0}, {"ext", 0},
    {"cf", 0},     {"eds", 0},   {"est", 0},  {"etc", 1},    {"fig", 0},
    {"figs", 0},   {"lb", 0},    {"lbs", 0},  {"oz", 0},     {"pp", 0},
    {"viz", 0},    {"vol", 0},   {"vs", 0}};

/* Capitalized words that often begin a sentence after "U.S." or "Inc.";
 * sorted for bsearch(). */
static const char *const STARTERS[] = {
    "A",     "After",   "Also",   "Although", "An",     "And",     "As",
    "At",    "Because", "Before", "But",      "During", "Earlier", "For",
    "He",    "Her",     "Here",   "His",      "How",    "However", "I",
    "If",    "In",      "It",     "Its",      "Last",   "Later",   "Meanwhile",
    "My",    "No",      "Now",    "On",       "One",    "Our",     "She",
    "Since", "So",      "Some",   "Still",    "That",   "The",     "Their",
    "Then",  "There",   "These",  "They",     "This",   "Those",   "Thus",
    "To",    "Today",   "We",     "What",     "When",   "Where",   "While",
    "Who",   "Why",     "With",   "Yet",      "You"};

/* Prefixes that UD keeps attached to the hyphen and what follows. */
static const char *const PREFIXES[] = {
    "anti", "co",   "counter", "cross", "e",   "ex",   "inter", "intra",
    "mid",  "mini", "multi",   "neo",   "non", "over", "pan",   "post",
    "pre",  "pro",  "re",      "semi",  "sub", "vice"};

typedef struct tkgp_span {
  const char *s;
  size_t n;
} tkgp_span;

static int cmp_abbr(const void *key, const void *elt)
{
  const tkgp_span *k = key;
  const char *w = ((const tkgp_abbr *)elt)->word;
  int c = strncmp(k->s, w, k->n);
  if (c == 0 && w[k->n] != '\0')
    return -1;
  return c;
}

static int cmp_word(const void *key, const void *elt)
{
  const tkgp_span *k = key;
  const char *w = *(const char *const *)elt;
  int c = strncmp(k->s, w, k->n);
  if (c == 0 && w[k->n] != '\0')
    return -1;
  return c;
}

static const tkgp_abbr *find_abbr(const unsigned char *s, size_t n)
{
  tkgp_span k;
  k.s = (const char *)s;
  k.n = n;
  if (n == 0 || n > 8)
    return NULL;
  return bsearch(&k, ABBREVIATIONS,
                 sizeof ABBREVIATIONS / sizeof *ABBREVIATIONS,
                 sizeof *ABBREVIATIONS, cmp_abbr);
}

static int is_starter(const unsigned char *s, size_t n)
{
  tkgp_span k;
  k.s = (const char *)s;
  k.n = n;
  return n <= 10 && bsearch(&k, STARTERS, sizeof STARTERS / sizeof *STARTERS,
                            sizeof *STARTERS, cmp_word) != NULL;
}

static int is_prefix(const unsigned char *s, size_t n)
{
  char low[8];
  size_t i;
  for (i = 0; i < n; i++) {
    if (i >= sizeof low || s[i] >= 0x80)
      return 0;
    low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
  }
  {
    tkgp_span k;
    k.s = low;
    k.n = n;
    return n > 0 && bsearch(&k, PREFIXES, sizeof PREFIXES / sizeof *PREFIXES,
                            sizeof *PREFIXES, cmp_word) != NULL;
  }
}

/* ASCII case-insensitive comparison of S[0, N) with lowercase WORD. */
static int ieq(const unsigned char *s, size_t n, const char *word)
{
  size_t i;
  for (i = 0; i < n; i++) {
    unsigned char c = s[i];
    if (word[i] == '\0')
      return 0;
    if (c >= 'A' && c <= 'Z')
      c = (unsigned char)(c + 32);
    if (c != (unsigned char)word[i])
      return 0;
  }
  return word[n] == '\0';
}

/* ---- token vector ----------------------------------------------------- */

static int is_all_punct(const tkgp_tok *t, size_t a, size_t b)
{
  size_t n;
  while (a < b) {
    utf8proc_int32_t c = cp_at(t, a, &n);
    utf8proc_category_t k = utf8proc_category(c);
    if (k < UTF8PROC_CATEGORY_PC || k > UTF8PROC_CATEGORY_PO)
      return 0;
    a += n;
  }
  return 1;
}

/* A number: digits with , . between digits, then an optional ordinal
 * suffix (30th) or decade s (1990s). */
static int is_number(const unsigned char *s, size_t n)
{
  size_t i = 0;
  if (n == 0 || s[0] < '0' || s[0] > '9')
    return 0;
  while (i < n) {
    if (s[i] >= '0' && s[i] <= '9') {
      i++;
    } else if ((s[i] == ',' || s[i] == '.') && i + 1 < n && s[i + 1] >= '0' &&
               s[i + 1] <= '9') {
      i++;
    } else {
      break;
    }
  }
  if (i == n)
    return 1;
  return ieq(s + i, n - i, "st") || ieq(s + i, n - i, "nd") ||
         ieq(s + i, n - i, "rd") || ieq(s + i, n - i, "th") ||
         ieq(s + i, n - i, "s");
}

static int push(tkgp_tok *t, size_t a, size_t b, unsigned flags, unsigned priv)
{
  tkgp_rtok *r;
  size_t i, n, letters = 0, upper = 0;
  utf8proc_int32_t c;

  assert(a < b);
  if (t->n == t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 256;
    if (cap > SIZE_MAX / sizeof *r)
      return TKG_ENOMEM;
    r = realloc(t->v, cap * sizeof *r);
    if (!r)
      return TKG_ENOMEM;
    t->v = r;
    t->cap = cap;
  }
  r = &t->v[t->n++];
  r->start = a;
  r->end = b;
  r->nl = t->nl;
  r->sflags = 0;
  if (t->nl)
    flags |= TKGP_TOKEN_NEWLINE_BEFORE;
  t->nl = 0;

  c = cp_at(t, a, &n);
  if (is_upper(c))
    flags |= TKGP_TOKEN_CAPITALIZED;
  if (is_word(c))
    priv |= P_WORD;
  for (i = a; i < b; i += n) {
    c = cp_at(t, i, &n);
    if (is_letter(c)) {
      letters++;
      upper += (size_t)is_upper(c);
    }
  }
  if (letters >= 2 && upper == letters)
    flags |= TKGP_TOKEN_ALL_CAPS;
  if (!(priv & P_WORD) && is_all_punct(t, a, b))
    flags |= TKGP_TOKEN_PUNCT;
  if (is_number(t->s + a, b - a))
    flags |= TKGP_TOKEN_NUMBER;
  r->flags = flags;
  r->priv = (unsigned short)priv;
  return 0;
}

/* ---- scanning --------------------------------------------------------- */

/* Whether S[A, B) starts a URL. */
static int is_url(const tkgp_tok *t, size_t a, size_t b)
{
  static const char *const schemes[] = {"http://", "https://", "ftp://",
                                        "www."};
  size_t i, k;
  for (i = 0; i < sizeof schemes / sizeof *schemes; i++) {
    k = strlen(schemes[i]);
    if (b - a > k && ieq(t->s + a, k, schemes[i]) && is_word(t->s[a + k]))
      return 1;
  }
  return 0;
}

/* End of the URL starting at A in chunk [A, B): trailing punctuation and
 * unbalanced closing brackets belong to the sentence. */
static size_t url_end(const tkgp_tok *t, size_t a, size_t b)
{
  size_t i, open = 0, close = 0;
  for (i = a; i < b; i++) {
    open += t->s[i] == '(';
    close += t->s[i] == ')';
  }
  while (b > a) {
    utf8proc_int32_t c = cp_before(t, b);
    size_t n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (c == ')' && close > open) {
      close--;
    } else if (!(c == '.' || c == ',' || c == ';' || c == ':' || c == '!' ||
                 c == '?' || c == '"' || c == '\'' || c == ']' || c == '>' ||
                 c == 0x201D || c == 0x2019)) {
      break;
    }
    b -= n;
  }
  return b;
}

/* Whether the word S[A, B) (without a final period) is an abbreviation
 * written with one; sets *FINAL when it may end a sentence. */
static int word_takes_period(const tkgp_tok *t, size_t a, size_t b,
                             size_t after, int *final, int *initial)
{
  const unsigned char *s = t->s + a;
  size_t n = b - a, i, seg = 0, dots = 0;
  const tkgp_abbr *ab;

  *final = 0;
  *initial = 0;
  if (n == 1 && is_upper(s[0])) {
    *initial = 1;
    return 1;
  }
  if ((ab = find_abbr(s, n)) != NULL) {
    *final = ab->final;
    return 1;
  }
  if (n >= 2 && n <= 8) { /* "INC." and "LTD." in capitals */
    unsigned char title[8];
    for (i = 0; i < n && s[i] >= 'A' && s[i] <= 'Z'; i++)
      title[i] = (unsigned char)(i ? s[i] + 32 : s[i]);
    if (i == n && (ab = find_abbr(title, n)) != NULL) {
      *final = ab->final;
      return 1;
    }
  }
  /* "No. 5" */
  if (n == 2 && s[0] == 'N' && s[1] == 'o') {
    size_t j = after;
    while (j < t->len && t->s[j] == ' ')
      j++;
    return j < t->len && is_digit(t->s[j]);
  }
  /* Letters and periods, one or two letters between periods: U.S, a.m,
   * e.g, Ph.D, D.C (ASCII only). */
  for (i = 0; i < n; i++) {
    if (s[i] == '.') {
      if (seg == 0)
        return 0;
      seg = 0;
      dots++;
    } else if (s[i] < 0x80 && is_letter(s[i])) {
      if (++seg > 2)
        return 0;
    } else {
      return 0;
    }
  }
  if (dots == 0 || seg == 0)
    return 0;
  *final = !(ieq(s, n, "e.g") || ieq(s, n, "i.e"));
  return 1;
}

/* Split the word W[A, B) into UD pieces (clitics, contractions) and push. */
static int push_word(tkgp_tok *t, size_t a, size_t b, unsigned flags,
                     unsigned priv)
{
  const unsigned char *s = t->s + a;
  size_t n = b - a, cut = 0, i;
  int rc;

  if (!(flags & TKGP_TOKEN_ABBREVIATION)) {
    /* n't (ASCII or curly apostrophe) */
    if (n >= 4 && (s[n - 1] | 0x20) == 't' && s[n - 2] == '\'' &&
        (s[n - 3] | 0x20) == 'n')
      cut = n - 3;
    else if (n >= 6 && (s[n - 1] | 0x20) == 't' && s[n - 4] == 0xE2 &&
             s[n - 3] == 0x80 && s[n - 2] == 0x99 && (s[n - 5] | 0x20) == 'n')
      cut = n - 5;
    /* 's 'm 'd 're 've 'll */
    for (i = n > 6 ? n - 6 : 1; !cut && i < n; i++) {
      size_t k = 0;
      if (s[i] == '\'')
        k = 1;
      else if (i + 2 < n && s[i] == 0xE2 && s[i + 1] == 0x80 &&
               s[i + 2] == 0x99)
        k = 3;
      if (k && i > 0 &&
          (ieq(s + i + k, n - i - k, "s") || ieq(s + i + k, n - i - k, "m") ||
           ieq(s + i + k, n - i - k, "d") || ieq(s + i + k, n - i - k, "re") ||
           ieq(s + i + k, n - i - k, "ve") ||
           ieq(s + i + k, n - i - k, "ll"))) {
        size_t j;
        for (j = 0; j < i && is_digit(s[j]); j++)
          ;
        if (j < i) /* but "80's" stays whole */
          cut = i;
      }
    }
    if (!cut) {
      if (ieq(s, n, "cannot"))
        cut = 3;
      else if (ieq(s, n, "gonna") || ieq(s, n, "wanna") || ieq(s, n, "gotta"))
        cut = 3;
    }
  }
  if (cut) {
    if ((rc = push(t, a, a + cut, flags, priv)) < 0)
      return rc;
    return push(t, a + cut, b, flags & ~(unsigned)TKGP_TOKEN_ABBREVIATION, 0);
  }
  return push(t, a, b, flags, priv);
}

/* End of a telephone-number-like group of digits joined by hyphens that
 * starts at A (555-0100, 713-555-0100, 02-05-2002), which UD keeps whole;
 * 0 for other groups such as scores and ranges (52-48, 1998-2001), which
 * UD splits. */
static size_t digit_code_end(const tkgp_tok *t, size_t a, size_t b)
{
  size_t q = a, groups = 0, first = 0, last = 0;

  for (;;) {
    size_t g = q;
    while (q < b && t->s[q] >= '0' && t->s[q] <= '9')
      q++;
    if (q == g)
      return 0;
    if (groups++ == 0)
      first = q - g;
    last = q - g;
    if (q + 1 < b && t->s[q] == '-' && t->s[q + 1] >= '0' && t->s[q + 1] <= '9')
      q++;
    else
      break;
  }
  return groups >= 3 || (groups == 2 && last == 4 && first != 4) ? q : 0;
}

/* Scan a word starting at P (a word character) in chunk [P, B); returns
 * its end. Periods, commas, colons, apostrophes, slashes and hyphens join
 * only what UD keeps as one token: U.S, 3.5, 1,000, 10:30, don't (split
 * later), 9/11 and b/c, 713-555-0100 and prefixes such as non-profit. */
static size_t scan_word(const tkgp_tok *t, size_t p, size_t b)
{
  size_t q = p, n, m, seg = p;
  utf8proc_int32_t prev = 0, c, next;

  while (q < b) {
    int join = 0;
    c = cp_at(t, q, &n);
    if (is_word(c)) {
      prev = c;
      q += n;
      continue;
    }
    if (c == '$' && q - p <= 3 && is_upper(t->s[p]) && is_upper(prev) &&
        (q + n >= b || !is_letter(t->s[q + n]))) {
      size_t k; /* US$, HK$ */
      for (k = p; k < q && is_upper(t->s[k]); k++)
        ;
      if (k == q)
        return q + n;
    }
    if (q + n >= b)
      break;
    next = cp_at(t, q + n, &m);
    if (c == '.' && next == '.') {
      size_t r = q; /* "name...@host": a masked address */
      while (r < b && t->s[r] == '.')
        r++;
      if (r + 1 < b && t->s[r] == '@' && is_word(t->s[r + 1])) {
        prev = '@';
        q = r + 1;
        continue;
      }
    } else if (c == '.' || c == '@') {
      join = is_word(next);
    } else if (c == ',' || c == ':') {
      join = is_digit(prev) && is_digit(next);
    } else if (is_apostrophe(c)) {
      join = (is_letter(prev) || is_digit(prev)) && is_letter(next);
    } else if (c == '&') {
      join = is_upper(prev) && is_upper(next);
    } else if (c == '/') { /* 9/11, 08/16/2000, b/c; not and/or */
      size_t k;
      join = (is_digit(prev) && is_digit(next)) ||
             (q - seg == 1 && is_letter(prev) && is_letter(next) &&
              (q + n + m >= b || !is_word(cp_at(t, q + n + m, &k))));
    } else if (is_hyphen(c) && is_digit(prev) && is_digit(next)) {
      size_t end = digit_code_end(t, seg, b);
      if (end) /* 713-555-0100 whole; 52-48, 1998-2001 split */
        return end;
    } else if (is_hyphen(c)) {
      join = is_word(next) && is_prefix(t->s + seg, q - seg);
    }
    if (!join)
      break;
    if (c != ',' && c != ':' && !is_apostrophe(c))
      seg = q + n; /* a new part begins after . @ & / - */
    prev = next;
    q += n + m;
  }
  return q;
}

/* Each take_* below reads one token starting at P in the chunk [P, B),
 * pushes it and sets *END to where the next token starts. N is the length
 * of the code point C at P. */

/* #hashtag, @handle: the sign and the word after it. */
static int take_tag(tkgp_tok *t, size_t p, size_t b, size_t *end)
{
  *end = scan_word(t, p + 1, b);
  return push(t, p, *end, 0, P_WORD);
}

/* A word, or a URL that begins like one; an abbreviation keeps its period. */
static int take_word(tkgp_tok *t, size_t p, size_t b, utf8proc_int32_t c, size_t *end)
{
  size_t q;
  unsigned flags = 0, priv = 0;

  /* A URL starts with http, https, ftp or www: other words skip the test. */
  if (c == 'h' || c == 'H' || c == 'f' || c == 'F' || c == 'w' || c == 'W') {
    if (is_url(t, p, b)) {
      *end = url_end(t, p, b);
      return push(t, p, *end, 0, 0);
    }
  }
  q = scan_word(t, p, b);
  *end = q;
  if (q < b && t->s[q] == '.' &&
      (q + 1 >= b || t->s[q + 1] != '.' ||
       (q + 2 >= b || t->s[q + 2] != '.'))) {
    /* "Inc.." is "Inc." and a full stop, "word.." an ellipsis */
    int final, initial;
    if (word_takes_period(t, p, q, q + 1, &final, &initial)) {
      *end = q + 1;
      flags |= TKGP_TOKEN_ABBREVIATION;
      if (final)
        priv |= P_FINAL_ABBR;
      if (initial)
        priv |= P_INITIAL;
    }
  }
  return push_word(t, p, *end, flags, priv);
}

static int is_terminal_char(utf8proc_int32_t c)
{
  return c == '.' || c == '!' || c == '?' || c == 0x2026;
}

/* . ... ! ?! …  and runs of them: one terminal token */
static int take_terminal(tkgp_tok *t, size_t p, size_t n, size_t b, size_t *end)
{
  size_t q = p + n, m;

  while (q < b && is_terminal_char(cp_at(t, q, &m)))
    q += m;
  *end = q;
  return push(t, p, q, 0, P_TERMINAL);
}

static int is_dash_char(utf8proc_int32_t c)
{
  return is_hyphen(c) || c == 0x2013 || c == 0x2014 || c == 0x2015;
}

static int take_dash(tkgp_tok *t, size_t p, size_t n, size_t b, utf8proc_int32_t c,
                     size_t *end)
{
  size_t q = p + n; /* "--" and "---" are one dash */

  if (c == '-')
    while (q < b && t->s[q] == '-')
      q++;
  *end = q;
  return push(t, p, q, 0, P_DASH);
}

static int is_quote_char(utf8proc_int32_t c)
{
  return is_apostrophe(c) || c == '"' || c == 0x2018 || c == 0x201C ||
         c == 0x201D || c == 0xAB || c == 0xBB;
}

/* The end of a clitic written apart ("'s", "'re") whose apostrophe of
 * length N is at P and is followed by a letter; 0 if it is not one. */
static size_t apart_clitic_end(const tkgp_tok *t, size_t p, size_t n, size_t b,
                               utf8proc_int32_t before)
{
  size_t q = scan_word(t, p + n, b);
  const unsigned char *w = t->s + p + n;
  size_t wn = q - p - n;

  if (!(ieq(w, wn, "s") || ieq(w, wn, "m") || ieq(w, wn, "d") ||
        ieq(w, wn, "re") || ieq(w, wn, "ve") || ieq(w, wn, "ll")))
    return 0;
  if (before != ' ' && is_word(before))
    return 0;
  if (q != b && is_word(t->s[q]))
    return 0;
  return q;
}

/* Whether quote C opens, from its shape or else from the characters
 * around it; AT_END is true when it ends the chunk. */
static int quote_opens(utf8proc_int32_t c, utf8proc_int32_t before,
                       utf8proc_int32_t next, int at_end)
{
  if (c == 0x201C || c == 0x2018 || c == 0xAB)
    return 1;
  if (c == 0x201D || c == 0xBB)
    return 0;
  if (is_space(before) || before == '(' || before == '[' ||
      before == '{' || before == 0x2014 || before == 0x2013 ||
      before == '-' || before == 0x201C || before == 0x2018 ||
      before == '"' || before == '\'')
    return !is_space(next) && !at_end;
  return 0;
}

/* Count quote C as opened or closed, and return whether it opens: a "
 * standing alone cannot be read from its neighbours, so parity decides. */
static int balance_quote(tkgp_tok *t, utf8proc_int32_t c, utf8proc_int32_t before,
                         utf8proc_int32_t next, int at_end, int opens)
{
  int *open = (c == '"' || c == 0x201C || c == 0x201D || c == 0xAB || c == 0xBB)
                  ? &t->double_open
                  : &t->single_open;

  if (c == '"' && is_space(before) && (at_end || is_space(next)))
    opens = *open == 0;
  if (opens)
    ++*open;
  else if (*open > 0)
    --*open;
  return opens;
}

/* A quote or apostrophe: a clitic written apart, the possessive of a
 * plural, or an opening or closing quote. */
static int take_quote(tkgp_tok *t, size_t p, size_t n, size_t b, utf8proc_int32_t c,
                      utf8proc_int32_t before, size_t *end)
{
  size_t m;
  int at_end = p + n >= b;
  utf8proc_int32_t next = !at_end ? cp_at(t, p + n, &m) : ' ';
  int opens;

  if (is_apostrophe(c) && is_letter(next)) {
    size_t q = apart_clitic_end(t, p, n, b, before);
    if (q) {
      *end = q;
      return push(t, p, q, 0, P_WORD);
    }
  }
  opens = quote_opens(c, before, next, at_end);
  *end = p + n;
  /* Possessive of a plural: "parents'" */
  if (!opens && is_apostrophe(c) && (before == 's' || before == 'S') &&
      t->single_open <= 0)
    return push(t, p, p + n, 0, 0);
  opens = balance_quote(t, c, before, next, at_end, opens);
  return push(t, p, p + n, opens ? TKGP_TOKEN_OPEN_QUOTE : TKGP_TOKEN_CLOSE_QUOTE,
              opens ? P_OPENER : P_CLOSER);
}

/* Brackets alone; runs of the same other symbol together ("**", "<<");
 * emoticons. */
static int take_symbol(tkgp_tok *t, size_t p, size_t n, size_t b, utf8proc_int32_t c,
                       size_t *end)
{
  size_t q = p + n, m;
  unsigned priv = 0;

  if (c == '(' || c == '[' || c == '{') {
    priv = P_OPENER;
  } else if (c == ')' || c == ']' || c == '}') {
    priv = P_CLOSER;
  } else if ((c == ':' || c == ';') && q < b &&
             (t->s[q] == ')' || t->s[q] == '(' ||
              (t->s[q] == '-' && q + 1 < b && t->s[q + 1] == ')')) &&
             (q + 1 == b || t->s[q + 1] == ')' || !is_word(t->s[q + 1]))) {
    q += t->s[q] == '-' ? 2 : 1;
  } else {
    while (q < b && cp_at(t, q, &m) == c && c != ',')
      q += m;
  }
  *end = q;
  return push(t, p, q, 0, priv);
}

/* Tokens of the chunk [A, B), a run of non-space characters. */
static int scan_chunk(tkgp_tok *t, size_t a, size_t b)
{
  size_t p = a, n, end;
  int rc;

  while (p < b) {
    utf8proc_int32_t c = cp_at(t, p, &n);
    utf8proc_int32_t before = p > a ? cp_before(t, p) : ' ';

    if ((c == '#' || c == '@') && p + 1 < b && is_letter(t->s[p + 1]) &&
        !is_word(before))
      rc = take_tag(t, p, b, &end);
    else if (is_word(c))
      rc = take_word(t, p, b, c, &end);
    else if (is_terminal_char(c))
      rc = take_terminal(t, p, n, b, &end);
    else if (is_dash_char(c))
      rc = take_dash(t, p, n, b, c, &end);
    else if (is_quote_char(c))
      rc = take_quote(t, p, n, b, c, before, &end);
    else
      rc = take_symbol(t, p, n, b, c, &end);
    if (rc < 0)
      return rc;
    p = end;
  }
  return 0;
}

/* ---- sentences -------------------------------------------------------- */

/* Whether a token can begin a sentence: an uppercase letter, a digit, an
 * opening quote or bracket, or a letter of a script without case. */
static int starts_sentence(const tkgp_tok *t, const tkgp_rtok *r)
{
  size_t n;
  utf8proc_int32_t c = cp_at(t, r->start, &n);
  utf8proc_category_t k;
  if ((r->flags & (TKGP_TOKEN_CAPITALIZED | TKGP_TOKEN_OPEN_QUOTE)) ||
      (r->priv & P_OPENER) || is_digit(c))
    return 1;
  k = utf8proc_category(c);
  return k == UTF8PROC_CATEGORY_LO || c == '$' || c == 0x2014 || c == 0x2013;
}

/* Raw tokens after a line start that mark_datelines() reads. */
#define DATELINE_READS 16

/* Mark datelines: at the start of a line, up to a dash within a few
 * tokens, "CITY, Region, Month D (Agency) --". Looks at the line starts
 * from *FROM to before LIMIT, which must leave DATELINE_READS raw tokens
 * after it unless the text ends; *FROM is where to go on. */
static void mark_datelines(tkgp_tok *t, size_t *from, size_t limit)
{
  size_t i, j;

  for (i = *from; i < limit; i++) {
    tkgp_rtok *v = t->v;
    int caps, agency = 0;
    if (!(i + t->base == 0 || v[i].nl))
      continue;
    caps = (v[i].flags & TKGP_TOKEN_ALL_CAPS) != 0;
    if (!caps && !(v[i].flags & TKGP_TOKEN_CAPITALIZED))
      continue;
    for (j = i + 1; j < t->n && j < i + 14 && !v[j].nl; j++) {
      if (v[j].priv & P_DASH)
        break;
      if ((v[j].priv & P_TERMINAL) || (v[j].flags & TKGP_TOKEN_OPEN_QUOTE))
        goto next;
      if (v[j].flags & TKGP_TOKEN_PUNCT) {
        unsigned char c = t->s[v[j].start];
        if (c != ',' && c != '(' && c != ')' && c != '/')
          goto next;
        if (c == ')' && j >= i + 2 && v[j - 2].start < v[j].start &&
            t->s[v[j - 2].start] == '(' &&
            (v[j - 1].flags & TKGP_TOKEN_CAPITALIZED))
          agency = 1;
      } else if (!(v[j].flags & (TKGP_TOKEN_CAPITALIZED | TKGP_TOKEN_NUMBER))) {
        goto next; /* lowercase words: a sentence, not a dateline */
      }
    }
    if (j < t->n && j > i && !v[j].nl && (v[j].priv & P_DASH) &&
        (caps || agency) && j + 1 < t->n && !v[j + 1].nl) {
      size_t k;
      for (k = i; k <= j; k++)
        v[k].flags |= TKGP_TOKEN_DATELINE;
      i = j;
    }
  next:;
  }
  *from = i;
}

/* Longest line of the text in bytes, from the tokens on it. */
static size_t longest_line(const tkgp_tok *t)
{
  size_t i, first = 0, best = 0;
  for (i = 0; i < t->n; i++) {
    if (t->v[i].nl)
      first = i;
    if (t->v[i].end - t->v[first].start > best)
      best = t->v[i].end - t->v[first].start;
  }
  return best;
}

#define LINE_GONE SIZE_MAX /* the first raw token of a line or a sentence,
                              handed out and dropped */

/* Whether the line of tokens [FIRST, LAST] reads like a headline or a
 * title rather than a wrapped line of prose, given the next token. */
static int is_headline(const tkgp_tok *t, size_t first, size_t last,
                       size_t longest)
{
  const tkgp_rtok *v = t->v;
  size_t bytes, i, words = 0, caps = 0;
  unsigned char c = t->s[v[last].start];

  /* A line of 30 tokens or more is no headline (both tests below); its
   * first token may be gone (FIRST is LINE_GONE, see tkgp_tokenizer). */
  if (first == LINE_GONE || last - first >= 30)
    return 0;
  bytes = v[last].end - v[first].start;
  if (last + 1 >= t->n || !starts_sentence(t, &v[last + 1]))
    return 0;
  if ((v[last].flags & TKGP_TOKEN_PUNCT) &&
      (c == ',' || c == ';' || c == '-' || c == '(' || c == '&'))
    return 0;
  if (v[last].flags & (TKGP_TOKEN_DATELINE | TKGP_TOKEN_OPEN_QUOTE))
    return 0;
  for (i = first; i <= last && i < first + 40; i++) {
    if (v[i].priv & P_WORD) {
      words++;
      caps += !!(v[i].flags & (TKGP_TOKEN_CAPITALIZED | TKGP_TOKEN_NUMBER));
    }
  }
  /* Short next to the other lines; or every line is short. */
  if ((bytes * 10 <= longest * 7 || longest < 50) && last - first < 30)
    return 1;
  return words >= 2 && caps * 10 >= words * 7 && last - first < 30;
}

/* Where mark_sentences() is: the next raw token to decide, the first of
 * its line and of its sentence (LINE_GONE when dropped). */
typedef struct mark_state {
  size_t i, line_first, first;
  int start, in_line_start;
  size_t longest; /* longest line of the text (longest_line()) */
} mark_state;

/* Whether the raw tokens mark_sentences() reads to decide raw token I are
 * there, with their datelines marked (those before DONE): the next one,
 * and the one after a run of closing quotes and brackets after I. */
static int can_decide(const tkgp_tok *t, size_t i, size_t done)
{
  size_t k = i + 1;
  while (k < t->n && !t->v[k].nl && (t->v[k].priv & P_CLOSER))
    k++;
  return k + 1 < done;
}

/* Decide sentence ends (P_END) and starts (sflags on the first token),
 * from raw token M->i on: to the end of the text when ALL, else while
 * can_decide() says the tokens read are there (datelines are marked
 * before DONE). */
static void mark_sentences(tkgp_tok *t, mark_state *m, int all, size_t done)
{
  tkgp_rtok *v = t->v;
  size_t i, line_first = m->line_first, first = m->first, longest = m->longest;
  int start = m->start, in_line_start = m->in_line_start;

  for (i = m->i; i < t->n && (all || can_decide(t, i, done)); i++) {
    tkgp_rtok *r = &v[i];
    tkgp_rtok *next = i + 1 < t->n ? &v[i + 1] : NULL;
    int end = 0, headline = 0;

    if (r->nl)
      line_first = i;
    if (start) {
      r->sflags = (unsigned char)(i + t->base == 0 || r->nl >= 2
                                      ? TKGP_SENTENCE_PARAGRAPH_START
                                      : 0);
      in_line_start = i + t->base == 0 || r->nl > 0;
      first = i;
      start = 0;
    }
    if (!next || next->nl >= 2) {
      end = 1;
      if (r->priv & P_FINAL_ABBR)
        r->priv |= P_SPLIT;
    } else if (r->flags & TKGP_TOKEN_DATELINE) {
      end = 0;
    } else if (i == first && !next->nl) {
      end = 0; /* "..." or "P.S." opening a sentence */
    } else if (r->priv & P_TERMINAL) {
      /* Closing quotes and brackets right after belong to this sentence. */
      while (next && !next->nl && (next->priv & P_CLOSER) &&
             !(r->flags & TKGP_TOKEN_SPACE_AFTER)) {
        r = &v[++i];
        next = i + 1 < t->n ? &v[i + 1] : NULL;
      }
      end = !next || next->nl || starts_sentence(t, next);
      if (next && next->nl >= 2)
        end = 1;
    } else if ((r->flags & TKGP_TOKEN_ABBREVIATION) &&
               (r->priv & (P_FINAL_ABBR | P_INITIAL))) {
      int strong = is_starter(t->s + next->start, next->end - next->start);
      if (r->priv & P_INITIAL) /* "vitamin B. The", not "J. K. Rowling" */
        strong = strong && i + t->base > 0 && (v[i - 1].priv & P_WORD) &&
                 !(v[i - 1].flags & TKGP_TOKEN_CAPITALIZED);
      /* At a line break: when the line is not just wrapped prose. */
      if (strong || (next->nl && !(r->priv & P_INITIAL) &&
                     is_headline(t, line_first, i, longest))) {
        end = 1;
        r->priv |= P_SPLIT;
      }
    } else if (next->nl == 1 && is_headline(t, line_first, i, longest)) {
      end = 1;
      headline = 1;
    }
    if (end) {
      r->priv |= P_END;
      /* A whole line (or lines) without final punctuation is a headline
       * too, whatever ended it. */
      if (!headline && in_line_start && !(r->priv & (P_TERMINAL | P_SPLIT)) &&
          !(r->priv & P_CLOSER) && (!next || next->nl))
        headline = 1;
      if (headline && first != LINE_GONE)
        v[first].sflags |= TKGP_SENTENCE_HEADLINE;
      start = 1;
    }
  }
  m->i = i;
  m->line_first = line_first;
  m->first = first;
  m->start = start;
  m->in_line_start = in_line_start;
}

/* ---- the whole thing -------------------------------------------------- */

/* Tokens and sentences of raw tokens [FROM, TO) of T into ARENA. A
 * sentence starts at FROM and after each sentence end; the last one ends
 * at TO - 1 even without its end (a piece of a long sentence), and a
 * piece keeps no headline flag, which is known only at its end. */
static int copy_out(tkgp_tokens *out, tkgp_arena *arena, const tkgp_tok *t, size_t from,
                    size_t to)
{
  const tkgp_rtok *v = t->v;
  size_t i, n_tok = 0, n_sent = 0, k = 0, s = 0, forms_len = 0;
  char *forms;
  tkgp_token *tokens;
  tkgp_sentence *sentences;

  for (i = from; i < to; i++) {
    n_tok += (v[i].priv & P_SPLIT) ? 2 : 1;
    n_sent += (v[i].priv & P_END) || i + 1 == to;
  }
  tokens = tkgp_arena_calloc(arena, n_tok, sizeof *tokens);
  sentences = tkgp_arena_calloc(arena, n_sent, sizeof *sentences);
  if (!tokens || !sentences)
    return TKG_ENOMEM;

  for (i = from; i < to; i++) {
    const tkgp_rtok *r = &v[i];
    if (i == from || (v[i - 1].priv & P_END)) {
      sentences[s].first = k;
      sentences[s].start = r->start;
      sentences[s].flags = r->sflags;
    }
    tokens[k].start = r->start;
    tokens[k].end = r->end;
    tokens[k].flags = r->flags;
    if (r->priv & P_SPLIT) {
      tokens[k].end--;
      tokens[k].flags &=
          ~(unsigned)(TKGP_TOKEN_ABBREVIATION | TKGP_TOKEN_SPACE_AFTER);
      k++;
      tokens[k].start = r->end - 1;
      tokens[k].end = r->end;
      tokens[k].flags = TKGP_TOKEN_PUNCT | (r->flags & TKGP_TOKEN_SPACE_AFTER);
    }
    k++;
    if ((r->priv & P_END) || i + 1 == to) {
      if (!(r->priv & P_END))
        sentences[s].flags &= ~(unsigned)TKGP_SENTENCE_HEADLINE;
      sentences[s].count = k - sentences[s].first;
      sentences[s].end = r->end;
      s++;
    }
  }
  /* All forms in one block: per-token allocations would be rounded up to
   * the arena's alignment and cost several times the text. */
  for (i = 0; i < n_tok; i++) {
    size_t n = tokens[i].end - tokens[i].start + 1;
    if (forms_len > SIZE_MAX - n)
      return TKG_ENOMEM;
    forms_len += n;
  }
  forms = tkgp_arena_alloc(arena, forms_len);
  if (!forms)
    return TKG_ENOMEM;
  for (i = 0; i < n_tok; i++) {
    size_t n = tokens[i].end - tokens[i].start;
    memcpy(forms, t->s + tokens[i].start, n);
    forms[n] = '\0';
    tokens[i].form = forms;
    forms += n + 1;
  }
  out->tokens = tokens;
  out->n_tokens = n_tok;
  out->sentences = sentences;
  out->n_sentences = n_sent;
  return 0;
}

/* Scan from *P to the end of the chunk of non-space text that starts
 * after the white space there, adding its raw tokens to T. *P is then
 * where to go on; at the end of the text it is T->len. */
static int scan_next(tkgp_tok *t, size_t *p)
{
  size_t n;
  while (*p < t->len) {
    utf8proc_int32_t c = cp_at(t, *p, &n);
    if (is_space(c)) {
      if (is_newline(t, *p, c) && t->nl < 2)
        t->nl++;
      *p += n;
      continue;
    }
    {
      size_t q = *p + n, first = t->n;
      int rc;
      while (q < t->len) {
        size_t m;
        if (t->s[q] < 0x80 ? is_space(t->s[q]) : is_space(cp_at(t, q, &m)))
          break;
        q += t->s[q] < 0x80 ? 1 : m;
      }
      if (t->nl >= 2) { /* quotes do not run across paragraphs */
        t->single_open = 0;
        t->double_open = 0;
      }
      if ((rc = scan_chunk(t, *p, q)) < 0)
        return rc;
      if (q < t->len && t->n > first)
        t->v[t->n - 1].flags |= TKGP_TOKEN_SPACE_AFTER;
      *p = q;
      return 0;
    }
  }
  return 0;
}

int tkgp_tokenize(tkgp_tokens *out, tkgp_arena *arena, const char *text,
                  size_t length)
{
  tkgp_tok t;
  mark_state m;
  size_t p = 0, dl = 0;
  int rc = 0;

  assert(out && arena && (text || length == 0));
  memset(out, 0, sizeof *out);
  memset(&t, 0, sizeof t);
  t.s = (const unsigned char *)text;
  t.len = length;

  while (p < length)
    if ((rc = scan_next(&t, &p)) < 0)
      goto cleanup;
  if (t.n == 0)
    goto cleanup;
  mark_datelines(&t, &dl, t.n);
  memset(&m, 0, sizeof m);
  m.start = m.in_line_start = 1;
  m.longest = longest_line(&t);
  mark_sentences(&t, &m, 1, t.n);
  rc = copy_out(out, arena, &t, 0, t.n);

cleanup:
  free(t.v);
  if (rc < 0)
    memset(out, 0, sizeof *out);
  return rc;
}

/* ---- a window at a time ------------------------------------------------- */

/* Raw tokens kept before the first one not handed out, for what marking
 * reads behind it (the token before; the start of a line, needed only
 * when the line has fewer than 30 tokens). */
#define KEEP_BEHIND 64
/* Raw tokens scanned at a time beyond those waiting to be handed out. */
#define SCAN_AHEAD 4096

/*
 * The tokenizer scans, marks and hands out the text as it goes: it holds
 * the raw tokens of the window being made, a few behind and the scanned
 * ones ahead, never those of the whole text. Datelines are marked once
 * DATELINE_READS raw tokens follow a line start, and a sentence end is
 * decided once the tokens it reads are there (can_decide()); the longest
 * line, which tells headlines from wrapped prose, comes from a first scan
 * that keeps no tokens. So the marks, and the tokens, are those
 * tkgp_tokenize() gives the whole text.
 */
struct tkgp_tokenizer {
  tkgp_tok t;
  size_t p;        /* where scanning goes on */
  size_t dl;       /* line starts before dl are looked at for datelines */
  mark_state m;
  size_t next;     /* the first raw token not handed out (index in t.v) */
  size_t searched; /* no sentence ends in [next, searched) */
};

/* The longest line of TEXT as longest_line() measures it, from a scan
 * that keeps no tokens. */
static int measure_longest(const char *text, size_t length, size_t *longest)
{
  tkgp_tok t;
  size_t p = 0, i, line_start = 0;
  int rc = 0, seen = 0;

  memset(&t, 0, sizeof t);
  t.s = (const unsigned char *)text;
  t.len = length;
  *longest = 0;
  while (p < length) {
    if ((rc = scan_next(&t, &p)) < 0)
      break;
    for (i = 0; i < t.n; i++) {
      if (t.v[i].nl || !seen)
        line_start = t.v[i].start;
      seen = 1;
      if (t.v[i].end - line_start > *longest)
        *longest = t.v[i].end - line_start;
    }
    t.n = 0;
  }
  free(t.v);
  return rc;
}

int tkgp_tokenizer_new(tkgp_tokenizer **out, const char *text, size_t length)
{
  tkgp_tokenizer *tk;
  int rc;

  assert(out && (text || length == 0));
  *out = NULL;
  if (!(tk = calloc(1, sizeof *tk)))
    return TKG_ENOMEM;
  tk->t.s = (const unsigned char *)text;
  tk->t.len = length;
  tk->m.start = tk->m.in_line_start = 1;
  if ((rc = measure_longest(text, length, &tk->m.longest)) < 0) {
    free(tk);
    return rc;
  }
  *out = tk;
  return 0;
}

void tkgp_tokenizer_free(tkgp_tokenizer *tk)
{
  if (!tk)
    return;
  free(tk->t.v);
  free(tk);
}

/* Scan STEP more raw tokens (or to the end of the text) and mark what
 * can be marked. */
static int scan_more(tkgp_tokenizer *tk, size_t step)
{
  tkgp_tok *t = &tk->t;
  size_t want = t->n + step;
  int rc, all;
  while (tk->p < t->len && t->n < want)
    if ((rc = scan_next(t, &tk->p)) < 0)
      return rc;
  all = tk->p == t->len;
  mark_datelines(t, &tk->dl,
                 all ? t->n : t->n > DATELINE_READS ? t->n - DATELINE_READS : 0);
  if (tk->dl > t->n)
    tk->dl = t->n;
  mark_sentences(t, &tk->m, all, tk->dl);
  return 0;
}

/* Drop the raw tokens before TK->next but KEEP_BEHIND, once there are
 * STEP of them. */
static void drop_handed_out(tkgp_tokenizer *tk, size_t step)
{
  tkgp_tok *t = &tk->t;
  size_t d = tk->next > KEEP_BEHIND ? tk->next - KEEP_BEHIND : 0;
  if (d < step) /* not worth a move yet */
    return;
  memmove(t->v, t->v + d, (t->n - d) * sizeof *t->v);
  t->n -= d;
  t->base += d;
  tk->next -= d;
  tk->searched -= d;
  tk->dl -= d;
  tk->m.i -= d;
  /* a sentence begun in a piece handed out: its start is gone */
  tk->m.first = tk->m.first == LINE_GONE || tk->m.first < d ? LINE_GONE : tk->m.first - d;
  tk->m.line_first = tk->m.line_first == LINE_GONE || tk->m.line_first < d
                         ? LINE_GONE
                         : tk->m.line_first - d;
}

int tkgp_tokenizer_next(tkgp_tokenizer *tk, tkgp_tokens *out, tkgp_arena *arena,
                        size_t max_tokens)
{
  tkgp_tok *t = &tk->t;
  size_t to = tk->next, count = 0;
  /* small windows scan and drop in small steps: memory follows the
   * window, and the unit tests see every step */
  size_t step = max_tokens < SCAN_AHEAD ? max_tokens : SCAN_AHEAD;
  int rc;

  assert(out && arena && max_tokens > 0);
  memset(out, 0, sizeof *out);
  for (;;) {
    int done = tk->p == t->len && tk->m.i == t->n; /* all scanned and marked */
    size_t e, tokens;
    if (tk->searched < to)
      tk->searched = to;
    for (e = tk->searched; e < tk->m.i && !(t->v[e].priv & P_END); e++)
      ;
    tk->searched = e;
    if (e < tk->m.i) { /* a whole sentence [to, e] */
      tokens = e - to + 1 + ((t->v[e].priv & P_SPLIT) ? 1 : 0);
      if (tokens <= max_tokens - count) {
        count += tokens;
        to = e + 1;
        continue;
      }
      if (count == 0) /* longer than a window: a piece, or all of it */
        to = e - to >= max_tokens ? to + max_tokens : e + 1;
      break;
    }
    /* No end decided after TO yet. */
    if (count == 0 && tk->m.i - to >= max_tokens) {
      to += max_tokens; /* a piece of a sentence longer than a window */
      break;
    }
    if (done || (count > 0 && tk->m.i - to > max_tokens - count))
      break; /* the text is over, or the sentence would not fit */
    if ((rc = scan_more(tk, step)) < 0)
      return rc;
  }
  if (to == tk->next)
    return 0;
  if ((rc = copy_out(out, arena, t, tk->next, to)) < 0) {
    memset(out, 0, sizeof *out);
    return rc;
  }
  tk->next = to;
  drop_handed_out(tk, step);
  return 0;
}
