#!/usr/bin/env bash
# Hyper at scale, not a test. Prints, each with the command it timed:
#   1. a lazy sweep of bench-1m (1,000,000 random-search points) on tmpfs and on the disk: wall time, files
#      created, peak RSS; each beside the same sweep with its rows listed (-Dhyper.draw=false);
#   2. RUN_N of its tasks through `exec --limit RUN_N` (BenchTrainer trains in no time), then `status` and
#      `results --top 10` over the million;
#   3. an eager sweep of bench-100k with n_trials=2 (200,000 experiments) on tmpfs, then `status`,
#      `results --top 10` and `verify` over it, `verify` again (from its record of what it found ok) and
#      `verify --full` (every experiment read and rendered again).
# Every command runs with JAVA_OPTS (default -Xmx256m): memory must not grow with the sweep.
#
# usage: bench/million.sh      env: SKIP_BUILD=1 (use the jar as built)  RUN_N=1000  LAZY=1 (parts 1, 2)  EAGER=1 (part 3)
#        DISK_DIR=/tmp (parent of the disk run)  JAVA_OPTS=-Xmx256m  BENCH_JAR=hyper-bench/target/bench.jar
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_N="${RUN_N:-1000}"
JAVA_OPTS="${JAVA_OPTS:--Xmx256m}"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "building (mvn package -pl hyper-bench -am) ..." >&2
  (cd "$ROOT" && mvn -B -q -DskipTests package -pl hyper-bench -am) >&2
fi
JAR="${BENCH_JAR:-$ROOT/hyper-bench/target/bench.jar}"
SHM="$(mktemp -d /dev/shm/hyper-million.XXXXXX)"
DISK="$(mktemp -d "${DISK_DIR:-/tmp}/hyper-million.XXXXXX")"
trap 'rm -rf "$SHM" "$DISK"' EXIT

# timed LABEL CMD...: runs CMD, prints "LABEL: W s wall, R MB peak RSS" and the command; its output to $SHM/last.out
timed() {
  local label="$1"
  shift
  /usr/bin/time -f "%e %M" -o "$SHM/time" "$@" >"$SHM/last.out" 2>&1 || { cat "$SHM/last.out" >&2; return 1; }
  read -r wall rss <"$SHM/time"
  printf '%-44s %8.2f s wall %6d MB peak RSS   (%s)\n' "$label:" "$wall" "$((rss / 1024))" "${*#java }"
}

files() { find "$1" -type f | wc -l; }

# the jar's first sweep records its class-data archive (about a second, once); do that here, apart, so that the
# figures below are those of every later sweep
timed "first sweep of this jar (bench-1k)" java $JAVA_OPTS -jar "$JAR" sweep bench-1k --out "$SHM/first"
rm -rf "$SHM/first"

if [ "${LAZY:-1}" = 1 ]; then
echo "== lazy sweep of 1,000,000 points (bench-1m)"
for where in "$SHM" "$DISK"; do
  fs=$(stat -f -c %T "$where")
  timed "sweep bench-1m --lazy on $fs" java $JAVA_OPTS -jar "$JAR" sweep bench-1m --out "$where/lazy"
  echo "  files created: $(files "$where/lazy"), $(du -sh "$where/lazy" | cut -f1) in all"
  # side by side: the rows listed, as before they were drawn from the manifest's plan
  timed "  the same, rows listed (-Dhyper.draw=false)" java $JAVA_OPTS -Dhyper.draw=false -jar "$JAR" sweep bench-1m \
    --out "$where/listed"
  echo "  files created: $(files "$where/listed"), $(du -sh "$where/listed" | cut -f1) in all"
  rm -rf "$where/listed"
done
rm -rf "$DISK/lazy"

echo "== $RUN_N of its tasks, then reading the million back (tmpfs)"
timed "exec --limit $RUN_N --jobs 2" java $JAVA_OPTS -jar "$JAR" exec bench-1m --out "$SHM/lazy" --limit "$RUN_N" --jobs 2
tail -1 "$SHM/last.out"
echo "  files now: $(files "$SHM/lazy")"
timed "status bench-1m" java $JAVA_OPTS -jar "$JAR" status bench-1m --out "$SHM/lazy"
grep -E '^  (done|pending) ' "$SHM/last.out" || true
timed "results bench-1m --top 10" java $JAVA_OPTS -jar "$JAR" results bench-1m --out "$SHM/lazy" --top 10
head -1 "$SHM/last.out"
rm -rf "$SHM/lazy"
fi

if [ "${EAGER:-1}" = 1 ]; then
  echo "== eager sweep of 200,000 experiments (bench-100k, n_trials=2, tmpfs)"
  timed "sweep bench-100k --set n_trials=2" java $JAVA_OPTS -jar "$JAR" sweep bench-100k --out "$SHM/eager" --set n_trials=2
  echo "  files created: $(files "$SHM/eager")"
  timed "status bench-100k" java $JAVA_OPTS -jar "$JAR" status bench-100k --out "$SHM/eager"
  timed "results bench-100k --top 10" java $JAVA_OPTS -jar "$JAR" results bench-100k --out "$SHM/eager" --top 10 \
    || echo "  (results needs DONE experiments with a metric: bench-100k has no trainer)"
  timed "verify bench-100k" java $JAVA_OPTS -jar "$JAR" verify bench-100k --out "$SHM/eager"
  tail -1 "$SHM/last.out"
  timed "verify bench-100k, again" java $JAVA_OPTS -jar "$JAR" verify bench-100k --out "$SHM/eager"
  tail -1 "$SHM/last.out"
  timed "verify bench-100k --full" java $JAVA_OPTS -jar "$JAR" verify bench-100k --out "$SHM/eager" --full
  tail -1 "$SHM/last.out"
fi
