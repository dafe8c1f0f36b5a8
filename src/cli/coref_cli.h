/* coref_cli.h - the command line of `textkg eval coref`
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_CLI_COREF_CLI_H
#define TKG_CLI_COREF_CLI_H

/**
 * textkg eval coref [--models DIR] [--dep DIR] [--gold-syntax]
 *                   [--setting predicted|gold|both] [--quiet] [--ner]
 *                   [--errors] [--skip-sieves MASK] FILE.conll...
 * (argv[0] = "coref", after "eval"). Scores textkg's coreference against
 * GUM's CoNLL-2012 bracket files; see eval/coref_eval.c.
 * @return the exit status: 0 success, 1 failure, 2 usage.
 */
int tkgp_cli_eval_coref(int argc, char **argv);

#endif
