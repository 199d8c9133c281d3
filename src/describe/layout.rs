//! Where things are on a page: the headline, the end of the article text,
//! and where reader comments start. Describing looks for a date, a masthead
//! or a signature by position around these landmarks, using block kinds
//! when the cleaner gave informative ones and text markers otherwise.

use std::sync::LazyLock;

use regex::Regex;

use super::gate::Gate;
use super::text::words_up_to;
use crate::page::{Kind, Page};

/// The most words any describing step asks a block to have at most, plus
/// one: block word counts are read this far and no further.
pub const WORDS_CAP: usize = 41;

/// Landmarks of a page, as block indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The headline block.
    pub title: Option<usize>,
    /// First block of the reader-comments section (or `blocks.len()`):
    /// nothing from here on describes the article.
    pub comments: usize,
    /// Last substantial paragraph of the article text before the comments.
    pub body_end: Option<usize>,
    /// Word count of each block, counted up to [`WORDS_CAP`]: every step
    /// asks "is this block short?", and a block is walked once, not once
    /// per question.
    words: Vec<usize>,
}

impl Layout {
    pub fn of(page: &Page) -> Layout {
        let blocks = &page.blocks;
        let words: Vec<usize> = blocks
            .iter()
            .map(|b| words_up_to(&b.text, WORDS_CAP))
            .collect();
        let title = blocks.iter().position(|b| b.kind == Kind::Title);
        let from = title.map_or(0, |t| t + 1);
        let comments = (from..blocks.len())
            .find(|&i| {
                blocks[i].kind == Kind::Comments
                    || opens_comments_counted(&blocks[i].text, words[i])
            })
            .unwrap_or(blocks.len());
        let body_end = (from..comments).rev().find(|&i| {
            blocks[i].kind == Kind::Content && is_paragraph_counted(&blocks[i].text, words[i])
        });
        Layout {
            title,
            comments,
            body_end,
            words,
        }
    }

    /// True when block `i` has at most `n` words (`n` below [`WORDS_CAP`]).
    pub fn has_at_most_words(&self, i: usize, n: usize) -> bool {
        debug_assert!(n < WORDS_CAP, "word counts stop at {WORDS_CAP}");
        self.words[i] <= n
    }

    /// True when block `i` is a paragraph of prose (see [`is_paragraph`]).
    pub fn is_paragraph(&self, page: &Page, i: usize) -> bool {
        is_paragraph_counted(&page.blocks[i].text, self.words[i])
    }

    /// Index of the first block after the headline.
    pub fn after_title(&self) -> usize {
        self.title.map_or(0, |t| t + 1)
    }
}

/// A paragraph of prose rather than a label or a name: long enough, or a
/// full sentence.
pub fn is_paragraph(text: &str) -> bool {
    is_paragraph_counted(text, words_up_to(text, WORDS_CAP))
}

/// [`is_paragraph`] with the block's (capped) word count already known.
fn is_paragraph_counted(text: &str, words: usize) -> bool {
    words >= 15 || (words >= 6 && text.trim_end().ends_with(['.', '!', '?', '»', '"']))
}

/// Headings and footers that open a comments section: "Commentaires",
/// "Comment (5)", "3 commentaires", "Laisser un commentaire", a blog footer
/// "… | Lien permanent | Commentaires (2)", "Leave a Reply", "Kommentare".
pub fn opens_comments(text: &str) -> bool {
    opens_comments_counted(text, words_up_to(text, WORDS_CAP))
}

/// [`opens_comments`] with the block's (capped) word count already known.
fn opens_comments_counted(text: &str, words: usize) -> bool {
    // Every heading or marker below holds one of these words.
    static WORDS: LazyLock<Gate> = LazyLock::new(|| {
        Gate::any_case(&[
            "comment",
            "kommentar",
            "action",
            "response",
            "antworten",
            "cet article",
            "lien permanent",
            "leave a reply",
        ])
    });
    static HEADING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:\d+\s+)?(?:commentaires?|comments?|kommentare?|réactions?|responses?|antworten)\s*(?:\(\s*\d+\s*\))?\s*:?$",
        )
        .expect("valid regex")
    });
    static MARKER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)laisser un commentaire|laissez un commentaire|écrire un commentaire|ajouter un commentaire|réagir à cet article|lien permanent|leave a (?:reply|comment)|schreibe einen kommentar|(?-u:\b)(?:commentaires?|comments?|kommentare?)\s*\(\s*\d+\s*\)",
        )
        .expect("valid regex")
    });
    let t = text.trim();
    words <= 40 && WORDS.may_match(t) && (HEADING.is_match(t) || MARKER.is_match(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(blocks: &[(&str, Kind)]) -> Page {
        Page::from_blocks(blocks)
    }

    #[test]
    fn comment_headings() {
        assert!(opens_comments("Comment (5)"));
        assert!(opens_comments("Commentaires"));
        assert!(opens_comments("3 commentaires"));
        assert!(opens_comments("Laisser un commentaire"));
        assert!(opens_comments(
            "19:08 Publié dans Syrie | Lien permanent | Commentaires (2) | | |"
        ));
        assert!(!opens_comments(
            "Les commentaires du ministre ont été mal reçus par l'opposition."
        ));
    }

    #[test]
    fn landmarks() {
        let long =
            "Une phrase assez longue pour être un vrai paragraphe de l'article, avec des mots.";
        let p = page(&[
            ("Masthead", Kind::Chrome),
            ("Titre", Kind::Title),
            (long, Kind::Content),
            ("Jean Dupont", Kind::Chrome),
            ("Comment (2)", Kind::Chrome),
            (long, Kind::Content),
        ]);
        let l = Layout::of(&p);
        assert_eq!((l.title, l.comments, l.body_end), (Some(1), 4, Some(2)));
        assert!(l.has_at_most_words(3, 2) && !l.has_at_most_words(2, 12));
        assert_eq!(l.after_title(), 2);
    }

    #[test]
    fn comment_kind_ends_the_article() {
        let long =
            "Une phrase assez longue pour être un vrai paragraphe de l'article, avec des mots.";
        let p = page(&[
            ("Titre", Kind::Title),
            (long, Kind::Content),
            (long, Kind::Comments),
        ]);
        assert_eq!(Layout::of(&p).comments, 2);
    }
}
