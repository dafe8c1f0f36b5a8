#!/bin/sh
# layering.sh - each folder of src/ includes only the folders before it in
# the README's layout, and what `build` runs includes no trainer or scorer
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/common.sh"

# The order of the README's "Source layout": the stages as the data flows,
# then the corpus readers, scorers, trainers and the command line.
order="core text nlp lexicon mention ner coref rel pipeline graph emit store corpus eval train cli"
rank() {
  n=0
  for f in $order; do
    [ "$f" = "$1" ] && { echo $n; return; }
    n=$((n + 1))
  done
  echo -1
}

: >"$tmp/violations"
for dir in "$top_srcdir"/src/*/; do
  folder=$(basename "$dir")
  mine=$(rank "$folder")
  check "src/$folder/ has its place in the layout" test "$mine" -ge 0
  for file in "$dir"*.c "$dir"*.h; do
    [ -f "$file" ] || continue
    sed -n 's/^#include "\([a-z]*\)\/.*/\1/p' "$file" | sort -u | while read -r used; do
      theirs=$(rank "$used")
      if [ "$used" != "$folder" ] && [ "$theirs" -gt "$mine" ]; then
        echo "src/$folder/$(basename "$file") includes $used/" >>"$tmp/violations"
      fi
    done
  done
done
check "no folder includes one after it" test ! -s "$tmp/violations"
cat "$tmp/violations"
finish
