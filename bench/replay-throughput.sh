#!/usr/bin/env bash
# Whole-process throughput of `routeshadow replay` on a synthesized trace (REQUESTS requests,
# default 1,000,000: requests.jsonl + control_trace.jsonl + config.json), best of RUNS runs, with
# peak memory, and the same file through `jq -c 'select(.status_code >= 400)'` as the floor for
# merely reading it. Start-up, reading both logs, replaying and writing every report all count.
set -euo pipefail
cd "$(dirname "$0")/.."

requests=${REQUESTS:-1000000}
runs=${RUNS:-3}
seed=${SEED:-1}
exe=src/RouteShadow.Cli/bin/Release/net10.0/routeshadow
command -v jq > /dev/null || { echo "jq is needed (apt-get install jq)" >&2; exit 1; }

dotnet build src/RouteShadow.Cli -c Release -nologo -v quiet > /dev/null

work=${WORK:-$(mktemp -d)}
[ -n "${WORK:-}" ] || trap 'rm -rf "$work"' EXIT
if [ ! -f "$work/requests.jsonl" ]; then
  "$exe" synth --requests "$requests" --seed "$seed" --out "$work" --format json > /dev/null
fi
echo "trace: $(wc -l < "$work/requests.jsonl") request lines ($(du -m "$work/requests.jsonl" | cut -f1) MB)," \
     "$(wc -l < "$work/control_trace.jsonl") trace events ($(du -m "$work/control_trace.jsonl" | cut -f1) MB)"

best=0
for run in $(seq "$runs"); do
  /usr/bin/time -f "%e %M" -o "$work/time" "$exe" replay --requests "$work/requests.jsonl" --out "$work/out" --format json \
    > "$work/summary.json" 2> "$work/stderr" || [ $? -eq 1 ] || { cat "$work/stderr" >&2; exit 1; }
  read -r seconds kb < <(tail -n 1 "$work/time")
  rate=$(awk -v n="$requests" -v s="$seconds" 'BEGIN { printf "%d", n / s }')
  echo "run $run: $seconds s, $rate requests/s, peak memory $(( kb / 1024 )) MB; $(cat "$work/summary.json")"
  (( rate > best )) && best=$rate
done
echo "best: $best requests/s"

/usr/bin/time -f "%e" -o "$work/jqtime" jq -c 'select(.status_code >= 400)' "$work/requests.jsonl" > /dev/null
echo "jq -c 'select(.status_code >= 400)' requests.jsonl: $(tail -n 1 "$work/jqtime") s"
