"""SQLite FTS5 peer: index the archive, time queries in process, one search.

sqlite_fts5.py index ARCHIVE.jsonl DB
sqlite_fts5.py bench DB QUERIES ROUNDS   -> JSON like `fouille bench --json`
sqlite_fts5.py search DB QUERY           -> top 10 with snippets on stdout

Tokenizer unicode61 with remove_diacritics 2 (accents folded, no stemming,
no stop words). Queries come in fouille's syntax and are translated by
queries.for_fts5. "top-10 + count" runs a COUNT(*) and the 10 best rowids by
bm25; "with snippets" runs the count and the 10 best with title and snippet().
"""

import json
import os
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import queries  # noqa: E402
from stats import summary  # noqa: E402

COUNT = "SELECT count(*) FROM docs WHERE docs MATCH ?"
TOP = "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10"
SNIPPETS = (
    "SELECT rowid, title, snippet(docs, -1, '[', ']', '…', 24) "
    "FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10"
)


def index(archive, db):
    if os.path.exists(db):
        os.remove(db)
    con = sqlite3.connect(db)
    con.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(title, text, "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    t = time.perf_counter()
    n = 0
    with open(archive, encoding="utf-8") as f, con:
        rows = ((d.get("title", ""), d.get("text", "")) for d in map(json.loads, f))
        for title, text in rows:
            con.execute("INSERT INTO docs(title, text) VALUES (?, ?)", (title, text))
            n += 1
    con.close()
    print(json.dumps({"indexed": n, "seconds": time.perf_counter() - t}))


def run(con, q, snippets):
    count = con.execute(COUNT, (q,)).fetchone()[0]
    rows = con.execute(SNIPPETS if snippets else TOP, (q,)).fetchall()
    return count, rows


def bench(db, queries_file, rounds):
    con = sqlite3.connect(db)
    qs = [queries.for_fts5(q) for q in queries.read(queries_file)]
    counts = [0] * len(qs)
    out = {"documents": con.execute("SELECT count(*) FROM docs").fetchone()[0]}
    for key, snippets in (("top10_count_us", False), ("snippets_us", True)):
        micros = []
        for r in range(rounds + 1):
            for i, q in enumerate(qs):
                t = time.perf_counter()
                count, _ = run(con, q, snippets)
                dt = (time.perf_counter() - t) * 1e6
                if r > 0:  # round 0 warms the caches, as in fouille bench
                    micros.append(dt)
                counts[i] = count
        out[key] = summary(micros)
    out["queries"], out["rounds"], out["hits"] = len(qs), rounds, counts
    print(json.dumps(out))


def search(db, query):
    con = sqlite3.connect(db)
    count, rows = run(con, queries.for_fts5(query), True)
    print(f"{count} hits")
    for rowid, title, snippet in rows:
        print(f"{rowid}\t{title}\n    {snippet}")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "index":
        index(sys.argv[2], sys.argv[3])
    elif cmd == "bench":
        bench(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif cmd == "search":
        search(sys.argv[2], sys.argv[3])
    else:
        sys.exit(f"unknown command {cmd}")
