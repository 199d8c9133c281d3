//! The query of `fouille similar`: an article's most telling terms, as
//! tantivy's more-like-this picks them (term frequency × BM25 idf, terms
//! too rare or too common left out), but with ties broken by the term
//! itself. Tantivy keeps its candidates in a hash map, so among terms of
//! equal weight the ones kept changed from one process to the next, and so
//! did the related articles listed.

use std::collections::BTreeMap;

use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Score, Searcher, Term};

/// How many terms the query keeps.
const MAX_TERMS: usize = 30;
/// Terms shorter than this (in bytes) say little of a subject.
const MIN_TERM_BYTES: usize = 3;

/// A query for the articles most like `texts`, over `field`: its terms in
/// at least two articles and at most `max_doc_freq`.
pub fn like_texts(
    searcher: &Searcher,
    field: Field,
    texts: &[&str],
    max_doc_freq: u64,
) -> tantivy::Result<BooleanQuery> {
    let mut analyzer = searcher.index().tokenizer_for_field(field)?;
    let mut frequencies: BTreeMap<String, u32> = BTreeMap::new();
    for text in texts {
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            if token.text.len() >= MIN_TERM_BYTES {
                *frequencies.entry(token.text.clone()).or_default() += 1;
            }
        }
    }
    let docs = searcher.num_docs();
    let mut weighted = Vec::with_capacity(frequencies.len());
    for (text, tf) in frequencies {
        let term = Term::from_field_text(field, &text);
        let df = searcher.doc_freq(&term)?;
        if df < 2 || df > max_doc_freq || df > docs {
            continue;
        }
        weighted.push((term, tf as Score * idf(df, docs)));
    }
    let picked = strongest(weighted, MAX_TERMS);
    let best = picked.first().map_or(1.0, |(_, w)| *w);
    let clauses: Vec<(Occur, Box<dyn Query>)> = picked
        .into_iter()
        .map(|(term, w)| {
            let q: Box<dyn Query> = Box::new(BoostQuery::new(
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                w / best,
            ));
            (Occur::Should, q)
        })
        .collect();
    Ok(BooleanQuery::new(clauses))
}

/// BM25's inverse document frequency, as tantivy computes it.
fn idf(doc_freq: u64, docs: u64) -> Score {
    let x = ((docs - doc_freq) as Score + 0.5) / (doc_freq as Score + 0.5);
    (1.0 + x).ln()
}

/// The `n` heaviest terms, heaviest first; of equal weights, the smaller
/// term first, so that the choice never depends on an order of iteration.
fn strongest<T: Ord>(mut weighted: Vec<(T, Score)>, n: usize) -> Vec<(T, Score)> {
    weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    weighted.truncate(n);
    weighted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_weights_are_kept_in_term_order_whatever_order_they_came_in() {
        let a = vec![
            ("syrie", 2.0),
            ("palmyre", 3.0),
            ("homs", 2.0),
            ("armée", 2.0),
        ];
        let mut b = a.clone();
        b.reverse();
        let kept = strongest(a, 3);
        assert_eq!(kept, strongest(b, 3));
        assert_eq!(kept, [("palmyre", 3.0), ("armée", 2.0), ("homs", 2.0)]);
    }

    #[test]
    fn idf_falls_as_a_term_spreads() {
        assert!(idf(2, 1000) > idf(100, 1000));
        assert!(idf(999, 1000) > 0.0);
    }
}
