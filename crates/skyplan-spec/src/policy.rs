//! An endpoint's `policy:`: an IAM policy document written as YAML. It is
//! kept as the minified JSON AWS stores (what plans compare and states
//! hold), plus the parts the checks read, with their spans. Whether it is a
//! valid document is a check (`skyplan-rules`), not a decoding error: the
//! decoder accepts any YAML here.

use skyplan_diagnostics::{Diagnostic, Rule, Span};

use crate::declarations::{PolicySpec, Sp, StatementSpec};
use crate::decode::Decoder;
use crate::yaml::{Node, Value};

const POLICY_KEYS: &[&str] = &["Version", "Id", "Statement"];
const STATEMENT_KEYS: &[&str] = &[
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];

pub(crate) fn decode(d: &mut Decoder, node: &Node) -> PolicySpec {
    check_keys(d, node);
    let span = d.span(node);
    let mut json = String::new();
    minify(d, node, &mut json);
    let mut policy = PolicySpec {
        span,
        json,
        version: None,
        statements: None,
        unknown_keys: Vec::new(),
        statement_not_a_list: None,
    };
    let Value::Map(entries) = &node.value else {
        policy.statement_not_a_list = Some(span);
        return policy;
    };
    for (key, value) in entries {
        let name = key_text(d, key);
        match name.as_str() {
            "Version" => {
                policy.version = Some(Sp::new(scalar_text(d, value), d.span(value)));
            }
            "Statement" => match &value.value {
                Value::Seq(items) => {
                    policy.statements = Some(items.iter().map(|s| statement(d, s)).collect());
                }
                Value::Map(_) => policy.statements = Some(vec![statement(d, value)]),
                _ => policy.statement_not_a_list = Some(d.span(value)),
            },
            other if POLICY_KEYS.contains(&other) => {}
            _ => policy.unknown_keys.push(Sp::new(name, d.span(key))),
        }
    }
    policy
}

fn statement(d: &mut Decoder, node: &Node) -> StatementSpec {
    let mut s = StatementSpec {
        span: d.span(node),
        effect: None,
        action: None,
        not_action: None,
        resource: None,
        not_resource: None,
        principal: None,
        has_condition: false,
        unknown_keys: Vec::new(),
    };
    let Value::Map(entries) = &node.value else {
        return s;
    };
    for (key, value) in entries {
        let name = key_text(d, key);
        match name.as_str() {
            "Effect" => s.effect = Some(Sp::new(scalar_text(d, value), d.span(value))),
            "Action" => s.action = Some(strings(d, value)),
            "NotAction" => s.not_action = Some(strings(d, value)),
            "Resource" => s.resource = Some(strings(d, value)),
            "NotResource" => s.not_resource = Some(strings(d, value)),
            "Principal" => {
                let mut text = String::new();
                minify(d, value, &mut text);
                s.principal = Some(text);
            }
            "Condition" => s.has_condition = true,
            other if STATEMENT_KEYS.contains(&other) => {}
            _ => s.unknown_keys.push(Sp::new(name, d.span(key))),
        }
    }
    s
}

/// JSON, which AWS stores, has string keys, and IAM reads one value per
/// key: a key of another type, or one given twice (where YAML readers keep
/// either copy silently), is refused as everywhere else in a spec.
fn check_keys(d: &mut Decoder, node: &Node) {
    let mut pending = vec![node];
    while let Some(node) = pending.pop() {
        match &node.value {
            Value::Seq(items) => pending.extend(items.iter().rev()),
            Value::Map(entries) => {
                let mut seen: Vec<(&str, Span)> = Vec::new();
                for (key, value) in entries {
                    let Value::Str(name) = &key.value else {
                        d.wrong_type(key, "a string key (policies are JSON)");
                        continue;
                    };
                    let span = d.span(key);
                    if let Some((_, first)) = seen.iter().find(|(k, _)| k == name) {
                        d.report(
                            Diagnostic::new(
                                Rule::DuplicateKey,
                                format!("`{name}` is given twice in the policy"),
                            )
                            .at(span, "second definition")
                            .related(*first, "first definition")
                            .help("keep one of the two"),
                        );
                    } else {
                        seen.push((name, span));
                    }
                    pending.push(value);
                }
            }
            Value::Null | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Str(_) => {}
        }
    }
}

/// A string or a list of strings, as IAM takes `Action` and `Resource`.
fn strings(d: &Decoder, node: &Node) -> Vec<String> {
    match &node.value {
        Value::Seq(items) => items.iter().map(|i| scalar_text(d, i)).collect(),
        _ => vec![scalar_text(d, node)],
    }
}

fn key_text(d: &Decoder, key: &Node) -> String {
    scalar_text(d, key)
}

/// A scalar as text (a number as written); a list or mapping as nothing.
fn scalar_text(d: &Decoder, node: &Node) -> String {
    match &node.value {
        Value::Str(s) => s.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Int(_) | Value::Float(_) => d.text(node).to_string(),
        Value::Null | Value::Seq(_) | Value::Map(_) => String::new(),
    }
}

/// The value as minified JSON, keys in the order written.
fn minify(d: &Decoder, node: &Node, out: &mut String) {
    match &node.value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Float(_) => string(d.text(node), out),
        Value::Str(s) => string(s, out),
        Value::Seq(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                minify(d, item, out);
            }
            out.push(']');
        }
        Value::Map(entries) => {
            out.push('{');
            for (i, (key, value)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                string(&key_text(d, key), out);
                out.push(':');
                minify(d, value, out);
            }
            out.push('}');
        }
    }
}

fn string(text: &str, out: &mut String) {
    out.push_str(&serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into()));
}
