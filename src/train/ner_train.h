/* ner_train.h - training the named-entity recognizer (`textkg train ner`)
 * SPDX-License-Identifier: MIT
 *
 * Training only: nothing that `textkg build` runs includes this.
 */
#ifndef TKG_TRAIN_NER_TRAIN_H
#define TKG_TRAIN_NER_TRAIN_H

#include "core/world.h"
#include "corpus/ner_corpus.h"
#include "nlp/model.h"

#include <stddef.h>

typedef struct tkgp_ner_train_opts {
  int epochs;              /* at most this many passes (early stopping on dev) */
  int patience;            /* stop after this many epochs without progress */
  unsigned long seed;      /* of the fixed shuffle */
  float prune;             /* drop averaged weights smaller than this */
  const char *wordnet;     /* directory of WordNet's data.noun, or NULL */
  const char *iso_codes;   /* directory of iso-codes' JSON files, or NULL */
  const char *countries;   /* the ontology's countries.ttl, or NULL */
  const char *lexicon;     /* the ontology's lexicon.ttl (titles), or NULL */
  int drop;               /* percent of training words whose identity is hidden */
  int lower;              /* percent of training documents also given lowercased */
  int ensemble;           /* > 1: average this many runs of EPOCHS epochs */
  int quiet;
} tkgp_ner_train_opts;

/**
 * Compile the gazetteer (iso-codes countries from the built-in table and
 * subdivisions from ISO_CODES/iso_3166-2.json, WordNet instance nouns from
 * WORDNET/data.noun, country names and demonyms of COUNTRIES, titles of
 * LEXICON) into map
 * bytes appended to OUT. Missing sources are skipped with a warning on
 * stderr unless QUIET. @return 0, TKG_EIO or TKG_ENOMEM.
 */
int tkgp_ner_gaz_build(tkg_world *world, const tkgp_ner_train_opts *opts,
                       tkgp_buf *out, size_t *n_phrases);

/**
 * Compile the WordNet word map (lowercased single-word lemma of
 * WORDNET/index.* -> POS bits and the lexicographer file of its first
 * noun sense) into map bytes appended to OUT. A missing WordNet gives an
 * empty map. @return 0 or TKG_ENOMEM.
 */
int tkgp_ner_lex_build(tkg_world *world, const tkgp_ner_train_opts *opts,
                       tkgp_buf *out, size_t *n_words);

/**
 * Train on TRAIN (tagged), pick the epoch by the mean of micro F1 over the
 * N_DEV tagged corpora DEV, and save the model to PATH.
 */
int tkgp_ner_train(tkg_world *world, const tkgp_ner_corpus *train,
                   const tkgp_ner_corpus *dev, size_t n_dev,
                   const tkgp_ner_train_opts *opts, const char *path);

/* What `textkg train ner` was asked to do. */
typedef struct tkgp_ner_train_job {
  char *const *train, *const *dev; /* annotated files, any supported format */
  size_t n_train, n_dev;
  const char *out;                 /* the model file to write */
  const char *models;              /* where the tagger is, or NULL */
  tkgp_ner_train_opts opts;        /* countries and lexicon set */
} tkgp_ner_train_job;

/**
 * Read the files of JOB (the dev files in one corpus per format, whose
 * scores are averaged to pick the epoch), tag them with textkg's tagger
 * (so that training sees the tags the pipeline will), train and write
 * the model. Progress goes to standard error unless quiet.
 * @return the exit status: 0 success, 1 failure (on standard error).
 */
int tkgp_ner_train_run(const tkgp_ner_train_job *job);

#endif
