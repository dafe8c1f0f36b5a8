/* gum_coref.c - reader of GUM's CoNLL-2012 coreference bracket files
 * SPDX-License-Identifier: MIT
 *
 * One document per file: "# begin document NAME", then lines
 * "INDEX<TAB>FORM<TAB>BRACKETS", INDEX counting words from 0 over the
 * whole document, BRACKETS "_" or a run of "(type-ID[-Wiki_title]",
 * "type-ID[-title])" and "(type-ID[-title])". Cost: linear in the file.
 */
#include "eval/gum_coref.h"
#include "core/grow.h"
#include "corpus/conllu.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct open_mention {
  size_t chain, start;
  tkgp_key_type type;
} open_mention;

void tkgp_coref_key_finish(tkgp_coref_key *k)
{
  free(k->buf);
  free(k->forms);
  free(k->spans);
  free(k->types);
  memset(k, 0, sizeof *k);
}

static int add_span(tkgp_coref_key *k, size_t start, size_t end, size_t chain,
                    tkgp_key_type type)
{
  size_t cap = k->cap_spans;
  if (tkgp_grow((void **)&k->spans, &k->cap_spans, k->n_spans + 1, sizeof *k->spans))
    return TKG_ENOMEM;
  if (k->cap_spans != cap) {
    unsigned char *t = realloc(k->types, k->cap_spans);
    if (!t)
      return TKG_ENOMEM;
    k->types = t;
  }
  k->spans[k->n_spans].start = start;
  k->spans[k->n_spans].end = end;
  k->spans[k->n_spans].chain = chain;
  k->types[k->n_spans++] = (unsigned char)type;
  return 0;
}

/* The entity type named by the LEN letters at S. */
static tkgp_key_type key_type(const char *s, size_t len)
{
  static const struct {
    const char *name;
    tkgp_key_type type;
  } types[] = {{"person", TKGP_KEY_PERSON}, {"organization", TKGP_KEY_ORGANIZATION},
               {"place", TKGP_KEY_PLACE}};
  size_t i;
  for (i = 0; i < sizeof types / sizeof *types; i++)
    if (strlen(types[i].name) == len && memcmp(types[i].name, s, len) == 0)
      return types[i].type;
  return TKGP_KEY_OTHER;
}

/* Parse "type-ID[-title]" at P: the type and the ID, and P moved past the
 * item. A closing item may lack the type ("ID)"). */
static int read_item(const char **p, size_t *id, tkgp_key_type *type)
{
  const char *s = *p;
  char *e;
  unsigned long v;
  while (*s >= 'a' && *s <= 'z')
    s++;
  *type = key_type(*p, (size_t)(s - *p));
  if (*s != '-' || s[1] < '0' || s[1] > '9')
    return -1;
  v = strtoul(s + 1, &e, 10);
  s = e;
  if (*s == '-')
    while (*s && *s != '(' && *s != ')')
      s++;
  *id = (size_t)v;
  *p = s;
  return 0;
}

int tkgp_coref_key_read(tkgp_coref_key *k, tkg_world *w, const char *path)
{
  open_mention *open = NULL;
  size_t n_open = 0, cap_open = 0, len, lineno = 0;
  char *line, *next;
  int rc;

  memset(k, 0, sizeof *k);
  rc = tkgp_nlp_read_file(w, path, &k->buf, &len);
  if (rc < 0) {
    fprintf(stderr, "textkg: %s\n", w->error);
    return rc;
  }
  rc = TKG_EINPUT;
  for (line = k->buf; line && *line; line = next) {
    char *tab1, *tab2, *e;
    const char *p;
    size_t idx;
    next = strchr(line, '\n');
    if (next)
      *next++ = '\0';
    lineno++;
    if (line[0] == '#') {
      if (strncmp(line, "# begin document ", 17) == 0)
        snprintf(k->name, sizeof k->name, "%s", line + 17);
      continue;
    }
    if (!line[0] || line[0] == '\r')
      continue;
    tab1 = strchr(line, '\t');
    tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
    if (!tab2) {
      fprintf(stderr,
              "textkg: %s: expected 3 tab-separated columns (line %zu)\n", path,
              lineno);
      goto cleanup;
    }
    *tab1 = *tab2 = '\0';
    idx = strtoul(line, &e, 10);
    if (*e || idx != k->n_words) {
      fprintf(stderr, "textkg: %s: word index %s out of sequence (line %zu)\n",
              path, line, lineno);
      goto cleanup;
    }
    if (tkgp_grow((void **)&k->forms, &k->cap_words, k->n_words + 1,
             sizeof *k->forms))
      goto oom;
    k->forms[k->n_words++] = tab1 + 1;
    p = tab2 + 1;
    if (strcmp(p, "_") == 0)
      continue;
    while (*p && *p != '\r') {
      size_t id, i;
      tkgp_key_type type;
      if (*p == '(') {
        p++;
        if (read_item(&p, &id, &type) < 0)
          goto bad;
        if (*p == ')') {
          p++;
          if (add_span(k, idx, idx + 1, id, type) < 0)
            goto oom;
        } else {
          if (tkgp_grow((void **)&open, &cap_open, n_open + 1, sizeof *open))
            goto oom;
          open[n_open].chain = id;
          open[n_open].type = type;
          open[n_open++].start = idx;
        }
      } else {
        if (read_item(&p, &id, &type) < 0 || *p != ')')
          goto bad;
        p++;
        for (i = n_open; i-- > 0;)
          if (open[i].chain == id)
            break;
        if (i == SIZE_MAX) {
          fprintf(stderr,
                  "textkg: %s: closing bracket of entity %zu "
                  "that is not open (line %zu)\n",
                  path, id, lineno);
          goto cleanup;
        }
        if (add_span(k, open[i].start, idx + 1, id, open[i].type) < 0)
          goto oom;
        memmove(open + i, open + i + 1, (n_open - i - 1) * sizeof *open);
        n_open--;
      }
    }
    continue;
  bad:
    fprintf(stderr,
            "textkg: %s: malformed coreference column '%s' (line %zu)\n", path,
            tab2 + 1, lineno);
    goto cleanup;
  }
  if (n_open) {
    fprintf(stderr,
            "textkg: %s: entity %zu opened at word %zu is never "
            "closed (line %zu)\n",
            path, open[n_open - 1].chain, open[n_open - 1].start, lineno);
    goto cleanup;
  }
  if (!k->name[0]) {
    fprintf(stderr, "textkg: %s: no '# begin document' line (line 1)\n", path);
    goto cleanup;
  }
  rc = 0;
  goto cleanup;
oom:
  fprintf(stderr, "textkg: out of memory\n");
  rc = TKG_ENOMEM;
cleanup:
  free(open);
  if (rc)
    tkgp_coref_key_finish(k);
  return rc;
}
