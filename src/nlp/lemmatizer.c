/* lemmatizer.c - lemmas from a learnt lexicon, WordNet exceptions and rules
 * SPDX-License-Identifier: MIT
 *
 * Given a word and its predicted tag, the lemma is, in order:
 *   1. the most frequent lemma of (lowercased form, tag) in the training
 *      data -- covers the closed classes and most irregular forms;
 *   2. WordNet's exception lists (noun.exc, verb.exc, adj.exc, adv.exc):
 *      "mice" -> "mouse", "forgotten" -> "forget";
 *   3. WordNet's morphy: strip a suffix the tag allows ("-ies" -> "-y",
 *      "-ed" -> "-e" or nothing, undoubling "stopped") and keep the first
 *      candidate that WordNet or the training data knows as a lemma of
 *      that part of speech; failing that, the most likely candidate.
 * Every step is a hash probe or a few string compares: O(length of word).
 * Proper nouns, numbers, symbols and punctuation keep their form.
 * The WordNet files are read at training time (train/wordnet.c): at run
 * time their words are tables of the tagger model.
 */
#include "nlp/lemmatizer.h"

#include <string.h>

typedef struct rule {
  const char *suffix, *repl;
} rule;

static const rule noun_rules[] = {
  {"ies", "y"}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"},
  {"shes", "sh"}, {"men", "man"}, {"s", ""}, {NULL, NULL}};
static const rule verb_s_rules[] = {
  {"ies", "y"}, {"es", "e"}, {"es", ""}, {"s", ""}, {NULL, NULL}};
static const rule verb_ed_rules[] = {
  {"ied", "y"}, {"ed", "e"}, {"ed", ""}, {NULL, NULL}};
static const rule verb_ing_rules[] = {
  {"ying", "ie"}, {"ing", "e"}, {"ing", ""}, {NULL, NULL}};
static const rule adj_er_rules[] = {
  {"ier", "y"}, {"er", "e"}, {"er", ""}, {NULL, NULL}};
static const rule adj_est_rules[] = {
  {"iest", "y"}, {"est", "e"}, {"est", ""}, {NULL, NULL}};

static int ends_with(const char *s, size_t len, const char *suf)
{
  size_t k = strlen(suf);
  return len > k && memcmp(s + len - k, suf, k) == 0;
}

static int is_vowel(char c)
{
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static uint32_t known_mask(const tkgp_lemmatizer *lm, const char *w)
{
  return lm->wn.slots ? tkgp_kmap32_get(&lm->wn, tkgp_hash_lower(w)) : 0;
}

/* Apply RULES to LOWER (LEN bytes) into OUT (256 bytes): the first
 * candidate known as a lemma with POS bit BIT, else the preferred guess. */
static void morphy(const tkgp_lemmatizer *lm, const char *lower, size_t len,
                   const rule *rules, uint32_t bit, int undouble, char *out)
{
  char cand[256], guess[256];
  int have_guess = 0;

  for (const rule *r = rules; r->suffix; r++) {
    size_t k = strlen(r->suffix), base;
    if (!ends_with(lower, len, r->suffix) || len - k + strlen(r->repl) >= 255)
      continue;
    base = len - k;
    memcpy(cand, lower, base);
    strcpy(cand + base, r->repl);
    if (known_mask(lm, cand) & bit) {
      strcpy(out, cand);
      return;
    }
    /* "stopped" -> "stopp" -> "stop" */
    if (undouble && !*r->repl && base >= 3 && cand[base - 1] == cand[base - 2] &&
        !is_vowel(cand[base - 1])) {
      char und[256];
      memcpy(und, cand, base - 1);
      und[base - 1] = '\0';
      if (known_mask(lm, und) & bit) {
        strcpy(out, und);
        return;
      }
      if (!have_guess && cand[base - 1] != 'l' && cand[base - 1] != 's' &&
          cand[base - 1] != 'z' && cand[base - 1] != 'f') {
        strcpy(guess, und);
        have_guess = 1;
      }
    }
    if (!have_guess) {
      /* Prefer "-es" -> "" after sibilants, "-ed"/"-ing" -> "" generally. */
      int prefer = 1;
      if (strcmp(r->suffix, "es") == 0 && !*r->repl)
        prefer = 1;
      else if (strcmp(r->suffix, "es") == 0)
        prefer = !(ends_with(lower, len, "ches") || ends_with(lower, len, "shes") ||
                   ends_with(lower, len, "sses") || ends_with(lower, len, "xes") ||
                   ends_with(lower, len, "zes"));
      else if ((strcmp(r->suffix, "ed") == 0 || strcmp(r->suffix, "ing") == 0 ||
                strcmp(r->suffix, "er") == 0 || strcmp(r->suffix, "est") == 0) &&
               *r->repl)
        prefer = 0;
      else if (strcmp(r->suffix, "men") == 0 || strcmp(r->suffix, "ses") == 0 ||
               strcmp(r->suffix, "ying") == 0)
        prefer = 0;
      if (prefer && strcmp(r->suffix, "s") == 0 && ends_with(lower, len, "ss"))
        prefer = 0;
      if (prefer) {
        strcpy(guess, cand);
        have_guess = 1;
      }
    }
  }
  if (have_guess)
    strcpy(out, guess);
  else
    memcpy(out, lower, len + 1);
}

const char *tkgp_lemmatize(const tkgp_lemmatizer *lm, const char *form,
                           uint64_t lower, uint32_t cls, const char *upos,
                           const char *xpos, tkgp_arena *arena)
{
  const tkgp_kmap_slot *s;
  char low[256], out[256];
  size_t len = strlen(form);
  const rule *rules = NULL;
  uint32_t bit = 0;
  char pos = 0;
  int undouble = 0;

  if (lm->lex.slots && (s = tkgp_kmap_get(&lm->lex, tkgp_lex_key(lower, cls))))
    return tkgp_strtab_get(&lm->strs, s->a);
  if (len >= 255 || strcmp(upos, "NUM") == 0 || strcmp(upos, "PUNCT") == 0 ||
      strcmp(upos, "SYM") == 0 || (strcmp(upos, "PROPN") == 0 &&
                                   strcmp(xpos, "NNPS") != 0))
    return form;
  for (size_t i = 0; i <= len; i++) {
    char c = form[i];
    low[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
  }
  if (strcmp(xpos, "NNS") == 0 || strcmp(xpos, "NNPS") == 0) {
    rules = noun_rules, bit = TKGP_WN_NOUN, pos = 'n';
  } else if (strcmp(xpos, "VBZ") == 0) {
    rules = verb_s_rules, bit = TKGP_WN_VERB, pos = 'v';
  } else if (strcmp(xpos, "VBD") == 0 || strcmp(xpos, "VBN") == 0) {
    rules = verb_ed_rules, bit = TKGP_WN_VERB, pos = 'v', undouble = 1;
  } else if (strcmp(xpos, "VBG") == 0) {
    rules = verb_ing_rules, bit = TKGP_WN_VERB, pos = 'v', undouble = 1;
  } else if (strcmp(xpos, "JJR") == 0 || strcmp(xpos, "RBR") == 0) {
    rules = adj_er_rules, bit = xpos[0] == 'J' ? TKGP_WN_ADJ : TKGP_WN_ADV;
    pos = xpos[0] == 'J' ? 'a' : 'r';
    undouble = 1;
  } else if (strcmp(xpos, "JJS") == 0 || strcmp(xpos, "RBS") == 0) {
    rules = adj_est_rules, bit = xpos[0] == 'J' ? TKGP_WN_ADJ : TKGP_WN_ADV;
    pos = xpos[0] == 'J' ? 'a' : 'r';
    undouble = 1;
  }
  if (rules) {
    if (lm->exc.slots && (s = tkgp_kmap_get(&lm->exc, tkgp_exc_key(low, pos))))
      return tkgp_strtab_get(&lm->strs, s->a);
    morphy(lm, low, len, rules, bit, undouble, out);
  } else {
    memcpy(out, low, len + 1);
  }
  if (strcmp(upos, "PROPN") == 0) {
    /* NNPS: keep the case of the form, drop what morphy dropped */
    size_t k = strlen(out);
    if (k <= len && memcmp(out, low, k) == 0) {
      memcpy(out, form, k);
      out[k] = '\0';
    }
  }
  if (strcmp(out, form) == 0)
    return form;
  return tkgp_arena_strndup(arena, out, strlen(out));
}
