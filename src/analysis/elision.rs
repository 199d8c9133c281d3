//! Strips French elided articles and pronouns from the front of a word:
//! `l’armée` → `armée`, `qu'il` → `il`, `jusqu’à` → `à`. Both the straight
//! and the typographic apostrophe are recognised. Expects lowercase input.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::tokenizer::is_apostrophe;

/// The elided forms, lowercase, without their apostrophe.
pub const ELIDED: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "ç", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
    "presqu", "quelqu",
];

/// Token filter removing elided prefixes.
#[derive(Clone, Copy, Default)]
pub struct ElisionFilter;

impl TokenFilter for ElisionFilter {
    type Tokenizer<T: Tokenizer> = ElisionWrapper<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> ElisionWrapper<T> {
        ElisionWrapper { inner: tokenizer }
    }
}

/// [`ElisionFilter`] applied to a tokenizer.
#[derive(Clone)]
pub struct ElisionWrapper<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for ElisionWrapper<T> {
    type TokenStream<'a> = ElisionStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ElisionStream {
            tail: self.inner.token_stream(text),
        }
    }
}

/// Token stream of [`ElisionFilter`].
pub struct ElisionStream<T> {
    tail: T,
}

/// Byte length of the elided prefix of `word` (apostrophe included), if any.
pub fn elided_prefix_len(word: &str) -> Option<usize> {
    let (pos, apostrophe) = word.char_indices().find(|&(_, c)| is_apostrophe(c))?;
    let head = &word[..pos];
    let rest_start = pos + apostrophe.len_utf8();
    (ELIDED.contains(&head) && rest_start < word.len()).then_some(rest_start)
}

fn strip(token: &mut Token) {
    if token.text.is_ascii() && !token.text.contains('\'') && !token.text.contains('`') {
        return; // fast path: no apostrophe at all
    }
    if let Some(n) = elided_prefix_len(&token.text) {
        token.text.drain(..n);
        token.offset_from += n;
    }
}

impl<T: TokenStream> TokenStream for ElisionStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        strip(self.tail.token_mut());
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn elide(word: &str) -> String {
        let mut t = Token {
            text: word.to_string(),
            offset_to: word.len(),
            ..Token::default()
        };
        strip(&mut t);
        t.text
    }

    #[test]
    fn strips_both_apostrophes() {
        assert_eq!(elide("l'armée"), "armée");
        assert_eq!(elide("l’armée"), "armée");
        assert_eq!(elide("d’al"), "al");
        assert_eq!(elide("qu'il"), "il");
        assert_eq!(elide("jusqu’à"), "à");
        assert_eq!(elide("lorsqu'elle"), "elle");
        assert_eq!(elide("puisqu’on"), "on");
        assert_eq!(elide("s'est"), "est");
        assert_eq!(elide("c’est"), "est");
        assert_eq!(elide("ç'aurait"), "aurait");
    }

    #[test]
    fn leaves_other_words_alone() {
        assert_eq!(elide("aujourd'hui"), "aujourd'hui");
        assert_eq!(elide("armée"), "armée");
        assert_eq!(elide("o'neill"), "o'neill");
    }

    #[test]
    fn offset_moves_past_the_prefix() {
        let mut t = Token {
            text: "l’armée".into(),
            offset_from: 10,
            offset_to: 10 + "l’armée".len(),
            ..Token::default()
        };
        strip(&mut t);
        assert_eq!(t.offset_from, 10 + "l’".len());
    }
}
