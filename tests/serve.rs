//! `fouille serve` over HTTP: the API answers what the CLI prints with
//! --json, refuses what the CLI refuses with its message, serves nothing
//! but its page and API, stays read-only, and sees new commits.

mod common;

use std::time::{Duration, Instant};

use common::server::{enc, get, Server};
use common::{make_read_only, read_only_command, snapshot, Workspace};

/// A workspace whose index holds the seeds.
fn seeded() -> Workspace {
    let ws = Workspace::new();
    let seeds = ws.copy_seeds("seeds");
    ws.run(&["index", seeds.to_str().unwrap()]).expect(0);
    ws
}

#[test]
fn the_api_answers_what_the_cli_prints_as_json() {
    let ws = seeded();
    let srv = Server::start(ws.path(), &ws.index());
    let q = "Qaryatayn chrétiens";

    let cli = ws.run(&["search", "--json", q]).expect(0).json();
    let api = srv.get(&format!("/api/search?q={}", enc(q)));
    assert_eq!(api.status, 200, "{}", api.body);
    assert_eq!(api.header("content-type"), Some("application/json"));
    assert_eq!(api.json(), cli);
    assert!(cli["total"].as_u64().unwrap() > 0);

    // Filters and options as the flags, and a loosely typed name resolved
    // as the CLI resolves it (which says so on stderr; the API in notes).
    let run = ws.run(&[
        "search",
        "--json",
        "--source",
        "orient le jour",
        "--from",
        "2017",
        "-n",
        "3",
        "armée",
    ]);
    let mut api = srv
        .get("/api/search?q=arm%C3%A9e&source=orient+le+jour&from=2017&limit=3")
        .json();
    let notes = api.as_object_mut().unwrap().remove("notes").expect("notes");
    assert_eq!(api, run.json());
    assert!(run.stderr().contains(notes[0].as_str().unwrap()), "{notes}");

    let cli = ws
        .run(&["facets", "--json", "--field", "place", "Syrie"])
        .json();
    assert_eq!(srv.get("/api/facets?q=Syrie&field=place").json(), cli);
    let cli = ws.run(&["timeline", "--json", "Syrie"]).json();
    assert_eq!(srv.get("/api/timeline?q=Syrie").json(), cli);
    let cli = ws.run(&["timeline", "--json", "--yearly"]).json();
    assert_eq!(srv.get("/api/timeline?yearly=1").json(), cli);
    let cli = ws.run(&["timeline", "--json", "--stories"]).json();
    assert_eq!(srv.get("/api/timeline?stories=1").json(), cli);
    let cli = ws
        .run(&["facets", "--json", "--field", "place", "--stories"])
        .json();
    assert_eq!(srv.get("/api/facets?field=place&stories=1").json(), cli);

    let id = cli_first_id(&ws, q);
    let cli = ws.run(&["show", "--json", &id]).expect(0).json();
    assert_eq!(srv.get(&format!("/api/article/{id}")).json(), cli);
    // `similar` picks its terms in a fixed order (src/like.rs), so the
    // API and the CLI, two processes, list the same articles and scores.
    let cli = ws.run(&["similar", "--json", "-n", "2", &id]).json();
    let api = srv.get(&format!("/api/similar/{id}?limit=2")).json();
    assert_eq!(api, cli);

    // facets=N keeps the N most frequent names of each kind.
    let trimmed = srv
        .get(&format!("/api/search?q={}&facets=1", enc(q)))
        .json();
    assert_eq!(trimmed["facets"]["place"].as_object().unwrap().len(), 1);
}

fn cli_first_id(ws: &Workspace, q: &str) -> String {
    let v = ws.run(&["search", "--json", q]).expect(0).json();
    v["hits"][0]["id"].as_str().unwrap().to_string()
}

#[test]
fn refusals_are_the_cli_messages_with_400_and_404() {
    let ws = seeded();
    let srv = Server::start(ws.path(), &ws.index());
    // (query string, the same request as CLI arguments)
    let cases: &[(&str, &[&str])] = &[
        ("q=%22arm%C3%A9e", &["search", "\"armée"]),
        ("place=Qaryatyn", &["search", "--place", "Qaryatyn"]),
        ("person=ba", &["search", "--person", "ba"]),
    ];
    for (qs, args) in cases {
        let api = srv.get(&format!("/api/search?{qs}"));
        assert_eq!(api.status, 400, "{qs}: {}", api.body);
        let run = ws.run(args).expect(2);
        let msg = api.json()["error"].as_str().unwrap().to_string();
        assert_eq!(run.stderr().trim(), format!("fouille: {msg}"), "{qs}");
    }
    for qs in [
        "limit=101",
        "offset=99999",
        "limit=x",
        "from=2017-13",
        "sort=best",
        "q=a&q=b",
    ] {
        let api = srv.get(&format!("/api/search?{qs}"));
        assert_eq!(api.status, 400, "{qs}: {}", api.body);
        assert!(api.json()["error"].as_str().is_some_and(|m| !m.is_empty()));
    }
    let long = "mot+".repeat(400);
    let api = srv.get(&format!("/api/search?q={long}"));
    assert_eq!(api.status, 400);
    assert!(api.body.contains("query too long"), "{}", api.body);
    let api = srv.get("/api/article/no-such-article");
    assert_eq!(api.status, 404);
    assert!(api.json()["error"]
        .as_str()
        .unwrap()
        .contains("no-such-article"));
    assert_eq!(srv.get("/api/similar/no-such-article").status, 404);
}

#[test]
fn nothing_but_the_page_and_the_api_is_served() {
    let ws = seeded();
    std::fs::write(ws.path().join("secret.txt"), "SECRET").unwrap();
    let srv = Server::start(ws.path(), &ws.index());
    for (path, mime) in [
        ("/", "text/html"),
        ("/app.js", "text/javascript"),
        ("/app.css", "text/css"),
    ] {
        let r = srv.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert!(
            r.header("content-type").unwrap().starts_with(mime),
            "{path}"
        );
        let csp = r.header("content-security-policy").expect("CSP");
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    }
    assert!(srv
        .get("/api/search")
        .header("content-security-policy")
        .is_some());
    for path in [
        "/secret.txt",
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/app.js/../secret.txt",
        "/index/meta.json",
        "/seeds/manifest.jsonl",
        "/api/",
        "/api/nothing",
        "/Cargo.toml",
        "/..%2f..%2fetc%2fpasswd",
    ] {
        let r = srv.get(path);
        assert!(
            r.status == 404 || r.status == 400,
            "{path}: {} {}",
            r.status,
            r.body
        );
        assert!(
            !r.body.contains("SECRET") && !r.body.contains("root:"),
            "{path}"
        );
    }
}

#[test]
fn the_index_is_served_read_only_and_new_commits_are_seen_without_restart() {
    let ws = seeded();
    let before = snapshot(&ws.index());
    let srv = Server::start(ws.path(), &ws.index());
    assert!(srv.banner.contains("serving 5 articles"), "{}", srv.banner);
    let word = "Zanzibarophone";
    let count = |srv: &Server| srv.get(&format!("/api/search?q={word}")).json()["total"].clone();
    assert_eq!(count(&srv), 0);
    assert_eq!(snapshot(&ws.index()), before, "serving wrote to the index");

    // Another process commits an article while the server runs.
    ws.write(
        "extra/new.txt",
        format!(
            "Un mot rare\n\nLe {word} est une langue inventée pour ce test, \
         parlée par personne et écrite par un seul programme de recherche.\n"
        ),
    );
    let extra = ws.path().join("extra");
    ws.run(&["index", extra.to_str().unwrap()]).expect(0);
    let start = Instant::now();
    while count(&srv) != 1 {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "the server did not see the new commit"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let err = srv.stop();
    assert!(err.contains("the index changed"), "{err}");
}

#[test]
fn a_read_only_index_is_served() {
    let ws = seeded();
    let how = match make_read_only(&ws.index()) {
        Ok(how) => how,
        Err(why) => {
            eprintln!("{why}");
            return;
        }
    };
    let index = ws.index();
    let mut cmd = read_only_command(
        how,
        &index,
        std::path::Path::new(env!("CARGO_BIN_EXE_fouille")),
        &["--index", index.to_str().unwrap(), "serve", "--port", "0"],
    );
    cmd.current_dir(ws.path());
    let srv = Server::spawn(cmd);
    let r = srv.get("/api/search?q=Qaryatayn");
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.json()["total"].as_u64().unwrap() > 0);
    // The page's parameters once more, to be sure it answered from the index.
    assert_eq!(get(srv.port, "/api/article/nope").status, 404);
}

#[test]
fn another_address_than_loopback_is_served_with_a_warning() {
    let ws = seeded();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_fouille"));
    cmd.current_dir(ws.path())
        .arg("--index")
        .arg(ws.index())
        .args(["serve", "--bind", "0.0.0.0", "--port", "0"]);
    let srv = Server::spawn(cmd);
    assert!(srv.banner.contains("0.0.0.0"), "{}", srv.banner);
    assert_eq!(srv.get("/").status, 200);
    let err = srv.stop();
    assert!(err.contains("visible to the network"), "{err}");
}

#[test]
fn a_first_serve_builds_the_index_from_seeds() {
    let ws = Workspace::new();
    ws.copy_seeds("seeds");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_fouille"));
    cmd.current_dir(ws.path()).args(["serve", "--port", "0"]);
    let srv = Server::spawn(cmd);
    assert!(srv.banner.contains("serving 5 articles"), "{}", srv.banner);
    assert!(ws.path().join("index").join("meta.json").is_file());
}
