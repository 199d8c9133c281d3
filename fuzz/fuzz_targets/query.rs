//! The query path: any query text, in AND or OR mode, sorted either way,
//! with or without filters, against a small index built once: results or a
//! clear error, never a panic.
#![no_main]

use std::path::PathBuf;
use std::sync::LazyLock;

use chrono::NaiveDate;
use fouille::entities::Gazetteer;
use fouille::index::{update, UpdateOptions};
use fouille::search::{Engine, Query, Sort};
use libfuzzer_sys::fuzz_target;

const DOCS: &[(&str, &str)] = &[
    (
        "a.txt",
        "L'armée syrienne reprend Qaryatayn\n\nPar Jean Dupont (AFP), le 1er octobre 2017\n\n\
         Les chrétiens de Qaryatayn sont rentrés chez eux après des mois d'exil. \
         « C'est une victoire », a déclaré l'évêque à Damas.",
    ),
    (
        "b.txt",
        "Le Hezbollah dans le Qalamoun\n\n29 août 2017 - 4 h 00 min\n\n\
         Les combattants du Hezbollah libanais ont encerclé les derniers \
         jihadistes de l'État islamique dans le Qalamoun, selon Reuters.",
    ),
    (
        "c.txt",
        "Élections à Paris : le maire sortant réélu\n\n12/03/2020\n\n\
         Anne Hidalgo l'emporte au second tour ; l'abstention atteint un record.",
    ),
    ("d.html", "<html><head><title>Météo</title></head><body><h1>Pluie à Lyon</h1>\
         <p>Il pleuvra sur Lyon et Marseille toute la semaine, d'après Météo-France.</p></body></html>"),
];

static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    let root: PathBuf =
        std::env::temp_dir().join(format!("fouille-fuzz-query-{}", std::process::id()));
    let archive = root.join("docs");
    std::fs::create_dir_all(&archive).expect("fuzz archive dir");
    for (name, text) in DOCS {
        std::fs::write(archive.join(name), text).expect("fuzz doc");
    }
    let index = root.join("index");
    let opts = UpdateOptions {
        threads: 1,
        ..UpdateOptions::default()
    };
    update(&index, &[archive], &|| Ok(Gazetteer::bundled()), &opts).expect("fuzz index");
    Engine::open(&index).expect("fuzz engine")
});

fuzz_target!(
    |input: (&str, u8, u8, Option<String>, Option<(i32, u32)>)| {
        let (text, flags, limit, place, from) = input;
        let mut q = Query::new(text);
        q.any = flags & 1 != 0;
        q.sort = if flags & 2 != 0 {
            Sort::Date
        } else {
            Sort::Relevance
        };
        q.limit = usize::from(limit);
        q.offset = usize::from(flags >> 4);
        if let Some(p) = place {
            q.filters.places.push(p);
        }
        q.filters.from = from.and_then(|(y, d)| NaiveDate::from_yo_opt(y, d));
        if flags & 4 != 0 {
            q.filters.to = NaiveDate::from_ymd_opt(2018, 1, 1);
        }
        let _ = ENGINE.search(&q);
        if flags & 8 != 0 {
            let _ = ENGINE.top_and_count(&q);
            let _ = ENGINE.timeline(&q);
        }
    }
);
