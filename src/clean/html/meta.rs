//! What the markup says about the page: meta tags, JSON-LD, `<time>`,
//! canonical links, bylines.

use scraper::{Html, Node};
use serde_json::Value;

use crate::page::{DateRole, DateSource, Meta, MetaDate};

/// Meta names whose whole purpose is the article's publication time, best
/// first: what CMSs, Open Graph, Parse.ly and Google Scholar write.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "og:published_time",
    "parsely-pub-date",
    "datepublished",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "dc.date.issued",
    "dcterms.issued",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "pubdate",
    "sailthru.date",
    "article.published",
];

/// Meta names that date the page less precisely: a generic "date" may be
/// the last edit or the day the page was generated.
const WEAK_KEYS: &[&str] = &[
    "dc.date",
    "dcterms.date",
    "date",
    "dc.date.created",
    "dcterms.created",
    "datecreated",
    "created",
];

/// Meta names carrying a modification date: never the publication, only
/// the newsroom's time zone.
const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
];

/// A `<time datetime>` element and what its markup says it dates.
struct TimeTag {
    datetime: String,
    role: DateRole,
}

/// Everything collected in one pass over the elements.
#[derive(Default)]
struct Found {
    metas: Vec<(String, String)>,
    title_tag: Option<String>,
    canonical: Option<String>,
    rel_authors: Vec<String>,
    bylines: Vec<String>,
    times: Vec<TimeTag>,
    item_dates: Vec<String>,
    item_modified: Vec<String>,
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
    let url = f
        .canonical
        .clone()
        .or_else(|| get("og:url"))
        .filter(|u| !u.trim().is_empty());
    let ld = LdFacts::from_values(&f.ld, url.as_deref());

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

    let url = url.or(ld.url.clone());
    let dated = dated(&f, &ld);
    let dates = dated
        .iter()
        .filter(|d| d.role == DateRole::Published)
        .map(|d| d.text.clone())
        .collect();

    Meta {
        title,
        site_name,
        dates,
        dated,
        authors,
        url,
    }
}

/// Every machine-readable date, best first: the dedicated publication
/// metas, the main article's JSON-LD, microdata and `<time>` marked as the
/// publication, then weaker claims, then modifications.
fn dated(f: &Found, ld: &LdFacts) -> Vec<MetaDate> {
    let mut out: Vec<MetaDate> = Vec::new();
    let mut push = |text: &str, from: DateSource, role: DateRole| {
        let text = clean(text);
        if !text.is_empty() && !out.iter().any(|d| d.text == text && d.role == role) {
            out.push(MetaDate { text, from, role });
        }
    };
    let metas = |key: &'static str| {
        f.metas
            .iter()
            .filter(move |(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
    };
    for key in PUBLISHED_KEYS.iter().take(2) {
        metas(key).for_each(|v| push(v, DateSource::Meta, DateRole::Published));
    }
    for v in &ld.published {
        push(v, DateSource::JsonLd, DateRole::Published);
    }
    for v in &f.item_dates {
        push(v, DateSource::Meta, DateRole::Published);
    }
    for key in PUBLISHED_KEYS.iter().skip(2) {
        metas(key).for_each(|v| push(v, DateSource::Meta, DateRole::Published));
    }
    for t in f.times.iter().filter(|t| t.role == DateRole::Published) {
        push(&t.datetime, DateSource::Meta, DateRole::Published);
    }
    for key in WEAK_KEYS {
        metas(key).for_each(|v| push(v, DateSource::Meta, DateRole::Weak));
    }
    for v in &ld.weak {
        push(v, DateSource::JsonLd, DateRole::Weak);
    }
    for t in f.times.iter().filter(|t| t.role == DateRole::Weak).take(3) {
        push(&t.datetime, DateSource::Meta, DateRole::Weak);
    }
    for key in MODIFIED_KEYS {
        metas(key).for_each(|v| push(v, DateSource::Meta, DateRole::Modified));
    }
    for v in &f.item_modified {
        push(v, DateSource::Meta, DateRole::Modified);
    }
    for v in &ld.modified {
        push(v, DateSource::JsonLd, DateRole::Modified);
    }
    for t in f.times.iter().filter(|t| t.role == DateRole::Modified) {
        push(&t.datetime, DateSource::Meta, DateRole::Modified);
    }
    out
}

/// What a `<time>` element dates, by its markup: `pubdate`, a
/// `datePublished` itemprop or a "published" class mark the publication;
/// an "updated"/"modified" class an update; anything else (a comment's
/// time, a teaser's) is a weak claim.
fn time_role(el: &scraper::node::Element) -> DateRole {
    let item = el.attr("itemprop").unwrap_or("");
    let class = el.attr("class").unwrap_or("").to_ascii_lowercase();
    if item.eq_ignore_ascii_case("dateModified")
        || class.contains("updated")
        || class.contains("modified")
    {
        DateRole::Modified
    } else if el.attr("pubdate").is_some()
        || item.eq_ignore_ascii_case("datePublished")
        || class.contains("published")
        || class.contains("pub-date")
        || class.contains("pubdate")
    {
        DateRole::Published
    } else {
        DateRole::Weak
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
                    // The whole script: a CMS's JSON-LD often runs past the
                    // few thousand characters other texts are cut at.
                    let mut raw = String::new();
                    for d in node.descendants() {
                        if let Node::Text(t) = d.value() {
                            raw.push_str(t);
                        }
                    }
                    // Some pages put several objects, or junk, one after
                    // the other: every value read before an error counts.
                    let values = serde_json::Deserializer::from_str(&raw).into_iter::<Value>();
                    f.ld.extend(values.map_while(Result::ok).take(8));
                }
                continue;
            }
            "time" => {
                if let Some(d) = el.attr("datetime").filter(|d| !d.trim().is_empty()) {
                    f.times.push(TimeTag {
                        datetime: d.trim().to_string(),
                        role: time_role(el),
                    });
                }
                // Its itemprop is read with the time's role.
                continue;
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
            Some("dateModified") => {
                if let Some(d) = el.attr("datetime").or_else(|| el.attr("content")) {
                    f.item_modified.push(d.trim().to_string());
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
    /// The main article's `datePublished` (else its `dateCreated`).
    published: Vec<String>,
    /// Dates of other objects: the web page, a related article.
    weak: Vec<String>,
    modified: Vec<String>,
    authors: Vec<String>,
    url: Option<String>,
}

impl LdFacts {
    /// `page_url` (canonical link, `og:url`) tells the main article from a
    /// related one when a page describes several.
    fn from_values(values: &[Value], page_url: Option<&str>) -> LdFacts {
        let mut out = LdFacts::default();
        let mut objects = Vec::new();
        for v in values {
            gather_objects(v, &mut objects, 0);
        }
        let articles: Vec<(&serde_json::Map<String, Value>, bool)> = objects
            .into_iter()
            .filter_map(|o| {
                let typ = type_names(o.get("@type"));
                let page = typ.iter().all(|t| t == "WebPage");
                let articleish = typ.iter().any(|t| {
                    t.ends_with("Article") || t == "BlogPosting" || t == "Report" || t == "WebPage"
                });
                articleish.then_some((o, page))
            })
            .collect();
        let names_page = |o: &serde_json::Map<String, Value>| {
            page_url.is_some_and(|u| {
                ["url", "@id", "mainEntityOfPage"]
                    .iter()
                    .filter_map(|k| o.get(*k).and_then(ld_id))
                    .any(|v| same_address(v, u))
            })
        };
        // The main article: the one at the page's address, else the first.
        let main = articles
            .iter()
            .position(|(o, page)| !page && names_page(o))
            .or_else(|| articles.iter().position(|(_, page)| !page));
        for (i, (o, page)) in articles.iter().enumerate() {
            let str_of = |k: &str| o.get(k).and_then(Value::as_str).map(clean);
            let is_main = Some(i) == main;
            if out.headline.is_none() && !page {
                out.headline = str_of("headline").filter(|h| !h.is_empty());
            }
            if is_main {
                out.published.extend(str_of("datePublished"));
                out.published.extend(str_of("dateCreated"));
            } else if *page {
                out.weak.extend(str_of("datePublished"));
            } else if main.is_none() {
                out.published.extend(str_of("datePublished"));
            } else {
                out.weak.extend(str_of("datePublished"));
            }
            if is_main || *page {
                out.modified.extend(str_of("dateModified"));
            }
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

/// The address a JSON-LD `url`, `@id` or `mainEntityOfPage` gives.
fn ld_id(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        Value::Object(o) => o.get("@id").or_else(|| o.get("url")).and_then(ld_id),
        _ => None,
    }
}

/// Two addresses of the same page: scheme, `www.`, a fragment and a final
/// slash aside.
fn same_address(a: &str, b: &str) -> bool {
    fn key(u: &str) -> &str {
        let u = u.trim();
        let u = u.split_once("://").map_or(u, |(_, r)| r);
        let u = u.strip_prefix("www.").unwrap_or(u);
        let u = u.split('#').next().unwrap_or(u);
        u.trim_end_matches('/')
    }
    !key(a).is_empty() && key(a) == key(b)
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
            // A page's `mainEntity` is its article; other nested objects
            // (lists, related items) are not.
            for k in ["@graph", "mainEntity"] {
                if let Some(g) = o.get(k) {
                    gather_objects(g, out, depth + 1);
                }
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
        assert_eq!(m.dates, ["2024-03-05T08:00:00+01:00"]);
        assert_eq!(m.dated[0].from, DateSource::JsonLd);
        // A <time> without a "published" mark is a weak claim.
        assert!(m
            .dated
            .iter()
            .any(|d| d.text == "2024-03-05" && d.role == DateRole::Weak));
        assert_eq!(m.authors, ["Jeanne Martin", "Paul Durand"]);
        assert_eq!(m.url.as_deref(), Some("https://example.org/a"));
    }

    fn dated(html: &str) -> Vec<(String, DateSource, DateRole)> {
        read_meta(&Html::parse_document(html), None)
            .dated
            .into_iter()
            .map(|d| (d.text, d.from, d.role))
            .collect()
    }

    #[test]
    fn published_metas_rank_before_weak_and_modified_ones() {
        let d = dated(
            r#"<head><meta name="date" content="2020-01-03">
            <meta property="article:modified_time" content="2020-01-04T10:00:00+01:00">
            <meta name="citation_date" content="2020/01/02">
            <meta property="article:published_time" content="2020-01-01T09:00:00+01:00">
            <meta name="parsely-pub-date" content="2020-01-01T08:00:00Z"></head>
            <body><time class="entry-date published" datetime="2020-01-01T09:00:00+01:00">1 janvier</time>
            <time class="updated" datetime="2020-01-05">5 janvier</time><time datetime="2019-12-31">x</time></body>"#,
        );
        let roles: Vec<_> = d.iter().map(|(t, _, r)| (t.as_str(), *r)).collect();
        assert_eq!(
            roles,
            [
                ("2020-01-01T09:00:00+01:00", DateRole::Published),
                ("2020-01-01T08:00:00Z", DateRole::Published),
                ("2020/01/02", DateRole::Published),
                ("2020-01-03", DateRole::Weak),
                ("2019-12-31", DateRole::Weak),
                ("2020-01-04T10:00:00+01:00", DateRole::Modified),
                ("2020-01-05", DateRole::Modified),
            ]
        );
    }

    #[test]
    fn json_ld_of_the_main_article_beats_a_related_one() {
        let d = dated(
            r#"<link rel="canonical" href="https://www.example.org/a/main/">
            <script type="application/ld+json">{"@type":"NewsArticle","url":"https://example.org/a/other",
              "datePublished":"2019-05-01"}</script>
            <script type="application/ld+json">[{"@type":"NewsArticle","mainEntityOfPage":{"@id":"http://example.org/a/main"},
              "datePublished":"2020-06-02T10:00:00+02:00","dateModified":"2020-06-03"}]</script>"#,
        );
        assert_eq!(
            d[0],
            (
                "2020-06-02T10:00:00+02:00".to_string(),
                DateSource::JsonLd,
                DateRole::Published
            )
        );
        assert!(d.contains(&("2019-05-01".into(), DateSource::JsonLd, DateRole::Weak)));
        assert!(d.contains(&("2020-06-03".into(), DateSource::JsonLd, DateRole::Modified)));
    }

    #[test]
    fn long_and_concatenated_json_ld_is_read() {
        let filler = "x".repeat(6000);
        let html = format!(
            r#"<script type="application/ld+json">{{"@type":"Organization","description":"{filler}"}}
            {{"@type":"NewsArticle","datePublished":"2020-10-26T18:10:00+01:00"}}</script>"#
        );
        assert_eq!(
            read_meta(&Html::parse_document(&html), None).dates,
            ["2020-10-26T18:10:00+01:00"]
        );
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
