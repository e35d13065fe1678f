# Sourced by the outside-project checks: a throwaway local Maven repository in $WORK/repo that holds
# Hyper's freshly installed artifacts and links to the default one (HYPER_M2_REPO, default
# ~/.m2/repository) for every other artifact, so nothing is downloaded twice and Hyper's snapshots
# never reach the default repository. Needs ROOT (the Hyper checkout) and WORK; sets REPO and MVN.
M2="${HYPER_M2_REPO:-$HOME/.m2/repository}"
REPO="$WORK/repo"
MVN=(mvn -B -ntp "-Dmaven.repo.local=$REPO")
mkdir -p "$REPO/dev"
if [ -d "$M2" ]; then
  for d in "$M2"/*; do
    [ "$(basename "$d")" = dev ] || ln -s "$d" "$REPO/$(basename "$d")"
  done
  if [ -d "$M2/dev" ]; then
    for d in "$M2/dev"/*; do
      [ "$(basename "$d")" = hyper ] || ln -s "$d" "$REPO/dev/$(basename "$d")"
    done
  fi
fi
HYPER_VERSION="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -1)"

# Installs hyper-parent, hyper-annotations and hyper-processor into $REPO; prints the log on failure.
install_hyper() {
  "${MVN[@]}" -q -f "$ROOT/pom.xml" install -DskipTests -pl hyper-annotations,hyper-processor -am \
      > "$WORK/install.log" 2>&1 || { cat "$WORK/install.log"; return 1; }
}
