//! What a hit is called: its id, which `show` takes, and its path in its
//! archive (`archive.jsonl#26890`), which `show` takes too, so that
//! whatever a listing printed can be pasted back.

use std::path::Path;

use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Term};

use crate::index::{self, Stored};
use crate::search::{Engine, SearchError};

/// How a listing labels a hit: its id, and its path after it when the id
/// says nothing of where it was read (a JSON Lines record's own id).
pub fn hit_label(id: &str, path: &str) -> String {
    if crate::ingest::id_from_path(path) == id {
        id.to_string()
    } else {
        format!("{id} ({path})")
    }
}

/// The keys an archive read at `root` may have been recorded under: the
/// root itself (a folder), or its folder (a single file, see
/// [`crate::archive::Archive::key`]).
fn archive_keys(root: &str) -> Vec<String> {
    let mut keys = vec![root.to_string()];
    if let Some(parent) = Path::new(root).parent() {
        keys.push(parent.to_string_lossy().into_owned());
    }
    keys
}

impl Engine {
    /// The id of the article `label` names: `label` itself if it is an id,
    /// else the id of the article read at that path (the path a listing
    /// printed), in whichever archive holds it; `None` if neither.
    pub fn resolve_label(&self, label: &str) -> Result<Option<String>, SearchError> {
        let (searcher, fields) = self.searcher_and_fields();
        let id = Term::from_field_text(fields.id, label);
        if searcher.doc_freq(&id)? > 0 {
            return Ok(Some(label.to_string()));
        }
        // A path is keyed with its archive: find the archives of the index
        // (one document of each, to read its root), then look the key up.
        // The archive column is read for every document, a fast field of
        // a few bytes each: milliseconds at 100k articles.
        let mut archives: Vec<(u64, DocAddress)> = Vec::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let column = segment.fast_fields().u64("archive")?;
            for doc in 0..segment.max_doc() {
                if segment.is_deleted(doc) {
                    continue;
                }
                if let Some(a) = column.first(doc) {
                    if !archives.iter().any(|(known, _)| *known == a) {
                        archives.push((a, DocAddress::new(ord as u32, doc)));
                    }
                }
            }
        }
        for (hash, addr) in archives {
            let stored: Stored = searcher.doc(addr)?;
            let Some((root, _)) = stored.origin(&fields) else {
                continue;
            };
            for key in archive_keys(&root) {
                if index::archive_hash(&key) != hash {
                    continue;
                }
                let term = Term::from_field_u64(fields.key, index::document_key(&key, label));
                let query = TermQuery::new(term, IndexRecordOption::Basic);
                let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
                if let Some((_, addr)) = top.first() {
                    let stored: Stored = searcher.doc(*addr)?;
                    return Ok(Some(stored.into_article(&fields).id));
                }
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_shown_only_when_the_id_does_not_say_it() {
        assert_eq!(hit_label("004_b38c", "004_b38c.txt"), "004_b38c");
        assert_eq!(
            hit_label("os-27611", "archive.jsonl#26890"),
            "os-27611 (archive.jsonl#26890)"
        );
        assert_eq!(hit_label("a#3", "a#3"), "a#3");
    }

    #[test]
    fn a_single_file_archive_is_keyed_by_its_folder() {
        assert_eq!(archive_keys("/data/a.jsonl"), ["/data/a.jsonl", "/data"]);
    }
}
