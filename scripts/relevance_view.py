#!/usr/bin/env python3
"""Prints pooled documents for judging, shuffled and without saying which
system found them: id, date, title, the start of the text and the passages
around the need's query words further on.

    python3 scripts/relevance.py --fouille BIN --pool all > /tmp/pool.tsv
    python3 scripts/relevance_view.py /tmp/pool.tsv R05 [--head 700]

Reads the pool (need<TAB>doc id<TAB>...) and the news-dev archive; the
queries of the need (base and twins) give the words to show in context.
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from relevance import DATA, DEFAULT_ARCHIVE, read_queries  # noqa: E402


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFD", s.lower())
                   if not unicodedata.combining(c))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pool")
    ap.add_argument("need")
    ap.add_argument("--archive", default=DEFAULT_ARCHIVE)
    ap.add_argument("--head", type=int, default=700, help="characters shown from the start")
    ap.add_argument("--passages", type=int, default=3)
    ap.add_argument("--width", type=int, default=110, help="characters either side of a match")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    ids = []
    with open(a.pool, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if p[0] == a.need and p[1] not in ids:
                ids.append(p[1])
    random.Random(a.seed).shuffle(ids)
    want = set(ids)
    if a.archive.endswith(".zst"):
        lines = subprocess.run(["zstd", "-dc", a.archive], capture_output=True,
                               check=True).stdout.decode().splitlines()
    else:
        lines = open(a.archive, encoding="utf-8").read().splitlines()
    docs = {}
    for line in lines:
        d = json.loads(line)
        if d["id"] in want:
            docs[d["id"]] = d
    qs = [q for q in read_queries(os.path.join(DATA, "queries.tsv")) if q["need"] == a.need]
    print(f"== {a.need}: {[q['query'] for q in qs]}")
    print("need:", [q for q in qs if not q["variant_of"]][0]["description"])
    words = {fold(w)[:6] for q in qs for w in re.findall(r"[^\W_]+", q["query"]) if len(w) > 3}
    pat = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(words)) + r")", re.I)
    for i, did in enumerate(ids, 1):
        d = docs[did]
        text = d.get("text") or ""
        print(f"\n--- [{i}] {did} | {d.get('published')} | {d.get('title')} | {len(text)} chars")
        print(text[:a.head].replace("\n\n", " ¶ "))
        folded = fold(text)
        shown, n = a.head, 0
        for m in pat.finditer(folded):
            if m.start() < shown or n >= a.passages:
                continue
            lo, hi = max(m.start() - a.width, shown), min(m.end() + a.width, len(text))
            print("  … " + text[lo:hi].replace("\n", " "))
            shown, n = hi, n + 1
        rest = len(pat.findall(folded[shown:]))
        if rest:
            print(f"  (+{rest} more matches)")


if __name__ == "__main__":
    main()
