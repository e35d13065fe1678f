#!/usr/bin/env bash
# Hyper materialization benchmark (issue #5): builds hyper-bench (and example-model), then
#   1. sweeps bench-1k / bench-10k / bench-100k on tmpfs: experiments/s (JVM start included), peak RSS,
#      disk per experiment, and a re-run over the finished tree (all skipped);
#   2. on the disk, side by side in one run: fs-limit (the syscalls a crash-safe materializer needs,
#      no rendering), fs-limit-layout (the same in Hyper's nested layout), Hyper, and Hyper evaluating
#      every render (-Dhyper.splice=false), each run alone on the file system (the one before deleted and
#      synced outside the timing), the order rotated each round, same N, same parent directory: median ratios;
#   3. the example model's 72-experiment sweep (wall, JVM start included);
#   4. the peer (the blog's hyper.py) on its 72-point sweep, and the ratio.
# Every Hyper run uses -Xmx256m (memory must not grow with the sweep). Repeats: median of REPS.
#
# usage: bench/materialize.sh            env: REPS=3  SIZES="1k 10k 100k"  DISK_N=10000  PEER=1  JMH=0
#        EXAMPLE=1  SKIP_BUILD=1 (use the jars as built); SIZES="" or DISK_N=0 skip those parts  DISK_DIR=/tmp (parent of the disk runs;
#        /dev/shm puts the side by side on tmpfs)  KEEP_RUNS=1 (keep every run's tree: each then runs beside the ones before it)  JAVA_OPTS=...
#        FS_LIMIT_C=/work/shared/bench/fs-limit.c  PEER_DIR=/work/shared/peer-hyperpy
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPS="${REPS:-3}"
SIZES="${SIZES-1k 10k 100k}"
DISK_N="${DISK_N:-10000}"
FS_LIMIT_C="${FS_LIMIT_C:-$ROOT/../shared/bench/fs-limit.c}"
[ -f "$FS_LIMIT_C" ] || FS_LIMIT_C=/work/shared/bench/fs-limit.c
PEER_DIR="${PEER_DIR:-/work/shared/peer-hyperpy}"
JAVA_OPTS="${JAVA_OPTS:--Xmx256m}"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "building (mvn package -pl hyper-processor,example-model,hyper-bench -am) ..." >&2
  (cd "$ROOT" && mvn -B -q -DskipTests package -pl hyper-processor,example-model,hyper-bench -am) >&2
fi
JAR="${BENCH_JAR:-$ROOT/hyper-bench/target/bench.jar}"
MODEL="$ROOT/example-model/target/model.jar"

SHM="$(mktemp -d /dev/shm/hyper-bench.XXXXXX)"
DISK="$(mktemp -d "${DISK_DIR:-/tmp}/hyper-bench.XXXXXX")"
cleanup() { rm -rf "$SHM" "$DISK"; }
trap cleanup EXIT

median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
count() { case "$1" in 1k) echo 1000;; 10k) echo 10000;; 100k) echo 100000;; *) echo "$1";; esac; }

# hyper_run OUT SWEEP -> prints "wall_s rss_kb"; fails loudly if the sweep fails
hyper_run() {
  local out="$1" sweep="$2" t; t="$(mktemp)"
  if ! /usr/bin/time -f '%e %M' -o "$t" java $JAVA_OPTS ${EXTRA_OPTS:-} -jar "$JAR" sweep "$sweep" --out "$out" >/dev/null 2>"$t.err"; then
    cat "$t.err" >&2; exit 1
  fi
  tail -1 "$t"; rm -f "$t" "$t.err"
}

echo "machine: $(nproc) cores, $(uname -r), $(java -version 2>&1 | head -1); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "tmpfs: $SHM   disk: $DISK ($(df -T "$DISK" | awk 'NR==2 {print $2}'))   Hyper JVM options: $JAVA_OPTS"
echo

# 0. the first sweep of a newly built jar records its class-data archive (ForkedSweep); say what that costs,
#    and leave the archive in place for the runs below, as a user's second sweep would find it
t0="$(mktemp)"; /usr/bin/time -f '%e' -o "$t0" java $JAVA_OPTS -jar "$JAR" sweep bench-1k --out "$SHM/first" >/dev/null
first_wall=$(tail -1 "$t0"); rm -rf "$t0" "$SHM/first"
echo "first sweep of this jar (bench-1k, records the class-data archive in ${XDG_CACHE_HOME:-~/.cache}/hyper/cds): ${first_wall} s"
echo

# 1. tmpfs sweeps
[ -n "$SIZES" ] && printf '%-10s %9s %8s %8s %12s %8s %11s %12s %12s %8s\n' sweep exps "wall_s" "exp/s" "min..max" "rss_MiB" "KB/exp(du)" "cfg_KB/exp" "cfg_app_KB" "rerun_s"
declare -A RATE
for size in $SIZES; do
  n="$(count "$size")"; walls=(); rss=()
  for r in $(seq "$REPS"); do
    out="$SHM/$size-$r"
    read -r w m < <(hyper_run "$out" "bench-$size")
    walls+=("$w"); rss+=("$m")
    if [ "$r" = 1 ]; then
      du_all=$(du -sk "$out" | cut -f1)
      du_cfg=$(du -sk --exclude=.snapshots --exclude=model.jar "$out/config" | cut -f1)
      app_cfg=$(du -sk --apparent-size --exclude=.snapshots --exclude=model.jar "$out/config" | cut -f1)
      links=$(find "$out/config/generated" -path "*/.snapshots/*" -name "*.jar" | wc -l)
      read -r rerun _ < <(hyper_run "$out" "bench-$size")
    fi
    rm -rf "$out"
  done
  wall=$(printf '%s\n' "${walls[@]}" | median)
  lo=$(printf '%s\n' "${walls[@]}" | sort -g | head -1); hi=$(printf '%s\n' "${walls[@]}" | sort -g | tail -1)
  rate=$(awk -v n="$n" -v w="$wall" 'BEGIN {printf "%.0f", n / w}')
  RATE[$size]=$rate
  printf '%-10s %9d %8.2f %8s %12s %8.0f %11.2f %12.2f %12.2f %8s\n' "bench-$size" "$n" "$wall" "$rate" \
    "$(awk -v n="$n" -v a="$hi" -v b="$lo" 'BEGIN {printf "%.0f..%.0f", n/a, n/b}')" \
    "$(printf '%s\n' "${rss[@]}" | sort -g | tail -1 | awk '{print $1/1024}')" \
    "$(awk -v d="$du_all" -v n="$n" 'BEGIN {print d/n}')" "$(awk -v d="$du_cfg" -v n="$n" 'BEGIN {print d/n}')" \
    "$(awk -v d="$app_cfg" -v n="$n" 'BEGIN {print d/n}')" "$rerun"
  echo "           (stored jars: $links for $n experiments, hard-linked into each; wall = median of $REPS, rss = max;"
  echo "            KB/exp(du) = whole tree incl. the jar; cfg = config/ without the jar, in blocks and apparent)"
done
echo

# 2. disk, side by side: fs-limit, fs-limit-layout, Hyper, Hyper evaluating, each alone, the order rotated
if [ "$DISK_N" != 0 ]; then
FSL="$DISK/fs-limit"; FSL2="$DISK/fs-limit-layout"
gcc -O2 -o "$FSL" "$FS_LIMIT_C"
gcc -O2 -o "$FSL2" "$ROOT/bench/fs-limit-layout.c"
size=$(case "$DISK_N" in 1000) echo 1k;; 10000) echo 10k;; 100000) echo 100k;; esac)
echo "$(df -T "$DISK" | awk 'NR==2 {print $2}') ($DISK_N experiments each in $DISK; each run alone: the run before it deleted and"
echo "      synced outside the timing (KEEP_RUNS=1 keeps them), the order rotated each round;"
echo "      fs-limit-layout = fs-limit with Hyper's nested ID/TRIAL layout and no serialization directory, as many calls):"
# side_run NAME OUT: one timed run of NAME into OUT; prints experiments/s (Hyper: and its wall time)
side_run() {
  local w
  case "$1" in
    fs) "$FSL" "$DISK_N" "$2" | sed -E 's/.*= ([0-9]+) experiments.*/\1/' ;;
    fsl) "$FSL2" "$DISK_N" "$2" | sed -E 's/.*= ([0-9]+) experiments.*/\1/' ;;
    hyper) read -r w _ < <(hyper_run "$2" "bench-$size"); awk -v n="$DISK_N" -v w="$w" 'BEGIN {printf "%.0f %s\n", n / w, w}' ;;
    eval) read -r w _ < <(EXTRA_OPTS=-Dhyper.splice=false hyper_run "$2" "bench-$size")
      awk -v n="$DISK_N" -v w="$w" 'BEGIN {printf "%.0f %s\n", n / w, w}' ;;
  esac
}
ratios=(); ratios2=(); ratiose=()
names=(fs fsl hyper eval)
for r in $(seq "$REPS"); do
  declare -A rate=() wall=()
  for k in 0 1 2 3; do
    name=${names[$(( (k + r - 1) % 4 ))]}
    read -r rate[$name] wall[$name] < <(side_run "$name" "$DISK/$name-$r")
    if [ "${KEEP_RUNS:-0}" != 1 ]; then rm -rf "$DISK/$name-$r"; sync; fi
  done
  fs=${rate[fs]}; fl=${rate[fsl]}; hy=${rate[hyper]}; he=${rate[eval]}; w=${wall[hyper]}
  ratio=$(awk -v a="$hy" -v b="$fs" 'BEGIN {printf "%.2f", a / b}')
  ratio2=$(awk -v a="$hy" -v b="$fl" 'BEGIN {printf "%.2f", a / b}')
  ratioe=$(awk -v a="$he" -v b="$fs" 'BEGIN {printf "%.2f", a / b}')
  ratios+=("$ratio"); ratios2+=("$ratio2"); ratiose+=("$ratioe")
  echo "  round $r (order: $(for k in 0 1 2 3; do printf '%s ' "${names[$(( (k + r - 1) % 4 ))]}"; done)): fs-limit $fs exp/s," \
    "fs-limit-layout $fl exp/s, Hyper $hy exp/s (wall $w s, JVM start included): ratio $ratio (to the layout: $ratio2);" \
    "Hyper evaluating every render (-Dhyper.splice=false) $he exp/s: ratio $ratioe"
  unset rate wall
done
echo "  median ratio Hyper / fs-limit: $(printf '%s\n' "${ratios[@]}" | median)" \
  "(Hyper / fs-limit-layout: $(printf '%s\n' "${ratios2[@]}" | median);" \
  "evaluating every render / fs-limit: $(printf '%s\n' "${ratiose[@]}" | median))"
echo
fi

# 3. the example model's 72-experiment sweep
if [ "${EXAMPLE:-1}" = 1 ] && [ -f "$MODEL" ]; then
  ex=()
  t="$(mktemp)"; /usr/bin/time -f '%e' -o "$t" java -jar "$MODEL" sweep rnn --out "$SHM/rnn-first" >/dev/null
  echo "example-model: first sweep of model.jar (records its class-data archive): $(tail -1 "$t") s"; rm -rf "$t" "$SHM/rnn-first"
  for r in $(seq "$REPS"); do
    t="$(mktemp)"; /usr/bin/time -f '%e' -o "$t" java -jar "$MODEL" sweep rnn --out "$SHM/rnn-$r" >/dev/null
    ex+=("$(tail -1 "$t")"); rm -f "$t"
    [ "$r" = 1 ] && ex_disk=$(du -sk "$SHM/rnn-$r" | cut -f1)
  done
  EX_WALL=$(printf '%s\n' "${ex[@]}" | median)
  echo "example-model: sweep rnn (72 experiments) on tmpfs: wall ${EX_WALL} s median of ${ex[*]} (JVM start included), $ex_disk KB in all"
else
  [ "${EXAMPLE:-1}" = 1 ] && echo "example-model: $MODEL not built"
fi

# 4. the peer
if [ "${PEER:-1}" = 1 ] && [ -d "$PEER_DIR" ]; then
  rm -rf /tmp/peer-hyperpy && cp -r "$PEER_DIR" /tmp/peer-hyperpy && chmod -R u+w /tmp/peer-hyperpy
  line="$(/tmp/peer-hyperpy/run-baseline.sh | head -1)"
  echo "peer: $line"
  peer_rate=$(echo "$line" | sed -E 's/.*exp_per_s: ([0-9.]+).*/\1/')
  peer_wall=$(echo "$line" | sed -E 's/.*wall_s: ([0-9.]+).*/\1/')
  for size in $SIZES; do
    echo "  Hyper bench-$size on tmpfs / peer: $(awk -v a="${RATE[$size]}" -v b="$peer_rate" 'BEGIN {printf "%.0f", a / b}') x the peer's experiments/s"
  done
  [ -n "${EX_WALL:-}" ] && echo "  72-experiment sweep: peer ${peer_wall} s, Hyper ${EX_WALL} s: $(awk -v a="$peer_wall" -v b="$EX_WALL" 'BEGIN {printf "%.0f", a / b}') x faster"
fi

# 5. JMH (optional): grid enumerator and rendering
if [ "${JMH:-0}" = 1 ]; then
  echo
  java -cp "$JAR" org.openjdk.jmh.Main -f 1 -wi 3 -w 1 -i 5 -r 1 'GridBenchmark|RenderBenchmark' 2>&1 | sed -n '/^Benchmark/,$p'
fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
