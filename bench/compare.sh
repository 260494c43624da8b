#!/usr/bin/env bash
# Workloads a–d on Stepwise (in memory) and on aws-local-stepfunctions, the TypeScript engine, in
# the same run, alternating process by process, then one line per workload:
#   <workload> stepwise=<median rate> peer=<median rate> ratio=<stepwise/peer> rss_mb=<stepwise>/<peer>
# Every run checks its output before it counts (both harnesses fail on a wrong result).
# Usage: bench/compare.sh [rounds=3]     (needs ../shared beside the project, Node and npm)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
shared="${STEPWISE_SHARED:-$root/../shared}"
rounds="${1:-3}"
if [ ! -d "$shared/bench/workloads" ]; then
  echo "compare.sh: $shared/bench/workloads not found (set STEPWISE_SHARED)" >&2
  exit 2
fi
command -v node >/dev/null && command -v npm >/dev/null && command -v jq >/dev/null || {
  echo "compare.sh: needs node, npm and jq" >&2
  exit 2
}
. "$root/bin/find-java"
jar="$here/target/stepwise-bench-0.1.0-SNAPSHOT.jar"
[ -f "$jar" ] || (cd "$root" && ./mvnw -B -q -pl bench -am package -DskipTests)

# The peer runs from a copy: ../shared is never written to.
peer="$here/target/peer"
mkdir -p "$peer"
cp "$shared/bench/peer/bench.mjs" "$shared/bench/peer/defs.mjs" "$shared/bench/peer/package.json" "$peer/"
[ -d "$peer/node_modules/aws-local-stepfunctions" ] ||
  (cd "$peer" && npm install --no-audit --no-fund --silent >/dev/null)

results="$(mktemp)"
trap 'rm -f "$results"' EXIT
for w in a b c d; do
  for _ in $(seq "$rounds"); do
    "$JAVA" -Xmx2g -cp "$jar:$here/target/lib/*" dev.stepwise.bench.Workloads \
      "$shared/bench/workloads" 3 "$w" |
      jq -c '{engine: "stepwise", workload, rate: .median, rss: .rssMb}' >>"$results"
    node "$peer/bench.mjs" "$w" 3 |
      jq -c '{engine: "peer", workload: .scenario, rate: .medianRate, rss: (.rssMB_end | floor)}' >>"$results"
  done
done

jq -rs '
  def median: sort | .[(length / 2 | floor)];
  group_by(.workload)[] as $runs
  | ($runs | map(select(.engine == "stepwise"))) as $s
  | ($runs | map(select(.engine == "peer"))) as $p
  | ($s | map(.rate) | median) as $sr
  | ($p | map(.rate) | median) as $pr
  | "\($runs[0].workload) stepwise=\($sr) peer=\($pr) ratio=\(($sr / $pr * 100 | round) / 100)"
    + " rss_mb=\($s | map(.rss) | max)/\($p | map(.rss) | max)"
' "$results"
