#!/usr/bin/env bash
# How much time the Hyper processor adds to compiling example-model: javac on its main sources with the
# processor (from the processor path, as Maven runs it) vs -proc:none, interleaved, median of N runs each.
# Needs the jars and class paths first:
#   mvn -B -q package -DskipTests dependency:build-classpath -pl example-model -am \
#       -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime
# Usage: N=11 it/measure-processor.sh
set -eu
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CP="hyper-annotations/target/hyper-annotations-0.1.0-SNAPSHOT.jar:$(cat example-model/target/cp.txt)"
PP="hyper-processor/target/hyper-processor-0.1.0-SNAPSHOT.jar:$(cat hyper-processor/target/cp.txt)"
SRC=$(find example-model/src/main/java -name '*.java')
N=${N:-9}
OUT=$(mktemp -d)
with=(); without=()
for i in $(seq $N); do
  rm -rf "$OUT"/*; mkdir -p "$OUT/a" "$OUT/b"
  s=$(date +%s%N); javac -d "$OUT/a" -cp "$CP" -processorpath "$PP" -Ahyper.jsonnetRoot=example-model/src/main/resources $SRC; e=$(date +%s%N)
  with+=($(( (e - s) / 1000000 )))
  s=$(date +%s%N); javac -d "$OUT/b" -cp "$CP" -proc:none $SRC; e=$(date +%s%N)
  without+=($(( (e - s) / 1000000 )))
done
ls "$OUT/a/dev/hyper/example/RnnParamsGrid.class" "$OUT/a/dev/hyper/example/RandomParamsGrid.class" > /dev/null
med() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
echo "with processor (ms):    ${with[*]}  median $(med "${with[@]}")"
echo "without (-proc:none):   ${without[*]}  median $(med "${without[@]}")"
rm -rf "$OUT"
