#!/usr/bin/env bash
# Successive halving against the full search on the example model, not a test. For each seed S of SEEDS:
#   rnn-halving: 81 points drawn with seed S (--set search.seed=S), ASHA with min 1, reduction 3, up to MAX epochs;
#   rnn-full:    the same 81 points, each trained to MAX epochs (with the model's own early stopping, patience 3).
# Each runs with `exec --jobs JOBS` into its own directory. Printed per seed and search: the best validation
# accuracy any run logged, the best of the runs that finished (DONE, best_validation_accuracy), the epochs trained
# (each run's last logged epoch, summed) and the wall time; then ASHA's share of the full search's epochs and its
# gap to the full search's best; last, the medians over the seeds.
#
# usage: bench/asha.sh        env: MAX=27 JOBS=2 SEEDS="7 11 13" SKIP_BUILD=1 (use the jar as built)
#        KEEP=1 (keep the directories) OUT=DIR (parent of the runs, default a temporary directory)
#        MODEL=JAR (the model jar to run, default example-model/target/model.jar)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MAX="${MAX:-27}"
JOBS="${JOBS:-2}"
SEEDS="${SEEDS:-7 11 13}"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "building (mvn package -pl example-model -am) ..." >&2
  (cd "$ROOT" && mvn -B -q -DskipTests package -pl example-model -am) >&2
fi
MODEL="${MODEL:-$ROOT/example-model/target/model.jar}"
OUT="${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/hyper-asha.XXXXXX")}"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$OUT"' EXIT

# search SWEEP SEED: sweeps and runs it under $OUT/SEED/SWEEP; prints "best best_done epochs seconds"
search() {
  local sweep="$1" seed="$2" dir="$OUT/$2/$1" extra=()
  [ "$sweep" = rnn-halving ] && extra=(--set "halving.max=$MAX")
  java -jar "$MODEL" sweep "$sweep" --out "$dir" --set "search.seed=$seed" --set "num_epochs=$MAX" "${extra[@]}" >&2
  local t0 t1
  t0=$(date +%s.%N)
  java -jar "$MODEL" exec "$sweep" --out "$dir" --jobs "$JOBS" | tail -1 >&2
  t1=$(date +%s.%N)
  [ "$sweep" = rnn-halving ] && java -jar "$MODEL" status "$sweep" --out "$dir" | grep -A9 '^successive halving' >&2
  local logs best done_best epochs
  logs=$(find "$dir/model/generated/$sweep" -name metrics.jsonl)
  best=$(cat $logs | grep -o '"validation_accuracy":[0-9.eE+-]*' | cut -d: -f2 | sort -g | tail -1)
  done_best=$(cat $(find "$dir/model/generated/$sweep" -name metrics.json) /dev/null \
    | grep -o '"best_validation_accuracy" : [0-9.eE+-]*' | awk '{print $3}' | sort -g | tail -1)
  epochs=0
  for f in $logs; do
    epochs=$((epochs + $(grep -o '"epoch":[0-9]*' "$f" | cut -d: -f2 | sort -n | tail -1)))
  done
  echo "$best ${done_best:-nan} $epochs $(echo "$t1 - $t0" | bc)"
}

# row SEED SEARCH BEST BEST_DONE EPOCHS SECONDS: one line of the table
row() { printf '%-5s %-5s %14.4f %18.4f %8d %9.0f\n' "$@"; }

printf '81 points per seed, up to %s epochs each, exec --jobs %s\n' "$MAX" "$JOBS"
printf '%-5s %-5s %14s %18s %8s %9s\n' seed search best_val_acc best_of_finished epochs seconds
rows=()
for seed in $SEEDS; do
  read -r ab ad ae as < <(search rnn-halving "$seed")
  read -r fb fd fe fs < <(search rnn-full "$seed")
  rows+=("$seed $ab $ad $ae $as $fb $fd $fe $fs")
  row "$seed" asha "$ab" "$ad" "$ae" "$as"
  row "$seed" full "$fb" "$fd" "$fe" "$fs"
  awk -v s="$seed" -v ab="$ab" -v fb="$fb" -v ae="$ae" -v fe="$fe" -v max="$MAX" 'BEGIN {
    printf "seed %s: asha spent %.1f%% of the full search'"'"'s epochs (%d of %d; 81 x %d = %d nominal), best %+.2f percentage points\n",
      s, 100 * ae / fe, ae, fe, max, 81 * max, 100 * (ab - fb) }'
done
printf '%s\n' "${rows[@]}" | awk '
  function median(a, n,   i, j, t) {
    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  { n++; gap[n] = 100 * ($2 - $6); share[n] = 100 * $4 / $8; ab[n] = $2; fb[n] = $6 }
  END { printf "median over %d seeds: asha best %.4f, full best %.4f, gap %+.2f percentage points, asha epochs %.1f%% of the full search\n",
    n, median(ab, n), median(fb, n), median(gap, n), median(share, n) }'
