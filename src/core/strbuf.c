/* strbuf.c - growable byte buffer
 * SPDX-License-Identifier: MIT
 */
#include "core/strbuf.h"
#include "textkg.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tkgp_strbuf_init(tkgp_strbuf *sb)
{
  memset(sb, 0, sizeof *sb);
}

void tkgp_strbuf_finish(tkgp_strbuf *sb)
{
  free(sb->data);
  memset(sb, 0, sizeof *sb);
}

void tkgp_strbuf_clear(tkgp_strbuf *sb)
{
  sb->length = 0;
  if (sb->data)
    sb->data[0] = '\0';
}

static int grow(tkgp_strbuf *sb, size_t extra)
{
  size_t need, cap;
  char *p;

  if (sb->failed)
    return TKG_ENOMEM;
  if (extra > (size_t)-1 - sb->length - 1)
    goto fail;
  need = sb->length + extra + 1;
  if (need <= sb->capacity)
    return 0;
  cap = sb->capacity ? sb->capacity : 64;
  while (cap < need)
    cap = cap > (size_t)-1 / 2 ? need : cap * 2;
  p = realloc(sb->data, cap);
  if (!p)
    goto fail;
  sb->data = p;
  sb->capacity = cap;
  return 0;
fail:
  sb->failed = 1;
  return TKG_ENOMEM;
}

int tkgp_strbuf_append(tkgp_strbuf *sb, const char *s, size_t len)
{
  if (grow(sb, len) < 0)
    return TKG_ENOMEM;
  memcpy(sb->data + sb->length, s, len);
  sb->length += len;
  sb->data[sb->length] = '\0';
  return 0;
}

int tkgp_strbuf_puts(tkgp_strbuf *sb, const char *s)
{
  return tkgp_strbuf_append(sb, s, strlen(s));
}

int tkgp_strbuf_putc(tkgp_strbuf *sb, char c)
{
  return tkgp_strbuf_append(sb, &c, 1);
}

int tkgp_strbuf_printf(tkgp_strbuf *sb, const char *fmt, ...)
{
  va_list ap;
  int n;

  va_start(ap, fmt);
  n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0 || grow(sb, (size_t)n) < 0)
    return TKG_ENOMEM;
  va_start(ap, fmt);
  vsnprintf(sb->data + sb->length, (size_t)n + 1, fmt, ap);
  va_end(ap);
  sb->length += (size_t)n;
  return 0;
}
