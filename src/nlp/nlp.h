/* nlp.h - tagging, lemmatization and dependency parsing of sentences (internal)
 * SPDX-License-Identifier: MIT
 *
 * The statistical core of the pipeline: a part-of-speech tagger (UPOS,
 * XPOS, morphological features), a lemmatizer and a labelled dependency
 * parser, all trained by textkg itself on UD English (see train/train.h,
 * `textkg train`). Models are opened once per world and shared by every
 * sentence; annotating a sentence allocates nothing per token beyond
 * lemma strings that rules build, which go to the arena passed in.
 *
 * Threads: a tkgp_nlp belongs to one thread at a time (it keeps scratch
 * buffers).
 */
#ifndef TKG_NLP_H
#define TKG_NLP_H

#include "core/arena.h"
#include "core/world.h"

#include <stddef.h>
#include <stdint.h>

typedef struct tkgp_nlp tkgp_nlp;

/** One word of a sentence: FORM in, the rest out. */
typedef struct tkgp_nlp_word {
  const char *form;   /* in: the word as written (UTF-8, NUL-terminated) */
  const char *upos;   /* out: universal POS ("NOUN") */
  const char *xpos;   /* out: Penn Treebank tag ("NNS") */
  const char *feats;  /* out: UD features ("Number=Plur") or "_" */
  const char *lemma;  /* out: lemma ("dog") */
  const char *deprel; /* out: UD relation ("nsubj:pass") */
  int head;           /* out: 1-based index of the head, 0 for the root */
  uint32_t cluster;   /* out: the word's cluster path (clusters.h), 0: unknown */
  uint32_t name_class; /* out: the class of the names near it (clusters.h), 0: none */
} tkgp_nlp_word;

/** Model file names inside a model directory. */
#define TKGP_NLP_TAGGER_FILE "tagger.bin"
#define TKGP_NLP_PARSER_FILE "parser.bin"

#ifndef TKG_MODELDIR
#define TKG_MODELDIR "models"
#endif

/**
 * The model directory to use: MODELDIR when not NULL, else
 * $TEXTKG_MODELDIR when set, else TKG_MODELDIR. Borrowed.
 */
const char *tkgp_nlp_modeldir(const char *modeldir);

/**
 * Map the tagger and parser models and the word clusters (clusters.h) of
 * MODELDIR (see tkgp_nlp_modeldir()).
 * @param out  receives the models. Caller frees with tkgp_nlp_close().
 * @return 0, TKG_ENOTFOUND, TKG_EIO, TKG_EDATA (truncated or corrupt model)
 *         or TKG_ENOMEM; the message, naming the file, is in WORLD.
 */
int tkgp_nlp_open(tkgp_nlp **out, tkg_world *world, const char *modeldir);

/**
 * A tagger and parser for another thread: the models of MODELS, which
 * must outlive it and are only read, with working arrays of its own, and
 * its messages in WORLD.
 * @return 0, or TKG_ENOMEM.
 */
int tkgp_nlp_share(tkgp_nlp **out, tkg_world *world, const tkgp_nlp *models);

/** Unmap the models (unless they are shared) and free the working arrays. Accepts NULL. */
void tkgp_nlp_close(tkgp_nlp *nlp);

/** Tag every word with both tagger passes: for training data (see
 *  tkgp_tagger_set_thorough()). */
void tkgp_nlp_set_thorough(tkgp_nlp *nlp);

/**
 * Tag, lemmatize and parse the N words of one sentence in place.
 * The strings written are borrowed from the models (valid until
 * tkgp_nlp_close()), or from the words' forms, or allocated in ARENA.
 * @return 0 or TKG_ENOMEM.
 */
int tkgp_nlp_annotate(tkgp_nlp *nlp, tkgp_nlp_word *words, size_t n,
                      tkgp_arena *arena);

/** Set the cluster of WORDS[0, N) from their forms (tkgp_nlp_tag() does
 * it; for words whose tags come from elsewhere, such as a treebank). */
void tkgp_nlp_set_clusters(const tkgp_nlp *nlp, tkgp_nlp_word *words, size_t n);

/** Tag and lemmatize only (head and deprel are left alone). */
int tkgp_nlp_tag(tkgp_nlp *nlp, tkgp_nlp_word *words, size_t n,
                 tkgp_arena *arena);

#endif
