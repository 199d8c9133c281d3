//! Filter values as people type them: dates (YYYY, YYYY-MM, YYYY-MM-DD)
//! and the names of outlets, places, organisations and people, checked
//! against the index.

use std::path::Path;

use anyhow::{bail, Result};
use chrono::NaiveDate;

use crate::entities::{normalise, EntityKind};
use crate::open::load_gazetteer;
use crate::search::{Engine, Filters, SearchError};

fn search_error(e: SearchError) -> anyhow::Error {
    anyhow::anyhow!(e)
}

/// Filters whose names are the index's own, and what was chosen for
/// values typed otherwise (to tell the person).
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    pub filters: Filters,
    /// One line per value taken as another name: `outlet "Orient" is "L'Orient-Le Jour"`.
    pub notes: Vec<String>,
}

/// The kinds of named filters: (tag kind, facet, label, gazetteer kind).
fn named_kinds() -> [(&'static str, &'static str, Option<EntityKind>); 5] {
    [
        ("place", "place", Some(EntityKind::Place)),
        ("org", "organisation", Some(EntityKind::Organisation)),
        ("person", "person", Some(EntityKind::Person)),
        ("source", "outlet", None),
        ("wire", "wire agency", None),
    ]
}

/// Resolves the names in `f` as people type them: a name the index knows
/// (or an alias of one) stays; otherwise one that matches a single name
/// of the index, ignoring case, accents, elision and punctuation, as a
/// whole word or the start of words, is replaced by it. Several matches
/// are listed, and no match suggests the closest names: both are errors.
pub fn resolve_filters(engine: &Engine, dir: &Path, f: &Filters) -> Result<Resolved> {
    let mut out = Resolved {
        filters: f.clone(),
        notes: vec![],
    };
    for (kind, label, entity_kind) in named_kinds() {
        let values = match kind {
            "place" => &mut out.filters.places,
            "org" => &mut out.filters.orgs,
            "person" => &mut out.filters.people,
            "wire" => &mut out.filters.wires,
            _ => &mut out.filters.sources,
        };
        for value in values.iter_mut() {
            if engine.knows(kind, value).map_err(search_error)? {
                continue;
            }
            let names = engine.facet_values(kind).map_err(search_error)?;
            match pick(value, &names) {
                Pick::One(name) => {
                    out.notes.push(format!("{label} {value:?} is {name:?}"));
                    *value = name.to_string();
                }
                Pick::Several(names) => {
                    let listed: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
                    bail!(
                        "the {label} {value:?} could be any of {}; give more of the name",
                        listed.join(", ")
                    );
                }
                Pick::None => return Err(unknown(dir, label, entity_kind, value, &names)),
            }
        }
    }
    Ok(out)
}

/// Refuses a filter value no article carries, suggesting the closest
/// known names (from the index's facets and the gazetteer).
fn unknown(
    dir: &Path,
    label: &str,
    entity_kind: Option<EntityKind>,
    value: &str,
    names: &[(String, u64)],
) -> anyhow::Error {
    let key = normalise(value);
    let mut candidates: Vec<(usize, String)> = names
        .iter()
        .map(|(name, _)| (edit_distance(&key, &normalise(name)), name.clone()))
        .collect();
    // The slow path: the gazetteer is loaded only to explain an error.
    if let Some(k) = entity_kind {
        match load_gazetteer(dir) {
            Ok(g) => {
                for name in g.suggest(k, value, 5) {
                    candidates.push((edit_distance(&key, &normalise(&name)), name));
                }
            }
            Err(e) => return e,
        }
    }
    candidates.sort();
    candidates.dedup_by(|a, b| a.1 == b.1);
    let near: Vec<String> = candidates
        .into_iter()
        .filter(|(d, _)| *d <= (key.chars().count() / 4).max(2))
        .take(5)
        .map(|(_, n)| n)
        .collect();
    if near.is_empty() {
        anyhow::anyhow!("no article has the {label} {value:?}")
    } else {
        anyhow::anyhow!(
            "no article has the {label} {value:?}; did you mean: {}?",
            near.join(", ")
        )
    }
}

/// What a typed name matches among the index's names.
#[derive(Debug, PartialEq, Eq)]
enum Pick<'a> {
    One(&'a str),
    /// Several, the most frequent first (at most [`LISTED`]).
    Several(Vec<&'a str>),
    None,
}

/// Most candidates listed for an ambiguous name.
const LISTED: usize = 8;

/// One reading of a typed name, tested on a known name's words.
type NameTest<'t> = dyn Fn(&[String]) -> bool + 't;

/// Picks the name `typed` means, trying from the strictest reading to the
/// loosest and stopping at the first that matches anything: the same
/// words (leading articles aside), then its words among the name's, then
/// its words as the starts of the name's words, in order. A stricter
/// match wins, so "Monde" is "Le Monde" even if "Le Monde diplomatique"
/// is known too.
fn pick<'a>(typed: &str, names: &'a [(String, u64)]) -> Pick<'a> {
    let want = name_words(typed);
    if want.is_empty() {
        return Pick::None;
    }
    let words: Vec<Vec<String>> = names.iter().map(|(n, _)| name_words(n)).collect();
    let same = |w: &[String]| without_article(w) == without_article(&want);
    let among = |w: &[String]| in_order(&want, w, |a, b| a == b);
    let starts = |w: &[String]| in_order(&want, w, |a, b| b.starts_with(a));
    let tests: [&NameTest; 3] = [&same, &among, &starts];
    for test in tests {
        // `names` come most frequent first.
        let found: Vec<&str> = names
            .iter()
            .zip(&words)
            .filter(|(_, w)| test(w))
            .map(|((n, _), _)| n.as_str())
            .collect();
        match found.len() {
            0 => continue,
            1 => return Pick::One(found[0]),
            _ => return Pick::Several(found.into_iter().take(LISTED).collect()),
        }
    }
    Pick::None
}

/// The words of a name, folded (no case, no accents), without elided
/// letters (`l'`, `d'`, `qu'`) and punctuation: "L'Orient-Le Jour" is
/// `orient le jour`.
fn name_words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .map(crate::analysis::fold::fold_word)
        .filter(|w| w.chars().count() > 1 && w != "qu")
        .collect()
}

/// The words after leading articles.
fn without_article(words: &[String]) -> &[String] {
    let n = words
        .iter()
        .take_while(|w| matches!(w.as_str(), "le" | "la" | "les" | "the"))
        .count();
    &words[n.min(words.len().saturating_sub(1))..]
}

/// Whether each of `want` matches a word of `have`, in order.
fn in_order(want: &[String], have: &[String], matches: impl Fn(&str, &str) -> bool) -> bool {
    let mut have = have.iter();
    want.iter().all(|w| have.by_ref().any(|h| matches(w, h)))
}

/// Levenshtein distance between two strings, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Parses YYYY, YYYY-MM or YYYY-MM-DD; `end` picks the last day of a year or month.
fn parse_date_bound(s: &str, end: bool) -> std::result::Result<NaiveDate, String> {
    let bad = || format!("invalid date {s:?}: use YYYY, YYYY-MM or YYYY-MM-DD");
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
    let date = match parts.as_slice() {
        [y] => {
            let y = num(y)? as i32;
            if end {
                NaiveDate::from_ymd_opt(y, 12, 31)
            } else {
                NaiveDate::from_ymd_opt(y, 1, 1)
            }
        }
        [y, m] => {
            let first = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, 1).ok_or_else(bad)?;
            if end {
                first
                    .checked_add_months(chrono::Months::new(1))
                    .and_then(|d| d.pred_opt())
            } else {
                Some(first)
            }
        }
        [y, m, d] => NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?),
        _ => None,
    };
    date.ok_or_else(bad)
}

pub fn parse_from(s: &str) -> std::result::Result<NaiveDate, String> {
    parse_date_bound(s, false)
}

pub fn parse_to(s: &str) -> std::result::Result<NaiveDate, String> {
    parse_date_bound(s, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<(String, u64)> {
        list.iter().map(|n| (n.to_string(), 1)).collect()
    }

    #[test]
    fn names_as_people_type_them() {
        let known = names(&[
            "L'Orient-Le Jour",
            "Le Monde",
            "Le Monde diplomatique",
            "Orient XXI",
        ]);
        assert_eq!(
            pick("orient le jour", &known),
            Pick::One("L'Orient-Le Jour")
        );
        assert_eq!(
            pick("L’ORIENT LE JOUR", &known),
            Pick::One("L'Orient-Le Jour")
        );
        assert_eq!(pick("monde", &known), Pick::One("Le Monde"));
        assert_eq!(pick("diplo", &known), Pick::One("Le Monde diplomatique"));
        assert_eq!(pick("orient jour", &known), Pick::One("L'Orient-Le Jour"));
        assert_eq!(
            pick("Orient", &known),
            Pick::Several(vec!["L'Orient-Le Jour", "Orient XXI"])
        );
        assert_eq!(pick("Figaro", &known), Pick::None);
        assert_eq!(pick("l'", &known), Pick::None);
        let people = names(&["Emmanuel Macron", "Bachar al-Assad"]);
        assert_eq!(pick("macron", &people), Pick::One("Emmanuel Macron"));
        assert_eq!(pick("bachar assad", &people), Pick::One("Bachar al-Assad"));
        assert_eq!(pick("élysée", &people), Pick::None);
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("qaryatyn", "qaryatayn"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn date_bounds() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(parse_from("2017"), Ok(d(2017, 1, 1)));
        assert_eq!(parse_to("2017"), Ok(d(2017, 12, 31)));
        assert_eq!(parse_to("2016-02"), Ok(d(2016, 2, 29)));
        assert_eq!(parse_from("2017-10-01"), Ok(d(2017, 10, 1)));
        assert!(parse_from("2017-13-45").is_err());
        assert!(parse_from("hier").is_err());
    }
}
