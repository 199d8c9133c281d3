#!/usr/bin/env bash
# Kills `fouille index` with SIGKILL at random moments while it indexes an
# archive, checks after each kill that the index still opens and answers
# from its last commit, then lets one run finish and checks that every
# document is present exactly once.
#
#   scripts/kill-loop.sh [ARCHIVE] [KILLS]
#   default: ../shared/corpus/fr-bench.jsonl.zst, 20 kills
set -euo pipefail
cd "$(dirname "$0")/.."
archive=${1:-../shared/corpus/fr-bench.jsonl.zst}
kills=${2:-20}
cargo build --release --quiet
bin=$PWD/target/release/fouille
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ix=$work/index

# The number of documents the archive holds, from a clean run elsewhere.
expected=$("$bin" --index "$work/reference" index --json "$archive" \
  | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["indexed"])')
rm -rf "$work/reference"
echo "archive: $archive ($expected documents)"

count() { # documents in the index, or "none" before the first commit
  local out code=0
  out=$("$bin" --index "$ix" search --json --limit 1 '*' 2>"$work/err") || code=$?
  if [ "$code" -eq 2 ]; then
    if grep -q "no index" "$work/err"; then echo none; return; fi
    echo "index unusable after a kill:" >&2; cat "$work/err" >&2; exit 1
  fi
  python3 -c 'import json,sys; print(json.loads(sys.argv[1])["total"])' "$out"
}

for i in $(seq 1 "$kills"); do
  # Small commit batches so that killed runs keep part of their work.
  "$bin" --index "$ix" index --commit-every 5000 "$archive" >/dev/null 2>&1 &
  pid=$!
  sleep "$(python3 -c 'import random; print(round(random.uniform(0.2, 4.0), 2))')"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "kill $i: index answers, $(count) documents committed"
done

summary=$("$bin" --index "$ix" index --json "$archive")
echo "final run: $summary"
total=$(count)
again=$("$bin" --index "$ix" index --json "$archive")
unchanged=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["unchanged"])' "$again")
lost=$((expected - unchanged))
duplicated=$((total - unchanged))
echo "documents: expected $expected, in index $total, distinct keys $unchanged"
echo "lost: $lost, duplicated: $duplicated"
[ "$lost" -eq 0 ] && [ "$duplicated" -eq 0 ]
