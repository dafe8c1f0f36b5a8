/* kg_cli.c - the command line of `textkg eval kg`
 * SPDX-License-Identifier: MIT
 */
#include "cli/kg_cli.h"
#include "eval/kg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USAGE "usage: textkg eval kg [--errors] [--by-predicate] FILE...\n"

int tkgp_cli_eval_kg(int argc, char **argv)
{
  tkgp_kg_eval_opts o = {0, 0};
  char **files = calloc((size_t)argc + 1, sizeof *files);
  size_t n_files = 0;
  int status;

  if (!files) {
    fputs("textkg: out of memory\n", stderr);
    return 1;
  }
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--errors") == 0)
      o.errors = 1;
    else if (strcmp(argv[i], "--by-predicate") == 0)
      o.by_predicate = 1;
    else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "textkg: eval kg: unknown option %s\n" USAGE, argv[i]);
      free(files);
      return 2;
    } else
      files[n_files++] = argv[i];
  }
  if (!n_files) {
    fprintf(stderr, "textkg: eval kg: no annotated file\n" USAGE);
    free(files);
    return 2;
  }
  status = tkgp_kg_eval(&o, files, n_files);
  free(files);
  return status;
}
