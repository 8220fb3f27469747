//! Findings as data.
//!
//! Every stage of skyplan (loading, resolving, checking) reports problems by
//! pushing [`Diagnostic`]s into a list. Nothing here prints or renders: the
//! CLI turns the list into text, JSON, SARIF or GitHub annotations. A
//! diagnostic points into a [`SourceFiles`] table through byte [`Span`]s, so
//! a line and column can always be computed for any output format.

mod diagnostic;
pub mod registry;
mod source;

pub use diagnostic::{Diagnostic, Label, Severity, sort_diagnostics};
pub use registry::Rule;
pub use source::{FileId, Position, SourceFile, SourceFiles, Span};
