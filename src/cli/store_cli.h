/* store_cli.h - `textkg store add|remove|list` and `textkg query`
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_CLI_STORE_CLI_H
#define TKG_CLI_STORE_CLI_H

/** `textkg store ...`; ARGV[0] is "store". Returns the exit status. */
int tkgp_cli_store(int argc, char **argv);

/** `textkg query ...`; ARGV[0] is "query". */
int tkgp_cli_query(int argc, char **argv);

void tkgp_cli_store_help(void);
void tkgp_cli_query_help(void);

#endif
