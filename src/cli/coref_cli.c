/* coref_cli.c - the command line of `textkg eval coref`
 * SPDX-License-Identifier: MIT
 */
#include "cli/coref_cli.h"
#include "eval/coref_eval.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USAGE                                                                  \
  "usage: textkg eval coref [--models DIR] [--dep DIR] [--gold-syntax]\n"      \
  "                         [--setting predicted|gold|both] [--quiet]\n"       \
  "                         [--ner] [--errors] [--skip-sieves MASK]\n"         \
  "                         FILE.conll...\n"

static int usage_error(const char *what, const char *arg)
{
  fprintf(stderr, "textkg: eval coref: %s%s\n" USAGE, what, arg);
  return 2;
}

int tkgp_cli_eval_coref(int argc, char **argv)
{
  tkgp_coref_eval_opts o;
  char **files = calloc((size_t)argc + 1, sizeof *files);
  size_t n_files = 0;
  int status;

  if (!files) {
    fprintf(stderr, "textkg: out of memory\n");
    return 1;
  }
  memset(&o, 0, sizeof o);
  o.settings[TKGP_COREF_SET_PREDICTED] = o.settings[TKGP_COREF_SET_GOLD] = 1;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int has_value = i + 1 < argc;
    if (!strcmp(a, "--models") && has_value)
      o.models = argv[++i];
    else if (!strcmp(a, "--dep") && has_value)
      o.dep = argv[++i];
    else if (!strcmp(a, "--gold-syntax"))
      o.gold_syntax = 1;
    else if (!strcmp(a, "--quiet"))
      o.quiet = 1;
    else if (!strcmp(a, "--errors"))
      o.errors = 1;
    else if (!strcmp(a, "--ner"))
      o.use_ner = 1;
    else if (!strcmp(a, "--skip-sieves") && has_value) {
      char *end;
      o.skip_sieves = (unsigned)strtoul(argv[++i], &end, 0);
      if (*end || !*argv[i]) {
        free(files);
        return usage_error("bad sieve mask ", argv[i]);
      }
    } else if (!strcmp(a, "--setting") && has_value) {
      const char *s = argv[++i];
      o.settings[TKGP_COREF_SET_PREDICTED] = !strcmp(s, "predicted") || !strcmp(s, "both");
      o.settings[TKGP_COREF_SET_GOLD] = !strcmp(s, "gold") || !strcmp(s, "both");
      if (!o.settings[TKGP_COREF_SET_PREDICTED] && !o.settings[TKGP_COREF_SET_GOLD]) {
        free(files);
        return usage_error("unknown setting ", s);
      }
    } else if (a[0] == '-' && a[1]) {
      free(files);
      return usage_error("unknown option ", a);
    } else {
      files[n_files++] = argv[i];
    }
  }
  if (!n_files) {
    free(files);
    return usage_error("no coreference file", "");
  }
  status = tkgp_coref_eval(&o, files, n_files);
  free(files);
  return status;
}
