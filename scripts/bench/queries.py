"""Reads the benchmark queries and writes them in each engine's syntax.

The queries file holds fouille's syntax: bare words (all required) and
"quoted phrases"; the derived sets (`derive`) add truncations (`X*`) and
proximity (`a NEAR/5 b`). Each peer gets the same meaning in its own grammar, so the
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


NEAR = re.compile(r"^(\S+) NEAR/(\d+) (\S+)$")


def for_fts5(query):
    """Every part a quoted FTS5 string (a phrase of its tokens), ANDed;
    `X*` is FTS5's prefix `"X"*`, `a NEAR/n b` is `NEAR("a" "b", n)`."""
    m = NEAR.match(query)
    if m:
        return f"NEAR({quote(m.group(1))} {quote(m.group(3))}, {m.group(2)})"
    out = []
    for text, phrase in parts(query):
        if not phrase and text.endswith("*") and len(text) > 1:
            out.append(quote(text[:-1]) + "*")
        else:
            out.append(quote(text))
    return " ".join(out)


# Query sets derived from the benchmark's queries by fixed rules, so that
# truncation and proximity are timed on the same words as plain queries
# (and no one picks the words that flatter an engine).
STOP = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "un", "une", "à"}


def content_words(query):
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", query)
    return [w.split("'")[-1] for w in words if w.lower() not in STOP]


def derive(kind, queries):
    """prefix: each word of 4+ letters cut to its first 5 letters, `*`;
    near: the first two words of a query of several, `NEAR/5`;
    phrase: those same queries as phrases (what NEAR is compared with)."""
    out = []
    for q in queries:
        words = content_words(q)
        if kind == "prefix":
            out += [w[:5] + "*" for w in words if len(w) >= 4]
        elif kind == "near" and len(words) >= 2:
            out.append(f"{words[0]} NEAR/5 {words[1]}")
        elif kind == "phrase" and len(words) >= 2:
            out.append(quote(q.replace('"', "")))
    seen = set()
    return [q for q in out if not (q.lower() in seen or seen.add(q.lower()))]


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
    # queries.py derive KIND QUERIES_FILE: prints a derived query set.
    if sys.argv[1] == "derive":
        for q in derive(sys.argv[2], read(sys.argv[3])):
            print(q)
        sys.exit(0)
    # queries.py ENGINE QUERIES_FILE: prints the translated queries, one a line.
    engine, path = sys.argv[1], sys.argv[2]
    for q in read(path):
        print(TRANSLATE[engine](q))
