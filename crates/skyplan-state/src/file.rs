//! Reading and writing the state file, its backup, its journal and the
//! apply lock.
//!
//! Everything skyplan writes next to a state (the lock, the journal, temp
//! files, the backup) is opened without following symbolic links, so a
//! repository that ships `skyplan.state.json.lock -> ~/.bashrc` gets a clear
//! error instead of an overwritten file; temp files are created exclusively.
//! Files are created 0600 (they hold `user_data`), and a rewritten file
//! keeps the mode its previous version had. Reads check the size and the
//! file type before reading, and read at most the limit.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
#[cfg(unix)]
use std::{
    fs::Permissions,
    os::unix::fs::{OpenOptionsExt, PermissionsExt},
};

use serde::{Deserialize, Serialize};

use crate::{Built, Delta, DeltaView, State, StateError};

/// The largest state (or saved plan) skyplan reads: about 15 times the
/// state of a 100,000-resource stack.
pub const MAX_STATE_BYTES: u64 = 1 << 30;

/// The mode of files skyplan creates: they hold `user_data`, which often
/// carries secrets.
const PRIVATE_MODE: u32 = 0o600;

/// Why a bounded read failed.
#[derive(Debug)]
pub enum ReadError {
    NotFound,
    /// A symbolic link where skyplan follows none.
    Symlink,
    /// A directory, FIFO, device or socket (named as such).
    NotRegular(&'static str),
    TooLarge {
        size: u64,
        limit: u64,
    },
    Io(io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotFound => f.write_str("no such file"),
            ReadError::Symlink => f.write_str(
                "it is a symbolic link, and skyplan follows none next to a state (name the real file)",
            ),
            ReadError::NotRegular(what) => write!(f, "it is a {what}, not a regular file"),
            ReadError::TooLarge { size, limit } => write!(
                f,
                "it is too large ({size} bytes; the limit is {limit} bytes)"
            ),
            ReadError::Io(e) => e.fmt(f),
        }
    }
}

/// Whether a read may go through a symbolic link at the path itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Links {
    Follow,
    Refuse,
}

fn file_type_name(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "device";
        }
        if t.is_socket() {
            return "socket";
        }
    }
    if meta.is_dir() {
        "directory"
    } else {
        "special file"
    }
}

fn is_symlink_error(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// Opens a regular file of at most `limit` bytes for reading. The type
/// and size come from the open handle before anything is read (a FIFO is
/// opened without blocking and refused; `/dev/zero` is refused).
fn open_limited(path: &Path, limit: u64, links: Links) -> Result<File, ReadError> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        let nofollow = if links == Links::Refuse {
            libc::O_NOFOLLOW
        } else {
            0
        };
        options.custom_flags(libc::O_NONBLOCK | nofollow);
    }
    let file = options.open(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => ReadError::NotFound,
        _ if is_symlink_error(&e) => ReadError::Symlink,
        _ => ReadError::Io(e),
    })?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(file_type_name(&meta)));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    Ok(file)
}

/// Reads all of `file` from its start, stopping after `limit + 1` bytes in
/// case it grew since it was opened.
fn read_to_limit(mut file: &File, limit: u64) -> Result<Vec<u8>, ReadError> {
    file.seek(SeekFrom::Start(0)).map_err(ReadError::Io)?;
    let size = file.metadata().map_or(0, |m| m.len()).min(limit);
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Reads a regular file of at most `limit` bytes (see [`open_limited`]).
pub fn read_limited(path: &Path, limit: u64, links: Links) -> Result<Vec<u8>, ReadError> {
    read_to_limit(&open_limited(path, limit, links)?, limit)
}

fn cannot_read(path: &Path, e: ReadError) -> StateError {
    StateError::Io(format!("cannot read {}: {e}", path.display()))
}

fn read_text(path: &Path) -> Result<Option<String>, StateError> {
    match read_limited(path, MAX_STATE_BYTES, Links::Refuse) {
        Ok(bytes) => text_of(path, bytes).map(Some),
        Err(ReadError::NotFound) => Ok(None),
        Err(e) => Err(cannot_read(path, e)),
    }
}

fn text_of(path: &Path, bytes: Vec<u8>) -> Result<String, StateError> {
    String::from_utf8(bytes)
        .map_err(|_| StateError::Io(format!("{} is not UTF-8 text", path.display())))
}

/// The state at `path` with its journal replayed, or `None` when there is
/// no state yet. A journal is only ever replayed on top of the state file
/// it continues: one without a state file is refused
/// ([`StateError::OrphanJournal`]).
pub fn read(path: &Path) -> Result<Option<State>, StateError> {
    StateFiles::open(path)?.into_state()
}

/// A state file, opened (under the caller's lock) but not yet read, and its
/// journal, read: a question about the network as built reads only the
/// file's [`Built`] part. The file is read through its open handle, which
/// later writers never change: they write a new file and rename it over
/// this one.
pub struct StateFiles {
    path: PathBuf,
    journal_path: PathBuf,
    state: Option<File>,
    journal: Option<String>,
}

impl StateFiles {
    pub fn open(path: &Path) -> Result<StateFiles, StateError> {
        let journal_path = journal_path(path);
        let state = match open_limited(path, MAX_STATE_BYTES, Links::Refuse) {
            Ok(file) => Some(file),
            Err(ReadError::NotFound) => None,
            Err(e) => return Err(cannot_read(path, e)),
        };
        Ok(StateFiles {
            path: path.to_path_buf(),
            journal: read_text(&journal_path)?,
            journal_path,
            state,
        })
    }

    /// What the network as built holds, when the file is all there is
    /// (no journal of a stopped apply to replay) and reads as a state;
    /// else `None`, and [`StateFiles::into_state`] says why.
    pub fn built(&self) -> Option<Built> {
        match (&self.state, &self.journal) {
            (Some(file), None) => Built::read(from_start(file)?),
            _ => None,
        }
    }

    /// The state with its journal replayed, or `None` when there is no
    /// state yet.
    pub fn into_state(self) -> Result<Option<State>, StateError> {
        let state = self.unchecked()?;
        if let Some(s) = &state {
            s.check_consistent()?;
        }
        Ok(state)
    }

    /// The state file's content: read in pieces, or when that declines
    /// (the file is not a good state), read whole to say why.
    fn parse(&self, file: &File) -> Result<State, StateError> {
        let bytes = file.metadata().map_or(0, |m| m.len());
        if let Some(state) = from_start(file).and_then(|r| State::read_streamed(r, bytes)) {
            return Ok(state);
        }
        let bytes = read_to_limit(file, MAX_STATE_BYTES).map_err(|e| cannot_read(&self.path, e))?;
        State::parse(&text_of(&self.path, bytes)?)
    }

    fn unchecked(self) -> Result<Option<State>, StateError> {
        let state = self.state.as_ref().map(|f| self.parse(f)).transpose()?;
        match (state, self.journal) {
            (Some(state), Some(text)) => replay(state, &text),
            (Some(state), None) => Ok(Some(state)),
            (None, Some(text)) => {
                let lineage = text
                    .lines()
                    .next()
                    .and_then(|l| serde_json::from_str::<JournalHeader>(l).ok())
                    .map(|h| h.journal_for_lineage)
                    .unwrap_or_default();
                Err(StateError::OrphanJournal {
                    journal: self.journal_path.display().to_string(),
                    lineage,
                })
            }
            (None, None) => Ok(None),
        }
    }
}

/// `file` read from its start, at most [`MAX_STATE_BYTES`] and one more:
/// a file that grew past the limit since it was opened is cut there (and
/// its JSON with it).
fn from_start(mut file: &File) -> Option<impl Read + '_> {
    file.seek(SeekFrom::Start(0)).ok()?;
    Some(file.take(MAX_STATE_BYTES + 1))
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
/// Each record advances the serial by one, exactly as the apply that wrote
/// it numbers its compactions, so a serial names one content.
fn replay(state: State, journal: &str) -> Result<Option<State>, StateError> {
    let mut lines = journal.split_inclusive('\n');
    let Some(header) = lines
        .next()
        .and_then(|l| serde_json::from_str::<JournalHeader>(l).ok())
    else {
        return Ok(Some(state));
    };
    if state.lineage != header.journal_for_lineage || state.serial != header.base_serial {
        return Ok(Some(state));
    }
    let mut replayed = state;
    let mut records = 0;
    for line in lines.filter(|l| l.ends_with('\n')) {
        let Ok(delta) = serde_json::from_str::<Delta>(line) else {
            break;
        };
        replayed.apply_delta(&delta);
        records += 1;
    }
    replayed.serial = replayed.serial_after(records)?;
    if records > 0 {
        // An apply stopped part of the way: the state is no longer what
        // any spec says.
        replayed.applied_spec = None;
    }
    Ok(Some(replayed))
}

/// Folds a journal left by an interrupted apply into the state file: the
/// replayed state is written atomically, then the journal is removed.
/// Returns whether there was a journal. Call it holding the exclusive
/// [`StateLock`], before anything else reads or writes the state.
pub fn fold_journal(path: &Path) -> Result<bool, StateError> {
    let journal = journal_path(path);
    if fs::symlink_metadata(&journal).is_err() {
        return Ok(false);
    }
    let io = |e: io::Error| StateError::Io(format!("cannot fold {}: {e}", journal.display()));
    if let Some(state) = read(path)? {
        write_atomic(path, &state).map_err(io)?;
    }
    fs::remove_file(&journal).map_err(io)?;
    Ok(true)
}

pub fn journal_path(path: &Path) -> PathBuf {
    sibling(path, ".journal")
}

/// The mode a rewrite of `path` should have: the current file's, or 0600.
fn mode_for(path: &Path) -> u32 {
    #[cfg(unix)]
    {
        fs::symlink_metadata(path)
            .ok()
            .filter(fs::Metadata::is_file)
            .map_or(PRIVATE_MODE, |m| m.permissions().mode() & 0o7777)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        PRIVATE_MODE
    }
}

/// Opens `path` for writing without following a symbolic link there, with
/// `mode` set exactly (not reduced by the umask).
fn open_nofollow(path: &Path, options: &mut OpenOptions, mode: u32) -> io::Result<File> {
    options.write(true);
    #[cfg(unix)]
    options.custom_flags(libc::O_NOFOLLOW).mode(mode);
    let file = options.open(path).map_err(|e| {
        if is_symlink_error(&e) {
            io::Error::other(format!(
                "{} is a symbolic link; skyplan never writes through links next to a state (remove it)",
                path.display()
            ))
        } else {
            e
        }
    })?;
    #[cfg(unix)]
    file.set_permissions(Permissions::from_mode(mode))?;
    #[cfg(not(unix))]
    let _ = mode;
    Ok(file)
}

/// The write-ahead journal of an apply: one line per step, written with a
/// single `write` so a killed process leaves whole lines (the kernel keeps
/// what was written); fsynced when started, and replaced by the full state
/// at each compaction and at the end.
pub struct Journal {
    file: File,
    path: PathBuf,
    /// Bytes written so far, header included.
    bytes: u64,
    /// The line being written, kept between steps (one allocation, not
    /// one per step).
    line: Vec<u8>,
}

impl Journal {
    /// Starts a journal continuing `base`, which must be on disk.
    pub fn start(state_path: &Path, base: &State) -> io::Result<Journal> {
        let path = journal_path(state_path);
        let header = JournalHeader {
            journal_for_lineage: base.lineage.clone(),
            base_serial: base.serial,
        };
        let mut line = serde_json::to_string(&header).map_err(io::Error::other)?;
        line.push('\n');
        let mut options = OpenOptions::new();
        options.create(true).truncate(true);
        let mut file = open_nofollow(&path, &mut options, mode_for(state_path))?;
        file.write_all(line.as_bytes())?;
        file.sync_all()?;
        Ok(Journal {
            file,
            path,
            bytes: line.len() as u64,
            line: Vec::new(),
        })
    }

    pub fn record(&mut self, delta: &DeltaView) -> io::Result<()> {
        self.line.clear();
        serde_json::to_writer(&mut self.line, delta).map_err(io::Error::other)?;
        self.line.push(b'\n');
        self.file.write_all(&self.line)?;
        self.bytes += self.line.len() as u64;
        Ok(())
    }

    /// How many bytes a replay of it reads.
    pub fn bytes(&self) -> u64 {
        self.bytes
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

const TEMP: &str = ".tmp-";

/// Writes `bytes` to `path` atomically: a new temp file in the same
/// directory (created exclusively, never through a link, with the mode of
/// the file it replaces or 0600), fsync, rename over `path`, fsync the
/// directory. A symbolic link at `path` itself is replaced, not followed.
pub fn write_bytes_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

/// [`write_bytes_atomic`] with the content written by `fill` into the
/// temp file: a large state is serialized straight to the file instead of
/// into a string first (a 70 MB state's string, grown by doubling, cost
/// more than the serializing itself).
fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let temp = sibling(path, &format!("{TEMP}{}", std::process::id()));
    // A leftover of an earlier process with our PID: ours to remove (a
    // link is removed, never followed).
    if fs::symlink_metadata(&temp).is_ok() {
        fs::remove_file(&temp)?;
    }
    let mode = mode_for(path);
    let result = (|| {
        let mut f = open_nofollow(&temp, OpenOptions::new().create_new(true), mode)?;
        fill(&mut f)?;
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

/// Writes `state` to `path` atomically; returns the bytes written.
pub fn write_atomic(path: &Path, state: &State) -> io::Result<u64> {
    let mut written = 0;
    write_atomic_with(path, |f| {
        let mut out = Counted {
            inner: io::BufWriter::with_capacity(1 << 18, f),
            bytes: 0,
        };
        state.write_json(&mut out)?;
        out.inner.flush()?;
        written = out.bytes;
        Ok(())
    })?;
    Ok(written)
}

/// A writer that counts what passes through it.
struct Counted<W> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Copies the current state file (if any) to its backup, atomically.
pub fn backup(path: &Path) -> io::Result<()> {
    match read_limited(path, MAX_STATE_BYTES, Links::Refuse) {
        Ok(bytes) => write_bytes_atomic(&backup_path(path), &bytes),
        Err(ReadError::NotFound) => Ok(()),
        Err(ReadError::Io(e)) => Err(e),
        Err(e) => Err(io::Error::other(format!("{}: {e}", path.display()))),
    }
}

/// Removes the temp files that killed writers of this state left behind
/// (full copies of the state and of its backup). Only call it holding the
/// exclusive [`StateLock`]: every writer of these files holds it, so none
/// of them is in use. Returns what was removed.
pub fn remove_stale_temps(state_path: &Path) -> io::Result<Vec<PathBuf>> {
    let dir = match state_path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let own = format!("{TEMP}{}", std::process::id());
    let prefixes: Vec<String> = [state_path.to_path_buf(), backup_path(state_path)]
        .iter()
        .filter_map(|p| p.file_name()?.to_str().map(|n| format!("{n}{TEMP}")))
        .collect();
    let mut removed = Vec::new();
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(removed),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let stale = prefixes.iter().any(|p| {
            name.strip_prefix(p.as_str())
                .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        }) && !name.ends_with(&own);
        if stale {
            fs::remove_file(entry.path())?;
            removed.push(entry.path());
        }
    }
    removed.sort();
    Ok(removed)
}

/// A lock on a state, held until dropped (or the process dies): exclusive
/// for whatever writes the state, shared for whatever only reads it (so a
/// plan never reads a state in the middle of an apply).
#[derive(Debug)]
pub struct StateLock {
    file: File,
    exclusive: bool,
}

#[derive(Debug)]
pub enum LockError {
    /// Another process holds the lock; what it wrote about itself (empty
    /// when only readers hold it).
    Held(String),
    Io(io::Error),
}

/// Opens the lock file; only a writer creates it, so readers leave nothing
/// behind in the stack's directory.
fn open_lock(state_path: &Path, create: bool) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).create(create).truncate(false);
    open_nofollow(&lock_path(state_path), &mut options, PRIVATE_MODE)
}

fn held_by(file: &mut File) -> LockError {
    let mut info = String::new();
    let _ = file.take(4096).read_to_string(&mut info);
    LockError::Held(info.trim().to_string())
}

impl StateLock {
    /// Takes the exclusive lock without waiting, and records `holder` (who
    /// and since when) in the lock file for whoever is refused meanwhile.
    /// The record is erased when the lock is released.
    pub fn acquire(state_path: &Path, holder: &str) -> Result<StateLock, LockError> {
        let mut file = open_lock(state_path, true).map_err(LockError::Io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(held_by(&mut file)),
            Err(TryLockError::Error(e)) => return Err(LockError::Io(e)),
        }
        file.set_len(0).map_err(LockError::Io)?;
        file.seek(SeekFrom::Start(0)).map_err(LockError::Io)?;
        file.write_all(holder.as_bytes()).map_err(LockError::Io)?;
        file.sync_all().map_err(LockError::Io)?;
        Ok(StateLock {
            file,
            exclusive: true,
        })
    }

    /// Takes a shared lock without waiting, for a reader. `Ok(None)` when
    /// there is no lock file (no writer ever ran here, and a reader creates
    /// none: it would be litter in the stack's directory) or none can be
    /// opened (a read-only checkout). A writer that starts meanwhile
    /// replaces the state only by rename, so the reader still sees one
    /// whole state.
    pub fn shared(state_path: &Path) -> Result<Option<StateLock>, LockError> {
        let mut file = match open_lock(state_path, false) {
            Ok(f) => f,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::PermissionDenied
                        | io::ErrorKind::ReadOnlyFilesystem
                        | io::ErrorKind::NotFound
                ) =>
            {
                return Ok(None);
            }
            Err(e) => return Err(LockError::Io(e)),
        };
        match file.try_lock_shared() {
            Ok(()) => Ok(Some(StateLock {
                file,
                exclusive: false,
            })),
            Err(TryLockError::WouldBlock) => Err(held_by(&mut file)),
            Err(TryLockError::Error(e)) => Err(LockError::Io(e)),
        }
    }
}

impl Drop for StateLock {
    /// Erases the holder's record before the lock goes, so a lock file left
    /// on disk never names a holder that is gone.
    fn drop(&mut self) {
        if self.exclusive {
            let _ = self.file.set_len(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::tests::{at, resource as vpc};

    #[test]
    fn a_journal_is_replayed_and_a_torn_line_dropped() {
        let dir = temp_dir("journal");
        let path = dir.join("skyplan.state.json");
        let mut base = State::new("l".into());
        base.applied_spec = Some("sha256:0".into());
        write_atomic(&path, &base).unwrap();
        let mut j = Journal::start(&path, &base).unwrap();
        let mut s = base.clone();
        for name in ["vpc.a", "vpc.b", "vpc.c"] {
            s.put(vpc(name));
            j.record(&s.delta(&[at(name)], &[], false)).unwrap();
        }
        drop(j);
        let text = fs::read_to_string(journal_path(&path)).unwrap();
        fs::write(journal_path(&path), &text[..text.len() - 5]).unwrap(); // torn last line
        let text = StateFiles::open(&path).unwrap();
        // A journal to replay: the file alone is not the network as built.
        assert_eq!(text.built(), None);
        let replayed = text.into_state().unwrap().unwrap();
        assert_eq!(replayed.resources.len(), 2);
        assert_eq!(replayed.serial, 2, "one serial per replayed step");
        // Part of an apply: the state is no longer what the spec said.
        assert_eq!(replayed.applied_spec, None);
        // Once the state is written past the journal's base, the journal is ignored.
        let mut written = s.clone();
        written.serial = 5;
        write_atomic(&path, &written).unwrap();
        assert_eq!(read(&path).unwrap().unwrap(), written);
        fs::remove_file(journal_path(&path)).unwrap();
        let built = StateFiles::open(&path).unwrap().built().unwrap();
        assert_eq!(built.applied_spec.as_deref(), Some("sha256:0"));
    }

    #[test]
    fn a_journal_without_its_state_file_is_refused() {
        let dir = temp_dir("orphan");
        let path = dir.join("skyplan.state.json");
        let base = State::new("other-lineage".into());
        Journal::start(&path, &base).unwrap();
        match read(&path) {
            Err(StateError::OrphanJournal { lineage, .. }) => assert_eq!(lineage, "other-lineage"),
            other => panic!("expected an orphan journal, got {other:?}"),
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_next_to_the_state_are_never_followed() {
        let dir = temp_dir("links");
        let path = dir.join("skyplan.state.json");
        let victim = dir.join("victim");
        fs::write(&victim, "precious").unwrap();
        for sibling in [
            lock_path(&path),
            journal_path(&path),
            sibling(&path, &format!("{TEMP}{}", std::process::id())),
        ] {
            std::os::unix::fs::symlink(&victim, &sibling).unwrap();
        }
        let err = StateLock::acquire(&path, "me").unwrap_err();
        assert!(
            matches!(err, LockError::Io(ref e) if e.to_string().contains("symbolic link")),
            "{err:?}"
        );
        assert!(Journal::start(&path, &State::new("l".into())).is_err());
        // The temp file of our own PID is a leftover: the link is removed, not followed.
        write_atomic(&path, &State::new("l".into())).unwrap();
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        // A state that is itself a link is not read through.
        let linked = dir.join("linked.json");
        std::os::unix::fs::symlink(&path, &linked).unwrap();
        assert!(matches!(read(&linked), Err(StateError::Io(e)) if e.contains("symbolic link")));
    }

    #[cfg(unix)]
    #[test]
    fn files_are_private_and_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = temp_dir("mode");
        let path = dir.join("skyplan.state.json");
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        write_atomic(&path, &State::new("l".into())).unwrap();
        assert_eq!(mode(&path), 0o600);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        backup(&path).unwrap();
        write_atomic(&path, &State::new("l".into())).unwrap();
        assert_eq!(mode(&path), 0o640, "kept across the rename");
        assert_eq!(mode(&backup_path(&path)), 0o600);
        Journal::start(&path, &State::new("l".into())).unwrap();
        assert_eq!(
            mode(&journal_path(&path)),
            0o640,
            "the journal holds what the state holds"
        );
        drop(StateLock::acquire(&path, "me").unwrap());
        assert_eq!(mode(&lock_path(&path)), 0o600);
    }

    #[test]
    fn stale_temp_files_are_removed_and_others_kept() {
        let dir = temp_dir("stale");
        let path = dir.join("skyplan.state.json");
        for name in [
            "skyplan.state.json.tmp-999999",
            "skyplan.state.json.backup.tmp-1",
            "skyplan.state.json.tmp-x",
            "other.tmp-3",
        ] {
            fs::write(dir.join(name), "{}").unwrap();
        }
        let removed = remove_stale_temps(&path).unwrap();
        assert_eq!(removed.len(), 2, "{removed:?}");
        assert!(dir.join("skyplan.state.json.tmp-x").exists());
        assert!(dir.join("other.tmp-3").exists());
    }

    #[cfg(unix)]
    #[test]
    fn reads_are_bounded_and_regular_files_only() {
        let dir = temp_dir("bounded");
        let big = dir.join("big");
        File::create(&big).unwrap().set_len(10_000).unwrap(); // sparse
        assert!(matches!(
            read_limited(&big, 100, Links::Follow),
            Err(ReadError::TooLarge {
                size: 10_000,
                limit: 100
            })
        ));
        assert!(matches!(
            read_limited(Path::new("/dev/zero"), 100, Links::Follow),
            Err(ReadError::NotRegular("device"))
        ));
        assert!(matches!(
            read_limited(&dir, 100, Links::Follow),
            Err(ReadError::NotRegular("directory"))
        ));
        let fifo = dir.join("fifo");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        assert!(matches!(
            read_limited(&fifo, 100, Links::Follow),
            Err(ReadError::NotRegular("FIFO"))
        ));
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

    /// A state many times the reading buffer is read in pieces to the
    /// same state the whole text reads as; one that is not UTF-8 or not
    /// JSON is read whole, which says so.
    #[test]
    fn a_large_state_reads_as_its_whole_text_and_a_bad_one_is_named() {
        let dir = temp_dir("pieces");
        let path = dir.join("skyplan.state.json");
        let mut s = State::new("l".into());
        for i in 0..4000 {
            s.put(vpc(&format!("vpc.v{i}")));
        }
        write_atomic(&path, &s).unwrap();
        assert!(fs::metadata(&path).unwrap().len() > 1 << 20);
        let files = StateFiles::open(&path).unwrap();
        assert!(files.built().is_some());
        assert_eq!(files.into_state().unwrap(), Some(s.clone()));
        let mut bytes = s.to_json().into_bytes();
        let at = bytes.len() / 2;
        bytes[at] = 0xff;
        fs::write(&path, &bytes).unwrap();
        let err = read(&path).unwrap_err().to_string();
        assert!(err.contains("is not UTF-8 text"), "{err}");
        fs::write(&path, &s.to_json()[..at]).unwrap();
        let err = read(&path).unwrap_err().to_string();
        assert!(err.contains("corrupt at line"), "{err}");
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
        assert!(
            matches!(StateLock::shared(&path), Err(LockError::Held(who)) if who == "pid 1 since noon")
        );
        drop(first);
        assert_eq!(
            fs::read_to_string(lock_path(&path)).unwrap(),
            "",
            "no holder named once released"
        );
        let reader = StateLock::shared(&path).unwrap();
        assert!(StateLock::shared(&path).unwrap().is_some(), "readers share");
        assert!(
            matches!(StateLock::acquire(&path, "pid 4"), Err(LockError::Held(who)) if who.is_empty())
        );
        drop(reader);
        assert!(StateLock::acquire(&path, "pid 3").is_ok());
    }
}
