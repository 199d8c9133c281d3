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
    // Every copy of a story (001 and 004 carry one dispatch): tests/copies.rs
    // checks that the default shows the story once.
    let v = ws
        .run(&["search", "--json", "--all-copies", "Qaryatayn chrétiens"])
        .expect(0)
        .json();
    // 002 says "chrétienne": stemming must bring it in; 000 and 003 lack the word.
    assert_eq!(seed_numbers(&v), ["001", "002", "004"]);
    assert_eq!(v["total"], 3);
    let v = ws
        .run(&["search", "--json", "--all-copies", "Qaryatayn chretiens"])
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
    // 001 and 004 are one story: either stands for it, by the id `show` takes.
    assert!(
        out.contains("· 001_19cbf5513036d9dd\n") || out.contains("· 004_b38c530087b45afb\n"),
        "{out}"
    );
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
    // Not an error, but not a silent nothing either: stderr says why.
    assert!(run.stderr().contains("stop words"), "{}", run.stderr());
    assert!(!run.stderr().contains("error"), "{}", run.stderr());
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
        .run(&["search", "--json", "--all-copies", "--from", "2017", "*"])
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

/// A workspace whose index holds a few articles written by the test.
fn archive(articles: &[(&str, &str)]) -> Workspace {
    let ws = Workspace::new();
    for (name, text) in articles {
        ws.write(&format!("a/{name}.txt"), text);
    }
    ws.run(&["index", ws.path().join("a").to_str().unwrap()])
        .expect(0);
    ws
}

/// The ids of every hit of `query`, best first, and the total.
fn found(ws: &Workspace, query: &str) -> (Vec<String>, u64) {
    let v = ws.run_bare(&["search", "--json", "-n", "50", query]).json();
    let ids = v["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["id"].as_str().unwrap_or_default().to_string())
        .collect();
    (ids, v["total"].as_u64().unwrap_or(0))
}

#[test]
fn accents_hyphens_and_joined_compounds_find_the_same_articles() {
    let ws = archive(&[
        (
            "avenue",
            "Défilé sur les Champs-Élysées\n\nLa foule a remonté les Champs-Élysées jusqu'à l'Arc de triomphe.",
        ),
        (
            "espace",
            "Fête\n\nOn dansait sur les Champs Élysées toute la nuit, près du rond-point, \
             loin des casseurs et d'un cortège anti-Macron.",
        ),
        (
            "loi",
            "La loi anti-casseurs votée\n\nLe Parlement a adopté la loi anti-casseurs après un long débat.",
        ),
        (
            "soude",
            "Réforme\n\nLes députés discutent de la loi anticasseurs et des ronds-points occupés.",
        ),
        (
            "palais",
            "Le président reçoit\n\nLe chef de l'État a reçu les syndicats à l'Élysée mardi.",
        ),
    ]);
    let (avenue, n) = found(&ws, "Champs-Élysées");
    assert_eq!(n, 2, "{avenue:?}");
    for q in [
        "Champs-Elysees",
        "Champs Élysées",
        "champs-élysées",
        "CHAMPS ELYSEES",
    ] {
        assert_eq!(found(&ws, q).1, 2, "{q}");
    }
    let (palace, _) = found(&ws, "Élysée");
    // The stem reaches "Champs-Élysées" too.
    assert_eq!(palace.len(), 3, "{palace:?}");
    assert_eq!(found(&ws, "Elysee").0, palace);
    assert_eq!(found(&ws, "l'Elysee").0, palace);
    // Written with a hyphen or joined, typed with a hyphen or joined.
    let (law, _) = found(&ws, "anti-casseurs");
    assert_eq!(law.len(), 2, "{law:?}");
    assert_eq!(found(&ws, "anticasseurs").0.len(), 2);
    // A compound's parts must stand together: "anti-casseurs" is not found
    // in an article that has "anti" and "casseurs" apart.
    assert!(!law.iter().any(|id| id == "espace"));
    let (roundabout, _) = found(&ws, "rond-point");
    assert_eq!(roundabout.len(), 2, "{roundabout:?}");
    assert_eq!(found(&ws, "ronds-points").0.len(), 2);
}

#[test]
fn the_article_about_the_words_ranks_above_one_that_mentions_them() {
    let filler = "Le conseil municipal a voté le budget annuel de la commune. ".repeat(40);
    let ws = archive(&[
        (
            "mention",
            &format!(
                "Budget voté\n\n{filler} En fin de séance, un élu a évoqué la pollution, puis, bien plus tard, les \
                 canicules de l'été dernier."
            ),
        ),
        (
            "sujet",
            &format!(
                "Une ville face à la canicule\n\nLa pollution et la canicule pèsent sur les habitants. {filler}"
            ),
        ),
    ]);
    let (ids, n) = found(&ws, "pollution canicule");
    assert_eq!(n, 2);
    assert!(ids[0].contains("sujet"), "{ids:?}");
}

#[test]
fn the_form_as_typed_ranks_above_another_inflection() {
    let ws = archive(&[
        (
            "autre",
            "Dans la ville\n\nLa communauté chrétienne de la ville a célébré la fête hier.",
        ),
        (
            "tapee",
            "Dans la ville\n\nLes communautés chrétiennes de la ville ont célébré la fête hier.",
        ),
    ]);
    assert_eq!(found(&ws, "chrétiennes").0, ["tapee", "autre"]);
    assert_eq!(found(&ws, "chretiennes").0, ["tapee", "autre"]);
    assert_eq!(found(&ws, "chrétienne").0, ["autre", "tapee"]);
}

#[test]
fn explain_says_how_each_word_matched() {
    let ws = archive(&[(
        "une",
        "Les chrétiens de la ville\n\nLa communauté chrétienne de Qaryatayn a fui la ville.",
    )]);
    let out = ws
        .run(&["search", "--explain", "Qaryatayn chrétienne"])
        .expect(0)
        .stdout();
    assert!(
        out.contains("why: as typed: Qaryatayn, chrétienne"),
        "{out}"
    );
    let v = ws
        .run(&["search", "--json", "Qaryatayn chrétiens"])
        .expect(0)
        .json();
    let why = &v["hits"][0]["why"];
    assert_eq!(why["exact"][0], "Qaryatayn", "{why}");
    assert_eq!(why["title"][0], "chrétiens", "{why}");
    assert!(why["span"].as_u64().is_some(), "{why}");
}

#[test]
fn an_alias_widens_again_once_new_articles_are_committed() {
    // At first every article tagged Palmyre says Tadmor too: the alias
    // brings nothing in, and a long-lived engine remembers that.
    let ws = archive(&[(
        "a",
        "Les ruines de Tadmor\n\nL'armée a repris Palmyre, que ses habitants appellent Tadmor, \
         après des semaines de combats dans le désert syrien.",
    )]);
    let engine = fouille::search::Engine::open(&ws.path().join("index")).expect("open");
    let tadmor = || {
        engine
            .search(&fouille::search::Query::new("Tadmor"))
            .expect("search")
            .total
    };
    assert_eq!(tadmor(), 1);
    // A new article names only Palmyre: once committed and reloaded, the
    // alias must bring it in, whatever was remembered before.
    ws.write(
        "a/b.txt",
        "Retour à Palmyre\n\nLes archéologues sont revenus à Palmyre pour mesurer \
         les destructions du temple de Bel et de l'arc monumental.",
    );
    ws.run(&["index", ws.path().join("a").to_str().unwrap()])
        .expect(0);
    engine.reload().expect("reload");
    assert_eq!(tadmor(), 2);
}

#[test]
fn an_engine_that_reads_its_files_answers_as_one_that_maps_them() {
    let ws = seeded();
    let dir = ws.path().join("index");
    let mapped = fouille::search::Engine::open(&dir).expect("open mapped");
    let read = fouille::search::Engine::open_with(&dir, fouille::read_only::FileAccess::Read)
        .expect("open read");
    // Postings, positions (a phrase, proximity) and stored articles
    // (snippets) all come from the files that are read, not mapped.
    for q in [
        "Qaryatayn chrétiens",
        "\"État islamique\"",
        "Palmyre OR Tadmor",
        "Syrie -Daech",
    ] {
        let q = fouille::search::Query::new(q);
        let a = mapped.search(&q).expect("mapped search");
        assert!(a.total > 0, "{q:?} finds nothing");
        assert_eq!(a, read.search(&q).expect("read search"), "{q:?}");
    }
    // Reindexing from scratch deletes the segment files the engine holds
    // open: it still answers from them until it reloads.
    let seeds = ws.path().join("seeds");
    ws.run(&["index", "--rebuild", seeds.to_str().unwrap()])
        .expect(0);
    let q = fouille::search::Query::new("Qaryatayn");
    let before = mapped.search(&q).expect("mapped search");
    assert_eq!(read.search(&q).expect("after rebuild"), before);
    read.reload().expect("reload");
    assert_eq!(read.search(&q).expect("after reload").total, before.total);
}
