//! Small text helpers shared by the describing steps: accent folding for
//! comparisons, word counts and name-shape tests.

/// Lowercases and strips accents, so "Média" and "media", "L'Expression" and
/// "lexpression" compare equal once punctuation is dropped too.
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(strip_accent)
        .collect()
}

/// `fold` keeping only letters and digits: compares names across spelling
/// of spaces, apostrophes and hyphens ("L’Orient-Le Jour" ~ "lorientlejour").
pub fn fold_alnum(s: &str) -> String {
    fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

fn strip_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        '’' | 'ʼ' | '`' => '\'',
        _ => c,
    }
}

/// Number of whitespace-separated words.
pub fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Number of whitespace-separated words, counting no further than `cap`:
/// the describing tests only ask "is it short?", and a whole article body
/// need not be walked to answer that.
pub fn words_up_to(s: &str, cap: usize) -> usize {
    // The same words as `split_whitespace`, counted as the starts of
    // non-space runs without the generic splitter (which showed in
    // profiles): eight ASCII bytes at a time, other bytes by class (see
    // [`BYTE_CLASS`]).
    let bytes = s.as_bytes();
    let mut words = 0;
    let mut after_space = 1u8;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(&chunk) = bytes.get(i..).and_then(|b| b.first_chunk::<8>()) {
            let w = u64::from_le_bytes(chunk);
            if w & HIGH_BITS == 0 {
                let space = ascii_space_bits(w);
                let word = !space & 0xFF;
                let starts = word & ((space << 1) | u64::from(after_space));
                words += starts.count_ones() as usize;
                after_space = u8::from(space & 0x80 != 0);
                i += 8;
                if words >= cap {
                    return cap;
                }
                continue;
            }
        }
        // A chunk with a non-ASCII byte (or the tail): byte by byte.
        let end = (i + 8).min(bytes.len());
        while i < end {
            let mut class = BYTE_CLASS[usize::from(bytes[i])];
            if class == DECODE {
                let space = s[i..].chars().next().is_some_and(char::is_whitespace);
                class = if space { SPACE } else { WORD };
            }
            let word = class >> 1;
            words += usize::from(after_space & word);
            after_space = (class & SPACE) | (after_space & !word & 1);
            i += 1;
        }
    }
    words.min(cap)
}

const LOW_BITS: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// For eight ASCII bytes (little-endian in `w`), bit `k` set when byte `k`
/// is a space (' ' or '\t'..='\r', the ASCII characters `char::is_whitespace`
/// accepts).
fn ascii_space_bits(w: u64) -> u64 {
    let x = w ^ (LOW_BITS * u64::from(b' '));
    // High bit of each byte of `x` that is zero (exact: no borrows).
    let blanks = !(((x & !HIGH_BITS) + !HIGH_BITS) | x) & HIGH_BITS;
    // Bytes are at most 0x7F, so these sums do not carry between bytes:
    // the first has its high bit from 9 up, the second from 14 up.
    let controls = (w + LOW_BITS * (0x80 - 9)) & !(w + LOW_BITS * (0x80 - 14)) & HIGH_BITS;
    // Gather the eight high bits into the low byte, byte k to bit k.
    ((blanks | controls) >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// Byte classes for [`words_up_to`]: a space, the first byte of a word
/// character, a continuation byte (changes nothing), or the first byte of
/// a character that may be a Unicode space (U+0085, U+00A0, U+1680,
/// U+2000..U+205F, U+3000), which is decoded.
const SPACE: u8 = 1;
const WORD: u8 = 2;
const CONTINUATION: u8 = 0;
const DECODE: u8 = 4;
static BYTE_CLASS: [u8; 256] = {
    let mut t = [WORD; 256];
    let mut b = 0x80;
    while b < 0xC0 {
        t[b] = CONTINUATION;
        b += 1;
    }
    t[b' ' as usize] = SPACE;
    let mut b = b'\t';
    while b <= b'\r' {
        t[b as usize] = SPACE;
        b += 1;
    }
    t[0xC2] = DECODE;
    t[0xE1] = DECODE;
    t[0xE2] = DECODE;
    t[0xE3] = DECODE;
    t
};

/// True when `s` has at most `n` words (stops reading at word `n + 1`).
pub fn has_at_most_words(s: &str, n: usize) -> bool {
    words_up_to(s, n + 1) <= n
}

/// True when the word starts with an upper-case letter.
pub fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Lower-case words that may sit inside a name ("Jean de La Fontaine",
/// "Abou Bakr al-Baghdadi", "Ludwig van Beethoven") but never start one.
pub fn is_name_particle(w: &str) -> bool {
    matches!(
        fold(w).as_str(),
        "de" | "du"
            | "des"
            | "d'"
            | "la"
            | "le"
            | "l'"
            | "van"
            | "von"
            | "der"
            | "den"
            | "da"
            | "di"
            | "del"
            | "dos"
            | "al"
            | "el"
            | "ben"
            | "bin"
            | "ibn"
            | "y"
            | "zu"
            | "ter"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_apostrophes() {
        assert_eq!(fold("Média De Guerre"), "media de guerre");
        assert_eq!(fold("L’Expression"), "l'expression");
        assert_eq!(fold_alnum("L’Orient-Le Jour"), "lorientlejour");
    }

    #[test]
    fn bounded_word_counts_agree_with_word_count() {
        for s in [
            "",
            "  ",
            "un",
            " un  deux\ttrois\n",
            "a b c d e f g h",
            "x\u{a0}y\u{2009}z\u{1c}w ",
        ] {
            let n = word_count(s);
            for cap in 0..10 {
                assert_eq!(words_up_to(s, cap), n.min(cap), "{s:?} {cap}");
                assert_eq!(has_at_most_words(s, cap), n <= cap, "{s:?} {cap}");
            }
        }
    }

    #[test]
    fn bounded_word_counts_agree_on_mixed_text() {
        // Strings of every short combination of ASCII and Unicode spaces,
        // letters and multi-byte characters, some long enough for the
        // eight-byte path, checked against `split_whitespace`.
        let pieces = [
            "a",
            " ",
            "\t",
            "\n",
            "\u{b}",
            "\u{1c}",
            "\u{a0}",
            "é",
            "’",
            "\u{2003}",
            "\u{3000}",
            "\u{85}",
            "\u{1680}",
            "\u{202f}",
            "mot",
            "deux mots",
            "abcdefgh",
            "        ",
            "x\ry",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let mut s = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut r = seed;
            for _ in 0..(r % 12) {
                r /= 7;
                s.push_str(pieces[(r % pieces.len() as u64) as usize]);
                r = r.rotate_left(9) ^ seed;
            }
            let n = word_count(&s);
            for cap in [0, 1, 2, 3, 5, 8, 41] {
                assert_eq!(words_up_to(&s, cap), n.min(cap), "{s:?} {cap}");
            }
        }
    }

    #[test]
    fn space_bits_of_ascii_bytes() {
        let w = u64::from_le_bytes(*b" a\tb\r\x0e\x08\x0c");
        assert_eq!(ascii_space_bits(w), 0b1001_0101);
    }

    #[test]
    fn particles_are_lower_case_linking_words() {
        assert!(is_name_particle("de"));
        assert!(is_name_particle("von"));
        assert!(!is_name_particle("Jean"));
    }
}
