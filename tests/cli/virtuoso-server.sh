#!/bin/sh
# virtuoso-server.sh - a private Virtuoso 7 server on loopback, for the tests
# SPDX-License-Identifier: MIT
#
#   virtuoso-server.sh start DIR           a new database in DIR; waits until
#                                          it serves
#   virtuoso-server.sh load DIR FILE IRI   bulk-loads DIR/FILE (N-Quads keep
#                                          their graphs; bare triples go to
#                                          IRI); a file loads once per database
#   virtuoso-server.sh stop DIR            shuts the server down (kills it if
#                                          need be)
#
# DIR must exist and should be empty; it gets virtuoso.ini, the database,
# server.log, virtuoso.pid, sql-port and http-port (the SPARQL endpoint is
# http://127.0.0.1:$(cat DIR/http-port)/sparql). Nothing outside DIR is
# touched, and the system's own Virtuoso service, if any, is not used: the
# server listens only on 127.0.0.1, on two ports that were free, with the
# default dba/dba password of a new database. The Debian package
# virtuoso-opensource provides virtuoso-t and isql-vt; VIRTUOSO_T and
# VIRTUOSO_ISQL name other binaries, VIRTUOSO_TIMEOUT (seconds, 60) bounds
# the start.
set -u
LC_ALL=C
export LC_ALL

virtuoso_t=${VIRTUOSO_T:-virtuoso-t}
isql=${VIRTUOSO_ISQL:-isql-vt}
timeout=${VIRTUOSO_TIMEOUT:-60}

die() { printf 'virtuoso-server.sh: %s\n' "$*" >&2; exit 1; }

[ $# -ge 2 ] || die "usage: virtuoso-server.sh start|load|stop DIR [FILE GRAPH]"
cmd=$1
dir=$2
[ -d "$dir" ] || die "$dir: not a directory"
dir=$(cd "$dir" && pwd) || exit 1
case $dir in *,* | *\'*) die "$dir: a comma or quote in the path cannot go into virtuoso.ini or SQL" ;; esac

# sql STATEMENT...: runs each statement through isql on the server's SQL
# port. isql exits 0 even when a statement fails, so its error lines decide.
sql() {
  _port=$(cat "$dir/sql-port") || return 1
  "$isql" "127.0.0.1:$_port" dba dba VERBOSE=OFF BANNER=OFF PROMPT=OFF ECHO=OFF \
    "$@" </dev/null >"$dir/isql.out" 2>"$dir/isql.err"
  _rc=$?
  if [ $_rc -ne 0 ] || grep -q '^\*\*\* Error' "$dir/isql.err"; then
    cat "$dir/isql.err" >&2
    return 1
  fi
}

# port_in_use PORT: true when a TCP socket on this machine has that local
# port (any state, IPv4 or IPv6). Without /proc the start is simply tried.
port_in_use() {
  _hex=$(printf '%04X' "$1")
  for _f in /proc/net/tcp /proc/net/tcp6; do
    [ -r "$_f" ] || continue
    awk -v p="$_hex" 'NR > 1 { n = split($2, a, ":"); if (a[n] == p) found = 1 }
                      END { exit !found }' "$_f" && return 0
  done
  return 1
}

# free_port: a port below Linux's ephemeral range (32768-60999), at random
# so that tests run side by side do not pick the same one.
free_port() {
  for _try in 1 2 3 4 5 6 7 8 9 10; do
    _r=$(od -An -N2 -tu2 /dev/urandom 2>/dev/null | tr -d ' ')
    [ -n "$_r" ] || _r=$(( ($$ * 7919 + _try * 104729) % 65536 ))
    _p=$((20000 + _r % 12000))
    port_in_use "$_p" || { echo "$_p"; return 0; }
  done
  return 1
}

server_pid() { cat "$dir/virtuoso.pid" 2>/dev/null; }

# alive: the recorded server process still runs: not a zombie, and a
# Virtuoso, so that a recycled process id is never signalled.
alive() {
  _pid=$(server_pid) && [ -n "$_pid" ] && kill -0 "$_pid" 2>/dev/null || return 1
  _ps=$(ps -o stat= -o comm= -p "$_pid" 2>/dev/null) || return 0 # no ps: kill -0 has to do
  # shellcheck disable=SC2086
  set -- $_ps
  case ${1:-}/${2:-} in
    Z*) return 1 ;;
    */*virtuoso*) return 0 ;;
    *) return 1 ;;
  esac
}

write_ini() { # write_ini SQLPORT HTTPPORT
  cat >"$dir/virtuoso.ini" <<EOF
; Written by tests/cli/virtuoso-server.sh: a throw-away database in $dir.
[Database]
DatabaseFile       = $dir/virtuoso.db
ErrorLogFile       = $dir/virtuoso.log
LockFile           = $dir/virtuoso.lck
TransactionFile    = $dir/virtuoso.trx
xa_persistent_file = $dir/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = $dir/virtuoso-temp.db
TransactionFile    = $dir/virtuoso-temp.trx
Striping           = 0

[Parameters]
ServerPort         = 127.0.0.1:$1
DisableUnixSocket  = 1
DisableTcpSocket   = 0
; ld_dir() reads only from these directories.
DirsAllowed        = ., $dir
MaxClientConnections = 8
CheckpointInterval = 0
NumberOfBuffers    = 4000
MaxDirtyBuffers    = 3000
ThreadsPerQuery    = 2
AsyncQueueMaxThreads = 2
MaxQueryMem        = 256M

[HTTPServer]
ServerPort         = 127.0.0.1:$2
ServerRoot         = $dir
ServerThreads      = 4
MaxClientConnections = 4
Charset            = UTF-8

[SPARQL]
ResultSetMaxRows   = 1000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 0
EOF
}

start() {
  [ ! -e "$dir/virtuoso.pid" ] || ! alive || die "a server already runs in $dir"
  command -v "$virtuoso_t" >/dev/null 2>&1 || die "no $virtuoso_t (Debian package virtuoso-opensource)"
  command -v "$isql" >/dev/null 2>&1 || die "no $isql (Debian package virtuoso-opensource)"
  command -v curl >/dev/null 2>&1 || die "no curl"
  # Up to three tries: another program may take a port between the check
  # and the server's bind.
  for _attempt in 1 2 3; do
    sqlport=$(free_port) || die "no free port found"
    httpport=$(free_port) || die "no free port found"
    [ "$sqlport" != "$httpport" ] || continue
    rm -f "$dir"/virtuoso*.db "$dir"/virtuoso*.trx "$dir"/virtuoso.lck "$dir"/virtuoso.pxa "$dir"/virtuoso.log
    write_ini "$sqlport" "$httpport"
    echo "$sqlport" >"$dir/sql-port"
    echo "$httpport" >"$dir/http-port"
    # Own directory as working directory, no terminal, output to a file
    # (a test harness waits for its test's output pipe to close).
    (cd "$dir" && exec "$virtuoso_t" +foreground +configfile "$dir/virtuoso.ini") \
      </dev/null >"$dir/server.log" 2>&1 &
    echo $! >"$dir/virtuoso.pid"
    _waited=0
    while [ "$_waited" -lt "$timeout" ]; do
      if ! alive; then
        break
      fi
      # SQL port and SPARQL endpoint both answer: the server is up.
      if "$isql" "127.0.0.1:$sqlport" dba dba VERBOSE=OFF BANNER=OFF PROMPT=OFF \
          'EXEC=select 1;' </dev/null >/dev/null 2>&1 &&
        curl -sSf -o /dev/null --max-time 10 --data-urlencode 'query=ASK {}' \
          "http://127.0.0.1:$httpport/sparql" 2>/dev/null; then
        return 0
      fi
      sleep 1
      _waited=$((_waited + 1))
    done
    if alive; then
      stop
      die "the server did not answer within $timeout s (log: $dir/server.log)"
    fi
    # It exited: retry only when a port was taken.
    grep -Eqi 'port|address already in use|bind' "$dir/server.log" || break
  done
  tail -20 "$dir/server.log" >&2
  die "the server did not start (log: $dir/server.log)"
}

load() { # load FILE GRAPH
  [ -r "$dir/$1" ] || die "$dir/$1: cannot read"
  _file=$(printf '%s' "$1" | sed "s/'/''/g")
  _graph=$(printf '%s' "$2" | sed "s/'/''/g")
  sql "EXEC=ld_dir('$dir', '$_file', '$_graph');" "EXEC=rdf_loader_run();" \
    "EXEC=checkpoint;" || die "loading $1 failed"
  # The loader records a parse error per file instead of failing.
  sql "EXEC=select ll_file, ll_error from DB.DBA.LOAD_LIST where ll_state <> 2 or ll_error is not null;" ||
    die "cannot read the loader's list"
  if grep -q . "$dir/isql.out"; then
    cat "$dir/isql.out" >&2
    die "loading $1 failed"
  fi
}

stop() {
  alive || { rm -f "$dir/virtuoso.pid"; return 0; }
  _pid=$(server_pid)
  # Shutdown through SQL: checkpoints and exits. Then signals, if needed.
  "$isql" "127.0.0.1:$(cat "$dir/sql-port")" dba dba -K </dev/null >/dev/null 2>&1
  for _sig in none TERM KILL; do
    [ "$_sig" = none ] || kill -s "$_sig" "$_pid" 2>/dev/null
    _waited=0
    while alive && [ "$_waited" -lt 20 ]; do
      sleep 1
      _waited=$((_waited + 1))
    done
    alive || break
  done
  alive && die "cannot stop the server (pid $_pid)"
  rm -f "$dir/virtuoso.pid"
}

case $cmd in
  start) start ;;
  load) [ $# -eq 4 ] || die "usage: virtuoso-server.sh load DIR FILE GRAPH"; load "$3" "$4" ;;
  stop) stop ;;
  *) die "unknown command $cmd (start, load or stop)" ;;
esac
