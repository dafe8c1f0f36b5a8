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
#include "core/grow.h"
#include "core/hash.h"
#include "core/strbuf.h"
#include "emit/diagram.h"

#include <stdio.h>

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
 * sequence (\n, \N...), a raw line break would be kept, and a control
 * character is not allowed in XML (SVG), so all are neutralized. cgraph
 * quotes the whole label itself. */
static void append_label_text(tkgp_strbuf *sb, const char *name)
{
  for (; *name; name++) {
    if (*name == '\\')
      tkgp_strbuf_puts(sb, "\\\\");
    else if ((unsigned char)*name < 0x20 || *name == 0x7f)
      tkgp_strbuf_putc(sb, ' '); /* line breaks kept, and controls SVG cannot hold */
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

/* A diagram being built from graph G after its plan. */
typedef struct diagram {
  const tkg_graph *g;
  tkgp_diagram plan;
  Agraph_t *ag;
  size_t *order;       /* entities in the order they are drawn */
  Agnode_t **nodes;    /* entity -> its node, or NULL */
  Agraph_t **clusters; /* delegation entity -> its cluster, or NULL */
  int used[TKGP_CLASS_COUNT];
  tkgp_strbuf sb; /* the label being written */
} diagram;

/* The attributes every graph, node and edge has unless set otherwise;
 * the layout engine the plan chose, and a note of what was left out. */
static int set_defaults(diagram *d)
{
  Agraph_t *ag = d->ag;
  agattr(ag, AGRAPH, "layout", (char *)d->plan.layout);
  agattr(ag, AGRAPH, "rankdir", "LR");
  agattr(ag, AGRAPH, "fontname", "Helvetica,Arial,sans-serif");
  agattr(ag, AGRAPH, "nodesep", "0.4");
  if (strcmp(d->plan.layout, "dot") != 0) {
    /* sfdp: labels must not overlap, and straight edges keep a large
     * graph's layout to seconds. A corpus's graph has thousands of
     * components (most of them one entity); sfdp's default packing fits
     * them together cell by cell, 50 s for 4,000 nodes, where a grid of
     * them, largest first, takes a fraction of a second. */
    agattr(ag, AGRAPH, "overlap", "prism");
    agattr(ag, AGRAPH, "packmode", "array");
    agattr(ag, AGRAPH, "splines", "false");
    agattr(ag, AGRAPH, "outputorder", "edgesfirst");
  }
  if (d->plan.n_nodes < d->plan.n_candidates) {
    char note[160];
    snprintf(note, sizeof note, "%zu of %zu entities shown (%s); %zu left out",
             d->plan.n_nodes, d->plan.n_candidates,
             d->g->world->diagram_focus ? "the focus and its neighbours" : "the most connected",
             d->plan.n_candidates - d->plan.n_nodes);
    agattr(ag, AGRAPH, "label", note);
    agattr(ag, AGRAPH, "labelloc", "t");
    agattr(ag, AGRAPH, "fontsize", "12");
  }
  agattr(ag, AGNODE, "fontname", "Helvetica,Arial,sans-serif");
  agattr(ag, AGNODE, "fontsize", "11");
  agattr(ag, AGNODE, "style", "filled");
  agattr(ag, AGNODE, "shape", "box");
  agattr(ag, AGNODE, "fillcolor", "white");
  agattr(ag, AGNODE, "label", "\\N");
  agattr(ag, AGNODE, "URL", "");
  agattr(ag, AGNODE, "tooltip", "");
  agattr(ag, AGEDGE, "fontname", "Helvetica,Arial,sans-serif");
  agattr(ag, AGEDGE, "fontsize", "10");
  agattr(ag, AGEDGE, "label", "");
  agattr(ag, AGEDGE, "style", "solid");
  agattr(ag, AGEDGE, "tooltip", "");
  return 0;
}

/* The graph a node of entity E goes in: its delegation's cluster (made on
 * first use), or the diagram itself. NULL when out of memory. */
static Agraph_t *parent_of(diagram *d, size_t e)
{
  size_t group = d->plan.cluster[e];
  if (group == TKGP_NONE)
    return d->ag;
  if (!d->clusters[group]) {
    Agraph_t *c;
    /* named after the delegation's IRI: the same whatever the input order */
    tkgp_strbuf_clear(&d->sb);
    tkgp_strbuf_puts(&d->sb, "cluster_");
    tkgp_strbuf_puts(&d->sb, d->g->entities[group].iri);
    if (d->sb.failed || !(c = agsubg(d->ag, d->sb.data, 1)))
      return NULL;
    tkgp_strbuf_clear(&d->sb);
    append_label_text(&d->sb, d->g->entities[group].label);
    if (d->sb.failed)
      return NULL;
    set(c, "label", d->sb.data);
    set(c, "style", "rounded");
    set(c, "color", "#bbbbbb");
    set(c, "fontsize", "10");
    d->clusters[group] = c;
  }
  return d->clusters[group];
}

/* The nodes of the entities the plan draws, labelled, shaped and coloured
 * by class, linked to the entity's IRI. Returns 0, or -1 when out of
 * memory. */
static int add_nodes(diagram *d)
{
  const tkg_graph *g = d->g;
  size_t i;
  for (i = 0; i < g->n_entities; i++) {
    size_t k = d->order[i];
    const tkgp_gentity *e = &g->entities[k];
    Agraph_t *parent;
    Agnode_t *n;
    if (!d->plan.node[k])
      continue;
    if (!(parent = parent_of(d, k)) || !(n = agnode(parent, (char *)e->iri, 1)))
      return -1;
    tkgp_strbuf_clear(&d->sb);
    if (e->cls == TKGP_CLASS_QUOTATION)
      append_wrapped(&d->sb, e->label);
    else
      append_label_text(&d->sb, e->label);
    if (e->cls == TKGP_CLASS_PERSON)
      append_roles(g, k, &d->sb);
    if (d->sb.failed)
      return -1;
    set(n, "label", d->sb.data);
    set(n, "shape", styles[e->cls].shape);
    set(n, "fillcolor", styles[e->cls].fill);
    /* graphviz 2.42 writes a URL into SVG's xlink:href with its '&' raw
     * (dot -Tsvg of URL="q?a=1&b=2" gives href="q?a=1&b=2", which no XML
     * parser reads) but leaves "&amp;" as it is: so the IRI goes in with
     * its '&' escaped, which the SVG then reads back as the IRI. */
    tkgp_strbuf_clear(&d->sb);
    for (const char *c = e->iri; *c; c++)
      if (*c == '&')
        tkgp_strbuf_puts(&d->sb, "&amp;");
      else
        tkgp_strbuf_putc(&d->sb, *c);
    if (d->sb.failed)
      return -1;
    set(n, "URL", d->sb.data);
    tkgp_strbuf_clear(&d->sb);
    append_label_text(&d->sb, e->label);
    tkgp_strbuf_puts(&d->sb, " (");
    tkgp_strbuf_puts(&d->sb, styles[e->cls].name);
    tkgp_strbuf_putc(&d->sb, ')');
    if (d->sb.failed)
      return -1;
    set(n, "tooltip", d->sb.data);
    d->nodes[k] = n;
    d->used[e->cls] = 1;
  }
  return 0;
}

/* The label of statement ST's edge, standing for COUNT statements, into SB. */
static void append_edge_label(tkgp_strbuf *sb, const tkgp_gstatement *st, size_t count)
{
  if (st->negated)
    tkgp_strbuf_puts(sb, "not ");
  tkgp_strbuf_puts(sb, st->property);
  if (count > 1) {
    char times[32];
    snprintf(times, sizeof times, " \xc3\x97%zu", count);
    tkgp_strbuf_puts(sb, times);
  }
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

/* The planned edges: negated ones dotted and grey, qualified ones dashed,
 * each with the sentence that says it as its tooltip. Returns 0, or -1
 * when out of memory. */
static int add_edges(diagram *d)
{
  const tkg_graph *g = d->g;
  for (size_t k = 0; k < d->plan.n_edges; k++) {
    const tkgp_gstatement *st = &g->statements[d->plan.edges[k]];
    Agedge_t *edge = agedge(d->ag, d->nodes[st->subject], d->nodes[st->object], NULL, 1);
    if (!edge)
      return -1;
    tkgp_strbuf_clear(&d->sb);
    append_edge_label(&d->sb, st, d->plan.edge_count[k]);
    if (d->sb.failed)
      return -1;
    set(edge, "label", d->sb.data);
    if (st->evidence < g->n_strings && g->strings[st->evidence].anchor) {
      tkgp_strbuf_clear(&d->sb);
      append_label_text(&d->sb, g->strings[st->evidence].anchor);
      if (d->sb.failed)
        return -1;
      set(edge, "tooltip", d->sb.data);
    }
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

/* Object IDs in creation order, and the names of named objects, kept by
 * the discipline itself. cgraph's own ID discipline makes a named
 * object's ID the address of its interned name, and writes subgraphs in
 * ID order: the clusters came out in another order from one graph to the
 * next in one process. A discipline that maps no names leaves them to
 * cgraph's internal map, whose entries cgraph 2.42 never frees (about 50
 * bytes a node name). So this one maps names itself: the K-th name first
 * seen has ID 2K + 2, and unnamed objects (edges) odd IDs from a counter,
 * as in cgraph's own discipline. agclose() frees it all (ids_close). */
typedef struct id_names {
  Agraph_t *g;         /* the root graph, whose string dictionary holds the names */
  char **names;        /* name of ID 2K + 2 at K, one reference held */
  size_t n, cap;
  size_t *slots;       /* open addressing over names: K + 1, or 0 for none */
  size_t n_slots;      /* a power of two, more than twice n */
  IDTYPE next_unnamed; /* odd */
  int failed;          /* out of memory: no more IDs, named or not */
} id_names;

static void *ids_open(Agraph_t *g, Agdisc_t *disc)
{
  id_names *t = calloc(1, sizeof *t);
  (void)disc;
  if (t) {
    t->g = g;
    t->next_unnamed = 1;
  }
  return t;
}

/* The slot of NAME in T's hash: where it is, or the empty one it would take. */
static size_t ids_slot(const id_names *t, const char *name)
{
  size_t mask = t->n_slots - 1, i = tkgp_hash_str(name) & mask;
  while (t->slots[i] && strcmp(t->names[t->slots[i] - 1], name) != 0)
    i = (i + 1) & mask;
  return i;
}

/* Double the hash of T. Returns 0 or -1 (T as it was). */
static int ids_rehash(id_names *t)
{
  size_t n_slots = t->n_slots ? t->n_slots * 2 : 256;
  size_t *slots = calloc(n_slots, sizeof *slots);
  if (!slots)
    return -1;
  free(t->slots);
  t->slots = slots;
  t->n_slots = n_slots;
  for (size_t k = 0; k < t->n; k++)
    t->slots[ids_slot(t, t->names[k])] = k + 1;
  return 0;
}

/* The number K of NAME in T: found, or added when ADD. TKGP_NONE when
 * absent and not added, or out of memory. The names are cgraph's
 * reference-counted strings, not copies of ours: agwrite() reads a flag
 * in front of a name (is it an HTML label?) that only those carry. */
static size_t ids_find(id_names *t, const char *name, int add)
{
  size_t i;
  char *copy;
  if (t->n_slots && t->slots[i = ids_slot(t, name)])
    return t->slots[i] - 1;
  if (!add || ((t->n + 1) * 2 >= t->n_slots && ids_rehash(t) < 0) ||
      tkgp_grow((void **)&t->names, &t->cap, t->n + 1, sizeof *t->names) < 0 ||
      !(copy = agstrdup(t->g, (char *)name)))
    return TKGP_NONE;
  t->names[t->n] = copy;
  t->slots[ids_slot(t, name)] = t->n + 1;
  return t->n++;
}

/* cgraph asks for the ID of NAME, made when CREATE; without a name, for a
 * new unnamed ID. Returns 1 with *ID set, or 0: no such name, or out of
 * memory, and then cgraph, which tries a new unnamed ID next, makes no
 * object either (nothing goes into its internal map). */
static long ids_map(void *state, int objtype, char *name, IDTYPE *id, int create)
{
  id_names *t = state;
  size_t k;
  (void)objtype;
  if (!t || t->failed)
    return 0;
  if (!name) {
    *id = t->next_unnamed;
    t->next_unnamed += 2;
    return 1;
  }
  if ((k = ids_find(t, name, create)) == TKGP_NONE) {
    if (create)
      t->failed = 1; /* out of memory */
    return 0;
  }
  *id = 2 * (IDTYPE)k + 2;
  return 1;
}

static long ids_alloc(void *state, int objtype, IDTYPE id)
{
  (void)state;
  (void)objtype;
  (void)id;
  return 0;
}

/* A deleted object's name stays until agclose(): the layouts make and
 * delete subgraphs of their own, and a name made again gets its old ID. */
static void ids_free(void *state, int objtype, IDTYPE id)
{
  (void)state;
  (void)objtype;
  (void)id;
}

static char *ids_print(void *state, int objtype, IDTYPE id)
{
  id_names *t = state;
  (void)objtype;
  if (!t || id % 2 || id / 2 == 0 || id / 2 > t->n)
    return NULL; /* unnamed: cgraph writes edges without a key */
  return t->names[id / 2 - 1];
}

static void ids_close(void *state)
{
  id_names *t = state;
  if (!t)
    return;
  for (size_t k = 0; k < t->n; k++)
    agstrfree(t->g, t->names[k]);
  free(t->names);
  free(t->slots);
  free(t);
}

static void ids_register(void *state, int objtype, void *obj)
{
  (void)state;
  (void)objtype;
  (void)obj;
}

static Agiddisc_t creation_order_ids = {ids_open, ids_map, ids_alloc, ids_free,
                                        ids_print, ids_close, ids_register};

/* Build the cgraph graph into *OUT. Returns 0, or the error (message in
 * the world): out of memory, or a --focus the graph lacks. */
static int build(const tkg_graph *g, Agraph_t **out)
{
  diagram d;
  int rc;

  *out = NULL;
  memset(&d, 0, sizeof d);
  d.g = g;
  if ((rc = tkgp_diagram_plan(g, &d.plan)) < 0)
    return rc;
  tkgp_strbuf_init(&d.sb);
  {
    /* one discipline per graph: cgraph keeps a pointer to it */
    static Agdisc_t disc;
    disc.mem = &AgMemDisc;
    disc.id = &creation_order_ids;
    disc.io = &AgIoDisc;
    d.ag = agopen("textkg", Agdirected, &disc);
  }
  d.order = tkgp_graph_sorted_entities(g);
  d.nodes = calloc(g->n_entities + 1, sizeof *d.nodes);
  d.clusters = calloc(g->n_entities + 1, sizeof *d.clusters);
  rc = d.ag && d.order && d.nodes && d.clusters && set_defaults(&d) == 0 && add_nodes(&d) == 0 &&
               add_edges(&d) == 0 && add_legend(&d) == 0
           ? 0
           : tkgp_error(g->world, TKG_ENOMEM, "out of memory building the diagram");
  free(d.order);
  free(d.nodes);
  free(d.clusters);
  tkgp_strbuf_finish(&d.sb);
  tkgp_diagram_finish(&d.plan);
  if (rc < 0) {
    if (d.ag)
      agclose(d.ag);
    return rc;
  }
  *out = d.ag;
  return 0;
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
  if ((rc = build(graph, &ag)) == 0) {
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

  if (gvLayout(gvc, ag, agget(ag, "layout")) != 0)
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
  if ((rc = build(graph, &ag)) == 0) {
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
