//! `variables:` and `${...}`: a stack's variables are declared in its
//! files, given values from outside (an environment of `skyplan.toml`, a
//! `--var-file`, `--var`; later ones win over earlier ones and over the
//! declared default), and substituted into every scalar of every file
//! before the files are decoded, so the rest of skyplan sees plain values
//! with the spans of the expressions that made them.
//!
//! A scalar that is one expression takes the expression's type (`count:
//! "${var.replicas}"` is a number); text around an expression makes a
//! string. Keys are never substituted.

use std::cell::RefCell;
use std::ops::Range;

use foldhash::{HashMap, HashMapExt, HashSet};
use skyplan_diagnostics::{Diagnostic, FileId, Rule, SourceFile, Span};

use crate::decode::Decoder;
use crate::expr::{self, ExprError, ExprErrorKind, Piece, Scope, Val};
use crate::schema::{self, keys_of};
use crate::suggest::closest;
use crate::yaml::{Node, Value};

/// The top-level key that declares variables.
pub const VARIABLES: &str = "variables";

/// The types a variable can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarType {
    String,
    Number,
    Bool,
    /// An IPv4 or IPv6 block, its host bits zero.
    Cidr,
}

impl VarType {
    pub const NAMES: &[&str] = &["string", "number", "bool", "cidr"];

    fn from_name(name: &str) -> Option<VarType> {
        match name {
            "string" => Some(VarType::String),
            "number" => Some(VarType::Number),
            "bool" => Some(VarType::Bool),
            "cidr" => Some(VarType::Cidr),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            VarType::String => "a string",
            VarType::Number => "a number",
            VarType::Bool => "a boolean",
            VarType::Cidr => "a CIDR block",
        }
    }
}

/// A variable's value given from outside the stack's files.
#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    pub name: String,
    pub value: InputValue,
    /// Where it was given, in words: `--var`, `[environments.dev.vars] in skyplan.toml`.
    pub origin: String,
    /// Its place, when its text is among the sources.
    pub span: Option<Span>,
    /// Whether naming no variable of the stack is an error (`--var`, typed
    /// for this stack) rather than a warning (a file shared by stacks).
    pub strict: bool,
}

/// A value as given: `--var` gives text, read as the declared type; files
/// give typed values.
#[derive(Clone, Debug, PartialEq)]
pub enum InputValue {
    Text(String),
    Str(String),
    Int(i64),
    Bool(bool),
}

impl InputValue {
    fn shown(&self) -> String {
        match self {
            InputValue::Text(s) | InputValue::Str(s) => format!("`{s}`"),
            InputValue::Int(n) => n.to_string(),
            InputValue::Bool(b) => b.to_string(),
        }
    }
}

/// Every value given from outside, in the order they apply (later wins).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inputs {
    pub values: Vec<Input>,
}

/// One declared variable.
struct Declared {
    name: String,
    span: Span,
    ty: VarType,
    default: Option<(Val, Span)>,
}

/// The variables of a stack with their values: what expressions read.
#[derive(Default)]
pub(crate) struct Bound {
    values: HashMap<String, Val>,
    declared: Vec<(String, Span)>,
}

impl Bound {
    pub(crate) fn is_empty(&self) -> bool {
        self.declared.is_empty()
    }
}

/// Reads the `variables:` of every file and binds each to its value.
/// Problems go to `diagnostics`; `false` when one of them is an error.
pub(crate) fn bind(
    sources: &[(FileId, &SourceFile, Option<&Node>)],
    inputs: &Inputs,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Bound, bool) {
    let before = diagnostics.len();
    let declared = declarations(sources, diagnostics);
    let mut bound = Bound {
        values: HashMap::with_capacity(declared.len()),
        declared: declared.iter().map(|v| (v.name.clone(), v.span)).collect(),
    };
    for v in &declared {
        let given = inputs.values.iter().rev().find(|i| i.name == v.name);
        let value = match given {
            Some(input) => match coerce(v.ty, &input.value) {
                Ok(value) => Some(value),
                Err(why) => {
                    let d = Diagnostic::new(
                        Rule::VariableType,
                        format!(
                            "`{}` is {}, but {} gives it {}{why}",
                            v.name,
                            v.ty.name(),
                            input.origin,
                            input.value.shown()
                        ),
                    )
                    .related(v.span, "declared here");
                    let d = match input.span {
                        Some(span) => d.at(span, format!("not {}", v.ty.name())),
                        None => d,
                    };
                    diagnostics.push(d.help(format!("give `{}` {}", v.name, v.ty.name())));
                    None
                }
            },
            None => match &v.default {
                Some((value, _)) => Some(value.clone()),
                None => {
                    diagnostics.push(
                        Diagnostic::new(
                            Rule::MissingVariable,
                            format!("variable `{}` has no value", v.name),
                        )
                        .at(v.span, "no default, and no value given")
                        .help(format!(
                            "give it a `default`, a value in the environment's `vars` in skyplan.toml, \
                             or pass `--var {}=VALUE`",
                            v.name
                        )),
                    );
                    None
                }
            },
        };
        if let Some(value) = value {
            bound.values.insert(v.name.clone(), value);
        }
    }
    unknown_inputs(&declared, inputs, diagnostics);
    let failed = diagnostics[before..]
        .iter()
        .any(|d| d.severity == skyplan_diagnostics::Severity::Error);
    (bound, !failed)
}

/// Values given for variables no file declares: a typo on the command line
/// is an error; a shared file's value for another stack's variable only a
/// warning, and none for a stack without variables.
fn unknown_inputs(declared: &[Declared], inputs: &Inputs, diagnostics: &mut Vec<Diagnostic>) {
    let names: HashSet<&str> = declared.iter().map(|v| v.name.as_str()).collect();
    let mut reported: HashSet<&str> = HashSet::default();
    for input in &inputs.values {
        if names.contains(input.name.as_str()) || !reported.insert(input.name.as_str()) {
            continue;
        }
        if !input.strict && declared.is_empty() {
            continue;
        }
        let mut d = Diagnostic::new(
            Rule::UnknownVariable,
            format!(
                "{} sets `{}`, which no variable of the stack declares",
                input.origin, input.name
            ),
        );
        if !input.strict {
            d.severity = skyplan_diagnostics::Severity::Warning;
        }
        if let Some(span) = input.span {
            d = d.at(span, "no such variable");
        }
        d = match closest(&input.name, names.iter().copied()) {
            Some(close) => d.help(format!("did you mean `{close}`?")),
            None => d.help(format!(
                "declare it under `{VARIABLES}:` in a file of the stack"
            )),
        };
        diagnostics.push(d);
    }
}

/// Reads a given value as the declared type.
fn coerce(ty: VarType, value: &InputValue) -> Result<Val, String> {
    match (ty, value) {
        (VarType::String, InputValue::Text(s) | InputValue::Str(s)) => Ok(Val::Str(s.clone())),
        (VarType::Number, InputValue::Int(n)) => Ok(Val::Int(*n)),
        (VarType::Number, InputValue::Text(s)) => s
            .trim()
            .parse()
            .map(Val::Int)
            .map_err(|_| String::from(": not a whole number")),
        (VarType::Bool, InputValue::Bool(b)) => Ok(Val::Bool(*b)),
        (VarType::Bool, InputValue::Text(s)) => match s.as_str() {
            "true" => Ok(Val::Bool(true)),
            "false" => Ok(Val::Bool(false)),
            _ => Err(": a boolean is `true` or `false`".into()),
        },
        (VarType::Cidr, InputValue::Text(s) | InputValue::Str(s)) => cidr(s).map(Val::Str),
        _ => Err(String::new()),
    }
}

/// A block, as written; one with host bits set is refused (AWS refuses
/// `10.0.0.5/16` as a VPC block).
fn cidr(text: &str) -> Result<String, String> {
    let Some((start, len, v6)) = expr::parse_block(text) else {
        return Err(": not a CIDR block".into());
    };
    let written = text
        .split_once('/')
        .and_then(|(a, _)| a.parse::<std::net::IpAddr>().ok())
        .map(|a| match a {
            std::net::IpAddr::V4(a) => u128::from(u32::from(a)),
            std::net::IpAddr::V6(a) => u128::from(a),
        });
    if written == Some(start) {
        return Ok(text.to_string());
    }
    let canonical = if v6 {
        format!("{}/{len}", std::net::Ipv6Addr::from(start))
    } else {
        format!("{}/{len}", std::net::Ipv4Addr::from(start as u32))
    };
    Err(format!(
        ": its host bits are set; the block is `{canonical}`"
    ))
}

/// The `variables:` of every file, the first declaration of a name kept.
fn declarations(
    sources: &[(FileId, &SourceFile, Option<&Node>)],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Declared> {
    let mut out: Vec<Declared> = Vec::new();
    let mut index: HashMap<String, Span> = HashMap::new();
    let keys = keys_of(schema::VARIABLE);
    for &(file, source, root) in sources {
        let Some(Node {
            value: Value::Map(top),
            ..
        }) = root
        else {
            continue;
        };
        let Some((_, node)) = top
            .iter()
            .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == VARIABLES))
        else {
            continue;
        };
        let mut d = Decoder {
            file,
            source,
            diagnostics,
            resource: None,
        };
        let entries = match &node.value {
            Value::Map(entries) => entries,
            Value::Null => continue,
            _ => {
                d.wrong_type(node, "a mapping of variable names");
                continue;
            }
        };
        for (key, attrs) in entries {
            let span = d.span(key);
            let Some(name) = d.name_text(key).filter(|n| is_variable_name(n)) else {
                d.report(
                    Diagnostic::new(Rule::InvalidName, "a variable name must be a valid name")
                        .at(span, "invalid name")
                        .help("names match [A-Za-z_][A-Za-z0-9_-]{0,63}"),
                );
                continue;
            };
            if let Some(first) = index.get(&name) {
                d.report(
                    Diagnostic::new(
                        Rule::DuplicateResourceName,
                        format!("variable `{name}` is declared twice"),
                    )
                    .at(span, "second declaration")
                    .related(*first, "first declaration")
                    .help("keep one; variable names are unique in the whole stack"),
                );
                continue;
            }
            index.insert(name.clone(), span);
            let what = format!("variable `{name}`");
            let Some(f) = d.fields(attrs, &keys, &what, span) else {
                continue;
            };
            let ty = f.choice(&mut d, "type", VarType::NAMES);
            let _ = f.str(&mut d, "description");
            let default = f.node("default");
            let ty = match (ty, default) {
                (Some(t), _) => VarType::from_name(&t.value).unwrap_or(VarType::String),
                // Without a type, the default's says it.
                (None, Some(node)) => match node.value {
                    Value::Int(_) => VarType::Number,
                    Value::Bool(_) => VarType::Bool,
                    _ => VarType::String,
                },
                (None, None) => VarType::String,
            };
            let default = default.and_then(|node| {
                let given = match &node.value {
                    Value::Str(s) => InputValue::Str(s.to_string()),
                    Value::Int(n) => InputValue::Int(*n),
                    Value::Bool(b) => InputValue::Bool(*b),
                    _ => {
                        d.wrong_type(node, ty.name());
                        return None;
                    }
                };
                match coerce(ty, &given) {
                    Ok(v) => Some((v, d.span(node))),
                    Err(why) => {
                        d.report(
                            Diagnostic::new(
                                Rule::VariableType,
                                format!("the default of `{name}` is not {}{why}", ty.name()),
                            )
                            .at(d.span(node), format!("not {}", ty.name())),
                        );
                        None
                    }
                }
            });
            out.push(Declared {
                name,
                span,
                ty,
                default,
            });
        }
    }
    out
}

/// Variable names match `[A-Za-z_][A-Za-z0-9_-]{0,63}`: a letter or `_`
/// first, so that `var.1` is never a number.
fn is_variable_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.len() <= 64
        && bytes
            .first()
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
}

/// What substituting one file found.
pub(crate) struct Substituted {
    pub used: HashSet<String>,
    /// Whether an expression was wrong (reported).
    pub failed: bool,
}

/// Replaces every `${...}` of a file's tree by its value.
pub(crate) fn substitute(
    root: &mut Node,
    file: FileId,
    source: &SourceFile,
    bound: &Bound,
    diagnostics: &mut Vec<Diagnostic>,
) -> Substituted {
    let scope = FileScope {
        bound,
        used: RefCell::new(HashSet::default()),
    };
    let mut walk = Walk {
        file,
        source,
        scope: &scope,
        diagnostics,
        failed: false,
    };
    if let Value::Map(top) = &mut root.value {
        for (key, value) in top {
            // Defaults are values, not expressions.
            if !matches!(&key.value, Value::Str(s) if s == VARIABLES) {
                walk.node(value);
            }
        }
    }
    let failed = walk.failed;
    Substituted {
        used: scope.used.into_inner(),
        failed,
    }
}

/// A warning for each variable no file uses.
pub(crate) fn unused(bound: &Bound, used: &HashSet<String>, diagnostics: &mut Vec<Diagnostic>) {
    for (name, span) in &bound.declared {
        if !used.contains(name) {
            diagnostics.push(
                Diagnostic::new(
                    Rule::UnusedVariable,
                    format!("variable `{name}` is declared but never used"),
                )
                .at(*span, "not used by any `${var...}`")
                .help("remove it, or use it as `${var.NAME}`"),
            );
        }
    }
}

struct FileScope<'a> {
    bound: &'a Bound,
    used: RefCell<HashSet<String>>,
}

impl Scope for FileScope<'_> {
    fn variable(&self, name: &str) -> Option<Val> {
        let value = self.bound.values.get(name).cloned();
        if value.is_some() {
            self.used.borrow_mut().insert(name.to_string());
        }
        value
    }

    fn unknown(&self, name: &str, at: Range<usize>) -> ExprError {
        let declared = self.bound.declared.iter().map(|(n, _)| n.as_str());
        let help = match closest(name, declared) {
            Some(close) => format!("did you mean `var.{close}`?"),
            None => format!("declare it under `{VARIABLES}:` in a file of the stack"),
        };
        ExprError {
            kind: ExprErrorKind::UnknownVariable,
            message: format!("no variable `{name}` is declared"),
            at,
            help: Some(help),
        }
    }
}

struct Walk<'a, 'd> {
    file: FileId,
    source: &'a SourceFile,
    scope: &'a FileScope<'a>,
    diagnostics: &'d mut Vec<Diagnostic>,
    failed: bool,
}

impl Walk<'_, '_> {
    fn node(&mut self, node: &mut Node<'_>) {
        match &mut node.value {
            Value::Map(entries) => {
                for (key, value) in entries {
                    if matches!(&key.value, Value::Str(s) if s.contains("${")) {
                        self.fail(
                            key,
                            ExprError {
                                kind: ExprErrorKind::Syntax,
                                message: "keys are never substituted: `${...}` belongs in values"
                                    .into(),
                                at: 0..0,
                                help: Some("write the key itself".into()),
                            },
                            None,
                        );
                    }
                    self.node(value);
                }
            }
            Value::Seq(items) => items.iter_mut().for_each(|n| self.node(n)),
            Value::Str(text) => {
                if let Some(value) = self.scalar(text, node.start, node.end) {
                    node.value = value;
                }
            }
            Value::Null | Value::Bool(_) | Value::Int(_) | Value::Float(_) => {}
        }
    }

    /// The value of a scalar with expressions (`None`: none, or an error).
    fn scalar(&mut self, text: &str, start: u32, end: u32) -> Option<Value<'static>> {
        let at = Node {
            value: Value::Null,
            start,
            end,
        };
        let pieces = match expr::pieces(text) {
            Ok(Some(pieces)) => pieces,
            Ok(None) => return None,
            Err(e) => {
                self.fail(&at, e, Some(text));
                return None;
            }
        };
        if let [Piece::Expr { inner }] = pieces.as_slice()
            && inner.start == 2
            && inner.end + 1 == text.len()
        {
            return match expr::evaluate(text, inner.clone(), self.scope) {
                Ok(v) => Some(typed(v, start, end)),
                Err(e) => {
                    self.fail(&at, e, Some(text));
                    None
                }
            };
        }
        let mut out = String::new();
        for piece in &pieces {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Expr { inner } => match expr::evaluate(text, inner.clone(), self.scope) {
                    Ok(Val::Str(s)) => out.push_str(&s),
                    Ok(Val::Int(n)) => out.push_str(&n.to_string()),
                    Ok(Val::Bool(b)) => out.push_str(&b.to_string()),
                    Ok(Val::List(_)) => {
                        let e = ExprError {
                            kind: ExprErrorKind::Syntax,
                            message: "a list cannot be part of a text".into(),
                            at: inner.start - 2..inner.end + 1,
                            help: Some("give the list as the whole value, or pick one block with cidrsubnet".into()),
                        };
                        self.fail(&at, e, Some(text));
                        return None;
                    }
                    Err(e) => {
                        self.fail(&at, e, Some(text));
                        return None;
                    }
                },
            }
        }
        Some(Value::Str(out.into()))
    }

    fn fail(&mut self, node: &Node, e: ExprError, text: Option<&str>) {
        self.failed = true;
        let span = text.map_or_else(
            || node.span(self.file),
            |t| inner_span(self.source, node, t, &e.at, self.file),
        );
        let rule = match e.kind {
            ExprErrorKind::Syntax => Rule::InvalidExpression,
            ExprErrorKind::UnknownVariable => Rule::UnknownVariable,
            ExprErrorKind::OutOfRange => Rule::CidrFunctionRange,
        };
        let label = match e.kind {
            ExprErrorKind::Syntax => "here",
            ExprErrorKind::UnknownVariable => "not declared",
            ExprErrorKind::OutOfRange => "out of range",
        };
        let mut d = Diagnostic::new(rule, e.message).at(span, label);
        if let Some(help) = e.help {
            d = d.help(help);
        }
        self.diagnostics.push(d);
    }
}

/// An expression's value as a YAML value.
fn typed(v: Val, start: u32, end: u32) -> Value<'static> {
    match v {
        Val::Str(s) => Value::Str(s.into()),
        Val::Int(n) => Value::Int(n),
        Val::Bool(b) => Value::Bool(b),
        Val::List(items) => Value::Seq(
            items
                .into_iter()
                .map(|s| Node {
                    value: Value::Str(s.into()),
                    start,
                    end,
                })
                .collect(),
        ),
    }
}

/// The span of `at` (a range of the scalar's value) in the file: exact
/// when the scalar is written as its value, plain or between quotes
/// without escapes; else the whole scalar.
fn inner_span(
    source: &SourceFile,
    node: &Node,
    text: &str,
    at: &Range<usize>,
    file: FileId,
) -> Span {
    let raw = source
        .text
        .get(node.start as usize..node.end as usize)
        .unwrap_or("");
    let offset = if raw == text {
        Some(0)
    } else if raw.len() == text.len() + 2
        && (raw.starts_with('"') || raw.starts_with('\''))
        && &raw[1..raw.len() - 1] == text
    {
        Some(1)
    } else {
        None
    };
    match offset {
        Some(o) if at.end > at.start => Span::new(
            file,
            node.start + (o + at.start) as u32,
            node.start + (o + at.end) as u32,
        ),
        _ => node.span(file),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variable_names_start_with_a_letter_or_underscore() {
        for ok in ["base_cidr", "_private", "a", "web-count", "x1"] {
            assert!(is_variable_name(ok), "{ok}");
        }
        for bad in ["", "1st", "-x", "a.b", "a b", &"x".repeat(65)] {
            assert!(!is_variable_name(bad), "{bad}");
        }
    }

    #[test]
    fn given_values_are_read_as_the_declared_type() {
        let text = |s: &str| InputValue::Text(s.into());
        assert_eq!(coerce(VarType::Number, &text(" 3 ")), Ok(Val::Int(3)));
        assert!(coerce(VarType::Number, &InputValue::Str("3".into())).is_err());
        assert_eq!(coerce(VarType::Bool, &text("true")), Ok(Val::Bool(true)));
        assert!(coerce(VarType::Bool, &text("yes")).is_err());
        assert_eq!(
            coerce(VarType::Cidr, &text("10.1.0.0/16")),
            Ok(Val::Str("10.1.0.0/16".into()))
        );
        let host_bits = coerce(VarType::Cidr, &text("10.1.0.5/16")).unwrap_err();
        assert!(host_bits.contains("10.1.0.0/16"), "{host_bits}");
        assert!(coerce(VarType::Cidr, &text("2600:1f18::/56")).is_ok());
        assert_eq!(
            coerce(VarType::String, &text("us-east-1")),
            Ok(Val::Str("us-east-1".into()))
        );
    }
}
