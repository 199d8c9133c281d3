//! The query language of the press databases, parsed into a tree: words,
//! truncations (`chrét*`, `cat?`), phrases, groups, `AND`/`OR`/`NOT`,
//! proximity (`NEAR/n`, `ADJ/n`, with Factiva's `w/n`, `nearN`, `adjN`),
//! and fields (`title:`, `author:`, `source:`, `lead:`, `atleastN:`).
//!
//! Precedence, tightest first, as Factiva evaluates them: proximity, then
//! `NOT`, then `AND` (also implied between terms), then `OR`. Every node
//! keeps where it was typed, so that an error can point at it.

use std::fmt;

/// Distance of a bare `NEAR` or `ADJ`: ten words, as Xapian and FTS5 take it.
pub const DEFAULT_DISTANCE: u32 = 10;

/// Largest distance accepted: past it, "near" means nothing a reader wants.
pub const MAX_DISTANCE: u32 = 1000;

/// Largest `atleastN:`.
pub const MAX_ATLEAST: u32 = 1000;

/// Words of an article that count as its lead (`lead:`).
pub const LEAD_WORDS: u32 = 50;

/// A query that could not be parsed, with the character where it went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    /// Index of the character (not byte) the caret goes under.
    pub at: usize,
}

impl ParseError {
    /// The message, the query, and a caret under the place.
    pub fn display(&self, query: &str) -> String {
        let query: String = query
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect();
        format!(
            "{}\n  {}\n  {}^",
            self.message,
            query,
            " ".repeat(self.at.min(query.chars().count()))
        )
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.at + 1)
    }
}

/// Which way a proximity operator counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// `NEAR`: either order.
    Any,
    /// `ADJ`: the left operand first.
    InOrder,
}

/// Fields a query may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Body,
    Author,
    Source,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A word as typed (analysed later).
    Word(String),
    /// A word with `*` (any letters) or `?` (one letter) in it.
    Wildcard(String),
    /// Words in quotes, in order.
    Phrase(String),
    And(Vec<Node>),
    Or(Vec<Node>),
    /// An article that the operand does not match (`-x`, `NOT x` alone).
    Exclude(Box<Node>),
    /// Two operands within `distance` words of each other (words between
    /// them, stop words counted).
    Near {
        left: Box<Node>,
        right: Box<Node>,
        distance: u32,
        order: Order,
    },
    /// In the same paragraph.
    Same(Box<Node>, Box<Node>),
    /// In the given field.
    In(Field, Box<Node>),
    /// Within the first [`LEAD_WORDS`] words.
    Lead(Box<Node>),
    /// Occurs at least this many times.
    AtLeast(u32, Box<Node>),
}

impl Node {
    /// Whether the node uses an operator only this parser knows (the
    /// others keep tantivy's parser and its ranking).
    pub fn is_extended(&self) -> bool {
        match self {
            Node::Word(_) | Node::Phrase(_) => false,
            Node::Wildcard(_)
            | Node::Near { .. }
            | Node::Same(..)
            | Node::Lead(_)
            | Node::AtLeast(..) => true,
            Node::In(f, n) => matches!(f, Field::Author | Field::Source) || n.is_extended(),
            Node::And(v) | Node::Or(v) => v.iter().any(Node::is_extended),
            Node::Exclude(a) => a.is_extended(),
        }
    }
}

/// A token of the query text, with its first character's index.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Open,
    Close,
    And,
    Or,
    Not,
    Minus,
    Plus,
    Prox(ProxOp),
    /// `name:` (the name lowercase).
    Field(String),
    Phrase(String),
    Word(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ProxOp {
    Near(Order, u32),
    Same,
}

/// Characters that end a word.
fn ends_word(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '"')
}

/// Reads a proximity operator, or `Ok(None)` if `word` is no operator.
/// `word` is as typed; `at` is where it starts.
fn proximity(word: &str, at: usize) -> Result<Option<ProxOp>, ParseError> {
    let lower = word.to_lowercase();
    // Bare operators only in capitals (a lowercase `near` may be a word),
    // except Factiva's `same`, which no French text says.
    match word {
        "NEAR" => return Ok(Some(ProxOp::Near(Order::Any, DEFAULT_DISTANCE))),
        "ADJ" => return Ok(Some(ProxOp::Near(Order::InOrder, DEFAULT_DISTANCE))),
        "SAME" | "same" => return Ok(Some(ProxOp::Same)),
        _ => {}
    }
    let (order, rest) = if let Some(r) = lower.strip_prefix("near") {
        (Order::Any, r)
    } else if let Some(r) = lower.strip_prefix("adj") {
        (Order::InOrder, r)
    } else if let Some(r) = lower.strip_prefix("w/") {
        (Order::InOrder, r)
    } else {
        return Ok(None);
    };
    let slash = lower.starts_with("w/") || rest.starts_with('/');
    let digits = rest.strip_prefix('/').unwrap_or(rest);
    // `nearby`, `adjoint`: words, not operators. An operator has a slash
    // or a digit right after its name.
    if !slash && !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return Ok(None);
    }
    // Factiva's w/n is in either order; keep its meaning.
    let order = if lower.starts_with("w/") {
        Order::Any
    } else {
        order
    };
    let name_len = word.chars().count() - digits.chars().count();
    let bad = |why: &str| ParseError {
        message: format!(
            "bad distance in `{word}`: {why} (write e.g. NEAR/5, ADJ/3, w/5, near5; \
             0 to {MAX_DISTANCE} words)"
        ),
        at: at + name_len,
    };
    if digits.is_empty() {
        return Err(bad("a number of words must follow"));
    }
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad("not a number"));
    }
    match digits.parse::<u32>() {
        Ok(n) if n <= MAX_DISTANCE => Ok(Some(ProxOp::Near(order, n))),
        _ => Err(bad("too far")),
    }
}

/// Splits the query into tokens with their positions (in characters).
fn lex(text: &str) -> Result<Vec<(Tok, usize)>, ParseError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        match c {
            '(' => {
                out.push((Tok::Open, i));
                i += 1;
            }
            ')' => {
                out.push((Tok::Close, i));
                i += 1;
            }
            '"' => {
                let Some(len) = chars[i + 1..].iter().position(|&c| c == '"') else {
                    return Err(ParseError {
                        message: "unbalanced quote (\"): close the phrase, e.g. \"armée syrienne\""
                            .into(),
                        at: i,
                    });
                };
                let phrase: String = chars[i + 1..i + 1 + len].iter().collect();
                out.push((Tok::Phrase(phrase), start));
                i += len + 2;
            }
            '-' | '+' if chars.get(i + 1).is_some_and(|n| !ends_word(*n)) => {
                out.push((if c == '-' { Tok::Minus } else { Tok::Plus }, i));
                i += 1;
            }
            _ => {
                while i < chars.len() && !ends_word(chars[i]) {
                    // `name:` ends a field name; the value follows.
                    if chars[i] == ':' {
                        break;
                    }
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                if chars.get(i) == Some(&':') {
                    i += 1;
                    if word.is_empty() {
                        return Err(ParseError {
                            message: "a field name must come before `:` (e.g. title:Palmyre)"
                                .into(),
                            at: start,
                        });
                    }
                    out.push((Tok::Field(word.to_lowercase()), start));
                    continue;
                }
                let tok = match word.as_str() {
                    "AND" | "&&" => Tok::And,
                    "OR" | "||" => Tok::Or,
                    "NOT" => Tok::Not,
                    _ => match proximity(&word, start)? {
                        Some(op) => Tok::Prox(op),
                        None => Tok::Word(word),
                    },
                };
                out.push((tok, start));
            }
        }
    }
    Ok(out)
}

/// Parses a query text into its tree; `any` joins terms with OR where no
/// operator is written (`--any`).
pub fn parse(text: &str, any: bool) -> Result<Node, ParseError> {
    let toks = lex(text)?;
    let end = text.chars().count();
    let mut p = Parser {
        toks,
        i: 0,
        end,
        any,
        depth: 0,
    };
    let node = p.or()?;
    if let Some((t, at)) = p.toks.get(p.i) {
        let message = match t {
            Tok::Close => "unbalanced parenthesis: this `)` closes nothing".to_string(),
            _ => "unexpected text".to_string(),
        };
        return Err(ParseError { message, at: *at });
    }
    Ok(node)
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    i: usize,
    /// The text's length in characters (where "missing" errors point).
    end: usize,
    any: bool,
    depth: usize,
}

/// Deepest nesting of groups and fields.
const MAX_DEPTH: usize = 32;

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.i).map(|(t, _)| t)
    }

    /// Where the next token starts (the end of the text past the last).
    fn here(&self) -> usize {
        self.toks.get(self.i).map_or(self.end, |(_, at)| *at)
    }

    fn or(&mut self) -> Result<Node, ParseError> {
        let mut parts = vec![self.and()?];
        while self.peek() == Some(&Tok::Or) {
            let at = self.here();
            self.i += 1;
            parts.push(self.operand("OR", at, Self::and)?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Node::Or(parts)
        })
    }

    /// An operand that must follow an operator, or the error saying so.
    fn operand(
        &mut self,
        op: &str,
        at: usize,
        next: fn(&mut Self) -> Result<Node, ParseError>,
    ) -> Result<Node, ParseError> {
        match self.peek() {
            None | Some(Tok::Close | Tok::Or | Tok::And) => Err(ParseError {
                message: format!("`{op}` needs something on its right"),
                at: if self.peek().is_none() {
                    at
                } else {
                    self.here()
                },
            }),
            Some(Tok::Prox(_)) => Err(ParseError {
                message: format!("`{op}` needs a word on its right, not another operator"),
                at: self.here(),
            }),
            _ => next(self),
        }
    }

    fn and(&mut self) -> Result<Node, ParseError> {
        let mut all = Vec::new();
        let mut any = Vec::new();
        loop {
            match self.peek() {
                None | Some(Tok::Close | Tok::Or) => break,
                Some(Tok::And) => {
                    let at = self.here();
                    if all.is_empty() && any.is_empty() {
                        return Err(ParseError {
                            message: "`AND` needs something on its left".into(),
                            at,
                        });
                    }
                    self.i += 1;
                    let n = self.operand("AND", at, Self::unary)?;
                    // Written AND binds both sides even with --any.
                    if let Some(last) = any.pop() {
                        all.push(last);
                    }
                    all.push(n);
                }
                Some(Tok::Prox(_)) => {
                    return Err(ParseError {
                        message: "a proximity operator needs a word on its left".into(),
                        at: self.here(),
                    })
                }
                _ => {
                    let n = self.unary()?;
                    if self.any && !matches!(n, Node::Exclude(_)) {
                        any.push(n);
                    } else {
                        all.push(n);
                    }
                }
            }
        }
        if !any.is_empty() {
            all.push(if any.len() == 1 {
                any.remove(0)
            } else {
                Node::Or(any)
            });
        }
        match all.len() {
            0 => Err(ParseError {
                message: "nothing to search for here".into(),
                at: self.here(),
            }),
            1 => Ok(all.remove(0)),
            _ => Ok(Node::And(all)),
        }
    }

    fn unary(&mut self) -> Result<Node, ParseError> {
        match self.peek() {
            Some(Tok::Not) | Some(Tok::Minus) => {
                let at = self.here();
                self.i += 1;
                let n = self.operand("NOT", at, Self::unary)?;
                Ok(Node::Exclude(Box::new(n)))
            }
            Some(Tok::Plus) => {
                self.i += 1;
                self.unary()
            }
            _ => self.proximity(),
        }
    }

    fn proximity(&mut self) -> Result<Node, ParseError> {
        let mut left = self.primary()?;
        while let Some(Tok::Prox(op)) = self.peek().cloned() {
            let at = self.here();
            self.i += 1;
            let name = match op {
                ProxOp::Near(Order::Any, n) => format!("NEAR/{n}"),
                ProxOp::Near(Order::InOrder, n) => format!("ADJ/{n}"),
                ProxOp::Same => "SAME".to_string(),
            };
            let right = self.operand(&name, at, Self::primary)?;
            if matches!(right, Node::Exclude(_)) || matches!(left, Node::Exclude(_)) {
                return Err(ParseError {
                    message: "a proximity operator cannot take an excluded word".into(),
                    at,
                });
            }
            left = match op {
                ProxOp::Near(order, distance) => Node::Near {
                    left: Box::new(left),
                    right: Box::new(right),
                    distance,
                    order,
                },
                ProxOp::Same => Node::Same(Box::new(left), Box::new(right)),
            };
        }
        Ok(left)
    }

    fn primary(&mut self) -> Result<Node, ParseError> {
        let at = self.here();
        let Some(tok) = self.peek().cloned() else {
            return Err(ParseError {
                message: "the query ends where a word was expected".into(),
                at,
            });
        };
        self.i += 1;
        match tok {
            Tok::Open => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(ParseError {
                        message: format!("parentheses nested too deeply (at most {MAX_DEPTH})"),
                        at,
                    });
                }
                if self.peek() == Some(&Tok::Close) {
                    return Err(ParseError {
                        message: "empty parentheses".into(),
                        at,
                    });
                }
                let inner = self.or()?;
                self.depth -= 1;
                if self.peek() != Some(&Tok::Close) {
                    return Err(ParseError {
                        message: "unbalanced parenthesis: this `(` is never closed".into(),
                        at,
                    });
                }
                self.i += 1;
                Ok(inner)
            }
            Tok::Phrase(p) => {
                if p.trim().is_empty() {
                    return Err(ParseError {
                        message: "empty phrase".into(),
                        at,
                    });
                }
                Ok(Node::Phrase(p))
            }
            Tok::Word(w) => Ok(word(w)),
            Tok::Field(name) => self.field(&name, at),
            Tok::Close => Err(ParseError {
                message: "unbalanced parenthesis: this `)` closes nothing".into(),
                at,
            }),
            Tok::And | Tok::Or | Tok::Not | Tok::Minus | Tok::Plus | Tok::Prox(_) => {
                Err(ParseError {
                    message: "an operator where a word was expected".into(),
                    at,
                })
            }
        }
    }

    /// The value of `name:` (a word, a phrase or a group).
    fn field(&mut self, name: &str, at: usize) -> Result<Node, ParseError> {
        let value = |p: &mut Self| -> Result<Node, ParseError> {
            match p.peek() {
                Some(Tok::Word(_) | Tok::Phrase(_) | Tok::Open) => p.primary(),
                _ => Err(ParseError {
                    message: format!("`{name}:` needs a word, a phrase or a group right after it"),
                    at: p.here(),
                }),
            }
        };
        let node = match name {
            "title" | "hd" => Node::In(Field::Title, Box::new(value(self)?)),
            "body" => Node::In(Field::Body, Box::new(value(self)?)),
            "author" | "by" => Node::In(Field::Author, Box::new(value(self)?)),
            "source" | "sn" => Node::In(Field::Source, Box::new(value(self)?)),
            "lead" => Node::Lead(Box::new(value(self)?)),
            _ => match name.strip_prefix("atleast") {
                Some(n) => {
                    let times = n
                        .parse::<u32>()
                        .ok()
                        .filter(|n| (1..=MAX_ATLEAST).contains(n));
                    let Some(times) = times else {
                        return Err(ParseError {
                            message: format!(
                                "`{name}:` needs a number of times from 1 to {MAX_ATLEAST} \
                                 (e.g. atleast3:Palmyre)"
                            ),
                            at: at + "atleast".len(),
                        });
                    };
                    Node::AtLeast(times, Box::new(value(self)?))
                }
                None => {
                    return Err(ParseError {
                        message: format!(
                            "unknown field `{name}:` (fields: title:, body:, author:, source:, \
                             lead:, atleastN:)"
                        ),
                        at,
                    })
                }
            },
        };
        if matches!(&node, Node::In(Field::Author | Field::Source, v) if !matches!(**v, Node::Word(_) | Node::Phrase(_)))
        {
            return Err(ParseError {
                message: format!("`{name}:` takes a name: a word or a phrase"),
                at,
            });
        }
        Ok(node)
    }
}

/// A word, or a truncation if it has a wildcard.
fn word(w: String) -> Node {
    if w.contains(['*', '?']) {
        Node::Wildcard(w)
    } else {
        Node::Word(w)
    }
}

/// Whether a word of a query without other syntax is a plain word: not
/// an operator of this language (`NEAR`, `w/5`, `adj3`, `same`) and no
/// one-letter wildcard (`chat?`).
pub fn is_plain_word(word: &str) -> bool {
    !word.contains('?') && matches!(proximity(word, 0), Ok(None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Node {
        Node::Word(s.into())
    }

    fn near(l: Node, r: Node, distance: u32, order: Order) -> Node {
        Node::Near {
            left: Box::new(l),
            right: Box::new(r),
            distance,
            order,
        }
    }

    #[test]
    fn proximity_spellings_agree() {
        let want = near(w("a"), w("b"), 5, Order::Any);
        for q in [
            "a NEAR/5 b",
            "a near5 b",
            "a w/5 b",
            "a NEAR5 b",
            "a near/5 b",
        ] {
            assert_eq!(parse(q, false).unwrap(), want, "{q}");
        }
        let adj = near(w("a"), w("b"), 3, Order::InOrder);
        for q in ["a ADJ/3 b", "a adj3 b"] {
            assert_eq!(parse(q, false).unwrap(), adj, "{q}");
        }
        assert_eq!(
            parse("a NEAR b", false).unwrap(),
            near(w("a"), w("b"), DEFAULT_DISTANCE, Order::Any)
        );
        // Words that start like an operator stay words.
        assert_eq!(parse("nearby", false).unwrap(), w("nearby"));
        assert_eq!(parse("adjoint", false).unwrap(), w("adjoint"));
    }

    #[test]
    fn proximity_binds_tighter_than_and_and_or() {
        let q = parse("x \"armée syrienne\" NEAR/5 (Qaryatayn OR Palmyre)", false).unwrap();
        assert_eq!(
            q,
            Node::And(vec![
                w("x"),
                near(
                    Node::Phrase("armée syrienne".into()),
                    Node::Or(vec![w("Qaryatayn"), w("Palmyre")]),
                    5,
                    Order::Any
                )
            ])
        );
        assert!(q.is_extended());
    }

    #[test]
    fn fields_and_truncations() {
        assert_eq!(
            parse("lead:chrét* atleast3:Palmyre author:Dupont", false).unwrap(),
            Node::And(vec![
                Node::Lead(Box::new(Node::Wildcard("chrét*".into()))),
                Node::AtLeast(3, Box::new(w("Palmyre"))),
                Node::In(Field::Author, Box::new(w("Dupont"))),
            ])
        );
        assert!(!parse("title:Palmyre \"a b\" -c", false)
            .unwrap()
            .is_extended());
    }

    #[test]
    fn any_joins_unmarked_terms_with_or() {
        assert_eq!(
            parse("a b -c", true).unwrap(),
            Node::And(vec![
                Node::Exclude(Box::new(w("c"))),
                Node::Or(vec![w("a"), w("b")])
            ])
        );
    }

    /// The error and where its caret goes.
    fn error(q: &str) -> (String, usize) {
        let e = parse(q, false).unwrap_err();
        (e.message, e.at)
    }

    #[test]
    fn malformed_queries_point_at_the_place() {
        let (m, at) = error("(armée NEAR/5 chrétiens");
        assert!(m.contains("unbalanced parenthesis"), "{m}");
        assert_eq!(at, 0);
        let (m, at) = error("armée) x");
        assert!(m.contains("closes nothing"), "{m}");
        assert_eq!(at, 5);
        let (m, at) = error("a \"armée syrienne");
        assert!(m.contains("unbalanced quote"), "{m}");
        assert_eq!(at, 2);
        let (m, at) = error("armée NEAR/x chrétiens");
        assert!(m.contains("bad distance"), "{m}");
        assert_eq!(at, 11);
        let (m, _) = error("armée NEAR/5000 chrétiens");
        assert!(m.contains("too far"), "{m}");
        let (m, at) = error("armée NEAR/5");
        assert!(m.contains("needs something on its right"), "{m}");
        assert_eq!(at, 6);
        let (m, at) = error("NEAR/5 armée");
        assert!(m.contains("on its left"), "{m}");
        assert_eq!(at, 0);
        let (m, at) = error("x headline:Palmyre");
        assert!(m.contains("unknown field `headline:`"), "{m}");
        assert_eq!(at, 2);
        let (m, _) = error("atleastx:Palmyre");
        assert!(m.contains("number of times"), "{m}");
        let (m, at) = error("a OR");
        assert!(m.contains("`OR` needs"), "{m}");
        assert_eq!(at, 2);
        let (m, _) = error("a AND OR b");
        assert!(m.contains("`AND` needs"), "{m}");
    }

    #[test]
    fn operators_are_no_plain_words() {
        for w in [
            "NEAR", "NEAR/5", "w/5", "adj3", "same", "SAME", "chat?", "near/x",
        ] {
            assert!(!is_plain_word(w), "{w}");
        }
        for w in ["armée", "nearby", "Adjani", "w", "samedi"] {
            assert!(is_plain_word(w), "{w}");
        }
    }

    #[test]
    fn the_caret_is_under_the_place() {
        let e = parse("armée ADJ/ chrétiens", false).unwrap_err();
        let shown = e.display("armée ADJ/ chrétiens");
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[1], "  armée ADJ/ chrétiens");
        assert_eq!(lines[2], "            ^");
    }
}
