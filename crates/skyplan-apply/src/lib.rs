//! Carries a plan out on a state file durably, as Terraform keeps
//! persistence in a state hook apart from its UI: the binary asks, this
//! crate writes, and a callback hears of every step.
//!
//! Every step is recorded in the state's journal as it completes (one
//! line, one `write`), so a kill at any point leaves exactly what was done:
//! the last whole state plus the journal's complete lines. A new state is
//! written (empty) before its journal starts, so a journal always continues
//! a state file. The full state is rewritten atomically (compaction) when
//! the journal grows larger than the state it continues and than
//! [`Target::journal_limit`] — a replay after a crash then reads at most
//! about twice what a state read does, and an apply writes the full state
//! a logarithmic number of times, not once per interval — and at the end,
//! when the journal is removed. Each step
//! advances the serial by one, in the journal's replay as in compactions,
//! so a serial names one content and a plan made from a journal is never
//! mistaken for a later state.

use std::io;
use std::path::Path;

use skyplan_plan::apply::ApplyError;
use skyplan_plan::{Plan, Simulator, Step};
use skyplan_state::file;
use skyplan_state::{State, StateError};

/// Where the state lives, and the state it holds (`None`: no file yet).
pub struct Target<'a> {
    pub path: &'a Path,
    pub state: Option<State>,
    /// The lineage of a new state, when there is none.
    pub new_lineage: String,
    /// The journal size under which it is never compacted
    /// ([`JOURNAL_LIMIT`] outside tests).
    pub journal_limit: u64,
    /// What the internet reaches once the plan is carried out, recorded
    /// in the final state (`None`: unknown, and the old record dropped).
    pub exposure: Option<Vec<skyplan_state::Exposed>>,
    /// The digest of the spec the state matches once the plan is carried
    /// out (a whole plan of it), else `None`.
    pub applied_spec: Option<String>,
}

/// A journal of up to 256 MiB is replayed in about a second; a 100,000
/// resource apply from nothing journals some 70 MB and so writes the full
/// state once, at the end.
pub const JOURNAL_LIMIT: u64 = 256 << 20;

/// One step done and recorded in the journal.
pub struct StepDone<'a> {
    /// Its place in the plan's order (from 0) and the number of steps.
    pub index: usize,
    pub total: usize,
    pub step: &'a Step,
    /// The object's id after the step (`None` once deleted).
    pub id: Option<&'a str>,
}

/// Why a durable apply stopped. Everything done before it is in the state
/// file or its journal.
#[derive(Debug)]
pub enum ApplyFailure {
    /// Backing up the state before the first change.
    Backup(io::Error),
    /// Writing the whole state (a new state, a compaction, the end).
    Write(io::Error),
    /// Starting, appending to or removing the journal.
    Journal(io::Error),
    /// AWS (the simulator) refused a step.
    Step(ApplyError),
    /// The serial cannot advance any further.
    Serial(StateError),
}

impl std::fmt::Display for ApplyFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApplyFailure::Backup(e) => write!(f, "cannot back up the state: {e}"),
            ApplyFailure::Write(e) => write!(f, "cannot write the state: {e}"),
            ApplyFailure::Journal(e) => write!(f, "cannot write the state's journal: {e}"),
            ApplyFailure::Step(e) => write!(
                f,
                "apply failed: {e}; the state holds everything done before it"
            ),
            ApplyFailure::Serial(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ApplyFailure {}

/// Runs every step of `plan` on the state at `target`, durably; calls
/// `done` after each step is recorded (and after any compaction it
/// triggered). Returns the final state, written in full.
pub fn apply(
    plan: &Plan,
    target: Target,
    mut done: impl FnMut(StepDone),
) -> Result<State, ApplyFailure> {
    let path = target.path;
    let write = |state: &State| file::write_atomic(path, state).map_err(ApplyFailure::Write);
    let start_journal =
        |base: &State| file::Journal::start(path, base).map_err(ApplyFailure::Journal);
    let (state, mut written_bytes) = match target.state {
        Some(state) => {
            file::backup(path).map_err(ApplyFailure::Backup)?;
            // Its size on disk: what reading it costs.
            let bytes = std::fs::symlink_metadata(path).map_or(0, |m| m.len());
            (state, bytes)
        }
        None => {
            let fresh = State::new(target.new_lineage);
            let bytes = write(&fresh)?;
            (fresh, bytes)
        }
    };
    // The state on disk, by lineage and serial.
    let mut written = state.header();
    let mut journal = start_journal(&written)?;
    let mut since_write: u64 = 0;
    // Until the last step is done, the state matches no spec (a
    // compaction on the way writes it so).
    let mut state = state;
    state.applied_spec = None;
    // Moves first, journalled as one step: every object they touched.
    let moved = state
        .move_all(&plan.move_pairs())
        .map_or_else(|_| Vec::new(), |moves| moves.touched);
    if !moved.is_empty() {
        let deposed: Vec<_> = (plan.moved.iter())
            .flat_map(|m| [m.from.clone(), m.to.clone()])
            .collect();
        journal
            .record(&state.delta(&moved, &deposed, true))
            .map_err(ApplyFailure::Journal)?;
        since_write += 1;
    }
    let mut sim = Simulator::new(plan, state);
    let total = plan.apply_order.len();
    for (index, step) in plan.apply_order.iter().enumerate() {
        let touched = sim.run(step).map_err(ApplyFailure::Step)?;
        journal
            .record(
                &sim.state()
                    .delta(&touched.live, &touched.deposed, touched.released),
            )
            .map_err(ApplyFailure::Journal)?;
        since_write += 1;
        // Compaction: the full state, then a fresh journal on top of it.
        if journal.bytes() > written_bytes.max(target.journal_limit) {
            let mut next = sim.state().clone();
            next.serial = written
                .serial_after(since_write)
                .map_err(ApplyFailure::Serial)?;
            written_bytes = write(&next)?;
            written = next.header();
            since_write = 0;
            journal = start_journal(&written)?;
        }
        let id = sim.state().get(&step.address).map(|r| r.id.as_str());
        done(StepDone {
            index,
            total,
            step,
            id,
        });
    }
    let mut final_state = sim.into_state();
    final_state.serial = written
        .serial_after(since_write)
        .map_err(ApplyFailure::Serial)?;
    if since_write > 0 {
        final_state.exposure = target.exposure;
        final_state.applied_spec = target.applied_spec;
        write(&final_state)?;
    }
    journal.finish().map_err(ApplyFailure::Journal)?;
    Ok(final_state)
}

#[cfg(test)]
mod tests {
    use super::*;
    use skyplan_diagnostics::SourceFiles;
    use skyplan_plan::PlanOptions;

    /// The bastion stack's plan from nothing.
    fn bastion_plan() -> Plan {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../specs/bastion");
        let mut sources = SourceFiles::new();
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        names.sort();
        let files: Vec<_> = names
            .iter()
            .map(|p| sources.add(p.display().to_string(), std::fs::read_to_string(p).unwrap()))
            .collect();
        let checked = skyplan_check::check_stack(
            &sources,
            &files,
            &Default::default(),
            &Default::default(),
            Vec::new(),
            &skyplan_check::Selection::default(),
        );
        let desired = skyplan_plan::desired(&checked.model);
        skyplan_plan::plan(
            &desired,
            None,
            &PlanOptions::default(),
            "test",
            "sha256:test",
        )
        .unwrap()
    }

    fn temp_state(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("skyplan-apply-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("skyplan.state.json")
    }

    /// With a journal limit of nothing, compactions come as often as the
    /// journal outgrows the state; after every step, what is on disk (the
    /// state and its journal, replayed) is the state after that step, with
    /// the serial advanced once per step.
    #[test]
    fn every_step_is_on_disk_through_compactions() {
        let plan = bastion_plan();
        for limit in [0, JOURNAL_LIMIT] {
            let path = temp_state(&format!("limit-{limit}"));
            let mut compacted = 0;
            let target = Target {
                path: &path,
                state: None,
                new_lineage: "00000000-0000-4000-8000-000000000000".into(),
                journal_limit: limit,
                exposure: None,
                applied_spec: None,
            };
            let last = apply(&plan, target, |done| {
                let on_disk = file::read(&path).unwrap().unwrap();
                assert_eq!(on_disk.serial, done.index as u64 + 1);
                assert_eq!(
                    on_disk.get(&done.step.address).map(|r| r.id.as_str()),
                    done.id
                );
                let journal = file::journal_path(&path);
                let lines = std::fs::read_to_string(journal).unwrap().lines().count();
                compacted += usize::from(lines == 1);
            })
            .unwrap();
            assert_eq!(last.serial, plan.apply_order.len() as u64);
            assert_eq!(file::read(&path).unwrap().unwrap(), last);
            assert!(!file::journal_path(&path).exists());
            if limit == 0 {
                assert!(compacted > 1, "{compacted}");
            } else {
                assert_eq!(compacted, 0);
            }
        }
    }
}
