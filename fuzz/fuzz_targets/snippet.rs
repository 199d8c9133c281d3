//! The snippet highlighter on any text and any terms: ranges must be valid
//! byte ranges of the snippet, never a panic.
#![no_main]

use fouille::snippet::Highlighter;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (Vec<String>, &str, u16)| {
    let (terms, text, max_chars) = input;
    let mut h = Highlighter::new(terms);
    let _ = h.matches(text);
    if let Some(s) = h.snippet(text, usize::from(max_chars)) {
        for [a, b] in &s.highlights {
            assert!(
                a <= b && s.text.get(*a..*b).is_some(),
                "bad range {a}..{b} in {:?}",
                s.text
            );
        }
    }
});
