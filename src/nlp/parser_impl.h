/* parser_impl.h - what the parser's trainer shares with the parser
 * SPDX-License-Identifier: MIT
 *
 * The model's sections, the parser's layout and its transition system
 * (state, features, valid transitions, applying one): train/parser_train.c
 * walks the same states and must compute the features the run time
 * computes, bit for bit. Not for other modules.
 */
#ifndef TKG_NLP_PARSER_IMPL_H
#define TKG_NLP_PARSER_IMPL_H

#include "nlp/parser.h"
#include "nlp/perceptron.h"

#include <stddef.h>
#include <stdint.h>

#define TKGP_PSEC_PARAM TKGP_FOURCC('P', 'P', 'R', 'M') /* n_labels, root, version, 0 */
#define TKGP_PSEC_LABELS TKGP_FOURCC('P', 'L', 'A', 'B') /* string offset a label */
#define TKGP_PSEC_STRS TKGP_FOURCC('S', 'T', 'R', 'S')
#define TKGP_PSEC_PERC TKGP_FOURCC('P', 'E', 'R', 'C')

/* Changes whenever features change: older models are refused, not misread. */
#define TKGP_PARSER_FEATURE_VERSION 5u
/* Most features of a state (tkgp_parse_features()). */
#define TKGP_PARSER_MAX_FEATS 128
/* Most relation labels: 1 + 2 * labels classes fit the decoder's 1024. */
#define TKGP_PARSER_MAX_LABELS 500

struct tkgp_parser {
  tkgp_model *model;        /* NULL while training */
  tkgp_perc perc;
  uint32_t n_labels, root_label;
  const uint32_t *labels;   /* string offsets */
  tkgp_strtab strs;
};

/* A parse state. Words are 1..n, 0 is the root; arrays have cap + 2 entries. */
struct tkgp_parse_scratch {
  size_t cap;
  int *stack;
  int *head, *label, *lc1, *lc2, *rc1, *rc2, *nl, *nr;
  uint64_t *lset, *rset, *w, *t, *sf, *u;
  int *gh, *gl;      /* training only: gold heads and labels */
  int *in_stack;
  int *npunct, *nverb; /* punctuation, verbs among words 1..i */
  int sp, b, n;
};

/** The hashes of the N WORDS that features read, into S (cap >= N). */
void tkgp_parse_fill_words(tkgp_parse_scratch *s, const tkgp_nlp_word *words,
                           size_t n);

/** The initial state of N words (after tkgp_parse_fill_words()). */
void tkgp_parse_state_init(tkgp_parse_scratch *s, int n);

/** Whether S is final: buffer empty, only the root on the stack. */
static inline int tkgp_parse_terminal(const tkgp_parse_scratch *s)
{
  return s->b > s->n && s->sp == 1;
}

/** Features of state S into F (TKGP_PARSER_MAX_FEATS). @return how many. */
size_t tkgp_parse_features(const tkgp_parse_scratch *s, uint64_t *f);

/**
 * Classes: 0 SHIFT, 1 + 2l LEFT-l, 2 + 2l RIGHT-l. OK[c] (1 + 2 N_LABELS
 * entries) says whether class c is allowed in S; ROOT is the root label.
 */
void tkgp_parse_valid_mask(const tkgp_parse_scratch *s, uint32_t n_labels,
                           uint32_t root, unsigned char *ok);

/** Apply transition CLS to S. */
void tkgp_parse_apply(tkgp_parse_scratch *s, uint32_t cls);

#endif
