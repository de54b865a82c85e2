#!/usr/bin/env bash
# S3 versus local disk: `trailwatch ingest` of the same corpus (built-in rules on), once from the folder and
# once from an S3-compatible server (S3Proxy, its filesystem store serving the corpus folder as a bucket,
# on 127.0.0.1, static test credentials, no instance metadata). Prints a Markdown table.
#
#   bench/s3.sh [EVENTS]        default: 500000 events over 1 day (the corpus of bench/run.sh, reused)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
events="${1:-500000}"
cd "$root"
build
corpus="$(corpus "$events")"
name="$(basename "$corpus")"
port="${S3_PORT:-18089}"
s3proxy "$port"
aws=(-Daws.accessKeyId=test-identity -Daws.secretAccessKey=test-credential -Daws.disableEc2Metadata=true)
timed() { # prints "seconds peak_rss_kb"
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > "$work/out.txt" 2>&1 || { cat "$work/out.txt" >&2; exit 1; }
  cat "$work/time.txt"
}
echo "ingest from local disk..." >&2
rm -rf "$work/store-local"
read -r local_s local_rss < <(timed java -jar "$jar" ingest --no-progress --json --data "$work/store-local" "$corpus/AWSLogs")
local_events=$(reported events_new "$work/out.txt")
echo "ingest from S3 (S3Proxy on 127.0.0.1:$port)..." >&2
rm -rf "$work/store-s3"
read -r s3_s s3_rss < <(timed java "${aws[@]}" -jar "$jar" ingest --no-progress --json --endpoint "http://127.0.0.1:$port" \
  --data "$work/store-s3" "s3://$name/AWSLogs")
s3_events=$(reported events_new "$work/out.txt")
s3_files=$(reported files_read "$work/out.txt")
echo "ingest from S3 again (every object unchanged: listing and ledger only)..." >&2
read -r again_s _ < <(timed java "${aws[@]}" -jar "$jar" ingest --no-progress --json --endpoint "http://127.0.0.1:$port" \
  --data "$work/store-s3" "s3://$name/AWSLogs")
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }
echo
echo "corpus: $local_events events, $s3_files objects; $(nproc) cores; $(java -version 2>&1 | head -1)"
echo
echo "| source | time | events/s | peak RSS |"
echo "|---|---|---|---|"
echo "| local folder | ${local_s} s | $(rate "$local_events" "$local_s") | $((local_rss / 1024)) MB |"
echo "| s3:// (S3Proxy, loopback) | ${s3_s} s | $(rate "$s3_events" "$s3_s") | $((s3_rss / 1024)) MB |"
echo "| s3:// again, nothing new | ${again_s} s | - | - |"
