//! Describing: the title, publication date, outlet, authors and wire
//! agencies of a cleaned page. A sidecar (manifest) value always wins; that
//! is applied by `ingest`, not here.

use chrono::NaiveDate;

use crate::page::Page;

/// What describing a page found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Description {
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub source: Option<String>,
    pub authors: Vec<String>,
    pub wire_sources: Vec<String>,
}

/// Describes a cleaned page.
pub fn describe(page: &Page) -> Description {
    Description {
        title: page
            .title()
            .map(str::to_string)
            .or_else(|| page.meta.title.clone()),
        source: page.meta.site_name.clone(),
        authors: page.meta.authors.clone(),
        ..Default::default()
    }
}
