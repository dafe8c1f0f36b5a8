/* corpus.h - CoNLL-U files as one training corpus of gold words
 * SPDX-License-Identifier: MIT
 *
 * What the tagger and parser trainers and `textkg eval parse` read: the
 * ordinary words of every sentence back to back (multiword tokens, empty
 * nodes and empty sentences left out), each with all its gold columns.
 */
#ifndef TKG_CORPUS_CORPUS_H
#define TKG_CORPUS_CORPUS_H

#include "corpus/conllu.h"
#include "nlp/nlp.h"

#include <stddef.h>

/** Sentences as gold words (every field filled in from CoNLL-U). */
typedef struct tkgp_corpus {
  tkgp_nlp_word *words;  /* all sentences back to back */
  size_t *start;         /* sentence i is words[start[i], start[i + 1]) */
  size_t n_sents, n_words;
} tkgp_corpus;

/**
 * The ordinary words of N conllu files as one corpus. Fields point into
 * the files, which must outlive the corpus. Caller frees with
 * tkgp_corpus_finish() (also after a failure).
 * @return 0 or TKG_ENOMEM.
 */
int tkgp_corpus_init(tkgp_corpus *c, const tkgp_conllu *files, size_t n);

/** Free the word and sentence tables (not the files). */
void tkgp_corpus_finish(tkgp_corpus *c);

#endif
