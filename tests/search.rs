//! End-to-end tests of `fouille search` on the bundled seeds and on small
//! archives written by the tests.

mod common;

use common::{seed_numbers, Workspace};

/// A workspace whose index holds the seeds.
fn seeded() -> Workspace {
    let ws = Workspace::new();
    let seeds = ws.copy_seeds("seeds");
    ws.run(&["index", seeds.to_str().unwrap()]).expect(0);
    ws
}

#[test]
fn qaryatayn_chretiens_finds_exactly_the_articles_with_both_words() {
    let ws = seeded();
    let v = ws
        .run(&["search", "--json", "Qaryatayn chrétiens"])
        .expect(0)
        .json();
    // 002 says "chrétienne": stemming must bring it in; 000 and 003 lack the word.
    assert_eq!(seed_numbers(&v), ["001", "002", "004"]);
    assert_eq!(v["total"], 3);
    let v = ws
        .run(&["search", "--json", "Qaryatayn chretiens"])
        .expect(0)
        .json();
    assert_eq!(seed_numbers(&v), ["001", "002", "004"], "without accents");
}

#[test]
fn first_search_builds_the_index_from_seeds() {
    let ws = Workspace::new();
    ws.copy_seeds("seeds");
    let run = ws.run_bare(&["search", "Qaryatayn chrétiens"]).expect(0);
    assert!(ws.path().join("index/meta.json").is_file());
    let out = run.stdout();
    assert!(out.contains("001_19cbf5513036d9dd.txt"), "{out}");
    // Not a terminal: no colour codes, plain markers around matches.
    assert!(!out.contains('\x1b'), "{out}");
    assert!(
        out.contains("[chrétiens]") || out.contains("[Qaryatayn]"),
        "{out}"
    );
}

#[test]
fn hits_carry_outlet_date_and_highlights() {
    let ws = seeded();
    let v = ws.run(&["search", "--json", "Qalamoun"]).expect(0).json();
    let hit = &v["hits"][0];
    assert_eq!(hit["path"], "003_76b50f77c4356d27.txt");
    assert_eq!(hit["source"], "Algérie Patriotique");
    assert_eq!(hit["published"], "2017-08-27");
    let text = hit["snippet"]["text"].as_str().unwrap();
    let [start, end] = [
        hit["snippet"]["highlights"][0][0].as_u64().unwrap() as usize,
        hit["snippet"]["highlights"][0][1].as_u64().unwrap() as usize,
    ];
    assert_eq!(&text[start..end], "Qalamoun");
    assert_eq!(v["facets"]["source"]["Algérie Patriotique"], 1);
}

#[test]
fn elided_forms_match_with_both_apostrophes() {
    let ws = Workspace::new();
    ws.write(
        "a/droit.txt",
        "Titre un\n\nL'armée a repris la ville hier soir.",
    );
    ws.write(
        "a/courbe.txt",
        "Titre deux\n\nLa victoire de l’armée fut rapide.",
    );
    ws.write(
        "a/aucun.txt",
        "Titre trois\n\nLes pompiers sont arrivés qu'il pleuvait.",
    );
    ws.run(&["index", ws.path().join("a").to_str().unwrap()])
        .expect(0);
    for q in ["armée", "l’armée", "l'armée", "armees"] {
        let v = ws.run(&["search", "--json", q]).expect(0).json();
        assert_eq!(common::hit_ids(&v), ["courbe", "droit"], "query {q:?}");
    }
    // `qu'il` leaves no `qu` or `il` term behind: both are stop words.
    ws.run(&["search", "qu"]).expect(1);
    ws.run(&["search", "qu'il"]).expect(1);
}

#[test]
fn stop_words_alone_find_nothing_without_error() {
    let ws = seeded();
    let run = ws.run(&["search", "les"]).expect(1);
    assert!(run.stderr().is_empty(), "{}", run.stderr());
    assert!(run.stdout().is_empty());
}

#[test]
fn malformed_query_is_a_clear_error() {
    let ws = seeded();
    let run = ws.run(&["search", "\"armée"]).expect(2);
    assert!(
        run.stderr().contains("unbalanced quote"),
        "{}",
        run.stderr()
    );
    assert!(!run.stderr().contains("panicked"));
    let run = ws.run(&["search", "nochamp:armée"]).expect(2);
    assert!(run.stderr().contains("unknown field"), "{}", run.stderr());
}

#[test]
fn query_syntax_phrases_exclusion_or_and_fields() {
    let ws = seeded();
    let v = ws
        .run(&["search", "--json", "\"armée syrienne\""])
        .expect(0)
        .json();
    let with_phrase = seed_numbers(&v);
    assert!(with_phrase.contains(&"002".to_string()), "{with_phrase:?}");
    let v = ws
        .run(&["search", "--json", "\"armée syrienne\" -Hezbollah"])
        .expect(0)
        .json();
    assert_eq!(seed_numbers(&v), ["002"], "003 and 000 name Hezbollah");
    let v = ws
        .run(&["search", "--json", "Qalamoun OR Tadmor"])
        .expect(0)
        .json();
    assert_eq!(seed_numbers(&v), ["002", "003"]);
    let v = ws
        .run(&["search", "--json", "--any", "Qalamoun Tadmor"])
        .expect(0)
        .json();
    // Plain words also match entity aliases: Tadmor is Palmyre, which 000
    // and 004 name.
    assert_eq!(seed_numbers(&v), ["000", "002", "003", "004"]);
    let v = ws
        .run(&["search", "--json", "title:Qalamoun"])
        .expect(0)
        .json();
    assert_eq!(seed_numbers(&v), ["003"]);
}

#[test]
fn filters_by_outlet_and_date() {
    let ws = seeded();
    let v = ws
        .run(&["search", "--json", "--source", "L'Expression", "armée"])
        .expect(0)
        .json();
    assert_eq!(seed_numbers(&v), ["000"]);
    let v = ws
        .run(&["search", "--json", "--from", "2017", "*"])
        .expect(0)
        .json();
    assert_eq!(seed_numbers(&v), ["001", "003", "004"]);
    let v = ws
        .run(&[
            "search",
            "--json",
            "--from",
            "2016-04",
            "--to",
            "2016-04-30",
        ])
        .expect(0)
        .json();
    assert_eq!(seed_numbers(&v), ["000"]);
    ws.run(&["search", "--from", "2017-13-45", "armée"])
        .expect(2);
    let run = ws
        .run(&["search", "--from", "2018", "--to", "2017", "armée"])
        .expect(2);
    assert!(run.stderr().contains("after"), "{}", run.stderr());
}

#[test]
fn show_prints_the_stored_article() {
    let ws = seeded();
    let v = ws
        .run(&["show", "--json", "004_b38c530087b45afb"])
        .expect(0)
        .json();
    assert_eq!(v["source"], "Tribune de Genève (blogs)");
    assert!(v["body"].as_str().unwrap().contains("coexistence"));
    let run = ws.run(&["show", "nope"]).expect(2);
    assert!(run.stderr().contains("no article"), "{}", run.stderr());
}

#[test]
fn colour_only_when_asked_and_never_with_no_color() {
    let ws = seeded();
    let out = ws
        .run(&["--color", "always", "search", "Qalamoun"])
        .expect(0)
        .stdout();
    assert!(out.contains("\x1b[1;31mQalamoun\x1b[0m"), "{out}");
    let out = ws.run(&["search", "Qalamoun"]).expect(0).stdout();
    assert!(!out.contains('\x1b'));
}

#[test]
fn boilerplate_is_not_indexed() {
    let ws = seeded();
    // 001's page starts with a search box ("Rechercher" twice) and a
    // "Dernières Infos" widget: none of it is stored or found. (The stem
    // still matches 000's "la recherche d'autres charniers", which is text.)
    let v = ws.run(&["search", "--json", "Rechercher"]).expect(0).json();
    assert_eq!(seed_numbers(&v), ["000"]);
    let v = ws
        .run(&["show", "--json", "001_19cbf5513036d9dd"])
        .expect(0)
        .json();
    let body = v["body"].as_str().unwrap();
    assert!(!body.contains("Rechercher") && !body.contains("Dernières Infos"));
    let v = ws
        .run(&["show", "--json", "003_76b50f77c4356d27"])
        .expect(0)
        .json();
    assert!(
        !v["body"].as_str().unwrap().contains("Comment (5)"),
        "comments are dropped"
    );
}
