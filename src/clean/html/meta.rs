//! What the markup says about the page: meta tags, JSON-LD, `<time>`,
//! canonical links, bylines.

use scraper::{Html, Node};
use serde_json::Value;

use crate::page::Meta;

/// Meta names carrying a publication date, best first.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "og:published_time",
    "created",
];

/// Meta names carrying a modification date (used last).
const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
];

/// Everything collected in one pass over the elements.
#[derive(Default)]
struct Found {
    metas: Vec<(String, String)>,
    title_tag: Option<String>,
    canonical: Option<String>,
    rel_authors: Vec<String>,
    bylines: Vec<String>,
    times: Vec<String>,
    item_dates: Vec<String>,
    item_authors: Vec<String>,
    ld: Vec<Value>,
}

/// Reads the page's metadata. `h1` is the headline found in the body.
pub fn read_meta(doc: &Html, h1: Option<&str>) -> Meta {
    let f = collect(doc);
    let get = |key: &str| {
        f.metas
            .iter()
            .find(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| clean(v))
    };
    let ld = LdFacts::from_values(&f.ld);

    let site_name = get("og:site_name")
        .or(ld.publisher.clone())
        .or_else(|| get("application-name"));

    let title = get("og:title")
        .or_else(|| get("twitter:title"))
        .or_else(|| ld.headline.clone())
        .or_else(|| h1.map(str::to_string))
        .or_else(|| {
            f.title_tag
                .as_deref()
                .map(|t| strip_site_suffix(t, site_name.as_deref()))
        })
        .map(|t| strip_site_suffix(&t, site_name.as_deref()))
        .filter(|t| !t.is_empty());

    let mut dates = Vec::new();
    for key in DATE_KEYS.iter().take(2) {
        dates.extend(get(key));
    }
    dates.extend(ld.published.iter().cloned());
    dates.extend(f.item_dates.iter().cloned());
    for key in DATE_KEYS.iter().skip(2) {
        dates.extend(get(key));
    }
    dates.extend(f.times.iter().take(3).cloned());
    for key in MODIFIED_KEYS {
        dates.extend(get(key));
    }
    dates.extend(ld.modified.iter().cloned());
    dedup(&mut dates);

    let mut authors = Vec::new();
    authors.extend(get("author").filter(|a| !looks_like_url(a)));
    authors.extend(get("article:author").filter(|a| !looks_like_url(a)));
    authors.extend(get("dc.creator"));
    authors.extend(ld.authors.iter().cloned());
    authors.extend(f.item_authors.iter().cloned());
    authors.extend(f.rel_authors.iter().cloned());
    authors.extend(f.bylines.iter().cloned());
    let mut authors: Vec<String> = authors
        .into_iter()
        .map(|a| strip_by(&a))
        .filter(|a| plausible_name(a))
        .collect();
    dedup(&mut authors);

    let url = f
        .canonical
        .clone()
        .or_else(|| get("og:url"))
        .or(ld.url.clone());

    Meta {
        title,
        site_name,
        dates,
        authors,
        url,
    }
}

/// One pass over all elements of the tree (arena order, no recursion).
fn collect(doc: &Html) -> Found {
    let mut f = Found::default();
    for node in doc.tree.nodes() {
        let Node::Element(el) = node.value() else {
            continue;
        };
        let text = || {
            let mut s = String::new();
            for d in node.descendants() {
                if let Node::Text(t) = d.value() {
                    s.push_str(t);
                    if s.len() > 4000 {
                        break;
                    }
                }
            }
            clean(&s)
        };
        match el.name() {
            "meta" => {
                let key = el
                    .attr("property")
                    .or_else(|| el.attr("name"))
                    .or_else(|| el.attr("itemprop"));
                if let (Some(k), Some(v)) = (key, el.attr("content")) {
                    f.metas.push((k.trim().to_ascii_lowercase(), v.to_string()));
                }
                continue;
            }
            "title" if f.title_tag.is_none() => {
                f.title_tag = Some(text()).filter(|t| !t.is_empty());
                continue;
            }
            "link" => {
                let rel = el.attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") && f.canonical.is_none() {
                    f.canonical = el.attr("href").map(str::to_string);
                }
                continue;
            }
            "script" => {
                if el
                    .attr("type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"))
                {
                    let raw = text();
                    if let Ok(v) = serde_json::from_str::<Value>(&raw) {
                        f.ld.push(v);
                    }
                }
                continue;
            }
            "time" => {
                if let Some(d) = el.attr("datetime").filter(|d| !d.trim().is_empty()) {
                    f.times.push(d.trim().to_string());
                }
            }
            "a" => {
                let rel = el.attr("rel").unwrap_or("");
                if rel
                    .split_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("author"))
                {
                    f.rel_authors.push(text());
                }
            }
            _ => {}
        }
        match el.attr("itemprop") {
            Some("datePublished") => {
                if let Some(d) = el.attr("datetime").or_else(|| el.attr("content")) {
                    f.item_dates.push(d.trim().to_string());
                }
            }
            Some("author") => {
                let t = el.attr("content").map(clean).unwrap_or_else(text);
                if t.chars().count() <= 60 {
                    f.item_authors.push(t);
                }
            }
            _ => {}
        }
        let is_byline = el.classes().any(|c| {
            let c = c.to_ascii_lowercase();
            c.contains("byline") || c == "author" || c.ends_with("author-name") || c == "autor"
        });
        if is_byline && f.bylines.len() < 5 {
            let t = text();
            if !t.is_empty() && t.chars().count() <= 60 {
                f.bylines.push(t);
            }
        }
    }
    f
}

/// Facts from JSON-LD objects about the article.
#[derive(Default)]
struct LdFacts {
    headline: Option<String>,
    publisher: Option<String>,
    published: Vec<String>,
    modified: Vec<String>,
    authors: Vec<String>,
    url: Option<String>,
}

impl LdFacts {
    fn from_values(values: &[Value]) -> LdFacts {
        let mut out = LdFacts::default();
        let mut objects = Vec::new();
        for v in values {
            gather_objects(v, &mut objects, 0);
        }
        for o in objects {
            let typ = type_names(o.get("@type"));
            let articleish = typ.iter().any(|t| {
                t.ends_with("Article") || t == "BlogPosting" || t == "Report" || t == "WebPage"
            });
            if !articleish {
                continue;
            }
            let str_of = |k: &str| o.get(k).and_then(Value::as_str).map(clean);
            if out.headline.is_none() && typ.iter().any(|t| t != "WebPage") {
                out.headline = str_of("headline").filter(|h| !h.is_empty());
            }
            out.published.extend(str_of("datePublished"));
            out.modified.extend(str_of("dateModified"));
            if out.url.is_none() {
                out.url = str_of("url").or_else(|| str_of("mainEntityOfPage"));
            }
            if let Some(a) = o.get("author") {
                names(a, &mut out.authors);
            }
            if out.publisher.is_none() {
                let mut p = Vec::new();
                if let Some(v) = o.get("publisher") {
                    names(v, &mut p);
                }
                out.publisher = p.into_iter().next();
            }
        }
        out
    }
}

/// Collects the JSON objects of a JSON-LD value, looking into `@graph` and
/// arrays (depth-limited: JSON-LD is shallow).
fn gather_objects<'a>(
    v: &'a Value,
    out: &mut Vec<&'a serde_json::Map<String, Value>>,
    depth: usize,
) {
    if depth > 4 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| gather_objects(x, out, depth + 1)),
        Value::Object(o) => {
            out.push(o);
            if let Some(g) = o.get("@graph") {
                gather_objects(g, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn type_names(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// Names from a JSON-LD person/organisation value (string, object or list).
fn names(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(clean(s)),
        Value::Object(o) => {
            if let Some(n) = o.get("name").and_then(Value::as_str) {
                out.push(clean(n));
            }
        }
        Value::Array(a) => a.iter().take(10).for_each(|x| {
            if !x.is_array() {
                names(x, out)
            }
        }),
        _ => {}
    }
}

/// Folds whitespace.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `Headline | Site` → `Headline` (also ` - `, ` – `, ` — `, ` :: `), when the
/// suffix is the site's name or short next to the headline.
pub fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let title = clean(title);
    for sep in [" | ", " – ", " — ", " - ", " :: ", " · ", " • "] {
        if let Some(pos) = title.rfind(sep) {
            let (head, tail) = (&title[..pos], &title[pos + sep.len()..]);
            let tail_is_site = site.is_some_and(|s| {
                let s = s.to_lowercase();
                let t = tail.to_lowercase();
                t.contains(&s) || s.contains(&t)
            });
            let short_tail = tail.chars().count() * 2 < head.chars().count() && tail.len() < 40;
            if (tail_is_site || short_tail) && head.chars().count() >= 10 {
                return head.trim().to_string();
            }
        }
    }
    title
}

/// `By Jane Doe` / `Von …` / `Par …` → the name.
fn strip_by(s: &str) -> String {
    let t = clean(s);
    let lower = t.to_lowercase();
    for p in [
        "by ",
        "von ",
        "par ",
        "de ",
        "author: ",
        "autor: ",
        "auteur : ",
        "auteur: ",
    ] {
        if lower.starts_with(p) {
            return t[p.len()..].trim().to_string();
        }
    }
    t
}

fn looks_like_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with('/')
}

/// A name is short, has a letter and is not a URL.
fn plausible_name(s: &str) -> bool {
    let n = s.chars().count();
    (2..=80).contains(&n) && s.chars().any(char::is_alphabetic) && !looks_like_url(s)
}

fn dedup(v: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    v.retain(|x| seen.insert(x.to_lowercase()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_site_suffix() {
        assert_eq!(
            strip_site_suffix("Grève à la SNCF | Le Quotidien", Some("Le Quotidien")),
            "Grève à la SNCF"
        );
        assert_eq!(
            strip_site_suffix("Un titre assez long pour rester - Site", None),
            "Un titre assez long pour rester"
        );
        assert_eq!(strip_site_suffix("Paris - Lyon", None), "Paris - Lyon");
    }

    #[test]
    fn reads_meta_tags_and_json_ld() {
        let html = r#"<html><head><title>T | S</title>
            <meta property="og:site_name" content="Le Site">
            <meta name="author" content="Jeanne Martin">
            <link rel="canonical" href="https://example.org/a">
            <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-03-05T08:00:00+01:00",
              "author":[{"@type":"Person","name":"Paul Durand"}],"publisher":{"name":"Éditeur"}}</script>
            </head><body><time datetime="2024-03-05">5 mars</time></body></html>"#;
        let m = read_meta(&Html::parse_document(html), Some("Le titre"));
        assert_eq!(m.site_name.as_deref(), Some("Le Site"));
        assert_eq!(m.title.as_deref(), Some("Le titre"));
        assert_eq!(m.dates[0], "2024-03-05T08:00:00+01:00");
        assert!(m.dates.contains(&"2024-03-05".to_string()));
        assert_eq!(m.authors, ["Jeanne Martin", "Paul Durand"]);
        assert_eq!(m.url.as_deref(), Some("https://example.org/a"));
    }

    #[test]
    fn json_ld_graph_and_bad_json_are_handled() {
        let html = r#"<script type="application/ld+json">{"@graph":[{"@type":"Organization","name":"O"},
            {"@type":["NewsArticle"],"headline":"H","publisher":{"@id":"x","name":"Pub"}}]}</script>
            <script type="application/ld+json">{broken</script>"#;
        let m = read_meta(&Html::parse_document(html), None);
        assert_eq!(m.title.as_deref(), Some("H"));
        assert_eq!(m.site_name.as_deref(), Some("Pub"));
    }
}
