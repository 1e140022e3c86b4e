#!/usr/bin/env bash
# Installs dependencies, builds with warnings as errors, runs the whole test suite, builds the
# Debian package, installs it and runs the seminar from it, on this machine and in a clean
# Debian 12 made by debootstrap (scripts/package.sh, check_package.sh, check_package_clean.sh),
# checks docs/seminar-kit is what the code produces, then runs the unit tests again under
# AddressSanitizer + UndefinedBehaviorSanitizer, the engine's tests under ThreadSanitizer, and
# each libFuzzer target for a short fixed time (docs/reliability.md). Used by .ci/run.
# RAMPART_FUZZ_SECONDS sets the fuzzing time per target (default 45).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
# Each stage's header says how long CI has run so far (the whole run should stay near 30 min).
stage() { echo "== $1 ($((SECONDS / 60)) min $((SECONDS % 60)) s in) =="; }

./scripts/install-deps.sh

stage "release build (warnings are errors)"
cmake --preset ci
cmake --build --preset ci -j "$jobs"
ctest --preset ci -j "$jobs"

stage "package: the .deb installs and 'rampart seminar' runs from it, here and on a clean Debian 12"
deb=$(./scripts/package.sh build-ci)
./scripts/check_package.sh "$deb"
./scripts/check_package_clean.sh "$deb"

stage "lint: clang-format and clang-tidy"
./scripts/lint.sh build-ci

stage "ASan + UBSan build"
cmake --preset asan
cmake --build --preset asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --preset asan -j "$jobs"

stage "ThreadSanitizer: the engine's parallel pipeline and writer"
cmake --preset tsan
cmake --build --preset tsan -j "$jobs"
ctest --preset tsan -j "$jobs"

stage "fuzzing: each parser for ${RAMPART_FUZZ_SECONDS:-45} s"
cmake --preset fuzz
cmake --build --preset fuzz -j "$jobs"
./scripts/fuzz.sh build-fuzz "${RAMPART_FUZZ_SECONDS:-45}"

stage "all stages passed"
