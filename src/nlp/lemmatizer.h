/* lemmatizer.h - the lemma of a tagged word (internal to the tagger)
 * SPDX-License-Identifier: MIT
 *
 * Reads: the tables a tagger model holds (lexicon, WordNet parts of
 * speech and exceptions), mapped read-only and owned by the tagger.
 * Writes: nothing but the lemma it returns. Built at training time by
 * train/tagger_train.c, from the training data and WordNet.
 */
#ifndef TKG_NLP_LEMMATIZER_H
#define TKG_NLP_LEMMATIZER_H

#include "core/arena.h"
#include "core/hash.h"
#include "nlp/model.h"

#include <stdint.h>

/* WordNet POS bits of a lemma in the wn map; inflected forms listed in the
 * exception files get the same bits shifted by 4. */
enum { TKGP_WN_NOUN = 1, TKGP_WN_VERB = 2, TKGP_WN_ADJ = 4, TKGP_WN_ADV = 8 };

/** Views into a tagger model's sections; the model owns the bytes. */
typedef struct tkgp_lemmatizer {
  tkgp_kmap lex;    /* (lowercased form, tag class) -> lemma, feats */
  tkgp_kmap32 wn;   /* lowercased word -> WordNet / training POS bits */
  tkgp_kmap exc;    /* (POS letter, inflected form) -> lemma */
  tkgp_kmap amb;    /* lowercased frequent word -> hash of its tag classes */
  tkgp_strtab strs;
} tkgp_lemmatizer;

/** Key in LEX of a word (tkgp_hash_lower() of its form) tagged CLS. */
static inline uint64_t tkgp_lex_key(uint64_t lower, uint32_t cls)
{
  return tkgp_hfin(tkgp_hmix(lower, cls + 1));
}

/** Key in EXC of the lowercased WORD as part of speech POS ('n', 'v', 'a', 'r'). */
static inline uint64_t tkgp_exc_key(const char *word, char pos)
{
  return tkgp_hfin(tkgp_hmix(tkgp_hash_str(word), (unsigned char)pos));
}

/**
 * Lemma of FORM tagged UPOS/XPOS as class CLS: the training lexicon, else
 * WordNet's exception lists, else suffix rules checked against the words
 * WordNet and the training data know (WordNet's morphy), else the form.
 * Borrowed from LM, or FORM itself, or allocated in ARENA (NULL on ENOMEM).
 */
const char *tkgp_lemmatize(const tkgp_lemmatizer *lm, const char *form,
                           uint64_t lower, uint32_t cls, const char *upos,
                           const char *xpos, tkgp_arena *arena);

#endif
