#!/usr/bin/env bash
# End-to-end delay of `watch` over SQS: a file lands in S3 (S3Proxy) and is announced on SQS (ElasticMQ), both on
# 127.0.0.1; measured until its events and findings are committed. Prints p50/p90/max.
#
#   bench/watch-latency.sh [ROUNDS]      default 30
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B -DskipTests install >&2
./mvnw -q -B -o test-compile -pl trailwatch-aws >&2
cp="$(./mvnw -q -B -o dependency:build-classpath -pl trailwatch-aws -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"
java -Daws.accessKeyId=test-identity -Daws.secretAccessKey=test-credential -Daws.disableEc2Metadata=true -Daws.region=us-east-1 \
  -cp "trailwatch-aws/target/test-classes:trailwatch-aws/target/classes:$cp" dev.trailwatch.source.sqs.WatchLatency "${1:-30}"
