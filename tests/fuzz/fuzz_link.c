/* fuzz_link.c - fuzz target: `textkg build --link FILE.ttl`
 * SPDX-License-Identifier: MIT
 *
 * The input is a user's Turtle graph, written to a scratch file and given
 * to tkg_world_link() twice (the option may be repeated; the second time
 * every label is there twice). A file that loads must be safe to use: the
 * world analyzes a short text, whose entities are looked up in it, and a
 * few names are looked up directly. A file that does not load must say
 * why, with TKG_EDATA. The links are dropped again after each input.
 */
#include "fuzz.h"

#include "core/world.h"
#include "lexicon/link.h"
#include "lexicon/lexicon.h"

#include <stdio.h>

static const char *const lookups[][2] = {
  {"Ana Sousa", TKGP_NS_SCHEMA "Person"},
  {"portugal", TKGP_NS_SCHEMA "Country"},
  {"GENEVA", TKGP_NS_SCHEMA "City"},
  {"Lisbon Port Authority", TKGP_NS_SCHEMA "Organization"},
  {"", TKGP_NS_SCHEMA "Place"},
  {"U.S.", NULL},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  tkg_world *w = tkgf_world();
  static char path[4200];
  int rc;

  if (!path[0])
    snprintf(path, sizeof path, "%s/link.ttl", tkgf_scratch());
  tkgf_write_file(path, data, size);
  tkgp_links_free(w->links);
  w->links = NULL;
  tkgp_error_clear(w);
  rc = tkg_world_link(w, path);
  if (rc == 0)
    rc = tkg_world_link(w, path);
  if (rc != 0) {
    TKGF_CHECK(w, rc == TKG_EDATA && tkg_world_last_error(w)[0],
               "a bad graph refused without TKG_EDATA and a message");
  } else {
    for (size_t i = 0; i < sizeof lookups / sizeof *lookups; i++)
      tkgp_links_find(w->links, lookups[i][0], lookups[i][1]);
    TKGF_CHECK(w, tkgf_build_news(w) == 0, "analysis failed with links that loaded");
  }
  tkgp_links_free(w->links);
  w->links = NULL;
  return 0;
}
