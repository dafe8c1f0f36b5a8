/* nlp_impl.h - pieces shared by the tagger, lemmatizer, parser and trainers
 * SPDX-License-Identifier: MIT
 *
 * Internal to src/nlp: the rest of textkg uses nlp.h.
 */
#ifndef TKG_NLP_IMPL_H
#define TKG_NLP_IMPL_H

#include "core/clock.h"
#include "core/hash.h"
#include "core/rand.h"
#include "core/strmap.h"
#include "corpus/conllu.h"
#include "corpus/corpus.h"
#include "eval/nlp_score.h"
#include "nlp/model.h"
#include "nlp/nlp.h"
#include "nlp/perceptron.h"

#include <stddef.h>
#include <stdint.h>

#define TKGP_KIND_TAGGER TKGP_FOURCC('T', 'A', 'G', 'R')
#define TKGP_KIND_PARSER TKGP_FOURCC('P', 'A', 'R', 'S')

/** Options of `textkg train`. */
typedef struct tkgp_train_opts {
  int epochs;            /* passes over the training data */
  unsigned long seed;    /* of the fixed shuffle and exploration */
  const char *wordnet;   /* directory of WordNet's index.* and *.exc, or NULL */
  const char *tagger;    /* parser: tagger model used to tag the dev set */
  int jackknife;         /* parser: folds for predicted training tags (0: gold) */
  int tag_epochs;        /* parser: tagger epochs in each jackknife fold */
  const char *tags_cache; /* parser: file keeping the jackknifed tags */
  float prune;           /* drop averaged weights smaller than this */
  int prune_scan;        /* report dev scores for a range of prune values */
  int ensemble;          /* parser: average the weights of this many runs (seeds) */
  int quiet;
} tkgp_train_opts;

/* ---- word features shared by tagger and parser ------------------------- */

typedef struct tkgp_tokinfo {
  uint64_t lower, form, shape, suf[4], pre[3];
  uint64_t amb;         /* hash of the tags seen with the word in training, or 0 */
  uint32_t flags, wn;
  float margin;         /* tagger: how far pass 1's best tag leads its second */
} tkgp_tokinfo;

/* ---- lemmatizer --------------------------------------------------------- */

/* WordNet POS bits of a lemma in the wn map; inflected forms listed in the
 * exception files get the same bits shifted by 4. */
enum { TKGP_WN_NOUN = 1, TKGP_WN_VERB = 2, TKGP_WN_ADJ = 4, TKGP_WN_ADV = 8 };

typedef struct tkgp_lemmatizer {
  tkgp_kmap lex;    /* (lowercased form, tag class) -> lemma, feats */
  tkgp_kmap32 wn;   /* lowercased word -> WordNet / training POS bits */
  tkgp_kmap exc;    /* (POS letter, inflected form) -> lemma */
  tkgp_kmap amb;    /* lowercased frequent word -> hash of its tag classes */
  tkgp_strtab strs;
} tkgp_lemmatizer;

static inline uint64_t tkgp_lex_key(uint64_t lower, uint32_t cls)
{
  return tkgp_hfin(tkgp_hmix(lower, cls + 1));
}

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

/**
 * Read WordNet's index.{noun,verb,adj,adv} and {noun,verb,adj,adv}.exc from
 * DIR into MASKS (word -> POS bits, or-ed into the value) and EXC
 * ("p\001inflected" -> index in STRS of the lemma, plus one).
 * @return 0, TKG_EIO (message in WORLD) or TKG_ENOMEM.
 */
int tkgp_wordnet_load(tkg_world *world, const char *dir, tkgp_strmap *masks,
                      tkgp_strmap *exc, tkgp_strmap *strs);

/* ---- tagger + lemmatizer ------------------------------------------------ */

typedef struct tkgp_tagger tkgp_tagger;

int tkgp_tagger_open(tkgp_tagger **out, tkg_world *world, const char *path);
void tkgp_tagger_close(tkgp_tagger *t);

/**
 * Tag and lemmatize WORDS[0, N): upos, xpos, feats and lemma are set.
 * TI (N entries) and CLS (N entries) are scratch space owned by the caller;
 * CLS receives the tag classes.
 */
int tkgp_tagger_run(const tkgp_tagger *t, tkgp_nlp_word *words, size_t n,
                    tkgp_tokinfo *ti, uint32_t *cls, tkgp_arena *arena);

/**
 * Make the second pass re-tag every word, not only those the first was
 * unsure of: for tagging training data, so that models retrain to the same
 * bytes whatever the run-time shortcut (see SURE_MARGIN in tagger.c).
 */
void tkgp_tagger_set_thorough(tkgp_tagger *t);

/** Train a tagger and lemmatizer; save to PATH. */
int tkgp_tagger_train(tkg_world *world, const tkgp_corpus *train,
                      const tkgp_corpus *dev, const tkgp_train_opts *opts,
                      const char *path);

/* ---- parser ------------------------------------------------------------- */

typedef struct tkgp_parser tkgp_parser;

int tkgp_parser_open(tkgp_parser **out, tkg_world *world, const char *path);
void tkgp_parser_close(tkgp_parser *p);

/** Scratch space for parsing a sentence of up to CAP words. */
typedef struct tkgp_parse_scratch tkgp_parse_scratch;
int tkgp_parse_scratch_new(tkgp_parse_scratch **out, size_t cap);
void tkgp_parse_scratch_free(tkgp_parse_scratch *s);

/**
 * Parse WORDS[0, N), whose xpos are set: head and deprel are set.
 * @return 0 or TKG_ENOMEM (when SCRATCH must grow).
 */
int tkgp_parser_run(const tkgp_parser *p, tkgp_parse_scratch **scratch,
                    tkgp_nlp_word *words, size_t n);

/** Train a parser; save to PATH. */
int tkgp_parser_train(tkg_world *world, const tkgp_corpus *train,
                      const tkgp_corpus *dev, const tkgp_train_opts *opts,
                      const char *path);

#endif
