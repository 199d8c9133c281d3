//! CPU time of entity recognition alone over a JSON Lines archive, on a
//! shared machine where the wall-clock times of `stage_times` are inflated by
//! other processes: pages are cleaned and described first, then recognition
//! runs over all of them, timed by this thread's CPU clock (Linux schedstat).
//! REPEAT runs recognition that many times, so a profile is mostly recognition.
//! Usage: cargo run --release --example entities_cpu [FILE.jsonl] [N] [REPEAT]

use std::io::{BufRead, BufReader};

use fouille::archive::Record;
use fouille::clean::clean_text;
use fouille::entities::Gazetteer;
use fouille::ingest::article_from_page;

/// Nanoseconds this thread has run on a CPU, if the kernel says.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "target/bench/archives/fr-all.jsonl".into());
    let n: usize = args
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    let repeat: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let gaz = Gazetteer::bundled();
    let mut articles = Vec::new();
    let file = std::fs::File::open(&path)?;
    for (i, line) in BufReader::new(file).lines().take(n).enumerate() {
        let line = line?;
        let Ok(rec) = Record::parse(line.as_bytes(), i + 1) else {
            continue;
        };
        let page = clean_text(&rec.content.0);
        if let Ok(a) = article_from_page(&page, &rec.sidecar) {
            articles.push((a.title, a.body));
        }
    }
    let bytes: usize = articles.iter().map(|(t, b)| t.len() + b.len()).sum();
    let (cpu, wall) = (thread_cpu_ns(), std::time::Instant::now());
    let mut entities = 0usize;
    for (title, body) in articles.iter().cycle().take(articles.len() * repeat) {
        let f = gaz.recognise(title, body);
        entities += f.places.len() + f.organisations.len() + f.people.len();
    }
    let wall = wall.elapsed().as_secs_f64();
    let cpu = match (cpu, thread_cpu_ns()) {
        (Some(a), Some(b)) => (b - a) as f64 / 1e9,
        _ => f64::NAN,
    };
    println!(
        "{} documents, {:.1} MB, {entities} entities: recognise {cpu:.2} s CPU ({wall:.2} s wall), {:.1} MB/s CPU",
        articles.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / cpu
    );
    Ok(())
}
