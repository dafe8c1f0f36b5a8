/* kg.c - `textkg eval kg`: the graph `build` writes, scored against annotations
 * SPDX-License-Identifier: MIT
 *
 * Users never see a component of textkg: they see the graph `build` writes
 * from raw text. So this scorer rebuilds each annotated document's raw
 * text from its tokens (detok.h gives the rules), runs on it exactly what
 * `build` runs (tkg_document_new, tkg_document_analyze,
 * tkg_graph_add_document), and scores the graph the writers would receive:
 *
 *   entity mentions  the graph's names (NIF strings of name mentions, and
 *                    of capitals standing for their state) typed PER, ORG
 *                    or LOC by their entity's class (Country, City and
 *                    Place are LOC), against the gold names (the full
 *                    stop that ends a sentence is no part of a name, see
 *                    name_end()). "strict":
 *                    the same code points and type; "same end": the same
 *                    type and end, the starts may differ (a leading
 *                    determiner or title on either side).
 *   relations        the graph's asserted triples, mapped onto CoNLL04's
 *                    five types (see relation_map below), between mentions
 *                    of their entities in the evidence sentence, against
 *                    CoNLL04's relations: the type and both mentions'
 *                    spans and types must match; also with the mentions
 *                    matched by their ends, as for names.
 *   coreference      the chains of persons, organizations and places: all
 *                    their mentions in the graph (names, descriptions,
 *                    titles, pronouns), grouped by entity, against GUM's
 *                    chains of person, organization and place entities,
 *                    with MUC, B3, CEAFe and their average.
 *
 * Documents: a CoNLL04 sentence is a document (the corpus's sentences come
 * from unrelated articles); a GUM file is one, its coreference key read
 * from the coref/ folder beside its dep/ folder; a UNER "# newdoc" starts
 * one. Every F1 comes with a 95% bootstrap interval over the documents.
 *
 * Cost: one `build` per document, and CEAFe's assignment, cubic in the
 * chains of one document.
 */
#include "eval/kg.h"

#include "core/clock.h"
#include "eval/detok.h"
#include "eval/coref_score.h"
#include "eval/gum_coref.h"
#include "eval/score.h"
#include "graph/graph.h"
#include "corpus/conllu.h"
#include "corpus/ner_corpus.h"
#include "corpus/rel_corpus.h"
#include "rel/relclass.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


enum { T_PER, T_ORG, T_LOC, N_TYPES };
static const char *const type_names[N_TYPES] = {"PER", "ORG", "LOC"};

/* ---- one document's gold annotations --------------------------------------- */

typedef struct gold_span {
  size_t begin, end; /* code points of the rebuilt text */
  int type;          /* T_* */
} gold_span;

typedef struct gold_rel {
  size_t head, tail; /* indexes into the document's entities; SIZE_MAX: an "Other" */
  tkgp_rel_type type;
} gold_rel;

typedef struct range {
  size_t begin, end;
  int full_stop; /* the sentence ends in "." */
} range;

typedef struct document {
  char name[256];
  tkgp_detok text;
  gold_span *ents;
  size_t n_ents, cap_ents;
  gold_rel *rels;
  size_t n_rels, cap_rels;
  range *sents; /* each sentence's code points, for --errors */
  size_t n_sents, cap_sents;
  tkgp_coref_span *key; /* coreference key, code points; chains of PER/ORG/LOC */
  size_t n_key, cap_key;
  int has_rels, has_coref;
} document;

static int reserve(void **p, size_t *cap, size_t need, size_t size)
{
  size_t n;
  void *q;
  if (need <= *cap)
    return 0;
  n = *cap ? *cap * 2 : 64;
  while (n < need)
    n *= 2;
  if (!(q = realloc(*p, n * size)))
    return TKG_ENOMEM;
  *p = q;
  *cap = n;
  return 0;
}

static void doc_init(document *d)
{
  memset(d, 0, sizeof *d);
  tkgp_detok_init(&d->text);
}

static void doc_clear(document *d)
{
  tkgp_detok_clear(&d->text);
  d->n_ents = d->n_rels = d->n_sents = d->n_key = 0;
  d->has_rels = d->has_coref = 0;
  d->name[0] = '\0';
}

static void doc_finish(document *d)
{
  tkgp_detok_finish(&d->text);
  free(d->ents);
  free(d->rels);
  free(d->sents);
  free(d->key);
}

static int ner_to_type(tkgp_ner_type t)
{
  switch (t) {
  case TKGP_NER_PER: return T_PER;
  case TKGP_NER_ORG: return T_ORG;
  case TKGP_NER_LOC:
  case TKGP_NER_COUNTRY:
  case TKGP_NER_CITY:
  case TKGP_NER_PLACE: return T_LOC;
  default: return -1;
  }
}

/* Add the gold name on tokens [FIRST, FIRST + COUNT) of the document
 * (token indexes of D->text). Names of other types are not scored. */
static int add_gold_span(document *d, size_t first, size_t count, tkgp_ner_type ner_type)
{
  int type = ner_to_type(ner_type);
  gold_span *g;
  if (type < 0 || !count)
    return 0;
  if (reserve((void **)&d->ents, &d->cap_ents, d->n_ents + 1, sizeof *d->ents) < 0)
    return TKG_ENOMEM;
  g = &d->ents[d->n_ents++];
  g->begin = d->text.begin[first];
  g->end = d->text.end[first + count - 1]; /* name_end() once the sentence is known */
  g->type = type;
  return 0;
}

static int add_sentence(document *d, size_t first_token, size_t n_tokens)
{
  range *r;
  if (!n_tokens)
    return 0;
  if (reserve((void **)&d->sents, &d->cap_sents, d->n_sents + 1, sizeof *d->sents) < 0)
    return TKG_ENOMEM;
  r = &d->sents[d->n_sents++];
  r->begin = d->text.begin[first_token];
  r->end = d->text.end[first_token + n_tokens - 1];
  {
    /* Called right after the sentence's tokens were appended. */
    const char *t = d->text.text.data;
    size_t k = d->text.text.length;
    while (k > 0 && (t[k - 1] == ' ' || t[k - 1] == '\n'))
      k--;
    r->full_stop = k > 0 && t[k - 1] == '.';
  }
  return 0;
}

/* The end of the name [BEGIN, END) of D without the full stop that ends
 * its sentence: CoNLL04 often tokenizes "in Boise." as "in" "Boise.", and
 * textkg's tokenizer writes "S.C." at a sentence's end as "S.C" "."; the
 * stop is the sentence's either way. */
static size_t name_end(const document *d, size_t begin, size_t end)
{
  size_t i;
  for (i = 0; i < d->n_sents; i++)
    if (d->sents[i].begin <= begin && end <= d->sents[i].end)
      return d->sents[i].full_stop && end == d->sents[i].end && end > begin + 1 ? end - 1
                                                                                  : end;
  return end;
}

/* ---- what the graph says ----------------------------------------------------- */

static int class_type(tkgp_entity_class cls)
{
  switch (cls) {
  case TKGP_CLASS_PERSON: return T_PER;
  case TKGP_CLASS_ORGANIZATION: return T_ORG;
  case TKGP_CLASS_COUNTRY:
  case TKGP_CLASS_CITY:
  case TKGP_CLASS_PLACE: return T_LOC;
  default: return -1;
  }
}

/* The graph's predicates onto CoNLL04's types: a person works for the
 * organization they work for, represent, lead or belong to (CoNLL04's
 * Work_For covers "X, a spokesman for Y", "Y chairman X"); lives in the
 * place they live in; an organization is based in its place; a place is
 * located in a place; a person killed a person. What else the graph says
 * (meetings, agreements, quotations) has no CoNLL04 counterpart. */
static const struct {
  const char *property;
  int subject, object; /* T_* */
  tkgp_rel_type type;
} relation_map[] = {
  {"worksFor", T_PER, T_ORG, TKGP_REL_WORK_FOR},
  {"represents", T_PER, T_ORG, TKGP_REL_WORK_FOR},
  {"leads", T_PER, T_ORG, TKGP_REL_WORK_FOR},
  {"memberOf", T_PER, T_ORG, TKGP_REL_WORK_FOR},
  {"livesIn", T_PER, T_LOC, TKGP_REL_LIVE_IN},
  {"basedIn", T_ORG, T_LOC, TKGP_REL_ORGBASED_IN},
  {"locatedIn", T_ORG, T_LOC, TKGP_REL_ORGBASED_IN},
  {"locatedIn", T_LOC, T_LOC, TKGP_REL_LOCATED_IN},
  {"killed", T_PER, T_PER, TKGP_REL_KILL},
};

static tkgp_rel_type map_relation(const char *property, int subject, int object)
{
  size_t i;
  for (i = 0; i < sizeof relation_map / sizeof *relation_map; i++)
    if (strcmp(relation_map[i].property, property) == 0 && relation_map[i].subject == subject &&
        relation_map[i].object == object)
      return relation_map[i].type;
  return TKGP_REL_NONE;
}

/* A predicted name: a span and its type, and the graph string it is. */
typedef struct pred_span {
  size_t begin, end;
  int type;
  size_t string;
} pred_span;

static int by_span(const void *a, const void *b)
{
  const pred_span *x = a, *y = b;
  if (x->begin != y->begin)
    return x->begin < y->begin ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return (x->type > y->type) - (x->type < y->type);
}

static int gold_by_span(const void *a, const void *b)
{
  const gold_span *x = a, *y = b;
  if (x->begin != y->begin)
    return x->begin < y->begin ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return (x->type > y->type) - (x->type < y->type);
}

/* ---- scores ----------------------------------------------------------------- */

/* Counts of one document. */
typedef struct doc_score {
  tkgp_prf strict, same_end, by_type[N_TYPES];
  tkgp_prf rel, rel_by_type[TKGP_REL_NCLASSES];
  tkgp_prf rel_same_end; /* the arguments matched by their ends */
  tkgp_coref_score coref[2]; /* [0] without singletons, [1] with */
  int has_rels, has_coref;
} doc_score;

/* Per (predicate, subject type, object type): how many asserted triples,
 * and how many of them hold a CoNLL04 relation of each type between the
 * same mentions (--by-predicate, to check relation_map on training data). */
typedef struct predicate_row {
  const char *property;
  int subject, object;
  size_t total, hits[TKGP_REL_NCLASSES];
} predicate_row;

typedef struct run {
  tkg_world *world;
  int errors, by_predicate;
  doc_score *docs;
  size_t n_docs, cap_docs;
  size_t words, failed, misaligned;
  predicate_row *rows;
  size_t n_rows, cap_rows;
} run;

/* The text of code points [BEGIN, END) of D, for messages. */
static void print_slice(FILE *f, const document *d, size_t begin, size_t end)
{
  const char *s = d->text.text.data;
  size_t cp = 0, i = 0;
  while (s[i] && cp < begin) {
    i++;
    while (((unsigned char)s[i] & 0xC0) == 0x80)
      i++;
    cp++;
  }
  fputc('\'', f);
  while (s[i] && cp < end) {
    size_t j = i + 1;
    while (((unsigned char)s[j] & 0xC0) == 0x80)
      j++;
    fwrite(s + i, 1, j - i, f);
    i = j;
    cp++;
  }
  fputc('\'', f);
}

/* The sentence of D around code point AT. */
static void print_sentence(FILE *f, const document *d, size_t at)
{
  size_t i;
  for (i = 0; i < d->n_sents; i++)
    if (d->sents[i].begin <= at && at < d->sents[i].end) {
      fputs(" in ", f);
      print_slice(f, d, d->sents[i].begin, d->sents[i].end);
      return;
    }
}

static void print_entity(const char *what, const document *d, size_t begin, size_t end,
                         int type)
{
  printf("%s: %s entity %s ", d->name, what, type_names[type]);
  print_slice(stdout, d, begin, end);
  print_sentence(stdout, d, begin);
  putchar('\n');
}

/* Score the names of graph G against D's gold names into S. */
static int score_entities(const run *r, const document *d, const tkg_graph *g, doc_score *s)
{
  pred_span *pred = malloc((g->n_strings + 1) * sizeof *pred);
  gold_span *gold = malloc((d->n_ents + 1) * sizeof *gold);
  unsigned char *used_gold = calloc(d->n_ents + 1, 1), *used_pred;
  size_t n_pred = 0, i, j, k;

  if (!pred || !gold || !used_gold) {
    free(pred);
    free(gold);
    free(used_gold);
    return TKG_ENOMEM;
  }
  for (i = 0; i < g->n_strings; i++) {
    const tkgp_gstring *str = &g->strings[i];
    int type;
    if (str->entity == TKGP_NONE ||
        (str->kind != TKGP_MENTION_NAME && str->kind != TKGP_MENTION_METONYM))
      continue;
    if ((type = class_type(g->entities[str->entity].cls)) < 0)
      continue;
    pred[n_pred].begin = str->begin;
    pred[n_pred].end = name_end(d, str->begin, str->end);
    pred[n_pred].type = type;
    pred[n_pred++].string = i;
  }
  qsort(pred, n_pred, sizeof *pred, by_span);
  /* The same name twice (two mentions on one span) is one prediction. */
  for (i = j = 0; i < n_pred; i++)
    if (!j || by_span(&pred[i], &pred[j - 1]) != 0)
      pred[j++] = pred[i];
  n_pred = j;
  memcpy(gold, d->ents, d->n_ents * sizeof *gold);
  for (i = 0; i < d->n_ents; i++)
    gold[i].end = name_end(d, gold[i].begin, gold[i].end);
  qsort(gold, d->n_ents, sizeof *gold, gold_by_span);
  if (!(used_pred = calloc(n_pred + 1, 1))) {
    free(pred);
    free(gold);
    free(used_gold);
    return TKG_ENOMEM;
  }

  /* Strict: merge the two sorted lists. */
  for (i = j = 0; i < d->n_ents && j < n_pred;) {
    int c = gold[i].begin != pred[j].begin ? (gold[i].begin < pred[j].begin ? -1 : 1)
            : gold[i].end != pred[j].end   ? (gold[i].end < pred[j].end ? -1 : 1)
                                           : (gold[i].type > pred[j].type) - (gold[i].type < pred[j].type);
    if (c == 0) {
      used_gold[i++] = 1;
      used_pred[j++] = 1;
    } else if (c < 0) {
      i++;
    } else {
      j++;
    }
  }
  for (i = 0; i < d->n_ents; i++) {
    tkgp_prf *t = &s->by_type[gold[i].type];
    if (used_gold[i]) {
      s->strict.tp++;
      t->tp++;
    } else {
      s->strict.fn++;
      t->fn++;
      if (r->errors)
        print_entity("missed", d, gold[i].begin, gold[i].end, gold[i].type);
    }
  }
  for (j = 0; j < n_pred; j++)
    if (!used_pred[j]) {
      s->strict.fp++;
      s->by_type[pred[j].type].fp++;
      if (r->errors)
        print_entity("spurious", d, pred[j].begin, pred[j].end, pred[j].type);
    }

  /* Same end: one to one, the same type and end, overlapping. */
  memset(used_pred, 0, n_pred + 1);
  for (i = 0; i < d->n_ents; i++) {
    int found = 0;
    for (k = 0; k < n_pred && !found; k++)
      if (!used_pred[k] && pred[k].end == gold[i].end && pred[k].type == gold[i].type &&
          pred[k].begin < gold[i].end && gold[i].begin < pred[k].end)
        used_pred[k] = found = 1;
    if (found)
      s->same_end.tp++;
    else
      s->same_end.fn++;
  }
  for (k = 0; k < n_pred; k++)
    s->same_end.fp += !used_pred[k];

  free(pred);
  free(gold);
  free(used_gold);
  free(used_pred);
  return 0;
}

/* Whether entity E of G has a mention in sentence string SENT on exactly
 * [BEGIN, END), typed TYPE. */
static int has_mention(const document *d, const tkg_graph *g, size_t e, size_t sent,
                       size_t begin, size_t end, int type, int by_end)
{
  size_t i;
  if (class_type(g->entities[e].cls) != type)
    return 0;
  end = name_end(d, begin, end);
  for (i = 0; i < g->n_strings; i++) {
    const tkgp_gstring *s = &g->strings[i];
    if (s->entity == e && s->sentence == sent && name_end(d, s->begin, s->end) == end &&
        (s->begin == begin || (by_end && s->begin < end && begin < s->end)))
      return 1;
  }
  return 0;
}

/* The first mention of entity E in sentence string SENT, for messages. */
static const tkgp_gstring *first_mention(const tkg_graph *g, size_t e, size_t sent)
{
  size_t i;
  for (i = 0; i < g->n_strings; i++)
    if (g->strings[i].entity == e && g->strings[i].sentence == sent)
      return &g->strings[i];
  return NULL;
}

static predicate_row *predicate_row_for(run *r, const char *property, int subject, int object)
{
  size_t i;
  for (i = 0; i < r->n_rows; i++)
    if (strcmp(r->rows[i].property, property) == 0 && r->rows[i].subject == subject &&
        r->rows[i].object == object)
      return &r->rows[i];
  if (reserve((void **)&r->rows, &r->cap_rows, r->n_rows + 1, sizeof *r->rows) < 0)
    return NULL;
  memset(&r->rows[r->n_rows], 0, sizeof *r->rows);
  r->rows[r->n_rows].property = property; /* static: the lexicon's or the classifier's */
  r->rows[r->n_rows].subject = subject;
  r->rows[r->n_rows].object = object;
  return &r->rows[r->n_rows++];
}

/* The gold relations of D that statement ST of G states between the same
 * mentions, of type TYPE (TKGP_REL_NONE: any); marks them in USED when
 * MARK. Returns the first such relation, or SIZE_MAX. */
static size_t matching_gold(const document *d, const tkg_graph *g, const tkgp_gstatement *st,
                            tkgp_rel_type type, unsigned char *used, int mark, int by_end)
{
  size_t i;
  for (i = 0; i < d->n_rels; i++) {
    const gold_rel *gr = &d->rels[i];
    const gold_span *h, *t;
    if ((type != TKGP_REL_NONE && gr->type != type) || (used && used[i]) ||
        gr->head == SIZE_MAX || gr->tail == SIZE_MAX)
      continue;
    h = &d->ents[gr->head];
    t = &d->ents[gr->tail];
    if (has_mention(d, g, st->subject, st->evidence, h->begin, h->end, h->type, by_end) &&
        has_mention(d, g, st->object, st->evidence, t->begin, t->end, t->type, by_end)) {
      if (mark && used)
        used[i] = 1;
      return i;
    }
  }
  return SIZE_MAX;
}

/* Score the asserted triples of G against D's relations into S. */
static int score_relations(run *r, const document *d, const tkg_graph *g, doc_score *s)
{
  unsigned char *used = calloc(d->n_rels + 1, 1), *seen = calloc(g->n_statements + 1, 1);
  unsigned char *used_by_end = calloc(d->n_rels + 1, 1);
  size_t i, j;
  if (!used || !seen || !used_by_end) {
    free(used);
    free(seen);
    free(used_by_end);
    return TKG_ENOMEM;
  }
  for (i = 0; i < g->n_statements; i++) {
    const tkgp_gstatement *st = &g->statements[i];
    int subject = class_type(g->entities[st->subject].cls);
    int object = class_type(g->entities[st->object].cls);
    tkgp_rel_type type;
    if (!tkgp_statement_asserted(st) || subject < 0 || object < 0)
      continue;
    if (r->by_predicate) {
      predicate_row *row = predicate_row_for(r, st->property, subject, object);
      tkgp_rel_type t;
      if (!row) {
        free(used);
        free(seen);
        free(used_by_end);
        return TKG_ENOMEM;
      }
      row->total++;
      for (t = TKGP_REL_NONE + 1; t < TKGP_REL_NCLASSES; t++)
        if (matching_gold(d, g, st, t, NULL, 0, 0) != SIZE_MAX)
          row->hits[t]++;
    }
    type = map_relation(st->property, subject, object);
    if (type == TKGP_REL_NONE)
      continue;
    /* Two predicates of one pair that map onto one type are one relation. */
    for (j = 0; j < i; j++)
      if (seen[j] && g->statements[j].subject == st->subject &&
          g->statements[j].object == st->object && g->statements[j].evidence == st->evidence &&
          map_relation(g->statements[j].property, subject, object) == type)
        break;
    if (j < i)
      continue;
    seen[i] = 1;
    if (matching_gold(d, g, st, type, used_by_end, 1, 1) != SIZE_MAX)
      s->rel_same_end.tp++;
    else
      s->rel_same_end.fp++;
    if (matching_gold(d, g, st, type, used, 1, 0) != SIZE_MAX) {
      s->rel.tp++;
      s->rel_by_type[type].tp++;
    } else {
      s->rel.fp++;
      s->rel_by_type[type].fp++;
      if (r->errors) {
        const tkgp_gstring *a = first_mention(g, st->subject, st->evidence);
        const tkgp_gstring *b = first_mention(g, st->object, st->evidence);
        printf("%s: spurious relation %s (%s) %s -> %s\n", d->name, tkgp_rel_type_name(type),
               st->property, a ? a->anchor : g->entities[st->subject].label,
               b ? b->anchor : g->entities[st->object].label);
      }
    }
  }
  for (i = 0; i < d->n_rels; i++) {
    const gold_rel *gr = &d->rels[i];
    s->rel_same_end.fn += !used_by_end[i];
    if (used[i])
      continue;
    s->rel.fn++;
    s->rel_by_type[gr->type].fn++;
    if (r->errors) {
      printf("%s: missed relation %s ", d->name, tkgp_rel_type_name(gr->type));
      if (gr->head == SIZE_MAX || gr->tail == SIZE_MAX) {
        puts("(an argument is an entity of type Other)");
        continue;
      }
      print_slice(stdout, d, d->ents[gr->head].begin, d->ents[gr->head].end);
      fputs(" -> ", stdout);
      print_slice(stdout, d, d->ents[gr->tail].begin, d->ents[gr->tail].end);
      print_sentence(stdout, d, d->ents[gr->head].begin);
      putchar('\n');
    }
  }
  free(used);
  free(seen);
  free(used_by_end);
  return 0;
}

/* Score the chains of persons, organizations and places of G against
 * D's key into S. */
static int score_coref(const document *d, const tkg_graph *g, doc_score *s)
{
  tkgp_coref_span *resp = malloc((g->n_strings + 1) * sizeof *resp);
  size_t n = 0, i;
  int sing, rc = 0;
  if (!resp)
    return TKG_ENOMEM;
  for (i = 0; i < g->n_strings; i++) {
    const tkgp_gstring *str = &g->strings[i];
    if (str->entity == TKGP_NONE || str->kind == TKGP_MENTION_QUOTE ||
        class_type(g->entities[str->entity].cls) < 0)
      continue;
    resp[n].start = str->begin;
    resp[n].end = str->end;
    resp[n++].chain = str->entity;
  }
  for (sing = 0; sing < 2 && rc == 0; sing++)
    rc = tkgp_coref_score_add(&s->coref[sing], d->key, d->n_key, resp, n, sing);
  free(resp);
  return rc;
}

/* Build D as `textkg build` would, and score what the graph says. */
static int build_and_score(run *r, document *d)
{
  tkg_document *doc = NULL;
  tkg_graph *g = NULL;
  doc_score *s;
  int rc;

  if (reserve((void **)&r->docs, &r->cap_docs, r->n_docs + 1, sizeof *r->docs) < 0)
    return TKG_ENOMEM;
  s = &r->docs[r->n_docs];
  memset(s, 0, sizeof *s);
  s->has_rels = d->has_rels;
  s->has_coref = d->has_coref;
  r->words += d->text.n;
  if (tkg_document_new(&doc, r->world, d->name, d->text.text.data, d->text.text.length) < 0 ||
      tkg_document_analyze(doc) < 0 || tkg_graph_new(&g, r->world) < 0 ||
      tkg_graph_add_document(g, doc) < 0) {
    /* `build` would fail on this document: every gold item is missed. */
    fprintf(stderr, "textkg: eval kg: %s: build failed: %s\n", d->name,
            tkg_world_last_error(r->world));
    r->failed++;
    s->strict.fn = s->same_end.fn = d->n_ents;
    s->rel.fn = s->rel_same_end.fn = d->n_rels;
    r->n_docs++;
    tkg_graph_free(g);
    tkg_document_free(doc);
    return 0;
  }
  rc = score_entities(r, d, g, s);
  if (rc == 0 && d->has_rels)
    rc = score_relations(r, d, g, s);
  if (rc == 0 && d->has_coref)
    rc = score_coref(d, g, s);
  r->n_docs++;
  tkg_graph_free(g);
  tkg_document_free(doc);
  return rc;
}

/* ---- corpora ----------------------------------------------------------------- */

/* CoNLL04 JSON: each sentence a document of its own. */
static int read_conll04(run *r, const char *path, document *d)
{
  tkgp_rel_corpus c;
  size_t s;
  int rc;

  tkgp_rel_corpus_init(&c);
  if ((rc = tkgp_rel_corpus_read(&c, r->world, path)) < 0) {
    fprintf(stderr, "textkg: %s\n", tkg_world_last_error(r->world));
    tkgp_rel_corpus_finish(&c);
    return rc;
  }
  for (s = 0; s < c.n_sents && rc == 0; s++) {
    const tkgp_rel_sent *rs = &c.sents[s];
    const char **forms = malloc((rs->n_words + 1) * sizeof *forms);
    size_t i;
    if (!forms) {
      rc = TKG_ENOMEM;
      break;
    }
    doc_clear(d);
    snprintf(d->name, sizeof d->name, "%s#%zu", path, s + 1); /* the sentence's number */
    for (i = 0; i < rs->n_words; i++)
      forms[i] = c.words[rs->word + i].form;
    rc = tkgp_detok_ptb(&d->text, forms, rs->n_words);
    free(forms);
    if (rc == 0)
      rc = tkgp_detok_break(&d->text, "\n");
    if (rc == 0)
      rc = add_sentence(d, 0, rs->n_words);
    /* Entities: every PER, ORG and LOC, in the corpus's order, so that
     * the relations' indexes hold. */
    for (i = 0; rc == 0 && i < rs->n_ents; i++) {
      const tkgp_ner_span *e = &c.ents[rs->ent + i];
      rc = add_gold_span(d, e->first, e->count, e->type);
    }
    d->has_rels = 1;
    for (i = 0; rc == 0 && i < rs->n_rels; i++) {
      const tkgp_rel_gold *gr = &c.rels[rs->rel + i];
      if ((rc = reserve((void **)&d->rels, &d->cap_rels, d->n_rels + 1, sizeof *d->rels)) < 0)
        break;
      d->rels[d->n_rels].head = gr->head == UINT32_MAX ? SIZE_MAX : gr->head;
      d->rels[d->n_rels].tail = gr->tail == UINT32_MAX ? SIZE_MAX : gr->tail;
      d->rels[d->n_rels++].type = gr->type;
    }
    if (rc == 0)
      rc = build_and_score(r, d);
  }
  tkgp_rel_corpus_finish(&c);
  return rc;
}

/* The coref key of the GUM document NAME read from PATH's dep/ folder:
 * coref/NAME.conll beside it. 0 when there is none. */
static int read_gum_key(run *r, const char *path, const char *name, document *d)
{
  const char *slash = strrchr(path, '/');
  size_t dir = slash ? (size_t)(slash - path) : 0, i;
  char key_path[4096];
  tkgp_coref_key key;
  FILE *probe;
  int rc;

  snprintf(key_path, sizeof key_path, "%.*s%s../coref/%s.conll", (int)dir, path,
           slash ? "/" : "", name);
  if (!(probe = fopen(key_path, "r")))
    return 0;
  fclose(probe);
  if ((rc = tkgp_coref_key_read(&key, r->world, key_path)) < 0)
    return rc;
  if (key.n_words != d->text.n) {
    fprintf(stderr, "textkg: eval kg: %s: %zu words, but %s has %zu\n", path, d->text.n,
            key_path, key.n_words);
    tkgp_coref_key_finish(&key);
    return TKG_EINPUT;
  }
  for (i = 0; i < key.n_spans; i++) {
    tkgp_coref_span *k;
    if (key.types[i] == TKGP_KEY_OTHER)
      continue;
    if ((rc = reserve((void **)&d->key, &d->cap_key, d->n_key + 1, sizeof *d->key)) < 0)
      break;
    k = &d->key[d->n_key++];
    k->start = d->text.begin[key.spans[i].start];
    k->end = d->text.end[key.spans[i].end - 1];
    k->chain = key.spans[i].chain;
  }
  d->has_coref = rc == 0;
  tkgp_coref_key_finish(&key);
  return rc;
}

/* Whether MISC holds SpaceAfter=No. */
static int no_space_after(const char *misc)
{
  const char *p = strstr(misc, "SpaceAfter=No");
  return p && (p == misc || p[-1] == '|') && (p[13] == '\0' || p[13] == '|');
}

static int has_comment(const tkgp_conllu_sent *s, const char *prefix)
{
  size_t i, len = strlen(prefix);
  for (i = 0; i < s->n_lines; i++)
    if (s->lines[i].kind == TKGP_LINE_COMMENT && strncmp(s->lines[i].cols[0], prefix, len) == 0)
      return 1;
  return 0;
}

/* GUM CoNLL-U: the file is one document; its text is the forms, with the
 * spaces SpaceAfter gives, a newline between paragraphs ("# newpar"). */
static int read_gum(run *r, const char *path, document *d)
{
  tkgp_conllu cu;
  tkgp_ner_corpus nc;
  char *bytes = NULL;
  size_t len, s, i, base = 0;
  const char *base_name;
  int rc;

  doc_clear(d);
  if ((rc = tkgp_nlp_read_file(r->world, path, &bytes, &len)) < 0) {
    fprintf(stderr, "textkg: %s\n", tkg_world_last_error(r->world));
    return rc;
  }
  tkgp_ner_corpus_init(&nc);
  rc = tkgp_conllu_read_mem(&cu, r->world, path, bytes, len);
  if (rc == 0 && (rc = tkgp_ner_corpus_read_mem(&nc, r->world, path, bytes, len,
                                                TKGP_NER_FMT_CONLLU)) < 0)
    tkgp_conllu_finish(&cu);
  free(bytes);
  if (rc < 0) {
    fprintf(stderr, "textkg: %s\n", tkg_world_last_error(r->world));
    tkgp_ner_corpus_finish(&nc);
    return rc;
  }
  base_name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
  snprintf(d->name, sizeof d->name, "%.*s", (int)strcspn(base_name, "."), base_name);
  for (s = 0; s < cu.n_sents && rc == 0; s++) {
    const tkgp_conllu_sent *cs = &cu.sents[s];
    rc = tkgp_detok_break(&d->text, s && has_comment(cs, "# newpar") ? "\n" : " ");
    for (i = 0; rc == 0 && i < cs->n_words; i++)
      rc = tkgp_detok_add(&d->text, tkgp_conllu_col(cs, i, TKGP_FORM),
                          i == 0 || !no_space_after(tkgp_conllu_col(cs, i - 1, TKGP_MISC)));
    if (rc == 0)
      rc = add_sentence(d, base, cs->n_words);
    base += cs->n_words;
  }
  if (rc == 0)
    rc = tkgp_detok_break(&d->text, "\n");
  /* The gold names: the NER reader's, on the same words in the same order. */
  if (rc == 0 && nc.n_words != d->text.n) {
    fprintf(stderr, "textkg: eval kg: %s: the NER reader found %zu words, CoNLL-U %zu\n", path,
            nc.n_words, d->text.n);
    rc = TKG_EINPUT;
  }
  for (s = 0; rc == 0 && s < nc.n_sents; s++) {
    const tkgp_ner_sent *ns = &nc.sents[s];
    for (i = 0; rc == 0 && i < ns->n_spans; i++) {
      const tkgp_ner_span *sp = &nc.spans[ns->span + i];
      rc = add_gold_span(d, ns->word + sp->first, sp->count, sp->type);
    }
  }
  if (rc == 0)
    rc = read_gum_key(r, path, d->name, d);
  if (rc == 0)
    rc = build_and_score(r, d);
  tkgp_ner_corpus_finish(&nc);
  tkgp_conllu_finish(&cu);
  return rc;
}

/* The "# text = " lines of the IOB2 file BYTES, one per sentence, in
 * order (pointers into BYTES, which is split in place). */
static int iob_texts(char *bytes, const char ***out, size_t *n)
{
  size_t cap = 0;
  char *line = bytes, *next;
  int in_sentence = 0, has_text = 0;
  *out = NULL;
  *n = 0;
  for (; line && *line; line = next) {
    next = strchr(line, '\n');
    if (next)
      *next++ = '\0';
    if (strncmp(line, "# text = ", 9) == 0) {
      if (reserve((void **)out, &cap, *n + 1, sizeof **out) < 0)
        return TKG_ENOMEM;
      (*out)[(*n)++] = line + 9;
      has_text = 1;
    } else if (line[0] == '\0' || line[0] == '\r') {
      in_sentence = has_text = 0;
    } else if (line[0] != '#') {
      if (!in_sentence && !has_text) {
        /* A sentence without a text line: the forms will be joined. */
        if (reserve((void **)out, &cap, *n + 1, sizeof **out) < 0)
          return TKG_ENOMEM;
        (*out)[(*n)++] = NULL;
        has_text = 1;
      }
      in_sentence = 1;
    }
  }
  return 0;
}

/* UNER IOB2: a document per "# newdoc"; each sentence's "# text" on a
 * line of its own (EWT gives no paragraphs). */
static int read_uner(run *r, const char *path, document *d)
{
  tkgp_ner_corpus nc;
  char *bytes = NULL, *copy;
  const char **texts = NULL;
  size_t len, n_texts, s, i;
  int rc;

  if ((rc = tkgp_nlp_read_file(r->world, path, &bytes, &len)) < 0) {
    fprintf(stderr, "textkg: %s\n", tkg_world_last_error(r->world));
    return rc;
  }
  tkgp_ner_corpus_init(&nc);
  rc = tkgp_ner_corpus_read_mem(&nc, r->world, path, bytes, len, TKGP_NER_FMT_IOB);
  if (rc < 0)
    fprintf(stderr, "textkg: %s\n", tkg_world_last_error(r->world));
  copy = bytes;
  if (rc == 0)
    rc = iob_texts(copy, &texts, &n_texts);
  if (rc == 0 && n_texts != nc.n_sents) {
    fprintf(stderr, "textkg: eval kg: %s: %zu text lines for %zu sentences\n", path, n_texts,
            nc.n_sents);
    rc = TKG_EINPUT;
  }
  doc_clear(d);
  for (s = 0; rc == 0 && s < nc.n_sents; s++) {
    const tkgp_ner_sent *ns = &nc.sents[s];
    const char **forms;
    size_t first = d->text.n, bad;
    if (ns->doc_start && s > 0) {
      rc = build_and_score(r, d);
      doc_clear(d);
      if (rc < 0)
        break;
    }
    if (!d->name[0])
      snprintf(d->name, sizeof d->name, "%s:%zu", path, s + 1);
    if (!(forms = malloc((ns->n_words + 1) * sizeof *forms))) {
      rc = TKG_ENOMEM;
      break;
    }
    for (i = 0; i < ns->n_words; i++)
      forms[i] = nc.words[ns->word + i].form;
    rc = tkgp_detok_break(&d->text, "\n");
    if (rc == 0 && texts[s] &&
        (rc = tkgp_detok_align(&d->text, texts[s], strlen(texts[s]), forms, ns->n_words,
                               &bad)) == TKG_EINPUT) {
      /* The scorer's own error: reported and counted, never dropped; the
       * sentence is then its words joined by spaces. */
      fprintf(stderr, "textkg: eval kg: %s: sentence %zu: word %zu '%s' is not where its text "
                      "has it; the words are joined by spaces instead\n",
              path, s + 1, bad + 1, forms[bad]);
      r->misaligned++;
      rc = 0;
      for (i = 0; rc == 0 && i < ns->n_words; i++)
        rc = tkgp_detok_add(&d->text, forms[i], 1);
    } else {
      for (i = 0; rc == 0 && !texts[s] && i < ns->n_words; i++)
        rc = tkgp_detok_add(&d->text, forms[i], 1);
    }
    free(forms);
    if (rc == 0)
      rc = add_sentence(d, first, ns->n_words);
    for (i = 0; rc == 0 && i < ns->n_spans; i++) {
      const tkgp_ner_span *sp = &nc.spans[ns->span + i];
      rc = add_gold_span(d, first + sp->first, sp->count, sp->type);
    }
  }
  if (rc == 0 && d->text.n)
    rc = build_and_score(r, d);
  free(texts);
  free(bytes);
  tkgp_ner_corpus_finish(&nc);
  return rc;
}

/* ---- report ------------------------------------------------------------------ */

typedef struct prf_pick {
  const run *r;
  int which; /* 0 strict, 1 same end, 2 relations, 3+T: by type, 10+T: relation type */
} prf_pick;

static tkgp_prf pick(const doc_score *s, int which)
{
  if (which == 0)
    return s->strict;
  if (which == 1)
    return s->same_end;
  if (which == 2)
    return s->rel;
  if (which == 4 + N_TYPES)
    return s->rel_same_end;
  if (which >= 10)
    return s->rel_by_type[which - 10];
  return s->by_type[which - 3];
}

static double sample_f1(const size_t *sample, size_t n, void *context)
{
  const prf_pick *p = context;
  tkgp_prf sum = {0, 0, 0};
  size_t i;
  for (i = 0; i < n; i++) {
    tkgp_prf c = pick(&p->r->docs[sample[i]], p->which);
    tkgp_prf_add(&sum, &c);
  }
  return tkgp_prf_sample_f1(&sum);
}

static void print_prf(const run *r, const char *label, int which, int with_rels)
{
  tkgp_prf sum = {0, 0, 0};
  prf_pick p;
  double lo = 0, hi = 0;
  size_t i;
  for (i = 0; i < r->n_docs; i++)
    if (!with_rels || r->docs[i].has_rels) {
      tkgp_prf c = pick(&r->docs[i], which);
      tkgp_prf_add(&sum, &c);
    }
  p.r = r;
  p.which = which;
  tkgp_bootstrap(r->n_docs, sample_f1, &p, &lo, &hi);
  printf("  %-24s P %6.2f  R %6.2f  F1 %6.2f  [%5.1f, %5.1f]   (%zu gold, %zu found, %zu right)\n",
         label, 100 * tkgp_prf_precision(&sum), 100 * tkgp_prf_recall(&sum),
         100 * tkgp_prf_f1(&sum), 100 * lo, 100 * hi, sum.tp + sum.fn, sum.tp + sum.fp, sum.tp);
}

typedef struct coref_pick {
  const run *r;
  int sing;
} coref_pick;

static void coref_sum(const run *r, const size_t *sample, size_t n, int sing, tkgp_coref_score *out)
{
  size_t i;
  memset(out, 0, sizeof *out);
  for (i = 0; i < n; i++) {
    const doc_score *d = &r->docs[sample ? sample[i] : i];
    if (!d->has_coref)
      continue;
    tkgp_coref_score_merge(out, &d->coref[sing]);
  }
}

static double sample_coref(const size_t *sample, size_t n, void *context)
{
  const coref_pick *p = context;
  tkgp_coref_score s;
  size_t i;
  for (i = 0; i < n && !p->r->docs[sample[i]].has_coref; i++)
    ;
  if (i == n)
    return NAN;
  coref_sum(p->r, sample, n, p->sing, &s);
  return tkgp_coref_conll(&s);
}

static void print_report(const run *r, double seconds)
{
  size_t i, n_rel_docs = 0, n_coref_docs = 0;
  int t;

  for (i = 0; i < r->n_docs; i++) {
    n_rel_docs += r->docs[i].has_rels;
    n_coref_docs += r->docs[i].has_coref;
  }
  printf("eval kg: %zu documents, %zu words, built from their rebuilt text as `textkg build` "
         "builds it (%.1f s, %.0f words/s)\n",
         r->n_docs, r->words, seconds, seconds > 0 ? r->words / seconds : 0.0);
  printf("entity mentions (PER, ORG, LOC; 95%% bootstrap interval over documents)\n");
  print_prf(r, "strict", 0, 0);
  for (t = 0; t < N_TYPES; t++) {
    char label[32];
    snprintf(label, sizeof label, "  %s", type_names[t]);
    print_prf(r, label, 3 + t, 0);
  }
  print_prf(r, "same end", 1, 0);
  if (n_rel_docs) {
    tkgp_rel_type rt;
    printf("relations (CoNLL04 types; strict: both mentions' spans and types, and the type)\n");
    print_prf(r, "all", 2, 1);
    for (rt = TKGP_REL_NONE + 1; rt < TKGP_REL_NCLASSES; rt++) {
      char label[32];
      snprintf(label, sizeof label, "  %s", tkgp_rel_type_name(rt));
      print_prf(r, label, 10 + (int)rt, 1);
    }
    print_prf(r, "arguments by their end", 4 + N_TYPES, 1);
  }
  if (n_coref_docs) {
    static const char *const metric[TKGP_METRICS] = {"MUC", "B3", "CEAFe"};
    int sing, m;
    printf("coreference of PER, ORG and LOC chains (%zu documents; R P F1)\n", n_coref_docs);
    for (sing = 1; sing >= 0; sing--) {
      tkgp_coref_score s;
      coref_pick p;
      double lo, hi;
      coref_sum(r, NULL, r->n_docs, sing, &s);
      p.r = r;
      p.sing = sing;
      tkgp_bootstrap(r->n_docs, sample_coref, &p, &lo, &hi);
      printf("  %-17s", sing ? "with singletons" : "without");
      for (m = 0; m < TKGP_METRICS; m++) {
        double rr, pp, f;
        tkgp_coref_prf(&s.m[m], &rr, &pp, &f);
        printf("  %s %5.1f %5.1f %5.1f", metric[m], 100 * rr, 100 * pp, 100 * f);
      }
      printf("  CoNLL %5.1f [%4.1f, %4.1f]\n", 100 * tkgp_coref_conll(&s), 100 * lo, 100 * hi);
    }
  }
  if (r->by_predicate && r->n_rows) {
    printf("asserted triples between PER, ORG and LOC entities, and the CoNLL04 relations "
           "they hold\n");
    for (i = 0; i < r->n_rows; i++) {
      const predicate_row *row = &r->rows[i];
      tkgp_rel_type rt;
      printf("  %-12s %s -> %s  %5zu:", row->property, type_names[row->subject],
             type_names[row->object], row->total);
      for (rt = TKGP_REL_NONE + 1; rt < TKGP_REL_NCLASSES; rt++)
        if (row->hits[rt])
          printf("  %s %zu", tkgp_rel_type_name(rt), row->hits[rt]);
      putchar('\n');
    }
  }
  printf("documents that failed to build: %zu\n", r->failed);
}

static int ends_with(const char *s, const char *suffix)
{
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && strcmp(s + a - b, suffix) == 0;
}

int tkgp_kg_eval(const tkgp_kg_eval_opts *opts, char *const *files, size_t n_files)
{
  run r;
  document d;
  int status = 1;
  double t0;

  memset(&r, 0, sizeof r);
  r.errors = opts->errors;
  r.by_predicate = opts->by_predicate;
  if (tkg_world_new(&r.world) < 0) {
    fputs("textkg: out of memory\n", stderr);
    return 1;
  }
  if (tkg_world_open(r.world, NULL) < 0) {
    fprintf(stderr, "textkg: %s\n", tkg_world_last_error(r.world));
    tkg_world_free(r.world);
    return 1;
  }
  doc_init(&d);
  t0 = tkgp_now();
  for (size_t i = 0; i < n_files; i++) {
    const char *path = files[i];
    int rc;
    if (ends_with(path, ".json"))
      rc = read_conll04(&r, path, &d);
    else if (ends_with(path, ".conllu"))
      rc = read_gum(&r, path, &d);
    else if (ends_with(path, ".iob2") || ends_with(path, ".iob") || ends_with(path, ".bio"))
      rc = read_uner(&r, path, &d);
    else {
      fprintf(stderr, "textkg: eval kg: %s: unknown format (.json, .conllu or .iob2)\n", path);
      rc = TKG_EINVAL;
    }
    if (rc == TKG_ENOMEM)
      fputs("textkg: out of memory\n", stderr);
    if (rc < 0)
      goto done;
  }
  print_report(&r, tkgp_now() - t0);
  if (r.misaligned)
    printf("sentences whose words are not where their text has them: %zu (joined by spaces)\n",
           r.misaligned);
  status = r.failed ? 1 : 0;
done:
  doc_finish(&d);
  free(r.docs);
  free(r.rows);
  tkg_world_free(r.world);
  return status;
}
