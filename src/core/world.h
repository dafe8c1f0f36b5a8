/* world.h - the root context shared by every stage (internal)
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_WORLD_H
#define TKG_WORLD_H

#include "textkg.h"

#include <raptor2.h>
#include <stdarg.h>

typedef struct tkgp_lexicon tkgp_lexicon;
typedef struct tkgp_gazetteer tkgp_gazetteer;
typedef struct tkgp_links tkgp_links;

struct tkg_world {
  char error[1024];   /* message of the last failure */
  char *base;         /* base IRI for minted entity IRIs, ends in '/' or '#' */
  char *datadir;      /* where ontology/ data was loaded from */
  char date[11];      /* YYYY-MM-DD of the documents, or "" */
  tkgp_lexicon *lexicon;     /* titles, roles, demonyms (ontology/lexicon.ttl) */
  tkgp_gazetteer *gazetteer; /* countries and their names */
  raptor_world *raptor;      /* reads the ontology, writes RDF */
  tkgp_links *links;         /* labels of the user's graphs (--link), or NULL */
};

#if defined(__GNUC__)
#define TKGP_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define TKGP_PRINTF(f, a)
#endif

/**
 * Record a failure message in WORLD and return CODE, so that callers can
 * write `return tkgp_error(w, TKG_EIO, "...")`. WORLD may be NULL.
 */
int tkgp_error(tkg_world *world, int code, const char *fmt, ...)
    TKGP_PRINTF(3, 4);

/** Same, with a va_list. */
int tkgp_verror(tkg_world *world, int code, const char *fmt, va_list ap);

/** Clear the last error message. */
void tkgp_error_clear(tkg_world *world);

#endif
