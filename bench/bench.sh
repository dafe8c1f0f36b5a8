#!/bin/sh
# bench.sh - speed and peak memory of tag+parse and of the whole pipeline
# SPDX-License-Identifier: MIT
#
# usage: bench.sh TEXTKG DATA_DIR WORK_DIR
# The input is the raw text of the UD English EWT and GUM training
# sentences under DATA_DIR (about 300,000 words), written to WORK_DIR; it
# is not kept in the repository. Times are wall-clock seconds of one run on
# one core; memory is the peak resident set size from GNU time.
#
# Huge inputs, made from the same sentences: one line of sentences joined
# with spaces and no newline (TEXTKG_HUGE_MB, default "5 10 25 50" MiB),
# one sentence of 25,000 to 100,000 tokens (the sentences' words without
# . ! ?), and a sentence inside 2,500 to 10,000 nested brackets, straight
# quotes or a mix of brackets and curly quotes. Each is built with
# `textkg build -f ntriples --stdout`; seconds, MB/s, words/s and peak MB
# show whether cost is linear. TEXTKG_BASELINE=PATH runs another textkg
# (an older build) on the same inputs, each input in turn, for a
# comparison on a shared, noisy machine; TEXTKG_HUGE_MB="" leaves the
# lines out.
#
# A diagram of 10,000 entities: the raw text of every corpus under
# DATA_DIR (EWT and GUM, train and dev, and CoNLL04's sentences) and
# WordNet's glosses of the named things it lists, as "Name: gloss." lines
# (TEXTKG_WORDNET, default /usr/share/wordnet), built as one merged graph.
# `-f dot` times the analysis, `-f dot,svg` the analysis and the SVG: the
# difference is the diagram's layout and rendering. Graphviz's own `dot`
# program then renders the DOT written, for the render's peak memory
# alone. Rows give the DOT's entity nodes and edges; TEXTKG_BASELINE is
# honoured here too, and TEXTKG_DIAGRAM="" leaves the diagram out.
set -eu
textkg=$1
data=$2
work=$3
mkdir -p "$work"
input="$work/bench-input.txt"

# One paragraph per document: sentences as the treebanks give them.
{
  sed -n 's/^# text = //p' "$data"/ud-english-ewt/*train*.conllu
  for f in "$data"/gum/train/dep/*.conllu; do sed -n 's/^# text = //p' "$f"; echo; done
} >"$input"

timed() { # timed OUT COMMAND...: run, keep "seconds peak-KiB" in OUT
  out=$1; shift
  /usr/bin/time -f '%e %M' -o "$out" "$@"
}

words=$("$textkg" parse "$input" | grep -c '^[0-9]')
timed "$work/t-parse" "$textkg" parse "$input" >/dev/null
timed "$work/t-build" "$textkg" build --timings -f ntriples -o "$work" "$input" 2>"$work/stages"
printf 'Refine: one sentence.\n' >"$work/tiny.txt"
timed "$work/t-load" "$textkg" parse "$work/tiny.txt" >/dev/null

read -r ps pk <"$work/t-parse"
read -r bs bk <"$work/t-build"
read -r ls lk <"$work/t-load"
printf 'input: %s words (%s bytes)\n' "$words" "$(wc -c <"$input")"
awk -v w="$words" -v s="$ps" -v k="$pk" 'BEGIN { printf "tag+parse:      %7.2f s  %8.0f words/s  peak %6.1f MB\n", s, w / s, k / 1024 }'
awk -v w="$words" -v s="$bs" -v k="$bk" 'BEGIN { printf "textkg build:   %7.2f s  %8.0f words/s  peak %6.1f MB\n", s, w / s, k / 1024 }'
awk -v s="$ls" -v k="$lk" 'BEGIN { printf "load models + one sentence: %.3f s, peak %.1f MB\n", s, k / 1024 }'
echo "stages of textkg build:"
cat "$work/stages"

# ---- a diagram of 10,000 entities -------------------------------------------
corpora="$work/diagram-input.txt"
wordnet=${TEXTKG_WORDNET:-/usr/share/wordnet}
{
  cat "$input"
  sed -n 's/^# text = //p' "$data"/ud-english-ewt/*dev*.conllu
  for f in "$data"/gum/dev/dep/*.conllu; do sed -n 's/^# text = //p' "$f"; echo; done
  # CoNLL04's JSON: each sentence's "tokens" array, joined with spaces
  for f in "$data"/conll04/conll04_train.json "$data"/conll04/conll04_dev.json; do
    sed 's/{"tokens": \[/\n/g' "$f" | sed -n 's/^\(.*\)\], "tags".*/\1/p' |
      sed 's/", "/ /g; s/^"//; s/"$//; s/\\"/"/g; s/\\\\/\\/g'
    echo
  done
  # WordNet's instances (the synsets with an @i pointer): word and gloss
  if [ -r "$wordnet/data.noun" ]; then
    LC_ALL=C awk -F' [|] ' '/^[0-9]/ && / @i / { split($1, f, " "); w = f[5]; gsub("_", " ", w)
                                          g = $2; sub(/ +$/, "", g); print w ": " g "." }' \
      "$wordnet/data.noun"
  fi
} >"$corpora"

# diagram WHICH BIN: build the merged graph as DOT, then as DOT and SVG
diagram() {
  which=$1
  bin=$2
  dir="$work/diagram-$which" # not "out": timed() sets that
  rm -rf "$dir"
  if ! timed "$work/t-dot" "$bin" build --merge -f dot -o "$dir" "$corpora" 2>"$work/diagram-err" ||
     ! timed "$work/t-svg" "$bin" build --merge -f dot,svg -o "$dir" "$corpora" 2>"$work/diagram-err"; then
    printf '  %-4s failed (see %s)\n' "$which" "$work/diagram-err"
    return
  fi
  # entity nodes have a URL (the legend's do not), edges an arrow
  nodes=$(grep -c '^[[:space:]]*"[^"]*"[[:space:]]*\[URL=' "$dir/merged.dot" || true)
  edges=$(grep -c '^[[:space:]]*"[^"]*" -> "' "$dir/merged.dot" || true)
  read -r ds dk <"$work/t-dot"
  read -r ss sk <"$work/t-svg"
  awk -v which="$which" -v n="$nodes" -v e="$edges" -v ds="$ds" -v dk="$dk" -v ss="$ss" -v sk="$sk" \
    'BEGIN { printf "  %-4s %6d %6d %9.2f %9.2f %9.2f %8.1f %8.1f\n",
                    which, n, e, ds, ss, ss - ds, dk / 1024, sk / 1024 }'
  if command -v dot >/dev/null 2>&1 &&
     timed "$work/t-gv" dot -Tsvg -o "$dir/graphviz.svg" "$dir/merged.dot" 2>/dev/null; then
    read -r gs gk <"$work/t-gv"
    awk -v which="$which" -v s="$gs" -v k="$gk" \
      'BEGIN { printf "  %-4s graphviz alone, DOT to SVG: %.2f s, peak %.1f MB\n", which, s, k / 1024 }'
  fi
}

if [ -n "${TEXTKG_DIAGRAM-yes}" ]; then
  printf 'diagram of one merged graph (%s words, textkg build --merge; new%s):\n' \
    "$(wc -w <"$corpora")" "${TEXTKG_BASELINE:+ = $textkg, old = $TEXTKG_BASELINE}"
  printf '  %-4s %6s %6s %9s %9s %9s %8s %8s\n' "" nodes edges "s dot" "s +svg" "s svg" \
    "MB dot" "MB +svg"
  diagram new "$textkg"
  if [ -n "${TEXTKG_BASELINE-}" ]; then diagram old "$TEXTKG_BASELINE"; fi
fi

sentences="$work/huge-sentences.txt"
{
  sed -n 's/^# text = //p' "$data"/ud-english-ewt/*train*.conllu
  for f in "$data"/gum/train/dep/*.conllu; do sed -n 's/^# text = //p' "$f"; done
} >"$sentences"

# ---- a corpus of many documents -------------------------------------------
# Documents of six training sentences each, as JSON Lines (some 3,000 of
# them), built into one N-Quads file on one thread and on two; then the
# same documents ten times over, under other ids, to show that memory
# does not grow with the corpus (TEXTKG_CORPUS_TIMES, default 10; "" leaves
# the corpus out). The older build of TEXTKG_BASELINE may not read JSON
# Lines, so these rows are of this build only.
corpus="$work/corpus.jsonl"
LC_ALL=C jq -R -n -c '[inputs] | range(0; length; 6) as $i
  | {id: "doc-\($i / 6)", text: (.[$i:$i + 6] | join(" "))}' "$sentences" >"$corpus"

# corpus_run LABEL FILE JOBS: build FILE on JOBS threads, print a row
corpus_run() {
  if timed "$work/t-corpus" "$textkg" build -j "$3" -o "$work/corpus.nq" "$2" \
       2>"$work/corpus-summary"; then
    read -r cs ck <"$work/t-corpus"
    sed -n 's/^textkg: \([0-9]*\) documents, \([0-9]*\) words, \([0-9]*\) triples.*/\1 \2 \3/p' \
      "$work/corpus-summary" >"$work/corpus-counts"
    read -r cd cw ct <"$work/corpus-counts"
    awk -v l="$1" -v j="$3" -v d="$cd" -v w="$cw" -v t="$ct" -v s="$cs" -v k="$ck" \
      'BEGIN { if (s <= 0) s = 0.01
               printf "  %-22s %3s %7d %9d %9d %8.2f %8.1f %8.0f %8.1f\n",
                      l, j, d, w, t, s, d / s, w / s, k / 1024 }'
  else
    printf '  %-22s %3s failed (see %s)\n' "$1" "$3" "$work/corpus-summary"
  fi
}

if [ -n "${TEXTKG_CORPUS_TIMES-10}" ]; then
  echo "corpus (JSON Lines in, -o corpus.nq out):"
  printf '  %-22s %3s %7s %9s %9s %8s %8s %8s %8s\n' corpus -j docs words triples seconds \
    docs/s words/s "peak MB"
  corpus_run "$(wc -l <"$corpus" | tr -d ' ') documents" "$corpus" 1
  read -r one_s one_k <"$work/t-corpus"
  corpus_run "$(wc -l <"$corpus" | tr -d ' ') documents" "$corpus" 2
  read -r two_s two_k <"$work/t-corpus"
  awk -v a="$one_s" -v b="$two_s" 'BEGIN { if (b > 0) printf "  -j 2 against -j 1: %.2f times the documents per second\n", a / b }'
  times=${TEXTKG_CORPUS_TIMES-10}
  i=0
  while [ $i -lt "$times" ]; do
    sed "s/^{\"id\":\"/{\"id\":\"r$i-/" "$corpus"
    i=$((i + 1))
  done >"$work/corpus-big.jsonl"
  corpus_run "$(wc -l <"$work/corpus-big.jsonl" | tr -d ' ') documents" "$work/corpus-big.jsonl" 1
  read -r big_s big_k <"$work/t-corpus"
  awk -v a="$one_k" -v b="$big_k" 'BEGIN { if (a > 0) printf "  peak memory, %s times the corpus against once: %+.1f%%\n", '"$times"', 100 * (b - a) / a }'
  rm -f "$work/corpus.nq" "$work/corpus-big.jsonl"
fi

# ---- the store ---------------------------------------------------------------
# The first TEXTKG_STORE_DOCS (default 2000; "" leaves the store out)
# documents of the corpus into a new store, a query over it, then one more
# document added to it.
if [ -n "${TEXTKG_STORE_DOCS-2000}" ] && [ -n "${TEXTKG_CORPUS_TIMES-10}" ]; then
  store="$work/bench.sqlite"
  rm -f "$store"
  head -n "${TEXTKG_STORE_DOCS-2000}" "$corpus" >"$work/store-docs.jsonl"
  "$textkg" build -q -j 2 -o "$work/store-docs.nq" "$work/store-docs.jsonl"
  echo "store (textkg store add, Redland's SQLite storage):"
  if timed "$work/t-store" "$textkg" store add "$store" "$work/store-docs.nq" 2>"$work/store-err"; then
    read -r ts tk <"$work/t-store"
    sed 's/^textkg: [^:]*: /  /' "$work/store-err"
    awk -v s="$ts" -v k="$tk" -v t="$(sed -n 's/.*, \([0-9]*\) triples$/\1/p' "$work/store-err")" \
      'BEGIN { printf "  added in %.1f s (%.0f triples/s), peak %.1f MB, store %s\n", s, t / s, k / 1024, "'"$(du -h "$store" | cut -f1)"'" }'
    query=$(dirname "$0")/../examples/queries/represents.rq
    timed "$work/t-query" "$textkg" query "$store" -q "$query" >"$work/query.csv"
    read -r qs qk <"$work/t-query"
    printf '  query (represents.rq): %s s, %s rows\n' "$qs" "$(($(wc -l <"$work/query.csv") - 1))"
    printf '{"id": "one-more", "text": "%s"}\n' "$(head -1 "$sentences" | sed 's/["\\]//g')" >"$work/one.jsonl"
    timed "$work/t-one" "$textkg" store add "$store" "$work/one.jsonl" 2>/dev/null
    read -r os ok_ <"$work/t-one"
    printf '  one more document into the store of %s: %s s\n' "${TEXTKG_STORE_DOCS-2000}" "$os"
  else
    printf '  failed (see %s)\n' "$work/store-err"
  fi
  rm -f "$store" "$work/store-docs.jsonl" "$work/store-docs.nq"
fi

# ---- huge inputs ----------------------------------------------------------

# make_line BYTES OUT: the sentences joined with spaces, repeated, no newline
make_line() {
  LC_ALL=C awk -v n="$1" '{ s[NR] = $0 }
    END { len = 0; for (i = 0; len < n; i++) { x = s[i % NR + 1]; if (len) { printf " "; len++ }
                                             printf "%s", x; len += length(x) } }' \
    "$sentences" >"$2"
}
# make_sentence WORDS OUT: one sentence of WORDS words, no . ! ?
make_sentence() {
  tr -d '.!?' <"$sentences" | LC_ALL=C awk -v n="$1" '
    { for (k = 1; k <= NF && c < n; k++) { printf "%s%s", c ? " " : "", $k; c++ } }
    END { printf "\n" }' >"$2"
}
# make_nest KIND DEPTH OUT: DEPTH openers, the first sentence, the closers
make_nest() {
  LC_ALL=C awk -v kind="$1" -v n="$2" 'NR == 1 { s = $0 } END {
    split("( [ { \" \342\200\234 \342\200\230", O, " "); split(") ] } \" \342\200\235 \342\200\231", C, " ")
    for (i = 0; i < n; i++) printf "%s", kind == "paren" ? "(" : kind == "quote" ? "\"" : O[i % 6 + 1]
    printf "%s", s
    for (i = n - 1; i >= 0; i--) printf "%s", kind == "paren" ? ")" : kind == "quote" ? "\"" : C[i % 6 + 1]
    printf "\n" }' "$sentences" >"$3"
}

# huge LABEL FILE: build FILE with textkg (and the baseline), print a row
huge() {
  label=$1
  file=$2
  bytes=$(wc -c <"$file")
  for which in new ${TEXTKG_BASELINE:+old}; do
    bin=$textkg
    [ "$which" = old ] && bin=$TEXTKG_BASELINE
    if timed "$work/t-huge" "$bin" build --timings -f ntriples --stdout "$file" \
         >/dev/null 2>"$work/huge-stages"; then
      read -r hs hk <"$work/t-huge"
      hw=$(sed -n 's/^textkg: analysis .* s, \([0-9]*\) words,.*/\1/p' "$work/huge-stages")
      awk -v l="$label" -v w="${hw:-0}" -v b="$bytes" -v s="$hs" -v k="$hk" -v which="$which" \
        'BEGIN { if (s <= 0) s = 0.01
                 printf "  %-27s %-4s %9.1f MB %9d %8.2f %7.3f %8.0f %9.1f\n",
                        l, which, b / 1048576, w, s, b / 1048576 / s, w / s, k / 1024 }'
    else
      printf '  %-27s %-4s failed (see %s)\n' "$label" "$which" "$work/huge-stages"
    fi
  done
}

echo "huge inputs (textkg build -f ntriples; new${TEXTKG_BASELINE:+ = $textkg, old = $TEXTKG_BASELINE}):"
printf '  %-27s %-4s %12s %9s %8s %7s %8s %9s\n' input "" size words seconds MB/s words/s "peak MB"
for mb in ${TEXTKG_HUGE_MB-5 10 25 50}; do
  make_line $((mb * 1048576)) "$work/huge-line.txt"
  huge "one line, $mb MB" "$work/huge-line.txt"
done
rm -f "$work/huge-line.txt"
for n in 25000 50000 100000; do
  make_sentence $n "$work/huge-sentence.txt"
  huge "one sentence, $n words" "$work/huge-sentence.txt"
done
for kind in paren quote mixed; do
  for n in 2500 5000 10000; do
    make_nest $kind $n "$work/huge-nest.txt"
    huge "$kind x $n" "$work/huge-nest.txt"
  done
done
