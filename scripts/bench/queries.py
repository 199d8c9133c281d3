"""Reads the benchmark queries and writes them in each engine's syntax.

The queries file holds fouille's syntax: bare words (all required) and
"quoted phrases". Each peer gets the same meaning in its own grammar, so the
engines answer the same question:
- tantivy-cli's QueryParser joins terms with OR by default, so each part
  gets a leading `+` (required);
- FTS5 treats bare words as its own syntax (a word like `l'employeur`, or a
  keyword like `NOT`, is a syntax error or an operator), so every part is a
  quoted string; adjacent strings are ANDed;
- Xapian's QueryParser reads the line as is (phrases, AND as default op set
  by the caller); apostrophes inside a word are part of Xapian's words on
  both the indexing and the query side.
"""

import re
import sys

PART = re.compile(r'"([^"]*)"|(\S+)')


def parts(query):
    """Splits a query into (text, is_phrase) parts, in order."""
    out = []
    for m in PART.finditer(query):
        if m.group(1) is not None:
            if m.group(1).strip():
                out.append((m.group(1).strip(), True))
        else:
            out.append((m.group(2), False))
    return out


def quote(text):
    return '"' + text.replace('"', " ") + '"'


def for_tantivy(query):
    """Every part required; anything but a plain word goes in quotes, which
    tantivy turns into a phrase of its tokens (`l'employeur` -> l employeur)."""
    out = []
    for text, phrase in parts(query):
        if phrase or not re.fullmatch(r"\w+", text):
            out.append("+" + quote(text))
        else:
            out.append("+" + text)
    return " ".join(out)


def for_fts5(query):
    """Every part a quoted FTS5 string (a phrase of its tokens), ANDed."""
    return " ".join(quote(text) for text, _ in parts(query))


def for_xapian(query):
    return query


def read(path):
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip()]


TRANSLATE = {
    "fouille": lambda q: q,
    "tantivy": for_tantivy,
    "sqlite": for_fts5,
    "xapian": for_xapian,
}

if __name__ == "__main__":
    # queries.py ENGINE QUERIES_FILE: prints the translated queries, one a line.
    engine, path = sys.argv[1], sys.argv[2]
    for q in read(path):
        print(TRANSLATE[engine](q))
