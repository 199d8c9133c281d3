//! Where indexing CPU goes: runs each ingestion stage single-threaded, one
//! stage at a time over the first N records of a JSON Lines archive, and
//! prints the CPU time of each (this thread's, so other work on the machine
//! does not inflate it; the wall clock where the kernel does not say).
//! Clustering spreads its bands over up to four threads: its figure is
//! the whole process's CPU (to 10 ms).
//! Usage: cargo run --release --example stage_times [FILE.jsonl] [N]

use std::io::{BufRead, BufReader};
use std::time::{Duration, Instant};

use fouille::archive::Record;
use fouille::clean::clean_text;
use fouille::cluster;
use fouille::entities::Gazetteer;
use fouille::ingest::article_from_page;

/// Nanoseconds this thread has run on a CPU, if the kernel says (Linux).
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// CPU time of the whole process (all threads), in clock ticks of 10 ms,
/// if the kernel says (Linux): for a stage that spreads over threads.
fn process_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses.
    let rest = s.get(s.rfind(')')? + 2..)?;
    let mut f = rest.split_whitespace().skip(11);
    let (user, sys): (u64, u64) = (f.next()?.parse().ok()?, f.next()?.parse().ok()?);
    Some((user + sys) * 10_000_000)
}

/// Runs `f`, returning its result and the time `cpu_ns` counted meanwhile
/// (else the wall time).
fn timed_by<T>(cpu_ns: fn() -> Option<u64>, f: impl FnOnce() -> T) -> (T, Duration) {
    let (cpu, wall) = (cpu_ns(), Instant::now());
    let out = f();
    let took = match (cpu, cpu_ns()) {
        (Some(a), Some(b)) => Duration::from_nanos(b.saturating_sub(a)),
        _ => wall.elapsed(),
    };
    (out, took)
}

/// Runs `f` (which may use threads), returning its result and the CPU
/// time of the whole process meanwhile (else the wall time).
fn timed_all<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    timed_by(process_cpu_ns, f)
}

/// Runs `f`, returning its result and its CPU time (else its wall time).
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    timed_by(thread_cpu_ns, f)
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
    let lines: Vec<String> = BufReader::new(file)
        .lines()
        .take(n)
        .map(|l| l.expect("read a line"))
        .collect();
    let bytes: usize = lines.iter().map(String::len).sum();

    let (records, parse) = timed(|| {
        let parsed = lines.iter().enumerate();
        parsed
            .filter_map(|(i, l)| Record::parse(l.as_bytes(), i + 1).ok())
            .collect::<Vec<_>>()
    });
    let (pages, clean) = timed(|| {
        let pages = records.iter().map(|r| clean_text(&r.content.0));
        pages.collect::<Vec<_>>()
    });
    let (articles, describe) = timed(|| {
        let described = pages.iter().zip(&records);
        described
            .filter_map(|(p, r)| article_from_page(p, &r.sidecar).ok())
            .collect::<Vec<_>>()
    });
    let (found, entities) = timed(|| {
        let found = articles.iter().map(|a| gaz.recognise(&a.title, &a.body));
        found.collect::<Vec<_>>()
    });
    std::hint::black_box(found);
    let mut analyzer = fouille::analysis::french_analyzer();
    let (tokens, analyse) = timed(|| {
        let mut tokens = 0usize;
        for a in &articles {
            for text in [&a.title, &a.body] {
                let mut stream = analyzer.token_stream(text);
                while stream.advance() {
                    tokens += 1;
                }
            }
        }
        tokens
    });

    // Copy detection: a sketch per body at indexing, then one clustering
    // pass over all sketches after the commit.
    let (sketches, sketch) = timed(|| {
        let keyed = articles.iter().enumerate();
        let sketched = keyed.filter_map(|(i, a)| Some((i as u64, cluster::sketch(&a.body)?)));
        sketched.collect::<Vec<_>>()
    });
    let (links, clusters) = timed_all(|| cluster::Links::find(&sketches));
    std::hint::black_box(links);

    println!(
        "{} documents, {:.1} MB, {tokens} tokens",
        articles.len(),
        bytes as f64 / 1e6
    );
    let t = [parse, clean, describe, entities, analyse, sketch, clusters];
    let names = [
        "parse JSON",
        "clean",
        "describe",
        "entities",
        "analyse",
        "sketch",
        "cluster",
    ];
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
