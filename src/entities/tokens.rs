//! Word tokens with their offsets and the few facts recognition needs:
//! capital initial, start of a sentence, punctuation in between.

/// One word of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    /// Starts a sentence (or the text, a line, a quotation): its capital says nothing.
    pub sentence_start: bool,
    /// Punctuation other than a hyphen, apostrophe or space separates it from
    /// the previous token: a name does not run across it.
    pub break_before: bool,
    /// Joined to the previous token by a hyphen (`al-Koum`, `sud-ouest`).
    pub hyphen_before: bool,
    /// Joined to the previous token by an apostrophe (`d'Alep`, `l'Homme`).
    pub elided_before: bool,
    /// Capital initial, computed once: every pass asks it of every token.
    capitalised: bool,
    /// Two characters or more, all capitals or digits (`EI`, `ONU`), computed once.
    all_caps: bool,
    /// Plain ASCII: lowercasing and folding are then byte operations.
    ascii: bool,
}

impl Token<'_> {
    pub fn capitalised(&self) -> bool {
        self.capitalised
    }

    pub fn all_caps(&self) -> bool {
        self.all_caps
    }

    pub fn is_ascii(&self) -> bool {
        self.ascii
    }
}

/// The case facts of a word: capital initial, and all capitals (two
/// characters or more, digits allowed). Most words are ASCII: bytes suffice.
fn case_of(w: &str, ascii: bool) -> (bool, bool) {
    if ascii {
        let b = w.as_bytes();
        let capitalised = b.first().is_some_and(u8::is_ascii_uppercase);
        let all_caps = b.len() >= 2
            && b.iter()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        return (capitalised, all_caps);
    }
    let capitalised = w.chars().next().is_some_and(char::is_uppercase);
    let all_caps =
        w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
    (capitalised, all_caps)
}

/// `char::is_alphanumeric`, answered without the Unicode tables for the
/// characters of French text: Latin-1 letters, quotes and dashes.
fn is_word_char(c: char) -> bool {
    match c {
        '\u{80}'..='\u{BF}' => matches!(c, 'ª' | '²' | '³' | 'µ' | '¹' | 'º' | '¼' | '½' | '¾'),
        '\u{C0}'..='\u{FF}' => c != '×' && c != '÷',
        '\u{2000}'..='\u{206F}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// Splits `text` into word tokens: maximal runs of alphanumeric characters.
pub fn tokenise(text: &str) -> Vec<Token<'_>> {
    // About one token per six bytes of French prose.
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    let bytes = text.as_bytes();
    let mut gap_start = 0;
    let mut i = 0;
    // The character at `i` if it is not ASCII and is a word character.
    let wide_word_char = |i: usize| {
        text.get(i..)
            .and_then(|rest| rest.chars().next())
            .filter(|&c| !c.is_ascii() && is_word_char(c))
    };
    while i < bytes.len() {
        // The gap: ASCII separators byte by byte, other characters decoded.
        while i < bytes.len() && bytes[i] < 0x80 && !bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        if bytes[i] >= 0x80 && wide_word_char(i).is_none() {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        // The word, likewise, noting whether it is plain ASCII.
        let start = i;
        let mut ascii = true;
        loop {
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let wide = bytes.get(i).is_some_and(|&b| b >= 0x80);
            match wide.then(|| wide_word_char(i)).flatten() {
                Some(c) => {
                    ascii = false;
                    i += c.len_utf8();
                }
                None => break,
            }
        }
        out.push(token(text, start..i, ascii, gap_start, out.is_empty()));
        gap_start = i;
    }
    out
}

fn token(
    text: &str,
    word: std::ops::Range<usize>,
    ascii: bool,
    gap_start: usize,
    first: bool,
) -> Token<'_> {
    let (start, end) = (word.start, word.end);
    let word = &text[word];
    let (capitalised, all_caps) = case_of(word, ascii);
    let gap = &text[gap_start..start];
    // Most gaps are one space: nothing to learn from them.
    if gap == " " {
        return Token {
            text: word,
            start,
            end,
            sentence_start: first,
            break_before: first,
            hyphen_before: false,
            elided_before: false,
            capitalised,
            all_caps,
            ascii,
        };
    }
    let ends_sentence = if gap.is_ascii() {
        gap.bytes()
            .any(|b| matches!(b, b'.' | b'!' | b'?' | b'\n' | b'"' | b':'))
    } else {
        gap.contains(['.', '!', '?', '\n', '«', '"', '“', '…', ':'])
    };
    // An abbreviation such as `M.` does not end a sentence.
    let after_abbreviation = gap.trim_start().starts_with('.') && {
        let before = text[..gap_start]
            .rsplit(|c: char| !c.is_alphanumeric())
            .next();
        before
            .is_some_and(|w| matches!(w, "M" | "Mme" | "Mlle" | "Dr" | "Pr" | "St" | "Me" | "Mgr"))
    };
    let sentence_start = first || (ends_sentence && !after_abbreviation);
    let trimmed = gap.trim();
    Token {
        text: word,
        start,
        end,
        sentence_start,
        break_before: first
            || gap.contains('\n')
            || !trimmed.chars().all(|c| matches!(c, '-' | '\'' | '’' | '‐')),
        hyphen_before: trimmed == "-" || trimmed == "‐",
        elided_before: trimmed == "'" || trimmed == "’",
        capitalised,
        all_caps,
        ascii,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_sentence_starts_and_breaks() {
        let t = tokenise("Il a dit. Selon M. Abdel Rahmane, l'EI d'al-Koum");
        let names: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(
            names,
            ["Il", "a", "dit", "Selon", "M", "Abdel", "Rahmane", "l", "EI", "d", "al", "Koum"]
        );
        assert!(t[0].sentence_start && t[3].sentence_start);
        assert!(!t[5].sentence_start, "M. is not a sentence end");
        assert!(t[7].break_before, "comma");
        assert!(t[8].elided_before && !t[8].break_before);
        assert!(t[11].hyphen_before);
        assert!(t[8].all_caps() && t[5].capitalised());
    }

    #[test]
    fn word_chars_are_the_alphanumerics() {
        for c in (0..0x2100).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn case_facts_of_accented_words() {
        let t = tokenise("Élysée ÉTAT É 2E ça");
        let ascii: Vec<bool> = t.iter().map(Token::is_ascii).collect();
        assert_eq!(ascii, [false, false, false, true, false]);
        let caps: Vec<(bool, bool)> = t.iter().map(|t| (t.capitalised(), t.all_caps())).collect();
        assert_eq!(
            caps,
            [
                (true, false),
                (true, true),
                (true, false),
                (false, true),
                (false, false)
            ]
        );
    }

    #[test]
    fn words_end_at_the_text_end_and_at_any_symbol() {
        let t = tokenise("Alep—Homs 3·4 fin");
        let names: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(names, ["Alep", "Homs", "3", "4", "fin"]);
        assert!(t[1].break_before && !t[4].break_before);
    }
}
