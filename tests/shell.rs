//! The command line in the shell: completion scripts, the manual page,
//! progress while indexing, the note when the first search builds the
//! index, and snippets wrapped to the terminal.

mod common;

use std::process::Command;

use common::Workspace;

#[test]
fn completion_scripts_and_the_manual_page() {
    let ws = Workspace::new();
    for shell in ["bash", "zsh", "fish"] {
        let out = ws.run_bare(&["completions", shell]).expect(0).stdout();
        for word in ["fouille", "search", "source", "timeline", "completions"] {
            assert!(out.contains(word), "{shell} lacks {word}");
        }
    }
    // The bash script is valid bash.
    let script = ws.write(
        "fouille.bash",
        ws.run_bare(&["completions", "bash"]).stdout(),
    );
    if let Ok(status) = Command::new("bash").arg("-n").arg(&script).status() {
        assert!(status.success(), "bash -n refuses the script");
    }
    ws.run_bare(&["completions", "tcsh"]).expect(2);
    let man = ws.run_bare(&["man"]).expect(0).stdout();
    assert!(
        man.starts_with(".ie") || man.contains(".TH fouille"),
        "{man}"
    );
    assert!(man.contains(".TH fouille 1"), "{man}");
    assert!(man.contains("search"), "{man}");
}

#[test]
fn the_first_search_says_it_builds_the_index() {
    let ws = Workspace::new();
    ws.copy_seeds("seeds");
    let err = ws.run_bare(&["search", "Qalamoun"]).expect(0).stderr();
    assert!(err.contains("building it from ./seeds"), "{err}");
    // Only the first.
    let err = ws.run_bare(&["search", "Qalamoun"]).expect(0).stderr();
    assert!(err.is_empty(), "{err}");
}

/// Runs `fouille ARGS` in a pseudo-terminal `cols` wide; returns all it wrote.
fn in_terminal(ws: &Workspace, cols: usize, args: &str) -> String {
    let mut cmd = Command::new("sh");
    cmd.current_dir(ws.path())
        .arg("-c")
        .arg(format!(
            "stty cols {cols} rows 50; exec \"$0\" --index index {args}"
        ))
        .arg(env!("CARGO_BIN_EXE_fouille"))
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env_remove("FOUILLE_INDEX");
    let mut p = rexpect::session::spawn_command(cmd, Some(60_000)).expect("spawn in a pty");
    let out = p.exp_eof().expect("runs to its end");
    // rexpect gives each byte as a char.
    let bytes: Vec<u8> = out.chars().map(|c| c as u8).collect();
    String::from_utf8_lossy(&bytes).replace('\r', "")
}

#[test]
fn indexing_shows_a_bar_with_percent_and_a_whole_rate() {
    let ws = Workspace::new();
    let prose = "L'armée syrienne a repris la ville de Palmyre dimanche, selon \
                 l'Observatoire syrien des droits de l'homme, après trois semaines de combats.";
    for i in 0..3000 {
        ws.write(
            &format!("many/{i:04}.txt"),
            format!("Titre {i}\n\n{prose} {i}"),
        );
    }
    let out = in_terminal(&ws, 120, "index many");
    let bar = regex::Regex::new(r"\d+% [\d,]+/3,000 documents · [\d,]+ docs/s · \S+ left").unwrap();
    assert!(bar.is_match(&out), "{out}");
    assert!(
        !regex::Regex::new(r"\d\.\d+/s").unwrap().is_match(&out),
        "{out}"
    );
    assert!(out.contains("indexed 3000"), "{out}");
}

#[test]
fn snippets_wrap_to_the_terminal_under_their_hit() {
    let ws = Workspace::new();
    let seeds = ws.copy_seeds("seeds");
    ws.run(&["index", seeds.to_str().unwrap()]).expect(0);
    let out = in_terminal(&ws, 50, "search Qaryatayn");
    let lines: Vec<&str> = out.lines().collect();
    // The snippet of the first hit: its third line and the ones after it
    // that are indented.
    let snippet: Vec<&str> = lines[2..]
        .iter()
        .take_while(|l| l.starts_with("    "))
        .copied()
        .collect();
    assert!(snippet.len() >= 2, "not wrapped:\n{out}");
    for line in &snippet {
        assert!(line.chars().count() <= 50, "too wide: {line:?}\n{out}");
    }
    // Every word is whole: the snippet's words are the one-line snippet's.
    let plain = ws.run(&["search", "Qaryatayn"]).expect(0).stdout();
    let one_line = plain.lines().nth(2).unwrap();
    let wrapped: Vec<&str> = snippet.iter().flat_map(|l| l.split_whitespace()).collect();
    let expected: Vec<&str> = one_line.split_whitespace().collect();
    assert_eq!(wrapped, expected);
}
