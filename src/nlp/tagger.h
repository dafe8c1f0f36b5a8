/* tagger.h - part-of-speech tagger and lemmatizer (internal to src/nlp)
 * SPDX-License-Identifier: MIT
 *
 * Reads: a word's form. Writes: its upos, xpos, feats and lemma. A tagger
 * is a mapped model file that tagging does not change; the scratch space
 * of a sentence is the caller's.
 * The rest of textkg reaches it through nlp.h; trainers through
 * tagger_impl.h.
 */
#ifndef TKG_NLP_TAGGER_H
#define TKG_NLP_TAGGER_H

#include "core/arena.h"
#include "core/world.h"
#include "nlp/model.h"
#include "nlp/nlp.h"

#include <stddef.h>
#include <stdint.h>

#define TKGP_KIND_TAGGER TKGP_FOURCC('T', 'A', 'G', 'R')

/** What the features of a word are made of, computed once a sentence. */
typedef struct tkgp_tokinfo {
  uint64_t lower, form, shape, suf[4], pre[3];
  uint64_t amb;         /* hash of the tags seen with the word in training, or 0 */
  uint32_t flags, wn;
  float margin;         /* how far pass 1's best tag leads its second */
} tkgp_tokinfo;

typedef struct tkgp_tagger tkgp_tagger;

/**
 * Map the tagger model at PATH.
 * @param out  receives the tagger. Caller frees with tkgp_tagger_close().
 * @return 0, TKG_ENOTFOUND, TKG_EIO, TKG_EDATA or TKG_ENOMEM (message in WORLD).
 */
int tkgp_tagger_open(tkgp_tagger **out, tkg_world *world, const char *path);

/** Unmap the model. Accepts NULL. */
void tkgp_tagger_close(tkgp_tagger *t);

/**
 * Tag and lemmatize WORDS[0, N): upos, xpos, feats and lemma are set.
 * TI (N entries) and CLS (N entries) are scratch space owned by the caller;
 * CLS receives the tag classes. The strings are borrowed from T (valid
 * until tkgp_tagger_close()), or the forms, or allocated in ARENA.
 * @return 0 or TKG_ENOMEM.
 */
int tkgp_tagger_run(const tkgp_tagger *t, tkgp_nlp_word *words, size_t n,
                    tkgp_tokinfo *ti, uint32_t *cls, tkgp_arena *arena);

/**
 * Make the second pass re-tag every word, not only those the first was
 * unsure of: for tagging training data, so that models retrain to the same
 * bytes whatever the run-time shortcut (see SURE_MARGIN in tagger.c).
 */
void tkgp_tagger_set_thorough(tkgp_tagger *t);

#endif
