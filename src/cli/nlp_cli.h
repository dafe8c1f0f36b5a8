/* nlp_cli.h - the train, parse and eval parse commands (internal)
 * SPDX-License-Identifier: MIT
 *
 * Each returns a process exit status (0 success, 1 failure, 2 usage) and
 * reports errors on standard error as one line
 * "textkg: FILE: what went wrong (where)".
 */
#ifndef TKG_NLP_CLI_H
#define TKG_NLP_CLI_H

/** textkg train tagger|parser --train FILE... --dev FILE... -o MODEL
 *  (argv[0] = "train") */
int tkgp_cli_train(int argc, char **argv);

/** `textkg train clusters`: word clusters from pretrained vectors. */
int tkgp_cli_train_clusters(int argc, char **argv);

/** textkg parse [--input-format text|conllu] FILE|-  (argv[0] = "parse") */
int tkgp_cli_parse(int argc, char **argv);

/** textkg eval parse GOLD.conllu...  (argv[0] = "parse", after "eval") */
int tkgp_cli_eval_parse(int argc, char **argv);

#endif
