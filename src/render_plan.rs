//! Plans and states as Terraform-style text.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::sync::LazyLock;

use rayon::prelude::*;
use serde_json::{Map, Value};
use similar::{ChangeTag, TextDiff};
use skyplan_plan::{Action, ActionReason, Object, Plan, ResourceChange};
use skyplan_state::{ResourceState, State};

use crate::terminal::{Paint, escape_line};
use skyplan_plan::ExposureChanges;

/// A value as a plan shows it, written straight into the line that shows
/// it (a large plan has millions).
struct Shown<'a>(&'a Value);

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Value::Null => f.write_str("null"),
            Value::String(s) if s == KNOWN_AFTER_APPLY => f.write_str("(known after apply)"),
            Value::Object(o) => {
                f.write_str("{ ")?;
                for (i, (k, v)) in o.iter().enumerate() {
                    let comma = if i == 0 { "" } else { ", " };
                    write!(f, "{comma}\"{}\" = {}", escape_line(k), Shown(v))?;
                }
                f.write_str(" }")
            }
            other => write!(f, "{other}"),
        }
    }
}

/// Spaces to indent and pad with, sliced (most lines need fewer).
const SPACES: &str = "                                                                ";

/// A name padded to `width` characters, so the `=` of a block's lines
/// align (written in place: no string per line).
struct Pad<'a>(&'a str, usize);

impl std::fmt::Display for Pad<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)?;
        let mut short = self.1.saturating_sub(self.0.chars().count());
        while short > 0 {
            let n = short.min(SPACES.len());
            f.write_str(&SPACES[..n])?;
            short -= n;
        }
        Ok(())
    }
}

fn value(v: &Value) -> String {
    Shown(v).to_string()
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
    let mut line = match &c.deposed {
        Some(id) => format!(
            "  # {} (deposed object {}) {what}\n  # (left over from an interrupted replacement)\n",
            c.address,
            escape_line(id)
        ),
        None => format!("  # {} {what}\n", c.address),
    };
    let default_object = matches!(
        c.address.kind,
        skyplan_spec::Kind::DefaultSecurityGroup | skyplan_spec::Kind::DefaultNetworkAcl
    );
    match (c.action_reason, &c.because_of) {
        (Some(ActionReason::DeleteBecauseNoResourceConfig), _) if default_object => {
            line.push_str("  # (no longer taken over: AWS keeps it, with its rules as they are)\n")
        }
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

/// How one resource changes, for its attributes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Create,
    Delete,
    Update,
}

/// The spaces before the sign of a line at nesting `depth` (column 6 at
/// the top, as in Terraform); lines without a sign start two further in.
fn indent(depth: usize) -> std::borrow::Cow<'static, str> {
    let n = 6 + 4 * depth;
    match SPACES.get(..n) {
        Some(spaces) => spaces.into(),
        None => " ".repeat(n).into(),
    }
}

fn line(out: &mut String, depth: usize, sign: char, body: impl std::fmt::Display) {
    out.push_str(&indent(depth));
    out.push(sign);
    out.push(' ');
    let _ = write!(out, "{body}");
    out.push('\n');
}

/// A multi-line string, diffed line by line.
fn multiline(
    out: &mut String,
    depth: usize,
    sign: char,
    key: &str,
    before: Option<&str>,
    after: Option<&str>,
) {
    line(out, depth, sign, format!("{key} = <<-EOT"));
    let diff = TextDiff::from_lines(before.unwrap_or(""), after.unwrap_or(""));
    for change in diff.iter_all_changes() {
        let mark = match change.tag() {
            ChangeTag::Delete => "- ",
            ChangeTag::Insert => "+ ",
            ChangeTag::Equal => "  ",
        };
        let _ = writeln!(
            out,
            "{}    {mark}{}",
            indent(depth),
            escape_line(change.value().trim_end_matches('\n'))
        );
    }
    let _ = writeln!(out, "{}  EOT", indent(depth));
}

/// The names of the kind table's document attributes.
static DOCUMENTS: LazyLock<BTreeSet<&'static str>> = LazyLock::new(|| {
    skyplan_spec::Kind::ALL
        .iter()
        .flat_map(|k| k.schema().attributes)
        .filter(|a| a.ty == skyplan_spec::schema::AttrType::Document)
        .map(|a| a.name)
        .collect()
});

/// A document attribute of the kind table (an endpoint `policy`), kept as
/// minified JSON: shown pretty-printed, so a change diffs line by line.
fn document(key: &str, v: Option<&Value>) -> Option<String> {
    let text = v?.as_str()?;
    if !DOCUMENTS.contains(key) {
        return None;
    }
    let parsed: Value = serde_json::from_str(text).ok()?;
    serde_json::to_string_pretty(&parsed).ok()
}

fn is_multiline(v: Option<&Value>) -> bool {
    v.and_then(Value::as_str).is_some_and(|s| s.contains('\n'))
}

/// A list whose elements are mappings renders as repeated blocks.
fn is_block_list(v: Option<&Value>) -> bool {
    v.and_then(Value::as_array)
        .is_some_and(|l| l.iter().any(Value::is_object))
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn hidden(out: &mut String, depth: usize, n: usize, what: &str) {
    if n > 0 {
        let _ = writeln!(
            out,
            "{}  # ({} hidden)",
            indent(depth),
            plural(n, &format!("unchanged {what}"))
        );
    }
}

/// A mapping's entries as `"key" = value` lines (tags).
fn map_lines(
    out: &mut String,
    depth: usize,
    before: &Map<String, Value>,
    after: &Map<String, Value>,
) {
    let width = before
        .keys()
        .chain(after.keys())
        .map(|k| k.len() + 2)
        .max()
        .unwrap_or(0);
    let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut unchanged = 0;
    for k in keys {
        let quoted = format!("\"{}\"", escape_line(k));
        let name = Pad(&quoted, width);
        match (before.get(k), after.get(k)) {
            (Some(x), Some(y)) if x == y => unchanged += 1,
            (Some(x), Some(y)) => line(
                out,
                depth + 1,
                '~',
                format_args!("{name} = {} -> {}", Shown(x), Shown(y)),
            ),
            (None, Some(y)) => line(out, depth + 1, '+', format_args!("{name} = {}", Shown(y))),
            (Some(x), None) => line(
                out,
                depth + 1,
                '-',
                format_args!("{name} = {} -> null", Shown(x)),
            ),
            (None, None) => {}
        }
    }
    hidden(out, depth + 1, unchanged, "element");
}

/// The keys of `maps`, sorted and once each, and the width that aligns
/// their `=` (blocks, which have no `=`, do not count).
fn keys_and_width<'m>(
    maps: &[&'m Map<String, Value>],
    before: &Map<String, Value>,
    after: &Map<String, Value>,
) -> (Vec<&'m String>, usize) {
    let mut keys: Vec<&String> = maps.iter().flat_map(|m| m.keys()).collect();
    keys.sort();
    keys.dedup();
    let width = keys
        .iter()
        .filter(|k| !is_block_list(before.get(k.as_str()).or(after.get(k.as_str()))))
        .map(|k| k.len())
        .max()
        .unwrap_or(0);
    (keys, width)
}

/// The attributes of a mapping (a block, or a whole resource), aligned,
/// each rendered for `mode`.
fn attributes(
    out: &mut String,
    depth: usize,
    mode: Mode,
    before: &Map<String, Value>,
    after: &Map<String, Value>,
) {
    let (keys, width) = keys_and_width(&[before, after], before, after);
    let mut unchanged = 0;
    for key in keys {
        let (b, a) = (before.get(key.as_str()), after.get(key.as_str()));
        if mode == Mode::Update && b == a {
            unchanged += 1;
            continue;
        }
        attribute(out, depth, mode, key, width, b, a);
    }
    hidden(out, depth, unchanged, "attribute");
}

/// One attribute: a scalar, a list, a map or blocks.
fn attribute(
    out: &mut String,
    depth: usize,
    mode: Mode,
    key: &str,
    width: usize,
    b: Option<&Value>,
    a: Option<&Value>,
) {
    let shown = escape_line(key);
    let padded = Pad(&shown, width);
    let sign = match (mode, b, a) {
        (Mode::Create, ..) | (Mode::Update, None, Some(_)) => '+',
        (Mode::Delete, ..) | (Mode::Update, Some(_), None) => '-',
        _ => '~',
    };
    let empty = Map::new();
    if is_block_list(b.or(a)) {
        blocks(out, depth, mode, &shown, b, a);
        return;
    }
    match (b.or(a), b, a) {
        (Some(Value::Array(_)), ..) => {
            let before: &[Value] = b.and_then(Value::as_array).map_or(&[], Vec::as_slice);
            let after: &[Value] = a.and_then(Value::as_array).map_or(&[], Vec::as_slice);
            if before.is_empty() && after.is_empty() {
                let text = if mode == Mode::Delete {
                    "[] -> null"
                } else {
                    "[]"
                };
                line(out, depth, sign, format_args!("{padded} = {text}"));
                return;
            }
            line(out, depth, sign, format_args!("{padded} = ["));
            let mut unchanged = 0;
            for v in before {
                if after.contains(v) {
                    unchanged += 1;
                } else {
                    line(out, depth + 1, '-', format_args!("{},", Shown(v)));
                }
            }
            for v in after.iter().filter(|v| !before.contains(v)) {
                line(out, depth + 1, '+', format_args!("{},", Shown(v)));
            }
            hidden(out, depth + 1, unchanged, "element");
            let _ = writeln!(out, "{}  ]", indent(depth));
        }
        (Some(Value::Object(_)), ..) if key == "tags" => {
            let before = b.and_then(Value::as_object).unwrap_or(&empty);
            let after = a.and_then(Value::as_object).unwrap_or(&empty);
            line(out, depth, sign, format_args!("{padded} = {{"));
            map_lines(out, depth, before, after);
            let _ = writeln!(out, "{}  }}", indent(depth));
        }
        (Some(Value::Object(_)), ..) => {
            let before = b.and_then(Value::as_object).unwrap_or(&empty);
            let after = a.and_then(Value::as_object).unwrap_or(&empty);
            line(out, depth, sign, format_args!("{shown} {{"));
            let inner = if mode == Mode::Update && b.is_some() && a.is_some() {
                Mode::Update
            } else if a.is_some() {
                Mode::Create
            } else {
                Mode::Delete
            };
            attributes(out, depth + 1, inner, before, after);
            let _ = writeln!(out, "{}  }}", indent(depth));
        }
        _ if document(key, b).is_some() || document(key, a).is_some() => multiline(
            out,
            depth,
            sign,
            &padded.to_string(),
            document(key, b).as_deref(),
            document(key, a).as_deref(),
        ),
        _ if is_multiline(b) || is_multiline(a) => multiline(
            out,
            depth,
            sign,
            &padded.to_string(),
            b.and_then(Value::as_str),
            a.and_then(Value::as_str),
        ),
        _ => match (b, a) {
            (Some(x), Some(y)) => line(
                out,
                depth,
                sign,
                format_args!("{padded} = {} -> {}", Shown(x), Shown(y)),
            ),
            (None, Some(y)) => line(out, depth, sign, format_args!("{padded} = {}", Shown(y))),
            (Some(x), None) => line(
                out,
                depth,
                sign,
                format_args!("{padded} = {} -> null", Shown(x)),
            ),
            (None, None) => {}
        },
    }
}

/// A list of blocks (rules, entries, routes): removed blocks, added ones,
/// and how many stayed as they were.
fn blocks(
    out: &mut String,
    depth: usize,
    mode: Mode,
    key: &str,
    b: Option<&Value>,
    a: Option<&Value>,
) {
    let before: &[Value] = b.and_then(Value::as_array).map_or(&[], Vec::as_slice);
    let after: &[Value] = a.and_then(Value::as_array).map_or(&[], Vec::as_slice);
    let empty = Map::new();
    let mut unchanged = 0;
    for v in before {
        if mode == Mode::Update && after.contains(v) {
            unchanged += 1;
            continue;
        }
        line(out, depth, '-', format_args!("{key} {{"));
        attributes(
            out,
            depth + 1,
            Mode::Delete,
            v.as_object().unwrap_or(&empty),
            &empty,
        );
        let _ = writeln!(out, "{}  }}", indent(depth));
    }
    for v in after
        .iter()
        .filter(|v| mode != Mode::Update || !before.contains(v))
    {
        line(out, depth, '+', format_args!("{key} {{"));
        attributes(
            out,
            depth + 1,
            Mode::Create,
            &empty,
            v.as_object().unwrap_or(&empty),
        );
        let _ = writeln!(out, "{}  }}", indent(depth));
    }
    hidden(out, depth, unchanged, &format!("{key} block"));
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
    c.address.kind.schema().is_computed(key)
}

fn block(out: &mut String, c: &ResourceChange, headline: fn(&ResourceChange) -> String) {
    let actions = c.actions();
    out.push_str(&headline(c));
    // Copies of a counted instance are one resource block, as in Terraform;
    // the index is in the `#` line.
    let _ = writeln!(
        out,
        "{} resource \"{}\" \"{}\" {{",
        symbol(actions),
        c.address.kind.singular(),
        escape_line(c.address.own_name())
    );
    let empty = Map::new();
    let map = |o: Option<&Object>| o.map_or_else(Map::new, Object::to_map);
    let (before, after) = (
        map(c.change.before.as_deref()),
        map(c.change.after.as_deref()),
    );
    let unknown: Map<String, Value> = c
        .change
        .after_unknown
        .iter()
        .map(|k| (k.to_string(), Value::Bool(true)))
        .collect();
    match actions {
        [Action::Create] => {
            let mut shown = after;
            for k in unknown.keys() {
                shown.insert(k.clone(), Value::String(KNOWN_AFTER_APPLY.into()));
            }
            attributes(out, 0, Mode::Create, &empty, &shown);
        }
        [Action::Delete] => attributes(out, 0, Mode::Delete, &before, &empty),
        _ => update(out, c, &before, &after, &unknown),
    }
    out.push_str("    }\n\n");
}

/// Stands, in a create's attributes, for a value apply computes; [`value`]
/// renders it bare. A spec string equal to it would only print the same.
const KNOWN_AFTER_APPLY: &str = "\u{0}(known after apply)";

/// An update or a replacement: what changes, `id` and `tags` always (as
/// Terraform shows them), forced attributes marked, the rest counted.
fn update(
    out: &mut String,
    c: &ResourceChange,
    before: &Map<String, Value>,
    after: &Map<String, Value>,
    unknown: &Map<String, Value>,
) {
    let forced: Vec<&str> = c
        .change
        .replace_paths
        .iter()
        .filter_map(|p| p.first().map(String::as_str))
        .collect();
    let (keys, width) = keys_and_width(&[before, after, unknown], before, after);
    let mut unchanged = 0;
    for key in keys {
        let k = key.as_str();
        let (b, a) = (before.get(k), after.get(k));
        let escaped = escape_line(k);
        let padded = Pad(&escaped, width);
        let note = if forced.contains(&k) {
            " # forces replacement"
        } else {
            ""
        };
        if unknown.get(k) == Some(&Value::Bool(true)) {
            let old = b.map_or_else(String::new, |v| format!("{} -> ", Shown(v)));
            line(
                out,
                0,
                '~',
                format_args!("{padded} = {old}(known after apply){note}"),
            );
            continue;
        }
        match (b, a) {
            (Some(x), Some(y)) if x == y && !note.is_empty() => {
                line(
                    out,
                    0,
                    '~',
                    format_args!("{padded} = {} (replaced){note}", Shown(y)),
                );
            }
            (Some(x), Some(y)) if x == y && refers_to_cause(c, y) => {
                let cause = c
                    .because_of
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                line(
                    out,
                    0,
                    '~',
                    format_args!("{padded} = {} # refers to the replaced {cause}", Shown(y)),
                );
            }
            (Some(x), Some(y)) if x == y && (k == "id" || k == "tags") => {
                line(out, 0, ' ', format_args!("{padded} = {}", Shown(y)));
            }
            (Some(x), Some(y)) if x == y => unchanged += 1,
            (Some(_), None) if is_computed(c, k) => unchanged += 1,
            _ => {
                let mut text = String::new();
                attribute(&mut text, 0, Mode::Update, k, width, b, a);
                if !note.is_empty() {
                    // The forced attribute's first line carries the note.
                    if let Some(end) = text.find('\n') {
                        text.insert_str(end, note);
                    }
                }
                out.push_str(&text);
            }
        }
    }
    hidden(out, 0, unchanged, "attribute");
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

/// Changes rendered (in parallel) per part [`write_plan`] hands on.
const BLOCKS_PER_PART: usize = 1024;

/// Changes rendered into one text, one after the other: a text per change
/// would be a million small strings in a large plan.
const BLOCKS_PER_TEXT: usize = 64;

/// About what one change's block takes (an instance's is some 700 bytes).
const BYTES_PER_BLOCK: usize = 768;

/// The whole plan (legend, one block per change, summary line; coloured
/// when `colors` is on) handed to `out` in parts, in order, as they are
/// rendered: a 100,000-resource plan is some 70 MB of text, written out as
/// it is made instead of held whole (twice: its blocks, then joined).
pub fn write_plan(p: &Plan, colors: Paint, mut out: impl FnMut(&str)) {
    let changes: Vec<&ResourceChange> =
        p.resource_changes.iter().filter(|c| !c.is_noop()).collect();
    if !p.moved.is_empty() {
        out(&moves(p));
    }
    if changes.is_empty() {
        return out(&outcome(p));
    }
    let mut head = String::from("Resource actions are indicated with the following symbols:\n");
    let legend = [
        ("  +", "create"),
        ("  ~", "update in-place"),
        ("  -", "destroy"),
        ("-/+", "destroy and then create replacement"),
        ("+/-", "create replacement and then destroy"),
    ];
    for (sym, text) in legend {
        if changes.iter().any(|c| symbol(c.actions()) == sym) {
            let _ = writeln!(head, "{sym} {text}");
        }
    }
    head.push_str("\nskyplan will perform the following actions:\n\n");
    out(&paint(head, colors));
    // Blocks are independent: each part's are rendered in parallel and
    // joined in the plan's order. Parts end at a line's end, so each is
    // coloured on its own.
    for part in changes.chunks(BLOCKS_PER_PART) {
        let texts: Vec<String> = part
            .par_chunks(BLOCKS_PER_TEXT)
            .map(|blocks| {
                let mut text = String::with_capacity(blocks.len() * BYTES_PER_BLOCK);
                for c in blocks {
                    block(&mut text, c, headline);
                }
                text
            })
            .collect();
        for text in texts {
            out(&paint(text, colors));
        }
    }
    out(&outcome(p));
}

/// What the change does to traffic from the internet, under the plan.
pub fn exposure_changes(c: &ExposureChanges) -> String {
    if c.unrecorded {
        return "\nReachability: the state has no record of what the internet reaches (it was imported,\nor last applied by a skyplan without it); the next apply records it.\n".into();
    }
    if c.is_empty() {
        return String::new();
    }
    let mut text = String::from("\nReachability changes (from the internet):\n");
    for o in &c.opens {
        let _ = writeln!(
            text,
            "  + {} becomes reachable",
            escape_line(&o.to_string())
        );
    }
    for o in &c.closes {
        let _ = writeln!(
            text,
            "  - {} is no longer reachable",
            escape_line(&o.to_string())
        );
    }
    text
}

/// The objects that move, as Terraform shows them: "has moved to".
fn moves(p: &Plan) -> String {
    let mut text = String::new();
    for m in &p.moved {
        let _ = writeln!(
            text,
            "  # {} has moved to {}",
            escape_line(&m.from.to_string()),
            escape_line(&m.to.to_string())
        );
    }
    text.push('\n');
    text
}

/// The plan's outcome in one line: what `-q` prints.
pub fn outcome(p: &Plan) -> String {
    if !p.has_changes() {
        return "No changes. Your infrastructure matches the configuration.\n".into();
    }
    let s = p.summary;
    let moved = match p.moved.len() {
        0 => String::new(),
        n => format!(" {n} to move,"),
    };
    format!(
        "Plan:{moved} {} to add, {} to change, {} to destroy.\n",
        s.add, s.change, s.destroy
    )
}

/// What changed outside skyplan, Terraform's "Objects have changed
/// outside" section: `drift` is the plan from the state to the network a
/// snapshot shows (changes a replacement would cause are not drift).
pub fn drift(drift: &Plan, snapshot: &str, colors: Paint) -> String {
    let changes = drifted(drift);
    if changes.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "Note: Objects have changed outside of skyplan\n\nskyplan detected the following changes made outside of skyplan since the last\n\"skyplan apply\" (snapshot {snapshot}):\n\n"
    );
    for c in changes {
        block(&mut out, c, drift_headline);
    }
    out.push_str("Unless you have made equivalent changes to your configuration, the following plan\nmay include actions to undo or respond to these changes.\n\n");
    out.push_str(&"─".repeat(77));
    out.push_str("\n\n");
    paint(out, colors)
}

/// The drift in one line: what `-q` prints (nothing when there is none).
pub fn drift_outcome(drift: &Plan) -> String {
    match drifted(drift).len() {
        0 => String::new(),
        n => format!(
            "Note: {n} object(s) changed outside of skyplan (run without -q to see them).\n"
        ),
    }
}

/// A drift plan's own changes (what a replacement would cause is not
/// drift).
fn drifted(drift: &Plan) -> Vec<&ResourceChange> {
    drift
        .resource_changes
        .iter()
        .filter(|c| !c.is_noop() && c.because_of.is_none())
        .collect()
}

fn drift_headline(c: &ResourceChange) -> String {
    let what = match c.actions() {
        [Action::Create] => "exists in the snapshot but not in the state (made outside skyplan)",
        [Action::Delete] => "has been deleted",
        _ => "has changed",
    };
    format!("  # {} {what}\n", c.address)
}

/// One resource of the state, Terraform `show` style.
pub fn resource(r: &ResourceState) -> String {
    let mut out = format!(
        "# {}:\nresource \"{}\" \"{}\" {{\n",
        r.address,
        r.address.kind.singular(),
        r.address.own_name()
    );
    let attributes = r.attributes.to_map();
    let width = attributes.keys().map(String::len).max().unwrap_or(0).max(2);
    let _ = writeln!(out, "    {:width$} = \"{}\"", "id", escape_line(&r.id));
    for (k, v) in &attributes {
        let _ = writeln!(out, "    {:width$} = {}", escape_line(k), shown(v, 1));
    }
    out.push_str("}\n");
    out
}

/// A state value as Terraform `show` writes it: scalars and maps inline, a
/// list of scalars on one line, a list of objects (listeners, a group's
/// instances) one object a block, one attribute a line.
fn shown(v: &Value, depth: usize) -> String {
    let pad = |d: usize| "    ".repeat(d);
    match v {
        Value::Array(items) if items.iter().any(Value::is_object) => {
            let mut out = String::from("[\n");
            for item in items {
                let _ = writeln!(out, "{}{},", pad(depth + 1), shown_block(item, depth + 1));
            }
            out.push_str(&pad(depth));
            out.push(']');
            out
        }
        Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(|i| shown(i, depth)).collect();
            format!("[{}]", inner.join(", "))
        }
        other => value(other),
    }
}

/// An object in a list, as a block of `key = value` lines.
fn shown_block(v: &Value, depth: usize) -> String {
    let Value::Object(o) = v else {
        return shown(v, depth);
    };
    let width = o.keys().map(String::len).max().unwrap_or(0);
    let mut out = String::from("{\n");
    for (k, v) in o {
        let _ = writeln!(
            out,
            "{}{:width$} = {}",
            "    ".repeat(depth + 1),
            escape_line(k),
            shown(v, depth + 1)
        );
    }
    out.push_str(&"    ".repeat(depth));
    out.push('}');
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
