/* conllu.c - CoNLL-U reader and writer
 * SPDX-License-Identifier: MIT
 *
 * The whole file is read into one buffer and split in place: every field
 * is a pointer into it, so reading the 280,000 words of the training
 * corpora costs one allocation for the text and a few arena blocks for the
 * line tables. Comments, multiword tokens and empty nodes are kept as
 * lines so that writing back reproduces the input, with only the columns a
 * model predicted replaced.
 */
#include "corpus/conllu.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int tkgp_nlp_read_file(tkg_world *world, const char *path, char **out,
                       size_t *len)
{
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  char *buf = NULL;
  size_t n = 0, cap = 0;

  *out = NULL;
  if (!f)
    return tkgp_error(world, errno == ENOENT ? TKG_ENOTFOUND : TKG_EIO,
                      "%s: cannot open (%s)", path, strerror(errno));
  for (;;) {
    size_t got;
    if (cap - n < 65536) {
      size_t ncap = cap ? cap * 2 : 1 << 20;
      char *nb = realloc(buf, ncap + 1);
      if (!nb) {
        free(buf);
        if (f != stdin)
          fclose(f);
        return tkgp_error(world, TKG_ENOMEM, "%s: out of memory", path);
      }
      buf = nb;
      cap = ncap;
    }
    got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0)
      break;
  }
  if (ferror(f)) {
    free(buf);
    if (f != stdin)
      fclose(f);
    return tkgp_error(world, TKG_EIO, "%s: read error", path);
  }
  if (f != stdin)
    fclose(f);
  buf[n] = '\0';
  *out = buf;
  *len = n;
  return 0;
}

static int parse_uint(const char *s, long *v)
{
  char *end;
  if (*s < '0' || *s > '9')
    return -1;
  errno = 0;
  *v = strtol(s, &end, 10);
  return *end || errno ? -1 : 0;
}

/* Split LINE (number LINENO, not blank) into L: a comment, or 10 columns. */
static int split_line(tkgp_conllu *c, tkg_world *world, char *line,
                      size_t lineno, tkgp_conllu_line *l)
{
  int k = 0;
  char *f = line;

  memset(l, 0, sizeof *l);
  if (line[0] == '#') {
    l->kind = TKGP_LINE_COMMENT;
    l->cols[0] = line;
    return 0;
  }
  for (;;) {
    char *tab = strchr(f, '\t');
    if (k == TKGP_NCOLS)
      return tkgp_error(world, TKG_EINPUT, "%s: more than 10 columns (line %zu)",
                        c->name, lineno);
    l->cols[k++] = f;
    if (!tab)
      break;
    *tab = '\0';
    f = tab + 1;
  }
  if (k != TKGP_NCOLS)
    return tkgp_error(world, TKG_EINPUT, "%s: %d columns, expected 10 (line %zu)",
                      c->name, k, lineno);
  if (strchr(l->cols[0], '-'))
    l->kind = TKGP_LINE_MULTI;
  else if (strchr(l->cols[0], '.'))
    l->kind = TKGP_LINE_EMPTY;
  else
    l->kind = TKGP_LINE_WORD;
  return 0;
}

/* A sentence of N_LINES LINES ends (its first at FIRST_LINENO): copy its
 * lines into the arena and check the IDs and heads. *CAP_SENTS is the
 * room in c->sents. */
static int end_sentence(tkgp_conllu *c, tkg_world *world,
                        const tkgp_conllu_line *lines, size_t n_lines,
                        size_t first_lineno, size_t *cap_sents)
{
  tkgp_conllu_sent *s;
  size_t nw = 0, w = 0;

  for (size_t i = 0; i < n_lines; i++)
    nw += lines[i].kind == TKGP_LINE_WORD;
  if (c->n_sents == *cap_sents) {
    size_t ncap = *cap_sents ? *cap_sents * 2 : 1024;
    tkgp_conllu_sent *ns = realloc(c->sents, ncap * sizeof *ns);
    if (!ns)
      return tkgp_error(world, TKG_ENOMEM, "%s: out of memory", c->name);
    c->sents = ns;
    *cap_sents = ncap;
  }
  s = &c->sents[c->n_sents];
  s->n_lines = n_lines;
  s->n_words = nw;
  s->lineno = first_lineno;
  s->lines = tkgp_arena_alloc(&c->arena, n_lines * sizeof *s->lines);
  s->word_line = tkgp_arena_alloc(&c->arena, (nw ? nw : 1) * sizeof(size_t));
  s->heads = tkgp_arena_alloc(&c->arena, (nw ? nw : 1) * sizeof(int));
  if (!s->lines || !s->word_line || !s->heads)
    return tkgp_error(world, TKG_ENOMEM, "%s: out of memory", c->name);
  memcpy(s->lines, lines, n_lines * sizeof *lines);
  for (size_t i = 0; i < n_lines; i++) {
    long id, head;
    if (lines[i].kind != TKGP_LINE_WORD)
      continue;
    if (parse_uint(lines[i].cols[TKGP_ID], &id) < 0 || id != (long)w + 1)
      return tkgp_error(world, TKG_EINPUT, "%s: word ID %s out of sequence (line %zu)",
                        c->name, lines[i].cols[TKGP_ID], first_lineno + i);
    if (strcmp(lines[i].cols[TKGP_HEAD], "_") == 0)
      head = -1;
    else if (parse_uint(lines[i].cols[TKGP_HEAD], &head) < 0 || head > (long)nw)
      return tkgp_error(world, TKG_EINPUT, "%s: bad HEAD %s (line %zu)",
                        c->name, lines[i].cols[TKGP_HEAD], first_lineno + i);
    s->word_line[w] = i;
    s->heads[w] = (int)head;
    w++;
  }
  c->n_sents++;
  c->n_words += nw;
  return 0;
}

/* Split the buffer in place, a line at a time; a blank line or the end
 * of the file closes a sentence. */
static int parse(tkgp_conllu *c, tkg_world *world, size_t len)
{
  char *p = c->buf, *end = c->buf + len;
  size_t lineno = 0, cap_sents = 0;
  tkgp_conllu_line *lines = NULL;
  size_t n_lines = 0, cap_lines = 0, first_lineno = 0;
  int rc = 0;

  while (p < end || n_lines) {
    char *line = p, *nl;
    int blank;

    if (p < end) {
      nl = memchr(p, '\n', (size_t)(end - p));
      if (!nl)
        nl = end;
      lineno++;
      *nl = '\0';
      p = nl + 1;
      /* CRLF line ends; every CR before the end, so that a line written
       * back reads back the same */
      while (nl > line && nl[-1] == '\r')
        *--nl = '\0';
      blank = line[0] == '\0';
    } else {
      blank = 1; /* end of file closes the last sentence */
    }

    if (!blank) {
      if (n_lines == 0)
        first_lineno = lineno;
      if (n_lines == cap_lines) {
        size_t ncap = cap_lines ? cap_lines * 2 : 64;
        tkgp_conllu_line *nl2 = realloc(lines, ncap * sizeof *nl2);
        if (!nl2) {
          rc = tkgp_error(world, TKG_ENOMEM, "%s: out of memory", c->name);
          goto cleanup;
        }
        lines = nl2;
        cap_lines = ncap;
      }
      rc = split_line(c, world, line, lineno, &lines[n_lines++]);
      if (rc < 0)
        goto cleanup;
      continue;
    }
    if (n_lines == 0)
      continue;
    rc = end_sentence(c, world, lines, n_lines, first_lineno, &cap_sents);
    if (rc < 0)
      goto cleanup;
    n_lines = 0;
    if (p >= end)
      break;
  }

cleanup:
  free(lines);
  return rc;
}

int tkgp_refuse_nul(tkg_world *world, const char *name, const char *bytes, size_t len)
{
  const char *nul = memchr(bytes, '\0', len);
  size_t lineno = 1;

  if (!nul)
    return 0;
  for (const char *p = bytes; p < nul; p++)
    lineno += *p == '\n';
  return tkgp_error(world, TKG_EINPUT, "%s: a NUL byte: not a text file (line %zu)", name,
                    lineno);
}

static int read_common(tkgp_conllu *out, tkg_world *world, const char *name,
                       size_t len)
{
  int rc;
  out->name = name;
  if ((rc = tkgp_refuse_nul(world, name, out->buf, len)) < 0) {
    tkgp_conllu_finish(out);
    return rc;
  }
  tkgp_arena_init(&out->arena, 1 << 20);
  rc = parse(out, world, len);
  if (rc < 0)
    tkgp_conllu_finish(out);
  return rc;
}

int tkgp_conllu_read(tkgp_conllu *out, tkg_world *world, const char *path)
{
  size_t len;
  int rc;
  memset(out, 0, sizeof *out);
  rc = tkgp_nlp_read_file(world, path, &out->buf, &len);
  if (rc < 0)
    return rc;
  return read_common(out, world, path, len);
}

int tkgp_conllu_read_mem(tkgp_conllu *out, tkg_world *world, const char *name,
                         const char *bytes, size_t len)
{
  memset(out, 0, sizeof *out);
  out->buf = malloc(len + 1);
  if (!out->buf)
    return tkgp_error(world, TKG_ENOMEM, "%s: out of memory", name);
  memcpy(out->buf, bytes, len);
  out->buf[len] = '\0';
  return read_common(out, world, name, len);
}

void tkgp_conllu_finish(tkgp_conllu *c)
{
  free(c->buf);
  free(c->sents);
  tkgp_arena_finish(&c->arena);
  memset(c, 0, sizeof *c);
}

void tkgp_conllu_write(FILE *f, const tkgp_conllu_sent *s,
                       const tkgp_conllu_pred *pred)
{
  size_t w = 0;
  for (size_t i = 0; i < s->n_lines; i++) {
    const tkgp_conllu_line *l = &s->lines[i];
    const tkgp_conllu_pred *p = NULL;
    if (l->kind == TKGP_LINE_COMMENT) {
      fputs(l->cols[0], f);
      fputc('\n', f);
      continue;
    }
    if (l->kind == TKGP_LINE_WORD && pred)
      p = &pred[w];
    if (l->kind == TKGP_LINE_WORD)
      w++;
    for (int k = 0; k < TKGP_NCOLS; k++) {
      const char *v = l->cols[k];
      if (k)
        fputc('\t', f);
      if (p) {
        if (k == TKGP_LEMMA && p->lemma)
          v = p->lemma;
        else if (k == TKGP_UPOS && p->upos)
          v = p->upos;
        else if (k == TKGP_XPOS && p->xpos)
          v = p->xpos;
        else if (k == TKGP_FEATS && p->feats)
          v = p->feats;
        else if (k == TKGP_DEPREL && p->deprel)
          v = p->deprel;
        else if (k == TKGP_HEAD && p->head >= 0) {
          fprintf(f, "%d", p->head);
          continue;
        }
      }
      fputs(v, f);
    }
    fputc('\n', f);
  }
  fputc('\n', f);
}
