#!/bin/sh
# header.sh - the public header stands alone: C99 -pedantic, and C++
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/common.sh"

cc=${CC:-cc}
printf '#include "textkg.h"\nint main(void) { tkg_world *w = 0; tkg_world_free(w); return 0; }\n' >"$tmp/h.c"
check "textkg.h compiles with -std=c99 -pedantic -Werror" \
  $cc -std=c99 -pedantic -Wall -Wextra -Werror -I"$top_srcdir/src" -c "$tmp/h.c" -o "$tmp/h.o"
if command -v c++ >/dev/null 2>&1; then
  cp "$tmp/h.c" "$tmp/h.cc"
  check "textkg.h compiles as C++" \
    c++ -Wall -Wextra -Werror -I"$top_srcdir/src" -c "$tmp/h.cc" -o "$tmp/hcc.o"
fi
# Only the public API is exported from the shared library.
lib="${top_builddir:-.}/.libs/libtextkg.so"
if [ -f "$lib" ] && command -v nm >/dev/null 2>&1; then
  nm -D --defined-only "$lib" | awk '$2 ~ /[TDB]/ { print $3 }' | grep -v '^tkg_' | grep -v '^_' >"$tmp/leaks"
  check "libtextkg.so exports only tkg_ symbols" test ! -s "$tmp/leaks"
  cat "$tmp/leaks"
fi
finish
