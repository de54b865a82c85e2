#!/usr/bin/env bash
# What deduplication costs. (1) The 500k-event corpus into a fresh store, then a copy of it under another folder into
# the same store: every event a duplicate, as when an organization trail and the accounts' own trails deliver the same
# events. (2) A store of GROW times the 30-day 1M-event corpus, each copy 30 days after the one before, and its files
# ledger GROW times too (GrowStore), and one file of the corpus (3 events, all stored) ingested into it, with the
# default heap and with the heap held to XMX: a small ingest into a large store. Prints the seconds ingest reports (or
# its error), and the process's wall time and peak RSS; with OTHER_JAR (an earlier build), each step runs with both
# jars. A step is stopped after STEP_LIMIT seconds and killed 10 s later (default 300: a JVM short of heap can spend
# its time collecting garbage instead of failing).
#
#   bench/dedupe.sh [GROW] [XMX] [OTHER_JAR]     defaults: 12 (12M events), 128m, no other jar
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
grow="${1:-12}"
xmx="${2:-128m}"
other="${3:-}"
cd "$root"
build
small="$(corpus 500000)"
month="$(corpus 1000000 30)"
rm -rf "$work/copy-500000" && cp -r "$small/AWSLogs" "$work/copy-500000"
file="$(find "$month/AWSLogs" -name '*.json.gz' | sort | sed -n 500p)"
echo "| step | jar | ingest (s) | wall | peak RSS |"
echo "|---|---|---|---|---|"
for j in "$jar" $other; do
  rm -rf "$work/store-dedupe"
  ingest_step "500k corpus, fresh store" "$j" "$work/store-dedupe" "$small/AWSLogs"
  ingest_step "a copy of it, same store" "$j" "$work/store-dedupe" "$work/copy-500000"
done
rm -rf "$work/store-month" && java -jar "$jar" ingest --no-progress --no-builtin-rules --json --data "$work/store-month" "$month/AWSLogs" > /dev/null
java -cp "$root/bench/target/benchmarks.jar" dev.trailwatch.bench.GrowStore "$work/store-month/trailwatch.duckdb" "$grow" 30
for j in "$jar" $other; do
  rm -rf "$work/store-big" "$work/one-file" && cp -r "$work/store-month" "$work/store-big" && mkdir "$work/one-file" && cp "$file" "$work/one-file/"
  ingest_step "one file into ${grow}M events, ${grow}x the ledger" "$j" "$work/store-big" "$work/one-file"
  rm -rf "$work/store-big" && cp -r "$work/store-month" "$work/store-big"
  ingest_step "the same, -Xmx$xmx" "$j" "$work/store-big" "$work/one-file" "-Xmx$xmx"
done
