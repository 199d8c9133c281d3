//! The command line: argument parsing, one function per subcommand, and the
//! single place where errors become exit code 2.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};

use crate::archive::Archive;
use crate::entities::Gazetteer;
use crate::ingest::ingest;

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
    long_about = "fouille ingests a folder of scraped articles (text or HTML, or JSON Lines), \
removes the site chrome, extracts title, date, outlet, authors and entities, and indexes \
them with a French analysis chain.\n\nExit codes: 0 hits found, 1 no hits, 2 error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run ingestion on one file without indexing and print the article.
    Inspect(InspectArgs),
}

#[derive(clap::Args, Debug)]
struct InspectArgs {
    /// The article file (text or HTML).
    file: PathBuf,
    /// Print the article as one JSON object.
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
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn try_main() -> Result<Outcome> {
    let cli = Cli::parse();
    match cli.command {
        Command::Inspect(args) => inspect(args),
    }
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
        Some(Err(skip)) => anyhow::bail!("{}: skipped: {}", skip.path, skip.reason),
        None => anyhow::bail!("{}: no article found", args.file.display()),
    };
    let gazetteer = Gazetteer::bundled();
    let article = ingest(&raw, &gazetteer)
        .map_err(|reason| anyhow::anyhow!("{}: skipped: {reason}", raw.path))?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &article).context("writing JSON")?;
        writeln!(out)?;
    } else {
        writeln!(out, "title:     {}", article.title)?;
        writeln!(
            out,
            "published: {}",
            article
                .published
                .map(|d| d.to_string())
                .unwrap_or_else(|| "-".into())
        )?;
        writeln!(
            out,
            "source:    {}",
            article.source.as_deref().unwrap_or("-")
        )?;
        writeln!(out, "authors:   {}", article.authors.join(", "))?;
        writeln!(out, "agencies:  {}", article.wire_sources.join(", "))?;
        for (label, list) in [
            ("places", &article.places),
            ("orgs", &article.organisations),
            ("people", &article.people),
        ] {
            let names: Vec<&str> = list.iter().map(|e| e.name.as_str()).collect();
            writeln!(out, "{label:<10} {}", names.join(", "))?;
        }
        writeln!(out, "\n{}", article.body)?;
    }
    Ok(Outcome::Found)
}
