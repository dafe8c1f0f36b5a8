/* diagram.c - what a diagram shows of a graph, before graphviz draws it
 * SPDX-License-Identifier: MIT
 *
 * Edges. Every statement between two entities drawn as nodes is a
 * candidate, but not holdsRole (roles are folded into the person's node)
 * and not negated ones when the world hides them. Statements of the same
 * relation between the same two entities, with the same negation and the
 * same standing (asserted, or qualified), become one edge that counts
 * them: they are found by sorting, so a corpus of 100,000 statements
 * costs a sort, not a quadratic scan.
 *
 * Nodes. Agents and places always; events, agreements and quotations only
 * when an edge meets them, or the diagram drowns in them. --focus keeps
 * the entities within --depth edges of one entity (the edges taken both
 * ways); --max-nodes keeps the most connected ones (the focus first,
 * then by the number of statements their edges stand for, then in IRI
 * order, so the choice does not depend on the order of the input).
 *
 * Delegations. A person who represents, works for, is a member of or
 * leads a country or organization drawn in the diagram, or holds a role
 * of a country drawn, is drawn with it in one cluster; the relation
 * first in that list decides, then the first statement.
 */
#include "emit/diagram.h"

#include "core/world.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The statement candidates are sorted by what makes two of them one edge. */
typedef struct edge_key {
  const tkg_graph *g;
  size_t statement;
} edge_key;

static int is_candidate_edge(const tkg_graph *g, const tkgp_gstatement *st)
{
  return strcmp(st->property, "holdsRole") != 0 &&
         g->entities[st->subject].cls != TKGP_CLASS_ROLE &&
         g->entities[st->object].cls != TKGP_CLASS_ROLE &&
         !(st->negated && g->world->hide_negated);
}

static int cmp_same_edge(const tkg_graph *g, size_t a, size_t b)
{
  const tkgp_gstatement *x = &g->statements[a], *y = &g->statements[b];
  int c;
  if (x->subject != y->subject)
    return x->subject < y->subject ? -1 : 1;
  if (x->object != y->object)
    return x->object < y->object ? -1 : 1;
  if ((c = strcmp(x->property, y->property)) != 0)
    return c;
  if (x->negated != y->negated)
    return x->negated < y->negated ? -1 : 1;
  return tkgp_statement_asserted(x) - tkgp_statement_asserted(y);
}

static int cmp_edge_key(const void *a, const void *b)
{
  const edge_key *x = a, *y = b;
  int c = cmp_same_edge(x->g, x->statement, y->statement);
  if (c)
    return c;
  return x->statement < y->statement ? -1 : x->statement > y->statement;
}

/* Into COUNT[i]: for the first statement of each group of the same
 * edge, the size of the group; 0 for the others and the non-candidates. */
static int count_edges(const tkg_graph *g, size_t *count)
{
  edge_key *keys = malloc((g->n_statements + 1) * sizeof *keys);
  size_t n = 0;

  if (!keys)
    return TKG_ENOMEM;
  for (size_t i = 0; i < g->n_statements; i++)
    if (is_candidate_edge(g, &g->statements[i]))
      keys[n++] = (edge_key){g, i};
  if (n > 1)
    qsort(keys, n, sizeof *keys, cmp_edge_key);
  for (size_t a = 0, b; a < n; a = b) {
    for (b = a + 1; b < n && cmp_same_edge(g, keys[a].statement, keys[b].statement) == 0; b++)
      ;
    count[keys[a].statement] = b - a;
  }
  free(keys);
  return 0;
}

/* The entity FOCUS names: its IRI, else its name or another name it was
 * seen under, in any case; the first in IRI order. TKGP_NONE if none. */
static size_t find_focus(const tkg_graph *g, const size_t *order, const char *focus)
{
  for (size_t i = 0; i < g->n_entities; i++)
    if (strcmp(g->entities[i].iri, focus) == 0)
      return i;
  for (size_t k = 0; k < g->n_entities; k++) {
    const tkgp_gentity *e = &g->entities[order[k]];
    if (e->cls == TKGP_CLASS_ROLE)
      continue;
    if (e->label && strcasecmp(e->label, focus) == 0)
      return order[k];
    for (size_t a = 0; a < e->n_alt; a++)
      if (strcasecmp(e->alt_labels[a], focus) == 0)
        return order[k];
  }
  return TKGP_NONE;
}

/* Keep in NODE only the entities within DEPTH edges of FOCUS. */
static int keep_neighbourhood(const tkg_graph *g, const size_t *count, char *node, size_t focus,
                              int depth)
{
  size_t n = g->n_entities, *dist = malloc((n + 1) * sizeof *dist);
  int changed = 1;

  if (!dist)
    return TKG_ENOMEM;
  for (size_t e = 0; e < n; e++)
    dist[e] = TKGP_NONE;
  dist[focus] = 0;
  /* Relaxation over the edge list, one ring a pass: DEPTH passes over the
   * statements, with no adjacency lists to build. */
  for (int ring = 1; ring <= depth && changed; ring++) {
    changed = 0;
    for (size_t i = 0; i < g->n_statements; i++) {
      const tkgp_gstatement *st = &g->statements[i];
      size_t a = st->subject, b = st->object;
      if (!count[i] || !node[a] || !node[b])
        continue;
      if (dist[a] == (size_t)ring - 1 && dist[b] == TKGP_NONE)
        dist[b] = (size_t)ring, changed = 1;
      else if (dist[b] == (size_t)ring - 1 && dist[a] == TKGP_NONE)
        dist[a] = (size_t)ring, changed = 1;
    }
  }
  for (size_t e = 0; e < n; e++)
    node[e] = node[e] && dist[e] != TKGP_NONE;
  free(dist);
  return 0;
}

typedef struct ranked {
  size_t entity, weight, rank;
  int focus;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
  const ranked *x = a, *y = b;
  if (x->focus != y->focus)
    return y->focus - x->focus;
  if (x->weight != y->weight)
    return x->weight > y->weight ? -1 : 1;
  return x->rank < y->rank ? -1 : x->rank > y->rank;
}

/* Keep in NODE only the MAX most connected entities. */
static int keep_most_connected(const tkg_graph *g, const size_t *count, const size_t *order,
                               char *node, size_t focus, size_t max)
{
  size_t n = g->n_entities, m = 0;
  size_t *weight = calloc(n + 1, sizeof *weight);
  ranked *r = malloc((n + 1) * sizeof *r);

  if (!weight || !r) {
    free(weight);
    free(r);
    return TKG_ENOMEM;
  }
  for (size_t i = 0; i < g->n_statements; i++) {
    const tkgp_gstatement *st = &g->statements[i];
    if (count[i] && node[st->subject] && node[st->object]) {
      weight[st->subject] += count[i];
      weight[st->object] += count[i];
    }
  }
  for (size_t k = 0; k < n; k++)
    if (node[order[k]])
      r[m++] = (ranked){order[k], weight[order[k]], k, order[k] == focus};
  if (m > 1)
    qsort(r, m, sizeof *r, cmp_ranked);
  for (size_t k = max; k < m; k++)
    node[r[k].entity] = 0;
  free(weight);
  free(r);
  return 0;
}

/* How strongly property PROP ties a person to a delegation: 1 the
 * strongest, 0 not at all. (A role of a country ranks 2.) */
static int delegation_rank(const char *prop)
{
  static const char *const props[] = {"represents", NULL, "worksFor", "memberOf", "leads"};
  for (size_t k = 0; k < sizeof props / sizeof *props; k++)
    if (props[k] && strcmp(prop, props[k]) == 0)
      return (int)k + 1;
  return 0;
}

static int is_delegation(const tkg_graph *g, const char *node, size_t e)
{
  tkgp_entity_class cls = g->entities[e].cls;
  return node[e] && (cls == TKGP_CLASS_COUNTRY || cls == TKGP_CLASS_ORGANIZATION);
}

/* Into CLUSTER: the delegation each person drawn is drawn with, and each
 * delegation with a member its own. */
static int find_delegations(const tkg_graph *g, const char *node, size_t *cluster)
{
  size_t n = g->n_entities;
  int *best = calloc(n + 1, sizeof *best);

  if (!best)
    return TKG_ENOMEM;
  for (size_t i = 0; i < g->n_statements; i++) {
    const tkgp_gstatement *st = &g->statements[i];
    size_t person = st->subject, group = st->object;
    int rank;
    if (g->entities[person].cls != TKGP_CLASS_PERSON || !node[person] || st->negated ||
        !tkgp_statement_asserted(st))
      continue;
    if (strcmp(st->property, "holdsRole") == 0) {
      group = g->entities[st->object].role_of;
      rank = 2;
    } else {
      rank = delegation_rank(st->property);
    }
    if (!rank || group == TKGP_NONE || !is_delegation(g, node, group))
      continue;
    if (!best[person] || rank < best[person]) {
      best[person] = rank;
      cluster[person] = group;
    }
  }
  for (size_t e = 0; e < n; e++)
    if (best[e])
      cluster[cluster[e]] = cluster[e];
  free(best);
  return 0;
}

int tkgp_diagram_plan(const tkg_graph *g, tkgp_diagram *p)
{
  tkg_world *w = g->world;
  size_t n = g->n_entities, focus = TKGP_NONE, *count = NULL, *order = NULL;
  int rc = TKG_ENOMEM;

  memset(p, 0, sizeof *p);
  p->node = calloc(n + 1, 1);
  p->cluster = malloc((n + 1) * sizeof *p->cluster);
  p->edges = malloc((g->n_statements + 1) * sizeof *p->edges);
  p->edge_count = malloc((g->n_statements + 1) * sizeof *p->edge_count);
  count = calloc(g->n_statements + 1, sizeof *count);
  order = tkgp_graph_sorted_entities(g);
  if (!p->node || !p->cluster || !p->edges || !p->edge_count || !count || !order ||
      count_edges(g, count) < 0)
    goto done;
  for (size_t i = 0; i < g->n_statements; i++)
    if (count[i])
      p->node[g->statements[i].subject] = p->node[g->statements[i].object] = 1;
  for (size_t e = 0; e < n; e++) {
    tkgp_entity_class cls = g->entities[e].cls;
    p->node[e] = cls != TKGP_CLASS_ROLE && (cls <= TKGP_CLASS_PLACE || p->node[e]);
    p->n_candidates += p->node[e] != 0;
    p->cluster[e] = TKGP_NONE;
  }
  if (w->diagram_focus) {
    if ((focus = find_focus(g, order, w->diagram_focus)) == TKGP_NONE || !p->node[focus]) {
      rc = tkgp_error(w, TKG_EINVAL,
                      "--focus %s: no such entity in the diagram (give its IRI or its name)",
                      w->diagram_focus);
      goto done;
    }
    if (keep_neighbourhood(g, count, p->node, focus, w->diagram_depth) < 0)
      goto done;
  }
  if (w->diagram_max_nodes &&
      keep_most_connected(g, count, order, p->node, focus, w->diagram_max_nodes) < 0)
    goto done;
  for (size_t e = 0; e < n; e++)
    p->n_nodes += p->node[e] != 0;
  for (size_t i = 0; i < g->n_statements; i++) {
    const tkgp_gstatement *st = &g->statements[i];
    if (count[i] && p->node[st->subject] && p->node[st->object]) {
      p->edges[p->n_edges] = i;
      p->edge_count[p->n_edges++] = count[i];
    }
  }
  if (find_delegations(g, p->node, p->cluster) < 0)
    goto done;
  p->layout = p->n_nodes > TKGP_DIAGRAM_DOT_MAX ? "sfdp" : "dot";
  rc = 0;
done:
  free(count);
  free(order);
  if (rc < 0) {
    tkgp_diagram_finish(p);
    if (rc == TKG_ENOMEM)
      tkgp_error(w, TKG_ENOMEM, "out of memory planning the diagram");
  }
  return rc;
}

void tkgp_diagram_finish(tkgp_diagram *p)
{
  free(p->node);
  free(p->cluster);
  free(p->edges);
  free(p->edge_count);
  memset(p, 0, sizeof *p);
}
