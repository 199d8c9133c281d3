//! What a block of text looks like, measured without knowing the site:
//! length, words, the share of stop words, how it ends, whether it is an
//! all-capitals label. Cleaning decides from these, never from the words
//! of a particular page.

use std::sync::LazyLock;

/// Short stop lists (French, English, German, Polish) merged into one set:
/// prose in any of these languages is dense in them, menus and labels are
/// not. Pages in other languages fall back on length and punctuation (see
/// [`page_has_stop_words`]).
const STOP_LISTS: [&str; 4] = [
    // French
    "le la les l un une des de du d et en à au aux ce ces cette cet qui que qu \
     dans pour par sur avec sans est sont a ont été être il elle ils elles on nous vous se s \
     sa son ses leur leurs ne n pas plus ou où mais comme y c j m t tout tous aussi lui dont",
    // English
    "the a an and or of to in on at for with by from is are was were be been \
     it its this that these those as not but he she they we you his her their have has had \
     will would can there which who what our your my i if so do does than",
    // German
    "der die das den dem des ein eine einen einem einer und oder zu zum zur im \
     in am an auf für mit von vom bei ist sind war waren wird werden sich nicht auch es er \
     sie wir ihr dass als wie aber noch nach aus um so nur hat haben ich du man",
    // Polish
    "i w z na się do nie że to jest o jak od po za dla co ale czy przez oraz są \
     jego jej ich",
];

/// The stop lists as a set of [`packed`] keys.
static STOP_WORDS: LazyLock<StopSet> = LazyLock::new(|| {
    StopSet::new(
        STOP_LISTS
            .iter()
            .flat_map(|l| l.split_whitespace())
            .filter_map(|w| packed(w.as_bytes())),
    )
});

/// A set of [`packed`] words in an open-addressing table small enough to
/// stay in cache: a lookup is a multiply, a shift and (almost always) one
/// load. This runs for every short word of every page, where a general
/// hash set was the largest cost of measuring a block.
struct StopSet {
    /// Zero marks an empty slot (a packed word is never zero).
    slots: Vec<u64>,
}

impl StopSet {
    const BITS: u32 = 10;

    fn new(keys: impl Iterator<Item = u64>) -> Self {
        let mut set = StopSet {
            slots: vec![0; 1 << Self::BITS],
        };
        for key in keys {
            let mut i = Self::slot(key);
            while set.slots[i] != 0 && set.slots[i] != key {
                i = (i + 1) & ((1 << Self::BITS) - 1);
            }
            set.slots[i] = key;
        }
        set
    }

    fn slot(key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - Self::BITS)) as usize
    }

    fn contains(&self, key: u64) -> bool {
        if key == 0 {
            return false;
        }
        let mut i = Self::slot(key);
        loop {
            match self.slots[i] {
                k if k == key => return true,
                0 => return false,
                _ => i = (i + 1) & ((1 << Self::BITS) - 1),
            }
        }
    }
}

/// At least the bytes of the longest stop word: a longer word is not
/// looked up (a test checks the bound).
const STOP_WORD_MAX_BYTES: usize = 8;

/// Invisible characters some sites put inside words (soft hyphens for
/// hyphenation, zero-width spaces and joiners): part of the word.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'
    )
}

/// The words of a block: runs of letters or digits. Apostrophes and hyphens
/// split words, so elided French articles (`l'`, `d'`) count as stop words.
/// Words may still hold invisible characters; [`lower_word`] drops them.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric() && !is_invisible(c))
        .filter(|w| w.chars().any(char::is_alphanumeric))
}

/// A word lowercased, without invisible characters.
pub fn lower_word(w: &str) -> String {
    w.chars()
        .filter(|&c| !is_invisible(c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Appends the lowercase of `c` to `out`, without the case tables for
/// ASCII (most characters of most pages).
#[inline]
pub fn push_lower(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if lowercase_is_itself_fast(c) {
        out.push(c);
    } else {
        out.extend(c.to_lowercase());
    }
}

/// Whether lowercasing `text` changes a character outside ASCII (an
/// accented capital, a Greek or Cyrillic one). When it does not, an
/// ASCII-case-insensitive match on `text` is a match on its lowercase.
pub fn lowercase_beyond_ascii(text: &str) -> bool {
    non_ascii_chars(text).any(|c| !lowercase_is_itself(c))
}

/// Whether the lowercase words of `text` ([`words`] through
/// [`lower_word`]) are its own words up to ASCII case: no capital outside
/// ASCII, no invisible character. Then a string those words hold is in
/// `text` too, up to ASCII case, which a cheap search can rule out.
pub fn ascii_case_is_enough(text: &str) -> bool {
    non_ascii_chars(text).all(|c| lowercase_is_itself(c) && !is_invisible(c))
}

/// The characters of `text` outside ASCII, found by skipping ASCII bytes.
fn non_ascii_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        // `i` stays on character boundaries.
        let p = bytes.get(i..)?.iter().position(|b| !b.is_ascii())?;
        let c = text.get(i + p..)?.chars().next()?;
        i += p + c.len_utf8();
        Some(c)
    })
}

/// Whether `c` is its own lowercase. Settled without the case tables for
/// ASCII and for what French adds to it: Latin-1 signs and small letters
/// (é, à, ç, «, no-break space) and general punctuation (’, “, …, —).
fn lowercase_is_itself(c: char) -> bool {
    lowercase_is_itself_fast(c) || c.to_lowercase().eq(std::iter::once(c))
}

/// The table-free part of [`lowercase_is_itself`]: `true` is certain,
/// `false` means "ask the tables".
#[inline]
fn lowercase_is_itself_fast(c: char) -> bool {
    matches!(
        c,
        '\0'..='\u{40}' | '\u{5b}'..='\u{bf}' | '\u{df}'..='\u{ff}' | '\u{2000}'..='\u{206f}'
    )
}

/// Whether a (lowercase) word is on the stop list.
pub fn is_stop_word(lower: &str) -> bool {
    packed(lower.as_bytes()).is_some_and(|k| STOP_WORDS.contains(k))
}

/// For a [`packed`] word of n ASCII letters and digits, the bits that
/// lowercase it: bit 5 of each of its n bytes (a digit has it already).
const ASCII_LOWER_BITS: [u64; 65] = {
    let mut t = [0u64; 65];
    let mut n = 1;
    while n <= 8 {
        t[n] = t[n - 1] | (0x20 << (8 * (n - 1)));
        n += 1;
    }
    let mut m = 9;
    while m <= 64 {
        t[m] = t[8];
        m += 1;
    }
    t
};

/// A word of at most [`STOP_WORD_MAX_BYTES`] bytes as one integer (its
/// bytes, zero-padded): a cheap key, unique since words hold no NUL.
fn packed(word: &[u8]) -> Option<u64> {
    let mut key = [0u8; 8];
    key.get_mut(..word.len())?.copy_from_slice(word);
    Some(u64::from_le_bytes(key))
}

/// Measurements of one block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    /// Characters (not bytes).
    pub chars: usize,
    /// Words as [`words`] counts them.
    pub words: usize,
    /// Stop words among them.
    pub stop_words: usize,
    /// Ends like a sentence: `. ! ? … » " ” “ ) ;` (and not a lone initial).
    pub ends_sentence: bool,
    /// Letters are all capitals (a rubric or a menu label, not prose).
    pub all_caps: bool,
}

impl Features {
    /// Measures `text` (already trimmed), in one pass over its characters
    /// and without allocating: this runs on every line of every page.
    /// Words are cut as [`words`] cuts them and lowercased as
    /// [`lower_word`] does, into a small buffer that gives up (not a stop
    /// word) once the word is longer than any stop word.
    pub fn of(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut f = Features {
            chars: text.chars().count(),
            ..Default::default()
        };
        // ASCII letters in passes the compiler vectorises (or that stop at
        // the first small letter); the loop below adds the other letters.
        let mut letters = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
        let mut lowercase_seen = bytes.iter().any(u8::is_ascii_lowercase);
        let mut word = WordBuf::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii() {
                // Up to 64 bytes of ASCII at once: their words are found
                // from a bit mask of letters and digits, without a branch
                // per byte.
                let (mask, len) = ascii_alnum_mask(&bytes[i..]);
                f.count_ascii_words(&bytes[i..i + len], mask, &mut word);
                i += len;
                continue;
            }
            // `i` moves by whole characters, so it is on a boundary.
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            let (alphabetic, lowercase) = letter_case(c);
            if alphabetic {
                letters += 1;
                lowercase_seen |= lowercase;
            }
            if alphabetic || is_numeric_beyond_ascii(c) {
                word.push_lower(c);
            } else if !is_invisible(c) {
                f.count_word(&word);
                word.clear();
            }
        }
        f.count_word(&word);
        f.ends_sentence = ends_like_sentence(text);
        f.all_caps = letters >= 3 && !lowercase_seen;
        f
    }

    /// Counts the words of an ASCII `segment` whose letters and digits are
    /// the set bits of `mask`. `word` is the word in progress, continued
    /// by a run at the segment's start and left open by one at its end.
    fn count_ascii_words(&mut self, segment: &[u8], mask: u64, word: &mut WordBuf) {
        let len = segment.len();
        let mut k = 0;
        while k < len {
            let rest = mask >> k;
            if rest == 0 {
                // Only separators left in the segment.
                self.end_word(word);
                break;
            }
            let start = k + rest.trailing_zeros() as usize;
            if start > k {
                self.end_word(word);
            }
            let run = ((!(mask >> start)).trailing_zeros() as usize).min(len - start);
            let end = start + run;
            if !word.has_alnum && end < len {
                // A whole word inside the segment (a separator on each
                // side): counted straight from the bytes.
                self.words += 1;
                let is_stop = packed(&segment[start..end])
                    .is_some_and(|k| word.stop_words.contains(k | ASCII_LOWER_BITS[run]));
                self.stop_words += usize::from(is_stop);
            } else {
                word.push_ascii_lower(&segment[start..end]);
            }
            k = end;
        }
    }

    /// Counts the word in progress, if any, and starts a new one.
    fn end_word(&mut self, word: &mut WordBuf) {
        if word.has_alnum {
            self.count_word(word);
            word.clear();
        }
    }

    /// Counts the word in `word`, if it is one (it holds a letter or digit).
    fn count_word(&mut self, word: &WordBuf) {
        if word.has_alnum {
            self.words += 1;
            if word.key().is_some_and(|k| word.stop_words.contains(k)) {
                self.stop_words += 1;
            }
        }
    }

    /// Share of stop words among the words (0 for an empty block).
    pub fn stop_density(&self) -> f32 {
        if self.words == 0 {
            0.0
        } else {
            self.stop_words as f32 / self.words as f32
        }
    }
}

/// `char::is_numeric` for a character beyond ASCII, without the Unicode
/// tables for Latin-1 (where only ² ³ ¹ ¼ ½ ¾ are) and the punctuation
/// block (none).
#[inline]
fn is_numeric_beyond_ascii(c: char) -> bool {
    match c {
        '²' | '³' | '¹' | '¼' | '½' | '¾' => true,
        '\u{80}'..='\u{ff}' | '\u{2000}'..='\u{206f}' => false,
        _ => c.is_numeric(),
    }
}

/// Whether `c` is alphabetic, and if so whether it is lowercase; Latin-1
/// letters (é, à, Ç) without the Unicode tables, nor the rest of Latin-1
/// and the punctuation block (« » ’ … —, no-break spaces), which come
/// between every few words of French news.
#[inline]
fn letter_case(c: char) -> (bool, bool) {
    match c {
        '\u{d7}' | '\u{f7}' => (false, false),
        '\u{c0}'..='\u{de}' => (true, false),
        '\u{df}'..='\u{ff}' => (true, true),
        'ª' | 'µ' | 'º' => (true, true),
        '\u{80}'..='\u{bf}' | '\u{2000}'..='\u{206f}' => (false, false),
        _ => {
            let alphabetic = c.is_alphabetic();
            (alphabetic, alphabetic && c.is_lowercase())
        }
    }
}

/// The bit mask (bit k for byte k) of the ASCII letters and digits among
/// the first bytes of `b`, up to 64 bytes and the first non-ASCII byte,
/// and how many bytes it covers (at least one if `b` starts with ASCII).
/// Eight bytes at a time, as one integer (SWAR).
fn ascii_alnum_mask(b: &[u8]) -> (u64, usize) {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let (mut mask, mut len) = (0u64, 0usize);
    while len < 64 && len < b.len() {
        let chunk = &b[len..(len + 8).min(b.len())];
        let x = match <[u8; 8]>::try_from(chunk) {
            Ok(full) => u64::from_le_bytes(full),
            Err(_) => {
                let mut buf = [0u8; 8];
                buf[..chunk.len()].copy_from_slice(chunk);
                u64::from_le_bytes(buf)
            }
        };
        let high = x & HIGH;
        let ascii = if high == 0 {
            chunk.len()
        } else {
            (high.trailing_zeros() as usize / 8).min(chunk.len())
        };
        // Bytes past the ASCII ones become NUL, which is not alphanumeric.
        let x = if ascii == 8 {
            x
        } else {
            x & ((1u64 << (8 * ascii)) - 1)
        };
        mask |= u64::from(alnum_bits(x)) << len;
        len += ascii;
        if ascii < 8 {
            break;
        }
    }
    (mask, len)
}

/// One bit per byte of `x` (eight ASCII bytes): set for a letter or digit.
fn alnum_bits(x: u64) -> u8 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const fn splat(b: u8) -> u64 {
        u64::from_le_bytes([b; 8])
    }
    // Each byte is below 0x80, so adding below 0x80 never carries into
    // the next byte: the high bit says "at least" the bound.
    let folded = x | splat(0x20);
    let letter = (folded + splat(0x80 - b'a')) & !(folded + splat(0x80 - b'z' - 1)) & HIGH;
    let digit = (x + splat(0x80 - b'0')) & !(x + splat(0x80 - b'9' - 1)) & HIGH;
    // Gather the high bits, byte k to bit k.
    (((letter | digit) >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u8
}

/// A word being lowercased, on the stack: only words as short as a stop
/// word are kept; a longer one just counts its length past the buffer.
struct WordBuf {
    bytes: [u8; STOP_WORD_MAX_BYTES],
    len: usize,
    has_alnum: bool,
    /// The stop list, looked up once per block rather than once per word.
    stop_words: &'static StopSet,
}

impl WordBuf {
    fn new() -> Self {
        WordBuf {
            bytes: [0; STOP_WORD_MAX_BYTES],
            len: 0,
            has_alnum: false,
            stop_words: &STOP_WORDS,
        }
    }

    /// Appends a run of ASCII letters and digits, lowercased.
    #[inline]
    fn push_ascii_lower(&mut self, run: &[u8]) {
        self.has_alnum = true;
        let end = self.len + run.len();
        if let Some(dest) = self.bytes.get_mut(self.len..end) {
            // Setting bit 5 lowercases an ASCII letter and keeps a digit.
            for (d, &b) in dest.iter_mut().zip(run) {
                *d = b | 0x20;
            }
        }
        // Past the buffer, the length still grows: it says "too long".
        self.len = end;
    }

    /// Appends the lowercase of the letter or digit `c`.
    fn push_lower(&mut self, c: char) {
        self.has_alnum = true;
        if lowercase_is_itself_fast(c) {
            let end = self.len + c.len_utf8();
            if end <= STOP_WORD_MAX_BYTES {
                c.encode_utf8(&mut self.bytes[self.len..end]);
            }
            self.len = end;
            return;
        }
        for l in c.to_lowercase() {
            let end = self.len + l.len_utf8();
            if end > STOP_WORD_MAX_BYTES {
                self.len = end;
                return;
            }
            l.encode_utf8(&mut self.bytes[self.len..end]);
            self.len = end;
        }
    }

    /// The word as a stop-list key, unless it outgrew every stop word.
    /// Bytes past the length may hold a previous word: they are masked.
    fn key(&self) -> Option<u64> {
        (self.len <= STOP_WORD_MAX_BYTES).then(|| {
            let all = u64::from_le_bytes(self.bytes);
            match self.len {
                8 => all,
                n => all & ((1u64 << (8 * n)) - 1),
            }
        })
    }

    fn clear(&mut self) {
        self.len = 0;
        self.has_alnum = false;
    }
}

/// Whether `text` ends with sentence punctuation. Closing quotes and
/// brackets count (a quotation often closes a paragraph).
pub fn ends_like_sentence(text: &str) -> bool {
    let t = text.trim_end();
    matches!(
        t.chars().last(),
        Some('.' | '!' | '?' | '…' | '»' | '"' | '”' | '“' | ')' | ';' | '。' | '！' | '？')
    )
}

/// Whether the page as a whole is written in a language of the stop list:
/// if its stop words are rare, stop-word density says nothing about its
/// blocks and must not be used.
pub fn page_has_stop_words(features: &[Features]) -> bool {
    let (stop, all) = features
        .iter()
        .fold((0, 0), |(s, a), f| (s + f.stop_words, a + f.words));
    all > 0 && stop as f32 / all as f32 >= 0.12
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_and_elided_stop_words() {
        let f = Features::of("L'armée s'est emparée de la ville.");
        assert_eq!(f.words, 8);
        // l, s, est, de, la
        assert_eq!(f.stop_words, 5);
        assert!(f.ends_sentence);
        assert!(!f.all_caps);
    }

    /// The straightforward measurement `Features::of` must agree with.
    fn reference_of(text: &str) -> Features {
        let mut f = Features {
            chars: text.chars().count(),
            ..Default::default()
        };
        for w in words(text) {
            f.words += 1;
            if is_stop_word(&lower_word(w)) {
                f.stop_words += 1;
            }
        }
        f.ends_sentence = ends_like_sentence(text);
        let mut letters = text.chars().filter(|c| c.is_alphabetic()).peekable();
        f.all_caps = letters.peek().is_some()
            && text.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && letters.all(|c| !c.is_lowercase());
        f
    }

    #[test]
    fn one_pass_measure_agrees_with_the_reference() {
        for t in [
            "",
            "L'armée s'est emparée de la ville.",
            "LE LA LES Où OÙ À à",
            "Ihr gelang eini\u{ad}ges in ihrem Le\u{ad}ben und mit der Zeit.",
            "\u{ad}\u{200b} -- \u{ad}le\u{ad} DE\u{200d}R",
            "İl A ÉTÉ ΣΟΦΟΣ σοφός Straße STRASSE ǅ ǆ ½ 42 ٣ sIę",
            "anticonstitutionnellement et de la",
            "A1 B2 C3",
            "ÉTÉ",
            "ÉTÉ 2021 !",
            "words, words; (the) «le» — ‘das’",
        ] {
            assert_eq!(Features::of(t), reference_of(t), "{t}");
        }
    }

    #[test]
    fn stop_words_fit_the_word_buffer() {
        for w in STOP_LISTS.iter().flat_map(|l| l.split_whitespace()) {
            assert!(w.len() <= STOP_WORD_MAX_BYTES, "{w}");
            assert!(is_stop_word(w), "{w}");
        }
        assert!(!is_stop_word("lea"));
        assert!(!is_stop_word(""));
        assert!(!is_stop_word("anticonstitutionnellement"));
    }

    #[test]
    fn measure_agrees_with_the_reference_on_combinations() {
        let pieces = [
            "a",
            "LE",
            "é",
            "É",
            " ",
            "'",
            "\u{ad}",
            "1",
            "de la ",
            "sixtyfourbytes",
            "’",
            "İ",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            texts = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            for t in &texts {
                // Repeated to cross the 64-byte segments at every offset.
                let long = t.repeat(9);
                assert_eq!(Features::of(t), reference_of(t), "{t:?}");
                assert_eq!(Features::of(&long), reference_of(&long), "{long:?}");
            }
        }
    }

    #[test]
    fn alnum_mask_of_ascii() {
        for t in [
            "",
            "Le 3e @[`{ Zz 09/:",
            "abc\u{e9}def",
            "0123456789012345678901234567890123456789012345678901234567890123456789",
            "\x10\x19\t A",
        ] {
            let (mask, len) = ascii_alnum_mask(t.as_bytes());
            let ascii = t.bytes().take_while(u8::is_ascii).count().min(64);
            assert_eq!(len, ascii, "{t:?}");
            for (k, b) in t.bytes().take(len).enumerate() {
                assert_eq!(mask >> k & 1 == 1, b.is_ascii_alphanumeric(), "{t:?} {k}");
            }
            assert_eq!(mask >> len.min(63) >> 1, 0, "{t:?}");
        }
        for b in 0u8..128 {
            let bits = alnum_bits(u64::from_le_bytes([b; 8]));
            assert_eq!(bits == 0xff, b.is_ascii_alphanumeric(), "{b}");
        }
    }

    #[test]
    fn lowercasing_helpers() {
        let mut s = String::new();
        for c in "ÉTÉ à Paris İ".chars() {
            push_lower(&mut s, c);
        }
        assert_eq!(s, "été à paris i\u{307}");
        assert!(!lowercase_beyond_ascii("Privacy Policy"));
        assert!(!lowercase_beyond_ascii("été à Paris"));
        assert!(lowercase_beyond_ascii("ÉTÉ"));
        assert!(lowercase_beyond_ascii("\u{212a}elvin"));
        assert!(ascii_case_is_enough("LAISSER un commentaire à «été»"));
        assert!(!ascii_case_is_enough("RÉACTIONS"));
        assert!(!ascii_case_is_enough("Com\u{ad}ments"));
        for c in ('\0'..='\u{3000}').chain(['\u{1e9e}', '\u{10400}']) {
            assert_eq!(
                letter_case(c),
                (c.is_alphabetic(), c.is_alphabetic() && c.is_lowercase()),
                "{c:?}"
            );
            if !c.is_ascii() {
                assert_eq!(is_numeric_beyond_ascii(c), c.is_numeric(), "{c:?}");
            }
            assert_eq!(
                lowercase_is_itself(c),
                c.to_lowercase().eq(std::iter::once(c)),
                "{c:?}"
            );
        }
    }

    #[test]
    fn soft_hyphens_stay_inside_words() {
        let f = Features::of("Ihr gelang eini\u{ad}ges in ihrem Le\u{ad}ben und mit der Zeit.");
        assert_eq!(f.words, 10);
        assert_eq!(lower_word("News\u{ad}let\u{ad}ter"), "newsletter");
    }

    #[test]
    fn sees_labels_and_menus() {
        let f = Features::of("SYRIE");
        assert!(f.all_caps);
        assert!(!f.ends_sentence);
        let f = Features::of("Über uns");
        assert_eq!(f.stop_density(), 0.0);
        assert!(!Features::of("A1").all_caps);
    }

    #[test]
    fn sentence_endings_include_quotes() {
        assert!(ends_like_sentence("Il a dit «non»"));
        assert!(ends_like_sentence("Er sagte „nein“"));
        assert!(!ends_like_sentence("Vers Raqqa, Deir Ezzor et l'Irak"));
    }

    #[test]
    fn page_language_check() {
        let prose = vec![Features::of(
            "Der Fonds hat vor allem eine symbolische Bedeutung für die Welt.",
        )];
        assert!(page_has_stop_words(&prose));
        let chinese = vec![Features::of("就放心去吧 就放心去吧")];
        assert!(!page_has_stop_words(&chinese));
    }
}
