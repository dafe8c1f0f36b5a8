/* nlp.c - the tagger and parser behind one handle, for the pipeline
 * SPDX-License-Identifier: MIT
 *
 * Opening maps two model files (no parsing, no copying: load time is the
 * checksum pass). Annotating reuses scratch buffers that only grow, so a
 * sentence costs no allocation except lemmas that rules build.
 * The facade owns both models and the scratch space; tagger.h and
 * parser.h say what each reads and writes.
 */
#include "nlp/nlp.h"
#include "nlp/clusters.h"
#include "nlp/parser.h"
#include "nlp/tagger.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tkgp_nlp {
  tkg_world *world;
  tkgp_tagger *tagger;
  tkgp_parser *parser;
  tkgp_clusters *clusters;
  tkgp_tokinfo *ti;
  uint32_t *cls;
  size_t cap;
  tkgp_parse_scratch *scratch;
  int shared;             /* TAGGER and PARSER belong to another tkgp_nlp */
};

const char *tkgp_nlp_modeldir(const char *modeldir)
{
  if (modeldir && *modeldir)
    return modeldir;
  modeldir = getenv("TEXTKG_MODELDIR");
  if (modeldir && *modeldir)
    return modeldir;
  return TKG_MODELDIR;
}

/* Working arrays for sentences of up to 256 words; they grow. */
static int alloc_scratch(tkgp_nlp *nlp)
{
  nlp->cap = 256;
  nlp->ti = malloc(nlp->cap * sizeof *nlp->ti);
  nlp->cls = malloc(nlp->cap * sizeof *nlp->cls);
  if (!nlp->ti || !nlp->cls || tkgp_parse_scratch_new(&nlp->scratch, nlp->cap) < 0)
    return tkgp_error(nlp->world, TKG_ENOMEM, "out of memory");
  return 0;
}

int tkgp_nlp_share(tkgp_nlp **out, tkg_world *world, const tkgp_nlp *models)
{
  tkgp_nlp *nlp = calloc(1, sizeof *nlp);
  *out = NULL;
  if (!nlp)
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  nlp->world = world;
  nlp->tagger = models->tagger;
  nlp->parser = models->parser;
  nlp->clusters = models->clusters;
  nlp->shared = 1;
  if (alloc_scratch(nlp) < 0) {
    tkgp_nlp_close(nlp);
    return TKG_ENOMEM;
  }
  *out = nlp;
  return 0;
}

int tkgp_nlp_open(tkgp_nlp **out, tkg_world *world, const char *modeldir)
{
  tkgp_nlp *nlp = calloc(1, sizeof *nlp);
  const char *dir = tkgp_nlp_modeldir(modeldir);
  char *path = malloc(strlen(dir) + 32);
  int rc = 0;

  *out = NULL;
  if (!nlp || !path) {
    rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
    goto fail;
  }
  nlp->world = world;
  sprintf(path, "%s/%s", dir, TKGP_NLP_TAGGER_FILE);
  rc = tkgp_tagger_open(&nlp->tagger, world, path);
  if (rc < 0)
    goto fail;
  sprintf(path, "%s/%s", dir, TKGP_NLP_PARSER_FILE);
  rc = tkgp_parser_open(&nlp->parser, world, path);
  if (rc < 0)
    goto fail;
  sprintf(path, "%s/%s", dir, TKGP_CLUSTERS_FILE);
  rc = tkgp_clusters_open(&nlp->clusters, world, path);
  if (rc < 0)
    goto fail;
  if ((rc = alloc_scratch(nlp)) < 0)
    goto fail;
  free(path);
  *out = nlp;
  return 0;
fail:
  free(path);
  tkgp_nlp_close(nlp);
  return rc;
}

void tkgp_nlp_set_thorough(tkgp_nlp *nlp)
{
  tkgp_tagger_set_thorough(nlp->tagger);
}

void tkgp_nlp_close(tkgp_nlp *nlp)
{
  if (!nlp)
    return;
  if (!nlp->shared) {
    tkgp_tagger_close(nlp->tagger);
    tkgp_parser_close(nlp->parser);
    tkgp_clusters_close(nlp->clusters);
  }
  tkgp_parse_scratch_free(nlp->scratch);
  free(nlp->ti);
  free(nlp->cls);
  free(nlp);
}

static int grow(tkgp_nlp *nlp, size_t n)
{
  size_t cap = nlp->cap;
  tkgp_tokinfo *ti;
  uint32_t *cls;
  if (n <= cap)
    return 0;
  while (cap < n)
    cap *= 2;
  ti = realloc(nlp->ti, cap * sizeof *ti);
  if (!ti)
    return tkgp_error(nlp->world, TKG_ENOMEM, "out of memory");
  nlp->ti = ti;
  cls = realloc(nlp->cls, cap * sizeof *cls);
  if (!cls)
    return tkgp_error(nlp->world, TKG_ENOMEM, "out of memory");
  nlp->cls = cls;
  nlp->cap = cap;
  return 0;
}

/* Whether FORM is written in capitals only, two or more: "WHO", "IT". */
static int all_capitals(const char *form)
{
  const char *p = form;
  while (*p >= 'A' && *p <= 'Z')
    p++;
  return *p == 0 && p - form >= 2;
}

/* "The World Health Organization (WHO)": an acronym in brackets is a
 * name, though it is written like a function word the tagger knows ("who",
 * "it", "us"), whose tag would make the parser read "(WHO) warned" as a
 * relative clause. */
static void bracketed_acronyms(tkgp_nlp_word *words, size_t n)
{
  static const char *const function_tags[] = {"PRON", "DET", "ADP", "CCONJ", "SCONJ",
                                               "AUX", "PART", NULL};
  for (size_t i = 1; i + 1 < n; i++) {
    size_t k;
    if (strcmp(words[i - 1].form, "(") != 0 || strcmp(words[i + 1].form, ")") != 0 ||
        !all_capitals(words[i].form) || !words[i].upos)
      continue;
    for (k = 0; function_tags[k] && strcmp(words[i].upos, function_tags[k]) != 0; k++)
      ;
    if (!function_tags[k])
      continue;
    words[i].upos = "PROPN";
    words[i].xpos = "NNP";
    words[i].feats = "Number=Sing";
    words[i].lemma = words[i].form;
  }
}

void tkgp_nlp_set_clusters(const tkgp_nlp *nlp, tkgp_nlp_word *words, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    uint32_t e = tkgp_clusters_entry(nlp->clusters, words[i].form);
    words[i].cluster = tkgp_clusters_path(e);
    words[i].name_class = tkgp_clusters_name(e);
  }
}

int tkgp_nlp_tag(tkgp_nlp *nlp, tkgp_nlp_word *words, size_t n,
                 tkgp_arena *arena)
{
  int rc = grow(nlp, n);
  if (rc < 0)
    return rc;
  tkgp_nlp_set_clusters(nlp, words, n);
  rc = tkgp_tagger_run(nlp->tagger, words, n, nlp->ti, nlp->cls, arena);
  if (rc < 0)
    return tkgp_error(nlp->world, rc, "out of memory");
  bracketed_acronyms(words, n);
  return 0;
}

int tkgp_nlp_annotate(tkgp_nlp *nlp, tkgp_nlp_word *words, size_t n,
                      tkgp_arena *arena)
{
  int rc = tkgp_nlp_tag(nlp, words, n, arena);
  if (rc < 0)
    return rc;
  rc = tkgp_parser_run(nlp->parser, &nlp->scratch, words, n);
  if (rc < 0)
    return tkgp_error(nlp->world, rc, "out of memory");
  return 0;
}
