#!/usr/bin/env bash
# Benchmarks fouille against tantivy-cli, SQLite FTS5 and Xapian on the same
# documents and queries: indexing time, memory, index size, warm query
# latency and whole-process search time. See docs/benchmark.md.
#
#   scripts/bench.sh [CORPUS] [SIZES]
#
# CORPUS  JSON Lines (.jsonl or .jsonl.zst), one {"id","title","source","text"}
#         a line [default: ../shared/corpus/fr-bench.jsonl.zst from the repo]
# SIZES   documents per archive: a number (the first N lines, or the corpus
#         repeated with fresh ids past its end) or `all` [default: $SIZES,
#         else "10000 all 1000000"]
#
# Environment: PEERS ("tantivy sqlite xapian"; "" for fouille alone),
# QUERIES (queries.txt beside the corpus), THREADS (2), ROUNDS (20),
# COLD_RUNS (10), COLD_QUERY ("contrat de travail"), BENCH_DIR (target/bench),
# INSTALL (1: apt-get / cargo install what is missing; 0: only say how),
# KEEP_INDEXES (0), KEEP_ARCHIVES (0: archives over 500 MB are removed),
# QUERY_SETS ("prefix near phrase": query sets derived from QUERIES by
# scripts/bench/queries.py, timed on fouille and SQLite FTS5 too).
#
# Output: a markdown report on stdout (progress on stderr), and the same
# report plus a JSON file of every figure in $BENCH_DIR/results/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HELPERS="$ROOT/scripts/bench"

say() { printf 'bench: %s\n' "$*" >&2; }
die() {
  say "error: $*"
  exit 2
}
trap 'say "failed at line $LINENO: $BASH_COMMAND"' ERR

# The default corpus sits in shared/ beside the repository. From a git
# worktree elsewhere, the main checkout's shared/ is found through git.
default_corpus() {
  local c="$ROOT/../shared/corpus/fr-bench.jsonl.zst" common
  if [ ! -e "$c" ] && common="$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir 2>/dev/null)"; then
    c="$(dirname "$common")/../shared/corpus/fr-bench.jsonl.zst"
  fi
  printf '%s\n' "$c"
}

CORPUS="${1:-$(default_corpus)}"
SIZES="${2:-${SIZES:-10000 all 1000000}}"
PEERS="${PEERS-tantivy sqlite xapian}"
COMMAND="SIZES=${SIZES@Q} PEERS=${PEERS@Q} scripts/bench.sh${*:+ ${*@Q}}"
[ -r "$CORPUS" ] || die "cannot read the corpus $CORPUS (give its path as the first argument)"
CORPUS="$(cd "$(dirname "$CORPUS")" && pwd)/$(basename "$CORPUS")"
QUERIES="${QUERIES:-$(dirname "$CORPUS")/queries.txt}"
[ -r "$QUERIES" ] || die "cannot read the queries $QUERIES (set QUERIES=FILE)"
THREADS="${THREADS:-2}"
ROUNDS="${ROUNDS:-20}"
COLD_RUNS="${COLD_RUNS:-10}"
COLD_QUERY="${COLD_QUERY:-contrat de travail}"
BENCH_DIR="${BENCH_DIR:-$ROOT/target/bench}"
INSTALL="${INSTALL:-1}"
KEEP_INDEXES="${KEEP_INDEXES:-0}"
KEEP_ARCHIVES="${KEEP_ARCHIVES:-0}"
QUERY_SETS="${QUERY_SETS-prefix near phrase}"
# The interpreter itself, not a version manager's shim (pyenv's adds ~0.4 s
# to every start, which would swamp the cold-search figures).
PY="$(python3 -c 'import sys; print(sys.executable)')" || die "python3 is needed (apt-get install -y python3)"
export PYTHONDONTWRITEBYTECODE=1 # no __pycache__ in scripts/bench/
SYS_PY=/usr/bin/python3 # Debian's python3-xapian lives in the system Python

STAMP="$(date +%Y%m%d-%H%M%S)"
RUN="$BENCH_DIR/runs/$STAMP"
IDX="$RUN/indexes"
ARCHIVES="$BENCH_DIR/archives"
RESULTS="$BENCH_DIR/results"
mkdir -p "$RUN" "$IDX" "$ARCHIVES" "$RESULTS"

cleanup() {
  if [ "$KEEP_INDEXES" != 1 ]; then rm -rf "$IDX"; fi
  if [ "$KEEP_ARCHIVES" != 1 ]; then
    find "$ARCHIVES" -name '*.jsonl' -size +500M -delete 2>/dev/null || true
  fi
  rm -f "$ARCHIVES"/*.part
}
trap cleanup EXIT

# --- tools ------------------------------------------------------------------

apt_install() { # apt_install PACKAGE: installs it if INSTALL=1 and we are root
  if [ "$INSTALL" = 1 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing $1 (apt-get)"
    { apt-get install -y -qq "$1" || { apt-get update -qq && apt-get install -y -qq "$1"; }; } >&2
  else
    return 1
  fi
}

[ -x /usr/bin/time ] || apt_install time || die "GNU time is needed: apt-get install -y time"
command -v zstd >/dev/null || apt_install zstd || die "zstd is needed: apt-get install -y zstd"
if ! command -v hyperfine >/dev/null; then
  apt_install hyperfine || say "hyperfine missing (apt-get install -y hyperfine): timing cold runs with a Python loop"
fi

SKIPPED=() # "peer: reason" lines for the report
skip() {
  say "skipping $1: $2"
  SKIPPED+=("$1" "$2")
}

TANTIVY=""
find_tantivy() {
  TANTIVY="$(command -v tantivy || true)"
  if [ -z "$TANTIVY" ] && [ -x "${CARGO_HOME:-$HOME/.cargo}/bin/tantivy" ]; then
    TANTIVY="${CARGO_HOME:-$HOME/.cargo}/bin/tantivy"
  fi
  [ -n "$TANTIVY" ]
}

ACTIVE=()
for peer in $PEERS; do
  case "$peer" in
  tantivy)
    if ! find_tantivy && [ "$INSTALL" = 1 ]; then
      # Not --locked: tantivy-cli's lock file pins a traitobject that recent
      # compilers reject; the resolver picks the fixed one.
      say "installing tantivy-cli (cargo install tantivy-cli; takes minutes)"
      cargo install tantivy-cli >&2 || true
    fi
    if find_tantivy; then ACTIVE+=(tantivy); else skip tantivy "tantivy-cli not found (cargo install tantivy-cli)"; fi
    ;;
  sqlite)
    if "$PY" -c "import sqlite3; sqlite3.connect(':memory:').execute('create virtual table t using fts5(a)')" 2>/dev/null; then
      ACTIVE+=(sqlite)
    else
      skip sqlite "$PY's sqlite3 has no FTS5"
    fi
    ;;
  xapian)
    if ! "$SYS_PY" -c "import xapian" 2>/dev/null; then apt_install python3-xapian || true; fi
    if "$SYS_PY" -c "import xapian" 2>/dev/null; then ACTIVE+=(xapian); else skip xapian "no xapian module for $SYS_PY (apt-get install -y python3-xapian)"; fi
    ;;
  *) die "unknown peer $peer (known: tantivy sqlite xapian)" ;;
  esac
done

say "building fouille (release)"
(cd "$ROOT" && cargo build --release --quiet) >&2
FOUILLE="$ROOT/target/release/fouille"

# --- run description --------------------------------------------------------

COLD_TIMER="$(command -v hyperfine >/dev/null && echo "hyperfine -N --warmup 1" || echo "a Python loop, one warm-up run")"
BENCH_COMMAND="$COMMAND" BENCH_CORPUS="$CORPUS" BENCH_QUERIES="$QUERIES" BENCH_SIZES="$SIZES" \
  BENCH_PEERS="${ACTIVE[*]:-}" BENCH_THREADS="$THREADS" BENCH_ROUNDS="$ROUNDS" \
  BENCH_COLD_RUNS="$COLD_RUNS" BENCH_COLD_QUERY="$COLD_QUERY" BENCH_COLD_TIMER="$COLD_TIMER" \
  "$PY" "$HELPERS/meta.py" "$RUN/meta.json" "${SKIPPED[@]}"
say "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); run folder $RUN"

# --- steps ------------------------------------------------------------------

# make_archive LABEL: writes $ARCHIVES/fr-LABEL.jsonl (reused while newer
# than the corpus) and its sizes to $RUN/LABEL/archive.json.
make_archive() {
  local label="$1" out="$ARCHIVES/fr-$1.jsonl"
  mkdir -p "$RUN/$label"
  if [ -s "$out" ] && [ -s "$out.json" ] && [ "$out" -nt "$CORPUS" ]; then
    say "[$label] reusing $out"
  else
    say "[$label] writing $out"
    "$PY" "$HELPERS/make_archive.py" "$CORPUS" "$label" "$out" >"$out.json"
  fi
  cp "$out.json" "$RUN/$label/archive.json"
  ARCHIVE="$out"
}

# enough_disk LABEL: the archive, plus indexes of about its size for each engine.
enough_disk() {
  local docs need avail
  docs="$([ "$1" = all ] && echo 108173 || echo "$1")"
  need=$((docs * 1800 * (2 + ${#ACTIVE[@]}) / 1024)) # KB: ~1.8 KB of JSONL a document
  avail="$(df -Pk "$BENCH_DIR" | awk 'NR==2 {print $4}')"
  if [ "$avail" -lt "$need" ]; then
    say "[$1] skipped: needs about $((need / 1048576)) GB free in $BENCH_DIR, has $((avail / 1048576)) GB"
    return 1
  fi
}

# cold OUT.json CMD...: median whole-process time of a search, output discarded.
cold() {
  local out="$1"
  shift
  if command -v hyperfine >/dev/null; then
    local line="" arg
    for arg in "$@"; do line+="$(printf '%q ' "$arg")"; done
    hyperfine -N --style none --warmup 1 --runs "$COLD_RUNS" --export-json "$out" "$line" >/dev/null
  else
    "$PY" "$HELPERS/cold.py" "$COLD_RUNS" "$out" -- "$@"
  fi
}

index_bytes() { du -sb "$1" | cut -f1; }

run_fouille() {
  local label="$1" d="$RUN/$1/fouille" idx="$IDX/$1-fouille"
  mkdir -p "$d"
  say "[$label] fouille: index --rebuild"
  /usr/bin/time -v -o "$d/index.time" "$FOUILLE" --index "$idx" --color never \
    index --rebuild "$ARCHIVE" --threads "$THREADS" --json >"$d/index.out"
  index_bytes "$idx" >"$d/bytes"
  if [ "$label" = all ] || [ "${REINDEX:-}" = 1 ]; then
    say "[$label] fouille: index again (unchanged archive)"
    /usr/bin/time -v -o "$d/reindex.time" "$FOUILLE" --index "$idx" --color never \
      index "$ARCHIVE" --threads "$THREADS" --json >"$d/reindex.out"
  fi
  say "[$label] fouille: bench, hits, cold search"
  "$FOUILLE" --index "$idx" --color never bench "$QUERIES" --json --rounds "$ROUNDS" >"$d/bench.json"
  for set in $QUERY_SETS; do
    "$FOUILLE" --index "$idx" --color never bench "$RUN/sets/$set.txt" --json --rounds "$ROUNDS" \
      >"$d/bench-$set.json"
  done
  "$PY" "$HELPERS/fouille_hits.py" "$FOUILLE" "$idx" "$QUERIES" >"$d/hits.json"
  cold "$d/cold.json" "$FOUILLE" --index "$idx" --color never search "$COLD_QUERY" --limit 10
  [ "$KEEP_INDEXES" = 1 ] || rm -rf "$idx"
}

run_tantivy() {
  local label="$1" d="$RUN/$1/tantivy" idx="$IDX/$1-tantivy"
  mkdir -p "$d"
  say "[$label] tantivy-cli: new, index, bench"
  # `tantivy new` only asks questions: two TEXT fields, stored, indexed with
  # frequencies and positions. It picks the en_stem tokenizer; the benchmark
  # wants tantivy's default tokenizer (English stemming of French is noise).
  printf '%s\n' title Text Y N Y Y Y Y Y text Text Y N Y Y Y Y N |
    "$TANTIVY" new -i "$idx" >/dev/null
  sed -i 's/"en_stem"/"default"/g' "$idx/meta.json"
  # Same writer memory as fouille's default (256 MB); documents on stdin,
  # fields other than title and text are ignored by tantivy.
  /usr/bin/time -v -o "$d/index.time" "$TANTIVY" index -i "$idx" -t "$THREADS" -m 256000000 \
    <"$ARCHIVE" >"$d/index.out" 2>&1
  index_bytes "$idx" >"$d/bytes"
  "$PY" "$HELPERS/queries.py" tantivy "$QUERIES" >"$d/queries.txt"
  "$TANTIVY" bench -i "$idx" -q "$d/queries.txt" -n "$((ROUNDS + 1))" >"$d/bench.txt"
  echo "no cold search: tantivy-cli search prints every hit, not a top 10" >"$d/note"
  [ "$KEEP_INDEXES" = 1 ] || rm -rf "$idx"
}

# run_python_peer NAME PYTHON SCRIPT: sqlite and xapian share their steps.
run_python_peer() {
  local label="$1" name="$2" py="$3" script="$HELPERS/$4" d="$RUN/$1/$2" idx="$IDX/$1-$2"
  mkdir -p "$d"
  say "[$label] $name: index, bench, cold search"
  /usr/bin/time -v -o "$d/index.time" "$py" "$script" index "$ARCHIVE" "$idx" >"$d/index.out"
  index_bytes "$idx" >"$d/bytes"
  "$py" "$script" bench "$idx" "$QUERIES" "$ROUNDS" >"$d/bench.json"
  # Truncation and proximity in FTS5's syntax (`"x"*`, `NEAR("a" "b", n)`).
  if [ "$name" = sqlite ]; then
    for set in $QUERY_SETS; do
      "$py" "$script" bench "$idx" "$RUN/sets/$set.txt" "$ROUNDS" >"$d/bench-$set.json"
    done
  fi
  cold "$d/cold.json" "$py" "$script" search "$idx" "$COLD_QUERY"
  echo "timed through Python $("$py" -c 'import platform; print(platform.python_version())')" >"$d/note"
  [ "$KEEP_INDEXES" = 1 ] || rm -rf "$idx"
}

# --- run --------------------------------------------------------------------

mkdir -p "$RUN/sets"
for set in $QUERY_SETS; do
  "$PY" "$HELPERS/queries.py" derive "$set" "$QUERIES" >"$RUN/sets/$set.txt"
done

for label in $SIZES; do
  case "$label" in
  all | [0-9]*) ;;
  *) die "size $label is neither a number nor all" ;;
  esac
  enough_disk "$label" || continue
  make_archive "$label"
  run_fouille "$label"
  for peer in "${ACTIVE[@]}"; do
    case "$peer" in
    tantivy) run_tantivy "$label" ;;
    sqlite) run_python_peer "$label" sqlite "$PY" sqlite_fts5.py ;;
    xapian) run_python_peer "$label" xapian "$SYS_PY" xapian_peer.py ;;
    esac
  done
done

cut -d' ' -f1-3 /proc/loadavg >"$RUN/load_end"
"$PY" "$HELPERS/report.py" "$RUN" "$RESULTS/bench-$STAMP.json" | tee "$RESULTS/bench-$STAMP.md"
say "figures: $RESULTS/bench-$STAMP.json (raw files: $RUN)"
