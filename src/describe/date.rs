//! Reading dates written by people and by machines: French first ("1er
//! octobre 2017", "dim. 1 oct. 2017", "01/10/2017", "29 août 2017 - 4 h 00
//! min"), English and German too ("October 1, 2017", "1. Oktober 2017"),
//! ISO 8601 in metadata, and the dates web addresses carry ("/2017/10/01/").
//!
//! Only full dates count: "oct. 2017" says the month, not the day, and
//! guessing the 1st would put a wrong day into date filters and sorting, so a
//! month-precision date reads as nothing.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate};
use regex::Regex;

use super::gate::has_ascii_digit;
use super::text::fold;

/// A full date found in a text, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub date: NaiveDate,
    pub span: Range<usize>,
}

/// The first full date written in `s`, in any of the supported forms.
pub fn parse_french_date(s: &str) -> Option<NaiveDate> {
    find_dates(s).into_iter().next().map(|f| f.date)
}

/// Every full date written in `s`, in reading order, overlaps removed.
pub fn find_dates(s: &str) -> Vec<FoundDate> {
    // Every form needs digits, and only ASCII ones parse.
    if !has_ascii_digit(s) {
        return Vec::new();
    }
    let mut found: Vec<FoundDate> = Vec::new();
    found.extend(day_month_year(s));
    found.extend(month_day_year(s));
    found.extend(year_month_day(s));
    found.extend(numeric_day_month_year(s));
    found.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
    let mut out: Vec<FoundDate> = Vec::new();
    for f in found {
        if out.last().is_none_or(|last| f.span.start >= last.span.end) {
            out.push(f);
        }
    }
    out
}

/// A date from HTML metadata: ISO 8601 (the local date as written, not
/// shifted to UTC, since that is the date the outlet printed), compact
/// `20171001`, Unix timestamps, RFC 2822, or any form `find_dates` reads.
pub fn parse_meta_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return compact_date(s);
    }
    if (s.len() == 10 || s.len() == 13) && s.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = s.parse().ok()?;
        let secs = if s.len() == 13 { n / 1000 } else { n };
        return DateTime::from_timestamp(secs, 0).map(|d| d.date_naive());
    }
    parse_french_date(s)
}

/// The date a web address carries in its path: `/2017/10/01/`,
/// `/20171001/`, `2017-10-01`, `2017_10_01`. A year and month alone
/// (`/2017/10/slug`) gives no day, so nothing.
pub fn date_from_url(url: &str) -> Option<NaiveDate> {
    static SLASHED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:[/._-]|$)").expect("valid regex")
    });
    static DASHED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^0-9])((?:19|20)\d{2})[-_](\d{2})[-_](\d{2})(?:[^0-9]|$)")
            .expect("valid regex")
    });
    static COMPACT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[/_-])((?:19|20)\d{6})(?:[/._-]|$)").expect("valid regex")
    });
    let path = url_path(url);
    if let Some(c) = SLASHED.captures(path).or_else(|| DASHED.captures(path)) {
        return ymd(&c[1], &c[2], &c[3]);
    }
    COMPACT.captures(path).and_then(|c| compact_date(&c[1]))
}

/// The address without scheme and host: host names never carry dates, and
/// digits in them ("site2017.fr") must not be read as one.
fn url_path(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.find('/').map_or("", |i| &rest[i..])
}

fn compact_date(s: &str) -> Option<NaiveDate> {
    ymd(s.get(0..4)?, s.get(4..6)?, s.get(6..8)?)
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let y: i32 = y.parse().ok()?;
    if !(1900..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?)
}

/// Month number of a month name or abbreviation in French, English or
/// German, with or without accents, capitals or a final period.
pub fn month_number(word: &str) -> Option<u32> {
    let w = fold(word.trim_end_matches('.'));
    let m = match w.as_str() {
        "janvier" | "janv" | "jan" | "january" | "januar" | "janner" | "jaenner" => 1,
        "fevrier" | "fevr" | "fev" | "feb" | "febr" | "february" | "februar" => 2,
        "mars" | "mar" | "march" | "marz" | "maerz" => 3,
        "avril" | "avr" | "apr" | "april" => 4,
        "mai" | "may" => 5,
        "juin" | "jun" | "june" | "juni" => 6,
        "juillet" | "juil" | "jul" | "july" | "juli" => 7,
        "aout" | "aou" | "aug" | "august" => 8,
        "septembre" | "sept" | "sep" | "september" => 9,
        "octobre" | "oct" | "october" | "oktober" | "okt" => 10,
        "novembre" | "nov" | "november" => 11,
        "decembre" | "dec" | "december" | "dezember" | "dez" => 12,
        _ => return None,
    };
    Some(m)
}

/// "1er octobre 2017", "dimanche 1 octobre 2017", "29 août 2017",
/// "1. Oktober 2017", "1st of October 2017", "01 Oct 2017".
fn day_month_year(s: &str) -> Vec<FoundDate> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?-u:\b)(\d{1,2})(?:er|re|e|ème|st|nd|rd|th)?\.?\s*(?:de\s+|of\s+)?(\p{L}{3,9})\.?,?\s+(\d{4})(?-u:\b)",
        )
        .expect("valid regex")
    });
    RE.captures_iter(s)
        .filter_map(|c| {
            let month = month_number(&c[2])?;
            let date = ymd(&c[3], &month.to_string(), &c[1])?;
            Some(FoundDate {
                date,
                span: c.get(0)?.range(),
            })
        })
        .collect()
}

/// "October 1, 2017", "Oct. 1st, 2017".
fn month_day_year(s: &str) -> Vec<FoundDate> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(\p{L}{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?-u:\b)")
            .expect("valid regex")
    });
    RE.captures_iter(s)
        .filter_map(|c| {
            let month = month_number(&c[1])?;
            let date = ymd(&c[3], &month.to_string(), &c[2])?;
            Some(FoundDate {
                date,
                span: c.get(0)?.range(),
            })
        })
        .collect()
}

/// "2017-10-01" (ISO 8601, also inside "2017-10-01T19:08:00+02:00"),
/// "2017/10/01", "2017.10.01".
fn year_month_day(s: &str) -> Vec<FoundDate> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^0-9])((?:19|20)\d{2})([-/.])(\d{1,2})([-/.])(\d{1,2})(?:[^0-9]|$)")
            .expect("valid regex")
    });
    RE.captures_iter(s)
        .filter_map(|c| {
            if c[2] != c[4] {
                return None;
            }
            let date = ymd(&c[1], &c[3], &c[5])?;
            Some(FoundDate {
                date,
                span: c.get(1)?.start()..c.get(5)?.end(),
            })
        })
        .collect()
}

/// "01/10/2017", "1.10.2017", "01-10-2017", "01/10/17": day first, as in
/// French and German; read month first only when the day-first reading is
/// impossible ("10/25/2017").
fn numeric_day_month_year(s: &str) -> Vec<FoundDate> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^0-9./-])(\d{1,2})([-/.])(\d{1,2})([-/.])(\d{4}|\d{2})(?:[^0-9]|$)")
            .expect("valid regex")
    });
    RE.captures_iter(s)
        .filter_map(|c| {
            if c[2] != c[4] {
                return None;
            }
            let (a, b): (u32, u32) = (c[1].parse().ok()?, c[3].parse().ok()?);
            let year = match c[5].len() {
                2 => {
                    let y: i32 = c[5].parse().ok()?;
                    if y < 70 {
                        2000 + y
                    } else {
                        1900 + y
                    }
                }
                _ => c[5].parse().ok()?,
            };
            let (day, month) = if b > 12 && a <= 12 { (b, a) } else { (a, b) };
            let date = ymd(&year.to_string(), &month.to_string(), &day.to_string())?;
            Some(FoundDate {
                date,
                span: c.get(1)?.start()..c.get(5)?.end(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn french_written_dates() {
        assert_eq!(parse_french_date("1er octobre 2017"), d(2017, 10, 1));
        assert_eq!(parse_french_date("dimanche 1 octobre 2017"), d(2017, 10, 1));
        assert_eq!(
            parse_french_date("Dimanche 1er Octobre 2017 à 19h08"),
            d(2017, 10, 1)
        );
        assert_eq!(
            parse_french_date("29 août 2017 - 4 h 00 min"),
            d(2017, 8, 29)
        );
        assert_eq!(parse_french_date("29 aout 2017"), d(2017, 8, 29));
        assert_eq!(parse_french_date("3 févr. 2016"), d(2016, 2, 3));
        assert_eq!(parse_french_date("12 sept. 2016"), d(2016, 9, 12));
        assert_eq!(parse_french_date("4 DÉCEMBRE 2015"), d(2015, 12, 4));
        assert_eq!(parse_french_date("le 14 juillet 1789"), None, "before 1900");
    }

    #[test]
    fn numeric_dates_are_day_first() {
        assert_eq!(parse_french_date("01/10/2017"), d(2017, 10, 1));
        assert_eq!(parse_french_date("1.10.2017"), d(2017, 10, 1));
        assert_eq!(parse_french_date("01-11-2024 04:33 PM"), d(2024, 11, 1));
        assert_eq!(parse_french_date("01/10/17"), d(2017, 10, 1));
        assert_eq!(parse_french_date("10/25/2017"), d(2017, 10, 25));
        assert_eq!(parse_french_date("01/10-2017"), None, "mixed separators");
        assert_eq!(parse_french_date("31/02/2017"), None, "no such day");
    }

    #[test]
    fn english_and_german_dates() {
        assert_eq!(parse_french_date("October 1, 2017"), d(2017, 10, 1));
        assert_eq!(
            parse_french_date("Posted on Oct. 1st, 2017"),
            d(2017, 10, 1)
        );
        assert_eq!(parse_french_date("1st of October 2017"), d(2017, 10, 1));
        assert_eq!(parse_french_date("1. Oktober 2017"), d(2017, 10, 1));
        assert_eq!(parse_french_date("3. März 2016"), d(2016, 3, 3));
        assert_eq!(
            parse_french_date("Sun, 01 Oct 2017 19:08:00 +0200"),
            d(2017, 10, 1)
        );
    }

    #[test]
    fn month_precision_is_no_date() {
        assert_eq!(parse_french_date("oct. 2017"), None);
        assert_eq!(parse_french_date("En avril 2016, les forces"), None);
        assert_eq!(parse_french_date("le 19 août"), None);
    }

    #[test]
    fn non_dates() {
        assert_eq!(parse_french_date("il a 12 ans 2017 fois"), None);
        assert_eq!(parse_french_date("version 1.2.3"), None);
        assert_eq!(parse_french_date("30.000 habitants"), None);
        assert_eq!(parse_french_date(""), None);
    }

    #[test]
    fn finds_every_date_in_order() {
        let f = find_dates("Publié le 01/10/2017, mis à jour le 2 octobre 2017");
        let dates: Vec<_> = f.iter().map(|f| f.date).collect();
        assert_eq!(
            dates,
            vec![d(2017, 10, 1).unwrap(), d(2017, 10, 2).unwrap()]
        );
    }

    #[test]
    fn meta_dates() {
        assert_eq!(parse_meta_date("2017-10-01T19:08:00+02:00"), d(2017, 10, 1));
        assert_eq!(parse_meta_date("2017-10-01T23:30:00-05:00"), d(2017, 10, 1));
        assert_eq!(parse_meta_date("20171001"), d(2017, 10, 1));
        assert_eq!(parse_meta_date("1506880080"), d(2017, 10, 1));
        assert_eq!(
            parse_meta_date("Sun, 01 Oct 2017 19:08:00 GMT"),
            d(2017, 10, 1)
        );
        assert_eq!(parse_meta_date("garbage"), None);
    }

    #[test]
    fn dates_in_addresses() {
        let u = "http://jrbelliard.blog.tdg.ch/archive/2017/10/01/syrie-286727.html";
        assert_eq!(date_from_url(u), d(2017, 10, 1));
        assert_eq!(
            date_from_url("https://x.fr/20160403/slug.html"),
            d(2016, 4, 3)
        );
        assert_eq!(
            date_from_url("https://x.fr/news/2017-10-01-slug"),
            d(2017, 10, 1)
        );
        assert_eq!(
            date_from_url("https://x.fr/news/slug_2017_10_01.html"),
            d(2017, 10, 1)
        );
        assert_eq!(date_from_url("https://x.fr/2017/10/slug"), None);
        assert_eq!(date_from_url("https://x.fr/article/238924"), None);
        assert_eq!(date_from_url("https://x.fr/article/20171332"), None);
        assert_eq!(date_from_url("https://site20171001.fr/a"), None);
    }
}
