//! Paragraph marks for the `surface` field: before the first word of each
//! paragraph (a line break before it, or the start of a value), a token
//! [`MARK`] at that word's position. Positions do not move (the mark takes
//! none of its own), and `A SAME B` holds where no mark falls between the
//! two: the index says where paragraphs start without storing them apart.

use tantivy::tokenizer::{BoxTokenStream, TextAnalyzer, Token, TokenStream, Tokenizer};

/// The term of a paragraph's start: no word analyses to it (words are
/// letters and digits).
pub const MARK: &str = "\u{b6}";

/// Wraps an analyzer, marking the start of each paragraph.
#[derive(Clone)]
pub struct ParagraphMarks {
    inner: TextAnalyzer,
}

impl ParagraphMarks {
    pub fn new(inner: TextAnalyzer) -> ParagraphMarks {
        ParagraphMarks { inner }
    }
}

/// Token stream of [`ParagraphMarks`].
pub struct ParagraphStream<'a> {
    text: &'a str,
    inner: BoxTokenStream<'a>,
    mark: Token,
    /// Whether the mark is the current token (the inner one comes next).
    on_mark: bool,
    /// End of the furthest word given so far (`None` before the first).
    end: Option<usize>,
}

impl Tokenizer for ParagraphMarks {
    type TokenStream<'a> = ParagraphStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ParagraphStream<'a> {
        ParagraphStream {
            text,
            inner: self.inner.token_stream(text),
            mark: Token::default(),
            on_mark: false,
            end: None,
        }
    }
}

impl TokenStream for ParagraphStream<'_> {
    fn advance(&mut self) -> bool {
        if self.on_mark {
            self.on_mark = false;
        } else {
            if !self.inner.advance() {
                return false;
            }
            let t = self.inner.token();
            // A compound's whole starts before the end of its last part:
            // never a paragraph's start.
            let starts = match self.end {
                None => true,
                Some(end) => {
                    t.offset_from > end
                        && self
                            .text
                            .get(end..t.offset_from)
                            .is_some_and(|gap| gap.contains('\n'))
                }
            };
            if starts {
                self.mark = Token {
                    offset_from: t.offset_from,
                    offset_to: t.offset_from,
                    position: t.position,
                    text: MARK.to_string(),
                    position_length: 1,
                };
                self.on_mark = true;
                return true;
            }
        }
        let to = self.inner.token().offset_to;
        self.end = Some(self.end.map_or(to, |e| e.max(to)));
        true
    }

    fn token(&self) -> &Token {
        if self.on_mark {
            &self.mark
        } else {
            self.inner.token()
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        if self.on_mark {
            &mut self.mark
        } else {
            self.inner.token_mut()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_paragraph_starts_with_a_mark_at_its_first_word() {
        let mut a = crate::analysis::surface_analyzer_unmemoised();
        let mut s = a.token_stream("Le chat dort.\n\nLa souris anti-chat\nfuit.");
        let mut out = Vec::new();
        while let Some(t) = s.next() {
            out.push((t.text.clone(), t.position));
        }
        let w = |t: &str, p| (t.to_string(), p);
        assert_eq!(
            out,
            [
                w(MARK, 1),
                w("chat", 1),
                w("dort", 2),
                w(MARK, 4),
                w("souris", 4),
                w("anti", 5),
                w("chat", 6),
                w("antichat", 5),
                w(MARK, 7),
                w("fuit", 7),
            ]
        );
    }
}
