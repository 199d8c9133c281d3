//! Keys for names: `fold` (case, accents, spaces, hyphens, apostrophes) and
//! `normalise` (fold plus transliteration noise), so spellings of one name meet.

/// Lowercase without accents, keeping only letters and digits:
/// `Deir ez-Zor` → `deirezzor`. The same comparison the evaluation uses.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends `fold(s)` to `out`, so that callers folding every word of a
/// document reuse one buffer.
pub fn fold_into(s: &str, out: &mut String) {
    // Most words are plain ASCII: bytes, no character decoding.
    if s.is_ascii() {
        out.extend(
            s.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        return;
    }
    for c in s.chars() {
        push_folded(c, out);
    }
}

/// Pushes `c` lowercased and without its accent, or nothing for a separator.
fn push_folded(c: char, out: &mut String) {
    fold_char(c, &mut |f| out.push(f));
}

/// Gives `c` lowercased and without its accent to `emit` (ligatures and
/// `ß` as two letters), or nothing for a separator: the letters the
/// snippet finder compares too.
pub fn fold_char(c: char, emit: &mut impl FnMut(char)) {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            emit(c.to_ascii_lowercase());
        }
        return;
    }
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å'
        | 'Ā' => emit('a'),
        'æ' | 'Æ' => {
            emit('a');
            emit('e')
        }
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => emit('c'),
        'ď' | 'đ' | 'Ď' | 'Đ' | 'ḍ' | 'Ḍ' => emit('d'),
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ě' => {
            emit('e')
        }
        'ğ' | 'Ğ' => emit('g'),
        'ḩ' | 'Ḩ' | 'ḥ' | 'Ḥ' => emit('h'),
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'İ' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => {
            emit('i')
        }
        'ł' | 'Ł' => emit('l'),
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => emit('n'),
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' => {
            emit('o')
        }
        'œ' | 'Œ' => {
            emit('o');
            emit('e')
        }
        'ř' | 'Ř' => emit('r'),
        'ś' | 'š' | 'ş' | 'ș' | 'Ś' | 'Š' | 'Ş' | 'Ș' | 'ṣ' | 'Ṣ' => emit('s'),
        'ß' => {
            emit('s');
            emit('s')
        }
        'ť' | 'ţ' | 'ț' | 'Ť' | 'Ţ' | 'Ț' | 'ṭ' | 'Ṭ' => emit('t'),
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' => {
            emit('u')
        }
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => emit('y'),
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' | 'ẓ' | 'Ẓ' => emit('z'),
        _ if c.is_alphanumeric() => fold_rare(c, emit),
        _ => {}
    }
}

/// A letter the table above leaves out: decomposed (NFD), its base letter
/// lowercased without the marks (`ĉ`, `ḃ`, and in other scripts `ή`,
/// `ё`), else the letter lowercased; nothing for a combining mark.
fn fold_rare(c: char, emit: &mut impl FnMut(char)) {
    use unicode_normalization::char::{decompose_canonical, is_combining_mark};
    // Marks that Unicode counts as letters (Arabic vowel signs) are
    // accents all the same.
    if is_combining_mark(c) {
        return;
    }
    let mut base = None;
    let mut other = false;
    decompose_canonical(c, |d| {
        if base.is_none() {
            base = Some(d);
        } else if !is_combining_mark(d) {
            other = true;
        }
    });
    match base {
        Some(b) if b != c && b.is_alphanumeric() && !other => b.to_lowercase().for_each(emit),
        _ => c.to_lowercase().for_each(emit),
    }
}

/// Arabic articles written apart (`al-`, `el `, `ez-`…): dropped when a word
/// follows, since transliterations keep, drop or fuse them at will.
const ARTICLES: &[&str] = &[
    "al", "el", "ul", "ad", "ed", "ar", "er", "as", "es", "az", "ez", "at", "an", "ash", "ech",
];

/// Consonants an Arabic article assimilates to (`Ezzor` = `ez-Zor`).
const SUN_LETTERS: &[u8] = b"tdrzsnl";

/// The transliteration-absorbing key: `Deir Ezzor`, `Deir ez-Zor` and
/// `Dayr az-Zawr` all give `darzur`; `Al-Qaryatayn`, `Qaryatayn` and
/// `al-Qarytayn` all give `karitan`; `Daech` and `Daesh` give `dach`.
pub fn normalise(s: &str) -> String {
    let mut out = String::new();
    normalise_into(s, &mut String::new(), &mut out);
    out
}

/// [`normalise`] into `out`, with `joined` as scratch: recognition asks
/// the key of every capitalised word, and two buffers reused across a
/// document spare two allocations a word.
pub fn normalise_into(s: &str, joined: &mut String, out: &mut String) {
    // Words are folded straight into `joined`, then kept, dropped (an
    // article) or trimmed (a fused article) in place: no buffer per word.
    joined.clear();
    joined.reserve(s.len());
    let mut word_start = 0;
    // The last article seen, dropped once a word follows it.
    let mut article: Option<&'static str> = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let alphanumeric = c.is_alphanumeric();
        if alphanumeric {
            push_folded(c, joined);
        }
        let word_ends = !alphanumeric || chars.peek().is_none();
        if word_ends && joined.len() > word_start {
            let word = &joined[word_start..];
            article = ARTICLES.iter().copied().find(|a| *a == word);
            if article.is_some() {
                joined.truncate(word_start);
            } else if unfuse_article(word).len() < word.len() {
                joined.remove(word_start);
            }
            word_start = joined.len();
        }
    }
    // A final article is a word of its own (`Al` alone).
    if let Some(a) = article {
        joined.push_str(a);
    }
    spell_alike_squeezed(joined, out);
}

/// [`normalise`] of one word (letters and digits only, as a token is),
/// given its [`fold`], into `out`: the document has folded the word
/// already, and a word alone is its own article (`Al`), so only a fused
/// article and the spelling are left to do.
pub fn normalise_folded_word(folded: &str, out: &mut String) {
    spell_alike_squeezed(unfuse_article(folded), out);
}

/// `ezzor` → `zzor`, `assad` → `ssad`: an article fused to a sun letter.
fn unfuse_article(w: &str) -> &str {
    let b = w.as_bytes();
    if b.len() >= 5 && (b[0] == b'a' || b[0] == b'e') && b[1] == b[2] && SUN_LETTERS.contains(&b[1])
    {
        &w[1..]
    } else {
        w
    }
}

/// Maps spellings of one sound to one letter (French and English
/// transliteration habits: `sh`/`ch`, `dj`/`j`, `ou`/`u`, `q`/`k`, `y`/`i`…),
/// then collapses doubled letters and runs of vowels to their first letter;
/// in one pass since it runs on every alias at load time and on every
/// capitalised word of every document.
fn spell_alike_squeezed(s: &str, out: &mut String) {
    out.clear();
    out.reserve(s.len());
    if s.is_ascii() {
        spell_alike_squeezed_ascii(s.as_bytes(), out);
        return;
    }
    spell_alike_squeezed_chars(s, out);
}

/// [`spell_alike_squeezed`] of plain ASCII, byte by byte: nearly every
/// fold is, and bytes spare the decoding and the peeking.
fn spell_alike_squeezed_ascii(s: &[u8], out: &mut String) {
    let is_vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let mut prev: Option<u8> = None;
    let mut emit = |c: u8| {
        if prev.is_some_and(|p| p == c || (is_vowel(p) && is_vowel(c))) {
            return;
        }
        out.push(char::from(c));
        prev = Some(c);
    };
    let mut i = 0;
    while let Some(&c) = s.get(i) {
        let (sound, skip): (&[u8], usize) = match (c, s.get(i + 1).copied()) {
            (b's', Some(b'h')) => (b"ch", 2),
            (b'd', Some(b'j')) => (b"j", 2),
            (b'k' | b'g' | b't' | b'd' | b'z', Some(b'h')) => (b"", 1),
            (b'p', Some(b'h')) => (b"f", 2),
            (b'c', Some(b'k')) => (b"k", 2),
            (b'q', _) => (b"k", 1),
            (b'a', Some(b'w')) | (b'o', Some(b'u')) => (b"u", 2),
            (b'o' | b'w', _) => (b"u", 1),
            (b'y', _) => (b"i", 1),
            (b'e', Some(b'i' | b'y')) => (b"a", 1),
            _ => (b"", 0),
        };
        if skip == 0 {
            emit(c);
            i += 1;
        } else if sound.is_empty() {
            // `kh` → `k`: keep the consonant, drop the h.
            emit(c);
            i += 2;
        } else {
            sound.iter().for_each(|&c| emit(c));
            i += skip;
        }
    }
}

/// [`spell_alike_squeezed`] of any text, character by character.
fn spell_alike_squeezed_chars(s: &str, out: &mut String) {
    let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
    let mut prev: Option<char> = None;
    let mut emit = |c: char| {
        if prev.is_some_and(|p| p == c || (is_vowel(p) && is_vowel(c))) {
            return;
        }
        out.push(c);
        prev = Some(c);
    };
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let (sound, skip) = match (c, chars.peek().copied()) {
            ('s', Some('h')) => ("ch", 2),
            ('d', Some('j')) => ("j", 2),
            ('k' | 'g' | 't' | 'd' | 'z', Some('h')) => ("", 1),
            ('p', Some('h')) => ("f", 2),
            ('c', Some('k')) => ("k", 2),
            ('q', _) => ("k", 1),
            ('a', Some('w')) | ('o', Some('u')) => ("u", 2),
            ('o' | 'w', _) => ("u", 1),
            ('y', _) => ("i", 1),
            ('e', Some('i' | 'y')) => ("a", 1),
            _ => ("", 0),
        };
        if skip == 0 {
            emit(c);
        } else if sound.is_empty() {
            // `kh` → `k`: keep the consonant, drop the h.
            emit(c);
            chars.next();
        } else {
            sound.chars().for_each(&mut emit);
            if skip == 2 {
                chars.next();
            }
        }
    }
}

/// Edit distance between two keys, for suggestions.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for j in 0..b.len() {
            let up = row[j + 1];
            row[j + 1] = (diag + usize::from(ca != b[j])).min(up + 1).min(row[j] + 1);
            diag = up;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first, plainer version of `normalise`, kept to check the fast one.
    fn normalise_reference(s: &str) -> String {
        let mut joined = String::new();
        let mut word = String::new();
        let mut article = String::new();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            if c.is_alphanumeric() {
                push_folded(c, &mut word);
            }
            let word_ends = !c.is_alphanumeric() || chars.peek().is_none();
            if word_ends && !word.is_empty() {
                article.clear();
                if ARTICLES.contains(&word.as_str()) {
                    article.push_str(&word);
                } else {
                    joined.push_str(unfuse_article(&word));
                }
                word.clear();
            }
        }
        joined.push_str(&article);
        let c: Vec<char> = joined.chars().collect();
        let mut spelt = String::new();
        let mut i = 0;
        while i < c.len() {
            let next = c.get(i + 1).copied();
            let (emit, skip) = match (c[i], next) {
                ('s', Some('h')) => ("ch", 2),
                ('d', Some('j')) => ("j", 2),
                ('k' | 'g' | 't' | 'd' | 'z', Some('h')) => ("", 1),
                ('p', Some('h')) => ("f", 2),
                ('c', Some('k')) => ("k", 2),
                ('q', _) => ("k", 1),
                ('a', Some('w')) | ('o', Some('u')) => ("u", 2),
                ('o' | 'w', _) => ("u", 1),
                ('y', _) => ("i", 1),
                ('e', Some('i' | 'y')) => ("a", 1),
                _ => ("", 0),
            };
            if skip == 0 {
                spelt.push(c[i]);
                i += 1;
            } else {
                spelt.push_str(emit);
                if emit.is_empty() {
                    spelt.push(c[i]);
                    i += 2;
                } else {
                    i += skip;
                }
            }
        }
        let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
        let mut out = String::new();
        let mut prev: Option<char> = None;
        for c in spelt.chars() {
            if prev.is_some_and(|p| p == c || (is_vowel(p) && is_vowel(c))) {
                continue;
            }
            out.push(c);
            prev = Some(c);
        }
        out
    }

    #[test]
    fn normalise_agrees_with_the_reference() {
        for name in [
            "Al-Qaryatayn",
            "al Qarytayn",
            "Deir ez-Zor",
            "Dayr az-Zawr",
            "Ezzor",
            "Assad al",
            "Al",
            "el-Assad",
            "Shkhh Djouw",
            "Phuket Chek",
            "Qeyyoou",
            "Kaiser Wilhelm",
            "Æsir Œuvre ß",
            "Sokhné Ḩimş",
            "",
            "  ",
            "Zhaoqing-Chow",
        ] {
            assert_eq!(normalise(name), normalise_reference(name), "{name}");
        }
        // And every alias of the bundled gazetteer.
        for line in include_str!("../../data/curated.tsv").lines() {
            for name in line.split(['\t', '|']) {
                assert_eq!(normalise(name), normalise_reference(name), "{name}");
            }
        }
    }

    #[test]
    fn reused_buffers_give_the_same_keys() {
        let (mut joined, mut out) = (String::new(), String::new());
        // Longest first, so that each name finds the buffers dirty.
        for name in [
            "Dayr az-Zawr al",
            "Al-Qaryatayn",
            "Ezzor",
            "Al",
            "",
            "Sokhné",
        ] {
            normalise_into(name, &mut joined, &mut out);
            assert_eq!(out, normalise_reference(name), "{name}");
        }
    }

    #[test]
    fn a_folded_word_normalises_as_the_word() {
        let mut out = String::new();
        let curated = include_str!("../../data/curated.tsv");
        let words = curated
            .split(|c: char| !c.is_alphanumeric())
            .chain(["Al", "el", "Ezzor", "Assad", "Œuvre", "ḨIMŞ", "Straße"]);
        for w in words.filter(|w| !w.is_empty()) {
            normalise_folded_word(&fold(w), &mut out);
            assert_eq!(out, normalise(w), "{w}");
        }
    }

    #[test]
    fn ascii_spelling_pass_is_the_character_one() {
        let (mut bytes, mut chars) = (String::new(), String::new());
        // Every word of up to four letters over the letters the pass
        // treats, and every alias of the curated list.
        let letters = b"ascdjkghtzpqwouyeib";
        let mut words: Vec<String> = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = words
                .iter()
                .filter(|w| w.len() + 1 > words.last().map_or(0, String::len))
                .flat_map(|w| {
                    letters
                        .iter()
                        .map(move |&l| format!("{w}{}", char::from(l)))
                })
                .collect();
            words.extend(longer);
        }
        let curated = include_str!("../../data/curated.tsv");
        let aliases = curated.split(['\t', '|', '\n']).map(fold);
        for w in words.into_iter().chain(aliases).filter(|w| w.is_ascii()) {
            spell_alike_squeezed_ascii(w.as_bytes(), &mut bytes);
            chars.clear();
            spell_alike_squeezed_chars(&w, &mut chars);
            assert_eq!(bytes, chars, "{w}");
            bytes.clear();
        }
    }

    fn all_meet(names: &[&str]) {
        let k = normalise(names[0]);
        for n in names {
            assert_eq!(normalise(n), k, "{n} vs {}", names[0]);
        }
    }

    #[test]
    fn fold_ignores_case_accents_and_separators() {
        assert_eq!(fold("Deir ez-Zor"), "deirezzor");
        assert_eq!(fold("Sokhné"), "sokhne");
        assert_eq!(fold("l’Homme"), "lhomme");
        let mut buf = String::from("x");
        fold_into("Saint-Étienne", &mut buf);
        fold_into("A-1", &mut buf);
        assert_eq!(buf, "xsaintetiennea1");
    }

    #[test]
    fn qaryatayn_variants_meet() {
        all_meet(&[
            "Al-Qaryatayn",
            "Qaryatayn",
            "al-Qarytayn",
            "Al Qaryatayn",
            "al-Qaryatayn",
        ]);
    }

    #[test]
    fn deir_ezzor_variants_meet() {
        all_meet(&[
            "Deir Ezzor",
            "Deir Ez-Zor",
            "Deir ez-Zor",
            "Dayr az-Zawr",
            "Deir Al-Zour",
            "Deir ez-Zhor",
        ]);
    }

    #[test]
    fn transliteration_variants_meet() {
        all_meet(&["Daech", "Daesh"]);
        all_meet(&[
            "Bachar al-Assad",
            "Bashar al-Assad",
            "Bachar el-Assad",
            "Bachar al Assad",
        ]);
        all_meet(&["Mossoul", "Mosul"]);
    }

    #[test]
    fn different_names_stay_apart() {
        assert_ne!(normalise("Homs"), normalise("Hamas"));
        assert_ne!(normalise("Palmyre"), normalise("Tadmor"));
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("karitan", "karitan"), 0);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
