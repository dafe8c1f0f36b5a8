/* link.c - match entities to the IRIs of a user's existing graph
 * SPDX-License-Identifier: MIT
 *
 * `textkg build --link KB.ttl` makes new documents extend a graph the user
 * already has instead of duplicating it: an entity whose canonical or other
 * name equals a label of a resource in KB.ttl takes that resource's IRI.
 * Labels are compared case-folded and NFKC-normalized ("U.S." and "u.s."
 * agree; "US" and "U.S." do not). A name shared by two resources of a
 * fitting type is ambiguous and links to neither: a wrong merge is worse
 * than a duplicate. Loading sorts all (label, IRI) pairs once; a lookup is
 * a binary search.
 */
#include "lexicon/link.h"
#include "core/arena.h"
#include "lexicon/lexicon.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

typedef struct link_entry {
  const char *key;  /* folded label */
  const char *iri;
  const char *type; /* a class IRI the user gave it, or NULL */
} link_entry;

struct tkgp_links {
  tkgp_arena arena;
  link_entry *entries;
  size_t n_entries, cap_entries;
};

/* S folded for matching (NFKC, case folded) in ARENA; NULL with *BAD set
 * when S is not valid UTF-8 (raptor passes such literals on), NULL alone
 * when out of memory. */
static char *fold(tkgp_arena *arena, const char *s, int *bad)
{
  utf8proc_uint8_t *f = NULL;
  utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &f,
                                    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                        UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                        UTF8PROC_IGNORE);
  char *copy;
  *bad = n < 0 && n != UTF8PROC_ERROR_NOMEM;
  if (n < 0)
    return NULL;
  copy = tkgp_arena_strndup(arena, (const char *)f, (size_t)n);
  free(f);
  return copy;
}

static int by_key(const void *a, const void *b)
{
  const link_entry *x = a, *y = b;
  int c = strcmp(x->key, y->key);
  if (c)
    return c;
  if ((c = strcmp(x->iri, y->iri)))
    return c;
  return strcmp(x->type ? x->type : "", y->type ? y->type : "");
}

static int is_label(const tkgp_triple *t)
{
  return t->literal && (strcmp(t->predicate, TKGP_NS_RDFS "label") == 0 ||
                        strcmp(t->predicate, TKGP_NS_SKOS "prefLabel") == 0 ||
                        strcmp(t->predicate, TKGP_NS_SKOS "altLabel") == 0);
}

/* (subject, schema: class) pairs, sorted by subject. */
typedef struct typed {
  const char *subject, *type;
} typed;

static int by_subject(const void *a, const void *b)
{
  const typed *x = a, *y = b;
  int c = strcmp(x->subject, y->subject);
  return c ? c : strcmp(x->type, y->type);
}

static const char *type_of(const typed *types, size_t n, const char *subject)
{
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = strcmp(types[mid].subject, subject);
    if (c == 0) {
      while (mid > 0 && strcmp(types[mid - 1].subject, subject) == 0)
        mid--; /* the first in order, so the choice is deterministic */
      return types[mid].type;
    }
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

int tkgp_links_load(tkgp_links **links, tkg_world *world, const char *path)
{
  tkgp_links *l = *links;
  tkgp_triple *triples = NULL;
  typed *types = NULL;
  size_t count = 0, n_types = 0, i;
  int rc, bad = 0;

  if (!l) {
    l = calloc(1, sizeof *l);
    if (!l)
      return tkgp_error(world, TKG_ENOMEM, "out of memory");
    tkgp_arena_init(&l->arena, 0);
    *links = l;
  }
  rc = tkgp_turtle_read(world, path, &l->arena, &triples, &count);
  if (rc < 0)
    return rc;
  types = malloc((count + 1) * sizeof *types);
  if (!types) {
    rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
    goto cleanup;
  }
  for (i = 0; i < count; i++)
    if (strcmp(triples[i].predicate, TKGP_NS_RDF "type") == 0 &&
        strncmp(triples[i].object, TKGP_NS_SCHEMA, strlen(TKGP_NS_SCHEMA)) == 0) {
      types[n_types].subject = triples[i].subject;
      types[n_types++].type = triples[i].object;
    }
  qsort(types, n_types, sizeof *types, by_subject);
  for (i = 0; i < count; i++) {
    const tkgp_triple *t = &triples[i];
    link_entry *e;
    if (!is_label(t) || strncmp(t->subject, "_:", 2) == 0)
      continue;
    if (l->n_entries == l->cap_entries) {
      size_t cap = l->cap_entries ? l->cap_entries * 2 : 256;
      link_entry *p = realloc(l->entries, cap * sizeof *p);
      if (!p) {
        rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
        goto cleanup;
      }
      l->entries = p;
      l->cap_entries = cap;
    }
    e = &l->entries[l->n_entries];
    e->key = fold(&l->arena, t->object, &bad);
    e->iri = t->subject;
    e->type = type_of(types, n_types, t->subject);
    if (!e->key) {
      rc = bad ? tkgp_error(world, TKG_EDATA, "%s: the label of <%s> is not valid UTF-8", path,
                            t->subject)
               : tkgp_error(world, TKG_ENOMEM, "out of memory");
      goto cleanup;
    }
    l->n_entries++;
  }
  if (l->n_entries) /* an empty file has no entries: qsort takes no NULL */
    qsort(l->entries, l->n_entries, sizeof *l->entries, by_key);

cleanup:
  free(types);
  free(triples);
  return rc;
}

void tkgp_links_free(tkgp_links *links)
{
  if (!links)
    return;
  free(links->entries);
  tkgp_arena_finish(&links->arena);
  free(links);
}

static int types_agree(const char *theirs, const char *ours)
{
  if (!theirs || !ours || strcmp(theirs, ours) == 0)
    return 1;
  /* Their Place is our Country or City. */
  return strcmp(theirs, TKGP_NS_SCHEMA "Place") == 0 &&
         (strcmp(ours, TKGP_NS_SCHEMA "Country") == 0 ||
          strcmp(ours, TKGP_NS_SCHEMA "City") == 0);
}

const char *tkgp_links_find(const tkgp_links *links, const char *name,
                            const char *class_iri)
{
  utf8proc_uint8_t *key;
  const char *found = NULL;
  size_t lo = 0, hi, i;

  if (!links || !links->n_entries)
    return NULL;
  key = utf8proc_NFKC_Casefold((const utf8proc_uint8_t *)name);
  if (!key)
    return NULL;
  hi = links->n_entries;
  while (lo < hi) { /* first entry whose key is >= KEY */
    size_t mid = lo + (hi - lo) / 2;
    if (strcmp(links->entries[mid].key, (const char *)key) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (i = lo; i < links->n_entries && strcmp(links->entries[i].key, (const char *)key) == 0; i++) {
    const link_entry *e = &links->entries[i];
    if (!types_agree(e->type, class_iri))
      continue;
    if (found && strcmp(found, e->iri) != 0) {
      found = NULL; /* ambiguous */
      break;
    }
    found = e->iri;
  }
  free(key);
  return found;
}
