#!/usr/bin/env bash
# Parallel efficiency of `baseline` (36 states, 2025-2050) at 1..N threads, with and without
# output: efficiency(T) = wall(1) / (T * wall(T)). Each point is the median of REPEATS runs.
#
#   bench/scaling.sh [BUILD_DIR] [MAX_THREADS] [RUNS] [REPEATS]
#   (defaults: build, nproc, 20000, 3)
set -euo pipefail
build=${1:-build}
max_threads=${2:-$(nproc)}
runs=${3:-20000}
repeats=${4:-3}
harness="$build/rampart_throughput"
[[ -x "$harness" ]] || { echo "scaling.sh: $harness not built (target rampart_throughput)" >&2; exit 2; }
file=$(mktemp --suffix=.h5)
trap 'rm -f "$file"' EXIT

# Median wall seconds of `repeats` runs of one configuration.
median_wall() {
  local mode=$1 threads=$2
  for ((i = 0; i < repeats; i++)); do
    "$harness" --mode "$mode" --runs "$runs" --threads "$threads" --file "$file" |
      sed -n 's/.*wall_s=\([0-9.]*\).*/\1/p'
  done | sort -g | awk '{ w[NR] = $1 } END { print w[int((NR + 1) / 2)] }'
}

echo "# $(date -u +%FT%TZ) $(uname -n) nproc=$(nproc) load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# baseline 2025-2050, $runs runs, median of $repeats"
printf '%-10s %7s %9s %9s %22s %10s\n' mode threads wall_s runs_per_s ns_per_agent_year_core efficiency
agent_years=$((runs * 36 * 26))
thread_counts=()  # 1, 2, 4, ... and max_threads itself
for ((t = 1; t < max_threads; t *= 2)); do thread_counts+=("$t"); done
thread_counts+=("$max_threads")
for mode in no-output output; do
  wall1=""
  for t in "${thread_counts[@]}"; do
    wall=$(median_wall "$mode" "$t")
    [[ -n "$wall1" ]] || wall1=$wall
    awk -v m="$mode" -v t="$t" -v w="$wall" -v w1="$wall1" -v r="$runs" -v ay="$agent_years" 'BEGIN {
      printf "%-10s %7d %9.3f %9.0f %22.1f %9.1f%%\n", m, t, w, r / w, w * t * 1e9 / ay, 100 * w1 / (t * w) }'
  done
done
