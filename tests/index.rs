//! End-to-end tests of `fouille index`: incremental updates, removals,
//! skips with reasons, JSON Lines archives, locks and damaged indexes.

mod common;

use common::{seed_numbers, Workspace};

fn summary(run: &common::Run) -> serde_json::Value {
    run.json()
}

#[test]
fn incremental_indexing_counts_add_up() {
    let ws = Workspace::new();
    let seeds = ws.copy_seeds("archive");
    let arch = seeds.to_str().unwrap();

    let s = summary(&ws.run(&["index", "--json", arch]).expect(0));
    assert_eq!(
        (s["indexed"].as_u64(), s["unchanged"].as_u64()),
        (Some(5), Some(0))
    );

    // Unchanged files: reported unchanged, and the index is not touched.
    let meta = std::fs::read(ws.index().join("meta.json")).unwrap();
    let s = summary(&ws.run(&["index", "--json", arch]).expect(0));
    assert_eq!(
        (s["indexed"].as_u64(), s["unchanged"].as_u64()),
        (Some(0), Some(5))
    );
    assert_eq!(std::fs::read(ws.index().join("meta.json")).unwrap(), meta);

    // An edited file is re-indexed, and its new words are found.
    let edited = seeds.join("003_76b50f77c4356d27.txt");
    let text = std::fs::read_to_string(&edited)
        .unwrap()
        .replace("la zone montagneuse", "la zone montagneuse des zibelines");
    std::fs::write(&edited, text).unwrap();
    let s = summary(&ws.run(&["index", "--json", arch]).expect(0));
    assert_eq!(
        (s["indexed"].as_u64(), s["unchanged"].as_u64()),
        (Some(1), Some(4))
    );
    let v = ws.run(&["search", "--json", "zibelines"]).expect(0).json();
    assert_eq!(seed_numbers(&v), ["003"]);
    let v = ws.run(&["search", "--json", "*"]).expect(0).json();
    assert_eq!(v["total"], 5, "an edit replaces, never duplicates");

    // A deleted file disappears from the results.
    std::fs::remove_file(seeds.join("001_19cbf5513036d9dd.txt")).unwrap();
    let s = summary(&ws.run(&["index", "--json", arch]).expect(0));
    assert_eq!(
        (
            s["indexed"].as_u64(),
            s["unchanged"].as_u64(),
            s["removed"].as_u64()
        ),
        (Some(0), Some(4), Some(1))
    );
    let v = ws
        .run(&["search", "--json", "Qaryatayn chrétiens"])
        .expect(0)
        .json();
    assert_eq!(seed_numbers(&v), ["002", "004"]);
}

#[test]
fn rebuild_starts_from_scratch() {
    let ws = Workspace::new();
    let seeds = ws.copy_seeds("archive");
    let arch = seeds.to_str().unwrap();
    ws.run(&["index", arch]).expect(0);
    let s = summary(&ws.run(&["index", "--json", "--rebuild", arch]).expect(0));
    assert_eq!(
        (s["indexed"].as_u64(), s["unchanged"].as_u64()),
        (Some(5), Some(0))
    );
    let v = ws.run(&["search", "--json", "*"]).expect(0).json();
    assert_eq!(v["total"], 5);
}

#[test]
fn text_summary_names_each_skip_and_its_reason() {
    let ws = Workspace::new();
    ws.write(
        "a/bon.txt",
        "Un titre\n\nUn article sur Palmyre et la Syrie.",
    );
    ws.write("a/vide.txt", "");
    ws.write("a/blanc.txt", "   \n\n  ");
    ws.write("a/image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let run = ws
        .run(&["index", ws.path().join("a").to_str().unwrap()])
        .expect(0);
    let out = run.stdout();
    assert!(out.contains("skipped vide.txt: empty file"), "{out}");
    assert!(out.contains("skipped blanc.txt: no text"), "{out}");
    assert!(
        out.contains("skipped image.png: binary file (PNG image)"),
        "{out}"
    );
    assert!(
        out.contains("indexed 1, unchanged 0, removed 0, skipped 3"),
        "{out}"
    );
    let run = ws
        .run(&["index", "--strict", ws.path().join("a").to_str().unwrap()])
        .expect(2);
    assert!(run.stderr().contains("--strict"), "{}", run.stderr());
}

#[test]
fn json_lines_archive_reports_broken_lines_by_number() {
    let ws = Workspace::new();
    let file = ws.write(
        "recs.jsonl",
        concat!(
            r#"{"id":"a1","title":"Palmyre reprise","text":"L'armée syrienne a repris Palmyre.","source":"AFP","published":"2016-03-27"}"#,
            "\n{broken\n",
            r#"{"text":"Un second article, sans identifiant, sur Homs."}"#,
            "\n"
        ),
    );
    let run = ws
        .run(&["index", "--json", file.to_str().unwrap()])
        .expect(0);
    let s = summary(&run);
    assert_eq!(s["indexed"], 2);
    assert_eq!(s["skipped"][0]["path"], "recs.jsonl#2");
    assert!(s["skipped"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("line 2"));
    let v = ws.run(&["search", "--json", "Homs"]).expect(0).json();
    assert_eq!(v["hits"][0]["path"], "recs.jsonl#3");
    assert_eq!(v["hits"][0]["id"], "recs.jsonl#3");
    let v = ws.run(&["show", "--json", "a1"]).expect(0).json();
    assert_eq!(v["title"], "Palmyre reprise");
    assert_eq!(v["published"], "2016-03-27");
    // The index keeps which signal gave the date.
    assert_eq!(v["published_from"], "sidecar");
    let v = ws.run(&["search", "--json", "Palmyre"]).expect(0).json();
    assert_eq!(v["hits"][0]["published_from"], "sidecar");
}

#[test]
fn old_or_damaged_index_says_how_to_rebuild() {
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.index()).unwrap();
    std::fs::write(ws.index().join("meta.json"), "{ not an index").unwrap();
    let run = ws.run(&["search", "armée"]).expect(2);
    assert!(run.stderr().contains("--rebuild"), "{}", run.stderr());
    let seeds = ws.copy_seeds("archive");
    ws.run(&["index", "--rebuild", seeds.to_str().unwrap()])
        .expect(0);
    ws.run(&["search", "armée"]).expect(0);
}

#[test]
fn missing_archive_is_an_error() {
    let ws = Workspace::new();
    let run = ws.run(&["index", "nulle-part"]).expect(2);
    assert!(run.stderr().contains("nulle-part"), "{}", run.stderr());
}
