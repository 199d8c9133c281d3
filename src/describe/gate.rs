//! Literal gates in front of regexes: most blocks of most pages contain none
//! of the words a pattern needs, and one Aho-Corasick pass over the text
//! (built once) answers "can the pattern match here?" far cheaper than
//! running the regex engine, which then only runs where it might match.
//!
//! A gate must never say no when its regex would match: its literals are
//! words every match contains. For a case-insensitive gate, the regex's
//! `(?i)` also lets `k` match the Kelvin sign and `s` the long s, so a text
//! holding either always opens the gate.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};

/// Non-ASCII letters that Unicode case folding equates with ASCII ones
/// (`K` ~ k, `ſ` ~ s).
const ASCII_FOLD_PARTNERS: &[&str] = &["\u{212A}", "\u{17F}"];

/// A set of literals, at least one of which every match of a regex holds.
pub struct Gate {
    set: GateSet,
}

impl Gate {
    /// A gate on literals matched exactly (for case-sensitive patterns).
    pub fn exact(literals: &[&'static str]) -> Gate {
        Gate {
            set: GateSet::exact(&[literals]),
        }
    }

    /// A gate on ASCII literals matched in any case (for `(?i)` patterns).
    pub fn any_case(literals: &[&'static str]) -> Gate {
        Gate {
            set: GateSet::any_case(&[literals]),
        }
    }

    /// False when the text holds none of the literals, so the gated pattern
    /// cannot match it.
    pub fn may_match(&self, text: &str) -> bool {
        self.set.open(text) != 0
    }
}

/// Texts up to this many bytes are lowercased into a buffer on the stack
/// for an any-case search: an exact search of lowercase literals can use
/// SIMD prefilters, a case-insensitive automaton reads byte by byte.
const FOLD_BUFFER: usize = 512;

/// Several gates read in one pass over a text: which groups of literals
/// it holds.
pub struct GateSet {
    /// The literals as given, matched exactly, or in any case with the
    /// Kelvin sign and the long s opening every group.
    given: Literals,
    /// For an any-case set, every spelling of the lowercased literals with
    /// `K` for k and `ſ` for s, matched exactly against lowercased text:
    /// exact literals let the search use SIMD prefilters, where a
    /// case-insensitive automaton reads byte by byte.
    lowercase: Option<Literals>,
}

/// An automaton and, for each group, its literals.
struct Literals {
    automaton: AhoCorasick,
    any_case: bool,
    groups: Vec<Vec<String>>,
    /// For each pattern, the groups it opens (as bits).
    opens: Vec<u32>,
}

impl Literals {
    fn new(groups: Vec<Vec<String>>, any_case: bool, extra: &[&str], extra_opens: u32) -> Literals {
        let mut patterns: Vec<&str> = Vec::new();
        let mut opens: Vec<u32> = Vec::new();
        for (g, literals) in groups.iter().enumerate() {
            patterns.extend(literals.iter().map(String::as_str));
            opens.extend(literals.iter().map(|_| 1u32 << g));
        }
        patterns.extend_from_slice(extra);
        opens.extend(extra.iter().map(|_| extra_opens));
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(any_case)
            .match_kind(MatchKind::LeftmostFirst)
            .build(&patterns)
            .expect("gate literals form a valid automaton");
        Literals {
            automaton,
            any_case,
            groups,
            opens,
        }
    }

    /// The groups with a literal in `text`.
    fn scan(&self, text: &[u8]) -> u32 {
        let every = (1u32 << self.groups.len()) - 1;
        let mut open = 0;
        let mut at = 0;
        while open != every {
            let Some(m) = self.automaton.find(Input::new(text).range(at..)) else {
                break;
            };
            open |= self.opens[m.pattern().as_usize()];
            // The scan reports one literal per position: a literal of
            // another group starting at the same place is checked here.
            let here = &text[m.start()..];
            for (g, literals) in self.groups.iter().enumerate() {
                if open & (1 << g) == 0 && literals.iter().any(|l| self.starts(here, l)) {
                    open |= 1 << g;
                }
            }
            at = m.start() + 1;
        }
        open
    }

    fn starts(&self, text: &[u8], literal: &str) -> bool {
        let head = &text[..literal.len().min(text.len())];
        if self.any_case {
            head.eq_ignore_ascii_case(literal.as_bytes())
        } else {
            head == literal.as_bytes()
        }
    }
}

impl GateSet {
    /// Groups of literals matched exactly.
    pub fn exact(groups: &[&[&'static str]]) -> GateSet {
        GateSet {
            given: Literals::new(owned(groups), false, &[], 0),
            lowercase: None,
        }
    }

    /// Groups of ASCII literals matched in any case, as `(?i)` matches them.
    pub fn any_case(groups: &[&[&'static str]]) -> GateSet {
        assert!(groups.len() < 32, "group bits fit a u32");
        let every = (1u32 << groups.len()) - 1;
        let spellings = groups
            .iter()
            .map(|g| g.iter().flat_map(|l| fold_spellings(l)).collect())
            .collect();
        GateSet {
            given: Literals::new(accent_cases(groups), true, ASCII_FOLD_PARTNERS, every),
            lowercase: Some(Literals::new(spellings, false, &[], 0)),
        }
    }

    /// The groups (bit `g` for group `g`) with a literal in `text`.
    pub fn open(&self, text: &str) -> u32 {
        match &self.lowercase {
            Some(lowercase) if text.len() <= FOLD_BUFFER => {
                let mut buffer = [0u8; FOLD_BUFFER];
                let folded = &mut buffer[..text.len()];
                folded.copy_from_slice(text.as_bytes());
                folded.make_ascii_lowercase();
                lowercase.scan(folded)
            }
            _ => self.given.scan(text.as_bytes()),
        }
    }
}

fn owned(groups: &[&[&str]]) -> Vec<Vec<String>> {
    assert!(groups.len() < 32, "group bits fit a u32");
    groups
        .iter()
        .map(|g| g.iter().map(|l| l.to_string()).collect())
        .collect()
}

/// The literals of `groups` with each of their non-ASCII letters also in
/// its other case ("créé" and "CRÉÉ"): the automaton folds ASCII case only.
fn accent_cases(groups: &[&[&'static str]]) -> Vec<Vec<String>> {
    groups
        .iter()
        .map(|g| g.iter().flat_map(|l| spellings(l, false)).collect())
        .collect()
}

/// The other case of a non-ASCII letter, when it is one letter.
fn other_case(c: char) -> Option<char> {
    if c.is_ascii() {
        return None;
    }
    let flipped: Vec<char> = if c.is_lowercase() {
        c.to_uppercase().collect()
    } else {
        c.to_lowercase().collect()
    };
    match flipped[..] {
        [o] if o != c => Some(o),
        _ => None,
    }
}

/// Every way lowercased text can spell a literal that `(?i)` would match:
/// ASCII letters lowercase, with the Kelvin sign for any k and the long s
/// for any s; other letters in either case (ASCII lowercasing leaves them).
fn fold_spellings(literal: &str) -> Vec<String> {
    spellings(literal, true)
}

/// The spellings of `literal` with its non-ASCII letters in either case
/// and, when `ascii_partners`, its k and s also as their non-ASCII
/// `(?i)` partners, with ASCII letters lowercase.
fn spellings(literal: &str, ascii_partners: bool) -> Vec<String> {
    let mut out = vec![String::new()];
    for c in literal.to_ascii_lowercase().chars() {
        let partner = match c {
            'k' if ascii_partners => Some('\u{212A}'),
            's' if ascii_partners => Some('\u{17F}'),
            _ => other_case(c),
        };
        let mut more = Vec::new();
        for spelling in &mut out {
            if let Some(p) = partner {
                let mut other = spelling.clone();
                other.push(p);
                more.push(other);
            }
            spelling.push(c);
        }
        out.extend(more);
    }
    out
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
        let g = Gate::any_case(&["kommentar", "sources"]);
        assert!(g.may_match("3 \u{212A}OMMENTARE"));
        assert!(g.may_match("ſources"));
        assert!(!g.may_match("ſ"));
        // Long texts take the case-insensitive automaton, where the two
        // letters open the gate wherever they are.
        let long = |tail: &str| format!("{}{tail}", "x".repeat(FOLD_BUFFER));
        assert!(g.may_match(&long("KOMMENTARE")));
        assert!(g.may_match(&long("\u{212A}ommentare")));
        assert!(!g.may_match(&long("x")));
    }

    #[test]
    fn gate_sets_see_every_group() {
        let set = GateSet::exact(&[&["Agence"], &["Agence France-Presse", "AFP"], &["selon"]]);
        assert_eq!(set.open("rien"), 0);
        assert_eq!(set.open("l'AFP"), 0b010);
        assert_eq!(set.open("selon l'AFP"), 0b110);
        // Two groups starting at the same place: both are seen.
        assert_eq!(set.open("l'Agence France-Presse"), 0b011);
        assert_eq!(set.open("Agence France-Presse, selon"), 0b111);
        let set = GateSet::any_case(&[&["comment"], &["publi"]]);
        assert_eq!(set.open("COMMENTAIRES"), 0b01);
        assert_eq!(set.open("Publié le"), 0b10);
        assert_eq!(set.open("ſ"), 0);
        assert_eq!(set.open("Publiſh"), 0b10);
    }

    #[test]
    fn spellings_cover_the_case_folding_partners() {
        let mut s = fold_spellings("Kiosk");
        s.sort();
        let k = '\u{212A}';
        let expected: Vec<String> = [
            "kiosk", "kiosK", "kioſk", "kioſK", "Kiosk", "KiosK", "Kioſk", "KioſK",
        ]
        .iter()
        .map(|e| e.replace('K', &k.to_string()))
        .collect();
        assert_eq!(s, expected);
        assert!(Gate::any_case(&["créé"]).may_match("CRÉÉ LE 3 MAI"));
        assert!(Gate::any_case(&["créé"]).may_match("Créé le 3 mai"));
        assert!(!Gate::any_case(&["créé"]).may_match("CREE"));
        let long = format!("{} POSTÉ LE 3 MAI", "x".repeat(4096));
        assert!(Gate::any_case(&["posté"]).may_match(&long));
        assert!(Gate::any_case(&["stand"]).may_match("Stand:"));
        assert!(Gate::any_case(&["stand"]).may_match("ſTAND:"));
        assert!(!Gate::any_case(&["stand"]).may_match("ſ TAND:"));
    }

    #[test]
    fn digits() {
        assert!(has_ascii_digit("le 3 mars"));
        assert!(!has_ascii_digit("le ٣ mars"));
    }
}
