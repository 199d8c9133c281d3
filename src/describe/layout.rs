//! Where things are on a page: the headline, the end of the article text,
//! and where reader comments start. Describing looks for a date, a masthead
//! or a signature by position around these landmarks, using block kinds
//! when the cleaner gave informative ones and text markers otherwise.

use std::sync::LazyLock;

use regex::Regex;

use super::text::word_count;
use crate::page::{Kind, Page};

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
}

impl Layout {
    pub fn of(page: &Page) -> Layout {
        let blocks = &page.blocks;
        let title = blocks.iter().position(|b| b.kind == Kind::Title);
        let from = title.map_or(0, |t| t + 1);
        let comments = (from..blocks.len())
            .find(|&i| blocks[i].kind == Kind::Comments || opens_comments(&blocks[i].text))
            .unwrap_or(blocks.len());
        let body_end = (from..comments)
            .rev()
            .find(|&i| blocks[i].kind == Kind::Content && is_paragraph(&blocks[i].text));
        Layout {
            title,
            comments,
            body_end,
        }
    }

    /// Index of the first block after the headline.
    pub fn after_title(&self) -> usize {
        self.title.map_or(0, |t| t + 1)
    }
}

/// A paragraph of prose rather than a label or a name: long enough, or a
/// full sentence.
pub fn is_paragraph(text: &str) -> bool {
    let words = word_count(text);
    words >= 15 || (words >= 6 && text.trim_end().ends_with(['.', '!', '?', '»', '"']))
}

/// Headings and footers that open a comments section: "Commentaires",
/// "Comment (5)", "3 commentaires", "Laisser un commentaire", a blog footer
/// "… | Lien permanent | Commentaires (2)", "Leave a Reply", "Kommentare".
pub fn opens_comments(text: &str) -> bool {
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
    word_count(t) <= 40 && (HEADING.is_match(t) || MARKER.is_match(t))
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
        assert_eq!(
            l,
            Layout {
                title: Some(1),
                comments: 4,
                body_end: Some(2)
            }
        );
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
