"""Hit counts of fouille for each benchmark query (to check that engines
answer the same questions): fouille_hits.py FOUILLE INDEX QUERIES -> JSON list.
Exit code 1 (no hits) is a valid answer; 2 is an error."""

import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import queries  # noqa: E402


def main():
    binary, index, path = sys.argv[1:4]
    counts = []
    for q in queries.read(path):
        p = subprocess.run(
            [binary, "--index", index, "--color", "never", "search", q, "--json"],
            capture_output=True,
            text=True,
        )
        if p.returncode not in (0, 1):
            sys.exit(f"fouille search {q!r} failed: {p.stderr.strip()}")
        counts.append(json.loads(p.stdout).get("total") if p.stdout.strip() else 0)
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
