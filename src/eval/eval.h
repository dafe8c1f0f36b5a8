/* eval.h - the `eval` commands that score the graph `build` writes
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_EVAL_EVAL_H
#define TKG_EVAL_EVAL_H

/**
 * textkg eval kg [--errors] [--by-predicate] FILE... (argv[0] = "kg",
 * after "eval"): rebuilds each annotated document's raw text, builds it
 * as `textkg build` does, and scores the graph (see kg.c).
 * @return the exit status: 0 success, 1 failure, 2 usage.
 */
int tkgp_cli_eval_kg(int argc, char **argv);

#endif
