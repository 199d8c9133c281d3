//! The ingestion pipeline: a raw document becomes an [`Article`]
//! (decode → to text → clean → describe → enrich).

use chrono::NaiveDate;

use crate::archive::{Content, RawDoc, Record, Sidecar};
use crate::article::Article;
use crate::article::DateSource;
use crate::clean::{clean_html, clean_text};
use crate::decode::decode;
use crate::describe::describe_at;
use crate::entities::Gazetteer;
use crate::page::Page;

/// Turns one raw document into an article, or says why it cannot.
pub fn ingest(doc: &RawDoc, gazetteer: &Gazetteer) -> Result<Article, String> {
    let mut id = doc.id.clone();
    let mut record_sidecar = None;
    let page = match &doc.content {
        Content::Bytes { data, html } => {
            let decoded = decode(data).map_err(|e| e.to_string())?;
            if *html || looks_like_html(&decoded.text) {
                clean_html(&decoded.text)
            } else {
                clean_text(&decoded.text)
            }
        }
        Content::Record { line, number } => {
            let rec = Record::parse(line, *number)?;
            id = rec.id;
            record_sidecar = Some(rec.sidecar);
            match rec.content {
                (html, true) => clean_html(&html),
                (text, false) if looks_like_html(&text) => clean_html(&text),
                (text, false) => clean_text(&text),
            }
        }
    };
    let sidecar = record_sidecar.as_ref().unwrap_or(&doc.sidecar);
    let mut article = article_from_page(&page, sidecar)?;
    article.path = doc.path.clone();
    article.id = id.unwrap_or_else(|| id_from_path(&doc.path));
    let found = gazetteer.recognise(&article.title, &article.body);
    article.places = found.places;
    article.organisations = found.organisations;
    article.people = found.people;
    Ok(article)
}

/// Describes a cleaned page, letting the sidecar's values win.
pub fn article_from_page(page: &Page, sidecar: &Sidecar) -> Result<Article, String> {
    let mut body = page.body();
    let d = describe_at(page, sidecar.url.as_deref());
    let given = sidecar.title.clone().filter(|t| !t.trim().is_empty());
    // When the archive names the title, the line the cleaner took for a
    // headline is article text unless it says the same: a search engine
    // cannot find what it threw away.
    if let (Some(given), Some(line)) = (&given, page.title()) {
        if !same_title(given, line) {
            body = if body.is_empty() {
                line.to_string()
            } else {
                format!("{line}\n\n{body}")
            };
        }
    }
    let title = given.or(d.title).unwrap_or_default();
    if body.trim().is_empty() && title.trim().is_empty() {
        return Err("no article text after cleaning".into());
    }
    let (published, published_from) = match &sidecar.published {
        Some(s) => (Some(parse_sidecar_date(s)?), Some(DateSource::Sidecar)),
        None => (d.published, d.published_from),
    };
    Ok(Article {
        id: String::new(),
        path: String::new(),
        url: sidecar.url.clone().or_else(|| page.meta.url.clone()),
        title,
        body,
        published,
        published_from,
        source: sidecar.source.clone().or(d.source),
        authors: sidecar.authors.clone().unwrap_or(d.authors),
        wire_sources: d.wire_sources,
        ..Default::default()
    })
}

/// Whether two titles say the same, one maybe with the site's name added:
/// their letters and digits, lowercased, and one holds the other.
fn same_title(a: &str, b: &str) -> bool {
    let fold = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (a, b) = (fold(a), fold(b));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

/// A sidecar date is `YYYY-MM-DD`, optionally followed by a time.
fn parse_sidecar_date(s: &str) -> Result<NaiveDate, String> {
    let head = s.trim().get(..10).unwrap_or(s.trim());
    NaiveDate::parse_from_str(head, "%Y-%m-%d")
        .map_err(|_| format!("invalid \"published\" date in the manifest: {s:?}"))
}

/// The id of a document without one: its path without the extension.
pub fn id_from_path(path: &str) -> String {
    if path.contains('#') {
        return path.to_string();
    }
    match path.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.contains('/') && ext.len() <= 5 => {
            stem.to_string()
        }
        _ => path.to_string(),
    }
}

/// Sniffs HTML in text that was not named as such.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml") && head.contains("<html")
        || (head.starts_with('<')
            && ["<head", "<body", "<div", "<p>", "<article", "<meta"]
                .iter()
                .any(|t| head.contains(t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_drop_the_extension() {
        assert_eq!(
            id_from_path("000_267bb8b3a58bb06f.txt"),
            "000_267bb8b3a58bb06f"
        );
        assert_eq!(id_from_path("Le Figaro/123.txt"), "Le Figaro/123");
        assert_eq!(id_from_path("a.jsonl#3"), "a.jsonl#3");
        assert_eq!(id_from_path("noext"), "noext");
    }

    #[test]
    fn sniffs_html() {
        assert!(looks_like_html("<!DOCTYPE html><html>"));
        assert!(looks_like_html("  <div><p>x</p></div>"));
        assert!(!looks_like_html("L'armée <b> n'est pas"));
    }

    #[test]
    fn sidecar_title_keeps_the_line_the_cleaner_took_for_a_headline() {
        let page = clean_text("Premier alinéa de l'article\n\nUn paragraphe.");
        let sc = Sidecar {
            title: Some("Article 12".into()),
            ..Default::default()
        };
        let a = article_from_page(&page, &sc).unwrap();
        assert_eq!(a.title, "Article 12");
        assert_eq!(a.body, "Premier alinéa de l'article\n\nUn paragraphe.");
        // The same headline (here with the site's name) is not repeated.
        let sc = Sidecar {
            title: Some("Premier alinéa de l'article - Le Journal".into()),
            ..Default::default()
        };
        let a = article_from_page(&page, &sc).unwrap();
        assert_eq!(a.body, "Un paragraphe.");
    }

    #[test]
    fn sidecar_wins() {
        let page = clean_text("Titre\n\nUn paragraphe.");
        let sc = Sidecar {
            source: Some("L'Expression".into()),
            published: Some("2016-04-04".into()),
            ..Default::default()
        };
        let a = article_from_page(&page, &sc).unwrap();
        assert_eq!(a.source.as_deref(), Some("L'Expression"));
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2016, 4, 4));
        assert_eq!(a.published_from, Some(DateSource::Sidecar));
    }

    #[test]
    fn the_crawl_address_dates_the_page() {
        let page = clean_text("Titre\n\nUn paragraphe.");
        let sc = Sidecar {
            url: Some("https://example.org/2023/11/02/titre".into()),
            ..Default::default()
        };
        let a = article_from_page(&page, &sc).unwrap();
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2023, 11, 2));
        assert_eq!(a.published_from, Some(DateSource::Url));
    }
}
