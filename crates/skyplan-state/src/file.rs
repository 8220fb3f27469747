//! Reading and writing the state file, its backup, and the apply lock.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::{State, StateError};

/// The state at `path`, or `None` when there is no state file yet.
pub fn read(path: &Path) -> Result<Option<State>, StateError> {
    match fs::read_to_string(path) {
        Ok(text) => State::parse(&text).map(Some),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(StateError::Io(format!(
            "cannot read {}: {e}",
            path.display()
        ))),
    }
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Where the previous state is kept.
pub fn backup_path(path: &Path) -> PathBuf {
    sibling(path, ".backup")
}

/// Where the lock lives (a separate file: the state itself is replaced by rename).
pub fn lock_path(path: &Path) -> PathBuf {
    sibling(path, ".lock")
}

/// Writes `bytes` to `path` atomically: temp file in the same directory,
/// fsync, rename over `path`, fsync the directory.
pub fn write_bytes_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let temp = sibling(path, &format!(".tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = File::create(&temp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&temp, path)?;
        File::open(&dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

pub fn write_atomic(path: &Path, state: &State) -> io::Result<()> {
    write_bytes_atomic(path, state.to_json().as_bytes())
}

/// Copies the current state file (if any) to its backup, atomically.
pub fn backup(path: &Path) -> io::Result<()> {
    match fs::read(path) {
        Ok(bytes) => write_bytes_atomic(&backup_path(path), &bytes),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// An exclusive lock on a state, held until dropped (or the process dies).
#[derive(Debug)]
pub struct StateLock {
    _file: File,
}

#[derive(Debug)]
pub enum LockError {
    /// Another process holds the lock; what it wrote about itself.
    Held(String),
    Io(io::Error),
}

impl StateLock {
    /// Takes the lock without waiting, and records `holder` (who and since
    /// when) in the lock file for whoever is refused next.
    pub fn acquire(state_path: &Path, holder: &str) -> Result<StateLock, LockError> {
        let path = lock_path(state_path);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(LockError::Io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut info = String::new();
                let _ = file.read_to_string(&mut info);
                return Err(LockError::Held(info.trim().to_string()));
            }
            Err(TryLockError::Error(e)) => return Err(LockError::Io(e)),
        }
        file.set_len(0).map_err(LockError::Io)?;
        file.seek(SeekFrom::Start(0)).map_err(LockError::Io)?;
        file.write_all(holder.as_bytes()).map_err(LockError::Io)?;
        file.sync_all().map_err(LockError::Io)?;
        Ok(StateLock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("skyplan-state-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn atomic_write_backup_and_read() {
        let dir = temp_dir("write");
        let path = dir.join("skyplan.state.json");
        assert_eq!(read(&path), Ok(None));
        let mut s = State::new("l".into());
        write_atomic(&path, &s).unwrap();
        s.serial = 1;
        backup(&path).unwrap();
        write_atomic(&path, &s).unwrap();
        assert_eq!(read(&path).unwrap().unwrap().serial, 1);
        assert_eq!(read(&backup_path(&path)).unwrap().unwrap().serial, 0);
        let leftovers: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn a_second_lock_is_refused_with_the_holder() {
        let dir = temp_dir("lock");
        let path = dir.join("skyplan.state.json");
        let first = StateLock::acquire(&path, "pid 1 since noon").unwrap();
        match StateLock::acquire(&path, "pid 2") {
            Err(LockError::Held(who)) => assert_eq!(who, "pid 1 since noon"),
            other => panic!("expected Held, got {other:?}"),
        }
        drop(first);
        assert!(StateLock::acquire(&path, "pid 3").is_ok());
    }
}
