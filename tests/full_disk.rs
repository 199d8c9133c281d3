//! A full disk: indexing says "no space left on device" and where, the
//! index still answers from its last commit, and the files of the failed
//! run do not stay on the disk (removed at the failure, and at the next
//! run for what a killed run left).

mod common;

use std::path::Path;
use std::process::Command;

use common::Workspace;

/// An archive of `n` articles of made-up words, too big for a few MB.
fn big_archive(ws: &Workspace, n: usize) -> std::path::PathBuf {
    const SYLLABLES: [&str; 24] = [
        "ba", "cor", "di", "fen", "ga", "lou", "mi", "nor", "pa", "que", "ri", "sal", "ti", "van",
        "zo", "ché", "gné", "tré", "bles", "phi", "cla", "dro", "mu", "xe",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut lines = String::new();
    for i in 0..n {
        let mut text = String::new();
        for w in 0..150 {
            let r = next();
            for k in 0..(2 + r % 3) {
                text.push_str(SYLLABLES[((r >> (8 * k)) % 24) as usize]);
            }
            text.push(if w % 15 == 14 { '.' } else { ' ' });
        }
        let rec = serde_json::json!({"id": format!("a{i}"), "title": format!("Article {i}"), "text": text});
        lines.push_str(&rec.to_string());
        lines.push('\n');
    }
    ws.write("big.jsonl", lines)
}

/// Runs `script` (sh) where `$0` cannot take more than a few MB: a 4 MB
/// tmpfs in a private mount namespace, else a 2 MB file-size limit
/// (`ulimit -f`, SIGXFSZ ignored so writes fail with EFBIG instead of
/// killing). `None` when neither is possible here.
fn on_small_disk(disk: &Path, script: &str, args: &[&Path]) -> Option<std::process::Output> {
    std::fs::create_dir_all(disk).unwrap();
    let in_namespace = |script: &str| {
        Command::new("unshare")
            .args(["-m", "--propagation", "private", "sh", "-c"])
            .arg(format!(
                "mount -t tmpfs -o size=4m tmpfs \"$0\" || exit 77\n{script}"
            ))
            .arg(disk)
            .args(args)
            .output()
    };
    // unshare itself may be refused (exit 1), which the script cannot tell.
    if in_namespace("true").is_ok_and(|o| o.status.success()) {
        return in_namespace(script).ok();
    }
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -f 4096 || exit 77\ntrap '' XFSZ\n{script}"))
        .arg(disk)
        .args(args)
        .output()
        .ok()?;
    (out.status.code() != Some(77)).then_some(out)
}

#[test]
fn a_full_disk_is_named_and_the_failed_run_leaves_no_files() {
    let ws = Workspace::new();
    let seeds = ws.copy_seeds("seeds");
    let big = big_archive(&ws, 20_000);
    let results = ws.path().join("results");
    std::fs::create_dir_all(&results).unwrap();
    let script = r#"
B="$1"; SEEDS="$2"; BIG="$3"; R="$4"; IX="$0/index"
"$B" --index "$IX" index "$SEEDS" >/dev/null 2>"$R/seeds.err"; echo $? >"$R/seeds.rc"
du -sk "$0" | cut -f1 >"$R/before.kb"
"$B" --index "$IX" index "$BIG" >/dev/null 2>"$R/full.err"; echo $? >"$R/full.rc"
du -sk "$0" | cut -f1 >"$R/after.kb"
"$B" --index "$IX" search --json -n 1 '*' >"$R/search.json" 2>&1; echo $? >"$R/search.rc"
"$B" --index "$IX" index "$SEEDS" >/dev/null 2>"$R/again.err"; echo $? >"$R/again.rc"
"#;
    let Some(out) = on_small_disk(
        &ws.path().join("disk"),
        script,
        &[
            Path::new(env!("CARGO_BIN_EXE_fouille")),
            &seeds,
            &big,
            &results,
        ],
    ) else {
        eprintln!("skipped: neither a small tmpfs nor a file-size limit is possible here");
        return;
    };
    let read = |name: &str| {
        std::fs::read_to_string(results.join(name))
            .unwrap_or_else(|e| panic!("{name}: {e}\n{}", String::from_utf8_lossy(&out.stderr)))
            .trim()
            .to_string()
    };
    assert_eq!(read("seeds.rc"), "0", "{}", read("seeds.err"));
    assert_eq!(read("full.rc"), "2");
    let err = read("full.err");
    let lower = err.to_lowercase();
    assert!(
        lower.contains("no space left on device") || lower.contains("file too large"),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}/index", ws.path().join("disk").display())),
        "{err}"
    );
    assert!(!err.contains("killed"), "{err}");
    // The failed run's segments are gone: the disk holds what it held.
    let (before, after): (u64, u64) = (
        read("before.kb").parse().unwrap(),
        read("after.kb").parse().unwrap(),
    );
    assert!(after <= before + 64, "{before} KB before, {after} KB after");
    // The last commit still answers, and the next run goes through.
    assert_eq!(read("search.rc"), "0", "{}", read("search.json"));
    let v: serde_json::Value = serde_json::from_str(&read("search.json")).unwrap();
    assert_eq!(v["total"], 5);
    assert_eq!(read("again.rc"), "0", "{}", read("again.err"));
}

#[test]
fn files_no_commit_references_are_removed_by_the_next_run() {
    // What a killed run leaves: files tantivy registered, that no commit
    // references. The next run removes them even with nothing to index.
    let ws = Workspace::new();
    let seeds = ws.copy_seeds("seeds");
    ws.run(&["index", seeds.to_str().unwrap()]).expect(0);
    let managed = ws.index().join(".managed.json");
    let mut files: Vec<String> =
        serde_json::from_str(&std::fs::read_to_string(&managed).unwrap()).unwrap();
    let orphan = "0123456789abcdef0123456789abcdef.store";
    files.push(orphan.into());
    std::fs::write(&managed, serde_json::to_string(&files).unwrap()).unwrap();
    std::fs::write(ws.index().join(orphan), vec![0u8; 100_000]).unwrap();

    let v = ws
        .run(&["index", "--json", seeds.to_str().unwrap()])
        .expect(0)
        .json();
    assert_eq!(v["unchanged"], 5);
    assert!(
        !ws.index().join(orphan).exists(),
        "the orphan is still there"
    );
    ws.run(&["search", "Qalamoun"]).expect(0);
}
