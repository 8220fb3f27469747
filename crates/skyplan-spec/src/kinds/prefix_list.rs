//! `prefix_list`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

/// One entry of a prefix list.
pub const PREFIX_LIST_ENTRY: &[Attr] = &[
    required(attr(
        "cidr",
        AttrType::Cidr,
        "A block of the list's address family.",
    )),
    attr("description", AttrType::String, "Up to 255 characters."),
];

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::PrefixList,
    doc: "A customer-managed prefix list: a named set of blocks that security group rules and routes use as one.",
    id_prefix: "pl",
    attributes: ATTRIBUTES,
    computed: &[],
};

declaration! {
    /// A customer-managed prefix list (see `SCHEMA`).
    PrefixListSpec {
        address_family: req_choice("IPv4", "IPv6") force_new
            "The family of its blocks; AWS cannot change it.",
        max_entries: req_ranged(1, 1000)
            "Its size: every group rule that uses it counts this many rules toward the group's quota.",
        entries: with(entries: Vec<PrefixListEntrySpec>, List(PREFIX_LIST_ENTRY))
            "Its blocks, at most `max_entries`.",
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PrefixListEntrySpec {
    pub span: Span,
    pub cidr: Sp<String>,
    pub description: Option<Sp<String>>,
}

/// `key:`: the list's blocks.
fn entries(d: &mut Decoder, f: &Fields, key: &str) -> Vec<PrefixListEntrySpec> {
    f.list(d, key, |d, node| {
        let span = d.span(node);
        let e = d.fields(
            node,
            &keys_of(PREFIX_LIST_ENTRY),
            "a prefix list entry",
            span,
        )?;
        let cidr = e.req_str(d, "cidr");
        Some(PrefixListEntrySpec {
            span,
            description: e.str(d, "description"),
            cidr: cidr?,
        })
    })
    .unwrap_or_default()
}
