#!/usr/bin/env bash
# Times `skyplan lint` end to end on generated stacks of ~300, ~10,000 and
# ~100,000 resources and prints time, throughput and peak memory.
# The generated stacks carry VP008 (more than 5 VPCs per region) warnings
# on purpose; the run still reads, resolves and checks everything.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p skyplan -p skyplan-bench
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '%-10s %10s %10s %12s %14s %10s\n' size resources files seconds resources/s peak_MiB
for spec in "small 2 12 10" "medium 40 20 10" "large 400 24 10"; do
  set -- $spec
  ./target/release/skyplan-bench gen "$out/$1" "$2" "$3" "$4" >/dev/null
  files=$(ls "$out/$1" | wc -l)
  stats=$( { /usr/bin/time -f '%e %M' ./target/release/skyplan lint -q --format json "$out/$1" >/dev/null; } 2>&1 | tail -1)
  secs=${stats% *}; kib=${stats#* }
  res=$(./target/release/skyplan graph --format mermaid "$out/$1" | grep -c '\["' || true)
  rate=$(awk -v r="$res" -v s="$secs" 'BEGIN { printf "%d", (s > 0 ? r / s : 0) }')
  printf '%-10s %10s %10s %12s %14s %10s\n' "$1" "$res" "$files" "$secs" "$rate" "$((kib / 1024))"
done
echo
echo "overlap sweep (skyplan-cidr::overlapping_pairs, best of 5):"
cargo bench -q -p skyplan-cidr 2>/dev/null | tail -3
