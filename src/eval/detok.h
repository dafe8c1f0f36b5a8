/* detok.h - the raw text of an annotated document, rebuilt from its tokens
 * SPDX-License-Identifier: MIT
 *
 * `eval kg` scores what `build` makes of raw text, so it needs the text
 * a corpus was tokenized from, and where each gold token lies in it. Three
 * ways to get it, one per corpus:
 *
 *   CoNLL-U (GUM)   the forms, with a space after each token unless its
 *                   MISC says SpaceAfter=No; tkgp_detok_add() per token.
 *   IOB2 (UNER)     each sentence's "# text =" line, and the forms found
 *                   in it in order; tkgp_detok_align().
 *   CoNLL04         tokens only, Penn Treebank style; tkgp_detok_ptb()
 *                   writes them as a newspaper would (rules below).
 *
 * Sentences are separated by a space within a paragraph and by a newline
 * between paragraphs (tkgp_detok_break()). Offsets are code points of the
 * rebuilt text, as `build` reports them.
 */
#ifndef TKG_EVAL_DETOK_H
#define TKG_EVAL_DETOK_H

#include "core/strbuf.h"

#include <stddef.h>

typedef struct tkgp_detok {
  tkgp_strbuf text;    /* the rebuilt text (UTF-8) */
  size_t codepoints;   /* its length in code points */
  size_t *begin, *end; /* code points of each token, end exclusive */
  size_t n, cap;
} tkgp_detok;

void tkgp_detok_init(tkgp_detok *d);
void tkgp_detok_finish(tkgp_detok *d);

/** Empty D for the next document (keeps its memory). */
void tkgp_detok_clear(tkgp_detok *d);

/** Append SEP (" " or "\n") unless the text is empty or ends in white space. */
int tkgp_detok_break(tkgp_detok *d, const char *sep);

/**
 * Append token FORM, after a space when SPACE is non-zero and the text
 * does not already end in white space. @return 0 or TKG_ENOMEM.
 */
int tkgp_detok_add(tkgp_detok *d, const char *form, int space);

/**
 * Append the sentence TEXT (LEN bytes) and find the N tokens FORMS in it,
 * in order, each after optional white space. @return 0, TKG_ENOMEM, or
 * TKG_EINPUT with *BAD set to the first token not found where expected
 * (D is then as it was before the call).
 */
int tkgp_detok_align(tkgp_detok *d, const char *text, size_t len, const char *const *forms,
                     size_t n, size_t *bad);

/**
 * Append N Penn Treebank tokens FORMS as running text:
 *   - no space before , . ; : ? ! % ) ] } and clitics ('s n't 're 've 'll
 *     'd 'm), nor before 'X after one capital letter ("O 'Brien" is
 *     "O'Brien"); none after ( [ { $ #;
 *   - -LRB- -RRB- -LSB- -RSB- -LCB- -RCB- are brackets;
 *   - `` or two ` tokens open a double quote, '' or two ' tokens close it,
 *     and a lone ` or ' is a single quote, opening or closing by the same
 *     rule as brackets; a quote is written ", the second token of a pair
 *     gets an empty span after it;
 *   - a number split at its thousands ("150 , 000") is joined ("150,000").
 * @return 0 or TKG_ENOMEM.
 */
int tkgp_detok_ptb(tkgp_detok *d, const char *const *forms, size_t n);

#endif
