/* rel_cli.h - the `train rel` and `eval rel` commands (internal)
 * SPDX-License-Identifier: MIT
 *
 * Each returns a process exit status (0 success, 1 failure, 2 usage) and
 * reports errors on standard error as one line
 * "textkg: FILE: what went wrong (line N)".
 */
#ifndef TKG_REL_CLI_H
#define TKG_REL_CLI_H

/**
 * textkg train rel --train FILE... --dev FILE... -o MODEL [--models DIR]
 *   [--epochs N] [--ensemble N] [--seed N] [--prune X] [--gold-entities]
 *   [--quiet]
 * (argv[0] = "rel", after "train"). Files are CoNLL04 JSON. Sentences are
 * tagged and parsed with textkg's models in --models (default:
 * $TEXTKG_MODELDIR, else the installed models); the classifier learns
 * from the gold mentions of the training files, and the epoch and the
 * decision threshold are chosen by strict micro F1 on the dev files over
 * the mentions textkg's NER finds there (over the gold mentions with
 * --gold-entities).
 */
int tkgp_cli_train_rel(int argc, char **argv);

/**
 * textkg eval rel [--models DIR] [--model FILE] [--threshold X]
 *   [--gold-entities] FILE...
 * (argv[0] = "rel", after "eval"): per-type and micro precision, recall
 * and F1 of the relations found in CoNLL04 JSON files, strict (both
 * mentions' spans and types and the relation type right), over the
 * mentions textkg's NER finds (end to end) or the gold ones
 * (--gold-entities); and sentences per second.
 */
int tkgp_cli_eval_rel(int argc, char **argv);

#endif
