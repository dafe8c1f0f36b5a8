/* store.c - an embedded RDF store of documents, each its own named graph
 * SPDX-License-Identifier: MIT
 *
 * Redland 1.0.17 nodes and statements are raptor terms and statements;
 * the librdf world is given the textkg world's raptor world, so that the
 * statements raptor's N-Quads parser hands out go into the model as they
 * are (librdf copies them).
 */
#include "store/store_impl.h"
#include "core/strbuf.h"
#include "core/strmap.h"
#include "core/world.h"
#include "lexicon/lexicon.h"

#include <errno.h>
#include <fcntl.h>
#include <redland.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- opening --------------------------------------------------------------- */

static int on_log(void *data, librdf_log_message *message)
{
  tkgp_store *st = data;
  raptor_locator *at = librdf_log_message_locator(message);
  const char *text = librdf_log_message_message(message);
  if (librdf_log_message_level(message) < LIBRDF_LOG_ERROR || st->message[0])
    return 1; /* warnings ("variable bound but unused") are no failure */
  if (at && at->line > 0)
    snprintf(st->message, sizeof st->message, "line %d, column %d: %s", at->line,
             at->column > 0 ? at->column : 1, text ? text : "error");
  else
    snprintf(st->message, sizeof st->message, "%s", text ? text : "error");
  return 1;
}

librdf_node *tkgp_store_iri(tkgp_store *st, const char *iri)
{
  return librdf_new_node_from_uri_string(st->rdf, (const unsigned char *)iri);
}

/* Whether the file PATH begins as an SQLite database does. */
static int is_sqlite(const char *path)
{
  char head[16];
  FILE *fp = fopen(path, "rb");
  int yes = fp && fread(head, 1, sizeof head, fp) == sizeof head &&
            memcmp(head, "SQLite format 3", 16) == 0;
  if (fp)
    fclose(fp);
  return yes;
}

/* The triple that makes a store textkg's: <urn:x-textkg:store> a tkg:Store. */
static librdf_statement *marker(tkgp_store *st)
{
  return librdf_new_statement_from_nodes(st->rdf, tkgp_store_iri(st, TKGP_STORE_GRAPH),
                                         tkgp_store_iri(st, TKGP_NS_RDF "type"),
                                         tkgp_store_iri(st, TKGP_NS_TKG "Store"));
}

static int open_model(tkgp_store *st, int fresh)
{
  librdf_statement *mark;
  int ok;

  st->storage = librdf_new_storage(st->rdf, "sqlite", st->path,
                                   fresh ? "new='yes',contexts='yes'" : "new='no',contexts='yes'");
  if (!st->storage || !(st->model = librdf_new_model(st->rdf, st->storage, NULL)))
    return tkgp_error(st->world, TKG_EIO, "%s: cannot open the store%s%s", st->path,
                      st->message[0] ? ": " : " (is Debian's librdf-storage-sqlite installed?)",
                      st->message);
  if (!(st->store_graph = tkgp_store_iri(st, TKGP_STORE_GRAPH)) || !(mark = marker(st)))
    return tkgp_error(st->world, TKG_ENOMEM, "out of memory");
  if (fresh)
    ok = librdf_model_context_add_statement(st->model, st->store_graph, mark) == 0;
  else {
    /* (librdf_model_contains_statement() looks outside the contexts only) */
    librdf_stream *found =
        librdf_model_find_statements_in_context(st->model, mark, st->store_graph);
    ok = found && !librdf_stream_end(found);
    if (found)
      librdf_free_stream(found);
  }
  librdf_free_statement(mark);
  if (!ok)
    return tkgp_error(st->world, fresh ? TKG_EIO : TKG_EDATA,
                      fresh ? "%s: cannot write the store" : "%s: not a textkg store", st->path);
  return 0;
}

int tkgp_store_open(tkgp_store **out, tkg_world *world, const char *path, int create, int write)
{
  tkgp_store *st = calloc(1, sizeof *st);
  struct stat sb;
  int exists = stat(path, &sb) == 0, rc;

  *out = NULL;
  if (!st || !(st->path = strdup(path))) {
    free(st);
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  }
  st->world = world;
  st->lock_fd = -1;
  if (!exists && !create) {
    rc = tkgp_error(world, TKG_ENOTFOUND, "%s: no such store (textkg store add makes one)", path);
    goto fail;
  }
  if (exists && (!S_ISREG(sb.st_mode) || !is_sqlite(path))) {
    rc = tkgp_error(world, TKG_EDATA, "%s: not a textkg store (not an SQLite file)", path);
    goto fail;
  }
  /* One writer at a time, told so at once rather than kept waiting. */
  if (write && ((st->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666)) < 0 ||
                flock(st->lock_fd, LOCK_EX | LOCK_NB) != 0)) {
    rc = tkgp_error(world, TKG_EIO, "%s: %s", path,
                    errno == EWOULDBLOCK ? "locked: another textkg is changing this store"
                                         : strerror(errno));
    goto fail;
  }
  if (!(st->rdf = librdf_new_world())) {
    rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
    goto fail;
  }
  librdf_world_set_raptor(st->rdf, world->raptor);
  librdf_world_set_logger(st->rdf, st, on_log);
  librdf_world_open(st->rdf);
  if ((rc = open_model(st, !exists || sb.st_size == 0)) < 0)
    goto fail;
  *out = st;
  return 0;
fail:
  tkgp_store_close(st);
  return rc;
}

void tkgp_store_close(tkgp_store *st)
{
  if (!st)
    return;
  if (st->in_transaction)
    tkgp_store_rollback(st);
  if (st->store_graph)
    librdf_free_node(st->store_graph);
  if (st->model)
    librdf_free_model(st->model);
  if (st->storage)
    librdf_free_storage(st->storage);
  if (st->rdf)
    librdf_free_world(st->rdf);
  if (st->lock_fd >= 0)
    close(st->lock_fd);
  free(st->path);
  free(st);
}

int tkgp_store_begin(tkgp_store *st)
{
  if (librdf_model_transaction_start(st->model) != 0)
    return tkgp_error(st->world, TKG_EIO, "%s: cannot start a transaction", st->path);
  st->in_transaction = 1;
  return 0;
}

int tkgp_store_commit(tkgp_store *st)
{
  st->in_transaction = 0;
  if (librdf_model_transaction_commit(st->model) != 0) {
    librdf_model_transaction_rollback(st->model);
    return tkgp_error(st->world, TKG_EIO, "%s: cannot write the store%s%s", st->path,
                      st->message[0] ? ": " : "", st->message);
  }
  return 0;
}

void tkgp_store_rollback(tkgp_store *st)
{
  st->in_transaction = 0;
  librdf_model_transaction_rollback(st->model);
}
