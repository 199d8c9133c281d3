"""Xapian peer (Debian's python3-xapian; run with /usr/bin/python3).

xapian_peer.py index ARCHIVE.jsonl DB
xapian_peer.py bench DB QUERIES ROUNDS   -> JSON like `fouille bench --json`
xapian_peer.py search DB QUERY           -> top 10 with snippets on stdout

French stemmer (STEM_SOME: unstemmed words in queries match stems), title
indexed with the text, document data = {"title","text"} as JSON (needed for
snippets). Queries: Xapian's QueryParser with AND as the default operator
(fouille requires every word) and phrases. get_mset is asked for an exact
count (checkatleast = all documents), as fouille's count is exact.
"""

import json
import os
import sys
import time

import xapian

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import queries  # noqa: E402
from stats import summary  # noqa: E402

STEMMER = xapian.Stem("french")


def index(archive, db_path):
    db = xapian.WritableDatabase(db_path, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(STEMMER)
    tg.set_stemming_strategy(xapian.TermGenerator.STEM_SOME)
    t = time.perf_counter()
    n = 0
    with open(archive, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            title, text = d.get("title", ""), d.get("text", "")
            doc = xapian.Document()
            tg.set_document(doc)
            tg.index_text(title)
            tg.increase_termpos()
            tg.index_text(text)
            doc.set_data(json.dumps({"title": title, "text": text}, ensure_ascii=False))
            db.add_document(doc)
            n += 1
    db.commit()
    db.close()
    print(json.dumps({"indexed": n, "seconds": time.perf_counter() - t}))


class Searcher:
    def __init__(self, db_path):
        self.db = xapian.Database(db_path)
        self.qp = xapian.QueryParser()
        self.qp.set_stemmer(STEMMER)
        self.qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
        self.qp.set_default_op(xapian.Query.OP_AND)
        self.qp.set_database(self.db)
        self.flags = xapian.QueryParser.FLAG_DEFAULT | xapian.QueryParser.FLAG_PHRASE
        self.all = self.db.get_doccount()

    def run(self, query, snippets):
        enquire = xapian.Enquire(self.db)
        enquire.set_query(self.qp.parse_query(query, self.flags))
        mset = enquire.get_mset(0, 10, self.all)
        hits = []
        for m in mset:
            if snippets:
                d = json.loads(m.document.get_data())
                hits.append((d["title"], mset.snippet(d["text"], 200, STEMMER).decode()))
            else:
                hits.append(m.docid)
        return mset.get_matches_estimated(), hits


def bench(db_path, queries_file, rounds):
    s = Searcher(db_path)
    qs = [queries.for_xapian(q) for q in queries.read(queries_file)]
    counts = [0] * len(qs)
    out = {"documents": s.all}
    for key, snippets in (("top10_count_us", False), ("snippets_us", True)):
        micros = []
        for r in range(rounds + 1):
            for i, q in enumerate(qs):
                t = time.perf_counter()
                counts[i], _ = s.run(q, snippets)
                dt = (time.perf_counter() - t) * 1e6
                if r > 0:  # round 0 warms the caches, as in fouille bench
                    micros.append(dt)
        out[key] = summary(micros)
    out["queries"], out["rounds"], out["hits"] = len(qs), rounds, counts
    print(json.dumps(out))


def search(db_path, query):
    count, hits = Searcher(db_path).run(queries.for_xapian(query), True)
    print(f"{count} hits")
    for title, snippet in hits:
        print(f"{title}\n    {snippet}")


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
