//! Flattening the parsed document into blocks of text, keeping for each block
//! what the structure said about it (its label, its container, its links).
//!
//! Both walks are iterative (`traverse` yields open/close edges), so deeply
//! nested pages cannot overflow the stack, and each is linear in the size of
//! the tree.

use std::collections::HashMap;

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{Html, Node};

use super::labels::{self, Label};

/// The size of an element's visible text, computed bottom-up.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Pre-order index of the element.
    pub pre: usize,
    /// Pre-order index one past its last descendant.
    pub end: usize,
    /// Non-space characters of visible text.
    pub chars: usize,
    /// Of which inside links.
    pub link_chars: usize,
}

/// Element statistics, indexed by node.
pub type StatsMap = HashMap<NodeId, Stats>;

/// Counts visible text per element (skipping scripts, styles, hidden nodes).
pub fn element_stats(doc: &Html) -> StatsMap {
    let mut map = StatsMap::new();
    // (node, chars, link_chars, pre) for each open element.
    let mut stack: Vec<(NodeId, usize, usize, usize)> = Vec::new();
    let mut skip: Option<NodeId> = None;
    let mut links = 0usize;
    let mut counter = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(el) => {
                        let tag = el.name();
                        if labels::is_skipped_tag(tag) || labels::is_hidden(el) {
                            skip = Some(node.id());
                            continue;
                        }
                        if tag == "a" {
                            links += 1;
                        }
                        stack.push((node.id(), 0, 0, counter));
                        counter += 1;
                    }
                    Node::Text(t) => {
                        let n = t.chars().filter(|c| !c.is_whitespace()).count();
                        if let Some(top) = stack.last_mut() {
                            top.1 += n;
                            if links > 0 {
                                top.2 += n;
                            }
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(s) = skip {
                    if s == node.id() {
                        skip = None;
                    }
                    continue;
                }
                let Node::Element(el) = node.value() else {
                    continue;
                };
                if el.name() == "a" {
                    links = links.saturating_sub(1);
                }
                if let Some((id, chars, link_chars, pre)) = stack.pop() {
                    if let Some(parent) = stack.last_mut() {
                        parent.1 += chars;
                        parent.2 += link_chars;
                    }
                    map.insert(
                        id,
                        Stats {
                            pre,
                            end: counter,
                            chars,
                            link_chars,
                        },
                    );
                }
            }
        }
    }
    map
}

/// One block of text with what the markup said about it.
#[derive(Debug, Clone)]
pub struct RawBlock {
    pub text: String,
    /// The label inherited from the block's ancestors.
    pub label: Label,
    /// Pre-order index of the element holding the text.
    pub owner_pre: usize,
    /// Tag of that element.
    pub owner_tag: String,
    /// Heading level when the block is a heading.
    pub heading: Option<u8>,
    /// Non-space characters, and those inside links.
    pub chars: usize,
    pub link_chars: usize,
    /// Ancestors of the owner (innermost first, at most [`SCORE_DEPTH`]).
    pub ancestors: Vec<NodeId>,
    /// Whether the owner itself holds the text directly (a `div` with text
    /// and `<br>`s rather than paragraphs).
    pub owner_id: NodeId,
    /// Inside a list item.
    pub in_list: bool,
}

/// How many ancestors a paragraph passes its score to.
pub const SCORE_DEPTH: usize = 3;

/// One open element during the block walk.
struct Frame {
    id: NodeId,
    tag: String,
    label: Label,
    block: bool,
    pre: usize,
}

/// Walks the document and cuts its text into blocks.
pub fn blocks(doc: &Html, stats: &StatsMap, page_chars: usize) -> Vec<RawBlock> {
    let mut out = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut buf = String::new();
    let mut buf_links = 0usize;
    let mut links = 0usize;
    let mut skip: Option<NodeId> = None;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(el) => {
                        let tag = el.name();
                        if labels::is_skipped_tag(tag) || labels::is_hidden(el) {
                            skip = Some(node.id());
                            continue;
                        }
                        let st = stats.get(&node.id()).copied().unwrap_or_default();
                        if tag == "br" {
                            buf.push('\n');
                            continue;
                        }
                        let block = labels::is_block_tag(tag);
                        if block {
                            flush(&mut out, &mut buf, &mut buf_links, &stack);
                        }
                        if tag == "a" {
                            links += 1;
                        }
                        let parent_label = stack.last().map_or(Label::Plain, |f| f.label);
                        let label = match parent_label {
                            Label::Plain => guarded_label(tag, el, st, page_chars),
                            l => l,
                        };
                        stack.push(Frame {
                            id: node.id(),
                            tag: tag.to_string(),
                            label,
                            block,
                            pre: st.pre,
                        });
                    }
                    Node::Text(t) => {
                        push_text(&mut buf, t);
                        if links > 0 {
                            buf_links += t.chars().filter(|c| !c.is_whitespace()).count();
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(s) = skip {
                    if s == node.id() {
                        skip = None;
                    }
                    continue;
                }
                let Node::Element(el) = node.value() else {
                    continue;
                };
                if el.name() == "br" {
                    continue;
                }
                if stack.last().is_some_and(|f| f.block) {
                    flush(&mut out, &mut buf, &mut buf_links, &stack);
                }
                if el.name() == "a" {
                    links = links.saturating_sub(1);
                }
                stack.pop();
            }
        }
    }
    flush(&mut out, &mut buf, &mut buf_links, &stack);
    out
}

/// An element's own label, unless dropping it would drop most of the page:
/// pages wrapped in one `<form>` or a `content-sidebar-wrap` are not chrome.
/// `page_chars` counts the page's prose (visible text outside links).
fn guarded_label(tag: &str, el: &scraper::node::Element, st: Stats, page_chars: usize) -> Label {
    let label = labels::own_label(tag, el);
    if label == Label::Plain || page_chars == 0 {
        return label;
    }
    // Compare prose (text outside links): a wrapper named `outer--nav`
    // holding both the menu and the article holds most of the page's prose.
    let prose = st.chars.saturating_sub(st.link_chars);
    if prose * 2 > page_chars {
        return Label::Plain;
    }
    label
}

/// Appends a text node, folding runs of whitespace to one space.
/// Soft hyphens and zero-width marks are dropped: they split words that
/// readers see whole.
fn push_text(buf: &mut String, t: &str) {
    for c in t.chars() {
        if matches!(c, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}') {
            continue;
        }
        if c.is_whitespace() {
            if !buf.is_empty() && !buf.ends_with([' ', '\n']) {
                buf.push(' ');
            }
        } else {
            buf.push(c);
        }
    }
}

/// Emits the buffered text as a block owned by the innermost block element.
fn flush(out: &mut Vec<RawBlock>, buf: &mut String, buf_links: &mut usize, stack: &[Frame]) {
    let text = tidy(buf);
    buf.clear();
    let link_chars = std::mem::take(buf_links);
    if text.is_empty() {
        return;
    }
    let Some(owner_idx) = stack.iter().rposition(|f| f.block) else {
        return;
    };
    let owner = &stack[owner_idx];
    let label = stack.last().map_or(Label::Plain, |f| f.label);
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    let heading = stack[owner_idx..]
        .iter()
        .rev()
        .find_map(|f| labels::heading_level(&f.tag));
    let ancestors = stack[..owner_idx]
        .iter()
        .rev()
        .take(SCORE_DEPTH)
        .map(|f| f.id)
        .collect();
    let in_list = stack.iter().any(|f| f.tag == "li");
    out.push(RawBlock {
        text,
        label,
        owner_pre: owner.pre,
        owner_tag: owner.tag.clone(),
        heading,
        chars,
        link_chars: link_chars.min(chars),
        ancestors,
        owner_id: owner.id,
        in_list,
    });
}

/// Trims each line and drops empty ones.
fn tidy(s: &str) -> String {
    let mut out = String::new();
    for line in s.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(html: &str) -> Vec<RawBlock> {
        let doc = Html::parse_document(html);
        let stats = element_stats(&doc);
        blocks(&doc, &stats, 1000)
    }

    #[test]
    fn cuts_blocks_at_block_elements() {
        let b = walk("<body><div>one <b>two</b><p>three</p>four</div></body>");
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["one two", "three", "four"]);
    }

    #[test]
    fn skips_scripts_and_hidden_elements() {
        let b = walk("<p>a<script>x()</script></p><p style='display: none'>b</p><p>c</p>");
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["a", "c"]);
    }

    #[test]
    fn labels_inherit_and_links_count() {
        let b = walk("<nav><p><a href=x>Home</a></p></nav><p>Text <a>link</a></p>");
        assert_eq!(b[0].label, Label::Chrome);
        assert_eq!(b[0].link_chars, 4);
        assert_eq!(b[1].label, Label::Plain);
        assert_eq!(b[1].link_chars, 4);
    }

    #[test]
    fn br_splits_lines_inside_a_block() {
        let b = walk("<p>one<br>two</p>");
        assert_eq!(b[0].text, "one\ntwo");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(50_000) + "deep" + &"</div>".repeat(50_000);
        let b = walk(&html);
        assert!(b.iter().any(|b| b.text == "deep"));
    }
}
