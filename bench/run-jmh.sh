#!/usr/bin/env bash
# JMH benchmarks of the hot paths. Usage: bench/run-jmh.sh [JMH options], e.g. bench/run-jmh.sh ReaderBenchmark
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B -DskipTests install -pl bench -am >&2
exec java -jar bench/target/benchmarks.jar "$@"
