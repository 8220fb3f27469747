//! `prefix_list`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

block! {
    /// One entry of a prefix list.
    PrefixListEntrySpec in pub PREFIX_LIST_ENTRY, read entry as "a prefix list entry" {
        cidr: req_str(Cidr) "A block of the list's address family.",
        description: str(String) "Up to 255 characters.",
    }
}

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
        entries: blocks(entry: PrefixListEntrySpec, PREFIX_LIST_ENTRY)
            "Its blocks, at most `max_entries`.",
    }
}
