//! End-to-end tests of the query language on the bundled seeds: each
//! operator, its Factiva spellings, the explanations and the messages of
//! malformed queries.

mod common;

use common::{seed_numbers, Workspace};

fn seeded() -> Workspace {
    let ws = Workspace::new();
    let seeds = ws.copy_seeds("seeds");
    ws.run(&["index", seeds.to_str().unwrap()]).expect(0);
    ws
}

/// The seeds (their numbers) that a query finds, every copy shown.
fn seeds_of(ws: &Workspace, args: &[&str]) -> Vec<String> {
    let mut all = vec!["search", "--json", "--all-copies", "-n", "50"];
    all.extend(args);
    let run = ws.run(&all);
    assert!(run.code() == 0 || run.code() == 1, "{}", run.stderr());
    seed_numbers(&run.json())
}

#[test]
fn truncation_finds_every_form_accents_and_case_aside() {
    let ws = seeded();
    // 001 and 004 say chrétiens, 002 chrétienne.
    for q in ["chrét*", "chret*", "CHRÉT*", "chrétien*"] {
        assert_eq!(seeds_of(&ws, &[q]), ["001", "002", "004"], "{q}");
    }
    assert_eq!(seeds_of(&ws, &["Qaryat*"]), ["000", "001", "002", "004"]);
    // `?` is one letter: chrétien? is chrétiens, not chrétienne.
    assert_eq!(seeds_of(&ws, &["chrétien?"]), ["001", "004"]);
    // The snippet highlights the word the truncation stood for, and the
    // JSON says which words matched.
    let v = ws
        .run(&["search", "--json", "--all-copies", "chrét*"])
        .expect(0)
        .json();
    for h in v["hits"].as_array().unwrap() {
        let text = h["snippet"]["text"].as_str().unwrap();
        let marked: Vec<&str> = h["snippet"]["highlights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| &text[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize])
            .collect();
        assert!(
            marked.iter().any(|m| m.starts_with("chrétien")),
            "{marked:?}"
        );
        let words = h["matched"]["words"]["chrét*"].as_array().unwrap();
        assert!(
            words
                .iter()
                .any(|w| w.as_str().unwrap().starts_with("chretien")),
            "{h}"
        );
    }
}

#[test]
fn too_short_a_prefix_is_refused_with_the_limit() {
    let ws = seeded();
    let run = ws.run(&["search", "a*"]).expect(2);
    assert!(
        run.stderr().contains("at least 3 letters"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_prefix_of_too_many_words_is_refused_with_the_count() {
    let ws = Workspace::new();
    // 2,100 distinct words that start with `zzq`.
    let words: Vec<String> = (0..2100)
        .map(|i: u32| {
            let letter = |n: u32| char::from(b'a' + (n % 26) as u8);
            format!("zzq{}{}{}", letter(i / 676), letter(i / 26), letter(i))
        })
        .collect();
    ws.write("a/words.txt", format!("Des mots\n\n{}\n", words.join(" ")));
    ws.run(&["index", ws.path().join("a").to_str().unwrap()])
        .expect(0);
    let run = ws.run(&["search", "zzq*"]).expect(2);
    let err = run.stderr();
    assert!(
        err.contains("more than 2000") && err.contains("2100"),
        "{err}"
    );
    // A longer prefix is within the limit.
    ws.run(&["search", "zzqab*"]).expect(0);
}

#[test]
fn near_and_adj_count_words_and_order() {
    let ws = seeded();
    // Qaryatayn comes first in 001 and 002, after chrétiens in 004.
    assert_eq!(
        seeds_of(&ws, &["Qaryatayn ADJ/20 chrétiens"]),
        ["001", "002"]
    );
    assert_eq!(seeds_of(&ws, &["chrétiens ADJ/20 Qaryatayn"]), ["004"]);
    for q in [
        "Qaryatayn NEAR/20 chrétiens",
        "Qaryatayn near20 chrétiens",
        "Qaryatayn w/20 chrétiens",
        "chrétiens NEAR/20 Qaryatayn",
    ] {
        assert_eq!(seeds_of(&ws, &[q]), ["001", "002", "004"], "{q}");
    }
    assert!(seeds_of(&ws, &["Qaryatayn NEAR/3 chrétiens"]).is_empty());
    // NEAR alone is NEAR/10.
    assert_eq!(
        seeds_of(&ws, &["Qaryatayn NEAR chrétiens"]),
        seeds_of(&ws, &["Qaryatayn NEAR/10 chrétiens"])
    );
    // Groups, phrases and truncations compose.
    assert_eq!(
        seeds_of(&ws, &["\"armée syrienne\" NEAR/5 (Qaryatayn OR Palmyre)"]),
        ["000"]
    );
    assert_eq!(
        seeds_of(&ws, &["Qaryat* NEAR/20 chrét*"]),
        ["001", "002", "004"]
    );
}

#[test]
fn same_means_one_paragraph() {
    let ws = seeded();
    // Each of 001, 002 and 004 has a paragraph naming both.
    assert_eq!(
        seeds_of(&ws, &["Qaryatayn SAME chrétiens"]),
        ["001", "002", "004"]
    );
    assert_eq!(
        seeds_of(&ws, &["Qaryatayn same chrétiens"]),
        ["001", "002", "004"]
    );
    // 000 and 002 name Sokhné in a paragraph on Qaryatayn, never in one
    // on Christians.
    assert_eq!(seeds_of(&ws, &["Sokhné SAME Qaryatayn"]), ["000", "002"]);
    assert!(seeds_of(&ws, &["Sokhné SAME chrét*"]).is_empty());
}

#[test]
fn lead_counts_and_fields() {
    let ws = seeded();
    assert_eq!(
        seeds_of(&ws, &["atleast3:Qaryatayn"]),
        ["000", "001", "002", "004"]
    );
    assert_eq!(seeds_of(&ws, &["atleast5:Qaryatayn"]), ["000"]);
    // Every seed names Qaryatayn in its lead but chrétiens only later.
    assert!(seeds_of(&ws, &["lead:chrétiens"]).is_empty());
    assert!(!seeds_of(&ws, &["lead:Qaryatayn"]).is_empty());
    assert_eq!(seeds_of(&ws, &["author:Belliard"]), ["004"]);
    assert_eq!(seeds_of(&ws, &["by:\"Jean René Belliard\""]), ["004"]);
    assert_eq!(seeds_of(&ws, &["source:\"L'Expression\" Palmyre"]), ["000"]);
    assert_eq!(seeds_of(&ws, &["Qaryatayn", "--min-words", "500"]), ["002"]);
    assert_eq!(
        seeds_of(&ws, &["Qaryatayn", "--max-words", "500"]),
        ["000", "001", "004"]
    );
    ws.run(&["search", "x", "--min-words", "9", "--max-words", "2"])
        .expect(2);
}

#[test]
fn explain_says_which_operator_and_words_matched() {
    let ws = seeded();
    let run = ws
        .run(&["search", "--explain", "Qaryatayn NEAR/20 chrét*"])
        .expect(0);
    let out = run.stdout();
    assert!(out.contains("matched: NEAR/20; chrét* → chretien"), "{out}");
    let v = ws
        .run(&["search", "--json", "lead:Qaryatayn"])
        .expect(0)
        .json();
    assert_eq!(v["hits"][0]["matched"]["operators"][0], "lead:");
}

#[test]
fn malformed_queries_exit_2_with_a_caret() {
    let ws = seeded();
    for (q, message, caret) in [
        ("(armée NEAR/5 chrétiens", "unbalanced parenthesis", 0),
        ("armée \"syrienne", "unbalanced quote", 6),
        ("armée NEAR/5", "needs something on its right", 6),
        ("armée NEAR/x chrétiens", "bad distance", 11),
        ("armée headline:Palmyre", "unknown field", 6),
        ("armée OR", "needs something on its right", 6),
    ] {
        let run = ws.run(&["search", q]).expect(2);
        let err = run.stderr();
        assert!(err.contains(message), "{q}: {err}");
        let lines: Vec<&str> = err.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.trim_start() == q)
            .unwrap_or_else(|| panic!("{q}: the query is shown: {err}"));
        let caret = " ".repeat(2 + caret) + "^";
        assert_eq!(lines.get(at + 1), Some(&caret.as_str()), "{q}: {err}");
    }
}

#[test]
fn plain_queries_keep_their_answers() {
    let ws = seeded();
    assert_eq!(
        seeds_of(&ws, &["Qaryatayn chrétiens"]),
        ["001", "002", "004"]
    );
    assert_eq!(
        seeds_of(&ws, &["\"armée syrienne\" Palmyre"]),
        seeds_of(&ws, &["\"armée syrienne\" AND Palmyre"])
    );
}
