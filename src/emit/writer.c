/* writer.c - the table of output formats
 * SPDX-License-Identifier: MIT
 *
 * Adding a format is one row here and, for a new backend, one function.
 */
#include "emit/writer.h"

#include <string.h>

static const tkgp_writer writers[] = {
  {"turtle", "ttl", "turtle", tkgp_write_rdf},
  {"ntriples", "nt", "ntriples", tkgp_write_rdf},
  {"nquads", "nq", "nquads", tkgp_write_rdf},
  {"rdfxml", "rdf", "rdfxml-abbrev", tkgp_write_rdf},
  {"json", "json", "json", tkgp_write_rdf},
  {"dot", "dot", "dot", tkgp_write_dot},
  {"svg", "svg", "svg", tkgp_write_image},
  {"png", "png", "png", tkgp_write_image},
  {"pdf", "pdf", "pdf", tkgp_write_image},
  {"html", "html", "html", tkgp_write_html},
};

const tkgp_writer *tkgp_writer_find(const char *name)
{
  size_t i;
  for (i = 0; i < sizeof writers / sizeof *writers; i++)
    if (strcmp(writers[i].name, name) == 0)
      return &writers[i];
  return NULL;
}

int tkg_writer_exists(const char *format)
{
  return tkgp_writer_find(format) != NULL;
}

const char *tkg_writer_extension(const char *format)
{
  const tkgp_writer *w = tkgp_writer_find(format);
  return w ? w->extension : NULL;
}

int tkg_writer_write(const tkg_graph *graph, const char *format, FILE *stream)
{
  const tkgp_writer *w = tkgp_writer_find(format);
  if (!w)
    return tkgp_error(graph->world, TKG_ENOTFOUND, "unknown output format: %s", format);
  return w->write(graph, w, stream);
}

int tkg_writer_write_counted(const tkg_graph *graph, const char *format, FILE *stream,
                             size_t *triples)
{
  const tkgp_writer *w = tkgp_writer_find(format);
  *triples = 0;
  if (!w)
    return tkgp_error(graph->world, TKG_ENOTFOUND, "unknown output format: %s", format);
  if (w->write == tkgp_write_rdf)
    return tkgp_write_rdf_counted(graph, w, stream, triples);
  return w->write(graph, w, stream);
}
