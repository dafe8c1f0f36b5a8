/* tokenize.h - tokens and sentences with their offsets
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_TOKENIZE_H
#define TKG_TOKENIZE_H

#include "core/arena.h"

#include <stddef.h>

/* Token flags. */
enum {
  TKGP_TOKEN_SPACE_AFTER = 1 << 0,  /* whitespace follows (CoNLL-U SpaceAfter) */
  TKGP_TOKEN_NEWLINE_BEFORE = 1 << 1, /* a line break precedes the token */
  TKGP_TOKEN_CAPITALIZED = 1 << 2,  /* first character is an uppercase letter */
  TKGP_TOKEN_ALL_CAPS = 1 << 3,     /* two or more letters, all uppercase */
  TKGP_TOKEN_ABBREVIATION = 1 << 4, /* ends in a period that is not a full stop
                                       (U.S., Dr., J.); at a sentence end the
                                       period is a token of its own, as in UD */
  TKGP_TOKEN_PUNCT = 1 << 5,        /* punctuation only */
  TKGP_TOKEN_NUMBER = 1 << 6,       /* a number: 300, 3.5, 1,000, 30th */
  TKGP_TOKEN_OPEN_QUOTE = 1 << 7,   /* opens a quotation */
  TKGP_TOKEN_CLOSE_QUOTE = 1 << 8,  /* closes a quotation */
  TKGP_TOKEN_DATELINE = 1 << 9      /* part of a dateline ("OSLO, Norway (AP) -") */
};

/* Sentence flags. */
enum {
  TKGP_SENTENCE_HEADLINE = 1 << 0,  /* a line of its own without final punctuation
                                       (headline, byline, title) */
  TKGP_SENTENCE_PARAGRAPH_START = 1 << 1 /* first sentence of a paragraph */
};

typedef struct tkgp_token {
  size_t start, end;   /* byte offsets into the text, end exclusive */
  const char *form;    /* NUL-terminated copy of text[start, end) (arena) */
  unsigned flags;
} tkgp_token;

typedef struct tkgp_sentence {
  size_t first;        /* index of its first token */
  size_t count;        /* number of tokens, at least 1 */
  size_t start, end;   /* byte span: first token's start, last token's end */
  unsigned flags;
} tkgp_sentence;

typedef struct tkgp_tokens {
  tkgp_token *tokens;  /* arena */
  size_t n_tokens;
  tkgp_sentence *sentences; /* arena */
  size_t n_sentences;
} tkgp_tokens;

/**
 * Split TEXT (LENGTH bytes of valid NFC UTF-8, need not be NUL-terminated)
 * into tokens and sentences, tokenized as Universal Dependencies English
 * (EWT, GUM) does: clitics split ("do n't", "Smith 's"), hyphenated words
 * split ("30 - day"), $ and % apart from their numbers; abbreviations,
 * numbers, URLs and e-mail addresses whole. Sentences end at . ! ? (with
 * closing quotes and brackets), at blank lines, and after headline-like
 * lines; a dateline stays in the first sentence of its paragraph.
 * Empty or blank text yields 0 tokens and 0 sentences (NULL arrays).
 * Linear time. Everything is allocated in ARENA (forms are copies, TEXT
 * is not kept) and freed with tkgp_arena_finish(); OUT is caller-allocated
 * and zeroed on failure.
 * @return 0, or TKG_ENOMEM.
 */
int tkgp_tokenize(tkgp_tokens *out, tkgp_arena *arena, const char *text,
                  size_t length);

/* A text tokenized and handed out a window of sentences at a time. */
typedef struct tkgp_tokenizer tkgp_tokenizer;

/**
 * A tokenizer of TEXT for tkgp_tokenizer_next(): it gives the tokens and
 * sentences tkgp_tokenize() gives, a window at a time, and holds only
 * the raw tokens of about one window (a first scan, which keeps none,
 * measures the lines). TEXT is borrowed and must outlive the tokenizer.
 * @param out  Caller frees with tkgp_tokenizer_free().
 * @return 0, or TKG_ENOMEM.
 */
int tkgp_tokenizer_new(tkgp_tokenizer **out, const char *text, size_t length);

/** Free the tokenizer. Accepts NULL. */
void tkgp_tokenizer_free(tkgp_tokenizer *tk);

/**
 * The next sentences: as many whole sentences as make at most MAX_TOKENS
 * tokens, and at least one (a sentence of MAX_TOKENS words that ends in
 * an abbreviation's split period is MAX_TOKENS + 1). A longer sentence
 * is handed out in pieces of MAX_TOKENS tokens, each a sentence of its
 * own: the first has the sentence's flags but the headline flag, known
 * only at its end; the others have none. Offsets are into the whole
 * text, and the sentences' first tokens index OUT's tokens. At the end,
 * OUT has no sentences. Linear time over the calls. Allocated in ARENA;
 * OUT is zeroed on failure.
 * @return 0, or TKG_ENOMEM.
 */
int tkgp_tokenizer_next(tkgp_tokenizer *tk, tkgp_tokens *out, tkgp_arena *arena,
                        size_t max_tokens);

#endif
