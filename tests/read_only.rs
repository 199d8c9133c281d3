//! An index the user cannot write (a read-only mount, a folder of someone
//! else's) answers every reading command; only `index` needs write access,
//! and says so.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::Stdio;

use common::{make_read_only, read_only_command, snapshot, ReadOnly, Run, Workspace};

fn fouille() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_fouille"))
}

/// Runs fouille on the read-only index, with `input` on stdin.
fn run(ws: &Workspace, how: ReadOnly, args: &[&str], input: &str) -> Run {
    let index = ws.index();
    let mut all = vec!["--index", index.to_str().unwrap()];
    all.extend_from_slice(args);
    let mut child = read_only_command(how, &index, fouille(), &all)
        .current_dir(ws.path())
        .env_remove("FOUILLE_INDEX")
        .env("FOUILLE_HISTORY", ws.path().join("history"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run fouille");
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    Run(child.wait_with_output().unwrap())
}

#[test]
fn a_read_only_index_answers_and_only_indexing_asks_for_write_access() {
    let ws = Workspace::new();
    let seeds = ws.copy_seeds("seeds");
    ws.run(&["index", seeds.to_str().unwrap()]).expect(0);
    let how = match make_read_only(&ws.index()) {
        Ok(how) => how,
        Err(why) => {
            eprintln!("{why}");
            return;
        }
    };
    let before = snapshot(&ws.index());

    let v = run(&ws, how, &["search", "--json", "Qalamoun"], "")
        .expect(0)
        .json();
    let id = v["hits"][0]["id"].as_str().unwrap().to_string();
    let shown = run(&ws, how, &["show", &id], "").expect(0).stdout();
    assert!(shown.contains("Qalamoun"), "{shown}");
    let facets = run(&ws, how, &["facets", "--field", "source"], "")
        .expect(0)
        .stdout();
    assert!(facets.contains("source:"), "{facets}");
    run(&ws, how, &["timeline", "--yearly"], "").expect(0);
    let repl = run(&ws, how, &["repl", "--json"], "Qalamoun\n:facets source\n").expect(0);
    assert!(repl.stderr().is_empty(), "{}", repl.stderr());
    assert_eq!(repl.stdout().lines().count(), 2, "{}", repl.stdout());

    // Indexing needs write access, and the message names the folder.
    let refused = run(
        &ws,
        how,
        &["index", "--rebuild", seeds.to_str().unwrap()],
        "",
    )
    .expect(2);
    let err = refused.stderr();
    assert!(err.contains("needs write access"), "{err}");
    assert!(err.contains(ws.index().to_str().unwrap()), "{err}");
    assert!(!err.contains("damaged"), "{err}");

    assert_eq!(
        snapshot(&ws.index()),
        before,
        "nothing written in the index"
    );
    if how == ReadOnly::Permissions {
        let _ = std::process::Command::new("chmod")
            .args(["-R", "u+w"])
            .arg(ws.index())
            .status();
    }
}

#[test]
fn searching_a_writable_index_writes_nothing_in_it() {
    // Even where the folder could be written, reading does not lock or
    // create anything: the read-only path is the only one searches take.
    let ws = Workspace::new();
    let seeds = ws.copy_seeds("seeds");
    ws.run(&["index", seeds.to_str().unwrap()]).expect(0);
    // A fresh index folder without tantivy's lock files, as copied onto a DVD.
    for lock in [".tantivy-meta.lock", ".tantivy-writer.lock"] {
        let _ = std::fs::remove_file(ws.index().join(lock));
    }
    let before = snapshot(&ws.index());
    ws.run(&["search", "Qalamoun"]).expect(0);
    ws.run(&["facets"]).expect(0);
    assert_eq!(snapshot(&ws.index()), before);
}
