//! Finding stacks on disk and reading their files: the only file I/O of a
//! check. A stack is one directory; its files are every `*.yaml` / `*.yml`
//! directly in it (hidden files excluded), in file-name order.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use skyplan_diagnostics::{Diagnostic, FileId, Rule, SourceFiles, Span};
use skyplan_spec::yaml::MAX_FILE_BYTES;
use skyplan_state::file::{Links, ReadError, read_limited};

use crate::terminal::escape_line;

/// One stack to check: where it is and which files it has.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct StackPath {
    pub dir: PathBuf,
    pub files: Vec<PathBuf>,
}

fn is_spec_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    !name.starts_with('.') && (name.ends_with(".yaml") || name.ends_with(".yml"))
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
}

fn cannot_read(path: &Path, e: impl std::fmt::Display) -> String {
    format!(
        "cannot read {}: {e}",
        escape_line(&path.display().to_string())
    )
}

/// The spec files directly in `dir`, sorted by name. A link to a spec file
/// counts (it is read through); anything else that is not a regular file
/// under a spec name (a FIFO, a device) is refused rather than opened.
fn spec_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if !is_spec_file(&path) {
            continue;
        }
        match fs::metadata(&path) {
            Ok(m) if m.is_file() => files.push(path),
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(io::Error::other(format!(
                    "{} is not a regular file",
                    escape_line(&path.display().to_string())
                )));
            }
            Err(e) => return Err(e),
        }
    }
    files.sort();
    Ok(files)
}

/// Every stack below `dir` (including `dir`), sorted by path. Links to
/// directories are not followed: a link loop would otherwise make the walk
/// exponential and check one stack many times.
fn stacks_below(dir: &Path, out: &mut BTreeSet<PathBuf>) -> io::Result<()> {
    if !spec_files(dir)?.is_empty() {
        out.insert(dir.to_path_buf());
    }
    let mut subdirs = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir()
            && !is_hidden(&path)
            && path.file_name().is_none_or(|n| n != "target")
        {
            subdirs.push(path);
        }
    }
    subdirs.sort();
    for d in subdirs {
        stacks_below(&d, out)?;
    }
    Ok(())
}

fn parent_dir(file: &Path) -> PathBuf {
    match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `lint` / `validate` arguments to stacks: a file means the stack of its
/// directory, a directory every stack below it.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<StackPath>, String> {
    let defaults = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &defaults[..]
    } else {
        paths
    };
    let mut dirs = BTreeSet::new();
    for p in paths {
        let meta = fs::metadata(p).map_err(|e| cannot_read(p, e))?;
        if meta.is_dir() {
            stacks_below(p, &mut dirs).map_err(|e| cannot_read(p, e))?;
        } else if !meta.is_file() {
            return Err(cannot_read(p, "not a regular file"));
        } else if is_spec_file(p) {
            dirs.insert(parent_dir(p));
        }
    }
    dirs.into_iter()
        .map(|dir| {
            let files = spec_files(&dir).map_err(|e| cannot_read(&dir, e))?;
            Ok(StackPath { dir, files })
        })
        .collect()
}

/// The directory of the one stack a workflow command works on: a directory
/// is itself, a file means the stack of its directory (never a stack of that
/// file alone: its siblings' resources would be planned for destruction).
pub fn stack_dir(path: Option<&Path>) -> Result<PathBuf, String> {
    let path = path.unwrap_or(Path::new("."));
    let meta = fs::metadata(path).map_err(|e| cannot_read(path, e))?;
    if meta.is_dir() {
        Ok(path.to_path_buf())
    } else if meta.is_file() {
        Ok(parent_dir(path))
    } else {
        Err(cannot_read(path, "not a regular file or directory"))
    }
}

/// The one stack of `graph`, `plan` and `apply`: every spec file of the
/// directory [`stack_dir`] names.
pub fn single(path: Option<&Path>) -> Result<StackPath, String> {
    let dir = stack_dir(path)?;
    let files = spec_files(&dir).map_err(|e| cannot_read(&dir, e))?;
    if !files.is_empty() {
        return Ok(StackPath { dir, files });
    }
    let shown = escape_line(&dir.display().to_string()).into_owned();
    let below = discover(std::slice::from_ref(&dir)).unwrap_or_default();
    Err(match below.as_slice() {
        [] => format!("{shown} holds no *.yaml or *.yml spec files"),
        stacks => {
            // A few by name, then a count: a monorepo holds hundreds.
            const SHOWN: usize = 5;
            let names: Vec<String> = stacks
                .iter()
                .take(SHOWN)
                .map(|s| escape_line(&s.dir.display().to_string()).into_owned())
                .collect();
            let more = match stacks.len().saturating_sub(SHOWN) {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            format!(
                "{shown} is not a stack (it holds no spec files itself) but holds {} below it: {}{more}; name one",
                if stacks.len() == 1 {
                    "1 stack".to_string()
                } else {
                    format!("{} stacks", stacks.len())
                },
                names.join(", ")
            )
        }
    })
}

/// Reads a stack's files into `sources`, each checked for type and size
/// before it is read. A file that is not UTF-8 or is too large becomes a
/// diagnostic; any other read failure is an error of the run.
pub fn read(
    stack: &StackPath,
    sources: &mut SourceFiles,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<FileId>, String> {
    let mut ids = Vec::new();
    for file in &stack.files {
        let name = file.display().to_string();
        let bytes = match read_limited(file, MAX_FILE_BYTES as u64, Links::Follow) {
            Ok(bytes) => bytes,
            Err(ReadError::TooLarge { size, limit }) => {
                let id = sources.add(name.clone(), String::new());
                diagnostics.push(
                    Diagnostic::new(
                        Rule::YamlLimits,
                        format!("{name} is {size} bytes, more than the {limit} skyplan reads"),
                    )
                    .at(Span::new(id, 0, 0), "file too large")
                    .help("split the stack into several files"),
                );
                continue;
            }
            Err(e) => return Err(cannot_read(file, e)),
        };
        match String::from_utf8(bytes) {
            Ok(text) => ids.push(sources.add(name, text)),
            Err(e) => {
                let at = e.utf8_error().valid_up_to() as u32;
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let id = sources.add(name.clone(), text);
                diagnostics.push(
                    Diagnostic::new(Rule::YamlSyntax, format!("{name} is not UTF-8 text"))
                        .at(Span::new(id, at, at + 1), "invalid UTF-8 here"),
                );
            }
        }
    }
    Ok(ids)
}
