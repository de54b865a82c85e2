#!/usr/bin/env bash
# What reading records delivered as text costs, against the same records as JSON lines: the first N records of the
# bench corpus written as JSON lines, as Logstash's documents (the record as the message) and as a Firehose backup
# (the record as base64 rawData), each ingested into a fresh store and then hunted with SigmaHQ's cloud rules,
# ROUNDS times, in turn; prints the seconds ingest reports and the hunt's wall time.
#
#   bench/delivered.sh [N] [ROUNDS]     defaults: 200000 records, 2 rounds; the 500000-event corpus of bench/run.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
n="${1:-200000}"
rounds="${2:-2}"
sigma="${SIGMA_RULES:-$root/../shared/sigma/rules/cloud}"
cd "$root"
build
corpus="$(corpus 500000)"
forms="$work/delivered-$n"
[ -d "$forms/firehose" ] || java -cp bench/target/benchmarks.jar dev.trailwatch.bench.DeliveredForms "$corpus/AWSLogs" "$forms" "$n" >&2
echo "| form | ingest (s) | hunt (s) |"
echo "|---|---|---|"
for i in $(seq 1 "$rounds"); do
  for form in lines logstash firehose; do
    rm -rf "$work/store-delivered"
    took=$(java -jar "$jar" ingest --no-progress --no-builtin-rules --json --data "$work/store-delivered" "$forms/$form" \
      | reported seconds)
    start=$(date +%s.%N)
    java -jar "$jar" hunt --data "$work/store-delivered" "$sigma" > /dev/null
    hunt=$(echo "$(date +%s.%N) - $start" | bc)
    printf '| %s | %s | %.2f |\n' "$form" "$took" "$hunt"
  done
done
