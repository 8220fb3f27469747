//! Finding stacks on disk and reading their files: the only file I/O of a
//! check. A stack is one directory; its files are every `*.yaml` / `*.yml`
//! directly in it (hidden files excluded), in file-name order.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use skyplan_diagnostics::{Diagnostic, FileId, Rule, SourceFiles, Span};
use skyplan_spec::yaml::MAX_FILE_BYTES;
use skyplan_spec::{ModuleFiles, ModuleReader, YamlFile, classify_yaml, read_modules};
use skyplan_state::file::{Links, ReadError, read_limited};

use crate::config;
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

/// What `lint` and `validate` found to check, and the YAML they left out.
#[derive(Debug, Default)]
pub struct Discovered {
    pub stacks: Vec<StackPath>,
    /// YAML files that are no stack: another tool's (a CI workflow, a
    /// compose file), hidden, or excluded by `skyplan.toml`.
    pub skipped: Vec<PathBuf>,
}

/// The `exclude` globs of the `skyplan.toml` above each path, read once
/// per file.
#[derive(Default)]
struct Excludes {
    by_config: HashMap<PathBuf, Vec<String>>,
}

impl Excludes {
    fn excluded(&mut self, path: &Path) -> Result<bool, String> {
        let dir = if path.is_dir() {
            path.to_path_buf()
        } else {
            parent_dir(path)
        };
        let Some(toml) = config::find(&dir) else {
            return Ok(false);
        };
        let globs = match self.by_config.get(&toml) {
            Some(g) => g,
            None => {
                let g = config::excludes(&toml)?;
                self.by_config.entry(toml.clone()).or_insert(g)
            }
        };
        if globs.is_empty() {
            return Ok(false);
        }
        let root = toml.parent().unwrap_or(Path::new("/"));
        let full = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        let Ok(rel) = full.strip_prefix(root) else {
            return Ok(false);
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        Ok(globs.iter().any(|g| config::glob_matches(g, &rel)))
    }
}

/// Whether a YAML file is another tool's (read bounded, like a spec).
fn is_foreign(path: &Path) -> bool {
    read_limited(path, MAX_FILE_BYTES as u64, Links::Follow)
        .ok()
        .is_some_and(|bytes| classify_yaml(&String::from_utf8_lossy(&bytes)) == YamlFile::Foreign)
}

/// Every stack below `dir` (including `dir`), sorted by path. Links to
/// directories are not followed: a link loop would otherwise make the walk
/// exponential and check one stack many times. A directory whose YAML is
/// all another tool's is no stack.
fn stacks_below(
    dir: &Path,
    excludes: &mut Excludes,
    out: &mut BTreeSet<PathBuf>,
    skipped: &mut Vec<PathBuf>,
) -> Result<(), String> {
    if excludes.excluded(dir)? {
        skipped.push(dir.to_path_buf());
        return Ok(());
    }
    let files = spec_files(dir).map_err(|e| cannot_read(dir, e))?;
    let mut kept = Vec::new();
    for f in files {
        if excludes.excluded(&f)? {
            skipped.push(f);
        } else {
            kept.push(f);
        }
    }
    if !kept.is_empty() {
        if kept.iter().all(|f| is_foreign(f)) {
            skipped.extend(kept);
        } else {
            out.insert(dir.to_path_buf());
        }
    }
    let mut subdirs = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| cannot_read(dir, e))? {
        let entry = entry.map_err(|e| cannot_read(dir, e))?;
        let path = entry.path();
        if entry
            .file_type()
            .map_err(|e| cannot_read(&path, e))?
            .is_dir()
            && !is_hidden(&path)
            && path.file_name().is_none_or(|n| n != "target")
        {
            subdirs.push(path);
        }
    }
    subdirs.sort();
    for d in subdirs {
        stacks_below(&d, excludes, out, skipped)?;
    }
    Ok(())
}

fn parent_dir(file: &Path) -> PathBuf {
    match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Whether a path named on the command line is in a hidden directory or
/// is a hidden file (`.github/workflows/ci.yml`, `.pre-commit-config.yaml`).
fn in_hidden(path: &Path) -> bool {
    path.components().any(|c| match c {
        std::path::Component::Normal(n) => n.to_str().is_some_and(|n| n.starts_with('.')),
        _ => false,
    })
}

/// `lint` / `validate` arguments to stacks: a file means the stack of its
/// directory, a directory every stack below it. YAML that is no stack (as
/// pre-commit passes every YAML file of a repository) is left out and
/// listed in [`Discovered::skipped`].
pub fn discover(paths: &[PathBuf]) -> Result<Discovered, String> {
    let defaults = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &defaults[..]
    } else {
        paths
    };
    let mut excludes = Excludes::default();
    let mut dirs = BTreeSet::new();
    let mut skipped = Vec::new();
    let mut named_files = false;
    for p in paths {
        let meta = fs::metadata(p).map_err(|e| cannot_read(p, e))?;
        if meta.is_dir() {
            stacks_below(p, &mut excludes, &mut dirs, &mut skipped)?;
        } else if !meta.is_file() {
            return Err(cannot_read(p, "not a regular file"));
        } else if is_spec_file(p) {
            if in_hidden(p) || excludes.excluded(p)? || is_foreign(p) {
                skipped.push(p.clone());
            } else {
                named_files = true;
                dirs.insert(parent_dir(p));
            }
        }
    }
    if named_files {
        add_callers(&mut dirs, &mut excludes)?;
    }
    let mut stacks: Vec<StackPath> = dirs
        .into_iter()
        .map(stack_at)
        .collect::<Result<_, String>>()?;
    // A module is checked through the stacks that use it, with their
    // values; alone, its variables would have none.
    if stacks.len() > 1 {
        let modules = reached_from_callers(&module_uses(&stacks));
        stacks.retain(|s| fs::canonicalize(&s.dir).map_or(true, |d| !modules.contains(&d)));
    }
    skipped.sort();
    skipped.dedup();
    Ok(Discovered { stacks, skipped })
}

fn stack_at(dir: PathBuf) -> Result<StackPath, String> {
    let files = spec_files(&dir).map_err(|e| cannot_read(&dir, e))?;
    Ok(StackPath { dir, files })
}

/// Pre-commit names the files that changed: a changed module is checked
/// through the stacks below the working directory that use it, directly
/// or through other modules, so those join `dirs`.
fn add_callers(dirs: &mut BTreeSet<PathBuf>, excludes: &mut Excludes) -> Result<(), String> {
    let mut everything = BTreeSet::new();
    if stacks_below(Path::new("."), excludes, &mut everything, &mut Vec::new()).is_err() {
        // An unreadable corner of the tree: the named stacks are checked
        // as they are (a module alone says which variables lack values).
        return Ok(());
    }
    let everything: Vec<StackPath> = everything
        .into_iter()
        .map(stack_at)
        .collect::<Result<_, String>>()?;
    let uses = module_uses(&everything);
    let mut callers: HashMap<&PathBuf, Vec<&PathBuf>> = HashMap::new();
    for (caller, modules) in &uses {
        for module in modules {
            callers.entry(module).or_default().push(caller);
        }
    }
    let shown: HashMap<PathBuf, &PathBuf> = everything
        .iter()
        .filter_map(|s| Some((fs::canonicalize(&s.dir).ok()?, &s.dir)))
        .collect();
    let mut todo: Vec<PathBuf> = dirs
        .iter()
        .filter_map(|d| fs::canonicalize(d).ok())
        .collect();
    let mut seen: BTreeSet<PathBuf> = todo.iter().cloned().collect();
    while let Some(dir) = todo.pop() {
        for &caller in callers.get(&dir).into_iter().flatten() {
            if seen.insert(caller.clone()) {
                if let Some(&name) = shown.get(caller) {
                    dirs.insert(name.clone());
                }
                todo.push(caller.clone());
            }
        }
    }
    Ok(())
}

/// For each stack (by canonical directory), the directories (canonical)
/// its files use as modules.
fn module_uses(stacks: &[StackPath]) -> HashMap<PathBuf, Vec<PathBuf>> {
    let mut uses = HashMap::new();
    for stack in stacks {
        let Ok(dir) = fs::canonicalize(&stack.dir) else {
            continue;
        };
        let mut called = Vec::new();
        for file in &stack.files {
            let Ok(bytes) = read_limited(file, MAX_FILE_BYTES as u64, Links::Follow) else {
                continue;
            };
            let Ok(text) = std::str::from_utf8(&bytes) else {
                continue;
            };
            for source in skyplan_spec::modules::module_sources(text) {
                called.extend(fs::canonicalize(stack.dir.join(source)).ok());
            }
        }
        uses.insert(dir, called);
    }
    uses
}

/// The directories that stacks no other stack calls use as modules,
/// directly or through other modules. A ring of stacks that only use each
/// other is not among them (to be reported as the ring it is).
fn reached_from_callers(uses: &HashMap<PathBuf, Vec<PathBuf>>) -> BTreeSet<PathBuf> {
    let called: BTreeSet<&PathBuf> = uses.values().flatten().collect();
    let mut todo: Vec<&PathBuf> = uses.keys().filter(|d| !called.contains(d)).collect();
    let mut modules = BTreeSet::new();
    while let Some(dir) = todo.pop() {
        for module in uses.get(dir).into_iter().flatten() {
            if modules.insert(module.clone()) {
                todo.push(module);
            }
        }
    }
    modules
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
    let below = discover(std::slice::from_ref(&dir))
        .map(|d| d.stacks)
        .unwrap_or_default();
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
///
/// Then the modules the stack uses, and the modules they use, each
/// directory read once the same way (see `skyplan_spec::modules`).
pub fn read(
    stack: &StackPath,
    sources: &mut SourceFiles,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(Vec<FileId>, ModuleFiles), String> {
    let ids = read_files(&stack.files, sources, diagnostics)?;
    let root = fs::canonicalize(&stack.dir).map_err(|e| cannot_read(&stack.dir, e))?;
    let mut reader = ModuleDirs {
        diagnostics: Vec::new(),
    };
    let modules = read_modules(
        sources,
        &root.display().to_string(),
        &ids,
        &mut reader,
        diagnostics,
    );
    diagnostics.append(&mut reader.diagnostics);
    Ok((ids, modules))
}

/// Reads module directories for `read_modules`.
struct ModuleDirs {
    /// What reading a module's files found (too large, not UTF-8).
    diagnostics: Vec<Diagnostic>,
}

impl ModuleReader for ModuleDirs {
    fn locate(
        &mut self,
        sources: &SourceFiles,
        caller: FileId,
        source: &str,
    ) -> Result<String, String> {
        let caller = Path::new(&sources.get(caller).name);
        let dir = parent_dir(caller).join(source);
        let shown = dir.display().to_string();
        let shown = escape_line(&shown);
        // Canonical: one key per directory however it is named; a ring of
        // links is an error here, never followed.
        let canonical = fs::canonicalize(&dir)
            .map_err(|e| format!("module source {shown} cannot be read: {e}"))?;
        if !canonical.is_dir() {
            return Err(format!("module source {shown} is not a directory"));
        }
        Ok(canonical.display().to_string())
    }

    fn read(&mut self, sources: &mut SourceFiles, dir: &str) -> Result<Vec<FileId>, String> {
        let dir = Path::new(dir);
        let files = spec_files(dir).map_err(|e| cannot_read(dir, e))?;
        if files.is_empty() {
            return Err(format!(
                "module source {} has no spec files (*.yaml, *.yml)",
                escape_line(&dir.display().to_string())
            ));
        }
        // Shown as the user would name them: from the working directory
        // when they are below it.
        let here = std::env::current_dir().and_then(fs::canonicalize).ok();
        let files: Vec<PathBuf> = files
            .into_iter()
            .map(
                |f| match here.as_deref().and_then(|h| f.strip_prefix(h).ok()) {
                    Some(relative) => relative.to_path_buf(),
                    None => f,
                },
            )
            .collect();
        read_files(&files, sources, &mut self.diagnostics)
    }
}

/// Reads `files` into `sources`, in order.
fn read_files(
    files: &[PathBuf],
    sources: &mut SourceFiles,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<FileId>, String> {
    let mut ids = Vec::new();
    for file in files {
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
