/* document.c - a document: its text, its arena, and the pipeline over it
 * SPDX-License-Identifier: MIT
 *
 * The document keeps the input bytes as given, because every offset and
 * anchor textkg reports refers to them, and the NFC text the stages read
 * (one copy when they are the same bytes, as they are for most text).
 * Analysis runs the stages in order; each reads what the one before made.
 *
 * Windows. A document of more than WINDOW_TOKENS tokens (a book, a log,
 * a 50 MB line) is analyzed a window of whole sentences at a time, each
 * window as a document of its own: tags, parses, mentions, entities and
 * relations of one window are made, its mentions and relations kept,
 * and its tokens and words freed before the next. Memory is then the
 * text, 16 bytes a token (tkgp_tokenizer), what is found, and one window,
 * instead of some 250 bytes a token; time stays linear. Coreference, the
 * document's one meeting and the other document-wide rules then reach
 * across one window only: WINDOW_TOKENS, about 1 MB of news, is far more
 * than the 100 mentions the resolver looks back (entities.c). A sentence
 * longer than a window is cut at a multiple of PARSE_WINDOW, where the
 * parser starts a new tree anyway. Documents up to WINDOW_TOKENS are one
 * window, analyzed as they always were.
 */
#include "pipeline/document.h"
#include "lexicon/gazetteer.h"
#include "coref/entities.h"
#include "rel/relations.h"
#include "mention/treefix.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHECKPOINT_EVERY 64 /* code points between two saved byte offsets */
#define PARSE_WINDOW 200    /* longest stretch of words parsed as one tree */
#define WINDOW_TOKENS (1000 * PARSE_WINDOW) /* tokens analyzed together */

/* What the stages read and make for one window of the document. */
typedef struct window {
  tkgp_tokens tokens;    /* offsets into the document's text */
  tkgp_nlp_word *words;  /* one per token */
  tkgp_mention_list found;
  tkgp_arena *arena;     /* tokens, forms and words (strings found go to
                          * the document's arena) */
} window;

static int utf8_lead(unsigned char c)
{
  return (c & 0xC0) != 0x80;
}

int tkg_document_new(tkg_document **out, tkg_world *world, const char *name,
                     const char *bytes, size_t length)
{
  tkg_document *doc;
  size_t i, cp = 0;
  int rc;

  *out = NULL;
  doc = calloc(1, sizeof *doc);
  if (!doc)
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  doc->world = world;
  tkgp_arena_init(&doc->arena, 0);
  doc->name = strdup(name ? name : "-");
  {
    const char *slash = strrchr(doc->name ? doc->name : "", '/');
    const char *base = doc->name && strcmp(doc->name, "-") == 0 ? "stdin"
                       : slash ? slash + 1 : doc->name ? doc->name : "";
    const char *dot = strrchr(base, '.');
    size_t len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    doc->scope = strndup(base, len);
  }
  if (!doc->name || !doc->scope) {
    rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
    goto fail;
  }
  rc = tkgp_text_init(&doc->text, world, bytes, length);
  if (rc < 0)
    goto fail;
  /* The input as given: the NFC text itself when normalizing changed
   * nothing, else a copy. */
  doc->input_length = length;
  if (doc->text.length == length && memcmp(doc->text.data, bytes, length) == 0) {
    doc->input = doc->text.data;
  } else if ((doc->input = malloc(length + 1)) != NULL) {
    memcpy(doc->input, bytes, length);
    doc->input[length] = '\0';
  } else {
    rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
    goto fail;
  }

  /* The input is valid UTF-8 now: count code points by lead bytes. */
  doc->n_checkpoints = doc->text.input_codepoints / CHECKPOINT_EVERY + 1;
  doc->cp_checkpoints = malloc(doc->n_checkpoints * sizeof *doc->cp_checkpoints);
  if (!doc->cp_checkpoints) {
    rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
    goto fail;
  }
  for (i = 0; i < length; i++)
    if (utf8_lead((unsigned char)bytes[i])) {
      if (cp % CHECKPOINT_EVERY == 0)
        doc->cp_checkpoints[cp / CHECKPOINT_EVERY] = i;
      cp++;
    }
  if (cp % CHECKPOINT_EVERY == 0)
    doc->cp_checkpoints[cp / CHECKPOINT_EVERY] = length;
  *out = doc;
  return 0;

fail:
  tkg_document_free(doc);
  return rc;
}

void tkg_document_free(tkg_document *doc)
{
  if (!doc)
    return;
  tkgp_mentions_finish(&doc->found);
  tkgp_arena_finish(&doc->arena);
  if (doc->input != doc->text.data)
    free(doc->input);
  tkgp_text_finish(&doc->text);
  free(doc->cp_checkpoints);
  free(doc->sentences);
  free(doc->scope);
  free(doc->name);
  free(doc->id);
  free(doc->url);
  free(doc->title);
  free(doc);
}

int tkg_document_set_id(tkg_document *doc, const char *id)
{
  char *copy = strdup(id), *scope = strdup(id);
  if (!copy || !scope) {
    free(copy);
    free(scope);
    return tkgp_error(doc->world, TKG_ENOMEM, "out of memory");
  }
  free(doc->id);
  doc->id = copy;
  /* The id names the document's events as the file name does otherwise. */
  free(doc->scope);
  doc->scope = scope;
  return 0;
}

int tkg_document_set_date(tkg_document *doc, const char *date)
{
  if (!tkgp_date_valid(date))
    return tkgp_error(doc->world, TKG_EINVAL, "not a date of the form YYYY-MM-DD: %s", date);
  memcpy(doc->date, date, 11);
  return 0;
}

/* Replace *FIELD by a copy of VALUE (NULL: none). */
static int set_string(tkg_document *doc, char **field, const char *value)
{
  char *copy = NULL;
  if (value && !(copy = strdup(value)))
    return tkgp_error(doc->world, TKG_ENOMEM, "out of memory");
  free(*field);
  *field = copy;
  return 0;
}

int tkg_document_set_source(tkg_document *doc, const char *url, const char *title)
{
  if (set_string(doc, &doc->url, url) < 0 || set_string(doc, &doc->title, title) < 0)
    return TKG_ENOMEM;
  return 0;
}

const char *tkgp_document_date(const tkg_document *doc)
{
  if (doc->date[0])
    return doc->date;
  return doc->world->date[0] ? doc->world->date : NULL;
}

/* The number of dateline tokens ("GENEVA (Reuters) -") that open the N
 * tokens TOK, when words follow them; else 0. */
static size_t dateline_length(const tkgp_token *tok, size_t n)
{
  size_t d = 0;
  while (d < n && (tok[d].flags & TKGP_TOKEN_DATELINE))
    d++;
  return d < n ? d : 0;
}

/* Tag and parse a dateline and the sentence after it apart: read as one,
 * the parser hangs the sentence's subject on the dateline ("GENEVA (X) -
 * Jane Roe will travel ..." with Jane Roe an apposition). The dateline
 * then depends on the sentence's root, as the dateline mend leaves it
 * (treefix.c). */
static int annotate_after_dateline(tkgp_nlp *nlp, tkgp_nlp_word *w, size_t n, size_t d,
                                   tkgp_arena *arena)
{
  size_t j, root = d;
  if (tkgp_nlp_annotate(nlp, w, d, arena) < 0 ||
      tkgp_nlp_annotate(nlp, w + d, n - d, arena) < 0)
    return TKG_ENOMEM;
  for (j = d; j < n; j++) {
    if (w[j].head > 0)
      w[j].head += (int)d;
    else
      root = j;
  }
  for (j = 0; j < d; j++)
    if (w[j].head == 0) {
      w[j].head = (int)root + 1;
      w[j].deprel = "dep";
    }
  return 0;
}

/* Tag, lemmatize and parse every sentence. */
static int annotate(tkg_document *doc, window *win)
{
  tkgp_nlp *nlp = tkgp_world_nlp(doc->world);
  size_t i, k;

  if (!nlp)
    return TKG_EDATA; /* the message, naming the model file, is set */
  win->words = tkgp_arena_calloc(win->arena, win->tokens.n_tokens + 1, sizeof *win->words);
  if (!win->words)
    return tkgp_error(doc->world, TKG_ENOMEM, "out of memory");
  for (i = 0; i < win->tokens.n_tokens; i++)
    win->words[i].form = win->tokens.tokens[i].form;
  for (k = 0; k < win->tokens.n_sentences; k++) {
    const tkgp_sentence *s = &win->tokens.sentences[k];
    size_t at;
    /* A "sentence" of thousands of words (a list, text without stops) is
     * parsed in windows, each with its own root, so that time stays linear
     * and memory bounded. */
    for (at = 0; at < s->count; at += PARSE_WINDOW) {
      size_t n = s->count - at < PARSE_WINDOW ? s->count - at : PARSE_WINDOW, j;
      tkgp_nlp_word *w = win->words + s->first + at;
      size_t d = at ? 0 : dateline_length(win->tokens.tokens + s->first, n);
      if (d && annotate_after_dateline(nlp, w, n, d, win->arena) < 0)
        return tkgp_error(doc->world, TKG_ENOMEM, "out of memory");
      if (!d && tkgp_nlp_annotate(nlp, w, n, win->arena) < 0)
        return tkgp_error(doc->world, TKG_ENOMEM, "out of memory");
      for (j = 0; at && j < n; j++)
        if (w[j].head > 0)
          w[j].head += (int)at; /* heads count from the sentence's start */
    }
  }
  return 0;
}

static int find_entities(tkg_document *doc, window *win)
{
  tkg_world *w = doc->world;
  tkgp_entity_input in;
  in.gazetteer = w->gazetteer;
  in.ner = tkgp_world_ner(w);
  in.text = doc->text.data;
  in.tokens = &win->tokens;
  in.words = win->words;
  in.window = PARSE_WINDOW;
  if (!in.ner)
    return TKG_EDATA; /* the message names the model file */
  if (tkgp_entities_find(&win->found, &in, &doc->arena) < 0)
    return tkgp_error(w, TKG_ENOMEM, "out of memory");
  return 0;
}

static int find_relations(tkg_document *doc, window *win)
{
  tkg_world *w = doc->world;
  tkgp_relation_input in;
  in.gazetteer = w->gazetteer;
  in.text = doc->text.data;
  in.tokens = &win->tokens;
  in.words = win->words;
  in.scope = doc->scope;
  in.date = tkgp_document_date(doc);
  in.relclass = tkgp_world_relclass(w);
  if (!in.relclass)
    return TKG_EDATA; /* the message names the model file */
  if (tkgp_relations_find(&win->found, &in, &doc->arena) < 0)
    return tkgp_error(w, TKG_ENOMEM, "out of memory");
  return 0;
}

/* Mentions found on the surface (countries, titled names), and the parse
 * mended where the parser breaks news phrases: datelines, split
 * compounds, titled names. */
static int find_mentions(tkg_document *doc, window *win)
{
  if (tkgp_mentions_find(&win->found, doc->world->gazetteer, &doc->arena, doc->text.data,
                         &win->tokens) < 0)
    return tkgp_error(doc->world, TKG_ENOMEM, "out of memory");
  tkgp_treefix_datelines(win->words, &win->tokens);
  tkgp_treefix_conjuncts(win->words, &win->tokens);
  tkgp_treefix_titled(win->words, &win->tokens, &win->found);
  return 0;
}

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Run the stages after tokenizing on window WIN. */
static int analyze_window(tkg_document *doc, window *win)
{
  /* The stages in order; each reads what the ones before made. */
  static int (*const stages[TKGP_STAGES - 1])(tkg_document *, window *) = {
    annotate, find_mentions, find_entities, find_relations,
  };
  tkg_world *w = doc->world;
  size_t k;

  for (k = 0; k < TKGP_STAGES - 1; k++) {
    double start = now();
    int rc = stages[k](doc, win);
    w->stage_seconds[k + 1] += now() - start;
    if (rc < 0)
      return rc;
  }
  w->words_analyzed += win->tokens.n_tokens;
  return 0;
}

/* Keep what window WIN found, and its sentences, in the document; its
 * tokens and words go. */
static int keep_window(tkg_document *doc, const window *win)
{
  tkgp_tokens *t = &doc->tokens;
  size_t k;
  if (win->tokens.n_sentences > doc->cap_sentences - t->n_sentences) {
    size_t cap = doc->cap_sentences ? doc->cap_sentences : 1024;
    tkgp_sentence *p;
    while (cap - t->n_sentences < win->tokens.n_sentences)
      cap *= 2;
    if (!(p = realloc(doc->sentences, cap * sizeof *p)))
      return tkgp_error(doc->world, TKG_ENOMEM, "out of memory");
    doc->sentences = t->sentences = p;
    doc->cap_sentences = cap;
  }
  if (tkgp_mentions_append(&doc->found, &win->found, t->n_sentences) < 0)
    return tkgp_error(doc->world, TKG_ENOMEM, "out of memory");
  for (k = 0; k < win->tokens.n_sentences; k++) {
    t->sentences[t->n_sentences] = win->tokens.sentences[k];
    t->sentences[t->n_sentences++].first += t->n_tokens;
  }
  t->n_tokens += win->tokens.n_tokens;
  return 0;
}

int tkg_document_analyze(tkg_document *doc)
{
  tkg_world *w = doc->world;
  tkgp_tokenizer *tk = NULL;
  tkgp_arena arena;
  window win;
  double start;
  size_t k;
  int rc;

  if (doc->analyzed)
    return 0;
  if (!w->gazetteer)
    return tkgp_error(w, TKG_EINVAL, "the world has no lexicon: call tkg_world_open() first");
  tkgp_arena_init(&arena, 0);
  memset(&win, 0, sizeof win);
  win.arena = &arena;
  start = now();
  rc = tkgp_tokenizer_new(&tk, doc->text.data, doc->text.length);
  w->stage_seconds[TKGP_STAGE_TOKENIZE] += now() - start;
  /* Every window in turn; a text without tokens is one empty window, so
   * that the stages still run (and report a missing model). */
  for (k = 0; rc == 0; k++, rc = keep_window(doc, &win)) {
    tkgp_mentions_finish(&win.found);
    tkgp_arena_finish(&arena);
    tkgp_arena_init(&arena, 0);
    memset(&win, 0, sizeof win);
    win.arena = &arena;
    start = now();
    rc = tkgp_tokenizer_next(tk, &win.tokens, win.arena, WINDOW_TOKENS);
    w->stage_seconds[TKGP_STAGE_TOKENIZE] += now() - start;
    if (rc < 0 || (k && !win.tokens.n_sentences) || (rc = analyze_window(doc, &win)) < 0 ||
        !win.tokens.n_sentences)
      break;
  }
  if (rc == TKG_ENOMEM)
    rc = tkgp_error(w, TKG_ENOMEM, "out of memory");
  tkgp_mentions_finish(&win.found);
  tkgp_arena_finish(&arena);
  tkgp_tokenizer_free(tk);
  if (rc < 0)
    return rc;
  doc->analyzed = 1;
  return 0;
}

size_t tkgp_document_offset(const tkg_document *doc, size_t offset)
{
  return tkgp_text_input_offset(&doc->text, offset);
}

/* Byte offset in the input of input code point CP. */
static size_t input_byte(const tkg_document *doc, size_t cp)
{
  size_t k = cp / CHECKPOINT_EVERY, i, left;
  if (k >= doc->n_checkpoints)
    return doc->input_length;
  i = doc->cp_checkpoints[k];
  left = cp % CHECKPOINT_EVERY;
  while (left && i < doc->input_length) {
    i++;
    while (i < doc->input_length && !utf8_lead((unsigned char)doc->input[i]))
      i++;
    left--;
  }
  return i;
}

size_t tkgp_document_slice(const tkg_document *doc, size_t begin, size_t end,
                           const char **bytes)
{
  size_t b = input_byte(doc, begin), e = input_byte(doc, end);
  *bytes = doc->input + b;
  return e > b ? e - b : 0;
}

size_t tkg_document_words(const tkg_document *doc)
{
  return doc->analyzed ? doc->tokens.n_tokens : 0;
}
