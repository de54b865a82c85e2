#!/usr/bin/env bash
# Ingest from S3 across a network's latency: the corpus of bench/run.sh served by S3Proxy on 127.0.0.1, reached
# through a relay that holds each request DELAY_MS before passing it on (bench.DelayProxy), as a bucket in another
# region or over the Internet answers. `trailwatch ingest --readers N` (no rules: the reading is measured) into a
# fresh store, once for each N. Prints a Markdown table.
#
#   bench/s3-latency.sh [DELAY_MS [READERS...]]        defaults: 40 ms; 8 16 32 64 readers
#   JVM_OPTS=-Xmx256m bench/s3-latency.sh 40 1          the JVM options of each ingest (network sources get at least 32 readers)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
delay="${1:-40}"
shift || true
readers=("$@")
[ ${#readers[@]} -gt 0 ] || readers=(8 16 32 64)
cd "$root"
build
corpus="$(corpus 500000)"
name="$(basename "$corpus")"
port="${S3_PORT:-18089}"
relay=$((port + 1))
s3proxy "$port"
java -cp "$root/bench/target/benchmarks.jar" dev.trailwatch.bench.DelayProxy "$relay" "$port" "$delay" > "$work/relay.log" 2>&1 &
background+=($!)
listening "$relay"
aws=(-Daws.accessKeyId=test-identity -Daws.secretAccessKey=test-credential -Daws.disableEc2Metadata=true)
echo "corpus: $name, $(find "$corpus/AWSLogs" -type f | wc -l) objects; each request held $delay ms; $(nproc) cores"
echo
echo "| readers | ingest (s) | events/s | objects/s | peak RSS |"
echo "|---|---|---|---|---|"
for n in "${readers[@]}"; do
  rm -rf "$work/store-latency"
  # shellcheck disable=SC2086
  /usr/bin/time -f "%M" -o "$work/time.txt" java ${JVM_OPTS:-} "${aws[@]}" -jar "$jar" ingest --no-progress --json --no-builtin-rules --readers "$n" \
    --endpoint "http://127.0.0.1:$relay" --data "$work/store-latency" "s3://$name/AWSLogs" > "$work/out.txt" 2> "$work/err.txt" || true
  s=$(reported seconds "$work/out.txt")
  awk -v n="$n" -v s="$s" -v e="$(reported events_new "$work/out.txt")" -v f="$(reported files_read "$work/out.txt")" -v rss="$(tail -1 "$work/time.txt")" \
    'BEGIN { printf "| %d | %.2f | %.0f | %.0f | %d MB |\n", n, s, e / s, f / s, rss / 1024 }'
done
