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
//!
//! A memo can remember two forms of each word, the folded one (the
//! `surface` field's term) and its stem (the French field's), in one
//! slot, and record the folded tokens of each text it analyses: the
//! `surface` field, which indexes the same texts after the French field,
//! then replays them ([`recorded`]) instead of reading every word again
//! and looking it up in a second memo (a cache miss per word, the largest
//! cost of indexing after tantivy's postings).

use std::hash::BuildHasher;

use rustc_hash::FxBuildHasher;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer};

/// Slots of the long-word table (a power of two, 4 MiB). Each slot is two
/// 64-byte cache lines holding a word and its outcome inline, so a lookup
/// touches a few adjacent lines: with a map of boxed strings each lookup
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
    /// Whether tokens get the stem of `rest`'s term (and the term is
    /// recorded for [`recorded`]) rather than the term itself.
    stem: bool,
}

impl TermMemo {
    pub fn new(rest: TextAnalyzer) -> TermMemo {
        TermMemo { rest, stem: false }
    }

    /// Memoises `rest` then the French stemmer, and records the texts it
    /// analyses with their unstemmed terms ([`recorded`]).
    pub fn stemmed(rest: TextAnalyzer) -> TermMemo {
        TermMemo { rest, stem: true }
    }
}

impl TokenFilter for TermMemo {
    type Tokenizer<T: Tokenizer> = TermMemoWrapper<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> TermMemoWrapper<T> {
        TermMemoWrapper {
            inner: tokenizer,
            rest: self.rest,
            stem: self.stem,
            memo: Memo::default(),
        }
    }
}

/// What the rest of the chain makes of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome<'a> {
    /// Nothing: a stop word.
    Removed,
    /// A term and its stem (the term again when the memo does not stem),
    /// with the changes to the token's offsets (elision moves the start
    /// past the elided article), as wrapping differences.
    Term {
        text: &'a str,
        stem: &'a str,
        from_shift: usize,
        to_shift: usize,
    },
}

/// One remembered word: its bytes, and its outcome (`term_len` is
/// `REMOVED` for a stop word). Two cache lines: the word and the term in
/// the first, the stem in the second.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Slot {
    word_len: u8,
    word: [u8; MAX_WORD],
    term_len: u8,
    from_shift: u8,
    to_shift: u8,
    stem_len: u8,
    term: [u8; MAX_TERM],
    stem: [u8; MAX_TERM],
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
        stem_len: 0,
        term: [0; MAX_TERM],
        stem: [0; MAX_TERM],
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
        let stem = &self.stem[..usize::from(self.stem_len)];
        Outcome::Term {
            // Written from a `&str` in `store`.
            text: std::str::from_utf8(term).unwrap_or_default(),
            stem: std::str::from_utf8(stem).unwrap_or_default(),
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
                stem,
                from_shift,
                to_shift,
            } => {
                if text.len() > MAX_TERM || stem.len() > MAX_TERM {
                    return None;
                }
                slot.term_len = u8::try_from(text.len()).ok()?;
                slot.term[..text.len()].copy_from_slice(text.as_bytes());
                slot.stem_len = u8::try_from(stem.len()).ok()?;
                slot.stem[..stem.len()].copy_from_slice(stem.as_bytes());
                slot.from_shift = u8::try_from(from_shift).ok()?;
                slot.to_shift = u8::try_from(to_shift).ok()?;
            }
        }
        Some(slot)
    }
}

/// One remembered short word (up to [`SHORT_WORD`] bytes, no NUL): the
/// word as an integer, and its outcome: up to [`SHORT_TERM`] bytes of
/// term, as many of stem, the term's length (or [`REMOVED`]), the stem's,
/// the start offset's shift. Two slots to a cache line.
#[derive(Clone, Copy)]
#[repr(C, align(32))]
struct ShortSlot {
    word: u64,
    outcome: [u8; 24],
}

const SHORT_WORD: usize = 8;
const SHORT_TERM: usize = 8;
/// Where a short slot's outcome keeps the stem, the lengths, the shift.
const SHORT_STEM: usize = SHORT_TERM;
const SHORT_LEN: usize = 2 * SHORT_TERM;

/// Term length of a short slot whose outcome did not fit it: the outcome
/// is in the long-word table.
const ELSEWHERE: u8 = u8::MAX - 1;

impl ShortSlot {
    const EMPTY: ShortSlot = ShortSlot {
        word: 0,
        outcome: [0; 24],
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
        Some(match self.outcome[SHORT_LEN] {
            REMOVED => Outcome::Removed,
            ELSEWHERE => return None,
            len => {
                let stem_len = usize::from(self.outcome[SHORT_LEN + 1]);
                let stem = &self.outcome[SHORT_STEM..SHORT_STEM + stem_len];
                Outcome::Term {
                    // Written from `&str`s in `store`.
                    text: std::str::from_utf8(&self.outcome[..usize::from(len)])
                        .unwrap_or_default(),
                    stem: std::str::from_utf8(stem).unwrap_or_default(),
                    from_shift: usize::from(self.outcome[SHORT_LEN + 2]),
                    to_shift: 0,
                }
            }
        })
    }

    /// The slot remembering `word` → `outcome`, or pointing to the long
    /// table when the outcome does not fit.
    fn store(word: u64, outcome: Outcome) -> ShortSlot {
        ShortSlot::store_here(word, outcome).unwrap_or_else(|| {
            let mut slot = ShortSlot {
                word,
                outcome: [0; 24],
            };
            slot.outcome[SHORT_LEN] = ELSEWHERE;
            slot
        })
    }

    fn store_here(word: u64, outcome: Outcome) -> Option<ShortSlot> {
        let mut slot = ShortSlot {
            word,
            outcome: [0; 24],
        };
        match outcome {
            Outcome::Removed => slot.outcome[SHORT_LEN] = REMOVED,
            Outcome::Term {
                text,
                stem,
                from_shift,
                to_shift,
            } => {
                // A term as long as the slot's room would read as REMOVED
                // or ELSEWHERE in no case: lengths are at most 8.
                if text.len() > SHORT_TERM || stem.len() > SHORT_TERM || to_shift != 0 {
                    return None;
                }
                slot.outcome[..text.len()].copy_from_slice(text.as_bytes());
                slot.outcome[SHORT_STEM..SHORT_STEM + stem.len()].copy_from_slice(stem.as_bytes());
                slot.outcome[SHORT_LEN] = u8::try_from(text.len()).ok()?;
                slot.outcome[SHORT_LEN + 1] = u8::try_from(stem.len()).ok()?;
                slot.outcome[SHORT_LEN + 2] = u8::try_from(from_shift).ok()?;
            }
        }
        Some(slot)
    }
}

/// Slots of the short-word table (1 MiB): most tokens are short words,
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
    stem: bool,
    memo: Memo,
}

impl<T: Tokenizer> Tokenizer for TermMemoWrapper<T> {
    type TokenStream<'a> = TermMemoStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        TermMemoStream {
            tail: self.inner.token_stream(text),
            rest: &mut self.rest,
            memo: &mut self.memo,
            recording: self.stem.then(|| Recording::start(text)),
        }
    }
}

/// Token stream of [`TermMemo`].
pub struct TermMemoStream<'a, T> {
    tail: T,
    rest: &'a mut TextAnalyzer,
    memo: &'a mut Memo,
    /// The unstemmed tokens so far, when the memo stems.
    recording: Option<Recording>,
}

/// Gives `token` its term (its stem if `stem`); false when the word is
/// removed.
fn apply(outcome: Outcome, token: &mut Token, stem: bool) -> bool {
    match outcome {
        Outcome::Removed => false,
        Outcome::Term {
            text,
            stem: stemmed,
            from_shift,
            to_shift,
        } => {
            token.text.clear();
            token.text.push_str(if stem { stemmed } else { text });
            token.offset_from = token.offset_from.wrapping_add(from_shift);
            token.offset_to = token.offset_to.wrapping_add(to_shift);
            true
        }
    }
}

/// Runs the rest of the chain on the word `word` (then the stemmer if
/// `stem`), and remembers what it made of it.
fn run_rest<'m>(
    rest: &mut TextAnalyzer,
    memo: &mut Memo,
    word: &str,
    stem: bool,
    made: &'m mut Option<(String, String, usize, usize)>,
) -> Outcome<'m> {
    *made = {
        let mut stream = rest.token_stream(word);
        stream.advance().then(|| {
            let t = stream.token();
            let to_shift = t.offset_to.wrapping_sub(word.len());
            let stemmed = if stem {
                super::stemmer::stem(&t.text)
            } else {
                t.text.clone()
            };
            (t.text.clone(), stemmed, t.offset_from, to_shift)
        })
    };
    let outcome = match made {
        None => Outcome::Removed,
        Some((text, stem, from_shift, to_shift)) => Outcome::Term {
            text,
            stem,
            from_shift: *from_shift,
            to_shift: *to_shift,
        },
    };
    memo.put(word, outcome);
    outcome
}

impl<T: TokenStream> TokenStream for TermMemoStream<'_, T> {
    fn advance(&mut self) -> bool {
        let stem = self.recording.is_some();
        let mut made = None;
        while self.tail.advance() {
            let token = self.tail.token_mut();
            let outcome = match self.memo.get(&token.text) {
                Some(outcome) => outcome,
                None => run_rest(self.rest, self.memo, &token.text, stem, &mut made),
            };
            if let (
                Some(recording),
                Outcome::Term {
                    text,
                    from_shift,
                    to_shift,
                    ..
                },
            ) = (&mut self.recording, outcome)
            {
                recording.push(token, text, from_shift, to_shift);
            }
            if apply(outcome, token, stem) {
                return true;
            }
        }
        if let Some(recording) = self.recording.take() {
            recording.publish();
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

/// One token of a [`Recording`]: where its term ends in the recording's
/// terms, and the token's place.
#[derive(Clone, Copy)]
struct RecordedToken {
    term_end: usize,
    offset_from: usize,
    offset_to: usize,
    position: usize,
    position_length: usize,
}

/// The unstemmed tokens of one text, as a stemming memo analysed it.
#[derive(Default)]
struct Recording {
    text: String,
    terms: String,
    tokens: Vec<RecordedToken>,
}

/// Texts recorded at most per thread: a document's title (title field),
/// body and title again (body field), which the surface field asks for
/// next. A text nobody asks for is pushed out by the next ones.
const RECORDINGS: usize = 4;

thread_local! {
    /// This thread's finished recordings, oldest first.
    static RECORDED: std::cell::RefCell<Vec<Recording>> = const { std::cell::RefCell::new(Vec::new()) };
    /// Recordings replayed, kept for their buffers.
    static SPARE: std::cell::RefCell<Vec<Recording>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Recording {
    /// An empty recording of `text`, on a spare one's buffers if any.
    fn start(text: &str) -> Recording {
        let mut r = SPARE
            .with(|spare| spare.borrow_mut().pop())
            .unwrap_or_default();
        r.text.clear();
        r.text.push_str(text);
        r.terms.clear();
        r.tokens.clear();
        r
    }

    /// Records `token` (as the tokenizer made it) with its term `term` and
    /// the term's offset shifts.
    fn push(&mut self, token: &Token, term: &str, from_shift: usize, to_shift: usize) {
        self.terms.push_str(term);
        self.tokens.push(RecordedToken {
            term_end: self.terms.len(),
            offset_from: token.offset_from.wrapping_add(from_shift),
            offset_to: token.offset_to.wrapping_add(to_shift),
            position: token.position,
            position_length: token.position_length,
        });
    }

    /// Makes the whole text's recording available to [`recorded`].
    fn publish(self) {
        RECORDED.with(|all| {
            let mut all = all.borrow_mut();
            if all.len() == RECORDINGS {
                let old = all.remove(0);
                SPARE.with(|spare| spare.borrow_mut().push(old));
            }
            all.push(self);
        });
    }
}

/// The unstemmed tokens of `text` if a stemming memo of this thread
/// analysed it lately (the recording is used up), else `None`.
pub fn recorded(text: &str) -> Option<Replay> {
    RECORDED.with(|all| {
        let mut all = all.borrow_mut();
        let i = all.iter().rposition(|r| r.text == text)?;
        Some(Replay {
            recording: all.remove(i),
            next: 0,
            token: Token::default(),
        })
    })
}

/// Token stream of a recording.
pub struct Replay {
    recording: Recording,
    next: usize,
    token: Token,
}

impl TokenStream for Replay {
    fn advance(&mut self) -> bool {
        let Some(t) = self.recording.tokens.get(self.next) else {
            return false;
        };
        let start = match self.next {
            0 => 0,
            n => self.recording.tokens[n - 1].term_end,
        };
        self.next += 1;
        self.token.text.clear();
        self.token
            .text
            .push_str(&self.recording.terms[start..t.term_end]);
        self.token.offset_from = t.offset_from;
        self.token.offset_to = t.offset_to;
        self.token.position = t.position;
        self.token.position_length = t.position_length;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

impl Drop for Replay {
    fn drop(&mut self) {
        let recording = std::mem::take(&mut self.recording);
        SPARE.with(|spare| {
            let mut spare = spare.borrow_mut();
            if spare.len() < RECORDINGS {
                spare.push(recording);
            }
        });
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

    /// Runs the rest of the chain on `token` as the stream does: false
    /// when the word is removed.
    fn run(rest: &mut TextAnalyzer, memo: &mut Memo, token: &mut Token, stem: bool) -> bool {
        let mut made = None;
        let word = token.text.clone();
        let outcome = run_rest(rest, memo, &word, stem, &mut made);
        apply(outcome, token, stem)
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
        assert!(!run(&mut r, &mut memo, &mut token("LE"), false));
        assert_eq!(memo.get("LE"), Some(Outcome::Removed));
        let mut t = token("L’Armée");
        assert!(run(&mut r, &mut memo, &mut t, false));
        assert_eq!((t.text.as_str(), t.offset_from), ("armée", 10 + "L’".len()));
        assert_eq!(
            memo.get("L’Armée"),
            Some(Outcome::Term {
                text: "armée",
                stem: "armée",
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
        assert!(run(&mut r, &mut memo, &mut t, false));
        assert_eq!(t.text, long.to_lowercase());
        assert!(memo.get(long).is_none());
    }

    #[test]
    fn the_older_word_of_a_pair_stays_until_a_third_comes() {
        let term = |t| Outcome::Term {
            text: t,
            stem: t,
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
            stem: "seventeen",
            from_shift: 0,
            to_shift: 0,
        };
        memo.put("court", long_term);
        assert_eq!(memo.get("court"), Some(long_term));
        let shifted = Outcome::Term {
            text: "eau",
            stem: "e",
            from_shift: 2,
            to_shift: 0,
        };
        memo.put("l'eau", shifted);
        assert_eq!(memo.get("l'eau"), Some(shifted));
        let long_stem = Outcome::Term {
            text: "nation",
            stem: "nationalite",
            from_shift: 0,
            to_shift: 0,
        };
        memo.put("nation", long_stem);
        assert_eq!(memo.get("nation"), Some(long_stem));
        assert_eq!(ShortSlot::key(b"a\0b"), None);
        assert_eq!(ShortSlot::key(b""), None);
        assert_eq!(ShortSlot::key(b"neuf-mots"), None);
    }

    #[test]
    fn slots_fill_whole_cache_lines() {
        assert_eq!(std::mem::size_of::<Slot>(), 128);
        assert_eq!(std::mem::size_of::<ShortSlot>(), 32);
    }

    #[test]
    fn a_stemming_memo_stems_and_records_the_terms_for_the_surface() {
        let mut stemming = TextAnalyzer::builder(WhitespaceTokenizer::default())
            .filter(TermMemo::stemmed(rest()))
            .build();
        let mut plain = TextAnalyzer::builder(WhitespaceTokenizer::default())
            .filter(TermMemo::new(rest()))
            .build();
        let text = "Le chat de L'Armée voit les chrétiennes";
        for _ in 0..2 {
            let unstemmed = tokens(&mut plain, text);
            let stemmed = tokens(&mut stemming, text);
            assert_eq!(stemmed.len(), unstemmed.len());
            for (s, u) in stemmed.iter().zip(&unstemmed) {
                assert_eq!(s.text, crate::analysis::stemmer::stem(&u.text));
                assert_eq!((s.offset_from, s.offset_to), (u.offset_from, u.offset_to));
            }
            let mut replay = recorded(text).expect("recorded");
            let mut replayed = Vec::new();
            while let Some(t) = replay.next() {
                replayed.push(t.clone());
            }
            assert_eq!(replayed, unstemmed);
            assert!(recorded(text).is_none(), "a recording is used once");
        }
        assert!(recorded("never analysed").is_none());
    }

    #[test]
    fn a_stream_left_unfinished_records_nothing() {
        let mut stemming = TextAnalyzer::builder(WhitespaceTokenizer::default())
            .filter(TermMemo::stemmed(rest()))
            .build();
        let text = "trois mots seulement";
        let mut stream = stemming.token_stream(text);
        assert!(stream.advance());
        drop(stream);
        assert!(recorded(text).is_none());
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
