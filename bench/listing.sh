#!/usr/bin/env bash
# What a long listing costs in heap. A corpus of 291,928 small files (1.5M events over 120 days: four accounts, four
# regions, a file every 5 minutes as CloudTrail delivers) ingested into a fresh store with the default heap and with
# the heap held to each XMX, then listed again into that store (every file unchanged) with the default heap and with
# -Xmx64m. Prints the seconds ingest reports (or its error), the wall time and the peak RSS of each step; with
# OTHER_JAR (an earlier build), each step runs with both jars. Steps stop after STEP_LIMIT seconds (default 300).
#
#   bench/listing.sh [OTHER_JAR] [XMX...]     defaults: no other jar; 256m 128m
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
other="${1:-}"
shift || true
heaps=("${@:-256m 128m}")
cd "$root"
build
many="$(generated corpus-1500000-120 --events 1500000 --days 120 --start 2026-07-01 --seed 1)"
echo "| step | jar | ingest (s) | wall | peak RSS |"
echo "|---|---|---|---|---|"
for j in "$jar" $other; do
  rm -rf "$work/store-many"
  ingest_step "291,928 files, fresh store" "$j" "$work/store-many" "$many/AWSLogs"
  for x in ${heaps[*]}; do
    rm -rf "$work/store-many-x"
    ingest_step "the same, -Xmx$x" "$j" "$work/store-many-x" "$many/AWSLogs" "-Xmx$x"
  done
  ingest_step "listed again, all unchanged" "$j" "$work/store-many" "$many/AWSLogs"
  ingest_step "the same, -Xmx64m" "$j" "$work/store-many" "$many/AWSLogs" "-Xmx64m"
done
