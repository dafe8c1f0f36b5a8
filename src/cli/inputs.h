/* inputs.h - the documents of a build: files, directories, JSON Lines
 * SPDX-License-Identifier: MIT
 *
 * The command line names files, directories and "-"; this turns them into
 * a numbered list of documents before anything is built, so that each has
 * a name for messages and an output name, and a run can be split, resumed
 * after a crash, or shared among threads by number. A JSON Lines file is
 * scanned once for where each line starts and what its id is; the text
 * itself is read when its document is built.
 */
#ifndef TKG_CLI_INPUTS_H
#define TKG_CLI_INPUTS_H

#include <stddef.h>

/* How an input is read. */
typedef enum tkgp_input_format {
  TKGP_INPUT_GUESS, /* by extension (.jsonl, .ndjson), or for "-" by the first byte */
  TKGP_INPUT_TEXT,  /* the whole file is one document */
  TKGP_INPUT_JSONL, /* one JSON object a line: id, text; date, url, title */
} tkgp_input_format;

typedef struct tkgp_inputs tkgp_inputs;

/** One document, read: its text and what the corpus says of it. */
typedef struct tkgp_input_doc {
  char *bytes;        /* the text, NUL-terminated; owned */
  size_t length;
  char *id;           /* JSON Lines and directories: its identifier, else NULL */
  char *date, *url, *title; /* NULL when not given */
} tkgp_input_doc;

/** An empty list. NULL when out of memory. */
tkgp_inputs *tkgp_inputs_new(void);

void tkgp_inputs_free(tkgp_inputs *in);

/**
 * Add the documents ARG names: a file, every "*.txt" file under a
 * directory (recursively, hidden ones left out, in byte order of their
 * paths), or standard input for "-" (read now, kept in a temporary file).
 * A line of JSON Lines that is not a document is kept as a document that
 * fails, with its error, so that the others are still built.
 * @return 0, or -1 after printing why ARG cannot be read at all.
 */
int tkgp_inputs_add(tkgp_inputs *in, const char *arg, tkgp_input_format format);

/** The number of documents. */
size_t tkgp_inputs_count(const tkgp_inputs *in);

/** The names of the documents, for messages: "FILE", "FILE:LINE". Borrowed. */
const char *const *tkgp_inputs_names(const tkgp_inputs *in);

/** The path to give the document for its file name ("-" for stdin). Borrowed. */
const char *tkgp_inputs_path(const tkgp_inputs *in, size_t k);

/**
 * The output name of document K: for a file named on the command line its
 * name without directory and extension, as before; under a directory, its
 * path there without ".txt"; in JSON Lines, its id as an IRI path (see
 * tkgp_iri_append_id). NULL for a line that is not a document. Borrowed.
 */
const char *tkgp_inputs_stem(const tkgp_inputs *in, size_t k);

/**
 * Check that no two documents have the same output name. Two files named
 * on the command line: printed, and -1 (a usage error). A document of a
 * directory or JSON Lines with the name of an earlier one fails when it is
 * built, with a message naming both. 0 otherwise.
 */
int tkgp_inputs_check_names(tkgp_inputs *in);

/**
 * Read document K into DOC. Prints "textkg: NAME: why" and returns -1 when
 * it cannot (a file gone, a bad line, an empty text). Thread-safe.
 */
int tkgp_inputs_load(const tkgp_inputs *in, size_t k, tkgp_input_doc *doc);

void tkgp_input_doc_finish(tkgp_input_doc *doc);

#endif
