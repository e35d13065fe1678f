#!/usr/bin/env bash
# Proves the README's two-coordinate setup: installs Hyper's artifacts into a throwaway local
# repository, then builds two outside projects that use only those artifacts.
#   good/  must `mvn verify` and its jar must run `list`;
#   bad/   must fail to compile with Hyper's exact [hyper/UnknownTla] and [hyper/DuplicateAxisValue]
#          errors on the right file:line.
# Hyper's snapshots never reach the default local repository: the throwaway repository holds them,
# and links to the default one (HYPER_M2_REPO, default ~/.m2/repository) for every other artifact,
# so nothing is downloaded twice. Usage: it/consumer/run.sh   (from anywhere; exits non-zero on failure)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/hyper-consumer.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
# shellcheck source=../m2.sh
. "$HERE/../m2.sh"

passed=0
failed=0
pass() { echo "consumer: PASS $1"; passed=$((passed + 1)); }
fail() { echo "consumer: FAIL $1"; failed=$((failed + 1)); }

version="$HYPER_VERSION"
echo "consumer: installing hyper-parent, hyper-annotations, hyper-processor $version into $REPO"
if ! install_hyper; then
  echo "consumer: 0 passed, 1 failed (install)"
  exit 1
fi

# Copies of the projects, so that their target/ folders stay out of the source tree.
cp -r "$HERE/good" "$HERE/bad" "$WORK/"

# ---- good: verify, then run the generated launcher from the jar
if "${MVN[@]}" -f "$WORK/good/pom.xml" "-Dhyper.version=$version" verify > "$WORK/good.log" 2>&1; then
  out="$(java -jar "$WORK/good/target/consumer.jar" list 2>&1)" || true
  expected="toy  com.example.ToyParams  6 points x 1 trial = 6 experiments  template toy.jsonnet"
  if [ "$out" = "$expected" ]; then
    pass "good: mvn verify, and 'java -jar consumer.jar list' prints: $out"
  else
    fail "good: 'list' printed '$out', expected '$expected'"
  fi
else
  tail -40 "$WORK/good.log"
  fail "good: mvn verify failed (log above)"
fi

# ---- bad: the build fails with exactly Hyper's messages, on the right lines
if "${MVN[@]}" -f "$WORK/bad/pom.xml" "-Dhyper.version=$version" verify > "$WORK/bad.log" 2>&1; then
  fail "bad: mvn verify succeeded; it must fail"
else
  src="$WORK/bad/src/main/java/com/example/BadParams.java"
  typo_line="$(grep -n 'hidenDim' "$src" | cut -d: -f1)"
  dup_line="$(grep -n 'double lr' "$src" | cut -d: -f1)"
  typo="[hyper/UnknownTla] 'hiden_dim' (from component 'hidenDim') is not a parameter of the top-level function in toy.jsonnet. Did you mean 'hidden_dim'?"
  dup="[hyper/DuplicateAxisValue] @Axis on 'lr' lists 0.1 more than once. List each value once."
  ok=1
  grep -qF "BadParams.java:[$typo_line," "$WORK/bad.log" && grep -F "BadParams.java:[$typo_line," "$WORK/bad.log" | grep -qF "$typo" || ok=0
  grep -qF "BadParams.java:[$dup_line," "$WORK/bad.log" && grep -F "BadParams.java:[$dup_line," "$WORK/bad.log" | grep -qF "$dup" || ok=0
  # Maven prints each compiler error twice (as it happens and in the summary): count distinct ones
  n="$(grep '^\[ERROR\] .*BadParams.java:\[' "$WORK/bad.log" | sort -u | wc -l | tr -d ' ')"
  if [ "$ok" = 1 ] && [ "$n" = 2 ]; then
    pass "bad: 2 errors, e.g. BadParams.java:[$typo_line,...] $typo"
  else
    grep -F 'BadParams.java' "$WORK/bad.log" || tail -40 "$WORK/bad.log"
    fail "bad: expected exactly the UnknownTla error on line $typo_line and DuplicateAxisValue on line $dup_line (found $n errors)"
  fi
fi

if [ -e "$M2/dev/hyper" ] && [ -n "$(find "$M2/dev/hyper" -newer "$WORK/install.log" -print -quit 2>/dev/null)" ]; then
  fail "the default local repository $M2 got new dev/hyper files"
fi

echo "consumer: $passed passed, $failed failed"
[ "$failed" = 0 ]
