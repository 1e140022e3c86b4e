# shellcheck shell=bash
# Sourced by the bench scripts: `wall CMD ARGS…` runs CMD with its output discarded and prints
# its wall time in seconds (two decimals).
wall() {
  local start end
  start=$(date +%s.%N)
  "$@" > /dev/null
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }'
}
