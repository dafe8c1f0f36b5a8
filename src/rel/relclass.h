/* relclass.h - learnt relations between entity mentions of one sentence
 * SPDX-License-Identifier: MIT
 *
 * A classifier over ordered pairs (head, tail) of the entity mentions of
 * one tagged and parsed sentence: works-for (person -> organization),
 * lives-in (person -> place), located-in (place -> place), based-in
 * (organization -> place), killed (person -> person), or none. Averaged
 * perceptron over hashed features of the pair (entity types, words
 * between, the dependency path between the mentions' heads, trigger
 * words), trained on CoNLL04 (Roth & Yih 2004) by `textkg train rel`.
 * See relclass.c for the design and doc/REL_RESULTS.md for the scores.
 *
 * Threads: a tkgp_relclass belongs to one thread at a time (it keeps
 * scratch buffers).
 */
#ifndef TKG_RELCLASS_H
#define TKG_RELCLASS_H

#include "core/arena.h"
#include "core/world.h"
#include "nlp/nlp.h"
#include "ner/ner.h"

#include <stddef.h>
#include <stdint.h>

/** File name of the model inside a model directory. */
#define TKGP_REL_FILE "rel.bin"

/** Relation types; NONE is the classifier's "no relation" class. */
typedef enum tkgp_rel_type {
  TKGP_REL_NONE = 0,
  TKGP_REL_WORK_FOR,     /* PER -> ORG */
  TKGP_REL_LIVE_IN,      /* PER -> LOC */
  TKGP_REL_LOCATED_IN,   /* LOC -> LOC */
  TKGP_REL_ORGBASED_IN,  /* ORG -> LOC */
  TKGP_REL_KILL,         /* PER -> PER */
  TKGP_REL_NCLASSES
} tkgp_rel_type;

/** CoNLL04 name of TYPE ("Work_For", ..., "NONE"). Borrowed, static. */
const char *tkgp_rel_type_name(tkgp_rel_type type);

/** The type named NAME (CoNLL04 spelling), or TKGP_REL_NONE. */
tkgp_rel_type tkgp_rel_type_from_name(const char *name);

/**
 * Whether relation TYPE may hold from a mention of type HEAD to one of
 * type TAIL (COUNTRY, CITY and PLACE count as LOC; EVENT and DATE take
 * part in no relation).
 */
int tkgp_rel_allowed(tkgp_rel_type type, tkgp_ner_type head, tkgp_ner_type tail);

/** One predicted relation: mentions HEAD -> TAIL (indexes into the
 *  mentions given), its type, and its margin over "no relation". */
typedef struct tkgp_rel_pred {
  uint32_t head, tail;
  tkgp_rel_type type;
  float score;
} tkgp_rel_pred;

typedef struct tkgp_relclass tkgp_relclass;

/**
 * Map rel.bin of MODELDIR (MODELDIR when not NULL, else $TEXTKG_MODELDIR,
 * else TKG_MODELDIR: see tkgp_nlp_modeldir()).
 * @param out  receives the classifier. Caller frees with tkgp_relclass_close().
 * @return 0, TKG_ENOTFOUND, TKG_EIO, TKG_EDATA (truncated, corrupt, wrong
 *         kind or feature version) or TKG_ENOMEM; message, naming the
 *         file, in WORLD.
 */
int tkgp_relclass_open(tkgp_relclass **out, tkg_world *world,
                       const char *modeldir);

/** Same, from the model file PATH. */
int tkgp_relclass_open_file(tkgp_relclass **out, tkg_world *world,
                            const char *path);

/**
 * A classifier for another thread: the weights and threshold of MODELS,
 * which must outlive it and are only read, with working arrays of its own.
 * @return 0, or TKG_ENOMEM.
 */
int tkgp_relclass_share(tkgp_relclass **out, tkg_world *world, const tkgp_relclass *models);

/** Unmap the model and free the scratch. Accepts NULL. */
void tkgp_relclass_close(tkgp_relclass *rc);

/** The decision threshold on the margin (tuned on dev, saved in the
 *  model); setting it changes only this classifier. */
float tkgp_relclass_threshold(const tkgp_relclass *rc);
void tkgp_relclass_set_threshold(tkgp_relclass *rc, float threshold);

/**
 * Relations among the N_ENTS mentions ENTS (word spans and types, e.g.
 * from tkgp_ner_tag()) of one sentence of N words whose form, upos,
 * lemma, head and deprel are set (tkgp_nlp_annotate()). Each unordered
 * pair of mentions gets at most one relation: the best type and
 * direction the type constraints allow, kept when its margin over "no
 * relation" exceeds the threshold. Predictions are in order of head,
 * then tail. Allocates nothing unless N or N_ENTS exceed those of every
 * earlier sentence.
 * @param out  receives the predictions. Borrowed; valid until the next
 *             call or tkgp_relclass_close().
 * @return 0 or TKG_ENOMEM (message in the world).
 */
int tkgp_relclass_predict(tkgp_relclass *rc, const tkgp_nlp_word *words,
                          size_t n, const tkgp_ner_span *ents, size_t n_ents,
                          const tkgp_rel_pred **out, size_t *n_out);

/* ---- pieces exposed for training and tests ----------------------------- */

/** Most members of an ensemble (models trained on different orders of
 *  the data whose margins are averaged). */
#define TKGP_REL_MAX_MODELS 8

/** Most features of one pair. */
#define TKGP_REL_MAX_FEATS 192

/** Longest dependency path (in words, both ends included) that is used
 *  whole; of a longer path only its length is a feature. */
#define TKGP_REL_MAX_PATH 12

/**
 * The syntactic head of words [FIRST, FIRST + COUNT) of a parsed
 * sentence of N words: the first whose head lies outside the span (the
 * last word when none does). 0-based.
 */
uint32_t tkgp_rel_span_head(const tkgp_nlp_word *words, size_t n,
                            uint32_t first, uint32_t count);

/**
 * The shortest dependency path from word A to word B (0-based) of a
 * parsed sentence of N words: the words from A up to their lowest common
 * ancestor and down to B, both ends included, written to PATH (at most
 * MAX words) with *LCA the index in PATH of the common ancestor.
 * Heads are 1-based as in tkgp_nlp_word, 0 for the root; words joined
 * only through the root (a broken tree) get a path through an imaginary
 * root, which is not listed (*LCA is then SIZE_MAX).
 * @return the number of words on the whole path (may exceed MAX: then
 *         only its first MAX words are written).
 */
size_t tkgp_rel_dep_path(const tkgp_nlp_word *words, size_t n, size_t a,
                         size_t b, uint32_t *path, size_t max, size_t *lca);

/* Per-sentence word information the features read; computed once per
 * sentence by tkgp_rel_prepare(). */
typedef struct tkgp_rel_tok {
  uint64_t lower, lemma, upos, deprel;
  uint32_t trig;   /* trigger classes of the lemma (bit 1 << TYPE) */
  uint32_t verb;   /* a verb (UPOS VERB or AUX) */
} tkgp_rel_tok;

/** Fill TI[0, N) from WORDS. */
void tkgp_rel_prepare(const tkgp_nlp_word *words, size_t n, tkgp_rel_tok *ti);

/**
 * Features of the ordered pair (H, T) of the mentions ENTS of a sentence
 * prepared into TI. HEADS[i] is the head word of ENTS[i]
 * (tkgp_rel_span_head()). Writes at most TKGP_REL_MAX_FEATS keys to F.
 * @return how many.
 */
size_t tkgp_rel_features(const tkgp_nlp_word *words, const tkgp_rel_tok *ti,
                         size_t n, const tkgp_ner_span *ents,
                         const uint32_t *heads, size_t n_ents, size_t h,
                         size_t t, uint64_t *f);

/** Bit 1 << TYPE of every relation allowed from a mention of type HEAD
 * to one of type TAIL (0 when none is). */
unsigned tkgp_rel_allowed_mask(tkgp_ner_type head, tkgp_ner_type tail);

/** The group a relation sees of an entity type: 0 person, 1 organization,
 * 2 place, -1 a type no relation takes. */
int tkgp_rel_entity_group(tkgp_ner_type type);

#endif
