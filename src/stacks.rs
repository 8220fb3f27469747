//! Finding stacks on disk and reading their files: the only file I/O of a
//! check. A stack is one directory; its files are every `*.yaml` / `*.yml`
//! directly in it (hidden files excluded), in file-name order.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use skyplan_diagnostics::{Diagnostic, FileId, Rule, SourceFiles, Span};

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

/// The spec files directly in `dir`, sorted by name.
fn spec_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_file() && is_spec_file(&path) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Every stack below `dir` (including `dir`), sorted by path.
fn stacks_below(dir: &Path, out: &mut BTreeSet<PathBuf>) -> io::Result<()> {
    if !spec_files(dir)?.is_empty() {
        out.insert(dir.to_path_buf());
    }
    let mut subdirs = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() && !is_hidden(&path) && path.file_name().is_none_or(|n| n != "target") {
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
        let meta = fs::metadata(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
        if meta.is_dir() {
            stacks_below(p, &mut dirs).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
        } else if is_spec_file(p) {
            dirs.insert(parent_dir(p));
        }
    }
    dirs.into_iter()
        .map(|dir| {
            let files =
                spec_files(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
            Ok(StackPath { dir, files })
        })
        .collect()
}

/// The one stack of `graph` (and later `plan`): a directory, or a single
/// file as a one-file stack.
pub fn single(path: Option<&Path>) -> Result<StackPath, String> {
    let path = path.unwrap_or(Path::new("."));
    let meta = fs::metadata(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if meta.is_dir() {
        let files = spec_files(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if files.is_empty() {
            return Err(format!(
                "{} holds no *.yaml or *.yml spec files",
                path.display()
            ));
        }
        Ok(StackPath {
            dir: path.to_path_buf(),
            files,
        })
    } else {
        Ok(StackPath {
            dir: parent_dir(path),
            files: vec![path.to_path_buf()],
        })
    }
}

/// Reads a stack's files into `sources`. A file that is not UTF-8 becomes
/// a diagnostic; any other read failure is an error of the run.
pub fn read(
    stack: &StackPath,
    sources: &mut SourceFiles,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<FileId>, String> {
    let mut ids = Vec::new();
    for file in &stack.files {
        let bytes = fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let name = file.display().to_string();
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
