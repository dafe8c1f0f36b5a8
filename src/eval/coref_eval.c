/* coref_eval.c - `textkg eval coref`: coreference scores on GUM
 * SPDX-License-Identifier: MIT
 *
 * For each CoNLL-2012 bracket file (GUM coref/NAME.conll: one document,
 * lines "INDEX<TAB>FORM<TAB>BRACKETS", INDEX counting words from 0 over
 * the whole document, BRACKETS "_" or a run of "(type-ID[-Wiki_title]",
 * "type-ID[-title])" and "(type-ID[-title])"), the sentences come from
 * the CoNLL-U file of the same document (DEP/NAME.conllu, by default
 * ../dep/ next to the coref folder). textkg tags and parses the gold
 * words itself (or, with --gold-syntax, takes the treebank's analysis)
 * and then resolves twice:
 *
 *   predicted  mentions detected by textkg, end to end
 *   gold       the key's mention spans given, resolution only
 *
 * Each is scored with MUC, B3 and CEAFe (phi4) and their average (the
 * CoNLL score), both with singletons (all of GUM's mentions, as GUM
 * annotates them) and without (chains of one mention removed from key
 * and response, the CoNLL-2012 convention, where the key had none).
 * Mentions match only on the exact span. Counts are summed over files
 * before dividing, as the reference scorer does.
 *
 * --ner adds the named entities of textkg's NER (models/ner.bin) to the
 * predicted mentions with their types, as `textkg build` does; its time
 * is reported apart from coreference's.
 *
 * --errors prints, per document and setting, the mentions only in the key
 * ("miss") or only in the response ("extra"), each response chain with
 * the key chain of its mentions, and each key chain with the response
 * chain of its mentions. --skip-sieves MASK skips sieve N when bit N is
 * set (1 << N, N = 1..9 as listed in coref.c), for ablation.
 *
 * Cost: one tagging and parsing pass per document, then two resolutions;
 * CEAFe's assignment is cubic in the chains of one document.
 */
#include "eval/coref_eval.h"

#include "core/clock.h"
#include "core/grow.h"
#include "eval/gum_coref.h"
#include "corpus/conllu.h"
#include "nlp/nlp.h"
#include "coref/coref.h"
#include "eval/coref_score.h"
#include "ner/ner.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const set_names[TKGP_COREF_SETS] = {"predicted", "gold"};

static tkgp_coref_type ner_type(tkgp_ner_type t)
{
  switch (t) {
  case TKGP_NER_PER:
    return TKGP_COREF_PERSON;
  case TKGP_NER_ORG:
    return TKGP_COREF_ORG;
  case TKGP_NER_EVENT:
    return TKGP_COREF_EVENT;
  case TKGP_NER_DATE:
    return TKGP_COREF_DATE;
  default:
    return TKGP_COREF_PLACE; /* LOC, COUNTRY, CITY, PLACE */
  }
}

/* DEP/NAME.conllu, or the dep/ folder beside the coref/ folder of PATH. */
static char *dep_path(const char *path, const char *dep, const char *name)
{
  size_t n;
  char *out;
  if (dep) {
    n = strlen(dep) + strlen(name) + 16;
    if ((out = malloc(n)))
      snprintf(out, n, "%s/%s.conllu", dep, name);
    return out;
  }
  {
    const char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) : 0;
    n = dir + strlen(name) + 32;
    if (!(out = malloc(n)))
      return NULL;
    if (slash)
      snprintf(out, n, "%.*s/../dep/%s.conllu", (int)dir, path, name);
    else
      snprintf(out, n, "../dep/%s.conllu", name);
  }
  return out;
}

static void print_row(const char *file, const char *setting, const char *sing,
                      const tkgp_coref_score *s)
{
  double r, p, f, avg = 0;
  int m;
  printf("%-28s %-9s %-4s", file, setting, sing);
  for (m = 0; m < TKGP_METRICS; m++) {
    tkgp_coref_prf(&s->m[m], &r, &p, &f);
    printf("  %5.1f %5.1f %5.1f", 100 * r, 100 * p, 100 * f);
    avg += f;
  }
  printf("  %5.1f\n", 100 * avg / TKGP_METRICS);
}

static int cmp_span(const void *a, const void *b)
{
  const tkgp_coref_span *x = a, *y = b;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end < y->end ? -1 : x->end > y->end;
}

static void print_span(const char *what, const tkgp_coref_key *k,
                       const tkgp_coref_span *sp)
{
  size_t i;
  printf("%s %zu-%zu #%zu:", what, sp->start, sp->end, sp->chain);
  for (i = sp->start; i < sp->end && i < k->n_words; i++)
    printf(" %s", k->forms[i]);
  printf("\n");
}

/* --errors: the mentions only in the key or only in the response, then
 * each response chain of two or more with the key chains of its
 * mentions, for reading what the resolver does (sorts RESP). */
static void print_errors(const char *doc, const char *setting, tkgp_coref_key *k,
                         tkgp_coref_span *resp, size_t nr)
{
  size_t i = 0, j = 0, c;
  printf("## %s %s\n", doc, setting);
  qsort(k->spans, k->n_spans, sizeof *k->spans, cmp_span);
  qsort(resp, nr, sizeof *resp, cmp_span);
  while (i < k->n_spans || j < nr) {
    int d = i == k->n_spans ? 1
            : j == nr       ? -1
                            : cmp_span(&k->spans[i], &resp[j]);
    if (d < 0)
      print_span("miss ", k, &k->spans[i++]);
    else if (d > 0)
      print_span("extra", k, &resp[j++]);
    else
      i++, j++;
  }
  for (c = 0; c < nr; c++) {
    size_t n = 0, t;
    for (t = 0; t < nr; t++)
      n += resp[t].chain == c;
    if (n < 2)
      continue;
    printf("chain %zu:", c);
    for (t = 0; t < nr; t++)
      if (resp[t].chain == c) {
        size_t g, q;
        long kc = -1;
        for (g = 0; g < k->n_spans; g++)
          if (k->spans[g].start == resp[t].start &&
              k->spans[g].end == resp[t].end)
            kc = (long)k->spans[g].chain;
        printf(" [");
        for (q = resp[t].start; q < resp[t].end; q++)
          printf(q > resp[t].start ? " %s" : "%s", k->forms[q]);
        printf("]=%ld", kc);
      }
    printf("\n");
  }
  for (c = 0; c < k->n_spans; c++) {
    size_t t, n = 0, first = SIZE_MAX;
    for (t = 0; t < k->n_spans; t++)
      if (k->spans[t].chain == k->spans[c].chain) {
        n++;
        if (first == SIZE_MAX)
          first = t;
      }
    if (n < 2 || first != c)
      continue;
    printf("key %zu:", k->spans[c].chain);
    for (t = 0; t < k->n_spans; t++)
      if (k->spans[t].chain == k->spans[c].chain) {
        size_t g, q;
        long rc = -1;
        for (g = 0; g < nr; g++)
          if (resp[g].start == k->spans[t].start &&
              resp[g].end == k->spans[t].end)
            rc = (long)resp[g].chain;
        printf(" [");
        for (q = k->spans[t].start; q < k->spans[t].end; q++)
          printf(q > k->spans[t].start ? " %s" : "%s", k->forms[q]);
        printf("]=%ld", rc);
      }
    printf("\n");
  }
}

static void print_header(void)
{
  printf("%-28s %-9s %-4s  %-17s  %-17s  %-17s  %s\n", "document", "mentions",
         "sing", "MUC R/P/F1", "B3 R/P/F1", "CEAFe R/P/F1", "CoNLL");
}

/* One run over the files: what is open, and what is summed. */
typedef struct run {
  const tkgp_coref_eval_opts *opts;
  tkg_world *world;
  tkgp_nlp *nlp;
  tkgp_ner *ner;
  tkgp_coref_score total[TKGP_COREF_SETS][2]; /* [setting][with singletons] */
  tkgp_coref_score *docs[TKGP_COREF_SETS][2];  /* each document's, for the interval */
  size_t n_docs[TKGP_COREF_SETS][2], cap_docs[TKGP_COREF_SETS][2];
  double t_nlp, t_coref, t_ner;
  size_t n_tokens, n_mentions, skipped;
  int header_done;
} run;

/* One document: the key, its CoNLL-U, and its words as textkg sees them. */
typedef struct document {
  const char *path;
  tkgp_coref_key key;
  tkgp_conllu cu;
  tkgp_nlp_word *words;
  tkgp_arena arena;
} document;

/* Read the key at PATH and the CoNLL-U of the same document. */
static int read_document(run *r, document *d, const char *path)
{
  char *dpath;
  int rc;

  memset(d, 0, sizeof *d);
  d->path = path;
  tkgp_arena_init(&d->arena, 0);
  if (tkgp_coref_key_read(&d->key, r->world, path) < 0)
    return -1; /* the key reader has said why */
  if (!(dpath = dep_path(path, r->opts->dep, d->key.name))) {
    fprintf(stderr, "textkg: out of memory\n");
    return -1;
  }
  rc = tkgp_conllu_read(&d->cu, r->world, dpath);
  free(dpath);
  if (rc < 0) {
    fprintf(stderr, "textkg: %s\n", r->world->error);
    return -1;
  }
  if (d->cu.n_words != d->key.n_words) {
    fprintf(stderr, "textkg: %s: %zu words, but its CoNLL-U has %zu (line %zu)\n", path,
            d->key.n_words, d->cu.n_words, d->key.n_words + 1);
    return -1;
  }
  if (!(d->words = calloc(d->cu.n_words + 1, sizeof *d->words))) {
    fprintf(stderr, "textkg: out of memory\n");
    return -1;
  }
  return 0;
}

static void document_finish(document *d)
{
  free(d->words);
  tkgp_arena_finish(&d->arena);
  tkgp_conllu_finish(&d->cu);
  tkgp_coref_key_finish(&d->key);
}

/* The words of D in document order, checked against the key's, tagged
 * and parsed by textkg or, with --gold-syntax, as the treebank has them. */
static int annotate_document(run *r, document *d)
{
  int gold = r->opts->gold_syntax;
  size_t base = 0;
  double t0 = tkgp_now();

  for (size_t s = 0; s < d->cu.n_sents; s++) {
    const tkgp_conllu_sent *cs = &d->cu.sents[s];
    tkgp_nlp_word *ws = d->words + base;
    for (size_t k = 0; k < cs->n_words; k++) {
      ws[k].form = tkgp_conllu_col(cs, k, TKGP_FORM);
      if (strcmp(ws[k].form, d->key.forms[base + k]) != 0) {
        fprintf(stderr, "textkg: %s: word %zu is '%s' but '%s' in the CoNLL-U (line %zu)\n",
                d->path, base + k, d->key.forms[base + k], ws[k].form, base + k + 2);
        return -1;
      }
      if (gold) {
        ws[k].lemma = tkgp_conllu_col(cs, k, TKGP_LEMMA);
        ws[k].upos = tkgp_conllu_col(cs, k, TKGP_UPOS);
        ws[k].xpos = tkgp_conllu_col(cs, k, TKGP_XPOS);
        ws[k].feats = tkgp_conllu_col(cs, k, TKGP_FEATS);
        ws[k].deprel = tkgp_conllu_col(cs, k, TKGP_DEPREL);
        ws[k].head = cs->heads[k] < 0 ? 0 : cs->heads[k];
      }
    }
    if (gold && r->nlp)
      tkgp_nlp_set_clusters(r->nlp, ws, cs->n_words);
    if (!gold && tkgp_nlp_annotate(r->nlp, ws, cs->n_words, &d->arena) < 0) {
      fprintf(stderr, "textkg: %s: annotation failed: out of memory (line %zu)\n", d->path,
              cs->lineno);
      return -1;
    }
    base += cs->n_words;
  }
  r->t_nlp += tkgp_now() - t0;
  r->n_tokens += d->cu.n_words;
  return 0;
}

/* The named entities of textkg's NER, typed, as `textkg build` adds them. */
static int add_ner_mentions(run *r, const document *d, tkgp_coref *co)
{
  size_t base = 0;
  int rc = 0;

  tkgp_ner_begin_document(r->ner);
  for (size_t s = 0; s < d->cu.n_sents && rc == 0; s++) {
    const tkgp_ner_span *sp;
    size_t nsp;
    rc = tkgp_ner_tag(r->ner, d->words + base, d->cu.sents[s].n_words, &sp, &nsp);
    for (size_t q = 0; rc == 0 && q < nsp; q++)
      rc = tkgp_coref_add_mention(co, s, sp[q].first, sp[q].first + sp[q].count,
                                  ner_type(sp[q].type), 0);
    base += d->cu.sents[s].n_words;
  }
  return rc;
}

/* The key's mention spans, for resolution alone; a span that crosses a
 * sentence boundary cannot be given, and is counted. */
static int add_gold_mentions(run *r, const document *d, tkgp_coref *co)
{
  const tkgp_conllu *cu = &d->cu;
  size_t *sent_of = malloc((cu->n_words + 1) * sizeof *sent_of);
  size_t *first = malloc((cu->n_sents + 1) * sizeof *first);
  size_t base = 0;
  int rc = 0;

  if (!sent_of || !first)
    rc = TKG_ENOMEM;
  for (size_t s = 0; rc == 0 && s < cu->n_sents; s++) {
    first[s] = base;
    for (size_t k = 0; k < cu->sents[s].n_words; k++)
      sent_of[base + k] = s;
    base += cu->sents[s].n_words;
  }
  for (size_t k = 0; rc == 0 && k < d->key.n_spans; k++) {
    const tkgp_coref_span *sp = &d->key.spans[k];
    size_t st = sent_of[sp->start];
    if (sent_of[sp->end - 1] != st) {
      r->skipped++;
      continue;
    }
    rc = tkgp_coref_add_mention(co, st, sp->start - first[st], sp->end - first[st],
                                TKGP_COREF_UNKNOWN, 0);
  }
  free(sent_of);
  free(first);
  return rc;
}

/* Resolve D in setting SET into *OUT; the NER's time is not counted as
 * coreference's. */
static int resolve_document(run *r, const document *d, int set, tkgp_coref **out)
{
  tkgp_coref_options opt;
  tkgp_coref *co = NULL;
  size_t base = 0;
  double t0 = tkgp_now();
  int rc = 0;

  memset(&opt, 0, sizeof opt);
  opt.no_detect = set == TKGP_COREF_SET_GOLD;
  opt.skip_sieves = r->opts->skip_sieves;
  *out = NULL;
  if (tkgp_coref_new(&co, r->world->gazetteer, &opt) < 0) {
    fprintf(stderr, "textkg: out of memory\n");
    return -1;
  }
  for (size_t s = 0; s < d->cu.n_sents && rc == 0; s++) {
    rc = tkgp_coref_add_sentence(co, d->words + base, d->cu.sents[s].n_words);
    base += d->cu.sents[s].n_words;
  }
  if (rc == 0 && set == TKGP_COREF_SET_PREDICTED && r->ner) {
    double t1 = tkgp_now();
    rc = add_ner_mentions(r, d, co);
    r->t_ner += tkgp_now() - t1;
    t0 += tkgp_now() - t1;
  }
  if (rc == 0 && set == TKGP_COREF_SET_GOLD)
    rc = add_gold_mentions(r, d, co);
  if (rc == 0)
    rc = tkgp_coref_resolve(co);
  if (rc < 0) {
    tkgp_coref_free(co);
    fprintf(stderr, "textkg: %s: coreference failed (%s)\n", d->path,
            rc == TKG_ENOMEM ? "out of memory" : "bad input");
    return -1;
  }
  if (set == TKGP_COREF_SET_PREDICTED)
    r->t_coref += tkgp_now() - t0;
  *out = co;
  return 0;
}

/* Score the chains of CO against D's key, with and without singletons,
 * add them to the totals and print the document's rows. */
static int score_document(run *r, document *d, int set, const tkgp_coref *co)
{
  size_t nm;
  const tkgp_coref_mention *ms = tkgp_coref_mentions(co, &nm);
  tkgp_coref_span *resp = calloc(nm + 1, sizeof *resp);
  tkgp_coref_key *key = &d->key;

  if (!resp) {
    fprintf(stderr, "textkg: out of memory\n");
    return -1;
  }
  if (set == TKGP_COREF_SET_PREDICTED)
    r->n_mentions += nm;
  for (size_t k = 0; k < nm; k++) {
    resp[k].start = ms[k].start;
    resp[k].end = ms[k].end;
    resp[k].chain = ms[k].chain;
  }
  if (r->opts->errors)
    print_errors(key->name, set_names[set], key, resp, nm);
  for (size_t sing = 2; sing-- > 0;) {
    tkgp_coref_score one;
    memset(&one, 0, sizeof one);
    if (tkgp_coref_score_add(&one, key->spans, key->n_spans, resp, nm, (int)sing) < 0 ||
        tkgp_grow((void **)&r->docs[set][sing], &r->cap_docs[set][sing],
                  r->n_docs[set][sing] + 1, sizeof one) < 0) {
      free(resp);
      fprintf(stderr, "textkg: out of memory\n");
      return -1;
    }
    tkgp_coref_score_merge(&r->total[set][sing], &one);
    r->docs[set][sing][r->n_docs[set][sing]++] = one;
    if (!r->opts->quiet) {
      if (!r->header_done)
        print_header();
      r->header_done = 1;
      print_row(key->name, set_names[set], sing ? "with" : "w/o", &one);
    }
  }
  free(resp);
  return 0;
}

static int eval_document(run *r, const char *path)
{
  document d;
  int rc = read_document(r, &d, path);

  if (rc == 0)
    rc = annotate_document(r, &d);
  for (int set = 0; rc == 0 && set < TKGP_COREF_SETS; set++) {
    tkgp_coref *co;
    if (!r->opts->settings[set])
      continue;
    if ((rc = resolve_document(r, &d, set, &co)) == 0)
      rc = score_document(r, &d, set, co);
    tkgp_coref_free(co);
  }
  document_finish(&d);
  return rc;
}

static void print_totals(const run *r, size_t n_files)
{
  const tkgp_coref_eval_opts *o = r->opts;

  print_header();
  for (int set = 0; set < TKGP_COREF_SETS; set++)
    for (int sing = 1; sing >= 0; sing--)
      if (o->settings[set]) {
        char label[64];
        snprintf(label, sizeof label, "TOTAL (%zu files)", n_files);
        print_row(label, set_names[set], sing ? "with" : "w/o", &r->total[set][sing]);
      }
  for (int set = 0; set < TKGP_COREF_SETS; set++)
    for (int sing = 1; sing >= 0; sing--) {
      double lo, hi;
      if (o->settings[set] &&
          tkgp_coref_conll_interval(r->docs[set][sing], r->n_docs[set][sing], &lo, &hi) == 0)
        printf("CoNLL %-9s %-4s %5.1f  [%5.1f, %5.1f] (95%% bootstrap interval over "
               "documents)\n", set_names[set], sing ? "with" : "w/o",
               100 * tkgp_coref_conll(&r->total[set][sing]), 100 * lo, 100 * hi);
    }
  for (int set = 0; set < TKGP_COREF_SETS; set++)
    if (o->settings[set]) {
      const tkgp_coref_score *t = &r->total[set][1];
      double rec = t->key_mentions ? (double)t->matched_mentions / t->key_mentions : 0;
      double prec =
          t->response_mentions ? (double)t->matched_mentions / t->response_mentions : 0;
      printf("mentions %-9s key %zu response %zu exact %zu  R %.1f P %.1f F1 %.1f\n",
             set_names[set], t->key_mentions, t->response_mentions, t->matched_mentions,
             100 * rec, 100 * prec, rec + prec > 0 ? 200 * rec * prec / (rec + prec) : 0.0);
    }
  if (r->skipped)
    printf("gold spans crossing a sentence boundary, not given: %zu\n", r->skipped);
  printf("syntax: %s\n", o->gold_syntax ? "gold (CoNLL-U)" : tkgp_nlp_modeldir(o->models));
  if (r->ner)
    printf("named entities added as mentions: NER %.3f s (%.0f tokens/s)\n", r->t_ner,
           r->t_ner > 0 ? r->n_tokens / r->t_ner : 0.0);
  printf("tokens %zu, %s %.2f s (%.0f tokens/s); coreference (predicted) "
         "%.3f s (%.0f tokens/s, %.0f mentions/s)\n",
         r->n_tokens, o->gold_syntax ? "reading gold syntax" : "tagging+parsing", r->t_nlp,
         r->t_nlp > 0 ? r->n_tokens / r->t_nlp : 0.0, r->t_coref,
         r->t_coref > 0 ? r->n_tokens / r->t_coref : 0.0,
         r->t_coref > 0 ? r->n_mentions / r->t_coref : 0.0);
}

int tkgp_coref_eval(const tkgp_coref_eval_opts *opts, char *const *files, size_t n_files)
{
  run r;
  int status = 1;

  memset(&r, 0, sizeof r);
  r.opts = opts;
  if (tkg_world_new(&r.world) < 0) {
    fprintf(stderr, "textkg: out of memory\n");
    return 1;
  }
  if (tkg_world_open(r.world, NULL) < 0 ||
      (!opts->gold_syntax && tkgp_nlp_open(&r.nlp, r.world, opts->models) < 0) ||
      (opts->use_ner && tkgp_ner_open(&r.ner, r.world, opts->models) < 0)) {
    fprintf(stderr, "textkg: %s\n", r.world->error);
    goto done;
  }
  for (size_t i = 0; i < n_files; i++)
    if (eval_document(&r, files[i]) < 0)
      goto done;
  if (!opts->quiet)
    printf("\n");
  print_totals(&r, n_files);
  status = 0;
done:
  for (int set = 0; set < TKGP_COREF_SETS; set++)
    for (int sing = 0; sing < 2; sing++)
      free(r.docs[set][sing]);
  tkgp_ner_close(r.ner);
  tkgp_nlp_close(r.nlp);
  tkg_world_free(r.world);
  return status;
}
