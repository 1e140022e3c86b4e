#!/usr/bin/env bash
# Installs dependencies, builds with warnings as errors, runs the whole test suite, then runs the
# unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer. Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

./scripts/install-deps.sh

echo "== release build (warnings are errors) =="
cmake --preset ci
cmake --build --preset ci -j "$jobs"
ctest --preset ci -j "$jobs"

echo "== lint: clang-format and clang-tidy =="
./scripts/lint.sh build-ci

echo "== ASan + UBSan build =="
cmake --preset asan
cmake --build --preset asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --preset asan -j "$jobs"
