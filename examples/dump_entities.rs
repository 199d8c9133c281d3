//! Prints every entity recognised, to prove a change to recognition keeps its
//! output: diff the dump before and after.
//! Records of a JSON Lines archive are recognised as they are (title and text
//! of the record); files given after it go through the whole pipeline
//! (clean, describe, recognise), as `fouille inspect` does.
//! With `--pipeline`, records go through cleaning and description as
//! `fouille index` takes them (HTML tables of legal codes become lines), so
//! the dump says what the index holds.
//! Usage: cargo run --release --example dump_entities ARCHIVE.jsonl N [--pipeline] [FILE…]

use std::io::{BufRead, BufReader, Write};

use fouille::archive::{Record, Sidecar};
use fouille::clean::{clean_html, clean_text};
use fouille::entities::{Found, Gazetteer};
use fouille::ingest::{article_from_page, looks_like_html};

fn print_found(out: &mut impl Write, label: &str, f: &Found) -> std::io::Result<()> {
    writeln!(out, "## {label}")?;
    for (kind, list) in [
        ("place", &f.places),
        ("organisation", &f.organisations),
        ("person", &f.people),
    ] {
        for e in list {
            writeln!(out, "{kind}\t{}\t{:?}", e.name, e.mentions)?;
        }
    }
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(path), Some(n)) = (args.first(), args.get(1)) else {
        anyhow::bail!("usage: dump_entities ARCHIVE.jsonl N [FILE…]");
    };
    let n: usize = n.parse()?;
    let pipeline = args.get(2).is_some_and(|a| a == "--pipeline");
    let files = &args[if pipeline { 3 } else { 2 }..];
    let g = Gazetteer::bundled();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let file = std::fs::File::open(path)?;
    for (i, line) in BufReader::new(file).lines().take(n).enumerate() {
        let line = line?;
        let found = if pipeline {
            let rec = Record::parse(line.as_bytes(), i + 1).map_err(anyhow::Error::msg)?;
            let page = match rec.content {
                (html, true) => clean_html(&html),
                (text, false) if looks_like_html(&text) => clean_html(&text),
                (text, false) => clean_text(&text),
            };
            match article_from_page(&page, &rec.sidecar) {
                Ok(a) => g.recognise(&a.title, &a.body),
                Err(_) => Found::default(),
            }
        } else {
            let v: serde_json::Value = serde_json::from_str(&line)?;
            let title = v["title"].as_str().unwrap_or("");
            let text = v["text"].as_str().unwrap_or("");
            g.recognise(title, text)
        };
        print_found(&mut out, &format!("record {}", i + 1), &found)?;
    }
    for file in files {
        let bytes = std::fs::read(file)?;
        let text = String::from_utf8_lossy(&bytes);
        let page = if looks_like_html(&text) {
            clean_html(&text)
        } else {
            clean_text(&text)
        };
        let found = match article_from_page(&page, &Sidecar::default()) {
            Ok(a) => g.recognise(&a.title, &a.body),
            Err(_) => Found::default(),
        };
        print_found(&mut out, file, &found)?;
    }
    Ok(())
}
