#!/usr/bin/env bash
# The benchmark table of docs/performance.md, from a clean clone:
#   bench/run.sh
# Generates stacks of ~130, ~10,000 and ~100,000 resources (one mapping per
# resource, as people write them), and the ~108,000-resource `count`-heavy
# stack of earlier runs, and ~20,000 with 10,000 instances on the internet
# (exposure's worst case); times each stage in-process next to the floor
# (serde_yaml into its `Value`, one thread), then the real binary end to end
# (process start to exit) with its ratio to the floor and to `lint` and its
# peak memory; then the medium and large stacks taken in turn, run by run,
# for the scaling ratio (issue 20: 10x the resources in at most 11x the
# time); and the overlap sweep.
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
echo "(x floor: over serde_yaml's one-thread parse of the same files, measured"
echo " just before each stack's rows; x lint: over \`lint\` of the same stack,"
echo " run in turn with the command)"
printf '%-8s %-24s %9s %8s %8s %9s\n' size command best_ms x_floor x_lint peak_MiB
for spec in "${sizes[@]}" "public 7 24 120 public"; do
  set -- $spec
  size=$1 dir="$out/$1"
  case "$size" in
    counted) from="instance.v0-i0[0]" to="instance.v0-i1[3]" ;;
    *) from="instance.v0-s0-i0" to="instance.v0-s1-i3" ;;
  esac
  [ -d "$dir" ] || ./target/release/skyplan-bench gen "$dir" "$2" "$3" "$4" ${5:-} >/dev/null
  # The same number of runs for the stacks whose times are compared for
  # scaling (medium and large): a best of more runs is lower by itself.
  runs=$(case "$1" in small) echo 10 ;; counted) echo 3 ;; *) echo 5 ;; esac)
  floor=$(./target/release/skyplan-bench floor "$dir")
  # Each command's runs alternate with runs of `lint` ("x lint" is over
  # the best of those: the two under the same load, not minutes apart).
  row() { # label runs [--fresh FILE] command...
    local label=$1 n=$2 fresh=(); shift 2
    [ "$1" != --fresh ] || { fresh=(--fresh "$2"); shift 2; }
    read -r ms mib lint_ms < <(python3 bench/measure.py "$n" "$dir" "${fresh[@]}" \
      --beside "lint -q --format json ." "$bin" "$@")
    printf '%-8s %-24s %9s %8s %8s %9s\n' "$size" "$label" "$ms" \
      "$(python3 -c "print(f'{$ms / $floor:.2f}')")" \
      "$(python3 -c "print(f'{$ms / $lint_ms:.2f}')")" "$mib"
  }
  row "lint" "$runs" lint -q --format json .
  row "validate" "$runs" validate -q .
  row "exposure" "$runs" exposure .
  row "reach" "$runs" reach --from "$from" --to "$to" --port 8080
  row "plan -q (empty state)" "$runs" plan -q .
  row "plan (empty state)" "$runs" plan .
  row "apply (empty state)" "$(( runs < 3 ? runs : 3 ))" --fresh skyplan.state.json apply --auto-approve .
  row "no-op plan -q" "$runs" plan -q --detailed-exitcode .
  row "no-op plan" "$runs" plan --detailed-exitcode .
  row "reach (applied)" "$runs" reach --from "$from" --to "$to" --port 8080
  row "exposure (applied)" "$runs" exposure .
done

echo
echo "== Scaling: medium -> large (10.1x the resources), the two taken in turn =="
echo "(each run of a command on the medium stack is followed by one on the"
echo " large, best of 7 each: the VM's drift between minutes touches both)"
printf '%-24s %10s %10s %8s\n' command medium_ms large_ms x
pair() { # label [--fresh FILE] -- command...
  local label=$1 fresh=(); shift
  [ "$1" != --fresh ] || { fresh=(--fresh "$2"); shift 2; }
  read -r m _ l _ < <(python3 bench/measure.py 7 "$out/medium,$out/large" "${fresh[@]}" "$bin" "$@")
  printf '%-24s %10s %10s %8s\n' "$label" "$m" "$l" "$(python3 -c "print(f'{$l / $m:.2f}')")"
}
question=(--from instance.v0-s0-i0 --to instance.v0-s1-i3 --port 8080)
pair "lint" lint -q --format json .
pair "validate" validate -q .
pair "exposure" --fresh skyplan.state.json exposure .
pair "reach" --fresh skyplan.state.json reach "${question[@]}"
pair "plan -q (empty state)" --fresh skyplan.state.json plan -q .
pair "plan (empty state)" --fresh skyplan.state.json plan .
pair "apply (empty state)" --fresh skyplan.state.json apply --auto-approve .
pair "no-op plan -q" plan -q --detailed-exitcode .
pair "no-op plan" plan --detailed-exitcode .
pair "reach (applied)" reach "${question[@]}"
pair "exposure (applied)" exposure .

echo
echo "== Overlap sweep (skyplan-cidr::overlapping_pairs, best of 5) =="
cargo bench -q -p skyplan-cidr 2>/dev/null | tail -3
