/* strbuf.h - growable byte buffer
 * SPDX-License-Identifier: MIT
 */
#ifndef TKG_STRBUF_H
#define TKG_STRBUF_H

#include <stddef.h>

typedef struct tkgp_strbuf {
  char *data; /* NUL-terminated while ok; owned */
  size_t length, capacity;
  int failed; /* an allocation failed: later appends do nothing */
} tkgp_strbuf;

void tkgp_strbuf_init(tkgp_strbuf *sb);
void tkgp_strbuf_finish(tkgp_strbuf *sb);
void tkgp_strbuf_clear(tkgp_strbuf *sb);
/** Append; returns 0 or TKG_ENOMEM (and the buffer stays failed). */
int tkgp_strbuf_append(tkgp_strbuf *sb, const char *s, size_t len);
int tkgp_strbuf_puts(tkgp_strbuf *sb, const char *s);
int tkgp_strbuf_putc(tkgp_strbuf *sb, char c);
int tkgp_strbuf_printf(tkgp_strbuf *sb, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
