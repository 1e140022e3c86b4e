#!/usr/bin/env bash
# The .deb on a clean Debian 12: builds a minimal bookworm system with debootstrap (no compiler,
# no Boost, no HDF5 headers, nothing of the build), installs the package there with apt (which
# brings only the runtime libraries it declares) and runs `rampart seminar` from it in an empty
# folder, as a teacher would. Needs root and the Debian mirror apt already uses.
#   scripts/check_package_clean.sh FILE.deb [CHROOT_DIR]
# About two minutes; CHROOT_DIR (default: a temporary folder, removed afterwards) can be kept
# between runs to skip debootstrap.
set -euo pipefail
deb=$(realpath "${1:?usage: scripts/check_package_clean.sh FILE.deb [CHROOT_DIR]}")
[ "$(id -u)" -eq 0 ] || { echo "check_package_clean: needs root (debootstrap, chroot)" >&2; exit 1; }
root=${2:-}
keep=1
if [ -z "$root" ]; then
  root=$(mktemp -d)
  chmod 755 "$root"  # apt inside drops to the _apt user
  keep=0
fi
mirror=$(sed -n 's|^URIs: *\(http[^ ]*/debian\)$|\1|p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
mirror=${mirror:-http://deb.debian.org/debian}
cleanup() {
  umount "$root/proc" 2>/dev/null || true
  [ "$keep" -eq 1 ] || rm -rf "$root"
}
trap cleanup EXIT

if [ ! -x "$root/usr/bin/apt-get" ]; then
  command -v debootstrap >/dev/null ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  echo "check_package_clean: debootstrap --variant=minbase bookworm ($mirror)"
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 || {
    tail -20 "$root.debootstrap.log" >&2
    exit 1
  }
  rm -f "$root.debootstrap.log"
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/rampart.deb"
mount -t proc proc "$root/proc"
chroot "$root" /bin/bash -euo pipefail -c '
  export DEBIAN_FRONTEND=noninteractive
  if dpkg -s g++ cmake libhdf5-dev >/dev/null 2>&1; then
    echo "check_package_clean: the system is not clean (build tools installed)" >&2
    exit 1
  fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends /tmp/rampart.deb >/tmp/install.log 2>&1 ||
    { tail -20 /tmp/install.log >&2; exit 1; }
  work=$(mktemp -d)
  cd "$work"
  rampart --version
  rampart seminar >seminar.log 2>&1 || { cat seminar.log >&2; exit 1; }
  [ -s rampart-seminar/report.html ] && [ -s rampart-seminar/results.h5 ] ||
    { echo "check_package_clean: rampart seminar wrote no report" >&2; exit 1; }
'
echo "check_package_clean: $(basename "$deb") installs on a clean Debian 12 and 'rampart seminar' works"
