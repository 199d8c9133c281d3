//! Cleaning plain-text scrapes (one block per line, chrome still in).
//!
//! The steps, in the spirit of jusText and trafilatura:
//! 1. split into blocks (one per non-blank line);
//! 2. measure each block and classify it on its own: prose, near-prose,
//!    short, furniture (markers, placeholders, clocks), a repeat of another
//!    block, or a comment-section heading;
//! 3. cut the page at the comment section: everything after its heading
//!    is reader comments;
//! 4. find the main run of prose ([`super::region`]) and label its blocks;
//! 5. pick the headline just above it ([`super::title`]).

use std::borrow::Cow;

use super::features::{page_has_stop_words, Features};
use super::markers::{
    comment_heading, date_or_clock, furniture_form, is_bare_link, is_placeholder, marker, notice,
    Chrome,
};
use super::region::{main_run, weight, Run};
use super::repeat::find_repeats;
use super::title::pick_title;
use crate::page::{Block, Kind, Page};

/// A block long enough to be prose on length alone (with some stop words).
const LONG_CHARS: usize = 150;
/// A block this long that ends like a sentence is prose.
const SENTENCE_CHARS: usize = 80;
/// Below this a block is a label, a menu item or a subheading.
const NEAR_CHARS: usize = 40;
/// Longer than any line of furniture: a block this long dense in stop
/// words is prose.
const PROSE_CHARS: usize = 400;

/// What a block looks like on its own, before its neighbours are seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Long prose.
    Good,
    /// Medium-length text that may be prose.
    NearGood,
    /// A short line: a subheading, a label, a menu item.
    Short,
    /// A short line that ends like a sentence or a clause of one: a list
    /// item ("a) Les plans simples de gestion ;"), a line of verse or of
    /// dialogue. Menus and labels do not end so.
    Clause,
    /// Site furniture recognised by its words or form.
    Furniture(Chrome),
    /// A copy of another block (teaser, repeated headline).
    Repeat,
    /// The heading of the reader-comment section.
    CommentHeading,
    /// A short capitals-only line: a rubric or a menu label on a web page,
    /// a heading in a legal annex. Not article text in a run, but no
    /// evidence of chrome on its own.
    Label,
    /// HTML tags without text (`<tr>`, `</td>`) left in a text archive.
    Markup,
    /// A cell of an HTML table left in a text archive: the article's data.
    Cell,
}

/// A block with its measurements and class.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    pub text: &'a str,
    pub feat: Features,
    pub class: Class,
}

/// The non-blank lines of `text`, trimmed (no-break spaces included).
pub fn split_blocks(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// The class of a block seen on its own. `use_stop` says whether the
/// page's language is one the stop lists know.
fn classify(text: &str, feat: &Features, is_repeat: bool, use_stop: bool) -> Class {
    // The marker checks get the length already measured.
    let n = feat.chars;
    let density = feat.stop_density();
    let dense = |min: f32| !use_stop || density >= min;
    if is_repeat {
        return Class::Repeat;
    }
    // A long stretch of prose is prose whatever it holds (an article
    // stored on one line holds its page's clock, separators and
    // placeholders too): the furniture rules below judge lines.
    if n > PROSE_CHARS && dense(0.15) {
        return Class::Good;
    }
    // Furniture never ends in a semicolon; an item of an enumeration
    // does ("1° Le 1er janvier ;"), whatever dates or marker words it holds.
    if !ends_in_semicolon(text) {
        if let Some(c) = furniture(text, feat) {
            return c;
        }
    }
    if (feat.chars >= LONG_CHARS && dense(0.15))
        || (feat.chars >= SENTENCE_CHARS && feat.ends_sentence && dense(0.2))
    {
        Class::Good
    } else if feat.chars >= NEAR_CHARS && dense(0.1) && (feat.ends_sentence || feat.words >= 8) {
        Class::NearGood
    } else if ends_like_clause(text) {
        Class::Clause
    } else {
        Class::Short
    }
}

/// The class of a block that its form or its words say is furniture
/// (or the comment section's heading), if they do.
fn furniture(text: &str, feat: &Features) -> Option<Class> {
    let n = feat.chars;
    if is_placeholder(text) || date_or_clock(text, n) || furniture_form(text, n) {
        return Some(Class::Furniture(Chrome::Plain));
    }
    if comment_heading(text, n) {
        return Some(Class::CommentHeading);
    }
    if let Some(c) = marker(text, n).filter(|_| !labelled_clause(text) && !form_field(text)) {
        return Some(Class::Furniture(c));
    }
    if notice(text, n) {
        return Some(Class::Furniture(Chrome::Plain));
    }
    if feat.all_caps && feat.words <= 8 {
        return Some(Class::Label);
    }
    None
}

/// Whether `text` is a label followed by a clause that goes on from it in
/// small letters and ends like a sentence ("3e catégorie : armes de chasse
/// et leurs munitions."): an item of a list, whatever word the label is.
/// A tag or credit line ("Catégories : Desserts, Recettes") does not end
/// so, nor does a teaser after "Lire aussi :" start in small letters.
fn labelled_clause(text: &str) -> bool {
    let Some((label, value)) = text.split_once(':') else {
        return false;
    };
    let value = value.trim();
    let starts_small = value.chars().next().is_some_and(char::is_lowercase);
    let f = Features::of(value);
    label.chars().count() <= 25
        && starts_small
        && f.words >= 4
        && f.stop_words >= 1
        && matches!(value.chars().last(), Some('.' | ';'))
}

/// Whether `text` is the label of a form's field with its footnote calls
/// ("Catégorie (2) (4) :", "Mél (1) :"): the field of a printed form,
/// which a site's tag or contact line never numbers.
fn form_field(text: &str) -> bool {
    let Some(head) = text.trim_end().strip_suffix(':') else {
        return false;
    };
    let mut calls = 0;
    let mut rest = head.trim_end();
    while let Some(open) = rest.strip_suffix(')').and_then(|r| r.rsplit_once('(')) {
        let (before, number) = open;
        if number.is_empty() || number.len() > 2 || !number.bytes().all(|b| b.is_ascii_digit()) {
            break;
        }
        calls += 1;
        rest = before.trim_end();
    }
    calls > 0 && !rest.is_empty()
}

/// Whether `text` ends in a semicolon that closes a clause, not an HTML
/// entity (`&amp;`).
fn ends_in_semicolon(text: &str) -> bool {
    let Some(head) = text.trim_end().strip_suffix(';') else {
        return false;
    };
    let entity = head.rsplit_once('&').is_some_and(|(_, name)| {
        !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '#')
    });
    !entity
}

/// Whether a short line ends like a sentence or a clause of one and has
/// a real word in small letters: not an initial ("M. D."), not a
/// capitals-only credit ("AFP.").
pub fn ends_like_clause(text: &str) -> bool {
    let ends = matches!(
        text.trim_end().chars().last(),
        Some('.' | ';' | ':' | ',' | '!' | '?' | '…')
    );
    ends && text
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.chars().count() >= 3 && w.chars().any(char::is_lowercase))
}

/// `text` without its HTML tags: some archives store text with the
/// markup of its tables or paragraphs still in (`<td>`, `<p align=…>`),
/// and tags are neither words nor signs of chrome.
pub fn without_tags(text: &str) -> Cow<'_, str> {
    if !text.contains('<') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        let after = &rest[at + 1..];
        let is_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match after.find('>').filter(|_| is_tag) {
            Some(end) => {
                out.push_str(&rest[..at]);
                out.push(' ');
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[..=at]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Whether a block opens and whether it closes an HTML table.
fn table_tags(text: &str) -> (bool, bool) {
    if !text.contains('<') {
        return (false, false);
    }
    let lower = text.to_ascii_lowercase();
    (lower.contains("<table"), lower.contains("</table"))
}

/// Measures and classifies every block. Blocks are judged without their
/// tags; a block of tags only is markup, and a block inside an HTML
/// table is one of its cells.
fn scan<'a>(blocks: &[&'a str], repeats: &[Option<usize>]) -> Vec<Line<'a>> {
    let texts: Vec<Cow<str>> = blocks.iter().map(|b| without_tags(b)).collect();
    let feats: Vec<Features> = texts.iter().map(|t| Features::of(t.trim())).collect();
    let use_stop = page_has_stop_words(&feats);
    let mut in_table = false;
    blocks
        .iter()
        .zip(&texts)
        .zip(feats)
        .zip(repeats)
        .map(|(((block, text), feat), rep)| {
            let (opens, closes) = table_tags(block);
            let text = text.trim();
            let class = if text.is_empty() {
                Class::Markup
            } else if in_table || opens {
                Class::Cell
            } else {
                classify(text, &feat, rep.is_some(), use_stop)
            };
            in_table = (in_table || opens) && !closes;
            Line {
                text: block,
                class,
                feat,
            }
        })
        .collect()
}

/// Share of the page's best run that a run above a comment heading must
/// reach to be the article (rather than a teaser above a "Comments" link).
const ABOVE_COMMENTS_SHARE: f32 = 0.4;

/// The article's main run and where the reader-comment section starts.
/// Comment headings weigh so much against a run that the best run stops at
/// them; but a long discussion can outweigh the article, so a heading that
/// closes a run of comparable weight above it wins. A "Comments" link above
/// the article (in a byline, a share bar) starts nothing.
fn run_and_comment_cut(lines: &[Line], weights: &[f32]) -> (Option<Run>, usize) {
    let Some(best) = main_run(weights) else {
        return (None, lines.len());
    };
    for h in (0..best.start).filter(|&h| lines[h].class == Class::CommentHeading) {
        if let Some(above) = main_run(&weights[..h]) {
            if above.weight >= ABOVE_COMMENTS_SHARE * best.weight {
                return (Some(above), h);
            }
        }
    }
    let cut = (best.end..lines.len())
        .find(|&h| lines[h].class == Class::CommentHeading)
        .unwrap_or(lines.len());
    (Some(best), cut)
}

/// Whether a block inside the main run is part of the article.
fn is_content_in_run(line: &Line) -> bool {
    match line.class {
        Class::Good | Class::NearGood => true,
        // Subheadings between paragraphs are content; one-word labels are not.
        Class::Short => line.feat.words >= 2,
        Class::Clause | Class::Cell => true,
        Class::Markup | Class::Label => false,
        Class::Furniture(_) | Class::Repeat | Class::CommentHeading => false,
    }
}

/// Labels every block: content in the main run, the headline above it,
/// comments after the comment heading, chrome elsewhere.
fn label(lines: &[Line], repeats: &[Option<usize>]) -> Vec<Kind> {
    let weights: Vec<f32> = lines.iter().map(weight).collect();
    let (run, cut) = run_and_comment_cut(lines, &weights);
    let mut kinds: Vec<Kind> = (0..lines.len())
        .map(|i| {
            if i < cut {
                Kind::Chrome
            } else {
                Kind::Comments
            }
        })
        .collect();
    // Clauses carry a run on but do not make one: a page of short lines
    // without a paragraph is kept whole, as a stub is.
    let run = run.filter(|r| {
        lines[r.start..r.end]
            .iter()
            .any(|l| matches!(l.class, Class::Good | Class::NearGood))
    });
    let Some(Run { start, end, .. }) = run else {
        label_without_prose(lines, &mut kinds[..cut]);
        if without_chrome(lines) {
            keep_all_text(lines, repeats, &mut kinds[..cut]);
        }
        return kinds;
    };
    let best = weights[start..end].iter().sum::<f32>();
    let min = SECOND_RUN_SHARE * best;
    let mut runs = vec![(start, end)];
    second_runs(&weights, 0, start, min, &mut runs);
    // Below the article, a "related stories" or newsletter heading ends it.
    let tail_end = (end..cut)
        .find(|&i| lines[i].class == Class::Furniture(Chrome::SectionEnd))
        .unwrap_or(cut);
    second_runs(&weights, end, tail_end, min, &mut runs);
    runs.sort_unstable();
    let content: Vec<usize> = runs
        .iter()
        .flat_map(|&(s, e)| s..e)
        .filter(|&i| is_content_in_run(&lines[i]))
        .collect();
    for &i in &content {
        kinds[i] = Kind::Content;
    }
    let mut repeated = vec![false; lines.len()];
    for &j in repeats.iter().flatten() {
        repeated[j] = true;
    }
    if let Some(t) = pick_title(lines, start, &content, &repeated) {
        kinds[t] = Kind::Title;
    }
    if without_chrome(lines) {
        keep_all_text(lines, repeats, &mut kinds[..cut]);
    }
    kinds
}

/// Whether nothing on the page is furniture: no marker word, clock,
/// credit, placeholder, notice or comment section. Shortness alone is no
/// evidence of a menu, nor are capitals or a repeated line (forms and
/// lists of a legal text have both): a page without any furniture is all
/// article (a legal text, a chapter), its short lines included.
///
/// A bare web address is furniture where it stands, but not evidence of a
/// site around the text: a legal text or a report cites the address of a
/// document ("… à l'adresse suivante" and the link).
fn without_chrome(lines: &[Line]) -> bool {
    !lines.iter().any(|l| match l.class {
        Class::Furniture(_) => !is_bare_link(l.text.trim()),
        Class::CommentHeading => true,
        _ => false,
    })
}

/// Labels content every block with text that is not yet the title. A page
/// without chrome repeats lines because its text does (a form's fields,
/// "Néant" in a table, a notice after each figure): those copies are kept
/// too. A copy of the headline or of a paragraph is a teaser's, and its
/// text is kept once.
fn keep_all_text(lines: &[Line], repeats: &[Option<usize>], kinds: &mut [Kind]) {
    let teaser_copy = |i: usize| {
        repeats[i]
            .is_some_and(|j| kinds.get(j) == Some(&Kind::Title) || lines[j].class == Class::Good)
    };
    let copies: Vec<bool> = (0..kinds.len()).map(teaser_copy).collect();
    for (i, (kind, line)) in kinds.iter_mut().zip(lines).enumerate() {
        let copy = line.class == Class::Repeat && copies[i];
        if *kind == Kind::Chrome && line.class != Class::Markup && !copy {
            *kind = Kind::Content;
        }
    }
    // A headline heads the text: a line picked below some prose is text.
    if let Some(t) = kinds.iter().position(|&k| k == Kind::Title) {
        let prose = |l: &Line| matches!(l.class, Class::Good | Class::NearGood | Class::Clause);
        if lines[..t].iter().any(prose) {
            kinds[t] = Kind::Content;
        }
    }
}

/// Share of the main run's weight another run needs to count as article
/// text too.
const SECOND_RUN_SHARE: f32 = 0.25;

/// Other runs in `[lo, hi)` that weigh at least `min`: an article split by
/// a gallery or an inline box, a forum thread's other posts.
fn second_runs(weights: &[f32], lo: usize, hi: usize, min: f32, out: &mut Vec<(usize, usize)>) {
    if lo >= hi {
        return;
    }
    if let Some(r) = main_run(&weights[lo..hi]) {
        if r.weight >= min {
            out.push((lo + r.start, lo + r.end));
            second_runs(weights, lo, lo + r.start, min, out);
            second_runs(weights, lo + r.end, hi, min, out);
        }
    }
}

/// A page without any prose block (a stub, a one-liner): keep what is
/// not furniture, the first line as headline when there are several.
fn label_without_prose(lines: &[Line], kinds: &mut [Kind]) {
    let kept: Vec<usize> = (0..kinds.len())
        .filter(|&i| {
            matches!(
                lines[i].class,
                Class::Short | Class::Clause | Class::Cell | Class::NearGood | Class::Good
            )
        })
        .collect();
    for (n, &i) in kept.iter().enumerate() {
        kinds[i] = if n == 0 && kept.len() > 1 && !lines[i].feat.ends_sentence {
            Kind::Title
        } else {
            Kind::Content
        };
    }
}

/// Splits `text` into blocks and labels each one.
pub fn clean_text(text: &str) -> Page {
    let blocks = split_blocks(text);
    let repeats = find_repeats(&blocks);
    let lines = scan(&blocks, &repeats);
    let kinds = label(&lines, &repeats);
    Page {
        blocks: blocks
            .iter()
            .zip(kinds)
            .map(|(t, kind)| Block {
                text: (*t).to_string(),
                kind,
            })
            .collect(),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_of(page: &Page, needle: &str) -> Vec<Kind> {
        page.blocks
            .iter()
            .filter(|b| b.text.contains(needle))
            .map(|b| b.kind)
            .collect()
    }

    const NEWS_PAGE: &str = "Le Courrier du Matin\n\
        \n\
        {{ temperature }}° C / {{ description }}\n\
        Rechercher\n\
        03-05-2021 10:42 AM\n\
        \n\
        MONDE\n\
        \n\
        Le port de Marseille rouvre après la grève des dockers\n\
        \n\
        Après trois semaines de blocage, les dockers du port de Marseille ont repris le travail lundi matin, selon la direction du port.\n\
        \n\
        Les navires qui attendaient au large ont commencé à accoster dès l'aube. La direction estime qu'il faudra une dizaine de jours pour résorber les retards accumulés depuis le début du mouvement.\n\
        \n\
        Un accord salarial\n\
        \n\
        Le syndicat a obtenu une hausse de salaire de 4 % et la promesse d'embauches, a indiqué son secrétaire général lors d'une conférence de presse dans les locaux de la capitainerie.\n\
        \n\
        Les entreprises du port, qui chiffrent leurs pertes à plusieurs millions d'euros, ont salué la fin d'un conflit qui pesait sur toute l'économie de la région.\n\
        \n\
        M. D.\n\
        \n\
        Partager sur Facebook\n\
        Les + Populaires\n\
        Le marché de l'immobilier se retourne dans les grandes villes\n";

    #[test]
    fn french_news_page_with_nav_clock_and_placeholder() {
        let page = clean_text(NEWS_PAGE);
        assert_eq!(
            page.title(),
            Some("Le port de Marseille rouvre après la grève des dockers")
        );
        let body = page.body();
        assert!(body.starts_with("Après trois semaines de blocage"));
        assert!(body.contains("\n\nUn accord salarial\n\n"));
        assert!(body.ends_with("toute l'économie de la région."));
        for chrome in [
            "Le Courrier du Matin",
            "{{ temperature }}",
            "Rechercher",
            "03-05-2021",
            "MONDE",
            "M. D.",
            "Partager",
            "Les + Populaires",
            "immobilier",
        ] {
            assert_eq!(kinds_of(&page, chrome), vec![Kind::Chrome], "{chrome}");
        }
        // Nothing is dropped: describing reads the chrome too.
        assert_eq!(page.blocks.len(), split_blocks(NEWS_PAGE).len());
    }

    const WORDPRESS_POST: &str = "Mon blog de cuisine\n\
        Accueil\n\
        Recettes\n\
        La tarte aux pommes de ma grand-mère\n\
        Cette tarte se prépare en une heure et demie, avec des pommes acides et une pâte brisée faite maison, comme le faisait ma grand-mère.\n\
        Épluchez les pommes, coupez-les en quartiers et disposez-les sur la pâte en rosace avant de les saupoudrer de sucre et de cannelle.\n\
        Catégories : Desserts, Recettes\n\
        5 commentaires\n\
        Marie\n\
        12 mars 2019 à 18 h 05 min\n\
        Merci pour cette recette, je l'ai faite dimanche pour toute la famille et elle a eu beaucoup de succès auprès des enfants.\n\
        Répondre\n\
        Laisser un commentaire\n\
        Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *\n";

    #[test]
    fn wordpress_comment_section_is_comments() {
        let page = clean_text(WORDPRESS_POST);
        assert_eq!(page.title(), Some("La tarte aux pommes de ma grand-mère"));
        assert!(page.body().ends_with("de sucre et de cannelle."));
        assert!(!page.body().contains("Merci pour cette recette"));
        for c in [
            "5 commentaires",
            "Marie",
            "12 mars 2019",
            "Merci pour",
            "Votre adresse",
        ] {
            assert_eq!(kinds_of(&page, c), vec![Kind::Comments], "{c}");
        }
        assert_eq!(kinds_of(&page, "Catégories"), vec![Kind::Chrome]);
    }

    #[test]
    fn teaser_repeat_cut_with_ellipsis_is_chrome() {
        let text = "Dernières infos\n\
            Les pêcheurs bretons bloquent le port de Brest\n\
            Les pêcheurs bretons ont bloqué mardi l'entrée du port de Brest pour protester contre la hausse du prix du gazole, a constaté l'AFP.\n\
            La préfecture a appelé au calme et promis de recevoir une délégation dans la journée, selon un communiqué publié en fin de matinée.\n\
            Les pêcheurs bretons ont bloqué mardi l'entrée du port de Brest pour protester contre la hausse du prix du gazole, a constaté l'AFP.\n\
            La préfecture a appelé au calme et promis de recevoir une délégation dans…\n";
        let page = clean_text(text);
        assert_eq!(
            page.title(),
            Some("Les pêcheurs bretons bloquent le port de Brest")
        );
        assert_eq!(
            page.body()
                .matches("Les pêcheurs bretons ont bloqué")
                .count(),
            1
        );
        assert!(!page.body().contains("délégation dans…"));
        assert_eq!(kinds_of(&page, "délégation dans…"), vec![Kind::Chrome]);
    }

    #[test]
    fn repeated_headline_gives_one_title() {
        let text = "Le Journal\n\
            Inondations : la Seine déborde à Paris\n\
            Inondations : la Seine déborde à Paris\n\
            La Seine est sortie de son lit dans la nuit à Paris, où plusieurs quais ont été fermés à la circulation par la préfecture de police.\n\
            Les services de la ville surveillent la crue, qui devrait atteindre son maximum jeudi selon les prévisions de Vigicrues.\n";
        let page = clean_text(text);
        assert_eq!(page.title(), Some("Inondations : la Seine déborde à Paris"));
        let titles = page.blocks.iter().filter(|b| b.kind == Kind::Title).count();
        assert_eq!(titles, 1);
        assert!(!page.body().contains("Inondations"));
    }

    #[test]
    fn second_runs_keep_weighty_stretches_only() {
        let w = [4.0, -0.4, -0.4, -0.4, -0.4, -0.4, -0.4, 2.0, -3.0, 0.5];
        let mut runs = vec![];
        second_runs(&w, 1, w.len(), 1.0, &mut runs);
        assert_eq!(runs, vec![(7, 8)]);
    }

    #[test]
    fn article_split_by_a_gallery_is_kept_whole() {
        let text = "Le port de Brest accueille la course au large
            Les skippers sont arrivés samedi à Brest pour le départ de la course, qui doit les mener jusqu'aux Antilles en trois semaines de mer.
            Galerie photo
1/12
2/12
Précédent
Suivant
Plein écran
Fermer
            Le départ sera donné dimanche à 13 heures, si la météo le permet, a précisé la direction de course lors d'un point presse au ponton.
";
        let page = clean_text(text);
        assert!(page.body().contains("Les skippers"));
        assert!(page.body().contains("Le départ sera donné"));
        assert!(!page.body().contains("Galerie"));
    }

    #[test]
    fn form_fields_are_not_tag_lines() {
        assert!(form_field("Catégorie (2) (4) :"));
        assert!(form_field("Mél (1):"));
        assert!(!form_field("Catégories :"));
        assert!(!form_field("Catégories : Desserts, Recettes"));
        assert!(!form_field("Photos (12)"));
        assert!(!form_field("(2) :"));
    }

    #[test]
    fn page_without_prose_keeps_its_lines() {
        let page = clean_text("Titre\n\nUn paragraphe.");
        assert_eq!(page.title(), Some("Titre"));
        assert_eq!(page.body(), "Un paragraphe.");
    }

    /// Prints each block's class and label: `CT_DUMP=file cargo test
    /// --release --lib dump_page -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn dump_page() {
        let Ok(path) = std::env::var("CT_DUMP") else {
            return;
        };
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let blocks = split_blocks(&text);
        let repeats = find_repeats(&blocks);
        let lines = scan(&blocks, &repeats);
        let kinds = label(&lines, &repeats);
        for ((l, k), w) in lines.iter().zip(kinds).zip(lines.iter().map(weight)) {
            let t: String = l.text.chars().take(80).collect();
            println!("{k:?}\t{:?}\t{w:.1}\t{t}", l.class);
        }
    }

    #[test]
    fn a_list_of_short_clauses_is_content() {
        let text = "Les documents de gestion sont établis conformément aux directives régionales et comprennent, selon les cas :
1° Pour les bois relevant du régime forestier :
a) Les documents d'aménagement ;
b) Les règlements types.
2° Pour les bois des particuliers :
a) Les plans simples de gestion ;
b) Les codes des bonnes pratiques.
";
        let page = clean_text(text);
        let kept: Vec<Kind> = page.blocks.iter().map(|b| b.kind).collect();
        assert!(kept.iter().all(|&k| k == Kind::Content), "{kept:?}");
        // One-word items kept when they end like a sentence.
        let page = clean_text(
            "Les catégories suivantes sont désignées sous le nom de leur catégorie, suivi de leur nom spécifique.\nColorant.\nConservateur.\nExhausteur de goût.\n(1) L'indication du numéro n'est pas requise dans ce cas.",
        );
        assert!(page.body().contains("Colorant.\n\nConservateur."));
    }

    #[test]
    fn clause_needs_a_word_in_small_letters() {
        assert!(ends_like_clause("a) Les plans simples de gestion ;"));
        assert!(ends_like_clause("Tais-toi."));
        assert!(!ends_like_clause("M. D."));
        assert!(!ends_like_clause("AFP."));
        assert!(!ends_like_clause("Plus d'infos"));
    }

    #[test]
    fn an_article_on_one_line_is_kept_whole() {
        // Its page's clock, placeholder and menu separators come with it.
        let line = NEWS_PAGE.split_whitespace().collect::<Vec<_>>().join(" ");
        let page = clean_text(&line);
        assert_eq!(page.blocks.len(), 1);
        assert_eq!(page.body(), line);
        let menu = "Accueil | Politique | Économie | Sport | Culture | Société | Monde | Régions | Vidéos | Podcasts | Newsletters | Abonnement | Contact | Mentions légales | Publicité | Plan du site | Archives | Météo | Horoscope | Jeux | Annonces | Emploi | Immobilier | Boutique | Partenaires | Recrutement | Agenda | Courrier des lecteurs | Nécrologie | Petites annonces | Services | Aide | Conditions générales | Données personnelles";
        assert!(menu.chars().count() > PROSE_CHARS);
        let menu_page = format!("{menu}\n{}", NEWS_PAGE);
        assert_eq!(
            kinds_of(&clean_text(&menu_page), "Horoscope"),
            vec![Kind::Chrome]
        );
    }

    #[test]
    fn an_html_table_in_text_is_content_its_tags_are_not() {
        let text = "Les indemnités maximales votées par les conseils sont déterminées en appliquant au montant du traitement le barème suivant.
<table>
<tr>
<td>
<p align=\"center\">POPULATION</p>
</td>
<td>
<p align=\"center\">TAUX EN %</p>
</td>
</tr>
<tr>
<td>
<p>Moins de 500</p>
</td>
<td>
<p align=\"center\">12,75</p>
</td>
</tr>
</table>
";
        let page = clean_text(text);
        for cell in ["POPULATION", "TAUX EN %", "Moins de 500", "12,75"] {
            assert_eq!(kinds_of(&page, cell), vec![Kind::Content], "{cell}");
        }
        assert_eq!(kinds_of(&page, "</td>")[0], Kind::Chrome);
        assert_eq!(
            without_tags("<p align=\"c\">Moins de 500</p>").trim(),
            "Moins de 500"
        );
        assert_eq!(without_tags("3 < 4 et 5 > 2"), "3 < 4 et 5 > 2");
    }

    #[test]
    fn an_enumeration_item_is_not_furniture() {
        let text = "Les jours fériés ci-après désignés sont des jours chômés dans toutes les communes du département :
1° Le 1er Janvier ;
2° Le lundi de Pâques ;
3° Le 8 Mai ;
4° Le 14 Juillet ;
5° Le premier et le second jour de Noël.
Un décret peut compléter la liste de ces jours fériés compte tenu des situations locales.";
        let page = clean_text(text);
        assert!(
            page.body().contains("1° Le 1er Janvier ;\n\n2°"),
            "{}",
            page.body()
        );
        assert!(page.body().contains("4° Le 14 Juillet ;"));
        assert!(ends_in_semicolon("a) Les plans ;"));
        assert!(!ends_in_semicolon("Tom &amp;"));
    }

    #[test]
    fn a_page_without_furniture_is_all_article() {
        // A legal text: a line cut mid-sentence, short lines, no marker.
        let text = "Sauf mention contraire, les articles L. 1222-7,
L. 3111-2, L. 3121-1 à L. 3121-37, L. 3131-1
L. 3171-1,
L. 3171-3 et L. 4612-16 du code du travail ne sont pas applicables aux gens de mer.";
        let page = clean_text(text);
        assert!(page.blocks.iter().all(|b| b.kind == Kind::Content));
        // Capitals and repeated lines are no evidence of chrome either.
        let page = clean_text("BALLONS LIBRES\nRÉSERVÉ");
        assert_eq!(page.body(), "BALLONS LIBRES\n\nRÉSERVÉ");
        // A news page's furniture is.
        let page = clean_text(NEWS_PAGE);
        assert_eq!(kinds_of(&page, "MONDE"), vec![Kind::Chrome]);
        assert_eq!(kinds_of(&page, "M. D."), vec![Kind::Chrome]);
    }

    #[test]
    fn a_labelled_clause_is_not_a_marker_line() {
        assert!(labelled_clause(
            "5e catégorie : armes de chasse et leurs munitions."
        ));
        assert!(!labelled_clause("Catégories : Desserts, Recettes"));
        assert!(!labelled_clause(
            "Lire aussi : Le port de Brest rouvre après la grève."
        ));
    }

    #[test]
    fn empty_page() {
        assert!(clean_text("").blocks.is_empty());
        assert!(clean_text(" \n\u{a0}\n").blocks.is_empty());
    }
}
