#!/bin/sh
# faults.sh - nothing is lost and nothing half-written when things go wrong:
# an input that crashes, a signal in the middle of a run, a full disk, two
# runs writing one directory
# SPDX-License-Identifier: MIT
. "$(dirname "$0")/common.sh"

# no_temp_files DIR: no hidden temporary file (.NAME.EXT.XXXXXX) is left.
no_temp_files() {
  [ -z "$(find "$1" -name '.*' -type f 2>/dev/null)" ]
}

# ---- texts that end on a word that makes a stage look ahead --------------
mkdir "$tmp/ends"
printf 'He spoke to the Ukrainian' >"$tmp/ends/demonym.txt"
printf 'The minister of the Ukrainian' >"$tmp/ends/minister.txt"
printf 'He is the chairman of the French' >"$tmp/ends/chairman.txt"
for f in demonym minister chairman; do
  "$TEXTKG" build -o "$tmp/ends-out" "$tmp/ends/$f.txt" 2>"$tmp/stderr"
  check "text ending in a demonym ($f) is built" test $? -eq 0
  check "text ending in a demonym ($f): its Turtle parses" \
    sh -c "command -v rapper >/dev/null || exit 0; rapper -q -i turtle '$tmp/ends-out/$f.ttl' >/dev/null"
done

printf 'Jan Kowal, the Polish trade minister, met Anna Berg in Oslo.\n' >"$tmp/good.txt"

# ---- an input that crashes costs only itself ------------------------------
# A preloaded fopen() makes the worker crash on a file called crash-me.txt,
# as a bug in any stage would. (Under ASan, which wants to be loaded
# first, the preload needs verify_asan_link_order=0; ASan then reports the
# signal and exits 1, which the supervisor also takes for a crash.)
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
export ASAN_OPTIONS
cat >"$tmp/crashme.c" <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
FILE *fopen(const char *path, const char *mode)
{
  static FILE *(*real)(const char *, const char *);
  if (strstr(path, "crash-me"))
    raise(SIGSEGV);
  if (!real)
    real = (FILE * (*)(const char *, const char *)) dlsym(RTLD_NEXT, "fopen");
  return real(path, mode);
}
C
if ${CC:-cc} -shared -fPIC -o "$tmp/crashme.so" "$tmp/crashme.c" -ldl 2>"$tmp/cc.err"; then
  mkdir "$tmp/in"
  for f in a b crash-me d; do cp "$tmp/good.txt" "$tmp/in/$f.txt"; done
  LD_PRELOAD="$tmp/crashme.so" "$TEXTKG" build -f turtle,dot -o "$tmp/crash-out" \
    "$tmp/in/a.txt" "$tmp/in/b.txt" "$tmp/in/crash-me.txt" "$tmp/in/d.txt" 2>"$tmp/stderr"
  status=$?
  check "crash: exit status 1" test "$status" -eq 1
  check "crash: reported as a crash, naming the input" \
    grep -q '^textkg: .*crash-me\.txt: crashed (' "$tmp/stderr"
  check "crash: the summary counts it" \
    grep -q '^textkg: 1 of 4 inputs failed (1 crashed); the others were built$' "$tmp/stderr"
  check "crash: the inputs before and after it are built" \
    test -s "$tmp/crash-out/a.ttl" -a -s "$tmp/crash-out/b.ttl" -a -s "$tmp/crash-out/d.ttl" \
      -a -s "$tmp/crash-out/d.dot"
  check "crash: nothing of the crashed input" test ! -e "$tmp/crash-out/crash-me.ttl"
  check "crash: no temporary file left" no_temp_files "$tmp/crash-out"

  # On two threads, the inputs in flight when the worker died are built
  # again one at a time, so that the one that crashes is named, and alone.
  for f in e f g h; do cp "$tmp/good.txt" "$tmp/in/$f.txt"; done
  LD_PRELOAD="$tmp/crashme.so" "$TEXTKG" build -q -j 2 -f turtle,nquads -o "$tmp/crash-j2" \
    "$tmp/in/a.txt" "$tmp/in/b.txt" "$tmp/in/crash-me.txt" "$tmp/in/d.txt" \
    "$tmp/in/e.txt" "$tmp/in/f.txt" "$tmp/in/g.txt" "$tmp/in/h.txt" 2>"$tmp/stderr"
  check "crash, -j 2: exit status 1" test $? -eq 1
  check "crash, -j 2: the crashed input named, and only it" \
    sh -c "grep -q '^textkg: .*crash-me\\.txt: crashed (' '$tmp/stderr' && test \$(grep -c crashed '$tmp/stderr') -eq 2"
  check "crash, -j 2: every other input built" \
    test "$(ls "$tmp/crash-j2"/*.ttl | wc -l)" -eq 7 -a ! -e "$tmp/crash-j2/crash-me.ttl"
  check "crash, -j 2: no temporary file left" no_temp_files "$tmp/crash-j2"
  LD_PRELOAD="$tmp/crashme.so" "$TEXTKG" build -q -j 2 -o "$tmp/crash.nq" \
    "$tmp/in/a.txt" "$tmp/in/b.txt" "$tmp/in/crash-me.txt" "$tmp/in/d.txt" \
    "$tmp/in/e.txt" "$tmp/in/f.txt" 2>"$tmp/stderr"
  "$TEXTKG" build -q -o "$tmp/nocrash.nq" \
    "$tmp/in/a.txt" "$tmp/in/b.txt" "$tmp/in/d.txt" "$tmp/in/e.txt" "$tmp/in/f.txt"
  check "crash, -j 2, one N-Quads file: the other inputs, each once, in order" \
    cmp -s "$tmp/crash.nq" "$tmp/nocrash.nq"

  LD_PRELOAD="$tmp/crashme.so" "$TEXTKG" build --merge -f turtle -o "$tmp/merge-out" \
    "$tmp/in/a.txt" "$tmp/in/crash-me.txt" 2>"$tmp/stderr"
  check "crash under --merge: exit status 1" test $? -eq 1
  check "crash under --merge: no merged graph" test ! -e "$tmp/merge-out/merged.ttl"
else
  echo "# skipped the crash tests: cannot build a preload library with ${CC:-cc}"
  cat "$tmp/cc.err"
fi

# ---- a signal in the middle of a run ---------------------------------------
# Enough inputs that the run is still going when the signal comes.
mkdir "$tmp/many"
i=0
while [ $i -lt 300 ]; do
  cat "$top_srcdir/examples/lakeside-talks.txt" "$top_srcdir/examples/harbour-strike.txt" \
    >"$tmp/many/doc$i.txt"
  i=$((i + 1))
done
stop_run() { # stop_run SIGNAL: start a run, send SIGNAL, check what is left
  sig=$1
  out="$tmp/stop-$sig"
  # A background job of a script ignores SIGINT; perl restores it.
  perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV or die' \
    "$TEXTKG" build -f turtle,dot,svg -o "$out" "$tmp"/many/*.txt 2>"$tmp/stderr-$sig" &
  pid=$!
  # Once the first input is written, the run is under way.
  n=0
  while [ -z "$(ls "$out" 2>/dev/null | grep '\.svg$')" ] && [ $n -lt 300 ]; do
    sleep 0.1
    n=$((n + 1))
  done
  kill -s "$sig" "$pid"
  wait "$pid"
  status=$?
  check "SIG$sig: the run dies of the signal" test "$status" -gt 128
  check "SIG$sig: one line says what was built" \
    grep -q "^textkg: stopped (.*): [0-9]* of 300 inputs built; no partial file left$" \
      "$tmp/stderr-$sig"
  check "SIG$sig: no temporary file left" no_temp_files "$out"
  # Every input has all its files, or none.
  incomplete=0
  for t in "$out"/*.ttl; do
    [ -e "$t" ] || continue
    stem=${t%.ttl}
    [ -s "$stem.dot" ] && [ -s "$stem.svg" ] || incomplete=$((incomplete + 1))
  done
  check "SIG$sig: each input has all its outputs or none" test "$incomplete" -eq 0
}
stop_run TERM
stop_run INT

# ---- a full disk -------------------------------------------------------------
"$TEXTKG" build --stdout -f turtle "$tmp/good.txt" >/dev/full 2>"$tmp/stderr"
check "--stdout to a full device: exit status 1" test $? -eq 1
check "--stdout to a full device: one line naming the error" \
  grep -q '^textkg: stdout: write error: No space left on device$' "$tmp/stderr"

mkdir "$tmp/small"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=16k tmpfs "$tmp/small" 2>/dev/null; then
  "$TEXTKG" build -o "$tmp/small" "$tmp/many/doc1.txt" "$tmp/many/doc2.txt" 2>"$tmp/stderr"
  status=$?
  check "full disk: exit status 1" test "$status" -eq 1
  check "full disk: says so, naming the file" \
    grep -q '^textkg: .*small/doc1\.[a-z]*: write error: No space left on device$' "$tmp/stderr"
  check "full disk: no partial file, no temporary file" test -z "$(ls -A "$tmp/small")"
  umount "$tmp/small"
else
  echo "# skipped the full-disk test: needs root and a tmpfs mount"
fi

# ---- two runs writing the same directory ------------------------------------
# Same input names, different texts: every input's files come from one run.
mkdir "$tmp/runa" "$tmp/runb"
i=0
while [ $i -lt 40 ]; do
  cp "$top_srcdir/examples/flood-relief.txt" "$tmp/runa/doc$i.txt"
  cp "$top_srcdir/examples/harbour-strike.txt" "$tmp/runb/doc$i.txt"
  i=$((i + 1))
done
"$TEXTKG" build -f turtle,ntriples -o "$tmp/shared" "$tmp"/runa/*.txt 2>"$tmp/stderr-a" &
pa=$!
"$TEXTKG" build -f turtle,ntriples -o "$tmp/shared" "$tmp"/runb/*.txt 2>"$tmp/stderr-b" &
pb=$!
wait "$pa"
sa=$?
wait "$pb"
sb=$?
check "two runs, one directory: both succeed" test "$sa" -eq 0 -a "$sb" -eq 0
mixed=0
for t in "$tmp"/shared/*.ttl; do
  stem=${t%.ttl}
  # The Turtle and the N-Triples of one input name the same document text.
  a=$(grep -c 'flood\|Flood' "$t")
  b=$(grep -c 'flood\|Flood' "$stem.nt")
  if [ "$a" -eq 0 ] && [ "$b" -ne 0 ] || [ "$a" -ne 0 ] && [ "$b" -eq 0 ]; then
    mixed=$((mixed + 1))
  fi
done
check "two runs, one directory: no input's files mix the runs" test "$mixed" -eq 0
check "two runs, one directory: no temporary file left" no_temp_files "$tmp/shared"

finish
