#!/usr/bin/env bash
# Load test of `fouille serve`: CLIENTS concurrent clients (16) send the
# benchmark queries to /api/search for DURATION seconds (30), on loopback only,
# after one client alone for SOLO seconds (10); prints p50/p99 and
# requests per second beside `fouille bench` on the same queries and
# index, and the server's memory beside a `fouille search` process's.
#
#   scripts/serve-load.sh [INDEX]     # default INDEX: /tmp/serve-108k
#
# Build the 108k index once with the release binary:
#   target/release/fouille --index /tmp/serve-108k index ../shared/corpus/fr-bench.jsonl.zst
# Env: QUERIES (../shared/corpus/queries.txt), CLIENTS, DURATION, SOLO,
# EXTRA (more query parameters for every request, e.g. facets=12).
set -euo pipefail
cd "$(dirname "$0")/.."

INDEX="${1:-/tmp/serve-108k}"
QUERIES="${QUERIES:-../shared/corpus/queries.txt}"
CLIENTS="${CLIENTS:-16}"
DURATION="${DURATION:-30}"
SOLO="${SOLO:-10}"
EXTRA="${EXTRA:-}"
die() { echo "serve-load: $*" >&2; exit 2; }
[ -f "$INDEX/meta.json" ] || die "no index in $INDEX (see the comment at the top)"
[ -r "$QUERIES" ] || die "cannot read $QUERIES"

cargo build --release --quiet --bin fouille --example serve_load
FOUILLE=target/release/fouille
LOAD=target/release/examples/serve_load
OUT="$(mktemp -d)"
"$FOUILLE" --index "$INDEX" serve --port 0 >"$OUT/serve.out" 2>"$OUT/serve.err" &
PID=$!
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$OUT"' EXIT
for _ in $(seq 100); do
    grep -q "http://" "$OUT/serve.out" && break
    sleep 0.1
done
ADDR="$(grep -o 'http://[0-9.:]*' "$OUT/serve.out" | head -1 | sed 's#http://##')"
[ -n "$ADDR" ] || die "the server did not start: $(cat "$OUT/serve.err")"
echo "server $ADDR (pid $PID) over $INDEX"

rss_kb() { awk -v k="$2" '$1 == k":" {print $2}' "/proc/$1/status"; }
echo "server RSS at start: $(rss_kb "$PID" VmRSS) kB"

echo "== 1 client, ${SOLO} s"
"$LOAD" "$ADDR" "$QUERIES" 1 "$SOLO" "$EXTRA" | tee "$OUT/solo.json"
echo "== $CLIENTS clients, ${DURATION} s"
"$LOAD" "$ADDR" "$QUERIES" "$CLIENTS" "$DURATION" "$EXTRA" | tee "$OUT/load.json"
SERVER_RSS="$(rss_kb "$PID" VmRSS)"
SERVER_HWM="$(rss_kb "$PID" VmHWM)"
# Of the resident memory, what the server allocated itself (anonymous) and
# what is pages of the index files (and of the binary) mapped from the disk
# cache: the second grows with how much of the index the queries touched.
SERVER_ANON="$(rss_kb "$PID" RssAnon)"
SERVER_FILE="$(rss_kb "$PID" RssFile)"

echo "== fouille bench on the same queries (in one process, no HTTP)"
"$FOUILLE" --index "$INDEX" bench "$QUERIES" --rounds 20 | tee "$OUT/bench.txt"

# The memory of a `fouille search` process: the largest over the queries.
SEARCH_MAX=0
while IFS= read -r q; do
    [ -n "$q" ] || continue
    /usr/bin/time -f "%M" -o "$OUT/time" "$FOUILLE" --index "$INDEX" search --json -- "$q" >/dev/null || true
    kb="$(tail -1 "$OUT/time")"
    [ "$kb" -gt "$SEARCH_MAX" ] && SEARCH_MAX="$kb"
done <"$QUERIES"
/usr/bin/time -f "%M" -o "$OUT/time" "$FOUILLE" --index "$INDEX" bench "$QUERIES" --rounds 1 >/dev/null
BENCH_RSS="$(tail -1 "$OUT/time")"

python3 - "$OUT" "$SERVER_RSS" "$SERVER_HWM" "$SEARCH_MAX" "$BENCH_RSS" "$SERVER_ANON" "$SERVER_FILE" <<'PY'
import json, re, sys
out, rss, hwm, search, bench, anon, mapped = sys.argv[1], *map(int, sys.argv[2:])
solo = json.load(open(f"{out}/solo.json"))
load = json.load(open(f"{out}/load.json"))
b = open(f"{out}/bench.txt").read()
full = re.search(r"snippets, facets:\s+p50\s+([\d.]+) µs\s+p99\s+([\d.]+)", b)
top = re.search(r"top-10 \+ count:\s+p50\s+([\d.]+) µs\s+p99\s+([\d.]+)", b)
print()
print(f"{'':34} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>8} {'errors':>7}")
print(f"{'/api/search, 1 client':34} {solo['p50_us']/1e3:8.2f} {solo['p99_us']/1e3:8.2f} {solo['req_per_s']:8.0f} {solo['errors']:7}")
print(f"{'/api/search, %d clients' % load['clients']:34} {load['p50_us']/1e3:8.2f} {load['p99_us']/1e3:8.2f} {load['req_per_s']:8.0f} {load['errors']:7}")
print(f"{'fouille bench: snippets, facets':34} {float(full[1])/1e3:8.2f} {float(full[2])/1e3:8.2f} {1e6/float(full[1]):8.0f} {'':>7}")
print(f"{'fouille bench: top-10 + count':34} {float(top[1])/1e3:8.2f} {float(top[2])/1e3:8.2f} {1e6/float(top[1]):8.0f} {'':>7}")
print("(bench req/s: 1 / p50 on one thread)")
print()
print(f"server RSS after the load: {rss/1024:.0f} MB (peak {hwm/1024:.0f} MB); "
      f"fouille search: {search/1024:.0f} MB (largest of the queries); fouille bench: {bench/1024:.0f} MB")
print(f"server after the load: {anon/1024:.0f} MB allocated, {mapped/1024:.0f} MB of mapped index and binary pages")
print(f"server peak / search = {hwm/search:.2f}; server peak / bench (the same queries in one process) = {hwm/bench:.2f}")
PY
