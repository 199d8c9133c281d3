//! Finding blocks that repeat other blocks: a headline printed twice, a
//! teaser that repeats a paragraph (often cut short with "…" or "..."),
//! a headline repeated without its kicker ("Syrie : X" then "X").
//! The later copy is furniture; the first one is the article's.

use rustc_hash::FxHashMap;

use super::features::push_lower;

/// Shortest text a truncated teaser must keep to be matched by prefix:
/// shorter stems would match by chance.
const MIN_TEASER_STEM: usize = 30;
/// A headline repeated without its kicker is looked for this many blocks back.
const HEADLINE_WINDOW: usize = 12;
/// Headline-like blocks are at most this long.
const HEADLINE_MAX_CHARS: usize = 250;

/// Lowercase, whitespace folded, so that spacing and case do not hide a copy.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalise_into(text, &mut out);
    out
}

/// Appends [`normalise`]`(text)` to `out`, so that a page's blocks can
/// share one buffer instead of one allocation each.
fn normalise_into(text: &str, out: &mut String) {
    let base = out.len();
    // A space is owed after a word when more text follows.
    let mut space_owed = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Printable ASCII with single spaces inside (most of a page) is
        // already normal but for case: copied and lowercased at once.
        let (run, double_space) = printable_run(&bytes[i..]);
        if run > 0 {
            let piece = &text[i..i + run];
            i += run;
            let inner = trim_spaces(piece);
            if inner.is_empty() {
                space_owed = out.len() > base;
                continue;
            }
            if piece.starts_with(' ') {
                space_owed = out.len() > base;
            }
            if double_space {
                // Rare: fold the spaces word by word.
                for w in piece.split(' ').filter(|w| !w.is_empty()) {
                    push_word(out, base, &mut space_owed, w);
                    space_owed = true;
                }
                space_owed = piece.ends_with(' ');
                continue;
            }
            push_word(out, base, &mut space_owed, inner);
            space_owed = piece.ends_with(' ');
            continue;
        }
        // Other whitespace or a non-ASCII character; `i` is on a boundary
        // since it only moves by whole characters.
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        if c.is_whitespace() {
            space_owed = out.len() > base;
        } else {
            if space_owed {
                out.push(' ');
                space_owed = false;
            }
            push_lower(out, c);
        }
    }
}

/// Appends the lowercase of an ASCII `piece` (without leading or trailing
/// spaces), after the space owed if some text came before it.
fn push_word(out: &mut String, base: usize, space_owed: &mut bool, piece: &str) {
    if *space_owed && out.len() > base {
        out.push(' ');
    }
    *space_owed = false;
    let start = out.len();
    out.push_str(piece);
    out[start..].make_ascii_lowercase();
}

/// Length of the leading run of printable ASCII and spaces (0x20..=0x7E)
/// in `b` (it ends on a character boundary), and whether it holds two
/// spaces in a row.
fn printable_run(b: &[u8]) -> (usize, bool) {
    let (mut len, mut prev_space, mut double) = (0, false, false);
    for &x in b {
        if !(0x20..=0x7e).contains(&x) {
            break;
        }
        let space = x == b' ';
        double |= space & prev_space;
        prev_space = space;
        len += 1;
    }
    (len, double)
}

/// `piece` without its leading and trailing ASCII spaces.
fn trim_spaces(piece: &str) -> &str {
    let b = piece.as_bytes();
    let start = b.iter().position(|&x| x != b' ').unwrap_or(b.len());
    let end = b.iter().rposition(|&x| x != b' ').map_or(start, |e| e + 1);
    piece.get(start..end).unwrap_or("")
}

/// The text before a trailing ellipsis ("…", "...", "(…)", "[…]"), if the
/// block ends with one.
pub fn strip_ellipsis(norm: &str) -> Option<&str> {
    for tail in ["(…)", "[…]", "(...)", "[...]", "…", "..."] {
        if let Some(stem) = norm.strip_suffix(tail) {
            return Some(stem.trim_end());
        }
    }
    None
}

/// For each block, the index of the block it repeats, if any.
pub fn find_repeats(texts: &[&str]) -> Vec<Option<usize>> {
    let mut buffer = String::with_capacity(texts.iter().map(|t| t.len() + 1).sum());
    let spans: Vec<(usize, usize)> = texts
        .iter()
        .map(|t| {
            let start = buffer.len();
            normalise_into(t, &mut buffer);
            (start, buffer.len())
        })
        .collect();
    let norms: Vec<&str> = spans.iter().map(|&(s, e)| &buffer[s..e]).collect();
    let mut first_seen: FxHashMap<&str, usize> = FxHashMap::default();
    let mut out = vec![None; texts.len()];
    for (i, &n) in norms.iter().enumerate() {
        if let Some(&j) = first_seen.get(n) {
            out[i] = Some(j);
            continue;
        }
        first_seen.insert(n, i);
        out[i] = truncated_copy_of(i, &norms).or_else(|| headline_copy_of(i, &norms));
    }
    out
}

/// A block cut short with an ellipsis whose stem starts another block.
fn truncated_copy_of(i: usize, norms: &[&str]) -> Option<usize> {
    let stem = strip_ellipsis(norms[i])?;
    if stem.chars().count() < MIN_TEASER_STEM {
        return None;
    }
    // The full text may come before or after the teaser; only truncated
    // blocks are checked, so this stays cheap.
    norms
        .iter()
        .enumerate()
        .find(|(j, n)| *j != i && n.len() > stem.len() && n.starts_with(stem))
        .map(|(j, _)| j)
}

/// A short block contained in a slightly earlier, longer headline-like
/// block: the headline repeated without its kicker or prefix.
fn headline_copy_of(i: usize, norms: &[&str]) -> Option<usize> {
    let n = norms[i];
    if !chars_within(n, 20, HEADLINE_MAX_CHARS) {
        return None;
    }
    (i.saturating_sub(HEADLINE_WINDOW)..i).find(|&j| {
        let m = norms[j];
        m.len() > n.len() && chars_within(m, 0, HEADLINE_MAX_CHARS) && contains_short(m, n)
    })
}

/// Whether `s` has between `lo` and `hi` characters, counting them only
/// when the byte length (one to four bytes a character) leaves a doubt.
fn chars_within(s: &str, lo: usize, hi: usize) -> bool {
    let bytes = s.len();
    if bytes < lo || bytes > 4 * hi {
        return false;
    }
    if bytes >= 4 * lo && bytes <= hi {
        return true;
    }
    (lo..=hi).contains(&s.chars().count())
}

/// Whether `needle` occurs in the short `hay` (a headline): a plain scan
/// for its first byte, cheaper here than setting up a substring searcher
/// for each of the many short pairs compared.
fn contains_short(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some((&first, _)) = n.split_first() else {
        return true;
    };
    h.len() >= n.len()
        && h[..=h.len() - n.len()]
            .iter()
            .enumerate()
            .any(|(i, &b)| b == first && &h[i..i + n.len()] == n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_folds_case_and_spaces() {
        assert_eq!(normalise("  Été\u{a0}à\t PARIS \n"), "été à paris");
        assert_eq!(normalise("ΣΟΦΟΣ  İ"), "σοφοσ i\u{307}");
        assert_eq!(normalise(""), "");
        assert_eq!(normalise("A\u{b}B\u{85}C\u{2003}D"), "a b c d");
        assert_eq!(normalise("a \u{a0}b\u{a0} Ç\u{a0}"), "a b ç");
        assert_eq!(normalise(" Le  Monde\t DIT  "), "le monde dit");
        assert_eq!(normalise("é A  B é"), "é a b é");
        assert_eq!(normalise("   "), "");
        assert_eq!(normalise("x\n\ny"), "x y");
    }

    /// `normalise` as first written: words lowercased, joined by a space.
    fn reference_normalise(text: &str) -> String {
        let words: Vec<String> = text
            .split_whitespace()
            .map(|w| w.chars().flat_map(char::to_lowercase).collect())
            .collect();
        words.join(" ")
    }

    #[test]
    fn normalise_agrees_with_the_reference() {
        let pieces = [
            " ", "  ", "\t", "\u{a0}", "A", "b", "É", "é", "İ", "\n", "x Y", "Σ", "-",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            texts = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            for t in &texts {
                assert_eq!(normalise(t), reference_normalise(t), "{t:?}");
            }
        }
    }

    #[test]
    fn character_count_bounds() {
        for s in [
            "",
            "abc",
            "ééééé",
            "a".repeat(30).as_str(),
            "é".repeat(30).as_str(),
        ] {
            for (lo, hi) in [(0, 3), (3, 5), (5, 10), (20, 250), (0, 250)] {
                let n = s.chars().count();
                assert_eq!(
                    chars_within(s, lo, hi),
                    (lo..=hi).contains(&n),
                    "{s} {lo} {hi}"
                );
            }
        }
    }

    #[test]
    fn short_substring_search() {
        assert!(contains_short("syrie : l'armée", "l'armée"));
        assert!(contains_short("abc", ""));
        assert!(!contains_short("ab", "abc"));
        assert!(!contains_short("syrie : l'armée", "l'armee"));
        assert!(contains_short("aab", "ab"));
    }

    #[test]
    fn exact_repeat_points_to_first_copy() {
        let t = [
            "Après la victoire, l'armée avance",
            "Après  la victoire, l'armée avance",
            "Le texte.",
        ];
        assert_eq!(find_repeats(&t), vec![None, Some(0), None]);
    }

    #[test]
    fn teaser_cut_with_ellipsis() {
        let t = [
            "L'organisation s'est emparée dimanche de toute la ville, située au sud-est de Homs dans le désert syrien.",
            "Autre paragraphe.",
            "L'organisation s'est emparée dimanche de toute la ville, située au sud-est de Homs dans...",
            "Un court…",
        ];
        assert_eq!(find_repeats(&t), vec![None, None, Some(0), None]);
    }

    #[test]
    fn headline_without_kicker() {
        let t = [
            "Syrie : l'armée reprend la ville symbolique",
            "Syrie",
            "l'armée reprend la ville symbolique",
        ];
        assert_eq!(find_repeats(&t), vec![None, None, Some(0)]);
    }

    #[test]
    fn standfirst_inside_a_later_paragraph_is_not_a_copy() {
        let long = "Le chapeau résume tout. ".repeat(20);
        let t = ["Le chapeau résume tout.", long.as_str()];
        assert_eq!(find_repeats(&t), vec![None, None]);
    }
}
