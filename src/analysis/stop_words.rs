//! French stop words: Snowball's list (as tantivy ships it) plus the forms it
//! lacks, each also in its accent-folded spelling so that a query typed
//! without accents (`etait`) is treated like the accented word.

use tantivy::tokenizer::StopWordFilter;

/// Words Snowball's French list leaves out but that carry no meaning in a
/// query: the third person of être and avoir, relative pronouns, and the
/// long elided forms when they stand alone.
const EXTRA: &[&str] = &[
    "a",
    "as",
    "est",
    "dont",
    "où",
    "ni",
    "ceux",
    "celui",
    "celle",
    "celles",
    "lequel",
    "laquelle",
    "lesquels",
    "lesquelles",
    "auquel",
    "auxquels",
    "duquel",
    "jusqu",
    "lorsqu",
    "puisqu",
    "quoiqu",
    "si",
    "ça",
];

/// Every stop word, lowercase, accented and folded.
pub fn french_stop_words() -> Vec<String> {
    let mut words: Vec<String> = SNOWBALL_FRENCH
        .iter()
        .chain(EXTRA)
        .map(|w| w.to_string())
        .collect();
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    words.extend(folded);
    words.sort();
    words.dedup();
    words
}

/// The stop-word filter of the French chain.
pub fn french_stop_filter() -> StopWordFilter {
    // Built once: every query builds analyzers, and the filter's word set
    // is shared between clones.
    static FILTER: std::sync::LazyLock<StopWordFilter> =
        std::sync::LazyLock::new(|| StopWordFilter::remove(french_stop_words()));
    FILTER.clone()
}

/// Accent folding of a stop word (the stop list only needs Latin-1 letters).
fn fold(w: &str) -> String {
    w.chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

/// Snowball's French stop list: the list tantivy uses for `Language::French`,
/// which it does not export.
const SNOWBALL_FRENCH: &[&str] = &[
    "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "et", "eux", "il",
    "je", "la", "le", "leur", "lui", "ma", "mais", "me", "même", "mes", "moi", "mon", "ne", "nos",
    "notre", "nous", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "sa", "se", "ses",
    "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "c", "d",
    "j", "l", "à", "m", "n", "s", "t", "y", "été", "étée", "étées", "étés", "étant", "suis", "es",
    "êtes", "sont", "serai", "seras", "sera", "serons", "serez", "seront", "serais", "serait",
    "serions", "seriez", "seraient", "étais", "était", "étions", "étiez", "étaient", "fus", "fut",
    "fûmes", "fûtes", "furent", "sois", "soit", "soyons", "soyez", "soient", "fusse", "fusses",
    "fussions", "fussiez", "fussent", "ayant", "eu", "eue", "eues", "eus", "ai", "avons", "avez",
    "ont", "aurai", "aurons", "aurez", "auront", "aurais", "aurait", "aurions", "auriez",
    "auraient", "avais", "avait", "avions", "aviez", "avaient", "eut", "eûmes", "eûtes", "eurent",
    "aie", "aies", "ait", "ayons", "ayez", "aient", "eusse", "eusses", "eût", "eussions",
    "eussiez", "eussent", "ceci", "cela", "celà", "cet", "cette", "ici", "ils", "les", "leurs",
    "quel", "quels", "quelle", "quelles", "sans", "soi",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_articles_auxiliaries_and_folded_forms() {
        let w = french_stop_words();
        for s in [
            "les", "est", "a", "était", "etait", "où", "ou", "même", "meme", "jusqu",
        ] {
            assert!(w.binary_search(&s.to_string()).is_ok(), "{s} missing");
        }
        for s in ["armée", "chrétiens", "syrie"] {
            assert!(
                w.binary_search(&s.to_string()).is_err(),
                "{s} is not a stop word"
            );
        }
    }
}
