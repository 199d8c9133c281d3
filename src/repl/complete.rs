//! Tab completion: command names, then the argument of the command — facet
//! values from the index after a filter command, fixed words elsewhere.

use std::cell::RefCell;
use std::collections::HashMap;

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Helper};

use crate::index::tag_key;
use crate::search::Engine;

use super::commands::{FilterKind, COMMANDS, FILTERS};

/// Most candidates offered at once: beyond this, typing more is faster.
const MAX_CANDIDATES: usize = 200;

/// Commands that take an argument: completing one adds the space.
const WITH_ARGUMENT: &[&str] = &["facets", "show", "similar", "open", "json", "time", "sort"];

/// What the argument of a command is completed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Values of this facet in the index.
    Facet(&'static str),
    /// A fixed list of words.
    Words(&'static [&'static str]),
}

/// What `:facets` takes: a field, or `stories`.
const FACETS_ARGUMENTS: [&str; 6] = ["source", "place", "org", "person", "year", "stories"];

/// Where the argument of `:name` comes from, if it is completed.
fn argument_source(name: &str) -> Option<Source> {
    if let Some(kind) = FILTERS.iter().find(|k| k.name() == name) {
        return kind.facet().map(Source::Facet);
    }
    match name {
        "facets" => Some(Source::Words(&FACETS_ARGUMENTS)),
        "sort" => Some(Source::Words(&["relevance", "date"])),
        "json" | "time" => Some(Source::Words(&["on", "off"])),
        _ => None,
    }
}

/// Candidates for the text before the cursor, and where they start.
/// `facet` gives the values of a facet, most frequent first.
pub fn candidates(head: &str, facet: impl Fn(&str) -> Vec<String>) -> (usize, Vec<Pair>) {
    let Some(rest) = head.strip_prefix(':') else {
        return (0, Vec::new());
    };
    let Some((name, _)) = rest.split_once(char::is_whitespace) else {
        return (0, command_names(rest));
    };
    // The argument starts after the blanks that follow the command name.
    let after_name = 1 + name.len();
    let blanks = head[after_name..].len() - head[after_name..].trim_start().len();
    let start = after_name + blanks;
    let typed = &head[start..];
    let words: Vec<String> = match argument_source(name) {
        None => return (start, Vec::new()),
        Some(Source::Words(w)) => w.iter().map(|s| s.to_string()).collect(),
        Some(Source::Facet(kind)) => facet(kind),
    };
    let pairs = matching(&words, typed)
        .into_iter()
        .take(MAX_CANDIDATES)
        .map(|w| Pair {
            display: w.clone(),
            replacement: w,
        })
        .collect();
    (start, pairs)
}

/// Command names starting with `typed` (without its colon).
fn command_names(typed: &str) -> Vec<Pair> {
    COMMANDS
        .iter()
        .map(|(name, _)| &name[1..])
        .filter(|name| name.starts_with(typed))
        .map(|name| {
            let takes_argument = WITH_ARGUMENT.contains(&name)
                || FILTERS.iter().any(|k: &FilterKind| k.name() == name);
            Pair {
                display: format!(":{name}"),
                replacement: format!(":{name}{}", if takes_argument { " " } else { "" }),
            }
        })
        .collect()
}

/// Words whose normalised form starts with the normalised `typed`, in their
/// order; if none does, those that contain it (`jour` finds `L'Orient-Le Jour`).
fn matching(words: &[String], typed: &str) -> Vec<String> {
    let key = tag_key(typed);
    let keyed: Vec<(String, &String)> = words.iter().map(|w| (tag_key(w), w)).collect();
    let prefixed: Vec<String> = keyed
        .iter()
        .filter(|(k, _)| k.starts_with(&key))
        .map(|(_, w)| (*w).clone())
        .collect();
    if !prefixed.is_empty() {
        return prefixed;
    }
    keyed
        .iter()
        .filter(|(k, _)| k.contains(&key))
        .map(|(_, w)| (*w).clone())
        .collect()
}

/// The rustyline helper: completes from an open index, reading each facet
/// once per session.
pub struct ReplHelper<'a> {
    engine: &'a Engine,
    values: RefCell<HashMap<String, Vec<String>>>,
}

impl<'a> ReplHelper<'a> {
    pub fn new(engine: &'a Engine) -> ReplHelper<'a> {
        ReplHelper {
            engine,
            values: RefCell::new(HashMap::new()),
        }
    }

    fn facet_values(&self, kind: &str) -> Vec<String> {
        let mut cache = self.values.borrow_mut();
        cache
            .entry(kind.to_string())
            .or_insert_with(|| {
                // A failure only means nothing to complete.
                self.engine
                    .facet_values(kind)
                    .map(|v| v.into_iter().map(|(name, _)| name).collect())
                    .unwrap_or_default()
            })
            .clone()
    }
}

impl Completer for ReplHelper<'_> {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let head = line.get(..pos).unwrap_or(line);
        Ok(candidates(head, |kind| self.facet_values(kind)))
    }
}

impl Hinter for ReplHelper<'_> {
    type Hint = String;
}

impl Highlighter for ReplHelper<'_> {}

impl Validator for ReplHelper<'_> {}

impl Helper for ReplHelper<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    fn facet(kind: &str) -> Vec<String> {
        match kind {
            "source" => vec![
                "L'Orient-Le Jour".into(),
                "L'Expression".into(),
                "Al-Manar".into(),
            ],
            "place" => vec!["Palmyre".into(), "Paris".into()],
            _ => vec![],
        }
    }

    fn complete(head: &str) -> (usize, Vec<String>) {
        let (start, pairs) = candidates(head, facet);
        (start, pairs.into_iter().map(|p| p.replacement).collect())
    }

    #[test]
    fn command_names_complete_with_a_space_when_they_take_an_argument() {
        assert_eq!(complete(":pl"), (0, vec![":place ".to_string()]));
        assert_eq!(
            complete(":ti"),
            (0, vec![":timeline".into(), ":time ".into()])
        );
        assert_eq!(
            complete(":"),
            (
                0,
                command_names("")
                    .into_iter()
                    .map(|p| p.replacement)
                    .collect()
            )
        );
        assert_eq!(complete(":").1.len(), COMMANDS.len());
    }

    #[test]
    fn filter_values_come_from_the_facet_ignoring_case_and_punctuation() {
        assert_eq!(
            complete(":place pa"),
            (7, vec!["Palmyre".into(), "Paris".into()])
        );
        assert_eq!(
            complete(":source  lo"),
            (9, vec!["L'Orient-Le Jour".into()])
        );
        assert_eq!(complete(":source L'E"), (8, vec!["L'Expression".into()]));
        // No prefix matches: a word inside the name does.
        assert_eq!(complete(":source manar"), (8, vec!["Al-Manar".into()]));
        assert_eq!(complete(":source ").1.len(), 3);
    }

    #[test]
    fn fixed_arguments_and_nothing_elsewhere() {
        assert_eq!(complete(":sort d"), (6, vec!["date".into()]));
        assert_eq!(complete(":json o"), (6, vec!["on".into(), "off".into()]));
        assert_eq!(complete(":facets ye"), (8, vec!["year".into()]));
        assert_eq!(complete(":facets st"), (8, vec!["stories".into()]));
        for f in super::super::commands::FACET_FIELDS {
            assert!(FACETS_ARGUMENTS.contains(&f), "{f}");
        }
        assert_eq!(complete(":from 20").1, Vec::<String>::new());
        assert_eq!(complete("guerre").1, Vec::<String>::new());
    }
}
