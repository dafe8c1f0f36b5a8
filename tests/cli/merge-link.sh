#!/bin/sh
# merge-link.sh - one graph from several documents; reuse of a user's IRIs
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/common.sh"

cat >"$tmp/a.txt" <<'TXT'
Irish Foreign Minister Niamh Walsh flew to Lisbon on Monday.
TXT
cat >"$tmp/b.txt" <<'TXT'
Portuguese President Rui Matos received Irish Foreign Minister Niamh Walsh.
TXT

"$TEXTKG" build --merge -f ntriples -o "$tmp/out" "$tmp/a.txt" "$tmp/b.txt"
check "--merge exits 0" test $? -eq 0
check "--merge writes merged.nt" test -s "$tmp/out/merged.nt"
n=$(grep -c '^<https://example.org/textkg/person/niamh-walsh> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>' "$tmp/out/merged.nt")
check "--merge: the person of both documents is one entity" test "$n" -eq 1
n=$(grep -c 'nif-core#Context>' "$tmp/out/merged.nt")
check "--merge: both documents are in the graph" test "$n" -eq 2
n=$(grep -c '<http://www.w3.org/2005/11/its/rdf#taIdentRef> <https://example.org/textkg/person/niamh-walsh>' "$tmp/out/merged.nt")
check "--merge: the person's mentions from both documents" test "$n" -eq 2

# A surname alone in a later document is the one person of the merged
# graph whose full name holds it; with two such persons it stays apart.
cat >"$tmp/c.txt" <<'TXT'
Walsh met Portuguese President Rui Matos on Tuesday.
TXT
cat >"$tmp/d.txt" <<'TXT'
Liam Walsh, a banker, spoke in Dublin.
TXT
"$TEXTKG" build --merge -f ntriples -o "$tmp/short" "$tmp/a.txt" "$tmp/c.txt"
check "--merge: a surname alone joins the full name" \
  sh -c "! grep -q 'textkg/person/walsh>' '$tmp/short/merged.nt'"
check "--merge: the surname is an altLabel of the full name" \
  grep -q '^<https://example.org/textkg/person/niamh-walsh> <http://www.w3.org/2004/02/skos/core#altLabel> "Walsh"@en' "$tmp/short/merged.nt"
"$TEXTKG" build --merge -f ntriples -o "$tmp/short2" "$tmp/a.txt" "$tmp/c.txt" "$tmp/d.txt"
check "--merge: a surname two full names share stays apart" \
  grep -q 'textkg/person/walsh>' "$tmp/short2/merged.nt"

# An organization named without its final organization word ("Inc.") in
# one document is the organization of another document named in full.
cat >"$tmp/e.txt" <<'TXT'
Trelco Inc. posted a loss on Monday, its chief executive, Mina Oduya, said.
TXT
cat >"$tmp/f.txt" <<'TXT'
Trelco shares fell on Tuesday after Trelco cut jobs.
TXT
"$TEXTKG" build --merge -f ntriples -o "$tmp/org" "$tmp/e.txt" "$tmp/f.txt"
check "--merge: an organization's short name joins its full name" \
  sh -c "! grep -q 'textkg/organization/trelco>' '$tmp/org/merged.nt'"
check "--merge: the short name is an altLabel of the full name" \
  grep -q '^<https://example.org/textkg/organization/trelco-inc> <http://www.w3.org/2004/02/skos/core#altLabel> "Trelco"@en' "$tmp/org/merged.nt"

# A merged graph that lacks an input is not written.
"$TEXTKG" build --merge -o "$tmp/out2" "$tmp/a.txt" "$tmp/missing.txt" 2>"$tmp/stderr"
check "--merge with a missing input fails" test $? -eq 1
check "--merge with a missing input writes nothing" test ! -e "$tmp/out2/merged.ttl"

# --link: the user's IRIs replace minted ones, by label, type permitting.
cat >"$tmp/kb.ttl" <<'TTL'
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <http://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<http://kb.example/ireland> a schema:Place ; rdfs:label "Ireland" .
<http://kb.example/walsh> a schema:Person ; skos:altLabel "niamh walsh" .
<http://kb.example/portugal-org> a schema:Organization ; rdfs:label "Portugal" .
TTL
"$TEXTKG" build --link "$tmp/kb.ttl" --stdout -f ntriples "$tmp/b.txt" >"$tmp/linked.nt"
check "--link exits 0" test $? -eq 0
check "--link: a person takes the user's IRI (label case-folded)" \
  grep -q '^<http://kb.example/walsh> <https://w3id.org/textkg/ns#represents> <http://kb.example/ireland>' "$tmp/linked.nt"
check "--link: a type that does not fit is not linked" \
  grep -q '<https://example.org/textkg/country/portugal>' "$tmp/linked.nt"
check "--link: no minted IRI left for a linked entity" \
  sh -c "! grep -q 'textkg/person/niamh-walsh' '$tmp/linked.nt'"

printf '<http://x> <http://y> "unterminated .\n' >"$tmp/bad.ttl"
"$TEXTKG" build --link "$tmp/bad.ttl" -o "$tmp/out3" "$tmp/a.txt" 2>"$tmp/stderr"
check "--link with a malformed file fails" test $? -eq 1
check "--link with a malformed file: one line naming file and line" \
  sh -c "test \$(wc -l <'$tmp/stderr') -eq 1 && grep -q '^textkg: $tmp/bad.ttl: line 1' '$tmp/stderr'"
finish
