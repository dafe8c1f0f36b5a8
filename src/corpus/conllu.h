/* conllu.h - CoNLL-U reader and writer (internal)
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_NLP_CONLLU_H
#define TKG_NLP_CONLLU_H

#include "core/arena.h"
#include "core/world.h"

#include <stddef.h>
#include <stdio.h>

enum { TKGP_ID, TKGP_FORM, TKGP_LEMMA, TKGP_UPOS, TKGP_XPOS, TKGP_FEATS,
       TKGP_HEAD, TKGP_DEPREL, TKGP_DEPS, TKGP_MISC, TKGP_NCOLS };

enum {
  TKGP_LINE_COMMENT,  /* "# ..." kept verbatim in cols[0] */
  TKGP_LINE_WORD,     /* integer ID: a syntactic word */
  TKGP_LINE_MULTI,    /* "1-2": a multiword token, skipped when scoring */
  TKGP_LINE_EMPTY     /* "8.1": an empty node, skipped when scoring */
};

typedef struct tkgp_conllu_line {
  int kind;
  char *cols[TKGP_NCOLS]; /* NUL-terminated fields (a comment: cols[0] only) */
} tkgp_conllu_line;

typedef struct tkgp_conllu_sent {
  tkgp_conllu_line *lines;
  size_t n_lines;
  size_t *word_line;  /* line index of word i (0-based) */
  int *heads;         /* gold head of word i (0 = root), -1 when "_" */
  size_t n_words;
  size_t lineno;      /* line number of its first line, for messages */
} tkgp_conllu_sent;

typedef struct tkgp_conllu {
  char *buf;          /* the file, split in place */
  tkgp_conllu_sent *sents;
  size_t n_sents, n_words;
  tkgp_arena arena;
  const char *name;
} tkgp_conllu;

/** Column C of word I of S. Borrowed. */
static inline const char *tkgp_conllu_col(const tkgp_conllu_sent *s, size_t i,
                                          int c)
{
  return s->lines[s->word_line[i]].cols[c];
}

/**
 * Read all of PATH ("-": standard input) into *OUT (NUL-terminated, LEN
 * bytes without the NUL). Caller frees *OUT with free().
 * @return 0, TKG_ENOTFOUND, TKG_EIO or TKG_ENOMEM (message in WORLD).
 */
int tkgp_nlp_read_file(tkg_world *world, const char *path, char **out,
                       size_t *len);

/**
 * Read PATH ("-": standard input). Word IDs must run 1..n in each sentence
 * and HEAD be "_" or a word of the sentence; violations fail with
 * TKG_EINPUT and "PATH: what (line N)" in WORLD.
 * Caller releases OUT with tkgp_conllu_finish().
 */
int tkgp_conllu_read(tkgp_conllu *out, tkg_world *world, const char *path);

/** Same, from LEN bytes of BYTES (copied); NAME is used in messages. */
int tkgp_conllu_read_mem(tkgp_conllu *out, tkg_world *world, const char *name,
                         const char *bytes, size_t len);

void tkgp_conllu_finish(tkgp_conllu *c);

/** A corpus is text: a NUL byte in LEN bytes of BYTES fails with TKG_EINPUT
 * and "NAME: a NUL byte: not a text file (line N)", rather than cut the
 * line there. @return 0 or TKG_EINPUT. */
int tkgp_refuse_nul(tkg_world *world, const char *name, const char *bytes, size_t len);

/** Replacement columns for one word when writing; NULL fields keep the input. */
typedef struct tkgp_conllu_pred {
  const char *lemma, *upos, *xpos, *feats, *deprel;
  int head;           /* < 0: keep */
} tkgp_conllu_pred;

/**
 * Write S to F, replacing the columns PRED gives (PRED may be NULL, giving
 * the input back byte for byte). Ends with the blank line.
 */
void tkgp_conllu_write(FILE *f, const tkgp_conllu_sent *s,
                       const tkgp_conllu_pred *pred);

#endif
