#!/usr/bin/env bash
# Runs each libFuzzer target of tests/fuzz for SECONDS, seeded with the shipped scenario and sweep
# files and the test inputs, with a dictionary of the scenario keys. Exits 1 if any target finds a
# crash, a timeout, a leak or a property violation (the input is kept under ARTIFACTS).
#   scripts/fuzz.sh BUILD_DIR [SECONDS] [TARGET...]
# BUILD_DIR is a build configured with the `fuzz` preset (clang, -DRAMPART_FUZZ=ON). Set
# FUZZ_CORPUS_DIR to keep the evolved corpus between runs (e.g. for a run of several hours), and
# FUZZ_JOBS to run that many fuzzing processes per target.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: scripts/fuzz.sh BUILD_DIR [SECONDS] [TARGET...]}
seconds=${2:-60}
shift $(($# < 2 ? $# : 2))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for t in fuzz_scenario fuzz_sweep fuzz_observed_csv fuzz_game_message fuzz_periodic_deflate; do
    [ -x "$build/$t" ] && targets+=("$t")
  done
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
corpus_root=${FUZZ_CORPUS_DIR:-$work/corpus}
artifacts=${ARTIFACTS:-$build/fuzz-artifacts}
mkdir -p "$artifacts"
export RAMPART_DATA_DIR=${RAMPART_DATA_DIR:-$PWD/scenarios}

# Dictionary: every registry path and its parts, section headers, and the keywords of the formats.
dict=$work/rampart.dict
{
  sed -n 's/^RAMPART_PARAM([A-Za-z0-9]*, "\([a-z0-9_.]*\)".*/\1/p' \
    scenarios/include/rampart/scenarios/parameters.def |
    awk -F. '{print $0; print $1; print $2; print "[" $1 "]"}'
  for w in name description view extends horizon seed dist uniform normal triangular beta discrete \
    fixed low high mean sd mode alpha values weights value countries base replicates design type \
    full_factorial latin_hypercube sobol points base_samples max_points factors parameter levels \
    '[[factors]]' '[design]' '[countries]' true false inf nan; do echo "$w"; done
  for w in country gdp spending_share spending_pct year nato DEU FRA USA POL; do echo "$w"; done
  for w in code key round team core_pct aid_pct readiness_pct paused seconds; do echo "$w"; done
} | sort -u | sed 's/.*/"&"/' >"$dict"

status=0
for target in "${targets[@]}"; do
  corpus=$corpus_root/$target
  mkdir -p "$corpus"
  case $target in
    fuzz_scenario) seeds=(scenarios/*.toml tests/data/scenarios/good tests/data/scenarios/bad) ;;
    fuzz_sweep) seeds=(scenarios/sweeps tests/data/sweeps) ;;
    fuzz_observed_csv) seeds=(scenarios/data/observed tests/data/observed) ;;
    fuzz_game_message) seeds=(tests/data/game_messages) ;;
    *) seeds=() ;;
  esac
  seed_dir=$work/seeds_$target
  mkdir -p "$seed_dir"
  for s in "${seeds[@]}"; do
    if [ -d "$s" ]; then
      find "$s" -type f \( -name '*.toml' -o -name '*.csv' -o -name '*.json' \) -exec cp {} "$seed_dir/" \;
    elif [ -f "$s" ]; then cp "$s" "$seed_dir/"; fi
  done
  echo "== $target: $seconds s =="
  log=$work/$target.log
  if ! "$build/$target" "$corpus" "$seed_dir" -dict="$dict" -max_total_time="$seconds" \
    -timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
    -artifact_prefix="$artifacts/$target-" ${FUZZ_JOBS:+-jobs=$FUZZ_JOBS -workers=$FUZZ_JOBS} \
    >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "$target: FAILED (input kept in $artifacts)"
    status=1
    continue
  fi
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$log" || true
  grep -E 'DONE|Done' "$log" | tail -n 1
done
exit "$status"
