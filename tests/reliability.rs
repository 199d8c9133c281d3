//! Reliability: every input file is indexed or skipped with a reason, bad
//! queries get a clear message (exit 2) or an answer, never a panic, and a
//! busy or damaged index is reported clearly. Fixtures are generated here
//! rather than committed.

mod common;

use std::os::unix::ffi::OsStrExt;

use common::Workspace;

/// A French sentence long enough to be an article.
const PROSE: &str = "L'armée syrienne a repris la ville de Palmyre dimanche, selon \
l'Observatoire syrien des droits de l'homme, après trois semaines de combats.";

#[test]
fn every_bad_file_is_indexed_or_skipped_with_a_reason() {
    let ws = Workspace::new();
    let a = "bad";
    ws.write(&format!("{a}/ok.txt"), format!("Titre\n\n{PROSE}"));
    ws.write(&format!("{a}/empty.txt"), "");
    ws.write(&format!("{a}/blank.txt"), " \n\t\n");
    ws.write(&format!("{a}/image.jpg"), b"\xff\xd8\xff\xe0\0\x10JFIF\0");
    ws.write(
        &format!("{a}/doc.pdf"),
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    );
    ws.write(&format!("{a}/archive.gz"), b"\x1f\x8b\x08\0\0\0\0\0");
    ws.write(&format!("{a}/nul.txt"), b"Du texte\0avec des octets nuls\0");
    // Invalid UTF-8 that is valid Windows-1252: decoded, not refused.
    let legacy = format!("Titre\n\n{PROSE} L’été, l’œuvre.");
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(&legacy);
    ws.write(&format!("{a}/cp1252.txt"), &cp1252);
    let mut utf16 = vec![0xff, 0xfe];
    for u in format!("Titre\n\n{PROSE}").encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    ws.write(&format!("{a}/utf16.txt"), &utf16);
    ws.write(
        &format!("{a}/crlf.txt"),
        format!("Titre\r\n\r\n{PROSE}\r\nSuite.\rFin.\n"),
    );
    ws.write(
        &format!("{a}/one-line.txt"),
        PROSE.repeat(1_000_000 / PROSE.len() + 1),
    );
    ws.write(
        &format!("{a}/deep.html"),
        format!(
            "<html><body>{}<p>{PROSE}</p>{}</body></html>",
            "<div>".repeat(50_000),
            "</div>".repeat(50_000)
        ),
    );
    ws.write(
        &format!("{a}/truncated.html"),
        format!("<html><body><article><h1>Titre</h1><p>{PROSE}<p>Et la suite "),
    );
    ws.write(
        &format!("{a}/notext.html"),
        "<html><head><script>var x=1;</script></head><body><img src=a.png></body></html>",
    );
    // A file over the size limit, made sparse so the test stays cheap.
    let big = ws.path().join(a).join("huge.txt");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(200 * 1024 * 1024).unwrap();
    // A symbolic link loop and a non-UTF-8 file name.
    std::os::unix::fs::symlink(".", ws.path().join(a).join("loop")).unwrap();
    let odd = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(ws.path().join(a).join(odd), format!("Titre\n\n{PROSE}")).unwrap();

    let run = ws
        .run(&["index", "--json", ws.path().join(a).to_str().unwrap()])
        .expect(0);
    let s = run.json();
    let skipped: Vec<(String, String)> = s["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["path"].as_str().unwrap().to_string(),
                k["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let reason = |p: &str| {
        skipped
            .iter()
            .find(|(path, _)| path == p)
            .map(|(_, r)| r.clone())
            .unwrap_or_else(|| panic!("{p} not skipped: {skipped:?}"))
    };
    assert!(reason("empty.txt").contains("empty"));
    assert!(reason("blank.txt").contains("no text"));
    assert!(reason("image.jpg").contains("JPEG"));
    assert!(reason("doc.pdf").contains("PDF"));
    assert!(reason("archive.gz").contains("gzip"));
    assert!(reason("nul.txt").contains("binary"));
    assert!(reason("huge.txt").contains("too large"));
    assert!(reason("notext.html").contains("no article text"));
    assert!(reason("loop").contains("loop"), "{}", reason("loop"));

    // 17 entries seen: 9 skipped above, 8 indexed; the counts add up.
    let indexed = s["indexed"].as_u64().unwrap() as usize;
    assert_eq!(indexed, 8, "{s}");
    assert_eq!(indexed + skipped.len(), 17, "{s}");

    // The decoded files are searchable with their accents right.
    let v = ws.run(&["search", "--json", "œuvre"]).expect(0).json();
    assert_eq!(v["hits"][0]["path"], "cp1252.txt");
    let v = ws
        // One text in several encodings: copies, each listed.
        .run(&[
            "search",
            "--json",
            "--all-copies",
            "--limit",
            "50",
            "Palmyre",
        ])
        .expect(0)
        .json();
    let paths: Vec<&str> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["path"].as_str().unwrap())
        .collect();
    for p in [
        "ok.txt",
        "utf16.txt",
        "crlf.txt",
        "one-line.txt",
        "deep.html",
        "truncated.html",
        "caf\u{fffd}.txt",
    ] {
        assert!(paths.contains(&p), "{p} not found in {paths:?}");
    }

    ws.run(&["index", "--strict", ws.path().join(a).to_str().unwrap()])
        .expect(2);
}

#[test]
fn hostile_queries_answer_or_fail_cleanly() {
    let ws = Workspace::new();
    let seeds = ws.copy_seeds("seeds");
    ws.run(&["index", seeds.to_str().unwrap()]).expect(0);
    let long = "armée ".repeat(100_000 / 6);
    let cases: &[&str] = &[
        "\"armée",
        "(armée",
        "armée)",
        "AND",
        "OR",
        "-",
        "+",
        "title:",
        ":",
        "nochamp:x",
        "*",
        "*armée",
        "arm*",
        "🙂 سوريا 中文",
        "ar\u{1}mée\u{7f}",
        "\\",
        "[a TO b]",
        "^2",
        "armée^",
        "~",
        "\"\"",
        "()",
        &long,
    ];
    for q in cases {
        let run = ws.run(&["search", q]);
        let code = run.code();
        assert!(
            code == 0 || code == 1 || (code == 2 && run.stderr().starts_with("fouille: ")),
            "query {:?}: exit {code}, stderr {}",
            &q[..q.len().min(40)],
            run.stderr()
        );
        assert!(!run.stderr().contains("panicked"), "{}", run.stderr());
    }
    ws.run(&["search", "--limit", "18446744073709551615", "armée"])
        .expect(0);
    ws.run(&["search", "--from", "2017-13-45", "armée"])
        .expect(2);
    ws.run(&["search", "--from", "2018", "--to", "2017", "armée"])
        .expect(2);
}

#[test]
fn a_second_writer_fails_at_once_naming_the_lock() {
    let ws = Workspace::new();
    let seeds = ws.copy_seeds("seeds");
    ws.run(&["index", seeds.to_str().unwrap()]).expect(0);
    // Hold the writer lock as a concurrent `fouille index` would.
    let index = tantivy::Index::open_in_dir(ws.index()).unwrap();
    fouille::analysis::register(&index);
    let writer: tantivy::IndexWriter = index.writer(50_000_000).unwrap();
    let started = std::time::Instant::now();
    let run = ws
        .run(&["index", "--rebuild", seeds.to_str().unwrap()])
        .expect(2);
    assert!(started.elapsed().as_secs() < 10, "it must not wait");
    assert!(
        run.stderr().contains(".tantivy-writer.lock"),
        "{}",
        run.stderr()
    );
    // Searching while a writer holds the lock works and sees the last commit.
    let v = ws.run(&["search", "--json", "*"]).expect(0).json();
    assert_eq!(v["total"], 5);
    drop(writer);
    ws.run(&["index", seeds.to_str().unwrap()]).expect(0);
}

#[test]
fn a_stale_lock_file_does_not_block() {
    let ws = Workspace::new();
    let seeds = ws.copy_seeds("seeds");
    ws.run(&["index", seeds.to_str().unwrap()]).expect(0);
    // A killed process leaves the file; the OS lock on it died with it.
    std::fs::write(ws.index().join(".tantivy-writer.lock"), "").unwrap();
    ws.run(&["index", "--rebuild", seeds.to_str().unwrap()])
        .expect(0);
}

#[test]
fn damaged_index_says_how_to_rebuild() {
    let ws = Workspace::new();
    let seeds = ws.copy_seeds("seeds");
    ws.run(&["index", seeds.to_str().unwrap()]).expect(0);
    let store = std::fs::read_dir(ws.index())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "store"))
        .unwrap();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&store)
        .unwrap()
        .set_len(10)
        .unwrap();
    let run = ws.run(&["search", "armée"]).expect(2);
    assert!(run.stderr().contains("--rebuild"), "{}", run.stderr());
    ws.run(&["index", "--rebuild", seeds.to_str().unwrap()])
        .expect(0);
    ws.run(&["search", "armée"]).expect(0);
    // A missing segment file too.
    let store = std::fs::read_dir(ws.index())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "idx"))
        .unwrap();
    std::fs::remove_file(store).unwrap();
    let run = ws.run(&["search", "armée"]).expect(2);
    assert!(run.stderr().contains("--rebuild"), "{}", run.stderr());
}

#[test]
fn broken_pipe_is_not_an_error() {
    let ws = Workspace::new();
    let seeds = ws.copy_seeds("seeds");
    ws.run(&["index", seeds.to_str().unwrap()]).expect(0);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_fouille"))
        .args([
            "--index",
            ws.index().to_str().unwrap(),
            "search",
            "--limit",
            "5",
            "*",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away at once
    let out = child.wait_with_output().unwrap();
    assert!(out.status.code() == Some(0), "{:?}", out);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
