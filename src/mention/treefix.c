/* treefix.c - mend the parse where the parser breaks news phrases
 * SPDX-License-Identifier: MIT
 *
 * First, a dateline opening a sentence is made a fragment of its own
 * (detach_dateline()), and a compound noun after "and" that the parser
 * split into two conjuncts ("exports and fuel supplies") is joined
 * again (conjoined_compound()). Then the titled names:
 *
 * The parser learnt English from web text and essays, where a phrase such
 * as "Russian Foreign Minister Jane Roe" is rare. After a verb or a
 * preposition it often breaks it: "meet Russian ..." makes the demonym an
 * xcomp of the verb and the name its obl; "led by Ukrainian ..." hangs
 * "by" on the verb as an adverb. The mention stage has already found the
 * phrase on the surface (a title mention with its holder), so the tree is
 * mended before the entity and relation stages read it:
 *
 *   - the phrase becomes one subtree, headed by the name's first word,
 *     as UD heads names ("Jane" in "Jane Roe");
 *   - that word takes the phrase's place in the sentence: the head and
 *     relation of the phrase word the parser attached outside it, with a
 *     nominal relation where the parser gave a clausal one (nsubj before
 *     a verb that has none, obj after one);
 *   - a preposition just before the phrase, whose only role was to hold
 *     it, becomes its case marker ("by" -> obl:agent in a passive clause);
 *   - the other words of the phrase that were attached outside it are
 *     attached to the name (amod for adjectives, compound otherwise);
 *   - a phrase right after a verb without an object, hung on a later word
 *     as an apposition or as a second subject, is the verb's object;
 *   - a phrase left as the root, with the verb after it hung under the
 *     name as part of it, is that verb's subject.
 *
 * Phrases the parser got right (one word attached outside, the name) are
 * left alone. A mend that would break the tree (a cycle) is undone.
 * Cost: linear in the words of the phrases.
 */
#include "mention/treefix.h"

#include <string.h>

#define PHRASE_MAX 24 /* words of a titled name, title included */
#define MOVED_MAX 16  /* dependents outside the phrase moved to its head */
#define REACH 256     /* a word's children and ancestors lie within this many
                       * words of it: long sentences are parsed in windows of
                       * 200 words, each its own tree */

enum { NONE = -1 };

static int base_is(const char *deprel, const char *rel)
{
  size_t n = strlen(rel);
  return deprel && strncmp(deprel, rel, n) == 0 && (deprel[n] == '\0' || deprel[n] == ':');
}

static int upos_is(const tkgp_nlp_word *w, const char *upos)
{
  return w->upos && strcmp(w->upos, upos) == 0;
}

/* Relations a noun phrase may bear. */
static int nominal_relation(const char *deprel)
{
  static const char *const rels[] = {"nsubj", "obj", "iobj", "obl", "nmod", "appos",
                                     "conj", "root", "vocative", "dislocated", "list"};
  size_t k;
  for (k = 0; k < sizeof rels / sizeof *rels; k++)
    if (base_is(deprel, rels[k]))
      return 1;
  return 0;
}

/* Word I of the sentence of N words W has a child with relation REL
 * outside [LO, HI]. */
static int has_child(const tkgp_nlp_word *w, int n, int i, const char *rel, int lo, int hi)
{
  int c, end = i + REACH < n ? i + REACH : n;
  for (c = i > REACH ? i - REACH : 0; c < end; c++)
    if ((c < lo || c > hi) && w[c].head - 1 == i && base_is(w[c].deprel, rel))
      return 1;
  return 0;
}

/* The relation of a phrase headed by H under A when the parser gave it a
 * clausal one: a subject before a predicate that has none, an object
 * after one that has none, an apposition under a noun. */
static const char *nominal_for(const tkgp_nlp_word *w, int n, int a, int h, int lo, int hi)
{
  if (a < 0)
    return "root";
  if (upos_is(&w[a], "NOUN") || upos_is(&w[a], "PROPN"))
    return "appos";
  if (h < a && !has_child(w, n, a, "nsubj", lo, hi))
    return "nsubj";
  if (h > a && !has_child(w, n, a, "obj", lo, hi))
    return "obj";
  return "obl";
}

/* First token of the sentence starting at or after byte START; last one
 * ending at or before byte END. */
static int token_at(const tkgp_token *tok, int n, size_t start)
{
  int lo = 0, hi = n;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (tok[mid].start < start)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < n ? lo : NONE;
}

static int token_before(const tkgp_token *tok, int n, size_t end)
{
  int lo = 0, hi = n;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (tok[mid].end <= end)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo - 1;
}

/* Whether following heads up from word I of W returns to it, or goes on
 * for longer than a tree of REACH words can (then it loops elsewhere). */
static int in_cycle(const tkgp_nlp_word *w, int i)
{
  int at = i, steps;
  for (steps = 0; steps <= 2 * REACH; steps++) {
    at = w[at].head - 1;
    if (at < 0)
      return 0;
    if (at == i)
      return 1;
  }
  return 1;
}

/* "might meet Russian Foreign Minister X next month": a phrase [LO, HI]
 * headed by H, right after a verb without an object, that the parser hung
 * on a word after it as an apposition, or as the subject of a verb that
 * has one already ("meet ... X if the ceasefire holds"), is the verb's
 * object. */
static int misplaced_object(tkgp_nlp_word *w, int n, int lo, int hi, int h)
{
  int v = lo - 1, g = w[h].head - 1, c, end, other_subject = 0;
  const char *rel = w[h].deprel;
  if (v < 0 || !upos_is(&w[v], "VERB") || g <= hi || has_child(w, n, v, "obj", lo, hi))
    return 0;
  end = g + REACH < n ? g + REACH : n;
  for (c = g > REACH ? g - REACH : 0; c < end; c++)
    other_subject |= c != h && w[c].head - 1 == g && base_is(w[c].deprel, "nsubj");
  if (!(base_is(rel, "appos") || (base_is(rel, "nsubj") && other_subject)))
    return 0;
  w[h].head = v + 1;
  w[h].deprel = "obj";
  if (in_cycle(w, h)) {
    w[h].head = g + 1;
    w[h].deprel = rel;
    return 0;
  }
  return 1;
}

/* "Qatari Prime Minister X welcomed Y": a phrase ending at HI, headed by H, that
 * is the root, with a verb after it that the parser hung under the name
 * by a relation no clause bears (flat, compound, conj...), is the verb's
 * subject; the verb is the root, and takes what followed it. */
static int verb_under_name(tkgp_nlp_word *w, int n, int hi, int h)
{
  static const char *const clausal[] = {"acl", "advcl", "ccomp", "xcomp", "parataxis", "csubj"};
  int v, c, end = hi + REACH < n ? hi + REACH : n;
  size_t k;
  if (w[h].head != 0)
    return 0;
  for (v = hi + 1; v < end; v++)
    if (w[v].head - 1 == h && upos_is(&w[v], "VERB"))
      break;
  if (v == end)
    return 0;
  for (k = 0; k < sizeof clausal / sizeof *clausal; k++)
    if (base_is(w[v].deprel, clausal[k]))
      return 0;
  for (c = v + 1; c < end; c++)
    if (w[c].head - 1 == h)
      w[c].head = v + 1;
  w[v].head = 0;
  w[v].deprel = "root";
  w[h].head = v + 1;
  w[h].deprel = "nsubj";
  return 1;
}

/* A titled name, words [lo, hi] with the name from H, as mend() rebuilds
 * it, and what it was before, to undo a mend that breaks the tree. */
typedef struct phrase_mend {
  tkgp_nlp_word *w; /* the sentence's words */
  int n, lo, hi, h;
  int outside[PHRASE_MAX], n_outside; /* its words attached outside it */
  int moved[MOVED_MAX], moved_head[MOVED_MAX], n_moved; /* see collect_moved() */
  int saved_head[PHRASE_MAX + 1]; /* the phrase, then the word before it */
  const char *saved_rel[PHRASE_MAX + 1];
  int below, below_head; /* the word lifted to the phrase's place, or NONE */
  const char *below_rel;
} phrase_mend;

/* The word whose place the phrase takes: the name's own, when the parser
 * attached it outside with a nominal relation; else that of the word
 * attached outside with a nominal relation; else the first word attached
 * outside. */
static int phrase_place(const phrase_mend *pm)
{
  const tkgp_nlp_word *w = pm->w;
  int k, h = pm->h;
  for (k = 0; k < pm->n_outside; k++)
    if (pm->outside[k] == h && nominal_relation(w[h].deprel) && !base_is(w[h].deprel, "root"))
      return h;
  for (k = 0; k < pm->n_outside; k++)
    if (nominal_relation(w[pm->outside[k]].deprel) && !base_is(w[pm->outside[k]].deprel, "root"))
      return pm->outside[k];
  return pm->outside[0];
}

/* Dependents outside the phrase of its words that will hang on the name
 * ("with" and "in Berlin" under "Hofmann" in "with Chancellor Lena
 * Hofmann in Berlin", a conjunct) move to the name. Whether they are few
 * enough to be noted (MOVED_MAX). */
static int collect_moved(phrase_mend *pm)
{
  const tkgp_nlp_word *w = pm->w;
  int lo = pm->lo, hi = pm->hi, c, k, end = hi + REACH < pm->n ? hi + REACH : pm->n;
  for (c = lo > REACH ? lo - REACH : 0; c < end; c++) {
    int hd = w[c].head - 1;
    if ((c >= lo && c <= hi) || hd < lo || hd > hi || hd == pm->h)
      continue;
    for (k = 0; k < pm->n_outside && pm->outside[k] != hd; k++)
      ;
    if (k == pm->n_outside)
      continue; /* its head keeps its place in the phrase */
    if (pm->n_moved == MOVED_MAX)
      return 0;
    pm->moved_head[pm->n_moved] = w[c].head;
    pm->moved[pm->n_moved++] = c;
  }
  return 1;
}

/* Save what may change: the phrase and the word before it. */
static void save_phrase(phrase_mend *pm)
{
  const tkgp_nlp_word *w = pm->w;
  int i, lo = pm->lo, hi = pm->hi;
  for (i = lo; i <= hi; i++) {
    pm->saved_head[i - lo] = w[i].head;
    pm->saved_rel[i - lo] = w[i].deprel;
  }
  if (lo > 0) {
    pm->saved_head[hi - lo + 1] = w[lo - 1].head;
    pm->saved_rel[hi - lo + 1] = w[lo - 1].deprel;
  }
}

/* "Dutch Foreign Minister X attended": when the parser made the phrase's
 * first word the root and hung the verb under it, the verb (the word
 * below the phrase on the path up from A, the name's new head) takes the
 * place the phrase had. It is saved in pm->below first. */
static void lift_word_below(phrase_mend *pm, int a)
{
  tkgp_nlp_word *w = pm->w;
  int i, k, lo = pm->lo, hi = pm->hi;
  pm->below = NONE;
  for (i = a, k = 0; i >= 0 && k <= 2 * REACH; i = w[i].head - 1, k++) {
    int up = w[i].head - 1;
    if (up >= lo && up <= hi) {
      pm->below = i;
      while (up >= lo && up <= hi && w[up].head - 1 >= lo && w[up].head - 1 <= hi)
        up = w[up].head - 1; /* the phrase's top */
      pm->below_head = w[i].head;
      pm->below_rel = w[i].deprel;
      w[i].head = w[up].head;
      w[i].deprel = w[up].deprel;
      return;
    }
  }
}

/* The name at H takes the place of word T, under A; the phrase's other
 * words, and the dependents collected, hang on the name. */
static void attach_to_name(phrase_mend *pm, int t, int a)
{
  tkgp_nlp_word *w = pm->w;
  int k, lo = pm->lo, hi = pm->hi, h = pm->h;
  if (a == lo - 1 && a >= 0 && upos_is(&w[a], "ADP") &&
      (w[a].head - 1 < lo || w[a].head - 1 > hi)) {
    /* "led by Ukrainian Foreign Minister X": "by" marks the phrase. */
    int b = w[a].head - 1;
    int passive = b >= 0 && has_child(w, pm->n, b, "aux:pass", lo, hi);
    w[h].head = b + 1;
    w[h].deprel = b < 0 ? "root"
                  : upos_is(&w[b], "NOUN") || upos_is(&w[b], "PROPN") ? "nmod"
                  : passive && w[a].lemma && strcmp(w[a].lemma, "by") == 0 ? "obl:agent"
                                                                           : "obl";
    w[a].head = h + 1;
    w[a].deprel = "case";
  } else if (t != h) {
    w[h].head = a + 1;
    w[h].deprel =
        nominal_relation(w[t].deprel) ? w[t].deprel : nominal_for(w, pm->n, a, h, lo, hi);
  }
  for (k = 0; k < pm->n_moved; k++)
    if (pm->moved[k] != pm->below && pm->moved[k] != a)
      w[pm->moved[k]].head = h + 1;
  for (k = 0; k < pm->n_outside; k++) {
    int u = pm->outside[k];
    if (u == h)
      continue;
    w[u].head = h + 1;
    w[u].deprel = u > h ? "flat" : upos_is(&w[u], "ADJ") ? "amod" : "compound";
  }
}

/* Whether the mend made a cycle through the phrase, the word before it
 * or the word lifted. */
static int mend_breaks_tree(const phrase_mend *pm)
{
  int i;
  for (i = pm->lo - (pm->lo > 0); i <= pm->hi + 1; i++)
    if (i <= pm->hi ? in_cycle(pm->w, i) : pm->below != NONE && in_cycle(pm->w, pm->below))
      return 1;
  return 0;
}

/* Put back what the mend changed. */
static void undo_mend(phrase_mend *pm)
{
  tkgp_nlp_word *w = pm->w;
  int k, lo = pm->lo, hi = pm->hi;
  for (k = lo; k <= hi; k++) {
    w[k].head = pm->saved_head[k - lo];
    w[k].deprel = pm->saved_rel[k - lo];
  }
  if (lo > 0) {
    w[lo - 1].head = pm->saved_head[hi - lo + 1];
    w[lo - 1].deprel = pm->saved_rel[hi - lo + 1];
  }
  if (pm->below != NONE) {
    w[pm->below].head = pm->below_head;
    w[pm->below].deprel = pm->below_rel;
  }
  for (k = 0; k < pm->n_moved; k++)
    w[pm->moved[k]].head = pm->moved_head[k];
}

static int mend(tkgp_nlp_word *words, const tkgp_tokens *tokens, const tkgp_mention *title,
                const tkgp_mention *name)
{
  const tkgp_sentence *sen = &tokens->sentences[title->sentence];
  const tkgp_token *tok = tokens->tokens + sen->first;
  phrase_mend pm;
  int last_title, i, t, a;

  memset(&pm, 0, sizeof pm);
  pm.w = words + sen->first;
  pm.n = (int)sen->count;
  pm.lo = token_at(tok, pm.n, title->start);
  last_title = token_before(tok, pm.n, title->end);
  pm.h = token_at(tok, pm.n, name->start);
  pm.hi = token_before(tok, pm.n, name->end);
  /* Only a title directly before its name: "Foreign Minister, Jane Roe"
   * is an apposition the parser reads well. */
  if (pm.lo == NONE || pm.h == NONE || last_title + 1 != pm.h || pm.hi < pm.h ||
      pm.hi - pm.lo >= PHRASE_MAX)
    return 0;
  for (i = pm.lo; i <= pm.hi; i++)
    if (pm.w[i].head - 1 < pm.lo || pm.w[i].head - 1 > pm.hi)
      pm.outside[pm.n_outside++] = i;
  if (pm.n_outside == 0)
    return 0;
  if (pm.n_outside == 1 && pm.outside[0] == pm.h) {
    /* Attached outside by its name alone: the phrase itself holds. */
    int changed = misplaced_object(pm.w, pm.n, pm.lo, pm.hi, pm.h);
    changed += verb_under_name(pm.w, pm.n, pm.hi, pm.h);
    return changed > 0;
  }

  t = phrase_place(&pm);
  a = pm.w[t].head - 1;
  if (!collect_moved(&pm))
    return 0;
  save_phrase(&pm);
  lift_word_below(&pm, a);
  attach_to_name(&pm, t, a);
  if (mend_breaks_tree(&pm)) {
    undo_mend(&pm);
    return 0;
  }
  misplaced_object(pm.w, pm.n, pm.lo, pm.hi, pm.h);
  verb_under_name(pm.w, pm.n, pm.hi, pm.h);
  return 1;
}

/* "oil exports and fuel supplies" parsed with "fuel" and "supplies" both
 * conjuncts of "exports". Two conjuncts of one head side by side, with
 * no "and" or comma between them, are not two conjuncts: the first noun
 * is a compound of the second, which takes over its dependents (all
 * before it: the "and", a determiner). */
static int conjoined_compound(tkgp_nlp_word *w, int n, int i)
{
  int c, end = i + REACH < n ? i + REACH : n;
  if (i + 1 >= n || !base_is(w[i].deprel, "conj") || !base_is(w[i + 1].deprel, "conj") ||
      w[i].head != w[i + 1].head || !upos_is(&w[i], "NOUN") || !upos_is(&w[i + 1], "NOUN"))
    return 0;
  for (c = i + 1; c < end; c++)
    if (w[c].head - 1 == i)
      return 0;
  for (c = i > REACH ? i - REACH : 0; c < i; c++)
    if (w[c].head - 1 == i)
      w[c].head = i + 2;
  w[i].head = i + 2;
  w[i].deprel = "compound";
  return 1;
}

/* A dateline opening the sentence ("OSLO (Agency) - Norway signed
 * ...") stays in it, and the parser reads the place as a subject.
 * The dateline becomes one fragment, headed by its first word and
 * attached as "dep" to the root of the rest, which takes back whatever
 * the parser had hung on the dateline. */
static int detach_dateline(tkgp_nlp_word *w, const tkgp_token *tok, int n)
{
  int d = 0, root = NONE, i;
  while (d < n && (tok[d].flags & TKGP_TOKEN_DATELINE))
    d++;
  if (d == 0 || d >= n)
    return 0;
  /* the rest's root: the word the parser made the root, else the first
   * one it hung on the dateline (a verb preferred) */
  for (i = d; i < n && root == NONE; i++)
    if (w[i].head == 0)
      root = i;
  for (i = d; i < n && root == NONE; i++)
    if (w[i].head - 1 < d && upos_is(&w[i], "VERB"))
      root = i;
  for (i = d; i < n && root == NONE; i++)
    if (w[i].head - 1 < d)
      root = i;
  if (root == NONE)
    return 0;
  for (i = d; i < n; i++)
    if (i != root && w[i].head - 1 < d) {
      if (w[i].head == 0)
        w[i].deprel = "parataxis";
      w[i].head = root + 1;
    }
  w[root].head = 0;
  w[root].deprel = "root";
  for (i = 1; i < d; i++)
    if (w[i].head == 0 || w[i].head - 1 >= d)
      w[i].head = 1;
  w[0].head = root + 1;
  w[0].deprel = "dep";
  return 1;
}

size_t tkgp_treefix_datelines(tkgp_nlp_word *words, const tkgp_tokens *tokens)
{
  size_t s, mended = 0;
  for (s = 0; s < tokens->n_sentences; s++) {
    const tkgp_sentence *sen = &tokens->sentences[s];
    mended += (size_t)detach_dateline(words + sen->first, tokens->tokens + sen->first,
                                      (int)sen->count);
  }
  return mended;
}

size_t tkgp_treefix_conjuncts(tkgp_nlp_word *words, const tkgp_tokens *tokens)
{
  size_t s, mended = 0;
  for (s = 0; s < tokens->n_sentences; s++) {
    const tkgp_sentence *sen = &tokens->sentences[s];
    int i, n = (int)sen->count;
    for (i = 0; i + 1 < n; i++)
      mended += (size_t)conjoined_compound(words + sen->first, n, i);
  }
  return mended;
}

size_t tkgp_treefix_titled(tkgp_nlp_word *words, const tkgp_tokens *tokens,
                           const tkgp_mention_list *list)
{
  size_t m, mended = 0;
  for (m = 0; m < list->n_mentions; m++) {
    const tkgp_mention *title = &list->mentions[m], *name;
    if (title->kind != TKGP_MENTION_TITLE || title->holder < 0)
      continue;
    name = &list->mentions[title->holder];
    if (name->sentence != title->sentence || name->start <= title->start)
      continue;
    mended += (size_t)mend(words, tokens, title, name);
  }
  return mended;
}
