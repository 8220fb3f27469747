#!/usr/bin/env bash
# The benchmark table of docs/performance.md, from a clean clone:
#   bench/run.sh
# Generates stacks of ~130, ~10,000 and ~100,000 resources (one mapping per
# resource, as people write them), and the ~108,000-resource `count`-heavy
# stack of earlier runs; times each stage in-process next to the floor
# (serde_yaml into its `Value`, one thread), then the real binary end to end
# (process start to exit) with its peak memory, and the overlap sweep.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p skyplan -p skyplan-bench
bin=$PWD/target/release/skyplan
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
sizes=("small 1 12 8 flat" "medium 7 24 58 flat" "large 64 24 64 flat" "counted 400 24 10")

echo "== Stages, in-process (best of 3) =="
for spec in "${sizes[@]}"; do
  set -- $spec
  ./target/release/skyplan-bench gen "$out/$1" "$2" "$3" "$4" ${5:-} >/dev/null
  stages=$(./target/release/skyplan-bench stages "$out/$1")
  echo
  echo "-- $1: $(head -1 <<<"$stages")"
  tail -n +2 <<<"$stages"
done

echo
echo "== End to end: the skyplan binary, process start to exit =="
printf '%-8s %-22s %10s %10s\n' size command best_ms peak_MiB
for spec in "${sizes[@]}"; do
  set -- $spec
  dir="$out/$1"
  runs=$(case "$1" in large|counted) echo 2 ;; *) echo 10 ;; esac)
  m() { python3 bench/measure.py "$runs" "$dir" "$bin" "$@"; }
  printf '%-8s %-22s %10s %10s\n' "$1" "lint" $(m lint -q --format json .)
  printf '%-8s %-22s %10s %10s\n' "$1" "plan -q (empty state)" $(m plan -q .)
  printf '%-8s %-22s %10s %10s\n' "$1" "plan (empty state)" $(m plan .)
  printf '%-8s %-22s %10s %10s\n' "$1" "apply (empty state)" $(python3 bench/measure.py 1 "$dir" "$bin" apply --auto-approve .)
  printf '%-8s %-22s %10s %10s\n' "$1" "no-op plan -q" $(m plan -q --detailed-exitcode .)
  printf '%-8s %-22s %10s %10s\n' "$1" "no-op plan" $(m plan --detailed-exitcode .)
done

echo
echo "== Overlap sweep (skyplan-cidr::overlapping_pairs, best of 5) =="
cargo bench -q -p skyplan-cidr 2>/dev/null | tail -3
