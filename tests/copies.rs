//! End-to-end tests of copies (issue 16): one story, one hit, with its
//! copies on an "also in" line; `--all-copies`; `similar`; `--wire`.

mod common;

use common::{seed_numbers, Workspace};

/// A workspace whose index holds the seeds.
fn seeded() -> Workspace {
    let ws = Workspace::new();
    let seeds = ws.copy_seeds("seeds");
    ws.run(&["index", seeds.to_str().unwrap()]).expect(0);
    ws
}

/// The cluster id of each hit, by seed number.
fn clusters(v: &serde_json::Value) -> Vec<(String, Option<String>)> {
    let mut out: Vec<(String, Option<String>)> = v["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| {
            (
                h["id"].as_str().expect("id")[..3].to_string(),
                h["cluster"].as_str().map(str::to_string),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn on_the_seeds_001_and_004_are_one_story_and_nothing_else_is() {
    let ws = seeded();
    let v = ws
        .run(&["search", "--json", "--all-copies", "--limit", "20", "*"])
        .expect(0)
        .json();
    let c = clusters(&v);
    assert_eq!(c.len(), 5, "{c:?}");
    let with: Vec<&str> = c
        .iter()
        .filter(|(_, id)| id.is_some())
        .map(|(n, _)| n.as_str())
        .collect();
    assert_eq!(with, ["001", "004"]);
    assert_eq!(c[1].1, c[4].1, "one cluster");
    assert_eq!(v["total"], 5);
    assert_eq!(v["stories"], 4);
}

#[test]
fn an_update_says_what_copies_it_found() {
    let ws = Workspace::new();
    let seeds = ws.copy_seeds("seeds");
    let s = ws
        .run(&["index", "--json", seeds.to_str().unwrap()])
        .expect(0)
        .json();
    assert_eq!(s["copies"]["stories"], 1, "{s}");
    assert_eq!(s["copies"]["articles"], 2, "{s}");
    assert_eq!(s["copies"]["crowded_band_keys"], 0, "{s}");
    // Nothing to do: nothing regrouped, nothing said.
    let again = ws
        .run(&["index", "--json", seeds.to_str().unwrap()])
        .expect(0)
        .json();
    assert!(again.get("copies").is_none(), "{again}");
    let text = ws
        .run(&["index", "--rebuild", seeds.to_str().unwrap()])
        .expect(0);
    assert!(
        text.stdout().contains("copies: 2 articles in 1 cluster\n"),
        "{}",
        text.stdout()
    );
}

#[test]
fn a_story_shows_once_with_where_else_it_ran() {
    let ws = seeded();
    let v = ws
        .run(&["search", "--json", "Qaryatayn chrétiens"])
        .expect(0)
        .json();
    let numbers = seed_numbers(&v);
    assert_eq!(numbers.len(), 2, "{numbers:?}");
    assert!(numbers.contains(&"002".to_string()));
    assert_eq!(v["total"], 3);
    assert_eq!(v["stories"], 2);
    let story = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["cluster"].is_string())
        .expect("the story of 001 and 004");
    let shown = &story["id"].as_str().unwrap()[..3];
    let copies = story["copies"].as_array().expect("copies");
    assert_eq!(copies.len(), 1);
    let other = &copies[0]["id"].as_str().unwrap()[..3];
    let mut pair = [shown, other];
    pair.sort();
    assert_eq!(pair, ["001", "004"]);

    let text = ws
        .run(&["search", "--color", "never", "Qaryatayn chrétiens"])
        .expect(0)
        .stdout();
    assert!(text.contains("also in: "), "{text}");
    assert!(text.contains("3 articles in 2 stories"), "{text}");
}

#[test]
fn all_copies_shows_every_member() {
    let ws = seeded();
    let v = ws
        .run(&["search", "--json", "--all-copies", "Qaryatayn chrétiens"])
        .expect(0)
        .json();
    assert_eq!(seed_numbers(&v), ["001", "002", "004"]);
    assert_eq!(v["stories"], 2);
}

#[test]
fn clusters_follow_edits_and_removals() {
    let ws = Workspace::new();
    let seeds = ws.copy_seeds("seeds");
    let arg = seeds.to_str().unwrap();
    ws.run(&["index", arg]).expect(0);
    let stories = |ws: &Workspace| {
        ws.run(&["search", "--json", "*"]).expect(0).json()["stories"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(stories(&ws), 4);
    // 004 rewritten into another text: no longer a copy of 001.
    let blog = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("004"))
        .unwrap();
    let other = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("003"))
        .unwrap();
    let original = std::fs::read(&blog).unwrap();
    std::fs::copy(&other, &blog).unwrap();
    ws.run(&["index", arg]).expect(0);
    // 003 and the new 004 are now the copies.
    let v = ws
        .run(&["search", "--json", "--all-copies", "*"])
        .expect(0)
        .json();
    let with: Vec<String> = clusters(&v)
        .into_iter()
        .filter(|(_, c)| c.is_some())
        .map(|(n, _)| n)
        .collect();
    assert_eq!(with, ["003", "004"]);
    // Removed: nothing left to copy.
    std::fs::remove_file(&blog).unwrap();
    ws.run(&["index", arg]).expect(0);
    assert_eq!(stories(&ws), 4);
    let v = ws.run(&["search", "--json", "*"]).expect(0).json();
    assert_eq!(v["total"], 4);
    // Back again: 001 and 004 are one story again.
    std::fs::write(&blog, original).unwrap();
    ws.run(&["index", arg]).expect(0);
    assert_eq!(stories(&ws), 4);
    let v = ws.run(&["search", "--json", "*"]).expect(0).json();
    assert_eq!(v["total"], 5);
}

#[test]
fn similar_lists_related_articles_but_not_copies() {
    let ws = seeded();
    let v = ws
        .run(&["search", "--json", "--all-copies", "Qaryatayn chrétiens"])
        .expect(0)
        .json();
    let id = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .find(|id| id.starts_with("001"))
        .unwrap();
    let v = ws.run(&["similar", "--json", &id]).expect(0).json();
    let numbers = seed_numbers(&v);
    assert!(!numbers.is_empty());
    assert!(!numbers.contains(&"001".to_string()), "itself: {numbers:?}");
    assert!(
        !numbers.contains(&"004".to_string()),
        "its copy: {numbers:?}"
    );
    // 000 and 002 are about Al-Qaryatayn too.
    assert!(numbers.contains(&"002".to_string()), "{numbers:?}");
    ws.run(&["similar", "no-such-id"]).expect(2);
}

#[test]
fn wire_filter_and_facet() {
    let ws = seeded();
    let v = ws.run(&["search", "--json", "*"]).expect(0).json();
    let afp = v["facets"]["wire"]["AFP"].as_u64().expect("AFP facet");
    assert!(afp >= 1);
    let v = ws
        .run(&["search", "--json", "--all-copies", "--wire", "afp", "*"])
        .expect(0)
        .json();
    assert_eq!(v["total"].as_u64(), Some(afp));
    assert!(seed_numbers(&v).contains(&"001".to_string()));
    let run = ws.run(&["search", "--wire", "XFP", "*"]).expect(2);
    assert!(run.stderr().contains("AFP"), "{}", run.stderr());
}

/// The groups of copies written beside the index in `dir` (keys).
fn groups_in(dir: &std::path::Path) -> Vec<Vec<u64>> {
    let bytes = std::fs::read(dir.join("clusters.bin")).expect("clusters.bin");
    let (c, _) = fouille::cluster::Clusters::decode(&bytes).expect("readable clusters");
    c.groups().into_iter().map(<[u64]>::to_vec).collect()
}

#[test]
fn updates_leave_the_clusters_a_rebuild_makes() {
    let ws = Workspace::new();
    let seeds = ws.copy_seeds("seeds");
    let arg = seeds.to_str().unwrap();
    ws.run(&["index", arg]).expect(0);
    let rebuilt = |ws: &Workspace| {
        let other = ws.path().join("rebuilt");
        ws.run_bare(&[
            "--index",
            other.to_str().unwrap(),
            "index",
            "--rebuild",
            arg,
        ])
        .expect(0);
        groups_in(&other)
    };
    assert_eq!(groups_in(&ws.index()), rebuilt(&ws));
    let text_of = |n: &str| {
        std::fs::read_dir(&seeds)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(n))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .unwrap()
    };
    // A third outlet reprints 001, a fourth 003.
    let reprint = seeds.join("101_00000000000000aa.txt");
    std::fs::write(&reprint, format!("Info Matin\n\n{}", text_of("001"))).unwrap();
    std::fs::write(seeds.join("102_00000000000000bb.txt"), text_of("003")).unwrap();
    ws.run(&["index", arg]).expect(0);
    let now = groups_in(&ws.index());
    assert_eq!(now.len(), 2, "{now:?}");
    assert_eq!(now, rebuilt(&ws));
    // The reprint goes, 004 is removed: 001 has no copy left.
    std::fs::remove_file(&reprint).unwrap();
    std::fs::remove_file(
        seeds.join(
            std::fs::read_dir(&seeds)
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .find(|n| n.to_string_lossy().starts_with("004"))
                .unwrap(),
        ),
    )
    .unwrap();
    ws.run(&["index", arg]).expect(0);
    let now = groups_in(&ws.index());
    assert_eq!(now.len(), 1, "{now:?}");
    assert_eq!(now, rebuilt(&ws));
}

/// Facet and timeline counts are per article unless `--stories` asks for
/// stories: 001 and 004 (one AFP story, two outlets) then count once for
/// the places and the month they share, and still once for each outlet.
#[test]
fn facets_and_timeline_count_stories_when_asked() {
    let ws = seeded();
    let places = |extra: &[&str]| {
        let mut args = vec!["facets", "--json", "--field", "place"];
        args.extend_from_slice(extra);
        ws.run(&args).expect(0).json()["facets"]["place"].clone()
    };
    let (articles, stories) = (places(&[]), places(&["--stories"]));
    let syria = |v: &serde_json::Value| {
        v.as_object()
            .unwrap()
            .iter()
            .find(|(k, _)| k.starts_with("Syri"))
            .map(|(_, n)| n.as_u64().unwrap())
    };
    assert_eq!(syria(&articles), Some(5), "{articles}");
    assert_eq!(syria(&stories), Some(4), "{stories}");

    let outlets = ws
        .run(&["facets", "--json", "--field", "source", "--stories"])
        .expect(0)
        .json();
    let outlets = outlets["facets"]["source"].as_object().unwrap().clone();
    assert_eq!(outlets.len(), 5, "{outlets:?}");
    assert!(outlets.values().all(|n| n == 1), "{outlets:?}");

    let month = |extra: &[&str]| {
        let mut args = vec!["timeline", "--json"];
        args.extend_from_slice(extra);
        ws.run(&args).expect(0).json()["counts"]["2017-10"].clone()
    };
    assert_eq!(month(&[]), 2);
    assert_eq!(month(&["--stories"]), 1);
}
