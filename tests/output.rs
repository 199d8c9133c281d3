//! End-to-end tests of what `fouille search` says and writes: the
//! sentences of a search that finds nothing, the concordance (`--kwic`),
//! CSV, paging, counting, and the labels `show` takes back.

mod common;

use common::Workspace;

/// A workspace whose index holds the seeds.
fn seeded() -> Workspace {
    let ws = Workspace::new();
    let seeds = ws.copy_seeds("seeds");
    ws.run(&["index", seeds.to_str().unwrap()]).expect(0);
    ws
}

/// The number of articles a query finds (`--count`).
fn count(ws: &Workspace, query: &str) -> usize {
    let run = ws.run(&["search", "--count", query]);
    run.stdout().trim().parse().expect("a number")
}

/// The `did you mean` sentence of a run's stderr.
fn did_you_mean(stderr: &str) -> &str {
    stderr
        .lines()
        .find(|l| l.contains("did you mean"))
        .unwrap_or_else(|| panic!("no suggestion in:\n{stderr}"))
}

#[test]
fn a_misspelled_word_is_said_with_the_closest_word_and_its_count() {
    let ws = seeded();
    let n = count(&ws, "Qaryatayn");
    assert!(n > 0);
    // One letter swapped, in any case: the same suggestion.
    for typed in ["Qaryatyan", "QARYATYAN", "qaryatyan"] {
        let run = ws.run(&["search", typed]).expect(1);
        assert!(run.stdout().is_empty(), "{}", run.stdout());
        let err = run.stderr();
        assert!(
            err.contains(&format!("no article matches {typed}")),
            "{err}"
        );
        assert!(
            did_you_mean(&err).contains(&format!("Qaryatayn ({n} articles)")),
            "{err}"
        );
    }
}

#[test]
fn a_suggestion_is_written_as_articles_write_it_not_as_indexed() {
    let ws = seeded();
    // Indexed folded and stemmed (`chretien`); articles write `chrétiens`.
    let run = ws.run(&["search", "chretins"]).expect(1);
    let line = did_you_mean(&run.stderr()).to_string();
    assert!(line.contains("chrétiens ("), "{line}");
    assert!(!line.contains("chretien"), "{line}");
}

#[test]
fn several_misspelled_words_are_corrected_together_and_the_count_holds() {
    let ws = seeded();
    let run = ws.run(&["search", "Qaryatyan chretins"]).expect(1);
    let err = run.stderr();
    assert!(err.contains("\"Qaryatyan\", \"chretins\""), "{err}");
    let line = did_you_mean(&err);
    let n = count(&ws, "Qaryatayn chrétiens");
    assert!(
        line.contains(&format!("\"Qaryatayn chrétiens\" ({n} articles)")),
        "{line}"
    );
}

#[test]
fn a_compound_is_said_by_its_part_no_article_has() {
    let ws = seeded();
    let run = ws.run(&["search", "al-Qaryatyan"]).expect(1);
    let err = run.stderr();
    // Not the compound's whole as indexed (`alqaryatyan`).
    assert!(
        err.contains("no article has the word \"Qaryatyan\"\n"),
        "{err}"
    );
    assert!(did_you_mean(&err).contains("al-Qaryatayn ("), "{err}");
}

#[test]
fn an_entity_name_is_suggested_whole() {
    let ws = seeded();
    let run = ws.run(&["search", "Deir Ezor"]).expect(1);
    let line = did_you_mean(&run.stderr()).to_string();
    // Either spelling of the place the articles use.
    assert!(
        line.contains("\"Deir Ezzor\"") || line.contains("\"Deir ez-Zor\""),
        "{line}"
    );
    // Every count said is what the suggestion finds.
    let first = line.split('"').nth(1).unwrap();
    let n = count(&ws, first);
    assert!(
        line.contains(&format!("\"{first}\" ({n} article")),
        "{line}"
    );
}

#[test]
fn json_says_why_nothing_too() {
    let ws = seeded();
    let run = ws.run(&["search", "--json", "Qaryatyan"]).expect(1);
    let v = run.json();
    assert_eq!(v["total"], 0);
    let why = &v["why_nothing"];
    assert_eq!(why["missing"][0], "Qaryatyan");
    assert_eq!(why["suggestions"][0]["query"], "Qaryatayn");
    assert_eq!(
        why["suggestions"][0]["articles"].as_u64().unwrap() as usize,
        count(&ws, "Qaryatayn")
    );
    assert!(run.stderr().contains("did you mean"), "{}", run.stderr());
}

#[test]
fn nothing_close_is_said_too() {
    let ws = seeded();
    let run = ws.run(&["search", "xyzzyq"]).expect(1);
    assert!(
        run.stderr().contains("nor a word or name close to it"),
        "{}",
        run.stderr()
    );
    assert!(!run.stderr().contains("did you mean"));
}

#[test]
fn words_that_exist_apart_are_counted_each() {
    let ws = seeded();
    let run = ws.run(&["search", "Qalamoun coexistence"]).expect(1);
    let err = run.stderr();
    let (a, b) = (count(&ws, "Qalamoun"), count(&ws, "coexistence"));
    assert!(err.contains("each word is in some article"), "{err}");
    assert!(
        err.contains(&format!("Qalamoun ({a} article"))
            && err.contains(&format!("coexistence ({b} article")),
        "{err}"
    );
}

#[test]
fn what_the_filters_kept_out_is_said() {
    let ws = seeded();
    let run = ws
        .run(&["search", "--source", "Al-Manar", "Qalamoun"])
        .expect(1);
    let err = run.stderr();
    assert!(err.contains("with these filters"), "{err}");
    assert!(
        err.contains("1 article matches without the filters"),
        "{err}"
    );
}

#[test]
fn the_repl_says_the_same() {
    let ws = seeded();
    let cli = ws.run(&["search", "Qaryatyan"]).expect(1).stderr();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_fouille"));
    let out = cmd
        .arg("--index")
        .arg(ws.index())
        .arg("repl")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(b"Qaryatyan\n")?;
            child.wait_with_output()
        })
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    for line in cli.lines() {
        let sentence = line.trim_start_matches("fouille: ");
        assert!(stdout.contains(sentence), "{sentence:?} not in\n{stdout}");
    }
}

#[test]
fn kwic_prints_every_occurrence_aligned_with_outlet_date_and_id() {
    let ws = seeded();
    let body = ws
        .run(&["show", "--json", "003_76b50f77c4356d27"])
        .expect(0)
        .json()["body"]
        .as_str()
        .unwrap()
        .to_lowercase();
    let occurrences = body.matches("qalamoun").count();
    assert!(occurrences > 1);
    let out = ws.run(&["search", "--kwic", "Qalamoun"]).expect(0).stdout();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), occurrences, "{out}");
    // The match starts in one column on every line.
    let columns: Vec<usize> = lines
        .iter()
        .map(|l| l[..l.find("[Qalamoun]").expect("marked")].chars().count())
        .collect();
    assert!(columns.windows(2).all(|w| w[0] == w[1]), "{out}");
    for l in &lines {
        assert!(
            l.ends_with("Algérie Patriotique · 2017-08-27 · 003_76b50f77c4356d27"),
            "{l}"
        );
    }
    // N words each side: at most N words before the match (and what is
    // glued to it).
    let out = ws
        .run(&["search", "--kwic", "--context", "2", "Qalamoun"])
        .expect(0)
        .stdout();
    for l in out.lines() {
        let left = &l[..l.find("[Qalamoun]").unwrap()];
        assert!(left.split_whitespace().count() <= 2, "{l}");
    }
    // Articles but no word to show: said, not a silent nothing.
    let run = ws
        .run(&["search", "--kwic", "--source", "Al-Manar"])
        .expect(0);
    assert!(run.stdout().is_empty());
    assert!(
        run.stderr().contains("1 article matches, but no word"),
        "{}",
        run.stderr()
    );
    // Colour on demand, for a terminal.
    let out = ws
        .run(&["--color", "always", "search", "--kwic", "Qalamoun"])
        .expect(0)
        .stdout();
    assert!(out.contains("\x1b[1;31mQalamoun\x1b[0m"), "{out}");
}

#[test]
fn kwic_in_json_and_csv_carries_the_same_lines() {
    let ws = seeded();
    let v = ws
        .run(&["search", "--kwic", "--json", "Qalamoun"])
        .expect(0)
        .json();
    let lines = v["lines"].as_array().unwrap();
    assert!(lines.len() > 1);
    for l in lines {
        assert_eq!(l["match"], "Qalamoun");
        assert_eq!(l["id"], "003_76b50f77c4356d27");
        assert_eq!(l["path"], "003_76b50f77c4356d27.txt");
    }
    let csv = ws
        .run(&["search", "--kwic", "--format", "csv", "Qalamoun"])
        .expect(0)
        .stdout();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec![
            "id",
            "published",
            "source",
            "left",
            "match",
            "right",
            "path"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), lines.len());
    assert_eq!(&rows[0][3], lines[0]["left"].as_str().unwrap());
}

/// An archive of articles whose titles and metadata need CSV quoting.
fn records() -> Workspace {
    let ws = Workspace::new();
    let lines = [
        r#"{"id":"os-1","title":"Palmyre, \"la perle\" du désert","text":"L'armée syrienne a repris Palmyre dimanche.\nLe régime de Damas s'en félicite.","source":"AFP","published":"2016-03-27","url":"https://example.org/a?x=1,2"}"#,
        r#"{"id":"os-2","title":"Homs","text":"À Homs, l'armée syrienne avance.","source":"Le Monde","published":"2016-04-02"}"#,
        r#"{"text":"Un article sans identifiant, sur l'armée syrienne à Homs."}"#,
    ];
    ws.write("a/recs.jsonl", lines.join("\n") + "\n");
    ws.run(&["index", ws.path().join("a").to_str().unwrap()])
        .expect(0);
    ws
}

#[test]
fn csv_is_rfc_4180_with_the_hit_fields() {
    let ws = records();
    let run = ws
        .run(&["search", "--format", "csv", "--sort", "date", "armée"])
        .expect(0);
    let raw = run.stdout();
    assert!(raw.ends_with("\r\n"), "records end with CRLF: {raw:?}");
    assert_eq!(raw.matches("\r\n").count(), 4, "a header and three hits");
    let mut reader = csv::Reader::from_reader(raw.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec![
            "id",
            "published",
            "source",
            "title",
            "url",
            "score",
            "places",
            "organisations",
            "people",
            "path"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let first = rows.iter().find(|r| &r[0] == "os-1").expect("os-1");
    // Commas and quotes survive the round trip.
    assert_eq!(&first[3], "Palmyre, \"la perle\" du désert");
    assert_eq!(&first[4], "https://example.org/a?x=1,2");
    assert_eq!(&first[1], "2016-03-27");
    assert_eq!(&first[2], "AFP");
    // Names of one kind in one field, as --json lists them.
    let v = ws.run(&["search", "--json", "Palmyre"]).expect(0).json();
    let places: Vec<&str> = v["hits"][0]["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(!places.is_empty());
    assert_eq!(&first[6], places.join("; "));
    assert_eq!(&first[9], "recs.jsonl#1");
    // Newest first, as asked.
    assert_eq!(&rows[0][0], "os-2");
    // --json carries the same fields.
    let v = ws.run(&["search", "--json", "Palmyre"]).expect(0).json();
    let hit = &v["hits"][0];
    assert_eq!(hit["id"], "os-1");
    assert_eq!(hit["path"], "recs.jsonl#1");
    assert_eq!(hit["url"], "https://example.org/a?x=1,2");
}

#[test]
fn offset_pages_through_the_hits() {
    let ws = seeded();
    let all = ws
        .run(&["search", "--json", "--all-copies", "-n", "5", "armée"])
        .expect(0)
        .json();
    let ids: Vec<&str> = all["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert!(ids.len() >= 3, "{ids:?}");
    for (offset, id) in ids.iter().enumerate() {
        let page = ws
            .run(&[
                "search",
                "--json",
                "--all-copies",
                "-n",
                "1",
                "--offset",
                &offset.to_string(),
                "armée",
            ])
            .expect(0)
            .json();
        assert_eq!(page["hits"][0]["id"], *id, "offset {offset}");
        assert_eq!(page["total"], all["total"]);
    }
    // The text numbers the hits from the offset.
    let out = ws
        .run(&[
            "search",
            "--all-copies",
            "-n",
            "1",
            "--offset",
            "1",
            "armée",
        ])
        .expect(0)
        .stdout();
    assert!(out.starts_with(" 2. "), "{out}");
    assert!(out.contains("(showing 2)"), "{out}");
    // Past the end: the total, and no hit.
    let v = ws
        .run(&["search", "--json", "--offset", "1000", "armée"])
        .expect(0)
        .json();
    assert!(v["hits"].as_array().unwrap().is_empty());
}

#[test]
fn count_prints_only_the_number_of_articles() {
    let ws = seeded();
    let run = ws
        .run(&["search", "--count", "Qaryatayn chrétiens"])
        .expect(0);
    let total = ws
        .run(&["search", "--json", "Qaryatayn chrétiens"])
        .expect(0)
        .json()["total"]
        .clone();
    assert_eq!(run.stdout(), format!("{total}\n"));
    let run = ws.run(&["search", "--count", "Qaryatyan"]).expect(1);
    assert_eq!(run.stdout(), "0\n");
    assert!(run.stderr().contains("did you mean"), "{}", run.stderr());
}

#[test]
fn a_hit_shows_the_id_show_takes_and_show_takes_the_path_too() {
    let ws = records();
    let out = ws.run(&["search", "Palmyre"]).expect(0).stdout();
    assert!(out.contains("· os-1 (recs.jsonl#1)"), "{out}");
    for label in ["os-1", "recs.jsonl#1"] {
        let v = ws.run(&["show", "--json", label]).expect(0).json();
        assert_eq!(v["id"], "os-1", "{label}");
    }
    // A record without an id is named by its path.
    let v = ws.run(&["show", "--json", "recs.jsonl#3"]).expect(0).json();
    assert!(v["body"].as_str().unwrap().contains("sans identifiant"));
    // `similar` takes either as well (three articles may have nothing
    // alike: exit 1, but no "no article has the id", exit 2).
    assert_ne!(ws.run(&["similar", "recs.jsonl#1"]).code(), 2);
    ws.run(&["similar", "recs.jsonl#9"]).expect(2);
    let run = ws.run(&["show", "recs.jsonl#9"]).expect(2);
    assert!(run.stderr().contains("no article"), "{}", run.stderr());

    // Files in folders: the id is the path without its extension; either works.
    let ws = Workspace::new();
    ws.write(
        "b/Le Monde/une.txt",
        "Palmyre reprise\n\nL'armée syrienne a repris la ville de Palmyre ce dimanche matin, après trois semaines de combats dans le désert.\n",
    );
    ws.run(&["index", ws.path().join("b").to_str().unwrap()])
        .expect(0);
    let out = ws.run(&["search", "Palmyre"]).expect(0).stdout();
    // (No outlet or date known: the id alone.)
    assert!(out.contains("    Le Monde/une\n"), "{out}");
    for label in ["Le Monde/une", "Le Monde/une.txt"] {
        let v = ws.run(&["show", "--json", label]).expect(0).json();
        assert_eq!(v["path"], "Le Monde/une.txt", "{label}");
    }
}
