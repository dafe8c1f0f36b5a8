#!/bin/sh
# virtuoso.sh - the examples' N-Quads in a real SPARQL server (Virtuoso 7),
# queried there and in the embedded store, with the same answers
# SPDX-License-Identifier: MIT
#
# A private Virtuoso runs on loopback in the test's temporary directory
# (virtuoso-server.sh starts, loads and stops it); the system's own
# Virtuoso service, if there is one, is never used. The N-Quads of the
# bundled examples are bulk-loaded (ld_dir, rdf_loader_run) as textkg
# writes them: every document's named graph must arrive whole, and the
# triples outside the documents (the entities) in the graph that ld_dir()
# is given. Then each examples/queries/*.rq runs against the server's
# SPARQL endpoint and against the embedded store (textkg store add, textkg
# query), and the two CSV results must be the same table once normalized
# (normalize_csv below). Until the store commands exist, each query must
# still return a header, and the comparison is reported as skipped.
#
# The two must hold the same dataset. The store files an entity's triples
# in the graph of the document they came with, so these are loaded into
# Virtuoso that way too (as_documents below), and the dataset of a query
# is set by the protocol (default-graph-uri, named-graph-uri) to the
# documents' graphs: the default graph is their union, as in the store,
# and Virtuoso's own system graphs (virtrdf#, ...), which its default
# graph would otherwise include, are left out.
#
# Skipped (77) where Virtuoso 7 or curl is missing: Debian packages
# virtuoso-opensource and curl (VIRTUOSO_T and VIRTUOSO_ISQL name other
# binaries than virtuoso-t and isql-vt). TEXTKG_QUERIES names another
# directory of queries, to try queries of one's own.
. "$(dirname "$0")/common.sh"
# librdf and rasqal leak in frames ASan's fast unwinding cannot see past;
# store.sh checks the store for leaks, this test its answers.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
export ASAN_OPTIONS

server="$(dirname "$0")/virtuoso-server.sh"
queries=${TEXTKG_QUERIES:-$top_srcdir/examples/queries}
default_graph=http://example.org/default
tab=$(printf '\t')

for tool in "${VIRTUOSO_T:-virtuoso-t}" "${VIRTUOSO_ISQL:-isql-vt}"; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "# skipped: no $tool: Virtuoso 7 is not installed (Debian package virtuoso-opensource)"
    exit 77
  }
done
version=$("${VIRTUOSO_T:-virtuoso-t}" +version 2>&1 | sed -n 's/^Version \([0-9][0-9]*\)\..*/\1/p' | head -n 1)
[ "${version:-0}" -ge 7 ] || {
  echo "# skipped: virtuoso-t is version ${version:-unknown}, not Virtuoso 7"
  exit 77
}
command -v curl >/dev/null 2>&1 || { echo "# skipped: no curl (Debian package curl)"; exit 77; }

vdir=$tmp/virtuoso
mkdir "$vdir"
# The server is stopped whatever happens; a signal during the clean-up
# (make's, or a second Ctrl-C) does not cut it short.
cleanup() {
  trap '' INT TERM
  sh "$server" stop "$vdir" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# normalize_csv FILE: a SPARQL CSV result (W3C SPARQL 1.1 Query Results CSV,
# RFC 4180) as one line per row, the header first, then the rows sorted. A
# field is unquoted ("" inside quotes is one "), its backslash, tab, line
# feed and carriage return written \\ \t \n \r, fields joined by tabs, so
# that a value with commas, quotes or line breaks is one field on one line.
# Quoting and line ends (LF, CRLF) then do not matter. In the rows, numbers
# are compared as values (Virtuoso writes 0.90^^xsd:decimal as 0.9, 1.00 as
# 1), booleans as 1 and 0 (Virtuoso writes true as 1), and every blank
# node as _: (labels are the store's own).
normalize_csv() {
  : >"$1.rows"
  awk '
    function canon(v) {
      if (v ~ /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/)
        v = sprintf("%.15g", v + 0)
      else if (v == "true") v = "1"
      else if (v == "false") v = "0"
      else if (v ~ /^_:/) v = "_:"
      return v
    }
    function escape(v) {
      gsub(/\\/, "\\\\", v); gsub(/\t/, "\\t", v)
      gsub(/\n/, "\\n", v); gsub(/\r/, "\\r", v)
      return v
    }
    function end_field() {
      row = row (nf++ ? "\t" : "") escape(records ? canon(field) : field)
      field = ""
    }
    function end_record() {
      if (records++) print row > rows; else print row
      row = ""; nf = 0
    }
    {
      n = length($0)
      for (i = 1; i <= n; i++) {
        c = substr($0, i, 1)
        if (inq) {
          if (c != "\"") field = field c
          else if (substr($0, i + 1, 1) == "\"") { field = field c; i++ }
          else inq = 0
        } else if (c == "\"") inq = 1
        else if (c == ",") end_field()
        else if (c == "\r" && i == n) continue
        else field = field c
      }
      if (inq) { field = field "\n"; next }   # a line break inside quotes
      end_field(); end_record()
    }
    END { if (inq) { end_field(); end_record() } }
  ' rows="$1.rows" "$1" && sort "$1.rows"
  _rc=$?
  rm -f "$1.rows"
  return $_rc
}

# The graph of an N-Quads line, "" for a triple: an awk function for the
# two below. textkg writes one space between terms; a literal may hold
# spaces, escaped quotes and a language tag or datatype.
nq_graph_awk='
  function nq_graph(line,   k, i, n, c) {
    for (k = 0; k < 2; k++) line = substr(line, index(line, " ") + 1)
    if (substr(line, 1, 1) == "\"") {
      n = length(line)
      for (i = 2; i <= n; i++) {
        c = substr(line, i, 1)
        if (c == "\\") i++
        else if (c == "\"") break
      }
      line = substr(line, i + 1)
    }
    line = substr(line, index(line, " ") + 1)
    sub(/ *\. *$/, "", line)
    return line
  }'

# nq_graph_counts FILE: each graph of an N-Quads file and how many distinct
# quads it has, "-" for the default graph.
nq_graph_counts() {
  sort -u "$1" | awk "$nq_graph_awk"'
    /^[ \t]*(#|$)/ { next }
    {
      g = nq_graph($0)
      if (g == "") g = "-"
      sub(/^</, "", g); sub(/>$/, "", g)
      count[g]++
    }
    END { for (g in count) print g "\t" count[g] }' | sort
}

# as_documents FILE: the N-Quads as the embedded store files them
# (src/store/store.h): a triple outside any graph, which textkg writes
# among the quads of the document it came with (its entities), goes into
# that document's graph, the graph of the quad before it; before any quad,
# into the first document's.
as_documents() {
  awk "$nq_graph_awk"'
    function attach(line) { sub(/ *\. *$/, "", line); print line " " doc " ." }
    /^[ \t]*(#|$)/ { next }
    {
      g = nq_graph($0)
      if (g != "") {
        if (doc == "") { doc = g; for (i = 1; i <= n; i++) attach(early[i]) }
        doc = g
        print
      } else if (doc != "") attach($0)
      else early[++n] = $0
    }
    END { if (doc == "") for (i = 1; i <= n; i++) print early[i] }' "$1"
}

# sparql_csv QUERYFILE OUT: the query on the server, over the dataset of the
# N-Quads, as CSV; fails, with the server's answer, unless HTTP 200.
sparql_csv() {
  set -f # $dataset is split into words, and never globbed
  # shellcheck disable=SC2086
  _code=$(curl -sS --max-time 120 -o "$2" -w '%{http_code}' -H 'Accept: text/csv' \
    $dataset --data-urlencode "query@$1" "$endpoint")
  _rc=$?
  set +f
  [ $_rc -eq 0 ] && [ "$_code" = 200 ] && return 0
  printf '# HTTP %s from %s for %s:\n' "${_code:-?}" "$endpoint" "$1"
  head -n 5 "$2" 2>/dev/null | sed 's/^/#   /'
  return 1
}

# ---- the N-Quads -----------------------------------------------------------
"$TEXTKG" build -q --stdout -f nquads "$top_srcdir"/examples/*.txt >"$vdir/data.nq" 2>"$tmp/stderr"
check "N-Quads of the examples built" test $? -eq 0 -a -s "$vdir/data.nq"
nq_graph_counts "$vdir/data.nq" >"$tmp/graphs.nq"
check "N-Quads: a named graph per document" \
  test "$(grep -vc "^-$tab" "$tmp/graphs.nq")" -eq "$(ls "$top_srcdir"/examples/*.txt | wc -l)"
as_documents "$vdir/data.nq" >"$vdir/documents.nq"
nq_graph_counts "$vdir/documents.nq" >"$tmp/graphs.documents"

# ---- the server --------------------------------------------------------------
started=$(date +%s)
if sh "$server" start "$vdir" 2>"$tmp/server.err"; then
  ok "virtuoso: a private server answers on 127.0.0.1 in $(($(date +%s) - started)) s"
else
  not_ok "virtuoso: a private server answers on 127.0.0.1"
  sed 's/^/# /' "$tmp/server.err"
  finish
  exit
fi
endpoint=http://127.0.0.1:$(cat "$vdir/http-port")/sparql

# graphs_match EXPECTED: every graph of EXPECTED (lines "IRI<tab>quads", "-"
# for $default_graph) has as many quads in the server as in the file:
# named graphs kept, nothing lost. Virtuoso's own graphs are left out.
printf '%s\n' 'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g' >"$tmp/graphs.rq"
graphs_match() {
  : >"$tmp/graphs.all"
  dataset= # the whole store
  sparql_csv "$tmp/graphs.rq" "$tmp/graphs.csv" &&
    normalize_csv "$tmp/graphs.csv" | sed 1d |
    awk -F '\t' -v d="$default_graph" '{ print ($1 == d ? "-" : $1) "\t" $2 }' |
      sort >"$tmp/graphs.all"
  awk -F '\t' 'NR == FNR { want[$1]; next } $1 in want' "$1" "$tmp/graphs.all" >"$tmp/graphs.virtuoso"
  cmp -s "$1" "$tmp/graphs.virtuoso" && return 0
  diff -u "$1" "$tmp/graphs.virtuoso" | sed 's/^/# /'
  return 1
}

# The N-Quads as textkg writes them, as a user would load them (the
# README): the documents' graphs kept, the triples outside them in the
# graph given to ld_dir().
check "virtuoso: the N-Quads bulk-load (ld_dir, rdf_loader_run, checkpoint)" \
  sh "$server" load "$vdir" data.nq "$default_graph"
check "virtuoso: every named graph kept, with all its quads, the rest in $default_graph" \
  graphs_match "$tmp/graphs.nq"

# Then the same quads as the embedded store holds them, the entities in the
# graph of their document, so that a GRAPH pattern binds the same graph in
# both. The queries' dataset is these graphs (default-graph-uri: their
# union; named-graph-uri: each), not $default_graph nor Virtuoso's own.
check "virtuoso: the triples outside the documents loaded into their documents' graphs" \
  sh "$server" load "$vdir" documents.nq "$default_graph"
check "virtuoso: every document's graph as the store files it" \
  graphs_match "$tmp/graphs.documents"
dataset=
while IFS=$tab read -r g _; do
  [ "$g" = - ] ||
    dataset="$dataset --data-urlencode default-graph-uri=$g --data-urlencode named-graph-uri=$g"
done <"$tmp/graphs.documents"

# ---- the queries -------------------------------------------------------------
set -- "$queries"/*.rq
if [ ! -e "$1" ]; then
  echo "# skipped: no .rq file in $queries: no query run"
  finish
  exit
fi

store=$tmp/store
if "$TEXTKG" store --help >/dev/null 2>&1; then
  if "$TEXTKG" store add "$store" "$vdir/data.nq" >"$tmp/store.out" 2>&1; then
    ok "store: the N-Quads added"
  else
    not_ok "store: the N-Quads added"
    sed 's/^/# /' "$tmp/store.out"
    store=
  fi
else
  echo "# skipped: comparison with the embedded store: 'textkg store --help' failed (no store yet)"
  store=
fi

mkdir "$tmp/answers"
for q in "$@"; do
  name=$(basename "$q" .rq)
  case $name in *.store) continue ;; esac # the store's own record: not in Virtuoso
  out=$tmp/answers/$name
  if ! sparql_csv "$q" "$out.virtuoso.csv"; then
    not_ok "$name.rq: Virtuoso answers"
    continue
  fi
  normalize_csv "$out.virtuoso.csv" >"$out.virtuoso"
  if [ -z "$store" ]; then
    # No store to compare with: a header of variable names at least.
    check "$name.rq: Virtuoso answers, $(($(wc -l <"$out.virtuoso") - 1)) rows" \
      test -n "$(head -n 1 "$out.virtuoso")"
    continue
  fi
  if ! "$TEXTKG" query "$store" -q "$q" --format csv >"$out.store.csv" 2>"$out.err"; then
    not_ok "$name.rq: the store answers"
    sed 's/^/# /' "$out.err"
    continue
  fi
  normalize_csv "$out.store.csv" >"$out.store"
  if [ -s "$out.virtuoso" ] && cmp -s "$out.virtuoso" "$out.store"; then
    ok "$name.rq: the store and Virtuoso give the same $(($(wc -l <"$out.store") - 1)) rows"
  else
    not_ok "$name.rq: the store and Virtuoso give the same rows"
    diff -u "$out.virtuoso" "$out.store" | head -40 | sed 's/^/# /'
  fi
done

finish
