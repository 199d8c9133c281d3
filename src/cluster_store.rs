//! The clusters of an index, kept beside it in [`FILE`].
//!
//! tantivy cannot change a field of an indexed document, and a copy that
//! arrives, changes or goes can regroup documents that did not change: a
//! cluster id written into each document would mean re-ingesting all of
//! them. So an update recomputes the clusters of the whole index from the
//! sketches' fast field after its commit (a fraction of a second at 108k
//! articles: one read of 256 bytes per article and a sort per band), and
//! writes them with the commit's opstamp. A search engine reads the file
//! once and lays it out by document address ([`crate::stories`]); a file
//! older than the commit (a run killed between the two) is still right for
//! every document it knows, and the next update rewrites it.

use std::path::Path;

use anyhow::{Context, Result};
use tantivy::Index;

use crate::cluster::{Clusters, Sketch};

/// The file name, in the index folder.
pub const FILE: &str = "clusters.bin";

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

/// Recomputes the clusters of the index in `dir` and writes them.
pub fn refresh(index: &Index, dir: &Path) -> Result<Clusters> {
    let stamp = opstamp(index)?;
    let clusters = Clusters::build(&sketches(index)?);
    let path = dir.join(FILE);
    let tmp = dir.join(format!("{FILE}.tmp"));
    std::fs::write(&tmp, clusters.encode(stamp))
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    // A rename replaces the file whole: a reader sees the old or the new.
    std::fs::rename(&tmp, &path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(clusters)
}

/// Recomputes the clusters if the file is missing or older than the commit.
pub fn refresh_if_stale(index: &Index, dir: &Path) -> Result<()> {
    let fresh = match read(dir) {
        Some((_, stamp)) => stamp == opstamp(index)?,
        None => false,
    };
    if !fresh {
        refresh(index, dir)?;
    }
    Ok(())
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
