//! Wire agencies and other sources an article credits: a credit line
//! ("Sources: AFP, Sana"), a dateline "(AFP)", reporting phrases ("a indiqué
//! à l'AFP", "selon l'agence officielle Sana", "correspondant de l'Agence
//! Sputnik"), and "Selon X, instance médiatique …". Names come out in their
//! canonical spelling ("Agence France-Presse" → "AFP").

use std::sync::LazyLock;

use regex::Regex;

use super::gate::Gate;
use super::layout::Layout;
use super::text::{fold, fold_alnum, has_at_most_words, words_up_to};
use crate::page::{Kind, Page};

/// (written form, canonical name, ambiguous). An ambiguous form is also a
/// common word, acronym or name ("AP", "MAP", "Sana" the city, "Petra"), so
/// it counts only in a crediting context; the others count wherever the
/// article text names them.
const AGENCIES: &[(&str, &str, bool)] = &[
    ("AFP", "AFP", false),
    ("Agence France-Presse", "AFP", false),
    ("Agence France Presse", "AFP", false),
    ("France-Presse", "AFP", false),
    ("France Presse", "AFP", false),
    ("Reuters", "Reuters", false),
    ("Associated Press", "AP", false),
    ("AP", "AP", true),
    ("ANSA", "ANSA", false),
    ("DPA", "DPA", false),
    ("dpa", "DPA", false),
    ("EFE", "EFE", false),
    ("Belga", "Belga", false),
    ("Keystone-ATS", "ATS", false),
    ("ATS", "ATS", true),
    ("Algérie Presse Service", "APS", false),
    ("APS", "APS", true),
    ("Maghreb Arabe Presse", "MAP", false),
    ("MAP", "MAP", true),
    ("Tunis Afrique Presse", "TAP", false),
    ("TAP", "TAP", true),
    ("SANA", "Sana", true),
    ("Sana", "Sana", true),
    ("Sputnik", "Sputnik", false),
    ("RIA Novosti", "RIA Novosti", false),
    ("RIA-Novosti", "RIA Novosti", false),
    ("Ria Novosti", "RIA Novosti", false),
    ("ITAR-TASS", "TASS", false),
    ("TASS", "TASS", false),
    ("Tass", "TASS", false),
    ("Xinhua", "Xinhua", false),
    ("Chine nouvelle", "Xinhua", false),
    ("Anadolu", "Anadolu", false),
    ("IRNA", "IRNA", false),
    ("Kyodo", "Kyodo", false),
    ("Yonhap", "Yonhap", false),
    ("Interfax", "Interfax", false),
    ("KCNA", "KCNA", false),
    ("WAFA", "Wafa", false),
    ("Wafa", "Wafa", true),
    ("Bernama", "Bernama", false),
    ("Europa Press", "Europa Press", false),
    ("KUNA", "KUNA", false),
    ("Tasnim", "Tasnim", false),
    ("UPI", "UPI", true),
    ("QNA", "QNA", true),
    ("MENA", "MENA", true),
    ("PTI", "PTI", true),
    ("Fars", "Fars", true),
    ("Petra", "Petra", true),
];

/// The agency a name stands for, canonically spelled.
pub fn canonical_agency(name: &str) -> Option<&'static str> {
    let f = fold_alnum(name);
    AGENCIES
        .iter()
        .find(|(alias, _, _)| fold_alnum(alias) == f)
        .map(|(_, c, _)| *c)
}

/// True when the name is a known wire agency.
pub fn is_agency(name: &str) -> bool {
    canonical_agency(name).is_some()
}

/// An alternation of the written forms (longest first, so "Agence
/// France-Presse" wins over "France-Presse"), ambiguous ones or all.
fn alternation(ambiguous_too: bool) -> String {
    let mut forms: Vec<&str> = AGENCIES
        .iter()
        .filter(|(_, _, amb)| ambiguous_too || !amb)
        .map(|(a, _, _)| *a)
        .collect();
    forms.sort_by_key(|a| std::cmp::Reverse(a.len()));
    forms
        .iter()
        .map(|a| regex::escape(a))
        .collect::<Vec<_>>()
        .join("|")
}

/// The wire agencies and credited sources of a page, credit lines first.
pub fn wire_sources(page: &Page, layout: &Layout) -> Vec<String> {
    let mut out = Sources::default();
    let start = layout.title.unwrap_or(0);
    let region = start.min(layout.comments)..layout.comments;
    let blocks = &page.blocks;
    for i in region.clone() {
        // A credit line is short: long blocks need not be read.
        if blocks[i].kind != Kind::Comments && layout.has_at_most_words(i, 15) {
            for name in credit_line(&blocks[i].text) {
                out.add(&name);
            }
        }
    }
    for i in region {
        let text = &blocks[i].text;
        let found = match blocks[i].kind {
            Kind::Title | Kind::Content => credited_in_text(text),
            Kind::Chrome if layout.has_at_most_words(i, 10) && is_credit_like(text) => {
                credited_in_text(text)
            }
            _ => Vec::new(),
        };
        for name in found {
            out.add(&name);
        }
    }
    out.0
}

/// A list of names without duplicates under folding; an accented spelling
/// replaces an unaccented one ("Media de guerre" → "Média de guerre").
#[derive(Default)]
struct Sources(Vec<String>);

impl Sources {
    fn add(&mut self, name: &str) {
        let name = canonical_agency(name).map_or_else(|| name.trim().to_string(), str::to_string);
        let key = fold_alnum(&name);
        if key.is_empty() {
            return;
        }
        let accents = |s: &str| s.chars().filter(|c| !c.is_ascii()).count();
        match self.0.iter_mut().find(|n| fold_alnum(n) == key) {
            Some(old) if accents(&name) > accents(old) => *old = name,
            Some(_) => {}
            None => self.0.push(name),
        }
    }
}

/// A short chrome block that credits rather than decorates: a signature
/// with an agency ("Jean Dupont avec AFP", "(AFP)"), not a photo credit.
fn is_credit_like(text: &str) -> bool {
    static PHOTO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)photo|©|crédit|credit|image|illustration|capture|bild|foto")
            .expect("valid regex")
    });
    has_at_most_words(text, 10) && !PHOTO.is_match(text)
}

/// The names of a credit line: "Sources: AFP, Sana, Média de guerre",
/// "Avec AFP et Reuters", "Agences : AFP". After "Source(s):" any short
/// capitalised name counts (it is what the article credits); after "Avec"
/// only known agencies (it may be a co-author).
fn credit_line(text: &str) -> Vec<String> {
    static LINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(sources?|agences?|avec|with|mit)\s*(?::|\s)\s*(.+?)\s*\.?\s*$")
            .expect("valid regex")
    });
    static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s*(?:[,;/&]|(?-u:\b)et(?-u:\b)|(?-u:\b)and(?-u:\b)|(?-u:\b)und(?-u:\b))\s*")
            .expect("valid regex")
    });
    // Every credit line opens with one of these words.
    static OPENERS: LazyLock<Gate> =
        LazyLock::new(|| Gate::any_case(&["source", "agence", "avec", "with", "mit"]));
    let t = text.trim();
    if !has_at_most_words(t, 15) || !OPENERS.may_match(t) {
        return Vec::new();
    }
    let Some(c) = LINE.captures(t) else {
        return Vec::new();
    };
    let open = fold(&c[1]).starts_with("source");
    SPLIT
        .split(&c[2])
        .map(|s| s.trim_matches(|c: char| c.is_whitespace() || "().-–".contains(c)))
        .filter(|s| {
            is_agency(s)
                || open
                    && (1..=4).contains(&words_up_to(s, 5))
                    && s.starts_with(char::is_uppercase)
                    && !s.contains("://")
        })
        .map(str::to_string)
        .collect()
}

/// Agencies credited in a sentence: distinctive names anywhere, ambiguous
/// ones in a crediting context, and any name introduced as an agency or a
/// media outlet.
fn credited_in_text(text: &str) -> Vec<String> {
    static DISTINCTIVE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"(?-u:\b)(?:{})(?-u:\b)", alternation(false))).expect("valid regex")
    });
    static IN_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
        let any = alternation(true);
        Regex::new(&format!(
            r"(?:\(\s*({any})\s*[)/,])|(?:[Aa]gence\s+(?:[\p{{L}}'’-]+\s+){{0,3}}?({any})(?-u:\b))|(?:(?i:selon|d['’]après|rapporte|a rapporté|rapportée? par|citée? par|interrogée?s? par|a indiqué à|a déclaré à|a dit à|a affirmé à|a confié à|a précisé à|told|according to|reported by|quoted by)\s+(?:l['’]\s*|la\s+|le\s+)?({any})(?-u:\b))"
        ))
        .expect("valid regex")
    });
    static NAMED_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)[Aa]gence\s+((?:[\p{Ll}'’-]+\s+){1,3})(\p{Lu}[\p{L}-]+)(?-u:\b)")
            .expect("valid regex")
    });
    static MEDIA_APPOSITION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:[Ss]elon|[Dd]['’]après)\s+(\p{Lu}[\p{L}'’-]*(?:\s+[\p{L}'’-]+){0,4}),\s+(?:(?:une|un|l['’]|la|le)\s*)?(?:instance|organe|agence|cellule|service|bureau|média)\s+(?:médiatique|de presse|d['’]information|de communication|officiel)",
        )
        .expect("valid regex")
    });
    // What each pattern cannot match without: an agency's written form
    // (the first two patterns both capture one), "Agence", "Selon" or
    // "D'après" (whole words: a fragment of frequent letters would stop
    // the scan at every other byte). "AP", the one two-letter form, is
    // looked for on its own: among the others it would make every "A"
    // followed by a capital a candidate. Separate scans measured faster
    // than one over all the literals.
    static FORMS: LazyLock<Gate> = LazyLock::new(|| {
        let forms: Vec<&'static str> = AGENCIES
            .iter()
            .map(|(a, _, _)| *a)
            .filter(|a| a.len() > 2)
            .collect();
        Gate::exact(&forms)
    });
    static SHORT_FORM: LazyLock<Gate> = LazyLock::new(|| Gate::exact(&["AP"]));
    static AGENCE: LazyLock<Gate> = LazyLock::new(|| Gate::exact(&["Agence", "agence"]));
    static SELON: LazyLock<Gate> =
        LazyLock::new(|| Gate::exact(&["Selon", "selon", "D'apr", "d'apr", "D’apr", "d’apr"]));
    let mut found: Vec<(usize, String)> = Vec::new();
    if FORMS.may_match(text) || SHORT_FORM.may_match(text) {
        for m in DISTINCTIVE.find_iter(text) {
            found.push((m.start(), m.as_str().to_string()));
        }
        for c in IN_CONTEXT.captures_iter(text) {
            if let Some(m) = c.get(1).or_else(|| c.get(2)).or_else(|| c.get(3)) {
                found.push((m.start(), m.as_str().to_string()));
            }
        }
    }
    let named = if AGENCE.may_match(text) {
        NAMED_AGENCY.captures_iter(text).collect()
    } else {
        Vec::new()
    };
    for c in named {
        let qualifiers = fold(&c[1]);
        let is_press = ["presse", "officiel", "information"]
            .iter()
            .any(|q| qualifiers.contains(q));
        if let (true, Some(m)) = (is_press, c.get(2)) {
            found.push((m.start(), m.as_str().to_string()));
        }
    }
    let apposed = if SELON.may_match(text) {
        MEDIA_APPOSITION.captures_iter(text).collect()
    } else {
        Vec::new()
    };
    for c in apposed {
        if let Some(m) = c.get(1) {
            found.push((m.start(), m.as_str().to_string()));
        }
    }
    found.retain(|(pos, name)| !in_photo_credit(text, *pos, pos + name.len()));
    found.sort_by_key(|(pos, _)| *pos);
    // Two patterns may find the same mention.
    found.dedup_by_key(|(pos, _)| *pos);
    found.into_iter().map(|(_, n)| n).collect()
}

/// A mention inside a picture credit ("(Saul Loeb/AFP/Getty Images)",
/// "Photo : AFP", "picture alliance / dpa") credits the image, not the text.
fn in_photo_credit(text: &str, start: usize, end: usize) -> bool {
    static PHOTO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)photo|getty|picture alliance|©|bild|foto|crédit|credit|image|illustration|afp tv",
        )
        .expect("valid regex")
    });
    let before = text[..start].trim_end();
    let after = text[end..].trim_start();
    if before.ends_with('/') || after.starts_with('/') {
        return true;
    }
    let window_start = before.char_indices().rev().nth(30).map_or(0, |(i, _)| i);
    PHOTO.is_match(&before[window_start..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(blocks: &[(&str, Kind)]) -> Page {
        Page::from_blocks(blocks)
    }

    fn wires(p: &Page) -> Vec<String> {
        wire_sources(p, &Layout::of(p))
    }

    #[test]
    fn reporting_phrases() {
        let t = |s: &str| credited_in_text(s);
        assert_eq!(
            t("s'est emparée de la ville, a indiqué à l'AFP Rami Abdel Rahmane"),
            ["AFP"]
        );
        assert_eq!(
            t("Selon l’agence syrienne officielle Sana, les forces"),
            ["Sana"]
        );
        assert_eq!(t("Le correspondant de l’Agence Sputnik a vu"), ["Sputnik"]);
        assert_eq!(t("selon l'OSDH, rapporte l’AFP."), ["AFP"]);
        assert_eq!(t("PARIS (AP) — The president"), ["AP"]);
        assert_eq!(t("a déclaré à Reuters un responsable"), ["Reuters"]);
        assert_eq!(t("selon l'agence de presse officielle Petra"), ["Petra"]);
        assert_eq!(t("selon l'agence de presse Fars"), ["Fars"]);
    }

    #[test]
    fn picture_credits_do_not_count() {
        assert!(credited_in_text(
            "Paul Volcker et Barack Obama en 2009. (Saul Loeb/AFP/Getty Images)"
        )
        .is_empty());
        assert!(credited_in_text("Le ministre à Alger. Photo : AFP").is_empty());
        assert!(credited_in_text("Rede im Bundestag (picture alliance / dpa)").is_empty());
    }

    #[test]
    fn media_named_as_a_source() {
        let t = credited_in_text(
            "Selon Media de guerre, instance médiatique de la résistance, l’armée a détruit 3 véhicules",
        );
        assert_eq!(t, ["Media de guerre"]);
    }

    #[test]
    fn ambiguous_names_need_a_context() {
        assert!(credited_in_text("Le président yéménite a quitté Sana pour Aden.").is_empty());
        assert!(credited_in_text("La MAP des risques publiée par l'AP-HP.").is_empty());
        assert!(credited_in_text("Les touristes visitent Petra en Jordanie.").is_empty());
        assert!(credited_in_text("Un rapport de l'agence Moody's sur la dette.").is_empty());
        assert!(
            credited_in_text("a rapporté le journal en ligne progouvernemental Al-Watan")
                .is_empty()
        );
        assert!(credited_in_text(
            "Selon la chaîne de télévision panarabe Al-Mayadeen, les terroristes"
        )
        .is_empty());
    }

    #[test]
    fn credit_lines() {
        assert_eq!(
            credit_line("Sources: AFP, Sana, Média de guerre, Sputnik"),
            ["AFP", "Sana", "Média de guerre", "Sputnik"]
        );
        assert_eq!(credit_line("Avec AFP et Reuters"), ["AFP", "Reuters"]);
        assert!(credit_line("Avec Jean Dupont").is_empty());
        assert!(credit_line("Avec le soutien de la Russie, les forces du régime ont repris la ville aux jihadistes en avril.").is_empty());
    }

    #[test]
    fn canonical_spelling_and_order() {
        let p = page(&[
            ("Titre", Kind::Title),
            ("Selon l’agence syrienne officielle Sana, les forces ont avancé.", Kind::Content),
            ("Selon Media de guerre, instance médiatique de la résistance, trois véhicules ont été détruits.", Kind::Content),
            ("Les combats se poursuivaient, rapporte l’Agence France-Presse.", Kind::Content),
            ("Sources: AFP, Sana, Média de guerre, Sputnik", Kind::Chrome),
        ]);
        assert_eq!(wires(&p), ["AFP", "Sana", "Média de guerre", "Sputnik"]);
    }

    #[test]
    fn comments_and_photo_credits_do_not_count() {
        let p = page(&[
            ("Titre", Kind::Title),
            ("Photo AFP", Kind::Chrome),
            (
                "Un texte sans agence, écrit par la rédaction elle-même et signé.",
                Kind::Content,
            ),
            ("Commentaires", Kind::Chrome),
            ("Comme le dit Reuters, c'est faux.", Kind::Comments),
        ]);
        assert!(wires(&p).is_empty());
    }

    #[test]
    fn signature_with_agency() {
        let p = page(&[
            ("Titre", Kind::Title),
            (
                "Un texte sans agence, écrit par la rédaction elle-même et signé.",
                Kind::Content,
            ),
            ("Jean Dupont (avec AFP)", Kind::Chrome),
        ]);
        assert_eq!(wires(&p), ["AFP"]);
    }
}
