#!/bin/sh
# bench.sh - speed and peak memory of tag+parse and of the whole pipeline
# SPDX-License-Identifier: MIT
#
# usage: bench.sh TEXTKG DATA_DIR WORK_DIR
# The input is the raw text of the UD English EWT and GUM training
# sentences under DATA_DIR (about 300,000 words), written to WORK_DIR; it
# is not kept in the repository. Times are wall-clock seconds of one run on
# one core; memory is the peak resident set size from GNU time.
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
