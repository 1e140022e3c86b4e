#!/usr/bin/env bash
# A sweep's writing rate against `rampart run` (issue 19's "sweeps write at the rate of run"):
# times `rampart sweep SWEEP` and `rampart run BASE --runs N --horizon H` with the same run count
# N and horizon H as the sweep, REPS times interleaved, at THREADS threads, with each
# --compression, and prints runs per second and the sweep's rate as a share of run's.
#
#   bench/sweep.sh [BUILD_DIR] [SWEEP.toml] [BASE] [REPS] [THREADS]
#   (defaults: build, scenarios/sweeps/disengagement_sobol.toml, us_disengagement, 3, nproc)
set -euo pipefail
build=${1:-build}
sweep=${2:-scenarios/sweeps/disengagement_sobol.toml}
base=${3:-us_disengagement}
reps=${4:-3}
threads=${5:-$(nproc)}
rampart="$build/rampart"
[[ -x "$rampart" ]] || { echo "sweep.sh: $rampart not built" >&2; exit 2; }
export RAMPART_DATA_DIR=${RAMPART_DATA_DIR:-$PWD/scenarios}

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# The sweep's run count and horizon, from the file it writes (a short --estimate would not say).
"$rampart" sweep "$sweep" --threads "$threads" -o "$dir/probe.h5" --quiet
read -r runs horizon block <<< "$(/usr/bin/python3 -c "import h5py, sys
with h5py.File(sys.argv[1], 'r') as f:
    a = f.attrs
    print(int(a['runs']) * len(f['point']), int(a['horizon']),
          '%dx%d' % (int(a.get('block_scenarios', 1)), int(a['block_runs'])))" "$dir/probe.h5")"
rm -f "$dir/probe.h5"

# shellcheck source=bench/wall_time.sh
source "$(dirname "${BASH_SOURCE[0]}")/wall_time.sh"

echo "# $(date -u +%FT%TZ) $(uname -n) nproc=$(nproc) load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $sweep: $runs runs to $horizon, chunks of $block (points x runs); $threads threads"
printf '%-10s %-6s %4s %8s %10s %8s\n' compression what rep wall_s runs_per_s MB
for compression in deflate none; do
  for rep in $(seq "$reps"); do
    w=$(wall "$rampart" sweep "$sweep" --threads "$threads" --compression "$compression" \
      -o "$dir/s.h5" --force --quiet)
    printf '%-10s %-6s %4s %8s %10.0f %8.1f\n' "$compression" sweep "$rep" "$w" \
      "$(awk -v n="$runs" -v w="$w" 'BEGIN { print n / w }')" \
      "$(stat -c %s "$dir/s.h5" | awk '{ print $1 / 1e6 }')"
    w=$(wall "$rampart" run "$base" --runs "$runs" --horizon "$horizon" --threads "$threads" \
      --compression "$compression" -o "$dir/r.h5" --force --quiet)
    printf '%-10s %-6s %4s %8s %10.0f %8.1f\n' "$compression" run "$rep" "$w" \
      "$(awk -v n="$runs" -v w="$w" 'BEGIN { print n / w }')" \
      "$(stat -c %s "$dir/r.h5" | awk '{ print $1 / 1e6 }')"
    rm -f "$dir/s.h5" "$dir/r.h5"
  done
done
