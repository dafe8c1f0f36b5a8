/* strmap.h - string-keyed table of counts, numbered in order of insertion
 * SPDX-License-Identifier: MIT
 *
 * For the trainers, which count words, tags and labels by their strings
 * and then walk the entries in the order first seen: that order, not the
 * hash order, is what the model files are built in, so that the same
 * corpus gives the same bytes. There is no removal.
 */
#ifndef TKG_CORE_STRMAP_H
#define TKG_CORE_STRMAP_H

#include <stddef.h>

typedef struct tkgp_strmap tkgp_strmap;

/** An empty map. Caller frees with tkgp_strmap_free(). @return 0 or TKG_ENOMEM. */
int tkgp_strmap_new(tkgp_strmap **out);

/** Free the map and its keys. Accepts NULL. */
void tkgp_strmap_free(tkgp_strmap *m);

/**
 * The value slot of KEY (LEN bytes, no NUL inside), created as 0 when
 * absent, or NULL when out of memory. *INDEX (when not NULL) receives the
 * entry's number. The slot is valid until the next insertion.
 */
long *tkgp_strmap_slot(tkgp_strmap *m, const char *key, size_t len,
                       size_t *index);

/** Number of entries. */
size_t tkgp_strmap_count(const tkgp_strmap *m);

/** Key of entry I, NUL-terminated. Borrowed; valid until tkgp_strmap_free(). */
const char *tkgp_strmap_key(const tkgp_strmap *m, size_t i);

/** Value of entry I. */
long tkgp_strmap_value(const tkgp_strmap *m, size_t i);

#endif
