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

/// `char::is_alphanumeric`, answered without Unicode tables for ASCII and
/// the Latin-1 letters French is written with (U+00C0..U+00FF are all
/// letters but × and ÷).
fn is_word_char(c: char) -> bool {
    match c {
        '\0'..='\x7f' => c.is_ascii_alphanumeric(),
        '×' | '÷' => false,
        '\u{c0}'..='\u{ff}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// The character starting at byte `i` of `text`, and its length.
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

impl WordTokenStream<'_> {
    /// Byte offset of the end of the word starting at `start`.
    fn word_end(&self, start: usize) -> usize {
        let text = self.text;
        let mut i = start;
        while let Some((c, len)) = char_at(text, i) {
            if !is_word_char(c) {
                // Keep an apostrophe only when a letter follows it.
                let keep = is_apostrophe(c)
                    && i > start
                    && char_at(text, i + len).is_some_and(|(n, _)| n.is_alphabetic());
                if !keep {
                    return i;
                }
            }
            i += len;
        }
        text.len()
    }

    /// Byte offset of the next word's first character, from `from` on.
    fn word_start(&self, from: usize) -> Option<usize> {
        let mut i = from;
        while let Some((c, len)) = char_at(self.text, i) {
            if is_word_char(c) {
                return Some(i);
            }
            i += len;
        }
        None
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        let Some(start) = self.word_start(self.offset) else {
            self.offset = self.text.len();
            return false;
        };
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
    fn word_chars_are_the_alphanumeric_ones() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn odd_text() {
        assert_eq!(
            words("’l’’été'' ²³ µx ×÷ Ωmega"),
            ["l", "été", "²³", "µx", "Ωmega"]
        );
        assert!(words("").is_empty());
        assert!(words(" ’ ").is_empty());
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
