//! Findings to text (miette), JSON (Terraform's validate shape plus code,
//! rule and resources), SARIF 2.1.0 and GitHub workflow annotations.

use std::fmt;

use std::collections::HashMap;
use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    NamedSource, SourceCode, SourceSpan, SpanContents,
};
use serde_json::{Value, json};
use skyplan_diagnostics::{Diagnostic, FileId, Label, Rule, Severity, SourceFiles, Span};

use crate::terminal::{escape, escape_line, same_length};

// ---------------------------------------------------------------- text ---

/// One finding as miette sees it: labels in the primary file, and one
/// related report per other file.
#[derive(Debug)]
struct Report {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<NamedSource<Window>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(
                self.related.iter().map(|r| r as &dyn miette::Diagnostic),
            ))
        }
    }
}

/// Source lines longer than this are not shown as a snippet: miette cannot
/// draw a label past column 65,535, and a snippet that wide helps nobody.
const LONGEST_SNIPPET_LINE: usize = 1_000;

fn labeled(label: &Label, primary: bool) -> LabeledSpan {
    let span = SourceSpan::new(
        (label.span.start as usize).into(),
        label.span.len() as usize,
    );
    let message = Some(escape(&label.message).into_owned());
    if primary {
        LabeledSpan::new_primary_with_span(message, span)
    } else {
        LabeledSpan::new_with_span(message, span)
    }
}

/// Lines of context miette shows around a label (its default is 1).
const CONTEXT_LINES: usize = 2;

/// The lines around a report's labels, as miette reads them: escaped, with
/// every byte offset and line number where it is in the file. Handing
/// miette the whole file instead made 10,000 findings in one file cost
/// 10,000 copies and scans of it.
#[derive(Debug)]
struct Window {
    text: Arc<str>,
    /// The window's byte range in the file, and the line it starts on.
    start: usize,
    end: usize,
    first_line: usize,
}

impl SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let local = SourceSpan::new(span.offset().saturating_sub(self.start).into(), span.len());
        let inner = self.text[self.start..self.end].read_span(&local, before, after)?;
        Ok(Box::new(MietteSpanContents::new(
            inner.data(),
            SourceSpan::new(
                (inner.span().offset() + self.start).into(),
                inner.span().len(),
            ),
            inner.line() + self.first_line,
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// Every file of a render, escaped once ([`same_length`]: byte offsets
/// stay put) with where its lines start.
#[derive(Default)]
struct Escaped {
    files: HashMap<FileId, (Arc<str>, Vec<usize>)>,
}

impl Escaped {
    /// The window of `file` holding `spans` and a few lines around them.
    fn window(
        &mut self,
        sources: &SourceFiles,
        file: FileId,
        spans: &[Span],
    ) -> NamedSource<Window> {
        let f = sources.get(file);
        let (text, starts) = self.files.entry(file).or_insert_with(|| {
            let text: Arc<str> = Arc::from(same_length(&f.text));
            let starts = std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            (text, starts)
        });
        let line_of = |at: usize| starts.partition_point(|&s| s <= at).saturating_sub(1);
        let lo = spans.iter().map(|s| s.start as usize).min().unwrap_or(0);
        let hi = spans.iter().map(|s| s.end as usize).max().unwrap_or(0);
        let first_line = line_of(lo).saturating_sub(CONTEXT_LINES);
        let last_line = line_of(hi) + CONTEXT_LINES + 1;
        let end = starts.get(last_line).map_or(text.len(), |&s| s);
        let window = Window {
            text: Arc::clone(text),
            start: starts[first_line],
            end: end.max(hi).min(text.len()),
            first_line,
        };
        NamedSource::new(escape_line(&f.name), window).with_language("yaml")
    }
}

/// The length of the line around byte `at` (lines end at LF or CR).
fn line_length(text: &[u8], at: usize) -> usize {
    let at = at.min(text.len());
    let is_end = |b: &u8| *b == b'\n' || *b == b'\r';
    let start = text[..at].iter().rposition(is_end).map_or(0, |i| i + 1);
    let end = text[at..]
        .iter()
        .position(is_end)
        .map_or(text.len(), |i| at + i);
    end - start
}

/// Whether a label can be drawn in a snippet of its line.
fn fits(sources: &SourceFiles, span: Span) -> bool {
    let text = sources.get(span.file).text.as_bytes();
    [span.start, span.end]
        .iter()
        .all(|&at| line_length(text, at as usize) <= LONGEST_SNIPPET_LINE)
}

/// A label that cannot be drawn, as a line of text: where and what.
fn located(sources: &SourceFiles, label: &Label) -> String {
    let at = sources.start(label.span);
    format!(
        "at {}:{}:{}: {} (the line is too long to show)",
        escape_line(&sources.get(label.span.file).name),
        at.line,
        at.column,
        escape(&label.message)
    )
}

fn report(sources: &SourceFiles, escaped: &mut Escaped, d: &Diagnostic) -> Report {
    let mut help = Vec::new();
    if let Some(detail) = &d.detail {
        help.push(escape(detail).into_owned());
    }
    if let Some(h) = &d.help {
        help.push(escape(h).into_owned());
    }
    if !d.resources.is_empty() {
        help.push(format!("resources: {}", escape(&d.resources.join(", "))));
    }
    let primary = d.primary.as_ref().filter(|l| fits(sources, l.span));
    if let Some(l) = d.primary.as_ref().filter(|l| !fits(sources, l.span)) {
        help.push(located(sources, l));
    }
    let primary_file = primary.map(|l| l.span.file);
    let mut labels: Vec<LabeledSpan> = primary.iter().map(|l| labeled(l, true)).collect();
    let mut drawn: Vec<Span> = primary.iter().map(|l| l.span).collect();
    let mut related = Vec::new();
    // A related place in the primary's file is drawn beside it, unless it
    // comes lines before it: then it would open the report (miette draws in
    // file order) and the header would point at it, not at the finding.
    let before_primary = |r: &Label| {
        primary.is_some_and(|p| {
            r.span.start < p.span.start
                && sources.start(p.span).line > sources.start(r.span).line + 2
        })
    };
    for r in &d.related {
        if !fits(sources, r.span) {
            help.push(located(sources, r));
        } else if Some(r.span.file) == primary_file && !before_primary(r) {
            labels.push(labeled(r, false));
            drawn.push(r.span);
        } else {
            related.push(Report {
                message: escape(&r.message).into_owned(),
                code: Some("see also".into()),
                severity: miette::Severity::Advice,
                help: None,
                source: Some(escaped.window(sources, r.span.file, &[r.span])),
                labels: vec![labeled(r, true)],
                related: Vec::new(),
            });
        }
    }
    Report {
        message: escape(&d.summary).into_owned(),
        code: Some(format!("{}({})", d.rule.code(), d.rule.name())),
        severity: match d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        },
        help: (!help.is_empty()).then(|| help.join("\n")),
        source: primary.map(|l| escaped.window(sources, l.span.file, &drawn)),
        labels,
        related,
    }
}

/// Renders findings as rustc-style reports.
pub fn text(sources: &SourceFiles, diagnostics: &[Diagnostic], color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    let mut escaped = Escaped::default();
    for d in diagnostics {
        let _ = handler.render_report(&mut out, &report(sources, &mut escaped, d));
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------- json ---

fn range(sources: &SourceFiles, span: Span) -> Value {
    let (start, end) = (sources.start(span), sources.end(span));
    json!({
        "filename": sources.get(span.file).name,
        "start": {"line": start.line, "column": start.column, "byte": start.byte},
        "end": {"line": end.line, "column": end.column, "byte": end.byte},
    })
}

fn diagnostic_json(sources: &SourceFiles, d: &Diagnostic) -> Value {
    let mut v = json!({
        "severity": d.severity.as_str(),
        "code": d.rule.code(),
        "rule": d.rule.name(),
        "summary": d.summary,
        "detail": d.detail.clone().unwrap_or_default(),
        "resources": d.resources,
    });
    if let Some(h) = &d.help {
        v["help"] = json!(h);
    }
    if let Some(l) = &d.primary {
        v["range"] = range(sources, l.span);
    }
    if !d.related.is_empty() {
        v["related"] = d
            .related
            .iter()
            .map(|r| json!({"message": r.message, "range": range(sources, r.span)}))
            .collect();
    }
    v
}

/// How many findings of each severity a run has.
#[derive(Clone, Copy, Debug, Default)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of(diagnostics: &[Diagnostic]) -> Counts {
        let mut c = Counts::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }

    /// The findings that fail the run: errors, and warnings with
    /// `--deny warnings`. Infos never do.
    pub fn failing(self, deny_warnings: bool) -> usize {
        self.errors + if deny_warnings { self.warnings } else { 0 }
    }
}

/// Terraform's `validate -json` shape, extended with code, rule and
/// resources, and with why the run fails (`--deny warnings` makes warnings
/// fail it: `valid` is false then too).
pub fn json(sources: &SourceFiles, diagnostics: &[Diagnostic], deny_warnings: bool) -> String {
    let counts = Counts::of(diagnostics);
    let failed_because = match (counts.errors, counts.warnings) {
        (0, w) if deny_warnings && w > 0 => Some(format!("--deny warnings: {w} warning(s)")),
        (0, _) => None,
        (e, _) => Some(format!("{e} error(s)")),
    };
    let doc = json!({
        "format_version": "1.0",
        "valid": counts.failing(deny_warnings) == 0,
        "failed_because": failed_because,
        "error_count": counts.errors,
        "warning_count": counts.warnings,
        "info_count": counts.infos,
        "diagnostics": diagnostics.iter().map(|d| diagnostic_json(sources, d)).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

// --------------------------------------------------------------- sarif ---

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Where SARIF file locations are relative to: the repository root (the
/// nearest directory above the working directory holding `.git`), else the
/// working directory. Code scanning resolves `%SRCROOT%` to the checkout.
pub struct SourceRoot(std::path::PathBuf);

impl SourceRoot {
    pub fn find() -> SourceRoot {
        let cwd = std::env::current_dir()
            .and_then(|d| d.canonicalize())
            .unwrap_or_default();
        let root = cwd
            .ancestors()
            .find(|d| d.join(".git").exists())
            .unwrap_or(&cwd)
            .to_path_buf();
        SourceRoot(root)
    }

    /// A file's URI relative to the root (percent-encoded, `/`-separated);
    /// a file outside the root keeps its absolute path as a `file:` URI.
    fn uri(&self, name: &str) -> (String, bool) {
        let path = std::path::Path::new(name);
        let full = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        match full.strip_prefix(&self.0) {
            Ok(rel) => (encode_uri_path(&rel.to_string_lossy()), true),
            Err(_) => (
                format!("file://{}", encode_uri_path(&full.to_string_lossy())),
                false,
            ),
        }
    }
}

/// Percent-encodes what a URI path may not hold as is.
fn encode_uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn artifact(root: &SourceRoot, name: &str) -> Value {
    match root.uri(name) {
        (uri, true) => json!({"uri": uri, "uriBaseId": "%SRCROOT%"}),
        (uri, false) => json!({"uri": uri}),
    }
}

/// SARIF 2.1.0, as GitHub code scanning accepts it.
pub fn sarif(sources: &SourceFiles, diagnostics: &[Diagnostic], root: &SourceRoot) -> String {
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.code(),
                "name": r.name(),
                "shortDescription": {"text": r.summary()},
                "fullDescription": {"text": r.summary()},
                "help": {"text": r.doc_markdown(), "markdown": r.doc_markdown()},
                "defaultConfiguration": {"level": sarif_level(r.default_severity()), "enabled": r.enabled_by_default()},
            })
        })
        .collect();
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let index = Rule::ALL.iter().position(|r| *r == d.rule).unwrap_or(0);
            let mut text = d.summary.clone();
            if let Some(detail) = &d.detail {
                text.push_str(&format!(" ({detail})"));
            }
            let mut result = json!({
                "ruleId": d.rule.code(),
                "ruleIndex": index,
                "level": sarif_level(d.severity),
                "message": {"text": text},
                "properties": {"resources": d.resources},
            });
            if let Some(l) = &d.primary {
                let (s, e) = (sources.start(l.span), sources.end(l.span));
                result["locations"] = json!([{
                    "physicalLocation": {
                        "artifactLocation": artifact(root, &sources.get(l.span.file).name),
                        "region": {"startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column},
                    }
                }]);
            }
            result
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "skyplan",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://example.invalid/skyplan",
                "rules": rules,
            }},
            "originalUriBaseIds": {
                "%SRCROOT%": {"uri": format!("file://{}/", encode_uri_path(&root.0.to_string_lossy()).trim_end_matches('/'))},
            },
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

// -------------------------------------------------------------- github ---

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands (`::error file=...::message`).
pub fn github(sources: &SourceFiles, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let title = escape_property(&format!("{} {}", d.rule.code(), d.rule.name()));
        let location = d.primary.as_ref().map_or_else(String::new, |l| {
            let (s, e) = (sources.start(l.span), sources.end(l.span));
            format!(
                "file={},line={},col={},endLine={},endColumn={},",
                escape_property(&escape_line(&sources.get(l.span.file).name)),
                s.line,
                s.column,
                e.line,
                e.column
            )
        });
        out.push_str(&format!(
            "::{level} {location}title={title}::{}\n",
            escape_data(&escape(&d.summary))
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A report deep in a long file shows the lines around its labels with
    /// their numbers in the file, a lone carriage return counted as a line
    /// end, as when miette read the whole file.
    #[test]
    fn windows_keep_the_files_line_numbers() {
        let mut yaml: String = (1..=60).map(|i| format!("k{i}: v{i}\n")).collect();
        yaml.insert_str(0, "a: 1\rb: 2\n");
        let mut sources = SourceFiles::new();
        let file = sources.add("t.yaml", yaml.clone());
        let at = |needle: &str| {
            let start = yaml.find(needle).unwrap() as u32;
            Span::new(file, start, start + needle.len() as u32)
        };
        let d = Diagnostic::new(Rule::DuplicateResourceName, "twice")
            .at(at("k40: v40"), "second")
            .related(at("k42: v42"), "later");
        let out = text(&sources, &[d], false);
        assert!(out.contains("[t.yaml:42:1]"), "{out}");
        for line in ["41 │ k39", "42 │ k40", "44 │ k42"] {
            assert!(out.contains(line), "{line} in {out}");
        }
        assert!(!out.contains("│ k35"), "{out}");
    }
}
