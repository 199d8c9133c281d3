//! The outlet (newspaper, site, blog) a page belongs to: what the markup
//! says, else a masthead printed above the headline, else a blog title or a
//! copyright footer. Only what the page shows: no guessing from style.

use std::sync::LazyLock;

use regex::Regex;

use super::agencies::is_agency;
use super::layout::Layout;
use super::text::{fold, fold_alnum, is_name_particle, starts_upper, words_up_to};
use crate::page::{Kind, Page};

/// The outlet of a page, or `None` when the page does not name it.
pub fn outlet(page: &Page, layout: &Layout) -> Option<String> {
    let host = page.meta.url.as_deref().and_then(host_labels);
    page.meta
        .site_name
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .or_else(|| masthead(page, layout, host.as_deref()))
        .or_else(|| footer_name(page, layout, host.as_deref()))
}

/// A publication name printed above the headline. With the page's address
/// known, any pre-headline block naming its host; without it, only the very
/// first block of the page, and only if it is shaped like a title of a
/// publication (a menu word or a section label is not one).
fn masthead(page: &Page, layout: &Layout, host: Option<&[String]>) -> Option<String> {
    let before = &page.blocks[..layout.title?];
    let usable = |k: Kind| k == Kind::Chrome || k == Kind::Content;
    match host {
        Some(host) => before
            .iter()
            .filter(|b| usable(b.kind) && is_name_shaped(&b.text))
            .find(|b| names_host(&b.text, host))
            .map(|b| b.text.trim().to_string()),
        None => before
            .first()
            .filter(|b| usable(b.kind) && is_publication_name(&b.text))
            .map(|b| b.text.trim().to_string()),
    }
}

/// A blog title ("Le blog de Jean Dupont") above the headline or below the
/// article, or a copyright footer ("© 2016 L'Expression").
fn footer_name(page: &Page, layout: &Layout, host: Option<&[String]>) -> Option<String> {
    static BLOG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[Ll]e\s+|[Uu]n\s+)?[Bb]log\s+(?:de|du|d'|d’)\s*\p{Lu}")
            .expect("valid regex")
    });
    static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?[-–,]?\s*(.+?)\s*(?:[-–,.]\s*)?(?:tous droits réservés|all rights reserved|alle rechte vorbehalten)?\.?$",
        )
        .expect("valid regex")
    });
    let title = layout.title.unwrap_or(0);
    let tail = layout.body_end.map_or(layout.after_title(), |e| e + 1);
    let candidates = (0..title).chain(tail..layout.comments);
    let blocks = &page.blocks;
    let fits_host = |name: &str| host.is_none_or(|h| names_host(name, h));
    for i in candidates.filter(|&i| blocks[i].kind != Kind::Comments) {
        let text = blocks[i].text.trim();
        if !layout.has_at_most_words(i, 10) {
            continue;
        }
        if BLOG.is_match(text) && is_name_shaped(text) {
            return Some(text.to_string());
        }
        if let Some(name) = COPYRIGHT.captures(text).and_then(|c| c.get(1)) {
            let name = without_company_form(
                name.as_str()
                    .trim_start_matches(['•', '·', '|', '-', '–', ' '])
                    .trim(),
            );
            // After "©" a lone word is a name ("© Politico"), not a section label.
            if is_name_shaped(name)
                && !is_menu_word(name)
                && !is_agency(name)
                && !is_site_software(name)
                && fits_host(name)
            {
                return Some(name.to_string());
            }
        }
    }
    None
}

/// Blog engines and themes that sign page footers ("© 2019 • GeneratePress").
fn is_site_software(name: &str) -> bool {
    const SOFTWARE: &[&str] = &[
        "wordpress",
        "blogger",
        "blogspot",
        "theme",
        "powered",
        "generatepress",
        "squarespace",
        "wix",
        "jimdo",
        "overblog",
        "hautetfort",
        "typepad",
        "tumblr",
        "joomla",
        "drupal",
    ];
    let f = fold(name);
    SOFTWARE.iter().any(|s| f.contains(s))
}

/// A publisher's name without its legal form: "Politico LLC" → "Politico".
fn without_company_form(name: &str) -> &str {
    const FORMS: &[&str] = &[
        "llc", "inc", "inc.", "ltd", "ltd.", "plc", "gmbh", "ag", "sa", "s.a.", "sas", "sarl",
        "spa", "s.p.a.", "bv", "nv", "e.v.", "corp", "corp.", "co.", "kg",
    ];
    let trimmed = name.trim_end_matches([',', ' ']);
    match trimmed.rsplit_once(' ') {
        Some((head, last)) if FORMS.contains(&last.to_lowercase().as_str()) => {
            head.trim_end_matches([',', ' '])
        }
        _ => trimmed,
    }
}

/// The folded labels of the address's host, without "www" and the
/// top-level domain: "archive.almanar.com.lb" → ["archive", "almanar", "com"].
fn host_labels(url: &str) -> Option<Vec<String>> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let mut labels: Vec<String> = host.split('.').map(fold_alnum).collect();
    labels.pop();
    labels.retain(|l| l.len() >= 3 && l != "www");
    (!labels.is_empty()).then_some(labels)
}

/// The name spells a label of the host ("L'Expression" ~ lexpression.dz,
/// "Ouest-France" ~ ouest-france.fr).
fn names_host(name: &str, host: &[String]) -> bool {
    let n = fold_alnum(name);
    n.len() >= 3 && host.contains(&n)
}

/// Short, no sentence punctuation, not a date or a number.
fn is_name_shaped(text: &str) -> bool {
    let t = text.trim();
    let words = words_up_to(t, 7);
    (1..=6).contains(&words)
        && t.chars().count() <= 50
        && !t.contains([
            '.', '!', '?', ':', ';', ',', '«', '»', '"', '(', ')', '[', ']', '{', '}', '|', '/',
            '…', '+', '*', '#', '@', '=', '<', '>',
        ])
        && t.chars().any(char::is_alphabetic)
        && t.chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Shaped like the title of a publication: capitalised words (articles and
/// particles aside), not a menu word or a section label, and not a lone
/// plain word (which is far more often a section label like "SYRIE" than a
/// masthead) unless it carries an elided article or a hyphen
/// ("L'Expression", "Al-Manar").
fn is_publication_name(text: &str) -> bool {
    let t = text.trim();
    if !is_name_shaped(t) || is_menu_word(t) {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let capitalised = |w: &&str| {
        let bare = ["d'", "l'", "d’", "l’"]
            .iter()
            .find_map(|p| w.strip_prefix(p))
            .unwrap_or(w);
        starts_upper(w)
            || w.starts_with(|c: char| c.is_ascii_digit())
            || (bare.len() < w.len() && starts_upper(bare))
    };
    let linking = |w: &&str| {
        is_name_particle(w) || matches!(fold(w).as_str(), "les" | "et" | "en" | "sur" | "&")
    };
    if !words.iter().all(|w| capitalised(w) || linking(w)) {
        return false;
    }
    match words.as_slice() {
        [one] => one.contains(['\'', '’', '-']) && !one.chars().all(|c| !c.is_lowercase()),
        _ => true,
    }
}

/// Navigation, account and section words that open many pages.
fn is_menu_word(text: &str) -> bool {
    const MENU: &[&str] = &[
        "rechercher",
        "recherche",
        "menu",
        "accueil",
        "connexion",
        "se connecter",
        "inscription",
        "s'inscrire",
        "s'abonner",
        "abonnez-vous",
        "abonnement",
        "newsletter",
        "dernieres infos",
        "derniere minute",
        "dernieres nouvelles",
        "a la une",
        "actualites",
        "actualite",
        "actu",
        "home",
        "search",
        "login",
        "log in",
        "sign in",
        "subscribe",
        "skip to content",
        "aller au contenu",
        "navigation",
        "startseite",
        "suche",
        "anmelden",
        "contact",
        "publicite",
        "direct",
        "en direct",
        "live",
        "flash",
        "info",
        "infos",
        "breaking news",
        "edition",
        "monde",
        "international",
        "politique",
        "economie",
        "societe",
        "culture",
        "sport",
        "sports",
        "opinion",
        "opinions",
        "debats",
        "france",
        "europe",
        "afrique",
        "moyen-orient",
        "tech",
        "sciences",
        "sante",
        "planete",
        "idees",
        "editorial",
        "chronique",
        "blog",
        "blogs",
        "videos",
        "video",
        "photos",
        "podcasts",
        "regions",
        "nation",
        "archives",
        "faits divers",
        "environnement",
        "medias",
        "les plus lus",
        "a propos",
        "about",
        "about us",
        "mentions legales",
        "english",
        "francais",
        "deutsch",
        "placeholder",
        "partager",
        "imprimer",
        "envoyer",
        "mon compte",
        "fermer",
        "close",
        "news",
        "nachrichten",
        "aktuelles",
        "impressum",
        "datenschutz",
        "kontakt",
    ];
    let f = fold(text.trim());
    MENU.contains(&f.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::Meta;

    const PARA: &str = "L'armée syrienne a repris la ville après des combats qui ont duré plusieurs jours, selon une source militaire.";

    fn page(blocks: &[(&str, Kind)]) -> Page {
        Page::from_blocks(blocks)
    }

    fn outlet_of(p: &Page) -> Option<String> {
        outlet(p, &Layout::of(p))
    }

    #[test]
    fn site_name_wins() {
        let mut p = page(&[("Le Quotidien", Kind::Chrome), ("Titre", Kind::Title)]);
        p.meta = Meta {
            site_name: Some(" Le Monde ".into()),
            ..Default::default()
        };
        assert_eq!(outlet_of(&p).as_deref(), Some("Le Monde"));
    }

    #[test]
    fn masthead_before_the_headline() {
        let p = page(&[
            ("L'Expression", Kind::Chrome),
            ("{{ temperature }}° C / {{ description }}", Kind::Chrome),
            ("Cité introuvable.", Kind::Chrome),
            ("SYRIE", Kind::Chrome),
            ("L'armée chasse Daesh", Kind::Title),
            (PARA, Kind::Content),
        ]);
        assert_eq!(outlet_of(&p).as_deref(), Some("L'Expression"));
    }

    #[test]
    fn masthead_matching_the_host() {
        let mut p = page(&[
            ("Menu", Kind::Chrome),
            ("Ouest-France", Kind::Chrome),
            ("Titre", Kind::Title),
        ]);
        p.meta.url = Some("https://www.ouest-france.fr/monde/x-123.html".into());
        assert_eq!(outlet_of(&p).as_deref(), Some("Ouest-France"));
        p.meta.url = Some("https://www.autre-site.fr/x".into());
        assert_eq!(outlet_of(&p), None, "a name that is not the host's");
    }

    #[test]
    fn menus_and_section_labels_are_no_masthead() {
        for first in [
            "Rechercher",
            "Dernières Infos",
            "SYRIE",
            "Syrie",
            "Cité introuvable.",
            "01/10/2017",
            "01-11-2024 04:33 PM Jerusalem Timing",
        ] {
            let p = page(&[
                (first, Kind::Chrome),
                ("Titre", Kind::Title),
                (PARA, Kind::Content),
            ]);
            assert_eq!(outlet_of(&p), None, "{first}");
        }
        let p = page(&[("Titre", Kind::Title), (PARA, Kind::Content)]);
        assert_eq!(outlet_of(&p), None, "nothing before the title");
    }

    #[test]
    fn blog_title_and_copyright_footer() {
        let p = page(&[
            ("Titre", Kind::Title),
            (PARA, Kind::Content),
            ("Le blog de Jean Dupont", Kind::Chrome),
        ]);
        assert_eq!(outlet_of(&p).as_deref(), Some("Le blog de Jean Dupont"));
        let p = page(&[
            ("Titre", Kind::Title),
            (PARA, Kind::Content),
            (
                "© 2016 Le Quotidien d'Oran. Tous droits réservés.",
                Kind::Chrome,
            ),
        ]);
        assert_eq!(outlet_of(&p).as_deref(), Some("Le Quotidien d'Oran"));
        let p = page(&[
            ("Titre", Kind::Title),
            (PARA, Kind::Content),
            ("© 2024 Politico LLC", Kind::Chrome),
        ]);
        assert_eq!(outlet_of(&p).as_deref(), Some("Politico"));
        let p = page(&[
            ("Titre", Kind::Title),
            (PARA, Kind::Content),
            ("© 2019 • GeneratePress", Kind::Chrome),
        ]);
        assert_eq!(outlet_of(&p), None, "a blog theme is no outlet");
        let p = page(&[
            ("Titre", Kind::Title),
            (PARA, Kind::Content),
            ("© AFP", Kind::Chrome),
        ]);
        assert_eq!(outlet_of(&p), None, "an agency credit is no outlet");
    }

    #[test]
    fn host_labels_drop_www_and_tld() {
        assert_eq!(
            host_labels("https://www.lexpression.dz/x"),
            Some(vec!["lexpression".into()])
        );
        assert_eq!(
            host_labels("http://archive.almanar.com.lb/french/a.php"),
            Some(vec!["archive".into(), "almanar".into(), "com".into()])
        );
    }
}
