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
    attributes: &[
        force_new(required(attr(
            "address_family",
            AttrType::Choice(&["IPv4", "IPv6"]),
            "The family of its blocks; AWS cannot change it.",
        ))),
        required(attr(
            "max_entries",
            AttrType::Integer { min: 1, max: 1000 },
            "Its size: every group rule that uses it counts this many rules toward the group's quota.",
        )),
        attr(
            "entries",
            AttrType::List(PREFIX_LIST_ENTRY),
            "Its blocks, at most `max_entries`.",
        ),
    ],
    computed: &[],
};

/// A customer-managed prefix list (see `PREFIX_LIST`).
#[derive(Debug, Clone, PartialEq)]
pub struct PrefixListSpec {
    /// `IPv4` or `IPv6`.
    pub address_family: Sp<String>,
    pub max_entries: Sp<i64>,
    pub entries: Vec<PrefixListEntrySpec>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PrefixListEntrySpec {
    pub span: Span,
    pub cidr: Sp<String>,
    pub description: Option<Sp<String>>,
}

pub(crate) fn decode(d: &mut Decoder, f: &Fields) -> Option<PrefixListSpec> {
    let attrs = Kind::PrefixList.schema().attributes;
    let address_family = f.req_choice(d, "address_family", choices(attrs, "address_family"));
    if f.node("max_entries").is_none() {
        f.req_int(d, "max_entries");
    }
    let max_entries = f.ranged(d, "max_entries", attrs);
    let entries = f
        .list(d, "entries", |d, node| {
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
        .unwrap_or_default();
    Some(PrefixListSpec {
        address_family: address_family?,
        max_entries: max_entries?,
        entries,
    })
}
