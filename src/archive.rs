//! Discovering the documents of an archive: a folder of files (with an
//! optional `manifest.jsonl` sidecar), or a JSON Lines file of records
//! (optionally zstd-compressed).
//!
//! Every document found is either a [`RawDoc`] or a [`Skip`] with its
//! reason, so a run can account for every input.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Deserialize;

/// Largest single document read; bigger files are skipped with a reason so
/// that memory stays bounded.
pub const MAX_DOC_BYTES: u64 = 32 * 1024 * 1024;

/// The name of the sidecar file carrying crawl metadata in a folder archive.
pub const MANIFEST: &str = "manifest.jsonl";

/// Crawl metadata for one document, from a manifest line or a JSON Lines
/// record. Its values win over anything inferred from the text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Sidecar {
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub authors: Option<Vec<String>>,
}

/// The content of a document as found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Bytes of a file, to be decoded; `html` when the name says so.
    Bytes { data: Vec<u8>, html: bool },
    /// A JSON Lines record, still unparsed: parsing waits until the
    /// fingerprint says the record changed, and happens on a worker thread.
    Record { line: Vec<u8>, number: usize },
}

/// A document found in an archive, not yet ingested.
#[derive(Debug, Clone)]
pub struct RawDoc {
    /// Path relative to the archive root; `FILE#N` for a JSON Lines record.
    pub path: String,
    /// The record's own id, if it has one.
    pub id: Option<String>,
    pub content: Content,
    pub sidecar: Sidecar,
    /// Hash of the content and the sidecar: unchanged means nothing to do.
    pub fingerprint: u64,
}

impl RawDoc {
    /// The article as it was read from the archive: the file's decoded
    /// text, or the JSON Lines record's text (or HTML).
    pub fn raw_text(&self) -> std::result::Result<String, String> {
        match &self.content {
            Content::Bytes { data, .. } => crate::decode::decode(data)
                .map(|d| d.text)
                .map_err(|e| e.to_string()),
            Content::Record { line, number } => Record::parse(line, *number).map(|r| r.content.0),
        }
    }
}

/// A document that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    pub path: String,
    pub reason: String,
}

/// One thing found while walking an archive.
pub type Found = std::result::Result<RawDoc, Skip>;

/// An archive: a folder, a JSON Lines file, or a single article file.
#[derive(Debug, Clone)]
pub struct Archive {
    /// Canonical path of the folder or file; identifies the archive in the index.
    pub root: PathBuf,
    kind: ArchiveKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ArchiveKind {
    Folder,
    JsonLines,
    SingleFile,
}

impl Archive {
    /// Opens the archive at `path`.
    pub fn open(path: &Path) -> Result<Archive> {
        let meta =
            std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
        let root = std::fs::canonicalize(path)
            .with_context(|| format!("cannot resolve {}", path.display()))?;
        let kind = if meta.is_dir() {
            ArchiveKind::Folder
        } else if is_json_lines(path) {
            ArchiveKind::JsonLines
        } else {
            ArchiveKind::SingleFile
        };
        Ok(Archive { root, kind })
    }

    /// The key under which this archive's documents are recorded in the
    /// index. A single file is keyed by its folder, so that indexing it alone
    /// updates the same document as indexing its folder did.
    pub fn key(&self) -> String {
        match self.kind {
            ArchiveKind::SingleFile => self
                .root
                .parent()
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_default(),
            _ => self.root.to_string_lossy().into_owned(),
        }
    }

    /// Whether a document of this archive that was not seen should be
    /// removed from the index: true for folders and JSON Lines files, false
    /// for a single file, which says nothing about its neighbours.
    pub fn is_complete(&self) -> bool {
        self.kind != ArchiveKind::SingleFile
    }

    /// How many documents a walk will find, where that is cheap to know
    /// beforehand (for a progress bar): a folder's files, a JSON Lines
    /// file's lines. `None` for a compressed file, or a folder holding one
    /// (counting would mean decompressing it twice).
    pub fn expected(&self) -> Option<u64> {
        match self.kind {
            ArchiveKind::SingleFile => Some(1),
            ArchiveKind::JsonLines => count_lines(&self.root),
            ArchiveKind::Folder => {
                let mut files = 0;
                let walker = walkdir::WalkDir::new(&self.root)
                    .follow_links(true)
                    .into_iter()
                    .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
                for entry in walker.flatten() {
                    if !entry.file_type().is_file() || entry.file_name() == MANIFEST {
                        continue;
                    }
                    if is_json_lines(entry.path()) {
                        files += count_lines(entry.path())?;
                    } else {
                        files += 1;
                    }
                }
                Some(files)
            }
        }
    }

    /// Walks the archive, calling `f` on every document or skip, in a stable order.
    pub fn walk(&self, mut f: impl FnMut(Found)) -> Result<()> {
        match self.kind {
            ArchiveKind::JsonLines => {
                let name = file_name(&self.root);
                read_json_lines(&self.root, &name, &mut f)
            }
            ArchiveKind::SingleFile => {
                let name = file_name(&self.root);
                f(read_file(&self.root, name, Sidecar::default()));
                Ok(())
            }
            ArchiveKind::Folder => self.walk_folder(&mut f),
        }
    }

    /// The document at `path` (as [`RawDoc::path`] names it), read again,
    /// or `None` when the archive no longer holds it.
    pub fn find(&self, path: &str) -> Result<Option<Found>> {
        let mut found = None;
        let mut keep = |f: Found| {
            let p = match &f {
                Ok(raw) => &raw.path,
                Err(skip) => &skip.path,
            };
            if found.is_none() && p == path {
                found = Some(f);
            }
        };
        match self.kind {
            ArchiveKind::Folder => {
                // A record of a JSON Lines file of the folder, else a file.
                let file = match path.rsplit_once('#') {
                    Some((file, n)) if n.parse::<usize>().is_ok() => file,
                    _ => path,
                };
                let full = self.root.join(file);
                if !full.is_file() {
                    return Ok(None);
                }
                if is_json_lines(&full) {
                    read_json_lines(&full, file, &mut keep)?;
                } else {
                    let manifest = read_manifest(&self.root.join(MANIFEST))?;
                    let sidecar = manifest.get(path).cloned().unwrap_or_default();
                    keep(read_file(&full, path.to_string(), sidecar));
                }
            }
            _ => self.walk(&mut keep)?,
        }
        Ok(found)
    }

    fn walk_folder(&self, f: &mut impl FnMut(Found)) -> Result<()> {
        let manifest = read_manifest(&self.root.join(MANIFEST))?;
        let walker = walkdir::WalkDir::new(&self.root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(err) => {
                    let path = err
                        .path()
                        .map(|p| relative(&self.root, p))
                        .unwrap_or_else(|| "?".into());
                    let reason = if err.loop_ancestor().is_some() {
                        "symbolic link loop".to_string()
                    } else {
                        io_reason(err.io_error())
                    };
                    f(Err(Skip { path, reason }));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = relative(&self.root, entry.path());
            if entry.depth() == 1 && (rel == MANIFEST || rel.ends_with(".lock")) {
                continue;
            }
            if is_json_lines(entry.path()) {
                if let Err(e) = read_json_lines(entry.path(), &rel, f) {
                    f(Err(Skip {
                        path: rel,
                        reason: format!("{e:#}"),
                    }));
                }
                continue;
            }
            let sidecar = manifest.get(&rel).cloned().unwrap_or_default();
            f(read_file(entry.path(), rel, sidecar));
        }
        Ok(())
    }
}

/// The lines of an uncompressed JSON Lines file (the last one may lack
/// its newline); `None` for a compressed one.
fn count_lines(path: &Path) -> Option<u64> {
    if path
        .to_string_lossy()
        .to_ascii_lowercase()
        .ends_with(".zst")
    {
        return None;
    }
    let mut file = File::open(path).ok()?;
    let mut buf = vec![0u8; 1 << 16];
    let (mut lines, mut last) = (0u64, b'\n');
    loop {
        let n = file.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        lines += memchr::memchr_iter(b'\n', &buf[..n]).count() as u64;
        last = buf[n - 1];
    }
    Some(lines + u64::from(last != b'\n'))
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn is_json_lines(p: &Path) -> bool {
    let name = p.to_string_lossy().to_ascii_lowercase();
    [".jsonl", ".ndjson", ".jsonl.zst", ".ndjson.zst"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

fn relative(root: &Path, p: &Path) -> String {
    let rel = p.strip_prefix(root).unwrap_or(p);
    rel.to_string_lossy().replace('\\', "/")
}

fn io_reason(err: Option<&std::io::Error>) -> String {
    match err {
        Some(e) if e.kind() == std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        Some(e) => format!("cannot read: {e}"),
        None => "cannot read".into(),
    }
}

fn fingerprint(parts: &[&[u8]]) -> u64 {
    let mut h = blake3::Hasher::new();
    for p in parts {
        h.update(&(p.len() as u64).to_le_bytes());
        h.update(p);
    }
    let bytes = h.finalize();
    u64::from_le_bytes(bytes.as_bytes()[..8].try_into().expect("8 bytes"))
}

fn sidecar_bytes(s: &Sidecar) -> Vec<u8> {
    format!("{s:?}").into_bytes()
}

fn read_file(path: &Path, rel: String, sidecar: Sidecar) -> Found {
    let meta = std::fs::metadata(path).map_err(|e| Skip {
        path: rel.clone(),
        reason: io_reason(Some(&e)),
    })?;
    if meta.len() > MAX_DOC_BYTES {
        return Err(Skip {
            path: rel,
            reason: format!(
                "too large ({} MB; the limit for one article is {} MB)",
                meta.len() / (1024 * 1024),
                MAX_DOC_BYTES / (1024 * 1024)
            ),
        });
    }
    let data = std::fs::read(path).map_err(|e| Skip {
        path: rel.clone(),
        reason: io_reason(Some(&e)),
    })?;
    let lower = rel.to_ascii_lowercase();
    let html = [".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"]
        .iter()
        .any(|e| lower.ends_with(e));
    let fp = fingerprint(&[&data, &sidecar_bytes(&sidecar)]);
    Ok(RawDoc {
        path: rel,
        id: None,
        content: Content::Bytes { data, html },
        sidecar,
        fingerprint: fp,
    })
}

/// A JSON Lines record: the article and its crawl metadata.
#[derive(Deserialize)]
pub struct Record {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    html: Option<String>,
    #[serde(flatten)]
    sidecar: Sidecar,
}

/// What a JSON Lines record holds, once parsed.
pub struct ParsedRecord {
    pub id: Option<String>,
    /// The text, and whether it is HTML.
    pub content: (String, bool),
    pub sidecar: Sidecar,
}

impl Record {
    /// Parses line `number` of a JSON Lines archive.
    pub fn parse(line: &[u8], number: usize) -> std::result::Result<ParsedRecord, String> {
        let rec: Record = serde_json::from_slice(line)
            .map_err(|e| format!("line {number}: invalid JSON ({e})"))?;
        let id = rec.id.and_then(|v| match v {
            serde_json::Value::String(s) if !s.trim().is_empty() => Some(s),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        });
        let content = match (rec.html, rec.text) {
            (Some(h), _) if !h.trim().is_empty() => (h, true),
            (_, Some(t)) if !t.trim().is_empty() => (t, false),
            _ => return Err(format!("line {number}: no \"text\" or \"html\"")),
        };
        Ok(ParsedRecord {
            id,
            content,
            sidecar: rec.sidecar,
        })
    }
}

fn open_maybe_zstd(path: &Path) -> Result<Box<dyn BufRead>> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    if path.to_string_lossy().ends_with(".zst") {
        let dec = zstd::stream::read::Decoder::new(file)
            .with_context(|| format!("cannot read zstd stream {}", path.display()))?;
        Ok(Box::new(BufReader::with_capacity(1 << 20, dec)))
    } else {
        Ok(Box::new(BufReader::with_capacity(1 << 20, file)))
    }
}

fn read_json_lines(path: &Path, name: &str, f: &mut impl FnMut(Found)) -> Result<()> {
    let mut reader = open_maybe_zstd(path)?;
    let mut line = Vec::new();
    let mut n = 0usize;
    loop {
        line.clear();
        // Read at most one record more than the limit, so a huge line cannot
        // exhaust memory; the rest of it is then drained.
        let read = (&mut reader)
            .take(MAX_DOC_BYTES + 1)
            .read_until(b'\n', &mut line)
            .with_context(|| format!("cannot read {}", path.display()))?;
        if read == 0 {
            break;
        }
        n += 1;
        let rec_path = format!("{name}#{n}");
        if line.len() as u64 > MAX_DOC_BYTES && !line.ends_with(b"\n") {
            let mut sink = Vec::new();
            reader.read_until(b'\n', &mut sink).ok();
            f(Err(Skip {
                path: rec_path,
                reason: format!("line {n}: record too large"),
            }));
            continue;
        }
        let trimmed = line.trim_ascii();
        if trimmed.is_empty() {
            continue;
        }
        f(Ok(RawDoc {
            path: rec_path,
            id: None,
            fingerprint: fingerprint(&[trimmed]),
            content: Content::Record {
                line: trimmed.to_vec(),
                number: n,
            },
            sidecar: Sidecar::default(),
        }));
    }
    Ok(())
}

/// Reads `manifest.jsonl`: one object a line with `path` and crawl metadata.
fn read_manifest(path: &Path) -> Result<HashMap<String, Sidecar>> {
    #[derive(Deserialize)]
    struct Line {
        path: String,
        #[serde(flatten)]
        sidecar: Sidecar,
    }
    let mut out = HashMap::new();
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let l: Line = serde_json::from_str(line).with_context(|| {
            format!("{}: line {}: invalid manifest entry", path.display(), i + 1)
        })?;
        out.insert(l.path, l.sidecar);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_expected_count_is_files_and_lines() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "un").unwrap();
        std::fs::write(dir.path().join("b.jsonl"), "{}\n{}\n{}").unwrap();
        std::fs::write(dir.path().join(MANIFEST), "").unwrap();
        assert_eq!(Archive::open(dir.path()).unwrap().expected(), Some(4));
        let jsonl = Archive::open(&dir.path().join("b.jsonl")).unwrap();
        assert_eq!(jsonl.expected(), Some(3));
        std::fs::write(dir.path().join("c.jsonl.zst"), "").unwrap();
        assert_eq!(Archive::open(dir.path()).unwrap().expected(), None);
    }

    #[test]
    fn folder_with_manifest_and_skips() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Bonjour").unwrap();
        std::fs::write(dir.path().join(".hidden.txt"), "x").unwrap();
        std::fs::write(
            dir.path().join(MANIFEST),
            r#"{"path":"a.txt","source":"Le Monde","published":"2017-10-01"}"#,
        )
        .unwrap();
        std::fs::write(dir.path().join("b.jsonl"), "{\"text\":\"un\"}\nnot json\n").unwrap();
        let a = Archive::open(dir.path()).unwrap();
        let mut found = vec![];
        a.walk(|f| found.push(f)).unwrap();
        assert_eq!(found.len(), 3, "{found:?}");
        let first = found[0].as_ref().unwrap();
        assert_eq!(first.path, "a.txt");
        assert_eq!(first.sidecar.source.as_deref(), Some("Le Monde"));
        assert_eq!(found[1].as_ref().unwrap().path, "b.jsonl#1");
        // Records are parsed later, where a broken one is reported by number.
        let second = found[2].as_ref().unwrap();
        assert_eq!(second.path, "b.jsonl#2");
        let Content::Record { line, number } = &second.content else {
            panic!("a record")
        };
        let err = Record::parse(line, *number).err().unwrap();
        assert!(err.contains("line 2"), "{err}");
    }
}
