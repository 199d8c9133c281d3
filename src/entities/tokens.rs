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
}

impl Token<'_> {
    pub fn capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    pub fn all_caps(&self) -> bool {
        self.text.chars().count() >= 2
            && self
                .text
                .chars()
                .all(|c| c.is_uppercase() || c.is_ascii_digit())
    }
}

/// Splits `text` into word tokens.
pub fn tokenise(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut gap_start = 0;
    let mut word_start: Option<usize> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_alphanumeric() {
            if word_start.is_none() {
                word_start = Some(i);
            }
            if iter.peek().is_none_or(|&(_, n)| !n.is_alphanumeric()) {
                let start = word_start.take().unwrap_or(i);
                let end = i + c.len_utf8();
                let gap = &text[gap_start..start];
                out.push(token(text, start, end, gap, out.is_empty()));
                gap_start = end;
            }
        }
    }
    out
}

fn token<'a>(text: &'a str, start: usize, end: usize, gap: &str, first: bool) -> Token<'a> {
    let ends_sentence = gap.contains(['.', '!', '?', '\n', '«', '"', '“', '…', ':']);
    // An abbreviation such as `M.` does not end a sentence.
    let after_abbreviation = gap.trim_start().starts_with('.') && {
        let before = text[..start - gap.len()]
            .rsplit(|c: char| !c.is_alphanumeric())
            .next();
        before
            .is_some_and(|w| matches!(w, "M" | "Mme" | "Mlle" | "Dr" | "Pr" | "St" | "Me" | "Mgr"))
    };
    let sentence_start = first || (ends_sentence && !after_abbreviation);
    let trimmed = gap.trim();
    Token {
        text: &text[start..end],
        start,
        end,
        sentence_start,
        break_before: first
            || gap.contains('\n')
            || !trimmed.chars().all(|c| matches!(c, '-' | '\'' | '’' | '‐')),
        hyphen_before: trimmed == "-" || trimmed == "‐",
        elided_before: trimmed == "'" || trimmed == "’",
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
}
