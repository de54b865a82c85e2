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
