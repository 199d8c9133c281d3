//! Filter values as people type them: dates (YYYY, YYYY-MM, YYYY-MM-DD)
//! and the names of outlets, places, organisations and people, checked
//! against the index.

use std::path::Path;

use anyhow::{bail, Result};
use chrono::NaiveDate;

use crate::open::load_gazetteer;
use crate::search::{Engine, Filters, SearchError};

fn search_error(e: SearchError) -> anyhow::Error {
    anyhow::anyhow!(e)
}

/// Refuses a filter value no article carries, suggesting the closest
/// known names (from the index's facets and the gazetteer).
pub fn check_filters(engine: &Engine, dir: &Path, f: &Filters) -> Result<()> {
    use crate::entities::{normalise, EntityKind};
    for (kind, facet, label, entity_kind, values) in [
        (
            "place",
            "place",
            "place",
            Some(EntityKind::Place),
            &f.places,
        ),
        (
            "org",
            "org",
            "organisation",
            Some(EntityKind::Organisation),
            &f.orgs,
        ),
        (
            "person",
            "person",
            "person",
            Some(EntityKind::Person),
            &f.people,
        ),
        ("source", "source", "outlet", None, &f.sources),
    ] {
        for value in values {
            if engine.knows(kind, value).map_err(search_error)? {
                continue;
            }
            let key = normalise(value);
            let mut candidates: Vec<(usize, String)> = engine
                .facet_values(facet)
                .map_err(search_error)?
                .into_iter()
                .map(|(name, _)| (edit_distance(&key, &normalise(&name)), name))
                .collect();
            // The slow path: the gazetteer is loaded only to explain an error.
            if let Some(k) = entity_kind {
                for name in load_gazetteer(dir)?.suggest(k, value, 5) {
                    candidates.push((edit_distance(&key, &normalise(&name)), name));
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
                bail!("no article has the {label} {value:?}");
            }
            bail!(
                "no article has the {label} {value:?}; did you mean: {}?",
                near.join(", ")
            );
        }
    }
    Ok(())
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
