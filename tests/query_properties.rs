//! Properties of truncation, proximity (`NEAR`, `ADJ`, `SAME`), `lead:` and
//! `atleastN:` against brute-force references,
//! on a sample of real French text: the benchmark corpus
//! (`../shared/corpus`: laws, novels, manuals) and the news archive
//! (`../shared/eval/news-dev`), both beside the repository as CI has them.
//! A sample, not the whole: the test must stay fast.
//!
//! The references read each indexed document back from the index (its
//! body and title as stored) and scan its analysed tokens, with positions
//! counted as tantivy counts them; the engine answers through the query
//! language, the parser and the span query.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::PathBuf;

use common::Workspace;
use fouille::analysis::{self, terms};
use fouille::search::{Engine, Query};
use tantivy::tokenizer::TextAnalyzer;

/// Documents taken from each archive.
const SAMPLE: usize = 250;

fn shared(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel)
}

/// Every `step`-th line of a zstd JSON Lines archive, `SAMPLE` at most.
fn sample(rel: &str, step: usize) -> Vec<String> {
    let path = shared(rel);
    let file = std::fs::File::open(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (../shared must be beside the repository)",
            path.display()
        )
    });
    let mut text = String::new();
    zstd::Decoder::new(file)
        .expect("zstd")
        .read_to_string(&mut text)
        .expect("UTF-8");
    text.lines()
        .step_by(step)
        .take(SAMPLE)
        .map(str::to_string)
        .collect()
}

/// A stored document: its id and analysed tokens with their positions
/// (the French field, stemmed, and the surface field, as written).
struct Doc {
    id: String,
    /// Words of the body as a reader counts them.
    body_words: u32,
    stems: Vec<(u32, String)>,
    surface: Vec<(u32, String)>,
    /// The stems of each paragraph (a line of the body, or the title).
    paragraphs: Vec<BTreeSet<String>>,
}

/// Tokens of body then title, positions as tantivy gives a multi-valued
/// field's: the second value starts one past the end of the first, plus
/// one.
fn tokens(analyzer: &mut TextAnalyzer, body: &str, title: &str) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let mut offset = 0u32;
    for value in [body, title] {
        if value.is_empty() {
            continue;
        }
        let mut end = offset;
        let mut s = analyzer.token_stream(value);
        while let Some(t) = s.next() {
            let p = offset + t.position as u32;
            end = end.max(p + 1);
            out.push((p, t.text.clone()));
        }
        offset = end + 1;
    }
    out
}

/// The indexed sample, with every document read back.
struct Fixture {
    _ws: Workspace,
    engine: Engine,
    docs: Vec<Doc>,
}

fn fixture() -> Fixture {
    let ws = Workspace::new();
    let mut lines = sample("corpus/fr-bench.jsonl.zst", 431);
    lines.extend(sample("eval/news-dev/archive.jsonl.zst", 139));
    let archive = ws.write("sample.jsonl", lines.join("\n") + "\n");
    ws.run(&["index", archive.to_str().unwrap()]).expect(0);
    let (index, fields) = fouille::index::open(&ws.index()).expect("open");
    fouille::analysis::register(&index);
    let searcher = index.reader().expect("reader").searcher();
    let mut french = analysis::document_analyzer_unmemoised();
    let mut surface = analysis::surface_analyzer_unmemoised();
    let mut docs = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        for doc in 0..segment.max_doc() {
            let addr = tantivy::DocAddress::new(ord as u32, doc);
            let stored: fouille::index::Stored = searcher.doc(addr).expect("doc");
            let a = stored.into_article(&fields);
            let paragraphs = a
                .body
                .split('\n')
                .chain([a.title.as_str()])
                .map(|p| analysis::document_terms(p).into_iter().collect())
                .collect();
            docs.push(Doc {
                paragraphs,
                body_words: analysis::word_count(&a.body) as u32,
                stems: tokens(&mut french, &a.body, &a.title),
                surface: tokens(&mut surface, &a.body, &a.title),
                id: a.id,
            });
        }
    }
    assert!(docs.len() > 400, "sample indexed: {}", docs.len());
    // Index order depends on the indexing threads: the cases drawn must not.
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    Fixture {
        engine: Engine::open(&ws.index()).expect("engine"),
        _ws: ws,
        docs,
    }
}

/// The ids of every article the engine finds for `text`.
fn found(engine: &Engine, text: &str) -> BTreeSet<String> {
    let mut q = Query::new(text);
    q.limit = 10_000;
    q.all_copies = true;
    q.facets = false;
    let r = engine.search(&q).unwrap_or_else(|e| panic!("{text}: {e}"));
    assert_eq!(r.hits.len(), r.total, "{text}: every hit listed");
    r.hits.into_iter().map(|h| h.id).collect()
}

/// A small deterministic generator (the test must not depend on luck).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

#[test]
fn truncation_and_proximity_agree_with_brute_force() {
    let f = fixture();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);

    // X* returns every article holding a word that starts with X.
    let mut prefixes = BTreeSet::new();
    while prefixes.len() < 60 {
        let d = &f.docs[rng.below(f.docs.len())];
        let Some((_, w)) = d.surface.get(rng.below(d.surface.len())) else {
            continue;
        };
        let cut = 3 + rng.below(4);
        if w.chars().count() >= cut && w.chars().all(char::is_alphabetic) {
            prefixes.insert(w.chars().take(cut).collect::<String>());
        }
    }
    let mut checked = 0;
    for prefix in &prefixes {
        let expected: BTreeSet<String> = f
            .docs
            .iter()
            .filter(|d| {
                d.surface
                    .iter()
                    .any(|(_, w)| w.starts_with(prefix.as_str()))
            })
            .map(|d| d.id.clone())
            .collect();
        let mut q = Query::new(format!("{prefix}*"));
        q.limit = 10_000;
        q.all_copies = true;
        match f.engine.search(&q) {
            Ok(_) => {}
            Err(e) if e.to_string().contains("more than") => continue,
            Err(e) => panic!("{prefix}*: {e}"),
        }
        assert_eq!(
            found(&f.engine, &format!("{prefix}*")),
            expected,
            "{prefix}*"
        );
        checked += 1;
    }
    assert!(checked >= 50, "prefixes checked: {checked}");

    // NEAR/n and ADJ/n find exactly the articles where the two words'
    // positions are within n words (in order for ADJ).
    let mut cases = 0;
    let mut matched = 0;
    let mut seen = BTreeSet::new();
    while cases < 240 {
        // Two single-term words of one document, often close together, so
        // that both matches and near misses occur.
        let d = &f.docs[rng.below(f.docs.len())];
        if d.surface.len() < 2 {
            continue;
        }
        let i = rng.below(d.surface.len());
        let j = (i + 1 + rng.below(12)).min(d.surface.len() - 1);
        let (a, b) = (&d.surface[i].1, &d.surface[j].1);
        let single = |w: &str| w.chars().all(char::is_alphabetic) && terms(w).len() == 1;
        if a == b || !single(a) || !single(b) {
            continue;
        }
        let (sa, sb) = (terms(a).remove(0), terms(b).remove(0));
        if sa == sb {
            continue;
        }
        let n = rng.below(12) as u32;
        let ordered = rng.below(2) == 0;
        if !seen.insert((a.clone(), b.clone(), n, ordered)) {
            continue;
        }
        let op = if ordered { "ADJ" } else { "NEAR" };
        let text = format!("{a} {op}/{n} {b}");
        let expected: BTreeSet<String> = f
            .docs
            .iter()
            .filter(|d| {
                let at = |s: &str| -> Vec<u32> {
                    d.stems
                        .iter()
                        .filter(|(_, t)| t == s)
                        .map(|(p, _)| *p)
                        .collect()
                };
                let (pa, pb) = (at(&sa), at(&sb));
                pa.iter().any(|&x| {
                    pb.iter().any(|&y| {
                        if ordered {
                            y > x && y - x - 1 <= n
                        } else {
                            x != y && x.abs_diff(y) - 1 <= n
                        }
                    })
                })
            })
            .map(|d| d.id.clone())
            .collect();
        let got = found(&f.engine, &text);
        assert_eq!(got, expected, "{text}");
        matched += usize::from(!expected.is_empty());
        cases += 1;
        // SAME: both in one paragraph.
        if cases % 3 == 0 {
            let same: BTreeSet<String> = f
                .docs
                .iter()
                .filter(|d| {
                    d.paragraphs
                        .iter()
                        .any(|p| p.contains(&sa) && p.contains(&sb))
                })
                .map(|d| d.id.clone())
                .collect();
            let text = format!("{a} SAME {b}");
            assert_eq!(found(&f.engine, &text), same, "{text}");
        }
    }
    eprintln!("NEAR/ADJ cases with matches: {matched} of {cases}");
    assert!(matched > 100, "cases with matches: {matched}");

    // lead: and atleastN: against the same tokens.
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for d in f.docs.iter().take(40) {
        for (_, w) in d.surface.iter().take(30) {
            if w.chars().all(char::is_alphabetic) && terms(w).len() == 1 {
                *counts.entry(w.clone()).or_default() += 1;
            }
        }
    }
    for w in counts.keys().take(40) {
        let s = terms(w).remove(0);
        let lead: BTreeSet<String> = f
            .docs
            .iter()
            .filter(|d| {
                let words = d.body_words;
                d.stems.iter().any(|(p, t)| *t == s && *p < words.min(50))
            })
            .map(|d| d.id.clone())
            .collect();
        assert_eq!(found(&f.engine, &format!("lead:{w}")), lead, "lead:{w}");
        let three: BTreeSet<String> = f
            .docs
            .iter()
            .filter(|d| d.stems.iter().filter(|(_, t)| *t == s).count() >= 3)
            .map(|d| d.id.clone())
            .collect();
        assert_eq!(
            found(&f.engine, &format!("atleast3:{w}")),
            three,
            "atleast3:{w}"
        );
    }
}
