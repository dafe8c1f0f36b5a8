/* text.h - validated, NFC-normalized document text with offsets back to the input
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_TEXT_H
#define TKG_TEXT_H

#include "core/world.h"

#include <stddef.h>

/* Where the normalized text stops being a byte-for-byte copy of the input,
 * or starts being one again, plus a checkpoint every 4 KiB of verbatim
 * text (internal to text.c). There are O(changes + length / 4096) of
 * them, never one per byte. */
typedef struct tkgp_text_anchor tkgp_text_anchor;

typedef struct tkgp_text {
  char *data;            /* NFC UTF-8, NUL-terminated; owned (malloc) */
  size_t length;         /* bytes in data, without the NUL */
  size_t input_codepoints; /* code points in the input as given */
  tkgp_text_anchor *anchors; /* owned */
  size_t n_anchors;
} tkgp_text;

/**
 * Validate BYTES as UTF-8 and normalize to NFC, keeping a map from the
 * normalized text back to code point offsets of the input as given.
 * A leading byte order mark is dropped from data but still counted as
 * code point 0 of the input.
 * Normalization works per extended grapheme cluster, so a changed
 * sequence is never larger than one cluster. Linear time; memory is the
 * normalized text plus the sparse anchors.
 * Fails with TKG_EINPUT and a message such as "invalid UTF-8 at byte 17
 * (line 2, column 5)" or "NUL byte at byte 0 (line 1, column 1)" (byte
 * offset from 0, line and column from 1, column in code points); the
 * caller prefixes the file name. Also TKG_ENOMEM. WORLD may be NULL.
 * The struct is caller-allocated and left zeroed on failure; release
 * with tkgp_text_finish(). BYTES is not kept.
 */
int tkgp_text_init(tkgp_text *text, tkg_world *world, const char *bytes,
                   size_t length);

/** Release what tkgp_text_init() allocated. Accepts a zeroed struct. */
void tkgp_text_finish(tkgp_text *text);

/**
 * Code point offset, in the input as given, of byte offset OFFSET of the
 * normalized text (0 <= OFFSET <= length). An offset inside a character
 * sequence that normalization changed maps to the start of that sequence,
 * except OFFSET == end of the sequence, which maps to its end.
 * O(log anchors) plus a scan of at most one checkpoint interval.
 */
size_t tkgp_text_input_offset(const tkgp_text *text, size_t offset);

#endif
