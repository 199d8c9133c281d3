//! Snippets: the passage of an article where the query's words cluster,
//! with their byte ranges for highlighting.
//!
//! tantivy's snippet generator runs the whole analysis chain (stemming
//! included) over every word of every hit, which costs milliseconds on long
//! articles. Here each word is first folded cheaply and compared with the
//! start of the query's stems; only the few words that pass run the real
//! chain, so the result is the same at a fraction of the cost.

use tantivy::tokenizer::{TextAnalyzer, TokenStream, Tokenizer};

use crate::analysis::{self, WordTokenizer};

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
    /// The shortest prefix of a folded word that can stem to a term: a
    /// cheap filter run on every word.
    prefixes: Vec<String>,
    analyzer: TextAnalyzer,
}

/// Bytes of a term compared before running the full chain.
const PREFIX_BYTES: usize = 3;

impl Highlighter {
    /// A highlighter for analysed query terms (as the index stores them).
    pub fn new(terms: impl IntoIterator<Item = String>) -> Highlighter {
        let mut terms: Vec<String> = terms.into_iter().filter(|t| !t.is_empty()).collect();
        terms.sort();
        terms.dedup();
        let mut prefixes: Vec<String> = terms
            .iter()
            .map(|t| {
                let end = (0..=PREFIX_BYTES.min(t.len()))
                    .rev()
                    .find(|&i| t.is_char_boundary(i))
                    .unwrap_or(0);
                t[..end].to_string()
            })
            .collect();
        prefixes.sort();
        prefixes.dedup();
        Highlighter {
            terms,
            prefixes,
            analyzer: analysis::french_analyzer(),
        }
    }

    /// Whether there is nothing to highlight.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Byte ranges of `text` whose words analyse to a query term, with the
    /// index of that term.
    pub fn matches(&mut self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        if self.terms.is_empty() {
            return out;
        }
        let mut words = WordTokenizer::default();
        let mut stream = words.token_stream(text);
        let mut folded = String::new();
        while stream.advance() {
            let token = stream.token();
            fold_lower(&token.text, &mut folded);
            let word = strip_elision(&folded);
            if !self.prefixes.iter().any(|p| word.starts_with(p.as_str())) {
                continue;
            }
            // A candidate: run the real chain on it.
            let mut s = self.analyzer.token_stream(&token.text);
            if let Some(t) = s.next() {
                if let Ok(i) = self.terms.binary_search(&t.text) {
                    out.push((
                        token.offset_from + t.offset_from,
                        token.offset_from + t.offset_to,
                        i,
                    ));
                }
            }
        }
        out
    }

    /// The passage of at most `max_chars` characters holding the most
    /// distinct query terms (then the most matches), or `None` if no word
    /// matches.
    pub fn snippet(&mut self, text: &str, max_chars: usize) -> Option<Snippet> {
        let matches = self.matches(text);
        self.snippet_from(text, &matches, max_chars)
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
        for hi in 0..matches.len() {
            if seen[matches[hi].2] == 0 {
                distinct += 1;
            }
            seen[matches[hi].2] += 1;
            // The window keeps at least its newest match, even one longer
            // than the budget (the fuzzer found `lo` running past `hi`).
            while lo < hi
                && matches[hi].1 - matches[lo].0 > char_budget(text, matches[lo].0, max_chars)
            {
                seen[matches[lo].2] -= 1;
                if seen[matches[lo].2] == 0 {
                    distinct -= 1;
                }
                lo += 1;
            }
            let score = (distinct, hi - lo + 1);
            if score > best_score {
                best_score = score;
                best = lo;
            }
        }
        let first = matches[best].0;
        let last = matches
            .iter()
            .skip(best)
            .take_while(|m| m.1 - first <= char_budget(text, first, max_chars))
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

/// Lowercases and strips the accents of common Latin letters into `out`.
fn fold_lower(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    for c in word.chars().flat_map(char::to_lowercase) {
        let base = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => 'u',
            'ý' | 'ÿ' => 'y',
            'œ' => {
                out.push_str("oe");
                continue;
            }
            'æ' => {
                out.push_str("ae");
                continue;
            }
            other => other,
        };
        out.push(base);
    }
}

/// The word without an elided article (`l’armee` → `armee`).
fn strip_elision(folded: &str) -> &str {
    match analysis::elision::elided_prefix_len(folded) {
        Some(n) => &folded[n..],
        None => folded,
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
    fn nothing_matched_is_none() {
        assert!(hl("Palmyre").snippet("Rien à voir ici.", 100).is_none());
        assert!(hl("les").is_empty());
    }
}
