//! Choosing the publication date of a page, from the most to the least
//! reliable evidence: the date in the page's own address, the markup's
//! publication metadata (meta tags, the main article's JSON-LD, `<time>`
//! marked as the publication), then a dateline or a "Published on" line of
//! the text, then weaker metadata. When nothing is reliable, no date.
//!
//! Rules:
//! - the address wins: a CMS writes `/2017/10/01/` once, at publication,
//!   while metadata is rewritten by migrations and re-imports;
//! - a publication time beats a modification time, which never dates the
//!   publication, in the markup ("dateModified") or in the text ("Mis à
//!   jour le", "Updated");
//! - time zones: a UTC timestamp ("…T00:23:33Z") is read on the calendar of
//!   the newsroom when the page states its own offset elsewhere (another
//!   timestamp) or prints the local day in a dateline one day off;
//! - weak metadata (a generic `date` meta, a `<time>` without mark) that a
//!   bare dateline contradicts gives no date rather than a wrong one.
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

use std::cell::{Cell, LazyCell, RefCell};
use std::sync::LazyLock;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeDelta, Timelike, Utc};
use regex::Regex;

use super::date::{date_from_url, find_dates, in_range, parse_instant, parse_meta_date, FoundDate};
use super::gate::{has_ascii_digit, Gate};
use super::layout::Layout;
use super::text::{has_at_most_words, words_up_to};
use crate::article::DateSource;
use crate::page::{DateRole, Kind, MetaDate, Page};

/// A bare date more than this many years after the latest year the story
/// mentions is taken for a clock, not a dateline.
pub const MAX_YEARS_AFTER_STORY: i32 = 5;

/// A bare date more than this many years before a past year the story
/// mentions is a birth date or a founding, not a dateline: a story does
/// not report years after its publication (forecasts name future years,
/// which are not counted).
pub const MAX_YEARS_BEFORE_STORY: i32 = 15;

/// How many blocks after the headline may hold its dateline.
const DATELINE_REACH: usize = 3;

/// How many blocks after the headline may hold a line that is only a date
/// (a byline, a share bar or a picture may sit in between).
const DATE_ONLY_REACH: usize = 8;

/// How many blocks above the headline may hold its dateline (a text dump
/// puts the share bar, the picture and the kicker in between; the page
/// clock sits higher, in the masthead).
const BEFORE_TITLE_REACH: usize = 16;

/// A dateline without a marker is a short line, not a sentence.
const MAX_DATELINE_WORDS: usize = 12;

/// How many blocks of the comments section are read for the first
/// comment's date (later ones are older teasers as often as comments).
const COMMENT_REACH: usize = 15;

/// No web page was published before this year.
const FIRST_WEB_YEAR: i32 = 1800;

/// A publication date and the signal that gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated {
    pub date: NaiveDate,
    pub from: DateSource,
}

/// The publication date of a page, or `None` when nothing reliable says it.
pub fn published(page: &Page, layout: &Layout) -> Option<NaiveDate> {
    published_from(page, layout, None).map(|d| d.date)
}

/// The publication date of a page and its signal; `address` is the page's
/// address from the crawl (sidecar), which beats the markup's.
pub fn published_from(page: &Page, layout: &Layout, address: Option<&str>) -> Option<Dated> {
    let tomorrow = Utc::now().date_naive() + TimeDelta::days(1);
    let possible = |d: &NaiveDate| *d <= tomorrow && d.year() >= FIRST_WEB_YEAR;
    let dated = |date, from| Dated { date, from };

    if let Some(d) = address
        .into_iter()
        .chain(page.meta.url.as_deref())
        .find_map(date_from_url)
        .filter(possible)
    {
        return Some(dated(d, DateSource::Url));
    }

    let marks = machine_dates(page);
    let zone = newsroom_zone(&marks);
    let read_mark = |role: DateRole| {
        marks.iter().filter(|m| m.role == role).find_map(|m| {
            Some((
                local_day(&m.text, zone).filter(|l| possible(&l.day))?,
                m.from,
                m,
            ))
        })
    };
    let read = |role: DateRole| read_mark(role).map(|(day, from, _)| (day, from));
    // The visible dateline is read at most once, and only when needed.
    let visible = LazyCell::new(|| dateline(page, layout).filter(|l| possible(&l.date)));

    if let Some((day, from, mark)) = read_mark(DateRole::Published) {
        // A day typed into the head without a time ("2022-01-15") against
        // the dateline and a `<time>` of the page that agree with each
        // other: two printed signals beat one hand-typed field.
        // The dateline is read only for such a day: most pages stamp a time.
        if !mark.text.contains(':') {
            if let Some(line) = visible.filter(|l| l.date != day.day) {
                if weak_days(&marks, zone).any(|w| w == line.date) {
                    return Some(dated(line.date, DateSource::VisibleLine));
                }
            }
        }
        if let (Some(utc), Some(line)) = (day.utc, *visible) {
            if shifted_by_zone(utc, line.date) {
                return Some(dated(line.date, DateSource::VisibleLine));
            }
        }
        return Some(dated(day.day, from));
    }
    let weak = read(DateRole::Weak);
    match (*visible, weak) {
        (Some(line), Some((w, from))) if !line.marked && line.date != w.day => {
            // Two weak signals that disagree: the markup's wins when a short
            // line prints its day too, else no date rather than a wrong one.
            printed(page, layout, w.day).then_some(dated(w.day, from))
        }
        (Some(line), _) => Some(dated(line.date, DateSource::VisibleLine)),
        (None, Some((w, from))) => Some(dated(w.day, from)),
        (None, None) => None,
    }
}

/// The machine-readable dates of the markup; a page built by hand (tests,
/// tools) may give only the raw `dates`, taken as publication dates.
fn machine_dates(page: &Page) -> Vec<MetaDate> {
    if !page.meta.dated.is_empty() {
        return page.meta.dated.clone();
    }
    page.meta
        .dates
        .iter()
        .map(|t| MetaDate {
            text: t.clone(),
            from: DateSource::Meta,
            role: DateRole::Published,
        })
        .collect()
}

/// The days of the markup's weak dates (a `<time>` without mark, a
/// generic `date` meta).
fn weak_days(
    marks: &[MetaDate],
    zone: Option<FixedOffset>,
) -> impl Iterator<Item = NaiveDate> + '_ {
    marks
        .iter()
        .filter(|m| m.role == DateRole::Weak)
        .filter_map(move |m| local_day(&m.text, zone).map(|l| l.day))
}

/// The newsroom's offset from UTC: the first non-zero offset that any
/// timestamp of the page states (a server writes all its times in one zone,
/// even when its publication meta is in UTC).
fn newsroom_zone(marks: &[MetaDate]) -> Option<FixedOffset> {
    marks
        .iter()
        .filter_map(|m| parse_instant(&m.text))
        .map(|t| *t.offset())
        .find(|o| o.local_minus_utc() != 0)
}

/// A machine date read as a calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LocalDay {
    day: NaiveDate,
    /// The UTC instant, when the day is UTC's and no zone was known to move
    /// it to the newsroom's calendar.
    utc: Option<DateTime<FixedOffset>>,
}

/// The calendar day of a machine date: as written when it states a local
/// offset; moved to the newsroom's zone when written in UTC.
fn local_day(text: &str, zone: Option<FixedOffset>) -> Option<LocalDay> {
    match parse_instant(text) {
        Some(t) if t.offset().local_minus_utc() == 0 => Some(match zone {
            Some(z) => LocalDay {
                day: t.with_timezone(&z).date_naive(),
                utc: None,
            },
            None => LocalDay {
                day: t.date_naive(),
                utc: Some(t),
            },
        }),
        Some(t) => Some(LocalDay {
            day: t.date_naive(),
            utc: None,
        }),
        None => parse_meta_date(text).map(|day| LocalDay { day, utc: None }),
    }
}

/// True when `local` is the day a time zone makes of the UTC instant:
/// the day before for an instant before noon UTC (zones down to UTC−12),
/// the day after for one from 10:00 UTC (zones up to UTC+14).
fn shifted_by_zone(utc: DateTime<FixedOffset>, local: NaiveDate) -> bool {
    let (day, hour) = (utc.date_naive(), utc.hour());
    (local + TimeDelta::days(1) == day && hour < 12)
        || (local == day + TimeDelta::days(1) && hour >= 10)
}

/// The date of the first dated block of the comments section: a story is
/// published before anyone comments on it.
fn first_comment_date(page: &Page, layout: &Layout) -> Option<NaiveDate> {
    page.blocks
        .iter()
        .enumerate()
        .filter(|(i, b)| *i >= layout.comments || b.kind == Kind::Comments)
        .take(COMMENT_REACH)
        .filter(|(_, b)| has_ascii_digit(&b.text))
        .find_map(|(_, b)| find_dates(&b.text).first().map(|f| f.date))
}

/// True when a short line of the article, up to its last paragraph,
/// prints `day`: the teasers under it date other stories (the previous
/// article by the same author, the print edition's next issue).
fn printed(page: &Page, layout: &Layout, day: NaiveDate) -> bool {
    let end = layout
        .body_end
        .map_or(layout.comments, |e| e + 1)
        .min(page.blocks.len());
    (0..end).any(|i| {
        let b = &page.blocks[i];
        b.kind != Kind::Comments
            && layout.has_at_most_words(i, MAX_DATELINE_WORDS)
            && has_ascii_digit(&b.text)
            && line_dates(&b.text).0.iter().any(|(f, _)| f.date == day)
    })
}

/// A date the text prints as the page's dateline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Line {
    date: NaiveDate,
    /// A "Publié le" / "Posted on" marker says it outright, or the
    /// headline's byline just above it does.
    marked: bool,
}

/// A date printed as the page's dateline, by where and how it is written:
/// a marked line anywhere before the comments, else a short line just
/// under the headline, else just above it, else a line that is only a
/// date a little further down.
fn dateline(page: &Page, layout: &Layout) -> Option<Line> {
    // The line that opens the comments may still be the article's footer
    // ("Posted on … | Leave a comment"), unless cleaning put it there.
    let end = (layout.comments + 1).min(page.blocks.len());
    let usable = |i: usize| i < layout.comments && page.blocks[i].kind != Kind::Comments;
    let text = |i: usize| page.blocks[i].text.as_str();

    // A marker says outright that this is the publication date.
    if let Some(date) = (0..end)
        .filter(|&i| page.blocks[i].kind != Kind::Comments)
        .find_map(|i| {
            if layout.has_at_most_words(i, 30) {
                marked_date(text(i))
                    .or_else(|| posted_footer(text(i)))
                    .or_else(|| signed_dateline(text(i)))
            } else {
                posted_footer(text(i))
            }
        })
    {
        return Some(Line { date, marked: true });
    }

    // Reading every year of the story is only needed once a candidate
    // block holds a date, which few pages without metadata have.
    let story_year = LazyCell::new(|| latest_story_year(page, layout));
    // The two anchors' reaches overlap: each block is read once.
    // The line after a short byline ("Von Moritz Wichmann") is its date.
    let after_byline = |i: usize| {
        i > 0 && layout.has_at_most_words(i - 1, 6) && opener(text(i - 1)) == Opener::Byline
    };
    // Whether the dateline found sits under the headline's byline, which
    // says it as plainly as a marker.
    let bylined = Cell::new(false);
    let seen: RefCell<Vec<Option<Option<NaiveDate>>>> = RefCell::new(vec![None; page.blocks.len()]);
    let bare = |i: usize| {
        if let Some(known) = seen.borrow()[i] {
            return known;
        }
        // Right under the headline, a byline or the post's categories may
        // share the dateline's line; a paragraph of the story may not, but
        // it may open on its date in brackets, as agency copy does.
        let under_title = layout
            .title
            .is_some_and(|t| i > t && i <= t + DATELINE_REACH);
        let content = page.blocks[i].kind == Kind::Content;
        // Right above it, a dateline may open the kicker's line ("1. Februar
        // 2022 Ministerin X: …").
        let just_above = layout.title == Some(i + 1) && opens_with_date(text(i));
        let words = if (under_title && !content) || just_above {
            2 * MAX_DATELINE_WORDS
        } else {
            MAX_DATELINE_WORDS
        };
        // A clock sits in the masthead, above the headline: the date under
        // the headline's byline is refused only for being long before the
        // story (which may name no recent year at all).
        // No digit, no date: most blocks stop here.
        if !has_ascii_digit(text(i)) {
            seen.borrow_mut()[i] = Some(None);
            return None;
        }
        let reach = Reach {
            words,
            clock: !(under_title && after_byline(i)),
        };
        let found = bare_dateline(text(i), reach, || *story_year)
            .or_else(|| {
                (under_title && content)
                    .then(|| bracketed_opening(text(i)))
                    .flatten()
                    .filter(|d| fits_story(*d, *story_year, false))
            })
            // The line under "X sagt:" / "X says:" is a reader comment's time;
            // under "Member since", a profile's.
            .filter(|_| {
                !(i > 0 && (is_comment_speaker(text(i - 1)) || is_membership(text(i - 1)))
                    || is_membership(text(i)))
            });
        seen.borrow_mut()[i] = Some(found);
        found
    };
    let bound = LazyCell::new(|| first_comment_date(page, layout));
    let around = |anchor: usize, is_title: bool| {
        let start = anchor + 1;
        let after = start..(start + DATELINE_REACH).min(layout.comments);
        let itself = Some(anchor).filter(|&t| is_title && layout.has_at_most_words(t, 8));
        // Around a paragraph (no headline), a line of the text itself
        // ("Version 3, 29 June 2007") is no dateline.
        let fits = |i: usize| usable(i) && (is_title || page.blocks[i].kind != Kind::Content);
        let near = itself
            .into_iter()
            .chain(after)
            .filter(|&i| fits(i))
            .find_map(|i| {
                let d = bare(i)?;
                bylined.set(is_title && i > anchor && after_byline(i));
                Some(d)
            });
        if near.is_some() {
            return near;
        }
        // Above the headline and further down sit clocks, crawl dates and
        // teasers as often as datelines: a story is published before anyone
        // comments on it, so such a date must not be later than the first
        // comment.
        let before = (anchor.saturating_sub(BEFORE_TITLE_REACH)..anchor).rev();
        let further = (start + DATELINE_REACH).min(layout.comments)
            ..(start + DATE_ONLY_REACH).min(layout.comments);
        before
            .filter(|&i| fits(i))
            .find_map(bare)
            .or_else(|| {
                further
                    .filter(|&i| fits(i) && is_date_only(text(i)))
                    .find_map(bare)
            })
            .filter(|d| bound.is_none_or(|c| *d <= c))
    };
    // The headline is the anchor; the first paragraph of the text is
    // another when cleaning found no headline, or took a widget for it.
    let first_paragraph = || {
        (0..layout.comments.min(page.blocks.len()))
            .find(|&i| page.blocks[i].kind == Kind::Content && layout.is_paragraph(page, i))
    };
    // Without a headline, the page's first lines are where it would be.
    let by_title = match layout.title {
        Some(t) => around(t, true),
        None => (0..DATELINE_REACH.min(layout.comments))
            .filter(|&i| usable(i))
            .find_map(bare),
    };
    by_title
        .or_else(|| {
            first_paragraph()
                // Right under the headline, that search was already made.
                .filter(|&p| Some(p) != layout.title.map(|t| t + 1))
                .and_then(|p| around(p, false))
        })
        .map(|date| Line {
            date,
            marked: bylined.get(),
        })
        .or_else(|| {
            header_date(page, layout).map(|date| Line {
                date,
                marked: false,
            })
        })
}

/// The dateline of an article header that no anchor found (no headline
/// was recognised, or it sits far from it), by what a CMS prints beside
/// it: a byline line and a line that is only a date ("By Jane Doe" /
/// "February 7, 2020"), a reading time ("5 min read", "Lesezeit: 4 Min.",
/// "Temps de lecture : 3 min") next to a short dated line, or the credit
/// line under the last paragraph ("© dpa | 07.11.2023 08:03").
fn header_date(page: &Page, layout: &Layout) -> Option<NaiveDate> {
    let end = layout.comments.min(page.blocks.len());
    let usable = |i: usize| i < end && page.blocks[i].kind != Kind::Comments;
    let text = |i: usize| page.blocks[i].text.as_str();
    let short_date = |i: usize| {
        usable(i)
            .then(|| bare_dateline(text(i), AWAY, || None))
            .flatten()
    };
    // Cheap tests first: this runs on every page left without a date.
    let bylined = (1..end)
        .filter(|&i| {
            layout.has_at_most_words(i - 1, 6)
                && layout.has_at_most_words(i, MAX_DATELINE_WORDS)
                && has_ascii_digit(text(i))
                && !has_ascii_digit(text(i - 1))
                && !text(i - 1).contains('|')
                && opener(text(i - 1)) == Opener::Byline
        })
        .find(|&i| usable(i) && is_date_only(text(i)))
        .and_then(short_date);
    bylined
        .or_else(|| {
            (0..end)
                .filter(|&i| usable(i) && layout.has_at_most_words(i, MAX_DATELINE_WORDS))
                .find(|&i| is_reading_time(text(i)))
                .and_then(|r| {
                    // The same line, then the lines just above, then below.
                    [Some(r), r.checked_sub(1), r.checked_sub(2), Some(r + 1)]
                        .into_iter()
                        .flatten()
                        .find_map(short_date)
                })
        })
        .or_else(|| {
            let last = layout.body_end?;
            (last + 1..(last + 3).min(end))
                .filter(|&i| is_credit_line(text(i)))
                .find_map(short_date)
        })
}

/// A reading-time line: "5 min read", "Lesezeit: 4 Min.", "5 Minute(n)
/// Lesezeit", "Temps de lecture : 3 min", "3 min de lecture".
fn is_reading_time(text: &str) -> bool {
    static WORDS: LazyLock<Gate> =
        LazyLock::new(|| Gate::any_case(&["read", "lesezeit", "lecture", "lesedauer"]));
    static READING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?-u:\b)(?:\d+\s*(?:min(?:ute)?s?|minute\(n\)|minuten)\.?\s*(?:read|lesezeit|lesedauer|de\s+lecture)|(?:lesezeit|lesedauer|temps\s+de\s+lecture|reading\s+time)\s*:?\s*(?:ca\.\s*)?\d+\s*min)",
        )
        .expect("valid regex")
    });
    has_ascii_digit(text) && WORDS.may_match(text) && READING.is_match(text)
}

/// A copyright or agency credit line: "© dpa-AFX | 07.11.2023 08:03",
/// "(c) AFP".
fn is_credit_line(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('©') || t.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("(c)"))
}

/// A line naming a reader comment's author ("Anna sagt:", "John says:",
/// "Marie a écrit :"): the date under it is the comment's.
fn is_comment_speaker(text: &str) -> bool {
    static SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:^|\s)(?:sagt|says|said|schreibt|schrieb|wrote|writes|dit|écrit)\s*:$")
            .expect("valid regex")
    });
    let t = text.trim_end();
    t.ends_with(':') && has_at_most_words(t, 8) && SPEAKER.is_match(t)
}

/// A forum profile's membership field, the label alone or with its date:
/// "Mitglied seit", "Member since: 3 May 2014", "Inscrit le 3 mai 2014".
fn is_membership(text: &str) -> bool {
    static WORDS: LazyLock<Gate> = LazyLock::new(|| {
        Gate::any_case(&[
            "seit", "since", "joined", "depuis", "inscri", "registri", "membre",
        ])
    });
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^\s*(?:mitglied\s+seit|dabei\s+seit|registriert(?:\s+seit)?|member\s+since|joined|registered|membre\s+depuis|inscrit(?:e)?\s+(?:le|depuis)|inscription)\s*:?(?:\s|$)",
        )
        .expect("valid regex")
    });
    has_at_most_words(text, 8) && WORDS.may_match(text) && LABEL.is_match(text)
}

/// True when a line opens on a date (a weekday may come first).
fn opens_with_date(text: &str) -> bool {
    has_ascii_digit(text)
        && find_dates(text)
            .first()
            .is_some_and(|f| has_at_most_words(&text[..f.span.start], 1))
}

/// A line that opens on a date signed by its author: "1.11.23 20:19 von
/// Lars Beispiel", "22 mai 2019 par Jeanne Martin". A clock is never
/// signed.
fn opens_signed(text: &str) -> bool {
    let found = find_dates(text);
    found
        .first()
        .is_some_and(|f| has_at_most_words(&text[..f.span.start], 1) && signed(&text[f.span.end..]))
}

/// The date of a blog's "on DATE by AUTHOR" line, the publication marker
/// without its verb: "am 23. Januar 2020 von Anna Beispiel Allgemeines",
/// "on March 3, 2020 by Jane Doe", "le mardi 3 mai 2019 par Jeanne Martin".
fn signed_dateline(text: &str) -> Option<NaiveDate> {
    let t = text.trim_start();
    let head = t.get(..3)?;
    if !(head.eq_ignore_ascii_case("am ")
        || head.eq_ignore_ascii_case("on ")
        || head.eq_ignore_ascii_case("le "))
        || !has_ascii_digit(t)
    {
        return None;
    }
    let found = find_dates(t);
    let first = found.first()?;
    // A weekday may sit between ("am Mittwoch, den 27."), a sentence not.
    (has_at_most_words(&t[3..first.span.start], 2) && signed(&t[first.span.end..]))
        .then_some(first.date)
}

/// What a marker in a line says about the dates after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// "Publié le", "Posted on", "Par X le", "Date :".
    Published,
    /// "Mis à jour le", "Updated", "Aktualisiert am": never the publication.
    Updated,
}

/// Publication and update markers of a line, in order; update markers
/// only when `updates` is asked. Each pattern runs only when a cheap test
/// says the line may hold it: most lines hold no marker at all.
fn markers(text: &str, updates: bool) -> Vec<(usize, usize, Mark)> {
    static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?-u:\b)(?:publi[ée]e?s?\s+le|mis\s+en\s+ligne(?:\s+le)?|paru\s+le|cr[ée][ée]\s+le|post[ée]\s+le|publi[ée]e?s?\s*:|publication\s*:|(?:erst)?ver[öo]ffentlichung\s*:|first\s+published|date\s+de\s+(?:publication|parution)|parution\s*:|posted\s+on|posted\s*:|published(?:\s+on)?|ver[öo]ffentlicht(?:\s+am)?|erschienen\s+am|stand\s*[:-]|pubblicato\s+il|publicado\s+(?:el|em)|gepubliceerd\s+op)",
        )
        .expect("valid regex")
    });
    // "Par Jeanne Martin le 07 Mai 2020", "By Jane Doe on", "| von X am":
    // a byline at the start of a line or after a separator (a name has no
    // comma: "Par ailleurs, le 3 mai" is a sentence).
    static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?:^|\|)\s*(?:(?:submitted|posted|written|écrit|rédigé|publié|gespeichert|geschrieben|eingestellt|verfasst|erstellt|publicado|scritto)\s+)?(?:par|by|von|por|di|door)\s+[^|:,.;]{2,60}?\s(?:le|on|am|el|il|op)\s",
        )
        .expect("valid regex")
    });
    // "Date : 23.05.2011", "Datum: 03.11.2021": a label, when the date
    // follows at once ("Date de naissance" or a sentence does not count).
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:date|datum|fecha)\s*(?::\s*|\s)").expect("valid regex")
    });
    static UPDATED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?-u:\b)(?:mis\s+[àa]\s+jour|m[àa]j(?-u:\b)|derni[èe]re\s+modification|mise\s+[àa]\s+jour|actualis[ée]e?s?|modifi[ée]e?s?\s+le|updated|last\s+modified|modified\s+on|aktualisiert|aktualisierung|ge[äa]ndert|ultima\s+modifica|aggiornat[oa]|actualizad[oa]|bijgewerkt)",
        )
        .expect("valid regex")
    });
    // Every publication or update marker holds one of these words.
    static PUBLISHED_WORDS: LazyLock<Gate> = LazyLock::new(|| {
        Gate::any_case(&[
            "publi",
            "posted",
            "ffentlich",
            "erschienen",
            "stand",
            "parution",
            "pubblicat",
            "gepubliceerd",
            "en ligne",
            "paru ",
            "créé",
            "cree",
            "posté",
        ])
    });
    static UPDATED_WORDS: LazyLock<Gate> = LazyLock::new(|| {
        Gate::any_case(&[
            "jour",
            "maj",
            "màj",
            "actualis",
            "modifi",
            "updated",
            "aktualis",
            "ndert",
            "aggiornat",
            "actualizad",
            "bijgewerkt",
        ])
    });
    let mut out: Vec<(usize, usize, Mark)> = Vec::new();
    let published = |m: regex::Match| (m.start(), m.end(), Mark::Published);
    if PUBLISHED_WORDS.may_match(text) {
        out.extend(PUBLISHED.find_iter(text).map(published));
    }
    match opener(text) {
        Opener::Byline => out.extend(BYLINE.find_iter(text).map(published)),
        Opener::Label => out.extend(
            LABEL
                .find(text)
                .filter(|m| text[m.end()..].starts_with(|c: char| c.is_ascii_digit()))
                .map(published),
        ),
        Opener::None => {}
    }
    if updates && UPDATED_WORDS.may_match(text) {
        out.extend(
            UPDATED
                .find_iter(text)
                .map(|m| (m.start(), m.end(), Mark::Updated)),
        );
    }
    out.sort_unstable_by_key(|m| m.0);
    out
}

/// How a line opens, for the markers that must open it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opener {
    /// "Par …", "Submitted by …", or a separator a byline may follow.
    Byline,
    /// "Date : …", "Datum: …".
    Label,
    None,
}

fn opener(text: &str) -> Opener {
    const BYLINES: &[&str] = &[
        "par",
        "by",
        "von",
        "por",
        "di",
        "door",
        "submitted",
        "posted",
        "written",
        "écrit",
        "rédigé",
        "publié",
        "gespeichert",
        "geschrieben",
        "eingestellt",
        "verfasst",
        "erstellt",
        "publicado",
        "scritto",
    ];
    const LABELS: &[&str] = &["date", "datum", "fecha"];
    let first = text.split_whitespace().next().unwrap_or("");
    let first = first.trim_end_matches(':');
    let lower;
    let first = if first.is_ascii() {
        first
    } else {
        lower = first.to_lowercase();
        &lower
    };
    let is = |words: &[&str]| words.iter().any(|w| first.eq_ignore_ascii_case(w));
    if is(LABELS) {
        Opener::Label
    } else if is(BYLINES) || text.contains('|') {
        Opener::Byline
    } else {
        Opener::None
    }
}

/// The dates of a line, each with the marker it follows (if any); dates
/// after an update marker are dropped. Also where the first update marker
/// starts (the line's length without one).
fn line_dates(text: &str) -> (Vec<(FoundDate, Option<Mark>)>, usize) {
    let found = find_dates(text);
    if found.is_empty() {
        return (Vec::new(), text.len());
    }
    let marks = markers(text, true);
    let first_update = marks
        .iter()
        .find(|m| m.2 == Mark::Updated)
        .map_or(text.len(), |m| m.0);
    let dates = found
        .into_iter()
        .filter_map(|f| {
            let mark = marks
                .iter()
                .rev()
                .find(|m| m.1 <= f.span.start)
                .map(|m| m.2);
            (mark != Some(Mark::Updated)).then_some((f, mark))
        })
        .collect();
    (dates, first_update)
}

/// The date after a "Publié le" / "Posted on" / "Veröffentlicht am" /
/// "Par X le" / "Date :" marker in a block, never one after "Mis à jour".
fn marked_date(text: &str) -> Option<NaiveDate> {
    // No digit, no date; and dates are only read after a marker.
    if !has_ascii_digit(text) {
        return None;
    }
    let from = markers(text, false)
        .into_iter()
        .find(|m| m.2 == Mark::Published)?
        .1;
    let marks = markers(text, true);
    find_dates(&text[from..])
        .into_iter()
        .find(|f| {
            let at = from + f.span.start;
            marks.iter().rev().find(|m| m.1 <= at).map(|m| m.2) == Some(Mark::Published)
        })
        .map(|f| f.date)
}

/// The date of a blog footer that names the publication after the date:
/// "Der Beitrag wurde am Mittwoch, den 27. November 2019 um 15:21 Uhr
/// veröffentlicht", "X wurde am 19. Mai 2010 um 23:03 Uhr gepostet". The
/// footer may run on with categories, so the block's length does not
/// count; a sentence of the story ("Die Studie wurde am 3. Mai
/// veröffentlicht") gives no time of day and says no "gepostet".
fn posted_footer(text: &str) -> Option<NaiveDate> {
    static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?-u:\b)wurde\s+am\s+(.{6,60}?)\s+(?:um\s+\d{1,2}[:.]\d{2}(?:\s*uhr)?\s+(?:gepostet|ver[öo]ffentlicht|publiziert|geschrieben|verfasst|erstellt)|gepostet)",
        )
        .expect("valid regex")
    });
    // Most blocks say no "wurde am"; the pattern runs only on those that do.
    if !text.contains("wurde am") || !has_ascii_digit(text) {
        return None;
    }
    let c = FOOTER.captures(text)?;
    match find_dates(&c[1]).as_slice() {
        [only] => Some(only.date),
        _ => None,
    }
}

/// A line that is only a date, perhaps with its weekday, time or a
/// separator: "23 mai 2019", "Freitag, 06.07.2018, 10:29".
fn is_date_only(text: &str) -> bool {
    if !has_ascii_digit(text) || !has_at_most_words(text, MAX_DATELINE_WORDS) {
        return false;
    }
    let found = find_dates(text);
    let [only] = found.as_slice() else {
        return false;
    };
    let rest = format!("{} {}", &text[..only.span.start], &text[only.span.end..]);
    words_up_to(&rest, 5) <= 4 || signed(&text[only.span.end..])
}

/// The rest of a dateline is a byline, perhaps after a time: "1.11.23
/// 20:19 von Lars Sobiraj Lesezeit: 4 Min.", "22. Dezember 2019 von Peter
/// Addor".
fn signed(rest: &str) -> bool {
    static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[\s,|•·-]*(?:(?:um\s+|à\s+|at\s+)?\d{1,2}[:h.]\d{2}(?:\s*(?:uhr|h))?[\s,|•·-]*)?(?:von|by|par|por|door)\s+\p{Lu}")
            .expect("valid regex")
    });
    has_at_most_words(rest, 8) && BYLINE.is_match(rest)
}

/// A short block whose date is the dateline: not a clock, not years after
/// the story.
/// How much a bare dateline may hold, and whether it may be a clock.
#[derive(Debug, Clone, Copy)]
struct Reach {
    /// Words before an update marker.
    words: usize,
    /// A date years after the story is a clock here (above the headline,
    /// further down the page).
    clock: bool,
}

/// The reach of a line away from the headline (or of a header found
/// without one): a short line, which may be a clock.
const AWAY: Reach = Reach {
    words: MAX_DATELINE_WORDS,
    clock: true,
};

fn bare_dateline(
    text: &str,
    reach: Reach,
    story_year: impl FnOnce() -> Option<i32>,
) -> Option<NaiveDate> {
    // Without a digit there is no date to find, clock or not.
    // The update part of a line ("• Mis à jour le … à 10h02") is not
    // counted: the dateline is what comes before it.
    if !has_ascii_digit(text) || !has_at_most_words(text, 2 * MAX_DATELINE_WORDS) {
        return None;
    }
    let (dates, first_update) = line_dates(text);
    if dates.is_empty() || is_other_field(text) {
        return None;
    }
    let head = &text[..first_update];
    // An update's time ("Updated 08:24 IST") is no clock of the page.
    if !has_at_most_words(head, reach.words) || is_clock(head) {
        return None;
    }
    let d = dates
        .iter()
        .find(|(f, _)| !in_range(text, &f.span) && !credited(&text[..f.span.start]))?
        .0
        .date;
    let year = story_year();
    // A clock is never signed: a signed date years after the story is
    // still its dateline (read last, as few lines are signed).
    let fits = fits_story(d, year, reach.clock)
        || (reach.clock && fits_story(d, year, false) && opens_signed(text));
    fits.then_some(d)
}

/// True when the text before a date credits a picture ("(Foto: U.
/// Tischhauser, 15.01.2022)", "Photo : X, le 3 mai"): that is the day the
/// picture was taken, not the page's.
fn credited(before: &str) -> bool {
    static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?-u:\b)(?:foto|photo|bild|image|picture|crédit|credit|quelle)s?\s*:[^:()]*$",
        )
        .expect("valid regex")
    });
    before.contains(':') && CREDIT.is_match(before)
}

/// True when a bare date is not long before every year the story mentions
/// (a birth, a founding) nor, where a clock may sit, years after them.
fn fits_story(d: NaiveDate, story_year: Option<i32>, clock: bool) -> bool {
    match story_year {
        Some(y) => {
            (!clock || d.year() <= y + MAX_YEARS_AFTER_STORY)
                && d.year() + MAX_YEARS_BEFORE_STORY >= y
        }
        None => true,
    }
}

/// The date a paragraph opens on in brackets, "(18.01.2018) Die Landwirte
/// …": the dateline of agency copy and of press releases. A date inside
/// a sentence is the story's, not the page's.
fn bracketed_opening(text: &str) -> Option<NaiveDate> {
    static OPENING: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*[(\[]([^()\[\]]{6,40})[)\]]").expect("valid regex"));
    if !text.trim_start().starts_with(['(', '[']) {
        return None;
    }
    let inside = OPENING.captures(text)?.get(1)?.as_str();
    if !has_at_most_words(inside, 5) {
        return None;
    }
    match find_dates(inside).as_slice() {
        [only] if !in_range(inside, &only.span) => Some(only.date),
        _ => None,
    }
}

/// A labelled field of a fact sheet that is not the publication: "Termin:
/// 21.02.2020", "Erscheinungsdatum: 14.08.2017", "Date de naissance :".
fn is_other_field(text: &str) -> bool {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(\p{L}[\p{L}\-]*(?:\s+\p{L}[\p{L}\-]*){0,2})\s*:").expect("valid regex")
    });
    static DATELINE_LABELS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:date|datum|fecha|data|le|am|on|publi\p{L}*|posted|ver\p{L}*ffentlicht|stand|online|print)$")
            .expect("valid regex")
    });
    LABEL
        .captures(text)
        .is_some_and(|c| !DATELINE_LABELS.is_match(&c[1]))
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

/// The latest past year (1900 to this year) the article text mentions.
fn latest_story_year(page: &Page, layout: &Layout) -> Option<i32> {
    let this_year = Utc::now().year();
    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?-u:\b)(?:19|20)\d{2}(?-u:\b)").expect("valid regex"));
    page.blocks[layout.after_title().min(layout.comments)..layout.comments]
        .iter()
        .filter(|b| b.kind == Kind::Content)
        .flat_map(|b| YEAR.find_iter(&b.text))
        .filter_map(|m| m.as_str().parse().ok())
        .filter(|&y| y <= this_year)
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::{Block, Meta};

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

    fn from_of(p: &Page) -> Option<(NaiveDate, DateSource)> {
        published_from(p, &Layout::of(p), None).map(|d| (d.date, d.from))
    }

    fn mark(text: &str, from: DateSource, role: DateRole) -> MetaDate {
        MetaDate {
            text: text.into(),
            from,
            role,
        }
    }

    #[test]
    fn address_then_metadata_then_dateline() {
        let mut p = page(&[("01/10/2017", Kind::Chrome), ("Titre", Kind::Title)]);
        p.meta = Meta {
            dates: vec!["n/a".into(), "2017-09-30T22:00:00+02:00".into()],
            url: Some("https://x.fr/2017/09/29/slug".into()),
            ..Default::default()
        };
        assert_eq!(date_of(&p), d(2017, 9, 29));
        let crawl = Some("https://x.fr/actu/slug-20170928");
        assert_eq!(
            published_from(&p, &Layout::of(&p), crawl).map(|d| (d.date, d.from)),
            Some((d(2017, 9, 28).unwrap(), DateSource::Url))
        );
        p.meta.url = None;
        assert_eq!(date_of(&p), d(2017, 9, 30));
        p.meta.dates.clear();
        assert_eq!(
            from_of(&p),
            Some((d(2017, 10, 1).unwrap(), DateSource::VisibleLine))
        );
    }

    #[test]
    fn a_published_time_beats_a_modified_one() {
        let mut p = page(&[("Titre", Kind::Title), (PARA, Kind::Content)]);
        p.meta.dated = vec![
            mark(
                "2021-03-04T10:00:00+01:00",
                DateSource::Meta,
                DateRole::Modified,
            ),
            mark(
                "2021-03-01T10:00:00+01:00",
                DateSource::JsonLd,
                DateRole::Published,
            ),
        ];
        assert_eq!(
            from_of(&p),
            Some((d(2021, 3, 1).unwrap(), DateSource::JsonLd))
        );
        // A modification alone dates no publication.
        p.meta.dated.remove(1);
        assert_eq!(date_of(&p), None);
    }

    #[test]
    fn a_utc_time_is_read_on_the_newsrooms_calendar() {
        let mut p = page(&[("Titre", Kind::Title), (PARA, Kind::Content)]);
        p.meta.dated = vec![
            mark(
                "2020-08-25T00:23:33Z",
                DateSource::JsonLd,
                DateRole::Published,
            ),
            mark(
                "2020-08-25T01:00:00-04:00",
                DateSource::Meta,
                DateRole::Modified,
            ),
        ];
        assert_eq!(date_of(&p), d(2020, 8, 24));
        // Without a stated zone, UTC's day…
        p.meta.dated.truncate(1);
        assert_eq!(date_of(&p), d(2020, 8, 25));
        // …unless the dateline prints the local day a zone makes of it.
        let mut q = page(&[
            ("Titre", Kind::Title),
            ("24 août 2020", Kind::Chrome),
            (PARA, Kind::Content),
        ]);
        q.meta.dated = p.meta.dated.clone();
        assert_eq!(
            from_of(&q),
            Some((d(2020, 8, 24).unwrap(), DateSource::VisibleLine))
        );
        // A local offset is the day as written.
        q.meta.dated = vec![mark(
            "2020-08-24T23:30:00+02:00",
            DateSource::Meta,
            DateRole::Published,
        )];
        assert_eq!(date_of(&q), d(2020, 8, 24));
    }

    #[test]
    fn weak_metadata_that_a_dateline_contradicts_gives_no_date() {
        let mut p = page(&[
            ("Titre", Kind::Title),
            ("11.03.2019, 08:40 Uhr", Kind::Chrome),
            (PARA, Kind::Content),
        ]);
        p.meta.dated = vec![mark("2019-03-12", DateSource::Meta, DateRole::Weak)];
        assert_eq!(date_of(&p), None);
        // Printed on a short line of the article too, the markup's day holds.
        p.blocks.insert(
            2,
            Block {
                text: "Print : 12.03.2019".into(),
                kind: Kind::Chrome,
            },
        );
        assert_eq!(date_of(&p), d(2019, 3, 12));
        // Under the article, a teaser's date is another story's.
        let printed = p.blocks.remove(2);
        p.blocks.push(printed);
        assert_eq!(date_of(&p), None);
        // Agreeing, or alone, it is the date.
        p.blocks.pop();
        p.blocks[1].text = "12.03.2019, 08:40 Uhr".into();
        assert_eq!(date_of(&p), d(2019, 3, 12));
    }

    #[test]
    fn a_typed_day_loses_to_a_dateline_and_a_time_that_agree() {
        let mut p = page(&[
            ("Titre", Kind::Title),
            ("Date : 21.06.2021", Kind::Chrome),
            (PARA, Kind::Content),
        ]);
        p.meta.dated = vec![
            mark("2021-06-12", DateSource::Meta, DateRole::Published),
            mark("2021-06-21", DateSource::Meta, DateRole::Weak),
        ];
        assert_eq!(
            from_of(&p),
            Some((d(2021, 6, 21).unwrap(), DateSource::VisibleLine))
        );
        // The dateline alone does not overrule the publication meta.
        p.meta.dated.pop();
        assert_eq!(
            from_of(&p),
            Some((d(2021, 6, 12).unwrap(), DateSource::Meta))
        );
        // Nor do both overrule a stamped time, which a CMS writes.
        p.meta.dated = vec![
            mark(
                "2021-06-12T09:00:00+02:00",
                DateSource::Meta,
                DateRole::Published,
            ),
            mark("2021-06-21", DateSource::Meta, DateRole::Weak),
        ];
        assert_eq!(date_of(&p), d(2021, 6, 12));
    }

    #[test]
    fn a_blog_footer_names_the_publication_after_the_date() {
        let footer = "Dieser Artikel wurde am Freitag, den 5. März 2021 um 09:12 Uhr veröffentlicht und unter Rezepte, Backen, Winter, Kuchen, Torten, Nachspeisen abgelegt. Sie können die Kommentare verfolgen oder einen Trackback auf Ihrer Seite setzen, wenn Sie mögen.";
        assert_eq!(posted_footer(footer), d(2021, 3, 5));
        assert_eq!(
            posted_footer("Herbstlaub wurde am 2. Oktober 2011 gepostet"),
            d(2011, 10, 2)
        );
        // A sentence of the story says neither the hour nor "gepostet".
        assert_eq!(
            posted_footer("Die Studie wurde am 3. Mai 2019 veröffentlicht."),
            None
        );
        let p = page(&[
            ("Titre", Kind::Title),
            (PARA, Kind::Content),
            (PARA, Kind::Content),
            (footer, Kind::Chrome),
        ]);
        assert_eq!(date_of(&p), d(2021, 3, 5));
    }

    #[test]
    fn a_paragraph_may_open_on_its_date_in_brackets() {
        let lead = "(07.02.2016) Die Imker im Norden bangen um ihre Völker, seit der Winter so mild ausfällt und die Milben sich früher vermehren als in anderen Jahren.";
        let p = page(&[
            ("Bienen", Kind::Title),
            (lead, Kind::Content),
            (PARA, Kind::Content),
        ]);
        assert_eq!(date_of(&p), d(2016, 2, 7));
        assert_eq!(bracketed_opening("(14. August) Am Sonntag …"), None);
        assert_eq!(
            bracketed_opening("Le 7 février 2016, les apiculteurs"),
            None
        );
        // Far from the headline, a bracketed date is the story's.
        let p = page(&[
            ("Bienen", Kind::Title),
            (PARA, Kind::Content),
            (PARA, Kind::Content),
            (PARA, Kind::Content),
            (lead, Kind::Content),
        ]);
        assert_eq!(date_of(&p), None);
    }

    #[test]
    fn under_the_headline_a_dateline_may_share_its_line() {
        let p = page(&[
            ("Recette", Kind::Title),
            (
                "Jeudi, mars 14, 2019 3 Cuisine, Desserts d'hiver, Gâteaux, Tartes, Fruits rouges Permalien",
                Kind::Chrome,
            ),
            (PARA, Kind::Content),
        ]);
        assert_eq!(date_of(&p), d(2019, 3, 14));
        // Not a paragraph of the story, though.
        let p = page(&[
            ("Recette", Kind::Title),
            ("Jeudi 14 mars 2019, la cheffe a présenté sa tarte aux fruits rouges devant un jury de douze pâtissiers.", Kind::Content),
            (PARA, Kind::Content),
        ]);
        assert_eq!(date_of(&p), None);
    }

    #[test]
    fn the_date_under_a_byline_is_no_clock() {
        let story =
            "Der Verband wurde 1996 gegründet und zählt heute mehr Mitglieder als je zuvor.";
        let p = page(&[
            ("Titel", Kind::Title),
            ("Von Anna Beispiel", Kind::Chrome),
            ("12.03.2021, 09:15 Uhr", Kind::Chrome),
            (story, Kind::Content),
        ]);
        assert_eq!(date_of(&p), d(2021, 3, 12));
        // Under the byline, it beats a generic date of the markup (a
        // print edition's day).
        let mut bylined = p.clone();
        bylined.meta.dated = vec![mark("2021-03-13", DateSource::Meta, DateRole::Weak)];
        assert_eq!(date_of(&bylined), d(2021, 3, 12));
        // Without a byline, a date years after every year of the story is
        // still taken for a clock.
        let p = page(&[
            ("Titel", Kind::Title),
            ("12.03.2021", Kind::Chrome),
            (story, Kind::Content),
        ]);
        assert_eq!(date_of(&p), None);
    }

    #[test]
    fn a_picture_credit_dates_the_picture() {
        let p = page(&[
            (
                "Neige fraîche sur les crêtes (Photo : J. Martin, 15.01.2022).",
                Kind::Chrome,
            ),
            ("Bulletin", Kind::Title),
            (PARA, Kind::Content),
        ]);
        assert_eq!(date_of(&p), None);
        assert!(credited("(Foto: U. Beispiel, "));
        assert!(!credited("Publié le "));
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
    fn the_update_is_not_the_publication() {
        let p = page(&[
            ("Titre", Kind::Title),
            (
                "Le Monde | 04.05.2015 à 13h36 • Mis à jour le 05.05.2015 à 10h02",
                Kind::Chrome,
            ),
            (PARA, Kind::Content),
        ]);
        assert_eq!(date_of(&p), d(2015, 5, 4));
        let p = page(&[
            ("Titre", Kind::Title),
            ("Mis à jour le 06/04/2013", Kind::Chrome),
            (PARA, Kind::Content),
        ]);
        assert_eq!(date_of(&p), None);
        assert_eq!(
            marked_date("Publié le 3 mars 2016 | Mis à jour le 4 mars 2016"),
            d(2016, 3, 3)
        );
        assert_eq!(marked_date("Updated: 4 March 2016"), None);
        assert_eq!(
            marked_date("Mis en ligne le 12/05/2019 à 10h30 - MAJ le 13/05/2019"),
            d(2019, 5, 12)
        );
        assert_eq!(
            marked_date("Créé le 2 mars 2021, modifié le 3 mars 2021"),
            d(2021, 3, 2)
        );
        assert_eq!(bare_dateline("MàJ 13/05/2019 10:02", AWAY, || None), None);
        assert_eq!(
            bare_dateline("PTI | July 9, 2020 | Updated 08:24 IST", AWAY, || None),
            d(2020, 7, 9)
        );
    }

    #[test]
    fn visible_forms_of_a_dateline() {
        assert_eq!(marked_date("Publié le 29/10/2012"), d(2012, 10, 29));
        assert_eq!(
            marked_date("Par Jeanne Martin le 07 Mai 2020"),
            d(2020, 5, 7)
        );
        assert_eq!(marked_date("Date 23.05.2011"), d(2011, 5, 23));
        assert_eq!(marked_date("Datum: 13. April 2017Autor: X"), d(2017, 4, 13));
        assert_eq!(
            marked_date("Gespeichert von rasos am 24. Juli 2017 - 18:55"),
            d(2017, 7, 24)
        );
        assert_eq!(
            marked_date("By Jane Doe on October 1, 2017"),
            d(2017, 10, 1)
        );
        assert_eq!(
            marked_date("Posted on 2015-04-05 by marc | Leave a comment"),
            d(2015, 4, 5)
        );
        assert_eq!(
            marked_date("Pubblicato il 19 Febbraio 2020"),
            d(2020, 2, 19)
        );
        // A sentence or another field is no byline or label.
        assert_eq!(marked_date("Par ailleurs, le 3 mai 2019 il a plu"), None);
        assert_eq!(marked_date("Date de naissance : 12 mai 1950"), None);
        assert_eq!(
            bare_dateline("Termin: 21.02.2020, 19 Uhr", AWAY, || None),
            None
        );
        assert_eq!(
            bare_dateline("Erscheinungsdatum: 14.08.2017", AWAY, || None),
            None
        );
        // "23 mai 2019" alone, a few lines under the headline.
        let p = page(&[
            ("Titre", Kind::Title),
            ("Partager", Kind::Chrome),
            ("Facebook Twitter", Kind::Chrome),
            ("Photo : AFP", Kind::Chrome),
            ("Jeanne Martin", Kind::Chrome),
            ("Jeudi 23 mai 2019", Kind::Chrome),
            (PARA, Kind::Content),
        ]);
        assert_eq!(date_of(&p), d(2019, 5, 23));
        assert!(!is_date_only(
            "Version 3 du texte, 29 juin 2007, signée par tous"
        ));
    }

    #[test]
    fn without_a_headline_the_first_paragraph_anchors_the_dateline() {
        let p = page(&[
            ("Accueil > Monde", Kind::Chrome),
            ("12. Januar 2022,", Kind::Chrome),
            ("Partager", Kind::Chrome),
            (PARA, Kind::Content),
            (PARA, Kind::Content),
        ]);
        assert_eq!(date_of(&p), d(2022, 1, 12));
        assert!(is_date_only(
            "1.11.23 20:19 von Lars Sobiraj Lesezeit: 4 Min."
        ));
        assert!(is_date_only("22. Dezember 2019 von Peter Addor"));
        assert!(!is_date_only(
            "22. Dezember 2019 fand in Bern ein grosses Fest statt"
        ));
        assert_eq!(
            marked_date("Erstveröffentlichung: 25. März 2020"),
            d(2020, 3, 25)
        );
    }

    #[test]
    fn a_date_long_before_the_story_is_no_dateline() {
        let p = page(&[
            ("Tanya Chua", Kind::Title),
            ("Née le 28 janvier 1975", Kind::Chrome),
            (
                "Elle a sorti un album en 2019, salué par la critique.",
                Kind::Content,
            ),
        ]);
        assert_eq!(date_of(&p), None);
        let p = page(&[
            ("Climat", Kind::Title),
            ("3 mars 2008", Kind::Chrome),
            (
                "Le plan vise la neutralité en 2050, et un premier bilan en 2010.",
                Kind::Content,
            ),
        ]);
        assert_eq!(date_of(&p), d(2008, 3, 3));
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
    fn an_on_date_by_author_line_is_marked() {
        // Marked, it beats a sidebar's teaser date just above the headline.
        let p = page(&[
            ("Articles récents 02/03/2021", Kind::Chrome),
            (
                "am 12. März 2021 von Anna Beispiel Allgemeines",
                Kind::Chrome,
            ),
            ("Titel", Kind::Title),
            (PARA, Kind::Content),
        ]);
        assert_eq!(date_of(&p), d(2021, 3, 12));
        assert_eq!(
            signed_dateline("on March 3, 2020 by Jane Doe"),
            d(2020, 3, 3)
        );
        assert_eq!(
            signed_dateline("le mardi 3 mai 2019 par Jeanne Martin"),
            d(2019, 5, 3)
        );
        // A sentence names no author after the date.
        assert_eq!(signed_dateline("Le 3 mai 2019 par décret, le"), None);
        assert_eq!(signed_dateline("Le 3 mai 2019, la ville a voté"), None);
    }

    #[test]
    fn a_signed_date_is_no_clock() {
        let story = "L'association a été fondée en 1996 et compte plus de membres que jamais.";
        let p = page(&[
            ("Titre", Kind::Title),
            ("Partager", Kind::Chrome),
            ("Facebook", Kind::Chrome),
            ("Titre", Kind::Chrome),
            (
                "2.3.21 09:15 par Jeanne Martin Lecture : 4 min",
                Kind::Chrome,
            ),
            (story, Kind::Content),
        ]);
        assert_eq!(date_of(&p), d(2021, 3, 2));
        // Unsigned, the same date years after the story is a clock.
        let mut clock = p.clone();
        clock.blocks[4].text = "2.3.21 09:15".into();
        assert_eq!(date_of(&clock), None);
        assert!(opens_signed("22 mai 2019 par Jeanne Martin"));
        assert!(!opens_signed("22 mai 2019 à Paris"));
    }

    #[test]
    fn a_date_under_a_comment_author_or_a_profile_label_is_theirs() {
        let p = page(&[
            ("Titre", Kind::Title),
            (PARA, Kind::Content),
            ("Paul sagt:", Kind::Chrome),
            ("3. Juni 2019 um 21:07", Kind::Chrome),
        ]);
        assert_eq!(date_of(&p), None);
        assert!(is_comment_speaker("Marie a écrit :"));
        assert!(!is_comment_speaker("Le ministre a dit"));
        let p = page(&[
            ("Membre depuis", Kind::Title),
            ("28 juin 2014", Kind::Chrome),
            (PARA, Kind::Content),
        ]);
        assert_eq!(date_of(&p), None);
        assert!(is_membership("Member since: 3 May 2014"));
        assert!(is_membership("Inscrit le 3 mai 2014"));
        assert!(!is_membership("Depuis le 3 mai 2014, la ville"));
    }

    #[test]
    fn right_above_the_headline_a_dateline_may_open_the_kickers_line() {
        let p = page(&[
            (
                "3 mars 2021 La ministre des Familles : un plan pour les crèches et la petite enfance",
                Kind::Chrome,
            ),
            ("Plus d'argent pour les crèches", Kind::Title),
            (PARA, Kind::Content),
        ]);
        assert_eq!(date_of(&p), d(2021, 3, 3));
        // Two lines above, such a line is a teaser.
        let mut teaser = p.clone();
        teaser.blocks.insert(
            1,
            Block {
                text: "Accueil".into(),
                kind: Kind::Chrome,
            },
        );
        assert_eq!(date_of(&teaser), None);
    }

    #[test]
    fn an_article_header_found_without_a_headline() {
        // A byline line, then a line that is only a date.
        let p = page(&[
            ("Accueil", Kind::Chrome),
            ("By Jane Doe", Kind::Chrome),
            ("February 7, 2020", Kind::Chrome),
            ("Comments", Kind::Chrome),
            (PARA, Kind::Content),
        ]);
        assert_eq!(date_of(&p), d(2020, 2, 7));
        // A reading time beside a short dated line.
        let p = page(&[
            ("Accueil", Kind::Chrome),
            ("Rédaction Envoyer un e-mail 31 octobre 2023", Kind::Chrome),
            ("5 min de lecture", Kind::Chrome),
            ("Commentaires", Kind::Chrome),
            (PARA, Kind::Content),
        ]);
        assert_eq!(date_of(&p), d(2023, 10, 31));
        assert!(is_reading_time("Lesezeit: 4 Min."));
        assert!(is_reading_time("Temps de lecture : 3 min"));
        assert!(!is_reading_time("Read more"));
        // The credit line right under the last paragraph, far below the
        // headline.
        let mut blocks = vec![("Titre", Kind::Title)];
        blocks.extend([(PARA, Kind::Content); 9]);
        blocks.push(("© AFP | Rédaction | 07.11.2023 08:03", Kind::Chrome));
        blocks.push(("Commentaires (0)", Kind::Comments));
        assert_eq!(date_of(&page(&blocks)), d(2023, 11, 7));
        // Not when another line sits between.
        blocks.insert(10, ("Lire aussi", Kind::Chrome));
        blocks.insert(10, ("Partager", Kind::Chrome));
        assert_eq!(date_of(&page(&blocks)), None);
        assert!(!is_credit_line("Photo : AFP 07.11.2023"));
    }

    #[test]
    fn no_date_in_the_future() {
        let p = page(&[("01/10/2099", Kind::Chrome), ("Titre", Kind::Title)]);
        assert_eq!(date_of(&p), None);
    }
}
