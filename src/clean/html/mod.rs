//! Cleaning HTML pages: use the document structure, then render text.
//!
//! Steps: cap element nesting (html5ever is quadratic in depth) → parse
//! (html5ever via `scraper`) → count visible text per element →
//! cut the text into blocks, each labelled by what its ancestors' tags,
//! classes and roles say (chrome, comments) → score the elements holding
//! paragraphs and keep the best container and its siblings → mark the
//! headline and standfirst → read the metadata.

mod depth;
mod dom;
mod labels;
mod markers;
mod meta;
mod select;

use scraper::Html;

use crate::page::{Block, Kind, Page};
use dom::RawBlock;
use labels::Label;

/// Extracts the article from an HTML page.
pub fn clean_html(html: &str) -> Page {
    let doc = Html::parse_document(&depth::cap_depth(html));
    let stats = dom::element_stats(&doc);
    let page_chars = stats
        .values()
        .max_by_key(|s| s.chars)
        .map_or(0, |s| s.chars.saturating_sub(s.link_chars));
    let raw = dom::blocks(&doc, &stats, page_chars);
    let ranges = select::choose_containers(&doc, &stats, &raw);
    let mut kinds: Vec<Kind> = raw.iter().map(|b| select::kind_of(b, &ranges)).collect();

    let pre_meta = meta::read_meta(&doc, None);
    let title_idx = find_title(&raw, &kinds, pre_meta.title.as_deref());
    if let Some(i) = title_idx {
        kinds[i] = Kind::Title;
        keep_standfirst(&raw, &mut kinds, i);
    }
    let h1 = title_idx.map(|i| raw[i].text.as_str());
    let meta = if h1.is_some() && pre_meta.title.is_none() {
        meta::read_meta(&doc, h1)
    } else {
        pre_meta
    };
    let blocks = raw
        .into_iter()
        .zip(kinds)
        .map(|(b, kind)| Block { text: b.text, kind })
        .collect();
    Page { blocks, meta }
}

/// The headline: the heading that best matches the page's declared title,
/// else the first `<h1>` near the article.
fn find_title(raw: &[RawBlock], kinds: &[Kind], declared: Option<&str>) -> Option<usize> {
    let candidates: Vec<usize> = raw
        .iter()
        .enumerate()
        .filter(|(_, b)| b.heading.is_some() && b.chars >= 3 && b.chars <= 400)
        .map(|(i, _)| i)
        .collect();
    if let Some(d) = declared {
        let best = candidates
            .iter()
            .map(|&i| (i, similarity(&raw[i].text, d)))
            .filter(|&(_, s)| s >= 0.6)
            // Among headings that match as well, the headline is the
            // highest-level one, then the first: a teaser of the same story
            // under it ("Related articles") repeats its title in an <h5>.
            .max_by(|a, b| {
                a.1.total_cmp(&b.1)
                    .then_with(|| raw[b.0].heading.cmp(&raw[a.0].heading))
                    .then_with(|| b.0.cmp(&a.0))
            });
        if let Some((i, _)) = best {
            return Some(i);
        }
    }
    // An h1 not in chrome, preferring one just before or inside the content.
    let first_content = kinds.iter().position(|k| *k == Kind::Content);
    candidates
        .iter()
        .copied()
        .filter(|&i| raw[i].heading == Some(1) && raw[i].label == Label::Plain)
        .min_by_key(|&i| match first_content {
            Some(c) if i <= c => c - i,
            Some(c) => (i - c) * 4,
            None => i,
        })
}

/// Share of the declared title's words found in the heading (and back).
fn similarity(heading: &str, declared: &str) -> f32 {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let h = words(heading);
    let d = words(declared);
    if h.is_empty() || d.is_empty() {
        return 0.0;
    }
    let in_d = h.iter().filter(|w| d.contains(w)).count() as f32 / h.len() as f32;
    let in_h = d.iter().filter(|w| h.contains(w)).count() as f32 / d.len() as f32;
    in_d.min(in_h)
}

/// Prose between the headline and the article container (the standfirst,
/// often in its own `div` in the article header) is content too.
fn keep_standfirst(raw: &[RawBlock], kinds: &mut [Kind], title: usize) {
    let Some(first) = kinds.iter().position(|k| *k == Kind::Content) else {
        return;
    };
    if first <= title {
        return;
    }
    for i in title + 1..first {
        let b = &raw[i];
        let prose = b.chars.saturating_sub(b.link_chars);
        if b.label == Label::Plain
            && b.heading.is_none()
            && prose >= 60
            && prose * 10 >= b.chars * 9
            && !markers::is_boilerplate_line(&b.text)
        {
            kinds[i] = Kind::Content;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = r##"<!DOCTYPE html>
<html lang="fr"><head>
<meta charset="utf-8">
<title>Inondations dans le Gard : les habitants face à la décrue | La Gazette du Midi</title>
<meta property="og:site_name" content="La Gazette du Midi">
<meta property="og:title" content="Inondations dans le Gard : les habitants face à la décrue">
<meta property="article:published_time" content="2023-10-18T07:45:00+02:00">
<meta name="author" content="Claire Fabre">
<link rel="canonical" href="https://www.gazette-midi.example/gard/inondations-decrue">
<script>var ads = "Ne pas afficher";</script>
<style>.x{color:red}</style>
</head><body>
<header class="site-header"><a href="/">La Gazette du Midi</a>
 <nav class="main-nav"><ul><li><a href="/politique">Politique</a></li><li><a href="/sport">Sport</a></li></ul></nav>
</header>
<div class="cookie-banner">Nous utilisons des cookies pour améliorer votre expérience.</div>
<main>
<article class="article">
 <header class="article-header">
  <h1>Inondations dans le Gard : les habitants face à la décrue</h1>
  <p class="chapo">À Sommières, les riverains nettoient leurs maisons après la crue du Vidourle, qui a atteint un niveau inédit depuis vingt ans.</p>
  <div class="byline">Par <a rel="author" href="/auteurs/cfabre">Claire Fabre</a>, <time datetime="2023-10-18T07:45:00+02:00">le 18 octobre 2023</time></div>
 </header>
 <div class="article-body">
  <p>Mercredi matin, l'eau s'est retirée des rues du centre, laissant derrière elle une épaisse couche de boue, des meubles renversés et des voitures déplacées.</p>
  <figure><img src="crue.jpg" alt=""><figcaption>La place du marché, mardi soir. Photo : Jean Roux</figcaption></figure>
  <p>« On a tout perdu au rez-de-chaussée », raconte une commerçante, qui tient une boulangerie depuis quinze ans dans la rue principale.</p>
  <h2>Une solidarité qui s'organise</h2>
  <p>Des bénévoles venus des communes voisines, équipés de pelles et de seaux, aident les sinistrés à évacuer les gravats, tandis que la mairie coordonne les secours.</p>
  <div class="share-bar"><a href="#">Partager sur Facebook</a> <a href="#">Partager sur X</a></div>
  <p class="related"><a href="/gard/crue-2002">Lire aussi : la crue de 2002, vingt ans après</a></p>
 </div>
</article>
<section id="comments" class="comments">
 <h3>3 commentaires</h3>
 <div class="comment"><span class="comment-author">Marcel34</span><p>Courage à tous les habitants, nous pensons bien à vous depuis Montpellier.</p></div>
</section>
</main>
<aside class="sidebar"><h3>Les plus lus</h3><ul><li><a href="/a">Un autre article très lu de la semaine dernière</a></li></ul></aside>
<footer class="site-footer"><p>© 2023 La Gazette du Midi – Tous droits réservés</p><a href="/mentions">Mentions légales</a></footer>
</body></html>"##;

    fn texts(page: &Page, kind: Kind) -> String {
        page.blocks
            .iter()
            .filter(|b| b.kind == kind)
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn french_news_page_keeps_the_article() {
        let page = clean_html(FIXTURE);
        let body = page.body();
        assert!(
            body.contains("les riverains nettoient leurs maisons"),
            "{body}"
        );
        assert!(body.contains("Mercredi matin, l'eau s'est retirée"));
        assert!(body.contains("On a tout perdu au rez-de-chaussée"));
        assert!(body.contains("Une solidarité qui s'organise"));
        assert!(body.contains("Des bénévoles venus des communes voisines"));
        assert_eq!(
            page.title(),
            Some("Inondations dans le Gard : les habitants face à la décrue")
        );
    }

    #[test]
    fn the_headline_beats_a_teaser_with_the_same_title() {
        let para = "<p>Les bénévoles ont nettoyé la berge pendant toute la matinée, avant que la pluie ne revienne sur la vallée.</p>";
        let html = format!(
            r#"<html><head><meta property="og:title" content="La crue du Vidourle"></head><body>
<article><h1>La crue du Vidourle</h1><div class="date">12.03.2019, 08:40</div>{para}{para}</article>
<aside><h5>La crue du Vidourle</h5><div>13.03.2019 / Jean Roux</div></aside></body></html>"#
        );
        let page = clean_html(&html);
        let title = page.blocks.iter().position(|b| b.kind == Kind::Title);
        assert_eq!(
            title.map(|t| page.blocks[t + 1].text.as_str()),
            Some("12.03.2019, 08:40")
        );
    }

    #[test]
    fn french_news_page_drops_the_chrome() {
        let page = clean_html(FIXTURE);
        let body = page.body();
        for gone in [
            "Politique",
            "cookies",
            "Photo : Jean Roux",
            "Partager sur Facebook",
            "Lire aussi",
            "Courage à tous",
            "Les plus lus",
            "Tous droits réservés",
            "Ne pas afficher",
            "color:red",
        ] {
            assert!(!body.contains(gone), "{gone} leaked into {body}");
        }
        assert!(texts(&page, Kind::Comments).contains("Courage à tous"));
        assert!(texts(&page, Kind::Chrome).contains("Les plus lus"));
    }

    #[test]
    fn french_news_page_metadata() {
        let m = clean_html(FIXTURE).meta;
        assert_eq!(
            m.title.as_deref(),
            Some("Inondations dans le Gard : les habitants face à la décrue")
        );
        assert_eq!(m.site_name.as_deref(), Some("La Gazette du Midi"));
        assert_eq!(
            m.dates.first().map(String::as_str),
            Some("2023-10-18T07:45:00+02:00")
        );
        assert_eq!(m.authors.first().map(String::as_str), Some("Claire Fabre"));
        assert_eq!(
            m.url.as_deref(),
            Some("https://www.gazette-midi.example/gard/inondations-decrue")
        );
    }

    #[test]
    fn page_without_text_has_no_content() {
        for html in [
            "",
            "<html><body><img src=x></body></html>",
            "<script>x</script>",
        ] {
            let page = clean_html(html);
            assert!(page.body().is_empty());
        }
    }

    #[test]
    fn truncated_and_deep_html_do_not_panic() {
        let truncated = &FIXTURE[..FIXTURE.len() / 2];
        let page = clean_html(truncated);
        assert!(page.body().contains("riverains"));
        let deep = "<div><span>".repeat(20_000) + "au fond";
        let page = clean_html(&deep);
        assert!(page.blocks.iter().any(|b| b.text.contains("au fond")));
    }
}
