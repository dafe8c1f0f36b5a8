/* detok.c - the raw text of an annotated document, rebuilt from its tokens
 * SPDX-License-Identifier: MIT
 *
 * Cost: linear in the text. The rules are in detok.h.
 */
#include "eval/detok.h"
#include "textkg.h"

#include <stdlib.h>
#include <string.h>

void tkgp_detok_init(tkgp_detok *d)
{
  memset(d, 0, sizeof *d);
  tkgp_strbuf_init(&d->text);
}

void tkgp_detok_finish(tkgp_detok *d)
{
  tkgp_strbuf_finish(&d->text);
  free(d->begin);
  free(d->end);
  memset(d, 0, sizeof *d);
}

void tkgp_detok_clear(tkgp_detok *d)
{
  tkgp_strbuf_clear(&d->text);
  d->codepoints = 0;
  d->n = 0;
}

/* Code points of the LEN bytes of UTF-8 at S: every byte but a
 * continuation byte starts one. */
static size_t count_codepoints(const char *s, size_t len)
{
  size_t i, n = 0;
  for (i = 0; i < len; i++)
    n += ((unsigned char)s[i] & 0xC0) != 0x80;
  return n;
}

static int put(tkgp_detok *d, const char *s, size_t len)
{
  if (tkgp_strbuf_append(&d->text, s, len) < 0)
    return TKG_ENOMEM;
  d->codepoints += count_codepoints(s, len);
  return 0;
}

static int ends_in_space(const tkgp_detok *d)
{
  char c = d->text.length ? d->text.data[d->text.length - 1] : '\n';
  return c == ' ' || c == '\n';
}

static int add_token(tkgp_detok *d, size_t begin, size_t end)
{
  if (d->n == d->cap) {
    size_t cap = d->cap ? 2 * d->cap : 256;
    size_t *b = realloc(d->begin, cap * sizeof *b), *e;
    if (!b)
      return TKG_ENOMEM;
    d->begin = b;
    if (!(e = realloc(d->end, cap * sizeof *e)))
      return TKG_ENOMEM;
    d->end = e;
    d->cap = cap;
  }
  d->begin[d->n] = begin;
  d->end[d->n++] = end;
  return 0;
}

int tkgp_detok_break(tkgp_detok *d, const char *sep)
{
  if (!d->text.length || ends_in_space(d))
    return 0;
  return put(d, sep, strlen(sep));
}

/* Append S as one token, written after a space when SPACE. */
static int add_written(tkgp_detok *d, const char *s, size_t len, int space)
{
  size_t begin;
  if (space && !ends_in_space(d) && put(d, " ", 1) < 0)
    return TKG_ENOMEM;
  begin = d->codepoints;
  if (put(d, s, len) < 0)
    return TKG_ENOMEM;
  return add_token(d, begin, d->codepoints);
}

int tkgp_detok_add(tkgp_detok *d, const char *form, int space)
{
  return add_written(d, form, strlen(form), space);
}

static int is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int tkgp_detok_align(tkgp_detok *d, const char *text, size_t len, const char *const *forms,
                     size_t n, size_t *bad)
{
  size_t at = 0, i, start = d->codepoints, old_length = d->text.length, old_n = d->n;
  if (put(d, text, len) < 0)
    return TKG_ENOMEM;
  for (i = 0; i < n; i++) {
    size_t fl = strlen(forms[i]), before;
    while (at < len && is_space(text[at]))
      at++;
    if (fl == 0 || at + fl > len || memcmp(text + at, forms[i], fl) != 0) {
      /* Nothing of the sentence is kept. */
      *bad = i;
      d->text.length = old_length;
      d->text.data[old_length] = '\0';
      d->codepoints = start;
      d->n = old_n;
      return TKG_EINPUT;
    }
    before = start + count_codepoints(text, at);
    if (add_token(d, before, before + count_codepoints(forms[i], fl)) < 0)
      return TKG_ENOMEM;
    at += fl;
  }
  return 0;
}

/* ---- Penn Treebank tokens ------------------------------------------------ */

static int is(const char *form, const char *s)
{
  return strcmp(form, s) == 0;
}

static int one_of(const char *form, const char *const *list)
{
  for (; *list; list++)
    if (is(form, *list))
      return 1;
  return 0;
}

static int all_digits(const char *s, size_t want)
{
  size_t i;
  for (i = 0; s[i]; i++)
    if (s[i] < '0' || s[i] > '9')
      return 0;
  return want ? i == want : i > 0;
}

static const char *bracket(const char *form)
{
  static const char *const map[][2] = {
    {"-LRB-", "("}, {"-RRB-", ")"}, {"-LSB-", "["}, {"-RSB-", "]"}, {"-LCB-", "{"}, {"-RCB-", "}"},
  };
  size_t i;
  for (i = 0; i < sizeof map / sizeof *map; i++)
    if (is(form, map[i][0]))
      return map[i][1];
  return form;
}

int tkgp_detok_ptb(tkgp_detok *d, const char *const *forms, size_t n)
{
  static const char *const no_space_before[] = {
    ",", ".", ";", ":", "?", "!", "%", ")", "]", "}", "'s", "'S", "n't", "N'T", "'re", "'ve",
    "'ll", "'d", "'m", "...", NULL};
  static const char *const no_space_after[] = {"(", "[", "{", "$", "#", NULL};
  int glue = 0; /* no space before the next token */
  size_t i;

  for (i = 0; i < n; i++) {
    const char *f = bracket(forms[i]);
    int space = !glue, pair;
    glue = 0;
    pair = i + 1 < n && (is(f, "`") || is(f, "'")) && is(forms[i + 1], f);
    if (pair || is(f, "``") || is(f, "''")) {
      /* A double quote: opening after a space, closing before one. */
      int opening = f[0] == '`';
      if (add_written(d, "\"", 1, opening && space) < 0)
        return TKG_ENOMEM;
      if (pair) { /* the second token of the pair: an empty span */
        i++;
        if (add_token(d, d->codepoints, d->codepoints) < 0)
          return TKG_ENOMEM;
      }
      glue = opening;
      continue;
    }
    if (is(f, "`") || is(f, "'")) {
      /* A single quote, or the possessive of a plural ("workers '"). */
      int opening = f[0] == '`';
      if (add_written(d, "'", 1, opening && space) < 0)
        return TKG_ENOMEM;
      glue = opening;
      continue;
    }
    /* "150 , 000": one number. */
    if (is(f, ",") && i > 0 && i + 1 < n && all_digits(forms[i - 1], 0) &&
        all_digits(forms[i + 1], 3)) {
      if (add_written(d, ",", 1, 0) < 0)
        return TKG_ENOMEM;
      glue = 1;
      continue;
    }
    /* "O 'Brien", "D 'Amato": one name. */
    if (one_of(f, no_space_before) ||
        (f[0] == '\'' && f[1] >= 'A' && f[1] <= 'Z' && i > 0 && forms[i - 1][0] >= 'A' &&
         forms[i - 1][0] <= 'Z' && forms[i - 1][1] == '\0'))
      space = 0;
    if (add_written(d, f, strlen(f), space) < 0)
      return TKG_ENOMEM;
    glue = one_of(f, no_space_after);
  }
  return 0;
}
