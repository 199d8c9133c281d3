//! Literal gates in front of regexes: most blocks of most pages contain none
//! of the words a pattern needs, and one Aho-Corasick pass over the text
//! (built once) answers "can the pattern match here?" far cheaper than
//! running the regex engine, which then only runs where it might match.
//!
//! A gate must never say no when its regex would match: its literals are
//! words every match contains. For a case-insensitive gate, the regex's
//! `(?i)` also lets `k` match the Kelvin sign and `s` the long s, so a text
//! holding either always opens the gate.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// Non-ASCII letters that Unicode case folding equates with ASCII ones
/// (`K` ~ k, `ſ` ~ s).
const ASCII_FOLD_PARTNERS: &[&str] = &["\u{212A}", "\u{17F}"];

/// A set of literals, at least one of which every match of a regex holds.
pub struct Gate {
    literals: AhoCorasick,
}

impl Gate {
    /// A gate on literals matched exactly (for case-sensitive patterns).
    pub fn exact(literals: &[&str]) -> Gate {
        Gate::build(literals, false)
    }

    /// A gate on ASCII literals matched in any case (for `(?i)` patterns).
    pub fn any_case(literals: &[&str]) -> Gate {
        debug_assert!(literals.iter().all(|l| l.is_ascii()));
        let mut all = literals.to_vec();
        all.extend_from_slice(ASCII_FOLD_PARTNERS);
        Gate::build(&all, true)
    }

    fn build(literals: &[&str], any_case: bool) -> Gate {
        let literals = AhoCorasickBuilder::new()
            .ascii_case_insensitive(any_case)
            .match_kind(MatchKind::LeftmostFirst)
            .build(literals)
            .expect("gate literals form a valid automaton");
        Gate { literals }
    }

    /// False when the text holds none of the literals, so the gated pattern
    /// cannot match it.
    pub fn may_match(&self, text: &str) -> bool {
        self.literals.is_match(text)
    }
}

/// True when `text` has an ASCII digit: a date can only be read from one,
/// since every date pattern needs digits and Rust parses only ASCII ones.
pub fn has_ascii_digit(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_gates_respect_case() {
        let g = Gate::exact(&["AFP", "Reuters"]);
        assert!(g.may_match("a indiqué à l'AFP"));
        assert!(g.may_match("selon Reuters."));
        assert!(!g.may_match("afp reuters"));
    }

    #[test]
    fn any_case_gates_fold_ascii_and_its_partners() {
        let g = Gate::any_case(&["comment", "lien permanent"]);
        assert!(g.may_match("3 COMMENTAIRES"));
        assert!(g.may_match("Lien Permanent"));
        assert!(!g.may_match("Un paragraphe ordinaire."));
        // What `(?i)` regexes also accept: the Kelvin sign and the long s.
        assert!(g.may_match("\u{212A}ommentar"));
        assert!(g.may_match("ſources"));
    }

    #[test]
    fn digits() {
        assert!(has_ascii_digit("le 3 mars"));
        assert!(!has_ascii_digit("le ٣ mars"));
    }
}
