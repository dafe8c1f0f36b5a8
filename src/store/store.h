/* store.h - an embedded RDF store of documents, each its own named graph
 * SPDX-License-Identifier: MIT
 *
 * Through Redland (librdf) on its SQLite storage, which keeps contexts
 * (named graphs) on disk in one file, and rasqal for SPARQL. Each
 * document that `build` writes in N-Quads is one graph, named by the
 * document's IRI; what the writer puts in the default graph (entities'
 * types and names) goes into the graph of the document it came with, so
 * that a document removed or added again leaves nothing of its old self.
 * Queries see the union of all the graphs. What the store knows of its
 * documents (when added, how many triples, what changed) is in one more
 * graph, <urn:x-textkg:store>.
 */
#ifndef TKG_STORE_STORE_H
#define TKG_STORE_STORE_H

#include "textkg.h"

#include <stddef.h>
#include <stdio.h>

/* The graph of what the store knows of itself. */
#define TKGP_STORE_GRAPH "urn:x-textkg:store"

typedef struct tkgp_store tkgp_store;

/**
 * Open the store at PATH: create it when CREATE is non-zero and PATH does
 * not exist; refuse a file that is not a textkg store. WRITE takes an
 * exclusive lock (another textkg writing the same store is an error, not
 * a wait). Messages name PATH.
 * @return 0, TKG_EIO, TKG_EDATA (not a store), TKG_EBUSY... as TKG_EIO.
 */
int tkgp_store_open(tkgp_store **out, tkg_world *world, const char *path, int create,
                    int write);

void tkgp_store_close(tkgp_store *store);

/** Start the one transaction of a command that changes the store. */
int tkgp_store_begin(tkgp_store *store);

/** Make the changes since tkgp_store_begin() last. */
int tkgp_store_commit(tkgp_store *store);

/** Undo them: the store is as it was before tkgp_store_begin(). */
void tkgp_store_rollback(tkgp_store *store);

/** What adding N-Quads did. */
typedef struct tkgp_store_added {
  size_t documents, replaced, triples;
} tkgp_store_added;

/**
 * Add the N-Quads of the file PATH (NAME for messages): each document's
 * graph replaces the one of the same IRI. Call between begin and commit.
 * @return 0, TKG_EDATA (the message names NAME and the line), TKG_EIO.
 */
int tkgp_store_add_nquads(tkgp_store *store, const char *path, const char *name,
                          tkgp_store_added *added);

/**
 * Remove the document DOC (its IRI, or its id under the world's base).
 * @return 0, or TKG_ENOTFOUND when the store has no such document.
 */
int tkgp_store_remove(tkgp_store *store, const char *doc);

/** Write "document, triples, added" of every document to OUT, as TSV. */
int tkgp_store_list(tkgp_store *store, FILE *out);

/**
 * Run the SPARQL query TEXT (its name for messages: NAME) and write the
 * results to OUT in FORMAT: "table", "csv", "tsv" or "json" (SPARQL 1.1
 * Results JSON); a CONSTRUCT or DESCRIBE query writes N-Triples. A query
 * that does not parse is "NAME: line L, column C: message".
 * @return 0, TKG_EDATA, TKG_EIO.
 */
int tkgp_store_query(tkgp_store *store, const char *text, const char *name, const char *format,
                     FILE *out);

#endif
