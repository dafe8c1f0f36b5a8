/* tagger_train.c - training the tagger and its lemmatizer tables
 * SPDX-License-Identifier: MIT
 *
 * Two averaged perceptrons (Collins 2002) trained side by side on the
 * same shuffled sentences: pass 1 with the tags to the left, pass 2 with
 * pass 1's predictions to the right as well, so that pass 2 learns from
 * the mistakes pass 1 really makes. After each epoch both are frozen and
 * scored on the dev set; the best epoch (UPOS + XPOS) is saved.
 *
 * Before the first epoch, one pass over the corpus builds the tables the
 * run time looks up instead of learning: the (lowercased form, tag class)
 * -> (lemma, feats) lexicon, each class's most frequent feats, the words
 * WordNet and the training lemmas know for morphy, and the ambiguity
 * class of every frequent word. Cost: O(epochs x words x ~35 features)
 * for training, O(words) for the tables.
 */
#include "train/train.h"
#include "train/perceptron_train.h"
#include "core/clock.h"
#include "core/rand.h"
#include "eval/nlp_score.h"
#include "nlp/tagger_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_SECS TKGP_TAGGER_N_SECS
#define MAX_FEATS TKGP_TAGGER_MAX_FEATS
/* Words seen fewer times get no ambiguity class (too few to know their tags). */
#define AMB_MIN_COUNT 20

typedef struct trainer {
  tkgp_strmap *strs, *classes, *lex, *clsfeats, *masks, *exc;
  tkgp_buf sec[N_SECS];
  uint32_t *gold, *dev_gold;
  tkgp_tokinfo *ti, *dev_ti;
  uint32_t n_classes;
  tkgp_tagger t;            /* bound to sec: the tagger being trained */
  tkgp_perc_train *pt[2];   /* pass 1, pass 2 */
  tkgp_perc best[2];        /* frozen weights of the best epoch so far */
  size_t *order;            /* sentences in the order of this epoch */
  uint32_t *cls;            /* classes predicted in training */
} trainer;

/* Growing list of (key, a, b) items for tkgp_kmap_build(). */
typedef struct items {
  tkgp_kmap_slot *v;
  size_t n, cap;
} items;

static int push(items *it, uint64_t key, uint32_t a, uint32_t b)
{
  if (it->n == it->cap) {
    size_t nc = it->cap ? it->cap * 2 : 4096;
    tkgp_kmap_slot *ni = realloc(it->v, nc * sizeof *ni);
    if (!ni)
      return TKG_ENOMEM;
    it->v = ni;
    it->cap = nc;
  }
  it->v[it->n].key = key;
  it->v[it->n].a = a;
  it->v[it->n].b = b;
  it->n++;
  return 0;
}

static int intern(tkgp_strmap *strs, const char *s, uint32_t *idx)
{
  size_t i;
  if (!tkgp_strmap_slot(strs, s, strlen(s), &i))
    return TKG_ENOMEM;
  *idx = (uint32_t)i;
  return 0;
}

static int class_of(tkgp_strmap *classes, const tkgp_nlp_word *w, int create,
                    uint32_t *cls)
{
  char key[256];
  size_t i;
  int len = snprintf(key, sizeof key, "%s\001%s", w->upos, w->xpos);
  if (len < 0 || (size_t)len >= sizeof key)
    return TKG_EINPUT;
  if (!create) {
    /* look up without inserting: compare by scanning is too slow, so insert
     * into a probe and check the index is old */
    size_t before = tkgp_strmap_count(classes);
    if (!tkgp_strmap_slot(classes, key, (size_t)len, &i))
      return TKG_ENOMEM;
    *cls = i < before ? (uint32_t)i : UINT32_MAX;
    return 0;
  }
  if (!tkgp_strmap_slot(classes, key, (size_t)len, &i))
    return TKG_ENOMEM;
  *cls = (uint32_t)i;
  return 0;
}

static void lower_copy(char *dst, const char *src, size_t cap)
{
  size_t i;
  for (i = 0; src[i] && i + 1 < cap; i++) {
    char c = src[i];
    dst[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
  }
  dst[i] = '\0';
}

/* ---- tables ------------------------------------------------------------- */

/* Count (lower form, class, lemma, feats) and (class, feats); mark the
 * training lemmas as known lemmas for morphy. */
static int count_corpus(trainer *tr, const tkgp_corpus *train)
{
  char key[1024];

  for (size_t i = 0; i < train->n_words; i++) {
    const tkgp_nlp_word *w = &train->words[i];
    char low[512];
    long *v, bit = 0;
    int len;
    lower_copy(low, w->form, sizeof low);
    len = snprintf(key, sizeof key, "%s\001%u\001%s\001%s", low, tr->gold[i],
                   w->lemma, w->feats);
    if (len < 0 || (size_t)len >= sizeof key)
      continue;
    if (!(v = tkgp_strmap_slot(tr->lex, key, (size_t)len, NULL)))
      return TKG_ENOMEM;
    ++*v;
    len = snprintf(key, sizeof key, "%u\001%s", tr->gold[i], w->feats);
    if (len < 0 || (size_t)len >= sizeof key)
      continue;
    if (!(v = tkgp_strmap_slot(tr->clsfeats, key, (size_t)len, NULL)))
      return TKG_ENOMEM;
    ++*v;
    if (strcmp(w->upos, "NOUN") == 0)
      bit = TKGP_WN_NOUN;
    else if (strcmp(w->upos, "VERB") == 0 || strcmp(w->upos, "AUX") == 0)
      bit = TKGP_WN_VERB;
    else if (strcmp(w->upos, "ADJ") == 0)
      bit = TKGP_WN_ADJ;
    else if (strcmp(w->upos, "ADV") == 0)
      bit = TKGP_WN_ADV;
    if (bit) {
      lower_copy(low, w->lemma, sizeof low);
      if (!(v = tkgp_strmap_slot(tr->masks, low, strlen(low), NULL)))
        return TKG_ENOMEM;
      *v |= bit;
    }
  }
  return 0;
}

/* The lexicon's items: the most frequent (lemma, feats) of each (lower
 * form, class), a and b string indices (offsets once the table is written). */
static int lexicon_items(trainer *tr, items *out)
{
  tkgp_strmap *best = NULL;
  size_t n = tkgp_strmap_count(tr->lex);
  size_t *choice = calloc(n ? n : 1, sizeof *choice);
  int rc = TKG_ENOMEM;

  if (!choice || tkgp_strmap_new(&best) < 0)
    goto cleanup;
  for (size_t e = 0; e < n; e++) {
    const char *k = tkgp_strmap_key(tr->lex, e);
    const char *sep = strchr(k, '\001');
    size_t bi;
    long *v;
    sep = strchr(sep + 1, '\001');
    if (!(v = tkgp_strmap_slot(best, k, (size_t)(sep - k), &bi)))
      goto cleanup;
    if (*v == 0 || tkgp_strmap_value(tr->lex, e) > tkgp_strmap_value(tr->lex, choice[bi])) {
      *v = 1;
      choice[bi] = e;
    }
  }
  for (size_t bi = 0; bi < tkgp_strmap_count(best); bi++) {
    char buf[1024];
    char *f1, *f2, *f3;
    uint32_t lemma, feats, cls;
    strcpy(buf, tkgp_strmap_key(tr->lex, choice[bi]));
    f1 = strchr(buf, '\001');
    *f1++ = '\0';
    f2 = strchr(f1, '\001');
    *f2++ = '\0';
    f3 = strchr(f2, '\001');
    *f3++ = '\0';
    cls = (uint32_t)strtoul(f1, NULL, 10);
    if (intern(tr->strs, f2, &lemma) < 0 || intern(tr->strs, f3, &feats) < 0 ||
        push(out, tkgp_lex_key(tkgp_hash_lower(buf), cls), lemma, feats) < 0)
      goto cleanup;
  }
  rc = 0;
cleanup:
  tkgp_strmap_free(best);
  free(choice);
  return rc;
}

/* The most frequent feats of each class (string index), into CLSFEAT. */
static int class_defaults(trainer *tr, uint32_t *clsfeat)
{
  long *clsfeat_n = calloc(tr->n_classes, sizeof *clsfeat_n);

  if (!clsfeat_n)
    return TKG_ENOMEM;
  for (size_t e = 0; e < tkgp_strmap_count(tr->clsfeats); e++) {
    const char *k = tkgp_strmap_key(tr->clsfeats, e);
    uint32_t cls = (uint32_t)strtoul(k, NULL, 10), fi;
    long c = tkgp_strmap_value(tr->clsfeats, e);
    if (cls < tr->n_classes && c > clsfeat_n[cls]) {
      if (intern(tr->strs, strchr(k, '\001') + 1, &fi) < 0) {
        free(clsfeat_n);
        return TKG_ENOMEM;
      }
      clsfeat[cls] = fi;
      clsfeat_n[cls] = c;
    }
  }
  free(clsfeat_n);
  return 0;
}

/* The class table: the offsets of each class's upos, xpos and feats. The
 * class strings were all interned before the string table was written (by
 * the corpus pass of tkgp_tagger_train()), so they have offsets: NS
 * strings. */
static int class_table(trainer *tr, const uint32_t *clsfeat, const uint32_t *off,
                       size_t ns)
{
  for (uint32_t c = 0; c < tr->n_classes; c++) {
    char buf[256];
    uint32_t row[4], ui, xi;
    char *sep;
    strcpy(buf, tkgp_strmap_key(tr->classes, c));
    sep = strchr(buf, '\001');
    *sep = '\0';
    if (intern(tr->strs, buf, &ui) < 0 || intern(tr->strs, sep + 1, &xi) < 0)
      return TKG_ENOMEM;
    if (ui >= ns || xi >= ns)
      return TKG_ERROR;
    row[0] = off[ui];
    row[1] = off[xi];
    row[2] = off[clsfeat[c]];
    row[3] = 0;
    if (tkgp_buf_append(&tr->sec[TKGP_TSEC_CLASS], row, sizeof row) < 0)
      return TKG_ENOMEM;
  }
  return 0;
}

/* The string table, then what refers to it by offset: the lexicon LEX
 * (string indices replaced by offsets), the class table and the WordNet
 * exceptions. */
static int string_sections(trainer *tr, items *lex, const uint32_t *clsfeat)
{
  size_t ns = tkgp_strmap_count(tr->strs);
  uint32_t *off = malloc((ns ? ns : 1) * sizeof *off);
  items exc = {NULL, 0, 0};
  int rc = TKG_ENOMEM;

  if (!off)
    return TKG_ENOMEM;
  for (size_t i = 0; i < ns; i++)
    if (tkgp_buf_append_str(&tr->sec[TKGP_TSEC_STRS], tkgp_strmap_key(tr->strs, i),
                            &off[i]) < 0)
      goto cleanup;
  for (size_t i = 0; i < lex->n; i++) {
    lex->v[i].a = off[lex->v[i].a];
    lex->v[i].b = off[lex->v[i].b];
  }
  if (tkgp_kmap_build(&tr->sec[TKGP_TSEC_LEX], lex->v, lex->n) < 0)
    goto cleanup;
  rc = class_table(tr, clsfeat, off, ns);
  if (rc < 0)
    goto cleanup;
  rc = TKG_ENOMEM;
  for (size_t e = 0; e < tkgp_strmap_count(tr->exc); e++) {
    const char *k = tkgp_strmap_key(tr->exc, e);
    if (push(&exc, tkgp_exc_key(k + 2, k[0]), off[tkgp_strmap_value(tr->exc, e) - 1],
             0) < 0)
      goto cleanup;
  }
  if (tkgp_kmap_build(&tr->sec[TKGP_TSEC_EXC], exc.v, exc.n) < 0)
    goto cleanup;
  rc = 0;
cleanup:
  free(exc.v);
  free(off);
  return rc;
}

/* Ambiguity classes: a hash of the set of tags of each frequent word. */
static int ambiguity_section(trainer *tr, const tkgp_corpus *train)
{
  tkgp_strmap *words = NULL;
  uint64_t (*sets)[16] = NULL;
  long *freq = NULL;
  size_t cap = 0;
  items it = {NULL, 0, 0};
  int rc = TKG_ENOMEM;

  if (tkgp_strmap_new(&words) < 0)
    return TKG_ENOMEM;
  for (size_t i = 0; i < train->n_words; i++) {
    char low[512];
    size_t wi;
    lower_copy(low, train->words[i].form, sizeof low);
    if (!tkgp_strmap_slot(words, low, strlen(low), &wi))
      goto cleanup;
    if (wi >= cap) {
      size_t ncap = cap ? cap * 2 : 65536;
      void *ns = realloc(sets, ncap * sizeof *sets), *nf;
      if (!ns)
        goto cleanup;
      sets = ns;
      nf = realloc(freq, ncap * sizeof *freq);
      if (!nf)
        goto cleanup;
      freq = nf;
      memset(sets + cap, 0, (ncap - cap) * sizeof *sets);
      memset(freq + cap, 0, (ncap - cap) * sizeof *freq);
      cap = ncap;
    }
    sets[wi][tr->gold[i] / 64] |= 1ull << (tr->gold[i] % 64);
    freq[wi]++;
  }
  for (size_t e = 0; e < tkgp_strmap_count(words); e++) {
    uint64_t h;
    if (freq[e] < AMB_MIN_COUNT)
      continue;
    h = tkgp_hfin(tkgp_hash_bytes(sets[e], sizeof sets[e])) | 1;
    if (push(&it, tkgp_hash_lower(tkgp_strmap_key(words, e)), (uint32_t)h,
             (uint32_t)(h >> 32)) < 0)
      goto cleanup;
  }
  if (it.n == 0 && push(&it, 1, 0, 0) < 0)
    goto cleanup;
  if (tkgp_kmap_build(&tr->sec[TKGP_TSEC_AMB], it.v, it.n) < 0)
    goto cleanup;
  rc = 0;
cleanup:
  tkgp_strmap_free(words);
  free(sets);
  free(freq);
  free(it.v);
  return rc;
}

/* The WordNet and training parts of speech of every known word. */
static int wordnet_section(trainer *tr)
{
  items it = {NULL, 0, 0};
  int rc = TKG_ENOMEM;

  for (size_t e = 0; e < tkgp_strmap_count(tr->masks); e++)
    if (push(&it, tkgp_hash_lower(tkgp_strmap_key(tr->masks, e)),
             (uint32_t)tkgp_strmap_value(tr->masks, e), 0) < 0)
      goto cleanup;
  if (tkgp_kmap32_build(&tr->sec[TKGP_TSEC_WN], it.v, it.n) < 0)
    goto cleanup;
  rc = 0;
cleanup:
  free(it.v);
  return rc;
}

/* Every section but the weights: lexicon, class table, WordNet maps,
 * ambiguity classes, strings and parameters.
 * @return 0, TKG_ENOMEM (no message), TKG_ERROR or an error of WordNet's
 * files (message in WORLD). */
static int build_tables(trainer *tr, tkg_world *world, const tkgp_corpus *train,
                        const tkgp_train_opts *opts)
{
  items lex = {NULL, 0, 0};
  uint32_t *clsfeat = NULL;
  int rc;

  rc = count_corpus(tr, train);
  if (rc == 0 && opts->wordnet)
    rc = tkgp_wordnet_load(world, opts->wordnet, tr->masks, tr->exc, tr->strs);
  if (rc == 0)
    rc = lexicon_items(tr, &lex);
  if (rc == 0 && !(clsfeat = calloc(tr->n_classes, sizeof *clsfeat)))
    rc = TKG_ENOMEM;
  if (rc == 0)
    rc = class_defaults(tr, clsfeat);
  if (rc == 0)
    rc = string_sections(tr, &lex, clsfeat);
  if (rc == 0)
    rc = ambiguity_section(tr, train);
  if (rc == 0)
    rc = wordnet_section(tr);
  if (rc == 0) {
    uint32_t prm[4] = {tr->n_classes, TKGP_TAGGER_FEATURE_VERSION, 1, 0};
    if (tkgp_buf_append(&tr->sec[TKGP_TSEC_PARAM], prm, sizeof prm) < 0)
      rc = TKG_ENOMEM;
  }
  free(lex.v);
  free(clsfeat);
  return rc;
}

/* ---- training ----------------------------------------------------------- */

static void eval_dev(const tkgp_tagger *t, const tkgp_corpus *dev,
                     tkgp_tokinfo *ti, tkgp_score *score)
{
  tkgp_nlp_word *pred = malloc((dev->n_words ? dev->n_words : 1) * sizeof *pred);
  uint32_t *cls = malloc((dev->n_words ? dev->n_words : 1) * sizeof *cls);
  tkgp_arena arena;

  memset(score, 0, sizeof *score);
  if (!pred || !cls) {
    free(pred);
    free(cls);
    return;
  }
  tkgp_arena_init(&arena, 0);
  for (size_t s = 0; s < dev->n_sents; s++) {
    size_t a = dev->start[s], n = dev->start[s + 1] - a;
    for (size_t i = 0; i < n; i++) {
      memset(&pred[a + i], 0, sizeof *pred);
      pred[a + i].form = dev->words[a + i].form;
      pred[a + i].head = -1;
    }
    tkgp_tagger_run(t, pred + a, n, ti + a, cls + a, &arena);
    tkgp_score_add(score, pred + a, dev->words + a, n);
  }
  tkgp_arena_finish(&arena);
  free(pred);
  free(cls);
}

static void trainer_finish(trainer *tr)
{
  tkgp_perc_finish(&tr->best[0]);
  tkgp_perc_finish(&tr->best[1]);
  tkgp_perc_train_free(tr->pt[0]);
  tkgp_perc_train_free(tr->pt[1]);
  tkgp_strmap_free(tr->strs);
  tkgp_strmap_free(tr->classes);
  tkgp_strmap_free(tr->lex);
  tkgp_strmap_free(tr->clsfeats);
  tkgp_strmap_free(tr->masks);
  tkgp_strmap_free(tr->exc);
  for (int i = 0; i < N_SECS; i++)
    tkgp_buf_finish(&tr->sec[i]);
  free(tr->gold);
  free(tr->dev_gold);
  free(tr->ti);
  free(tr->dev_ti);
  free(tr->order);
  free(tr->cls);
}

/* The tables, and the tagger bound to them with the words' features.
 * @return 0, TKG_ENOMEM (no message) or an error with its message. */
static int trainer_init(trainer *tr, tkg_world *world, const tkgp_corpus *train,
                        const tkgp_corpus *dev, const tkgp_train_opts *opts)
{
  tkgp_tagger_sections s;
  int rc;

  memset(tr, 0, sizeof *tr);
  tr->t.sure_margin = HUGE_VALF; /* dev scores of the full second pass */
  if (tkgp_strmap_new(&tr->strs) < 0 || tkgp_strmap_new(&tr->classes) < 0 ||
      tkgp_strmap_new(&tr->lex) < 0 || tkgp_strmap_new(&tr->clsfeats) < 0 ||
      tkgp_strmap_new(&tr->masks) < 0 || tkgp_strmap_new(&tr->exc) < 0)
    return TKG_ENOMEM;
  tr->gold = malloc((train->n_words + 1) * sizeof *tr->gold);
  tr->dev_gold = malloc((dev->n_words + 1) * sizeof *tr->dev_gold);
  tr->ti = malloc((train->n_words + 1) * sizeof *tr->ti);
  tr->dev_ti = malloc((dev->n_words + 1) * sizeof *tr->dev_ti);
  tr->order = malloc((train->n_sents + 1) * sizeof *tr->order);
  tr->cls = malloc((train->n_words + 1) * sizeof *tr->cls);
  if (!tr->gold || !tr->dev_gold || !tr->ti || !tr->dev_ti || !tr->order || !tr->cls)
    return TKG_ENOMEM;
  /* the classes, and their strings first in the string table */
  for (size_t i = 0; i < train->n_words; i++) {
    uint32_t u;
    if (class_of(tr->classes, &train->words[i], 1, &tr->gold[i]) < 0 ||
        intern(tr->strs, train->words[i].upos, &u) < 0 ||
        intern(tr->strs, train->words[i].xpos, &u) < 0)
      return TKG_ENOMEM;
  }
  tr->n_classes = (uint32_t)tkgp_strmap_count(tr->classes);
  if (tr->n_classes == 0 || tr->n_classes >= 1024)
    return tkgp_error(world, TKG_EINPUT, "training data has %u tag classes",
                      tr->n_classes);
  rc = build_tables(tr, world, train, opts);
  if (rc < 0)
    return rc;
  for (int i = 0; i < N_SECS; i++) {
    s.data[i] = tr->sec[i].data;
    s.size[i] = tr->sec[i].len;
  }
  rc = tkgp_tagger_bind(&tr->t, &s, 0);
  if (rc < 0)
    return tkgp_error(world, rc, "internal error building tagger tables");
  for (size_t i = 0; i < train->n_words; i++)
    tkgp_tagger_tokinfo(&tr->t.lm, train->words[i].form, &tr->ti[i]);
  for (size_t i = 0; i < dev->n_words; i++)
    tkgp_tagger_tokinfo(&tr->t.lm, dev->words[i].form, &tr->dev_ti[i]);
  if (tkgp_perc_train_new(&tr->pt[0], tr->n_classes) < 0 ||
      tkgp_perc_train_new(&tr->pt[1], tr->n_classes) < 0)
    return TKG_ENOMEM;
  for (size_t i = 0; i < train->n_sents; i++)
    tr->order[i] = i;
  return 0;
}

/* One pass over the shuffled sentences, both passes of each word; CORRECT
 * counts the words each pass got right before its update. */
static int train_epoch(trainer *tr, const tkgp_corpus *train, uint64_t *rng,
                       size_t correct[2])
{
  uint64_t f[MAX_FEATS];
  float scores[1024];

  tkgp_shuffle(tr->order, train->n_sents, rng);
  for (size_t oi = 0; oi < train->n_sents; oi++) {
    size_t a = train->start[tr->order[oi]], n = train->start[tr->order[oi] + 1] - a;
    for (int pass = 0; pass < 2; pass++)
      for (size_t i = 0; i < n; i++) {
        size_t nf = tkgp_tagger_features(tr->ti + a, n, i, tr->cls + a, pass, f);
        uint32_t g = tr->gold[a + i], p = 0;
        tkgp_perc_train_score(tr->pt[pass], f, nf, scores);
        for (uint32_t c = 1; c < tr->n_classes; c++)
          if (scores[c] > scores[p])
            p = c;
        if (p != g) {
          if (tkgp_perc_train_update(tr->pt[pass], f, nf, g, 1.0f) < 0 ||
              tkgp_perc_train_update(tr->pt[pass], f, nf, p, -1.0f) < 0)
            return TKG_ENOMEM;
        } else {
          correct[pass]++;
        }
        tkgp_perc_train_tick(tr->pt[pass]);
        tr->cls[a + i] = p;
      }
  }
  return 0;
}

/* Freeze both passes pruned at PRUNE into FR and score them on DEV. */
static int freeze_and_score(trainer *tr, const tkgp_corpus *dev, float prune,
                            tkgp_perc fr[2], tkgp_score *sc)
{
  if (tkgp_perc_freeze(tr->pt[0], prune, &fr[0]) < 0)
    return TKG_ENOMEM;
  if (tkgp_perc_freeze(tr->pt[1], prune, &fr[1]) < 0) {
    tkgp_perc_finish(&fr[0]);
    return TKG_ENOMEM;
  }
  tr->t.perc[0] = fr[0];
  tr->t.perc[1] = fr[1];
  eval_dev(&tr->t, dev, tr->dev_ti, sc);
  memset(tr->t.perc, 0, sizeof tr->t.perc);
  return 0;
}

static void report_epoch(const trainer *tr, const tkgp_corpus *train, int epoch,
                         const size_t correct[2], const tkgp_score *sc, double t0)
{
  size_t nfeat, nw;
  tkgp_perc_train_stats(tr->pt[1], &nfeat, &nw);
  fprintf(stderr,
          "textkg: tagger epoch %d: train %.2f%% / %.2f%%, dev UPOS %.2f%% "
          "XPOS %.2f%% UFeats %.2f%% lemma %.2f%% (%zu features, %zu weights, %.1fs)\n",
          epoch, 100.0 * correct[0] / train->n_words,
          100.0 * correct[1] / train->n_words,
          100.0 * sc->upos / (sc->words ? sc->words : 1),
          100.0 * sc->xpos / (sc->words ? sc->words : 1),
          100.0 * sc->feats / (sc->words ? sc->words : 1),
          100.0 * sc->lemma / (sc->words ? sc->words : 1), nfeat, nw,
          tkgp_now() - t0);
}

/* --prune-scan: the dev scores of the last epoch at other thresholds. */
static int prune_scan(trainer *tr, const tkgp_corpus *dev)
{
  static const float thr[8] = {0.25f, 0.5f, 1, 2, 3, 5, 8, 12};
  for (int k = 0; k < 8; k++) {
    tkgp_perc fr[2];
    tkgp_score sc;
    if (freeze_and_score(tr, dev, thr[k], fr, &sc) < 0)
      return TKG_ENOMEM;
    fprintf(stderr, "textkg: tagger: prune %.2f: %u+%u entries, %u+%u slots, dev UPOS %.2f%% XPOS %.2f%%\n",
            thr[k], fr[0].n_entries, fr[1].n_entries, fr[0].n_slots, fr[1].n_slots,
            100.0 * sc.upos / (sc.words ? sc.words : 1),
            100.0 * sc.xpos / (sc.words ? sc.words : 1));
    tkgp_perc_finish(&fr[0]);
    tkgp_perc_finish(&fr[1]);
  }
  return 0;
}

/* The tables and the best epoch's weights, as a model file at PATH. */
static int save_model(const trainer *tr, tkg_world *world, const char *path)
{
  tkgp_model_writer *mw = NULL;
  int rc;

  if (tkgp_model_writer_new(&mw, TKGP_KIND_TAGGER) < 0)
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  for (int i = 0; i < N_SECS; i++) {
    tkgp_buf b = {0};
    if (i == TKGP_TSEC_PERC || i == TKGP_TSEC_PER2) {
      if (tkgp_perc_serialize(&tr->best[i - TKGP_TSEC_PERC], &b) < 0)
        rc = TKG_ENOMEM;
      else
        rc = tkgp_model_writer_add(mw, tkgp_tagger_sec_ids[i], b.data, b.len);
      tkgp_buf_finish(&b);
    } else {
      rc = tkgp_model_writer_add(mw, tkgp_tagger_sec_ids[i], tr->sec[i].data,
                                 tr->sec[i].len);
    }
    if (rc < 0) {
      tkgp_model_writer_free(mw);
      return tkgp_error(world, TKG_ENOMEM, "out of memory");
    }
  }
  rc = tkgp_model_writer_save(mw, world, path);
  tkgp_model_writer_free(mw);
  return rc;
}

int tkgp_tagger_train(tkg_world *world, const tkgp_corpus *train,
                      const tkgp_corpus *dev, const tkgp_train_opts *opts,
                      const char *path)
{
  trainer tr;
  uint64_t rng = opts->seed ? opts->seed : 1;
  double best_acc = -1;
  int rc, best_epoch = 0;

  rc = trainer_init(&tr, world, train, dev, opts);
  if (rc < 0)
    goto cleanup;
  for (int epoch = 1; epoch <= opts->epochs; epoch++) {
    double t0 = tkgp_now();
    size_t correct[2] = {0, 0};
    tkgp_score sc;
    tkgp_perc fr[2];

    if (train_epoch(&tr, train, &rng, correct) < 0 ||
        freeze_and_score(&tr, dev, opts->prune, fr, &sc) < 0) {
      rc = TKG_ENOMEM;
      goto cleanup;
    }
    if (!opts->quiet)
      report_epoch(&tr, train, epoch, correct, &sc, t0);
    if ((double)(sc.upos + sc.xpos) > best_acc) {
      best_acc = (double)(sc.upos + sc.xpos);
      best_epoch = epoch;
      tkgp_perc_finish(&tr.best[0]);
      tkgp_perc_finish(&tr.best[1]);
      tr.best[0] = fr[0];
      tr.best[1] = fr[1];
    } else {
      tkgp_perc_finish(&fr[0]);
      tkgp_perc_finish(&fr[1]);
    }
  }
  if (opts->prune_scan && prune_scan(&tr, dev) < 0) {
    rc = TKG_ENOMEM;
    goto cleanup;
  }
  if (!opts->quiet)
    fprintf(stderr, "textkg: tagger: keeping epoch %d\n", best_epoch);
  rc = save_model(&tr, world, path);
cleanup:
  if (rc == TKG_ENOMEM)
    rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
  trainer_finish(&tr);
  return rc;
}
