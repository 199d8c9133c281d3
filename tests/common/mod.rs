//! Helpers for end-to-end tests: run the real `fouille` binary on temporary
//! archives and indexes.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's bundled seeds.
pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// A temporary workspace with an index folder and, if asked, archives.
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn index(&self) -> PathBuf {
        self.path().join("index")
    }

    /// Copies the bundled seeds into `name/` and returns its path.
    pub fn copy_seeds(&self, name: &str) -> PathBuf {
        let to = self.path().join(name);
        std::fs::create_dir_all(&to).unwrap();
        for e in std::fs::read_dir(seeds_dir()).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
        to
    }

    /// Writes a file (creating folders) and returns its path.
    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
        p
    }

    /// Runs fouille with `--index <workspace>/index`, in the workspace.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_fouille"));
        cmd.current_dir(self.path())
            .arg("--index")
            .arg(self.index())
            .args(args)
            .env_remove("FOUILLE_INDEX")
            .env_remove("NO_COLOR");
        Run(cmd.output().expect("run fouille"))
    }

    /// Runs fouille without --index, in the workspace.
    pub fn run_bare(&self, args: &[&str]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_fouille"));
        cmd.current_dir(self.path())
            .args(args)
            .env_remove("FOUILLE_INDEX");
        Run(cmd.output().expect("run fouille"))
    }
}

/// The output of one run.
pub struct Run(pub Output);

impl Run {
    pub fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.0.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", self.stdout(), self.stderr()))
    }
    /// Asserts the exit code, showing the output if it differs.
    pub fn expect(self, code: i32) -> Run {
        assert_eq!(
            self.code(),
            code,
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }
}

/// The ids of the hits of a `search --json` answer, sorted.
pub fn hit_ids(v: &serde_json::Value) -> Vec<String> {
    let mut ids: Vec<String> = v["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids
}

/// The first three characters of each id: the seeds' numbers.
pub fn seed_numbers(v: &serde_json::Value) -> Vec<String> {
    hit_ids(v)
        .into_iter()
        .map(|id| id[..3].to_string())
        .collect()
}
