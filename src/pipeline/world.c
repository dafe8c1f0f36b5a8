/* world.c - the root context: error text, options, loaded data
 * SPDX-License-Identifier: MIT
 */
#include "core/world.h"
#include "lexicon/link.h"
#include "nlp/nlp.h"
#include "ner/ner.h"
#include "rel/relclass.h"
#include "lexicon/gazetteer.h"
#include "lexicon/lexicon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef TKG_DEFAULT_BASE
#define TKG_DEFAULT_BASE "https://example.org/textkg/"
#endif

int tkg_world_new(tkg_world **out)
{
  tkg_world *w = calloc(1, sizeof *w);
  *out = NULL;
  if (!w)
    return TKG_ENOMEM;
  w->base = strdup(TKG_DEFAULT_BASE);
  w->raptor = raptor_new_world();
  if (!w->base || !w->raptor || raptor_world_open(w->raptor) != 0) {
    tkg_world_free(w);
    return TKG_ENOMEM;
  }
  *out = w;
  return 0;
}

void tkg_world_free(tkg_world *world)
{
  if (!world)
    return;
  if (!world->shares) {
    tkgp_lexicon_free(world->lexicon);
    tkgp_gazetteer_free(world->gazetteer);
    tkgp_links_free(world->links);
  }
  tkgp_nlp_close(world->nlp);
  tkgp_ner_close(world->ner);
  tkgp_relclass_close(world->relclass);
  free(world->modeldir);
  if (world->raptor)
    raptor_free_world(world->raptor);
  free(world->base);
  free(world->datadir);
  free(world->diagram_focus);
  free(world);
}

int tkg_world_open(tkg_world *world, const char *datadir)
{
  char *dir;
  int rc;

  if (world->shares)
    return tkgp_error(world, TKG_EINVAL, "a world that shares another's data cannot open its own");
  if (!datadir)
    datadir = getenv("TEXTKG_DATADIR");
  if (!datadir || !*datadir)
    datadir = TKG_DATADIR;
  dir = strdup(datadir);
  if (!dir)
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  free(world->datadir);
  world->datadir = dir;

  tkgp_lexicon_free(world->lexicon);
  world->lexicon = NULL;
  tkgp_gazetteer_free(world->gazetteer);
  world->gazetteer = NULL;

  /* Models live beside the ontology unless TEXTKG_MODELDIR says otherwise. */
  free(world->modeldir);
  world->modeldir = NULL;
  if (!getenv("TEXTKG_MODELDIR") || !*getenv("TEXTKG_MODELDIR")) {
    size_t n = strlen(dir) + sizeof "/models";
    world->modeldir = malloc(n);
    if (!world->modeldir)
      return tkgp_error(world, TKG_ENOMEM, "out of memory");
    snprintf(world->modeldir, n, "%s/models", dir);
  }
  tkgp_nlp_close(world->nlp);
  world->nlp = NULL;
  tkgp_ner_close(world->ner);
  world->ner = NULL;
  tkgp_relclass_close(world->relclass);
  world->relclass = NULL;

  rc = tkgp_lexicon_load(&world->lexicon, world, dir);
  if (rc < 0)
    return rc;
  return tkgp_gazetteer_new(&world->gazetteer, world, world->lexicon);
}

/* Copy the settings of FROM into TO. */
static int copy_settings(tkg_world *to, const tkg_world *from)
{
  char *base = strdup(from->base), *dir = from->datadir ? strdup(from->datadir) : NULL;
  char *focus = from->diagram_focus ? strdup(from->diagram_focus) : NULL;
  if (!base || (from->datadir && !dir) || (from->diagram_focus && !focus)) {
    free(base);
    free(dir);
    free(focus);
    return tkgp_error(to, TKG_ENOMEM, "out of memory");
  }
  free(to->base);
  to->base = base;
  to->datadir = dir;
  to->diagram_focus = focus;
  memcpy(to->date, from->date, sizeof to->date);
  to->hide_negated = from->hide_negated;
  to->diagram_depth = from->diagram_depth;
  to->diagram_max_nodes = from->diagram_max_nodes;
  return 0;
}

int tkg_world_new_sharing(tkg_world **out, tkg_world *parent)
{
  tkg_world *w;
  int rc;

  *out = NULL;
  if (parent->shares)
    parent = (tkg_world *)parent->shares;
  if (!parent->lexicon)
    return tkgp_error(parent, TKG_EINVAL, "the world to share has not been opened");
  /* Everything is loaded now, so that the worlds only ever read it. */
  if (!tkgp_world_nlp(parent) || !tkgp_world_ner(parent) || !tkgp_world_relclass(parent))
    return TKG_EDATA;
  if ((rc = tkg_world_new(&w)) < 0)
    return tkgp_error(parent, rc, "out of memory");
  w->shares = parent;
  w->lexicon = parent->lexicon;
  w->gazetteer = parent->gazetteer;
  w->links = parent->links;
  if ((rc = copy_settings(w, parent)) < 0 ||
      (rc = tkgp_nlp_share(&w->nlp, w, parent->nlp)) < 0 ||
      (rc = tkgp_ner_share(&w->ner, w, parent->ner)) < 0 ||
      (rc = tkgp_relclass_share(&w->relclass, w, parent->relclass)) < 0) {
    tkg_world_free(w);
    return tkgp_error(parent, rc, "out of memory");
  }
  *out = w;
  return 0;
}

void tkg_world_add_timings(tkg_world *into, const tkg_world *from)
{
  for (size_t k = 0; k < TKGP_STAGES; k++)
    into->stage_seconds[k] += from->stage_seconds[k];
  into->words_analyzed += from->words_analyzed;
}

tkgp_nlp *tkgp_world_nlp(tkg_world *world)
{
  if (!world->nlp && tkgp_nlp_open(&world->nlp, world, world->modeldir) < 0)
    return NULL;
  return world->nlp;
}

tkgp_ner *tkgp_world_ner(tkg_world *world)
{
  if (!world->ner && tkgp_ner_open(&world->ner, world, world->modeldir) < 0)
    return NULL;
  return world->ner;
}

tkgp_relclass *tkgp_world_relclass(tkg_world *world)
{
  if (!world->relclass && tkgp_relclass_open(&world->relclass, world, world->modeldir) < 0)
    return NULL;
  return world->relclass;
}

int tkg_world_set_base(tkg_world *world, const char *base)
{
  size_t len = strlen(base);
  const char *colon = strchr(base, ':');
  char *copy;
  const char *p;

  /* An absolute IRI has a scheme before the first ':': a letter, then
   * letters, digits, '+', '-' or '.' (RFC 3986). */
  if (!colon || colon == base || strpbrk(base, " <>\"{}|\\^`\t\n") ||
      !((*base >= 'a' && *base <= 'z') || (*base >= 'A' && *base <= 'Z')))
    return tkgp_error(world, TKG_EINVAL, "base IRI is not absolute: %s", base);
  for (p = base; p < colon; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
          (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.'))
      return tkgp_error(world, TKG_EINVAL, "base IRI is not absolute: %s", base);
  copy = malloc(len + 2);
  if (!copy)
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  memcpy(copy, base, len + 1);
  /* Entity IRIs are minted as BASE + path, so BASE must end a segment
   * ("http://x/kg/", "http://x/kg#", "urn:x-kg:"). */
  if (base[len - 1] != '/' && base[len - 1] != '#' && base[len - 1] != ':') {
    copy[len] = '/';
    copy[len + 1] = '\0';
  }
  free(world->base);
  world->base = copy;
  return 0;
}

int tkgp_date_valid(const char *date)
{
  int y, m, d;
  char tail;
  return strlen(date) == 10 && date[4] == '-' && date[7] == '-' &&
         sscanf(date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && m >= 1 && m <= 12 &&
         d >= 1 && d <= 31;
}

int tkg_world_set_date(tkg_world *world, const char *date)
{
  if (!tkgp_date_valid(date))
    return tkgp_error(world, TKG_EINVAL, "not a date of the form YYYY-MM-DD: %s", date);
  memcpy(world->date, date, 11);
  return 0;
}

void tkg_world_print_timings(const tkg_world *world, FILE *stream)
{
  static const char *const names[TKGP_STAGES] = {
    "tokenize", "tag+parse", "mentions", "NER+coreference", "relations",
  };
  double total = 0;
  size_t k;
  for (k = 0; k < TKGP_STAGES; k++)
    total += world->stage_seconds[k];
  for (k = 0; k < TKGP_STAGES; k++)
    fprintf(stream, "textkg: %-16s %8.3f s %5.1f%%\n", names[k], world->stage_seconds[k],
            total > 0 ? 100 * world->stage_seconds[k] / total : 0.0);
  fprintf(stream, "textkg: %-16s %8.3f s, %zu words, %.0f words/s\n", "analysis", total,
          world->words_analyzed, total > 0 ? world->words_analyzed / total : 0.0);
}

void tkg_world_set_show_negated(tkg_world *world, int show)
{
  world->hide_negated = !show;
}

int tkg_world_set_diagram_focus(tkg_world *world, const char *entity, int depth)
{
  char *copy = NULL;

  if (depth < 0)
    return tkgp_error(world, TKG_EINVAL, "the depth of a focus is 0 or more, not %d", depth);
  if (entity && !(copy = strdup(entity)))
    return tkgp_error(world, TKG_ENOMEM, "out of memory");
  free(world->diagram_focus);
  world->diagram_focus = copy;
  world->diagram_depth = depth;
  return 0;
}

void tkg_world_set_diagram_max_nodes(tkg_world *world, size_t max)
{
  world->diagram_max_nodes = max;
}

int tkg_world_link(tkg_world *world, const char *path)
{
  if (world->shares)
    return tkgp_error(world, TKG_EINVAL, "a world that shares another's data cannot link");
  return tkgp_links_load(&world->links, world, path);
}

const char *tkg_world_last_error(const tkg_world *world)
{
  return world ? world->error : "";
}
