//! A parsed query ([`lang::Node`]) made into a tantivy query: words and
//! phrases on the French (stemmed) field as the plain search has them,
//! truncations on the surface field, proximity, `lead:` and `atleastN:`
//! through the span query, `author:` and `source:` through the tags.

use serde::Serialize;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};
use thiserror::Error;

use super::expand::{self, ExpandError, Pattern};
use super::lang::{self, Node};
use super::span::{Span, SpanQuery};
use crate::index::{self, Fields};

/// Why a parsed query cannot be built.
#[derive(Debug, Error)]
pub enum BuildError {
    #[error(transparent)]
    Expand(#[from] ExpandError),
    /// A construct this engine cannot answer, said for the reader.
    #[error("{0}")]
    Unsupported(String),
}

/// What the query asked beyond plain words, to say which of it matched
/// each hit (`--explain`, `matched` in JSON).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Operators {
    /// The operators used, as written in fouille's spelling (`NEAR/5`).
    pub operators: Vec<String>,
    /// Each truncation as typed with the surface terms it expanded to.
    pub truncations: Vec<(String, Vec<String>)>,
}

/// Builds queries for one searcher.
pub struct Builder<'a> {
    pub searcher: &'a Searcher,
    pub fields: &'a Fields,
    /// What the query used, filled while building.
    pub used: Operators,
}

type Boxed = Box<dyn Query>;

impl Builder<'_> {
    /// The query of a node; `None` for a stop word, which matches nothing
    /// and is dropped as the plain search drops it.
    pub fn query(&mut self, node: &Node, field: Field) -> Result<Option<Boxed>, BuildError> {
        Ok(match node {
            Node::Word(w) => self.word(w, field),
            Node::Phrase(p) => self.word(p, field),
            Node::Wildcard(w) => {
                let words = self.expand(w)?;
                if field == self.fields.title {
                    // The title field is stemmed: each word's stem.
                    let mut stems: Vec<String> = words
                        .iter()
                        .flat_map(|w| crate::analysis::terms(w))
                        .collect();
                    stems.sort();
                    stems.dedup();
                    Some(any_term(field, &stems))
                } else {
                    Some(any_term(self.fields.surface, &words))
                }
            }
            Node::And(v) => {
                let mut clauses: Vec<(Occur, Boxed)> = Vec::new();
                for n in v {
                    match n {
                        Node::Exclude(x) => {
                            if let Some(q) = self.query(x, field)? {
                                clauses.push((Occur::MustNot, q));
                            }
                        }
                        _ => {
                            if let Some(q) = self.query(n, field)? {
                                clauses.push((Occur::Must, q));
                            }
                        }
                    }
                }
                if !clauses.iter().any(|(o, _)| *o == Occur::Must) {
                    if clauses.is_empty() {
                        return Ok(None);
                    }
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Some(Box::new(BooleanQuery::new(clauses)))
            }
            Node::Or(v) => {
                let mut clauses: Vec<(Occur, Boxed)> = Vec::new();
                for n in v {
                    if let Some(q) = self.query(n, field)? {
                        clauses.push((Occur::Should, q));
                    }
                }
                (!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as Boxed)
            }
            Node::Exclude(x) => {
                let Some(q) = self.query(x, field)? else {
                    return Ok(None);
                };
                Some(Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery) as Boxed),
                    (Occur::MustNot, q),
                ])))
            }
            Node::In(lang::Field::Title, x) => self.query(x, self.fields.title)?,
            Node::In(lang::Field::Body, x) => self.query(x, self.fields.body)?,
            Node::In(kind @ (lang::Field::Author | lang::Field::Source), x) => {
                let name = match x.as_ref() {
                    Node::Word(w) | Node::Phrase(w) => w,
                    _ => {
                        return Err(BuildError::Unsupported(
                            "author: and source: take a name".into(),
                        ))
                    }
                };
                let prefix = if *kind == lang::Field::Author {
                    self.used.operators.push("author:".into());
                    index::AUTHOR
                } else {
                    self.used.operators.push("source:".into());
                    index::SOURCE
                };
                let tag = format!("{prefix}:{}", index::tag_key(name));
                let term = Term::from_field_text(self.fields.tags, &tag);
                Some(Box::new(ConstScoreQuery::new(
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                    1.0,
                )))
            }
            Node::Near { .. } | Node::Same(..) | Node::Lead(_) | Node::AtLeast(..) => {
                if field == self.fields.title {
                    return Err(BuildError::Unsupported(
                        "proximity, lead: and atleastN: work on the text, not inside title:".into(),
                    ));
                }
                let span = self.span(node)?;
                Some(Box::new(SpanQuery::new(
                    span,
                    self.fields.body,
                    crate::index::LENGTH_FIELD,
                )))
            }
        })
    }

    /// A word or phrase on a stemmed field: one term, or its terms at
    /// their positions.
    fn word(&self, text: &str, field: Field) -> Option<Boxed> {
        let terms = crate::analysis::terms_with_positions(text);
        match terms.as_slice() {
            [] => None,
            [(_, t)] => Some(Box::new(TermQuery::new(
                Term::from_field_text(field, t),
                IndexRecordOption::WithFreqs,
            ))),
            _ => Some(Box::new(PhraseQuery::new_with_offset(
                terms
                    .into_iter()
                    .map(|(p, t)| (p, Term::from_field_text(field, &t)))
                    .collect(),
            ))),
        }
    }

    /// The surface words a truncation stands for (recorded for --explain).
    fn expand(&mut self, typed: &str) -> Result<Vec<String>, BuildError> {
        let pattern = Pattern::new(typed)?;
        let words = expand::expand(self.searcher, self.fields.surface, typed, &pattern)?;
        self.used
            .truncations
            .push((typed.to_string(), words.clone()));
        Ok(words)
    }

    /// The span of a node that proximity, `lead:` or `atleastN:` reads.
    pub fn span(&mut self, node: &Node) -> Result<Span, BuildError> {
        Ok(match node {
            Node::Word(w) | Node::Phrase(w) => {
                let terms = crate::analysis::terms_with_positions(w);
                let Some(&(first, _)) = terms.first() else {
                    return Err(BuildError::Unsupported(format!(
                        "`{w}` is a stop word, which the index does not hold: it cannot be \
                         the operand of a proximity, lead: or atleastN:"
                    )));
                };
                let term = |t: &str| Span::Terms(vec![Term::from_field_text(self.fields.body, t)]);
                if terms.len() == 1 {
                    term(&terms[0].1)
                } else {
                    Span::Sequence(
                        terms
                            .iter()
                            .map(|(p, t)| ((p - first) as u32, term(t)))
                            .collect(),
                    )
                }
            }
            Node::Wildcard(w) => {
                let words = self.expand(w)?;
                Span::Terms(
                    words
                        .iter()
                        .map(|w| Term::from_field_text(self.fields.surface, w))
                        .collect(),
                )
            }
            Node::Or(v) => Span::Or(v.iter().map(|n| self.span(n)).collect::<Result<_, _>>()?),
            Node::Near {
                left,
                right,
                distance,
                order,
            } => {
                let ordered = *order == lang::Order::InOrder;
                let name = if ordered { "ADJ" } else { "NEAR" };
                self.used.operators.push(format!("{name}/{distance}"));
                Span::Near {
                    left: Box::new(self.span(left)?),
                    right: Box::new(self.span(right)?),
                    distance: *distance,
                    ordered,
                }
            }
            Node::Lead(x) => {
                self.used.operators.push("lead:".into());
                Span::Lead(Box::new(self.span(x)?), lang::LEAD_WORDS)
            }
            Node::AtLeast(n, x) => {
                self.used.operators.push(format!("atleast{n}:"));
                Span::AtLeast(*n, Box::new(self.span(x)?))
            }
            Node::Same(left, right) => {
                self.used.operators.push("SAME".into());
                Span::Same {
                    left: Box::new(self.span(left)?),
                    right: Box::new(self.span(right)?),
                    mark: Term::from_field_text(
                        self.fields.surface,
                        crate::analysis::paragraphs::MARK,
                    ),
                }
            }
            Node::And(_) | Node::Exclude(_) | Node::In(..) => {
                return Err(BuildError::Unsupported(
                    "inside NEAR, ADJ, lead: or atleastN:, use words, phrases, truncations \
                     or groups of them joined by OR"
                        .into(),
                ))
            }
        })
    }
}

/// Any of these terms (a truncation's words), each scored as a term.
fn any_term(field: Field, words: &[String]) -> Boxed {
    match words {
        [] => Box::new(EmptyQuery),
        [w] => Box::new(TermQuery::new(
            Term::from_field_text(field, w),
            IndexRecordOption::WithFreqs,
        )),
        _ => Box::new(BooleanQuery::new(
            words
                .iter()
                .map(|w| {
                    let q: Boxed = Box::new(TermQuery::new(
                        Term::from_field_text(field, w),
                        IndexRecordOption::WithFreqs,
                    ));
                    (Occur::Should, q)
                })
                .collect(),
        )),
    }
}
