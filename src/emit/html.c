/* html.c - the graph as a report a person reads: one self-contained HTML file
 * SPDX-License-Identifier: MIT
 *
 * The report is for reading and printing, offline: no script, no font,
 * no style sheet from anywhere but the file itself. It has, in order:
 *
 *   - a header: the document (or the number of documents), its date;
 *   - a legend of the entity classes present, coloured as in the diagram;
 *   - each document's text, every sentence a span (#s-N) and every mention
 *     a link (#m-N) to its entity's card (#e-N), coloured by class; the
 *     card a link leads to is highlighted by CSS (:target), not by script;
 *   - the diagram, the SVG that `-f svg` writes, inline;
 *   - the statements: subject, predicate, object, their qualifiers
 *     (condition, modality, negation, time), confidence, and the sentence
 *     each came from, linked to its place in the text;
 *   - the entity cards, by class and name: names, IRI, roles, relations
 *     with their sentences, and every mention.
 *
 * Mentions nest (a country inside a title, a name inside a quotation):
 * the text is written in one sweep over the document's spans sorted by
 * start, longest first, with a stack of the open ones. A span that
 * crosses the end of an open one without nesting in it cannot be one
 * element: it is shown in its card but not marked in the text (the card
 * says so). Every string from the text or the lexicon is escaped.
 *
 * Cost: linear in the graph but for sorting the spans and the cards:
 * each card reads its mentions and statements from indexes made once.
 */
#include "emit/writer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A span of a document's text: a sentence or a mention (a graph string). */
typedef struct span {
  size_t begin, end; /* code points */
  size_t string;     /* index into the graph's strings */
  int sentence;      /* a sentence, not a mention */
} span;

/* What the writer keeps while it writes. */
typedef struct report {
  const tkg_graph *g;
  FILE *out;
  unsigned char *unmarked; /* per string: its mention could not be marked */
  size_t *sentence_no;     /* per string: sentence number in its document (1, 2...) */
  /* Per entity E: its mentions are strings mentions[mention_at[E] ..
   * mention_at[E + 1]), its statements (as subject or object) statements
   * [statement_at[E] .. statement_at[E + 1]), both in graph order. */
  size_t *mention_at, *mentions, *statement_at, *statements;
} report;

/* Write LEN bytes of S escaped for HTML text and attribute values. A C0
 * control character but tab and line breaks, which the text may hold and
 * which no XML or HTML document may, is shown as U+FFFD. */
static void put_escaped_len(FILE *out, const char *s, size_t len)
{
  size_t i, from = 0;
  for (i = 0; i < len; i++) {
    const char *rep = NULL;
    switch (s[i]) {
    case '&': rep = "&amp;"; break;
    case '<': rep = "&lt;"; break;
    case '>': rep = "&gt;"; break;
    case '"': rep = "&quot;"; break;
    case '\'': rep = "&#39;"; break;
    default:
      if ((unsigned char)s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
        rep = "\xef\xbf\xbd";
      break;
    }
    if (rep) {
      fwrite(s + from, 1, i - from, out);
      fputs(rep, out);
      from = i + 1;
    }
  }
  fwrite(s + from, 1, len - from, out);
}

static void put_escaped(FILE *out, const char *s)
{
  put_escaped_len(out, s ? s : "", s ? strlen(s) : 0);
}

/* The CSS class of an entity class: "c-person", "c-country"... */
static void put_class_token(FILE *out, tkgp_entity_class cls)
{
  const char *name = tkgp_class_label(cls);
  fputs("c-", out);
  for (; *name; name++)
    fputc(*name >= 'A' && *name <= 'Z' ? *name - 'A' + 'a' : *name, out);
}

static const char *const style_sheet =
    "body{font-family:sans-serif;line-height:1.5;margin:2em auto;max-width:60em;"
    "padding:0 1em;color:#222}\n"
    "h1{font-size:1.6em;margin-bottom:0}h2{font-size:1.3em;border-bottom:1px solid #ccc;"
    "margin-top:2em}\n"
    ".meta{color:#555;margin-top:0}\n"
    ".legend span{display:inline-block;margin:0 .6em .3em 0;padding:0 .4em;"
    "border:1px solid #999;border-radius:3px}\n"
    ".text{white-space:pre-wrap;border:1px solid #ddd;padding:1em;background:#fcfcfc}\n"
    ".text .m{color:inherit;text-decoration:none;border-radius:2px;padding:0 1px}\n"
    ".text .k-pronoun,.text .k-nominal{border-bottom:2px dotted #666}\n"
    ".text .k-quote{background:none !important;border-bottom:1px dashed #999}\n"
    ".sentence:target{outline:2px solid #e0a800}\n"
    "figure.diagram{margin:1em 0;overflow:auto;border:1px solid #ddd}\n"
    "figure.diagram svg{max-width:100%;height:auto}\n"
    "table{border-collapse:collapse;width:100%;font-size:.9em}\n"
    "th,td{border:1px solid #ccc;padding:.2em .4em;text-align:left;vertical-align:top}\n"
    "th{background:#f0f0f0}\n"
    "tr.negated td{color:#777;font-style:italic}\n"
    ".card{border:1px solid #ccc;border-left-width:6px;padding:.5em 1em;margin:1em 0;"
    "break-inside:avoid;background:none !important}\n"
    ".card:target{box-shadow:0 0 0 3px #e0a800}\n"
    ".card h3{margin:.2em 0}\n"
    ".card .iri{font-family:monospace;font-size:.85em;word-break:break-all}\n"
    ".card ul{margin:.2em 0;padding-left:1.4em}\n"
    ".evidence{color:#555}\n"
    "@media print{body{max-width:none;margin:0}a{color:inherit;text-decoration:none}"
    "figure.diagram{overflow:visible}h2{break-after:avoid}}\n";

/* One rule per class: its colour, from the diagram's table. */
static void put_class_styles(FILE *out)
{
  int c;
  for (c = 0; c < TKGP_CLASS_COUNT; c++) {
    fputs(".", out);
    put_class_token(out, (tkgp_entity_class)c);
    fprintf(out, "{background:%s;border-color:%s}\n", tkgp_class_fill((tkgp_entity_class)c),
            tkgp_class_fill((tkgp_entity_class)c));
  }
}

/* ---- the text ----------------------------------------------------------- */

static int by_start(const void *a, const void *b)
{
  const span *x = a, *y = b;
  if (x->begin != y->begin)
    return x->begin < y->begin ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  if (x->sentence != y->sentence)
    return x->sentence ? -1 : 1; /* a sentence holds its mentions */
  return x->string < y->string ? -1 : x->string > y->string;
}

static const char *kind_token(tkgp_mention_kind kind)
{
  switch (kind) {
  case TKGP_MENTION_NAME: return "name";
  case TKGP_MENTION_DEMONYM: return "demonym";
  case TKGP_MENTION_TITLE: return "title";
  case TKGP_MENTION_NOMINAL: return "nominal";
  case TKGP_MENTION_PRONOUN: return "pronoun";
  case TKGP_MENTION_QUOTE: return "quote";
  case TKGP_MENTION_METONYM: return "metonym";
  }
  return "name";
}

/* Open span SP: a sentence, or a mention as a link to its card. A link
 * holds no link, so a mention inside one (a demonym in a title), and a
 * quotation, whose names are the links, are marked but not links. Returns
 * whether it opened a link. */
static int open_span(const report *r, const span *sp, int in_link)
{
  const tkgp_gstring *str = &r->g->strings[sp->string];
  int link;
  if (sp->sentence) {
    fprintf(r->out, "<span class=\"sentence\" id=\"s-%zu\">", sp->string);
    return 0;
  }
  link = !in_link && str->kind != TKGP_MENTION_QUOTE;
  {
    const tkgp_gentity *e = &r->g->entities[str->entity];
    if (link)
      fprintf(r->out, "<a id=\"m-%zu\" href=\"#e-%zu\"", sp->string, str->entity);
    else
      fprintf(r->out, "<span id=\"m-%zu\"", sp->string);
    fprintf(r->out, " class=\"m k-%s ", kind_token(str->kind));
    put_class_token(r->out, e->cls);
    fputs("\" title=\"", r->out);
    put_escaped(r->out, tkgp_class_label(e->cls));
    fputs(": ", r->out);
    put_escaped(r->out, e->label);
    fputs("\">", r->out);
  }
  return link;
}

/* Write the bytes of TEXT from code point *CP to code point UNTIL,
 * escaped; *AT is the byte offset of *CP. */
static void put_text_until(FILE *out, const char *text, size_t *at, size_t *cp, size_t until)
{
  size_t from = *at;
  while (*cp < until && text[*at]) {
    (*at)++;
    while (((unsigned char)text[*at] & 0xC0) == 0x80)
      (*at)++;
    (*cp)++;
  }
  put_escaped_len(out, text + from, *at - from);
}

/* The text of document DOC with its sentences and mentions marked. */
static int put_document_text(report *r, size_t doc)
{
  const tkg_graph *g = r->g;
  const char *text = g->docs[doc].text;
  span *spans = malloc((g->n_strings + 1) * sizeof *spans);
  size_t *open = malloc((g->n_strings + 1) * sizeof *open);
  unsigned char *is_link = malloc(g->n_strings + 1);
  size_t n = 0, depth = 0, links = 0, i, at = 0, cp = 0;

  if (!spans || !open || !is_link) {
    free(spans);
    free(open);
    free(is_link);
    return TKG_ENOMEM;
  }
  for (i = 0; i < g->n_strings; i++) {
    const tkgp_gstring *str = &g->strings[i];
    if (str->doc != doc || str->end <= str->begin)
      continue;
    spans[n].begin = str->begin;
    spans[n].end = str->end;
    spans[n].string = i;
    spans[n++].sentence = str->entity == TKGP_NONE;
  }
  qsort(spans, n, sizeof *spans, by_start);
  fputs("<div class=\"text\">", r->out);
  for (i = 0; i <= n; i++) {
    size_t next = i < n ? spans[i].begin : SIZE_MAX;
    /* Close what ends before the next span starts. */
    while (depth && spans[open[depth - 1]].end <= next) {
      const span *top = &spans[open[--depth]];
      put_text_until(r->out, text, &at, &cp, top->end);
      fputs(is_link[depth] ? "</a>" : "</span>", r->out);
      links -= is_link[depth];
    }
    if (i == n)
      break;
    if (depth && spans[i].end > spans[open[depth - 1]].end) {
      r->unmarked[spans[i].string] = 1; /* crosses an open span's end */
      continue;
    }
    put_text_until(r->out, text, &at, &cp, spans[i].begin);
    is_link[depth] = (unsigned char)open_span(r, &spans[i], links > 0);
    links += is_link[depth];
    open[depth++] = i;
  }
  put_text_until(r->out, text, &at, &cp, SIZE_MAX);
  fputs("</div>\n", r->out);
  free(spans);
  free(open);
  free(is_link);
  return 0;
}

/* ---- the diagram -------------------------------------------------------- */

/* The SVG of the graph inline: what `-f svg` writes, without its XML
 * declaration and doctype, which HTML does not take. */
static int put_diagram(const report *r)
{
  const tkgp_writer *svg = tkgp_writer_find("svg");
  char *buf = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&buf, &len);
  const char *start;
  int rc;

  if (!mem)
    return tkgp_error(r->g->world, TKG_ENOMEM, "out of memory");
  rc = tkgp_write_image(r->g, svg, mem);
  if (fclose(mem) != 0 && rc == 0)
    rc = tkgp_error(r->g->world, TKG_ENOMEM, "out of memory");
  if (rc < 0) {
    free(buf);
    return rc;
  }
  start = buf ? strstr(buf, "<svg") : NULL;
  fputs("<figure class=\"diagram\">\n", r->out);
  if (start)
    fputs(start, r->out);
  fputs("</figure>\n", r->out);
  free(buf);
  return 0;
}

/* ---- statements and cards ----------------------------------------------- */

/* A link to entity E's card: its name, and a role's country. */
static void put_entity_link(const report *r, size_t e)
{
  const tkgp_gentity *ent = &r->g->entities[e];
  fprintf(r->out, "<a href=\"#e-%zu\">", e);
  put_escaped(r->out, ent->label);
  if (ent->role_of != TKGP_NONE) {
    fputs(", ", r->out);
    put_escaped(r->out, r->g->entities[ent->role_of].label);
  }
  fputs("</a>", r->out);
}

/* The sentence string S: its words, linked to its place in the text. */
static void put_evidence(const report *r, size_t s)
{
  const tkgp_gstring *str = &r->g->strings[s];
  fprintf(r->out, "<a class=\"evidence\" href=\"#s-%zu\">", s);
  put_escaped(r->out, str->anchor);
  fputs("</a>", r->out);
}

static void put_qualifiers(const report *r, const tkgp_gstatement *st)
{
  int any = 0;
  if (st->negated) {
    fputs("not so", r->out);
    any = 1;
  }
  if (st->modality) {
    fputs(any ? "; " : "", r->out);
    fputs("modality: ", r->out);
    put_escaped(r->out, st->modality);
    any = 1;
  }
  if (st->condition) {
    fputs(any ? "; " : "", r->out);
    fputs("condition: ", r->out);
    put_escaped(r->out, st->condition);
    any = 1;
  }
  if (st->time) {
    fputs(any ? "; " : "", r->out);
    fputs("time: ", r->out);
    put_escaped(r->out, st->time);
  }
}

static void put_statements(const report *r)
{
  const tkg_graph *g = r->g;
  size_t i;
  fputs("<h2 id=\"statements\">Statements</h2>\n", r->out);
  if (!g->n_statements) {
    fputs("<p>The text states no relation textkg knows.</p>\n", r->out);
    return;
  }
  fputs("<table>\n<thead><tr><th>#</th>", r->out);
  if (g->n_docs > 1)
    fputs("<th>document</th>", r->out);
  fputs("<th>subject</th><th>predicate</th><th>object</th><th>qualifiers</th>"
        "<th>confidence</th><th>sentence</th></tr></thead>\n<tbody>\n",
        r->out);
  for (i = 0; i < g->n_statements; i++) {
    const tkgp_gstatement *st = &g->statements[i];
    fprintf(r->out, "<tr%s><td>%zu</td>", tkgp_statement_asserted(st) ? "" : " class=\"negated\"",
            i + 1);
    if (g->n_docs > 1) {
      fputs("<td>", r->out);
      put_escaped(r->out, g->docs[st->doc].name);
      fputs("</td>", r->out);
    }
    fputs("<td>", r->out);
    put_entity_link(r, st->subject);
    fputs("</td><td>", r->out);
    put_escaped(r->out, st->property);
    fputs("</td><td>", r->out);
    put_entity_link(r, st->object);
    fputs("</td><td>", r->out);
    put_qualifiers(r, st);
    fprintf(r->out, "</td><td>%.2f</td><td>", st->confidence);
    if (st->evidence != TKGP_NONE)
      put_evidence(r, st->evidence);
    fputs("</td></tr>\n", r->out);
  }
  fputs("</tbody>\n</table>\n", r->out);
}

/* Cards in reading order: by class as the legend lists them, then name. */
static int by_class_then_label(const void *a, const void *b, void *graph)
{
  const tkg_graph *g = graph;
  const tkgp_gentity *x = &g->entities[*(const size_t *)a], *y = &g->entities[*(const size_t *)b];
  int c;
  if (x->cls != y->cls)
    return x->cls < y->cls ? -1 : 1;
  if ((c = strcmp(x->label, y->label)) != 0)
    return c;
  return strcmp(x->iri, y->iri);
}

/* The relations of entity E, each with its sentence. */
static void put_card_relations(const report *r, size_t e)
{
  const tkg_graph *g = r->g;
  size_t i;
  int any = 0;
  for (i = r->statement_at[e]; i < r->statement_at[e + 1]; i++) {
    const tkgp_gstatement *st = &g->statements[r->statements[i]];
    fputs(any ? "" : "<p>Relations:</p>\n<ul>\n", r->out);
    any = 1;
    fputs("<li>", r->out);
    put_entity_link(r, st->subject);
    fputs(" <b>", r->out);
    put_escaped(r->out, st->property);
    fputs("</b> ", r->out);
    put_entity_link(r, st->object);
    if (!tkgp_statement_asserted(st) || st->time) {
      fputs(" (", r->out);
      put_qualifiers(r, st);
      fputs(")", r->out);
    }
    if (st->evidence != TKGP_NONE) {
      fputs(": \xe2\x80\x9c", r->out);
      put_evidence(r, st->evidence);
      fputs("\xe2\x80\x9d", r->out);
    }
    fputs("</li>\n", r->out);
  }
  if (any)
    fputs("</ul>\n", r->out);
}

/* The mentions of entity E, linked to the text. */
static void put_card_mentions(const report *r, size_t e)
{
  const tkg_graph *g = r->g;
  size_t k, n = 0, unmarked = 0;
  for (k = r->mention_at[e]; k < r->mention_at[e + 1]; k++) {
    size_t i = r->mentions[k];
    const tkgp_gstring *str = &g->strings[i];
    fputs(n ? ", " : "<p>Mentions: ", r->out);
    if (r->unmarked[i]) {
      unmarked++;
      fputs("\xe2\x80\x9c", r->out);
      put_escaped(r->out, str->anchor);
      fputs("\xe2\x80\x9d*", r->out);
    } else {
      fprintf(r->out, "<a href=\"#m-%zu\">\xe2\x80\x9c", i);
      put_escaped(r->out, str->anchor);
      fputs("\xe2\x80\x9d</a>", r->out);
    }
    if (str->sentence != TKGP_NONE && r->sentence_no[str->sentence])
      fprintf(r->out, " (sentence %zu)", r->sentence_no[str->sentence]);
    n++;
  }
  if (n)
    fputs("</p>\n", r->out);
  if (unmarked)
    fputs("<p>* crosses another mention: not marked in the text.</p>\n", r->out);
}

static void put_card(const report *r, size_t e)
{
  const tkgp_gentity *ent = &r->g->entities[e];
  size_t i;
  fprintf(r->out, "<article class=\"card ");
  put_class_token(r->out, ent->cls);
  fprintf(r->out, "\" id=\"e-%zu\">\n<h3>", e);
  put_escaped(r->out, ent->label);
  fputs(" <small>(", r->out);
  put_escaped(r->out, tkgp_class_label(ent->cls));
  if (ent->role_of != TKGP_NONE) {
    fprintf(r->out, " of <a href=\"#e-%zu\">", ent->role_of);
    put_escaped(r->out, r->g->entities[ent->role_of].label);
    fputs("</a>", r->out);
  }
  fputs(")</small></h3>\n<p class=\"iri\"><a href=\"", r->out);
  put_escaped(r->out, ent->iri);
  fputs("\">", r->out);
  put_escaped(r->out, ent->iri);
  fputs("</a>", r->out);
  if (ent->iso) {
    fputs(" &#183; ISO 3166-1 ", r->out);
    put_escaped(r->out, ent->iso);
  }
  if (ent->wikidata) {
    fputs(" &#183; <a href=\"https://www.wikidata.org/wiki/", r->out);
    put_escaped(r->out, ent->wikidata);
    fputs("\">Wikidata ", r->out);
    put_escaped(r->out, ent->wikidata);
    fputs("</a>", r->out);
  }
  fputs("</p>\n", r->out);
  if (ent->n_alt) {
    fputs("<p>Also named: ", r->out);
    for (i = 0; i < ent->n_alt; i++) {
      fputs(i ? ", " : "", r->out);
      put_escaped(r->out, ent->alt_labels[i]);
    }
    fputs("</p>\n", r->out);
  }
  put_card_relations(r, e);
  put_card_mentions(r, e);
  fputs("</article>\n", r->out);
}

static int put_cards(const report *r)
{
  const tkg_graph *g = r->g;
  size_t *order = malloc((g->n_entities + 1) * sizeof *order), i;
  if (!order)
    return TKG_ENOMEM;
  for (i = 0; i < g->n_entities; i++)
    order[i] = i;
  qsort_r(order, g->n_entities, sizeof *order, by_class_then_label, (void *)g);
  fputs("<h2 id=\"entities\">Entities</h2>\n", r->out);
  for (i = 0; i < g->n_entities; i++)
    put_card(r, order[i]);
  free(order);
  return 0;
}

static void put_legend(const report *r)
{
  int present[TKGP_CLASS_COUNT] = {0}, c;
  size_t i;
  for (i = 0; i < r->g->n_entities; i++)
    present[r->g->entities[i].cls] = 1;
  fputs("<p class=\"legend\">", r->out);
  for (c = 0; c < TKGP_CLASS_COUNT; c++) {
    if (!present[c])
      continue;
    fputs("<span class=\"", r->out);
    put_class_token(r->out, (tkgp_entity_class)c);
    fputs("\">", r->out);
    put_escaped(r->out, tkgp_class_label((tkgp_entity_class)c));
    fputs("</span>", r->out);
  }
  fputs(" <span style=\"border-style:dotted\">pronoun or description</span></p>\n", r->out);
}

/* The title, date and source of document D, each a sentence. The URL is
 * text, not a link: the report opens nothing outside itself. */
static void put_document_meta(FILE *out, const tkgp_gdoc *d)
{
  if (d->title) {
    fputs("\xe2\x80\x9c", out);
    put_escaped(out, d->title);
    fputs("\xe2\x80\x9d. ", out);
  }
  if (d->date) {
    fputs("Dated ", out);
    put_escaped(out, d->date);
    fputs(". ", out);
  }
  if (d->url) {
    fputs("Source: <span class=\"url\">", out);
    put_escaped(out, d->url);
    fputs("</span>. ", out);
  }
}

static void put_header(const report *r)
{
  const tkg_graph *g = r->g;
  size_t i;
  fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        "<meta name=\"generator\" content=\"textkg " TKG_VERSION "\"/>\n<title>",
        r->out);
  if (g->n_docs == 1)
    put_escaped(r->out, g->docs[0].name);
  else
    fprintf(r->out, "%zu documents", g->n_docs);
  fputs(" \xe2\x80\x94 textkg report</title>\n<style>\n", r->out);
  fputs(style_sheet, r->out);
  put_class_styles(r->out);
  fputs("</style>\n</head>\n<body>\n<header>\n<h1>", r->out);
  if (g->n_docs == 1)
    put_escaped(r->out, g->docs[0].name);
  else
    fprintf(r->out, "%zu documents", g->n_docs);
  fputs("</h1>\n<p class=\"meta\">", r->out);
  for (i = 0; i < g->n_docs && g->n_docs == 1; i++)
    put_document_meta(r->out, &g->docs[i]);
  fprintf(r->out,
          "%zu entities, %zu statements. Made by textkg " TKG_VERSION
          " from the text below; every statement links to its sentence.</p>\n"
          "<nav><a href=\"#statements\">Statements</a> &#183; <a "
          "href=\"#entities\">Entities</a></nav>\n</header>\n",
          g->n_entities, g->n_statements);
}

static int by_document_and_start(const void *a, const void *b, void *graph)
{
  const tkg_graph *g = graph;
  const tkgp_gstring *x = &g->strings[*(const size_t *)a], *y = &g->strings[*(const size_t *)b];
  if (x->doc != y->doc)
    return x->doc < y->doc ? -1 : 1;
  return x->begin < y->begin ? -1 : x->begin > y->begin;
}

/* Counting sort of N items by their entity (KEY_OF gives up to two per
 * item) into AT (n_entities + 1 starts) and LIST. */
static int group_by_entity(size_t n_entities, size_t n, size_t (*key_of)(const tkg_graph *, size_t, int),
                           const tkg_graph *g, size_t **at, size_t **list)
{
  size_t i, e, total = 0;
  int side;
  *at = calloc(n_entities + 2, sizeof **at);
  if (!*at)
    return TKG_ENOMEM;
  for (i = 0; i < n; i++)
    for (side = 0; side < 2; side++)
      if ((e = key_of(g, i, side)) != TKGP_NONE)
        (*at)[e + 1]++, total++;
  for (e = 0; e < n_entities; e++)
    (*at)[e + 1] += (*at)[e];
  if (!(*list = malloc((total + 1) * sizeof **list)))
    return TKG_ENOMEM;
  {
    size_t *fill = malloc((n_entities + 1) * sizeof *fill);
    if (!fill)
      return TKG_ENOMEM;
    memcpy(fill, *at, (n_entities + 1) * sizeof *fill);
    for (i = 0; i < n; i++)
      for (side = 0; side < 2; side++)
        if ((e = key_of(g, i, side)) != TKGP_NONE)
          (*list)[fill[e]++] = i;
    free(fill);
  }
  return 0;
}

static size_t mention_entity(const tkg_graph *g, size_t i, int side)
{
  return side ? TKGP_NONE : g->strings[i].entity;
}

/* A statement under its subject and, unless the same, its object. */
static size_t statement_entity(const tkg_graph *g, size_t i, int side)
{
  const tkgp_gstatement *st = &g->statements[i];
  if (side == 0)
    return st->subject;
  return st->object != st->subject ? st->object : TKGP_NONE;
}

/* Number each document's sentences in the order of its text; index the
 * mentions and statements of every entity. */
static int make_indexes(report *r)
{
  const tkg_graph *g = r->g;
  size_t *sentences = malloc((g->n_strings + 1) * sizeof *sentences), n = 0, i, k = 0;
  if (!sentences)
    return TKG_ENOMEM;
  for (i = 0; i < g->n_strings; i++)
    if (g->strings[i].entity == TKGP_NONE)
      sentences[n++] = i;
  qsort_r(sentences, n, sizeof *sentences, by_document_and_start, (void *)g);
  for (i = 0; i < n; i++) {
    if (i && g->strings[sentences[i]].doc != g->strings[sentences[i - 1]].doc)
      k = 0;
    r->sentence_no[sentences[i]] = ++k;
  }
  free(sentences);
  if (group_by_entity(g->n_entities, g->n_strings, mention_entity, g, &r->mention_at,
                      &r->mentions) < 0 ||
      group_by_entity(g->n_entities, g->n_statements, statement_entity, g, &r->statement_at,
                      &r->statements) < 0)
    return TKG_ENOMEM;
  return 0;
}

int tkgp_write_html(const tkg_graph *graph, const tkgp_writer *writer, FILE *stream)
{
  report r;
  size_t d;
  int rc = 0;
  (void)writer;

  memset(&r, 0, sizeof r);
  r.g = graph;
  r.out = stream;
  r.unmarked = calloc(graph->n_strings + 1, 1);
  r.sentence_no = calloc(graph->n_strings + 1, sizeof *r.sentence_no);
  if (!r.unmarked || !r.sentence_no) {
    rc = tkgp_error(graph->world, TKG_ENOMEM, "out of memory");
    goto cleanup;
  }
  if ((rc = make_indexes(&r)) < 0) {
    rc = tkgp_error(graph->world, TKG_ENOMEM, "out of memory");
    goto cleanup;
  }
  put_header(&r);
  put_legend(&r);
  for (d = 0; d < graph->n_docs && rc == 0; d++) {
    fputs("<section class=\"document\">\n<h2>", stream);
    put_escaped(stream, graph->n_docs > 1 ? graph->docs[d].name : "Text");
    fputs("</h2>\n", stream);
    if (graph->n_docs > 1 && (graph->docs[d].date || graph->docs[d].title || graph->docs[d].url)) {
      fputs("<p class=\"meta\">", stream);
      put_document_meta(stream, &graph->docs[d]);
      fputs("</p>\n", stream);
    }
    rc = put_document_text(&r, d);
    fputs("</section>\n", stream);
  }
  if (rc == 0) {
    fputs("<h2 id=\"diagram\">Diagram</h2>\n", stream);
    rc = put_diagram(&r);
  }
  if (rc == 0)
    put_statements(&r);
  if (rc == 0)
    rc = put_cards(&r);
  fputs("</body>\n</html>\n", stream);
  if (rc == TKG_ENOMEM)
    rc = tkgp_error(graph->world, TKG_ENOMEM, "out of memory writing the report");
cleanup:
  free(r.unmarked);
  free(r.sentence_no);
  free(r.mention_at);
  free(r.mentions);
  free(r.statement_at);
  free(r.statements);
  return rc;
}
