//! Where indexing CPU goes: runs each ingestion stage single-threaded over
//! the first N records of a JSON Lines archive and prints the time of each.
//! Usage: cargo run --release --example stage_times [FILE.jsonl] [N]

use std::io::{BufRead, BufReader};
use std::time::{Duration, Instant};

use fouille::archive::Record;
use fouille::clean::clean_text;
use fouille::entities::Gazetteer;
use fouille::ingest::article_from_page;

/// Runs `f`, adding its time to `total`.
fn timed<T>(total: &mut Duration, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    *total += start.elapsed();
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "target/bench/archives/fr-all.jsonl".into());
    let n: usize = args
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    let gaz = Gazetteer::bundled();
    let file = std::fs::File::open(&path).expect("open the archive");
    let mut analyzer = fouille::analysis::french_analyzer();
    let mut t = [Duration::ZERO; 5];
    let (mut docs, mut bytes, mut tokens) = (0usize, 0usize, 0usize);
    for (i, line) in BufReader::new(file).lines().take(n).enumerate() {
        let line = line.expect("read a line");
        bytes += line.len();
        let Ok(rec) = timed(&mut t[0], || Record::parse(line.as_bytes(), i + 1)) else {
            continue;
        };
        let page = timed(&mut t[1], || clean_text(&rec.content.0));
        let Ok(article) = timed(&mut t[2], || article_from_page(&page, &rec.sidecar)) else {
            continue;
        };
        let found = timed(&mut t[3], || gaz.recognise(&article.title, &article.body));
        std::hint::black_box(found);
        timed(&mut t[4], || {
            for text in [&article.title, &article.body] {
                let mut stream = analyzer.token_stream(text);
                while stream.advance() {
                    tokens += 1;
                }
            }
        });
        docs += 1;
    }
    println!(
        "{docs} documents, {:.1} MB, {tokens} tokens",
        bytes as f64 / 1e6
    );
    let names = ["parse JSON", "clean", "describe", "entities", "analyse"];
    let total: Duration = t.iter().sum();
    for (name, d) in names.iter().zip(t) {
        println!(
            "{name:>10}: {:>7.2} s  {:>5.1} %",
            d.as_secs_f64(),
            100.0 * d.as_secs_f64() / total.as_secs_f64()
        );
    }
    println!("{:>10}: {:>7.2} s", "total", total.as_secs_f64());
}
