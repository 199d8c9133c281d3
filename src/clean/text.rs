//! Cleaning plain-text scrapes (one block per line, chrome still in).

use crate::page::{Block, Kind, Page};

/// Splits `text` into blocks and labels each one.
pub fn clean_text(text: &str) -> Page {
    let mut blocks: Vec<Block> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Block {
            text: l.to_string(),
            kind: Kind::Content,
        })
        .collect();
    if let Some(first) = blocks.first_mut() {
        first.kind = Kind::Title;
    }
    Page {
        blocks,
        ..Default::default()
    }
}
