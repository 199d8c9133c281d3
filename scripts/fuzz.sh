#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for SECONDS_PER_TARGET seconds
# (default 180) one after the other, then prints executions and crashes per
# target. Not run in CI: it takes minutes and needs cargo-fuzz.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# cargo-fuzz needs nightly compiler flags; on a stable toolchain
# RUSTC_BOOTSTRAP=1 unlocks them. Crashing inputs land in
# fuzz/artifacts/TARGET/; replay one with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none TARGET fuzz/artifacts/TARGET/crash-…
set -euo pipefail

secs="${1:-180}"
shift || true
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz…" >&2
    cargo install cargo-fuzz --locked
fi
export RUSTC_BOOTSTRAP=1

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo fuzz list)
fi

# Safe Rust: AddressSanitizer finds little that a panic would not, and
# halves the speed. Debug assertions stay on (overflow checks catch more).
flags=(--sanitizer none --release --debug-assertions)
cargo fuzz build "${flags[@]}"

logs="$root/fuzz/logs"
mkdir -p "$logs"
summary=()
for t in "${targets[@]}"; do
    log="$logs/$t.log"
    mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
    before=$(find "fuzz/artifacts/$t" -type f | wc -l)
    echo "== $t: ${secs}s" >&2
    # A hang is a bug too: any input taking over 10 s is reported as a
    # timeout; -fork keeps going after a crash so one run finds several.
    set +e
    cargo fuzz run "${flags[@]}" "$t" -- \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=4096 \
        -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 -print_final_stats=1 \
        >"$log" 2>&1
    set -e
    # Fork mode reports "#RUNS: … oom/timeout/crash: O/T/C" as it goes (the
    # last line sums all jobs); a plain run ends with "Done N runs" or
    # "stat::number_of_executed_units: N".
    last=$(grep -E '^#[0-9]+: .*oom/timeout/crash' "$log" | tail -1 || true)
    execs=$(sed -E 's/^#([0-9]+):.*/\1/' <<<"$last")
    found=$(sed -nE 's|.*oom/timeout/crash: ([0-9]+/[0-9]+/[0-9]+).*|\1|p' <<<"$last")
    if [ -z "$execs" ]; then
        execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+|Done [0-9]+ runs' "$log" \
            | tail -1 | grep -oE '[0-9]+' | tail -1 || true)
    fi
    after=$(find "fuzz/artifacts/$t" -type f | wc -l)
    summary+=("$(printf '%-11s executions %-9s oom/timeout/crash %-6s new artifacts %s' \
        "$t" "${execs:-?}" "${found:-?}" "$((after - before))")")
done

echo
echo "Fuzzing summary (${secs}s per target; logs in fuzz/logs/)"
printf '%s\n' "${summary[@]}"
