//! Noticing a commit made by `fouille index` in another process, so the
//! server answers from it without a restart.
//!
//! tantivy's own reload policy watches only `meta.json`; fouille also
//! keeps the clusters of copies beside the index, written after the
//! commit, and [`Engine::reload`](crate::search::Engine::reload) reads
//! both. So the server looks at both files and reloads when either changed.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::State;

/// What identifies one state of the index folder's commit files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint(Vec<Option<(SystemTime, u64, u64)>>);

/// The commit files' modification time, length and a hash of `meta.json`
/// (two commits within the clock's resolution still differ there).
pub fn fingerprint(dir: &Path) -> Fingerprint {
    let files = ["meta.json", crate::cluster_store::FILE];
    Fingerprint(
        files
            .iter()
            .map(|f| {
                let path = dir.join(f);
                let meta = std::fs::metadata(&path).ok()?;
                let hash = if *f == "meta.json" {
                    let bytes = std::fs::read(&path).ok()?;
                    let h = blake3::hash(&bytes);
                    u64::from_le_bytes(h.as_bytes()[..8].try_into().ok()?)
                } else {
                    0
                };
                Some((meta.modified().ok()?, meta.len(), hash))
            })
            .collect(),
    )
}

/// Reloads the engine whenever the commit files change; runs for the
/// server's life.
pub async fn reload_on_commit(state: Arc<State>, every: Duration) {
    let mut seen = fingerprint(&state.dir);
    let mut tick = tokio::time::interval(every);
    loop {
        tick.tick().await;
        let now = fingerprint(&state.dir);
        if now == seen {
            continue;
        }
        let s = state.clone();
        let reloaded = tokio::task::spawn_blocking(move || s.engine.reload()).await;
        match reloaded {
            Ok(Ok(())) => {
                seen = now;
                eprintln!(
                    "fouille: the index changed: now {} articles",
                    state.engine.num_docs()
                );
            }
            // Caught mid-commit (a file gone between two reads): try again
            // at the next tick, with the fingerprint unchanged.
            Ok(Err(e)) => eprintln!("fouille: cannot reload the index yet: {e:#}"),
            Err(e) => eprintln!("fouille: cannot reload the index yet: {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_meta_file_changes_the_fingerprint() {
        let tmp = tempfile::tempdir().unwrap();
        let empty = fingerprint(tmp.path());
        std::fs::write(tmp.path().join("meta.json"), b"{\"a\":1}").unwrap();
        let one = fingerprint(tmp.path());
        assert_ne!(empty, one);
        assert_eq!(one, fingerprint(tmp.path()));
        // Same length, maybe the same second: the hash still tells.
        std::fs::write(tmp.path().join("meta.json"), b"{\"a\":2}").unwrap();
        assert_ne!(one, fingerprint(tmp.path()));
    }
}
