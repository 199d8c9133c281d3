//! Capping how deep elements nest before html5ever sees the markup.
//!
//! html5ever scans its stack of open elements for many tags (is a `<p>` open
//! in button scope? is this end tag's element in scope?), so markup nested
//! tens of thousands deep costs time quadratic in the depth: 50,000 nested
//! `<div>`s took 10 s or more. No real page nests more than a few dozen
//! deep, so a linear pre-pass drops the start and end tags of elements
//! beyond [`MAX_DEPTH`], keeping their text: the words stay, the useless
//! structure goes, and html5ever's stack never grows past the cap.
//!
//! The depth is an estimate of html5ever's own: void elements, raw-text
//! elements (`<script>`…`</script>`), comments and `<!…>` declarations open
//! nothing; end tags close up to the nearest open element of their name
//! unless a "special" element (which html5ever would not close) lies in
//! between; `<p>`, `<li>`, `<dt>`, `<dd>`, `<option>`, `<tr>`, `<td>`,
//! `<th>` close their open sibling, as the parser does. Markup already
//! shallower than the cap comes out unchanged.

use std::collections::HashMap;

/// Deepest element nesting kept; deeper tags are dropped, their text kept.
pub const MAX_DEPTH: usize = 500;

/// `html` with element nesting capped at [`MAX_DEPTH`]. Borrows when
/// nothing had to change (the usual case).
pub fn cap_depth(html: &str) -> std::borrow::Cow<'_, str> {
    let mut cap = Capper::default();
    let mut out = String::new();
    // Bytes of `html` already copied to `out` (or dropped) end here.
    let mut copied = 0;
    let mut dropped_any = false;
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(off) = memchr(b'<', &bytes[i..]) {
        let start = i + off;
        let Some(tag) = read_markup(html, start) else {
            i = start + 1;
            continue;
        };
        let keep = match &tag.kind {
            Markup::Start { name, self_closing } => cap.start(name, *self_closing),
            Markup::End { name } => cap.end(name),
            Markup::Other => true,
        };
        if !keep {
            out.push_str(&html[copied..start]);
            copied = tag.end;
            dropped_any = true;
        }
        i = tag.end;
        // Raw text: nothing inside is markup, up to the matching end tag.
        if let Markup::Start { name, .. } = &tag.kind {
            if RAW_TEXT.contains(&name.as_str()) {
                i = raw_text_end(html, i, name);
            } else if name == "plaintext" {
                break;
            }
        }
    }
    if !dropped_any {
        return std::borrow::Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    std::borrow::Cow::Owned(out)
}

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// html5ever's "special" elements: an end tag for another element does not
/// close them (so it does not close what lies beneath them either).
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "keygen",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
];

/// Elements the parser keeps exactly once, outside any nesting.
const ROOTS: &[&str] = &["html", "head", "body"];

/// One open element as the pre-pass sees it.
struct Open {
    name: String,
    /// Special elements open up to and including this one.
    specials: usize,
    /// Special elements other than `<address>`, `<div>`, `<p>` (which an
    /// `<li>` closes through) open up to and including this one.
    li_stops: usize,
    /// `<svg>` and `<math>` open up to and including this one: inside
    /// them `/>` closes an element, as in XML.
    foreign: usize,
}

/// The estimated stack of open elements.
#[derive(Default)]
struct Capper {
    stack: Vec<Open>,
    /// Name → positions in `stack` of open elements of that name, so the
    /// nearest is found without scanning the stack.
    by_name: HashMap<String, Vec<usize>>,
}

impl Capper {
    /// Opens `name`; whether its start tag is kept.
    fn start(&mut self, name: &str, self_closing: bool) -> bool {
        if ROOTS.contains(&name) {
            return true;
        }
        let foreign = self.stack.last().map_or(0, |o| o.foreign);
        if VOID.contains(&name) || (self_closing && foreign > 0) {
            return self.stack.len() < MAX_DEPTH;
        }
        self.close_implied_by(name);
        let depth = self.stack.len();
        let (specials, li_stops) = self
            .stack
            .last()
            .map_or((0, 0), |o| (o.specials, o.li_stops));
        let special = SPECIAL.contains(&name);
        self.by_name
            .entry(name.to_string())
            .or_default()
            .push(depth);
        self.stack.push(Open {
            name: name.to_string(),
            specials: specials + usize::from(special),
            li_stops: li_stops + usize::from(special && !matches!(name, "address" | "div" | "p")),
            foreign: foreign + usize::from(name == "svg" || name == "math"),
        });
        depth < MAX_DEPTH
    }

    /// A start tag closes its open sibling: `<p>` after `<p>`, `<li>` after
    /// `<li>`, a block after an open `<p>`, a cell after a cell…
    fn close_implied_by(&mut self, name: &str) {
        let siblings: &[&str] = match name {
            "li" => &["li"],
            "dt" | "dd" => &["dt", "dd"],
            "option" => &["option"],
            "tr" => &["tr", "td", "th"],
            "td" | "th" => &["td", "th"],
            _ if SPECIAL.contains(&name) && !matches!(name, "td" | "th" | "caption") => &["p"],
            _ => &[],
        };
        // The nearest open sibling, unless something the parser would not
        // close stands between it and the top.
        let Some(at) = siblings.iter().filter_map(|s| self.nearest(s)).max() else {
            return;
        };
        let blocked = match name {
            // Cells and rows close through anything but a table.
            "tr" | "td" | "th" => self.nearest("table").is_some_and(|t| t > at),
            // Items close through `<div>`, `<p>`, `<address>`.
            "li" | "dt" | "dd" => self.above(at, |o| o.li_stops) > 0,
            _ => self.above(at, |o| o.specials) > 0,
        };
        if !blocked {
            self.pop_to(at);
        }
    }

    /// Position of the nearest open `name`.
    fn nearest(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).and_then(|v| v.last().copied())
    }

    /// How many elements counted by `count` are open above position `at`.
    fn above(&self, at: usize, count: impl Fn(&Open) -> usize) -> usize {
        self.stack.last().map_or(0, &count) - count(&self.stack[at])
    }

    /// Closes `name`; whether its end tag is kept.
    fn end(&mut self, name: &str) -> bool {
        if ROOTS.contains(&name) {
            return true;
        }
        let Some(at) = self.nearest(name) else {
            // Nothing to close: html5ever ignores it, or makes an empty
            // element (`</p>`); kept unless deep.
            return self.stack.len() < MAX_DEPTH;
        };
        // A special element above the match stops a non-special end tag.
        if !SPECIAL.contains(&name) && self.above(at, |o| o.specials) > 0 {
            return self.stack.len() < MAX_DEPTH;
        }
        self.pop_to(at);
        at < MAX_DEPTH
    }

    /// Pops the stack down to (and including) position `at`.
    fn pop_to(&mut self, at: usize) {
        while self.stack.len() > at {
            if let Some(open) = self.stack.pop() {
                if let Some(v) = self.by_name.get_mut(&open.name) {
                    v.pop();
                }
            }
        }
    }
}

/// What a `<` starts.
enum Markup {
    Start {
        name: String,
        self_closing: bool,
    },
    End {
        name: String,
    },
    /// A comment, a `<!DOCTYPE>`, a `<?…>`: opens nothing.
    Other,
}

/// A piece of markup and the byte just after it.
struct Tag {
    kind: Markup,
    end: usize,
}

/// The markup starting at `html[start] == '<'`, or `None` if that `<` is
/// text (not followed by a letter, `/`, `!` or `?`) or its tag never ends
/// (html5ever drops such a tag: it is left as it is).
fn read_markup(html: &str, start: usize) -> Option<Tag> {
    let b = html.as_bytes();
    let next = *b.get(start + 1)?;
    if html[start..].starts_with("<!--") {
        let end = html[start + 4..]
            .find("-->")
            .map_or(html.len(), |e| start + 4 + e + 3);
        return Some(Tag {
            kind: Markup::Other,
            end,
        });
    }
    if next == b'!' || next == b'?' {
        let end = memchr(b'>', &b[start..]).map_or(html.len(), |e| start + e + 1);
        return Some(Tag {
            kind: Markup::Other,
            end,
        });
    }
    let (is_end, name_at) = if next == b'/' {
        (true, start + 2)
    } else {
        (false, start + 1)
    };
    if !b.get(name_at)?.is_ascii_alphabetic() {
        // `</ x>` is a bogus comment, `</>` nothing, `< x` text.
        if is_end {
            let end = memchr(b'>', &b[start..]).map_or(html.len(), |e| start + e + 1);
            return Some(Tag {
                kind: Markup::Other,
                end,
            });
        }
        return None;
    }
    let name_end = b[name_at..]
        .iter()
        .position(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
        .map_or(b.len(), |p| name_at + p);
    let name = html[name_at..name_end].to_ascii_lowercase();
    let close = tag_end(b, name_end)?;
    let self_closing = close > 0 && b[close - 1] == b'/';
    let kind = if is_end {
        Markup::End { name }
    } else {
        Markup::Start { name, self_closing }
    };
    Some(Tag {
        kind,
        end: close + 1,
    })
}

/// Position of the `>` closing a tag whose attributes start at `from`,
/// skipping quoted attribute values.
fn tag_end(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    let mut after_eq = false;
    while i < b.len() {
        match b[i] {
            b'>' => return Some(i),
            b'=' => after_eq = true,
            q @ (b'"' | b'\'') if after_eq => {
                i += 1 + memchr(q, &b[i + 1..])?;
                after_eq = false;
            }
            c if c.is_ascii_whitespace() => {}
            _ => after_eq = false,
        }
        i += 1;
    }
    None
}

/// Where the raw text of `name` ends: at its end tag (left to be read as a
/// tag), or at the end of the input.
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let b = html.as_bytes();
    let mut i = from;
    while let Some(off) = memchr(b'<', &b[i..]) {
        let at = i + off;
        let rest = &b[at..];
        if rest.len() > name.len() + 2
            && rest[1] == b'/'
            && rest[2..2 + name.len()].eq_ignore_ascii_case(name.as_bytes())
            && matches!(
                rest[2 + name.len()],
                b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'
            )
        {
            return at;
        }
        i = at + 1;
    }
    html.len()
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(tag: &str, n: usize, inner: &str) -> String {
        format!("<{tag}>").repeat(n) + inner + &format!("</{tag}>").repeat(n)
    }

    #[test]
    fn shallow_pages_are_unchanged() {
        for html in [
            "<html><body><div><p>un<p>deux</div><ul><li>a<li>b</ul></body></html>",
            "<p>a < b et c<d</p><!-- <div> --><script>if (a<b) '<div>'</script>",
            "<table><tr><td>1<td>2<tr><td>3</table><br/><img src='a>b'>",
            "<svg><path/><g/></svg><div/>x",
        ] {
            assert!(
                matches!(cap_depth(html), std::borrow::Cow::Borrowed(_)),
                "{html}"
            );
        }
    }

    #[test]
    fn deep_nesting_is_capped_and_text_kept() {
        let html = nested("div", 2000, "<p>au fond</p>");
        let out = cap_depth(&html);
        assert_eq!(out.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert!(out.contains("au fond"));
        assert!(
            !out.contains("<p>"),
            "the deep paragraph's tags go, its text stays"
        );
    }

    #[test]
    fn siblings_and_void_elements_do_not_count_as_depth() {
        let many = "<p>un<br>deux<img src=x>".repeat(3 * MAX_DEPTH);
        assert!(matches!(cap_depth(&many), std::borrow::Cow::Borrowed(_)));
        let items = format!("<ul>{}</ul>", "<li>point".repeat(3 * MAX_DEPTH));
        assert!(matches!(cap_depth(&items), std::borrow::Cow::Borrowed(_)));
        let closed = "<div><span>x</span></div>".repeat(3 * MAX_DEPTH);
        assert!(matches!(cap_depth(&closed), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn markup_in_comments_scripts_and_quotes_is_not_nesting() {
        let div = "<div>".repeat(2 * MAX_DEPTH);
        for html in [
            format!("<!--{div}-->x"),
            format!("<script>{div}</script>x"),
            format!("<a title=\"{div}\">x</a>"),
            format!("<textarea>{div}</TEXTAREA >x"),
        ] {
            assert!(
                matches!(cap_depth(&html), std::borrow::Cow::Borrowed(_)),
                "{html}"
            );
        }
    }

    #[test]
    fn malformed_markup_does_not_panic() {
        for html in [
            "<",
            "</",
            "<!",
            "<!--",
            "<a",
            "<a href='",
            "</>",
            "< div>",
            "<é>",
            "<script>",
            "<div/",
            "<a b='x>",
        ] {
            assert_eq!(cap_depth(html), html);
        }
        let deep = nested("span", 2 * MAX_DEPTH, "<b é='x'>fin");
        let out = cap_depth(&deep);
        assert!(
            out.contains("fin") && !out.contains("<b é"),
            "too deep: dropped"
        );
    }

    #[test]
    fn misnested_end_tags_do_not_lower_the_estimate() {
        // `</span>` cannot close a span under a div: html5ever ignores it,
        // so the depth keeps growing and must be capped.
        let html = "<span><div>x</span>".repeat(2 * MAX_DEPTH);
        let out = cap_depth(&html);
        assert!(out.matches("<div>").count() + out.matches("<span>").count() <= MAX_DEPTH);
        assert_eq!(out.matches('x').count(), 2 * MAX_DEPTH);
    }

    #[test]
    fn self_closing_html_elements_still_open() {
        let html = "<div/>".repeat(2 * MAX_DEPTH) + "x";
        assert_eq!(cap_depth(&html).matches("<div/>").count(), MAX_DEPTH);
    }
}
