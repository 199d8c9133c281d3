//! How much of each document the text cleaner keeps. A search engine cannot
//! find what the cleaner threw away, so on text without any site chrome
//! (legal codes, novels) nearly everything must survive; and an article
//! written on a single line (as JSON exports store them) must not be
//! dropped whole.
//!
//! Reads JSON Lines records (`{"id", "text", …}`) on stdin, cleans each
//! record's text as it is and with its lines joined into one, and prints
//! per part of the id (what comes before its first `/`): the share of
//! documents keeping at least 95 % of their characters, the share keeping
//! less than half, the minimum and the worst documents. Files or folders
//! named as arguments (the seeds) are measured joined into one line.
//!
//! Usage: zstd -dc ../shared/corpus/fr-bench.jsonl.zst |
//!   cargo run --release --example retention [-- SEEDS_DIR...]
//! `RETENTION_WORST=N` sets how many worst documents are listed (5).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;

use fouille::archive::{Record, Sidecar};
use fouille::clean::clean_text;
use fouille::ingest::article_from_page;

/// Characters that count: whitespace is layout, and HTML tags (some legal
/// articles hold their tables as `<td>` lines) are markup, not text.
fn chars(s: &str) -> usize {
    let mut n = 0;
    let mut in_tag = false;
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if in_tag {
            in_tag = c != '>';
        } else if c == '<'
            && it
                .peek()
                .is_some_and(|&d| d.is_ascii_alphabetic() || d == '/')
        {
            in_tag = true;
        } else if !c.is_whitespace() {
            n += 1;
        }
    }
    n
}

/// Share of `text`'s characters that reach the index: the article's body,
/// and its title unless the record's own title replaced the cleaner's.
fn kept_share(text: &str, sidecar: &Sidecar) -> f64 {
    let total = chars(text);
    if total == 0 {
        return 1.0;
    }
    let page = clean_text(text);
    let Ok(article) = article_from_page(&page, sidecar) else {
        return 0.0;
    };
    let from_text = sidecar.title.as_deref().is_none_or(|t| t.trim().is_empty());
    let title = if from_text { chars(&article.title) } else { 0 };
    (title + chars(&article.body)) as f64 / total as f64
}

/// The document with its lines joined into one.
fn joined(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The shares of one part of the corpus.
#[derive(Default)]
struct Part {
    shares: Vec<(f64, String)>,
}

impl Part {
    fn report(&mut self, name: &str, worst: usize) {
        let n = self.shares.len();
        if n == 0 {
            return;
        }
        let keep95 = self.shares.iter().filter(|(s, _)| *s >= 0.95).count();
        let below_half = self.shares.iter().filter(|(s, _)| *s < 0.5).count();
        self.shares.sort_by(|a, b| a.0.total_cmp(&b.0));
        println!(
            "{name:<16} {n:>7} docs  keep>=95%: {:>6.2} %  keep<50%: {below_half:>5}  min: {:.3}",
            100.0 * keep95 as f64 / n as f64,
            self.shares[0].0,
        );
        for (s, id) in self.shares.iter().take(worst).filter(|(s, _)| *s < 0.95) {
            println!("    {s:.3}  {id}");
        }
    }
}

fn main() -> std::io::Result<()> {
    let worst: usize = std::env::var("RETENTION_WORST")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let mut as_is: BTreeMap<String, Part> = BTreeMap::new();
    let mut one_line: BTreeMap<String, Part> = BTreeMap::new();
    let stdin = std::io::stdin();
    let is_tty = std::io::IsTerminal::is_terminal(&stdin);
    if !is_tty {
        for (i, line) in BufReader::new(stdin.lock()).lines().enumerate() {
            let line = line?;
            let Ok(rec) = Record::parse(line.as_bytes(), i + 1) else {
                continue;
            };
            let id = rec.id.unwrap_or_else(|| format!("record {}", i + 1));
            let part = id.split('/').next().unwrap_or("").to_string();
            let text = &rec.content.0;
            let share = kept_share(text, &rec.sidecar);
            as_is
                .entry(part.clone())
                .or_default()
                .shares
                .push((share, id.clone()));
            let share = kept_share(&joined(text), &rec.sidecar);
            one_line.entry(part).or_default().shares.push((share, id));
        }
    }
    println!("== as stored");
    for (name, part) in &mut as_is {
        part.report(name, worst);
    }
    println!("== lines joined into one");
    for (name, part) in &mut one_line {
        part.report(name, worst);
    }
    let mut files = vec![];
    for arg in std::env::args().skip(1) {
        let p = Path::new(&arg);
        if p.is_dir() {
            for e in std::fs::read_dir(p)?.flatten() {
                files.push(e.path());
            }
        } else {
            files.push(p.to_path_buf());
        }
    }
    files.sort();
    if !files.is_empty() {
        println!("== files joined into one line (they carry chrome: 0 means skipped)");
    }
    for f in files {
        let text = String::from_utf8_lossy(&std::fs::read(&f)?).into_owned();
        println!(
            "{:.3}  as stored {:.3}  {}",
            kept_share(&joined(&text), &Sidecar::default()),
            kept_share(&text, &Sidecar::default()),
            f.display()
        );
    }
    Ok(())
}
