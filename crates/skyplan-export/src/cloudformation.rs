//! A stack as one CloudFormation template (YAML): a logical id per
//! resource, `!Ref`/`!GetAtt` for every reference, `DependsOn` where AWS
//! needs an order the references do not give, and an output per id.

use std::collections::{BTreeMap, BTreeSet};

use skyplan_spec::Address;

use crate::doc::{Fields, Value};
use crate::{Note, logical_base};

/// One resource of the template.
pub(crate) struct Resource {
    logical: String,
    aws_type: &'static str,
    depends_on: Vec<String>,
    properties: Fields,
}

impl Resource {
    /// Its logical id (for a `!Ref` to a resource that is no stack
    /// resource, such as a listener).
    pub(crate) fn logical(&self) -> &str {
        &self.logical
    }

    pub(crate) fn depends_on(&mut self, logical: String) -> &mut Resource {
        if !self.depends_on.contains(&logical) {
            self.depends_on.push(logical);
        }
        self
    }
}

/// The template being written.
pub(crate) struct Template {
    /// Every stack resource's logical id, given before anything is written
    /// so a reference to a later resource has its name.
    ids: BTreeMap<Address, String>,
    taken: BTreeSet<String>,
    /// Extra resources' logical ids by their owner and role.
    extra: BTreeMap<(Address, String), String>,
    resources: Vec<Resource>,
    outputs: Vec<(String, Address)>,
    pub(crate) notes: Vec<Note>,
}

impl Template {
    pub(crate) fn new<'a>(addresses: impl IntoIterator<Item = &'a Address>) -> Template {
        let mut t = Template {
            ids: BTreeMap::new(),
            taken: BTreeSet::new(),
            extra: BTreeMap::new(),
            resources: Vec::new(),
            outputs: Vec::new(),
            notes: Vec::new(),
        };
        let mut sorted: Vec<&Address> = addresses.into_iter().collect();
        sorted.sort();
        for a in sorted {
            let id = t.unique(logical_base(a));
            t.ids.insert(a.clone(), id);
        }
        t
    }

    /// `base`, or `base2`, `base3`, … when taken (logical ids are
    /// alphanumeric, so `app-a` and `app_a` both give `AppA`).
    fn unique(&mut self, base: String) -> String {
        let mut id = base.clone();
        let mut n = 2;
        while self.taken.contains(&id) {
            id = format!("{base}{n}");
            n += 1;
        }
        self.taken.insert(id.clone());
        id
    }

    pub(crate) fn logical(&self, a: &Address) -> String {
        self.ids.get(a).cloned().unwrap_or_else(|| logical_base(a))
    }

    /// The logical id of `owner`'s extra resource `role` (its gateway
    /// attachment, its IPv6 block), the same whoever asks first.
    pub(crate) fn extra_id(&mut self, owner: &Address, role: &str) -> String {
        let key = (owner.clone(), role.to_string());
        if let Some(id) = self.extra.get(&key) {
            return id.clone();
        }
        let id = self.unique(format!("{}{role}", self.logical(owner)));
        self.extra.insert(key, id.clone());
        id
    }

    /// The resource of `address` itself, with an output of its id.
    pub(crate) fn main(
        &mut self,
        address: &Address,
        aws_type: &'static str,
        properties: Fields,
    ) -> &mut Resource {
        self.outputs.push((self.logical(address), address.clone()));
        let logical = self.logical(address);
        self.push(logical, aws_type, properties)
    }

    /// A further resource `address` needs (a route, an association).
    pub(crate) fn extra(
        &mut self,
        owner: &Address,
        role: &str,
        aws_type: &'static str,
        properties: Fields,
    ) -> &mut Resource {
        let logical = self.extra_id(owner, role);
        self.push(logical, aws_type, properties)
    }

    /// Another further resource (`Route1`, `AssociationSubnetAppA`).
    pub(crate) fn sub(
        &mut self,
        owner: &Address,
        role: &str,
        aws_type: &'static str,
        properties: Fields,
    ) -> &mut Resource {
        let logical = self.unique(format!("{}{role}", self.logical(owner)));
        self.push(logical, aws_type, properties)
    }

    fn push(
        &mut self,
        logical: String,
        aws_type: &'static str,
        properties: Fields,
    ) -> &mut Resource {
        self.resources.push(Resource {
            logical,
            aws_type,
            depends_on: Vec::new(),
            properties,
        });
        let last = self.resources.len() - 1;
        &mut self.resources[last]
    }

    pub(crate) fn note(&mut self, address: &Address, text: impl Into<String>) {
        self.notes.push(Note {
            address: Some(address.clone()),
            text: text.into(),
        });
    }

    /// The tags as CloudFormation's list, with `Name` (see
    /// [`crate::name_tag`]).
    pub(crate) fn tags(address: &Address, tags: &skyplan_spec::TagSet) -> Value {
        Value::List(
            crate::name_tag(address, tags)
                .into_iter()
                .map(|(k, v)| {
                    Fields::new()
                        .with("Key", Value::str(k))
                        .with("Value", Value::str(v))
                        .into_value()
                })
                .collect(),
        )
    }

    /// CloudFormation's template quotas (200 outputs, 500 resources).
    const MAX_OUTPUTS: usize = 200;
    const MAX_RESOURCES: usize = 500;

    /// A launch template's `TagSpecifications`: its own tags.
    pub(crate) fn launch_template_tags(address: &Address, tags: &skyplan_spec::TagSet) -> Value {
        Value::List(vec![
            Fields::new()
                .with("ResourceType", Value::str("launch-template"))
                .with("Tags", Template::tags(address, tags))
                .into_value(),
        ])
    }

    pub(crate) fn write(&mut self, description: &str) -> String {
        if self.resources.len() > Self::MAX_RESOURCES {
            self.notes.push(Note {
                address: None,
                text: format!(
                    "the template has {} resources and CloudFormation takes at most {}: split the stack (nested stacks, or one per VPC)",
                    self.resources.len(),
                    Self::MAX_RESOURCES
                ),
            });
        }
        if self.outputs.len() > Self::MAX_OUTPUTS {
            self.notes.push(Note {
                address: None,
                text: format!(
                    "{} ids and CloudFormation takes at most {} outputs: none are written",
                    self.outputs.len(),
                    Self::MAX_OUTPUTS
                ),
            });
            self.outputs.clear();
        }
        // About half a kilobyte a resource: one allocation, not a doubling per megabyte.
        let mut out = String::with_capacity(self.resources.len() * 512);
        out.push_str("AWSTemplateFormatVersion: \"2010-09-09\"\n");
        out.push_str(&format!("Description: {}\n", quoted(description)));
        // A spec names its zones on purpose (AWS assigns nothing here).
        out.push_str("Metadata:\n  cfn-lint:\n    config:\n      ignore_checks: [W3010]\n");
        out.push_str("Resources:\n");
        for r in &self.resources {
            out.push_str(&format!("  {}:\n    Type: {}\n", r.logical, r.aws_type));
            if !r.depends_on.is_empty() {
                out.push_str(&format!("    DependsOn: [{}]\n", r.depends_on.join(", ")));
            }
            if !r.properties.0.is_empty() {
                out.push_str("    Properties:");
                self.entries(&mut out, &r.properties.0, 6);
                out.push('\n');
            }
        }
        if !self.outputs.is_empty() {
            out.push_str("Outputs:\n");
            for (logical, address) in &self.outputs {
                out.push_str(&format!(
                    "  {logical}Id:\n    Description: {}\n    Value: !Ref {logical}\n",
                    quoted(&format!("The id of {address}"))
                ));
            }
        }
        out
    }

    /// `value` after a `key:` at `indent`: scalars on the same line, maps
    /// and lists on the lines below.
    fn block(&self, out: &mut String, value: &Value, indent: usize) {
        let pad = " ".repeat(indent);
        match value {
            Value::Map(entries) if !entries.is_empty() => self.entries(out, entries, indent),
            Value::List(items) if !items.is_empty() => {
                for item in items {
                    match item {
                        Value::Map(entries) if !entries.is_empty() => {
                            let mut first = true;
                            for (k, v) in entries {
                                let lead = if first { "- " } else { "  " };
                                first = false;
                                out.push_str(&format!("\n{pad}{lead}{k}:"));
                                self.block(out, v, indent + 4);
                            }
                        }
                        other => {
                            out.push_str(&format!("\n{pad}- "));
                            out.push_str(&self.flow(other));
                        }
                    }
                }
            }
            other => {
                out.push(' ');
                out.push_str(&self.flow(other));
            }
        }
    }

    /// A map's `key: value` lines at `indent`.
    fn entries(&self, out: &mut String, entries: &[(String, Value)], indent: usize) {
        for (k, v) in entries {
            out.push('\n');
            out.extend(std::iter::repeat_n(' ', indent));
            out.push_str(k);
            out.push(':');
            self.block(out, v, indent + 2);
        }
    }

    /// `value` on one line.
    fn flow(&self, value: &Value) -> String {
        match value {
            Value::Str(s) => quoted(s),
            Value::Int(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::List(items) | Value::PerCopy(items) => format!(
                "[{}]",
                items
                    .iter()
                    .map(|v| self.flow(v))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Value::Map(entries) => format!(
                "{{{}}}",
                entries
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", self.flow(v)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Value::Id(a) => format!("!Ref {}", self.logical(a)),
            Value::Attr {
                of, cloudformation, ..
            } => format!("!GetAtt {}.{cloudformation}", self.logical(of)),
            Value::Logical(logical, None) => format!("!Ref {logical}"),
            Value::Logical(logical, Some(attribute)) => format!("!GetAtt {logical}.{attribute}"),
            Value::Intrinsic(name, argument) => format!("!{name} {}", self.flow(argument)),
            // Never built for a template.
            Value::Expression(e) => quoted(e),
        }
    }
}

/// A YAML double-quoted scalar (JSON's escapes are YAML's).
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{85}') => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
