#!/usr/bin/env python3
"""Checks the copy clusters a reader meets: runs queries on an index, keeps
the hits that stand for a cluster ("also in: ..."), and for a random sample
of those clusters compares each member's cleaned body with the longest
member's on exact shingles (five-word runs, as src/cluster.rs counts them).

    python3 scripts/copies-sample.py --fouille target/release/fouille \\
        --index DIR --queries ../shared/eval/news-dev/queries.tsv

Queries: a TSV whose second column is the query (a header line first), or
a plain file of one query per line. Prints one line per sampled cluster
(size, then Jaccard / share of the shorter contained in the longest for up
to three members, sources, dates, titles) and a tally:

- same text        every member J >= 0.6 with the longest;
- mostly contained every member has >= 60 % of its text in the longest;
- partial          >= 40 % (the copy rule's bar): a dispatch cut short,
                   updated, or quoted at length;
- not a copy       under 40 %: what the clustering should not have joined.

The tally is a first sort; read the partial and not-a-copy lines before
calling them copies or not (`fouille show ID` prints a member).
"""
import argparse
import json
import random
import re
import subprocess
import sys
from collections import Counter


def fouille(args, *words):
    out = subprocess.run(
        [args.fouille, "--index", args.index, *words],
        capture_output=True,
        text=True,
    )
    return out.stdout


def shingles(text):
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + 5]) for i in range(len(words) - 4)}


def queries(path):
    lines = open(path, encoding="utf-8").read().splitlines()
    if path.endswith(".tsv"):
        return [l.split("\t")[1] for l in lines[1:] if "\t" in l]
    return [l for l in lines if l.strip()]


def tally(overlaps):
    if all(j >= 0.6 for j, _ in overlaps):
        return "same text"
    low = min(c for _, c in overlaps)
    if low >= 0.6:
        return "mostly contained"
    return "partial" if low >= 0.4 else "not a copy"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--fouille", required=True)
    p.add_argument("--index", required=True)
    p.add_argument("--queries", required=True)
    p.add_argument("--searches", type=int, default=300)
    p.add_argument("--sample", type=int, default=50)
    p.add_argument("--seed", type=int, default=5)
    args = p.parse_args()

    rng = random.Random(args.seed)
    qs = queries(args.queries)
    rng.shuffle(qs)
    clusters = {}
    for q in qs[: args.searches]:
        try:
            answer = json.loads(fouille(args, "search", q, "--json", "-n", "10"))
        except json.JSONDecodeError:
            continue  # a query the syntax refuses: not this script's concern
        for hit in answer["hits"]:
            if hit.get("copies"):
                members = [hit["id"]] + [c["id"] for c in hit["copies"]]
                clusters.setdefault(hit["cluster"], members)
    keys = sorted(clusters, key=str)
    rng.shuffle(keys)
    counts = Counter()
    for key in keys[: args.sample]:
        members = clusters[key]
        docs = [json.loads(fouille(args, "show", m, "--json")) for m in members[:4]]
        sets = [shingles(d["body"]) for d in docs]
        longest = max(range(len(sets)), key=lambda i: len(sets[i]))
        overlaps = []
        for i, s in enumerate(sets):
            if i == longest:
                continue
            shared = len(s & sets[longest])
            union = len(s | sets[longest])
            smaller = min(len(s), len(sets[longest]))
            overlaps.append((shared / max(1, union), shared / max(1, smaller)))
        kind = tally(overlaps)
        counts[kind] += 1
        print(
            f"{kind:16} {len(members):3} "
            + " ".join(f"{j:.2f}/{c:.2f}" for j, c in overlaps)
            + " | "
            + " | ".join(
                f"{d['id']} {d.get('source') or '-'} {d.get('published') or '-'} {d['title'][:50]}"
                for d in docs
            )
        )
    print(
        f"{len(clusters)} clusters met in {min(len(qs), args.searches)} searches; "
        f"{sum(counts.values())} sampled: "
        + ", ".join(f"{k} {v}" for k, v in counts.most_common()),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
