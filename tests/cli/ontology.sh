#!/bin/sh
# ontology.sh - every class and property textkg emits is declared in
# ontology/textkg.ttl
# SPDX-License-Identifier: MIT
#
# Builds the examples and the golden texts, collects the predicates and the
# objects of rdf:type, and fails on any of them that ontology/textkg.ttl
# does not have as the subject of a triple.
. "$(dirname "$0")/common.sh"

if ! command -v rapper >/dev/null 2>&1; then
  echo "rapper (raptor2-utils) is needed for this test"
  exit 77
fi
rapper -q -i turtle -o ntriples "$top_srcdir/ontology/textkg.ttl" >"$tmp/ontology.txt"
check "ontology/textkg.ttl parses" test -s "$tmp/ontology.txt"
cut -d' ' -f1 "$tmp/ontology.txt" | sort -u >"$tmp/declared"

"$TEXTKG" build -f ntriples -o "$tmp" "$top_srcdir"/examples/*.txt "$top_srcdir"/tests/golden/*.txt
cat "$tmp"/*.nt >"$tmp/all.nt.txt"
{
  cut -d' ' -f2 "$tmp/all.nt.txt"
  awk '$2 == "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>" { print $3 }' "$tmp/all.nt.txt"
  # The properties that statement nodes stand for.
  awk '$2 == "<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate>" { print $3 }' "$tmp/all.nt.txt"
} | sort -u >"$tmp/used"
check "the output uses some terms" test -s "$tmp/used"
comm -23 "$tmp/used" "$tmp/declared" >"$tmp/undeclared"
if [ -s "$tmp/undeclared" ]; then
  not_ok "terms emitted but not declared in ontology/textkg.ttl:"
  cat "$tmp/undeclared"
else
  ok "every emitted class and property is declared ($(wc -l <"$tmp/used") terms)"
fi

# The lexicon's titles, which roles point to with tkg:title, parse too.
for f in lexicon countries; do
  check "ontology/$f.ttl parses" rapper -q -i turtle -c "$top_srcdir/ontology/$f.ttl"
done
finish
