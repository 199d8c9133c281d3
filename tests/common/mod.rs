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

/// How a test makes a folder impossible to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadOnly {
    /// A read-only bind mount in a private mount namespace (`unshare -m`):
    /// holds even for root.
    BindMount,
    /// `chmod -R a-w`: holds only for a user without CAP_DAC_OVERRIDE.
    Permissions,
}

/// Makes `dir` read-only for the commands built by [`read_only_command`],
/// or says why it cannot (the test should then skip with that message).
pub fn make_read_only(dir: &Path) -> Result<ReadOnly, String> {
    let probe = Command::new("unshare")
        .args(["-m", "--propagation", "private", "sh", "-c"])
        .arg(format!("{BIND_RO} && ! touch \"$0/.probe\" 2>/dev/null"))
        .arg(dir)
        .output();
    if probe.is_ok_and(|o| o.status.success()) {
        return Ok(ReadOnly::BindMount);
    }
    let chmod = |mode: &str| {
        Command::new("chmod")
            .args(["-R", mode])
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success())
    };
    if chmod("a-w") && std::fs::write(dir.join(".probe"), b"").is_err() {
        return Ok(ReadOnly::Permissions);
    }
    let _ = std::fs::remove_file(dir.join(".probe"));
    chmod("u+w");
    Err(format!(
        "skipped: cannot make {} read-only here (no mount namespace, and \
         permissions do not bind this user)",
        dir.display()
    ))
}

/// Bind-mounts `$0` on itself, read-only (shell words for `sh -c`).
const BIND_RO: &str = "mount --bind \"$0\" \"$0\" && mount -o remount,bind,ro \"$0\" \"$0\"";

/// `program args…`, run where `dir` is read-only as [`make_read_only`] set up.
pub fn read_only_command(how: ReadOnly, dir: &Path, program: &Path, args: &[&str]) -> Command {
    match how {
        ReadOnly::BindMount => {
            let mut cmd = Command::new("unshare");
            cmd.args(["-m", "--propagation", "private", "sh", "-c"])
                .arg(format!("{BIND_RO} && exec \"$@\""))
                .arg(dir)
                .arg(program)
                .args(args);
            cmd
        }
        ReadOnly::Permissions => {
            let mut cmd = Command::new(program);
            cmd.args(args);
            cmd
        }
    }
}

/// Every file under `dir` with its size and modification time, to show
/// that a run changed nothing there.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime)> {
    let mut out: Vec<_> = walkdir(dir)
        .into_iter()
        .map(|p| {
            let m = std::fs::metadata(&p).unwrap();
            (p, m.len(), m.modified().unwrap())
        })
        .collect();
    out.sort();
    out
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walkdir(&p));
        } else {
            out.push(p);
        }
    }
    out
}

pub mod server;
