/* wordnet.c - WordNet's word lists read for the lemmatizer's tables
 * SPDX-License-Identifier: MIT
 *
 * Only the index files (which words are lemmas of which part of speech)
 * and the exception lists (irregular inflections) are read: the lemmatizer
 * needs no senses. Training time only; the tagger model keeps the result.
 */
#include "train/train.h"
#include "nlp/lemmatizer.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static int load_file(tkg_world *world, const char *dir, const char *name,
                     int exc, char pos, uint32_t bit, tkgp_strmap *masks,
                     tkgp_strmap *excmap, tkgp_strmap *strs)
{
  char path[4096], line[8192];
  FILE *f;
  int rc = 0;

  snprintf(path, sizeof path, "%s/%s", dir, name);
  f = fopen(path, "r");
  if (!f)
    return tkgp_error(world, TKG_EIO, "%s: cannot open (%s)", path,
                      strerror(errno));
  while (fgets(line, sizeof line, f)) {
    char *w = line, *sp, *lemma;
    long *v;
    if (line[0] == ' ' || line[0] == '\n')
      continue;   /* license header of index files */
    sp = strchr(w, ' ');
    if (!sp)
      continue;
    *sp = '\0';
    if (strchr(w, '_'))
      continue;   /* collocations: never one token */
    v = tkgp_strmap_slot(masks, w, strlen(w), NULL);
    if (!v) {
      rc = TKG_ENOMEM;
      break;
    }
    *v |= exc ? (long)bit << 4 : (long)bit;
    if (exc) {
      char key[8200];
      size_t idx;
      lemma = sp + 1;
      lemma[strcspn(lemma, " \n")] = '\0';
      if (!*lemma || strchr(lemma, '_'))
        continue;
      snprintf(key, sizeof key, "%c\001%s", pos, w);
      if (!tkgp_strmap_slot(strs, lemma, strlen(lemma), &idx) ||
          !(v = tkgp_strmap_slot(excmap, key, strlen(key), NULL))) {
        rc = TKG_ENOMEM;
        break;
      }
      if (*v == 0)
        *v = (long)idx + 1;
    }
  }
  fclose(f);
  if (rc == TKG_ENOMEM)
    return tkgp_error(world, rc, "out of memory");
  return rc;
}

int tkgp_wordnet_load(tkg_world *world, const char *dir, tkgp_strmap *masks,
                      tkgp_strmap *exc, tkgp_strmap *strs)
{
  static const struct {
    const char *name;
    char pos;
    uint32_t bit;
  } parts[] = {{"noun", 'n', TKGP_WN_NOUN}, {"verb", 'v', TKGP_WN_VERB},
               {"adj", 'a', TKGP_WN_ADJ}, {"adv", 'r', TKGP_WN_ADV}};
  for (size_t i = 0; i < 4; i++) {
    char name[32];
    int rc;
    snprintf(name, sizeof name, "index.%s", parts[i].name);
    rc = load_file(world, dir, name, 0, parts[i].pos, parts[i].bit, masks,
                   exc, strs);
    if (rc < 0)
      return rc;
    snprintf(name, sizeof name, "%s.exc", parts[i].name);
    rc = load_file(world, dir, name, 1, parts[i].pos, parts[i].bit, masks,
                   exc, strs);
    if (rc < 0)
      return rc;
  }
  return 0;
}
