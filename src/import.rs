//! `import`: a live network's snapshot (`scripts/snapshot.sh`) written as
//! a new stack: spec files and a state with the real ids. The specs are
//! checked in memory first; the stack's directory appears whole (written
//! beside it, then renamed) or not at all.

use std::path::{Path, PathBuf};

use skyplan_diagnostics::{Severity, SourceFiles};
use skyplan_import::{ImportError, Imported, Options, SnapshotFile};
use skyplan_plan::{Plan, PlanOptions};
use skyplan_state::State;
use skyplan_state::file::{self, Links, ReadError};

use crate::cli::ImportArgs;
use crate::terminal::escape_line;
use crate::workflow::{STATE_FILE, shown};
use crate::{Fatal, Ui, emit, note, render};
use skyplan_check::{Selection, check_stack};

/// The largest snapshot file read (a describe-instances of 100,000
/// instances is about 600 MB).
const MAX_SNAPSHOT_FILE: u64 = 1 << 30;

pub fn run_import(args: &ImportArgs, ui: Ui) -> Result<u8, Fatal> {
    check_out(&args.out)?;
    let files = read_snapshot(&args.snapshot, ui)?;
    let options = Options {
        region: args.region.clone(),
        default_vpcs: args.default_vpcs,
        known: Default::default(),
    };
    let imported =
        skyplan_import::import(&files, &options).map_err(|e| refused(&args.snapshot, &e))?;
    let (state, errors) = imported_state(&imported, &args.out, &files, ui)?;
    write_stack(&args.out, &imported, &state)?;
    if !ui.quiet {
        show_notes(&imported.notes);
        emit(&format!(
            "Imported {} resources of {} into {} ({}, {STATE_FILE}).\n",
            state.resources.len(),
            escape_line(&imported.region),
            shown(&args.out),
            imported
                .files
                .iter()
                .map(|(name, _)| name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ));
        if errors > 0 {
            emit(&format!(
                "The network has {errors} error(s) skyplan's checks find (above; `skyplan lint {}` lists them again). `plan` and `apply` refuse the stack until they are fixed in its specs.\n",
                shown(&args.out)
            ));
        } else {
            emit(&format!(
                "Run `skyplan plan {}`: it shows no changes; `skyplan lint`, `reach` and `exposure` work on the network.\n",
                shown(&args.out)
            ));
        }
    }
    Ok(0)
}

/// `note:` lines on stderr, one per note.
fn show_notes(notes: &[skyplan_import::Note]) {
    for n in notes {
        match &n.id {
            Some(id) => note(&format!(
                "note: {}: {}",
                escape_line(id),
                escape_line(&n.text)
            )),
            None => note(&format!("note: {}", escape_line(&n.text))),
        }
    }
}

fn refused(snapshot: &Path, e: &ImportError) -> Fatal {
    Fatal::refused(format!(
        "{}/{}; nothing was written",
        shown(snapshot),
        escape_line(&e.to_string())
    ))
}

/// Import writes a new stack: never into a directory or over a file that
/// exists.
fn check_out(out: &Path) -> Result<(), Fatal> {
    if std::fs::symlink_metadata(out).is_ok() {
        return Err(Fatal::usage(format!(
            "--out {}: it exists; import writes a new stack and never overwrites one. Name a directory that does not exist",
            shown(out)
        )));
    }
    Ok(())
}

/// The snapshot's files import knows, each read whole after its size is
/// checked; links are not followed.
fn read_snapshot(dir: &Path, ui: Ui) -> Result<Vec<SnapshotFile>, Fatal> {
    let meta = std::fs::metadata(dir)
        .map_err(|e| Fatal::usage(format!("cannot read {}: {e}", shown(dir))))?;
    if !meta.is_dir() {
        return Err(Fatal::usage(format!(
            "{} is not a directory: a snapshot is the directory scripts/snapshot.sh writes",
            shown(dir)
        )));
    }
    let known = skyplan_import::REQUIRED
        .iter()
        .chain(skyplan_import::OPTIONAL)
        .copied();
    let mut files = Vec::new();
    for name in known {
        let path = dir.join(name);
        let bytes = match file::read_limited(&path, MAX_SNAPSHOT_FILE, Links::Refuse) {
            Ok(bytes) => bytes,
            Err(ReadError::NotFound) => continue,
            Err(e) => {
                return Err(Fatal::usage(format!("cannot read {}: {e}", shown(&path))));
            }
        };
        let text = String::from_utf8(bytes).map_err(|e| {
            Fatal::refused(format!(
                "{}: not UTF-8 text (byte {}); nothing was written",
                shown(&path),
                e.utf8_error().valid_up_to()
            ))
        })?;
        if ui.verbose {
            note(&format!("read {}", shown(&path)));
        }
        files.push(SnapshotFile {
            name: name.to_string(),
            text,
        });
    }
    Ok(files)
}

/// The imported specs checked as a stack, in memory (named as files of
/// `dir`): their sources, errors and desired resources.
fn check_imported(
    imported: &Imported,
    dir: &Path,
) -> (
    SourceFiles,
    Vec<skyplan_diagnostics::Diagnostic>,
    Vec<skyplan_plan::Desired>,
) {
    let mut sources = SourceFiles::new();
    let ids: Vec<_> = imported
        .files
        .iter()
        .map(|(name, text)| sources.add(dir.join(name).display().to_string(), text.clone()))
        .collect();
    let selection = Selection {
        skip_reachability: true,
        ..Selection::default()
    };
    let checked = check_stack(
        &sources,
        &ids,
        &Default::default(),
        &Default::default(),
        Vec::new(),
        &selection,
    );
    let errors: Vec<_> = checked
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let desired = skyplan_plan::desired(&checked.model);
    (sources, errors, desired)
}

/// Checks the imported specs and builds their state. Findings on the
/// network (it is what AWS built: a NAT gateway without a route out is a
/// finding, not a reason to refuse) are shown and counted; only specs that
/// lose a resource stop the import.
fn imported_state(
    imported: &Imported,
    out: &Path,
    files: &[SnapshotFile],
    ui: Ui,
) -> Result<(State, usize), Fatal> {
    let (sources, errors, desired) = check_imported(imported, out);
    let digest =
        skyplan_plan::ids::spec_digest(files.iter().map(|f| (f.name.as_str(), f.text.as_str())));
    match skyplan_import::state(
        &desired,
        &imported.observed,
        skyplan_plan::ids::lineage(&digest),
    ) {
        Ok(state) => {
            if !errors.is_empty() && !ui.quiet {
                emit(&render::text(&sources, &errors, ui.color));
            }
            Ok((state, errors.len()))
        }
        Err(e) => {
            emit(&render::text(&sources, &errors, ui.color));
            Err(Fatal::refused(format!(
                "{}; nothing was written",
                escape_line(&e.to_string())
            )))
        }
    }
}

/// `plan --snapshot`: the saved state as a later snapshot shows the
/// network (the state's names kept, what a snapshot cannot show carried
/// over), and the drift, the plan from the saved state to it.
pub fn refresh(saved: &State, snapshot: &Path, ui: Ui) -> Result<(State, Plan), Fatal> {
    let files = read_snapshot(snapshot, ui)?;
    let options = Options {
        known: skyplan_import::known_ids(saved),
        ..Options::default()
    };
    let refused = |e: ImportError| {
        Fatal::refused(format!(
            "{}/{}",
            shown(snapshot),
            escape_line(&e.to_string())
        ))
    };
    let imported = skyplan_import::import(&files, &options).map_err(refused)?;
    if ui.verbose {
        show_notes(&imported.notes);
    }
    let (sources, errors, mut desired) = check_imported(&imported, snapshot);
    skyplan_import::carry_unobservable(&mut desired, saved);
    let refreshed = skyplan_import::refresh(&desired, &imported.observed, saved).map_err(|e| {
        emit(&render::text(&sources, &errors, ui.color));
        Fatal::refused(escape_line(&e.to_string()).into_owned())
    })?;
    let drift = skyplan_plan::plan(&desired, Some(saved), &PlanOptions::default(), "", "")
        .map_err(|errors| {
            let what: Vec<String> = errors.iter().map(ToString::to_string).collect();
            Fatal::refused(format!(
                "{}: {}",
                shown(snapshot),
                escape_line(&what.join("; "))
            ))
        })?;
    Ok((refreshed, drift))
}

/// Writes the stack into a new directory beside `out`, then renames it
/// to `out`: the stack appears whole or not at all.
fn write_stack(out: &Path, imported: &Imported, state: &State) -> Result<(), Fatal> {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Fatal::usage(format!("--out {}: name a directory", shown(out))))?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let temp = parent.join(format!(".{name}.import-{}", std::process::id()));
    let fail = |what: &Path, e: std::io::Error| {
        let _ = std::fs::remove_dir_all(&temp);
        Fatal::usage(format!(
            "cannot write {}: {e}; nothing was written",
            shown(what)
        ))
    };
    std::fs::create_dir(&temp).map_err(|e| fail(&temp, e))?;
    for (file_name, text) in &imported.files {
        let path = temp.join(file_name);
        file::write_bytes_atomic(&path, text.as_bytes()).map_err(|e| fail(&path, e))?;
    }
    let state_path = temp.join(STATE_FILE);
    file::write_atomic(&state_path, state).map_err(|e| fail(&state_path, e))?;
    // A directory that appeared meanwhile is never replaced.
    if std::fs::symlink_metadata(out).is_ok() {
        return Err(fail(
            out,
            std::io::Error::new(std::io::ErrorKind::AlreadyExists, "it appeared meanwhile"),
        ));
    }
    std::fs::rename(&temp, out).map_err(|e| fail(out, e))
}
