#!/usr/bin/env bash
# Style and static checks: clang-format (.clang-format) on every C++ file, and clang-tidy
# (.clang-tidy) on the library and CLI sources, using BUILD_DIR's compile_commands.json.
# Usage: scripts/lint.sh [BUILD_DIR]   (default: build-ci). Exits non-zero on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build-ci}

git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run --Werror

sources=$(git ls-files 'support/*.cpp' 'scenarios/*.cpp' 'agents/*.cpp' 'sim/*.cpp' 'sim/**/*.cpp' 'analysis/*.cpp' 'game/*.cpp' 'cli/*.cpp')
# The model's objects are compiled for GCC's link-time optimisation (-flto=auto
# -fno-fat-lto-objects, CMakeLists.txt RAMPART_LTO); clang does not know the second flag, and
# under -Werror its notice of that would read as a finding.
findings=$(echo "$sources" | xargs -P "$(nproc)" -n 4 clang-tidy -p "$build_dir" --quiet \
  --extra-arg=-Wno-ignored-optimization-argument 2>/dev/null |
  grep -E '(warning|error):' | sort -u || true)
if [ -n "$findings" ]; then
  echo "$findings"
  echo "lint: clang-tidy found $(echo "$findings" | wc -l) problem(s)"
  exit 1
fi
echo "lint: clang-format and clang-tidy clean"
