#!/usr/bin/env bash
# The snapshot is the whole program, for each way a Java program is built and started. Installs Hyper
# into a throwaway local repository (../m2.sh), builds the outside project here in four shapes (see
# pom.xml) and, for each, as a user would:
#   sweep (with --jvm-arg=-Xmx300m), then moves the output directory elsewhere; runs one jobs-script
#   line; 'exec --jobs 2' trains the rest; every trainer saw -Xmx300m; 'verify' passes; 'export' of one
#   experiment runs in a fresh directory; a SLURM job array on the real SLURM trains a second sweep;
#   one byte changed in a stored dependency jar makes 'verify' fail naming that jar.
# Needs a running SLURM (sinfo) for the array; .ci/run starts one.
# Usage: it/shapes/run.sh   (from anywhere; prints 'shapes: N passed, M failed', exits non-zero on failure)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/hyper-shapes.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
# shellcheck source=../m2.sh
. "$HERE/../m2.sh"

passed=0
failed=0
pass() { echo "shapes: PASS $1"; passed=$((passed + 1)); }
fail() { echo "shapes: FAIL $1"; failed=$((failed + 1)); [ ! -f "$log" ] || tail -20 "$log"; }
done_count() { find "$1/model" -name DONE | wc -l | tr -d ' '; }

echo "shapes: installing Hyper $HYPER_VERSION into $REPO"
if ! install_hyper; then
  echo "shapes: 0 passed, 1 failed (install)"
  exit 1
fi
command -v sinfo >/dev/null && sinfo -h >/dev/null 2>&1 || { echo "shapes: 0 passed, 1 failed (no SLURM: sinfo)"; exit 1; }

# Builds the project with profile $1 (empty: none) into $WORK/build-$2; prints the build's directory.
build() {
  local dir="$WORK/build-$2"
  cp -r "$HERE" "$dir"
  rm -rf "$dir/target"
  "${MVN[@]}" -q -f "$dir/pom.xml" "-Dhyper.version=$HYPER_VERSION" ${1:+-P"$1"} package \
      > "$WORK/build-$2.log" 2>&1 || { cat "$WORK/build-$2.log" >&2; return 1; }
  echo "$dir"
}

# check SHAPE WORDS...: the whole scenario with the program started by WORDS (e.g. java -jar X.jar).
check() {
  local shape="$1"; shift
  local hyper=("$@") d="$WORK/run-$shape" out
  log="$WORK/run-$shape.log"
  mkdir -p "$d"
  # bad input: exit 2, one line naming the problem, nothing written (through the forked sweep JVM too)
  local bad code=0
  bad="$("${hyper[@]}" sweep tiny --out "$d/bad" --set nope=1 2>&1)" || code=$?
  if [ "$code" != 2 ] || [ "$(wc -l <<<"$bad")" != 1 ] || [ -e "$d/bad" ] \
      || ! grep -qF -- "--set nope=1: 'nope' is not a parameter of this sweep" <<<"$bad"; then
    echo "exit $code: $bad" > "$log"
    fail "$shape: bad input must exit 2 with one line and write nothing"; return
  fi
  if ! "${hyper[@]}" sweep tiny --out "$d/first" --jvm-arg=-Xmx300m > "$log" 2>&1 \
      || grep -q "Error occurred during initialization" "$log"; then
    fail "$shape: sweep"; return
  fi
  mv "$d/first" "$d/moved"
  out="$d/moved"
  # the script's header (everything but its run lines), then its first run line
  { grep -v '^"$hyper_java" ' "$out/tiny-jobs.sh"; grep -m 1 '^"$hyper_java" ' "$out/tiny-jobs.sh"; } > "$out/one-line.sh"
  if ! bash "$out/one-line.sh" >> "$log" 2>&1 || [ "$(done_count "$out")" != 1 ]; then
    fail "$shape: one jobs-script line in the moved directory"; return
  fi
  if ! "${hyper[@]}" exec tiny --out "$out" --jobs 2 >> "$log" 2>&1 || [ "$(done_count "$out")" != 4 ]; then
    fail "$shape: exec --jobs 2"; return
  fi
  local xmx
  xmx="$(grep -l -- '-Xmx300m' "$out"/model/generated/tiny/*/0/metrics.json | wc -l | tr -d ' ')"
  if [ "$xmx" != 4 ]; then
    fail "$shape: -Xmx300m reached $xmx of 4 training JVMs"; return
  fi
  if ! "${hyper[@]}" verify tiny --out "$out" >> "$log" 2>&1; then
    fail "$shape: verify of the trained, moved sweep"; return
  fi
  local toml
  toml="$(find "$out/config" -name '*.toml' | sort | head -1)"
  if ! "${hyper[@]}" export "$toml" "$d/exported" >> "$log" 2>&1 || ! bash "$d/exported/tiny-jobs.sh" >> "$log" 2>&1 \
      || [ "$(done_count "$d/exported")" != 1 ]; then
    fail "$shape: export of one experiment, run in a fresh directory"; return
  fi
  if ! "${hyper[@]}" sweep tiny --out "$d/slurm" --slurm >> "$log" 2>&1 \
      || ! "${hyper[@]}" submit tiny --out "$d/slurm" >> "$log" 2>&1; then
    fail "$shape: sweep --slurm and submit"; return
  fi
  local waited=0
  while [ "$(done_count "$d/slurm")" != 4 ] && [ "$waited" -lt 180 ]; do sleep 2; waited=$((waited + 2)); done
  if [ "$(done_count "$d/slurm")" != 4 ]; then
    find "$d/slurm/model" -name 'slurm-*.out' -exec tail -5 {} \; >> "$log" 2>&1 || true
    fail "$shape: the SLURM job array trained $(done_count "$d/slurm") of 4 in ${waited}s"; return
  fi
  # one byte of a stored dependency jar (the fat jar itself when it is the whole program)
  local model target name
  model="$(dirname "$toml")/model.jar"
  mkdir -p "$d/list" && (cd "$d/list" && jar xf "$model" META-INF/hyper/class-path.tsv 2>/dev/null || true)
  if [ -f "$d/list/META-INF/hyper/class-path.tsv" ]; then
    read -r sha name < <(awk -F'\t' '$4 ~ /^tomlj/ || $4 ~ /^shapes/ {print $1 "\t" $4; exit}' \
        "$d/list/META-INF/hyper/class-path.tsv")
    target="$out/config/generated/.snapshots/$sha.jar"
    expected="the class-path entry $name (config/generated/.snapshots/$sha.jar) changed after the sweep"
  else
    target="$model"
    expected="model.jar (SHA-256 "
  fi
  chmod u+w "$target"
  printf 'X' | dd of="$target" bs=1 seek=200 conv=notrunc status=none
  local v code=0
  v="$("${hyper[@]}" verify tiny --out "$out" 2>&1)" || code=$?
  if [ "$code" != 1 ] || ! grep -qF -- "$expected" <<<"$v"; then
    echo "$v" >> "$log"
    fail "$shape: verify after one byte of a stored jar changed: exit $code, expected 1 and '$expected'"; return
  fi
  pass "$shape: sweep, move, one jobs line, exec --jobs 2, -Xmx300m in the trainer, verify, export, SLURM array,"\
" and a changed stored jar named by verify ($(grep -c DIFFERS <<<"$v") differ)"
}

main=com.example.shapes.TinyParamsLauncher
log="$WORK/none.log"
if fat="$(build fat fat)"; then
  check "shaded jar with Main-Class (java -jar)" java -jar "$fat/target/shapes.jar"
else fail "fat: mvn package"; fi
if nomain="$(build nomain nomain)"; then
  check "shaded jar without Main-Class (java -cp JAR $main)" java -cp "$nomain/target/shapes.jar" "$main"
else fail "nomain: mvn package"; fi
if thin="$(build thin thin)"; then
  check "thin jar + lib/ (java -jar, manifest Class-Path)" java -jar "$thin/target/shapes.jar"
else fail "thin: mvn package"; fi
if ide="$(build "" ide)" && "${MVN[@]}" -q -f "$ide/pom.xml" "-Dhyper.version=$HYPER_VERSION" dependency:build-classpath \
    "-Dmdep.outputFile=$ide/cp.txt" > "$WORK/cp.log" 2>&1; then
  check "classes directory + dependency jars (an IDE run)" java -cp "$ide/target/classes:$(cat "$ide/cp.txt")" "$main"
else fail "ide: mvn package and dependency:build-classpath"; fi

echo "shapes: $passed passed, $failed failed"
[ "$failed" = 0 ]
