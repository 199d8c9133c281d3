//! Choosing the headline among the short blocks just above the article:
//! it reads like a headline (a few words, no final full stop, not a
//! capitals-only rubric), it is often printed twice, and it shares words
//! with the opening paragraphs. Site names, rubrics and menu lines do not.

use rustc_hash::FxHashSet as HashSet;

use super::features::{is_invisible, is_stop_word, lower_word, push_lower, words};
use super::text::{Class, Line};

/// How many blocks above the article are looked at.
const WINDOW: usize = 12;
/// How many opening content blocks the headline's words are compared with.
const OPENING_BLOCKS: usize = 3;

/// Words that carry meaning: not stop words, at least three characters.
fn content_words(text: &str) -> HashSet<String> {
    words(text)
        .map(lower_word)
        .filter(|w| w.chars().count() >= 3 && !is_stop_word(w))
        .collect()
}

/// Whether a block has the form of a headline.
fn looks_like_headline(line: &Line) -> bool {
    let f = &line.feat;
    let t = line.text.trim_end();
    matches!(
        line.class,
        Class::Short | Class::Clause | Class::NearGood | Class::Good
    ) && (2..=35).contains(&f.words)
        && (10..=250).contains(&f.chars)
        && !f.all_caps
        && (!t.ends_with('.') || t.ends_with("..."))
}

/// The words of `wanted` that occur (lowercased as [`lower_word`] does)
/// in `texts`. Looking only for these lets long opening paragraphs be
/// scanned without building a set of all their words.
fn words_found_in<'w>(
    texts: impl Iterator<Item = &'w str>,
    wanted: &HashSet<&'w str>,
) -> HashSet<&'w str> {
    let mut found = HashSet::default();
    if wanted.is_empty() {
        return found;
    }
    let mut lower = String::new();
    for text in texts {
        for w in words(text) {
            lower.clear();
            w.chars()
                .filter(|&c| !is_invisible(c))
                .for_each(|c| push_lower(&mut lower, c));
            if let Some(&word) = wanted.get(lower.as_str()) {
                found.insert(word);
            }
        }
    }
    found
}

/// Index of the headline among `lines[..first_content]`, given the indexes
/// of the article's content blocks (for word overlap) and which blocks are
/// repeated later on the page.
pub fn pick_title(
    lines: &[Line],
    first_content: usize,
    content: &[usize],
    repeated: &[bool],
) -> Option<usize> {
    let from = first_content.saturating_sub(WINDOW);
    let candidates: Vec<(usize, HashSet<String>)> = (from..first_content.min(lines.len()))
        .filter(|&i| looks_like_headline(&lines[i]))
        .map(|i| (i, content_words(lines[i].text)))
        .collect();
    let wanted: HashSet<&str> = candidates
        .iter()
        .flat_map(|(_, own)| own.iter().map(String::as_str))
        .collect();
    let opening_texts = content.iter().take(OPENING_BLOCKS).map(|&i| lines[i].text);
    let opening = words_found_in(opening_texts, &wanted);
    let mut best: Option<(f32, usize)> = None;
    for (i, own) in &candidates {
        let (i, line) = (*i, &lines[*i]);
        let overlap = if own.is_empty() {
            0.0
        } else {
            own.iter().filter(|w| opening.contains(w.as_str())).count() as f32 / own.len() as f32
        };
        let is_repeated = repeated.get(i).copied().unwrap_or(false);
        let distance = (first_content - 1 - i) as f32;
        // Word overlap is the strongest sign; a repeat or being right above
        // the text decide between look-alikes.
        if overlap == 0.0 && !is_repeated && distance > 2.0 {
            continue;
        }
        let mut score = 3.0 * overlap + 1.0 / (1.0 + distance);
        if is_repeated {
            score += 1.5;
        }
        if line.feat.words >= 4 {
            score += 0.5;
        }
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, i));
        }
    }
    best.map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::features::Features;

    fn line(text: &str, class: Class) -> Line<'_> {
        Line {
            text,
            feat: Features::of(text),
            class,
        }
    }

    #[test]
    fn prefers_headline_sharing_words_with_the_text() {
        let lines = vec![
            line("Le Quotidien du Soir", Class::Short),
            line("Syrie : capitulation des jihadistes dans le Qalamoun", Class::Short),
            line("Syrie reconstruction", Class::Short),
            line(
                "L'armée a annoncé un cessez-le-feu dans le Qalamoun après la capitulation des jihadistes, a rapporté le journal.",
                Class::Good,
            ),
        ];
        assert_eq!(pick_title(&lines, 3, &[3], &[false; 4]), Some(1));
    }

    #[test]
    fn skips_rubrics_and_sentences() {
        let lines = vec![
            line("SYRIE", Class::Short),
            line("Cité introuvable.", Class::Short),
            line(
                "Un texte de plus de quelques mots sur autre chose.",
                Class::Good,
            ),
        ];
        assert_eq!(pick_title(&lines, 2, &[2], &[false; 3]), None);
    }
}
