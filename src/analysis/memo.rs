//! Runs the word-level end of the chain (lowercase, elision, stop words,
//! stem, accent folding) once per distinct word and remembers the outcome.
//!
//! Every one of those steps reads only the word itself, so what they make
//! of a word never changes: news text repeats its words, and one hash
//! lookup replaces five filters, the Snowball machine and their copies of
//! the text. A miss runs the real filters (given as `rest`, a chain on
//! tantivy's `RawTokenizer`), so the memo cannot disagree with them.
//!
//! The memo belongs to one analyzer: tantivy clones the analyzer for each
//! indexing thread, and each clone fills its own, with no lock to wait on.

use std::hash::BuildHasher;

use rustc_hash::FxBuildHasher;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer};

/// Slots of the long-word table (a power of two, 2 MiB). Each slot is one 64-byte
/// cache line holding a word and its outcome inline, so a lookup touches
/// one or two adjacent lines: with a map of boxed strings each lookup
/// chased three or four pointers, and cache misses, not hashing, were the
/// cost per token. Smaller tables measured slower (more words evicted and
/// analysed again), larger ones no faster.
const SLOTS: usize = 1 << 15;

/// Longest word (bytes) a slot holds; longer ones take the chain.
const MAX_WORD: usize = 27;

/// Longest term (bytes) a slot holds.
const MAX_TERM: usize = 32;

/// Token filter memoising `rest`, which must treat its whole input as one
/// token (a chain on `RawTokenizer`) and make at most one token of it.
#[derive(Clone)]
pub struct TermMemo {
    rest: TextAnalyzer,
}

impl TermMemo {
    pub fn new(rest: TextAnalyzer) -> TermMemo {
        TermMemo { rest }
    }
}

impl TokenFilter for TermMemo {
    type Tokenizer<T: Tokenizer> = TermMemoWrapper<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> TermMemoWrapper<T> {
        TermMemoWrapper {
            inner: tokenizer,
            rest: self.rest,
            memo: Memo::default(),
        }
    }
}

/// What the rest of the chain makes of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome<'a> {
    /// Nothing: a stop word.
    Removed,
    /// A term, with the changes to the token's offsets (elision moves the
    /// start past the elided article), as wrapping differences.
    Term {
        text: &'a str,
        from_shift: usize,
        to_shift: usize,
    },
}

/// One remembered word: its bytes, and its outcome (`term_len` is
/// `REMOVED` for a stop word).
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Slot {
    word_len: u8,
    word: [u8; MAX_WORD],
    term_len: u8,
    from_shift: u8,
    to_shift: u8,
    term: [u8; MAX_TERM],
}

const EMPTY: u8 = u8::MAX;
const REMOVED: u8 = u8::MAX;

impl Slot {
    const EMPTY: Slot = Slot {
        word_len: EMPTY,
        word: [0; MAX_WORD],
        term_len: 0,
        from_shift: 0,
        to_shift: 0,
        term: [0; MAX_TERM],
    };

    /// True when the slot holds the word padded into `key` (see
    /// [`Memo::key`]): one fixed-size comparison, no call to `memcmp`.
    fn holds(&self, len: usize, key: &[u8; MAX_WORD]) -> bool {
        usize::from(self.word_len) == len && self.word == *key
    }

    fn outcome(&self) -> Outcome<'_> {
        if self.term_len == REMOVED {
            return Outcome::Removed;
        }
        let term = &self.term[..usize::from(self.term_len)];
        Outcome::Term {
            // Written from a `&str` in `store`.
            text: std::str::from_utf8(term).unwrap_or_default(),
            from_shift: usize::from(self.from_shift),
            to_shift: usize::from(self.to_shift),
        }
    }

    /// The slot remembering `word` → `outcome`, if both fit.
    fn store(word: &str, outcome: Outcome) -> Option<Slot> {
        let mut slot = Slot::EMPTY;
        if word.len() > MAX_WORD {
            return None;
        }
        slot.word_len = u8::try_from(word.len()).ok()?;
        slot.word[..word.len()].copy_from_slice(word.as_bytes());
        match outcome {
            Outcome::Removed => slot.term_len = REMOVED,
            Outcome::Term {
                text,
                from_shift,
                to_shift,
            } => {
                if text.len() > MAX_TERM {
                    return None;
                }
                slot.term_len = u8::try_from(text.len()).ok()?;
                slot.term[..text.len()].copy_from_slice(text.as_bytes());
                slot.from_shift = u8::try_from(from_shift).ok()?;
                slot.to_shift = u8::try_from(to_shift).ok()?;
            }
        }
        Some(slot)
    }
}

/// One remembered short word (up to [`SHORT_WORD`] bytes, no NUL): the
/// word as an integer, and its outcome: up to [`SHORT_TERM`] bytes of
/// term, the term's length (or [`REMOVED`]), the start offset's shift.
/// Four slots to a cache line.
#[derive(Clone, Copy)]
#[repr(C, align(16))]
struct ShortSlot {
    word: u64,
    outcome: [u8; 8],
}

const SHORT_WORD: usize = 8;
const SHORT_TERM: usize = 6;

/// Term length of a short slot whose outcome did not fit it: the outcome
/// is in the long-word table.
const ELSEWHERE: u8 = u8::MAX - 1;

impl ShortSlot {
    const EMPTY: ShortSlot = ShortSlot {
        word: 0,
        outcome: [0; 8],
    };

    /// The word as a slot key: its bytes, zero-padded (no word of the
    /// table holds a NUL, so the padding is unambiguous; 0 is no word).
    fn key(word: &[u8]) -> Option<u64> {
        if word.is_empty() || word.len() > SHORT_WORD || word.contains(&0) {
            return None;
        }
        let mut key = [0u8; SHORT_WORD];
        key[..word.len()].copy_from_slice(word);
        Some(u64::from_le_bytes(key))
    }

    /// The outcome, or `None` when it is kept in the long-word table.
    fn outcome(&self) -> Option<Outcome<'_>> {
        Some(match self.outcome[SHORT_TERM] {
            REMOVED => Outcome::Removed,
            ELSEWHERE => return None,
            len => Outcome::Term {
                // Written from a `&str` in `store`.
                text: std::str::from_utf8(&self.outcome[..usize::from(len)]).unwrap_or_default(),
                from_shift: usize::from(self.outcome[SHORT_TERM + 1]),
                to_shift: 0,
            },
        })
    }

    /// The slot remembering `word` → `outcome`, or pointing to the long
    /// table when the outcome does not fit.
    fn store(word: u64, outcome: Outcome) -> ShortSlot {
        ShortSlot::store_here(word, outcome).unwrap_or(ShortSlot {
            word,
            outcome: [0, 0, 0, 0, 0, 0, ELSEWHERE, 0],
        })
    }

    fn store_here(word: u64, outcome: Outcome) -> Option<ShortSlot> {
        let mut slot = ShortSlot {
            word,
            outcome: [0; 8],
        };
        match outcome {
            Outcome::Removed => slot.outcome[SHORT_TERM] = REMOVED,
            Outcome::Term {
                text,
                from_shift,
                to_shift,
            } => {
                if text.len() > SHORT_TERM || to_shift != 0 {
                    return None;
                }
                slot.outcome[..text.len()].copy_from_slice(text.as_bytes());
                slot.outcome[SHORT_TERM] = u8::try_from(text.len()).ok()?;
                slot.outcome[SHORT_TERM + 1] = u8::try_from(from_shift).ok()?;
            }
        }
        Some(slot)
    }
}

/// Slots of the short-word table (512 KiB): most tokens are short words,
/// and a small table stays in cache between documents.
const SHORT_SLOTS: usize = 1 << 15;

/// Fixed-size, two-way set-associative memo tables: a word lives in one
/// of the two slots of the pair its hash picks; a new word takes the
/// first slot and pushes the pair's older word out. Memory stays bounded
/// with no clearing pass, and frequent words, met again soon, stay in
/// place. Short words go to a compact table of integer keys, the others
/// (and short words whose term is long) to one of 64-byte slots.
#[derive(Clone)]
struct Memo {
    short: Vec<ShortSlot>,
    slots: Vec<Slot>,
}

impl Default for Memo {
    /// An empty memo takes no memory: its slots are made on the first word
    /// stored, so building or cloning an analyzer (tantivy clones one per
    /// query and per segment writer) does not fill megabytes.
    fn default() -> Memo {
        Memo {
            short: Vec::new(),
            slots: Vec::new(),
        }
    }
}

impl Memo {
    /// The first slot of the word's pair in the long-word table.
    fn index(word: &[u8]) -> usize {
        // The high bits of an Fx hash are the well-mixed ones.
        let h = FxBuildHasher.hash_one(word);
        ((h >> (64 - SLOTS.trailing_zeros())) as usize) & !1
    }

    /// The first slot of the short word's pair.
    fn short_index(key: u64) -> usize {
        let h = key.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        ((h >> (64 - SHORT_SLOTS.trailing_zeros())) as usize) & !1
    }

    /// The word zero-padded to a slot's width, if it fits one.
    fn key(word: &[u8]) -> Option<[u8; MAX_WORD]> {
        let mut key = [0u8; MAX_WORD];
        key.get_mut(..word.len())?.copy_from_slice(word);
        Some(key)
    }

    fn get(&self, word: &str) -> Option<Outcome<'_>> {
        if let Some(key) = ShortSlot::key(word.as_bytes()) {
            // A short word not in its table is in neither: no second miss.
            let i = Memo::short_index(key);
            let slot = self.short.get(i..i + 2)?.iter().find(|s| s.word == key)?;
            if let Some(outcome) = slot.outcome() {
                return Some(outcome);
            }
        }
        let key = Memo::key(word.as_bytes())?;
        let i = Memo::index(word.as_bytes());
        self.slots
            .get(i..i + 2)?
            .iter()
            .find(|s| s.holds(word.len(), &key))
            .map(Slot::outcome)
    }

    fn put(&mut self, word: &str, outcome: Outcome) {
        if let Some(key) = ShortSlot::key(word.as_bytes()) {
            let slot = ShortSlot::store(key, outcome);
            if self.short.is_empty() {
                self.short = vec![ShortSlot::EMPTY; SHORT_SLOTS];
            }
            let i = Memo::short_index(key);
            self.short[i + 1] = self.short[i];
            self.short[i] = slot;
            if slot.outcome().is_some() {
                return;
            }
        }
        if let Some(slot) = Slot::store(word, outcome) {
            if self.slots.is_empty() {
                self.slots = vec![Slot::EMPTY; SLOTS];
            }
            let i = Memo::index(word.as_bytes());
            self.slots[i + 1] = self.slots[i];
            self.slots[i] = slot;
        }
    }
}

/// [`TermMemo`] applied to a tokenizer; owns the memo.
#[derive(Clone)]
pub struct TermMemoWrapper<T> {
    inner: T,
    rest: TextAnalyzer,
    memo: Memo,
}

impl<T: Tokenizer> Tokenizer for TermMemoWrapper<T> {
    type TokenStream<'a> = TermMemoStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        TermMemoStream {
            tail: self.inner.token_stream(text),
            rest: &mut self.rest,
            memo: &mut self.memo,
        }
    }
}

/// Token stream of [`TermMemo`].
pub struct TermMemoStream<'a, T> {
    tail: T,
    rest: &'a mut TextAnalyzer,
    memo: &'a mut Memo,
}

/// Gives `token` its term; false when the word is removed.
fn apply(outcome: Outcome, token: &mut Token) -> bool {
    match outcome {
        Outcome::Removed => false,
        Outcome::Term {
            text,
            from_shift,
            to_shift,
        } => {
            token.text.clear();
            token.text.push_str(text);
            token.offset_from = token.offset_from.wrapping_add(from_shift);
            token.offset_to = token.offset_to.wrapping_add(to_shift);
            true
        }
    }
}

/// Runs the rest of the chain on `token` (its text being one word), then
/// remembers what it made of the word.
fn run_rest(rest: &mut TextAnalyzer, memo: &mut Memo, token: &mut Token) -> bool {
    let made = {
        let mut stream = rest.token_stream(&token.text);
        stream.advance().then(|| {
            let t = stream.token();
            let to_shift = t.offset_to.wrapping_sub(token.text.len());
            (t.text.clone(), t.offset_from, to_shift)
        })
    };
    let outcome = match &made {
        None => Outcome::Removed,
        Some((text, from_shift, to_shift)) => Outcome::Term {
            text,
            from_shift: *from_shift,
            to_shift: *to_shift,
        },
    };
    memo.put(&token.text, outcome);
    apply(outcome, token)
}

impl<T: TokenStream> TokenStream for TermMemoStream<'_, T> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let token = self.tail.token_mut();
            let kept = match self.memo.get(&token.text) {
                Some(outcome) => apply(outcome, token),
                None => run_rest(self.rest, self.memo, token),
            };
            if kept {
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
    use tantivy::tokenizer::{LowerCaser, RawTokenizer, WhitespaceTokenizer};

    use crate::analysis::ElisionFilter;

    /// Lowercase, elision, and "le" removed: enough to see each outcome.
    fn rest() -> TextAnalyzer {
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .filter(ElisionFilter)
            .filter(tantivy::tokenizer::StopWordFilter::remove(vec![
                "le".to_string()
            ]))
            .build()
    }

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push(t.clone());
        }
        out
    }

    #[test]
    fn same_tokens_as_the_chain_it_memoises_even_when_remembered() {
        let text = "Le chat de L'Armée voit le chat de l’armée LE CHAT";
        let mut plain = TextAnalyzer::builder(WhitespaceTokenizer::default())
            .filter(LowerCaser)
            .filter(ElisionFilter)
            .filter(tantivy::tokenizer::StopWordFilter::remove(vec![
                "le".to_string()
            ]))
            .build();
        let mut memoised = TextAnalyzer::builder(WhitespaceTokenizer::default())
            .filter(TermMemo::new(rest()))
            .build();
        let expected = tokens(&mut plain, text);
        assert_eq!(expected.len(), 8);
        for _ in 0..2 {
            assert_eq!(tokens(&mut memoised, text), expected);
        }
    }

    #[test]
    fn outcomes_are_remembered() {
        let mut r = rest();
        let mut memo = Memo::default();
        let token = |text: &str| Token {
            text: text.to_string(),
            offset_from: 10,
            offset_to: 10 + text.len(),
            ..Token::default()
        };
        assert!(!run_rest(&mut r, &mut memo, &mut token("LE")));
        assert_eq!(memo.get("LE"), Some(Outcome::Removed));
        let mut t = token("L’Armée");
        assert!(run_rest(&mut r, &mut memo, &mut t));
        assert_eq!((t.text.as_str(), t.offset_from), ("armée", 10 + "L’".len()));
        assert_eq!(
            memo.get("L’Armée"),
            Some(Outcome::Term {
                text: "armée",
                from_shift: "L’".len(),
                to_shift: 0
            })
        );
        assert!(memo.get("armée").is_none());
    }

    #[test]
    fn long_words_are_not_remembered_but_still_analysed() {
        let mut r = rest();
        let mut memo = Memo::default();
        let long = "Anticonstitutionnellementissimes";
        let mut t = Token {
            text: long.to_string(),
            ..Token::default()
        };
        assert!(run_rest(&mut r, &mut memo, &mut t));
        assert_eq!(t.text, long.to_lowercase());
        assert!(memo.get(long).is_none());
    }

    #[test]
    fn the_older_word_of_a_pair_stays_until_a_third_comes() {
        let term = |t| Outcome::Term {
            text: t,
            from_shift: 0,
            to_shift: 0,
        };
        // Words are spread by hash: find three sharing a pair, in the
        // long-word table, then in the short-word one.
        let pair = |w: &String| match ShortSlot::key(w.as_bytes()) {
            Some(key) => Memo::short_index(key),
            None => Memo::index(w.as_bytes()),
        };
        for stem in ["longuemotte", "m"] {
            let mut memo = Memo::default();
            let first = pair(&format!("{stem}0"));
            let words: Vec<String> = (0..)
                .map(|i| format!("{stem}{i}"))
                .filter(|w| pair(w) == first)
                .take(3)
                .collect();
            memo.put(&words[0], term("a"));
            memo.put(&words[1], term("b"));
            assert_eq!(memo.get(&words[0]), Some(term("a")));
            assert_eq!(memo.get(&words[1]), Some(term("b")));
            memo.put(&words[2], Outcome::Removed);
            assert!(memo.get(&words[0]).is_none(), "{words:?}");
            assert_eq!(memo.get(&words[1]), Some(term("b")));
            assert_eq!(memo.get(&words[2]), Some(Outcome::Removed));
        }
    }

    #[test]
    fn short_words_with_long_terms_go_to_the_long_table() {
        let mut memo = Memo::default();
        let long_term = Outcome::Term {
            text: "seventeen",
            from_shift: 0,
            to_shift: 0,
        };
        memo.put("court", long_term);
        assert_eq!(memo.get("court"), Some(long_term));
        let shifted = Outcome::Term {
            text: "eau",
            from_shift: 2,
            to_shift: 0,
        };
        memo.put("l'eau", shifted);
        assert_eq!(memo.get("l'eau"), Some(shifted));
        assert_eq!(ShortSlot::key(b"a\0b"), None);
        assert_eq!(ShortSlot::key(b""), None);
        assert_eq!(ShortSlot::key(b"neuf-mots"), None);
    }

    #[test]
    fn a_slot_is_one_cache_line() {
        assert_eq!(std::mem::size_of::<Slot>(), 64);
        assert_eq!(std::mem::size_of::<ShortSlot>(), 16);
    }

    #[test]
    fn colliding_words_replace_each_other_and_stay_right() {
        let mut analyzer = TextAnalyzer::builder(WhitespaceTokenizer::default())
            .filter(TermMemo::new(rest()))
            .build();
        let words: Vec<String> = (0..3 * SLOTS).map(|i| format!("W{i}")).collect();
        for chunk in words.chunks(5000) {
            let got = tokens(&mut analyzer, &chunk.join(" "));
            assert_eq!(got.len(), chunk.len());
            assert!(got
                .iter()
                .zip(chunk)
                .all(|(t, w)| t.text == w.to_lowercase()));
        }
    }
}
