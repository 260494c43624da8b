#!/usr/bin/env bash
# Time from launching `bin/stepwise serve` to its ready line, as a user starts it (the launcher,
# its JDK lookup and class data sharing included), for the in-memory store, a SQLite data
# directory that exists and a fresh one. Prints one line per mode with each start in ms.
# Usage: bench/server-start.sh [starts=5]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
starts="${1:-5}"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT

start_ms() {
  local t0 t1 line
  t0=$(date +%s%N)
  coproc SERVE { exec "$root/bin/stepwise" serve --port 0 "$@" 2>/dev/null; }
  read -r line <&"${SERVE[0]}"
  t1=$(date +%s%N)
  kill "$SERVE_PID"
  wait "$SERVE_PID" 2>/dev/null || true
  case "$line" in
    *serving*) echo $(((t1 - t0) / 1000000)) ;;
    *) echo "server-start.sh: $line" >&2 && exit 1 ;;
  esac
}

start_ms --data-dir "$data/existing" >/dev/null # builds the jar when needed, records the class archive
for mode in memory existing fresh; do
  times=()
  for _ in $(seq "$starts"); do
    case "$mode" in
      memory) times+=("$(start_ms --store memory)") ;;
      existing) times+=("$(start_ms --data-dir "$data/existing")") ;;
      fresh) rm -rf "$data/fresh" && times+=("$(start_ms --data-dir "$data/fresh")") ;;
    esac
  done
  echo "$mode ms=${times[*]}"
done
