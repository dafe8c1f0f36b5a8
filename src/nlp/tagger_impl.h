/* tagger_impl.h - what the tagger's trainer shares with the tagger
 * SPDX-License-Identifier: MIT
 *
 * The model's sections, the tagger's layout and its feature extraction:
 * train/tagger_train.c builds the same sections and must compute the
 * features the run time computes, bit for bit. Not for other modules.
 */
#ifndef TKG_NLP_TAGGER_IMPL_H
#define TKG_NLP_TAGGER_IMPL_H

#include "nlp/lemmatizer.h"
#include "nlp/perceptron.h"
#include "nlp/tagger.h"

#include <stddef.h>
#include <stdint.h>

/* Sections, in the order of tkgp_tagger_sec_ids[]. */
enum {
  TKGP_TSEC_PARAM,  /* u32 n_classes, feature version, has pass 2, 0 */
  TKGP_TSEC_CLASS,  /* 4 u32 a class: upos, xpos, default feats offsets, 0 */
  TKGP_TSEC_STRS,   /* string table */
  TKGP_TSEC_PERC,   /* pass 1 weights */
  TKGP_TSEC_PER2,   /* pass 2 weights (optional) */
  TKGP_TSEC_LEX,    /* lemmatizer: lexicon */
  TKGP_TSEC_WN,     /* lemmatizer: WordNet parts of speech */
  TKGP_TSEC_EXC,    /* lemmatizer: WordNet exceptions */
  TKGP_TSEC_AMB,    /* ambiguity classes */
  TKGP_TAGGER_N_SECS
};

/** Four-character IDs of the sections in the file. */
extern const uint32_t tkgp_tagger_sec_ids[TKGP_TAGGER_N_SECS];

/* Changes whenever features change: older models are refused, not misread. */
#define TKGP_TAGGER_FEATURE_VERSION 3u
/* Most features of a word (tkgp_tagger_features() with RIGHT). */
#define TKGP_TAGGER_MAX_FEATS 64
/* The class of the words before the first; classes are below it. */
#define TKGP_TAGGER_START_CLASS 0xFFFFu

struct tkgp_tagger {
  tkgp_model *model;   /* NULL while training */
  tkgp_perc perc[2];   /* pass 1, pass 2 (n_classes 0: no second pass) */
  uint32_t n_classes;
  const uint32_t *classes;  /* 4 per class: upos, xpos, feats offsets, 0 */
  tkgp_lemmatizer lm;
  float sure_margin;   /* pass 2 skips words pass 1 leads by this much */
};

/** Section bytes, mapped or being built; borrowed. */
typedef struct tkgp_tagger_sections {
  const void *data[TKGP_TAGGER_N_SECS];
  size_t size[TKGP_TAGGER_N_SECS];
} tkgp_tagger_sections;

/**
 * Point T at the sections S (borrowed: they must outlive T); every count
 * is checked against its section. WITH_PERC: bind the weights too.
 * @return 0 or TKG_EDATA.
 */
int tkgp_tagger_bind(tkgp_tagger *t, const tkgp_tagger_sections *s, int with_perc);

/** What the features of FORM are made of, with the lexicons of LM. */
void tkgp_tagger_tokinfo(const tkgp_lemmatizer *lm, const char *form,
                         tkgp_tokinfo *ti);

/**
 * Features of word I of TI[0, N) into F (TKGP_TAGGER_MAX_FEATS): CLS holds
 * the tags chosen left of I and, when RIGHT (pass 2), the first pass's tags
 * right of I. @return the number of features.
 */
size_t tkgp_tagger_features(const tkgp_tokinfo *ti, size_t n, size_t i,
                            const uint32_t *cls, int right, uint64_t *f);

#endif
