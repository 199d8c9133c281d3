//! "Never a silent nothing": when a query finds no article, say why, and
//! offer the closest words and entity names of the index that do find some
//! (`Qaryatyan` → "did you mean Qaryatayn (3 articles)?").
//!
//! Candidates come from the term dictionaries (an FST per segment) walked
//! by a Levenshtein automaton, the one tantivy's fuzzy query builds: the
//! cost grows with the words near the typed one, not with the vocabulary.
//! The body field holds folded, stemmed terms that no reader writes
//! (`chretien`), so each candidate is shown as the articles spell it, read
//! from a few that hold it; an entity name is shown as an article names it.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::collector::Count;
use tantivy::query::{FuzzyTermQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TokenStream;
use tantivy::{DocAddress, DocSet, Searcher, TantivyError, Term, TERMINATED};

use crate::index::{self, Fields};
use crate::search::{Engine, Filters, Query, SearchError};
use crate::snippet::Highlighter;

/// Candidates per word kept from the dictionaries, then checked by
/// running the corrected query.
const CANDIDATES: usize = 5;

/// Corrections offered.
const OFFERED: usize = 3;

/// Articles read to see how a word or a name is spelled.
const FORM_DOCS: usize = 3;

/// A corrected query that finds articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The query text with the corrections made, as a reader writes it.
    pub query: String,
    /// Articles it finds (with the same filters).
    pub articles: usize,
    /// Edits made, summed over the corrected words.
    #[serde(skip)]
    pub edits: usize,
}

/// Why a query found nothing, and what would find something.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NoHits {
    /// The query's words that no article holds, as typed.
    pub missing: Vec<String>,
    /// Corrected queries that find articles, closest first.
    pub suggestions: Vec<Suggestion>,
    /// When every word is in some article but the query's combination is
    /// in none: each word with the number of articles holding it.
    pub apart: Vec<(String, usize)>,
    /// Articles the query finds without its filters (when it has filters).
    pub without_filters: Option<usize>,
    /// The query has words, but only stop words, which are not indexed.
    pub only_stop_words: bool,
}

/// How many edits a word of `chars` letters may be from a suggestion:
/// none under three letters (everything is two edits from `un`), one up
/// to five, two beyond (the automata go no further).
pub fn max_edits(chars: usize) -> u8 {
    match chars {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

/// Edits between two words: insertions, deletions, substitutions and
/// swaps of two neighbouring letters (the automaton's own measure, with
/// transpositions costing one), to rank what the automaton found.
pub fn edits(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows of the optimal-string-alignment table.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut row = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        row[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(before[j - 2] + 1);
            }
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut row);
    }
    prev[b.len()]
}

/// The spelling articles use for a word, from the forms met in them: the
/// forms are grouped regardless of case, the largest group wins, and it is
/// written in lowercase if it was ever met so (a capital at the start of a
/// sentence says nothing), else as most often met.
pub fn usual_form(forms: &[String]) -> Option<String> {
    /// The forms of one word regardless of case: the word in lowercase,
    /// how often met, and each form with its count, in the order met.
    type Group<'a> = (String, usize, Vec<(&'a str, usize)>);
    let mut groups: Vec<Group> = Vec::new();
    for f in forms {
        let lower = f.to_lowercase();
        let at = match groups.iter().position(|g| g.0 == lower) {
            Some(at) => at,
            None => {
                groups.push((lower, 0, Vec::new()));
                groups.len() - 1
            }
        };
        let group = &mut groups[at];
        group.1 += 1;
        match group.2.iter_mut().find(|(s, _)| *s == f.as_str()) {
            Some(slot) => slot.1 += 1,
            None => group.2.push((f.as_str(), 1)),
        }
    }
    // The first of the largest groups (max_by_key would take the last).
    let best = groups.iter().rev().max_by_key(|g| g.1)?;
    if best.2.iter().any(|(s, _)| *s == best.0) {
        return Some(best.0.clone());
    }
    best.2
        .iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .map(|(s, _)| s.to_string())
}

/// Whether a query text is only words (letters, digits, spaces, hyphens,
/// apostrophes): it may then name one entity as a whole (`Deir Ezor`).
fn only_words(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_alphanumeric() || c.is_whitespace() || matches!(c, '-' | '\'' | '’'))
}

/// The words of a query text as the analysis chain reads them: each
/// term with the byte range of the word that gave it, so that a word can
/// be replaced where it was typed (field names and operators give terms
/// too, but no query term is ever looked for among them).
fn typed_words(text: &str) -> Vec<(usize, usize, String)> {
    let mut analyzer = crate::analysis::french_analyzer_unmemoised();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(t) = stream.next() {
        out.push((t.offset_from, t.offset_to, t.text.clone()));
    }
    out
}

/// `text` with byte ranges replaced (ranges in any order, not overlapping).
fn replace_ranges(text: &str, edits: &[(usize, usize, &str)]) -> String {
    let mut edits = edits.to_vec();
    edits.sort_by_key(|e| e.0);
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for (from, to, with) in edits {
        if from < pos || to > text.len() {
            continue;
        }
        out.push_str(&text[pos..from]);
        out.push_str(with);
        pos = to;
    }
    out.push_str(&text[pos..]);
    out
}

/// A replacement for a word: what to write, and how far it is.
#[derive(Debug, Clone)]
struct Candidate {
    text: String,
    edits: usize,
}

/// Terms of `field` within `distance` edits of `term`, with the number of
/// documents holding each, summed over the segments (deleted ones
/// included: the counts only rank candidates).
fn near_terms(
    searcher: &Searcher,
    field: Field,
    term: &str,
    distance: u8,
) -> Result<HashMap<String, u64>, SearchError> {
    let query = FuzzyTermQuery::new(Term::from_field_text(field, term), distance, true);
    let mut found: HashMap<String, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .search(query.automaton()?)
            .into_stream()
            .map_err(TantivyError::from)?;
        while stream.advance() {
            if let Ok(key) = std::str::from_utf8(stream.key()) {
                *found.entry(key.to_string()).or_default() += u64::from(stream.value().doc_freq);
            }
        }
    }
    found.remove(term);
    Ok(found)
}

/// Up to `n` live documents holding `term`, in index order.
fn docs_with(searcher: &Searcher, term: &Term, n: usize) -> Result<Vec<DocAddress>, SearchError> {
    let mut out = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let Some(mut postings) = segment
            .inverted_index(term.field())?
            .read_postings(term, IndexRecordOption::Basic)
            .map_err(TantivyError::from)?
        else {
            continue;
        };
        let mut doc = postings.doc();
        while doc != TERMINATED && out.len() < n {
            if !segment.is_deleted(doc) {
                out.push(DocAddress::new(ord as u32, doc));
            }
            doc = postings.advance();
        }
        if out.len() >= n {
            break;
        }
    }
    Ok(out)
}

/// How articles spell the words that analyse to a body term, read from a
/// few that hold it; `None` if no word of theirs gives it alone (a
/// compound indexed whole).
fn spelled(
    searcher: &Searcher,
    fields: &Fields,
    term: &str,
) -> Result<Option<String>, SearchError> {
    let mut highlighter = Highlighter::new([term.to_string()]);
    let mut forms = Vec::new();
    for addr in docs_with(
        searcher,
        &Term::from_field_text(fields.body, term),
        FORM_DOCS,
    )? {
        let stored: index::Stored = searcher.doc(addr)?;
        let article = stored.into_article(fields);
        for text in [&article.title, &article.body] {
            for (from, to, _) in highlighter.matches(text) {
                forms.push(text[from..to].to_string());
            }
        }
    }
    Ok(usual_form(&forms))
}

/// How articles write an entity name whose folded key is `key` (tagged
/// `alias:KEY`): the entity's name if it folds so, else a mention that
/// does.
fn entity_spelled(
    searcher: &Searcher,
    fields: &Fields,
    key: &str,
) -> Result<Option<String>, SearchError> {
    let tag = Term::from_field_text(fields.tags, &format!("alias:{key}"));
    let mut mentions = Vec::new();
    for addr in docs_with(searcher, &tag, FORM_DOCS)? {
        let stored: index::Stored = searcher.doc(addr)?;
        let article = stored.into_article(fields);
        let entities = article
            .places
            .iter()
            .chain(&article.organisations)
            .chain(&article.people);
        for e in entities {
            if crate::entities::fold(&e.name) == key {
                return Ok(Some(e.name.clone()));
            }
            mentions.extend(
                e.mentions
                    .iter()
                    .filter(|m| crate::entities::fold(m) == key)
                    .cloned(),
            );
        }
    }
    Ok(usual_form(&mentions))
}

/// The closest words of the index to a typed word whose term is `term`,
/// and the closest entity names to it, spelled as articles spell them,
/// closest then commonest first.
fn candidates_for(
    searcher: &Searcher,
    fields: &Fields,
    typed: &str,
    term: &str,
) -> Result<Vec<Candidate>, SearchError> {
    let mut found: Vec<(String, usize, u64, bool)> = Vec::new();
    let distance = max_edits(term.chars().count());
    if distance > 0 {
        for (t, docs) in near_terms(searcher, fields.body, term, distance)? {
            found.push((t.clone(), edits(term, &t), docs, false));
        }
    }
    let key = crate::entities::fold(typed);
    let distance = max_edits(key.chars().count());
    if distance > 0 {
        found.extend(entity_keys(searcher, fields, &key, distance)?);
    }
    best_candidates(searcher, fields, found)
}

/// Entity keys (of `alias:` tags) within `distance` edits of `key`, as
/// [`candidates_for`] lists them.
fn entity_keys(
    searcher: &Searcher,
    fields: &Fields,
    key: &str,
    distance: u8,
) -> Result<Vec<(String, usize, u64, bool)>, SearchError> {
    let tag = format!("alias:{key}");
    Ok(near_terms(searcher, fields.tags, &tag, distance)?
        .into_iter()
        .filter_map(|(t, docs)| {
            let k = t.strip_prefix("alias:")?.to_string();
            Some((k.clone(), edits(key, &k), docs, true))
        })
        .collect())
}

/// The [`CANDIDATES`] closest then commonest of (term or entity key,
/// edits, documents, is an entity), each spelled as articles do, one per
/// spelling.
fn best_candidates(
    searcher: &Searcher,
    fields: &Fields,
    mut found: Vec<(String, usize, u64, bool)>,
) -> Result<Vec<Candidate>, SearchError> {
    found.sort_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
    let mut out: Vec<Candidate> = Vec::new();
    for (t, edits, _, entity) in found {
        if out.len() >= CANDIDATES {
            break;
        }
        let text = if entity {
            entity_spelled(searcher, fields, &t)?
        } else {
            spelled(searcher, fields, &t)?
        };
        let Some(text) = text else { continue };
        let folded = crate::entities::fold(&text);
        if out.iter().any(|c| crate::entities::fold(&c.text) == folded) {
            continue;
        }
        out.push(Candidate { text, edits });
    }
    Ok(out)
}

fn doc_count(searcher: &Searcher, term: Term) -> Result<usize, SearchError> {
    Ok(searcher.search(&TermQuery::new(term, IndexRecordOption::Basic), &Count)?)
}

impl Engine {
    /// The number of articles `q` finds with its text replaced (a
    /// correction that breaks the query's syntax finds none).
    fn count_with(&self, q: &Query, text: String) -> Result<usize, SearchError> {
        let mut q = q.clone();
        q.text = text;
        q.limit = 1;
        q.offset = 0;
        q.facets = false;
        match self.top_and_count(&q) {
            Ok((_, total)) => Ok(total),
            Err(SearchError::Syntax(_)) => Ok(0),
            Err(e) => Err(e),
        }
    }

    /// Why `q` (which found nothing) found nothing: the words no article
    /// holds, corrections of them that find articles, or, when every word
    /// is somewhere, how many articles hold each; and what the filters
    /// kept out.
    pub fn why_nothing(&self, q: &Query) -> Result<NoHits, SearchError> {
        let mut out = NoHits::default();
        if !q.filters.is_empty() {
            let mut bare = q.clone();
            bare.filters = Filters::default();
            let n = self.count_with(&bare, q.text.clone())?;
            out.without_filters = (n > 0).then_some(n);
        }
        let text = q.text.trim();
        if text.is_empty() || text == "*" {
            return Ok(out);
        }
        let mut terms = self.query_terms(q)?;
        terms.sort();
        terms.dedup();
        if terms.is_empty() {
            // Only for plain words: a query in syntax may have no term for
            // other reasons (a truncation that expands to nothing).
            out.only_stop_words = only_words(text) && text.chars().any(char::is_alphanumeric);
            return Ok(out);
        }
        let (searcher, fields) = self.searcher_and_fields();
        let typed = typed_words(&q.text);
        let mut missing = Vec::new();
        let mut apart = Vec::new();
        for term in &terms {
            let n = doc_count(&searcher, Term::from_field_text(fields.body, term))?;
            // Where the word was typed, if it was (a term may also come
            // from an operator's expansion).
            let at = typed.iter().find(|w| &w.2 == term).map(|w| (w.0, w.1));
            let shown = at.map_or(term.clone(), |(from, to)| q.text[from..to].to_string());
            if n == 0 && at.is_none() {
                // A term no word typed gives alone: the whole of a compound
                // (`alasad` for `al-Asad`, which its parts also find) or an
                // operator's expansion; its absence alone explains nothing.
                continue;
            } else if n == 0 {
                missing.push((term.clone(), shown, at));
            } else {
                apart.push((at.map_or(usize::MAX, |at| at.0), shown, n));
            }
        }
        if missing.is_empty() {
            if terms.len() > 1 {
                // In the order typed.
                apart.sort_by_key(|a| a.0);
                out.apart = apart.into_iter().map(|(_, w, n)| (w, n)).collect();
            }
            return Ok(out);
        }
        // In the order typed.
        missing.sort_by_key(|m| m.2.map_or(usize::MAX, |at| at.0));
        out.missing = missing.iter().map(|m| m.1.clone()).collect();
        // Each missing word with its candidates (none for one not typed).
        let mut options: Vec<((usize, usize), Vec<Candidate>)> = Vec::new();
        for (term, shown, at) in &missing {
            let Some(at) = at else { continue };
            let found = candidates_for(&searcher, &fields, shown, term)?;
            if !found.is_empty() {
                options.push((*at, found));
            }
        }
        let mut offered: Vec<Suggestion> = Vec::new();
        let mut offer = |text: String, edits: usize, engine: &Engine| -> Result<(), SearchError> {
            // Two spellings the analysis makes one (`Champs-Élysée`,
            // `Champs-Elysées`) are one query: the closer one is offered.
            let terms = crate::analysis::terms(&text);
            if offered
                .iter()
                .any(|s| s.query == text || crate::analysis::terms(&s.query) == terms)
            {
                return Ok(());
            }
            let articles = engine.count_with(q, text.clone())?;
            if articles > 0 {
                offered.push(Suggestion {
                    query: text,
                    articles,
                    edits,
                });
            }
            Ok(())
        };
        // Every missing word at once: its best candidate for the others,
        // each of its own in turn.
        for (i, (_, found)) in options.iter().enumerate() {
            for c in found {
                let mut replaced = Vec::new();
                let mut total = 0;
                for (j, ((from, to), others)) in options.iter().enumerate() {
                    let pick = if i == j { c } else { &others[0] };
                    replaced.push((*from, *to, pick.text.as_str()));
                    total += pick.edits;
                }
                offer(replace_ranges(&q.text, &replaced), total, self)?;
            }
        }
        // The whole line as one entity name (`Deir Ezor`).
        if typed.len() > 1 && only_words(text) {
            let key = crate::entities::fold(text);
            let distance = max_edits(key.chars().count());
            if distance > 0 {
                let found = entity_keys(&searcher, &fields, &key, distance)?;
                for c in best_candidates(&searcher, &fields, found)? {
                    offer(c.text, c.edits, self)?;
                }
            }
        }
        offered.sort_by(|a, b| a.edits.cmp(&b.edits).then(b.articles.cmp(&a.articles)));
        offered.truncate(OFFERED);
        out.suggestions = offered;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_count_a_swap_of_neighbours_as_one() {
        assert_eq!(edits("qaryatyan", "qaryatayn"), 1);
        assert_eq!(edits("chretiens", "chretien"), 1);
        assert_eq!(edits("palmyre", "palmyra"), 1);
        assert_eq!(edits("abc", "abc"), 0);
        assert_eq!(edits("", "abc"), 3);
        assert_eq!(edits("homs", "hama"), 2);
        assert_eq!(edits("élysée", "elysee"), 2, "letters, not bytes");
    }

    #[test]
    fn short_words_get_no_suggestion_long_ones_two_edits() {
        assert_eq!(max_edits(2), 0);
        assert_eq!(max_edits(4), 1);
        assert_eq!(max_edits(9), 2);
    }

    #[test]
    fn the_usual_form_is_lowercase_if_ever_met_so() {
        let forms = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            usual_form(&forms(&["Chrétiens", "chrétiens", "chrétien"])).as_deref(),
            Some("chrétiens")
        );
        assert_eq!(
            usual_form(&forms(&["Qaryatayn", "QARYATAYN", "Qaryatayn"])).as_deref(),
            Some("Qaryatayn")
        );
        assert_eq!(usual_form(&[]), None);
        assert_eq!(
            usual_form(&forms(&["Homs", "Hama"])).as_deref(),
            Some("Homs"),
            "a tie goes to the first met"
        );
    }

    #[test]
    fn words_are_replaced_where_they_were_typed() {
        let text = "l'Qaryatyan chretins";
        let words = typed_words(text);
        assert_eq!(words.len(), 2);
        let (from, to, _) = words[0];
        assert_eq!(&text[from..to], "Qaryatyan", "the elision stays");
        let (f2, t2, _) = words[1];
        assert_eq!(
            replace_ranges(text, &[(f2, t2, "chrétiens"), (from, to, "Qaryatayn")]),
            "l'Qaryatayn chrétiens"
        );
    }

    #[test]
    fn only_plain_words_may_name_an_entity() {
        assert!(only_words("Deir Ezor"));
        assert!(only_words("l'Etat islamique"));
        assert!(!only_words("title:Deir"));
        assert!(!only_words("\"Deir Ezor\""));
    }
}
