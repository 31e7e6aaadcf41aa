#!/usr/bin/env bash
# Whole-process throughput of `routeshadow check --batch --format json`, in scenarios/s: the
# conformance corpus repeated COPIES times (200: 1,000,000 lines, 3.5 GB in a temporary folder;
# 20: 100,000), JSON lines to /dev/null, each of RUNS runs timed with /usr/bin/time (wall, CPU,
# peak memory), then the best. Start-up (about 0.45 s), reading, checking and writing all count,
# as they do for a user; the default size keeps start-up from standing in for throughput.
set -euo pipefail
cd "$(dirname "$0")/.."

copies=${COPIES:-200}
runs=${RUNS:-3}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

exe=src/RouteShadow.Cli/bin/Release/net10.0/routeshadow
dotnet build src/RouteShadow.Cli -c Release -nologo -v quiet > /dev/null

for _ in $(seq "$copies"); do
  gzip -dc fixtures/conformance/codex-helper-37c4485.jsonl.gz
done > "$work/batch.jsonl"
lines=$(wc -l < "$work/batch.jsonl")

echo "$lines scenarios, load average $(cut -d' ' -f1 /proc/loadavg)"
best=0
for run in $(seq "$runs"); do
  start=$(date +%s%N)
  /usr/bin/time -f "%U %S %M" -o "$work/time" "$exe" check --batch "$work/batch.jsonl" --format json > /dev/null 2> "$work/stderr" \
    || { cat "$work/stderr" >&2; exit 1; }
  ns=$(( $(date +%s%N) - start ))
  read -r user sys rss < "$work/time"
  rate=$(( lines * 1000000000 / ns ))
  echo "run $run: $(( ns / 1000000 )) ms = $rate scenarios/s (CPU ${user} s user + ${sys} s sys, peak $(( rss / 1024 )) MB)"
  (( rate > best )) && best=$rate
done
echo "best: $best scenarios/s"
