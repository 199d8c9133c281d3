//! Reading an index without writing a byte: a tantivy [`Directory`] over
//! [`MmapDirectory`] that refuses every write.
//!
//! A long-running reader (the server) can also read the files whose pages
//! each query touches somewhere new, postings, positions and stored
//! articles, with `pread` instead of mapping them ([`FileAccess::Read`]).
//! A mapped page stays in the process's resident memory once touched, so
//! a server's memory grew with every new query and every article shown,
//! towards the size of the whole index (190 MB at 108k documents); read,
//! the bytes live in the kernel's page cache, shared with every other
//! reader, and the server holds only what it is working on. The cost is
//! one copy per read (at 108k: /api/search p50 0.72 → 0.77 ms).
//!
//! Tantivy's reader takes the meta lock while it opens segments, and
//! `MmapDirectory` takes a lock by creating `.tantivy-meta.lock` for
//! writing. On a read-only mount (a shared drive, a container volume, a
//! DVD) that fails, and so did every search. Here the lock is taken on the
//! existing lock file opened for reading (`flock` needs no write access),
//! which still keeps a writer in another process from collecting the files
//! being opened; without a lock file no writer ever collected anything in
//! this folder, so there is nothing to wait for.

use std::fs::File;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fs4::fs_std::FileExt;
use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback,
    WatchHandle, WritePtr,
};
use tantivy::HasLen;

/// How the files that queries touch piecemeal are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FileAccess {
    /// Every file mapped into memory: the fastest for a process that
    /// answers a few queries and exits.
    #[default]
    Mapped,
    /// Postings, positions and the document store read with `pread`, the
    /// rest mapped: for a process that answers queries for a long time.
    Read,
}

/// Extensions of the segment files that [`FileAccess::Read`] reads
/// instead of mapping: postings, positions, the document store. Term
/// dictionaries, fast fields and field norms stay mapped: tantivy reads
/// each of them whole when it opens a segment, so copying them would hold
/// all of them in memory, where mapping holds only the pages queries use.
const READ_NOT_MAPPED: &[&str] = &["idx", "pos", "store"];

/// An index folder opened for reading only.
#[derive(Debug, Clone)]
pub struct ReadOnlyDirectory {
    inner: MmapDirectory,
    root: PathBuf,
    access: FileAccess,
}

impl ReadOnlyDirectory {
    /// Opens `dir`, which must exist, mapping every file.
    pub fn open(dir: &Path) -> Result<ReadOnlyDirectory, OpenDirectoryError> {
        ReadOnlyDirectory::open_with(dir, FileAccess::Mapped)
    }

    /// Opens `dir`, which must exist, reading its files as `access` says.
    pub fn open_with(
        dir: &Path,
        access: FileAccess,
    ) -> Result<ReadOnlyDirectory, OpenDirectoryError> {
        Ok(ReadOnlyDirectory {
            inner: MmapDirectory::open(dir)?,
            root: dir.to_path_buf(),
            access,
        })
    }

    /// Whether `path` is read rather than mapped (on Unix: elsewhere
    /// every file is mapped).
    fn is_read(&self, path: &Path) -> bool {
        cfg!(unix)
            && self.access == FileAccess::Read
            && path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| READ_NOT_MAPPED.contains(&e))
    }

    fn refused(&self, path: &Path) -> Arc<io::Error> {
        Arc::new(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!(
                "{} is opened for reading only",
                self.root.join(path).display()
            ),
        ))
    }
}

/// A segment file read with `pread`, each read into a buffer of its own.
/// Segment files never change once written, and an open file stays
/// readable after a merge deletes it, as a mapping does.
#[derive(Debug)]
struct ReadFile {
    file: File,
    len: usize,
}

impl ReadFile {
    fn open(path: &Path) -> Result<ReadFile, OpenReadError> {
        let failed = |e| OpenReadError::wrap_io_error(e, path.to_path_buf());
        let file = File::open(path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => OpenReadError::FileDoesNotExist(path.to_path_buf()),
            _ => failed(e),
        })?;
        let len = file.metadata().map_err(failed)?.len();
        let len = usize::try_from(len).map_err(|_| {
            failed(io::Error::new(
                io::ErrorKind::InvalidData,
                "file too large to read",
            ))
        })?;
        Ok(ReadFile { file, len })
    }
}

impl HasLen for ReadFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for ReadFile {
    #[cfg(unix)]
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        let mut buf = vec![0u8; range.len()];
        std::os::unix::fs::FileExt::read_exact_at(&self.file, &mut buf, range.start as u64)?;
        Ok(OwnedBytes::new(buf))
    }

    #[cfg(not(unix))]
    fn read_bytes(&self, _range: Range<usize>) -> io::Result<OwnedBytes> {
        // Never opened: `is_read` maps every file off Unix.
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "reading without mapping needs Unix",
        ))
    }
}

/// A lock held by the open file handle, released when it is dropped.
struct HeldLock(#[allow(dead_code)] Option<File>);

impl Directory for ReadOnlyDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        if self.is_read(path) {
            return Ok(Arc::new(ReadFile::open(&self.root.join(path))?));
        }
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        Err(DeleteError::IoError {
            io_error: self.refused(path),
            filepath: path.to_path_buf(),
        })
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::IoError {
            io_error: self.refused(path),
            filepath: path.to_path_buf(),
        })
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, _data: &[u8]) -> io::Result<()> {
        Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            self.refused(path).to_string(),
        ))
    }

    fn sync_directory(&self) -> io::Result<()> {
        // Nothing was written, so nothing needs to reach the disk.
        Ok(())
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        let path = self.root.join(&lock.filepath);
        let file = match File::open(&path) {
            Ok(f) => f,
            // No lock file: no writer ever locked this folder.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok(DirectoryLock::from(Box::new(HeldLock(None))))
            }
            Err(e) => return Err(LockError::wrap_io_error(e)),
        };
        if lock.is_blocking {
            FileExt::lock_exclusive(&file).map_err(LockError::wrap_io_error)?;
        } else if !FileExt::try_lock_exclusive(&file).map_err(|_| LockError::LockBusy)? {
            return Err(LockError::LockBusy);
        }
        Ok(DirectoryLock::from(Box::new(HeldLock(Some(file)))))
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_are_refused_and_leave_no_file() {
        let tmp = tempfile::tempdir().unwrap();
        let d = ReadOnlyDirectory::open(tmp.path()).unwrap();
        assert!(d.open_write(Path::new("x")).is_err());
        assert!(d.atomic_write(Path::new("meta.json"), b"{}").is_err());
        assert!(d.delete(Path::new("x")).is_err());
        let lock = d.acquire_lock(&tantivy::directory::META_LOCK).unwrap();
        drop(lock);
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
    }

    #[test]
    fn an_existing_lock_file_is_locked_for_reading() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join(".tantivy-meta.lock"), b"").unwrap();
        let d = ReadOnlyDirectory::open(tmp.path()).unwrap();
        let held = d.acquire_lock(&tantivy::directory::META_LOCK).unwrap();
        // Another holder is refused while this one holds it.
        let busy = Lock {
            filepath: PathBuf::from(".tantivy-meta.lock"),
            is_blocking: false,
        };
        assert!(matches!(d.acquire_lock(&busy), Err(LockError::LockBusy)));
        drop(held);
        assert!(d.acquire_lock(&busy).is_ok());
    }

    #[test]
    fn read_files_give_the_bytes_of_the_file_and_others_stay_mapped() {
        let tmp = tempfile::tempdir().unwrap();
        let bytes: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
        for name in ["a.store", "a.term"] {
            std::fs::write(tmp.path().join(name), &bytes).unwrap();
        }
        let d = ReadOnlyDirectory::open_with(tmp.path(), FileAccess::Read).unwrap();
        assert!(d.is_read(Path::new("a.store")) == cfg!(unix));
        assert!(!d.is_read(Path::new("a.term")));
        assert!(!d.is_read(Path::new("meta.json")));
        for name in ["a.store", "a.term"] {
            let h = d.get_file_handle(Path::new(name)).unwrap();
            assert_eq!(h.len(), bytes.len());
            assert_eq!(
                h.read_bytes(4_000..4_010).unwrap().as_slice(),
                &bytes[4_000..4_010]
            );
        }
        if cfg!(unix) {
            let h = d.get_file_handle(Path::new("a.store")).unwrap();
            assert!(h.read_bytes(9_990..10_010).is_err(), "past the end");
        }
        let mapped = ReadOnlyDirectory::open(tmp.path()).unwrap();
        assert!(!mapped.is_read(Path::new("a.store")));
        assert!(matches!(
            d.get_file_handle(Path::new("gone.store")),
            Err(OpenReadError::FileDoesNotExist(_))
        ));
    }
}
