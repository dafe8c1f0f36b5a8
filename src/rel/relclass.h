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
 * See relclass.c for the design and REL_RESULTS.md for the scores.
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

/* ---- annotated corpora (CoNLL04 JSON) ----------------------------------- */

/** A gold relation: mentions HEAD -> TAIL, sentence-relative indexes
 *  into the sentence's mentions; UINT32_MAX when it involves a mention
 *  the classifier does not know (an "Other"), which no prediction can
 *  then match. */
typedef struct tkgp_rel_gold {
  uint32_t head, tail;
  tkgp_rel_type type;
} tkgp_rel_gold;

typedef struct tkgp_rel_sent {
  size_t word, n_words;  /* words[word, word + n_words) */
  size_t ent, n_ents;    /* ents[ent, ent + n_ents): PER, ORG, LOC only */
  size_t rel, n_rels;    /* rels[rel, rel + n_rels) */
  size_t line;           /* where the sentence starts in its file */
} tkgp_rel_sent;

/* Sentences with gold mentions and relations. Forms are copied into the
 * arena; tkgp_rel_corpus_annotate() fills in the rest of each word. */
typedef struct tkgp_rel_corpus {
  tkgp_arena arena;
  tkgp_nlp_word *words;
  size_t n_words, cap_words;
  tkgp_ner_span *ents;
  size_t n_ents, cap_ents;
  tkgp_rel_gold *rels;
  size_t n_rels, cap_rels;
  tkgp_rel_sent *sents;
  size_t n_sents, cap_sents;
} tkgp_rel_corpus;

/* The words, gold mentions and gold relations of sentence ST of C (NULL
 * when the corpus has none: no pointer arithmetic on a NULL table). */
static inline tkgp_nlp_word *tkgp_rel_sent_words(const tkgp_rel_corpus *c,
                                                 const tkgp_rel_sent *st)
{
  return c->words ? c->words + st->word : NULL;
}

static inline tkgp_ner_span *tkgp_rel_sent_ents(const tkgp_rel_corpus *c,
                                                const tkgp_rel_sent *st)
{
  return c->ents ? c->ents + st->ent : NULL;
}

static inline tkgp_rel_gold *tkgp_rel_sent_rels(const tkgp_rel_corpus *c,
                                                const tkgp_rel_sent *st)
{
  return c->rels ? c->rels + st->rel : NULL;
}

void tkgp_rel_corpus_init(tkgp_rel_corpus *c);
void tkgp_rel_corpus_finish(tkgp_rel_corpus *c);

/**
 * Append the sentences of the CoNLL04 JSON file PATH to C: an array of
 * objects with "tokens", entities as BILOU or IOB2 "tags" or as
 * "entities" [{type, start, end}] (types Peop, Org, Loc; Other is
 * dropped), and "relations" [{head, tail, type}] indexing the entities in
 * order of appearance. Errors in the input fail with TKG_EINPUT and
 * "PATH: what (line N)" in WORLD; a file that cannot be read with
 * TKG_ENOTFOUND or TKG_EIO.
 */
int tkgp_rel_corpus_read(tkgp_rel_corpus *c, tkg_world *world, const char *path);

/** Same, from LEN bytes (NAME in messages). */
int tkgp_rel_corpus_read_mem(tkgp_rel_corpus *c, tkg_world *world,
                             const char *name, const char *bytes, size_t len);

/** Tag, lemmatize and parse every sentence of C with NLP (strings the
 *  rules make go to C's arena). @return 0 or TKG_ENOMEM. */
int tkgp_rel_corpus_annotate(tkgp_rel_corpus *c, tkgp_nlp *nlp);

/* ---- scoring ------------------------------------------------------------ */

typedef struct tkgp_rel_counts {
  size_t gold[TKGP_REL_NCLASSES], pred[TKGP_REL_NCLASSES],
      correct[TKGP_REL_NCLASSES];   /* index 0 unused */
  size_t sents, words;
  double seconds;                   /* spent in tkgp_relclass_predict() */
} tkgp_rel_counts;

/**
 * Add to COUNTS the strict score of the predictions PRED (over the
 * mentions PENTS) against the gold relations GOLD (over the mentions
 * GENTS) of one sentence: a prediction is right when both mentions have
 * the gold span and type (COUNTRY, CITY, PLACE as LOC) and the relation
 * type is the gold one; each gold relation is matched at most once.
 */
void tkgp_rel_score_sentence(const tkgp_ner_span *gents, const tkgp_rel_gold *gold,
                             size_t n_gold, const tkgp_ner_span *pents,
                             const tkgp_rel_pred *pred, size_t n_pred,
                             tkgp_rel_counts *counts);

/** Micro-averaged precision, recall and F1 (percent) of COUNTS. */
void tkgp_rel_micro(const tkgp_rel_counts *counts, double *p, double *r,
                    double *f1);

/* ---- training ------------------------------------------------------------ */

typedef struct tkgp_rel_train_opts {
  int epochs;              /* passes over the training pairs */
  int models;              /* ensemble members, 1..TKGP_REL_MAX_MODELS */
  unsigned long seed;      /* of the fixed shuffles */
  float prune;             /* drop averaged weights smaller than this */
  int quiet;
} tkgp_rel_train_opts;

/**
 * Train on the gold mentions of TRAIN (annotated), choose the epoch and
 * the threshold by micro F1 on DEV (annotated) over the mentions
 * DEV_ENTS (DEV_SENT_ENT[s], DEV_SENT_NENTS[s]: sentence s's mentions in
 * DEV_ENTS; e.g. found by the NER, for the end-to-end setting), and save
 * the model to PATH. @return 0, TKG_ENOMEM or TKG_EIO (message in WORLD).
 */
int tkgp_rel_train(tkg_world *world, const tkgp_rel_corpus *train,
                   const tkgp_rel_corpus *dev, const tkgp_ner_span *dev_ents,
                   const size_t *dev_sent_ent, const size_t *dev_sent_nents,
                   const tkgp_rel_train_opts *opts, const char *path);

#endif
