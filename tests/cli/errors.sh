#!/bin/sh
# errors.sh - bad input gets one clear line, a non-zero exit, and no output
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/common.sh"

out="$tmp/out"
mkdir "$out"

# expect_error NAME STATUS PATTERN ARGS...: textkg fails with STATUS, prints
# exactly one line matching PATTERN on stderr, and leaves $out empty.
expect_error() {
  name=$1 status=$2 pattern=$3
  shift 3
  "$TEXTKG" "$@" >"$tmp/stdout" 2>"$tmp/stderr" </dev/null
  got=$?
  lines=$(wc -l <"$tmp/stderr")
  if [ "$got" -ne "$status" ]; then
    not_ok "$name: exit status $got, expected $status"; cat "$tmp/stderr"
  elif [ "$lines" -ne 1 ] || ! grep -Eq "$pattern" "$tmp/stderr"; then
    not_ok "$name: stderr does not match '$pattern'"; cat "$tmp/stderr"
  elif [ -n "$(ls -A "$out")" ]; then
    not_ok "$name: left files behind: $(ls -A "$out")"
  else
    ok "$name"
  fi
  rm -rf "$out" && mkdir "$out"
}

: >"$tmp/empty.txt"
expect_error "empty file" 1 '^textkg: .*empty\.txt: empty input' build -o "$out" "$tmp/empty.txt"

printf 'ab\000cd\n' >"$tmp/nul.txt"
expect_error "NUL byte" 1 '^textkg: .*nul\.txt: NUL byte at byte 2 \(line 1, column 3\)$' \
  build -o "$out" "$tmp/nul.txt"

printf 'Caf\303\251 ok\nbad \377 byte\n' >"$tmp/bad.txt"
expect_error "invalid UTF-8" 1 '^textkg: .*bad\.txt: invalid UTF-8 at byte 13 \(line 2, column 5\)$' \
  build -o "$out" "$tmp/bad.txt"

head -c 4096 /bin/sh >"$tmp/binary.txt"
expect_error "binary file" 1 '^textkg: .*binary\.txt: (NUL byte|invalid UTF-8) at byte [0-9]+' \
  build -o "$out" "$tmp/binary.txt"

mkdir "$tmp/no-texts"
expect_error "directory without texts" 1 '^textkg: .*no-texts: no \*\.txt file in this directory$' \
  build -o "$out" "$tmp/no-texts"
expect_error "missing file" 1 '^textkg: .*nope\.txt: No such file or directory$' \
  build -o "$out" "$tmp/nope.txt"

printf 'The Italian Foreign Minister Marta Neri spoke.\n' >"$tmp/good.txt"
if [ "$(id -u)" -ne 0 ]; then
  cp "$tmp/good.txt" "$tmp/secret.txt" && chmod 000 "$tmp/secret.txt"
  expect_error "unreadable file" 1 '^textkg: .*secret\.txt: Permission denied$' \
    build -o "$out" "$tmp/secret.txt"
fi

# An output "directory" that is a file, and one under a file.
: >"$tmp/plainfile"
expect_error "output is a file" 1 '^textkg: .*plainfile: output directory is not a directory$' \
  build -o "$tmp/plainfile" "$tmp/good.txt"
expect_error "output under a file" 1 '^textkg: .*plainfile/sub: cannot create output directory: Not a directory$' \
  build -o "$tmp/plainfile/sub" "$tmp/good.txt"

# A directory that cannot be written: read-only for non-root users; for
# root (CI), /proc/self is a directory nobody can create files in.
if [ "$(id -u)" -ne 0 ]; then
  mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
  expect_error "unwritable output directory" 1 '^textkg: .*ro/good\.ttl: cannot write: Permission denied$' \
    build -o "$tmp/ro" "$tmp/good.txt"
else
  "$TEXTKG" build -o /proc/self "$tmp/good.txt" >/dev/null 2>"$tmp/stderr"
  check "unwritable output directory fails" test $? -eq 1
  check "unwritable output directory: one line naming the file" \
    sh -c "test \$(wc -l <'$tmp/stderr') -eq 1 && grep -q '^textkg: /proc/self/good.ttl: cannot write' '$tmp/stderr'"
fi

expect_error "unknown format" 2 '^textkg: unknown format: gif' build -f turtle,gif -o "$out" "$tmp/good.txt"
expect_error "bad date" 2 '^textkg: --date: not a date' build --date 2025-13-01 -o "$out" "$tmp/good.txt"
expect_error "relative base" 2 '^textkg: --base: base IRI is not absolute' build --base kg/ -o "$out" "$tmp/good.txt"
expect_error "no input" 2 '^textkg: build: no input file' build -o "$out"
expect_error "unknown command" 2 '^textkg: no such command: frobnicate' frobnicate
expect_error "same output name twice" 2 "has the same output name 'good'" \
  build -o "$out" "$tmp/good.txt" "$tmp/good.txt"

# One bad input among good ones: the good ones are built, the exit is 1.
"$TEXTKG" build -o "$out" "$tmp/good.txt" "$tmp/nope.txt" >/dev/null 2>"$tmp/stderr"
check "bad input among good: exit 1" test $? -eq 1
check "bad input among good: good one written" test -s "$out/good.ttl"
check "bad input among good: no temporary files" \
  sh -c "test -z \"\$(ls -A '$out' | grep '^\\.')\""
rm -rf "$out" && mkdir "$out"

# Standard input, --stdout, and the ontology directory missing.
printf 'Kenyan President Amani Otieno arrived.\n' | "$TEXTKG" build -o "$out" - 2>"$tmp/stderr"
check "stdin is built as stdin.ttl" test -s "$out/stdin.ttl"
printf 'Kenyan President Amani Otieno arrived.\n' |
  "$TEXTKG" build --stdout -f ntriples - >"$tmp/stdout.nt" 2>"$tmp/stderr"
check "--stdout writes N-Triples" grep -q 'person/amani-otieno> <https://w3id.org/textkg/ns#represents> <https://example.org/textkg/country/kenya>' "$tmp/stdout.nt"
TEXTKG_DATADIR="$tmp/none" "$TEXTKG" build -o "$out" "$tmp/good.txt" 2>"$tmp/stderr"
check "missing ontology: exit 1" test $? -eq 1
check "missing ontology: message names the file" grep -q "^textkg: $tmp/none/ontology/lexicon.ttl: cannot open" "$tmp/stderr"

rm -rf "$out" && mkdir "$out"

# Word vectors for `train clusters`: a damaged file names the byte, and
# no clusters file is left.
expect_error "vectors: missing file" 1 '^textkg: .*nowhere\.json: cannot open$' \
  train clusters --vectors "$tmp/nowhere.json" -o "$out/clusters.bin"
printf '{"dimensions":2,"vectors":{"a":[1,0,1,0],"b":[0,1,' >"$tmp/cut.json"
expect_error "vectors: cut short" 1 '^textkg: .*cut\.json: byte [0-9]+: ' \
  train clusters --vectors "$tmp/cut.json" -o "$out/clusters.bin"
expect_error "vectors: depth out of range" 1 'depth must be 1 to' \
  train clusters --vectors "$tmp/cut.json" -o "$out/clusters.bin" --depth 99

# A long single-line file just works: one titled person in every 10 KB or
# so of ordinary prose, all on one line. (Its time and memory, up to 50 MB,
# are measured by make bench, not here.)
awk 'BEGIN {
  filler = "the committee reviewed the budget, the schedule and the plans for the coming year in some detail; ";
  person = "The Irish Prime Minister Sean Byrne met Polish officials in Warsaw. ";
  n = int(2000000 / (length(person) + 100 * length(filler)));
  for (i = 0; i < n; i++) { printf "%s", person; for (j = 0; j < 100; j++) printf "%s", filler }
  printf "The end.\n" }' >"$tmp/large.txt"
check "2 MB single line: the file is that large" test "$(wc -c <"$tmp/large.txt")" -gt 1900000
"$TEXTKG" build -f ntriples,dot -o "$out" "$tmp/large.txt" 2>"$tmp/stderr"
check "2 MB single line: exit 0" test $? -eq 0
check "2 MB single line: represents found" grep -q 'person/sean-byrne> <https://w3id.org/textkg/ns#represents> <https://example.org/textkg/country/ireland>' "$out/large.nt"

finish
