/* fuzz.h - what the fuzz targets share: one world per process, scratch files
 * SPDX-License-Identifier: MIT
 *
 * Each target is one file, fuzz_<target>.c, that defines
 * LLVMFuzzerTestOneInput(). It is linked with libFuzzer
 * (./configure --enable-fuzzing CC=clang; make fuzz) or with replay.c, a
 * plain main() that feeds it the seed corpus and the crash reproducers of
 * tests/fuzz/ (make check). Loading the ontology and the models costs far
 * more than one input, so the world is made on first use and kept for the
 * life of the process; it stays reachable, so LeakSanitizer does not count
 * it. A target aborts (a crash to the fuzzer) when the library breaks a
 * promise its header makes, not only when it faults.
 */
#ifndef TKG_FUZZ_H
#define TKG_FUZZ_H

#include "textkg.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/** Print "fuzz: WHAT" and the world's last error (W may be NULL), then abort(). */
void tkgf_fail(const tkg_world *w, const char *what);

/** Abort with WHAT unless COND holds. */
#define TKGF_CHECK(w, cond, what)                                             \
  do {                                                                        \
    if (!(cond))                                                              \
      tkgf_fail((w), (what));                                                 \
  } while (0)

/** The source tree's data: $TEXTKG_DATADIR, else $top_srcdir, else ".". */
const char *tkgf_datadir(void);

/**
 * The world of this process: ontology and lexicons of tkgf_datadir(), its
 * models (opened on first use), document date 2024-03-01. Aborts when it
 * cannot be made. Borrowed; lives until exit.
 */
tkg_world *tkgf_world(void);

/**
 * A scratch directory of this process, made on first use under $TMPDIR
 * (else /tmp) and removed with everything in it at exit. Borrowed.
 */
const char *tkgf_scratch(void);

/** Write SIZE bytes to PATH (replacing it); aborts on failure. */
void tkgf_write_file(const char *path, const void *data, size_t size);

/** All of PATH, malloc'd with a NUL after it; aborts on failure. */
unsigned char *tkgf_read_file(const char *path, size_t *size);

/**
 * A short news text of the project's own (titles, countries, a quotation,
 * relations) that the model, lexicon and link targets analyze with what
 * they loaded. NUL-terminated.
 */
extern const char tkgf_news[];

/**
 * Analyze tkgf_news with W as it is, add it to a graph and write the graph
 * as N-Triples to tkgf_null(). Aborts when anything but the analysis
 * fails, or when the analysis fails without a message.
 * @return what tkg_document_analyze() returned.
 */
int tkgf_build_news(tkg_world *w);

/** A stream that discards what is written, opened once. Borrowed. */
FILE *tkgf_null(void);

#endif
