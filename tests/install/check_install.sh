#!/usr/bin/env bash
# The install rules (cmake/packaging.cmake): installs the build into a fresh prefix, then runs the
# installed binary from an empty folder with RAMPART_DATA_DIR unset and checks that it reads the
# scenario library and data installed under that prefix, not the source tree it was built from.
# Usage: tests/install/check_install.sh BUILD_DIR
set -euo pipefail
build=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
fail() {
  echo "check_install: $*" >&2
  exit 1
}

cmake --install "$build" --prefix "$prefix" >/dev/null
bin=$prefix/bin/rampart
[ -x "$bin" ] || fail "no installed binary $bin"
for f in baseline.toml sweeps/disengagement_sobol.toml data/countries_2024.csv \
  data/country_attributes.csv data/observed/nato_2014_2024.csv; do
  [ -f "$prefix/share/rampart/$f" ] || fail "share/rampart/$f is not installed"
done
[ -f "$prefix/share/doc/rampart/seminar.md" ] || fail "the documentation is not installed"

mkdir "$tmp/work"
cd "$tmp/work"
unset RAMPART_DATA_DIR
"$bin" --version | grep -qxF "scenario library and data: $prefix/share/rampart" ||
  fail "the installed binary does not read $prefix/share/rampart: $("$bin" --version)"
listing=$("$bin" scenarios)
grep -q '^baseline' <<<"$listing" || fail "'rampart scenarios' does not list the library"
"$bin" check "$prefix/share/rampart/hague_5pct.toml" >/dev/null
"$bin" run baseline us_disengagement --runs 20 --seed 1 -o out.h5 2>/dev/null
"$bin" report out.h5 -o out.html 2>/dev/null
[ -s out.html ] || fail "no report"

# RAMPART_DATA_DIR still wins over the installed library.
mkdir "$tmp/other"
cp -r "$prefix/share/rampart/data" "$tmp/other/"
RAMPART_DATA_DIR=$tmp/other "$bin" --version | grep -qxF "scenario library and data: $tmp/other" ||
  fail "RAMPART_DATA_DIR is not honoured by the installed binary"
echo "check_install: the installed binary reads $prefix/share/rampart"
