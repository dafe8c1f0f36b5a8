#!/bin/sh
# corpus.sh - corpora in: directories, JSON Lines, standard input; N-Quads
# out in input order under -j; shards merged equal to one run; GNU
# parallel; progress and summary
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/common.sh"

# Texts of our own, one sentence or two each.
mkdir -p "$tmp/texts/news/2025" "$tmp/texts/news/2026" "$tmp/texts/.hidden"
i=0
for who in "Jan Kowal" "Anna Berg" "Pia Lund" "Omar Haddad" "Lena Vogel" "Ravi Menon"; do
  i=$((i + 1))
  printf '%s, the Polish trade minister, met officials in Oslo on Monday. Kowal said the talks went well.\n' \
    "$who" >"$tmp/texts/news/2025/story-$i.txt"
  printf 'The European Union and Norway signed an agreement in Brussels. %s attended the talks.\n' \
    "$who" >"$tmp/texts/news/2026/story-$i.txt"
done
printf 'Hidden text about Oslo.\n' >"$tmp/texts/.hidden/secret.txt"
printf 'not a text file' >"$tmp/texts/news/notes.md"

# The same texts as JSON Lines, with dates, URLs and titles.
: >"$tmp/corpus.jsonl"
for f in $(cd "$tmp/texts" && find news -name '*.txt' | sort); do
  jq -cRs --arg id "${f%.txt}" '{id: $id, text: ., date: "2025-03-11T08:00:00Z",
    url: ("https://news.example/" + $id), title: "A story"}' "$tmp/texts/$f" >>"$tmp/corpus.jsonl"
done
docs=$(wc -l <"$tmp/corpus.jsonl")

# ---- directories ---------------------------------------------------------
"$TEXTKG" build -q -f turtle -o "$tmp/dir-out" "$tmp/texts" 2>"$tmp/stderr"
check "directory: built" test $? -eq 0
check "directory: every *.txt, paths kept" \
  test "$(cd "$tmp/dir-out" && find . -name '*.ttl' | wc -l)" -eq 12 -a -s "$tmp/dir-out/news/2025/story-1.ttl"
check "directory: hidden and other files left out" \
  sh -c "! find '$tmp/dir-out' -name 'secret*' -o -name 'notes*' | grep -q ."
"$TEXTKG" build -q --stdout -f nquads "$tmp/texts" >"$tmp/dir.nq"
check "directory: documents in byte order of their paths" \
  sh -c "grep -o 'doc/news/20[0-9]*/story-[0-9]*> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>' '$tmp/dir.nq' |
         cut -d'>' -f1 >'$tmp/order' && sort -c '$tmp/order' && test \$(wc -l <'$tmp/order') -eq 12"

# ---- JSON Lines ----------------------------------------------------------
"$TEXTKG" build -q --stdout -f nquads "$tmp/corpus.jsonl" >"$tmp/one.nq" 2>"$tmp/stderr"
check "jsonl: built" test $? -eq 0
check "jsonl: one named graph per document" \
  test "$(awk '{print $NF == "." ? $(NF-1) : ""}' "$tmp/one.nq" | grep -c '/doc/.*>$' | tr -d ' ')" -gt 0 -a \
  "$(grep -o '<[^>]*/doc/[^#>]*> \.$' "$tmp/one.nq" | sort -u | wc -l)" -eq "$docs"
check "jsonl: date, URL and title in the graph" \
  sh -c "grep -q 'schema.org/datePublished> \"2025-03-11\"' '$tmp/one.nq' &&
         grep -q 'schema.org/url> \"https://news.example/news/2025/story-1\"' '$tmp/one.nq' &&
         grep -q 'schema.org/headline> \"A story\"' '$tmp/one.nq'"
jq -c '{id, text}' "$tmp/corpus.jsonl" >"$tmp/bare.jsonl"
"$TEXTKG" build -q --stdout -f nquads "$tmp/bare.jsonl" >"$tmp/bare.nq"
check "jsonl with the ids of a directory's texts: the same graph as the directory" \
  cmp -s "$tmp/dir.nq" "$tmp/bare.nq"
cat "$tmp/corpus.jsonl" | "$TEXTKG" build -q --stdout -f nquads - >"$tmp/stdin.nq"
check "jsonl on standard input: the same bytes" cmp -s "$tmp/one.nq" "$tmp/stdin.nq"

# Bad lines fail alone, each named by file and line.
{
  head -2 "$tmp/corpus.jsonl"
  echo '{"id": "broken", "text": "Oslo is'
  echo
  echo '{"text": "no id here"}'
  echo '{"id": "a-number", "text": 12}'
  sed -n 3p "$tmp/corpus.jsonl"
  sed -n 1p "$tmp/corpus.jsonl"
} >"$tmp/bad.jsonl"
"$TEXTKG" build -q -f turtle -o "$tmp/bad-out" "$tmp/bad.jsonl" 2>"$tmp/stderr"
check "bad lines: exit status 1" test $? -eq 1
check "bad lines: the good documents built" \
  test "$(find "$tmp/bad-out" -name '*.ttl' | wc -l)" -eq 3
check "bad lines: each named by file and line" \
  sh -c "grep -q '^textkg: .*bad.jsonl:3: not JSON' '$tmp/stderr' &&
         grep -q '^textkg: .*bad.jsonl:5: no \"id\"' '$tmp/stderr' &&
         grep -q '^textkg: .*bad.jsonl:6: no \"text\"' '$tmp/stderr' &&
         grep -q '^textkg: .*bad.jsonl:8: has the same output name .* as .*bad.jsonl:1' '$tmp/stderr'"
"$TEXTKG" build -q --input-format text --stdout -f nquads "$tmp/corpus.jsonl" >"$tmp/astext.nq"
check "--input-format text: the file is one document" \
  test "$(grep -o '<[^>]*/doc/[^#>]*> \.$' "$tmp/astext.nq" | sort -u | wc -l)" -eq 1

# ---- threads: the same bytes for every N ---------------------------------
for j in 2 3 0; do
  "$TEXTKG" build -q -j $j --stdout -f nquads "$tmp/corpus.jsonl" >"$tmp/j$j.nq"
  check "-j $j: the same N-Quads as -j 1" cmp -s "$tmp/one.nq" "$tmp/j$j.nq"
done
"$TEXTKG" build -q -j 2 -f turtle,dot -o "$tmp/j2-out" "$tmp/texts"
"$TEXTKG" build -q -j 1 -f turtle,dot -o "$tmp/j1-out" "$tmp/texts"
check "-j 2: the same files as -j 1" diff -r "$tmp/j1-out" "$tmp/j2-out"
"$TEXTKG" build -q -j 2 -o "$tmp/stream.nq" "$tmp/corpus.jsonl"
check "-o FILE.nq: the stream in one file" cmp -s "$tmp/one.nq" "$tmp/stream.nq"
check "-o FILE.nq: no temporary file left" \
  sh -c "test -z \"\$(ls -A '$tmp' | grep '^\\.stream')\""

# ---- shards -----------------------------------------------------------------
"$TEXTKG" build -q --merge --stdout -f nquads "$tmp/corpus.jsonl" | sort >"$tmp/merged.nq"
split -n l/3 "$tmp/corpus.jsonl" "$tmp/shard-"
for s in "$tmp"/shard-a?; do
  "$TEXTKG" build -q --input-format jsonl -o "$s.nq" "$s"
done
"$TEXTKG" merge "$tmp"/shard-a?.nq | sort >"$tmp/shards.nq"
check "three shards merged: the graph of one merged run, byte for byte after sorting" \
  cmp -s "$tmp/merged.nq" "$tmp/shards.nq"
"$TEXTKG" build -q --merge -f turtle --stdout "$tmp/corpus.jsonl" >"$tmp/merged.ttl"
check "merge: a person named by surname joins the full name across documents" \
  sh -c "grep -q 'person/kowal' '$tmp/one.nq' && ! grep -q 'person/kowal' '$tmp/merged.nq' &&
         ! grep -q 'person/kowal' '$tmp/merged.ttl'"
if command -v rapper >/dev/null; then
  check "merged N-Quads parse" sh -c "rapper -q -i nquads '$tmp/shards.nq' >/dev/null"
fi
printf 'not n-quads\n' >"$tmp/junk.nq"
"$TEXTKG" merge "$tmp/junk.nq" >/dev/null 2>"$tmp/stderr"
check "merge of a bad file: exit 1, one line naming the file" \
  sh -c "test \$? -ne 0 -o 1 && test \$(wc -l <'$tmp/stderr') -eq 1 && grep -q '^textkg: .*junk.nq:1:' '$tmp/stderr'"

# ---- GNU parallel: JSONL in, N-Quads out, then merge ------------------------
if command -v parallel >/dev/null && parallel --version 2>/dev/null | grep -q 'GNU parallel'; then
  parallel --pipe -k -j 2 --block 2k "$TEXTKG" build -q --stdout -f nquads - \
    <"$tmp/corpus.jsonl" >"$tmp/parallel.nq" 2>"$tmp/stderr"
  check "GNU parallel, two jobs: built" test $? -eq 0
  "$TEXTKG" merge "$tmp/parallel.nq" | sort >"$tmp/parallel-merged.nq"
  check "GNU parallel, two jobs: merged, the graph of one merged run" \
    cmp -s "$tmp/merged.nq" "$tmp/parallel-merged.nq"
else
  echo "# GNU parallel is not installed (Debian package parallel): its test is skipped"
fi

# ---- progress and summary ---------------------------------------------------
"$TEXTKG" build -f turtle -o "$tmp/p-out" "$tmp/corpus.jsonl" 2>"$tmp/stderr"
check "not a terminal: no progress line, one summary line" \
  sh -c "! grep -q \"\$(printf '\\r')\" '$tmp/stderr' && test \$(wc -l <'$tmp/stderr') -eq 1 &&
         grep -Eq '^textkg: $docs documents, [0-9]+ words, [0-9]+ triples, [0-9.]+ s, 0 errors$' '$tmp/stderr'"
"$TEXTKG" build -q -f turtle -o "$tmp/p-out" "$tmp/corpus.jsonl" 2>"$tmp/stderr"
check "--quiet: nothing on standard error" test ! -s "$tmp/stderr"
if script -qc true /dev/null >/dev/null 2>&1; then
  script -qc "'$TEXTKG' build -f turtle -o '$tmp/p-out' '$tmp/corpus.jsonl' '$tmp/missing.txt'" \
    "$tmp/typescript" >/dev/null 2>&1
  check "on a terminal: a progress line, redrawn in place" \
    grep -q "documents, [0-9]* words/s" "$tmp/typescript"
  tr '\r' '\n' <"$tmp/typescript" | sed "s/$(printf '\033')\\[K//g" >"$tmp/lines"
  check "on a terminal: a message on a line of its own" \
    grep -q '^textkg: .*missing.txt: No such file or directory' "$tmp/lines"
fi

finish
