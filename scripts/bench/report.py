"""Gathers the raw files of a bench.sh run into one JSON and a markdown report.

report.py RUN_DIR OUT.json  ->  markdown on stdout, all figures in OUT.json

RUN_DIR holds meta.json and one folder per size (archive.json, then one
folder per engine with what bench.sh wrote: index.time (GNU time -v),
bytes, bench.json or bench.txt (tantivy-cli bench), cold.json (hyperfine
export), hits.json, reindex.time).
"""

import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stats import summary  # noqa: E402

ENGINES = ["fouille", "tantivy", "sqlite", "xapian"]
MB = 1e6


def read(path, parse=json.loads):
    try:
        with open(path, encoding="utf-8") as f:
            return parse(f.read())
    except FileNotFoundError:
        return None


def gnu_time(text):
    """Wall, CPU (user+sys) seconds and peak RSS (MB) from `time -v`."""
    fields = dict(
        line.strip().rsplit(": ", 1) for line in text.splitlines() if ": " in line
    )
    wall = fields["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")
    seconds = 0.0
    for part in wall:
        seconds = seconds * 60 + float(part)
    return {
        "wall_s": seconds,
        "cpu_s": float(fields["User time (seconds)"]) + float(fields["System time (seconds)"]),
        "peak_rss_mb": int(fields["Maximum resident set size (kbytes)"]) * 1024 / MB,
    }


def tantivy_bench(text, rounds):
    """tantivy-cli bench prints `query<TAB>hits<TAB>µs` per query and round,
    with no warm-up: round 0 is dropped here, as fouille bench does."""
    search = text.split("FETCH STORE")[0]
    rows = [l.split("\t") for l in search.splitlines() if l.count("\t") == 2]
    rows = [r for r in rows if r[1].isdigit()]
    n = len(rows) // (rounds + 1)
    timed = rows[n:]
    return {
        "documents": None,
        "queries": n,
        "rounds": rounds,
        "top10_count_us": summary([float(r[2]) for r in timed]),
        "hits": [int(r[1]) for r in rows[:n]],
    }


def engine_figures(folder, archive, meta):
    """All figures of one engine at one size, or None if it did not run."""
    if not os.path.isdir(folder):
        return None
    out = {}
    t = read(os.path.join(folder, "index.time"), gnu_time)
    if t:
        out["index"] = dict(t)
        out["index"]["docs_per_s"] = archive["docs"] / t["wall_s"]
        out["index"]["jsonl_mb_per_s"] = archive["jsonl_bytes"] / MB / t["wall_s"]
    size = read(os.path.join(folder, "bytes"), lambda s: int(s.split()[0]))
    if size is not None:
        out["index_bytes"] = size
        out["index_over_text"] = size / archive["text_bytes"]
        out["index_over_jsonl"] = size / archive["jsonl_bytes"]
    bench = read(os.path.join(folder, "bench.json"))
    if bench is None:
        bench = read(
            os.path.join(folder, "bench.txt"), lambda s: tantivy_bench(s, meta["rounds"])
        )
    if bench:
        out["latency"] = {
            "top10_count_us": bench.get("top10_count_us"),
            # fouille's full search also counts facets; peers have no facets.
            "snippets_us": bench.get("snippets_facets_us") or bench.get("snippets_us"),
        }
    hits = read(os.path.join(folder, "hits.json"))
    if hits is None and bench:
        hits = bench.get("hits")
    if hits is not None:
        out["hits"] = hits
    cold = read(os.path.join(folder, "cold.json"))
    if cold:
        r = cold["results"][0]
        out["cold_search"] = {"median_ms": r["median"] * 1e3, "times_ms": [x * 1e3 for x in r["times"]]}
    re_t = read(os.path.join(folder, "reindex.time"), gnu_time)
    if re_t and t:
        out["reindex"] = dict(re_t, pct_of_first=100 * re_t["wall_s"] / t["wall_s"])
    sets = {}
    for name in os.listdir(folder):
        if name.startswith("bench-") and name.endswith(".json"):
            b = read(os.path.join(folder, name))
            if b:
                sets[name[len("bench-"):-len(".json")]] = {
                    "top10_count_us": b.get("top10_count_us"),
                    "hits": b.get("hits"),
                }
    if sets:
        out["sets"] = sets
    note = read(os.path.join(folder, "note"), str.strip)
    if note:
        out["note"] = note
    return out


def sets_table(engines):
    """Latency of the derived query sets (truncation, proximity, phrases)."""
    names = [n for n in ENGINES if get(engines.get(n), "sets")]
    if not names:
        return []
    sets = sorted({s for n in names for s in engines[n]["sets"]})
    lines = [
        "",
        "Query sets derived from the queries (`scripts/bench/queries.py derive`: "
        "prefix = each word cut to 5 letters + `*`; near = the first two words `NEAR/5`; "
        "phrase = the same queries as phrases), top-10 + count p50 / p99 µs:",
        "",
        "| set | " + " | ".join(names) + " |",
        "|---|" + "---:|" * len(names),
    ]
    for s in sets:
        row = []
        for n in names:
            lat = get(engines[n], "sets", s, "top10_count_us")
            row.append(f"{lat['p50']:,.0f} / {lat['p99']:,.0f}" if lat else "–")
        lines.append(f"| {s} | " + " | ".join(row) + " |")
    near = get(engines.get("fouille"), "sets", "near", "top10_count_us", "p50")
    phrase = get(engines.get("fouille"), "sets", "phrase", "top10_count_us", "p50")
    if near and phrase:
        lines += ["", f"fouille NEAR p50 ÷ phrase p50: **{near / phrase:.2f}×**."]
    return lines


def get(fig, *path):
    for key in path:
        if not isinstance(fig, dict) or fig.get(key) is None:
            return None
        fig = fig[key]
    return fig


# Columns of the per-size table: header, path into the figures, format.
COLUMNS = [
    ("index wall s", ("index", "wall_s"), "{:.1f}"),
    ("index CPU s", ("index", "cpu_s"), "{:.1f}"),
    ("docs/s", ("index", "docs_per_s"), "{:,.0f}"),
    ("JSONL MB/s", ("index", "jsonl_mb_per_s"), "{:.2f}"),
    ("peak RSS MB", ("index", "peak_rss_mb"), "{:.0f}"),
    ("index MB", ("index_bytes",), None),
    ("index/text", ("index_over_text",), "{:.2f}"),
    ("top10+count p50 µs", ("latency", "top10_count_us", "p50"), "{:,.0f}"),
    ("top10+count p99 µs", ("latency", "top10_count_us", "p99"), "{:,.0f}"),
    ("snippets p50 µs", ("latency", "snippets_us", "p50"), "{:,.0f}"),
    ("snippets p99 µs", ("latency", "snippets_us", "p99"), "{:,.0f}"),
    ("cold search ms", ("cold_search", "median_ms"), "{:.1f}"),
]


def cell(fig, path, fmt):
    v = get(fig, *path)
    if v is None:
        return "–"
    if fmt is None:
        return f"{v / MB:.1f}"
    return fmt.format(v)


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "–"
    return f"{a / b:.2f}×"


def markdown(result):
    meta = result["meta"]
    lines = [
        f"# fouille benchmark, {meta['date']}",
        "",
        f"Machine: {meta['machine']['nproc']} cores ({meta['machine']['cpu']}), "
        f"{meta['machine']['ram_gib']:.0f} GiB RAM; load average {meta['load_start']} at start, "
        f"{meta.get('load_end', '?')} at end. Command: `{meta['command']}`",
        "",
        f"Corpus `{meta['corpus']}`, {meta['queries_count']} queries from `{meta['queries']}`; "
        f"indexing with {meta['threads']} threads; warm latency over {meta['rounds']} rounds "
        f"(after one warm-up round), pooled over all queries; cold search = whole process, "
        f"median of {meta['cold_runs']} runs of `{meta['cold_query']}` (10 hits with snippets, "
        f"output to /dev/null, {meta['cold_timer']}).",
        "",
    ]
    for peer, why in meta.get("skipped", {}).items():
        lines.append(f"- **{peer} skipped**: {why}")
    if meta.get("skipped"):
        lines.append("")
    for size in result["sizes"]:
        a = size["archive"]
        lines += [
            f"## {a['docs']:,} documents ({size['label']}): {a['jsonl_bytes'] / MB:.1f} MB of JSONL, "
            f"{a['text_bytes'] / MB:.1f} MB of \"text\" fields",
            "",
            "| engine | " + " | ".join(c[0] for c in COLUMNS) + " |",
            "|---|" + "---:|" * len(COLUMNS),
        ]
        engines = size["engines"]
        for name in ENGINES:
            if name in engines:
                fig = engines[name]
                lines.append(
                    f"| {name} | " + " | ".join(cell(fig, p, f) for _, p, f in COLUMNS) + " |"
                )
        fouille = engines.get("fouille")
        peers = [n for n in ENGINES[1:] if n in engines]
        if fouille and peers:
            lines += [
                "",
                "fouille ÷ peer (below 1× = fouille takes less time, memory or disk; "
                "docs/s and MB/s above 1× = fouille faster):",
                "",
                "| fouille ÷ | " + " | ".join(c[0] for c in COLUMNS) + " |",
                "|---|" + "---:|" * len(COLUMNS),
            ]
            for name in peers:
                row = [ratio(get(fouille, *p), get(engines[name], *p)) for _, p, _ in COLUMNS]
                lines.append(f"| {name} | " + " | ".join(row) + " |")
        re_t = get(fouille, "reindex")
        if re_t:
            lines += [
                "",
                f"fouille re-index of the unchanged archive (no --rebuild): "
                f"{re_t['wall_s']:.2f} s wall, {re_t['cpu_s']:.2f} s CPU = "
                f"**{re_t['pct_of_first']:.1f} %** of the first run's wall time.",
            ]
        lines += sets_table(engines)
        notes = [f"- {n}: {engines[n]['note']}" for n in ENGINES if get(engines.get(n), "note")]
        if notes:
            lines += [""] + notes
        lines.append("")
    # One table of hit counts (the first size) to check the translations.
    if result["sizes"]:
        size = result["sizes"][0]
        names = [n for n in ENGINES if get(size["engines"].get(n), "hits")]
        if names:
            lines += [
                f"### Hits per query at {size['archive']['docs']:,} documents "
                "(analysis differs: fouille and Xapian stem French, tantivy's default "
                "tokenizer and FTS5 unicode61 do not stem; only fouille and FTS5 fold accents)",
                "",
                "| query | " + " | ".join(names) + " |",
                "|---|" + "---:|" * len(names),
            ]
            for i, q in enumerate(result["meta"]["query_list"]):
                row = []
                for n in names:
                    h = size["engines"][n]["hits"]
                    row.append(str(h[i]) if i < len(h) else "–")
                lines.append(f"| `{q}` | " + " | ".join(row) + " |")
            lines.append("")
    lines += [
        "Index size includes stored text (all engines keep title and text for snippets). "
        "index/text = index bytes ÷ bytes of the \"text\" fields. MB/s = JSONL bytes ÷ wall time. "
        "Latency of tantivy-cli is its own `bench` (top-10 + count); it has no snippet step. "
        "SQLite and Xapian are timed in Python, so each query includes Python call overhead. "
        "fouille's snippet figure also computes facet counts.",
    ]
    return "\n".join(lines)


def main():
    run, out_path = sys.argv[1], sys.argv[2]
    meta = read(os.path.join(run, "meta.json"))
    load_end = read(os.path.join(run, "load_end"), str.strip)
    if load_end:
        meta["load_end"] = load_end
    result = {"meta": meta, "sizes": []}
    for label in meta["sizes"]:
        folder = os.path.join(run, label)
        archive = read(os.path.join(folder, "archive.json"))
        if archive is None:
            continue
        engines = {}
        for name in ENGINES:
            fig = engine_figures(os.path.join(folder, name), archive, meta)
            if fig:
                engines[name] = fig
        result["sizes"].append({"label": label, "archive": archive, "engines": engines})
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1, ensure_ascii=False)
    print(markdown(result))


if __name__ == "__main__":
    main()
