/* build_files.h - the files of one input: all of them, or none
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_CLI_BUILD_FILES_H
#define TKG_CLI_BUILD_FILES_H

#include "cli/build_run.h"
#include "cli/supervise.h"
#include "textkg.h"

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#define TKGP_MAX_FORMATS 16

/** Where and how an input's files are written. */
typedef struct tkgp_out_files {
  const char *dir;            /* the output directory */
  const char *const *formats; /* writer names */
  size_t n_formats;
  mode_t mode;                /* of new files: 0666 less the umask */
} tkgp_out_files;

/** mkdir -p DIR. Prints the error itself. */
int tkgp_make_dir(const char *dir);

/**
 * Write GRAPH as DIR/STEM.EXT in each format of OUT (creating the
 * directories of a STEM with a '/'), all of them or none, holding the
 * stop signals through RUN (NULL: blocking them) over the steps a stop
 * must not cut. *TRIPLES receives the triples of the first RDF format.
 * Prints the error itself.
 * @return 0 or -1.
 */
int tkgp_write_input_files(tkg_world *w, const tkgp_out_files *out, const char *stem,
                           const tkg_graph *graph, tkgp_run *run, tkgp_report *report,
                           size_t *triples);

/**
 * A file written under a temporary name beside its path (.NAME.XXXXXX),
 * renamed at the end: no one ever sees half of it. Its descriptor appends,
 * so that it can be cut back (supervise.h's stream).
 */
typedef struct tkgp_whole_file {
  char *tmp;
  FILE *fp;
} tkgp_whole_file;

/** Create the temporary file for PATH, of MODE. Prints the error itself. */
int tkgp_whole_file_open(const char *path, mode_t mode, tkgp_whole_file *f);

/** Close F and rename it to PATH, or remove it when KEEP is zero. Prints the error itself. */
int tkgp_whole_file_close(const char *path, tkgp_whole_file *f, int keep);

#endif
