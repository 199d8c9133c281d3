//! Compounds in queries: a word written with hyphens (`Champs-Élysées`,
//! `anti-casseurs`) matches its parts, as if typed with spaces, or the
//! compound written as one word, which is also the term documents index
//! for each of their hyphenated compounds (see [`super::tokenizer`]).

use super::tokenizer::is_hyphen;

/// Whether `word` joins words with a hyphen (a hyphen at either end is
/// query syntax or noise, not a compound).
pub fn is_compound(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars
        .windows(3)
        .any(|w| is_hyphen(w[1]) && w[0].is_alphanumeric() && w[2].is_alphanumeric())
}

/// The term of a compound written as one word: the term documents index
/// for the hyphenated compound, and the term of the word typed joined.
pub fn joined(word: &str) -> Option<String> {
    // Number ranges (`2018-2019`) are not words: documents keep no whole.
    if !is_compound(word) || !word.chars().any(char::is_alphabetic) {
        return None;
    }
    let one: String = word.chars().filter(|&c| !is_hyphen(c)).collect();
    match super::terms(&one).as_slice() {
        [t] => Some(t.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_is_the_term_of_the_word_typed_as_one() {
        assert_eq!(
            joined("anti-casseurs"),
            Some(super::super::terms("anticasseurs")[0].clone())
        );
        assert_eq!(joined("Champs-Élysées"), joined("champs-elysees"));
        assert_eq!(joined("armée"), None);
        assert_eq!(joined("-armée"), None);
    }

    #[test]
    fn the_documents_whole_is_the_joined_term() {
        for word in [
            "anti-casseurs",
            "Champs-Élysées",
            "ronds-points",
            "Puy-en-Velay",
            "l'Île-de-France",
        ] {
            let whole = joined(word).expect("a compound");
            assert!(
                super::super::document_terms(word).contains(&whole),
                "{word}: {whole} not in {:?}",
                super::super::document_terms(word)
            );
        }
    }
}
