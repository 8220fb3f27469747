//! A stack's desired resources written for the tools that build real
//! networks: one CloudFormation template, or Terraform configuration for
//! the hashicorp/aws provider. Nothing here reads or writes files: the
//! caller gets the text and the notes on what either format cannot say.

mod cloudformation;
mod doc;
mod kinds;
mod terraform;

use skyplan_plan::Desired;
use skyplan_spec::{Address, TagSet};

/// The format to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    CloudFormation,
    Terraform,
}

/// Something of the stack the format cannot say, or says differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// `None`: the stack as a whole.
    pub address: Option<Address>,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Export {
    /// The template (YAML) or configuration (`.tf`).
    pub text: String,
    /// By address.
    pub notes: Vec<Note>,
}

/// Writes `desired` (in creation order, as `skyplan_plan::desired` gives
/// it) for `format`; `stack` names the stack in the header.
pub fn export(desired: &[Desired], format: Format, stack: &str) -> Export {
    let index = kinds::Index::of(desired);
    let regions: Vec<&str> = index.regions().into_iter().collect();
    let header = format!(
        "skyplan stack {stack}: {} resources{}",
        desired.len(),
        match regions.as_slice() {
            [] => String::new(),
            [one] => format!(" in {one}"),
            many => format!(" in {}", many.join(", ")),
        }
    );
    let mut export = match format {
        Format::CloudFormation => {
            let mut t = cloudformation::Template::new(desired.iter().map(|d| &d.address));
            for d in desired {
                kinds::cloudformation(d, &mut t, &index);
            }
            Export {
                text: t.write(&header),
                notes: t.notes,
            }
        }
        Format::Terraform => {
            let mut c = terraform::Configuration::new(desired.iter().map(|d| &d.address));
            if let [region] = regions.as_slice() {
                c.provider(region);
            }
            let mut copies: Vec<terraform::Body> = Vec::new();
            let mut first_copy = 0;
            for (i, d) in desired.iter().enumerate() {
                let mark = c.mark();
                let body = kinds::terraform(d, &mut c, &index);
                match d.address.index {
                    None => c.main(mark, &d.address, body),
                    Some(_) => {
                        if copies.is_empty() {
                            first_copy = mark;
                        }
                        copies.push(body);
                        let last = desired.get(i + 1).is_none_or(|n| {
                            n.address.kind != d.address.kind || n.address.name != d.address.name
                        });
                        if last {
                            c.counted(first_copy, &d.address, std::mem::take(&mut copies));
                        }
                    }
                }
            }
            Export {
                text: c.write(&header),
                notes: c.notes,
            }
        }
    };
    if regions.len() > 1 {
        export.notes.push(Note {
            address: None,
            text: format!(
                "the stack spans {} regions ({}): a template or provider deploys to one, so split it per region",
                regions.len(),
                regions.join(", ")
            ),
        });
    }
    export.notes.sort_by(|a, b| a.address.cmp(&b.address));
    export
}

/// Whether `head`, the start of a file, is an earlier export (which a new
/// one may replace).
pub fn is_export(head: &str) -> bool {
    head.starts_with("AWSTemplateFormatVersion: \"2010-09-09\"\nDescription: \"skyplan stack ")
        || head.starts_with("# skyplan stack ")
}

/// A CloudFormation logical id: letters and digits only (`subnet.app-a`
/// is `SubnetAppA`, `instance.web[2]` is `InstanceWeb2`).
pub(crate) fn logical_base(a: &Address) -> String {
    let mut out = String::new();
    for word in a
        .kind
        .singular()
        .split('_')
        .chain(a.name.split(|c: char| !c.is_ascii_alphanumeric()))
    {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if let Some(i) = a.index {
        out.push_str(&i.to_string());
    }
    out
}

/// The tags a resource is exported with: its own, and `Name` (its name,
/// unless the spec sets one), so the console shows it and an import of
/// the built network names it back.
pub(crate) fn name_tag(address: &Address, tags: &TagSet) -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(tags.len() + 1);
    if tags.get("Name").is_none() {
        out.push(("Name".to_string(), address.name.to_string()));
    }
    out.extend(tags.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use skyplan_spec::Kind;

    #[test]
    fn logical_ids_are_alphanumeric_camel_case() {
        let a = Address::new(Kind::RouteTable, "private-a_2", None);
        assert_eq!(logical_base(&a), "RouteTablePrivateA2");
        let a = Address::new(Kind::Instance, "web", Some(3));
        assert_eq!(logical_base(&a), "InstanceWeb3");
    }

    #[test]
    fn the_name_tag_is_added_unless_the_spec_sets_one() {
        let a = Address::new(Kind::Vpc, "main", None);
        let tags: TagSet = [("env".to_string(), "prod".to_string())]
            .into_iter()
            .collect();
        assert_eq!(
            name_tag(&a, &tags),
            [
                ("Name".into(), "main".into()),
                ("env".into(), "prod".into())
            ]
        );
        let own: TagSet = [("Name".to_string(), "core".to_string())]
            .into_iter()
            .collect();
        assert_eq!(name_tag(&a, &own), [("Name".into(), "core".into())]);
    }
}
