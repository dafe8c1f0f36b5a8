/* gazetteer.c - countries, demonyms and titles, matched on tokens
 * SPDX-License-Identifier: MIT
 *
 * Every name is tokenized with the document tokenizer and stored under a
 * key made of its kind and its token forms, so a name matches exactly
 * when the text tokenizes the same way ("U.S." stays one token, "Guinea-
 * Bissau" is three). Matching at a token tries each length up to the
 * longest name of that kind: a handful of hash lookups per token.
 * Countries come from Debian's iso-codes, compiled in at build time, with
 * short names, other names and demonyms from ontology/countries.ttl.
 */
#include "lexicon/gazetteer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct tkgp_phrase_entry {
  const char *key;   /* kind byte, then the forms separated by '\x1f' */
  size_t length;     /* of key */
  size_t n_tokens;
  size_t index;
};

#define KEY_MAX 512

static uint64_t hash_key(const char *key, size_t len)
{
  uint64_t h = 1469598103934665603ULL; /* FNV-1a */
  size_t i;
  for (i = 0; i < len; i++) {
    h ^= (unsigned char)key[i];
    h *= 1099511628211ULL;
  }
  return h;
}

static tkgp_phrase_entry **find_slot(tkgp_phrase_entry **table, size_t size,
                                     const char *key, size_t len)
{
  size_t i = (size_t)hash_key(key, len) & (size - 1);
  while (table[i] && !(table[i]->length == len && memcmp(table[i]->key, key, len) == 0))
    i = (i + 1) & (size - 1);
  return &table[i];
}

static int grow_table(tkgp_gazetteer *gz)
{
  size_t size = gz->table_size ? gz->table_size * 2 : 1024, i;
  tkgp_phrase_entry **table = calloc(size, sizeof *table);
  if (!table)
    return TKG_ENOMEM;
  for (i = 0; i < gz->table_size; i++)
    if (gz->table[i])
      *find_slot(table, size, gz->table[i]->key, gz->table[i]->length) = gz->table[i];
  free(gz->table);
  gz->table = table;
  gz->table_size = size;
  return 0;
}

/* Append the forms of TOKENS[at, at+n) to KEY after its kind byte. */
static size_t make_key(char *key, tkgp_phrase_kind kind, const tkgp_token *tokens,
                       size_t at, size_t n, int lower)
{
  size_t len = 1, i;
  key[0] = (char)('0' + kind);
  for (i = 0; i < n; i++) {
    const char *f = tokens[at + i].form;
    size_t fl = strlen(f), k;
    if (len + fl + 1 >= KEY_MAX)
      return 0;
    if (i)
      key[len++] = '\x1f';
    for (k = 0; k < fl; k++)
      key[len + k] = lower && f[k] >= 'A' && f[k] <= 'Z' ? (char)(f[k] + 32) : f[k];
    len += fl;
  }
  return len;
}

/* The key under which the first word of phrases of KIND is marked: most
 * words start no phrase, and one lookup of the word says so. */
static size_t first_word_key(char *key, tkgp_phrase_kind kind, const tkgp_token *tokens,
                             size_t at, int lower)
{
  size_t len = make_key(key, kind, tokens, at, 1, lower);
  if (len)
    key[0] = (char)('a' + kind);
  return len;
}

static int add_first_word(tkgp_gazetteer *gz, tkgp_phrase_kind kind,
                          const tkgp_token *tokens, int lower)
{
  char key[KEY_MAX];
  size_t len = first_word_key(key, kind, tokens, 0, lower);
  tkgp_phrase_entry **slot, *e;
  if (!len)
    return 0;
  if ((gz->table_used + 1) * 2 > gz->table_size && grow_table(gz) < 0)
    return TKG_ENOMEM;
  slot = find_slot(gz->table, gz->table_size, key, len);
  if (*slot)
    return 0;
  e = tkgp_arena_alloc(&gz->arena, sizeof *e);
  if (!e || !(e->key = tkgp_arena_strndup(&gz->arena, key, len)))
    return TKG_ENOMEM;
  e->length = len;
  e->n_tokens = 0; /* a marker, not a phrase */
  e->index = 0;
  *slot = e;
  gz->table_used++;
  return 0;
}

/* Index NAME as a phrase of KIND. The first entry for a key wins, so
 * that iso-codes order decides between two countries claiming a name.
 * IN_CONTEXT: tokenize NAME as it appears inside a sentence (followed by
 * a word), where "U.S." is one token, rather than at the end of a text,
 * where its final period is split off as a full stop. */
static int add_phrase_as(tkgp_gazetteer *gz, tkg_world *world, tkgp_phrase_kind kind,
                         const char *name, size_t index, int lower, int in_context)
{
  tkgp_arena scratch;
  tkgp_tokens toks;
  char key[KEY_MAX];
  size_t len, n_tokens, name_len = strlen(name);
  tkgp_phrase_entry **slot, *e;
  const char *text = name;
  int rc = 0;

  tkgp_arena_init(&scratch, 4096);
  if (in_context) {
    char *copy = tkgp_arena_alloc(&scratch, name_len + 3);
    if (!copy) {
      rc = TKG_ENOMEM;
      goto cleanup;
    }
    memcpy(copy, name, name_len);
    memcpy(copy + name_len, " x", 3);
    name_len += 2;
    text = copy;
  }
  if (tkgp_tokenize(&toks, &scratch, text, name_len) < 0) {
    rc = TKG_ENOMEM;
    goto cleanup;
  }
  n_tokens = toks.n_tokens;
  if (in_context) {
    if (n_tokens < 2 || strcmp(toks.tokens[n_tokens - 1].form, "x") != 0)
      goto cleanup;
    n_tokens--;
  }
  if (n_tokens == 0)
    goto cleanup;
  len = make_key(key, kind, toks.tokens, 0, n_tokens, lower);
  if (len == 0)
    goto cleanup; /* absurdly long: no text will match it */
  if ((gz->table_used + 1) * 2 > gz->table_size && grow_table(gz) < 0) {
    rc = TKG_ENOMEM;
    goto cleanup;
  }
  if ((rc = add_first_word(gz, kind, toks.tokens, lower)) < 0)
    goto cleanup;
  slot = find_slot(gz->table, gz->table_size, key, len);
  if (*slot)
    goto cleanup;
  e = tkgp_arena_alloc(&gz->arena, sizeof *e);
  if (!e || !(e->key = tkgp_arena_strndup(&gz->arena, key, len))) {
    rc = TKG_ENOMEM;
    goto cleanup;
  }
  e->length = len;
  e->n_tokens = n_tokens;
  e->index = index;
  *slot = e;
  gz->table_used++;
  if (n_tokens > gz->max_tokens[kind])
    gz->max_tokens[kind] = n_tokens;

cleanup:
  tkgp_arena_finish(&scratch);
  if (rc < 0)
    tkgp_error(world, rc, "out of memory");
  return rc;
}

/* Index NAME both as tokenized alone and as tokenized inside a sentence. */
static int add_phrase(tkgp_gazetteer *gz, tkg_world *world, tkgp_phrase_kind kind,
                      const char *name, size_t index, int lower)
{
  int rc = add_phrase_as(gz, world, kind, name, index, lower, 0);
  if (rc >= 0)
    rc = add_phrase_as(gz, world, kind, name, index, lower, 1);
  return rc;
}

static int by_iso(const void *key, const void *elem)
{
  return strcmp(key, ((const tkgp_country *)elem)->iso);
}

const tkgp_country *tkgp_gazetteer_country(const tkgp_gazetteer *gz, const char *iso)
{
  return bsearch(iso, gz->countries, gz->n_countries, sizeof *gz->countries, by_iso);
}

int tkgp_gazetteer_new(tkgp_gazetteer **out, tkg_world *world,
                       const tkgp_lexicon *lexicon)
{
  tkgp_gazetteer *gz;
  size_t i, j;
  int rc = 0;

  *out = NULL;
  gz = calloc(1, sizeof *gz);
  if (!gz)
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  tkgp_arena_init(&gz->arena, 0);
  gz->lexicon = lexicon;
  gz->n_countries = tkgp_iso_country_count;
  gz->countries = tkgp_arena_calloc(&gz->arena, gz->n_countries, sizeof *gz->countries);
  if (!gz->countries) {
    rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
    goto fail;
  }
  for (i = 0; i < gz->n_countries; i++) {
    const tkgp_iso_country *iso = &tkgp_iso_countries[i];
    tkgp_country *c = &gz->countries[i];
    c->iso = iso->alpha2;
    c->label = *iso->common_name ? iso->common_name : iso->name;
    c->official_name = *iso->official_name ? iso->official_name : NULL;
  }

  /* The lexicon's names first: its short name is the one news uses. */
  for (i = 0; i < lexicon->n_countries; i++) {
    const tkgp_country_names *names = &lexicon->countries[i];
    tkgp_country *c = (tkgp_country *)tkgp_gazetteer_country(gz, names->iso);
    size_t idx;
    if (!c)
      continue; /* a code iso-codes does not know: nothing to attach to */
    idx = (size_t)(c - gz->countries);
    c->wikidata = names->wikidata;
    if (names->label) {
      c->label = names->label;
      rc = add_phrase(gz, world, TKGP_PHRASE_COUNTRY, names->label, idx, 0);
    }
    for (j = 0; rc >= 0 && j < names->n_names; j++)
      rc = add_phrase(gz, world, TKGP_PHRASE_COUNTRY, names->names[j], idx, 0);
    for (j = 0; rc >= 0 && j < names->n_demonyms; j++)
      rc = add_phrase(gz, world, TKGP_PHRASE_DEMONYM, names->demonyms[j], idx, 0);
    for (j = 0; rc >= 0 && j < names->n_capitals; j++)
      rc = add_phrase(gz, world, TKGP_PHRASE_CAPITAL, names->capitals[j], idx, 0);
    for (j = 0; rc >= 0 && j < names->n_seats; j++)
      rc = add_phrase(gz, world, TKGP_PHRASE_SEAT, names->seats[j], idx, 0);
    if (names->n_capitals)
      c->capital = names->capitals[0];
    if (rc < 0)
      goto fail;
  }
  for (i = 0; i < gz->n_countries; i++) {
    const tkgp_iso_country *iso = &tkgp_iso_countries[i];
    const char *forms[3];
    forms[0] = iso->name;
    forms[1] = iso->common_name;
    forms[2] = iso->official_name;
    for (j = 0; j < 3; j++)
      if (*forms[j] && (rc = add_phrase(gz, world, TKGP_PHRASE_COUNTRY, forms[j], i, 0)) < 0)
        goto fail;
  }
  for (i = 0; i < lexicon->n_titles; i++)
    for (j = 0; j < lexicon->titles[i].n_names; j++) {
      const char *name = lexicon->titles[i].names[j];
      rc = add_phrase(gz, world, TKGP_PHRASE_TITLE, name, i, 0);
      /* "foreign minister" in lowercase, but not "nsa" for "NSA". */
      if (rc >= 0 && strpbrk(name, "abcdefghijklmnopqrstuvwxyz"))
        rc = add_phrase(gz, world, TKGP_PHRASE_TITLE, name, i, 1);
      if (rc < 0)
        goto fail;
    }
  for (i = 0; i < lexicon->n_particles; i++)
    if ((rc = add_phrase(gz, world, TKGP_PHRASE_PARTICLE, lexicon->particles[i], i, 0)) < 0)
      goto fail;

  *out = gz;
  return 0;

fail:
  tkgp_gazetteer_free(gz);
  return rc;
}

void tkgp_gazetteer_free(tkgp_gazetteer *gazetteer)
{
  if (!gazetteer)
    return;
  free(gazetteer->table);
  tkgp_arena_finish(&gazetteer->arena);
  free(gazetteer);
}

size_t tkgp_gazetteer_match(const tkgp_gazetteer *gz, tkgp_phrase_kind kind,
                            const tkgp_token *tokens, size_t at, size_t end,
                            size_t *index)
{
  size_t n, best = 0, max = gz->max_tokens[kind];
  int lower;
  char key[KEY_MAX];

  /* A phrase cannot start at or after END: the sentence, or the text, may
   * end right after the words the caller has matched so far. */
  if (!gz->table_size || at >= end)
    return 0;
  if (max > end - at)
    max = end - at;
  for (lower = 0; lower <= (kind == TKGP_PHRASE_TITLE); lower++) {
    size_t first = first_word_key(key, kind, tokens, at, lower);
    if (!first || !*find_slot(gz->table, gz->table_size, key, first))
      continue;
    for (n = max; n > best; n--) {
      size_t len = make_key(key, kind, tokens, at, n, lower);
      tkgp_phrase_entry *e;
      if (!len)
        continue;
      e = *find_slot(gz->table, gz->table_size, key, len);
      if (e) {
        best = n;
        *index = e->index;
        break;
      }
    }
  }
  return best;
}
