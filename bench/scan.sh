#!/usr/bin/env bash
# The analysis scan against the disk (issue 19's "scan at disk speed"): writes a results file of
# RUNS runs of `baseline` (or reuses FILE), then times `cat FILE > /dev/null` and `rampart
# summarize FILE --var VAR --years all`, each cold (page cache dropped: needs root, skipped
# otherwise) and warm, and prints MB/s of the whole file (cat) and of the variable's stored bytes
# (summarize reads only those).
#
#   bench/scan.sh [BUILD_DIR] [RUNS] [VAR] [FILE]
#   (defaults: build, 1000000, gdp, a temporary file removed afterwards; 10^6 runs is 14 GB)
set -euo pipefail
build=${1:-build}
runs=${2:-1000000}
var=${3:-gdp}
file=${4:-}
rampart="$build/rampart"
[[ -x "$rampart" ]] || { echo "scan.sh: $rampart not built" >&2; exit 2; }
python=/usr/bin/python3
"$python" -c "import h5py" 2>/dev/null || { echo "scan.sh: needs python3-h5py" >&2; exit 2; }
if [[ -z "$file" ]]; then
  file=$(mktemp --suffix=.h5)
  trap 'rm -f "$file"' EXIT
fi
if [[ ! -s "$file" ]]; then
  echo "# writing $runs runs of baseline to $file"
  "$rampart" run baseline --runs "$runs" -o "$file" --force --quiet
fi

file_mb=$(stat -c %s "$file" | awk '{ printf "%.1f", $1 / 1e6 }')
var_mb=$("$python" -c "import h5py, sys
with h5py.File(sys.argv[1], 'r') as f:
    print('%.1f' % (f['state/' + sys.argv[2]].id.get_storage_size() / 1e6))" "$file" "$var")

drop_caches() {
  sync
  echo 3 > /proc/sys/vm/drop_caches 2>/dev/null
}
# shellcheck source=bench/wall_time.sh
source "$(dirname "${BASH_SOURCE[0]}")/wall_time.sh"

echo "# $(date -u +%FT%TZ) $(uname -n) nproc=$(nproc) load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $file: $file_mb MB; state/$var: $var_mb MB"
printf '%-36s %6s %8s %10s\n' what cache wall_s MB_per_s
for cache in cold warm; do
  if [[ $cache == cold ]] && ! drop_caches; then
    echo "# cold: skipped (dropping the page cache needs root)"
    continue
  fi
  w=$(wall cat "$file")
  printf '%-36s %6s %8s %10.0f\n' "cat" "$cache" "$w" "$(awk -v m="$file_mb" -v w="$w" 'BEGIN { print m / w }')"
  [[ $cache == cold ]] && drop_caches
  w=$(wall "$rampart" summarize "$file" --var "$var" --years all)
  printf '%-36s %6s %8s %10.0f\n' "summarize --var $var --years all" "$cache" "$w" \
    "$(awk -v m="$var_mb" -v w="$w" 'BEGIN { print m / w }')"
done
