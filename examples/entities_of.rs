//! Prints the entities recognised in a text given on stdin (title = first line).
//! Usage: echo "Titre\nTexte…" | cargo run --release --example entities_of

use std::io::Read;

fn main() -> anyhow::Result<()> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let (title, body) = text.split_once('\n').unwrap_or((text.as_str(), ""));
    let t = std::time::Instant::now();
    let g = fouille::entities::Gazetteer::bundled();
    eprintln!("load: {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);
    let f = g.recognise(title, body);
    for (kind, list) in [
        ("place", &f.places),
        ("organisation", &f.organisations),
        ("person", &f.people),
    ] {
        for e in list {
            println!("{kind}\t{}\t{:?}", e.name, e.mentions);
        }
    }
    Ok(())
}
