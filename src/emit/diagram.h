/* diagram.h - what a diagram shows of a graph, before graphviz draws it
 * SPDX-License-Identifier: MIT
 *
 * A diagram is for people: it shows less than the RDF, and on a large
 * graph far less. The plan says which entities become nodes, which
 * statements become edges (each standing for all the statements of the
 * same relation between the same two entities), which nodes are drawn
 * together as a delegation, and which layout engine suits the size.
 */
#ifndef TKG_EMIT_DIAGRAM_H
#define TKG_EMIT_DIAGRAM_H

#include "graph/graph.h"

#include <stddef.h>

/* Above this many nodes, dot's layered layout takes minutes and reads
 * badly; sfdp's force-directed one takes seconds. */
#define TKGP_DIAGRAM_DOT_MAX 300

typedef struct tkgp_diagram {
  char *node;          /* per entity: 1 when drawn */
  size_t *edges;       /* the statements drawn, in statement order */
  size_t *edge_count;  /* per statement drawn: how many it stands for */
  size_t n_edges;
  size_t *cluster;     /* per entity: the delegation it is drawn in, or TKGP_NONE */
  size_t n_nodes;      /* entities drawn */
  size_t n_candidates; /* entities the whole diagram would draw */
  const char *layout;  /* graphviz engine: "dot" or "sfdp" */
} tkgp_diagram;

/**
 * Plan the diagram of GRAPH under its world's options: negated relations
 * shown or not, the focus entity and depth, the most nodes.
 * @return 0, TKG_ENOMEM, or TKG_EINVAL when the focus entity is not in
 *         the graph (message in the world).
 */
int tkgp_diagram_plan(const tkg_graph *graph, tkgp_diagram *plan);

void tkgp_diagram_finish(tkgp_diagram *plan);

#endif
