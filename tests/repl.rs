//! End-to-end tests of `fouille repl`: driven by a script on stdin, and by a
//! person at a pseudo-terminal.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{Run, Workspace};

/// A workspace whose index holds the seeds.
fn seeded() -> Workspace {
    let ws = Workspace::new();
    let seeds = ws.copy_seeds("seeds");
    ws.run(&["index", seeds.to_str().unwrap()]).expect(0);
    ws
}

/// The `fouille repl` command on the workspace's index, history kept in the
/// workspace (never in the real home).
fn repl_command(ws: &Workspace, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fouille"));
    cmd.current_dir(ws.path())
        .arg("--index")
        .arg(ws.index())
        .arg("repl")
        .args(args)
        .env("FOUILLE_HISTORY", ws.path().join("history"))
        .env_remove("FOUILLE_INDEX");
    cmd
}

/// Runs `fouille repl` with `script` piped on stdin.
fn pipe(ws: &Workspace, args: &[&str], script: &str) -> Run {
    let mut child = repl_command(ws, args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run fouille repl");
    // A REPL that stops at once (no index) may close its input before the
    // script is written: a broken pipe then is not the test's failure.
    let written = child.stdin.take().unwrap().write_all(script.as_bytes());
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    Run(child.wait_with_output().unwrap())
}

/// The JSON answers, one per line of stdout.
fn json_lines(run: &Run) -> Vec<serde_json::Value> {
    run.stdout()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// The seed numbers of the hits of one JSON answer, sorted.
fn seeds_of(v: &serde_json::Value) -> Vec<String> {
    common::seed_numbers(v)
}

#[test]
fn piped_queries_print_numbered_hits_without_prompt_or_colour() {
    let ws = seeded();
    let run = pipe(&ws, &[], "Qaryatayn chrétiens\n").expect(0);
    let out = run.stdout();
    assert!(out.contains(" 1. "), "{out}");
    assert!(out.contains(" 3. "), "{out}");
    assert!(out.contains("3 articles, 1–3 shown"), "{out}");
    assert!(
        out.contains("[chrétiens]") || out.contains("[Qaryatayn]"),
        "{out}"
    );
    assert!(!out.contains('\x1b'), "{out}");
    assert!(!out.contains('›'), "{out}");
}

#[test]
fn json_answers_have_the_shape_of_search_json() {
    let ws = seeded();
    let run = pipe(&ws, &[], ":json on\nQaryatayn chrétiens\n").expect(0);
    let answers = json_lines(&run);
    assert_eq!(answers.len(), 1, "{}", run.stdout());
    // The session lists every copy (its pages count articles).
    let expected = ws
        .run(&["search", "--json", "--all-copies", "Qaryatayn chrétiens"])
        .expect(0)
        .json();
    assert_eq!(answers[0], expected);
}

#[test]
fn filters_stay_in_place_until_cleared() {
    let ws = seeded();
    let script = "\
:json on
:source L'Orient-Le Jour
Qaryatayn
:filters
:source
:from 2017
Qaryatayn
:to 2017-08
Qaryatayn
:clear
Qaryatayn
";
    let run = pipe(&ws, &[], script).expect(0);
    let a = json_lines(&run);
    assert_eq!(a.len(), 5, "{}", run.stdout());
    assert_eq!(seeds_of(&a[0]), ["001"]);
    assert_eq!(a[1]["source"], serde_json::json!(["L'Orient-Le Jour"]));
    assert_eq!(a[1]["from"], serde_json::Value::Null);
    // Qaryatayn is in 000 and 002 (2016), 001 and 004 (October 2017).
    assert_eq!(seeds_of(&a[2]), ["001", "004"]);
    assert_eq!(a[3]["total"], 0, "to the end of August 2017: {}", a[3]);
    assert_eq!(seeds_of(&a[4]), ["000", "001", "002", "004"]);
}

#[test]
fn pages_continue_the_numbering_and_show_prints_the_article() {
    let ws = seeded();
    let script = "Qaryatayn chrétiens\n:more\n:more\n:show 3\n:open 1\n";
    let run = pipe(&ws, &["--limit", "2"], script).expect(0);
    let out = run.stdout();
    assert!(out.contains("3 articles, 1–2 shown — :more"), "{out}");
    assert!(out.contains(" 3. "), "{out}");
    assert!(out.contains("3 articles, 3–3 shown"), "{out}");
    assert!(
        run.stderr().contains("line 3: no more hits"),
        "{}",
        run.stderr()
    );
    // :show 3 prints the whole article (its metadata line and body), :open 1 its address.
    assert!(out.contains(".txt\n"), "{out}");
    assert!(out.lines().any(|l| l.starts_with("https://")), "{out}");
}

#[test]
fn show_and_open_answer_in_json() {
    let ws = seeded();
    let run = pipe(&ws, &[], ":json on\nQalamoun\n:show 1\n:open 1\n").expect(0);
    let a = json_lines(&run);
    assert_eq!(a.len(), 3, "{}", run.stdout());
    assert_eq!(a[1]["path"], "003_76b50f77c4356d27.txt");
    assert!(a[1]["body"].as_str().unwrap().contains("Qalamoun"));
    assert_eq!(a[2]["n"], 1);
    assert!(a[2]["url"].as_str().unwrap().starts_with("https://"));
}

#[test]
fn facets_timeline_and_sort() {
    let ws = seeded();
    let script = ":json on\nQaryatayn\n:facets source\n:timeline\n:sort date\nQaryatayn\n";
    let run = pipe(&ws, &[], script).expect(0);
    let a = json_lines(&run);
    assert_eq!(a.len(), 4, "{}", run.stdout());
    let facets = a[1]["facets"].as_object().unwrap();
    assert_eq!(facets.keys().collect::<Vec<_>>(), ["source"]);
    assert_eq!(a[1]["total"], a[0]["total"]);
    assert_eq!(a[2]["by"], "month");
    let counted: u64 = a[2]["counts"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert!(counted > 0);
    let dates: Vec<&str> = a[3]["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["published"].as_str())
        .collect();
    let mut newest_first = dates.clone();
    newest_first.sort_by(|x, y| y.cmp(x));
    assert_eq!(dates, newest_first);
}

/// `:facets stories` counts copies of one story once, as `fouille facets
/// --stories` does: 001 and 004 (one AFP story, two outlets) share their
/// places.
#[test]
fn facets_count_stories_when_asked() {
    let ws = seeded();
    let script = ":json on\n*\n:facets place\n:facets place stories\n:facets stories\n";
    let run = pipe(&ws, &[], script).expect(0);
    let a = json_lines(&run);
    assert_eq!(a.len(), 4, "{}", run.stdout());
    let syria = |v: &serde_json::Value| {
        v["facets"]["place"]
            .as_object()
            .unwrap()
            .iter()
            .find(|(k, _)| k.starts_with("Syri"))
            .map(|(_, n)| n.as_u64().unwrap())
    };
    assert_eq!(syria(&a[1]), Some(5), "{}", a[1]);
    assert_eq!(syria(&a[2]), Some(4), "{}", a[2]);
    assert_eq!(
        (&a[1]["counted"], &a[2]["counted"]),
        (&"articles".into(), &"stories".into())
    );
    assert_eq!(a[2]["facets"].as_object().unwrap().len(), 1);
    // Every field when none is named; each outlet still once.
    let sources = a[3]["facets"]["source"].as_object().unwrap();
    assert_eq!(sources.len(), 5, "{sources:?}");
    assert!(sources.values().all(|n| n == 1), "{sources:?}");
    assert_eq!(syria(&a[3]), Some(4));
    // In text, the same counts.
    let run = pipe(&ws, &[], "*\n:facets place stories\n").expect(0);
    assert!(run.stdout().contains("Syri"), "{}", run.stdout());
}

#[test]
fn mistakes_are_reported_and_the_script_goes_on() {
    let ws = seeded();
    let script = ":frobnicate\n\"armée syrienne\n:from hier\n:show 9\nQalamoun\n:quit\nQaryatayn\n";
    let run = pipe(&ws, &[], script).expect(0);
    let err = run.stderr();
    assert!(err.contains("line 1: unknown command :frobnicate"), "{err}");
    assert!(
        err.contains("line 2: invalid query: unbalanced quote"),
        "{err}"
    );
    assert!(err.contains("line 3: invalid date"), "{err}");
    assert!(err.contains("line 4: no hits to show"), "{err}");
    let out = run.stdout();
    assert!(out.contains("1 article, 1–1 shown"), "{out}");
    // :quit stops before the last line.
    assert_eq!(out.matches("shown").count(), 1, "{out}");
}

#[test]
fn a_missing_index_is_exit_2() {
    let ws = Workspace::new();
    let run = pipe(&ws, &[], "Qalamoun\n").expect(2);
    assert!(run.stderr().contains("no index"), "{}", run.stderr());
}

#[test]
fn time_is_reported_on_request() {
    let ws = seeded();
    let run = pipe(&ws, &[], ":time on\nQalamoun\n:json on\nQalamoun\n").expect(0);
    assert!(run.stdout().contains(" ms)"), "{}", run.stdout());
    assert!(run.stderr().contains("time: "), "{}", run.stderr());
}

/// `s` as rexpect reads it: one char per byte.
fn raw(s: &str) -> String {
    s.bytes().map(char::from).collect()
}

/// A person at a terminal: type a query, set a filter and see the prompt
/// change, read an article, leave with Ctrl-D; the history is kept.
#[test]
fn a_terminal_session() {
    use rexpect::session::spawn_command;

    let ws = seeded();
    let mut cmd = repl_command(&ws, &[]);
    cmd.env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("PAGER", "cat");
    let mut p = spawn_command(cmd, Some(20_000)).expect("spawn in a pty");
    p.exp_string(&raw("Ctrl-D leaves")).unwrap();
    // Each line is typed once the prompt is back, as a person would.
    let plain = raw("\u{1b}[K› ");
    let filtered = raw("[source=L'Orient-Le Jour] › ");
    p.exp_string(&plain).unwrap();
    p.send_line("Qaryatayn chrétiens").unwrap();
    p.exp_string(&raw("3 articles, 1–3 shown")).unwrap();
    p.exp_string(&plain).unwrap();
    // Tab completes the outlet from the index.
    p.send(":source l'or\t").unwrap();
    p.flush().unwrap();
    p.exp_string("Jour").unwrap();
    p.send_line("").unwrap();
    p.exp_string(&filtered).unwrap();
    p.send_line("Qaryatayn").unwrap();
    p.exp_string(&raw("1 article, 1–1 shown")).unwrap();
    p.exp_string(&filtered).unwrap();
    p.send_line(":show 1").unwrap();
    p.exp_string("lorientlejour.com").unwrap();
    p.exp_string(&filtered).unwrap();
    // Ctrl-C clears the line; the session goes on.
    p.send("half a line").unwrap();
    p.flush().unwrap();
    p.send_control('c').unwrap();
    p.exp_string(&filtered).unwrap();
    p.send_line(":from 2017").unwrap();
    p.exp_string(&raw("[source=L'Orient-Le Jour from=2017] › "))
        .unwrap();
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();
    let status = p.process_mut().wait().unwrap();
    assert!(
        matches!(status, rexpect::process::WaitStatus::Exited(_, 0)),
        "{status:?}"
    );
    let history = std::fs::read_to_string(ws.path().join("history")).expect("history saved");
    assert!(history.contains("Qaryatayn chrétiens"), "{history}");
    assert!(history.contains(":show 1"), "{history}");
    assert!(!history.contains("half a line"), "{history}");
}

#[test]
fn similar_lists_the_articles_most_like_a_hit() {
    let ws = seeded();
    let run = pipe(&ws, &[], ":json on\nQaryatayn chrétiens\n:similar 1\n").expect(0);
    let answers = json_lines(&run);
    assert_eq!(answers.len(), 2, "{}", run.stdout());
    let first = answers[0]["hits"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(answers[1]["similar_to"], first.as_str());
    let similar = seeds_of(&answers[1]);
    assert!(!similar.is_empty());
    assert!(!similar.contains(&first[..3].to_string()), "{similar:?}");
}
