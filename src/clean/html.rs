//! Cleaning HTML pages: use the document structure, then render text.

use crate::page::Page;

/// Extracts the article from an HTML page.
pub fn clean_html(html: &str) -> Page {
    let text = html2text::from_read(html.as_bytes(), 100_000).unwrap_or_default();
    super::text::clean_text(&text)
}
