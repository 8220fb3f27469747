//! Plans and states as Terraform-style text.

use std::fmt::Write;

use serde_json::Value;
use similar::{ChangeTag, TextDiff};
use skyplan_plan::{Action, ActionReason, Plan, ResourceChange};
use skyplan_state::{ResourceState, State};

use crate::terminal::{Paint, escape_line};

fn value(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

fn symbol(actions: &[Action]) -> &'static str {
    match actions {
        [Action::Create] => "  +",
        [Action::Update] => "  ~",
        [Action::Delete] => "  -",
        [Action::Delete, Action::Create] => "-/+",
        [Action::Create, Action::Delete] => "+/-",
        _ => "   ",
    }
}

fn headline(c: &ResourceChange) -> String {
    let what = match c.actions() {
        [Action::Create] => "will be created",
        [Action::Update] => "will be updated in-place",
        [Action::Delete] => "will be destroyed",
        _ => "must be replaced",
    };
    let mut line = format!("  # {} {what}\n", c.address);
    match (c.action_reason, &c.because_of) {
        (Some(ActionReason::DeleteBecauseNoResourceConfig), _) => {
            line.push_str("  # (because it is no longer in the spec)\n")
        }
        (Some(ActionReason::ReplaceBecauseDependencyReplaced), Some(cause)) => {
            let _ = writeln!(line, "  # (replaced because {cause} is replaced)");
        }
        (Some(ActionReason::UpdateBecauseDependencyReplaced), Some(cause)) => {
            let _ = writeln!(line, "  # (updated because {cause} is replaced)");
        }
        _ => {}
    }
    line
}

/// A multi-line string, diffed line by line.
fn multiline(
    out: &mut String,
    pad: &str,
    sign: &str,
    key: &str,
    before: Option<&str>,
    after: Option<&str>,
) {
    let _ = writeln!(out, "      {sign} {key}{pad} = <<-EOT");
    let diff = TextDiff::from_lines(before.unwrap_or(""), after.unwrap_or(""));
    for change in diff.iter_all_changes() {
        let mark = match change.tag() {
            ChangeTag::Delete => "- ",
            ChangeTag::Insert => "+ ",
            ChangeTag::Equal => "  ",
        };
        let _ = writeln!(
            out,
            "          {mark}{}",
            escape_line(change.value().trim_end_matches('\n'))
        );
    }
    out.push_str("        EOT\n");
}

fn is_multiline(v: Option<&Value>) -> bool {
    v.and_then(Value::as_str).is_some_and(|s| s.contains('\n'))
}

/// Whether an unchanged value names the replaced resource behind a
/// cascaded update (so the reader sees why it is updated).
fn refers_to_cause(c: &ResourceChange, v: &Value) -> bool {
    c.action_reason == Some(ActionReason::UpdateBecauseDependencyReplaced)
        && c.because_of
            .as_ref()
            .is_some_and(|cause| v.to_string().contains(&format!("\"{cause}\"")))
}

/// Whether AWS computes this attribute of the change's kind.
fn is_computed(c: &ResourceChange, key: &str) -> bool {
    skyplan_spec::Kind::from_singular(&c.kind).is_some_and(|k| k.schema().is_computed(key))
}

fn block(out: &mut String, c: &ResourceChange) {
    let actions = c.actions();
    out.push_str(&headline(c));
    let resource_name = c
        .address
        .split_once('.')
        .map_or(c.name.as_str(), |(_, n)| n);
    let _ = writeln!(
        out,
        "{} resource \"{}\" \"{}\" {{",
        symbol(actions),
        c.kind,
        resource_name
    );
    let empty = serde_json::Map::new();
    let before = c.change.before.as_object().unwrap_or(&empty);
    let after = c.change.after.as_object().unwrap_or(&empty);
    let unknown = c.change.after_unknown.as_object().unwrap_or(&empty);
    let forced: Vec<&str> = c
        .change
        .replace_paths
        .iter()
        .filter_map(|p| p.first().map(String::as_str))
        .collect();
    let mut keys: Vec<&String> = before
        .keys()
        .chain(after.keys())
        .chain(unknown.keys())
        .collect();
    keys.sort();
    keys.dedup();
    let width = keys.iter().map(|k| k.len()).max().unwrap_or(0);
    let mut hidden = 0;
    for key in keys {
        let pad = " ".repeat(width - key.len());
        let shown = escape_line(key);
        let (b, a) = (before.get(key.as_str()), after.get(key.as_str()));
        let is_unknown = unknown.get(key.as_str()) == Some(&Value::Bool(true));
        let note = if forced.contains(&key.as_str()) {
            " # forces replacement"
        } else {
            ""
        };
        match actions {
            [Action::Create] => match (a, is_unknown) {
                (Some(v), _) if is_multiline(Some(v)) => {
                    multiline(out, &pad, "+", &shown, None, v.as_str())
                }
                (Some(v), _) => {
                    let _ = writeln!(out, "      + {shown}{pad} = {}", value(v));
                }
                (None, true) => {
                    let _ = writeln!(out, "      + {shown}{pad} = (known after apply)");
                }
                (None, false) => {}
            },
            [Action::Delete] => {
                if let Some(v) = b {
                    let _ = writeln!(out, "      - {shown}{pad} = {} -> null", value(v));
                }
            }
            _ => {
                if is_unknown {
                    let old = b.map_or_else(String::new, |v| format!("{} -> ", value(v)));
                    let _ = writeln!(out, "      ~ {shown}{pad} = {old}(known after apply){note}");
                    continue;
                }
                match (b, a) {
                    (Some(x), Some(y)) if x == y && !note.is_empty() => {
                        let _ =
                            writeln!(out, "      ~ {shown}{pad} = {} (replaced){note}", value(y));
                    }
                    (Some(x), Some(y)) if x == y && refers_to_cause(c, y) => {
                        let cause = c.because_of.as_deref().unwrap_or_default();
                        let _ = writeln!(
                            out,
                            "      ~ {shown}{pad} = {} # refers to the replaced {cause}",
                            value(y)
                        );
                    }
                    (Some(x), Some(y)) if x == y => hidden += 1,
                    (Some(x), Some(y)) if is_multiline(Some(x)) || is_multiline(Some(y)) => {
                        multiline(out, &pad, "~", &shown, x.as_str(), y.as_str())
                    }
                    (Some(x), Some(y)) => {
                        let _ = writeln!(
                            out,
                            "      ~ {shown}{pad} = {} -> {}{note}",
                            value(x),
                            value(y)
                        );
                    }
                    (None, Some(y)) => {
                        let _ = writeln!(out, "      + {shown}{pad} = {}{note}", value(y));
                    }
                    (Some(x), None) if !is_computed(c, key) => {
                        let _ = writeln!(out, "      - {shown}{pad} = {} -> null{note}", value(x));
                    }
                    _ => {}
                }
            }
        }
    }
    if hidden > 0 {
        let s = if hidden == 1 { "" } else { "s" };
        let _ = writeln!(out, "        # ({hidden} unchanged attribute{s} hidden)");
    }
    out.push_str("    }\n\n");
}

/// Colours a rendered plan as Terraform does: the action signs at the
/// start of a line green (+), yellow (~) or red (-), headlines bold. Every
/// value in the text is already escaped, so no line can fake a sign's
/// colour codes.
fn paint(text: String, paint: Paint) -> String {
    if !paint.on {
        return text;
    }
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for line in text.split_inclusive('\n') {
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        let (sign, rest) = body.split_once(' ').unwrap_or((body, ""));
        let colored = match sign {
            "+" => Some(paint.green(sign)),
            "~" => Some(paint.yellow(sign)),
            "-" => Some(paint.red(sign)),
            "-/+" | "+/-" => Some(format!(
                "{}{}",
                paint.red(&sign[..2]),
                paint.green(&sign[2..])
            )),
            "#" if body.starts_with("# ") && !body.starts_with("# (") => {
                Some(paint.bold(body.trim_end()) + &body[body.trim_end().len()..])
            }
            _ => None,
        };
        match colored {
            Some(c) if sign == "#" => {
                out.push_str(indent);
                out.push_str(&c);
            }
            Some(c) => {
                out.push_str(indent);
                out.push_str(&c);
                if !rest.is_empty() || body.len() > sign.len() {
                    out.push(' ');
                }
                out.push_str(rest);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// The whole plan: legend, one block per change, summary line; coloured
/// when `colors` is on.
pub fn plan(p: &Plan, colors: Paint) -> String {
    paint(plain(p), colors)
}

fn plain(p: &Plan) -> String {
    let changes: Vec<&ResourceChange> =
        p.resource_changes.iter().filter(|c| !c.is_noop()).collect();
    if changes.is_empty() {
        return "No changes. Your infrastructure matches the configuration.\n".into();
    }
    let mut out = String::from("Resource actions are indicated with the following symbols:\n");
    let legend = [
        ("  +", "create"),
        ("  ~", "update in-place"),
        ("  -", "destroy"),
        ("-/+", "destroy and then create replacement"),
        ("+/-", "create replacement and then destroy"),
    ];
    for (sym, text) in legend {
        if changes.iter().any(|c| symbol(c.actions()) == sym) {
            let _ = writeln!(out, "{sym} {text}");
        }
    }
    out.push_str("\nskyplan will perform the following actions:\n\n");
    for c in changes {
        block(&mut out, c);
    }
    let s = p.summary;
    let _ = writeln!(
        out,
        "Plan: {} to add, {} to change, {} to destroy.",
        s.add, s.change, s.destroy
    );
    out
}

/// One resource of the state, Terraform `show` style.
pub fn resource(r: &ResourceState) -> String {
    let mut out = format!(
        "# {}:\nresource \"{}\" \"{}\" {{\n",
        r.address,
        r.kind,
        r.address.split_once('.').map_or("", |(_, n)| n)
    );
    let width = r
        .attributes
        .keys()
        .map(String::len)
        .max()
        .unwrap_or(0)
        .max(2);
    let _ = writeln!(out, "    {:width$} = \"{}\"", "id", escape_line(&r.id));
    for (k, v) in &r.attributes {
        let _ = writeln!(out, "    {:width$} = {}", escape_line(k), value(v));
    }
    out.push_str("}\n");
    out
}

pub fn state(s: &State) -> String {
    if s.resources.is_empty() {
        return "The state is empty.\n".into();
    }
    s.resources
        .values()
        .map(resource)
        .collect::<Vec<_>>()
        .join("\n")
}
