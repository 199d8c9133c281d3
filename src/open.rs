//! Opening the index for the front ends (CLI, REPL): building it from
//! ./seeds on first use, and the gazetteer indexing reads.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{bail, Result};

use crate::entities::Gazetteer;
use crate::index::{self, UpdateOptions};
use crate::read_only::FileAccess;
use crate::search::Engine;

/// The archive indexed when none is named.
pub const DEFAULT_ARCHIVE: &str = "seeds";

/// The user's `--gazetteer FILE`, set once from the command line.
pub static USER_GAZETTEER: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();

/// The gazetteer used for indexing: the bundled one, plus
/// `INDEX/gazetteer.tsv` if it exists, plus `--gazetteer FILE` (later files
/// override earlier ones). Only indexing and `inspect` load it: searching
/// never does, since aliases are stored with each article.
pub fn load_gazetteer(index_dir: &Path) -> Result<Gazetteer> {
    let mut g = Gazetteer::bundled();
    let beside = index_dir.join("gazetteer.tsv");
    if beside.is_file() {
        g = g.with_file(&beside)?;
    }
    if let Some(Some(file)) = USER_GAZETTEER.get() {
        g = g.with_file(file)?;
    }
    Ok(g)
}

/// Opens the index, building it from ./seeds first if there is none.
pub fn open_or_build(dir: &Path) -> Result<Engine> {
    open_or_build_with(dir, FileAccess::Mapped)
}

/// [`open_or_build`], the index's files read as `access` says.
pub fn open_or_build_with(dir: &Path, access: FileAccess) -> Result<Engine> {
    if !index::exists(dir) {
        let seeds = Path::new(DEFAULT_ARCHIVE);
        if !seeds.is_dir() {
            bail!(
                "no index in {} and no ./{DEFAULT_ARCHIVE} folder to build one from \
                 (run `fouille index ARCHIVE`)",
                dir.display()
            );
        }
        // Said even to a script: the first search takes longer, and leaves
        // a folder behind.
        let interactive = std::io::stderr().is_terminal();
        eprintln!(
            "fouille: no index in {} yet: building it from ./{DEFAULT_ARCHIVE} (once)…",
            dir.display()
        );
        let opts = UpdateOptions {
            progress: interactive,
            ..UpdateOptions::default()
        };
        index::update(dir, &[seeds.to_path_buf()], &|| load_gazetteer(dir), &opts)?;
    }
    Engine::open_with(dir, access)
}
