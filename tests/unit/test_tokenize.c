/* test_tokenize.c - unit tests for the UD-style tokenizer and sentence splitter
 * SPDX-License-Identifier: MIT
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "text/tokenize.h"
#include "textkg.h"

/* Tokens of TEXT as "form form ...", sentences separated by " || ". Also
 * checks the invariants every result must keep: forms are copies of their
 * spans, spans are ordered and do not overlap, sentences tile the tokens,
 * and SpaceAfter tells whether whitespace follows. */
static char *render(const char *text)
{
  tkgp_arena arena;
  tkgp_tokens t;
  size_t i, s, len = strlen(text), cap = 4 * len + 64, used = 0, next = 0;
  char *out = malloc(cap);

  assert_non_null(out);
  out[0] = '\0';
  tkgp_arena_init(&arena, 0);
  assert_int_equal(tkgp_tokenize(&t, &arena, text, len), 0);
  for (i = 0; i < t.n_tokens; i++) {
    const tkgp_token *k = &t.tokens[i];
    int space;
    assert_true(k->start < k->end && k->end <= len);
    assert_true(i == 0 || t.tokens[i - 1].end <= k->start);
    assert_int_equal(strlen(k->form), k->end - k->start);
    assert_memory_equal(k->form, text + k->start, k->end - k->start);
    space = k->end < len && strchr(" \t\r\n", text[k->end]) != NULL;
    if (!space && k->end < len && (unsigned char)text[k->end] >= 0x80)
      space = -1; /* non-ASCII space: not checked here */
    if (space >= 0)
      assert_int_equal(!!(k->flags & TKGP_TOKEN_SPACE_AFTER), space);
  }
  for (s = 0; s < t.n_sentences; s++) {
    const tkgp_sentence *S = &t.sentences[s];
    assert_int_equal(S->first, next);
    assert_true(S->count >= 1);
    assert_int_equal(S->start, t.tokens[S->first].start);
    assert_int_equal(S->end, t.tokens[S->first + S->count - 1].end);
    for (i = S->first; i < S->first + S->count; i++) {
      size_t n = strlen(t.tokens[i].form);
      if (used + n + 8 >= cap) {
        cap *= 2;
        out = realloc(out, cap);
        assert_non_null(out);
      }
      if (used)
        out[used++] = ' ';
      if (i == S->first && s > 0) {
        memcpy(out + used, "|| ", 3);
        used += 3;
      }
      memcpy(out + used, t.tokens[i].form, n);
      used += n;
      out[used] = '\0';
    }
    next = S->first + S->count;
  }
  assert_int_equal(next, t.n_tokens);
  tkgp_arena_finish(&arena);
  return out;
}

static void expect(const char *text, const char *tokens)
{
  char *got = render(text);
  if (strcmp(got, tokens) != 0)
    print_error("input:    %s\nexpected: %s\ngot:      %s\n", text, tokens,
                got);
  assert_string_equal(got, tokens);
  free(got);
}

/* Tokenize into a fresh arena; caller finishes the arena. */
static void tok(tkgp_tokens *t, tkgp_arena *arena, const char *text)
{
  tkgp_arena_init(arena, 0);
  assert_int_equal(tkgp_tokenize(t, arena, text, strlen(text)), 0);
}

static size_t find_token(const tkgp_tokens *t, const char *form, size_t from)
{
  size_t i;
  for (i = from; i < t->n_tokens; i++)
    if (strcmp(t->tokens[i].form, form) == 0)
      return i;
  fail_msg("no token \"%s\"", form);
  return 0;
}

static void test_empty(void **state)
{
  tkgp_arena arena;
  tkgp_tokens t;
  (void)state;
  tok(&t, &arena, "");
  assert_int_equal(t.n_tokens, 0);
  assert_int_equal(t.n_sentences, 0);
  tkgp_arena_finish(&arena);
  tok(&t, &arena, " \t\r\n\n  \xc2\xa0\xe2\x80\x83\n");
  assert_int_equal(t.n_tokens, 0);
  assert_int_equal(t.n_sentences, 0);
  tkgp_arena_finish(&arena);
  /* NULL text with no length is fine */
  tkgp_arena_init(&arena, 0);
  assert_int_equal(tkgp_tokenize(&t, &arena, NULL, 0), 0);
  assert_int_equal(t.n_tokens, 0);
  tkgp_arena_finish(&arena);
}

static void test_clitics(void **state)
{
  (void)state;
  expect("Trump's aides don't know.", "Trump 's aides do n't know .");
  expect("Trump\xe2\x80\x99s aides don\xe2\x80\x99t know.",
         "Trump \xe2\x80\x99s aides do n\xe2\x80\x99t know .");
  expect("I can't and I won't.", "I ca n't and I wo n't .");
  expect("I'm sure we'll see; they've left and he'd stay.",
         "I 'm sure we 'll see ; they 've left and he 'd stay .");
  expect("YOU'RE RIGHT, IT'S OVER", "YOU 'RE RIGHT , IT 'S OVER");
  expect("We cannot wait.", "We can not wait .");
  /* Names with apostrophes and decades stay whole. */
  expect("O'Neill met him in the 80's.", "O'Neill met him in the 80's .");
}

static void test_possessive_and_quotes(void **state)
{
  tkgp_arena arena;
  tkgp_tokens t;
  size_t i;
  (void)state;

  expect("The parents' house.", "The parents ' house .");
  tok(&t, &arena,
      "She said 'the workers' union' was \"ready\" and \xe2\x80\x9c"
      "fine.\xe2\x80\x9d");
  i = find_token(&t, "'", 0);
  assert_true(t.tokens[i].flags & TKGP_TOKEN_OPEN_QUOTE);
  i = find_token(&t, "'", i + 1); /* workers' : closes the quote? no: */
  /* An open single quote is pending, so this one reads as closing it. */
  assert_true(t.tokens[i].flags & TKGP_TOKEN_CLOSE_QUOTE);
  i = find_token(&t, "\"", 0);
  assert_true(t.tokens[i].flags & TKGP_TOKEN_OPEN_QUOTE);
  assert_true(t.tokens[i].flags & TKGP_TOKEN_PUNCT);
  i = find_token(&t, "\"", i + 1);
  assert_true(t.tokens[i].flags & TKGP_TOKEN_CLOSE_QUOTE);
  i = find_token(&t, "\xe2\x80\x9c", 0);
  assert_true(t.tokens[i].flags & TKGP_TOKEN_OPEN_QUOTE);
  i = find_token(&t, "\xe2\x80\x9d", 0);
  assert_true(t.tokens[i].flags & TKGP_TOKEN_CLOSE_QUOTE);
  tkgp_arena_finish(&arena);

  /* A plural possessive is neither quote. */
  tok(&t, &arena, "The parents' house.");
  i = find_token(&t, "'", 0);
  assert_false(t.tokens[i].flags &
               (TKGP_TOKEN_OPEN_QUOTE | TKGP_TOKEN_CLOSE_QUOTE));
  tkgp_arena_finish(&arena);

  /* Curly single quotes around a phrase, with a contraction inside. */
  tok(&t, &arena,
      "He called it \xe2\x80\x98"
      "a deal that won\xe2\x80\x99t last\xe2\x80\x99.");
  i = find_token(&t, "\xe2\x80\x98", 0);
  assert_true(t.tokens[i].flags & TKGP_TOKEN_OPEN_QUOTE);
  i = find_token(&t, "n\xe2\x80\x99t", 0);
  assert_false(t.tokens[i].flags & TKGP_TOKEN_CLOSE_QUOTE);
  i = find_token(&t, "\xe2\x80\x99", 0);
  assert_string_equal(t.tokens[i - 1].form, "last");
  assert_true(t.tokens[i].flags & TKGP_TOKEN_CLOSE_QUOTE);
  tkgp_arena_finish(&arena);

  expect("\"We are ready,\" he said.", "\" We are ready , \" he said .");
}

static void test_hyphens(void **state)
{
  tkgp_arena arena;
  tkgp_tokens t;
  (void)state;

  expect("a 30-day, full-scale Russia-Ukraine truce",
         "a 30 - day , full - scale Russia - Ukraine truce");
  /* Prefixes and phone numbers stay whole; scores and ranges split. */
  expect("a non-profit e-mail to co-workers",
         "a non-profit e-mail to co-workers");
  expect("Call 713-555-0100 or 555-0100.", "Call 713-555-0100 or 555-0100 .");
  expect("It won 52-48 in 1998-2001.", "It won 52 - 48 in 1998 - 2001 .");
  /* SpaceAfter lets the text be rebuilt. */
  tok(&t, &arena, "full-scale war");
  assert_int_equal(t.n_tokens, 4);
  assert_int_equal(t.tokens[0].flags & TKGP_TOKEN_SPACE_AFTER, 0);
  assert_int_equal(t.tokens[1].flags & TKGP_TOKEN_SPACE_AFTER, 0);
  assert_true(t.tokens[2].flags & TKGP_TOKEN_SPACE_AFTER);
  assert_true(t.tokens[1].flags & TKGP_TOKEN_PUNCT);
  tkgp_arena_finish(&arena);
}

static void test_numbers(void **state)
{
  tkgp_arena arena;
  tkgp_tokens t;
  size_t i;
  (void)state;

  expect("About 300 of 1,000 paid $5 for 3.5 kg, up 10%.",
         "About 300 of 1,000 paid $ 5 for 3.5 kg , up 10 % .");
  expect("It cost US$20 on the 30th at 10:30.",
         "It cost US$ 20 on the 30th at 10:30 .");
  tok(&t, &arena, "300 1,000 3.5 30th 1990s five");
  for (i = 0; i < 5; i++)
    assert_true(t.tokens[i].flags & TKGP_TOKEN_NUMBER);
  assert_false(t.tokens[5].flags & TKGP_TOKEN_NUMBER);
  tkgp_arena_finish(&arena);
}

static void test_abbreviations(void **state)
{
  tkgp_arena arena;
  tkgp_tokens t;
  size_t i;
  (void)state;

  expect(
      "Dr. Smith and Mr. Jones met Jan. 5 on Main St. in the U.S. capital.",
      "Dr. Smith and Mr. Jones met Jan. 5 on Main St. in the U.S. capital .");
  expect("Acme Inc. hired J. K. Rowling, e.g. for talks.",
         "Acme Inc. hired J. K. Rowling , e.g. for talks .");
  expect("They met at 3 p.m. on Tuesday.", "They met at 3 p.m. on Tuesday .");
  tok(&t, &arena, "Dr. Smith left.");
  assert_true(t.tokens[0].flags & TKGP_TOKEN_ABBREVIATION);
  assert_true(t.tokens[0].flags & TKGP_TOKEN_CAPITALIZED);
  i = find_token(&t, ".", 0);
  assert_false(t.tokens[i].flags & TKGP_TOKEN_ABBREVIATION);
  assert_true(t.tokens[i].flags & TKGP_TOKEN_PUNCT);
  tkgp_arena_finish(&arena);
  tok(&t, &arena, "the U.S. NATO Nato");
  assert_true(t.tokens[1].flags & TKGP_TOKEN_ALL_CAPS);
  assert_true(t.tokens[2].flags & TKGP_TOKEN_ALL_CAPS);
  assert_false(t.tokens[3].flags & TKGP_TOKEN_ALL_CAPS);
  assert_true(t.tokens[3].flags & TKGP_TOKEN_CAPITALIZED);
  assert_false(t.tokens[0].flags & TKGP_TOKEN_CAPITALIZED);
  tkgp_arena_finish(&arena);
  /* Non-ASCII case comes from utf8proc, not the locale. */
  tok(&t, &arena,
      "\xc3\x89mile \xc3\x89"
      "COLE \xc3\xa9t\xc3\xa9");
  assert_true(t.tokens[0].flags & TKGP_TOKEN_CAPITALIZED);
  assert_true(t.tokens[1].flags & TKGP_TOKEN_ALL_CAPS);
  assert_false(t.tokens[2].flags &
               (TKGP_TOKEN_CAPITALIZED | TKGP_TOKEN_ALL_CAPS));
  tkgp_arena_finish(&arena);
}

static void test_abbreviation_ends_sentence(void **state)
{
  (void)state;
  /* A sentence-final abbreviation gives up its period, as in UD EWT. */
  expect("Prices rose in the U.S. The Fed waited.",
         "Prices rose in the U.S . || The Fed waited .");
  expect("He works for Acme Inc. But not for long.",
         "He works for Acme Inc . || But not for long .");
  expect("Shares of Acme Inc. fell.", "Shares of Acme Inc. fell .");
  expect("Bring pens, paper, etc.", "Bring pens , paper , etc .");
  /* A title or an initial never ends one. */
  expect("He met Dr. Brown and Gen. Ray. They talked.",
         "He met Dr. Brown and Gen. Ray . || They talked .");
  expect("Mr. J. R. Smith arrived.", "Mr. J. R. Smith arrived .");
}

static void test_punctuation(void **state)
{
  (void)state;
  expect("Wait... what\xe2\x80\xa6 really?! Yes -- no \xe2\x80\x94 maybe "
         "\xe2\x80\x93 so.",
         "Wait ... what \xe2\x80\xa6 really ?! || Yes -- no \xe2\x80\x94 maybe "
         "\xe2\x80\x93 so .");
  expect("He left\xe2\x80\x94quickly.", "He left \xe2\x80\x94 quickly .");
  expect("(See the report [here].)", "( See the report [ here ] . )");
  expect("Write to jane.doe@example.org or see https://example.org/a?b=1.",
         "Write to jane.doe@example.org or see https://example.org/a?b=1 .");
  expect("Visit www.example.com/news, then (http://x.org/a_(b)).",
         "Visit www.example.com/news , then ( http://x.org/a_(b) ) .");
  expect("and/or 9/11 b/c", "and / or 9/11 b/c");
}

static void test_offsets(void **state)
{
  const char *s =
      "  \xe2\x80\x9c"
      "Caf\xc3\xa9s don\xe2\x80\x99t close,\xe2\x80\x9d she said.\n";
  tkgp_arena arena;
  tkgp_tokens t;
  static const struct {
    size_t start, end;
    const char *form;
  } want[] = {{2, 5, "\xe2\x80\x9c"},   {5, 11, "Caf\xc3\xa9s"},
              {12, 14, "do"},           {14, 19, "n\xe2\x80\x99t"},
              {20, 25, "close"},        {25, 26, ","},
              {26, 29, "\xe2\x80\x9d"}, {30, 33, "she"},
              {34, 38, "said"},         {38, 39, "."}};
  size_t i;
  (void)state;

  tok(&t, &arena, s);
  assert_int_equal(t.n_tokens, sizeof want / sizeof *want);
  for (i = 0; i < t.n_tokens; i++) {
    assert_int_equal(t.tokens[i].start, want[i].start);
    assert_int_equal(t.tokens[i].end, want[i].end);
    assert_string_equal(t.tokens[i].form, want[i].form);
  }
  assert_int_equal(t.n_sentences, 1);
  assert_int_equal(t.sentences[0].start, 2);
  assert_int_equal(t.sentences[0].end, 39);
  /* The final period has a newline after it. */
  assert_true(t.tokens[9].flags & TKGP_TOKEN_SPACE_AFTER);
  assert_false(t.tokens[8].flags & TKGP_TOKEN_SPACE_AFTER);
  assert_false(t.tokens[0].flags & TKGP_TOKEN_SPACE_AFTER);
  tkgp_arena_finish(&arena);
}

static void test_sentences(void **state)
{
  (void)state;
  expect("It rained. Then it stopped! Did it? \"Yes.\" (It did.) OK.",
         "It rained . || Then it stopped ! || Did it ? || \" Yes . \" || ( It "
         "did . ) || OK .");
  expect("\"Why?\" he asked. 3 people came.",
         "\" Why ? \" he asked . || 3 people came .");
  expect("It is 5 p.m. now.", "It is 5 p.m. now .");
  expect("No. 5 won.", "No. 5 won .");
}

/* A news story written for this test: headline, byline, dateline, a
 * question on its own line, quotes and abbreviations. */
static const char NEWS[] =
    "Harbor towns agree to share a ferry line\n"
    "By Alex Writer\n"
    "\n"
    "PORT ELLIS, Maine (Wire) \xe2\x80\x94 Two harbor towns on Tuesday agreed "
    "to run "
    "a 12-mile ferry line together. Officials said the U.S. Coast Guard must "
    "still approve it.\n"
    "What does it mean?\n"
    "For commuters, it means a shorter trip. \xe2\x80\x9cWe waited for "
    "years,\xe2\x80\x9d "
    "said Mayor Dana Cole. \"It's finally here.\"\n"
    "\n"
    "Timeline\n"
    "The line opens in Sept. and runs until May.\n"
    "\n"
    "LONDON, March 3 (AP) - A second story starts here.\n";

static void test_news(void **state)
{
  tkgp_arena arena;
  tkgp_tokens t;
  size_t s, i;
  static const struct {
    const char *first, *last;
    unsigned flags;
  } want[] = {
      {"Harbor", "line",
       TKGP_SENTENCE_HEADLINE | TKGP_SENTENCE_PARAGRAPH_START},
      {"By", "Writer", TKGP_SENTENCE_HEADLINE},
      {"PORT", ".", TKGP_SENTENCE_PARAGRAPH_START},
      {"Officials", ".", 0},
      {"What", "?", 0},
      {"For", ".", 0},
      {"\xe2\x80\x9c", ".", 0},
      {"\"", "\"", 0},
      {"Timeline", "Timeline",
       TKGP_SENTENCE_HEADLINE | TKGP_SENTENCE_PARAGRAPH_START},
      {"The", ".", 0},
      {"LONDON", ".", TKGP_SENTENCE_PARAGRAPH_START},
  };
  (void)state;

  tok(&t, &arena, NEWS);
  for (s = 0; s < t.n_sentences && s < sizeof want / sizeof *want; s++) {
    const tkgp_sentence *S = &t.sentences[s];
    if (strcmp(t.tokens[S->first].form, want[s].first) != 0 ||
        strcmp(t.tokens[S->first + S->count - 1].form, want[s].last) != 0 ||
        S->flags != want[s].flags)
      fail_msg("sentence %zu: %s ... %s (flags %u)", s, t.tokens[S->first].form,
               t.tokens[S->first + S->count - 1].form, S->flags);
  }
  assert_int_equal(t.n_sentences, sizeof want / sizeof *want);

  /* The dateline: flagged, and inside the first sentence of its paragraph. */
  i = find_token(&t, "PORT", 0);
  assert_true(t.tokens[i].flags & TKGP_TOKEN_ALL_CAPS);
  assert_true(t.tokens[i].flags & TKGP_TOKEN_NEWLINE_BEFORE);
  for (; strcmp(t.tokens[i].form, "Two") != 0; i++)
    assert_true(t.tokens[i].flags & TKGP_TOKEN_DATELINE);
  assert_false(t.tokens[i].flags & TKGP_TOKEN_DATELINE);
  i = find_token(&t, "LONDON", 0);
  for (; strcmp(t.tokens[i].form, "A") != 0; i++)
    assert_true(t.tokens[i].flags & TKGP_TOKEN_DATELINE);
  i = find_token(&t, "12", 0);
  assert_string_equal(t.tokens[i + 1].form, "-");
  assert_string_equal(t.tokens[i + 2].form, "mile");
  i = find_token(&t, "Sept.", 0);
  assert_true(t.tokens[i].flags & TKGP_TOKEN_ABBREVIATION);
  /* No token of the headlines is a dateline. */
  for (i = 0; i < t.sentences[2].first; i++)
    assert_false(t.tokens[i].flags & TKGP_TOKEN_DATELINE);
  tkgp_arena_finish(&arena);
}

static void test_datelines(void **state)
{
  tkgp_arena arena;
  tkgp_tokens t;
  size_t i;
  (void)state;

  tok(&t, &arena, "KYIV, Ukraine (Reuters) \xe2\x80\x94 Talks resumed.");
  assert_int_equal(t.n_sentences, 1);
  for (i = 0; i < 7; i++)
    assert_true(t.tokens[i].flags & TKGP_TOKEN_DATELINE);
  assert_false(t.tokens[7].flags & TKGP_TOKEN_DATELINE);
  tkgp_arena_finish(&arena);
  tok(&t, &arena, "WASHINGTON \xe2\x80\x94 The vote failed.");
  assert_int_equal(t.n_sentences, 1);
  assert_true(t.tokens[1].flags & TKGP_TOKEN_DATELINE);
  assert_false(t.tokens[2].flags & TKGP_TOKEN_DATELINE);
  tkgp_arena_finish(&arena);
  /* An ordinary sentence with a dash is not a dateline. */
  tok(&t, &arena, "The mayor said it \xe2\x80\x94 twice.");
  for (i = 0; i < t.n_tokens; i++)
    assert_false(t.tokens[i].flags & TKGP_TOKEN_DATELINE);
  tkgp_arena_finish(&arena);
}

static void test_wrapped_lines(void **state)
{
  (void)state;
  /* Hard-wrapped prose: a line break inside a sentence is not an end. */
  expect(
      "The council met on Tuesday evening to discuss the new budget for the\n"
      "coming year, which includes money for roads and the harbor.\n"
      "Members voted to approve it after a long debate about schools and\n"
      "Parks, which had been cut the year before by a narrow margin.\n",
      "The council met on Tuesday evening to discuss the new budget for the "
      "coming year , which includes money for roads and the harbor . || "
      "Members voted to approve it after a long debate about schools and "
      "Parks , which had been cut the year before by a narrow margin .");
}

static void test_blank_line_ends_sentence(void **state)
{
  tkgp_arena arena;
  tkgp_tokens t;
  (void)state;
  tok(&t, &arena, "first part without a stop\n\nsecond part");
  assert_int_equal(t.n_sentences, 2);
  assert_true(t.sentences[1].flags & TKGP_SENTENCE_PARAGRAPH_START);
  assert_true(t.tokens[t.sentences[1].first].flags & TKGP_TOKEN_NEWLINE_BEFORE);
  tkgp_arena_finish(&arena);
}

static void test_abbreviation_at_line_end(void **state)
{
  (void)state;
  /* Wrapped prose: "U.S." at a line end before a name is no end. */
  expect("The mayor and her staff held long talks on trade with the U.S.\n"
         "Senate leaders, who went on for hours, then called for a vote.\n",
         "The mayor and her staff held long talks on trade with the U.S. "
         "Senate leaders , who went on for hours , then called for a vote .");
  /* Before a blank line it is, and gives up its period. */
  expect("They moved to the U.S.\n\nLater they left.",
         "They moved to the U.S . || Later they left .");
}

/* Pseudo-random bytes, valid UTF-8 or not: no crash, and every invariant
 * that render() checks holds. */
static void test_noise(void **state)
{
  static const char *const bits[] = {"a",
                                     "Z",
                                     "7",
                                     ".",
                                     "..",
                                     "'",
                                     "\xe2\x80\x99",
                                     "\"",
                                     "-",
                                     "--",
                                     "@",
                                     "http://",
                                     "www.",
                                     "#",
                                     "$",
                                     "%",
                                     "/",
                                     ",",
                                     ":",
                                     "(",
                                     ")",
                                     " ",
                                     "\n",
                                     "\n\n",
                                     "\xc3\xa9",
                                     "\xe2\x80\x94",
                                     "\xe2\x80\xa6",
                                     "\xff",
                                     "\xe2\x80",
                                     "n't",
                                     "'s",
                                     "U.S.",
                                     "Inc.",
                                     "Dr.",
                                     "e.g.",
                                     "1,000",
                                     "3.5",
                                     "\t"};
  const size_t nbits = sizeof bits / sizeof *bits;
  char text[512];
  unsigned long x = 12345;
  int round;
  (void)state;

  for (round = 0; round < 2000; round++) {
    size_t len = 0;
    while (len < sizeof text - 16) {
      const char *b;
      x = x * 6364136223846793005UL + 1442695040888963407UL;
      b = bits[(x >> 33) % nbits];
      if ((x >> 20) % 97 == 0)
        break;
      memcpy(text + len, b, strlen(b));
      len += strlen(b);
    }
    text[len] = '\0';
    free(render(text));
  }
}

/* Tokenizing TEXT with a tokenizer handing out at most MAX tokens at a
 * time gives the tokens of tkgp_tokenize(), and its sentences, those
 * longer than MAX cut in pieces (the first keeps the flags). */
static void check_windows(const char *text, size_t len, size_t max)
{
  tkgp_arena arena, parts;
  tkgp_tokens whole, w;
  tkgp_tokenizer *tk;
  size_t tok = 0, sent = 0, piece = 0; /* in WHOLE; tokens of SENT seen */

  tkgp_arena_init(&arena, 0);
  assert_int_equal(tkgp_tokenize(&whole, &arena, text, len), 0);
  assert_int_equal(tkgp_tokenizer_new(&tk, text, len), 0);
  for (;;) {
    size_t i, k;
    tkgp_arena_init(&parts, 0);
    assert_int_equal(tkgp_tokenizer_next(tk, &w, &parts, max), 0);
    if (!w.n_sentences) {
      assert_int_equal(w.n_tokens, 0);
      tkgp_arena_finish(&parts);
      break;
    }
    assert_true(w.n_tokens <= max || (w.n_sentences == 1 && w.n_tokens == max + 1));
    for (i = 0; i < w.n_tokens; i++, tok++) {
      assert_true(tok < whole.n_tokens);
      assert_int_equal(w.tokens[i].start, whole.tokens[tok].start);
      assert_int_equal(w.tokens[i].end, whole.tokens[tok].end);
      assert_int_equal(w.tokens[i].flags, whole.tokens[tok].flags);
      assert_string_equal(w.tokens[i].form, whole.tokens[tok].form);
    }
    for (k = 0; k < w.n_sentences; k++) {
      const tkgp_sentence *a = &w.sentences[k], *b = &whole.sentences[sent];
      assert_true(sent < whole.n_sentences);
      assert_int_equal(a->start, whole.tokens[b->first + piece].start);
      if (b->count <= max)
        assert_int_equal(a->flags, b->flags);
      else /* pieces: the first has the flags but the headline flag */
        assert_int_equal(a->flags, piece ? 0 : b->flags & ~(unsigned)TKGP_SENTENCE_HEADLINE);
      assert_int_equal(w.tokens[a->first].start, a->start);
      assert_int_equal(w.tokens[a->first + a->count - 1].end, a->end);
      if (b->count <= max) {
        assert_int_equal(a->count, b->count);
        assert_int_equal(a->end, b->end);
      } else {
        if (piece + a->count < b->count)
          assert_int_equal(a->count, max); /* a piece */
        else
          assert_true(a->count <= max + 1); /* the rest */
      }
      piece += a->count;
      assert_true(piece <= b->count);
      if (piece == b->count) {
        assert_int_equal(a->end, b->end);
        sent++;
        piece = 0;
      }
    }
    tkgp_arena_finish(&parts);
  }
  assert_int_equal(tok, whole.n_tokens);
  assert_int_equal(sent, whole.n_sentences);
  tkgp_tokenizer_free(tk);
  tkgp_arena_finish(&arena);
}

static void check_all_windows(const char *text, size_t len)
{
  static const size_t maxes[] = {1, 2, 3, 5, 8, 13, 64, 200, SIZE_MAX};
  size_t i;
  for (i = 0; i < sizeof maxes / sizeof *maxes; i++)
    check_windows(text, len, maxes[i]);
}

/* A text handed out in windows (tkgp_tokenizer_next()) is tokenized as it
 * is whole: the project's example texts, and noise. */
static void test_windows(void **state)
{
  static const char *const files[] = {"examples/flood-relief.txt",
                                      "examples/harbour-strike.txt",
                                      "examples/lakeside-talks.txt"};
  static const char *const bits[] = {"a", "Z", "7", ".", "'", "\"", "(", ")", "-",
                                     " ", "\n", "\n\n", "U.S.", "Dr.", "\xe2\x80\x9c",
                                     "\xe2\x80\x9d", "!", "?", "GENEVA", ","};
  char path[4096], text[400];
  unsigned long x = 777;
  size_t i;
  (void)state;

  for (i = 0; i < sizeof files / sizeof *files; i++) {
    FILE *fp;
    char *buf;
    long n;
    snprintf(path, sizeof path, "%s/%s", getenv("top_srcdir") ? getenv("top_srcdir") : ".",
             files[i]);
    fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
    fclose(fp);
    check_all_windows(buf, (size_t)n);
    /* on one line, and with its lines short and broken, headline-like */
    {
      long k;
      for (k = 0; k < n; k++)
        if (buf[k] == '\n')
          buf[k] = ' ';
      check_all_windows(buf, (size_t)n);
      for (k = 0; k < n; k++)
        if (k % 37 == 0 && buf[k] == ' ')
          buf[k] = '\n';
      check_all_windows(buf, (size_t)n);
    }
    free(buf);
  }
  check_all_windows("", 0);
  check_all_windows("  \n ", 4);
  check_all_windows("He lives in the U.S.", 20);
  for (i = 0; i < 300; i++) {
    size_t len = 0;
    while (len < sizeof text - 16) {
      const char *b;
      x = x * 6364136223846793005UL + 1442695040888963407UL;
      b = bits[(x >> 33) % (sizeof bits / sizeof *bits)];
      if ((x >> 20) % 61 == 0)
        break;
      memcpy(text + len, b, strlen(b));
      len += strlen(b);
    }
    check_all_windows(text, len);
  }
}

/* 50 MB on one line: must finish (linear time), no timing asserts. */
static void test_large_line(void **state)
{
  static const char piece[] =
      "The U.S. talks (in Kyiv) don't end; 1,000 \"full-scale\" "
      "e-mails cost $5.5 each. ";
  const size_t n = 50u * 1024 * 1024;
  size_t len = 0, k = sizeof piece - 1;
  char *text = malloc(n + k + 1);
  tkgp_arena arena;
  tkgp_tokens t;
  (void)state;

  assert_non_null(text);
  while (len + k <= n) {
    memcpy(text + len, piece, k);
    len += k;
  }
  text[len] = '\0';
  tkgp_arena_init(&arena, 1024 * 1024);
  assert_int_equal(tkgp_tokenize(&t, &arena, text, len), 0);
  assert_int_equal(t.n_tokens, (len / k) * 23);
  assert_int_equal(t.n_sentences, len / k);
  assert_int_equal(t.tokens[t.n_tokens - 1].end, len - 1);
  tkgp_arena_finish(&arena);
  free(text);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_empty),
      cmocka_unit_test(test_clitics),
      cmocka_unit_test(test_possessive_and_quotes),
      cmocka_unit_test(test_hyphens),
      cmocka_unit_test(test_numbers),
      cmocka_unit_test(test_abbreviations),
      cmocka_unit_test(test_abbreviation_ends_sentence),
      cmocka_unit_test(test_punctuation),
      cmocka_unit_test(test_offsets),
      cmocka_unit_test(test_sentences),
      cmocka_unit_test(test_news),
      cmocka_unit_test(test_datelines),
      cmocka_unit_test(test_wrapped_lines),
      cmocka_unit_test(test_blank_line_ends_sentence),
      cmocka_unit_test(test_abbreviation_at_line_end),
      cmocka_unit_test(test_noise),
      cmocka_unit_test(test_windows),
      cmocka_unit_test(test_large_line),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
