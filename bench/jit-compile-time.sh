#!/usr/bin/env bash
# C2 (tier 4) compilation time of one cold `trailwatch ingest` of the bench corpus, from JFR's jdk.Compilation
# events: the total, and the part spent on rule-engine and rule-match code (dev.trailwatch.detect.*, the
# store's match folding, nested-field look-ups).
#
#   bench/jit-compile-time.sh [RUNS] [ingest rule options...]   e.g. bench/jit-compile-time.sh 3 --rules ../shared/sigma/rules
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs="${1:-3}"; shift || true
corpus="$work/corpus-500000-1"
[ -d "$corpus/AWSLogs" ] || { echo "no corpus at $corpus: run bench/run.sh first" >&2; exit 1; }
for i in $(seq 1 "$runs"); do
  rm -rf "$work/store-jit"
  java -XX:StartFlightRecording=filename="$work/jit.jfr",+jdk.Compilation#threshold=0ms -jar "$jar" ingest --no-progress --json \
    --data "$work/store-jit" "$@" "$corpus/AWSLogs" 2>/dev/null | tail -1 | reported events_per_second > "$work/jit-rate.txt"
  jfr print --events jdk.Compilation "$work/jit.jfr" | python3 -c '
import re, sys
total = rules = 0.0
for e in sys.stdin.read().split("jdk.Compilation {")[1:]:
    if "compileLevel = 4" not in e:
        continue
    d = re.search(r"duration = ([\d.]+) (ms|s|us|ns)", e)
    ms = float(d.group(1)) * {"s": 1000, "ms": 1, "us": 0.001, "ns": 1e-6}[d.group(2)]
    method = re.search(r"method = (.*)", e).group(1)
    total += ms
    if re.search(r"dev\.trailwatch\.detect\.|DuckDbEventStore\.addMatch|FoldedMatches|RawJson|JsonTrees", method):
        rules += ms
print("C2 total %.0f ms, rule engine and matches %.0f ms, ingest %s events/s" % (total, rules, sys.argv[1]))
' "$(cat "$work/jit-rate.txt")"
done
