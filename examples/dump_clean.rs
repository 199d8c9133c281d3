//! Prints what `clean_text` makes of each document (every block with its
//! kind), so that a speed change to the text cleaner can be diffed against
//! the output it had before.
//! Usage: cargo run --release --example dump_clean FILE.jsonl N [PATH...]
//! (records of the JSON Lines archive first, then each file, or each file
//! of each folder, in name order).

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use fouille::archive::Record;
use fouille::clean::clean_text;

/// Writes the page of `text` under a header naming its source.
fn dump(out: &mut impl Write, name: &str, text: &str) -> std::io::Result<()> {
    let page = clean_text(text);
    writeln!(out, "=== {name}")?;
    writeln!(out, "title: {:?}", page.title())?;
    for b in &page.blocks {
        writeln!(out, "{:?}\t{}", b.kind, b.text)?;
    }
    writeln!(out, "body:\n{}", page.body())
}

/// The files named: folders are listed (sorted), files taken as they are.
fn files_of(paths: &[String]) -> Vec<PathBuf> {
    let mut files = vec![];
    for p in paths {
        let p = Path::new(p);
        if p.is_dir() {
            let mut inner: Vec<PathBuf> = std::fs::read_dir(p)
                .map(|d| d.flatten().map(|e| e.path()).collect())
                .unwrap_or_default();
            inner.sort();
            files.extend(inner.into_iter().filter(|f| f.is_file()));
        } else {
            files.push(p.to_path_buf());
        }
    }
    files
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(archive), Some(n)) = (args.first(), args.get(1)) else {
        eprintln!("usage: dump_clean FILE.jsonl N [PATH...]");
        std::process::exit(2);
    };
    let n: usize = n.parse().unwrap_or(usize::MAX);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let file = std::fs::File::open(archive)?;
    for (i, line) in BufReader::new(file).lines().take(n).enumerate() {
        let line = line?;
        match Record::parse(line.as_bytes(), i + 1) {
            Ok(rec) => dump(&mut out, &format!("record {}", i + 1), &rec.content.0)?,
            Err(e) => writeln!(out, "=== record {}: {e}", i + 1)?,
        }
    }
    for f in files_of(&args[2..]) {
        let bytes = std::fs::read(&f)?;
        dump(
            &mut out,
            &f.display().to_string(),
            &String::from_utf8_lossy(&bytes),
        )?;
    }
    out.flush()
}
