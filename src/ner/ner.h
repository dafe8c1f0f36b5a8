/* ner.h - named-entity recognizer: persons, organizations, places, events, dates
 * SPDX-License-Identifier: MIT
 *
 * A statistical BILOU tagger over the words of one tagged sentence (forms
 * plus the UPOS/XPOS of textkg's own tagger), with gazetteer features, and
 * rules for dates. The model predicts PER, ORG, LOC and EVENT; a
 * gazetteer step then splits LOC into Country (iso-codes names, and the
 * world's country gazetteer when loaded), City (WordNet instance nouns
 * under city/town/capital) and other Place. See ner.c for the design.
 *
 * Threads: a tkgp_ner belongs to one thread at a time (it keeps scratch
 * buffers).
 */
#ifndef TKG_NER_H
#define TKG_NER_H

#include "core/arena.h"
#include "core/world.h"
#include "nlp/nlp.h"

#include <stddef.h>
#include <stdint.h>

/** File name of the NER model inside a model directory. */
#define TKGP_NER_FILE "ner.bin"

/** Entity types. The model predicts the first four; LOC is split into
 *  COUNTRY, CITY and PLACE by tkgp_ner_tag(); DATE comes from rules. */
typedef enum tkgp_ner_type {
  TKGP_NER_PER = 0,
  TKGP_NER_ORG,
  TKGP_NER_LOC,
  TKGP_NER_EVENT,
  TKGP_NER_COUNTRY,
  TKGP_NER_CITY,
  TKGP_NER_PLACE,
  TKGP_NER_DATE,
  TKGP_NER_NTYPES
} tkgp_ner_type;

/** Number of types the statistical model predicts (PER, ORG, LOC, EVENT). */
#define TKGP_NER_MODEL_TYPES 4

/** One entity mention: words [first, first + count) of the sentence. */
typedef struct tkgp_ner_span {
  uint32_t first, count;
  tkgp_ner_type type;
  float score;        /* mean posterior probability of the words' tags
                         (forward-backward), in [0, 1];
                         1 for rule-made dates */
} tkgp_ner_span;

typedef struct tkgp_ner tkgp_ner;

/** Short name of TYPE ("PER", "ORG", "LOC", "EVENT", "COUNTRY", "CITY",
 *  "PLACE", "DATE"). Borrowed, static. */
const char *tkgp_ner_type_name(tkgp_ner_type type);

/** The model type a type is scored as: COUNTRY, CITY and PLACE are LOC. */
tkgp_ner_type tkgp_ner_type_group(tkgp_ner_type type);

/**
 * Map models/ner.bin of MODELDIR (MODELDIR when not NULL, else
 * $TEXTKG_MODELDIR, else TKG_MODELDIR: see tkgp_nlp_modeldir()).
 * WORLD is borrowed and must outlive the recognizer; its country gazetteer,
 * when loaded, also tells countries from other places.
 * @param out  receives the recognizer. Caller frees with tkgp_ner_close().
 * @return 0, TKG_ENOTFOUND, TKG_EIO, TKG_EDATA (truncated, corrupt or
 *         wrong kind of model) or TKG_ENOMEM; message, naming the file,
 *         in WORLD.
 */
int tkgp_ner_open(tkgp_ner **out, tkg_world *world, const char *modeldir);

/** Same, from the model file PATH. */
int tkgp_ner_open_file(tkgp_ner **out, tkg_world *world, const char *path);

/**
 * A recognizer for another thread: the weights of MODELS, which must
 * outlive it and are only read, with working arrays and a document memory
 * of its own; WORLD gives its gazetteer and lexicon and takes its messages.
 * @return 0, or TKG_ENOMEM.
 */
int tkgp_ner_share(tkgp_ner **out, tkg_world *world, const tkgp_ner *models);

/** Unmap the model and free the scratch. Accepts NULL. */
void tkgp_ner_close(tkgp_ner *ner);

/**
 * Start a new document: forget what earlier sentences said of their words.
 * tkgp_ner_tag() remembers the labels it gives each word within a
 * document and uses them as evidence for later sentences.
 */
void tkgp_ner_begin_document(tkgp_ner *ner);

/** Options of tkgp_ner_tag(); all on by default. */
enum {
  TKGP_NER_NO_DATES = 1 << 0,   /* skip the date rules */
  TKGP_NER_NO_SPLIT = 1 << 1,   /* report LOC instead of COUNTRY/CITY/PLACE */
  TKGP_NER_NO_RULES = 1 << 2    /* skip the lexicon's name rules (ner_rules.c) */
};
void tkgp_ner_set_options(tkgp_ner *ner, unsigned options);

/**
 * Find the entities of one sentence of N words whose form, upos and xpos
 * are set (upos/xpos may be NULL: the model then does without them).
 * Sentences of a document are expected in order, after
 * tkgp_ner_begin_document(): the labels given to a word are remembered
 * as evidence for its later occurrences in the same document.
 * Spans are in sentence order and do not overlap.
 * Allocates nothing unless N exceeds every earlier sentence.
 * @param spans  receives the spans. Borrowed; valid until the next call
 *               or tkgp_ner_close().
 * @return 0 or TKG_ENOMEM (message in the world).
 */
int tkgp_ner_tag(tkgp_ner *ner, const tkgp_nlp_word *words, size_t n,
                 const tkgp_ner_span **spans, size_t *n_spans);

/* ---- pieces exposed for training and tests ----------------------------- */

/** BILOU classes: 0 is O; type T has B = 1 + 4T, I, L, U = 4 + 4T. */
#define TKGP_NER_N_CLASSES (1 + 4 * TKGP_NER_MODEL_TYPES)
enum { TKGP_BILOU_B = 0, TKGP_BILOU_I = 1, TKGP_BILOU_L = 2, TKGP_BILOU_U = 3 };

static inline uint32_t tkgp_ner_class(unsigned type, unsigned bilou)
{
  return 1u + 4u * type + bilou;
}

/** Whether class CUR may follow class PREV (PREV UINT32_MAX: sentence start;
 *  CUR UINT32_MAX: sentence end). */
int tkgp_ner_transition_ok(uint32_t prev, uint32_t cur);

/**
 * Spans of the N BILOU classes CLS, repairing invalid sequences the way
 * conlleval reads IOB: an I or L without an open span of its type opens
 * one, a B or I not followed by a continuation closes its span there, a
 * change of type closes the open span. Writes at most N spans to OUT
 * (score 1) and returns how many.
 */
size_t tkgp_ner_decode_bilou(const uint32_t *cls, size_t n, tkgp_ner_span *out);

/** The gold classes of N words with the spans SPANS (types < 4). */
void tkgp_ner_encode_bilou(const tkgp_ner_span *spans, size_t n_spans,
                           uint32_t *cls, size_t n);

/**
 * Date rules alone: dates among the N forms FORMS ("March 11, 2025",
 * "11 March 2025", "on Tuesday", "last week", "yesterday", "in 2008",
 * "2025-03-11", "two weeks ago"). Words where TAKEN[i] is non-zero are
 * skipped (TAKEN may be NULL). Writes at most N spans to OUT.
 */
size_t tkgp_ner_dates(const char *const *forms, size_t n, const char *taken,
                      tkgp_ner_span *out);

#endif
