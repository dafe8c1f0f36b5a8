/* merge_cli.h - `textkg merge`: N-Quads of separate runs into one graph
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_CLI_MERGE_CLI_H
#define TKG_CLI_MERGE_CLI_H

/** `textkg merge ...`; ARGV[0] is "merge". Returns the exit status. */
int tkgp_cli_merge(int argc, char **argv);

/** Print the help of `merge` to standard output. */
void tkgp_cli_merge_help(void);

#endif
