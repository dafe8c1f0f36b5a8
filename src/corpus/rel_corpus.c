/* rel_corpus.c - reading CoNLL04 JSON: sentences, gold mentions, gold relations
 * SPDX-License-Identifier: MIT
 */
#include "corpus/rel_corpus.h"

#include "core/grow.h"
#include "core/json.h"
#include "corpus/conllu.h"

#include <stdlib.h>
#include <string.h>

void tkgp_rel_corpus_init(tkgp_rel_corpus *c)
{
  memset(c, 0, sizeof *c);
  tkgp_arena_init(&c->arena, 1 << 16);
}

void tkgp_rel_corpus_finish(tkgp_rel_corpus *c)
{
  tkgp_arena_finish(&c->arena);
  free(c->words);
  free(c->ents);
  free(c->rels);
  free(c->sents);
  memset(c, 0, sizeof *c);
}

/* Entity type of a CoNLL04 name: PER, ORG, LOC; -1 for Other; -2 unknown. */
static int entity_type(const char *t)
{
  if (!strcmp(t, "Peop") || !strcmp(t, "PER"))
    return TKGP_NER_PER;
  if (!strcmp(t, "Org") || !strcmp(t, "ORG"))
    return TKGP_NER_ORG;
  if (!strcmp(t, "Loc") || !strcmp(t, "LOC"))
    return TKGP_NER_LOC;
  if (!strcmp(t, "Other") || !strcmp(t, "MISC"))
    return -1;
  return -2;
}

#define MAX_SENT_ENTS 4096

typedef struct raw_ent {
  uint32_t first, count;
  int type;     /* -1: Other */
} raw_ent;

/* Append the N tokens TOKS of a sentence of NAME to the words of C. */
static int json_tokens(tkgp_rel_corpus *c, tkg_world *world, const char *name,
                       const tkgp_json *toks, size_t n)
{
  if (tkgp_grow((void **)&c->words, &c->cap_words, c->n_words + n, sizeof *c->words) < 0)
    return tkgp_error(world, TKG_ENOMEM, "%s: out of memory", name);
  for (size_t k = 0; k < n; k++) {
    const tkgp_json *t = toks->items[k];
    tkgp_nlp_word *w = &c->words[c->n_words + k];
    if (t->kind != TKGP_JSON_STR || !t->str[0])
      return tkgp_error(world, TKG_EINPUT,
                        "%s: token %zu is not a non-empty string (line %zu)",
                        name, k, t->line);
    memset(w, 0, sizeof *w);
    if (!(w->form = tkgp_arena_strndup(&c->arena, t->str, strlen(t->str))))
      return tkgp_error(world, TKG_ENOMEM, "%s: out of memory", name);
  }
  return 0;
}

/* The entities of the BIOUL (or BIOES) TAGS of the N tokens of a
 * sentence of NAME into RAW (*N_RAW of them). */
static int json_tag_entities(tkg_world *world, const char *name,
                             const tkgp_json *tags, size_t n, raw_ent *raw,
                             size_t *n_raw)
{
  int open = 0;
  if (tags->n != n)
    return tkgp_error(world, TKG_EINPUT, "%s: %zu tags for %zu tokens (line %zu)",
                      name, tags->n, n, tags->line);
  for (size_t k = 0; k < n; k++) {
    const tkgp_json *t = tags->items[k];
    const char *s0 = t->kind == TKGP_JSON_STR ? t->str : "";
    int type;
    if (!strcmp(s0, "O")) {
      open = 0;
      continue;
    }
    if (!s0[0] || !strchr("BIULE", s0[0]) || s0[1] != '-' ||
        (type = entity_type(s0 + 2)) == -2)
      return tkgp_error(world, TKG_EINPUT, "%s: bad tag of token %zu (line %zu)",
                        name, k, t->line);
    /* an I, L or E tag without an open entity of its type starts one */
    if (s0[0] == 'B' || s0[0] == 'U' || !open || raw[*n_raw - 1].type != type) {
      raw[*n_raw].first = (uint32_t)k;
      raw[*n_raw].count = 1;
      raw[(*n_raw)++].type = type;
    } else {
      raw[*n_raw - 1].count++;
    }
    open = s0[0] == 'B' || s0[0] == 'I';
  }
  return 0;
}

/* The ENTS ({"type", "start", "end"} objects) of a sentence of NAME of N
 * tokens into RAW (*N_RAW of them). */
static int json_span_entities(tkg_world *world, const char *name,
                              const tkgp_json *ents, size_t n, raw_ent *raw,
                              size_t *n_raw)
{
  if (ents->n > n)
    return tkgp_error(world, TKG_EINPUT, "%s: more entities than tokens (line %zu)",
                      name, ents->line);
  for (size_t k = 0; k < ents->n; k++) {
    const tkgp_json *e = ents->items[k], *ty = tkgp_json_get(e, "type"),
               *st = tkgp_json_get(e, "start"), *en = tkgp_json_get(e, "end");
    int type;
    if (!ty || ty->kind != TKGP_JSON_STR || !st || st->kind != TKGP_JSON_NUM || !en ||
        en->kind != TKGP_JSON_NUM || st->num < 0 || en->num > (double)n ||
        st->num >= en->num || (type = entity_type(ty->str)) == -2)
      return tkgp_error(world, TKG_EINPUT, "%s: bad entity %zu (line %zu)",
                        name, k, e->line);
    raw[*n_raw].first = (uint32_t)st->num;
    raw[*n_raw].count = (uint32_t)(en->num - st->num);
    raw[(*n_raw)++].type = type;
  }
  return 0;
}

/* Append the PER, ORG and LOC entities of RAW to C as sentence S's;
 * MAP takes raw indexes to kept ones (UINT32_MAX for Other). */
static int keep_entities(tkgp_rel_corpus *c, tkg_world *world, const char *name,
                         tkgp_rel_sent *s, const raw_ent *raw, size_t n_raw,
                         uint32_t *map)
{
  if (tkgp_grow((void **)&c->ents, &c->cap_ents, c->n_ents + n_raw, sizeof *c->ents) < 0)
    return tkgp_error(world, TKG_ENOMEM, "%s: out of memory", name);
  for (size_t k = 0; k < n_raw; k++) {
    tkgp_ner_span *e;
    if (raw[k].type < 0) {
      map[k] = UINT32_MAX;
      continue;
    }
    map[k] = (uint32_t)s->n_ents;
    e = &c->ents[c->n_ents + s->n_ents];
    e->first = raw[k].first;
    e->count = raw[k].count;
    e->type = (tkgp_ner_type)raw[k].type;
    e->score = 1;
    s->n_ents++;
  }
  return 0;
}

/* Append the RELS ({"head", "tail", "type"} over the N_RAW raw entities)
 * of a sentence of NAME to C as sentence S's, their ends through MAP. */
static int json_relations(tkgp_rel_corpus *c, tkg_world *world, const char *name,
                          const tkgp_json *rels, tkgp_rel_sent *s,
                          const uint32_t *map, size_t n_raw)
{
  if (tkgp_grow((void **)&c->rels, &c->cap_rels, c->n_rels + rels->n, sizeof *c->rels) < 0)
    return tkgp_error(world, TKG_ENOMEM, "%s: out of memory", name);
  for (size_t k = 0; k < rels->n; k++) {
    const tkgp_json *r = rels->items[k], *hd = tkgp_json_get(r, "head"),
               *tl = tkgp_json_get(r, "tail"), *ty = tkgp_json_get(r, "type");
    tkgp_rel_gold *g = &c->rels[c->n_rels + s->n_rels];
    if (!hd || hd->kind != TKGP_JSON_NUM || !tl || tl->kind != TKGP_JSON_NUM || !ty ||
        ty->kind != TKGP_JSON_STR || hd->num < 0 || tl->num < 0 ||
        hd->num >= (double)n_raw || tl->num >= (double)n_raw ||
        hd->num != (double)(size_t)hd->num || tl->num != (double)(size_t)tl->num)
      return tkgp_error(world, TKG_EINPUT, "%s: bad relation %zu (line %zu)",
                        name, k, r->line);
    if ((g->type = tkgp_rel_type_from_name(ty->str)) == TKGP_REL_NONE)
      return tkgp_error(world, TKG_EINPUT,
                        "%s: unknown relation type \"%s\" (line %zu)", name,
                        ty->str, ty->line);
    g->head = map[(size_t)hd->num];
    g->tail = map[(size_t)tl->num];
    s->n_rels++;
  }
  return 0;
}

static int json_sentence(tkgp_rel_corpus *c, tkg_world *world, const char *name,
                         const tkgp_json *o)
{
  const tkgp_json *toks = tkgp_json_get(o, "tokens"), *tags = tkgp_json_get(o, "tags"),
             *ents = tkgp_json_get(o, "entities"), *rels = tkgp_json_get(o, "relations");
  tkgp_rel_sent s = {c->n_words, 0, c->n_ents, 0, c->n_rels, 0, o->line};
  raw_ent *raw = NULL;
  uint32_t *map = NULL;
  size_t n_raw = 0, n;
  int rc = 0;

  if (o->kind != TKGP_JSON_OBJ || !toks || toks->kind != TKGP_JSON_ARR)
    return tkgp_error(world, TKG_EINPUT, "%s: sentence without \"tokens\" (line %zu)",
                      name, o->line);
  n = toks->n;
  if ((rc = json_tokens(c, world, name, toks, n)) < 0)
    goto done;
  /* Entities, in order of appearance, Other included (relations index them). */
  if (!(raw = malloc((n ? n : 1) * sizeof *raw)))
    goto nomem;
  if (tags && tags->kind == TKGP_JSON_ARR)
    rc = json_tag_entities(world, name, tags, n, raw, &n_raw);
  else if (ents && ents->kind == TKGP_JSON_ARR)
    rc = json_span_entities(world, name, ents, n, raw, &n_raw);
  if (rc < 0)
    goto done;
  /* Keep PER, ORG, LOC; MAP takes raw indexes to kept ones. */
  if (!(map = malloc((n_raw ? n_raw : 1) * sizeof *map)))
    goto nomem;
  if ((rc = keep_entities(c, world, name, &s, raw, n_raw, map)) < 0)
    goto done;
  if (rels && rels->kind == TKGP_JSON_ARR &&
      (rc = json_relations(c, world, name, rels, &s, map, n_raw)) < 0)
    goto done;
  s.n_words = n;
  if (tkgp_grow((void **)&c->sents, &c->cap_sents, c->n_sents + 1, sizeof *c->sents) < 0)
    goto nomem;
  c->sents[c->n_sents++] = s;
  c->n_words += n;
  c->n_ents += s.n_ents;
  c->n_rels += s.n_rels;
  goto done;
nomem:
  rc = tkgp_error(world, TKG_ENOMEM, "%s: out of memory", name);
done:
  free(raw);
  free(map);
  return rc;
}

int tkgp_rel_corpus_read_mem(tkgp_rel_corpus *c, tkg_world *world,
                             const char *name, const char *bytes, size_t len)
{
  tkgp_arena arena;
  tkgp_json_reader j;
  int rc = 0;

  tkgp_arena_init(&arena, 1 << 20);
  tkgp_json_reader_init(&j, bytes, len, &arena);
  for (;;) {
    tkgp_json *v;
    if (tkgp_json_at_end(&j))
      break;
    if (!(v = tkgp_json_next(&j))) {
      rc = tkgp_error(world, strcmp(j.err, "out of memory") ? TKG_EINPUT : TKG_ENOMEM,
                      "%s: %s (line %zu)", name, j.err, j.line);
      break;
    }
    if (v->kind == TKGP_JSON_ARR) {
      for (size_t k = 0; k < v->n && rc == 0; k++)
        rc = json_sentence(c, world, name, v->items[k]);
    } else if (v->kind == TKGP_JSON_OBJ) {
      rc = json_sentence(c, world, name, v);
    } else {
      rc = tkgp_error(world, TKG_EINPUT,
                      "%s: expected an array of sentences (line %zu)", name, v->line);
    }
    if (rc < 0)
      break;
  }
  tkgp_arena_finish(&arena);
  return rc;
}

int tkgp_rel_corpus_read(tkgp_rel_corpus *c, tkg_world *world, const char *path)
{
  char *buf;
  size_t len;
  int rc = tkgp_nlp_read_file(world, path, &buf, &len);
  if (rc < 0)
    return rc;
  rc = tkgp_rel_corpus_read_mem(c, world, path, buf, len);
  free(buf);
  return rc;
}

int tkgp_rel_corpus_annotate(tkgp_rel_corpus *c, tkgp_nlp *nlp)
{
  for (size_t s = 0; s < c->n_sents; s++) {
    int rc = tkgp_nlp_annotate(nlp, tkgp_rel_sent_words(c, &c->sents[s]),
                               c->sents[s].n_words, &c->arena);
    if (rc < 0)
      return rc;
  }
  return 0;
}
