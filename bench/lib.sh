# Sourced by the bench scripts: the checkout, its runnable jar, and the generated corpus they measure on.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BENCH_DIR:-$root/bench/target/run}"
jar="$root/trailwatch-cli/target/trailwatch.jar"

# Builds the jar and the benchmarks from the checkout.
build() {
  (cd "$root" && ./mvnw -q -B -DskipTests install >&2)
}

# The corpus of EVENTS events over one day in $work (generated once, as bench/run.sh makes it, then reused); prints its folder.
corpus() {
  local dir="$work/corpus-$1-1"
  if [ ! -f "$dir/corpus.json" ]; then
    java -jar "$jar" generate --out "$dir" --events "$1" --days 1 --start 2026-11-02 --seed 1 --incidents >&2
  fi
  echo "$dir"
}
