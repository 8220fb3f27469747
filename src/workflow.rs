//! `plan`, `apply`, `destroy`, `show` and `state`: the Terraform-style
//! workflow on the simulated state file.

use std::io::{BufRead, IsTerminal};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use skyplan_diagnostics::SourceFiles;
use skyplan_plan::{Plan, PlanOptions, Simulator};
use skyplan_state::State;
use skyplan_state::file::{self, LockError, StateLock};

use crate::check::{Selection, check_stack};
use crate::cli::{ApplyArgs, DestroyArgs, PlanArgs, ShowArgs, StackArgs, StateCommand};
use crate::stacks::{self, StackPath};
use crate::{Fatal, emit, note, render, render_plan};

pub const STATE_FILE: &str = "skyplan.state.json";
/// Exit code of `plan --detailed-exitcode` when there are changes.
const CHANGES: u8 = 2;
/// Above this many steps, apply reports progress instead of every step.
const QUIET_STEPS: usize = 200;

/// A stack that loaded and checked without errors.
pub struct ValidStack {
    pub path: StackPath,
    pub model: skyplan_model::Model,
    /// `sha256:` of its files, recorded in saved plans.
    pub digest: String,
}

fn state_path(stack: &StackPath, flag: Option<&Path>) -> PathBuf {
    flag.map_or_else(|| stack.dir.join(STATE_FILE), Path::to_path_buf)
}

/// Loads and checks a stack; on errors prints them and fails the command.
pub fn load_valid(at: Option<&Path>, color: bool) -> Result<ValidStack, Fatal> {
    let path = stacks::single(at).map_err(Fatal)?;
    let mut sources = SourceFiles::new();
    let mut diagnostics = Vec::new();
    let files = stacks::read(&path, &mut sources, &mut diagnostics).map_err(Fatal)?;
    let selection = Selection {
        errors_only: true,
        ..Selection::default()
    };
    let checked = check_stack(&sources, &files, diagnostics, &selection);
    if !checked.diagnostics.is_empty() {
        emit(&render::text(&sources, &checked.diagnostics, color));
        return Err(Fatal(format!(
            "{} has {} error(s); fix them first",
            path.dir.display(),
            checked.diagnostics.len()
        )));
    }
    let digest = skyplan_plan::ids::spec_digest(files.iter().map(|&f| {
        let s = sources.get(f);
        (s.name.as_str(), s.text.as_str())
    }));
    Ok(ValidStack {
        path,
        model: checked.model,
        digest,
    })
}

fn read_state(path: &Path) -> Result<Option<State>, Fatal> {
    file::read(path).map_err(|e| Fatal(format!("{}: {e}; it was left untouched", path.display())))
}

fn make_plan(
    stack: &ValidStack,
    state: Option<&State>,
    options: &PlanOptions,
) -> Result<Plan, Fatal> {
    let desired = skyplan_plan::desired(&stack.model);
    let name = stack.path.dir.display().to_string();
    skyplan_plan::plan(&desired, state, options, &name, &stack.digest).map_err(|errors| {
        Fatal(
            errors
                .into_iter()
                .map(|e| e.message)
                .collect::<Vec<_>>()
                .join("\nerror: "),
        )
    })
}

pub fn run_plan(args: &PlanArgs, color: bool) -> Result<u8, Fatal> {
    let stack = load_valid(args.at.stack.as_deref(), color)?;
    let path = state_path(&stack.path, args.at.state.as_deref());
    let state = read_state(&path)?;
    let options = PlanOptions {
        destroy: args.destroy,
        targets: args.targets.clone(),
    };
    let plan = make_plan(&stack, state.as_ref(), &options)?;
    if args.json {
        emit(&plan.to_json());
    } else {
        emit(&render_plan::plan(&plan));
    }
    if let Some(out) = &args.out {
        file::write_bytes_atomic(out, plan.to_json().as_bytes())
            .map_err(|e| Fatal(format!("cannot write {}: {e}", out.display())))?;
        if !args.json {
            emit(&format!(
                "\nSaved the plan to {}. Run `skyplan apply {}` to carry it out.\n",
                out.display(),
                out.display()
            ));
        }
    }
    Ok(if args.detailed_exitcode && plan.has_changes() {
        CHANGES
    } else {
        0
    })
}

fn holder() -> String {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let command: Vec<String> = std::env::args().collect();
    format!(
        "pid {} since unix time {since} (`{}`)",
        std::process::id(),
        command.join(" ")
    )
}

fn lock(path: &Path) -> Result<StateLock, Fatal> {
    StateLock::acquire(path, &holder()).map_err(|e| match e {
        LockError::Held(who) => Fatal(format!(
            "{} is locked by another apply: {who}. Wait for it to finish; the lock is released when it exits",
            path.display()
        )),
        LockError::Io(e) => Fatal(format!("cannot lock {}: {e}", path.display())),
    })
}

fn confirm(what: &str) -> Result<(), Fatal> {
    if !std::io::stdin().is_terminal() {
        return Err(Fatal(format!(
            "{what} needs confirmation: run it on a terminal, or pass --auto-approve"
        )));
    }
    emit(
        "\nDo you want to perform these actions?\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: ",
    );
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    if answer.trim() == "yes" {
        Ok(())
    } else {
        Err(Fatal(format!("{what} cancelled")))
    }
}

fn is_plan_file(path: &Path) -> bool {
    path.is_file()
        && !matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        )
        && std::fs::read(path).is_ok_and(|b| b.trim_ascii_start().starts_with(b"{"))
}

pub fn run_apply(args: &ApplyArgs, color: bool) -> Result<u8, Fatal> {
    match &args.stack_or_plan {
        Some(p) if is_plan_file(p) => apply_saved(p, args.state.as_deref(), color),
        other => {
            let at = StackArgs {
                stack: other.clone(),
                state: args.state.clone(),
            };
            apply_stack(
                &at,
                &PlanOptions::default(),
                args.auto_approve,
                "apply",
                color,
            )
        }
    }
}

pub fn run_destroy(args: &DestroyArgs, color: bool) -> Result<u8, Fatal> {
    let options = PlanOptions {
        destroy: true,
        ..PlanOptions::default()
    };
    apply_stack(&args.at, &options, args.auto_approve, "destroy", color)
}

fn apply_stack(
    at: &StackArgs,
    options: &PlanOptions,
    auto_approve: bool,
    what: &str,
    color: bool,
) -> Result<u8, Fatal> {
    let stack = load_valid(at.stack.as_deref(), color)?;
    let path = state_path(&stack.path, at.state.as_deref());
    let _lock = lock(&path)?;
    let state = read_state(&path)?;
    let plan = make_plan(&stack, state.as_ref(), options)?;
    emit(&render_plan::plan(&plan));
    if !plan.has_changes() {
        return Ok(0);
    }
    if !auto_approve {
        confirm(what)?;
    }
    execute(&plan, state, &path, &stack.path.dir)
}

fn apply_saved(plan_path: &Path, state_flag: Option<&Path>, color: bool) -> Result<u8, Fatal> {
    let text = std::fs::read_to_string(plan_path)
        .map_err(|e| Fatal(format!("cannot read {}: {e}", plan_path.display())))?;
    let plan: Plan = serde_json::from_str(&text).map_err(|e| {
        Fatal(format!(
            "{} is not a saved skyplan plan: {e}",
            plan_path.display()
        ))
    })?;
    let stack = load_valid(Some(Path::new(&plan.stack)), color)?;
    let path = state_path(&stack.path, state_flag);
    let _lock = lock(&path)?;
    let state = read_state(&path)?;
    let (lineage, serial) = state
        .as_ref()
        .map_or((String::new(), 0), |s| (s.lineage.clone(), s.serial));
    let stale = if stack.digest != plan.spec_digest {
        Some("the spec changed since it was made".to_string())
    } else if lineage != plan.state.lineage {
        Some(format!(
            "it was made for state lineage `{}`, the state is `{lineage}`",
            plan.state.lineage
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
        return Err(Fatal(format!(
            "the saved plan {} is stale: {why}. The state was not touched; run `skyplan plan` again",
            plan_path.display()
        )));
    }
    emit(&render_plan::plan(&plan));
    if !plan.has_changes() {
        return Ok(0);
    }
    execute(&plan, state, &path, &stack.path.dir)
}

/// Runs every step, recording each in the state's journal as it completes
/// (one line, one `write`), so a kill at any point leaves exactly what was
/// done: the last whole state plus the journal's complete lines. The full
/// state is rewritten atomically (compaction) when the time since the last
/// write exceeds four times that write's cost (at least 100 ms), and at the
/// end, when the journal is removed.
fn execute(plan: &Plan, state: Option<State>, path: &Path, dir: &Path) -> Result<u8, Fatal> {
    // Test hook: stop after step N (after its persistence decision) and wait
    // to be killed, so the SIGKILL test can hit exact points of an apply.
    let pause_after: Option<usize> = std::env::var("SKYPLAN_TEST_PAUSE_AFTER_STEP")
        .ok()
        .and_then(|v| v.parse().ok());
    let existed = state.is_some();
    let state = state.unwrap_or_else(|| {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let seed = format!(
            "{}:{nanos}:{}",
            dir.canonicalize().unwrap_or_default().display(),
            std::process::id()
        );
        State::new(skyplan_plan::ids::lineage(&seed))
    });
    if existed {
        file::backup(path).map_err(|e| Fatal(format!("cannot back up {}: {e}", path.display())))?;
    }
    let write = |state: &State| {
        file::write_atomic(path, state)
            .map_err(|e| Fatal(format!("cannot write {}: {e}", path.display())))
    };
    let start_journal = |base: &State| {
        file::Journal::start(path, base).map_err(|e| {
            Fatal(format!(
                "cannot start the journal of {}: {e}",
                path.display()
            ))
        })
    };
    // A journal left by an interrupted apply was replayed into `state`;
    // write it out before a new journal replaces the old one.
    let mut written = state.clone();
    if file::journal_path(path).exists() && existed {
        write(&written)?;
    }
    let mut journal = start_journal(&written)?;
    let mut sim = Simulator::new(plan, state);
    let total = plan.apply_order.len();
    let verbose = total <= QUIET_STEPS;
    let mut last_write = Instant::now();
    let mut gap = Duration::from_millis(100);
    let mut last_progress = Instant::now();
    for (i, step) in plan.apply_order.iter().enumerate() {
        let touched = sim.run(step).map_err(|e| {
            Fatal(format!(
                "apply failed: {e}; the state holds everything done before it"
            ))
        })?;
        journal
            .record(&sim.state().delta(&touched.live, &touched.deposed))
            .map_err(|e| {
                Fatal(format!(
                    "cannot write the journal of {}: {e}",
                    path.display()
                ))
            })?;
        if verbose {
            let id = sim
                .state()
                .get(&step.address)
                .map(|r| r.id.clone())
                .unwrap_or_default();
            let done = match step.action.as_str() {
                "create" => format!("{}: Creation complete [id={id}]\n", step.address),
                "update" => format!("{}: Modifications complete [id={id}]\n", step.address),
                _ if step.deposed => {
                    format!("{} (old object): Destruction complete\n", step.address)
                }
                _ => format!("{}: Destruction complete\n", step.address),
            };
            emit(&done);
        } else if last_progress.elapsed() >= Duration::from_secs(1) {
            note(&format!("applying: {}/{total} steps", i + 1));
            last_progress = Instant::now();
        }
        // Compaction: the full state, then a fresh journal on top of it.
        // At most about a fifth of the time goes to it.
        if last_write.elapsed() >= gap {
            let started = Instant::now();
            let mut next = sim.state().clone();
            next.serial = written.serial + 1;
            write(&next)?;
            written = next;
            journal = start_journal(&written)?;
            gap = (started.elapsed() * 4).max(Duration::from_millis(100));
            last_write = Instant::now();
        }
        if pause_after == Some(i + 1) {
            note(&format!("paused after step {}", i + 1));
            loop {
                std::thread::sleep(Duration::from_secs(3600));
            }
        }
    }
    let mut final_state = sim.into_state();
    if existed_or_changed(&final_state, &written) {
        final_state.serial = written.serial + 1;
        write(&final_state)?;
    }
    journal.finish().map_err(|e| {
        Fatal(format!(
            "cannot remove the journal of {}: {e}",
            path.display()
        ))
    })?;
    let s = plan.summary;
    emit(&format!(
        "\nApply complete! Resources: {} added, {} changed, {} destroyed.\n",
        s.add, s.change, s.destroy
    ));
    Ok(0)
}

/// Whether `current` differs from what was last written (a new state file
/// is always written, so an empty apply still creates it).
fn existed_or_changed(current: &State, written: &State) -> bool {
    written.serial == 0 || !current.same_content(written)
}

fn open_state(at: &StackArgs) -> Result<(PathBuf, Option<State>), Fatal> {
    let stack = stacks::single(at.stack.as_deref()).map_err(Fatal)?;
    let path = state_path(&stack, at.state.as_deref());
    let state = read_state(&path)?;
    Ok((path, state))
}

pub fn run_show(args: &ShowArgs) -> Result<u8, Fatal> {
    let (_, state) = open_state(&args.at)?;
    match (state, args.json) {
        (None, _) => emit("No state.\n"),
        (Some(s), true) => emit(&s.to_json()),
        (Some(s), false) => emit(&render_plan::state(&s)),
    }
    Ok(0)
}

pub fn run_state(command: &StateCommand) -> Result<u8, Fatal> {
    match command {
        StateCommand::List(at) => {
            let (_, state) = open_state(at)?;
            let list: String = state
                .iter()
                .flat_map(|s| s.resources.values())
                .map(|r| format!("{}\n", r.address))
                .collect();
            emit(&list);
            Ok(0)
        }
        StateCommand::Show { address, at } => {
            let (_, state) = open_state(at)?;
            let r = state
                .as_ref()
                .and_then(|s| s.get(address))
                .ok_or_else(|| Fatal(format!("{address} is not in the state")))?;
            emit(&render_plan::resource(r));
            Ok(0)
        }
        StateCommand::Rm { address, at } => {
            let stack = stacks::single(at.stack.as_deref()).map_err(Fatal)?;
            let path = state_path(&stack, at.state.as_deref());
            let _lock = lock(&path)?;
            let mut state = read_state(&path)?
                .ok_or_else(|| Fatal(format!("{} does not exist", path.display())))?;
            if state.remove(address).is_none() {
                return Err(Fatal(format!("{address} is not in the state")));
            }
            file::backup(&path)
                .map_err(|e| Fatal(format!("cannot back up {}: {e}", path.display())))?;
            state.serial += 1;
            file::write_atomic(&path, &state)
                .map_err(|e| Fatal(format!("cannot write {}: {e}", path.display())))?;
            emit(&format!(
                "Removed {address} from the state (the simulated object itself is untouched).\n"
            ));
            Ok(0)
        }
    }
}
