//! Choosing the article's container (readability-style scoring of the
//! elements that hold paragraphs) and labelling each block from it.

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::{Html, Node};

use super::dom::{RawBlock, StatsMap};
use super::labels::{self, Label};
use crate::page::Kind;

/// A paragraph shorter than this does not vote for its container.
const MIN_VOTER_CHARS: usize = 25;

/// Text written straight into a `div` votes only when this long.
const DIRECT_MIN_CHARS: usize = 80;

/// The ranges (pre-order `[start, end)`) of the chosen containers.
pub type Ranges = Vec<(usize, usize)>;

/// How much a block votes for its ancestors: readability's 1 + commas +
/// one point per 100 characters (at most 3).
fn vote(b: &RawBlock) -> f32 {
    if b.label != Label::Plain || b.chars < MIN_VOTER_CHARS || b.heading.is_some() {
        return 0.0;
    }
    let prose = b.chars.saturating_sub(b.link_chars);
    if prose * 2 < b.chars {
        return 0.0;
    }
    let commas = b
        .text
        .chars()
        .filter(|c| matches!(c, ',' | '，' | '、'))
        .count() as f32;
    1.0 + commas + (prose as f32 / 100.0).min(3.0)
}

/// A container's starting score from its tag and class (readability).
fn base_score(doc: &Html, id: NodeId) -> f32 {
    let Some(node) = doc.tree.get(id) else {
        return 0.0;
    };
    let Node::Element(el) = node.value() else {
        return 0.0;
    };
    let tag_score = match el.name() {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    tag_score + labels::class_weight(el)
}

/// Scores every element that holds paragraphs and returns the best ones.
pub fn choose_containers(doc: &Html, stats: &StatsMap, blocks: &[RawBlock]) -> Ranges {
    let mut scores: HashMap<NodeId, f32> = HashMap::new();
    for b in blocks {
        let v = vote(b);
        if v == 0.0 {
            continue;
        }
        // Text written straight into a container (with <br>s) votes for the
        // container itself; a paragraph votes for its parents.
        let direct = !matches!(
            b.owner_tag.as_str(),
            "p" | "pre"
                | "blockquote"
                | "li"
                | "td"
                | "dd"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
        );
        // Short loose text in a div (form messages, labels) is no paragraph.
        if direct && b.chars < DIRECT_MIN_CHARS {
            continue;
        }
        let mut chain: Vec<NodeId> = Vec::with_capacity(4);
        if direct {
            chain.push(b.owner_id);
        }
        chain.extend(b.ancestors.iter().copied());
        for (level, id) in chain.into_iter().take(3).enumerate() {
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            let s = scores.entry(id).or_insert_with(|| base_score(doc, id));
            *s += v / div;
        }
    }
    // Scale by how little of the container is links.
    let mut best: Option<(NodeId, f32)> = None;
    for (id, s) in &scores {
        let st = stats.get(id).copied().unwrap_or_default();
        let ld = if st.chars == 0 {
            0.0
        } else {
            st.link_chars as f32 / st.chars as f32
        };
        let final_score = s * (1.0 - ld);
        if best.is_none_or(|(_, b)| final_score > b) {
            best = Some((*id, final_score));
        }
    }
    let Some((top, top_score)) = best else {
        return Vec::new();
    };
    siblings_of(doc, stats, &scores, top, top_score)
}

/// The top container plus its siblings that look like more of the article
/// (readability: a sibling scoring at least a fifth of the top, or a long
/// paragraph with few links).
fn siblings_of(
    doc: &Html,
    stats: &StatsMap,
    scores: &HashMap<NodeId, f32>,
    top: NodeId,
    top_score: f32,
) -> Ranges {
    let range = |id: NodeId| {
        let st = stats.get(&id).copied().unwrap_or_default();
        (st.pre, st.end)
    };
    let Some(node) = doc.tree.get(top) else {
        return Vec::new();
    };
    let Some(parent) = node.parent() else {
        return vec![range(top)];
    };
    let threshold = (top_score * 0.2).max(10.0);
    let mut out = Vec::new();
    for sib in parent.children() {
        if sib.id() == top {
            out.push(range(top));
            continue;
        }
        let Node::Element(el) = sib.value() else {
            continue;
        };
        if labels::own_label(el.name(), el) != Label::Plain {
            continue;
        }
        let st = stats.get(&sib.id()).copied().unwrap_or_default();
        let score = scores.get(&sib.id()).copied().unwrap_or(0.0);
        let ld = if st.chars == 0 {
            1.0
        } else {
            st.link_chars as f32 / st.chars as f32
        };
        let good_para = el.name() == "p" && st.chars > 80 && ld < 0.25;
        if score * (1.0 - ld) >= threshold || good_para {
            out.push(range(sib.id()));
        }
    }
    out
}

/// Whether a block lies inside one of the chosen containers.
pub fn inside(ranges: &Ranges, pre: usize) -> bool {
    ranges.iter().any(|&(s, e)| pre >= s && pre < e)
}

/// The kind of a block given the chosen containers.
pub fn kind_of(b: &RawBlock, ranges: &Ranges) -> Kind {
    match b.label {
        Label::Comments => return Kind::Comments,
        Label::Chrome => return Kind::Chrome,
        Label::Plain => {}
    }
    if !inside(ranges, b.owner_pre) {
        return Kind::Chrome;
    }
    if is_link_block(b) || super::markers::is_boilerplate_line(&b.text) {
        return Kind::Chrome;
    }
    Kind::Content
}

/// A block that is mostly a link (a "read also", a list of related links).
fn is_link_block(b: &RawBlock) -> bool {
    if b.chars == 0 {
        return false;
    }
    let ld = b.link_chars as f32 / b.chars as f32;
    if b.heading.is_some() {
        return ld > 0.9;
    }
    ld > 0.5 && (b.in_list || b.chars < 200) || ld > 0.8
}

#[cfg(test)]
mod tests {
    use super::super::dom;
    use super::*;

    fn run(html: &str) -> Vec<(String, Kind)> {
        let doc = Html::parse_document(html);
        let stats = dom::element_stats(&doc);
        let total = stats.values().map(|s| s.chars).max().unwrap_or(0);
        let blocks = dom::blocks(&doc, &stats, total);
        let ranges = choose_containers(&doc, &stats, &blocks);
        blocks
            .iter()
            .map(|b| (b.text.clone(), kind_of(b, &ranges)))
            .collect()
    }

    #[test]
    fn keeps_the_paragraph_container_and_drops_the_rest() {
        let para = "Une phrase assez longue, avec des virgules, pour voter pour son conteneur.";
        let html = format!(
            "<body><div class=menu><a href=/>Accueil</a></div>\
             <div class=content><p>{para}</p><p>{para}</p><p>{para}</p></div>\
             <div><p>Un bloc isolé hors de l'article mais assez long pour compter.</p></div></body>"
        );
        let got = run(&html);
        assert_eq!(got[0].1, Kind::Chrome);
        assert_eq!(got[1].1, Kind::Content);
        assert_eq!(got[3].1, Kind::Content);
        assert_eq!(got[4].1, Kind::Chrome);
    }

    #[test]
    fn link_lists_inside_the_article_are_chrome() {
        let para = "Une phrase assez longue, avec des virgules, pour voter pour son conteneur.";
        let html = format!(
            "<article><p>{para}</p><p>{para}</p><ul><li><a href=a>Lire aussi un autre article</a></li></ul></article>"
        );
        let got = run(&html);
        assert_eq!(got.last().map(|g| g.1), Some(Kind::Chrome));
    }

    #[test]
    fn empty_page_has_no_container() {
        assert!(run("<html><body></body></html>").is_empty());
    }
}
