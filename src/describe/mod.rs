//! Describing: the title, publication date, outlet, authors and wire
//! agencies of a cleaned page. A sidecar (manifest) value always wins; that
//! is applied by `ingest`, not here.
//!
//! Each fact is read from the markup first (`page.meta`), then from the
//! page's text by position around landmarks (see [`layout`]): the headline,
//! the end of the article, the start of the comments. Nothing is ever read
//! from reader comments.

pub mod agencies;
pub mod byline;
pub mod date;
pub mod gate;
pub mod layout;
pub mod outlet;
pub mod published;
pub mod text;

use chrono::NaiveDate;

pub use date::{date_from_url, find_dates, parse_french_date, parse_instant, parse_meta_date};

use crate::article::DateSource;
use crate::page::Page;
use layout::Layout;
use text::fold_alnum;

/// What describing a page found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Description {
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    /// The signal `published` was read from.
    pub published_from: Option<DateSource>,
    pub source: Option<String>,
    pub authors: Vec<String>,
    pub wire_sources: Vec<String>,
}

/// Describes a cleaned page.
pub fn describe(page: &Page) -> Description {
    describe_at(page, None)
}

/// Describes a cleaned page found at `address` (the crawl's URL, which
/// may carry the publication date).
pub fn describe_at(page: &Page, address: Option<&str>) -> Description {
    let layout = Layout::of(page);
    let source = outlet::outlet(page, &layout);
    let dated = published::published_from(page, &layout, address);
    Description {
        title: title(page, source.as_deref()),
        published: dated.map(|d| d.date),
        published_from: dated.map(|d| d.from),
        authors: byline::authors(page, &layout),
        wire_sources: agencies::wire_sources(page, &layout),
        source,
    }
}

/// The cleaner's headline, else the markup's title without its site suffix.
fn title(page: &Page, outlet: Option<&str>) -> Option<String> {
    let from_blocks = page.title().map(str::trim).filter(|t| !t.is_empty());
    if let Some(t) = from_blocks {
        return Some(t.to_string());
    }
    let meta = page
        .meta
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())?;
    let site = page.meta.site_name.as_deref().or(outlet);
    Some(strip_site_suffix(meta, site, page.meta.url.as_deref()).to_string())
}

/// "Title | Site", "Title - Site", "Title – Site": drops the last part when
/// it names the site (its name or its host), or after " | " when it is
/// short (a "|" rarely sits inside a headline, a " - " often does).
pub fn strip_site_suffix<'a>(title: &'a str, site: Option<&str>, url: Option<&str>) -> &'a str {
    const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " • "];
    let Some((sep, at)) = SEPARATORS
        .iter()
        .filter_map(|s| title.rfind(s).map(|i| (*s, i)))
        .max_by_key(|(_, i)| *i)
    else {
        return title;
    };
    let (head, suffix) = (title[..at].trim(), title[at + sep.len()..].trim());
    if head.is_empty() {
        return title;
    }
    let key = fold_alnum(suffix);
    let names_site = site.is_some_and(|s| fold_alnum(s) == key)
        || url.is_some_and(|u| !key.is_empty() && fold_alnum(host(u)).contains(&key));
    let short_after_bar = sep == " | " && suffix.split_whitespace().count() <= 4;
    if names_site || short_after_bar {
        head
    } else {
        title
    }
}

fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

#[cfg(test)]
mod tests;
