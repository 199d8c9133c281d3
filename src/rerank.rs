//! The second pass of ranking: the best candidates of the first pass (BM25
//! on stems, the title boosted) are scored again with what says an article
//! is *about* the words rather than mentions them:
//!
//! - the words as the reader typed them (the `surface` field, accents
//!   folded but not stemmed) rank above other inflections of them;
//! - the words close together (the smallest stretch of the text holding
//!   each of them), not only as an exact phrase;
//! - the words in the lead, the first lines of the article;
//! - the words in the headline (already in the first pass's score, here
//!   only said).
//!
//! Only a few dozen candidates are read, whatever the size of the archive,
//! through the postings of the query's terms (no stored text). The pass
//! also records why each hit matched, for `--explain` and the JSON.

use serde::Serialize;
use std::sync::{Arc, Mutex, PoisonError};
use tantivy::columnar::Column;
use tantivy::index::SegmentId;
use tantivy::postings::{Postings, SegmentPostings, TermInfo};
use tantivy::schema::IndexRecordOption;

use tantivy::{DocAddress, DocId, DocSet, InvertedIndexReader, Score, Searcher, Term};

use crate::index::Fields;

/// Candidates scored again, in halves of the hits asked for: each
/// costs a seek and the positions of every word, and a deeper first pass
/// prunes less.
const DEPTH_FACTOR: usize = 3;

/// Fewest candidates scored again.
const MIN_DEPTH: usize = 15;

/// Weight of the BM25 score of the words as typed.
const EXACT_WEIGHT: Score = 1.0;

/// Positions of the body whose words as typed count: about the first 600
/// bytes, where a news article says what it is about (the title counts
/// too). Counted over the whole text, a long article that repeats a word
/// somewhere beat the one whose lead names it.
const TYPED_LEAD_POSITIONS: u32 = 100;

/// BM25's saturation of term frequency, as tantivy's.
const K1: Score = 1.2;

/// Weight of proximity, per unit of the query's mean idf and per word
/// beyond the first: words side by side earn it whole.
const PROXIMITY_WEIGHT: Score = 1.0;

/// Weight of a word in the lead, per unit of its idf: a whole idf, what
/// BM25 gives the word's first match in an article of average length,
/// since the lead is where a news article says what it is about.
const LEAD_WEIGHT: Score = 1.0;

/// Positions (words, stop words counted) that make an article's lead.
const LEAD_POSITIONS: u32 = 60;

/// One word of a query as the second pass sees it.
#[derive(Debug, Clone)]
pub struct Word {
    /// As typed.
    pub text: String,
    /// Its analysed terms in the body field (several for a compound).
    pub stems: Vec<String>,
    /// Its form in the `surface` field, when it is one word.
    pub exact: Option<String>,
}

/// Why a hit matched: the query's words, by how they were found.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Why {
    /// Words found as typed (accents aside).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exact: Vec<String>,
    /// Words found only as another inflection (same stem).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inflected: Vec<String>,
    /// Words in the headline (said for the hits shown, from their title).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub title: Vec<String>,
    /// Words in the lead.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lead: Vec<String>,
    /// Words in the smallest stretch holding them all, and its length in
    /// positions (the words' count minus one when side by side).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<u32>,
    /// The score of the first pass (BM25, title boosted).
    pub bm25: Score,
}

/// A candidate after the second pass.
#[derive(Debug, Clone)]
pub struct Ranked {
    pub score: Score,
    pub addr: DocAddress,
    pub why: Option<Why>,
}

/// How many candidates the first pass must give for `wanted` hits.
pub fn depth(wanted: usize) -> usize {
    (wanted.saturating_mul(DEPTH_FACTOR) / 2).max(MIN_DEPTH)
}

/// A word's postings in one segment.
struct WordPostings {
    stems: Vec<SegmentPostings>,
    /// The typed form's postings, and its idf.
    exact: Option<(SegmentPostings, Score)>,
    idf: Score,
}

/// Scores `candidates` again and sorts them, best first (ties by address,
/// as the first pass breaks them); with `explain`, says why of each.
pub fn rerank(
    searcher: &Searcher,
    fields: &Fields,
    words: &[Word],
    candidates: Vec<(Score, DocAddress)>,
    explain: bool,
) -> tantivy::Result<Vec<Ranked>> {
    let mut out: Vec<Ranked> = Vec::with_capacity(candidates.len());
    if words.is_empty() {
        return Ok(candidates
            .into_iter()
            .map(|(score, addr)| Ranked {
                score,
                addr,
                why: None,
            })
            .collect());
    }
    let infos = TermInfos::look_up(searcher, fields, words)?;
    let total_docs = searcher.num_docs().max(1);
    let exact_idfs: Vec<Option<Score>> = infos
        .exact_doc_freq
        .iter()
        .map(|df| df.map(|df| idf(df, total_docs)))
        .collect();
    let idfs: Vec<Score> = infos
        .stem_doc_freq
        .iter()
        .map(|&df| idf(df, total_docs))
        .collect();
    let mean_idf = idfs.iter().sum::<Score>() / idfs.len() as Score;

    let lengths = body_lengths(searcher)?;
    let mut by_segment: Vec<(Score, DocAddress)> = candidates;
    by_segment.sort_by_key(|(_, a)| *a);
    let mut positions = Vec::new();
    let mut found: Vec<Vec<u32>> = vec![Vec::new(); words.len()];
    let mut start = 0;
    while start < by_segment.len() {
        let ord = by_segment[start].1.segment_ord;
        let end = start
            + by_segment[start..]
                .iter()
                .take_while(|(_, a)| a.segment_ord == ord)
                .count();
        let mut postings = open(&infos, ord as usize, &exact_idfs, &idfs)?;
        // Where the title starts in the surface field: after the body's
        // words (it is the field's second value).
        let lengths = &lengths[ord as usize];
        for &(score, addr) in &by_segment[start..end] {
            let doc = addr.doc_id;
            let mut why = Why {
                bm25: score,
                ..Why::default()
            };
            let mut bonus = 0.0;
            for (i, (word, p)) in words.iter().zip(postings.iter_mut()).enumerate() {
                // One reused buffer per word: no allocation per candidate.
                let at = &mut found[i];
                at.clear();
                for stem in &mut p.stems {
                    if seek(stem, doc) {
                        stem.positions(&mut positions);
                        at.extend_from_slice(&positions);
                    }
                }
                at.sort_unstable();
                let as_typed = match &mut p.exact {
                    Some((exact, exact_idf)) => {
                        let here = seek(exact, doc);
                        if here {
                            exact.positions(&mut positions);
                            let title_from = lengths.first(doc).unwrap_or(u64::MAX);
                            let tf = in_lead_or_title(&positions, title_from);
                            bonus += EXACT_WEIGHT * saturated(*exact_idf, tf as Score);
                        }
                        here
                    }
                    // A word with no single typed form (a compound, or a
                    // term of tantivy's syntax) is as typed when found.
                    None => word.exact.is_none(),
                };
                if !at.is_empty() || as_typed && word.exact.is_some() {
                    if as_typed {
                        if explain {
                            why.exact.push(word.text.clone());
                        }
                    } else {
                        if explain {
                            why.inflected.push(word.text.clone());
                        }
                    }
                }
                if at.first().is_some_and(|&first| first < LEAD_POSITIONS) {
                    bonus += LEAD_WEIGHT * p.idf;
                    if explain {
                        why.lead.push(word.text.clone());
                    }
                }
            }
            let present: Vec<&[u32]> = found
                .iter()
                .filter(|a| !a.is_empty())
                .map(Vec::as_slice)
                .collect();
            if present.len() > 1 {
                let span = smallest_span(&present);
                let steps = (present.len() - 1) as Score;
                let closeness = steps / (span as Score).max(steps);
                bonus += PROXIMITY_WEIGHT * mean_idf * steps * closeness;
                why.span = Some(span);
            }
            out.push(Ranked {
                score: score + bonus,
                addr,
                why: explain.then_some(why),
            });
        }
        start = end;
    }
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.addr.cmp(&b.addr))
    });
    Ok(out)
}

/// The `length` column of the segments of the searcher last seen, kept
/// between queries: opening a fast-field column decodes its block index,
/// which cost more instructions than the rest of the second pass for a
/// short query.
static LENGTHS: Mutex<Vec<(SegmentId, Column<u64>)>> = Mutex::new(Vec::new());

/// The body's length in words ([`crate::index::LENGTH_FIELD`]) of each
/// segment of `searcher`, by segment ordinal. Only the latest searcher's
/// segments stay cached, so a merged-away segment's files are let go.
fn body_lengths(searcher: &Searcher) -> tantivy::Result<Vec<Column<u64>>> {
    let mut cache = LENGTHS.lock().unwrap_or_else(PoisonError::into_inner);
    let mut live = Vec::with_capacity(searcher.segment_readers().len());
    for reader in searcher.segment_readers() {
        let id = reader.segment_id();
        let column = match cache.iter().find(|(cached, _)| *cached == id) {
            Some((_, column)) => column.clone(),
            None => reader.fast_fields().u64(crate::index::LENGTH_FIELD)?,
        };
        live.push((id, column));
    }
    cache.clone_from(&live);
    Ok(live.into_iter().map(|(_, column)| column).collect())
}

/// The dictionary entries of the query's terms, looked up once per
/// segment: they give both the document frequencies (for idf) and the
/// postings of the candidates' segments.
struct TermInfos {
    /// By word, by stem, by segment.
    stems: Vec<Vec<Vec<Option<TermInfo>>>>,
    /// By word, by segment (empty for a word with no typed form).
    exact: Vec<Vec<Option<TermInfo>>>,
    /// By word: the largest document frequency of its stems.
    stem_doc_freq: Vec<u64>,
    /// By word: the document frequency of its typed form, if it has one.
    exact_doc_freq: Vec<Option<u64>>,
    /// By segment, the body and surface fields' inverted indexes (a reader
    /// hands each out from behind a lock: fetched once a query).
    bodies: Vec<Arc<InvertedIndexReader>>,
    exacts: Vec<Arc<InvertedIndexReader>>,
}

impl TermInfos {
    fn look_up(searcher: &Searcher, fields: &Fields, words: &[Word]) -> tantivy::Result<TermInfos> {
        let readers = searcher.segment_readers();
        let bodies = readers
            .iter()
            .map(|r| r.inverted_index(fields.body))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let exacts = readers
            .iter()
            .map(|r| r.inverted_index(fields.surface))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let doc_freq = |infos: &[Option<TermInfo>]| -> u64 {
            infos.iter().flatten().map(|i| u64::from(i.doc_freq)).sum()
        };
        let mut all = TermInfos {
            stems: Vec::with_capacity(words.len()),
            exact: Vec::with_capacity(words.len()),
            stem_doc_freq: Vec::with_capacity(words.len()),
            exact_doc_freq: Vec::with_capacity(words.len()),
            bodies: Vec::new(),
            exacts: Vec::new(),
        };
        for word in words {
            let mut stems = Vec::with_capacity(word.stems.len());
            for stem in &word.stems {
                let term = Term::from_field_text(fields.body, stem);
                let infos = bodies
                    .iter()
                    .map(|i| i.get_term_info(&term))
                    .collect::<std::io::Result<Vec<_>>>()?;
                stems.push(infos);
            }
            all.stem_doc_freq
                .push(stems.iter().map(|s| doc_freq(s)).max().unwrap_or(0));
            all.stems.push(stems);
            let exact = match &word.exact {
                Some(e) => {
                    let term = Term::from_field_text(fields.surface, e);
                    exacts
                        .iter()
                        .map(|i| i.get_term_info(&term))
                        .collect::<std::io::Result<Vec<_>>>()?
                }
                None => Vec::new(),
            };
            all.exact_doc_freq
                .push(word.exact.as_ref().map(|_| doc_freq(&exact)));
            all.exact.push(exact);
        }
        all.bodies = bodies;
        all.exacts = exacts;
        Ok(all)
    }
}

/// The postings of every word's terms in segment `ord`.
fn open(
    infos: &TermInfos,
    ord: usize,
    exact_idfs: &[Option<Score>],
    idfs: &[Score],
) -> tantivy::Result<Vec<WordPostings>> {
    let (body, exact) = (&infos.bodies[ord], &infos.exacts[ord]);
    let mut all = Vec::with_capacity(idfs.len());
    for (((stems, exact_infos), weight), &idf) in infos
        .stems
        .iter()
        .zip(&infos.exact)
        .zip(exact_idfs)
        .zip(idfs)
    {
        let mut postings = Vec::new();
        for info in stems
            .iter()
            .filter_map(|s| s.get(ord).and_then(Option::as_ref))
        {
            postings.push(
                body.read_postings_from_terminfo(info, IndexRecordOption::WithFreqsAndPositions)?,
            );
        }
        let exact = match (exact_infos.get(ord).and_then(Option::as_ref), weight) {
            (Some(info), Some(w)) => Some((
                exact
                    .read_postings_from_terminfo(info, IndexRecordOption::WithFreqsAndPositions)?,
                *w,
            )),
            _ => None,
        };
        all.push(WordPostings {
            stems: postings,
            exact,
            idf,
        });
    }
    Ok(all)
}

/// Moves `postings` to `doc` (never backwards: candidates come in order)
/// and says whether the term is there.
fn seek(postings: &mut SegmentPostings, doc: DocId) -> bool {
    if postings.doc() < doc {
        postings.seek(doc);
    }
    postings.doc() == doc
}

/// How many of a term's `positions` in the surface field fall in the
/// body's lead or in the title, which starts at or after `title_from`
/// (the body's length in words: every word takes a position).
fn in_lead_or_title(positions: &[u32], title_from: u64) -> usize {
    positions
        .iter()
        .filter(|&&at| at < TYPED_LEAD_POSITIONS || u64::from(at) >= title_from)
        .count()
}

/// BM25's score of `tf` occurrences in a text of average length.
fn saturated(idf: Score, tf: Score) -> Score {
    idf * tf * (K1 + 1.0) / (tf + K1)
}

/// BM25's idf, as tantivy computes it.
fn idf(doc_freq: u64, total: u64) -> Score {
    let x = ((total - doc_freq.min(total)) as Score + 0.5) / (doc_freq as Score + 0.5);
    (1.0 + x).ln()
}

/// The length (last position minus first) of the smallest stretch holding
/// a position of every list. Each list is sorted and not empty.
fn smallest_span(lists: &[&[u32]]) -> u32 {
    let mut next = vec![0usize; lists.len()];
    let mut best = u32::MAX;
    loop {
        let (mut low, mut low_list, mut high) = (u32::MAX, 0, 0);
        for (i, list) in lists.iter().enumerate() {
            let p = list[next[i]];
            if p < low {
                low = p;
                low_list = i;
            }
            high = high.max(p);
        }
        best = best.min(high - low);
        next[low_list] += 1;
        if next[low_list] == lists[low_list].len() {
            return best;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smallest_span_finds_the_tightest_stretch() {
        assert_eq!(smallest_span(&[&[1, 50], &[49, 90]]), 1);
        assert_eq!(smallest_span(&[&[10], &[3], &[7]]), 7);
        assert_eq!(smallest_span(&[&[0, 100, 200], &[150], &[104, 300]]), 50);
    }

    #[test]
    fn typed_words_count_in_the_lead_and_the_title_only() {
        assert_eq!(in_lead_or_title(&[0, 99, 100, 400, 500, 501], 500), 4);
        assert_eq!(in_lead_or_title(&[150, 300], u64::MAX), 0);
        assert_eq!(in_lead_or_title(&[], 10), 0);
    }

    #[test]
    fn typed_score_saturates() {
        assert_eq!(saturated(2.0, 0.0), 0.0);
        assert!((saturated(2.0, 1.0) - 2.0).abs() < 1e-6);
        assert!(saturated(2.0, 50.0) < 2.0 * (K1 + 1.0));
        assert!(saturated(2.0, 3.0) > saturated(2.0, 2.0));
    }

    #[test]
    fn depth_reads_more_than_asked() {
        assert_eq!(depth(10), 15);
        assert_eq!(depth(50), 75);
        assert!(depth(usize::MAX) >= usize::MAX / 2);
    }
}
