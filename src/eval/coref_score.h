/* coref_score.h - MUC, B3 and CEAFe between two partitions of mentions
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_EVAL_COREF_SCORE_H
#define TKG_EVAL_COREF_SCORE_H

#include <stddef.h>

/* A mention of a key or a response partition: a span and its chain. */
typedef struct tkgp_coref_span {
  size_t start, end; /* any consistent positions, end exclusive */
  size_t chain;      /* any id; equal ids are one chain */
} tkgp_coref_span;

/* Numerators and denominators, summed over documents like the reference
 * scorer does (micro average). */
typedef struct tkgp_coref_counts {
  double r_num, r_den, p_num, p_den;
} tkgp_coref_counts;

enum { TKGP_METRIC_MUC, TKGP_METRIC_B3, TKGP_METRIC_CEAFE, TKGP_METRICS };

typedef struct tkgp_coref_score {
  tkgp_coref_counts m[TKGP_METRICS];
  size_t key_mentions, response_mentions, matched_mentions;
} tkgp_coref_score;

/**
 * Score RESPONSE against KEY and add the counts to *SCORE. Mentions match
 * when their spans are equal (duplicate spans in one partition: the first
 * is used). With SINGLETONS zero, chains of one mention are removed from
 * both partitions first.
 * @return 0 or TKG_ENOMEM.
 */
int tkgp_coref_score_add(tkgp_coref_score *score, const tkgp_coref_span *key,
                         size_t n_key, const tkgp_coref_span *response,
                         size_t n_response, int singletons);

/** Recall, precision and F1 (in 0..1) of one metric's counts. */
void tkgp_coref_prf(const tkgp_coref_counts *c, double *r, double *p,
                    double *f);

/** Add the counts of ONE to *SUM (documents are summed, as the reference
 * scorer does). */
void tkgp_coref_score_merge(tkgp_coref_score *sum, const tkgp_coref_score *one);

/** The CoNLL score of S: the mean of its MUC, B3 and CEAFe F1 (0..1). */
double tkgp_coref_conll(const tkgp_coref_score *s);

/**
 * The 95% bootstrap interval of the CoNLL score over the documents whose
 * scores are DOCS[0, N) (eval/score.h).
 * @return 0 or TKG_ENOMEM.
 */
int tkgp_coref_conll_interval(const tkgp_coref_score *docs, size_t n, double *lo,
                              double *hi);

#endif
