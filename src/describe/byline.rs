//! Authors of an article: the markup's authors, else a byline near the
//! headline ("Par Jean Dupont", "By …", "Von …"), else a signature closing
//! the article (initials "R. I." or a name alone on its line).

use std::sync::LazyLock;

use regex::Regex;

use super::agencies::is_agency;
use super::layout::Layout;
use super::text::{fold, fold_alnum, has_at_most_words, is_name_particle, starts_upper};
use crate::page::{Kind, Page};

/// How far around the headline a byline may sit, in blocks.
const BYLINE_REACH: usize = 4;

/// How many blocks after the last paragraph may hold the signature.
const SIGNATURE_REACH: usize = 2;

/// The authors of a page, most reliable evidence first.
pub fn authors(page: &Page, layout: &Layout) -> Vec<String> {
    let from_meta = dedup(
        page.meta
            .authors
            .iter()
            .filter_map(|a| clean_meta_author(a)),
    );
    if !from_meta.is_empty() {
        return from_meta;
    }
    let bylines = dedup(byline_blocks(page, layout).flat_map(byline_names));
    if !bylines.is_empty() {
        return bylines;
    }
    dedup(signature(page, layout))
}

/// A markup author that names a person: not a URL, not an agency, not empty.
fn clean_meta_author(a: &str) -> Option<String> {
    let a = a.trim();
    (!a.is_empty() && !a.contains("://") && !is_agency(a) && has_at_most_words(a, 6))
        .then(|| a.to_string())
}

fn dedup(names: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in names {
        if !out.iter().any(|o| fold_alnum(o) == fold_alnum(&n)) {
            out.push(n);
        }
    }
    out
}

/// Short blocks around the headline and right after the article, where
/// bylines are printed.
fn byline_blocks<'a>(page: &'a Page, layout: &'a Layout) -> impl Iterator<Item = &'a str> {
    let t = layout.title.unwrap_or(0);
    let head = t.saturating_sub(BYLINE_REACH)..(layout.after_title() + BYLINE_REACH);
    let tail = layout
        .body_end
        .map_or(0..0, |e| e + 1..e + 1 + SIGNATURE_REACH);
    let comments = layout.comments;
    page.blocks
        .iter()
        .enumerate()
        .filter(move |(i, b)| {
            (head.contains(i) || tail.contains(i))
                && *i < comments
                && matches!(b.kind, Kind::Chrome | Kind::Content)
                && layout.has_at_most_words(*i, 20)
        })
        .map(|(_, b)| b.text.as_str())
}

/// The names of a byline: "Par Jean Dupont et Marie Curie, envoyés
/// spéciaux", "By Jane Doe | 1 Oct 2017", "Publié par Jean Dupont le 3 mars".
pub fn byline_names(text: &str) -> Vec<String> {
    static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\s*(?:(?i:propos recueillis par|un article de|publié par|écrit par|rédigé par|posted by|written by|texte|auteur|author|autor)\s*:?|(?:Par|PAR|par|By|BY|by|Von|VON|von)(?-u:\b)\s*:?)\s*(.+)$",
        )
        .expect("valid regex")
    });
    static END: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s+(?:le|on|am)\s+(?:\d|lun|mar|mer|jeu|ven|sam|dim|mon|tue|wed|thu|fri|sat|sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag).*$|\s+(?:publié|mis à jour|updated|posted)(?-u:\b).*$|\s*[|–—•·].*$|\s+-\s+.*$|\s*\d.*$")
            .expect("valid regex")
    });
    static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s*(?:,|;|&|(?-u:\b)et(?-u:\b)|(?-u:\b)and(?-u:\b)|(?-u:\b)und(?-u:\b)|(?-u:\b)avec(?-u:\b)|(?-u:\b)with(?-u:\b)|(?-u:\b)mit(?-u:\b))\s*")
            .expect("valid regex")
    });
    let Some(c) = BYLINE.captures(text) else {
        return Vec::new();
    };
    let names = END.replace(&c[1], "");
    SPLIT
        .split(&names)
        .map(|n| n.trim().trim_end_matches(['.', ','].as_slice()).trim())
        .filter(|n| is_person_name(n))
        .map(str::to_string)
        .collect()
}

/// The signature closing the article: within a few blocks after the last
/// paragraph, a block that is only initials or a person's name, possibly
/// followed by an agency ("Jean Dupont (avec AFP)").
fn signature(page: &Page, layout: &Layout) -> Vec<String> {
    static AGENCY_TAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s*(?:\(\s*avec\s+[^)]*\)|\([^)]*\)|\s+avec\s+.*|,\s.*)$")
            .expect("valid regex")
    });
    let Some(end) = layout.body_end else {
        return Vec::new();
    };
    page.blocks
        .iter()
        .enumerate()
        .skip(end + 1)
        .take(SIGNATURE_REACH)
        .take_while(|(i, _)| *i < layout.comments && !layout.is_paragraph(page, *i))
        .filter(|(_, b)| matches!(b.kind, Kind::Chrome | Kind::Content))
        .map(|(_, b)| AGENCY_TAIL.replace(b.text.trim(), "").trim().to_string())
        .find(|t| is_initials(t) || is_person_name(t))
        .into_iter()
        .collect()
}

/// Initials signing an article: "R. I.", "A.B.", "J.-P. D.". "D. R."
/// (droits réservés) is a photo credit, not a signature.
pub fn is_initials(text: &str) -> bool {
    static INITIALS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\p{Lu}\p{Ll}?\.(?:\s*-\s*\p{Lu}\.)?\s*){2,3}$").expect("valid regex")
    });
    let t = text.trim();
    INITIALS.is_match(t) && fold_alnum(t) != "dr"
}

/// Two to four capitalised words (lower-case particles inside), no
/// sentence punctuation, none of them a common label word: "Jean René
/// Belliard", "Abou Bakr al-Baghdadi", "Jean DUPONT".
pub fn is_person_name(text: &str) -> bool {
    let t = text.trim();
    if t.contains(|c: char| c.is_ascii_digit() || ".!?:;,«»\"()[]{}|/…+*#@=<>".contains(c))
        || is_agency(t)
    {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let capitalised: Vec<&&str> = words.iter().filter(|w| starts_upper(w)).collect();
    (2..=5).contains(&words.len())
        && (2..=4).contains(&capitalised.len())
        && starts_upper(words[0])
        && words
            .last()
            .is_some_and(|w| starts_upper(w) || w.contains('-'))
        && words
            .iter()
            .all(|w| starts_upper(w) || is_name_particle(w) || is_particle_prefixed(w))
        && !words.iter().any(|w| is_label_word(w))
        // "SUBSCRIBER ONLY", "MOTS CLÉS": a shouted label, not a name.
        && !words.iter().all(|w| !w.chars().any(char::is_lowercase))
}

/// "al-Baghdadi", "el-Assad", "d'Estaing": a particle glued to a name.
fn is_particle_prefixed(w: &str) -> bool {
    let f = fold(w);
    [
        "al-", "el-", "ad-", "ar-", "as-", "d'", "l'", "ben-", "ibn-",
    ]
    .iter()
    .any(|p| {
        f.starts_with(p)
            && w.chars()
                .nth(p.chars().count())
                .is_some_and(char::is_uppercase)
    })
}

/// Words of menus, widgets and labels that are capitalised like names.
fn is_label_word(w: &str) -> bool {
    const LABELS: &[&str] = &[
        "mots",
        "cles",
        "tags",
        "lire",
        "aussi",
        "articles",
        "article",
        "similaires",
        "populaires",
        "partager",
        "suivez",
        "suivre",
        "nous",
        "newsletter",
        "categories",
        "publicite",
        "commentaires",
        "commentaire",
        "contact",
        "accueil",
        "plus",
        "voir",
        "tous",
        "toutes",
        "infos",
        "info",
        "dernieres",
        "derniere",
        "actualites",
        "rubrique",
        "rubriques",
        "edition",
        "editions",
        "archives",
        "abonnez",
        "abonnement",
        "facebook",
        "twitter",
        "whatsapp",
        "linkedin",
        "email",
        "imprimer",
        "envoyer",
        "redaction",
        "read",
        "more",
        "share",
        "related",
        "posts",
        "comments",
        "weitere",
        "mehr",
        "teilen",
        "lesen",
        "placeholder",
        "politique",
        "societe",
        "monde",
        "international",
        "sport",
        "culture",
        "economie",
        "video",
        "videos",
        "photos",
        "photo",
        "syrie",
        "france",
        "quoi",
        "the",
        "les",
        "des",
        "une",
        "un",
        "sur",
        "pour",
        "dans",
        "avec",
        "par",
        "buy",
        "now",
        "channel",
        "discord",
        "policy",
        "privacy",
        "company",
        "our",
        "your",
        "links",
        "link",
        "footer",
        "header",
        "selection",
        "language",
        "team",
        "network",
        "unser",
        "unsere",
        "unserer",
        "alle",
        "zum",
        "zur",
        "der",
        "die",
        "das",
        "tests",
        "test",
        "voting",
        "shopping",
        "gutscheine",
        "meistgelesene",
        "artikel",
        "themenrelevante",
        "nachrichten",
        "ubersicht",
        "subscriber",
        "only",
        "additional",
        "home",
        "menu",
        "search",
        "login",
        "sign",
        "cookie",
        "cookies",
        "settings",
        "terms",
        "conditions",
        "service",
        "services",
        "help",
        "support",
        "about",
        "follow",
        "sitemap",
        "imprint",
        "impressum",
        "datenschutz",
        "copyright",
        "rights",
        "reserved",
        "popular",
        "latest",
        "trending",
        "top",
        "most",
        "watch",
        "listen",
        "download",
        "app",
        "apps",
        "store",
        "shop",
        "news",
        "blog",
        "podcast",
        "events",
        "jobs",
        "careers",
        "newsletter",
        "abonnieren",
        "anmelden",
        "kontakt",
        "suche",
        "startseite",
        "mentions",
        "legales",
        "generales",
        "recherche",
        "rechercher",
        "connexion",
        "inscription",
        "aller",
        "contenu",
        "retour",
        "haut",
        "page",
        "suivant",
        "precedent",
        "next",
        "previous",
        "back",
        "continue",
        "lesen",
        "weiter",
        "zuruck",
    ];
    let f = fold(w);
    f.split(['-', '\''])
        .any(|part| LABELS.contains(&part.trim_matches(|c: char| !c.is_alphanumeric())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::Meta;

    const PARA: &str = "L'armée syrienne a repris la ville après des combats qui ont duré plusieurs jours, selon une source militaire.";

    fn page(blocks: &[(&str, Kind)]) -> Page {
        Page::from_blocks(blocks)
    }

    fn authors_of(p: &Page) -> Vec<String> {
        authors(p, &Layout::of(p))
    }

    #[test]
    fn bylines() {
        assert_eq!(byline_names("Par Jean Dupont"), ["Jean Dupont"]);
        assert_eq!(
            byline_names("Par Jean Dupont et Marie Curie, envoyés spéciaux"),
            ["Jean Dupont", "Marie Curie"]
        );
        assert_eq!(byline_names("By Jane Doe | October 1, 2017"), ["Jane Doe"]);
        assert_eq!(
            byline_names("Von Hans Müller am 1. Oktober 2017"),
            ["Hans Müller"]
        );
        assert_eq!(
            byline_names("Publié par Jean Dupont le 3 mars 2016"),
            ["Jean Dupont"]
        );
        assert_eq!(byline_names("Par Jean DUPONT avec AFP"), ["Jean DUPONT"]);
        assert!(byline_names("Par ailleurs, le ministre a démenti.").is_empty());
        assert!(byline_names("Par-delà les frontières").is_empty());
    }

    #[test]
    fn names_and_initials() {
        assert!(is_person_name("Jean René Belliard"));
        assert!(is_person_name("Abou Bakr al-Baghdadi"));
        assert!(is_person_name("Jean de La Fontaine"));
        assert!(!is_person_name("De Quoi j'me Mêle"));
        assert!(!is_person_name("Les + Populaires"));
        assert!(!is_person_name("Mots Clés"));
        assert!(!is_person_name("Placeholder"));
        assert!(!is_person_name("Sources: AFP, Sana"));
        assert!(!is_person_name("Privacy Policy"));
        assert!(!is_person_name("Zur Newsletter-Übersicht"));
        assert!(!is_person_name("SUBSCRIBER ONLY"));
        assert!(is_person_name("Jean DUPONT"));
        assert!(is_initials("R. I."));
        assert!(is_initials("A.B."));
        assert!(is_initials("J.-P. D."));
        assert!(!is_initials("D. R."));
        assert!(!is_initials("R."));
    }

    #[test]
    fn meta_authors_first() {
        let mut p = page(&[("Titre", Kind::Title), ("Par Jean Dupont", Kind::Chrome)]);
        p.meta = Meta {
            authors: vec![" Marie Curie ".into(), "AFP".into(), "".into()],
            ..Default::default()
        };
        assert_eq!(authors_of(&p), ["Marie Curie"]);
        p.meta.authors.clear();
        assert_eq!(authors_of(&p), ["Jean Dupont"]);
    }

    #[test]
    fn initials_signature_after_the_body() {
        let p = page(&[
            ("Syrie : capitulation de Daech", Kind::Title),
            ("Syrie reconstruction", Kind::Chrome),
            (
                "Des images d'apocalypse, mais la reconstruction a commencé. D. R.",
                Kind::Chrome,
            ),
            (PARA, Kind::Content),
            (PARA, Kind::Content),
            ("R. I.", Kind::Chrome),
            ("Comment (5)", Kind::Comments),
            ("Lambda Dupont", Kind::Comments),
        ]);
        assert_eq!(authors_of(&p), ["R. I."]);
    }

    #[test]
    fn name_signature_after_the_body() {
        let p = page(&[
            ("01/10/2017", Kind::Chrome),
            ("Syrie : Daech s'empare d'une ville", Kind::Title),
            ("Syrie", Kind::Chrome),
            (PARA, Kind::Content),
            ("Jean René Belliard", Kind::Chrome),
            (
                "19:08 Publié dans Syrie | Lien permanent | Commentaires (2)",
                Kind::Chrome,
            ),
            ("Écrit par : Daniel | 03/10/2017", Kind::Comments),
        ]);
        assert_eq!(authors_of(&p), ["Jean René Belliard"]);
    }

    #[test]
    fn chrome_after_the_body_is_no_author() {
        let p = page(&[
            ("L'Expression", Kind::Chrome),
            ("L'armée chasse Daesh", Kind::Title),
            (PARA, Kind::Content),
            ("De Quoi j'me Mêle", Kind::Chrome),
            ("Placeholder", Kind::Chrome),
            (
                "Découvrez toutes les anciennes éditions de votre journal préféré",
                Kind::Chrome,
            ),
            ("Les + Populaires", Kind::Chrome),
        ]);
        assert!(authors_of(&p).is_empty());
    }

    #[test]
    fn no_author_from_comments() {
        let p = page(&[
            ("Titre", Kind::Title),
            (PARA, Kind::Content),
            ("Commentaires", Kind::Chrome),
            ("Écrit par : Daniel Martin | 03/10/2017", Kind::Comments),
            ("Jean Dupont", Kind::Comments),
        ]);
        assert!(authors_of(&p).is_empty());
    }
}
