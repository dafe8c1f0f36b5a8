/* ner_impl.h - pieces of the recognizer shared by tagging, training and eval
 * SPDX-License-Identifier: MIT
 *
 * Internal to ner*.c: the rest of textkg uses ner.h.
 */
#ifndef TKG_NER_IMPL_H
#define TKG_NER_IMPL_H

#include "nlp/model.h"
#include "nlp/perceptron.h"
#include "ner/ner.h"

#include <stddef.h>
#include <stdint.h>

#define TKGP_KIND_NER TKGP_FOURCC('N', 'E', 'R', '1')
#define TKGP_NER_SEC_PARAM TKGP_FOURCC('N', 'P', 'R', 'M')
#define TKGP_NER_SEC_PERC TKGP_FOURCC('N', 'P', 'E', 'R')
#define TKGP_NER_SEC_GAZ TKGP_FOURCC('N', 'G', 'A', 'Z')
#define TKGP_NER_SEC_LEX TKGP_FOURCC('N', 'L', 'E', 'X')

/* Bumped whenever features change: a model of another version is refused. */
#define TKGP_NER_FEATURE_VERSION 14u
#define TKGP_NER_MAX_FEATS 96
#define TKGP_NER_GAZ_MAX_TOKENS 8

/* Gazetteer classes of a phrase (bits of the GAZ map's value a). */
enum {
  TKGP_GZ_COUNTRY = 1 << 0,    /* iso-codes and ontology country names */
  TKGP_GZ_SUBDIV = 1 << 1,     /* iso-codes subdivisions (states, provinces) */
  TKGP_GZ_WN_CITY = 1 << 2,    /* WordNet instance of city, town, capital */
  TKGP_GZ_WN_COUNTRY = 1 << 3, /* WordNet instance of country, state, nation */
  TKGP_GZ_WN_PLACE = 1 << 4,   /* other WordNet noun.location instance */
  TKGP_GZ_WN_ORG = 1 << 5,     /* WordNet instance of organization */
  TKGP_GZ_WN_PERSON = 1 << 6,  /* WordNet instance of person */
  TKGP_GZ_WN_EVENT = 1 << 7,   /* WordNet noun.event / noun.act instance */
  TKGP_GZ_DEMONYM = 1 << 8,    /* nationality words of the ontology */
  TKGP_GZ_FIRST = 1 << 9,      /* first word of a WordNet person's name */
  TKGP_GZ_LAST = 1 << 10,      /* last word of a WordNet person's name */
  TKGP_GZ_ORG_HEAD = 1 << 11,  /* last word of a WordNet organization's name */
  TKGP_GZ_LOC_HEAD = 1 << 12,  /* last word of a WordNet place's name */
  TKGP_GZ_TITLE = 1 << 13,     /* titles of the ontology's lexicon */
  TKGP_GZ_NCLASSES = 14
};

/* The parameter section. */
typedef struct tkgp_ner_param {
  uint32_t feature_version;
  uint32_t n_classes;
  uint32_t gaz_max_tokens;
  uint32_t reserved;
} tkgp_ner_param;

/* WordNet part-of-speech bits of tkgp_ner_tok.wn (the order of the index
 * files read by tkgp_ner_lex_build()). */
enum { TKGP_NER_WN_NOUN = 1, TKGP_NER_WN_VERB = 2, TKGP_NER_WN_ADJ = 4, TKGP_NER_WN_ADV = 8 };

/* What the features need of one word, computed once per sentence. */
typedef struct tkgp_ner_tok {
  uint64_t lower, form, shape, shape_short, suf[4], pre[3], upos, xpos;
  uint32_t flags;   /* capitalization, digits, punctuation, length */
  uint32_t gaz;     /* (gazetteer class mask << 2) | BILOU position */
  uint32_t wn;      /* WordNet: POS bits | first noun sense's lexfile << 4;
                       0 when WordNet does not know the word */
  uint32_t mem;     /* what the document said of the word before (see
                       tkgp_ner_mem_lookup()), 0: nothing */
  uint32_t sent;    /* the sentence's casing: share of capitalized words
                       in quarters, all lowercase, all caps */
  uint32_t clus;    /* word cluster path (nlp/clusters.h), 0: unknown */
  uint32_t ncls;    /* the class of the names near the word (clusters.h) */
  uint32_t pron;    /* the next personal pronoun in the sentence: 0 none,
                       1 he, 2 she, 3 it, 4 they, 5 I or we, 6 you
                       (lexicon/pronouns.h) */
} tkgp_ner_tok;

/* ---- document memory ------------------------------------------------------ *
 * The labels given to earlier occurrences of each word (lowercased) in
 * the current document: "Lakeside" tagged LOC in one sentence is evidence
 * for LOC in the next (Ratinov & Roth 2009, extended prediction history).
 * Fixed size; cleared at each document start, and when it fills up. */

#define TKGP_NER_MEM_SLOTS 4096

typedef struct tkgp_ner_mem_slot {
  uint64_t key;                    /* 0: empty */
  uint16_t count[TKGP_NER_MODEL_TYPES + 1]; /* per type; last: outside */
} tkgp_ner_mem_slot;

typedef struct tkgp_ner_mem {
  tkgp_ner_mem_slot slots[TKGP_NER_MEM_SLOTS];
  size_t used;
} tkgp_ner_mem;

void tkgp_ner_mem_clear(tkgp_ner_mem *m);

/** Record the classes CLS of the N words TI (keys: their lowercase hash). */
void tkgp_ner_mem_add(tkgp_ner_mem *m, const tkgp_ner_tok *ti,
                      const uint32_t *cls, size_t n);

/** Fill ti[i].mem for N words from M. */
void tkgp_ner_mem_lookup(const tkgp_ner_mem *m, tkgp_ner_tok *ti, size_t n);

/* Word flags. */
enum {
  TKGP_NF_CAP = 1 << 0,      /* first letter uppercase */
  TKGP_NF_ALLCAPS = 1 << 1,  /* two or more letters, all uppercase */
  TKGP_NF_DIGIT = 1 << 2,
  TKGP_NF_ALLDIGIT = 1 << 3,
  TKGP_NF_HYPHEN = 1 << 4,
  TKGP_NF_PERIOD = 1 << 5,
  TKGP_NF_NONASCII = 1 << 6,
  TKGP_NF_LOWER = 1 << 7,    /* letters, all lowercase */
  TKGP_NF_NOLETTER = 1 << 8
};

/** Key of a phrase: start with TKGP_NER_PHRASE_SEED, step once per word. */
#define TKGP_NER_PHRASE_SEED 0x6e65725f67617aull
uint64_t tkgp_ner_phrase_step(uint64_t h, const char *form);
static inline uint64_t tkgp_ner_phrase_key(uint64_t h)
{
  return tkgp_hfin(h);
}

/** Hash of S with ASCII letters lowercased. */
uint64_t tkgp_ner_hash_lower(const char *s);

/** Word infos of a sentence (GAZ and LEX may be empty maps). */
void tkgp_ner_tokinfo(const tkgp_kmap *gaz, const tkgp_kmap *lex,
                      const tkgp_nlp_word *words, size_t n, tkgp_ner_tok *ti);

/** Emission features of word I (none depends on the classes chosen).
 *  DROP (training only) hides the word's identity, leaving its shape,
 *  affixes and context, as for a word never seen in training.
 *  Writes at most TKGP_NER_MAX_FEATS keys to F; returns how many. */
size_t tkgp_ner_features(const tkgp_ner_tok *ti, size_t n, size_t i, int drop,
                         uint64_t *f);

/** Key of the transition feature from class PREV (N_CLASSES: the start). */
uint64_t tkgp_ner_trans_key(uint32_t prev);

/** TR[(N_CLASSES + 1) x N_CLASSES] from RAW scores, with invalid BILOU
 *  transitions set to -inf (row N_CLASSES: from the sentence start). */
void tkgp_ner_trans_matrix(float *tr, const float *raw);

/**
 * Best class sequence of N words under emission scores EM[n x N_CLASSES]
 * and transition scores TR (see tkgp_ner_trans_matrix()); the last class
 * must close its span. BACK (n x N_CLASSES bytes) and DELTA (2 x N_CLASSES)
 * are scratch.
 */
void tkgp_ner_viterbi(const float *em, const float *tr, size_t n,
                      uint8_t *back, float *delta, uint32_t *cls);

/** Gazetteer classes of the phrase WORDS[first, first + count), or 0. */
uint32_t tkgp_ner_gaz_lookup(const tkgp_kmap *gaz, const tkgp_nlp_word *words,
                             size_t first, size_t count);

/**
 * A recognizer over a frozen perceptron and a gazetteer map held by the
 * caller (borrowed; they must outlive it), for scoring while training.
 */
int tkgp_ner_new_borrowed(tkgp_ner **out, tkg_world *world,
                          const tkgp_perc *perc, const tkgp_kmap *gaz,
                          const tkgp_kmap *lex);

/* ---- rules (ner_rules.c) --------------------------------------------------- */

#define TKGP_NER_RULES_MAX_EVENTS 64
#define TKGP_NER_RULES_MAX_ACRONYMS 64

/** What the rules remember within a document: the names of its events,
 *  and the acronyms it defined with their types. */
typedef struct tkgp_ner_rules {
  uint64_t event_names[TKGP_NER_RULES_MAX_EVENTS];
  size_t n_event_names;
  uint64_t acronym_keys[TKGP_NER_RULES_MAX_ACRONYMS];
  tkgp_ner_type acronym_types[TKGP_NER_RULES_MAX_ACRONYMS];
  size_t n_acronyms;
} tkgp_ner_rules;

struct tkgp_lexicon;

void tkgp_ner_rules_begin_document(tkgp_ner_rules *r);

/**
 * Correct the sorted, disjoint spans SPANS[0..K) of the sentence
 * WORDS[0..N) with the word lists of LEX (event-name words, post-nominal
 * letters, organization words; see ner_rules.c) and the acronyms the
 * document defines. May add event spans over
 * untagged words, and shrink, retype or remove spans; keeps them sorted
 * and disjoint, and TAKEN (one flag a word) in step.
 * @return the new number of spans, at most N.
 */
size_t tkgp_ner_apply_rules(tkgp_ner_rules *r, const struct tkgp_lexicon *lex,
                            const tkgp_nlp_word *words, size_t n,
                            tkgp_ner_span *spans, size_t k, char *taken);

#endif
