//! The tantivy index: schema, opening, and incremental updates.
//!
//! Each document is keyed by a hash of (archive, path) and carries the
//! fingerprint of its content, both as fast fields, so an update reads the
//! keys of the index once, skips unchanged documents without ingesting them,
//! and deletes documents of the archive that are gone. A commit is tantivy's
//! atomic swap of `meta.json`: a killed run leaves the last commit intact.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, RwLock};

use anyhow::{bail, Context, Result};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use tantivy::schema::{
    BytesOptions, DateOptions, DateTimePrecision, Facet, FacetOptions, Field, IndexRecordOption,
    NumericOptions, Schema, TextFieldIndexing, TextOptions, STORED, STRING,
};
use tantivy::{DateTime, Index, IndexWriter, TantivyDocument, Term};

use crate::analysis;
use crate::archive::{Archive, RawDoc, Skip};
use crate::article::{Article, DateSource, Entity};
use crate::entities::{EntityKind, Gazetteer};
use crate::ingest::ingest;
use crate::read_only::{FileAccess, ReadOnlyDirectory};

/// Version of the index layout; an index of another version must be rebuilt.
/// 3: the body field also indexes the title (as a second value).
/// 4: accents folded before stemming; compounds indexed whole too; the
/// `exact` field.
/// 5: the `sketch` of the body for near-duplicates ([`crate::cluster`]);
/// wire agencies as tags and facets.
/// 6: the `surface` field (every word as written, with positions, for
/// truncation and proximity), the `length` fast field, `author:` tags.
/// 7: no `exact` field: the second pass reads the words as typed from
/// `surface`, which holds every one of them already.
pub const FORMAT: u32 = 7;

/// Default writer memory budget, in MB, shared by the indexing threads.
pub const DEFAULT_MEMORY_MB: usize = 256;

/// The fields of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The article id (`show ID`), exact match.
    pub id: Field,
    /// Hash of (archive, path): the unique key of a document.
    pub key: Field,
    /// Hash of the archive root, to scope removals to the archive indexed.
    pub archive: Field,
    /// Hash of content + sidecar.
    pub fingerprint: Field,
    pub title: Field,
    /// The body, then the title again as a second value: a word of either
    /// is found in this one field, so a query of several words is an
    /// intersection of plain term lists, with the title only adding to the
    /// score (an intersection of title-or-body unions cost twice as much).
    /// Only the first value, the body, is read back.
    pub body: Field,
    /// The body then the title, as [`Fields::body`] holds them but with
    /// the words as written (accents folded, not stemmed), with positions:
    /// what truncation (`chrét*`) expands on, so that a prefix means the
    /// letters the reader typed, not a stem. Positions are the body
    /// field's, so one proximity query can mix both fields' terms. The
    /// second pass of ranking reads it too, to lift a match on the form
    /// the reader typed above one on another inflection ([`crate::rerank`]).
    pub surface: Field,
    /// Words in the body as a reader counts them (stop words included),
    /// for `--min-words` / `--max-words`.
    pub length: Field,
    pub published: Field,
    /// Facets: /source/…, /place/…, /org/…, /person/…, /date/YYYY/MM.
    pub facets: Field,
    /// Normalised names of every entity and alias, `kind:key`, for filters.
    pub tags: Field,
    /// Everything else of the article, as JSON, for display.
    pub meta: Field,
    /// The body's near-duplicate sketch ([`crate::cluster::Sketch`]), a fast
    /// field so that clustering reads every sketch without the doc store.
    pub sketch: Field,
}

impl Fields {
    /// Builds the schema and its field handles.
    pub fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let text = |stored: bool| {
            let idx = TextFieldIndexing::default()
                .set_tokenizer(analysis::FRENCH)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions);
            let o = TextOptions::default().set_indexing_options(idx);
            if stored {
                o.set_stored()
            } else {
                o
            }
        };
        let u64_key = NumericOptions::default().set_indexed().set_fast();
        let fields = Fields {
            id: b.add_text_field("id", STRING),
            key: b.add_u64_field("key", u64_key.clone()),
            archive: b.add_u64_field("archive", NumericOptions::default().set_fast()),
            fingerprint: b.add_u64_field("fingerprint", NumericOptions::default().set_fast()),
            title: b.add_text_field("title", text(true)),
            body: b.add_text_field("body", text(true)),
            surface: b.add_text_field(
                "surface",
                TextOptions::default().set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(analysis::SURFACE)
                        .set_index_option(IndexRecordOption::WithFreqsAndPositions),
                ),
            ),
            length: b.add_u64_field(
                LENGTH_FIELD,
                NumericOptions::default().set_indexed().set_fast(),
            ),
            published: b.add_date_field(
                "published",
                DateOptions::default()
                    .set_indexed()
                    .set_fast()
                    .set_precision(DateTimePrecision::Seconds),
            ),
            facets: b.add_facet_field("facets", FacetOptions::default()),
            tags: b.add_text_field("tags", STRING),
            meta: b.add_text_field("meta", STORED),
            sketch: b.add_bytes_field("sketch", BytesOptions::default().set_fast()),
        };
        (b.build(), fields)
    }

    /// The field handles of an opened index, or a clear error if the index
    /// was made with another layout.
    pub fn of(index: &Index, dir: &Path) -> Result<Fields> {
        let (expected, fields) = Fields::schema();
        let version = index_format(index)?;
        // Created but never committed (the first run failed or was
        // killed): an empty index of this version, not another version.
        let never_committed = version.is_none() && index.searchable_segment_metas()?.is_empty();
        if index.schema() != expected || (version != Some(FORMAT) && !never_committed) {
            bail!(
                "the index in {} was made by another version of fouille; rebuild it with \
                 `fouille index --rebuild` (or delete the folder)",
                dir.display()
            );
        }
        Ok(fields)
    }
}

/// The commit payload: what fouille records with each commit.
#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    format: u32,
}

fn index_format(index: &Index) -> Result<Option<u32>> {
    let meta = index.load_metas().context("reading the index metadata")?;
    Ok(meta
        .payload
        .as_deref()
        .and_then(|p| serde_json::from_str::<Payload>(p).ok())
        .map(|p| p.format))
}

/// Whether `dir` holds an index (a committed one or an empty created one).
pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// Opens the index in `dir` for reading, with fouille's analyzers. Nothing
/// is written, not even a lock file, so an index on a read-only mount or
/// in a folder the user cannot write answers all the same.
pub fn open(dir: &Path) -> Result<(Index, Fields)> {
    open_with(dir, FileAccess::Mapped)
}

/// Opens the index in `dir` for reading, its files read as `access` says.
pub fn open_with(dir: &Path, access: FileAccess) -> Result<(Index, Fields)> {
    if !exists(dir) {
        bail!(
            "no index in {} (build one with `fouille index [ARCHIVE]`)",
            dir.display()
        );
    }
    let directory = ReadOnlyDirectory::open_with(dir, access)
        .map_err(|e| anyhow::anyhow!("cannot open the index in {}: {e}", dir.display()))?;
    let index = Index::open(directory).map_err(|e| damaged(dir, e))?;
    analysis::register(&index);
    let fields = Fields::of(&index, dir)?;
    Ok((index, fields))
}

/// Opens the index in `dir` for writing, with fouille's analyzers.
fn open_writable(dir: &Path) -> Result<(Index, Fields)> {
    let index = Index::open_in_dir(dir).map_err(|e| damaged(dir, e))?;
    analysis::register(&index);
    let fields = Fields::of(&index, dir)?;
    Ok((index, fields))
}

/// The error for an index that tantivy cannot read: say how to recover.
/// A file the user may not read is not damage: rebuilding would not help.
pub fn damaged(dir: &Path, e: tantivy::TantivyError) -> anyhow::Error {
    if let Some(io) = io_cause(&e) {
        if io.kind() == std::io::ErrorKind::PermissionDenied {
            return anyhow::anyhow!("cannot read the index in {}: {io}", dir.display());
        }
    }
    anyhow::anyhow!(
        "the index in {} is damaged or unreadable; rebuild it with \
         `fouille index --rebuild ARCHIVE` (cause: {e})",
        dir.display()
    )
}

/// The I/O error under a tantivy error, if there is one.
fn io_cause(e: &tantivy::TantivyError) -> Option<&std::io::Error> {
    use tantivy::directory::error::{LockError, OpenReadError, OpenWriteError};
    use tantivy::TantivyError as T;
    match e {
        T::IoError(io) => Some(&**io),
        T::OpenReadError(OpenReadError::IoError { io_error, .. }) => Some(&**io_error),
        T::OpenWriteError(OpenWriteError::IoError { io_error, .. }) => Some(&**io_error),
        T::LockFailure(LockError::IoError(io), _) => Some(&**io),
        _ => None,
    }
}

/// Whether an I/O error means the folder cannot be written by this user
/// or on this mount.
fn is_write_denied(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
    )
}

/// The error for an index folder that cannot be written.
fn needs_write_access(dir: &Path, e: &std::io::Error) -> anyhow::Error {
    anyhow::anyhow!(
        "`fouille index` needs write access to {} ({e}); searching it does not",
        dir.display()
    )
}

/// Opens the index in `dir` for writing, creating it if needed. With
/// `rebuild`, an index of another version is replaced rather than refused.
fn open_or_create(dir: &Path, rebuild: bool) -> Result<(Index, Fields)> {
    std::fs::create_dir_all(dir).map_err(|e| {
        if is_write_denied(&e) {
            needs_write_access(dir, &e)
        } else {
            anyhow::anyhow!("cannot create {}: {e}", dir.display())
        }
    })?;
    if exists(dir) {
        match open_writable(dir) {
            Ok(opened) => return Ok(opened),
            Err(e) if !rebuild => return Err(e),
            Err(_) => clear_index_files(dir)?,
        }
    }
    let (schema, fields) = Fields::schema();
    let index = Index::create_in_dir(dir, schema).map_err(|e| match io_cause(&e) {
        Some(io) if is_write_denied(io) => needs_write_access(dir, io),
        _ => anyhow::anyhow!("cannot create an index in {}: {e}", dir.display()),
    })?;
    analysis::register(&index);
    Ok((index, fields))
}

/// Removes the files of an unusable index, leaving anything that is not
/// tantivy's (such as the folder's README) alone.
fn clear_index_files(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let ours = name.as_deref().is_some_and(|n| {
            n == "meta.json"
                || n == ".managed.json"
                || n.ends_with(".idx")
                || n.ends_with(".term")
                || n.ends_with(".pos")
                || n.ends_with(".store")
                || n.ends_with(".fast")
                || n.ends_with(".fieldnorm")
                || n.ends_with(".del")
                || n == crate::cluster_store::FILE
                || n == crate::cluster_store::LINKS
        });
        if ours {
            std::fs::remove_file(&path)
                .with_context(|| format!("cannot remove {}", path.display()))?;
        }
    }
    Ok(())
}

/// Options of an update.
#[derive(Debug, Clone)]
pub struct UpdateOptions {
    /// Start from an empty index instead of updating.
    pub rebuild: bool,
    /// Writer memory budget in MB.
    pub memory_mb: usize,
    /// Threads for ingestion (and tantivy's indexing).
    pub threads: usize,
    /// Show a progress bar (the caller decides: only on a terminal).
    pub progress: bool,
    /// Commit after this many new or changed documents, so a long run that
    /// is killed keeps most of its work (not during a rebuild, which must
    /// stay invisible until it is complete).
    pub commit_every: usize,
}

impl Default for UpdateOptions {
    fn default() -> Self {
        UpdateOptions {
            rebuild: false,
            memory_mb: DEFAULT_MEMORY_MB,
            threads: std::thread::available_parallelism().map_or(2, |n| n.get()),
            progress: false,
            commit_every: 50_000,
        }
    }
}

/// What an update did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub indexed: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub skipped: Vec<Skip>,
    /// The clusters of copies, when the update regrouped them.
    pub copies: Option<crate::cluster_store::CopyStats>,
}

impl Summary {
    /// Documents seen in the archives (removed ones were not seen).
    pub fn seen(&self) -> usize {
        self.indexed + self.unchanged + self.skipped.len()
    }
}

/// What the index knows of a document: its archive and fingerprint.
#[derive(Debug, Clone, Copy)]
struct Known {
    archive: u64,
    fingerprint: u64,
}

fn hash64(parts: &[&str]) -> u64 {
    let mut h = blake3::Hasher::new();
    for p in parts {
        h.update(str::as_bytes(p));
        h.update(&[0x1f]);
    }
    u64::from_le_bytes(h.finalize().as_bytes()[..8].try_into().expect("8 bytes"))
}

/// The hash an archive's documents carry in the `archive` field, from the
/// archive's key ([`crate::archive::Archive::key`]).
pub fn archive_hash(archive_key: &str) -> u64 {
    hash64(&[archive_key])
}

/// The `key` of the document read at `path` in the archive keyed
/// `archive_key`.
pub fn document_key(archive_key: &str, path: &str) -> u64 {
    hash64(&[archive_key, path])
}

/// Reads key → (archive, fingerprint) of every live document.
fn known_documents(index: &Index, dir: &Path) -> Result<HashMap<u64, Known>> {
    let reader = index.reader().map_err(|e| damaged(dir, e))?;
    let searcher = reader.searcher();
    let mut known = HashMap::with_capacity(searcher.num_docs() as usize);
    let names = ["key", "archive", "fingerprint"];
    for segment in searcher.segment_readers() {
        let ff = segment.fast_fields();
        let cols: Vec<_> = names
            .iter()
            .map(|n| ff.u64(n).with_context(|| format!("fast field {n}")))
            .collect::<Result<_>>()?;
        for doc in segment.doc_ids_alive() {
            let v: Vec<u64> = cols.iter().map(|c| c.first(doc).unwrap_or(0)).collect();
            known.insert(
                v[0],
                Known {
                    archive: v[1],
                    fingerprint: v[2],
                },
            );
        }
    }
    Ok(known)
}

/// A gazetteer loaded on first need, so that a run where nothing changed
/// never pays for loading it.
pub struct LazyGazetteer<'a> {
    load: &'a (dyn Fn() -> Result<Gazetteer> + Sync),
    /// The outcome of the one load (an error is kept too, not retried).
    cell: std::sync::OnceLock<std::result::Result<Gazetteer, String>>,
}

impl<'a> LazyGazetteer<'a> {
    pub fn new(load: &'a (dyn Fn() -> Result<Gazetteer> + Sync)) -> Self {
        LazyGazetteer {
            load,
            cell: std::sync::OnceLock::new(),
        }
    }

    /// The gazetteer, loading it the first time.
    pub fn get(&self) -> Result<&Gazetteer> {
        self.cell
            .get_or_init(|| (self.load)().map_err(|e| format!("{e:#}")))
            .as_ref()
            .map_err(|e| anyhow::anyhow!("{e}"))
    }
}

/// Brings the index in `dir` up to date with `archives`. `load_gazetteer`
/// is called only if some document needs ingesting.
pub fn update(
    dir: &Path,
    archives: &[PathBuf],
    load_gazetteer: &(dyn Fn() -> Result<Gazetteer> + Sync),
    opts: &UpdateOptions,
) -> Result<Summary> {
    let gazetteer = &LazyGazetteer::new(load_gazetteer);
    let archives: Vec<Archive> = archives
        .iter()
        .map(|p| Archive::open(p))
        .collect::<Result<_>>()?;
    let (index, fields) = open_or_create(dir, opts.rebuild)?;
    let threads = opts.threads.max(1);
    let budget = (opts.memory_mb.max(15 * threads)) * 1024 * 1024;
    let writer: IndexWriter = index
        .writer_with_num_threads(threads, budget)
        .map_err(|e| writer_error(dir, e))?;
    // The lock file is left behind by design: tantivy's lock is an OS lock
    // on it, released when the process dies, so a stale file never blocks.
    //
    // Files that no commit references (the segments of a run that failed
    // on a full disk or was killed) go first: otherwise a full disk stays
    // full when the next run finds nothing to do. Housekeeping only: if it
    // fails, the files wait for the next run.
    let _ = writer.garbage_collect_files().wait();
    let known = if opts.rebuild {
        writer.delete_all_documents()?;
        HashMap::new()
    } else {
        known_documents(&index, dir)?
    };

    // Counting first costs a walk of the folder: only for a person watching.
    let total = if opts.progress {
        archives.iter().map(Archive::expected).sum::<Option<u64>>()
    } else {
        None
    };
    let progress = progress_bar(opts.progress, total);
    let commit_every = (!opts.rebuild).then_some(opts.commit_every.max(1));
    let writer = RwLock::new(writer);
    let written = (|| -> Result<Summary> {
        let mut summary = Summary::default();
        for archive in &archives {
            let ctx = Run {
                writer: &writer,
                fields: &fields,
                known: &known,
                gazetteer,
                threads,
                progress: &progress,
                commit_every,
            };
            let s = update_archive(archive, &ctx)?;
            summary.indexed += s.indexed;
            summary.unchanged += s.unchanged;
            summary.removed += s.removed;
            summary.skipped.extend(s.skipped);
        }
        Ok(summary)
    })();
    progress.finish_and_clear();
    let mut writer = writer.into_inner().expect("writer lock");
    let summary = match written {
        Ok(summary) => summary,
        Err(e) => return Err(abandon(writer, dir, e)),
    };

    // Nothing changed: leave the index exactly as it was (no commit, no merge).
    if summary.indexed == 0 && summary.removed == 0 && !opts.rebuild && exists_committed(&index) {
        writer.rollback().ok();
        // A run killed between its commit and its clusters left them stale.
        let copies = crate::cluster_store::refresh_if_stale(&index, dir)?;
        return Ok(Summary { copies, ..summary });
    }
    if let Err(e) = commit(&mut writer) {
        return Err(abandon(writer, dir, e));
    }
    writer
        .wait_merging_threads()
        .map_err(|e| explain_write_failure(dir, anyhow::Error::from(e)))
        .context("waiting for segment merges")?;
    let copies = Some(crate::cluster_store::refresh(&index, dir)?);
    Ok(Summary { copies, ..summary })
}

/// Gives up a run that failed while writing: finds the error behind a
/// dead indexing thread, goes back to the last commit (which still
/// answers), and removes the files only the failed run wrote, so that a
/// full disk is not left full.
fn abandon(mut writer: IndexWriter, dir: &Path, e: anyhow::Error) -> anyhow::Error {
    let mut err = e;
    // Adding a document only learns that a worker thread died ("an index
    // writer was killed"); joining the workers, as preparing a commit
    // does, returns the error that killed it. Nothing is committed.
    if thread_died(&err) {
        if let Err(cause) = writer.prepare_commit() {
            err = anyhow::Error::from(cause);
        }
    }
    let _ = writer.rollback();
    let _ = writer.garbage_collect_files().wait();
    explain_write_failure(dir, err)
}

/// Keeps the first failure of a run, unless it only said that a thread
/// died and `e` says why (a commit joins the threads and learns it).
fn record(failure: &Mutex<Option<anyhow::Error>>, e: anyhow::Error) {
    let mut slot = failure.lock().expect("lock");
    match &*slot {
        Some(first) if !thread_died(first) || thread_died(&e) => {}
        _ => *slot = Some(e),
    }
}

/// The OS error named in `text`. Tantivy turns some I/O errors into text
/// (its store and fast-field writers do); Rust writes an OS error as
/// "… (os error N)", from which the error and its kind come back.
fn os_error_in(text: &str) -> Option<std::io::Error> {
    let (_, rest) = text.rsplit_once("(os error ")?;
    let code = rest.split(')').next()?.parse().ok()?;
    Some(std::io::Error::from_raw_os_error(code))
}

/// Whether `e` only says that one of tantivy's threads stopped.
fn thread_died(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        matches!(
            c.downcast_ref::<tantivy::TantivyError>(),
            Some(tantivy::TantivyError::ErrorInThread(_))
        )
    })
}

/// Names the I/O error under a failed write, with the index folder: "no
/// space left on device" says what to do, "an index writer was killed"
/// does not.
fn explain_write_failure(dir: &Path, e: anyhow::Error) -> anyhow::Error {
    let io = e.chain().find_map(|c| {
        let io = c
            .downcast_ref::<std::io::Error>()
            .or_else(|| c.downcast_ref::<tantivy::TantivyError>().and_then(io_cause));
        match io {
            Some(io) => io.raw_os_error().map(std::io::Error::from_raw_os_error),
            None => os_error_in(&c.to_string()),
        }
    });
    let Some(io) = &io else {
        return e;
    };
    let full = matches!(
        io.kind(),
        std::io::ErrorKind::StorageFull
            | std::io::ErrorKind::QuotaExceeded
            | std::io::ErrorKind::FileTooLarge
    );
    if full {
        let remedy = if io.kind() == std::io::ErrorKind::FileTooLarge {
            "raise the file-size limit (`ulimit -f`)"
        } else {
            "free some space"
        };
        anyhow::anyhow!(
            "cannot write the index in {}: {io}; the index answers as of its last \
             commit ({remedy} and run `fouille index` again)",
            dir.display()
        )
    } else if is_write_denied(io) {
        needs_write_access(dir, io)
    } else {
        anyhow::anyhow!("cannot write the index in {}: {io}", dir.display())
    }
}

/// Commits what was added and deleted so far, recording the index format.
fn commit(writer: &mut IndexWriter) -> Result<()> {
    let mut prepared = writer.prepare_commit().context("preparing the commit")?;
    prepared.set_payload(&serde_json::to_string(&Payload { format: FORMAT })?);
    prepared.commit().context("committing the index")?;
    Ok(())
}

fn exists_committed(index: &Index) -> bool {
    index_format(index).ok().flatten().is_some()
}

fn writer_error(dir: &Path, e: tantivy::TantivyError) -> anyhow::Error {
    if let tantivy::TantivyError::LockFailure(tantivy::directory::error::LockError::LockBusy, _) = e
    {
        anyhow::anyhow!(
            "another fouille is writing to the index in {} (it holds the lock {}); \
             wait for it to finish",
            dir.display(),
            dir.join(".tantivy-writer.lock").display()
        )
    } else if let Some(io) = io_cause(&e).filter(|io| is_write_denied(io)) {
        needs_write_access(dir, io)
    } else {
        anyhow::anyhow!("cannot write to the index in {}: {e}", dir.display())
    }
}

/// Progress for people: a bar with percent and time left when the number
/// of documents is known beforehand, else a spinner; either way the rate
/// as a whole number ("18,400 docs/s").
fn progress_bar(show: bool, total: Option<u64>) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let (bar, template) = match total {
        Some(n) => (
            indicatif::ProgressBar::new(n),
            "{bar:30} {percent:>3}% {pos_sep}/{len_sep} documents · {rate} · {eta} left {msg}",
        ),
        None => (
            indicatif::ProgressBar::new_spinner(),
            "{spinner} {elapsed_precise} {pos_sep} documents · {rate} {msg}",
        ),
    };
    let style = indicatif::ProgressStyle::with_template(template)
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner())
        .with_key(
            "rate",
            |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{} docs/s", thousands(s.per_sec().round() as u64));
            },
        )
        .with_key(
            "pos_sep",
            |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{}", thousands(s.pos()));
            },
        )
        .with_key(
            "len_sep",
            |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{}", thousands(s.len().unwrap_or(0)));
            },
        );
    bar.set_style(style);
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// `18400` as `18,400`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What updating one archive needs from the run.
struct Run<'a> {
    /// Workers add under the read lock; an intermediate commit takes the
    /// write lock, which waits for the adds in flight.
    writer: &'a RwLock<IndexWriter>,
    fields: &'a Fields,
    known: &'a HashMap<u64, Known>,
    gazetteer: &'a LazyGazetteer<'a>,
    threads: usize,
    progress: &'a indicatif::ProgressBar,
    commit_every: Option<usize>,
}

/// Updates the documents of one archive.
fn update_archive(archive: &Archive, ctx: &Run) -> Result<Summary> {
    let Run {
        writer,
        fields,
        known,
        gazetteer,
        threads,
        progress,
        commit_every,
    } = *ctx;
    let archive_key = archive.key();
    let archive_hash = self::archive_hash(&archive_key);
    let root = archive.root.to_string_lossy();
    let root: &str = &root;
    let indexed = AtomicUsize::new(0);
    let skipped = Mutex::new(Vec::new());
    let failure: Mutex<Option<anyhow::Error>> = Mutex::new(None);
    let mut unchanged = 0usize;
    let mut sent = 0usize;
    let mut seen: Vec<u64> = Vec::new();

    std::thread::scope(|scope| -> Result<()> {
        let (tx, rx) = crossbeam_channel::bounded::<(RawDoc, u64, bool)>(threads * 64);
        for _ in 0..threads {
            let rx = rx.clone();
            let (indexed, skipped, failure) = (&indexed, &skipped, &failure);
            scope.spawn(move || {
                for (raw, key, replaces) in rx.iter() {
                    // The walker loaded it before sending anything.
                    let Ok(gazetteer) = gazetteer.get() else {
                        return;
                    };
                    match ingest(&raw, gazetteer) {
                        Ok(article) => {
                            let doc = to_document(
                                &article,
                                fields,
                                key,
                                archive_hash,
                                raw.fingerprint,
                                root,
                                &|k, n| gazetteer.aliases(k, n),
                            );
                            let w = writer.read().expect("writer lock");
                            // Only a changed document has an old version to
                            // delete: tantivy keeps every delete in memory
                            // until the commit: needless ones cost 140 MB of peak
                            // memory at 108k documents, and grew without bound.
                            if replaces {
                                w.delete_term(Term::from_field_u64(fields.key, key));
                            }
                            if let Err(e) = w.add_document(doc) {
                                record(
                                    failure,
                                    anyhow::Error::from(e)
                                        .context("adding a document to the index"),
                                );
                                return;
                            }
                            indexed.fetch_add(1, Ordering::Relaxed);
                        }
                        Err(reason) => skipped.lock().expect("lock").push(Skip {
                            path: raw.path.clone(),
                            reason,
                        }),
                    }
                    progress.inc(1);
                }
            });
        }
        drop(rx);
        let walked = archive.walk(|found| match found {
            Ok(raw) => {
                let key = document_key(&archive_key, &raw.path);
                seen.push(key);
                match known.get(&key) {
                    Some(k) if k.fingerprint == raw.fingerprint => {
                        unchanged += 1;
                        progress.inc(1);
                    }
                    old => {
                        // After a failure, nothing more is sent or committed.
                        if failure.lock().expect("lock").is_some() {
                            return;
                        }
                        if let Err(e) = gazetteer.get() {
                            record(&failure, e);
                            return;
                        }
                        // A send fails only when every worker stopped on an
                        // error, which is reported below.
                        let _ = tx.send((raw, key, old.is_some()));
                        sent += 1;
                        if commit_every.is_some_and(|n| sent % n == 0) {
                            let mut w = writer.write().expect("writer lock");
                            if let Err(e) = commit(&mut w) {
                                record(&failure, e);
                            }
                        }
                    }
                }
            }
            Err(skip) => {
                progress.inc(1);
                skipped.lock().expect("lock").push(skip);
            }
        });
        drop(tx);
        walked
    })?;
    if let Some(e) = failure.into_inner().expect("lock") {
        return Err(e);
    }

    // Documents of this archive that were not seen are gone from it.
    let mut removed = 0;
    if archive.is_complete() {
        let seen: std::collections::HashSet<u64> = seen.into_iter().collect();
        for (key, k) in known {
            if k.archive == archive_hash && !seen.contains(key) {
                let w = writer.read().expect("writer lock");
                w.delete_term(Term::from_field_u64(fields.key, *key));
                removed += 1;
            }
        }
    }
    let mut skipped = skipped.into_inner().expect("lock");
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Summary {
        indexed: indexed.into_inner(),
        unchanged,
        removed,
        skipped,
        copies: None,
    })
}

/// The stored part of an article that is not its title or body.
#[derive(Serialize)]
struct StoredMeta<'a> {
    id: &'a str,
    path: &'a str,
    /// The archive's root, so `show --raw` can read the article again
    /// (storing the raw text would double the index).
    root: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: &'a Option<String>,
    published: Option<NaiveDate>,
    /// Which signal gave the date, for `show`/`search --json`; an index
    /// written before it was stored reads it as absent (no format change).
    #[serde(skip_serializing_if = "Option::is_none")]
    published_from: Option<DateSource>,
    source: &'a Option<String>,
    authors: &'a [String],
    wire_sources: &'a [String],
    places: &'a [Entity],
    organisations: &'a [Entity],
    people: &'a [Entity],
}

/// Normalised form of a name for exact filtering: case, accents and
/// punctuation do not count.
pub fn tag_key(name: &str) -> String {
    crate::entities::normalise(name)
}

/// The tag by which a query word widens to the articles naming an entity
/// under another of its declared names (`Palmyre` finds an article that
/// says Tadmor): `alias:` and the name folded (case, accents, spaces and
/// hyphens aside). `None` for a name with no letter or digit.
pub fn alias_tag(name: &str) -> Option<String> {
    let key = crate::entities::fold(name);
    (!key.is_empty()).then(|| format!("alias:{key}"))
}

/// Kind prefixes of tags and facets.
pub const SOURCE: &str = "source";
pub const PLACE: &str = "place";
pub const ORG: &str = "org";
pub const PERSON: &str = "person";
pub const WIRE: &str = "wire";
pub const AUTHOR: &str = "author";

/// Name of the fast field of body lengths in words ([`Fields::length`]).
pub const LENGTH_FIELD: &str = "length";

/// The keys an article is tagged with for `author:`: each author's whole
/// name and each word of it, so that `author:dupont` finds Jean Dupont as
/// a byline search by surname does in the press databases.
pub fn author_keys(authors: &[String]) -> Vec<String> {
    let mut keys = Vec::new();
    for name in authors {
        // The key of a name joins its words: each word gets its own.
        let words = name
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 1);
        keys.extend(
            std::iter::once(name.as_str())
                .chain(words)
                .map(tag_key)
                .filter(|k| !k.is_empty()),
        );
    }
    keys.sort();
    keys.dedup();
    keys
}

/// Converts an article to a tantivy document.
/// `aliases` gives the other known names of an entity (from the
/// gazetteer): they are tagged too, so a filter or a query word naming any
/// of them finds the article without loading the gazetteer at query time.
fn to_document(
    a: &Article,
    f: &Fields,
    key: u64,
    archive: u64,
    fingerprint: u64,
    root: &str,
    aliases: &dyn Fn(EntityKind, &str) -> Vec<String>,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, &a.id);
    doc.add_u64(f.key, key);
    doc.add_u64(f.archive, archive);
    doc.add_u64(f.fingerprint, fingerprint);
    doc.add_text(f.title, &a.title);
    doc.add_text(f.body, &a.body);
    doc.add_text(f.surface, &a.body);
    doc.add_u64(f.length, analysis::word_count(&a.body));
    if !a.title.is_empty() {
        doc.add_text(f.body, &a.title);
        // In the body field's order, so that positions agree.
        doc.add_text(f.surface, &a.title);
    }
    for key in author_keys(&a.authors) {
        doc.add_text(f.tags, format!("{AUTHOR}:{key}"));
    }
    if let Some(d) = a.published {
        doc.add_date(f.published, to_datetime(d));
        doc.add_facet(
            f.facets,
            Facet::from_path([
                "date".to_string(),
                format!("{:04}", d.year()),
                format!("{:02}", d.month()),
            ]),
        );
    }
    if let Some(sketch) = crate::cluster::sketch(&a.body) {
        doc.add_bytes(f.sketch, &sketch.encode());
    }
    for w in &a.wire_sources {
        doc.add_facet(f.facets, Facet::from_path([WIRE, w.as_str()]));
        doc.add_text(f.tags, format!("{WIRE}:{}", tag_key(w)));
    }
    if let Some(s) = &a.source {
        doc.add_facet(f.facets, Facet::from_path([SOURCE, s.as_str()]));
        doc.add_text(f.tags, format!("{SOURCE}:{}", tag_key(s)));
    }
    for (kind, entity_kind, list) in [
        (PLACE, EntityKind::Place, &a.places),
        (ORG, EntityKind::Organisation, &a.organisations),
        (PERSON, EntityKind::Person, &a.people),
    ] {
        for e in list {
            doc.add_facet(f.facets, Facet::from_path([kind, e.name.as_str()]));
            let known = aliases(entity_kind, &e.name);
            let mut keys: Vec<String> = std::iter::once(&e.name)
                .chain(&e.mentions)
                .chain(&known)
                .map(|n| tag_key(n))
                .filter(|k| !k.is_empty())
                .collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                doc.add_text(f.tags, format!("{kind}:{k}"));
            }
            // Query words widen only through declared names (the canonical
            // one and the gazetteer's aliases), and only to an article that
            // names the entity by one of them: a mention the finder matched
            // by a looser spelling key (`Elise` for `Élysée`) widens nothing.
            let declared: Vec<String> = std::iter::once(&e.name)
                .chain(&known)
                .filter_map(|n| alias_tag(n))
                .collect();
            let named = e
                .mentions
                .iter()
                .filter_map(|m| alias_tag(m))
                .any(|m| declared.contains(&m));
            let mut declared = declared;
            declared.sort();
            declared.dedup();
            // A name with no other declared name widens nothing: the
            // article says the word the query types. Its tag would only take
            // the query off its fast path (`Guerre`, a name guessed in a
            // novel, would slow down every search for `guerre`).
            if named && declared.len() > 1 {
                for tag in declared {
                    doc.add_text(f.tags, tag);
                }
            }
        }
    }
    let meta = StoredMeta {
        id: &a.id,
        path: &a.path,
        root,
        url: &a.url,
        published: a.published,
        published_from: a.published_from,
        source: &a.source,
        authors: &a.authors,
        wire_sources: &a.wire_sources,
        places: &a.places,
        organisations: &a.organisations,
        people: &a.people,
    };
    doc.add_text(f.meta, serde_json::to_string(&meta).unwrap_or_default());
    doc
}

/// Midnight UTC of a date, as tantivy stores it. tantivy counts
/// nanoseconds in an i64 (years 1677 to 2262): dates beyond saturate to its
/// ends, so `--from 3000-01-01` matches nothing instead of wrapping around
/// to match everything (the fuzzer found the overflow).
pub fn to_datetime(d: NaiveDate) -> DateTime {
    let secs = d
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp())
        .unwrap_or_default();
    match secs.checked_mul(1_000_000_000) {
        Some(nanos) => DateTime::from_timestamp_nanos(nanos),
        None if secs < 0 => DateTime::MIN,
        None => DateTime::MAX,
    }
}

/// The stored values of a document, read straight from the doc store.
///
/// Every stored field is text, so each value is decoded once into its own
/// `String` and moved into the [`Article`]: going through tantivy's generic
/// document copied every body twice more, a tenth of a search with snippets.
#[derive(Debug, Default)]
pub struct Stored(Vec<(Field, String)>);

impl tantivy::schema::document::DocumentDeserialize for Stored {
    fn deserialize<'de, D>(mut de: D) -> Result<Self, tantivy::schema::document::DeserializeError>
    where
        D: tantivy::schema::document::DocumentDeserializer<'de>,
    {
        let mut values = Vec::with_capacity(de.size_hint());
        while let Some(value) = de.next_field::<String>()? {
            values.push(value);
        }
        Ok(Stored(values))
    }
}

impl Stored {
    /// A copy on an "also in" line: id, outlet and date from the stored
    /// metadata alone, without decoding the rest of the article.
    pub fn into_copy(self, f: &Fields) -> crate::collapse::Copy {
        #[derive(serde::Deserialize, Default)]
        #[serde(default)]
        struct Meta {
            id: String,
            source: Option<String>,
            published: Option<NaiveDate>,
        }
        let meta: Meta = self
            .0
            .into_iter()
            .find(|(field, _)| *field == f.meta)
            .and_then(|(_, m)| serde_json::from_str(&m).ok())
            .unwrap_or_default();
        crate::collapse::Copy {
            id: meta.id,
            source: meta.source,
            published: meta.published,
        }
    }

    /// The article as a list of results shows it: as [`Stored::into_article`]
    /// but its entities by name only. Their mentions are most of the stored
    /// metadata, and skipping them unread rather than building a string
    /// for each halves the cost of reading a hit.
    pub fn into_listed(self, f: &Fields) -> Article {
        #[derive(Deserialize)]
        struct Named {
            name: String,
        }
        #[derive(Deserialize, Default)]
        #[serde(default)]
        struct Listed {
            id: String,
            path: String,
            url: Option<String>,
            published: Option<NaiveDate>,
            published_from: Option<DateSource>,
            source: Option<String>,
            authors: Vec<String>,
            wire_sources: Vec<String>,
            places: Vec<Named>,
            organisations: Vec<Named>,
            people: Vec<Named>,
        }
        let entities = |list: Vec<Named>| -> Vec<Entity> {
            list.into_iter()
                .map(|n| Entity {
                    name: n.name,
                    mentions: Vec::new(),
                })
                .collect()
        };
        let (title, body, meta) = self.parts(f);
        let l: Listed = meta
            .and_then(|m| serde_json::from_str(&m).ok())
            .unwrap_or_default();
        Article {
            id: l.id,
            path: l.path,
            url: l.url,
            title: title.unwrap_or_default(),
            body: body.unwrap_or_default(),
            published: l.published,
            published_from: l.published_from,
            source: l.source,
            authors: l.authors,
            wire_sources: l.wire_sources,
            places: entities(l.places),
            organisations: entities(l.organisations),
            people: entities(l.people),
        }
    }

    /// The first title, body and metadata values (the body's second value
    /// is the title again, for matching).
    fn parts(self, f: &Fields) -> (Option<String>, Option<String>, Option<String>) {
        let (mut title, mut body, mut meta) = (None, None, None);
        for (field, value) in self.0 {
            let slot = match field {
                _ if field == f.title => &mut title,
                _ if field == f.body => &mut body,
                _ if field == f.meta => &mut meta,
                _ => continue,
            };
            slot.get_or_insert(value);
        }
        (title, body, meta)
    }

    /// The article, from its metadata and the first title and body values.
    pub fn into_article(self, f: &Fields) -> Article {
        let (title, body, meta) = self.parts(f);
        let mut a: Article = meta
            .and_then(|m| serde_json::from_str(&m).ok())
            .unwrap_or_default();
        a.title = title.unwrap_or_default();
        a.body = body.unwrap_or_default();
        a
    }

    /// Where the article was read: its archive's root and its path there.
    pub fn origin(&self, f: &Fields) -> Option<(String, String)> {
        #[derive(Deserialize)]
        struct Where {
            root: String,
            path: String,
        }
        let (_, meta) = self.0.iter().find(|(field, _)| *field == f.meta)?;
        let w: Where = serde_json::from_str(meta).ok()?;
        Some((w.root, w.path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_whole_numbers_with_thousands_separators() {
        assert_eq!(thousands(18_400), "18,400");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(0), "0");
    }

    #[test]
    fn os_errors_come_back_from_their_text() {
        let e = os_error_in("Internal error: 'No space left on device (os error 28)'").unwrap();
        assert_eq!(e.kind(), std::io::ErrorKind::StorageFull);
        assert!(os_error_in("An index writer was killed.").is_none());
        let full = explain_write_failure(
            Path::new("/mnt/ix"),
            anyhow::Error::from(tantivy::TantivyError::InternalError(
                "No space left on device (os error 28)".into(),
            )),
        )
        .to_string();
        assert!(
            full.contains("/mnt/ix") && full.contains("No space left on device"),
            "{full}"
        );
    }

    #[test]
    fn dates_beyond_tantivy_range_saturate() {
        // Found by fuzzing the query filters: `--from 3000-01-01` overflowed
        // (a panic with overflow checks, a wrapped bound matching all without).
        let far = |y| to_datetime(NaiveDate::from_ymd_opt(y, 1, 1).expect("date"));
        assert_eq!(far(3000), DateTime::MAX);
        assert_eq!(far(-3000), DateTime::MIN);
        assert_eq!(far(1970).into_timestamp_secs(), 0);
        assert!(far(2017) < far(2262) && far(2262) < far(2263));
    }

    #[test]
    fn only_an_entity_named_by_a_declared_name_widens_query_words() {
        let (schema, f) = Fields::schema();
        let index = Index::create_in_ram(schema);
        analysis::register(&index);
        let entity = |mention: &str| Entity {
            name: "Élysée".into(),
            mentions: vec![mention.into()],
        };
        // The finder matched a look-alike spelling: no alias tag.
        let guessed = Article {
            organisations: vec![entity("Elise")],
            ..Default::default()
        };
        // The text says a declared name: every declared name is a tag.
        let named = Article {
            organisations: vec![entity("palais de l'Elysée")],
            ..Default::default()
        };
        let aliases = |_: EntityKind, _: &str| vec!["Palais de l'Élysée".to_string()];
        let tags = |a: &Article| -> Vec<String> {
            let doc = to_document(a, &f, 1, 2, 3, "/archive", &aliases);
            doc.get_all(f.tags)
                .filter_map(|v| tantivy::schema::Value::as_str(&v).map(str::to_string))
                .filter(|t| t.starts_with("alias:"))
                .collect()
        };
        assert!(tags(&guessed).is_empty(), "{:?}", tags(&guessed));
        assert_eq!(tags(&named), ["alias:elysee", "alias:palaisdelelysee"]);
        // A name with no other: the query's word is the article's word.
        let alone = Article {
            people: vec![Entity {
                name: "Guerre".into(),
                mentions: vec!["Guerre".into()],
            }],
            ..Default::default()
        };
        let none = |_: EntityKind, _: &str| Vec::new();
        let doc = to_document(&alone, &f, 1, 2, 3, "/archive", &none);
        assert!(!doc
            .get_all(f.tags)
            .filter_map(|v| tantivy::schema::Value::as_str(&v).map(str::to_string))
            .any(|t| t.starts_with("alias:")));
    }

    #[test]
    fn stored_article_round_trips() {
        let (schema, f) = Fields::schema();
        let index = Index::create_in_ram(schema);
        analysis::register(&index);
        let a = Article {
            id: "x".into(),
            path: "x.txt".into(),
            title: "Titre".into(),
            body: "Corps".into(),
            published: NaiveDate::from_ymd_opt(2017, 10, 1),
            published_from: Some(DateSource::VisibleLine),
            source: Some("L'Expression".into()),
            places: vec![Entity {
                name: "Palmyre".into(),
                mentions: vec!["Tadmor".into()],
            }],
            ..Default::default()
        };
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer
            .add_document(to_document(&a, &f, 1, 2, 3, "/archive", &|_, _| vec![]))
            .unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let stored: Stored = searcher.doc(tantivy::DocAddress::new(0, 0)).unwrap();
        let origin = stored.origin(&f);
        assert_eq!(origin, Some(("/archive".into(), "x.txt".into())));
        assert_eq!(stored.into_article(&f), a);
        // The title is found in the body field too, for matching.
        let term = Term::from_field_text(f.body, "titr");
        assert_eq!(searcher.doc_freq(&term).unwrap(), 1);
    }

    #[test]
    fn authors_are_found_by_whole_name_or_by_one_word() {
        let keys = author_keys(&["Jean René Belliard".into(), "R. I.".into()]);
        for typed in ["Jean René Belliard", "Belliard", "rene", "R. I."] {
            assert!(keys.contains(&tag_key(typed)), "{typed}: {keys:?}");
        }
        // Initials alone are no surname.
        assert!(!keys.contains(&tag_key("R")), "{keys:?}");
    }
}
