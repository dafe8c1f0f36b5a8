/* ner_cli.h - the `train ner` and `eval ner` commands (internal)
 * SPDX-License-Identifier: MIT
 *
 * Each returns a process exit status (0 success, 1 failure, 2 usage) and
 * reports errors on standard error as one line
 * "textkg: FILE: what went wrong (line N)".
 */
#ifndef TKG_NER_CLI_H
#define TKG_NER_CLI_H

/**
 * textkg train ner --train FILE... --dev FILE... -o MODEL [--models DIR]
 *   [--wordnet DIR] [--iso-codes DIR] [--countries FILE] [--lexicon FILE]
 *   [--epochs N] [--patience N] [--seed N] [--prune X] [--drop PERCENT]
 *   [--ensemble N] [--lower PERCENT] [--quiet]
 * (argv[0] = "ner", after "train"). --ensemble N averages N runs of
 * --epochs epochs each; --lower P adds lowercased copies of P% of the
 * casual training documents. Files are IOB2/BILOU (*.iob2), GUM
 * CoNLL-U with Entity= (*.conllu) or CoNLL04 JSON (*.json), told apart by
 * extension, else by content. POS comes from textkg's tagger in --models
 * (default: $TEXTKG_MODELDIR, else the installed models).
 */
int tkgp_cli_train_ner(int argc, char **argv);

/**
 * textkg eval ner [--models DIR] [--model FILE] [--each] FILE...
 * (argv[0] = "ner", after "eval"): precision, recall and F1 per type and
 * micro-averaged over PER, ORG, LOC (strict span and type), per format
 * (or per file with --each), and words per second.
 */
int tkgp_cli_eval_ner(int argc, char **argv);

#endif
