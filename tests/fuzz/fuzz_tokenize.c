/* fuzz_tokenize.c - fuzz target: the tokenizer and sentence splitter alone
 * SPDX-License-Identifier: MIT
 *
 * The input goes through tkgp_text_init() (the tokenizer is promised valid
 * NFC text; other bytes are skipped) and then tkgp_tokenize(). Checked:
 * tokens lie inside the text, in order, without overlap, on character
 * boundaries, each form a copy of its span; sentences cover the tokens in
 * order, each at least one token, with the span of its first and last.
 */
#include "fuzz.h"

#include "core/arena.h"
#include "text/text.h"
#include "text/tokenize.h"

#include <string.h>

static int boundary(const tkgp_text *t, size_t at)
{
  return at == t->length || ((unsigned char)t->data[at] & 0xC0) != 0x80;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  tkg_world *w = tkgf_world();
  tkgp_text text;
  tkgp_arena arena;
  tkgp_tokens toks;
  size_t next = 0, prev_end = 0;

  if (tkgp_text_init(&text, w, (const char *)data, size) != 0)
    return 0;
  tkgp_arena_init(&arena, 0);
  TKGF_CHECK(w, tkgp_tokenize(&toks, &arena, text.data, text.length) == 0, "tokenize failed");

  TKGF_CHECK(w, (toks.n_tokens == 0) == (toks.n_sentences == 0), "tokens without sentences");
  for (size_t i = 0; i < toks.n_tokens; i++) {
    const tkgp_token *t = &toks.tokens[i];
    TKGF_CHECK(w, t->start < t->end && t->end <= text.length, "token outside the text");
    TKGF_CHECK(w, t->start >= prev_end, "tokens overlap or go back");
    TKGF_CHECK(w, boundary(&text, t->start) && boundary(&text, t->end),
               "token splits a character");
    TKGF_CHECK(w, t->form && strlen(t->form) == t->end - t->start &&
                      !memcmp(t->form, text.data + t->start, t->end - t->start),
               "form is not a copy of the token's span");
    prev_end = t->end;
  }
  for (size_t s = 0; s < toks.n_sentences; s++) {
    const tkgp_sentence *st = &toks.sentences[s];
    TKGF_CHECK(w, st->first == next && st->count >= 1 && st->count <= toks.n_tokens - next,
               "sentences do not cover the tokens in order");
    TKGF_CHECK(w, st->start == toks.tokens[st->first].start &&
                      st->end == toks.tokens[st->first + st->count - 1].end,
               "sentence span is not its tokens' span");
    next += st->count;
  }
  TKGF_CHECK(w, next == toks.n_tokens, "tokens after the last sentence");

  tkgp_arena_finish(&arena);
  tkgp_text_finish(&text);
  return 0;
}
