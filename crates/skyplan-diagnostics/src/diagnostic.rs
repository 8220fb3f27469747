//! One finding.

use crate::registry::Rule;
use crate::source::Span;

/// How bad a finding is. `Error`: AWS would refuse it or it cannot work as
/// written. `Warning`: it works but is risky, wasteful or fragile. `Info`:
/// something the user should know about the check itself (what could not
/// be checked); it never fails a run, even with `--deny warnings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A message attached to a place in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// A finding: which rule, how severe, what it says, which resources it is
/// about (the faulty one first) and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: Rule,
    pub severity: Severity,
    pub summary: String,
    pub detail: Option<String>,
    pub help: Option<String>,
    pub resources: Vec<String>,
    pub primary: Option<Label>,
    pub related: Vec<Label>,
}

impl Diagnostic {
    pub fn new(rule: Rule, summary: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: rule.default_severity(),
            summary: summary.into(),
            detail: None,
            help: None,
            resources: Vec::new(),
            primary: None,
            related: Vec::new(),
        }
    }

    /// The label on the offending value.
    pub fn at(mut self, span: Span, message: impl Into<String>) -> Self {
        self.primary = Some(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Another place that takes part in the finding.
    pub fn related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a resource address; the first one added is the faulty one.
    /// Repeats are ignored so callers need not de-duplicate.
    pub fn resource(mut self, address: impl Into<String>) -> Self {
        let address = address.into();
        if !self.resources.contains(&address) {
            self.resources.push(address);
        }
        self
    }

    pub fn resources<I, S>(mut self, addresses: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        for a in addresses {
            self = self.resource(a);
        }
        self
    }

    /// Sort key for deterministic output: file, position, then code.
    pub fn sort_key(&self) -> (u32, u32, u32, &'static str, &str) {
        match &self.primary {
            Some(l) => (
                l.span.file.0,
                l.span.start,
                l.span.end,
                self.rule.code(),
                &self.summary,
            ),
            None => (u32::MAX, 0, 0, self.rule.code(), &self.summary),
        }
    }
}

/// Sorts findings by file, position and code, and drops exact repeats.
pub fn sort_diagnostics(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}
