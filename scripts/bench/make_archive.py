"""Writes a benchmark archive of N documents from the corpus, as JSON Lines.

make_archive.py CORPUS SIZE OUT.jsonl  ->  prints {"docs","jsonl_bytes","text_bytes"}

SIZE is a number of documents or `all`. A number below the corpus size takes
the first N lines; above it, the corpus is repeated with fresh ids
(`ID~rK` for the K-th copy) so every document is distinct to the engines.
text_bytes counts the UTF-8 bytes of the "text" fields only: the prose an
engine indexes, without JSON escaping, ids, titles or sources.
"""

import json
import os
import subprocess
import sys


def lines(corpus):
    """Yields the corpus lines (bytes); .zst is read through zstd -dc."""
    if corpus.endswith(".zst"):
        proc = subprocess.Popen(["zstd", "-dcq", corpus], stdout=subprocess.PIPE)
        try:
            for line in proc.stdout:
                yield line
        finally:
            proc.stdout.close()
            proc.kill()
            proc.wait()
    else:
        with open(corpus, "rb") as f:
            yield from f


def main():
    corpus, size, out = sys.argv[1], sys.argv[2], sys.argv[3]
    want = None if size == "all" else int(size)
    docs = text_bytes = 0
    tmp = out + ".part"
    with open(tmp, "wb") as w:
        copy = 0
        while want is None or docs < want:
            seen = 0
            for line in lines(corpus):
                if not line.strip():
                    continue
                if want is not None and docs >= want:
                    break
                doc = json.loads(line)
                if copy > 0:
                    doc["id"] = f"{doc.get('id', seen)}~r{copy}"
                    line = (json.dumps(doc, ensure_ascii=False) + "\n").encode()
                elif not line.endswith(b"\n"):
                    line += b"\n"
                w.write(line)
                text_bytes += len(str(doc.get("text", "")).encode())
                docs += 1
                seen += 1
            if want is None or seen == 0:
                break
            copy += 1
    os.replace(tmp, out)
    meta = {"docs": docs, "jsonl_bytes": os.path.getsize(out), "text_bytes": text_bytes}
    print(json.dumps(meta))


if __name__ == "__main__":
    main()
