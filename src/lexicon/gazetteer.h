/* gazetteer.h - countries, demonyms and titles, matched on tokens
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_GAZETTEER_H
#define TKG_GAZETTEER_H

#include "core/world.h"
#include "lexicon/lexicon.h"
#include "text/tokenize.h"

/* One row of Debian's iso-codes ISO 3166-1 list ("" where absent). */
typedef struct tkgp_iso_country {
  const char *alpha2, *alpha3, *name, *common_name, *official_name;
} tkgp_iso_country;

/* Generated at build time from iso-codes (countries_iso.c), sorted by alpha2. */
extern const tkgp_iso_country tkgp_iso_countries[];
extern const size_t tkgp_iso_country_count;

typedef struct tkgp_country {
  const char *iso;     /* alpha-2 */
  const char *label;   /* the name used in the graph: "Russia", "United States" */
  const char *official_name; /* iso-codes official name, or NULL */
  const char *wikidata;      /* Wikidata item id, or NULL */
  const char *capital;       /* the capital's usual name, or NULL */
} tkgp_country;

/* What a phrase in the text can be. */
typedef enum tkgp_phrase_kind {
  TKGP_PHRASE_COUNTRY,  /* index into gazetteer->countries */
  TKGP_PHRASE_DEMONYM,  /* index into gazetteer->countries */
  TKGP_PHRASE_TITLE,    /* index into lexicon->titles */
  TKGP_PHRASE_PARTICLE, /* a lowercase word inside names; index unused */
  TKGP_PHRASE_CAPITAL,  /* index into gazetteer->countries */
  TKGP_PHRASE_SEAT,     /* a seat of government; index into countries */
  TKGP_PHRASE_KINDS
} tkgp_phrase_kind;

typedef struct tkgp_phrase_entry tkgp_phrase_entry;

struct tkgp_gazetteer {
  tkgp_arena arena;
  const tkgp_lexicon *lexicon; /* borrowed from the world */
  tkgp_country *countries;     /* one per iso-codes row, same order */
  size_t n_countries;
  tkgp_phrase_entry **table;   /* open addressing, keyed by kind + token forms */
  size_t table_size, table_used;
  size_t max_tokens[TKGP_PHRASE_KINDS]; /* longest phrase of each kind */
};

/**
 * Build the gazetteer from the iso-codes table and LEXICON (borrowed; must
 * outlive the gazetteer). Caller frees with tkgp_gazetteer_free().
 */
int tkgp_gazetteer_new(tkgp_gazetteer **out, tkg_world *world,
                       const tkgp_lexicon *lexicon);

void tkgp_gazetteer_free(tkgp_gazetteer *gazetteer);

/**
 * The longest phrase of KIND starting at TOKENS[AT] and ending before
 * TOKENS[END]. Returns its length in tokens (0: none) and sets *INDEX.
 * Matching is case-sensitive, except that titles also match in lowercase.
 */
size_t tkgp_gazetteer_match(const tkgp_gazetteer *gazetteer,
                            tkgp_phrase_kind kind, const tkgp_token *tokens,
                            size_t at, size_t end, size_t *index);

/** The country with ISO alpha-2 code ISO, or NULL. */
const tkgp_country *tkgp_gazetteer_country(const tkgp_gazetteer *gazetteer,
                                           const char *iso);

#endif
