/* kg_cli.h - the command line of `textkg eval kg`
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_CLI_KG_CLI_H
#define TKG_CLI_KG_CLI_H

/**
 * textkg eval kg [--errors] [--by-predicate] FILE... (argv[0] = "kg",
 * after "eval"): rebuilds each annotated document's raw text, builds it
 * as `textkg build` does, and scores the graph (see eval/kg.c).
 * @return the exit status: 0 success, 1 failure, 2 usage.
 */
int tkgp_cli_eval_kg(int argc, char **argv);

#endif
