//! Reading one REPL line: a query, or a `:command` with its argument.
//! Pure parsing, no index: what a line means, not what it does.

use crate::search::Sort;

/// A filter the REPL can set or clear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterKind {
    Place,
    Org,
    Person,
    Source,
    From,
    To,
}

impl FilterKind {
    /// The name used in commands, prompts and facets (`place`, `from`, …).
    pub fn name(self) -> &'static str {
        match self {
            FilterKind::Place => "place",
            FilterKind::Org => "org",
            FilterKind::Person => "person",
            FilterKind::Source => "source",
            FilterKind::From => "from",
            FilterKind::To => "to",
        }
    }

    /// The facet whose values complete this filter, if it names things.
    pub fn facet(self) -> Option<&'static str> {
        match self {
            FilterKind::From | FilterKind::To => None,
            named => Some(named.name()),
        }
    }

    fn from_name(name: &str) -> Option<FilterKind> {
        FILTERS.iter().copied().find(|k| k.name() == name)
    }
}

/// Every filter, in the order the prompt lists them.
pub const FILTERS: [FilterKind; 6] = [
    FilterKind::Place,
    FilterKind::Org,
    FilterKind::Person,
    FilterKind::Source,
    FilterKind::From,
    FilterKind::To,
];

/// The facet fields `:facets` accepts.
pub const FACET_FIELDS: [&str; 5] = ["source", "place", "org", "person", "year"];

/// What one line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Words to search for with the active filters.
    Search(String),
    /// The next page of the last answer (`:more`, or an empty line).
    More,
    /// Set a filter (`Some`) or clear it (`None`).
    Filter(FilterKind, Option<String>),
    /// List the active filters and options.
    Filters,
    /// Clear every filter.
    Clear,
    /// Facet counts of the current query, optionally of one field;
    /// stories (copies of one story once) rather than articles when
    /// `stories`, as `fouille facets --stories`.
    Facets {
        field: Option<String>,
        stories: bool,
    },
    /// Articles per month of the current query.
    Timeline,
    /// The whole article of hit N (1-based).
    Show(usize),
    /// The articles most like hit N, its copies left out.
    Similar(usize),
    /// The address (or path) of hit N.
    Open(usize),
    Json(bool),
    /// Report the time each query took.
    Time(bool),
    Sort(Sort),
    Help,
    Quit,
}

/// Command names with their one-line help, as `:help` lists them.
pub const COMMANDS: &[(&str, &str)] = &[
    (
        ":place",
        "[NAME]    only articles about this place (no NAME: clear)",
    ),
    (":org", "[NAME]      only articles naming this organisation"),
    (":person", "[NAME]   only articles naming this person"),
    (":source", "[NAME]   only articles from this outlet"),
    (
        ":from",
        "[DATE]     published on or after DATE (YYYY, YYYY-MM, YYYY-MM-DD)",
    ),
    (":to", "[DATE]       published on or before DATE"),
    (":filters", "        list the active filters"),
    (":clear", "          clear every filter"),
    (
        ":facets",
        "[FIELD] [stories]  counts per source, place, org, person, year; stories: copies once",
    ),
    (":timeline", "       articles per month"),
    (":show", "N          the whole article of hit N"),
    (":similar", "N       the articles most like hit N"),
    (":open", "N          the address (or path) of hit N"),
    (":more", "           the next page (an empty line too)"),
    (":json", "on|off     answer in JSON lines"),
    (":sort", "relevance|date"),
    (":time", "on|off     report the time each query takes"),
    (":help", "           this list"),
    (":quit", "           leave (Ctrl-D too)"),
];

/// Reads one line. `Err` says, for a person, what is wrong with it.
pub fn parse(line: &str) -> Result<Command, String> {
    let line = line.trim();
    if line.is_empty() {
        return Ok(Command::More);
    }
    let Some(rest) = line.strip_prefix(':') else {
        return Ok(Command::Search(line.to_string()));
    };
    let (name, arg) = match rest.split_once(char::is_whitespace) {
        Some((n, a)) => (n, a.trim()),
        None => (rest, ""),
    };
    let arg = (!arg.is_empty()).then(|| arg.to_string());
    if let Some(kind) = FilterKind::from_name(name) {
        return Ok(Command::Filter(kind, arg));
    }
    let no_arg = |c: Command| match &arg {
        None => Ok(c),
        Some(a) => Err(format!(":{name} takes no argument (got {a:?})")),
    };
    match name {
        "more" | "m" => no_arg(Command::More),
        "filters" => no_arg(Command::Filters),
        "clear" => no_arg(Command::Clear),
        "timeline" => no_arg(Command::Timeline),
        "help" | "h" | "?" => no_arg(Command::Help),
        "quit" | "q" | "exit" => no_arg(Command::Quit),
        "facets" => facets_arguments(arg.as_deref().unwrap_or("")),
        "show" => hit_number(name, arg.as_deref()).map(Command::Show),
        "similar" => hit_number(name, arg.as_deref()).map(Command::Similar),
        "open" => hit_number(name, arg.as_deref()).map(Command::Open),
        "json" => on_off(name, arg.as_deref()).map(Command::Json),
        "time" => on_off(name, arg.as_deref()).map(Command::Time),
        "sort" => match arg.as_deref() {
            Some("relevance") => Ok(Command::Sort(Sort::Relevance)),
            Some("date") => Ok(Command::Sort(Sort::Date)),
            _ => Err(":sort takes relevance or date".into()),
        },
        _ => Err(format!("unknown command :{name} (:help lists them)")),
    }
}

/// The arguments of `:facets`: a field and `stories`, in either order
/// (the CLI's `--stories` spelling too), each at most once.
fn facets_arguments(arg: &str) -> Result<Command, String> {
    let (mut field, mut stories) = (None, false);
    for word in arg.split_whitespace() {
        match word {
            "stories" | "--stories" if !stories => stories = true,
            f if field.is_none() && FACET_FIELDS.contains(&f) => field = Some(f.to_string()),
            f => {
                return Err(format!(
                    "unknown facet {f:?}: use {} (and stories to count copies once)",
                    FACET_FIELDS.join(", ")
                ))
            }
        }
    }
    Ok(Command::Facets { field, stories })
}

/// A hit number, counted from 1 as the hits are printed.
fn hit_number(name: &str, arg: Option<&str>) -> Result<usize, String> {
    match arg.map(str::parse::<usize>) {
        Some(Ok(n)) if n >= 1 => Ok(n),
        _ => Err(format!(":{name} takes a hit number, e.g. :{name} 1")),
    }
}

fn on_off(name: &str, arg: Option<&str>) -> Result<bool, String> {
    match arg {
        Some("on") => Ok(true),
        Some("off") => Ok(false),
        _ => Err(format!(":{name} takes on or off")),
    }
}

/// The help text.
pub fn help() -> String {
    let mut s = String::from(
        "Type words to search (tantivy syntax: \"a phrase\", -word, OR, title:word).\n",
    );
    for (name, text) in COMMANDS {
        s.push_str(&format!("  {name} {text}\n"));
    }
    s.push_str("Tab completes commands and, after a filter command, names from the index.\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_a_search() {
        assert_eq!(
            parse("  Qaryatayn chrétiens "),
            Ok(Command::Search("Qaryatayn chrétiens".into()))
        );
    }

    #[test]
    fn an_empty_line_is_the_next_page() {
        assert_eq!(parse(""), Ok(Command::More));
        assert_eq!(parse("   "), Ok(Command::More));
        assert_eq!(parse(":more"), Ok(Command::More));
    }

    #[test]
    fn filters_are_set_with_a_value_and_cleared_without() {
        assert_eq!(
            parse(":place  Tadmor "),
            Ok(Command::Filter(FilterKind::Place, Some("Tadmor".into())))
        );
        assert_eq!(
            parse(":source L'Orient-Le Jour"),
            Ok(Command::Filter(
                FilterKind::Source,
                Some("L'Orient-Le Jour".into())
            ))
        );
        assert_eq!(parse(":from"), Ok(Command::Filter(FilterKind::From, None)));
    }

    #[test]
    fn commands_with_arguments() {
        assert_eq!(parse(":show 3"), Ok(Command::Show(3)));
        assert_eq!(parse(":similar 2"), Ok(Command::Similar(2)));
        assert!(parse(":similar").is_err());
        assert_eq!(parse(":open 1"), Ok(Command::Open(1)));
        assert_eq!(parse(":json on"), Ok(Command::Json(true)));
        assert_eq!(parse(":json off"), Ok(Command::Json(false)));
        assert_eq!(parse(":sort date"), Ok(Command::Sort(Sort::Date)));
        assert_eq!(
            parse(":facets"),
            Ok(Command::Facets {
                field: None,
                stories: false
            })
        );
        assert_eq!(
            parse(":facets year"),
            Ok(Command::Facets {
                field: Some("year".into()),
                stories: false
            })
        );
        for line in [":facets stories", ":facets --stories"] {
            assert_eq!(
                parse(line),
                Ok(Command::Facets {
                    field: None,
                    stories: true
                }),
                "{line}"
            );
        }
        for line in [":facets place stories", ":facets stories place"] {
            assert_eq!(
                parse(line),
                Ok(Command::Facets {
                    field: Some("place".into()),
                    stories: true
                }),
                "{line}"
            );
        }
        assert_eq!(parse(":q"), Ok(Command::Quit));
    }

    #[test]
    fn bad_commands_say_why() {
        assert!(parse(":show").unwrap_err().contains("hit number"));
        assert!(parse(":show 0").is_err());
        assert!(parse(":show x").is_err());
        assert!(parse(":json maybe").is_err());
        assert!(parse(":sort size").is_err());
        assert!(parse(":facets colour")
            .unwrap_err()
            .contains("unknown facet"));
        assert!(parse(":facets year place").is_err());
        assert!(parse(":facets stories stories").is_err());
        assert!(parse(":clear all").unwrap_err().contains("no argument"));
        assert!(parse(":frobnicate").unwrap_err().contains(":help"));
    }

    #[test]
    fn help_lists_every_command() {
        let h = help();
        for (name, _) in COMMANDS {
            assert!(h.contains(name), "{name}");
        }
    }
}
