/* writer.h - output formats registered by name behind one interface
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_WRITER_H
#define TKG_WRITER_H

#include "graph/graph.h"

#include <stdio.h>

typedef struct tkgp_writer {
  const char *name;       /* as given to -f: "turtle" */
  const char *extension;  /* "ttl" */
  const char *detail;     /* backend format name: raptor serializer or gvc format */
  int (*write)(const tkg_graph *graph, const struct tkgp_writer *writer, FILE *stream);
} tkgp_writer;

/** The writer called NAME, or NULL. */
const tkgp_writer *tkgp_writer_find(const char *name);

/** Writers through raptor2 (rdf.c). */
int tkgp_write_rdf(const tkg_graph *graph, const tkgp_writer *writer, FILE *stream);

/** Same, setting *TRIPLES to the number of triples (or quads) written. */
int tkgp_write_rdf_counted(const tkg_graph *graph, const tkgp_writer *writer, FILE *stream,
                           size_t *triples);

/** The graph as DOT through libcgraph, or rendered through libgvc (dot.c). */
int tkgp_write_dot(const tkg_graph *graph, const tkgp_writer *writer, FILE *stream);
int tkgp_write_image(const tkg_graph *graph, const tkgp_writer *writer, FILE *stream);

/** The diagram's name and fill colour ("#cfe2ff") of a class (dot.c). Static. */
const char *tkgp_class_label(tkgp_entity_class cls);
const char *tkgp_class_fill(tkgp_entity_class cls);

/** The graph as one self-contained HTML report: text, diagram, statements,
 *  entity cards (html.c). */
int tkgp_write_html(const tkg_graph *graph, const tkgp_writer *writer, FILE *stream);

#endif
