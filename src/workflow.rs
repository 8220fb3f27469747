//! `plan`, `apply`, `destroy`, `show` and `state`: the Terraform-style
//! workflow on the simulated state file.
//!
//! A file argument means the stack of its directory. Whatever writes the
//! state holds its exclusive lock; whatever only reads it holds a shared
//! one, so a plan never sees the middle of an apply. `destroy`, `show` and
//! `state` need only the state, never the specs.

use std::io::{BufRead, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use skyplan_apply::ApplyFailure;
use skyplan_diagnostics::{Diagnostic, Severity, SourceFiles};
use skyplan_plan::{Desired, ExposureChanges, Plan, PlanOptions, StepAction, targets_address};
use skyplan_state::file::{self, LockError, StateLock};
use skyplan_state::{Address, Exposed, State, StateError};

use crate::cli::{
    ApplyArgs, DestroyArgs, ExportArgs, ExportFormat, OutputArgs, PlanArgs, ShowArgs, StackArgs,
    StateCommand,
};
use crate::stacks::{self, StackPath};
use crate::terminal::{Paint, escape_line, utc_date};
use crate::{Fatal, Ui, config, emit, note, render, render_plan};
use skyplan_check::{Selection, Stack, check_stack_then};
use skyplan_model::{Output, OutputValue};

pub const STATE_FILE: &str = "skyplan.state.json";
/// Exit code of `plan --detailed-exitcode` when there are changes.
const CHANGES: u8 = 2;
/// Above this many steps, apply reports progress instead of every step.
const QUIET_STEPS: usize = 200;

/// A stack that loaded and checked without errors.
pub struct ValidStack {
    pub path: StackPath,
    pub model: skyplan_model::Model,
    /// `sha256:` of its files (by file name), recorded in saved plans.
    pub digest: String,
    /// Its `moved:` entries (from, to).
    moves: Vec<(Address, Address)>,
    /// What the internet reaches once it is applied (`plan`, `apply`).
    exposure: Option<Vec<Exposed>>,
    /// The stack's warnings, shown under its plan, and their sources.
    warnings: Vec<Diagnostic>,
    sources: SourceFiles,
}

pub(crate) fn shown(path: &Path) -> String {
    escape_line(&path.display().to_string()).into_owned()
}

/// The state file of the stack in `dir`: `--state`, else the one of the
/// environment (`--env`), else `skyplan.state.json`.
pub(crate) fn state_path(dir: &Path, flag: Option<&Path>, ui: Ui) -> Result<PathBuf, Fatal> {
    ui.environment.state_path(dir, flag, None)
}

/// The stack's directory as recorded in plans: absolute, so a saved plan
/// applies from any working directory.
fn absolute(dir: &Path) -> String {
    dir.canonicalize()
        .unwrap_or_else(|_| dir.to_path_buf())
        .display()
        .to_string()
}

/// Loads and checks a stack with its `skyplan.toml`. On errors prints them
/// (as the diagnostics JSON when `json`, so `| jq` still works) and fails
/// the command; warnings are kept for the caller to show.
pub fn load_valid(at: Option<&Path>, ui: Ui, json: bool) -> Result<ValidStack, Fatal> {
    load_checked(at, ui, json, Gate::AllErrors)
}

/// [`load_valid`] for a plan that shows no warning and records no
/// exposure (`plan -q` without `--json`, `--out` or `--deny-widening`):
/// what nothing reads is not worked out.
fn load_for_quiet_plan(at: Option<&Path>, ui: Ui) -> Result<ValidStack, Fatal> {
    load_checked(at, ui, false, Gate::ErrorsOnly)
}

/// Which checks a command needs before it works on a stack.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gate {
    /// `plan` and `apply`: every check, expectations included; any error
    /// stops them.
    AllErrors,
    /// `plan -q` whose output shows nothing but changes: every check that
    /// can stop it (expectations included), but no warnings and no record
    /// of what the internet reaches.
    ErrorsOnly,
    /// `graph`, `reach` and `exposure` work on the network as it is: the
    /// reachability findings (which walk many paths) are not computed, so
    /// failing expectations do not stop them (`reach` is how one finds out
    /// why they fail).
    WithoutReachability,
}

pub(crate) fn load_checked(
    at: Option<&Path>,
    ui: Ui,
    json: bool,
    gate: Gate,
) -> Result<ValidStack, Fatal> {
    load_checked_then(at, ui, json, gate, || {})
}

/// [`load_checked`], calling `loaded` when the stack's files are loaded
/// and the one-thread part of the checks begins (see
/// [`skyplan_check::check_stack_then`]).
pub(crate) fn load_checked_then(
    at: Option<&Path>,
    ui: Ui,
    json: bool,
    gate: Gate,
    loaded: impl FnOnce(),
) -> Result<ValidStack, Fatal> {
    let path = stacks::single(at).map_err(Fatal::usage)?;
    let mut sources = SourceFiles::new();
    let mut diagnostics = Vec::new();
    let (files, modules) =
        stacks::read(&path, &mut sources, &mut diagnostics).map_err(Fatal::usage)?;
    let mut selection = match config::find(&path.dir) {
        Some(toml) => config::load(&toml, &Selection::default()).map_err(Fatal::usage)?,
        None => Selection::default(),
    };
    selection.enforce_refusals = true;
    selection.skip_reachability = gate == Gate::WithoutReachability;
    selection.record_exposure = gate == Gate::AllErrors;
    selection.errors_only |= gate == Gate::ErrorsOnly;
    if ui.verbose {
        note(&format!(
            "stack {} ({} files)",
            shown(&path.dir),
            path.files.len()
        ));
    }
    let inputs = ui.environment.inputs(&path.dir, None, &mut sources)?;
    let stack = Stack {
        sources: &sources,
        files: &files,
        modules: &modules,
        inputs: &inputs,
    };
    let checked = check_stack_then(stack, diagnostics, &selection, loaded);
    let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = checked
        .diagnostics
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    if !errors.is_empty() {
        if json {
            emit(&render::json(&sources, &errors, false));
        } else {
            emit(&render::text(&sources, &errors, ui.color));
        }
        return Err(Fatal::refused(format!(
            "{} has {} error(s); fix them first",
            shown(&path.dir),
            errors.len()
        )));
    }
    // The variables' values are part of what the stack says.
    let values: String = (inputs.values.iter())
        .map(|i| format!("{}={:?}\n", i.name, i.value))
        .collect();
    let digest = skyplan_plan::ids::spec_digest(
        files
            .iter()
            .map(|&f| {
                let s = sources.get(f);
                let base = Path::new(&s.name)
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or(&s.name);
                (base, s.text.as_str())
            })
            .chain((!values.is_empty()).then_some(("--var", values.as_str()))),
    );
    Ok(ValidStack {
        path,
        moves: checked.model.moved.clone(),
        exposure: checked.exposure,
        model: checked.model,
        digest,
        warnings,
        sources,
    })
}

impl ValidStack {
    /// What the stack asks for, for a plan. The model is freed here: on a
    /// large stack it is as large as the state the plan is made against,
    /// and nothing after the plan reads it.
    fn take_desired(&mut self) -> Vec<Desired> {
        skyplan_plan::desired(&std::mem::take(&mut self.model))
    }

    /// The stack's warnings under a plan (stderr beside JSON output).
    pub(crate) fn sources(&self) -> &SourceFiles {
        &self.sources
    }

    fn show_warnings(&self, ui: Ui, json: bool) {
        if self.warnings.is_empty() || ui.quiet {
            return;
        }
        let text = render::text(&self.sources, &self.warnings, ui.color && !json);
        if json {
            note(text.trim_end());
        } else {
            emit(&format!("\n{text}"));
        }
    }
}

pub(crate) fn read_state(path: &Path) -> Result<Option<State>, Fatal> {
    parse_state(path, open_state_files(path)?)
}

/// The state file at `path`, opened, and its journal, read.
pub(crate) fn open_state_files(path: &Path) -> Result<file::StateFiles, Fatal> {
    file::StateFiles::open(path).map_err(|e| state_refused(path, e))
}

/// The state in `files`, opened at `path`, with its journal replayed.
pub(crate) fn parse_state(path: &Path, files: file::StateFiles) -> Result<Option<State>, Fatal> {
    files.into_state().map_err(|e| state_refused(path, e))
}

fn state_refused(path: &Path, e: StateError) -> Fatal {
    Fatal::refused(format!("{}: {e}; it was left untouched", shown(path)))
}

fn make_plan(
    desired: &[Desired],
    state: Option<&State>,
    options: &PlanOptions,
    stack: &str,
    digest: &str,
) -> Result<Plan, Fatal> {
    skyplan_plan::plan(desired, state, options, stack, digest).map_err(|errors| {
        Fatal::refused(
            errors
                .into_iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\nerror: "),
        )
    })
}

/// The `--target` addresses. Refuses one that names nothing in the stack
/// or its state (it would plan nothing and look like "no changes"), and
/// warns, as Terraform does, that a targeted plan is partial.
fn check_targets(
    targets: &[String],
    desired: &[Desired],
    state: Option<&State>,
) -> Result<Vec<Address>, Fatal> {
    if targets.is_empty() {
        return Ok(Vec::new());
    }
    let known: Vec<&Address> = desired
        .iter()
        .map(|d| &d.address)
        .chain(state.iter().flat_map(|s| s.resources.keys()))
        .collect();
    let mut parsed = Vec::with_capacity(targets.len());
    for t in targets {
        match t.parse::<Address>() {
            Ok(a) if known.iter().any(|k| targets_address(&a, k)) => parsed.push(a),
            _ => {
                let names: Vec<String> = known.iter().map(ToString::to_string).collect();
                let hint = skyplan_spec::suggest::closest(t, names.iter().map(String::as_str))
                    .map_or_else(
                        || "see `skyplan state list` and the stack's resources".to_string(),
                        |s| format!("did you mean `{s}`?"),
                    );
                return Err(Fatal::usage(format!(
                    "--target {}: no resource of the stack or its state has this address; {hint}",
                    escape_line(t)
                )));
            }
        }
    }
    note(
        "warning: Resource targeting is in effect: this plan may not include every change the stack asks for. --target is for exceptional situations, such as recovering from a mistake, not for routine use.",
    );
    Ok(parsed)
}

/// Refuses a plan that would destroy everything because the stack declares
/// nothing (an emptied file, every `count: 0`): that is what `destroy` is for.
fn refuse_empty(desired: &[Desired], state: Option<&State>, dir: &Path) -> Result<(), Fatal> {
    match state {
        Some(s) if desired.is_empty() && !s.resources.is_empty() => Err(Fatal::refused(format!(
            "the stack {} is empty: it declares no resources, so this plan would destroy all {} in its state. To remove them, use `skyplan destroy` (or `plan --destroy`)",
            shown(dir),
            s.resources.len()
        ))),
        _ => Ok(()),
    }
}

/// The file a path names, for comparing paths that may not exist yet: its
/// directory resolved (links and `..` followed) and its own name kept.
fn resolved(path: &Path) -> PathBuf {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().unwrap_or_default();
    dir.canonicalize()
        .unwrap_or_else(|_| dir.to_path_buf())
        .join(name)
}

/// Refuses a `--out` that would destroy something: the state or a file
/// beside it (backup, journal, lock), a file of the stack, a path that is
/// not a regular file (a FIFO, a device, `/dev/stdout`, a link), or an
/// existing file that is not a saved plan. Checked before anything is
/// planned or written.
fn check_out(out: &Path, state: &Path, stack: &StackPath) -> Result<(), Fatal> {
    if out.as_os_str() == "-" {
        return Err(Fatal::usage(
            "--out - : a saved plan goes to a file; to print the plan as JSON on standard output, use --json",
        ));
    }
    let target = resolved(out);
    let guarded = [
        (state.to_path_buf(), "the stack's state file"),
        (file::backup_path(state), "the state's backup"),
        (file::journal_path(state), "the state's journal"),
        (file::lock_path(state), "the state's lock file"),
    ];
    let spec_files = stack
        .files
        .iter()
        .map(|f| (f.clone(), "a spec file of the stack"));
    if let Some((_, what)) = guarded
        .into_iter()
        .chain(spec_files)
        .find(|(p, _)| resolved(p) == target)
    {
        return Err(Fatal::usage(format!(
            "--out {}: that is {what}; a saved plan never overwrites it. Name another file",
            shown(out)
        )));
    }
    let Ok(meta) = std::fs::symlink_metadata(out) else {
        return Ok(());
    };
    if meta.file_type().is_symlink() || !meta.is_file() {
        return Err(Fatal::usage(format!(
            "--out {}: it is not a regular file (a link, FIFO, device or directory), and a saved plan replaces only a file. To print the plan on standard output, use --json",
            shown(out)
        )));
    }
    let is_plan = file::read_limited(out, file::MAX_STATE_BYTES, file::Links::Refuse)
        .is_ok_and(|bytes| Plan::from_json(&bytes).is_ok());
    if !is_plan {
        return Err(Fatal::usage(format!(
            "--out {}: the file exists and is not a saved skyplan plan; refusing to overwrite it. Remove it or name another file",
            shown(out)
        )));
    }
    Ok(())
}

/// Writes the plan out as it is rendered; with `-q` only its outcome (the
/// summary line, or "No changes.").
fn show_plan(plan: &Plan, ui: Ui) {
    if ui.quiet {
        emit(&render_plan::outcome(plan));
    } else {
        render_plan::write_plan(plan, Paint { on: ui.color }, emit);
    }
}

pub fn run_plan(args: &PlanArgs, ui: Ui) -> Result<u8, Fatal> {
    let shows_only_changes = ui.quiet && !args.json && args.out.is_none() && !args.deny_widening;
    let mut stack = if shows_only_changes {
        load_for_quiet_plan(args.at.stack.as_deref(), ui)?
    } else {
        load_valid(args.at.stack.as_deref(), ui, args.json)?
    };
    // The model is freed before the state is read: the two together were a
    // large plan's peak (a quarter more memory), and reading the state
    // beside the load was no faster on two cores.
    let desired = stack.take_desired();
    let path = state_path(&stack.path.dir, args.at.state.as_deref(), ui)?;
    if ui.verbose {
        note(&format!("state {}", shown(&path)));
    }
    if let Some(out) = &args.out {
        check_out(out, &path, &stack.path)?;
    }
    let _lock = read_lock(&path)?;
    let state = read_state(&path)?;
    let mut drifted = None;
    let state = match (&args.snapshot, state) {
        (Some(snapshot), Some(saved)) => {
            let (refreshed, drift) = crate::import::refresh(&saved, snapshot, ui)?;
            if args.json {
                drifted = Some((drift, saved));
            } else if ui.quiet {
                emit(&render_plan::drift_outcome(&drift));
            } else {
                emit(&render_plan::drift(
                    &drift,
                    &shown(snapshot),
                    Paint { on: ui.color },
                ));
            }
            Some(refreshed)
        }
        (Some(_), None) => {
            return Err(Fatal::usage(format!(
                "--snapshot compares a snapshot with the state, and {} does not exist; `skyplan import` makes a stack and its state from a snapshot",
                shown(&path)
            )));
        }
        (None, state) => state,
    };
    let targets = check_targets(&args.targets, &desired, state.as_ref())?;
    if !args.destroy {
        refuse_empty(&desired, state.as_ref(), &stack.path.dir)?;
    }
    let options = PlanOptions {
        destroy: args.destroy,
        targets,
        moves: std::mem::take(&mut stack.moves),
    };
    let mut plan = make_plan(
        &desired,
        state.as_ref(),
        &options,
        &absolute(&stack.path.dir),
        &stack.digest,
    )?;
    // After a destroy nothing is reachable; a targeted plan leaves the
    // rest as it is, so what is reachable after it is not known here.
    let after = match (options.destroy, options.targets.is_empty()) {
        (true, _) => Some(&[][..]),
        (false, true) => stack.exposure.as_deref(),
        (false, false) => None,
    };
    plan.exposure_changes = after.map(|after| ExposureChanges::between(state.as_ref(), after));
    if let Some((drift, saved)) = &drifted {
        emit(&plan.to_json_with_drift(state.as_ref(), drift, saved));
    } else if args.json {
        emit(&plan.to_json(state.as_ref()));
    } else {
        show_plan(&plan, ui);
        // Without changes there is nothing to compare, recorded or not.
        if let Some(changes) =
            (plan.exposure_changes.as_ref()).filter(|_| !ui.quiet && plan.has_changes())
        {
            emit(&render_plan::exposure_changes(changes));
        }
    }
    stack.show_warnings(ui, args.json);
    if args.deny_widening
        && let Some(changes) = &plan.exposure_changes
        && !changes.opens.is_empty()
    {
        let first: Vec<String> = changes
            .opens
            .iter()
            .take(3)
            .map(ToString::to_string)
            .collect();
        return Err(Fatal::refused(format!(
            "the change lets the internet reach {} more thing(s) ({}{}); --deny-widening refuses it",
            changes.opens.len(),
            escape_line(&first.join(", ")),
            if changes.opens.len() > 3 { ", …" } else { "" }
        )));
    }
    if let Some(out) = &args.out {
        file::write_bytes_atomic(out, plan.to_json(state.as_ref()).as_bytes())
            .map_err(|e| Fatal::usage(format!("cannot write {}: {e}", shown(out))))?;
        if !args.json && !ui.quiet {
            emit(&format!(
                "\nSaved the plan to {}. Run `skyplan apply {}` to carry it out.\n",
                shown(out),
                shown(out)
            ));
        }
    }
    let code = if args.detailed_exitcode && plan.has_changes() {
        CHANGES
    } else {
        0
    };
    crate::discard((desired, state, plan));
    Ok(code)
}

/// `export`: the stack's desired resources as a template or configuration,
/// and a note for each thing the format cannot say.
pub fn run_export(args: &ExportArgs, ui: Ui) -> Result<u8, Fatal> {
    let mut stack = load_valid(args.stack.as_deref(), ui, false)?;
    let desired = stack.take_desired();
    let format = match args.format {
        ExportFormat::Cloudformation => skyplan_export::Format::CloudFormation,
        ExportFormat::Terraform => skyplan_export::Format::Terraform,
    };
    let name = stack
        .path
        .dir
        .canonicalize()
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "stack".into());
    if let Some(out) = &args.out {
        check_export_out(out, &stack.path, ui)?;
    }
    let export = skyplan_export::export(&desired, format, &name);
    match &args.out {
        Some(out) => file::write_bytes_atomic(out, export.text.as_bytes())
            .map_err(|e| Fatal::usage(format!("cannot write {}: {e}", shown(out))))?,
        None => emit(&export.text),
    }
    if !ui.quiet {
        for n in &export.notes {
            match &n.address {
                Some(a) => note(&format!("note: {a}: {}", escape_line(&n.text))),
                None => note(&format!("note: {}", escape_line(&n.text))),
            }
        }
    }
    stack.show_warnings(ui, true);
    Ok(0)
}

/// Where `export --out` may write: never over a spec file or the state
/// and the files beside it, never a YAML file into the stack's directory
/// (it would become part of the stack), and over an existing file only
/// when that is an earlier export.
fn check_export_out(out: &Path, stack: &StackPath, ui: Ui) -> Result<(), Fatal> {
    if out.as_os_str() == "-" {
        return Err(Fatal::usage(
            "--out -: to print on standard output, leave out --out",
        ));
    }
    let refuse = |why: &str| Err(Fatal::usage(format!("--out {}: {why}", shown(out))));
    let target = resolved(out);
    let state = state_path(&stack.dir, None, ui)?;
    let guarded = [
        state.clone(),
        file::backup_path(&state),
        file::journal_path(&state),
        file::lock_path(&state),
    ];
    if stack
        .files
        .iter()
        .chain(&guarded)
        .any(|p| resolved(p) == target)
    {
        return refuse(
            "that is a file of the stack or its state; an export never overwrites it. Name another file",
        );
    }
    let in_stack = stack
        .dir
        .canonicalize()
        .is_ok_and(|dir| target.parent() == Some(dir.as_path()));
    let yaml = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    if in_stack && yaml {
        return refuse(
            "a YAML file in the stack's directory would be read as one of its spec files. Write it elsewhere (`--out ../template.yaml`)",
        );
    }
    let Ok(meta) = std::fs::symlink_metadata(out) else {
        return Ok(());
    };
    if meta.file_type().is_symlink() || !meta.is_file() {
        return refuse(
            "it is not a regular file (a link, FIFO, device or directory); an export replaces only a file",
        );
    }
    let head = file::read_limited(out, file::MAX_STATE_BYTES, file::Links::Refuse)
        .map(|bytes| bytes.into_iter().take(200).collect::<Vec<u8>>())
        .unwrap_or_default();
    let head = String::from_utf8_lossy(&head);
    if !skyplan_export::is_export(&head) {
        return refuse(
            "the file exists and is not an earlier skyplan export; refusing to overwrite it. Remove it or name another file",
        );
    }
    Ok(())
}

/// Who holds the lock, for whoever is refused meanwhile.
fn holder() -> String {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let command: Vec<String> = std::env::args().collect();
    format!(
        "pid {} since {} (`{}`)",
        std::process::id(),
        utc_date(since),
        escape_line(&command.join(" "))
    )
}

fn lock_refused(path: &Path, e: LockError) -> Fatal {
    match e {
        LockError::Held(who) if who.is_empty() => Fatal::refused(format!(
            "{} is being read by a running plan or show; try again when it finishes",
            shown(path)
        )),
        LockError::Held(who) => Fatal::refused(format!(
            "{} is locked by a running apply: {}. Wait for it to finish; the lock is released when it exits",
            shown(path),
            escape_line(&who)
        )),
        LockError::Io(e) => Fatal::refused(format!("cannot lock {}: {e}", shown(path))),
    }
}

/// The exclusive lock of a writer; temp files that killed writers left
/// are removed under it.
fn lock(path: &Path, ui: Ui) -> Result<StateLock, Fatal> {
    let lock = StateLock::acquire(path, &holder()).map_err(|e| lock_refused(path, e))?;
    let removed = file::remove_stale_temps(path).map_err(|e| {
        Fatal::refused(format!(
            "cannot remove stale temp files of {}: {e}",
            shown(path)
        ))
    })?;
    if ui.verbose {
        for r in removed {
            note(&format!("removed {}, left by a killed apply", shown(&r)));
        }
    }
    // An apply killed after its last journaled step left its work only in
    // the journal: the state file gets it before anything else happens.
    if file::fold_journal(path)
        .map_err(|e| Fatal::refused(format!("{}: {e}; it was left untouched", shown(path))))?
    {
        note(&format!(
            "note: an interrupted apply's journal was folded into {}",
            shown(path)
        ));
    }
    Ok(lock)
}

/// The shared lock of a reader.
pub(crate) fn read_lock(path: &Path) -> Result<Option<StateLock>, Fatal> {
    StateLock::shared(path).map_err(|e| lock_refused(path, e))
}

/// Asks for `yes` on standard input, as Terraform does: typed on a
/// terminal or piped (`echo yes | skyplan apply`). No answer at all (a
/// closed or empty input) refuses.
fn confirm(what: &str) -> Result<(), Fatal> {
    emit(
        "\nDo you want to perform these actions?\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: ",
    );
    let mut answer = String::new();
    let read = std::io::stdin()
        .lock()
        .take(1024)
        .read_line(&mut answer)
        .unwrap_or(0);
    if read == 0 && !std::io::stdin().is_terminal() {
        emit("\n");
        return Err(Fatal::refused(format!(
            "{what} needs confirmation: answer `yes` on a terminal or on standard input, or pass --auto-approve"
        )));
    }
    if answer.trim() == "yes" {
        Ok(())
    } else {
        Err(Fatal::refused(format!("{what} cancelled")))
    }
}

/// A saved plan is a JSON file; a stack is a directory or a spec file.
fn is_plan_file(path: &Path) -> bool {
    let is_spec = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    );
    let mut head = Vec::new();
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
        && !is_spec
        && std::fs::File::open(path)
            .and_then(|f| f.take(64).read_to_end(&mut head))
            .is_ok()
        && head.trim_ascii_start().starts_with(b"{")
}

pub fn run_apply(args: &ApplyArgs, ui: Ui) -> Result<u8, Fatal> {
    match &args.stack_or_plan {
        Some(p) if is_plan_file(p) => apply_saved(p, args.state.as_deref(), ui),
        other => apply_stack(
            other.as_deref(),
            args.state.as_deref(),
            args.auto_approve,
            ui,
        ),
    }
}

fn apply_stack(
    at: Option<&Path>,
    state_flag: Option<&Path>,
    auto_approve: bool,
    ui: Ui,
) -> Result<u8, Fatal> {
    let mut stack = load_valid(at, ui, false)?;
    let outputs = std::mem::take(&mut stack.model.outputs);
    let exposure = stack.exposure.take();
    // As in `plan`: the model is freed before the state is read.
    let desired = stack.take_desired();
    let path = state_path(&stack.path.dir, state_flag, ui)?;
    let _lock = lock(&path, ui)?;
    let state = read_state(&path)?;
    refuse_empty(&desired, state.as_ref(), &stack.path.dir)?;
    let options = PlanOptions {
        moves: std::mem::take(&mut stack.moves),
        ..PlanOptions::default()
    };
    let plan = make_plan(
        &desired,
        state.as_ref(),
        &options,
        &absolute(&stack.path.dir),
        &stack.digest,
    )?;
    let show = || {
        show_plan(&plan, ui);
        stack.show_warnings(ui, false);
    };
    let ask = (!auto_approve).then_some("apply");
    let finish = Finish::Apply {
        outputs: &outputs,
        exposure,
        applied_spec: Some(stack.digest.clone()),
    };
    show_and_execute(&plan, state, &path, finish, ui, ask, show)
}

/// `destroy` needs only the state: a stack whose specs were deleted, or
/// no longer load, can still be destroyed.
pub fn run_destroy(args: &DestroyArgs, ui: Ui) -> Result<u8, Fatal> {
    let dir = stacks::stack_dir(args.at.stack.as_deref()).map_err(Fatal::usage)?;
    let path = state_path(&dir, args.at.state.as_deref(), ui)?;
    let _lock = lock(&path, ui)?;
    let state = read_state(&path)?;
    if state
        .as_ref()
        .is_none_or(|s| s.resources.is_empty() && s.deposed.is_empty())
    {
        emit(&format!(
            "Nothing to destroy: the state {} holds no resources.\n",
            shown(&path)
        ));
        return Ok(0);
    }
    let options = PlanOptions {
        destroy: true,
        ..PlanOptions::default()
    };
    let plan = make_plan(&[], state.as_ref(), &options, &absolute(&dir), "")?;
    let show = || show_plan(&plan, ui);
    let ask = (!args.auto_approve).then_some("destroy");
    show_and_execute(&plan, state, &path, Finish::Destroy, ui, ask, show)
}

fn apply_saved(plan_path: &Path, state_flag: Option<&Path>, ui: Ui) -> Result<u8, Fatal> {
    let bytes = file::read_limited(plan_path, file::MAX_STATE_BYTES, file::Links::Follow)
        .map_err(|e| Fatal::usage(format!("cannot read {}: {e}", shown(plan_path))))?;
    let plan = Plan::from_json(&bytes).map_err(|e| {
        Fatal::refused(format!(
            "{} is not a saved skyplan plan: {e}",
            shown(plan_path)
        ))
    })?;
    if ui.verbose {
        note(&format!(
            "the saved plan is for the stack {}",
            escape_line(&plan.stack)
        ));
    }
    let stack = load_valid(Some(Path::new(&plan.stack)), ui, false)?;
    let path = state_path(&stack.path.dir, state_flag, ui)?;
    let _lock = lock(&path, ui)?;
    let state = read_state(&path)?;
    let (lineage, serial) = state
        .as_ref()
        .map_or((String::new(), 0), |s| (s.lineage.clone(), s.serial));
    let stale = if stack.digest != plan.spec_digest {
        Some("the spec changed since it was made".to_string())
    } else if lineage != plan.state.lineage {
        Some(format!(
            "it was made for state lineage `{}`, the state is `{lineage}`",
            escape_line(&plan.state.lineage)
        ))
    } else if serial != plan.state.serial {
        Some(format!(
            "it was made at state serial {}, the state is at {serial}",
            plan.state.serial
        ))
    } else {
        None
    };
    if let Some(why) = stale {
        return Err(Fatal::refused(format!(
            "the saved plan {} (for the stack {}) is stale: {why}. The state was not touched; run `skyplan plan` again",
            shown(plan_path),
            escape_line(&plan.stack)
        )));
    }
    let Some(replanned) = replans_the_same(&plan, &stack, state.as_ref()) else {
        return Err(Fatal::refused(format!(
            "the saved plan {} is not what skyplan plans for this stack and state (was it edited?). The state was not touched; run `skyplan plan --out` again",
            shown(plan_path)
        )));
    };
    let show = || show_plan(&plan, ui);
    // What the internet reaches afterwards: the stack's, after a whole
    // plan; nothing after a destroy; unknown after a targeted one.
    let exposure = match replanned {
        Replanned::Whole => stack.exposure.clone(),
        Replanned::Destroy => Some(Vec::new()),
        Replanned::Targeted => None,
    };
    let finish = Finish::Apply {
        outputs: &stack.model.outputs,
        exposure,
        applied_spec: (replanned == Replanned::Whole).then(|| stack.digest.clone()),
    };
    show_and_execute(&plan, state, &path, finish, ui, None, show)
}

/// Whether a saved plan is exactly what skyplan plans now for the same
/// specs and state: a whole plan, a destroy plan, or a plan targeted at the
/// addresses it changes. The serial and digest say nothing of an edit to
/// the plan file itself (a rule opened to 0.0.0.0/0 by hand).
fn replans_the_same(saved: &Plan, stack: &ValidStack, state: Option<&State>) -> Option<Replanned> {
    let desired = skyplan_plan::desired(&stack.model);
    // The changes that do something; `after_unknown` is written as a map,
    // so its order is not the plan's.
    let changed = |p: &Plan| -> Vec<skyplan_plan::ResourceChange> {
        p.resource_changes
            .iter()
            .filter(|c| !c.is_noop())
            .map(|c| {
                let mut c = c.clone();
                c.change.after_unknown.sort_unstable();
                c
            })
            .collect()
    };
    let targets: Vec<Address> = changed(saved).into_iter().map(|c| c.address).collect();
    let moves: Vec<(Address, Address)> = saved
        .moved
        .iter()
        .map(|m| (m.from.clone(), m.to.clone()))
        .collect();
    let candidates = [
        PlanOptions {
            moves: moves.clone(),
            ..PlanOptions::default()
        },
        PlanOptions {
            destroy: true,
            ..PlanOptions::default()
        },
        PlanOptions {
            destroy: false,
            targets,
            moves,
        },
    ];
    let matched = candidates.iter().position(|options| {
        skyplan_plan::plan(&desired, state, options, &saved.stack, &saved.spec_digest).is_ok_and(
            |fresh| fresh.apply_order == saved.apply_order && changed(&fresh) == changed(saved),
        )
    });
    match matched {
        Some(0) => Some(Replanned::Whole),
        Some(1) => Some(Replanned::Destroy),
        Some(_) => Some(Replanned::Targeted),
        None => None,
    }
}

/// Which plan a saved plan is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Replanned {
    Whole,
    Destroy,
    Targeted,
}

/// How an apply ends: what it records and which closing lines it prints.
enum Finish<'a> {
    /// An apply: the stack's outputs to show after it, and what the
    /// internet reaches then, for the state (`None`: unknown).
    Apply {
        outputs: &'a [Output],
        exposure: Option<Vec<Exposed>>,
        /// The digest of the spec the state matches afterwards (a whole
        /// plan of it), else `None`.
        applied_spec: Option<String>,
    },
    Destroy,
}

fn serial_after(state: &State, steps: u64) -> Result<u64, Fatal> {
    state
        .serial_after(steps)
        .map_err(|e| Fatal::refused(e.to_string()))
}

/// Shows the plan (`show`), asks before carrying it out unless approved
/// (`ask`: the word of the question), runs it and says how it ended. A
/// large approved plan starts at once while `show` makes and writes its
/// text on the other core (on a 100,000-resource stack that is most of a
/// second); its steps show only progress, which waits for the plan.
fn show_and_execute(
    plan: &Plan,
    state: Option<State>,
    path: &Path,
    finish: Finish,
    ui: Ui,
    ask: Option<&str>,
    show: impl Fn() + Sync,
) -> Result<u8, Fatal> {
    let plan_shown = AtomicBool::new(false);
    let (exposure, applied_spec) = match &finish {
        Finish::Apply {
            exposure,
            applied_spec,
            ..
        } => (exposure.clone(), applied_spec.clone()),
        Finish::Destroy => (Some(Vec::new()), None),
    };
    let applied = if ask.is_some() || plan.apply_order.len() <= QUIET_STEPS {
        show();
        plan_shown.store(true, Ordering::Release);
        if !plan.has_changes() {
            return Ok(0);
        }
        if let Some(what) = ask {
            confirm(what)?;
        }
        execute(plan, state, path, ui, &plan_shown, (exposure, applied_spec))?
    } else {
        std::thread::scope(|scope| {
            scope.spawn(|| {
                show();
                plan_shown.store(true, Ordering::Release);
            });
            execute(plan, state, path, ui, &plan_shown, (exposure, applied_spec))
        })?
    };
    let s = plan.summary;
    emit(&match finish {
        Finish::Apply { outputs, .. } => format!(
            "\nApply complete! Resources: {} added, {} changed, {} destroyed.\n{}",
            s.add,
            s.change,
            s.destroy,
            match outputs {
                [] => String::new(),
                some => format!("\nOutputs:\n\n{}", outputs_text(some, Some(&applied))),
            }
        ),
        Finish::Destroy => format!("\nDestroy complete! Resources: {} destroyed.\n", s.destroy),
    });
    Ok(0)
}

/// Each output's value: an attribute as the state has it (`None` when
/// the resource is not in it yet, `null` when it is unset), text as it is.
fn output_values<'a>(
    outputs: &'a [Output],
    state: Option<&State>,
) -> Vec<(&'a Output, Option<serde_json::Value>)> {
    outputs
        .iter()
        .map(|o| {
            let value = match &o.value {
                OutputValue::Text(t) => Some(serde_json::Value::String(t.clone())),
                OutputValue::Attribute { address, attribute } => {
                    // An attribute the object leaves unset is `null`.
                    state.and_then(|s| s.get(address)).map(|r| {
                        if attribute == "id" {
                            serde_json::Value::String(r.id.clone())
                        } else {
                            let mut map = r.attributes.to_map();
                            map.remove(attribute).unwrap_or(serde_json::Value::Null)
                        }
                    })
                }
            };
            (o, value)
        })
        .collect()
}

/// `name = value` lines, as Terraform prints outputs.
fn outputs_text(outputs: &[Output], state: Option<&State>) -> String {
    output_values(outputs, state)
        .into_iter()
        .map(|(o, v)| {
            let shown = v.map_or_else(|| "(known after apply)".to_string(), |v| v.to_string());
            format!("{} = {}\n", o.name.value, escape_line(&shown))
        })
        .collect()
}

/// `output`: the stack's outputs, read from its state.
pub fn run_output(args: &OutputArgs, ui: Ui) -> Result<u8, Fatal> {
    let stack = load_checked(
        args.at.stack.as_deref(),
        ui,
        args.json,
        Gate::WithoutReachability,
    )?;
    let (_, state) = open_state(&args.at, ui)?;
    let outputs = &stack.model.outputs;
    if args.json {
        let map: serde_json::Map<String, serde_json::Value> =
            output_values(outputs, state.as_ref())
                .into_iter()
                .map(|(o, v)| {
                    let mut entry = serde_json::Map::new();
                    entry.insert("value".into(), v.unwrap_or(serde_json::Value::Null));
                    if let Some(d) = &o.description {
                        entry.insert("description".into(), d.clone().into());
                    }
                    (o.name.value.clone(), entry.into())
                })
                .collect();
        emit(&(serde_json::to_string_pretty(&map).unwrap_or_default() + "\n"));
    } else if outputs.is_empty() {
        note("The stack declares no outputs: add `outputs: {NAME: {value: vpc.main.id}}`.");
    } else {
        emit(&outputs_text(outputs, state.as_ref()));
    }
    Ok(0)
}

/// Runs the plan durably (see `skyplan_apply`), showing each step (or,
/// past `QUIET_STEPS`, progress once a second once the plan is shown).
fn execute(
    plan: &Plan,
    state: Option<State>,
    path: &Path,
    ui: Ui,
    plan_shown: &AtomicBool,
    (exposure, applied_spec): (Option<Vec<Exposed>>, Option<String>),
) -> Result<State, Fatal> {
    // Test hook: stop after step N (after its persistence decision) and wait
    // to be killed, so the SIGKILL test can hit exact points of an apply.
    let pause_after: Option<usize> = std::env::var("SKYPLAN_TEST_PAUSE_AFTER_STEP")
        .ok()
        .and_then(|v| v.parse().ok());
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    // The state's path makes the lineage of a new state unique to it.
    let seed = format!("{}:{nanos}:{}", absolute(path), std::process::id());
    let target = skyplan_apply::Target {
        path,
        state,
        new_lineage: skyplan_plan::ids::lineage(&seed),
        journal_limit: skyplan_apply::JOURNAL_LIMIT,
        exposure,
        applied_spec,
    };
    let verbose = plan.apply_order.len() <= QUIET_STEPS && !ui.quiet;
    let mut last_progress = Instant::now();
    let shown_step = |done: skyplan_apply::StepDone| {
        let step = done.step;
        if verbose {
            let id = escape_line(done.id.unwrap_or_default());
            emit(&match step.action {
                StepAction::Create => format!("{}: Creation complete [id={id}]\n", step.address),
                StepAction::Update => {
                    format!("{}: Modifications complete [id={id}]\n", step.address)
                }
                StepAction::Delete if step.deposed.is_some() => {
                    format!("{} (old object): Destruction complete\n", step.address)
                }
                StepAction::Delete => format!("{}: Destruction complete\n", step.address),
            });
        } else if !ui.quiet
            && last_progress.elapsed() >= Duration::from_secs(1)
            && plan_shown.load(Ordering::Acquire)
        {
            note(&format!(
                "applying: {}/{} steps",
                done.index + 1,
                done.total
            ));
            last_progress = Instant::now();
        }
        if pause_after == Some(done.index + 1) {
            note(&format!("paused after step {}", done.index + 1));
            loop {
                std::thread::sleep(Duration::from_secs(3600));
            }
        }
    };
    skyplan_apply::apply(plan, target, shown_step).map_err(|failure| {
        let at = shown(path);
        Fatal::refused(match failure {
            ApplyFailure::Backup(e) => format!("cannot back up {at}: {e}"),
            ApplyFailure::Write(e) => format!("cannot write {at}: {e}"),
            ApplyFailure::Journal(e) => format!("cannot write the journal of {at}: {e}"),
            ApplyFailure::Step(_) | ApplyFailure::Serial(_) => failure.to_string(),
        })
    })
}

/// The state of a stack for a reader: only the state file is needed.
fn open_state(at: &StackArgs, ui: Ui) -> Result<(PathBuf, Option<State>), Fatal> {
    let dir = stacks::stack_dir(at.stack.as_deref()).map_err(Fatal::usage)?;
    let path = state_path(&dir, at.state.as_deref(), ui)?;
    let _lock = read_lock(&path)?;
    let state = read_state(&path)?;
    Ok((path, state))
}

pub fn run_show(args: &ShowArgs, ui: Ui) -> Result<u8, Fatal> {
    let (_, state) = open_state(&args.at, ui)?;
    match (state, args.json) {
        (None, _) => emit("No state.\n"),
        (Some(s), true) => emit(&s.to_json()),
        (Some(s), false) => emit(&render_plan::state(&s)),
    }
    Ok(0)
}

/// `state show|rm ADDRESS [STACK]` written the other way round names an
/// existing path as the address: say so instead of "cannot read vpc.main".
fn check_order(command: &str, address: &str, at: &StackArgs) -> Result<(), Fatal> {
    let swapped = Path::new(address).exists() && at.stack.as_deref().is_some_and(|s| !s.exists());
    if swapped {
        let stack = at.stack.as_deref().map(shown).unwrap_or_default();
        return Err(Fatal::usage(format!(
            "`{}` is a path and `{stack}` is not: the address comes first, as in `skyplan state {command} {stack} {}`",
            escape_line(address),
            escape_line(address)
        )));
    }
    Ok(())
}

pub fn run_state(command: &StateCommand, ui: Ui) -> Result<u8, Fatal> {
    match command {
        StateCommand::List(at) => {
            let (_, state) = open_state(at, ui)?;
            let list: String = state
                .iter()
                .flat_map(|s| s.resources.values())
                .map(|r| format!("{}\n", r.address))
                .collect();
            emit(&list);
            Ok(0)
        }
        StateCommand::Show { address, at } => {
            check_order("show", address, at)?;
            let (_, state) = open_state(at, ui)?;
            let r = state
                .as_ref()
                .zip(address.parse::<Address>().ok())
                .and_then(|(s, a)| s.get(&a))
                .ok_or_else(|| {
                    Fatal::refused(format!("{} is not in the state", escape_line(address)))
                })?;
            emit(&render_plan::resource(r));
            Ok(0)
        }
        StateCommand::Rm { words, state } => state_rm(words, state.as_deref(), ui),
        StateCommand::Mv { from, to, at } => state_mv(from, to, at, ui),
    }
}

/// Writes a state edited by hand (`state rm`, `state mv`) whole: backed
/// up first, one serial on, and matching no spec any more.
fn rewrite_state(path: &Path, state: &mut State) -> Result<(), Fatal> {
    file::backup(path)
        .map_err(|e| Fatal::refused(format!("cannot back up {}: {e}", shown(path))))?;
    state.serial = serial_after(state, 1)?;
    state.applied_spec = None;
    file::write_atomic(path, state)
        .map_err(|e| Fatal::refused(format!("cannot write {}: {e}", shown(path))))
        .map(drop)
}

/// `state mv FROM TO`: the object at `from` (every copy, for a counted
/// resource) is at `to` from now on; the state is backed up and written
/// whole, under the lock.
fn state_mv(from: &str, to: &str, at: &StackArgs, ui: Ui) -> Result<u8, Fatal> {
    let parse = |word: &str| {
        word.parse::<Address>()
            .map_err(|e| Fatal::usage(escape_line(&e.to_string()).into_owned()))
    };
    let (from, to) = (parse(from)?, parse(to)?);
    let dir = stacks::stack_dir(at.stack.as_deref()).map_err(Fatal::usage)?;
    let path = state_path(&dir, at.state.as_deref(), ui)?;
    let _lock = lock(&path, ui)?;
    let mut state = read_state(&path)?
        .ok_or_else(|| Fatal::refused(format!("{} does not exist", shown(&path))))?;
    let touched = state
        .move_address(&from, &to)
        .map_err(|e| Fatal::refused(format!("{e}; the state was left untouched")))?;
    rewrite_state(&path, &mut state)?;
    let followed = touched.len().saturating_sub(2);
    emit(&format!(
        "Moved {from} to {to}: the object keeps its id; {followed} other object(s) now refer to {to}.\nRename it in the spec too (or add `moved:`), else the next plan puts it back.\n"
    ));
    Ok(0)
}

/// `state rm ADDRESS... [STACK]`: the last word is the stack when it is an
/// existing path that is not an address.
fn split_rm_words(words: &[String]) -> (&[String], Option<&Path>) {
    match words.split_last() {
        Some((last, addresses))
            if !addresses.is_empty()
                && last.parse::<Address>().is_err()
                && Path::new(last).exists() =>
        {
            (addresses, Some(Path::new(last)))
        }
        _ => (words, None),
    }
}

/// Why an address cannot be removed, with the addresses it may have meant
/// (every copy of a counted name, or the closest address).
fn not_in_state(word: &str, state: &State) -> Fatal {
    let copies: Vec<String> = word
        .parse::<Address>()
        .ok()
        .filter(|a| a.index.is_none())
        .map(|a| {
            state
                .resources
                .keys()
                .filter(|k| k.kind == a.kind && k.name == a.name && k.index.is_some())
                .map(ToString::to_string)
                .collect()
        })
        .unwrap_or_default();
    let hint = if copies.is_empty() {
        let names: Vec<String> = state.resources.keys().map(ToString::to_string).collect();
        skyplan_spec::suggest::closest(word, names.iter().map(String::as_str)).map_or_else(
            || "see `skyplan state list`".to_string(),
            |s| format!("did you mean `{s}`?"),
        )
    } else {
        format!(
            "it has count: name its copies, e.g. `'{}'`",
            copies.join("' '")
        )
    };
    Fatal::refused(format!(
        "{} is not in the state; {hint}. Nothing was removed",
        escape_line(word)
    ))
}

/// The resources of the state that depend on `removed`, directly or not.
fn dependants(state: &State, removed: &[Address]) -> Vec<Address> {
    let mut gone: std::collections::BTreeSet<&Address> = removed.iter().collect();
    let mut found = Vec::new();
    loop {
        let next: Vec<&Address> = state
            .resources
            .values()
            .filter(|r| !gone.contains(&r.address))
            .filter(|r| r.dependencies.iter().any(|d| gone.contains(d)))
            .map(|r| &r.address)
            .collect();
        if next.is_empty() {
            break;
        }
        for a in next {
            gone.insert(a);
            found.push(a.clone());
        }
    }
    found.sort();
    found
}

fn state_rm(words: &[String], state_flag: Option<&Path>, ui: Ui) -> Result<u8, Fatal> {
    let (addresses, stack) = split_rm_words(words);
    let dir = stacks::stack_dir(stack).map_err(Fatal::usage)?;
    let path = state_path(&dir, state_flag, ui)?;
    let _lock = lock(&path, ui)?;
    let mut state = read_state(&path)?
        .ok_or_else(|| Fatal::refused(format!("{} does not exist", shown(&path))))?;
    let mut parsed = Vec::with_capacity(addresses.len());
    for word in addresses {
        match word.parse::<Address>() {
            Ok(a) if state.get(&a).is_some() => parsed.push(a),
            _ => return Err(not_in_state(word, &state)),
        }
    }
    parsed.sort();
    parsed.dedup();
    let users = dependants(&state, &parsed);
    let mut report = String::new();
    for a in &parsed {
        if let Some(r) = state.forget(a) {
            report.push_str(&format!(
                "Removed {a} from the state: its object {} still exists, outside skyplan.\n",
                escape_line(&r.id)
            ));
        }
    }
    rewrite_state(&path, &mut state)?;
    report.push_str(
        "\nThe next plan creates what the stack still declares of it again, as new objects with new ids and addresses",
    );
    if users.is_empty() {
        report.push_str(".\n");
    } else {
        let list: Vec<String> = users.iter().map(ToString::to_string).collect();
        report.push_str(&format!(
            ", and replaces or updates what uses the forgotten objects: {}.\n",
            list.join(", ")
        ));
    }
    emit(&report);
    Ok(0)
}
