//! End-to-end tests that the cleaner loses no article whole and that a
//! reader can always see what it dropped: articles stored on a single line
//! (as JSON exports and some scrapers store them) are indexed and found,
//! and `show --raw` prints the article as it was read from the archive.

mod common;

use common::{seed_numbers, seeds_dir, Workspace};

/// The bundled seeds' articles (name, text), in name order.
fn seeds() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(seeds_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

/// A word of the article's second half, long enough to be rare.
fn late_word(text: &str) -> String {
    let half = &text[text.len() / 2..];
    half.split(|c: char| !c.is_alphabetic())
        .find(|w| w.chars().count() >= 10)
        .expect("a long word")
        .to_string()
}

#[test]
fn seeds_joined_into_one_line_are_indexed_and_found() {
    let ws = Workspace::new();
    let mut records = String::new();
    for (name, text) in seeds() {
        let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
        ws.write(&format!("files/{name}"), &line);
        let id = name.trim_end_matches(".txt");
        let rec = serde_json::json!({"id": format!("rec-{id}"), "text": line});
        records.push_str(&format!("{rec}\n"));
    }
    ws.write("records.jsonl", records);
    for archive in ["files", "records.jsonl"] {
        let s = ws.run(&["index", "--json", archive]).expect(0).json();
        assert_eq!(s["indexed"], 5, "{archive}: {s}");
        assert_eq!(s["skipped"].as_array().map(Vec::len), Some(0), "{s}");
    }
    for (name, text) in seeds() {
        let id = name.trim_end_matches(".txt");
        let number = &name[..3];
        let v = ws
            // The file and the record are copies of one text: list both.
            .run(&["search", "--json", "--all-copies", &late_word(&text)])
            .expect(0)
            .json();
        let ids = common::hit_ids(&v);
        assert!(ids.contains(&id.to_string()), "{id}: {ids:?}");
        assert!(ids.contains(&format!("rec-{id}")), "{id}: {ids:?}");
        assert!(seed_numbers(&v).contains(&number.to_string()));
        // Nothing of a one-line article is dropped.
        let a = ws.run(&["show", "--json", id]).expect(0).json();
        let kept = a["body"].as_str().unwrap().len() + a["title"].as_str().unwrap().len();
        let line_len = text.split_whitespace().collect::<Vec<_>>().join(" ").len();
        assert!(kept >= line_len, "{id}: kept {kept} of {line_len}");
    }
}

#[test]
fn show_raw_prints_the_article_as_read_and_says_when_it_changed() {
    let ws = Workspace::new();
    let seeds_copy = ws.copy_seeds("archive");
    ws.write(
        "recs.jsonl",
        "{\"id\": \"r1\", \"text\": \"Titre\\n\\nLe port a rouvert lundi matin.\"}\n",
    );
    ws.run(&["index", "archive", "recs.jsonl"]).expect(0);
    let file = seeds_copy.join("002_6c47c855ba33597e.txt");
    let original = std::fs::read_to_string(&file).unwrap();

    let run = ws.run(&["show", "--raw", "002_6c47c855ba33597e"]).expect(0);
    assert_eq!(run.stdout(), original);
    assert!(run.stderr().is_empty(), "{}", run.stderr());
    let run = ws.run(&["show", "--raw", "r1"]).expect(0);
    assert_eq!(run.stdout(), "Titre\n\nLe port a rouvert lundi matin.");

    // Changed since indexing: shown as it is now, with a note.
    std::fs::write(&file, format!("{original}\nUne ligne ajoutée.\n")).unwrap();
    let run = ws.run(&["show", "--raw", "002_6c47c855ba33597e"]).expect(0);
    assert!(run.stdout().ends_with("Une ligne ajoutée.\n"));
    assert!(run.stderr().contains("changed since it was indexed"));

    // Gone: a clear error, not an empty page.
    std::fs::remove_file(&file).unwrap();
    let run = ws.run(&["show", "--raw", "002_6c47c855ba33597e"]);
    assert_ne!(run.code(), 0);
    assert!(run.stderr().contains("gone"), "{}", run.stderr());
}
