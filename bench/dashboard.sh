#!/usr/bin/env bash
# Dashboard latency over a large store: generates EVENTS events (default 5,000,000 over 7 days), ingests them
# (built-in rules), serves the store, and times every Operations and Security panel request (the API answers
# one page's panels in one request) five times each. Prints a Markdown table of the median and worst times.
#
#   bench/dashboard.sh [EVENTS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
events="${1:-5000000}"
work="${BENCH_DIR:-$root/bench/target/dashboard}"
mkdir -p "$work"
cd "$root"
./mvnw -q -B -DskipTests install >&2
jar="$root/trailwatch-cli/target/trailwatch.jar"
if [ ! -f "$work/store-$events/trailwatch.duckdb" ]; then
  rm -rf "$work/corpus" "$work/store-$events"
  echo "generating $events events..." >&2
  java -jar "$jar" generate --out "$work/corpus" --events "$events" --days 7 --start 2026-11-01 --seed 2 --incidents >&2
  echo "ingesting..." >&2
  java -jar "$jar" ingest --no-progress --data "$work/store-$events" "$work/corpus/AWSLogs" >&2
  rm -rf "$work/corpus"
fi
port=18765
java -jar "$jar" serve --data "$work/store-$events" --port "$port" > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 1; done
echo "| request | median | worst of 5 |"
echo "|---|---|---|"
for path in "operations?range=60m" "operations?range=24h" "operations?range=7d" "operations?range=7d&account=222222222222" \
            "security?range=24h" "security?range=7d" "events?range=7d&f.event_name=ConsoleLogin&limit=50" "events?range=7d&q=mallory"; do
  curl -s -o /dev/null "http://127.0.0.1:$port/api/$path" # warm
  times=$(for _ in 1 2 3 4 5; do curl -s -o /dev/null -w "%{time_total}\n" "http://127.0.0.1:$port/api/$path"; done | sort -n)
  median=$(echo "$times" | sed -n 3p)
  worst=$(echo "$times" | tail -1)
  printf "| \`/api/%s\` | %.0f ms | %.0f ms |\n" "$path" "$(echo "$median * 1000" | bc)" "$(echo "$worst * 1000" | bc)"
done
echo
echo "| panel (7 days, worst of 5) | ms |"
echo "|---|---|"
for page in operations security; do
  for _ in 1 2 3 4 5; do curl -s "http://127.0.0.1:$port/api/$page?range=7d"; echo; done \
    | python3 -c 'import json,sys,collections; w=collections.Counter()
for l in sys.stdin:
  for k,v in json.loads(l)["timings_ms"].items(): w[k]=max(w[k],v)
for k,v in w.items(): print("| %s | %d |" % (k, v))'
done
echo
echo "store: $(curl -s "http://127.0.0.1:$port/api/status")"
