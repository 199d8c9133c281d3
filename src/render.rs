//! Rendering results for people: colour on a terminal (unless NO_COLOR),
//! plain `[markers]` around matched words otherwise.

use std::io::{self, Write};

use chrono::{Datelike, NaiveDate};

use crate::article::Article;
use crate::search::{Hit, Snippet};

/// How to mark up text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
    /// The terminal's width: snippets wrap to it under their hit. `None`
    /// (not a terminal) writes each snippet on one line, for scripts.
    pub width: Option<usize>,
}

impl Style {
    /// No colour, no wrapping: for files, pipes and scripts.
    pub const PLAIN: Style = Style {
        color: false,
        width: None,
    };
}

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const MATCH: &str = "\x1b[1;31m";
const RESET: &str = "\x1b[0m";

impl Style {
    fn paint(&self, out: &mut impl Write, code: &str, text: &str) -> io::Result<()> {
        if self.color {
            write!(out, "{code}{text}{RESET}")
        } else {
            write!(out, "{text}")
        }
    }
}

/// The highlights of a snippet that can be cut out of its text, in order:
/// one that starts before the previous one's end, or off a character
/// boundary, is skipped.
fn usable_highlights(s: &Snippet) -> impl Iterator<Item = (usize, usize)> + '_ {
    let text = s.text.as_str();
    let mut pos = 0;
    s.highlights.iter().filter_map(move |&[start, end]| {
        let usable = start >= pos
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end);
        usable.then(|| {
            pos = end;
            (start, end)
        })
    })
}

/// Writes a snippet on one line, matched words highlighted.
pub fn snippet(out: &mut impl Write, s: &Snippet, style: Style) -> io::Result<()> {
    let mut pos = 0;
    let text = &s.text;
    let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut pieces = String::new();
    for (start, end) in usable_highlights(s) {
        pieces.push_str(&text[pos..start]);
        write!(out, "{}", flat_keep_edges(&pieces))?;
        pieces.clear();
        if style.color {
            write!(out, "{MATCH}{}{RESET}", flat(&text[start..end]))?;
        } else {
            write!(out, "[{}]", flat(&text[start..end]))?;
        }
        pos = end;
    }
    pieces.push_str(&text[pos..]);
    write!(out, "{}", flat_keep_edges(&pieces))
}

/// A piece of a snippet's word: its text, and whether it is matched and
/// opens or closes a matched run (for the plain `[markers]`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece<'a> {
    text: &'a str,
    matched: bool,
    opens: bool,
    closes: bool,
}

/// The words of a snippet, each as its pieces, a highlight inside a word
/// or across words kept whole.
fn snippet_words(s: &Snippet) -> Vec<Vec<Piece<'_>>> {
    let text = s.text.as_str();
    let mut runs: Vec<(&str, bool)> = Vec::new();
    let mut pos = 0;
    for (start, end) in usable_highlights(s) {
        runs.push((&text[pos..start], false));
        runs.push((&text[start..end], true));
        pos = end;
    }
    runs.push((&text[pos..], false));
    let mut words: Vec<Vec<Piece>> = vec![vec![]];
    for (run, matched) in runs {
        let parts: Vec<&str> = run.split(char::is_whitespace).collect();
        let last = parts.iter().rposition(|p| !p.is_empty());
        let first = parts.iter().position(|p| !p.is_empty());
        for (i, part) in parts.iter().enumerate() {
            if i > 0 && words.last().is_some_and(|w| !w.is_empty()) {
                words.push(vec![]);
            }
            if !part.is_empty() {
                words.last_mut().expect("one word").push(Piece {
                    text: part,
                    matched,
                    opens: matched && Some(i) == first,
                    closes: matched && Some(i) == last,
                });
            }
        }
    }
    words.retain(|w| !w.is_empty());
    words
}

/// Writes a snippet wrapped to `width` columns, each line after the first
/// starting with `indent` spaces; words are never broken (a word longer
/// than a line gets a line of its own).
fn snippet_wrapped(
    out: &mut impl Write,
    s: &Snippet,
    style: Style,
    indent: usize,
    width: usize,
) -> io::Result<()> {
    let mut column = indent;
    for word in snippet_words(s) {
        let len: usize = word
            .iter()
            .map(|p| {
                let marks = if style.color {
                    0
                } else {
                    usize::from(p.opens) + usize::from(p.closes)
                };
                p.text.chars().count() + marks
            })
            .sum();
        if column > indent && column + 1 + len > width {
            write!(out, "\n{:indent$}", "")?;
            column = indent;
        } else if column > indent {
            write!(out, " ")?;
            column += 1;
        }
        for p in &word {
            if style.color && p.matched {
                write!(out, "{MATCH}{}{RESET}", p.text)?;
            } else {
                let open = if p.opens && !style.color { "[" } else { "" };
                let close = if p.closes && !style.color { "]" } else { "" };
                write!(out, "{open}{}{close}", p.text)?;
            }
        }
        column += len;
    }
    Ok(())
}

/// Collapses runs of whitespace (newlines included) to one space, keeping a
/// single space at either edge if there was any.
fn flat_keep_edges(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut space = false;
    for c in t.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// Writes one numbered hit: title, then outlet · date · path, then snippet.
pub fn hit(out: &mut impl Write, n: usize, h: &Hit, style: Style) -> io::Result<()> {
    write!(out, "{n:>2}. ")?;
    let title = if h.title.is_empty() {
        "(untitled)"
    } else {
        h.title.as_str()
    };
    style.paint(out, BOLD, title)?;
    writeln!(out)?;
    write!(out, "    ")?;
    style.paint(out, DIM, &meta_line(h))?;
    writeln!(out)?;
    write!(out, "    ")?;
    match style.width {
        Some(width) => snippet_wrapped(out, &h.snippet, style, 4, width)?,
        None => snippet(out, &h.snippet, style)?,
    }
    writeln!(out)?;
    if !h.via_alias.is_empty() {
        write!(out, "    ")?;
        let note = format!(
            "(matched {} through an alias of a named entity)",
            h.via_alias.join(", ")
        );
        style.paint(out, DIM, &note)?;
        writeln!(out)?;
    }
    Ok(())
}

/// Writes the other articles of a hit's story, if any: "also in: Outlet
/// date, …" (an article with no known outlet is named by its id).
pub fn copies(out: &mut impl Write, h: &Hit, style: Style) -> io::Result<()> {
    if h.copies.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = h
        .copies
        .iter()
        .map(|c| {
            let name = c.source.as_deref().unwrap_or(c.id.as_str());
            match c.published {
                Some(d) => format!("{name} {d}"),
                None => name.to_string(),
            }
        })
        .collect();
    write!(out, "    ")?;
    style.paint(out, DIM, &format!("also in: {}", list.join(", ")))?;
    writeln!(out)
}

/// "3 articles in 2 stories", or "3 articles" when no two are copies.
pub fn count_line(total: usize, stories: usize) -> String {
    let plural =
        |n: usize, word: &str, words: &str| format!("{n} {}", if n == 1 { word } else { words });
    let articles = plural(total, "article", "articles");
    if stories == total {
        articles
    } else {
        format!("{articles} in {}", plural(stories, "story", "stories"))
    }
}

/// A hit's outlet, date and label (`L'Orient-Le Jour · 2017-10-01 · 001`):
/// the label is the id `show` takes, and the path when the id does not say it.
fn meta_line(h: &Hit) -> String {
    let mut meta = vec![];
    if let Some(s) = &h.source {
        meta.push(s.clone());
    }
    if let Some(d) = h.published {
        meta.push(d.to_string());
    }
    meta.push(crate::label::hit_label(&h.id, &h.path));
    meta.join(" · ")
}

/// Writes why a hit matched and ranked where it did (`--explain`): how
/// each word was found, and the score before and after the second pass.
pub fn why(out: &mut impl Write, h: &Hit, style: Style) -> io::Result<()> {
    let Some(why) = &h.why else {
        return Ok(());
    };
    let mut parts = Vec::new();
    for (label, words) in [
        ("as typed", &why.exact),
        ("as another form", &why.inflected),
        ("through an alias", &h.via_alias),
        ("in the title", &why.title),
        ("in the lead", &why.lead),
    ] {
        if !words.is_empty() {
            parts.push(format!("{label}: {}", words.join(", ")));
        }
    }
    if let Some(span) = why.span {
        parts.push(format!("all within {} words", span + 1));
    }
    parts.push(format!("score {:.2} (BM25 {:.2})", h.score, why.bm25));
    write!(out, "    ")?;
    style.paint(out, DIM, &format!("why: {}", parts.join(" · ")))?;
    writeln!(out)
}

/// "1 article", "3 articles".
pub fn articles(n: usize) -> String {
    format!("{n} {}", if n == 1 { "article" } else { "articles" })
}

/// How a query is written in a sentence: bare if one word, else in
/// double quotes, or in single ones if it has double quotes of its own
/// (as a shell would take it back).
fn quoted(text: &str) -> String {
    if text.split_whitespace().count() <= 1 && !text.contains('"') {
        text.to_string()
    } else if text.contains('"') {
        format!("'{text}'")
    } else {
        format!("\"{text}\"")
    }
}

/// Writes why a query found nothing and what would find something
/// ([`crate::suggest`]), one sentence a line, each after `prefix`.
pub fn no_hits(
    out: &mut impl Write,
    prefix: &str,
    query: &str,
    filtered: bool,
    why: &crate::suggest::NoHits,
) -> io::Result<()> {
    let query = query.trim();
    let with = if filtered { " with these filters" } else { "" };
    if query.is_empty() || query == "*" {
        writeln!(out, "{prefix}no article passes these filters")?;
    } else {
        writeln!(out, "{prefix}no article matches {}{with}", quoted(query))?;
    }
    if why.only_stop_words {
        writeln!(
            out,
            "{prefix}its words are all too common to be indexed (stop words such as le, de, et)"
        )?;
    }
    if !why.missing.is_empty() {
        let words: Vec<String> = why.missing.iter().map(|w| format!("\"{w}\"")).collect();
        let (these, it) = if words.len() == 1 {
            ("the word", "it")
        } else {
            ("the words", "them")
        };
        if why.suggestions.is_empty() {
            writeln!(
                out,
                "{prefix}no article has {these} {}, nor a word or name close to {it}",
                words.join(", ")
            )?;
        } else {
            writeln!(out, "{prefix}no article has {these} {}", words.join(", "))?;
            let offers: Vec<String> = why
                .suggestions
                .iter()
                .map(|s| format!("{} ({})", quoted(&s.query), articles(s.articles)))
                .collect();
            writeln!(out, "{prefix}did you mean {}?", offers.join(", "))?;
        }
    }
    if !why.apart.is_empty() {
        let each: Vec<String> = why
            .apart
            .iter()
            .map(|(w, n)| format!("{w} ({})", articles(*n)))
            .collect();
        writeln!(
            out,
            "{prefix}each word is in some article, but none matches them as the query combines them: {}",
            each.join(", ")
        )?;
    }
    if let Some(n) = why.without_filters {
        writeln!(out, "{prefix}{} without the filters", articles_match(n))?;
    }
    Ok(())
}

/// "1 article matches", "3 articles match".
fn articles_match(n: usize) -> String {
    let verb = if n == 1 { "matches" } else { "match" };
    format!("{} {verb}", articles(n))
}

/// The last `n` characters of `s`, a leading `…` for what was cut.
fn keep_end(s: &str, n: usize) -> String {
    let chars = s.chars().count();
    if chars <= n {
        return s.to_string();
    }
    let tail: String = s.chars().skip(chars + 1 - n.max(1)).collect();
    format!("…{tail}")
}

/// The first `n` characters of `s`, a trailing `…` for what was cut.
fn keep_start(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let head: String = s.chars().take(n.saturating_sub(1)).collect();
    format!("{head}…")
}

/// Writes concordance lines (`--kwic`): the matches in one column, the
/// context before them aligned to its right, after them to its left,
/// then outlet · date · id, dimmed. On a terminal, the contexts are cut
/// so that a line fits its width where they can (the match column must
/// not move when a line wraps).
pub fn kwic(
    out: &mut impl Write,
    rows: &[(crate::kwic::Occurrence, &Hit)],
    style: Style,
) -> io::Result<()> {
    let width = |s: &str| s.chars().count();
    // Without colour, brackets mark the match (as in snippets).
    let marks = if style.color { 0 } else { 2 };
    let metas: Vec<String> = rows.iter().map(|(_, h)| meta_line(h)).collect();
    let mut left = rows.iter().map(|(o, _)| width(&o.left)).max().unwrap_or(0);
    // The match and what follows it, as one column: a phrase is longer
    // than a word, and the text reads on after either.
    let rest = |o: &crate::kwic::Occurrence| width(&o.matched) + marks + width(&o.right);
    let mut after = rows.iter().map(|(o, _)| rest(o)).max().unwrap_or(0);
    if let Some(columns) = style.width {
        let meta = metas.iter().map(|m| width(m)).max().unwrap_or(0);
        let budget = columns.saturating_sub(meta + 2).max(columns.min(40));
        if left + after > budget {
            // The left side gets at most half, less if the right needs less.
            left = left.min((budget / 2).max(budget.saturating_sub(after)));
            after = budget - left;
        }
    }
    for ((o, _), meta) in rows.iter().zip(&metas) {
        write!(out, "{:>left$}", keep_end(&o.left, left))?;
        if style.color {
            style.paint(out, MATCH, &o.matched)?;
        } else {
            write!(out, "[{}]", o.matched)?;
        }
        let room = after.saturating_sub(width(&o.matched) + marks);
        let right = keep_start(&o.right, room);
        let pad = room.saturating_sub(width(&right));
        write!(out, "{right}{:pad$}  ", "")?;
        style.paint(out, DIM, meta)?;
        writeln!(out)?;
    }
    Ok(())
}

/// A CSV writer as RFC 4180 has it: fields quoted when they need it,
/// records ended by CRLF.
fn csv_writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

/// A CSV error as the I/O error it wraps, so that a closed pipe is seen
/// as one (`fouille search --format csv … | head`).
fn csv_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Several names in one CSV field.
fn joined(names: &[String]) -> String {
    names.join("; ")
}

/// Writes hits as CSV, one row each after a header: id, published,
/// source, title, url, score, places, organisations, people, path (names
/// of one kind joined by "; ").
pub fn hits_csv(out: &mut impl Write, hits: &[Hit]) -> io::Result<()> {
    let mut w = csv_writer(out);
    w.write_record([
        "id",
        "published",
        "source",
        "title",
        "url",
        "score",
        "places",
        "organisations",
        "people",
        "path",
    ])
    .map_err(csv_io)?;
    for h in hits {
        w.write_record([
            h.id.as_str(),
            &h.published.map(|d| d.to_string()).unwrap_or_default(),
            h.source.as_deref().unwrap_or(""),
            &h.title,
            h.url.as_deref().unwrap_or(""),
            &format!("{:.4}", h.score),
            &joined(&h.places),
            &joined(&h.organisations),
            &joined(&h.people),
            &h.path,
        ])
        .map_err(csv_io)?;
    }
    w.flush()
}

/// Writes concordance lines as CSV: id, published, source, left, match,
/// right, path.
pub fn kwic_csv(out: &mut impl Write, rows: &[(crate::kwic::Occurrence, &Hit)]) -> io::Result<()> {
    let mut w = csv_writer(out);
    w.write_record([
        "id",
        "published",
        "source",
        "left",
        "match",
        "right",
        "path",
    ])
    .map_err(csv_io)?;
    for (o, h) in rows {
        w.write_record([
            h.id.as_str(),
            &h.published.map(|d| d.to_string()).unwrap_or_default(),
            h.source.as_deref().unwrap_or(""),
            &o.left,
            &o.matched,
            &o.right,
            &h.path,
        ])
        .map_err(csv_io)?;
    }
    w.flush()
}

/// Writes facet counts, largest first, at most `shown` values per kind;
/// `more(kind, n)` says what to write after a kind with `n` values left out.
pub fn facets(
    out: &mut impl Write,
    facets: &crate::search::Facets,
    shown: usize,
    more: &dyn Fn(&str, usize) -> String,
) -> io::Result<()> {
    for (kind, counts) in facets {
        if counts.is_empty() {
            continue;
        }
        writeln!(out, "{kind}:")?;
        let mut sorted: Vec<_> = counts.iter().collect();
        sorted.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (name, n) in sorted.iter().take(shown) {
            writeln!(out, "  {n:>6}  {name}")?;
        }
        if sorted.len() > shown {
            writeln!(out, "{}", more(kind, sorted.len() - shown))?;
        }
    }
    Ok(())
}

/// Writes counts per month or year as a bar chart, 50 columns for the
/// largest.
pub fn timeline(
    out: &mut impl Write,
    buckets: &std::collections::BTreeMap<String, u64>,
    style: Style,
) -> io::Result<()> {
    const WIDTH: u64 = 50;
    let max = buckets.values().copied().max().unwrap_or(0).max(1);
    for (label, n) in buckets {
        let bar = "█".repeat((n * WIDTH).div_ceil(max) as usize);
        write!(out, "{label:>7} ")?;
        if style.color {
            write!(out, "\x1b[36m{bar}\x1b[0m")?;
        } else {
            write!(out, "{bar}")?;
        }
        writeln!(out, " {n}")?;
    }
    Ok(())
}

/// Writes a whole article for reading.
pub fn article(out: &mut impl Write, a: &Article, style: Style) -> io::Result<()> {
    style.paint(out, BOLD, &a.title)?;
    writeln!(out)?;
    let mut meta = vec![];
    if let Some(s) = &a.source {
        meta.push(s.clone());
    }
    if let Some(d) = a.published {
        meta.push(d.to_string());
    }
    if !a.authors.is_empty() {
        meta.push(a.authors.join(", "));
    }
    meta.push(a.path.clone());
    style.paint(out, DIM, &meta.join(" · "))?;
    writeln!(out)?;
    if let Some(url) = &a.url {
        style.paint(out, DIM, url)?;
        writeln!(out)?;
    }
    for (label, list) in [
        ("Lieux", &a.places),
        ("Organisations", &a.organisations),
        ("Personnes", &a.people),
    ] {
        if !list.is_empty() {
            let names: Vec<&str> = list.iter().map(|e| e.name.as_str()).collect();
            style.paint(out, DIM, &format!("{label}: {}", names.join(", ")))?;
            writeln!(out)?;
        }
    }
    if !a.wire_sources.is_empty() {
        style.paint(out, DIM, &format!("Agences: {}", a.wire_sources.join(", ")))?;
        writeln!(out)?;
    }
    writeln!(out)?;
    writeln!(out, "{}", a.body)
}

/// Adds the empty months between the first and the last, so gaps show.
pub fn fill_months(
    months: &std::collections::BTreeMap<String, u64>,
) -> std::collections::BTreeMap<String, u64> {
    let parse = |s: &str| NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").ok();
    let (Some(first), Some(last)) = (
        months.keys().next().and_then(|s| parse(s)),
        months.keys().last().and_then(|s| parse(s)),
    ) else {
        return months.clone();
    };
    let mut out = std::collections::BTreeMap::new();
    let mut d = first;
    // Bounded: never chart more than 100 years of months.
    while d <= last && out.len() < 1200 {
        let key = format!("{:04}-{:02}", d.year(), d.month());
        out.insert(key.clone(), months.get(&key).copied().unwrap_or(0));
        d = d
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(last + chrono::Days::new(1));
    }
    out
}

/// The JSON of `facets --json` (and of the API's `/api/facets`): the
/// query, its total and the counts, of one kind when `field` names one.
pub fn facets_json(results: &crate::search::Results, field: Option<&str>) -> serde_json::Value {
    let mut facets = results.facets.clone();
    if let Some(f) = field {
        facets.retain(|k, _| k == f);
    }
    serde_json::json!({"query": results.query, "total": results.total, "facets": facets})
}

/// Counts per month folded into years when `yearly`, else every month
/// from the first to the last (empty ones as 0), as the charts show them.
pub fn timeline_buckets(
    months: &std::collections::BTreeMap<String, u64>,
    yearly: bool,
) -> std::collections::BTreeMap<String, u64> {
    if !yearly {
        return fill_months(months);
    }
    let mut years = std::collections::BTreeMap::new();
    for (m, n) in months {
        *years.entry(m[..4.min(m.len())].to_string()).or_insert(0u64) += n;
    }
    years
}

/// The JSON of `timeline --json` (and of `/api/timeline`).
pub fn timeline_json(
    query: &str,
    yearly: bool,
    buckets: &std::collections::BTreeMap<String, u64>,
) -> serde_json::Value {
    serde_json::json!({"query": query, "by": if yearly {"year"} else {"month"}, "counts": buckets})
}

/// The JSON of `similar --json` (and of `/api/similar/ID`).
pub fn similar_json(id: &str, hits: &[Hit]) -> serde_json::Value {
    serde_json::json!({"id": id, "hits": hits})
}

/// The operators and truncated words a hit matched, on one line:
/// `NEAR/5; chrét* → chretien, chretiens`.
pub fn matched(m: &crate::search::Matched) -> String {
    let mut parts: Vec<String> = m.operators.clone();
    for (typed, words) in &m.words {
        if !words.is_empty() {
            parts.push(format!("{typed} → {}", words.join(", ")));
        }
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kwic_lines_fit_a_terminal_and_keep_the_match_column() {
        let hit = Hit {
            id: "a1".into(),
            path: "a1.txt".into(),
            score: 1.0,
            title: String::new(),
            published: None,
            published_from: None,
            source: Some("AFP".into()),
            url: None,
            snippet: Snippet::default(),
            places: vec![],
            organisations: vec![],
            people: vec![],
            via_alias: vec![],
            why: None,
            matched: None,
            cluster: None,
            copies: vec![],
        };
        let text = "un deux trois quatre cinq six Palmyre sept huit neuf dix onze douze. \
                    Palmyre";
        let at: Vec<(usize, usize)> = text
            .match_indices("Palmyre")
            .map(|(i, m)| (i, i + m.len()))
            .collect();
        let rows: Vec<_> = crate::kwic::occurrences(text, &at, 6)
            .into_iter()
            .map(|o| (o, &hit))
            .collect();
        for width in [None, Some(50)] {
            let mut out = Vec::new();
            kwic(
                &mut out,
                &rows,
                Style {
                    color: false,
                    width,
                },
            )
            .unwrap();
            let out = String::from_utf8(out).unwrap();
            let lines: Vec<&str> = out.lines().collect();
            assert_eq!(lines.len(), 2, "{out}");
            let column: Vec<usize> = lines
                .iter()
                .map(|l| l[..l.find("[Palmyre]").unwrap()].chars().count())
                .collect();
            assert_eq!(column[0], column[1], "{out}");
            assert!(lines.iter().all(|l| l.ends_with("AFP · a1")), "{out}");
            if let Some(w) = width {
                assert!(lines.iter().all(|l| l.chars().count() <= w), "{out}");
                assert!(lines[0].contains('…'), "{out}");
            }
        }
    }

    #[test]
    fn queries_in_sentences_are_quoted_as_a_shell_takes_them() {
        assert_eq!(quoted("Qaryatayn"), "Qaryatayn");
        assert_eq!(quoted("Deir Ezzor"), "\"Deir Ezzor\"");
        assert_eq!(quoted("\"armée libanaise\""), "'\"armée libanaise\"'");
    }

    fn render(s: &Snippet, color: bool) -> String {
        let mut out = Vec::new();
        snippet(&mut out, s, Style { color, width: None }).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn wrapped(s: &Snippet, color: bool, width: usize) -> String {
        let mut out = Vec::new();
        let style = Style {
            color,
            width: Some(width),
        };
        snippet_wrapped(&mut out, s, style, 4, width).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn snippets_wrap_between_words_under_the_indent() {
        let s = Snippet {
            text: "l'armée syrienne a repris\nla ville de Palmyre dimanche".into(),
            highlights: vec![[9, 26], [39, 46]],
        };
        let w = wrapped(&s, false, 24);
        assert_eq!(
            w,
            "l'armée [syrienne a\n    repris] la ville de\n    [Palmyre] dimanche"
        );
        // Every line fits, counting the indent the caller wrote.
        for (i, line) in w.lines().enumerate() {
            let lead = if i == 0 { 4 } else { 0 };
            assert!(line.chars().count() + lead <= 24, "{line:?}");
        }
        // Colour codes take no columns.
        let c = wrapped(&s, true, 24);
        assert_eq!(c.lines().count(), 3, "{c:?}");
        assert!(c.contains("\x1b[1;31msyrienne\x1b[0m"));
    }

    #[test]
    fn a_word_longer_than_the_line_is_not_broken() {
        let s = Snippet {
            text: "un anticonstitutionnellement deux".into(),
            highlights: vec![],
        };
        assert_eq!(
            wrapped(&s, false, 12),
            "un\n    anticonstitutionnellement\n    deux"
        );
    }

    #[test]
    fn plain_markers_without_colour() {
        let s = Snippet {
            text: "les chrétiens\nen Syrie".into(),
            highlights: vec![[4, 14]],
        };
        assert_eq!(render(&s, false), "les [chrétiens] en Syrie");
        assert!(render(&s, true).contains("\x1b[1;31mchrétiens\x1b[0m"));
    }
}
