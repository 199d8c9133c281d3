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

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
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
    if s.contains('年') {
        found.extend(cjk_year_month_day(s));
    }
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

/// A machine timestamp with its offset from UTC: ISO 8601 with a time and
/// a zone ("2020-08-25T00:23:33Z", "2019-06-17T18:28:00+0200") or RFC 2822.
/// `None` for a bare day or a time without a zone, which name no instant.
pub fn parse_instant(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    // Every instant has a time of day.
    if !s.contains(':') {
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t);
    }
    const FORMATS: &[&str] = &[
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M:%S%.f%:z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f%:z",
        "%Y-%m-%d %H:%M:%S %z",
    ];
    FORMATS
        .iter()
        .find_map(|f| DateTime::parse_from_str(s, f).ok())
        .or_else(|| {
            // "…T00:23:33Z" with a fraction the RFC reader refused, or a
            // space before the Z.
            let z = s.strip_suffix('Z').or_else(|| s.strip_suffix(" UTC"))?;
            [
                "%Y-%m-%dT%H:%M:%S%.f",
                "%Y-%m-%d %H:%M:%S%.f",
                "%Y-%m-%dT%H:%M",
            ]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(z.trim(), f).ok())
            .map(|t| t.and_utc().fixed_offset())
        })
        .or_else(|| DateTime::parse_from_rfc2822(s).ok())
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

/// Month number of a month name or abbreviation in French, English,
/// German, Spanish, Italian, Portuguese or Dutch, with or without accents,
/// capitals or a final period. Abbreviations that are common words of
/// these languages ("set", "out", "ago") are left out.
pub fn month_number(word: &str) -> Option<u32> {
    let w = fold(word.trim_end_matches('.'));
    let m = match w.as_str() {
        "janvier" | "janv" | "jan" | "january" | "januar" | "janner" | "jaenner" | "enero"
        | "ene" | "gennaio" | "gen" | "janeiro" | "januari" => 1,
        "fevrier" | "fevr" | "fev" | "feb" | "febr" | "february" | "februar" | "febrero"
        | "febbraio" | "fevereiro" | "februari" => 2,
        "mars" | "mar" | "march" | "marz" | "maerz" | "marzo" | "marco" | "maart" => 3,
        "avril" | "avr" | "apr" | "april" | "abril" | "abr" | "aprile" => 4,
        "mai" | "may" | "mayo" | "maggio" | "mag" | "maio" | "mei" => 5,
        "juin" | "jun" | "june" | "juni" | "junio" | "giugno" | "giu" | "junho" => 6,
        "juillet" | "juil" | "jul" | "july" | "juli" | "julio" | "luglio" | "lug" | "julho" => 7,
        "aout" | "aou" | "aug" | "august" | "agosto" | "augustus" => 8,
        "septembre" | "sept" | "sep" | "september" | "septiembre" | "setiembre" | "settembre"
        | "setembro" => 9,
        "octobre" | "oct" | "october" | "oktober" | "okt" | "octubre" | "ottobre" | "ott"
        | "outubro" => 10,
        "novembre" | "nov" | "november" | "noviembre" | "novembro" => 11,
        "decembre" | "dec" | "december" | "dezember" | "dez" | "diciembre" | "dic" | "dicembre"
        | "dezembro" => 12,
        _ => return None,
    };
    Some(m)
}

/// "1er octobre 2017", "dimanche 1 octobre 2017", "29 août 2017",
/// "1. Oktober 2017", "1st of October 2017", "01 Oct 2017", "7 de octubre
/// de 2020". The day may follow a word without a space ("Posted on28. Juli
/// 2019"): text dumps glue inline elements together.
fn day_month_year(s: &str) -> Vec<FoundDate> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?:^|[^0-9])(\d{1,2})(?:er|re|e|ème|st|nd|rd|th|º|°)?\.?\s*(?:de\s+|of\s+)?(\p{L}{3,10})\.?,?\s+(?:de\s+)?(\d{4})",
        )
        .expect("valid regex")
    });
    RE.captures_iter(s)
        .filter_map(|c| {
            year_ends(&s[c.get(3)?.end()..]).then_some(())?;
            let month = month_number(&c[2])?;
            let date = ymd(&c[3], &month.to_string(), &c[1])?;
            Some(FoundDate {
                date,
                span: c.get(1)?.start()..c.get(0)?.end(),
            })
        })
        .collect()
}

/// True when a written year ends here: not inside a longer number, unless
/// text dumps glued the next date or a time to it ("22. Dezember
/// 201922. Dezember 2019", "November 9, 20235:01 AM"). A letter may follow
/// ("2017Autor"): inline elements lose their spaces too.
fn year_ends(after: &str) -> bool {
    static GLUED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d{1,2}[.:]").expect("valid regex"));
    !after.starts_with(|c: char| c.is_ascii_digit()) || GLUED.is_match(after)
}

/// "October 1, 2017", "Oct. 1st, 2017".
fn month_day_year(s: &str) -> Vec<FoundDate> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(\p{L}{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
            .expect("valid regex")
    });
    RE.captures_iter(s)
        .filter_map(|c| {
            year_ends(&s[c.get(3)?.end()..]).then_some(())?;
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

/// "2020年07月12日": Chinese and Japanese pages write year, month, day.
fn cjk_year_month_day(s: &str) -> Vec<FoundDate> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日").expect("valid regex")
    });
    RE.captures_iter(s)
        .filter_map(|c| {
            Some(FoundDate {
                date: ymd(&c[1], &c[2], &c[3])?,
                span: c.get(0)?.range(),
            })
        })
        .collect()
}

/// True when the date at `span` of `s` is one end of a span of days:
/// "14. - 20. Januar 2022", "du 14 au 20 janvier", "2020/7/11-12" or
/// "31. Dezember 2021-06. Januar 2022" name a week or an event, not a day.
pub fn in_range(s: &str, span: &Range<usize>) -> bool {
    static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\d{1,2}\.?\s*(?:-|–|—|~|～|bis|au|to|al)\s*$").expect("valid regex")
    });
    static AFTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:[-–—~～]\d{1,2}(?:[^0-9:h]|$)|\s*(?:-|–|—|bis|au|to)\s*\d{1,2}\.?\s*\p{L})",
        )
        .expect("valid regex")
    });
    // The few characters before the date (a range's first day is close).
    let mut from = span.start.saturating_sub(12);
    while !s.is_char_boundary(from) {
        from -= 1;
    }
    BEFORE.is_match(&s[from..span.start]) || AFTER.is_match(&s[span.end..])
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
            let two_digits = |y: &str| -> Option<i32> {
                let y: i32 = y.parse().ok()?;
                Some(if y < 70 { 2000 + y } else { 1900 + y })
            };
            let year = match c[5].len() {
                2 => two_digits(&c[5])?,
                // "28.09.1912:44": a two-digit year glued to a time.
                _ if s[c.get(5)?.end()..].starts_with(':') => two_digits(&c[5][..2])?,
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
    fn other_languages_and_glued_text() {
        assert_eq!(parse_french_date("7 de octubre de 2020"), d(2020, 10, 7));
        assert_eq!(parse_french_date("octubre 7, 2020"), d(2020, 10, 7));
        assert_eq!(parse_french_date("28 luglio 2020"), d(2020, 7, 28));
        assert_eq!(parse_french_date("26 september 2020"), d(2020, 9, 26));
        assert_eq!(parse_french_date("3 de março de 2021"), d(2021, 3, 3));
        assert_eq!(parse_french_date("Posted on28. Juli 2019"), d(2019, 7, 28));
        assert_eq!(
            parse_french_date("22. Dezember 201922. Dezember"),
            d(2019, 12, 22)
        );
        assert_eq!(
            parse_french_date("November 9, 20235:01 AM ET"),
            d(2023, 11, 9)
        );
        assert_eq!(parse_french_date("macbacchi28.09.1912:44"), d(2019, 9, 28));
        assert_eq!(parse_french_date("12 mai 20195"), None);
    }

    #[test]
    fn cjk_dates_and_ranges() {
        assert_eq!(parse_french_date("2020年07月12日 | 情報"), d(2020, 7, 12));
        let is_range = |s: &str| find_dates(s).iter().all(|f| in_range(s, &f.span));
        assert!(is_range("Wochenbericht 14. - 20. Januar 2022"));
        assert!(is_range("du 14 au 20 janvier 2022"));
        assert!(is_range("JRA (2020/7/11-12, x)"));
        assert!(is_range("WoB 31. Dezember 2021-06. Januar 2022"));
        assert!(!is_range("27.04.2020 - 18:50 Uhr"));
        assert!(!is_range("Le 20 janvier 2022 à 10h"));
        assert!(!is_range("2022-01-20"));
        assert!(
            is_range("été à é 14 - 20. Januar 2022 éé"),
            "accents around"
        );
    }

    #[test]
    fn instants_keep_their_offset() {
        let t = parse_instant("2020-08-25T00:23:33Z").unwrap();
        assert_eq!(t.offset().local_minus_utc(), 0);
        let t = parse_instant("2019-06-17T18:28:00+0200").unwrap();
        assert_eq!(t.offset().local_minus_utc(), 7200);
        assert!(parse_instant("2020-09-08T13:22:00.000Z").is_some());
        assert!(parse_instant("Sun, 01 Oct 2017 19:08:00 +0200").is_some());
        assert!(parse_instant("2020-09-08").is_none());
        assert!(parse_instant("2020-09-08 10:00").is_none());
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
