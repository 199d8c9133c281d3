//! A span query: proximity (`NEAR/n`, `ADJ/n`), phrases of truncations,
//! `lead:` and `atleastN:` over the positions the index stores. tantivy
//! has no span or interval query; this one is a proper
//! `Query`/`Weight`/`Scorer`.
//!
//! Each node of a [`Span`] gives, for a document, the intervals
//! `[start, end]` (word positions) where it matches. Leaves read term
//! positions; a node's candidate documents are the union (alternatives)
//! or the intersection (proximity, phrases) of its children's, so a
//! document's positions are only read where every required word occurs.
//! Positions count words as a reader does: stop words keep their place
//! (the stop filter leaves gaps), a hyphenated compound's parts count
//! one each.

use std::fmt;

use tantivy::columnar::Column;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// An interval of word positions, both ends included.
pub type Interval = (u32, u32);

/// What must match, over positions.
#[derive(Debug, Clone, PartialEq)]
pub enum Span {
    /// Any of these terms: one word, or the words a truncation stands for
    /// (terms of any positional field: positions agree between fields).
    Terms(Vec<Term>),
    /// Parts at fixed offsets from the first (a phrase).
    Sequence(Vec<(u32, Span)>),
    /// Any of the alternatives.
    Or(Vec<Span>),
    /// Both, with at most `distance` words between them; `ordered`: the
    /// left one first.
    Near {
        left: Box<Span>,
        right: Box<Span>,
        distance: u32,
        ordered: bool,
    },
    /// Both in one paragraph: no paragraph mark (`mark`, a term of the
    /// surface field) between them.
    Same {
        left: Box<Span>,
        right: Box<Span>,
        mark: Term,
    },
    /// Within the first `words` words of the body.
    Lead(Box<Span>, u32),
    /// At least this many matches.
    AtLeast(u32, Box<Span>),
}

impl Span {
    /// Every term of the span.
    pub fn terms(&self) -> Vec<&Term> {
        let mut out = Vec::new();
        self.visit(&mut |t| out.push(t));
        out
    }

    fn visit<'a>(&'a self, f: &mut dyn FnMut(&'a Term)) {
        match self {
            Span::Terms(t) => t.iter().for_each(f),
            Span::Sequence(parts) => parts.iter().for_each(|(_, s)| s.visit(f)),
            Span::Or(v) => v.iter().for_each(|s| s.visit(f)),
            Span::Near { left, right, .. } | Span::Same { left, right, .. } => {
                left.visit(f);
                right.visit(f);
            }
            Span::Lead(s, _) | Span::AtLeast(_, s) => s.visit(f),
        }
    }

    /// The groups of alternative terms that each must occur (for the
    /// score's rarity): the leaves a match needs.
    fn leaves(&self) -> Vec<Vec<Term>> {
        match self {
            Span::Terms(t) => vec![t.clone()],
            Span::Sequence(parts) => parts.iter().flat_map(|(_, s)| s.leaves()).collect(),
            Span::Or(v) => vec![v.iter().flat_map(|s| s.leaves()).flatten().collect()],
            Span::Near { left, right, .. } | Span::Same { left, right, .. } => {
                let mut out = left.leaves();
                out.extend(right.leaves());
                out
            }
            Span::Lead(s, _) | Span::AtLeast(_, s) => s.leaves(),
        }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Span::Terms(t) if t.len() == 1 => write!(f, "{}", t[0].value().as_str().unwrap_or("")),
            Span::Terms(t) => write!(f, "({} words)", t.len()),
            Span::Sequence(parts) => {
                let words: Vec<String> = parts.iter().map(|(_, s)| s.to_string()).collect();
                write!(f, "\"{}\"", words.join(" "))
            }
            Span::Or(v) => {
                let words: Vec<String> = v.iter().map(|s| s.to_string()).collect();
                write!(f, "({})", words.join(" OR "))
            }
            Span::Near {
                left,
                right,
                distance,
                ordered,
            } => {
                let op = if *ordered { "ADJ" } else { "NEAR" };
                write!(f, "({left} {op}/{distance} {right})")
            }
            Span::Same { left, right, .. } => write!(f, "({left} SAME {right})"),
            Span::Lead(s, _) => write!(f, "lead:{s}"),
            Span::AtLeast(n, s) => write!(f, "atleast{n}:{s}"),
        }
    }
}

/// Appends to `out` the intervals where two operands (sorted by start)
/// are within `distance` words: the left one first if `ordered`, else
/// either. Intervals that overlap never match (a word is not near
/// itself). Each left interval only looks at the right ones that can be
/// in reach, found by binary search: long documents where both words are
/// frequent stay linear, not quadratic.
pub fn near(
    left: &[Interval],
    right: &[Interval],
    distance: u32,
    ordered: bool,
    out: &mut Vec<Interval>,
) {
    let from = out.len();
    // The longest right interval bounds how far before a left one a right
    // one that ends before it may start.
    let longest = right.iter().map(|&(s, e)| e - s).max().unwrap_or(0);
    for &(ls, le) in left {
        // Right after: starts in (le, le + 1 + distance].
        let first = right.partition_point(|r| r.0 <= le);
        for &(rs, re) in &right[first..] {
            if rs - le - 1 > distance {
                break;
            }
            out.push((ls, re));
        }
        if ordered || ls == 0 {
            continue;
        }
        // Right before: ends in [ls - 1 - distance, ls).
        let lowest = ls.saturating_sub(1 + distance + longest);
        let first = right.partition_point(|r| r.0 < lowest);
        for &(rs, re) in &right[first..] {
            if rs >= ls {
                break;
            }
            if re < ls && ls - re - 1 <= distance {
                out.push((rs, le));
            }
        }
    }
    sort_unique_from(out, from);
}

/// Appends to `out`, for each paragraph where an interval of `left` and
/// another of `right` both lie, the stretch from the first to the last of
/// them. `starts`: the positions where paragraphs start, sorted.
pub fn same_paragraph(
    left: &[Interval],
    right: &[Interval],
    starts: &[u32],
    out: &mut Vec<Interval>,
) {
    let from = out.len();
    // The paragraph of a position: how many paragraphs start at or before it.
    let paragraph = |p: u32| starts.partition_point(|&s| s <= p);
    let within = |v: &[Interval]| -> Vec<(usize, Interval)> {
        v.iter()
            .filter(|(s, e)| paragraph(*s) == paragraph(*e))
            .map(|&(s, e)| (paragraph(s), (s, e)))
            .collect()
    };
    let (l, r) = (within(left), within(right));
    let mut i = 0;
    while i < l.len() {
        let p = l[i].0;
        let lj = l[i..].iter().take_while(|x| x.0 == p).count();
        let ours = &l[i..i + lj];
        let theirs: Vec<Interval> = r.iter().filter(|x| x.0 == p).map(|x| x.1).collect();
        // Two distinct occurrences: a word is not in its own paragraph twice.
        let distinct = ours.iter().any(|a| theirs.iter().any(|b| a.1 != *b));
        if distinct {
            let lo = ours
                .iter()
                .map(|x| x.1 .0)
                .chain(theirs.iter().map(|x| x.0))
                .min();
            let hi = ours
                .iter()
                .map(|x| x.1 .1)
                .chain(theirs.iter().map(|x| x.1))
                .max();
            if let (Some(lo), Some(hi)) = (lo, hi) {
                out.push((lo, hi));
            }
        }
        i += lj;
    }
    sort_unique_from(out, from);
}

/// Sorts `v[from..]` and removes its duplicates.
fn sort_unique_from(v: &mut Vec<Interval>, from: usize) {
    v[from..].sort_unstable();
    let mut kept = from;
    for i in from..v.len() {
        if kept == from || v[kept - 1] != v[i] {
            v[kept] = v[i];
            kept += 1;
        }
    }
    v.truncate(kept);
}

/// A [`Span`] as a tantivy query, scored with BM25 on `score_field`
/// (the number of matches as the frequency).
#[derive(Debug, Clone)]
pub struct SpanQuery {
    span: Span,
    score_field: Field,
    /// The fast field of body lengths in words (for `lead:`).
    length_field: String,
}

impl SpanQuery {
    pub fn new(span: Span, score_field: Field, length_field: &str) -> SpanQuery {
        SpanQuery {
            span,
            score_field,
            length_field: length_field.to_string(),
        }
    }

    pub fn span(&self) -> &Span {
        &self.span
    }
}

impl Query for SpanQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let bm25 = match scoring {
            EnableScoring::Enabled {
                statistics_provider: stats,
                ..
            } => {
                let docs = stats.total_num_docs()?.max(1);
                let tokens = stats.total_num_tokens(self.score_field)?;
                let average = tokens as Score / docs as Score;
                // The rarest required operand says how telling a match
                // is; an operand of alternatives is as common as all of
                // them together.
                let mut rarest = docs;
                for leaf in self.span.leaves() {
                    let mut df = 0u64;
                    for t in &leaf {
                        df = df.saturating_add(stats.doc_freq(t)?);
                    }
                    rarest = rarest.min(df.clamp(1, docs));
                }
                Some(Bm25Weight::for_one_term(rarest, docs, average))
            }
            EnableScoring::Disabled { .. } => None,
        };
        Ok(Box::new(SpanWeight {
            span: self.span.clone(),
            bm25,
            score_field: self.score_field,
            length_field: self.length_field.clone(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.span.visit(&mut |t| visitor(t, true));
    }
}

struct SpanWeight {
    span: Span,
    bm25: Option<Bm25Weight>,
    score_field: Field,
    length_field: String,
}

impl SpanWeight {
    fn span_scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<SpanScorer> {
        let root = Matcher::open(&self.span, reader, &self.length_field)?;
        let norms = match reader.fieldnorms_readers().get_field(self.score_field)? {
            Some(n) if self.bm25.is_some() => n,
            _ => FieldNormReader::constant(reader.max_doc(), 1),
        };
        let mut scorer = SpanScorer {
            root,
            bm25: self.bm25.as_ref().map(|b| b.boost_by(boost)),
            norms,
            spans: Vec::new(),
            doc: 0,
        };
        scorer.settle();
        Ok(scorer)
    }
}

impl Weight for SpanWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(self.span_scorer(reader, boost)?))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.span_scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match {}",
                self.span
            )));
        }
        let mut e = Explanation::new_with_string(self.span.to_string(), scorer.score());
        e.add_context(format!("{} matches", scorer.spans.len()));
        Ok(e)
    }
}

/// The matching documents of a span, with the intervals of the current one.
struct SpanScorer {
    root: Matcher,
    bm25: Option<Bm25Weight>,
    norms: FieldNormReader,
    /// The current document's intervals.
    spans: Vec<Interval>,
    doc: DocId,
}

impl SpanScorer {
    /// Moves from the root's candidate to the first document that matches.
    fn settle(&mut self) {
        let mut doc = self.root.doc();
        while doc != TERMINATED {
            self.spans.clear();
            self.root.spans(doc, &mut self.spans);
            if !self.spans.is_empty() {
                break;
            }
            doc = self.root.advance();
        }
        self.doc = doc;
    }
}

impl DocSet for SpanScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        self.root.advance();
        self.settle();
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        self.root.seek(target);
        self.settle();
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.root.size_hint()
    }
}

impl Scorer for SpanScorer {
    fn score(&mut self) -> Score {
        match &self.bm25 {
            Some(b) => {
                let tf = u32::try_from(self.spans.len()).unwrap_or(u32::MAX);
                b.score(self.norms.fieldnorm_id(self.doc), tf)
            }
            None => 1.0,
        }
    }
}

/// A span opened on one segment: candidate documents and their intervals.
enum Matcher {
    /// The union of some terms' postings.
    Terms {
        postings: Vec<SegmentPostings>,
        doc: DocId,
        buffer: Vec<u32>,
    },
    /// Every part, at its offset.
    Sequence(Vec<(u32, Matcher)>, DocId),
    Or(Vec<Matcher>, DocId),
    Near {
        left: Box<Matcher>,
        right: Box<Matcher>,
        distance: u32,
        ordered: bool,
        doc: DocId,
        /// The operands' intervals, kept between documents (no
        /// allocation per candidate).
        buffers: Box<(Vec<Interval>, Vec<Interval>)>,
    },
    Same {
        left: Box<Matcher>,
        right: Box<Matcher>,
        /// The paragraph marks' postings (`None`: an index without them).
        marks: Option<Box<SegmentPostings>>,
        doc: DocId,
        buffers: Box<(Vec<Interval>, Vec<Interval>, Vec<u32>)>,
    },
    Lead {
        inner: Box<Matcher>,
        words: u32,
        lengths: Option<Column<u64>>,
    },
    AtLeast(u32, Box<Matcher>),
}

impl Matcher {
    fn open(span: &Span, reader: &SegmentReader, length_field: &str) -> tantivy::Result<Matcher> {
        let mut m = match span {
            Span::Terms(terms) => {
                let mut postings = Vec::new();
                for t in terms {
                    let p = reader
                        .inverted_index(t.field())?
                        .read_postings(t, IndexRecordOption::WithFreqsAndPositions)?;
                    postings.extend(p);
                }
                let doc = postings.iter().map(|p| p.doc()).min().unwrap_or(TERMINATED);
                return Ok(Matcher::Terms {
                    postings,
                    doc,
                    buffer: Vec::new(),
                });
            }
            Span::Sequence(parts) => {
                let mut open = Vec::new();
                for (offset, s) in parts {
                    open.push((*offset, Matcher::open(s, reader, length_field)?));
                }
                Matcher::Sequence(open, 0)
            }
            Span::Or(v) => {
                let mut open = Vec::new();
                for s in v {
                    open.push(Matcher::open(s, reader, length_field)?);
                }
                let doc = open.iter().map(Matcher::doc).min().unwrap_or(TERMINATED);
                return Ok(Matcher::Or(open, doc));
            }
            Span::Near {
                left,
                right,
                distance,
                ordered,
            } => Matcher::Near {
                left: Box::new(Matcher::open(left, reader, length_field)?),
                right: Box::new(Matcher::open(right, reader, length_field)?),
                distance: *distance,
                ordered: *ordered,
                doc: 0,
                buffers: Box::default(),
            },
            Span::Same { left, right, mark } => Matcher::Same {
                left: Box::new(Matcher::open(left, reader, length_field)?),
                right: Box::new(Matcher::open(right, reader, length_field)?),
                marks: reader
                    .inverted_index(mark.field())?
                    .read_postings(mark, IndexRecordOption::WithFreqsAndPositions)?
                    .map(Box::new),
                doc: 0,
                buffers: Box::default(),
            },
            Span::Lead(s, words) => {
                return Ok(Matcher::Lead {
                    inner: Box::new(Matcher::open(s, reader, length_field)?),
                    words: *words,
                    lengths: reader.fast_fields().u64(length_field).ok(),
                })
            }
            Span::AtLeast(n, s) => {
                return Ok(Matcher::AtLeast(
                    *n,
                    Box::new(Matcher::open(s, reader, length_field)?),
                ))
            }
        };
        // Intersections start on their first common document.
        let first = m.children_max();
        m.align(first);
        Ok(m)
    }

    fn doc(&self) -> DocId {
        match self {
            Matcher::Terms { doc, .. }
            | Matcher::Sequence(_, doc)
            | Matcher::Or(_, doc)
            | Matcher::Near { doc, .. }
            | Matcher::Same { doc, .. } => *doc,
            Matcher::Lead { inner, .. } | Matcher::AtLeast(_, inner) => inner.doc(),
        }
    }

    fn size_hint(&self) -> u32 {
        match self {
            Matcher::Terms { postings, .. } => postings.iter().map(|p| p.size_hint()).sum(),
            Matcher::Sequence(parts, _) => {
                parts.iter().map(|(_, m)| m.size_hint()).min().unwrap_or(0)
            }
            Matcher::Or(v, _) => v.iter().map(Matcher::size_hint).sum(),
            Matcher::Near { left, right, .. } | Matcher::Same { left, right, .. } => {
                left.size_hint().min(right.size_hint())
            }
            Matcher::Lead { inner, .. } | Matcher::AtLeast(_, inner) => inner.size_hint(),
        }
    }

    /// For an intersection, the furthest document of its children.
    fn children_max(&self) -> DocId {
        match self {
            Matcher::Sequence(parts, _) => parts.iter().map(|(_, m)| m.doc()).max().unwrap_or(0),
            Matcher::Near { left, right, .. } | Matcher::Same { left, right, .. } => {
                left.doc().max(right.doc())
            }
            _ => self.doc(),
        }
    }

    /// Moves an intersection to the first document from `target` on that
    /// all its children have (leapfrog).
    fn align(&mut self, mut target: DocId) {
        let children: Vec<&mut Matcher> = match self {
            Matcher::Sequence(parts, _) => parts.iter_mut().map(|(_, m)| m).collect(),
            Matcher::Near { left, right, .. } | Matcher::Same { left, right, .. } => {
                vec![left.as_mut(), right.as_mut()]
            }
            _ => return,
        };
        let mut children = children;
        'outer: while target != TERMINATED {
            for c in children.iter_mut() {
                let d = if c.doc() < target {
                    c.seek(target)
                } else {
                    c.doc()
                };
                if d > target {
                    target = d;
                    continue 'outer;
                }
            }
            break;
        }
        match self {
            Matcher::Sequence(_, doc) | Matcher::Near { doc, .. } | Matcher::Same { doc, .. } => {
                *doc = target
            }
            _ => {}
        }
    }

    fn advance(&mut self) -> DocId {
        let current = self.doc();
        if current == TERMINATED {
            return TERMINATED;
        }
        self.seek(current + 1)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc() >= target {
            return self.doc();
        }
        match self {
            Matcher::Terms { postings, doc, .. } => {
                let mut min = TERMINATED;
                for p in postings.iter_mut() {
                    let d = if p.doc() < target {
                        p.seek(target)
                    } else {
                        p.doc()
                    };
                    min = min.min(d);
                }
                *doc = min;
                min
            }
            Matcher::Or(v, doc) => {
                let mut min = TERMINATED;
                for m in v.iter_mut() {
                    min = min.min(m.seek(target));
                }
                *doc = min;
                min
            }
            Matcher::Sequence(..) | Matcher::Near { .. } | Matcher::Same { .. } => {
                self.align(target);
                self.doc()
            }
            Matcher::Lead { inner, .. } | Matcher::AtLeast(_, inner) => inner.seek(target),
        }
    }

    /// Appends the intervals of `doc` (a candidate: `self.doc() == doc`),
    /// sorted, without duplicates.
    fn spans(&mut self, doc: DocId, out: &mut Vec<Interval>) {
        if self.doc() != doc {
            return;
        }
        match self {
            Matcher::Terms {
                postings, buffer, ..
            } => {
                let from = out.len();
                let mut terms = 0;
                for p in postings.iter_mut().filter(|p| p.doc() == doc) {
                    p.positions(buffer);
                    out.extend(buffer.iter().map(|&x| (x, x)));
                    terms += 1;
                }
                // One term's positions are sorted and distinct already.
                if terms > 1 {
                    sort_unique_from(out, from);
                }
            }
            Matcher::Or(v, _) => {
                let from = out.len();
                for m in v.iter_mut() {
                    m.spans(doc, out);
                }
                sort_unique_from(out, from);
            }
            Matcher::Sequence(parts, _) => {
                let mut each: Vec<(u32, Vec<Interval>)> = Vec::with_capacity(parts.len());
                for (offset, m) in parts.iter_mut() {
                    let mut v = Vec::new();
                    m.spans(doc, &mut v);
                    if v.is_empty() {
                        return;
                    }
                    each.push((*offset, v));
                }
                let Some(((first_offset, first), rest)) = each.split_first() else {
                    return;
                };
                let mut found = Vec::new();
                for &(s, e) in first {
                    let Some(start) = s.checked_sub(*first_offset) else {
                        continue;
                    };
                    let mut end = e;
                    let all = rest.iter().all(|(offset, v)| {
                        let want = start + offset;
                        let i = v.partition_point(|x| x.0 < want);
                        match v.get(i) {
                            Some(&(s2, e2)) if s2 == want => {
                                end = end.max(e2);
                                true
                            }
                            _ => false,
                        }
                    });
                    if all {
                        found.push((start, end));
                    }
                }
                found.sort_unstable();
                found.dedup();
                out.extend(found);
            }
            Matcher::Near {
                left,
                right,
                distance,
                ordered,
                buffers,
                ..
            } => {
                let (l, r) = buffers.as_mut();
                l.clear();
                r.clear();
                left.spans(doc, l);
                right.spans(doc, r);
                near(l, r, *distance, *ordered, out);
            }
            Matcher::Same {
                left,
                right,
                marks,
                buffers,
                ..
            } => {
                let (l, r, starts) = buffers.as_mut();
                l.clear();
                r.clear();
                starts.clear();
                left.spans(doc, l);
                right.spans(doc, r);
                if let Some(m) = marks {
                    if m.doc() < doc {
                        m.seek(doc);
                    }
                    if m.doc() == doc {
                        m.positions(starts);
                    }
                }
                same_paragraph(l, r, starts, out);
            }
            Matcher::Lead {
                inner,
                words,
                lengths,
            } => {
                // The body's words come first; the title follows them, so
                // a short body's lead stops at its own end.
                let length = lengths
                    .as_ref()
                    .and_then(|c| c.first(doc))
                    .map_or(u64::from(*words), |n| n.min(u64::from(*words)));
                let mut v = Vec::new();
                inner.spans(doc, &mut v);
                out.extend(v.into_iter().filter(|&(_, e)| u64::from(e) < length));
            }
            Matcher::AtLeast(n, inner) => {
                let mut v = Vec::new();
                inner.spans(doc, &mut v);
                if v.len() >= *n as usize {
                    out.extend(v);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near_of(l: &[Interval], r: &[Interval], d: u32, ordered: bool) -> Vec<Interval> {
        let mut out = Vec::new();
        near(l, r, d, ordered, &mut out);
        out
    }

    #[test]
    fn near_counts_the_words_between() {
        // a at 3, b at 5: one word between.
        assert_eq!(near_of(&[(3, 3)], &[(5, 5)], 1, true), vec![(3, 5)]);
        assert!(near_of(&[(3, 3)], &[(5, 5)], 0, true).is_empty());
        // In order only for ADJ.
        assert!(near_of(&[(5, 5)], &[(3, 3)], 5, true).is_empty());
        assert_eq!(near_of(&[(5, 5)], &[(3, 3)], 5, false), vec![(3, 5)]);
        // Adjacent: distance 0.
        assert_eq!(near_of(&[(1, 2)], &[(3, 3)], 0, true), vec![(1, 3)]);
        // A word is not near itself.
        assert!(near_of(&[(4, 4)], &[(4, 4)], 3, false).is_empty());
    }

    #[test]
    fn same_paragraph_needs_no_start_between() {
        let mut out = Vec::new();
        // Paragraphs start at 0, 10 and 20.
        same_paragraph(
            &[(3, 3), (12, 12)],
            &[(7, 7), (25, 25)],
            &[0, 10, 20],
            &mut out,
        );
        assert_eq!(out, vec![(3, 7)]);
        out.clear();
        same_paragraph(&[(3, 3)], &[(12, 12)], &[0, 10], &mut out);
        assert!(out.is_empty());
        // The same occurrence on both sides is no pair.
        same_paragraph(&[(3, 3)], &[(3, 3)], &[0], &mut out);
        assert!(out.is_empty());
    }

    /// Every pair, as the definition says: the bounded search must find
    /// the same intervals.
    fn near_every_pair(l: &[Interval], r: &[Interval], d: u32, ordered: bool) -> Vec<Interval> {
        let mut out = Vec::new();
        for &(ls, le) in l {
            for &(rs, re) in r {
                if le < rs && rs - le - 1 <= d {
                    out.push((ls, re));
                } else if !ordered && re < ls && ls - re - 1 <= d {
                    out.push((rs, le));
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn bounded_near_equals_every_pair() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u32| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % u64::from(n)) as u32
        };
        for _ in 0..2000 {
            let mut sides: Vec<Vec<Interval>> = Vec::new();
            for _ in 0..2 {
                let count = 1 + next(8);
                let mut v: Vec<Interval> = (0..count)
                    .map(|_| {
                        let s = next(60);
                        (s, s + next(3))
                    })
                    .collect();
                v.sort_unstable();
                v.dedup();
                sides.push(v);
            }
            let (l, r) = (&sides[0], &sides[1]);
            let d = next(12);
            for ordered in [true, false] {
                assert_eq!(
                    near_of(l, r, d, ordered),
                    near_every_pair(l, r, d, ordered),
                    "{l:?} {r:?} {d} {ordered}"
                );
            }
        }
    }
}
