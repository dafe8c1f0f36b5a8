/* iostream.c - raptor output: a stream that writes to a FILE in blocks, and statements as N-Triples lines
 * SPDX-License-Identifier: MIT
 */
#include "emit/iostream.h"
#include "emit/ntriples.h"
#include "core/world.h"
#include "textkg.h"

#include <errno.h>
#include <string.h>

static int flush_block(tkgp_block_writer *b)
{
  if (b->used && fwrite(b->buf, 1, b->used, b->fp) != b->used && !b->failed) {
    b->failed = 1;
    b->error = errno;
  }
  b->used = 0;
  return b->failed;
}

static int put_byte(void *context, const int byte)
{
  tkgp_block_writer *b = context;
  if (b->used == sizeof b->buf && flush_block(b))
    return 1;
  b->buf[b->used++] = (char)byte;
  return 0;
}

static int put_bytes(void *context, const void *ptr, size_t size, size_t nmemb)
{
  tkgp_block_writer *b = context;
  size_t n = size * nmemb;
  if (n > sizeof b->buf - b->used && flush_block(b))
    return 0;
  if (n > sizeof b->buf) {
    if (fwrite(ptr, 1, n, b->fp) != n && !b->failed) {
      b->failed = 1;
      b->error = errno;
    }
  } else {
    memcpy(b->buf + b->used, ptr, n);
    b->used += n;
  }
  return b->failed ? 0 : (int)nmemb;
}

static int end_of_writing(void *context)
{
  return flush_block(context);
}

/* raptor_free_iostream() calls this, not the write_end handler. */
static void finish(void *context)
{
  flush_block(context);
}

/* Version 2: raptor 2.0.15 takes a handler of version 1 for reading only. */
static const raptor_iostream_handler block_handler = {
  2, NULL, finish, put_byte, put_bytes, end_of_writing, NULL, NULL,
};

raptor_iostream *tkgp_block_iostream(raptor_world *world, tkgp_block_writer *b, FILE *fp)
{
  b->fp = fp;
  b->used = 0;
  b->failed = 0;
  return raptor_new_iostream_from_handler(world, b, &block_handler);
}

int tkgp_ntriples_line(raptor_term *s, raptor_term *p, raptor_term *o, tkgp_strbuf *sb)
{
  raptor_term *terms[3] = {s, p, o};
  tkgp_strbuf_clear(sb);
  for (int i = 0; i < 3; i++) {
    size_t len;
    unsigned char *text = raptor_term_to_counted_string(terms[i], &len);
    if (!text)
      return TKG_ENOMEM;
    tkgp_strbuf_append(sb, (const char *)text, len);
    tkgp_strbuf_puts(sb, i < 2 ? " " : " .");
    raptor_free_memory(text);
  }
  return sb->failed ? TKG_ENOMEM : 0;
}

int tkgp_parse_nquads(tkg_world *world, const char *path, const char *name,
                      raptor_statement_handler handler, void *data)
{
  raptor_parser *parser = raptor_new_parser(world->raptor, "nquads");
  unsigned char *uri_string = raptor_uri_filename_to_uri_string(path);
  raptor_uri *uri = uri_string ? raptor_new_uri(world->raptor, uri_string) : NULL;
  FILE *fp = fopen(path, "rb");
  int rc = 0;

  if (!fp)
    rc = tkgp_error(world, TKG_EIO, "%s: %s", name, strerror(errno));
  else if (!parser || !uri)
    rc = tkgp_error(world, TKG_ENOMEM, "out of memory");
  else {
    raptor_parser_set_statement_handler(parser, data, handler);
    if (raptor_parser_parse_file_stream(parser, fp, name, uri) != 0)
      rc = TKG_EDATA;
  }
  if (fp)
    fclose(fp);
  if (parser)
    raptor_free_parser(parser);
  if (uri)
    raptor_free_uri(uri);
  raptor_free_memory(uri_string);
  return rc;
}
