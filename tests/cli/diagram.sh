#!/bin/sh
# diagram.sh - what a diagram shows: counts, delegations, --focus, --max-nodes, layout
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/common.sh"

talks="$top_srcdir/examples/lakeside-talks.txt"
"$TEXTKG" build -f dot --stdout "$talks" >"$tmp/all.dot" || not_ok "build lakeside-talks"
check "two statements of one relation are one edge with their count" grep -q 'represents ×2' "$tmp/all.dot"
check "a delegation is a cluster" grep -q 'subgraph "cluster_https://example.org/textkg/country/canada"' "$tmp/all.dot"
check "nodes link to their IRIs" grep -q 'URL="https://example.org/textkg/person/claire-dubois"' "$tmp/all.dot"

"$TEXTKG" build -f dot --stdout --focus "claire dubois" --depth 1 "$talks" >"$tmp/focus.dot"
check "--focus keeps the entity" grep -q 'person/claire-dubois"' "$tmp/focus.dot"
check "--focus leaves out what is further away" sh -c "! grep -q 'person/anna-keller' '$tmp/focus.dot'"
check "--focus says what was left out" grep -q 'entities shown (the focus and its neighbours)' "$tmp/focus.dot"

"$TEXTKG" build -f dot --stdout --max-nodes 4 "$talks" >"$tmp/max.dot"
nodes=$(grep -c '^[[:space:]]*"https://[^"]*"[[:space:]]*\[URL=' "$tmp/max.dot")
check "--max-nodes 4 draws 4 entities" test "$nodes" = 4
check "--max-nodes says how many were left out" grep -q '4 of [0-9]* entities shown (the most connected)' "$tmp/max.dot"

"$TEXTKG" build -f dot,svg -o "$tmp/none" --focus Nobody "$talks" 2>"$tmp/err"
check "an unknown --focus fails" test $? -ne 0
check "an unknown --focus is named" grep -q 'focus Nobody: no such entity' "$tmp/err"
check "an unknown --focus writes nothing" test -z "$(ls "$tmp/none" 2>/dev/null)"
"$TEXTKG" build --depth two "$talks" 2>/dev/null
check "a bad --depth is a usage error" test $? -eq 2

# More than 300 entities: the force-directed layout, and an SVG that parses.
awk 'BEGIN { split("Anna Boris Clara Dmitri Elena Farid Greta Hugo Irina Jonas Katya Lars Mira Nils Olga Pavel Rosa Stefan Tanya Viktor", f, " ");
  split("Abbot Berg Castell Dorn Ekland Falk Gorski Holm Ivers Janssen Kerr Lund Moreau Norberg Ostrow Petrov Quist Roth Sand Tamm", s, " ");
  for (i = 0; i < 400; i += 2)
    printf "Minister %s %s met Minister %s %s on Tuesday.\n", f[i % 20 + 1], s[int(i / 20) + 1], f[(i + 1) % 20 + 1], s[int((i + 1) / 20) + 1] }' >"$tmp/big.txt"
"$TEXTKG" build -f dot,svg -o "$tmp/big" "$tmp/big.txt" || not_ok "build a text of 400 people"
check "a large diagram is laid out by sfdp" grep -q 'layout=sfdp' "$tmp/big/big.dot"
if command -v xmllint >/dev/null 2>&1; then
  check "the large diagram's SVG is well-formed" xmllint --noout "$tmp/big/big.svg"
fi
finish
