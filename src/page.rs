//! A page between decoding and describing: the blocks of its text, each
//! labelled as content or boilerplate, plus what the markup said about it.
//!
//! Cleaning (text or HTML) produces a [`Page`]; describing reads it to find
//! the title, the date, the outlet and the bylines (which often sit in the
//! blocks that cleaning drops: a masthead, a dateline, a signature).

pub use crate::article::DateSource;

/// What a block of the page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The article's headline.
    Title,
    /// Article text: standfirst, paragraphs, the article's own subheadings.
    Content,
    /// Site chrome: navigation, widgets, placeholders, clocks, captions,
    /// share and tag lines, banners, teaser repeats.
    Chrome,
    /// Reader comments, their authors, dates and forms.
    Comments,
}

/// One block (a paragraph or a line) of the page's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub text: String,
    pub kind: Kind,
}

/// What HTML markup (or a sidecar) says about the page, before any guess.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// `<title>`, `og:title`, or the `<h1>` of the article.
    pub title: Option<String>,
    /// `og:site_name`, JSON-LD publisher name, `application-name`.
    pub site_name: Option<String>,
    /// Raw publication-date strings from meta tags, JSON-LD and `<time>`,
    /// best first (the texts of the published ones in [`Meta::dated`]).
    pub dates: Vec<String>,
    /// Every machine-readable date of the markup with where it was read and
    /// what it dates, best first; empty when only `dates` was filled.
    pub dated: Vec<MetaDate>,
    /// Authors named by the markup (`author` meta, JSON-LD, rel=author).
    pub authors: Vec<String>,
    /// The page's own address (canonical link, `og:url`) or the crawl's.
    pub url: Option<String>,
}

/// What a machine-readable date of the markup says it dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRole {
    /// The publication of the article itself (`article:published_time`,
    /// the main article's `datePublished`).
    Published,
    /// A weaker claim: a generic `date` meta, a `<time>` without a
    /// "published" mark, another article's JSON-LD.
    Weak,
    /// An update: never the publication date, but its time zone is the
    /// newsroom's.
    Modified,
}

/// One machine-readable date of the markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaDate {
    pub text: String,
    pub from: DateSource,
    pub role: DateRole,
}

/// A cleaned page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// Every block of the page in reading order, boilerplate included.
    pub blocks: Vec<Block>,
    pub meta: Meta,
}

impl Page {
    /// A page made of these blocks, without metadata (tests and tools).
    pub fn from_blocks(blocks: &[(&str, Kind)]) -> Page {
        Page {
            blocks: blocks
                .iter()
                .map(|(t, k)| Block {
                    text: t.to_string(),
                    kind: *k,
                })
                .collect(),
            ..Default::default()
        }
    }

    /// The headline block, if cleaning found one.
    pub fn title(&self) -> Option<&str> {
        self.blocks
            .iter()
            .find(|b| b.kind == Kind::Title)
            .map(|b| b.text.as_str())
    }

    /// The article text: content blocks separated by a blank line.
    pub fn body(&self) -> String {
        let mut out = String::new();
        for b in self.blocks.iter().filter(|b| b.kind == Kind::Content) {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&b.text);
        }
        out
    }
}
