//! The command line: argument parsing, one function per subcommand, and the
//! single place where errors become exit code 2.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::archive::Archive;
use crate::filters::{parse_from, parse_to, resolve_filters};
use crate::index::{self, UpdateOptions};
use crate::ingest::ingest;
use crate::open::{load_gazetteer, open_or_build, DEFAULT_ARCHIVE, USER_GAZETTEER};
use crate::render::{self, Style};
use crate::search::{Engine, Filters, Query, SearchError, Sort};

/// The outcome of a command, as grep and ripgrep report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Something matched (exit 0).
    Found,
    /// Nothing matched (exit 1).
    Nothing,
}

#[derive(Parser, Debug)]
#[command(
    name = "fouille",
    version,
    about = "Search archives of French-language news articles",
    long_about = "fouille ingests a folder of scraped articles (text or HTML files, or JSON Lines \
records), removes the site chrome, extracts title, date, outlet, authors and entities, and \
indexes them with a French analysis chain (elision, accents, stop words, stemming).\n\n\
Exit codes: 0 hits found (or success), 1 no hits, 2 error.",
    after_help = "Examples:\n  fouille search \"Qaryatayn chrétiens\"\n  fouille search '\"armée syrienne\" -Hezbollah' --json\n  fouille index ~/archives/presse --rebuild"
)]
struct Cli {
    /// Index directory [default: $FOUILLE_INDEX, else ./index]
    #[arg(long, global = true, env = "FOUILLE_INDEX", value_name = "DIR")]
    index: Option<PathBuf>,
    /// Extra gazetteer (TSV: kind, canonical, aliases) adding or overriding
    /// entities at indexing time; INDEX/gazetteer.tsv is read too if present.
    #[arg(long, global = true, value_name = "FILE")]
    gazetteer: Option<PathBuf>,
    /// When to colour output: auto colours a terminal unless NO_COLOR is set.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Add an archive to the index, or bring it up to date (incremental).
    Index(IndexArgs),
    /// Search the index (building it from ./seeds on first use).
    Search(SearchArgs),
    /// Print one stored article, cleaned.
    Show(ShowArgs),
    /// List the articles most like one (its own copies left out).
    Similar(SimilarArgs),
    /// Run ingestion on one file without indexing and print the article.
    Inspect(InspectArgs),
    /// Count articles per outlet, place, organisation, person and year.
    Facets(FacetsArgs),
    /// Chart articles per month (or year) in the terminal.
    Timeline(TimelineArgs),
    /// Interactive search with filters, history and completion.
    Repl(crate::repl::ReplArgs),
    /// Serve the index to a browser: a search page and a JSON API (loopback
    /// only unless --bind says otherwise).
    Serve(crate::serve::ServeArgs),
    /// Time queries in one process on a warm index (for benchmarks).
    Bench(BenchArgs),
    /// Print a completion script for a shell (`fouille completions bash >
    /// ~/.local/share/bash-completion/completions/fouille`).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page, in roff (`fouille man | man -l -`).
    Man,
}

#[derive(Args, Debug)]
struct BenchArgs {
    /// A file of queries, one a line.
    queries: PathBuf,
    /// Timed rounds over the whole file (after one warm-up round).
    #[arg(long, default_value_t = 20)]
    rounds: usize,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    /// Also print the median of each query, to see which ones cost.
    #[arg(long)]
    per_query: bool,
}

#[derive(Args, Debug)]
struct IndexArgs {
    /// Archives: folders of .txt/.html files, or JSON Lines files [default: ./seeds]
    paths: Vec<PathBuf>,
    /// Start from an empty index instead of updating the existing one.
    #[arg(long)]
    rebuild: bool,
    /// Memory budget of the index writer, in MB.
    #[arg(long, value_name = "MB", default_value_t = index::DEFAULT_MEMORY_MB)]
    memory: usize,
    /// Worker threads [default: number of cores]
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Exit with status 2 if any file was skipped.
    #[arg(long)]
    strict: bool,
    /// Commit every N new or changed documents, so an interrupted run keeps
    /// its work (a --rebuild commits only at the end).
    #[arg(long, value_name = "N", default_value_t = 50_000)]
    commit_every: usize,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug, Clone, Default)]
struct FilterArgs {
    /// Only articles about this place (any alias or spelling; repeatable).
    #[arg(long = "place", value_name = "PLACE")]
    places: Vec<String>,
    /// Only articles naming this organisation (repeatable).
    #[arg(long = "org", value_name = "ORG")]
    orgs: Vec<String>,
    /// Only articles naming this person (repeatable).
    #[arg(long = "person", value_name = "PERSON")]
    people: Vec<String>,
    /// Only articles from this outlet (repeatable).
    #[arg(long = "source", value_name = "OUTLET")]
    sources: Vec<String>,
    /// Only articles crediting this wire agency (AFP, Reuters…; repeatable).
    #[arg(long = "wire", value_name = "AGENCY")]
    wires: Vec<String>,
    /// Only articles published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_from)]
    from: Option<NaiveDate>,
    /// Only articles published on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_to)]
    to: Option<NaiveDate>,
    /// Only articles of at least N words (Factiva's wc>N).
    #[arg(long, value_name = "N")]
    min_words: Option<u64>,
    /// Only articles of at most N words.
    #[arg(long, value_name = "N")]
    max_words: Option<u64>,
}

impl FilterArgs {
    fn to_filters(&self) -> Filters {
        Filters {
            places: self.places.clone(),
            orgs: self.orgs.clone(),
            people: self.people.clone(),
            sources: self.sources.clone(),
            wires: self.wires.clone(),
            from: self.from,
            to: self.to,
            min_words: self.min_words,
            max_words: self.max_words,
        }
    }
}

#[derive(Args, Debug)]
struct SearchArgs {
    /// Words to find (all required unless --any): "a phrase", -exclude, OR,
    /// title:word, chrét* and chat? (truncation), a NEAR/5 b, a ADJ/3 b (also
    /// w/5, near5, adj3), lead:word, atleast3:word, author:name, source:name.
    /// Empty or * lists every article passing the filters.
    #[arg(value_name = "QUERY")]
    query: Vec<String>,
    #[command(flatten)]
    filters: FilterArgs,
    /// Match articles with any of the words instead of all of them.
    #[arg(long)]
    any: bool,
    /// Number of hits to show [default: 10; every hit with --kwic or
    /// --format csv].
    #[arg(long, short = 'n', value_name = "N")]
    limit: Option<usize>,
    /// Skip the first N hits: `--offset 10` shows hits 11 to 20.
    #[arg(long, value_name = "N", default_value_t = 0)]
    offset: usize,
    /// Order of the hits.
    #[arg(long, value_enum, default_value_t = Sort::Relevance)]
    sort: Sort,
    /// Print one JSON object (hits, total, facet counts); the same as
    /// `--format json`.
    #[arg(long, conflicts_with = "format")]
    json: bool,
    /// Output format: text, json, or csv (RFC 4180, every matching article,
    /// copies included: id, published, source, title, url, score, places,
    /// organisations, people, path; with --kwic: id, published, source,
    /// left, match, right, path).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Print only the number of matching articles.
    #[arg(long, conflicts_with_all = ["json", "format", "kwic", "explain"])]
    count: bool,
    /// Print a concordance: every occurrence of the query's words in the
    /// text of the hits (every matching article, copies included), one a
    /// line, the matches aligned in a column, with outlet, date and id.
    #[arg(long)]
    kwic: bool,
    /// Words of context each side of a --kwic match.
    #[arg(long, value_name = "N", default_value_t = crate::kwic::DEFAULT_CONTEXT, requires = "kwic")]
    context: usize,
    /// Say under each hit why it matched: the words found as typed, as
    /// another form or through an alias, in the title or the lead, how
    /// close together, and the score (`why` in --json).
    #[arg(long)]
    explain: bool,
    /// Show every copy of a story (a dispatch reprinted by several outlets)
    /// as its own hit, rather than the story once with an "also in" line.
    #[arg(long)]
    all_copies: bool,
}

/// How `search` writes its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// For people: numbered hits with snippets (colour on a terminal).
    Text,
    /// One JSON object, for scripts.
    Json,
    /// RFC 4180 CSV, for spreadsheets.
    Csv,
}

#[derive(Args, Debug)]
struct SimilarArgs {
    /// The article id (as printed by search --json).
    id: String,
    /// Number of articles to list.
    #[arg(long, short = 'n', default_value_t = 10)]
    limit: usize,
    /// Print one JSON object: {"id", "hits": [...]} as search --json.
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
struct ShowArgs {
    /// The article's id, as a search prints it, or its path in its archive
    /// (`Le Figaro/123.txt`, `archive.jsonl#26890`).
    id: String,
    /// Print the article as JSON.
    #[arg(long)]
    json: bool,
    /// Print the article exactly as it was read from the archive (before
    /// cleaning), to see what the cleaner dropped.
    #[arg(long, conflicts_with = "json")]
    raw: bool,
}

#[derive(Args, Debug)]
struct InspectArgs {
    /// The article file (text or HTML).
    file: PathBuf,
    /// Print the article as one JSON object.
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
struct FacetsArgs {
    /// Count only articles matching these words.
    #[arg(value_name = "QUERY")]
    query: Vec<String>,
    #[command(flatten)]
    filters: FilterArgs,
    /// Only this facet: source, place, org, person or year.
    #[arg(long, value_parser = ["source", "place", "org", "person", "year", "wire"])]
    field: Option<String>,
    /// Count stories, not articles: copies of one story count once.
    #[arg(long)]
    stories: bool,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args, Debug)]
struct TimelineArgs {
    /// Chart only articles matching these words.
    #[arg(value_name = "QUERY")]
    query: Vec<String>,
    #[command(flatten)]
    filters: FilterArgs,
    /// Count per year instead of per month.
    #[arg(long)]
    yearly: bool,
    /// Count stories, not articles: copies of one story count once.
    #[arg(long)]
    stories: bool,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    match try_main() {
        Ok(Outcome::Found) => ExitCode::from(0),
        Ok(Outcome::Nothing) => ExitCode::from(1),
        Err(err) => {
            // A broken pipe means the reader went away (`fouille … | head`):
            // that is graceful termination, not an error.
            if is_broken_pipe(&err) {
                return ExitCode::from(0);
            }
            eprintln!("fouille: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        let io = e.downcast_ref::<std::io::Error>().map(|io| io.kind());
        let json = e
            .downcast_ref::<serde_json::Error>()
            .and_then(|j| j.io_error_kind());
        io.or(json) == Some(std::io::ErrorKind::BrokenPipe)
    })
}

fn try_main() -> Result<Outcome> {
    let cli = Cli::parse();
    let index_dir = cli.index.clone().unwrap_or_else(|| PathBuf::from("index"));
    let _ = USER_GAZETTEER.set(cli.gazetteer.clone());
    let style = Style {
        color: use_color(cli.color),
        width: terminal_width(),
    };
    match cli.command {
        Command::Index(args) => index_cmd(&index_dir, args),
        Command::Search(args) => search(&index_dir, args, style),
        Command::Show(args) => show(&index_dir, args, style),
        Command::Similar(args) => similar(&index_dir, args, style),
        Command::Inspect(args) => inspect(args),
        Command::Facets(args) => facets(&index_dir, args),
        Command::Timeline(args) => timeline(&index_dir, args, style),
        Command::Bench(args) => bench(&index_dir, args),
        Command::Completions { shell } => {
            // Into memory first: clap_complete panics when a write fails
            // (`fouille completions bash | head`).
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "fouille", &mut script);
            std::io::stdout().lock().write_all(&script)?;
            Ok(Outcome::Found)
        }
        Command::Man => {
            let mut out = std::io::stdout().lock();
            clap_mangen::Man::new(Cli::command()).render(&mut out)?;
            out.flush()?;
            Ok(Outcome::Found)
        }
        Command::Serve(args) => {
            crate::serve::run(&index_dir, args)?;
            Ok(Outcome::Found)
        }
        Command::Repl(args) => {
            crate::repl::run(&index_dir, args, style)?;
            Ok(Outcome::Found)
        }
    }
}

/// The width of the terminal standard output is, if it is one.
fn terminal_width() -> Option<usize> {
    let stdout = std::io::stdout();
    if !stdout.is_terminal() {
        return None;
    }
    terminal_size::terminal_size_of(&stdout).map(|(w, _)| usize::from(w.0).max(20))
}

/// Colour only a terminal, and never when NO_COLOR is set (no-color.org).
fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// The line on copies under an update's summary. Crowded band keys are
/// said because their pairs are not compared: a reader of the counts
/// should know that some were left aside, and how many.
fn copies_line(c: &crate::cluster_store::CopyStats) -> String {
    let mut line = format!(
        "copies: {} articles in {} cluster{}",
        c.articles,
        c.stories,
        if c.stories == 1 { "" } else { "s" }
    );
    if c.crowded > 0 {
        line.push_str(&format!(
            "; {} sketch band keys shared by too many articles to compare (set phrases) were skipped",
            c.crowded
        ));
    }
    line
}

/// `fouille index [PATH…]`: ingest archives into the index, incrementally.
fn index_cmd(dir: &Path, args: IndexArgs) -> Result<Outcome> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(DEFAULT_ARCHIVE)]
    } else {
        args.paths.clone()
    };
    let opts = UpdateOptions {
        rebuild: args.rebuild,
        memory_mb: args.memory,
        threads: args
            .threads
            .unwrap_or_else(|| UpdateOptions::default().threads),
        progress: std::io::stderr().is_terminal(),
        commit_every: args.commit_every,
    };
    let started = Instant::now();
    let summary = index::update(dir, &paths, &|| load_gazetteer(dir), &opts)?;
    let secs = started.elapsed().as_secs_f64();
    let mut out = std::io::stdout().lock();
    if args.json {
        let skipped: Vec<_> = summary
            .skipped
            .iter()
            .map(|s| serde_json::json!({"path": s.path, "reason": s.reason}))
            .collect();
        let mut v = serde_json::json!({
            "indexed": summary.indexed, "unchanged": summary.unchanged,
            "removed": summary.removed, "skipped": skipped, "seconds": secs,
        });
        if let Some(c) = summary.copies {
            v["copies"] = serde_json::json!({
                "stories": c.stories, "articles": c.articles,
                "crowded_band_keys": c.crowded,
            });
        }
        writeln!(out, "{v}")?;
    } else {
        for s in &summary.skipped {
            writeln!(out, "skipped {}: {}", s.path, s.reason)?;
        }
        writeln!(
            out,
            "indexed {}, unchanged {}, removed {}, skipped {} in {:.2} s ({})",
            summary.indexed,
            summary.unchanged,
            summary.removed,
            summary.skipped.len(),
            secs,
            dir.display()
        )?;
        if let Some(c) = summary.copies {
            writeln!(out, "{}", copies_line(&c))?;
        }
    }
    if args.strict && !summary.skipped.is_empty() {
        bail!(
            "{} file(s) skipped and --strict was given",
            summary.skipped.len()
        );
    }
    Ok(Outcome::Found)
}

fn search_error(e: SearchError) -> anyhow::Error {
    anyhow::anyhow!(e)
}

/// The filters as the index names them; says on stderr which name was
/// taken for a value typed otherwise.
fn resolve(engine: &Engine, dir: &Path, args: &FilterArgs) -> Result<Filters> {
    let resolved = resolve_filters(engine, dir, &args.to_filters())?;
    for note in &resolved.notes {
        eprintln!("fouille: {note}");
    }
    Ok(resolved.filters)
}

/// `fouille search QUERY`: ranked hits with highlighted snippets, a
/// count, a concordance, JSON or CSV.
fn search(dir: &Path, args: SearchArgs, style: Style) -> Result<Outcome> {
    let engine = open_or_build(dir)?;
    let format = if args.json { Format::Json } else { args.format };
    // A concordance or a spreadsheet is of every hit, unless told otherwise.
    let every = args.kwic || format == Format::Csv;
    let query = Query {
        text: args.query.join(" "),
        any: args.any,
        filters: resolve(&engine, dir, &args.filters)?,
        limit: args.limit.unwrap_or(if every { usize::MAX } else { 10 }),
        offset: args.offset,
        sort: args.sort,
        // The listing for people shows no facet counts: only JSON has them.
        facets: format == Format::Json && !args.kwic,
        facet_limit: crate::search::FACET_VALUES,
        // An export is of every matching article: a dispatch reprinted by
        // three outlets is three publications to count.
        all_copies: args.all_copies || every,
    };
    let mut out = std::io::stdout().lock();
    if args.count {
        let mut q = query.clone();
        q.limit = 1;
        let (_, total) = engine.top_and_count(&q).map_err(search_error)?;
        writeln!(out, "{total}")?;
        out.flush()?;
        return nothing_said(&engine, &query, total);
    }
    let results = engine.search(&query).map_err(search_error)?;
    if args.kwic {
        kwic(&engine, &query, &results, &args, format, style)?;
    } else {
        match format {
            Format::Json if results.total == 0 => {
                // A script is told why too: `why_nothing` beside the hits.
                let why = engine.why_nothing(&query).map_err(search_error)?;
                let mut v = serde_json::to_value(&results)?;
                v["why_nothing"] = serde_json::to_value(&why)?;
                serde_json::to_writer(&mut out, &v)?;
                writeln!(out)?;
                out.flush()?;
                say_why(&query, &why)?;
                return Ok(Outcome::Nothing);
            }
            Format::Json => {
                serde_json::to_writer(&mut out, &results)?;
                writeln!(out)?;
            }
            Format::Csv => render::hits_csv(&mut out, &results.hits)?,
            Format::Text => text_hits(&mut out, &results, &args, style)?,
        }
    }
    out.flush()?;
    nothing_said(&engine, &query, results.total)
}

/// The outcome of a search that found `total` articles; when none, says
/// on stderr why, and what would find some.
fn nothing_said(engine: &Engine, query: &Query, total: usize) -> Result<Outcome> {
    if total > 0 {
        return Ok(Outcome::Found);
    }
    let why = engine.why_nothing(query).map_err(search_error)?;
    say_why(query, &why)?;
    Ok(Outcome::Nothing)
}

/// Writes on stderr why `query` found nothing.
fn say_why(query: &Query, why: &crate::suggest::NoHits) -> Result<()> {
    let mut err = std::io::stderr().lock();
    render::no_hits(
        &mut err,
        "fouille: ",
        &query.text,
        !query.filters.is_empty(),
        why,
    )?;
    Ok(())
}

/// The numbered hits for people, then the count.
fn text_hits(
    out: &mut impl Write,
    results: &crate::search::Results,
    args: &SearchArgs,
    style: Style,
) -> Result<()> {
    for (i, h) in results.hits.iter().enumerate() {
        render::hit(out, args.offset + i + 1, h, style)?;
        render::copies(out, h, style)?;
        if args.explain {
            render::why(out, h, style)?;
            if let Some(m) = &h.matched {
                writeln!(out, "   matched: {}", render::matched(m))?;
            }
        }
        writeln!(out)?;
    }
    if results.total > 0 {
        let shown = match (args.offset, results.hits.len()) {
            (0, n) => n.to_string(),
            (_, 0) => format!("none after the first {}", args.offset),
            (offset, 1) => (offset + 1).to_string(),
            (offset, n) => format!("{}–{}", offset + 1, offset + n),
        };
        writeln!(
            out,
            "{} (showing {shown})",
            render::count_line(results.total, results.stories),
        )?;
    }
    Ok(())
}

/// `search --kwic`: every occurrence of the query's words in the text of
/// the hits, as the snippets' highlighter finds them.
fn kwic(
    engine: &Engine,
    query: &Query,
    results: &crate::search::Results,
    args: &SearchArgs,
    format: Format,
    style: Style,
) -> Result<()> {
    let mut highlighter = engine.highlighter(query).map_err(search_error)?;
    let mut rows = Vec::new();
    for h in &results.hits {
        let Some(article) = engine.get(&h.id).map_err(search_error)? else {
            continue;
        };
        let matches: Vec<(usize, usize)> = highlighter
            .matches(&article.body)
            .into_iter()
            .map(|(from, to, _)| (from, to))
            .collect();
        for o in crate::kwic::occurrences(&article.body, &matches, args.context) {
            rows.push((o, h));
        }
    }
    if rows.is_empty() && !results.hits.is_empty() {
        // Articles matched, yet no line: say so rather than print nothing.
        eprintln!(
            "fouille: {} {}, but no word of the query is in their text to show in context \
             (a search without words, or words matched in a title or through an alias)",
            render::articles(results.total),
            if results.total == 1 {
                "matches"
            } else {
                "match"
            },
        );
    }
    let mut out = std::io::stdout().lock();
    match format {
        Format::Text => render::kwic(&mut out, &rows, style)?,
        Format::Csv => render::kwic_csv(&mut out, &rows)?,
        Format::Json => {
            let lines: Vec<_> = rows
                .iter()
                .map(|(o, h)| {
                    serde_json::json!({"id": h.id, "path": h.path, "source": h.source,
                        "published": h.published, "left": o.left, "match": o.matched,
                        "right": o.right})
                })
                .collect();
            let v = serde_json::json!({"query": results.query, "total": results.total,
                "articles": results.hits.len(), "lines": lines});
            serde_json::to_writer(&mut out, &v)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

/// `fouille similar ID`: the articles most like one.
fn similar(dir: &Path, args: SimilarArgs, style: Style) -> Result<Outcome> {
    let engine = open_or_build(dir)?;
    // The id, or the path a listing printed.
    let id = engine
        .resolve_label(&args.id)
        .map_err(search_error)?
        .unwrap_or_else(|| args.id.clone());
    let Some(hits) = engine.similar(&id, args.limit).map_err(search_error)? else {
        bail!("no article has the id {:?}", args.id);
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &render::similar_json(&args.id, &hits))?;
        writeln!(out)?;
    } else {
        for (i, h) in hits.iter().enumerate() {
            render::hit(&mut out, i + 1, h, style)?;
            render::copies(&mut out, h, style)?;
            writeln!(out)?;
        }
    }
    Ok(if hits.is_empty() {
        Outcome::Nothing
    } else {
        Outcome::Found
    })
}

/// `fouille show ID`: one stored article.
fn show(dir: &Path, args: ShowArgs, style: Style) -> Result<Outcome> {
    let engine = open_or_build(dir)?;
    // The id, or the path a listing printed.
    let id = engine.resolve_label(&args.id).map_err(search_error)?;
    let Some(article) = id
        .as_deref()
        .map(|id| engine.get(id))
        .transpose()
        .map_err(search_error)?
        .flatten()
    else {
        bail!(
            "no article with id or path {:?} in {}",
            args.id,
            dir.display()
        );
    };
    let mut out = std::io::stdout().lock();
    if args.raw {
        let text = raw_text(&engine, &article.id, dir)?;
        out.write_all(text.as_bytes())?;
    } else if args.json {
        serde_json::to_writer_pretty(&mut out, &article)?;
        writeln!(out)?;
    } else {
        render::article(&mut out, &article, style)?;
    }
    Ok(Outcome::Found)
}

/// The article `id` as its archive holds it now, read again from there;
/// a note on stderr says when it changed since it was indexed.
fn raw_text(engine: &Engine, id: &str, dir: &Path) -> Result<String> {
    let Some(origin) = engine.origin(id).map_err(search_error)? else {
        bail!(
            "the index in {} does not say where {id:?} was read; rebuild it with \
             `fouille index --rebuild`",
            dir.display()
        );
    };
    let whole = Path::new(&origin.root).join(&origin.path);
    let archive = Archive::open(Path::new(&origin.root))
        .with_context(|| format!("the archive of {id:?} is gone"))?;
    let found = archive
        .find(&origin.path)
        .with_context(|| format!("cannot read {} again", whole.display()))?;
    let raw = match found {
        Some(Ok(raw)) => raw,
        Some(Err(skip)) => bail!("{}: cannot read it again: {}", whole.display(), skip.reason),
        None => bail!(
            "{id:?} is gone from its archive: {} no longer holds {}",
            origin.root,
            origin.path
        ),
    };
    if origin.fingerprint.is_some_and(|f| f != raw.fingerprint) {
        eprintln!(
            "note: {} changed since it was indexed; this is its text now",
            whole.display()
        );
    }
    raw.raw_text()
        .map_err(|e| anyhow::anyhow!("{}: {e}", whole.display()))
}

/// `fouille inspect FILE`: ingest one file and print its article.
fn inspect(args: InspectArgs) -> Result<Outcome> {
    let archive = Archive::open(&args.file)?;
    let mut found = None;
    archive.walk(|f| {
        if found.is_none() {
            found = Some(f)
        }
    })?;
    let raw = match found {
        Some(Ok(raw)) => raw,
        Some(Err(skip)) => bail!("{}: skipped: {}", skip.path, skip.reason),
        None => bail!("{}: no article found", args.file.display()),
    };
    let gazetteer = load_gazetteer(Path::new("index"))?;
    let article = ingest(&raw, &gazetteer)
        .map_err(|reason| anyhow::anyhow!("{}: skipped: {reason}", raw.path))?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &article).context("writing JSON")?;
        writeln!(out)?;
    } else {
        render::article(&mut out, &article, Style::PLAIN)?;
    }
    Ok(Outcome::Found)
}

/// `fouille facets [QUERY]`: counts per facet of the matching articles.
fn facets(dir: &Path, args: FacetsArgs) -> Result<Outcome> {
    let engine = open_or_build(dir)?;
    let mut query = Query::new(args.query.join(" "));
    query.filters = resolve(&engine, dir, &args.filters)?;
    query.limit = 1;
    query.facet_limit = usize::MAX;
    let mut results = engine.search(&query).map_err(search_error)?;
    if args.stories {
        results.facets = engine.facets_by_story(&query).map_err(search_error)?;
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(
            out,
            "{}",
            render::facets_json(&results, args.field.as_deref())
        )?;
    } else {
        let mut facets = results.facets;
        if let Some(f) = &args.field {
            facets.retain(|k, _| k == f);
        }
        render::facets(&mut out, &facets, usize::MAX, &|_, _| String::new())?;
    }
    Ok(if results.total > 0 {
        Outcome::Found
    } else {
        Outcome::Nothing
    })
}

/// `fouille timeline [QUERY]`: articles per month as a bar chart.
fn timeline(dir: &Path, args: TimelineArgs, style: Style) -> Result<Outcome> {
    let engine = open_or_build(dir)?;
    let mut query = Query::new(args.query.join(" "));
    query.filters = resolve(&engine, dir, &args.filters)?;
    let months = if args.stories {
        engine.timeline_by_story(&query)
    } else {
        engine.timeline(&query)
    }
    .map_err(search_error)?;
    let buckets = render::timeline_buckets(&months, args.yearly);
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(
            out,
            "{}",
            render::timeline_json(&query.text, args.yearly, &buckets)
        )?;
    } else {
        render::timeline(&mut out, &buckets, style)?;
    }
    Ok(if months.is_empty() {
        Outcome::Nothing
    } else {
        Outcome::Found
    })
}

/// `fouille bench QUERIES`: warm in-process latency, p50 and p99, of
/// top-10 + count, and of top-10 with snippets and facet counts.
fn bench(dir: &Path, args: BenchArgs) -> Result<Outcome> {
    let engine = Engine::open(dir)?;
    let text = std::fs::read_to_string(&args.queries)
        .with_context(|| format!("cannot read {}", args.queries.display()))?;
    let queries: Vec<Query> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(Query::new)
        .collect();
    if queries.is_empty() {
        bail!("{}: no queries", args.queries.display());
    }
    // Timings per query (rows) over the rounds; round 0 warms the caches
    // and is not counted.
    let time = |full: bool| -> Result<Vec<Vec<f64>>> {
        let mut micros = vec![Vec::with_capacity(args.rounds); queries.len()];
        for round in 0..=args.rounds {
            for (q, row) in queries.iter().zip(micros.iter_mut()) {
                let t = Instant::now();
                if full {
                    std::hint::black_box(engine.search(q).map_err(search_error)?);
                } else {
                    std::hint::black_box(engine.top_and_count(q).map_err(search_error)?);
                }
                if round > 0 {
                    row.push(t.elapsed().as_secs_f64() * 1e6);
                }
            }
        }
        Ok(micros)
    };
    let pct = |v: &[f64], p: f64| {
        let mut v = v.to_vec();
        v.sort_by(f64::total_cmp);
        v[((v.len() - 1) as f64 * p).round() as usize]
    };
    let top = time(false)?;
    let full = time(true)?;
    let (top_all, full_all) = (top.concat(), full.concat());
    let mut out = std::io::stdout().lock();
    if args.json {
        let per_query: Vec<_> = queries
            .iter()
            .zip(top.iter().zip(&full))
            .map(|(q, (t, f))| {
                serde_json::json!({"query": q.text, "top10_count_p50_us": pct(t, 0.5),
                    "snippets_facets_p50_us": pct(f, 0.5)})
            })
            .collect();
        let mut v = serde_json::json!({
            "documents": engine.num_docs(), "queries": queries.len(), "rounds": args.rounds,
            "top10_count_us": {"p50": pct(&top_all, 0.5), "p99": pct(&top_all, 0.99)},
            "snippets_facets_us": {"p50": pct(&full_all, 0.5), "p99": pct(&full_all, 0.99)},
        });
        if args.per_query {
            v["per_query"] = serde_json::Value::Array(per_query);
        }
        writeln!(out, "{v}")?;
    } else {
        writeln!(
            out,
            "{} documents, {} queries x {} rounds",
            engine.num_docs(),
            queries.len(),
            args.rounds
        )?;
        writeln!(
            out,
            "top-10 + count:             p50 {:>8.1} µs  p99 {:>8.1} µs",
            pct(&top_all, 0.5),
            pct(&top_all, 0.99)
        )?;
        writeln!(
            out,
            "top-10, snippets, facets:   p50 {:>8.1} µs  p99 {:>8.1} µs",
            pct(&full_all, 0.5),
            pct(&full_all, 0.99)
        )?;
        if args.per_query {
            writeln!(
                out,
                "\n{:>12} {:>12}  query (p50, µs)",
                "top-10", "snippets"
            )?;
            for (q, (t, f)) in queries.iter().zip(top.iter().zip(&full)) {
                writeln!(
                    out,
                    "{:>12.1} {:>12.1}  {}",
                    pct(t, 0.5),
                    pct(f, 0.5),
                    q.text
                )?;
            }
        }
    }
    Ok(Outcome::Found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn the_copies_line_says_skipped_band_keys_only_when_there_are() {
        let mut c = crate::cluster_store::CopyStats {
            stories: 2,
            articles: 5,
            crowded: 0,
        };
        assert_eq!(copies_line(&c), "copies: 5 articles in 2 clusters");
        c.crowded = 3;
        assert!(copies_line(&c).ends_with("; 3 sketch band keys shared by too many articles to compare (set phrases) were skipped"));
    }
}
