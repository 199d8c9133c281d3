//! Snowball French stemming with a memo: news text repeats its words, and a
//! hash lookup is several times cheaper than running the Snowball machine.

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Past this many distinct words the memo is cleared, so memory stays bounded
/// on archives with huge vocabularies.
const MEMO_CAPACITY: usize = 200_000;

/// Words longer than this (in bytes) are not memoised: they are rare.
const MEMO_MAX_WORD: usize = 32;

/// Token filter applying the Snowball French stemmer. Expects lowercase input.
#[derive(Clone, Copy, Default)]
pub struct FrenchStemmer;

impl TokenFilter for FrenchStemmer {
    type Tokenizer<T: Tokenizer> = FrenchStemmerWrapper<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> FrenchStemmerWrapper<T> {
        FrenchStemmerWrapper {
            inner: tokenizer,
            memo: FxHashMap::default(),
        }
    }
}

/// [`FrenchStemmer`] applied to a tokenizer; owns the memo.
#[derive(Clone)]
pub struct FrenchStemmerWrapper<T> {
    inner: T,
    memo: FxHashMap<String, String>,
}

impl<T: Tokenizer> Tokenizer for FrenchStemmerWrapper<T> {
    type TokenStream<'a> = FrenchStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.memo.len() > MEMO_CAPACITY {
            self.memo.clear();
        }
        FrenchStemmerStream {
            tail: self.inner.token_stream(text),
            memo: &mut self.memo,
        }
    }
}

/// Token stream of [`FrenchStemmer`].
pub struct FrenchStemmerStream<'a, T> {
    tail: T,
    memo: &'a mut FxHashMap<String, String>,
}

/// Stems one lowercase French word.
pub fn stem(word: &str) -> String {
    frostem::Stemmer::new(frostem::Algorithm::French)
        .stem(word)
        .into_owned()
}

fn stem_token(token: &mut Token, memo: &mut FxHashMap<String, String>) {
    if token.text.len() > MEMO_MAX_WORD {
        token.text = stem(&token.text);
        return;
    }
    if let Some(stemmed) = memo.get(token.text.as_str()) {
        token.text.clear();
        token.text.push_str(stemmed);
        return;
    }
    let stemmed = stem(&token.text);
    memo.insert(std::mem::replace(&mut token.text, stemmed.clone()), stemmed);
}

impl<T: TokenStream> TokenStream for FrenchStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        stem_token(self.tail.token_mut(), self.memo);
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

    #[test]
    fn inflections_meet() {
        assert_eq!(stem("chrétien"), stem("chrétiens"));
        assert_eq!(stem("chrétien"), stem("chrétienne"));
        assert_eq!(stem("chrétien"), stem("chrétiennes"));
        assert_eq!(stem("armée"), stem("armées"));
    }

    #[test]
    fn memo_gives_the_same_answer() {
        let mut memo = FxHashMap::default();
        for _ in 0..2 {
            let mut t = Token {
                text: "syriennes".into(),
                ..Token::default()
            };
            stem_token(&mut t, &mut memo);
            assert_eq!(t.text, stem("syriennes"));
        }
        assert_eq!(memo.len(), 1);
    }
}
