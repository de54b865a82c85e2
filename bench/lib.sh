# Sourced by the bench scripts: the checkout, its runnable jar, the generated corpora they measure on, and the figures
# that `trailwatch ingest --json` reports.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BENCH_DIR:-$root/bench/target/run}"
jar="$root/trailwatch-cli/target/trailwatch.jar"
mkdir -p "$work"

# Builds the jar and the benchmarks from the checkout.
build() {
  (cd "$root" && ./mvnw -q -B -DskipTests install >&2)
}

# A corpus of `trailwatch generate OPTIONS...` in $work/NAME, made once and then reused; prints its folder.
generated() {
  local dir="$work/$1"; shift
  if [ ! -f "$dir/corpus.json" ]; then
    echo "generating $dir..." >&2
    java -jar "$jar" generate --out "$dir" "$@" >&2
  fi
  echo "$dir"
}

# The corpus of EVENTS events over DAYS days (default 1) that bench/run.sh measures on; prints its folder.
corpus() {
  generated "corpus-$1-${2:-1}" --events "$1" --days "${2:-1}" --start 2026-11-02 --seed 1 --incidents
}

# The number KEY names in the one-line summary of `ingest --json`, read from FILE (default: the standard input).
reported() {
  sed -E "s/.*\"$1\":([0-9.]+).*/\1/" "${2:-/dev/stdin}"
}

# One `ingest --json` of SOURCE into STORE with JAR (and JVM OPTIONs), printed as a table row: the seconds ingest reports
# (or the first line of its error), the wall time and the peak RSS. Stopped after STEP_LIMIT seconds (default 300) and
# killed 10 s later: a JVM short of heap can spend its time collecting garbage instead of failing.
ingest_step() { # NAME JAR STORE SOURCE [JVM OPTION...]
  local name="$1" j="$2" store="$3" src="$4" limit="${STEP_LIMIT:-300}"; shift 4
  local code=0 took
  /usr/bin/time -f "%e %M" -o "$work/time.txt" timeout -k 10 "$limit" java "$@" -jar "$j" ingest --no-progress --no-builtin-rules --json --data "$store" "$src" > "$work/out.txt" 2> "$work/err.txt" || code=$?
  if [ "$code" = 124 ] || [ "$code" = 137 ]; then
    took="stopped after $limit s"
  else
    took=$(grep -q seconds "$work/out.txt" && reported seconds "$work/out.txt" || grep -v "^\s*at \|^Exception in thread" "$work/err.txt" | head -1 | cut -c1-100)
  fi
  read -r wall rss < <(tail -1 "$work/time.txt")
  printf '| %s | %s | %s | %s s | %d MB |\n' "$name" "$(basename "$j")" "$took" "$wall" $((rss / 1024))
}

# Serves $work as S3 buckets (S3Proxy's filesystem store, so each corpus folder there is a bucket) on 127.0.0.1:PORT,
# with the test credentials, until the script exits; returns once it answers.
s3proxy() { # PORT
  local port="$1" cp
  cp="$(cd "$root" && ./mvnw -q -B dependency:build-classpath -pl trailwatch-testkit -Dmdep.outputFile=/dev/stdout)"
  cat > "$work/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=test-identity
s3proxy.credential=test-credential
jclouds.provider=filesystem-nio2
jclouds.identity=test-identity
jclouds.credential=test-credential
jclouds.filesystem.basedir=$work
PROPS
  java -Dlogback.configurationFile="$root/trailwatch-testkit/src/main/resources/logback-test.xml" -cp "$cp" org.gaul.s3proxy.Main \
    --properties "$work/s3proxy.properties" > "$work/s3proxy.log" 2>&1 &
  background+=($!)
  trap 'kill "${background[@]}" 2>/dev/null || true' EXIT
  listening "$port"
}

# Returns once something listens on 127.0.0.1:PORT (at most 20 s).
listening() { # PORT
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "nothing listens on 127.0.0.1:$1" >&2
  return 1
}
background=()
