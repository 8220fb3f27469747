//! The lint pipeline as a library, shared by the binary, tests and
//! benchmarks: loading, resolving and checking one stack
//! ([`check_stack`]), then choosing which findings to keep: `--select` /
//! `--ignore`, validate's errors-only, `skyplan.toml`'s severities and
//! inline `# skyplan: ignore[CODE] reason` suppressions ([`Selection`]).

use std::collections::HashMap;

use skyplan_diagnostics::{
    Diagnostic, FileId, Rule, Severity, SourceFiles, Span, sort_diagnostics,
};
use skyplan_model::Model;
use skyplan_spec::{Inputs, ModuleFiles};

/// Which rules run, decided from the command line before any work starts.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub errors_only: bool,
    /// Severities changed by `skyplan.toml`.
    pub severity: HashMap<Rule, Severity>,
    /// For commands that report no finding of their stack (`graph`,
    /// `reach`, `exposure`): the reachability rules, which walk many paths,
    /// do not run.
    pub skip_reachability: bool,
    /// For `plan` and `apply`: errors of rules AWS enforces
    /// ([`Rule::refused_by_aws`]) stay errors whatever suppresses,
    /// deselects or downgrades them.
    pub enforce_refusals: bool,
    /// For `plan` and `apply`: what the internet reaches is worked out
    /// (to record, and to compare with the record), whether or not RC002
    /// is reported.
    pub record_exposure: bool,
}

/// A `--select`/`--ignore` pattern (or `skyplan.toml` entry) that names
/// no rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownPattern(pub String);

impl std::fmt::Display for UnknownPattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "`{}` matches no rule; see `skyplan explain --all`",
            self.0
        )
    }
}

impl std::error::Error for UnknownPattern {}

fn matches(rule: Rule, pattern: &str) -> bool {
    let p = pattern.trim();
    rule.name() == p
        || rule
            .code()
            .to_ascii_uppercase()
            .starts_with(&p.to_ascii_uppercase())
}

impl Selection {
    /// Refuses a pattern that matches no rule (a typo would silently select nothing).
    pub fn validate(&self) -> Result<(), UnknownPattern> {
        match self
            .select
            .iter()
            .chain(&self.ignore)
            .find(|p| !Rule::ALL.iter().any(|r| matches(*r, p)))
        {
            Some(p) => Err(UnknownPattern(p.clone())),
            None => Ok(()),
        }
    }

    /// The reachability findings this run reports: none for commands that
    /// skip them, only what `--select`/`--ignore` keep, and no warnings for
    /// `validate`.
    pub fn reachability(&self) -> skyplan_reach::Wanted {
        let reports = |rule: Rule| {
            let severity = self
                .severity
                .get(&rule)
                .copied()
                .unwrap_or(rule.default_severity());
            !self.skip_reachability
                && self.enabled(rule)
                && !(self.errors_only && severity != Severity::Error)
        };
        skyplan_reach::Wanted {
            expectations: reports(Rule::ExpectationFailed)
                || reports(Rule::ExpectationNotEvaluated),
            exposure: reports(Rule::InternetExposed)
                || (self.record_exposure && !self.skip_reachability),
            symmetry: reports(Rule::TransitGatewayAsymmetric),
        }
    }

    pub fn enabled(&self, rule: Rule) -> bool {
        let selected = if self.select.is_empty() {
            rule.enabled_by_default()
        } else {
            self.select.iter().any(|p| matches(rule, p))
        };
        selected && !self.ignore.iter().any(|p| matches(rule, p))
    }
}

/// The outcome of checking one stack.
pub struct Checked {
    pub model: Model,
    pub diagnostics: Vec<Diagnostic>,
    /// What the internet reaches (when the checks worked it out).
    pub exposure: Option<Vec<skyplan_state::Exposed>>,
}

/// Loads, resolves and checks the files of one stack.
pub fn check_stack(
    sources: &SourceFiles,
    files: &[FileId],
    modules: &ModuleFiles,
    inputs: &Inputs,
    diagnostics: Vec<Diagnostic>,
    selection: &Selection,
) -> Checked {
    let stack = Stack {
        sources,
        files,
        modules,
        inputs,
    };
    check_stack_then(stack, diagnostics, selection, || {})
}

/// The files of one stack, as [`check_stack`] takes them.
#[derive(Clone, Copy)]
pub struct Stack<'a> {
    pub sources: &'a SourceFiles,
    pub files: &'a [FileId],
    pub modules: &'a ModuleFiles,
    pub inputs: &'a Inputs,
}

/// [`check_stack`], calling `loaded` once the files are parsed and
/// decoded (the part that keeps every core busy) and the rest (resolving,
/// the rules, on one thread) begins: work started then on a thread of its
/// own has a core to itself.
pub fn check_stack_then(
    stack: Stack,
    mut diagnostics: Vec<Diagnostic>,
    selection: &Selection,
    loaded: impl FnOnce(),
) -> Checked {
    let Stack {
        sources,
        files,
        modules,
        inputs,
    } = stack;
    let spec = skyplan_spec::load_stack(sources, files, modules, inputs, &mut diagnostics);
    loaded();
    let model = skyplan_model::resolve(spec, &mut diagnostics);
    diagnostics.extend(skyplan_rules::check(&model, skyplan_facts::facts()));
    // Reachability only on a network without errors: a verdict through a
    // dropped or broken resource would be invented.
    let wanted = selection.reachability();
    let mut exposure = None;
    if (wanted.expectations || wanted.exposure || wanted.symmetry)
        && !diagnostics.iter().any(|d| d.severity == Severity::Error)
    {
        let found = skyplan_reach::check(&model, wanted);
        diagnostics.extend(found.diagnostics);
        exposure = found.exposure;
    }
    // Suppressions first, so a comment for a rule that is not selected in
    // this run still counts as used.
    let enforced = |d: &Diagnostic| {
        selection.enforce_refusals && d.severity == Severity::Error && d.rule.refused_by_aws()
    };
    let every_file: Vec<FileId> = files.iter().chain(modules.files()).copied().collect();
    let mut diagnostics = suppress(sources, &every_file, &model, diagnostics, &enforced);
    diagnostics.retain(|d| selection.enabled(d.rule) || enforced(d));
    for d in &mut diagnostics {
        if let Some(level) = selection.severity.get(&d.rule)
            && !enforced(d)
        {
            d.severity = *level;
        }
    }
    if selection.errors_only {
        diagnostics.retain(|d| d.severity == Severity::Error);
    }
    sort_diagnostics(&mut diagnostics);
    Checked {
        model,
        diagnostics,
        exposure,
    }
}

/// One `# skyplan: ignore[CODES] reason` comment.
struct Suppression {
    span: Span,
    codes: Vec<String>,
    has_reason: bool,
    used: bool,
}

const MARKER: &str = "# skyplan: ignore[";

/// Finds suppression comments by line: `(file, line) -> suppression`; the
/// first marker of a line counts. One search per file, not one per line.
fn suppressions(sources: &SourceFiles, files: &[FileId]) -> HashMap<(FileId, u32), Suppression> {
    let mut found = HashMap::new();
    for &file in files {
        let text = sources.get(file).text.as_str();
        let (mut line, mut counted) = (1u32, 0usize);
        let mut last_line = 0u32;
        for (at, _) in text.match_indices(MARKER) {
            line += text.as_bytes()[counted..at]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u32;
            counted = at;
            if line == last_line {
                continue;
            }
            last_line = line;
            let end = text[at..].find('\n').map_or(text.len(), |n| at + n);
            let rest = &text[at + MARKER.len()..end];
            let Some(close) = rest.find(']') else {
                continue;
            };
            let codes = rest[..close]
                .split(',')
                .map(|c| c.trim().to_ascii_uppercase())
                .filter(|c| !c.is_empty())
                .collect();
            let start = at as u32;
            found.insert(
                (file, line),
                Suppression {
                    span: Span::new(file, start, start + (MARKER.len() + close + 1) as u32),
                    codes,
                    has_reason: !rest[close + 1..].trim().is_empty(),
                    used: false,
                },
            );
        }
    }
    found
}

/// Drops suppressed findings and reports unused or reasonless suppressions.
fn suppress(
    sources: &SourceFiles,
    files: &[FileId],
    model: &Model,
    diagnostics: Vec<Diagnostic>,
    enforced: &dyn Fn(&Diagnostic) -> bool,
) -> Vec<Diagnostic> {
    let mut table = suppressions(sources, files);
    if table.is_empty() {
        return diagnostics;
    }
    // Where each resource is declared, for suppressions on the resource line.
    let declared: HashMap<&str, Span> = model
        .graph
        .graph
        .node_weights()
        .map(|n| (n.address.as_str(), n.span))
        .chain(
            model
                .instance_groups
                .iter()
                .map(|g| (g.common.address.as_str(), g.common.name.span)),
        )
        .collect();
    let mut kept = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        let mut places = Vec::new();
        if let Some(l) = &d.primary {
            places.push(l.span);
        }
        if let Some(span) = d.resources.first().and_then(|a| declared.get(a.as_str())) {
            places.push(*span);
        }
        let mut hit = false;
        for span in places {
            let line = sources.start(span).line;
            for l in [line, line.saturating_sub(1)] {
                if let Some(s) = table.get_mut(&(span.file, l))
                    && s.codes.iter().any(|c| c == d.rule.code())
                {
                    s.used = true;
                    hit = true;
                }
            }
        }
        if !hit {
            kept.push(d);
        } else if enforced(&d) {
            let help = d
                .help
                .clone()
                .map_or_else(String::new, |h| format!("{h}\n"));
            kept.push(d.help(format!(
                "{help}AWS refuses this, so a suppression silences it for `lint` only (see `skyplan explain`)"
            )));
        }
    }
    let mut comments: Vec<_> = table.into_values().collect();
    comments.sort_by_key(|s| s.span);
    for s in comments {
        let codes = s.codes.join(", ");
        if !s.used {
            kept.push(
                Diagnostic::new(
                    Rule::UnusedSuppression,
                    format!("`ignore[{codes}]` silences nothing here"),
                )
                .at(s.span, "unused suppression")
                .help("remove the comment"),
            );
        }
        if !s.has_reason {
            kept.push(
                Diagnostic::new(
                    Rule::SuppressionWithoutReason,
                    format!("`ignore[{codes}]` gives no reason"),
                )
                .at(s.span, "add a reason after the bracket")
                .help("write why the finding is acceptable here: `# skyplan: ignore[CODE] reason`"),
            );
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The suppressions of `text`, found line by line: the first marker of
    /// each line, if its `[` closes on that line.
    fn by_line(text: &str) -> Vec<(u32, u32, u32, Vec<String>, bool)> {
        let mut out = Vec::new();
        let mut offset = 0;
        for (i, line) in text.split('\n').enumerate() {
            if let Some(at) = line.find(MARKER) {
                let rest = &line[at + MARKER.len()..];
                if let Some(close) = rest.find(']') {
                    let codes = rest[..close]
                        .split(',')
                        .map(|c| c.trim().to_ascii_uppercase())
                        .filter(|c| !c.is_empty())
                        .collect();
                    let start = (offset + at) as u32;
                    let end = start + (MARKER.len() + close + 1) as u32;
                    let reason = !rest[close + 1..].trim().is_empty();
                    out.push((i as u32 + 1, start, end, codes, reason));
                }
            }
            offset += line.len() + 1;
        }
        out
    }

    fn found(text: &str) -> Vec<(u32, u32, u32, Vec<String>, bool)> {
        let mut sources = SourceFiles::new();
        let file = sources.add("a.yaml", text.to_string());
        let mut out: Vec<_> = suppressions(&sources, &[file])
            .into_iter()
            .map(|((_, line), s)| (line, s.span.start, s.span.end, s.codes, s.has_reason))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn first_marker_of_a_line_counts() {
        let text = "a: 1 # skyplan: ignore[sn003, SG001] why\n\
                    b: 2 # skyplan: ignore[ # skyplan: ignore[VP001] later\n\
                    c: 3 # skyplan: ignore[RT001] # skyplan: ignore[RT002] x\r\n\
                    # skyplan: ignore[EC001]";
        assert_eq!(found(text), by_line(text));
        assert_eq!(found(text).len(), 4);
    }

    proptest! {
        #[test]
        fn same_as_line_by_line(
            pieces in prop::collection::vec(
                prop::sample::select(vec![
                    "# skyplan: ignore[", "SN003", ",", "]", " why", "\n", "\r\n", "a: 1 ", " ",
                ]),
                0..40,
            )
        ) {
            let text = pieces.concat();
            prop_assert_eq!(found(&text), by_line(&text));
        }
    }
}
