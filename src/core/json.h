/* json.h - a small JSON reader into an arena tree (internal)
 * SPDX-License-Identifier: MIT
 *
 * Enough for the annotated corpora textkg reads (CoNLL04): objects,
 * arrays, strings with escapes, numbers, true/false/null. Every value
 * remembers the line it starts on, for error messages.
 */
#ifndef TKG_JSON_H
#define TKG_JSON_H

#include "core/arena.h"

#include <stddef.h>

enum {
  TKGP_JSON_NULL, TKGP_JSON_BOOL, TKGP_JSON_NUM, TKGP_JSON_STR, TKGP_JSON_ARR,
  TKGP_JSON_OBJ
};

typedef struct tkgp_json {
  int kind;
  double num;                /* TKGP_JSON_NUM, TKGP_JSON_BOOL (0 or 1) */
  const char *str;           /* TKGP_JSON_STR, UTF-8, NUL-terminated */
  struct tkgp_json **items;  /* TKGP_JSON_ARR, TKGP_JSON_OBJ: the values */
  const char **keys;         /* TKGP_JSON_OBJ */
  size_t n;
  size_t line;               /* where the value starts, from 1 */
} tkgp_json;

typedef struct tkgp_json_reader {
  const char *p, *end;
  size_t line;
  tkgp_arena *arena;
  const char *err;           /* what went wrong, after a NULL value */
  int depth;
} tkgp_json_reader;

/** Read LEN bytes of BYTES (borrowed) into values allocated in ARENA. */
void tkgp_json_reader_init(tkgp_json_reader *r, const char *bytes, size_t len,
                           tkgp_arena *arena);

/** Whether only white space is left (it is skipped). */
int tkgp_json_at_end(tkgp_json_reader *r);

/**
 * The next value of the input (files may hold several, one after the
 * other), or NULL with the reason in r->err and the line in r->line.
 * Borrowed from the arena.
 */
tkgp_json *tkgp_json_next(tkgp_json_reader *r);

/** The member KEY of object O, or NULL. Borrowed. */
const tkgp_json *tkgp_json_get(const tkgp_json *o, const char *key);

#endif
