/* world.h - the root context shared by every stage (internal)
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_WORLD_H
#define TKG_WORLD_H

#include "textkg.h"

#include <raptor2.h>
#include <stdarg.h>

/* The analysis stages, in order (document.c). */
enum { TKGP_STAGE_TOKENIZE, TKGP_STAGE_PARSE, TKGP_STAGE_MENTIONS, TKGP_STAGE_ENTITIES,
       TKGP_STAGE_RELATIONS, TKGP_STAGES };

typedef struct tkgp_lexicon tkgp_lexicon;
typedef struct tkgp_gazetteer tkgp_gazetteer;
typedef struct tkgp_links tkgp_links;
typedef struct tkgp_nlp tkgp_nlp;
typedef struct tkgp_ner tkgp_ner;
typedef struct tkgp_relclass tkgp_relclass;

struct tkg_world {
  char error[1024];   /* message of the last failure */
  char *base;         /* base IRI for minted entity IRIs, ends in '/' or '#' */
  char *datadir;      /* where ontology/ data was loaded from */
  char date[11];      /* YYYY-MM-DD of the documents, or "" */
  int hide_negated;   /* diagrams leave out what the text says is not so */
  char *diagram_focus;     /* diagrams of this entity's neighbourhood, or NULL */
  int diagram_depth;       /* relations from the focus */
  size_t diagram_max_nodes; /* entities a diagram shows at most; 0: all */
  double stage_seconds[TKGP_STAGES]; /* time spent in each analysis stage */
  size_t words_analyzed;
  tkgp_lexicon *lexicon;     /* titles, roles, demonyms (ontology/lexicon.ttl) */
  tkgp_gazetteer *gazetteer; /* countries and their names */
  raptor_world *raptor;      /* reads the ontology, writes RDF */
  tkgp_links *links;         /* labels of the user's graphs (--link), or NULL */
  char *modeldir;            /* statistical models; NULL: the default */
  tkgp_nlp *nlp;             /* tagger and parser, opened on first use */
  tkgp_ner *ner;             /* named-entity recognizer, opened on first use */
  tkgp_relclass *relclass;   /* relation classifier, opened on first use */
  const tkg_world *shares;   /* the world whose lexicons, links and models
                              * these are (tkg_world_new_sharing), or NULL */
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

/**
 * The tagger and parser, opened on first use from the model directory
 * ($TEXTKG_MODELDIR, else DATADIR/models). Borrowed; NULL on failure,
 * with the message in the world.
 */
tkgp_nlp *tkgp_world_nlp(tkg_world *world);

/** The named-entity recognizer, opened on first use like the parser. */
tkgp_ner *tkgp_world_ner(tkg_world *world);

/** The relation classifier, opened on first use like the parser. */
tkgp_relclass *tkgp_world_relclass(tkg_world *world);

/** Whether DATE is of the form YYYY-MM-DD, month 1-12, day 1-31. */
int tkgp_date_valid(const char *date);

/** Clear the last error message. */
void tkgp_error_clear(tkg_world *world);

#endif
