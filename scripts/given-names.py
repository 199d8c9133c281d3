#!/usr/bin/env python3
"""Builds data/given-names.txt: the given names of Faker's person providers
(MIT licence) for Latin-script locales, less those the benchmark corpus writes
lowercase more than twice as often as capitalised (they are common words).

    pip download --no-deps faker -d /tmp/fk && unzip -q /tmp/fk/faker-*.whl -d /tmp/fk
    python3 scripts/given-names.py /tmp/fk target/bench/archives/fr-all.jsonl > data/given-names.txt
"""
import collections, importlib, json, re, sys, unicodedata

LOCALES = ["fr_FR", "fr_BE", "fr_CA", "fr_CH", "fr_DZ", "fr_QC", "en_US", "en_GB", "en_IE",
           "de_DE", "es_ES", "es_MX", "it_IT", "pt_PT", "pt_BR", "nl_NL", "ar_AA", "ar_DZ",
           "ar_SA", "ar_PS", "tr_TR", "pl_PL", "ro_RO", "ru_RU", "uk_UA", "fa_IR", "sv_SE",
           "no_NO", "da_DK", "cs_CZ", "hr_HR", "hu_HU", "id_ID", "vi_VN", "ha_NG", "yo_NG",
           "ig_NG", "sw", "en_KE", "en_NG", "el_GR", "he_IL"]


def latin_name(n):
    return n and n[0].isupper() and all(
        c in "-'" or (c.isalpha() and unicodedata.name(c, "").startswith("LATIN")) for c in n)


def main():
    sys.path.insert(0, sys.argv[1])
    names = set()
    for loc in LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except ImportError:
            continue
        for attr in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
            v = getattr(provider, attr, None) or []
            names.update(n.strip() for n in (v.keys() if isinstance(v, dict) else v) if latin_name(n.strip()))
    low = {n.lower() for n in names}
    lower, upper = collections.Counter(), collections.Counter()
    for line in open(sys.argv[2], encoding="utf-8"):
        for w in re.findall(r"\w+", json.loads(line).get("text", "")):
            if w.lower() in low:
                (upper if w[0].isupper() else lower)[w.lower()] += 1
    print("# Given names, one a line: the first_names lists of Faker's person providers")
    print("# (MIT licence, see data/README.md) for 42 Latin-script locales, less the")
    print("# names written lowercase more than twice as often as capitalised in the")
    print("# benchmark corpus (common words: Cas, Beau, Ville). Made by scripts/given-names.py.")
    for n in sorted(names):
        l = n.lower()
        if len(l) >= 3 and lower[l] <= 2 * upper[l] + 2:
            print(n)


if __name__ == "__main__":
    main()
