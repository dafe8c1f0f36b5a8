/* textkg.h - public API of libtextkg: English text in, knowledge graph out
 * SPDX-License-Identifier: MIT
 *
 * Everything that is not declared here is not API.
 *
 * Threads: a tkg_world and everything made from it (documents, graphs)
 * belong to one thread at a time, because the world keeps the last error
 * message and the stage timings. To analyze documents on several threads,
 * open one world, then give each thread a world made with
 * tkg_world_new_sharing(): the models, ontology and lexicons are loaded
 * once and only read from then on, and each thread works in its own
 * arrays. Two threads must not share a document or a graph, nor add
 * documents of different worlds to one graph. The library keeps no global
 * state of its own but one, the Graphviz context that renders SVG, which
 * every thread uses under one lock (the Graphviz libraries are not safe to
 * use from two threads at once). Reading the environment (TEXTKG_DATADIR,
 * TEXTKG_MODELDIR) happens in tkg_world_open() and when a model is first
 * needed: do not change those variables while another thread opens a world.
 *
 * Errors: fallible functions return 0 on success or a negative TKG_E* code;
 * the message that goes with the last failure is kept in the world and read
 * with tkg_world_last_error(). Constructors set *out to NULL on failure.
 * Destructors accept NULL.
 */
#ifndef TEXTKG_H
#define TEXTKG_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TKG_VERSION "0.1.0"

/** Return codes. */
enum {
  TKG_OK = 0,
  TKG_ERROR = -1,   /**< generic failure */
  TKG_ENOMEM = -2,  /**< out of memory */
  TKG_EIO = -3,     /**< a file could not be read or written */
  TKG_EINPUT = -4,  /**< the input text is not acceptable (encoding, NUL...) */
  TKG_EDATA = -5,   /**< ontology, lexicon or model data is malformed */
  TKG_EINVAL = -6,  /**< a bad argument or option */
  TKG_ENOTFOUND = -7 /**< a named thing (format, file) does not exist */
};

typedef struct tkg_world tkg_world;
typedef struct tkg_document tkg_document;
typedef struct tkg_graph tkg_graph;

/* ---- world ------------------------------------------------------------ */

/**
 * Create a world: the root context holding the ontology, lexicons and
 * options. The world loads its data lazily, on tkg_world_open().
 * @param out  receives the world. Caller frees with tkg_world_free().
 */
int tkg_world_new(tkg_world **out);

/**
 * Load the ontology and lexicons from DATADIR (NULL: the installed
 * data directory, or $TEXTKG_DATADIR when set).
 * @return 0, or TKG_EIO / TKG_EDATA with the message in the world.
 */
int tkg_world_open(tkg_world *world, const char *datadir);

/** Free the world and everything it owns. Accepts NULL. */
void tkg_world_free(tkg_world *world);

/**
 * A world for another thread: it shares PARENT's ontology, lexicons,
 * --link labels and models, which it only reads (PARENT loads its models
 * now if it has not yet), and starts with PARENT's settings (base, date,
 * diagram options); its last error, timings and RDF writer are its own.
 * Make every such world, and free it, on the thread that made PARENT,
 * before and after the others use them (the XML library under the RDF
 * writer is set up and torn down with each world). PARENT must outlive
 * them, and must not be opened or linked again while they exist.
 * @return 0, TKG_EINVAL (PARENT not opened), TKG_EDATA (a model cannot be
 *         loaded; the message is in PARENT) or TKG_ENOMEM.
 */
int tkg_world_new_sharing(tkg_world **out, tkg_world *parent);

/** Add the stage timings of FROM (a world of another thread) to INTO's. */
void tkg_world_add_timings(tkg_world *into, const tkg_world *from);

/**
 * Set the base IRI under which entity IRIs are minted. The string is copied.
 * @return 0, or TKG_EINVAL when BASE is not an absolute IRI.
 */
int tkg_world_set_base(tkg_world *world, const char *base);

/**
 * Set the date of the documents analyzed from now on, "YYYY-MM-DD": it is
 * recorded on each document (schema:datePublished) and is the reference
 * for relative dates. The string is copied.
 * @return 0, or TKG_EINVAL when DATE is not of that form.
 */
int tkg_world_set_date(tkg_world *world, const char *date);

/**
 * Link to the user's existing graph in the Turtle file PATH: an entity
 * whose name equals an rdfs:label, skos:prefLabel or skos:altLabel there
 * (case-folded) takes that resource's IRI, so new documents extend the
 * graph instead of duplicating it. May be called for several files.
 * @return 0, TKG_EIO or TKG_EDATA (message names the file and line).
 */
int tkg_world_link(tkg_world *world, const char *path);

/**
 * Print to STREAM the time spent so far in each analysis stage (tokenize,
 * tag+parse, mentions, NER+coreference, relations) and the words per
 * second, one line each.
 */
void tkg_world_print_timings(const tkg_world *world, FILE *stream);

/**
 * Whether diagrams draw negated relations (dotted, "not attends"), the
 * default, or leave them out. The RDF always has them as statements.
 */
void tkg_world_set_show_negated(tkg_world *world, int show);

/**
 * Diagrams of one entity's neighbourhood: ENTITY (its IRI, or a name it is
 * known by, in any case) and what lies within DEPTH relations of it
 * (DEPTH >= 0). NULL draws the whole graph again. An entity the graph
 * lacks makes the diagram writers fail with a message naming it.
 * @return 0, or TKG_ENOMEM or TKG_EINVAL (a negative DEPTH).
 */
int tkg_world_set_diagram_focus(tkg_world *world, const char *entity, int depth);

/**
 * Diagrams of at most MAX entities (0: no limit): the most connected
 * ones, with a note of how many were left out.
 */
void tkg_world_set_diagram_max_nodes(tkg_world *world, size_t max);

/**
 * The message of the last failure in this world, or "" when there was none.
 * Borrowed; valid until the next call on the world.
 */
const char *tkg_world_last_error(const tkg_world *world);

/* ---- documents -------------------------------------------------------- */

/**
 * Create a document from BYTES (LENGTH bytes, need not be NUL-terminated).
 * The bytes are validated as UTF-8 and normalized to NFC; reported offsets
 * stay code points of the text as given.
 * @param name  the document's name (a file name, or "-"); copied.
 * @param out   receives the document. Caller frees with tkg_document_free().
 * @return 0, TKG_EINPUT (message names the byte offset), or TKG_ENOMEM.
 */
int tkg_document_new(tkg_document **out, tkg_world *world, const char *name,
                     const char *bytes, size_t length);

/**
 * Name the document by ID (a corpus's identifier of it) rather than by
 * the file name given to tkg_document_new(): its IRI is the base, "doc/"
 * and ID, percent-encoded but for letters, digits, "-._~" and "/", so
 * that two ids never share an IRI. The string is copied.
 * @return 0 or TKG_ENOMEM.
 */
int tkg_document_set_id(tkg_document *doc, const char *id);

/**
 * The document's own date, "YYYY-MM-DD", instead of the world's: it is
 * recorded (schema:datePublished) and is the reference for relative dates.
 * Call before tkg_document_analyze().
 * @return 0, or TKG_EINVAL when DATE is not of that form.
 */
int tkg_document_set_date(tkg_document *doc, const char *date);

/**
 * Where the text came from: its URL (schema:url) and title
 * (schema:headline); NULL for none. The strings are copied.
 * @return 0 or TKG_ENOMEM.
 */
int tkg_document_set_source(tkg_document *doc, const char *url, const char *title);

/** The number of words (tokens) of an analyzed document; 0 before. */
size_t tkg_document_words(const tkg_document *doc);

/**
 * Run the pipeline on the document: tokens and sentences, mentions,
 * entities and relations. Idempotent.
 */
int tkg_document_analyze(tkg_document *doc);

/** Free a document and every annotation derived from it. Accepts NULL. */
void tkg_document_free(tkg_document *doc);

/* ---- graphs ----------------------------------------------------------- */

/**
 * Create an empty graph.
 * @param out  receives the graph. Caller frees with tkg_graph_free().
 */
int tkg_graph_new(tkg_graph **out, tkg_world *world);

/**
 * Add what an analyzed document says to the graph. Entities with the same
 * IRI merge. The graph copies what it needs: DOC may be freed afterwards.
 */
int tkg_graph_add_document(tkg_graph *graph, const tkg_document *doc);

/**
 * Join each person named by one word ("Roe") to the one person of the
 * graph whose full name holds that word ("Jane Roe"), when exactly one
 * does: for a graph of several documents, in which a later article may
 * name by surname alone someone an earlier one named in full. (Within a
 * document this is done already.) Two full names that share the word
 * leave it alone. So too an organization named without the organization
 * word that ends one other organization's name ("Norvex" and "Norvex
 * Corp."). The short name becomes an skos:altLabel.
 */
int tkg_graph_join_short_names(tkg_graph *graph);

/** Free a graph. Accepts NULL. */
void tkg_graph_free(tkg_graph *graph);

/* ---- writers ---------------------------------------------------------- */

/**
 * Whether FORMAT names a registered writer: "turtle", "ntriples", "nquads",
 * "rdfxml", "json", "dot", "svg", "png", "pdf".
 */
int tkg_writer_exists(const char *format);

/**
 * The usual file extension for FORMAT ("ttl" for turtle), or NULL.
 * Borrowed; static storage.
 */
const char *tkg_writer_extension(const char *format);

/**
 * Write GRAPH to STREAM in FORMAT. Output is deterministic: the same graph
 * gives the same bytes.
 * @return 0, TKG_ENOTFOUND for an unknown format, TKG_EIO, TKG_ENOMEM.
 */
int tkg_writer_write(const tkg_graph *graph, const char *format, FILE *stream);

/**
 * Join the N-Quads files PATHS, written by the N-Quads writer one
 * document a named graph (`textkg build -f nquads`, in separate runs or
 * shards), into the graph that one merged build of all their documents
 * gives, written to STREAM as N-Quads: the documents' graphs in the order
 * given, then the default graph, each entity with one rdfs:label (that of
 * the first file and document naming it), each triple once, short names
 * joined to full ones as tkg_graph_join_short_names() does. Memory holds
 * the default graph (entities, their names and direct relations), not the
 * documents.
 * @return 0, TKG_EIO, TKG_EDATA (the message names the file and line),
 *         TKG_ENOMEM.
 */
int tkg_merge_nquads(tkg_world *world, const char *const *paths, size_t n, FILE *stream);

/**
 * Same, setting *TRIPLES to the number of triples (quads for N-Quads)
 * written: 0 for the formats that are not RDF.
 */
int tkg_writer_write_counted(const tkg_graph *graph, const char *format, FILE *stream,
                             size_t *triples);

#ifdef __cplusplus
}
#endif

#endif /* TEXTKG_H */
