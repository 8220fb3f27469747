//! Reading and writing the state file, its backup, and the apply lock.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{Delta, State, StateError};

/// The state at `path` with its journal replayed, or `None` when there is
/// no state yet.
pub fn read(path: &Path) -> Result<Option<State>, StateError> {
    let state = match fs::read_to_string(path) {
        Ok(text) => Some(State::parse(&text)?),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(StateError::Io(format!(
                "cannot read {}: {e}",
                path.display()
            )));
        }
    };
    match fs::read_to_string(journal_path(path)) {
        Ok(text) => Ok(replay(state, &text)),
        Err(_) => Ok(state),
    }
}

/// The header line of a journal: the state it continues.
#[derive(Serialize, Deserialize)]
struct JournalHeader {
    journal_for_lineage: String,
    base_serial: u64,
}

/// Replays the complete records of a journal onto the state it was started
/// from. A journal for another lineage or serial (the state was written
/// after it) is ignored; a torn last line (a kill mid-write) is dropped.
fn replay(state: Option<State>, journal: &str) -> Option<State> {
    let mut lines = journal.split_inclusive('\n');
    let Some(header) = lines
        .next()
        .and_then(|l| serde_json::from_str::<JournalHeader>(l).ok())
    else {
        return state;
    };
    let base = match state {
        Some(s) if s.lineage == header.journal_for_lineage && s.serial == header.base_serial => s,
        None if header.base_serial == 0 => State::new(header.journal_for_lineage),
        other => return other,
    };
    let mut replayed = base.clone();
    let mut any = false;
    for line in lines.filter(|l| l.ends_with('\n')) {
        let Ok(delta) = serde_json::from_str::<Delta>(line) else {
            break;
        };
        replayed.apply_delta(&delta);
        any = true;
    }
    if any {
        replayed.serial = base.serial + 1;
    }
    Some(replayed)
}

pub fn journal_path(path: &Path) -> PathBuf {
    sibling(path, ".journal")
}

/// The write-ahead journal of an apply: one line per step, written with a
/// single `write` so a killed process leaves whole lines (the kernel keeps
/// what was written); fsynced when started, and replaced by the full state
/// at each compaction and at the end.
pub struct Journal {
    file: File,
    path: PathBuf,
}

impl Journal {
    /// Starts a journal continuing `base` (which is on disk, or is new).
    pub fn start(state_path: &Path, base: &State) -> io::Result<Journal> {
        let path = journal_path(state_path);
        let header = JournalHeader {
            journal_for_lineage: base.lineage.clone(),
            base_serial: base.serial,
        };
        let mut line = serde_json::to_string(&header).map_err(io::Error::other)?;
        line.push('\n');
        let mut file = File::create(&path)?;
        file.write_all(line.as_bytes())?;
        file.sync_all()?;
        Ok(Journal { file, path })
    }

    pub fn record(&mut self, delta: &Delta) -> io::Result<()> {
        let mut line = serde_json::to_string(delta).map_err(io::Error::other)?;
        line.push('\n');
        self.file.write_all(line.as_bytes())
    }

    /// Removes the journal once the full state is written.
    pub fn finish(self) -> io::Result<()> {
        drop(self.file);
        fs::remove_file(&self.path)
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
    use crate::ResourceState;

    fn vpc(address: &str) -> ResourceState {
        ResourceState {
            address: address.into(),
            kind: "vpc".into(),
            name: "x".into(),
            index: None,
            id: "vpc-0".into(),
            attributes: Default::default(),
            dependencies: Vec::new(),
        }
    }

    #[test]
    fn a_journal_is_replayed_and_a_torn_line_dropped() {
        let dir = temp_dir("journal");
        let path = dir.join("skyplan.state.json");
        let base = State::new("l".into());
        let mut j = Journal::start(&path, &base).unwrap();
        let mut s = base.clone();
        s.put(vpc("vpc.a"));
        j.record(&s.delta(&["vpc.a".into()], &[])).unwrap();
        s.put(vpc("vpc.b"));
        j.record(&s.delta(&["vpc.b".into()], &[])).unwrap();
        drop(j);
        let text = fs::read_to_string(journal_path(&path)).unwrap();
        fs::write(journal_path(&path), &text[..text.len() - 5]).unwrap(); // torn last line
        let replayed = read(&path).unwrap().unwrap();
        assert_eq!(replayed.resources.len(), 1);
        assert_eq!(replayed.serial, 1);
        // Once the state is written past the journal's base, the journal is ignored.
        let mut written = s.clone();
        written.serial = 5;
        write_atomic(&path, &written).unwrap();
        assert_eq!(read(&path).unwrap().unwrap(), written);
    }

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
