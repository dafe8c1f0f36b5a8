#!/bin/sh
# html.sh - `-f html`: one self-contained report per document, and per corpus
# SPDX-License-Identifier: MIT
#
# The report is checked against the RDF of the same run: it parses (as
# XML, which it is written to be, so xmllint reads it without an HTML5
# parser); every mention of the graph is marked in the text, or listed as
# unmarked in its card; every entity has one card, under its IRI; every
# statement has a row; the diagram is inline; nothing is loaded from
# outside the file and no markup of the text survives as markup.
# tests/cli/browser.sh checks the same reports in a real browser.
. "$(dirname "$0")/common.sh"

command -v xmllint >/dev/null 2>&1 || { echo "SKIP: xmllint (libxml2-utils) is not installed"; exit 77; }

texts="$top_srcdir/examples/lakeside-talks.txt $top_srcdir/examples/flood-relief.txt \
  $top_srcdir/tests/golden/escaping.txt $top_srcdir/tests/golden/titles.txt"
# shellcheck disable=SC2086 # the list is meant to split
"$TEXTKG" build -f html,ntriples -o "$tmp" $texts || not_ok "textkg build -f html"

xpath() { xmllint --xpath "$1" "$2" 2>/dev/null; }

for txt in $texts; do
  name=$(basename "$txt" .txt)
  html="$tmp/$name.html"
  nt="$tmp/$name.nt"
  check "$name.html is well-formed" xmllint --noout "$html"

  mentions=$(grep -c 'itsrdf:taIdentRef\|<http://www.w3.org/2005/11/its/rdf#taIdentRef>' "$nt")
  marked=$(xpath 'count(//*[starts-with(@id,"m-")])' "$html")
  unmarked=$(grep -o '&#8221;\*\|”\*' "$html" | wc -l)
  check "$name: every mention is marked or listed ($mentions: $marked marked, $unmarked not)" \
    test "$mentions" -eq $((marked + unmarked))

  # The entities of the RDF: what mentions refer to and what statements
  # relate; each must have exactly one card, linked by its IRI.
  # N-Triples and xmllint escape non-ASCII characters, each its own way.
  sed -n 's/.*\(taIdentRef\|#subject\|#object\)> <\([^>]*\)> \..*/\2/p' "$nt" |
    perl -CS -pe 's/\\u([0-9A-Fa-f]{4})/chr(hex($1))/ge; s/\\U([0-9A-Fa-f]{8})/chr(hex($1))/ge' |
    sort -u >"$tmp/rdf-entities"
  xpath '//*[local-name()="article"]/p[@class="iri"]/a[1]/@href' "$html" | tr ' ' '\n' |
    sed -n 's/^href="\(.*\)"$/\1/p' |
    perl -CS -pe 's/&#x([0-9A-Fa-f]+);/chr(hex($1))/ge; s/&amp;/&/g' | sort >"$tmp/cards"
  check "$name: one card per entity of the RDF" cmp -s "$tmp/rdf-entities" "$tmp/cards" ||
    diff "$tmp/rdf-entities" "$tmp/cards" | head -10

  statements=$(grep -c '#predicate>' "$nt")
  rows=$(xpath 'count(//table/tbody/tr)' "$html")
  check "$name: one row per statement ($statements)" test "$statements" -eq "$rows"

  # Every link inside the file leads somewhere in it.
  xpath '//@href' "$html" | tr ' ' '\n' | sed -n 's/^href="#\(.*\)"$/\1/p' | sort -u >"$tmp/targets"
  missing=0
  while read -r id; do
    [ "$(xpath "count(//*[@id='$id'])" "$html")" = 1 ] || missing=$((missing + 1))
  done <"$tmp/targets"
  check "$name: every link inside the report has its target" test "$missing" -eq 0

  check "$name: the diagram is inline" test "$(xpath 'count(//*[local-name()="svg"])' "$html")" = 1
  check "$name: no script, frame, image or style sheet" \
    test "$(xpath 'count(//script|//iframe|//img|//link|//*[@src])' "$html")" = 0
done

# escaping.txt says "<script>alert(1)</script>" and "<b>x</b>": as text.
check "markup of the text stays text" grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$tmp/escaping.html"

# Control characters, which the text may hold and XML may not: the report
# and its diagram stay well-formed.
printf 'Ana\037Silva met Tom\001Reyes in Lisbon.\n' >"$tmp/controls.txt"
"$TEXTKG" build -f html -o "$tmp" "$tmp/controls.txt" 2>/dev/null || not_ok "textkg build controls"
check "a text with control characters gives a well-formed report" xmllint --noout "$tmp/controls.html"

# A corpus: one report for all the documents, each document's text in it.
# shellcheck disable=SC2086
"$TEXTKG" build --merge -f html -o "$tmp/merged" $texts || not_ok "textkg build --merge -f html"
merged=$(ls "$tmp"/merged/*.html 2>/dev/null | head -1)
check "a merged build writes one report" test -n "$merged"
if [ -n "$merged" ]; then
  check "the merged report is well-formed" xmllint --noout "$merged"
  check "the merged report holds every document" \
    test "$(xpath 'count(//section[@class="document"])' "$merged")" = 4
fi

# The same input gives the same bytes.
"$TEXTKG" build -f html -o "$tmp/again" "$top_srcdir/examples/lakeside-talks.txt" || not_ok "rebuild"
check "the report is the same bytes each time" cmp -s "$tmp/lakeside-talks.html" "$tmp/again/lakeside-talks.html"

finish
