#!/usr/bin/env bash
# Ingest of many small files, as real trails are (an account's quiet regions deliver a file of one or two events
# every five minutes): a month of 100,000 events in four accounts and four regions, about 42,000 gzipped files of
# 2.4 events each. Ingests it into a fresh store ROUNDS times and prints the seconds ingest reports, files/s and the
# process's user CPU; with OTHER_JAR (an earlier build), runs it in turn with this checkout's jar, round by round.
#
#   bench/small-files.sh [ROUNDS] [OTHER_JAR]     defaults: 3 rounds, no other jar
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rounds="${1:-3}"
other="${2:-}"
cd "$root"
build
corpus="$(generated sparse-100000-30 --events 100000 --days 30 --start 2026-10-01 --seed 3)"
files=$(find "$corpus/AWSLogs" -name '*.json.gz' | wc -l)
echo "| jar | ingest (s) | files/s | user CPU (s) |"
echo "|---|---|---|---|"
for i in $(seq 1 "$rounds"); do
  for j in "$jar" $other; do
    rm -rf "$work/store-sparse"
    /usr/bin/time -f "%U" -o "$work/time.txt" java -jar "$j" ingest --no-progress --no-builtin-rules --json --data "$work/store-sparse" "$corpus/AWSLogs" > "$work/out.txt"
    took=$(reported seconds "$work/out.txt")
    printf '| %s | %s | %.0f | %s |\n' "$(basename "$j")" "$took" "$(echo "$files / $took" | bc -l)" "$(cat "$work/time.txt")"
  done
done
