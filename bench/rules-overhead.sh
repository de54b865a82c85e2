#!/usr/bin/env bash
# Throughput lost to detection (issue 4's budget: at most 15 %): `trailwatch ingest` of the bench corpus into a
# fresh store without rules, with the built-in pack, and with the built-in pack plus SigmaHQ's rules, ROUNDS
# times each, interleaved (so a slow minute of the machine hits all three alike); prints each run's events/s
# (as ingest reports it) and the medians.
#
#   bench/rules-overhead.sh [ROUNDS] [EVENTS]     defaults: 5 rounds, the 500000-event corpus of bench/run.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rounds="${1:-5}"
events="${2:-500000}"
sigma="${SIGMA_RULES:-$root/../shared/sigma/rules}"
cd "$root"
build
corpus="$(corpus "$events")"
run() { # label, extra ingest options...
  local label="$1"; shift
  rm -rf "$work/store-rules"
  java -jar "$jar" ingest --no-progress --json --data "$work/store-rules" "$@" "$corpus/AWSLogs" \
    | reported events_per_second >> "$work/rate-$label.txt"
}
rm -f "$work"/rate-*.txt
for i in $(seq 1 "$rounds"); do
  echo "round $i of $rounds..." >&2
  run none --no-builtin-rules
  run builtin
  run sigmahq --rules "$sigma"
done
median() { sort -n "$1" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
none=$(median "$work/rate-none.txt")
echo
echo "| rules | events/s, each run | median | loss |"
echo "|---|---|---|---|"
for label in none builtin sigmahq; do
  m=$(median "$work/rate-$label.txt")
  echo "| $label | $(paste -sd' ' "$work/rate-$label.txt") | $m | $(awk -v n="$none" -v m="$m" 'BEGIN { printf "%.1f %%", (1 - m / n) * 100 }') |"
done
