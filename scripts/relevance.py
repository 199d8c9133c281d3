#!/usr/bin/env python3
"""Relevance benchmark: nDCG@10 and recall@10 of fouille and its peers on
judged topical queries over real French news (news-dev, Orange Actualités).

    python3 scripts/relevance.py --fouille target/release/fouille
    python3 scripts/relevance.py --fouille BIN --systems fouille,fts5 --keep /tmp/rel
    python3 scripts/relevance.py --fouille BIN --pool fouille     # unjudged top 10s

Queries: data/relevance/queries.tsv (a query and its twins typed without
accents, spaced, joined... share one need and its judgments).
Judgments: data/relevance/qrels.tsv (need, document id, grade 0/1/2).
Documents: the news-dev archive, read at run time (never copied into the
repository); see data/relevance/README.md.

Systems (all see the same title + text of every article):
- fouille  `BIN index` then `BIN search --json` (its own query syntax);
- fts5     SQLite FTS5, tokenizer unicode61 remove_diacritics 2, bm25, every
           word a quoted string, ANDed (as scripts/bench/sqlite_fts5.py);
- xapian   Xapian, French stemmer (STEM_SOME), QueryParser with AND as
           default operator (as scripts/bench/xapian_peer.py); needs Debian's
           python3-xapian: run this script with /usr/bin/python3, or it calls
           /usr/bin/python3 for that part;
- bm25-stem  plain Okapi BM25 (k1 1.2, b 0.75, any of the words) over words
           with accents folded then Snowball-French stemmed, a few French stop
           words and elisions dropped; stemmer from PyPI `snowballstemmer`
           (`pip install snowballstemmer`) or else from python3-xapian.

Metrics per system over each need's base query (one per need) and over every
query, then per query form (accents / no-accents, hyphen / spaced / joined,
elided...): nDCG@10 (gains = grades 0/1/2, discount 1/log2(rank+1), ideal
from all judged documents of the need), recall@10 (relevant = grade >= 1,
over all judged relevant documents of the need), success@1 (top hit
relevant) and the share of the top 10 that is unjudged (counted as 0: a
high share means the figures for that system are a lower bound; pool it).

Standard library only, apart from each peer's own library.
"""

import argparse
import array
import json
import math
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(ROOT, "data", "relevance")
DEFAULT_ARCHIVE = os.path.join(ROOT, "..", "shared", "eval", "news-dev", "archive.jsonl.zst")
SYSTEMS = ["fouille", "fts5", "xapian", "bm25-stem"]
DEPTH = 10

sys.path.insert(0, os.path.join(HERE, "bench"))
import queries as qsyntax  # noqa: E402  (scripts/bench/queries.py)


# ---------------------------------------------------------------- data

def read_queries(path):
    """Rows of queries.tsv as dicts; `need` is the id of the judged need."""
    out = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            row["need"] = row["variant_of"] or row["qid"]
            row["forms"] = [t for t in row["form"].split(",") if t]
            out.append(row)
    return out


def read_qrels(path):
    qrels = defaultdict(dict)
    if not os.path.exists(path):
        return qrels
    with open(path, encoding="utf-8") as f:
        f.readline()
        for line in f:
            if line.strip():
                need, doc, grade = line.rstrip("\n").split("\t")[:3]
                qrels[need][doc] = int(grade)
    return qrels


def archive_jsonl(archive, work):
    """Path of the archive as plain JSON Lines (decompressed into work/)."""
    if not archive.endswith(".zst"):
        return archive
    out = os.path.join(work, "archive.jsonl")
    if not os.path.exists(out):
        with open(out + ".part", "wb") as f:
            subprocess.run(["zstd", "-dc", archive], stdout=f, check=True)
        os.replace(out + ".part", out)
    return out


def read_docs(jsonl):
    with open(jsonl, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# ------------------------------------------------------------- systems

def fouille_ranker(binary, jsonl, work, depth):
    index = os.path.join(work, "fouille-index")
    if not os.path.isdir(index):
        subprocess.run([binary, "index", jsonl, "--index", index], check=True,
                       capture_output=True)

    def run(q):
        r = subprocess.run([binary, "search", "--index", index, "--json", "--limit", str(depth),
                            "--color", "never", q], capture_output=True, text=True)
        if r.returncode not in (0, 1):
            sys.stderr.write(f"fouille failed on {q!r}: {r.stderr.strip()[:200]}\n")
            return []
        return [h["id"] for h in json.loads(r.stdout)["hits"]]
    return run


def fts5_ranker(docs, work, depth):
    path = os.path.join(work, "fts5.db")
    fresh = not os.path.exists(path)
    db = sqlite3.connect(path)
    if fresh:
        db.execute("CREATE VIRTUAL TABLE a USING fts5(id UNINDEXED, title, text, "
                   "tokenize='unicode61 remove_diacritics 2')")
        with db:
            db.executemany("INSERT INTO a VALUES (?,?,?)",
                           ((d["id"], d.get("title") or "", d.get("text") or "") for d in docs))

    def run(q):
        expr = qsyntax.for_fts5(q)
        return [r[0] for r in db.execute(
            "SELECT id FROM a WHERE a MATCH ? ORDER BY bm25(a) LIMIT ?", (expr, depth))]
    return run


def xapian_main(jsonl, db_path, depth):
    """Runs inside an interpreter that has xapian: queries on stdin, one a
    line; prints the ids of the top `depth` as one JSON list a line."""
    import xapian
    stem = xapian.Stem("french")
    ids = []
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                ids.append(json.loads(line)["id"])
    if not os.path.isdir(db_path):
        w = xapian.WritableDatabase(db_path + ".part", xapian.DB_CREATE_OR_OVERWRITE)
        tg = xapian.TermGenerator()
        tg.set_stemmer(stem)
        tg.set_stemming_strategy(xapian.TermGenerator.STEM_SOME)
        with open(jsonl, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                d = json.loads(line)
                doc = xapian.Document()
                tg.set_document(doc)
                tg.index_text(d.get("title") or "")
                tg.increase_termpos()
                tg.index_text(d.get("text") or "")
                w.add_document(doc)  # docid = line number, 1-based
        w.commit()
        w.close()
        os.rename(db_path + ".part", db_path)
    db = xapian.Database(db_path)
    qp = xapian.QueryParser()
    qp.set_stemmer(stem)
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_default_op(xapian.Query.OP_AND)
    qp.set_database(db)
    flags = xapian.QueryParser.FLAG_DEFAULT | xapian.QueryParser.FLAG_PHRASE
    for line in sys.stdin:
        enquire = xapian.Enquire(db)
        enquire.set_query(qp.parse_query(qsyntax.for_xapian(line.rstrip("\n")), flags))
        print(json.dumps([ids[m.docid - 1] for m in enquire.get_mset(0, depth)]), flush=True)


def xapian_ranker(jsonl, work, depth, all_queries):
    """Runs every query in one xapian process (this interpreter if it has
    xapian, else /usr/bin/python3) and answers from the results."""
    try:
        import xapian  # noqa: F401
        python = sys.executable
    except ImportError:
        python = "/usr/bin/python3"
    r = subprocess.run([python, os.path.abspath(__file__), "--xapian-helper", jsonl,
                        os.path.join(work, "xapian.db"), str(depth)],
                       input="\n".join(all_queries) + "\n", capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("xapian peer failed (is python3-xapian installed for "
                           f"{python}?): {r.stderr.strip()[-300:]}")
    answers = dict(zip(all_queries, (json.loads(x) for x in r.stdout.splitlines())))
    return lambda q: answers[q]


STOP = set("""le la les l un une des du de d au aux a à et ou en dans sur sous par pour
avec sans ce cet cette ces se s sa son ses leur leurs il elle ils elles on nous vous
je j me m te t tu lui y ne n pas plus que qu qui quoi dont est sont été être ont avait
ainsi mais comme""".split())
WORD = re.compile(r"[^\W_]+")


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFD", s.lower())
                   if not unicodedata.combining(c))


def french_stemmer():
    try:
        import snowballstemmer
        st = snowballstemmer.stemmer("french")
        return st.stemWord, "snowballstemmer"
    except ImportError:
        pass
    try:
        import xapian
        st = xapian.Stem("french")
        return (lambda w: st(w.encode()).decode()), "xapian"
    except ImportError:
        return None, None


def bm25_ranker(docs, depth, all_queries, k1=1.2, b=0.75):
    """Okapi BM25 over folded, stemmed words; only the query terms'
    postings are kept (every document is read for its length)."""
    stem_word, _ = french_stemmer()
    cache = {}

    def terms(text):
        out = []
        for w in WORD.findall(fold(text)):
            if w in STOP:
                continue
            s = cache.get(w)
            if s is None:
                s = cache[w] = stem_word(w)
            out.append(s)
        return out

    qterms = {q: sorted(set(terms(q.replace('"', " ")))) for q in all_queries}
    wanted = set(t for ts in qterms.values() for t in ts)
    lengths = array.array("i")
    post = defaultdict(list)  # term -> [(doc index, tf)]
    for i, d in enumerate(docs):
        ts = terms((d.get("title") or "") + "\n" + (d.get("text") or ""))
        lengths.append(len(ts))
        for t, n in Counter(t for t in ts if t in wanted).items():
            post[t].append((i, n))
    n_docs = len(docs)
    avg = sum(lengths) / n_docs

    def run(q):
        scores = defaultdict(float)
        for t in qterms[q]:
            p = post.get(t, [])
            idf = math.log(1 + (n_docs - len(p) + 0.5) / (len(p) + 0.5))
            for i, tf in p:
                scores[i] += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths[i] / avg))
        best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:depth]
        return [docs[i]["id"] for i, _ in best]
    return run


# ------------------------------------------------------------- metrics

def ndcg(ranked, judged):
    dcg = sum(judged.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:10]))
    ideal = sorted(judged.values(), reverse=True)[:10]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked, judged):
    rel = {d for d, g in judged.items() if g >= 1}
    return len(rel & set(ranked[:10])) / len(rel) if rel else 0.0


def scores(ranked, judged):
    top = ranked[:10]
    return {
        "nDCG@10": ndcg(ranked, judged),
        "recall@10": recall(ranked, judged),
        "success@1": float(bool(top) and judged.get(top[0], 0) >= 1),
        "unjudged@10": sum(d not in judged for d in top) / 10,
    }


METRICS = ["nDCG@10", "recall@10", "success@1", "unjudged@10"]


def mean(rows, key):
    return sum(r[key] for r in rows) / len(rows) if rows else float("nan")


# ------------------------------------------------------------------ main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fouille", help="fouille binary (omit to skip fouille)")
    ap.add_argument("--systems", default=",".join(SYSTEMS),
                    help="comma-separated subset of " + ",".join(SYSTEMS))
    ap.add_argument("--archive", default=DEFAULT_ARCHIVE,
                    help="news-dev archive (.jsonl or .jsonl.zst)")
    ap.add_argument("--queries", default=os.path.join(DATA, "queries.tsv"))
    ap.add_argument("--qrels", default=os.path.join(DATA, "qrels.tsv"))
    ap.add_argument("--keep", metavar="DIR",
                    help="build the indexes in DIR and reuse them on later runs; "
                         "empty DIR when the fouille binary or the archive changes "
                         "(default: a scratch directory removed at the end)")
    ap.add_argument("--pool", metavar="SYSTEM",
                    help="print the unjudged documents in SYSTEM's top --depth "
                         "(or 'all'), as need<TAB>doc id<TAB>query<TAB>title, to judge")
    ap.add_argument("--depth", type=int, default=DEPTH, help="pool depth (default 10)")
    ap.add_argument("--per-query", action="store_true", help="print nDCG@10 of every query")
    ap.add_argument("--xapian-helper", nargs=3, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.xapian_helper:
        return xapian_main(a.xapian_helper[0], a.xapian_helper[1], int(a.xapian_helper[2]))

    systems = [s for s in a.systems.split(",") if s]
    for s in systems:
        if s not in SYSTEMS:
            sys.exit(f"unknown system {s}")
    if "fouille" in systems and not a.fouille:
        systems.remove("fouille")
        sys.stderr.write("fouille skipped: give --fouille BIN\n")
    if "bm25-stem" in systems and french_stemmer()[0] is None:
        systems.remove("bm25-stem")
        sys.stderr.write("bm25-stem skipped: pip install snowballstemmer "
                         "(or run with a python that has python3-xapian)\n")
    if a.pool and a.pool != "all" and a.pool not in systems:
        sys.exit(f"--pool {a.pool}: that system is not run (see --systems, --fouille)")
    qs = read_queries(a.queries)
    qrels = read_qrels(a.qrels)
    depth = max(a.depth, 10)

    work = a.keep or tempfile.mkdtemp(prefix="fouille-relevance.")
    os.makedirs(work, exist_ok=True)
    try:
        jsonl = archive_jsonl(a.archive, work)
        docs = read_docs(jsonl)
        titles = {d["id"]: d.get("title") or "" for d in docs}
        texts = [q["query"] for q in qs]
        results = {}
        for s in systems:
            sys.stderr.write(f"{s}: indexing / querying...\n")
            if s == "fouille":
                run = fouille_ranker(a.fouille, jsonl, work, depth)
            elif s == "fts5":
                run = fts5_ranker(docs, work, depth)
            elif s == "xapian":
                run = xapian_ranker(jsonl, work, depth, texts)
            else:
                run = bm25_ranker(docs, depth, texts)
            results[s] = {q["qid"]: run(q["query"]) for q in qs}

        if a.pool:
            pool_systems = systems if a.pool == "all" else [a.pool]
            seen = set()
            print("need\tdoc_id\tsystem\tquery\ttitle")
            for s in pool_systems:
                for q in qs:
                    for d in results[s][q["qid"]][:a.depth]:
                        if d not in qrels.get(q["need"], {}) and (q["need"], d) not in seen:
                            seen.add((q["need"], d))
                            print("\t".join([q["need"], d, s, q["query"], titles.get(d, "")]))
            return

        report(systems, qs, qrels, results, a.per_query)
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)


def report(systems, qs, qrels, results, per_query):
    qs = [q for q in qs if q["need"] in qrels]
    rows = {s: [dict(scores(results[s][q["qid"]], qrels[q["need"]]), q=q) for q in qs]
            for s in systems}
    base = lambda r: not r["q"]["variant_of"]  # noqa: E731
    print(f"{len({q['need'] for q in qs})} judged needs, {len(qs)} queries, "
          f"{sum(len(v) for k, v in qrels.items())} judgments\n")
    print("One query per need (the base query):\n")
    table(systems, {s: [r for r in rows[s] if base(r)] for s in systems})
    print("\nEvery query (base and its twins):\n")
    table(systems, rows)
    # Forms, restricted to needs that have twins, so that a form's figure
    # compares with its twins' on the same needs.
    twinned = {q["need"] for q in qs if q["variant_of"]}
    forms = sorted({f for q in qs if q["need"] in twinned for f in q["forms"]})
    print("\nnDCG@10 by query form (needs with twins only; n = queries):\n")
    print("| form | n | " + " | ".join(systems) + " |")
    print("| --- | --- |" + " --- |" * len(systems))
    for f in forms:
        sel = {s: [r for r in rows[s] if r["q"]["need"] in twinned and f in r["q"]["forms"]]
               for s in systems}
        n = len(sel[systems[0]]) if systems else 0
        print(f"| {f} | {n} | " + " | ".join("%.3f" % mean(sel[s], "nDCG@10") for s in systems)
              + " |")
    if per_query:
        print("\nnDCG@10 per query:\n")
        print("| qid | query | " + " | ".join(systems) + " |")
        print("| --- | --- |" + " --- |" * len(systems))
        for i, q in enumerate(qs):
            print(f"| {q['qid']} | {q['query']} | "
                  + " | ".join("%.3f" % rows[s][i]["nDCG@10"] for s in systems) + " |")


def table(systems, rows):
    print("| system | n | " + " | ".join(METRICS) + " |")
    print("| --- | --- |" + " --- |" * len(METRICS))
    for s in systems:
        print(f"| {s} | {len(rows[s])} | "
              + " | ".join("%.3f" % mean(rows[s], m) for m in METRICS) + " |")


if __name__ == "__main__":
    sys.exit(main())
