//! Splits text into words: runs of letters and digits (with the combining
//! marks that may follow a letter). An apostrophe (' or ’) between two
//! letters stays inside the word so that the elision filter can see
//! `l’armée` whole; hyphens and all other punctuation separate.
//!
//! For an index, a compound (words joined by hyphens, `anti-casseurs`)
//! also gives one token for the whole compound after its parts, at the
//! position of its first part: the parts let `anti casseurs` find it, the
//! whole (folded to `anticasseurs`) lets a query typed joined find it too.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Most parts a compound's whole-word token is made for: longer hyphen
/// chains are lists or codes, not words.
const MAX_PARTS: usize = 6;

/// Tokenizer for French prose.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
    /// Whether compounds also give a token for the whole (for an index; a
    /// query builds its compound clauses itself).
    compounds: bool,
}

impl WordTokenizer {
    /// The tokenizer for documents: compounds give their whole too.
    pub fn with_compounds() -> WordTokenizer {
        WordTokenizer {
            token: Token::default(),
            compounds: true,
        }
    }
}

/// Token stream of [`WordTokenizer`].
pub struct WordTokenStream<'a> {
    text: &'a str,
    offset: usize,
    token: &'a mut Token,
    compounds: bool,
    /// Position of the last word given (`usize::MAX` before the first).
    position: usize,
    /// The compound being read: its byte span, the position of its first
    /// part and its number of parts so far.
    compound: Option<Compound>,
}

#[derive(Clone, Copy)]
struct Compound {
    from: usize,
    to: usize,
    position: usize,
    parts: usize,
    /// Whether some part has a letter (`2018-2019` is no word).
    letters: bool,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        WordTokenStream {
            text,
            offset: 0,
            token: &mut self.token,
            compounds: self.compounds,
            position: usize::MAX,
            compound: None,
        }
    }
}

/// The apostrophes French text uses for elision.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`')
}

/// The hyphens that join a compound's parts: `-`, and Unicode's hyphen and
/// non-breaking hyphen, which word processors put in.
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Whether `c` is a combining mark of the common blocks: in text stored
/// decomposed (NFD), `é` is `e` followed by U+0301, which belongs to the
/// word.
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36f}'
        | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe20}'..='\u{fe2f}')
}

/// `char::is_alphanumeric`, answered without Unicode tables for ASCII and
/// the Latin-1 letters French is written with (U+00C0..U+00FF are all
/// letters but × and ÷), plus combining marks. The rest of Latin-1 (« »,
/// the no-break space) and the punctuation block (’ … — and the narrow
/// no-break space) are between every few words of French news: answered
/// here too, not by a search of the tables.
fn is_word_char(c: char) -> bool {
    match c {
        '\0'..='\x7f' => c.is_ascii_alphanumeric(),
        '×' | '÷' => false,
        '\u{c0}'..='\u{ff}' => true,
        'ª' | '²' | '³' | 'µ' | '¹' | 'º' | '¼' | '½' | '¾' => true,
        '\u{80}'..='\u{bf}' | '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphanumeric() || is_combining_mark(c),
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

/// The number of words [`WordTokenizer`] (without compounds) cuts `text`
/// into: the same cuts, without copying each word into a token.
pub fn count_words(text: &str) -> u64 {
    let mut token = Token::default();
    let stream = WordTokenStream {
        text,
        offset: 0,
        token: &mut token,
        compounds: false,
        position: usize::MAX,
        compound: None,
    };
    let mut n = 0;
    let mut offset = 0;
    while let Some(start) = stream.word_start(offset) {
        offset = stream.word_end(start);
        n += 1;
    }
    n
}

impl WordTokenStream<'_> {
    /// Byte offset of the end of the word starting at `start`.
    fn word_end(&self, start: usize) -> usize {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = start;
        loop {
            // Most of a word is ASCII letters and digits: stepped over
            // without decoding characters (every body is read here once
            // for its length, and again by the analysis).
            while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
            }
            let Some((c, len)) = char_at(text, i) else {
                break;
            };
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
        let bytes = self.text.as_bytes();
        let mut i = from;
        loop {
            // ASCII spaces and punctuation, stepped over without decoding.
            while bytes
                .get(i)
                .is_some_and(|b| b.is_ascii() && !b.is_ascii_alphanumeric())
            {
                i += 1;
            }
            let Some((c, len)) = char_at(self.text, i) else {
                break;
            };
            if is_word_char(c) {
                return Some(i);
            }
            i += len;
        }
        None
    }

    /// Whether a hyphen at `end` joins the word ending there to another.
    fn hyphen_follows(&self, end: usize) -> bool {
        match char_at(self.text, end) {
            Some((c, len)) if is_hyphen(c) => {
                char_at(self.text, end + len).is_some_and(|(n, _)| is_word_char(n))
            }
            _ => false,
        }
    }

    /// Emits the whole-word token of the compound just read, if it is one.
    fn emit_compound(&mut self) -> bool {
        let Some(c) = self.compound.take() else {
            return false;
        };
        if c.parts < 2 || c.parts > MAX_PARTS || !c.letters {
            return false;
        }
        self.token.text.clear();
        self.token.text.push_str(&self.text[c.from..c.to]);
        self.token.offset_from = c.from;
        self.token.offset_to = c.to;
        // At the first part's position: phrases over the parts keep their
        // positions, and the whole takes none of its own.
        self.token.position = c.position;
        true
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        // A compound is complete when no hyphen joins its last part to a
        // further word: its whole comes right after that part.
        if self.compound.is_some_and(|c| !self.hyphen_follows(c.to)) && self.emit_compound() {
            return true;
        }
        let Some(start) = self.word_start(self.offset) else {
            self.offset = self.text.len();
            return false;
        };
        let end = self.word_end(start);
        self.position = self.position.wrapping_add(1);
        self.token.position = self.position;
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.token.text.push_str(&self.text[start..end]);
        self.offset = end;
        if self.compounds {
            let letters = self.token.text.chars().any(char::is_alphabetic);
            if let Some(c) = &mut self.compound {
                // Still open: a hyphen joined the last part to this word.
                c.to = end;
                c.parts += 1;
                c.letters |= letters;
            } else if self.hyphen_follows(end) {
                self.compound = Some(Compound {
                    from: start,
                    to: end,
                    position: self.position,
                    parts: 1,
                    letters,
                });
            }
        }
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
    fn words_are_counted_as_the_tokenizer_cuts_them() {
        for text in [
            "",
            "  ",
            "L’armée syrienne, l'EI et Al-Qaryatayn (sud-est). x' 30.000 ×÷ o'neill",
            "Ça\u{301} va ? Jusqu’à l’« été » — 2018-2019 ; d'",
        ] {
            assert_eq!(count_words(text), words(text).len() as u64, "{text:?}");
        }
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

    /// The words' spans, character by character with Unicode's tables: what
    /// the byte-skipping scanner must find.
    fn reference_spans(text: &str) -> Vec<(usize, usize)> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let word = |c: char| c.is_alphanumeric() || is_combining_mark(c);
        let (mut out, mut k) = (vec![], 0);
        while k < chars.len() {
            if !word(chars[k].1) {
                k += 1;
                continue;
            }
            let start = k;
            while k < chars.len() {
                let c = chars[k].1;
                let kept_apostrophe = is_apostrophe(c)
                    && k > start
                    && chars.get(k + 1).is_some_and(|(_, n)| n.is_alphabetic());
                if !word(c) && !kept_apostrophe {
                    break;
                }
                k += 1;
            }
            let end = chars.get(k).map_or(text.len(), |(i, _)| *i);
            out.push((chars[start].0, end));
        }
        out
    }

    #[test]
    fn words_are_cut_where_a_character_scan_cuts_them() {
        let texts = [
            "L’armée s'est emparée d'Al-Qaryatayn, à 120 km… « Ça » l'",
            "Straße ŒUVRE e\u{301}te\u{301} 3,5 % x' 'y aujourd’hui ’’ 2018-2019",
            "",
            "   ",
            "fin",
            "\u{202f}:\u{a0}ok μέρα Дом 東京 l'é",
        ];
        for t in texts {
            let mut token = Token::default();
            let stream = WordTokenStream {
                text: t,
                offset: 0,
                token: &mut token,
                compounds: false,
                position: usize::MAX,
                compound: None,
            };
            let (mut spans, mut offset) = (vec![], 0);
            while let Some(start) = stream.word_start(offset) {
                offset = stream.word_end(start);
                spans.push((start, offset));
            }
            assert_eq!(spans, reference_spans(t), "{t:?}");
            assert_eq!(count_words(t), spans.len() as u64, "{t:?}");
        }
    }

    #[test]
    fn word_chars_are_the_alphanumeric_ones_and_combining_marks() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric() || is_combining_mark(c),
                "{c:?}"
            );
        }
        assert_eq!(words("e\u{301}te\u{301} ici"), ["e\u{301}te\u{301}", "ici"]);
    }

    /// Words with their positions, as the document tokenizer gives them.
    fn document_words(text: &str) -> Vec<(String, usize)> {
        let mut t = WordTokenizer::with_compounds();
        let mut s = t.token_stream(text);
        let mut out = vec![];
        while s.advance() {
            out.push((s.token().text.clone(), s.token().position));
        }
        out
    }

    #[test]
    fn compounds_give_their_whole_after_their_parts() {
        let w = |s: &str, p| (s.to_string(), p);
        assert_eq!(
            document_words("la loi anti-casseurs votée"),
            [
                w("la", 0),
                w("loi", 1),
                w("anti", 2),
                w("casseurs", 3),
                w("anti-casseurs", 2),
                w("votée", 4)
            ]
        );
        assert_eq!(
            document_words("Puy-en-Velay"),
            [w("Puy", 0), w("en", 1), w("Velay", 2), w("Puy-en-Velay", 0)]
        );
        assert_eq!(
            document_words("l’Île\u{2011}de-France."),
            [
                w("l’Île", 0),
                w("de", 1),
                w("France", 2),
                w("l’Île\u{2011}de-France", 0)
            ]
        );
    }

    #[test]
    fn hyphens_between_numbers_or_spaces_make_no_compound() {
        assert_eq!(document_words("2018-2019").len(), 2);
        assert_eq!(document_words("Paris - Lyon").len(), 2);
        assert_eq!(document_words("sud- est").len(), 2);
        assert_eq!(document_words("-est-").len(), 1);
        // Queries build their compound clauses themselves.
        assert_eq!(words("anti-casseurs"), ["anti", "casseurs"]);
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
