//! Snippets: the passage of an article where the query's words cluster,
//! with their byte ranges for highlighting.
//!
//! tantivy's snippet generator runs the whole analysis chain (stemming
//! included) over every word of every hit, which costs milliseconds on long
//! articles. Here a byte scan stops only where a word starts with the first
//! letters of a query term (in any case and with any accent); only those
//! words run the real chain, so the result is the same at a fraction of the
//! cost.

use std::sync::LazyLock;

use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use crate::analysis::{self, tokenizer::is_apostrophe};

/// A highlighted passage.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Snippet {
    pub text: String,
    /// Byte ranges `[start, end)` of `text` to highlight.
    pub highlights: Vec<[usize; 2]>,
}

/// Finds and marks query words in article text.
pub struct Highlighter {
    /// The analysed query terms (stemmed and folded), deduplicated.
    terms: Vec<String>,
    /// Finds the words that may analyse to a term: a word can only do so if
    /// its letters (after an elided article) start as the term does.
    finder: PrefixFinder,
    analyzer: TextAnalyzer,
}

/// Letters of a term that the finder compares.
const PREFIX_CHARS: usize = 3;

/// How far past its first match a passage search reads. Hits can be whole
/// novels or codes of law: reading them to the end for a 200-character
/// passage cost milliseconds per hit (Lucene's highlighter stops at 51,200
/// characters for the same reason).
pub const PASSAGE_SCAN_BYTES: usize = 64 * 1024;

/// Once every term has matched, how much further a passage search reads in
/// the hope of a passage where they meet.
pub const AFTER_ALL_BYTES: usize = 4 * 1024;

impl Highlighter {
    /// A highlighter for analysed query terms (as the index stores them).
    pub fn new(terms: impl IntoIterator<Item = String>) -> Highlighter {
        let mut terms: Vec<String> = terms.into_iter().filter(|t| !t.is_empty()).collect();
        terms.sort();
        terms.dedup();
        Highlighter {
            finder: PrefixFinder::new(&terms),
            terms,
            analyzer: analysis::french_analyzer_unmemoised(),
        }
    }

    /// Whether there is nothing to highlight.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Byte ranges of `text` whose words analyse to a query term, with the
    /// index of that term.
    pub fn matches(&mut self, text: &str) -> Vec<(usize, usize, usize)> {
        self.scan(text, false).0
    }

    /// The matches a passage needs, reading no further than that: the scan
    /// stops [`AFTER_ALL_BYTES`] after every term has matched, or
    /// [`PASSAGE_SCAN_BYTES`] after the first match. The flag says whether
    /// the whole text was read (so an absent term is absent from the text).
    pub fn passage_matches(&mut self, text: &str) -> (Vec<(usize, usize, usize)>, bool) {
        self.scan(text, true)
    }

    fn scan(&mut self, text: &str, bounded: bool) -> (Vec<(usize, usize, usize)>, bool) {
        let mut out = Vec::new();
        if self.terms.is_empty() {
            return (out, true);
        }
        let mut seen = vec![false; self.terms.len()];
        let mut missing = self.terms.len();
        // Where reading may stop, once known.
        let mut stop_at = usize::MAX;
        // Each word is examined once: the search resumes after it.
        let mut pos = 0;
        while let Some(at) = self.finder.find(text, pos) {
            if at > stop_at {
                return (out, false);
            }
            let (from, to) = word_around(text, at);
            pos = to.max(at + text[at..].chars().next().map_or(1, char::len_utf8));
            // A candidate: run the real chain on its word.
            let mut s = self.analyzer.token_stream(&text[from..to]);
            let Some(t) = s.next() else { continue };
            let Ok(i) = self.terms.binary_search(&t.text) else {
                continue;
            };
            out.push((from + t.offset_from, from + t.offset_to, i));
            if !bounded {
                continue;
            }
            if out.len() == 1 {
                stop_at = at.saturating_add(PASSAGE_SCAN_BYTES);
            }
            if !seen[i] {
                seen[i] = true;
                missing -= 1;
                if missing == 0 {
                    stop_at = stop_at.min(at.saturating_add(AFTER_ALL_BYTES));
                }
            }
        }
        (out, true)
    }

    /// The passage of at most `max_chars` characters holding the most
    /// distinct query terms (then the most matches), or `None` if no word
    /// matches. Long texts are read only as far as
    /// [`Highlighter::passage_matches`] says.
    pub fn snippet(&mut self, text: &str, max_chars: usize) -> Option<Snippet> {
        let (matches, _) = self.passage_matches(text);
        self.snippet_from(text, &matches, max_chars)
    }

    /// The analysed term of an index, as [`Highlighter::matches`] gives it.
    pub fn term(&self, i: usize) -> &str {
        &self.terms[i]
    }

    /// The index of an analysed term among the highlighter's terms.
    pub fn term_index(&self, term: &str) -> Option<usize> {
        self.terms.binary_search_by(|t| t.as_str().cmp(term)).ok()
    }

    /// [`Highlighter::snippet`] from matches already found in `text`.
    pub fn snippet_from(
        &self,
        text: &str,
        matches: &[(usize, usize, usize)],
        max_chars: usize,
    ) -> Option<Snippet> {
        if matches.is_empty() {
            return None;
        }
        let (mut best, mut best_score) = (0usize, (0usize, 0usize));
        let mut seen = vec![0usize; self.terms.len()];
        let mut distinct = 0;
        let mut lo = 0;
        // The bytes `max_chars` span from the window's first match, counted
        // again only when that match changes.
        let mut budget = char_budget(text, matches[0].0, max_chars);
        for hi in 0..matches.len() {
            if seen[matches[hi].2] == 0 {
                distinct += 1;
            }
            seen[matches[hi].2] += 1;
            // The window keeps at least its newest match, even one longer
            // than the budget (the fuzzer found `lo` running past `hi`).
            while lo < hi && matches[hi].1 - matches[lo].0 > budget {
                seen[matches[lo].2] -= 1;
                if seen[matches[lo].2] == 0 {
                    distinct -= 1;
                }
                lo += 1;
                budget = char_budget(text, matches[lo].0, max_chars);
            }
            let score = (distinct, hi - lo + 1);
            if score > best_score {
                best_score = score;
                best = lo;
            }
        }
        let first = matches[best].0;
        let budget = char_budget(text, first, max_chars);
        let last = matches
            .iter()
            .skip(best)
            .take_while(|m| m.1 - first <= budget)
            .last()
            .map_or(matches[best].1, |m| m.1);
        // Centre the matches in the passage, on word boundaries.
        let used = text[first..last].chars().count();
        let slack = max_chars.saturating_sub(used);
        let start = back_chars(text, first, slack / 3);
        // Snapping to words never cuts into the matches (with a tiny budget
        // it would cross them: the fuzzer found start > end).
        let start = word_start(text, start).min(first);
        let end = forward_chars(text, start, max_chars).max(last);
        let end = word_end(text, end).max(last);
        let passage = &text[start..end];
        let highlights = matches
            .iter()
            .filter(|m| m.0 >= start && m.1 <= end)
            .map(|m| [m.0 - start, m.1 - start])
            .collect();
        Some(Snippet {
            text: passage.to_string(),
            highlights,
        })
    }
}

/// Bytes spanned by `max_chars` characters of `text` from `from`.
fn char_budget(text: &str, from: usize, max_chars: usize) -> usize {
    forward_chars(text, from, max_chars) - from
}

fn forward_chars(text: &str, from: usize, n: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| from + i)
}

fn back_chars(text: &str, from: usize, n: usize) -> usize {
    text[..from]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
        .min(from)
}

/// Moves `at` forward to the start of a word (unless already at one).
fn word_start(text: &str, at: usize) -> usize {
    if at == 0 || text[..at].ends_with(char::is_whitespace) {
        return at;
    }
    text[at..]
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(at, |(i, c)| at + i + c.len_utf8())
}

/// Moves `at` back to the end of a word (unless at the end of the text).
fn word_end(text: &str, at: usize) -> usize {
    if at >= text.len() || text[at..].starts_with(char::is_whitespace) {
        return at.min(text.len());
    }
    text[..at].rfind(char::is_whitespace).unwrap_or(at)
}

/// The word of `text` (as [`analysis::WordTokenizer`] cuts it: letters and
/// digits, with an apostrophe between letters) around byte `at`.
fn word_around(text: &str, at: usize) -> (usize, usize) {
    let is_word = |c: char| c.is_alphanumeric();
    let mut from = at;
    let mut before = text[..at].chars().rev().peekable();
    let mut next = text[at..].chars().next();
    while let Some(c) = before.next() {
        let keep = is_word(c)
            || (is_apostrophe(c)
                && next.is_some_and(char::is_alphabetic)
                && before.peek().is_some_and(|&p| is_word(p)));
        if !keep {
            break;
        }
        from -= c.len_utf8();
        next = Some(c);
    }
    let mut to = from;
    let mut chars = text[from..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let keep = is_word(c)
            || (is_apostrophe(c) && i > 0 && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic()));
        if !keep {
            break;
        }
        to = from + i + c.len_utf8();
    }
    (from, to)
}

/// Finds where a word (or the part after an elided article) starts with
/// the first letters of a query term, comparing letters folded as the
/// analysis chain folds them: `Élève`, `ÉLÈVES` and `eleve` all start `ele`,
/// `Œuvre` starts `oeu`.
struct PrefixFinder {
    /// The first [`PREFIX_CHARS`] letters of each term.
    prefixes: Vec<Vec<char>>,
    /// Bytes that may begin such a word: both ASCII cases of a first
    /// letter and the lead bytes of the accented letters that fold to it
    /// (every lead byte for a term that starts outside ASCII); folding
    /// then decides.
    starts: [bool; 256],
    /// The bytes of `starts`, searched for directly when there are three or fewer.
    needles: Vec<u8>,
}

impl PrefixFinder {
    fn new(terms: &[String]) -> PrefixFinder {
        let mut prefixes: Vec<Vec<char>> = terms
            .iter()
            .map(|t| t.chars().take(PREFIX_CHARS).collect())
            .collect();
        prefixes.sort();
        prefixes.dedup();
        let mut starts = [false; 256];
        // A stem that starts with `i` may be of a word that starts with `y`.
        let firsts = prefixes
            .iter()
            .filter_map(|p| p.first().copied())
            .flat_map(|c| {
                let y = (c == 'i').then_some('y');
                std::iter::once(c).chain(y)
            });
        for c in firsts {
            if c.is_ascii() {
                starts[c.to_ascii_lowercase() as usize] = true;
                starts[c.to_ascii_uppercase() as usize] = true;
                // Only the accented letters that fold to it (`é`, `É`
                // for e): in French text, stopping at every accented
                // letter was most of the scan.
                let leads = &ascii_fold_leads()[c.to_ascii_lowercase() as usize];
                for (s, &lead) in starts.iter_mut().zip(leads) {
                    *s |= lead;
                }
            } else {
                // A term that starts outside ASCII: any multi-byte letter.
                starts[0xC0..].fill(true);
            }
        }
        // Few start bytes (one term, no accented forms): memchr skips to
        // them with SIMD instead of a table test per byte.
        let needles: Vec<u8> = (0..=255u8).filter(|&b| starts[usize::from(b)]).collect();
        PrefixFinder {
            prefixes,
            starts,
            needles,
        }
    }

    /// The byte offset, from `from` on, of the next word start whose first
    /// letters fold to a term's prefix. `from` is a character boundary.
    fn find(&self, text: &str, from: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        let mut i = from;
        while i < bytes.len() {
            // Continuation bytes are never start bytes, so `i` is a
            // character boundary whenever it stops.
            i += match *self.needles.as_slice() {
                [a] => memchr::memchr(a, &bytes[i..])?,
                [a, b] => memchr::memchr2(a, b, &bytes[i..])?,
                [a, b, c] => memchr::memchr3(a, b, c, &bytes[i..])?,
                _ => bytes[i..]
                    .iter()
                    .position(|&b| self.starts[usize::from(b)])?,
            };
            if starts_word(text, i) && self.begins_term(&text[i..]) {
                return Some(i);
            }
            i += 1;
        }
        None
    }

    /// Whether the word at the start of `s` folds to a prefix of a term.
    fn begins_term(&self, s: &str) -> bool {
        let mut folded = ['\0'; PREFIX_CHARS];
        let mut n = 0;
        for c in s.chars() {
            if n == PREFIX_CHARS || !c.is_alphanumeric() {
                break;
            }
            crate::entities::fold_char(c, &mut |f| {
                if n < PREFIX_CHARS {
                    folded[n] = f;
                    n += 1;
                }
            });
        }
        let folded = &folded[..n];
        self.prefixes
            .iter()
            .any(|p| p.len() <= folded.len() && p.iter().zip(folded).all(|(&t, &w)| stems_to(w, t)))
    }
}

/// Whether the letter `w` of a word may be the letter `t` of its stem: the
/// same letter, or a `y` beside a vowel, which the French stemmer writes `i`
/// (`Boyer` → `boi`, `payer` → `pai`).
fn stems_to(w: char, t: char) -> bool {
    w == t || (t == 'i' && w == 'y')
}

/// Every character outside ASCII whose fold begins with an ASCII letter or
/// digit is in these ranges (Latin letters with diacritics, the Kelvin
/// sign); a test checks all of Unicode. They are kept tight because a cold
/// search enumerates them.
const FOLDS_TO_ASCII: [std::ops::RangeInclusive<u32>; 4] = [
    0xC0..=0x17F,
    0x1A0..=0x233,
    0x1E00..=0x1EF9,
    0x212A..=0x212B,
];

/// For each ASCII byte, the UTF-8 lead bytes of the characters outside
/// ASCII whose fold begins with it (`é`, `è`, `É` → 0xC3 for e). Built once,
/// from [`crate::entities::fold_char`] itself, so the two cannot disagree.
fn ascii_fold_leads() -> &'static [[bool; 256]; 128] {
    static LEADS: LazyLock<Box<[[bool; 256]; 128]>> = LazyLock::new(|| {
        let mut leads = Box::new([[false; 256]; 128]);
        for c in FOLDS_TO_ASCII
            .into_iter()
            .flatten()
            .filter_map(char::from_u32)
        {
            if let Some(f) = first_folded(c).filter(char::is_ascii) {
                let mut utf8 = [0; 4];
                c.encode_utf8(&mut utf8);
                leads[f as usize][usize::from(utf8[0])] = true;
            }
        }
        leads
    });
    &LEADS
}

/// The first letter of the fold of `c`, if it has one.
fn first_folded(c: char) -> Option<char> {
    let mut first = None;
    crate::entities::fold_char(c, &mut |f| {
        first.get_or_insert(f);
    });
    first
}

/// Whether a token starts at byte `at` of `text`: the text starts there or
/// the character before is not a letter or digit (a space, a hyphen, the
/// apostrophe of an elision).
fn starts_word(text: &str, at: usize) -> bool {
    match text.as_bytes()[..at].last() {
        None => true,
        Some(b) if b.is_ascii() => !b.is_ascii_alphanumeric(),
        Some(_) => !text[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hl(query: &str) -> Highlighter {
        Highlighter::new(analysis::terms(query))
    }

    fn marked(s: &Snippet) -> String {
        let mut out = String::new();
        let mut pos = 0;
        for [a, b] in &s.highlights {
            out.push_str(&s.text[pos..*a]);
            out.push('[');
            out.push_str(&s.text[*a..*b]);
            out.push(']');
            pos = *b;
        }
        out.push_str(&s.text[pos..]);
        out
    }

    #[test]
    fn marks_words_whose_stem_writes_their_y_as_i() {
        // The French stemmer gives `boi` for Boyer and `pai` for payer: a
        // word is found by its own letters, not only by its stem's.
        let text = "Valérie Boyer a dit qu'il faut payer. Yeux, Ayrault.";
        let marks = |q: &str| {
            let mut h = hl(q);
            h.matches(text)
                .iter()
                .map(|&(a, b, _)| text[a..b].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(marks("boyer"), ["Boyer"]);
        assert_eq!(marks("payer"), ["payer"]);
        assert_eq!(marks("Ayrault"), ["Ayrault"]);
    }

    #[test]
    fn marks_inflections_elisions_and_accents() {
        let text = "Les chrétiens de la ville et l’armée syrienne, puis une chrétienne.";
        let s = hl("chretiens armée").snippet(text, 200).unwrap();
        assert_eq!(
            marked(&s),
            "Les [chrétiens] de la ville et l’[armée] syrienne, puis une [chrétienne]."
        );
    }

    #[test]
    fn picks_the_passage_where_terms_meet() {
        let filler = "Un paragraphe sans rapport avec le sujet. ".repeat(40);
        let text =
            format!("La Syrie au début. {filler}Les chrétiens de Qaryatayn ont fui. {filler}");
        let s = hl("Qaryatayn chrétiens").snippet(&text, 120).unwrap();
        assert!(
            marked(&s).contains("[chrétiens] de [Qaryatayn]"),
            "{}",
            marked(&s)
        );
        assert!(s.text.chars().count() <= 130, "{}", s.text.len());
    }

    #[test]
    fn multibyte_spaces_are_word_boundaries() {
        let text = format!(
            "{}\u{a0}les paquets\u{a0}sont installés.",
            "mot ".repeat(100)
        );
        let s = hl("paquets").snippet(&text, 30).unwrap();
        assert!(marked(&s).contains("[paquets]"), "{}", marked(&s));
    }

    #[test]
    fn matches_longer_than_the_budget_do_not_panic() {
        // Found by fuzzing: a budget shorter than a matched word moved the
        // window's start past its end (index out of bounds, underflow).
        for max in [0, 1, 3] {
            let s = hl("armée Palmyre")
                .snippet("l'armée à Palmyre, armée", max)
                .unwrap();
            assert!(!s.highlights.is_empty(), "{max}");
            for [a, b] in &s.highlights {
                assert!(s.text.get(*a..*b).is_some());
            }
        }
    }

    #[test]
    fn long_texts_are_read_only_as_far_as_the_passage_needs() {
        let filler = "Un paragraphe sans rapport avec le sujet. ".repeat(5_000);
        let text = format!("Les chrétiens de Qaryatayn. {filler} Les chrétiens, encore.");
        let mut h = hl("Qaryatayn chrétiens");
        let (found, complete) = h.passage_matches(&text);
        assert!(!complete);
        assert_eq!(found.len(), 2, "both terms met early: the rest is not read");
        assert_eq!(
            h.matches(&text).len(),
            3,
            "a full scan still sees everything"
        );

        // One term early, the other far away: reading stops after the budget.
        let text = format!("Les chrétiens. {filler} Qaryatayn.");
        let (found, complete) = h.passage_matches(&text);
        assert!(!complete);
        assert_eq!(found.len(), 1);
        let (_, complete) = h.passage_matches("Les chrétiens. Qaryatayn.");
        assert!(complete);
    }

    #[test]
    fn finds_words_with_accents_ligatures_and_capitals() {
        let text = "ÉLÈVES et élève ; L’Œuvre, l'oeuvre ; Chœur, CHOEUR.";
        let s = hl("eleve oeuvre choeur").snippet(text, 200).unwrap();
        assert_eq!(
            marked(&s),
            "[ÉLÈVES] et [élève] ; L’[Œuvre], l'[oeuvre] ; [Chœur], [CHOEUR]."
        );
    }

    #[test]
    fn words_are_cut_as_the_tokenizer_cuts_them() {
        let text = "l’armée aujourd'hui’ x-armée";
        assert_eq!(word_around(text, 5), (0, 10));
        assert_eq!(word_around(text, 0), (0, 10));
        assert_eq!(word_around(text, 12), (11, 22));
        assert_eq!(word_around(text, 29), (28, 34));
    }

    #[test]
    fn the_finder_stops_at_word_starts_only() {
        let f = PrefixFinder::new(&["armee".to_string(), "qaryatayn".to_string()]);
        let text = "désarmée, l’Armée d'ARMÉE Al-Qaryatayn";
        let mut found = Vec::new();
        let mut pos = 0;
        while let Some(at) = f.find(text, pos) {
            found.push(&text[at..at + 2]);
            pos = at + 1;
        }
        // Not inside `désarmée`; after an apostrophe or a hyphen, yes.
        assert_eq!(found, ["Ar", "AR", "Qa"]);
    }

    #[test]
    fn only_characters_in_the_ranges_fold_to_ascii() {
        let outside = (0x80..=u32::from(char::MAX))
            .filter(|c| !FOLDS_TO_ASCII.iter().any(|r| r.contains(c)))
            .filter_map(char::from_u32);
        for c in outside {
            assert!(!first_folded(c).is_some_and(|f| f.is_ascii()), "{c:?}");
        }
    }

    #[test]
    fn the_finder_stops_where_stopping_at_every_accented_letter_did() {
        // The finder as it was: every lead byte of a multi-byte character
        // was a possible start.
        let every_lead = |f: &PrefixFinder| {
            let mut wide = PrefixFinder {
                prefixes: f.prefixes.clone(),
                starts: f.starts,
                needles: Vec::new(),
            };
            wide.starts[0xC0..].fill(true);
            wide
        };
        let pieces = [
            "e", "É", "è", "œ", "Œ", "o", "k", "\u{212a}", "İ", "i", "ß", "s", "m", "l", "r", "u",
            "à", "Æ", " ", "'", "-", "ω", "«",
        ];
        let mut seed = 0x9e37_79b9_u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        for terms in [
            &["elle", "oeuvr"][..],
            &["kilo", "ile", "ss"],
            &["mer"],
            &["ωme"],
        ] {
            let terms: Vec<String> = terms.iter().map(|t| t.to_string()).collect();
            let finder = PrefixFinder::new(&terms);
            let wide = every_lead(&finder);
            for _ in 0..20000 {
                let text: String = (0..next() % 12)
                    .map(|_| pieces[next() % pieces.len()])
                    .collect();
                let all = |f: &PrefixFinder| {
                    let mut out = vec![];
                    let mut at = 0;
                    while let Some(i) = f.find(&text, at) {
                        out.push(i);
                        at = i + text[i..].chars().next().map_or(1, char::len_utf8);
                    }
                    out
                };
                assert_eq!(all(&finder), all(&wide), "{terms:?} in {text:?}");
            }
        }
    }

    #[test]
    fn nothing_matched_is_none() {
        assert!(hl("Palmyre").snippet("Rien à voir ici.", 100).is_none());
        assert!(hl("les").is_empty());
    }
}
