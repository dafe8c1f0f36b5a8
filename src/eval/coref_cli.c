/* coref_cli.c - `textkg eval coref`: coreference scores on GUM
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
#include "eval/coref_cli.h"
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
#include <time.h>

#define USAGE                                                                  \
  "usage: textkg eval coref [--models DIR] [--dep DIR] [--gold-syntax]\n"      \
  "                         [--setting predicted|gold|both] [--quiet]\n"       \
  "                         [--ner] [--errors] [--skip-sieves MASK]\n"         \
  "                         FILE.conll...\n"

enum { SET_PREDICTED, SET_GOLD, SETS };
static const char *const set_names[SETS] = {"predicted", "gold"};

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

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
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

int tkgp_cli_eval_coref(int argc, char **argv)
{
  const char *models = NULL, *dep = NULL;
  int gold_syntax = 0, quiet = 0, errors = 0, use_ner = 0, sets[SETS] = {1, 1};
  unsigned skip = 0;
  int header_done = 0;
  tkg_world *w = NULL;
  tkgp_nlp *nlp = NULL;
  tkgp_ner *ner = NULL;
  tkgp_coref_score total[SETS][2];
  double t_nlp = 0, t_coref = 0, t_ner = 0;
  size_t n_tokens = 0, n_mentions = 0, n_files = 0, skipped = 0;
  int status = 1, i, rc;

  memset(total, 0, sizeof total);
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--models") == 0 && i + 1 < argc)
      models = argv[++i];
    else if (strcmp(argv[i], "--dep") == 0 && i + 1 < argc)
      dep = argv[++i];
    else if (strcmp(argv[i], "--gold-syntax") == 0)
      gold_syntax = 1;
    else if (strcmp(argv[i], "--quiet") == 0)
      quiet = 1;
    else if (strcmp(argv[i], "--errors") == 0)
      errors = 1;
    else if (strcmp(argv[i], "--ner") == 0)
      use_ner = 1;
    else if (strcmp(argv[i], "--skip-sieves") == 0 && i + 1 < argc) {
      char *e;
      skip = (unsigned)strtoul(argv[++i], &e, 0);
      if (*e) {
        fprintf(stderr, "textkg: eval coref: bad sieve mask %s\n" USAGE,
                argv[i]);
        return 2;
      }
    } else if (strcmp(argv[i], "--setting") == 0 && i + 1 < argc) {
      const char *s = argv[++i];
      sets[SET_PREDICTED] = !strcmp(s, "predicted") || !strcmp(s, "both");
      sets[SET_GOLD] = !strcmp(s, "gold") || !strcmp(s, "both");
      if (!sets[SET_PREDICTED] && !sets[SET_GOLD]) {
        fprintf(stderr, "textkg: eval coref: unknown setting %s\n" USAGE, s);
        return 2;
      }
    } else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "textkg: eval coref: unknown option %s\n" USAGE, argv[i]);
      return 2;
    } else
      n_files++;
  }
  if (!n_files) {
    fprintf(stderr, "textkg: eval coref: no coreference file\n" USAGE);
    return 2;
  }
  if (tkg_world_new(&w) < 0) {
    fprintf(stderr, "textkg: out of memory\n");
    return 1;
  }
  if (tkg_world_open(w, NULL) < 0) {
    fprintf(stderr, "textkg: %s\n", w->error);
    goto done;
  }
  if (!gold_syntax && tkgp_nlp_open(&nlp, w, models) < 0) {
    fprintf(stderr, "textkg: %s\n", w->error);
    goto done;
  }
  if (use_ner && tkgp_ner_open(&ner, w, models) < 0) {
    fprintf(stderr, "textkg: %s\n", w->error);
    goto done;
  }
  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    tkgp_coref_key key;
    tkgp_conllu cu;
    tkgp_nlp_word *words = NULL;
    tkgp_coref_span *resp = NULL;
    tkgp_arena arena;
    char *dpath;
    size_t s, k, base;
    int set, ok = 0;
    double t0;

    if (!strcmp(a, "--models") || !strcmp(a, "--dep") ||
        !strcmp(a, "--setting") || !strcmp(a, "--skip-sieves")) {
      i++;
      continue;
    }
    if (a[0] == '-' && a[1])
      continue;
    if (tkgp_coref_key_read(&key, w, a) < 0)
      goto done;
    if (!(dpath = dep_path(a, dep, key.name))) {
      tkgp_coref_key_finish(&key);
      fprintf(stderr, "textkg: out of memory\n");
      goto done;
    }
    rc = tkgp_conllu_read(&cu, w, dpath);
    free(dpath);
    if (rc < 0) {
      fprintf(stderr, "textkg: %s\n", w->error);
      tkgp_coref_key_finish(&key);
      goto done;
    }
    tkgp_arena_init(&arena, 0);
    if (cu.n_words != key.n_words) {
      fprintf(stderr,
              "textkg: %s: %zu words, but its CoNLL-U has %zu "
              "(line %zu)\n",
              a, key.n_words, cu.n_words, key.n_words + 1);
      goto next;
    }
    words = calloc(cu.n_words + 1, sizeof *words);
    resp = calloc(key.n_spans + 1, sizeof *resp);
    if (!words || !resp) {
      fprintf(stderr, "textkg: out of memory\n");
      goto next;
    }
    /* words, in document order; annotate each sentence */
    base = 0;
    t0 = now();
    for (s = 0; s < cu.n_sents; s++) {
      const tkgp_conllu_sent *cs = &cu.sents[s];
      tkgp_nlp_word *ws = words + base;
      for (k = 0; k < cs->n_words; k++) {
        ws[k].form = tkgp_conllu_col(cs, k, TKGP_FORM);
        if (strcmp(ws[k].form, key.forms[base + k]) != 0) {
          fprintf(stderr,
                  "textkg: %s: word %zu is '%s' but '%s' in the "
                  "CoNLL-U (line %zu)\n",
                  a, base + k, key.forms[base + k], ws[k].form, base + k + 2);
          goto next;
        }
        if (gold_syntax) {
          ws[k].lemma = tkgp_conllu_col(cs, k, TKGP_LEMMA);
          ws[k].upos = tkgp_conllu_col(cs, k, TKGP_UPOS);
          ws[k].xpos = tkgp_conllu_col(cs, k, TKGP_XPOS);
          ws[k].feats = tkgp_conllu_col(cs, k, TKGP_FEATS);
          ws[k].deprel = tkgp_conllu_col(cs, k, TKGP_DEPREL);
          ws[k].head = cs->heads[k] < 0 ? 0 : cs->heads[k];
        }
      }
      if (!gold_syntax && tkgp_nlp_annotate(nlp, ws, cs->n_words, &arena) < 0) {
        fprintf(stderr,
                "textkg: %s: annotation failed: out of memory "
                "(line %zu)\n",
                a, cs->lineno);
        goto next;
      }
      base += cs->n_words;
    }
    t_nlp += now() - t0;
    n_tokens += cu.n_words;

    for (set = 0; set < SETS; set++) {
      tkgp_coref *co = NULL;
      tkgp_coref_options opt;
      const tkgp_coref_mention *ms;
      size_t nm, sing;
      if (!sets[set])
        continue;
      memset(&opt, 0, sizeof opt);
      opt.no_detect = set == SET_GOLD;
      opt.skip_sieves = skip;
      t0 = now();
      if (tkgp_coref_new(&co, w->gazetteer, &opt) < 0) {
        fprintf(stderr, "textkg: out of memory\n");
        goto next;
      }
      rc = 0;
      for (s = 0, base = 0; s < cu.n_sents && rc == 0; s++) {
        rc = tkgp_coref_add_sentence(co, words + base, cu.sents[s].n_words);
        base += cu.sents[s].n_words;
      }
      if (set == SET_PREDICTED && ner && rc == 0) {
        /* the named entities, typed, as `textkg build` would add them */
        double t1 = now();
        tkgp_ner_begin_document(ner);
        for (s = 0, base = 0; s < cu.n_sents && rc == 0; s++) {
          const tkgp_ner_span *sp;
          size_t nsp, q;
          rc = tkgp_ner_tag(ner, words + base, cu.sents[s].n_words, &sp, &nsp);
          for (q = 0; rc == 0 && q < nsp; q++)
            rc = tkgp_coref_add_mention(co, s, sp[q].first,
                                        sp[q].first + sp[q].count,
                                        ner_type(sp[q].type), 0);
          base += cu.sents[s].n_words;
        }
        t_ner += now() - t1;
        t0 += now() - t1; /* not counted as coreference */
      }
      if (set == SET_GOLD && rc == 0) {
        size_t *sent_of = malloc((cu.n_words + 1) * sizeof *sent_of);
        size_t *first = malloc((cu.n_sents + 1) * sizeof *first);
        if (!sent_of || !first)
          rc = TKG_ENOMEM;
        for (s = 0, base = 0; rc == 0 && s < cu.n_sents; s++) {
          first[s] = base;
          for (k = 0; k < cu.sents[s].n_words; k++)
            sent_of[base + k] = s;
          base += cu.sents[s].n_words;
        }
        for (k = 0; rc == 0 && k < key.n_spans; k++) {
          const tkgp_coref_span *sp = &key.spans[k];
          size_t st = sent_of[sp->start];
          if (sent_of[sp->end - 1] != st) {
            skipped++; /* crosses a sentence boundary */
            continue;
          }
          rc = tkgp_coref_add_mention(co, st, sp->start - first[st],
                                      sp->end - first[st], TKGP_COREF_UNKNOWN,
                                      0);
        }
        free(sent_of);
        free(first);
      }
      if (rc == 0)
        rc = tkgp_coref_resolve(co);
      if (rc < 0) {
        tkgp_coref_free(co);
        fprintf(stderr, "textkg: %s: coreference failed (%s)\n", a,
                rc == TKG_ENOMEM ? "out of memory" : "bad input");
        goto next;
      }
      if (set == SET_PREDICTED) {
        t_coref += now() - t0;
      }
      ms = tkgp_coref_mentions(co, &nm);
      if (set == SET_PREDICTED)
        n_mentions += nm;
      {
        tkgp_coref_span *r =
            nm > key.n_spans ? realloc(resp, nm * sizeof *resp) : resp;
        if (!r) {
          tkgp_coref_free(co);
          fprintf(stderr, "textkg: out of memory\n");
          goto next;
        }
        resp = r;
      }
      for (k = 0; k < nm; k++) {
        resp[k].start = ms[k].start;
        resp[k].end = ms[k].end;
        resp[k].chain = ms[k].chain;
      }
      if (errors)
        print_errors(key.name, set_names[set], &key, resp, nm);
      for (sing = 2; sing-- > 0;) {
        tkgp_coref_score one;
        memset(&one, 0, sizeof one);
        if (tkgp_coref_score_add(&one, key.spans, key.n_spans, resp, nm,
                                 (int)sing) < 0 ||
            tkgp_coref_score_add(&total[set][sing], key.spans, key.n_spans,
                                 resp, nm, (int)sing) < 0) {
          tkgp_coref_free(co);
          fprintf(stderr, "textkg: out of memory\n");
          goto next;
        }
        if (!quiet) {
          if (!header_done)
            print_header();
          header_done = 1;
          print_row(key.name, set_names[set], sing ? "with" : "w/o", &one);
        }
      }
      tkgp_coref_free(co);
    }
    ok = 1;
  next:
    free(words);
    free(resp);
    tkgp_arena_finish(&arena);
    tkgp_conllu_finish(&cu);
    tkgp_coref_key_finish(&key);
    if (!ok)
      goto done;
  }
  if (!quiet)
    printf("\n");
  print_header();
  {
    int set, sing;
    for (set = 0; set < SETS; set++)
      for (sing = 1; sing >= 0; sing--)
        if (sets[set]) {
          char label[64];
          snprintf(label, sizeof label, "TOTAL (%zu files)", n_files);
          print_row(label, set_names[set], sing ? "with" : "w/o",
                    &total[set][sing]);
        }
    for (set = 0; set < SETS; set++)
      if (sets[set]) {
        const tkgp_coref_score *t = &total[set][1];
        double r =
            t->key_mentions ? (double)t->matched_mentions / t->key_mentions : 0;
        double p = t->response_mentions
                       ? (double)t->matched_mentions / t->response_mentions
                       : 0;
        printf("mentions %-9s key %zu response %zu exact %zu  R %.1f P %.1f "
               "F1 %.1f\n",
               set_names[set], t->key_mentions, t->response_mentions,
               t->matched_mentions, 100 * r, 100 * p,
               r + p > 0 ? 200 * r * p / (r + p) : 0.0);
      }
  }
  if (skipped)
    printf("gold spans crossing a sentence boundary, not given: %zu\n",
           skipped);
  printf("syntax: %s\n",
         gold_syntax ? "gold (CoNLL-U)" : tkgp_nlp_modeldir(models));
  if (ner)
    printf("named entities added as mentions: NER %.3f s (%.0f tokens/s)\n",
           t_ner, t_ner > 0 ? n_tokens / t_ner : 0.0);
  printf("tokens %zu, %s %.2f s (%.0f tokens/s); coreference (predicted) "
         "%.3f s (%.0f tokens/s, %.0f mentions/s)\n",
         n_tokens, gold_syntax ? "reading gold syntax" : "tagging+parsing",
         t_nlp, t_nlp > 0 ? n_tokens / t_nlp : 0.0, t_coref,
         t_coref > 0 ? n_tokens / t_coref : 0.0,
         t_coref > 0 ? n_mentions / t_coref : 0.0);
  status = 0;
done:
  tkgp_ner_close(ner);
  tkgp_nlp_close(nlp);
  tkg_world_free(w);
  return status;
}
