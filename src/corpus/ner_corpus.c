/* ner_corpus.c - readers of NER-annotated files: IOB2/BILOU, GUM CoNLL-U, JSON
 * SPDX-License-Identifier: MIT
 *
 * Three formats become one list of sentences with gold spans:
 *
 *   IOB   one word per line (`ID FORM TAG ...` or `FORM TAG`), blank line
 *         between sentences, `#` comments. Tags B-/I-/L-/E-/U-/S- + type,
 *         read the way conlleval reads them (an I- without a B- opens a
 *         span). Types map to PER/ORG/LOC/EVENT; anything else (UNER's
 *         early OTH, stray B-O, MISC) is O.
 *   CoNLL-U  GUM's `Entity=` brackets in MISC. Only NAMED mentions of
 *         person, organization, place and event count. Rule: the mention's
 *         head (its first word whose gold head lies outside it) must be
 *         PROPN; the name is then the run of name words around the head
 *         (PROPN, or capitalized and not DET/PRON/ADP/CCONJ/AUX/PUNCT),
 *         bridged by up to two connector words ("of", "the", "for", "de",
 *         "-", ...; "and"/"&" only in organizations and events) when a
 *         name word follows them, plus NUM words right after it ("World
 *         War II"). Leading titles of persons ("Mr.", "Professor") are
 *         dropped, as UNER and CoNLL04 do, and a person mention whose
 *         head is a title ("Director of the Institute") is not named. Determiners, appositions and relative
 *         clauses are left out. Nested names keep the outermost
 *         ("University of Chicago", not "Chicago").
 *   JSON  an array (or one object per line) of {"tokens": [...], "tags":
 *         [...]} with BILOU or IOB tags (CoNLL04), or {"tokens": [...],
 *         "entities": [{"type", "start", "end"}]} (end exclusive). CoNLL04
 *         Peop/Org/Loc map to PER/ORG/LOC; "Other" is not a target type and
 *         maps to O.
 *
 * Cost: linear in the file; the JSON reader is a small recursive-descent
 * parser whose values live in a temporary arena.
 */
#include "corpus/ner_corpus.h"

#include "core/grow.h"
#include "core/json.h"
#include "corpus/conllu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tkgp_ner_corpus_init(tkgp_ner_corpus *c)
{
  memset(c, 0, sizeof *c);
  tkgp_arena_init(&c->arena, 1 << 20);
}

void tkgp_ner_corpus_finish(tkgp_ner_corpus *c)
{
  tkgp_arena_finish(&c->arena);
  free(c->words);
  free(c->spans);
  free(c->sents);
  memset(c, 0, sizeof *c);
}

static int add_word(tkgp_ner_corpus *c, const char *form, size_t len)
{
  tkgp_nlp_word *w;
  char *s;
  if (tkgp_grow((void **)&c->words, &c->cap_words, c->n_words + 1,
              sizeof *c->words) < 0 ||
      !(s = tkgp_arena_strndup(&c->arena, form, len)))
    return TKG_ENOMEM;
  w = &c->words[c->n_words++];
  memset(w, 0, sizeof *w);
  w->form = s;
  return 0;
}

static int add_span(tkgp_ner_corpus *c, size_t first, size_t count, int type)
{
  tkgp_ner_span *s;
  if (tkgp_grow((void **)&c->spans, &c->cap_spans, c->n_spans + 1,
              sizeof *c->spans) < 0)
    return TKG_ENOMEM;
  s = &c->spans[c->n_spans++];
  s->first = (uint32_t)first;
  s->count = (uint32_t)count;
  s->type = (tkgp_ner_type)type;
  s->score = 1;
  return 0;
}

/* Close the sentence begun at word W0 / span S0; empty ones are dropped. */
static int end_sent(tkgp_ner_corpus *c, size_t w0, size_t s0)
{
  tkgp_ner_sent *s;
  if (c->n_words == w0) {
    c->n_spans = s0;
    return 0;
  }
  if (tkgp_grow((void **)&c->sents, &c->cap_sents, c->n_sents + 1,
              sizeof *c->sents) < 0)
    return TKG_ENOMEM;
  s = &c->sents[c->n_sents++];
  s->doc_start = c->pending_doc || c->n_sents == 1;
  c->pending_doc = 0;
  s->word = w0;
  s->n_words = c->n_words - w0;
  s->span = s0;
  s->n_spans = c->n_spans - s0;
  return 0;
}

/* PER/ORG/LOC/EVENT from a type name of any of the corpora; -1: not a
 * target type. */
static int map_type(const char *t, size_t len)
{
  static const struct { const char *name; int type; } names[] = {
    {"PER", TKGP_NER_PER}, {"PERSON", TKGP_NER_PER}, {"Peop", TKGP_NER_PER},
    {"person", TKGP_NER_PER},
    {"ORG", TKGP_NER_ORG}, {"Org", TKGP_NER_ORG},
    {"organization", TKGP_NER_ORG}, {"ORGANIZATION", TKGP_NER_ORG},
    {"LOC", TKGP_NER_LOC}, {"Loc", TKGP_NER_LOC}, {"place", TKGP_NER_LOC},
    {"GPE", TKGP_NER_LOC}, {"LOCATION", TKGP_NER_LOC},
    {"EVENT", TKGP_NER_EVENT}, {"event", TKGP_NER_EVENT},
  };
  for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
    if (strlen(names[k].name) == len && !memcmp(names[k].name, t, len))
      return names[k].type;
  return -1;
}

/* BILOU class of a tag ("B-PER", "U-Loc", "O"); 0 for O and non-targets;
 * -1 when the tag is malformed. */
static int tag_class(const char *tag, size_t len)
{
  int type, b;
  if (len == 1 && tag[0] == 'O')
    return 0;
  if (len < 3 || tag[1] != '-')
    return -1;
  switch (tag[0]) {
  case 'B': b = TKGP_BILOU_B; break;
  case 'I': b = TKGP_BILOU_I; break;
  case 'L': case 'E': b = TKGP_BILOU_L; break;
  case 'U': case 'S': b = TKGP_BILOU_U; break;
  default: return -1;
  }
  type = map_type(tag + 2, len - 2);
  return type < 0 ? 0 : (int)tkgp_ner_class((unsigned)type, (unsigned)b);
}

/* Gold spans of the current sentence from the classes CLS (repaired like
 * conlleval). */
static int spans_from_classes(tkgp_ner_corpus *c, const uint32_t *cls,
                              size_t n, tkgp_ner_span *tmp)
{
  size_t k = tkgp_ner_decode_bilou(cls, n, tmp);
  for (size_t j = 0; j < k; j++)
    if (add_span(c, tmp[j].first, tmp[j].count, tmp[j].type) < 0)
      return TKG_ENOMEM;
  return 0;
}

/* ---- IOB ------------------------------------------------------------------- */

static int read_iob(tkgp_ner_corpus *c, tkg_world *world, const char *name,
                    char *buf)
{
  uint32_t *cls = NULL;
  tkgp_ner_span *tmp = NULL;
  size_t cap = 0, tcap = 0, n = 0, lineno = 0, w0 = c->n_words,
         s0 = c->n_spans;
  int rc = 0;
  char *line = buf;

  while (line && *line) {
    char *next = strchr(line, '\n'), *cols[8];
    size_t nc = 0, len;
    int cl;
    lineno++;
    if (next)
      *next++ = '\0';
    len = strlen(line);
    if (len && line[len - 1] == '\r')
      line[--len] = '\0';
    if (len == 0) {
      if ((rc = spans_from_classes(c, cls, n, tmp)) < 0 ||
          (rc = end_sent(c, w0, s0)) < 0)
        goto nomem;
      n = 0;
      w0 = c->n_words;
      s0 = c->n_spans;
      line = next;
      continue;
    }
    if (line[0] == '#' && (n == 0 || !strchr(line, '\t'))) {
      if (!strncmp(line, "# newdoc", 8))
        c->pending_doc = 1;
      line = next;
      continue;
    }
    /* split on tabs, else on spaces */
    {
      char sep = strchr(line, '\t') ? '\t' : ' ';
      char *p = line;
      while (nc < 8) {
        char *e = strchr(p, sep);
        cols[nc++] = p;
        if (!e)
          break;
        *e = '\0';
        p = e + 1;
        if (sep == ' ')
          while (*p == ' ')
            p++;
      }
    }
    if (nc < 2) {
      rc = tkgp_error(world, TKG_EINPUT, "%s: expected a word and a tag (line %zu)",
                      name, lineno);
      goto done;
    }
    {
      const char *form, *tag;
      const char *q = cols[0];
      int numeric = *q != '\0';
      for (; *q; q++)
        if (*q < '0' || *q > '9')
          numeric = 0;
      if (numeric && nc >= 3) {
        form = cols[1];
        tag = cols[2];
      } else {
        form = cols[0];
        tag = cols[nc - 1];
      }
      cl = tag_class(tag, strlen(tag));
      if (cl < 0) {
        rc = tkgp_error(world, TKG_EINPUT, "%s: bad tag \"%s\" (line %zu)",
                        name, tag, lineno);
        goto done;
      }
      if (tkgp_grow((void **)&cls, &cap, n + 1, sizeof *cls) < 0 ||
          tkgp_grow((void **)&tmp, &tcap, n + 1, sizeof *tmp) < 0 ||
          add_word(c, form, strlen(form)) < 0)
        goto nomem;
      cls[n++] = (uint32_t)cl;
    }
    line = next;
  }
  if ((rc = spans_from_classes(c, cls, n, tmp)) < 0 ||
      (rc = end_sent(c, w0, s0)) < 0)
    goto nomem;
  goto done;
nomem:
  rc = tkgp_error(world, TKG_ENOMEM, "%s: out of memory", name);
done:
  free(cls);
  free(tmp);
  return rc;
}

/* ---- GUM CoNLL-U ------------------------------------------------------------ */

typedef struct mention {
  char id[24];
  int type;           /* -1: not a target type */
  size_t start, end;  /* words, end inclusive */
} mention;

/* Words that join the parts of a name ("Bank of the West", "Food
 * Standards Australia and New Zealand"). "and" and "&" only inside
 * organizations and events: between persons or places they coordinate. */
static int is_connector(const char *w, int type)
{
  static const char *const con[] = {
    "of", "the", "for", "de", "du", "des", "la", "le", "del", "della", "von",
    "van", "der", "den", "da", "on", "'s", "at", "upon", "-", NULL
  };
  if (!strcmp(w, "and") || !strcmp(w, "&"))
    return type == TKGP_NER_ORG || type == TKGP_NER_EVENT;
  for (size_t k = 0; con[k]; k++)
    if (!strcmp(w, con[k]))
      return 1;
  return 0;
}

/* Titles and honorifics left out of person names, as UNER and CoNLL04
 * annotate them ("Mr. Tedeschi" -> "Tedeschi"). */
static int is_title(const char *w)
{
  static const char *const titles[] = {
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Prof",
    "Prof.", "Professor", "Sir", "Dame", "Lord", "Lady", "Rev", "Rev.",
    "Reverend", "President", "Senator", "Sen.", "Rep.", "Governor", "Gov.",
    "Mayor", "General", "Gen.", "Captain", "Capt.", "Colonel", "Col.", "Lt.",
    "Sgt.", "King", "Queen", "Prince", "Princess", "Pope", "Father",
    "Rabbi", "Chancellor", "Minister", "Prime", "Secretary", "Chairman",
    "Director", "Chief", "Judge", "Justice", "Detective", "Coach", "Uncle",
    "Aunt", "Mister", "Saint", "St.", "Emperor", "Empress", "Duke",
    "Duchess", "Count", "Countess", "Baron", "Bishop", "Cardinal",
    "Admiral", "Sheikh", "Shaikh", NULL
  };
  for (size_t k = 0; titles[k]; k++)
    if (!strcmp(w, titles[k]))
      return 1;
  return 0;
}

/* A word that can be part of a name: PROPN, or capitalized and not a
 * determiner, pronoun or punctuation ("Heaven Sent Gaming", "United"). */
static int name_word(const tkgp_conllu_sent *s, size_t i)
{
  const char *upos = tkgp_conllu_col(s, i, TKGP_UPOS);
  const char *form = tkgp_conllu_col(s, i, TKGP_FORM);
  if (!strcmp(upos, "PROPN"))
    return 1;
  if (!strcmp(upos, "DET") || !strcmp(upos, "PRON") || !strcmp(upos, "PUNCT") ||
      !strcmp(upos, "ADP") || !strcmp(upos, "CCONJ") || !strcmp(upos, "AUX"))
    return 0;
  return form[0] >= 'A' && form[0] <= 'Z';
}

/* The named part of mention M of sentence S, or 0 when it is not named. */
static int named_span(const tkgp_conllu_sent *s, const mention *m,
                      size_t *first, size_t *last)
{
  size_t head = m->end, l, r;
#define FORM(i) tkgp_conllu_col(s, (i), TKGP_FORM)
  for (size_t i = m->start; i <= m->end; i++) {
    int h = s->heads[i];
    if (h <= 0 || (size_t)h - 1 < m->start || (size_t)h - 1 > m->end) {
      head = i;
      break;
    }
  }
  if (strcmp(tkgp_conllu_col(s, head, TKGP_UPOS), "PROPN"))
    return 0;
  l = r = head;
  for (;;) {
    size_t j = l, skipped = 0;
    while (j > m->start && skipped < 2 && is_connector(FORM(j - 1), m->type))
      j--, skipped++;
    if (j > m->start && name_word(s, j - 1))
      l = j - 1;
    else
      break;
  }
  for (;;) {
    size_t j = r, skipped = 0;
    while (j < m->end && skipped < 2 && is_connector(FORM(j + 1), m->type))
      j++, skipped++;
    if (j < m->end && (name_word(s, j + 1) ||
                       (!skipped && !strcmp(tkgp_conllu_col(s, j + 1, TKGP_UPOS), "NUM"))))
      r = j + 1;
    else
      break;
  }
  if (m->type == TKGP_NER_PER) {
    /* "Director of the ... Study" is a title, not a name */
    if (is_title(FORM(head)))
      return 0;
    while (l < r && (is_title(FORM(l)) || is_connector(FORM(l), m->type)))
      l++;
  }
#undef FORM
  *first = l;
  *last = r;
  return 1;
}

static int cmp_len_desc(const void *a, const void *b)
{
  const tkgp_ner_span *x = a, *y = b;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return x->first < y->first ? -1 : x->first > y->first;
}

static int cmp_first(const void *a, const void *b)
{
  const tkgp_ner_span *x = a, *y = b;
  return x->first < y->first ? -1 : x->first > y->first;
}

static int gum_sentence(tkgp_ner_corpus *c, tkg_world *world, const char *name,
                        const tkgp_conllu_sent *s, mention **stack,
                        size_t *stack_cap, tkgp_ner_span **found,
                        size_t *found_cap)
{
  size_t depth = 0, n_found = 0, w0 = c->n_words, s0 = c->n_spans;

  for (size_t k = 0; k < s->n_lines; k++)
    if (s->lines[k].kind == TKGP_LINE_COMMENT &&
        !strncmp(s->lines[k].cols[0], "# newdoc", 8))
      c->pending_doc = 1;
  for (size_t i = 0; i < s->n_words; i++) {
    const char *misc = tkgp_conllu_col(s, i, TKGP_MISC);
    const char *e = strstr(misc, "Entity=");
    const char *form = tkgp_conllu_col(s, i, TKGP_FORM);
    if (add_word(c, form, strlen(form)) < 0)
      return TKG_ENOMEM;
    if (!e || (e != misc && e[-1] != '|'))
      continue;
    for (e += 7; *e && *e != '|';) {
      if (*e == '(') {
        const char *p = ++e, *dash;
        size_t idlen;
        mention *m;
        while (*e && *e != '(' && *e != ')' && *e != '|')
          e++;
        dash = memchr(p, '-', (size_t)(e - p));
        if (tkgp_grow((void **)stack, stack_cap, depth + 1, sizeof **stack) < 0)
          return TKG_ENOMEM;
        m = &(*stack)[depth];
        idlen = dash ? (size_t)(dash - p) : (size_t)(e - p);
        if (idlen >= sizeof m->id)
          idlen = sizeof m->id - 1;
        memcpy(m->id, p, idlen);
        m->id[idlen] = '\0';
        m->type = -1;
        if (dash) {
          const char *t = dash + 1, *te = t;
          while (te < e && *te != '-')
            te++;
          m->type = map_type(t, (size_t)(te - t));
        }
        m->start = m->end = i;
        if (*e == ')') {
          e++;
          m->end = i;
          depth++;
          goto close_top;
        }
        depth++;
        continue;
      } else {
        const char *p = e;
        size_t idlen, k;
        while (*e && *e != ')' && *e != '(' && *e != '|')
          e++;
        if (*e != ')')
          return tkgp_error(world, TKG_EINPUT,
                            "%s: bad Entity= annotation (line %zu)", name,
                            s->lineno + s->word_line[i]);
        idlen = (size_t)(e - p);
        e++;
        for (k = depth; k > 0; k--)
          if (strlen((*stack)[k - 1].id) == idlen &&
              !memcmp((*stack)[k - 1].id, p, idlen))
            break;
        if (k == 0)
          continue;  /* closes a mention opened in another sentence */
        if (k != depth) {
          mention tmp = (*stack)[k - 1];
          memmove(&(*stack)[k - 1], &(*stack)[k], (depth - k) * sizeof **stack);
          (*stack)[depth - 1] = tmp;
        }
        (*stack)[depth - 1].end = i;
      }
    close_top:
      {
        mention *m = &(*stack)[--depth];
        size_t first, last;
        if (m->type >= 0 && named_span(s, m, &first, &last)) {
          if (tkgp_grow((void **)found, found_cap, n_found + 1, sizeof **found) < 0)
            return TKG_ENOMEM;
          (*found)[n_found].first = (uint32_t)first;
          (*found)[n_found].count = (uint32_t)(last - first + 1);
          (*found)[n_found].type = (tkgp_ner_type)m->type;
          (*found)[n_found].score = 1;
          n_found++;
        }
      }
    }
  }
  /* Outermost first; drop what overlaps a longer name. */
  if (n_found > 1)
    qsort(*found, n_found, sizeof **found, cmp_len_desc);
  for (size_t k = 0; k < n_found; k++) {
    const tkgp_ner_span *f = &(*found)[k];
    int clash = 0;
    for (size_t j = s0; j < c->n_spans && !clash; j++)
      clash = f->first < c->spans[j].first + c->spans[j].count &&
              c->spans[j].first < f->first + f->count;
    if (!clash && add_span(c, f->first, f->count, f->type) < 0)
      return TKG_ENOMEM;
  }
  if (c->n_spans - s0 > 1)
    qsort(c->spans + s0, c->n_spans - s0, sizeof *c->spans, cmp_first);
  return end_sent(c, w0, s0);
}

static int read_gum(tkgp_ner_corpus *c, tkg_world *world, const char *name,
                    const char *bytes, size_t len)
{
  tkgp_conllu doc;
  mention *stack = NULL;
  tkgp_ner_span *found = NULL;
  size_t stack_cap = 0, found_cap = 0;
  int rc = tkgp_conllu_read_mem(&doc, world, name, bytes, len);

  if (rc < 0)
    return rc;
  for (size_t k = 0; k < doc.n_sents && rc == 0; k++) {
    rc = gum_sentence(c, world, name, &doc.sents[k], &stack, &stack_cap,
                      &found, &found_cap);
    if (rc == TKG_ENOMEM)
      rc = tkgp_error(world, TKG_ENOMEM, "%s: out of memory", name);
  }
  free(stack);
  free(found);
  tkgp_conllu_finish(&doc);
  return rc;
}

/* ---- CoNLL04 JSON (read with core/json.c) --------------------------------------- */

static int json_sentence(tkgp_ner_corpus *c, tkg_world *world, const char *name,
                         const tkgp_json *o, size_t line)
{
  const tkgp_json *toks = tkgp_json_get(o, "tokens"), *tags = tkgp_json_get(o, "tags"),
             *ents = tkgp_json_get(o, "entities");
  size_t n, w0 = c->n_words, s0 = c->n_spans;
  uint32_t *cls = NULL;
  tkgp_ner_span *tmp = NULL;
  int rc = 0;

  if (!toks || toks->kind != TKGP_JSON_ARR)
    return tkgp_error(world, TKG_EINPUT, "%s: sentence without \"tokens\" (line %zu)",
                      name, line);
  c->pending_doc = 1;   /* CoNLL04 sentences stand alone */
  n = toks->n;
  for (size_t k = 0; k < n; k++) {
    const tkgp_json *t = toks->items[k];
    if (t->kind != TKGP_JSON_STR)
      return tkgp_error(world, TKG_EINPUT, "%s: token %zu is not a string (line %zu)",
                        name, k, line);
    if (add_word(c, t->str, strlen(t->str)) < 0)
      return tkgp_error(world, TKG_ENOMEM, "%s: out of memory", name);
  }
  if (tags && tags->kind == TKGP_JSON_ARR) {
    if (tags->n != n)
      return tkgp_error(world, TKG_EINPUT,
                        "%s: %zu tags for %zu tokens (line %zu)", name,
                        tags->n, n, line);
    cls = malloc((n ? n : 1) * sizeof *cls);
    tmp = malloc((n ? n : 1) * sizeof *tmp);
    if (!cls || !tmp) {
      rc = tkgp_error(world, TKG_ENOMEM, "%s: out of memory", name);
      goto done;
    }
    for (size_t k = 0; k < n; k++) {
      const tkgp_json *t = tags->items[k];
      int cl = t->kind == TKGP_JSON_STR ? tag_class(t->str, strlen(t->str)) : -1;
      if (cl < 0) {
        rc = tkgp_error(world, TKG_EINPUT, "%s: bad tag of token %zu (line %zu)",
                        name, k, line);
        goto done;
      }
      cls[k] = (uint32_t)cl;
    }
    if (spans_from_classes(c, cls, n, tmp) < 0) {
      rc = tkgp_error(world, TKG_ENOMEM, "%s: out of memory", name);
      goto done;
    }
  } else if (ents && ents->kind == TKGP_JSON_ARR) {
    for (size_t k = 0; k < ents->n; k++) {
      const tkgp_json *e = ents->items[k], *ty = tkgp_json_get(e, "type"),
                 *st = tkgp_json_get(e, "start"), *en = tkgp_json_get(e, "end");
      int type;
      if (!ty || ty->kind != TKGP_JSON_STR || !st || st->kind != TKGP_JSON_NUM || !en ||
          en->kind != TKGP_JSON_NUM || st->num < 0 || en->num > (double)n ||
          st->num >= en->num) {
        rc = tkgp_error(world, TKG_EINPUT, "%s: bad entity %zu (line %zu)",
                        name, k, line);
        goto done;
      }
      type = map_type(ty->str, strlen(ty->str));
      if (type >= 0 &&
          add_span(c, (size_t)st->num, (size_t)(en->num - st->num), type) < 0) {
        rc = tkgp_error(world, TKG_ENOMEM, "%s: out of memory", name);
        goto done;
      }
    }
    if (c->n_spans - s0 > 1)
      qsort(c->spans + s0, c->n_spans - s0, sizeof *c->spans, cmp_first);
  }
  if (end_sent(c, w0, s0) < 0)
    rc = tkgp_error(world, TKG_ENOMEM, "%s: out of memory", name);
done:
  free(cls);
  free(tmp);
  return rc;
}

static int read_json(tkgp_ner_corpus *c, tkg_world *world, const char *name,
                     const char *bytes, size_t len)
{
  tkgp_arena arena;
  tkgp_json_reader j;
  int rc = 0;

  tkgp_arena_init(&arena, 1 << 20);
  tkgp_json_reader_init(&j, bytes, len, &arena);
  for (;;) {
    tkgp_json *v;
    size_t line;
    if (tkgp_json_at_end(&j))
      break;
    line = j.line;
    if (!(v = tkgp_json_next(&j))) {
      rc = tkgp_error(world, TKG_EINPUT, "%s: %s (line %zu)", name, j.err, j.line);
      break;
    }
    if (v->kind == TKGP_JSON_ARR) {
      for (size_t k = 0; k < v->n && rc == 0; k++)
        rc = json_sentence(c, world, name, v->items[k], line);
    } else if (v->kind == TKGP_JSON_OBJ) {
      rc = json_sentence(c, world, name, v, line);
    } else {
      rc = tkgp_error(world, TKG_EINPUT,
                      "%s: expected an array of sentences (line %zu)", name, line);
    }
    if (rc < 0)
      break;
  }
  tkgp_arena_finish(&arena);
  return rc;
}

/* ---- dispatch ---------------------------------------------------------------- */

static int ends_with(const char *s, const char *suffix)
{
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && !strcmp(s + a - b, suffix);
}

tkgp_ner_format tkgp_ner_detect_format(const char *path, const char *bytes,
                                       size_t len)
{
  size_t k = 0, tabs = 0;
  if (ends_with(path, ".conllu"))
    return TKGP_NER_FMT_CONLLU;
  if (ends_with(path, ".json") || ends_with(path, ".jsonl"))
    return TKGP_NER_FMT_JSON;
  if (ends_with(path, ".iob2") || ends_with(path, ".iob") ||
      ends_with(path, ".bio") || ends_with(path, ".bilou"))
    return TKGP_NER_FMT_IOB;
  while (k < len && (bytes[k] == ' ' || bytes[k] == '\n' || bytes[k] == '\r' ||
                     bytes[k] == '\t'))
    k++;
  if (k < len && (bytes[k] == '[' || bytes[k] == '{'))
    return TKGP_NER_FMT_JSON;
  /* a word line with ten columns is CoNLL-U */
  while (k < len) {
    size_t e = k;
    while (e < len && bytes[e] != '\n')
      e++;
    if (bytes[k] != '#' && e > k) {
      for (size_t i = k; i < e; i++)
        tabs += bytes[i] == '\t';
      return tabs == 9 ? TKGP_NER_FMT_CONLLU : TKGP_NER_FMT_IOB;
    }
    k = e + 1;
  }
  return TKGP_NER_FMT_IOB;
}

int tkgp_ner_corpus_read_mem(tkgp_ner_corpus *c, tkg_world *world,
                             const char *name, const char *bytes, size_t len,
                             tkgp_ner_format format)
{
  char *copy;
  int rc;
  c->pending_doc = 1;
  switch (format) {
  case TKGP_NER_FMT_CONLLU:
    return read_gum(c, world, name, bytes, len);
  case TKGP_NER_FMT_JSON:
    return read_json(c, world, name, bytes, len);
  default:
    if ((rc = tkgp_refuse_nul(world, name, bytes, len)) < 0)
      return rc;
    copy = malloc(len + 1);
    if (!copy)
      return tkgp_error(world, TKG_ENOMEM, "%s: out of memory", name);
    memcpy(copy, bytes, len);
    copy[len] = '\0';
    rc = read_iob(c, world, name, copy);
    free(copy);
    return rc;
  }
}

int tkgp_ner_corpus_read(tkgp_ner_corpus *c, tkg_world *world,
                         const char *path, tkgp_ner_format *format)
{
  char *buf;
  size_t len;
  int rc = tkgp_nlp_read_file(world, path, &buf, &len);
  if (rc < 0)
    return rc;
  *format = tkgp_ner_detect_format(path, buf, len);
  rc = tkgp_ner_corpus_read_mem(c, world, path, buf, len, *format);
  free(buf);
  return rc;
}

/* Whether a sentence of the document beginning at sentence S has three
 * or more words with letters and no capital but "I": its writer does not
 * capitalize names either. */
static int casual_doc(const tkgp_ner_corpus *c, size_t s)
{
  for (size_t t = s; t < c->n_sents && (t == s || !c->sents[t].doc_start); t++) {
    size_t letters = 0, caps = 0;
    for (size_t i = 0; i < c->sents[t].n_words; i++) {
      const char *f = c->words[c->sents[t].word + i].form;
      int has_letter = 0, has_cap = 0;
      for (const char *p = f; *p; p++) {
        has_letter |= (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z');
        has_cap |= *p >= 'A' && *p <= 'Z';
      }
      letters += has_letter;
      caps += has_cap && strcmp(f, "I") != 0;
    }
    if (letters >= 3 && !caps)
      return 1;
  }
  return 0;
}

int tkgp_ner_corpus_add_lowercase(tkgp_ner_corpus *c, int percent)
{
  size_t n_sents = c->n_sents, doc = 0;
  int take = 0, pending = c->pending_doc;
  for (size_t s = 0; s < n_sents; s++) {
    const tkgp_ner_sent st = c->sents[s];  /* c->sents may move below */
    size_t w0 = c->n_words, s0 = c->n_spans;
    if (s == 0 || st.doc_start) {
      /* spread the chosen documents over the corpora: 37 is prime to 100 */
      take = casual_doc(c, s) && (int)((doc++ * 37) % 100) < percent;
      c->pending_doc = take;
    }
    if (!take)
      continue;
    for (size_t i = 0; i < st.n_words; i++) {
      const char *f = c->words[st.word + i].form;
      char *copy;
      if (add_word(c, f, strlen(f)) < 0)
        return TKG_ENOMEM;
      for (copy = (char *)c->words[c->n_words - 1].form; *copy; copy++)
        if (*copy >= 'A' && *copy <= 'Z')
          *copy = (char)(*copy + 32);
    }
    for (size_t k = 0; k < st.n_spans; k++) {
      const tkgp_ner_span sp = c->spans[st.span + k];
      if (add_span(c, sp.first, sp.count, (int)sp.type) < 0)
        return TKG_ENOMEM;
    }
    if (end_sent(c, w0, s0) < 0)
      return TKG_ENOMEM;
  }
  c->pending_doc = pending;
  return 0;
}

int tkgp_ner_corpus_tag(tkgp_ner_corpus *c, tkgp_nlp *nlp)
{
  for (size_t s = 0; s < c->n_sents; s++) {
    int rc = tkgp_nlp_tag(nlp, c->words + c->sents[s].word, c->sents[s].n_words,
                          &c->arena);
    if (rc < 0)
      return rc;
  }
  return 0;
}

int tkgp_ner_corpora_read(tkg_world *world, char *const *files, size_t n, int each,
                          tkgp_ner_corpus *corpora, int *used)
{
  for (size_t i = 0; i < n; i++) {
    tkgp_ner_format fmt;
    size_t slot, len;
    char *buf;
    int rc = tkgp_nlp_read_file(world, files[i], &buf, &len);
    if (rc < 0)
      return rc;
    fmt = tkgp_ner_detect_format(files[i], buf, len);
    slot = each ? i : (size_t)fmt;
    used[slot] = 1;
    rc = tkgp_ner_corpus_read_mem(&corpora[slot], world, files[i], buf, len, fmt);
    free(buf);
    if (rc < 0)
      return rc;
  }
  return 0;
}
