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

# Every writer's output parses, whatever the text holds (tests/golden/
# escaping.txt holds quotes, backslashes, markup, DOT syntax, '#', '%', '?'
# and bidirectional controls), and carries none of it as markup.
"$TEXTKG" build -f ntriples,nquads,rdfxml,json -o "$tmp/all" "$golden/escaping.txt"
if command -v rapper >/dev/null 2>&1; then
  for f in ttl:turtle nt:ntriples nq:nquads rdf:rdfxml json:json; do
    file="$tmp/escaping.${f%%:*}"
    [ -e "$file" ] || file="$tmp/all/escaping.${f%%:*}"
    rapper -q -i "${f#*:}" -c "$file" 2>"$tmp/rapper.err"
    check "escaping.${f%%:*} parses as ${f#*:}" test $? -eq 0 -a ! -s "$tmp/rapper.err"
  done
fi
if command -v gvpr >/dev/null 2>&1; then
  # The DOT syntax of the quotation stays inside its node's label.
  gvpr 'N[index($.label, "node [label=<b>") >= 0]{print("inside")}' "$tmp/escaping.dot" \
    >"$tmp/gvpr.out" 2>&1
  check "escaping.dot: DOT syntax in the text stays inside a label" grep -qx inside "$tmp/gvpr.out"
  check "escaping.dot renders" dot -Tsvg -o /dev/null "$tmp/escaping.dot"
fi
if command -v xmllint >/dev/null 2>&1; then
  check "escaping.svg is well-formed XML" xmllint --noout "$tmp/escaping.svg"
  check "escaping.rdf is well-formed XML" xmllint --noout "$tmp/all/escaping.rdf"
  markup=$(xmllint --xpath "count(//*[local-name()='script' or local-name()='b'])" \
    "$tmp/escaping.svg" 2>/dev/null)
  check "escaping.svg: the text's markup is text, not elements" test "$markup" = 0
else
  echo "# skipped the XML checks: no xmllint (Debian package libxml2-utils)"
fi

# IRIs of a user's graph (--link) with '?', '&', '%' and '#' go through
# every writer as they are.
cat >"$tmp/kb.ttl" <<'TTL'
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<http://kb.example/q?id=1&x=%22a%22#frag> rdfs:label "Jan Kowal" .
<http://kb.example/p/N%C3%BAr?v=2> rdfs:label "Nour \"the\" Salem", "Nour Salem" .
TTL
"$TEXTKG" build --link "$tmp/kb.ttl" -f turtle,rdfxml,dot,svg -o "$tmp/linked" "$golden/escaping.txt"
check "--link: the user's IRI is used" \
  grep -q '<http://kb.example/q?id=1&x=%22a%22#frag>' "$tmp/linked/escaping.ttl"
if command -v rapper >/dev/null 2>&1; then
  check "--link: Turtle with the user's IRIs parses" rapper -q -i turtle -c "$tmp/linked/escaping.ttl"
  check "--link: RDF/XML with the user's IRIs parses" rapper -q -i rdfxml -c "$tmp/linked/escaping.rdf"
fi
if command -v dot >/dev/null 2>&1; then
  check "--link: DOT with the user's IRIs renders" dot -Tsvg -o /dev/null "$tmp/linked/escaping.dot"
fi
if command -v xmllint >/dev/null 2>&1; then
  check "--link: SVG with the user's IRIs is well-formed" xmllint --noout "$tmp/linked/escaping.svg"
  href=$(xmllint --xpath "string(//*[local-name()='a'][contains(@*[local-name()='href'],'kb.example/q')]/@*[local-name()='href'])" \
    "$tmp/linked/escaping.svg" 2>/dev/null)
  check "--link: the SVG links the node to the user's IRI" \
    test "$href" = 'http://kb.example/q?id=1&x=%22a%22#frag'
fi

# The same input twice gives the same bytes.
"$TEXTKG" build -f turtle,dot,svg -o "$tmp/again" "$golden"/*.txt
for f in "$tmp/again"/*; do
  check "$(basename "$f") is deterministic" cmp -s "$f" "$tmp/$(basename "$f")"
done
finish
