#!/usr/bin/env bash
# Writes the man page rampart(1), gzip-compressed, from the program's own help texts:
# `rampart --help` and `rampart COMMAND --help` for every command it lists. Run by the build
# (cmake/packaging.cmake): scripts/man_page.sh BINARY OUT.gz
set -euo pipefail
binary=$1
out=$2

# Help text as man(7) source: verbatim lines, with backslashes and leading dots or quotes escaped.
verbatim() {
  echo ".nf"
  sed -e 's/\\/\\e/g' -e 's/^\([.'"'"']\)/\\\&\1/'
  echo ".fi"
}

version=$("$binary" --version | head -n 1)
help=$("$binary" --help)
# The command names: the indented words under "Commands:" up to the next blank line.
commands=$(printf '%s\n' "$help" | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 { print $1 }')

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
{
  echo ".TH RAMPART 1 \"\" \"$version\" \"User Commands\""
  echo ".SH NAME"
  echo "rampart \\- agent-based Monte Carlo simulator of European defence burden-sharing"
  echo ".SH SYNOPSIS"
  echo ".B rampart"
  echo "\\fICOMMAND\\fR [\\fIoptions\\fR] [\\fIargs\\fR]"
  echo ".SH DESCRIPTION"
  printf '%s\n' "$help" | verbatim
  echo ".SH COMMANDS"
  for c in $commands; do
    echo ".SS rampart $c"
    "$binary" "$c" --help | verbatim
  done
  echo ".SH FILES"
  echo ".TP"
  echo ".I /usr/share/rampart"
  echo "the scenario library (*.toml), sweeps/ and the calibration data (data/); the folder"
  echo "share/rampart beside the binary's bin/ folder wherever it is installed"
  echo ".SH ENVIRONMENT"
  echo ".TP"
  echo ".B RAMPART_DATA_DIR"
  echo "read the scenario library and data from this folder instead"
  echo ".SH EXIT STATUS"
  echo "0 success, 1 runtime failure, 2 bad input, 130 interrupted."
  echo ".SH SEE ALSO"
  echo "/usr/share/doc/rampart: README.md and the documentation (docs/*.md)."
} >"$tmp"
gzip -9 -n -c "$tmp" >"$out"
