//! `fouille repl`: an interactive session over one open index. The filters
//! stay in place between questions, so people can narrow as they go.
//!
//! On a terminal it edits lines with history and completion; otherwise it
//! reads one query or command per line and writes plain answers (JSON lines
//! with `:json on`), so scripts can drive it.

pub mod commands;
pub mod complete;
pub mod session;

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use anyhow::Result;
use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;
use rustyline::{CompletionType, Config, Editor};

use crate::filters::resolve_filters;
use crate::open::open_or_build;
use crate::render::{self, fill_months, Style};
use crate::search::{Engine, Filters, Results, SearchError, Sort};
use commands::{parse, Command, FilterKind};
use complete::ReplHelper;
use session::{Session, PAGE_SIZE};

/// Options of `fouille repl`.
#[derive(clap::Args, Debug)]
pub struct ReplArgs {
    /// Start with JSON answers (one JSON object per line), as `:json on`.
    #[arg(long)]
    json: bool,
    /// Hits per page.
    #[arg(long, short = 'n', default_value_t = PAGE_SIZE)]
    limit: usize,
    /// Order of the hits.
    #[arg(long, value_enum, default_value_t = Sort::Relevance)]
    sort: Sort,
    /// History file [default: fouille/history in the user's data directory]
    #[arg(long, env = "FOUILLE_HISTORY", value_name = "FILE")]
    history: Option<PathBuf>,
}

/// Runs the REPL until Ctrl-D, `:quit` or the end of the input.
pub fn run(dir: &Path, args: ReplArgs, style: Style) -> Result<()> {
    let engine = open_or_build(dir)?;
    let mut session = Session::default();
    session.json = args.json;
    session.sort = args.sort;
    session.page_size = args.limit.max(1);
    if io::stdin().is_terminal() {
        // People at a terminal see how long each answer took.
        session.time = true;
        let history = args.history.or_else(default_history);
        let repl = Repl::new(&engine, dir, session, style, true);
        repl.interactive(dir, history.as_deref())?;
    } else {
        // Scripts get plain text: no prompt, no colour.
        let repl = Repl::new(&engine, dir, session, Style::PLAIN, false);
        repl.piped(io::stdin().lock())?;
    }
    Ok(())
}

/// `fouille/history` in the user's data directory, if there is one.
fn default_history() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("fouille").join("history"))
}

/// Whether to go on after a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    Continue,
    Quit,
}

/// What went wrong with one line: a message for the person (the session
/// goes on), or a failure that ends it (output gone, index broken).
#[derive(Debug)]
enum LineError {
    Message(String),
    Fatal(anyhow::Error),
}

impl From<String> for LineError {
    fn from(m: String) -> LineError {
        LineError::Message(m)
    }
}

impl From<SearchError> for LineError {
    fn from(e: SearchError) -> LineError {
        match e {
            SearchError::Index(e) => LineError::Fatal(e.into()),
            other => LineError::Message(other.to_string()),
        }
    }
}

impl From<io::Error> for LineError {
    fn from(e: io::Error) -> LineError {
        LineError::Fatal(e.into())
    }
}

impl From<serde_json::Error> for LineError {
    fn from(e: serde_json::Error) -> LineError {
        LineError::Fatal(e.into())
    }
}

/// A session over an open engine.
struct Repl<'a> {
    engine: &'a Engine,
    /// The index folder (its gazetteer suggests names).
    dir: PathBuf,
    session: Session,
    style: Style,
    /// At a terminal: pager for long articles.
    interactive: bool,
}

impl<'a> Repl<'a> {
    fn new(
        engine: &'a Engine,
        dir: &Path,
        session: Session,
        style: Style,
        interactive: bool,
    ) -> Repl<'a> {
        Repl {
            engine,
            dir: dir.to_path_buf(),
            session,
            style,
            interactive,
        }
    }

    /// The terminal loop: line editing, completion, persistent history.
    fn interactive(mut self, dir: &Path, history: Option<&Path>) -> Result<()> {
        let config = Config::builder()
            .max_history_size(10_000)?
            .history_ignore_dups(true)?
            .history_ignore_space(true)
            .completion_type(CompletionType::List)
            .build();
        let mut editor: Editor<ReplHelper, FileHistory> = Editor::with_config(config)?;
        editor.set_helper(Some(ReplHelper::new(self.engine)));
        if let Some(h) = history {
            // No file yet is the normal first run.
            let _ = editor.load_history(h);
        }
        println!(
            "fouille: {} articles in {}. Type words to search; :help lists the commands, Ctrl-D leaves.",
            self.engine.num_docs(),
            dir.display()
        );
        loop {
            let prompt = self.session.prompt();
            let styled = if self.style.color {
                format!("\x1b[36m{}\x1b[0m", prompt)
            } else {
                prompt.clone()
            };
            match editor.readline(&(prompt.as_str(), styled.as_str())) {
                Ok(line) => {
                    if !line.trim().is_empty() {
                        let _ = editor.add_history_entry(line.as_str());
                    }
                    if self.line(&line, None)? == Flow::Quit {
                        break;
                    }
                }
                // Ctrl-C abandons the line being typed, not the session.
                Err(ReadlineError::Interrupted) => continue,
                Err(ReadlineError::Eof) => break,
                Err(e) => return Err(e.into()),
            }
        }
        if let Some(h) = history {
            if let Err(e) = save_history(&mut editor, h) {
                eprintln!(
                    "fouille: could not save the history in {}: {e}",
                    h.display()
                );
            }
        }
        Ok(())
    }

    /// The script loop: one query or command per line, blank lines skipped.
    fn piped(mut self, input: impl BufRead) -> Result<()> {
        for (i, line) in input.lines().enumerate() {
            let line = line?;
            // An empty line pages at a terminal; in a script it is only spacing.
            if line.trim().is_empty() {
                continue;
            }
            if self.line(&line, Some(i + 1))? == Flow::Quit {
                break;
            }
        }
        Ok(())
    }

    /// Runs one line; reports a mistake in it and goes on.
    fn line(&mut self, line: &str, number: Option<usize>) -> Result<Flow> {
        let stdout = io::stdout();
        let mut out = stdout.lock();
        let result = match parse(line) {
            Ok(cmd) => self.execute(cmd, &mut out),
            Err(m) => Err(LineError::Message(m)),
        };
        out.flush()?;
        match result {
            Ok(flow) => Ok(flow),
            Err(LineError::Fatal(e)) => Err(e),
            Err(LineError::Message(m)) => {
                match number {
                    Some(n) => eprintln!("fouille: line {n}: {m}"),
                    None => eprintln!("{m}"),
                }
                Ok(Flow::Continue)
            }
        }
    }

    fn execute(&mut self, cmd: Command, out: &mut impl Write) -> Result<Flow, LineError> {
        match cmd {
            Command::Search(text) => {
                let q = self.session.query(&text);
                self.search(q, out)?;
            }
            Command::More => {
                let q = self.session.next_page()?;
                self.search(q, out)?;
            }
            Command::Filter(kind, value) => {
                let value = self.resolve(kind, value)?;
                self.session.set_filter(kind, value)?
            }
            Command::Clear => self.session.clear_filters(),
            Command::Filters => self.filters(out)?,
            Command::Facets { field, stories } => self.facets(field.as_deref(), stories, out)?,
            Command::Timeline => self.timeline(out)?,
            Command::Show(n) => self.show(n, out)?,
            Command::Similar(n) => self.similar(n, out)?,
            Command::Open(n) => self.open(n, out)?,
            Command::Json(on) => self.session.json = on,
            Command::Time(on) => self.session.time = on,
            Command::Sort(s) => self.session.sort = s,
            Command::Help => write!(out, "{}", commands::help())?,
            Command::Quit => return Ok(Flow::Quit),
        }
        Ok(Flow::Continue)
    }

    /// A named filter's value as the index names it, checked as the
    /// command line checks it; the name chosen for a value typed otherwise
    /// is said on stderr.
    fn resolve(
        &self,
        kind: FilterKind,
        value: Option<String>,
    ) -> Result<Option<String>, LineError> {
        let Some(value) = value.filter(|v| !v.trim().is_empty()) else {
            return Ok(None);
        };
        let mut f = Filters::default();
        match kind {
            FilterKind::Place => f.places.push(value),
            FilterKind::Org => f.orgs.push(value),
            FilterKind::Person => f.people.push(value),
            FilterKind::Source => f.sources.push(value),
            FilterKind::From | FilterKind::To => return Ok(Some(value)),
        }
        let resolved = resolve_filters(self.engine, &self.dir, &f)
            .map_err(|e| LineError::Message(format!("{e:#}")))?;
        for note in &resolved.notes {
            eprintln!("{note}");
        }
        let f = resolved.filters;
        Ok([f.places, f.orgs, f.people, f.sources]
            .into_iter()
            .flatten()
            .next())
    }

    /// Runs a query and prints its page of hits, numbered from the first
    /// hit of the answer so `:show N` names what was printed.
    fn search(&mut self, q: crate::search::Query, out: &mut impl Write) -> Result<(), LineError> {
        let started = Instant::now();
        let results = self.engine.search(&q)?;
        let took = started.elapsed();
        let first = self.session.record(&q, &results);
        if self.session.json {
            serde_json::to_writer(&mut *out, &results)?;
            writeln!(out)?;
            if self.session.time {
                eprintln!("time: {}", millis(took));
            }
            return Ok(());
        }
        if results.total == 0 {
            // The command line's sentences: why nothing, and what would
            // find something.
            let why = self.engine.why_nothing(&q)?;
            render::no_hits(&mut *out, "", &q.text, !q.filters.is_empty(), &why)?;
            if self.session.time {
                writeln!(out, "({})", millis(took))?;
            }
            return Ok(());
        }
        for (i, h) in results.hits.iter().enumerate() {
            render::hit(&mut *out, first + i, h, self.style)?;
            writeln!(out)?;
        }
        writeln!(out, "{}", self.summary(&results, first, took))?;
        Ok(())
    }

    /// `3 articles, 1–3 shown (2.1 ms)`, with a word on how to see more.
    fn summary(&self, results: &Results, first: usize, took: Duration) -> String {
        let time = if self.session.time {
            format!(" ({})", millis(took))
        } else {
            String::new()
        };
        if results.total == 0 {
            return format!("no article matches{time}");
        }
        let last = first + results.hits.len() - usize::from(!results.hits.is_empty());
        let plural = if results.total == 1 { "" } else { "s" };
        let more = if last < results.total {
            if self.interactive {
                " — empty line or :more for the next page"
            } else {
                " — :more for the next page"
            }
        } else {
            ""
        };
        format!(
            "{} article{plural}, {first}–{last} shown{time}{more}",
            results.total
        )
    }

    /// `:filters`: the active filters and options.
    fn filters(&self, out: &mut impl Write) -> Result<(), LineError> {
        let s = &self.session;
        let sort = match s.sort {
            Sort::Relevance => "relevance",
            Sort::Date => "date",
        };
        if s.json {
            let f = &s.filters;
            let v = serde_json::json!({
                "place": f.places, "org": f.orgs, "person": f.people, "source": f.sources,
                "from": f.from, "to": f.to, "sort": sort,
            });
            writeln!(out, "{v}")?;
            return Ok(());
        }
        let active = s.active_filters();
        if active.is_empty() {
            writeln!(out, "no filters")?;
        }
        for (k, v) in active {
            writeln!(out, "{k}={v}")?;
        }
        writeln!(out, "sort={sort}")?;
        Ok(())
    }

    /// `:facets [FIELD] [stories]`: counts per facet of the current words
    /// and filters, of articles or of stories.
    fn facets(
        &self,
        field: Option<&str>,
        stories: bool,
        out: &mut impl Write,
    ) -> Result<(), LineError> {
        let mut q = self.session.context_query();
        q.limit = 1;
        q.facets = true;
        // All of them: the "… N more" line counts what is left out.
        q.facet_limit = usize::MAX;
        let results = self.engine.search(&q)?;
        // The same counts as `fouille facets --stories`: one engine call.
        let mut facets = if stories {
            self.engine.facets_by_story(&q)?
        } else {
            results.facets
        };
        if let Some(f) = field {
            facets.retain(|k, _| k == f);
        }
        if self.session.json {
            let v = serde_json::json!({
                "query": q.text, "total": results.total, "stories": results.stories,
                "counted": if stories { "stories" } else { "articles" }, "facets": facets,
            });
            writeln!(out, "{v}")?;
            return Ok(());
        }
        // All the values of one field; the ten largest of each otherwise.
        let shown = if field.is_some() { usize::MAX } else { 10 };
        render::facets(out, &facets, shown, &|kind, more| {
            let also = if stories { " stories" } else { "" };
            format!("  … {more} more (:facets {kind}{also} lists them all)")
        })?;
        if facets.values().all(|c| c.is_empty()) {
            writeln!(out, "no article matches")?;
        }
        Ok(())
    }

    /// `:timeline`: articles per month of the current words and filters.
    fn timeline(&self, out: &mut impl Write) -> Result<(), LineError> {
        let q = self.session.context_query();
        let months = fill_months(&self.engine.timeline(&q)?);
        if self.session.json {
            let v = serde_json::json!({"query": q.text, "by": "month", "counts": months});
            writeln!(out, "{v}")?;
            return Ok(());
        }
        if months.is_empty() {
            writeln!(out, "no dated article matches")?;
            return Ok(());
        }
        render::timeline(out, &months, self.style)?;
        Ok(())
    }

    /// The stored article behind hit `n`.
    fn article(&self, n: usize) -> Result<crate::Article, LineError> {
        let hit = self.session.hit(n)?;
        match self.engine.get(&hit.id)? {
            Some(a) => Ok(a),
            None => Err(LineError::Message(format!(
                "hit {n} ({}) is no longer in the index",
                hit.path
            ))),
        }
    }

    /// `:show N`: the whole cleaned article, through a pager when long.
    fn show(&self, n: usize, out: &mut impl Write) -> Result<(), LineError> {
        let article = self.article(n)?;
        if self.session.json {
            serde_json::to_writer(&mut *out, &article)?;
            writeln!(out)?;
            return Ok(());
        }
        let mut text = Vec::new();
        render::article(&mut text, &article, self.style)?;
        if self.interactive && io::stdout().is_terminal() && too_long(&text) {
            out.flush()?;
            if page(&text).is_ok() {
                return Ok(());
            }
        }
        out.write_all(&text)?;
        Ok(())
    }

    /// `:similar N`: the articles most like hit N, its copies left out.
    fn similar(&self, n: usize, out: &mut impl Write) -> Result<(), LineError> {
        let hit = self.session.hit(n)?;
        let Some(hits) = self.engine.similar(&hit.id, self.session.page_size)? else {
            return Err(LineError::Message(format!(
                "hit {n} ({}) is no longer in the index",
                hit.path
            )));
        };
        if self.session.json {
            let v = serde_json::json!({"similar_to": hit.id, "hits": hits});
            writeln!(out, "{v}")?;
            return Ok(());
        }
        for (i, h) in hits.iter().enumerate() {
            render::hit(out, i + 1, h, self.style)?;
            render::copies(out, h, self.style)?;
            writeln!(out)?;
        }
        if hits.is_empty() {
            writeln!(out, "no similar article")?;
        }
        Ok(())
    }

    /// `:open N`: where hit N comes from — its address, else its path.
    fn open(&self, n: usize, out: &mut impl Write) -> Result<(), LineError> {
        let a = self.article(n)?;
        if self.session.json {
            let v = serde_json::json!({"n": n, "id": a.id, "path": a.path, "url": a.url});
            writeln!(out, "{v}")?;
        } else {
            writeln!(out, "{}", a.url.as_deref().unwrap_or(&a.path))?;
        }
        Ok(())
    }
}

/// A duration for people: `3.2 ms`.
fn millis(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Whether `text` takes more lines than the terminal shows, long lines
/// counting once per row they wrap onto.
fn too_long(text: &[u8]) -> bool {
    let Some((terminal_size::Width(w), terminal_size::Height(h))) = terminal_size::terminal_size()
    else {
        return false;
    };
    rows(&String::from_utf8_lossy(text), usize::from(w.max(1))) > usize::from(h)
}

/// Rows `text` fills on a terminal `width` columns wide.
fn rows(text: &str, width: usize) -> usize {
    text.lines()
        .map(|l| l.chars().count().div_ceil(width).max(1))
        .sum()
}

/// Shows `text` through $PAGER, else `less -R`.
fn page(text: &[u8]) -> io::Result<()> {
    let pager = std::env::var("PAGER")
        .ok()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| "less -R".into());
    // Through the shell, since $PAGER may carry options.
    let mut child = Process::new("sh")
        .arg("-c")
        .arg(&pager)
        .stdin(Stdio::piped())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        // The pager may quit before reading everything: not an error.
        let _ = stdin.write_all(text);
    }
    let status = child.wait()?;
    if status.success() {
        Ok(())
    } else {
        Err(io::Error::other(format!("{pager} failed: {status}")))
    }
}

/// Saves the history, creating its folder on first use.
fn save_history(editor: &mut Editor<ReplHelper, FileHistory>, path: &Path) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    editor.save_history(path)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_count_wrapped_lines() {
        assert_eq!(rows("abc\n\nabcdef", 3), 1 + 1 + 2);
        assert_eq!(rows("é", 1), 1);
    }

    #[test]
    fn durations_in_milliseconds() {
        assert_eq!(millis(Duration::from_micros(3200)), "3.2 ms");
    }

    #[test]
    fn search_errors_in_a_line_are_messages_but_index_failures_end_the_session() {
        let e = LineError::from(SearchError::Syntax("unbalanced quote".into()));
        assert!(matches!(e, LineError::Message(m) if m.contains("unbalanced")));
        let e = LineError::from(SearchError::Index(tantivy::TantivyError::InternalError(
            "x".into(),
        )));
        assert!(matches!(e, LineError::Fatal(_)));
    }
}
