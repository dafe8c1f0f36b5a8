/* text.c - validated, NFC-normalized document text with offsets back to the
 * input SPDX-License-Identifier: MIT
 *
 * Design. One pass over the input validates UTF-8 (utf8proc_iterate: it
 * rejects overlong forms, surrogates and truncated sequences) and cuts the
 * text into extended grapheme clusters (utf8proc_grapheme_break_stateful).
 * Canonical composition and reordering never cross a cluster boundary in
 * practice, so normalizing cluster by cluster gives NFC and lets a changed
 * cluster map back to its start in the input.
 *
 * Most text is already NFC, so the pass avoids work where it can:
 *  - a run of ASCII is NFC and each ASCII character followed by another is
 *    a cluster of its own, so such runs are skipped byte by byte with no
 *    Unicode lookups at all;
 *  - a single code point without a canonical decomposition is NFC;
 *  - any other cluster is normalized into a reusable scratch buffer and
 *    compared with the input bytes.
 * Unchanged stretches are copied with one memcpy() when the next changed
 * cluster (or the end) is reached, never cluster by cluster.
 *
 * The map back to the input is a sorted array of anchors: one where each
 * changed cluster starts, one where a verbatim stretch starts again, and a
 * checkpoint every TKGP_TEXT_CHECKPOINT bytes of output. So its size is
 * O(changes + length / 4 KiB), and tkgp_text_input_offset() is a binary
 * search followed by counting code points over at most one checkpoint
 * interval (plus one cluster). Everything is linear in the input; memory
 * is the output plus the anchors.
 */
#include "text/text.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

/* Output bytes between two checkpoints in a verbatim stretch. */
#define TKGP_TEXT_CHECKPOINT 4096

/* Clusters up to this many code points are normalized on the stack. */
#define TKGP_TEXT_SCRATCH 64

#define TKGP_NFC_OPTIONS                                                       \
  ((utf8proc_option_t)(UTF8PROC_STABLE | UTF8PROC_COMPOSE))

struct tkgp_text_anchor {
  size_t out;  /* byte offset in data */
  size_t in;   /* input code point offset at OUT */
  int changed; /* [out, next anchor's out) came from a changed cluster */
};

/* State of one tkgp_text_init() pass. */
typedef struct tkgp_nfc {
  tkg_world *world;
  const unsigned char *in;
  size_t in_len;
  char *out; /* output buffer */
  size_t out_len, out_cap;
  size_t copy_from; /* input bytes [copy_from, ...) not yet copied */
  tkgp_text_anchor *anchors;
  size_t n_anchors, cap_anchors;
  utf8proc_int32_t stack[TKGP_TEXT_SCRATCH];
  utf8proc_int32_t *heap; /* scratch for long clusters, reused */
  size_t heap_cap;        /* in code points */
} tkgp_nfc;

static int nomem(tkgp_nfc *n)
{
  return tkgp_error(n->world, TKG_ENOMEM, "out of memory normalizing text");
}

/* Report a bad byte at IN[AT] with line and column (slow; only on error). */
static int input_error(tkgp_nfc *n, size_t at, const char *what)
{
  size_t i, line = 1, column = 1;

  for (i = 0; i < at; i++) {
    unsigned char c = n->in[i];
    if (c == '\n') {
      line++;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {
      column++;
    }
  }
  return tkgp_error(n->world, TKG_EINPUT,
                    "%s at byte %zu (line %zu, column %zu)", what, at, line,
                    column);
}

static int reserve_out(tkgp_nfc *n, size_t more)
{
  size_t cap;
  char *p;

  if (n->out_cap - n->out_len > more) /* keep room for the NUL */
    return 0;
  cap = n->out_cap;
  while (cap - n->out_len <= more) {
    if (cap > SIZE_MAX / 2)
      return nomem(n);
    cap *= 2;
  }
  p = realloc(n->out, cap);
  if (!p)
    return nomem(n);
  n->out = p;
  n->out_cap = cap;
  return 0;
}

/* Output offset that input byte AT has while the text is copied verbatim. */
static size_t out_at(const tkgp_nfc *n, size_t at)
{
  return n->out_len + (at - n->copy_from);
}

static int add_anchor(tkgp_nfc *n, size_t out, size_t in, int changed)
{
  tkgp_text_anchor *a;

  if (n->n_anchors) {
    a = &n->anchors[n->n_anchors - 1];
    if (a->out == out) { /* an empty stretch: the later anchor wins */
      a->in = in;
      a->changed = changed;
      return 0;
    }
  }
  if (n->n_anchors == n->cap_anchors) {
    size_t cap = n->cap_anchors ? n->cap_anchors * 2 : 16;
    if (cap > SIZE_MAX / sizeof *a)
      return nomem(n);
    a = realloc(n->anchors, cap * sizeof *a);
    if (!a)
      return nomem(n);
    n->anchors = a;
    n->cap_anchors = cap;
  }
  a = &n->anchors[n->n_anchors++];
  a->out = out;
  a->in = in;
  a->changed = changed;
  return 0;
}

/* A checkpoint at input byte AT (a cluster boundary inside a verbatim
 * stretch, IN_CP code points into the input) when one is due. */
static int maybe_checkpoint(tkgp_nfc *n, size_t at, size_t in_cp)
{
  size_t o = out_at(n, at);
  if (n->n_anchors &&
      o - n->anchors[n->n_anchors - 1].out < TKGP_TEXT_CHECKPOINT)
    return 0;
  return add_anchor(n, o, in_cp, 0);
}

/* Normalize the cluster IN[START, END), which holds NCP code points starting
 * at input code point CP. Unchanged clusters stay in the pending verbatim
 * stretch; a changed one flushes the stretch and is written with anchors. */
static int close_cluster(tkgp_nfc *n, size_t start, size_t end, size_t cp,
                         size_t ncp)
{
  const unsigned char *s = n->in + start;
  size_t len = end - start;
  utf8proc_int32_t *buf = n->stack;
  size_t cap = TKGP_TEXT_SCRATCH;
  utf8proc_ssize_t k, bytes;
  int rc;

  if (ncp == 1) {
    utf8proc_int32_t c;
    const utf8proc_property_t *p;
    if (s[0] < 0x80)
      return 0;
    utf8proc_iterate(s, (utf8proc_ssize_t)len, &c);
    p = utf8proc_get_property(c);
    if (p->decomp_seqindex == UINT16_MAX || p->decomp_type != 0)
      return 0; /* no canonical decomposition: already NFC */
  }

  for (;;) {
    k = utf8proc_decompose(s, (utf8proc_ssize_t)len, buf, (utf8proc_ssize_t)cap,
                           TKGP_NFC_OPTIONS);
    if (k < 0) /* cannot happen on validated input */
      return input_error(n, start, "invalid UTF-8");
    if ((size_t)k <= cap)
      break;
    if (n->heap_cap < (size_t)k) {
      utf8proc_int32_t *h;
      if ((size_t)k > SIZE_MAX / sizeof *h)
        return nomem(n);
      h = realloc(n->heap, (size_t)k * sizeof *h);
      if (!h)
        return nomem(n);
      n->heap = h;
      n->heap_cap = (size_t)k;
    }
    buf = n->heap;
    cap = n->heap_cap;
  }
  bytes = utf8proc_reencode(buf, k, TKGP_NFC_OPTIONS);
  if (bytes < 0)
    return nomem(n);
  if ((size_t)bytes == len && memcmp(buf, s, len) == 0)
    return 0;

  /* Changed: flush the verbatim stretch before it, then write it. */
  if ((rc = reserve_out(n, (start - n->copy_from) + (size_t)bytes)) < 0)
    return rc;
  memcpy(n->out + n->out_len, n->in + n->copy_from, start - n->copy_from);
  n->out_len += start - n->copy_from;
  if ((rc = add_anchor(n, n->out_len, cp, 1)) < 0)
    return rc;
  memcpy(n->out + n->out_len, buf, (size_t)bytes);
  n->out_len += (size_t)bytes;
  n->copy_from = end;
  return add_anchor(n, n->out_len, cp + ncp, 0);
}

/* Where a tkgp_text_init() pass is in the input: the next byte POS and its
 * code point CP, and the cluster still open, which starts at byte START
 * (code point START_CP) and holds NCP code points, the last PREV (-1
 * before the first). STATE is utf8proc's grapheme break state. */
typedef struct tkgp_nfc_cursor {
  size_t pos, cp;
  size_t start, start_cp, ncp;
  utf8proc_int32_t prev, state;
} tkgp_nfc_cursor;

/* Checkpoints inside the ASCII run IN[POS, Q), whose first byte is input
 * code point CP: at most one per 4 KiB of output. */
static int ascii_checkpoints(tkgp_nfc *n, size_t pos, size_t q, size_t cp)
{
  for (;;) {
    size_t last = n->anchors[n->n_anchors - 1].out;
    size_t due = last + TKGP_TEXT_CHECKPOINT;
    size_t p;
    int rc;
    if (out_at(n, q - 1) < due)
      return 0;
    p = out_at(n, pos) >= due ? pos : n->copy_from + (due - n->out_len);
    if ((rc = add_anchor(n, out_at(n, p), cp + (p - pos), 0)) < 0)
      return rc;
  }
}

/* Fast path over a run of ASCII at the cursor, after an ASCII PREV (if
 * any), so a cluster ends here (CR LF aside, which is NFC either way).
 * Every ASCII character followed by another ASCII character is a whole
 * cluster; the last of the run starts a cluster that may go on. */
static int ascii_run(tkgp_nfc *n, tkgp_nfc_cursor *cur)
{
  const unsigned char *s = n->in;
  size_t pos = cur->pos, q = pos;
  int rc;

  if (cur->prev >= 0 &&
      (rc = close_cluster(n, cur->start, pos, cur->start_cp, cur->ncp)) < 0)
    return rc;
  while (q < n->in_len && s[q] < 0x80 && s[q] != 0)
    q++;
  if (q < n->in_len && s[q] == 0)
    return input_error(n, q, "NUL byte");
  assert(q > pos); /* s[pos] is ASCII and not NUL */
  if ((rc = ascii_checkpoints(n, pos, q, cur->cp)) < 0)
    return rc;
  cur->cp += q - pos;
  cur->start = q - 1;
  cur->start_cp = cur->cp - 1;
  cur->ncp = 1;
  cur->prev = s[q - 1];
  cur->state = 0;
  cur->pos = q;
  return 0;
}

/* Slow path: validate one code point at the cursor and close the open
 * cluster if a grapheme break comes before it. */
static int code_point(tkgp_nfc *n, tkgp_nfc_cursor *cur)
{
  utf8proc_int32_t c;
  utf8proc_ssize_t k;
  int rc;

  k = utf8proc_iterate(n->in + cur->pos, (utf8proc_ssize_t)(n->in_len - cur->pos), &c);
  if (k < 0)
    return input_error(n, cur->pos, "invalid UTF-8");
  if (c == 0)
    return input_error(n, cur->pos, "NUL byte");
  if (cur->prev < 0 || utf8proc_grapheme_break_stateful(cur->prev, c, &cur->state)) {
    if (cur->prev >= 0) {
      if ((rc = close_cluster(n, cur->start, cur->pos, cur->start_cp, cur->ncp)) < 0)
        return rc;
      if (n->copy_from <= cur->pos && (rc = maybe_checkpoint(n, cur->pos, cur->cp)) < 0)
        return rc;
    }
    cur->start = cur->pos;
    cur->start_cp = cur->cp;
    cur->ncp = 0;
  }
  cur->ncp++;
  cur->cp++;
  cur->prev = c;
  cur->pos += (size_t)k;
  return 0;
}

/* Read the input from the cursor to the end, cluster by cluster. */
static int scan_clusters(tkgp_nfc *n, tkgp_nfc_cursor *cur)
{
  int rc;

  while (cur->pos < n->in_len) {
    if (n->in[cur->pos] < 0x80 && cur->prev < 0x80)
      rc = ascii_run(n, cur);
    else
      rc = code_point(n, cur);
    if (rc < 0)
      return rc;
  }
  if (cur->prev >= 0)
    return close_cluster(n, cur->start, cur->pos, cur->start_cp, cur->ncp);
  return 0;
}

/* Copy the last verbatim stretch and end the output with a NUL. */
static int finish_output(tkgp_nfc *n)
{
  size_t rest = n->in_len - n->copy_from;
  int rc;

  if ((rc = reserve_out(n, rest)) < 0)
    return rc;
  memcpy(n->out + n->out_len, n->in + n->copy_from, rest);
  n->out_len += rest;
  n->copy_from = n->in_len;
  n->out[n->out_len] = '\0';
  return 0;
}

int tkgp_text_init(tkgp_text *text, tkg_world *world, const char *bytes,
                   size_t length)
{
  tkgp_nfc n;
  tkgp_nfc_cursor cur;
  const unsigned char *s = (const unsigned char *)bytes;
  int rc = 0;

  assert(text && (bytes || length == 0));
  memset(text, 0, sizeof *text);
  memset(&n, 0, sizeof n);
  memset(&cur, 0, sizeof cur);
  cur.prev = -1;
  n.world = world;
  n.in = s;
  n.in_len = length;
  n.out_cap = length + 1;
  n.out = malloc(n.out_cap);
  if (!n.out) {
    rc = nomem(&n);
    goto cleanup;
  }

  if (length >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
    cur.pos = 3; /* the BOM is input code point 0 */
    cur.cp = 1;
  }
  n.copy_from = cur.pos;
  if ((rc = add_anchor(&n, 0, cur.cp, 0)) < 0)
    goto cleanup;
  cur.start = cur.pos;
  cur.start_cp = cur.cp;
  if ((rc = scan_clusters(&n, &cur)) < 0 || (rc = finish_output(&n)) < 0)
    goto cleanup;

  text->data = n.out;
  text->length = n.out_len;
  text->input_codepoints = cur.cp;
  text->anchors = n.anchors;
  text->n_anchors = n.n_anchors;
  n.out = NULL;
  n.anchors = NULL;

cleanup:
  free(n.out);
  free(n.anchors);
  free(n.heap);
  return rc;
}

void tkgp_text_finish(tkgp_text *text)
{
  if (!text)
    return;
  free(text->data);
  free(text->anchors);
  memset(text, 0, sizeof *text);
}

size_t tkgp_text_input_offset(const tkgp_text *text, size_t offset)
{
  size_t lo = 0, hi, i, cp;
  const tkgp_text_anchor *a;

  assert(offset <= text->length);
  if (!text->n_anchors) /* a zeroed struct: nothing to map */
    return offset;
  /* The last anchor at or before OFFSET. */
  hi = text->n_anchors;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (text->anchors[mid].out <= offset)
      lo = mid;
    else
      hi = mid;
  }
  a = &text->anchors[lo];
  if (a->changed)
    return a->in;
  cp = a->in;
  for (i = a->out; i < offset; i++)
    if (((unsigned char)text->data[i] & 0xC0) != 0x80)
      cp++;
  return cp;
}
