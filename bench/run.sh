#!/usr/bin/env bash
# The benchmark table of docs/performance.md, from a clean clone:
#   bench/run.sh
# Generates stacks of ~300, ~10,000 and ~100,000 resources, times each stage
# in-process next to the YAML parse floor, then times the real binary end to
# end (process start to exit) with its peak memory, and the overlap sweep.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p skyplan -p skyplan-bench
bin=$PWD/target/release/skyplan
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
sizes=("small 2 12 10" "medium 40 20 10" "large 400 24 10")

echo "== Stages, in-process (best of 3) =="
for spec in "${sizes[@]}"; do
  set -- $spec
  ./target/release/skyplan-bench gen "$out/$1" "$2" "$3" "$4" >/dev/null
  echo
  echo "-- $1: $(./target/release/skyplan-bench stages "$out/$1" | head -1)"
  ./target/release/skyplan-bench stages "$out/$1" | tail -n +2
done

echo
echo "== End to end: the skyplan binary, process start to exit =="
printf '%-8s %-22s %10s %10s\n' size command best_ms peak_MiB
for spec in "${sizes[@]}"; do
  set -- $spec
  dir="$out/$1"
  runs=$([ "$1" = large ] && echo 2 || echo 10)
  m() { python3 bench/measure.py "$runs" "$dir" "$bin" "$@"; }
  printf '%-8s %-22s %10s %10s\n' "$1" "lint" $(m lint -q --format json .)
  printf '%-8s %-22s %10s %10s\n' "$1" "plan (empty state)" $(m plan .)
  printf '%-8s %-22s %10s %10s\n' "$1" "apply (empty state)" $(python3 bench/measure.py 1 "$dir" "$bin" apply --auto-approve .)
  printf '%-8s %-22s %10s %10s\n' "$1" "no-op plan" $(m plan --detailed-exitcode .)
done

echo
echo "== Overlap sweep (skyplan-cidr::overlapping_pairs, best of 5) =="
cargo bench -q -p skyplan-cidr 2>/dev/null | tail -3
