//! The spanned tree straight from granit-parser's events, for plain YAML.
//! `None` means "not decided here": anchors, aliases, tags, merge keys,
//! several documents, parse errors, the limits, and plain scalars that
//! might be numbers of a form other than a small decimal integer all go to
//! serde-saphyr, whose answer (tree or error) is then the only one.

use std::borrow::Cow;

use granit_parser::{Event, Parser, ScalarStyle, Span as EventSpan};

use super::{MAX_DEPTH, Node, Value};

/// Most events a file may have before serde-saphyr judges it (its budget).
const MAX_EVENTS: usize = 40_000_000;

/// A collection being built.
enum Open<'t> {
    Seq(Node<'t>),
    /// The mapping, and its key while the value is read.
    Map(Node<'t>, Option<Node<'t>>),
}

pub(super) fn parse(text: &str) -> Option<Node<'_>> {
    let mut parser = Parser::new_from_str(text);
    let mut open: Vec<Open> = Vec::new();
    let mut root = None;
    let mut documents = 0;
    for _ in 0..MAX_EVENTS {
        let (event, span) = parser.next_event()?.ok()?;
        let node = match event {
            Event::StreamStart | Event::DocumentEnd => continue,
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return None;
                }
                continue;
            }
            Event::StreamEnd => return root,
            Event::Scalar(text, style, 0, None) => {
                let value = match style {
                    ScalarStyle::Plain => plain(text)?,
                    _ => Value::Str(text),
                };
                if matches!(&value, Value::Str(s) if s == "<<") {
                    return None;
                }
                at(value, span)?
            }
            Event::SequenceStart(_, 0, None) | Event::MappingStart(_, 0, None) => {
                if open.len() >= MAX_DEPTH {
                    return None;
                }
                let is_map = matches!(event, Event::MappingStart(..));
                let value = if is_map {
                    Value::Map(Vec::new())
                } else {
                    Value::Seq(Vec::new())
                };
                let node = at(value, span)?;
                open.push(if is_map {
                    Open::Map(node, None)
                } else {
                    Open::Seq(node)
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match open.pop()? {
                Open::Seq(node) | Open::Map(node, None) => node,
                Open::Map(_, Some(_)) => return None,
            },
            _ => return None,
        };
        match open.last_mut() {
            None if root.is_none() => root = Some(node),
            None => return None,
            Some(Open::Seq(Node {
                value: Value::Seq(items),
                ..
            })) => items.push(node),
            Some(Open::Map(
                Node {
                    value: Value::Map(entries),
                    ..
                },
                key,
            )) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
            Some(_) => return None,
        }
    }
    None
}

fn at(value: Value<'_>, span: EventSpan) -> Option<Node<'_>> {
    let start = u32::try_from(span.start.byte_offset()?).ok()?;
    let end = u32::try_from(span.end.byte_offset()?).ok()?;
    Some(Node { value, start, end })
}

/// A plain scalar's value when serde-saphyr's reading of it is certain:
/// null, a YAML 1.2 boolean, a decimal integer of at most 18 digits, or a
/// string that no number form can be.
fn plain(text: Cow<'_, str>) -> Option<Value<'_>> {
    match text.as_ref() {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    let bytes = text.as_bytes();
    let unsigned = text.strip_prefix('-').unwrap_or(&text).as_bytes();
    if !unsigned.is_empty()
        && unsigned.len() <= 18
        && unsigned.iter().all(u8::is_ascii_digit)
        && (unsigned[0] != b'0' || (unsigned.len() == 1 && bytes.len() == 1))
    {
        return text.parse().ok().map(Value::Int);
    }
    let numeric_start = match bytes.first()? {
        b'+' | b'-' | b'.' => true,
        b => b.is_ascii_digit(),
    };
    if !numeric_start || cannot_be_a_number(bytes) {
        return Some(Value::Str(text));
    }
    None
}

/// Whether text that starts like a number holds what no YAML number form
/// (decimal, `0x`/`0o`/`0b`, underscores, floats, `.inf`/`.nan`) can: a
/// character other than letters, digits, `_`, `.`, `+`, `-`; a second `.`;
/// or a sign after the start that no exponent mark precedes. CIDRs,
/// addresses and port ranges (`1024-65535`) are decided here.
fn cannot_be_a_number(bytes: &[u8]) -> bool {
    let mut dots = 0;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'.' => dots += 1,
            b'+' | b'-' if i > 0 && !matches!(bytes[i - 1], b'e' | b'E') => return true,
            b'+' | b'-' | b'_' => {}
            b if b.is_ascii_alphanumeric() => {}
            _ => return true,
        }
    }
    dots > 1
}
