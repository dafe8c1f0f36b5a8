/* fuzz_lexicon.c - fuzz target: the lexicon and ontology loader
 * SPDX-License-Identifier: MIT
 *
 * The input is a candidate ontology/lexicon.ttl. It is written into a
 * scratch data directory beside the real countries.ttl and textkg.ttl
 * (links to the source tree's) and read as tkg_world_open() reads it:
 * raptor's Turtle parser, then the lexicon (titles, frames, word lists,
 * countries), then the gazetteer built from it. A file that loads must be
 * safe to use, so the world then analyzes a short text with it, with the
 * models it already has. A file that does not load must say why.
 */
#include "fuzz.h"

#include "core/world.h"
#include "lexicon/gazetteer.h"
#include "lexicon/lexicon.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char datadir[4200], lexicon_path[4400];

static void setup(void)
{
  static const char *const others[] = {"countries.ttl", "textkg.ttl"};
  char dir[4300], from[4300], to[4400];

  snprintf(datadir, sizeof datadir, "%s/data", tkgf_scratch());
  snprintf(dir, sizeof dir, "%s/ontology", datadir);
  if ((mkdir(datadir, 0700) != 0 && errno != EEXIST) || (mkdir(dir, 0700) != 0 && errno != EEXIST))
    tkgf_fail(NULL, "cannot make the scratch data directory");
  for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
    const char *top = tkgf_datadir();
    if (top[0] == '/')
      snprintf(from, sizeof from, "%s/ontology/%s", top, others[i]);
    else if (!getcwd(from, sizeof from - 1) ||
             snprintf(from + strlen(from), sizeof from - strlen(from), "/%s/ontology/%s", top,
                      others[i]) < 0)
      tkgf_fail(NULL, "getcwd");
    snprintf(to, sizeof to, "%s/%s", dir, others[i]);
    if (symlink(from, to) != 0 && errno != EEXIST)
      tkgf_fail(NULL, "cannot link the ontology into the scratch directory");
  }
  snprintf(lexicon_path, sizeof lexicon_path, "%s/lexicon.ttl", dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  tkg_world *w = tkgf_world();
  tkgp_lexicon *lex = NULL, *saved_lex;
  tkgp_gazetteer *gaz = NULL, *saved_gaz;
  int rc;

  if (!datadir[0])
    setup();
  tkgf_write_file(lexicon_path, data, size);
  tkgp_error_clear(w);
  rc = tkgp_lexicon_load(&lex, w, datadir);
  if (rc == 0)
    rc = tkgp_gazetteer_new(&gaz, w, lex);
  if (rc != 0) {
    TKGF_CHECK(w, rc == TKG_EDATA || rc == TKG_ENOMEM, "a bad lexicon is not TKG_EDATA");
    TKGF_CHECK(w, tkg_world_last_error(w)[0], "a bad lexicon refused without a message");
    tkgp_lexicon_free(lex);
    return 0;
  }

  /* Analyze with the new lexicon, then put the world's own back. */
  saved_lex = w->lexicon;
  saved_gaz = w->gazetteer;
  w->lexicon = lex;
  w->gazetteer = gaz;
  TKGF_CHECK(w, tkgf_build_news(w) == 0, "analysis failed with a lexicon that loaded");
  w->lexicon = saved_lex;
  w->gazetteer = saved_gaz;
  tkgp_gazetteer_free(gaz);
  tkgp_lexicon_free(lex);
  return 0;
}
