//! Searching: a [`Query`] (words, filters, options) becomes ranked [`Hit`]s
//! with highlighted snippets and facet counts, in one pass over the index.

use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query as TantivyQuery, QueryParser, RangeQuery,
    TermQuery,
};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::{DocAddress, DocId, Index, IndexReader, Order, ReloadPolicy, Searcher, Term};
use thiserror::Error;

use crate::article::{Article, Entity};
use crate::index::{self, tag_key, Fields, ORG, PERSON, PLACE, SOURCE};
use crate::query::build::Operators;
use crate::read_only::FileAccess;

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 240;

/// How much more a word in the headline counts than one in the body, on
/// top of what it already earns: the body field indexes the title too (one
/// more occurrence) and so does the `surface` field of the second pass. A
/// headline word thus already counts twice; a full extra weight on the
/// title field made it count thrice, so that an article that merely names
/// the subject in its headline beat the one whose text is about it (as
/// FTS5's bm25 over separate title and text columns does not).
const TITLE_BOOST: f32 = 0.5;

/// A query on the title that only adds to the score, boosted.
fn boost_title(q: Box<dyn TantivyQuery>) -> Box<dyn TantivyQuery> {
    Box::new(tantivy::query::BoostQuery::new(q, TITLE_BOOST))
}

/// Why a search failed.
#[derive(Debug, Error)]
pub enum SearchError {
    /// The query text could not be parsed.
    #[error("invalid query: {0}")]
    Syntax(String),
    /// A filter value is not usable.
    #[error("{0}")]
    Filter(String),
    #[error(transparent)]
    Index(#[from] tantivy::TantivyError),
}

/// Where an indexed article was read: its archive's root, its path in
/// the archive, and the fingerprint its content had then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub root: String,
    pub path: String,
    pub fingerprint: Option<u64>,
}

/// Filters that narrow a search; values of one kind are alternatives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub places: Vec<String>,
    pub orgs: Vec<String>,
    pub people: Vec<String>,
    pub sources: Vec<String>,
    /// Wire agencies the text credits (`AFP`, `Reuters`…).
    pub wires: Vec<String>,
    /// First day included.
    pub from: Option<NaiveDate>,
    /// Last day included.
    pub to: Option<NaiveDate>,
    /// Fewest words in the body (`--min-words`).
    pub min_words: Option<u64>,
    /// Most words in the body (`--max-words`).
    pub max_words: Option<u64>,
}

impl Filters {
    /// Whether no filter is set.
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
}

/// Order of the hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Sort {
    #[default]
    Relevance,
    /// Newest first.
    Date,
}

/// A search request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// Words in tantivy's query syntax; empty or `*` matches every article.
    pub text: String,
    /// Any word may match (OR) instead of all of them (AND).
    pub any: bool,
    pub filters: Filters,
    pub limit: usize,
    pub offset: usize,
    pub sort: Sort,
    /// Count the facets of all matches (`Results::facets`); a listing for
    /// people, which shows none, is cheaper without.
    pub facets: bool,
    /// The most values of each facet kind counted (the largest); see
    /// [`FACET_VALUES`].
    pub facet_limit: usize,
    /// Show every copy of a story rather than the story once.
    pub all_copies: bool,
}

/// The values of each facet kind a search keeps by default, the largest:
/// what a page or a script shows of a list (Meilisearch's
/// `maxValuesPerFacet` is 100 too). `fouille facets` lists them all.
pub const FACET_VALUES: usize = 100;

impl Query {
    /// A query for `text` with the default options.
    pub fn new(text: impl Into<String>) -> Query {
        Query {
            text: text.into(),
            any: false,
            filters: Filters::default(),
            limit: 10,
            offset: 0,
            sort: Sort::Relevance,
            facets: true,
            facet_limit: FACET_VALUES,
            all_copies: false,
        }
    }
}

use crate::snippet::Highlighter;
pub use crate::snippet::Snippet;

/// One result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub id: String,
    pub path: String,
    pub score: f32,
    pub title: String,
    pub published: Option<NaiveDate>,
    /// Which signal gave `published` (absent in indexes built before it
    /// was stored).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_from: Option<crate::article::DateSource>,
    pub source: Option<String>,
    /// The article's address on the web, when the archive gave it.
    pub url: Option<String>,
    pub snippet: Snippet,
    pub places: Vec<String>,
    pub organisations: Vec<String>,
    pub people: Vec<String>,
    /// Query words that matched no word of the article but one of its
    /// entities, under another name (an alias or spelling variant).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub via_alias: Vec<String>,
    /// Why the hit matched and ranked where it did (relevance order only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<crate::rerank::Why>,
    /// The story's cluster of copies (hexadecimal), when it has copies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    /// The other articles of the story, earliest first (the "also in" line).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub copies: Vec<crate::collapse::Copy>,
    /// For a query with operators: which ones, and which words of each
    /// truncation the article holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched: Option<Matched>,
}

/// What of a query's operators a hit matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matched {
    /// The operators of the query (`NEAR/5`, `lead:`, `atleast3:`…).
    pub operators: Vec<String>,
    /// Each truncation as typed → the words it stands for that the
    /// article holds (folded, as indexed).
    pub words: BTreeMap<String, Vec<String>>,
}

/// Facet counts: kind (`source`, `place`, `org`, `person`, `year`) → name → count.
/// Names are shared with the engine's cache of facet names: a broad query
/// has thousands of them, and a `String` each was a tenth of its search.
pub type Facets = BTreeMap<String, BTreeMap<Arc<str>, u64>>;

/// The answer to a query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Results {
    pub query: String,
    pub total: usize,
    /// Stories among the matches: clusters of copies count once.
    pub stories: usize,
    pub hits: Vec<Hit>,
    pub facets: Facets,
}

/// A built query.
struct Built {
    /// The whole query: words and filters.
    query: Box<dyn TantivyQuery>,
    /// The part the words make (for snippets).
    text: Option<Box<dyn TantivyQuery>>,
    /// Set when the query is plain words of one term each, none naming an
    /// entity, and no filter: [`crate::ranked`] then finds the same top
    /// hits with pruning.
    plain: Option<Plain>,
    /// The query's words, for the second pass of ranking.
    words: Vec<crate::rerank::Word>,
    /// The operators of the query language it used, if any.
    operators: Option<Operators>,
}

/// The parts of a plain-words query that [`crate::ranked`] needs.
struct Plain {
    /// The words in the body field (the title is indexed there too).
    body: Box<dyn TantivyQuery>,
    /// The same terms in the title field.
    titles: Vec<Term>,
}

impl Plain {
    fn words(&self) -> crate::ranked::Words<'_> {
        crate::ranked::Words {
            body: self.body.as_ref(),
            titles: &self.titles,
            boost: TITLE_BOOST,
        }
    }
}

/// A query of the query language and the operators it used.
type Extended = (Box<dyn TantivyQuery>, Operators);

/// Words and what the fast path needs of them, if it can answer them.
type Parsed = (Box<dyn TantivyQuery>, Option<Plain>);

/// An open index, ready to answer queries.
pub struct Engine {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// Facet names by segment, kept as queries resolve them.
    facet_names: std::sync::Arc<crate::facets::FacetNames>,
    /// The index folder, to read the clusters again on reload.
    dir: std::path::PathBuf,
    /// Groups of copies ([`crate::cluster_store`]).
    clusters: std::sync::RwLock<Arc<crate::cluster::Clusters>>,
    /// The clusters laid out for the searcher of a generation, built on
    /// first use after each (re)load rather than per query.
    stories: std::sync::Mutex<Option<(u64, Arc<crate::stories::Stories>)>>,
    /// Whether a word's alias tag widens its matches, by the word, for the
    /// searcher generation it was found in ([`Engine::tag_widens`]).
    widening: std::sync::Mutex<(u64, HashMap<String, bool>)>,
}

/// Clauses of a boolean query.
type Clauses = Vec<(Occur, Box<dyn TantivyQuery>)>;

/// Words whose widening is remembered at most, before the memo starts
/// again (a long-running server meets new words forever).
const WIDENING_MEMO: usize = 4096;

/// How many times the reranked depth a collapsed search keeps from its
/// first pass when that pass is not pruned (phrases, filters): copies of
/// one story can fill the first candidates (a legal article in each
/// version of its code).
const POOL_FACTOR: usize = 4;

/// The facet kinds counted, with the facet root each lives under.
const FACET_KINDS: &[(&str, &str)] = &[
    ("source", "/source"),
    ("place", "/place"),
    ("org", "/org"),
    ("person", "/person"),
    ("year", "/date"),
    ("wire", "/wire"),
];

impl Engine {
    /// Opens the index in `dir`.
    pub fn open(dir: &Path) -> anyhow::Result<Engine> {
        Engine::open_with(dir, FileAccess::Mapped)
    }

    /// Opens the index in `dir`, its files read as `access` says (see
    /// [`FileAccess`]: a server reads rather than maps).
    pub fn open_with(dir: &Path, access: FileAccess) -> anyhow::Result<Engine> {
        let (index, fields) = index::open_with(dir, access)?;
        crate::analysis::register_for_queries(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| index::damaged(dir, e))?;
        Ok(Engine {
            index,
            reader,
            fields,
            facet_names: Default::default(),
            dir: dir.to_path_buf(),
            clusters: std::sync::RwLock::new(Arc::new(crate::cluster_store::load(dir))),
            stories: std::sync::Mutex::new(None),
            widening: std::sync::Mutex::new((u64::MAX, HashMap::new())),
        })
    }

    /// Number of articles in the index.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The searcher of the current commit and the schema's fields, for the
    /// modules that read the index beside a search ([`crate::suggest`]).
    pub(crate) fn searcher_and_fields(&self) -> (Searcher, Fields) {
        (self.reader.searcher(), self.fields)
    }

    /// The analysed terms of a query's words, as its snippets highlight
    /// them (filters aside).
    pub fn query_terms(&self, q: &Query) -> Result<Vec<String>, SearchError> {
        Ok(self.query_words(self.build(q)?.text.as_deref()))
    }

    /// What marks a query's words in an article's text: the snippets' own,
    /// so that a concordance (`--kwic`) shows exactly what they highlight.
    pub fn highlighter(&self, q: &Query) -> Result<Highlighter, SearchError> {
        Ok(Highlighter::new(self.query_terms(q)?))
    }

    /// Picks up the latest commit (for long-lived sessions such as the REPL).
    pub fn reload(&self) -> anyhow::Result<()> {
        self.reader.reload()?;
        let live: Vec<_> = self
            .reader
            .searcher()
            .segment_readers()
            .iter()
            .map(|s| s.segment_id())
            .collect();
        self.facet_names.retain(&live);
        *self.clusters.write().expect("clusters lock") =
            Arc::new(crate::cluster_store::load(&self.dir));
        *self.stories.lock().expect("stories lock") = None;
        Ok(())
    }

    /// The query built by the query language's parser when the text uses
    /// an operator only it knows (truncation, proximity, `lead:`…);
    /// `None` for the others, which keep the plain path and its ranking.
    fn extended(&self, q: &Query) -> Result<Option<Extended>, SearchError> {
        let text = q.text.trim();
        if text.is_empty() || text == "*" {
            return Ok(None);
        }
        check_size(text)?;
        let text = protect_apostrophes(text);
        // Plain words keep their fast path untouched; any other query is
        // read by this parser, if only to point at a mistake in it.
        if plain_words(&text).is_some() {
            return Ok(None);
        }
        let node = crate::query::lang::parse(&text, q.any)
            .map_err(|e| SearchError::Syntax(e.display(&text)))?;
        if !node.is_extended() {
            return Ok(None);
        }
        let searcher = self.reader.searcher();
        let mut builder = crate::query::build::Builder {
            searcher: &searcher,
            fields: &self.fields,
            used: Operators::default(),
        };
        let built = builder
            .query(&node, self.fields.body)
            .map_err(|e| SearchError::Syntax(e.to_string()))?;
        let query = built.unwrap_or_else(|| Box::new(BooleanQuery::new(Vec::new())));
        Ok(Some((query, builder.used)))
    }

    /// Which operators a hit answered and which of each truncation's
    /// words it holds (`--explain`, `matched` in JSON).
    fn matched(
        &self,
        searcher: &Searcher,
        addr: DocAddress,
        ops: &Operators,
    ) -> Result<Matched, SearchError> {
        let mut words = BTreeMap::new();
        for (typed, expanded) in &ops.truncations {
            let mut held = Vec::new();
            for w in expanded {
                if self.field_has(searcher, addr, self.fields.surface, w)? {
                    held.push(w.clone());
                }
            }
            words.insert(typed.clone(), held);
        }
        Ok(Matched {
            operators: ops.operators.clone(),
            words,
        })
    }

    /// Parses the words of a query; `None` means every article.
    ///
    /// What matches is decided on the body field, which indexes the title
    /// too; the same words in the title only add to the score. A word must
    /// then be in one posting list rather than in a union of two, which
    /// halves the cost of a query of several words.
    fn parse_text(&self, q: &Query) -> Result<Option<Parsed>, SearchError> {
        let text = q.text.trim();
        if text.is_empty() || text == "*" {
            return Ok(None);
        }
        check_size(text)?;
        let text = protect_apostrophes(text);
        if let Some(words) = plain_words(&text) {
            return Ok(Some(self.words_or_entities(&words, q.any)?));
        }
        let matching = self.parse_on(self.fields.body, &text, !q.any)?;
        // Explicit fields (`title:x`) say where to look: no boost on top.
        if text.contains(':') {
            return Ok(Some((matching, None)));
        }
        let in_title = self.parse_on(self.fields.title, &text, false)?;
        let both = BooleanQuery::new(vec![
            (Occur::Must, matching),
            (Occur::Should, boost_title(in_title)),
        ]);
        Ok(Some((Box::new(both), None)))
    }

    /// Parses query syntax with `field` as the default field.
    fn parse_on(
        &self,
        field: tantivy::schema::Field,
        text: &str,
        conjunction: bool,
    ) -> Result<Box<dyn TantivyQuery>, SearchError> {
        let mut parser = QueryParser::for_index(&self.index, vec![field]);
        if conjunction {
            parser.set_conjunction_by_default();
        }
        parser.parse_query(text).map_err(|e| {
            // The query language's parser knows where it went wrong.
            match crate::query::lang::parse(text, false) {
                Err(at) => SearchError::Syntax(at.display(text)),
                Ok(_) => SearchError::Syntax(explain_syntax_error(text, &e)),
            }
        })
    }

    /// The query for one plain word in `field`: a term query when the word
    /// analyses to one term (the case the intersection fast paths know);
    /// for a compound (`Champs-Élysées`), its parts as a phrase, or the
    /// compound written as one word (documents index each hyphenated
    /// compound that way too); `None` for a stop word.
    fn word_in(
        &self,
        field: tantivy::schema::Field,
        word: &str,
        terms: &[String],
    ) -> Result<Option<Box<dyn TantivyQuery>>, SearchError> {
        match terms {
            [] => Ok(None),
            [t] => Ok(Some(Box::new(TermQuery::new(
                Term::from_field_text(field, t),
                IndexRecordOption::WithFreqs,
            )))),
            _ => {
                let parts: Vec<(usize, Term)> = crate::analysis::terms_with_positions(word)
                    .into_iter()
                    .map(|(p, t)| (p, Term::from_field_text(field, &t)))
                    .collect();
                let mut either: Vec<(Occur, Box<dyn TantivyQuery>)> = vec![(
                    Occur::Should,
                    Box::new(tantivy::query::PhraseQuery::new_with_offset(parts)),
                )];
                if let Some(joined) = crate::analysis::compound::joined(word) {
                    let whole = TermQuery::new(
                        Term::from_field_text(field, &joined),
                        IndexRecordOption::WithFreqs,
                    );
                    either.push((Occur::Should, Box::new(whole)));
                }
                Ok(Some(Box::new(BooleanQuery::new(either))))
            }
        }
    }

    /// A query of plain words: each word matches the text, or an entity the
    /// article is tagged with under that name or any alias (so `Palmyre`
    /// finds the article that only says Tadmor); the whole line may also name
    /// one entity (`Etat islamique`).
    fn words_or_entities(&self, words: &[&str], any: bool) -> Result<Parsed, SearchError> {
        let searcher = self.reader.searcher();
        // Only names some article is tagged with get an entity clause: other
        // words keep the plain term query and its fast paths.
        // Only the declared names of an entity that the article names by
        // one of them widen a word (see `index::alias_tag`): a spelling
        // the entity finder merely guessed never brings an article in.
        // The clause scores nothing itself: it widens what matches, and the
        // words the article does hold decide its rank.
        let entity = |name: &str, words: &dyn TantivyQuery| -> Result<Clauses, SearchError> {
            let lower = name.to_lowercase();
            let name = crate::analysis::elision::elided_prefix_len(&lower)
                .map_or(lower.as_str(), |n| &lower[n..]);
            let Some(tag) = index::alias_tag(name) else {
                return Ok(vec![]);
            };
            let term = Term::from_field_text(self.fields.tags, &tag);
            // With OR, the words of a name match more than with AND.
            let key = format!("{}{name}", if any { '|' } else { '&' });
            if !self.tag_widens(&searcher, &term, key, words)? {
                return Ok(vec![]);
            }
            let tagged = TermQuery::new(term, IndexRecordOption::Basic);
            Ok(vec![(
                Occur::Should,
                Box::new(ConstScoreQuery::new(Box::new(tagged), 0.0)),
            )])
        };
        let occur = if any { Occur::Should } else { Occur::Must };
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        let mut boosts: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        // Whether every word is one term and names no entity, and those terms.
        let mut plain = true;
        let mut titles = Vec::new();
        for word in words {
            let terms = crate::analysis::terms(word);
            match terms.as_slice() {
                [] => {}
                [t] => titles.push(Term::from_field_text(self.fields.title, t)),
                _ => plain = false,
            }
            // A stop word is dropped, as the parser would drop it.
            let Some(text) = self.word_in(self.fields.body, word, &terms)? else {
                continue;
            };
            if let Some(title) = self.word_in(self.fields.title, word, &terms)? {
                boosts.push((Occur::Should, boost_title(title)));
            }
            let tags = entity(word, text.as_ref())?;
            if tags.is_empty() {
                clauses.push((occur, text));
            } else {
                plain = false;
                let mut either = vec![(Occur::Should, text)];
                either.extend(tags);
                clauses.push((occur, Box::new(BooleanQuery::new(either))));
            }
        }
        let words_query: Box<dyn TantivyQuery> = Box::new(BooleanQuery::new(
            clauses.iter().map(|(o, q)| (*o, q.box_clone())).collect(),
        ));
        let whole = if words.len() > 1 {
            entity(&words.join(" "), words_query.as_ref())?
        } else {
            vec![]
        };
        if clauses.is_empty() && whole.is_empty() {
            // Only stop words: nothing can match, as with the parser.
            return Ok((Box::new(BooleanQuery::new(Vec::new())), None));
        }
        let plain = (plain && !clauses.is_empty()).then(|| Plain {
            body: match clauses.as_slice() {
                [(_, one)] => one.box_clone(),
                all => Box::new(BooleanQuery::new(
                    all.iter().map(|(o, q)| (*o, q.box_clone())).collect(),
                )),
            },
            titles,
        });
        // One flat list: required words, then the title boosts, which only
        // score (with OR, every clause is optional and any word matches).
        clauses.extend(boosts);
        let words_query: Box<dyn TantivyQuery> = Box::new(BooleanQuery::new(clauses));
        if whole.is_empty() {
            return Ok((words_query, plain));
        }
        let mut either = vec![(Occur::Should, words_query)];
        either.extend(whole);
        Ok((Box::new(BooleanQuery::new(either)), None))
    }

    /// Whether the alias tag `tag` brings in an article that `words` (the
    /// query of the name `key` says) do not match. An entity's declared
    /// names tag mostly articles that say the word typed, and a union with
    /// the tag costs the word its fast path: every search for `guerre` read
    /// two lists and scored the union for one novel chapter with a place
    /// guessed as "Guerre". The answer holds for the whole generation of
    /// the index and is kept: a server or a REPL meets the same words
    /// again and again.
    fn tag_widens(
        &self,
        searcher: &Searcher,
        tag: &Term,
        key: String,
        words: &dyn TantivyQuery,
    ) -> Result<bool, SearchError> {
        let generation = searcher.generation().generation_id();
        {
            let mut memo = self.widening.lock().unwrap_or_else(|e| e.into_inner());
            if memo.0 != generation || memo.1.len() >= WIDENING_MEMO {
                *memo = (generation, HashMap::new());
            }
            if let Some(&known) = memo.1.get(&key) {
                return Ok(known);
            }
        }
        let widens = searcher.doc_freq(tag)? > 0 && self.widens(searcher, tag, words)?;
        self.widening
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .1
            .insert(key, widens);
        Ok(widens)
    }

    /// Whether some live article holds `tag` but does not match `words`.
    /// The tag's list is short (articles naming one entity): reading it
    /// against the word's list costs little, and one such article is
    /// enough.
    fn widens(
        &self,
        searcher: &Searcher,
        tag: &Term,
        words: &dyn TantivyQuery,
    ) -> Result<bool, SearchError> {
        let beyond = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(TermQuery::new(tag.clone(), IndexRecordOption::Basic)),
            ),
            (Occur::MustNot, words.box_clone()),
        ])
        .weight(tantivy::query::EnableScoring::disabled_from_searcher(
            searcher,
        ))?;
        for reader in searcher.segment_readers() {
            let mut found = beyond.scorer(reader, 1.0)?;
            while found.doc() != tantivy::TERMINATED {
                if reader
                    .alive_bitset()
                    .is_none_or(|a| a.is_alive(found.doc()))
                {
                    return Ok(true);
                }
                found.advance();
            }
        }
        Ok(false)
    }

    /// The filter clauses of a query.
    fn filter_clauses(&self, f: &Filters) -> Result<Vec<Box<dyn TantivyQuery>>, SearchError> {
        let mut clauses: Vec<Box<dyn TantivyQuery>> = Vec::new();
        for (kind, values) in [
            (PLACE, &f.places),
            (ORG, &f.orgs),
            (PERSON, &f.people),
            (SOURCE, &f.sources),
            (index::WIRE, &f.wires),
        ] {
            if values.is_empty() {
                continue;
            }
            let alternatives: Vec<(Occur, Box<dyn TantivyQuery>)> = values
                .iter()
                .map(|v| {
                    let term =
                        Term::from_field_text(self.fields.tags, &format!("{kind}:{}", tag_key(v)));
                    let q: Box<dyn TantivyQuery> =
                        Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                    (Occur::Should, q)
                })
                .collect();
            clauses.push(Box::new(BooleanQuery::new(alternatives)));
        }
        if let (Some(from), Some(to)) = (f.from, f.to) {
            if from > to {
                return Err(SearchError::Filter(format!(
                    "--from {from} is after --to {to}: no date can match"
                )));
            }
        }
        if let (Some(min), Some(max)) = (f.min_words, f.max_words) {
            if min > max {
                return Err(SearchError::Filter(format!(
                    "--min-words {min} is more than --max-words {max}: no article can match"
                )));
            }
        }
        if f.min_words.is_some() || f.max_words.is_some() {
            let bound = |n: Option<u64>| match n {
                None => Bound::Unbounded,
                Some(n) => Bound::Included(Term::from_field_u64(self.fields.length, n)),
            };
            clauses.push(Box::new(RangeQuery::new(
                bound(f.min_words),
                bound(f.max_words),
            )));
        }
        if f.from.is_some() || f.to.is_some() {
            // Dates are stored as midnight UTC, so both ends are inclusive days.
            let bound = |d: Option<NaiveDate>| match d {
                None => Bound::Unbounded,
                Some(d) => Bound::Included(Term::from_field_date(
                    self.fields.published,
                    index::to_datetime(d),
                )),
            };
            clauses.push(Box::new(RangeQuery::new(bound(f.from), bound(f.to))));
        }
        Ok(clauses)
    }

    /// The query's words as the second pass of ranking reads them: each
    /// plain word with its terms and the form it was typed in; for a query
    /// in tantivy's syntax, each term of the body field it names.
    fn rerank_words(&self, q: &Query, text: &dyn TantivyQuery) -> Vec<crate::rerank::Word> {
        let typed = protect_apostrophes(q.text.trim());
        if let Some(words) = plain_words(&typed) {
            return words
                .iter()
                .filter_map(|w| {
                    let stems = crate::analysis::terms(w);
                    if stems.is_empty() {
                        return None;
                    }
                    let exact = if stems.len() == 1 {
                        crate::analysis::exact_term(w)
                    } else {
                        None
                    };
                    Some(crate::rerank::Word {
                        text: (*w).to_string(),
                        stems,
                        exact,
                    })
                })
                .collect();
        }
        let mut terms: Vec<String> = Vec::new();
        text.query_terms(&mut |term, _| {
            if term.field() == self.fields.body {
                if let Some(w) = term.value().as_str() {
                    if !terms.iter().any(|t| t == w) {
                        terms.push(w.to_string());
                    }
                }
            }
        });
        terms
            .into_iter()
            .map(|t| crate::rerank::Word {
                text: t.clone(),
                stems: vec![t],
                exact: None,
            })
            .collect()
    }

    /// The full tantivy query, and the part of it that words matched (for snippets).
    fn build(&self, q: &Query) -> Result<Built, SearchError> {
        let (text, plain, operators) = match self.extended(q)? {
            Some((t, ops)) => (Some(t), None, Some(ops)),
            None => match self.parse_text(q)? {
                Some((t, plain)) => (Some(t), plain, None),
                None => (None, None, None),
            },
        };
        let words = match &text {
            Some(t) => self.rerank_words(q, t.as_ref()),
            None => Vec::new(),
        };
        let filters = self.filter_clauses(&q.filters)?;
        if filters.is_empty() {
            let query: Box<dyn TantivyQuery> = match &text {
                Some(t) => t.box_clone(),
                None => Box::new(AllQuery),
            };
            return Ok(Built {
                query,
                text,
                plain,
                words,
                operators,
            });
        }
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        match &text {
            Some(t) => clauses.push((Occur::Must, t.box_clone())),
            None => clauses.push((Occur::Must, Box::new(AllQuery))),
        }
        // Filters restrict without changing the ranking.
        clauses.extend(filters.into_iter().map(|c| {
            let c: Box<dyn TantivyQuery> = Box::new(ConstScoreQuery::new(c, 0.0));
            (Occur::Must, c)
        }));
        Ok(Built {
            query: Box::new(BooleanQuery::new(clauses)),
            text,
            plain: None,
            words,
            operators,
        })
    }

    /// Runs a search: top hits with snippets, the total and facet counts.
    pub fn search(&self, q: &Query) -> Result<Results, SearchError> {
        let Built {
            query,
            text,
            plain,
            words,
            operators,
        } = self.build(q)?;
        let searcher = self.reader.searcher();
        let facet_collector = q.facets.then(|| {
            crate::facets::FacetCounter::new("facets", std::sync::Arc::clone(&self.facet_names))
                .keeping(q.facet_limit)
        });
        // tantivy preallocates the limit: never ask for more than there are
        // documents, so `--limit 1e18` is a long list, not an allocation failure.
        let docs = usize::try_from(searcher.num_docs())
            .unwrap_or(usize::MAX)
            .max(1);
        let limit = q.limit.clamp(1, docs);
        let offset = q.offset.min(docs);
        // The first pass gives more candidates than asked for; the second
        // ranks them again (see `crate::rerank`).
        let depth = crate::rerank::depth(limit.saturating_add(offset)).min(docs);
        let stories = self.stories(&searcher)?;
        // Collapsing reads each candidate's story; counting stories reads
        // one array entry a match, only when some article has a copy.
        let collapse = !q.all_copies && !stories.is_empty();
        let story_counter = (!stories.is_empty()).then(|| crate::stories::StoryCounter {
            stories: Arc::clone(&stories),
        });
        // By date, a collapsed list reads three times the hits it shows
        // (copies of one story mostly run within days of each other).
        let top = if collapse {
            TopDocs::with_limit(limit.saturating_add(offset).saturating_mul(3).min(docs))
        } else {
            TopDocs::with_limit(limit).and_offset(offset)
        };
        // Collapsing may need candidates beyond `depth` when copies take
        // places. Without the pruned first pass, the one pass that counts
        // and ranks keeps them (a longer heap costs little; running the
        // query again costs as much as the first time).
        let pool_depth = if collapse && plain.is_none() {
            depth.saturating_mul(POOL_FACTOR).min(docs)
        } else {
            depth
        };
        let (mut scored, total, facet_counts, clustered): (Vec<(f32, DocAddress)>, usize, _, _) =
            match (q.sort, &plain) {
                // Facets need every match, but not its score: one pass without
                // scoring counts, one pruned pass ranks.
                (Sort::Relevance, Some(plain)) => {
                    let best = crate::ranked::top(&searcher, &plain.words(), depth)?;
                    let (total, facets, clustered) =
                        if facet_collector.is_some() || story_counter.is_some() {
                            searcher.search(
                                plain.body.as_ref(),
                                &(Count, facet_collector, story_counter),
                            )?
                        } else {
                            (crate::ranked::count(&searcher, &plain.words())?, None, None)
                        };
                    (best, total, facets, clustered)
                }
                (Sort::Relevance, None) => searcher.search(
                    &query,
                    &(
                        TopDocs::with_limit(pool_depth).order_by_score(),
                        Count,
                        facet_collector,
                        story_counter,
                    ),
                )?,
                (Sort::Date, _) => {
                    let (docs, total, facets, clustered) = searcher.search(
                        &query,
                        &(
                            top.order_by_fast_field::<tantivy::DateTime>("published", Order::Desc),
                            Count,
                            facet_collector,
                            story_counter,
                        ),
                    )?;
                    let docs = docs.into_iter().map(|(_, a)| (0.0, a)).collect();
                    (docs, total, facets, clustered)
                }
            };
        let story_count = clustered.map_or(total, |met| {
            crate::stories::StoryCounter::stories(total, &met)
        });
        let ranked: Vec<crate::rerank::Ranked> = match q.sort {
            Sort::Relevance => {
                // The first `depth` candidates of the pool, as a first pass
                // of that depth would give them; a pool shorter than asked
                // for holds every match.
                let pool = std::mem::take(&mut scored);
                let pool_complete = pool.len() < pool_depth;
                let first = |depth: usize| -> Result<Vec<(f32, DocAddress)>, SearchError> {
                    if depth <= pool.len() || pool_complete {
                        Ok(pool[..depth.min(pool.len())].to_vec())
                    } else {
                        self.first_pass(&searcher, &query, plain.as_ref(), depth)
                    }
                };
                let scored = first(depth)?;
                let more = scored.len() >= depth;
                let mut ranked =
                    crate::rerank::rerank(&searcher, &self.fields, &words, scored, true)?;
                if collapse {
                    ranked = self.one_per_story(&searcher, &stories, ranked)?;
                    // Copies took places: read deeper, in the rare case it
                    // was needed and there is more to read.
                    let mut depth = depth;
                    let mut more = more;
                    while more && ranked.len() < limit.saturating_add(offset) && depth < docs {
                        depth = depth.saturating_mul(2).min(docs);
                        let scored = first(depth)?;
                        more = scored.len() >= depth;
                        ranked =
                            crate::rerank::rerank(&searcher, &self.fields, &words, scored, true)?;
                        ranked = self.one_per_story(&searcher, &stories, ranked)?;
                    }
                }
                ranked.drain(..offset.min(ranked.len()));
                ranked.truncate(limit);
                ranked
            }
            Sort::Date => {
                let mut ranked: Vec<_> = scored
                    .into_iter()
                    .map(|(score, addr)| crate::rerank::Ranked {
                        score,
                        addr,
                        why: None,
                    })
                    .collect();
                if collapse {
                    ranked = self.one_per_story(&searcher, &stories, ranked)?;
                    ranked.drain(..offset.min(ranked.len()));
                    ranked.truncate(limit);
                }
                ranked
            }
        };
        let mut highlighter = Highlighter::new(self.query_words(text.as_deref()));
        let alias_words = alias_candidates(q, &highlighter);
        let mut hits = Vec::with_capacity(ranked.len());
        for crate::rerank::Ranked { score, addr, why } in ranked {
            let stored: index::Stored = searcher.doc(addr)?;
            let article = stored.into_listed(&self.fields);
            // One scan of the body serves the snippet and, unless a word
            // is missing from the part read, the alias check.
            let (matches, _) = highlighter.passage_matches(&article.body);
            let snippet = highlighter
                .snippet_from(&article.body, &matches, SNIPPET_CHARS)
                .unwrap_or_else(|| Snippet {
                    text: lead(&article.body, SNIPPET_CHARS),
                    highlights: Vec::new(),
                });
            let via_alias = if alias_words.is_empty() {
                Vec::new()
            } else {
                // A word the passage did not meet may be further on or in
                // the title: the body field's postings (which index the
                // title too) say so without reading the text again.
                let mut via = Vec::new();
                for (word, terms) in &alias_words {
                    let mut met = false;
                    for &t in terms {
                        met = matches.iter().any(|m| m.2 == t)
                            || self.body_has(&searcher, addr, highlighter.term(t))?;
                        if met {
                            break;
                        }
                    }
                    if !met {
                        via.push(word.clone());
                    }
                }
                via
            };
            let why = why.map(|mut why| {
                // The headline's words, read from the title itself: only the
                // hits shown pay for it, and the highlighter analyses only
                // the title's words that could be a query term.
                let title: Vec<usize> = highlighter
                    .matches(&article.title)
                    .into_iter()
                    .map(|m| m.2)
                    .collect();
                why.title = words
                    .iter()
                    .filter(|w| {
                        w.stems.iter().any(|s| {
                            highlighter
                                .term_index(s)
                                .is_some_and(|i| title.contains(&i))
                        })
                    })
                    .map(|w| w.text.clone())
                    .collect();
                why
            });
            let mut hit = to_hit(article, score, snippet);
            hit.via_alias = via_alias;
            hit.why = why;
            if let Some(ops) = &operators {
                hit.matched = Some(self.matched(&searcher, addr, ops)?);
            }
            if !stories.is_empty() {
                self.add_copies(&searcher, &stories, addr, &mut hit)?;
            }
            hits.push(hit);
        }
        let mut facets = Facets::new();
        if q.facets {
            for (kind, _) in FACET_KINDS {
                facets.insert((*kind).to_string(), BTreeMap::new());
            }
        }
        // Sorted by kind then value: each kind's map is built in one go.
        let mut counts = facet_counts.unwrap_or_default().into_iter().peekable();
        while let Some(&(kind, _, _)) = counts.peek() {
            let values: BTreeMap<Arc<str>, u64> =
                std::iter::from_fn(|| counts.next_if(|c| c.0 == kind))
                    .map(|(_, value, n)| (value, n))
                    .collect();
            // /date/YYYY/MM is counted per year.
            let name = if kind == "date" { "year" } else { kind };
            if let Some(slot) = facets.get_mut(name) {
                *slot = values;
            }
        }
        Ok(Results {
            query: q.text.clone(),
            total,
            stories: story_count,
            hits,
            facets,
        })
    }

    /// The clusters of copies, as last loaded.
    fn clusters(&self) -> Arc<crate::cluster::Clusters> {
        Arc::clone(&self.clusters.read().expect("clusters lock"))
    }

    /// The clusters laid out for `searcher` (see [`crate::stories`]).
    fn stories(&self, searcher: &Searcher) -> Result<Arc<crate::stories::Stories>, SearchError> {
        let generation = searcher.generation().generation_id();
        let mut slot = self.stories.lock().expect("stories lock");
        if let Some((g, s)) = slot.as_ref() {
            if *g == generation {
                return Ok(Arc::clone(s));
            }
        }
        let s = Arc::new(crate::stories::Stories::build(searcher, &self.clusters())?);
        *slot = Some((generation, Arc::clone(&s)));
        Ok(s)
    }

    /// The first pass alone: `depth` candidates by score.
    fn first_pass(
        &self,
        searcher: &Searcher,
        query: &dyn TantivyQuery,
        plain: Option<&Plain>,
        depth: usize,
    ) -> Result<Vec<(f32, DocAddress)>, SearchError> {
        Ok(match plain {
            Some(plain) => crate::ranked::top(searcher, &plain.words(), depth)?,
            None => searcher.search(query, &TopDocs::with_limit(depth).order_by_score())?,
        })
    }

    /// The document key of an address (its fast field).
    fn key_of(&self, searcher: &Searcher, addr: DocAddress) -> Result<u64, SearchError> {
        let ff = searcher.segment_reader(addr.segment_ord).fast_fields();
        Ok(ff.u64("key")?.first(addr.doc_id).unwrap_or_default())
    }

    /// Ranked candidates with each story once (see [`crate::collapse`]).
    fn one_per_story(
        &self,
        searcher: &Searcher,
        stories: &crate::stories::Stories,
        ranked: Vec<crate::rerank::Ranked>,
    ) -> Result<Vec<crate::rerank::Ranked>, SearchError> {
        // The date column of each segment, opened once; read only for
        // members of a cluster (a story of one has nothing to choose).
        let mut dates: Vec<Option<tantivy::columnar::Column<tantivy::DateTime>>> =
            vec![None; searcher.segment_readers().len()];
        let mut candidates = Vec::with_capacity(ranked.len());
        for r in &ranked {
            let date = match stories.cluster(r.addr) {
                Some(_) => {
                    let slot = &mut dates[r.addr.segment_ord as usize];
                    if slot.is_none() {
                        let ff = searcher.segment_reader(r.addr.segment_ord).fast_fields();
                        *slot = Some(ff.date("published")?);
                    }
                    slot.as_ref()
                        .and_then(|d| d.first(r.addr.doc_id))
                        .map(|d| d.into_timestamp_secs())
                }
                None => None,
            };
            candidates.push(crate::collapse::Candidate {
                story: stories.story(r.addr),
                score: r.score,
                date,
            });
        }
        let keep = crate::collapse::representatives(&candidates);
        let mut slots: Vec<Option<crate::rerank::Ranked>> = ranked.into_iter().map(Some).collect();
        Ok(keep.into_iter().filter_map(|i| slots[i].take()).collect())
    }

    /// The cluster id and the other members of a hit's story: their id,
    /// outlet and date from the stored metadata alone.
    fn add_copies(
        &self,
        searcher: &Searcher,
        stories: &crate::stories::Stories,
        addr: DocAddress,
        hit: &mut Hit,
    ) -> Result<(), SearchError> {
        let Some(n) = stories.cluster(addr) else {
            return Ok(());
        };
        hit.cluster = Some(format!("{:016x}", stories.id(n)));
        for &other in stories.members(n) {
            if other == addr {
                continue;
            }
            let stored: index::Stored = searcher.doc(other)?;
            hit.copies.push(stored.into_copy(&self.fields));
        }
        hit.copies.sort_by(|a, b| {
            (a.published.is_none(), a.published, &a.id).cmp(&(
                b.published.is_none(),
                b.published,
                &b.id,
            ))
        });
        Ok(())
    }

    /// The articles most like the article `id` (`None` if there is no such
    /// article), by tantivy's more-like-this over its analysed body and
    /// title: the terms it uses most that few articles use, as one query.
    /// Its own copies are left out, and each story is shown once.
    pub fn similar(&self, id: &str, limit: usize) -> Result<Option<Vec<Hit>>, SearchError> {
        let searcher = self.reader.searcher();
        let term = Term::from_field_text(self.fields.id, id);
        let found = searcher.search(
            &TermQuery::new(term, IndexRecordOption::Basic),
            &TopDocs::with_limit(1).order_by_score(),
        )?;
        let Some(&(_, addr)) = found.first() else {
            return Ok(None);
        };
        let stored: index::Stored = searcher.doc(addr)?;
        let article = stored.into_article(&self.fields);
        let docs = searcher.num_docs();
        let mlt = crate::like::like_texts(
            &searcher,
            self.fields.body,
            &[&article.title, &article.body],
            // A term in a tenth of the archive says nothing of a subject.
            (docs / 10).max(2),
        )?;
        let clusters = self.clusters();
        let stories = self.stories(&searcher)?;
        let key = self.key_of(&searcher, addr)?;
        let mut exclude: Vec<u64> = clusters.members(clusters.story(key)).to_vec();
        exclude.push(key);
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = vec![(Occur::Must, Box::new(mlt))];
        for k in exclude {
            let t = Term::from_field_u64(self.fields.key, k);
            clauses.push((
                Occur::MustNot,
                Box::new(TermQuery::new(t, IndexRecordOption::Basic)),
            ));
        }
        let query = BooleanQuery::new(clauses);
        let limit = limit.clamp(1, usize::try_from(docs).unwrap_or(usize::MAX).max(1));
        // Read more than asked: copies of one story take one place.
        let depth = limit
            .saturating_mul(3)
            .min(usize::try_from(docs).unwrap_or(usize::MAX).max(1));
        let top = searcher.search(&query, &TopDocs::with_limit(depth).order_by_score())?;
        let ranked: Vec<crate::rerank::Ranked> = top
            .into_iter()
            .map(|(score, addr)| crate::rerank::Ranked {
                score,
                addr,
                why: None,
            })
            .collect();
        let mut ranked = self.one_per_story(&searcher, &stories, ranked)?;
        ranked.truncate(limit);
        let mut hits = Vec::with_capacity(ranked.len());
        for r in ranked {
            let stored: index::Stored = searcher.doc(r.addr)?;
            let a = stored.into_listed(&self.fields);
            let snippet = Snippet {
                text: lead(&a.body, SNIPPET_CHARS),
                highlights: Vec::new(),
            };
            let mut hit = to_hit(a, r.score, snippet);
            if !stories.is_empty() {
                self.add_copies(&searcher, &stories, r.addr, &mut hit)?;
            }
            hits.push(hit);
        }
        Ok(Some(hits))
    }

    /// The cheapest useful answer: the addresses of the top hits and the
    /// total, without reading stored documents, snippets or facets (what the
    /// benchmark calls "top-10 + count").
    pub fn top_and_count(&self, q: &Query) -> Result<(Vec<DocAddress>, usize), SearchError> {
        let Built {
            query,
            plain,
            words,
            ..
        } = self.build(q)?;
        let searcher = self.reader.searcher();
        let docs = usize::try_from(searcher.num_docs())
            .unwrap_or(usize::MAX)
            .max(1);
        let limit = q.limit.clamp(1, docs);
        let depth = crate::rerank::depth(limit).min(docs);
        let (candidates, total) = match plain {
            Some(plain) => {
                let words = plain.words();
                let top = crate::ranked::top(&searcher, &words, depth)?;
                (top, crate::ranked::count(&searcher, &words)?)
            }
            None => {
                let top = TopDocs::with_limit(depth).order_by_score();
                searcher.search(&query, &(top, Count))?
            }
        };
        let mut ranked = crate::rerank::rerank(&searcher, &self.fields, &words, candidates, false)?;
        ranked.truncate(limit);
        Ok((ranked.into_iter().map(|r| r.addr).collect(), total))
    }

    /// Whether the body field of a document (its body and title) holds an
    /// analysed term.
    fn body_has(
        &self,
        searcher: &Searcher,
        addr: DocAddress,
        term: &str,
    ) -> Result<bool, SearchError> {
        self.field_has(searcher, addr, self.fields.body, term)
    }

    /// Whether `field` of a document holds an analysed term.
    fn field_has(
        &self,
        searcher: &Searcher,
        addr: DocAddress,
        field: tantivy::schema::Field,
        term: &str,
    ) -> Result<bool, SearchError> {
        let reader = searcher.segment_reader(addr.segment_ord);
        let term = Term::from_field_text(field, term);
        let postings = reader
            .inverted_index(field)?
            .read_postings(&term, IndexRecordOption::Basic)
            .map_err(tantivy::TantivyError::from)?;
        Ok(postings.is_some_and(|mut p| tantivy::DocSet::seek(&mut p, addr.doc_id) == addr.doc_id))
    }

    /// The analysed words of a text query, as stored in title and body.
    fn query_words(&self, text: Option<&dyn TantivyQuery>) -> Vec<String> {
        let mut words = Vec::new();
        if let Some(q) = text {
            q.query_terms(&mut |term, _| {
                if term.field() == self.fields.body || term.field() == self.fields.title {
                    if let Some(w) = term.value().as_str() {
                        words.push(w.to_string());
                    }
                } else if term.field() == self.fields.surface {
                    // A truncation's word as written: the highlighter
                    // finds words by their stems.
                    if let Some(w) = term.value().as_str() {
                        words.extend(crate::analysis::terms(w));
                    }
                }
            });
        }
        words
    }

    /// Hits per month (`YYYY-MM`) of the articles matching `q`.
    pub fn timeline(&self, q: &Query) -> Result<BTreeMap<String, u64>, SearchError> {
        let query = self.build(q)?.query;
        let searcher = self.reader.searcher();
        let mut fc = FacetCollector::for_field("facets");
        fc.add_facet("/date");
        let years = searcher.search(&query, &fc)?;
        let mut months = BTreeMap::new();
        let year_facets: Vec<Facet> = years.get("/date").map(|(f, _)| f.clone()).collect();
        for year in year_facets {
            let mut fc = FacetCollector::for_field("facets");
            fc.add_facet(year.clone());
            let counts = searcher.search(&query, &fc)?;
            for (facet, n) in counts.get(year.clone()) {
                let path: Vec<&str> = facet.to_path();
                if let [_, y, m] = path.as_slice() {
                    months.insert(format!("{y}-{m}"), n);
                }
            }
        }
        Ok(months)
    }

    /// Stories per facet value among the articles matching `q`: a cluster
    /// of copies counts once for a value however many of its members
    /// carry it, and an article without copies counts as one story. Keys
    /// are facet paths (`/person/…`), with both `/date/YYYY` and
    /// `/date/YYYY/MM` for the dates. For `--stories`, which a researcher
    /// counting coverage asks for rather than reprints; the per-article
    /// counts of a search stay the default.
    pub fn story_counts(&self, q: &Query) -> Result<BTreeMap<String, u64>, SearchError> {
        let query = self.build(q)?.query;
        let searcher = self.reader.searcher();
        let stories = self.stories(&searcher)?;
        let matches = searcher.search(&query, &tantivy::collector::DocSetCollector)?;
        let mut by_segment: BTreeMap<u32, Vec<DocId>> = BTreeMap::new();
        for addr in matches {
            by_segment
                .entry(addr.segment_ord)
                .or_default()
                .push(addr.doc_id);
        }
        let mut seen: std::collections::HashSet<(Arc<str>, u64)> = Default::default();
        let mut facet = Facet::root();
        for (ord, docs) in by_segment {
            let reader = searcher.segment_reader(ord).facet_reader("facets")?;
            // A value's path is read from the dictionary once per segment.
            let mut paths: rustc_hash::FxHashMap<u64, Vec<Arc<str>>> = Default::default();
            for doc in docs {
                let story = stories.story(DocAddress::new(ord, doc));
                for value in reader.facet_ords(doc) {
                    let values = match paths.entry(value) {
                        std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                        std::collections::hash_map::Entry::Vacant(e) => {
                            reader.facet_from_ord(value, &mut facet)?;
                            e.insert(facet_and_year(&facet))
                        }
                    };
                    for path in values.iter() {
                        seen.insert((Arc::clone(path), story));
                    }
                }
            }
        }
        let mut counts = BTreeMap::new();
        for (path, _) in seen {
            *counts.entry(path.to_string()).or_insert(0) += 1;
        }
        Ok(counts)
    }

    /// [`Engine::story_counts`] as a search's facets: stories per value of
    /// each kind, years for the dates.
    pub fn facets_by_story(&self, q: &Query) -> Result<Facets, SearchError> {
        let mut facets = Facets::new();
        for (kind, _) in FACET_KINDS {
            facets.insert((*kind).to_string(), BTreeMap::new());
        }
        for (path, n) in self.story_counts(q)? {
            let Ok(facet) = Facet::from_text(&path) else {
                continue;
            };
            let (kind, value) = match facet.to_path().as_slice() {
                ["date", year] => ("year", year.to_string()),
                [root, value] => (*root, value.to_string()),
                _ => continue,
            };
            if let Some(values) = facets.get_mut(kind) {
                values.insert(Arc::from(value), n);
            }
        }
        Ok(facets)
    }

    /// Stories per month (`YYYY-MM`) among the articles matching `q`.
    pub fn timeline_by_story(&self, q: &Query) -> Result<BTreeMap<String, u64>, SearchError> {
        let mut months = BTreeMap::new();
        for (path, n) in self.story_counts(q)? {
            if let Ok(facet) = Facet::from_text(&path) {
                if let ["date", y, m] = facet.to_path().as_slice() {
                    months.insert(format!("{y}-{m}"), n);
                }
            }
        }
        Ok(months)
    }

    /// Every value of a facet kind (`source`, `place`, `org`, `person`,
    /// `year`) with its number of articles, most frequent first.
    pub fn facet_values(&self, kind: &str) -> Result<Vec<(String, u64)>, SearchError> {
        let Some((_, root)) = FACET_KINDS.iter().find(|(k, _)| *k == kind) else {
            return Err(SearchError::Filter(format!("unknown facet {kind:?}")));
        };
        let mut fc = FacetCollector::for_field("facets");
        fc.add_facet(*root);
        let counts = self.reader.searcher().search(&AllQuery, &fc)?;
        let mut values: Vec<(String, u64)> =
            counts.get(*root).map(|(f, n)| (facet_leaf(f), n)).collect();
        values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(values)
    }

    /// Whether some article is tagged `kind` (`place`, `org`, `person`,
    /// `source`) with this name or one of its aliases.
    pub fn knows(&self, kind: &str, name: &str) -> Result<bool, SearchError> {
        let term = Term::from_field_text(self.fields.tags, &format!("{kind}:{}", tag_key(name)));
        Ok(self.reader.searcher().doc_freq(&term)? > 0)
    }

    /// The stored article with this id, if any.
    /// Where the article `id` was read, to read it again as it was
    /// (`show --raw`): `None` when no article has this id, or when the
    /// index predates the recording of archive roots.
    pub fn origin(&self, id: &str) -> Result<Option<Origin>, SearchError> {
        let searcher: Searcher = self.reader.searcher();
        let term = Term::from_field_text(self.fields.id, id);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, addr)) = top.first() else {
            return Ok(None);
        };
        let stored: index::Stored = searcher.doc(*addr)?;
        let Some((root, path)) = stored.origin(&self.fields) else {
            return Ok(None);
        };
        let fingerprint = searcher
            .segment_reader(addr.segment_ord)
            .fast_fields()
            .u64("fingerprint")?
            .first(addr.doc_id);
        Ok(Some(Origin {
            root,
            path,
            fingerprint,
        }))
    }

    pub fn get(&self, id: &str) -> Result<Option<Article>, SearchError> {
        let searcher: Searcher = self.reader.searcher();
        let term = Term::from_field_text(self.fields.id, id);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        match top.first() {
            Some((_, addr)) => {
                let stored: index::Stored = searcher.doc(*addr)?;
                Ok(Some(stored.into_article(&self.fields)))
            }
            None => Ok(None),
        }
    }
}

/// The last part of a facet path (`/place/Palmyre` → `Palmyre`).
/// A facet's path, and for a month (`/date/YYYY/MM`) its year's path too.
fn facet_and_year(f: &Facet) -> Vec<Arc<str>> {
    let path = f.to_path();
    let mut out: Vec<Arc<str>> = vec![Arc::from(f.to_path_string())];
    if let ["date", year, _] = path.as_slice() {
        out.push(Arc::from(format!("/date/{year}")));
    }
    out
}

fn facet_leaf(f: &Facet) -> String {
    f.to_path()
        .last()
        .map(|s| s.to_string())
        .unwrap_or_default()
}

/// Tantivy's grammar reads `'` as a quote, but in French it is an elision
/// (`l'armée`): inside a word it becomes the typographic apostrophe, which
/// the analysis chain treats the same.
fn protect_apostrophes(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let inside = i > 0
            && chars[i - 1].is_alphanumeric()
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        out.push(if c == '\'' && inside { '’' } else { c });
    }
    out
}

/// Longest query text parsed: tantivy's parser slows down quadratically on
/// some long inputs (20,000 `NOT ` took 15 s), and no one types this much.
const MAX_QUERY_CHARS: usize = 10_000;

/// Deepest parenthesis nesting parsed: tantivy's parser recurses on each
/// level and overflowed the stack (an abort, not an error) near 10,000.
const MAX_QUERY_NESTING: usize = 32;

/// Refuses, with a clear message, query texts too long or too deeply
/// nested for the parser to handle safely.
fn check_size(text: &str) -> Result<(), SearchError> {
    let chars = text.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(SearchError::Syntax(format!(
            "query too long ({chars} characters, at most {MAX_QUERY_CHARS})"
        )));
    }
    let (mut depth, mut deepest, mut in_phrase) = (0usize, 0usize, false);
    for c in text.chars() {
        match c {
            '"' => in_phrase = !in_phrase,
            '(' if !in_phrase => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' if !in_phrase => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if deepest > MAX_QUERY_NESTING {
        return Err(SearchError::Syntax(format!(
            "parentheses nested too deeply ({deepest} levels, at most {MAX_QUERY_NESTING})"
        )));
    }
    Ok(())
}

/// The words of a query that uses no query syntax (quotes, operators,
/// fields, wildcards), or `None`. A hyphen inside a word joins a compound
/// (`Champs-Élysées`); one that starts a word excludes it, which is syntax.
fn plain_words(text: &str) -> Option<Vec<&str>> {
    const SYNTAX: &[char] = &[
        '"', '(', ')', ':', '+', '^', '~', '*', '[', ']', '{', '}', '\\', '\'', '!', '<', '>', '=',
    ];
    if text.contains(SYNTAX) {
        return None;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let operator = |w: &&str| matches!(*w, "AND" | "OR" | "NOT" | "IN");
    let excluded = |w: &&str| w.starts_with('-');
    // `NEAR/5`, `w/5`, `chat?`: the query language's operators.
    let language = |w: &&str| !crate::query::lang::is_plain_word(w);
    if words.is_empty()
        || words.iter().any(operator)
        || words.iter().any(excluded)
        || words.iter().any(language)
    {
        return None;
    }
    Some(words)
}

/// A tantivy parse error, said for a person typing a query.
fn explain_syntax_error(text: &str, e: &tantivy::query::QueryParserError) -> String {
    let quotes = text.matches('"').count();
    if quotes % 2 == 1 {
        return "unbalanced quote (\"): close the phrase, e.g. \"armée syrienne\"".into();
    }
    let open = text.matches('(').count();
    let close = text.matches(')').count();
    if open != close {
        return "unbalanced parenthesis".into();
    }
    use tantivy::query::QueryParserError as E;
    match e {
        E::FieldDoesNotExist(f) => {
            format!("unknown field `{f}:` (fields: title:, body:)")
        }
        other => other.to_string(),
    }
}

/// The words of a plain query with the indexes of their terms in the
/// highlighter: a hit whose text has none of a word's terms matched it
/// through an entity alias. (No snippet match falls back to the lead.)
fn alias_candidates(q: &Query, h: &Highlighter) -> Vec<(String, Vec<usize>)> {
    let text = protect_apostrophes(q.text.trim());
    let Some(words) = plain_words(&text) else {
        return Vec::new();
    };
    words
        .into_iter()
        .filter_map(|w| {
            let terms: Vec<usize> = crate::analysis::terms(w)
                .iter()
                .filter_map(|t| h.term_index(t))
                .collect();
            (!terms.is_empty()).then(|| (w.to_string(), terms))
        })
        .collect()
}

/// The first `max` characters of `text`, cut at a word boundary.
fn lead(text: &str, max: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((cut, _)) => {
            let head = &text[..cut];
            let head = head.rsplit_once(' ').map_or(head, |(h, _)| h);
            format!("{head}…")
        }
    }
}

fn names(list: &[Entity]) -> Vec<String> {
    list.iter().map(|e| e.name.clone()).collect()
}

fn to_hit(a: Article, score: f32, snippet: Snippet) -> Hit {
    Hit {
        via_alias: Vec::new(),
        why: None,
        cluster: None,
        copies: Vec::new(),
        matched: None,
        places: names(&a.places),
        organisations: names(&a.organisations),
        people: names(&a.people),
        id: a.id,
        path: a.path,
        score,
        title: a.title,
        published: a.published,
        published_from: a.published_from,
        source: a.source,
        url: a.url,
        snippet,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophes_inside_words_are_not_quotes() {
        assert_eq!(protect_apostrophes("l'armée 'x'"), "l’armée 'x'");
        assert_eq!(protect_apostrophes("qu'il"), "qu’il");
    }

    #[test]
    fn oversized_queries_are_refused_not_crashed_on() {
        // Found probing hostile queries: 10,000 nested parentheses overflowed
        // the stack; 20,000 `NOT ` took 15 s.
        let deep = "(".repeat(4_000) + "a" + &")".repeat(4_000);
        let Err(SearchError::Syntax(m)) = check_size(&deep) else {
            panic!("deep nesting accepted");
        };
        assert!(m.contains("nested too deeply"), "{m}");
        let long = "NOT ".repeat(20_000);
        let Err(SearchError::Syntax(m)) = check_size(&long) else {
            panic!("long query accepted");
        };
        assert!(m.contains("too long"), "{m}");
        let nested = "(".repeat(MAX_QUERY_NESTING) + "a" + &")".repeat(MAX_QUERY_NESTING);
        assert!(check_size(&nested).is_ok());
        assert!(
            check_size(&format!("\"{}\"", "(".repeat(100))).is_ok(),
            "inside a phrase"
        );
    }

    #[test]
    fn lead_cuts_at_a_word() {
        assert_eq!(lead("un deux trois", 100), "un deux trois");
        assert_eq!(lead("un deux trois", 6), "un…");
    }
}
