//! Choosing the publication date of a page, from the most to the least
//! reliable evidence: HTML metadata, the page's address, then a dateline
//! near the headline in the text. When nothing is reliable, no date.
//!
//! Traps, and the general rules that avoid them:
//! - a page clock ("01-11-2024 04:33 PM Jerusalem Timing"): a date with a
//!   time of day and clock text (time zone, "GMT", "Timing", "heure
//!   locale") and no dateline marker shows when the page was displayed or
//!   crawled, not when the story was published;
//! - a date later than the story can be: after today, after the first
//!   reader comment (a story is published before anyone comments on it),
//!   or, for a bare date without a marker, more than
//!   [`MAX_YEARS_AFTER_STORY`] years after every year the story mentions
//!   (news cites recent years; a display clock years later does not);
//! - comment dates: nothing from the comments section is read;
//! - dates inside the story ("a pris, dimanche 1er octobre, le contrôle"):
//!   only short dateline-shaped blocks count, never a sentence of a
//!   paragraph, unless a "Publié le" / "Posted on" marker introduces it.

use std::cell::LazyCell;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, TimeDelta, Utc};
use regex::Regex;

use super::date::{date_from_url, find_dates, parse_meta_date};
use super::gate::{has_ascii_digit, Gate};
use super::layout::Layout;
use super::text::has_at_most_words;
use crate::page::{Kind, Page};

/// A bare date more than this many years after the latest year the story
/// mentions is taken for a clock, not a dateline.
pub const MAX_YEARS_AFTER_STORY: i32 = 5;

/// How many blocks after the headline may hold its dateline.
const DATELINE_REACH: usize = 3;

/// A dateline without a marker is a short line, not a sentence.
const MAX_DATELINE_WORDS: usize = 12;

/// The publication date of a page, or `None` when nothing reliable says it.
pub fn published(page: &Page, layout: &Layout) -> Option<NaiveDate> {
    let latest = latest_possible(page, layout);
    let plausible = |d: &NaiveDate| *d <= latest;
    if let Some(d) = page
        .meta
        .dates
        .iter()
        .filter_map(|s| parse_meta_date(s))
        .find(plausible)
    {
        return Some(d);
    }
    if let Some(d) = page
        .meta
        .url
        .as_deref()
        .and_then(date_from_url)
        .filter(plausible)
    {
        return Some(d);
    }
    dateline(page, layout).filter(plausible)
}

/// The latest date a publication date can have: tomorrow (time zones), and
/// no later than the first dated reader comment.
fn latest_possible(page: &Page, layout: &Layout) -> NaiveDate {
    let tomorrow = Utc::now().date_naive() + TimeDelta::days(1);
    page.blocks
        .iter()
        .enumerate()
        .filter(|(i, b)| *i >= layout.comments || b.kind == Kind::Comments)
        .flat_map(|(_, b)| find_dates(&b.text))
        .map(|f| f.date)
        .fold(tomorrow, NaiveDate::min)
}

/// A date printed as the page's dateline, by where and how it is written.
fn dateline(page: &Page, layout: &Layout) -> Option<NaiveDate> {
    let usable = |i: usize| i < layout.comments && page.blocks[i].kind != Kind::Comments;
    let text = |i: usize| page.blocks[i].text.as_str();

    // A marker says outright that this is the publication date.
    if let Some(d) = (0..page.blocks.len())
        .filter(|&i| usable(i) && layout.has_at_most_words(i, 30))
        .find_map(|i| marked_date(text(i)))
    {
        return Some(d);
    }

    // Reading every year of the story is only needed once a candidate
    // block holds a date, which few pages without metadata have.
    let story_year = LazyCell::new(|| latest_story_year(page, layout));
    let bare = |i: usize| bare_dateline(text(i), || *story_year);
    let title = layout.title;
    let before = (0..title.unwrap_or(0)).rev();
    let itself = title.filter(|&t| layout.has_at_most_words(t, 8));
    let after = layout.after_title()..(layout.after_title() + DATELINE_REACH).min(layout.comments);
    before
        .chain(itself)
        .chain(after)
        .filter(|&i| usable(i))
        .find_map(bare)
}

/// The date after a "Publié le" / "Mis à jour le" / "Posted on" /
/// "Veröffentlicht am" marker in a block.
fn marked_date(text: &str) -> Option<NaiveDate> {
    static MARKER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?-u:\b)(?:publi[ée]e?s?\s+le|mis\s+[àa]\s+jour\s+le|actualis[ée]e?\s+le|modifi[ée]e?\s+le|date\s+de\s+publication|derni[èe]re\s+mise\s+[àa]\s+jour|posted\s+on|published(?:\s+on)?|updated(?:\s+on)?|ver[öo]ffentlicht(?:\s+am)?|aktualisiert(?:\s+am)?|erschienen\s+am|stand\s*:)",
        )
        .expect("valid regex")
    });
    // Every marker holds one of these words.
    static WORDS: LazyLock<Gate> = LazyLock::new(|| {
        Gate::any_case(&[
            "publi",
            "jour",
            "actualis",
            "aktualis",
            "modifi",
            "posted",
            "updated",
            "ffentlicht",
            "erschienen",
            "stand",
        ])
    });
    // No digit, no date after the marker.
    if !has_ascii_digit(text) || !WORDS.may_match(text) {
        return None;
    }
    let m = MARKER.find(text)?;
    find_dates(&text[m.end()..]).first().map(|f| f.date)
}

/// A short block whose date is the dateline: not a clock, not years after
/// the story.
fn bare_dateline(text: &str, story_year: impl FnOnce() -> Option<i32>) -> Option<NaiveDate> {
    // Without a digit there is no date to find, clock or not.
    if !has_ascii_digit(text) || !has_at_most_words(text, MAX_DATELINE_WORDS) || is_clock(text) {
        return None;
    }
    let d = find_dates(text).first()?.date;
    match story_year() {
        Some(y) if d.year() > y + MAX_YEARS_AFTER_STORY => None,
        _ => Some(d),
    }
}

/// A time of day with clock text: "04:33 PM Jerusalem Timing", "12:00 GMT",
/// "10h30 heure locale".
pub fn is_clock(text: &str) -> bool {
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)\d{1,2}\s*(?::|h)\s*\d{2}(?-u:\b)").expect("valid regex")
    });
    static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?-u:\b)(?:GMT|UTC|CET|CEST|MEZ|MESZ|EST|EDT|CST|PST|PDT|MSK|IST|timing|local\s+time|heure\s+(?:locale|de\s+\p{L}+))(?-u:\b)",
        )
        .expect("valid regex")
    });
    TIME.is_match(text) && CLOCK.is_match(text)
}

/// The latest year (1900–2099) the article text mentions.
fn latest_story_year(page: &Page, layout: &Layout) -> Option<i32> {
    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?-u:\b)(?:19|20)\d{2}(?-u:\b)").expect("valid regex"));
    page.blocks[layout.after_title().min(layout.comments)..layout.comments]
        .iter()
        .filter(|b| b.kind == Kind::Content)
        .flat_map(|b| YEAR.find_iter(&b.text))
        .filter_map(|m| m.as_str().parse().ok())
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::Meta;

    const PARA: &str = "L'armée syrienne a repris la ville après des combats qui ont duré plusieurs jours, selon une source militaire.";

    fn page(blocks: &[(&str, Kind)]) -> Page {
        Page::from_blocks(blocks)
    }

    fn date_of(p: &Page) -> Option<NaiveDate> {
        published(p, &Layout::of(p))
    }

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn metadata_comes_first() {
        let mut p = page(&[("01/10/2017", Kind::Chrome), ("Titre", Kind::Title)]);
        p.meta = Meta {
            dates: vec!["n/a".into(), "2017-09-30T22:00:00+02:00".into()],
            url: Some("https://x.fr/2017/09/29/slug".into()),
            ..Default::default()
        };
        assert_eq!(date_of(&p), d(2017, 9, 30));
        p.meta.dates.clear();
        assert_eq!(date_of(&p), d(2017, 9, 29));
        p.meta.url = None;
        assert_eq!(date_of(&p), d(2017, 10, 1));
    }

    #[test]
    fn bare_date_above_the_headline() {
        let p = page(&[
            ("01/10/2017", Kind::Chrome),
            ("Syrie : Daech s'empare d'une ville", Kind::Title),
            (PARA, Kind::Content),
            (
                "En avril 2016, les forces du régime avaient repris la ville aux jihadistes.",
                Kind::Content,
            ),
        ]);
        assert_eq!(date_of(&p), d(2017, 10, 1));
    }

    #[test]
    fn dateline_just_under_the_headline() {
        let p = page(&[
            ("Titre", Kind::Title),
            ("Par Jean Dupont", Kind::Chrome),
            ("Dimanche 1er octobre 2017 à 19h08", Kind::Chrome),
            (PARA, Kind::Content),
        ]);
        assert_eq!(date_of(&p), d(2017, 10, 1));
    }

    #[test]
    fn marked_date_anywhere_before_comments() {
        let p = page(&[
            ("Titre", Kind::Title),
            (PARA, Kind::Content),
            (PARA, Kind::Content),
            (PARA, Kind::Content),
            (PARA, Kind::Content),
            (
                "Publié le 3 mars 2016 à 10:42 | Mis à jour le 4 mars 2016",
                Kind::Chrome,
            ),
        ]);
        assert_eq!(date_of(&p), d(2016, 3, 3));
        assert_eq!(
            marked_date("Posted on October 1, 2017 by admin"),
            d(2017, 10, 1)
        );
        assert_eq!(
            marked_date("Veröffentlicht am 1. Oktober 2017"),
            d(2017, 10, 1)
        );
        assert_eq!(
            marked_date("19:08 Publié dans Syrie | Lien permanent"),
            None
        );
    }

    #[test]
    fn a_page_clock_is_no_date() {
        let p = page(&[
            ("01-11-2024 04:33 PM Jerusalem Timing", Kind::Chrome),
            ("Après sa victoire, l'armée avance", Kind::Title),
            (PARA, Kind::Content),
        ]);
        assert_eq!(date_of(&p), None);
        assert!(is_clock("Mardi 12 mars 2019 - 14:02 GMT"));
        assert!(!is_clock("Dimanche 1er octobre 2017 à 19h08"));
    }

    #[test]
    fn a_bare_date_years_after_the_story_is_a_clock() {
        let p = page(&[
            ("01-11-2024", Kind::Chrome),
            ("Titre", Kind::Title),
            (
                "Le groupe avait enlevé des civils en 2015, selon les témoins de la région.",
                Kind::Content,
            ),
        ]);
        assert_eq!(date_of(&p), None);
    }

    #[test]
    fn comment_dates_are_not_the_page_date() {
        let p = page(&[
            ("Titre", Kind::Title),
            (PARA, Kind::Content),
            ("R. I.", Kind::Chrome),
            ("Comment (5)", Kind::Comments),
            ("A3zrine", Kind::Comments),
            ("29 août 2017 - 4 h 00 min", Kind::Comments),
        ]);
        assert_eq!(date_of(&p), None);
    }

    #[test]
    fn no_date_after_the_first_comment() {
        let p = page(&[
            ("12/10/2017", Kind::Chrome),
            ("Titre", Kind::Title),
            (PARA, Kind::Content),
            ("Commentaires", Kind::Chrome),
            ("Écrit par : Daniel | 03/10/2017", Kind::Comments),
        ]);
        assert_eq!(date_of(&p), None);
    }

    #[test]
    fn story_dates_are_not_the_page_date() {
        let p = page(&[
            ("Titre", Kind::Title),
            ("L'Etat islamique a pris, dimanche 1er octobre 2017, le contrôle d'une ville symbolique au centre du pays après une offensive surprise.", Kind::Content),
            (PARA, Kind::Content),
        ]);
        assert_eq!(date_of(&p), None);
    }

    #[test]
    fn no_date_in_the_future() {
        let p = page(&[("01/10/2099", Kind::Chrome), ("Titre", Kind::Title)]);
        assert_eq!(date_of(&p), None);
    }
}
