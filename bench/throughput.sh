#!/usr/bin/env bash
# Whole-process throughput of `routeshadow check --batch`: the conformance corpus repeated
# COPIES times (20: 100,000 lines), JSON lines to /dev/null, best of RUNS runs, in scenarios/s.
# Start-up, reading, checking and writing all count, as they do for a user.
set -euo pipefail
cd "$(dirname "$0")/.."

copies=${COPIES:-20}
runs=${RUNS:-5}
exe=src/RouteShadow.Cli/bin/Release/net10.0/routeshadow

dotnet build src/RouteShadow.Cli -c Release -nologo -v quiet > /dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for _ in $(seq "$copies"); do
  gzip -dc fixtures/conformance/codex-helper-37c4485.jsonl.gz
done > "$work/batch.jsonl"
lines=$(wc -l < "$work/batch.jsonl")

best=0
for run in $(seq "$runs"); do
  start=$(date +%s%N)
  "$exe" check --batch "$work/batch.jsonl" --format json > /dev/null 2> "$work/stderr" \
    || { cat "$work/stderr" >&2; exit 1; }
  ns=$(( $(date +%s%N) - start ))
  rate=$(( lines * 1000000000 / ns ))
  echo "run $run: $lines scenarios in $(( ns / 1000000 )) ms = $rate scenarios/s"
  (( rate > best )) && best=$rate
done
echo "best: $best scenarios/s"
