//! Scores entity recognition on the gold bodies themselves (not the raw
//! pages), the way /work/shared/eval/score.py does.
//! Usage: cargo run --release --example gold_entities [GOLD_DIR] [-v]

use fouille::entities::{fold, Gazetteer};
use serde_json::Value;

fn names(v: &Value) -> Vec<(String, Vec<String>)> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|e| {
                    let name = e["name"].as_str().unwrap_or("").to_string();
                    let mentions = e["mentions"]
                        .as_array()
                        .map(|m| {
                            m.iter()
                                .filter_map(|x| x.as_str().map(String::from))
                                .collect()
                        })
                        .unwrap_or_default();
                    (name, mentions)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// score.py's rule: a produced entity matches a gold one when its name folds
/// to the gold name or a gold mention, or one of its mentions folds to the gold name.
fn score(
    got: &[(String, Vec<String>)],
    gold: &[(String, Vec<String>)],
    verbose: bool,
) -> (usize, usize, usize) {
    let key = |s: &str| fold(&s.replace(['\'', '’', '`', '.'], ""));
    let keys: Vec<Vec<String>> = gold
        .iter()
        .map(|(n, ms)| {
            std::iter::once(key(n))
                .chain(ms.iter().map(|m| key(m)))
                .collect()
        })
        .collect();
    let mut matched = vec![false; gold.len()];
    let mut tp = 0;
    for (name, mentions) in got {
        let cands: Vec<String> = std::iter::once(key(name))
            .chain(mentions.iter().map(|m| key(m)))
            .collect();
        let hit = (0..gold.len()).find(|&i| {
            !matched[i] && (keys[i].contains(&key(name)) || cands.contains(&key(&gold[i].0)))
        });
        match hit {
            Some(i) => {
                matched[i] = true;
                tp += 1;
            }
            None if verbose => println!("    extra: {name} {mentions:?}"),
            None => {}
        }
    }
    if verbose {
        for (i, (n, ms)) in gold.iter().enumerate() {
            if !matched[i] {
                println!("    missed: {n} {ms:?}");
            }
        }
    }
    (tp, got.len(), gold.len())
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let dir = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .cloned()
        .unwrap_or_else(|| "/work/shared/eval/gold".into());
    let g = Gazetteer::bundled();
    let mut files: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "json") && !p.ends_with("aliases.json"));
    files.sort();
    let (mut tp, mut got, mut want) = (0, 0, 0);
    for path in files {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
        let found = g.recognise(
            gold["title"].as_str().unwrap_or(""),
            gold["body"].as_str().unwrap_or(""),
        );
        println!(
            "{}",
            path.file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default()
        );
        for (kind, list) in [
            ("places", &found.places),
            ("organisations", &found.organisations),
            ("people", &found.people),
        ] {
            let produced: Vec<(String, Vec<String>)> = list
                .iter()
                .map(|e| (e.name.clone(), e.mentions.clone()))
                .collect();
            if verbose {
                println!("  {kind}");
            }
            let (a, b, c) = score(&produced, &names(&gold[kind]), verbose);
            tp += a;
            got += b;
            want += c;
        }
    }
    let p = tp as f64 / got.max(1) as f64;
    let r = tp as f64 / want.max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!("gold bodies: tp={tp} got={got} gold={want} entity_p={p:.3} entity_r={r:.3} entity_f1={f:.3}");
    Ok(())
}
