#!/usr/bin/env bash
# Fingerprints what a build writes for fixed inputs, so a refactoring can show "behaviour
# unchanged": run it with the build before and after and diff the two manifests.
#
#   scripts/same_outputs.sh BUILD_DIR OUT_DIR      # writes OUT_DIR/manifest.txt
#   diff before/manifest.txt after/manifest.txt    # nothing printed: files identical
#
# Covers the results file (threads 1 and 2, shards + merge, a sweep, a history start), every
# analysis command's csv/json output, trace, replay, the HTML report, the seminar kit,
# calibrate and a one-origin validate. The build's git hash and the creation time (stored in
# files and pages) are replaced before hashing: they are what must differ between two builds.
# About two minutes on two cores.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 BUILD_DIR OUT_DIR" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
out=$2
root=$(cd "$(dirname "$0")/.." && pwd)
rampart="$build/rampart"
[[ -x "$rampart" ]] || { echo "$0: no rampart binary in $build" >&2; exit 2; }
export RAMPART_DATA_DIR="$root/scenarios"
if [[ "${SAME_OUTPUTS_HASH_ONLY:-}" != 1 ]]; then
  rm -rf "$out"
fi
mkdir -p "$out/files"
cd "$out/files"

sha=$("$rampart" --version | sed -n 's/.*(\([0-9a-f]*\)).*/\1/p' | head -1)

step() { # NAME COMMAND...: stdout goes to NAME
  local name=$1
  shift
  "$@" >"$name" 2>"$name.stderr" || { echo "$0: '$*' failed:" >&2; cat "$name.stderr" >&2; exit 1; }
  rm -f "$name.stderr"
}

if [[ "${SAME_OUTPUTS_HASH_ONLY:-}" != 1 ]]; then
step run1.log "$rampart" run baseline us_disengagement --runs 120 --seed 11 -t 1 -q -o t1.h5
step run2.log "$rampart" run baseline us_disengagement --runs 120 --seed 11 -t 2 -q -o t2.h5
step shard0.log "$rampart" run baseline us_disengagement --runs 120 --seed 11 -t 2 -q --shard 0/2 -o shard0.h5
step shard1.log "$rampart" run baseline us_disengagement --runs 120 --seed 11 -t 2 -q --shard 1/2 -o shard1.h5
step merge.log "$rampart" merge -q -o merged.h5 shard0.h5 shard1.h5
step history.log "$rampart" run history_2014 --runs 40 --seed 5 -t 2 -q -o history.h5
step sweep.log "$rampart" sweep "$root/scenarios/sweeps/presence_threat_grid.toml" -t 2 -q -o sweep.h5

step summarize.csv "$rampart" summarize t2.h5 -f csv -t 2
step summarize_history.json "$rampart" summarize history.h5 -f json -g NATO-Europe -c POL,DEU -t 2
step burden.csv "$rampart" burden t2.h5 -f csv -y 2025,2035 -t 2
step compare.json "$rampart" compare t2.h5 --outcome 'spending_share[NATO-Europe]@2035' -f json -t 2
step sensitivity.csv "$rampart" sensitivity sweep.h5 --outcome 'spending_share[NATO-Europe]@2035' \
  --bootstrap 200 -f csv -t 2
step discover.json "$rampart" discover sweep.h5 --outcome 'spending_share[NATO-Europe]@2035 < 0.025' \
  -f json -t 2
step trace.csv "$rampart" trace us_disengagement -c POL -s 3 -r 2 -f csv
step trace.txt "$rampart" trace history_2014 -c FIN -s 3
step replay.txt "$rampart" replay t2.h5 -r 7 --scenario us_disengagement
step report.log "$rampart" report t2.h5 -o report.html -t 2
step report_sweep.log "$rampart" report sweep.h5 -o report_sweep.html -t 2
step seminar.log "$rampart" seminar -o seminar -t 2
step calibrate.txt "$rampart" calibrate -o estimates.toml --max-evaluations 4000
step validate.csv "$rampart" validate --origins 2023 --runs 20 -f csv
fi

# Progress and timing lines are not outputs; drop lines that carry a duration.
manifest="$out/manifest.txt"
: >"$manifest"
while IFS= read -r -d '' f; do
  rel=${f#./}
  if [[ "$rel" == *.log ]]; then
    digest=$({ grep -Ev '[0-9.]+ ?(s|ms|min)\b|seconds|elapsed|runs/s' "$f" || true; } | sed "s/$sha/GITSHA/g" |
      sha256sum | cut -c1-16)
  else
    digest=$(python3 - "$f" "$sha" <<'EOF'
import hashlib, re, sys
data = open(sys.argv[1], "rb").read().replace(sys.argv[2].encode(), b"G" * len(sys.argv[2]))
data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"YYYY-MM-DDTHH:MM:SSZ", data)
print(hashlib.sha256(data).hexdigest()[:16])
EOF
)
  fi
  printf '%s  %s\n' "$digest" "$rel" >>"$manifest"
done < <(find . -type f -print0 | sort -z)
echo "wrote $manifest ($(wc -l <"$manifest") files)"
