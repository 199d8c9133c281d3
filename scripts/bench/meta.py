"""Writes meta.json, the description of a bench.sh run: machine, date,
command and settings. meta.py OUT.json [PEER REASON]...  (skipped peers);
the settings come from bench.sh's environment (BENCH_* variables)."""

import datetime
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import queries  # noqa: E402


def first(path, prefix):
    with open(path) as f:
        return next((l.split(":", 1)[1].strip() for l in f if l.startswith(prefix)), "?")


def main():
    out, pairs = sys.argv[1], sys.argv[2:]
    env = os.environ
    qs = queries.read(env["BENCH_QUERIES"])
    ram_kb = int(first("/proc/meminfo", "MemTotal").split()[0])
    meta = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": env["BENCH_COMMAND"],
        "machine": {
            "nproc": len(os.sched_getaffinity(0)),
            "cpu": first("/proc/cpuinfo", "model name"),
            "ram_gib": ram_kb / 2**20,
        },
        "load_start": " ".join(open("/proc/loadavg").read().split()[:3]),
        "corpus": env["BENCH_CORPUS"],
        "queries": env["BENCH_QUERIES"],
        "queries_count": len(qs),
        "query_list": qs,
        "sizes": env["BENCH_SIZES"].split(),
        "peers": env["BENCH_PEERS"].split(),
        "threads": int(env["BENCH_THREADS"]),
        "rounds": int(env["BENCH_ROUNDS"]),
        "cold_runs": int(env["BENCH_COLD_RUNS"]),
        "cold_query": env["BENCH_COLD_QUERY"],
        "cold_timer": env["BENCH_COLD_TIMER"],
        "skipped": dict(zip(pairs[::2], pairs[1::2])),
    }
    with open(out, "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
