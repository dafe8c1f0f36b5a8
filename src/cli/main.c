/* main.c - the textkg command: dispatch to subcommands
 * SPDX-License-Identifier: MIT
 */
#include "cli/cli.h"
#include "cli/merge_cli.h"
#include "cli/store_cli.h"
#include "cli/kg_cli.h"
#include "cli/nlp_cli.h"
#include "cli/coref_cli.h"
#include "cli/ner_cli.h"
#include "cli/rel_cli.h"
#include "textkg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *fp)
{
  fputs("Usage: textkg COMMAND [OPTION]... [FILE]...\n"
        "Turn English text into a knowledge graph (RDF and Graphviz diagrams).\n"
        "\n"
        "Commands:\n"
        "  build   read texts, write their graphs (Turtle, N-Triples, N-Quads,\n"
        "          RDF/XML, RDF/JSON, DOT, SVG, PNG, PDF, HTML)\n"
        "  merge   join the N-Quads of separate builds (shards) into one graph\n"
        "  store   keep documents' graphs in an embedded store: add, remove, list\n"
        "  query   ask a store in SPARQL\n"
        "  parse   tag and parse text or CoNLL-U, write CoNLL-U\n"
        "  train   train a model from annotated corpora: textkg train clusters|tagger|parser|ner|rel\n"
        "  eval    score textkg against annotated data: textkg eval parse|ner|coref|rel|kg FILE...\n"
        "  help    show the help of a command: textkg help build\n"
        "\n"
        "Options:\n"
        "  -h, --help     show this help and exit\n"
        "  -V, --version  show the version and exit\n"
        "\n"
        "Errors are printed as 'textkg: FILE: what went wrong (where)'; the exit\n"
        "status is 0 on success, 1 when an input or output failed, 2 on bad usage.\n",
        fp);
}

static int help(const char *command)
{
  if (!command) {
    usage(stdout);
    return TKGP_EXIT_OK;
  }
  if (strcmp(command, "build") == 0) {
    tkgp_cli_build_help();
    return TKGP_EXIT_OK;
  }
  if (strcmp(command, "merge") == 0) {
    tkgp_cli_merge_help();
    return TKGP_EXIT_OK;
  }
  if (strcmp(command, "store") == 0) {
    tkgp_cli_store_help();
    return TKGP_EXIT_OK;
  }
  if (strcmp(command, "query") == 0) {
    tkgp_cli_query_help();
    return TKGP_EXIT_OK;
  }
  fprintf(stderr, "textkg: no such command: %s\n", command);
  return TKGP_EXIT_USAGE;
}

/* textkg eval WHAT ...: each kind of annotated data has its scorer. */
static int eval(int argc, char **argv)
{
  const char *what = argc > 1 ? argv[1] : NULL;
  if (what && strcmp(what, "parse") == 0)
    return tkgp_cli_eval_parse(argc - 1, argv + 1);
  if (what && strcmp(what, "ner") == 0)
    return tkgp_cli_eval_ner(argc - 1, argv + 1);
  if (what && strcmp(what, "coref") == 0)
    return tkgp_cli_eval_coref(argc - 1, argv + 1);
  if (what && strcmp(what, "rel") == 0)
    return tkgp_cli_eval_rel(argc - 1, argv + 1);
  if (what && strcmp(what, "kg") == 0)
    return tkgp_cli_eval_kg(argc - 1, argv + 1);
  fprintf(stderr, "textkg: eval: %s%s (try: textkg eval parse|ner|coref|rel|kg FILE...)\n",
          what ? "nothing to score for " : "what to score?", what ? what : "");
  return TKGP_EXIT_USAGE;
}

int main(int argc, char **argv)
{
  const char *command = argc > 1 ? argv[1] : NULL;
  const char *datadir = getenv("TEXTKG_DATADIR");

  /* The models live beside the ontology: a data directory given in the
   * environment holds both, for every command. */
  if (datadir && *datadir && !getenv("TEXTKG_MODELDIR")) {
    size_t n = strlen(datadir) + sizeof "/models";
    char *dir = malloc(n);
    if (dir) {
      snprintf(dir, n, "%s/models", datadir);
      setenv("TEXTKG_MODELDIR", dir, 0);
      free(dir);
    }
  }

  if (!command) {
    usage(stderr);
    return TKGP_EXIT_USAGE;
  }
  if (strcmp(command, "-h") == 0 || strcmp(command, "--help") == 0)
    return help(NULL);
  if (strcmp(command, "-V") == 0 || strcmp(command, "--version") == 0) {
    printf("textkg %s\n", TKG_VERSION);
    return TKGP_EXIT_OK;
  }
  if (strcmp(command, "help") == 0)
    return help(argc > 2 ? argv[2] : NULL);
  if (strcmp(command, "build") == 0)
    return tkgp_cli_build(argc - 1, argv + 1);
  if (strcmp(command, "merge") == 0)
    return tkgp_cli_merge(argc - 1, argv + 1);
  if (strcmp(command, "store") == 0)
    return tkgp_cli_store(argc - 1, argv + 1);
  if (strcmp(command, "query") == 0)
    return tkgp_cli_query(argc - 1, argv + 1);
  if (strcmp(command, "parse") == 0)
    return tkgp_cli_parse(argc - 1, argv + 1);
  if (strcmp(command, "train") == 0) {
    if (argc > 2 && strcmp(argv[2], "ner") == 0)
      return tkgp_cli_train_ner(argc - 2, argv + 2);
    if (argc > 2 && strcmp(argv[2], "rel") == 0)
      return tkgp_cli_train_rel(argc - 2, argv + 2);
    if (argc > 2 && strcmp(argv[2], "clusters") == 0)
      return tkgp_cli_train_clusters(argc - 2, argv + 2);
    return tkgp_cli_train(argc - 1, argv + 1);
  }
  if (strcmp(command, "eval") == 0)
    return eval(argc - 1, argv + 1);
  fprintf(stderr, "textkg: no such command: %s (try 'textkg --help')\n", command);
  return TKGP_EXIT_USAGE;
}
