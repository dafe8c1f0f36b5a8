/* dot.c - the graph as a diagram: DOT through libcgraph, images through libgvc
 * SPDX-License-Identifier: MIT
 *
 * The diagram is for people, so it shows less than the RDF: entities as
 * nodes shaped and coloured by class, each asserted relation once as a
 * labelled edge, and a person's roles inside the person's node rather than
 * as nodes of their own. A legend lists the classes that appear.
 *
 * cgraph interns the strings it is given per graph, so nothing here keeps
 * one past agclose(); the order of frees is gvFreeLayout, then agclose.
 *
 * One graphviz context serves the whole process, and is never freed: the
 * pango text-layout plugin of graphviz 2.42 (Debian 12) caches, in a
 * static variable, a pointer to the name of the last font it measured,
 * and that name belongs to the context's font dictionary. Once the context
 * is freed, the next context's first label compares against freed memory
 * (ASan: heap-use-after-free in strcmp under textspan_size). The plugin's
 * cache and cgraph's own globals also make graphviz unsafe to call from
 * two threads at once, so every use of it here holds one lock.
 */
#include "emit/writer.h"
#include "core/strbuf.h"

#include <cgraph.h>
#include <gvc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct style {
  const char *name, *shape, *fill;
} style;

static const style styles[TKGP_CLASS_COUNT] = {
  {"Person", "ellipse", "#cfe2ff"},
  {"Organization", "box", "#ffe5b4"},
  {"Country", "box", "#d1e7dd"},
  {"City", "box", "#e9f5db"},
  {"Place", "box", "#f3f6d8"},
  {"Event", "octagon", "#f8d7da"},
  {"Role", "note", "#eeeeee"},
  {"Meeting", "octagon", "#f8d7da"},
  {"Agreement", "component", "#fff3cd"},
  {"Proposal", "component", "#e2e3f3"},
  {"Quotation", "note", "#fdfdfd"},
  {"Activity", "cds", "#e8f4f8"},
};

/* Append NAME to SB as DOT label text: a backslash would start an escape
 * sequence (\n, \N...) and a raw line break would be kept, so both are
 * neutralized. cgraph quotes the whole label itself. */
static void append_label_text(tkgp_strbuf *sb, const char *name)
{
  for (; *name; name++) {
    if (*name == '\\')
      tkgp_strbuf_puts(sb, "\\\\");
    else if (*name == '\n' || *name == '\r' || *name == '\t')
      tkgp_strbuf_putc(sb, ' ');
    else
      tkgp_strbuf_putc(sb, *name);
  }
}

#define WRAP_AT 36     /* characters on a line of a long label */
#define WRAP_MAX 120   /* characters of a quotation shown in the diagram */

/* Append a long text as DOT label lines of about WRAP_AT characters,
 * cut after WRAP_MAX with an ellipsis. Counts code points, breaks at
 * spaces. */
static void append_wrapped(tkgp_strbuf *sb, const char *text)
{
  size_t shown = 0, line = 0;
  const char *p = text;
  while (*p) {
    size_t word = strcspn(p, " ");
    size_t cps = 0, k;
    char *copy;
    for (k = 0; k < word; k++)
      cps += ((unsigned char)p[k] & 0xC0) != 0x80;
    if (shown + cps > WRAP_MAX) {
      tkgp_strbuf_puts(sb, " \xe2\x80\xa6");
      return;
    }
    if (line && line + cps > WRAP_AT) {
      tkgp_strbuf_puts(sb, "\\n");
      line = 0;
    } else if (shown) {
      tkgp_strbuf_putc(sb, ' ');
      line++;
    }
    copy = strndup(p, word);
    if (!copy) {
      sb->failed = 1;
      return;
    }
    append_label_text(sb, copy);
    free(copy);
    shown += cps + 1;
    line += cps;
    p += word;
    p += strspn(p, " ");
  }
}

static void set(void *obj, const char *attr, const char *value)
{
  agsafeset(obj, (char *)attr, (char *)value, "");
}

/* Roles of a person, as "Title, Country" lines of its label. */
static void append_roles(const tkg_graph *g, size_t person, tkgp_strbuf *sb)
{
  size_t i, j;
  for (i = 0; i < g->n_statements; i++) {
    const tkgp_gstatement *st = &g->statements[i];
    const tkgp_gentity *role;
    int seen = 0;
    if (st->subject != person || strcmp(st->property, "holdsRole") != 0 ||
        !tkgp_statement_asserted(st))
      continue;
    for (j = 0; j < i && !seen; j++)
      seen = g->statements[j].subject == person && g->statements[j].object == st->object &&
             strcmp(g->statements[j].property, "holdsRole") == 0;
    if (seen)
      continue;
    role = &g->entities[st->object];
    tkgp_strbuf_puts(sb, "\\n");
    append_label_text(sb, role->label);
    if (role->role_of != TKGP_NONE) {
      tkgp_strbuf_puts(sb, ", ");
      append_label_text(sb, g->entities[role->role_of].label);
    }
  }
}

/* A diagram being built from graph G: which statements are edges, which
 * entities nodes, and which classes appear (for the legend). */
typedef struct diagram {
  const tkg_graph *g;
  Agraph_t *ag;
  size_t *order;    /* entities in the order they are drawn */
  Agnode_t **nodes; /* entity -> its node, or NULL */
  char *drawn;      /* statement -> whether it is an edge */
  char *linked;     /* entity -> whether an edge meets it */
  int used[TKGP_CLASS_COUNT];
  tkgp_strbuf sb; /* the label being written */
} diagram;

/* The attributes every graph, node and edge has unless set otherwise. */
static void set_defaults(Agraph_t *ag)
{
  agattr(ag, AGRAPH, "rankdir", "LR");
  agattr(ag, AGRAPH, "fontname", "Helvetica,Arial,sans-serif");
  agattr(ag, AGRAPH, "nodesep", "0.4");
  agattr(ag, AGNODE, "fontname", "Helvetica,Arial,sans-serif");
  agattr(ag, AGNODE, "fontsize", "11");
  agattr(ag, AGNODE, "style", "filled");
  agattr(ag, AGNODE, "shape", "box");
  agattr(ag, AGNODE, "fillcolor", "white");
  agattr(ag, AGNODE, "label", "\\N");
  agattr(ag, AGEDGE, "fontname", "Helvetica,Arial,sans-serif");
  agattr(ag, AGEDGE, "fontsize", "10");
  agattr(ag, AGEDGE, "label", "");
  agattr(ag, AGEDGE, "style", "solid");
}

/* Which statements become edges: each relation once per kind (asserted,
 * qualified, negated), roles folded into the person's node. */
static void choose_edges(diagram *d)
{
  const tkg_graph *g = d->g;
  size_t i, j;
  for (i = 0; i < g->n_statements; i++) {
    const tkgp_gstatement *st = &g->statements[i];
    int seen = 0;
    if (strcmp(st->property, "holdsRole") == 0 ||
        g->entities[st->subject].cls == TKGP_CLASS_ROLE ||
        g->entities[st->object].cls == TKGP_CLASS_ROLE ||
        (st->negated && g->world->hide_negated))
      continue;
    for (j = 0; j < i && !seen; j++)
      seen = d->drawn[j] && g->statements[j].subject == st->subject &&
             g->statements[j].object == st->object &&
             strcmp(g->statements[j].property, st->property) == 0 &&
             g->statements[j].negated == st->negated &&
             tkgp_statement_asserted(&g->statements[j]) == tkgp_statement_asserted(st);
    if (seen)
      continue;
    d->drawn[i] = 1;
    d->linked[st->subject] = d->linked[st->object] = 1;
  }
}

/* The entities' nodes, labelled, shaped and coloured by class. Returns 0,
 * or -1 when out of memory. */
static int add_nodes(diagram *d)
{
  const tkg_graph *g = d->g;
  size_t i;
  for (i = 0; i < g->n_entities; i++) {
    const tkgp_gentity *e = &g->entities[d->order[i]];
    Agnode_t *n;
    /* Agents and places always; events, agreements and quotations only
     * when something relates to them, or the diagram drowns in them. */
    if (e->cls == TKGP_CLASS_ROLE || (e->cls > TKGP_CLASS_PLACE && !d->linked[d->order[i]]))
      continue;
    n = agnode(d->ag, (char *)e->iri, 1);
    if (!n)
      return -1;
    tkgp_strbuf_clear(&d->sb);
    if (e->cls == TKGP_CLASS_QUOTATION)
      append_wrapped(&d->sb, e->label);
    else
      append_label_text(&d->sb, e->label);
    if (e->cls == TKGP_CLASS_PERSON)
      append_roles(g, d->order[i], &d->sb);
    if (d->sb.failed)
      return -1;
    set(n, "label", d->sb.data);
    set(n, "shape", styles[e->cls].shape);
    set(n, "fillcolor", styles[e->cls].fill);
    d->nodes[d->order[i]] = n;
    d->used[e->cls] = 1;
  }
  return 0;
}

/* The label of statement ST's edge, into SB. */
static void append_edge_label(tkgp_strbuf *sb, const tkgp_gstatement *st)
{
  if (st->negated)
    tkgp_strbuf_puts(sb, "not ");
  tkgp_strbuf_puts(sb, st->property);
  /* "accepts — if Russia agrees": the qualifiers under the property. */
  if (st->modality) {
    tkgp_strbuf_puts(sb, "\\n(");
    append_label_text(sb, st->modality);
    tkgp_strbuf_putc(sb, ')');
  }
  if (st->condition) {
    tkgp_strbuf_puts(sb, "\\n\xe2\x80\x94 ");
    append_wrapped(sb, st->condition);
  }
}

/* The chosen statements' edges between the nodes drawn: negated ones
 * dotted and grey, qualified ones dashed. Returns 0, or -1 when out of
 * memory. */
static int add_edges(diagram *d)
{
  const tkg_graph *g = d->g;
  size_t i;
  for (i = 0; i < g->n_statements; i++) {
    const tkgp_gstatement *st = &g->statements[i];
    Agedge_t *edge;
    if (!d->drawn[i] || !d->nodes[st->subject] || !d->nodes[st->object])
      continue;
    edge = agedge(d->ag, d->nodes[st->subject], d->nodes[st->object], NULL, 1);
    if (!edge)
      return -1;
    tkgp_strbuf_clear(&d->sb);
    append_edge_label(&d->sb, st);
    if (d->sb.failed)
      return -1;
    set(edge, "label", d->sb.data);
    if (st->negated) {
      set(edge, "style", "dotted");
      set(edge, "color", "#888888");
      set(edge, "fontcolor", "#888888");
    } else if (!tkgp_statement_asserted(st)) {
      set(edge, "style", "dashed");
    }
  }
  return 0;
}

/* The legend: one sample node per class that appears. Returns 0, or -1
 * when out of memory. */
static int add_legend(diagram *d)
{
  Agraph_t *legend = agsubg(d->ag, "cluster_legend", 1);
  size_t i;
  if (!legend)
    return -1;
  set(legend, "label", "Legend");
  set(legend, "fontsize", "10");
  set(legend, "style", "dashed");
  for (i = 0; i < TKGP_CLASS_COUNT; i++) {
    char name[64];
    Agnode_t *n;
    if (!d->used[i])
      continue;
    snprintf(name, sizeof name, "legend:%s", styles[i].name);
    n = agnode(legend, name, 1);
    if (!n)
      return -1;
    set(n, "label", styles[i].name);
    set(n, "shape", styles[i].shape);
    set(n, "fillcolor", styles[i].fill);
  }
  return 0;
}

/* Build the cgraph graph. Returns NULL when out of memory. */
static Agraph_t *build(const tkg_graph *g)
{
  diagram d;
  int ok;

  memset(&d, 0, sizeof d);
  d.g = g;
  if (!(d.ag = agopen("textkg", Agdirected, NULL)))
    return NULL;
  tkgp_strbuf_init(&d.sb);
  set_defaults(d.ag);
  d.order = tkgp_graph_sorted_entities(g);
  d.nodes = calloc(g->n_entities + 1, sizeof *d.nodes);
  d.drawn = calloc(g->n_statements + 1, sizeof *d.drawn);
  d.linked = calloc(g->n_entities + 1, sizeof *d.linked);
  ok = d.order && d.nodes && d.drawn && d.linked;
  if (ok) {
    choose_edges(&d);
    ok = add_nodes(&d) == 0 && add_edges(&d) == 0 && add_legend(&d) == 0;
  }
  free(d.order);
  free(d.nodes);
  free(d.drawn);
  free(d.linked);
  tkgp_strbuf_finish(&d.sb);
  if (!ok) {
    agclose(d.ag);
    return NULL;
  }
  return d.ag;
}

/* The process's graphviz context (see the top of this file), and the
 * lock that every call into graphviz holds. */
static pthread_once_t graphviz_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t graphviz_lock = PTHREAD_MUTEX_INITIALIZER;
static GVC_t *graphviz_context;

static void graphviz_start(void)
{
  graphviz_context = gvContext();
}

int tkgp_write_dot(const tkg_graph *graph, const tkgp_writer *writer, FILE *stream)
{
  Agraph_t *ag;
  int rc = 0;

  pthread_mutex_lock(&graphviz_lock);
  ag = build(graph);
  if (!ag) {
    rc = tkgp_error(graph->world, TKG_ENOMEM, "out of memory building the diagram");
  } else {
    if (agwrite(ag, stream) != 0)
      rc = tkgp_error(graph->world, TKG_EIO, "cannot write %s", writer->name);
    agclose(ag);
  }
  pthread_mutex_unlock(&graphviz_lock);
  return rc;
}

/* cairo stamps a PDF with the time it was made: replace the digits of
 * "/CreationDate (D:YYYYMMDDHHMMSS" with a fixed date of the same length,
 * so that the same graph gives the same bytes (byte offsets are kept). */
static void fix_pdf_date(char *data, size_t length)
{
  static const char key[] = "/CreationDate (D:", fixed[] = "19700101000000";
  char *p = memmem(data, length, key, sizeof key - 1);
  size_t i;
  if (!p)
    return;
  p += sizeof key - 1;
  for (i = 0; i < sizeof fixed - 1 && p + i < data + length && p[i] >= '0' && p[i] <= '9'; i++)
    p[i] = fixed[i];
}

/* Lay out AG and render it to STREAM. Called with the lock held. */
static int render(const tkg_graph *graph, const tkgp_writer *writer, GVC_t *gvc, Agraph_t *ag,
                  FILE *stream)
{
  char *data = NULL;
  unsigned int length = 0;
  int rc = 0;

  if (gvLayout(gvc, ag, "dot") != 0)
    return tkgp_error(graph->world, TKG_ERROR, "graphviz could not lay out the diagram");
  if (gvRenderData(gvc, ag, writer->detail, &data, &length) != 0 || !data) {
    rc = tkgp_error(graph->world, TKG_EIO,
                    "graphviz could not render %s (is the graphviz package installed?)",
                    writer->name);
  } else {
    if (strcmp(writer->detail, "pdf") == 0)
      fix_pdf_date(data, length);
    if (fwrite(data, 1, length, stream) != length)
      rc = tkgp_error(graph->world, TKG_EIO, "cannot write %s", writer->name);
  }
  if (data)
    gvFreeRenderData(data);
  gvFreeLayout(gvc, ag);
  return rc;
}

int tkgp_write_image(const tkg_graph *graph, const tkgp_writer *writer, FILE *stream)
{
  Agraph_t *ag;
  int rc;

  pthread_once(&graphviz_once, graphviz_start);
  if (!graphviz_context)
    return tkgp_error(graph->world, TKG_ENOMEM, "cannot start graphviz");
  pthread_mutex_lock(&graphviz_lock);
  ag = build(graph);
  if (!ag) {
    rc = tkgp_error(graph->world, TKG_ENOMEM, "out of memory building the diagram");
  } else {
    rc = render(graph, writer, graphviz_context, ag, stream);
    agclose(ag);
  }
  pthread_mutex_unlock(&graphviz_lock);
  return rc;
}

const char *tkgp_class_label(tkgp_entity_class cls)
{
  return styles[cls].name;
}

const char *tkgp_class_fill(tkgp_entity_class cls)
{
  return styles[cls].fill;
}
