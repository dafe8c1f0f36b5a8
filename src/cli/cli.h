/* cli.h - the textkg command's subcommands
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_CLI_H
#define TKG_CLI_H

/* Exit statuses. */
enum { TKGP_EXIT_OK = 0, TKGP_EXIT_FAILURE = 1, TKGP_EXIT_USAGE = 2 };

/** `textkg build ...`; ARGV[0] is "build". Returns the exit status. */
int tkgp_cli_build(int argc, char **argv);

/** Print the help of `build` to standard output. */
void tkgp_cli_build_help(void);

#endif
