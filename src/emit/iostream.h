/* iostream.h - a raptor output stream that writes to a FILE in blocks
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_EMIT_IOSTREAM_H
#define TKG_EMIT_IOSTREAM_H

#include <raptor2.h>
#include <stdio.h>

/* raptor writes escaped literals a byte at a time; to a FILE, each byte
 * is an fputc() that takes the stream's lock. Bytes are gathered here and
 * written in blocks. */
typedef struct tkgp_block_writer {
  FILE *fp;
  size_t used;
  int failed;
  int error;          /* errno of the write that failed */
  char buf[65536];
} tkgp_block_writer;

/**
 * A raptor iostream over B, which writes to FP. Free it with
 * raptor_free_iostream(), which writes what is left; then B->failed says
 * whether all was written. NULL when out of memory.
 */
raptor_iostream *tkgp_block_iostream(raptor_world *world, tkgp_block_writer *b, FILE *fp);

#endif
