#!/usr/bin/env bash
# Installs Rampart's build, test and analysis dependencies from Debian 12 packages.
# Idempotent: does nothing when everything is already installed. Needs root (or sudo).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git clang-format clang-tidy
  libboost-random-dev libboost-program-options-dev
  libtbb-dev libtomlplusplus-dev
  libnlopt-dev libeigen3-dev
  libhdf5-dev hdf5-tools libdeflate-dev zlib1g-dev
  librandom123-dev libqrencode-dev
  openmpi-bin libopenmpi-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-numpy python3-h5py python3-xarray python3-h5netcdf
  nodejs npm chromium
  zbar-tools librsvg2-bin
)

missing=()
for p in "${packages[@]}"; do
  # Some nodejs builds (NodeSource's) bring npm themselves: a working npm command counts.
  if [ "$p" = npm ] && command -v npm >/dev/null 2>&1; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
else
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The report's charting libraries (vega, vega-lite, vega-embed, pinned in package-lock.json),
# copied into the binary at build time: installed when missing or when the lock file changed.
web="$(cd "$(dirname "$0")/.." && pwd)/analysis/report/web"
if [ ! -f "$web/node_modules/.package-lock.json" ] ||
  [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
  echo "install-deps: npm ci in $web (the report's charting libraries)"
  npm ci --prefix "$web" --no-audit --no-fund --ignore-scripts --loglevel=error
fi

# The game's browser test driver (puppeteer-core, pinned in tests/game_browser/package-lock.json;
# it drives the system chromium, so no browser is downloaded).
game_browser="$(cd "$(dirname "$0")/.." && pwd)/tests/game_browser"
if [ ! -f "$game_browser/node_modules/.package-lock.json" ] ||
  [ "$game_browser/package-lock.json" -nt "$game_browser/node_modules/.package-lock.json" ]; then
  echo "install-deps: npm ci in $game_browser (the game's browser test)"
  npm ci --prefix "$game_browser" --no-audit --no-fund --ignore-scripts --loglevel=error
fi
