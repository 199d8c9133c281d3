//! CPU seconds `clean_text` spends on the records of a JSON Lines archive,
//! measured as process CPU time (not wall time) so that a busy shared
//! machine does not blur the figure. Records are parsed first, then
//! cleaned in one timed loop.
//! Usage: cargo run --release --example clean_cpu [FILE.jsonl] [N]

use std::io::{BufRead, BufReader};

use fouille::archive::Record;
use fouille::clean::clean_text;

/// User + system CPU time of this process so far, in seconds (Linux).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses); utime and
    // stime are fields 14 and 15 of the line, 12 and 13 after the name.
    let after = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<f64> = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|s| s.parse().ok())
        .collect();
    f.iter().sum::<f64>() / 100.0
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
    let file = std::fs::File::open(&path).expect("open the archive");
    let texts: Vec<String> = BufReader::new(file)
        .lines()
        .take(n)
        .map_while(Result::ok)
        .enumerate()
        .filter_map(|(i, l)| Record::parse(l.as_bytes(), i + 1).ok())
        .map(|r| r.content.0)
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let start = cpu_seconds();
    let mut blocks = 0usize;
    for t in &texts {
        blocks += std::hint::black_box(clean_text(t)).blocks.len();
    }
    let secs = cpu_seconds() - start;
    println!(
        "{} documents, {:.1} MB, {blocks} blocks: clean {secs:.2} s CPU ({:.1} MB/s)",
        texts.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
}
