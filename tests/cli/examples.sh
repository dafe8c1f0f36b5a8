#!/bin/sh
# examples.sh - output/ is what textkg makes of examples/, and it is valid
# SPDX-License-Identifier: MIT
#
# Fails when output/ is stale: run `make examples` after changing the
# examples or what textkg writes, and commit output/.
. "$(dirname "$0")/common.sh"

examples="$top_srcdir/examples"
output="$top_srcdir/output"
"$TEXTKG" build -f turtle,dot,svg -o "$tmp" "$examples"/*.txt || not_ok "textkg build"

# The SVG's geometry depends on the fonts of the machine that rendered it,
# so SVG files are compared without it (svg-structure.sh).
structure="$top_srcdir/tests/cli/svg-structure.sh"
for txt in "$examples"/*.txt; do
  name=$(basename "$txt" .txt)
  for ext in ttl dot svg; do
    if [ "$ext" = svg ]; then
      sh "$structure" "$output/$name.svg" >"$tmp/expected.shape"
      sh "$structure" "$tmp/$name.svg" >"$tmp/got.shape"
      set -- "$tmp/expected.shape" "$tmp/got.shape"
    else
      set -- "$output/$name.$ext" "$tmp/$name.$ext"
    fi
    if cmp -s "$1" "$2"; then
      ok "output/$name.$ext is up to date"
    else
      not_ok "output/$name.$ext is stale: run 'make examples'"
      diff -u "$1" "$2" | head -20
    fi
  done
  if command -v rapper >/dev/null 2>&1; then
    rapper -q -i turtle -c "$tmp/$name.ttl" 2>"$tmp/rapper.err"
    check "$name.ttl parses in raptor2" test $? -eq 0
    check "$name.ttl parses without a warning" test ! -s "$tmp/rapper.err"
  fi
  if command -v dot >/dev/null 2>&1; then
    check "$name.dot renders" dot -Tsvg -o "$tmp/$name.rendered.svg" "$tmp/$name.dot"
  fi
  check "$name.svg is an SVG document" grep -q '<svg' "$tmp/$name.svg"
done
finish
