/* main.c - the textkg command: dispatch to subcommands
 * SPDX-License-Identifier: MIT
 */
#include "cli/cli.h"
#include "textkg.h"

#include <stdio.h>
#include <string.h>

static void usage(FILE *fp)
{
  fputs("Usage: textkg COMMAND [OPTION]... [FILE]...\n"
        "Turn English text into a knowledge graph (RDF and Graphviz diagrams).\n"
        "\n"
        "Commands:\n"
        "  build   read texts, write their graphs (Turtle, N-Triples, N-Quads,\n"
        "          RDF/XML, RDF/JSON, DOT, SVG, PNG, PDF)\n"
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
  fprintf(stderr, "textkg: no such command: %s\n", command);
  return TKGP_EXIT_USAGE;
}

int main(int argc, char **argv)
{
  const char *command = argc > 1 ? argv[1] : NULL;

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
  fprintf(stderr, "textkg: no such command: %s (try 'textkg --help')\n", command);
  return TKGP_EXIT_USAGE;
}
