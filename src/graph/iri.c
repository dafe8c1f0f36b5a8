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

/* Whether byte C stands for itself in an id's IRI (RFC 3986 unreserved). */
static int id_byte_kept(unsigned char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '_' || c == '~' || c == '.';
}

int tkgp_iri_append_id(tkgp_strbuf *sb, const char *id)
{
  const unsigned char *p = (const unsigned char *)id;
  size_t i, n = strlen(id);

  if (n == 0)
    tkgp_strbuf_puts(sb, "%20"); /* never empty: an empty id is a space */
  for (i = 0; i < n; i++) {
    int segment_start = i == 0 || p[i - 1] == '/';
    /* '/' separates segments, but none is empty; a segment never starts
     * with '.', so none is "." or "..", which IRI resolution removes. */
    if ((p[i] == '/' && !segment_start && i + 1 < n) ||
        (id_byte_kept(p[i]) && !(p[i] == '.' && segment_start)))
      tkgp_strbuf_putc(sb, (char)p[i]);
    else
      tkgp_strbuf_printf(sb, "%%%02X", p[i]);
  }
  return sb->failed ? TKG_ENOMEM : 0;
}
