//! Exact top hits of plain-word queries, with pruning.
//!
//! A query of plain words scores each article by its body (which indexes
//! the title too) plus a boosted score for the same words in the title.
//! Written as one boolean query, the optional title clauses make tantivy
//! score every match, so a common word costs time in proportion to the
//! archive. Here the articles with a query word in the title (few: titles
//! are short) are scored in full first; every other article scores by its
//! body alone, so the body part can drive tantivy's block-max WAND (over
//! one term, an intersection or a union of terms), skipping blocks that
//! cannot beat the current top `k`. The result is the same as scoring
//! everything.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use tantivy::query::{EnableScoring, Query, TermQuery, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, Term, TERMINATED};

/// Plain words, each one term: the body terms decide what matches, the
/// title terms only add to the score.
pub struct Words<'a> {
    /// The query on the body terms (a term query, or a boolean query of
    /// them: all required, or any of them).
    pub body: &'a dyn Query,
    /// The same terms in the title field.
    pub titles: &'a [Term],
    /// The title boost.
    pub boost: Score,
}

/// A hit kept in the heap: the worst (lowest score, then latest address,
/// as tantivy breaks ties) compares greatest, so it is the one popped.
#[derive(Clone, Copy)]
struct Kept(Score, DocAddress);

impl PartialEq for Kept {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Kept {}
impl PartialOrd for Kept {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Kept {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .0
            .total_cmp(&self.0)
            .then_with(|| self.1.cmp(&other.1))
    }
}

/// The `k` best hits, best first, with their scores.
pub fn top(
    searcher: &Searcher,
    words: &Words,
    k: usize,
) -> tantivy::Result<Vec<(Score, DocAddress)>> {
    if k == 0 {
        return Ok(Vec::new());
    }
    let scoring = EnableScoring::enabled_from_searcher(searcher);
    let body = words.body.weight(scoring)?;
    let titles: Vec<Box<dyn Weight>> = words
        .titles
        .iter()
        .map(|t| TermQuery::new(t.clone(), IndexRecordOption::WithFreqs).weight(scoring))
        .collect::<tantivy::Result<_>>()?;
    let mut best = Best::new(k);
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let ord = ord as u32;
        let alive = |doc: DocId| reader.alive_bitset().is_none_or(|a| a.is_alive(doc));
        // Articles with a query word in the title, with what the title adds.
        let in_title = title_scores(&titles, reader, words.boost)?;
        // A body scorer is costly to build (a block of postings read for
        // each term): most segments have no title match for most queries.
        if !in_title.is_empty() {
            let mut scorer = body.scorer(reader, 1.0)?;
            for &(doc, title) in &in_title {
                if scorer.doc() < doc {
                    scorer.seek(doc);
                }
                if scorer.doc() == doc && alive(doc) {
                    best.offer(Kept(scorer.score() + title, DocAddress::new(ord, doc)));
                }
            }
        }
        // The others score by the body alone: what WAND may skip cannot
        // enter the top k.
        let mut next = 0;
        body.for_each_pruning(best.threshold(), reader, &mut |doc, score| {
            while in_title.get(next).is_some_and(|&(d, _)| d < doc) {
                next += 1;
            }
            let scored = in_title.get(next).is_some_and(|&(d, _)| d == doc);
            if !scored && alive(doc) {
                best.offer(Kept(score, DocAddress::new(ord, doc)));
            }
            best.threshold()
        })?;
    }
    Ok(best.into_sorted())
}

/// The number of documents the body part matches (all of the query's
/// matches): a term's document frequency when nothing is deleted.
pub fn count(searcher: &Searcher, words: &Words) -> tantivy::Result<usize> {
    let weight = words
        .body
        .weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut total = 0usize;
    for reader in searcher.segment_readers() {
        total += weight.count(reader)? as usize;
    }
    Ok(total)
}

/// The documents of a segment with some title term, in order, each with
/// the boosted sum of its title scores.
fn title_scores(
    titles: &[Box<dyn Weight>],
    reader: &tantivy::SegmentReader,
    boost: Score,
) -> tantivy::Result<Vec<(DocId, Score)>> {
    let mut all: Vec<(DocId, Score)> = Vec::new();
    for weight in titles {
        let mut scorer = weight.scorer(reader, boost)?;
        while scorer.doc() != TERMINATED {
            all.push((scorer.doc(), scorer.score()));
            scorer.advance();
        }
    }
    all.sort_unstable_by_key(|&(doc, _)| doc);
    let mut merged: Vec<(DocId, Score)> = Vec::with_capacity(all.len());
    for (doc, score) in all {
        match merged.last_mut() {
            Some(last) if last.0 == doc => last.1 += score,
            _ => merged.push((doc, score)),
        }
    }
    Ok(merged)
}

/// The best `k` hits seen so far.
struct Best {
    k: usize,
    heap: BinaryHeap<Kept>,
}

impl Best {
    fn new(k: usize) -> Best {
        Best {
            k,
            heap: BinaryHeap::with_capacity(k + 1),
        }
    }

    fn offer(&mut self, hit: Kept) {
        if self.heap.len() < self.k {
            self.heap.push(hit);
        } else if self.heap.peek().is_some_and(|worst| hit < *worst) {
            self.heap.pop();
            self.heap.push(hit);
        }
    }

    /// The score a new hit must beat (any, until there are `k`).
    fn threshold(&self) -> Score {
        match self.heap.peek() {
            Some(worst) if self.heap.len() == self.k => worst.0,
            _ => Score::MIN,
        }
    }

    fn into_sorted(self) -> Vec<(Score, DocAddress)> {
        let mut hits = self.heap.into_vec();
        hits.sort();
        hits.into_iter().map(|Kept(s, a)| (s, a)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Fields;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, BoostQuery, Occur};
    use tantivy::{doc, Index, IndexWriter};

    const WORDS: [&str; 8] = [
        "armée",
        "ville",
        "syrie",
        "chrétiens",
        "désert",
        "route",
        "paix",
        "guerre",
    ];

    /// Headline words that are never searched for.
    const OTHER: [&str; 4] = ["bilan", "régime", "rebelles", "province"];

    /// Pseudo-random words, the same on every run.
    fn text(seed: &mut u64, n: usize, words: &[&'static str]) -> String {
        (0..n)
            .map(|_| {
                *seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                words[(*seed >> 33) as usize % words.len()]
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn index() -> (Index, Fields) {
        let (schema, f) = Fields::schema();
        let index = Index::create_in_ram(schema);
        crate::analysis::register(&index);
        let mut w: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let mut seed = 7;
        for i in 0..20_000u64 {
            // A few headlines carry searched words; most articles match by
            // their body alone, so the pruned pass decides their place.
            let pool: &[&str] = if i % 1_500 == 0 { &WORDS } else { &OTHER };
            let title = text(&mut seed, 1 + (i % 3) as usize, pool);
            let body = text(&mut seed, 5 + (i % 40) as usize, &WORDS);
            w.add_document(
                doc!(f.key => i, f.title => title.clone(), f.body => body, f.body => title),
            )
            .unwrap();
            // Several segments, and deleted documents in them.
            if i % 7_000 == 6_999 {
                w.commit().unwrap();
            }
        }
        for i in (0..20_000u64).step_by(7) {
            w.delete_term(Term::from_field_u64(f.key, i));
        }
        w.commit().unwrap();
        (index, f)
    }

    #[test]
    fn same_hits_as_scoring_everything() {
        let (index, f) = index();
        let searcher = index.reader().unwrap().searcher();
        assert!(searcher.segment_readers().len() > 1);
        let term = |field, w: &str| Term::from_field_text(field, &crate::analysis::terms(w)[0]);
        let tq = |t: Term| -> Box<dyn Query> {
            Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs))
        };
        for (words, occur) in [
            (&["guerre"][..], Occur::Must),
            (&["armée", "syrie"][..], Occur::Must),
            (&["paix", "route", "désert"][..], Occur::Must),
            (&["chrétiens", "ville"][..], Occur::Should),
        ] {
            let clauses: Vec<(Occur, Box<dyn Query>)> =
                words.iter().map(|w| (occur, tq(term(f.body, w)))).collect();
            let body: Box<dyn Query> = match clauses.len() {
                1 => tq(term(f.body, words[0])),
                _ => Box::new(BooleanQuery::new(
                    clauses.iter().map(|(o, q)| (*o, q.box_clone())).collect(),
                )),
            };
            let mut all = clauses;
            for w in words {
                let title: Box<dyn Query> = Box::new(BoostQuery::new(tq(term(f.title, w)), 2.5));
                all.push((Occur::Should, title));
            }
            let whole = BooleanQuery::new(all);
            let titles: Vec<Term> = words.iter().map(|w| term(f.title, w)).collect();
            let words_q = Words {
                body: body.as_ref(),
                titles: &titles,
                boost: 2.5,
            };
            for k in [1, 10, 50] {
                let expected = searcher
                    .search(&whole, &TopDocs::with_limit(k).order_by_score())
                    .unwrap();
                let got = top(&searcher, &words_q, k).unwrap();
                let addrs = |v: &[(Score, DocAddress)]| v.iter().map(|h| h.1).collect::<Vec<_>>();
                assert_eq!(addrs(&got), addrs(&expected), "{words:?} k={k}");
                for (g, e) in got.iter().zip(&expected) {
                    assert!((g.0 - e.0).abs() < 1e-4, "{words:?}: {} vs {}", g.0, e.0);
                }
            }
            let total = searcher.search(&whole, &Count).unwrap();
            assert_eq!(count(&searcher, &words_q).unwrap(), total, "{words:?}");
        }
    }
}
