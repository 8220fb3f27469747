//! Carries a plan out on a state file durably, as Terraform keeps
//! persistence in a state hook apart from its UI: the binary asks, this
//! crate writes, and a callback hears of every step.
//!
//! Every step is recorded in the state's journal as it completes (one
//! line, one `write`), so a kill at any point leaves exactly what was done:
//! the last whole state plus the journal's complete lines. A new state is
//! written (empty) before its journal starts, so a journal always continues
//! a state file. The full state is rewritten atomically (compaction) when
//! the time since the last write exceeds four times that write's cost (at
//! least 100 ms), and at the end, when the journal is removed. Each step
//! advances the serial by one, in the journal's replay as in compactions,
//! so a serial names one content and a plan made from a journal is never
//! mistaken for a later state.

use std::io;
use std::path::Path;
use std::time::{Duration, Instant};

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
}

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
    let state = match target.state {
        Some(state) => {
            file::backup(path).map_err(ApplyFailure::Backup)?;
            state
        }
        None => {
            let fresh = State::new(target.new_lineage);
            write(&fresh)?;
            fresh
        }
    };
    let mut written = state.clone();
    let mut journal = start_journal(&written)?;
    let mut since_write: u64 = 0;
    let mut sim = Simulator::new(plan, state);
    let total = plan.apply_order.len();
    let mut last_write = Instant::now();
    let mut gap = Duration::from_millis(100);
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
        // At most about a fifth of the time goes to it.
        if last_write.elapsed() >= gap {
            let started = Instant::now();
            let mut next = sim.state().clone();
            next.serial = written
                .serial_after(since_write)
                .map_err(ApplyFailure::Serial)?;
            write(&next)?;
            written = next;
            since_write = 0;
            journal = start_journal(&written)?;
            gap = (started.elapsed() * 4).max(Duration::from_millis(100));
            last_write = Instant::now();
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
        write(&final_state)?;
    }
    journal.finish().map_err(ApplyFailure::Journal)?;
    Ok(final_state)
}
