#!/bin/sh
# options.sh - build options that change what is written: --date,
# --hide-negated, --timings, --base
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/common.sh"

cat >"$tmp/talks.txt" <<'TXT'
Austrian Foreign Minister Lena Huber attended the summit in Vienna on Tuesday.
Swiss President Marc Keller did not attend the summit.
TXT

"$TEXTKG" build --date 2025-06-12 -f turtle,dot -o "$tmp/a" "$tmp/talks.txt"
check "build exits 0" test $? -eq 0
check "--date: recorded on the document" \
  grep -q 'schema:datePublished "2025-06-12"^^xsd:date' "$tmp/a/talks.ttl"
check "--date: Tuesday is the Tuesday before the date" grep -q 'tkg:time "2025-06-10"' "$tmp/a/talks.ttl"
check "negated relation: a statement with tkg:negated" grep -q 'tkg:negated true' "$tmp/a/talks.ttl"
check "negated relation: no direct triple" \
  sh -c "! grep -q 'person/marc-keller>' '$tmp/a/talks.ttl' || ! awk '/^<https:\\/\\/example.org\\/textkg\\/person\\/marc-keller>/,/^\$/' '$tmp/a/talks.ttl' | grep -q 'tkg:attends'"
check "diagram: the negated relation is drawn dotted" grep -q 'not attends' "$tmp/a/talks.dot"

"$TEXTKG" build --hide-negated -f dot -o "$tmp/b" "$tmp/talks.txt"
check "--hide-negated: no negated edge" sh -c "! grep -q 'not attends' '$tmp/b/talks.dot'"

"$TEXTKG" build --timings -f turtle -o "$tmp/c" "$tmp/talks.txt" 2>"$tmp/timings"
check "--timings: one line per stage and a total" test "$(grep -c '^textkg: ' "$tmp/timings")" -eq 6
check "--timings: words per second" grep -q 'words/s' "$tmp/timings"

"$TEXTKG" build --base 'urn:x-kg:' --stdout -f ntriples "$tmp/talks.txt" >"$tmp/base.nt"
check "--base: entities minted under the base" grep -q '^<urn:x-kg:person/lena-huber>' "$tmp/base.nt"
finish
