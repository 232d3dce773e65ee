#!/usr/bin/env bash
# The load benchmark of the whole bot: the real parley.jar as its own process, against a paced
# fake Groq, the fake Discord and Redis, at N = 100, 300 and 1,000 concurrent conversations.
# See docs/benchmarks.md, "Load: the whole bot".
#
#   benchmarks/load.sh                      the issue's sizes, report in benchmarks/target/load/
#   benchmarks/load.sh n=100,300 redis=own  any of LoadOptions' key=value settings (help lists them)
#   benchmarks/load.sh --smoke              N = 5 for a few seconds, then checks the report is there (CI)
#
# It builds deploy/target/parley.jar and benchmarks/target/benchmarks.jar first when they are
# missing or older than the sources. Takes the machine's two cores: run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."

# A JDK of at least 21: JAVA_HOME's, else the newest under /usr/lib/jvm.
java_21() {
  local candidate version
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV) java; do
    command -v "$candidate" >/dev/null 2>&1 || continue
    version=$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [[ ${version%%.*} =~ ^[0-9]+$ ]] && (( ${version%%.*} >= 21 )); then
      echo "$candidate"
      return
    fi
  done
  echo "no JDK 21 or newer: set JAVA_HOME" >&2
  exit 1
}

# True when $1 is missing or any file under the other arguments is newer.
stale() {
  local artifact=$1
  shift
  [[ ! -f $artifact ]] || [[ -n $(find "$@" -type f -newer "$artifact" -print -quit 2>/dev/null) ]]
}

# Offline first (the usual state of a warmed build machine), then from Maven Central.
build() {
  ./mvnw -B -q -o "$@" || ./mvnw -B -q "$@"
}

if stale deploy/target/parley.jar pom.xml bot-core/src/main bot-core/pom.xml slack-adapter/src/main \
    slack-adapter/pom.xml discord-adapter/src/main discord-adapter/pom.xml deploy/src/main deploy/pom.xml; then
  echo "[load] building deploy/target/parley.jar" >&2
  build -pl deploy -am package -DskipTests
fi
if stale benchmarks/target/benchmarks.jar pom.xml benchmarks/pom.xml benchmarks/src bot-core/src/main discord-adapter/src \
    slack-adapter/src; then
  echo "[load] building benchmarks/target/benchmarks.jar" >&2
  build -Pbench -pl benchmarks -am package -DskipTests
fi

JAVA=$(java_21)
# The harness (fakes, paced Groq, driver) runs on ZGC: its own collector's pauses would stall the
# fake Discord and show as the bot's latency. On G1 its young pauses of 40 to 120 ms were the
# worst placeholders of N = 1,000 runs (docs/benchmarks.md, the sixth round).
HARNESS_JVM=(-XX:+UseZGC)
if [[ ${1-} == --smoke ]]; then
  out=benchmarks/target/load-smoke
  rm -rf "$out"
  "$JAVA" "${HARNESS_JVM[@]}" -cp benchmarks/target/benchmarks.jar dev.parley.benchmarks.load.LoadBenchmark \
    n=5 slack=none tokens=100 warmup=2 warmupRounds=2 idle=500 ramp=200 out="$out" >/dev/null
  for file in load-report.md load-report.json load-latency.svg; do
    [[ -s $out/$file ]] || { echo "[load] smoke: $out/$file was not written" >&2; exit 1; }
  done
  grep -q '^| discord | 5 |' "$out/load-report.md" || { echo "[load] smoke: no row for N = 5" >&2; exit 1; }
  grep -q '"botJitSeconds"' "$out/load-report.json" || { echo "[load] smoke: no bot JIT figure" >&2; exit 1; }
  echo "[load] smoke: report written to $out" >&2
  exit 0
fi
exec "$JAVA" "${HARNESS_JVM[@]}" -cp benchmarks/target/benchmarks.jar dev.parley.benchmarks.load.LoadBenchmark "$@"
