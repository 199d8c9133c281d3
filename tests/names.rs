//! Outlet, place, organisation and person names as people type them:
//! one match is taken (and said on stderr), several are listed (exit 2),
//! in the command line and the REPL alike.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{Run, Workspace};

fn seeded() -> Workspace {
    let ws = Workspace::new();
    let seeds = ws.copy_seeds("seeds");
    ws.run(&["index", seeds.to_str().unwrap()]).expect(0);
    ws
}

#[test]
fn an_outlet_typed_loosely_is_taken_and_said() {
    let ws = seeded();
    for typed in [
        "orient le jour",
        "Orient",
        "L’ORIENT-LE-JOUR",
        "orient jour",
    ] {
        let run = ws
            .run(&["search", "--json", "--source", typed, "*"])
            .expect(0);
        assert_eq!(run.json()["total"], 1, "{typed}");
        assert_eq!(
            run.json()["hits"][0]["source"],
            "L'Orient-Le Jour",
            "{typed}"
        );
        let err = run.stderr();
        if typed != "L’ORIENT-LE-JOUR" || !err.is_empty() {
            assert!(err.contains("\"L'Orient-Le Jour\""), "{typed}: {err}");
        }
    }
    // The exact name says nothing.
    let run = ws
        .run(&["search", "--json", "--source", "L'Orient-Le Jour", "*"])
        .expect(0);
    assert!(run.stderr().is_empty(), "{}", run.stderr());
    // facets and timeline resolve the same way.
    ws.run(&["facets", "--source", "expression"]).expect(0);
    ws.run(&["timeline", "--source", "expression"]).expect(0);
}

#[test]
fn several_matches_are_listed_and_refused() {
    let ws = seeded();
    // "Ba" starts Bachar and Baghdadi.
    let err = ws
        .run(&["search", "--person", "ba", "*"])
        .expect(2)
        .stderr();
    assert!(
        err.contains("Bachar al-Assad") && err.contains("Abou Bakr al-Baghdadi"),
        "{err}"
    );
    let err = ws
        .run(&["search", "--source", "Figaro", "*"])
        .expect(2)
        .stderr();
    assert!(err.contains("no article has the outlet"), "{err}");
}

#[test]
fn people_and_places_resolve_too() {
    let ws = seeded();
    let run = ws
        .run(&["search", "--json", "--person", "souheil", "*"])
        .expect(0);
    assert!(
        run.stderr().contains("\"Souheil al-Hassan\""),
        "{}",
        run.stderr()
    );
    assert_eq!(run.json()["total"], 1);
    let run = ws
        .run(&["search", "--json", "--place", "qaryatayn", "*"])
        .expect(0);
    assert!(run.json()["total"].as_u64().unwrap() >= 1);
}

#[test]
fn the_repl_validates_like_the_command_line() {
    let ws = seeded();
    let mut child = Command::new(env!("CARGO_BIN_EXE_fouille"))
        .current_dir(ws.path())
        .arg("--index")
        .arg(ws.index())
        .args(["repl", "--json"])
        .env("FOUILLE_HISTORY", ws.path().join("history"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b":source orient\n*\n:person ba\n:filters\n")
        .unwrap();
    let run = Run(child.wait_with_output().unwrap());
    let lines: Vec<serde_json::Value> = run
        .stdout()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["total"], 1, "{}", run.stdout());
    // The ambiguous value was refused and the chosen one kept.
    assert_eq!(lines[1]["source"][0], "L'Orient-Le Jour");
    assert_eq!(lines[1]["person"].as_array().unwrap().len(), 0);
    let err = run.stderr();
    assert!(err.contains("\"L'Orient-Le Jour\""), "{err}");
    assert!(
        err.contains("line 3") && err.contains("Bachar al-Assad"),
        "{err}"
    );
}
