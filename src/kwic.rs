//! Concordance lines (key word in context, `search --kwic`): every place
//! where the query's words matched in an article's text, with a few words
//! each side. What matched comes from the snippets' highlighter, so a
//! concordance shows exactly what the snippets mark.

use serde::Serialize;

/// Words of context each side of a match, unless told otherwise: about a
/// line of a terminal in all.
pub const DEFAULT_CONTEXT: usize = 6;

/// One occurrence of a match in a text: the words before, the match, the
/// words after, with runs of whitespace (newlines included) as one space.
/// A side keeps the part of the word the match is glued to (`d'Al-` before
/// `Qaryatayn`, `,` after it), so that the three read as the text does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Occurrence {
    pub left: String,
    #[serde(rename = "match")]
    pub matched: String,
    pub right: String,
}

/// Most characters a side takes for `words` words: a "word" may be a URL
/// or a run of symbols, which would push the match column off the screen.
fn side_cap(words: usize) -> usize {
    words.saturating_mul(16).saturating_add(16)
}

/// The matches of a text, in order, with the ones that touch or stand
/// side by side (only whitespace between) made one: a phrase is one
/// occurrence, not one per word.
pub fn merge_adjacent(text: &str, matches: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut sorted: Vec<(usize, usize)> = matches
        .iter()
        .copied()
        .filter(|&(from, to)| {
            from < to
                && to <= text.len()
                && text.is_char_boundary(from)
                && text.is_char_boundary(to)
        })
        .collect();
    sorted.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(sorted.len());
    for (from, to) in sorted {
        if let Some(last) = out.last_mut() {
            let joined = from <= last.1 || text[last.1..from].chars().all(char::is_whitespace);
            if joined {
                last.1 = last.1.max(to);
                continue;
            }
        }
        out.push((from, to));
    }
    out
}

/// Runs of whitespace as one space.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `words` words before the end of `before`, and the part of a word
/// that ends it (glued to what follows); at most [`side_cap`] characters,
/// cut on the far side.
fn left_of(before: &str, words: usize) -> String {
    let mut pieces = before.rsplit(char::is_whitespace);
    let glued = pieces.next().unwrap_or("");
    let mut taken: Vec<&str> = pieces.filter(|p| !p.is_empty()).take(words).collect();
    taken.reverse();
    let mut out = taken.join(" ");
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(glued);
    let cap = side_cap(words);
    let chars = out.chars().count();
    if chars > cap {
        let tail: String = out.chars().skip(chars - cap + 1).collect();
        out = format!("…{tail}");
    }
    out
}

/// The part of a word that starts `after` (glued to what precedes), then
/// `words` words; at most [`side_cap`] characters, cut on the far side.
fn right_of(after: &str, words: usize) -> String {
    let mut pieces = after.split(char::is_whitespace);
    let glued = pieces.next().unwrap_or("");
    let taken: Vec<&str> = pieces.filter(|p| !p.is_empty()).take(words).collect();
    let mut out = glued.to_string();
    if !taken.is_empty() {
        out.push(' ');
        out.push_str(&taken.join(" "));
    }
    let cap = side_cap(words);
    if out.chars().count() > cap {
        out = out.chars().take(cap - 1).collect::<String>() + "…";
    }
    out
}

/// The occurrences of `matches` (byte ranges of `text`) with `words`
/// words of context each side.
pub fn occurrences(text: &str, matches: &[(usize, usize)], words: usize) -> Vec<Occurrence> {
    merge_adjacent(text, matches)
        .into_iter()
        .map(|(from, to)| Occurrence {
            left: left_of(&text[..from], words),
            matched: flat(&text[from..to]),
            right: right_of(&text[to..], words),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, word: &str) -> (usize, usize) {
        let from = text.find(word).unwrap();
        (from, from + word.len())
    }

    #[test]
    fn context_is_whole_words_and_the_glued_parts() {
        let text = "La ville\nd'Al-Qaryatayn, située au sud-est de Homs.";
        let o = occurrences(text, &[at(text, "Qaryatayn")], 2);
        assert_eq!(
            o,
            [Occurrence {
                left: "La ville d'Al-".into(),
                matched: "Qaryatayn".into(),
                right: ", située au".into(),
            }]
        );
        let o = occurrences(text, &[at(text, "La")], 1);
        assert_eq!((o[0].left.as_str(), o[0].right.as_str()), ("", " ville"));
        let o = occurrences(text, &[at(text, "Homs")], 3);
        assert_eq!(
            (o[0].left.as_str(), o[0].right.as_str()),
            ("au sud-est de ", ".")
        );
    }

    #[test]
    fn words_side_by_side_are_one_occurrence() {
        let text = "l'armée  syrienne avance; l'armée recule";
        let second = text.rfind("armée").unwrap();
        let matches = [
            at(text, "armée"),
            at(text, "syrienne"),
            (second, second + "armée".len()),
        ];
        let o = occurrences(text, &matches, 1);
        assert_eq!(o.len(), 2, "{o:?}");
        assert_eq!(o[0].matched, "armée syrienne");
        assert_eq!(o[1].matched, "armée");
        assert_eq!(o[1].left, "avance; l'");
    }

    #[test]
    fn a_long_side_is_cut_far_from_the_match() {
        let url = "x".repeat(200);
        let text = format!("{url} mot {url}");
        let o = occurrences(&text, &[at(&text, "mot")], 1);
        assert_eq!(o[0].left.chars().count(), side_cap(1));
        assert!(o[0].left.starts_with('…') && o[0].left.ends_with("x "));
        assert!(o[0].right.ends_with('…') && o[0].right.starts_with(" x"));
    }

    #[test]
    fn bad_ranges_are_skipped_not_panicked_on() {
        let text = "é a";
        assert!(occurrences(text, &[(1, 2), (5, 9), (3, 3)], 2).is_empty());
    }
}
