#!/bin/sh
# golden.sh - texts in tests/golden/ give exactly the expected Turtle and DOT
# SPDX-License-Identifier: MIT
#
# Each tests/golden/NAME.txt is built and its NAME.ttl and NAME.dot are
# compared byte for byte with the expected files (diff -u on failure), and
# the Turtle also as a graph: both parsed by rapper into sorted N-Triples.
# After a deliberate change of output, regenerate the expected files with
#   tests/cli/golden.sh --update
. "$(dirname "$0")/common.sh"

golden="$top_srcdir/tests/golden"
"$TEXTKG" build -f turtle,dot,svg -o "$tmp" "$golden"/*.txt || not_ok "textkg build"

if [ "${1:-}" = "--update" ]; then
  for f in "$tmp"/*.ttl "$tmp"/*.dot; do cp "$f" "$golden/"; done
  echo "updated the expected files in $golden"
  exit 0
fi

for txt in "$golden"/*.txt; do
  name=$(basename "$txt" .txt)
  for ext in ttl dot; do
    if diff -u "$golden/$name.$ext" "$tmp/$name.$ext" >"$tmp/diff"; then
      ok "$name.$ext is byte for byte as expected"
    else
      not_ok "$name.$ext differs from the expected output"; head -60 "$tmp/diff"
    fi
  done
  if command -v rapper >/dev/null 2>&1; then
    rapper -q -i turtle -o ntriples "$golden/$name.ttl" | sort >"$tmp/expected.nt"
    rapper -q -i turtle -o ntriples "$tmp/$name.ttl" | sort >"$tmp/got.nt"
    check "$name.ttl has the expected triples" cmp -s "$tmp/expected.nt" "$tmp/got.nt"
    check "$name.ttl has triples" test -s "$tmp/got.nt"
  fi
done

# The same input twice gives the same bytes.
"$TEXTKG" build -f turtle,dot,svg -o "$tmp/again" "$golden"/*.txt
for f in "$tmp/again"/*; do
  check "$(basename "$f") is deterministic" cmp -s "$f" "$tmp/$(basename "$f")"
done
finish
