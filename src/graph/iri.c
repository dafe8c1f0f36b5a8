/* iri.c - deterministic IRIs for entities and documents
 * SPDX-License-Identifier: MIT
 *
 * An entity's IRI is BASE + class + "/" + slug(canonical name), so the same
 * entity gets the same IRI from any document and any run. Slugs keep
 * non-ASCII letters (IRIs allow them; Turtle writes them as they are).
 */
#include "graph/iri.h"
#include "textkg.h"

#include <string.h>
#include <utf8proc.h>

int tkgp_iri_append_slug(tkgp_strbuf *sb, const char *name)
{
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)name;
  utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(name);
  size_t start = sb->length;
  int pending_dash = 0;

  while (left > 0) {
    utf8proc_int32_t c;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &c);
    utf8proc_category_t cat;
    if (n <= 0)
      break;
    p += n;
    left -= n;
    cat = utf8proc_category(c);
    if ((cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
        (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) ||
        (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME && sb->length > start)) {
      utf8proc_uint8_t buf[4];
      utf8proc_ssize_t len = utf8proc_encode_char(utf8proc_tolower(c), buf);
      if (pending_dash && sb->length > start)
        tkgp_strbuf_putc(sb, '-');
      pending_dash = 0;
      tkgp_strbuf_append(sb, (const char *)buf, (size_t)len);
    } else if (c == '\'' || c == 0x2019 || c == '.') {
      /* "O'Brien" -> "obrien", "U.S." -> "us": no break inside a word. */
    } else {
      pending_dash = 1;
    }
  }
  if (sb->length == start)
    tkgp_strbuf_putc(sb, 'x');
  return sb->failed ? TKG_ENOMEM : 0;
}
