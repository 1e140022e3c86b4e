#!/usr/bin/env bash
# Crash-safety soak: SIGKILL `rampart run` at random moments, resume, and compare every dataset
# with an uninterrupted run (h5diff). Too slow for the default suite; run it by hand:
#   tests/stress/kill_resume.sh build/rampart 60
# Prints one line per mismatch and a final count; exits 1 if any resumed file differs.
set -uo pipefail
rampart=$(realpath "${1:?usage: kill_resume.sh PATH/TO/rampart [ITERATIONS]}")
iterations=${2:-30}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
args=(run baseline hague_5pct --runs 4000 --threads 2 --quiet)
"$rampart" "${args[@]}" -o ref.h5 || exit 1

resumed=0 fails=0 restarts=0
for i in $(seq 1 "$iterations"); do
  rm -f k.h5 k.h5.part k.h5.lock
  "$rampart" "${args[@]}" -o k.h5 &
  pid=$!
  sleep "$(printf '0.%03d' $((RANDOM % 1000)))"
  kill -9 "$pid"
  wait "$pid" 2>/dev/null
  [ -f k.h5.part ] || continue  # killed before the partial file existed, or after it finished
  resumed=$((resumed + 1))
  if ! "$rampart" "${args[@]}" -o k.h5 --resume >log.txt 2>&1; then
    echo "iteration $i: resume failed: $(cat log.txt)"
    fails=$((fails + 1))
    continue
  fi
  if grep -q "partial file is damaged" log.txt; then restarts=$((restarts + 1)); fi
  for group in /state /world /summary /parameters /events; do
    if ! h5diff -q ref.h5 k.h5 "$group" "$group" >/dev/null 2>&1; then
      echo "iteration $i: $group differs from the uninterrupted run"
      fails=$((fails + 1))
    fi
  done
done
echo "kill_resume: $resumed killed and resumed ($restarts found damaged and started over), $fails mismatches"
[ "$fails" -eq 0 ]
