#!/usr/bin/env bash
# Makes the Debian package of a release build: scripts/package.sh [BUILD_DIR] (default build).
# Writes BUILD_DIR/package/rampart_<version>_<arch>.deb and prints its path. Its dependencies
# are the runtime libraries the binary links, found by dpkg-shlibdeps (cmake/packaging.cmake).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cmake --build "$build" >&2
rm -rf "$build/package"
cpack --config "$build/CPackConfig.cmake" -B "$build/package" >&2
rm -rf "$build/package/_CPack_Packages"
deb=$(find "$build/package" -maxdepth 1 -name 'rampart_*.deb')
[ -n "$deb" ] || {
  echo "package: cpack wrote no .deb in $build/package" >&2
  exit 1
}
echo "$deb"
