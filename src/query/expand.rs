//! Truncation: `chrét*` and `cat?` become the indexed words they stand
//! for, read from the term dictionary of the `surface` field (words as
//! written, folded, not stemmed) by an FST range on the letters before the
//! first wildcard. The expansion is bounded: a too-short prefix or one
//! that would take too many words is refused, naming the limit and the
//! count, rather than answered in part.

use tantivy::schema::Field;
use tantivy::Searcher;
use thiserror::Error;

/// Fewest letters before the first wildcard (as Factiva asks three).
pub const MIN_PREFIX_CHARS: usize = 3;

/// Most words a truncation may stand for.
pub const MAX_EXPANSIONS: usize = 2000;

/// Why a truncation was refused.
#[derive(Debug, Error)]
pub enum ExpandError {
    #[error(
        "`{typed}`: at least {MIN_PREFIX_CHARS} letters must come before `*` or `?` \
         (it has {letters})"
    )]
    TooShort { typed: String, letters: usize },
    #[error(
        "`{typed}` stands for more than {MAX_EXPANSIONS} different words (at least {count}): \
         type more letters before the `*`"
    )]
    TooMany { typed: String, count: usize },
    #[error(transparent)]
    Index(#[from] std::io::Error),
}

/// A wildcard pattern on folded words: literal letters, `*` and `?`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The letters before the first wildcard, folded.
    pub prefix: String,
    /// The rest, folded, wildcards included.
    rest: Vec<char>,
}

impl Pattern {
    /// The pattern of a typed word: its letters go through the surface
    /// chain's steps (case, elision, accents) one run at a time, so that
    /// `Chrét*` and `chret*` are the same pattern.
    pub fn new(typed: &str) -> Result<Pattern, ExpandError> {
        let mut folded = String::new();
        let mut run = String::new();
        let flush = |run: &mut String, folded: &mut String| {
            if !run.is_empty() {
                folded.push_str(&fold_letters(run, folded.is_empty()));
                run.clear();
            }
        };
        for c in typed.chars() {
            if c == '*' || c == '?' {
                flush(&mut run, &mut folded);
                folded.push(c);
            } else {
                run.push(c);
            }
        }
        flush(&mut run, &mut folded);
        let cut = folded.find(['*', '?']).unwrap_or(folded.len());
        let prefix = folded[..cut].to_string();
        let letters = prefix.chars().count();
        if letters < MIN_PREFIX_CHARS {
            return Err(ExpandError::TooShort {
                typed: typed.to_string(),
                letters,
            });
        }
        Ok(Pattern {
            rest: folded[cut..].chars().collect(),
            prefix,
        })
    }

    /// Whether a folded word matches the pattern.
    pub fn matches(&self, word: &str) -> bool {
        let Some(tail) = word.strip_prefix(&self.prefix) else {
            return false;
        };
        let tail: Vec<char> = tail.chars().collect();
        glob(&self.rest, &tail)
    }
}

/// Case, elision and accents of a run of letters, as the surface chain
/// does them (no stop-word removal: `les*` is a prefix, not a stop word).
fn fold_letters(run: &str, first: bool) -> String {
    let lower = run.to_lowercase();
    let lower = if first {
        crate::analysis::elision::elided_prefix_len(&lower).map_or(lower.as_str(), |n| &lower[n..])
    } else {
        lower.as_str()
    };
    crate::analysis::fold::fold_word(lower)
}

/// Glob matching of `?` (one character) and `*` (any run), by the usual
/// backtracking to the last star: linear in practice, where recursion on
/// each star was exponential on patterns such as `abc*a*a*a*a*b`.
fn glob(pattern: &[char], text: &[char]) -> bool {
    let (mut p, mut t) = (0, 0);
    // The last star seen and the text position it was tried at.
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == '?' || c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match star {
                // Let the star take one more character.
                Some((s, at)) => {
                    star = Some((s, at + 1));
                    p = s + 1;
                    t = at + 1;
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

/// The words of `field` in every segment that match the pattern, sorted,
/// or an error if there are more than [`MAX_EXPANSIONS`].
pub fn expand(
    searcher: &Searcher,
    field: Field,
    typed: &str,
    pattern: &Pattern,
) -> Result<Vec<String>, ExpandError> {
    let mut words: Vec<String> = Vec::new();
    let upper = successor(&pattern.prefix);
    for segment in searcher.segment_readers() {
        let inverted = segment
            .inverted_index(field)
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        let mut range = inverted.terms().range().ge(pattern.prefix.as_bytes());
        if let Some(upper) = &upper {
            range = range.lt(upper);
        }
        let mut stream = range.into_stream()?;
        while stream.advance() {
            let Ok(word) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if pattern.matches(word) {
                words.push(word.to_string());
            }
        }
        words.sort_unstable();
        words.dedup();
        if words.len() > MAX_EXPANSIONS {
            return Err(ExpandError::TooMany {
                typed: typed.to_string(),
                count: words.len(),
            });
        }
    }
    Ok(words)
}

/// The smallest byte string greater than every string starting with
/// `prefix` (`None` if there is none: all bytes 0xFF).
fn successor(prefix: &str) -> Option<Vec<u8>> {
    let mut bytes = prefix.as_bytes().to_vec();
    while let Some(last) = bytes.pop() {
        if last < 0xFF {
            bytes.push(last + 1);
            return Some(bytes);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_and_elision_fold_away() {
        let p = Pattern::new("Chrét*").unwrap();
        assert_eq!(p, Pattern::new("chret*").unwrap());
        assert_eq!(p.prefix, "chret");
        assert_eq!(Pattern::new("l'armé*").unwrap().prefix, "arme");
        for w in ["chretien", "chretiennes", "chretiente", "chret"] {
            assert!(p.matches(w), "{w}");
        }
        assert!(!p.matches("chre"));
        assert!(!p.matches("achretien"));
    }

    #[test]
    fn question_mark_is_one_letter() {
        let p = Pattern::new("chat?").unwrap();
        assert!(p.matches("chats"));
        assert!(!p.matches("chat"));
        assert!(!p.matches("chatte"));
        let p = Pattern::new("org?ni*").unwrap();
        assert!(p.matches("organisation"));
        assert!(!p.matches("orgni"));
    }

    #[test]
    fn stars_match_any_run_without_blowing_up() {
        let p = Pattern::new("abc*a*a*a*a*a*a*a*a*b").unwrap();
        assert!(!p.matches(&format!("abc{}", "a".repeat(50))));
        assert!(p.matches(&format!("abc{}b", "a".repeat(50))));
        let p = Pattern::new("con*tion").unwrap();
        assert!(p.matches("constitution"));
        assert!(p.matches("contion"));
        assert!(!p.matches("constitutions"));
    }

    #[test]
    fn short_prefixes_are_refused_with_the_count() {
        let e = Pattern::new("a*").unwrap_err();
        assert!(
            matches!(&e, ExpandError::TooShort { typed, letters: 1 } if typed == "a*"),
            "{e}"
        );
        assert!(e.to_string().contains("at least 3 letters"), "{e}");
        assert!(Pattern::new("*ment").is_err());
    }

    #[test]
    fn successor_bounds_the_range() {
        assert_eq!(successor("abc").unwrap(), b"abd");
        assert_eq!(successor("").map(|v| v.len()), None);
    }
}
