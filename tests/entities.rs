//! End-to-end tests of entity facets, filters and alias-aware queries on
//! the bundled seeds.

mod common;

use common::{seed_numbers, Workspace};

fn seeded() -> Workspace {
    let ws = Workspace::new();
    let seeds = ws.copy_seeds("seeds");
    ws.run(&["index", seeds.to_str().unwrap()]).expect(0);
    ws
}

#[test]
fn any_spelling_of_a_place_filters_the_same_articles() {
    let ws = seeded();
    let by = |place: &str| {
        let v = ws
            .run(&["search", "--json", "--place", place])
            .expect(0)
            .json();
        seed_numbers(&v)
    };
    let palmyre = by("Palmyre");
    // 000, 002 and 004 are about Palmyre (002 mostly says Tadmor).
    assert_eq!(palmyre, ["000", "002", "004"]);
    assert_eq!(by("Tadmor"), palmyre);
    assert_eq!(by("Palmyra"), palmyre);
    assert_eq!(by("Deir Ezzor"), by("Deir ez-Zor"));
    assert_eq!(by("al-Qarytayn"), by("Al-Qaryatayn"));
}

#[test]
fn the_islamic_state_under_all_its_names() {
    let ws = seeded();
    let by = |org: &str| {
        let v = ws.run(&["search", "--json", "--org", org]).expect(0).json();
        seed_numbers(&v)
    };
    let daech = by("Daech");
    assert!(daech.len() >= 4, "{daech:?}");
    for name in ["Etat islamique", "EI", "Daesh", "État islamique"] {
        assert_eq!(by(name), daech, "{name}");
    }
}

#[test]
fn unknown_place_suggests_the_closest_names() {
    let ws = seeded();
    let run = ws.run(&["search", "--place", "Qaryatyn"]).expect(2);
    let err = run.stderr();
    assert!(err.contains("did you mean"), "{err}");
    assert!(err.to_lowercase().contains("qaryatayn"), "{err}");
}

#[test]
fn facets_count_entities_outlets_and_years() {
    let ws = seeded();
    let v = ws.run(&["facets", "--json"]).expect(0).json();
    assert_eq!(v["facets"]["year"]["2017"], 3);
    assert_eq!(v["facets"]["year"]["2016"], 2);
    assert_eq!(v["facets"]["source"]["L'Expression"], 1);
    let orgs = v["facets"]["org"].as_object().unwrap();
    assert!(orgs.keys().any(|k| k.contains("islamique")), "{orgs:?}");
    let v = ws
        .run(&["facets", "--json", "--field", "source", "--from", "2017"])
        .expect(0)
        .json();
    assert_eq!(v["total"], 3);
    assert!(v["facets"].get("place").is_none());
}

#[test]
fn search_json_carries_entities_and_facets() {
    let ws = seeded();
    let v = ws.run(&["search", "--json", "Qalamoun"]).expect(0).json();
    let hit = &v["hits"][0];
    assert!(hit["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o.as_str().unwrap().contains("Hezbollah")));
    assert_eq!(v["facets"]["source"]["Algérie Patriotique"], 1);
}

#[test]
fn timeline_counts_per_month() {
    let ws = seeded();
    let v = ws.run(&["timeline", "--json"]).expect(0).json();
    assert_eq!(v["counts"]["2017-10"], 2);
    assert_eq!(v["counts"]["2016-03"], 1);
    assert_eq!(v["counts"]["2016-05"], 0, "gaps are shown");
    let v = ws
        .run(&["timeline", "--json", "--yearly", "Qalamoun"])
        .expect(0)
        .json();
    assert_eq!(v["counts"]["2017"], 1);
}

#[test]
fn a_user_gazetteer_adds_names() {
    let ws = Workspace::new();
    ws.write(
        "a/x.txt",
        "Un titre sur Zorglubie\n\nLes habitants de la ville de Zorglub ont fêté la victoire hier soir.",
    );
    ws.write("gaz.tsv", "place\tZorglub\tZorglubville|Zorgl\n");
    let arch = ws.path().join("a");
    ws.run(&[
        "--gazetteer",
        ws.path().join("gaz.tsv").to_str().unwrap(),
        "index",
        arch.to_str().unwrap(),
    ])
    .expect(0);
    let v = ws
        .run(&["search", "--json", "--place", "Zorglubville"])
        .expect(0)
        .json();
    assert_eq!(v["total"], 1);
}

#[test]
fn a_query_word_naming_an_entity_finds_its_aliases() {
    let ws = Workspace::new();
    ws.write(
        "a/tadmor.txt",
        "L'armée reprend Tadmor\n\nLes forces syriennes sont entrées dimanche dans la ville de Tadmor, dans la province de Homs, après trois semaines de combats.",
    );
    ws.write(
        "a/autre.txt",
        "Une autre histoire\n\nLe conseil municipal de la ville de Lyon a voté le budget mardi soir après un long débat.",
    );
    ws.run(&["index", ws.path().join("a").to_str().unwrap()])
        .expect(0);
    let v = ws.run(&["search", "--json", "Palmyre"]).expect(0).json();
    assert_eq!(common::hit_ids(&v), ["tadmor"]);
    assert_eq!(v["hits"][0]["via_alias"][0], "Palmyre");
    let out = ws.run(&["search", "Palmyre"]).expect(0).stdout();
    assert!(out.contains("through an alias"), "{out}");
}

#[test]
fn a_word_in_the_title_or_far_in_the_body_is_no_alias_match() {
    let ws = Workspace::new();
    ws.write(
        "a/titre.txt",
        "Combats dans le Qalamoun\n\nLes forces syriennes ont progressé dimanche dans la région montagneuse, après trois semaines de combats.",
    );
    // Past the part of the body that a passage search reads.
    let filler: String = (0..1_500)
        .map(|i| {
            format!(
                "Au point {i} de la séance, le conseil a examiné le dossier numéro {}.\n\n",
                i * 7
            )
        })
        .collect();
    ws.write(
        "a/loin.txt",
        format!(
            "Une longue chronique\n\nLes combats ont repris dimanche matin dans plusieurs \
             villages de la région, selon des témoins joints par téléphone.\n\n{filler}\
             Selon des témoins, les affrontements se sont ensuite étendus à toute la région \
             du Qalamoun, près de la frontière libanaise, dans la nuit de lundi."
        ),
    );
    ws.run(&["index", ws.path().join("a").to_str().unwrap()])
        .expect(0);
    let v = ws
        .run(&["search", "--json", "combats Qalamoun"])
        .expect(0)
        .json();
    assert_eq!(v["total"], 2);
    for hit in v["hits"].as_array().unwrap() {
        assert!(hit.get("via_alias").is_none(), "{hit}");
    }
}

#[test]
fn a_person_no_list_names_is_a_facet_and_a_filter() {
    let ws = Workspace::new();
    ws.write(
        "a/greve.txt",
        "Grève au port\n\nLes dockers ont cessé le travail lundi. « Nous ne lâcherons rien », a prévenu hier Ambroisine Kervadec, déléguée du personnel. Kervadec doit rencontrer la direction jeudi.",
    );
    ws.write(
        "a/autre.txt",
        "Une autre histoire\n\nLe conseil municipal de la ville de Lyon a voté le budget mardi soir après un long débat.",
    );
    ws.run(&["index", ws.path().join("a").to_str().unwrap()])
        .expect(0);
    let v = ws
        .run(&["facets", "--json", "--field", "person"])
        .expect(0)
        .json();
    let people = v["facets"]["person"].as_object().unwrap();
    assert_eq!(
        people.get("Ambroisine Kervadec"),
        Some(&1.into()),
        "{people:?}"
    );
    assert!(
        !people.contains_key("Kervadec"),
        "one name per person: {people:?}"
    );
    let v = ws
        .run(&["search", "--json", "--person", "Ambroisine Kervadec"])
        .expect(0)
        .json();
    assert_eq!(common::hit_ids(&v), ["greve"]);
}
