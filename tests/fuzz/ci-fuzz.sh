#!/bin/sh
# ci-fuzz.sh - every fuzz target for a bounded time, as CI runs them
# SPDX-License-Identifier: MIT
#
# usage: tests/fuzz/ci-fuzz.sh [SECONDS]   (from the top of the source tree)
# Configures a clang build with libFuzzer, ASan and UBSan in ci-fuzz/,
# then runs `make fuzz` with SECONDS per target (default 20, or
# $FUZZ_SECONDS). Fails when a target finds a crash, a leak or a timeout;
# the log names the reproducer, to be minimized into tests/fuzz/crashes/.
set -eu
seconds=${1:-${FUZZ_SECONDS:-20}}
top=$(pwd)
mkdir -p ci-fuzz
cd ci-fuzz
"$top/configure" --enable-fuzzing CC=clang CFLAGS='-g -O1' >configure.log 2>&1 ||
  { tail -20 configure.log; exit 1; }
make -j2 >build.log 2>&1 || { tail -40 build.log; exit 1; }
make fuzz FUZZ_SECONDS="$seconds"
