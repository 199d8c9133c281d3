//! Folds a lowercase word to the letters a reader may type for it: accents
//! off (`élysée` → `elysee`, also when the accent is a separate combining
//! mark), ligatures spread (`œuvre` → `oeuvre`), apostrophes left inside a
//! word dropped (`aujourd’hui` → `aujourdhui`), and the hyphens of a
//! compound's whole-word token too (`anti-casseurs` → `anticasseurs`, the
//! compound as some write it joined).
//!
//! It runs before stop words and stemming, so that what the stemmer sees,
//! and so every term, is the same whether or not the accents were typed.
//! Letters fold as [`crate::entities::fold_char`] folds them, the fold the
//! snippet finder compares with.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::tokenizer::{is_apostrophe, is_hyphen};

/// Token filter folding accents. Expects lowercase input.
#[derive(Clone, Copy, Default)]
pub struct AccentFolder;

impl TokenFilter for AccentFolder {
    type Tokenizer<T: Tokenizer> = AccentFolderWrapper<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> AccentFolderWrapper<T> {
        AccentFolderWrapper {
            inner: tokenizer,
            buffer: String::new(),
        }
    }
}

/// [`AccentFolder`] applied to a tokenizer.
#[derive(Clone)]
pub struct AccentFolderWrapper<T> {
    inner: T,
    buffer: String,
}

impl<T: Tokenizer> Tokenizer for AccentFolderWrapper<T> {
    type TokenStream<'a> = AccentFolderStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        self.buffer.clear();
        AccentFolderStream {
            tail: self.inner.token_stream(text),
            buffer: &mut self.buffer,
        }
    }
}

/// Token stream of [`AccentFolder`].
pub struct AccentFolderStream<'a, T> {
    tail: T,
    buffer: &'a mut String,
}

/// Whether `word` needs no folding: ASCII letters and digits only (most
/// words of French text).
fn is_folded(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Appends the fold of `word` to `out`.
pub fn fold_word_into(word: &str, out: &mut String) {
    for c in word.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !is_apostrophe(c) && !is_hyphen(c) {
            // Letters lose their accents; combining marks and other
            // separators vanish.
            crate::entities::fold_char(c, &mut |f| out.push(f));
        }
    }
}

/// The fold of one word.
pub fn fold_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_word_into(word, &mut out);
    out
}

impl<T: TokenStream> TokenStream for AccentFolderStream<'_, T> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let token: &mut Token = self.tail.token_mut();
            if is_folded(&token.text) {
                return true;
            }
            self.buffer.clear();
            fold_word_into(&token.text, self.buffer);
            std::mem::swap(&mut token.text, self.buffer);
            // A lone mark folds to nothing: no term.
            if !token.text.is_empty() {
                return true;
            }
        }
        false
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

    #[test]
    fn accents_and_ligatures() {
        assert_eq!(fold_word("élysée"), "elysee");
        assert_eq!(fold_word("chrétiens"), "chretiens");
        assert_eq!(fold_word("œuvre"), "oeuvre");
        assert_eq!(fold_word("noël"), "noel");
        assert_eq!(fold_word("straße"), "strasse");
    }

    #[test]
    fn combining_marks_fold_like_precomposed_letters() {
        // `é` written as `e` + U+0301, as some exports store it.
        assert_eq!(fold_word("e\u{301}lyse\u{301}e"), "elysee");
    }

    #[test]
    fn apostrophes_and_hyphens_inside_go() {
        assert_eq!(fold_word("aujourd’hui"), "aujourdhui");
        assert_eq!(fold_word("aujourd'hui"), "aujourdhui");
        assert_eq!(fold_word("champs-élysées"), "champselysees");
        assert_eq!(fold_word("champs\u{2011}élysées"), "champselysees");
    }

    #[test]
    fn a_lone_mark_gives_no_term() {
        assert!(crate::analysis::terms("\u{64e} \u{301}").is_empty());
        assert_eq!(
            crate::analysis::terms("\u{64e} élysée"),
            crate::analysis::terms("élysée")
        );
    }

    #[test]
    fn plain_words_are_left_alone() {
        assert!(is_folded("armee"));
        assert!(!is_folded("covid-19"));
        assert!(!is_folded("armée"));
        assert!(!is_folded("o'neill"));
    }
}
