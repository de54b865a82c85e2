#!/usr/bin/env bash
# End-to-end ingest benchmark, one command: generates (or reuses) a corpus, then measures on the same files
# in one run: the Java gunzip floor (2 threads), the reader alone, DuckDB's best load path
# (bench/duckdb-baseline.sql), and `trailwatch ingest` into a fresh store. Prints a Markdown table.
#
#   bench/run.sh [EVENTS] [DAYS]        defaults: 500000 events over 1 day
#
# Needs only a JDK; uses /usr/bin/time for peak RSS when it is there.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
events="${1:-500000}"
days="${2:-1}"
cd "$root"
build
bench="$root/bench/target/benchmarks.jar"
corpus="$(corpus "$events" "$days")"
gz_bytes=$(find "$corpus/AWSLogs" -name '*.gz' -printf '%s\n' | awk '{s+=$1} END {print s}')
files=$(find "$corpus/AWSLogs" -name '*.gz' | wc -l)
timed() { # prints "seconds peak_rss_kb" for the command
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > "$work/out.txt" 2>&1 || { cat "$work/out.txt" >&2; exit 1; }
    cat "$work/time.txt"
  else
    local t0=$(date +%s.%N); "$@" > "$work/out.txt" 2>&1; echo "$(echo "$(date +%s.%N) - $t0" | bc) -"
  fi
}
echo "reader alone and gunzip floor (3 rounds, warm JVM)..." >&2
java -cp "$bench" dev.trailwatch.bench.ParseOnly "$corpus/AWSLogs" 2 > "$work/parse.txt"
floor=$(tail -1 "$work/parse.txt" | sed -E 's/gunzip floor: ([0-9.]+) s.*/\1/')
parse=$(tail -1 "$work/parse.txt" | sed -E 's/.*parse: ([0-9.]+) s.*/\1/')
echo "duckdb baseline..." >&2
read -r duck_s duck_rss < <(timed java -cp "$bench" dev.trailwatch.bench.DuckDbBaseline "$corpus" "$root/bench/duckdb-baseline.sql" "$work/baseline.duckdb")
sigma="${SIGMA_RULES:-$root/../shared/sigma/rules}"
echo "trailwatch ingest without rules..." >&2
rm -rf "$work/store"
read -r none_s none_rss < <(timed java -jar "$jar" ingest --no-progress --json --no-builtin-rules --data "$work/store" "$corpus/AWSLogs")
echo "trailwatch ingest with the SigmaHQ rules as well..." >&2
rm -rf "$work/store"
read -r all_s all_rss < <(timed java -jar "$jar" ingest --no-progress --json --rules "$sigma" --data "$work/store" "$corpus/AWSLogs")
echo "trailwatch ingest (built-in rules)..." >&2
rm -rf "$work/store"
read -r tw_s tw_rss < <(timed java -jar "$jar" ingest --no-progress --json --data "$work/store" "$corpus/AWSLogs")
ingested=$(reported events_new "$work/out.txt")
store_bytes=$(du -sb "$work/store" | cut -f1)
plain_bytes=$(tail -1 "$work/parse.txt" | sed -E 's/.*gunzip floor: [0-9.]+ s \(([0-9,]+) MB\).*/\1/' | tr -d ,)
events=$(sed -nE 's/^  "events" : ([0-9]+),?/\1/p' "$corpus/corpus.json")
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }
mbs() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.0f", b / 1048576 / s }'; }
echo
echo "corpus: $events events, $files gzipped files, $((gz_bytes / 1048576)) MB gz / ${plain_bytes} MB JSON; $(nproc) cores; $(java -version 2>&1 | head -1)"
echo
echo "| path | time | events/s | MB/s (gz) | peak RSS |"
echo "|---|---|---|---|---|"
echo "| Java gunzip only, 2 threads (the floor) | ${floor} s | $(rate "$events" "$floor") | $(mbs "$gz_bytes" "$floor") | |"
echo "| Trailwatch reader alone (parse, no store), 2 threads, warm | ${parse} s | $(rate "$events" "$parse") | $(mbs "$gz_bytes" "$parse") | |"
echo "| DuckDB read_json_objects + json_transform into a table (cold JVM, with checkpoint) | ${duck_s} s | $(rate "$events" "$duck_s") | $(mbs "$gz_bytes" "$duck_s") | $((duck_rss / 1024)) MB |"
echo "| \`trailwatch ingest --no-builtin-rules\` (no detection; cold JVM, whole process: parse, dedupe, 47 columns + raw bytes, commit) | ${none_s} s | $(rate "$ingested" "$none_s") | $(mbs "$gz_bytes" "$none_s") | $((none_rss / 1024)) MB |"
echo "| \`trailwatch ingest\` (built-in rule pack) | ${tw_s} s | $(rate "$ingested" "$tw_s") | $(mbs "$gz_bytes" "$tw_s") | $((tw_rss / 1024)) MB |"
echo "| \`trailwatch ingest --rules sigma/rules\` (built-in pack + SigmaHQ's 57 AWS rules) | ${all_s} s | $(rate "$ingested" "$all_s") | $(mbs "$gz_bytes" "$all_s") | $((all_rss / 1024)) MB |"
echo
echo "detection cost (one cold process each, ±8 % run to run; bench/rules-overhead.sh and IngestBenchmark measure it properly): built-in pack $(awk -v a="$none_s" -v b="$tw_s" 'BEGIN { printf "%.0f", (1 - a / b) * 100 }') % of throughput, with SigmaHQ rules $(awk -v a="$none_s" -v b="$all_s" 'BEGIN { printf "%.0f", (1 - a / b) * 100 }') %"
echo
echo "store: $((store_bytes / 1048576)) MB on disk, $((store_bytes / ingested)) bytes per event (raw file bytes included: $((gz_bytes / ingested)) bytes/event)"
