//! The clusters of an index, kept beside it in [`FILE`].
//!
//! tantivy cannot change a field of an indexed document, and a copy that
//! arrives, changes or goes can regroup documents that did not change: a
//! cluster id written into each document would mean re-ingesting all of
//! them. So an update regroups the whole index from the sketches' fast
//! field after its commit, and writes the clusters with the commit's
//! opstamp. The comparing of sketches, the costly part, is incremental:
//! the copy pairs found are kept in [`LINKS`], and an update compares only
//! the documents added or changed since ([`Links::update`], which falls
//! back to comparing all when that would not give the same pairs). A search engine reads the file
//! once and lays it out by document address ([`crate::stories`]); a file
//! older than the commit (a run killed between the two) is still right for
//! every document it knows, and the next update rewrites it.

use std::path::Path;

use anyhow::{Context, Result};
use tantivy::Index;

use crate::cluster::{Clusters, Links, Sketch};

/// The file name, in the index folder.
pub const FILE: &str = "clusters.bin";
/// The copy pairs the clusters were made from, in the index folder.
pub const LINKS: &str = "copy-links.bin";

/// The `(key, sketch)` of every live document of the index that has one.
pub fn sketches(index: &Index) -> Result<Vec<(u64, Sketch)>> {
    let reader = index.reader().context("opening the index to cluster")?;
    let searcher = reader.searcher();
    let mut out = Vec::with_capacity(searcher.num_docs() as usize);
    for segment in searcher.segment_readers() {
        let ff = segment.fast_fields();
        let keys = ff.u64("key").context("fast field key")?;
        let Some(col) = ff.bytes("sketch").context("fast field sketch")? else {
            continue;
        };
        // The column keeps each distinct value once, sorted: read them all
        // in one pass of its dictionary rather than one look-up a document.
        let mut by_ord: Vec<Option<Sketch>> = Vec::with_capacity(col.num_terms());
        let mut stream = col.dictionary().stream().context("reading the sketches")?;
        while stream.advance() {
            by_ord.push(Sketch::decode(stream.key()));
        }
        for doc in segment.doc_ids_alive() {
            let Some(ord) = col.term_ords(doc).next() else {
                continue;
            };
            let (Some(Some(s)), Some(key)) = (by_ord.get(ord as usize), keys.first(doc)) else {
                continue;
            };
            out.push((key, s.clone()));
        }
    }
    Ok(out)
}

/// The opstamp of the index's last commit.
fn opstamp(index: &Index) -> Result<u64> {
    Ok(index
        .load_metas()
        .context("reading the index metadata")?
        .opstamp)
}

/// What a regrouping found, for the summary of an update.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CopyStats {
    /// Clusters of two articles or more.
    pub stories: usize,
    /// Articles in them.
    pub articles: usize,
    /// Band keys shared by too many sketches to be compared: said rather
    /// than left silent, since pairs meeting only there go unseen.
    pub crowded: usize,
}

impl CopyStats {
    fn of(clusters: &Clusters, links: &Links) -> CopyStats {
        let groups = clusters.groups();
        CopyStats {
            stories: groups.len(),
            articles: groups.iter().map(|g| g.len()).sum(),
            crowded: links.crowded(),
        }
    }
}

/// Recomputes the clusters of the index in `dir` and writes them.
pub fn refresh(index: &Index, dir: &Path) -> Result<CopyStats> {
    let stamp = opstamp(index)?;
    let docs = sketches(index)?;
    // Links of an earlier update, if any and readable; else all compared.
    let earlier = std::fs::read(dir.join(LINKS))
        .ok()
        .and_then(|b| Links::decode(&b));
    let links = earlier
        .and_then(|l| l.update(&docs))
        .unwrap_or_else(|| Links::find(&docs));
    let clusters = links.clusters(&docs);
    // The links first: they name the documents they were found for, so a
    // run killed after writing them leaves nothing wrong for the next.
    write_whole(dir, LINKS, &links.encode())?;
    write_whole(dir, FILE, &clusters.encode(stamp))?;
    Ok(CopyStats::of(&clusters, &links))
}

/// Writes `name` in `dir` through a temporary file and a rename, which
/// replaces it whole: a reader sees the old or the new.
fn write_whole(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let path = dir.join(name);
    let tmp = dir.join(format!("{name}.tmp"));
    std::fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, &path).with_context(|| format!("cannot write {}", path.display()))
}

/// Recomputes the clusters if the file is missing or older than the
/// commit; what it found, if it did.
pub fn refresh_if_stale(index: &Index, dir: &Path) -> Result<Option<CopyStats>> {
    let fresh = match read(dir) {
        Some((_, stamp)) => stamp == opstamp(index)?,
        None => false,
    };
    if fresh {
        return Ok(None);
    }
    refresh(index, dir).map(Some)
}

/// The clusters written for the index in `dir` and their opstamp; `None`
/// if there is no readable file (an index with no clusters yet).
pub fn read(dir: &Path) -> Option<(Clusters, u64)> {
    let bytes = std::fs::read(dir.join(FILE)).ok()?;
    Clusters::decode(&bytes)
}

/// The clusters for searching the index in `dir`: empty when none were
/// written, so that every article is its own story.
pub fn load(dir: &Path) -> Clusters {
    read(dir).map(|(c, _)| c).unwrap_or_default()
}
