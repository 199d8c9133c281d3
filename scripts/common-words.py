#!/usr/bin/env python3
"""Builds data/common-words.txt: French common words (nouns, adjectives,
verbs, function words) from the Dicollecte hunspell dictionary (MPL-2.0),
used as evidence that a capitalised word alone is a common noun written
with a capital (`au Cirque`, `Année`), not a person's name.

Only the dictionary's lowercase stems are kept, less those it also lists
capitalised as proper nouns (`pierre`/`Pierre`, `rose`/`Rose`) and less
the given names of data/given-names.txt: a word that is also a name is no
evidence against the name.

  apt-get install hunspell-fr-classical
  python3 scripts/common-words.py
"""
import os
import unicodedata

DIC = "/usr/share/hunspell/fr.dic"
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "data", "common-words.txt")
GIVEN = os.path.join(HERE, "..", "data", "given-names.txt")


def fold(w):
    s = unicodedata.normalize("NFKD", w)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def main():
    lower, proper = set(), set()
    with open(DIC, encoding="utf-8") as f:
        next(f)  # the entry count
        for line in f:
            w = line.split("/")[0].split("\t")[0].split(" ")[0].strip()
            if len(w) < 3 or not w.isalpha():
                continue
            (lower if w[0].islower() else proper).add(w)
    given = set()
    with open(GIVEN, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                given.add(fold(line.strip()))
    proper_folds = {fold(w) for w in proper}
    keep = sorted(w for w in lower if fold(w) not in proper_folds and fold(w) not in given)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# French common words, lowercase stems (see data/README.md).\n")
        f.write("# Derived from the Dicollecte hunspell dictionary, MPL-2.0; made by scripts/common-words.py.\n")
        for w in keep:
            f.write(w + "\n")
    print(len(keep), "words")


if __name__ == "__main__":
    main()
