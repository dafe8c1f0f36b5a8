/* train.h - training the tagger and the parser (`textkg train tagger|parser`)
 * SPDX-License-Identifier: MIT
 *
 * Training only: nothing that `textkg build` runs includes this. The
 * trainers read a gold corpus and write a model file that nlp/ maps;
 * they share the models' layout and features through nlp/tagger_impl.h
 * and nlp/parser_impl.h. Deterministic: the same corpus and options give
 * the same model bytes.
 */
#ifndef TKG_TRAIN_TRAIN_H
#define TKG_TRAIN_TRAIN_H

#include "core/strmap.h"
#include "core/world.h"
#include "corpus/corpus.h"

#include <stddef.h>

/** Options of `textkg train tagger|parser`. */
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

/**
 * Train a tagger and lemmatizer on TRAIN, keep the epoch best on DEV and
 * save it to PATH. Progress goes to stderr unless OPTS->quiet.
 * @return 0, TKG_EINPUT, TKG_EIO or TKG_ENOMEM (message in WORLD).
 */
int tkgp_tagger_train(tkg_world *world, const tkgp_corpus *train,
                      const tkgp_corpus *dev, const tkgp_train_opts *opts,
                      const char *path);

/**
 * Train a parser on TRAIN (with gold, jackknifed or cached tags, see
 * OPTS), keep the epoch or ensemble best on DEV and save it to PATH.
 * @return 0, TKG_EINPUT, TKG_EIO or TKG_ENOMEM (message in WORLD).
 */
int tkgp_parser_train(tkg_world *world, const tkgp_corpus *train,
                      const tkgp_corpus *dev, const tkgp_train_opts *opts,
                      const char *path);

/**
 * Read WordNet's index.{noun,verb,adj,adv} and {noun,verb,adj,adv}.exc from
 * DIR into MASKS (word -> POS bits, or-ed into the value) and EXC
 * ("p\001inflected" -> index in STRS of the lemma, plus one).
 * @return 0, TKG_EIO (message in WORLD) or TKG_ENOMEM.
 */
int tkgp_wordnet_load(tkg_world *world, const char *dir, tkgp_strmap *masks,
                      tkgp_strmap *exc, tkgp_strmap *strs);

/** What `textkg train tagger|parser` was asked to do. */
typedef struct tkgp_train_job {
  const char *what;      /* "tagger" or "parser" */
  char **train, **dev;   /* CoNLL-U files */
  size_t n_train, n_dev;
  const char *out;       /* model file to write */
  tkgp_train_opts opts;
} tkgp_train_job;

/**
 * Read the job's files and train: the work of `textkg train`, which has
 * parsed the options. Says on stderr what it trains and what it wrote
 * (unless quiet).
 * @return 0 or a negative TKG_E* code, with the message in WORLD.
 */
int tkgp_train_run(tkg_world *world, const tkgp_train_job *job);

#endif
