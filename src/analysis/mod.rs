//! The French analysis chain, the same for documents and queries:
//! words (apostrophes kept inside) → lowercase → elision → accent folding
//! → stop words → Snowball stem (memoised).
//!
//! Folding runs before stemming so that the stemmer never sees an accent:
//! a word and the same word typed without its accents (`Élysée`,
//! `Elysee`) are one term, whatever the stemmer would have made of the
//! accents. Documents also index each hyphenated compound whole (see
//! [`tokenizer`]), so a compound typed joined finds it.

pub mod compound;
pub mod elision;
pub mod fold;
pub mod memo;
pub mod paragraphs;
pub mod stemmer;
pub mod stop_words;
pub mod tokenizer;

use tantivy::tokenizer::{
    BoxTokenStream, LowerCaser, RawTokenizer, RemoveLongFilter, TextAnalyzer, Token, TokenFilter,
    TokenStream, Tokenizer,
};
use tantivy::Index;

pub use elision::ElisionFilter;
pub use fold::AccentFolder;
pub use memo::TermMemo;
pub use stemmer::FrenchStemmer;
pub use tokenizer::WordTokenizer;

/// Name under which the French analyzer is registered in the index.
pub const FRENCH: &str = "fr_stem";

/// Name of the analyzer of the `surface` field: the document tokenizer
/// (compounds whole too) and the word steps without the stemmer, so that
/// its positions are the French field's.
pub const SURFACE: &str = "fr_surface";

/// Tokens longer than this (bytes) are noise (URLs, base64) and are dropped.
const MAX_TOKEN_BYTES: usize = 60;

/// Builds the French analyzer for documents: words (and compounds whole),
/// too long ones dropped, then the word-level steps through a memo (see
/// [`memo`]), which keeps each word's unstemmed term too and records each
/// text's for the surface field ([`surface_analyzer`]).
pub fn french_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::with_compounds())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(TermMemo::stemmed(exact_word_steps()))
        .build()
}

/// The steps applied to each word, each reading only the word: lowercase
/// → elision → accent folding → stop words → stem. A chain on one word
/// (tantivy's `RawTokenizer` makes the whole input one token).
pub fn word_steps() -> TextAnalyzer {
    steps(RawTokenizer::default(), true)
}

/// The word-level steps after `words`: lowercase → elision → accent
/// folding → stop words, then the stemmer if `stem`. Every chain of the
/// crate is one of these, so they cannot drift apart.
fn steps<T: Tokenizer>(words: T, stem: bool) -> TextAnalyzer {
    let folded = TextAnalyzer::builder(words)
        .filter(LowerCaser)
        .filter(ElisionFilter)
        .filter(AccentFolder)
        .filter(stop_words::french_stop_filter());
    if stem {
        folded.filter(FrenchStemmer).build()
    } else {
        folded.build()
    }
}

/// Words of `tokenizer`, too long ones dropped.
fn short_words<T: Tokenizer>(tokenizer: T) -> impl Tokenizer {
    RemoveLongFilter::limit(MAX_TOKEN_BYTES).transform(tokenizer)
}

/// The chain of the `surface` field: the documents' tokenizer (positions
/// as in the French field) and the word steps without the stemmer, with
/// each paragraph's first word marked ([`paragraphs`]).
///
/// The surface field indexes the texts the French field indexed just
/// before (the body and the title; tantivy indexes a document's fields in
/// turn, on one thread): their words are replayed from the French
/// analyzer's recording rather than read and looked up again.
pub fn surface_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(paragraphs::ParagraphMarks::new(TextAnalyzer::from(
        SurfaceWords {
            analyse: TextAnalyzer::builder(WordTokenizer::with_compounds())
                .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
                .filter(TermMemo::new(exact_word_steps()))
                .build(),
        },
    )))
}

/// The surface field's words: the French analyzer's recording of the same
/// text when this thread has one (see [`memo::recorded`]), else `analyse`
/// (the same words, read again).
#[derive(Clone)]
struct SurfaceWords {
    analyse: TextAnalyzer,
}

/// Token stream of [`SurfaceWords`].
enum SurfaceStream<'a> {
    Replayed(memo::Replay),
    Analysed(BoxTokenStream<'a>),
}

impl Tokenizer for SurfaceWords {
    type TokenStream<'a> = SurfaceStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> SurfaceStream<'a> {
        match memo::recorded(text) {
            Some(replay) => SurfaceStream::Replayed(replay),
            None => SurfaceStream::Analysed(self.analyse.token_stream(text)),
        }
    }
}

impl TokenStream for SurfaceStream<'_> {
    fn advance(&mut self) -> bool {
        match self {
            SurfaceStream::Replayed(s) => s.advance(),
            SurfaceStream::Analysed(s) => s.advance(),
        }
    }

    fn token(&self) -> &Token {
        match self {
            SurfaceStream::Replayed(s) => s.token(),
            SurfaceStream::Analysed(s) => s.token(),
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self {
            SurfaceStream::Replayed(s) => s.token_mut(),
            SurfaceStream::Analysed(s) => s.token_mut(),
        }
    }
}

/// The surface chain without its memo (for tests and references).
pub fn surface_analyzer_unmemoised() -> TextAnalyzer {
    TextAnalyzer::from(paragraphs::ParagraphMarks::new(steps(
        short_words(WordTokenizer::with_compounds()),
        false,
    )))
}

/// Words of `text` as a reader counts them: every word, stop words
/// included, a compound's parts each once (its whole takes no position).
pub fn word_count(text: &str) -> u64 {
    tokenizer::count_words(text)
}

/// The word steps of [`surface_analyzer`]: lowercase → elision → accent
/// folding → stop words.
pub fn exact_word_steps() -> TextAnalyzer {
    steps(RawTokenizer::default(), false)
}

/// The form of a query word as the `surface` field holds it, if it is
/// one word and no stop word.
pub fn exact_term(word: &str) -> Option<String> {
    let mut analyzer = exact_word_steps();
    let mut stream = analyzer.token_stream(word);
    let token = stream.next()?.text.clone();
    (!token.is_empty() && token.bytes().all(|b| b != b'-' && b != b' ')).then_some(token)
}

/// The French chain for queries, without the memo: every step on every
/// token, and compounds as their parts only (a query builds its compound
/// clauses itself, see [`crate::search`]).
pub fn french_analyzer_unmemoised() -> TextAnalyzer {
    steps(short_words(WordTokenizer::default()), true)
}

/// The documents' chain without the memo, to check the memo against.
pub fn document_analyzer_unmemoised() -> TextAnalyzer {
    steps(short_words(WordTokenizer::with_compounds()), true)
}

/// The terms a document's text gives, compounds' wholes included.
pub fn document_terms(text: &str) -> Vec<String> {
    collect_terms(&mut document_analyzer_unmemoised(), text)
}

/// Registers fouille's analyzers on an index (needed after every open:
/// tantivy stores analyzer names, not analyzers).
pub fn register(index: &Index) {
    index.tokenizers().register(FRENCH, french_analyzer());
    index.tokenizers().register(SURFACE, surface_analyzer());
}

/// Registers the chain without its memo, for an index opened to answer
/// queries: a query has a handful of words, fewer than it would take to
/// repay the memo's megabytes.
pub fn register_for_queries(index: &Index) {
    index
        .tokenizers()
        .register(FRENCH, french_analyzer_unmemoised());
    index
        .tokenizers()
        .register(SURFACE, surface_analyzer_unmemoised());
}

/// The terms the chain makes of `text`, in order (unmemoised: for queries
/// and short texts).
pub fn terms(text: &str) -> Vec<String> {
    collect_terms(&mut french_analyzer_unmemoised(), text)
}

/// The terms of a query text with their positions (stop words leave
/// gaps), for phrases: `Puy-en-Velay` is `puy` at 0 and `velay` at 2.
pub fn terms_with_positions(text: &str) -> Vec<(usize, String)> {
    let mut analyzer = french_analyzer_unmemoised();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push((token.position, token.text.clone()));
    }
    out
}

fn collect_terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elision_with_both_apostrophes() {
        assert_eq!(terms("l'armée"), terms("armée"));
        assert_eq!(terms("l’armée"), terms("armée"));
        assert_eq!(terms("L’Armée"), terms("armée"));
        assert_eq!(terms("jusqu’à Homs"), terms("Homs"));
    }

    #[test]
    fn no_elided_fragment_survives() {
        let t = terms("qu'il lorsqu’elle puisqu'on quoiqu'il s’est n'a c'est d'Al-Qaryatayn");
        for bad in ["qu", "il", "lorsqu", "puisqu", "quoiqu", "s", "n", "c", "d"] {
            assert!(!t.iter().any(|x| x == bad), "{bad} in {t:?}");
        }
        assert!(
            !t.iter().any(|x| x.contains('\'') || x.contains('’')),
            "{t:?}"
        );
    }

    #[test]
    fn folding_lets_unaccented_queries_meet() {
        assert_eq!(terms("chrétiens"), terms("chretiens"));
        assert_eq!(terms("chrétiens"), terms("chrétienne"));
        assert_eq!(terms("armée"), terms("armées"));
        assert_eq!(terms("armée"), terms("armee"));
        assert_eq!(terms("Syrie"), ["syr"]);
    }

    #[test]
    fn memoised_chain_equals_every_step_on_every_token() {
        let text = "L’Armée syrienne, l'EI et Al-Qaryatayn (sud-est) : les ARMÉES \
                    qu'il a reprises jusqu’à Homs ; l'armée, L'ARMÉE, Chrétiens ÉTAIT était \
                    aujourd'hui o'neill 30.000 x' anti-casseurs Champs-Élysées l'Île-de-France";
        let collect = |a: &mut TextAnalyzer| {
            let mut s = a.token_stream(text);
            let mut out = Vec::new();
            while let Some(t) = s.next() {
                out.push(t.clone());
            }
            out
        };
        let expected = collect(&mut document_analyzer_unmemoised());
        let mut memoised = french_analyzer();
        assert_eq!(collect(&mut memoised), expected);
        assert_eq!(collect(&mut memoised), expected, "from the memo");
    }

    /// Proximity mixes terms of the French and surface fields: both must
    /// give every word the same position, stop words leaving their gap.
    #[test]
    fn surface_positions_are_the_french_ones() {
        let text = "L’armée syrienne a repris la ville d’Al-Qaryatayn, où les chrétiens \
                    vivaient ; l'Île-de-France et le Puy-en-Velay.";
        let positions = |a: &mut TextAnalyzer| {
            let mut s = a.token_stream(text);
            let mut out = Vec::new();
            while let Some(t) = s.next() {
                out.push(t.position);
            }
            out
        };
        let french = positions(&mut french_analyzer());
        // The paragraph mark shares its word's position: one more token.
        let words = |mut p: Vec<usize>| {
            p.remove(0);
            p
        };
        assert_eq!(words(positions(&mut surface_analyzer())), french);
        assert_eq!(words(positions(&mut surface_analyzer_unmemoised())), french);
        // `a` and `la` are stop words: `repris` is the fourth word (3).
        assert_eq!(&french[..3], &[0, 1, 3]);
    }

    /// The surface field replays what the French analyzer recorded of the
    /// same text: the very tokens its own chain makes, marks included.
    #[test]
    fn surface_tokens_replayed_or_not_are_the_chains() {
        let texts = [
            "L’Armée syrienne, l'EI et Al-Qaryatayn (sud-est) : les ARMÉES\n\nqu'il a \
             reprises jusqu’à Homs ; Champs-Élysées l'Île-de-France\nle chat",
            "Titre : l’armée",
            "",
        ];
        let collect = |a: &mut TextAnalyzer, text: &str| {
            let mut s = a.token_stream(text);
            let mut out = Vec::new();
            while let Some(t) = s.next() {
                out.push(t.clone());
            }
            out
        };
        let mut french = french_analyzer();
        let mut surface = surface_analyzer();
        for text in texts {
            let expected = collect(&mut surface_analyzer_unmemoised(), text);
            assert_eq!(collect(&mut surface, text), expected, "not recorded");
            collect(&mut french, text);
            assert_eq!(collect(&mut surface, text), expected, "replayed");
            assert!(memo::recorded(text).is_none(), "used up");
        }
    }

    #[test]
    fn words_are_counted_as_a_reader_counts_them() {
        assert_eq!(word_count("Le chat de l’armée anti-casseurs."), 6);
        assert_eq!(word_count(""), 0);
    }

    #[test]
    fn stop_words_vanish() {
        assert!(terms("les").is_empty());
        assert!(terms("Le, la, les et des").is_empty());
        assert_eq!(terms("la ville").len(), 1);
    }
}
