//! The five seed pages labelled by hand the way the real cleaner labels
//! them (title, chrome, comments by line number of the raw file), checked
//! against what a reader can see on each page.

use super::*;
use crate::page::{Block, Kind, Meta};

/// Builds a page from a raw text dump: one block per non-empty line, kinds
/// given by 1-based line numbers; `comments_from` starts the comments.
fn labelled(raw: &str, title: usize, chrome: &[usize], comments_from: Option<usize>) -> Page {
    let blocks = raw
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .map(|(n, l)| {
            let kind = if n == title {
                Kind::Title
            } else if comments_from.is_some_and(|c| n >= c) {
                Kind::Comments
            } else if chrome.contains(&n) {
                Kind::Chrome
            } else {
                Kind::Content
            };
            Block {
                text: l.to_string(),
                kind,
            }
        })
        .collect();
    Page {
        blocks,
        meta: Meta::default(),
    }
}

fn seed(n: usize) -> Page {
    match n {
        0 => labelled(
            include_str!("../../seeds/000_267bb8b3a58bb06f.txt"),
            9,
            &[1, 3, 5, 7, 18, 20, 22, 24, 26],
            None,
        ),
        1 => labelled(
            include_str!("../../seeds/001_19cbf5513036d9dd.txt"),
            6,
            &[1, 2, 4, 18, 19],
            None,
        ),
        2 => labelled(
            include_str!("../../seeds/002_6c47c855ba33597e.txt"),
            3,
            &[1, 5, 66],
            None,
        ),
        3 => labelled(
            include_str!("../../seeds/003_76b50f77c4356d27.txt"),
            1,
            &[3, 4, 24],
            Some(26),
        ),
        _ => labelled(
            include_str!("../../seeds/004_b38c530087b45afb.txt"),
            3,
            &[1, 5, 6, 7, 22, 26],
            Some(28),
        ),
    }
}

#[test]
fn seed_dates() {
    let dates: Vec<_> = (0..5).map(|n| describe(&seed(n)).published).collect();
    assert_eq!(
        dates,
        [None, None, None, None, NaiveDate::from_ymd_opt(2017, 10, 1)]
    );
}

#[test]
fn seed_outlets() {
    let outlets: Vec<_> = (0..5).map(|n| describe(&seed(n)).source).collect();
    assert_eq!(
        outlets,
        [Some("L'Expression".to_string()), None, None, None, None]
    );
}

#[test]
fn seed_authors() {
    let authors: Vec<_> = (0..5).map(|n| describe(&seed(n)).authors).collect();
    let none: Vec<String> = Vec::new();
    assert_eq!(
        authors,
        [
            none.clone(),
            none.clone(),
            none,
            vec!["R. I.".to_string()],
            vec!["Jean René Belliard".to_string()]
        ]
    );
}

#[test]
fn seed_wire_sources() {
    let wires: Vec<_> = (0..5).map(|n| describe(&seed(n)).wire_sources).collect();
    assert_eq!(wires[0], Vec::<String>::new());
    assert_eq!(wires[1], ["AFP"]);
    assert_eq!(wires[2], ["AFP", "Sana", "Média de guerre", "Sputnik"]);
    assert_eq!(wires[3], Vec::<String>::new());
    assert_eq!(wires[4], Vec::<String>::new());
}

#[test]
fn seed_titles() {
    assert_eq!(
        describe(&seed(0)).title.as_deref(),
        Some("L'armée chasse Daesh d'Al-Qaryatayn")
    );
    assert_eq!(
        describe(&seed(4)).title.as_deref(),
        Some("Syrie : Daech s'empare d'Al-Qaryatayn, ville symbolique dans le centre de la Syrie")
    );
}

#[test]
fn meta_title_loses_its_site_suffix() {
    let page = Page {
        meta: Meta {
            title: Some(" L'armée avance - Le Monde ".into()),
            site_name: Some("Le Monde".into()),
            ..Default::default()
        },
        ..Default::default()
    };
    assert_eq!(describe(&page).title.as_deref(), Some("L'armée avance"));
    assert_eq!(
        strip_site_suffix("Titre | Actualités Monde", None, None),
        "Titre"
    );
    assert_eq!(
        strip_site_suffix(
            "Titre - lexpression",
            None,
            Some("https://www.lexpression.dz/a")
        ),
        "Titre"
    );
    assert_eq!(
        strip_site_suffix("Paris - Berlin, une histoire", None, None),
        "Paris - Berlin, une histoire"
    );
    assert_eq!(strip_site_suffix("| Site", None, None), "| Site");
}

#[test]
fn empty_page() {
    assert_eq!(describe(&Page::default()), Description::default());
}

#[test]
fn odd_input_does_not_panic() {
    let odd = [
        "",
        " ",
        "©",
        "Par",
        "Par :",
        "Sources:",
        "Sources: ,,,",
        "(AFP",
        "Publié le",
        "1er",
        "31/12/",
        "é/é/éééé",
        "0/0/0000",
        "99-99-9999",
        "2017-13-45",
        "Selon , instance médiatique",
        "agence ",
        "Le blog de",
        "😀 1er octobre 2017 😀",
        "\u{feff}01/10/2017",
        "R.",
        "l'",
        "AFP/",
    ];
    for (i, t) in odd.iter().enumerate() {
        let kinds = [Kind::Chrome, Kind::Title, Kind::Content, Kind::Comments];
        let blocks = odd
            .iter()
            .enumerate()
            .map(|(j, u)| Block {
                text: format!("{t}{u}"),
                kind: kinds[(i + j) % 4],
            })
            .collect();
        let page = Page {
            blocks,
            meta: Meta {
                dates: vec![t.to_string()],
                url: Some(t.to_string()),
                title: Some(t.to_string()),
                ..Default::default()
            },
        };
        let _ = describe(&page);
        let _ = parse_french_date(t);
        let _ = date_from_url(t);
        let _ = parse_meta_date(t);
    }
}
