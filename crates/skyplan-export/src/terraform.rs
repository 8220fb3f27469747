//! A stack as Terraform configuration for the hashicorp/aws provider:
//! one `resource` block per object (a counted instance: one block with
//! `count`), references as `aws_x.name.id`, laid out as `terraform fmt`
//! lays it out (two-space indent, `=` aligned across adjacent one-line
//! arguments).

use std::collections::{BTreeMap, BTreeSet};

use skyplan_spec::{Address, Kind};

use crate::Note;
use crate::doc::Value;

/// A block's body: arguments and nested blocks, in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Body(pub(crate) Vec<(String, Entry)>);

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Entry {
    Argument(Value),
    Block(Body),
}

impl Body {
    pub(crate) fn new() -> Body {
        Body::default()
    }

    pub(crate) fn set(&mut self, key: &str, value: Value) -> &mut Body {
        self.0.push((key.to_string(), Entry::Argument(value)));
        self
    }

    pub(crate) fn maybe(&mut self, key: &str, value: Option<Value>) -> &mut Body {
        if let Some(v) = value {
            self.set(key, v);
        }
        self
    }

    pub(crate) fn block(&mut self, name: &str, body: Body) -> &mut Body {
        self.0.push((name.to_string(), Entry::Block(body)));
        self
    }
}

/// One `resource "type" "name"` block.
struct Resource {
    tf_type: &'static str,
    name: String,
    count: Option<usize>,
    body: Body,
}

/// The configuration being written.
pub(crate) struct Configuration {
    /// Each stack resource's Terraform name, by its address without index
    /// (copies of a counted instance share one block).
    names: BTreeMap<(Kind, String), String>,
    taken: BTreeSet<(&'static str, String)>,
    resources: Vec<Resource>,
    /// The provider's region, when the stack has one.
    region: Option<String>,
    pub(crate) notes: Vec<Note>,
}

impl Configuration {
    pub(crate) fn new<'a>(addresses: impl IntoIterator<Item = &'a Address>) -> Configuration {
        let mut c = Configuration {
            names: BTreeMap::new(),
            taken: BTreeSet::new(),
            resources: Vec::new(),
            region: None,
            notes: Vec::new(),
        };
        let mut sorted: Vec<&Address> = addresses.into_iter().collect();
        sorted.sort();
        for a in sorted {
            let key = (a.kind, a.name.clone());
            if c.names.contains_key(&key) {
                continue;
            }
            let name = c.unique(crate::kinds::terraform_type(a.kind), identifier(&a.name));
            c.names.insert(key, name);
        }
        c
    }

    fn unique(&mut self, tf_type: &'static str, base: String) -> String {
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.contains(&(tf_type, name.clone())) {
            name = format!("{base}_{n}");
            n += 1;
        }
        self.taken.insert((tf_type, name.clone()));
        name
    }

    /// The Terraform name of `a`'s block (every copy of a counted
    /// instance shares one).
    fn name_of(&self, a: &Address) -> String {
        (self.names.get(&(a.kind, a.name.clone())))
            .cloned()
            .unwrap_or_else(|| identifier(&a.name))
    }

    pub(crate) fn provider(&mut self, region: &str) {
        self.region = Some(region.to_string());
    }

    /// `aws_subnet.app-a` (with `[2]` for a copy of a counted instance).
    pub(crate) fn reference(&self, a: &Address) -> String {
        let name = self.name_of(a);
        let index = a.index.map(|i| format!("[{i}]")).unwrap_or_default();
        format!("{}.{name}{index}", crate::kinds::terraform_type(a.kind))
    }

    /// Where the next block goes: a resource's own block is placed before
    /// the further blocks its kind added meanwhile.
    pub(crate) fn mark(&self) -> usize {
        self.resources.len()
    }

    /// The block of `address` itself, at `mark`.
    pub(crate) fn main(&mut self, mark: usize, address: &Address, body: Body) {
        let tf_type = crate::kinds::terraform_type(address.kind);
        let name = self.name_of(address);
        self.resources.insert(
            mark,
            Resource {
                tf_type,
                name,
                count: None,
                body,
            },
        );
    }

    /// A further block `address` needs (`role`: its suffix, as in
    /// `aws_route_table_association.public_1`); its name.
    pub(crate) fn extra(
        &mut self,
        address: &Address,
        tf_type: &'static str,
        role: &str,
        body: Body,
    ) -> String {
        let base = format!("{}_{role}", self.name_of(address));
        let name = self.unique(tf_type, base);
        self.resources.push(Resource {
            tf_type,
            name: name.clone(),
            count: None,
            body,
        });
        name
    }

    pub(crate) fn note(&mut self, address: &Address, text: impl Into<String>) {
        self.notes.push(Note {
            address: Some(address.clone()),
            text: text.into(),
        });
    }

    /// The blocks of a counted instance's copies as one block with `count`:
    /// an argument the copies share is written once, one that differs as a
    /// list indexed by `count.index`. Copies whose blocks differ in shape
    /// stay apart (`web_0`, `web_1`, …).
    pub(crate) fn counted(&mut self, mark: usize, address: &Address, copies: Vec<Body>) {
        let tf_type = crate::kinds::terraform_type(address.kind);
        let name = self.name_of(address);
        match merge(&copies) {
            Some(body) => self.resources.insert(
                mark,
                Resource {
                    tf_type,
                    name,
                    count: Some(copies.len()),
                    body,
                },
            ),
            None => {
                self.note(
                    address,
                    "its copies differ in more than argument values; written as one block per copy",
                );
                for (i, body) in copies.into_iter().enumerate() {
                    let name = self.unique(tf_type, format!("{name}_{i}"));
                    self.resources.insert(
                        mark + i,
                        Resource {
                            tf_type,
                            name,
                            count: None,
                            body,
                        },
                    );
                }
            }
        }
    }

    pub(crate) fn write(&self, header: &str) -> String {
        // About half a kilobyte a resource: one allocation, not a doubling per megabyte.
        let mut out = String::with_capacity(self.resources.len() * 512);
        for line in header.lines() {
            out.push_str(&format!("# {line}\n"));
        }
        out.push_str(
            "\nterraform {\n  required_providers {\n    aws = {\n      source  = \"hashicorp/aws\"\n      version = \">= 5.0\"\n    }\n  }\n}\n",
        );
        if let Some(region) = &self.region {
            out.push_str(&format!(
                "\nprovider \"aws\" {{\n  region = {}\n}}\n",
                quoted(region)
            ));
        }
        for r in &self.resources {
            out.push_str(&format!("\nresource \"{}\" \"{}\" {{\n", r.tf_type, r.name));
            let mut body = Body::new();
            if let Some(n) = r.count {
                body.set("count", Value::Int(n as i64));
            }
            body.0.extend(r.body.0.iter().cloned());
            self.body(&mut out, &body, 1);
            out.push_str("}\n");
        }
        out
    }

    fn body(&self, out: &mut String, body: &Body, depth: usize) {
        let pad = "  ".repeat(depth);
        let mut i = 0;
        let entries = &body.0;
        while i < entries.len() {
            // A run of one-line arguments, aligned on their `=`.
            let mut run = Vec::new();
            while let Some((k, Entry::Argument(v))) = entries.get(i) {
                let text = self.value(v, depth);
                let one_line = !text.contains('\n');
                if !one_line && !run.is_empty() {
                    break;
                }
                run.push((k, text));
                i += 1;
                if !one_line {
                    break;
                }
            }
            let width = run.iter().map(|(k, _)| key(k).len()).max().unwrap_or(0);
            for (k, text) in &run {
                out.push_str(&format!("{pad}{:<width$} = {text}\n", key(k)));
            }
            if let Some((name, Entry::Block(inner))) = entries.get(i) {
                // One blank line around a block: the one after a block
                // before it is there already.
                if i > 0 && !matches!(entries[i - 1].1, Entry::Block(_)) {
                    out.push('\n');
                }
                out.push_str(&format!("{pad}{name} {{\n"));
                self.body(out, inner, depth + 1);
                out.push_str(&format!("{pad}}}\n"));
                i += 1;
                if i < entries.len() {
                    out.push('\n');
                }
            }
        }
    }

    fn value(&self, value: &Value, depth: usize) -> String {
        match value {
            Value::Str(s) => quoted(s),
            Value::Int(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::List(items) => {
                let texts: Vec<String> = items.iter().map(|v| self.value(v, depth + 1)).collect();
                if texts.iter().all(|t| !t.contains('\n')) {
                    format!("[{}]", texts.join(", "))
                } else {
                    let pad = "  ".repeat(depth + 1);
                    let close = "  ".repeat(depth);
                    format!(
                        "[\n{}\n{close}]",
                        texts
                            .iter()
                            .map(|t| format!("{pad}{t},"))
                            .collect::<Vec<_>>()
                            .join("\n")
                    )
                }
            }
            Value::Map(entries) => {
                if entries.is_empty() {
                    return "{}".into();
                }
                let pad = "  ".repeat(depth + 1);
                let close = "  ".repeat(depth);
                let width = entries.iter().map(|(k, _)| key(k).len()).max().unwrap_or(0);
                let lines: Vec<String> = entries
                    .iter()
                    .map(|(k, v)| format!("{pad}{:<width$} = {}", key(k), self.value(v, depth + 1)))
                    .collect();
                format!("{{\n{}\n{close}}}", lines.join("\n"))
            }
            Value::Id(a) => format!("{}.id", self.reference(a)),
            Value::Attr { of, terraform, .. } => format!("{}.{terraform}", self.reference(of)),
            Value::Expression(e) => e.clone(),
            Value::PerCopy(values) => format!(
                "{}[count.index]",
                self.value(&Value::List(values.clone()), depth)
            ),
            // Never built for a configuration.
            Value::Intrinsic(_, argument) => self.value(argument, depth),
            Value::Logical(logical, _) => logical.clone(),
        }
    }
}

/// The merged body of a counted resource's copies, or `None` when their
/// shapes differ.
fn merge(copies: &[Body]) -> Option<Body> {
    let first = copies.first()?;
    let mut merged = Body::new();
    for (i, (k, entry)) in first.0.iter().enumerate() {
        let same_key = copies
            .iter()
            .all(|c| c.0.get(i).is_some_and(|(ck, _)| ck == k));
        if !same_key || copies.iter().any(|c| c.0.len() != first.0.len()) {
            return None;
        }
        match entry {
            Entry::Argument(v) => {
                let values: Vec<&Value> = copies
                    .iter()
                    .filter_map(|c| match &c.0[i].1 {
                        Entry::Argument(v) => Some(v),
                        Entry::Block(_) => None,
                    })
                    .collect();
                if values.len() != copies.len() {
                    return None;
                }
                if values.iter().all(|x| *x == v) {
                    merged.set(k, v.clone());
                } else {
                    merged.set(k, Value::PerCopy(values.into_iter().cloned().collect()));
                }
            }
            Entry::Block(b) => {
                if copies.iter().any(|c| c.0[i].1 != Entry::Block(b.clone())) {
                    return None;
                }
                merged.block(k, b.clone());
            }
        }
    }
    Some(merged)
}

/// An argument or object key: bare when it is an identifier.
fn key(k: &str) -> String {
    if is_identifier(k) {
        k.to_string()
    } else {
        quoted(k)
    }
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A resource name Terraform accepts: skyplan's names are letters,
/// digits, `-` and `_`, but Terraform's cannot start with a digit, and a
/// module's resource (`net.app-a`, one flat configuration here) is
/// `net__app-a`.
fn identifier(name: &str) -> String {
    let name = name.replace('.', "__");
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{name}")
    } else {
        name
    }
}

/// An HCL string: JSON's escapes, and `${`/`%{` kept literal.
pub(crate) fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use skyplan_spec::Kind;

    fn written(body: Body) -> String {
        let a = Address::new(Kind::Vpc, "main", None);
        let mut c = Configuration::new([&a]);
        c.main(0, &a, body);
        let text = c.write("h");
        text[text.find("resource").unwrap()..].to_string()
    }

    #[test]
    fn adjacent_one_line_arguments_align_on_their_equals_sign() {
        let mut b = Body::new();
        b.set("cidr_block", Value::str("10.0.0.0/16"))
            .set("enable_dns_support", Value::Bool(true))
            .set(
                "tags",
                Value::Map(vec![("Name".into(), Value::str("main"))]),
            );
        let mut inner = Body::new();
        inner.set("a", Value::Int(1));
        b.block("nested", inner);
        assert_eq!(
            written(b),
            "resource \"aws_vpc\" \"main\" {\n  cidr_block         = \"10.0.0.0/16\"\n  enable_dns_support = true\n  tags = {\n    Name = \"main\"\n  }\n\n  nested {\n    a = 1\n  }\n}\n"
        );
    }

    #[test]
    fn copies_merge_when_only_values_differ() {
        let copy = |subnet: &str, nested: i64| {
            let mut b = Body::new();
            b.set("ami", Value::str("ami-1"))
                .set("subnet", Value::str(subnet));
            let mut inner = Body::new();
            inner.set("n", Value::Int(nested));
            b.block("metadata", inner);
            b
        };
        let merged = merge(&[copy("a", 1), copy("b", 1)]).unwrap();
        assert_eq!(merged.0[0].1, Entry::Argument(Value::str("ami-1")));
        assert_eq!(
            merged.0[1].1,
            Entry::Argument(Value::PerCopy(vec![Value::str("a"), Value::str("b")]))
        );
        // A nested block that differs cannot be indexed: no merge.
        assert_eq!(merge(&[copy("a", 1), copy("a", 2)]), None);
    }

    #[test]
    fn strings_keep_templates_literal() {
        assert_eq!(
            quoted("a ${b} %{c} $d \"e\"\n"),
            r#""a $${b} %%{c} $d \"e\"\n""#
        );
        assert_eq!(identifier("1a"), "_1a");
        assert_eq!(key("Name"), "Name");
        assert_eq!(key("aws:x y"), r#""aws:x y""#);
    }
}
