/* fuzz_text.c - fuzz target: UTF-8 validation, NFC and the map back to the input
 * SPDX-License-Identifier: MIT
 *
 * tkgp_text_init() against utf8proc itself: it must accept exactly the
 * inputs utf8proc_iterate() reads to the end without a NUL, give the same
 * text as utf8proc_NFC() of the whole input (it normalizes cluster by
 * cluster), and map every character boundary of its output to a code
 * point offset of the input that never goes back, starting at 0 (1 after
 * a byte order mark) and ending at the input's code point count.
 */
#include "fuzz.h"

#include "text/text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Code points of the input, or -1 when utf8proc finds it invalid or it holds a NUL. */
static long long count_valid(const uint8_t *data, size_t size)
{
  long long n = 0;
  size_t pos = 0;

  while (pos < size) {
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate(data + pos, (utf8proc_ssize_t)(size - pos), &c);
    if (k <= 0 || c == 0)
      return -1;
    pos += (size_t)k;
    n++;
  }
  return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  tkg_world *w = tkgf_world();
  long long cps = count_valid(data, size);
  int bom = size >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3);
  tkgp_text text;
  utf8proc_uint8_t *nfc = NULL;
  size_t prev = 0;

  memset(&text, 0xA5, sizeof text); /* the init must set every field */
  if (tkgp_text_init(&text, w, (const char *)data, size) != 0) {
    static const tkgp_text zero;
    TKGF_CHECK(w, cps < 0, "valid UTF-8 refused");
    TKGF_CHECK(w, !memcmp(&text, &zero, sizeof text), "refused text not zeroed");
    TKGF_CHECK(w, strstr(tkg_world_last_error(w), "at byte "), "no byte offset in the message");
    return 0;
  }
  TKGF_CHECK(w, cps >= 0, "invalid UTF-8 or a NUL accepted");
  TKGF_CHECK(w, text.input_codepoints == (size_t)cps, "wrong input code point count");
  TKGF_CHECK(w, text.data[text.length] == '\0', "text not NUL-terminated");
  TKGF_CHECK(w, strlen(text.data) == text.length, "NUL inside the text");

  /* Without the BOM, the whole input normalized at once. */
  if (utf8proc_map(data + 3 * bom, (utf8proc_ssize_t)(size - 3 * bom), &nfc,
                   UTF8PROC_STABLE | UTF8PROC_COMPOSE) < 0)
    tkgf_fail(w, "utf8proc_map refused what tkgp_text_init accepted");
  if (strlen((const char *)nfc) != text.length || memcmp(nfc, text.data, text.length)) {
    fprintf(stderr, "fuzz: NFC %s\n      text %s\n", (const char *)nfc, text.data);
    tkgf_fail(w, "the text is not the NFC of the input");
  }
  free(nfc);

  TKGF_CHECK(w, tkgp_text_input_offset(&text, 0) == (size_t)bom, "offset 0 does not map to the start");
  /* Each lookup scans up to a checkpoint interval: on long inputs, look up
   * some 512 boundaries spread over the text, not every one. */
  for (size_t i = 0, step = text.length / 512 + 1; i <= text.length; i += step) {
    size_t cp;
    while (i < text.length && ((unsigned char)text.data[i] & 0xC0) == 0x80)
      i++;
    cp = tkgp_text_input_offset(&text, i);
    TKGF_CHECK(w, cp >= prev && cp <= text.input_codepoints, "offsets go back or past the end");
    prev = cp;
  }
  prev = tkgp_text_input_offset(&text, text.length);
  TKGF_CHECK(w, prev == text.input_codepoints, "the end does not map to the end");
  tkgp_text_finish(&text);
  return 0;
}
