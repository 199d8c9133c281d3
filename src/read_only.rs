//! Reading an index without writing a byte: a tantivy [`Directory`] over
//! [`MmapDirectory`] that refuses every write.
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
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fs4::fs_std::FileExt;
use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// An index folder opened for reading only.
#[derive(Debug, Clone)]
pub struct ReadOnlyDirectory {
    inner: MmapDirectory,
    root: PathBuf,
}

impl ReadOnlyDirectory {
    /// Opens `dir`, which must exist.
    pub fn open(dir: &Path) -> Result<ReadOnlyDirectory, OpenDirectoryError> {
        Ok(ReadOnlyDirectory {
            inner: MmapDirectory::open(dir)?,
            root: dir.to_path_buf(),
        })
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

/// A lock held by the open file handle, released when it is dropped.
struct HeldLock(#[allow(dead_code)] Option<File>);

impl Directory for ReadOnlyDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
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
}
