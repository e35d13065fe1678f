#!/usr/bin/env bash
# The results page at scale: sweeps bench-10k (10,000 experiments) on tmpfs, gives every experiment a
# DONE marker, a metrics.json and a metrics.jsonl of STEPS steps (made up by a formula, no training), then
# times `results --html` and a headless Chromium that loads the page and takes a screenshot; prints the
# page's size. usage: bench/results-page.sh   env: STEPS=50 SKIP_BUILD=1 BENCH_JAR=...
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STEPS="${STEPS:-50}"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  (cd "$ROOT" && mvn -B -q -DskipTests package -pl hyper-processor,hyper-bench -am) >&2
fi
JAR="${BENCH_JAR:-$ROOT/hyper-bench/target/bench.jar}"
OUT="$(mktemp -d /dev/shm/hyper-page.XXXXXX)"
trap 'rm -rf "$OUT"' EXIT
java -jar "$JAR" sweep bench-10k --out "$OUT/r" >/dev/null
python3 - "$OUT/r" "$STEPS" <<'PY'
import os, sys, json, hashlib
root, steps = sys.argv[1], int(sys.argv[2])
base = os.path.join(root, 'model', 'generated', 'bench-10k')
for i, point in enumerate(sorted(os.listdir(base))):
    d = os.path.join(base, point, '0')
    acc = 0.5 + 0.5 * ((i * 7919) % 1000) / 1000
    with open(os.path.join(d, 'metrics.jsonl'), 'w') as f:
        for s in range(steps):
            f.write(json.dumps({'step': s, 'time': '', 'validation_accuracy': acc * (1 - 0.9 ** (s + 1)),
                                'train_loss': 2.0 * 0.95 ** s}) + '\n')
    m = json.dumps({'best_validation_accuracy': acc}).encode()
    open(os.path.join(d, 'metrics.json'), 'wb').write(m)
    sha = hashlib.sha256(m).hexdigest()
    open(os.path.join(d, 'DONE'), 'w').write('marker = "DONE"\ntime = "t"\nstarted = "t"\nseconds = 1.0\n'
                                             'exit_code = 0\nmetrics_sha256 = "%s"\n' % sha)
PY
t0=$(date +%s.%N)
java -Xmx512m -jar "$JAR" results bench-10k --out "$OUT/r" --html "$OUT/page.html" --top 1 >/dev/null
t1=$(date +%s.%N)
size=$(stat -c %s "$OUT/page.html")
t2=$(date +%s.%N)
timeout 300 chromium --headless=new --no-sandbox --disable-gpu --user-data-dir="$OUT/profile" \
  --window-size=1200,1600 --screenshot="$OUT/shot.png" "file://$OUT/page.html" >/dev/null 2>&1
t3=$(date +%s.%N)
echo "10000 experiments x $STEPS steps: results --html $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}') s;" \
  "page $(awk -v s="$size" 'BEGIN {printf "%.1f", s / 1048576}') MB;" \
  "headless Chromium load and screenshot $(awk -v a="$t2" -v b="$t3" 'BEGIN {printf "%.1f", b - a}') s"
