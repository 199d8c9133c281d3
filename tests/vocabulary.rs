//! Properties of the French analysis chain over a whole real vocabulary:
//! every distinct word of the benchmark corpus (`../shared/corpus`, 108k
//! French documents: laws, novels, manuals), so that "accents never change
//! what matches" is checked on French as it is written, not on examples.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::PathBuf;

use fouille::analysis::{compound, document_terms, terms};
use unicode_normalization::UnicodeNormalization;

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/fr-bench.jsonl.zst")
}

/// Every distinct word and every distinct hyphenated compound of the
/// corpus's texts and titles (words: runs of letters, digits and
/// combining marks, apostrophes inside kept; compounds: such words joined
/// by hyphens).
fn vocabulary() -> (BTreeSet<String>, BTreeSet<String>) {
    let path = corpus();
    let file = std::fs::File::open(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (the corpus is in ../shared beside the repository)",
            path.display()
        )
    });
    let mut text = String::new();
    zstd::Decoder::new(file)
        .expect("zstd")
        .read_to_string(&mut text)
        .expect("UTF-8 JSON Lines");
    let (mut words, mut compounds) = (BTreeSet::new(), BTreeSet::new());
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON");
        for field in ["title", "text"] {
            let s = v[field].as_str().unwrap_or_default();
            let mut word = String::new();
            let mut compound = String::new();
            let mut chars = s.chars().peekable();
            while let Some(c) = chars.next() {
                let next_is_word = chars.peek().is_some_and(|n| n.is_alphanumeric());
                let next_is_letter = chars.peek().is_some_and(|n| n.is_alphabetic());
                let apostrophe = (c == '\'' || c == '’') && !word.is_empty() && next_is_letter;
                if c.is_alphanumeric() || is_mark(c) || apostrophe {
                    word.push(c);
                    compound.push(c);
                    continue;
                }
                if !word.is_empty() {
                    words.insert(std::mem::take(&mut word));
                }
                if c == '-' && !compound.is_empty() && next_is_word {
                    compound.push(c);
                    continue;
                }
                if compound.contains('-') {
                    compounds.insert(std::mem::take(&mut compound));
                }
                compound.clear();
            }
            if !word.is_empty() {
                words.insert(word);
            }
            if compound.contains('-') {
                compounds.insert(compound);
            }
        }
    }
    (words, compounds)
}

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// The word with its accents stripped: decomposed, combining marks
/// dropped, composed again (so that Hangul, say, stays as written).
fn strip_accents(word: &str) -> String {
    word.nfd()
        .filter(|&c| !unicode_normalization::char::is_combining_mark(c))
        .nfc()
        .collect()
}

#[test]
fn accents_never_change_what_a_word_matches() {
    let (words, _) = vocabulary();
    let accented: Vec<&String> = words.iter().filter(|w| strip_accents(w) != **w).collect();
    assert!(
        accented.len() > 50_000,
        "only {} accented words",
        accented.len()
    );
    let mut differ = Vec::new();
    for w in &accented {
        let bare = strip_accents(w);
        if terms(w) != terms(&bare) {
            differ.push(format!("{w} {:?} / {bare} {:?}", terms(w), terms(&bare)));
        }
    }
    // Known exceptions: none. Folding runs before stop words and the
    // stemmer, so both spellings reach them as the same letters; letters
    // outside the fold's table fold by their Unicode decomposition.
    let share = 1.0 - differ.len() as f64 / accented.len() as f64;
    println!(
        "{} distinct words, {} with accents, {} analysed differently without them ({:.4} alike)",
        words.len(),
        accented.len(),
        differ.len(),
        share
    );
    assert!(
        share >= 0.999,
        "{share}: {:?}",
        &differ[..differ.len().min(20)]
    );
    assert!(differ.is_empty(), "{:?}", &differ[..differ.len().min(20)]);
}

#[test]
fn a_compound_is_found_typed_with_hyphens_spaces_or_joined() {
    let (_, compounds) = vocabulary();
    assert!(
        compounds.len() > 10_000,
        "only {} compounds",
        compounds.len()
    );
    let (mut spaced_missing, mut joined_missing, mut joinable) = (Vec::new(), Vec::new(), 0usize);
    let mut skipped = 0;
    for c in &compounds {
        // Not words, so not indexed whole: number ranges (`2018-2019`) and
        // chains of more than six parts (lists, codes).
        if !c.chars().any(char::is_alphabetic) || c.split('-').count() > 6 {
            skipped += 1;
            continue;
        }
        let indexed = document_terms(c);
        // Typed with spaces: every term is one the document indexes.
        let spaced = terms(&c.replace('-', " "));
        if !spaced.iter().all(|t| indexed.contains(t)) {
            spaced_missing.push(format!("{c}: {spaced:?} vs {indexed:?}"));
        }
        // Typed joined: its one term is the compound's whole, indexed too;
        // and the query's compound clause asks for that same term.
        let joined = terms(&c.replace('-', ""));
        if let [whole] = joined.as_slice() {
            joinable += 1;
            if !indexed.contains(whole) || compound::joined(c).as_ref() != Some(whole) {
                joined_missing.push(format!("{c}: {whole} vs {indexed:?}"));
            }
        }
        // Typed without accents: the same terms.
        assert_eq!(document_terms(&strip_accents(c)), indexed, "{c}");
    }
    println!(
        "{} compounds ({skipped} not words): {} not found spaced, {} of {} not found joined",
        compounds.len(),
        spaced_missing.len(),
        joined_missing.len(),
        joinable
    );
    assert!(
        spaced_missing.is_empty(),
        "{:?}",
        &spaced_missing[..spaced_missing.len().min(20)]
    );
    assert!(
        joined_missing.is_empty(),
        "{:?}",
        &joined_missing[..joined_missing.len().min(20)]
    );
}
