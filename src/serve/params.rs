//! Query strings of the API, read into the same [`Query`] and [`Filters`]
//! the command line builds from its flags, with the server's bounds.
//!
//! Keys are the CLI's flags without dashes (`q` for the words): `place`,
//! `org`, `person`, `source`, `wire` (each may repeat, as the flags do),
//! `from`, `to`, `any`, `limit`, `offset`, `sort`, `all_copies`.

use chrono::NaiveDate;

use crate::filters::{parse_from, parse_to};
use crate::search::{Filters, Query, Sort};

/// At most this many hits in one answer: a page, not a dump of the archive.
pub const MAX_LIMIT: usize = 100;
/// Paging stops here; beyond it a person narrows the query instead.
pub const MAX_OFFSET: usize = 10_000;
/// Characters of query text accepted over HTTP (the engine's own bound is
/// higher; a URL is no place for an essay).
pub const MAX_QUERY_CHARS: usize = 1_000;
/// Values of one filter kind (`place=…&place=…`).
pub const MAX_VALUES: usize = 20;
/// Characters of one filter value.
pub const MAX_VALUE_CHARS: usize = 200;

/// A request the server refuses with 400, and why (the body says it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct BadRequest(pub String);

fn bad(msg: impl Into<String>) -> BadRequest {
    BadRequest(msg.into())
}

/// The pairs of a raw query string, decoded (`+` and `%XX`).
pub fn pairs(raw: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The single value of `key`, refusing it twice (which one would win is
/// not obvious, so neither does).
fn single<'a>(pairs: &'a [(String, String)], key: &str) -> Result<Option<&'a str>, BadRequest> {
    let mut found = pairs.iter().filter(|(k, _)| k == key).map(|(_, v)| v);
    let first = found.next();
    if found.next().is_some() {
        return Err(bad(format!("{key} is given more than once")));
    }
    Ok(first.map(String::as_str))
}

/// A yes/no switch: present and empty, `1`, `true` or `yes` mean yes.
pub fn flag(pairs: &[(String, String)], key: &str) -> Result<bool, BadRequest> {
    match single(pairs, key)? {
        None => Ok(false),
        Some("" | "1" | "true" | "yes" | "on") => Ok(true),
        Some("0" | "false" | "no" | "off") => Ok(false),
        Some(v) => Err(bad(format!("{key} must be 1 or 0, not {v:?}"))),
    }
}

/// A number between 0 and `max`, or `default` when absent.
pub fn number(
    pairs: &[(String, String)],
    key: &str,
    default: usize,
    max: usize,
) -> Result<usize, BadRequest> {
    let Some(v) = single(pairs, key)? else {
        return Ok(default);
    };
    let n: usize = v
        .trim()
        .parse()
        .map_err(|_| bad(format!("{key} must be a whole number, not {v:?}")))?;
    if n > max {
        return Err(bad(format!("{key} is at most {max} (got {n})")));
    }
    Ok(n)
}

/// The query text (`q`), bounded.
pub fn text(pairs: &[(String, String)]) -> Result<String, BadRequest> {
    let q = single(pairs, "q")?.unwrap_or("").to_string();
    let chars = q.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(bad(format!(
            "invalid query: query too long ({chars} characters, at most {MAX_QUERY_CHARS})"
        )));
    }
    Ok(q)
}

fn date(
    pairs: &[(String, String)],
    key: &str,
    parse: fn(&str) -> Result<NaiveDate, String>,
) -> Result<Option<NaiveDate>, BadRequest> {
    match single(pairs, key)? {
        None | Some("") => Ok(None),
        // The CLI's own message, under the flag's name.
        Some(v) => parse(v)
            .map(Some)
            .map_err(|e| bad(format!("invalid value {v:?} for --{key}: {e}"))),
    }
}

fn values(pairs: &[(String, String)], key: &str) -> Result<Vec<String>, BadRequest> {
    let vals: Vec<String> = pairs
        .iter()
        .filter(|(k, v)| k == key && !v.trim().is_empty())
        .map(|(_, v)| v.clone())
        .collect();
    if vals.len() > MAX_VALUES {
        return Err(bad(format!(
            "at most {MAX_VALUES} values of {key} (got {})",
            vals.len()
        )));
    }
    if let Some(long) = vals.iter().find(|v| v.chars().count() > MAX_VALUE_CHARS) {
        return Err(bad(format!(
            "a {key} is at most {MAX_VALUE_CHARS} characters (got {})",
            long.chars().count()
        )));
    }
    Ok(vals)
}

/// A bound on the length of articles (`--min-words`, `--max-words`).
fn words(pairs: &[(String, String)], key: &str) -> Result<Option<u64>, BadRequest> {
    if single(pairs, key)?.is_none() {
        return Ok(None);
    }
    Ok(Some(number(pairs, key, 0, u32::MAX as usize)? as u64))
}

/// The filters as typed (not yet checked against the index: that is
/// [`crate::filters::resolve_filters`], as for the CLI).
pub fn filters(pairs: &[(String, String)]) -> Result<Filters, BadRequest> {
    let filters = Filters {
        places: values(pairs, "place")?,
        orgs: values(pairs, "org")?,
        people: values(pairs, "person")?,
        sources: values(pairs, "source")?,
        wires: values(pairs, "wire")?,
        from: date(pairs, "from", parse_from)?,
        to: date(pairs, "to", parse_to)?,
        min_words: words(pairs, "min_words")?,
        max_words: words(pairs, "max_words")?,
    };
    if let (Some(f), Some(t)) = (filters.from, filters.to) {
        if f > t {
            return Err(bad(format!("--from {f} is after --to {t}")));
        }
    }
    Ok(filters)
}

/// The most names of one facet kind a search may ask for.
pub const MAX_FACET_VALUES: usize = 100_000;

/// A search request as `fouille search --json` would make it.
pub fn search_query(pairs: &[(String, String)]) -> Result<Query, BadRequest> {
    let sort = match single(pairs, "sort")? {
        None | Some("" | "relevance") => Sort::Relevance,
        Some("date") => Sort::Date,
        Some(v) => return Err(bad(format!("sort must be relevance or date, not {v:?}"))),
    };
    Ok(Query {
        text: text(pairs)?,
        any: flag(pairs, "any")?,
        filters: filters(pairs)?,
        limit: number(pairs, "limit", 10, MAX_LIMIT)?,
        offset: number(pairs, "offset", 0, MAX_OFFSET)?,
        sort,
        facets: true,
        // `facets=N`: the N most frequent names of each kind, as the
        // collector keeps them (the page shows a sidebar, not every name).
        facet_limit: number(
            pairs,
            "facets",
            crate::search::FACET_VALUES,
            MAX_FACET_VALUES,
        )?,
        all_copies: flag(pairs, "all_copies")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(qs: &str) -> Result<Query, BadRequest> {
        search_query(&pairs(Some(qs)))
    }

    #[test]
    fn words_filters_and_options_are_read_like_the_flags() {
        let q = parse("q=Qaryatayn+chr%C3%A9tiens&source=A&source=B&from=2017&to=2017-10&limit=5&offset=5&sort=date&any=1").unwrap();
        assert_eq!(q.text, "Qaryatayn chrétiens");
        assert_eq!(q.filters.sources, ["A", "B"]);
        assert_eq!(q.filters.from, NaiveDate::from_ymd_opt(2017, 1, 1));
        assert_eq!(q.filters.to, NaiveDate::from_ymd_opt(2017, 10, 31));
        assert_eq!((q.limit, q.offset, q.sort, q.any), (5, 5, Sort::Date, true));
        assert!(q.facets && !q.all_copies);
        assert_eq!(parse("facets=3").unwrap().facet_limit, 3);
        let long = parse("min_words=300&max_words=900").unwrap().filters;
        assert_eq!((long.min_words, long.max_words), (Some(300), Some(900)));
        assert_eq!(parse("").unwrap().facet_limit, crate::search::FACET_VALUES);
    }

    #[test]
    fn defaults_are_the_cli_defaults() {
        let q = parse("").unwrap();
        assert_eq!(q.text, "");
        assert_eq!(
            (q.limit, q.offset, q.sort, q.any),
            (10, 0, Sort::Relevance, false)
        );
        assert!(q.filters.is_empty());
    }

    #[test]
    fn bounds_are_refused_with_a_reason() {
        assert_eq!(
            parse("limit=101").unwrap_err().0,
            "limit is at most 100 (got 101)"
        );
        assert!(parse("limit=-1").unwrap_err().0.contains("whole number"));
        assert!(parse("offset=10001").is_err());
        let long = "a".repeat(MAX_QUERY_CHARS + 1);
        assert!(parse(&format!("q={long}"))
            .unwrap_err()
            .0
            .contains("too long"));
        let many = "place=x&".repeat(MAX_VALUES + 1);
        assert!(parse(&many).unwrap_err().0.contains("at most 20 values"));
        assert!(parse("q=a&q=b").unwrap_err().0.contains("more than once"));
        assert!(parse("sort=best").is_err());
        assert!(parse("any=maybe").is_err());
    }

    #[test]
    fn dates_are_checked_as_the_cli_checks_them() {
        let e = parse("from=2017-13").unwrap_err().0;
        assert!(e.starts_with("invalid value \"2017-13\" for --from"), "{e}");
        assert!(parse("from=2018&to=2017").unwrap_err().0.contains("after"));
        // An empty field of the page's form means no bound.
        assert_eq!(parse("from=&to=").unwrap().filters.from, None);
    }
}
