/* json.c - a small JSON reader into an arena tree
 * SPDX-License-Identifier: MIT
 *
 * A recursive-descent reader, linear in the input; nesting is limited to
 * MAX_DEPTH so that hostile input cannot exhaust the stack.
 */
#include "core/json.h"

#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64


static void jws(tkgp_json_reader *j)
{
  for (; j->p < j->end; j->p++) {
    if (*j->p == '\n')
      j->line++;
    else if (*j->p != ' ' && *j->p != '\t' && *j->p != '\r')
      break;
  }
}

static int jhex(const char *p)
{
  int v = 0;
  for (int k = 0; k < 4; k++) {
    int c = p[k], d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    else return -1;
    v = v * 16 + d;
  }
  return v;
}

static size_t put_utf8(char *o, unsigned cp)
{
  if (cp < 0x80) {
    o[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    o[0] = (char)(0xC0 | cp >> 6);
    o[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (char)(0xE0 | cp >> 12);
    o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
    o[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (char)(0xF0 | cp >> 18);
  o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
  o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
  o[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

static const char *jstring(tkgp_json_reader *j)
{
  const char *s = ++j->p;
  char *out;
  size_t k = 0;
  while (j->p < j->end && *j->p != '"') {
    if (*j->p == '\n') {
      j->err = "newline in a string";
      return NULL;
    }
    j->p += *j->p == '\\' ? 2 : 1;
  }
  if (j->p >= j->end) {
    j->err = "unterminated string";
    return NULL;
  }
  if (!(out = tkgp_arena_alloc(j->arena, (size_t)(j->p - s) * 2 + 1))) {
    j->err = "out of memory";
    return NULL;
  }
  for (const char *p = s; p < j->p; p++) {
    int cp;
    if (*p != '\\') {
      out[k++] = *p;
      continue;
    }
    switch (*++p) {
    case 'n': out[k++] = '\n'; break;
    case 't': out[k++] = '\t'; break;
    case 'r': out[k++] = '\r'; break;
    case 'b': out[k++] = '\b'; break;
    case 'f': out[k++] = '\f'; break;
    case 'u':
      if (j->p - p < 5 || (cp = jhex(p + 1)) < 0) {
        j->err = "bad \\u escape";
        return NULL;
      }
      p += 4;
      if (cp >= 0xD800 && cp < 0xDC00 && j->p - p >= 7 && p[1] == '\\' &&
          p[2] == 'u') {
        int lo = jhex(p + 3);
        if (lo >= 0xDC00 && lo < 0xE000) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          p += 6;
        }
      }
      k += put_utf8(out + k, (unsigned)cp);
      break;
    default: out[k++] = *p; break;
    }
  }
  out[k] = '\0';
  j->p++;
  return out;
}

static tkgp_json *jvalue(tkgp_json_reader *j);

static tkgp_json *jcompound(tkgp_json_reader *j, tkgp_json *v, char close)
{
  size_t cap = 0;
  j->p++;
  jws(j);
  if (j->p < j->end && *j->p == close) {
    j->p++;
    return v;
  }
  for (;;) {
    const char *key = NULL;
    tkgp_json *item;
    jws(j);
    if (close == '}') {
      if (j->p >= j->end || *j->p != '"') {
        j->err = "expected a key";
        return NULL;
      }
      if (!(key = jstring(j)))
        return NULL;
      jws(j);
      if (j->p >= j->end || *j->p != ':') {
        j->err = "expected ':'";
        return NULL;
      }
      j->p++;
    }
    if (!(item = jvalue(j)))
      return NULL;
    if (v->n == cap) {
      size_t nc = cap ? cap * 2 : 8;
      tkgp_json **ni = tkgp_arena_alloc(j->arena, nc * sizeof *ni);
      const char **nk = tkgp_arena_alloc(j->arena, nc * sizeof *nk);
      if (!ni || !nk) {
        j->err = "out of memory";
        return NULL;
      }
      if (cap) {
        memcpy(ni, v->items, cap * sizeof *ni);
        memcpy(nk, v->keys, cap * sizeof *nk);
      }
      v->items = ni;
      v->keys = nk;
      cap = nc;
    }
    v->keys[v->n] = key;
    v->items[v->n++] = item;
    jws(j);
    if (j->p < j->end && *j->p == ',') {
      j->p++;
      continue;
    }
    if (j->p < j->end && *j->p == close) {
      j->p++;
      return v;
    }
    j->err = close == '}' ? "expected ',' or '}'" : "expected ',' or ']'";
    return NULL;
  }
}

static tkgp_json *jvalue(tkgp_json_reader *j)
{
  tkgp_json *v;
  jws(j);
  if (j->p >= j->end) {
    j->err = "unexpected end of input";
    return NULL;
  }
  if (++j->depth > MAX_DEPTH) {
    j->err = "nested too deeply";
    return NULL;
  }
  if (!(v = tkgp_arena_calloc(j->arena, 1, sizeof *v))) {
    j->err = "out of memory";
    return NULL;
  }
  v->line = j->line;
  switch (*j->p) {
  case '{':
    v->kind = TKGP_JSON_OBJ;
    v = jcompound(j, v, '}');
    break;
  case '[':
    v->kind = TKGP_JSON_ARR;
    v = jcompound(j, v, ']');
    break;
  case '"':
    v->kind = TKGP_JSON_STR;
    if (!(v->str = jstring(j)))
      v = NULL;
    break;
  default:
    if (j->end - j->p >= 4 && (!memcmp(j->p, "true", 4) || !memcmp(j->p, "null", 4))) {
      v->kind = *j->p == 't' ? TKGP_JSON_BOOL : TKGP_JSON_NULL;
      j->p += 4;
    } else if (j->end - j->p >= 5 && !memcmp(j->p, "false", 5)) {
      v->kind = TKGP_JSON_BOOL;
      j->p += 5;
    } else {
      /* strtod needs a terminated number: copy at most 32 bytes. */
      char num[40], *e;
      size_t k = 0;
      while (j->p + k < j->end && k < sizeof num - 1 &&
             strchr("+-0123456789.eE", j->p[k]))
        k++;
      memcpy(num, j->p, k);
      num[k] = '\0';
      v->kind = TKGP_JSON_NUM;
      v->num = strtod(num, &e);
      if (k == 0 || e != num + k) {
        j->err = "unexpected character";
        v = NULL;
      } else {
        j->p += k;
      }
    }
  }
  j->depth--;
  return v;
}

const tkgp_json *tkgp_json_get(const tkgp_json *o, const char *key)
{
  if (!o || o->kind != TKGP_JSON_OBJ)
    return NULL;
  for (size_t k = 0; k < o->n; k++)
    if (o->keys[k] && !strcmp(o->keys[k], key))
      return o->items[k];
  return NULL;
}
void tkgp_json_reader_init(tkgp_json_reader *r, const char *bytes, size_t len,
                           tkgp_arena *arena)
{
  memset(r, 0, sizeof *r);
  r->p = bytes;
  r->end = bytes + len;
  r->line = 1;
  r->arena = arena;
}

int tkgp_json_at_end(tkgp_json_reader *r)
{
  jws(r);
  return r->p >= r->end;
}

tkgp_json *tkgp_json_next(tkgp_json_reader *r)
{
  return jvalue(r);
}
