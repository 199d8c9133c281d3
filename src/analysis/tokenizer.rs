//! Splits text into words: runs of letters and digits. An apostrophe (' or
//! ’) between two letters stays inside the word so that the elision filter
//! can see `l’armée` whole; hyphens and all other punctuation separate.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Tokenizer for French prose.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

/// Token stream of [`WordTokenizer`].
pub struct WordTokenStream<'a> {
    text: &'a str,
    offset: usize,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        WordTokenStream {
            text,
            offset: 0,
            token: &mut self.token,
        }
    }
}

/// The apostrophes French text uses for elision.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`')
}

impl WordTokenStream<'_> {
    /// Byte offset of the end of the word starting at `start`.
    fn word_end(&self, start: usize) -> usize {
        let rest = &self.text[start..];
        let mut chars = rest.char_indices().peekable();
        let mut end = rest.len();
        while let Some((i, c)) = chars.next() {
            if c.is_alphanumeric() {
                continue;
            }
            // Keep an apostrophe only when a letter follows it.
            let keep =
                is_apostrophe(c) && i > 0 && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic());
            if !keep {
                end = i;
                break;
            }
        }
        start + end
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        let rest = &self.text[self.offset..];
        let Some((skip, _)) = rest.char_indices().find(|(_, c)| c.is_alphanumeric()) else {
            self.offset = self.text.len();
            return false;
        };
        let start = self.offset + skip;
        let end = self.word_end(start);
        self.token.position = self.token.position.wrapping_add(1);
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.token.text.push_str(&self.text[start..end]);
        self.offset = end;
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut t = WordTokenizer::default();
        let mut s = t.token_stream(text);
        let mut out = vec![];
        while s.advance() {
            out.push(s.token().text.clone());
        }
        out
    }

    #[test]
    fn keeps_elisions_whole_and_splits_hyphens() {
        assert_eq!(
            words("L’armée syrienne, l'EI et Al-Qaryatayn (sud-est)."),
            [
                "L’armée",
                "syrienne",
                "l'EI",
                "et",
                "Al",
                "Qaryatayn",
                "sud",
                "est"
            ]
        );
    }

    #[test]
    fn trailing_and_lone_apostrophes_separate() {
        assert_eq!(
            words("les élèves' 'x' 30.000"),
            ["les", "élèves", "x", "30", "000"]
        );
    }

    #[test]
    fn offsets_are_byte_offsets() {
        let mut t = WordTokenizer::default();
        let mut s = t.token_stream("à l’été");
        assert!(s.advance());
        assert_eq!((s.token().offset_from, s.token().offset_to), (0, 2));
        assert!(s.advance());
        assert_eq!(
            &"à l’été"[s.token().offset_from..s.token().offset_to],
            "l’été"
        );
        assert!(!s.advance());
    }
}
