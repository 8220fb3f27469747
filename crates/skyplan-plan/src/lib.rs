//! Plans and simulated applies.
//!
//! [`desired`] turns a resolved `Model` into typed attributes per
//! address; [`plan::plan`] diffs them against a `State` (create, update in
//! place, replace, delete, no-op), cascades replacements through force-new
//! references and orders every operation; [`apply::Simulator`] carries the
//! steps out on the state one at a time. No I/O: the caller reads and
//! writes the state and renders the plan.

pub mod allocate;
pub mod apply;
pub mod desired;
pub mod exposure;
pub mod ids;
mod json;
mod kinds;
mod order;
pub mod plan;

pub use apply::Simulator;
pub use desired::{Desired, desired};
pub use exposure::ExposureChanges;
pub use plan::{
    Action, ActionReason, Change, Moved, Object, Plan, PlanError, PlanOptions, Refusal,
    ResourceChange, Step, StepAction, make_moves, plan, targets_address,
};
