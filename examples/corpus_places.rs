//! Precision check on real French prose that is not news: runs recognition on
//! the first N documents of a JSON Lines archive (zstd or plain), prints place
//! tags per 1,000 words, recognition speed, and a random sample of place tags
//! with their context to judge by hand.
//! Usage: cargo run --release --example corpus_places [FILE] [N] [SAMPLE] [SEED]

use std::io::{BufRead, BufReader, Read};

/// A small deterministic generator (xorshift), so a sample can be re-drawn.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn context(text: &str, mention: &str) -> String {
    let Some(at) = text.find(mention) else {
        return String::new();
    };
    let from = text[..at]
        .char_indices()
        .rev()
        .nth(60)
        .map_or(0, |(i, _)| i);
    let to = text[at..]
        .char_indices()
        .nth(mention.len() + 60)
        .map_or(text.len(), |(i, _)| at + i);
    format!(
        "{}[[{}]]{}",
        &text[from..at],
        mention,
        &text[at + mention.len()..to]
    )
    .replace('\n', " ")
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .cloned()
        .unwrap_or_else(|| "/work/shared/corpus/fr-bench.jsonl.zst".into());
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(20_000);
    let sample: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(30);
    let seed: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(2024);
    let file = std::fs::File::open(&path)?;
    let reader: Box<dyn Read> = if path.ends_with(".zst") {
        Box::new(zstd::Decoder::new(file)?)
    } else {
        Box::new(file)
    };
    let g = fouille::entities::Gazetteer::bundled();
    let (mut words, mut bytes, mut docs, mut orgs, mut people) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut elapsed = std::time::Duration::ZERO;
    let mut tags: Vec<(String, String, String)> = Vec::new(); // (doc id, canonical, context)
    for line in BufReader::new(reader).lines().take(n) {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        let title = v["title"].as_str().unwrap_or("");
        let text = v["text"].as_str().unwrap_or("");
        let t = std::time::Instant::now();
        let found = g.recognise(title, text);
        elapsed += t.elapsed();
        docs += 1;
        words += text.split_whitespace().count();
        bytes += text.len() + title.len();
        orgs += found
            .organisations
            .iter()
            .map(|e| e.mentions.len())
            .sum::<usize>();
        people += found.people.iter().map(|e| e.mentions.len()).sum::<usize>();
        let id = v["id"].as_str().unwrap_or("").to_string();
        for e in found.places {
            for m in e.mentions {
                let full = format!("{title}\n\n{text}");
                tags.push((id.clone(), e.name.clone(), context(&full, &m)));
            }
        }
    }
    let per_k = |x: usize| 1000.0 * x as f64 / words.max(1) as f64;
    println!(
        "{docs} documents, {words} words: {} place tags ({:.2} per 1,000 words), {orgs} organisation tags ({:.2}), {people} person tags ({:.2})",
        tags.len(),
        per_k(tags.len()),
        per_k(orgs),
        per_k(people)
    );
    println!(
        "recognise: {:.1} µs per KB ({:.0} KB in {:.2} s)",
        elapsed.as_secs_f64() * 1e6 / (bytes as f64 / 1024.0),
        bytes as f64 / 1024.0,
        elapsed.as_secs_f64()
    );
    let mut rng = Rng(seed | 1);
    let mut picked = std::collections::BTreeSet::new();
    while picked.len() < sample.min(tags.len()) {
        picked.insert((rng.next() % tags.len() as u64) as usize);
    }
    for (k, i) in picked.iter().enumerate() {
        let (id, name, ctx) = &tags[*i];
        println!("{:2}. {name:20} {id:30} {ctx}", k + 1);
    }
    Ok(())
}
