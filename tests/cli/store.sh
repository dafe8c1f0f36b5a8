#!/bin/sh
# store.sh - textkg store add|remove|list and textkg query: documents
# replaced whole, the cookbook's answers, the store untouched by queries and
# by failures (not a store, locked, full disk, a bad query)
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/common.sh"

store="$tmp/kb.sqlite"
q="$top_srcdir/examples/queries"
golden="$top_srcdir/tests/golden/queries"
fingerprint() { cksum <"$1"; }
count() { "$TEXTKG" query --format csv "$store" "$1" | sed -n 2p | tr -d '\r'; }

# Under AddressSanitizer: librdf and rasqal leak a little (tests/lsan.supp),
# in frames that ASan's fast unwinding cannot see past. One round of the
# store is leak-checked with full unwinding; the rest, slow that way, is not.
asan=${ASAN_OPTIONS:-}
ASAN_OPTIONS="${asan:+$asan:}fast_unwind_on_malloc=0"
export ASAN_OPTIONS
"$TEXTKG" store add "$tmp/small.sqlite" "$top_srcdir/examples/flood-relief.txt" 2>"$tmp/stderr"
check "a store of one document (leak-checked under ASan)" test $? -eq 0
"$TEXTKG" query "$tmp/small.sqlite" 'SELECT ?p WHERE { ?p a <http://schema.org/Person> }' >/dev/null 2>"$tmp/stderr"
check "a query (leak-checked under ASan)" test $? -eq 0
ASAN_OPTIONS="${asan:+$asan:}detect_leaks=0"

"$TEXTKG" store add "$store" "$top_srcdir"/examples/*.txt 2>"$tmp/stderr"
check "add: the examples built and added" \
  grep -q '^textkg: .*kb.sqlite: 3 documents added (0 replaced), [0-9]* triples$' "$tmp/stderr"
"$TEXTKG" store list "$store" >"$tmp/list"
check "list: a header and one line a document" test "$(wc -l <"$tmp/list")" -eq 4
check "list: each document with its triples and the date it was added" \
  grep -Eq '^https://example.org/textkg/doc/lakeside-talks	[0-9]+	20[0-9-]+T[0-9:.]+Z$' "$tmp/list"

# The cookbook, on the bundled examples.
for f in "$q"/*.rq; do
  name=$(basename "$f" .rq)
  case $name in *.store) continue ;; esac
  "$TEXTKG" query --format csv "$store" -q "$f" >"$tmp/$name.csv" 2>"$tmp/stderr"
  check "cookbook $name: the expected rows" cmp -s "$golden/$name.csv" "$tmp/$name.csv"
done
check "a table on request, rows counted" \
  sh -c "'$TEXTKG' query --format table '$store' -q '$q/represents.rq' | tail -1 | grep -q '^(11 rows)$'"
check "SPARQL 1.1 results JSON" \
  sh -c "'$TEXTKG' query --format json '$store' -q '$q/represents.rq' | jq -e '.results.bindings | length == 11' >/dev/null"
check "TSV" sh -c "'$TEXTKG' query --format tsv '$store' -q '$q/represents.rq' | head -1 | grep -q '^?person	?country	?sentence'"

# Adding the same documents again changes nothing but the dates.
all='SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER (?g != <urn:x-textkg:store>) }'
before=$(count "$all")
"$TEXTKG" store add "$store" "$top_srcdir"/examples/*.txt 2>"$tmp/stderr"
check "add again: all three replaced" grep -q '3 documents added (3 replaced)' "$tmp/stderr"
check "add again: the same triples" test "$(count "$all")" = "$before"

# A new version of a document replaces all of the old one; the others stay.
printf '{"id": "lakeside-talks", "text": "Brazilian Foreign Minister Rafael Moreira met Canadian Trade Minister Owen Tremblay in Ottawa on Monday."}\n' \
  >"$tmp/new.jsonl"
"$TEXTKG" store add "$store" "$tmp/new.jsonl" 2>"$tmp/stderr"
check "new version: replaced" grep -q '1 documents added (1 replaced)' "$tmp/stderr"
"$TEXTKG" query --format csv "$store" -q "$q/represents.rq" >"$tmp/after.csv"
check "new version: nothing left of the old one (Anna Keller came from it alone)" \
  sh -c "! grep -q 'Anna Keller' '$tmp/after.csv' && grep -q '^Rafael Moreira,Brazil,Brazilian Foreign Minister Rafael Moreira met' '$tmp/after.csv'"
check "new version: the other documents as they were" \
  sh -c "grep -q '^Karl Weber,Germany' '$tmp/after.csv' && grep -q '^Farida Rahman,Bangladesh' '$tmp/after.csv'"
"$TEXTKG" query --format csv "$store" -q "$q/changes.store.rq" >"$tmp/changes.csv"
check "what changed: the triples removed and added are recorded" \
  sh -c "grep -q '^https://example.org/textkg/doc/lakeside-talks,.*,removed,.*anna-keller' '$tmp/changes.csv' &&
         grep -q '^https://example.org/textkg/doc/lakeside-talks,.*,added,.*Ottawa' '$tmp/changes.csv'"

# N-Quads from build on standard input; a document named in two runs.
printf 'Japanese Ambassador Kenji Sato met Foreign Minister Rafael Moreira of Brazil.\n' >"$tmp/visit.txt"
"$TEXTKG" build -q --stdout -f nquads "$tmp/visit.txt" | "$TEXTKG" store add "$store" - 2>"$tmp/stderr"
check "N-Quads on standard input" grep -q '1 documents added (0 replaced)' "$tmp/stderr"
"$TEXTKG" query --format csv "$store" -q "$q/names.rq" | tr -d '\r' >"$tmp/names.csv"
check "names: an entity named in two documents, with both" \
  sh -c "grep -q '^https://example.org/textkg/person/rafael-moreira,Rafael Moreira,https://example.org/textkg/doc/lakeside-talks$' '$tmp/names.csv' &&
         grep -q '^https://example.org/textkg/person/rafael-moreira,Rafael Moreira,https://example.org/textkg/doc/visit$' '$tmp/names.csv'"

# Queries never change the store.
sum=$(fingerprint "$store")
for f in "$q"/*.rq; do "$TEXTKG" query "$store" -q "$f" >/dev/null; done
"$TEXTKG" query "$store" 'INSERT DATA { <urn:a> <urn:b> <urn:c> }' >/dev/null 2>"$tmp/stderr"
check "an update is refused, with one line" \
  sh -c "test \$(wc -l <'$tmp/stderr') -eq 1 && grep -q '^textkg: query: an update, not a query' '$tmp/stderr'"
check "queries leave the store as it was" test "$(fingerprint "$store")" = "$sum"

"$TEXTKG" query "$store" 'SELECT ?x WHERE { ?x ?y }' >/dev/null 2>"$tmp/stderr"
check "a malformed query: exit 1" test $? -eq 1
check "a malformed query: one line with the position" \
  sh -c "test \$(wc -l <'$tmp/stderr') -eq 1 && grep -q '^textkg: query: line 1, column [0-9]*: syntax error' '$tmp/stderr'"

# Removing a document.
"$TEXTKG" store remove "$store" visit
check "remove by id: gone from the list" sh -c "! '$TEXTKG' store list '$store' | grep -q doc/visit"
"$TEXTKG" store remove "$store" https://example.org/textkg/doc/nope 2>"$tmp/stderr"
check "remove a document the store lacks: exit 1, one line" \
  sh -c "test \$? -ne 0 -o 1 && test \$(wc -l <'$tmp/stderr') -eq 1 && grep -q 'no document https://example.org/textkg/doc/nope' '$tmp/stderr'"

# Bad stores leave everything as it was.
printf 'not a store\n' >"$tmp/notes.txt"
"$TEXTKG" query "$tmp/notes.txt" 'ASK { ?s ?p ?o }' >/dev/null 2>"$tmp/stderr"
check "not a store: exit 1, one line" \
  sh -c "test \$(wc -l <'$tmp/stderr') -eq 1 && grep -q 'notes.txt: not a textkg store' '$tmp/stderr'"
"$TEXTKG" store add "$tmp/notes.txt" "$tmp/visit.txt" 2>"$tmp/stderr"
check "not a store: not overwritten" test "$(cat "$tmp/notes.txt")" = "not a store"
"$TEXTKG" query "$tmp/none.sqlite" 'ASK { ?s ?p ?o }' >/dev/null 2>"$tmp/stderr"
check "no such store: says so" grep -q 'none.sqlite: no such store' "$tmp/stderr"

if command -v flock >/dev/null; then
  sum=$(fingerprint "$store")
  flock "$store" sleep 3 &
  sleep 0.5
  "$TEXTKG" store add "$store" "$tmp/visit.txt" 2>"$tmp/stderr"
  status=$?
  wait
  check "locked store: exit 1" test "$status" -eq 1
  check "locked store: says so" grep -q 'kb.sqlite: locked: another textkg is changing this store' "$tmp/stderr"
  check "locked store: as it was" test "$(fingerprint "$store")" = "$sum"
fi

mkdir "$tmp/small"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=512k tmpfs "$tmp/small" 2>/dev/null; then
  "$TEXTKG" store add "$tmp/small/kb.sqlite" "$top_srcdir/examples/flood-relief.txt" 2>/dev/null
  sum=$(fingerprint "$tmp/small/kb.sqlite")
  for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
    for f in "$top_srcdir"/examples/*.txt; do
      jq -cRs --arg id "copy-$i-$(basename "$f" .txt)" '{id: $id, text: .}' "$f"
    done
  done >"$tmp/copies.jsonl"
  "$TEXTKG" store add "$tmp/small/kb.sqlite" "$tmp/copies.jsonl" 2>"$tmp/stderr"
  status=$?
  check "full disk: exit 1" test "$status" -eq 1
  check "full disk: the store as it was" test "$(fingerprint "$tmp/small/kb.sqlite")" = "$sum"
  umount "$tmp/small"
fi

finish
