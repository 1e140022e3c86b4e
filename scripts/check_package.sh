#!/usr/bin/env bash
# Installs a Rampart .deb with apt (which brings its dependencies), checks that it depends on
# no build tools, and runs `rampart seminar` from the installed binary in an empty folder outside
# the source tree. Needs root (or sudo): scripts/check_package.sh FILE.deb
set -euo pipefail
deb=$(realpath "$1")
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
fail() {
  echo "check_package: $*" >&2
  exit 1
}

depends=$(dpkg-deb -f "$deb" Depends)
echo "check_package: Depends: $depends"
[ -n "$depends" ] || fail "the package declares no dependencies (dpkg-shlibdeps did not run?)"
if grep -Eq -- '-dev\b|build-essential|cmake|clang|nodejs|npm|chromium' <<<"$depends"; then
  fail "the package depends on build tools: $depends"
fi

DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$deb" >/dev/null
ldd /usr/bin/rampart | grep -q 'not found' && fail "unresolved libraries: $(ldd /usr/bin/rampart)"
man -w rampart >/dev/null 2>&1 || [ -f /usr/share/man/man1/rampart.1.gz ] || fail "no man page"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(
  cd "$work"
  unset RAMPART_DATA_DIR
  /usr/bin/rampart --version
  /usr/bin/rampart --version | grep -qxF "scenario library and data: /usr/share/rampart" ||
    fail "the installed binary does not read /usr/share/rampart"
  /usr/bin/rampart seminar >seminar.log 2>&1 || fail "rampart seminar failed: $(cat seminar.log)"
  [ -s rampart-seminar/report.html ] || fail "rampart seminar wrote no report"
  grep -q 'us_disengagement' rampart-seminar/report.html || fail "the report lacks the scenarios"
)
echo "check_package: $(basename "$deb") installs and 'rampart seminar' works from it"
