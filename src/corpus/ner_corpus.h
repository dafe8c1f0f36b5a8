/* ner_corpus.h - sentences with gold names: IOB2, CoNLL-U Entity=, JSON
 * SPDX-License-Identifier: MIT
 *
 * What `textkg train ner` and `textkg eval ner` read.
 */
#ifndef TKG_CORPUS_NER_CORPUS_H
#define TKG_CORPUS_NER_CORPUS_H

#include "core/arena.h"
#include "core/world.h"
#include "ner/ner.h"
#include "nlp/nlp.h"

#include <stddef.h>
#include <stdint.h>

/* Formats of annotated files. */
typedef enum tkgp_ner_format {
  TKGP_NER_FMT_IOB,     /* token-per-line IOB2/BILOU tags (UNER *.iob2) */
  TKGP_NER_FMT_CONLLU,  /* CoNLL-U with GUM Entity= brackets in MISC */
  TKGP_NER_FMT_JSON,    /* CoNLL04 JSON: tokens + tags or entities */
  TKGP_NER_NFORMATS
} tkgp_ner_format;

typedef struct tkgp_ner_sent {
  size_t word, n_words;  /* words[word, word + n_words) */
  int doc_start;         /* first sentence of a document */
  size_t span, n_spans;  /* gold spans[span, span + n_spans), sentence-relative */
} tkgp_ner_sent;

/* Sentences with gold spans. Forms are copied into the arena; upos and
 * xpos are filled in by tkgp_ner_corpus_tag(). */
typedef struct tkgp_ner_corpus {
  tkgp_arena arena;
  tkgp_nlp_word *words;
  size_t n_words, cap_words;
  tkgp_ner_span *spans;
  size_t n_spans, cap_spans;
  tkgp_ner_sent *sents;
  size_t n_sents, cap_sents;
  int pending_doc;       /* the next sentence starts a document */
} tkgp_ner_corpus;

void tkgp_ner_corpus_init(tkgp_ner_corpus *c);
void tkgp_ner_corpus_finish(tkgp_ner_corpus *c);

/**
 * Append to C a copy, with its ASCII letters lowercased, of PERCENT of its
 * casual documents (those with a sentence of three or more words and no
 * capital but "I"; spread evenly), as documents of their own: writers who
 * do not capitalize "where in florida" do not capitalize names either.
 * Call before tkgp_ner_corpus_tag(). @return 0 or TKG_ENOMEM.
 */
int tkgp_ner_corpus_add_lowercase(tkgp_ner_corpus *c, int percent);

/** The format of PATH, from its extension, else from its first bytes. */
tkgp_ner_format tkgp_ner_detect_format(const char *path, const char *bytes,
                                       size_t len);

/**
 * Append the sentences of PATH to C. *FORMAT receives the format found.
 * Errors in the input fail with TKG_EINPUT and "PATH: what (line N)" in
 * WORLD; a file that cannot be read with TKG_ENOTFOUND or TKG_EIO.
 */
int tkgp_ner_corpus_read(tkgp_ner_corpus *c, tkg_world *world,
                         const char *path, tkgp_ner_format *format);

/** Read the N files FILES into one corpus per format, CORPORA[k] for
 * format k (TKGP_NER_NFORMATS of them), or with EACH one per file
 * (CORPORA[N]); USED[k] is set for every corpus that got a file. The
 * formats are told apart by tkgp_ner_detect_format().
 * @return 0 or an error (message in WORLD). */
int tkgp_ner_corpora_read(tkg_world *world, char *const *files, size_t n, int each,
                          tkgp_ner_corpus *corpora, int *used);

/** Same, from LEN bytes (NAME in messages; FORMAT fixed by the caller). */
int tkgp_ner_corpus_read_mem(tkgp_ner_corpus *c, tkg_world *world,
                             const char *name, const char *bytes, size_t len,
                             tkgp_ner_format format);

/** Tag the words of C with NLP (upos, xpos, lemma); lemmas go to C's arena. */
int tkgp_ner_corpus_tag(tkgp_ner_corpus *c, tkgp_nlp *nlp);

#endif
