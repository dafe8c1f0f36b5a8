/* document.h - a document and every annotation derived from it (internal)
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_DOCUMENT_H
#define TKG_DOCUMENT_H

#include "core/arena.h"
#include "core/world.h"
#include "nlp/nlp.h"
#include "mention/mentions.h"
#include "text/text.h"
#include "text/tokenize.h"

struct tkg_document {
  tkg_world *world;      /* borrowed */
  char *name;            /* as given: a path or "-" */
  char *scope;           /* the file name without directory and extension
                          * ("stdin" for "-"): names the document's events */
  char *input;           /* the bytes as given, NUL-terminated; owned, or
                          * text.data when they are the same bytes */
  size_t input_length;
  size_t *cp_checkpoints; /* byte offset of every 64th input code point */
  size_t n_checkpoints;
  tkgp_text text;        /* validated NFC text */
  tkgp_arena arena;      /* tokens, names, everything analysis makes */
  tkgp_tokens tokens;    /* a document analyzed in windows (document.c)
                          * keeps only its sentences (in SENTENCES) and the
                          * number of tokens: TOKENS.tokens is NULL */
  tkgp_nlp_word *words;  /* one per token: POS, lemma, dependencies (arena);
                          * sentence k is words + sentences[k].first; NULL
                          * for a document analyzed in windows */
  tkgp_sentence *sentences; /* windows: the sentences of all windows; owned */
  size_t cap_sentences;
  tkgp_mention_list found; /* mentions and relations */
  int analyzed;
  char *id;              /* set by tkg_document_set_id, else NULL */
  char date[11];         /* YYYY-MM-DD, or "": the world's date applies */
  char *url, *title;     /* where the text came from, or NULL */
};

/** The date of the document: its own, else the world's, else NULL. */
const char *tkgp_document_date(const tkg_document *doc);

/** Code point offset in the input as given of byte OFFSET of the NFC text. */
size_t tkgp_document_offset(const tkg_document *doc, size_t offset);

/**
 * The input bytes between input code points BEGIN and END: sets *BYTES and
 * returns the length. Borrowed; valid until tkg_document_free().
 */
size_t tkgp_document_slice(const tkg_document *doc, size_t begin, size_t end,
                           const char **bytes);

#endif
