#!/bin/sh
# eval-kg.sh - `textkg eval kg` scores what build writes, with known answers
# SPDX-License-Identifier: MIT
#
# Four sentences in CoNLL04's JSON form, written for this test. The gold
# holds one deliberate mistake of each kind the scorer counts: a "person"
# that is no name (a miss), a name left out (a spurious name), a title
# inside a person's span (a miss when strict, a match by its end).
. "$(dirname "$0")/common.sh"

cat >"$tmp/small.json" <<'JSON'
[
{"tokens": ["CEO", "Laura", "Finch", "works", "for", "Norwind", "Energy", "."],
 "entities": [{"type": "Peop", "start": 1, "end": 3}, {"type": "Org", "start": 5, "end": 7}],
 "relations": [{"head": 0, "tail": 1, "type": "Work_For"}]},
{"tokens": ["Governor", "Alan", "Pike", "was", "shot", "by", "Senator", "Carl", "Webb", "."],
 "entities": [{"type": "Peop", "start": 1, "end": 3}, {"type": "Peop", "start": 7, "end": 9}],
 "relations": [{"head": 1, "tail": 0, "type": "Kill"}]},
{"tokens": ["Canadian", "officials", "met", "Jan", "Kowal", "in", "Geneva", "on", "Monday", "."],
 "entities": [{"type": "Peop", "start": 1, "end": 2}, {"type": "Loc", "start": 6, "end": 7}],
 "relations": []},
{"tokens": ["Secretary", "of", "State", "Mark", "Ellison", "flew", "to", "Warsaw", "."],
 "entities": [{"type": "Peop", "start": 0, "end": 5}, {"type": "Loc", "start": 7, "end": 8}],
 "relations": []}
]
JSON

"$TEXTKG" eval kg --errors "$tmp/small.json" >"$tmp/out" 2>"$tmp/err"
check "eval kg exits 0" test $? -eq 0
# line LABEL: the figures of the report line that starts with LABEL.
line() { grep "^ *$1 " "$tmp/out" | head -1 | sed 's/\[.*\]//; s/  */ /g'; }
expect() { # expect NAME LABEL PATTERN
  if line "$2" | grep -q "$3"; then ok "$1"; else not_ok "$1: $(line "$2")"; fi
}
expect "four documents" "eval kg:" "4 documents, 37 words"
expect "entities, strict: 8 gold, 8 found, 6 right" strict \
  "P 75.00 R 75.00 F1 75.00 (8 gold, 8 found, 6 right)"
expect "entities, same end: the title does not count" "same end" \
  "P 87.50 R 87.50 F1 87.50 (8 gold, 8 found, 7 right)"
expect "persons: 5 gold, 5 found, 3 right" PER "(5 gold, 5 found, 3 right)"
expect "relations: both found" all "P 100.00 R 100.00 F1 100.00 (2 gold, 2 found, 2 right)"
expect "Kill: found" Kill "(1 gold, 1 found, 1 right)"
check "every F1 has an interval" grep -q 'F1  75.00  \[ *[0-9.]*, *[0-9.]*\]' "$tmp/out"
check "--errors: the miss, with its sentence" \
  grep -q "^.*small.json#3: missed entity PER 'officials' in 'Canadian officials met Jan Kowal in Geneva on Monday.'" "$tmp/out"
check "--errors: the spurious name" grep -q "spurious entity PER 'Jan Kowal'" "$tmp/out"
check "--errors: the strict miss of a span with a title" \
  grep -q "missed entity PER 'Secretary of State Mark Ellison'" "$tmp/out"
check "no document failed" grep -q '^documents that failed to build: 0$' "$tmp/out"

# The text is rebuilt as a newspaper writes it, offsets and all: the same
# figures from the sentence as build reads it.
printf 'CEO Laura Finch works for Norwind Energy.\n' >"$tmp/s1.txt"
"$TEXTKG" build --stdout -f ntriples "$tmp/s1.txt" >"$tmp/s1.nt"
check "build of the rebuilt text names Laura Finch at 4-15" \
  grep -q '#char=4,15> <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf> "Laura Finch"' "$tmp/s1.nt"

"$TEXTKG" eval kg >/dev/null 2>&1
check "no file: usage error" test $? -eq 2
printf '[{"tokens": ["a"], "relations": [' >"$tmp/bad.json"
"$TEXTKG" eval kg "$tmp/bad.json" >/dev/null 2>"$tmp/err"
check "malformed file: exit 1" test $? -eq 1
check "malformed file: one line naming the file" grep -q "bad.json" "$tmp/err"
finish
