/* coref.h - within-document coreference: mentions and sieves
 * SPDX-License-Identifier: MIT
 *
 * A tkgp_coref collects the parsed sentences of one document, finds the
 * mentions in them (noun phrases headed by a noun, proper noun, pronoun
 * or number, plus spans a caller adds, such as named entities), and groups
 * the mentions into chains with a deterministic multi-sieve resolver (see
 * coref.c for the sieves and their cost). The scorers that compare two
 * partitions of mentions (MUC, B3, CEAFe) are in eval/coref_score.h.
 *
 * Threads: a tkgp_coref belongs to one thread; it keeps no global state.
 */
#ifndef TKG_COREF_H
#define TKG_COREF_H

#include "nlp/nlp.h"
#include "lexicon/gazetteer.h"
#include "lexicon/pronouns.h"

#include <stddef.h>
#include <stdint.h>

/* What a mention refers to, as far as the resolver can tell. */
typedef enum tkgp_coref_type {
  TKGP_COREF_UNKNOWN = 0,
  TKGP_COREF_PERSON,
  TKGP_COREF_ORG,
  TKGP_COREF_PLACE,
  TKGP_COREF_EVENT,
  TKGP_COREF_DATE,
  TKGP_COREF_OTHER, /* a known thing that is none of the above */
  TKGP_COREF_TYPES
} tkgp_coref_type;

typedef enum tkgp_coref_kind {
  TKGP_COREF_PROPER,  /* headed by a proper noun */
  TKGP_COREF_NOMINAL, /* headed by a common noun or a number */
  TKGP_COREF_PRONOUN
} tkgp_coref_kind;

/* Agreement features (gender, number, animacy): lexicon/pronouns.h. */

/* Flags of a mention added by a caller. */
enum {
  TKGP_COREF_TITLED = 1 << 0, /* a titled person: "Foreign Minister X" */
  TKGP_COREF_NAME = 1 << 1    /* a proper name, whatever its head's tag
                                 ("WHO" tagged as a pronoun) */
};

typedef struct tkgp_coref_mention {
  size_t sentence;   /* index of its sentence */
  size_t start, end; /* word indices in the document, end exclusive */
  size_t head;       /* syntactic head (document word index) */
  size_t name_head;  /* last word of a proper name ("Roe"), else head */
  tkgp_coref_kind kind;
  tkgp_coref_type type;
  int gender, number, animacy;
  int person;         /* 1, 2 or 3 (pronouns; 3 for all other mentions) */
  int definite;       /* "the X", a demonstrative, a possessor, a name */
  int indefinite;     /* "a X", "some X", bare plural */
  int subject;        /* nsubj of its clause */
  int coordination;   /* "X and Y": a group, matched by exact text only */
  long appositive_of; /* mention it is an appositive of, or -1 */
  long predicate_of;  /* subject mention it is a predicate nominal of, or -1 */
  unsigned flags;     /* TKGP_COREF_*, from tkgp_coref_add_mention() */
  int external;       /* added by a caller rather than detected */
  size_t text_end;    /* END without a final possessive or punctuation */
  uint64_t text_key;  /* hash of words [start, text_end), case ignored */
  size_t chain;       /* output: chain id, the index of its first mention */
} tkgp_coref_mention;

typedef struct tkgp_coref tkgp_coref;

/* Options; zero-initialize for the defaults. */
typedef struct tkgp_coref_options {
  int no_detect; /* do not detect mentions: only those added are used */
  size_t window; /* earlier mentions a name or noun is compared with
                    (0: TKGP_COREF_WINDOW) */
  size_t pronoun_sentences; /* sentences back a pronoun looks (0: 3) */
  unsigned skip_sieves;     /* bit N set (1 << N): sieve N (1-9, listed in
                               coref.c) is skipped, for ablation */
} tkgp_coref_options;

#define TKGP_COREF_WINDOW 400

/**
 * A resolver for one document.
 * @param gazetteer  countries and their names for the alias sieve; may be
 *                   NULL. Borrowed; must outlive the resolver.
 * @param options    may be NULL.
 * @param out        Caller frees with tkgp_coref_free().
 * @return 0 or TKG_ENOMEM.
 */
int tkgp_coref_new(tkgp_coref **out, const tkgp_gazetteer *gazetteer,
                   const tkgp_coref_options *options);

void tkgp_coref_free(tkgp_coref *coref);

/**
 * Add the next sentence: N words tagged and parsed (tkgp_nlp_annotate());
 * every word needs its form, other fields may be NULL (unknown).
 * The word structs are copied; the strings they point to are borrowed and
 * must stay valid until tkgp_coref_free(). Unless options->no_detect,
 * the sentence's mentions are detected now.
 * @return 0, TKG_EINVAL (a head outside the sentence) or TKG_ENOMEM.
 */
int tkgp_coref_add_sentence(tkgp_coref *coref, const tkgp_nlp_word *words,
                            size_t n);

/**
 * Add a mention spanning words [START, END) of sentence SENTENCE (already
 * added), e.g. a named entity with its type. A detected mention with the
 * same span or the same head takes TYPE (when known) and FLAGS instead of
 * a second mention being made.
 * @return 0, TKG_EINVAL (a bad span) or TKG_ENOMEM.
 */
int tkgp_coref_add_mention(tkgp_coref *coref, size_t sentence, size_t start,
                           size_t end, tkgp_coref_type type, unsigned flags);

/**
 * Compute the mentions' features and group them into chains. Mentions are
 * sorted by position (start, then longer first); each mention's `chain`
 * is set. Call once, after the last sentence and mention.
 * @return 0 or TKG_ENOMEM.
 */
int tkgp_coref_resolve(tkgp_coref *coref);

/** The mentions, in document order after tkgp_coref_resolve(). Borrowed;
 *  valid until the next call that adds to or frees COREF. */
const tkgp_coref_mention *tkgp_coref_mentions(const tkgp_coref *coref,
                                              size_t *n);

/** Word I of the document (as added). Borrowed. */
const tkgp_nlp_word *tkgp_coref_word(const tkgp_coref *coref, size_t i);

#endif
