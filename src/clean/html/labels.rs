//! What an element says about itself: its tag, class, id and role tell
//! whether its subtree is skipped, site chrome, a comment section, or a
//! likely article container.

use scraper::node::Element;

/// How an element's own markup labels its subtree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// Nothing special: inherit the parent's label.
    Plain,
    /// Navigation, widgets, banners, share bars, captions…
    Chrome,
    /// Reader comments and their forms.
    Comments,
}

/// Elements whose text is never shown as prose (code, media, form controls).
pub fn is_skipped_tag(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "head"
            | "select"
            | "option"
            | "textarea"
            | "button"
            | "input"
            | "canvas"
            | "audio"
            | "video"
            | "map"
            | "dialog"
    )
}

/// Elements that start a new block of text when they open or close.
pub fn is_block_tag(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
            | "caption"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "form"
            | "fieldset"
            | "address"
            | "hr"
            | "details"
            | "summary"
            | "center"
            | "body"
            | "html"
            | "menu"
            | "legend"
    )
}

/// The heading level of `h1`…`h6`.
pub fn heading_level(tag: &str) -> Option<u8> {
    match tag {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// Whether an element is hidden from readers (so its text is not the page's).
pub fn is_hidden(el: &Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    el.attr("style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        let s = s.to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// The class names and id of an element, each cut into lower-case words
/// (split on `-`, `_` and camel case): `article-header` gives `article`,
/// `header`.
pub fn class_tokens(el: &Element) -> Vec<Vec<String>> {
    el.classes()
        .chain(el.id())
        .map(split_words)
        .filter(|w| !w.is_empty())
        .collect()
}

fn split_words(raw: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in raw.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// Class/id words naming a comment section.
const COMMENT_WORDS: &[&str] = &[
    "comment",
    "comments",
    "commentlist",
    "kommentare",
    "kommentar",
    "commentaires",
    "disqus",
    "respond",
    "replies",
    "discussion",
];

/// Class/id words naming site chrome.
const CHROME_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "submenu",
    "sidebar",
    "footer",
    "share",
    "sharing",
    "sharer",
    "shariff",
    "social",
    "socials",
    "related",
    "newsletter",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "breadcrumb",
    "breadcrumbs",
    "tags",
    "tagcloud",
    "tag",
    "widget",
    "widgets",
    "promo",
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "anzeige",
    "banner",
    "sponsor",
    "sponsored",
    "subscribe",
    "subscription",
    "popup",
    "modal",
    "overlay",
    "recommended",
    "recommendations",
    "caption",
    "credit",
    "credits",
    "copyright",
    "pagination",
    "pager",
    "masthead",
    "toolbar",
    "print",
    "rating",
    "meta",
    "byline",
    "dateline",
    "skip",
    "login",
    "signup",
    "paywall",
    "teaserlist",
    "more",
    "readmore",
    "mehr",
    "aktuell",
    "outbrain",
    "taboola",
    "hidden",
    "sr",
    "screen",
    "visually",
    "offscreen",
    "dropdown",
    "topbar",
    "bottombar",
    "toc",
    "author",
    "bio",
    "postmeta",
    "entrymeta",
    "categories",
    "category",
    "cat",
    "keywords",
    "follow",
    "donate",
    "donation",
    "legal",
    "imprint",
    "impressum",
    "wp",
    "calendar",
    "archive",
    "archives",
    "search",
    "sitemap",
    "tools",
    "utility",
    "links",
    "blogroll",
    "extras",
    "partner",
    "partners",
    "cta",
    "teaser",
    "teasers",
];

/// Word starts that mark chrome in run-together names (`relatedposts`,
/// `sharedaddy`, `socialicons`).
const CHROME_PREFIXES: &[&str] = &[
    "related",
    "share",
    "social",
    "newsletter",
    "sidebar",
    "breadcrumb",
    "footer",
    "widget",
    "navbar",
    "cookie",
];

/// Class/id words suggesting an article container (readability's positives).
const POSITIVE_WORDS: &[&str] = &[
    "article", "body", "content", "entry", "main", "page", "post", "text", "blog", "story",
    "artikel", "beitrag", "inhalt", "richtext", "prose", "hentry",
];

/// Words that, next to a chrome word, mean the element is the article's own
/// part ("article-header", "post-content", "entry-tags" stay chrome though).
const CONTENT_WORDS: &[&str] = &["body", "content", "text", "entry", "story", "inhalt"];

/// Some words only mark chrome when they are not part of a content name:
/// "wp-block-paragraph" or "has-sidebar-content" is not a widget.
const WEAK_CHROME_WORDS: &[&str] = &[
    "wp", "more", "mehr", "aktuell", "sr", "screen", "visually", "hidden", "cat", "tools",
    "utility", "links", "extras", "archive", "archives", "search", "calendar", "teaser", "teasers",
    "page",
];

/// The label an element gives its subtree from its tag, role, class and id.
pub fn own_label(tag: &str, el: &Element) -> Label {
    match tag {
        "nav" | "aside" | "footer" | "menu" | "form" | "figcaption" => return Label::Chrome,
        _ => {}
    }
    if let Some("navigation" | "complementary" | "contentinfo" | "search" | "menu" | "menubar") =
        el.attr("role")
    {
        return Label::Chrome;
    }
    if matches!(tag, "html" | "body" | "main" | "article") {
        return Label::Plain;
    }
    if el
        .attr("itemprop")
        .is_some_and(|p| p.eq_ignore_ascii_case("articleBody") || p == "text")
    {
        return Label::Plain;
    }
    label_from_tokens(&class_tokens(el))
}

/// The label given by class/id names: a name marks chrome or comments when
/// its words say so, unless another name says the element is the article
/// (WordPress gives a post `post hentry category-x tag-y`).
pub fn label_from_tokens(tokens: &[Vec<String>]) -> Label {
    let labels: Vec<Label> = tokens.iter().map(|t| label_from_words(t)).collect();
    if labels.contains(&Label::Comments) {
        return Label::Comments;
    }
    let positive = tokens
        .iter()
        .zip(&labels)
        .any(|(t, l)| *l == Label::Plain && t.iter().any(|w| POSITIVE_WORDS.contains(&w.as_str())));
    if labels.contains(&Label::Chrome) && !positive {
        return Label::Chrome;
    }
    Label::Plain
}

/// The label given by the words of one class name or id.
pub fn label_from_words(words: &[String]) -> Label {
    let Some(last) = words.last() else {
        return Label::Plain;
    };
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    let comment_word = |w: &String| {
        COMMENT_WORDS.contains(&w.as_str())
            || (w.starts_with("comment") && !w.starts_with("commentar"))
    };
    if words.iter().any(comment_word)
        && !words.iter().any(|w| {
            matches!(
                w.as_str(),
                "count" | "link" | "links" | "no" | "number" | "meta"
            )
        })
    {
        return Label::Comments;
    }
    // The last word names the thing: `entry-tags` is tags, `post-content`
    // is content.
    if CONTENT_WORDS.contains(&last.as_str()) {
        return Label::Plain;
    }
    let strong = words.iter().any(|w| {
        (CHROME_WORDS.contains(&w.as_str()) && !WEAK_CHROME_WORDS.contains(&w.as_str()))
            || CHROME_PREFIXES.iter().any(|p| w.starts_with(p))
    });
    if strong {
        return Label::Chrome;
    }
    // Some weak words alone (`sr-only`, `more-link`) still mark chrome.
    let weak_alone = words.iter().any(|w| {
        matches!(
            w.as_str(),
            "sr" | "hidden" | "visually" | "screen" | "more" | "mehr" | "teaser" | "teasers"
        )
    });
    if weak_alone && !has(POSITIVE_WORDS) {
        return Label::Chrome;
    }
    Label::Plain
}

/// Readability's class weight: a positive article name adds, a chrome name
/// subtracts.
pub fn class_weight(el: &Element) -> f32 {
    let words: Vec<String> = class_tokens(el).into_iter().flatten().collect();
    let mut w = 0.0;
    if words.iter().any(|x| POSITIVE_WORDS.contains(&x.as_str())) {
        w += 25.0;
    }
    if words
        .iter()
        .any(|x| CHROME_WORDS.contains(&x.as_str()) || COMMENT_WORDS.contains(&x.as_str()))
    {
        w -= 25.0;
    }
    if el
        .attr("itemprop")
        .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
    {
        w += 50.0;
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        split_words(s)
    }

    #[test]
    fn splits_class_names_into_words() {
        assert_eq!(
            words("article-header mainNav"),
            ["article", "header", "main", "nav"]
        );
        assert_eq!(words("share_bar"), ["share", "bar"]);
    }

    #[test]
    fn labels_chrome_and_comments_by_words() {
        assert_eq!(label_from_words(&words("site-nav")), Label::Chrome);
        assert_eq!(label_from_words(&words("comment-list")), Label::Comments);
        assert_eq!(label_from_words(&words("social-share")), Label::Chrome);
        assert_eq!(label_from_words(&words("sr-only")), Label::Chrome);
        assert_eq!(label_from_words(&words("jp-relatedposts")), Label::Chrome);
        assert_eq!(label_from_words(&words("commentlist")), Label::Comments);
        assert_eq!(label_from_words(&words("commentary-body")), Label::Plain);
    }

    #[test]
    fn article_parts_are_not_chrome() {
        assert_eq!(label_from_words(&words("article-header")), Label::Plain);
        assert_eq!(label_from_words(&words("entry-content")), Label::Plain);
        assert_eq!(label_from_words(&words("post-body")), Label::Plain);
        assert_eq!(label_from_words(&words("comment-count")), Label::Plain);
        assert_eq!(label_from_words(&words("wp-block-paragraph")), Label::Plain);
        assert_eq!(label_from_words(&words("entry-tags")), Label::Chrome);
    }

    #[test]
    fn a_post_named_with_its_tags_is_not_chrome() {
        let tokens: Vec<Vec<String>> = ["post", "hentry", "category-news", "tag-paris"]
            .iter()
            .map(|t| words(t))
            .collect();
        assert_eq!(label_from_tokens(&tokens), Label::Plain);
        let tokens = vec![words("post-meta")];
        assert_eq!(label_from_tokens(&tokens), Label::Chrome);
    }

    #[test]
    fn skip_and_block_tags() {
        assert!(is_skipped_tag("script"));
        assert!(!is_skipped_tag("p"));
        assert!(is_block_tag("li"));
        assert!(!is_block_tag("span"));
        assert_eq!(heading_level("h2"), Some(2));
    }
}
